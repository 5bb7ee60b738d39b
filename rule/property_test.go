package rule_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// extremeArgs are arguments at the edges: zero values, extremes of every
// integer width, nil, invalid enum values, year 1 and 9999, and a Money
// at the extremes of its range.
var extremeArgs = []any{nil, 0, math.MaxInt, math.MinInt, uint64(math.MaxUint64), int8(math.MinInt8), "", "%d",
	currency.Money{}, currency.MustFromMinor(math.MinInt64, currency.SEK),
	currency.MustFromMinor(math.MaxInt64, currency.JPY),
	time.Time{}, time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), rule.Language(200), rule.ID(""),
	rule.Message{}, errors.New(""), []any{nil}, (*int)(nil), struct{}{}}

// Property: nothing in the package panics on random and extreme input, a
// list of problems never holds more than MaxProblems plus its summary,
// Len counts every problem added, and the JSON form keeps the count.
func TestProperty_ProblemsAndRender(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	formats := []string{"%v", "%d", "%s", "%q", "%[2]v", "%", "%%", "%x", "%[0]d", "a %v b %v c", ""}
	for range 300 {
		var ps rule.Problems
		want := r.IntN(3 * rule.MaxProblems)
		for i := range want {
			args := []any{extremeArgs[r.IntN(len(extremeArgs))], extremeArgs[r.IntN(len(extremeArgs))]}
			f := formats[r.IntN(len(formats))]
			m := rule.Message{English: f, Swedish: formats[r.IntN(len(formats))]}
			if i%2 == 0 {
				ps.Add(rule.ID(formats[r.IntN(len(formats))]), f, m, args...)
			} else {
				ps.Append(rule.Problem{Message: m, Args: args, Err: extremeArgsErr(r)})
			}
		}
		if ps.Len() != want || len(ps) > rule.MaxProblems+1 {
			t.Fatalf("added %d: len %d, Len %d", want, len(ps), ps.Len())
		}
		_ = ps.Error()
		_ = ps.Text(rule.Language(r.IntN(256)))
		_ = ps.Rules()
		var back rule.Problems
		if err := json.Unmarshal(ps.JSON(rule.Swedish), &back); err != nil || back.Len() != want {
			t.Fatalf("JSON round trip of %d problems: Len %d, %v", want, back.Len(), err)
		}
		if err := ps.Err(); (err == nil) != (want == 0) {
			t.Fatalf("Err() = %v for %d problems", err, want)
		}
	}
}

func extremeArgsErr(r *rand.Rand) error {
	if r.IntN(3) == 0 {
		return nil
	}
	return errors.New("x")
}

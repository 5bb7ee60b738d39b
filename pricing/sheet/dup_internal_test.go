package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/rule"
)

// The duplicate check (runs of a plan's rows, then a hash table once a
// plan comes back) names the same earlier line as a map of every key
// would, whatever the order of the rows and whether the reader reports
// its length (a table sized from it) or not (a table that grows).
func TestPRC03_DuplicateCheckAgreesWithMap(t *testing.T) {
	markets := [...][2]string{{"SE", "SEK"}, {"US", "USD"}, {"GB", "GBP"}, {"DE", "EUR"}, {"JP", "JPY"}}
	terms := [...][2]string{{"P1M", "upfront"}, {"P1Y", "monthly"}, {"P1Y", "upfront"}, {"P2Y", "annual"}, {"P3Y", "upfront"}}
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		plans := 1 + r.IntN(8)
		runLen := 1 + r.IntN(12)
		n := r.IntN(200)
		var b bytes.Buffer
		b.WriteString("market,currency,plan,term,payment,price\n")
		first := map[string]int{}
		want := map[int]int{} // line → earlier line
		for i := range n {
			m := markets[r.IntN(len(markets))]
			tp := terms[r.IntN(len(terms))]
			p := (i / runLen) % plans
			if trial%3 == 0 {
				p = r.IntN(plans)
			}
			key := fmt.Sprintf("%s,%s,plan-%d,%s,%s", m[0], m[1], p, tp[0], tp[1])
			line := i + 2
			if f, ok := first[key]; ok {
				want[line] = f
			} else {
				first[key] = line
			}
			fmt.Fprintf(&b, "%s,%d\n", key, 1+r.IntN(99))
		}
		for _, in := range []io.Reader{bytes.NewReader(b.Bytes()), io.MultiReader(bytes.NewReader(b.Bytes()))} {
			pol := DefaultPolicy()
			rows, err := pol.ReadCSV(in, "p.csv", nil)
			got := map[int]int{}
			var ps rule.Problems
			if errors.As(err, &ps) {
				for _, p := range ps {
					if !errors.Is(p.Err, ErrDuplicate) {
						t.Fatalf("trial %d: %v", trial, p)
					}
					var line, earlier int
					fmt.Sscanf(strings.TrimPrefix(p.Path, "p.csv line "), "%d", &line)
					fmt.Sscanf(strings.TrimPrefix(fmt.Sprint(p.Args[0]), "p.csv line "), "%d", &earlier)
					got[line] = earlier
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if len(want) <= MaxProblems && fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("trial %d: duplicates %v, want %v", trial, got, want)
			}
			if len(want) == 0 && len(rows) != n {
				t.Fatalf("trial %d: %d rows, want %d", trial, len(rows), n)
			}
		}
	}
}

package rule_test

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/render.golden from the current output")

type plainDays int

type namedStringer int

func (n namedStringer) String() string { return "ns" + strconv.Itoa(int(n)) }

type word string

// renderCases are messages and arguments covering every verb and argument
// kind the library's messages use (%s, %v, %d, %q, %%, explicit indexes),
// numbers at every grouping boundary and extreme, and the odd cases
// (missing and extra arguments, wrong verbs).
func renderCases() []struct {
	name string
	msg  rule.Message
	args []any
} {
	at := time.Date(2024, 1, 31, 23, 59, 0, 0, time.UTC)
	type c = struct {
		name string
		msg  rule.Message
		args []any
	}
	var cs []c
	ints := []any{0, 5, 999, 1000, 1234, 9999, 12345, 123456, 1234567, 12345678, -1, -999, -1000, -1234, -1234567,
		math.MaxInt64, math.MinInt64, uint64(math.MaxUint64), int8(-5), int8(-128), uint8(200), int16(-12345), uint16(65535),
		int32(70000), int32(math.MinInt32), uint32(4000000000), int64(-9876543210), uint(1000), uintptr(1000),
		plainDays(1500), plainDays(-1500), time.Duration(1500)}
	for _, verb := range []string{"%d", "%v"} {
		for _, n := range ints {
			cs = append(cs, c{fmt.Sprintf("%s %T=%d", verb, n, n), rule.Message{English: "n=" + verb + ".", Swedish: "tal=" + verb + "."}, []any{n}})
		}
	}
	others := []any{"gold", "", "with \"quotes\" and ü", true, false, nil, errors.New("boom 1000"), namedStringer(1234),
		time.Duration(90 * time.Minute), rule.PLN01, word("w"), []int{1000, -2000}, []string{"a", "b"}, rule.Swedish,
		currency.MustParse("1234.50 USD"), currency.MustParse("-1234.50 SEK"), currency.MustParse("0.00 JPY"), currency.Money{},
		currency.MustParseRate("149.2345"), currency.SEK, at, at.In(time.FixedZone("CET", 3600)),
		rule.Message{English: "monthly", Swedish: "månadsvis"}, rule.Message{English: "only English"}, map[string]int{"k": 1000},
		struct{ A int }{1000}, [2]int{1000, 2000}, &struct{}{}}
	for _, verb := range []string{"%v", "%s", "%q", "%d"} {
		for i, a := range others {
			cs = append(cs, c{verb + " other " + strconv.Itoa(i), rule.Message{English: "[" + verb + "]", Swedish: "<" + verb + ">"}, []any{a}})
		}
	}
	cs = append(cs,
		c{"percent", rule.Message{English: "100%% of %d", Swedish: "100 %% av %d"}, []any{1000}},
		c{"indexed", rule.Message{English: "%[2]d then %[1]v then %[2]v", Swedish: "%[2]d sedan %[1]v sedan %[2]v"}, []any{"x", 12345}},
		c{"indexed 3", rule.Message{English: "%[3]d %[1]s %[2]v", Swedish: "%[3]d %[1]s %[2]v"}, []any{"a", currency.MustParse("5.00 EUR"), -4321}},
		c{"missing", rule.Message{English: "%d and %s", Swedish: "%d och %s"}, []any{1000}},
		c{"extra", rule.Message{English: "%d", Swedish: "%d"}, []any{1000, "more", 2000}},
		c{"no verbs, args", rule.Message{English: "plain", Swedish: "enkel"}, []any{1}},
		c{"no args", rule.Message{English: "plain %%", Swedish: "enkel %%"}, nil},
		c{"bad index", rule.Message{English: "%[5]d", Swedish: "%[5]d"}, []any{1}},
		c{"trailing percent", rule.Message{English: "50%", Swedish: "50 %"}, nil},
		c{"mixed real", rule.Message{English: "%v (%d) by %v for %q", Swedish: "%v (%d) senast %v för %q"}, []any{currency.MustParse("49.99 USD"), 10000, at, "gold"}},
		c{"nested message money", rule.Message{English: "%s costs %v, %d seats", Swedish: "%s kostar %v, %d platser"}, []any{rule.Message{English: "plan", Swedish: "planen"}, currency.MustParse("1234567.89 SEK"), 250000}},
	)
	return cs
}

// renderGolden renders every case in both languages, one line each:
// name, language and the text, quoted.
func renderGolden() string {
	var b strings.Builder
	for _, c := range renderCases() {
		for _, lang := range []rule.Language{rule.English, rule.Swedish} {
			b.WriteString(c.name + "\t" + lang.String() + "\t" + strconv.Quote(c.msg.Render(lang, c.args...)) + "\n")
		}
	}
	return b.String()
}

// Render's text, in English and Swedish, is exactly the recorded golden
// output: the numbers' grouping and signs, money, times and every verb.
func TestMessage_RenderGolden(t *testing.T) {
	got := renderGolden()
	if *updateGolden {
		if err := os.WriteFile("testdata/render.golden", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/render.golden")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Errorf("line %d:\n got %s\nwant %s", i+1, gl[i], wl[i])
			}
		}
		if len(gl) != len(wl) {
			t.Errorf("%d lines, want %d", len(gl), len(wl))
		}
	}
}

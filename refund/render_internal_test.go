package refund

import (
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// The fast path renders what rule.Message.Render renders, and anything
// it does not know (other verbs, flags, missing or extra arguments) goes
// to Render, in every language.
func TestExplainerMatchesRender(t *testing.T) {
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 3, 10, 9, 0, 0, 0, sto)
	m := currency.MustParse("-1234567.89 SEK")
	cases := []struct {
		msg  rule.Message
		args []exArg
		want []any
	}{
		{rule.Message{English: "%s at %v: %d, %v and %v (100%%)", Swedish: "%s %v: %d, %v och %v (100 %%)"},
			[]exArg{str("x"), instant(at), integer(-1234567), money(m), integer(0)},
			[]any{"x", at, -1234567, m, 0}},
		{rule.Message{English: "%q and %5d"}, []exArg{str("q"), integer(12345)}, []any{"q", 12345}},
		{rule.Message{English: "%d %d"}, []exArg{integer(1)}, []any{1}},
		{rule.Message{English: "%d"}, []exArg{str("1")}, []any{"1"}},
		{rule.Message{English: "%v"}, []exArg{str("1"), str("2")}, []any{"1", "2"}},
		{rule.Message{English: "trailing %"}, nil, nil},
		{rule.Message{English: "%v, %v, %v, %v, %v"},
			[]exArg{{kind: argDate, t: at}, dayCount(1), {kind: argWindow, w: hours(336)}, {kind: argClock, d: -time.Second}, {kind: argTerm, n: 3}},
			[]any{"2024-03-10", "1 day", "14 days (336 hours)", "0 h 00 min 00 s", "3-year"}},
	}
	for _, tc := range cases {
		for _, lang := range []rule.Language{rule.English, rule.Swedish, 9} {
			x := explainer{lang: lang}
			b := x.say(nil, tc.msg, tc.args...)
			want := tc.msg.Render(lang, tc.want...)
			if lang == rule.Swedish && tc.msg == cases[len(cases)-1].msg {
				want = tc.msg.Render(lang, "2024-03-10", "1 dag", "14 dygn (336 timmar)", "0 h 00 min 00 s", "3 år")
			}
			if got := string(b); got != want {
				t.Errorf("%v %q: %q, want %q", lang, tc.msg.English, got, want)
			}
		}
	}
}

// An explanation is one allocation, its string, whatever the decision.
func TestExplainAllocations(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation allocates")
	}
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2024, 3, 10, 9, 0, 0, 0, sto)
	d, err := DefaultPolicy().Decide(Request{Charge: CSPSoftware, Term: plan.OneYear, Start: start, At: start.Add(50 * time.Hour), Paid: currency.MustParse("3650.00 SEK"), Zone: sto})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []rule.Language{rule.English, rule.Swedish} {
		if n := testing.AllocsPerRun(100, func() { _ = d.Explain(lang) }); n > 1 {
			t.Errorf("%v: %v allocations, want 1", lang, n)
		}
		l := Limit{Rule: rule.EXT12, Requested: currency.MustParse("5.00 USD"), Available: currency.MustParse("10.00 USD"), Limit: currency.MustParse("50000.00 USD"), Allowed: true}
		if n := testing.AllocsPerRun(100, func() { _ = l.Explain(lang) }); n > 1 {
			t.Errorf("Limit %v: %v allocations, want 1", lang, n)
		}
	}
}

package refund_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/explain.golden")

// explainCases are decisions of every kind, reason, settlement and
// cancellation, in several zones and currencies, with the limits and
// odd decoded values: what the golden explanations cover.
func explainCases(tb testing.TB) []refund.Decision {
	t, ok := tb.(*testing.T)
	var out []refund.Decision
	if ok {
		out = decisionsOfEveryKind(t)
	}
	p23 := refund.Policy2023()
	for _, hr := range hotRequests(tb) {
		for _, after := range []time.Duration{0, time.Hour, 50 * time.Hour, 71*time.Hour + 59*time.Minute + 59*time.Second, 72 * time.Hour, 6 * 24 * time.Hour, 8 * 24 * time.Hour, 29 * 24 * time.Hour, 400 * 24 * time.Hour, 4000 * 24 * time.Hour} {
			r := hr.r
			r.At = r.Start.Add(after)
			for _, p := range []refund.Policy{refund.DefaultPolicy(), p23} {
				if d, err := p.Decide(r); err == nil {
					out = append(out, d)
				}
			}
		}
	}
	la := mustZone(tb, "America/Los_Angeles")
	start := time.Date(2024, time.October, 28, 23, 30, 0, 0, la)
	for _, r := range []refund.Request{
		{Charge: refund.CSPSoftware, Term: plan.OneYear, Start: start, At: start.Add(30 * time.Hour), Paid: currency.MustParse("12345678.90 USD"), Zone: la},
		{Charge: refund.CSPLicense, Term: plan.OneMonth, Start: start, At: start.Add(3 * 24 * time.Hour), Paid: currency.MustParse("1000 JPY"), Zone: la},
		{Charge: refund.CSPPerpetual, Start: start, At: start.Add(24 * time.Hour), Paid: currency.MustFromMinor(0, currency.EUR), Zone: la},
		{Charge: refund.SaaS, Term: plan.TwoYears, Start: start, At: start.Add(100 * time.Hour), Paid: currency.MustParse("5.00 GBP")},
		{Charge: refund.SaaS, Term: plan.ThreeYears, Start: start, At: start.Add(100 * 24 * time.Hour), Paid: currency.MustParse("5.00 GBP")},
		{Charge: refund.ManagedAppFee, Start: start, At: start.Add(10 * time.Hour), Paid: currency.MustParse("-0.00 USD")},
		{Charge: refund.Container, Start: start, At: start.Add(80 * time.Hour), Paid: currency.MustParse("9999999.99 SEK")},
		{Charge: refund.CSPSaaS, Term: plan.OneMonth, Start: start, At: start.Add(2 * time.Hour), Paid: currency.MustParse("20.00 EUR")},
		{Charge: refund.CSPSaaS, Term: plan.OneYear, Start: start, At: start.Add(20 * 24 * time.Hour), Paid: currency.MustParse("20.00 EUR")},
		{Charge: refund.CSPSoftware, Vendor: refund.RedHat, Term: plan.OneYear, Start: start, At: start, Zone: la},
		{Charge: refund.CSPSoftware, Trigger: refund.SeatsAdded, Term: plan.OneYear, Start: start, At: start, Zone: la, PaidUntil: start.AddDate(0, 2, 0)},
		{Charge: refund.VMReservation, Term: plan.ThreeYears, Start: start, At: start.Add(time.Hour), Paid: currency.MustParse("30000.00 USD"),
			History: []refund.Cancellation{{At: start.AddDate(0, -3, 0), Amount: currency.MustParse("25000.00 USD")}}},
		{Charge: refund.ProfessionalService, Start: start, At: start.Add(1500 * time.Millisecond), Paid: currency.MustParse("1.00 USD")},
	} {
		for _, p := range []refund.Policy{refund.DefaultPolicy(), p23} {
			if d, err := p.Decide(r); err == nil {
				out = append(out, d)
			}
		}
	}
	odd := refund.Decision{Charge: 200, Trigger: 200, Vendor: 200, Settlement: 200, Cancel: 200, Window: mustWindow(refund.Exactly(90 * time.Second))}
	out = append(out, odd, refund.Decision{}, refund.Decision{Window: mustWindow(refund.Exactly(90*time.Second + 500*time.Millisecond)), Remaining: -time.Hour, WindowEnd: start.Add(time.Hour), At: start})
	return out
}

// The explanations of every case, in both languages and in a language
// outside the enum, are those of testdata/explain.golden byte for byte
// (go test -run Golden -update rewrites it).
func TestExplainGolden(t *testing.T) {
	var b strings.Builder
	for i, d := range explainCases(t) {
		for _, lang := range []rule.Language{rule.English, rule.Swedish, 9} {
			fmt.Fprintf(&b, "%d %v\n%s\n", i, lang, d.Explain(lang))
		}
		if d.Limit.Limit.Sign() != 0 {
			for _, lang := range []rule.Language{rule.English, rule.Swedish} {
				fmt.Fprintf(&b, "%d limit %v\n%s\n", i, lang, d.Limit.Explain(lang))
			}
		}
	}
	for _, l := range []refund.Limit{{}, {Requested: currency.MustParse("5.00 USD"), Rule: rule.EXT12}} {
		fmt.Fprintf(&b, "limit\n%s\n%s\n", l.Explain(rule.English), l.Explain(rule.Swedish))
	}
	const path = "testdata/explain.golden"
	if *updateGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("explanations (-golden +got):\n%s", diff)
	}
}

package marketrulestest_test

import (
	"errors"
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/pricing/pricechange"
	"github.com/marketrules/marketrules/pricing/privateoffer"
	"github.com/marketrules/marketrules/pricing/sheet"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	mrt "github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

// libraryValues returns one value of each kind of answer, policy and input
// of the library, as a test computes them.
func libraryValues(t *testing.T) map[string]any {
	t.Helper()
	at := mrt.Time(t, "2026-01-31T10:00:00Z")
	team := mrt.PerUserPlan(t, "team", "10.00 USD")
	sub := pricing.Subscription{Plan: &team, Market: market.SE, Term: plan.OneMonth, Quantity: 10,
		Rate: mrt.MarketRate(market.SE), Start: mrt.Time(t, "2026-01-01")}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	q, err := pricing.DefaultPolicy().Quote(sub)
	must(err)
	lines, err := pricing.DefaultPolicy().AppendSchedule(nil, sub, sub.Start)
	must(err)
	pr, err := pricing.DefaultPolicy().Prorate(sub, pricing.SubscriptionChange{Quantity: 15}, at)
	must(err)
	sheet, err := sheet.DefaultPolicy().Save(sheet.Sheet{}, sheet.PriceList(team), mrt.ExchangeRates(), at)
	must(err)
	rd, err := refund.DefaultPolicy().Decide(refund.Request{Charge: refund.SaaS, Term: plan.OneMonth, Start: sub.Start, At: sub.Start.Add(time.Hour),
		Paid: mrt.Money(t, "100.00 USD")})
	must(err)
	tp, shop := trial.DefaultPolicy(), trial.Offering{Type: offer.SaaS, SellThroughMicrosoft: true}
	starter, _ := ptr(mrt.SaaSFlatRateOffer()).Plan("starter")
	tr, err := tp.Apply(trial.State{}, trial.Event{Type: trial.Start, At: at, Plan: starter, Market: market.SE, Offer: shop})
	must(err)
	st, effects := tr.State, tr.Effects
	el, err := tp.CheckEligibility(shop, starter, st.History())
	must(err)
	fee, err := payout.DefaultPolicy().Fee(payout.Transaction{Gross: mrt.Money(t, "100.00 USD"), Collected: at})
	must(err)
	sch, err := payout.DefaultPolicy().Schedule(payout.Transaction{Date: at, Agreement: payout.MCA, Payment: payout.Invoice,
		Charge: payout.Order, Type: payout.Sale, Gross: mrt.Money(t, "100.00 USD")})
	must(err)
	stmt, err := payout.DefaultPolicy().BuildStatement(slices.Values([]payout.Transaction{{Date: at, Agreement: payout.EA,
		Payment: payout.Invoice, Charge: payout.Order, Type: payout.Sale, Gross: mrt.Money(t, "100.00 USD")}}), payout.MonthRates{})
	must(err)
	buy, _ := offer.DefaultPolicy().CheckPurchase(offer.Buyer{Store: offer.AzureMarketplace, PaymentMethod: offer.AzureCredits, BillingCountry: market.SE})
	cal := calendar.NewCalendar(sub.Start)
	bad := mrt.SaaSOffer(mrt.FlatRatePlan(t, "BAD", "1 SEK"))
	return map[string]any{
		"offer":         mrt.SaaSFlatRateOffer(),
		"quote":         q,
		"lines":         lines,
		"proration":     pr,
		"sheet":         sheet,
		"refund":        rd,
		"trial state":   st,
		"trial effects": effects,
		"eligibility":   el,
		"fee":           fee,
		"schedule":      sch,
		"statement":     stmt,
		"purchase":      buy,
		"problems":      offer.DefaultPolicy().CheckOffer(bad),
		"policies": []any{pricing.DefaultPolicy(), pricechange.Policy2023(), payout.DefaultPolicy(),
			offer.DefaultPolicy(), trial.DefaultPolicy(), refund.DefaultPolicy(), privateoffer.DefaultPolicy()},
		"calendar": cal,
		"locale":   currency.MustParseLocale("sv-SE"),
		"rates":    mrt.ExchangeRates(),
	}
}

func ptr[T any](v T) *T { return &v }

// CmpOptions compares every kind of value of the library without
// panicking: each equals itself.
func TestCmpOptionsLibraryValues(t *testing.T) {
	a, b := libraryValues(t), libraryValues(t)
	for name, v := range a {
		if diff := cmp.Diff(v, b[name], mrt.CmpOptions()); diff != "" {
			t.Errorf("%s: two computations differ (-a +b):\n%s", name, diff)
		}
	}
	if len(a["purchase"].(offer.PurchaseDecision).Requirements) == 0 || a["problems"] == nil {
		t.Fatal("the purchase and the validation should have explanations to ignore")
	}
}

// What CmpOptions equates, and what it still tells apart.
func TestCmpOptions(t *testing.T) {
	utc := mrt.Time(t, "2026-01-31T10:00:00Z")
	cet := utc.In(time.FixedZone("CET", 3600))
	errA := &rule.Problem{Rule: rule.PRC03, Err: pricing.ErrNoRate}
	tests := []struct {
		name  string
		x, y  any
		equal bool
	}{
		{"same instant in two zones", utc, cet, true},
		{"another instant", utc, utc.Add(time.Nanosecond), false},
		{"instant in a struct", pricing.Charge{BilledAt: utc}, pricing.Charge{BilledAt: cet}, true},
		{"problem wording", rule.Problem{Rule: rule.PLN01, Path: "id", Message: rule.Message{English: "a"}, Args: []any{1}},
			rule.Problem{Rule: rule.PLN01, Path: "id", Message: rule.Message{English: "b"}, Args: []any{"x"}, Err: errors.ErrUnsupported}, true},
		{"problem path", rule.Problem{Rule: rule.PLN01, Path: "id"}, rule.Problem{Rule: rule.PLN01, Path: "name"}, false},
		{"problem rule", rule.Problems{{Rule: rule.PLN01, Path: "id"}}, rule.Problems{{Rule: rule.PLN02, Path: "id"}}, false},
		{"requirement wording", offer.Requirement{Rule: rule.BUY01, Message: rule.Message{English: "a"}, Args: []any{1}},
			offer.Requirement{Rule: rule.BUY01}, true},
		{"requirement reason", offer.Requirement{Rule: rule.BUY01, Reason: offer.ReasonCredits},
			offer.Requirement{Rule: rule.BUY01, Reason: offer.ReasonStore}, false},
		{"nil and empty", plan.Audience{IDs: nil}, plan.Audience{IDs: []plan.GUID{}}, true},
		{"nil location is UTC", pricing.Policy{}, pricing.Policy{Location: time.UTC}, true},
		{"another location", pricing.Policy{}, pricing.Policy{Location: time.FixedZone("X", 60)}, false},
		{"locale", currency.MustParseLocale("sv"), currency.MustParseLocale("sv-SE"), true},
		{"another locale", currency.MustParseLocale("sv"), currency.MustParseLocale("de"), false},
		{"calendar", calendar.NewCalendar(utc), calendar.NewCalendar(cet), true},
		{"another calendar", calendar.NewCalendar(utc), calendar.NewCalendar(utc.Add(time.Hour)), false},
		{"wrapped sentinel", struct{ Err error }{fmt.Errorf("x: %w", pricing.ErrUnpriced)}, struct{ Err error }{pricing.ErrUnpriced}, true},
		{"sentinel and wrapped", struct{ Err error }{pricing.ErrUnpriced}, struct{ Err error }{fmt.Errorf("x: %w", pricing.ErrUnpriced)}, true},
		{"other sentinel", struct{ Err error }{pricing.ErrUnpriced}, struct{ Err error }{pricing.ErrSeats}, false},
		{"nil errors", struct{ Err error }{}, struct{ Err error }{}, true},
		{"problem pointer", errA, &rule.Problem{Rule: rule.PRC03}, true},
		{"money", mrt.Money(t, "1.50 SEK"), mrt.Money(t, "1.5 SEK"), true},
		{"rate scale", mrt.Rate(t, "1.50"), mrt.Rate(t, "1.5"), true},
		{"market set", market.SetOf(market.SE, market.DE), market.SetOf(market.DE, market.SE), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cmp.Equal(tt.x, tt.y, mrt.CmpOptions()); got != tt.equal {
				t.Errorf("Equal = %v, want %v; diff:\n%s", got, tt.equal, cmp.Diff(tt.x, tt.y, mrt.CmpOptions()))
			}
		})
	}
}

// Extra options come after the kit's.
func TestCmpOptionsExtra(t *testing.T) {
	a := pricing.Charge{Plan: "a", Amount: mrt.Money(t, "1.00 USD")}
	b := pricing.Charge{Plan: "b", Amount: mrt.Money(t, "1.00 USD")}
	if cmp.Equal(a, b, mrt.CmpOptions()) {
		t.Fatal("lines of different plans are equal")
	}
	if !cmp.Equal(a, b, mrt.CmpOptions(mrt.OnlyFields(t, pricing.Charge{}, "Amount"))) {
		t.Error("OnlyFields(Amount) does not ignore the plan")
	}
}

func TestOnlyFields(t *testing.T) {
	at := mrt.Time(t, "2026-01-01T00:00:00Z")
	got, err := refund.DefaultPolicy().Decide(refund.Request{Charge: refund.SaaS, Term: plan.OneMonth, Start: at, At: at.Add(time.Hour),
		Paid: mrt.Money(t, "100.00 USD")})
	if err != nil {
		t.Fatal(err)
	}
	want := refund.Decision{Allowed: true, Rule: rule.RFD01, Reason: refund.ReasonWithinWindow, Refund: mrt.Money(t, "100.00 USD")}
	only := mrt.OnlyFields(t, refund.Decision{}, "Allowed", "Rule", "Reason", "Refund")
	if diff := cmp.Diff(want, got, mrt.CmpOptions(only)); diff != "" {
		t.Errorf("decision (-want +got):\n%s", diff)
	}
	want.Refund = mrt.Money(t, "99.00 USD")
	if cmp.Equal(want, got, mrt.CmpOptions(only)) {
		t.Error("a different refund compares equal")
	}
	// Inside a slice, and without CmpOptions.
	if !cmp.Equal([]refund.Decision{want}, []refund.Decision{{Allowed: true, Rule: rule.RFD01, Reason: refund.ReasonWithinWindow,
		Refund: want.Refund, At: at}}, only) {
		t.Error("OnlyFields does not ignore At in a slice")
	}

	for _, tt := range []struct {
		typ   any
		names []string
		parts []string
	}{
		{nil, nil, []string{"<nil> is not a struct type"}},
		{&refund.Decision{}, nil, []string{"*refund.Decision is not a struct type"}},
		{refund.Decision{}, []string{"Allowed", "Refunded"}, []string{"refund.Decision has no field Refunded"}},
	} {
		tb := &fakeTB{}
		opt := mrt.OnlyFields(tb, tt.typ, tt.names...)
		tb.expectFailure(t, tt.parts...)
		if !cmp.Equal(1, 1, opt) {
			t.Error("the option of a failed OnlyFields is not empty")
		}
	}
}

func TestProblemsOf(t *testing.T) {
	o := mrt.SaaSOffer(mrt.FlatRatePlan(t, "gold", "49.99 USD", mrt.Term(plan.OneYear, plan.Annual, "499.00 USD"), mrt.Trial(3)))
	err := offer.DefaultPolicy().CheckOffer(o)
	want := []mrt.ProblemKey{
		{Rule: rule.EXT05, Path: "plans[0].pricing.terms[1].payment"},
		{Rule: rule.TRL02, Path: "plans[0].trial.months"},
	}
	if diff := cmp.Diff(want, mrt.ProblemsOf(err)); diff != "" {
		t.Errorf("ProblemsOf (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, mrt.ProblemsOf(fmt.Errorf("saving offer: %w", err))); diff != "" {
		t.Errorf("ProblemsOf a wrapped error (-want +got):\n%s", diff)
	}
	single := rule.Problem{Rule: rule.PLN01, Path: "id"}
	if diff := cmp.Diff([]mrt.ProblemKey{{Rule: rule.PLN01, Path: "id"}}, mrt.ProblemsOf(single)); diff != "" {
		t.Errorf("ProblemsOf a single problem (-want +got):\n%s", diff)
	}
	for _, none := range []error{nil, errors.New("disk full")} {
		if got := mrt.ProblemsOf(none); got != nil {
			t.Errorf("ProblemsOf(%v) = %v, want nil", none, got)
		}
	}
	if got := (mrt.ProblemKey{Rule: rule.PLN01, Path: "plans[0].id"}).String(); got != "PLN-01 plans[0].id" {
		t.Errorf("String = %q", got)
	}
	if got := (mrt.ProblemKey{Path: "id"}).String(); got != "(no rule) id" {
		t.Errorf("String = %q", got)
	}
}

func TestAssertProblems(t *testing.T) {
	err := rule.Problems{{Rule: rule.PLN01, Path: "id"}, {Rule: rule.PLN06, Path: "markets"}}.Err()
	k1, k2 := mrt.ProblemKey{Rule: rule.PLN01, Path: "id"}, mrt.ProblemKey{Rule: rule.PLN06, Path: "markets"}

	if !mrt.AssertProblems(t, err, k1, k2) || !mrt.AssertProblems(t, nil) {
		t.Fatal("AssertProblems fails on a match")
	}
	tests := []struct {
		name  string
		err   error
		want  []mrt.ProblemKey
		parts []string
	}{
		{"order", err, []mrt.ProblemKey{k2, k1}, []string{"problems differ", "got:\n\tPLN-01 id\n\tPLN-06 markets\nwant:\n\tPLN-06 markets\n\tPLN-01 id"}},
		{"missing", err, []mrt.ProblemKey{k1}, []string{"problems differ"}},
		{"unexpected", err, nil, []string{"want: none", "error: 2 problems"}},
		{"none", nil, []mrt.ProblemKey{k1}, []string{"got: none", "want:\n\tPLN-01 id"}},
		{"not problems", errors.New("disk full"), []mrt.ProblemKey{k1}, []string{`"disk full"`, "reports no rule.Problems"}},
		{"not problems, none wanted", errors.New("disk full"), nil, []string{"reports no rule.Problems", "problems: none"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{}
			if mrt.AssertProblems(tb, tt.err, tt.want...) {
				t.Error("AssertProblems reports a match")
			}
			tb.expectFailure(t, tt.parts...)
			if !strings.HasPrefix(tb.failures[0], "error: ") {
				t.Errorf("reported with Fatalf, want Errorf: %q", tb.failures[0])
			}
		})
	}
}

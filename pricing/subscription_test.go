package pricing_test

import (
	"encoding/json"
	"github.com/marketrules/marketrules/calendar"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// PRC-07 with a billing day: a subscription started on 15 January and
// billed on the 1st pays 17 of January's 31 days at the start, then full
// months from 1 February.
func TestPRC07_BillingDayPartialFirstPeriod(t *testing.T) {
	sub := pricing.Subscription{Plan: qtFlat("std", plan.OneMonth, plan.Upfront, "31.00 USD"), Market: market.US,
		Term: plan.OneMonth, Start: qtUTC(2024, time.January, 15, 10, 0, 0), BillingDay: 1}
	got, err := pricing.DefaultPolicy().AppendSchedule(nil, sub, sub.Start)
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Kind         pricing.ChargeKind
		Start, End   time.Time
		Amount       currency.Money
		Used, Whole  int64
		Installment  int
		Installments int
	}
	var lines []line
	for _, c := range got {
		lines = append(lines, line{c.Kind, c.Period.Start, c.Period.End, c.Amount, c.Used, c.Whole, c.Installment, c.Installments})
	}
	want := []line{
		{pricing.ChargePartialPeriod, sub.Start, qtUTC(2024, time.February, 1, 10, 0, 0), qtMoney("17.00 USD"), 17, 31, 0, 0},
		{pricing.ChargeRecurring, qtUTC(2024, time.February, 1, 10, 0, 0), qtUTC(2024, time.March, 1, 10, 0, 0), qtMoney("31.00 USD"), 0, 0, 1, 1},
	}
	if d := cmp.Diff(want, lines); d != "" {
		t.Errorf("schedule (-want +got):\n%s", d)
	}
	if s := got[0].Explain(rule.English); s == "" {
		t.Error("no explanation")
	}
	// The second term has no partial period.
	next, err := pricing.DefaultPolicy().AppendSchedule(nil, sub, qtUTC(2024, time.February, 20, 0, 0, 0))
	if err != nil || len(next) != 1 || next[0].Kind != pricing.ChargeRecurring {
		t.Errorf("second term: %v, %v", next, err)
	}
}

// PRC-07: billing day 31 clamps to the end of shorter months, and the
// first term's schedule, the partial period included, adds up exactly
// and its periods are contiguous from the start.
func TestPRC07_BillingDayClampedConserved(t *testing.T) {
	sub := pricing.Subscription{Plan: qtFlat("std", plan.OneYear, plan.Monthly, "1200.00 USD"), Market: market.US,
		Term: plan.OneYear, Payment: plan.Monthly, Start: qtUTC(2024, time.February, 10, 0, 0, 0), BillingDay: 31}
	got, err := pricing.DefaultPolicy().AppendSchedule(nil, sub, sub.Start)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 13 {
		t.Fatalf("%d charges", len(got))
	}
	// 19 of the 29 days from 31 January to 29 February: 100.00 × 19 / 29.
	if got[0].Amount != qtMoney("65.52 USD") || got[0].Used != 19 || got[0].Whole != 29 {
		t.Errorf("partial %v, %d of %d", got[0].Amount, got[0].Used, got[0].Whole)
	}
	ends := []int{29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28}
	for i, c := range got {
		if c.Period.End.Day() != ends[i] {
			t.Errorf("charge %d ends %v", i, c.Period.End)
		}
	}
	checkSchedule(t, sub, got, qtMoney("1200.00 USD"))
}

// checkSchedule asserts that the charges are contiguous from the start
// and add up to the partial charge plus the term's price.
func checkSchedule(t *testing.T, sub pricing.Subscription, got []pricing.Charge, price currency.Money) {
	t.Helper()
	sum, _ := currency.New(0, price.Code()) // the zero Money when the price has no currency
	prev := sub.Start
	for i, c := range got {
		if !c.Period.Start.Equal(prev) || !c.Period.End.After(c.Period.Start) {
			t.Fatalf("charge %d period %v does not follow %v", i, c.Period, prev)
		}
		prev = c.Period.End
		if c.Kind == pricing.ChargePartialPeriod {
			continue
		}
		var err error
		if sum, err = sum.Add(c.Amount); err != nil {
			t.Fatal(err)
		}
	}
	if sum != price {
		t.Errorf("payments add up to %v, want %v", sum, price)
	}
}

// PRC-07, PRC-05: random starts, billing days, zones and terms: the
// partial period is a part of the first payment, the payments add up to
// the term's price, the periods are contiguous, and a change inside the
// partial period prorates what it charged: Kept − Credit = Paid.
func TestPRC07_BillingDayProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	terms := []struct {
		t plan.Term
		p plan.PaymentOption
	}{{plan.OneMonth, plan.Upfront}, {plan.OneYear, plan.Monthly}, {plan.OneYear, plan.Upfront}, {plan.TwoYears, plan.Annual}, {plan.ThreeYears, plan.Monthly}}
	for range 2000 {
		tp := terms[r.IntN(len(terms))]
		pol := pricing.DefaultPolicy()
		pol.Location = []*time.Location{nil, qtStockholm, qtNewYork}[r.IntN(3)]
		pol.ProrationUnit = pricing.ProrationUnit(r.IntN(2))
		start := time.Date(1+r.IntN(9990), time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), r.IntN(60), 0, 0, time.UTC)
		price := currency.MustFromMinor(r.Int64N(1_000_000)+1, currency.USD)
		sub := pricing.Subscription{Plan: qtPerUser("p", tp.t, tp.p, price.String(), 1, 0), Market: market.US,
			Term: tp.t, Payment: tp.p, Quantity: 1 + r.Int64N(5), Start: start, BillingDay: r.IntN(32)}
		got, err := pol.AppendSchedule(nil, sub, sub.Start)
		if err != nil {
			t.Fatalf("%+v: %v", sub, err)
		}
		q, _ := pol.Quote(sub)
		if got[0].Kind == pricing.ChargePartialPeriod {
			if c, _ := got[0].Amount.Cmp(got[1].Amount); c > 0 || got[0].Amount.IsNegative() || got[0].Used >= got[0].Whole {
				t.Fatalf("%+v: partial %v of first %v", sub, got[0], got[1].Amount)
			}
		}
		if pol.Location != nil {
			sub.Start = sub.Start.In(pol.Location)
		}
		checkSchedule(t, sub, got, q.Price)
		if got[0].Kind != pricing.ChargePartialPeriod {
			continue
		}
		at := got[0].Period.Start.Add(time.Duration(r.Int64N(int64(got[0].Period.End.Sub(got[0].Period.Start)))))
		p, err := pol.Prorate(sub, pricing.SubscriptionChange{Quantity: sub.Quantity + 1}, at)
		if err != nil {
			t.Fatalf("%+v at %v: %v", sub, at, err)
		}
		if p.Paid != got[0].Amount || !p.Period.Start.Equal(got[0].Period.Start) || !p.Period.End.Equal(got[0].Period.End) {
			t.Fatalf("%+v at %v: paid %v for %v, schedule %v", sub, at, p.Paid, p.Period, got[0])
		}
		if k, _ := p.Kept.Sub(p.Credit); k != p.Paid {
			t.Fatalf("%+v: kept %v − credit %v ≠ paid %v", sub, p.Kept, p.Credit, p.Paid)
		}
		if n, _ := p.Credit.Add(p.Charge); n != p.Net {
			t.Fatalf("%+v: credit %v + charge %v ≠ net %v", sub, p.Credit, p.Charge, p.Net)
		}
	}
}

// PRC-07: usage in the partial first period is billed for that period.
func TestPRC07_BillingDayUsagePeriod(t *testing.T) {
	sub := pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.Hourly,
		Start: qtUTC(2024, time.January, 15, 0, 0, 0), BillingDay: 1}
	c, err := pricing.DefaultPolicy().QuoteVMUsage(sub, qtUTC(2024, time.January, 20, 0, 0, 0), pricing.VMUsage{Runtime: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if want := (calendar.Period{Start: sub.Start, End: qtUTC(2024, time.February, 1, 0, 0, 0)}); c.Period != want {
		t.Errorf("period %v, want %v", c.Period, want)
	}
	c, err = pricing.DefaultPolicy().QuoteVMUsage(sub, qtUTC(2024, time.March, 20, 0, 0, 0), pricing.VMUsage{Runtime: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if want := (calendar.Period{Start: qtUTC(2024, time.March, 1, 0, 0, 0), End: qtUTC(2024, time.April, 1, 0, 0, 0)}); c.Period != want {
		t.Errorf("period %v, want %v", c.Period, want)
	}
}

func TestPRC07_BillingDayRefused(t *testing.T) {
	for _, day := range []int{-1, 32, 1 << 40} {
		sub := pricing.Subscription{Plan: qtFlat("std", plan.OneMonth, plan.Upfront, "31.00 USD"), Market: market.US,
			Term: plan.OneMonth, Start: qtUTC(2024, time.January, 15, 0, 0, 0), BillingDay: day}
		_, err := pricing.DefaultPolicy().AppendSchedule(nil, sub, sub.Start)
		if got := qtProblems(t, err); len(got) != 1 || got[0].Path != "billingDay" {
			t.Errorf("billing day %d: %v", day, err)
		}
		_, err = pricing.DefaultPolicy().Prorate(sub, pricing.SubscriptionChange{Plan: qtFlat("pro", plan.OneMonth, plan.Upfront, "50.00 USD")}, sub.Start)
		if err == nil {
			t.Errorf("billing day %d: Prorate: no error", day)
		}
	}
}

// The zero Policy is DefaultPolicy(); a policy with fields set is
// validated field by field.
func TestPolicy_ZeroIsDefault(t *testing.T) {
	sub := pricing.Subscription{Plan: qtFlat("std", plan.OneMonth, plan.Upfront, "31.00 USD"), Market: market.US,
		Term: plan.OneMonth, Start: qtUTC(2024, time.January, 15, 0, 0, 0)}
	a, err1 := pricing.Policy{}.Quote(sub)
	b, err2 := pricing.DefaultPolicy().Quote(sub)
	if err1 != nil || err2 != nil || a != b {
		t.Errorf("zero %v, %v; default %v, %v", a, err1, b, err2)
	}
	if err := (pricing.Policy{}).Validate(); err != nil {
		t.Error(err)
	}
	if !(pricing.Policy{}).IsZero() || pricing.DefaultPolicy().IsZero() {
		t.Error("IsZero")
	}
	err := pricing.Policy{Name: "half"}.Validate()
	if got := qtProblems(t, err); len(got) != 2 || got[0].Path != "policy.reservationYear" || got[1].Path != "policy.usageMonths" {
		t.Errorf("partial policy: %v", err)
	}
	for _, months := range []calendar.Months{0, 37, 1 << 40} {
		p := pricing.DefaultPolicy()
		p.UsageMonths = months
		if p.Validate() == nil {
			t.Errorf("UsageMonths %d valid", months)
		}
	}
}

// Every policy round-trips through JSON, its zone by name.
func TestPolicy_JSON(t *testing.T) {
	for _, p := range []pricing.Policy{{}, pricing.DefaultPolicy(), pricing.NewCommercePolicy(), func() pricing.Policy {
		p := pricing.PrivateOfferPolicy()
		p.Location = qtStockholm
		return p
	}(), {Location: time.UTC}} {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var back pricing.Policy
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if back.Location.String() != p.Location.String() || back.IsZero() != p.IsZero() {
			t.Errorf("%s: back %v", b, back.Location)
		}
		back.Location, p.Location = nil, nil
		if !cmp.Equal(back, p, cmp.AllowUnexported(market.Set{})) {
			t.Errorf("%s: %+v", b, back)
		}
	}
	for _, in := range []string{`{"zone":"Mars/Olympus"}`, `{"zone":"Local"}`, `{"hoursPerYear":8760}`, `[`} {
		var p pricing.Policy
		if err := json.Unmarshal([]byte(in), &p); err == nil {
			t.Errorf("%s: no error", in)
		}
	}
}

// A Subscription with a billing day round-trips through JSON with
// camelCase keys, and the zero Subscription marshals.
func TestSubscription_JSON(t *testing.T) {
	sub := pricing.Subscription{Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly, Quantity: 3,
		Rate: qtToSEK, Start: qtUTC(2024, time.January, 15, 0, 0, 0), BillingDay: 1}
	b, err := json.Marshal(sub)
	if err != nil {
		t.Fatal(err)
	}
	var back pricing.Subscription
	if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(back, sub) {
		t.Errorf("%s: %+v, %v", b, back, err)
	}
	if _, err := json.Marshal(pricing.Subscription{}); err != nil {
		t.Errorf("zero Subscription: %v", err)
	}
}

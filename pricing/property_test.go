package pricing_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// Issue 17: QuoteVMUsage with a usage period near MaxInt months returns an
// error naming the field, at once, rather than looping.
func TestPRC07_HugeUsageMonthsRefused(t *testing.T) {
	sub := pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.Hourly,
		Start: qtUTC(2024, time.January, 15, 0, 0, 0)}
	for _, months := range []calendar.Months{math.MaxInt, math.MaxInt / 12, -1, 37} {
		pol := pricing.DefaultPolicy()
		pol.UsageMonths = months
		_, err := pol.QuoteVMUsage(sub, qtUTC(9999, time.December, 31, 0, 0, 0), pricing.VMUsage{Runtime: time.Hour})
		if got := qtProblems(t, err); len(got) != 1 || got[0].Path != "policy.usageMonths" {
			t.Errorf("UsageMonths %d: %v", months, err)
		}
	}
}

// The package's invariants over random and extreme inputs: nothing
// panics; a schedule adds up to the quote's price over contiguous
// periods; usage and VM charges are never negative and lie in one period
// containing the instant; a proration conserves money; every answer
// explains itself.
func TestProperty_RandomAndExtremeInputs(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 71))
	instants := []time.Time{{}, qtUTC(1, time.January, 1, 0, 0, 0), qtUTC(9999, time.December, 31, 23, 59, 59),
		qtUTC(2024, time.February, 29, 12, 0, 0), qtUTC(10000, time.January, 1, 0, 0, 0), time.Unix(math.MaxInt64/2, 0)}
	instant := func() time.Time {
		if r.IntN(3) == 0 {
			return instants[r.IntN(len(instants))]
		}
		return time.Date(1+r.IntN(9998), time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), 0, 0, r.IntN(2), time.UTC)
	}
	plans := []*plan.Plan{nil, {}, qtFlat("f", plan.OneMonth, plan.Upfront, "10.00 USD"),
		qtPerUser("u", plan.OneYear, plan.Monthly, "120.00 USD", 1, 100), qtVM(plan.FlatRate), qtVM(plan.PerVCPU),
		qtVM(plan.PerVCPUSize), qtVM(plan.PerMarketAndVCPUSize), qtCNSBasic(), qtCNSPremium(),
		{ID: "byol", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.BYOL}},
		qtFlat("huge", plan.ThreeYears, plan.Monthly, "92233720368547758.07 USD")}
	ints := []int64{0, 1, -1, 3, 100, math.MaxInt64, math.MinInt64}
	terms := []plan.Term{0, plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears, plan.Hourly, 99}
	pays := []plan.PaymentOption{plan.Upfront, plan.Monthly, plan.Annual, 99}
	markets := []market.Code{0, market.US, market.SE, market.JP, market.CN, 250}
	rates := []currency.ExchangeRate{{}, qtToSEK, qtToJPY, qtToEUR}
	for range 20_000 {
		pol := pricing.DefaultPolicy()
		switch r.IntN(6) {
		case 0:
			pol = pricing.Policy{}
		case 1:
			pol.Location = qtStockholm
			pol.ProrationUnit = pricing.ProrateBySecond
		case 2:
			pol.UsageMonths = calendar.Months(ints[r.IntN(len(ints))] % 40)
			pol.ReservationYear = time.Duration(ints[r.IntN(len(ints))])
			pol.ProrationRounding = currency.RoundingMode(r.IntN(10))
		}
		sub := pricing.Subscription{Plan: plans[r.IntN(len(plans))], Market: markets[r.IntN(len(markets))],
			Term: terms[r.IntN(len(terms))], Payment: pays[r.IntN(len(pays))], Quantity: ints[r.IntN(len(ints))],
			VCPUs: int(ints[r.IntN(len(ints))] % 64), Rate: rates[r.IntN(len(rates))], Start: instant(),
			BillingDay: []int{0, 1, 15, 28, 31, 32, -1}[r.IntN(7)]}
		at := instant()
		if r.IntN(2) == 0 && !sub.Start.IsZero() {
			at = sub.Start.Add(time.Duration(r.Int64N(int64(800 * 24 * time.Hour))))
		}
		q, qerr := pol.Quote(sub)
		_ = q.String() + q.Explain(rule.Swedish)
		got, err := pol.AppendSchedule(nil, sub, at)
		if err == nil {
			if qerr != nil {
				t.Fatalf("%+v: schedule without a quote: %v", sub, qerr)
			}
			sum, _ := currency.New(0, q.Price.Code()) // the zero Money when the price has no currency
			prev := got[0].Period.Start
			for _, c := range got {
				_ = c.String() + c.Explain(rule.English)
				if !c.Period.Start.Equal(prev) || !c.Period.End.After(c.Period.Start) {
					t.Fatalf("%+v at %v: periods not contiguous: %v after %v", sub, at, c.Period, prev)
				}
				prev = c.Period.End
				if c.Kind != pricing.ChargePartialPeriod {
					sum, _ = sum.Add(c.Amount)
				}
			}
			if sum != q.Price {
				t.Fatalf("%+v: schedule adds up to %v, quote %v", sub, sum, q.Price)
			}
		}
		if c, err := pol.QuoteVMUsage(sub, at, pricing.VMUsage{VCPUs: sub.VCPUs, Runtime: time.Duration(ints[r.IntN(len(ints))])}); err == nil {
			if c.Amount.IsNegative() || at.Before(c.Period.Start) || !at.Before(c.Period.End) {
				t.Fatalf("%+v at %v: VM charge %v", sub, at, c)
			}
		}
		if c, err := pol.QuoteOverage(sub, at, pricing.MeteredUsage{Dimension: "emails", Used: ints[r.IntN(len(ints))], UsedBefore: ints[r.IntN(len(ints))]}); err == nil {
			if c.Amount.IsNegative() || at.Before(c.Period.Start) || !at.Before(c.Period.End) {
				t.Fatalf("%+v at %v: overage %v", sub, at, c)
			}
		}
		ch := pricing.SubscriptionChange{Plan: plans[r.IntN(len(plans))], Quantity: ints[r.IntN(len(ints))], SeatsAddedAt: instant()}
		if p, err := pol.Prorate(sub, ch, at); err == nil {
			_ = p.String() + p.Explain(rule.Swedish)
			if n, _ := p.Credit.Add(p.Charge); n != p.Net {
				t.Fatalf("%+v: credit %v + charge %v ≠ net %v", sub, p.Credit, p.Charge, p.Net)
			}
			if k, _ := p.Kept.Sub(p.Credit); k != p.Paid {
				t.Fatalf("%+v: kept %v − credit %v ≠ paid %v", sub, p.Kept, p.Credit, p.Paid)
			}
		}
		if d, err := pol.Tax(markets[r.IntN(len(markets))]); err == nil {
			_ = d.String()
		}
		_ = pol.CSPRenewal(at).String() + pol.CSPBillingStart(pricing.CSPActivation{LicensesAssigned: instant(), SetupConfirmed: instant()}).String()
		_ = pol.CSPBillingFrequencies(sub.Term, at).String()
	}
}

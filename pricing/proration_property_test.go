package pricing_test

import (
	"github.com/marketrules/marketrules/calendar"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
)

// prRandomCase returns a random subscription of a per-user plan, a plan
// or seat change, an instant at or after its start, and a policy.
func prRandomCase(r *rand.Rand) (pricing.Subscription, pricing.SubscriptionChange, time.Time, pricing.Policy) {
	terms := []struct {
		t plan.Term
		p plan.PaymentOption
	}{{plan.OneMonth, plan.Upfront}, {plan.OneYear, plan.Upfront}, {plan.OneYear, plan.Monthly}, {plan.TwoYears, plan.Monthly},
		{plan.TwoYears, plan.Annual}, {plan.ThreeYears, plan.Upfront}, {plan.ThreeYears, plan.Monthly}, {plan.ThreeYears, plan.Annual}}
	tp := terms[r.IntN(len(terms))]
	price := func() string { return currency.MustFromMinor(r.Int64N(10_000_000_00), currency.USD).String() }
	old := qtPerUser("old", tp.t, tp.p, price(), 1, 0)
	nw := qtPerUser("new", tp.t, tp.p, price(), 1, 0)
	pol := pricing.DefaultPolicy()
	pol.ProrationUnit = pricing.ProrationUnit(r.IntN(2))
	pol.ProrationRounding = currency.RoundingMode(r.IntN(7))
	pol.Location = []*time.Location{nil, qtStockholm, qtNewYork}[r.IntN(3)]
	loc := pol.Location
	if loc == nil {
		loc = time.UTC
	}
	start := time.Date(2000+r.IntN(100), time.Month(1+r.IntN(12)), 1+r.IntN(31), []int{0, 4, 9, 15, 23}[r.IntN(5)], r.IntN(60), r.IntN(60), 0, loc)
	sub := pricing.Subscription{Plan: old, Market: []market.Code{market.US, market.SE, market.JP}[r.IntN(3)], Term: tp.t, Payment: tp.p,
		Quantity: 1 + r.Int64N(1000), Rate: []currency.ExchangeRate{qtToSEK, qtToJPY}[r.IntN(2)], Start: start}
	if sub.Market == market.SE {
		sub.Rate = qtToSEK
	} else if sub.Market == market.JP {
		sub.Rate = qtToJPY
	}
	at := start.Add(time.Duration(r.Int64N(int64(4 * 366 * 24 * time.Hour))))
	ch := pricing.SubscriptionChange{Plan: nw}
	if r.IntN(2) == 0 {
		ch = pricing.SubscriptionChange{Quantity: 1 + r.Int64N(1000)}
		if ch.Quantity == sub.Quantity {
			ch.Quantity++
		}
	}
	return sub, ch, at, pol
}

// PRC-05, PRC-06: proration conserves money to the minor unit and follows
// its formula: credit = −Paid × unused/total and charge = NewPrice ×
// unused/total, each rounded once; the billing period is calendar.Cycle's
// and its days are the calendar's.
func TestPRC05_Conservation(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for range 5000 {
		sub, ch, at, pol := prRandomCase(r)
		p, err := pol.Prorate(sub, ch, at)
		if err != nil {
			t.Fatalf("%+v %+v %v: %v", sub, ch, at, err)
		}
		prCheckInvariants(t, p)

		loc := p.At.Location()
		anchor := sub.Start.In(loc)
		months := sub.Payment.Months(sub.Term)
		_, period, _ := calendar.Cycle{Anchor: anchor, Months: calendar.Months(months)}.At(at)
		if !period.Start.Equal(p.Period.Start) || !period.End.Equal(p.Period.End) {
			t.Fatalf("period %v, calendar.Cycle says %v", p.Period, period)
		}
		var used, total int64
		if pol.ProrationUnit == pricing.ProrateBySecond {
			total, used = int64(period.Duration()/time.Second), int64(at.Sub(period.Start)/time.Second)
		} else {
			for d := 1; !period.Start.AddDate(0, 0, d).After(period.End); d++ {
				total++
				if !period.Start.AddDate(0, 0, d).After(at) {
					used++
				}
			}
		}
		if used != p.Used || total != p.Total {
			t.Fatalf("%v in %v at %v: %d of %d, counting says %d of %d", pol.ProrationUnit, period, at, p.Used, p.Total, used, total)
		}
		credit, _ := p.Paid.MulDiv(total-used, total, pol.ProrationRounding)
		charge, _ := p.NewPrice.MulDiv(total-used, total, pol.ProrationRounding)
		if p.Credit.Minor() != -credit.Minor() || p.Charge != charge {
			t.Fatalf("credit %v, charge %v; the formula gives −%v and %v", p.Credit, p.Charge, credit, charge)
		}
	}
}

// PRC-05: within a billing period, a later change never gets a larger
// credit, nor a larger charge.
func TestPRC05_MonotoneInTime(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for range 5000 {
		sub, ch, at, pol := prRandomCase(r)
		p1, err := pol.Prorate(sub, ch, at)
		if err != nil {
			t.Fatal(err)
		}
		later := at.Add(time.Duration(r.Int64N(int64(p1.Period.End.Sub(at)))))
		p2, err := pol.Prorate(sub, ch, later)
		if err != nil {
			t.Fatal(err)
		}
		if p2.Period != p1.Period {
			t.Fatalf("%v and %v are in different periods", at, later)
		}
		if p2.Used < p1.Used || -p2.Credit.Minor() > -p1.Credit.Minor() || p2.Charge.Minor() > p1.Charge.Minor() {
			t.Fatalf("at %v: used %d, credit %v, charge %v; later at %v: used %d, credit %v, charge %v",
				at, p1.Used, p1.Credit, p1.Charge, later, p2.Used, p2.Credit, p2.Charge)
		}
	}
}

package pricechange

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// The package's invariants over random and extreme inputs: nothing
// panics; an allowed change takes effect on the 1st of a month after it
// was published, an increase no earlier than its notice ends; a refused
// change has no effective date; a contract price is the old or the new
// one, the new one only from the first term starting at or after the
// effective date.
func TestProperty_DecideRandomAndExtreme(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 13))
	instants := []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)}
	instant := func() time.Time {
		if r.IntN(4) == 0 {
			return instants[r.IntN(len(instants))]
		}
		return time.Date(1990+r.IntN(60), time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), 0, 0, 0, time.UTC)
	}
	money := []string{"0.00 USD", "10.00 USD", "12.00 USD", "9.99 USD", "-1.00 USD", "10.00 SEK"}
	for range 20_000 {
		pol := []Policy{{}, DefaultPolicy(), Policy2023()}[r.IntN(3)]
		if r.IntN(5) == 0 {
			pol.IncreaseNoticeDays = calendar.Days([]int{0, -1, math.MaxInt, 3660}[r.IntN(4)])
			pol.Zone = time.FixedZone("X", 3600*(r.IntN(25)-12))
		}
		var changes []offer.PriceChange
		for range r.IntN(4) {
			changes = append(changes, offer.PriceChange{Old: currency.MustParse(money[r.IntN(len(money))]), New: currency.MustParse(money[r.IntN(len(money))])})
		}
		req := Request{Offer: []offer.Type{0, offer.SaaS, offer.VirtualMachine, offer.ManagedApplication, offer.Container, 99}[r.IntN(6)],
			Plan: "gold", Visibility: plan.Visibility(r.IntN(3)), Published: instant(), Pending: instant(), Changes: changes}
		d, err := pol.Decide(req)
		if err != nil {
			continue
		}
		_ = d.String() + d.Explain(rule.Swedish)
		if !d.Allowed {
			if !d.Effective.IsZero() {
				t.Fatalf("%+v: refused with an effective date: %+v", req, d)
			}
			continue
		}
		if d.Effective.Day() != 1 || !d.Effective.After(req.Published) {
			t.Fatalf("%+v: effective %v", req, d.Effective)
		}
		if d.Direction == PriceIncrease && d.Effective.Before(d.NoticeEnd) {
			t.Fatalf("%+v: increase effective %v before the notice ends %v", req, d.Effective, d.NoticeEnd)
		}
		s, ok := d.Scheduled(changes[0])
		if !ok {
			t.Fatal("allowed but nothing scheduled")
		}
		anchor, at := instant(), instant()
		a, err := pol.ContractPrice(anchor, []plan.Term{plan.OneMonth, plan.OneYear, plan.Hourly, 0}[r.IntN(4)], s, at)
		if err == nil && a.Price != s.Old && a.Price != s.New {
			t.Fatalf("contract price %v is neither %v nor %v", a.Price, s.Old, s.New)
		}
		_ = a.String() + pol.UsagePrice(s, at).String()
	}
}

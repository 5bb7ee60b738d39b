package marketrulestest_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/marketrules/marketrules/market"
	mrt "github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
)

// Property: the plain builders never panic on random and extreme literals
// and options (nil options, unknown terms, MaxInt quantities); each either
// returns a plan or an error, never both; and a plan they return from
// valid literals keeps its ID and options' effects.
func TestPropertyBuilders(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 3))
	prices := []string{"", "1.00 USD", "49.99", "1,00 SEK", "-5.00 USD", "99999999999999999999.99 USD", "\xff", "0 JPY"}
	pick := func() string { return prices[r.IntN(len(prices))] }
	for range 3000 {
		opts := []mrt.PlanOption{nil,
			mrt.Term(plan.Term(r.IntN(8)), plan.PaymentOption(r.IntN(4)), pick()),
			mrt.MarketPrice(plan.Term(r.IntN(8)), market.Code(r.IntN(300)), pick()),
			mrt.Meter("emails", pick(), plan.Quantity(r.Int64N(math.MaxInt64))),
			mrt.Users(r.Int64(), -r.Int64()), mrt.Trial(r.IntN(math.MaxInt)), mrt.Reservation(plan.Term(r.IntN(8)), pick()),
			mrt.Private(plan.IDKind(r.IntN(4)), mrt.TenantID(r.IntN(5))), mrt.Hidden(), mrt.Status(plan.Status(r.IntN(5))),
		}
		r.Shuffle(len(opts), func(i, j int) { opts[i], opts[j] = opts[j], opts[i] })
		opts = opts[:r.IntN(len(opts))]
		for _, build := range []func() (plan.Plan, error){
			func() (plan.Plan, error) { return mrt.NewFlatRatePlan("gold", pick(), opts...) },
			func() (plan.Plan, error) { return mrt.NewPerUserPlan("team", pick(), opts...) },
			func() (plan.Plan, error) { return mrt.NewFreePlan("free", opts...) },
			func() (plan.Plan, error) { return mrt.NewBYOLPlan("byol", opts...) },
			func() (plan.Plan, error) {
				return mrt.NewPerVCPUSizePlan("vm", map[int]string{r.IntN(64): pick()}, opts...)
			},
		} {
			p, err := build()
			if err != nil && p.ID != "" {
				t.Fatalf("a plan %+v and an error %v", p, err)
			}
			if err == nil {
				o := mrt.NewOffer(offer.Type(r.IntN(20)), p)
				_ = offer.DefaultPolicy().CheckOffer(o)
			}
		}
	}
	if _, err := mrt.ParseTime(""); err == nil {
		t.Error("ParseTime(\"\")")
	}
}

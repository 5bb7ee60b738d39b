package privateoffer

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// The package's invariants over random and extreme inputs (any policy,
// extreme percentages and prices, years 1 and 9999): nothing panics and
// every call returns; a private price is never above the public price and
// never negative; a multiparty customer price is never below the partner
// price, and its markup is their difference.
func TestProperty_PriceRandomAndExtreme(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 34))
	pcts := []string{"0", "1", "10", "10.52631579", "99.99", "100", "150", "999999999999", "0.000000000000001"}
	prices := []string{"0.00 USD", "95.00 USD", "100.00 USD", "92233720368547758.07 USD", "-1.00 USD", "5.00 SEK"}
	instants := []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)}
	for range 20_000 {
		pol := DefaultPolicy()
		switch r.IntN(5) {
		case 0:
			pol = Policy{}
		case 1:
			pol.AdjustmentDecimals = []int{math.MinInt, -1, 0, 18, 19, math.MaxInt}[r.IntN(6)]
			pol.AdjustmentRounding = currency.RoundingMode(r.IntN(9))
			pol.Rounding = currency.RoundingMode(r.IntN(9))
		case 2:
			pol.FullDiscount = true
		}
		var offers []Offer
		for i := range r.IntN(4) {
			o := Offer{ID: string(rune('a' + i)), Pricing: Pricing(r.IntN(4)), DiscountPercent: currency.MustParseRate(pcts[r.IntN(len(pcts))]),
				Price: currency.MustParse(prices[r.IntN(len(prices))]), Term: plan.OneMonth,
				Start: instants[r.IntN(len(instants))], End: instants[r.IntN(len(instants))], Accepted: instants[r.IntN(len(instants))]}
			_ = pol.ValidateOffer(o, []offer.Type{offer.SaaS, offer.VirtualMachine, 0}[r.IntN(3)], nil)
			_, _ = pol.Window(o)
			offers = append(offers, o)
		}
		req := PriceRequest{Plan: "gold", Term: plan.OneMonth, Public: currency.MustParse(prices[r.IntN(len(prices))]),
			Offers: offers, At: instants[r.IntN(len(instants))]}
		if d, err := pol.Price(req); err == nil {
			_ = d.String() + d.Explain(rule.Swedish)
			if c, _ := d.Price.Cmp(req.Public); c > 0 || d.Price.IsNegative() {
				t.Fatalf("%+v: private price %v above public %v", req, d.Price, req.Public)
			}
		}
		pp := PartnerPrice{Pricing: Pricing(r.IntN(4)), List: currency.MustParse(prices[r.IntN(len(prices))]),
			DiscountPercent: currency.MustParseRate(pcts[r.IntN(len(pcts))]), Price: currency.MustParse(prices[r.IntN(len(prices))])}
		if d, err := pol.Multiparty(pp, currency.MustParseRate(pcts[r.IntN(len(pcts))])); err == nil {
			_ = d.String()
			if c, _ := d.Customer.Cmp(d.Partner); c < 0 {
				t.Fatalf("%+v: customer %v below partner %v", pp, d.Customer, d.Partner)
			}
			if m, _ := d.Customer.Sub(d.Partner); m != d.Markup {
				t.Fatalf("%+v: markup %v ≠ %v − %v", pp, d.Markup, d.Customer, d.Partner)
			}
		}
		if d, err := pol.MultipartyAdjustment(pp, currency.MustParse(prices[r.IntN(len(prices))])); err == nil {
			_ = d.Explain(rule.English)
		}
	}
}

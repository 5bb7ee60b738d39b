package privateoffer_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/privateoffer"
	"github.com/marketrules/marketrules/rule"
)

func pbxDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var pbxAccepted = time.Date(2024, 1, 10, 12, 0, 0, 0, time.UTC)

func ExamplePolicy_Price() {
	offers := []privateoffer.Offer{
		{ID: "q1-deal", Plan: "gold", Pricing: privateoffer.PercentageDiscount, DiscountPercent: currency.MustParseRate("10"),
			End: pbxDate(2024, 3, 31), Accepted: pbxAccepted},
		{ID: "loyalty", Pricing: privateoffer.PercentageDiscount, DiscountPercent: currency.MustParseRate("15"),
			End: pbxDate(2024, 12, 31), Accepted: pbxAccepted},
		{ID: "enterprise", Plan: "gold", Pricing: privateoffer.AbsolutePrice, Price: currency.MustParse("95.00 USD"), Term: plan.OneYear,
			Start: pbxDate(2024, 7, 1), End: pbxDate(2025, 6, 30), Accepted: pbxAccepted},
	}
	pol := privateoffer.DefaultPolicy()
	for _, at := range []time.Time{pbxDate(2024, 2, 1), pbxDate(2024, 8, 1)} {
		d, err := pol.Price(privateoffer.PriceRequest{Plan: "gold", Term: plan.OneYear, Public: currency.MustParse("100.00 USD"), Offers: offers, At: at})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(at.Format(time.DateOnly), d.Price, d.Offer, d.Reason)
	}
	// Azure infrastructure is never discounted.
	d, _ := pol.Price(privateoffer.PriceRequest{Plan: "gold", Infrastructure: true, Public: currency.MustParse("0.14 USD"), Offers: offers, At: pbxDate(2024, 2, 1)})
	fmt.Println(d.Price, d.Reason)
	// Output:
	// 2024-02-01 85.00 USD loyalty private-best-percentage
	// 2024-08-01 95.00 USD enterprise private-absolute-price
	// 0.14 USD infrastructure-not-discounted
}

func ExamplePolicy_ValidateOffer() {
	o := privateoffer.Offer{ID: "deal", Plan: "gold", Pricing: privateoffer.AbsolutePrice, Price: currency.MustParse("80.00 USD"),
		Term: plan.OneMonth, Start: pbxDate(2024, 2, 15), End: pbxDate(2024, 6, 30)}
	err := privateoffer.DefaultPolicy().ValidateOffer(o, offer.VirtualMachine, nil)
	var ps rule.Problems
	if errors.As(err, &ps) {
		fmt.Print(ps.Text(rule.English))
	}
	// Output:
	// start: 2024-02-15 is not the 1st of a month; an offer starts on acceptance or on the 1st of a month (EXT-09)
	// pricing: absolute prices are not available for azure-virtual-machine offers (only saas, azure-managed-application) (EXT-09)
}

func ExamplePolicy_Window() {
	pol := privateoffer.DefaultPolicy()
	o := privateoffer.Offer{Start: pbxDate(2024, 2, 1), End: pbxDate(2024, 4, 30), Accepted: pbxAccepted}
	w, ok := pol.Window(o)
	fmt.Println(w, ok)
	// Output: [2024-02-01T00:00:00Z, 2024-05-01T00:00:00Z) true
}

func ExampleDefaultPolicy() {
	p := privateoffer.DefaultPolicy()
	fmt.Println(p.Rounding, p.FullDiscount, p.AbsoluteTypes, p.AdjustmentDecimals)
	// Output: half-even false [saas azure-managed-application] 8
}

func ExamplePriceDecision_Explain() {
	offers := []privateoffer.Offer{{ID: "deal", Plan: "gold", Pricing: privateoffer.PercentageDiscount,
		DiscountPercent: currency.MustParseRate("12.5"), End: pbxDate(2024, 12, 31), Accepted: pbxAccepted}}
	d, _ := privateoffer.DefaultPolicy().Price(privateoffer.PriceRequest{Plan: "gold", Dimension: "emails",
		Public: currency.MustParse("0.08 USD"), Offers: offers, At: pbxDate(2024, 2, 1)})
	fmt.Println(strings.ReplaceAll(d.Explain(rule.English), "\u00a0", " "))
	// Output: $0.07 instead of $0.08: private offer "deal", the only active one, gives 12.5% off (EXT-09).
}

func ExamplePricing_String() {
	fmt.Println(privateoffer.PercentageDiscount, privateoffer.AbsolutePrice)
	// Output: percentage absolute
}

func ExamplePricing_MarshalText() {
	b, _ := privateoffer.AbsolutePrice.MarshalText()
	fmt.Println(string(b))
	// Output: absolute
}

func ExamplePricing_UnmarshalText() {
	var p privateoffer.Pricing
	fmt.Println(p.UnmarshalText([]byte("percentage")), p)
	// Output: <nil> percentage
}

func ExamplePolicy_Multiparty() {
	// $100 + ($100 × 10%) = $110.
	pol := privateoffer.DefaultPolicy()
	d, _ := pol.Multiparty(privateoffer.PartnerPrice{Pricing: privateoffer.AbsolutePrice, Price: currency.MustParse("100.00 USD")}, currency.MustParseRate("10"))
	fmt.Println(d.Customer, d.Markup, d.Allowed)

	// A 20% discounted partner price caps the adjustment at 20%.
	disc := privateoffer.PartnerPrice{Pricing: privateoffer.PercentageDiscount, List: currency.MustParse("100.00 USD"), DiscountPercent: currency.MustParseRate("20")}
	d, _ = pol.Multiparty(disc, currency.MustParseRate("25"))
	fmt.Println(d.Partner, d.Customer, d.Allowed, d.Reason)
	// Output:
	// 110.00 USD 10.00 USD true
	// 80.00 USD 100.00 USD false mpo-adjustment-above-discount
}

func ExamplePolicy_MultipartyAdjustment() {
	// from $95.00 to $105.00 is 10.52631579%.
	d, _ := privateoffer.DefaultPolicy().MultipartyAdjustment(
		privateoffer.PartnerPrice{Pricing: privateoffer.AbsolutePrice, Price: currency.MustParse("95.00 USD")}, currency.MustParse("105.00 USD"))
	fmt.Println(d.AdjustmentPercent, d.Customer, d.Exact)
	// Output: 10.52631579 105.00 USD true
}

func ExamplePolicy_PartnerPrice() {
	p, err := privateoffer.DefaultPolicy().PartnerPrice(privateoffer.PartnerPrice{Pricing: privateoffer.PercentageDiscount,
		List: currency.MustParse("99.99 USD"), DiscountPercent: currency.MustParseRate("15")})
	fmt.Println(p, err)
	// Output: 84.99 USD <nil>
}

func ExampleMultipartyDecision_Explain() {
	disc := privateoffer.PartnerPrice{Pricing: privateoffer.PercentageDiscount, List: currency.MustParse("100.00 USD"), DiscountPercent: currency.MustParseRate("20")}
	d, _ := privateoffer.DefaultPolicy().Multiparty(disc, currency.MustParseRate("10"))
	fmt.Println(strings.ReplaceAll(d.Explain(rule.English), "\u00a0", " "))
	// Output: Customer price $88.00: the partner price $80.00 plus the customer adjustment of 10% ($8.00) (EXT-09). The adjustment is within the publisher's 20% discount to the partner.
}

// The zero Policy is DefaultPolicy(); Validate names a field that cannot
// be applied.
func ExamplePolicy_Validate() {
	p := privateoffer.DefaultPolicy()
	p.AdjustmentDecimals = -1
	fmt.Println(privateoffer.Policy{}.Validate(), privateoffer.Policy{}.IsZero())
	fmt.Println(p.Validate())
	// Output:
	// <nil> true
	// policy.adjustmentDecimals: the policy's -1 adjustment decimals are not between 0 and 15 (EXT-09)
}

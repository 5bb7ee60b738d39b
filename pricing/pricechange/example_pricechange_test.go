package pricechange_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/pricechange"
	"github.com/marketrules/marketrules/rule"
)

func pbxChange(old, nw string) offer.PriceChange {
	return offer.PriceChange{Plan: "gold", Term: plan.OneMonth, Old: currency.MustParse(old), New: currency.MustParse(nw)}
}

func ExamplePolicy_Decide() {
	// a SaaS price change published on January 27 (in time) and on
	// January 28 (at the cut-off, 4 days before the end of the month).
	pol := pricechange.Policy2023()
	for _, day := range []int{27, 28} {
		for _, ch := range []offer.PriceChange{pbxChange("10.00 USD", "8.00 USD"), pbxChange("10.00 USD", "12.00 USD")} {
			d, err := pol.Decide(pricechange.Request{Offer: offer.SaaS, Plan: "gold",
				Published: time.Date(2024, 1, day, 12, 0, 0, 0, time.UTC), Changes: []offer.PriceChange{ch}})
			if err != nil {
				fmt.Println(err)
				continue
			}
			fmt.Println("Jan", day, d.Direction, d.Effective.Format(time.DateOnly))
		}
	}
	// Under the default policy a published price cannot change at all (PLN-11).
	d, _ := pricechange.DefaultPolicy().Decide(pricechange.Request{Offer: offer.SaaS, Plan: "gold",
		Published: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC), Changes: []offer.PriceChange{pbxChange("10.00 USD", "8.00 USD")}})
	fmt.Println(d.Allowed, d.Rule, d.Reason)
	// Output:
	// Jan 27 decrease 2024-02-01
	// Jan 27 increase 2024-05-01
	// Jan 28 decrease 2024-03-01
	// Jan 28 increase 2024-05-01
	// false PLN-11 published-price-fixed
}

func ExamplePolicy_DecideOffer() {
	gold := plan.Plan{ID: "gold", Name: "Gold", Status: plan.Live, Markets: market.SetOf(market.US),
		Pricing: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("10.00 USD")}}}}
	published := offer.Offer{ID: "contoso", Type: offer.SaaS, SellThroughMicrosoft: true, Listing: offer.GetItNow, Plans: []plan.Plan{gold}}
	draft := published
	draft.Plans = []plan.Plan{gold}
	draft.Plans[0].Pricing.Terms = []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("9.00 USD")}}
	ch, err := offer.Policy2023().CheckRepublish(&published, &draft)
	if err != nil || !ch.Allowed {
		fmt.Println(err, ch)
		return
	}
	ds, err := pricechange.Policy2023().DecideOffer(&published, ch.Prices, nil, time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range ds {
		fmt.Println(d.Plan, d.Reason, d.Effective.Format(time.DateOnly))
	}
	// Output: gold price-decrease-scheduled 2024-02-01
}

func ExampleDecision_Explain() {
	d, _ := pricechange.Policy2023().Decide(pricechange.Request{Offer: offer.SaaS, Plan: "gold",
		Published: time.Date(2024, 1, 10, 9, 0, 0, 0, time.UTC), Changes: []offer.PriceChange{pbxChange("10.00 USD", "8.00 USD")}})
	fmt.Println(d.Explain(rule.English))
	d, _ = pricechange.Policy2023().Decide(pricechange.Request{Offer: offer.SaaS, Plan: "gold",
		Published: time.Date(2024, 1, 10, 9, 0, 0, 0, time.UTC), Changes: []offer.PriceChange{pbxChange("0.00 USD", "8.00 USD")}})
	fmt.Println(d.Explain(rule.Swedish))
	// Output:
	// Plan "gold": the price decrease takes effect on 2024-02-01 00:00:00 UTC. Published 2024-01-10 09:00:00 UTC, before the cut-off 2024-01-28 00:00:00 UTC (4 days before the end of the month), it counts from 2024-01-10 09:00:00 UTC; a decrease takes effect on the 1st of the next month (EXT-08).
	// Planen "gold": nekas. Ett pris kan inte ändras från gratis (0) till betalt (ändring 0); publicera en ny betald plan i stället (EXT-08).
}

func ExampleDecision_Scheduled() {
	ch := pbxChange("10.00 USD", "12.00 USD")
	d, _ := pricechange.Policy2023().Decide(pricechange.Request{Offer: offer.SaaS, Plan: "gold",
		Published: time.Date(2024, 1, 10, 9, 0, 0, 0, time.UTC), Changes: []offer.PriceChange{ch}})
	s, ok := d.Scheduled(ch)
	fmt.Println(s.Old, s.New, s.Effective.Format(time.DateOnly), ok)
	// Output: 10.00 USD 12.00 USD 2024-05-01 true
}

func ExampleDefaultPolicy() {
	p := pricechange.DefaultPolicy()
	fmt.Println(p.Name, p.Allowed)
	// Output: default false
}

func ExamplePolicy2023() {
	p := pricechange.Policy2023()
	fmt.Println(p.Name, p.Allowed, p.SaaSCutoffDays, p.VMCutoffDays, p.AppCutoffDays, p.IncreaseNoticeDays)
	// Output: 2023 true 4 days 6 days 14 days 90 days
}

func ExamplePolicyFor() {
	fmt.Println(pricechange.PolicyFor(offer.DefaultPolicy()).Allowed, pricechange.PolicyFor(offer.Policy2023()).Allowed)
	// Output: false true
}

func ExamplePolicy_CutoffDays() {
	p := pricechange.Policy2023()
	for _, t := range []offer.Type{offer.SaaS, offer.VirtualMachine, offer.ManagedApplication, offer.Container} {
		fmt.Println(t, p.CutoffDays(t))
	}
	// Output:
	// saas 4 days
	// azure-virtual-machine 6 days
	// azure-managed-application 14 days
	// azure-container 0 days
}

func ExampleDirection_String() {
	fmt.Println(pricechange.PriceUnchanged, pricechange.PriceDecrease, pricechange.PriceIncrease, pricechange.PriceMixed)
	// Output: unchanged decrease increase mixed
}

func ExampleDirection_MarshalText() {
	b, _ := pricechange.PriceIncrease.MarshalText()
	fmt.Println(string(b))
	// Output: increase
}

func ExampleDirection_UnmarshalText() {
	var d pricechange.Direction
	fmt.Println(d.UnmarshalText([]byte("decrease")), d)
	// Output: <nil> decrease
}

func ExamplePolicy_ContractPrice() {
	// An annual subscription bought on January 15 keeps its price when
	// an increase takes effect on May 1, until it renews.
	s := pricechange.ScheduledPrice{Old: currency.MustParse("100.00 USD"), New: currency.MustParse("120.00 USD"),
		Effective: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	anchor := time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)
	for _, at := range []time.Time{time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)} {
		a, err := pricechange.DefaultPolicy().ContractPrice(anchor, plan.OneYear, s, at)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(at.Format(time.DateOnly), a.Price, a.Reason)
	}
	// Output:
	// 2024-06-01 100.00 USD contract-price-until-renewal
	// 2025-01-15 120.00 USD renewed-at-new-price
}

func ExamplePolicy_UsagePrice() {
	// EXT-08: usage after the change is billed at the new price.
	s := pricechange.ScheduledPrice{Old: currency.MustParse("0.05 USD"), New: currency.MustParse("0.04 USD"),
		Effective: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}
	fmt.Println(pricechange.DefaultPolicy().UsagePrice(s, time.Date(2024, 1, 31, 23, 0, 0, 0, time.UTC)).Price)
	fmt.Println(pricechange.DefaultPolicy().UsagePrice(s, time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)).Price)
	// Output:
	// 0.05 USD
	// 0.04 USD
}

func ExampleAppliedPrice_Explain() {
	s := pricechange.ScheduledPrice{Old: currency.MustParse("0.05 USD"), New: currency.MustParse("0.04 USD"),
		Effective: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}
	a := pricechange.DefaultPolicy().UsagePrice(s, time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC))
	fmt.Println(strings.ReplaceAll(a.Explain(rule.English), "\u00a0", " "))
	// Output: $0.04 applies to usage at 2024-02-03 00:00:00 UTC: usage after the change of 2024-02-01 00:00:00 UTC is billed at the new price, whatever the contract (EXT-08).
}

// The zero Policy is DefaultPolicy(); Validate names a field that cannot
// be applied.
func ExamplePolicy_Validate() {
	p := pricechange.Policy2023()
	p.SaaSCutoffDays = 40
	fmt.Println(pricechange.Policy{}.Validate(), pricechange.Policy{}.IsZero())
	fmt.Println(p.Validate())
	// Output:
	// <nil> true
	// policy.saasCutoffDays: 40 days is outside 0 to 31 (EXT-08)
}

package pricing_test

import (
	"fmt"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// exMonthly returns a flat-rate plan priced per month.
func exMonthly(id, usd string) *plan.Plan {
	return &plan.Plan{ID: id, Markets: market.SetOf(market.US, market.SE), Pricing: plan.Pricing{Model: plan.FlatRate,
		Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse(usd)}}}}
}

// exSub is a monthly subscription to "std", started on January 31, 2024.
func exSub() pricing.Subscription {
	return pricing.Subscription{Plan: exMonthly("std", "31.00 USD"), Market: market.US, Term: plan.OneMonth,
		Start: time.Date(2024, time.January, 31, 0, 0, 0, 0, time.UTC)}
}

// An upgrade in the middle of February 2024: the period from January 31
// has 29 days, and 14 remain on February 15, the day of the change
// included.
func ExamplePolicy_Prorate() {
	p, err := pricing.DefaultPolicy().Prorate(exSub(), pricing.SubscriptionChange{Plan: exMonthly("pro", "62.00 USD")},
		time.Date(2024, time.February, 15, 9, 30, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Period)
	fmt.Println(p.Unused(), "of", p.Total, "days:", p.Credit, "+", p.Charge, "=", p.Net)
	// Output:
	// [2024-01-31T00:00:00Z, 2024-02-29T00:00:00Z)
	// 14 of 29 days: -14.97 USD + 29.93 USD = 14.96 USD
}

// A change on the last day of a period credits exactly one day.
func ExamplePolicy_Prorate_lastDay() {
	p, err := pricing.DefaultPolicy().Prorate(exSub(), pricing.SubscriptionChange{Plan: exMonthly("pro", "62.00 USD")},
		time.Date(2024, time.February, 28, 23, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Unused(), "of", p.Total, "days:", p.Credit, "+", p.Charge, "=", p.Net)
	// Output:
	// 1 of 29 days: -1.07 USD + 2.14 USD = 1.07 USD
}

// A per-user subscription changes its number of users (PRC-06).
func ExamplePolicy_Prorate_seats() {
	team := &plan.Plan{ID: "team", Markets: market.SetOf(market.US), Pricing: plan.Pricing{Model: plan.PerUser,
		Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("10.00 USD")}}}}
	sub := pricing.Subscription{Plan: team, Market: market.US, Term: plan.OneMonth, Quantity: 10,
		Start: time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)}
	p, err := pricing.DefaultPolicy().Prorate(sub, pricing.SubscriptionChange{Quantity: 15}, time.Date(2024, time.January, 11, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p)
	// Output:
	// PRC-06 change-prorated upgrade: credit -67.74 USD, charge 101.61 USD, net 33.87 USD (21/31 days unused)
}

// A change of both the plan and the number of users is two changes
// (EXT-06).
func ExamplePolicy_Prorate_errors() {
	_, err := pricing.DefaultPolicy().Prorate(exSub(), pricing.SubscriptionChange{Plan: exMonthly("pro", "62.00 USD"), Quantity: 3},
		time.Date(2024, time.February, 15, 0, 0, 0, 0, time.UTC))
	fmt.Println(err)
	// Output:
	// change: a change may change the plan or the number of users, not both: make two changes (EXT-06)
}

func ExampleDefaultPolicy_proration() {
	pol := pricing.DefaultPolicy()
	fmt.Println(pol.Name, pol.ProrationUnit, pol.ProrationRounding, pol.Upgrade, pol.Downgrade, pol.SeatReductionWindow)
	// Output:
	// default day half-even immediate immediate 0 days
}

// Private offers cannot be upgraded mid-term: the change takes effect at
// renewal, and nothing is prorated.
func ExamplePrivateOfferPolicy() {
	p, err := pricing.PrivateOfferPolicy().Prorate(exSub(), pricing.SubscriptionChange{Plan: exMonthly("pro", "62.00 USD")},
		time.Date(2024, time.February, 15, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Timing, p.Reason, p.EffectiveAt.Format(time.DateOnly), p.Net)
	// Output:
	// at-renewal change-at-renewal 2024-02-29 0.00 USD
}

// In CSP new commerce seats can be reduced only within 7 calendar days of
// being added (EXT-13).
func ExampleNewCommercePolicy() {
	team := &plan.Plan{ID: "team", Markets: market.SetOf(market.US), Pricing: plan.Pricing{Model: plan.PerUser,
		Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("10.00 USD")}}}}
	sub := pricing.Subscription{Plan: team, Market: market.US, Term: plan.OneMonth, Quantity: 15,
		Start: time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)}
	added := time.Date(2024, time.January, 5, 10, 0, 0, 0, time.UTC)
	for _, day := range []int{11, 12} {
		p, err := pricing.NewCommercePolicy().Prorate(sub, pricing.SubscriptionChange{Quantity: 10, SeatsAddedAt: added},
			time.Date(2024, time.January, day, 12, 0, 0, 0, time.UTC))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(day, p.Rule, p.Reason, p.Net)
	}
	// Output:
	// 11 EXT-13 change-prorated -33.87 USD
	// 12 EXT-13 seat-reduction-window-closed 0.00 USD
}

func ExampleProration_Unused() {
	p := pricing.Proration{Used: 15, Total: 29}
	fmt.Println(p.Unused())
	// Output:
	// 14
}

func ExampleProration_AppendCharges() {
	p, err := pricing.DefaultPolicy().Prorate(exSub(), pricing.SubscriptionChange{Plan: exMonthly("pro", "62.00 USD")},
		time.Date(2024, time.February, 15, 9, 30, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range p.AppendCharges(nil) {
		fmt.Println(l)
	}
	// Output:
	// PRC-05 proration-credit -14.97 USD [2024-02-15T00:00:00Z, 2024-02-29T00:00:00Z)
	// PRC-05 proration-charge 29.93 USD [2024-02-15T00:00:00Z, 2024-02-29T00:00:00Z)
}

func ExampleProration_String() {
	p, _ := pricing.DefaultPolicy().Prorate(exSub(), pricing.SubscriptionChange{Plan: exMonthly("cheap", "15.50 USD")},
		time.Date(2024, time.February, 15, 0, 0, 0, 0, time.UTC))
	fmt.Println(p)
	// Output:
	// PRC-05 change-prorated downgrade: credit -14.97 USD, charge 7.48 USD, net -7.49 USD (14/29 days unused)
}

func ExampleProration_Explain() {
	p, _ := pricing.DefaultPolicy().Prorate(exSub(), pricing.SubscriptionChange{Plan: exMonthly("pro", "62.00 USD")},
		time.Date(2024, time.February, 15, 9, 30, 0, 0, time.UTC))
	fmt.Println(p.Explain(rule.English))
	fmt.Println(p.Explain(rule.Swedish))
	// Output:
	// Plan change from "std" to "pro" at 2024-02-15 09:30:00 UTC: an upgrade (PRC-05). It takes effect immediately; the term stays and renews at 2024-02-29 00:00:00 UTC. The billing period 2024-01-31 00:00:00 UTC – 2024-02-29 00:00:00 UTC has 29 days, counted in UTC; 14 remain, the day of the change included. Credit -$14.97: 14/29 of $31.00 paid for the period. Charge $29.93: 14/29 of $62.00, the new price for the period. Net $14.96.
	// Planbyte från "std" till "pro" 2024-02-15 09:30:00 UTC: en uppgradering (PRC-05). Den gäller omedelbart; perioden består och förnyas 2024-02-29 00:00:00 UTC. Faktureringsperioden 2024-01-31 00:00:00 UTC – 2024-02-29 00:00:00 UTC har 29 dagar, räknade i UTC; 14 återstår, ändringsdagen medräknad. Kredit −14,97 US$: 14/29 av 31,00 US$ betalt för perioden. Debitering 29,93 US$: 14/29 av 62,00 US$, det nya priset för perioden. Netto 14,96 US$.
}

func ExampleProrationUnit_String() {
	fmt.Println(pricing.ProrateByDay, pricing.ProrateBySecond)
	// Output:
	// day second
}

func ExampleProrationUnit_MarshalText() {
	b, err := pricing.ProrateBySecond.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// second <nil>
}

func ExampleProrationUnit_UnmarshalText() {
	var u pricing.ProrationUnit
	err := u.UnmarshalText([]byte("second"))
	fmt.Println(u == pricing.ProrateBySecond, err)
	// Output:
	// true <nil>
}

func ExampleChangeTiming_String() {
	fmt.Println(pricing.TimingImmediate, pricing.TimingAtRenewal, pricing.TimingBlocked)
	// Output:
	// immediate at-renewal blocked
}

func ExampleChangeTiming_MarshalText() {
	b, err := pricing.TimingAtRenewal.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// at-renewal <nil>
}

func ExampleChangeTiming_UnmarshalText() {
	var pol pricing.Policy
	err := pol.Downgrade.UnmarshalText([]byte("blocked"))
	fmt.Println(pol.Downgrade, err)
	// Output:
	// blocked <nil>
}

func ExampleChangeDirection_String() {
	fmt.Println(pricing.Upgrade, pricing.Downgrade, pricing.Lateral)
	// Output:
	// upgrade downgrade lateral
}

func ExampleChangeDirection_MarshalText() {
	b, err := pricing.Downgrade.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// downgrade <nil>
}

func ExampleChangeDirection_UnmarshalText() {
	var d pricing.ChangeDirection
	err := d.UnmarshalText([]byte("sideways"))
	fmt.Println(err)
	// Output:
	// unknown change direction "sideways" (want upgrade, downgrade or lateral)
}

func ExampleChangeKind_String() {
	fmt.Println(pricing.PlanChange, pricing.SeatChange)
	// Output:
	// plan seats
}

func ExampleChangeKind_MarshalText() {
	b, err := pricing.SeatChange.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// seats <nil>
}

func ExampleChangeKind_UnmarshalText() {
	var k pricing.ChangeKind
	err := k.UnmarshalText([]byte("plan"))
	fmt.Println(k == pricing.PlanChange, err)
	// Output:
	// true <nil>
}

// A subscription started on 15 January and billed on the 1st: the partial
// first period, 17 of January's 31 days, is charged at the start, then
// whole months from 1 February (PRC-07).
func ExampleSubscription_billingDay() {
	sub := pricing.Subscription{Plan: exMonthly("std", "31.00 USD"), Market: market.US, Term: plan.OneMonth,
		Start: time.Date(2024, time.January, 15, 0, 0, 0, 0, time.UTC), BillingDay: 1}
	charges, err := pricing.DefaultPolicy().AppendSchedule(nil, sub, sub.Start)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range charges {
		fmt.Println(c.Kind, c.Period, c.Amount)
	}
	// Output:
	// partial-period [2024-01-15T00:00:00Z, 2024-02-01T00:00:00Z) 17.00 USD
	// recurring [2024-02-01T00:00:00Z, 2024-03-01T00:00:00Z) 31.00 USD
}

// The zero Policy is the default; a policy with some fields set must set
// every field it uses, and Validate names the others.
func ExamplePolicy_Validate() {
	fmt.Println(pricing.Policy{}.Validate())
	fmt.Println(pricing.Policy{Name: "mine", UsageMonths: 3}.Validate())
	// Output:
	// <nil>
	// policy.reservationYear: 0s is not a positive whole number of hours (EXT-07)
}

func ExamplePolicy_IsZero() {
	fmt.Println(pricing.Policy{}.IsZero(), pricing.DefaultPolicy().IsZero())
	// Output: true false
}

package marketrulestest_test

import (
	"fmt"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
)

// Outside a test (sample data for a demo, a host's own fixtures), the plain
// builders return an error instead of failing a test.
func ExampleNewFlatRatePlan() {
	gold, err := marketrulestest.NewFlatRatePlan("gold", "49.99 USD",
		marketrulestest.Term(plan.OneYear, plan.Monthly, "499.00 USD"),
		marketrulestest.Meter("emails", "0.01 USD", 1000))
	fmt.Println(gold.Name, len(gold.Pricing.Terms), err)
	fmt.Println(offer.DefaultPolicy().CheckOffer(marketrulestest.SaaSOffer(gold)))

	_, err = marketrulestest.NewFlatRatePlan("gold", "49,99 USD")
	fmt.Println(err != nil)
	// Output:
	// Gold 2 <nil>
	// <nil>
	// true
}

func ExampleNewPerUserPlan() {
	team, _ := marketrulestest.NewPerUserPlan("team", "10.00 USD", marketrulestest.Users(5, 100))
	fmt.Println(team.Pricing.Model, team.Pricing.Users.Min, team.Pricing.Users.Max)
	// Output: per-user 5 100
}

func ExampleNewFreePlan() {
	p, _ := marketrulestest.NewFreePlan("community", marketrulestest.Hidden())
	fmt.Println(p.Pricing.Model, p.Visibility)
	// Output: free hidden
}

func ExampleNewBYOLPlan() {
	p, err := marketrulestest.NewBYOLPlan("byol", marketrulestest.Reservation(plan.OneYear, "30%"))
	fmt.Println(p.ID == "", err != nil)
	// Output: true true
}

func ExampleNewPerVCPUSizePlan() {
	vm, _ := marketrulestest.NewPerVCPUSizePlan("standard", map[int]string{4: "0.11 USD", 2: "0.06 USD"})
	for _, s := range vm.Pricing.VM.Sizes {
		fmt.Println(s.VCPUs, s.Price)
	}
	// Output:
	// 2 0.06 USD
	// 4 0.11 USD
}

func ExampleParseTime() {
	at, _ := marketrulestest.ParseTime("2026-01-31")
	fmt.Println(at)
	_, err := marketrulestest.ParseTime("31/01/2026")
	fmt.Println(err)
	// Output:
	// 2026-01-31 00:00:00 +0000 UTC
	// "31/01/2026" is neither RFC 3339 (2026-01-31T10:00:00Z) nor a date (2026-01-31)
}

func ExampleNewOnlyFields() {
	opt, _ := marketrulestest.NewOnlyFields(plan.Plan{}, "ID")
	fmt.Println(cmp.Equal(plan.Plan{ID: "a", Name: "A"}, plan.Plan{ID: "a", Name: "B"}, opt))
	_, err := marketrulestest.NewOnlyFields(plan.Plan{}, "Nope")
	fmt.Println(err)
	// Output:
	// true
	// plan.Plan has no field Nope
}

package plan_test

import (
	"errors"
	"fmt"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Plan IDs may use only lowercase letters, digits, hyphens and underscores
// (PLN-01).
func ExampleValidID() {
	for _, id := range []string{"premium-annual_v2", "Premium", "premium plan", ""} {
		fmt.Printf("%q %v\n", id, plan.ValidID(id))
	}
	// Output:
	// "premium-annual_v2" true
	// "Premium" false
	// "premium plan" false
	// "" false
}

func ExampleAudience_Has() {
	contoso := plan.MustParseGUID("72f988bf-86f1-41af-91ab-2d7cd011db47")
	a := plan.NewAudience(plan.TenantIDs, plan.Manual, contoso)
	fmt.Println(a.Has(contoso), a.Has(plan.MustParseGUID("e4c9ab4e-bd27-40d5-8459-230ba2a757fb")))
	// Output: true false
}

func ExampleNewAudience_duplicates() {
	a := plan.NewAudience(plan.SubscriptionIDs, plan.Manual,
		plan.MustParseGUID("e4c9ab4e-bd27-40d5-8459-230ba2a757fb"),
		plan.MustParseGUID("72f988bf-86f1-41af-91ab-2d7cd011db47"),
		plan.MustParseGUID("E4C9AB4E-BD27-40D5-8459-230BA2A757FB")) // a duplicate
	fmt.Println(len(a.IDs), len(a.IDs) <= plan.DefaultPolicy().AudienceManualMax)
	// Output: 2 true
}

func ExampleMustParseGUID() {
	tenant := plan.MustParseGUID("{72F988BF-86F1-41AF-91AB-2D7CD011DB47}")
	fmt.Println(tenant)
	// Output: 72f988bf-86f1-41af-91ab-2d7cd011db47
}

func ExampleParseGUID_nil() {
	g := plan.MustParseGUID("00000000-0000-0000-0000-000000000000")
	fmt.Println(g == plan.GUID{}, plan.MustParseGUID("72f988bf-86f1-41af-91ab-2d7cd011db47") == plan.GUID{})
	// Output: true false
}

// UsageOnly plans count as flat rate when OFR-06 compares the plans of one
// offer.
func ExampleModel_Family() {
	for _, m := range []plan.Model{plan.FlatRate, plan.UsageOnly, plan.PerUser} {
		fmt.Println(m, "→", m.Family())
	}
	// Output:
	// flat-rate → flat-rate
	// usage-only → flat-rate
	// per-user → per-user
}

func ExampleModel_IsPaid() {
	for _, m := range []plan.Model{plan.Free, plan.BYOL, plan.FlatRate, plan.PerVCPU} {
		fmt.Print(m, "=", m.IsPaid(), " ")
	}
	fmt.Println()
	// Output: free=false byol=false flat-rate=true per-vcpu=true
}

// A 3-year term paid upfront, annually or monthly.
func ExamplePaymentOption_Months() {
	for _, o := range []plan.PaymentOption{plan.Upfront, plan.Annual, plan.Monthly} {
		fmt.Print(o, "=", o.Months(plan.ThreeYears), " ")
	}
	fmt.Println()
	// Output: upfront=36 annual=12 monthly=1
}

func ExamplePlan_HasMeters() {
	p := plan.Plan{ID: "standard", Pricing: plan.Pricing{Model: plan.FlatRate}}
	fmt.Println(p.HasMeters())
	p.Pricing.Meters = []plan.Meter{{Dimension: "emails", Price: currency.MustParse("0.50 USD"),
		Included: []plan.Included{{Term: plan.OneMonth, Quantity: 1000}}}}
	fmt.Println(p.HasMeters())
	// Output:
	// false
	// true
}

// A policy's limits are checked before it is used; the zero Policy means
// DefaultPolicy().
func ExamplePolicy_Validate() {
	pol := plan.DefaultPolicy()
	pol.AudienceTenantCSVMax = -1
	var ps rule.Problems
	errors.As(pol.Validate(), &ps)
	fmt.Print(ps.Text(rule.English))
	fmt.Println(plan.Policy{}.Validate())
	// Output:
	// policy.audienceTenantCsvMax: limit -1 is out of range (want 1 to 1,000,000) (PLN-08)
	// <nil>
}

func ExampleDefaultPolicy() {
	pol := plan.DefaultPolicy()
	fmt.Println(pol.Name, pol.IDMax, pol.NameMax, pol.DescriptionMax, pol.AudienceManualMax)
	// Output: default 50 50 500 10
}

// The 2022–2023 documents allow longer plan names and descriptions
// (EXT-14).
func ExamplePolicy2023() {
	pol := plan.Policy2023()
	fmt.Println(pol.Name, pol.IDMax, pol.NameMax, pol.DescriptionMax)
	// Output: 2023 50 200 3000
}

func ExamplePolicy_AudienceTenantCSVMax() {
	pol := plan.DefaultPolicy()
	fmt.Println(pol.AudienceTenantCSVMax, pol.AudienceSubscriptionCSVMax)
	// Output: 20000 10000
}

func ExampleQuantity_IsUnlimited() {
	fmt.Println(plan.Unlimited.IsUnlimited(), plan.Quantity(1000).IsUnlimited(), plan.Quantity(0).IsUnlimited())
	// Output: true false false
}

func ExampleTerm_Months() {
	for _, t := range []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears, plan.Hourly} {
		fmt.Print(t, "=", t.Months(), " ")
	}
	fmt.Println()
	// Output: P1M=1 P1Y=12 P2Y=24 P3Y=36 PT1H=0
}

func ExampleTerm_Words() {
	for _, t := range []plan.Term{plan.OneMonth, plan.OneYear, plan.ThreeYears, plan.Hourly} {
		fmt.Printf("%s: %s\n", t, t.Words())
	}
	// Output:
	// P1M: 1 month
	// P1Y: 1 year
	// P3Y: 3 years
	// PT1H: hourly
}

func ExampleTrial_Enabled() {
	fmt.Println(plan.Trial{Months: 1}.Enabled(), plan.Trial{}.Enabled())
	// Output: true false
}

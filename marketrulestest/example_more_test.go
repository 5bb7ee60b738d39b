package marketrulestest_test

import (
	"fmt"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// AssertProblems checks a validation result by rule and path; in a test it
// reports a mismatch with t.Errorf and the test goes on.
func ExampleAssertProblems() {
	o := marketrulestest.SaaSOffer(marketrulestest.FlatRatePlan(t, "Gold", "49.99 USD"))
	ok := marketrulestest.AssertProblems(t, offer.DefaultPolicy().CheckOffer(o),
		marketrulestest.ProblemKey{Rule: rule.PLN01, Path: "plans[0].id"})
	fmt.Println(ok, marketrulestest.AssertProblems(t, offer.DefaultPolicy().CheckOffer(marketrulestest.SaaSFlatRateOffer())))
	// Output: true true
}

func ExampleBYOLPlan() {
	p := marketrulestest.BYOLPlan(t, "monitoring")
	o := marketrulestest.NewOffer(offer.ManagedService, p)
	fmt.Println(p.Name, p.Pricing.Model, p.Markets, offer.DefaultPolicy().CheckOffer(o))
	// Output: Monitoring byol DE GB JP SE US <nil>
}

func ExampleBusinessCentralOffer() {
	o := marketrulestest.BusinessCentralOffer()
	fmt.Println(o.Type, o.Listing, len(o.Plans), offer.DefaultPolicy().CheckOffer(o))
	// Output: dynamics-365-business-central get-it-now 0 <nil>
}

func ExampleConsultingServiceOffer() {
	o := marketrulestest.ConsultingServiceOffer()
	fmt.Println(o.Type, o.Listing, o.SellsThroughMicrosoft(), len(o.Plans), offer.DefaultPolicy().CheckOffer(o))
	// Output: consulting-service contact-me false 0 <nil>
}

func ExampleContainerOffer() {
	o := marketrulestest.ContainerOffer()
	fmt.Println(o.Type, o.Plans[0].ID, o.Plans[0].Pricing.Model, offer.DefaultPolicy().CheckOffer(o))
	// Output: azure-container byol byol <nil>
}

func ExampleCustomerEngagementOffer() {
	o := marketrulestest.CustomerEngagementOffer()
	fmt.Println(o.Type, o.Listing, len(o.Plans), offer.DefaultPolicy().CheckOffer(o))
	// Output: dynamics-365-customer-engagement free-trial 0 <nil>
}

func ExampleDynamicsOperationsOffer() {
	o := marketrulestest.DynamicsOperationsOffer()
	fmt.Println(o.Type, o.Listing, len(o.Plans), offer.DefaultPolicy().CheckOffer(o))
	// Output: dynamics-365-operations test-drive 0 <nil>
}

// 10:00 UTC and 11:00 in Stockholm are the same instant.
func ExampleEquateInstants() {
	utc := marketrulestest.Time(t, "2026-01-31T10:00:00Z")
	cet := marketrulestest.Time(t, "2026-01-31T11:00:00+01:00")
	fmt.Println(cmp.Equal(utc, cet, marketrulestest.EquateInstants()), utc == cet)
	// Output: true false
}

func ExampleEquateProblems() {
	got := rule.Problems{{Rule: rule.PLN01, Path: "plans[0].id", Message: rule.Message{English: "%q may contain only lowercase letters"}, Args: []any{"Gold"}}}
	want := rule.Problems{{Rule: rule.PLN01, Path: "plans[0].id"}}
	fmt.Println(cmp.Equal(want, got, marketrulestest.EquateProblems()))
	fmt.Println(cmp.Equal(rule.Problems{{Rule: rule.PLN02, Path: "plans[0].name"}}, got, marketrulestest.EquateProblems()))
	// Output:
	// true
	// false
}

func ExampleFreePlan() {
	p := marketrulestest.FreePlan(t, "single-vm")
	o := marketrulestest.NewOffer(offer.SolutionTemplate, p)
	fmt.Println(p.Name, p.Pricing.Model, o.SellThroughMicrosoft, offer.DefaultPolicy().CheckOffer(o))
	// Output: Single vm free false <nil>
}

func ExampleGUIDOf() {
	fmt.Println(marketrulestest.GUIDOf("tenant", 1))
	fmt.Println(marketrulestest.GUIDOf("tenant", 1) == marketrulestest.TenantID(1), marketrulestest.GUIDOf("subscription", 1) == marketrulestest.TenantID(1))
	// Output:
	// 7d43cf66-810c-4f1c-8763-ce773ad2f0c2
	// true false
}

// Two refusals compared by outcome, rule and reason, whatever their words.
func ExampleIgnoreExplanations() {
	got := offer.Requirement{Rule: rule.PRC11, Reason: offer.ReasonCredits,
		Message: rule.Message{English: "Azure credits cannot pay for partner solutions"}}
	want := offer.Requirement{Rule: rule.PRC11, Reason: offer.ReasonCredits}
	fmt.Println(cmp.Equal(want, got, marketrulestest.IgnoreExplanations()))
	// Output: true
}

func ExampleIoTEdgeModuleOffer() {
	o := marketrulestest.IoTEdgeModuleOffer()
	fmt.Println(o.Type, o.Plans[0].ID, o.Plans[0].Pricing.Model, offer.DefaultPolicy().CheckOffer(o))
	// Output: iot-edge-module free free <nil>
}

func ExampleManagedApplicationOffer() {
	o := marketrulestest.ManagedApplicationOffer()
	for _, p := range o.Plans {
		fmt.Println(p.ID, p.Status, p.Visibility, p.Pricing.Terms[0].Price, p.Audience.Has(marketrulestest.SubscriptionID(1)))
	}
	fmt.Println(o.AzureGovernment, o.Dimensions[0].ID, offer.DefaultPolicy().CheckOffer(o))
	// Output:
	// standard live public 99.00 USD false
	// fabrikam live private 79.00 USD true
	// true managed-vm <nil>
}

func ExampleManagedServiceOffer() {
	o := marketrulestest.ManagedServiceOffer()
	for _, p := range o.Plans {
		fmt.Println(p.ID, p.Pricing.Model, p.Visibility, len(p.Audience.IDs))
	}
	// Output:
	// monitoring byol public 0
	// fabrikam-ops byol private 2
}

func ExampleMarketRate() {
	fmt.Println(marketrulestest.MarketRate(market.SE), marketrulestest.MarketRate(market.DE).To)
	fmt.Println(marketrulestest.MarketRate(market.CN) == currency.ExchangeRate{})
	// Output:
	// {USD SEK 9.4215} EUR
	// true
}

func ExampleNewOffer() {
	gold := marketrulestest.FlatRatePlan(t, "gold", "99.00 USD", marketrulestest.Meter("managed-vm", "0.10 USD", 100))
	o := marketrulestest.NewOffer(offer.ManagedApplication, gold)
	fmt.Println(o.ID, o.SellThroughMicrosoft, o.Listing, o.Dimensions)
	fmt.Println(offer.DefaultPolicy().CheckOffer(o))
	// Output:
	// contoso-azure-managed-application true get-it-now [{managed-vm managed-vm per unit}]
	// <nil>
}

func ExamplePerUserPlan() {
	team := marketrulestest.PerUserPlan(t, "team", "10.00 USD")
	lo, hi := max(team.Pricing.Users.Min, 1), team.Pricing.Users.Max
	fmt.Println(team.Pricing.Model, team.Pricing.Terms[0].Term, team.Pricing.Terms[0].Price, lo, hi)
	fmt.Println(offer.DefaultPolicy().CheckOffer(marketrulestest.SaaSOffer(team)))
	// Output:
	// per-user P1M 10.00 USD 1 0
	// <nil>
}

func ExamplePowerBIAppOffer() {
	o := marketrulestest.PowerBIAppOffer()
	fmt.Println(o.Type, o.Listing, len(o.Plans), offer.DefaultPolicy().CheckOffer(o))
	// Output: power-bi-app get-it-now 0 <nil>
}

// A store service fee of 3% of 49.99 USD.
func ExampleRate() {
	fee := marketrulestest.Rate(t, "0.03")
	m, _ := marketrulestest.Money(t, "49.99 USD").MulRate(fee, currency.HalfEven)
	fmt.Println(fee, m)
	// Output: 0.03 1.50 USD
}

func ExampleSaaSOffer() {
	o := marketrulestest.SaaSOffer(
		marketrulestest.FlatRatePlan(t, "gold", "49.99 USD", marketrulestest.Meter("emails", "0.01 USD", 1000)),
		marketrulestest.FlatRatePlan(t, "silver", "19.99 USD", marketrulestest.Trial(1)))
	fmt.Println(o.ID, o.Type, len(o.Plans), o.Dimensions, offer.DefaultPolicy().CheckOffer(o))
	// Output: contoso-saas saas 2 [{emails emails per unit}] <nil>
}

func ExampleSaaSPerUserOffer() {
	o := marketrulestest.SaaSPerUserOffer()
	for _, p := range o.Plans {
		lo, hi := max(p.Pricing.Users.Min, 1), p.Pricing.Users.Max
		fmt.Println(p.ID, p.Pricing.Model, p.Pricing.Terms[0].Price, lo, hi, p.Trial.Enabled())
	}
	// Output:
	// team per-user 10.00 USD 1 100 true
	// business per-user 96.00 USD 50 0 false
}

func ExampleSolutionTemplateOffer() {
	o := marketrulestest.SolutionTemplateOffer()
	for _, p := range o.Plans {
		fmt.Println(p.ID, p.Pricing.Model, p.Visibility, p.Audience.Has(marketrulestest.SubscriptionID(1)))
	}
	fmt.Println(o.SellThroughMicrosoft)
	// Output:
	// single-vm free public false
	// ha-cluster free private true
	// false
}

func ExampleSubscriptionID() {
	fmt.Println(marketrulestest.SubscriptionID(1))
	fmt.Println(marketrulestest.SubscriptionID(1) == marketrulestest.GUIDOf("subscription", 1))
	// Output:
	// 0047ded1-0c55-46b1-ae37-872f1bf53cb2
	// true
}

func ExampleTenantID() {
	contoso := marketrulestest.TenantID(1)
	o := marketrulestest.SaaSFlatRateOffer()
	enterprise, _ := o.Plan("enterprise")
	fmt.Println(contoso, enterprise.Audience.Has(contoso), enterprise.Audience.Has(marketrulestest.TenantID(3)))
	// Output: 7d43cf66-810c-4f1c-8763-ce773ad2f0c2 true false
}

func ExampleUSDTo() {
	x := marketrulestest.USDTo(currency.JPY)
	c, _ := x.Convert(marketrulestest.Money(t, "49.99 USD"), currency.HalfEven)
	fmt.Println(c)
	fmt.Println(marketrulestest.USDTo(currency.MXN) == currency.ExchangeRate{})
	// Output:
	// 49.99 USD → 7835 JPY at 156.7230 JPY/USD (half-even)
	// true
}

func ExampleVirtualMachineBYOLOffer() {
	o := marketrulestest.VirtualMachineBYOLOffer()
	fmt.Println(o.Type, o.Plans[0].ID, o.Plans[0].Pricing.Model, offer.DefaultPolicy().CheckOffer(o))
	// Output: azure-virtual-machine byol byol <nil>
}

func ExampleVirtualMachineFreeOffer() {
	o := marketrulestest.VirtualMachineFreeOffer()
	free := o.Plans[0]
	fmt.Println(free.ID, free.Pricing.Model, free.Markets.Has(market.CN), offer.DefaultPolicy().CheckOffer(o))
	// Output: free free true <nil>
}

func ExampleVirtualMachineOffer() {
	o := marketrulestest.VirtualMachineOffer()
	for _, p := range o.Plans {
		fmt.Println(p.ID, p.Pricing.Model, len(p.Pricing.VM.Sizes), len(p.Pricing.VM.Reservations), p.Trial.Months, p.Visibility)
	}
	// Output:
	// cis-l1 per-vcpu-size 4 2 0 public
	// cis-l2 per-vcpu-size 3 2 3 public
	// woodgrove per-vcpu-size 2 1 0 private
}

func ExampleZeroPriceTestPlan() {
	p := marketrulestest.ZeroPriceTestPlan()
	fmt.Println(p.ID, p.Visibility, p.Audience.Has(marketrulestest.TenantID(1)), p.Pricing.Terms[0].Price)
	// Output: purchase-test-free private true 0.00 USD
}

func ExampleGUIDs_Next() {
	var subs marketrulestest.GUIDs
	subs.Namespace = "subscription"
	first, second := subs.Next(), subs.Next()
	fmt.Println(first == marketrulestest.SubscriptionID(1), second == marketrulestest.SubscriptionID(2))
	// Output: true true
}

func ExampleHidden() {
	inner := marketrulestest.FreePlan(t, "inner-vm", marketrulestest.Hidden())
	o := offer.Offer{Plans: []plan.Plan{inner}}
	fmt.Println(inner.Visibility, o.CanSee(offer.Viewer{Tenant: marketrulestest.TenantID(1)}, &inner, false))
	// Output: hidden false
}

// A Swedish price set by the publisher in place of the converted USD price
// (PRC-03).
func ExampleMarketPrice() {
	gold := marketrulestest.FlatRatePlan(t, "gold", "49.99 USD",
		marketrulestest.MarketPrice(plan.OneMonth, market.SE, "449.00 SEK"))
	fmt.Println(gold.Pricing.Terms[0].Price, gold.Pricing.Terms[0].Markets)
	// Output: 49.99 USD [{SE 449.00 SEK}]
}

func ExampleMarkets() {
	p := marketrulestest.FlatRatePlan(t, "nordics", "49.99 USD", marketrulestest.Markets(market.SE, market.NO, market.DK, market.FI))
	fmt.Println(marketrulestest.FlatRatePlan(t, "default", "49.99 USD").Markets)
	fmt.Println(p.Markets)
	// Output:
	// DE GB JP SE US
	// DK FI NO SE
}

func ExampleMeter() {
	gold := marketrulestest.FlatRatePlan(t, "gold", "49.99 USD",
		marketrulestest.Term(plan.OneYear, plan.Upfront, "499.00 USD"),
		marketrulestest.Meter("emails", "0.01 USD", 1000))
	m := gold.Pricing.Meters[0]
	fmt.Println(m.Dimension, m.Price, m.Included)
	// Output: emails 0.01 USD [{P1M 1000} {P1Y 1000}]
}

func ExampleName() {
	p := marketrulestest.FlatRatePlan(t, "gold", "49.99 USD", marketrulestest.Name("Gold (annual billing)"))
	fmt.Println(p.ID, "|", p.Name)
	// Output: gold | Gold (annual billing)
}

func ExamplePrivate() {
	p := marketrulestest.FlatRatePlan(t, "fabrikam", "39.00 USD",
		marketrulestest.Private(plan.TenantIDs, marketrulestest.TenantID(1), marketrulestest.TenantID(2)))
	fmt.Println(p.Visibility, p.Audience.Kind, p.Audience.Source, len(p.Audience.IDs))
	fmt.Println(offer.DefaultPolicy().CheckOffer(marketrulestest.SaaSOffer(p)))
	// Output:
	// private tenant manual 2
	// <nil>
}

func ExampleReservation() {
	vm := marketrulestest.PerVCPUSizePlan(t, "hardened", map[int]string{2: "0.06 USD"},
		marketrulestest.Reservation(plan.OneYear, "0.30"), marketrulestest.Reservation(plan.ThreeYears, "0.50"))
	fmt.Println(vm.Pricing.VM.Reservations)
	// Output: [{P1Y 0.30} {P3Y 0.50}]
}

func ExampleStatus() {
	p := marketrulestest.FlatRatePlan(t, "gold", "49.99 USD", marketrulestest.Status(plan.Live))
	fmt.Println(p.Status, p.Status == plan.Live || p.Status == plan.StopSold, p.Status.Allows(plan.StopSelling))
	// Output: live true true
}

// Three billing terms, each with its payment option (EXT-05).
func ExampleTerm() {
	p := marketrulestest.FlatRatePlan(t, "premium", "35.00 USD",
		marketrulestest.Term(plan.OneYear, plan.Upfront, "350.00 USD"),
		marketrulestest.Term(plan.ThreeYears, plan.Annual, "850.00 USD"))
	for _, tp := range p.Pricing.Terms {
		fmt.Println(tp.Term.Words(), tp.Payment, tp.Price)
	}
	// Output:
	// 1 month upfront 35.00 USD
	// 1 year upfront 350.00 USD
	// 3 years annual 850.00 USD
}

func ExampleTrial() {
	vm := marketrulestest.PerVCPUSizePlan(t, "trial-vm", map[int]string{2: "0.06 USD"}, marketrulestest.Trial(3))
	saas := marketrulestest.FlatRatePlan(t, "silver", "19.99 USD", marketrulestest.Trial(3))
	fmt.Println(offer.DefaultPolicy().CheckOffer(marketrulestest.NewOffer(offer.VirtualMachine, vm)))
	fmt.Println(marketrulestest.ProblemsOf(offer.DefaultPolicy().CheckOffer(marketrulestest.SaaSOffer(saas))))
	// Output:
	// <nil>
	// [TRL-02 plans[0].trial.months]
}

func ExampleUsers() {
	team := marketrulestest.PerUserPlan(t, "team", "10.00 USD", marketrulestest.Users(5, 50))
	fmt.Println(team.Pricing.Users, team.Pricing.Users.Allows(4), team.Pricing.Users.Allows(50))
	// Output: {5 50} false true
}

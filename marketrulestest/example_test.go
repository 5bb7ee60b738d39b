package marketrulestest_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
)

// t stands, in the examples, for the *testing.T of the test they would be
// part of: Example functions have none. Every literal of the examples is
// valid, so nothing fails; if one did, Fatalf would panic with the message.
var t testing.TB = exampleT{}

type exampleT struct{ testing.TB }

func (exampleT) Helper()                           {}
func (exampleT) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

// A host's billing test in a few lines: the host's invoiceLines (see
// host_example_test.go) prices a seat change with pricing.Prorate, and the
// test compares its lines with the expected ones. In a test, t is the
// test's *testing.T and a diff is reported with t.Errorf.
func Example() {
	team := marketrulestest.PerUserPlan(t, "team", "10.00 USD")
	sub := pricing.Subscription{Plan: &team, Market: market.US, Term: plan.OneMonth, Quantity: 10,
		Start: marketrulestest.Time(t, "2026-01-01")}

	got, err := invoiceLines(sub, 15, marketrulestest.Time(t, "2026-01-11T09:30:00Z"))
	if err != nil {
		panic(err) // t.Fatal(err)
	}
	want := []Line{
		{"10 seats of team, unused 21 of 31 days", marketrulestest.Money(t, "-67.74 USD")},
		{"15 seats of team, 21 of 31 days", marketrulestest.Money(t, "101.61 USD")},
	}
	fmt.Printf("diff: %q\n", cmp.Diff(want, got, marketrulestest.CmpOptions()))
	// Output:
	// diff: ""
}

// Every fixture validates; a test ranges over them by name.
func ExampleOffers() {
	for name, o := range marketrulestest.Offers() {
		fmt.Printf("%-21s %-33s %d plans, valid: %v\n", name, o.Type, len(o.Plans), offer.DefaultPolicy().CheckOffer(o) == nil)
	}
	// Output:
	// managed-application   azure-managed-application         2 plans, valid: true
	// solution-template     azure-solution-template           2 plans, valid: true
	// container             azure-container                   1 plans, valid: true
	// iot-edge-module       iot-edge-module                   1 plans, valid: true
	// managed-service       managed-service                   2 plans, valid: true
	// saas-flat-rate        saas                              4 plans, valid: true
	// saas-per-user         saas                              2 plans, valid: true
	// virtual-machine       azure-virtual-machine             3 plans, valid: true
	// virtual-machine-byol  azure-virtual-machine             1 plans, valid: true
	// virtual-machine-free  azure-virtual-machine             1 plans, valid: true
	// consulting-service    consulting-service                0 plans, valid: true
	// business-central      dynamics-365-business-central     0 plans, valid: true
	// customer-engagement   dynamics-365-customer-engagement  0 plans, valid: true
	// dynamics-operations   dynamics-365-operations           0 plans, valid: true
	// power-bi-app          power-bi-app                      0 plans, valid: true
}

// A fixture is a plain value: change it to make the case a test needs.
func ExampleSaaSFlatRateOffer() {
	o := marketrulestest.SaaSFlatRateOffer()
	basic, _ := o.Plan("basic")
	basic.Trial = plan.Trial{Months: 1} // metered plans cannot have a free trial
	fmt.Println(marketrulestest.ProblemsOf(offer.DefaultPolicy().CheckOffer(o)))
	// Output:
	// [EXT-04 plans[0].trial]
}

// Builders make plans from an ID, a price and options; SaaSOffer declares
// the metering dimensions their meters name.
func ExampleFlatRatePlan() {
	gold := marketrulestest.FlatRatePlan(t, "gold", "49.99 USD",
		marketrulestest.Term(plan.OneYear, plan.Monthly, "499.00 USD"),
		marketrulestest.MarketPrice(plan.OneYear, market.SE, "4990.00 SEK"),
		marketrulestest.Meter("emails", "0.01 USD", 1000))
	o := marketrulestest.SaaSOffer(gold, marketrulestest.FlatRatePlan(t, "silver", "19.99 USD", marketrulestest.Trial(1)))
	fmt.Println(o.ID, o.Dimensions, offer.DefaultPolicy().CheckOffer(o))

	q, _ := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: &gold, Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly})
	fmt.Println(q)
	// Output:
	// contoso-saas [{emails emails per unit}] <nil>
	// PRC-04 "gold" SE P1Y monthly: 1 × 4990.00 SEK = 4990.00 SEK in 12 payments
}

// A virtual machine plan priced by size, with software reservations.
func ExamplePerVCPUSizePlan() {
	vm := marketrulestest.PerVCPUSizePlan(t, "hardened", map[int]string{2: "0.06 USD", 4: "0.11 USD"},
		marketrulestest.Reservation(plan.OneYear, "0.30"))
	o := marketrulestest.NewOffer(offer.VirtualMachine, vm)
	fmt.Println(offer.DefaultPolicy().CheckOffer(o))

	q, _ := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: &vm, Market: market.US, Term: plan.OneYear, VCPUs: 4})
	fmt.Println(q.Price, q.Rule)
	// Output:
	// <nil>
	// 674.52 USD EXT-07
}

// PLN-13: a private 1.00 USD plan exercises a paid subscription end to end,
// store service fee included; a 0.00 USD plan carries no fee (PAY-06).
func ExamplePurchaseTestPlan() {
	at := marketrulestest.Time(t, "2026-01-31T10:00:00Z")
	for _, p := range []plan.Plan{marketrulestest.PurchaseTestPlan(), marketrulestest.ZeroPriceTestPlan()} {
		q, _ := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: &p, Market: market.US, Term: plan.OneMonth})
		sale := payout.Transaction{Gross: q.Price, Collected: at}
		if q.Price.Sign() == 0 {
			sale.Pricing = payout.ZeroPrice
		}
		fee, _ := payout.DefaultPolicy().Fee(sale)
		fmt.Println(p.ID, p.Visibility, q.Price, "fee", fee.Fee, fee.Rule)
	}
	// Output:
	// purchase-test private 1.00 USD fee 0.03 USD PAY-05
	// purchase-test-free private 0.00 USD fee 0.00 USD PAY-06
}

func ExampleTime() {
	fmt.Println(marketrulestest.Time(t, "2026-01-31T10:00:00+01:00").UTC())
	fmt.Println(marketrulestest.Time(t, "2026-01-31"))
	// Output:
	// 2026-01-31 09:00:00 +0000 UTC
	// 2026-01-31 00:00:00 +0000 UTC
}

func ExampleMoney() {
	m := marketrulestest.Money(t, "12.50 SEK")
	fmt.Println(m, m.Minor())
	// Output:
	// 12.50 SEK 1250
}

// The illustrative rates, dated, for price sheets; MarketRate for a quote.
func ExampleExchangeRates() {
	rates := marketrulestest.ExchangeRates()
	fmt.Println(len(rates), "rates, e.g.", rates[len(rates)-3])
	fmt.Println(marketrulestest.MarketRate(market.SE))
	// Output:
	// 17 rates, e.g. 9.4215 SEK/USD as of 2026-01-02T00:00:00Z
	// {USD SEK 9.4215}
}

// GUIDs are deterministic: the same in every run.
func ExampleGUIDs() {
	customers := marketrulestest.GUIDs{Namespace: "tenant"}
	fmt.Println(customers.Next(), customers.Next() == marketrulestest.TenantID(2))
	fmt.Println(marketrulestest.SubscriptionID(1))
	// Output:
	// 7d43cf66-810c-4f1c-8763-ce773ad2f0c2 true
	// 0047ded1-0c55-46b1-ae37-872f1bf53cb2
}

// CmpOptions compares instants by instant and problems by rule and path:
// neither a time zone nor a message's wording makes a difference.
func ExampleCmpOptions() {
	utc := marketrulestest.Time(t, "2026-01-31T10:00:00Z")
	stockholm := marketrulestest.Time(t, "2026-01-31T11:00:00+01:00")
	a := pricing.Charge{Kind: pricing.ChargeRecurring, BilledAt: utc, Amount: marketrulestest.Money(t, "5.00 USD")}
	b := pricing.Charge{Kind: pricing.ChargeRecurring, BilledAt: stockholm, Amount: marketrulestest.Money(t, "5.00 USD")}
	fmt.Println(cmp.Equal(a, b, marketrulestest.CmpOptions()))

	p := rule.Problem{Rule: rule.PLN01, Path: "id", Message: rule.Message{English: "is required"}}
	fmt.Println(cmp.Equal(p, rule.Problem{Rule: rule.PLN01, Path: "id"}, marketrulestest.CmpOptions()))
	// Output:
	// true
	// true
}

// OnlyFields compares a decision by its outcome and amount, whatever its
// window figures.
func ExampleOnlyFields() {
	start := marketrulestest.Time(t, "2026-01-01T00:00:00Z")
	got, _ := refund.DefaultPolicy().Decide(refund.Request{Charge: refund.SaaS, Term: plan.OneMonth, Start: start,
		At: marketrulestest.Time(t, "2026-01-02T12:00:00Z"), Paid: marketrulestest.Money(t, "49.99 USD")})
	want := refund.Decision{Allowed: true, Rule: rule.RFD01, Reason: refund.ReasonWithinWindow,
		Refund: marketrulestest.Money(t, "49.99 USD")}
	only := marketrulestest.OnlyFields(t, refund.Decision{}, "Allowed", "Rule", "Reason", "Refund")
	fmt.Printf("diff: %q\n", cmp.Diff(want, got, marketrulestest.CmpOptions(only)))
	// Output:
	// diff: ""
}

// ProblemsOf gives the rule and path of every problem, in order, to assert
// a validation result without its wording; AssertProblems checks them.
func ExampleProblemsOf() {
	gold := marketrulestest.FlatRatePlan(t, "Gold", "49.99 USD", marketrulestest.Term(plan.OneYear, plan.Annual, "499.00 USD"))
	o := marketrulestest.SaaSOffer(gold)
	err := offer.DefaultPolicy().CheckOffer(o)
	for _, k := range marketrulestest.ProblemsOf(err) {
		fmt.Println(k)
	}
	// Output:
	// PLN-01 plans[0].id
	// EXT-05 plans[0].pricing.terms[1].payment
}

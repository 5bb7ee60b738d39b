// Package marketrulestest helps a host application unit-test its billing
// logic against the marketplace rules of package marketrules: fixtures of
// valid offers and plans, builders for variations, helpers for instants,
// money, exchange rates and GUIDs, and go-cmp options for the library's
// values. It is to marketrules what net/http/httptest is to net/http. Its
// builders work outside tests too (sample data, demos, a host's own
// fixtures): each has a form that returns (value, error), and a
// testing.TB form on top for tests.
//
// # What it is for
//
// Code that bills marketplace customers (an invoice for a seat change, the
// publisher's share of a sale, the end of a free trial) calls the pure
// functions of packages pricing, payout, trial and refund. Its tests need
// plans and offers that the marketplace would accept, exact amounts,
// instants, exchange rates and customer IDs, and a way to compare the
// library's answers without depending on their wording. This package gives
// them, so that such a test is a few lines:
//
//	func TestSeatChangeInvoice(t *testing.T) {
//		team := marketrulestest.PerUserPlan(t, "team", "10.00 USD")
//		sub := pricing.Subscription{Plan: &team, Market: market.US, Term: plan.OneMonth,
//			Quantity: 10, Start: marketrulestest.Time(t, "2026-01-01")}
//		got, err := invoiceLines(sub, 15, marketrulestest.Time(t, "2026-01-11T09:30:00Z"))
//		…
//		if diff := cmp.Diff(want, got, marketrulestest.CmpOptions()); diff != "" { … }
//	}
//
// Helpers that read a literal ("49.99 USD", "2026-01-31T10:00:00Z") come
// in two forms: [NewFlatRatePlan], [ParseTime] and the like return an
// error naming the literal; [FlatRatePlan], [Time] and the like take the
// test's testing.TB and fail the test with tb.Fatalf. Nothing in this
// package panics, and nothing reads a clock: every instant is one the
// caller writes.
//
// # Fixtures
//
// Each fixture function returns a new value that validates under
// offer.DefaultPolicy(); the caller may change it. There is one offer for
// each way a type is priced: [SaaSFlatRateOffer] (flat rates with metering
// dimensions, per-market prices, a trial, a private plan),
// [SaaSPerUserOffer], [ManagedApplicationOffer], [SolutionTemplateOffer],
// [ContainerOffer], [IoTEdgeModuleOffer], [ManagedServiceOffer],
// [VirtualMachineOffer] (per vCPU size with software reservations),
// [VirtualMachineBYOLOffer] and [VirtualMachineFreeOffer]; and the five
// types without plans: [ConsultingServiceOffer], [BusinessCentralOffer],
// [CustomerEngagementOffer], [DynamicsOperationsOffer] and
// [PowerBIAppOffer]. [Offers] ranges over all of them for table-driven
// tests.
//
// [PurchaseTestPlan] is the private 1.00 USD plan PLN-13 recommends for an
// end-to-end purchase test; [ZeroPriceTestPlan] is its 0.00 USD variant,
// which is supported but exercises no paid subscription and carries no
// store service fee (PAY-06).
//
// [ExchangeRates] is a fixed set of USD exchange rates for the 17
// marketplace currencies as of [ExchangeRatesAsOf]: illustrative test data,
// not market rates. [USDTo] and [MarketRate] pick one. [GUIDs], [TenantID]
// and [SubscriptionID] make deterministic customer IDs.
//
// # Builders
//
// Builders return the library's own plain values, so a test changes
// anything further with ordinary assignments. [NewFlatRatePlan],
// [NewPerUserPlan], [NewFreePlan], [NewBYOLPlan] and [NewPerVCPUSizePlan]
// (and their testing.TB forms [FlatRatePlan], [PerUserPlan], [FreePlan],
// [BYOLPlan], [PerVCPUSizePlan]) build a plan from an ID and a price, and
// take options ([PlanOption], which return an error) for variations:
// [Term], [MarketPrice], [Meter], [Users], [Trial], [Private], [Hidden],
// [Reservation], [Markets], [Name], [Status]. [NewOffer] and [SaaSOffer]
// put plans into an offer ready to validate, declaring the metering
// dimensions their meters name:
//
//	o := marketrulestest.SaaSOffer(
//		marketrulestest.FlatRatePlan(t, "gold", "49.99 USD",
//			marketrulestest.Term(plan.OneYear, plan.Monthly, "499.00 USD"),
//			marketrulestest.Meter("emails", "0.01 USD", 1000)),
//		marketrulestest.FlatRatePlan(t, "silver", "19.99 USD", marketrulestest.Trial(1)),
//	)
//
// [ParseTime] (and [Time]), [Money] and [Rate] read instants, amounts and
// rates; outside tests, currency.Parse and currency.ParseRate read the
// last two.
//
// # Comparing values
//
// [CmpOptions] returns the go-cmp options that diff the library's values:
// instants by instant ([EquateInstants]), validation problems by rule and
// path ([EquateProblems]), no message text ([IgnoreExplanations]), nil and
// empty slices alike, and comparers for the few types with unexported
// fields and no Equal method. [OnlyFields] ([NewOnlyFields] outside a
// test) narrows a comparison to a decision's outcome.
//
// To assert a validation result without its wording, [ProblemsOf] returns
// the {Rule, Path} of every problem of an error, in order, and
// [AssertProblems] checks them:
//
//	marketrulestest.AssertProblems(t, offer.DefaultPolicy().CheckOffer(o),
//		marketrulestest.ProblemKey{Rule: rule.EXT05, Path: "plans[0].pricing.terms[0].payment"})
//
// # Example
//
// host_example_test.go in this package's directory is a test written as a
// host writes it: a small invoice function built on pricing.Prorate, and
// its tests using fixtures, builders and CmpOptions. Copy it as your first
// test.
package marketrulestest

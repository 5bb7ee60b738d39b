package pricing_test

import (
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// exTeam is a per-user SaaS plan priced 120.00 USD per user for a year,
// paid monthly, for 1 to 500 users.
func exTeam() *plan.Plan {
	return &plan.Plan{ID: "team", Markets: market.SetOf(market.US, market.SE), Pricing: plan.Pricing{
		Model: plan.PerUser, Users: plan.Users{Min: 1, Max: 500},
		Terms: []plan.TermPrice{{Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("120.00 USD")}}}}
}

// exBasic is the published example's Basic plan: 5 USD a month including 10,000 emails
// (the dimension counts hundreds) and 1,000 texts.
func exBasic() *plan.Plan {
	return &plan.Plan{ID: "basic", Markets: market.SetOf(market.US, market.SE), Pricing: plan.Pricing{
		Model: plan.FlatRate,
		Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("5.00 USD")}},
		Meters: []plan.Meter{
			{Dimension: "emails", Price: currency.MustParse("1.00 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 100}}},
			{Dimension: "texts", Price: currency.MustParse("0.05 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 1000}}},
		}}}
}

// exVM is a virtual machine plan priced per vCPU with the published example's reservation
// savings.
func exVM() *plan.Plan {
	return &plan.Plan{ID: "vm", Markets: market.SetOf(market.US, market.SE), Pricing: plan.Pricing{
		Model: plan.PerVCPU,
		VM: plan.VMPricing{PerHour: currency.MustParse("1.00 USD"), Reservations: []plan.Reservation{
			{Term: plan.OneYear, Saving: currency.MustParseRate("0.30")},
			{Term: plan.ThreeYears, Saving: currency.MustParseRate("0.50")}}}}}
}

var exToSEK = currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("10.4567")}

func ExamplePolicy_Quote() {
	q, err := pricing.DefaultPolicy().Quote(pricing.Subscription{
		Plan: exTeam(), Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly, Quantity: 10, Rate: exToSEK,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q.Conversion)
	fmt.Println(q.Quantity, "×", q.UnitPrice, "=", q.Price, "in", q.Payments, "payments of", q.Installment(1))
	// Output:
	// 120.00 USD → 1254.80 SEK at 10.4567 SEK/USD (half-even)
	// 10 × 1254.80 SEK = 12548.00 SEK in 12 payments of 1045.67 SEK
}

// A VM software reservation is the hourly price × 8,760 hours × years ×
// (1 − saving).
func ExamplePolicy_Quote_reservation() {
	for _, term := range []plan.Term{plan.OneYear, plan.ThreeYears} {
		q, err := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: exVM(), Market: market.US, Term: term, VCPUs: 1})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(term.Words(), q.Price)
	}
	// Output:
	// 1 year 6132.00 USD
	// 3 years 13140.00 USD
}

// Invalid requests report every problem at once, with paths and rules.
func ExamplePolicy_Quote_errors() {
	_, err := pricing.DefaultPolicy().Quote(pricing.Subscription{
		Plan: exTeam(), Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly, Quantity: 501,
	})
	fmt.Println(err)
	// Output:
	// 2 problems: quantity: 501 users; the plan allows 1 to 500 (EXT-06); rate: a USD → SEK exchange rate is needed to price the plan in Sweden (PRC-03)
}

func ExampleQuote_Installment() {
	q := pricing.Quote{Price: currency.MustParse("100.00 USD"), Payments: 24}
	fmt.Println(q.Installment(1), q.Installment(16), q.Installment(17), q.Installment(24))
	// Output:
	// 4.17 USD 4.17 USD 4.16 USD 4.16 USD
}

func ExampleQuote_String() {
	q, _ := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: exTeam(), Market: market.US, Term: plan.OneYear, Payment: plan.Monthly, Quantity: 3})
	fmt.Println(q)
	// Output:
	// PRC-04 "team" US P1Y monthly: 3 × 120.00 USD = 360.00 USD in 12 payments
}

func ExampleQuote_Explain() {
	q, _ := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: exTeam(), Market: market.US, Term: plan.OneYear, Payment: plan.Monthly, Quantity: 3})
	fmt.Println(q.Explain(rule.English))
	fmt.Println(q.Explain(rule.Swedish))
	// Output:
	// Plan "team" in the United States, 1 year: 3 × $120.00 = $360.00 (PRC-04). Paid monthly in 12 equal payments of $30.00, each at the start of its period (EXT-05). Prices in the United States are billed in USD, the currency of the plan's prices.
	// Planen "team" i USA, 1 år: 3 × 120,00 US$ = 360,00 US$ (PRC-04). Betalas månadsvis i 12 lika delbetalningar på 30,00 US$, var och en i början av sin period (EXT-05). Priser i USA faktureras i USD, valutan för planens priser.
}

func ExampleDefaultPolicy() {
	pol := pricing.DefaultPolicy()
	fmt.Println(pol.ReservationYear, pol.UsageMonths, pol.MinuteRounding, pol.ConversionRounding, pol.Location == nil)
	// Output:
	// 8760h0m0s 1 month up half-even true
}

// A 2-year term paid monthly is 24 payments, each at the start of its
// month, from the anchor and clamped to month end.
func ExamplePolicy_AppendSchedule() {
	start := time.Date(2024, time.January, 31, 0, 0, 0, 0, time.UTC)
	p := &plan.Plan{ID: "two", Markets: market.SetOf(market.US), Pricing: plan.Pricing{Model: plan.FlatRate,
		Terms: []plan.TermPrice{{Term: plan.TwoYears, Payment: plan.Monthly, Price: currency.MustParse("100.00 USD")}}}}
	req := pricing.Subscription{Plan: p, Market: market.US, Term: plan.TwoYears, Payment: plan.Monthly, Start: start}
	lines, err := pricing.DefaultPolicy().AppendSchedule(make([]pricing.Charge, 0, 24), req, start)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range lines[:4] {
		fmt.Println(l.Installment, l.BilledAt.Format(time.DateOnly), l.Amount)
	}
	fmt.Println(len(lines), "payments; the last", lines[23].Amount)
	// Output:
	// 1 2024-01-31 4.17 USD
	// 2 2024-02-29 4.17 USD
	// 3 2024-03-31 4.17 USD
	// 4 2024-04-30 4.17 USD
	// 24 payments; the last 4.16 USD
}

// the included quantity counts per term from activation, and overage
// is billed in arrears at the end of the period.
func ExamplePolicy_QuoteOverage() {
	start := time.Date(2024, time.January, 6, 0, 0, 0, 0, time.UTC)
	req := pricing.Subscription{Plan: exBasic(), Market: market.US, Term: plan.OneMonth, Start: start}
	l, err := pricing.DefaultPolicy().QuoteOverage(req, time.Date(2024, time.February, 20, 0, 0, 0, 0, time.UTC),
		pricing.MeteredUsage{Dimension: "texts", Used: 1250})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Quantity, "over ×", l.UnitPrice, "=", l.Amount, "billed", l.BilledAt.Format(time.DateOnly))
	// Output:
	// 250 over × 0.05 USD = 12.50 USD billed 2024-03-06
}

// the published example's derived test: Basic with 12,000 emails and 1,200 texts in a month
// is $5 + 20 × $1 + 200 × $0.05 = $35.00.
func ExamplePolicy_AppendOverage() {
	start := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	req := pricing.Subscription{Plan: exBasic(), Market: market.US, Term: plan.OneMonth, Start: start}
	pol := pricing.DefaultPolicy()
	lines, err := pol.AppendSchedule(nil, req, start)
	if err == nil {
		lines, err = pol.AppendOverage(lines, req, start, []pricing.MeteredUsage{
			{Dimension: "emails", Used: 120}, // hundreds of emails
			{Dimension: "texts", Used: 1200},
		})
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	var total currency.Money
	for _, l := range lines {
		total, _ = total.Add(l.Amount)
		fmt.Println(l)
	}
	fmt.Println("total", total)
	// Output:
	// PRC-07 recurring 1/1 5.00 USD [2024-01-01T00:00:00Z, 2024-02-01T00:00:00Z)
	// EXT-03 overage emails 20.00 USD [2024-01-01T00:00:00Z, 2024-02-01T00:00:00Z)
	// EXT-03 overage texts 10.00 USD [2024-01-01T00:00:00Z, 2024-02-01T00:00:00Z)
	// total 35.00 USD
}

// VM usage is priced per hour and charged by the minute; a started minute
// counts (90 seconds are 2 minutes).
func ExamplePolicy_QuoteVMUsage() {
	start := time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC)
	req := pricing.Subscription{Plan: exVM(), Market: market.SE, Rate: exToSEK, Start: start}
	l, err := pricing.DefaultPolicy().QuoteVMUsage(req, start, pricing.VMUsage{VCPUs: 4, Runtime: 10*time.Hour + 90*time.Second})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Minutes, "minutes ×", l.Quantity, "vCPUs at", l.UnitPrice, "per hour =", l.Amount)
	// Output:
	// 602 minutes × 4 vCPUs at 10.46 SEK per hour = 419.79 SEK
}

func ExamplePolicy_AppendVMUsage() {
	start := time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC)
	req := pricing.Subscription{Plan: exVM(), Market: market.US, Start: start}
	lines, err := pricing.DefaultPolicy().AppendVMUsage(nil, req, start, []pricing.VMUsage{
		{VCPUs: 2, Runtime: 730 * time.Hour},
		{VCPUs: 8, Runtime: 45 * time.Minute},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range lines {
		fmt.Println(l.VCPUs, l.Minutes, l.Amount, l.BilledAt.Format(time.DateOnly))
	}
	// Output:
	// 2 43800 1460.00 USD 2024-04-01
	// 8 45 6.00 USD 2024-04-01
}

func ExampleCharge_String() {
	l := pricing.Charge{Kind: pricing.ChargeOverage, Reason: pricing.ReasonUsageOverage, Rule: rule.EXT03, Dimension: "texts", Amount: currency.MustParse("10.00 USD"),
		Period: calendar.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}}
	fmt.Println(l)
	// Output:
	// EXT-03 overage texts 10.00 USD [2024-01-01T00:00:00Z, 2024-02-01T00:00:00Z)
}

func ExampleCharge_Explain() {
	start := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	req := pricing.Subscription{Plan: exBasic(), Market: market.US, Term: plan.OneMonth, Start: start}
	l, _ := pricing.DefaultPolicy().QuoteOverage(req, start, pricing.MeteredUsage{Dimension: "texts", Used: 1200})
	fmt.Println(l.Explain(rule.English))
	fmt.Println(l.Explain(rule.Swedish))
	// Output:
	// Dimension "texts", 2024-01-01 00:00:00 UTC – 2024-02-01 00:00:00 UTC: 1,200 used after 0 earlier in the term, 1,000 included per term: 200 over × $0.05 = $10.00, billed in arrears at 2024-02-01 00:00:00 UTC (EXT-03).
	// Dimensionen "texts", 2024-01-01 00:00:00 UTC – 2024-02-01 00:00:00 UTC: 1 200 använda efter 0 tidigare under perioden, 1 000 ingår per period: 200 över × 0,05 US$ = 10,00 US$, debiteras i efterskott 2024-02-01 00:00:00 UTC (EXT-03).
}

func ExampleChargeKind_String() {
	fmt.Println(pricing.ChargeRecurring, pricing.ChargeOverage, pricing.ChargeProrationCredit)
	// Output:
	// recurring overage proration-credit
}

func ExampleChargeKind_MarshalText() {
	b, err := pricing.ChargeVMUsage.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// vm-usage <nil>
}

func ExampleChargeKind_UnmarshalText() {
	var k pricing.ChargeKind
	err := k.UnmarshalText([]byte("vm-reservation"))
	fmt.Println(k == pricing.ChargeReservation, err)
	// Output:
	// true <nil>
}

func ExampleChargeKind_Valid() {
	fmt.Println(pricing.ChargeOverage.Valid(), pricing.ChargeKind(0).Valid())
	// Output:
	// true false
}

func ExampleQuoteSource_String() {
	fmt.Println(pricing.QuoteFromMarket, pricing.QuoteFromUSD, pricing.QuoteConverted, pricing.QuoteNoCharge)
	// Output:
	// market-price usd converted no-charge
}

func ExampleQuoteSource_MarshalText() {
	b, err := pricing.QuoteConverted.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// converted <nil>
}

func ExampleQuoteSource_UnmarshalText() {
	var s pricing.QuoteSource
	err := s.UnmarshalText([]byte("market-price"))
	fmt.Println(s == pricing.QuoteFromMarket, err)
	// Output:
	// true <nil>
}

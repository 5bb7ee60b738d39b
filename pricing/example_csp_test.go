package pricing_test

import (
	"fmt"
	"time"

	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

func ExamplePolicy_CSPRenewal() {
	p := pricing.DefaultPolicy()
	fmt.Println(p.CSPRenewal(time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC)).Explain(rule.English))
	fmt.Println(p.CSPRenewal(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)).AutoRenews)
	// Output:
	// bought 2021-09-01, before 2021-10-14: it expires on its end date and does not renew automatically (CSP-02)
	// true
}

func ExamplePolicy_CSPBillingFrequencies() {
	p := pricing.DefaultPolicy()
	fmt.Println(p.CSPBillingFrequencies(plan.ThreeYears, time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)))
	fs := p.CSPBillingFrequencies(plan.ThreeYears, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(fs, fs.Has(pricing.BilledAnnually))
	// Output:
	// triennial
	// annual/triennial true
}

func ExamplePolicy_CSPBillingStart() {
	b := pricing.DefaultPolicy().CSPBillingStart(pricing.CSPActivation{LicensesAssigned: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)})
	fmt.Println(b.Started, b.Explain(rule.English))
	// Output: false billing has not started: the publisher has not confirmed the account setup through the SaaS fulfillment API (PAY-08)
}

func ExampleCSPBilling_Explain() {
	b := pricing.DefaultPolicy().CSPBillingStart(pricing.CSPActivation{
		LicensesAssigned: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		SetupConfirmed:   time.Date(2026, 3, 4, 15, 30, 0, 0, time.UTC),
	})
	fmt.Println(b.Started, b.Reason)
	fmt.Println(b.Explain(rule.English))
	fmt.Println(b.Explain(rule.Swedish))
	// Output:
	// true csp-billing-started
	// billing starts 2026-03-04 15:30:00 UTC, once the licenses are assigned and the publisher has confirmed the account setup (PAY-08)
	// faktureringen startar 2026-03-04 15:30:00 UTC, när licenserna har tilldelats och utgivaren har bekräftat kontokonfigurationen (PAY-08)
}

func ExampleDefaultPolicy_csp() {
	p := pricing.DefaultPolicy()
	fmt.Println(p.CSPAutoRenewFrom.Format(time.DateOnly), p.CSPAnnualThreeYearFrom.Format(time.DateOnly))
	// Output: 2021-10-14 2021-10-22
}

func ExampleCSPRenewal_Explain() {
	r := pricing.DefaultPolicy().CSPRenewal(time.Date(2021, 10, 14, 0, 0, 0, 0, time.UTC))
	fmt.Println(r.AutoRenews, r.Reason)
	fmt.Println(r.Explain(rule.English))
	fmt.Println(r.Explain(rule.Swedish))
	// Output:
	// true csp-auto-renews
	// bought 2021-10-14, on or after 2021-10-14: it renews automatically by default (CSP-02)
	// köpt 2021-10-14, den 2021-10-14 eller senare: den förnyas automatiskt som standard (CSP-02)
}

func ExampleFrequencies_Has() {
	fs := pricing.DefaultPolicy().CSPBillingFrequencies(plan.OneYear, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(fs, fs.Has(pricing.BilledMonthly), fs.Has(pricing.BilledTriennially))
	// Output: monthly/annual true false
}

func ExampleFrequencies_With() {
	var fs pricing.Frequencies
	fs = fs.With(pricing.BilledTriennially).With(pricing.BilledAnnually)
	fmt.Println(fs, fs.Has(pricing.BilledAnnually))
	// Output: annual/triennial true
}

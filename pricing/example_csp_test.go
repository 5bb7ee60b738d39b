package pricing_test

import (
	"fmt"
	"time"

	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

func ExampleCSPPolicy_Renewal() {
	p := pricing.DefaultCSPPolicy()
	fmt.Println(p.Renewal(time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC)).Explain(rule.English))
	fmt.Println(p.Renewal(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)).AutoRenews)
	// Output:
	// bought 2021-09-01, before 2021-10-14: it expires on its end date and does not renew automatically (CSP-02)
	// true
}

func ExampleCSPPolicy_BillingFrequencies() {
	p := pricing.DefaultCSPPolicy()
	fmt.Println(p.BillingFrequencies(plan.ThreeYears, time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)))
	fs := p.BillingFrequencies(plan.ThreeYears, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(fs, fs.Has(pricing.BilledAnnually))
	// Output:
	// triennial
	// annual/triennial true
}

func ExampleBillingStart() {
	b := pricing.BillingStart(pricing.CSPActivation{LicensesAssigned: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)})
	fmt.Println(b.Started, b.Explain(rule.English))
	// Output: false billing has not started: the publisher has not confirmed the account setup through the SaaS fulfillment API (PAY-08)
}

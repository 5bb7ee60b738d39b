package pricing_test

import (
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
)

var camel = regexp.MustCompile(`"([A-Za-z_]+)":`)

// Every answer of the package round-trips through JSON with camelCase
// keys, and its zero value marshals.
func TestJSON_AnswersRoundTrip(t *testing.T) {
	pol := pricing.DefaultPolicy()
	sub := pricing.Subscription{Plan: qtPerUser("team", plan.OneYear, plan.Monthly, "120.00 USD", 1, 100), Market: market.SE,
		Term: plan.OneYear, Payment: plan.Monthly, Quantity: 10, Rate: qtToSEK, Start: qtUTC(2024, time.January, 15, 0, 0, 0), BillingDay: 1}
	q, err := pol.Quote(sub)
	if err != nil {
		t.Fatal(err)
	}
	sched, err := pol.AppendSchedule(nil, sub, sub.Start)
	if err != nil {
		t.Fatal(err)
	}
	p, err := pol.Prorate(sub, pricing.SubscriptionChange{Quantity: 12}, qtUTC(2024, time.March, 10, 0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	tax, _ := pol.Tax(market.AU)
	values := []any{q, sched[0], sched[1], p, tax, pol.CSPRenewal(sub.Start),
		pol.CSPBillingStart(pricing.CSPActivation{LicensesAssigned: sub.Start, SetupConfirmed: sub.Start}),
		pricing.SubscriptionChange{Quantity: 12, SeatsAddedAt: sub.Start}, pricing.MeteredUsage{Dimension: "x", Used: 3, UsedBefore: 1},
		pricing.VMUsage{VCPUs: 2, Runtime: time.Hour}}
	zeros := []any{pricing.Quote{}, pricing.Charge{}, pricing.Proration{}, pricing.TaxDecision{}, pricing.CSPRenewal{},
		pricing.CSPBilling{}, pricing.SubscriptionChange{}, pricing.MeteredUsage{}, pricing.VMUsage{}, pricing.Subscription{}, pricing.Policy{}}
	for _, v := range append(values, zeros...) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%T: %v", v, err)
			continue
		}
		for _, m := range camel.FindAllStringSubmatch(string(b), -1) {
			// The keys of currency.ExchangeRate and currency.Conversion
			// are package currency's to name.
			if k := m[1]; k == "From" || k == "To" || k == "Rate" || k == "Rounding" {
				continue
			}
			if k := m[1]; k[0] < 'a' || k[0] > 'z' || regexp.MustCompile(`_`).MatchString(k) {
				t.Errorf("%T: key %q", v, k)
			}
		}
		back := newLike(v)
		if err := json.Unmarshal(b, back); err != nil {
			t.Errorf("%T: %s: %v", v, b, err)
			continue
		}
		if d := cmp.Diff(v, deref(back), cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); d != "" {
			t.Errorf("%T round trip (-want +got):\n%s", v, d)
		}
	}
}

func newLike(v any) any {
	switch v.(type) {
	case pricing.Quote:
		return new(pricing.Quote)
	case pricing.Charge:
		return new(pricing.Charge)
	case pricing.Proration:
		return new(pricing.Proration)
	case pricing.TaxDecision:
		return new(pricing.TaxDecision)
	case pricing.CSPRenewal:
		return new(pricing.CSPRenewal)
	case pricing.CSPBilling:
		return new(pricing.CSPBilling)
	case pricing.SubscriptionChange:
		return new(pricing.SubscriptionChange)
	case pricing.MeteredUsage:
		return new(pricing.MeteredUsage)
	case pricing.VMUsage:
		return new(pricing.VMUsage)
	case pricing.Subscription:
		return new(pricing.Subscription)
	case pricing.Policy:
		return new(pricing.Policy)
	}
	return nil
}

func deref(p any) any {
	switch v := p.(type) {
	case *pricing.Quote:
		return *v
	case *pricing.Charge:
		return *v
	case *pricing.Proration:
		return *v
	case *pricing.TaxDecision:
		return *v
	case *pricing.CSPRenewal:
		return *v
	case *pricing.CSPBilling:
		return *v
	case *pricing.SubscriptionChange:
		return *v
	case *pricing.MeteredUsage:
		return *v
	case *pricing.VMUsage:
		return *v
	case *pricing.Subscription:
		return *v
	case *pricing.Policy:
		return *v
	}
	return nil
}

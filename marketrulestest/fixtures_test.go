package marketrulestest_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// Every fixture validates under the default policy, and under the
// 2023 policy too.
func TestFixturesValidate(t *testing.T) {
	for name, o := range marketrulestest.Offers() {
		t.Run(name, func(t *testing.T) {
			marketrulestest.AssertProblems(t, offer.DefaultPolicy().CheckOffer(o))
			marketrulestest.AssertProblems(t, offer.Policy2023().CheckOffer(o))
		})
	}
}

// The fixtures cover every offer type, and each type with plans has at
// least one.
func TestFixturesCoverEveryType(t *testing.T) {
	seen := map[offer.Type]int{}
	names := map[string]bool{}
	for name, o := range marketrulestest.Offers() {
		if names[name] {
			t.Errorf("fixture name %q is used twice", name)
		}
		names[name] = true
		seen[o.Type]++
		if o.Type.Capabilities().Plans != (len(o.Plans) > 0) {
			t.Errorf("%s: %d plans for type %s", name, len(o.Plans), o.Type)
		}
	}
	for _, ty := range offer.Types() {
		if seen[ty] == 0 {
			t.Errorf("no fixture of type %s", ty)
		}
	}
	if got, want := len(names), 15; got != want {
		t.Errorf("%d fixtures, want %d", got, want)
	}
	// The three ways a virtual machine is priced.
	var vmModels []plan.Model
	for _, o := range marketrulestest.Offers() {
		if o.Type == offer.VirtualMachine {
			vmModels = append(vmModels, o.Plans[0].Pricing.Model)
		}
	}
	if diff := cmp.Diff([]plan.Model{plan.PerVCPUSize, plan.BYOL, plan.Free}, vmModels); diff != "" {
		t.Errorf("virtual machine models (-want +got):\n%s", diff)
	}
}

// Offers stops when the loop does.
func TestOffersBreak(t *testing.T) {
	n := 0
	for range marketrulestest.Offers() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("%d iterations after break", n)
	}
}

// Each call returns a new value: changing one changes no other.
func TestFixturesFresh(t *testing.T) {
	a := marketrulestest.SaaSFlatRateOffer()
	a.Plans[0].Pricing.Terms[0].Markets[0].Price = marketrulestest.Money(t, "1.00 SEK")
	a.Plans[0].Pricing.Meters[0].Included[0].Quantity = 7
	a.Plans[3].Audience.IDs[0] = plan.GUID{}
	a.Dimensions[0].ID = "changed"
	a.Preview.Emails[0] = "changed@example.com"
	b := marketrulestest.SaaSFlatRateOffer()
	if diff := cmp.Diff(a, b, marketrulestest.CmpOptions()); diff == "" {
		t.Fatal("the changed offer equals a new one")
	}
	marketrulestest.AssertProblems(t, offer.DefaultPolicy().CheckOffer(b))
	p := marketrulestest.PurchaseTestPlan()
	p.Audience.IDs[0] = plan.GUID{}
	if q := marketrulestest.PurchaseTestPlan(); q.Audience.IDs[0] != marketrulestest.TenantID(1) {
		t.Error("PurchaseTestPlan shares its audience between calls")
	}
}

// Every fixture round-trips through JSON, and CmpOptions sees no
// difference.
func TestFixturesJSON(t *testing.T) {
	for name, o := range marketrulestest.Offers() {
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var back offer.Offer
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(o, back, marketrulestest.CmpOptions()); diff != "" {
			t.Errorf("%s: JSON round trip (-want +got):\n%s", name, diff)
		}
	}
}

// PLN-13: for an end-to-end purchase test a private plan priced at 1.00 USD
// is recommended; 0.00 USD is supported but does not exercise a paid
// subscription.
func TestPLN13_PurchaseTestPlan(t *testing.T) {
	at := marketrulestest.Time(t, "2026-01-31T10:00:00Z")
	paid, free := marketrulestest.PurchaseTestPlan(), marketrulestest.ZeroPriceTestPlan()

	for _, p := range []plan.Plan{paid, free} {
		if p.Visibility != plan.Private || len(p.Audience.IDs) == 0 {
			t.Errorf("%s: not private to an audience", p.ID)
		}
		marketrulestest.AssertProblems(t, offer.DefaultPolicy().Policy.CheckPlan(p, offer.SaaS.Scope(offer.DefaultPolicy(), true, nil)))
	}
	o := marketrulestest.SaaSOffer(paid, free)
	marketrulestest.AssertProblems(t, offer.DefaultPolicy().CheckOffer(o))

	// Quoted at 1.00 USD in the United States.
	q, err := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: &paid, Market: market.US, Term: plan.OneMonth})
	if err != nil {
		t.Fatal(err)
	}
	if want := marketrulestest.Money(t, "1.00 USD"); q.Price != want || q.Rule != rule.PRC04 {
		t.Errorf("quote %v (%s), want %v (PRC-04)", q.Price, q.Rule, want)
	}

	// A paid sale carries a store service fee (PAY-05: 3% of 1.00 USD);
	// a 0.00 USD plan carries none (PAY-06).
	pol := payout.DefaultPolicy()
	fee, err := pol.Fee(payout.Transaction{Gross: q.Price, Collected: at})
	if err != nil {
		t.Fatal(err)
	}
	if want := marketrulestest.Money(t, "0.03 USD"); fee.Fee != want || fee.Rule != rule.PAY05 {
		t.Errorf("fee on %v: %v (%s), want %v (PAY-05)", q.Price, fee.Fee, fee.Rule, want)
	}
	q0, err := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: &free, Market: market.US, Term: plan.OneMonth})
	if err != nil {
		t.Fatal(err)
	}
	if q0.Price.Sign() != 0 {
		t.Errorf("free plan quoted at %v", q0.Price)
	}
	fee0, err := pol.Fee(payout.Transaction{Gross: q0.Price, Pricing: payout.ZeroPrice, Collected: at})
	if err != nil {
		t.Fatal(err)
	}
	if fee0.Fee.Sign() != 0 || fee0.Rule != rule.PAY06 || fee0.Reason != payout.ReasonFeeZeroPrice {
		t.Errorf("fee on a 0.00 USD plan: %v (%s %s), want none (PAY-06)", fee0.Fee, fee0.Rule, fee0.Reason)
	}
}

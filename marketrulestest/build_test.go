package marketrulestest_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	mrt "github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

func TestFlatRatePlan(t *testing.T) {
	got := mrt.FlatRatePlan(t, "gold-annual", "49.99 USD",
		mrt.Term(plan.OneYear, plan.Monthly, "499.00 USD"),
		mrt.Term(plan.OneMonth, plan.Upfront, "45.00 USD"), // replaces the builder's price
		mrt.MarketPrice(plan.OneMonth, market.NO, "499.00 NOK"),
		mrt.MarketPrice(plan.OneMonth, market.NO, "459.00 NOK"), // replaces the first
		mrt.Meter("emails", "0.01 USD", 1000),
		mrt.Status(plan.Live),
	)
	want := plan.Plan{
		ID: "gold-annual", Name: "Gold annual", Status: plan.Live,
		Markets: market.SetOf(market.US, market.SE, market.DE, market.GB, market.JP, market.NO),
		Pricing: plan.Pricing{Model: plan.FlatRate,
			Terms: []plan.TermPrice{
				{Term: plan.OneMonth, Price: currency.MustFromMinor(4500, currency.USD),
					Markets: []plan.MarketPrice{{Market: market.NO, Price: currency.MustFromMinor(45900, currency.NOK)}}},
				{Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustFromMinor(49900, currency.USD)},
			},
			Meters: []plan.Meter{{Dimension: "emails", Price: currency.MustFromMinor(1, currency.USD),
				Included: []plan.Included{{Term: plan.OneMonth, Quantity: 1000}, {Term: plan.OneYear, Quantity: 1000}}}},
		},
	}
	if diff := cmp.Diff(want, got, mrt.CmpOptions()); diff != "" {
		t.Errorf("FlatRatePlan (-want +got):\n%s", diff)
	}
	o := mrt.SaaSOffer(got)
	mrt.AssertProblems(t, offer.DefaultPolicy().CheckOffer(o))
	if diff := cmp.Diff([]plan.Dimension{{ID: "emails", DisplayName: "emails", Unit: "per unit"}}, o.Dimensions); diff != "" {
		t.Errorf("dimensions (-want +got):\n%s", diff)
	}
}

// Plans made by every builder validate in an offer of a type that allows
// them.
func TestBuildersValidate(t *testing.T) {
	tests := []struct {
		name  string
		offer offer.Offer
	}{
		{"saas flat rate", mrt.SaaSOffer(
			mrt.FlatRatePlan(t, "gold", "49.99 USD", mrt.Meter("emails", "0.01 USD", 1000), mrt.Meter("texts", "0.05 USD", plan.Unlimited)),
			mrt.FlatRatePlan(t, "silver", "19.99 USD", mrt.Trial(1), mrt.Name("Silver (trial)")),
			mrt.FlatRatePlan(t, "fabrikam", "9.99 USD", mrt.Private(plan.TenantIDs, mrt.TenantID(1), mrt.TenantID(2)), mrt.Markets(market.US)),
			mrt.PurchaseTestPlan(),
		)},
		{"saas per user", mrt.SaaSOffer(
			mrt.PerUserPlan(t, "team", "10.00 USD", mrt.Users(5, 50), mrt.Term(plan.ThreeYears, plan.Annual, "900.00 USD")),
		)},
		{"managed application", mrt.NewOffer(offer.ManagedApplication,
			mrt.FlatRatePlan(t, "standard", "99.00 USD", mrt.Meter("vm-hours", "0.10 USD", 100)),
			mrt.FlatRatePlan(t, "hidden", "99.00 USD", mrt.Hidden()),
		)},
		{"solution template", mrt.NewOffer(offer.SolutionTemplate,
			mrt.FreePlan(t, "single-vm"),
			mrt.FreePlan(t, "cluster", mrt.Private(plan.SubscriptionIDs, mrt.SubscriptionID(1))),
		)},
		{"container", mrt.NewOffer(offer.Container, mrt.BYOLPlan(t, "byol"))},
		{"iot edge module", mrt.NewOffer(offer.IoTEdgeModule, mrt.FreePlan(t, "free"))},
		{"managed service", mrt.NewOffer(offer.ManagedService, mrt.BYOLPlan(t, "ops"))},
		{"virtual machine", mrt.NewOffer(offer.VirtualMachine,
			mrt.PerVCPUSizePlan(t, "hardened", map[int]string{8: "0.20 USD", 2: "0.06 USD", 4: "0.11 USD"},
				mrt.Reservation(plan.OneYear, "0.30"), mrt.Reservation(plan.ThreeYears, "0.50"), mrt.Trial(3)),
		)},
		{"virtual machine byol", mrt.NewOffer(offer.VirtualMachine, mrt.BYOLPlan(t, "byol", mrt.Markets(market.US, market.CN)))},
		{"consulting service", mrt.NewOffer(offer.ConsultingService)},
		{"power bi app", mrt.NewOffer(offer.PowerBIApp)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mrt.AssertProblems(t, offer.DefaultPolicy().CheckOffer(tt.offer))
		})
	}
}

func TestPerVCPUSizePlanSorted(t *testing.T) {
	p := mrt.PerVCPUSizePlan(t, "vm", map[int]string{16: "0.36 USD", 2: "0.06 USD", 4: "0.11 USD"})
	var sizes []int
	for _, s := range p.Pricing.VM.Sizes {
		sizes = append(sizes, s.VCPUs)
	}
	if diff := cmp.Diff([]int{2, 4, 16}, sizes); diff != "" {
		t.Errorf("sizes (-want +got):\n%s", diff)
	}
}

func TestNewOffer(t *testing.T) {
	o := mrt.NewOffer(offer.ConsultingService)
	if o.ID != "contoso-consulting-service" || o.Listing != offer.ContactMe || o.SellThroughMicrosoft {
		t.Errorf("consulting service: %+v", o)
	}
	o = mrt.NewOffer(offer.VirtualMachine)
	if !o.SellThroughMicrosoft || o.Listing != offer.GetItNow {
		t.Errorf("virtual machine: %+v", o)
	}
	// An invalid type: no listing, no capabilities; Validate reports it.
	o = mrt.NewOffer(0)
	mrt.AssertProblems(t, offer.DefaultPolicy().CheckOffer(o), mrt.ProblemKey{Rule: rule.OFR01, Path: "type"})
}

// Builders report a bad literal with Fatalf, naming it, and go on without
// panicking; the plain constructors return the same failure as an error.
func TestBuildersBadLiterals(t *testing.T) {
	tests := []struct {
		name  string
		build func(tb *fakeTB)
		parts []string
	}{
		{"price", func(tb *fakeTB) { mrt.FlatRatePlan(tb, "gold", "49.99") }, []string{"marketrulestest.FlatRatePlan", `price "49.99"`}},
		{"per-user price", func(tb *fakeTB) { mrt.PerUserPlan(tb, "team", "10.001 USD") }, []string{"marketrulestest.PerUserPlan", "10.001"}},
		{"size price", func(tb *fakeTB) { mrt.PerVCPUSizePlan(tb, "vm", map[int]string{2: "cheap"}) }, []string{"cheap"}},
		{"term price", func(tb *fakeTB) { mrt.FreePlan(tb, "x", mrt.Term(plan.OneYear, plan.Upfront, "USD 1")) }, []string{"USD 1"}},
		{"market price", func(tb *fakeTB) {
			mrt.FlatRatePlan(tb, "x", "1.00 USD", mrt.MarketPrice(plan.OneMonth, market.SE, "1,00 SEK"))
		}, []string{"1,00 SEK"}},
		{"market price term", func(tb *fakeTB) {
			mrt.FlatRatePlan(tb, "x", "1.00 USD", mrt.MarketPrice(plan.OneYear, market.SE, "10.00 SEK"))
		}, []string{"MarketPrice", `plan "x" has no P1Y term`}},
		{"meter price", func(tb *fakeTB) { mrt.FlatRatePlan(tb, "x", "1.00 USD", mrt.Meter("emails", "", 0)) }, []string{"Meter", `price ""`}},
		{"saving", func(tb *fakeTB) { mrt.BYOLPlan(tb, "x", mrt.Reservation(plan.OneYear, "30%")) }, []string{"Reservation", "30%"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{}
			tt.build(tb)
			tb.expectFailure(t, tt.parts...)
		})
	}
	for name, f := range map[string]func() error{
		"NewFlatRatePlan":    func() error { _, err := mrt.NewFlatRatePlan("x", "49.99"); return err },
		"NewPerUserPlan":     func() error { _, err := mrt.NewPerUserPlan("x", "1.0.0 USD", mrt.Users(1, 5)); return err },
		"NewPerVCPUSizePlan": func() error { _, err := mrt.NewPerVCPUSizePlan("x", map[int]string{2: "?"}); return err },
		"NewFreePlan option": func() error { _, err := mrt.NewFreePlan("x", mrt.Term(plan.OneYear, plan.Upfront, "?")); return err },
		"NewBYOLPlan option": func() error { _, err := mrt.NewBYOLPlan("x", mrt.Reservation(plan.OneYear, "?")); return err },
		"ParseTime":          func() error { _, err := mrt.ParseTime("31/01/2026"); return err },
		"NewOnlyFields":      func() error { _, err := mrt.NewOnlyFields(plan.Plan{}, "Nope"); return err },
		"NewOnlyFields type": func() error { _, err := mrt.NewOnlyFields(3, "X"); return err },
	} {
		if f() == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A nil option is skipped.
	if p, err := mrt.NewFreePlan("x", nil); err != nil || p.ID != "x" {
		t.Errorf("nil option: %v %v", p, err)
	}
}

// A host's own option.
func TestPlanOptionFunc(t *testing.T) {
	described := func(s string) mrt.PlanOption {
		return func(p *plan.Plan) error { p.Description = s; return nil }
	}
	p := mrt.BYOLPlan(t, "byol", described("Bring your own license."))
	if p.Description != "Bring your own license." || p.Name != "Byol" {
		t.Errorf("plan %+v", p)
	}
	if p := mrt.FreePlan(t, ""); p.Name != "" {
		t.Errorf("name of an empty ID: %q", p.Name)
	}
}

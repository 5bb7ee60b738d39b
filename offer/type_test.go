package offer_test

import (
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// The capability table, written out independently from the sources:
// OFR-01 (which types have plans), OFR-02 (plans with and without
// pricing, private audiences), OFR-04 (paid plans), PRC-01 (models),
// EXT-05 and PRC-01 (terms), EXT-07 (hourly VM prices), PLN-03 (summary),
// PRC-02 (metering), PLN-08 (ID kinds), OFR-08 (transactable), TRL-01
// (plan trials), EXT-01 (listing and Get-it-now pricing options), OFR-09
// (Azure Government), OFR-11 (stores), EXT-08 (price-change cut-offs).
func wantCapabilities() map[offer.Type]offer.Capabilities {
	const (
		getItNow  = offer.GetItNow
		freeTrial = offer.FreeTrial
		testDrive = offer.TestDrive
		contactMe = offer.ContactMe
	)
	subs := []plan.IDKind{plan.SubscriptionIDs}
	return map[offer.Type]offer.Capabilities{
		offer.ManagedApplication: {
			Name: "Azure managed application", Plans: true, PricedPlans: true,
			Models: []plan.Model{plan.FlatRate, plan.UsageOnly}, Terms: []plan.Term{plan.OneMonth},
			Summary: true, Metering: true, PrivateAudience: true, AudienceKinds: subs, SellThroughMicrosoft: true,
			Listings: []offer.Listing{getItNow, testDrive}, Charges: []offer.Charge{offer.ChargeSubscription, offer.ChargeUsage},
			AzureGovernment: true, Stores: []offer.Store{offer.AzureMarketplace}, PriceChangeCutoffDays: 14,
		},
		offer.SolutionTemplate: {
			Name: "Azure solution template", Plans: true,
			Models: []plan.Model{plan.Free}, Summary: true, PrivateAudience: true, AudienceKinds: subs,
			Listings: []offer.Listing{getItNow}, Charges: []offer.Charge{offer.ChargeFree},
			AzureGovernment: true, Stores: []offer.Store{offer.AzureMarketplace},
		},
		offer.Container: {
			Name: "Azure container", Plans: true,
			Models: []plan.Model{plan.Free, plan.BYOL}, Summary: true,
			Listings: []offer.Listing{getItNow}, Charges: []offer.Charge{offer.ChargeFree, offer.ChargeBYOL},
			Stores: []offer.Store{offer.AzureMarketplace},
		},
		offer.IoTEdgeModule: {
			Name: "IoT Edge module", Plans: true,
			Models: []plan.Model{plan.Free, plan.BYOL}, Summary: true,
			Listings: []offer.Listing{getItNow}, Charges: []offer.Charge{offer.ChargeFree, offer.ChargeBYOL},
			Stores: []offer.Store{offer.AzureMarketplace},
		},
		offer.ManagedService: {
			Name: "Managed service", Plans: true,
			Models: []plan.Model{plan.BYOL}, Summary: true, PrivateAudience: true, AudienceKinds: subs,
			Listings: []offer.Listing{getItNow}, Charges: []offer.Charge{offer.ChargeBYOL},
			Stores: []offer.Store{offer.AzureMarketplace},
		},
		offer.SaaS: {
			Name: "Software as a service", Plans: true, PricedPlans: true,
			Models: []plan.Model{plan.FlatRate, plan.PerUser, plan.UsageOnly},
			Terms:  []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears},
			// No summary for SaaS (PLN-03).
			Metering: true, PrivateAudience: true, AudienceKinds: []plan.IDKind{plan.TenantIDs},
			SellThroughMicrosoft: true, PlanTrials: true,
			Listings: []offer.Listing{getItNow, freeTrial, testDrive, contactMe},
			Charges:  []offer.Charge{offer.ChargeFree, offer.ChargeSubscription, offer.ChargeUsage},
			Stores:   []offer.Store{offer.AppSource, offer.AzureMarketplace}, PriceChangeCutoffDays: 4,
		},
		offer.VirtualMachine: {
			Name: "Azure virtual machine", Plans: true, PricedPlans: true,
			Models: []plan.Model{plan.Free, plan.BYOL, plan.FlatRate, plan.PerVCPU, plan.PerVCPUSize, plan.PerMarketAndVCPUSize},
			Hourly: true, Summary: true, PrivateAudience: true, AudienceKinds: []plan.IDKind{plan.SubscriptionIDs, plan.TenantIDs},
			SellThroughMicrosoft: true, PlanTrials: true,
			Listings: []offer.Listing{getItNow, freeTrial, testDrive}, Charges: []offer.Charge{offer.ChargeBYOL, offer.ChargeUsage},
			AzureGovernment: true, Stores: []offer.Store{offer.AzureMarketplace}, PriceChangeCutoffDays: 6,
		},
		offer.ConsultingService: {
			Name: "Consulting service", Listings: []offer.Listing{contactMe},
			Stores: []offer.Store{offer.AppSource, offer.AzureMarketplace},
		},
		offer.BusinessCentral: {
			Name: "Dynamics 365 Business Central", Listings: []offer.Listing{getItNow, freeTrial, testDrive, contactMe},
			Charges: []offer.Charge{offer.ChargeFree}, Stores: []offer.Store{offer.AppSource},
		},
		offer.CustomerEngagement: {
			Name: "Dynamics 365 Customer Engagement & Power Apps", Listings: []offer.Listing{getItNow, freeTrial, testDrive, contactMe},
			Charges: []offer.Charge{offer.ChargeFree, offer.ChargeUsage}, Stores: []offer.Store{offer.AppSource},
		},
		offer.DynamicsOperations: {
			Name: "Dynamics 365 for Operations", Listings: []offer.Listing{getItNow, freeTrial, testDrive, contactMe},
			Charges: []offer.Charge{offer.ChargeFree}, Stores: []offer.Store{offer.AppSource},
		},
		offer.PowerBIApp: {
			Name: "Power BI app", Listings: []offer.Listing{getItNow},
			Charges: []offer.Charge{offer.ChargeFree}, Stores: []offer.Store{offer.AppSource},
		},
	}
}

// OFR-02 (with OFR-01, EXT-01): the rules the Swedish edition's table lost, one row
// per offer type.
func TestOFR02_Capabilities(t *testing.T) {
	want := wantCapabilities()
	if len(want) != 12 {
		t.Fatalf("the expected table has %d rows", len(want))
	}
	for _, typ := range offer.Types() {
		t.Run(typ.String(), func(t *testing.T) {
			if diff := cmp.Diff(want[typ], typ.Capabilities()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// The seven plan types of OFR-02 and their three columns.
	table := []struct {
		typ                          offer.Type
		priced, unpriced, privateAud bool
	}{
		{offer.ManagedApplication, true, false, true},
		{offer.SolutionTemplate, false, true, true},
		{offer.Container, false, true, false},
		{offer.IoTEdgeModule, false, true, false},
		{offer.ManagedService, false, true, true},
		{offer.SaaS, true, false, true},
		{offer.VirtualMachine, true, false, true},
	}
	for _, row := range table {
		c := row.typ.Capabilities()
		unpriced := c.Plans && !c.PricedPlans
		if c.PricedPlans != row.priced || unpriced != row.unpriced || c.PrivateAudience != row.privateAud {
			t.Errorf("%v: priced %v, without pricing %v, private %v", row.typ, c.PricedPlans, unpriced, c.PrivateAudience)
		}
		// Plans without pricing are free or BYOL (OFR-02).
		if unpriced {
			for _, m := range c.Models {
				if m.IsPaid() {
					t.Errorf("%v: plan without pricing has model %v", row.typ, m)
				}
			}
		}
	}
}

// OFR-01: seven types have plans, five do not.
func TestOFR01_OfferTypes(t *testing.T) {
	want := []offer.Type{offer.ManagedApplication, offer.SolutionTemplate, offer.Container, offer.IoTEdgeModule,
		offer.ManagedService, offer.SaaS, offer.VirtualMachine,
		offer.ConsultingService, offer.BusinessCentral, offer.CustomerEngagement, offer.DynamicsOperations, offer.PowerBIApp}
	if diff := cmp.Diff(want, offer.Types()); diff != "" {
		t.Errorf("Types (-want +got):\n%s", diff)
	}
	for i, typ := range want {
		if got := typ.Capabilities().Plans; got != (i < 7) {
			t.Errorf("%v has plans: %v", typ, got)
		}
	}
	names := []string{"azure-managed-application", "azure-solution-template", "azure-container", "iot-edge-module", "managed-service",
		"saas", "azure-virtual-machine", "consulting-service", "dynamics-365-business-central", "dynamics-365-customer-engagement",
		"dynamics-365-operations", "power-bi-app"}
	for i, typ := range want {
		b, err := typ.MarshalText()
		var back offer.Type
		if err != nil || string(b) != names[i] || typ.String() != names[i] || back.UnmarshalText(b) != nil || back != typ {
			t.Errorf("%v: text %q, %v, back %v", typ, b, err, back)
		}
	}
	for _, bad := range []offer.Type{0, 13, 255} {
		if bad.Valid() || !cmp.Equal(bad.Capabilities(), offer.Capabilities{}) || bad.Scope(offer.DefaultPolicy(), true, nil).TrialMonths != nil {
			t.Errorf("Type(%d) is valid or has capabilities", bad)
		}
	}
	var typ offer.Type
	if err := typ.UnmarshalText([]byte("dynamics")); err == nil {
		t.Error("UnmarshalText(dynamics) succeeded")
	}

	runValid(t, []otest{
		{name: "consulting service without plans", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "advice", Type: offer.ConsultingService, Listing: offer.ContactMe}
		}},
		{name: "solution template with plans", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "template", Type: offer.SolutionTemplate, Listing: offer.GetItNow, Plans: freePlans(2)}
		}},
	})
	runInvalid(t, []otest{
		{name: "power bi app with a plan", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "report", Type: offer.PowerBIApp, Listing: offer.GetItNow, Plans: freePlans(1)}
		}, want: []problem{{rule.OFR01, "plans"}, {rule.PRC01, "plans[0].pricing.model"}}},
		{name: "no type", change: func(o *offer.Offer) { o.Type = 0 }, want: []problem{{rule.OFR01, "type"}}},
		{name: "undefined type", change: func(o *offer.Offer) { o.Type = 40 }, want: []problem{{rule.OFR01, "type"}}},
	})
}

// Capabilities and Scope hand out copies: changing them changes nothing
// (no global mutable state).
func TestCapabilitiesAreCopies(t *testing.T) {
	c := offer.SaaS.Capabilities()
	c.Models[0] = plan.BYOL
	c.Terms[0] = plan.Hourly
	c.AudienceKinds[0] = plan.SubscriptionIDs
	c.Listings[0] = offer.ContactMe
	c.Charges[0] = offer.ChargeBYOL
	c.Stores[0] = offer.AzureMarketplace
	if diff := cmp.Diff(wantCapabilities()[offer.SaaS], offer.SaaS.Capabilities()); diff != "" {
		t.Errorf("the table changed (-want +got):\n%s", diff)
	}
	s := offer.SaaS.Scope(offer.DefaultPolicy(), true, nil)
	s.Models[0] = plan.BYOL
	s.Terms[0] = plan.Hourly
	s.AudienceKinds[0] = plan.SubscriptionIDs
	if diff := cmp.Diff(wantCapabilities()[offer.SaaS], offer.SaaS.Capabilities()); diff != "" {
		t.Errorf("changing a Scope changed the table (-want +got):\n%s", diff)
	}
}

// OFR-04: paid plans only for virtual machine, managed application and
// SaaS offers.
func TestOFR04_PaidPlans(t *testing.T) {
	for _, typ := range offer.Types() {
		c := typ.Capabilities()
		paid := slices.ContainsFunc(c.Models, plan.Model.IsPaid)
		want := typ == offer.VirtualMachine || typ == offer.ManagedApplication || typ == offer.SaaS
		if paid != want || c.PricedPlans != want {
			t.Errorf("%v: paid models %v, priced plans %v", typ, paid, c.PricedPlans)
		}
	}
	paidPlan := func(o *offer.Offer) {
		o.Plans[0].Pricing = plan.Pricing{Model: plan.PerVCPU, VM: plan.VMPricing{PerHour: usd("0.10")}}
	}
	runValid(t, []otest{
		{name: "paid vm", base: vmOffer, change: paidPlan},
	})
	runInvalid(t, []otest{
		{name: "paid container", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "c", Type: offer.Container, Listing: offer.GetItNow, Plans: freePlans(1)}
			paidPlan(o)
		}, want: []problem{{rule.OFR04, "plans[0].pricing.model"}}},
		{name: "paid managed service", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "c", Type: offer.ManagedService, Listing: offer.GetItNow, Plans: freePlans(1)}
			o.Plans[0].Pricing = plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: usd("1.00")}}}
		}, want: []problem{{rule.OFR04, "plans[0].pricing.model"}}},
		{name: "paid vm not sold through Microsoft", base: vmOffer, change: func(o *offer.Offer) {
			paidPlan(o)
			o.SellThroughMicrosoft = false
			o.Plans[0].Trial = plan.Trial{}
		}, want: []problem{{rule.OFR04, "plans[0].pricing.model"}}},
	})
}

// OFR-08: transactable Get-it-now offers are VM images, managed
// applications and SaaS; professional services are not transactable.
func TestOFR08_Transactable(t *testing.T) {
	for _, typ := range offer.Types() {
		want := typ == offer.VirtualMachine || typ == offer.ManagedApplication || typ == offer.SaaS
		if got := typ.Capabilities().SellThroughMicrosoft; got != want {
			t.Errorf("%v transactable: %v", typ, got)
		}
		o := offer.Offer{Type: typ, SellThroughMicrosoft: true}
		if o.SellsThroughMicrosoft() != want {
			t.Errorf("Offer{%v, sold through Microsoft}.SellsThroughMicrosoft() = %v", typ, o.SellsThroughMicrosoft())
		}
		o.SellThroughMicrosoft = false
		if o.SellsThroughMicrosoft() {
			t.Errorf("Offer{%v, not sold through Microsoft}.SellsThroughMicrosoft()", typ)
		}
	}
	runValid(t, []otest{
		{name: "saas listing only", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "lead", Type: offer.SaaS, Listing: offer.ContactMe}
		}},
	})
	runInvalid(t, []otest{
		{name: "consulting sold through Microsoft", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "advice", Type: offer.ConsultingService, Listing: offer.ContactMe, SellThroughMicrosoft: true}
		}, want: []problem{{rule.OFR08, "listing"}, {rule.OFR08, "sellThroughMicrosoft"}}},
		{name: "container sold through Microsoft", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "c", Type: offer.Container, Listing: offer.GetItNow, SellThroughMicrosoft: true, Plans: freePlans(1)}
		}, want: []problem{{rule.OFR08, "sellThroughMicrosoft"}}},
		{name: "transactable saas listed as free trial", change: func(o *offer.Offer) { o.Listing = offer.FreeTrial },
			want: []problem{{rule.OFR08, "listing"}}},
	})
}

// OFR-09: Azure Government accepts VM and Azure application offers.
func TestOFR09_AzureGovernment(t *testing.T) {
	want := map[offer.Type]bool{offer.VirtualMachine: true, offer.ManagedApplication: true, offer.SolutionTemplate: true}
	for _, typ := range offer.Types() {
		if got := typ.Capabilities().AzureGovernment; got != want[typ] {
			t.Errorf("%v in Azure Government: %v", typ, got)
		}
	}
	runValid(t, []otest{
		{name: "vm", base: vmOffer},
		{name: "solution template", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "t", Type: offer.SolutionTemplate, Listing: offer.GetItNow, AzureGovernment: true, Plans: freePlans(1)}
		}},
	})
	runInvalid(t, []otest{
		{name: "saas", change: func(o *offer.Offer) { o.AzureGovernment = true }, want: []problem{{rule.OFR09, "azureGovernment"}}},
		{name: "container", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "c", Type: offer.Container, Listing: offer.GetItNow, AzureGovernment: true, Plans: freePlans(1)}
		}, want: []problem{{rule.OFR09, "azureGovernment"}}},
	})
}

// OFR-11: AppSource for business solutions, Azure Marketplace for IT and
// developer solutions; rarely both.
func TestOFR11_Stores(t *testing.T) {
	for _, typ := range offer.Types() {
		stores := typ.Capabilities().Stores
		var want []offer.Store
		switch typ {
		case offer.BusinessCentral, offer.CustomerEngagement, offer.DynamicsOperations, offer.PowerBIApp:
			want = []offer.Store{offer.AppSource}
		case offer.SaaS, offer.ConsultingService:
			want = []offer.Store{offer.AppSource, offer.AzureMarketplace}
		default:
			want = []offer.Store{offer.AzureMarketplace}
		}
		if !slices.Equal(stores, want) {
			t.Errorf("%v stores %v, want %v", typ, stores, want)
		}
	}
	for s, name := range map[offer.Store]string{offer.AppSource: "appsource", offer.AzureMarketplace: "azure-marketplace"} {
		b, err := s.MarshalText()
		var back offer.Store
		if err != nil || string(b) != name || s.String() != name || back.UnmarshalText(b) != nil || back != s {
			t.Errorf("%v: %q, %v", s, b, err)
		}
	}
	if p := checkPurchase(offer.Buyer{HasEntraID: true, PaymentMethod: offer.CreditCard, BillingCountry: 0}); p.Allowed || p.Requirements[0].Rule != rule.OFR11 {
		t.Errorf("purchase in no store: %+v", p)
	}
}

// EXT-01: listing options and Get-it-now pricing options per type (the
// full rows are in TestOFR02_Capabilities).
func TestEXT01_ListingOptions(t *testing.T) {
	var valid, invalid []otest
	for _, typ := range offer.Types() {
		c := typ.Capabilities()
		for _, l := range []offer.Listing{offer.GetItNow, offer.FreeTrial, offer.TestDrive, offer.ContactMe} {
			o := offer.Offer{ID: "o", Type: typ, Listing: l}
			name := fmt.Sprintf("%v %v", typ, l)
			if slices.Contains(c.Listings, l) {
				valid = append(valid, otest{name: name, change: func(x *offer.Offer) { *x = o }})
			} else {
				invalid = append(invalid, otest{name: name, change: func(x *offer.Offer) { *x = o }, want: []problem{{rule.EXT01, "listing"}}})
			}
		}
	}
	if len(invalid) != 21 || len(valid) != 27 { // EXT-01: 27 check marks in 12 rows of 4
		t.Errorf("%d listing options allowed, %d refused; want 27 and 21", len(valid), len(invalid))
	}
	runValid(t, valid)
	runInvalid(t, invalid)
	runInvalid(t, []otest{
		{name: "no listing option (OFR-07)", change: func(o *offer.Offer) { o.Listing = 0 }, want: []problem{{rule.OFR07, "listing"}}},
	})

	for _, tt := range []struct {
		v    interface{ MarshalText() ([]byte, error) }
		want string
	}{
		{offer.GetItNow, "get-it-now"}, {offer.FreeTrial, "free-trial"}, {offer.TestDrive, "test-drive"}, {offer.ContactMe, "contact-me"},
		{offer.ChargeFree, "free"}, {offer.ChargeBYOL, "byol"}, {offer.ChargeSubscription, "subscription"}, {offer.ChargeUsage, "usage-based"},
	} {
		b, err := tt.v.MarshalText()
		if err != nil || string(b) != tt.want || fmt.Sprint(tt.v) != tt.want {
			t.Errorf("%v: %q, %v", tt.v, b, err)
		}
	}
	var l offer.Listing
	var c offer.Charge
	if l.UnmarshalText([]byte("Contact-Me")) != nil || l != offer.ContactMe || c.UnmarshalText([]byte("usage-based")) != nil || c != offer.ChargeUsage {
		t.Errorf("UnmarshalText: %v %v", l, c)
	}
	if l.UnmarshalText([]byte("buy")) == nil || c.UnmarshalText([]byte("paid")) == nil {
		t.Error("UnmarshalText of unknown names succeeded")
	}
}

// Scope: what a plan of each type may be, for plan.Validate.
func TestTypeScope(t *testing.T) {
	pol := offer.DefaultPolicy()
	dims := []plan.Dimension{{ID: "d", DisplayName: "D", Unit: "u"}}
	tests := []struct {
		typ          offer.Type
		transactable bool
		want         plan.Scope
	}{
		{offer.SaaS, true, plan.Scope{Models: []plan.Model{plan.FlatRate, plan.PerUser, plan.UsageOnly},
			Terms: []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears}, Metering: true, Private: true,
			AudienceKinds: []plan.IDKind{plan.TenantIDs}, TrialMonths: []calendar.Months{1}, Dimensions: dims}},
		{offer.SaaS, false, plan.Scope{Terms: []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears}, Metering: true, Private: true,
			AudienceKinds: []plan.IDKind{plan.TenantIDs}, Dimensions: dims}},
		{offer.VirtualMachine, true, plan.Scope{Models: []plan.Model{plan.Free, plan.BYOL, plan.FlatRate, plan.PerVCPU, plan.PerVCPUSize, plan.PerMarketAndVCPUSize},
			Hourly: true, Summary: true, Private: true, AudienceKinds: []plan.IDKind{plan.SubscriptionIDs, plan.TenantIDs}, TrialMonths: []calendar.Months{1, 3, 6}, Dimensions: dims}},
		{offer.VirtualMachine, false, plan.Scope{Models: []plan.Model{plan.Free, plan.BYOL},
			Hourly: true, Summary: true, Private: true, AudienceKinds: []plan.IDKind{plan.SubscriptionIDs, plan.TenantIDs}, Dimensions: dims}},
		{offer.ManagedApplication, true, plan.Scope{Models: []plan.Model{plan.FlatRate, plan.UsageOnly}, Terms: []plan.Term{plan.OneMonth},
			Summary: true, Metering: true, Private: true, AudienceKinds: []plan.IDKind{plan.SubscriptionIDs}, Dimensions: dims}},
		{offer.Container, true, plan.Scope{Models: []plan.Model{plan.Free, plan.BYOL}, Summary: true, Dimensions: dims}},
		{offer.ConsultingService, false, plan.Scope{Dimensions: dims}},
		{0, true, plan.Scope{Dimensions: dims}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.typ.Scope(pol, tt.transactable, dims)); diff != "" {
			t.Errorf("%v.Scope(transactable %v) (-want +got):\n%s", tt.typ, tt.transactable, diff)
		}
	}
}

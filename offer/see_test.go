package offer_test

import (
	"testing"

	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
)

// PLN-07, PLN-08 and PLN-10: who sees which plan. Once live: a public plan
// everyone, a private plan its audience (by tenant or subscription ID,
// depending on its kind), a hidden plan no one browsing. In preview: only
// the preview audience, which sees every plan.
func TestPLN10_CanSee(t *testing.T) {
	o := saasOffer()
	o.Preview = offer.Preview{Emails: []string{"QA@contoso.com"}}
	public := &o.Plans[0]
	tenantPlan := &o.Plans[3] // audience: tenants guid(1), guid(2)
	subPlan := &plan.Plan{ID: "subs", Visibility: plan.Private, Audience: plan.NewAudience(plan.SubscriptionIDs, plan.CSV, guid(7), guid(8))}
	hidden := &plan.Plan{ID: "hidden", Visibility: plan.Hidden}
	noKind := &plan.Plan{ID: "nokind", Visibility: plan.Private, Audience: plan.Audience{IDs: []plan.GUID{guid(1)}}}
	unsorted := &plan.Plan{ID: "unsorted", Visibility: plan.Private, Audience: plan.Audience{Kind: plan.TenantIDs, IDs: []plan.GUID{guid(9), guid(1)}}}

	stranger := offer.Viewer{Tenant: guid(50), Subscription: guid(51)}
	tenant1 := offer.Viewer{Tenant: guid(1)}
	sub8 := offer.Viewer{Subscription: guid(8)}
	crossed := offer.Viewer{Tenant: guid(8), Subscription: guid(1)} // the IDs in the other kind
	nobody := offer.Viewer{}
	previewer := offer.Viewer{Email: "qa@contoso.com"}
	previewerInTenant := offer.Viewer{Email: "qa@contoso.com", Tenant: guid(1)}

	tests := []struct {
		name      string
		v         offer.Viewer
		p         *plan.Plan
		inPreview bool
		want      bool
	}{
		// Live.
		{"public, stranger", stranger, public, false, true},
		{"public, no IDs", nobody, public, false, true},
		{"private, tenant in audience", tenant1, tenantPlan, false, true},
		{"private, stranger", stranger, tenantPlan, false, false},
		{"private, subscription not matched against tenant IDs", offer.Viewer{Subscription: guid(1)}, tenantPlan, false, false},
		{"private, subscription in audience", sub8, subPlan, false, true},
		{"private, tenant not matched against subscription IDs", crossed, subPlan, false, false},
		{"private, nil IDs never match", nobody, &plan.Plan{Visibility: plan.Private, Audience: plan.Audience{Kind: plan.TenantIDs, IDs: []plan.GUID{{}}}}, false, false},
		{"private, audience without kind", tenant1, noKind, false, false},
		{"private, unsorted audience", tenant1, unsorted, false, true},
		{"hidden, audience tenant", tenant1, hidden, false, false},
		{"hidden, stranger", stranger, hidden, false, false},
		{"preview audience after preview sees public", previewer, public, false, true},
		{"preview audience after preview does not see private", previewer, tenantPlan, false, false},
		{"preview audience member in the tenant sees private", previewerInTenant, tenantPlan, false, true},
		// Preview.
		{"preview, previewer sees public", previewer, public, true, true},
		{"preview, previewer sees private", previewer, tenantPlan, true, true},
		{"preview, previewer sees hidden", previewer, hidden, true, true},
		{"preview, previewer e-mail in other case", offer.Viewer{Email: "Qa@Contoso.COM"}, subPlan, true, true},
		{"preview, audience tenant does not see", tenant1, tenantPlan, true, false},
		{"preview, stranger does not see public", stranger, public, true, false},
		{"preview, other e-mail", offer.Viewer{Email: "dev@contoso.com"}, public, true, false},
		{"preview, no e-mail", nobody, public, true, false},
	}
	for _, tt := range tests {
		if got := o.CanSee(tt.v, tt.p, tt.inPreview); got != tt.want {
			t.Errorf("%s: CanSee = %v, want %v", tt.name, got, tt.want)
		}
	}
	// An empty preview audience previews nothing; an empty e-mail never
	// matches.
	empty := offer.Offer{}
	if empty.CanSee(offer.Viewer{Email: ""}, public, true) {
		t.Error("empty preview audience")
	}
	withEmpty := offer.Offer{Preview: offer.Preview{Emails: []string{""}}}
	if withEmpty.CanSee(nobody, public, true) {
		t.Error("an empty e-mail previews")
	}
}

func TestOfferPlan(t *testing.T) {
	o := saasOffer()
	if p, ok := o.Plan("premium"); !ok || p != &o.Plans[1] {
		t.Errorf("Plan(premium) = %p, %v", p, ok)
	}
	if p, ok := o.Plan("gold"); ok || p != nil {
		t.Errorf("Plan(gold) = %v, %v", p, ok)
	}
}

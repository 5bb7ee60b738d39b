package offer_test

import (
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/market"
	mrt "github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// randomOffer mutates a valid fixture at random: invalid enum values,
// extreme counts, nil and empty slices, plans from other offers.
func randomOffer(r *rand.Rand) offer.Offer {
	var fixtures []offer.Offer
	for _, o := range mrt.Offers() {
		fixtures = append(fixtures, o)
	}
	o := fixtures[r.IntN(len(fixtures))]
	switch r.IntN(8) {
	case 0:
		o.Type = offer.Type(r.IntN(40))
	case 1:
		o.Listing = offer.Listing(r.IntN(10))
	case 2:
		o.SellThroughMicrosoft = !o.SellThroughMicrosoft
	case 3:
		o.Plans = append(o.Plans, fixtures[r.IntN(len(fixtures))].Plans...)
	case 4:
		o.Plans = nil
	case 5:
		o.Resellers = offer.Resellers{Mode: offer.ResellerMode(r.IntN(5)), Partners: []string{"", "x", "x"}}
	case 6:
		o.Preview = offer.Preview{Source: plan.Source(r.IntN(4)), Emails: []string{"", "a@b.c", "A@B.C", "not an address", strings.Repeat("a", 200)}}
	case 7:
		o.ID = []string{"", "UPPER", strings.Repeat("x", 100), "\xff"}[r.IntN(4)]
	}
	if len(o.Plans) > 0 && r.IntN(3) == 0 {
		o.Plans[0].Pricing.Model = plan.Model(r.IntN(12))
		o.Plans[0].Trial.Months = []int{0, -1, math.MaxInt, math.MinInt}[r.IntN(4)]
	}
	return o
}

// Property: CheckOffer, CheckRepublish and CheckPurchase never panic on
// random and extreme input (nil offers among them, issue 17), report
// problems with JSON paths, and a republish of an offer (with unique plan
// IDs) onto itself is always allowed.
func TestPropertyEntryPoints(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 21))
	pols := []offer.Policy{{}, offer.DefaultPolicy(), offer.Policy2023(), {MaxPlans: -1}, {MaxPlans: math.MaxInt, VMTrialMonths: []calendar.Months{math.MinInt}}}
	for range 2000 {
		o, d := randomOffer(r), randomOffer(r)
		pol := pols[r.IntN(len(pols))]
		if err := pol.CheckOffer(o); err != nil {
			var ps rule.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("CheckOffer: %v", err)
			}
			for _, p := range ps {
				if p.Path == "" || p.Path[0] < 'a' || p.Path[0] > 'z' {
					t.Fatalf("path %q of %q", p.Path, p.Text(rule.English))
				}
			}
		}
		dec, err := pol.CheckRepublish(&o, &d)
		if err == nil && dec.Allowed != (len(dec.Refusals) == 0) {
			t.Fatalf("republish decision %+v", dec)
		}
		if err == nil && (dec.Rule == "" || dec.Reason == "" || dec.String() == "") {
			t.Fatalf("republish decision without rule or reason: %+v", dec)
		}
		ids := map[string]bool{}
		for _, p := range o.Plans {
			ids[p.ID] = true
		}
		if self, err := pol.CheckRepublish(&o, &o); err == nil && !self.Allowed && len(ids) == len(o.Plans) {
			t.Fatalf("republishing an offer unchanged is refused: %v", self)
		}
		b := offer.Buyer{Store: offer.Store(r.IntN(4)), HasEntraID: r.IntN(2) == 0, HasActiveSubscription: r.IntN(2) == 0,
			Role: offer.SubscriptionRole(r.IntN(6)), PaymentMethod: offer.PaymentMethod(r.IntN(5)),
			CardCountry: market.Code(r.IntN(300)), TenantCountry: market.Code(r.IntN(300)), BillingCountry: market.Code(r.IntN(300))}
		if p, err := pol.CheckPurchase(b); err == nil {
			blocked := false
			for _, q := range p.Requirements {
				blocked = blocked || !q.InFlow
			}
			if p.Allowed == blocked || p.Rule == "" || p.Reason == "" {
				t.Fatalf("purchase %+v for %+v", p, b)
			}
		}
		if len(o.Plans) > 0 {
			_ = o.CanSee(offer.Viewer{Tenant: mrt.TenantID(1)}, &o.Plans[0], r.IntN(2) == 0)
		}
	}
	// Nil offers are errors, never panics.
	for _, pair := range [][2]*offer.Offer{{nil, nil}, {nil, &offer.Offer{}}, {&offer.Offer{}, nil}} {
		if _, err := offer.DefaultPolicy().CheckRepublish(pair[0], pair[1]); !errors.Is(err, offer.ErrNoOffer) {
			t.Errorf("CheckRepublish(%v, %v): %v", pair[0], pair[1], err)
		}
	}
	var nilOffer *offer.Offer
	if nilOffer.CanSee(offer.Viewer{}, nil, true) || nilOffer.SellsThroughMicrosoft() {
		t.Error("a nil offer")
	}
	if _, ok := nilOffer.Plan("x"); ok {
		t.Error("a nil offer has a plan")
	}
	o := mrt.SaaSFlatRateOffer()
	if o.CanSee(offer.Viewer{}, nil, false) {
		t.Error("a nil plan is seen")
	}
	// An invalid policy is the policy's problems, at its JSON paths.
	bad := offer.DefaultPolicy()
	bad.MaxPlans, bad.VMTrialMonths, bad.IDMax = 0, []calendar.Months{0}, -1
	want := []problem{{rule.PLN01, "policy.idMax"}, {rule.OFR03, "policy.maxPlans"}, {rule.TRL02, "policy.vmTrialMonths[0]"}}
	for _, err := range []error{bad.Validate(), bad.CheckOffer(o)} {
		if got := problemsOf(t, err); len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Errorf("invalid policy: %v", got)
		}
	}
	if _, err := bad.CheckPurchase(offer.Buyer{}); !errors.Is(err, offer.ErrPolicy) {
		t.Errorf("CheckPurchase with an invalid policy: %v", err)
	}
	if _, err := bad.CheckRepublish(&o, &o); !errors.Is(err, plan.ErrPolicy) {
		t.Errorf("CheckRepublish with an invalid policy: %v", err)
	}
}

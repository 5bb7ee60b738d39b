package offer

import (
	"strings"

	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Offer is what a publisher declares in Partner Center: the offer's
// identity and type, how it is listed and sold, its plans and metering
// dimensions, who in the CSP channel may resell it, and who may preview
// it. It is a plain value: build it in Go or decode it from JSON, then
// call [Policy.CheckOffer].
type Offer struct {
	// ID identifies the offer: at most 50 lowercase letters, digits,
	// hyphens and underscores, as Partner Center accepts it.
	ID string `json:"id"`
	// Type is the offer type (OFR-01).
	Type Type `json:"type,omitempty"`
	// SellThroughMicrosoft says whether Microsoft bills for the offer (a
	// transactable offer, OFR-05, OFR-08). It cannot change once
	// published.
	SellThroughMicrosoft bool `json:"sellThroughMicrosoft"`
	// Listing is the listing option (OFR-07, EXT-01).
	Listing Listing `json:"listing,omitempty"`
	// AzureGovernment lists the offer in Azure Government Marketplace
	// too (OFR-09).
	AzureGovernment bool `json:"azureGovernment,omitempty"`
	// Dimensions are the offer's metering dimensions, at most 30 (EXT-02).
	Dimensions []plan.Dimension `json:"dimensions,omitempty"`
	// Plans are the offer's plans, at most 100 (OFR-03).
	Plans []plan.Plan `json:"plans,omitempty"`
	// Resellers says which CSP partners may resell the offer (OFR-12).
	Resellers Resellers `json:"resellers,omitzero"`
	// Preview is the preview audience (PLN-10, EXT-14).
	Preview Preview `json:"preview,omitzero"`
}

// Plan returns the plan with the given ID, and whether there is one.
func (o *Offer) Plan(id string) (*plan.Plan, bool) {
	if o == nil {
		return nil, false
	}
	for i := range o.Plans {
		if o.Plans[i].ID == id {
			return &o.Plans[i], true
		}
	}
	return nil, false
}

// SellsThroughMicrosoft reports whether the offer is sold through
// Microsoft and of a type that can be (OFR-08); false for a nil offer.
func (o *Offer) SellsThroughMicrosoft() bool {
	return o != nil && o.SellThroughMicrosoft && o.Type.caps().SellThroughMicrosoft
}

// ResellerMode says which CSP partners may resell an offer (OFR-12). The
// zero value is NoResellers.
type ResellerMode uint8

// The reseller modes.
const (
	// NoResellers: the offer is not offered to CSP partners.
	NoResellers ResellerMode = iota
	// AllResellers: every CSP partner may resell it.
	AllResellers
	// NamedResellers: only the listed partners may resell it.
	NamedResellers
)

var resellerNames = enum.Names[ResellerMode]{Type: "reseller mode", Names: []string{"none", "all", "named"}}

// String returns "none", "all" or "named".
func (m ResellerMode) String() string { return resellerNames.String(m) }

// MarshalText implements [encoding.TextMarshaler].
func (m ResellerMode) MarshalText() ([]byte, error) { return resellerNames.Marshal(m) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (m *ResellerMode) UnmarshalText(b []byte) error { return resellerNames.Unmarshal(b, m) }

// Resellers is an offer's CSP reseller selection (OFR-12): none, all, or
// the named partners (their Partner Center IDs).
type Resellers struct {
	Mode     ResellerMode `json:"mode"`
	Partners []string     `json:"partners,omitempty"`
}

// IsZero reports whether r is the zero selection: no resellers and no
// partners (nil or empty). JSON omits it.
func (r Resellers) IsZero() bool { return r.Mode == NoResellers && len(r.Partners) == 0 }

// Allows reports whether the CSP partner with the given ID may resell the
// offer.
func (r Resellers) Allows(partner string) bool {
	switch r.Mode {
	case AllResellers:
		return true
	case NamedResellers:
		for _, p := range r.Partners {
			if p == partner {
				return true
			}
		}
	}
	return false
}

// Preview is an offer's preview audience (PLN-10, EXT-14): the e-mail
// addresses that may see the offer, with every plan, private or not, while
// it is in preview; at most 10 by hand or 20 from a CSV file.
type Preview struct {
	Source plan.Source `json:"source"`
	Emails []string    `json:"emails,omitempty"`
}

// IsZero reports whether pv is the empty preview audience: entered by
// hand, no addresses (nil or empty). JSON omits it.
func (pv Preview) IsZero() bool { return pv.Source == plan.Manual && len(pv.Emails) == 0 }

// includes reports whether email is in the preview audience, ignoring
// case.
func (pv Preview) includes(email string) bool {
	for _, e := range pv.Emails {
		if strings.EqualFold(e, email) {
			return true
		}
	}
	return false
}

// Viewer is someone looking at an offer's plans: a customer identified by
// tenant and subscription, or a preview audience member by e-mail.
type Viewer struct {
	Tenant       plan.GUID `json:"tenant,omitzero"`
	Subscription plan.GUID `json:"subscription,omitzero"`
	Email        string    `json:"email,omitempty"`
}

// CanSee reports whether v sees plan p of the offer. While the offer is
// in preview (inPreview), only its preview audience sees it, and sees
// every plan, private or not (PLN-10). Once live, a public plan is seen by
// everyone, a private plan by its audience only (matched by tenant or
// subscription ID, PLN-07, PLN-08), and a hidden plan by no one browsing
// the marketplace (it is deployed through the solution that references
// it). Nobody sees a plan of a nil offer, or a nil plan.
func (o *Offer) CanSee(v Viewer, p *plan.Plan, inPreview bool) bool {
	if o == nil || p == nil {
		return false
	}
	if inPreview {
		return v.Email != "" && o.Preview.includes(v.Email)
	}
	switch p.Visibility {
	case plan.Public:
		return true
	case plan.Private:
		a := p.Audience
		switch a.Kind {
		case plan.TenantIDs:
			return v.Tenant != (plan.GUID{}) && a.Has(v.Tenant)
		case plan.SubscriptionIDs:
			return v.Subscription != (plan.GUID{}) && a.Has(v.Subscription)
		}
	}
	return false
}

// UnmarshalJSON decodes an offer strictly from the JSON form that
// encoding/json writes for it: unknown members, values of the wrong type
// and unknown enum names are rejected, and all problems are reported at
// once as [rule.Problems] with paths such as "plans[3].pricing.model". A
// value that decodes is not yet validated: call [Policy.CheckOffer]. To read
// untrusted input of unknown size, use [Policy.Decode], which refuses oversized
// input before reading it all.
func (o *Offer) UnmarshalJSON(b []byte) error {
	type plain Offer // the same fields, without this method
	var v plain
	var ps rule.Problems
	jsonx.Decode(b, &v, "", &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	*o = Offer(v)
	return nil
}

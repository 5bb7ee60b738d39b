package offer

import (
	"errors"
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"slices"
	"strings"

	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Policy holds every limit of offer validation and republishing, and is
// the receiver of the package's entry points ([Policy.CheckOffer],
// [Policy.CheckRepublish], [Policy.CheckPurchase]). It embeds the plan
// limits. [DefaultPolicy] follows "Plans and pricing for commercial
// marketplace offers" and the commercial marketplace FAQ as the rules
// were first written from them; [Policy2023] the 2022–2023 editions of
// Microsoft's documentation. The zero Policy{} means DefaultPolicy(); any
// other policy must pass [Policy.Validate].
type Policy struct {
	plan.Policy
	// OfferIDMax is the longest offer ID: 50.
	OfferIDMax int `json:"offerIdMax"`
	// MaxPlans is the most plans an offer has (OFR-03): 100.
	MaxPlans int `json:"maxPlans"`
	// MaxPrivatePlans is the most private plans among them (OFR-03): 45.
	MaxPrivatePlans int `json:"maxPrivatePlans"`
	// MaxDimensions is the most metering dimensions an offer has
	// (EXT-02): 30.
	MaxDimensions int `json:"maxDimensions"`
	// SaaSTrialMonths are the free-trial lengths of SaaS plans (TRL-02): 1.
	SaaSTrialMonths []calendar.Months `json:"saasTrialMonths"`
	// VMTrialMonths are the free-trial lengths of virtual machine plans
	// (TRL-02): 1, 3 or 6 ("Plans and pricing for commercial marketplace
	// offers"; the commercial marketplace FAQ's "one or three months" is
	// the older statement).
	VMTrialMonths []calendar.Months `json:"vmTrialMonths"`
	// PreviewManualMax and PreviewCSVMax bound the preview audience's
	// e-mail addresses (EXT-14): 10 by hand, 20 from a CSV file.
	PreviewManualMax int `json:"previewManualMax"`
	PreviewCSVMax    int `json:"previewCsvMax"`
	// PriceChanges says whether a published market price may change: no
	// by default (PLN-11); yes in 2023, scheduled by package pricing
	// (EXT-08).
	PriceChanges bool `json:"priceChanges,omitempty"`
}

// DefaultPolicy returns the limits of "Plans and pricing for commercial
// marketplace offers" as the rules were first written from it.
func DefaultPolicy() Policy {
	return Policy{
		Policy:           plan.DefaultPolicy(),
		OfferIDMax:       50,
		MaxPlans:         100,
		MaxPrivatePlans:  45,
		MaxDimensions:    30,
		SaaSTrialMonths:  []calendar.Months{1},
		VMTrialMonths:    []calendar.Months{1, 3, 6},
		PreviewManualMax: 10,
		PreviewCSVMax:    20,
	}
}

// Policy2023 returns the limits of the 2022–2023 documents: longer plan
// names and descriptions (EXT-14) and scheduled price changes on live
// plans (EXT-08).
func Policy2023() Policy {
	p := DefaultPolicy()
	p.Policy = plan.Policy2023()
	p.PriceChanges = true
	return p
}

// isZero reports whether p is the zero Policy.
func (p *Policy) isZero() bool {
	return p.Policy == (plan.Policy{}) && p.OfferIDMax == 0 && p.MaxPlans == 0 && p.MaxPrivatePlans == 0 &&
		p.MaxDimensions == 0 && p.SaaSTrialMonths == nil && p.VMTrialMonths == nil &&
		p.PreviewManualMax == 0 && p.PreviewCSVMax == 0 && !p.PriceChanges
}

// orDefault returns DefaultPolicy() for the zero Policy, p otherwise.
func (p Policy) orDefault() Policy {
	if p.isZero() {
		return DefaultPolicy()
	}
	return p
}

var (
	msgPolicyLimit = rule.Message{English: "limit %d is out of range (want %d to %d)", Swedish: "gränsen %d ligger utanför intervallet (ska vara %d till %d)"}
	msgPolicyTrial = rule.Message{English: "a free trial of %d months is out of range (want 1 to 12)", Swedish: "en kostnadsfri utvärderingsversion på %d månader ligger utanför intervallet (ska vara 1 till 12)"}
)

// Validate reports every limit out of range, each a problem at its JSON
// path ("policy.maxPlans", "policy.vmTrialMonths[2]") wrapping [ErrPolicy]
// (plan limits wrap plan.ErrPolicy): limits must be 1 or more (at most a
// million), trial lengths 1 to 12 months. The zero Policy is valid: it
// means DefaultPolicy().
func (p Policy) Validate() error {
	p = p.orDefault()
	var ps rule.Problems
	var planProblems rule.Problems
	if errors.As(p.Policy.Validate(), &planProblems) {
		ps.Append(planProblems...)
	}
	for _, f := range []struct {
		id   rule.ID
		path string
		v    int
	}{
		{"", "offerIdMax", p.OfferIDMax},
		{rule.OFR03, "maxPlans", p.MaxPlans},
		{rule.OFR03, "maxPrivatePlans", p.MaxPrivatePlans},
		{rule.EXT02, "maxDimensions", p.MaxDimensions},
		{rule.EXT14, "previewManualMax", p.PreviewManualMax},
		{rule.EXT14, "previewCsvMax", p.PreviewCSVMax},
	} {
		if f.v < 1 || f.v > 1_000_000 {
			ps.Append(rule.Problem{Rule: f.id, Path: "policy." + f.path, Message: msgPolicyLimit, Args: []any{f.v, 1, 1_000_000}, Err: ErrPolicy})
		}
	}
	for _, f := range [...]struct {
		name string
		ms   []calendar.Months
	}{{"saasTrialMonths", p.SaaSTrialMonths}, {"vmTrialMonths", p.VMTrialMonths}} {
		for i, m := range f.ms {
			if m < 1 || m > 12 {
				ps.Append(rule.Problem{Rule: rule.TRL02, Path: fmt.Sprintf("policy.%s[%d]", f.name, i), Message: msgPolicyTrial, Args: []any{int(m)}, Err: ErrPolicy})
			}
		}
	}
	if len(ps) > 1 {
		slices.SortStableFunc(ps, func(a, b rule.Problem) int { return strings.Compare(a.Path, b.Path) })
	}
	return ps.Err()
}

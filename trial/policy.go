package trial

import "github.com/marketrules/marketrules/offer"

// Policy holds every value the trial rules use. [DefaultPolicy] follows
// the rulebook (RULES.md); the caller may replace any field. A Policy is
// a plain value: it is never modified by this package.
type Policy struct {
	// Offer gives the allowed trial lengths per offer type (TRL-02),
	// offer.Policy's SaaSTrialMonths (1) and VMTrialMonths (1, 3 or 6,
	// RULES.md Conflicts), read through [offer.Type.TrialMonths]. Its
	// other fields are not used here; offer.Policy2023() has the same
	// trial lengths as offer.DefaultPolicy().
	Offer offer.Policy
	// Switch says whether a switch gives the trial the new plan's length
	// or keeps its end (TRL-06); the default is [NewPlanLength].
	Switch SwitchRule
}

// DefaultPolicy returns the values of the rulebook: SaaS trials of 1
// month, virtual machine trials of 1, 3 or 6 months (TRL-02), and a
// switch that gives the trial the new plan's length counted from the
// original start (TRL-06, W16).
func DefaultPolicy() Policy {
	return Policy{Offer: offer.DefaultPolicy(), Switch: NewPlanLength}
}

// Offering is what the trial rules need to know about the offer a customer
// is trying: its type and whether it is sold through Microsoft
// ("transactable"). Only plans of transactable Azure virtual machine and
// SaaS offers have free trials (TRL-01).
type Offering struct {
	Type                 offer.Type `json:"type"`
	SellThroughMicrosoft bool       `json:"sellThroughMicrosoft"`
}

func hasPlanTrials(t offer.Type) bool { return t.HasPlanTrials() }

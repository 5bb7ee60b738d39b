package offer

import "github.com/marketrules/marketrules/plan"

// Policy holds every limit of offer validation and republishing. It
// embeds the plan limits. [DefaultPolicy] follows the seed documents;
// [Policy2023] the 2022–2023 documents (RULES.md, Conflicts).
type Policy struct {
	plan.Policy
	// OfferIDMax is the longest offer ID: 50.
	OfferIDMax int
	// MaxPlans is the most plans an offer has (OFR-03): 100.
	MaxPlans int
	// MaxPrivatePlans is the most private plans among them (OFR-03): 45.
	MaxPrivatePlans int
	// MaxDimensions is the most metering dimensions an offer has
	// (EXT-02): 30.
	MaxDimensions int
	// SaaSTrialMonths are the free-trial lengths of SaaS plans (TRL-02): 1.
	SaaSTrialMonths []int
	// VMTrialMonths are the free-trial lengths of virtual machine plans
	// (TRL-02): 1, 3 or 6 (seed 001; seed 000's "one or three" is the
	// older statement, RULES.md Conflicts).
	VMTrialMonths []int
	// PreviewManualMax and PreviewCSVMax bound the preview audience's
	// e-mail addresses (EXT-14): 10 by hand, 20 from a CSV file.
	PreviewManualMax int
	PreviewCSVMax    int
	// PriceChanges says whether a published market price may change: no
	// under the seeds (PLN-11); yes in 2023, scheduled by package pricing
	// (EXT-08).
	PriceChanges bool
}

// DefaultPolicy returns the limits of the seed documents.
func DefaultPolicy() Policy {
	return Policy{
		Policy:           plan.DefaultPolicy(),
		OfferIDMax:       50,
		MaxPlans:         100,
		MaxPrivatePlans:  45,
		MaxDimensions:    30,
		SaaSTrialMonths:  []int{1},
		VMTrialMonths:    []int{1, 3, 6},
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

package plan

// Policy holds the limits of plan validation. Every number is a field the
// caller can change; [DefaultPolicy] follows the seed documents and
// [Policy2023] the 2022–2023 documents (RULES.md, Conflicts).
type Policy struct {
	// Name identifies the policy in explanations: "seed" or "2023".
	Name string
	// IDMax is the longest plan ID (PLN-01): 50.
	IDMax int
	// NameMax is the longest plan name (PLN-02): 50; 200 in 2023 (EXT-14).
	NameMax int
	// SummaryMax is the longest plan summary (PLN-03): 100.
	SummaryMax int
	// DescriptionMax is the longest plan description (PLN-04): 500; 3,000
	// in 2023 (EXT-14).
	DescriptionMax int
	// AudienceManualMax is the most IDs entered by hand (PLN-08): 10.
	AudienceManualMax int
	// AudienceTenantCSVMax is the most tenant IDs a CSV import holds
	// (PLN-08): 20,000.
	AudienceTenantCSVMax int
	// AudienceSubscriptionCSVMax is the most subscription IDs a CSV import
	// holds (PLN-08): 10,000 (the English plans article's "10,00" is a
	// typo, marketplace-facts.md C6).
	AudienceSubscriptionCSVMax int
}

// DefaultPolicy returns the limits of the seed documents (RULES.md's
// numbered rules).
func DefaultPolicy() Policy {
	return Policy{
		Name:                       "seed",
		IDMax:                      50,
		NameMax:                    50,
		SummaryMax:                 100,
		DescriptionMax:             500,
		AudienceManualMax:          10,
		AudienceTenantCSVMax:       20000,
		AudienceSubscriptionCSVMax: 10000,
	}
}

// Policy2023 returns the limits of the 2022–2023 documents: plan names up
// to 200 and descriptions up to 3,000 characters (EXT-14).
func Policy2023() Policy {
	p := DefaultPolicy()
	p.Name = "2023"
	p.NameMax = 200
	p.DescriptionMax = 3000
	return p
}

// AudienceCSVMax returns the most IDs of kind k that a CSV import holds.
func (p Policy) AudienceCSVMax(k IDKind) int {
	if k == SubscriptionIDs {
		return p.AudienceSubscriptionCSVMax
	}
	return p.AudienceTenantCSVMax
}

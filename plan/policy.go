package plan

import (
	"fmt"

	"github.com/marketrules/marketrules/rule"
)

// Policy holds the limits of plan validation and audience imports, and is
// the receiver of the package's entry points ([Policy.CheckPlan],
// [Policy.ReadAudience]). Every number is a field the caller can change.
// [DefaultPolicy] follows "Plans and pricing for commercial marketplace
// offers" and the commercial marketplace FAQ as the rules were first
// written from them; [Policy2023] the 2022–2023 editions of Microsoft's
// documentation. The zero Policy{} means DefaultPolicy(); any other
// policy must pass [Policy.Validate].
type Policy struct {
	// Name identifies the policy in explanations: "default" or "2023".
	Name string `json:"name,omitempty"`
	// IDMax is the longest plan ID (PLN-01): 50.
	IDMax int `json:"idMax"`
	// NameMax is the longest plan name (PLN-02): 50; 200 in 2023 (EXT-14).
	NameMax int `json:"nameMax"`
	// SummaryMax is the longest plan summary (PLN-03): 100.
	SummaryMax int `json:"summaryMax"`
	// DescriptionMax is the longest plan description (PLN-04): 500; 3,000
	// in 2023 (EXT-14).
	DescriptionMax int `json:"descriptionMax"`
	// AudienceManualMax is the most IDs entered by hand (PLN-08): 10.
	AudienceManualMax int `json:"audienceManualMax"`
	// AudienceTenantCSVMax is the most tenant IDs a CSV import holds
	// (PLN-08): 20,000.
	AudienceTenantCSVMax int `json:"audienceTenantCsvMax"`
	// AudienceSubscriptionCSVMax is the most subscription IDs a CSV import
	// holds (PLN-08): 10,000 (the Swedish edition of the plans article
	// prints "10,00", a typo for the English edition's 10,000).
	AudienceSubscriptionCSVMax int `json:"audienceSubscriptionCsvMax"`
}

// maxAudienceCSV is the largest CSV limit a policy may set: a million
// IDs, 50 times Partner Center's largest, which keeps an import's memory
// bounded (128 bytes a row).
const maxAudienceCSV = 1_000_000

// DefaultPolicy returns the limits of "Plans and pricing for commercial
// marketplace offers" as the rules were first written from it.
func DefaultPolicy() Policy {
	return Policy{
		Name:                       "default",
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

// orDefault returns DefaultPolicy() for the zero Policy, p otherwise.
func (p Policy) orDefault() Policy {
	if p == (Policy{}) {
		return DefaultPolicy()
	}
	return p
}

var msgPolicyLimit = rule.Message{
	English: "limit %d is out of range (want 1 to %d)",
	Swedish: "gränsen %d ligger utanför intervallet (ska vara 1 till %d)",
}

// Validate reports every limit out of range, each a problem at its JSON
// path ("policy.audienceTenantCsvMax") wrapping [ErrPolicy]: lengths and
// the hand-entered audience limit must be 1 or more, CSV limits 1 to
// 1,000,000 (50 times Partner Center's largest, which keeps an import's
// memory bounded). The zero Policy is valid (it means DefaultPolicy()).
func (p Policy) Validate() error {
	p = p.orDefault()
	var ps rule.Problems
	for _, f := range []struct {
		id   rule.ID
		path string
		v    int
		max  int
	}{
		{rule.PLN01, "idMax", p.IDMax, 1 << 20},
		{rule.PLN02, "nameMax", p.NameMax, 1 << 20},
		{rule.PLN03, "summaryMax", p.SummaryMax, 1 << 20},
		{rule.PLN04, "descriptionMax", p.DescriptionMax, 1 << 20},
		{rule.PLN08, "audienceManualMax", p.AudienceManualMax, maxAudienceCSV},
		{rule.PLN08, "audienceTenantCsvMax", p.AudienceTenantCSVMax, maxAudienceCSV},
		{rule.PLN08, "audienceSubscriptionCsvMax", p.AudienceSubscriptionCSVMax, maxAudienceCSV},
	} {
		if f.v < 1 || f.v > f.max {
			ps.Append(rule.Problem{Rule: f.id, Path: "policy." + f.path, Message: msgPolicyLimit,
				Args: []any{f.v, f.max}, Err: ErrPolicy})
		}
	}
	return ps.Err()
}

// audienceCSVMax returns the most IDs of kind k that a CSV import holds.
func (p Policy) audienceCSVMax(k IDKind) int {
	if k == SubscriptionIDs {
		return p.AudienceSubscriptionCSVMax
	}
	return p.AudienceTenantCSVMax
}

// CheckPlan reports every problem of plan pl on its own, within what its
// offer allows (scope), as [rule.Problems] with paths relative to the
// plan ("id", "pricing.terms[1].payment"); nil for a valid plan. An
// invalid policy is reported as its problems instead. Checks that
// involve other plans (unique IDs and names, one pricing model per offer,
// the number of private plans) are package offer's.
func (p Policy) CheckPlan(pl Plan, scope Scope) error {
	if err := p.Validate(); err != nil {
		return err
	}
	var ps rule.Problems
	pl.validate(p.orDefault(), scope, "", &ps)
	return ps.Err()
}

func checkKind(kind IDKind) error {
	if kind != TenantIDs && kind != SubscriptionIDs {
		return rule.Problems{{Rule: rule.PLN08, Path: "kind", Message: msgAudienceKind, Args: []any{fmt.Sprint(kind)}, Err: ErrAudience}}.Err()
	}
	return nil
}

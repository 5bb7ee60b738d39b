package trial

import (
	"slices"

	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// History is what a customer has done with one offer, as eligibility
// needs it. [State.History] derives it from a state; a host that keeps
// its own records can fill it in.
type History struct {
	// Paid: the customer has paid for a plan of the offer, through a
	// conversion or a purchase (TRL-10).
	Paid bool `json:"paid,omitempty"`
	// Started: the customer started a trial of the offer (it runs, or
	// ran).
	Started bool `json:"started,omitempty"`
	// Cancelled: the customer cancelled a trial of the offer (EXT-12).
	Cancelled bool `json:"cancelled,omitempty"`
	// Converted: a trial of the offer converted to paid (which is paying,
	// TRL-10).
	Converted bool `json:"converted,omitempty"`
}

// Eligibility is the answer to "may this customer start a free trial of
// this plan?": a decision, not an error. Explain renders it.
type Eligibility struct {
	// Allowed reports whether the trial may start.
	Allowed bool `json:"allowed"`
	// Rule decided, and Reason says why (ReasonEligible when Eligible).
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Offer is the offer asked about; Plan the plan.
	Offer Offering `json:"offer"`
	Plan  string   `json:"plan"`
	// Months is the plan's trial length (0 for a plan without a trial);
	// Allowed the lengths the policy allows for the offer type (TRL-02).
	Months  int   `json:"months,omitempty"`
	Lengths []int `json:"lengths,omitempty"`
}

// String returns a one-line English summary for logs: "TRL-10
// paid-before: plan basic not allowed".
func (e Eligibility) String() string {
	verdict := " not allowed"
	if e.Allowed {
		verdict = " allowed"
	}
	return string(e.Rule) + " " + string(e.Reason) + ": plan " + e.Plan + verdict
}

// Explain renders the decision in lang, ending with the rule: "plan
// basic may start a free trial of 1 month (TRL-01)".
func (e Eligibility) Explain(lang rule.Language) string {
	var buf [320]byte
	b := appendReason(buf[:0], lang, e.Reason, &facts{offer: e.Offer, plan: e.Plan, months: e.Months, allowed: e.Lengths})
	return string(appendRule(b, e.Rule))
}

// CheckEligibility decides whether a customer with history h may start a
// free trial of plan pl of offer o. The checks run in this order
// and the first that fails decides:
//
//  1. the offer type has plan trials: Azure virtual machine and SaaS
//     (TRL-01, [ReasonOfferType]);
//  2. the offer is sold through Microsoft (TRL-01, [ReasonNotTransactable]);
//  3. the plan has a trial (TRL-01, [ReasonPlanWithoutTrial]), is not
//     usage-only (TRL-01, [ReasonUsageOnly]) and bills no meters (EXT-04,
//     [ReasonMetered]);
//  4. its length is one the policy allows for the type (TRL-02,
//     [ReasonLength]);
//  5. the customer never paid for a plan of the offer (TRL-10,
//     [ReasonPaidBefore]), never cancelled a trial of it (EXT-12,
//     [ReasonCancelledBefore]) and has no trial of it running (TRL-06,
//     [ReasonTrialRunning]).
//
// Offer and plan come first because they hold for every customer. The
// error is for invalid input only: an undefined offer type, a nil plan, a
// plan without a valid ID (PLN-01) or an invalid policy, as
// [rule.Problems].
func (p Policy) CheckEligibility(o Offering, pl *plan.Plan, h History) (Eligibility, error) {
	p = p.resolved()
	var ps rule.Problems
	p.checkPolicy(&ps)
	checkOffer(o, &ps)
	checkPlan(pl, "plan", &ps)
	if err := ps.Err(); err != nil {
		return Eligibility{}, err
	}
	e := Eligibility{Offer: o, Plan: pl.ID, Months: pl.Trial.Months}
	if a := p.months(o.Type); len(a) > 0 {
		e.Lengths = slices.Clone(a)
	}
	e.Rule, e.Reason = p.planTrial(o, pl)
	if e.Reason == "" {
		e.Rule, e.Reason = h.check()
	}
	if e.Reason == "" {
		e.Allowed, e.Rule, e.Reason = true, rule.TRL01, ReasonEligible
	}
	return e, nil
}

// planTrial checks that the offer and plan p allow a free trial (TRL-01,
// EXT-04, TRL-02). It returns the rule and reason of the first check
// that fails, or an empty reason. It does not allocate.
func (pol *Policy) planTrial(o Offering, p *plan.Plan) (rule.ID, rule.Reason) {
	allowed := pol.months(o.Type)
	switch {
	case !offerTypes[o.Type].trials:
		return rule.TRL01, ReasonOfferType
	case !o.SellThroughMicrosoft:
		return rule.TRL01, ReasonNotTransactable
	case !p.Trial.Enabled():
		return rule.TRL01, ReasonPlanWithoutTrial
	case p.Pricing.Model == plan.UsageOnly:
		return rule.TRL01, ReasonUsageOnly
	case p.HasMeters():
		return rule.EXT04, ReasonMetered
	case !slices.Contains(allowed, p.Trial.Months):
		return rule.TRL02, ReasonLength
	}
	return "", ""
}

// check returns the rule and reason for which the history rules out a
// trial (TRL-10, EXT-12, TRL-06), or an empty reason.
func (h History) check() (rule.ID, rule.Reason) {
	switch {
	case h.Paid || h.Converted:
		return rule.TRL10, ReasonPaidBefore
	case h.Cancelled:
		return rule.EXT12, ReasonCancelledBefore
	case h.Started:
		return rule.TRL06, ReasonTrialRunning
	}
	return "", ""
}

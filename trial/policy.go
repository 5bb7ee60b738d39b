package trial

import (
	"math"
	"slices"
	"strconv"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/rule"
)

// MaxTrialMonths is the longest trial length a [Policy] may allow: 120
// months. Longer lengths are refused by [Policy.Validate], so that a
// trial's end is always a representable instant after its start.
const MaxTrialMonths = 120

// Policy holds every value the trial rules use, and its methods apply
// them: [Policy.CheckEligibility], [Policy.Apply] and [Policy.Replay]. It
// is a plain value, never modified by this package; one Policy serves
// every customer of every offer, from any number of goroutines.
//
// The zero Policy means [DefaultPolicy]: a Policy whose SaaSMonths and
// VMMonths are both nil and whose Switch is the zero [SwitchRule] is
// replaced by DefaultPolicy() by every method. Any other Policy is used
// as it is and must pass [Policy.Validate].
type Policy struct {
	// SaaSMonths are the free-trial lengths SaaS plans may have
	// (TRL-02): 1.
	SaaSMonths []int `json:"saasMonths,omitzero"`
	// VMMonths are the free-trial lengths Azure virtual machine plans may
	// have (TRL-02): 1, 3 or 6.
	VMMonths []int `json:"vmMonths,omitzero"`
	// Switch says whether a switch gives the trial the new plan's length
	// or keeps its end (TRL-06); the default is [NewPlanLength].
	Switch SwitchRule `json:"switch"`
}

// The lengths of DefaultPolicy, shared by the zero Policy. Never written.
var (
	defaultSaaSMonths = [...]int{1}
	defaultVMMonths   = [...]int{1, 3, 6}
)

// DefaultPolicy returns the values of the rules: SaaS trials of 1 month,
// virtual machine trials of 1, 3 or 6 months (TRL-02; the plans article
// "Create plans for a virtual machine offer" allows 6 months beside the
// older 1 or 3), and a switch that gives the trial the new plan's length
// counted from the original start (TRL-06). Each call returns new slices.
func DefaultPolicy() Policy {
	return Policy{SaaSMonths: slices.Clone(defaultSaaSMonths[:]), VMMonths: slices.Clone(defaultVMMonths[:]), Switch: NewPlanLength}
}

// isZero reports whether p is the zero Policy.
func (p *Policy) isZero() bool { return p.SaaSMonths == nil && p.VMMonths == nil && p.Switch == 0 }

// defaults returns the values of DefaultPolicy sharing the never-written
// length arrays, for the zero Policy, without allocating.
func defaults() Policy {
	return Policy{SaaSMonths: defaultSaaSMonths[:], VMMonths: defaultVMMonths[:]}
}

// resolved returns p, or the default values for the zero Policy.
func (p Policy) resolved() Policy {
	if p.isZero() {
		return defaults()
	}
	return p
}

// offerTypes says, for every offer.Type, whether it is defined (Valid)
// and has plan trials (HasPlanTrials): a load here costs less than those
// methods, which copy the type's table of names at each call. Never
// written after initialization.
var offerTypes = func() (a [math.MaxUint8 + 1]struct{ valid, trials bool }) {
	for i := range a {
		t := offer.Type(i)
		a[i].valid, a[i].trials = t.Valid(), t.HasPlanTrials()
	}
	return a
}()

// months returns the trial lengths the policy allows for offer type t:
// nil for types without plan trials.
func (p *Policy) months(t offer.Type) []int {
	switch {
	case !offerTypes[t].trials:
		return nil
	case t == offer.VirtualMachine:
		return p.VMMonths
	}
	return p.SaaSMonths
}

var (
	msgPolicyMonths = rule.Message{English: "a trial length must be 1 to %d months, not %d", Swedish: "en utvärderingsperiods längd ska vara 1 till %d månader, inte %d"}
	msgPolicySwitch = rule.Message{English: "unknown switch rule %d", Swedish: "okänd bytesregel %d"}
)

// Validate reports every problem of the policy at once as [rule.Problems]
// wrapping [ErrPolicy], with paths such as "policy.vmMonths[2]": a trial
// length outside 1 to [MaxTrialMonths], an undefined Switch. The zero
// Policy is valid (it means DefaultPolicy). Empty length lists are valid:
// no trials for that offer type.
func (p Policy) Validate() error {
	var ps rule.Problems
	p.checkPolicy(&ps)
	return ps.Err()
}

// checkPolicy appends the problems of p to ps.
func (p *Policy) checkPolicy(ps *rule.Problems) {
	if !p.valid() {
		p.policyProblems(ps)
	}
}

// valid reports whether p has no problem.
func (p *Policy) valid() bool {
	return lengthsOK(p.SaaSMonths) && lengthsOK(p.VMMonths) && p.Switch.Valid()
}

// lengthsOK reports whether every trial length is 1 to MaxTrialMonths.
func lengthsOK(ns []int) bool {
	for _, n := range ns {
		if n < 1 || n > MaxTrialMonths {
			return false
		}
	}
	return true
}

// policyProblems appends the problems of p.
func (p *Policy) policyProblems(ps *rule.Problems) {
	for _, l := range [...]struct {
		path string
		ns   []int
	}{{"policy.saasMonths", p.SaaSMonths}, {"policy.vmMonths", p.VMMonths}} {
		for i, n := range l.ns {
			if n < 1 || n > MaxTrialMonths {
				problem(ps, rule.TRL02, l.path+"["+strconv.Itoa(i)+"]", ErrPolicy, msgPolicyMonths, MaxTrialMonths, n)
			}
		}
	}
	if !p.Switch.Valid() {
		problem(ps, rule.TRL06, "policy.switch", ErrPolicy, msgPolicySwitch, uint8(p.Switch))
	}
}

// Offering is what the trial rules need to know about the offer a
// customer is trying: its type and whether it is sold through Microsoft
// (offer.Offer's SellThroughMicrosoft). Only plans of Azure virtual
// machine and SaaS offers sold through Microsoft have free trials
// (TRL-01).
type Offering struct {
	Type                 offer.Type `json:"type,omitzero"`
	SellThroughMicrosoft bool       `json:"sellThroughMicrosoft"`
}

// UnmarshalJSON implements [json.Unmarshaler] strictly, for policies
// written by hand: an unknown, repeated or case-folded member, a value of
// the wrong type or an unknown switch rule is a problem at its path
// ("policy.switch"), and the policy must pass [Policy.Validate]. Input
// longer than [MaxJSONSize] is refused. Errors are [rule.Problems]
// wrapping [ErrPolicy].
func (p *Policy) UnmarshalJSON(b []byte) error {
	if err := tooLarge(b, ErrPolicy); err != nil {
		return err
	}
	type plain Policy
	var v plain
	var ps rule.Problems
	jsonx.Decode(b, &v, "policy", &ps)
	if len(ps) == 0 {
		pol := Policy(v)
		pol.checkPolicy(&ps)
	}
	for i := range ps {
		if ps[i].Err == nil {
			ps[i].Err = ErrPolicy
		}
	}
	if len(ps) > 0 {
		return ps.Err()
	}
	*p = Policy(v)
	return nil
}

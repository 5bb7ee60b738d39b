package trial_test

import (
	"errors"
	"fmt"
	"iter"

	"github.com/marketrules/marketrules/rule"
	"testing"
	"time"
	_ "time/tzdata" // real zones for the calendar tests

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/trial"
)

// Plans of a SaaS offer: two trial-enabled flat-rate plans, one without a
// trial, one with meters, one usage-only (the last two declaring a trial
// that EXT-04 and TRL-01 forbid, as an unvalidated catalog might).
var (
	saasA       = &plan.Plan{ID: "basic", Trial: plan.Trial{Months: 1}, Pricing: plan.Pricing{Model: plan.FlatRate}}
	saasB       = &plan.Plan{ID: "premium", Trial: plan.Trial{Months: 1}, Pricing: plan.Pricing{Model: plan.FlatRate}}
	saasNoTrial = &plan.Plan{ID: "enterprise", Pricing: plan.Pricing{Model: plan.FlatRate}}
	saasMetered = &plan.Plan{ID: "metered", Trial: plan.Trial{Months: 1}, Pricing: plan.Pricing{Model: plan.FlatRate,
		Meters: []plan.Meter{{Dimension: "emails", Price: currency.MustParse("0.01 USD")}}}}
	saasUsage  = &plan.Plan{ID: "usage", Trial: plan.Trial{Months: 1}, Pricing: plan.Pricing{Model: plan.UsageOnly}}
	saasThree  = &plan.Plan{ID: "three", Trial: plan.Trial{Months: 3}, Pricing: plan.Pricing{Model: plan.FlatRate}}
	vm1        = &plan.Plan{ID: "vm-1", Trial: plan.Trial{Months: 1}, Pricing: plan.Pricing{Model: plan.PerVCPU}}
	vm3        = &plan.Plan{ID: "vm-3", Trial: plan.Trial{Months: 3}, Pricing: plan.Pricing{Model: plan.PerVCPU}}
	vm6        = &plan.Plan{ID: "vm-6", Trial: plan.Trial{Months: 6}, Pricing: plan.Pricing{Model: plan.PerVCPU}}
	vm2        = &plan.Plan{ID: "vm-2", Trial: plan.Trial{Months: 2}, Pricing: plan.Pricing{Model: plan.PerVCPU}}
	vmNoTrial  = &plan.Plan{ID: "vm-paid", Pricing: plan.Pricing{Model: plan.PerVCPU}}
	saasOffer  = trial.Offering{Type: offer.SaaS, SellThroughMicrosoft: true}
	vmOffer    = trial.Offering{Type: offer.VirtualMachine, SellThroughMicrosoft: true}
	saas       = machine{Policy: trial.DefaultPolicy(), Offer: saasOffer}
	vm         = machine{Policy: trial.DefaultPolicy(), Offer: vmOffer}
	stockholm  = mustLoad("Europe/Stockholm")
	newYork    = mustLoad("America/New_York")
	jan1       = time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	day        = 24 * time.Hour
	noEffects  trial.Effects
	zeroEvents []trial.Event
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func date(y int, m time.Month, d, h, mi int, loc *time.Location) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, loc)
}

func start(p *plan.Plan, at time.Time) trial.Event {
	return trial.Event{Type: trial.Start, At: at, Plan: p, Market: market.SE}
}

func ev(k trial.EventType, p *plan.Plan, at time.Time) trial.Event {
	return trial.Event{Type: k, At: at, Plan: p}
}

// run applies events in order and fails the test on the first error.
func run(t testing.TB, m machine, events ...trial.Event) (trial.State, trial.Effects) {
	t.Helper()
	var s trial.State
	var fx trial.Effects
	for i, e := range events {
		var err error
		s, fx, err = m.Apply(s, e)
		if err != nil {
			t.Fatalf("event %d (%s): %v", i, e.Type, err)
		}
	}
	return s, fx
}

// actions lists the effects' actions.
func actions(fx trial.Effects) []trial.EffectType {
	var out []trial.EffectType
	for e := range fx.All() {
		out = append(out, e.Type)
	}
	return out
}

// machine adapts the rule tables written for a policy and an offer to
// Policy.Apply: an allowed transition gives its state and effects, a
// refused one a *refusal error wrapping the sentinel of its kind, so that
// each table states the outcome it proves in one column.
type machine struct {
	Policy trial.Policy
	Offer  trial.Offering
}

func (m machine) Apply(s trial.State, e trial.Event) (trial.State, trial.Effects, error) {
	e.Offer = m.Offer
	t, err := m.Policy.Apply(s, e)
	if err != nil {
		return s, trial.Effects{}, err
	}
	if !t.Allowed {
		if t.State != s || t.Effects.Len() != 0 {
			panic("a refusal changed the state")
		}
		return s, trial.Effects{}, &refusal{t}
	}
	return t.State, t.Effects, nil
}

func (m machine) Eligible(p *plan.Plan, h trial.History) (trial.Eligibility, error) {
	return m.Policy.CheckEligibility(m.Offer, p, h)
}

func (m machine) Replay(s trial.State, events iter.Seq[trial.Event]) (trial.State, error) {
	var seq iter.Seq[trial.Event]
	if events != nil {
		seq = func(yield func(trial.Event) bool) {
			for e := range events {
				e.Offer = m.Offer
				if !yield(e) {
					return
				}
			}
		}
	}
	t, n, err := m.Policy.Replay(s, seq)
	switch {
	case err != nil:
		return t.State, err
	case !t.Allowed && t.Reason != "":
		return t.State, fmt.Errorf("trial: event %d (%s): %w", n, t.Event, &refusal{t})
	}
	return t.State, nil
}

// The kinds of refusal the tables name.
var (
	errRefused     = errors.New("refused")
	errNotEligible = errors.New("not eligible")
	errNotInTrial  = errors.New("not in trial")
	errTrialEnded  = errors.New("trial ended")
	errTrialPlan   = errors.New("trial plan")
	errSwitch      = errors.New("switch")
	errPurchase    = errors.New("purchase")
)

// refusal is a refused transition as an error.
type refusal struct{ trial.Transition }

func (r *refusal) Error() string { return "refused: " + r.Explain(rule.English) }

func (r *refusal) Unwrap() []error {
	k := errPurchase
	switch {
	case r.Reason == trial.ReasonTrialEnded:
		k = errTrialEnded
	case r.Event == trial.Start:
		k = errNotEligible
	case r.Reason == trial.ReasonNotInTrial || r.Reason == trial.ReasonCancelledBefore:
		k = errNotInTrial
	case r.Event == trial.Switch:
		k = errSwitch
	case r.Event == trial.Convert:
		k = errTrialPlan
	}
	return []error{errRefused, k}
}

// lengths returns the trial lengths m's policy allows for its offer type.
func lengths(m machine) []int {
	switch {
	case !m.Offer.Type.HasPlanTrials():
		return nil
	case m.Offer.Type == offer.VirtualMachine:
		return m.Policy.VMMonths
	}
	return m.Policy.SaaSMonths
}

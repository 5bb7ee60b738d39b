package trial_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

// TRL-01, TRL-02, EXT-04, TRL-06, TRL-10, EXT-12: who may start a trial.
func TestTRL01_Eligibility(t *testing.T) {
	// TRL-01
	ok := []struct {
		name   string
		m      machine
		p      *plan.Plan
		months int
	}{
		{"SaaS plan", saas, saasA, 1},
		{"VM 1 month", vm, vm1, 1},
		{"VM 3 months", vm, vm3, 3},
		{"VM 6 months", vm, vm6, 6},
	}
	for _, tc := range ok {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.m.Eligible(tc.p, trial.History{})
			if err != nil {
				t.Fatal(err)
			}
			want := trial.Eligibility{Allowed: true, Rule: rule.TRL01, Reason: trial.ReasonEligible, Offer: tc.m.Offer,
				Plan: tc.p.ID, Months: tc.months, Lengths: lengths(tc.m)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Eligible (-want +got):\n%s", diff)
			}
		})
	}
}

// TRL-01, TRL-02, EXT-04, TRL-06, TRL-10, EXT-12: who may not.
func TestTRL01_NotEligible(t *testing.T) {
	seed000 := trial.DefaultPolicy()
	seed000.VMMonths = []int{1, 3} // seed 000's "one or three months"
	none := trial.DefaultPolicy()
	none.SaaSMonths = nil
	cases := []struct {
		name   string
		m      machine
		p      *plan.Plan
		h      trial.History
		rule   rule.ID
		reason rule.Reason
	}{
		{"managed application", machine{Policy: trial.DefaultPolicy(), Offer: trial.Offering{Type: offer.ManagedApplication, SellThroughMicrosoft: true}}, saasA, trial.History{}, rule.TRL01, trial.ReasonOfferType},
		{"consulting service", machine{Policy: trial.DefaultPolicy(), Offer: trial.Offering{Type: offer.ConsultingService}}, saasA, trial.History{}, rule.TRL01, trial.ReasonOfferType},
		{"not transactable", machine{Policy: trial.DefaultPolicy(), Offer: trial.Offering{Type: offer.SaaS}}, saasA, trial.History{}, rule.TRL01, trial.ReasonNotTransactable},
		{"plan without trial", saas, saasNoTrial, trial.History{}, rule.TRL01, trial.ReasonPlanWithoutTrial},
		{"usage-only plan", saas, saasUsage, trial.History{}, rule.TRL01, trial.ReasonUsageOnly},
		{"metered plan (EXT-04)", saas, saasMetered, trial.History{}, rule.EXT04, trial.ReasonMetered},
		{"SaaS 3 months (TRL-02)", saas, saasThree, trial.History{}, rule.TRL02, trial.ReasonLength},
		{"VM 2 months (TRL-02)", vm, vm2, trial.History{}, rule.TRL02, trial.ReasonLength},
		{"VM 6 months under seed 000", machine{Policy: seed000, Offer: vmOffer}, vm6, trial.History{}, rule.TRL02, trial.ReasonLength},
		{"no lengths allowed", machine{Policy: none, Offer: saasOffer}, saasA, trial.History{}, rule.TRL02, trial.ReasonLength},
		{"paid before (TRL-10)", saas, saasA, trial.History{Paid: true}, rule.TRL10, trial.ReasonPaidBefore},
		{"converted before (TRL-10)", saas, saasB, trial.History{Started: true, Converted: true}, rule.TRL10, trial.ReasonPaidBefore},
		{"cancelled before (EXT-12)", saas, saasA, trial.History{Started: true, Cancelled: true}, rule.EXT12, trial.ReasonCancelledBefore},
		{"paid after cancelling (TRL-10)", saas, saasA, trial.History{Started: true, Cancelled: true, Paid: true}, rule.TRL10, trial.ReasonPaidBefore},
		{"trial running (TRL-06)", saas, saasB, trial.History{Started: true}, rule.TRL06, trial.ReasonTrialRunning},
		{"plan before history", saas, saasNoTrial, trial.History{Paid: true}, rule.TRL01, trial.ReasonPlanWithoutTrial},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.m.Eligible(tc.p, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if got.Allowed || got.Rule != tc.rule || got.Reason != tc.reason {
				t.Errorf("Eligible = %v %s %s, want false %s %s", got.Allowed, got.Rule, got.Reason, tc.rule, tc.reason)
			}
			// A start in the matching state is refused for the same rule
			// and reason.
			if tc.h != (trial.History{}) {
				return
			}
			_, _, err = tc.m.Apply(trial.State{}, start(tc.p, jan1))
			var re *refusal
			if !errors.As(err, &re) || re.Rule != tc.rule || re.Reason != tc.reason || !errors.Is(err, errNotEligible) {
				t.Errorf("Apply(start) error = %v, want a refusal %s %s", err, tc.rule, tc.reason)
			}
		})
	}
}

// PLN-01: Eligible rejects invalid input as problems, not decisions.
func TestEligibleInvalidInput(t *testing.T) {
	cases := []struct {
		name  string
		m     machine
		p     *plan.Plan
		paths []string
		err   error
	}{
		{"nil plan", saas, nil, []string{"plan"}, trial.ErrInvalidEvent},
		{"bad plan ID", saas, &plan.Plan{ID: "Basic Plan", Trial: plan.Trial{Months: 1}}, []string{"plan.id"}, trial.ErrInvalidEvent},
		{"no offer type", machine{Policy: trial.DefaultPolicy()}, saasA, []string{"offer.type"}, trial.ErrInvalidOffer},
		{"both", machine{}, nil, []string{"offer.type", "plan"}, trial.ErrInvalidOffer},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.m.Eligible(tc.p, trial.History{})
			var ps rule.Problems
			if !errors.As(err, &ps) || !errors.Is(err, tc.err) {
				t.Fatalf("error = %v, want problems wrapping %v", err, tc.err)
			}
			var paths []string
			for _, p := range ps {
				paths = append(paths, p.Path)
			}
			if diff := cmp.Diff(tc.paths, paths); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
		})
	}
}

// TRL-02: a trial lasts the plan's months, ending at the same clock time
// on the month-end-clamped calendar of the start's location.
func TestTRL02_TrialLength(t *testing.T) {
	cases := []struct {
		name  string
		m     machine
		p     *plan.Plan
		start time.Time
		end   time.Time
		zone  string
	}{
		{"SaaS Jan 31 leap year", saas, saasA, date(2024, 1, 31, 10, 0, time.UTC), date(2024, 2, 29, 10, 0, time.UTC), "UTC"},
		{"SaaS Jan 31", saas, saasA, date(2023, 1, 31, 10, 0, time.UTC), date(2023, 2, 28, 10, 0, time.UTC), "UTC"},
		{"SaaS Dec 31", saas, saasA, date(2023, 12, 31, 23, 59, time.UTC), date(2024, 1, 31, 23, 59, time.UTC), "UTC"},
		{"VM 1 month", vm, vm1, date(2024, 3, 15, 8, 30, time.UTC), date(2024, 4, 15, 8, 30, time.UTC), "UTC"},
		{"VM 3 months Nov 30", vm, vm3, date(2023, 11, 30, 12, 0, time.UTC), date(2024, 2, 29, 12, 0, time.UTC), "UTC"},
		{"VM 6 months Aug 31", vm, vm6, date(2023, 8, 31, 12, 0, time.UTC), date(2024, 2, 29, 12, 0, time.UTC), "UTC"},
		{"Stockholm across DST", saas, saasA, date(2024, 3, 15, 10, 0, stockholm), date(2024, 4, 15, 10, 0, stockholm), "Europe/Stockholm"},
		{"Stockholm calendar, UTC Jan 31", saas, saasA, date(2024, 1, 31, 23, 30, time.UTC).In(stockholm), date(2024, 3, 1, 0, 30, stockholm), "Europe/Stockholm"},
		{"UTC calendar, same instant", saas, saasA, date(2024, 1, 31, 23, 30, time.UTC), date(2024, 2, 29, 23, 30, time.UTC), "UTC"},
		{"New York Oct 31 across DST end", vm, vm1, date(2024, 10, 31, 9, 0, newYork), date(2024, 11, 30, 9, 0, newYork), "America/New_York"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, fx := run(t, tc.m, start(tc.p, tc.start))
			if !s.End.Equal(tc.end) || s.Zone != tc.zone || s.Months != tc.p.Trial.Months {
				t.Errorf("End = %v, Zone = %q, Months = %d; want %v, %q, %d", s.End, s.Zone, s.Months, tc.end, tc.zone, tc.p.Trial.Months)
			}
			if e, _ := fx.Find(trial.StartTrial); !e.Until.Equal(tc.end) || e.Months != tc.p.Trial.Months || e.Rule != rule.TRL02 {
				t.Errorf("start-trial effect = %+v, want until %v", e, tc.end)
			}
			if h, m, _ := s.End.Clock(); s.End.Location() != tc.start.Location() || h != tc.start.Hour() || m != tc.start.Minute() {
				t.Errorf("End %v does not keep the start's clock time and location", s.End)
			}
		})
	}
}

// TRL-03: billing details are collected at the start with a 0.00 charge
// in the market's currency, and nothing is billed during the trial.
func TestTRL03_ZeroChargeAtStart(t *testing.T) {
	cases := []struct {
		market market.Code
		want   currency.Money
	}{
		{market.SE, currency.MustFromMinor(0, currency.SEK)},
		{market.US, currency.MustFromMinor(0, currency.USD)},
		{market.JP, currency.MustFromMinor(0, currency.JPY)},
		{market.DE, currency.MustFromMinor(0, currency.EUR)},
	}
	for _, tc := range cases {
		t.Run(tc.market.String(), func(t *testing.T) {
			s, fx, err := saas.Apply(trial.State{}, trial.Event{Type: trial.Start, At: jan1, Plan: saasA, Market: tc.market})
			if err != nil {
				t.Fatal(err)
			}
			got, ok := fx.Find(trial.CollectBilling)
			want := trial.Effect{Type: trial.CollectBilling, Rule: rule.TRL03, Reason: trial.ReasonTrialStarted, At: jan1, Plan: "basic", Amount: tc.want}
			if diff := cmp.Diff(want, got); !ok || diff != "" {
				t.Errorf("collect-billing (-want +got):\n%s", diff)
			}
			if _, billed := fx.Find(trial.StartBilling); billed {
				t.Error("a start bills")
			}
			if s.Market != tc.market || s.PaidAt != (time.Time{}) {
				t.Errorf("state market %s, paid at %v", s.Market, s.PaidAt)
			}
		})
	}
}

// TRL-04: the trial converts automatically at its end unless cancelled
// before; the end is observed by a tick.
func TestTRL04_ConvertsAtEndUnlessCancelled(t *testing.T) {
	started, _ := run(t, saas, start(saasA, jan1))
	end := date(2024, 2, 1, 9, 0, time.UTC)
	cases := []struct {
		name    string
		e       trial.Event
		phase   trial.Phase
		paidAt  time.Time
		actions []trial.EffectType
	}{
		{"tick before the end", ev(trial.Tick, nil, end.Add(-time.Nanosecond)), trial.InTrial, time.Time{}, nil},
		{"tick at the end", ev(trial.Tick, nil, end), trial.Paid, end, []trial.EffectType{trial.EndTrial, trial.StartBilling, trial.Notify}},
		{"tick a week later", ev(trial.Tick, nil, end.Add(7*day)), trial.Paid, end, []trial.EffectType{trial.EndTrial, trial.StartBilling, trial.Notify}},
		{"cancel a nanosecond before the end", ev(trial.Cancel, nil, end.Add(-time.Nanosecond)), trial.Cancelled, time.Time{}, []trial.EffectType{trial.EndTrial, trial.Notify}},
		{"cancel at the start", ev(trial.Cancel, nil, jan1), trial.Cancelled, time.Time{}, []trial.EffectType{trial.EndTrial, trial.Notify}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, fx, err := saas.Apply(started, tc.e)
			if err != nil {
				t.Fatal(err)
			}
			if s.Phase != tc.phase || !s.PaidAt.Equal(tc.paidAt) || !s.Last.Equal(tc.e.At) {
				t.Errorf("phase %s, paid at %v, last %v; want %s, %v, %v", s.Phase, s.PaidAt, s.Last, tc.phase, tc.paidAt, tc.e.At)
			}
			if diff := cmp.Diff(tc.actions, actions(fx)); diff != "" {
				t.Errorf("actions (-want +got):\n%s", diff)
			}
			if e, ok := fx.Find(trial.EndTrial); ok && e.Rule != rule.TRL04 {
				t.Errorf("end-trial rule %s, want TRL-04", e.Rule)
			}
			if tc.phase == trial.Cancelled {
				if _, billed := fx.Find(trial.StartBilling); billed || s.CancelledAt != tc.e.At {
					t.Errorf("a cancellation bills, or records %v", s.CancelledAt)
				}
			}
		})
	}
}

// TRL-04: once the end is reached, only a tick is accepted: a
// cancellation at or after the end is too late.
func TestTRL04_EventsAfterTheEnd(t *testing.T) {
	started, _ := run(t, saas, start(saasA, jan1))
	end := started.End
	for _, e := range []trial.Event{
		ev(trial.Cancel, nil, end),
		ev(trial.Switch, saasB, end),
		ev(trial.Convert, saasNoTrial, end.Add(time.Hour)),
		start(saasB, end),
		ev(trial.Purchase, saasNoTrial, end),
	} {
		t.Run(e.Type.String(), func(t *testing.T) {
			s, fx, err := saas.Apply(started, e)
			var re *refusal
			if !errors.As(err, &re) || !errors.Is(err, errTrialEnded) || re.Rule != rule.TRL04 || re.Reason != trial.ReasonTrialEnded || !re.End.Equal(end) {
				t.Fatalf("error = %v, want a TRL-04 trial-ended refusal", err)
			}
			if s != started || fx.Len() != 0 {
				t.Error("a refused event changed the state or has effects")
			}
		})
	}
}

// TRL-05: billing and the contract term start at the conversion instant.
func TestTRL05_TermStartsAtConversion(t *testing.T) {
	end := date(2024, 2, 1, 9, 0, time.UTC)
	mid := jan1.Add(10 * day)
	cases := []struct {
		name   string
		events []trial.Event
		rule   rule.ID
		plan   string
		at     time.Time
	}{
		{"at the end", []trial.Event{start(saasA, jan1), ev(trial.Tick, nil, end.Add(3*time.Hour))}, rule.TRL05, "basic", end},
		{"early to a plan without trial", []trial.Event{start(saasA, jan1), ev(trial.Convert, saasNoTrial, mid)}, rule.TRL09, "enterprise", mid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, fx := run(t, saas, tc.events...)
			got, ok := fx.Find(trial.StartBilling)
			if !ok || got.Rule != tc.rule || got.Plan != tc.plan || !got.At.Equal(tc.at) || !s.PaidAt.Equal(tc.at) {
				t.Errorf("start-billing %+v, paid at %v; want %s on %s at %v", got, s.PaidAt, tc.rule, tc.plan, tc.at)
			}
		})
	}
}

// TRL-06, W16: switching keeps the trial's clock: 15 days on plan A, then
// plan B has 15 days used.
func TestTRL06_SwitchKeepsTheClock(t *testing.T) {
	keep := machine{Policy: trial.DefaultPolicy(), Offer: vmOffer}
	keep.Policy.Switch = trial.KeepEnd
	cases := []struct {
		name   string
		m      machine
		first  *plan.Plan
		then   *plan.Plan
		after  time.Duration
		end    time.Time
		months int
	}{
		// W16: a one-month SaaS trial leaves the rest of the month.
		{"W16 SaaS", saas, saasA, saasB, 15 * day, date(2024, 2, 1, 9, 0, time.UTC), 1},
		{"W16 SaaS, back again", saas, saasB, saasA, 30 * day, date(2024, 2, 1, 9, 0, time.UTC), 1},
		{"VM 1 to 3 months: B's length from the start", vm, vm1, vm3, 15 * day, date(2024, 4, 1, 9, 0, time.UTC), 3},
		{"VM 6 to 3 months", vm, vm6, vm3, 40 * day, date(2024, 4, 1, 9, 0, time.UTC), 3},
		{"VM 1 to 6 months, keep end", keep, vm1, vm6, 15 * day, date(2024, 2, 1, 9, 0, time.UTC), 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			at := jan1.Add(tc.after)
			s, fx := run(t, tc.m, start(tc.first, jan1), ev(trial.Switch, tc.then, at))
			want := trial.Effect{Type: trial.SwitchTrial, Rule: rule.TRL06, Reason: trial.ReasonSwitched, At: at,
				Plan: tc.then.ID, From: tc.first.ID, Months: tc.months, Until: tc.end, Used: tc.after}
			if diff := cmp.Diff(want, fx.At(0)); diff != "" {
				t.Errorf("switch-trial (-want +got):\n%s", diff)
			}
			if s.Plan != tc.then.ID || !s.Start.Equal(jan1) || !s.End.Equal(tc.end) || s.Months != tc.months || !s.IsFreeTrial(at) {
				t.Errorf("state %+v", s)
			}
		})
	}
}

// TRL-06: the switches that are refused.
func TestTRL06_SwitchRefused(t *testing.T) {
	cases := []struct {
		name   string
		m      machine
		first  *plan.Plan
		then   *plan.Plan
		after  time.Duration
		rule   rule.ID
		reason rule.Reason
		err    error
	}{
		{"same plan", saas, saasA, saasA, day, rule.TRL06, trial.ReasonSamePlan, errSwitch},
		{"plan without trial", saas, saasA, saasNoTrial, day, rule.TRL01, trial.ReasonPlanWithoutTrial, errSwitch},
		{"metered plan", saas, saasA, saasMetered, day, rule.EXT04, trial.ReasonMetered, errSwitch},
		{"usage-only plan", saas, saasA, saasUsage, day, rule.TRL01, trial.ReasonUsageOnly, errSwitch},
		{"length not allowed", vm, vm1, vm2, day, rule.TRL02, trial.ReasonLength, errSwitch},
		{"6 to 1 month after 40 days: used up", vm, vm6, vm1, 40 * day, rule.TRL06, trial.ReasonUsedUp, errSwitch},
		{"3 to 1 month exactly at B's end", vm, vm3, vm1, 31 * day, rule.TRL06, trial.ReasonUsedUp, errSwitch},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := run(t, tc.m, start(tc.first, jan1))
			s, fx, err := tc.m.Apply(before, ev(trial.Switch, tc.then, jan1.Add(tc.after)))
			var re *refusal
			if !errors.As(err, &re) || re.Rule != tc.rule || re.Reason != tc.reason || !errors.Is(err, tc.err) || !errors.Is(err, errRefused) {
				t.Fatalf("error = %v, want %s %s", err, tc.rule, tc.reason)
			}
			if s != before || fx.Len() != 0 {
				t.Error("a refused switch changed the state")
			}
		})
	}
}

// TRL-07: the plan under evaluation when the trial ends converts.
func TestTRL07_EvaluatedPlanConverts(t *testing.T) {
	cases := []struct {
		name   string
		m      machine
		events []trial.Event
		want   string
	}{
		{"never switched", saas, []trial.Event{start(saasA, jan1)}, "basic"},
		{"A then B", saas, []trial.Event{start(saasA, jan1), ev(trial.Switch, saasB, jan1.Add(15*day))}, "premium"},
		{"A, B, A", saas, []trial.Event{start(saasA, jan1), ev(trial.Switch, saasB, jan1.Add(day)), ev(trial.Switch, saasA, jan1.Add(20*day))}, "basic"},
		{"VM 1, 6, 3", vm, []trial.Event{start(vm1, jan1), ev(trial.Switch, vm6, jan1.Add(day)), ev(trial.Switch, vm3, jan1.Add(80*day))}, "vm-3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := run(t, tc.m, tc.events...)
			s, fx, err := tc.m.Apply(before, ev(trial.Tick, nil, before.End.Add(time.Minute)))
			if err != nil {
				t.Fatal(err)
			}
			bill, _ := fx.Find(trial.StartBilling)
			if bill.Plan != tc.want || s.Plan != tc.want || s.PaidVia != trial.AtEnd {
				t.Errorf("converted %q (state %q, %s), want %q", bill.Plan, s.Plan, s.PaidVia, tc.want)
			}
			if n, _ := fx.Find(trial.Notify); n.Rule != rule.TRL07 || n.Plan != tc.want {
				t.Errorf("notice %+v", n)
			}
		})
	}
}

// TRL-08: a trial-enabled plan cannot convert to paid before the end.
func TestTRL08_NoEarlyConversionOfTrialPlans(t *testing.T) {
	before, _ := run(t, saas, start(saasA, jan1), ev(trial.Switch, saasB, jan1.Add(5*day)))
	cases := []struct {
		name   string
		p      *plan.Plan
		reason rule.Reason
	}{
		{"the plan under evaluation", saasB, trial.ReasonTrialPlan},
		{"another trial-enabled plan", saasA, trial.ReasonOtherTrialPlan},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _, err := saas.Apply(before, ev(trial.Convert, tc.p, jan1.Add(6*day)))
			var re *refusal
			if !errors.As(err, &re) || re.Rule != rule.TRL08 || re.Reason != tc.reason || !errors.Is(err, errTrialPlan) ||
				re.Plan != tc.p.ID || re.State.Plan != "premium" || !re.End.Equal(before.End) {
				t.Fatalf("error = %#v, want TRL-08 %s", err, tc.reason)
			}
			if s != before {
				t.Error("state changed")
			}
		})
	}
}

// TRL-09: converting to a plan without a trial converts at once, ends the
// trial and loses its data.
func TestTRL09_ConvertToPlanWithoutTrial(t *testing.T) {
	at := jan1.Add(10 * day)
	s, fx := run(t, saas, start(saasA, jan1), ev(trial.Convert, saasNoTrial, at))
	want := []trial.Effect{
		{Type: trial.EndTrial, Rule: rule.TRL09, Reason: trial.ReasonConvertedEarly, At: at, Plan: "basic"},
		{Type: trial.DeleteTrialData, Rule: rule.TRL09, Reason: trial.ReasonConvertedEarly, At: at, Plan: "basic"},
		{Type: trial.StartBilling, Rule: rule.TRL09, Reason: trial.ReasonConvertedEarly, At: at, Plan: "enterprise", From: "basic"},
		{Type: trial.Notify, Rule: rule.TRL09, Reason: trial.ReasonConvertedEarly, At: at, Plan: "enterprise", From: "basic"},
	}
	if diff := cmp.Diff(want, fx.Append(nil)); diff != "" {
		t.Errorf("effects (-want +got):\n%s", diff)
	}
	wantState := trial.State{Phase: trial.Paid, Plan: "enterprise", Market: market.SE, Months: 1, Start: jan1,
		End: date(2024, 2, 1, 9, 0, time.UTC), Zone: "UTC", PaidAt: at, PaidVia: trial.Early, Last: at}
	if diff := cmp.Diff(wantState, s); diff != "" {
		t.Errorf("state (-want +got):\n%s", diff)
	}
	if s.IsFreeTrial(at) || !s.IsFreeTrial(at.Add(-1)) {
		t.Error("isFreeTrial around the conversion")
	}
}

// TRL-10: once paid for any plan of the offer, never a trial again.
func TestTRL10_NoTrialAfterPaying(t *testing.T) {
	end := date(2024, 2, 1, 9, 0, time.UTC)
	cases := []struct {
		name   string
		events []trial.Event
	}{
		{"converted at the end", []trial.Event{start(saasA, jan1), ev(trial.Tick, nil, end)}},
		{"converted early", []trial.Event{start(saasA, jan1), ev(trial.Convert, saasNoTrial, jan1.Add(day))}},
		{"bought without a trial", []trial.Event{ev(trial.Purchase, saasNoTrial, jan1)}},
		{"bought a trial-enabled plan", []trial.Event{ev(trial.Purchase, saasA, jan1)}},
		{"bought after cancelling", []trial.Event{start(saasA, jan1), ev(trial.Cancel, nil, jan1.Add(day)), ev(trial.Purchase, saasNoTrial, jan1.Add(2*day))}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			paid, _ := run(t, saas, tc.events...)
			for _, p := range []*plan.Plan{saasA, saasB} {
				e, err := saas.Eligible(p, paid.History())
				if err != nil || e.Allowed || e.Rule != rule.TRL10 || e.Reason != trial.ReasonPaidBefore {
					t.Errorf("Eligible(%s) = %+v, %v; want TRL-10", p.ID, e, err)
				}
				_, _, err = saas.Apply(paid, start(p, end.Add(365*day)))
				var re *refusal
				if !errors.As(err, &re) || re.Rule != rule.TRL10 || !errors.Is(err, errNotEligible) {
					t.Errorf("start of %s: %v, want a TRL-10 refusal", p.ID, err)
				}
			}
		})
	}
}

// TRL-11: isFreeTrial at any instant, as far as the state knows.
func TestTRL11_IsFreeTrial(t *testing.T) {
	end := date(2024, 2, 1, 9, 0, time.UTC)
	cancelAt := jan1.Add(3 * day)
	running, _ := run(t, saas, start(saasA, jan1))
	cancelled, _ := run(t, saas, start(saasA, jan1), ev(trial.Cancel, nil, cancelAt))
	converted, _ := run(t, saas, start(saasA, jan1), ev(trial.Tick, nil, end))
	purchased, _ := run(t, saas, ev(trial.Purchase, saasNoTrial, jan1))
	cases := []struct {
		name string
		s    trial.State
		at   time.Time
		want bool
	}{
		{"none", trial.State{}, jan1, false},
		{"before the start", running, jan1.Add(-1), false},
		{"at the start", running, jan1, true},
		{"last instant", running, end.Add(-1), true},
		{"at the end, before the tick", running, end, false},
		{"cancelled, before", cancelled, cancelAt.Add(-1), true},
		{"cancelled, at", cancelled, cancelAt, false},
		{"converted, during", converted, jan1.Add(10 * day), true},
		{"converted, after", converted, end, false},
		{"purchased", purchased, jan1, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.IsFreeTrial(tc.at); got != tc.want {
				t.Errorf("IsFreeTrial(%v) = %v, want %v", tc.at, got, tc.want)
			}
		})
	}
}

// EXT-12: a cancelled trial cannot be restarted, on any plan.
func TestEXT12_CancelledTrialCannotRestart(t *testing.T) {
	cancelled, _ := run(t, saas, start(saasA, jan1), ev(trial.Cancel, nil, jan1.Add(day)))
	cases := []struct {
		e   trial.Event
		err error
	}{
		{start(saasA, jan1.Add(2*day)), errNotEligible},
		{start(saasB, jan1.Add(40*day)), errNotEligible},
		{ev(trial.Switch, saasB, jan1.Add(2*day)), errNotInTrial},
		{ev(trial.Convert, saasNoTrial, jan1.Add(2*day)), errNotInTrial},
		{ev(trial.Cancel, nil, jan1.Add(2*day)), errNotInTrial},
	}
	for _, tc := range cases {
		t.Run(tc.e.Type.String(), func(t *testing.T) {
			_, _, err := saas.Apply(cancelled, tc.e)
			var re *refusal
			if !errors.As(err, &re) || re.Rule != rule.EXT12 || re.Reason != trial.ReasonCancelledBefore || !errors.Is(err, tc.err) {
				t.Errorf("error = %v, want EXT-12 wrapping %v", err, tc.err)
			}
		})
	}
	if e, _ := saas.Eligible(saasB, cancelled.History()); e.Allowed || e.Rule != rule.EXT12 {
		t.Errorf("Eligible after cancelling = %+v", e)
	}
}

// EXT-04: a plan with metered billing has no free trial.
func TestEXT04_MeteredPlanHasNoTrial(t *testing.T) {
	e, err := saas.Eligible(saasMetered, trial.History{})
	if err != nil || e.Allowed || e.Rule != rule.EXT04 || e.Reason != trial.ReasonMetered {
		t.Errorf("Eligible = %+v, %v", e, err)
	}
	// A metered plan without a trial is a plan without a trial (TRL-01).
	plain := *saasMetered
	plain.Trial = plan.Trial{}
	if e, _ := saas.Eligible(&plain, trial.History{}); e.Rule != rule.TRL01 || e.Reason != trial.ReasonPlanWithoutTrial {
		t.Errorf("Eligible(no trial) = %+v", e)
	}
}

// TRL-11: no switch, conversion or cancellation without a running trial;
// purchases during a trial are conversions (TRL-09).
func TestTRL11_NoTrialRunning(t *testing.T) {
	paid, _ := run(t, saas, ev(trial.Purchase, saasNoTrial, jan1))
	running, _ := run(t, saas, start(saasA, jan1))
	cases := []struct {
		name   string
		s      trial.State
		e      trial.Event
		rule   rule.ID
		reason rule.Reason
		err    error
	}{
		{"switch, none", trial.State{}, ev(trial.Switch, saasB, jan1), rule.TRL11, trial.ReasonNotInTrial, errNotInTrial},
		{"convert, none", trial.State{}, ev(trial.Convert, saasNoTrial, jan1), rule.TRL11, trial.ReasonNotInTrial, errNotInTrial},
		{"cancel, none", trial.State{}, ev(trial.Cancel, nil, jan1), rule.TRL11, trial.ReasonNotInTrial, errNotInTrial},
		{"switch, paid", paid, ev(trial.Switch, saasB, jan1), rule.TRL11, trial.ReasonNotInTrial, errNotInTrial},
		{"cancel, paid", paid, ev(trial.Cancel, nil, jan1.Add(day)), rule.TRL11, trial.ReasonNotInTrial, errNotInTrial},
		{"start, running", running, start(saasB, jan1.Add(day)), rule.TRL06, trial.ReasonTrialRunning, errNotEligible},
		{"purchase, running", running, ev(trial.Purchase, saasNoTrial, jan1.Add(day)), rule.TRL09, trial.ReasonPurchaseInTrial, errPurchase},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := saas.Apply(tc.s, tc.e)
			var re *refusal
			if !errors.As(err, &re) || re.Rule != tc.rule || re.Reason != tc.reason || !errors.Is(err, tc.err) || re.State.Phase != tc.s.Phase {
				t.Errorf("error = %v, want %s %s", err, tc.rule, tc.reason)
			}
		})
	}
}

// The events that change nothing but State.Last.
func TestNoChangeEvents(t *testing.T) {
	paid, _ := run(t, saas, ev(trial.Purchase, saasNoTrial, jan1))
	cancelled, _ := run(t, saas, start(saasA, jan1), ev(trial.Cancel, nil, jan1.Add(day)))
	later := jan1.Add(90 * day)
	cases := []struct {
		name string
		s    trial.State
		e    trial.Event
	}{
		{"tick, none", trial.State{}, ev(trial.Tick, nil, later)},
		{"tick, cancelled", cancelled, ev(trial.Tick, nil, later)},
		{"tick, paid", paid, ev(trial.Tick, nil, later)},
		{"purchase, paid", paid, ev(trial.Purchase, saasB, later)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, fx, err := saas.Apply(tc.s, tc.e)
			want := tc.s
			want.Last = later
			if err != nil || s != want || fx.Len() != 0 {
				t.Errorf("Apply = %+v, %d effects, %v; want only Last moved", s, fx.Len(), err)
			}
		})
	}
	// A purchase after a cancelled trial records the payment.
	s, _, err := saas.Apply(cancelled, ev(trial.Purchase, saasNoTrial, later))
	if err != nil || s.Phase != trial.Paid || s.PaidVia != trial.Purchased || s.Plan != "enterprise" || !s.PaidAt.Equal(later) ||
		!slices.Equal([]bool{s.History().Cancelled, s.History().Paid}, []bool{true, true}) {
		t.Errorf("purchase after cancelling: %+v, %v", s, err)
	}
}

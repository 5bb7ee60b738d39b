package trial_test

import (
	"encoding/json"
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

// A world is a machine and the plans of its offer that events pick from.
type world struct {
	name  string
	m     machine
	plans []*plan.Plan
}

func worlds() []world {
	keep := vm
	keep.Policy.Switch = trial.KeepEnd
	saasPlans := []*plan.Plan{saasA, saasB, saasNoTrial, saasMetered, saasUsage, saasThree}
	vmPlans := []*plan.Plan{vm1, vm3, vm6, vm2, vmNoTrial}
	return []world{
		{"saas", saas, saasPlans},
		{"vm", vm, vmPlans},
		{"vm keep-end", keep, vmPlans},
	}
}

// locations of the instants: UTC, named zones with daylight saving, and
// fixed zones without a name, as time.Parse returns for "+05:30" (one
// with seconds, as in historical local mean times).
var locations = []*time.Location{time.UTC, stockholm, newYork, time.FixedZone("", 5*3600+1800), time.FixedZone("", -(53*60 + 28))}

// checker follows one sequence of events and checks every invariant after
// each of them.
type checker struct {
	t        testing.TB
	w        world
	s        trial.State
	accepted []trial.Event
	trials   int // start-trial effects
	bills    int // start-billing effects
	steps    int
	seen     map[rule.Reason]int // transitions and refusals seen, for the coverage check
}

func (c *checker) apply(e trial.Event) {
	t := c.t
	t.Helper()
	before := c.s
	n, fx, err := c.w.m.Apply(before, e)
	c.steps++
	if err != nil {
		var ps rule.Problems
		var re *refusal
		switch {
		case errors.As(err, &re):
			c.seen[re.Reason]++
			if !errors.Is(err, errRefused) || re.Rule == "" || re.Reason == "" || !re.Rule.Known() {
				t.Fatalf("refusal without rule or reason: %#v", re)
			}
		case errors.As(err, &ps):
			if errors.Is(err, errRefused) || len(ps) == 0 {
				t.Fatalf("invalid input reported as a refusal: %v", err)
			}
		default:
			t.Fatalf("error of type %T: %v", err, err)
		}
		if n != before || fx.Len() != 0 {
			t.Fatalf("%s refused, but the state changed or has effects", e.Type)
		}
		return
	}
	c.accepted = append(c.accepted, e)
	c.s = n
	if fx.Len() > 0 {
		c.seen[fx.At(0).Reason]++
	}
	if err := n.Validate(); err != nil {
		t.Fatalf("after %s at %v: invalid state %+v: %v", e.Type, e.At, n, err)
	}
	// Time moves forward, to the event's instant.
	if !n.Last.Equal(e.At) || n.Last.Before(before.Last) {
		t.Fatalf("Last = %v after an event at %v (before %v)", n.Last, e.At, before.Last)
	}
	// Paid is final: at most one conversion, never a trial after paying.
	if before.Phase == trial.Paid && (n.Phase != trial.Paid || !n.PaidAt.Equal(before.PaidAt) || n.PaidVia != before.PaidVia || n.Plan != before.Plan) {
		t.Fatalf("a paid state changed: %+v -> %+v", before, n)
	}
	// A cancelled trial never runs again.
	if before.Phase == trial.Cancelled && n.Phase == trial.InTrial {
		t.Fatalf("a cancelled trial restarted")
	}
	// A trial never runs longer than its length, which the policy allows.
	if !n.Start.IsZero() {
		allowed := lengths(c.w.m)
		if !slices.Contains(allowed, n.Months) {
			t.Fatalf("trial of %d months, allowed %v", n.Months, allowed)
		}
		if end, err := calendar.AddMonths(n.Start, calendar.Months(n.Months)); err != nil || !n.End.Equal(end) {
			t.Fatalf("End %v is not %d months from %v", n.End, n.Months, n.Start)
		}
		if p := n.TrialPeriod(); p.End.After(n.End) || p.End.Before(p.Start) {
			t.Fatalf("trial period %v runs past its end %v", p, n.End)
		}
	}
	// isFreeTrial at the last event: exactly while the trial runs.
	if n.IsFreeTrial(n.Last) != (n.Phase == trial.InTrial) {
		t.Fatalf("IsFreeTrial(last) = %v in phase %s", n.IsFreeTrial(n.Last), n.Phase)
	}
	for f := range fx.All() {
		if !f.Rule.Known() || f.Reason == "" {
			t.Fatalf("effect without a known rule: %+v", f)
		}
		switch f.Type {
		case trial.StartTrial:
			c.trials++
			if h := before.History(); h.Paid || h.Cancelled || h.Started {
				t.Fatalf("a trial started after history %+v", h)
			}
		case trial.CollectBilling:
			if f.Amount.Sign() != 0 {
				t.Fatalf("a trial charges %v", f.Amount)
			}
		case trial.StartBilling:
			c.bills++
			// The plan under evaluation converts at the end (TRL-07);
			// billing starts within the trial's bounds.
			if f.Reason == trial.ReasonConvertedAtEnd && (f.Plan != before.Plan || !f.At.Equal(before.End)) {
				t.Fatalf("converted %s at %v, but %s was under evaluation until %v", f.Plan, f.At, before.Plan, before.End)
			}
			if f.At.Before(n.Start) || f.At.After(n.End) || !f.At.Equal(n.PaidAt) {
				t.Fatalf("billing starts at %v outside the trial [%v, %v]", f.At, n.Start, n.End)
			}
		}
	}
	if c.trials > 1 || c.bills > 1 {
		t.Fatalf("%d trials and %d conversions in one history", c.trials, c.bills)
	}
	// Encodings round-trip (on a sample of steps: JSON is the slow part).
	if c.steps%5 == 0 {
		c.roundTrip(n, fx)
	}
}

func (c *checker) roundTrip(s trial.State, fx trial.Effects) {
	t := c.t
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back trial.State
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	if loc := s.Start.Location(); s.Zone != "" {
		back = back.In(loc)
	}
	if diff := cmp.Diff(s, back); diff != "" {
		t.Fatalf("state round trip of %s (-want +got):\n%s", b, diff)
	}
	b, err = json.Marshal(fx)
	if err != nil {
		t.Fatal(err)
	}
	var fxBack trial.Effects
	if err := json.Unmarshal(b, &fxBack); err != nil || !fx.Equal(fxBack) {
		t.Fatalf("effects round trip of %s: %v", b, err)
	}
}

// finish checks that replaying the accepted events gives the same state,
// twice.
func (c *checker) finish() {
	t := c.t
	t.Helper()
	for range 2 {
		got, err := c.w.m.Replay(trial.State{}, slices.Values(c.accepted))
		if err != nil || got != c.s {
			t.Fatalf("replay of %d events: %+v, %v; want %+v", len(c.accepted), got, err, c.s)
		}
	}
}

// randomEvent draws an event after (mostly) at, biased by the state so
// that sequences reach every transition: a customer without a trial
// mostly starts one, a customer in a trial mostly switches, converts,
// cancels or waits; a few events are invalid or out of order.
func randomEvent(r *rand.Rand, w world, s trial.State, at time.Time) trial.Event {
	pick := func(ks ...trial.EventType) trial.EventType { return ks[r.IntN(len(ks))] }
	var k trial.EventType
	switch {
	case r.IntN(5) == 0:
		k = trial.EventType(r.IntN(8)) // anything, including undefined kinds
	case s.Phase == trial.None:
		k = pick(trial.Start, trial.Start, trial.Start, trial.Purchase, trial.Tick)
	case s.Phase == trial.InTrial:
		k = pick(trial.Switch, trial.Switch, trial.Switch, trial.Convert, trial.Convert, trial.Cancel, trial.Tick, trial.Tick, trial.Start, trial.Purchase)
	default:
		k = pick(trial.Start, trial.Switch, trial.Convert, trial.Cancel, trial.Tick, trial.Purchase)
	}
	e := trial.Event{Type: k, Market: market.SE}
	if r.IntN(12) > 0 {
		// Trial-enabled plans twice as often as the others.
		var withTrial []*plan.Plan
		for _, p := range w.plans {
			if p.Trial.Enabled() && !p.HasMeters() && p.Pricing.Model != plan.UsageOnly {
				withTrial = append(withTrial, p)
			}
		}
		if r.IntN(3) > 0 {
			e.Plan = withTrial[r.IntN(len(withTrial))]
		} else {
			e.Plan = w.plans[r.IntN(len(w.plans))]
		}
	}
	switch r.IntN(20) {
	case 0:
		e.Market = 0
	case 1:
		e.Market = market.CN
	case 2:
		e.Market = market.JP
	}
	var step time.Duration
	switch r.IntN(12) {
	case 0:
		step = 0
	case 1:
		step = -time.Duration(r.IntN(48)) * time.Hour // out of order, mostly
	case 2:
		step = time.Duration(r.IntN(200)) * day
	default:
		step = time.Duration(r.Int64N(int64(6 * day)))
	}
	e.At = at.Add(step).In(locations[r.IntN(len(locations))])
	if r.IntN(50) == 0 {
		e.At = time.Time{}
	}
	return e
}

// TRL-04, TRL-06, TRL-07, TRL-10, EXT-12: invariants over thousands of
// random event sequences.
func TestPropertyRandomSequences(t *testing.T) {
	sequences := 3000
	if testing.Short() {
		sequences = 300
	}
	for wi, w := range worlds() {
		t.Run(w.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(20240131, uint64(wi)))
			seen := map[rule.Reason]int{}
			for range sequences {
				c := &checker{t: t, w: w, seen: seen}
				base := time.Date(2023+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), r.IntN(60), 0, 0,
					locations[r.IntN(len(locations))])
				at := base
				for range 1 + r.IntN(24) {
					e := randomEvent(r, w, c.s, at)
					c.apply(e)
					if !e.At.IsZero() && e.At.After(at) {
						at = e.At
					}
				}
				c.finish()
			}
			// The sequences reach every transition and the main refusals
			// often enough for the invariants to mean something.
			for _, why := range []rule.Reason{trial.ReasonTrialStarted, trial.ReasonSwitched, trial.ReasonConvertedAtEnd,
				trial.ReasonConvertedEarly, trial.ReasonCancelled, trial.ReasonPaidBefore, trial.ReasonCancelledBefore,
				trial.ReasonTrialEnded, trial.ReasonTrialPlan, trial.ReasonOtherTrialPlan} {
				if seen[why] < sequences/100 {
					t.Errorf("%s seen %d times in %d sequences", why, seen[why], sequences)
				}
			}
			t.Logf("%v", seen)
		})
	}
}

// Replaying the same events from the same state gives the same state,
// whatever the order of independent runs.
func TestPropertyReplayDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	w := worlds()[0]
	for range 500 {
		var events []trial.Event
		at := jan1
		for range 12 {
			e := randomEvent(r, w, trial.State{}, at)
			events = append(events, e)
			if e.At.After(at) {
				at = e.At
			}
		}
		a, errA := w.m.Replay(trial.State{}, slices.Values(events))
		b, errB := w.m.Replay(trial.State{}, slices.Values(events))
		if a != b || (errA == nil) != (errB == nil) || (errA != nil && errA.Error() != errB.Error()) {
			t.Fatalf("two replays differ: %+v, %v / %+v, %v", a, errA, b, errB)
		}
	}
}

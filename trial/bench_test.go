package trial_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

// transitions returns, for each kind of transition, a state and an event
// that the machine accepts.
func transitionCases(tb testing.TB) []struct {
	name string
	m    machine
	s    trial.State
	e    trial.Event
} {
	var s trial.State
	running, _, err := saas.Apply(s, start(saasA, jan1))
	if err != nil {
		tb.Fatal(err)
	}
	vmRunning, _, err := vm.Apply(s, start(vm1, jan1.In(stockholm)))
	if err != nil {
		tb.Fatal(err)
	}
	return []struct {
		name string
		m    machine
		s    trial.State
		e    trial.Event
	}{
		{"Start", saas, trial.State{}, start(saasA, jan1)},
		{"StartStockholm", saas, trial.State{}, start(saasA, jan1.In(stockholm))},
		{"Switch", saas, running, ev(trial.Switch, saasB, jan1.Add(15*day))},
		{"SwitchNewLengthStockholm", vm, vmRunning, ev(trial.Switch, vm6, jan1.Add(15*day))},
		{"ConvertEarly", saas, running, ev(trial.Convert, saasNoTrial, jan1.Add(3*day))},
		{"Cancel", saas, running, ev(trial.Cancel, nil, jan1.Add(3*day))},
		{"TickBeforeEnd", saas, running, ev(trial.Tick, nil, jan1.Add(3*day))},
		{"TickConverts", saas, running, ev(trial.Tick, nil, jan1.Add(40*day))},
		{"Purchase", saas, trial.State{}, trial.Event{Type: trial.Purchase, At: jan1, Plan: saasNoTrial, Market: market.SE}},
	}
}

var (
	sinkErr  error
	sinkBool bool

	sinkTransition trial.Transition
)

// BenchmarkApply measures one transition of each kind (the goal: under
// 100 ns and no allocation).
func BenchmarkApply(b *testing.B) {
	for _, tc := range transitionCases(b) {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			var (
				tr  trial.Transition
				err error
			)
			p, e := tc.m.Policy, tc.e
			e.Offer = tc.m.Offer
			for b.Loop() {
				tr, err = p.Apply(tc.s, e)
			}
			if err != nil || !tr.Allowed {
				b.Fatal("no transition", err, tr)
			}
		})
	}
}

// A refused event is a decision like any other and does not allocate.
func BenchmarkApplyRefused(b *testing.B) {
	running, _ := run(b, saas, start(saasA, jan1))
	e := ev(trial.Convert, saasA, jan1.Add(day))
	p := saas.Policy
	b.ReportAllocs()
	for b.Loop() {
		sinkTransition, sinkErr = p.Apply(running, e)
	}
}

func BenchmarkEffectsAll(b *testing.B) {
	_, fx := run(b, saas, start(saasA, jan1), ev(trial.Convert, saasNoTrial, jan1.Add(day)))
	b.ReportAllocs()
	for b.Loop() {
		for e := range fx.All() {
			sinkBool = e.Type == trial.StartBilling
		}
	}
}

func BenchmarkIsFreeTrial(b *testing.B) {
	running, _ := run(b, saas, start(saasA, jan1))
	at := jan1.Add(10 * day)
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = running.IsFreeTrial(at)
	}
}

func BenchmarkReplay(b *testing.B) {
	events := []trial.Event{start(saasA, jan1), ev(trial.Switch, saasB, jan1.Add(15*day)), ev(trial.Tick, nil, jan1.Add(40*day))}
	for i := range events {
		events[i].Offer = saasOffer
	}
	seq := func(yield func(trial.Event) bool) {
		for _, e := range events {
			if !yield(e) {
				return
			}
		}
	}
	p := saas.Policy
	b.ReportAllocs()
	for b.Loop() {
		sinkTransition, _, sinkErr = p.Replay(trial.State{}, seq)
	}
}

// Every accepted transition, and reading its effects, allocates nothing.
func TestApplyAllocations(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation allocates")
	}
	for _, tc := range transitionCases(t) {
		var err error
		p, e := tc.m.Policy, tc.e
		e.Offer = tc.m.Offer
		n := testing.AllocsPerRun(200, func() {
			sinkTransition, err = p.Apply(tc.s, e)
		})
		if err != nil || n != 0 || !sinkTransition.Allowed {
			t.Errorf("%s: %v allocations per transition, error %v", tc.name, n, err)
		}
	}
	// Refusals are decisions and allocate nothing either, nor does the
	// zero Policy, which means DefaultPolicy.
	running, _ := run(t, saas, start(saasA, jan1))
	refused := ev(trial.Convert, saasA, jan1.Add(day))
	if n := testing.AllocsPerRun(200, func() { sinkTransition, _ = trial.Policy{}.Apply(running, refused) }); n != 0 || sinkTransition.Allowed {
		t.Errorf("refusal: %v allocations", n)
	}
	_, fx := run(t, saas, start(saasA, jan1))
	buf := make([]trial.Effect, 0, trial.MaxEffects)
	at := jan1.Add(time.Hour)
	n := testing.AllocsPerRun(200, func() {
		for e := range fx.All() {
			sinkBool = e.Amount.Sign() == 0
		}
		e, _ := fx.Find(trial.Notify)
		sinkBool = e.At.IsZero() && fx.At(1).Months == 1 && fx.Len() == 3
		buf = fx.Append(buf[:0])
		sinkBool = running.IsFreeTrial(at) && running.ConversionDue(at)
		_ = running.History()
		_ = running.TrialPeriod()
	})
	if n != 0 {
		t.Errorf("reading effects and state: %v allocations", n)
	}
}

// Replaying a sequence the caller builds allocates nothing.
func TestReplayAllocations(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation allocates")
	}
	events := []trial.Event{start(saasA, jan1), ev(trial.Switch, saasB, jan1.Add(15*day)), ev(trial.Tick, nil, jan1.Add(40*day))}
	for i := range events {
		events[i].Offer = saasOffer
	}
	seq := func(yield func(trial.Event) bool) {
		for _, e := range events {
			if !yield(e) {
				return
			}
		}
	}
	p := saas.Policy
	var n int
	allocs := testing.AllocsPerRun(200, func() { sinkTransition, n, sinkErr = p.Replay(trial.State{}, seq) })
	if allocs != 0 || sinkErr != nil || n != len(events) {
		t.Errorf("Replay: %v allocations, %d events applied, error %v", allocs, n, sinkErr)
	}
}

// An iterator that goes on after yield returns false is not followed:
// Replay stops at the first refusal all the same.
func TestReplayIgnoredStop(t *testing.T) {
	refused := ev(trial.Convert, saasA, jan1.Add(day)) // converting to the trial plan is refused
	events := []trial.Event{start(saasA, jan1), refused, ev(trial.Tick, nil, jan1.Add(40*day))}
	for i := range events {
		events[i].Offer = saasOffer
	}
	stubborn := func(yield func(trial.Event) bool) {
		for _, e := range events {
			yield(e)
		}
	}
	tr, n, err := saas.Policy.Replay(trial.State{}, stubborn)
	if err != nil || n != 1 || tr.Allowed || tr.State.Phase != trial.InTrial {
		t.Errorf("Replay = %+v, %d, %v; want the refusal of event 1", tr, n, err)
	}
}

// BenchmarkExplain renders a start (three effects) and a refusal.
func BenchmarkExplain(b *testing.B) {
	started, err := saas.Policy.Apply(trial.State{}, trial.Event{Type: trial.Start, At: jan1, Plan: saasA, Market: market.SE, Offer: saasOffer})
	if err != nil {
		b.Fatal(err)
	}
	running, _ := run(b, saas, start(saasA, jan1))
	refused, err := saas.Policy.Apply(running, ev(trial.Convert, saasA, jan1.Add(day)))
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		t    trial.Transition
	}{{"Start", started}, {"Refused", refused}} {
		for _, lang := range []rule.Language{rule.English, rule.Swedish} {
			b.Run(tc.name+"/"+lang.String(), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					_ = tc.t.Explain(lang)
				}
			})
		}
	}
}

// BenchmarkExplainSprintf is the reference for BenchmarkExplain/Start/en:
// the same text from fmt.Sprintf, with the amount and instants formatted
// as Explain formats them.
func BenchmarkExplainSprintf(b *testing.B) {
	started, err := saas.Policy.Apply(trial.State{}, trial.Event{Type: trial.Start, At: jan1, Plan: saasA, Market: market.SE, Offer: saasOffer})
	if err != nil {
		b.Fatal(err)
	}
	const layout = "2006-01-02 15:04:05 MST"
	const format = "Collect the customer's billing details and charge %s at %s: nothing is billed during the free trial. (%s)\n" +
		"Start the free trial of plan %s at %s; it lasts %d month and ends at %s. (%s)\n" +
		"Tell the customer: the free trial of plan %s ends at %s and then converts to a paid subscription automatically, unless cancelled before. (%s)"
	loc := currency.MustParseLocale("en-US")
	fx := started.Effects
	sprintf := func() string {
		c, s, n := fx.At(0), fx.At(1), fx.At(2)
		return fmt.Sprintf(format, loc.Format(c.Amount), c.At.Format(layout), c.Rule,
			s.Plan, s.At.Format(layout), s.Months, s.Until.Format(layout), s.Rule,
			n.Plan, n.Until.Format(layout), n.Rule)
	}
	if got, want := sprintf(), started.Explain(rule.English); got != want {
		b.Fatalf("Sprintf gives\n%s\nExplain\n%s", got, want)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = sprintf()
	}
}

// An explanation allocates its text, and through rule.Message one
// argument list per sentence and each instant, plan and amount once: 8
// for a start, at most 9 for any transition (issue 16 asks for at most
// about 10 per decision).
func TestExplainAllocations(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation allocates")
	}
	for _, tc := range transitionCases(t) {
		e := tc.e
		e.Offer = tc.m.Offer
		tr, err := tc.m.Policy.Apply(tc.s, e)
		if err != nil {
			t.Fatal(err)
		}
		want := 9.0
		if tc.e.Type == trial.Start {
			want = 8
		}
		for _, lang := range []rule.Language{rule.English, rule.Swedish} {
			if n := testing.AllocsPerRun(50, func() { _ = tr.Explain(lang) }); n > want {
				t.Errorf("Explain(%v) of %s: %v allocations, want at most %v", lang, tc.name, n, want)
			}
		}
	}
}

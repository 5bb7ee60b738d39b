package trial_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/explain.golden")

// The explanations of transitions of every kind, allowed and refused,
// their effects and eligibility decisions, in English, Swedish and a
// language outside the enum, are those of testdata/explain.golden byte
// for byte (go test -run Golden -update rewrites it).
func TestExplainGolden(t *testing.T) {
	var b strings.Builder
	langs := []rule.Language{rule.English, rule.Swedish, 9}
	write := func(name string, explain func(rule.Language) string) {
		for _, lang := range langs {
			fmt.Fprintf(&b, "%s %v\n%s\n", name, lang, explain(lang))
		}
	}
	apply := func(m machine, s trial.State, e trial.Event) trial.Transition {
		e.Offer = m.Offer
		tr, err := m.Policy.Apply(s, e)
		if err != nil {
			t.Fatalf("%v: %v", e, err)
		}
		return tr
	}
	for _, tc := range transitionCases(t) {
		tr := apply(tc.m, tc.s, tc.e)
		write(tc.name, tr.Explain)
		for i := range tr.Effects.Len() {
			write(fmt.Sprintf("%s effect %d", tc.name, i), tr.Effects.At(i).Explain)
		}
	}
	running, _ := run(t, saas, start(saasA, jan1))
	vmRunning, _ := run(t, vm, start(vm1, jan1.In(stockholm)))
	paid, _ := run(t, saas, start(saasA, jan1), ev(trial.Convert, saasNoTrial, jan1.Add(day)))
	for _, r := range []struct {
		name string
		m    machine
		s    trial.State
		e    trial.Event
	}{
		{"convert to the trial plan", saas, running, ev(trial.Convert, saasA, jan1.Add(day))},
		{"switch to the same plan", saas, running, ev(trial.Switch, saasA, jan1.Add(day))},
		{"switch to a plan without trial", saas, running, ev(trial.Switch, saasNoTrial, jan1.Add(day))},
		{"switch used up", vm, vmRunning, ev(trial.Switch, vm3, jan1.Add(100*day))},
		{"event after the end", saas, running, ev(trial.Switch, saasB, jan1.Add(40*day))},
		{"purchase in trial", saas, running, trial.Event{Type: trial.Purchase, At: jan1.Add(day), Plan: saasNoTrial}},
		{"cancel when paid", saas, paid, ev(trial.Cancel, nil, jan1.Add(2*day))},
		{"start after paying", saas, paid, start(saasB, jan1.Add(2*day))},
		{"start while running", saas, running, start(saasB, jan1.Add(2*day))},
		{"start metered", saas, trial.State{}, start(saasMetered, jan1)},
		{"start usage-only", saas, trial.State{}, start(saasUsage, jan1)},
		{"start three months", saas, trial.State{}, start(saasThree, jan1)},
		{"start vm two months", vm, trial.State{}, start(vm2, jan1)},
		{"start vm six months", vm, trial.State{}, start(vm6, jan1.In(newYork))},
		{"purchase when paid", saas, paid, trial.Event{Type: trial.Purchase, At: jan1.Add(3 * day), Plan: saasB}},
		{"tick when paid", saas, paid, ev(trial.Tick, nil, jan1.Add(3*day))},
	} {
		write(r.name, apply(r.m, r.s, r.e).Explain)
	}
	for _, o := range []trial.Offering{saasOffer, vmOffer, {Type: offer.SaaS}, {Type: offer.ManagedApplication, SellThroughMicrosoft: true}} {
		for _, pl := range []*plan.Plan{saasA, saasThree, vm6, saasMetered, saasNoTrial} {
			e, err := trial.DefaultPolicy().CheckEligibility(o, pl, trial.History{})
			if err != nil {
				t.Fatal(err)
			}
			write(fmt.Sprintf("eligibility %v %s", o.Type, pl.ID), e.Explain)
		}
	}
	write("odd transition", trial.Transition{Reason: "no-such-reason", Rule: rule.TRL01, At: jan1}.Explain)
	write("odd effect", trial.Effect{Type: 200, Plan: "x", At: jan1.Add(time.Hour)}.Explain)

	const path = "testdata/explain.golden"
	if *updateGolden {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("explanations (-golden +got):\n%s", diff)
	}
}

package trial_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

// Invalid events are problems, all reported at once, and leave the state
// unchanged.
func TestApplyInvalidInput(t *testing.T) {
	running, _ := run(t, saas, start(saasA, jan1))
	type want struct {
		Path string
		Rule rule.ID
		Err  error
	}
	cases := []struct {
		name string
		m    machine
		s    trial.State
		e    trial.Event
		want []want
	}{
		{"zero instant", saas, trial.State{}, trial.Event{Type: trial.Tick}, []want{{"at", "", trial.ErrInvalidEvent}}},
		{"unknown kind", saas, trial.State{}, trial.Event{Type: 42, At: jan1}, []want{{"type", "", trial.ErrInvalidEvent}}},
		{"zero kind", saas, trial.State{}, trial.Event{At: jan1}, []want{{"type", "", trial.ErrInvalidEvent}}},
		{"start without plan", saas, trial.State{}, trial.Event{Type: trial.Start, At: jan1, Market: market.SE}, []want{{"plan", "", trial.ErrInvalidEvent}}},
		{"switch without plan", saas, running, ev(trial.Switch, nil, jan1), []want{{"plan", "", trial.ErrInvalidEvent}}},
		{"convert without plan", saas, running, ev(trial.Convert, nil, jan1), []want{{"plan", "", trial.ErrInvalidEvent}}},
		{"purchase without plan", saas, trial.State{}, ev(trial.Purchase, nil, jan1), []want{{"plan", "", trial.ErrInvalidEvent}}},
		{"plan without ID", saas, trial.State{}, start(&plan.Plan{Trial: plan.Trial{Months: 1}}, jan1), []want{{"plan.id", rule.PLN01, trial.ErrInvalidEvent}}},
		{"start without market", saas, trial.State{}, ev(trial.Start, saasA, jan1), []want{{"market", "", trial.ErrInvalidEvent}}},
		{"China does not transact", saas, trial.State{}, trial.Event{Type: trial.Start, At: jan1, Plan: saasA, Market: market.CN}, []want{{"market", rule.PRC09, trial.ErrInvalidEvent}}},
		{"undefined market", saas, trial.State{}, trial.Event{Type: trial.Start, At: jan1, Plan: saasA, Market: 250}, []want{{"market", rule.PRC09, trial.ErrInvalidEvent}}},
		{"no offer type", machine{Policy: trial.DefaultPolicy()}, trial.State{}, start(saasA, jan1), []want{{"offer.type", "", trial.ErrInvalidOffer}}},
		{"out of order", saas, running, ev(trial.Cancel, nil, jan1.Add(-time.Nanosecond)), []want{{"at", "", trial.ErrOutOfOrder}}},
		{"everything wrong", machine{}, running, trial.Event{Type: trial.Start, At: jan1.Add(-day)},
			[]want{{"at", "", trial.ErrOutOfOrder}, {"plan", "", trial.ErrInvalidEvent}, {"offer.type", "", trial.ErrInvalidOffer}, {"market", "", trial.ErrInvalidEvent}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, fx, err := tc.m.Apply(tc.s, tc.e)
			var ps rule.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error = %v, want rule.Problems", err)
			}
			var got []want
			for _, p := range ps {
				got = append(got, want{p.Path, p.Rule, p.Err})
			}
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			for _, w := range tc.want {
				if !errors.Is(err, w.Err) {
					t.Errorf("errors.Is(%v) = false", w.Err)
				}
			}
			if errors.Is(err, errRefused) {
				t.Error("invalid input reported as a refusal")
			}
			if s != tc.s || fx.Len() != 0 {
				t.Error("state changed on error")
			}
		})
	}
}

// Events at the same instant as the last one are in order, and events
// in any location compare as instants.
func TestApplyOrder(t *testing.T) {
	s, _ := run(t, saas,
		start(saasA, jan1),
		ev(trial.Switch, saasB, jan1),
		ev(trial.Tick, nil, jan1.In(stockholm)),
		ev(trial.Switch, saasA, jan1.Add(time.Hour).In(newYork)),
	)
	if s.Plan != "basic" || !s.Last.Equal(jan1.Add(time.Hour)) {
		t.Errorf("state %+v", s)
	}
}

// The monotonic clock reading of an instant is dropped, so that states
// compare with == and encode exactly.
func TestApplyDropsMonotonicReading(t *testing.T) {
	at := time.Now() // the caller's clock, not the library's
	s, _, err := saas.Apply(trial.State{}, start(saasA, at))
	if err != nil {
		t.Fatal(err)
	}
	if s.Start != at.Round(0) || s.Start.String() != at.Round(0).String() {
		t.Errorf("Start %v keeps a monotonic reading", s.Start)
	}
}

// A switch that must recompute the end needs the calendar's location:
// after JSON in a zone other than UTC, State.In attaches it.
func TestSwitchNeedsTheCalendar(t *testing.T) {
	s, _ := run(t, vm, start(vm1, date(2024, 3, 15, 10, 0, stockholm)))
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var decoded trial.State
	if err := json.Unmarshal(b, &decoded); err != nil {
		t.Fatal(err)
	}
	at := date(2024, 3, 20, 10, 0, stockholm)
	_, _, err = vm.Apply(decoded, ev(trial.Switch, vm3, at))
	var ps rule.Problems
	if !errors.As(err, &ps) || !errors.Is(err, trial.ErrZone) || ps[0].Path != "zone" {
		t.Fatalf("switch on a detached state: %v, want ErrZone", err)
	}
	// A switch that keeps the length needs no calendar.
	vm1b := &plan.Plan{ID: "vm-1b", Trial: plan.Trial{Months: 1}, Pricing: plan.Pricing{Model: plan.PerVCPU}}
	if _, _, err := vm.Apply(decoded, ev(trial.Switch, vm1b, at)); err != nil {
		t.Errorf("same-length switch: %v", err)
	}
	attached := decoded.In(stockholm)
	if diff := cmp.Diff(s, attached); diff != "" || attached != s {
		t.Errorf("In(stockholm) (-want +got):\n%s", diff)
	}
	got, _, err := vm.Apply(attached, ev(trial.Switch, vm3, at))
	// Three months from Mar 15 10:00 CET: Jun 15 10:00 CEST.
	if err != nil || !got.End.Equal(date(2024, 6, 15, 10, 0, stockholm)) {
		t.Errorf("switch after In: %v, %v", got.End, err)
	}
	if decoded.In(nil) != decoded {
		t.Error("In(nil) changed the state")
	}
}

func TestReplay(t *testing.T) {
	events := []trial.Event{
		start(saasA, jan1),
		ev(trial.Switch, saasB, jan1.Add(15*day)),
		ev(trial.Tick, nil, jan1.Add(20*day)),
		ev(trial.Tick, nil, jan1.Add(40*day)),
	}
	want, _ := run(t, saas, events...)
	got, err := saas.Replay(trial.State{}, slices.Values(events))
	if err != nil || got != want {
		t.Errorf("Replay = %+v, %v; want %+v", got, err, want)
	}
	// Stopping at the first error, with the state before it.
	bad := append(slices.Clone(events[:2]), ev(trial.Convert, saasB, jan1.Add(16*day)), events[3])
	got, err = saas.Replay(trial.State{}, slices.Values(bad))
	before, _ := run(t, saas, events[:2]...)
	if !errors.Is(err, errTrialPlan) || got != before || !strings.Contains(err.Error(), "event 2 (convert)") {
		t.Errorf("Replay = %+v, %v", got, err)
	}
	// Stopping early when the consumer stops.
	if got, err := saas.Replay(trial.State{}, slices.Values(zeroEvents)); err != nil || got != (trial.State{}) {
		t.Errorf("Replay(nothing) = %+v, %v", got, err)
	}
}

func TestEffectsAccessors(t *testing.T) {
	_, fx := run(t, saas, start(saasA, jan1), ev(trial.Convert, saasNoTrial, jan1.Add(day)))
	if fx.Len() != trial.MaxEffects {
		t.Errorf("Len = %d, want %d", fx.Len(), trial.MaxEffects)
	}
	for _, i := range []int{-1, fx.Len()} {
		if fx.At(i) != (trial.Effect{}) {
			t.Errorf("At(%d) is not the zero Effect", i)
		}
	}
	if _, ok := fx.Find(trial.SwitchTrial); ok {
		t.Error("Find(switch-trial) found one")
	}
	var seen []trial.EffectType
	for e := range fx.All() {
		seen = append(seen, e.Type)
		if len(seen) == 2 {
			break
		}
	}
	if diff := cmp.Diff([]trial.EffectType{trial.EndTrial, trial.DeleteTrialData}, seen); diff != "" {
		t.Errorf("All with break (-want +got):\n%s", diff)
	}
	if noEffects.Len() != 0 || noEffects.Append(nil) != nil || noEffects.Explain(rule.English) != "" {
		t.Error("the zero Effects is not empty")
	}
	_, other := run(t, saas, start(saasA, jan1), ev(trial.Convert, saasNoTrial, jan1.Add(2*day)))
	if fx.Equal(other) || !fx.Equal(fx) {
		t.Error("Equal")
	}
}

// The explanations, in both languages, for every effect and reason.
func TestExplain(t *testing.T) {
	end := date(2024, 2, 1, 9, 0, time.UTC)
	_, started := run(t, saas, start(saasA, jan1))
	_, switched := run(t, saas, start(saasA, jan1), ev(trial.Switch, saasB, jan1.Add(15*day+3*time.Hour+time.Minute)))
	_, atEnd := run(t, saas, start(saasA, jan1), ev(trial.Tick, nil, end))
	_, early := run(t, saas, start(saasA, jan1), ev(trial.Convert, saasNoTrial, jan1.Add(day)))
	_, cancelled := run(t, saas, start(saasA, jan1), ev(trial.Cancel, nil, jan1.Add(time.Hour)))
	cases := []struct {
		fx trial.Effects
		en string
		sv string
	}{
		{started,
			"Collect the customer's billing details and charge SEK\u00a00.00 at 2024-01-01 09:00:00 UTC: nothing is billed during the free trial. (TRL-03)\n" +
				"Start the free trial of plan basic at 2024-01-01 09:00:00 UTC; it lasts 1 month and ends at 2024-02-01 09:00:00 UTC. (TRL-02)\n" +
				"Tell the customer: the free trial of plan basic ends at 2024-02-01 09:00:00 UTC and then converts to a paid subscription automatically, unless cancelled before. (TRL-04)\n",
			"Samla in kundens faktureringsinformation och debitera 0,00\u00a0kr 2024-01-01 09:00:00 UTC: inget faktureras under den kostnadsfria utvärderingsperioden. (TRL-03)\n" +
				"Starta den kostnadsfria utvärderingsversionen av planen basic 2024-01-01 09:00:00 UTC; den varar 1 månad och slutar 2024-02-01 09:00:00 UTC. (TRL-02)\n" +
				"Meddela kunden: den kostnadsfria utvärderingsversionen av planen basic slutar 2024-02-01 09:00:00 UTC och konverteras då automatiskt till en betald prenumeration, såvida den inte avbryts innan. (TRL-04)\n"},
		{switched,
			"Switch the free trial from plan basic to plan premium at 2024-01-16 12:01:00 UTC without restarting it: 15 days 3 hours 1 minute already used; it ends at 2024-02-01 09:00:00 UTC. (TRL-06)\n" +
				"Tell the customer: the free trial now evaluates plan premium; the plan under evaluation at 2024-02-01 09:00:00 UTC converts to a paid subscription. (TRL-07)\n",
			"Byt den kostnadsfria utvärderingsversionen från planen basic till planen premium 2024-01-16 12:01:00 UTC utan att starta om den: 15 dagar 3 timmar 1 minut har redan använts; den slutar 2024-02-01 09:00:00 UTC. (TRL-06)\n" +
				"Meddela kunden: den kostnadsfria utvärderingsversionen utvärderar nu planen premium; den plan som utvärderas 2024-02-01 09:00:00 UTC konverteras till en betald prenumeration. (TRL-07)\n"},
		{atEnd,
			"End the free trial of plan basic at 2024-02-01 09:00:00 UTC, its end: it converts to a paid subscription automatically. (TRL-04)\n" +
				"Start billing plan basic at 2024-02-01 09:00:00 UTC, the plan under evaluation when the trial ended; the contract term starts at the same instant. (TRL-05)\n" +
				"Tell the customer: the free trial ended at 2024-02-01 09:00:00 UTC and plan basic is now a paid subscription. (TRL-07)\n",
			"Avsluta den kostnadsfria utvärderingsversionen av planen basic 2024-02-01 09:00:00 UTC, vid dess slut: den konverteras automatiskt till en betald prenumeration. (TRL-04)\n" +
				"Börja fakturera planen basic 2024-02-01 09:00:00 UTC, planen som utvärderades när utvärderingsperioden upphörde; kontraktsperioden börjar vid samma tidpunkt. (TRL-05)\n" +
				"Meddela kunden: den kostnadsfria utvärderingsversionen upphörde 2024-02-01 09:00:00 UTC och planen basic är nu en betald prenumeration. (TRL-07)\n"},
		{early,
			"End the free trial of plan basic at once, at 2024-01-02 09:00:00 UTC: the customer converted to a plan without a trial. (TRL-09)\n" +
				"Delete the data of the free trial of plan basic at 2024-01-02 09:00:00 UTC: converting to a plan without a trial loses it. (TRL-09)\n" +
				"Start billing plan enterprise at once, at 2024-01-02 09:00:00 UTC; the contract term starts at the same instant. (TRL-09)\n" +
				"Tell the customer: plan enterprise is a paid subscription from 2024-01-02 09:00:00 UTC; the free trial has ended and its data is lost. (TRL-09)\n",
			"Avsluta den kostnadsfria utvärderingsversionen av planen basic direkt, 2024-01-02 09:00:00 UTC: kunden konverterade till en plan utan utvärderingsversion. (TRL-09)\n" +
				"Radera data från den kostnadsfria utvärderingsversionen av planen basic 2024-01-02 09:00:00 UTC: vid konvertering till en plan utan utvärderingsversion går alla data förlorade. (TRL-09)\n" +
				"Börja fakturera planen enterprise direkt, 2024-01-02 09:00:00 UTC; kontraktsperioden börjar vid samma tidpunkt. (TRL-09)\n" +
				"Meddela kunden: planen enterprise är en betald prenumeration från 2024-01-02 09:00:00 UTC; den kostnadsfria utvärderingsversionen har upphört och alla data har gått förlorade. (TRL-09)\n"},
		{cancelled,
			"End the free trial of plan basic at 2024-01-01 10:00:00 UTC: cancelled before its end, it does not convert and nothing is charged. (TRL-04)\n" +
				"Tell the customer: the free trial was cancelled at 2024-01-01 10:00:00 UTC; nothing is charged, and it cannot be restarted. (EXT-12)\n",
			"Avsluta den kostnadsfria utvärderingsversionen av planen basic 2024-01-01 10:00:00 UTC: den avbröts före slutet, konverteras inte och inget debiteras. (TRL-04)\n" +
				"Meddela kunden: den kostnadsfria utvärderingsversionen avbröts 2024-01-01 10:00:00 UTC; inget debiteras, och den kan inte startas om. (EXT-12)\n"},
	}
	for _, tc := range cases {
		if got := tc.fx.Explain(rule.English); got != tc.en {
			t.Errorf("English:\n got %q\nwant %q", got, tc.en)
		}
		if got := tc.fx.Explain(rule.Swedish); got != tc.sv {
			t.Errorf("Swedish:\n got %q\nwant %q", got, tc.sv)
		}
	}
	// An effect that no transition produces still explains itself.
	odd := trial.Effect{Type: trial.StartBilling, Rule: rule.TRL05, Reason: "made-up", Plan: "x", At: jan1}
	if got, want := odd.Explain(rule.English), "start-billing (made-up) of plan x at 2024-01-01 09:00:00 UTC (TRL-05)"; got != want {
		t.Errorf("odd effect: %q, want %q", got, want)
	}
}

// Every reason renders in both languages, differently, ending with its
// rule.
func TestExplainReasons(t *testing.T) {
	seed000 := trial.DefaultPolicy()
	seed000.VMMonths = []int{1, 3}
	vm13 := machine{Policy: seed000, Offer: vmOffer}
	cases := []struct {
		e  trial.Eligibility
		en string
		sv string
	}{
		{must(saas.Eligible(saasA, trial.History{})), "plan basic may start a free trial of 1 month (TRL-01)", "planen basic kan starta en kostnadsfri utvärderingsversion på 1 månad (TRL-01)"},
		{must(vm.Eligible(vm6, trial.History{})), "plan vm-6 may start a free trial of 6 months (TRL-01)", "planen vm-6 kan starta en kostnadsfri utvärderingsversion på 6 månader (TRL-01)"},
		{must(vm13.Eligible(vm6, trial.History{})), "plan vm-6 declares a free trial of 6 months, but trials of Azure virtual machine offers last 1 or 3 months (TRL-02)",
			"planen vm-6 anger en kostnadsfri utvärderingsversion på 6 månader, men utvärderingsversioner av erbjudanden av typen Azure virtual machine varar 1 eller 3 månader (TRL-02)"},
		{must(vm.Eligible(vm2, trial.History{})), "plan vm-2 declares a free trial of 2 months, but trials of Azure virtual machine offers last 1, 3 or 6 months (TRL-02)",
			"planen vm-2 anger en kostnadsfri utvärderingsversion på 2 månader, men utvärderingsversioner av erbjudanden av typen Azure virtual machine varar 1, 3 eller 6 månader (TRL-02)"},
		{must(saas.Eligible(saasThree, trial.History{})), "plan three declares a free trial of 3 months, but trials of Software as a service offers last 1 month (TRL-02)",
			"planen three anger en kostnadsfri utvärderingsversion på 3 månader, men utvärderingsversioner av erbjudanden av typen Software as a service varar 1 månad (TRL-02)"},
		{must(saas.Eligible(saasA, trial.History{Paid: true})), "the customer has paid for a plan of this offer, so never gets a free trial of it again (TRL-10)",
			"kunden har betalat för en plan i det här erbjudandet och får därför aldrig mer en kostnadsfri utvärderingsversion av det (TRL-10)"},
	}
	for _, tc := range cases {
		if got := tc.e.Explain(rule.English); got != tc.en {
			t.Errorf("English:\n got %q\nwant %q", got, tc.en)
		}
		if got := tc.e.Explain(rule.Swedish); got != tc.sv {
			t.Errorf("Swedish:\n got %q\nwant %q", got, tc.sv)
		}
	}
	none := trial.DefaultPolicy()
	none.SaaSMonths = nil
	reasons := []trial.Eligibility{
		must(machine{Policy: none, Offer: saasOffer}.Eligible(saasA, trial.History{})),
		must(machine{Policy: trial.DefaultPolicy(), Offer: trial.Offering{Type: 1, SellThroughMicrosoft: true}}.Eligible(saasA, trial.History{})),
		must(machine{Policy: trial.DefaultPolicy(), Offer: trial.Offering{Type: saasOffer.Type}}.Eligible(saasA, trial.History{})),
	}
	for _, p := range []*plan.Plan{saasNoTrial, saasUsage, saasMetered} {
		reasons = append(reasons, must(saas.Eligible(p, trial.History{})))
	}
	for _, h := range []trial.History{{Started: true, Cancelled: true}, {Started: true}} {
		reasons = append(reasons, must(saas.Eligible(saasA, h)))
	}
	reasons = append(reasons, trial.Eligibility{Rule: "TRL-99", Reason: "made-up"})
	for _, e := range reasons {
		en, sv := e.Explain(rule.English), e.Explain(rule.Swedish)
		if en == sv || !strings.HasSuffix(en, "("+string(e.Rule)+")") || !strings.HasSuffix(sv, "("+string(e.Rule)+")") || len(en) < 20 {
			t.Errorf("%s: %q / %q", e.Reason, en, sv)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Every refusal explains itself in both languages, and its Error text is
// the English explanation after the event and instant.
func TestRefusalText(t *testing.T) {
	running, _ := run(t, saas, start(saasA, jan1))
	_, _, err := saas.Apply(running, ev(trial.Convert, saasA, jan1.Add(day)))
	var re *refusal
	if !errors.As(err, &re) {
		t.Fatal(err)
	}
	want := "plan basic is in its free trial and cannot convert to a paid subscription before the trial ends at 2024-02-01 09:00:00 UTC (TRL-08)"
	if got := re.Explain(rule.English); got != want {
		t.Errorf("Explain:\n got %q\nwant %q", got, want)
	}
	if got, want := re.String(), "TRL-08 trial-plan-before-end: convert at 2024-01-02T09:00:00Z refused"; got != want {
		t.Errorf("String:\n got %q\nwant %q", got, want)
	}
	wantSV := "planen basic är i sin kostnadsfria utvärderingsversion och kan inte konverteras till en betald prenumeration innan utvärderingsperioden upphör 2024-02-01 09:00:00 UTC (TRL-08)"
	if got := re.Explain(rule.Swedish); got != wantSV {
		t.Errorf("Swedish:\n got %q\nwant %q", got, wantSV)
	}
	// One refusal of each reason.
	cancelled, _ := run(t, saas, start(saasA, jan1), ev(trial.Cancel, nil, jan1.Add(day)))
	vmRunning, _ := run(t, vm, start(vm6, jan1))
	refused := []struct {
		m machine
		s trial.State
		e trial.Event
	}{
		{saas, running, ev(trial.Convert, saasB, jan1.Add(day))},
		{saas, running, ev(trial.Switch, saasA, jan1.Add(day))},
		{saas, running, ev(trial.Switch, saasNoTrial, jan1.Add(day))},
		{vm, vmRunning, ev(trial.Switch, vm1, jan1.Add(40*day))},
		{vm, vmRunning, ev(trial.Switch, vm2, jan1.Add(day))},
		{saas, running, ev(trial.Purchase, saasNoTrial, jan1.Add(day))},
		{saas, running, ev(trial.Cancel, nil, jan1.Add(40*day))},
		{saas, running, start(saasB, jan1.Add(day))},
		{saas, trial.State{}, ev(trial.Cancel, nil, jan1)},
		{saas, cancelled, start(saasA, jan1.Add(2*day))},
	}
	seen := map[rule.Reason]bool{}
	for _, r := range refused {
		_, _, err := r.m.Apply(r.s, r.e)
		var re *refusal
		if !errors.As(err, &re) {
			t.Fatalf("%s: %v", r.e.Type, err)
		}
		seen[re.Reason] = true
		en, sv := re.Explain(rule.English), re.Explain(rule.Swedish)
		if en == sv || !strings.HasSuffix(sv, "("+string(re.Rule)+")") || !strings.HasSuffix(err.Error(), en) {
			t.Errorf("%s: %q / %q", re.Reason, en, sv)
		}
	}
	if len(seen) != len(refused) {
		t.Errorf("%d distinct reasons for %d refusals", len(seen), len(refused))
	}
}

func TestEnumText(t *testing.T) {
	type textEnum interface {
		String() string
		MarshalText() ([]byte, error)
	}
	cases := []struct {
		v     textEnum
		name  string
		parse func(string) (textEnum, error)
	}{
		{trial.Paid, "paid", func(s string) (textEnum, error) { var v trial.Phase; err := v.UnmarshalText([]byte(s)); return v, err }},
		{trial.None, "none", func(s string) (textEnum, error) { var v trial.Phase; err := v.UnmarshalText([]byte(s)); return v, err }},
		{trial.Purchase, "purchase", func(s string) (textEnum, error) {
			var v trial.EventType
			err := v.UnmarshalText([]byte(s))
			return v, err
		}},
		{trial.DeleteTrialData, "delete-trial-data", func(s string) (textEnum, error) {
			var v trial.EffectType
			err := v.UnmarshalText([]byte(s))
			return v, err
		}},
		{trial.Early, "early", func(s string) (textEnum, error) {
			var v trial.PaidVia
			err := v.UnmarshalText([]byte(s))
			return v, err
		}},
		{trial.KeepEnd, "keep-end", func(s string) (textEnum, error) {
			var v trial.SwitchRule
			err := v.UnmarshalText([]byte(s))
			return v, err
		}},
	}
	for _, tc := range cases {
		b, err := tc.v.MarshalText()
		if err != nil || string(b) != tc.name || tc.v.String() != tc.name {
			t.Errorf("%v: %q, %v", tc.v, b, err)
		}
		back, err := tc.parse(strings.ToUpper(tc.name))
		if err != nil || back != tc.v {
			t.Errorf("parse %q = %v, %v", tc.name, back, err)
		}
		if _, err := tc.parse("nonsense"); err == nil {
			t.Errorf("parse nonsense: no error")
		}
	}
	invalid := []textEnum{trial.Phase(9), trial.EventType(9), trial.EffectType(9), trial.PaidVia(9), trial.SwitchRule(7)}
	for _, v := range invalid {
		if _, err := v.MarshalText(); err == nil {
			t.Errorf("%v marshals", v)
		}
	}
	// The zero value of a one-based enum is unset: "" both ways.
	for _, v := range []textEnum{trial.EventType(0), trial.EffectType(0), trial.PaidVia(0)} {
		if b, err := v.MarshalText(); err != nil || len(b) != 0 {
			t.Errorf("%v marshals as %q, %v", v, b, err)
		}
	}
	var et trial.EventType = trial.Tick
	var ft trial.EffectType = trial.Notify
	var pv trial.PaidVia = trial.Early
	if et.UnmarshalText(nil) != nil || ft.UnmarshalText(nil) != nil || pv.UnmarshalText(nil) != nil || et != 0 || ft != 0 || pv != 0 {
		t.Errorf("empty text does not parse as unset: %v %v %v", et, ft, pv)
	}
	valid := []bool{trial.Paid.Valid(), trial.Tick.Valid(), trial.Notify.Valid(), trial.AtEnd.Valid(), trial.NewPlanLength.Valid(),
		!trial.Phase(4).Valid(), !trial.EventType(7).Valid(), !trial.EffectType(8).Valid(), !trial.PaidVia(0).Valid(), !trial.SwitchRule(2).Valid()}
	if slices.Contains(valid, false) {
		t.Errorf("Valid: %v", valid)
	}
}

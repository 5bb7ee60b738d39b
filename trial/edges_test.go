package trial_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

// Every zero value marshals and round-trips.
func TestZeroValuesRoundTrip(t *testing.T) {
	for _, v := range []any{&trial.Transition{}, &trial.State{}, &trial.Effect{}, &trial.Effects{}, &trial.Eligibility{},
		&trial.Policy{}, &trial.Offering{}, &trial.History{}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%T: %v", v, err)
			continue
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Errorf("%T: %s does not decode: %v", v, b, err)
		}
	}
	b, err := json.Marshal(trial.Event{})
	if err != nil || !strings.Contains(string(b), `"type":""`) {
		t.Errorf("zero Event: %s, %v", b, err)
	}
}

// Transitions, allowed and refused, round-trip through JSON.
func TestTransitionJSON(t *testing.T) {
	p := trial.DefaultPolicy()
	s0 := trial.State{}
	started, err := p.Apply(s0, trial.Event{Type: trial.Start, At: jan1, Plan: saasA, Market: market.SE, Offer: saasOffer})
	if err != nil {
		t.Fatal(err)
	}
	refused, err := p.Apply(started.State, trial.Event{Type: trial.Convert, At: jan1.Add(day), Plan: saasA})
	if err != nil || refused.Allowed {
		t.Fatal(refused, err)
	}
	for _, tr := range []trial.Transition{started, refused} {
		b, err := json.Marshal(tr)
		if err != nil {
			t.Fatal(err)
		}
		var back trial.Transition
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if back.String() != tr.String() || back.Explain(rule.English) != tr.Explain(rule.English) || !back.Effects.Equal(tr.Effects) || back.State != tr.State {
			t.Errorf("round trip:\n got %v\nwant %v", back, tr)
		}
	}
	// A refusal with effects, duplicate and case-folded keys are refused.
	for _, in := range []string{
		`{"allowed":false,"effects":[{"type":"end-trial","rule":"TRL-04","reason":"trial-cancelled","at":"2024-01-02T12:00:00Z","plan":"a"},{"type":"notify","rule":"EXT-12","reason":"trial-cancelled","at":"2024-01-02T12:00:00Z","plan":"a"}]}`,
		`{"allowed":true,"allowed":false}`,
		`{"Allowed":true}`,
	} {
		var tr trial.Transition
		if err := json.Unmarshal([]byte(in), &tr); !errors.Is(err, trial.ErrInvalidState) {
			t.Errorf("%s: %v", in, err)
		}
	}
}

// Every decoder refuses input beyond MaxJSONSize before parsing it.
func TestJSONSizeLimit(t *testing.T) {
	big := []byte(`{"phase":"none",` + strings.Repeat(`"x":0,`, trial.MaxJSONSize/6+1) + `"y":0}`)
	for _, v := range []json.Unmarshaler{&trial.State{}, &trial.Transition{}, &trial.Eligibility{}, &trial.Effect{}, &trial.Effects{}} {
		err := v.UnmarshalJSON(big)
		var ps rule.Problems
		if !errors.As(err, &ps) || len(ps) != 1 || !errors.Is(err, trial.ErrInvalidState) {
			t.Errorf("%T: %v", v, err)
		}
	}
}

// A nil sequence is invalid input, not a panic; an empty one changes
// nothing.
func TestReplayNil(t *testing.T) {
	var p trial.Policy
	tr, n, err := p.Replay(trial.State{}, nil)
	if !errors.Is(err, trial.ErrInvalidEvent) || n != 0 || tr.State != (trial.State{}) {
		t.Errorf("Replay(nil) = %v, %d, %v", tr, n, err)
	}
	tr, n, err = p.Replay(trial.State{}, func(func(trial.Event) bool) {})
	if err != nil || n != 0 || tr.State != (trial.State{}) {
		t.Errorf("Replay(empty) = %v, %d, %v", tr, n, err)
	}
}

// TRL-02: a policy cannot allow a length whose end is not a representable
// instant after the start; a start near year 9999 is invalid input.
func TestTRL02_HugeLengths(t *testing.T) {
	p := trial.DefaultPolicy()
	p.VMMonths = []int{1, math.MaxInt}
	huge := &plan.Plan{ID: "huge", Trial: plan.Trial{Months: math.MaxInt}, Pricing: plan.Pricing{Model: plan.PerVCPU}}
	if err := p.Validate(); !errors.Is(err, trial.ErrPolicy) {
		t.Errorf("Validate = %v", err)
	}
	if _, err := p.Apply(trial.State{}, trial.Event{Type: trial.Start, At: jan1, Plan: huge, Market: market.SE, Offer: vmOffer}); !errors.Is(err, trial.ErrPolicy) {
		t.Errorf("Apply under a policy allowing MaxInt months: %v", err)
	}
	late := time.Date(9999, 12, 1, 0, 0, 0, 0, time.UTC)
	_, err := trial.DefaultPolicy().Apply(trial.State{}, trial.Event{Type: trial.Start, At: late, Plan: vm6, Market: market.SE, Offer: vmOffer})
	var ps rule.Problems
	if !errors.As(err, &ps) || ps[0].Path != "plan.trial.months" || !errors.Is(err, trial.ErrInvalidEvent) {
		t.Errorf("a trial ending after 9999: %v", err)
	}
	if err := (trial.Policy{Switch: 9}).Validate(); !errors.Is(err, trial.ErrPolicy) {
		t.Errorf("undefined switch rule: %v", err)
	}
}

// Property: random and extreme inputs (zero and odd policies, instants of
// years 1 and 9999 and 1 ns apart, invalid enums, nil plans, odd markets)
// never panic; every answer is an error or a transition whose state is
// valid, in a defined phase, and unchanged by a refusal; every transition
// round-trips through JSON.
func TestPropertyExtremeInputs(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 4))
	policies := []trial.Policy{{}, trial.DefaultPolicy(), {SaaSMonths: []int{}, VMMonths: []int{120}, Switch: trial.KeepEnd},
		{SaaSMonths: []int{0, -1}}, {VMMonths: []int{math.MaxInt}}, {Switch: 200}}
	plans := []*plan.Plan{nil, saasA, saasB, saasNoTrial, vm1, vm6, {ID: "BAD ID"}, {ID: "long", Trial: plan.Trial{Months: 120}},
		{ID: "neg", Trial: plan.Trial{Months: -5}}, {ID: "max", Trial: plan.Trial{Months: math.MaxInt}}}
	offers := []trial.Offering{{}, saasOffer, vmOffer, {Type: offer.SaaS}, {Type: 200, SellThroughMicrosoft: true}}
	instants := []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(9999, 12, 29, 23, 0, 0, 0, stockholm), time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC),
		jan1, jan1.Add(1), jan1.Add(-1), jan1.In(stockholm), jan1.Add(31 * day), jan1.AddDate(0, 6, 0)}
	markets := []market.Code{0, market.SE, 250}
	for range 20000 {
		p := policies[r.IntN(len(policies))]
		s := trial.State{}
		for range 1 + r.IntN(6) {
			e := trial.Event{Type: trial.EventType(r.IntN(9)), At: instants[r.IntN(len(instants))].Add(time.Duration(r.IntN(3))),
				Plan: plans[r.IntN(len(plans))], Market: markets[r.IntN(len(markets))], Offer: offers[r.IntN(len(offers))]}
			tr, err := p.Apply(s, e)
			if err != nil {
				var ps rule.Problems
				if !errors.As(err, &ps) || len(ps) == 0 {
					t.Fatalf("error of type %T: %v", err, err)
				}
				continue
			}
			if !tr.State.Phase.Valid() || tr.State.Validate() != nil {
				t.Fatalf("%v left the states: %+v (%v)", e, tr.State, tr.State.Validate())
			}
			if !tr.Allowed && (tr.State != s || tr.Effects.Len() != 0) {
				t.Fatalf("refusal changed the state: %v", tr)
			}
			if tr.Rule == "" || tr.Reason == "" || tr.Explain(rule.Swedish) == "" || tr.String() == "" {
				t.Fatalf("transition without rule or reason: %#v", tr)
			}
			b, err := json.Marshal(tr)
			if err != nil {
				t.Fatalf("%v: %v", tr, err)
			}
			var back trial.Transition
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			s = tr.State
		}
	}
}

// A policy round-trips (an empty length list stays empty) and decodes
// strictly.
func TestPolicyJSON(t *testing.T) {
	for _, p := range []trial.Policy{{}, trial.DefaultPolicy(), {SaaSMonths: []int{}, VMMonths: []int{3}, Switch: trial.KeepEnd}} {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var back trial.Policy
		if err := json.Unmarshal(b, &back); err != nil || !slices.Equal(back.SaaSMonths, p.SaaSMonths) ||
			(back.SaaSMonths == nil) != (p.SaaSMonths == nil) || !slices.Equal(back.VMMonths, p.VMMonths) || back.Switch != p.Switch {
			t.Errorf("%s: %+v, %v", b, back, err)
		}
	}
	for _, in := range []string{`{"SaaSMonths":[1]}`, `{"switch":"sideways"}`, `{"vmMonths":[0]}`, `{"switch":"keep-end","switch":"keep-end"}`} {
		var p trial.Policy
		if err := json.Unmarshal([]byte(in), &p); !errors.Is(err, trial.ErrPolicy) {
			t.Errorf("%s: %v", in, err)
		}
	}
}

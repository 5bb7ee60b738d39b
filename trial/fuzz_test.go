package trial_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

// FuzzApply reads a sequence of events from bytes (the first byte picks
// the world, then four bytes per event: the kind, the plan, the step in
// hours and the location and market) and checks every invariant of the
// property test after each event: no panic, and the rules hold for any
// input.
func FuzzApply(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 0, 2, 1, 200, 0, 5, 0, 255, 0})
	f.Add([]byte{1, 1, 0, 0, 0, 2, 2, 100, 1, 3, 4, 10, 2, 5, 0, 250, 0})
	f.Add([]byte{2, 1, 2, 5, 0, 2, 0, 24, 1, 4, 0, 1, 0, 1, 1, 1, 0})
	f.Add([]byte{0, 1, 0, 0, 0, 4, 0, 3, 0, 6, 2, 1, 0, 1, 1, 1, 0})
	ws := worlds()
	markets := []market.Code{market.SE, market.US, market.JP, 0, market.CN}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		w := ws[int(data[0])%len(ws)]
		c := &checker{t: t, w: w, seen: map[rule.Reason]int{}}
		at := time.Date(2024, 1, 31, 10, 0, 0, 0, time.UTC)
		for b := data[1:]; len(b) >= 4 && c.steps < 64; b = b[4:] {
			e := trial.Event{Type: trial.EventType(b[0] % 8), Market: markets[int(b[3]/4)%len(markets)]}
			if i := int(b[1]); i < len(w.plans) {
				e.Plan = w.plans[i]
			}
			// Steps of -8 to 246 hours, or a zero instant.
			if b[2] != 255 {
				e.At = at.Add(time.Duration(int(b[2])-8) * time.Hour).In(locations[int(b[3]%4)%len(locations)])
			}
			c.apply(e)
			if e.At.After(at) {
				at = e.At
			}
		}
		c.finish()
	})
}

// FuzzStateJSON decodes arbitrary bytes as a state: no panic; a state
// that decodes is valid, re-encodes to JSON that decodes to the same
// state, and can take a tick.
func FuzzStateJSON(f *testing.F) {
	f.Add([]byte(`{"phase":"none"}`))
	f.Add([]byte(`{"phase":"trial","plan":"basic","market":"SE","months":1,"start":"2024-01-31T10:00:00Z","end":"2024-02-29T10:00:00Z","zone":"UTC","last":"2024-01-31T10:00:00Z"}`))
	f.Add([]byte(`{"phase":"paid","plan":"basic","market":"SE","months":1,"start":"2024-01-31T10:00:00+01:00","end":"2024-02-29T10:00:00+01:00","zone":"Europe/Stockholm","paidAt":"2024-02-29T10:00:00+01:00","paidVia":"at-end","last":"2024-03-01T00:00:00+01:00"}`))
	f.Add([]byte(`{"phase":"cancelled","plan":"vm-3","market":"US","months":3,"start":"2024-03-10T01:30:00-05:00","end":"2024-06-10T01:30:00-04:00","zone":"America/New_York","cancelledAt":"2024-03-11T00:00:00-04:00","last":"2024-03-11T00:00:00-04:00"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s trial.State
		if err := s.UnmarshalJSON(data); err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("decoded an invalid state: %v", err)
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("marshal %+v: %v", s, err)
		}
		var back trial.State
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("re-decode %s: %v", b, err)
		}
		if diff := cmp.Diff(s, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		for _, m := range []machine{saas, vm} {
			next := s.Last
			if next.IsZero() {
				next = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			for _, e := range []trial.Event{ev(trial.Tick, nil, next.Add(400*day)), ev(trial.Switch, vm6, next), start(saasA, next)} {
				if n, _, err := m.Apply(s, e); err == nil {
					if err := n.Validate(); err != nil {
						t.Fatalf("%s on a decoded state gave an invalid state: %v", e.Type, err)
					}
				}
			}
		}
	})
}

// FuzzEffectsJSON decodes arbitrary bytes as effects: no panic; effects
// that decode re-encode to the same JSON.
func FuzzEffectsJSON(f *testing.F) {
	f.Add([]byte(`[]`))
	f.Add([]byte(`[{"type":"end-trial","rule":"TRL-04","reason":"trial-cancelled","at":"2024-01-01T09:00:00Z","plan":"basic"},{"type":"notify","rule":"EXT-12","reason":"trial-cancelled","at":"2024-01-01T09:00:00Z","plan":"basic"}]`))
	f.Add([]byte(`[{"type":"collect-billing","rule":"TRL-03","reason":"trial-started","at":"2024-01-31T10:00:00Z","plan":"basic","amount":{"amount":"0.00","currency":"SEK"}},{"type":"start-trial","rule":"TRL-02","reason":"trial-started","at":"2024-01-31T10:00:00Z","plan":"basic","months":1,"until":"2024-02-29T10:00:00Z"},{"type":"notify","rule":"TRL-04","reason":"trial-started","at":"2024-01-31T10:00:00Z","plan":"basic","until":"2024-02-29T10:00:00Z"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var fx trial.Effects
		if err := fx.UnmarshalJSON(data); err != nil {
			return
		}
		b, err := json.Marshal(fx)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var back trial.Effects
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(fx) {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		for e := range fx.All() {
			_ = e.Explain(0)
		}
	})
}

// Transitions and policies decode strictly, never panic, and what
// decodes round-trips.
func FuzzTransitionAndPolicyJSON(f *testing.F) {
	f.Add([]byte(`{"allowed":true,"rule":"TRL-04","reason":"trial-cancelled","event":"cancel","at":"2024-01-02T12:00:00Z","state":{"phase":"cancelled","plan":"a","market":"SE","months":1,"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z","zone":"UTC","cancelledAt":"2024-01-02T12:00:00Z","last":"2024-01-02T12:00:00Z"},"effects":[{"type":"end-trial","rule":"TRL-04","reason":"trial-cancelled","at":"2024-01-02T12:00:00Z","plan":"a"},{"type":"notify","rule":"EXT-12","reason":"trial-cancelled","at":"2024-01-02T12:00:00Z","plan":"a"}]}`))
	f.Add([]byte(`{"saasMonths":[1],"vmMonths":[1,3,6],"switch":"keep-end"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var tr trial.Transition
		if err := json.Unmarshal(b, &tr); err == nil {
			_ = tr.Explain(rule.Swedish)
			_ = tr.String()
			out, err := json.Marshal(tr)
			if err == nil {
				var back trial.Transition
				if err := json.Unmarshal(out, &back); err != nil {
					t.Fatalf("Unmarshal(%s) of Marshal's output: %v", out, err)
				}
			}
		}
		var p trial.Policy
		if err := json.Unmarshal(b, &p); err == nil {
			if err := p.Validate(); err != nil {
				t.Fatalf("a decoded policy fails Validate: %v", err)
			}
			_, _ = p.Apply(trial.State{}, trial.Event{Type: trial.Start, At: jan1, Plan: vm3, Market: market.SE, Offer: vmOffer})
		}
	})
}

package trial_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/trial"
)

// fastCases returns the transitions the fast decoders are tested on:
// jsonTransitions and transitions with effects of plans whose IDs need
// escaping.
func fastCases(t *testing.T) []trial.Transition {
	trs := jsonTransitions(t)
	// Effects of plans whose IDs need escaping, which Apply refuses but
	// Effects.UnmarshalJSON accepts.
	b, err := json.Marshal(trs[0].Effects)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`a\u003cb\u0026c`, `é\u2028`, `q\"\\`} {
		var fx trial.Effects
		if err := json.Unmarshal(bytes.ReplaceAll(b, []byte(`"basic"`), []byte(`"`+id+`"`)), &fx); err != nil {
			t.Fatal(err)
		}
		trs = append(trs, trial.Transition{Allowed: true, Effects: fx})
	}
	return trs
}

// sameTransitionDecoding fails t unless the fast decoders, where they
// accept b, decode it as UnmarshalJSON's jsonx path does: the same state
// or transition, with the same instants and offsets.
func sameTransitionDecoding(t *testing.T, b []byte) (fastState, fastTransition bool) {
	t.Helper()
	opts := cmp.AllowUnexported(trial.Effects{})
	var gs, ws trial.State
	if fastState = trial.StateUnmarshalFast(&gs, b); fastState {
		if err := trial.StateUnmarshalJSONx(&ws, b); err != nil {
			t.Fatalf("%s: the fast decoder accepts it, State.UnmarshalJSON: %v", b, err)
		}
		gj, _ := json.Marshal(gs)
		wj, _ := json.Marshal(ws)
		if diff := cmp.Diff(ws, gs); diff != "" || !bytes.Equal(gj, wj) {
			t.Fatalf("%s (-UnmarshalJSON +fast):\n%s\n%s\n%s", b, diff, gj, wj)
		}
	} else if gs != (trial.State{}) {
		t.Fatalf("%s: the fast decoder failed but set the state", b)
	}
	var gt, wt trial.Transition
	if fastTransition = trial.TransitionUnmarshalFast(&gt, b); fastTransition {
		if err := trial.TransitionUnmarshalJSONx(&wt, b); err != nil {
			t.Fatalf("%s: the fast decoder accepts it, Transition.UnmarshalJSON: %v", b, err)
		}
		gj, _ := json.Marshal(gt)
		wj, _ := json.Marshal(wt)
		if diff := cmp.Diff(wt, gt, opts); diff != "" || !bytes.Equal(gj, wj) {
			t.Fatalf("%s (-UnmarshalJSON +fast):\n%s\n%s\n%s", b, diff, gj, wj)
		}
	} else if diff := cmp.Diff(trial.Transition{}, gt, opts); diff != "" {
		t.Fatalf("%s: the fast decoder failed but set the transition", b)
	}
	return fastState, fastTransition
}

// The fast decoders decode every state and transition MarshalJSON
// writes (without escapes in strings), and their indented forms, as
// UnmarshalJSON does, and every truncation and one-byte change of them
// the same or not at all.
func TestFastDecodersMatchUnmarshalJSON(t *testing.T) {
	for k, tr := range fastCases(t) {
		tb, err := json.Marshal(tr)
		if err != nil {
			t.Fatal(err)
		}
		sb, err := json.Marshal(tr.State)
		if err != nil {
			t.Fatal(err)
		}
		var ti, si bytes.Buffer
		_ = json.Indent(&ti, tb, "", "  ")
		_ = json.Indent(&si, sb, "", "\t")
		escaped := bytes.ContainsRune(tb, '\\') // not the fast form
		for _, in := range [][]byte{tb, ti.Bytes()} {
			if _, ok := sameTransitionDecoding(t, in); !ok && !escaped {
				t.Errorf("%s: not decoded by the fast decoder", in)
			}
		}
		for _, in := range [][]byte{sb, si.Bytes()} {
			if ok, _ := sameTransitionDecoding(t, in); !ok {
				t.Errorf("%s: not decoded by the fast decoder", in)
			}
		}
		for _, in := range [][]byte{tb, sb} {
			if k%3 != 0 {
				break // a third of the cases: they share most of their bytes
			}
			for i := range len(in) {
				sameTransitionDecoding(t, in[:i])
				for _, c := range []byte{'"', '}', ']', '\\', ',', '0', 'x', 0xff} {
					b := bytes.Clone(in)
					b[i] = c
					sameTransitionDecoding(t, b)
				}
			}
			sameTransitionDecoding(t, []byte(strings.ToUpper(string(in))))
		}
	}
}

// FuzzFastDecoders: wherever a fast decoder accepts an input,
// UnmarshalJSON decodes it to the same state or transition.
func FuzzFastDecoders(f *testing.F) {
	tr, in, _ := benchTransition(f)
	f.Add(in)
	sb, _ := json.Marshal(tr.State)
	f.Add(sb)
	f.Add([]byte(`{"allowed":false,"rule":"TRL-02","reason":"length-not-allowed","event":"switch","at":"2024-01-02T00:00:00Z","plan":"vm-6","offer":{"type":"saas","sellThroughMicrosoft":true},"state":{"phase":"trial","plan":"vm-1","market":"SE","months":1,"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z","zone":"UTC","last":"2024-01-01T00:00:00Z"},"effects":[],"end":"2024-02-01T00:00:00Z","months":6,"lengths":[1,3]}`))
	f.Fuzz(func(t *testing.T, b []byte) { sameTransitionDecoding(t, b) })
}

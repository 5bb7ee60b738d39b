//go:build goexperiment.jsonv2

package trial_test

import (
	"encoding/json"
	jsonv2 "encoding/json/v2"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/trial"
)

// The onlyV1 types hide MarshalJSONTo and UnmarshalJSONFrom:
// encoding/json then calls MarshalJSON and UnmarshalJSON, as it does
// without GOEXPERIMENT=jsonv2.
type (
	stateV1      struct{ s *trial.State }
	transitionV1 struct{ t *trial.Transition }
)

func (v stateV1) MarshalJSON() ([]byte, error)      { return v.s.MarshalJSON() }
func (v stateV1) UnmarshalJSON(b []byte) error      { return v.s.UnmarshalJSON(b) }
func (v transitionV1) MarshalJSON() ([]byte, error) { return v.t.MarshalJSON() }
func (v transitionV1) UnmarshalJSON(b []byte) error { return v.t.UnmarshalJSON(b) }

// methodError is the text of the error of the method encoding/json
// called, without the wrapper naming it.
func methodError(err error) string {
	var me *json.MarshalerError
	if errors.As(err, &me) {
		return me.Err.Error()
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// MarshalJSONTo writes the bytes of MarshalJSON, in a slice, with
// encoding/json and encoding/json/v2's defaults, and fails where it
// fails, with its error.
func TestMarshalJSONToMatchesV1(t *testing.T) {
	trs := append(fastCases(t), trial.Transition{Event: 99}, trial.Transition{Offer: trial.Offering{Type: 77}},
		trial.Transition{State: trial.State{Phase: 9}})
	for i, tr := range trs {
		for _, c := range []struct{ got, want any }{
			{[]trial.Transition{tr}, []transitionV1{{&tr}}},
			{[]trial.State{tr.State}, []stateV1{{&tr.State}}},
		} {
			got, err := json.Marshal(c.got)
			want, werr := json.Marshal(c.want)
			if string(got) != string(want) || (err == nil) != (werr == nil) || methodError(err) != methodError(werr) {
				t.Errorf("%d: %s, %v\nwant %s, %v", i, got, err, want, werr)
			}
			got, err = jsonv2.Marshal(c.got)
			want, werr = jsonv2.Marshal(c.want)
			if (err == nil) != (werr == nil) || err == nil && string(got) != string(want) {
				t.Errorf("%d: json/v2 %s, %v\nwant %s, %v", i, got, err, want, werr)
			}
		}
	}
}

// sameUnmarshal fails t unless json.Unmarshal through UnmarshalJSONFrom
// (its fast path or UnmarshalJSON) decodes b, alone and in an array, to
// the state and transition, and the error, it gives through
// UnmarshalJSON alone.
func sameUnmarshal(t *testing.T, b []byte) {
	t.Helper()
	opts := cmp.AllowUnexported(trial.Effects{})
	doc := append(append(append([]byte(`[`), b...), ','), b...)
	doc = append(doc, ']')
	var gs, ws [2]trial.State
	for _, c := range []struct {
		in        []byte
		got, want any
	}{{b, &gs[0], &stateV1{&ws[0]}}, {doc, &gs, &[2]stateV1{{&ws[0]}, {&ws[1]}}}} {
		err, werr := json.Unmarshal(c.in, c.got), json.Unmarshal(c.in, c.want)
		if diff := cmp.Diff(ws, gs); diff != "" || methodError(err) != methodError(werr) {
			t.Fatalf("%s: %v, want %v (-want +got):\n%s", c.in, err, werr, diff)
		}
	}
	var gt, wt [2]trial.Transition
	for _, c := range []struct {
		in        []byte
		got, want any
	}{{b, &gt[0], &transitionV1{&wt[0]}}, {doc, &gt, &[2]transitionV1{{&wt[0]}, {&wt[1]}}}} {
		err, werr := json.Unmarshal(c.in, c.got), json.Unmarshal(c.in, c.want)
		if diff := cmp.Diff(wt, gt, opts); diff != "" || methodError(err) != methodError(werr) {
			t.Fatalf("%s: %v, want %v (-want +got):\n%s", c.in, err, werr, diff)
		}
	}
}

// UnmarshalJSONFrom decodes as UnmarshalJSON does, with the same values
// and errors, on every state and transition of the tests and broken ones.
func TestUnmarshalJSONFromMatchesV1(t *testing.T) {
	for _, tr := range fastCases(t) {
		for _, v := range []any{tr, tr.State} {
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			sameUnmarshal(t, b)
			sameUnmarshal(t, b[:len(b)/2])
		}
	}
	for _, in := range []string{`null`, `{}`, `[]`, `{"phase":"trial"}`, `{"phase":"none","x":1}`, `{"allowed":true}`,
		`{"allowed":false,"effects":[{"type":"notify"}]}`, `{"state":{"phase":"paid"}}`, `{"lengths":[1,"x"]}`} {
		sameUnmarshal(t, []byte(in))
	}
}

// FuzzUnmarshalJSONFrom: json.Unmarshal through UnmarshalJSONFrom
// decodes any input as through UnmarshalJSON alone.
func FuzzUnmarshalJSONFrom(f *testing.F) {
	tr, in, _ := benchTransition(f)
	f.Add(in)
	sb, _ := json.Marshal(tr.State)
	f.Add(sb)
	f.Add([]byte(`{"allowed":false,"effects":[{"type":"notify"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) { sameUnmarshal(t, b) })
}

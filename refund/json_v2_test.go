//go:build goexperiment.jsonv2

package refund_test

import (
	"encoding/json"
	jsonv2 "encoding/json/v2"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/marketrules/marketrules/refund"
)

// onlyV1 hides Decision's MarshalJSONTo and UnmarshalJSONFrom:
// encoding/json then calls MarshalJSON and UnmarshalJSON, as it does
// without GOEXPERIMENT=jsonv2.
type onlyV1 struct{ d *refund.Decision }

func (v onlyV1) MarshalJSON() ([]byte, error) { return v.d.MarshalJSON() }
func (v onlyV1) UnmarshalJSON(b []byte) error { return v.d.UnmarshalJSON(b) }

// methodError is the text of the error of the method encoding/json
// called, without the wrapper naming it (MarshalJSONTo or MarshalJSON).
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

// MarshalJSONTo writes the bytes of MarshalJSON and fails where it fails,
// with its error, on every decision of the JSON tests and random ones.
func TestDecisionMarshalJSONToMatchesV1(t *testing.T) {
	ds := jsonDecisions(t)
	rng := rand.New(rand.NewPCG(9, 10))
	zones := loadZones(t)
	for range 500 {
		if d, err := refund.DefaultPolicy().Decide(randomRequest(rng, zones)); err == nil {
			ds = append(ds, d)
		}
	}
	for i, d := range ds {
		want, werr := json.Marshal([]onlyV1{{&d}})
		got, err := json.Marshal([]refund.Decision{d})
		if string(got) != string(want) || (err == nil) != (werr == nil) || methodError(err) != methodError(werr) {
			t.Errorf("%d: %s, %v\nwant %s, %v", i, got, err, want, werr)
		}
		// encoding/json/v2 with its own defaults (no HTML escapes)
		// reformats MarshalJSON's output as it writes MarshalJSONTo's.
		v2, err2 := jsonv2.Marshal(d)
		want2, werr2 := jsonv2.Marshal(onlyV1{&d})
		if string(v2) != string(want2) || (err2 == nil) != (werr2 == nil) {
			t.Errorf("%d: json/v2 %s, %v\nwant %s, %v", i, v2, err2, want2, werr2)
		}
	}
}

// UnmarshalJSONFrom decodes as UnmarshalJSON does, with the same decision
// and the same error, on every JSON input of the tests, alone and inside
// an array.
func TestDecisionUnmarshalJSONFromMatchesV1(t *testing.T) {
	for _, in := range jsonInputs(t) {
		for _, doc := range []string{in, `[` + in + `,` + in + `]`} {
			var got, want [2]refund.Decision
			var err, werr error
			if doc == in {
				err, werr = json.Unmarshal([]byte(doc), &got[0]), json.Unmarshal([]byte(doc), &onlyV1{&want[0]})
			} else {
				err, werr = json.Unmarshal([]byte(doc), &got), json.Unmarshal([]byte(doc), &[2]onlyV1{{&want[0]}, {&want[1]}})
			}
			if got != want || methodError(err) != methodError(werr) {
				t.Errorf("%.200s:\n%v, %v\nwant %v, %v", doc, got, err, want, werr)
			}
		}
	}
}

// FuzzDecisionUnmarshalJSONFrom: json.Unmarshal through UnmarshalJSONFrom
// (its fast path or UnmarshalJSON) decodes any input, alone and inside an
// array, to the decision and error it gives through UnmarshalJSON alone.
func FuzzDecisionUnmarshalJSONFrom(f *testing.F) {
	_, in, _ := benchDecisions(f)
	f.Add(in)
	for _, in := range brokenJSONInputs() {
		if len(in) < 4096 {
			f.Add([]byte(in))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var got, want [2]refund.Decision
		err, werr := json.Unmarshal(b, &got[0]), json.Unmarshal(b, &onlyV1{&want[0]})
		if got != want || methodError(err) != methodError(werr) {
			t.Fatalf("%s:\n%v, %v\nwant %v, %v", b, got[0], err, want[0], werr)
		}
		doc := append(append(append([]byte(`[`), b...), ','), b...)
		doc = append(doc, ']')
		err, werr = json.Unmarshal(doc, &got), json.Unmarshal(doc, &[2]onlyV1{{&want[0]}, {&want[1]}})
		if got != want || methodError(err) != methodError(werr) {
			t.Fatalf("%s:\n%v, %v\nwant %v, %v", doc, got, err, want, werr)
		}
	})
}

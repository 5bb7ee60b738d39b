//go:build goexperiment.jsonv2

package currency

import (
	"encoding/json"
	jsonv2 "encoding/json/v2"
	"errors"
	"testing"
)

// onlyV1 hides Money's MarshalJSONTo and UnmarshalJSONFrom: encoding/json
// then calls MarshalJSON and UnmarshalJSON, as it does without
// GOEXPERIMENT=jsonv2.
type onlyV1 struct{ m *Money }

func (v onlyV1) MarshalJSON() ([]byte, error)    { return v.m.MarshalJSON() }
func (v onlyV1) UnmarshalJSON(data []byte) error { return v.m.UnmarshalJSON(data) }

// sameError reports whether two errors are the same but for the name of
// the method encoding/json says it called (MarshalJSONTo, MarshalJSON):
// the errors of the methods have the same text.
func sameError(a, b error) bool {
	if (a == nil) != (b == nil) {
		return false
	}
	return a == nil || methodError(a) == methodError(b)
}

func methodError(err error) string {
	var me *json.MarshalerError
	if errors.As(err, &me) {
		return me.Err.Error()
	}
	return err.Error()
}

// MarshalJSONTo writes the bytes of MarshalJSON, alone, in a struct and
// in a slice, and fails where it fails, with the same error.
func TestMoneyMarshalJSONToMatchesV1(t *testing.T) {
	ms := moneyJSONVectors()
	for _, m := range ms {
		want, werr := m.MarshalJSON()
		got, err := json.Marshal(m)
		if !sameError(err, werr) || string(got) != string(want) {
			t.Errorf("%v: json.Marshal %s, %v; MarshalJSON %s, %v", m, got, err, want, werr)
		}
		if werr != nil && !errors.Is(err, ErrUnknownCode) {
			t.Errorf("%v: %v does not wrap ErrUnknownCode", m, err)
		}
		v2, err2 := jsonv2.Marshal(m) // encoding/json/v2 with its own defaults
		if (err2 == nil) != (werr == nil) || string(v2) != string(want) {
			t.Errorf("%v: json/v2 %s, %v; MarshalJSON %s, %v", m, v2, err2, want, werr)
		}
		// In a struct and a slice: the bytes of MarshalJSON there.
		h := struct {
			M  Money   `json:"m"`
			Ms []Money `json:"ms"`
		}{m, []Money{m, {}, m}}
		hv := struct {
			M  onlyV1   `json:"m"`
			Ms []onlyV1 `json:"ms"`
		}{onlyV1{&h.M}, []onlyV1{{&h.Ms[0]}, {&h.Ms[1]}, {&h.Ms[2]}}}
		got, err = json.Marshal(h)
		want, werr = json.Marshal(hv)
		if !sameError(err, werr) || string(got) != string(want) {
			t.Errorf("%v in a struct: %s, %v; want %s, %v", m, got, err, want, werr)
		}
	}
}

// UnmarshalJSONFrom decodes as UnmarshalJSON does, with the same value and
// the same error, on every JSON test input of the package.
func TestMoneyUnmarshalJSONFromMatchesV1(t *testing.T) {
	inputs := moneyJSONInputs()
	for _, in := range inputs {
		var got, want Money
		err := json.Unmarshal([]byte(in), &got)
		werr := json.Unmarshal([]byte(in), &onlyV1{&want})
		if got != want || !sameError(err, werr) {
			t.Errorf("%q: %v, %v; UnmarshalJSON %v, %v", in, got, err, want, werr)
		}
		// In a struct and a slice, where the decoder hands over a value
		// in the middle of its input.
		var gs struct{ M []Money }
		var ws struct{ M []onlyV1 }
		ws.M = []onlyV1{{new(Money)}, {new(Money)}}
		doc := `{"M":[` + in + `,` + in + `]}`
		err = json.Unmarshal([]byte(doc), &gs)
		werr = json.Unmarshal([]byte(doc), &ws)
		if !sameError(err, werr) {
			t.Errorf("%s: %v; UnmarshalJSON %v", doc, err, werr)
		} else if err == nil && (len(gs.M) != 2 || gs.M[0] != *ws.M[0].m || gs.M[1] != *ws.M[1].m) {
			t.Errorf("%s: %v; UnmarshalJSON %v %v", doc, gs.M, *ws.M[0].m, *ws.M[1].m)
		}
	}
}

// Money in a struct encodes with one allocation under encoding/json/v2:
// the output's.
func TestMoneyMarshalJSONToAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _, _ = json.Marshal(&benchHolder) }); n > 1 {
		t.Errorf("%v allocations, want 1", n)
	}
}

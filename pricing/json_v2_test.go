//go:build goexperiment.jsonv2

package pricing_test

import (
	"encoding/json"
	jsonv2 "encoding/json/v2"
	"testing"

	"github.com/marketrules/marketrules/internal/golden"
	"github.com/marketrules/marketrules/pricing"
)

// prorationFields is a Proration without MarshalJSONTo: encoding/json
// marshals it by its fields, as it marshals a Proration without
// GOEXPERIMENT=jsonv2.
type prorationFields pricing.Proration

// MarshalJSONTo writes the bytes encoding/json writes for a Proration's
// fields, alone, in a slice and in a struct, with encoding/json and with
// encoding/json/v2's own defaults (no HTML escapes), and fails where
// encoding/json fails on the fields, with the field's error.
func TestProrationMarshalJSONToMatchesFields(t *testing.T) {
	type holder struct {
		P  pricing.Proration   `json:"p"`
		Ps []pricing.Proration `json:"ps"`
	}
	type holderFields struct {
		P  prorationFields   `json:"p"`
		Ps []prorationFields `json:"ps"`
	}
	for i, p := range jsonProrations(t) {
		pf := prorationFields(p)
		for _, c := range []struct{ got, want any }{
			{p, pf}, {&p, &pf},
			{[]pricing.Proration{p, {}}, []prorationFields{pf, {}}},
			{holder{p, []pricing.Proration{p}}, holderFields{pf, []prorationFields{pf}}},
		} {
			got, err := json.Marshal(c.got)
			want, werr := json.Marshal(c.want)
			if string(got) != string(want) || (err == nil) != (werr == nil) || golden.MarshalError(err) != golden.MarshalError(werr) {
				t.Errorf("%d %T: %.300s, %v\nwant %.300s, %v", i, c.got, got, err, want, werr)
			}
			got, err = jsonv2.Marshal(c.got)
			want, werr = jsonv2.Marshal(c.want)
			if (err == nil) != (werr == nil) || err == nil && string(got) != string(want) {
				t.Errorf("%d %T: json/v2 %.300s, %v\nwant %.300s, %v", i, c.got, got, err, want, werr)
			}
		}
	}
}

//go:build goexperiment.jsonv2

package payout

import (
	"encoding/json"
	jsonv2 "encoding/json/v2"
	"testing"

	"github.com/marketrules/marketrules/internal/golden"
)

// MarshalJSONTo writes the bytes encoding/json writes for a
// Transaction's fields, alone, in a slice and in a struct, with
// encoding/json and with encoding/json/v2's own defaults (but for
// omitempty), and fails where
// encoding/json fails on the fields, with the field's error.
func TestTransactionMarshalJSONToMatchesFields(t *testing.T) {
	type holder struct {
		T  Transaction   `json:"t"`
		Ts []Transaction `json:"ts"`
	}
	type holderFields struct {
		T  transactionJSON   `json:"t"`
		Ts []transactionJSON `json:"ts"`
	}
	for i, tx := range jsonTransactions(t) {
		tf := transactionJSON(tx)
		for _, c := range []struct{ got, want any }{
			{tx, tf}, {&tx, &tf},
			{[]Transaction{tx, {}}, []transactionJSON{tf, {}}},
			{holder{tx, []Transaction{tx}}, holderFields{tf, []transactionJSON{tf}}},
		} {
			got, err := json.Marshal(c.got)
			want, werr := json.Marshal(c.want)
			if string(got) != string(want) || (err == nil) != (werr == nil) || golden.MarshalError(err) != golden.MarshalError(werr) {
				t.Errorf("%d %T: %.300s, %v\nwant %.300s, %v", i, c.got, got, err, want, werr)
			}
			// With encoding/json/v2's defaults but for omitempty, which
			// v2 applies to empty JSON values (not to false): a
			// Transaction's own form keeps encoding/json's.
			got, err = jsonv2.Marshal(c.got)
			want, werr = jsonv2.Marshal(c.want, json.OmitEmptyWithLegacySemantics(true))
			if (err == nil) != (werr == nil) || err == nil && string(got) != string(want) {
				t.Errorf("%d %T: json/v2 %.300s, %v\nwant %.300s, %v", i, c.got, got, err, want, werr)
			}
		}
	}
}

//go:build goexperiment.jsonv2

package payout

import (
	"encoding/json"
	"encoding/json/jsontext"

	"github.com/marketrules/marketrules/internal/jsonx"
)

// transactionJSON is a Transaction without its methods: encoding/json
// marshals it by its fields, as it marshals a Transaction without
// GOEXPERIMENT=jsonv2.
type transactionJSON Transaction

// MarshalJSONTo implements encoding/json/v2's MarshalerTo. Under
// GOEXPERIMENT=jsonv2, and in Go releases where encoding/json runs on
// encoding/json/v2, json.Marshal calls it instead of walking the fields
// by reflection: it writes the bytes encoding/json writes for a
// Transaction's fields (which it marshals without GOEXPERIMENT=jsonv2),
// appended to a buffer on the stack in one pass and checked once as the
// encoder copies them. It fails where encoding/json fails on a field (an
// undefined enum value, an instant RFC 3339 cannot write, an amount in no
// ISO 4217 currency), with an error wrapping that field's error.
func (t Transaction) MarshalJSONTo(enc *jsontext.Encoder) error {
	var buf [512]byte
	b, ok := t.appendJSON(buf[:0])
	if !ok {
		return t.fieldsError()
	}
	return enc.WriteValue(b)
}

// fieldsError returns the error encoding/json gives for t's fields.
func (t Transaction) fieldsError() error {
	_, err := json.Marshal((*transactionJSON)(&t))
	return err
}

// appendJSON appends the JSON encoding/json writes for t's fields, and
// reports false if a field does not marshal.
func (t *Transaction) appendJSON(b []byte) ([]byte, bool) {
	ok, good := true, true
	b = append(b, '{')
	if t.ID != "" {
		b = jsonx.AppendString(jsonx.AppendKey(b, "id"), t.ID, true)
	}
	b, ok = jsonx.AppendTime(jsonx.AppendKey(b, "date"), t.Date)
	good = good && ok
	b, ok = jsonx.AppendText(jsonx.AppendKey(b, "agreement"), t.Agreement)
	good = good && ok
	b, ok = jsonx.AppendText(jsonx.AppendKey(b, "payment"), t.Payment)
	good = good && ok
	b, ok = jsonx.AppendText(jsonx.AppendKey(b, "charge"), t.Charge)
	good = good && ok
	b, ok = jsonx.AppendText(jsonx.AppendKey(b, "type"), t.Type)
	good = good && ok
	if t.Pricing != 0 {
		b, ok = jsonx.AppendText(jsonx.AppendKey(b, "pricing"), t.Pricing)
		good = good && ok
	}
	b, ok = jsonx.AppendMoney(jsonx.AppendKey(b, "gross"), t.Gross)
	good = good && ok
	if !t.Infrastructure.IsZero() {
		b, ok = jsonx.AppendMoney(jsonx.AppendKey(b, "infrastructure"), t.Infrastructure)
		good = good && ok
	}
	if t.Qualified {
		b = append(jsonx.AppendKey(b, "qualified"), "true"...)
	}
	if !t.Collected.IsZero() {
		b, ok = jsonx.AppendTime(jsonx.AppendKey(b, "collected"), t.Collected)
		good = good && ok
	}
	if !t.Invoiced.IsZero() {
		b, ok = jsonx.AppendTime(jsonx.AppendKey(b, "invoiced"), t.Invoiced)
		good = good && ok
	}
	return append(b, '}'), good
}

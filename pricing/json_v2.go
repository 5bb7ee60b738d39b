//go:build goexperiment.jsonv2

package pricing

import (
	"encoding/json"
	"encoding/json/jsontext"
	"strconv"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/jsonx"
)

// prorationJSON is a Proration without its methods: encoding/json
// marshals it as it marshals a Proration without GOEXPERIMENT=jsonv2, by
// its fields.
type prorationJSON Proration

// prorationJSONSize is room for the JSON of a proration with every
// member and plan IDs of a few dozen bytes.
const prorationJSONSize = 1024

// MarshalJSONTo implements encoding/json/v2's MarshalerTo. Under
// GOEXPERIMENT=jsonv2, and in Go releases where encoding/json runs on
// encoding/json/v2, json.Marshal calls it instead of walking the fields
// by reflection: it writes the bytes encoding/json writes for a
// Proration's fields (which it marshals without GOEXPERIMENT=jsonv2),
// appended to a buffer on the stack in one pass and checked once as the
// encoder copies them. It fails where encoding/json fails on a field (an
// undefined enum value, an instant RFC 3339 cannot write, an amount in no
// ISO 4217 currency), with an error wrapping that field's error.
func (p Proration) MarshalJSONTo(enc *jsontext.Encoder) error {
	var buf [prorationJSONSize]byte
	b, ok := p.appendJSON(buf[:0])
	if !ok {
		return p.fieldsError()
	}
	return enc.WriteValue(b)
}

// fieldsError returns the error encoding/json gives for p's fields.
func (p Proration) fieldsError() error {
	_, err := json.Marshal((*prorationJSON)(&p))
	return err
}

// appendJSON appends the JSON encoding/json writes for p's fields, and
// reports false if a field does not marshal.
func (p *Proration) appendJSON(b []byte) ([]byte, bool) {
	ok, good := true, true
	b = append(b, '{')
	b, ok = jsonx.AppendText(jsonx.AppendKey(b, "kind"), p.Kind)
	good = good && ok
	b, ok = jsonx.AppendText(jsonx.AppendKey(b, "direction"), p.Direction)
	good = good && ok
	b, ok = jsonx.AppendText(jsonx.AppendKey(b, "timing"), p.Timing)
	good = good && ok
	b = jsonx.AppendString(jsonx.AppendKey(b, "rule"), string(p.Rule), true)
	b = jsonx.AppendString(jsonx.AppendKey(b, "reason"), string(p.Reason), true)
	b = jsonx.AppendString(jsonx.AppendKey(b, "policy"), p.Policy, true)
	b = jsonx.AppendString(jsonx.AppendKey(b, "fromPlan"), p.FromPlan, true)
	b = strconv.AppendInt(jsonx.AppendKey(b, "fromQuantity"), p.FromQuantity, 10)
	b = jsonx.AppendString(jsonx.AppendKey(b, "toPlan"), p.ToPlan, true)
	b = strconv.AppendInt(jsonx.AppendKey(b, "toQuantity"), p.ToQuantity, 10)
	b, ok = jsonx.AppendTime(jsonx.AppendKey(b, "at"), p.At)
	good = good && ok
	if !p.EffectiveAt.IsZero() {
		b, ok = jsonx.AppendTime(jsonx.AppendKey(b, "effectiveAt"), p.EffectiveAt)
		good = good && ok
	}
	b, ok = appendPeriod(jsonx.AppendKey(b, "period"), p.Period)
	good = good && ok
	b, ok = jsonx.AppendTime(jsonx.AppendKey(b, "termEnd"), p.TermEnd)
	good = good && ok
	b, ok = jsonx.AppendText(jsonx.AppendKey(b, "unit"), p.Unit)
	good = good && ok
	b = strconv.AppendInt(jsonx.AppendKey(b, "used"), p.Used, 10)
	b = strconv.AppendInt(jsonx.AppendKey(b, "total"), p.Total, 10)
	b = jsonx.AppendString(jsonx.AppendKey(b, "zone"), p.Zone, true)
	b, ok = jsonx.AppendText(jsonx.AppendKey(b, "convention"), p.Convention)
	good = good && ok
	if !p.SeatWindowEnd.IsZero() {
		b, ok = jsonx.AppendTime(jsonx.AppendKey(b, "seatWindowEnd"), p.SeatWindowEnd)
		good = good && ok
	}
	if !p.Credited.IsZero() {
		b, ok = appendPeriod(jsonx.AppendKey(b, "credited"), p.Credited)
		good = good && ok
	}
	if p.Term != 0 {
		b, ok = jsonx.AppendText(jsonx.AppendKey(b, "term"), p.Term)
		good = good && ok
	}
	b, ok = jsonx.AppendText(jsonx.AppendKey(b, "payment"), p.Payment)
	good = good && ok
	for _, m := range [...]struct {
		k string
		m currency.Money
	}{{"paid", p.Paid}, {"newPrice", p.NewPrice}, {"credit", p.Credit}, {"charge", p.Charge}, {"kept", p.Kept}, {"net", p.Net}} {
		b, ok = jsonx.AppendMoney(jsonx.AppendKey(b, m.k), m.m)
		good = good && ok
	}
	return append(b, '}'), good
}

// appendPeriod appends the period q as encoding/json writes a
// calendar.Period, and reports false if an instant does not marshal.
func appendPeriod(b []byte, q calendar.Period) ([]byte, bool) {
	b, ok1 := jsonx.AppendTime(jsonx.AppendKey(append(b, '{'), "start"), q.Start)
	b, ok2 := jsonx.AppendTime(jsonx.AppendKey(b, "end"), q.End)
	return append(b, '}'), ok1 && ok2
}

package refund

import (
	"encoding"
	"time"

	"github.com/marketrules/marketrules/internal/jsonx"
)

// MarshalJSON implements [json.Marshaler]. A Decision is a JSON object
// with camelCase members; amounts are {"amount":"12.34","currency":"SEK"},
// instants RFC 3339 with their offset (in UTC if the offset has seconds,
// as local mean times do), enums and the window their text names,
// Remaining a Go duration string ("71h59m59s"). Zero-valued optional
// fields are left out. Instants outside the years 0000 to 9999, which
// RFC 3339 cannot write, make it fail.
//
// It appends the members in one pass, without reflection or a
// re-scan of each amount's and instant's JSON.
func (d Decision) MarshalJSON() ([]byte, error) {
	if b, ok := d.appendJSON(make([]byte, 0, decisionJSONSize)); ok {
		return b, nil
	}
	return d.marshalJSONStd() // the error, as encoding/json reports it
}

// decisionJSONSize is room for the JSON of a decision with a limit and
// every instant.
const decisionJSONSize = 1024

// appendJSON appends the JSON of MarshalJSON to b; it reports false,
// for MarshalJSON to find the error, if a member does not marshal.
func (d *Decision) appendJSON(b []byte) ([]byte, bool) {
	o := jsonx.NewObject(b)
	if d.Charge != 0 {
		name(&o, "charge", d.Charge)
	}
	name(&o, "trigger", d.Trigger)
	if d.Term != 0 {
		name(&o, "term", d.Term)
	}
	if d.Vendor != 0 {
		name(&o, "vendor", d.Vendor)
	}
	o.Bool("allowed", d.Allowed)
	name(&o, "cancel", d.Cancel)
	o.String("rule", string(d.Rule))
	o.String("reason", string(d.Reason))
	name(&o, "settlement", d.Settlement)
	o.Money("paid", d.Paid)
	o.Money("refund", d.Refund)
	o.Money("retained", d.Retained)
	if d.DaysUsed != 0 {
		o.Int("daysUsed", int64(d.DaysUsed))
	}
	if d.DaysPaid != 0 {
		o.Int("daysPaid", int64(d.DaysPaid))
	}
	o.String("window", d.Window.String())
	optionalTime(&o, "windowStart", d.WindowStart)
	optionalTime(&o, "windowEnd", d.WindowEnd)
	o.Time("at", exactJSON(d.At))
	if d.Remaining != 0 {
		o.String("remaining", d.Remaining.String())
	}
	if d.DaysLeft != 0 {
		o.Int("daysLeft", int64(d.DaysLeft))
	}
	if d.Zone != "" {
		o.String("zone", d.Zone)
	}
	optionalTime(&o, "paidUntil", d.PaidUntil)
	optionalTime(&o, "termEnd", d.TermEnd)
	optionalTime(&o, "policyFrom", d.PolicyFrom)
	if d.KeysRevoked {
		o.Bool("keysRevoked", true)
	}
	if !d.Limit.IsZero() {
		l := &d.Limit
		o.Open("limit")
		o.Bool("allowed", l.Allowed)
		o.String("rule", string(l.Rule))
		o.String("reason", string(l.Reason))
		o.Money("limit", l.Limit)
		o.Money("used", l.Used)
		o.Money("available", l.Available)
		o.Money("requested", l.Requested)
		optionalTime(&o, "restoresAt", l.RestoresAt)
		o.Close()
	}
	b, err := o.Bytes()
	return b, err == nil
}

// name appends a member k with the enum v's text, its name, which String
// returns without allocating where MarshalText allocates; an undefined
// value goes through MarshalText for its error.
func name[T interface {
	encoding.TextMarshaler
	Valid() bool
	String() string
}](o *jsonx.Object, k string, v T) {
	if v.Valid() {
		o.String(k, v.String())
		return
	}
	o.Text(k, v)
}

// optionalTime appends an omitzero instant, as MarshalJSON writes
// instants.
func optionalTime(o *jsonx.Object, k string, t time.Time) {
	if !t.IsZero() {
		o.Time(k, exactJSON(t))
	}
}

package refund

import (
	"encoding"
	"strconv"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// MarshalJSON implements [json.Marshaler]. A Decision is a JSON object
// with camelCase members; amounts are {"amount":"12.34","currency":"SEK"},
// instants RFC 3339 with their offset (in UTC if the offset has seconds,
// as local mean times do), enums and the window their text names,
// Remaining a Go duration string ("71h59m59s"). Zero-valued optional
// fields are left out. Instants outside the years 0000 to 9999, which
// RFC 3339 cannot write, make it fail.
//
// It appends the members to one buffer in one pass, without reflection,
// a re-scan of each amount's and instant's JSON, or an allocation per
// member.
func (d Decision) MarshalJSON() ([]byte, error) {
	if b, ok := d.appendJSON(make([]byte, 0, decisionJSONSize)); ok {
		return b, nil
	}
	return d.marshalJSONStd() // the error, as encoding/json reports it
}

// decisionJSONSize is room for the JSON of a decision with a limit and
// every instant.
const decisionJSONSize = 1024

// appendJSON appends the JSON of MarshalJSON to b, the bytes
// encoding/json writes for the mirror struct of marshalJSONStd; it
// reports false, for MarshalJSON to find the error, if a member does not
// marshal (an undefined enum value, an instant RFC 3339 cannot write, an
// amount in no ISO 4217 currency).
func (d *Decision) appendJSON(b []byte) ([]byte, bool) {
	ok := true
	b = append(b, '{')
	if d.Charge != 0 {
		b = appendName(b, &ok, "charge", d.Charge)
	}
	b = appendName(b, &ok, "trigger", d.Trigger)
	if d.Term != 0 {
		b = appendName(b, &ok, "term", d.Term)
	}
	if d.Vendor != 0 {
		b = appendName(b, &ok, "vendor", d.Vendor)
	}
	b = strconv.AppendBool(jsonx.AppendKey(b, "allowed"), d.Allowed)
	b = appendName(b, &ok, "cancel", d.Cancel)
	b = jsonx.AppendString(jsonx.AppendKey(b, "rule"), string(d.Rule), true)
	b = jsonx.AppendString(jsonx.AppendKey(b, "reason"), string(d.Reason), true)
	b = appendName(b, &ok, "settlement", d.Settlement)
	b = appendMoney(b, &ok, "paid", d.Paid)
	b = appendMoney(b, &ok, "refund", d.Refund)
	b = appendMoney(b, &ok, "retained", d.Retained)
	if d.DaysUsed != 0 {
		b = strconv.AppendInt(jsonx.AppendKey(b, "daysUsed"), int64(d.DaysUsed), 10)
	}
	if d.DaysPaid != 0 {
		b = strconv.AppendInt(jsonx.AppendKey(b, "daysPaid"), int64(d.DaysPaid), 10)
	}
	b = append(d.Window.appendText(append(jsonx.AppendKey(b, "window"), '"')), '"') // never escaped
	b = appendTime(b, &ok, "windowStart", d.WindowStart, true)
	b = appendTime(b, &ok, "windowEnd", d.WindowEnd, true)
	b = appendTime(b, &ok, "at", d.At, false)
	if d.Remaining != 0 {
		b = jsonx.AppendString(jsonx.AppendKey(b, "remaining"), d.Remaining.String(), true)
	}
	if d.DaysLeft != 0 {
		b = strconv.AppendInt(jsonx.AppendKey(b, "daysLeft"), int64(d.DaysLeft), 10)
	}
	if d.Zone != "" {
		b = jsonx.AppendString(jsonx.AppendKey(b, "zone"), d.Zone, true)
	}
	b = appendTime(b, &ok, "paidUntil", d.PaidUntil, true)
	b = appendTime(b, &ok, "termEnd", d.TermEnd, true)
	b = appendTime(b, &ok, "policyFrom", d.PolicyFrom, true)
	if d.KeysRevoked {
		b = append(jsonx.AppendKey(b, "keysRevoked"), "true"...)
	}
	if !d.Limit.IsZero() {
		l := &d.Limit
		b = append(jsonx.AppendKey(b, "limit"), '{')
		b = strconv.AppendBool(jsonx.AppendKey(b, "allowed"), l.Allowed)
		b = jsonx.AppendString(jsonx.AppendKey(b, "rule"), string(l.Rule), true)
		b = jsonx.AppendString(jsonx.AppendKey(b, "reason"), string(l.Reason), true)
		b = appendMoney(b, &ok, "limit", l.Limit)
		b = appendMoney(b, &ok, "used", l.Used)
		b = appendMoney(b, &ok, "available", l.Available)
		b = appendMoney(b, &ok, "requested", l.Requested)
		b = appendTime(b, &ok, "restoresAt", l.RestoresAt, true)
		b = append(b, '}')
	}
	return append(b, '}'), ok
}

// appendName appends a member k with the enum v's text, its name, which
// String returns without allocating where MarshalText allocates; an
// undefined value goes through MarshalText, and clears *ok if that fails.
func appendName[T interface {
	encoding.TextMarshaler
	Valid() bool
	String() string
}](b []byte, ok *bool, k string, v T) []byte {
	b = jsonx.AppendKey(b, k)
	if v.Valid() {
		return jsonx.AppendString(b, v.String(), true)
	}
	t, err := v.MarshalText()
	if err != nil {
		*ok = false
	}
	return jsonx.AppendString(b, string(t), true)
}

// appendMoney appends a member k with m as currency.Money.MarshalJSON
// writes it, and clears *ok where that fails.
func appendMoney(b []byte, ok *bool, k string, m currency.Money) []byte {
	b, good := jsonx.AppendMoney(jsonx.AppendKey(b, k), m)
	*ok = *ok && good
	return b
}

// appendTime appends a member k with the instant t (in UTC if its offset
// has seconds) as time.Time.MarshalJSON writes it, RFC 3339 with
// nanoseconds, and clears *ok where that fails (a year outside 0–9999, a
// zone hour from 24); a zero t is left out if omitZero. It looks t's zone
// up once: the clock time is formatted in UTC and the offset appended.
func appendTime(b []byte, ok *bool, k string, t time.Time, omitZero bool) []byte {
	if omitZero && t.IsZero() {
		return b
	}
	b = append(jsonx.AppendKey(b, k), '"')
	_, off := t.Zone()
	if off%60 != 0 {
		t, off = t.UTC(), 0 // exactJSON
	}
	n := len(b)
	b = t.Add(time.Duration(off)*time.Second).UTC().AppendFormat(b, time.RFC3339Nano)
	if len(b) < n+len("9999-") || b[n+len("9999")] != '-' || off <= -24*3600 || off >= 24*3600 {
		*ok = false // time.Time.MarshalJSON's checks
		return append(b, '"')
	}
	b = b[:len(b)-1] // the Z
	switch {
	case off == 0:
		b = append(b, 'Z')
	case off < 0:
		b, off = append(b, '-'), -off
	default:
		b = append(b, '+')
	}
	if off != 0 {
		h, m := off/3600, off/60%60
		b = append(b, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10))
	}
	return append(b, '"')
}

// unmarshalFast decodes b as UnmarshalJSON does, if b is in the form
// MarshalJSON writes (white space aside) and holds a valid decision:
// members known and each once, strings without escapes, amounts and
// instants as their own decoders accept them. It reports false, having
// set nothing, for anything else, which UnmarshalJSON's jsonx path then
// decodes or refuses with its problems. FuzzDecisionUnmarshalFast holds
// the two paths to the same decision wherever this one succeeds.
func (d *Decision) unmarshalFast(b []byte) bool {
	if len(b) > MaxJSONSize {
		return false
	}
	f := jsonx.NewFast(b)
	var out Decision
	f.Members(func(name []byte) uint64 {
		switch string(name) {
		case "charge":
			out.Charge = jsonx.Name[ChargeType](&f, kindNames.Names)
			return 1 << 0
		case "trigger":
			out.Trigger = jsonx.Name[Trigger](&f, eventNames.Names)
			return 1 << 1
		case "term":
			out.Term = fastTerm(&f)
			return 1 << 2
		case "vendor":
			out.Vendor = jsonx.Name[Vendor](&f, vendorNames.Names)
			return 1 << 3
		case "allowed":
			out.Allowed = f.Bool()
			return 1 << 4
		case "cancel":
			out.Cancel = jsonx.Name[CancelOption](&f, cancelNames.Names)
			return 1 << 5
		case "rule":
			out.Rule = rule.ID(f.String())
			return 1 << 6
		case "reason":
			out.Reason = rule.Reason(f.String())
			return 1 << 7
		case "settlement":
			out.Settlement = jsonx.Name[Settlement](&f, basisNames.Names)
			return 1 << 8
		case "paid":
			f.Money(&out.Paid)
			return 1 << 9
		case "refund":
			f.Money(&out.Refund)
			return 1 << 10
		case "retained":
			f.Money(&out.Retained)
			return 1 << 11
		case "daysUsed":
			out.DaysUsed = f.IntN()
			return 1 << 12
		case "daysPaid":
			out.DaysPaid = f.IntN()
			return 1 << 13
		case "window":
			out.Window = fastWindow(&f)
			return 1 << 14
		case "windowStart":
			f.Time(&out.WindowStart)
			return 1 << 15
		case "windowEnd":
			f.Time(&out.WindowEnd)
			return 1 << 16
		case "at":
			f.Time(&out.At)
			return 1 << 17
		case "remaining":
			if s := f.String(); len(s) > 0 {
				r, err := time.ParseDuration(string(s))
				if err != nil {
					f.Fail()
				}
				out.Remaining = r
			}
			return 1 << 18
		case "daysLeft":
			out.DaysLeft = f.IntN()
			return 1 << 19
		case "zone":
			out.Zone = string(f.String())
			return 1 << 20
		case "paidUntil":
			f.Time(&out.PaidUntil)
			return 1 << 21
		case "termEnd":
			f.Time(&out.TermEnd)
			return 1 << 22
		case "policyFrom":
			f.Time(&out.PolicyFrom)
			return 1 << 23
		case "keysRevoked":
			out.KeysRevoked = f.Bool()
			return 1 << 24
		case "limit":
			out.Limit.unmarshalFast(&f)
			return 1 << 25
		default:
			return 0
		}
	})
	if !f.Done() || len(out.check(nil)) > 0 {
		return false
	}
	*d = out
	return true
}

// unmarshalFast reads the members of the limit's object for
// Decision.unmarshalFast.
func (l *Limit) unmarshalFast(f *jsonx.Fast) {
	f.Open()
	f.Members(func(name []byte) uint64 {
		switch string(name) {
		case "allowed":
			l.Allowed = f.Bool()
			return 1 << 0
		case "rule":
			l.Rule = rule.ID(f.String())
			return 1 << 1
		case "reason":
			l.Reason = rule.Reason(f.String())
			return 1 << 2
		case "limit":
			f.Money(&l.Limit)
			return 1 << 3
		case "used":
			f.Money(&l.Used)
			return 1 << 4
		case "available":
			f.Money(&l.Available)
			return 1 << 5
		case "requested":
			f.Money(&l.Requested)
			return 1 << 6
		case "restoresAt":
			f.Time(&l.RestoresAt)
			return 1 << 7
		}
		return 0
	})
}

// fastTerm reads a plan.Term as MarshalText writes it, as jsonx.Name
// reads an enum.
func fastTerm(f *jsonx.Fast) plan.Term {
	s := f.String()
	for t := plan.Term(1); t.Valid(); t++ {
		if string(s) == t.String() {
			return t
		}
	}
	f.Fail()
	return 0
}

// fastWindow reads a Window with ParseWindow, as its UnmarshalText does.
func fastWindow(f *jsonx.Fast) Window {
	s := f.String()
	if f.Failed() {
		return Window{}
	}
	w, err := ParseWindow(string(s))
	if err != nil {
		f.Fail()
	}
	return w
}

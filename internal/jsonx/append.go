package jsonx

import (
	"bytes"
	"encoding"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
)

// Object appends a JSON object member by member, for a type's MarshalJSON
// that writes all its fields itself instead of marshaling a mirror struct
// with encoding/json (which walks it by reflection and re-scans each
// nested MarshalJSON's output, before the caller's encoder scans it all
// again). It writes exactly what encoding/json writes for the same values:
// strings escaped as encoding/json escapes them, instants as
// time.Time.MarshalJSON, money as currency.Money.MarshalJSON, text as
// MarshalText. The first failure (a value whose own marshaling fails) is
// kept and reported by [Object.Bytes]; the type's MarshalJSON then falls
// back to encoding/json for its error.
type Object struct {
	b   []byte
	n   int // members written in the innermost open object
	err error
}

// NewObject starts an object appended to b.
func NewObject(b []byte) Object { return Object{b: append(b, '{')} }

// Bytes closes the object and returns it, or the first failure.
func (o *Object) Bytes() ([]byte, error) {
	if o.err != nil {
		return nil, o.err
	}
	return append(o.b, '}'), nil
}

// Key appends the name of the next member, k (which must need no
// escape); its value follows.
func (o *Object) Key(k string) {
	if o.n > 0 {
		o.b = append(o.b, ',')
	}
	o.n++
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

// Open starts a member k whose value is an object; Close ends it.
func (o *Object) Open(k string) {
	o.Key(k)
	o.b = append(o.b, '{')
	o.n = 0
}

// Close ends the innermost object that Open started.
func (o *Object) Close() {
	o.b = append(o.b, '}')
	o.n = 1 // the enclosing object holds at least this member
}

// String appends a member k with the string s.
func (o *Object) String(k, s string) {
	o.Key(k)
	o.b = AppendString(o.b, s, true)
}

// Int appends a member k with the number n.
func (o *Object) Int(k string, n int64) {
	o.Key(k)
	o.b = strconv.AppendInt(o.b, n, 10)
}

// Bool appends a member k with the boolean v.
func (o *Object) Bool(k string, v bool) {
	o.Key(k)
	o.b = strconv.AppendBool(o.b, v)
}

// Text appends a member k with v's MarshalText as a string.
func (o *Object) Text(k string, v encoding.TextMarshaler) {
	o.Key(k)
	var ok bool
	if o.b, ok = AppendText(o.b, v); !ok {
		_, err := v.MarshalText()
		o.fail(err)
	}
}

// Time appends a member k with the instant t as time.Time.MarshalJSON
// writes it (RFC 3339 with nanoseconds), failing as it fails.
func (o *Object) Time(k string, t time.Time) {
	o.Key(k)
	var ok bool
	if o.b, ok = AppendTime(o.b, t); !ok {
		_, err := t.MarshalJSON()
		o.fail(err)
	}
}

// Money appends a member k with m as currency.Money.MarshalJSON writes
// it, failing as it fails.
func (o *Object) Money(k string, m currency.Money) {
	o.Key(k)
	var ok bool
	if o.b, ok = AppendMoney(o.b, m); !ok {
		_, err := m.MarshalJSON()
		o.fail(err)
	}
}

// The Append functions append a value as encoding/json writes it and
// report whether it marshals, for a type's MarshalJSON that appends its
// members to one buffer and, if one fails, calls encoding/json for the
// error. Unlike [Object], they keep a buffer on the caller's stack there
// (no pointer to it is stored).

// AppendKey appends the name k (which must need no escape) of the next
// member of the object b ends in, after a comma unless it is the first.
func AppendKey(b []byte, k string) []byte {
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, k...)
	return append(b, '"', ':')
}

// AppendTime appends t as time.Time.MarshalJSON writes it, RFC 3339 with
// nanoseconds (time.Time.AppendText between quotes), and reports false
// where that fails (a year outside 0 to 9999, a zone hour from 24).
func AppendTime(b []byte, t time.Time) ([]byte, bool) {
	b = append(b, '"')
	if out, err := t.AppendText(b); err == nil {
		return append(out, '"'), true
	}
	return append(b, '"'), false
}

// AppendMoney appends m as currency.Money.MarshalJSON writes it, and
// reports false where that fails (a code outside ISO 4217).
func AppendMoney(b []byte, m currency.Money) ([]byte, bool) {
	return m.AppendJSON(b), m.Code().Valid() || m == (currency.Money{})
}

// AppendText appends v's MarshalText as a string, as encoding/json
// writes it, and reports false where MarshalText fails.
func AppendText(b []byte, v encoding.TextMarshaler) ([]byte, bool) {
	t, err := v.MarshalText()
	if err != nil {
		return b, false
	}
	return appendStringBytes(b, t, true), true
}

func (o *Object) fail(err error) {
	if o.err == nil {
		o.err = err
	}
}

// AppendString appends s as a JSON string as encoding/json writes it, in
// one pass when s is printable ASCII that needs no escape, through
// encoding/json otherwise. With escapeHTML it escapes HTML's <, > and &
// as json.Marshal does; without, it leaves them for the encoder that
// calls a MarshalJSON method, which escapes them or not as it was told.
func AppendString(b []byte, s string, escapeHTML bool) []byte {
	plain := &plainText
	if escapeHTML {
		plain = &plainHTML
	}
	for i := range len(s) {
		if !plain[s[i]] {
			var q bytes.Buffer
			enc := json.NewEncoder(&q)
			enc.SetEscapeHTML(escapeHTML)
			_ = enc.Encode(s) // a string always encodes
			return append(b, bytes.TrimSuffix(q.Bytes(), []byte{'\n'})...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// appendStringBytes is AppendString of the string t, without converting
// it where it needs no escape.
func appendStringBytes(b, t []byte, escapeHTML bool) []byte {
	plain := &plainText
	if escapeHTML {
		plain = &plainHTML
	}
	for _, c := range t {
		if !plain[c] {
			return AppendString(b, string(t), escapeHTML)
		}
	}
	return append(append(append(b, '"'), t...), '"')
}

// plainHTML and plainText hold the bytes encoding/json writes as
// themselves in a string: printable ASCII but for " and \, and, in
// plainHTML, but for <, > and &. Never written.
var plainHTML, plainText = plainBytes(`"\<>&`), plainBytes(`"\`)

func plainBytes(escaped string) (t [256]bool) {
	for c := ' '; c < 0x7f; c++ {
		t[c] = !strings.ContainsRune(escaped, c)
	}
	return t
}

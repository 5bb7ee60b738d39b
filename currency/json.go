package currency

import (
	"bytes"
	"encoding/json"
)

// MarshalJSON implements [json.Marshaler]. Money is an object with the
// amount as a string, never a float, with exactly the currency's decimal
// places: {"amount":"12.34","currency":"SEK"}, {"amount":"1235","currency":"JPY"}.
// The zero Money is null. A Money in a code outside ISO 4217 is an error
// wrapping [ErrUnknownCode].
func (m Money) MarshalJSON() ([]byte, error) {
	if !m.code.Valid() && m != (Money{}) {
		return nil, m.code.invalid("money")
	}
	return m.AppendJSON(make([]byte, 0, 48)), nil
}

// AppendJSON appends the JSON form of [Money.MarshalJSON] to b; for a
// Money in a code outside ISO 4217 it writes the code as
// "currency.Code(9999)", which does not decode: use MarshalJSON to get an
// error instead.
func (m Money) AppendJSON(b []byte) []byte {
	if m == (Money{}) {
		return append(b, "null"...)
	}
	b = append(b, `{"amount":"`...)
	b = appendAmount(b, m.minor, m.code.Digits())
	b = append(b, `","currency":"`...)
	b = append(b, m.code.String()...)
	return append(b, `"}`...)
}

// UnmarshalJSON implements [json.Unmarshaler] for the form written by
// [Money.MarshalJSON]. Both fields are required and must be strings; the
// amount is parsed exactly ([ParseAmount]: "12.345" for USD is an error);
// unknown fields are rejected. null gives the zero Money.
func (m *Money) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		*m = Money{}
		return nil
	}
	if r, ok := decodeMoney(data); ok {
		*m = r
		return nil
	}
	return m.unmarshalJSONStd(data)
}

// decodeMoney decodes the common form of a JSON Money without
// encoding/json and without allocating: an object of exactly the members
// "amount" and "currency" (in either order, each once), whose values are
// strings of printable ASCII without escapes, holding a known code and an
// exact amount, and nothing but white space after it. It reports false
// for anything else, which unmarshalJSONStd then decodes or refuses with
// its errors: what decodeMoney accepts, unmarshalJSONStd accepts with the
// same value (FuzzMoneyUnmarshalJSON holds the two to it).
func decodeMoney(data []byte) (Money, bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return Money{}, false
	}
	var amount, code []byte
	var haveAmount, haveCode bool
	i++
	for k := range 2 {
		i = skipSpace(data, i)
		if k == 1 {
			if i >= len(data) || data[i] != ',' {
				return Money{}, false
			}
			i = skipSpace(data, i+1)
		}
		key, j, ok := plainString(data, i)
		if !ok {
			return Money{}, false
		}
		j = skipSpace(data, j)
		if j >= len(data) || data[j] != ':' {
			return Money{}, false
		}
		val, j, ok := plainString(data, skipSpace(data, j+1))
		if !ok {
			return Money{}, false
		}
		switch {
		case string(key) == "amount" && !haveAmount:
			amount, haveAmount = val, true
		case string(key) == "currency" && !haveCode:
			code, haveCode = val, true
		default:
			return Money{}, false
		}
		i = j
	}
	i = skipSpace(data, i)
	if i >= len(data) || data[i] != '}' || skipSpace(data, i+1) != len(data) {
		return Money{}, false
	}
	c, ok := lookupCode(string(code))
	if !ok {
		return Money{}, false
	}
	digits := c.Digits()
	d, err := parseDecimal(string(amount), digits)
	if err != nil || !d.exact() {
		return Money{}, false
	}
	v, ok := d.toMinor(digits)
	if !ok {
		return Money{}, false
	}
	return Money{v, c}, true
}

// skipSpace returns the offset of the first byte at or after i that is
// not JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// plainString returns the contents of the JSON string at b[i] and the
// offset after it, if it is one of printable ASCII without escapes.
func plainString(b []byte, i int) ([]byte, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, i, false
	}
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			return b[i+1 : j], j + 1, true
		case c < 0x20 || c >= 0x7f || c == '\\':
			return nil, i, false
		}
	}
	return nil, i, false
}

// unmarshalJSONStd is UnmarshalJSON through encoding/json: the reference
// for decodeMoney and the decoder of every form it leaves.
func (m *Money) unmarshalJSONStd(data []byte) error {
	var v struct {
		Amount   *string `json:"amount"`
		Currency *string `json:"currency"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return &ParseError{Kind: "JSON money", Input: string(data), Err: ErrSyntax, Detail: err.Error()}
	}
	switch {
	case v.Amount == nil:
		return &ParseError{Kind: "JSON money", Input: string(data), Err: ErrSyntax, Detail: `missing "amount"`}
	case v.Currency == nil:
		return &ParseError{Kind: "JSON money", Input: string(data), Err: ErrSyntax, Detail: `missing "currency"`}
	}
	c, err := ParseCode(*v.Currency)
	if err != nil {
		return err
	}
	r, err := ParseAmount(*v.Amount, c)
	if err != nil {
		return err
	}
	*m = r
	return nil
}

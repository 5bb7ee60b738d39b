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

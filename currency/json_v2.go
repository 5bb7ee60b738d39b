//go:build goexperiment.jsonv2

package currency

import "encoding/json/jsontext"

// MarshalJSONTo implements encoding/json/v2's MarshalerTo: it writes to
// enc the same bytes as [Money.MarshalJSON] and fails as it fails (a Money
// in a code outside ISO 4217 is an error wrapping [ErrUnknownCode]).
//
// Under GOEXPERIMENT=jsonv2, and in Go releases where encoding/json runs
// on encoding/json/v2, json.Marshal calls this method instead of
// MarshalJSON, and encoding skips the re-scan: the JSON is appended to
// the encoder's own buffer and checked once as it is written, where the
// original encoding/json allocates MarshalJSON's output, then scans and
// compacts it into its buffer. A struct holding Money then encodes within
// a few percent of the same shape in plain strings (without the
// experiment, about three times slower).
func (m Money) MarshalJSONTo(enc *jsontext.Encoder) error {
	if !m.code.Valid() && m != (Money{}) {
		_, err := m.MarshalJSON()
		return err
	}
	return enc.WriteValue(m.AppendJSON(enc.AvailableBuffer()))
}

// UnmarshalJSONFrom implements encoding/json/v2's UnmarshalerFrom: it
// reads one JSON value from dec and decodes it as [Money.UnmarshalJSON]
// does, with the same checks and errors.
func (m *Money) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	return m.UnmarshalJSON(v)
}

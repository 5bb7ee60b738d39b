//go:build goexperiment.jsonv2

package refund

import "encoding/json/jsontext"

// MarshalJSONTo implements encoding/json/v2's MarshalerTo: it writes to
// enc the same bytes as [Decision.MarshalJSON] and fails as it fails.
// Under GOEXPERIMENT=jsonv2, and in Go releases where encoding/json runs
// on encoding/json/v2, json.Marshal calls it instead of MarshalJSON and
// skips the re-scan: the JSON is appended to a buffer on the stack and
// checked once as the encoder copies it, where the original encoding/json
// scans and compacts MarshalJSON's output.
func (d Decision) MarshalJSONTo(enc *jsontext.Encoder) error {
	var buf [decisionJSONSize]byte // on the stack: the encoder's own spare buffer is 64 bytes
	b, ok := d.appendJSON(buf[:0])
	if !ok {
		_, err := d.MarshalJSON()
		return err
	}
	return enc.WriteValue(b)
}

// UnmarshalJSONFrom implements encoding/json/v2's UnmarshalerFrom: it
// reads one JSON value from dec and decodes it as
// [Decision.UnmarshalJSON] does, with the same checks and errors. A
// decision in the form MarshalJSON writes is read in one pass over the
// value, without reflection; anything else goes through UnmarshalJSON.
func (d *Decision) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	return d.UnmarshalJSON(v)
}

//go:build goexperiment.jsonv2

package trial

import "encoding/json/jsontext"

// MarshalJSONTo implements encoding/json/v2's MarshalerTo: it writes to
// enc the same bytes as [State.MarshalJSON] and fails as it fails. Under
// GOEXPERIMENT=jsonv2, and in Go releases where encoding/json runs on
// encoding/json/v2, json.Marshal calls it instead of MarshalJSON: the
// JSON is appended to a buffer on the stack and checked once as the
// encoder copies it.
func (s State) MarshalJSONTo(enc *jsontext.Encoder) error {
	var buf [512]byte
	b, err := s.appendJSON(buf[:0])
	if err != nil {
		return err
	}
	return enc.WriteValue(b)
}

// UnmarshalJSONFrom implements encoding/json/v2's UnmarshalerFrom: it
// reads one JSON value from dec and decodes it as [State.UnmarshalJSON]
// does, with the same checks and errors (in one pass without reflection
// where it is in the form MarshalJSON writes).
func (s *State) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	return s.UnmarshalJSON(v)
}

// MarshalJSONTo implements encoding/json/v2's MarshalerTo: it writes to
// enc the same bytes as [Transition.MarshalJSON] and fails as it fails,
// appending them to a buffer on the stack, as [State.MarshalJSONTo]
// does.
func (t Transition) MarshalJSONTo(enc *jsontext.Encoder) error {
	var buf [transitionJSONSize]byte
	b, err := t.appendJSON(buf[:0])
	if err != nil {
		return err
	}
	return enc.WriteValue(b)
}

// UnmarshalJSONFrom implements encoding/json/v2's UnmarshalerFrom: it
// reads one JSON value from dec and decodes it as
// [Transition.UnmarshalJSON] does, with the same checks and errors.
func (t *Transition) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	return t.UnmarshalJSON(v)
}

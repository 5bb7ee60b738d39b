package market

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// ErrDuplicate is wrapped by the error for a market listed twice where a
// list must name each market once, such as a [Set] in JSON.
var ErrDuplicate = errors.New("duplicate market")

// String returns the codes of the set in code order, separated by single
// spaces: "DE SE". The empty set is "".
func (s Set) String() string {
	var b strings.Builder
	b.Grow(3 * s.Len())
	for c := range s.All() {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.String())
	}
	return b.String()
}

// MarshalJSON implements [json.Marshaler]: the set is a JSON array of its
// codes in code order, ["DE","SE"]; the empty set is [].
func (s Set) MarshalJSON() ([]byte, error) {
	n := s.Len()
	b := make([]byte, 0, 2+5*n)
	b = append(b, '[')
	for c := range s.All() {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, c.String()...)
		b = append(b, '"')
	}
	return append(b, ']'), nil
}

// UnmarshalJSON implements [json.Unmarshaler]. It accepts a JSON array of
// strings, each a market code in any case (["de","SE"]), in any order, and
// replaces the set's contents with those markets; [] is the empty set,
// and null leaves the set unchanged (encoding/json's convention).
//
// Anything else is an error and leaves the set unchanged: a value that is
// not an array, an element that is not a string, a code
// that is not a market (the error names the element and its index,
// `market: markets[3]: unknown market "XX"`, and wraps [ErrUnknown] and an
// [*UnknownError]), or a market listed twice (the error names it and
// wraps [ErrDuplicate]).
func (s *Set) UnmarshalJSON(b []byte) error {
	if v := trimJSONSpace(b); string(bytes.TrimRight(v, " \t\r\n")) == "null" {
		return nil // encoding/json's convention: null leaves the value unchanged
	} else if len(v) == 0 || v[0] != '[' {
		return &jsonError{index: -1, err: errors.New("want a JSON array of market codes, got " + jsonKind(v))}
	}
	if t, ok := decodeSet(b); ok {
		*s = t
		return nil
	}
	return s.unmarshalJSONStd(b)
}

// decodeSet decodes the common form of a JSON Set without encoding/json
// and without allocating: an array of strings of printable ASCII without
// escapes, each a known market listed once, and nothing but white space
// around it. It reports false for anything else, which unmarshalJSONStd
// then decodes or refuses with its errors: what decodeSet accepts,
// unmarshalJSONStd accepts with the same value (FuzzSetUnmarshalJSON
// holds the two to it).
func decodeSet(b []byte) (Set, bool) {
	var t Set
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return t, false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return t, skipSpace(b, i+1) == len(b)
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return t, false
		}
		j := i + 1
		for j < len(b) && b[j] != '"' {
			if c := b[j]; c < 0x20 || c >= 0x7f || c == '\\' {
				return t, false
			}
			j++
		}
		if j >= len(b) {
			return t, false
		}
		c, ok := lookup(string(b[i+1 : j]))
		if !ok || t.Has(c) {
			return t, false
		}
		t.Add(c)
		i = skipSpace(b, j+1)
		if i >= len(b) {
			return t, false
		}
		if b[i] == ']' {
			return t, skipSpace(b, i+1) == len(b)
		}
		if b[i] != ',' {
			return t, false
		}
		i = skipSpace(b, i+1)
	}
}

// skipSpace returns the offset of the first byte at or after i that is
// not JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// unmarshalJSONStd is UnmarshalJSON's decoding of an array through
// encoding/json: the reference for decodeSet and the decoder of every
// form it leaves.
func (s *Set) unmarshalJSONStd(b []byte) error {
	var elems []json.RawMessage
	if err := json.Unmarshal(b, &elems); err != nil {
		return &jsonError{index: -1, err: err}
	}
	var t Set
	for i, e := range elems {
		if len(e) == 0 || e[0] != '"' {
			return &jsonError{index: i, err: errors.New("want a market code, got " + jsonKind(e))}
		}
		var code string
		if err := json.Unmarshal(e, &code); err != nil {
			return &jsonError{index: i, err: err}
		}
		c, err := Parse(code)
		if err != nil {
			return &jsonError{index: i, err: err}
		}
		if t.Has(c) {
			return &jsonError{index: i, err: &duplicateError{code: c}}
		}
		t.Add(c)
	}
	*s = t
	return nil
}

// trimJSONSpace returns b without its leading JSON white space (which is
// narrower than Unicode's: only space, tab, line feed, carriage return).
func trimJSONSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r') {
		b = b[1:]
	}
	return b
}

// jsonKind names the kind of JSON value b starts.
func jsonKind(b []byte) string {
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "an object"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '[':
		return "an array"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "a number"
	}
	return "invalid JSON"
}

// jsonError is an error decoding a Set from JSON: of the whole value
// (index -1) or of the element at index.
type jsonError struct {
	index int
	err   error
}

func (e *jsonError) Error() string {
	msg := e.err.Error()
	var u *UnknownError
	if errors.As(e.err, &u) {
		msg = u.message()
	}
	if e.index < 0 {
		return "market: " + msg
	}
	return "market: markets[" + strconv.Itoa(e.index) + "]: " + msg
}

func (e *jsonError) Unwrap() error { return e.err }

// duplicateError reports a market listed twice.
type duplicateError struct{ code Code }

func (e *duplicateError) Error() string {
	return ErrDuplicate.Error() + " " + strconv.Quote(e.code.String())
}

func (e *duplicateError) Unwrap() error { return ErrDuplicate }

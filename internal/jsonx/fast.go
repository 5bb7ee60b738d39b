package jsonx

import (
	"time"
	"unicode/utf8"

	"github.com/marketrules/marketrules/currency"
)

// Fast reads the common form of a JSON object without reflection or
// allocation, for a type's UnmarshalJSON to try before [Decode]: members
// whose names are strings without escapes, values that are strings of
// valid UTF-8 without escapes, booleans, integers in int64 range without
// fraction or exponent, null where the caller asks for it ([Fast.Null]),
// and nested objects and arrays of them, with optional white space.
// Anything else (escapes, floats, malformed JSON, a value of the wrong
// kind) makes it fail, and the failure is sticky: [Fast.Done] then
// reports false, and the caller decodes the same input with Decode, which
// finds the problems and gives them their paths. What Fast accepts is
// valid JSON whose values Decode reads the same way (a string's contents
// as they are, an integer as setInt reads it, an instant and an amount
// with their own decoders), so a type's fast path decodes as its Decode
// path does wherever it succeeds; each caller's fuzz target holds the two
// to it.
type Fast struct {
	b      []byte
	i      int
	failed bool
	first  bool // the next member is the first of its object
}

// NewFast starts reading data, which must hold one JSON object.
func NewFast(data []byte) Fast {
	f := Fast{b: data}
	f.Open()
	return f
}

func (f *Fast) ws() {
	b, i := f.b, f.i
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	f.i = i
}

// fail marks the input as not in the fast form.
func (f *Fast) fail() { f.failed, f.i = true, len(f.b) }

// Fail marks the input as not in the fast form, for a value the caller
// cannot decode from what Fast read (a bad enum name, an unknown member).
func (f *Fast) Fail() { f.fail() }

// Failed reports whether reading has failed.
func (f *Fast) Failed() bool { return f.failed }

// Open reads the start of an object, the value of the member just named.
func (f *Fast) Open() {
	f.ws()
	if f.i >= len(f.b) || f.b[f.i] != '{' {
		f.fail()
		return
	}
	f.i++
	f.first = true
}

// Next returns the name of the next member of the innermost open object,
// whose value is read next, or reports false at the object's end (which
// it reads) or after a failure.
func (f *Fast) Next() ([]byte, bool) {
	f.ws()
	if f.i >= len(f.b) {
		f.fail()
		return nil, false
	}
	if f.b[f.i] == '}' {
		f.i++
		f.first = false
		return nil, false
	}
	if !f.first {
		if f.b[f.i] != ',' {
			f.fail()
			return nil, false
		}
		f.i++
		f.ws()
	}
	f.first = false
	name := f.String()
	f.ws()
	if f.i >= len(f.b) || f.b[f.i] != ':' {
		f.fail()
		return nil, false
	}
	f.i++
	return name, !f.failed
}

// String reads a string value and returns its contents (a slice of the
// input).
func (f *Fast) String() []byte {
	f.ws()
	b := f.b
	if f.i >= len(b) || b[f.i] != '"' {
		f.fail()
		return nil
	}
	start := f.i + 1
	for i := start; i < len(b); {
		switch c := b[i]; {
		case c == '"':
			f.i = i + 1
			return b[start:i]
		case c < 0x20 || c == '\\':
			f.fail()
			return nil
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				f.fail()
				return nil
			}
			i += size
		}
	}
	f.fail()
	return nil
}

// Null reads null if it is the next value, and reports whether it was.
func (f *Fast) Null() bool {
	f.ws()
	if len(f.b)-f.i >= 4 && string(f.b[f.i:f.i+4]) == "null" {
		f.i += 4
		return true
	}
	return false
}

// Bool reads true or false.
func (f *Fast) Bool() bool {
	f.ws()
	b, i := f.b, f.i
	switch {
	case len(b)-i >= 4 && string(b[i:i+4]) == "true":
		f.i += 4
		return true
	case len(b)-i >= 5 && string(b[i:i+5]) == "false":
		f.i += 5
		return false
	}
	f.fail()
	return false
}

// Int reads an integer in int64 range: an optional minus sign and digits
// without leading zeros, fraction or exponent.
func (f *Fast) Int() int64 {
	f.ws()
	b, i := f.b, f.i
	neg := i < len(b) && b[i] == '-'
	if neg {
		i++
	}
	start := i
	var u uint64
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		if u > (1<<63)/10 {
			f.fail()
			return 0
		}
		u = u*10 + uint64(b[i]-'0')
	}
	switch {
	case i == start, b[start] == '0' && i-start > 1, u > 1<<63, !neg && u == 1<<63,
		i < len(b) && (b[i] == '.' || b[i] == 'e' || b[i] == 'E'):
		f.fail()
		return 0
	}
	f.i = i
	if neg {
		return -int64(u) //nolint:gosec // u ≤ 1<<63, checked
	}
	return int64(u) //nolint:gosec // u < 1<<63, checked
}

// IntN reads an integer in the range of int, as Int does.
func (f *Fast) IntN() int {
	n := f.Int()
	if int64(int(n)) != n {
		f.fail()
	}
	return int(n)
}

// Name reads a string naming a value of an enum whose names are names
// (indexed by value, "" for none), exactly as its MarshalText writes it;
// any other text (another case, white space, an unknown or empty name)
// fails f, for Decode and the enum's UnmarshalText to read or refuse.
// (Names must differ in more than case, as enum.Names' do: Decode finds a
// name ignoring case.)
func Name[T ~uint8](f *Fast, names []string) T {
	s := f.String()
	for i, name := range names {
		if name != "" && string(s) == name {
			return T(i)
		}
	}
	f.fail()
	return 0
}

// Time reads an instant into t as Decode does (time.Time.UnmarshalJSON,
// refusing a UTC offset of 24 hours or more), failing where it fails.
func (f *Fast) Time(t *time.Time) {
	s := f.String()
	if f.failed {
		return
	}
	if t.UnmarshalText(s) != nil || writableOffset(*t) != nil {
		f.fail()
	}
}

// Money reads an amount into m with currency.Money.UnmarshalJSON, as
// Decode does (null too: the zero Money), failing where it fails.
func (f *Fast) Money(m *currency.Money) {
	if f.Null() {
		*m = currency.Money{}
		return
	}
	if raw := f.Flat(); !f.failed && m.UnmarshalJSON(raw) != nil {
		f.fail()
	}
}

// Flat reads an object of members with string values, such as a
// currency.Money's, and returns its bytes, for the type's own
// UnmarshalJSON. (It returns the input up to the first '}', which is the
// object's end unless a string holds one: then the bytes are not valid
// JSON, and the type's UnmarshalJSON refuses them.)
func (f *Fast) Flat() []byte {
	f.ws()
	b, start := f.b, f.i
	if start >= len(b) || b[start] != '{' {
		f.fail()
		return nil
	}
	for i := start + 1; i < len(b); i++ {
		switch b[i] {
		case '}':
			f.i = i + 1
			return b[start:f.i]
		case '{', '[':
			f.fail()
			return nil
		}
	}
	f.fail()
	return nil
}

// Members reads the members of the object just opened (with [NewFast]
// or [Fast.Open]) up to its end, calling read with each name to read the
// value and return the member's bit, a distinct power of two per known
// name; an unknown name (bit 0) or one read twice fails f.
func (f *Fast) Members(read func(name []byte) uint64) {
	var seen uint64
	for {
		name, more := f.Next()
		if !more {
			return
		}
		bit := read(name)
		if bit == 0 || seen&bit != 0 {
			f.fail()
			return
		}
		seen |= bit
	}
}

// maxFastDepth bounds the nesting Raw reads; deeper input fails it.
const maxFastDepth = 16

// Raw reads a value in the fast form (null, a boolean, an integer, a
// string, or an array or object of them, nested up to 16 deep) and
// returns its bytes, for a type's own UnmarshalJSON.
func (f *Fast) Raw() []byte {
	f.ws()
	start := f.i
	f.skip(0)
	if f.failed {
		return nil
	}
	return f.b[start:f.i]
}

func (f *Fast) skip(depth int) {
	f.ws()
	if f.i >= len(f.b) || depth > maxFastDepth {
		f.fail()
		return
	}
	switch f.b[f.i] {
	case '{':
		f.Open()
		for {
			if _, more := f.Next(); !more {
				return
			}
			f.skip(depth + 1)
		}
	case '[':
		f.Elems(func() { f.skip(depth + 1) })
	case '"':
		f.String()
	case 't', 'f':
		f.Bool()
	case 'n':
		if !f.Null() {
			f.fail()
		}
	default:
		f.Int()
	}
}

// Elems reads an array, calling read to read each element.
func (f *Fast) Elems(read func()) {
	f.ws()
	if f.i >= len(f.b) || f.b[f.i] != '[' {
		f.fail()
		return
	}
	f.i++
	for n := 0; !f.failed; n++ {
		f.ws()
		if f.i < len(f.b) && f.b[f.i] == ']' {
			f.i++
			return
		}
		if n > 0 {
			if f.i >= len(f.b) || f.b[f.i] != ',' {
				f.fail()
				return
			}
			f.i++
		}
		read()
	}
}

// Done reports whether everything read was in the fast form and nothing
// but white space follows the object.
func (f *Fast) Done() bool {
	f.ws()
	return !f.failed && f.i == len(f.b)
}

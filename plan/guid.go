package plan

import (
	"fmt"
)

// GUID is a 128-bit Azure tenant or subscription ID. It is a comparable
// value; its text form is the lowercase 8-4-4-4-12 form,
// "72f988bf-86f1-41af-91ab-2d7cd011db47". The zero GUID is the nil GUID,
// which names no tenant or subscription.
type GUID [16]byte

// ParseGUID parses the 8-4-4-4-12 hexadecimal form, in any case, with or
// without surrounding braces. The error names the input.
func ParseGUID(s string) (GUID, error) {
	g, ok := parseGUID(s)
	if !ok {
		in := s
		if len(in) > 60 {
			in = in[:60] + "…"
		}
		return GUID{}, fmt.Errorf("plan: %w %q (want xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", ErrGUID, in)
	}
	return g, nil
}

// MustParseGUID is like [ParseGUID] but panics on error; for tests and
// examples.
func MustParseGUID(s string) GUID {
	g, err := ParseGUID(s)
	if err != nil {
		panic(err)
	}
	return g
}

func parseGUID(s string) (GUID, bool) {
	var g GUID
	if len(s) == 38 && s[0] == '{' && s[37] == '}' {
		s = s[1:37]
	}
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return g, false
	}
	bad := byte(0)
	hex := func(j, i int) {
		hi, lo := unhex[s[i]], unhex[s[i+1]]
		bad |= hi | lo
		g[j] = hi<<4 | lo&15
	}
	hex(0, 0)
	hex(1, 2)
	hex(2, 4)
	hex(3, 6)
	hex(4, 9)
	hex(5, 11)
	hex(6, 14)
	hex(7, 16)
	hex(8, 19)
	hex(9, 21)
	hex(10, 24)
	hex(11, 26)
	hex(12, 28)
	hex(13, 30)
	hex(14, 32)
	hex(15, 34)
	return g, bad&0x80 == 0
}

// unhex is each byte's value as a hexadecimal digit, 0xff when it is
// none.
const unhex = "" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\xff\xff\xff\xff\xff\xff" +
	"\xff\x0a\x0b\x0c\x0d\x0e\x0f\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\x0a\x0b\x0c\x0d\x0e\x0f\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"

// appendText appends the text form of g to b.
func (g GUID) appendText(b []byte) ([]byte, error) {
	const hex = "0123456789abcdef"
	for i, c := range g {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hex[c>>4], hex[c&15])
	}
	return b, nil
}

// String returns the lowercase 8-4-4-4-12 form.
func (g GUID) String() string {
	var buf [36]byte
	b, _ := g.appendText(buf[:0])
	return string(b)
}

// MarshalText implements [encoding.TextMarshaler].
func (g GUID) MarshalText() ([]byte, error) { return g.appendText(make([]byte, 0, 36)) }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseGUID].
func (g *GUID) UnmarshalText(b []byte) error {
	v, err := ParseGUID(string(b))
	if err != nil {
		return err
	}
	*g = v
	return nil
}

// compare orders GUIDs bytewise: −1, 0 or +1.
func (g GUID) compare(h GUID) int {
	for i := range g {
		switch {
		case g[i] < h[i]:
			return -1
		case g[i] > h[i]:
			return 1
		}
	}
	return 0
}

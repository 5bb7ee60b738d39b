package currency

import (
	"iter"
	"strconv"
)

//go:generate go run ../internal/tools/gencurrency -iso data/iso4217.csv -cldr data/cldr-locales.json -out .

// Code is an ISO 4217 alphabetic currency code with its minor units, such as
// [USD] (2 decimal places) or [JPY] (none). Codes are small comparable
// values; every active ISO 4217 currency that has minor units is a constant
// of this package, generated from data/iso4217.csv ([ISOVersion]).
//
// The zero Code is no currency: it is not valid, its String is "" and it
// has no digits. Obtain codes from the constants or from [ParseCode]; the
// numeric value of a Code is an index that may change between versions of
// this package, so persist codes as text ([Code.MarshalText]), never as
// numbers.
type Code uint16

// Valid reports whether c is a known currency code.
func (c Code) Valid() bool { return c != 0 && int(c) <= numCodes }

// String returns the three-letter ISO 4217 code, such as "SEK", or "" for
// the zero Code, without allocating; a Code outside ISO 4217 (made by a
// conversion such as Code(9999)) prints as "currency.Code(9999)".
func (c Code) String() string {
	// Written to stay within the compiler's inlining budget (Format,
	// Symbol and AppendJSON inline it): the invalid codes are out of line.
	if c-1 < numCodes {
		return codeText[3*uint(c):][:3]
	}
	return c.invalidString()
}

// codeText is codeLetters after three bytes for the zero Code, so that
// Code c's letters start at 3c.
const codeText = "   " + codeLetters

// invalidString is String for the zero Code and a Code outside ISO 4217.
//
//go:noinline
func (c Code) invalidString() string {
	if c == 0 {
		return ""
	}
	return "currency.Code(" + strconv.Itoa(int(c)) + ")"
}

// Digits returns the number of decimal places of the currency's minor unit
// (2 for USD, 0 for JPY, 3 for BHD), or 0 for an invalid code.
func (c Code) Digits() int {
	if int(c) < len(codeDigits) { // one comparison, also the bounds check
		return int(codeDigits[c] - '0')
	}
	return 0
}

// Numeric returns the ISO 4217 numeric code, such as 752 for SEK, or 0 for
// an invalid code.
func (c Code) Numeric() int {
	if !c.Valid() {
		return 0
	}
	i := int(c-1) * 3
	n, _ := strconv.Atoi(codeNumerics[i : i+3])
	return n
}

// Name returns the currency's English name as ISO 4217 lists it, such as
// "Swedish Krona", or "" for an invalid code.
func (c Code) Name() string {
	if !c.Valid() {
		return ""
	}
	return codeNames[c-1]
}

// marketplace lists the 17 currencies in which the commercial marketplace
// transacts (PRC-08), in the order the rule lists them. RMB is ISO 4217's
// CNY.
var marketplace = [...]Code{AUD, BRL, CAD, CHF, DKK, EUR, GBP, INR, JPY, KRW, NOK, NZD, CNY, RUB, SEK, TWD, USD}

// IsMarketplace reports whether c is one of the 17 currencies in which the
// Microsoft commercial marketplace handles transactions (PRC-08).
func (c Code) IsMarketplace() bool {
	switch c {
	case AUD, BRL, CAD, CHF, DKK, EUR, GBP, INR, JPY, KRW, NOK, NZD, CNY, RUB, SEK, TWD, USD:
		return true
	}
	return false
}

// Marketplace returns the 17 marketplace transaction currencies of PRC-08
// in the rule's order: AUD, BRL, CAD, CHF, DKK, EUR, GBP, INR, JPY, KRW,
// NOK, NZD, CNY (the rule's RMB), RUB, SEK, TWD, USD.
func Marketplace() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for _, c := range marketplace {
			if !yield(c) {
				return
			}
		}
	}
}

// All returns every known code in alphabetical order.
func All() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for c := Code(1); int(c) <= numCodes; c++ {
			if !yield(c) {
				return
			}
		}
	}
}

// ParseCode returns the Code for a three-letter ISO 4217 code. Case is
// ignored ("sek", "SEK" and "Sek" are [SEK]), and "RMB", the name the
// marketplace documents use for the Chinese yuan, is accepted as an alias
// of [CNY]. Anything else is an error that names the input and wraps
// [ErrUnknownCode].
func ParseCode(s string) (Code, error) {
	if c, ok := lookupCode(s); ok {
		return c, nil
	}
	return 0, &ParseError{Kind: "currency code", Input: s, Err: ErrUnknownCode}
}

// MustParseCode is like [ParseCode] but panics on error. It is meant for
// constants in tests and examples.
func MustParseCode(s string) Code {
	c, err := ParseCode(s)
	if err != nil {
		panic(err)
	}
	return c
}

// lookupCode is ParseCode without the error value, so that hot paths that
// report their own errors do not allocate. It finds the code in codeHash
// with one multiplication and checks its letters.
func lookupCode(s string) (Code, bool) {
	if len(s) != 3 {
		return 0, false
	}
	// Clearing bit 5 maps a–z to A–Z and keeps every other byte outside
	// A–Z, so one range test per letter accepts exactly ASCII letters.
	a, b, c := s[0]&^0x20, s[1]&^0x20, s[2]&^0x20
	if a-'A' >= 26 || b-'A' >= 26 || c-'A' >= 26 {
		return 0, false
	}
	key := uint32(a)<<16 | uint32(b)<<8 | uint32(c)
	switch e := codeHash[key*codeHashMul>>(32-codeHashBits)]; {
	case e != 0 && e != codeCollision && codeKeys[e] == key:
		return Code(e), true
	case key == 'R'<<16|'M'<<8|'B':
		return CNY, true
	case e == codeCollision:
		return searchCode([3]byte{a, b, c})
	}
	return 0, false
}

// codeHash maps the hash of a code's letters (key*codeHashMul >>
// (32-codeHashBits)) to the Code, 0 where there is none and codeCollision
// where two codes share the slot (none do with the present table and
// codeHashMul, chosen so; searchCode keeps lookupCode right if a new ISO
// 4217 table brings one). codeKeys holds each Code's letters as a key.
var codeHash, codeKeys = func() (t [1 << codeHashBits]uint8, keys [numCodes + 1]uint32) {
	for c := Code(1); c <= numCodes; c++ {
		l := c.String()
		keys[c] = uint32(l[0])<<16 | uint32(l[1])<<8 | uint32(l[2])
		i := keys[c] * codeHashMul >> (32 - codeHashBits)
		if t[i] != 0 {
			t[i] = codeCollision
			continue
		}
		t[i] = uint8(c)
	}
	return t, keys
}()

const (
	codeHashBits  = 10
	codeHashMul   = 0xcb132b7d
	codeCollision = 255
	_             = uint8(codeCollision - 1 - numCodes) // every Code fits below codeCollision
)

// searchCode finds three upper-case letters by binary search in
// codeLetters.
func searchCode(k [3]byte) (Code, bool) {
	lo, hi := 0, numCodes
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		j := m * 3
		switch cmp3(k, codeLetters[j:j+3]) {
		case 0:
			return Code(m + 1), true
		case 1:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

func cmp3(k [3]byte, s string) int {
	for i := 0; i < 3; i++ {
		switch {
		case k[i] < s[i]:
			return -1
		case k[i] > s[i]:
			return 1
		}
	}
	return 0
}

// AppendText implements [encoding.TextAppender]: it appends the code's
// three letters, or nothing for the zero Code. A Code outside ISO 4217 is
// an error wrapping [ErrUnknownCode].
func (c Code) AppendText(b []byte) ([]byte, error) {
	if !c.Valid() && c != 0 {
		return b, c.invalid("currency code")
	}
	return append(b, c.String()...), nil
}

// invalid is the error for a Code outside ISO 4217 met as kind.
func (c Code) invalid(kind string) error {
	return &ParseError{Kind: kind, Input: c.String(), Err: ErrUnknownCode, Detail: "not an ISO 4217 code"}
}

// MarshalText implements [encoding.TextMarshaler]. The zero Code marshals
// as the empty string.
func (c Code) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseCode]; the
// empty text gives the zero Code.
func (c *Code) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = 0
		return nil
	}
	v, err := ParseCode(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

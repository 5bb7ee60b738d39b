package market

import (
	"errors"
	"iter"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/rule"
)

//go:generate go run ../internal/tools/genmarket -in data/markets.csv -out markets_gen.go

// Code identifies a market by its ISO 3166-1 alpha-2 code: [SE] is Sweden.
// Every market of the marketplace is a constant of this package. The zero
// Code is no market. As with currency codes, the numeric value is an index
// that may change between versions: persist the text form.
type Code uint8

// TaxHandling says who handles customer tax on marketplace sales in a
// market, as "Tax details for commercial marketplace publishers"
// (2022-09-01) lists it. The enum is append-only.
type TaxHandling uint8

// The ways tax is handled.
const (
	// PublisherManaged: the publisher registers, calculates, collects and
	// remits tax; Microsoft acts as an agent.
	PublisherManaged TaxHandling = iota + 1
	// MicrosoftManaged: Microsoft calculates, collects and remits tax as
	// the publisher's agent (a "tax-remitted" market, PLN-06).
	MicrosoftManaged
	// Reseller: Microsoft resells and is responsible for all customer tax
	// (Brazil).
	Reseller
	// NotEnabled: the commercial marketplace does not transact here
	// (China: free and BYOL VM images only).
	NotEnabled
)

var taxNames = enum.Names[TaxHandling]{Type: "tax handling", Names: []string{"", "publisher-managed", "microsoft-managed", "reseller", "not-enabled"}}

// Valid reports whether t is one of the ways tax is handled; the zero
// TaxHandling (unset) is not.
func (t TaxHandling) Valid() bool { return taxNames.Valid(t) }

// String returns the stable name: "microsoft-managed", "publisher-managed",
// "reseller" or "not-enabled"; "" for the zero TaxHandling, which means
// unset, and "market.TaxHandling(9)" for a value outside the enum.
func (t TaxHandling) String() string { return taxNames.String(t) }

// MarshalText implements [encoding.TextMarshaler]: the name, or "" for the
// unset zero value; a value outside the enum is an error.
func (t TaxHandling) MarshalText() ([]byte, error) { return taxNames.Marshal(t) }

// UnmarshalText implements [encoding.TextUnmarshaler]: a name in any
// case, or "" for the unset zero value. An unknown name is a
// rule.UnknownNameError.
func (t *TaxHandling) UnmarshalText(b []byte) error { return taxNames.Unmarshal(b, t) }

// Market is one market of the marketplace, as the published market list
// describes it ([DataSource]).
type Market struct {
	Code Code `json:"code"`
	// Name is the English name, as Partner Center lists it.
	Name string `json:"name"`
	// SwedishName is the Swedish name, from CLDR: "Sverige", "Tyskland".
	SwedishName string `json:"swedishName"`
	// Currency is the billing currency for all offer types; the zero Code
	// where the marketplace does not transact (China).
	Currency currency.Code `json:"currency"`
	// Tax says who handles customer tax.
	Tax TaxHandling `json:"tax"`
	// Transacts reports whether customers can buy here (PRC-09: 141
	// markets). China lists only free and BYOL VM images.
	Transacts bool `json:"transacts"`
	// Reservations reports whether Azure reservations are available
	// (CSP-04).
	Reservations bool `json:"reservations"`
	// Notes carries the source's remarks: exceptions (Mexico is a reseller
	// market for Enterprise Agreement purchases; CSP purchases in Brazil
	// use USD), tax on the store service fee, consulting-service
	// currencies.
	Notes string `json:"notes,omitzero"`
}

// Label returns the market's name in English and Swedish as a
// [rule.Message], which renders in the language of the explanation it is
// an argument of: "Sweden" in English, "Sverige" in Swedish.
func (m Market) Label() rule.Message {
	return rule.Message{English: m.Name, Swedish: m.SwedishName}
}

// In returns "in" and the market's name as a [rule.Message], with the
// article English puts before some names: "in the United States", "in
// the Netherlands", "in Sweden"; "i USA", "i Sverige" in Swedish.
func (m Market) In() rule.Message {
	n := m.Name
	if strings.HasPrefix(n, "United ") || strings.HasSuffix(n, " Islands") || strings.HasSuffix(n, " Republic") ||
		n == "Netherlands" || n == "Philippines" {
		n = "the " + n
	}
	return rule.Message{English: "in " + n, Swedish: "i " + m.SwedishName}
}

// TaxRemitted reports whether Microsoft handles customer tax here (it is
// Microsoft-managed or Microsoft resells): the markets a publisher may
// restrict a plan to (PLN-06).
func (m Market) TaxRemitted() bool { return m.Tax == MicrosoftManaged || m.Tax == Reseller }

// Language returns the market's likely language as a language tag, from
// CLDR's likely-subtags data: sv-SE for Sweden, de-DE for Germany, hi-IN
// for India; [language.Und] for the zero Market. [Market.Locale] turns it
// into a locale to format money for the market.
func (m Market) Language() language.Tag {
	r, err := language.ParseRegion(m.Code.String())
	if err != nil {
		return language.Und
	}
	t, err := language.Compose(language.Und, r)
	if err != nil {
		return language.Und
	}
	base, _ := t.Base()
	t, _ = language.Compose(base, r)
	return t
}

// Locale returns the money-formatting locale for the market: the best
// match for the market's language ([Market.Language]), or else for English
// in the market's region (India, hi-IN: en-IN), or else en-US. Matching is
// CLDR's, through [currency.LocaleFor], so a language without a locale of
// its own may get a close one (Faroese: da-DK, Belarusian: ru-RU).
func (m Market) Locale() currency.Locale {
	lang := m.Language()
	r, _ := lang.Region()
	en, err := language.Compose(language.English, r)
	if err != nil {
		return currency.LocaleFor(lang)
	}
	return currency.LocaleFor(lang, en)
}

// Valid reports whether c is a known market.
func (c Code) Valid() bool { return c != 0 && int(c) <= numMarkets }

// String returns the ISO 3166-1 alpha-2 code, "SE", or "" for the zero
// Code; a Code outside the market list prints as "market.Code(200)".
func (c Code) String() string {
	if !c.Valid() {
		if c == 0 {
			return ""
		}
		return "market.Code(" + strconv.Itoa(int(c)) + ")"
	}
	i := int(c-1) * 2
	return codeLetters[i : i+2]
}

// Market returns the market c identifies; the zero Market for an invalid
// Code.
func (c Code) Market() Market {
	if !c.Valid() {
		return Market{}
	}
	return markets[c-1]
}

// AppendText implements [encoding.TextAppender]: the code, or nothing for
// the zero Code; a Code outside the market list is an error wrapping
// [ErrUnknown].
func (c Code) AppendText(b []byte) ([]byte, error) {
	if !c.Valid() && c != 0 {
		return b, &UnknownError{Input: c.String()}
	}
	return append(b, c.String()...), nil
}

// MarshalText implements [encoding.TextMarshaler]; the zero Code is "".
func (c Code) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler] with [Parse]; the
// empty text gives the zero Code.
func (c *Code) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = 0
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ErrUnknown is wrapped by the error for a code that is not a market.
var ErrUnknown = errors.New("unknown market")

// UnknownError reports a market code that is not in the market list.
type UnknownError struct{ Input string }

// Error returns `market: unknown market "XX"`, quoting the input; an input
// longer than 32 bytes is cut at a character boundary and ends in "…".
func (e *UnknownError) Error() string { return "market: " + e.message() }

// message is the error text without the package prefix.
func (e *UnknownError) message() string {
	in := e.Input
	if len(in) > 32 {
		n := 32
		for n > 0 && !utf8.RuneStart(in[n]) {
			n--
		}
		in = in[:n] + "…"
	}
	return ErrUnknown.Error() + " " + strconv.Quote(in)
}

// Unwrap returns [ErrUnknown].
func (e *UnknownError) Unwrap() error { return ErrUnknown }

// Parse returns the market for an ISO 3166-1 alpha-2 code, ignoring case:
// "se" and "SE" are [SE]. A code that is not a marketplace market is an
// error (wrapping [ErrUnknown]) that names the input.
func Parse(s string) (Code, error) {
	if c, ok := lookup(s); ok {
		return c, nil
	}
	return 0, &UnknownError{Input: s}
}

// MustParse is like [Parse] but panics on error; for tests and examples.
func MustParse(s string) Code {
	c, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return c
}

func lookup(s string) (Code, bool) {
	if len(s) != 2 {
		return 0, false
	}
	var k [2]byte
	for i := 0; i < 2; i++ {
		b := s[i]
		if 'a' <= b && b <= 'z' {
			b -= 'a' - 'A'
		}
		if b < 'A' || b > 'Z' {
			return 0, false
		}
		k[i] = b
	}
	lo, hi := 0, numMarkets
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		j := m * 2
		switch {
		case codeLetters[j] == k[0] && codeLetters[j+1] == k[1]:
			return Code(m + 1), true
		case codeLetters[j] < k[0] || (codeLetters[j] == k[0] && codeLetters[j+1] < k[1]):
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

// All returns every market, China included, in the stable order of their
// codes (AD, AE, AF, …).
func All() iter.Seq[Market] {
	return func(yield func(Market) bool) {
		for i := range markets {
			if !yield(markets[i]) {
				return
			}
		}
	}
}

// Filter returns the markets for which keep returns true, in the order of
// [All]: Filter(Market.TaxRemitted) gives the tax-remitted markets of
// PLN-06.
func Filter(keep func(Market) bool) iter.Seq[Market] {
	return func(yield func(Market) bool) {
		for i := range markets {
			if keep(markets[i]) && !yield(markets[i]) {
				return
			}
		}
	}
}

// IsTransacting reports whether customers can buy in the market (PRC-09):
// true for every market but China. It is the predicate behind
// [TransactingSet] and reads well with [Filter].
func (m Market) IsTransacting() bool { return m.Transacts }

// Set is a set of markets: a small comparable bit set (no allocation, no
// duplicates), such as the markets a plan is sold in. The zero Set is
// empty, and two sets are equal (==) when they hold the same markets. Its
// String is "DE SE", and in JSON it is an array of codes in the order of
// [All], ["DE","SE"].
//
// Build sets with [SetOf], [Set.Add] and the set operations; a Set holds
// only valid markets.
type Set struct {
	w [(numMarkets + 64) / 64]uint64
} // bit c for Code c

// Equal reports whether s and t hold the same markets; it is s == t,
// provided so that go-cmp compares sets without options.
func (s Set) Equal(t Set) bool { return s == t }

// SetOf returns the set of the given markets; invalid codes are ignored.
func SetOf(codes ...Code) Set {
	var s Set
	for _, c := range codes {
		s.Add(c)
	}
	return s
}

// TransactingSet returns the 141 markets where customers can buy (PRC-09).
func TransactingSet() Set { return setWhere(Market.IsTransacting) }

// TaxRemittedSet returns the markets where Microsoft handles customer tax
// (PLN-06).
func TaxRemittedSet() Set { return setWhere(Market.TaxRemitted) }

func setWhere(keep func(Market) bool) Set {
	var s Set
	for i := range markets {
		if keep(markets[i]) {
			s.Add(markets[i].Code)
		}
	}
	return s
}

// Add adds c to the set; an invalid code is ignored.
func (s *Set) Add(c Code) {
	if c.Valid() {
		s.w[c/64] |= 1 << (c % 64)
	}
}

// Remove removes c from the set.
func (s *Set) Remove(c Code) {
	if c.Valid() {
		s.w[c/64] &^= 1 << (c % 64)
	}
}

// Has reports whether c is in the set.
func (s Set) Has(c Code) bool { return c.Valid() && s.w[c/64]&(1<<(c%64)) != 0 }

// Len returns the number of markets in the set.
func (s Set) Len() int {
	n := 0
	for _, w := range s.w {
		n += bits.OnesCount64(w)
	}
	return n
}

// IsEmpty reports whether the set has no markets.
func (s Set) IsEmpty() bool { return s == Set{} }

// Union returns the markets in s or t.
func (s Set) Union(t Set) Set {
	for i := range s.w {
		s.w[i] |= t.w[i]
	}
	return s
}

// Intersect returns the markets in both s and t.
func (s Set) Intersect(t Set) Set {
	for i := range s.w {
		s.w[i] &= t.w[i]
	}
	return s
}

// Difference returns the markets in s but not in t.
func (s Set) Difference(t Set) Set {
	for i := range s.w {
		s.w[i] &^= t.w[i]
	}
	return s
}

// SubsetOf reports whether every market of s is in t.
func (s Set) SubsetOf(t Set) bool { return s.Difference(t).IsEmpty() }

// All returns the markets of the set in code order.
func (s Set) All() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for i, w := range s.w {
			for w != 0 {
				b := bits.TrailingZeros64(w)
				w &^= 1 << b
				if !yield(Code(i*64 + b)) {
					return
				}
			}
		}
	}
}

package currency

import (
	"iter"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// localeData is one row of the generated CLDR table.
type localeData struct {
	tag                  string
	decimal, group       string
	posPrefix, posSuffix string // around the number; "¤" marks the symbol
	negPrefix, negSuffix string // the same for negative amounts, minus sign included
	primary, secondary   uint8  // grouping sizes; 0 means no grouping
	minGroup             uint8  // CLDR minimumGroupingDigits
	symbols              [17]string
}

// Locale is a formatting locale for money: its CLDR decimal and grouping
// separators, minus sign, currency pattern and currency symbols. The table
// is generated from CLDR data ([CLDRVersion]) for the locales that
// [Locales] lists: en-US, en-GB, sv-SE, de-DE, fr-FR, ja-JP, nb-NO, da-DK,
// pt-BR, ko-KR and more.
//
// Obtain a Locale once, with [LocaleFor] or [ParseLocale], then format many
// amounts with it: matching a language tag is the slow part and formatting
// is not.
//
// The zero Locale is en-US.
type Locale struct{ i uint8 }

var (
	localeTags = func() []language.Tag {
		tags := make([]language.Tag, len(locales))
		for i := range locales {
			tags[i] = language.MustParse(locales[i].tag)
		}
		return tags
	}()
	localeMatcher = language.NewMatcher(localeTags)
)

// LocaleFor returns the supported locale that best matches the preferred
// tags, in order of preference (as in an Accept-Language header), using
// the CLDR matching of [golang.org/x/text/language]: "sv" and "sv-FI" give
// sv-SE, "pt" gives pt-BR, ("hi-IN", "en-IN") gives en-IN. When nothing
// matches it returns en-US, the zero Locale.
func LocaleFor(tags ...language.Tag) Locale {
	// Match each preference on its own: given all at once, the matcher
	// settles for a low-confidence match of the first ("hi-IN" → en-US)
	// over an exact match of the second.
	best, bestConf := 0, language.No
	for _, t := range tags {
		_, i, conf := localeMatcher.Match(t)
		if conf > bestConf {
			best, bestConf = i, conf
		}
		if conf >= language.High {
			break
		}
	}
	return Locale{uint8(best)}
}

// ParseLocale parses a BCP 47 language tag ("sv-SE", "de") and returns
// [LocaleFor] it. Only a malformed tag is an error.
func ParseLocale(s string) (Locale, error) {
	tag, err := language.Parse(s)
	if err != nil {
		return Locale{}, &ParseError{Kind: "locale", Input: s, Err: ErrSyntax, Detail: err.Error()}
	}
	return LocaleFor(tag), nil
}

// MustParseLocale is like [ParseLocale] but panics on error. It is meant
// for constants in tests and examples.
func MustParseLocale(s string) Locale {
	l, err := ParseLocale(s)
	if err != nil {
		panic(err)
	}
	return l
}

// Locales returns every supported locale, en-US first.
func Locales() iter.Seq[Locale] {
	return func(yield func(Locale) bool) {
		for i := range locales {
			if !yield(Locale{uint8(i)}) {
				return
			}
		}
	}
}

func (l Locale) index() int {
	if int(l.i) >= len(locales) {
		return 0
	}
	return int(l.i)
}

func (l Locale) data() *localeData { return &locales[l.index()] }

// String returns the locale's BCP 47 tag, such as "sv-SE".
func (l Locale) String() string { return l.data().tag }

// Tag returns the locale's language tag.
func (l Locale) Tag() language.Tag { return localeTags[l.index()] }

// Symbol returns the symbol the locale uses for currency c: "kr" for SEK in
// sv-SE, "US$" for USD in en-GB, "￥" for JPY in ja-JP. Currencies outside
// the 17 marketplace currencies use their ISO code.
func (l Locale) Symbol(c Code) string {
	for i, mc := range marketplace {
		if mc == c {
			return l.data().symbols[i]
		}
	}
	return c.String()
}

// Format returns m formatted for the locale, with the currency's number of
// decimal places: 1234567.89 EUR is "1.234.567,89 €" in de-DE,
// "1 234 567,89 €" in fr-FR (narrow no-break spaces) and "€1,234,567.89"
// in en-US; 1234568 JPY is "￥1,234,568" in ja-JP. It allocates only the
// returned string.
func (l Locale) Format(m Money) string {
	var buf [96]byte
	return string(l.AppendFormat(buf[:0], m))
}

// AppendFormat appends m formatted as by [Locale.Format] to b; it does not
// allocate when b has room.
func (l Locale) AppendFormat(b []byte, m Money) []byte {
	d := l.data()
	prefix, suffix := d.posPrefix, d.posSuffix
	if m.minor < 0 {
		prefix, suffix = d.negPrefix, d.negSuffix
	}
	sym := l.Symbol(m.code)
	b = appendAffix(b, prefix, sym, true)
	b = d.appendNumber(b, abs64(m.minor), m.code.Digits())
	return appendAffix(b, suffix, sym, false)
}

// Format is l.Format(m), for call sites that read better this way round.
func (m Money) Format(l Locale) string { return l.Format(m) }

// appendAffix writes a pattern prefix or suffix, replacing "¤" with the
// symbol. CLDR's currency spacing applies: where the symbol touches the
// number and its touching character is neither a symbol nor a space (as in
// "CHF"), a no-break space separates them.
func appendAffix(b []byte, affix, sym string, isPrefix bool) []byte {
	for i := 0; ; {
		k := indexCurrencySign(affix[i:])
		if k < 0 {
			return append(b, affix[i:]...)
		}
		b = append(b, affix[i:i+k]...)
		i += k
		if !isPrefix && i == 0 && needsSpacing(sym, false) {
			b = append(b, "\u00a0"...)
		}
		b = append(b, sym...)
		i += len("¤")
		if isPrefix && i == len(affix) && needsSpacing(sym, true) {
			b = append(b, "\u00a0"...)
		}
	}
}

// indexCurrencySign is strings.Index(s, "¤") for the few bytes of an
// affix, without a call: in UTF-8 the bytes 0xC2 0xA4 are "¤" wherever
// they occur, as 0xC2 only ever starts a character.
func indexCurrencySign(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == 0xC2 && s[i+1] == 0xA4 {
			return i
		}
	}
	return -1
}

func needsSpacing(sym string, last bool) bool {
	var r rune
	if last {
		r, _ = utf8.DecodeLastRuneInString(sym)
	} else {
		r, _ = utf8.DecodeRuneInString(sym)
	}
	return r != utf8.RuneError && !unicode.IsSymbol(r) && !unicode.IsSpace(r)
}

// appendNumber writes the magnitude with grouping and the decimal
// separator. It writes the number from the right into a buffer,
// separators included, and appends it with one copy: no division by a
// variable.
func (d *localeData) appendNumber(b []byte, mag uint64, digits int) []byte {
	// 20 digits, 9 separators (secondary groups of 2) and the decimal
	// separator, of at most maxSeparator bytes each, fit.
	var buf [20 + 10*maxSeparator]byte
	j := len(buf)
	for range digits {
		j--
		buf[j] = byte('0' + mag%10)
		mag /= 10
	}
	if digits > 0 {
		j -= len(d.decimal)
		copy(buf[j:], d.decimal)
	}
	// A separator goes before the last primary integer digits, then
	// before every secondary group further left; none when the integer
	// part has fewer than primary+minGroup digits. A zero secondary
	// means one separator only.
	primary, step := int(d.primary), int(d.secondary)
	next := 0 // integer digits written when the next separator is due; 0: none
	if e := primary + int(d.minGroup) - 1; primary > 0 && e < len(pow10) && mag >= pow10[e] {
		next = primary
	}
	for k := 1; ; k++ {
		j--
		buf[j] = byte('0' + mag%10)
		mag /= 10
		if mag == 0 {
			break
		}
		if k == next {
			j -= len(d.group)
			copy(buf[j:], d.group)
			next += step
			if step == 0 {
				next = 0
			}
		}
	}
	return append(b, buf[j:]...)
}

// maxSeparator is the longest decimal or group separator in the locale
// table, in bytes ("\u202f" is 3); a test holds the table to it and to
// secondary groups of 2 digits or more.
const maxSeparator = 4

package rule

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
)

// Language is a language the library explains itself in. The enum is
// append-only; the zero value is English.
type Language uint8

// The languages of explanations.
const (
	English Language = iota
	Swedish
)

var (
	languageTags  = [...]language.Tag{English: language.English, Swedish: language.Swedish}
	printerTags   = [...]language.Tag{English: language.AmericanEnglish, Swedish: language.MustParse("sv-SE")}
	langMatcher   = language.NewMatcher(languageTags[:])
	moneyLocales  = [...]currency.Locale{English: currency.MustParseLocale("en-US"), Swedish: currency.MustParseLocale("sv-SE")}
	languageNames = [...]string{English: "en", Swedish: "sv"}
)

// LanguageFor returns the explanation language that best matches the
// preferred tags, in order of preference (as in an Accept-Language
// header), using the CLDR matching of [golang.org/x/text/language]:
// Swedish for any Swedish tag ("sv", "sv-SE", "sv-FI"), English for
// everything else and for no tags. Norwegian ("nb", "nn", "no"), Danish
// and Finnish get English: the matcher does not count Swedish as close
// enough to them.
func LanguageFor(tags ...language.Tag) Language {
	_, i, conf := langMatcher.Match(tags...)
	if conf == language.No {
		return English
	}
	return Language(i)
}

var languageEnum = enum.Names[Language]{Type: "language", Names: languageNames[:]}

// String returns "en" or "sv", and "rule.Language(9)" for a Language
// outside the enum (which every other method treats as English).
func (l Language) String() string { return languageEnum.String(l) }

// ParseLanguage returns the language named s: "en" or "sv" in any case, or
// any BCP 47 tag of a language the library speaks ("sv-SE", "EN-gb",
// "sv_FI"). Other text is an [UnknownNameError].
func ParseLanguage(s string) (Language, error) {
	l, err := languageEnum.Parse(s)
	if err == nil {
		return l, nil
	}
	if tag, perr := language.Parse(strings.ReplaceAll(strings.TrimSpace(s), "_", "-")); perr == nil {
		if _, i, conf := langMatcher.Match(tag); conf != language.No {
			return Language(i), nil
		}
	}
	return 0, err
}

// MarshalText returns "en" or "sv"; a Language outside the enum is an
// error.
func (l Language) MarshalText() ([]byte, error) { return languageEnum.Marshal(l) }

// UnmarshalText parses text as [ParseLanguage] does.
func (l *Language) UnmarshalText(text []byte) error {
	v, err := ParseLanguage(string(text))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Tag returns the language's tag.
func (l Language) Tag() language.Tag {
	if int(l) >= len(languageTags) {
		return language.English
	}
	return languageTags[l]
}

// Message is a message of the library in both of its languages: two
// format strings in the style of [fmt] that take the same arguments in the
// same order. Messages are defined where they are used and rendered with
// [Message.Render], which formats numbers for the language ("10,000" in
// English, "10 000" in Swedish, grouped with U+00A0 NO-BREAK SPACE) and
// [currency.Money] with the language's CLDR currency format. A message
// without a Swedish format is shown in English.
type Message struct {
	// Key is an optional stable code for the message, lowercase words
	// joined by hyphens ("plan-id-too-long"); [Problem.Code] uses it.
	Key     string `json:"key,omitzero"`
	English string `json:"en"`
	Swedish string `json:"sv,omitzero"`
}

// Format returns the format string for lang: the English one for English,
// for a Language outside the enum, and for Swedish when the message has no
// Swedish format.
func (m Message) Format(lang Language) string {
	if lang == Swedish && m.Swedish != "" {
		return m.Swedish
	}
	return m.English
}

// Render formats the message in lang with args, as the printer of
// [golang.org/x/text/message] for en-US or sv-SE would: the digits of
// numbers are grouped for the language ("10,000", "10 000"; a Swedish
// minus is U+2212). A [currency.Money] argument becomes its text in the
// language's CLDR format ("$1,234.50", "1 234,50 kr"), and a [time.Time]
// argument its text in the layout "2006-01-02 15:04:05 MST", in the
// time's own zone; format both with %v or %s. The format string is
// [Message.Format]'s: a message without Swedish renders the English text
// with Swedish numbers. A Language outside the enum renders as English.
// Render does not modify args.
//
// The verbs %v, %s, %d and %q (with an optional explicit argument index,
// %[2]d) of strings, integers, booleans, errors, Stringers, Money, times
// and Messages are rendered directly, without a printer; any other verb,
// flag or argument, and a format whose verbs and arguments do not match,
// is rendered by the x/text printer, so the text is the same either way.
func (m Message) Render(lang Language, args ...any) string {
	if int(lang) >= len(printerTags) {
		lang = English
	}
	format := m.Format(lang)
	var buf [256]byte
	if b, ok := appendFast(buf[:0], lang, format, args); ok {
		return string(b)
	}
	return renderPrinter(lang, format, args)
}

// Append appends the message rendered as [Message.Render] renders it to b
// and returns the extended buffer, so that an explanation of several
// sentences can be built in one buffer without a string per sentence.
func (m Message) Append(b []byte, lang Language, args ...any) []byte {
	if int(lang) >= len(printerTags) {
		lang = English
	}
	format := m.Format(lang)
	if out, ok := appendFast(b, lang, format, args); ok {
		return out
	}
	return append(b, renderPrinter(lang, format, args)...)
}

// renderPrinter renders with a new x/text printer: the reference
// behaviour, used for what appendFast does not handle.
func renderPrinter(lang Language, format string, args []any) string {
	conv := args
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case currency.Money:
			s = moneyLocales[lang].Format(v)
		case currency.RoundingMode:
			s = roundingName(lang, v)
		case time.Time:
			s = v.Format(timeLayout)
		case Message:
			s = v.Format(lang)
		default:
			continue
		}
		if &conv[0] == &args[0] {
			conv = append([]any(nil), args...)
		}
		conv[i] = s
	}
	return message.NewPrinter(printerTags[lang]).Sprintf(format, conv...)
}

const timeLayout = "2006-01-02 15:04:05 MST"

// appendFast appends format rendered with args to b, or reports false when
// the format or an argument needs the printer. A panicking String or Error
// method also sends the message to the printer, which reports it in the
// text as fmt does.
func appendFast(b []byte, lang Language, format string, args []any) (out []byte, ok bool) {
	defer func() {
		if recover() != nil {
			out, ok = nil, false
		}
	}()
	argNum, reordered := 0, false
	for i := 0; i < len(format); {
		j := i
		for j < len(format) && format[j] != '%' {
			j++
		}
		b = append(b, format[i:j]...)
		if j >= len(format) {
			break
		}
		j++ // the '%'
		if j >= len(format) {
			return nil, false // a trailing %
		}
		c := format[j]
		if c == '%' {
			b = append(b, '%')
			i = j + 1
			continue
		}
		if c == '[' {
			n, k := 0, j+1
			for k < len(format) && '0' <= format[k] && format[k] <= '9' && n < 1000 {
				n = n*10 + int(format[k]-'0')
				k++
			}
			if k == j+1 || k >= len(format) || format[k] != ']' || n < 1 || n > len(args) || k+1 >= len(format) {
				return nil, false
			}
			argNum, reordered = n-1, true
			j = k + 1
			c = format[j]
		}
		if argNum >= len(args) {
			return nil, false // a missing argument
		}
		if b, ok = appendArg(b, lang, c, args[argNum]); !ok {
			return nil, false
		}
		argNum++
		i = j + 1
	}
	if !reordered && argNum < len(args) {
		return nil, false // extra arguments
	}
	return b, true
}

// appendArg appends one argument formatted with verb, or reports false.
func appendArg(b []byte, lang Language, verb byte, a any) ([]byte, bool) {
	if verb == 'd' {
		return appendInteger(b, lang, a)
	}
	if verb != 'v' && verb != 's' && verb != 'q' {
		return b, false
	}
	var s string
	switch v := a.(type) {
	case string:
		s = v
	case currency.Money:
		if verb == 'q' {
			s = moneyLocales[lang].Format(v)
			break
		}
		return moneyLocales[lang].AppendFormat(b, v), true
	case time.Time:
		if verb == 'q' {
			s = v.Format(timeLayout)
			break
		}
		return v.AppendFormat(b, timeLayout), true
	case currency.RoundingMode:
		s = roundingName(lang, v)
	case Message:
		s = v.Format(lang)
	case fmt.Formatter:
		return b, false
	case error:
		s = v.Error()
	case fmt.Stringer:
		if r := reflect.ValueOf(a); r.Kind() == reflect.Pointer {
			return b, false // a nil pointer's String may panic; the printer says so
		}
		s = v.String()
	case bool:
		if verb != 'v' {
			return b, false
		}
		return strconv.AppendBool(b, v), true
	case nil:
		if verb != 'v' {
			return b, false
		}
		return append(b, "<nil>"...), true
	default:
		r := reflect.ValueOf(a)
		switch r.Kind() {
		case reflect.String:
			s = r.String()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if verb != 'v' {
				return b, false
			}
			return appendInteger(b, lang, a)
		default:
			return b, false
		}
	}
	if verb == 'q' {
		return strconv.AppendQuote(b, s), true
	}
	return append(b, s...), true
}

// appendInteger appends an integer of any integer kind with the digits
// grouped for lang, or reports false for anything else.
func appendInteger(b []byte, lang Language, a any) ([]byte, bool) {
	var mag uint64
	neg := false
	switch v := a.(type) {
	case int:
		mag, neg = absInt(int64(v))
	case int64:
		mag, neg = absInt(v)
	case int32:
		mag, neg = absInt(int64(v))
	case uint64:
		mag = v
	case uint8:
		mag = uint64(v)
	case fmt.Formatter:
		return b, false
	default:
		r := reflect.ValueOf(a)
		switch r.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			mag, neg = absInt(r.Int())
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			mag = r.Uint()
		default:
			return b, false
		}
	}
	if neg {
		if lang == Swedish {
			b = append(b, "\u2212"...)
		} else {
			b = append(b, '-')
		}
	}
	var d [20]byte
	n := len(d)
	for {
		n--
		d[n] = byte('0' + mag%10)
		mag /= 10
		if mag == 0 {
			break
		}
	}
	sep := ","
	if lang == Swedish {
		sep = "\u00a0"
	}
	digits := d[n:]
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b = append(b, digits[:first]...)
	for k := first; k < len(digits); k += 3 {
		b = append(b, sep...)
		b = append(b, digits[k:k+3]...)
	}
	return b, true
}

// absInt returns the magnitude and sign of v, MinInt64 included.
func absInt(v int64) (uint64, bool) {
	if v < 0 {
		return uint64(-(v + 1)) + 1, true
	}
	return uint64(v), false
}

// svRounding names the rounding modes in Swedish.
var svRounding = [...]string{
	currency.HalfEven: "halvt till jämnt",
	currency.HalfUp:   "halvt uppåt",
	currency.HalfDown: "halvt nedåt",
	currency.Up:       "bort från noll",
	currency.Down:     "mot noll",
	currency.Ceiling:  "uppåt",
	currency.Floor:    "nedåt",
}

// roundingName is a [currency.RoundingMode] argument in lang: "half-even"
// in English, "halvt till jämnt" in Swedish.
func roundingName(lang Language, r currency.RoundingMode) string {
	if lang == Swedish && int(r) < len(svRounding) {
		return svRounding[r]
	}
	return r.String()
}

// Decimal is a decimal number as an argument of a [Message]: "10.4512"
// in English, "10,4512" in Swedish, as Swedish writes the amounts beside
// it. s is the number's text with a decimal point (a [currency.Rate]'s
// String, for instance).
func Decimal(s string) Message {
	sv := []byte(s)
	for i, c := range sv {
		if c == '.' {
			sv[i] = ','
			break
		}
	}
	return Message{English: s, Swedish: string(sv)}
}

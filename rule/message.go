package rule

import (
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

// String returns "en" or "sv"; "en" for a Language outside the enum, which
// every method treats as English.
func (l Language) String() string {
	if int(l) >= len(languageNames) {
		return "en"
	}
	return languageNames[l]
}

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
	Key     string
	English string
	Swedish string
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

// Render formats the message in lang with args, with the printer of
// [golang.org/x/text/message] for en-US or sv-SE, which groups the digits
// of numbers for the language ("10,000", "10 000"; a Swedish minus is
// U+2212). A [currency.Money] argument becomes its text in the language's
// CLDR format ("$1,234.50", "1 234,50 kr"), and a [time.Time] argument
// its text in the layout "2006-01-02 15:04:05 MST", in the time's own
// zone; format both with %v or %s. The format string is [Message.Format]'s:
// a message without Swedish renders the English text with Swedish numbers.
// A Language outside the enum renders as English. Render does not modify
// args.
func (m Message) Render(lang Language, args ...any) string {
	if int(lang) >= len(printerTags) {
		lang = English
	}
	conv := args
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case currency.Money:
			s = moneyLocales[lang].Format(v)
		case time.Time:
			s = v.Format("2006-01-02 15:04:05 MST")
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
	return message.NewPrinter(printerTags[lang]).Sprintf(m.Format(lang), conv...)
}

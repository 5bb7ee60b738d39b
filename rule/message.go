package rule

import (
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/marketrules/marketrules/currency"
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
// preferred tags: Swedish for "sv", "sv-FI" or "nb" speakers, English
// otherwise.
func LanguageFor(tags ...language.Tag) Language {
	_, i, conf := langMatcher.Match(tags...)
	if conf == language.No {
		return English
	}
	return Language(i)
}

// String returns "en" or "sv".
func (l Language) String() string {
	if int(l) >= len(languageNames) {
		return "en"
	}
	return languageNames[l]
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
// English, "10 000" in Swedish) and [currency.Money] with the language's
// CLDR currency format.
type Message struct {
	English string
	Swedish string
}

// Format returns the format string for lang.
func (m Message) Format(lang Language) string {
	if lang == Swedish && m.Swedish != "" {
		return m.Swedish
	}
	return m.English
}

// Render formats the message in lang with args. [currency.Money]
// arguments are formatted for the language (en-US, sv-SE); [time.Time]
// arguments as "2006-01-02 15:04:05 MST" (UTC offset names as given);
// other arguments with [golang.org/x/text/message].
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

package rule_test

import (
	"slices"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// The explanation language for a list of preferred tags, as x/text's
// matcher decides it: only Swedish tags give Swedish.
func TestLanguageFor(t *testing.T) {
	tests := []struct {
		tags []string
		want rule.Language
	}{
		{[]string{"sv"}, rule.Swedish},
		{[]string{"sv-SE"}, rule.Swedish},
		{[]string{"sv-FI"}, rule.Swedish},
		{[]string{"sv-AX"}, rule.Swedish},
		{[]string{"de", "sv"}, rule.Swedish},
		{[]string{"en"}, rule.English},
		{[]string{"en-GB"}, rule.English},
		{[]string{"de"}, rule.English},
		{[]string{"und"}, rule.English},
		{[]string{"en", "sv"}, rule.English},
		{[]string{}, rule.English},
		// Norwegian, Danish and Finnish speakers get English: the matcher
		// does not consider Swedish close enough to them.
		{[]string{"nb"}, rule.English},
		{[]string{"no"}, rule.English},
		{[]string{"nn"}, rule.English},
		{[]string{"da"}, rule.English},
		{[]string{"fi"}, rule.English},
		{[]string{"se"}, rule.English}, // Northern Sami, not Sweden
	}
	for _, tt := range tests {
		var tags []language.Tag
		for _, s := range tt.tags {
			tags = append(tags, language.MustParse(s))
		}
		if got := rule.LanguageFor(tags...); got != tt.want {
			t.Errorf("LanguageFor(%v) = %v, want %v", tt.tags, got, tt.want)
		}
	}
	// The empty string is not a well-formed tag; its zero Tag (und) gives
	// English.
	tag, _ := language.Parse("")
	if got := rule.LanguageFor(tag); got != rule.English {
		t.Errorf("LanguageFor(Parse(\"\")) = %v, want English", got)
	}
}

// The languages' names and tags; a Language outside the enum reads as
// English.
func TestLanguage_StringTag(t *testing.T) {
	tests := []struct {
		lang              rule.Language
		wantString, wantT string
	}{
		{rule.English, "en", "en"},
		{rule.Swedish, "sv", "sv"},
		{rule.Language(2), "rule.Language(2)", "en"},
		{rule.Language(255), "rule.Language(255)", "en"},
	}
	for _, tt := range tests {
		if got := tt.lang.String(); got != tt.wantString {
			t.Errorf("Language(%d).String() = %q, want %q", tt.lang, got, tt.wantString)
		}
		if got := tt.lang.Tag().String(); got != tt.wantT {
			t.Errorf("Language(%d).Tag() = %q, want %q", tt.lang, got, tt.wantT)
		}
	}
	if rule.Language(0) != rule.English {
		t.Error("the zero Language is not English")
	}
}

// Format picks the language's format string and falls back to English
// when the Swedish one is missing.
func TestMessage_Format(t *testing.T) {
	both := rule.Message{English: "plan %s", Swedish: "planen %s"}
	englishOnly := rule.Message{English: "plan %s"}
	tests := []struct {
		msg  rule.Message
		lang rule.Language
		want string
	}{
		{both, rule.English, "plan %s"},
		{both, rule.Swedish, "planen %s"},
		{both, rule.Language(7), "plan %s"},
		{englishOnly, rule.English, "plan %s"},
		{englishOnly, rule.Swedish, "plan %s"},
		{rule.Message{}, rule.Swedish, ""},
	}
	for _, tt := range tests {
		if got := tt.msg.Format(tt.lang); got != tt.want {
			t.Errorf("%+v.Format(%v) = %q, want %q", tt.msg, tt.lang, got, tt.want)
		}
	}
}

// Render localizes numbers (grouping with U+00A0 NO-BREAK SPACE and the
// minus sign U+2212 in Swedish), Money (CLDR en-US and sv-SE currency
// formats) and formats time.Time in a fixed layout.
func TestMessage_Render(t *testing.T) {
	at := time.Date(2024, 1, 31, 23, 59, 0, 0, time.UTC)
	cet := time.FixedZone("CET", 3600)
	msg := rule.Message{English: "%v (%d) by %v", Swedish: "%v (%d) senast %v"}
	tests := []struct {
		name string
		msg  rule.Message
		lang rule.Language
		args []any
		want string
	}{
		{"English number", rule.Message{English: "%d IDs", Swedish: "%d ID:n"}, rule.English, []any{10000}, "10,000 IDs"},
		{"Swedish number", rule.Message{English: "%d IDs", Swedish: "%d ID:n"}, rule.Swedish, []any{10000}, "10\u00a0000 ID:n"},
		{"Swedish negative", rule.Message{English: "%d", Swedish: "%d"}, rule.Swedish, []any{-5000}, "\u22125\u00a0000"},
		{"English %v number", rule.Message{English: "%v"}, rule.English, []any{1234567}, "1,234,567"},
		{"English USD", rule.Message{English: "%v"}, rule.English, []any{currency.MustParse("1234.50 USD")}, "$1,234.50"},
		{"Swedish SEK", rule.Message{English: "%v", Swedish: "%v"}, rule.Swedish, []any{currency.MustParse("1234.50 SEK")}, "1\u00a0234,50\u00a0kr"},
		{"English SEK", rule.Message{English: "%v"}, rule.English, []any{currency.MustParse("1234.50 SEK")}, "SEK\u00a01,234.50"},
		{"Swedish USD", rule.Message{English: "%v", Swedish: "%v"}, rule.Swedish, []any{currency.MustParse("1234.50 USD")}, "1\u00a0234,50\u00a0US$"},
		{"time", rule.Message{English: "%v"}, rule.English, []any{at}, "2024-01-31 23:59:00 UTC"},
		{"time zone kept", rule.Message{English: "%s"}, rule.English, []any{at.In(cet)}, "2024-02-01 00:59:00 CET"},
		{"mixed English", msg, rule.English, []any{currency.MustParse("49.99 USD"), 1000, at}, "$49.99 (1,000) by 2024-01-31 23:59:00 UTC"},
		{"mixed Swedish", msg, rule.Swedish, []any{currency.MustParse("49.99 SEK"), 1000, at}, "49,99\u00a0kr (1\u00a0000) senast 2024-01-31 23:59:00 UTC"},
		// The English format, with Swedish numbers, when there is no Swedish.
		{"fallback", rule.Message{English: "%d IDs"}, rule.Swedish, []any{10000}, "10\u00a0000 IDs"},
		{"unknown language", rule.Message{English: "%d IDs", Swedish: "%d ID:n"}, rule.Language(9), []any{10000}, "10,000 IDs"},
		{"no args", rule.Message{English: "none", Swedish: "inga"}, rule.Swedish, nil, "inga"},
		{"string", rule.Message{English: "plan %q"}, rule.English, []any{"gold"}, `plan "gold"`},
	}
	for _, tt := range tests {
		if got := tt.msg.Render(tt.lang, tt.args...); got != tt.want {
			t.Errorf("%s: Render = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// Render converts Money and time.Time arguments on a copy: the caller's
// slice keeps its values, wherever the converted arguments are.
func TestMessage_RenderKeepsArgs(t *testing.T) {
	at := time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)
	usd := currency.MustParse("1.00 USD")
	tests := [][]any{
		{usd, 1, at},
		{1, usd},
		{"x", 2, at},
		{usd},
		{3, "y"},
	}
	msg := rule.Message{English: "%v %v %v", Swedish: "%v %v %v"}
	for _, args := range tests {
		before := slices.Clone(args)
		for _, lang := range []rule.Language{rule.English, rule.Swedish} {
			msg.Render(lang, args...)
			for i := range args {
				if args[i] != before[i] {
					t.Errorf("Render(%v) changed args[%d] from %v to %v", before, i, before[i], args[i])
				}
			}
		}
	}
	// Also through a slice with spare capacity, as a caller's buffer.
	buf := make([]any, 1, 4)
	buf[0] = usd
	msg.Render(rule.Swedish, buf...)
	if buf[0] != usd || buf[:2][1] != nil {
		t.Errorf("Render changed the caller's buffer: %v", buf[:2])
	}
}

// A Message argument is a word that is itself translated: it renders in the
// language of the message around it.
func TestMessage_RenderNestedMessage(t *testing.T) {
	word := rule.Message{English: "monthly", Swedish: "månadsvis"}
	m := rule.Message{English: "paid %v", Swedish: "betalas %v"}
	if got := m.Render(rule.English, word); got != "paid monthly" {
		t.Errorf("English: %q", got)
	}
	if got := m.Render(rule.Swedish, word); got != "betalas månadsvis" {
		t.Errorf("Swedish: %q", got)
	}
	if got := m.Render(rule.Swedish, rule.Message{English: "only English"}); got != "betalas only English" {
		t.Errorf("a word without Swedish falls back to English: %q", got)
	}
}

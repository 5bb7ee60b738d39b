package rule_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/marketrules/marketrules/rule"
)

// ParseLanguage takes names and tags in any case; other text is an
// UnknownNameError that callers can match.
func TestParseLanguage(t *testing.T) {
	for in, want := range map[string]rule.Language{
		"en": rule.English, "EN": rule.English, "sv": rule.Swedish, " SV ": rule.Swedish,
		"sv-SE": rule.Swedish, "sv_FI": rule.Swedish, "en-GB": rule.English, "EN-us": rule.English,
	} {
		if got, err := rule.ParseLanguage(in); err != nil || got != want {
			t.Errorf("ParseLanguage(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "de", "xx-yy-zz-!!", "nb"} {
		_, err := rule.ParseLanguage(in)
		var e *rule.UnknownNameError
		if !errors.As(err, &e) || !errors.Is(err, rule.ErrUnknownName) || e.Input != in {
			t.Errorf("ParseLanguage(%q) error = %v", in, err)
		}
	}
}

// A Language marshals as its name and round-trips; a Language outside the
// enum does not marshal.
func TestLanguage_Text(t *testing.T) {
	for _, l := range []rule.Language{rule.English, rule.Swedish} {
		b, err := json.Marshal(l)
		var back rule.Language = 9
		if err != nil || json.Unmarshal(b, &back) != nil || back != l {
			t.Errorf("%v: %s, %v → %v", l, b, err, back)
		}
	}
	if _, err := json.Marshal(rule.Language(9)); err == nil {
		t.Error("Language(9) marshaled")
	}
	var l rule.Language
	if err := l.UnmarshalText([]byte("fr")); err == nil || l != rule.English {
		t.Errorf("UnmarshalText(fr) = %v, %v", l, err)
	}
}

package market_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/market"
)

// slowParse is the obviously correct reference for Parse: compare the
// upper-cased input with every market's code.
func slowParse(s string) (market.Code, bool) {
	if len(s) != 2 {
		return 0, false
	}
	for m := range market.All() {
		if strings.ToUpper(s) == m.Code.String() {
			return m.Code, true
		}
	}
	return 0, false
}

// FuzzParse checks that Parse never panics, agrees with a slow reference,
// and that a parsed code round-trips through String.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"SE", "se", "zw", "AD", "XX", "", "S", "SEK", "ſe", "\xff\xfe", "É", "1A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := market.Parse(s)
		want, ok := slowParse(s)
		if (err == nil) != ok || c != want {
			t.Fatalf("Parse(%q) = %v, %v; reference %v, %t", s, c, err, want, ok)
		}
		if err != nil {
			if !errors.Is(err, market.ErrUnknown) || err.Error() == "" {
				t.Fatalf("Parse(%q) error %v does not wrap ErrUnknown", s, err)
			}
			return
		}
		if !c.Valid() || c.String() != strings.ToUpper(s) {
			t.Fatalf("Parse(%q) = %v (%d), want a valid code spelled %q", s, c, c, strings.ToUpper(s))
		}
		if again, err := market.Parse(c.String()); err != nil || again != c {
			t.Fatalf("Parse(%q) = %v, %v; want %v", c.String(), again, err, c)
		}
	})
}

// FuzzSetJSON checks that decoding a Set never panics, and that whatever
// decodes encodes to JSON that decodes to the same set.
func FuzzSetJSON(f *testing.F) {
	for _, s := range []string{`[]`, `["SE"]`, `["de","SE"]`, `["SE","se"]`, `["XX"]`, `null`, `{}`, `[1]`, `[`, ``, `["\u0053E"]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var direct market.Set
		directErr := direct.UnmarshalJSON(b)
		var s market.Set
		if err := json.Unmarshal(b, &s); err != nil {
			if directErr == nil {
				t.Fatalf("json.Unmarshal(%q) fails (%v) where UnmarshalJSON does not", b, err)
			}
			return
		}
		if directErr != nil || direct != s {
			t.Fatalf("UnmarshalJSON(%q) = %v, %v; json.Unmarshal gives %v", b, direct, directErr, s)
		}
		enc, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal(%v): %v", s, err)
		}
		var again market.Set
		if err := json.Unmarshal(enc, &again); err != nil || again != s {
			t.Fatalf("round trip %q → %s → %v, %v; want %v", b, enc, again, err, s)
		}
		if got := strings.Join(strings.Fields(s.String()), " "); got != s.String() || len(strings.Fields(got)) != s.Len() {
			t.Fatalf("String() = %q does not list %d codes", s.String(), s.Len())
		}
	})
}

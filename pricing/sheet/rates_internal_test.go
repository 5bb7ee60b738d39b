package sheet

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
)

// The fast paths of the rates reader give what currency's parsers give.
func TestPRC03_RateFastPathsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789.-+ e"
	inputs := []string{"", ".", "1.", ".5", "0.03", "007.500", "1.0000000000000001", "999999999999999999", "1..2", "12.3456789012345", "99999999999999999", "9999999999999999.9", "92233720368547758", "922337203685477.58", "0.001", "100"}
	for range 50_000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	for _, s := range inputs {
		got, err1 := parseRate(s)
		want, err2 := currency.ParseRate(s)
		if (err1 == nil) != (err2 == nil) || got != want {
			t.Fatalf("%q: fast %v, %v; currency %v, %v", s, got, err1, want, err2)
		}
	}
	for _, cur := range []currency.Code{currency.USD, currency.JPY, currency.KWD, 0} {
		for _, s := range inputs {
			got, err1 := parseAmount(s, cur)
			want, err2 := currency.ParseAmount(s, cur)
			if (err1 == nil) != (err2 == nil) || got != want {
				t.Fatalf("%q %v: fast %v, %v; currency %v, %v", s, cur, got, err1, want, err2)
			}
		}
	}
	var c codeCache
	for _, s := range []string{"\x00\x00\x00", "USD", "usd", "SEK", "XXX", "US", "USD", "sek", "ZZZ"} {
		got, err1 := c.parse(s)
		want, err2 := currency.ParseCode(s)
		if (err1 == nil) != (err2 == nil) || got != want {
			t.Fatalf("%q: cache %v, %v; currency %v, %v", s, got, err1, want, err2)
		}
	}
	for _, s := range []string{"2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "2024-13-01", "2024-1-01", "20x4-01-01"} {
		got, ok := parseDate(s)
		want, err := parseAsOfSlow(s)
		if ok != (err == nil) || ok && !got.Equal(want) {
			t.Fatalf("%q: fast %v, %v; time.Parse %v, %v", s, got, ok, want, err)
		}
	}
}

func parseAsOfSlow(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }

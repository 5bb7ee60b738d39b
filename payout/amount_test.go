package payout

import (
	"testing"

	"github.com/marketrules/marketrules/currency"
)

// sameParse reports whether the quick parsers give what currency's give
// for s: the same Money, or both an error.
func sameParse(t *testing.T, s string) {
	t.Helper()
	for _, c := range []currency.Code{currency.USD, currency.JPY, currency.KWD} {
		got, err := parseAmount(s, c)
		want, wantErr := currency.ParseAmount(s, c)
		if got != want || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Fatalf("parseAmount(%q, %v) = %v, %v; currency: %v, %v", s, c, got, err, want, wantErr)
		}
		got, err = parseAmountRound(s, c, currency.HalfEven)
		want, wantErr = currency.ParseAmountRound(s, c, currency.HalfEven)
		if got != want || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Fatalf("parseAmountRound(%q, %v) = %v, %v; currency: %v, %v", s, c, got, err, want, wantErr)
		}
	}
}

func TestParseAmountAgreesWithCurrency(t *testing.T) {
	for _, s := range []string{"0", "-0", "+0", "1", "100.00", "-3.5", "1200", "0.125", "1.", ".5", "-", "", "1e3", " 1", "1 ",
		"007.50", "999999999999999999", "9999999999999999.99", "99999999999999999.99", "9223372036854775807",
		"92233720368547758.07", "-92233720368547758.08", "1.000", "1.0001", "1,00", "١٢", "+-1", "--1"} {
		sameParse(t, s)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = parseAmount("1234.56", currency.USD) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// FuzzParseAmount: the quick amount parsers agree with currency's.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"100.00", "-3.5", "1200", "0.125", "999999999999999999", "-92233720368547758.08", "1.", "+7"} {
		f.Add(s)
	}
	f.Fuzz(sameParse)
}

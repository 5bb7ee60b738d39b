package currency

import "testing"

// samePlain reports whether parseAmount, which reads plain amounts with
// parsePlain, gives what parseDecimalAmount gives for s: the same Money,
// or the same error.
func samePlain(t *testing.T, s string) {
	t.Helper()
	for _, c := range []Code{USD, JPY, KWD} {
		for _, rounding := range []bool{false, true} {
			got, err := parseAmount(s, c, HalfEven, rounding)
			want, wantErr := parseDecimalAmount(s, c, c.Digits(), HalfEven, rounding)
			if got != want || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Fatalf("parseAmount(%q, %v, rounding %v) = %v, %v; by decimal: %v, %v", s, c, rounding, got, err, want, wantErr)
			}
		}
	}
}

func TestParsePlainAgreesWithDecimal(t *testing.T) {
	for _, s := range []string{"0", "-0", "+0", "1", "100.00", "-3.5", "1200", "0.125", "1.", ".5", "-", "", "1e3", " 1", "1 ",
		"007.50", "999999999999999999", "9999999999999999.99", "99999999999999999.99", "9223372036854775807",
		"92233720368547758.07", "-92233720368547758.08", "1.000", "1.0001", "1,00", "١٢", "+-1", "--1"} {
		samePlain(t, s)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = ParseAmount("1234.56", USD) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// FuzzParsePlain: the one-pass reading of plain amounts agrees with the
// decimal reading.
func FuzzParsePlain(f *testing.F) {
	for _, s := range []string{"100.00", "-3.5", "1200", "0.125", "999999999999999999", "-92233720368547758.08", "1.", "+7"} {
		f.Add(s)
	}
	f.Fuzz(samePlain)
}

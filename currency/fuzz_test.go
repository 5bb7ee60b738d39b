package currency

import (
	"encoding/json"
	"math"
	"math/big"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1234.50 SEK", "-3 JPY", "0.001 BHD", "100 RMB", "12.345 USD", "1 usd", "", " ", "9223372036854775807 JPY"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := Parse(s)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("Parse(%q) error of type %T", s, err)
			}
			return
		}
		// parse → format → parse round-trips, and the canonical form is a
		// fixed point.
		back, err := Parse(m.String())
		if err != nil || back != m || back.String() != m.String() {
			t.Fatalf("Parse(%q) = %v; re-parse of %q = %v, %v", s, m, m.String(), back, err)
		}
		var j Money
		b, _ := m.MarshalJSON()
		if err := json.Unmarshal(b, &j); err != nil || j != m {
			t.Fatalf("JSON round trip of %v via %s: %v, %v", m, b, j, err)
		}
		// Every locale writes the amount's digits, in order, and no other
		// digit: grouping, signs and symbols are the only difference.
		amount, _, _ := strings.Cut(m.String(), " ")
		want := asciiDigits(amount)
		for l := range Locales() {
			if got := asciiDigits(l.Format(m)); got != want {
				t.Fatalf("%v: Format(%v) = %q: digits %q, want %q", l, m, l.Format(m), got, want)
			}
		}
	})
}

// asciiDigits returns the ASCII digits of s, in order.
func asciiDigits(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func FuzzParseAmount(f *testing.F) {
	f.Add("0.125", uint16(USD), uint8(HalfEven))
	f.Add("-92233720368547758.08", uint16(USD), uint8(Floor))
	f.Add("1.0000000000000000000000000000005", uint16(JPY), uint8(HalfUp))
	f.Fuzz(func(t *testing.T, s string, c uint16, mode uint8) {
		code := Code(c)
		exact, errExact := ParseAmount(s, code)
		rounded, errRound := ParseAmountRound(s, code, RoundingMode(mode))
		if errExact == nil {
			if errRound != nil && RoundingMode(mode).Valid() {
				t.Fatalf("%q: exact parse ok, rounded failed: %v", s, errRound)
			}
			if errRound == nil && rounded != exact {
				t.Fatalf("%q: exact %v, rounded %v", s, exact, rounded)
			}
			if back, err := ParseAmount(exact.Amount(), code); err != nil || back != exact {
				t.Fatalf("%q: amount round trip %v → %v, %v", s, exact, back, err)
			}
			return
		}
		if errRound != nil || !code.Valid() {
			return
		}
		// A rounded result is within one minor unit of the exact value.
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("%q parsed with rounding but is not a number", s)
		}
		r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(code.Digits())), nil)))
		want := refRound(r, RoundingMode(mode))
		if want.Cmp(big.NewInt(rounded.Minor())) != 0 {
			t.Fatalf("ParseAmountRound(%q, %v, %v) = %d, reference %s", s, code, RoundingMode(mode), rounded.Minor(), want)
		}
	})
}

func FuzzMulDiv(f *testing.F) {
	f.Add(int64(1999), int64(1234567), int64(2592000), uint8(0))
	f.Add(int64(math.MinInt64), int64(-1), int64(1), uint8(6))
	f.Add(int64(math.MaxInt64), int64(math.MaxInt64), int64(math.MaxInt64), uint8(3))
	f.Fuzz(func(t *testing.T, a, num, den int64, m uint8) {
		mode := RoundingMode(m % 7)
		got, err := MustFromMinor(a, USD).MulDiv(num, den, mode)
		if den == 0 {
			if err == nil {
				t.Fatal("division by zero without error")
			}
			return
		}
		want := refRound(new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(a), big.NewInt(num)), big.NewInt(den)), mode)
		if !want.IsInt64() {
			if err == nil {
				t.Fatalf("%d×%d/%d: want overflow, got %v", a, num, den, got)
			}
			return
		}
		if err != nil || got.Minor() != want.Int64() {
			t.Fatalf("%d×%d/%d %v = %v, %v; reference %s", a, num, den, mode, got.Minor(), err, want)
		}
	})
}

func FuzzConvert(f *testing.F) {
	f.Add(int64(12345), uint16(USD), uint16(JPY), "149.2345", uint8(0))
	f.Add(int64(-1), uint16(JPY), uint16(CLF), "0.000000000000001", uint8(3))
	f.Fuzz(func(t *testing.T, a int64, from, to uint16, rate string, m uint8) {
		r, err := ParseRate(rate)
		if err != nil || !Code(from).Valid() || !Code(to).Valid() {
			return
		}
		mode := RoundingMode(m % 7)
		got, err := MustFromMinor(a, Code(from)).Convert(Code(to), r, mode)
		if r.IsZero() {
			if err == nil {
				t.Fatal("zero rate without error")
			}
			return
		}
		// exact = a / 10^from × rate × 10^to
		x := new(big.Rat).SetFrac(big.NewInt(a), pow(Code(from).Digits()))
		rr, _ := new(big.Rat).SetString(rate)
		x.Mul(x, rr).Mul(x, new(big.Rat).SetInt(pow(Code(to).Digits())))
		want := refRound(x, mode)
		if !want.IsInt64() {
			if err == nil {
				t.Fatalf("want overflow, got %v", got)
			}
			return
		}
		if err != nil || got.Minor() != want.Int64() || got.Code() != Code(to) {
			t.Fatalf("%d %v → %v at %s %v = %v, %v; reference %s", a, Code(from), Code(to), rate, mode, got, err, want)
		}
	})
}

func pow(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"SEK", "rmb", "XAU", "", "ÅÄÖ", "usd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			return
		}
		if back, err := ParseCode(c.String()); err != nil || back != c || !c.Valid() {
			t.Fatalf("ParseCode(%q) = %v; re-parse %v, %v", s, c, back, err)
		}
	})
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"149.2345", "0.030", "-0", "1e3", "999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRate(s)
		if err != nil {
			return
		}
		back, err := ParseRate(r.String())
		if err != nil || back != r {
			t.Fatalf("ParseRate(%q) = %v; re-parse %v, %v", s, r, back, err)
		}
		if d, err := RateFromDecimal(r.Decimal()); err != nil || !d.Equal(r) {
			t.Fatalf("decimal round trip of %v: %v, %v", r, d, err)
		}
	})
}

func FuzzUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`{"amount":"12.34","currency":"SEK"}`, `null`, `{"amount":1,"currency":"USD"}`, `{"amount":"1","currency":"RMB","x":0}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m Money
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back Money
		if err := json.Unmarshal(b, &back); err != nil || back != m {
			t.Fatalf("%s → %v → %s → %v, %v", s, m, b, back, err)
		}
	})
}

func FuzzAllocate(f *testing.F) {
	f.Add(int64(10001), int64(50), int64(30), int64(20))
	f.Add(int64(math.MinInt64), int64(1), int64(0), int64(math.MaxInt64-1))
	f.Fuzz(func(t *testing.T, a, w1, w2, w3 int64) {
		weights := []int64{w1, w2, w3}
		dst := make([]Money, 3)
		if err := MustFromMinor(a, SEK).AllocateInto(dst, weights); err != nil {
			return
		}
		want := refAllocate(a, weights)
		for i := range dst {
			if dst[i].Minor() != want[i] {
				t.Fatalf("Allocate(%d, %v) = %v, reference %v", a, weights, dst, want)
			}
		}
	})
}

package currency

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func usd(minor int64) Money { return MustFromMinor(minor, USD) }

func TestMoneyZeroValue(t *testing.T) {
	var z Money
	if !z.IsZero() || z.Sign() != 0 || z.Code() != 0 || z.String() != "0" || z.Minor() != 0 {
		t.Errorf("zero Money: %#v, String %q", z, z.String())
	}
	// The zero Money is the identity of Add and Sub, in any currency.
	for _, m := range []Money{usd(300), MustFromMinor(-5, JPY)} {
		if got, err := z.Add(m); err != nil || got != m {
			t.Errorf("zero + %v = %v, %v", m, got, err)
		}
		if got, err := m.Add(z); err != nil || got != m {
			t.Errorf("%v + zero = %v, %v", m, got, err)
		}
		if got, err := m.Sub(z); err != nil || got != m {
			t.Errorf("%v - zero = %v, %v", m, got, err)
		}
		neg, _ := m.Neg()
		if got, err := z.Sub(m); err != nil || got != neg {
			t.Errorf("zero - %v = %v, %v", m, got, err)
		}
		if c, err := z.Cmp(m); err != nil || c != -m.Sign() {
			t.Errorf("Cmp(zero, %v) = %d, %v", m, c, err)
		}
	}
	// Zero in a currency is not the zero Money: it keeps its currency.
	if zs := MustFromMinor(0, SEK); zs == z || zs.Sign() != 0 || zs.IsZero() {
		t.Errorf("0 SEK vs zero Money")
	}
	if _, err := MustFromMinor(0, SEK).Add(usd(1)); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("0 SEK + 0.01 USD: err = %v, want mismatch", err)
	}
}

func TestMoneyArithmetic(t *testing.T) {
	type op func(Money, Money) (Money, error)
	add := Money.Add
	sub := Money.Sub
	tests := []struct {
		name string
		op   op
		x, y Money
		want Money
	}{
		{"add", add, usd(1999), usd(501), usd(2500)},
		{"add negative", add, usd(-1999), usd(501), usd(-1498)},
		{"add to max", add, usd(math.MaxInt64 - 1), usd(1), usd(math.MaxInt64)},
		{"add to min", add, usd(math.MinInt64 + 1), usd(-1), usd(math.MinInt64)},
		{"sub", sub, usd(2500), usd(501), usd(1999)},
		{"sub to negative", sub, usd(1), usd(2), usd(-1)},
		{"sub to min", sub, usd(-1), usd(math.MaxInt64), usd(math.MinInt64)},
	}
	for _, tt := range tests {
		got, err := tt.op(tt.x, tt.y)
		if err != nil || got != tt.want {
			t.Errorf("%s(%v, %v) = %v, %v; want %v", tt.name, tt.x, tt.y, got, err, tt.want)
		}
	}
}

func TestMoneyArithmeticErrors(t *testing.T) {
	tests := []struct {
		name string
		run  func() (Money, error)
		err  error
		op   string
		msg  string
	}{
		{"add mismatch", func() (Money, error) { return usd(100).Add(MustFromMinor(200, SEK)) }, ErrCurrencyMismatch, "add",
			"currency: add 1.00 USD and 2.00 SEK: currency mismatch"},
		{"sub mismatch", func() (Money, error) { return usd(100).Sub(MustFromMinor(200, SEK)) }, ErrCurrencyMismatch, "sub",
			"currency: sub 1.00 USD and 2.00 SEK: currency mismatch"},
		{"add overflow", func() (Money, error) { return usd(math.MaxInt64).Add(usd(1)) }, ErrOverflow, "add", ""},
		{"add underflow", func() (Money, error) { return usd(math.MinInt64).Add(usd(-1)) }, ErrOverflow, "add", ""},
		{"sub overflow", func() (Money, error) { return usd(math.MinInt64).Sub(usd(1)) }, ErrOverflow, "sub", ""},
		{"sub overflow positive", func() (Money, error) { return usd(0).Sub(usd(math.MinInt64)) }, ErrOverflow, "sub", ""},
		{"neg min", func() (Money, error) { return usd(math.MinInt64).Neg() }, ErrOverflow, "neg", ""},
		{"abs min", func() (Money, error) { return usd(math.MinInt64).Abs() }, ErrOverflow, "abs", ""},
		{"mul overflow", func() (Money, error) { return usd(math.MaxInt64/2 + 1).Mul(2) }, ErrOverflow, "mul",
			"currency: mul 46116860184273879.04 USD by 2: overflow"},
		{"mul overflow 128", func() (Money, error) { return usd(1 << 40).Mul(1 << 40) }, ErrOverflow, "mul", ""},
		{"mul min by -1", func() (Money, error) { return usd(math.MinInt64).Mul(-1) }, ErrOverflow, "mul", ""},
		{"muldiv by zero", func() (Money, error) { return usd(100).MulDiv(1, 0, HalfEven) }, ErrDivisionByZero, "muldiv",
			"currency: muldiv 1.00 USD × 1 / 0 (half-even): division by zero"},
		{"muldiv overflow", func() (Money, error) { return usd(math.MaxInt64).MulDiv(3, 2, HalfEven) }, ErrOverflow, "muldiv", ""},
		{"mulrate overflow", func() (Money, error) { return usd(math.MaxInt64).MulRate(MustParseRate("1.5"), Down) }, ErrOverflow, "mulrate",
			"currency: mulrate 92233720368547758.07 USD × 1.5 (down): overflow"},
		{"mulrate bad mode", func() (Money, error) { return usd(1).MulRate(MustParseRate("1.5"), 9) }, ErrRoundingMode, "mulrate", ""},
		{"convert zero rate", func() (Money, error) { return usd(100).Convert(JPY, Rate{}, HalfEven) }, ErrZeroRate, "convert",
			"currency: convert 1.00 USD to JPY at 0 (half-even): zero exchange rate"},
		{"convert overflow", func() (Money, error) { return usd(math.MaxInt64).Convert(JPY, MustParseRate("149.2345"), HalfEven) }, ErrOverflow, "convert", ""},
		{"convert overflow to more digits", func() (Money, error) {
			return MustFromMinor(math.MaxInt64, JPY).Convert(BHD, MustParseRate("999999999999999.999"), HalfEven)
		}, ErrOverflow, "convert", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.run()
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if got != (Money{}) {
				t.Errorf("result on error = %v, want the zero Money", got)
			}
			var oe *OpError
			if !errors.As(err, &oe) || oe.Op != tt.op {
				t.Fatalf("errors.As(*OpError) = %+v, want op %q", oe, tt.op)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("message = %q, want %q", err.Error(), tt.msg)
			}
		})
	}
	if _, err := usd(1).Cmp(MustFromMinor(1, EUR)); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("Cmp mismatch: %v", err)
	}
	var oe *OpError
	_, err := usd(100).Add(MustFromMinor(200, SEK))
	if errors.As(err, &oe); oe.X != usd(100) || oe.Y != MustFromMinor(200, SEK) {
		t.Errorf("OpError operands = %v, %v", oe.X, oe.Y)
	}
}

func TestMoneyUnary(t *testing.T) {
	for _, tt := range []struct {
		m        Money
		sign     int
		neg, abs Money
	}{
		{usd(-250), -1, usd(250), usd(250)},
		{usd(0), 0, usd(0), usd(0)},
		{usd(250), 1, usd(-250), usd(250)},
		{usd(math.MaxInt64), 1, usd(-math.MaxInt64), usd(math.MaxInt64)},
	} {
		if tt.m.Sign() != tt.sign || tt.m.IsNegative() != (tt.sign < 0) || tt.m.IsPositive() != (tt.sign > 0) {
			t.Errorf("%v: Sign %d IsNegative %v IsPositive %v", tt.m, tt.m.Sign(), tt.m.IsNegative(), tt.m.IsPositive())
		}
		if n, err := tt.m.Neg(); err != nil || n != tt.neg {
			t.Errorf("Neg(%v) = %v, %v", tt.m, n, err)
		}
		if a, err := tt.m.Abs(); err != nil || a != tt.abs {
			t.Errorf("Abs(%v) = %v, %v", tt.m, a, err)
		}
	}
	for _, tt := range []struct {
		x, y Money
		want int
	}{{usd(1), usd(2), -1}, {usd(2), usd(2), 0}, {usd(3), usd(2), 1}, {usd(-3), usd(2), -1}} {
		if c, err := tt.x.Cmp(tt.y); err != nil || c != tt.want {
			t.Errorf("Cmp(%v, %v) = %d, %v", tt.x, tt.y, c, err)
		}
	}
	if !usd(5).Equal(usd(5)) || usd(5).Equal(MustFromMinor(5, EUR)) {
		t.Error("Equal")
	}
}

func TestMoneyMul(t *testing.T) {
	for _, tt := range []struct {
		m    Money
		q    int64
		want Money
	}{
		{usd(1999), 37, usd(73963)},
		{usd(1999), 0, usd(0)},
		{usd(1999), -2, usd(-3998)},
		{usd(-1999), -2, usd(3998)},
		{usd(math.MinInt64), 1, usd(math.MinInt64)},
		{usd(-(1 << 62)), 2, usd(math.MinInt64)},
	} {
		if got, err := tt.m.Mul(tt.q); err != nil || got != tt.want {
			t.Errorf("%v × %d = %v, %v; want %v", tt.m, tt.q, got, err, tt.want)
		}
	}
}

// The ratio step of proration: 19.99 USD for 1,234,567 of 2,592,000 seconds.
func TestMoneyMulDiv(t *testing.T) {
	for _, tt := range []struct {
		m        Money
		num, den int64
		mode     RoundingMode
		want     Money
	}{
		{usd(1999), 1234567, 2592000, HalfEven, usd(952)}, // 9.5210…
		{usd(1999), 1234567, 2592000, Up, usd(953)},
		{usd(1999), 1234567, 2592000, Down, usd(952)},
		{usd(10000), 1, 3, HalfEven, usd(3333)},
		{usd(10000), 2, 3, HalfEven, usd(6667)},
		{usd(10000), -2, 3, HalfEven, usd(-6667)},
		{usd(10000), 2, -3, Floor, usd(-6667)},
		{usd(10000), -2, -3, Floor, usd(6666)},
		{usd(math.MaxInt64), math.MaxInt64, math.MaxInt64, HalfEven, usd(math.MaxInt64)}, // 126-bit intermediate
		{usd(math.MinInt64), 1, 1, HalfEven, usd(math.MinInt64)},
		{MustFromMinor(1, JPY), 1, 2, HalfEven, MustFromMinor(0, JPY)},
		{MustFromMinor(3, JPY), 1, 2, HalfEven, MustFromMinor(2, JPY)},
	} {
		got, err := tt.m.MulDiv(tt.num, tt.den, tt.mode)
		if err != nil || got != tt.want {
			t.Errorf("%v × %d / %d (%v) = %v, %v; want %v", tt.m, tt.num, tt.den, tt.mode, got, err, tt.want)
		}
	}
}

// PRC-03: a USD price converted to a market's currency at a rate, rounded
// with a named mode.
func TestPRC03_Convert(t *testing.T) {
	for _, tt := range []struct {
		from Money
		to   Code
		rate string
		mode RoundingMode
		want string
	}{
		{MustParse("123.45 USD"), JPY, "149.2345", HalfEven, "18423 JPY"}, // exactly 18,422.999025
		{MustParse("123.45 USD"), JPY, "149.2345", Up, "18423 JPY"},
		{MustParse("123.45 USD"), JPY, "149.2345", Down, "18422 JPY"},
		{MustParse("49.99 USD"), SEK, "10.4512", HalfEven, "522.46 SEK"},    // 522.455… → 522.46
		{MustParse("0.05 USD"), SEK, "10.5", HalfEven, "0.52 SEK"},          // 0.525 → 0.52
		{MustParse("0.05 USD"), SEK, "10.5", HalfUp, "0.53 SEK"},            // 0.525 → 0.53
		{MustParse("1.000 BHD"), USD, "2.6596", HalfEven, "2.66 USD"},       // three places to two
		{MustParse("1000 JPY"), BHD, "0.002513", HalfEven, "2.513 BHD"},     // none to three
		{MustParse("-123.45 USD"), JPY, "149.2345", HalfEven, "-18423 JPY"}, // refunds convert too
		{MustParse("10.00 USD"), USD, "1", HalfEven, "10.00 USD"},
		{MustParse("1 USD"), CLF, "0.000000000000001", Up, "0.0001 CLF"}, // scale 15 rate, four places
	} {
		got, err := tt.from.Convert(tt.to, MustParseRate(tt.rate), tt.mode)
		if err != nil || got.String() != tt.want {
			t.Errorf("%v → %v at %s (%v) = %v, %v; want %s", tt.from, tt.to, tt.rate, tt.mode, got, err, tt.want)
		}
	}
	// MulRate: fees and discounts in the same currency.
	for _, tt := range []struct {
		m    string
		rate string
		mode RoundingMode
		want string
	}{
		{"100.00 USD", "0.03", HalfEven, "3.00 USD"},
		{"0.99 USD", "0.03", HalfEven, "0.03 USD"}, // 0.0297
		{"1.00 USD", "0.005", HalfEven, "0.00 USD"},
		{"1.00 USD", "0.005", HalfUp, "0.01 USD"},
		{"95.00 USD", "0.1052631579", HalfEven, "10.00 USD"}, // a multiparty customer adjustment (EXT-09)
	} {
		got, err := MustParse(tt.m).MulRate(MustParseRate(tt.rate), tt.mode)
		if err != nil || got.String() != tt.want {
			t.Errorf("%s × %s (%v) = %v, %v; want %s", tt.m, tt.rate, tt.mode, got, err, tt.want)
		}
	}
}

func TestExchangeRateConvert(t *testing.T) {
	x := ExchangeRate{From: USD, To: JPY, Rate: MustParseRate("149.2345")}
	got, err := x.Convert(MustParse("123.45 USD"), HalfEven)
	if err != nil {
		t.Fatal(err)
	}
	want := Conversion{From: MustParse("123.45 USD"), To: MustParse("18423 JPY"), Rate: x, Rounding: HalfEven}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(Rate{})); diff != "" {
		t.Errorf("Conversion (-want +got):\n%s", diff)
	}
	if s := got.String(); s != "123.45 USD → 18423 JPY at 149.2345 JPY/USD (half-even)" {
		t.Errorf("String = %q", s)
	}
	if _, err := x.Convert(MustParse("1 SEK"), HalfEven); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("converting SEK with a USD rate: %v", err)
	}
	if z, err := x.Convert(Money{}, HalfEven); err != nil || z.To != MustFromMinor(0, JPY) || z.From != MustFromMinor(0, USD) {
		t.Errorf("zero Money: %v, %v", z, err)
	}
	if _, err := (ExchangeRate{From: USD, To: JPY}).Convert(MustParse("1 USD"), HalfEven); !errors.Is(err, ErrZeroRate) {
		t.Errorf("zero rate: %v", err)
	}
}

func TestDecimal(t *testing.T) {
	for _, tt := range []struct {
		m    Money
		want string
	}{{usd(1999), "19.99"}, {usd(-5), "-0.05"}, {MustFromMinor(1235, JPY), "1235"}, {MustFromMinor(1, BHD), "0.001"}} {
		if got := tt.m.Decimal().String(); got != tt.want {
			t.Errorf("Decimal(%v) = %s, want %s", tt.m, got, tt.want)
		}
		back, err := FromDecimal(tt.m.Decimal(), tt.m.Code(), HalfEven)
		if err != nil || back != tt.m {
			t.Errorf("FromDecimal(Decimal(%v)) = %v, %v", tt.m, back, err)
		}
	}
	for _, tt := range []struct {
		d    string
		mode RoundingMode
		want string
	}{
		{"0.125", HalfEven, "0.12 USD"},
		{"0.125", HalfUp, "0.13 USD"},
		{"1e3", HalfEven, "1000.00 USD"},
		{"-1.5e-3", Floor, "-0.01 USD"},
	} {
		d := decimal.RequireFromString(tt.d)
		got, err := FromDecimal(d, USD, tt.mode)
		if err != nil || got.String() != tt.want {
			t.Errorf("FromDecimal(%s, %v) = %v, %v; want %s", tt.d, tt.mode, got, err, tt.want)
		}
	}
	if _, err := FromDecimal(decimal.RequireFromString("1e30"), USD, HalfEven); !errors.Is(err, ErrOverflow) {
		t.Errorf("FromDecimal(1e30): %v", err)
	}
	if _, err := FromDecimal(decimal.RequireFromString("1"), USD, 99); !errors.Is(err, ErrRoundingMode) {
		t.Errorf("FromDecimal bad mode: %v", err)
	}
}

// Package bench compares the money arithmetic of
// github.com/marketrules/marketrules/currency ("ours") with other Go money and
// decimal libraries and with a plain int64 baseline, on the operations the
// marketplace rules need. It is a separate module so that the library itself
// never depends on the libraries compared here.
//
// Every operation is written once per library, as a small function in this
// file; TestSameAnswers checks that they agree and the benchmarks time them.
//
// The libraries:
//
//   - ours: github.com/marketrules/marketrules/currency (int64 minor units).
//   - int64: hand-written int64 arithmetic with the same rounding, unchecked
//     (no overflow or currency checks): the floor any money type is measured
//     against.
//   - shopspring: github.com/shopspring/decimal (big.Int based decimal).
//   - govalues: github.com/govalues/decimal (64-bit coefficient decimal).
//   - bojanz: github.com/bojanz/currency (apd decimal with a currency code).
//   - gomoney: github.com/Rhymond/go-money (int64 minor units, pointers).
package bench

import (
	"errors"

	gomoney "github.com/Rhymond/go-money"
	bojanz "github.com/bojanz/currency"
	govalues "github.com/govalues/decimal"
	"github.com/marketrules/marketrules/currency"
	shopspring "github.com/shopspring/decimal"
)

// The inputs of every operation, in the text the libraries parse.
const (
	addA, addB   = "19.99", "5.01" // USD
	mulA         = "19.99"         // USD
	mulQ         = 37
	ratioA       = "19.99" // USD
	ratioNum     = 1_234_567
	ratioDen     = 2_592_000
	convA        = "123.45" // USD
	convRate     = "149.2345"
	splitA       = "100.00" // USD
	splitN       = 3
	formatA      = "1234567.89" // EUR
	formatLocale = "de-DE"
	parseA       = "1234.56" // USD
)

// ---------------------------------------------------------------------------
// ours: github.com/marketrules/marketrules/currency

func oursAdd(a, b currency.Money) (currency.Money, error) { return a.Add(b) }

func oursMul(a currency.Money, q int64) (currency.Money, error) { return a.Mul(q) }

func oursRatio(a currency.Money, num, den int64) (currency.Money, error) {
	return a.MulDiv(num, den, currency.HalfEven)
}

func oursConvert(a currency.Money, r currency.Rate) (currency.Money, error) {
	return a.Convert(currency.JPY, r, currency.HalfEven)
}

func oursSplit(a currency.Money, dst []currency.Money) error { return a.SplitInto(dst) }

func oursFormat(l currency.Locale, a currency.Money) string { return l.Format(a) }

func oursParse(s string) (currency.Money, error) { return currency.ParseAmount(s, currency.USD) }

// ---------------------------------------------------------------------------
// int64: plain int64 minor units, hand-written, with the same rounding.
// Nothing is checked: a real implementation would need overflow checks.

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
	100000000, 1000000000, 10000000000, 100000000000, 1000000000000,
	10000000000000, 100000000000000, 1000000000000000, 10000000000000000,
	100000000000000000, 1000000000000000000}

func int64Add(a, b int64) int64 { return a + b }

func int64Mul(a, q int64) int64 { return a * q }

// int64DivHalfEven returns p / d rounded half-even, for p ≥ 0 and d > 0.
func int64DivHalfEven(p, d int64) int64 {
	q, r := p/d, p%d
	if h := d - r; r > h || (r == h && q&1 == 1) {
		q++
	}
	return q
}

func int64Ratio(a, num, den int64) int64 { return int64DivHalfEven(a*num, den) }

// int64Convert converts a (fromDigits decimal places) at the rate
// coef × 10^-scale into an amount with toDigits decimal places, half-even.
func int64Convert(a, coef int64, scale, fromDigits, toDigits int) int64 {
	return int64DivHalfEven(a*coef, pow10[scale+fromDigits-toDigits])
}

func int64Split(a int64, dst []int64) {
	n := int64(len(dst))
	q, r := a/n, a%n
	for i := range dst {
		dst[i] = q
		if int64(i) < r {
			dst[i]++
		}
	}
}

// int64FormatDE formats 2-decimal minor units as de-DE euros:
// "1.234.567,89 €" (a no-break space before the sign), for a ≥ 0.
func int64FormatDE(a int64) string {
	var buf [32]byte
	i := len(buf)
	i -= len("\u00a0€")
	copy(buf[i:], "\u00a0€")
	i--
	buf[i] = byte('0' + a%10)
	a /= 10
	i--
	buf[i] = byte('0' + a%10)
	a /= 10
	i--
	buf[i] = ','
	for n := 0; ; n++ {
		if n > 0 && n%3 == 0 {
			i--
			buf[i] = '.'
		}
		i--
		buf[i] = byte('0' + a%10)
		a /= 10
		if a == 0 {
			break
		}
	}
	return string(buf[i:])
}

var errInt64Syntax = errors.New("int64: invalid amount")

// int64Parse parses a non-negative amount with at most 2 decimal places
// into minor units.
func int64Parse(s string) (int64, error) {
	var v int64
	frac := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' && frac < 0:
			frac = 0
		case '0' <= c && c <= '9' && frac < 2:
			v = v*10 + int64(c-'0')
			if frac >= 0 {
				frac++
			}
		default:
			return 0, errInt64Syntax
		}
	}
	if frac < 0 {
		frac = 0
	}
	return v * pow10[2-frac], nil
}

// ---------------------------------------------------------------------------
// shopspring: github.com/shopspring/decimal. Amounts are plain decimals; the
// caller keeps track of the currency.

func shopAdd(a, b shopspring.Decimal) shopspring.Decimal { return a.Add(b) }

func shopMul(a, q shopspring.Decimal) shopspring.Decimal { return a.Mul(q) }

// shopRatio rounds twice: Div rounds (half-up) to DivisionPrecision (16)
// decimal places, then RoundBank rounds half-even to cents. shopspring has no
// exactly rounded half-even division (DivRound is half-up only); the double
// rounding can only matter when the quotient has more than 16 decimal
// places and its first 16 end in 5000…, which these inputs do not.
func shopRatio(a, num, den shopspring.Decimal) shopspring.Decimal {
	return a.Mul(num).Div(den).RoundBank(2)
}

// shopConvert multiplies exactly, then rounds once half-even to yen.
func shopConvert(a, rate shopspring.Decimal) shopspring.Decimal {
	return a.Mul(rate).RoundBank(0)
}

var shopCent = shopspring.New(1, -2)

// shopSplit splits a (≥ 0) into n parts written to dst (len(dst) = n, n
// given as a decimal built by the caller): the share truncated to cents,
// and the cents left over one each to the first parts.
func shopSplit(a, n shopspring.Decimal, dst []shopspring.Decimal) {
	q := a.Div(n).Truncate(2)
	left := a.Sub(q.Mul(n)).Shift(2).IntPart()
	for i := range dst {
		dst[i] = q
		if int64(i) < left {
			dst[i] = q.Add(shopCent)
		}
	}
}

// shopspring has no locale formatting (only String and StringFixed): it is
// left out of the formatting benchmark.

func shopParse(s string) (shopspring.Decimal, error) { return shopspring.NewFromString(s) }

// ---------------------------------------------------------------------------
// govalues: github.com/govalues/decimal. Amounts are plain decimals; the
// caller keeps track of the currency.

func gvAdd(a, b govalues.Decimal) (govalues.Decimal, error) { return a.Add(b) }

func gvMul(a, q govalues.Decimal) (govalues.Decimal, error) { return a.Mul(q) }

// gvRatio rounds twice: Quo rounds half-even to 19 significant digits, then
// Round rounds half-even to cents. govalues has no exactly rounded
// multiply-then-divide; the double rounding can only matter when the
// quotient needs more than 19 digits and they end in a tie, which these
// inputs do not.
func gvRatio(a, num, den govalues.Decimal) (govalues.Decimal, error) {
	p, err := a.Mul(num)
	if err != nil {
		return govalues.Decimal{}, err
	}
	q, err := p.Quo(den)
	if err != nil {
		return govalues.Decimal{}, err
	}
	return q.Round(2), nil
}

// gvConvert multiplies exactly, then rounds once half-even to yen.
func gvConvert(a, rate govalues.Decimal) (govalues.Decimal, error) {
	p, err := a.Mul(rate)
	if err != nil {
		return govalues.Decimal{}, err
	}
	return p.Round(0), nil
}

var gvCent = govalues.MustNew(1, 2)

// gvSplit splits a (≥ 0) into len(dst) parts like shopSplit.
func gvSplit(a govalues.Decimal, dst []govalues.Decimal) error {
	n, err := govalues.New(int64(len(dst)), 0)
	if err != nil {
		return err
	}
	q, err := a.Quo(n)
	if err != nil {
		return err
	}
	q = q.Trunc(2)
	given, err := q.Mul(n)
	if err != nil {
		return err
	}
	rest, err := a.Sub(given)
	if err != nil {
		return err
	}
	whole, frac, ok := rest.Int64(2)
	if !ok {
		return errors.New("govalues: split remainder out of range")
	}
	left := whole*100 + frac
	up, err := q.Add(gvCent)
	if err != nil {
		return err
	}
	for i := range dst {
		dst[i] = q
		if int64(i) < left {
			dst[i] = up
		}
	}
	return nil
}

// govalues has no locale formatting (only fmt verbs): it is left out of the
// formatting benchmark.

func gvParse(s string) (govalues.Decimal, error) { return govalues.Parse(s) }

// ---------------------------------------------------------------------------
// bojanz: github.com/bojanz/currency. Its arithmetic takes the other operand
// of Mul, Div and Convert as a string, which it parses on every call; that
// cost is part of its API and so part of its timings.

func bzAdd(a, b bojanz.Amount) (bojanz.Amount, error) { return a.Add(b) }

func bzMul(a bojanz.Amount, q string) (bojanz.Amount, error) { return a.Mul(q) }

// bzRatio rounds twice: Div rounds half-up to 19 (or 39) significant
// digits, then RoundTo rounds half-even to cents. bojanz has no exactly
// rounded multiply-then-divide; as for shopspring, the double rounding does
// not matter for these inputs.
func bzRatio(a bojanz.Amount, num, den string) (bojanz.Amount, error) {
	p, err := a.Mul(num)
	if err != nil {
		return bojanz.Amount{}, err
	}
	q, err := p.Div(den)
	if err != nil {
		return bojanz.Amount{}, err
	}
	return q.RoundTo(2, bojanz.RoundHalfEven), nil
}

// bzConvert multiplies exactly (Convert), then rounds once half-even to
// yen's 0 digits.
func bzConvert(a bojanz.Amount, rate string) (bojanz.Amount, error) {
	c, err := a.Convert("JPY", rate)
	if err != nil {
		return bojanz.Amount{}, err
	}
	return c.RoundTo(0, bojanz.RoundHalfEven), nil
}

var bzCent, _ = bojanz.NewAmount("0.01", "USD")

// bzSplit splits a (≥ 0) into n parts written to dst (len(dst) = n, n
// given as text, as bojanz's API takes it) like shopSplit; bojanz has no
// split or allocation of its own.
func bzSplit(a bojanz.Amount, n string, dst []bojanz.Amount) error {
	q, err := a.Div(n)
	if err != nil {
		return err
	}
	q = q.RoundTo(2, bojanz.RoundDown)
	given, err := q.Mul(n)
	if err != nil {
		return err
	}
	rest, err := a.Sub(given)
	if err != nil {
		return err
	}
	left, err := rest.Int64() // in minor units (cents)
	if err != nil {
		return err
	}
	up, err := q.Add(bzCent)
	if err != nil {
		return err
	}
	for i := range dst {
		dst[i] = q
		if int64(i) < left {
			dst[i] = up
		}
	}
	return nil
}

func bzFormat(f *bojanz.Formatter, a bojanz.Amount) string { return f.Format(a) }

func bzParse(s string) (bojanz.Amount, error) { return bojanz.NewAmount(s, "USD") }

// ---------------------------------------------------------------------------
// gomoney: github.com/Rhymond/go-money. Amounts are *Money in int64 minor
// units; every operation allocates its result.

func gmAdd(a, b *gomoney.Money) (*gomoney.Money, error) { return a.Add(b) }

func gmMul(a *gomoney.Money, q int64) *gomoney.Money { return a.Multiply(q) }

// go-money has no division, no rates and no rounding modes: the ratio step
// and the conversion are left out. (Allocate(r, s-r) computes a×r/s
// truncated, not half-even, and Multiply/Allocate overflow silently.)

// gmSplit is go-money's own Split: it allocates the slice and every part;
// there is no form that writes into a caller's slice.
func gmSplit(a *gomoney.Money) ([]*gomoney.Money, error) { return a.Split(splitN) }

// gmDisplay is go-money's Display. It is not locale-aware: every currency
// has one fixed format (EUR is "€1,234,567.89"), so it does not give the
// de-DE answer; it is timed for reference only and left out of
// TestSameAnswers.
func gmDisplay(a *gomoney.Money) string { return a.Display() }

// go-money cannot parse a decimal string (only NewFromFloat from a float64):
// it is left out of the parsing benchmark.

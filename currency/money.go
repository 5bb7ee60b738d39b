package currency

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Money is an exact amount of a currency: a whole number of the currency's
// minor units (cents, öre; yen for JPY) and its [Code]. It is a small value
// (16 bytes, no pointers), comparable with == and usable as a map key: two
// Money values are equal when they have the same currency and the same
// number of minor units.
//
// The zero Money is zero in no currency. It is the identity of [Money.Add]
// and [Money.Sub] (adding it to 3.00 SEK gives 3.00 SEK, whatever the
// currency), so `var total Money` is a ready accumulator. Every other
// operation that needs a currency treats it as zero. Its String is "0".
//
// Arithmetic is checked: an operation that would overflow the int64 range,
// mix currencies or divide by zero returns an error wrapping
// [ErrOverflow], [ErrCurrencyMismatch] or [ErrDivisionByZero], never a
// wrapped-around value or a panic. Operations that divide take a
// [RoundingMode] and round exactly once.
type Money struct {
	minor int64
	code  Code
}

// MustFromMinor returns the amount of minor units in currency c, as [New]
// does, and panics when c is not an ISO 4217 code. It is for constants in
// tests, examples and package-level values: MustFromMinor(1999, USD) is
// 19.99 USD and MustFromMinor(1999, JPY) is 1,999 JPY.
func MustFromMinor(minor int64, c Code) Money {
	m, err := New(minor, c)
	if err != nil {
		panic(err)
	}
	return m
}

// New returns the amount of minor units in currency c (New(1999, USD) is
// 19.99 USD, New(1999, JPY) is 1,999 JPY), or an error wrapping
// [ErrUnknownCode] when c is not an ISO 4217 code (the zero Code
// included): New(5, Code(9999)) is an error. For constants use
// [MustFromMinor].
func New(minor int64, c Code) (Money, error) {
	if uint(c)-1 >= numCodes { // !c.Valid(), in a form cheap enough to inline New
		return Money{}, codeError(c)
	}
	return Money{minor: minor, code: c}, nil
}

// codeError is New's error for a code outside ISO 4217. Kept out of
// line: inlined into New it would push New over the inlining budget.
//
//go:noinline
func codeError(c Code) error {
	if c == 0 {
		return &ParseError{Kind: "currency code", Input: "", Err: ErrUnknownCode, Detail: "no currency given"}
	}
	return c.invalid("currency code")
}

// Minor returns the amount in minor units: 1999 for 19.99 USD.
func (m Money) Minor() int64 { return m.minor }

// Code returns the currency; the zero Money has the zero Code.
func (m Money) Code() Code { return m.code }

// IsZero reports whether m is the zero Money: zero in no currency. 0.00 SEK
// is not the zero Money, so an `omitzero` JSON field keeps it. To test for
// a zero amount in any currency, use m.Sign() == 0.
func (m Money) IsZero() bool { return m == Money{} }

// Sign returns −1, 0 or +1 for a negative, zero or positive amount.
func (m Money) Sign() int {
	switch {
	case m.minor < 0:
		return -1
	case m.minor > 0:
		return 1
	}
	return 0
}

// IsNegative reports whether the amount is below zero.
func (m Money) IsNegative() bool { return m.minor < 0 }

// IsPositive reports whether the amount is above zero.
func (m Money) IsPositive() bool { return m.minor > 0 }

// Equal reports whether m and o are the same amount in the same currency;
// it is m == o, provided so that go-cmp compares Money without options.
func (m Money) Equal(o Money) bool { return m == o }

// unify returns the currency of an operation on a and b: their common
// currency, or the other one's when one of them is the zero Money.
func unify(a, b Money) (Code, bool) {
	switch {
	case a.code == b.code:
		return a.code, true
	case a == Money{}:
		return b.code, true
	case b == Money{}:
		return a.code, true
	}
	return 0, false
}

// Add returns m + o. Both must be in the same currency (or one of them the
// zero Money).
func (m Money) Add(o Money) (Money, error) {
	// Written to stay within the compiler's inlining budget: callers pay
	// no call on the fast path. The zero Money has code 0, so m.code|o.code
	// is the common currency whenever the currency test passes.
	s := m.minor + o.minor
	if (m.code == o.code || m == Money{} || o == Money{}) && (m.minor^s)&(o.minor^s) >= 0 {
		return Money{s, m.code | o.code}, nil
	}
	return Money{}, pairError("add", m, o)
}

// Sub returns m − o. Both must be in the same currency (or one of them the
// zero Money).
func (m Money) Sub(o Money) (Money, error) {
	s := m.minor - o.minor
	if (m.code == o.code || m == Money{} || o == Money{}) && (m.minor^o.minor)&(m.minor^s) >= 0 {
		return Money{s, m.code | o.code}, nil
	}
	return Money{}, pairError("sub", m, o)
}

// pairError is the error of a failed add or sub: a currency mismatch, or
// else an overflow.
func pairError(op string, m, o Money) error {
	err := ErrOverflow
	if m.code != o.code {
		err = ErrCurrencyMismatch
	}
	return &OpError{Op: op, X: m, Y: o, Err: err}
}

// Neg returns −m. It fails only for the most negative amount, whose
// negation does not fit.
func (m Money) Neg() (Money, error) {
	if m.minor == math.MinInt64 {
		return Money{}, &OpError{Op: "neg", X: m, Err: ErrOverflow}
	}
	return Money{-m.minor, m.code}, nil
}

// Abs returns |m|. It fails only for the most negative amount.
func (m Money) Abs() (Money, error) {
	if m.minor >= 0 {
		return m, nil
	}
	if m.minor == math.MinInt64 {
		return Money{}, &OpError{Op: "abs", X: m, Err: ErrOverflow}
	}
	return Money{-m.minor, m.code}, nil
}

// Cmp compares m and o and returns −1, 0 or +1 for m < o, m == o and
// m > o. Amounts in different currencies cannot be compared.
func (m Money) Cmp(o Money) (int, error) {
	if _, ok := unify(m, o); !ok {
		return 0, &OpError{Op: "cmp", X: m, Y: o, Err: ErrCurrencyMismatch}
	}
	switch {
	case m.minor < o.minor:
		return -1, nil
	case m.minor > o.minor:
		return 1, nil
	}
	return 0, nil
}

// Mul returns m × q, for a whole quantity q (seats, hours, units).
func (m Money) Mul(q int64) (Money, error) {
	// The signed 128-bit product fits in an int64 exactly when its high
	// word is the sign extension of its low word.
	hi, lo := bits.Mul64(uint64(m.minor), uint64(q))
	h := int64(hi)
	if m.minor < 0 {
		h -= q
	}
	if q < 0 {
		h -= m.minor
	}
	if h == int64(lo)>>63 {
		return Money{int64(lo), m.code}, nil
	}
	return Money{}, &OpError{Op: "mul", X: m, Num: q, Err: ErrOverflow}
}

// MulDiv returns m × num / den, rounded once with mode. The product is
// computed in 128 bits, so the intermediate never overflows; only a result
// outside the int64 range does. This is the step behind proration,
// discounts, fees and shares: 19.99 USD × 1,234,567 s / 2,592,000 s is
// 9.52 USD (HalfEven).
func (m Money) MulDiv(num, den int64, mode RoundingMode) (Money, error) {
	// The common case runs inline (quotient and signed inline); a zero
	// divisor fails hi < d, an undefined mode the mode test. Non-negative
	// operands, the usual proration, skip the sign handling.
	if m.minor|num >= 0 && den > 0 && mode <= Floor {
		hi, lo := bits.Mul64(uint64(m.minor), uint64(num))
		if hi < uint64(den) {
			if q := quotient(hi, lo, uint64(den), false, mode); q <= math.MaxInt64 {
				return Money{int64(q), m.code}, nil
			}
		}
	}
	neg := (m.minor < 0) != ((num < 0) != (den < 0))
	hi, lo := bits.Mul64(abs64(m.minor), abs64(num))
	if d := abs64(den); hi < d && mode <= Floor {
		if r, ok := signed(quotient(hi, lo, d, neg, mode), neg); ok {
			return Money{r, m.code}, nil
		}
	}
	_, f := mulDivRound(m.minor, abs64(num), abs64(den), (num < 0) != (den < 0), mode)
	return Money{}, &OpError{Op: "muldiv", X: m, Num: num, Den: den, Mode: mode, Err: ratioErr(f)}
}

// MulRate returns m × r in m's currency, rounded once with mode to the
// currency's minor unit: 100.00 USD × 0.03 is 3.00 USD, 0.99 USD × 0.03 is
// 0.03 USD (HalfEven; exactly 0.0297).
func (m Money) MulRate(r Rate, mode RoundingMode) (Money, error) {
	neg := m.minor < 0
	hi, lo := bits.Mul64(abs64(m.minor), r.coef)
	if d := pow10[r.scale]; hi < d && mode <= Floor {
		if v, ok := signed(quotient(hi, lo, d, neg, mode), neg); ok {
			return Money{v, m.code}, nil
		}
	}
	_, f := mulPow10DivRound(m.minor, r.coef, 0, r.scale, mode)
	return Money{}, &OpError{Op: "mulrate", X: m, Rate: r, Mode: mode, Err: ratioErr(f)}
}

// Convert returns m in currency to, at rate r (one unit of m's currency is
// worth r units of to), rounded once with mode to the minor unit of to:
// 123.45 USD at 149.2345 is 18,423 JPY (HalfEven; exactly 18,422.999025).
// A zero rate is an error wrapping [ErrZeroRate]. [ExchangeRate.Convert]
// also records the rate and rounding used.
func (m Money) Convert(to Code, r Rate, mode RoundingMode) (Money, error) {
	// Amount × coefficient × 10^up / 10^down: the common case, where the
	// target has no more decimal places than the rate and source together
	// (up ≤ down), is one inline multiply-divide.
	// An invalid target has 255 digits and an invalid source 64, so that
	// both fail the test below and take the slow path, which refuses them.
	up, down := to.toDigits(), r.scale+m.code.fromDigits()
	if up <= down && down-up < uint8(len(pow10)) && r.coef != 0 && mode <= Floor {
		d := pow10[down-up]
		if m.minor >= 0 { // the usual case: no sign to handle
			hi, lo := bits.Mul64(uint64(m.minor), r.coef)
			if hi < d {
				if q := quotient(hi, lo, d, false, mode); q <= math.MaxInt64 {
					return Money{int64(q), to}, nil
				}
			}
		} else if hi, lo := bits.Mul64(abs64(m.minor), r.coef); hi < d {
			if v, ok := signed(quotient(hi, lo, d, true, mode), true); ok {
				return Money{v, to}, nil
			}
		}
	}
	return m.convertSlow(to, r, mode, up, down)
}

// toDigits is Digits for a conversion's target: 255 for the zero Code and
// a Code outside ISO 4217.
func (c Code) toDigits() uint8 {
	if c-1 < numCodes {
		return codeDigits[c] - '0'
	}
	return 255
}

// fromDigits is Digits for a conversion's source: 0 for the zero Code (the
// zero Money converts to zero) and 64 for a Code outside ISO 4217.
func (c Code) fromDigits() uint8 {
	if int(c) < len(codeDigits) {
		return codeDigits[c] - '0'
	}
	return 64
}

// convertSlow is Convert's rare cases: a target with more decimal places,
// and every failure.
func (m Money) convertSlow(to Code, r Rate, mode RoundingMode, up, down uint8) (Money, error) {
	if !to.Valid() || (!m.code.Valid() && m.code != 0) {
		return Money{}, &OpError{Op: "convert", X: m, Rate: r, To: to, Mode: mode, Err: ErrUnknownCode}
	}
	if r.coef == 0 {
		return Money{}, &OpError{Op: "convert", X: m, Rate: r, To: to, Mode: mode, Err: ErrZeroRate}
	}
	v, f := mulPow10DivRound(m.minor, r.coef, up, down, mode)
	if f != ratioOK {
		return Money{}, &OpError{Op: "convert", X: m, Rate: r, To: to, Mode: mode, Err: ratioErr(f)}
	}
	return Money{v, to}, nil
}

func ratioErr(f ratioFailure) error {
	switch f {
	case ratioDivZero:
		return ErrDivisionByZero
	case ratioBadMode:
		return ErrRoundingMode
	}
	return ErrOverflow
}

// Decimal returns the amount as a [decimal.Decimal] in major units:
// 1999 minor units of USD give 19.99.
func (m Money) Decimal() decimal.Decimal {
	return decimal.New(m.minor, -int32(m.code.Digits()))
}

// FromDecimal returns d (in major units) as Money in currency c, rounded
// with mode to c's minor unit. It fails with [ErrOverflow] when the amount
// does not fit and [ErrRoundingMode] for an undefined mode.
func FromDecimal(d decimal.Decimal, c Code, mode RoundingMode) (Money, error) {
	if !mode.Valid() {
		return Money{}, &ParseError{Kind: "decimal", Input: d.String(), Err: ErrRoundingMode}
	}
	// decimal.Decimal is coefficient × 10^exp with a big.Int coefficient;
	// rescale through its string form so that rounding is ours and exact.
	return ParseAmountRound(d.String(), c, mode)
}

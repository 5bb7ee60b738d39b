package currency

import (
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"
)

// MaxRateScale is the largest number of decimal places a [Rate] may have.
const MaxRateScale = 15

// maxRateCoef bounds a rate's coefficient to 18 significant digits, so that
// amount × coefficient always fits in 128 bits.
const maxRateCoef = 999_999_999_999_999_999

// Rate is an exact, non-negative fixed-point number: an integer coefficient
// and a scale (the number of decimal places), so 149.2345 is 1492345 with
// scale 4. It is what an amount is multiplied by: an exchange rate, a fee
// or discount fraction (0.03 for 3%), a price below one minor unit.
//
// A Rate keeps the scale it was written with: "1.50" and "1.5" are equal by
// [Rate.Cmp] and [Rate.Equal] but print differently, so a rate read from a
// file is written back exactly as it was. At most 18 significant digits and
// [MaxRateScale] decimal places are allowed.
//
// The zero Rate is 0.
type Rate struct {
	coef  uint64
	scale uint8
}

// NewRate returns coef × 10^−scale: NewRate(3, 2) is 0.03.
func NewRate(coef int64, scale int) (Rate, error) {
	switch {
	case coef < 0:
		return Rate{}, &ParseError{Kind: "rate", Input: strconv.FormatInt(coef, 10) + "e-" + strconv.Itoa(scale), Err: ErrNegative}
	case scale < 0 || scale > MaxRateScale:
		return Rate{}, &ParseError{Kind: "rate", Input: strconv.FormatInt(coef, 10) + "e-" + strconv.Itoa(scale), Err: ErrPrecision,
			Detail: "at most " + strconv.Itoa(MaxRateScale) + " decimal places"}
	case coef > maxRateCoef:
		return Rate{}, &ParseError{Kind: "rate", Input: strconv.FormatInt(coef, 10) + "e-" + strconv.Itoa(scale), Err: ErrOverflow,
			Detail: "too many digits: at most 18 significant digits"}
	}
	return Rate{coef: uint64(coef), scale: uint8(scale)}, nil
}

// ParseRate parses a non-negative decimal number without exponent:
// "149.2345", "0.03", "1". It fails for a negative number ([ErrNegative]),
// more than [MaxRateScale] decimal places ([ErrPrecision]) or more than 18
// significant digits ([ErrOverflow]).
func ParseRate(s string) (Rate, error) {
	d, err := parseDecimal(s, MaxRateScale)
	switch {
	case err == ErrOverflow:
		return Rate{}, &ParseError{Kind: "rate", Input: s, Err: err, Detail: "too many digits: at most 18 significant digits"}
	case err != nil:
		return Rate{}, &ParseError{Kind: "rate", Input: s, Err: err}
	case d.neg && d.mag != 0:
		return Rate{}, &ParseError{Kind: "rate", Input: s, Err: ErrNegative}
	case d.cut:
		return Rate{}, &ParseError{Kind: "rate", Input: s, Err: ErrPrecision,
			Detail: "at most " + strconv.Itoa(MaxRateScale) + " decimal places"}
	case d.mag > maxRateCoef:
		return Rate{}, &ParseError{Kind: "rate", Input: s, Err: ErrOverflow, Detail: "too many digits: at most 18 significant digits"}
	}
	return Rate{coef: d.mag, scale: uint8(d.scale)}, nil
}

// MustParseRate is like [ParseRate] but panics on error. It is meant for
// constants in tests and examples.
func MustParseRate(s string) Rate {
	r, err := ParseRate(s)
	if err != nil {
		panic(err)
	}
	return r
}

// RateFromDecimal returns d as a Rate, exactly; it fails where [ParseRate]
// would fail for d's text.
func RateFromDecimal(d decimal.Decimal) (Rate, error) {
	if d.Exponent() > 0 {
		// String renders positive exponents as plain digits; so does
		// ParseRate accept them.
		return ParseRate(d.String())
	}
	return ParseRate(d.StringFixed(-d.Exponent()))
}

// Decimal returns the rate as a [decimal.Decimal].
func (r Rate) Decimal() decimal.Decimal {
	return decimal.New(int64(r.coef), -int32(r.scale))
}

// Coefficient returns the integer coefficient: 1492345 for 149.2345.
func (r Rate) Coefficient() int64 { return int64(r.coef) }

// Scale returns the number of decimal places: 4 for 149.2345.
func (r Rate) Scale() int { return int(r.scale) }

// IsZero reports whether the rate is 0.
func (r Rate) IsZero() bool { return r.coef == 0 }

// Cmp compares the values of r and o: −1, 0 or +1.
func (r Rate) Cmp(o Rate) int {
	// r.coef × 10^o.scale vs o.coef × 10^r.scale, in 128 bits.
	ah, al := bits.Mul64(r.coef, pow10[o.scale])
	bh, bl := bits.Mul64(o.coef, pow10[r.scale])
	switch {
	case ah < bh || (ah == bh && al < bl):
		return -1
	case ah > bh || (ah == bh && al > bl):
		return 1
	}
	return 0
}

// Equal reports whether r and o have the same value ("1.5" equals "1.50").
func (r Rate) Equal(o Rate) bool { return r.Cmp(o) == 0 }

// AppendText implements [encoding.TextAppender]: the rate with exactly its
// scale, "149.2345", "0.030".
func (r Rate) AppendText(b []byte) ([]byte, error) {
	return appendAmount(b, int64(r.coef), int(r.scale)), nil
}

// String returns the rate as it was written, with its scale: "0.030".
func (r Rate) String() string {
	var buf [24]byte
	b, _ := r.AppendText(buf[:0])
	return string(b)
}

// MarshalText implements [encoding.TextMarshaler]; in JSON a Rate is a
// string, "149.2345", never a float.
func (r Rate) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseRate].
func (r *Rate) UnmarshalText(text []byte) error {
	v, err := ParseRate(string(text))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// ExchangeRate is the price of one unit of From in units of To:
// {USD, JPY, 149.2345} says 1 USD = 149.2345 JPY.
//
// In JSON it is {"from":"USD","to":"JPY","rate":"149.2345"}.
type ExchangeRate struct {
	From Code `json:"from"`
	To   Code `json:"to"`
	Rate Rate `json:"rate"`
}

// Conversion records one conversion: the amount converted, the result, and
// the exchange rate and rounding that produced it, so that an invoice or a
// log line can say exactly how a local price was obtained.
//
// In JSON it is {"from":{…},"to":{…},"rate":{…},"rounding":"half-even"}.
type Conversion struct {
	From     Money        `json:"from"`
	To       Money        `json:"to"`
	Rate     ExchangeRate `json:"rate"`
	Rounding RoundingMode `json:"rounding"`
}

// String returns "123.45 USD → 18423 JPY at 149.2345 JPY/USD (half-even)".
func (c Conversion) String() string {
	return c.From.String() + " → " + c.To.String() + " at " + c.Rate.Rate.String() + " " +
		c.Rate.To.String() + "/" + c.Rate.From.String() + " (" + c.Rounding.String() + ")"
}

// Convert converts m, which must be in x.From, into x.To with
// [Money.Convert], and records how. The zero Money converts to zero in
// x.To.
func (x ExchangeRate) Convert(m Money, mode RoundingMode) (Conversion, error) {
	if m.code != x.From && m != (Money{}) {
		return Conversion{}, &OpError{Op: "convert", X: m, Rate: x.Rate, To: x.To, Mode: mode, Err: ErrCurrencyMismatch}
	}
	m.code = x.From
	to, err := m.Convert(x.To, x.Rate, mode)
	if err != nil {
		return Conversion{}, err
	}
	return Conversion{From: m, To: to, Rate: x, Rounding: mode}, nil
}

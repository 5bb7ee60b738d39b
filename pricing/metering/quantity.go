package metering

import (
	"bytes"
	"fmt"
	"math/bits"
	"strconv"

	"github.com/marketrules/marketrules/currency"
)

// Quantity is the quantity of a usage event, exactly: the metering
// API's quantity is a JSON number (a double, such as 5.0 or 0.25), which
// this type keeps as a decimal without ever becoming a float. It may be
// negative or zero, so that such an event can be represented and
// rejected as InvalidQuantity (MTR-01). Its magnitude is a
// [currency.Rate]: at most 18 significant digits and 15 decimal places.
//
// The zero Quantity is 0. A quantity keeps the decimal places it was
// written with ("5.0" stays "5.0"); compare values with
// [Quantity.Cmp] or [Quantity.Equal].
type Quantity struct {
	neg bool
	mag currency.Rate
}

// NewQuantity returns the quantity coef × 10^−scale: (50, 1) is 5.0.
func NewQuantity(coef int64, scale int) (Quantity, error) {
	neg := coef < 0
	if neg {
		if coef == -coef { // the most negative int64
			return Quantity{}, fmt.Errorf("metering: quantity %de-%d: %w: %w", coef, scale, ErrQuantity, currency.ErrOverflow)
		}
		coef = -coef
	}
	r, err := currency.NewRate(coef, scale)
	if err != nil {
		return Quantity{}, fmt.Errorf("metering: quantity: %w: %w", ErrQuantity, err)
	}
	return Quantity{neg: neg && coef != 0, mag: r}, nil
}

// quantityOf returns the non-negative quantity r.
func quantityOf(r currency.Rate) Quantity { return Quantity{mag: r} }

// ParseQuantity parses a quantity as the metering API writes it, a
// JSON number: an optional sign, digits with an optional fraction, and an
// optional exponent ("5", "5.0", "-1", "0.25", "1e3", "2.5E-4"). The value
// is exact; it fails (wrapping [ErrQuantity]) for other text, for
// more than 18 significant digits and for more than 15 decimal places.
func ParseQuantity(s string) (Quantity, error) {
	q, err := parseQuantity(s)
	if err != nil {
		in := s
		if len(in) > 40 {
			in = in[:40] + "…"
		}
		return Quantity{}, fmt.Errorf("metering: quantity %q: %w: %w", in, ErrQuantity, err)
	}
	return q, nil
}

// MustParseQuantity is like [ParseQuantity] but panics on error;
// for tests and examples.
func MustParseQuantity(s string) Quantity {
	q, err := ParseQuantity(s)
	if err != nil {
		panic(err)
	}
	return q
}

func parseQuantity[T ~string | ~[]byte](s T) (Quantity, error) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var coef uint64
	digits, scale, sig := 0, 0, 0
	dot := false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' && !dot:
			dot = true
			continue
		case c < '0' || c > '9':
		default:
			digits++
			if dot {
				scale++
			}
			if coef == 0 && c == '0' {
				continue
			}
			sig++
			if sig > 18 {
				// Digits past the 18th must all be zeros, dropped exactly.
				if c != '0' {
					return Quantity{}, currency.ErrOverflow
				}
				scale-- // the dropped zero is a factor of ten kept in the scale
				continue
			}
			coef = coef*10 + uint64(c-'0')
			continue
		}
		break
	}
	if digits == 0 {
		return Quantity{}, currency.ErrSyntax
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		exp, n := 0, 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if exp < 10000 {
				exp = exp*10 + int(s[i]-'0')
			}
			n++
		}
		if n == 0 {
			return Quantity{}, currency.ErrSyntax
		}
		if eneg {
			scale += exp
		} else {
			scale -= exp
		}
	}
	if i != len(s) {
		return Quantity{}, currency.ErrSyntax
	}
	if coef == 0 {
		scale = max(0, min(scale, currency.MaxRateScale))
	}
	// Bring the scale into 0…MaxRateScale exactly.
	for scale < 0 {
		if coef > 99_999_999_999_999_999 {
			return Quantity{}, currency.ErrOverflow
		}
		coef *= 10
		scale++
	}
	for scale > currency.MaxRateScale {
		if coef%10 != 0 {
			return Quantity{}, currency.ErrPrecision
		}
		coef /= 10
		scale--
	}
	r, err := currency.NewRate(int64(coef), scale)
	if err != nil {
		return Quantity{}, currency.ErrOverflow
	}
	return Quantity{neg: neg && coef != 0, mag: r}, nil
}

// Sign returns −1, 0 or +1; a quantity an event may carry has Sign 1
// (EXT-03).
func (q Quantity) Sign() int {
	switch {
	case q.mag.IsZero():
		return 0
	case q.neg:
		return -1
	}
	return 1
}

// Magnitude returns |q|.
func (q Quantity) Magnitude() currency.Rate { return q.mag }

// Cmp compares q and o by value: −1, 0 or +1.
func (q Quantity) Cmp(o Quantity) int {
	switch qs, os := q.Sign(), o.Sign(); {
	case qs != os:
		if qs < os {
			return -1
		}
		return 1
	case qs < 0:
		return o.mag.Cmp(q.mag)
	}
	return q.mag.Cmp(o.mag)
}

// Equal reports whether q and o have the same value ("5" equals "5.0");
// go-cmp uses it.
func (q Quantity) Equal(o Quantity) bool { return q.Cmp(o) == 0 }

// appendText appends the quantity with the decimal places it was written
// with, "5.0", "-1".
func (q Quantity) appendText(b []byte) ([]byte, error) {
	if q.Sign() < 0 {
		b = append(b, '-')
	}
	return q.mag.AppendText(b)
}

// String returns the quantity with the decimal places it was written
// with: "5.0", "-1", "0.25".
func (q Quantity) String() string {
	b, _ := q.appendText(make([]byte, 0, 24))
	return string(b)
}

// parseInto sets q to the quantity b, as [ParseQuantity] reads it.
func (q *Quantity) parseInto(b []byte) error {
	v, err := ParseQuantity(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// MarshalJSON implements [json.Marshaler]: a JSON number, as the metering
// API expects, written exactly ("5.0").
func (q Quantity) MarshalJSON() ([]byte, error) { return q.appendText(nil) }

// UnmarshalJSON implements [json.Unmarshaler]: a JSON number, or a string
// holding one, parsed exactly.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		s, err := strconv.Unquote(string(b))
		if err != nil {
			return fmt.Errorf("metering: quantity %s: %w: %w", b, ErrQuantity, currency.ErrSyntax)
		}
		return q.parseInto([]byte(s))
	}
	if string(b) == "null" {
		return nil
	}
	return q.parseInto(b)
}

// pow10 holds the powers of ten that fit in a uint64.
var pow10 = [20]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
	1e15, 1e16, 1e17, 1e18, 1e19}

// maxCoef is the largest coefficient of a quantity: 18 digits.
const maxCoef = 999_999_999_999_999_999

// parts returns q's sign, coefficient and scale.
func (q Quantity) parts() (bool, uint64, int) {
	return q.neg, uint64(q.mag.Coefficient()), q.mag.Scale()
}

// align returns the coefficients a and b, of scales as and bs, at the
// larger of the two scales; false when one overflows.
func align(a uint64, as int, b uint64, bs int) (uint64, uint64, int, bool) {
	switch {
	case as < bs:
		hi, lo := bits.Mul64(a, pow10[bs-as])
		return lo, b, bs, hi == 0
	case bs < as:
		hi, lo := bits.Mul64(b, pow10[as-bs])
		return a, lo, as, hi == 0
	}
	return a, b, as, true
}

// makeQuantity returns the quantity ±c × 10^−s; a coefficient of more
// than 18 digits loses trailing zeros, and fails if it has none to lose.
func makeQuantity(neg bool, c uint64, s int) (Quantity, bool) {
	for c > maxCoef && s > 0 && c%10 == 0 {
		c /= 10
		s--
	}
	if c > maxCoef {
		return Quantity{}, false
	}
	r, err := currency.NewRate(int64(c), s)
	if err != nil {
		return Quantity{}, false
	}
	return Quantity{neg: neg && c != 0, mag: r}, true
}

// quantityOfInt returns the quantity n.
func quantityOfInt(n int64) Quantity {
	q, _ := makeQuantity(n < 0, uint64(max(n, -n)), 0)
	return q
}

// negated returns −q.
func (q Quantity) negated() Quantity { return Quantity{neg: !q.neg && !q.mag.IsZero(), mag: q.mag} }

// Add returns q + o exactly, with the larger of their decimal places
// ("1.5" + "2" is "3.5"). It fails, wrapping [ErrQuantity] and
// currency.ErrOverflow, when the sum needs more than 18 significant digits.
func (q Quantity) Add(o Quantity) (Quantity, error) {
	an, ac, as := q.parts()
	bn, bc, bs := o.parts()
	ac, bc, s, ok := align(ac, as, bc, bs)
	var r Quantity
	if ok {
		switch {
		case an == bn:
			sum, carry := bits.Add64(ac, bc, 0)
			r, ok = makeQuantity(an, sum, s)
			ok = ok && carry == 0
		case ac >= bc:
			r, ok = makeQuantity(an, ac-bc, s)
		default:
			r, ok = makeQuantity(bn, bc-ac, s)
		}
	}
	if !ok {
		return Quantity{}, fmt.Errorf("metering: %v + %v: %w: %w", q, o, ErrQuantity, currency.ErrOverflow)
	}
	return r, nil
}

// Sub returns q − o exactly, as [Quantity.Add] does.
func (q Quantity) Sub(o Quantity) (Quantity, error) { return q.Add(o.negated()) }

// acc is an exact running sum of non-negative quantities, without
// allocation: a coefficient at the largest scale added so far.
type acc struct {
	c uint64
	s uint8
}

// add adds the quantity c × 10^−s; false when the sum would overflow
// 18 significant digits (the sum is then unchanged).
func (a *acc) add(c uint64, s int) bool {
	ac, bc, sc, ok := align(a.c, int(a.s), c, s)
	if !ok {
		return false
	}
	sum, carry := bits.Add64(ac, bc, 0)
	if carry != 0 || sum > maxCoef {
		return false
	}
	a.c, a.s = sum, uint8(sc)
	return true
}

// quantity returns the sum.
func (a acc) quantity() Quantity {
	q, _ := makeQuantity(false, a.c, int(a.s))
	return q
}

// trim returns q without trailing fractional zeros, keeping at least
// scale decimal places (zero is "0"): a computed quantity is written as
// simply as its inputs ("100.50" − "0.00" is "100.5" beside an input
// "105").
func (q Quantity) trim(scale int) Quantity {
	neg, c, s := q.parts()
	if c == 0 {
		return Quantity{}
	}
	for s > scale && s > 0 && c%10 == 0 {
		c /= 10
		s--
	}
	r, _ := makeQuantity(neg, c, s)
	return r
}

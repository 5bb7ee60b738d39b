package metering

import (
	"bytes"
	"fmt"
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

// QuantityOf returns the non-negative quantity r.
func QuantityOf(r currency.Rate) Quantity { return Quantity{mag: r} }

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

func parseQuantity(s string) (Quantity, error) {
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

// Sign returns −1, 0 or +1.
func (q Quantity) Sign() int {
	switch {
	case q.mag.IsZero():
		return 0
	case q.neg:
		return -1
	}
	return 1
}

// IsPositive reports whether q > 0, the condition of EXT-03.
func (q Quantity) IsPositive() bool { return q.Sign() > 0 }

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

// AppendText implements [encoding.TextAppender]: the quantity with the
// decimal places it was written with, "5.0", "-1".
func (q Quantity) AppendText(b []byte) ([]byte, error) {
	if q.Sign() < 0 {
		b = append(b, '-')
	}
	return q.mag.AppendText(b)
}

// String returns the quantity as AppendText writes it.
func (q Quantity) String() string {
	b, _ := q.AppendText(make([]byte, 0, 24))
	return string(b)
}

// MarshalText implements [encoding.TextMarshaler].
func (q Quantity) MarshalText() ([]byte, error) { return q.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler] with
// [ParseQuantity].
func (q *Quantity) UnmarshalText(b []byte) error {
	v, err := ParseQuantity(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// MarshalJSON implements [json.Marshaler]: a JSON number, as the metering
// API expects, written exactly ("5.0").
func (q Quantity) MarshalJSON() ([]byte, error) { return q.AppendText(nil) }

// UnmarshalJSON implements [json.Unmarshaler]: a JSON number, or a string
// holding one, parsed exactly.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		s, err := strconv.Unquote(string(b))
		if err != nil {
			return fmt.Errorf("metering: quantity %s: %w: %w", b, ErrQuantity, currency.ErrSyntax)
		}
		return q.UnmarshalText([]byte(s))
	}
	if string(b) == "null" {
		return nil
	}
	return q.UnmarshalText(b)
}

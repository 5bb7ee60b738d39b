package currency

import (
	"fmt"
	"math"
	"math/bits"
)

// RoundingMode says how an exact result that falls between two
// representable values is brought to one of them. Every operation that may
// round takes a RoundingMode argument: nothing in this package rounds
// implicitly.
//
// The zero value is HalfEven. The enum is append-only: the numeric values
// of existing modes never change.
type RoundingMode uint8

// The rounding modes. The examples round to two decimal places.
const (
	// HalfEven rounds to the nearest value; a tie goes to the even
	// neighbour (banker's rounding): 0.125 → 0.12, 0.135 → 0.14,
	// −0.125 → −0.12.
	HalfEven RoundingMode = iota
	// HalfUp rounds to the nearest value; a tie goes away from zero:
	// 0.125 → 0.13, −0.125 → −0.13.
	HalfUp
	// HalfDown rounds to the nearest value; a tie goes toward zero:
	// 0.125 → 0.12, −0.125 → −0.12.
	HalfDown
	// Up rounds away from zero: 0.121 → 0.13, −0.121 → −0.13.
	Up
	// Down rounds toward zero (truncation): 0.129 → 0.12, −0.129 → −0.12.
	Down
	// Ceiling rounds toward positive infinity: 0.121 → 0.13, −0.129 → −0.12.
	Ceiling
	// Floor rounds toward negative infinity: 0.129 → 0.12, −0.121 → −0.13.
	Floor
)

var roundingNames = [...]string{
	HalfEven: "half-even",
	HalfUp:   "half-up",
	HalfDown: "half-down",
	Up:       "up",
	Down:     "down",
	Ceiling:  "ceiling",
	Floor:    "floor",
}

// Valid reports whether r is one of the defined rounding modes.
func (r RoundingMode) Valid() bool { return int(r) < len(roundingNames) }

// String returns the mode's stable name, such as "half-even".
func (r RoundingMode) String() string {
	if !r.Valid() {
		return fmt.Sprintf("currency.RoundingMode(%d)", uint8(r))
	}
	return roundingNames[r]
}

// ParseRoundingMode parses a name as returned by [RoundingMode.String].
// Case and the separators '-', '_' and ' ' are ignored, so "HALF_EVEN",
// "halfeven" and "Half even" all name [HalfEven].
func ParseRoundingMode(s string) (RoundingMode, error) {
	var buf [16]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' || c == '_' || c == ' ':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if n == len(buf) {
			n = 0
			break
		}
		buf[n] = c
		n++
	}
	for i, name := range roundingNames {
		if equalSkipDash(name, buf[:n]) {
			return RoundingMode(i), nil
		}
	}
	return 0, &ParseError{Kind: "rounding mode", Input: s, Err: ErrSyntax}
}

func equalSkipDash(name string, b []byte) bool {
	j := 0
	for i := 0; i < len(name); i++ {
		if name[i] == '-' {
			continue
		}
		if j == len(b) || b[j] != name[i] {
			return false
		}
		j++
	}
	return j == len(b) && len(b) > 0
}

// MarshalText implements [encoding.TextMarshaler].
func (r RoundingMode) MarshalText() ([]byte, error) {
	if !r.Valid() {
		return nil, fmt.Errorf("currency: %w: %d", ErrRoundingMode, uint8(r))
	}
	return []byte(roundingNames[r]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with
// [ParseRoundingMode].
func (r *RoundingMode) UnmarshalText(text []byte) error {
	m, err := ParseRoundingMode(string(text))
	if err != nil {
		return err
	}
	*r = m
	return nil
}

// roundUp reports whether the magnitude q + rem/den (0 < rem < den) rounds
// up to q+1 in mode, where neg says whether the exact value is negative.
// It is small enough to inline.
func roundUp(q, rem, den uint64, neg bool, mode RoundingMode) bool {
	switch mode {
	case Down:
		return false
	case Up:
		return true
	case Ceiling, Floor:
		return neg == (mode == Floor)
	}
	// Compare rem with den/2 without overflow: rem vs den−rem.
	half := den - rem
	return rem > half || rem == half && (mode == HalfUp || mode == HalfEven && q&1 == 1)
}

// roundBits holds roundUp as a table, for quotient: bit c·4 + n·2 + o of
// a mode's entry says whether to round up when the remainder is below
// (c = 0), at (1) or above (2) one half, the value is negative (n) and the
// quotient odd (o). TestRoundBits checks it against roundUp.
var roundBits = [...]uint16{
	HalfEven: 0xfa0,
	HalfUp:   0xff0,
	HalfDown: 0xf00,
	Up:       0xfff,
	Down:     0x000,
	Ceiling:  0x333,
	Floor:    0xccc,
}

// quotient divides the 128-bit magnitude hi:lo by den (hi < den) and
// rounds the quotient with mode (≤ Floor), where neg says whether the
// exact value is negative. It is small enough to inline, so that the
// arithmetic methods run their common case without a call. At the largest
// quotient it does not round up (that would wrap), which is safe: such a
// result overflows an int64 anyway and signed reports it.
func quotient(hi, lo, den uint64, neg bool, mode RoundingMode) uint64 {
	q, rem := bits.Div64(hi, lo, den)
	if rem == 0 {
		return q
	}
	c := uint(0) // rem vs den/2, without overflow: rem vs den−rem
	if half := den - rem; rem > half {
		c = 8
	} else if rem == half {
		c = 4
	}
	if neg {
		c += 2
	}
	if roundBits[mode]>>(c+uint(q&1))&1 != 0 && q != math.MaxUint64 {
		q++
	}
	return q
}

// roundQuotient rounds the magnitude q + rem/den (rem < den) to an integer
// with mode, where neg says whether the exact value is negative. It reports
// false when the result no longer fits in a uint64.
func roundQuotient(q, rem, den uint64, neg bool, mode RoundingMode) (uint64, bool) {
	if rem == 0 || !roundUp(q, rem, den, neg, mode) {
		return q, true
	}
	q++
	return q, q != 0
}

// signed applies the sign to a magnitude, reporting false when the result
// does not fit in an int64.
func signed(mag uint64, neg bool) (int64, bool) {
	if neg {
		if mag > 1<<63 {
			return 0, false
		}
		return int64(-mag), true // -(1<<63) wraps to MinInt64 as intended
	}
	if mag > math.MaxInt64 {
		return 0, false
	}
	return int64(mag), true
}

// abs64 returns |x| as a uint64; it is exact for math.MinInt64.
func abs64(x int64) uint64 {
	if x < 0 {
		return uint64(-x) // wraps for MinInt64 to 1<<63, as intended
	}
	return uint64(x)
}

// errRatio tells the caller of mulDivRound which failure occurred.
type ratioFailure uint8

const (
	ratioOK ratioFailure = iota
	ratioOverflow
	ratioDivZero
	ratioBadMode
)

// mulDivRound computes a × num / den in one exactly rounded step, with a
// 128-bit intermediate product: the result is the exact quotient rounded
// once with mode. neg gives the sign of num/den (num and den are
// magnitudes). It is the single place where this package divides money.
func mulDivRound(a int64, num, den uint64, neg bool, mode RoundingMode) (int64, ratioFailure) {
	switch {
	case den == 0:
		return 0, ratioDivZero
	case mode > Floor:
		return 0, ratioBadMode
	}
	if a < 0 {
		neg = !neg
	}
	hi, lo := bits.Mul64(abs64(a), num)
	if hi >= den {
		return 0, ratioOverflow
	}
	q, rem := bits.Div64(hi, lo, den)
	if rem != 0 && roundUp(q, rem, den, neg, mode) {
		q++ // q < 2^64 − 1 here, since hi < den
	}
	if neg {
		if q > 1<<63 {
			return 0, ratioOverflow
		}
		return int64(-q), ratioOK
	}
	if q > math.MaxInt64 {
		return 0, ratioOverflow
	}
	return int64(q), ratioOK
}

// pow10 holds 10^0 … 10^19, every power of ten that fits in a uint64.
var pow10 = [...]uint64{
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
	10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
	1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000,
	10000000000000000000,
}

// mulPow10DivRound computes a × num × 10^up / 10^down, rounded once with
// mode; num is non-negative, up + digits of the product must fit 128 bits,
// and down ≤ 19.
func mulPow10DivRound(a int64, num uint64, up, down uint8, mode RoundingMode) (int64, ratioFailure) {
	if mode > Floor {
		return 0, ratioBadMode
	}
	if up > 0 && down > 0 {
		m := min(up, down)
		up -= m
		down -= m
	}
	if up == 0 {
		return mulDivRound(a, num, pow10[down], false, mode)
	}
	// down is 0: the result is a × num × 10^up, exact.
	neg := a < 0
	hi, lo := bits.Mul64(abs64(a), num)
	if hi != 0 {
		return 0, ratioOverflow
	}
	hi, lo = bits.Mul64(lo, pow10[up])
	if hi != 0 {
		return 0, ratioOverflow
	}
	r, ok := signed(lo, neg)
	if !ok {
		return 0, ratioOverflow
	}
	return r, ratioOK
}

package currency

import (
	"math/bits"
	"strconv"
	"strings"
)

// decimalText is a parsed decimal string: a magnitude of up to 19 digits
// with its scale, and what was cut off beyond the wanted scale.
type decimalText struct {
	mag    uint64 // digits kept, as an integer
	scale  int    // number of fraction digits kept in mag
	neg    bool
	first  byte // first digit cut off (0–9)
	sticky bool // a non-zero digit after the first cut-off one
	cut    bool // digits were cut off
}

// parseDecimal parses an optionally signed decimal number without exponent
// ("-1234.50"), keeping at most maxScale fraction digits; the rest is
// summarized in first and sticky for rounding. It reports the failure kind.
func parseDecimal(s string, maxScale int) (decimalText, error) {
	var d decimalText
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		d.neg = s[i] == '-'
		i++
	}
	start := i
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		if !d.push(s[i]) {
			return d, ErrOverflow
		}
	}
	if i == start {
		return d, ErrSyntax
	}
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			c := s[i]
			switch {
			case d.scale < maxScale:
				if !d.push(c) {
					return d, ErrOverflow
				}
				d.scale++
			case !d.cut:
				d.cut, d.first = true, c-'0'
			case c != '0':
				d.sticky = true
			}
		}
		if i == fs {
			return d, ErrSyntax
		}
	}
	if i != len(s) {
		return d, ErrSyntax
	}
	return d, nil
}

func (d *decimalText) push(c byte) bool {
	hi, lo := bits.Mul64(d.mag, 10)
	if hi != 0 {
		return false
	}
	lo += uint64(c - '0')
	if lo < uint64(c-'0') {
		return false
	}
	d.mag = lo
	return true
}

// exact reports whether nothing but zeros was cut off.
func (d *decimalText) exact() bool { return !d.cut || (d.first == 0 && !d.sticky) }

// round rounds mag at its scale with mode, using the cut-off digits.
func (d *decimalText) round(mode RoundingMode) bool {
	if d.exact() {
		return true
	}
	// The cut-off part is (first + sticky·ε)/10; map it to rem/20 so that a
	// tie is exactly rem == 10.
	rem := uint64(d.first) * 2
	if d.sticky {
		rem++
	}
	mag, ok := roundQuotient(d.mag, rem, 20, d.neg, mode)
	d.mag = mag
	return ok
}

// toMinor turns a parsed amount into minor units of a currency with the
// given number of digits.
func (d *decimalText) toMinor(digits int) (int64, bool) {
	mag := d.mag
	for s := d.scale; s < digits; s++ {
		hi, lo := bits.Mul64(mag, 10)
		if hi != 0 {
			return 0, false
		}
		mag = lo
	}
	return signed(mag, d.neg)
}

// ParseAmount parses a decimal amount in major units ("1234.50", "-0.5",
// "12") as Money in currency c, exactly: "12.345" is an error for USD
// (wrapping [ErrPrecision]) because USD has two decimal places. Excess
// fraction digits that are all zeros ("12.340") are accepted, since the
// value is still exact. There is no exponent form and no grouping.
func ParseAmount(s string, c Code) (Money, error) {
	return parseAmount(s, c, 0, false)
}

// ParseAmountRound is like [ParseAmount] but rounds an amount with more
// decimal places than c allows with mode: "0.125" in USD is 0.12 with
// [HalfEven] and 0.13 with [HalfUp].
func ParseAmountRound(s string, c Code, mode RoundingMode) (Money, error) {
	return parseAmount(s, c, mode, true)
}

func parseAmount(s string, c Code, mode RoundingMode, rounding bool) (Money, error) {
	// The checks are those of amountError, which builds the error out of
	// line: the common, valid amount pays only the comparisons.
	if c-1 >= numCodes || (rounding && !mode.Valid()) {
		return Money{}, amountError(s, c, nil)
	}
	digits := c.Digits()
	if v, ok := parsePlain(s, digits); ok {
		return Money{v, c}, nil
	}
	return parseDecimalAmount(s, c, digits, mode, rounding)
}

// parsePlain reads the amounts files mostly hold in one pass: an
// optional sign, digits, and an optional point followed by 1…digits
// digits, 18 digits in all at most (so no int64 overflows), as minor
// units with digits decimal places. ok is false for any other text,
// which parseDecimalAmount reads (to the same value where both do).
func parsePlain(s string, digits int) (v int64, ok bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	i := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		v = v*10 + int64(s[i]-'0')
	}
	n := i // digits read
	if n == 0 || n+digits > 18 {
		return 0, false
	}
	scale := 0
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9' && scale < digits; i++ {
			v = v*10 + int64(s[i]-'0')
			scale++
		}
		if scale == 0 {
			return 0, false
		}
	}
	if i != len(s) {
		return 0, false
	}
	for ; scale < digits; scale++ {
		v *= 10
	}
	if neg {
		v = -v
	}
	return v, true
}

// parseDecimalAmount is parseAmount for any text: every decimal place,
// rounding with mode if rounding, and the errors.
func parseDecimalAmount(s string, c Code, digits int, mode RoundingMode, rounding bool) (Money, error) {
	d, err := parseDecimal(s, digits)
	if err != nil {
		return Money{}, amountError(s, c, err)
	}
	if !d.exact() {
		if !rounding {
			return Money{}, amountError(s, c, ErrPrecision)
		}
		if !d.round(mode) {
			return Money{}, amountError(s, c, ErrOverflow)
		}
	}
	v, ok := d.toMinor(digits)
	if !ok {
		return Money{}, amountError(s, c, ErrOverflow)
	}
	return Money{v, c}, nil
}

// amountError is parseAmount's error for s in c: ErrUnknownCode for a
// code outside ISO 4217, ErrRoundingMode when err is nil and the code is
// valid, else err with its detail.
func amountError(s string, c Code, err error) error {
	switch {
	case !c.Valid():
		detail := "no currency given"
		if c != 0 {
			detail = c.String() + " is not an ISO 4217 code"
		}
		return &ParseError{Kind: "amount", Input: s, Err: ErrUnknownCode, Detail: detail}
	case err == nil:
		return &ParseError{Kind: "amount", Input: s, Err: ErrRoundingMode}
	case err == ErrPrecision:
		return &ParseError{Kind: "amount", Input: s, Err: ErrPrecision,
			Detail: c.String() + " has " + strconv.Itoa(c.Digits()) + " decimal places"}
	case err == ErrOverflow:
		return &ParseError{Kind: "amount", Input: s, Err: ErrOverflow, Detail: tooManyDigits(c)}
	}
	return &ParseError{Kind: "amount", Input: s, Err: err}
}

// tooManyDigits explains an amount too large for int64 minor units.
func tooManyDigits(c Code) string { return "too many digits for " + c.String() }

// Parse parses the text form of Money, an amount and a currency code
// separated by a space: "1234.50 SEK", "-3 JPY". Spaces around the text and
// extra spaces between amount and code are ignored (" 49.99  USD " is
// 49.99 USD). The amount is parsed exactly as by [ParseAmount]; the code
// as by [ParseCode]. It is the inverse of [Money.String] for every
// non-zero Money.
func Parse(s string) (Money, error) {
	// The common, valid text pays only the parse; parseError explains a
	// failure by parsing s again, out of line.
	if amount, code, ok := splitMoney(s); ok {
		if c, ok := lookupCode(code); ok {
			if m, err := parseAmount(amount, c, 0, false); err == nil {
				return m, nil
			}
		}
	}
	return Money{}, parseError(s)
}

// splitMoney splits the text of Money into its amount and its code at the
// last space, ignoring spaces around the text and extra spaces between the
// two; it reports false when there is no space.
func splitMoney(s string) (amount, code string, ok bool) {
	t := s
	// strings.TrimSpace only where an end may be white space: a byte up to
	// ' ' or a non-ASCII one.
	if len(t) > 0 && (t[0] <= ' ' || t[0] >= 0x80 || t[len(t)-1] <= ' ' || t[len(t)-1] >= 0x80) {
		t = strings.TrimSpace(t)
	}
	sp := strings.LastIndexByte(t, ' ')
	if sp < 0 {
		return "", "", false
	}
	amount = t[:sp]
	for len(amount) > 0 && amount[len(amount)-1] == ' ' {
		amount = amount[:len(amount)-1]
	}
	return amount, t[sp+1:], true
}

// parseError is Parse's error for s.
//
//go:noinline
func parseError(s string) error {
	amount, code, ok := splitMoney(s)
	if !ok {
		return &ParseError{Kind: "money", Input: s, Err: ErrSyntax, Detail: `want "<amount> <code>"`}
	}
	c, ok := lookupCode(code)
	if !ok {
		return &ParseError{Kind: "money", Input: s, Err: ErrUnknownCode,
			Detail: strconv.Quote(truncate(code, 16)) + " is not an ISO 4217 code"}
	}
	_, err := ParseAmount(amount, c)
	pe := err.(*ParseError)
	pe.Kind, pe.Input = "money", s
	return pe
}

// MustParse is like [Parse] but panics on error. It is meant for constants
// in tests and examples.
func MustParse(s string) Money {
	m, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return m
}

// appendAmount appends minor units as a decimal with exactly digits
// fraction digits: 123450, 2 → "1234.50"; -5, 2 → "-0.05".
func appendAmount(b []byte, minor int64, digits int) []byte {
	if minor < 0 {
		b = append(b, '-')
	}
	var buf [24]byte // 20 digits, the point, and room to spare
	i := len(buf)
	mag := abs64(minor)
	for n := 0; n < digits; n++ {
		i--
		buf[i] = byte('0' + mag%10)
		mag /= 10
	}
	if digits > 0 {
		i--
		buf[i] = '.'
	}
	for {
		i--
		buf[i] = byte('0' + mag%10)
		mag /= 10
		if mag == 0 {
			break
		}
	}
	return append(b, buf[i:]...)
}

// AppendAmount appends the amount without the currency code, with exactly
// as many decimal places as the currency has: "1234.50", "-0.05", "1235"
// for JPY.
func (m Money) AppendAmount(b []byte) []byte { return appendAmount(b, m.minor, m.code.Digits()) }

// Amount returns the amount without the currency code, as
// [Money.AppendAmount] writes it: "1234.50".
func (m Money) Amount() string { return string(m.AppendAmount(make([]byte, 0, 24))) }

// String returns the text form "1234.50 SEK": the amount with exactly the
// currency's number of decimal places (so 1.50 stays "1.50" and JPY has no
// fraction), a space and the code. The zero Money is "0".
func (m Money) String() string {
	if m == (Money{}) {
		return "0"
	}
	var buf [32]byte
	return string(m.appendText(buf[:0]))
}

func (m Money) appendText(b []byte) []byte {
	b = appendAmount(b, m.minor, m.code.Digits())
	b = append(b, ' ')
	return append(b, m.code.String()...)
}

// AppendText implements [encoding.TextAppender] with the format of
// [Money.String]; the zero Money appends nothing, and a Money in a code
// outside ISO 4217 is an error wrapping [ErrUnknownCode].
func (m Money) AppendText(b []byte) ([]byte, error) {
	switch {
	case m == (Money{}):
		return b, nil
	case !m.code.Valid():
		return b, m.code.invalid("money")
	}
	return m.appendText(b), nil
}

// MarshalText implements [encoding.TextMarshaler]: "1234.50 SEK", or the
// empty text for the zero Money.
func (m Money) MarshalText() ([]byte, error) { return m.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler] with [Parse]; the
// empty text gives the zero Money.
func (m *Money) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = Money{}
		return nil
	}
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

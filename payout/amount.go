package payout

import "github.com/marketrules/marketrules/currency"

// parseAmount is currency.ParseAmount(s, c) for a valid c, quicker for
// the plain amounts a file has: an optional sign, digits and at most c's
// decimal places, 18 digits in all. Anything else goes to currency.
func parseAmount(s string, c currency.Code) (currency.Money, error) {
	if v, ok := parseMinor(s, c.Digits()); ok {
		return currency.New(v, c)
	}
	return currency.ParseAmount(s, c)
}

// parseAmountRound is currency.ParseAmountRound(s, c, mode), quicker for
// plain amounts, which need no rounding.
func parseAmountRound(s string, c currency.Code, mode currency.RoundingMode) (currency.Money, error) {
	if v, ok := parseMinor(s, c.Digits()); ok && mode.Valid() {
		return currency.New(v, c)
	}
	return currency.ParseAmountRound(s, c, mode)
}

// parseMinor reads s as minor units with digits decimal places: an
// optional sign, digits, and an optional point followed by 1…digits
// digits, 18 digits in all at most (so that no int64 overflows). ok is
// false for any other text.
func parseMinor(s string, digits int) (v int64, ok bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	i := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		v = v*10 + int64(s[i]-'0')
	}
	n := i // digits read
	if n == 0 || n > 18 {
		return 0, false
	}
	scale := 0
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && isDigit(s[i]) && scale < digits; i++ {
			v = v*10 + int64(s[i]-'0')
			scale++
		}
		if scale == 0 {
			return 0, false
		}
	}
	if i != len(s) || n+digits > 18 {
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

package metering

import "github.com/marketrules/marketrules/rule"

// qtext writes a quantity for an explanation in lang, as the rule
// package writes numbers: digits grouped by three ("1,556.5" in English,
// "1 556,5" in Swedish with U+00A0 NO-BREAK SPACE, and U+2212 MINUS
// SIGN), the decimal places kept.
func qtext(lang rule.Language, q Quantity) string {
	b, _ := q.appendText(make([]byte, 0, 32))
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	intEnd := len(b)
	for i, c := range b {
		if c == '.' {
			intEnd = i
			break
		}
	}
	group, point, minus := ",", ".", "-"
	if lang == rule.Swedish {
		group, point, minus = "\u00a0", ",", "\u2212"
	}
	out := make([]byte, 0, len(b)+8)
	if neg {
		out = append(out, minus...)
	}
	for i := 0; i < intEnd; i++ {
		if i > 0 && (intEnd-i)%3 == 0 {
			out = append(out, group...)
		}
		out = append(out, b[i])
	}
	if intEnd < len(b) {
		out = append(out, point...)
		out = append(out, b[intEnd+1:]...)
	}
	return string(out)
}

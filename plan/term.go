package plan

import (
	"fmt"
	"strings"
)

// Term is a billing term: how long a subscription commits for, or, for VM
// usage, the hour that usage is priced by. The enum is append-only; the
// zero Term is "unset": not a valid term, it marshals to "" and "" decodes
// to it. In text and JSON a term is its ISO 8601 duration,
// as Partner Center writes it: "P1M", "P1Y", "P2Y", "P3Y", "PT1H".
type Term uint8

// The billing terms.
const (
	OneMonth   Term = iota + 1 // 1 month
	OneYear                    // 1 year
	TwoYears                   // 2 years
	ThreeYears                 // 3 years
	Hourly                     // VM usage, priced per hour and billed monthly (EXT-07)
)

var termNames = [...]string{"", "P1M", "P1Y", "P2Y", "P3Y", "PT1H"}
var termMonths = [...]int{0, 1, 12, 24, 36, 0}
var termWords = [...]string{"", "1 month", "1 year", "2 years", "3 years", "hourly"}

// Valid reports whether t is a defined term.
func (t Term) Valid() bool { return t > 0 && int(t) < len(termNames) }

// Months returns the term's length in calendar months: 1, 12, 24 or 36;
// 0 for Hourly and invalid terms.
func (t Term) Months() int {
	if !t.Valid() {
		return 0
	}
	return termMonths[t]
}

// String returns the ISO 8601 duration: "P1M", "P1Y", "P2Y", "P3Y",
// "PT1H"; "" for the unset zero Term and "plan.Term(9)" for an invalid one.
func (t Term) String() string {
	switch {
	case t.Valid():
		return termNames[t]
	case t == 0:
		return ""
	}
	return fmt.Sprintf("plan.Term(%d)", uint8(t))
}

// Words returns the term in English words: "1 month", "3 years", "hourly".
func (t Term) Words() string {
	if !t.Valid() {
		return t.String()
	}
	return termWords[t]
}

// ParseTerm parses a term's ISO 8601 duration ("P1M", "p1y") or its words
// ("1 month", "3 years", "hourly", "monthly", "annual"), ignoring case.
func ParseTerm(s string) (Term, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	for i := 1; i < len(termNames); i++ {
		if u == termNames[i] || strings.EqualFold(s, termWords[i]) {
			return Term(i), nil
		}
	}
	switch u {
	case "MONTHLY", "1-MONTH", "1M":
		return OneMonth, nil
	case "ANNUAL", "YEARLY", "1-YEAR", "1Y":
		return OneYear, nil
	case "2-YEAR", "2Y":
		return TwoYears, nil
	case "3-YEAR", "3Y":
		return ThreeYears, nil
	case "HOUR", "PER HOUR":
		return Hourly, nil
	}
	return 0, fmt.Errorf("plan: %w %q (want P1M, P1Y, P2Y, P3Y or PT1H)", ErrTerm, truncate(s, 40))
}

// MarshalText implements [encoding.TextMarshaler]: the ISO 8601
// duration, "" for the zero Term; other invalid terms are an error
// wrapping [ErrTerm].
func (t Term) MarshalText() ([]byte, error) {
	if t == 0 {
		return []byte{}, nil
	}
	if !t.Valid() {
		return nil, fmt.Errorf("plan: %w %d", ErrTerm, uint8(t))
	}
	return []byte(termNames[t]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseTerm];
// "" is the zero Term.
func (t *Term) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*t = 0
		return nil
	}
	v, err := ParseTerm(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

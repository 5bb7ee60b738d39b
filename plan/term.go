package plan

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Term is a billing term: how long a subscription commits for, or, for VM
// usage, the hour that usage is priced by. The enum is append-only; the
// zero Term is invalid. In text and JSON a term is its ISO 8601 duration,
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

// String returns the ISO 8601 duration: "P1M", "P1Y", "P2Y", "P3Y", "PT1H".
func (t Term) String() string {
	if !t.Valid() {
		return fmt.Sprintf("Term(%d)", uint8(t))
	}
	return termNames[t]
}

// Words returns the term in English words: "1 month", "3 years", "hourly".
func (t Term) Words() string {
	if !t.Valid() {
		return t.String()
	}
	return termWords[t]
}

// ErrTerm is wrapped by errors for a term that is not one of the defined
// terms.
var ErrTerm = errors.New("unknown billing term")

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

// MarshalText implements [encoding.TextMarshaler].
func (t Term) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, fmt.Errorf("plan: %w %d", ErrTerm, uint8(t))
	}
	return []byte(termNames[t]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseTerm].
func (t *Term) UnmarshalText(b []byte) error {
	v, err := ParseTerm(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Cycle returns the term's cycle from anchor: consecutive terms of
// t.Months() months. For Hourly, Months is 0: the cycle has no periods,
// and [Cycle.At] reports [ErrCycle].
func (t Term) Cycle(anchor time.Time) Cycle { return Cycle{Anchor: anchor, Months: t.Months()} }

// Period is a half-open interval of time [Start, End).
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Contains reports whether t is in [Start, End).
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// Duration returns End − Start.
func (p Period) Duration() time.Duration { return p.End.Sub(p.Start) }

// String returns "[start, end)" in RFC 3339.
func (p Period) String() string {
	return "[" + p.Start.Format(time.RFC3339) + ", " + p.End.Format(time.RFC3339) + ")"
}

// AddMonths returns t plus n calendar months (n may be negative), keeping
// the clock time and location, with the day clamped to the last day of the
// target month: Jan 31 + 1 month is Feb 28 (Feb 29 in a leap year), never
// Mar 3 as time.AddDate gives. A clock time that does not exist on the
// target day (a daylight-saving gap) moves forward by the gap: 02:30 on
// the day clocks go from 02:00 to 03:00 is 03:30, in every zone
// ([time.Date] alone gives 01:30 in zones west of UTC). A clock time that
// occurs twice (clocks going back) is the instant [time.Date] picks.
func AddMonths(t time.Time, n int) time.Time {
	if n == 0 {
		return t // even at a clock time that occurs twice
	}
	if t.Location() == time.UTC {
		c := newCalendar(t)
		return c.add(n)
	}
	return addMonthsZoned(t, n)
}

// addMonthsZoned is AddMonths through the time package's calendar, for
// locations other than UTC.
func addMonthsZoned(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	total := int(m) - 1 + n
	y += floorDiv(total, 12)
	m = time.Month(total - floorDiv(total, 12)*12 + 1)
	if last := daysIn(y, m); d > last {
		d = last
	}
	r := time.Date(y, m, d, hh, mm, ss, t.Nanosecond(), t.Location())
	if rh, rm, rs := r.Clock(); rh != hh || rm != mm || rs != ss {
		// In a gap: if time.Date moved the clock back, move it forward.
		ry, rmo, rd := r.Date()
		want := time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
		got := time.Date(ry, rmo, rd, rh, rm, rs, 0, time.UTC)
		if got.Before(want) {
			r = r.Add(want.Sub(got))
		}
	}
	return r
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// daysIn returns the number of days in month m of year y (proleptic
// Gregorian), by arithmetic rather than a second time.Date call.
func daysIn(y int, m time.Month) int {
	if m == time.February {
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	// Bit m is set for the 31-day months: Jan, Mar, May, Jul, Aug, Oct, Dec.
	return 30 + int(0x15AA>>uint(m)&1)
}

// Cycle is a sequence of consecutive periods of Months calendar months
// from Anchor: billing periods, or contract terms. Period n starts at
// AddMonths(Anchor, n×Months), always computed from the anchor (never by
// chaining), so an anchor on the 31st gives Feb 28/29, then Mar 31, Apr 30:
// the day comes back after a short month. Periods are half-open and
// contiguous.
type Cycle struct {
	Anchor time.Time
	Months int
}

// ErrCycle is returned by [Cycle.At] for a cycle with no months, or an
// instant before the anchor.
var ErrCycle = errors.New("instant outside the cycle")

// Period returns period n (n ≥ 0; period 0 starts at the anchor).
func (c Cycle) Period(n int) Period {
	cal := newCalendar(c.Anchor)
	return Period{Start: cal.add(n * c.Months), End: cal.add((n + 1) * c.Months)}
}

// At returns the index and bounds of the period that contains t. It fails
// for t before the anchor and for a cycle of zero months.
func (c Cycle) At(t time.Time) (int, Period, error) {
	if c.Months <= 0 {
		return 0, Period{}, fmt.Errorf("plan: cycle of %d months: %w", c.Months, ErrCycle)
	}
	if t.Before(c.Anchor) {
		return 0, Period{}, fmt.Errorf("plan: %s is before the cycle's anchor %s: %w",
			t.Format(time.RFC3339), c.Anchor.Format(time.RFC3339), ErrCycle)
	}
	cal := newCalendar(c.Anchor)
	n, p := cal.periodAt(c.Months, t)
	return n, p, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

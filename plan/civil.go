package plan

import (
	"errors"
	"fmt"
	"time"

	"github.com/marketrules/marketrules/calendar"
)

// The billing calendar moved to package calendar. The names below forward
// to it, keeping their old signatures and behaviour for dates in range.

// DayNumber returns the number of days from 1970-01-01 to the date y-m-d,
// months and days outside their ranges normalized as time.Date does
// them; 0 for years beyond ±2⁴⁰.
//
// Deprecated: use calendar.DayNumber (which refuses unnormalized dates);
// removed before v1.
func DayNumber(y int, m time.Month, d int) int64 {
	total := int64(y)*12 + int64(m) - 1
	yy := total / 12
	if total%12 < 0 {
		yy--
	}
	n, err := calendar.DayNumber(int(yy), time.Month(total-yy*12+1), 1)
	if err != nil {
		return 0
	}
	return n + int64(d) - 1
}

// CivilDate is the inverse of [DayNumber].
//
// Deprecated: use calendar.CivilDate or calendar.DateOfDay; removed
// before v1.
func CivilDate(z int64) (y int, m time.Month, d int) {
	y, m, d, _ = calendar.CivilDate(z)
	return y, m, d
}

// DaysIn returns the number of days of month m in year y, 28 to 31; 0 for
// a month outside 1–12.
//
// Deprecated: use calendar.DaysIn; removed before v1.
func DaysIn(y int, m time.Month) int {
	n, _ := calendar.DaysIn(y, m)
	return n
}

// AddMonths returns t plus n calendar months, clamped to month end.
// Outside the years 1–9999 it keeps its old unchecked arithmetic.
//
// Deprecated: use calendar.AddMonths, which reports a result outside the
// years 1–9999 as an error; removed before v1.
func AddMonths(t time.Time, n int) time.Time {
	r, err := calendar.AddMonths(t, calendar.Months(n))
	if err != nil {
		y, m, d := t.Date()
		hh, mm, ss := t.Clock()
		total := int(m) - 1 + n
		q := total / 12
		if total%12 < 0 {
			q--
		}
		y, m = y+q, time.Month(total-q*12+1)
		days, _ := calendar.DaysIn(y, m)
		return time.Date(y, m, min(d, days), hh, mm, ss, t.Nanosecond(), t.Location())
	}
	return r
}

// Period is a half-open interval of time [Start, End).
//
// Deprecated: use calendar.Period; removed before v1.
type Period = calendar.Period

// Calendar is month arithmetic prepared once for an anchor.
//
// Deprecated: use calendar.Calendar; removed before v1.
type Calendar struct{ c calendar.Calendar }

// NewCalendar returns the calendar of anchor.
//
// Deprecated: use calendar.NewCalendar; removed before v1.
func NewCalendar(anchor time.Time) Calendar { return Calendar{calendar.NewCalendar(anchor)} }

// Anchor returns the calendar's anchor.
//
// Deprecated: use calendar.Calendar.Anchor; removed before v1.
func (c *Calendar) Anchor() time.Time { return c.c.Anchor() }

// AddMonths returns AddMonths(anchor, n).
//
// Deprecated: use calendar.Calendar.AddMonths; removed before v1.
func (c *Calendar) AddMonths(n int) time.Time {
	if r, err := c.c.AddMonths(calendar.Months(n)); err == nil {
		return r
	}
	return AddMonths(c.c.Anchor(), n)
}

// PeriodAt returns the index and bounds of the period of months-month
// periods from the anchor that contains t; for t before the anchor period
// 0, and months below 1 count as 1; the zero Period when out of range.
//
// Deprecated: use calendar.Calendar.PeriodAt, which reports those as
// errors; removed before v1.
func (c *Calendar) PeriodAt(months int, t time.Time) (int, Period) {
	if t.Before(c.c.Anchor()) {
		t = c.c.Anchor()
	}
	n, p, err := c.c.PeriodAt(calendar.Months(max(months, 1)), t)
	if err != nil {
		return 0, Period{}
	}
	return n, p
}

// Cycle is a sequence of consecutive periods of Months calendar months
// from Anchor.
//
// Deprecated: use calendar.Cycle (or Term.BillingCycle); removed before v1.
type Cycle struct {
	Anchor time.Time `json:"anchor"`
	Months int       `json:"months"`
}

// ErrCycle is returned by [Cycle.At] for a cycle with no months, or an
// instant before the anchor.
//
// Deprecated: use calendar.ErrRange and calendar.ErrBeforeAnchor; removed
// before v1.
var ErrCycle = errors.New("instant outside the cycle")

// Period returns period n (n ≥ 0), the zero Period when out of range.
//
// Deprecated: use calendar.Cycle.Period; removed before v1.
func (c Cycle) Period(n int) Period {
	p, _ := calendar.Cycle{Anchor: c.Anchor, Months: calendar.Months(c.Months)}.Period(n)
	return p
}

// At returns the index and bounds of the period that contains t.
//
// Deprecated: use calendar.Cycle.At; removed before v1.
func (c Cycle) At(t time.Time) (int, Period, error) {
	n, p, err := calendar.Cycle{Anchor: c.Anchor, Months: calendar.Months(c.Months)}.At(t)
	if err != nil {
		return 0, Period{}, fmt.Errorf("plan: %w: %w", ErrCycle, err)
	}
	return n, p, nil
}

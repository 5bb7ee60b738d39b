package calendar

import (
	"fmt"
	"time"
)

// AddMonths returns t plus n calendar months (n may be negative), keeping
// the clock time and location, with the day clamped to the last day of
// the target month: Jan 31 + 1 month is Feb 28 (Feb 29 in a leap year),
// never Mar 3 as time.AddDate gives. A clock time that does not exist on
// the target day (a daylight-saving gap) moves forward by the gap: 02:30
// on the day clocks go from 02:00 to 03:00 is 03:30, in every zone
// ([time.Date] alone gives 01:30 in zones west of UTC). A clock time that
// occurs twice (clocks going back) is the instant [time.Date] picks.
//
// A result outside the years 1–9999 (of t's location) is an error
// wrapping [ErrRange]; so is any n beyond ±119,988 months, the span of
// those years. AddMonths(t, 0) is t. In UTC it uses only integer
// arithmetic and allocates nothing.
func AddMonths(t time.Time, n Months) (time.Time, error) {
	if n == 0 {
		return t, nil // even at a clock time that occurs twice
	}
	if t.Location() == time.UTC {
		c := newAnchor(t)
		return c.add(n)
	}
	return addMonthsZoned(t, n)
}

// addMonthsZoned is AddMonths through the time package's calendar, for
// locations other than UTC.
func addMonthsZoned(t time.Time, n Months) (time.Time, error) {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	y, m, err := addMonthsYM(y, m, n)
	if err != nil {
		return time.Time{}, err
	}
	d = min(d, daysIn(y, m))
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
	return r, nil
}

// anchor computes AddMonths(anchor, n) for one anchor and many n. In UTC,
// where every day has 86,400 seconds, it works from the anchor's date and
// time of day with integer arithmetic, several times faster than the time
// package's calendar; in any other location it defers to the time package
// through addMonthsZoned, which resolves daylight-saving gaps.
type anchor struct {
	t   time.Time
	utc bool
	y   int        // the anchor's year
	m   time.Month // month
	d   int        // day
	sod int64      // seconds since midnight
	ns  int64      // nanoseconds
}

func newAnchor(t time.Time) anchor {
	c := anchor{t: t, utc: t.Location() == time.UTC}
	if c.utc {
		sec := t.Unix()
		day := floorDiv(sec, 86400)
		c.sod = sec - day*86400
		c.ns = int64(t.Nanosecond())
		c.y, c.m, c.d = civil(day)
	} else {
		c.y, c.m, c.d = t.Date()
	}
	return c
}

// add returns AddMonths(c.t, n).
func (c *anchor) add(n Months) (time.Time, error) {
	if n == 0 {
		return c.t, nil
	}
	if !c.utc {
		return addMonthsZoned(c.t, n)
	}
	// addMonthsYM, inline: c.y is the year of an instant, far inside
	// ±2⁴⁰, so with n checked nothing overflows.
	if n < -maxMonths || n > maxMonths {
		return time.Time{}, monthsError(c.y, c.m, n)
	}
	total := c.y*12 + int(c.m) - 1 + int(n)
	y, mi := total/12, total%12
	if mi < 0 {
		y, mi = y-1, mi+12
	}
	if y < MinYear || y > MaxYear {
		return time.Time{}, monthsError(c.y, c.m, n)
	}
	m := time.Month(mi + 1)
	d := min(c.d, daysIn(y, m))
	return time.Unix(dayNumber(y, m, d)*86400+c.sod, c.ns).UTC(), nil
}

// month returns the year and month of t as the anchor's location sees it.
func (c *anchor) month(t time.Time) (int, time.Month) {
	if c.utc {
		y, m, _ := civil(floorDiv(t.Unix(), 86400))
		return y, m
	}
	y, m, _ := t.In(c.t.Location()).Date()
	return y, m
}

// checkMonths reports a period length outside 1…maxMonths.
func checkMonths(months Months) error {
	if months < 1 || months > maxMonths {
		return periodsError(months)
	}
	return nil
}

//go:noinline
func periodsError(months Months) error {
	return fmt.Errorf("%w: periods of %s (want 1 to %d months)", ErrRange, months, maxMonths)
}

// periodAt returns the index and bounds of the period of months-month
// periods from the anchor that contains t, with two month computations in
// the common case. Every loop is bounded: the first estimate is at most
// one period off.
func (c *anchor) periodAt(months Months, t time.Time) (int, Period, error) {
	if err := checkMonths(months); err != nil {
		return 0, Period{}, err
	}
	if t.Before(c.t) {
		return 0, Period{}, fmt.Errorf("%w: %s is before the anchor %s", ErrBeforeAnchor,
			t.Format(time.RFC3339Nano), c.t.Format(time.RFC3339Nano))
	}
	ay, am := c.y, c.m
	if am == 0 { // the zero Calendar: its fields were never prepared
		ay, am, _ = c.t.Date()
	}
	ty, tm := c.month(t)
	if ty > MaxYear+1 {
		return 0, Period{}, fmt.Errorf("%w: %s is after the year %d", ErrRange, t.Format(time.RFC3339), MaxYear)
	}
	diff := (int64(ty)-int64(ay))*12 + int64(tm) - int64(am)
	n := max(diff/int64(months), 0)
	start, err := c.add(Months(n) * months)
	for i := 0; i < 3 && err == nil && n > 0 && start.After(t); i++ {
		n--
		start, err = c.add(Months(n) * months)
	}
	if err != nil {
		return 0, Period{}, err
	}
	end, err := c.add(Months(n+1) * months)
	for i := 0; i < 3 && err == nil && !end.After(t); i++ {
		n++
		start = end
		end, err = c.add(Months(n+1) * months)
	}
	if err != nil {
		return 0, Period{}, err
	}
	if !start.After(t) && end.After(t) {
		return int(n), Period{Start: start, End: end}, nil
	}
	return 0, Period{}, fmt.Errorf("%w: no period of %s from %s contains %s", ErrRange, months,
		c.t.Format(time.RFC3339Nano), t.Format(time.RFC3339Nano))
}

// period returns period n of months-month periods.
func (c *anchor) period(months Months, n int) (Period, error) {
	if err := checkMonths(months); err != nil {
		return Period{}, err
	}
	if n < 0 || n >= maxMonths/int(months) {
		return Period{}, fmt.Errorf("%w: period %d of %s periods", ErrRange, n, months)
	}
	start, err := c.add(Months(n) * months)
	if err != nil {
		return Period{}, err
	}
	end, err := c.add(Months(n+1) * months)
	if err != nil {
		return Period{}, err
	}
	return Period{Start: start, End: end}, nil
}

// Calendar is month arithmetic prepared once for an anchor, for callers
// that compute many periods from one anchor on a hot path: the same
// results as [AddMonths] and [Cycle.At], without redoing the anchor's
// calendar fields each time (in UTC, the common case, it then uses only
// integer arithmetic and allocates nothing). The zero Calendar is
// anchored at the zero time.Time (0001-01-01 00:00 UTC).
type Calendar struct{ c anchor }

// NewCalendar returns the calendar of anchor.
func NewCalendar(anchor time.Time) Calendar { return Calendar{newAnchor(anchor)} }

// Anchor returns the calendar's anchor.
func (c *Calendar) Anchor() time.Time { return c.c.t }

// AddMonths returns AddMonths(anchor, n), with its errors.
func (c *Calendar) AddMonths(n Months) (time.Time, error) { return c.c.add(n) }

// Period returns period n of the cycle of months-month periods from the
// anchor, as [Cycle.Period] does.
func (c *Calendar) Period(months Months, n int) (Period, error) { return c.c.period(months, n) }

// PeriodAt returns the index and bounds of the period of the cycle of
// months-month periods from the anchor that contains t, as [Cycle.At]
// does: months outside 1–119,988 are an error wrapping [ErrRange], an
// instant before the anchor one wrapping [ErrBeforeAnchor].
func (c *Calendar) PeriodAt(months Months, t time.Time) (int, Period, error) {
	return c.c.periodAt(months, t)
}

// Cycle is a sequence of consecutive periods of Months calendar months
// from Anchor: billing periods, or contract terms. Period n starts at
// AddMonths(Anchor, n×Months), always computed from the anchor (never by
// chaining), so an anchor on the 31st gives Feb 28/29, then Mar 31, Apr
// 30: the day comes back after a short month. Periods are half-open,
// non-empty and contiguous. Months must be 1 or more; the zero Cycle has
// no periods and every method reports [ErrRange].
type Cycle struct {
	Anchor time.Time `json:"anchor"`
	Months Months    `json:"months"`
}

// Validate reports a cycle whose Months is below 1 or beyond the span of
// the calendar, wrapping [ErrRange].
func (c Cycle) Validate() error { return checkMonths(c.Months) }

// Period returns period n (period 0 starts at the anchor). A negative n,
// an invalid cycle, or a period beyond the year 9999 is an error wrapping
// [ErrRange].
func (c Cycle) Period(n int) (Period, error) {
	if err := checkMonths(c.Months); err != nil {
		return Period{}, err
	}
	a := newAnchor(c.Anchor)
	return a.period(c.Months, n)
}

// At returns the index and bounds of the period that contains t. An
// instant before the anchor is an error wrapping [ErrBeforeAnchor]; an
// invalid cycle or an instant after the year 9999 one wrapping
// [ErrRange].
func (c Cycle) At(t time.Time) (int, Period, error) {
	if err := checkMonths(c.Months); err != nil {
		return 0, Period{}, err
	}
	a := newAnchor(c.Anchor)
	return a.periodAt(c.Months, t)
}

// Period is a half-open interval of time [Start, End). The zero Period is
// empty.
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Contains reports whether t is in [Start, End).
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// Duration returns End − Start (saturating, as [time.Time.Sub] does).
func (p Period) Duration() time.Duration { return p.End.Sub(p.Start) }

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p.Start.IsZero() && p.End.IsZero() }

// String returns "[start, end)" in RFC 3339.
func (p Period) String() string {
	return "[" + p.Start.Format(time.RFC3339) + ", " + p.End.Format(time.RFC3339) + ")"
}

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
// arithmetic and allocates nothing; a [Calendar] does the same for zones
// at a fixed offset.
func AddMonths(t time.Time, n Months) (time.Time, error) {
	if n == 0 {
		return t, nil // even at a clock time that occurs twice
	}
	if t.Location() != time.UTC {
		// For one result, preparing an anchor (finding whether the zone
		// has a fixed offset) costs more than it saves.
		return addMonthsZoned(t, n)
	}
	var c anchor
	c.init(t)
	return c.add(n)
}

// addMonthsZoned is AddMonths through the time package's calendar, for
// any location: the reference the prepared paths agree with, and the
// path for anchors far outside the years 1–9999.
func addMonthsZoned(t time.Time, n Months) (time.Time, error) {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	y, m, err := addMonthsYM(y, m, n)
	if err != nil {
		return time.Time{}, err
	}
	return dateAt(y, m, min(d, daysIn(y, m)), hh, mm, ss, t.Nanosecond(), t.Location()), nil
}

// dateAt is time.Date for a valid date, with a clock time in a
// daylight-saving gap moved forward by the gap.
func dateAt(y int, m time.Month, d, hh, mm, ss, ns int, loc *time.Location) time.Time {
	r := time.Date(y, m, d, hh, mm, ss, ns, loc)
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

// The kinds of anchor.
const (
	// kindGeneric: the zero Calendar, or an anchor far outside the years
	// 1–9999; every result through the time package (addMonthsZoned).
	kindGeneric = iota
	// kindFixed: UTC or a zone at one offset for all time, where every
	// day has 86,400 seconds: integer arithmetic only.
	kindFixed
	// kindZoned: a zone whose offset changes; the anchor's fields are
	// prepared once, each result is one time.Date.
	kindZoned
)

// The Unix seconds of the instants an anchor may be prepared for: its
// local date in the years 0 to 10000, so that nothing below overflows and
// every result of the years 1–9999 stays reachable.
const (
	anchorMinSec = (-719528 - 2) * secondsPerDay // 0000-01-01, less two days
	anchorMaxSec = (2933262 + 2) * secondsPerDay // 10001-01-01, plus two days
)

// anchor computes AddMonths(anchor, n) for one anchor and many n. It
// works from the anchor's local date and time of day, prepared once: in
// UTC and fixed zones, where every day has 86,400 seconds, with integer
// arithmetic, several times faster than the time package's calendar; in a
// zone with daylight saving with one time.Date per result, which
// resolves daylight-saving gaps. Whether a result stays within the years
// 1–9999 is one comparison.
type anchor struct {
	t    time.Time
	loc  *time.Location // the anchor's location; nil for UTC
	base int64          // the anchor's local year×12 + month − 1
	sod  int64          // local seconds since midnight
	off  int64          // the UTC offset in seconds (kindFixed)
	y, d int            // the anchor's local year and day
	ns   int32          // nanoseconds
	m    time.Month     // the anchor's local month
	kind uint8
}

// The months from year 0 of the first and last month of the years
// MinYear–MaxYear.
const (
	firstMonth = MinYear * 12
	lastMonth  = MaxYear*12 + 11
)

// init prepares c, which must be the zero anchor, for t, in place.
func (c *anchor) init(t time.Time) {
	c.t = t
	sec := t.Unix()
	if sec < anchorMinSec || sec > anchorMaxSec {
		c.y, c.m, c.d = t.Date() // kindGeneric
		return
	}
	c.kind = kindFixed
	if loc := t.Location(); loc != time.UTC {
		c.loc = loc
		if start, end := t.ZoneBounds(); !start.IsZero() || !end.IsZero() {
			c.kind = kindZoned
		}
		_, off := t.Zone()
		c.off = int64(off)
	}
	local := sec + c.off
	day := floorDiv(local, secondsPerDay)
	c.sod = local - day*secondsPerDay
	c.ns = int32(t.Nanosecond())
	c.y, c.m, c.d = civil(day)
	c.base = int64(c.y)*12 + int64(c.m) - 1
}

// add returns AddMonths(c.t, n).
func (c *anchor) add(n Months) (time.Time, error) {
	if n == 0 {
		return c.t, nil
	}
	if c.kind == kindGeneric {
		return addMonthsZoned(c.t, n)
	}
	if !c.inRange(n) {
		return time.Time{}, monthsError(c.y, c.m, n)
	}
	if c.kind == kindZoned {
		y, m, d := c.target(n)
		return dateAt(y, m, d, int(c.sod/3600), int(c.sod/60%60), int(c.sod%60), int(c.ns), c.loc), nil
	}
	y, m, d := c.target(n)
	return c.instant(dayNumber(y, m, d)*secondsPerDay + c.sod), nil
}

// target returns the date n months from the anchor, the day clamped; the
// result must be within the years 1–9999 (inRange).
func (c *anchor) target(n Months) (int, time.Month, int) {
	total := uint64(c.base + int64(n)) // ≥ 12: the year is at least 1
	y, m := int(total/12), time.Month(total%12+1)
	return y, m, min(c.d, daysIn(y, m))
}

// inRange reports whether the month n months from the anchor is within
// the years 1–9999, with one comparison. c.base is a month of the years
// −1 to 10001, so base + n overflows only for n within 120,024 of the
// int64 limits, where it wraps to the other end, also out of range.
func (c *anchor) inRange(n Months) bool {
	return uint64(c.base+int64(n)-firstMonth) <= lastMonth-firstMonth
}

// localSec returns the local seconds (Unix seconds plus the offset) of
// the result n months from the anchor at the anchor's clock time, and
// whether it is within the years 1–9999.
func (c *anchor) localSec(n Months) (int64, bool) {
	if n == 0 { // the anchor itself, in range or not (as add gives it)
		return dayNumber(c.y, c.m, c.d)*secondsPerDay + c.sod, true
	}
	if !c.inRange(n) {
		return 0, false
	}
	y, m, d := c.target(n)
	return dayNumber(y, m, d)*secondsPerDay + c.sod, true
}

// instant returns the instant of local seconds sec at the anchor's
// nanosecond, in a kindFixed anchor's location.
func (c *anchor) instant(sec int64) time.Time {
	t := time.Unix(sec-c.off, int64(c.ns))
	if c.loc == nil {
		return t.UTC()
	}
	return t.In(c.loc)
}

// month returns the year and month of t as the anchor's location sees it.
func (c *anchor) month(t time.Time) (int, time.Month) {
	if c.kind == kindFixed {
		day := floorDiv(t.Unix(), secondsPerDay)
		if c.off != 0 {
			day = localDay(t.Unix(), c.off)
		}
		y, m, _ := civil(day)
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
	// Wall-clock order, by which the periods are computed: a monotonic
	// clock reading plays no part.
	if wallBefore(t.Unix(), int64(t.Nanosecond()), c.t.Unix(), int64(c.t.Nanosecond())) {
		return 0, Period{}, beforeAnchorError(c.t, t)
	}
	ay, am := c.y, c.m
	if am == 0 { // the zero Calendar: its fields were never prepared
		ay, am, _ = c.t.Date()
	}
	ty, tm := c.month(t)
	if ty > MaxYear+1 {
		return 0, Period{}, afterYearsError(t)
	}
	diff := (int64(ty)-int64(ay))*12 + int64(tm) - int64(am)
	n := max(diff/int64(months), 0)
	if c.kind == kindFixed {
		return c.periodAtFixed(months, n, t)
	}
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
	return 0, Period{}, noPeriodError(months, c.t, t)
}

// periodAtFixed is periodAt's search for a kindFixed anchor, from the
// first estimate n, comparing local seconds (and the anchor's nanosecond
// with t's) instead of instants.
func (c *anchor) periodAtFixed(months Months, n int64, t time.Time) (int, Period, error) {
	tl, tns := t.Unix()+c.off, int32(t.Nanosecond())
	start, ok := c.localSec(Months(n) * months)
	for i := 0; i < 3 && ok && n > 0 && c.after(start, tl, tns); i++ {
		n--
		start, ok = c.localSec(Months(n) * months)
	}
	if !ok {
		return 0, Period{}, monthsError(c.y, c.m, Months(n)*months)
	}
	end, ok := c.localSec(Months(n+1) * months)
	for i := 0; i < 3 && ok && !c.after(end, tl, tns); i++ {
		n++
		start = end
		end, ok = c.localSec(Months(n+1) * months)
	}
	if !ok {
		return 0, Period{}, monthsError(c.y, c.m, Months(n+1)*months)
	}
	if !c.after(start, tl, tns) && c.after(end, tl, tns) {
		p := Period{Start: c.t, End: c.instant(end)}
		if n > 0 {
			p.Start = c.instant(start)
		}
		return int(n), p, nil
	}
	return 0, Period{}, noPeriodError(months, c.t, t)
}

// after reports whether the instant at local seconds sec and the
// anchor's nanosecond is after the instant at local seconds tl and
// nanosecond tns.
func (c *anchor) after(sec, tl int64, tns int32) bool { return sec > tl || sec == tl && c.ns > tns }

//go:noinline
func beforeAnchorError(anchor, t time.Time) error {
	return fmt.Errorf("%w: %s is before the anchor %s", ErrBeforeAnchor,
		t.Format(time.RFC3339Nano), anchor.Format(time.RFC3339Nano))
}

//go:noinline
func afterYearsError(t time.Time) error {
	return fmt.Errorf("%w: %s is after the year %d", ErrRange, t.Format(time.RFC3339), MaxYear)
}

//go:noinline
func noPeriodError(months Months, anchor, t time.Time) error {
	return fmt.Errorf("%w: no period of %s from %s contains %s", ErrRange, months,
		anchor.Format(time.RFC3339Nano), t.Format(time.RFC3339Nano))
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
func NewCalendar(anchor time.Time) (c Calendar) {
	c.c.init(anchor) // in the result: the anchor's fields are not copied
	return c
}

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
	var a anchor
	a.init(c.Anchor)
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
	var a anchor
	a.init(c.Anchor)
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

package refund

import (
	"math"
	"time"

	"github.com/marketrules/marketrules/plan"
)

// Calendar arithmetic. Calendar days are counted in the buyer's zone: a
// day number is the number of days from 1970-01-01 to an instant's local
// date. Local dates come from the instant's UTC offset, one zone lookup
// each, instead of time.Time.Date, which looks the zone up again for
// every field.

const secondsPerDay = 86400

// offsetIn returns t's UTC offset in loc, in seconds.
func offsetIn(t time.Time, loc *time.Location) int64 {
	_, off := t.In(loc).Zone()
	return int64(off)
}

// localDay returns the day number of t's local date in loc.
func localDay(t time.Time, loc *time.Location) int64 {
	return floorDiv(t.Unix()+offsetIn(t, loc), secondsPerDay)
}

// zone is a time zone with one zone period cached, that of the instant
// it was made for: the offset of an instant in that period needs no
// lookup. Most instants a decision looks at (the request, the end of a
// window a few days on) fall in the period of the start.
type zone struct {
	loc         *time.Location
	from, until int64 // the cached period [from, until), in Unix seconds
	off         int64 // its UTC offset
}

func newZone(loc *time.Location, t time.Time) zone {
	t = t.In(loc)
	_, off := t.Zone()
	z := zone{loc: loc, off: int64(off), from: math.MinInt64, until: math.MaxInt64}
	start, end := t.ZoneBounds()
	if !start.IsZero() {
		z.from = start.Unix()
	}
	if !end.IsZero() {
		z.until = end.Unix()
	}
	return z
}

// offset returns t's UTC offset in the zone, in seconds.
func (z *zone) offset(t time.Time) int64 {
	if u := t.Unix(); u >= z.from && u < z.until {
		return z.off
	}
	return offsetIn(t, z.loc)
}

// day returns the day number of t's local date in the zone.
func (z *zone) day(t time.Time) int64 {
	return floorDiv(t.Unix()+z.offset(t), secondsPerDay)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// startOfDay returns the first instant of day number day in loc: the
// first instant whose local date is that day or later. That is local
// midnight; where a clock change skips midnight, the instant the day
// begins; where a day is skipped altogether (Pacific/Apia, 30 December
// 2011), the start of the next; and where a clock change repeats
// midnight, the first of the two. The zone's cached offset is the first
// guess.
func startOfDay(day int64, z *zone) time.Time {
	t, ok := midnightAt(day, z, z.off)
	if !ok {
		t = midnightSlow(day, z.loc)
	}
	// If the instant before t is on the day too, a clock change repeated
	// midnight and t is the second one: the day began in the zone period
	// before, at its midnight or, if the clock jumped past midnight into
	// that period, at the period's start. Each step moves to an earlier
	// period.
	for range 4 {
		before := t.Add(-time.Nanosecond)
		if z.day(before) < day {
			break
		}
		if t, ok = midnightAt(day, z, z.offset(before)); !ok {
			if t, _ = before.ZoneBounds(); t.IsZero() {
				return before.Add(time.Nanosecond)
			}
		}
	}
	return t
}

// midnightAt returns local midnight of day at offset off, or at the
// offset in force there, and whether either is consistent (the offset is
// in force at the instant it gives).
func midnightAt(day int64, z *zone, off int64) (time.Time, bool) {
	t := time.Unix(day*secondsPerDay-off, 0).In(z.loc)
	off2 := z.offset(t)
	if off2 == off {
		return t, true
	}
	t = time.Unix(day*secondsPerDay-off2, 0).In(z.loc)
	return t, z.offset(t) == off2
}

// midnightSlow resolves a skipped midnight: the day begins at the clock
// change.
func midnightSlow(day int64, loc *time.Location) time.Time {
	y, m, d := plan.CivilDate(day)
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	switch got := localDay(t, loc); {
	case got < day:
		// time.Date resolved the skipped midnight to the previous day:
		// the day begins where that zone period ends.
		if _, end := t.ZoneBounds(); !end.IsZero() {
			t = end
		}
	case got == day:
		// Resolved forward into the day: it begins at the zone change.
		if start, _ := t.ZoneBounds(); !start.IsZero() && start.Before(t) && localDay(start, loc) == day {
			t = start
		}
	}
	return t
}

// addMonths is plan.AddMonths(start.In(z.loc), n) for a start whose day
// number is day and whose offset is z's cached one: the same clock time
// on the date n calendar months later, the day clamped to the month's
// end. It also returns the day number of the result's local date. The
// fields come from the day number rather than from time.Time's own,
// which look the zone up again each; a clock time that a clock change
// skips is left to plan.AddMonths.
func addMonths(start time.Time, z *zone, day int64, n int) (time.Time, int64) {
	y, m, d := plan.CivilDate(day)
	total := int64(y)*12 + int64(m) - 1 + int64(n)
	y2 := int(floorDiv(total, 12))
	m2 := time.Month(total - int64(y2)*12 + 1)
	d2 := min(d, plan.DaysIn(y2, m2))
	sec := start.Unix() + z.off - day*secondsPerDay // seconds into the local day
	t := time.Date(y2, m2, d2, int(sec/3600), int(sec/60%60), int(sec%60), start.Nanosecond(), z.loc)
	local := t.Unix() + z.offset(t)
	if day2 := floorDiv(local, secondsPerDay); day2 == plan.DayNumber(y2, m2, d2) && local-day2*secondsPerDay == sec {
		return t, day2
	}
	t = plan.AddMonths(start.In(z.loc), n)
	return t, z.day(t)
}

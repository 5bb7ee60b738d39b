package calendar

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

const secondsPerDay = 86400

// DayNumberIn returns the day number (days from 1970-01-01, see
// [DayNumber]) of instant t's date on the calendar of zone loc (UTC when
// loc is nil): one zone lookup, no allocation, defined for every
// time.Time.
func DayNumberIn(t time.Time, loc *time.Location) int64 {
	if loc == nil {
		loc = time.UTC
	}
	_, off := t.In(loc).Zone()
	return localDay(t.Unix(), int64(off))
}

// localDay returns floor((unix+off)/86400) without overflow.
func localDay(unix, off int64) int64 {
	d := floorDiv(unix, secondsPerDay)
	return d + floorDiv(unix-d*secondsPerDay+off, secondsPerDay)
}

// Zone is a time zone prepared for counting calendar days near one
// instant: it caches the zone period (the span with one UTC offset) of
// that instant, so the day numbers of instants in the same period need
// no zone lookup. Most instants a decision looks at (a request, the end
// of a window a few days on) fall in the period of its start. The zero
// Zone is UTC.
type Zone struct {
	loc         *time.Location
	from, until int64 // the cached period [from, until), in Unix seconds
	off         int64 // its UTC offset
}

// NewZone returns zone loc (UTC when nil) prepared for instants near t.
func NewZone(loc *time.Location, t time.Time) Zone {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	_, off := t.Zone()
	z := Zone{loc: loc, off: int64(off), from: math.MinInt64, until: math.MaxInt64}
	start, end := t.ZoneBounds()
	if !start.IsZero() {
		z.from = start.Unix()
	}
	if !end.IsZero() {
		z.until = end.Unix()
	}
	return z
}

// Location returns the zone's location (UTC for the zero Zone).
func (z *Zone) Location() *time.Location {
	if z.loc == nil {
		return time.UTC
	}
	return z.loc
}

// Offset returns t's UTC offset in the zone, in seconds.
func (z *Zone) Offset(t time.Time) int64 {
	if z.loc == nil {
		return 0
	}
	if u := t.Unix(); u >= z.from && u < z.until {
		return z.off
	}
	_, off := t.In(z.loc).Zone()
	return int64(off)
}

// DayNumber returns the day number of t's date in the zone.
func (z *Zone) DayNumber(t time.Time) int64 { return localDay(t.Unix(), z.Offset(t)) }

// StartOfDay returns the first instant of day number day in the zone, as
// the function [StartOfDay] does, with the zone's cached offset as its
// first guess.
func (z *Zone) StartOfDay(day int64) time.Time {
	if z.loc == nil {
		*z = NewZone(time.UTC, time.Time{})
	}
	day = max(min(day, maxAbsDay), -maxAbsDay)
	t, ok := z.midnightAt(day, z.off)
	if !ok {
		t = z.midnightSlow(day)
	}
	// If the instant before t is on the day too, a clock change repeated
	// midnight and t is the second one: the day began in the zone period
	// before, at its midnight or, if the clock jumped past midnight into
	// that period, at the period's start. Each step moves to an earlier
	// period.
	for range 4 {
		before := t.Add(-time.Nanosecond)
		if z.DayNumber(before) < day {
			break
		}
		if t, ok = z.midnightAt(day, z.Offset(before)); !ok {
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
func (z *Zone) midnightAt(day, off int64) (time.Time, bool) {
	t := time.Unix(day*secondsPerDay-off, 0).In(z.loc)
	off2 := z.Offset(t)
	if off2 == off {
		return t, true
	}
	t = time.Unix(day*secondsPerDay-off2, 0).In(z.loc)
	return t, z.Offset(t) == off2
}

// midnightSlow resolves a skipped midnight: the day begins at the clock
// change.
func (z *Zone) midnightSlow(day int64) time.Time {
	y, m, d := civil(day)
	t := time.Date(y, m, d, 0, 0, 0, 0, z.loc)
	switch got := DayNumberIn(t, z.loc); {
	case got < day:
		// time.Date resolved the skipped midnight to the previous day:
		// the day begins where that zone period ends.
		if _, end := t.ZoneBounds(); !end.IsZero() {
			t = end
		}
	case got == day:
		// Resolved forward into the day: it begins at the zone change.
		if start, _ := t.ZoneBounds(); !start.IsZero() && start.Before(t) && DayNumberIn(start, z.loc) == day {
			t = start
		}
	}
	return t
}

// StartOfDay returns the first instant of day number day (see
// [DayNumber]) in zone loc (UTC when nil): the first instant whose local
// date is that day or later. That is local midnight; where a clock change
// skips midnight, the instant the day begins; where a day is skipped
// altogether (Pacific/Apia, 30 December 2011), the start of the next; and
// where a clock change repeats midnight, the first of the two.
func StartOfDay(day int64, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	z := NewZone(loc, time.Unix(max(min(day, maxAbsDay), -maxAbsDay)*secondsPerDay, 0))
	return z.StartOfDay(day)
}

// Window returns the calendar-day window of n days that opens at start
// in zone loc (UTC when nil): [start, the first instant of the date n
// days after start's local date). The day of start counts as day 1, so
// a window of 14 days opened at 2024-03-01 15:00 closes at the start of
// 2024-03-15 in loc. n below 1, or a close outside the years 1–9999, is
// an error wrapping [ErrRange].
func Window(start time.Time, n Days, loc *time.Location) (Period, error) {
	if n < 1 || n > maxDay-minDay {
		return Period{}, fmt.Errorf("%w: a window of %s (want 1 or more)", ErrRange, n)
	}
	if loc == nil {
		loc = time.UTC
	}
	z := NewZone(loc, start)
	end := z.DayNumber(start) + int64(n)
	if end < minDay || end > maxDay+1 {
		return Period{}, fmt.Errorf("%w: a window of %s from %s ends outside the years %d to %d",
			ErrRange, n, start.Format(time.RFC3339), MinYear, MaxYear)
	}
	return Period{Start: start, End: z.StartOfDay(end).In(loc)}, nil
}

// ZoneName names the zone whose calendar instant t counts in, as answers
// record it: the location's name ("UTC", "Europe/Stockholm", "Local",
// "UTC-08:00"), or for a fixed zone without a name (as time.Parse returns
// for "+01:00") its offset, "+01:00" ("+00:53:28" with seconds). It does
// not allocate for named zones.
func ZoneName(t time.Time) string {
	if n := t.Location().String(); n != "" {
		return n
	}
	_, off := t.Zone()
	return formatOffset(off)
}

// formatOffset returns "+01:00", "-05:30", or "+00:53:28" for an offset
// with seconds.
func formatOffset(off int) string {
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b := []byte{sign}
	b = append2(b, off/3600)
	b = append(b, ':')
	b = append2(b, off/60%60)
	if s := off % 60; s != 0 {
		b = append(b, ':')
		b = append2(b, s)
	}
	return string(b)
}

func append2(b []byte, n int) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// FixedZone returns the zone at a fixed offset from UTC, named for the
// offset as "UTC-08:00" ("UTC" for 0): never an abbreviation such as
// "PST", which would name the wrong time in July. The offset must be
// whole seconds within ±24 hours, or it is an error wrapping [ErrRange].
func FixedZone(offset time.Duration) (*time.Location, error) {
	if offset < -24*time.Hour || offset > 24*time.Hour || offset%time.Second != 0 {
		return nil, fmt.Errorf("%w: zone offset %v (want whole seconds within ±24h)", ErrRange, offset)
	}
	if offset == 0 {
		return time.UTC, nil
	}
	sec := int(offset / time.Second)
	return time.FixedZone("UTC"+formatOffset(sec), sec), nil
}

// ZoneOf returns the location a zone name that [ZoneName] or
// [FixedZone] writes stands for, when it needs no time-zone database:
// "UTC", an offset ("+01:00", "-05:30", "+00:53:28", an unnamed fixed
// zone, so ZoneName gives the name back) or "UTC-08:00" (FixedZone's). It
// reports false for other names, such as "Europe/Stockholm", which a
// caller loads with time.LoadLocation.
func ZoneOf(name string) (*time.Location, bool) {
	if name == "UTC" {
		return time.UTC, true
	}
	if rest, ok := strings.CutPrefix(name, "UTC"); ok {
		if off, ok := parseOffset(rest); ok && off != 0 {
			return time.FixedZone(name, off), true
		}
		return nil, false
	}
	if off, ok := parseOffset(name); ok {
		return time.FixedZone("", off), true
	}
	return nil, false
}

// parseOffset parses an offset that formatOffset writes, and reports
// whether it is one.
func parseOffset(s string) (int, bool) {
	if len(s) != 6 && len(s) != 9 || (s[0] != '+' && s[0] != '-') || s[3] != ':' || len(s) == 9 && s[6] != ':' {
		return 0, false
	}
	off := 0
	for i, unit := range [...]int{3600, 60, 1} {
		if 1+3*i >= len(s) {
			break
		}
		d1, d2 := s[1+3*i], s[2+3*i]
		if d1 < '0' || d1 > '9' || d2 < '0' || d2 > '9' {
			return 0, false
		}
		off += (int(d1-'0')*10 + int(d2-'0')) * unit
	}
	if s[0] == '-' {
		off = -off
	}
	if off < -secondsPerDay || off > secondsPerDay || formatOffset(off) != s {
		return 0, false
	}
	return off, true
}

package calendar

import (
	"fmt"
	"time"
)

// Convention names how an answer counted time, so that a reader of the
// answer knows what its days and dates mean (see the package overview,
// "Time conventions"). Answers carry a Convention beside the name of the
// zone they counted in ([ZoneName]).
//
// The zero Convention is "unset": it prints and marshals as "".
type Convention uint8

// The conventions.
const (
	// CalendarDays: days run from midnight to midnight of the zone's
	// calendar; a window of n days closes at the start of the n-th date
	// after the day it opened ([Window]).
	CalendarDays Convention = iota + 1
	// AnchorDays: days run from the period start's clock time on one
	// date to the same clock time on the next date of the zone's calendar
	// (a billing day); a period of whole months is a whole number of
	// them.
	AnchorDays
	// Elapsed: exact elapsed time (seconds, or a time.Duration); no
	// calendar.
	Elapsed
	// CalendarMonths: months from an anchor, the day clamped to the
	// month's end, the clock time kept ([AddMonths], [Cycle]).
	CalendarMonths
	// CivilDates: a date without a time of day ([Date]), such as a payout
	// date; where an instant is needed, the first instant of the date in
	// the named zone.
	CivilDates
)

var conventionNames = [...]string{"", "calendar-days", "anchor-days", "elapsed", "calendar-months", "civil-dates"}

// Valid reports whether c is one of the defined conventions.
func (c Convention) Valid() bool { return c > 0 && int(c) < len(conventionNames) }

// String returns the convention's name ("calendar-days"), "" for the zero
// Convention, or "calendar.Convention(9)" for an invalid one.
func (c Convention) String() string {
	if int(c) < len(conventionNames) {
		return conventionNames[c]
	}
	return fmt.Sprintf("calendar.Convention(%d)", uint8(c))
}

// ParseConvention parses a convention's name; "" is the zero Convention.
// An unknown name is an error wrapping [ErrSyntax].
func ParseConvention(s string) (Convention, error) {
	for i, n := range conventionNames {
		if n == s {
			return Convention(i), nil
		}
	}
	return 0, fmt.Errorf("%w: unknown convention %q", ErrSyntax, clip(s))
}

// MarshalText implements [encoding.TextMarshaler]; an invalid value is an
// error wrapping [ErrRange].
func (c Convention) MarshalText() ([]byte, error) {
	if int(c) >= len(conventionNames) {
		return nil, fmt.Errorf("%w: %s", ErrRange, c)
	}
	return []byte(conventionNames[c]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with
// [ParseConvention].
func (c *Convention) UnmarshalText(b []byte) error {
	v, err := ParseConvention(string(b))
	if err == nil {
		*c = v
	}
	return err
}

// DayCount is how a period divides into days at an instant: the result of
// [CountDays].
type DayCount struct {
	// Used is the number of whole days of the period before the day that
	// contains the instant; Total the number of days of the period (at
	// least 1). Total − Used days remain, the day of the instant included.
	Used  Days `json:"used"`
	Total Days `json:"total"`
	// From is the first instant of the day that contains the instant.
	From time.Time `json:"from"`
	// Convention and Zone name how the days were counted.
	Convention Convention `json:"convention"`
	Zone       string     `json:"zone"`
}

// CountDays divides period p into days of zone loc (UTC when nil) by
// convention c, CalendarDays or AnchorDays, and returns how many had
// passed at t. With AnchorDays, day j of the period begins at the
// start's clock time on the start's date + j (every 24 hours in UTC); with
// CalendarDays, days begin at local midnight, and the first day of a
// period that starts after midnight begins at the period's start.
//
// t must lie in p (an error wrapping [ErrRange] otherwise, as for an
// empty or inverted period or another convention). The instants are
// ordered by their wall clock, by which the days are counted; a
// monotonic clock reading (of time.Now) plays no part.
func CountDays(p Period, t time.Time, c Convention, loc *time.Location) (DayCount, error) {
	if loc == nil {
		loc = time.UTC
	}
	ss, sn := p.Start.Unix(), int64(p.Start.Nanosecond())
	es, en := p.End.Unix(), int64(p.End.Nanosecond())
	ts, tn := t.Unix(), int64(t.Nanosecond())
	if !wallBefore(ss, sn, es, en) || wallBefore(ts, tn, ss, sn) || !wallBefore(ts, tn, es, en) {
		return DayCount{}, notInPeriodError(p, t)
	}
	if c == AnchorDays && loc == time.UTC {
		// Every day has 86,400 seconds: integer arithmetic on the Unix
		// seconds, which do not depend on the instants' locations.
		total := (es - ss) / secondsPerDay
		el := ts - ss
		if tn < sn {
			el--
		}
		used := min(el/secondsPerDay, max(total, 1)-1)
		return DayCount{Used: Days(used), Total: Days(max(total, 1)), From: time.Unix(ss+used*secondsPerDay, sn).UTC(),
			Convention: AnchorDays, Zone: "UTC"}, nil
	}
	s, e, t := p.Start.In(loc), p.End.In(loc), t.In(loc)
	r := DayCount{Convention: c, Zone: ZoneName(s)}
	switch c {
	case AnchorDays:
		z := NewZone(loc, s)
		s0 := z.DayNumber(s)
		total := max(z.DayNumber(e)-s0, 1)
		j := min(z.DayNumber(t)-s0, total-1)
		sy, sm, sd := s.Date()
		hh, mm, ss := s.Clock()
		from := time.Date(sy, sm, sd+int(j), hh, mm, ss, s.Nanosecond(), loc)
		for i := 0; i < 2 && j > 0 && from.After(t); i++ {
			j--
			from = time.Date(sy, sm, sd+int(j), hh, mm, ss, s.Nanosecond(), loc)
		}
		r.Used, r.Total, r.From = Days(j), Days(total), from
		return r, nil
	case CalendarDays:
		z := NewZone(loc, s)
		s0, e0, t0 := z.DayNumber(s), z.DayNumber(e), z.DayNumber(t)
		total := e0 - s0
		if z.StartOfDay(e0).Before(e) {
			total++ // the end falls after midnight: its date is a day too
		}
		r.Used, r.Total = Days(t0-s0), Days(max(total, 1))
		r.From = z.StartOfDay(t0)
		if r.From.Before(s) {
			r.From = s
		}
		return r, nil
	}
	return DayCount{}, fmt.Errorf("%w: days are counted by %q or %q, not %q", ErrRange, CalendarDays, AnchorDays, c)
}

//go:noinline
func notInPeriodError(p Period, t time.Time) error {
	return fmt.Errorf("%w: %s is not in the period %s", ErrRange, t.Format(time.RFC3339Nano), p)
}

// wallBefore reports whether the instant of Unix seconds as and
// nanoseconds an is before that of bs and bn.
func wallBefore(as, an, bs, bn int64) bool { return as < bs || as == bs && an < bn }

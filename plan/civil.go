package plan

import "time"

// DayNumber returns the number of days from 1970-01-01 to the date y-m-d of
// the proleptic Gregorian calendar (negative before 1970): Howard Hinnant's
// days_from_civil. Months and days outside their ranges are normalized as
// time.Date does (Jan 32 is Feb 1). It is the arithmetic behind the
// calendar-day counting of packages pricing and refund.
func DayNumber(y int, m time.Month, d int) int64 {
	if m < time.January || m > time.December {
		total := int64(y)*12 + int64(m) - 1
		yy := floorDiv64(total, 12)
		y, m = int(yy), time.Month(total-yy*12+1)
	}
	return dayNumber(y, m, d)
}

// dayNumber is DayNumber for m in 1…12, with an unsigned fast path for the
// years from 1 on.
func dayNumber(y int, m time.Month, d int) int64 {
	if y < 1 {
		yy, mm := int64(y), int64(m)
		if mm <= 2 {
			yy--
		}
		era := floorDiv64(yy, 400)
		yoe := yy - era*400
		doy := (153*((mm+9)%12)+2)/5 + int64(d) - 1
		return era*146097 + yoe*365 + yoe/4 - yoe/100 + doy - 719468
	}
	yy, mp := uint64(y), uint64(m)-3
	if m <= 2 {
		yy--
		mp = uint64(m) + 9
	}
	era := yy / 400
	yoe := yy - era*400
	doe := yoe*365 + yoe/4 - yoe/100 + (153*mp+2)/5 + uint64(d) - 1
	return int64(era*146097+doe) - 719468
}

// CivilDate is the inverse of [DayNumber]: the date of day number z
// (Howard Hinnant's civil_from_days).
func CivilDate(z int64) (y int, m time.Month, d int) {
	z += 719468
	if z < 0 {
		return civilSigned(z)
	}
	u := uint64(z)
	era := u / 146097
	doe := u - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	y = int(yoe + era*400)
	if mp < 10 {
		return y, time.Month(mp + 3), d
	}
	return y + 1, time.Month(mp - 9), d
}

// civilSigned is CivilDate for days before 0000-03-01 (z already shifted).
func civilSigned(z int64) (y int, m time.Month, d int) {
	era := floorDiv64(z, 146097)
	doe := z - era*146097 // 0…146096
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	y = int(yoe + era*400)
	if mp < 10 {
		return y, time.Month(mp + 3), d
	}
	return y + 1, time.Month(mp - 9), d
}

// DaysIn returns the number of days of month m in year y: 28 to 31.
func DaysIn(y int, m time.Month) int {
	total := int64(y)*12 + int64(m) - 1
	yy := floorDiv64(total, 12)
	return daysIn(int(yy), time.Month(total-yy*12+1))
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// calendar computes AddMonths(anchor, n) for one anchor and many n. In UTC,
// where every day has 86,400 seconds, it works from the anchor's date and
// time of day with integer arithmetic, several times faster than the time
// package's calendar; in any other location it defers to the time package
// through addMonthsZoned, which resolves daylight-saving gaps.
type calendar struct {
	anchor time.Time
	utc    bool
	y      int        // the anchor's year
	m      time.Month // month
	d      int        // day
	sod    int64      // seconds since midnight
	ns     int64      // nanoseconds
}

func newCalendar(anchor time.Time) calendar {
	c := calendar{anchor: anchor, utc: anchor.Location() == time.UTC}
	if c.utc {
		sec := anchor.Unix()
		day := floorDiv64(sec, 86400)
		c.sod = sec - day*86400
		c.ns = int64(anchor.Nanosecond())
		c.y, c.m, c.d = CivilDate(day)
	}
	return c
}

// add returns AddMonths(c.anchor, n).
func (c *calendar) add(n int) time.Time {
	if n == 0 {
		return c.anchor
	}
	if !c.utc {
		return addMonthsZoned(c.anchor, n)
	}
	total := int(c.m) - 1 + n
	y := c.y + floorDiv(total, 12)
	m := time.Month(total - floorDiv(total, 12)*12 + 1)
	d := min(c.d, daysIn(y, m))
	return time.Unix(dayNumber(y, m, d)*86400+c.sod, c.ns).UTC()
}

// month returns the year and month of t as the calendar's location sees it.
func (c *calendar) month(t time.Time) (int, time.Month) {
	if c.utc {
		y, m, _ := CivilDate(floorDiv64(t.Unix(), 86400))
		return y, m
	}
	y, m, _ := t.In(c.anchor.Location()).Date()
	return y, m
}

// periodAt returns the index and bounds of the period of months-month
// periods from the anchor that contains t (t ≥ anchor, months ≥ 1), with
// two month computations in the common case.
func (c *calendar) periodAt(months int, t time.Time) (int, Period) {
	ay, am := c.y, c.m
	if !c.utc {
		ay, am = c.month(c.anchor)
	}
	ty, tm := c.month(t)
	n := max(((ty-ay)*12+int(tm-am))/months, 0)
	start := c.add(n * months)
	for n > 0 && start.After(t) {
		n--
		start = c.add(n * months)
	}
	end := c.add((n + 1) * months)
	for !end.After(t) {
		n++
		start = end
		end = c.add((n + 1) * months)
	}
	return n, Period{Start: start, End: end}
}

// Calendar is month arithmetic prepared once for an anchor, for callers
// that compute many periods from one anchor on a hot path: the same
// results as [AddMonths] and [Cycle.At], without redoing the anchor's
// calendar fields each time (in UTC, the common case, it then uses only
// integer arithmetic). The zero Calendar is anchored at the zero time.
type Calendar struct{ c calendar }

// NewCalendar returns the calendar of anchor.
func NewCalendar(anchor time.Time) Calendar { return Calendar{newCalendar(anchor)} }

// Anchor returns the calendar's anchor.
func (c *Calendar) Anchor() time.Time { return c.c.anchor }

// AddMonths returns AddMonths(anchor, n).
func (c *Calendar) AddMonths(n int) time.Time { return c.c.add(n) }

// PeriodAt returns the index and bounds of the period of a cycle of
// months-month periods from the anchor that contains t, as [Cycle.At]
// does. For t before the anchor it returns period 0, and months below 1
// count as 1: callers check their input, as Cycle.At does with an error.
func (c *Calendar) PeriodAt(months int, t time.Time) (int, Period) {
	if t.Before(c.c.anchor) {
		t = c.c.anchor
	}
	return c.c.periodAt(max(months, 1), t)
}

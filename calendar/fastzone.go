package calendar

import "time"

// AddMonths returns [AddMonths](t.In(z.Location()), n): t plus n
// calendar months on the zone's calendar, the same instant and the same
// error, with fewer zone lookups. When t and the result both fall in the
// zone period the Zone caches, it looks nothing up; otherwise it looks up
// the result's zone period once or twice, where the function looks the
// zone up five times or more. It allocates nothing.
func (z *Zone) AddMonths(t time.Time, n Months) (time.Time, error) {
	if r, ok := z.fastAddMonths(t, n); ok {
		return r, nil
	}
	return AddMonths(t.In(z.Location()), n)
}

// fastLimit bounds the Unix seconds the fast paths handle: far beyond
// the years 1–9999, far inside the range where t.Unix()+offset cannot
// overflow.
const fastLimit = 1 << 40

// fastAddMonths is Zone.AddMonths for t and a result in the cached
// period, or reports false.
func (z *Zone) fastAddMonths(t time.Time, n Months) (time.Time, bool) {
	if z.loc == nil || n == 0 || n < -maxMonths || n > maxMonths {
		return time.Time{}, false
	}
	u := t.Unix()
	if u < z.from || u >= z.until || u < -fastLimit || u > fastLimit {
		return time.Time{}, false
	}
	local := u + z.off
	day := floorDiv(local, secondsPerDay)
	sod := local - day*secondsPerDay
	y, m, d := civil(day)
	total := int64(y)*12 + int64(m) - 1 + int64(n)
	y2 := floorDiv(total, 12)
	if y2 < MinYear || y2 > MaxYear {
		return time.Time{}, false // the function reports the error
	}
	m2 := time.Month(total-y2*12) + 1
	d2 := min(d, daysIn(int(y2), m2))
	wall := dayNumber(int(y2), m2, d2)*secondsPerDay + sod
	if r, ok := z.fastInstant(wall); ok {
		return time.Unix(r, int64(t.Nanosecond())).In(z.loc), true
	}
	return time.Time{}, false
}

// fastSafeMargin is how far from a clock change an instant must be for
// its clock time to occur exactly once: offsets are within ±24 hours,
// so two readings of one clock time are less than two days apart.
const fastSafeMargin = 2 * secondsPerDay

// fastInstant returns the Unix second at which the zone's clock reads
// wall (seconds from 1970-01-01 00:00 on the local calendar), as
// time.Date resolves it, when that is cheap to be sure of, or reports
// false (a gap, a repeated clock time, or too close to a clock change to
// tell without time.Date).
func (z *Zone) fastInstant(wall int64) (int64, bool) {
	// time.Date takes the offset in force at the clock time read as UTC
	// and keeps it if the instant it gives is in the same zone period:
	// with both in the cached period, that is the cached offset, and the
	// clock time exists (no gap moves it).
	if wall >= z.from && wall < z.until {
		if r := wall - z.off; r >= z.from && r < z.until {
			return r, true
		}
	}
	// Elsewhere: an instant whose offset gives it the clock time wall,
	// at least two days from either end of its zone period, is the only
	// instant with that clock time, so time.Date gives it.
	off := z.off
	for range 2 {
		r := wall - off
		at := time.Unix(r, 0).In(z.loc)
		_, o := at.Zone()
		if int64(o) != off {
			off = int64(o)
			continue
		}
		start, end := at.ZoneBounds()
		if (!start.IsZero() && r-start.Unix() < fastSafeMargin) || (!end.IsZero() && end.Unix()-r < fastSafeMargin) {
			return 0, false
		}
		return r, true
	}
	return 0, false
}

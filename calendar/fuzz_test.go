package calendar

import (
	"math"
	"testing"
	"time"
)

// ParseDate and ParseYearMonth accept exactly what they print, and agree
// with the time package's calendar.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "0001-01-01", "9999-12-31", "2023-02-29", "", "2024-13-01", "1970-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
		if tt, err := time.Parse(time.DateOnly, s); err != nil || tt.Day() != d.Day() {
			t.Fatalf("time.Parse(%q) = %v, %v", s, tt, err)
		}
		if m, err := ParseYearMonth(s[:7]); err != nil || m.Year() != d.Year() || m.Month() != d.Month() {
			t.Fatalf("ParseYearMonth(%q) = %v, %v", s[:7], m, err)
		}
	})
}

// AddMonths agrees with the time package's calendar (clamped by hand) for
// any instant and count, or reports ErrRange; a cycle's period at an
// instant contains it.
func FuzzAddMonths(f *testing.F) {
	f.Add(int64(0), int64(0), 1, 1)
	f.Add(int64(1706659200), int64(5), 1, 13)
	f.Add(int64(-62135596800), int64(0), -1, 1)
	f.Fuzz(func(t *testing.T, sec, nsec int64, n, months int) {
		a := time.Unix(sec, nsec).UTC()
		got, err := AddMonths(a, Months(n))
		if err != nil {
			return
		}
		y, m, d := a.Date()
		total := int(m) - 1 + n
		y2, m2 := y+floorInt(total, 12), time.Month(total-floorInt(total, 12)*12+1)
		want := time.Date(y2, m2, min(d, daysIn(y2, m2)), a.Hour(), a.Minute(), a.Second(), a.Nanosecond(), time.UTC)
		if !got.Equal(want) {
			t.Fatalf("AddMonths(%v, %d) = %v, want %v", a, n, got, want)
		}
		at := a.Add(time.Duration(nsec))
		if k, p, err := (Cycle{Anchor: a, Months: Months(months)}).At(at); err == nil && (!p.Contains(at) || k < 0) {
			t.Fatalf("At(%v) = %d %v", at, k, p)
		}
	})
}

func floorInt(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// FuzzCalendarPaths holds the prepared paths (integer arithmetic in UTC
// and fixed zones, prepared fields in zones with daylight saving) to the
// time package's calendar on any instant, offset and count: the same
// results and errors, and the same period of a cycle.
func FuzzCalendarPaths(f *testing.F) {
	f.Add(int64(1706659200), int64(5), 1, int32(0), uint8(0), 12)
	f.Add(int64(-62135596800), int64(0), -1, int32(3600), uint8(1), 1)
	f.Add(int64(253402300799), int64(999999999), 1, int32(-86400), uint8(1), 3)
	f.Add(int64(1711846800), int64(0), 7, int32(0), uint8(2), 1)
	f.Add(int64(math.MaxInt64/2), int64(0), math.MinInt, int32(1), uint8(1), 1)
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sec, nsec int64, n int, off int32, zone uint8, months int) {
		loc := time.UTC
		switch zone % 3 {
		case 1:
			loc = time.FixedZone("", int(off%(86400+1)))
		case 2:
			loc = sto
		}
		a := time.Unix(sec, nsec).In(loc)
		c := NewCalendar(a)
		got, err := c.AddMonths(Months(n))
		want, werr := addMonthsZoned(a, Months(n))
		if n == 0 {
			want, werr = a, nil
		}
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() ||
			err == nil && (!got.Equal(want) || got.Location() != want.Location()) {
			t.Fatalf("AddMonths(%v, %d) = %v %v, want %v %v", a, n, got, err, want, werr)
		}
		at := a.Add(time.Duration(nsec))
		k, p, err := c.PeriodAt(Months(months), at)
		g := genericAnchor(a)
		wk, wp, werr := g.periodAt(Months(months), at)
		if (err == nil) != (werr == nil) || k != wk || !p.Start.Equal(wp.Start) || !p.End.Equal(wp.End) {
			t.Fatalf("PeriodAt(%d, %v) from %v = %d %v %v, want %d %v %v", months, at, a, k, p, err, wk, wp, werr)
		}
	})
}

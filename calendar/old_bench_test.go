package calendar

// The reference for the calendar's speed: package plan's billing calendar
// before package calendar existed (unchecked arithmetic), copied here so
// that old and new run in one binary. BenchmarkOld* and the benchmark of
// the same name without "Old" compare the two.

import (
	"testing"
	"time"
)

type oldCalendar struct {
	anchor time.Time
	utc    bool
	y      int
	m      time.Month
	d      int
	sod    int64
	ns     int64
}

func oldNewCalendar(anchor time.Time) oldCalendar {
	c := oldCalendar{anchor: anchor, utc: anchor.Location() == time.UTC}
	if c.utc {
		sec := anchor.Unix()
		day := floorDiv(sec, 86400)
		c.sod = sec - day*86400
		c.ns = int64(anchor.Nanosecond())
		c.y, c.m, c.d = civil(day)
	}
	return c
}

func oldFloorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func (c *oldCalendar) add(n int) time.Time {
	if n == 0 {
		return c.anchor
	}
	if !c.utc {
		return oldAddMonthsZoned(c.anchor, n)
	}
	total := int(c.m) - 1 + n
	y := c.y + oldFloorDiv(total, 12)
	m := time.Month(total - oldFloorDiv(total, 12)*12 + 1)
	d := min(c.d, daysIn(y, m))
	return time.Unix(dayNumber(y, m, d)*86400+c.sod, c.ns).UTC()
}

func oldAddMonthsZoned(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	total := int(m) - 1 + n
	y += oldFloorDiv(total, 12)
	m = time.Month(total - oldFloorDiv(total, 12)*12 + 1)
	if last := daysIn(y, m); d > last {
		d = last
	}
	r := time.Date(y, m, d, hh, mm, ss, t.Nanosecond(), t.Location())
	if rh, rm, rs := r.Clock(); rh != hh || rm != mm || rs != ss {
		ry, rmo, rd := r.Date()
		want := time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
		got := time.Date(ry, rmo, rd, rh, rm, rs, 0, time.UTC)
		if got.Before(want) {
			r = r.Add(want.Sub(got))
		}
	}
	return r
}

func (c *oldCalendar) month(t time.Time) (int, time.Month) {
	if c.utc {
		y, m, _ := civil(floorDiv(t.Unix(), 86400))
		return y, m
	}
	y, m, _ := t.In(c.anchor.Location()).Date()
	return y, m
}

func (c *oldCalendar) periodAt(months int, t time.Time) (int, Period) {
	if t.Before(c.anchor) {
		t = c.anchor
	}
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

var (
	benchSinkTime time.Time
	benchSinkInt  int
	benchFixed    = time.FixedZone("UTC+01:00", 3600)
)

// TestOldCalendarAgrees keeps the reference honest: in range it gives the
// results of the new calendar.
func TestOldCalendarAgrees(t *testing.T) {
	for _, a := range []time.Time{benchAnchor, benchAnchor.In(benchFixed)} {
		old, cal := oldNewCalendar(a), NewCalendar(a)
		for n := -30; n < 30; n++ {
			got, err := cal.AddMonths(Months(n))
			if want := old.add(n); err != nil || !got.Equal(want) || got.Location() != want.Location() {
				t.Fatalf("%v + %d: %v %v, want %v", a, n, got, err, want)
			}
		}
		k, p, err := cal.PeriodAt(1, benchAt)
		if k2, p2 := old.periodAt(1, benchAt); err != nil || k != k2 || p != p2 {
			t.Fatalf("PeriodAt: %d %v %v, want %d %v", k, p, err, k2, p2)
		}
	}
}

func benchAdd(b *testing.B, a time.Time) {
	cal := NewCalendar(a)
	n := Months(0)
	for b.Loop() {
		n = n%48 + 1
		benchSinkTime, _ = cal.AddMonths(n)
	}
}

func benchOldAdd(b *testing.B, a time.Time) {
	cal := oldNewCalendar(a)
	n := 0
	for b.Loop() {
		n = n%48 + 1
		benchSinkTime = cal.add(n)
	}
}

func BenchmarkCalendarAddMonths(b *testing.B)         { benchAdd(b, benchAnchor) }
func BenchmarkOldCalendarAddMonths(b *testing.B)      { benchOldAdd(b, benchAnchor) }
func BenchmarkCalendarAddMonthsFixed(b *testing.B)    { benchAdd(b, benchAnchor.In(benchFixed)) }
func BenchmarkOldCalendarAddMonthsFixed(b *testing.B) { benchOldAdd(b, benchAnchor.In(benchFixed)) }

func BenchmarkCalendarPeriodAtUTC(b *testing.B) {
	cal := NewCalendar(benchAnchor)
	for b.Loop() {
		benchSinkInt, _, _ = cal.PeriodAt(1, benchAt)
	}
}

func BenchmarkOldCalendarPeriodAtUTC(b *testing.B) {
	cal := oldNewCalendar(benchAnchor)
	for b.Loop() {
		benchSinkInt, _ = cal.periodAt(1, benchAt)
	}
}

func BenchmarkCalendarPeriodAtFixed(b *testing.B) {
	cal := NewCalendar(benchAnchor.In(benchFixed))
	for b.Loop() {
		benchSinkInt, _, _ = cal.PeriodAt(1, benchAt)
	}
}

func BenchmarkOldCalendarPeriodAtFixed(b *testing.B) {
	cal := oldNewCalendar(benchAnchor.In(benchFixed))
	for b.Loop() {
		benchSinkInt, _ = cal.periodAt(1, benchAt)
	}
}

// A calendar prepared for one use, as a renewal decision does.
func BenchmarkNewCalendarPeriodAtUTC(b *testing.B) {
	for b.Loop() {
		cal := NewCalendar(benchAnchor)
		benchSinkInt, _, _ = cal.PeriodAt(1, benchAt)
	}
}

func BenchmarkOldNewCalendarPeriodAtUTC(b *testing.B) {
	for b.Loop() {
		cal := oldNewCalendar(benchAnchor)
		benchSinkInt, _ = cal.periodAt(1, benchAt)
	}
}

func BenchmarkNewCalendarUTC(b *testing.B) {
	for b.Loop() {
		cal := NewCalendar(benchAnchor)
		benchSinkInt = cal.c.d
	}
}

func BenchmarkOldNewCalendarUTC(b *testing.B) {
	for b.Loop() {
		cal := oldNewCalendar(benchAnchor)
		benchSinkInt = cal.d
	}
}

func BenchmarkOldAddMonthsZoned(b *testing.B) {
	sto, _ := time.LoadLocation("Europe/Stockholm")
	a := benchAnchor.In(sto)
	for b.Loop() {
		benchSinkTime = oldAddMonthsZoned(a, 25)
	}
}

func BenchmarkOldAddMonthsFixed(b *testing.B) {
	a := benchAnchor.In(benchFixed)
	for b.Loop() {
		benchSinkTime = oldAddMonthsZoned(a, 25)
	}
}

func BenchmarkAddMonthsFixed(b *testing.B) {
	a := benchAnchor.In(benchFixed)
	for b.Loop() {
		benchSinkTime, _ = AddMonths(a, 25)
	}
}

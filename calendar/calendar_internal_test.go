package calendar

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"
	_ "time/tzdata"
)

// DayNumber and CivilDate agree with the time package across ±10,000
// years, and invert each other.
func TestDayNumberCivilDate(t *testing.T) {
	for z := dayNumber(-10000, time.January, 1); z <= dayNumber(10000, time.December, 31); z += 13 {
		y, m, d, err := CivilDate(z)
		if got, err2 := DayNumber(y, m, d); got != z || err != nil || err2 != nil {
			t.Fatalf("DayNumber(CivilDate(%d)) = %d", z, got)
		}
		if want := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400; y >= 1970 && want != z {
			t.Fatalf("DayNumber(%d-%02d-%02d) = %d, time says %d", y, m, d, z, want)
		}
	}
	if n, err := DayNumber(1970, time.January, 1); n != 0 || err != nil {
		t.Error("epoch", n, err)
	}
	// Nothing is normalized: an out-of-range month or day is an error.
	for _, c := range []struct {
		y int
		m time.Month
		d int
	}{{2024, time.January, 32}, {2024, 13, 1}, {2024, 0, 1}, {2023, time.February, 29}, {2024, 1, 0}, {1 << 41, 1, 1}, {-1 << 41, 1, 1}} {
		if _, err := DayNumber(c.y, c.m, c.d); !errors.Is(err, ErrRange) {
			t.Errorf("DayNumber(%d, %d, %d): %v, want ErrRange", c.y, c.m, c.d, err)
		}
	}
	for _, n := range []int64{math.MaxInt64, math.MinInt64, maxAbsDay + 1, -maxAbsDay - 1} {
		if _, _, _, err := CivilDate(n); !errors.Is(err, ErrRange) {
			t.Errorf("CivilDate(%d): %v", n, err)
		}
	}
	for _, n := range []int64{dayNumber(maxAbsYear, 12, 31), dayNumber(-maxAbsYear, 1, 1)} {
		y, m, d, err := CivilDate(n)
		if back, err2 := DayNumber(y, m, d); err != nil || err2 != nil || back != n {
			t.Errorf("CivilDate(%d) = %d-%d-%d %v, back %d %v", n, y, m, d, err, back, err2)
		}
	}
}

// The UTC fast path of AddMonths agrees with the time package's calendar
// for random instants and offsets, and so does every period of a cycle.
func TestAddMonthsFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	for i := 0; i < 100000; i++ {
		a := time.Unix(rng.Int64N(400*365*86400)-200*365*86400, rng.Int64N(1e9)).UTC()
		if rng.IntN(4) == 0 { // month ends
			y, m, _ := a.Date()
			a = time.Date(y, m+1, 0, a.Hour(), a.Minute(), a.Second(), a.Nanosecond(), time.UTC)
		}
		n := Months(rng.IntN(200) - 100)
		got, err1 := AddMonths(a, n)
		want, err2 := addMonthsZoned(a, n)
		if err1 != nil || err2 != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Fatalf("AddMonths(%v, %d) = %v, want %v", a, n, got, want)
		}
		c := Cycle{Anchor: a, Months: Months(1 + rng.IntN(36))}
		at := a.Add(time.Duration(rng.Int64N(40 * 365 * 86400 * 1e9)))
		k, p, err := c.At(at)
		if pk, errk := c.Period(k); err != nil || errk != nil || !p.Contains(at) || p != pk {
			t.Fatalf("Cycle%+v.At(%v) = %d, %v, %v", c, at, k, p, err)
		}
		if i%10 == 0 {
			local := a.In(stockholm)
			c.Anchor = local
			k, p, err := c.At(at.In(stockholm))
			want, _ := addMonthsZoned(local, Months(k)*c.Months)
			if err != nil || !p.Contains(at) || !p.Start.Equal(want) {
				t.Fatalf("Stockholm Cycle%+v.At(%v) = %d, %v, %v", c, at, k, p, err)
			}
		}
	}
}

// A prepared Calendar gives exactly what AddMonths and Cycle.At give,
// over the years 1 to 9999, in UTC and in a zone with daylight saving.
func TestCalendarMatches(t *testing.T) {
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	lo := time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(9800, time.January, 1, 0, 0, 0, 0, time.UTC).Unix()
	nyc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	fixed := []*time.Location{time.FixedZone("UTC+05:30", 19800), time.FixedZone("", -8*3600),
		time.FixedZone("UTC", 0), time.Local, nyc}
	for i := range 100_000 {
		loc := time.UTC
		switch i % 8 {
		case 7:
			loc = sto
		case 6:
			loc = fixed[r.IntN(len(fixed))]
		}
		anchor := time.Unix(lo+r.Int64N(hi-lo), r.Int64N(1e9)).In(loc)
		if i%4 == 0 { // month ends and leap days
			y, m, _ := anchor.Date()
			anchor = time.Date(y, m, 28+r.IntN(4), r.IntN(24), r.IntN(60), 0, 0, loc)
		}
		c := NewCalendar(anchor)
		n := Months(r.IntN(2400) - 1200)
		got, err1 := c.AddMonths(n)
		want, err2 := addMonthsZoned(anchor, n)
		if (err1 == nil) != (err2 == nil) || !got.Equal(want) || err1 == nil && got.Location() != want.Location() ||
			err1 != nil && err1.Error() != err2.Error() {
			t.Fatalf("AddMonths(%v, %d): calendar %v %v, time %v %v", anchor, n, got, err1, want, err2)
		}
		months := []Months{1, 3, 12, 24, 36}[r.IntN(5)]
		at := anchor.Add(time.Duration(r.Int64N(int64(40 * 366 * 24 * time.Hour))))
		if i%10 == 0 {
			if b, err := addMonthsZoned(anchor, months*Months(r.IntN(400))); err == nil {
				at = b // on a boundary
			}
		}
		k, p, err := c.PeriodAt(months, at)
		if err != nil {
			t.Fatal(err)
		}
		wk, wp, err := Cycle{Anchor: anchor, Months: months}.At(at)
		start, _ := addMonthsZoned(anchor, Months(k)*months)
		if err != nil || k != wk || !p.Start.Equal(wp.Start) || !p.End.Equal(wp.End) || !p.Contains(at) {
			t.Fatalf("anchor %v, %d months, at %v: got %d %v, Cycle says %d %v (%v)", anchor, months, at, k, p, wk, wp, err)
		}
		// The generic path (through the time package) agrees.
		g := genericAnchor(anchor)
		gk, gp, gerr := g.periodAt(months, at)
		if gerr != nil || gk != k || gp != p || p.Start.Location() != anchor.Location() && k > 0 {
			t.Fatalf("anchor %v, %d months, at %v: got %d %v, the time package %d %v (%v)", anchor, months, at, k, p, gk, gp, gerr)
		}
		if !p.Start.Equal(start) && k > 0 {
			t.Fatalf("period %d of %v starts at %v", k, anchor, p.Start)
		}
	}
	c := NewCalendar(time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC))
	if _, _, err := c.PeriodAt(1, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, ErrBeforeAnchor) {
		t.Errorf("before the anchor: %v", err)
	}
	for _, m := range []Months{0, -1, math.MinInt, math.MaxInt, maxMonths + 1} {
		if _, _, err := c.PeriodAt(m, c.Anchor()); !errors.Is(err, ErrRange) {
			t.Errorf("PeriodAt(%d): %v", m, err)
		}
	}
}

// genericAnchor is the anchor of a through the time package only.
func genericAnchor(a time.Time) anchor {
	g := anchor{t: a}
	g.y, g.m, g.d = a.Date()
	return g
}

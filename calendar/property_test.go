package calendar

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"
	_ "time/tzdata"
)

var testZones = []string{
	"UTC", "Europe/Stockholm", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kathmandu",
	"America/Santiago", "America/Havana", "Pacific/Apia", "Pacific/Kiritimati", "America/St_Johns",
}

func locations(t testing.TB) []*time.Location {
	out := []*time.Location{nil}
	for _, n := range testZones {
		loc, err := time.LoadLocation(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, loc)
	}
	return append(out, time.FixedZone("", 3600), time.FixedZone("X", -13*3600))
}

// extremeInstants are instants at the edges: the zero time, years 1 and
// 9999, the limits of time.Time, instants 1 ns apart.
func extremeInstants() []time.Time {
	y1 := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	y9999 := time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)
	return []time.Time{
		{}, y1, y1.Add(-time.Nanosecond), y1.Add(time.Nanosecond), y9999, y9999.Add(time.Nanosecond),
		time.Unix(math.MaxInt64, 999999999), time.Unix(math.MinInt64, 0), time.Unix(0, 0), time.Unix(-1, 999999999),
		time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC),
	}
}

var extremeMonths = []Months{0, 1, -1, 12, maxMonths, maxMonths + 1, -maxMonths, -maxMonths - 1, math.MaxInt, math.MinInt, math.MaxInt32}

// No exported function panics on extreme inputs, and whatever they return
// without an error is a date of the years 1–9999.
func TestPropertyNoPanicAtTheEdges(t *testing.T) {
	for _, loc := range locations(t) {
		for _, at := range extremeInstants() {
			if loc != nil {
				at = at.In(loc)
			}
			_ = DayNumberIn(at, loc)
			if d, err := DateIn(at, loc); err == nil && (d.Year() < MinYear || d.Year() > MaxYear) {
				t.Errorf("DateIn(%v) = %v", at, d)
			}
			_, _ = YearMonthIn(at, loc)
			_ = ZoneName(at)
			for _, n := range extremeMonths {
				r, err := AddMonths(at, n)
				if err == nil && n != 0 && (r.Year() < MinYear || r.Year() > MaxYear) {
					t.Errorf("AddMonths(%v, %d) = %v", at, n, r)
				}
				if err != nil && !errors.Is(err, ErrRange) {
					t.Errorf("AddMonths(%v, %d): %v", at, n, err)
				}
				c := Cycle{Anchor: at, Months: n}
				for _, k := range []int{0, 1, -1, math.MaxInt, math.MinInt} {
					if p, err := c.Period(k); err == nil && !p.Start.Before(p.End) {
						t.Errorf("Cycle%+v.Period(%d) = %v", c, k, p)
					}
				}
				for _, u := range extremeInstants() {
					if k, p, err := c.At(u); err == nil && (!p.Contains(u) || k < 0) {
						t.Errorf("Cycle%+v.At(%v) = %d %v", c, u, k, p)
					}
				}
				cal := NewCalendar(at)
				_, _ = cal.AddMonths(n)
				_, _, _ = cal.PeriodAt(n, at.Add(time.Nanosecond))
				_, _ = cal.Period(n, 1)
			}
			for _, n := range []Days{0, 1, -1, 14, math.MaxInt, math.MinInt} {
				if w, err := Window(at, n, loc); err == nil && !w.Start.Before(w.End) {
					t.Errorf("Window(%v, %d) = %v", at, n, w)
				}
			}
			for _, z := range []int64{math.MaxInt64, math.MinInt64, 0, maxAbsDay, -maxAbsDay} {
				_ = StartOfDay(z, loc)
				_, _, _, _ = CivilDate(z)
				_, _ = DateOfDay(z)
			}
		}
	}
	var cal Calendar
	if _, err := cal.AddMonths(1); err != nil {
		t.Error(err)
	}
	var z Zone
	if z.Location() != time.UTC || z.Offset(time.Now()) != 0 || z.StartOfDay(0) != time.Unix(0, 0).UTC() {
		t.Error("zero Zone")
	}
	for _, d := range []Date{{}, MustDate(1, 1, 1), MustDate(9999, 12, 31)} {
		for _, n := range []Days{0, 1, -1, math.MaxInt, math.MinInt} {
			_, _ = d.AddDays(n)
		}
		for _, n := range extremeMonths {
			_, _ = d.AddMonths(n)
		}
		_, _ = d.Sub(Date{})
		_, _ = d.In(nil)
		_ = d.Weekday()
	}
	for _, m := range []YearMonth{0, -1, 1, math.MaxInt32, math.MinInt32, ymOf(9999, 12)} {
		for _, n := range extremeMonths {
			_, _ = m.AddMonths(n)
		}
		_, _ = m.Sub(1)
		_, _ = m.Date(1)
		_ = m.Days()
		_ = m.String()
		_, _ = m.MarshalText()
	}
}

// Periods of a random cycle are non-empty, contiguous and monotone, and
// At finds each instant in the period Period gives, for instants 1 ns
// apart at the boundaries.
func TestPropertyPeriods(t *testing.T) {
	locs := locations(t)
	r := rand.New(rand.NewPCG(11, 17))
	lo := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(9990, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for range 3000 {
		loc := locs[r.IntN(len(locs))]
		if loc == nil {
			loc = time.UTC
		}
		c := Cycle{Anchor: time.Unix(lo+r.Int64N(hi-lo), r.Int64N(1e9)).In(loc), Months: Months(1 + r.IntN(40))}
		prev := Period{}
		for k := range 6 {
			p, err := c.Period(k)
			if errors.Is(err, ErrRange) {
				break
			}
			if err != nil || !p.Start.Before(p.End) || (k > 0 && !p.Start.Equal(prev.End)) {
				t.Fatalf("Cycle%+v.Period(%d) = %v, %v (previous %v)", c, k, p, err, prev)
			}
			for _, u := range []time.Time{p.Start, p.Start.Add(time.Nanosecond), p.End.Add(-time.Nanosecond)} {
				if n, q, err := c.At(u); err != nil || n != k || q != p {
					t.Fatalf("Cycle%+v.At(%v) = %d %v %v, want %d %v", c, u, n, q, err, k, p)
				}
			}
			if _, _, err := c.At(c.Anchor.Add(-time.Nanosecond)); !errors.Is(err, ErrBeforeAnchor) {
				t.Fatalf("before the anchor: %v", err)
			}
			prev = p
		}
	}
}

// StartOfDay is the first instant of its day; a window opens at its start
// and closes at the start of a later day; CountDays splits a period into
// days that sum to its total.
func TestPropertyDaysAndWindows(t *testing.T) {
	locs := locations(t)
	r := rand.New(rand.NewPCG(5, 8))
	for range 20000 {
		loc := locs[1+r.IntN(len(locs)-1)]
		day := r.Int64N(40000) - 10000
		s := StartOfDay(day, loc)
		if DayNumberIn(s, loc) < day || DayNumberIn(s.Add(-time.Nanosecond), loc) >= day {
			t.Fatalf("StartOfDay(%d, %v) = %v", day, loc, s)
		}
		at := time.Unix(r.Int64N(4e9)-1e9, r.Int64N(1e9)).In(loc)
		y, m, d := at.Date()
		if got, _ := DateIn(at, loc); got != MustDate(y, m, d) {
			t.Fatalf("DateIn(%v) = %v", at, got)
		}
		n := Days(1 + r.IntN(30))
		w, err := Window(at, n, loc)
		if err != nil || !w.Start.Equal(at) || DayNumberIn(w.End, loc) != DayNumberIn(at, loc)+int64(n) || !w.End.Equal(StartOfDay(DayNumberIn(w.End, loc), loc)) {
			t.Fatalf("Window(%v, %d) = %v, %v", at, n, w, err)
		}
		c := Cycle{Anchor: at, Months: Months(1 + r.IntN(12))}
		p, _ := c.Period(r.IntN(3))
		u := p.Start.Add(time.Duration(r.Int64N(int64(p.Duration()))))
		for _, conv := range []Convention{AnchorDays, CalendarDays} {
			dc, err := CountDays(p, u, conv, loc)
			if err != nil || dc.Used < 0 || dc.Used >= dc.Total || dc.From.After(u) || dc.From.Before(p.Start) || dc.Zone != ZoneName(p.Start.In(loc)) {
				t.Fatalf("CountDays(%v, %v, %v, %v) = %+v, %v", p, u, conv, loc, dc, err)
			}
		}
	}
}

// Every exported value's zero marshals and round-trips through JSON.
func TestZeroValuesMarshal(t *testing.T) {
	for _, v := range []any{Date{}, YearMonth(0), Convention(0), Period{}, Cycle{}, DayCount{}, Days(0), Months(0)} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%T: %v", v, err)
		}
		p := reflectNew(v)
		if err := json.Unmarshal(b, p); err != nil {
			t.Fatalf("%T %s: %v", v, b, err)
		}
	}
	d := MustDate(2024, 2, 29)
	b, _ := json.Marshal(struct {
		D Date      `json:"d"`
		M YearMonth `json:"m"`
		C Convention
	}{d, ymOf(2024, 2), CivilDates})
	if string(b) != `{"d":"2024-02-29","m":"2024-02","C":"civil-dates"}` {
		t.Error(string(b))
	}
}

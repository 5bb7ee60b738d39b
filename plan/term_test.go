package plan_test

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Stockholm and America/Los_Angeles on every machine

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/plan"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// cycle, addMonths and errCycle keep these tests of the billing calendar
// in the shape they had when plan counted dates; they exercise package
// calendar, where the counting moved.
type cycle struct {
	Anchor time.Time
	Months int
}

func (c cycle) cal() calendar.Cycle {
	return calendar.Cycle{Anchor: c.Anchor, Months: calendar.Months(c.Months)}
}

func (c cycle) Period(n int) calendar.Period {
	p, _ := c.cal().Period(n)
	return p
}

func (c cycle) At(t time.Time) (int, calendar.Period, error) { return c.cal().At(t) }

func addMonths(t time.Time, n int) time.Time {
	r, err := calendar.AddMonths(t, calendar.Months(n))
	if err != nil {
		panic(err) // the tests stay in range
	}
	return r
}

func errCycle(err error) bool {
	return errors.Is(err, calendar.ErrRange) || errors.Is(err, calendar.ErrBeforeAnchor)
}

func utc(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, time.UTC)
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		n    int
		want time.Time
	}{
		{"Jan 31 2024 + 1 is Feb 29 (leap year)", utc(2024, 1, 31, 10, 0), 1, utc(2024, 2, 29, 10, 0)},
		{"Jan 31 2024 + 2 is Mar 31", utc(2024, 1, 31, 10, 0), 2, utc(2024, 3, 31, 10, 0)},
		{"Jan 31 2023 + 1 is Feb 28", utc(2023, 1, 31, 10, 0), 1, utc(2023, 2, 28, 10, 0)},
		{"Jan 31 2100 + 1 is Feb 28 (not a leap year)", utc(2100, 1, 31, 0, 0), 1, utc(2100, 2, 28, 0, 0)},
		{"Jan 31 2000 + 1 is Feb 29 (leap year)", utc(2000, 1, 31, 0, 0), 1, utc(2000, 2, 29, 0, 0)},
		{"Feb 29 2024 + 12 is Feb 28 2025", utc(2024, 2, 29, 0, 0), 12, utc(2025, 2, 28, 0, 0)},
		{"Feb 29 2024 + 48 is Feb 29 2028", utc(2024, 2, 29, 0, 0), 48, utc(2028, 2, 29, 0, 0)},
		{"Mar 31 + 1 is Apr 30", utc(2024, 3, 31, 0, 0), 1, utc(2024, 4, 30, 0, 0)},
		{"Aug 31 + 1 is Sep 30", utc(2024, 8, 31, 0, 0), 1, utc(2024, 9, 30, 0, 0)},
		{"Jan 30 + 1 is Feb 29", utc(2024, 1, 30, 0, 0), 1, utc(2024, 2, 29, 0, 0)},
		{"Jan 15 + 1 is Feb 15", utc(2024, 1, 15, 0, 0), 1, utc(2024, 2, 15, 0, 0)},
		{"Dec 31 + 2 is Feb 28 next year", utc(2022, 12, 31, 23, 59), 2, utc(2023, 2, 28, 23, 59)},
		{"Dec 31 2023 + 2 is Feb 29 2024", utc(2023, 12, 31, 0, 0), 2, utc(2024, 2, 29, 0, 0)},
		{"Dec 15 + 1 is Jan 15 next year", utc(2024, 12, 15, 0, 0), 1, utc(2025, 1, 15, 0, 0)},
		{"Nov 30 + 14 is Jan 30 after next", utc(2024, 11, 30, 0, 0), 14, utc(2026, 1, 30, 0, 0)},
		{"Mar 31 - 1 is Feb 29", utc(2024, 3, 31, 0, 0), -1, utc(2024, 2, 29, 0, 0)},
		{"Mar 31 - 13 is Feb 28 2023", utc(2024, 3, 31, 0, 0), -13, utc(2023, 2, 28, 0, 0)},
		{"Jan 31 - 1 is Dec 31", utc(2024, 1, 31, 0, 0), -1, utc(2023, 12, 31, 0, 0)},
		{"Jan 15 - 12 is Jan 15 last year", utc(2024, 1, 15, 0, 0), -12, utc(2023, 1, 15, 0, 0)},
		{"Jan 15 - 25 is Dec 15 two years back", utc(2024, 1, 15, 0, 0), -25, utc(2021, 12, 15, 0, 0)},
		{"zero", utc(2024, 5, 31, 12, 0), 0, utc(2024, 5, 31, 12, 0)},
		{"36 months", utc(2024, 2, 29, 0, 0), 36, utc(2027, 2, 28, 0, 0)},
	}
	for _, tt := range tests {
		got := addMonths(tt.t, tt.n)
		if !got.Equal(tt.want) || got.Location() != tt.want.Location() {
			t.Errorf("%s: AddMonths(%v, %d) = %v, want %v", tt.name, tt.t, tt.n, got, tt.want)
		}
	}
	// Nanoseconds and the location are kept.
	sto := mustLoad(t, "Europe/Stockholm")
	in := time.Date(2024, 1, 31, 9, 15, 30, 123456789, sto)
	got := addMonths(in, 1)
	if want := time.Date(2024, 2, 29, 9, 15, 30, 123456789, sto); !got.Equal(want) || got.Location() != sto {
		t.Errorf("AddMonths(%v, 1) = %v, want %v", in, got, want)
	}
}

// The billing calendar of DESIGN.md: an anchor on the 31st gives Feb
// 28/29, then Mar 31, and never drifts.
func TestCycleClampsToMonthEnd(t *testing.T) {
	tests := []struct {
		anchor time.Time
		months int
		starts []time.Time
	}{
		{utc(2024, 1, 31, 8, 0), 1, []time.Time{utc(2024, 1, 31, 8, 0), utc(2024, 2, 29, 8, 0), utc(2024, 3, 31, 8, 0), utc(2024, 4, 30, 8, 0), utc(2024, 5, 31, 8, 0)}},
		{utc(2023, 1, 31, 8, 0), 1, []time.Time{utc(2023, 1, 31, 8, 0), utc(2023, 2, 28, 8, 0), utc(2023, 3, 31, 8, 0)}},
		{utc(2023, 10, 31, 0, 0), 1, []time.Time{utc(2023, 10, 31, 0, 0), utc(2023, 11, 30, 0, 0), utc(2023, 12, 31, 0, 0), utc(2024, 1, 31, 0, 0), utc(2024, 2, 29, 0, 0)}},
		{utc(2024, 2, 29, 0, 0), 12, []time.Time{utc(2024, 2, 29, 0, 0), utc(2025, 2, 28, 0, 0), utc(2026, 2, 28, 0, 0), utc(2027, 2, 28, 0, 0), utc(2028, 2, 29, 0, 0)}},
		{utc(2024, 8, 31, 0, 0), 24, []time.Time{utc(2024, 8, 31, 0, 0), utc(2026, 8, 31, 0, 0)}},
	}
	for _, tt := range tests {
		c := cycle{Anchor: tt.anchor, Months: tt.months}
		for n := 0; n+1 < len(tt.starts); n++ {
			got := c.Period(n)
			if !got.Start.Equal(tt.starts[n]) || !got.End.Equal(tt.starts[n+1]) {
				t.Errorf("Cycle{%v, %d}.Period(%d) = %v, want [%v, %v)", tt.anchor, tt.months, n, got, tt.starts[n], tt.starts[n+1])
			}
		}
	}
}

func TestCycleAt(t *testing.T) {
	c := cycle{Anchor: utc(2024, 1, 31, 8, 0), Months: 1}
	tests := []struct {
		t    time.Time
		n    int
		want calendar.Period
	}{
		{utc(2024, 1, 31, 8, 0), 0, calendar.Period{Start: utc(2024, 1, 31, 8, 0), End: utc(2024, 2, 29, 8, 0)}},
		{utc(2024, 2, 29, 7, 59), 0, calendar.Period{Start: utc(2024, 1, 31, 8, 0), End: utc(2024, 2, 29, 8, 0)}},
		{utc(2024, 2, 29, 8, 0), 1, calendar.Period{Start: utc(2024, 2, 29, 8, 0), End: utc(2024, 3, 31, 8, 0)}},
		{utc(2024, 3, 31, 7, 0), 1, calendar.Period{Start: utc(2024, 2, 29, 8, 0), End: utc(2024, 3, 31, 8, 0)}},
		{utc(2024, 3, 31, 8, 0), 2, calendar.Period{Start: utc(2024, 3, 31, 8, 0), End: utc(2024, 4, 30, 8, 0)}},
		{utc(2024, 4, 1, 0, 0), 2, calendar.Period{Start: utc(2024, 3, 31, 8, 0), End: utc(2024, 4, 30, 8, 0)}},
		{utc(2025, 1, 31, 8, 0), 12, calendar.Period{Start: utc(2025, 1, 31, 8, 0), End: utc(2025, 2, 28, 8, 0)}},
		// The same instant in another zone.
		{utc(2024, 2, 29, 8, 0).In(time.FixedZone("X", -11*3600)), 1, calendar.Period{Start: utc(2024, 2, 29, 8, 0), End: utc(2024, 3, 31, 8, 0)}},
	}
	for _, tt := range tests {
		n, p, err := c.At(tt.t)
		if err != nil || n != tt.n || !p.Start.Equal(tt.want.Start) || !p.End.Equal(tt.want.End) {
			t.Errorf("At(%v) = %d, %v, %v; want %d, %v", tt.t, n, p, err, tt.n, tt.want)
		}
		if !p.Contains(tt.t) {
			t.Errorf("At(%v) = %v, which does not contain it", tt.t, p)
		}
	}
	// A yearly cycle.
	y := cycle{Anchor: utc(2024, 2, 29, 0, 0), Months: 12}
	if n, p, err := y.At(utc(2026, 2, 28, 0, 0)); err != nil || n != 2 || !p.Start.Equal(utc(2026, 2, 28, 0, 0)) {
		t.Errorf("yearly At = %d, %v, %v", n, p, err)
	}
	if n, _, err := y.At(utc(2026, 2, 27, 23, 0)); err != nil || n != 1 {
		t.Errorf("yearly At just before = %d, %v", n, err)
	}
}

func TestCycleAtErrors(t *testing.T) {
	anchor := utc(2024, 1, 31, 8, 0)
	tests := []struct {
		name string
		c    cycle
		t    time.Time
	}{
		{"before the anchor", cycle{Anchor: anchor, Months: 1}, anchor.Add(-time.Nanosecond)},
		{"long before the anchor", cycle{Anchor: anchor, Months: 12}, utc(1999, 1, 1, 0, 0)},
		{"zero months", cycle{Anchor: anchor}, anchor},
		{"negative months", cycle{Anchor: anchor, Months: -1}, anchor.Add(time.Hour)},
		{"hourly term", cycle{Anchor: anchor, Months: plan.Hourly.Months()}, anchor.Add(time.Hour)},
	}
	for _, tt := range tests {
		n, p, err := tt.c.At(tt.t)
		if !errCycle(err) || n != 0 || p != (calendar.Period{}) {
			t.Errorf("%s: At = %d, %v, %v; want calendar.ErrRange or ErrBeforeAnchor", tt.name, n, p, err)
		}
	}
}

func TestPeriod(t *testing.T) {
	p := calendar.Period{Start: utc(2024, 1, 1, 0, 0), End: utc(2024, 2, 1, 0, 0)}
	if !p.Contains(p.Start) || p.Contains(p.End) || p.Contains(p.Start.Add(-1)) || !p.Contains(p.End.Add(-1)) {
		t.Error("Contains is not half-open")
	}
	if p.Duration() != 31*24*time.Hour {
		t.Errorf("Duration = %v", p.Duration())
	}
	if want := "[2024-01-01T00:00:00Z, 2024-02-01T00:00:00Z)"; p.String() != want {
		t.Errorf("String = %q, want %q", p.String(), want)
	}
}

// Daylight-saving changes: periods keep the anchor's clock time. What
// happens at 02:30 on the day clocks spring forward from 02:00 to 03:00
// (02:30 does not exist): the period starts at 03:30, the clock time moved
// forward by the gap, which is the same instant as 02:30 in the offset
// before the change. The next period is back at 02:30. Both zones behave
// alike (time.Date alone would give 01:30 in Los Angeles).
func TestCycleDaylightSaving(t *testing.T) {
	sto := mustLoad(t, "Europe/Stockholm")
	la := mustLoad(t, "America/Los_Angeles")
	tests := []struct {
		name   string
		anchor time.Time
		starts []time.Time
	}{
		{"Stockholm, spring forward on Mar 31 2024",
			time.Date(2024, 1, 31, 2, 30, 0, 0, sto),
			[]time.Time{
				time.Date(2024, 1, 31, 2, 30, 0, 0, sto),
				time.Date(2024, 2, 29, 2, 30, 0, 0, sto),
				time.Date(2024, 3, 31, 1, 30, 0, 0, time.UTC), // 03:30 CEST
				time.Date(2024, 4, 30, 2, 30, 0, 0, sto),
			}},
		{"Los Angeles, spring forward on Mar 10 2024",
			time.Date(2024, 1, 10, 2, 30, 0, 0, la),
			[]time.Time{
				time.Date(2024, 1, 10, 2, 30, 0, 0, la),
				time.Date(2024, 2, 10, 2, 30, 0, 0, la),
				time.Date(2024, 3, 10, 10, 30, 0, 0, time.UTC), // 03:30 PDT
				time.Date(2024, 4, 10, 2, 30, 0, 0, la),
			}},
		{"Stockholm, fall back on Oct 27 2024 (no gap: same clock time)",
			time.Date(2024, 9, 27, 12, 0, 0, 0, sto),
			[]time.Time{
				time.Date(2024, 9, 27, 10, 0, 0, 0, time.UTC),  // 12:00 CEST
				time.Date(2024, 10, 27, 11, 0, 0, 0, time.UTC), // 12:00 CET: this period is 30 days and 1 hour long
				time.Date(2024, 11, 27, 11, 0, 0, 0, time.UTC),
			}},
	}
	for _, tt := range tests {
		c := cycle{Anchor: tt.anchor, Months: 1}
		for n := 0; n+1 < len(tt.starts); n++ {
			p := c.Period(n)
			if !p.Start.Equal(tt.starts[n]) || !p.End.Equal(tt.starts[n+1]) {
				t.Errorf("%s: Period(%d) = %v, want [%v, %v)", tt.name, n, p, tt.starts[n], tt.starts[n+1])
			}
			if p.Start.Location() != tt.anchor.Location() {
				t.Errorf("%s: Period(%d) in %v", tt.name, n, p.Start.Location())
			}
		}
	}
	// In the gap month the spring-forward period starts at 03:30 local.
	p := cycle{Anchor: time.Date(2024, 1, 10, 2, 30, 0, 0, la), Months: 1}.Period(2)
	if h, m, _ := p.Start.Clock(); h != 3 || m != 30 {
		t.Errorf("LA gap period starts at %v, want 03:30 PDT", p.Start)
	}
	if d := p.Duration(); d != 31*24*time.Hour-time.Hour {
		t.Errorf("LA period across the gap lasts %v", d)
	}
	// An instant in the gap hour's neighbourhood belongs to the period
	// before the moved start.
	c := cycle{Anchor: time.Date(2024, 1, 10, 2, 30, 0, 0, la), Months: 1}
	if n, _, err := c.At(time.Date(2024, 3, 10, 3, 15, 0, 0, la)); err != nil || n != 1 {
		t.Errorf("At(03:15 PDT) = %d, %v; want 1", n, err)
	}
	if n, _, err := c.At(time.Date(2024, 3, 10, 3, 30, 0, 0, la)); err != nil || n != 2 {
		t.Errorf("At(03:30 PDT) = %d, %v; want 2", n, err)
	}

	// A clock time that occurs twice (01:30 on Nov 3 2024 in Los Angeles):
	// period 0 starts exactly at the anchor, whichever 01:30 it is.
	second := time.Date(2024, 11, 3, 9, 30, 0, 0, time.UTC).In(la) // 01:30 PST
	c = cycle{Anchor: second, Months: 1}
	if p := c.Period(0); !p.Start.Equal(second) {
		t.Errorf("Period(0) of an anchor at the second 01:30 starts at %v", p.Start)
	}
	if n, p, err := c.At(second); err != nil || n != 0 || !p.Start.Equal(second) {
		t.Errorf("At(anchor) = %d, %v, %v", n, p, err)
	}
}

// Property: for random anchors, zones and terms, periods are contiguous,
// non-overlapping and monotone, and At(t) returns the period that contains
// t, with its index.
func TestCycleProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	zones := []*time.Location{time.UTC, mustLoad(t, "Europe/Stockholm"), mustLoad(t, "America/Los_Angeles"), mustLoad(t, "Australia/Lord_Howe"), time.FixedZone("+0545", 5*3600+45*60)}
	months := []int{1, 1, 12, 24, 36, 3}
	for i := 0; i < 2000; i++ {
		loc := zones[r.IntN(len(zones))]
		anchor := time.Unix(r.Int64N(4102444800-946684800)+946684800, r.Int64N(1e9)).In(loc) // 2000–2100
		c := cycle{Anchor: anchor, Months: months[r.IntN(len(months))]}
		prev := c.Period(0)
		if !prev.Start.Equal(anchor) {
			t.Fatalf("%+v: period 0 starts at %v", c, prev.Start)
		}
		for n := 1; n < 30; n++ {
			p := c.Period(n)
			if !p.Start.Equal(prev.End) || !p.Start.Before(p.End) || !prev.Start.Before(p.Start) {
				t.Fatalf("%+v: periods %d %v and %d %v are not contiguous and increasing", c, n-1, prev, n, p)
			}
			prev = p
		}
		for j := 0; j < 10; j++ {
			at := anchor.Add(time.Duration(r.Int64N(int64(40 * 365 * 24 * time.Hour))))
			n, p, err := c.At(at)
			if err != nil || !p.Contains(at) || p != c.Period(n) {
				t.Fatalf("%+v: At(%v) = %d, %v, %v", c, at, n, p, err)
			}
		}
	}
}

func TestParseTerm(t *testing.T) {
	tests := []struct {
		in   string
		want plan.Term
	}{
		{"P1M", plan.OneMonth}, {"p1m", plan.OneMonth}, {" P1M ", plan.OneMonth}, {"1 month", plan.OneMonth}, {"monthly", plan.OneMonth}, {"1-month", plan.OneMonth}, {"1M", plan.OneMonth},
		{"P1Y", plan.OneYear}, {"1 year", plan.OneYear}, {"annual", plan.OneYear}, {"Yearly", plan.OneYear}, {"1-year", plan.OneYear}, {"1y", plan.OneYear},
		{"P2Y", plan.TwoYears}, {"2 years", plan.TwoYears}, {"2-year", plan.TwoYears}, {"2Y", plan.TwoYears},
		{"P3Y", plan.ThreeYears}, {"3 YEARS", plan.ThreeYears}, {"3-year", plan.ThreeYears}, {"3y", plan.ThreeYears},
		{"PT1H", plan.Hourly}, {"hourly", plan.Hourly}, {"hour", plan.Hourly}, {"per hour", plan.Hourly},
	}
	for _, tt := range tests {
		got, err := plan.ParseTerm(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseTerm(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseTermErrors(t *testing.T) {
	for _, in := range []string{"", " ", "P5Y", "P1D", "PT2H", "P12M", "2 months", "monthly!", "P1M P1Y", "\xff"} {
		got, err := plan.ParseTerm(in)
		if !errors.Is(err, plan.ErrTerm) || got != 0 {
			t.Errorf("ParseTerm(%q) = %v, %v; want ErrTerm", in, got, err)
		}
	}
	var tm plan.Term
	if err := tm.UnmarshalText([]byte("P4Y")); !errors.Is(err, plan.ErrTerm) || tm != 0 {
		t.Errorf("UnmarshalText(P4Y) = %v, term %v", err, tm)
	}
	if b, err := plan.Term(0).MarshalText(); err != nil || len(b) != 0 {
		t.Errorf("Term(0).MarshalText() = %q, %v; want \"\" (unset)", b, err)
	}
	if err := tm.UnmarshalText(nil); err != nil || tm != 0 {
		t.Errorf("UnmarshalText(\"\") = %v, term %v", err, tm)
	}
	for _, bad := range []plan.Term{0, 6, 255} {
		if b, err := bad.MarshalText(); bad != 0 && (!errors.Is(err, plan.ErrTerm) || b != nil) {
			t.Errorf("Term(%d).MarshalText() = %q, %v", bad, b, err)
		}
		if bad.Valid() || bad.Months() != 0 {
			t.Errorf("Term(%d) is valid", bad)
		}
	}
	if s := plan.Term(6).String(); s != "plan.Term(6)" {
		t.Errorf("Term(6).String() = %q", s)
	}
	if s := plan.Term(0).Words(); s != "" {
		t.Errorf("Term(0).Words() = %q", s)
	}
}

func TestTermTextRoundTrip(t *testing.T) {
	want := map[plan.Term][3]string{ // ISO 8601, words, months
		plan.OneMonth:   {"P1M", "1 month", "1"},
		plan.OneYear:    {"P1Y", "1 year", "12"},
		plan.TwoYears:   {"P2Y", "2 years", "24"},
		plan.ThreeYears: {"P3Y", "3 years", "36"},
		plan.Hourly:     {"PT1H", "hourly", "0"},
	}
	for term, w := range want {
		b, err := term.MarshalText()
		if err != nil || string(b) != w[0] || term.String() != w[0] || term.Words() != w[1] || itoa(term.Months()) != w[2] {
			t.Errorf("%v: MarshalText %q %v, Words %q, Months %d", term, b, err, term.Words(), term.Months())
		}
		var back plan.Term
		if err := back.UnmarshalText(b); err != nil || back != term {
			t.Errorf("UnmarshalText(%q) = %v, %v", b, back, err)
		}
		if back, err := plan.ParseTerm(term.Words()); err != nil || back != term {
			t.Errorf("ParseTerm(%q) = %v, %v", term.Words(), back, err)
		}
	}
}

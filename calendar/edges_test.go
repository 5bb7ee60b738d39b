package calendar

import (
	"errors"
	"math"
	"testing"
	"time"
)

// Issue 17's date edges: each is an error, never a silently wrong date.
func TestEdgesAreErrors(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	sto, _ := time.LoadLocation("Europe/Stockholm")
	check := func(name string, err, want error) {
		t.Helper()
		if !errors.Is(err, want) {
			t.Errorf("%s: %v, want %v", name, err, want)
		}
	}
	_, err := AddMonths(now, math.MaxInt)
	check("AddMonths(t, MaxInt)", err, ErrRange)
	_, err = AddMonths(now.In(sto), math.MinInt)
	check("AddMonths(zoned, MinInt)", err, ErrRange)
	_, err = AddMonths(time.Date(9999, 12, 1, 0, 0, 0, 0, time.UTC), 1)
	check("AddMonths past 9999", err, ErrRange)
	_, err = AddMonths(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), -1)
	check("AddMonths before year 1", err, ErrRange)
	_, err = Cycle{Anchor: now, Months: 0}.Period(3)
	check("Cycle{0}.Period", err, ErrRange)
	_, err = Cycle{Anchor: now, Months: -1}.Period(3)
	check("Cycle{-1}.Period", err, ErrRange)
	_, err = Cycle{Anchor: now, Months: 1}.Period(-1)
	check("Period(-1)", err, ErrRange)
	_, _, err = Cycle{}.At(now)
	check("Cycle{}.At", err, ErrRange)
	_, _, err = Cycle{Anchor: now, Months: math.MaxInt}.At(now)
	check("Cycle{MaxInt}.At", err, ErrRange)
	_, _, err = Cycle{Anchor: now, Months: 1}.At(now.Add(-time.Nanosecond))
	check("At before the anchor", err, ErrBeforeAnchor)
	_, _, err = Cycle{Anchor: now, Months: 1}.At(time.Unix(math.MaxInt64/2, 0))
	check("At after 9999", err, ErrRange)
	cal := NewCalendar(now)
	for _, m := range []Months{0, -1, math.MaxInt - 1} {
		_, _, err = cal.PeriodAt(m, now)
		check("PeriodAt months", err, ErrRange)
	}
	_, _, err = cal.PeriodAt(1, now.Add(-1))
	check("PeriodAt before", err, ErrBeforeAnchor)
	for _, m := range []time.Month{0, 13} {
		_, err = DaysIn(2026, m)
		check("DaysIn", err, ErrRange)
		_, err = DateOf(2026, m, 1)
		check("DateOf", err, ErrRange)
		_, err = YearMonthOf(2026, m)
		check("YearMonthOf", err, ErrRange)
	}
	_, err = DateOf(0, 1, 1)
	check("year 0", err, ErrRange)
	_, err = DateOf(10000, 1, 1)
	check("year 10000", err, ErrRange)
	_, err = Window(now, 0, nil)
	check("Window 0", err, ErrRange)
	_, err = Window(now, -1, nil)
	check("Window -1", err, ErrRange)
	_, err = Window(time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC), 5, nil)
	check("Window past 9999", err, ErrRange)
	_, err = CountDays(Period{}, now, AnchorDays, nil)
	check("CountDays empty", err, ErrRange)
	_, err = CountDays(Period{Start: now, End: now.Add(time.Hour)}, now, Elapsed, nil)
	check("CountDays elapsed", err, ErrRange)
	_, err = CountDays(Period{Start: now, End: now.Add(time.Hour)}, now.Add(time.Hour), AnchorDays, nil)
	check("CountDays at the end", err, ErrRange)
	for _, s := range []string{"", "2024-1-01", "2024-01-0x", "+024-01-01", "2024/01/01", "2024-01-01T00:00:00Z"} {
		_, err = ParseDate(s)
		check("ParseDate "+s, err, ErrSyntax)
	}
	for _, s := range []string{"0000-01-01", "2023-02-29", "2024-00-10"} {
		_, err = ParseDate(s)
		check("ParseDate "+s, err, ErrRange)
	}
	for _, s := range []string{"", "2024-1", "2024-0a", "2024_01"} {
		_, err = ParseYearMonth(s)
		check("ParseYearMonth "+s, err, ErrSyntax)
	}
	_, err = ParseYearMonth("0000-01")
	check("ParseYearMonth 0000-01", err, ErrRange)
	_, err = ParseConvention("DAYS" + string(make([]byte, 50)))
	check("ParseConvention", err, ErrSyntax)
	_, err = Convention(99).MarshalText()
	check("Convention(99)", err, ErrRange)
	_, err = YearMonth(-5).MarshalText()
	check("YearMonth(-5)", err, ErrRange)
	_, err = YearMonth(0).AddMonths(1)
	check("zero YearMonth", err, ErrRange)
	_, err = YearMonth(0).Sub(1)
	check("zero YearMonth Sub", err, ErrRange)
	_, err = YearMonth(0).Date(1)
	check("zero YearMonth Date", err, ErrRange)
	for _, f := range []func() error{
		func() error { _, err := Date{}.AddDays(1); return err },
		func() error { _, err := Date{}.AddMonths(1); return err },
		func() error { _, err := Date{}.Sub(MustDate(2024, 1, 1)); return err },
		func() error { _, err := MustDate(2024, 1, 1).Sub(Date{}); return err },
		func() error { _, err := Date{}.In(nil); return err },
		func() error { _, err := MustDate(2024, 1, 1).AddDays(math.MaxInt); return err },
		func() error { _, err := MustDate(9999, 12, 1).AddMonths(1); return err },
		func() error { _, err := FixedZone(time.Second / 2); return err },
		func() error { _, err := DateIn(time.Unix(math.MaxInt64, 0), nil); return err },
		func() error { _, err := YearMonthIn(time.Unix(math.MinInt64, 0), nil); return err },
	} {
		check("zero or extreme", f(), ErrRange)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustDate(2023, 2, 29) did not panic")
		}
	}()
	MustDate(2023, time.February, 29)
}

// Text forms: the zero values print as "", invalid values name their type,
// and everything valid round-trips.
func TestText(t *testing.T) {
	if (Date{}).String() != "" || YearMonth(0).String() != "" || Convention(0).String() != "" ||
		YearMonth(-1).String() != "calendar.YearMonth(-1)" || Convention(9).String() != "calendar.Convention(9)" ||
		(Date{}).Weekday() != time.Sunday || YearMonth(0).Days() != 0 || YearMonth(0).Year() != 0 || YearMonth(0).Month() != 0 ||
		!YearMonth(0).IsZero() || Convention(0).Valid() || Days(-1).String() != "-1 day" {
		t.Error("zero and invalid values")
	}
	var d Date
	if err := d.UnmarshalText([]byte("2024-02-29")); err != nil || d != MustDate(2024, 2, 29) {
		t.Error(d, err)
	}
	if err := d.UnmarshalText(nil); err != nil || !d.IsZero() {
		t.Error(d, err)
	}
	var m YearMonth
	if err := m.UnmarshalText([]byte("9999-12")); err != nil || m != ymOf(9999, 12) {
		t.Error(m, err)
	}
	if err := m.UnmarshalText([]byte("x")); err == nil || m != ymOf(9999, 12) {
		t.Error(m, err)
	}
	if err := m.UnmarshalText(nil); err != nil || m != 0 {
		t.Error(m, err)
	}
	var c Convention
	if err := c.UnmarshalText([]byte("elapsed")); err != nil || c != Elapsed {
		t.Error(c, err)
	}
	if b, err := Convention(0).MarshalText(); err != nil || len(b) != 0 {
		t.Error(b, err)
	}
	if z, _ := FixedZone(0); z != time.UTC {
		t.Error(z)
	}
	if z, _ := FixedZone(5*time.Hour + 30*time.Minute + 7*time.Second); z.String() != "UTC+05:30:07" {
		t.Error(z)
	}
	for _, d := range []Date{MustDate(1, 1, 1), MustDate(1970, 1, 1), MustDate(9999, 12, 31), MustDate(2000, 2, 29)} {
		n, _ := d.DayNumber()
		back, err := DateOfDay(n)
		if err != nil || back != d {
			t.Errorf("%v: %d, %v, %v", d, n, back, err)
		}
		y, mo, dd := time.Unix(n*86400, 0).UTC().Date()
		if d.Weekday() != time.Unix(n*86400, 0).UTC().Weekday() || y != d.Year() || mo != d.Month() || dd != d.Day() {
			t.Errorf("%v weekday %v", d, d.Weekday())
		}
	}
	if MustDate(2024, 1, 1).Compare(MustDate(2023, 12, 31)) != 1 {
		t.Error("Compare")
	}
}

// ZoneOf reads back every fixed-offset name ZoneName writes, and nothing
// else.
func TestZoneOf(t *testing.T) {
	for off := -secondsPerDay; off <= secondsPerDay; off += 389 {
		name := ZoneName(time.Unix(0, 0).In(time.FixedZone("", off)))
		loc, ok := ZoneOf(name)
		if !ok || ZoneName(time.Unix(0, 0).In(loc)) != name {
			t.Fatalf("ZoneOf(%q) = %v, %v", name, loc, ok)
		}
		if z, err := FixedZone(time.Duration(off) * time.Second); err == nil && off != 0 {
			if loc, ok := ZoneOf(z.String()); !ok || loc.String() != z.String() {
				t.Fatalf("ZoneOf(%q) = %v, %v", z, loc, ok)
			}
		}
	}
	for _, bad := range []string{"", "Local", "UTC+00:00", "UTC+1", "+1:00", "+01:60", "+25:00", "+01:00:00", "-00:00x", "UTCx", "+0a:00"} {
		if loc, ok := ZoneOf(bad); ok {
			t.Errorf("ZoneOf(%q) = %v", bad, loc)
		}
	}
}

package calendar_test

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/marketrules/marketrules/calendar"
)

func ExampleAddMonths() {
	jan31 := time.Date(2024, 1, 31, 9, 0, 0, 0, time.UTC)
	for _, n := range []calendar.Months{1, 2, -2, 13} {
		t, _ := calendar.AddMonths(jan31, n)
		fmt.Println(n, t.Format(time.DateTime))
	}
	_, err := calendar.AddMonths(jan31, math.MaxInt)
	fmt.Println(errors.Is(err, calendar.ErrRange))
	// Output:
	// 1 month 2024-02-29 09:00:00
	// 2 months 2024-03-31 09:00:00
	// -2 months 2023-11-30 09:00:00
	// 13 months 2025-02-28 09:00:00
	// true
}

// Periods are computed from the anchor each time: after February the day
// comes back to the 31st.
func ExampleCycle_Period() {
	c := calendar.Cycle{Anchor: time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), Months: 1}
	for n := range 4 {
		p, _ := c.Period(n)
		fmt.Println(n, p.Start.Format(time.DateOnly), p.End.Format(time.DateOnly))
	}
	_, err := c.Period(-1)
	fmt.Println(errors.Is(err, calendar.ErrRange))
	// Output:
	// 0 2024-01-31 2024-02-29
	// 1 2024-02-29 2024-03-31
	// 2 2024-03-31 2024-04-30
	// 3 2024-04-30 2024-05-31
	// true
}

func ExampleCycle_At() {
	c := calendar.Cycle{Anchor: time.Date(2024, 1, 31, 12, 0, 0, 0, time.UTC), Months: 1}
	n, p, _ := c.At(time.Date(2024, 3, 31, 11, 59, 0, 0, time.UTC))
	fmt.Println(n, p)
	_, _, err := c.At(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(errors.Is(err, calendar.ErrBeforeAnchor))
	_, _, err = calendar.Cycle{Anchor: c.Anchor}.At(c.Anchor)
	fmt.Println(errors.Is(err, calendar.ErrRange))
	// Output:
	// 1 [2024-02-29T12:00:00Z, 2024-03-31T12:00:00Z)
	// true
	// true
}

func ExampleCycle_Validate() {
	fmt.Println(calendar.Cycle{Months: 12}.Validate())
	fmt.Println(calendar.Cycle{Months: -1}.Validate())
	// Output:
	// <nil>
	// calendar: out of range: periods of -1 month (want 1 to 119988 months)
}

func ExampleNewCalendar() {
	cal := calendar.NewCalendar(time.Date(2024, 1, 31, 9, 0, 0, 0, time.UTC))
	for n := range calendar.Months(3) {
		t, _ := cal.AddMonths(n)
		fmt.Println(t.Format(time.DateOnly))
	}
	// Output:
	// 2024-01-31
	// 2024-02-29
	// 2024-03-31
}

func ExampleCalendar_Anchor() {
	cal := calendar.NewCalendar(time.Date(2024, 1, 31, 9, 0, 0, 0, time.UTC))
	fmt.Println(cal.Anchor().Format(time.RFC3339))
	// Output: 2024-01-31T09:00:00Z
}

func ExampleCalendar_AddMonths() {
	cal := calendar.NewCalendar(time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC))
	a, _ := cal.AddMonths(2)
	b, _ := cal.AddMonths(-1)
	fmt.Println(a.Format(time.DateOnly), b.Format(time.DateOnly))
	// Output: 2024-02-29 2023-11-30
}

func ExampleCalendar_Period() {
	cal := calendar.NewCalendar(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC))
	p, _ := cal.Period(12, 1)
	fmt.Println(p)
	// Output: [2025-02-28T00:00:00Z, 2026-02-28T00:00:00Z)
}

func ExampleCalendar_PeriodAt() {
	cal := calendar.NewCalendar(time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC))
	n, p, _ := cal.PeriodAt(1, time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC))
	fmt.Println(n, p)
	_, _, err := cal.PeriodAt(0, time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC))
	fmt.Println(err)
	// Output:
	// 1 [2024-02-29T00:00:00Z, 2024-03-31T00:00:00Z)
	// calendar: out of range: periods of 0 months (want 1 to 119988 months)
}

// Periods are half-open: the end instant belongs to the next period.
func ExamplePeriod_Contains() {
	c := calendar.Cycle{Anchor: time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), Months: 1}
	p, _ := c.Period(0)
	fmt.Println(p.Contains(p.Start), p.Contains(p.End))
	// Output: true false
}

func ExamplePeriod_Duration() {
	c := calendar.Cycle{Anchor: time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), Months: 1}
	p0, _ := c.Period(0)
	p1, _ := c.Period(1)
	fmt.Println(p0.Duration(), p1.Duration())
	// Output: 696h0m0s 744h0m0s
}

func ExamplePeriod_String() {
	var p calendar.Period
	fmt.Println(p.IsZero(), p)
	// Output: true [0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z)
}

func ExampleDaysIn() {
	for _, m := range []time.Month{time.February, time.April, 13} {
		n, err := calendar.DaysIn(2024, m)
		fmt.Println(n, err)
	}
	// Output:
	// 29 <nil>
	// 30 <nil>
	// 0 calendar: out of range: month 13 (want 1 to 12)
}

func ExampleDayNumber() {
	n, _ := calendar.DayNumber(2024, time.February, 29)
	fmt.Println(n)
	_, err := calendar.DayNumber(2024, time.January, 32)
	fmt.Println(err)
	// Output:
	// 19782
	// calendar: out of range: date 2024-01-32
}

func ExampleCivilDate() {
	y, m, d, _ := calendar.CivilDate(19782)
	fmt.Println(y, m, d)
	// Output: 2024 February 29
}

func ExampleDateOf() {
	d, _ := calendar.DateOf(2024, time.February, 29)
	fmt.Println(d, d.Weekday())
	_, err := calendar.DateOf(2023, time.February, 29)
	fmt.Println(errors.Is(err, calendar.ErrRange))
	// Output:
	// 2024-02-29 Thursday
	// true
}

func ExampleMustDate() {
	d := calendar.MustDate(2026, time.July, 15)
	fmt.Println(d.Year(), d.Month(), d.Day())
	// Output: 2026 July 15
}

func ExampleDateOfDay() {
	d, _ := calendar.DateOfDay(0)
	fmt.Println(d)
	// Output: 1970-01-01
}

// The same instant is on two dates in two zones.
func ExampleDateIn() {
	t := time.Date(2024, 3, 1, 2, 0, 0, 0, time.UTC)
	la, _ := time.LoadLocation("America/Los_Angeles")
	a, _ := calendar.DateIn(t, nil)
	b, _ := calendar.DateIn(t, la)
	fmt.Println(a, b)
	// Output: 2024-03-01 2024-02-29
}

func ExampleParseDate() {
	d, err := calendar.ParseDate("2024-02-29")
	fmt.Println(d, err)
	_, err = calendar.ParseDate("29/02/2024")
	fmt.Println(errors.Is(err, calendar.ErrSyntax))
	// Output:
	// 2024-02-29 <nil>
	// true
}

func ExampleDate_AddDays() {
	d, _ := calendar.MustDate(2024, time.February, 28).AddDays(2)
	fmt.Println(d)
	// Output: 2024-03-01
}

func ExampleDate_AddMonths() {
	d, _ := calendar.MustDate(2024, time.January, 31).AddMonths(1)
	fmt.Println(d)
	// Output: 2024-02-29
}

func ExampleDate_Sub() {
	n, _ := calendar.MustDate(2024, time.March, 1).Sub(calendar.MustDate(2024, time.February, 28))
	fmt.Println(n)
	// Output: 2 days
}

func ExampleDate_Compare() {
	a, b := calendar.MustDate(2024, 1, 31), calendar.MustDate(2024, 2, 1)
	fmt.Println(a.Compare(b), b.Compare(a), a.Compare(a), calendar.Date{}.Compare(a))
	// Output: -1 1 0 -1
}

func ExampleDate_DayNumber() {
	n, _ := calendar.MustDate(1970, 1, 2).DayNumber()
	_, err := calendar.Date{}.DayNumber()
	fmt.Println(n, errors.Is(err, calendar.ErrRange))
	// Output: 1 true
}

// A payout date is a civil date; where an instant is needed it is the
// first instant of the date in UTC-08:00, never "PST" in July.
func ExampleDate_In() {
	utc8, _ := calendar.FixedZone(-8 * time.Hour)
	t, _ := calendar.MustDate(2026, time.July, 15).In(utc8)
	fmt.Println(t.Format(time.RFC3339), calendar.ZoneName(t))
	// Output: 2026-07-15T00:00:00-08:00 UTC-08:00
}

func ExampleDate_MarshalText() {
	b, _ := calendar.MustDate(2024, 2, 29).MarshalText()
	z, _ := calendar.Date{}.MarshalText()
	fmt.Printf("%s %q\n", b, z)
	var d calendar.Date
	fmt.Println(d.UnmarshalText([]byte("2024-13-01")) != nil, d.IsZero())
	// Output:
	// 2024-02-29 ""
	// true true
}

func ExampleDays_String() {
	fmt.Println(calendar.Days(1), calendar.Days(14))
	// Output: 1 day 14 days
}

func ExampleMonths_String() {
	fmt.Println(calendar.Months(1), calendar.Months(36))
	// Output: 1 month 36 months
}

func ExampleDayNumberIn() {
	t := time.Date(2024, 3, 1, 2, 0, 0, 0, time.UTC)
	sto, _ := time.LoadLocation("Asia/Tokyo")
	fmt.Println(calendar.DayNumberIn(t, nil), calendar.DayNumberIn(t, sto))
	// Output: 19783 19783
}

// A Zone caches one zone period for counting many days near an instant.
func ExampleNewZone() {
	sto, _ := time.LoadLocation("Europe/Stockholm")
	start := time.Date(2024, 3, 30, 22, 30, 0, 0, time.UTC) // 23:30 in Stockholm
	z := calendar.NewZone(sto, start)
	day := z.DayNumber(start)
	fmt.Println(z.Location(), z.Offset(start), day)
	fmt.Println(z.StartOfDay(day + 1).Format(time.RFC3339))
	// Output:
	// Europe/Stockholm 3600 19812
	// 2024-03-31T00:00:00+01:00
}

// Where a clock change skips midnight, the day begins at the change.
func ExampleStartOfDay() {
	havana, _ := time.LoadLocation("America/Havana")
	n, _ := calendar.DayNumber(2024, time.March, 10)
	fmt.Println(calendar.StartOfDay(n, havana).Format(time.RFC3339))
	// Output: 2024-03-10T01:00:00-04:00
}

// A 14-day window opened on 1 March closes at the start of 15 March in
// the zone; the first day counts as day 1.
func ExampleWindow() {
	sto, _ := time.LoadLocation("Europe/Stockholm")
	w, _ := calendar.Window(time.Date(2024, 3, 1, 15, 0, 0, 0, sto), 14, sto)
	fmt.Println(w.End.Format(time.RFC3339))
	_, err := calendar.Window(w.Start, -1, sto)
	fmt.Println(errors.Is(err, calendar.ErrRange))
	// Output:
	// 2024-03-15T00:00:00+01:00
	// true
}

func ExampleZoneName() {
	t, _ := time.Parse(time.RFC3339, "2024-03-01T10:00:00+01:00")
	fmt.Println(calendar.ZoneName(t), calendar.ZoneName(t.UTC()))
	// Output: +01:00 UTC
}

func ExampleFixedZone() {
	z, _ := calendar.FixedZone(-8 * time.Hour)
	fmt.Println(z, time.Date(2026, 7, 15, 0, 0, 0, 0, z).Format("2006-01-02 15:04 -07:00 MST"))
	_, err := calendar.FixedZone(25 * time.Hour)
	fmt.Println(errors.Is(err, calendar.ErrRange))
	// Output:
	// UTC-08:00 2026-07-15 00:00 -08:00 UTC-08:00
	// true
}

func ExampleParseConvention() {
	c, _ := calendar.ParseConvention("anchor-days")
	b, _ := c.MarshalText()
	fmt.Println(c == calendar.AnchorDays, c.Valid(), string(b))
	_, err := calendar.ParseConvention("days")
	fmt.Println(errors.Is(err, calendar.ErrSyntax))
	// Output:
	// true true anchor-days
	// true
}

// A change on 15 February in a period that starts on 31 January at 09:00:
// by the anchor's clock time 14 whole days had passed and 15 remain (the
// day of the change included); by midnight-to-midnight days the partial
// 31 January and 29 February count as days too.
func ExampleCountDays() {
	p := calendar.Period{Start: time.Date(2024, 1, 31, 9, 0, 0, 0, time.UTC), End: time.Date(2024, 2, 29, 9, 0, 0, 0, time.UTC)}
	at := time.Date(2024, 2, 15, 8, 0, 0, 0, time.UTC)
	for _, c := range []calendar.Convention{calendar.AnchorDays, calendar.CalendarDays} {
		n, _ := calendar.CountDays(p, at, c, nil)
		fmt.Println(n.Convention, n.Zone, n.Used, n.Total, n.From.Format(time.DateTime))
	}
	// Output:
	// anchor-days UTC 14 days 29 days 2024-02-14 09:00:00
	// calendar-days UTC 15 days 30 days 2024-02-15 00:00:00
}

func ExampleYearMonthOf() {
	m, _ := calendar.YearMonthOf(2024, time.December)
	next, _ := m.AddMonths(1)
	n, _ := next.Sub(m)
	fmt.Println(m, next, n, m.Days())
	_, err := m.AddMonths(math.MaxInt)
	fmt.Println(errors.Is(err, calendar.ErrRange))
	// Output:
	// 2024-12 2025-01 1 month 31 days
	// true
}

// The month a sale belongs to, counted in UTC-08:00.
func ExampleYearMonthIn() {
	utc8, _ := calendar.FixedZone(-8 * time.Hour)
	m, _ := calendar.YearMonthIn(time.Date(2024, 5, 1, 3, 0, 0, 0, time.UTC), utc8)
	fmt.Println(m, m.Year(), m.Month())
	// Output: 2024-04 2024 April
}

func ExampleParseYearMonth() {
	m, _ := calendar.ParseYearMonth("2024-04")
	d, _ := m.Date(15)
	b, _ := m.MarshalText()
	fmt.Println(d, string(b))
	_, err := calendar.ParseYearMonth("2024-13")
	fmt.Println(errors.Is(err, calendar.ErrRange))
	// Output:
	// 2024-04-15 2024-04
	// true
}

// A stored answer's zone name gives its location back without a
// time-zone database when it is UTC or a fixed offset.
func ExampleZoneOf() {
	for _, name := range []string{"UTC", "+01:00", "UTC-08:00", "Europe/Stockholm"} {
		loc, ok := calendar.ZoneOf(name)
		if !ok {
			fmt.Println(name, "needs time.LoadLocation")
			continue
		}
		t := time.Date(2026, 7, 15, 0, 0, 0, 0, loc)
		fmt.Println(name, t.Format(time.RFC3339), calendar.ZoneName(t) == name)
	}
	// Output:
	// UTC 2026-07-15T00:00:00Z true
	// +01:00 2026-07-15T00:00:00+01:00 true
	// UTC-08:00 2026-07-15T00:00:00-08:00 true
	// Europe/Stockholm needs time.LoadLocation
}

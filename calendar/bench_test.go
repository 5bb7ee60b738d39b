package calendar

import (
	"testing"
	"time"
)

var (
	benchAnchor = time.Date(2024, 1, 31, 9, 30, 0, 0, time.UTC)
	benchAt     = time.Date(2026, 7, 15, 3, 0, 0, 0, time.UTC)
)

// The UTC fast path allocates nothing: AddMonths, a prepared Calendar's
// periods, DayNumber, CivilDate, DateIn, DayNumberIn and a UTC day count.
func TestZeroAllocations(t *testing.T) {
	cal := NewCalendar(benchAnchor)
	p := Period{Start: benchAnchor, End: benchAnchor.Add(30 * 24 * time.Hour)}
	sto, _ := time.LoadLocation("Europe/Stockholm")
	z := NewZone(sto, benchAt)
	for name, f := range map[string]func(){
		"AddMonths":          func() { _, _ = AddMonths(benchAnchor, 25) },
		"Calendar.AddMonths": func() { _, _ = cal.AddMonths(25) },
		"Calendar.PeriodAt":  func() { _, _, _ = cal.PeriodAt(1, benchAt) },
		"Cycle.At":           func() { _, _, _ = Cycle{Anchor: benchAnchor, Months: 12}.At(benchAt) },
		"DayNumber":          func() { _, _ = DayNumber(2024, 2, 29) },
		"CivilDate":          func() { _, _, _, _ = CivilDate(19782) },
		"DateIn":             func() { _, _ = DateIn(benchAt, nil) },
		"DayNumberIn":        func() { _ = DayNumberIn(benchAt, sto) },
		"Zone.DayNumber":     func() { _ = z.DayNumber(benchAt) },
		"CountDays":          func() { _, _ = CountDays(p, benchAnchor.Add(100*time.Hour), AnchorDays, nil) },
		"ZoneName":           func() { _ = ZoneName(benchAt) },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations", name, n)
		}
	}
}

func BenchmarkAddMonthsUTC(b *testing.B) {
	for b.Loop() {
		_, _ = AddMonths(benchAnchor, 25)
	}
}

func BenchmarkAddMonthsZoned(b *testing.B) {
	sto, _ := time.LoadLocation("Europe/Stockholm")
	a := benchAnchor.In(sto)
	for b.Loop() {
		_, _ = AddMonths(a, 25)
	}
}

func BenchmarkCalendarPeriodAt(b *testing.B) {
	cal := NewCalendar(benchAnchor)
	for b.Loop() {
		_, _, _ = cal.PeriodAt(1, benchAt)
	}
}

func BenchmarkCycleAt(b *testing.B) {
	c := Cycle{Anchor: benchAnchor, Months: 1}
	for b.Loop() {
		_, _, _ = c.At(benchAt)
	}
}

func BenchmarkDayNumberCivilDate(b *testing.B) {
	for b.Loop() {
		n, _ := DayNumber(2024, 2, 29)
		_, _, _, _ = CivilDate(n)
	}
}

func BenchmarkWindowZoned(b *testing.B) {
	sto, _ := time.LoadLocation("Europe/Stockholm")
	a := benchAt.In(sto)
	for b.Loop() {
		_, _ = Window(a, 14, sto)
	}
}

package plan_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/plan"
)

// The deprecated date names forward to package calendar and keep their
// old answers for dates in range (and their old arithmetic outside).
func TestDeprecatedDateForwarders(t *testing.T) {
	if plan.DayNumber(1970, 1, 1) != 0 || plan.DayNumber(2024, 1, 32) != plan.DayNumber(2024, 2, 1) ||
		plan.DayNumber(2024, 13, 1) != plan.DayNumber(2025, 1, 1) || plan.DayNumber(2024, 0, 1) != plan.DayNumber(2023, 12, 1) ||
		plan.DayNumber(math.MaxInt/16, 1, 1) != 0 {
		t.Error("DayNumber")
	}
	if y, m, d := plan.CivilDate(19782); y != 2024 || m != 2 || d != 29 {
		t.Error("CivilDate", y, m, d)
	}
	if plan.DaysIn(2024, 2) != 29 || plan.DaysIn(2024, 13) != 0 {
		t.Error("DaysIn")
	}
	jan31 := time.Date(2024, 1, 31, 9, 0, 0, 0, time.UTC)
	if got := plan.AddMonths(jan31, 1); !got.Equal(time.Date(2024, 2, 29, 9, 0, 0, 0, time.UTC)) {
		t.Error("AddMonths", got)
	}
	if got := plan.AddMonths(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), 2); got.Year() != 10000 || got.Month() != 2 || got.Day() != 29 {
		t.Error("AddMonths past 9999", got)
	}
	if got := plan.AddMonths(time.Date(1, 1, 31, 0, 0, 0, 0, time.UTC), -1); got.Year() != 0 || got.Month() != 12 {
		t.Error("AddMonths before year 1", got)
	}
	cal := plan.NewCalendar(jan31)
	if !cal.Anchor().Equal(jan31) || !cal.AddMonths(1).Equal(plan.AddMonths(jan31, 1)) || cal.AddMonths(200000).IsZero() {
		t.Error("Calendar")
	}
	if n, p := cal.PeriodAt(1, time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)); n != 1 || p.Start.Day() != 29 {
		t.Error("PeriodAt", n, p)
	}
	if n, p := cal.PeriodAt(0, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)); n != 0 || !p.Start.Equal(jan31) {
		t.Error("PeriodAt before the anchor", n, p)
	}
	if n, p := cal.PeriodAt(math.MaxInt, jan31); n != 0 || !p.IsZero() {
		t.Error("PeriodAt out of range", n, p)
	}
	c := plan.OneMonth.Cycle(jan31)
	if p := c.Period(1); p.Start.Day() != 29 {
		t.Error("Cycle.Period", p)
	}
	if _, _, err := c.At(jan31.Add(-1)); !errors.Is(err, plan.ErrCycle) || !errors.Is(err, calendar.ErrBeforeAnchor) {
		t.Error("Cycle.At", err)
	}
	if n, p, err := c.At(jan31); n != 0 || err != nil || !p.Start.Equal(jan31) {
		t.Error("Cycle.At", n, p, err)
	}
}

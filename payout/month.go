package payout

import (
	"time"

	"github.com/marketrules/marketrules/calendar"
)

// Payout months are [calendar.YearMonth] values: 2024-04, ordered with <,
// "2006-01" in text, the zero value unset. The helpers below keep the
// package's arithmetic on months in one place; their inputs are valid by
// construction (transaction dates lie in the years 2…9000 and policy
// offsets are at most 100 years).

// monthOf returns the month of year y and month m; the zero (unset)
// month when it is out of range.
func monthOf(y int, m time.Month) calendar.YearMonth {
	ym, _ := calendar.YearMonthOf(y, m)
	return ym
}

// monthIn returns the calendar month of instant t in zone loc.
func monthIn(t time.Time, loc *time.Location) calendar.YearMonth {
	y, m, _ := t.In(loc).Date()
	return monthOf(y, m)
}

// startOf returns the first instant of month m in zone loc (UTC when
// nil).
func startOf(m calendar.YearMonth, loc *time.Location) time.Time { return dayOf(m, 1, loc) }

// dayOf returns midnight at the start of day d of month m in zone loc
// (UTC when nil).
func dayOf(m calendar.YearMonth, d int, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(m.Year(), m.Month(), d, 0, 0, 0, 0, loc)
}

package calendar

import "strconv"

// Days is a count of calendar days: the unit of calendar-day windows
// ("within 14 days") and of day counts in a period. It is a count, not a
// duration: a calendar day lasts 23, 24 or 25 hours where clocks change.
type Days int

// String returns "1 day", "14 days".
func (n Days) String() string {
	if n == 1 || n == -1 {
		return strconv.Itoa(int(n)) + " day"
	}
	return strconv.Itoa(int(n)) + " days"
}

// Months is a count of calendar months: the unit of billing terms,
// periods and trial lengths. Adding months keeps the day of the month,
// clamped to the month's end ([AddMonths]).
type Months int

// String returns "1 month", "12 months".
func (n Months) String() string {
	if n == 1 || n == -1 {
		return strconv.Itoa(int(n)) + " month"
	}
	return strconv.Itoa(int(n)) + " months"
}

package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date of the proleptic Gregorian calendar, such as
// 2024-02-29, without a time of day or a zone: the day a payout is made,
// the day a window closes. It is a small comparable value, usable as a
// map key; dates order with [Date.Compare].
//
// Valid dates run from 0001-01-01 to 9999-12-31; the package's
// constructors make no other. The zero Date is "unset": it is not a
// date, [Date.IsZero] reports it, it prints as "" and marshals to "".
// In text and JSON a Date is "2006-01-02".
type Date struct {
	y    int16
	m, d uint8
}

// DateOf returns the date y-m-d. A year outside 1–9999, a month outside
// 1–12 or a day outside the month is an error wrapping [ErrRange]:
// nothing is normalized.
func DateOf(y int, m time.Month, d int) (Date, error) {
	if y < MinYear || y > MaxYear || m < time.January || m > time.December || d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("%w: date %d-%02d-%02d (want years %d to %d, a month 1 to 12, a day of the month)",
			ErrRange, y, int(m), d, MinYear, MaxYear)
	}
	return Date{int16(y), uint8(m), uint8(d)}, nil
}

// MustDate is [DateOf] for dates known to be valid; it panics on an
// invalid one.
func MustDate(y int, m time.Month, d int) Date {
	dt, err := DateOf(y, m, d)
	if err != nil {
		panic(err)
	}
	return dt
}

// DateOfDay returns the date of day number n (days from 1970-01-01, see
// [DayNumber]); a day outside the years 1–9999 is an error wrapping
// [ErrRange].
func DateOfDay(n int64) (Date, error) {
	if n < minDay || n > maxDay {
		return Date{}, fmt.Errorf("%w: day number %d is outside the years %d to %d", ErrRange, n, MinYear, MaxYear)
	}
	y, m, d := civil(n)
	return Date{int16(y), uint8(m), uint8(d)}, nil
}

// The day numbers of 0001-01-01 and 9999-12-31.
const (
	minDay = -719162
	maxDay = 2932896
)

// DateIn returns the date of instant t on the calendar of zone loc (UTC
// when loc is nil). An instant whose date there is outside the years
// 1–9999 is an error wrapping [ErrRange].
func DateIn(t time.Time, loc *time.Location) (Date, error) {
	if loc == nil {
		loc = time.UTC
	}
	return DateOfDay(DayNumberIn(t, loc))
}

// ParseDate parses "2006-01-02": four digits of year (0001–9999), two of
// month and two of day. Anything else is an error wrapping [ErrSyntax];
// a well-formed date that does not exist (2023-02-29) wraps [ErrRange].
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%w: %q is not a date (want YYYY-MM-DD)", ErrSyntax, clip(s))
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("%w: %q is not a date (want YYYY-MM-DD)", ErrSyntax, clip(s))
	}
	return DateOf(y, time.Month(m), d)
}

// digits parses a string of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// IsZero reports whether d is the zero Date ("unset").
func (d Date) IsZero() bool { return d == Date{} }

// Year returns the date's year (0 for the zero Date).
func (d Date) Year() int { return int(d.y) }

// Month returns the date's month (0 for the zero Date).
func (d Date) Month() time.Month { return time.Month(d.m) }

// Day returns the date's day of the month (0 for the zero Date).
func (d Date) Day() int { return int(d.d) }

// DayNumber returns the date's day number: days from 1970-01-01. The
// zero Date has none: an error wrapping [ErrRange].
func (d Date) DayNumber() (int64, error) {
	if d.IsZero() {
		return 0, fmt.Errorf("%w: the zero Date has no day number", ErrRange)
	}
	return dayNumber(int(d.y), time.Month(d.m), int(d.d)), nil
}

// Weekday returns the day of the week (time.Sunday for the zero Date,
// which has none).
func (d Date) Weekday() time.Weekday {
	if d.IsZero() {
		return time.Sunday
	}
	n := dayNumber(int(d.y), time.Month(d.m), int(d.d))
	return time.Weekday((n%7 + 7 + 4) % 7) // 1970-01-01 was a Thursday
}

// Compare returns −1, 0 or +1 as d is before, equal to or after e. The
// zero Date is before every date.
func (d Date) Compare(e Date) int {
	a := int64(d.y)<<16 | int64(d.m)<<8 | int64(d.d)
	b := int64(e.y)<<16 | int64(e.m)<<8 | int64(e.d)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// AddDays returns the date n days after d (before, for negative n). A
// zero d or a result outside the years 1–9999 is an error wrapping
// [ErrRange].
func (d Date) AddDays(n Days) (Date, error) {
	z, err := d.DayNumber()
	if err != nil {
		return Date{}, err
	}
	if n < -(maxDay-minDay) || n > maxDay-minDay {
		return Date{}, fmt.Errorf("%w: %s after %s", ErrRange, n, d)
	}
	return DateOfDay(z + int64(n))
}

// AddMonths returns the date n months after d (before, for negative n),
// the day clamped to the month's end: 2024-01-31 plus 1 month is
// 2024-02-29. A zero d or a result outside the years 1–9999 is an error
// wrapping [ErrRange].
func (d Date) AddMonths(n Months) (Date, error) {
	if d.IsZero() {
		return Date{}, fmt.Errorf("%w: the zero Date", ErrRange)
	}
	y, m, err := addMonthsYM(int(d.y), time.Month(d.m), n)
	if err != nil {
		return Date{}, err
	}
	return Date{int16(y), uint8(m), uint8(min(int(d.d), daysIn(y, m)))}, nil
}

// addMonthsYM returns year y, month m plus n months, or an error wrapping
// ErrRange if the year leaves MinYear–MaxYear. No arithmetic overflows:
// n is checked against the span of the calendar first.
func addMonthsYM(y int, m time.Month, n Months) (int, time.Month, error) {
	if n < -maxMonths || n > maxMonths || y < -maxAbsYear || y > maxAbsYear {
		return 0, 0, monthsError(y, m, n)
	}
	total := int64(y)*12 + int64(m) - 1 + int64(n)
	yy := floorDiv(total, 12)
	if yy < MinYear || yy > MaxYear {
		return 0, 0, monthsError(y, m, n)
	}
	return int(yy), time.Month(total-yy*12) + 1, nil
}

// monthsError reports y-m plus n months outside the calendar's years. It
// is a function of its own so that addMonthsYM stays small enough to
// inline.
//
//go:noinline
func monthsError(y int, m time.Month, n Months) error {
	return fmt.Errorf("%w: %d-%02d plus %s is outside the years %d to %d", ErrRange, y, int(m), n, MinYear, MaxYear)
}

// Sub returns the number of days from e to d: 2024-03-01 minus 2024-02-28
// is 2 days. Either date zero is an error wrapping [ErrRange].
func (d Date) Sub(e Date) (Days, error) {
	a, err := d.DayNumber()
	if err != nil {
		return 0, err
	}
	b, err := e.DayNumber()
	if err != nil {
		return 0, err
	}
	return Days(a - b), nil
}

// In returns the first instant of the date in zone loc (UTC when loc is
// nil): local midnight, or where a clock change skips midnight, the
// instant the day begins (see [StartOfDay]). The zero Date is an error
// wrapping [ErrRange].
func (d Date) In(loc *time.Location) (time.Time, error) {
	n, err := d.DayNumber()
	if err != nil {
		return time.Time{}, err
	}
	if loc == nil {
		loc = time.UTC
	}
	return StartOfDay(n, loc), nil
}

// String returns "2006-01-02", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var b [10]byte
	return string(d.appendText(b[:0]))
}

func (d Date) appendText(b []byte) []byte {
	y, m, dd := int(d.y), int(d.m), int(d.d)
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+dd/10), byte('0'+dd%10))
}

// AppendText implements [encoding.TextAppender]: "2006-01-02", nothing
// for the zero Date.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.IsZero() {
		return b, nil
	}
	return d.appendText(b), nil
}

// MarshalText implements [encoding.TextMarshaler]: "2006-01-02", or ""
// for the zero Date.
func (d Date) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseDate];
// "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

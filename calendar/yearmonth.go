package calendar

import (
	"fmt"
	"strconv"
	"time"
)

// YearMonth is a calendar month of a year, such as 2024-04: the unit in
// which payouts and statements are made. It is a small comparable value
// that orders chronologically with < and is usable as a map key.
//
// Valid months run from 0001-01 to 9999-12. The zero YearMonth is
// "unset": it prints and marshals as "". In text and JSON a YearMonth is
// "2006-01".
type YearMonth int32

// ymOf is the YearMonth of a valid year and month: months since year 0,
// plus one, so that the zero value is unset.
func ymOf(y int, m time.Month) YearMonth { return YearMonth(int32(y)*12 + int32(m)) }

// YearMonthOf returns the month m of year y. A year outside 1–9999 or a
// month outside 1–12 is an error wrapping [ErrRange].
func YearMonthOf(y int, m time.Month) (YearMonth, error) {
	if y < MinYear || y > MaxYear || m < time.January || m > time.December {
		return 0, fmt.Errorf("%w: month %d-%02d (want years %d to %d, months 1 to 12)", ErrRange, y, int(m), MinYear, MaxYear)
	}
	return ymOf(y, m), nil
}

// YearMonthIn returns the month of instant t on the calendar of zone loc
// (UTC when nil); a month outside the years 1–9999 is an error wrapping
// [ErrRange].
func YearMonthIn(t time.Time, loc *time.Location) (YearMonth, error) {
	d, err := DateIn(t, loc)
	if err != nil {
		return 0, err
	}
	return ymOf(d.Year(), d.Month()), nil
}

// ParseYearMonth parses "2006-01". Anything else is an error wrapping
// [ErrSyntax]; year 0000 or month 13 wrap [ErrRange].
func ParseYearMonth(s string) (YearMonth, error) {
	if len(s) != 7 || s[4] != '-' {
		return 0, fmt.Errorf("%w: %q is not a month (want YYYY-MM)", ErrSyntax, clip(s))
	}
	y, ok1 := digits(s[:4])
	m, ok2 := digits(s[5:])
	if !ok1 || !ok2 {
		return 0, fmt.Errorf("%w: %q is not a month (want YYYY-MM)", ErrSyntax, clip(s))
	}
	return YearMonthOf(y, time.Month(m))
}

// Valid reports whether m is between 0001-01 and 9999-12.
func (m YearMonth) Valid() bool {
	return m >= ymOf(MinYear, time.January) && m <= ymOf(MaxYear, time.December)
}

// IsZero reports whether m is the zero YearMonth ("unset").
func (m YearMonth) IsZero() bool { return m == 0 }

// Year returns the month's year (0 for an invalid month).
func (m YearMonth) Year() int {
	if !m.Valid() {
		return 0
	}
	return int(m-1) / 12
}

// Month returns the month of the year, January to December (0 for an
// invalid month).
func (m YearMonth) Month() time.Month {
	if !m.Valid() {
		return 0
	}
	return time.Month((m-1)%12) + 1
}

// AddMonths returns the month n months after m (before, for negative n).
// An invalid m or a result outside 0001-01 to 9999-12 is an error
// wrapping [ErrRange].
func (m YearMonth) AddMonths(n Months) (YearMonth, error) {
	if !m.Valid() {
		return 0, fmt.Errorf("%w: %s", ErrRange, m.label())
	}
	y, mo, err := addMonthsYM(m.Year(), m.Month(), n)
	if err != nil {
		return 0, err
	}
	return ymOf(y, mo), nil
}

// Sub returns the number of months from o to m: 2024-04 minus 2024-01 is
// 3 months. Invalid months are an error wrapping [ErrRange].
func (m YearMonth) Sub(o YearMonth) (Months, error) {
	if !m.Valid() || !o.Valid() {
		return 0, fmt.Errorf("%w: %s minus %s", ErrRange, m.label(), o.label())
	}
	return Months(m - o), nil
}

// Date returns day d of the month. An invalid month or a day outside it
// is an error wrapping [ErrRange].
func (m YearMonth) Date(d int) (Date, error) {
	if !m.Valid() {
		return Date{}, fmt.Errorf("%w: %s", ErrRange, m.label())
	}
	return DateOf(m.Year(), m.Month(), d)
}

// Days returns the number of days of the month, 28 to 31 (0 for an
// invalid month).
func (m YearMonth) Days() Days {
	if !m.Valid() {
		return 0
	}
	return Days(daysIn(m.Year(), m.Month()))
}

func (m YearMonth) label() string {
	if m == 0 {
		return "the zero YearMonth"
	}
	return m.String()
}

// String returns "2006-01", "" for the zero YearMonth, or
// "calendar.YearMonth(n)" for another invalid value.
func (m YearMonth) String() string {
	switch {
	case m == 0:
		return ""
	case !m.Valid():
		return "calendar.YearMonth(" + strconv.Itoa(int(m)) + ")"
	}
	var b [7]byte
	return string(m.appendText(b[:0]))
}

func (m YearMonth) appendText(b []byte) []byte {
	y, mo := m.Year(), int(m.Month())
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+mo/10), byte('0'+mo%10))
}

// AppendText implements [encoding.TextAppender]: "2006-01", nothing for
// the zero YearMonth; another invalid value is an error wrapping
// [ErrRange].
func (m YearMonth) AppendText(b []byte) ([]byte, error) {
	switch {
	case m == 0:
		return b, nil
	case !m.Valid():
		return b, fmt.Errorf("%w: %s", ErrRange, m)
	}
	return m.appendText(b), nil
}

// MarshalText implements [encoding.TextMarshaler].
func (m YearMonth) MarshalText() ([]byte, error) { return m.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler] with
// [ParseYearMonth]; "" is the zero YearMonth.
func (m *YearMonth) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*m = 0
		return nil
	}
	v, err := ParseYearMonth(string(b))
	if err == nil {
		*m = v
	}
	return err
}

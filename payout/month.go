package payout

import (
	"fmt"
	"strconv"
	"time"
)

// Month is a calendar month, such as 2024-04: the unit in which payouts are
// made (PAY-01). It is a small comparable value that orders
// chronologically with < and is usable as a map key.
//
// The zero Month is unset (it would be year 0, which is not valid): it
// marshals to "" and "" reads back as it. Valid months run from 0001-01 to
// 9999-12. In text and JSON a Month is "2006-01".
type Month int32

// MonthOf returns the month of year and month; MonthOf(2024, time.April)
// is 2024-04. Months outside 1…12 are normalized as time.Date does them:
// MonthOf(2024, 13) is 2025-01. A result outside 0001-01…9999-12 is the
// zero Month, which is not Valid.
func MonthOf(year int, month time.Month) Month {
	if year < 0 || year > 10000 || month < -120000 || month > 120000 {
		return 0
	}
	m := int64(year)*12 + int64(month) - 1
	if m < 12 || m > 9999*12+11 {
		return 0
	}
	return Month(m)
}

// MonthIn returns the calendar month of instant t in zone loc (UTC when loc
// is nil).
func MonthIn(t time.Time, loc *time.Location) Month {
	if loc == nil {
		loc = time.UTC
	}
	y, m, _ := t.In(loc).Date()
	return MonthOf(y, m)
}

// ParseMonth parses "2006-01" (also "2006-1"). The year must be 1…9999.
func ParseMonth(s string) (Month, error) {
	ys, ms, ok := cut(s, '-')
	if ok && len(ys) == 4 && len(ms) >= 1 && len(ms) <= 2 {
		y, err1 := strconv.Atoi(ys)
		mo, err2 := strconv.Atoi(ms)
		if err1 == nil && err2 == nil && ys[0] != '+' && ms[0] != '+' && mo >= 1 && mo <= 12 && y >= 1 {
			return MonthOf(y, time.Month(mo)), nil
		}
	}
	return 0, fmt.Errorf("payout: invalid month %q (want YYYY-MM): %w", truncate(s, 40), ErrDate)
}

func cut(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// Valid reports whether m is between 0001-01 and 9999-12.
func (m Month) Valid() bool {
	return m >= MonthOf(1, time.January) && m <= MonthOf(9999, time.December)
}

// Year returns the month's year.
func (m Month) Year() int { return int(floorDiv(int32(m), 12)) }

// Month returns the month of the year, January to December.
func (m Month) Month() time.Month { return time.Month(int32(m)-floorDiv(int32(m), 12)*12) + 1 }

func floorDiv(a, b int32) int32 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// AddMonths returns the month n months after m (before, for negative n).
// When m is not valid or the result would be outside 0001-01…9999-12, it
// returns the zero Month, which is not Valid: it never wraps round.
func (m Month) AddMonths(n int) Month {
	if !m.Valid() || n > 12*10000 || n < -12*10000 {
		return 0
	}
	r := Month(int64(m) + int64(n))
	if !r.Valid() {
		return 0
	}
	return r
}

// Sub returns the number of months from o to m: 2024-04 minus 2024-01 is 3.
func (m Month) Sub(o Month) int { return int(m) - int(o) }

// Start returns the first instant of the month in zone loc (UTC when loc
// is nil).
func (m Month) Start(loc *time.Location) time.Time { return m.Day(1, loc) }

// Day returns midnight at the start of day d of the month in zone loc (UTC
// when loc is nil). Days past the month's end roll over as in time.Date.
func (m Month) Day(d int, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(m.Year(), m.Month(), d, 0, 0, 0, 0, loc)
}

// String returns "2006-01", or "Month(n)" for an invalid month.
func (m Month) String() string {
	if !m.Valid() {
		return "Month(" + strconv.Itoa(int(m)) + ")"
	}
	var b [7]byte
	return string(m.appendText(b[:0]))
}

func (m Month) appendText(b []byte) []byte {
	y, mo := m.Year(), int(m.Month())
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	return append(b, byte('0'+mo/10), byte('0'+mo%10))
}

// AppendText implements [encoding.TextAppender]: "2006-01", nothing for
// the zero Month, and an error wrapping ErrDate for another invalid month.
func (m Month) AppendText(b []byte) ([]byte, error) {
	if m == 0 {
		return b, nil
	}
	if !m.Valid() {
		return b, fmt.Errorf("payout: invalid month %s: %w", m.String(), ErrDate)
	}
	return m.appendText(b), nil
}

// MarshalText implements [encoding.TextMarshaler]: "2006-01", "" for the
// zero Month.
func (m Month) MarshalText() ([]byte, error) { return m.AppendText([]byte{}) }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseMonth];
// "" is the zero Month.
func (m *Month) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*m = 0
		return nil
	}
	v, err := ParseMonth(string(b))
	if err == nil {
		*m = v
	}
	return err
}

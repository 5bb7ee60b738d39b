package calendar

import (
	"fmt"
	"time"
)

// The years a [Date], a [YearMonth] and the results of month arithmetic
// cover: those RFC 3339 can write.
const (
	MinYear = 1
	MaxYear = 9999
)

// maxAbsYear bounds the years of the day-number arithmetic ([DayNumber],
// [CivilDate]): wide enough for the date of every instant time.Time
// represents in any zone (about ±2.9×10¹¹ years), narrow enough that no
// intermediate product overflows.
const maxAbsYear = 1 << 40

// maxAbsDay is the day number of the first day after year maxAbsYear (an
// over-estimate that keeps CivilDate's arithmetic in range).
const maxAbsDay = (maxAbsYear/400 + 8) * 146097

// maxMonths is the most months between two dates of the years
// MinYear–MaxYear: a larger count of months always leaves that range.
const maxMonths = (MaxYear - MinYear + 1) * 12

// DaysIn returns the number of days of month m of year y of the
// proleptic Gregorian calendar: 28 to 31. A month outside January to
// December is an error wrapping [ErrRange] (it is never normalized).
func DaysIn(y int, m time.Month) (int, error) {
	if m < time.January || m > time.December {
		return 0, fmt.Errorf("%w: month %d (want 1 to 12)", ErrRange, int(m))
	}
	return daysIn(y, m), nil
}

// daysIn is DaysIn for m in 1…12, by arithmetic.
func daysIn(y int, m time.Month) int {
	if m == time.February {
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	// Bit m is set for the 31-day months: Jan, Mar, May, Jul, Aug, Oct, Dec.
	return 30 + int(0x15AA>>uint(m)&1)
}

// DayNumber returns the day number of the date y-m-d of the proleptic
// Gregorian calendar: the number of days from 1970-01-01 (negative
// before). A month outside 1–12, a day outside the month or a year beyond
// ±2⁴⁰ is an error wrapping [ErrRange]; nothing is normalized (Jan 32 is
// an error, not Feb 1). It is Howard Hinnant's days_from_civil, with an
// unsigned fast path for the years from 1 on, and allocates nothing.
func DayNumber(y int, m time.Month, d int) (int64, error) {
	if y < -maxAbsYear || y > maxAbsYear || m < time.January || m > time.December || d < 1 || d > daysIn(y, m) {
		return 0, fmt.Errorf("%w: date %d-%02d-%02d", ErrRange, y, int(m), d)
	}
	return dayNumber(y, m, d), nil
}

// dayNumber is DayNumber for a valid date.
func dayNumber(y int, m time.Month, d int) int64 {
	if y < 1 {
		yy, mm := int64(y), int64(m)
		if mm <= 2 {
			yy--
		}
		era := floorDiv(yy, 400)
		yoe := yy - era*400
		doy := (153*((mm+9)%12)+2)/5 + int64(d) - 1
		return era*146097 + yoe*365 + yoe/4 - yoe/100 + doy - 719468
	}
	yy, mp := uint64(y), uint64(m)-3
	if m <= 2 {
		yy--
		mp = uint64(m) + 9
	}
	era := yy / 400
	yoe := yy - era*400
	doe := yoe*365 + yoe/4 - yoe/100 + (153*mp+2)/5 + uint64(d) - 1
	return int64(era*146097+doe) - 719468
}

// CivilDate is the inverse of [DayNumber]: the date of day number n
// (Howard Hinnant's civil_from_days). A day number beyond the years ±2⁴⁰
// is an error wrapping [ErrRange].
func CivilDate(n int64) (y int, m time.Month, d int, err error) {
	if n < -maxAbsDay || n > maxAbsDay {
		return 0, 0, 0, fmt.Errorf("%w: day number %d", ErrRange, n)
	}
	y, m, d = civil(n)
	if y < -maxAbsYear || y > maxAbsYear {
		return 0, 0, 0, fmt.Errorf("%w: day number %d", ErrRange, n)
	}
	return y, m, d, nil
}

// civil is CivilDate for n within ±maxAbsDay. Days from 0000-03-01 on
// take an unsigned path (unsigned division by a constant is cheaper).
func civil(n int64) (y int, m time.Month, d int) {
	z := n + 719468
	if z < 0 {
		return civilSigned(z)
	}
	u := uint64(z)
	era := u / 146097
	doe := u - era*146097 // 0…146096
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	y = int(yoe + era*400)
	if mp < 10 {
		return y, time.Month(mp + 3), d
	}
	return y + 1, time.Month(mp - 9), d
}

// civilSigned is civil for days before 0000-03-01 (z already shifted).
func civilSigned(z int64) (y int, m time.Month, d int) {
	era := floorDiv(z, 146097)
	doe := z - era*146097 // 0…146096
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	y = int(yoe + era*400)
	if mp < 10 {
		return y, time.Month(mp + 3), d
	}
	return y + 1, time.Month(mp - 9), d
}

// floorDiv returns a/b rounded toward negative infinity (b > 0).
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

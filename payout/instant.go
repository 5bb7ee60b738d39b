package payout

import (
	"time"

	"github.com/marketrules/marketrules/calendar"
)

// parseInstant parses an RFC 3339 instant or a date, midnight in zone,
// accepting exactly what time.Parse(time.RFC3339, s) and
// time.ParseInLocation(time.DateOnly, s, zone) accept and giving the same
// instants, offsets and zones. The forms a file has, such as
// "2024-01-15T10:30:00Z", "2024-01-15T02:30:00.5-08:00" and "2024-01-15",
// are read by hand without allocating; anything else (such as a one-digit
// hour, which time.Parse also reads) goes to time.Parse.
func parseInstant(s string, zone *time.Location) (time.Time, bool) {
	if len(s) == len("2006-01-02") {
		day, y, m, d, ok := parseDate(s)
		if !ok {
			return time.Time{}, false
		}
		return midnight(day, y, m, d, zone), true
	}
	if t, ok := parseRFC3339(s); ok {
		return t, true
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

// parseDate reads "YYYY-MM-DD", a valid civil date of the years 0…9999,
// and returns its day number (calendar.DayNumber) with its year, month
// and day.
func parseDate(s string) (dayNumber int64, year, month, day int, ok bool) {
	if len(s) < 10 {
		return 0, 0, 0, 0, false
	}
	s = s[:10]
	y1, ok1 := digits2(s[0], s[1])
	y2, ok2 := digits2(s[2], s[3])
	m, ok3 := digits2(s[5], s[6])
	d, ok4 := digits2(s[8], s[9])
	y := y1*100 + y2
	if !(ok1 && ok2 && ok3 && ok4) || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, 0, false
	}
	n, err := calendar.DayNumber(y, time.Month(m), d) // an error for month 13 or day 32
	return n, y, m, d, err == nil
}

// digits2 reads two decimal digits.
func digits2(a, b byte) (int, bool) {
	a -= '0'
	b -= '0'
	return int(a)*10 + int(b), a <= 9 && b <= 9
}

// parseRFC3339 reads "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)" as
// time.Parse's own RFC 3339 fast path does; false for anything else.
func parseRFC3339(s string) (time.Time, bool) {
	day, _, _, _, ok := parseDate(s)
	if !ok || len(s) < len("2006-01-02T15:04:05Z") || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	hh, ok1 := digits2(s[11], s[12])
	mm, ok2 := digits2(s[14], s[15])
	ss, ok3 := digits2(s[17], s[18])
	if !ok1 || !ok2 || !ok3 || hh > 23 || mm > 59 || ss > 59 {
		return time.Time{}, false
	}
	s = s[19:]
	nsec := 0
	if len(s) >= 2 && s[0] == '.' && isDigit(s[1]) {
		n := 1
		for n < len(s) && isDigit(s[n]) {
			if n <= 9 { // digits after the ninth are ignored, as time.Parse does
				nsec = nsec*10 + int(s[n]-'0')
			}
			n++
		}
		for i := n; i <= 9; i++ {
			nsec *= 10
		}
		s = s[n:]
	}
	sec := day*secondsPerDay + int64(hh*3600+mm*60+ss)
	if len(s) == 1 && s[0] == 'Z' {
		return time.Unix(sec, int64(nsec)).UTC(), true
	}
	if len(s) != len("-07:00") || (s[0] != '-' && s[0] != '+') || s[3] != ':' {
		return time.Time{}, false
	}
	zh, ok1 := digits2(s[1], s[2])
	zm, ok2 := digits2(s[4], s[5])
	if !ok1 || !ok2 || zh > 23 || zm > 59 {
		return time.Time{}, false
	}
	offset := (zh*60 + zm) * 60
	if s[0] == '-' {
		offset = -offset
	}
	t := time.Unix(sec-int64(offset), int64(nsec))
	// As time.Parse: the local zone when it has this offset at t, else a
	// fixed zone without a name.
	if _, off := t.In(time.Local).Zone(); off == offset {
		return t.In(time.Local), true
	}
	return t.In(time.FixedZone("", offset)), true
}

const secondsPerDay = 24 * 60 * 60

// pstOffset is the offset of pst, in seconds.
const pstOffset = -8 * 60 * 60

// midnight is time.Date(y, m, d, 0, 0, 0, 0, zone), quicker for the
// fixed zones PST and UTC from the date's day number.
func midnight(day int64, y, m, d int, zone *time.Location) time.Time {
	switch zone {
	case pst:
		return time.Unix(day*secondsPerDay-pstOffset, 0).In(pst)
	case time.UTC:
		return time.Unix(day*secondsPerDay, 0).UTC()
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, zone)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// dateCache remembers the instants of the dates ("2024-01-15") a reader
// has parsed in its zone, as a file has few distinct dates: a table
// indexed by month and day, an entry replaced by the same day of another
// year.
type dateCache [512]struct {
	lo uint64 // the first 8 bytes of the date; 0 when empty, never 0 when filled (byte 4 is '-')
	hi uint16 // its last 2 bytes
	t  time.Time
}

// parseInstant is parseInstant(s, zone); zone must be the same at every
// call.
func (c *dateCache) parseInstant(s string, zone *time.Location) (time.Time, bool) {
	if len(s) != len("2006-01-02") {
		return parseInstant(s, zone)
	}
	lo := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	hi := uint16(s[8]) | uint16(s[9])<<8
	md := int(s[5]&15)*10 + int(s[6]&15) // the month, for digits
	md = md*31 + int(s[8]&15)*10 + int(s[9]&15)
	e := &c[md&(len(c)-1)]
	if e.lo == lo && e.hi == hi && lo != 0 { // an empty entry matches no input, not even ten NULs
		return e.t, true
	}
	t, ok := parseInstant(s, zone)
	if ok {
		e.lo, e.hi, e.t = lo, hi, t
	}
	return t, ok
}

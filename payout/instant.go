package payout

import "time"

// parseInstant parses an RFC 3339 instant or a date, midnight in zone,
// accepting exactly what time.Parse(time.RFC3339, s) and
// time.ParseInLocation(time.DateOnly, s, zone) accept and giving the same
// instants, offsets and zones. The forms a file has, such as
// "2024-01-15T10:30:00Z", "2024-01-15T02:30:00.5-08:00" and "2024-01-15",
// are read by hand without allocating; anything else (such as a one-digit
// hour, which time.Parse also reads) goes to time.Parse.
func parseInstant(s string, zone *time.Location) (time.Time, bool) {
	if len(s) == len("2006-01-02") {
		y, m, d, ok := parseDate(s)
		if !ok {
			return time.Time{}, false
		}
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, zone), true
	}
	if t, ok := parseRFC3339(s); ok {
		return t, true
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

// parseDate reads "YYYY-MM-DD", a valid civil date of the years 0…9999.
func parseDate(s string) (year, month, day int, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// parseRFC3339 reads "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)" as
// time.Parse's own RFC 3339 fast path does; false for anything else.
func parseRFC3339(s string) (time.Time, bool) {
	y, m, d, ok := parseDate(s)
	if !ok || len(s) < len("2006-01-02T15:04:05Z") || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	hh, ok1 := digits(s[11:13])
	mm, ok2 := digits(s[14:16])
	ss, ok3 := digits(s[17:19])
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
	if len(s) == 1 && s[0] == 'Z' {
		return time.Date(y, time.Month(m), d, hh, mm, ss, nsec, time.UTC), true
	}
	if len(s) != len("-07:00") || (s[0] != '-' && s[0] != '+') || s[3] != ':' {
		return time.Time{}, false
	}
	zh, ok1 := digits(s[1:3])
	zm, ok2 := digits(s[4:6])
	if !ok1 || !ok2 || zh > 23 || zm > 59 {
		return time.Time{}, false
	}
	offset := (zh*60 + zm) * 60
	if s[0] == '-' {
		offset = -offset
	}
	t := time.Date(y, time.Month(m), d, hh, mm, ss, nsec, time.UTC).Add(time.Duration(-offset) * time.Second)
	// As time.Parse: the local zone when it has this offset at t, else a
	// fixed zone without a name.
	if _, off := t.In(time.Local).Zone(); off == offset {
		return t.In(time.Local), true
	}
	return t.In(time.FixedZone("", offset)), true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digits reads a short run of decimal digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the days of month m (1…12) of year y.
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

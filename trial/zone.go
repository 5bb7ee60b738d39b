package trial

import (
	"strconv"
	"time"
)

// zoneName names the location whose calendar an instant counts in: the
// location's name ("UTC", "Europe/Stockholm", "Local"), or for a fixed
// zone without a name (as time.Parse returns for "+01:00") its offset,
// "+01:00". It does not allocate for offsets in whole quarter hours.
func zoneName(t time.Time) string {
	if n := t.Location().String(); n != "" {
		return n
	}
	_, off := t.Zone()
	if off%900 == 0 && off >= -maxOffset && off <= maxOffset {
		return quarterHours[off/900+maxOffset/900]
	}
	return formatOffset(off)
}

const maxOffset = 24 * 3600

// quarterHours holds the names of the offsets from −24:00 to +24:00 in
// steps of 15 minutes. Never written after initialization.
var quarterHours = func() (names [2*maxOffset/900 + 1]string) {
	for i := range names {
		names[i] = formatOffset((i - maxOffset/900) * 900)
	}
	return names
}()

// formatOffset returns "+01:00", "-05:30", or "+00:53:28" for an offset
// with seconds.
func formatOffset(off int) string {
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b := []byte{sign}
	b = append2(b, off/3600)
	b = append(b, ':')
	b = append2(b, off/60%60)
	if s := off % 60; s != 0 {
		b = append(b, ':')
		b = append2(b, s)
	}
	return string(b)
}

func append2(b []byte, n int) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// parseOffset parses a zone name that formatOffset writes, and reports
// whether it is one.
func parseOffset(s string) (int, bool) {
	if len(s) != 6 && len(s) != 9 || (s[0] != '+' && s[0] != '-') || s[3] != ':' || len(s) == 9 && s[6] != ':' {
		return 0, false
	}
	off := 0
	for i, unit := range []int{3600, 60, 1} {
		if 1+3*i >= len(s) {
			break
		}
		d1, d2 := s[1+3*i], s[2+3*i]
		if d1 < '0' || d1 > '9' || d2 < '0' || d2 > '9' {
			return 0, false
		}
		off += (int(d1-'0')*10 + int(d2-'0')) * unit
	}
	if s[0] == '-' {
		off = -off
	}
	if off < -maxOffset || off > maxOffset || formatOffset(off) != s {
		return 0, false
	}
	return off, true
}

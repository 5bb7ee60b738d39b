package trial

// parseOffset parses the name calendar.ZoneName gives an unnamed fixed
// zone ("+01:00", "-05:30", "+00:53:28"), and reports whether s is one.
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
	const maxOffset = 24 * 3600
	if off < -maxOffset || off > maxOffset || (len(s) == 9 && off%60 == 0) || (off == 0 && s[0] == '-') {
		return 0, false
	}
	return off, true
}

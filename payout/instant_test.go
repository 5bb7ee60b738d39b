package payout

import (
	"strings"
	"testing"
	"time"
)

// refInstant is parseInstant as time.Parse reads it: the reference the
// hand-written parser must agree with.
func refInstant(s string, zone *time.Location) (time.Time, bool) {
	var t time.Time
	var err error
	if len(s) == len("2006-01-02") {
		t, err = time.ParseInLocation(time.DateOnly, s, zone)
	} else {
		t, err = time.Parse(time.RFC3339, s)
	}
	return t, err == nil
}

// sameInstant reports whether a and b are the same instant with the same
// zone name and offset.
func sameInstant(a, b time.Time) bool {
	an, ao := a.Zone()
	bn, bo := b.Zone()
	if a.Location() == b.Location() && a != b { // the same encoding, not only the same instant
		return false
	}
	return a.Equal(b) && an == bn && ao == bo && a.Location().String() == b.Location().String()
}

func TestParseInstantAgreesWithTimeParse(t *testing.T) {
	la := time.FixedZone("X", 3600)
	for _, s := range []string{
		"2024-01-15", "2024-02-29", "2023-02-29", "0000-02-29", "1900-02-29", "2000-02-29", "9999-12-31", "2024-13-01",
		"2024-00-10", "2024-01-00", "2024-04-31", "2024-1-015", "+024-01-15", "2024/01/15", "２024-01-1",
		"2024-01-15T10:30:00Z", "2024-01-15T10:30:00.5Z", "2024-01-15T10:30:00.123456789Z",
		"2024-01-15T10:30:00.1234567891234Z", "2024-01-15T10:30:00.Z", "2024-01-15T10:30:00,5Z",
		"2024-01-15T02:30:00-08:00", "2024-01-15T02:30:00+01:00", "2024-01-15T02:30:00+00:00", "2024-01-15T02:30:00-00:00",
		"2024-01-15T02:30:00+23:59", "2024-01-15T02:30:00+24:00", "2024-01-15T02:30:00+01:60", "2024-01-15T02:30:00+0100",
		"2024-01-15T2:30:00Z", "2024-01-15T24:00:00Z", "2024-01-15T23:60:00Z", "2024-01-15T23:59:60Z", "2024-01-15t10:30:00Z",
		"2024-01-15T10:30:00z", "2024-01-15T10:30Z", "2024-01-15 10:30:00Z", "2024-02-30T10:30:00Z", "", "x",
		"2024-01-15T10:30:00.5-08:00", "2024-01-15T10:30:00.-08:00", "2024-01-15T10:30:00Z ",
	} {
		for _, zone := range []*time.Location{pst, time.UTC, la} {
			got, ok := parseInstant(s, zone)
			want, wantOK := refInstant(s, zone)
			if ok != wantOK || (ok && !sameInstant(got, want)) {
				t.Errorf("parseInstant(%q, %v) = %v, %v; time.Parse: %v, %v", s, zone, got, ok, want, wantOK)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() {
		_, _ = parseInstant("2024-01-15T10:30:00.5Z", pst)
		_, _ = parseInstant("2024-01-15", pst)
	}); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// FuzzParseInstant: the hand-written parser accepts exactly what
// time.Parse accepts, with the same instant, offset and zone.
func FuzzParseInstant(f *testing.F) {
	for _, s := range []string{"2024-01-15", "2024-01-15T10:30:00Z", "2024-01-15T10:30:00.123456789+05:30",
		"2024-01-15T1:30:00Z", "2024-02-29T10:30:00,5-08:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999999Z",
		"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"} {
		f.Add(s)
	}
	other := time.FixedZone("X", 5*3600+1800)
	var cache dateCache // shared by the inputs, as a reader's is by its rows
	f.Fuzz(func(t *testing.T, s string) {
		for _, zone := range []*time.Location{pst, time.UTC, other} {
			got, ok := parseInstant(s, zone)
			want, wantOK := refInstant(s, zone)
			if ok != wantOK || (ok && !sameInstant(got, want)) {
				t.Fatalf("parseInstant(%q, %v) = %v, %v; time.Parse: %v, %v", s, zone, got, ok, want, wantOK)
			}
		}
		for range 2 { // a miss, then a hit
			got, ok := cache.parseInstant(s, pst)
			want, wantOK := refInstant(s, pst)
			if ok != wantOK || (ok && !sameInstant(got, want)) {
				t.Fatalf("dateCache.parseInstant(%q) = %v, %v; time.Parse: %v, %v", s, got, ok, want, wantOK)
			}
		}
	})
}

// A reader's date cache gives what parseInstant gives, for dates that
// share a slot (the same day of two years) and for bad dates.
func TestDateCache(t *testing.T) {
	var c dateCache
	for range 2 {
		for _, s := range []string{"2024-01-15", "2023-01-15", "2024-01-15", "2024-02-29", "2023-02-29", "2024-13-45",
			"2024-1x-15", "20a4-01-15", "2024-01-15T10:00:00Z", "2024-12-31", "0000-00-00", "9999-99-99",
			"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"} {
			got, ok := c.parseInstant(s, pst)
			want, wantOK := refInstant(s, pst)
			if ok != wantOK || got != want {
				t.Errorf("%q: %v, %v; want %v, %v", s, got, ok, want, wantOK)
			}
		}
	}
}

func TestPrintableASCII(t *testing.T) {
	for c := 0; c < 256; c++ {
		for _, n := range []int{1, 7, 8, 9, 16, 17} {
			for pos := 0; pos < n; pos++ {
				b := []byte(strings.Repeat("a", n))
				b[pos] = byte(c)
				want := c >= ' ' && c < 0x7f
				if got := printableASCII(string(b)); got != want {
					t.Fatalf("printableASCII(%q) = %v", b, got)
				}
			}
		}
	}
}

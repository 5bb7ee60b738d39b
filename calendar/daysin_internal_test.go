package calendar

import (
	"errors"
	"testing"
	"time"
)

// daysIn by arithmetic agrees with the time package for every month of
// four centuries (leap years, including 1900, 2000 and 2100).
func TestDaysIn(t *testing.T) {
	for y := 1900; y < 2300; y++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(y, m), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%d, %v) = %d, want %d", y, m, got, want)
			}
		}
	}
}

func TestDaysInExported(t *testing.T) {
	for _, c := range []struct {
		y    int
		m    time.Month
		want int
	}{{2024, time.February, 29}, {1900, time.February, 28}, {2000, time.February, 29}, {2023, time.April, 30},
		{1, time.January, 31}, {9999, time.December, 31}, {-4, time.February, 29}} {
		if got, err := DaysIn(c.y, c.m); got != c.want || err != nil {
			t.Errorf("DaysIn(%d, %d) = %d, %v, want %d", c.y, c.m, got, err, c.want)
		}
	}
	// Issue 17: month 13 and month 0 are errors, not 31.
	for _, m := range []time.Month{0, 13, 14, -1} {
		if n, err := DaysIn(2026, m); !errors.Is(err, ErrRange) || n != 0 {
			t.Errorf("DaysIn(2026, %d) = %d, %v", m, n, err)
		}
	}
}

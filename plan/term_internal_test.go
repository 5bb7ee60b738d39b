package plan

import (
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
		{2023, 13, 31}, {2024, 0, 31}, {2024, 14, 28}} {
		if got := DaysIn(c.y, c.m); got != c.want {
			t.Errorf("DaysIn(%d, %d) = %d, want %d", c.y, c.m, got, c.want)
		}
	}
}

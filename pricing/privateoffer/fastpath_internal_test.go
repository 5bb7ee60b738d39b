package privateoffer

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestDateOfFastPath proves the UTC dates found from Unix seconds equal
// (==) to the calendar's: 00:00 UTC on t's date, and on the day after.
func TestDateOfFastPath(t *testing.T) {
	times := []time.Time{
		{}, time.Unix(0, 0), time.Unix(-1, 0), time.Unix(-86400, 0), time.Unix(-86401, 999),
		time.Date(1, 1, 1, 23, 59, 59, 999999999, time.UTC), time.Date(0, 12, 31, 23, 30, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Unix(math.MaxInt64, 999999999).UTC(), time.Unix(math.MinInt64, 0).UTC(), time.Unix(1<<62, 0).UTC(),
		time.Now().UTC(), // with a monotonic reading
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		times = append(times, time.Unix(rng.Int64N(1<<40)-1<<39, rng.Int64N(1e9)).UTC())
	}
	for _, tt := range times {
		y, m, d := tt.Date()
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if got := poDateOf(tt, time.UTC, 0); got != day {
			t.Fatalf("poDateOf(%v, 0) = %#v, want %#v", tt, got, day)
		}
		if got, want := poDateOf(tt, time.UTC, 1), day.AddDate(0, 0, 1); got != want {
			t.Fatalf("poDateOf(%v, 1) = %#v, want %#v", tt, got, want)
		}
	}
	for y := 1600; y <= 2400; y++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := poDaysInMonth(y, m), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("poDaysInMonth(%d, %v) = %d, want %d", y, m, got, want)
			}
		}
	}
}

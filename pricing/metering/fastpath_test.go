package metering

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestSlotOfHourFastPath proves the hour slot computed from Unix
// seconds equal (==, as map keys compare) to t.UTC().Truncate(time.Hour),
// before and after the epoch, before year 1 and at the extremes.
func TestSlotOfHourFastPath(t *testing.T) {
	p := DefaultPolicy()
	east := time.FixedZone("east", 5*3600+30*60)
	times := []time.Time{
		{}, time.Unix(0, 0), time.Unix(-1, 0), time.Unix(-3600, 0), time.Unix(-3601, 999),
		time.Date(1, 1, 1, 0, 59, 59, 999999999, time.UTC), time.Date(0, 12, 31, 23, 30, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, east), time.Date(2024, 3, 1, 13, 0, 0, 0, east),
		time.Unix(math.MaxInt64, 999999999), time.Unix(math.MinInt64, 0), time.Unix(1<<62, 0), time.Unix(-1<<62, 0),
		time.Now(), // with a monotonic reading
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		times = append(times, time.Unix(rng.Int64N(1<<40)-1<<39, rng.Int64N(1e9)).In(east))
	}
	for _, tt := range times {
		if got, want := p.slotOf(tt), tt.UTC().Truncate(time.Hour); got != want {
			t.Fatalf("slotOf(%v) = %#v, want %#v", tt, got, want)
		}
	}
}

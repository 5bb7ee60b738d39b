package trial

import (
	"testing"
	"time"
)

// inEventRange is the range [minInstant, maxInstant] of instants, to the
// nanosecond, in any zone.
func TestInEventRange(t *testing.T) {
	if minInstant.Unix() != minUnix || maxInstant.Unix() != maxUnix {
		t.Fatalf("minUnix, maxUnix = %d, %d; want %d, %d", minUnix, maxUnix, minInstant.Unix(), maxInstant.Unix())
	}
	zone := time.FixedZone("", -11*3600)
	for _, base := range []time.Time{minInstant, maxInstant, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), {}} {
		for _, d := range []time.Duration{-time.Second, -time.Nanosecond, 0, time.Nanosecond, time.Second} {
			at := base.Add(d).In(zone)
			want := !at.Before(minInstant) && !at.After(maxInstant)
			if got := inEventRange(at); got != want {
				t.Errorf("inEventRange(%v) = %v, want %v", at, got, want)
			}
		}
	}
}

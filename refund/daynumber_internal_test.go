package refund

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/marketrules/marketrules/calendar"
)

// spec.dayNumber is calendar.Zone.DayNumber, to the second, at the
// edges of days and of time.Time.
func TestSpecDayNumber(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, name := range []string{"UTC", "Europe/Stockholm", "America/St_Johns", "Pacific/Apia", "Asia/Kathmandu"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		instants := []time.Time{{}, time.Unix(math.MaxInt64, 999999999), time.Unix(math.MinInt64, 0), time.Unix(1<<62, 0), time.Unix(-1<<62, 0),
			time.Unix(1<<62-1, 0), time.Unix(-1<<62+1, 0), time.Unix(0, 0), time.Unix(-1, 999999999), time.Unix(-86400, 0), time.Unix(-86401, 0)}
		for range 2000 {
			instants = append(instants, time.Unix(rng.Int64N(1<<36)-1<<35, rng.Int64N(1e9)))
		}
		for _, at := range instants {
			s := spec{zone: calendar.NewZone(loc, instants[rng.IntN(len(instants))])}
			if got, want := s.dayNumber(at), s.zone.DayNumber(at); got != want {
				t.Fatalf("%s %v: dayNumber %d, Zone.DayNumber %d", name, at, got, want)
			}
		}
	}
}

package refund

import (
	"math/rand/v2"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/marketrules/marketrules/plan"
)

var zoneNames = []string{
	"UTC", "Europe/Stockholm", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kathmandu",
	"America/Santiago", "America/Sao_Paulo", "America/Havana", "Asia/Beirut", "Pacific/Apia",
	"Pacific/Kiritimati", "America/St_Johns", "Africa/Casablanca", "Antarctica/Troll", "Asia/Tehran",
}

func zones(t *testing.T) []*time.Location {
	var out []*time.Location
	for _, n := range zoneNames {
		loc, err := time.LoadLocation(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, loc)
	}
	return out
}

// localDay agrees with the local date that time.Time.Date reports.
func TestLocalDayMatchesDate(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, loc := range zones(t) {
		for range 5000 {
			u := time.Unix(rng.Int64N(6_000_000_000)-2_500_000_000, 0)
			y, m, d := u.In(loc).Date()
			if got, want := localDay(u, loc), plan.DayNumber(y, m, d); got != want {
				t.Fatalf("%v in %v: localDay %d, want %d", u, loc, got, want)
			}
		}
	}
}

// floorDiv rounds toward negative infinity.
func TestFloorDiv(t *testing.T) {
	for _, c := range []struct{ a, b, want int64 }{{7, 2, 3}, {-7, 2, -4}, {-8, 2, -4}, {0, 5, 0}, {-1, 86400, -1}} {
		if got := floorDiv(c.a, c.b); got != c.want {
			t.Errorf("floorDiv(%d, %d) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// startOfDay is the first instant of the day, or of the next day that
// exists (Pacific/Apia skipped 30 December 2011): its local day is at
// least the day, and the instant before it is on an earlier day.
func TestStartOfDay(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, loc := range zones(t) {
		days := []int64{plan.DayNumber(2011, 12, 30), plan.DayNumber(2011, 12, 31), plan.DayNumber(2024, 3, 31), plan.DayNumber(2024, 10, 27)}
		for range 3000 {
			days = append(days, rng.Int64N(60_000)-10_000)
		}
		for _, day := range days {
			// The cached zone period may be any: that of the day's
			// midnight read as UTC, of instants a week or a year away.
			mid := time.Unix(day*secondsPerDay, 0)
			for _, near := range []time.Time{mid, mid.Add(-7 * 24 * time.Hour), mid.Add(-365 * 24 * time.Hour), mid.Add(40 * 24 * time.Hour)} {
				z := newZone(loc, near)
				got := startOfDay(day, &z)
				if localDay(got, loc) < day || localDay(got.Add(-time.Nanosecond), loc) >= day {
					t.Fatalf("startOfDay(%d, %v) = %v: day %d, the instant before on day %d",
						day, loc, got, localDay(got, loc), localDay(got.Add(-time.Nanosecond), loc))
				}
			}
		}
	}
}

// addMonths, the fast path, equals plan.AddMonths, the reference.
func TestAddMonthsMatchesPlan(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, loc := range zones(t) {
		for range 5000 {
			start := time.Unix(rng.Int64N(3_000_000_000)-1_000_000_000, rng.Int64N(1e9)).In(loc)
			n := []int{1, 12, 24, 36}[rng.IntN(4)]
			z := newZone(loc, start)
			day := z.day(start)
			got, gotDay := addMonths(start, &z, day, n)
			want := plan.AddMonths(start, n)
			if !got.Equal(want) || got.Location() != want.Location() {
				t.Fatalf("addMonths(%v, %d) = %v, plan.AddMonths = %v", start, n, got, want)
			}
			y, m, d := want.Date()
			if gotDay != plan.DayNumber(y, m, d) {
				t.Fatalf("addMonths(%v, %d) day %d, want the day of %v", start, n, gotDay, want)
			}
		}
	}
}

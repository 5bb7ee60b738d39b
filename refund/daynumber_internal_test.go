package refund

import (
	"encoding/json"
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

// spec.addMonths is calendar.Zone.AddMonths with the day number of its
// result: the same instant, location and error, around clock changes
// (midnight skipped in Pacific/Apia and America/Santiago, half-hour
// shifts on Lord Howe), at month ends and at the edges of the years
// 1–9999.
func TestSpecAddMonths(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, name := range []string{"UTC", "Europe/Stockholm", "America/Santiago", "Pacific/Apia", "Australia/Lord_Howe", "America/Sao_Paulo", "Asia/Tehran"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		starts := []time.Time{time.Date(1, 1, 1, 0, 0, 0, 0, loc), time.Date(9999, 12, 31, 23, 59, 59, 999999999, loc),
			time.Date(9997, 1, 31, 12, 0, 0, 0, loc), time.Date(2024, 1, 31, 0, 30, 0, 0, loc), time.Date(2011, 12, 29, 0, 0, 0, 0, loc)}
		for range 3000 {
			starts = append(starts, time.Unix(rng.Int64N(1<<32)-1<<31, rng.Int64N(1e9)).In(loc))
		}
		for _, start := range starts {
			s := spec{loc: loc, zone: calendar.NewZone(loc, start)}
			s.off, s.day0 = s.zone.Offset(start), s.dayNumber(start)
			for _, n := range []calendar.Months{1, 3, 11, 12, 24, 36, 120 * 12, -1} {
				got, day, err := s.addMonths(start, n)
				want, werr := s.zone.AddMonths(start, n)
				if (err == nil) != (werr == nil) || got != want || (err == nil && day != s.dayNumber(want)) {
					t.Fatalf("%s %v + %d months: %v day %d %v; want %v day %d %v", name, start, n, got, day, err, want, s.dayNumber(want), werr)
				}
			}
		}
	}
}

// spec.startOfDay is calendar.Zone.StartOfDay: the same instant and
// location for days around the zone's clock changes and far from them.
func TestSpecStartOfDay(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, name := range []string{"UTC", "Europe/Stockholm", "America/Santiago", "Pacific/Apia", "Australia/Lord_Howe", "America/Sao_Paulo", "Asia/Tehran", "America/Havana"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for range 3000 {
			start := time.Unix(rng.Int64N(1<<32)-1<<31, rng.Int64N(1e9)).In(loc)
			s := spec{loc: loc, zone: calendar.NewZone(loc, start)}
			s.off, s.day0 = s.zone.Offset(start), s.dayNumber(start)
			for _, n := range []int64{0, 1, 3, 7, 14, 30, 90, 200, -1, 1<<30 + 5, -1 << 31} {
				if got, want := s.startOfDay(s.day0+n), s.zone.StartOfDay(s.day0+n); got != want {
					t.Fatalf("%s %v, day +%d: %v, want %v", name, start, n, got, want)
				}
			}
		}
	}
}

// appendTime writes time.Time.MarshalJSON's bytes for the instant in UTC
// if its offset has seconds (exactJSON), and fails where it fails.
func TestAppendTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var zones []*time.Location
	for _, name := range []string{"UTC", "Europe/Stockholm", "America/St_Johns", "Africa/Monrovia", "Asia/Kathmandu", "Pacific/Kiritimati", "America/Santiago"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		zones = append(zones, loc)
	}
	for _, off := range []int{0, 1, -1, 59, 60, -60, 3599, 23*3600 + 59*60, 24 * 3600, -24 * 3600, 24*3600 - 1, 100 * 3600, -7*3600 - 52*60 - 58} {
		zones = append(zones, time.FixedZone("", off))
	}
	instants := []time.Time{{}, time.Unix(math.MaxInt64/4, 0), time.Unix(math.MinInt64/4, 0), time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}
	for range 20000 {
		instants = append(instants, time.Unix(rng.Int64N(1<<39)-1<<38, rng.Int64N(1e9)))
	}
	for i, at := range instants {
		at = at.In(zones[i%len(zones)])
		ok := true
		got := appendTime([]byte{'{'}, &ok, "t", at, false)
		want, err := json.Marshal(exactJSON(at))
		if ok != (err == nil) || ok && string(got) != `{"t":`+string(want) {
			t.Fatalf("%v: %s %t, want %s %v", at, got, ok, want, err)
		}
	}
}

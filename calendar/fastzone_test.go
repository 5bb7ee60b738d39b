package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// Zone.AddMonths is the function AddMonths in the zone, instant for
// instant, location and error included, near clock changes and at the
// edges.
func TestZoneAddMonthsMatchesAddMonths(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 16))
	months := []Months{0, 1, -1, 2, 6, 11, 12, 13, 24, 36, -12, 119988, -119988, 119989, maxMonths * 2}
	for _, loc := range locations(t) {
		var instants []time.Time
		for range 300 {
			instants = append(instants, time.Unix(rng.Int64N(2<<32)-1<<32, rng.Int64N(1e9)))
		}
		for _, y := range []int{2011, 2024} {
			for m := time.January; m <= time.December; m++ {
				for _, h := range []int{0, 1, 2, 3, 23} {
					instants = append(instants, time.Date(y, m, 31, h, 30, 0, 0, time.UTC), time.Date(y, m, 1, h, 0, 0, 0, time.UTC))
				}
			}
		}
		instants = append(instants, extremeInstants()...)
		for _, ti := range instants {
			for _, near := range []time.Time{ti, ti.Add(-48 * time.Hour), time.Time{}} {
				z := NewZone(loc, near)
				for _, n := range append(months, Months(rng.IntN(400)-200)) {
					got, gerr := z.AddMonths(ti, n)
					want, werr := AddMonths(ti.In(z.Location()), n)
					if (gerr != nil) != (werr != nil) || !got.Equal(want) || got.Location() != want.Location() {
						t.Fatalf("%v: Zone(%v).AddMonths(%v, %d) = %v, %v; AddMonths = %v, %v", loc, near, ti, n, got, gerr, want, werr)
					}
				}
			}
		}
	}
	// The zero Zone is UTC.
	var z Zone
	if got, err := z.AddMonths(time.Date(2024, 1, 31, 12, 0, 0, 0, time.UTC), 1); err != nil || !got.Equal(time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("zero Zone: %v, %v", got, err)
	}
}

// In its cached period, Zone.AddMonths looks nothing up and allocates
// nothing.
func TestZoneAddMonthsAllocations(t *testing.T) {
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2024, time.April, 10, 9, 0, 0, 0, sto)
	z := NewZone(sto, start)
	if _, ok := z.fastAddMonths(start, 1); !ok {
		t.Error("one month on in the same period: not the fast path")
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = z.AddMonths(start, 12) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

func BenchmarkZoneAddMonths(b *testing.B) {
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2024, time.March, 10, 9, 0, 0, 0, sto)
	z := NewZone(sto, start)
	b.Run("Zone", func(b *testing.B) {
		for b.Loop() {
			_, _ = z.AddMonths(start, 12)
		}
	})
	b.Run("Function", func(b *testing.B) {
		for b.Loop() {
			_, _ = AddMonths(start, 12)
		}
	})
}

// Zone.AddMonths is the function AddMonths in the zone for any instant,
// any instant the zone is prepared for and any count of months.
func FuzzZoneAddMonths(f *testing.F) {
	f.Add(int64(1710061200), int64(1710061200), int32(12), uint8(1))
	f.Add(int64(-62135596800), int64(0), int32(-1), uint8(7))
	f.Add(int64(253402300799), int64(1<<40), int32(119988), uint8(11))
	locs := locations(f)
	f.Fuzz(func(t *testing.T, sec, near int64, n int32, zi uint8) {
		loc := locs[int(zi)%len(locs)]
		at := time.Unix(sec, sec&0xfff)
		z := NewZone(loc, time.Unix(near, 0))
		got, gerr := z.AddMonths(at, Months(n))
		want, werr := AddMonths(at.In(z.Location()), Months(n))
		if (gerr != nil) != (werr != nil) || !got.Equal(want) || got.Location() != want.Location() {
			t.Fatalf("%v near %v: Zone.AddMonths(%v, %d) = %v, %v; AddMonths = %v, %v", loc, near, at, n, got, gerr, want, werr)
		}
	})
}

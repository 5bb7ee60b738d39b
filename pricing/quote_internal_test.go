package pricing

import (
	"github.com/marketrules/marketrules/calendar"
	"math/rand/v2"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// prCount agrees with counting the days one at a time, and the fast UTC
// path with the general one.
func TestPrCount(t *testing.T) {
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	noDST := time.FixedZone("UTC+0", 0)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 20_000 {
		loc := []*time.Location{time.UTC, sto}[i%2]
		// Clock times outside the hour Stockholm skips or repeats.
		hh := []int{0, 1, 4, 9, 13, 18, 23}[r.IntN(7)]
		anchor := time.Date(1990+r.IntN(60), time.Month(1+r.IntN(12)), 1+r.IntN(31), hh, r.IntN(60), r.IntN(60), 0, loc)
		months := []int{1, 12}[r.IntN(2)]
		at := anchor.Add(time.Duration(r.Int64N(int64(3 * 366 * 24 * time.Hour))))
		c := calendar.NewCalendar(anchor)
		_, p, _ := c.PeriodAt(calendar.Months(months), at)
		used, total, from, _ := prCount(p, at, ProrateByDay, loc)

		var wantUsed, wantTotal int64
		b := p.Start
		for d := 1; ; d++ {
			next := p.Start.AddDate(0, 0, d)
			if !next.After(p.End) {
				wantTotal++
			}
			if !next.After(at) {
				wantUsed++
				b = next
			}
			if !next.Before(p.End) {
				break
			}
		}
		if used != wantUsed || total != wantTotal || !from.Equal(b) {
			t.Fatalf("period %v at %v in %v: %d of %d from %v; stepping says %d of %d from %v", p, at, loc, used, total, from, wantUsed, wantTotal, b)
		}
		if loc == time.UTC {
			u2, t2, f2, _ := prCount(calendar.Period{Start: p.Start.In(noDST), End: p.End.In(noDST)}, at.In(noDST), ProrateByDay, noDST)
			if u2 != used || t2 != total || !f2.Equal(from) {
				t.Fatalf("general path %d of %d from %v, fast path %d of %d from %v", u2, t2, f2, used, total, from)
			}
		}
	}
}

// qtRoundDiv rounds like currency's one-step ratio.
func TestQtRoundDiv(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	modes := []currency.RoundingMode{currency.HalfEven, currency.HalfUp, currency.HalfDown, currency.Up, currency.Down, currency.Ceiling, currency.Floor}
	for i := range 100_000 {
		n, d := r.Int64N(1<<40), 1+r.Int64N(1<<20)
		if i%3 == 0 {
			d = 2 * (1 + r.Int64N(1000))
			n = d*r.Int64N(1000) + d/2 // exact ties
		}
		mode := modes[r.IntN(len(modes))]
		want, err := currency.MustFromMinor(n, currency.USD).MulDiv(1, d, mode)
		if err != nil {
			t.Fatal(err)
		}
		if got := qtRoundDiv(n, d, mode); got != want.Minor() {
			t.Fatalf("%d / %d %v: %d, want %d", n, d, mode, got, want.Minor())
		}
	}
}

// qtInstallment is Money.SplitInto without the slice.
func TestQtInstallment(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	parts := make([]currency.Money, 36)
	for range 20_000 {
		m := currency.MustFromMinor(r.Int64N(1<<50)-1<<49, currency.SEK)
		n := 1 + r.IntN(36)
		if err := m.SplitInto(parts[:n]); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if got := qtInstallment(m, n, i); got != parts[i] {
				t.Fatalf("%v / %d, part %d: %v, SplitInto says %v", m, n, i, got, parts[i])
			}
		}
	}
}

// The range checks compare Unix seconds: the bounds are those of the
// years 1 to 9999.
func TestQtInstantBounds(t *testing.T) {
	lo := time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	if lo.Unix() != qtMinUnix || qtMaxInstant.Unix() != qtMaxUnix {
		t.Fatalf("bounds %d, %d; want %d, %d", qtMinUnix, qtMaxUnix, lo.Unix(), qtMaxInstant.Unix())
	}
	for _, c := range []struct {
		t    time.Time
		want bool
	}{
		{lo.Add(time.Nanosecond), true}, {lo.Add(-time.Nanosecond), false}, {qtMaxInstant.Add(-time.Nanosecond), true}, {qtMaxInstant, false},
	} {
		var ps rule.Problems
		if got := qtCheckInstant(c.t, rule.PRC07, "at", &ps); got != c.want || inRange(c.t) != c.t.Before(qtMaxInstant) {
			t.Errorf("%v: in range %v, want %v", c.t, got, c.want)
		}
	}
}

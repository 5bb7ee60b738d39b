package fulfillment

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/marketrules/marketrules/calendar"
)

// nextTermByPeriodAt is the next term found with Calendar.PeriodAt, the
// reference the arithmetic of nextTerm must agree with.
func nextTermByPeriodAt(anchor time.Time, cur Term, start time.Time) (Term, bool) {
	m := cur.Unit.Months()
	c := calendar.NewCalendar(anchor)
	k, period, err := c.PeriodAt(calendar.Months(m), start)
	if err != nil {
		return cur, false
	}
	end, err := c.AddMonths(calendar.Months((k + 2) * m))
	if err != nil {
		return cur, false
	}
	next := cur
	next.Start, next.End = period.End, end
	return next, true
}

// TestFUL06_NextTermMatchesPeriodAt: the renewed term computed from the
// months between anchor and start is the one PeriodAt finds, for random
// anchors (month ends included), starts, units and zones (FUL-06).
func TestFUL06_NextTermMatchesPeriodAt(t *testing.T) {
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		stockholm = time.FixedZone("CET", 3600)
	}
	zones := []*time.Location{time.UTC, time.FixedZone("UTC-8", -8*3600), stockholm}
	units := []TermUnit{P1M, P1Y, P2Y, P3Y}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		loc := zones[rng.IntN(len(zones))]
		year := 2000 + rng.IntN(40)
		if i%5 == 1 { // before 1970 too, down to the year 1
			year = 1 + rng.IntN(3000)
		}
		anchor := time.Date(year, time.Month(1+rng.IntN(12)), 1+rng.IntN(31), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(3)*500_000_000, loc)
		unit := units[rng.IntN(len(units))]
		start := anchor.Add(time.Duration(rng.Int64N(int64(40 * 365 * 24 * time.Hour))))
		if i%4 == 0 { // exactly on a period start
			start, _ = calendar.AddMonths(anchor, calendar.Months(rng.IntN(40)*unit.Months()))
		}
		if i%3 == 0 { // a start written in another zone
			start = start.In(zones[rng.IntN(len(zones))])
		}
		cur := Term{Unit: unit, Start: start}
		want, ok := nextTermByPeriodAt(anchor, cur, start)
		if !ok {
			continue
		}
		got := cur
		nextTerm(anchor, &got, start)
		if !got.Start.Equal(want.Start) || !got.End.Equal(want.End) || got.Start.Location() != want.Start.Location() {
			t.Fatalf("anchor %v, unit %v, start %v: got %v–%v, want %v–%v", anchor, unit, start, got.Start, got.End, want.Start, want.End)
		}
	}
}

// BenchmarkNextTerm: the renewed term of a monthly subscription anchored
// on a month end, computed by day numbers (UTC) and by the calendar
// (another zone).
func BenchmarkNextTerm(b *testing.B) {
	anchor := time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)
	for _, loc := range []*time.Location{time.UTC, time.FixedZone("UTC+1", 3600)} {
		b.Run(loc.String(), func(b *testing.B) {
			a := anchor.In(loc)
			cur := Term{Unit: P1M, Start: time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)}
			for b.Loop() {
				t := cur
				nextTerm(a, &t, cur.Start)
			}
		})
	}
}

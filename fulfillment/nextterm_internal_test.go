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
		anchor := time.Date(2000+rng.IntN(40), time.Month(1+rng.IntN(12)), 1+rng.IntN(31), rng.IntN(24), rng.IntN(60), 0, 0, loc)
		unit := units[rng.IntN(len(units))]
		start := anchor.Add(time.Duration(rng.Int64N(int64(40 * 365 * 24 * time.Hour))))
		if i%4 == 0 { // exactly on a period start
			start, _ = calendar.AddMonths(anchor, calendar.Months(rng.IntN(40)*unit.Months()))
		}
		cur := Term{Unit: unit, Start: start}
		want, ok := nextTermByPeriodAt(anchor, cur, start)
		if !ok {
			continue
		}
		if got := nextTerm(anchor, cur, start); !got.Start.Equal(want.Start) || !got.End.Equal(want.End) {
			t.Fatalf("anchor %v, unit %v, start %v: got %v–%v, want %v–%v", anchor, unit, start, got.Start, got.End, want.Start, want.End)
		}
	}
}

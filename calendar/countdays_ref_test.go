package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// refAnchorDays is the day count package pricing used before it moved
// onto this package (its prCount, by day): the reference CountDays with
// AnchorDays must agree with, so the move changes no proration.
func refAnchorDays(s, e, t time.Time, loc *time.Location) (used, total int64, from time.Time) {
	if loc == time.UTC {
		ss, sn := s.Unix(), int64(s.Nanosecond())
		total = (e.Unix() - ss) / 86400
		el := t.Unix() - ss
		if int64(t.Nanosecond()) < sn {
			el--
		}
		used = el / 86400
		return used, total, time.Unix(ss+used*86400, sn).UTC()
	}
	sy, sm, sd := s.Date()
	ey, em, ed := e.Date()
	ty, tm, td := t.Date()
	s0 := dayNumber(sy, sm, sd)
	total = dayNumber(ey, em, ed) - s0
	j := dayNumber(ty, tm, td) - s0
	hh, mm, ss := s.Clock()
	from = time.Date(sy, sm, sd+int(j), hh, mm, ss, s.Nanosecond(), loc)
	for j > 0 && from.After(t) {
		j--
		from = time.Date(sy, sm, sd+int(j), hh, mm, ss, s.Nanosecond(), loc)
	}
	if total < 1 {
		total = 1
	}
	if j > total-1 {
		j = total - 1
		from = time.Date(sy, sm, sd+int(j), hh, mm, ss, s.Nanosecond(), loc)
	}
	return j, total, from
}

// CountDays with AnchorDays gives pricing's old day counts for billing
// periods in UTC and in zones with daylight saving.
func TestCountDaysMatchesPricing(t *testing.T) {
	locs := locations(t)
	r := rand.New(rand.NewPCG(3, 14))
	for range 20000 {
		loc := locs[1+r.IntN(len(locs)-1)]
		if r.IntN(3) == 0 {
			loc = time.UTC
		}
		anchor := time.Unix(r.Int64N(2e9), r.Int64N(1e9)).In(loc)
		c := Cycle{Anchor: anchor, Months: []Months{1, 3, 12}[r.IntN(3)]}
		p, err := c.Period(r.IntN(5))
		if err != nil {
			t.Fatal(err)
		}
		at := p.Start.Add(time.Duration(r.Int64N(int64(p.Duration())))).In(loc)
		dc, err := CountDays(p, at, AnchorDays, loc)
		u, tot, from := refAnchorDays(p.Start.In(loc), p.End.In(loc), at, loc)
		if err != nil || int64(dc.Used) != u || int64(dc.Total) != tot || !dc.From.Equal(from) {
			t.Fatalf("%v in %v at %v: CountDays %+v %v, pricing %d/%d from %v", p, loc, at, dc, err, u, tot, from)
		}
	}
}

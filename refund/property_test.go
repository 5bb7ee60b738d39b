package refund_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/refund"
)

var propertyZones = []string{
	"UTC", "Europe/Stockholm", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kathmandu",
	"America/Santiago", "Pacific/Apia", "America/St_Johns", "Africa/Casablanca", "Pacific/Kiritimati",
}

// randomRequest returns a valid request of a random kind.
func randomRequest(rng *rand.Rand, zones []*time.Location) refund.Request {
	kind := refund.ChargeType(1 + rng.IntN(10))
	r := refund.Request{
		Charge: kind,
		Term:   []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears}[rng.IntN(4)],
		Zone:   zones[rng.IntN(len(zones))],
		Start:  time.Date(2019, time.January, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.Int64N(int64(8 * 365 * 24 * time.Hour)))),
	}
	codes := []currency.Code{currency.USD, currency.SEK, currency.JPY, currency.EUR, currency.KRW}
	r.Paid = currency.MustFromMinor(rng.Int64N(1_000_000_000), codes[rng.IntN(len(codes))])
	switch kind {
	case refund.CSPPerpetual:
	case refund.CSPLicense:
		r.Trigger = refund.Trigger(rng.IntN(4))
	case refund.CSPSoftware:
		r.Trigger = refund.Trigger(rng.IntN(3))
		r.Vendor = refund.Vendor(rng.IntN(10) / 8) // mostly other
	default:
		r.Trigger = refund.Trigger(rng.IntN(2))
	}
	if r.Trigger == refund.SeatsAdded || rng.IntN(4) == 0 {
		r.PaidUntil = r.Start.Add(time.Duration(2+rng.Int64N(400)) * 24 * time.Hour)
	}
	if kind == refund.VMReservation {
		r.Paid = currency.MustFromMinor(rng.Int64N(2_000_000), currency.USD)
		r.PrivateOffer = rng.IntN(8) == 0
	}
	r.At = r.Start.Add(time.Duration(rng.Int64N(int64(45 * 24 * time.Hour))))
	return r
}

func loadZones(t *testing.T) []*time.Location {
	var zones []*time.Location
	for _, name := range propertyZones {
		zones = append(zones, mustZone(t, name))
	}
	return zones
}

// The money always adds up: 0 ≤ refund ≤ paid, refund + retained = paid,
// all in the paid currency; and Allowed is exactly "inside the window"
// for windowed decisions.
func TestPropertyMoneyIsConserved(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	zones := loadZones(t)
	p := refund.DefaultPolicy()
	p.ReservationLimit = currency.Money{}
	for range 20000 {
		r := randomRequest(rng, zones)
		d, err := p.Decide(r)
		if err != nil {
			t.Fatalf("Decide(%+v): %v", r, err)
		}
		if d.Refund.IsNegative() || d.Refund.Minor() > d.Paid.Minor() || d.Retained.IsNegative() ||
			d.Refund.Minor()+d.Retained.Minor() != d.Paid.Minor() ||
			d.Refund.Code() != d.Paid.Code() || d.Retained.Code() != d.Paid.Code() {
			t.Fatalf("money of %+v: paid %v refund %v retained %v", r, d.Paid, d.Refund, d.Retained)
		}
		if d.Allowed != (d.Settlement != refund.NoRefund) {
			t.Fatalf("allowed %v with basis %v", d.Allowed, d.Settlement)
		}
		if d.Allowed && !d.WindowOpen() {
			t.Fatalf("allowed outside the window: %+v", d)
		}
		if d.Reason == refund.ReasonWindowClosed && d.WindowOpen() {
			t.Fatalf("window closed but open: %+v", d)
		}
		if d.Settlement == refund.ProratedRefund {
			// One rounding step from the exact share.
			want, err := d.Paid.MulDiv(int64(max(d.DaysPaid-d.DaysUsed, 0)), int64(d.DaysPaid), p.Rounding)
			if err != nil || want != d.Refund {
				t.Fatalf("prorated %v, want %v (%d of %d days)", d.Refund, want, d.DaysUsed, d.DaysPaid)
			}
		}
	}
}

// Eligibility is monotone: allowed at t implies allowed at every earlier
// instant since the start; days used never decrease and a prorated refund
// never grows as t grows.
func TestPropertyMonotoneInTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	zones := loadZones(t)
	p := refund.DefaultPolicy()
	for range 3000 {
		r := randomRequest(rng, zones)
		r.History = nil // the rolling limit can grow back: not monotone by design
		var prev refund.Decision
		for i := range 40 {
			// Instants in increasing order, dense near day boundaries.
			r.At = r.Start.Add(time.Duration(i) * time.Duration(rng.Int64N(int64(27*time.Hour))))
			if i > 0 && r.At.Before(prev.At) {
				r.At = prev.At
			}
			d, err := p.Decide(r)
			if err != nil {
				t.Fatalf("Decide(%+v): %v", r, err)
			}
			if i > 0 {
				if d.Allowed && !prev.Allowed {
					t.Fatalf("allowed at %v but not at earlier %v: %+v", d.At, prev.At, r)
				}
				if d.DaysUsed < prev.DaysUsed {
					t.Fatalf("days used went from %d at %v to %d at %v (%v)", prev.DaysUsed, prev.At, d.DaysUsed, d.At, r.Zone)
				}
				if d.Refund.Minor() > prev.Refund.Minor() {
					t.Fatalf("refund grew from %v to %v", prev.Refund, d.Refund)
				}
				if d.Remaining > prev.Remaining {
					t.Fatalf("remaining grew from %v to %v", prev.Remaining, d.Remaining)
				}
			}
			prev = d
		}
	}
}

// Every decision survives a JSON round trip.
func TestPropertyJSONRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	zones := loadZones(t)
	for range 2000 {
		r := randomRequest(rng, zones)
		d, err := refund.DefaultPolicy().Decide(r)
		if err != nil {
			continue // a reservation beyond the limit's currency
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal(%+v): %v", d, err)
		}
		var got refund.Decision
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	}
}

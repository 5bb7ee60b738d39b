package pricing

import (
	"github.com/marketrules/marketrules/calendar"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Subscription is what quotes, billing schedules, usage charges and
// prorations price: a plan bought in a market for a billing term and
// payment option, in a quantity, from a start, billed on a billing day.
//
// # Billing day
//
// A subscription is billed on the day of the month of its Start unless
// BillingDay says otherwise. With a BillingDay (1 to 31, clamped to the
// end of shorter months) that differs from the Start's day, the first
// billing date is the first one on or after Start, at Start's clock time
// in the policy's zone: [Start, first billing date) is a partial first
// period, charged at the start as the prorated part of a full billing
// period (its days over the days of the full period that ends on the
// first billing date, rounded once with Policy.ProrationRounding); the
// terms, their payments, usage periods and renewals then run from the
// first billing date. This is bill-cycle-day alignment as Kill Bill does
// it, and Stripe's billing_cycle_anchor.
type Subscription struct {
	// Plan is the plan bought. Quotes read it and never change it.
	Plan *plan.Plan `json:"plan,omitempty"`
	// Market is where the customer buys; its billing currency
	// (market.Code.Market().Currency) is the currency of every amount.
	Market market.Code `json:"market,omitzero"`
	// Term is the billing term (P1M, P1Y, P2Y, P3Y). For a virtual
	// machine plan, PT1H asks for the hourly usage price and P1Y or P3Y
	// for a software reservation (EXT-07).
	Term plan.Term `json:"term,omitzero"`
	// Payment is how the term is paid (EXT-05); for a software
	// reservation Upfront or Monthly.
	Payment plan.PaymentOption `json:"payment"`
	// Quantity is the number of users of a per-user plan, which must be
	// within the plan's limits (EXT-06), or of VMs of a software
	// reservation. Zero means 1 for every other plan, where a quantity
	// above 1 is an error.
	Quantity int64 `json:"quantity,omitempty"`
	// VCPUs is the VM size of an hourly or reservation quote of a
	// per-vCPU, per-vCPU-size or per-market-and-vCPU-size plan.
	VCPUs int `json:"vcpus,omitempty"`
	// Rate converts the plan's USD prices to the market's currency, from
	// USD to it, where the plan declares no price for the market and the
	// market is not billed in USD (PRC-03). It is rounded with
	// Policy.ConversionRounding.
	Rate currency.ExchangeRate `json:"rate,omitzero"`
	// Start is the subscription's start (its activation). Quotes of a
	// price ([Policy.Quote]) ignore it; schedules, usage and prorations
	// need it.
	Start time.Time `json:"start,omitzero"`
	// BillingDay is the day of the month the subscription is billed on,
	// 1 to 31 (clamped to the end of shorter months); 0 means the day of
	// Start.
	BillingDay int `json:"billingDay,omitempty"`
}

// billing is the calendar of a subscription's billing: the anchor its
// terms and periods count from, and the partial first period before it.
type billing struct {
	start   time.Time // the subscription's start, in the policy's zone
	anchor  time.Time // the first billing date: start unless partial
	partial bool      // [start, anchor) is a partial first period
	aligned bool      // periods count from (y, m, day) rather than cal
	cal     calendar.Calendar
	y       int
	m       time.Month
	day     int
	clock   time.Duration // the start's time of day, from midnight
	loc     *time.Location
}

// checkBillingDay reports a billing day outside 0 … 31.
func checkBillingDay(s *Subscription, id rule.ID, ps *rule.Problems) bool {
	if s.BillingDay < 0 || s.BillingDay > 31 {
		qtAdd(ps, ErrInstant, id, "billingDay", sbMsgBillingDay, int64(s.BillingDay))
		return false
	}
	return true
}

// init sets b, which must be the zero billing, to the billing calendar
// of s in loc, in place. s.Start must be a checked instant and
// s.BillingDay in 0 … 31.
func (b *billing) init(s *Subscription, loc *time.Location) {
	start := s.Start.In(loc)
	b.start, b.anchor, b.loc = start, start, loc
	if s.BillingDay == 0 {
		b.cal = calendar.NewCalendar(start)
		return
	}
	y, m, d := start.Date()
	if s.BillingDay == d {
		b.cal = calendar.NewCalendar(start)
		return
	}
	hh, mm, ss := start.Clock()
	b.aligned, b.day = true, s.BillingDay
	b.clock = time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second +
		time.Duration(start.Nanosecond())
	if min(s.BillingDay, daysIn(y, m)) < d {
		m++
		if m > time.December {
			y, m = y+1, time.January
		}
	}
	b.y, b.m = y, m
	b.anchor = b.at(0)
	b.partial = b.anchor.After(start)
}

// at returns the billing date n months after the anchor (n may be
// negative), computed from the anchor, clamped to the end of the month.
func (b *billing) at(n int) time.Time {
	if b.aligned {
		return b.alignedAt(n)
	}
	t, err := b.cal.AddMonths(calendar.Months(n))
	if err != nil {
		return qtMaxInstant // beyond the calendar: inRange reports it
	}
	return t
}

// alignedAt is at for a billing day that differs from the start's.
func (b *billing) alignedAt(n int) time.Time {
	total := int(b.m) - 1 + n
	q := total / 12
	if total%12 < 0 {
		q--
	}
	y, m := b.y+q, time.Month(total-q*12+1)
	d := min(b.day, daysIn(y, m))
	hh := int(b.clock / time.Hour)
	mm := int(b.clock % time.Hour / time.Minute)
	ss := int(b.clock % time.Minute / time.Second)
	return time.Date(y, m, d, hh, mm, ss, int(b.clock%time.Second), b.loc)
}

// inRange reports whether t is before the year 10000, the end of the
// instants the package reasons about.
func inRange(t time.Time) bool { return t.Unix() < qtMaxUnix }

// periodAt returns the index and bounds of the months-month period from
// the anchor that contains t (t ≥ start, months ≥ 1); index −1 is the
// partial first period [start, anchor). ok is false when the period ends
// after the year 9999.
func (b *billing) periodAt(months int, t time.Time) (int, calendar.Period, bool) {
	if b.partial && t.Before(b.anchor) {
		return -1, calendar.Period{Start: b.start, End: b.anchor}, inRange(b.anchor)
	}
	if !b.aligned {
		k, p, err := b.cal.PeriodAt(calendar.Months(months), t)
		return k, p, err == nil && inRange(p.End)
	}
	ty, tm, _ := t.In(b.loc).Date()
	n := max(((ty-b.y)*12+int(tm-b.m))/months, 0)
	start := b.at(n * months)
	for n > 0 && start.After(t) {
		n--
		start = b.at(n * months)
	}
	end := b.at((n + 1) * months)
	for !end.After(t) && inRange(end) {
		n++
		start, end = end, b.at((n+1)*months)
	}
	return n, calendar.Period{Start: start, End: end}, inRange(end) && end.After(t)
}

// partialShare returns the part of the full amount for the partial first
// period: full × days of [start, anchor) / days of [anchor − months,
// anchor), rounded once; days are calendar days of the zone (both
// instants share their clock time), or seconds under ProrateBySecond.
func (b *billing) partialShare(full currency.Money, months int, pol *Policy) (currency.Money, int64, int64, error) {
	prev := b.at(-months)
	var part, whole int64
	if pol.ProrationUnit == ProrateBySecond {
		part = int64(b.anchor.Sub(b.start) / time.Second)
		whole = int64(b.anchor.Sub(prev) / time.Second)
	} else {
		part = civilDays(b.start, b.anchor)
		whole = civilDays(prev, b.anchor)
	}
	if whole <= 0 || part > whole {
		part, whole = min(max(part, 0), 1), 1
	}
	m, err := full.MulDiv(part, whole, pol.ProrationRounding)
	return m, part, whole, err
}

// civilDays returns the calendar days from a's date to b's date, each
// in its own location (calendar.CalendarDays between two instants of one
// clock time).
func civilDays(a, b time.Time) int64 {
	ad, _ := calendar.DateIn(a, a.Location())
	bd, _ := calendar.DateIn(b, b.Location())
	n, _ := bd.Sub(ad)
	return int64(n)
}

// daysIn returns the days of month m of year y.
func daysIn(y int, m time.Month) int {
	n, _ := calendar.DaysIn(y, m) // m is a month of a checked instant
	return n
}

var sbMsgBeyond = rule.Message{English: "the billing period that contains %v ends after the year 9999", Swedish: "faktureringsperioden som innehåller %v slutar efter år 9999"}

var sbMsgBillingDay = rule.Message{English: "billing day %d is not a day of the month (1 to 31, or 0 for the day of the start)", Swedish: "faktureringsdagen %d är ingen dag i månaden (1 till 31, eller 0 för startdagen)"}

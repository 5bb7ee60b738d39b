package pricing

import (
	"github.com/marketrules/marketrules/calendar"
	"slices"
	"time"

	"github.com/marketrules/marketrules/rule"
)

// qtMaxInstant is the end of the instants the package reasons about:
// the years 1 to 9999, as RFC 3339 writes them. Never written.
var qtMaxInstant = time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC)

// The Unix seconds of 0001-01-01T00:00:00Z and qtMaxInstant: an instant t
// is in range when qtMinUnix ≤ t.Unix() < qtMaxUnix (both bounds are
// whole seconds).
const (
	qtMinUnix = -62135596800
	qtMaxUnix = 253402300800
)

// qtCheckInstant reports a missing instant or one outside the years 1 to
// 9999.
func qtCheckInstant(t time.Time, id rule.ID, path string, ps *rule.Problems) bool {
	switch {
	case t.IsZero():
		qtAdd(ps, ErrInstant, id, path, qtMsgInstantRequired)
		return false
	case t.Unix() < qtMinUnix || t.Unix() >= qtMaxUnix:
		qtAdd(ps, ErrInstant, id, path, qtMsgInstantRange, t)
		return false
	}
	return true
}

// qtCheckStartAt checks a subscription's start and an instant at or after
// it.
func qtCheckStartAt(start, at time.Time, id rule.ID, prefix string, ps *rule.Problems) bool {
	ok := qtCheckInstant(start, id, qtPath(prefix, "start"), ps)
	if !qtCheckInstant(at, id, qtPath(prefix, "at"), ps) || !ok {
		return false
	}
	if at.Before(start) {
		qtAdd(ps, ErrInstant, id, qtPath(prefix, "at"), qtMsgBeforeStart, at, start)
		return false
	}
	return true
}

// AppendSchedule appends to dst the billing events of the term of the
// subscription s that contains at, and returns the extended slice: one
// line per payment of the term, each billed at the start of the period it
// pays for (PRC-07), for the term's price split into equal payments
// (EXT-05): a 2-year term paid monthly is 24 payments, paid annually 2,
// paid upfront 1. The amounts add up to the term's price exactly; the
// extra minor units of the split go to the first payments, as
// [Quote.Installment] says. Each line carries its period, its payment
// number and the figures of the term's price.
//
// Terms and periods are computed from the billing anchor (s.Start, or
// the first billing date of a subscription with a BillingDay) in
// p.Location (UTC by default; the charges' instants are in it):
// calendar months clamped to the end of the month and never chained, so
// a subscription started on 31 January is billed on 29 February (in a
// leap year), 31 March, 30 April. Pass at = s.Start for the first term;
// a renewal's schedule is that of any instant in it. The first term's
// schedule of a subscription whose BillingDay differs from its start
// begins with the partial first period, a charge of kind
// [ChargePartialPeriod] billed at s.Start: the first payment × the days
// of [Start, first billing date) / the days of the full billing period
// ending on that date, rounded once with p.ProrationRounding (Used and
// Whole hold the two day counts).
//
// A VM software reservation (Term P1Y or P3Y of a VM plan) is scheduled
// as a recurring charge of kind [ChargeReservation]. VM usage (Term PT1H)
// is billed in arrears: see [Policy.QuoteVMUsage]. A free or BYOL plan's
// payments are zero lines.
//
// Invalid input is reported as by [Policy.Quote], and an at before
// s.Start wraps [ErrInstant]. AppendSchedule does not allocate when dst
// has room for the term's payments.
func (p Policy) AppendSchedule(dst []Charge, s Subscription, at time.Time) ([]Charge, error) {
	var ps rule.Problems
	var q Quote
	pol := p.resolved().checked(&ps)
	qtQuote(&q, &s, pol, "", &ps)
	qtCheckStartAt(s.Start, at, rule.PRC07, "", &ps)
	checkBillingDay(&s, rule.PRC07, &ps)
	if len(ps) == 0 && q.Payments == 0 {
		qtAdd(&ps, ErrUnpriced, rule.PRC07, "term", qtMsgNotScheduled, s.Term.String())
	}
	if len(ps) > 0 {
		return dst, ps.Err()
	}
	loc := pol.location()
	var bl billing
	bl.init(&s, loc)
	tm := s.Term.Months()
	k, _, ok := bl.periodAt(tm, at.In(loc))
	if k < 0 {
		ok = inRange(bl.at(tm))
	}
	if !ok {
		qtAdd(&ps, ErrInstant, rule.PRC07, "at", sbMsgBeyond, at)
		return dst, ps.Err()
	}
	kind, id := ChargeRecurring, rule.PRC07
	switch {
	case q.Rule == rule.PRC01 || q.Rule == rule.EXT02:
		id = q.Rule
	case q.Rule == rule.EXT07:
		kind, id = ChargeReservation, rule.EXT07
	case q.Payments > 1:
		id = rule.EXT05
	}
	pm := tm / q.Payments
	if k < 0 {
		// The partial first period, then the first term.
		first := qtInstallment(q.Price, q.Payments, 0)
		amt, part, whole, err := bl.partialShare(first, pm, pol)
		if err != nil { // cannot happen: the fraction is below 1
			qtAdd(&ps, err, rule.PRC07, "billingDay", qtMsgArith, err.Error())
			return dst, ps.Err()
		}
		dst = append(dst, Charge{
			Kind: ChargePartialPeriod, Reason: ReasonPartialFirstPeriod, Rule: rule.PRC07, Plan: q.Plan, Term: q.Term, Payment: q.Payment,
			Period: calendar.Period{Start: bl.start, End: bl.anchor}, BilledAt: bl.start,
			UnitPrice: first, Quantity: q.Quantity, VCPUs: q.VCPUs, Used: part, Whole: whole, Amount: amt,
		})
		k = 0
	}
	base := k * tm
	start := bl.at(base)
	reason := reasonOf(kind)
	// The payments: the first r are one minor unit larger (in magnitude).
	big, small, r := qtSplit(q.Price, q.Payments)
	n0 := len(dst)
	dst = slices.Grow(dst, q.Payments)[:n0+q.Payments]
	for i := range q.Payments {
		end := bl.at(base + (i+1)*pm)
		// Field by field into the slice: a composite literal would be
		// built on the stack and copied.
		c := &dst[n0+i]
		*c = Charge{}
		c.Kind, c.Reason, c.Rule, c.Plan, c.Term, c.Payment = kind, reason, id, q.Plan, q.Term, q.Payment
		c.Period.Start, c.Period.End, c.BilledAt = start, end, start
		c.Installment, c.Installments = i+1, q.Payments
		c.UnitPrice, c.Quantity, c.VCPUs = q.UnitPrice, q.Quantity, q.VCPUs
		c.Amount = small
		if i < r {
			c.Amount = big
		}
		start = end
	}
	return dst, nil
}

var (
	qtMsgInstantRequired = rule.Message{English: "an instant is required", Swedish: "en tidpunkt måste anges"}
	qtMsgInstantRange    = rule.Message{English: "%v is outside the years 1 to 9999", Swedish: "%v ligger utanför åren 1 till 9999"}
	qtMsgBeforeStart     = rule.Message{English: "%v is before the subscription's start at %v", Swedish: "%v är före prenumerationens start %v"}
	qtMsgNotScheduled    = rule.Message{English: "term %s is usage billed monthly in arrears, not scheduled payments", Swedish: "perioden %s är användning som debiteras månadsvis i efterskott, inte schemalagda betalningar"}
)

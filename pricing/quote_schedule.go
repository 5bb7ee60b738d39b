package pricing

import (
	"time"

	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// The range of instants the package reasons about: the years 1 to 9999,
// as RFC 3339 writes them. Never written.
var (
	qtMinInstant = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	qtMaxInstant = time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC)
)

// qtCheckInstant reports a missing instant or one outside the years 1 to
// 9999.
func qtCheckInstant(t time.Time, id rule.ID, path string, ps *rule.Problems) bool {
	switch {
	case t.IsZero():
		qtAdd(ps, ErrInstant, id, path, qtMsgInstantRequired)
		return false
	case t.Before(qtMinInstant) || !t.Before(qtMaxInstant):
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

// AppendSchedule appends to dst the billing events of the term of req's
// subscription that contains at, and returns the extended slice: one
// line per payment of the term, each billed at the start of the period it
// pays for (PRC-07), for the term's price split into equal payments
// (EXT-05): a 2-year term paid monthly is 24 payments, paid annually 2,
// paid upfront 1. The amounts add up to the term's price exactly; the
// extra minor units of the split go to the first payments, as
// [Quote.Installment] says. Each line carries its period, its payment
// number and the figures of the term's price.
//
// Terms and periods are computed from req.Start, the anchor, in
// pol.Location (UTC by default; the lines' instants are in it), with
// [plan.AddMonths]: calendar months clamped to the end of the month and
// never chained, so a subscription started on 31 January is billed on 29
// February (in a leap year), 31 March, 30 April. Pass at = req.Start for
// the first term; a renewal's schedule is that of any instant in it.
//
// A VM software reservation (Term P1Y or P3Y of a VM plan) is scheduled
// as a recurring charge of kind [ChargeReservation]. VM usage (Term PT1H)
// is billed in arrears: see [QuoteVMUsage]. A free or BYOL plan's
// payments are zero lines.
//
// Invalid input is reported as by [QuoteTerm], and an at before
// req.Start wraps [ErrInstant]. AppendSchedule does not allocate when dst
// has room for the term's payments.
func AppendSchedule(dst []Charge, req QuoteRequest, at time.Time, pol QuotePolicy) ([]Charge, error) {
	var ps rule.Problems
	var q Quote
	qtCheckPolicy(&pol, &ps)
	qtQuote(&q, &req, &pol, "", &ps)
	qtCheckStartAt(req.Start, at, rule.PRC07, "", &ps)
	if len(ps) == 0 && q.Payments == 0 {
		qtAdd(&ps, ErrUnpriced, rule.PRC07, "term", qtMsgNotScheduled, req.Term.String())
	}
	if len(ps) > 0 {
		return dst, ps
	}
	loc := pol.location()
	cal := plan.NewCalendar(req.Start.In(loc))
	tm := req.Term.Months()
	k, _ := cal.PeriodAt(tm, at.In(loc))
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
	base := k * tm
	start := cal.AddMonths(base)
	for i := range q.Payments {
		end := cal.AddMonths(base + (i+1)*pm)
		dst = append(dst, Charge{
			Kind: kind, Rule: id, Plan: q.Plan, Term: q.Term, Payment: q.Payment,
			Period: plan.Period{Start: start, End: end}, BilledAt: start,
			Installment: i + 1, Installments: q.Payments,
			UnitPrice: q.UnitPrice, Quantity: q.Quantity, VCPUs: q.VCPUs,
			Amount: qtInstallment(q.Price, q.Payments, i),
		})
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

package refund

import (
	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// Decide answers r under p: whether a refund is due at r.At, how much,
// until when, and which rule says so. A refund that is not due is a
// Decision with Allowed false, not an error.
//
// The error is a [rule.Problems] listing every problem of the request
// (and of the parts of p it needs) at once: a field path such as
// "request.at" or "policy.cspSoftware", the rule, a message in English
// and Swedish, and a sentinel ([ErrKind], [ErrEvent], [ErrTerm],
// [ErrMissing], [ErrBeforeStart], [ErrAmount], [ErrCurrency], [ErrZone],
// [ErrPeriod], [ErrPolicy]) for [errors.Is]. Decide never panics and,
// without an error, does not allocate. The zero Policy decides as
// [DefaultPolicy].
func (p Policy) Decide(r Request) (d Decision, err error) {
	// Small enough to inline (as the pre-v1 Decide was): the caller's
	// Policy and Request are then not copied into a call frame.
	if err = p.decide(&d, &r); err != nil {
		return Decision{}, err
	}
	return d, nil
}

// decideDefault is decide under DefaultPolicy, for the zero Policy. It is
// a function of its own so that the Policy it makes is not in the frame
// of every decision.
//
//go:noinline
func decideDefault(d *Decision, r *Request) error {
	def := defaults()
	return def.decide(d, r)
}

// decide writes the decision of r into d, which must be the zero
// Decision, or returns the problems (a [rule.Problems] error). The zero
// Policy decides as DefaultPolicy.
func (p *Policy) decide(d *Decision, r *Request) error {
	if p.SaaS == nil && p.isZero() {
		return decideDefault(d, r)
	}
	var s spec
	if ps := p.spec(r, &s); ps != nil {
		return ps.Err()
	}
	// d is the zero Decision: set fields one by one rather than copy a
	// whole new one over it.
	d.Charge, d.Trigger, d.Term, d.At = r.Charge, r.Trigger, r.Term, r.At.In(s.loc)
	zero, _ := currency.New(0, r.Paid.Code()) // Paid's currency, or the zero Money
	d.Paid, d.Refund, d.Retained = r.Paid, zero, r.Paid
	d.Rule = s.rule
	if r.Charge == CSPSoftware || r.Charge == CSPPerpetual {
		d.Vendor = r.Vendor
	}

	// Charges that no window can make refundable.
	switch {
	case r.Charge == Usage:
		d.Reason, d.Cancel = ReasonUsage, NothingToCancel
		return nil
	case r.Charge == VMReservation && r.PrivateOffer:
		d.Reason, d.Cancel = ReasonPrivateOffer, CannotCancel
		d.setTermEnd(r, &s)
		return nil
	case (r.Charge == CSPSoftware || r.Charge == CSPPerpetual) && r.Vendor != OtherVendor:
		d.Rule, d.Reason, d.Cancel = rule.RFD05, ReasonVendor, CannotCancel
		d.setTermEnd(r, &s)
		return nil
	case r.Charge == CSPLicense && r.Trigger == Upgrade:
		d.Reason, d.Cancel = ReasonUpgrade, CannotCancel
		d.setTermEnd(r, &s)
		return nil
	case r.Charge == CSPSoftware && r.Trigger == SeatsAdded:
		d.Reason, d.Cancel = ReasonNoSeatReduction, CannotCancel
		d.setTermEnd(r, &s)
		return nil
	}

	if s.entry >= 0 {
		d.PolicyFrom = p.SaaS[s.entry].From
	}
	open := applyWindow(d, r, &s)
	if s.prorate {
		d.PaidUntil = s.paidUntil
		d.DaysPaid = s.daysPaid
	}
	if !open {
		d.Reason = ReasonWindowClosed
		if s.window.IsZero() {
			d.Reason = ReasonNoWindow
		}
		d.Cancel = afterWindow(r.Charge)
		if r.Charge == SaaS && r.Term.Months() >= 24 && p.SaaS[s.entry].MultiYearLocked {
			d.Rule, d.Reason, d.Cancel = rule.EXT12, ReasonMultiYearLocked, CannotCancel
		}
		d.setTermEnd(r, &s)
		return nil
	}

	if r.Charge == VMReservation && p.ReservationLimit != (currency.Money{}) {
		req := r.Commitment
		if req == (currency.Money{}) {
			req = r.Paid
		}
		l, lps := p.limitAt(r.At, req, r.History, "request.history")
		if lps != nil {
			return lps.Err()
		}
		d.Limit = l
		if !l.Allowed {
			d.Reason, d.Cancel = ReasonLimitExceeded, CannotCancel
			d.setTermEnd(r, &s)
			return nil
		}
	}

	d.Allowed, d.Reason, d.Cancel = true, ReasonWithinWindow, CancelNow
	switch {
	case s.prorate:
		d.Settlement = ProratedRefund
		unused := min(max(int64(d.DaysPaid)-int64(d.DaysUsed), 0), int64(d.DaysPaid))
		refund, err := r.Paid.MulDiv(unused, int64(d.DaysPaid), p.Rounding)
		if err != nil { // unreachable: spec checked the rounding mode, and the ratio is at most 1
			return addProblem(nil, s.rule, "request.paid", msgArithmetic, ErrAmount, err.Error()).Err()
		}
		d.Refund = refund
		d.Retained, _ = currency.New(r.Paid.Minor()-refund.Minor(), r.Paid.Code()) // the request's code was checked
	case r.Charge == CSPPerpetual:
		d.Settlement, d.Refund, d.Retained = InvoiceCredit, r.Paid, zero
		d.KeysRevoked = true
	default:
		d.Settlement, d.Refund, d.Retained = FullRefund, r.Paid, zero
	}
	if r.Paid.Sign() == 0 {
		// Nothing was paid, so nothing is refunded: the charge can still
		// be cancelled as the window allows.
		d.Allowed, d.Reason, d.Settlement = false, ReasonNothingPaid, NoRefund
		d.Refund, d.Retained, d.KeysRevoked = r.Paid, r.Paid, r.Charge == CSPPerpetual
	}
	return nil
}

// setTermEnd sets TermEnd, Start plus the request's term in loc, for a
// decision whose charge runs on to the end of its term; it stays zero
// where that end is beyond the year 9999.
func (d *Decision) setTermEnd(r *Request, s *spec) {
	n := calendar.Months(r.Term.Months())
	switch {
	case n <= 0:
	case s.counts:
		d.TermEnd, _ = s.zone.AddMonths(r.Start, n)
	default:
		d.TermEnd, _ = calendar.AddMonths(r.Start.In(s.loc), n)
	}
}

// afterWindow is what can still be done with a charge of kind k once its
// window has closed.
func afterWindow(k ChargeType) CancelOption {
	switch k {
	case SaaS, ProfessionalService, Container, ManagedAppFee, CSPSaaS:
		// Recurring marketplace charges: cancel (or turn off
		// auto-renewal) and let the paid period run out.
		return CancelAtPeriodEnd
	}
	// VM reservations (EXT-12), CSP software (RFD-04, RFD-06) and
	// license-based subscriptions and seats (EXT-13): the whole term is
	// charged.
	return CannotCancel
}

// applyWindow sets the window figures of d for window w opened at
// r.Start and reports whether r.At is inside it. Calendar days are
// counted in s.loc, from s.day0.
func applyWindow(d *Decision, r *Request, s *spec) bool {
	w := s.window
	d.Window = w
	if s.counts {
		d.Zone = s.loc.String()
		d.DaysUsed = int(s.dayNumber(r.At) - s.day0 + 1)
		if w.IsCalendar() {
			d.WindowStart = r.Start.In(s.loc)
			d.WindowEnd = s.startOfDay(s.day0 + int64(w.Days()))
		}
	}
	if !w.IsCalendar() {
		d.WindowStart = r.Start.In(s.loc)
		d.WindowEnd = d.WindowStart.Add(w.d)
	}
	if !r.At.Before(d.WindowEnd) {
		return false
	}
	d.Remaining = d.WindowEnd.Sub(r.At)
	if w.IsCalendar() {
		d.DaysLeft = max(int(w.Days())-d.DaysUsed+1, 1)
	}
	return true
}

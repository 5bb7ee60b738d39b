package refund

import (
	"time"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// spec is what a request needs from the policy: its window and rule, and
// the zone and paid period it counts in. Built and checked by
// Policy.spec.
type spec struct {
	window    Window
	rule      rule.ID
	entry     int // index of the SaaS schedule entry, or -1
	prorate   bool
	loc       *time.Location
	counts    bool          // calendar days are counted, in zone
	zone      calendar.Zone // loc with Start's zone period cached, when counting
	day0      int64         // the day number of Start in loc, when counting
	off       int64         // Start's UTC offset in loc, when counting
	paidUntil time.Time
	daysPaid  int
}

// kindRules is the main rule of each kind. Never written.
var kindRules = [...]rule.ID{
	SaaS: rule.RFD01, Usage: rule.RFD02, ProfessionalService: rule.EXT12, VMReservation: rule.EXT12,
	Container: rule.EXT12, ManagedAppFee: rule.EXT12, CSPSoftware: rule.RFD04, CSPPerpetual: rule.RFD06,
	CSPLicense: rule.EXT13, CSPSaaS: rule.RFD09,
}

// eventAllowed reports whether event e can happen to a charge of kind k.
func eventAllowed(k ChargeType, e Trigger) bool {
	switch e {
	case NewPurchase:
		return true
	case Renewal:
		return k != CSPPerpetual
	case SeatsAdded:
		return k == CSPLicense || k == CSPSoftware
	case Upgrade:
		return k == CSPLicense
	}
	return false
}

// spec checks r against p and fills s, which must be the zero spec, with
// what deciding it needs, or returns every problem found. It allocates
// only when there are problems.
func (p *Policy) spec(r *Request, s *spec) rule.Problems {
	s.entry = -1 // s is zero: no copy of a whole spec over it
	var ps rule.Problems
	switch {
	case r.Charge == 0:
		return addProblem(ps, "", "request.charge", msgChargeMissing, ErrKind)
	case !r.Charge.Valid():
		return addProblem(ps, "", "request.charge", msgKind, ErrKind, r.Charge.String())
	}
	id := kindRules[r.Charge]
	s.rule = id
	if !eventAllowed(r.Charge, r.Trigger) {
		ps = addProblem(ps, id, "request.trigger", msgEvent, ErrEvent, r.Trigger.String(), r.Charge.String())
	}
	startOK := !r.Start.IsZero()
	if !startOK {
		ps = addProblem(ps, id, "request.start", msgMissingStart, ErrMissing)
	}
	if r.At.IsZero() {
		ps = addProblem(ps, id, "request.at", msgMissingAt, ErrMissing)
	} else if startOK && r.At.Before(r.Start) {
		ps = addProblem(ps, id, "request.at", msgBeforeStart, ErrBeforeStart, r.At, r.Start)
	}
	ps = checkAmount(ps, id, "request.paid", r.Paid)

	switch {
	case r.Term != 0 && (!r.Term.Valid() || (r.Term.Months() == 0 && r.Charge != Usage)):
		ps = addProblem(ps, id, "request.term", msgTermInvalid, ErrTerm, r.Term.String())
	case r.Term == 0 && (r.Charge == SaaS || r.Charge == CSPSaaS):
		ps = addProblem(ps, id, "request.term", msgTermMissing, ErrTerm, r.Charge.String())
	}

	// Charges decided without a window count nothing.
	counts := !(r.Charge == Usage ||
		(r.Charge == VMReservation && r.PrivateOffer) ||
		((r.Charge == CSPSoftware || r.Charge == CSPPerpetual) && r.Vendor != OtherVendor) ||
		(r.Charge == CSPLicense && r.Trigger == Upgrade) ||
		(r.Charge == CSPSoftware && r.Trigger == SeatsAdded))
	if !r.Vendor.Valid() && (r.Charge == CSPSoftware || r.Charge == CSPPerpetual) {
		ps = addProblem(ps, rule.RFD05, "request.vendor", msgVendor, ErrName, r.Vendor.String())
	}
	if !counts {
		s.loc = zoneOr(r)
		return ps
	}

	s.window, ps = p.window(r, s, ps)
	s.prorate = r.Charge == CSPSoftware || r.Charge == CSPLicense
	zoneOK := r.Zone != nil
	if !zoneOK && (s.window.IsCalendar() || s.prorate) {
		ps = addProblem(ps, s.rule, "request.zone", msgZone, ErrZone, r.Charge.String())
	}
	s.loc = zoneOr(r)
	if zoneOK && startOK && (s.window.IsCalendar() || s.prorate) {
		s.counts = true
		s.zone = calendar.NewZone(s.loc, r.Start)
		s.off = s.zone.Offset(r.Start)
		s.day0 = s.dayNumber(r.Start)
	}
	if s.prorate {
		ps = p.paidPeriod(r, s, ps)
	}
	if r.Charge == VMReservation && p.ReservationLimit != (currency.Money{}) {
		n := len(ps)
		if ps = p.checkLimit(ps); len(ps) == n {
			req, path := r.Commitment, "request.commitment"
			if req == (currency.Money{}) {
				req, path = r.Paid, "request.paid"
			}
			ps = checkAmount(ps, rule.EXT12, "request.commitment", r.Commitment)
			ps = p.checkInLimitCurrency(ps, path, req)
			ps = p.checkHistory(ps, "request.history", r.History)
		}
	}
	return ps
}

// window finds the policy's window for r; for SaaS it also checks the
// schedule and records the entry in s.
func (p *Policy) window(r *Request, s *spec, ps rule.Problems) (Window, rule.Problems) {
	switch r.Charge {
	case SaaS:
		if len(p.SaaS) == 0 {
			return Window{}, policyProblem(ps, rule.RFD01, "policy.saas", msgSaaSEmpty)
		}
		for i := 1; i < len(p.SaaS); i++ {
			if !p.SaaS[i].From.After(p.SaaS[i-1].From) {
				ps = policyProblem(ps, rule.EXT12, indexPath("policy.saas", i, "from"), msgSaaSOrder)
			}
		}
		i, _ := p.saasIndex(r.Start)
		e := &p.SaaS[i]
		s.entry = i
		if e.Rule != "" {
			s.rule = e.Rule
		}
		switch r.Term {
		case plan.OneYear:
			return e.Annual, ps
		case plan.TwoYears, plan.ThreeYears:
			return e.MultiYear, ps
		}
		return e.Monthly, ps
	case ProfessionalService:
		return p.ProfessionalService, ps
	case VMReservation:
		return p.VMReservation, ps
	case Container:
		return p.Container, ps
	case ManagedAppFee:
		return p.ManagedAppFee, ps
	case CSPSoftware:
		return p.CSPSoftware, ps
	case CSPPerpetual:
		return p.CSPPerpetual, ps
	case CSPLicense:
		return p.CSPLicense, ps
	}
	// CSPSaaS
	if r.Term == plan.OneMonth {
		return p.CSPSaaSMonthly, ps
	}
	return p.CSPSaaSAnnual, ps
}

// paidPeriod sets the paid period of a prorated refund in s: its end and
// its number of calendar days, which must be at least one.
func (p *Policy) paidPeriod(r *Request, s *spec, ps rule.Problems) rule.Problems {
	if !p.Rounding.Valid() {
		ps = policyProblem(ps, s.rule, "policy.rounding", msgRounding, p.Rounding.String())
	}
	var endDay int64
	switch {
	case !r.PaidUntil.IsZero():
		if !s.counts {
			return ps
		}
		s.paidUntil = r.PaidUntil.In(s.loc)
		endDay = s.dayNumber(r.PaidUntil)
	case r.Trigger == SeatsAdded:
		return addProblem(ps, s.rule, "request.paidUntil", msgPaidUntilSeats, ErrMissing)
	case r.Term == 0:
		return addProblem(ps, s.rule, "request.term", msgTermPeriod, ErrTerm)
	case !s.counts || r.Term.Months() == 0:
		return ps // reported already
	default:
		t, day, err := s.addMonths(r.Start, calendar.Months(r.Term.Months()))
		if err != nil {
			return addProblem(ps, s.rule, "request.term", msgTermRange, ErrTerm, r.Term.String(), r.Start)
		}
		s.paidUntil, endDay = t, day
	}
	days := endDay - s.day0
	if days < 1 || days > 1<<31 {
		return addProblem(ps, s.rule, "request.paidUntil", msgPeriod, ErrPeriod, s.paidUntil, r.Start.In(s.loc))
	}
	s.daysPaid = int(days)
	return ps
}

func zoneOr(r *Request) *time.Location {
	if r.Zone != nil {
		return r.Zone
	}
	return r.Start.Location()
}

// checkAmount reports an amount that is negative or has no valid
// currency. The zero Money is valid (nothing).
func checkAmount(ps rule.Problems, id rule.ID, path string, m currency.Money) rule.Problems {
	switch {
	case m == (currency.Money{}):
	case !m.Code().Valid():
		ps = addProblem(ps, id, path, msgNoCurrency, ErrAmount, m.Minor())
	case m.IsNegative():
		ps = addProblem(ps, id, path, msgNegative, ErrAmount, m)
	}
	return ps
}

// amountOK reports whether m is the zero Money or a non-negative amount
// in a valid currency.
func amountOK(m currency.Money) bool {
	return m == (currency.Money{}) || (m.Code().Valid() && !m.IsNegative())
}

// inLimitCurrency reports whether m is the zero Money or in the currency
// of the reservation limit.
func (p *Policy) inLimitCurrency(m currency.Money) bool {
	return m == (currency.Money{}) || m.Code() == p.ReservationLimit.Code()
}

func (p *Policy) checkInLimitCurrency(ps rule.Problems, path string, m currency.Money) rule.Problems {
	if !p.inLimitCurrency(m) {
		ps = addProblem(ps, rule.EXT12, path, msgLimitCurrency, errCurrencyMismatch, m, p.ReservationLimit.Code().String())
	}
	return ps
}

func (p *Policy) checkHistory(ps rule.Problems, base string, h []Cancellation) rule.Problems {
	for i, c := range h {
		if c.At.IsZero() {
			ps = addProblem(ps, rule.EXT12, indexPath(base, i, "at"), msgMissingHistoryAt, ErrMissing)
		}
		switch {
		case !amountOK(c.Amount):
			ps = checkAmount(ps, rule.EXT12, indexPath(base, i, "amount"), c.Amount)
		case !p.inLimitCurrency(c.Amount):
			ps = p.checkInLimitCurrency(ps, indexPath(base, i, "amount"), c.Amount)
		}
	}
	return ps
}

func addProblem(ps rule.Problems, id rule.ID, path string, m rule.Message, sentinel error, args ...any) rule.Problems {
	if len(ps) == 1 && cap(ps) == 1 {
		// A request with two problems usually has more (a missing zone,
		// a missing term): room for the next few at once.
		ps = append(make(rule.Problems, 0, problemsCap), ps[0])
	}
	ps.Append(rule.Problem{Rule: id, Path: path, Message: m, Args: args, Err: sentinel})
	return ps
}

// problemsCap is the capacity a list of problems grows to at its second
// problem (from 1; append would grow it to 2, then 4).
const problemsCap = 3

// dayNumber is s.zone.DayNumber(t), the day number of t's local date,
// with one division instead of two for the instants whose seconds plus
// an offset cannot overflow (all but those beyond ±2⁶² seconds).
func (s *spec) dayNumber(t time.Time) int64 {
	u := t.Unix()
	if u <= -1<<62 || u >= 1<<62 {
		return s.zone.DayNumber(t)
	}
	v := u + s.zone.Offset(t)
	d := v / secondsPerDay
	if v%secondsPerDay < 0 {
		d--
	}
	return d
}

const secondsPerDay = 86400

// startOfDay is s.zone.StartOfDay(day) without its extra steps where
// local midnight of day is the day's first instant at one offset: that
// of Start (s.off) or, when the day falls after a clock change, the one
// in force at midnight at Start's offset. Midnight at that offset is
// kept when the zone's offset there, and a second before it, is that
// offset (no clock change at midnight): it is then the instant
// StartOfDay gives, found with one zone lookup fewer. Elsewhere it is
// StartOfDay's case.
func (s *spec) startOfDay(day int64) time.Time {
	if day > -1<<30 && day < 1<<30 {
		off := s.off
		u := day*secondsPerDay - off
		ok := true
		if o := s.zone.Offset(time.Unix(u, 0)); o != off {
			off, u = o, day*secondsPerDay-o
			ok = s.zone.Offset(time.Unix(u, 0)) == off
		}
		if ok && s.zone.Offset(time.Unix(u-1, 0)) == off {
			return time.Unix(u, 0).In(s.loc)
		}
	}
	return s.zone.StartOfDay(day)
}

// addMonths returns s.zone.AddMonths(start, n) and the day number of its
// date, for start the instant s.zone, s.off and s.day0 were made for. The common
// case takes two zone lookups (time.Date's and the result's offset)
// where AddMonths and dayNumber take three: the same clock time on the
// date n months on (the day clamped to the month's end), through
// time.Date, kept when its date and clock time are the ones asked for
// and its year is within calendar.MinYear–MaxYear. Anything else (a
// clock change moving the time, a year out of range) is AddMonths'
// case, which gives the same instant wherever this one is kept.
func (s *spec) addMonths(start time.Time, n calendar.Months) (time.Time, int64, error) {
	if y, m, d, err := calendar.CivilDate(s.day0); err == nil {
		total := int64(y)*12 + int64(m) - 1 + int64(n)
		y2 := total / 12
		if total%12 < 0 {
			y2--
		}
		m2 := time.Month(total-y2*12) + 1
		if y2 >= calendar.MinYear && y2 <= calendar.MaxYear {
			days, _ := calendar.DaysIn(int(y2), m2) // m2 is 1…12
			d2 := min(d, days)
			sec := start.Unix() + s.off - s.day0*secondsPerDay // into the local day
			t := time.Date(int(y2), m2, d2, int(sec/3600), int(sec/60%60), int(sec%60), start.Nanosecond(), s.loc)
			day, _ := calendar.DayNumber(int(y2), m2, d2) // a valid date
			if t.Unix()+s.zone.Offset(t) == day*secondsPerDay+sec {
				return t, day, nil
			}
		}
	}
	t, err := s.zone.AddMonths(start, n)
	if err != nil {
		return time.Time{}, 0, err
	}
	return t, s.dayNumber(t), nil
}

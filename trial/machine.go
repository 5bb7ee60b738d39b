package trial

import (
	"fmt"
	"iter"
	"time"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Machine applies the free-trial rules of one offer under a policy. It is
// a plain value (build it with a struct literal) and is never modified:
// one Machine serves every customer of the offer, from any number of
// goroutines.
type Machine struct {
	// Policy holds the numbers the rules use; DefaultPolicy() follows the
	// rulebook.
	Policy Policy
	// Offer is the offer whose trials the machine decides.
	Offer Offering
}

// Event is something that happens to a customer's trial of the offer, at
// an instant the caller gives. Plan is needed by Start, Switch, Convert
// and Purchase (it is only read, never kept: the state records its ID);
// Market by Start.
type Event struct {
	// Type is what happens; At is when.
	Type EventType
	At   time.Time
	// Plan is the plan the event is about: started, switched to,
	// converted to or bought.
	Plan *plan.Plan
	// Market is the customer's market (Start): the 0.00 charge is in its
	// billing currency (TRL-03).
	Market market.Code
}

var (
	msgEventKind     = rule.Message{English: "unknown event kind %d", Swedish: "okänd händelsetyp %d"}
	msgEventAt       = rule.Message{English: "the event's instant is required", Swedish: "händelsens tidpunkt måste anges"}
	msgPlanRequired  = rule.Message{English: "the plan is required", Swedish: "planen måste anges"}
	msgEventPlan     = rule.Message{English: "a %s event needs the plan", Swedish: "en händelse av typen %s behöver planen"}
	msgEventMarket   = rule.Message{English: "a start needs the customer's market, in whose currency the 0.00 charge is made", Swedish: "en start behöver kundens marknad, i vars valuta avgiften på 0,00 debiteras"}
	msgOutOfOrder    = rule.Message{English: "%v is before the last event at %v", Swedish: "%v ligger före den senaste händelsen %v"}
	msgOfferUndef    = rule.Message{English: "offer type %d is not defined", Swedish: "erbjudandetypen %d är inte definierad"}
	msgOffsetSeconds = rule.Message{English: "the trial's calendar would count in UTC offset %s, whose seconds JSON (RFC 3339) cannot keep: give the instant in UTC or in a zone without such offsets", Swedish: "utvärderingsperiodens kalender skulle räknas i UTC-förskjutningen %s, vars sekunder JSON (RFC 3339) inte kan bevara: ange tidpunkten i UTC eller i en zon utan sådana förskjutningar"}
	msgZoneDetached  = rule.Message{English: "the trial's calendar counts in %q, but its start is in %q: attach the location with State.In", Swedish: "utvärderingsperiodens kalender räknas i %q, men dess start ligger i %q: koppla platsen med State.In"}
)

// problem appends a problem wrapping sentinel err.
func problem(ps *rule.Problems, id rule.ID, path string, err error, msg rule.Message, args ...any) {
	*ps = append(*ps, rule.Problem{Rule: id, Path: path, Message: msg, Args: args, Err: err})
}

// checkOffer reports an undefined offer type.
func (m *Machine) checkOffer(ps *rule.Problems) {
	if !m.Offer.Type.Valid() {
		problem(ps, "", "offer.type", ErrInvalidOffer, msgOfferUndef, uint8(m.Offer.Type))
	}
}

// checkPlan reports a missing plan or one without a valid ID (PLN-01).
func checkPlan(p *plan.Plan, path string, ps *rule.Problems) {
	switch {
	case p == nil:
		problem(ps, "", path, ErrInvalidEvent, msgPlanRequired)
	case !plan.ValidID(p.ID):
		problem(ps, rule.PLN01, path+".id", ErrInvalidEvent, msgStatePlanID, truncate(p.ID, 60))
	}
}

// check reports every problem of event e applied to s.
func (m *Machine) check(s *State, e *Event) error {
	var ps rule.Problems
	if e.Type < Start || e.Type > Purchase {
		problem(&ps, "", "kind", ErrInvalidEvent, msgEventKind, uint8(e.Type))
	}
	if e.At.IsZero() {
		problem(&ps, "", "at", ErrInvalidEvent, msgEventAt)
	} else if e.At.Before(s.Last) {
		problem(&ps, "", "at", ErrOutOfOrder, msgOutOfOrder, e.At, s.Last)
	}
	if e.Type == Start && !e.At.IsZero() && e.At.Location() != time.UTC {
		if _, off := e.At.Zone(); off%60 != 0 {
			problem(&ps, "", "at", ErrInvalidEvent, msgOffsetSeconds, formatOffset(off))
		}
	}
	switch e.Type {
	case Start, Switch, Convert, Purchase:
		if e.Plan == nil {
			problem(&ps, "", "plan", ErrInvalidEvent, msgEventPlan, e.Type.String())
		} else {
			checkPlan(e.Plan, "plan", &ps)
		}
	}
	if e.Type == Start || e.Type == Switch {
		m.checkOffer(&ps)
	}
	if e.Type == Start {
		switch {
		case e.Market == 0:
			problem(&ps, "", "market", ErrInvalidEvent, msgEventMarket)
		case !e.Market.Valid() || !e.Market.Market().Transacts:
			problem(&ps, rule.PRC09, "market", ErrInvalidEvent, msgStateMarket, e.Market.String())
		}
	}
	return ps.Err()
}

// Apply returns the state after event e, the effects the host should
// carry out, or an error; s and e are not modified. It does not allocate
// unless it returns an error.
//
// On error the state is s, unchanged, and there are no effects. An error
// is [rule.Problems] for invalid input (an undefined kind, a zero instant,
// an instant before s.Last, a missing plan or market: [ErrInvalidEvent],
// [ErrOutOfOrder], [ErrInvalidOffer], [ErrZone]), or a [*RefusalError]
// when the rules do not allow the event (see the package documentation's
// table). Events at the same instant as s.Last are in order.
//
// The end of a running trial is observed by a [Tick] at or after it,
// which converts the plan under evaluation at the end instant (not at the
// Tick's instant). Any other event at or after the end is refused with
// [ErrTrialEnded] until that Tick is applied, so that a conversion never
// happens as a side effect of another request.
//
// s must be a state returned by Apply, the zero State, or one that
// passes [State.Validate] (as every state decoded from JSON does).
func (m Machine) Apply(s State, e Event) (State, Effects, error) {
	var fx Effects
	err := m.apply(&s, &fx, &e)
	return s, fx, err
}

// apply applies e to *s and sets *fx to its effects. Every check comes
// before the first write, so on error *s and *fx are unchanged.
func (m *Machine) apply(s *State, fx *Effects, e *Event) error {
	if err := m.check(s, e); err != nil {
		return err
	}
	// No monotonic reading, and every instant of a state in one location:
	// the trial's calendar, or UTC before any trial. States then compare
	// with == and encode exactly.
	at := e.At.Round(0)
	switch {
	case !s.Start.IsZero():
		at = at.In(s.Start.Location())
	case e.Type != Start:
		at = at.UTC()
	}
	if s.Phase == InTrial && !at.Before(s.End) {
		if e.Type != Tick {
			return m.refuse(s, e, ErrTrialEnded, rule.TRL04, ReasonTrialEnded)
		}
		// TRL-04, TRL-05, TRL-07: the plan under evaluation converts at
		// the end.
		s.Phase, s.PaidVia, s.PaidAt, s.Last = Paid, AtEnd, s.End, at
		fx.kind, fx.at, fx.plan = tAtEnd, s.End, s.Plan
		return nil
	}
	switch e.Type {
	case Start:
		return m.start(s, fx, e, at)
	case Switch:
		return m.switchTo(s, fx, e, at)
	case Convert:
		return m.convert(s, fx, e, at)
	case Cancel:
		if s.Phase != InTrial {
			return m.notInTrial(s, e)
		}
		s.Phase, s.CancelledAt, s.Last = Cancelled, at, at
		fx.kind, fx.at, fx.plan = tCancelled, at, s.Plan
		return nil
	case Purchase:
		switch s.Phase {
		case InTrial:
			return m.refuse(s, e, ErrPurchase, rule.TRL09, ReasonPurchaseInTrial)
		case None, Cancelled:
			s.Phase, s.PaidVia, s.PaidAt, s.Plan = Paid, Purchased, at, e.Plan.ID
		}
	}
	// Tick before the end, Purchase: record the instant.
	s.Last = at
	return nil
}

// start applies a Start (TRL-01, TRL-02, TRL-03, EXT-04, TRL-06, TRL-10,
// EXT-12): the same checks, in the same order, as Machine.Eligible.
func (m *Machine) start(s *State, fx *Effects, e *Event, at time.Time) error {
	p := e.Plan
	id, why := m.planTrial(p)
	if why == "" {
		id, why = s.History().check()
	}
	if why != "" {
		return m.refuse(s, e, ErrNotEligible, id, why)
	}
	// No zone has gone from whole minutes back to an offset with
	// seconds, so the check of the start's offset (in check) covers End.
	end := plan.AddMonths(at, p.Trial.Months)
	*s = State{
		Phase:  InTrial,
		Plan:   p.ID,
		Market: e.Market,
		Months: p.Trial.Months,
		Start:  at,
		End:    end,
		Zone:   zoneName(at),
		Last:   at,
	}
	*fx = Effects{kind: tStarted, cur: e.Market.Market().Currency, months: p.Trial.Months, at: at, until: end, plan: p.ID}
	return nil
}

// switchTo applies a Switch (TRL-06, TRL-07).
func (m *Machine) switchTo(s *State, fx *Effects, e *Event, at time.Time) error {
	p := e.Plan
	if s.Phase != InTrial {
		return m.notInTrial(s, e)
	}
	if p.ID == s.Plan {
		return m.refuse(s, e, ErrSwitch, rule.TRL06, ReasonSamePlan)
	}
	if id, why := m.planTrial(p); why != "" {
		return m.refuse(s, e, ErrSwitch, id, why)
	}
	from := s.Plan
	if m.Policy.Switch != KeepEnd && p.Trial.Months != s.Months {
		if !s.attached() {
			var ps rule.Problems
			problem(&ps, "", "zone", ErrZone, msgZoneDetached, s.Zone, zoneName(s.Start))
			return ps
		}
		end := plan.AddMonths(s.Start, p.Trial.Months)
		if !at.Before(end) {
			err := m.refuse(s, e, ErrSwitch, rule.TRL06, ReasonUsedUp)
			err.End = end
			return err
		}
		s.Months, s.End = p.Trial.Months, end
	}
	s.Plan, s.Last = p.ID, at
	*fx = Effects{kind: tSwitched, months: s.Months, at: at, until: s.End, plan: p.ID, from: from, used: at.Sub(s.Start)}
	return nil
}

// convert applies a Convert (TRL-08, TRL-09).
func (m *Machine) convert(s *State, fx *Effects, e *Event, at time.Time) error {
	p := e.Plan
	switch {
	case s.Phase != InTrial:
		return m.notInTrial(s, e)
	case p.ID == s.Plan:
		return m.refuse(s, e, ErrTrialPlan, rule.TRL08, ReasonTrialPlan)
	case p.Trial.Enabled():
		return m.refuse(s, e, ErrTrialPlan, rule.TRL08, ReasonOtherTrialPlan)
	}
	from := s.Plan
	s.Phase, s.PaidVia, s.PaidAt, s.Plan, s.Last = Paid, Early, at, p.ID, at
	*fx = Effects{kind: tEarly, at: at, plan: p.ID, from: from}
	return nil
}

// notInTrial refuses a Switch, Convert or Cancel without a running
// trial: after a cancelled one (EXT-12), or with none (TRL-11).
func (m *Machine) notInTrial(s *State, e *Event) *RefusalError {
	if s.Phase == Cancelled {
		return m.refuse(s, e, ErrNotInTrial, rule.EXT12, ReasonCancelledBefore)
	}
	return m.refuse(s, e, ErrNotInTrial, rule.TRL11, ReasonNotInTrial)
}

// refuse builds the refusal of e in state s. It allocates; it is only
// called on the way out with an error.
func (m *Machine) refuse(s *State, e *Event, sentinel error, id rule.ID, why rule.Reason) *RefusalError {
	r := &RefusalError{Event: e.Type, At: e.At, Rule: id, Reason: why, Current: s.Plan, Phase: s.Phase,
		Offer: m.Offer, Err: sentinel}
	if s.Phase == InTrial {
		r.End = s.End
	}
	if e.Plan != nil {
		r.Plan = e.Plan.ID
		r.Months = e.Plan.Trial.Months
	}
	if why == ReasonLength {
		if a := m.Offer.Type.TrialMonths(m.Policy.Offer); len(a) > 0 {
			r.Lengths = append([]int(nil), a...)
		}
	}
	return r
}

// Replay applies events in order to s and returns the final state. It
// stops at the first error, returning the state reached before the event
// that failed and the error, which wraps Apply's error and names the
// event's index. Replaying the same events from the same state always
// gives the same state. For a slice, pass slices.Values(events).
func (m Machine) Replay(s State, events iter.Seq[Event]) (State, error) {
	i := 0
	for e := range events {
		n, _, err := m.Apply(s, e)
		if err != nil {
			return s, fmt.Errorf("trial: event %d (%s): %w", i, e.Type, err)
		}
		s = n
		i++
	}
	return s, nil
}

package trial

import (
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"iter"
	"slices"
	"time"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Event is something that happens to a customer's trial of the offer, at
// an instant the caller gives. Plan is needed by Start, Switch, Convert
// and Purchase (it is only read, never kept: the state records its ID);
// Market by Start.
type Event struct {
	// Type is what happens; At is when.
	Type EventType `json:"type"`
	At   time.Time `json:"at"`
	// Plan is the plan the event is about: started, switched to,
	// converted to or bought.
	Plan *plan.Plan `json:"plan,omitempty"`
	// Market is the customer's market (Start): the 0.00 charge is in its
	// billing currency (TRL-03).
	Market market.Code `json:"market,omitzero"`
	// Offer is the offer whose plans the trial evaluates (Start and
	// Switch check it, TRL-01).
	Offer Offering `json:"offer,omitzero"`
}

var (
	msgEventKind     = rule.Message{English: "unknown event kind %d", Swedish: "okänd händelsetyp %d"}
	msgEventYear     = rule.Message{English: "%v is outside 0001-01-02 to 9999-12-30 UTC, the instants a state can store in any zone", Swedish: "%v ligger utanför 0001-01-02 till 9999-12-30 UTC, de tidpunkter ett tillstånd kan lagra i varje zon"}
	msgEventAt       = rule.Message{English: "the event's instant is required", Swedish: "händelsens tidpunkt måste anges"}
	msgPlanRequired  = rule.Message{English: "the plan is required", Swedish: "planen måste anges"}
	msgEventPlan     = rule.Message{English: "a %s event needs the plan", Swedish: "en händelse av typen %s behöver planen"}
	msgEventMarket   = rule.Message{English: "a start needs the customer's market, in whose currency the 0.00 charge is made", Swedish: "en start behöver kundens marknad, i vars valuta avgiften på 0,00 debiteras"}
	msgOutOfOrder    = rule.Message{English: "%v is before the last event at %v", Swedish: "%v ligger före den senaste händelsen %v"}
	msgOfferUndef    = rule.Message{English: "offer type %d is not defined", Swedish: "erbjudandetypen %d är inte definierad"}
	msgOffsetSeconds = rule.Message{English: "the trial's calendar would count in UTC offset %s, whose seconds JSON (RFC 3339) cannot keep: give the instant in UTC or in a zone without such offsets", Swedish: "utvärderingsperiodens kalender skulle räknas i UTC-förskjutningen %s, vars sekunder JSON (RFC 3339) inte kan bevara: ange tidpunkten i UTC eller i en zon utan sådana förskjutningar"}
	msgZoneDetached  = rule.Message{English: "the trial's calendar counts in %q, but its start is in %q: attach the location with State.In", Swedish: "utvärderingsperiodens kalender räknas i %q, men dess start ligger i %q: koppla platsen med State.In"}
)

// The first and last instants an event may have: a day inside the years
// 1 to 9999, which RFC 3339 writes, so that the instant has such a year
// in every zone. Never written.
var (
	minInstant = time.Date(1, time.January, 2, 0, 0, 0, 0, time.UTC)
	maxInstant = time.Date(9999, time.December, 30, 0, 0, 0, 0, time.UTC)
)

// The Unix seconds of minInstant and maxInstant, both on whole seconds:
// an instant t is in [minInstant, maxInstant] when minUnix <= t.Unix()
// and t.Unix() < maxUnix, or t is maxInstant.
const (
	minUnix = -62135510400 // 0001-01-02T00:00:00Z
	maxUnix = 253402128000 // 9999-12-30T00:00:00Z
)

// inEventRange reports whether t is within [minInstant, maxInstant],
// with one reading of t's seconds rather than two comparisons of times.
func inEventRange(t time.Time) bool {
	u := t.Unix()
	return u >= minUnix && (u < maxUnix || u == maxUnix && t.Nanosecond() == 0)
}

// problem appends a problem wrapping sentinel err.
func problem(ps *rule.Problems, id rule.ID, path string, err error, msg rule.Message, args ...any) {
	ps.Append(rule.Problem{Rule: id, Path: path, Message: msg, Args: args, Err: err})
}

// checkOffer reports an undefined offer type.
func checkOffer(o Offering, ps *rule.Problems) {
	if !o.Type.Valid() {
		problem(ps, "", "offer.type", ErrInvalidOffer, msgOfferUndef, uint8(o.Type))
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

// check reports every problem of event e applied to s under p.
func (p *Policy) check(s *State, e *Event) error {
	if p.eventOK(s, e) {
		return nil
	}
	return p.problems(s, e)
}

// eventOK reports whether event e applied to s under p has no problem:
// the conditions of problems, as one conjunction of cheap tests, so that
// a valid event costs no problem list. False sends the event to
// problems, which names each problem.
func (p *Policy) eventOK(s *State, e *Event) bool {
	// inEventRange is false for the zero instant.
	if !p.valid() || !inEventRange(e.At) || e.At.Before(s.Last) {
		return false
	}
	switch e.Type {
	case Cancel, Tick:
		return true
	case Convert, Purchase:
		return e.Plan != nil && plan.ValidID(e.Plan.ID)
	case Switch:
		return e.Plan != nil && plan.ValidID(e.Plan.ID) && offerTypes[e.Offer.Type].valid
	case Start:
		return e.Plan != nil && plan.ValidID(e.Plan.ID) && offerTypes[e.Offer.Type].valid &&
			e.Market.Valid() && e.Market.Market().Transacts && wholeMinutes(e.At)
	}
	return false
}

// wholeMinutes reports whether t's UTC offset is in whole minutes, as
// RFC 3339 writes it.
func wholeMinutes(t time.Time) bool {
	if t.Location() == time.UTC {
		return true
	}
	_, off := t.Zone()
	return off%60 == 0
}

// problems reports every problem of event e applied to s under p.
func (p *Policy) problems(s *State, e *Event) error {
	var ps rule.Problems
	p.checkPolicy(&ps)
	if !e.Type.Valid() {
		problem(&ps, "", "type", ErrInvalidEvent, msgEventKind, uint8(e.Type))
	}
	if e.At.IsZero() {
		problem(&ps, "", "at", ErrInvalidEvent, msgEventAt)
	} else if !inEventRange(e.At) {
		problem(&ps, "", "at", ErrInvalidEvent, msgEventYear, e.At)
	} else if e.At.Before(s.Last) {
		problem(&ps, "", "at", ErrOutOfOrder, msgOutOfOrder, e.At, s.Last)
	}
	if e.Type == Start && !e.At.IsZero() && !wholeMinutes(e.At) {
		problem(&ps, "", "at", ErrInvalidEvent, msgOffsetSeconds, e.At.Format("-07:00:00"))
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
		checkOffer(e.Offer, &ps)
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

// Apply decides event e in state s: the [Transition] says whether the
// rules allow it (Allowed), the rule and reason, the state after it and
// the [Effects] the host should carry out. s and e are not modified. It
// does not allocate, except for an error and for the allowed lengths of
// a TRL-02 refusal.
//
// An event the rules do not allow is a Transition with Allowed false,
// the state unchanged and no effects (see the package documentation's
// table); it is not an error. The error is for invalid input only, as
// [rule.Problems]: an undefined event type, a zero instant, an instant
// before s.Last, a missing plan or market, an undefined offer type, a
// trial whose end would not be a representable instant after its start
// ([ErrInvalidEvent], [ErrOutOfOrder], [ErrInvalidOffer], [ErrZone]), or
// an invalid policy ([ErrPolicy]). Events at the same instant as s.Last
// are in order.
//
// The end of a running trial is observed by a [Tick] at or after it,
// which converts the plan under evaluation at the end instant (not at the
// Tick's instant). Any other event at or after the end is refused
// ([ReasonTrialEnded]) until that Tick is applied, so that a conversion
// never happens as a side effect of another request.
//
// s must be a state returned by Apply, the zero State, or one that
// passes [State.Validate] (as every state decoded from JSON does).
func (p Policy) Apply(s State, e Event) (t Transition, err error) {
	// Small enough to inline: s is copied once, into t, and e not at all.
	t.State = s
	if err = p.applyOrDefault(&t, &e); err != nil {
		return Transition{}, err
	}
	return t, nil
}

// applyOrDefault is apply under p, or under DefaultPolicy for the zero
// Policy, of e to t.State, into t (otherwise the zero Transition).
func (p *Policy) applyOrDefault(t *Transition, e *Event) error {
	if p.isZero() {
		def := defaults()
		p = &def
	}
	t.Event, t.At = e.Type, e.At
	t.setEvent(e)
	return p.apply(t, e)
}

// begin makes t the transition of e from state s before it is decided:
// Transition{Event: e.Type, At: e.At, State: *s} with the event's
// figures, field by field rather than through a temporary.
func (t *Transition) begin(s *State, e *Event) {
	t.Allowed, t.Rule, t.Reason = false, "", ""
	t.Event, t.At, t.Plan, t.Offer = e.Type, e.At, "", Offering{}
	t.State = *s
	t.Effects = Effects{}
	t.End, t.Months, t.Lengths = time.Time{}, 0, nil
	t.setEvent(e)
}

// setEvent sets the figures of t that come from event e: its offer and
// plan.
func (t *Transition) setEvent(e *Event) {
	if offerTypes[e.Offer.Type].valid {
		t.Offer = e.Offer
	}
	if e.Plan != nil {
		t.Plan = e.Plan.ID
	}
}

// apply applies e to t.State and sets the transition's outcome. Every
// check comes before the first write to the state, so on error or
// refusal the state is unchanged.
func (p *Policy) apply(t *Transition, e *Event) error {
	s := &t.State
	if err := p.check(s, e); err != nil {
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
			p.refuse(t, e, rule.TRL04, ReasonTrialEnded)
			return nil
		}
		// TRL-04, TRL-05, TRL-07: the plan under evaluation converts at
		// the end.
		s.Phase, s.PaidVia, s.PaidAt, s.Last = Paid, AtEnd, s.End, at
		fx := &t.Effects
		fx.at, fx.plan = s.End, s.Plan
		t.allow(tAtEnd)
		return nil
	}
	switch e.Type {
	case Start:
		return p.start(t, e, at)
	case Switch:
		return p.switchTo(t, e, at)
	case Convert:
		p.convert(t, e, at)
		return nil
	case Cancel:
		if s.Phase != InTrial {
			p.notInTrial(t, e)
			return nil
		}
		s.Phase, s.CancelledAt, s.Last = Cancelled, at, at
		fx := &t.Effects
		fx.at, fx.plan = at, s.Plan
		t.allow(tCancelled)
		return nil
	case Purchase:
		switch s.Phase {
		case InTrial:
			p.refuse(t, e, rule.TRL09, ReasonPurchaseInTrial)
			return nil
		case None, Cancelled:
			s.Phase, s.PaidVia, s.PaidAt, s.Plan, s.Last = Paid, Purchased, at, e.Plan.ID, at
			t.Allowed, t.Rule, t.Reason = true, rule.TRL10, ReasonPurchased
			return nil
		}
		// Paid already: nothing changes.
		s.Last = at
		t.Allowed, t.Rule, t.Reason = true, rule.TRL10, ReasonNoChange
		return nil
	}
	// A Tick before the end, or without a running trial: record the
	// instant.
	s.Last = at
	t.Allowed, t.Rule, t.Reason = true, rule.TRL04, ReasonNoChange
	return nil
}

var msgEndRange = rule.Message{English: "a trial of %d months from %v would end at %v, which is not a representable instant after its start (years 1 to 9999)", Swedish: "en utvärderingsperiod på %d månader från %v skulle sluta %v, vilket inte är en tidpunkt efter starten inom åren 1 till 9999"}

// trialEnd returns the end of a trial of n months from start, or a
// problem when it is not an instant after start within the years that
// RFC 3339 writes.
func trialEnd(start time.Time, n int) (time.Time, error) {
	// A trial of one month seldom crosses a change of the clock, and a
	// calendar.Zone prepared at start then counts it with fewer zone
	// lookups than calendar.AddMonths. A longer one usually crosses one
	// (six months always do in a zone with daylight saving time), where
	// the Zone would cost its preparation and then AddMonths' path.
	var end time.Time
	var err error
	if n == 1 {
		z := calendar.NewZone(start.Location(), start)
		end, err = z.AddMonths(start, 1)
	} else {
		end, err = calendar.AddMonths(start, calendar.Months(n))
	}
	if err != nil || n < 1 || n > MaxTrialMonths || !end.After(start) {
		var ps rule.Problems
		problem(&ps, rule.TRL02, "plan.trial.months", ErrInvalidEvent, msgEndRange, n, start, end)
		return time.Time{}, ps.Err()
	}
	return end, nil
}

// start applies a Start (TRL-01, TRL-02, TRL-03, EXT-04, TRL-06, TRL-10,
// EXT-12): the same checks, in the same order, as Policy.CheckEligibility.
func (p *Policy) start(t *Transition, e *Event, at time.Time) error {
	s, pl := &t.State, e.Plan
	id, why := p.planTrial(e.Offer, pl)
	if why == "" {
		id, why = s.History().check()
	}
	if why != "" {
		p.refuse(t, e, id, why)
		return nil
	}
	// No zone has gone from whole minutes back to an offset with
	// seconds, so the check of the start's offset (in check) covers End.
	end, err := trialEnd(at, pl.Trial.Months)
	if err != nil {
		return err
	}
	// Field by field, as the effects: every field of the state is set.
	s.Phase, s.Plan, s.Market, s.Months = InTrial, pl.ID, e.Market, pl.Trial.Months
	s.Start, s.End, s.Zone = at, end, calendar.ZoneName(at)
	s.CancelledAt, s.PaidAt, s.PaidVia, s.Last = time.Time{}, time.Time{}, 0, at
	fx := &t.Effects
	fx.cur, fx.months, fx.at, fx.until, fx.plan = e.Market.Market().Currency, pl.Trial.Months, at, end, pl.ID
	t.allow(tStarted)
	return nil
}

// switchTo applies a Switch (TRL-06, TRL-07).
func (p *Policy) switchTo(t *Transition, e *Event, at time.Time) error {
	s, pl := &t.State, e.Plan
	if s.Phase != InTrial {
		p.notInTrial(t, e)
		return nil
	}
	if pl.ID == s.Plan {
		p.refuse(t, e, rule.TRL06, ReasonSamePlan)
		return nil
	}
	if id, why := p.planTrial(e.Offer, pl); why != "" {
		p.refuse(t, e, id, why)
		return nil
	}
	from := s.Plan
	months, end := s.Months, s.End
	if p.Switch != KeepEnd && pl.Trial.Months != s.Months {
		if !s.attached() {
			var ps rule.Problems
			problem(&ps, "", "zone", ErrZone, msgZoneDetached, s.Zone, calendar.ZoneName(s.Start))
			return ps.Err()
		}
		var err error
		if end, err = trialEnd(s.Start, pl.Trial.Months); err != nil {
			return err
		}
		if !at.Before(end) {
			p.refuse(t, e, rule.TRL06, ReasonUsedUp)
			t.End = end
			return nil
		}
		months = pl.Trial.Months
	}
	s.Months, s.End, s.Plan, s.Last = months, end, pl.ID, at
	fx := &t.Effects
	fx.months, fx.at, fx.until, fx.plan, fx.from, fx.used = s.Months, at, s.End, pl.ID, from, at.Sub(s.Start)
	t.allow(tSwitched)
	return nil
}

// convert applies a Convert (TRL-08, TRL-09).
func (p *Policy) convert(t *Transition, e *Event, at time.Time) {
	s, pl := &t.State, e.Plan
	switch {
	case s.Phase != InTrial:
		p.notInTrial(t, e)
		return
	case pl.ID == s.Plan:
		p.refuse(t, e, rule.TRL08, ReasonTrialPlan)
		return
	case pl.Trial.Enabled():
		p.refuse(t, e, rule.TRL08, ReasonOtherTrialPlan)
		return
	}
	from := s.Plan
	s.Phase, s.PaidVia, s.PaidAt, s.Plan, s.Last = Paid, Early, at, pl.ID, at
	fx := &t.Effects
	fx.at, fx.plan, fx.from = at, pl.ID, from
	t.allow(tEarly)
}

// notInTrial refuses a Switch, Convert or Cancel without a running
// trial: after a cancelled one (EXT-12), or with none (TRL-11).
func (p *Policy) notInTrial(t *Transition, e *Event) {
	if t.State.Phase == Cancelled {
		p.refuse(t, e, rule.EXT12, ReasonCancelledBefore)
		return
	}
	p.refuse(t, e, rule.TRL11, ReasonNotInTrial)
}

// refuse makes t the refusal of e in its (unchanged) state.
func (p *Policy) refuse(t *Transition, e *Event, id rule.ID, why rule.Reason) {
	s := &t.State
	t.Allowed, t.Rule, t.Reason = false, id, why
	if s.Phase == InTrial {
		t.End = s.End
	}
	if e.Plan != nil {
		t.Months = e.Plan.Trial.Months
	}
	if why == ReasonLength {
		if a := p.months(e.Offer.Type); len(a) > 0 {
			t.Lengths = slices.Clone(a)
		}
	}
}

var msgReplayNil = rule.Message{English: "no events to replay (a nil sequence)", Swedish: "inga händelser att spela upp (en nil-sekvens)"}

// Replay applies events in order to s, as [Policy.Apply] does, and
// returns the transition of the last event and the number of events
// applied. It stops at the first event that is refused, returning its
// refusal (Allowed false, with the state reached before it), or that is
// invalid, returning the last transition and an error that names the
// event's index and wraps Apply's [rule.Problems]. Without events, the
// transition is the zero Transition but for State, which is s. A nil
// sequence is an error wrapping [ErrInvalidEvent]. Replaying the same
// events from the same state always gives the same answer. For a slice,
// pass slices.Values(events).
func (p Policy) Replay(s State, events iter.Seq[Event]) (Transition, int, error) {
	// Kept small enough to inline, so that the callback is a closure of
	// the caller's that its iterator can call without it escaping:
	// replaying a sequence the caller builds allocates nothing.
	var r replay
	r.p, r.t[0].State = p, s
	if events != nil {
		events(r.step)
	} else {
		noEvents(r.step)
	}
	return r.t[r.cur], r.n, r.err
}

// replay is the progress of Policy.Replay, in one value so that the loop
// body captures one variable. Its two transitions take turns: each event
// is applied in the one not holding the last transition, which becomes
// the last only when the event is decided, so that no transition is
// copied per event.
type replay struct {
	p        Policy
	resolved bool // p is resolved (the zero Policy replaced by DefaultPolicy)
	stopped  bool // an event was refused or invalid, or the sequence was nil
	cur      uint8
	t        [2]Transition // t[cur] is the last transition
	n        int
	err      error
}

// noEventsPlan marks the one event noEvents yields. Never written.
var noEventsPlan = new(plan.Plan)

// noEvents stands for a nil sequence: it yields one event that
// replay.step recognizes, so that Replay needs no branch of its own to
// report the error.
func noEvents(yield func(Event) bool) { yield(Event{Plan: noEventsPlan}) }

// step applies ev and reports whether to go on.
func (r *replay) step(ev Event) bool {
	if r.stopped {
		return false // an iterator that ignores a false from yield
	}
	if ev.Plan == noEventsPlan {
		r.err, r.stopped = errNoEvents(), true
		return false
	}
	if !r.resolved {
		r.p, r.resolved = r.p.resolved(), true
	}
	e := &ev
	next := r.cur ^ 1
	t := &r.t[next]
	t.begin(&r.t[r.cur].State, e)
	if err := r.p.apply(t, e); err != nil {
		r.err, r.stopped = fmt.Errorf("trial: event %d (%s): %w", r.n, e.Type, err), true
		return false
	}
	r.cur = next
	if !t.Allowed {
		r.stopped = true
		return false
	}
	r.n++
	return true
}

//go:noinline
func errNoEvents() error {
	var ps rule.Problems
	problem(&ps, "", "events", ErrInvalidEvent, msgReplayNil)
	return ps.Err()
}

package trial

import (
	"github.com/marketrules/marketrules/calendar"
	"time"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// State is one customer's standing with the free trial of one offer: a
// small value the host keeps (and stores as JSON) and passes to
// [Policy.Apply] with each event. The zero State is [None]: no trial,
// nothing paid.
//
// The trial is the half-open interval [Start, End). End is always
// calendar.AddMonths(Start, Months), counted in the calendar of Start's
// location (named in Zone): a trial started Jan 31 10:00 for one month
// ends Feb 29 10:00 (leap year) in that location.
//
// Its JSON members are in the order phase, plan, market, months, start,
// end, zone, cancelledAt, paidAt, paidVia, last; its fields are ordered
// to pack the small ones (Market, Phase, PaidVia) into one word, so that
// the value Apply copies is smaller.
type State struct {
	// Plan is the plan under evaluation (InTrial), the plan evaluated
	// when the trial was cancelled (Cancelled), or the plan paid for
	// (Paid).
	Plan string `json:"plan,omitempty"`
	// Market is the customer's market, given when the trial started; the
	// zero Code when no trial started.
	Market market.Code `json:"market,omitzero"`
	// Phase is where the customer stands.
	Phase Phase `json:"phase"`
	// PaidVia says how paying started; zero unless Phase is Paid.
	PaidVia PaidVia `json:"paidVia,omitzero"`
	// Months is the length of the trial in force (TRL-02): the length of
	// the plan under evaluation, or under [KeepEnd] of the first plan.
	Months int `json:"months,omitempty"`
	// Start and End bound the trial [Start, End); both zero when no trial
	// started.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
	// Zone names the location whose calendar the trial counts months in:
	// Start's location, by its name ("UTC", "Europe/Stockholm", "Local"),
	// or for a fixed zone without a name (as time.Parse returns for
	// "+01:00") by its offset, "+01:00".
	Zone string `json:"zone,omitempty"`
	// CancelledAt is when the trial was cancelled (before End).
	CancelledAt time.Time `json:"cancelledAt,omitzero"`
	// PaidAt is when paying started, and with it the contract term
	// (TRL-05): End for a conversion at the end, the instant of an early
	// conversion or a purchase.
	PaidAt time.Time `json:"paidAt,omitzero"`
	// Last is the instant of the last event applied; an event before it
	// is out of order.
	Last time.Time `json:"last,omitzero"`
}

// IsFreeTrial reports whether the subscription is in its free trial at
// instant at (TRL-11, isFreeTrial): at is within the trial as far as the
// state knows, from Start up to End, or up to the cancellation or early
// conversion that ended it. A running trial whose end has passed is no
// longer a free trial, even before the Tick that records its conversion.
func (s State) IsFreeTrial(at time.Time) bool { return s.TrialPeriod().Contains(at) }

// TrialPeriod returns the interval the customer was (or is) in the free
// trial: [Start, End) for a running trial or one that converted at its
// end, [Start, CancelledAt) for a cancelled one, [Start, PaidAt) for an
// early conversion. It is the zero Period when no trial started.
func (s State) TrialPeriod() calendar.Period {
	switch {
	case s.Start.IsZero():
		return calendar.Period{}
	case !s.CancelledAt.IsZero():
		return calendar.Period{Start: s.Start, End: s.CancelledAt}
	case s.PaidVia == Early:
		return calendar.Period{Start: s.Start, End: s.PaidAt}
	}
	return calendar.Period{Start: s.Start, End: s.End}
}

// ConversionDue reports whether a running trial has reached its end at
// instant at, so that a [Tick] at at converts it (TRL-04).
func (s State) ConversionDue(at time.Time) bool {
	return s.Phase == InTrial && !at.Before(s.End)
}

// History returns what the state says about the customer's history with
// the offer, for [Policy.CheckEligibility].
func (s State) History() History {
	return History{
		Paid:      s.Phase == Paid,
		Started:   !s.Start.IsZero(),
		Cancelled: !s.CancelledAt.IsZero(),
		Converted: s.PaidVia == AtEnd || s.PaidVia == Early,
	}
}

// In returns the state with every instant in location loc and Zone set
// to loc's name (its offset, "+01:00", for a fixed zone without a name):
// the trial's calendar then counts in loc. Use it to attach the location
// after decoding a state from JSON, which keeps only each instant's UTC
// offset and the location's name in Zone:
//
//	loc, err := time.LoadLocation(s.Zone)
//	…
//	s = s.In(loc)
//
// A nil loc returns s unchanged.
func (s State) In(loc *time.Location) State {
	if loc == nil {
		return s
	}
	for _, t := range []*time.Time{&s.Start, &s.End, &s.CancelledAt, &s.PaidAt, &s.Last} {
		if !t.IsZero() {
			*t = t.In(loc)
		}
	}
	if !s.Start.IsZero() {
		s.Zone = calendar.ZoneName(s.Start)
	}
	return s
}

// attached reports whether the state's instants are in the location its
// calendar counts in.
func (s *State) attached() bool { return calendar.ZoneName(s.Start) == s.Zone }

var (
	msgStateRequired  = rule.Message{English: "is required in phase %s", Swedish: "krävs i fasen %s"}
	msgStateEmpty     = rule.Message{English: "must be empty in phase %s", Swedish: "ska vara tomt i fasen %s"}
	msgStatePositive  = rule.Message{English: "a trial lasts at least one month, not %d", Swedish: "en utvärderingsperiod varar minst en månad, inte %d"}
	msgStateEnd       = rule.Message{English: "is %v, but a %d-month trial from %v ends at %v", Swedish: "är %v, men en utvärderingsperiod på %d mån. från %v slutar %v"}
	msgStatePhase     = rule.Message{English: "unknown phase %d", Swedish: "okänd fas %d"}
	msgStateBefore    = rule.Message{English: "%v is before %s %v", Swedish: "%v ligger före %s %v"}
	msgStateWindow    = rule.Message{English: "%v is not within the trial [%v, %v)", Swedish: "%v ligger inte inom utvärderingsperioden [%v, %v)"}
	msgStateNotBefore = rule.Message{English: "%v is not before the trial's end %v", Swedish: "%v ligger inte före utvärderingsperiodens slut %v"}
	msgStateAtEnd     = rule.Message{English: "a trial that converted at its end is paid from its end %v, not %v", Swedish: "en utvärderingsperiod som konverterades vid sitt slut betalas från slutet %v, inte %v"}
	msgStatePlanID    = rule.Message{English: "%q is not a plan ID: lowercase letters, digits, hyphens and underscores", Swedish: "%q är inget plan-ID: gemener, siffror, bindestreck och understreck"}
	msgStateMarket    = rule.Message{English: "market %s does not transact", Swedish: "marknaden %s har inga transaktioner"}
	msgStateCancel    = rule.Message{English: "a purchase after a trial needs the trial to have been cancelled", Swedish: "ett köp efter en utvärderingsperiod kräver att den har avbrutits"}
)

// Validate reports every contradiction in the state at once, as
// [rule.Problems] wrapping [ErrInvalidState], with the JSON member names
// as paths ("end", "paidAt"): fields a phase requires or forbids, an End
// that is not calendar.AddMonths(Start, Months), instants out of order. It
// returns nil for every state that [Policy.Apply] produces. When the
// instants are not in the location named by Zone (after decoding JSON,
// before [State.In]), End is checked by its wall clock against the
// calendar of Start's UTC offset, allowing for a daylight-saving gap.
func (s State) Validate() error {
	var ps rule.Problems
	add := func(id rule.ID, path string, msg rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: id, Path: path, Message: msg, Args: args, Err: ErrInvalidState})
	}
	ph := s.Phase.String()
	required := func(ok bool, path string) {
		if !ok {
			add("", path, msgStateRequired, ph)
		}
	}
	empty := func(ok bool, path string) {
		if !ok {
			add("", path, msgStateEmpty, ph)
		}
	}
	if !s.Phase.Valid() {
		add("", "phase", msgStatePhase, uint8(s.Phase))
		return ps.Err()
	}
	if s.Plan != "" && !plan.ValidID(s.Plan) {
		add(rule.PLN01, "plan", msgStatePlanID, truncate(s.Plan, 60))
	}
	if s.PaidVia != 0 && !s.PaidVia.Valid() {
		add("", "paidVia", msgStateRequired, ph)
	}
	trial := !s.Start.IsZero()
	if s.Phase == InTrial || s.Phase == Cancelled || s.PaidVia == AtEnd || s.PaidVia == Early {
		required(trial, "start")
	}
	if trial {
		s.validateTrial(add)
	} else {
		empty(s.End.IsZero(), "end")
		empty(s.Months == 0, "months")
		empty(s.Zone == "", "zone")
		empty(s.Market == 0, "market")
		empty(s.CancelledAt.IsZero(), "cancelledAt")
	}
	switch s.Phase {
	case None:
		empty(s.Plan == "", "plan")
		empty(s.PaidAt.IsZero(), "paidAt")
		empty(s.PaidVia == 0, "paidVia")
	case InTrial, Cancelled:
		required(s.Plan != "", "plan")
		empty(s.PaidAt.IsZero(), "paidAt")
		empty(s.PaidVia == 0, "paidVia")
		if s.Phase == InTrial {
			empty(s.CancelledAt.IsZero(), "cancelledAt")
			if trial && !s.Last.Before(s.End) {
				add(rule.TRL04, "last", msgStateNotBefore, s.Last, s.End)
			}
		} else {
			required(!s.CancelledAt.IsZero(), "cancelledAt")
		}
	case Paid:
		required(s.Plan != "", "plan")
		required(!s.PaidAt.IsZero(), "paidAt")
		required(s.PaidVia != 0, "paidVia")
		switch s.PaidVia {
		case AtEnd:
			empty(s.CancelledAt.IsZero(), "cancelledAt")
			if trial && !s.PaidAt.Equal(s.End) {
				add(rule.TRL05, "paidAt", msgStateAtEnd, s.End, s.PaidAt)
			}
		case Early:
			empty(s.CancelledAt.IsZero(), "cancelledAt")
			if trial && !s.PaidAt.IsZero() && (s.PaidAt.Before(s.Start) || !s.PaidAt.Before(s.End)) {
				add(rule.TRL09, "paidAt", msgStateWindow, s.PaidAt, s.Start, s.End)
			}
		case Purchased:
			if trial && s.CancelledAt.IsZero() {
				add(rule.TRL10, "cancelledAt", msgStateCancel)
			}
			if !s.CancelledAt.IsZero() && s.PaidAt.Before(s.CancelledAt) {
				add("", "paidAt", msgStateBefore, s.PaidAt, "cancelledAt", s.CancelledAt)
			}
		}
	}
	// The last event is the latest instant of all.
	for _, f := range [...]struct {
		name string
		t    time.Time
	}{{"start", s.Start}, {"cancelledAt", s.CancelledAt}, {"paidAt", s.PaidAt}} {
		if !f.t.IsZero() && s.Last.Before(f.t) {
			add("", "last", msgStateBefore, s.Last, f.name, f.t)
		}
	}
	return ps.Err()
}

// validateTrial checks the fields of a state in which a trial started.
func (s *State) validateTrial(add func(rule.ID, string, rule.Message, ...any)) {
	switch {
	case s.Market == 0:
		add("", "market", msgStateRequired, s.Phase.String())
	case !s.Market.Valid() || !s.Market.Market().Transacts:
		add(rule.PRC09, "market", msgStateMarket, s.Market.String())
	}
	if s.Zone == "" {
		add("", "zone", msgStateRequired, s.Phase.String())
	}
	if s.Months <= 0 {
		add(rule.TRL02, "months", msgStatePositive, s.Months)
		return
	}
	want, err := calendar.AddMonths(s.Start, calendar.Months(s.Months))
	ok := err == nil && s.End.Equal(want)
	if !s.attached() {
		// Start is in a fixed UTC offset: compare wall clocks. A clock
		// time skipped by a daylight-saving gap moves forward, by less
		// than a day.
		d := wall(s.End).Sub(wall(want))
		ok = s.End.After(s.Start) && d >= 0 && d < 24*time.Hour
	}
	if !ok {
		add(rule.TRL02, "end", msgStateEnd, s.End, s.Months, s.Start, want)
	}
	if !s.CancelledAt.IsZero() && (s.CancelledAt.Before(s.Start) || !s.CancelledAt.Before(s.End)) {
		add(rule.TRL04, "cancelledAt", msgStateWindow, s.CancelledAt, s.Start, s.End)
	}
}

// wall returns t's wall clock in its own location, as the same clock
// reading in UTC.
func wall(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	return time.Date(y, mo, d, h, mi, sec, t.Nanosecond(), time.UTC)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

package trial

import (
	"errors"
	"time"

	"github.com/marketrules/marketrules/rule"
)

// Sentinel errors. Every error of this package wraps one of them, so
// callers can test the kind of failure with [errors.Is].
//
// Invalid input (an event or state that is malformed) is reported as
// [rule.Problems] whose problems wrap [ErrInvalidEvent], [ErrOutOfOrder],
// [ErrInvalidOffer], [ErrInvalidState] or [ErrZone]. An event that is well
// formed but that the rules do not allow is a [*RefusalError], which wraps
// [ErrRefused] and one of the other sentinels below.
var (
	// ErrInvalidEvent: an event with an unknown kind, a zero instant, no
	// plan (or a plan without a valid ID) where its kind needs one, or a
	// start without a transacting market.
	ErrInvalidEvent = errors.New("invalid trial event")
	// ErrOutOfOrder: an event whose instant is before the instant of the
	// state's last event (State.Last).
	ErrOutOfOrder = errors.New("trial event out of order")
	// ErrInvalidOffer: a Machine whose offer type is not a defined
	// offer.Type.
	ErrInvalidOffer = errors.New("invalid offer")
	// ErrInvalidState: a state whose fields contradict each other (from
	// JSON, or built by hand): see [State.Validate].
	ErrInvalidState = errors.New("invalid trial state")
	// ErrZone: a state whose instants are not in the location its
	// calendar counts in (State.Zone), as after decoding JSON for a zone
	// other than UTC, where the rules need that calendar: attach the
	// location with [State.In].
	ErrZone = errors.New("trial calendar location not attached")

	// ErrRefused is wrapped by every [*RefusalError]: the rules do not
	// allow the event.
	ErrRefused = errors.New("trial event refused")
	// ErrNotEligible: a start refused because the customer may not
	// start a trial of this plan (TRL-01, TRL-02, EXT-04, TRL-06, TRL-10,
	// EXT-12); [Machine.Eligible] gives the same answer as a decision.
	ErrNotEligible = errors.New("not eligible for a free trial")
	// ErrNotInTrial: a switch, conversion or cancellation while no trial
	// runs (TRL-11), or after a cancelled one (EXT-12).
	ErrNotInTrial = errors.New("no free trial running")
	// ErrTrialEnded: an event other than Tick at or after the end of a
	// running trial, which has converted (TRL-04): apply a Tick first.
	ErrTrialEnded = errors.New("free trial has ended")
	// ErrTrialPlan: a conversion during the trial to a trial-enabled plan
	// (TRL-08).
	ErrTrialPlan = errors.New("trial-enabled plan cannot convert before the trial ends")
	// ErrSwitch: a switch to the plan under evaluation, to a plan without
	// a trial (TRL-06; converting to it is TRL-09), to a plan whose trial
	// is not allowed (TRL-01, TRL-02, EXT-04), or to a plan whose trial
	// length has already been used (TRL-06).
	ErrSwitch = errors.New("trial cannot switch to this plan")
	// ErrPurchase: a purchase while a trial runs; paying for a plan
	// during a trial is a conversion (TRL-08, TRL-09).
	ErrPurchase = errors.New("purchase during a free trial")
)

// RefusalError is an event the rules do not allow: which event, the rule
// that refuses it and a stable reason code, and the figures used. It
// wraps [ErrRefused] and the sentinel in Err. The state is unchanged.
// Error renders it in English; [RefusalError.Explain] in either language.
type RefusalError struct {
	// Event and At are the refused event's kind and instant.
	Event EventType
	At    time.Time
	// Rule refuses the event; Reason is the stable code of why (the
	// Reason constants of this package).
	Rule   rule.ID
	Reason rule.Reason
	// Plan is the event's plan, if it has one.
	Plan string
	// Current is the plan under evaluation (or paid for) in the state;
	// Phase the state's phase.
	Current string
	Phase   Phase
	// End is the end of the running trial, where there is one; for
	// ReasonUsedUp, the end the new plan's length would give.
	End time.Time
	// Months is the trial length of the event's plan, and Allowed the
	// lengths the policy allows for the offer type (TRL-02 refusals).
	Months  int
	Lengths []int
	// Offer is the machine's offer.
	Offer Offering
	// Err is the sentinel: ErrNotEligible, ErrNotInTrial, ErrTrialEnded,
	// ErrTrialPlan, ErrSwitch or ErrPurchase.
	Err error
}

// Error returns the refusal in English: `trial: convert at 2024-01-16
// 00:00:00 UTC refused: … (TRL-08)`.
func (e *RefusalError) Error() string {
	return "trial: " + e.Event.String() + " at " + e.At.Format("2006-01-02 15:04:05 MST") + " refused: " + e.Explain(rule.English)
}

// Explain renders why the event is refused in lang, ending with the rule:
// "… (TRL-08)".
func (e *RefusalError) Explain(lang rule.Language) string {
	return reasonText(lang, e.Reason, facts{
		offer: e.Offer, plan: e.Plan, current: e.Current, phase: e.Phase,
		end: e.End, months: e.Months, allowed: e.Lengths,
	}) + " (" + string(e.Rule) + ")"
}

// Unwrap returns ErrRefused and Err, for [errors.Is].
func (e *RefusalError) Unwrap() []error { return []error{ErrRefused, e.Err} }

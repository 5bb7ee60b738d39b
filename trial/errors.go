package trial

import "errors"

// Sentinel errors. Every error of this package wraps one of them, so
// callers can test the kind of failure with [errors.Is].
//
// Errors are for invalid input only (an event, state or policy that is
// malformed), reported as [rule.Problems] whose problems wrap one of these
// sentinels. An event that is well formed but that the rules do not allow
// is a [Transition] with Allowed false, not an error.
var (
	// ErrInvalidEvent: an event with an unknown kind, a zero instant, no
	// plan (or a plan without a valid ID) where its kind needs one, or a
	// start without a transacting market.
	ErrInvalidEvent = errors.New("invalid trial event")
	// ErrOutOfOrder: an event whose instant is before the instant of the
	// state's last event (State.Last).
	ErrOutOfOrder = errors.New("trial event out of order")
	// ErrInvalidOffer: an event or question whose offer type is not a
	// defined offer.Type.
	ErrInvalidOffer = errors.New("invalid offer")
	// ErrInvalidState: a state whose fields contradict each other (from
	// JSON, or built by hand): see [State.Validate].
	ErrInvalidState = errors.New("invalid trial state")
	// ErrZone: a state whose instants are not in the location its
	// calendar counts in (State.Zone), as after decoding JSON for a zone
	// other than UTC, where the rules need that calendar: attach the
	// location with [State.In].
	ErrZone = errors.New("trial calendar location not attached")

	// ErrPolicy: a [Policy] with a trial length outside 1 to
	// [MaxTrialMonths] or an undefined switch rule: see [Policy.Validate].
	ErrPolicy = errors.New("invalid trial policy")
)

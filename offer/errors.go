package offer

import "errors"

// The package's sentinel errors, one per concept; problems and errors
// wrap them so callers can branch with errors.Is.
var (
	// ErrTooLarge is wrapped by the error for offer JSON over the byte
	// limit.
	ErrTooLarge = errors.New("offer JSON too large")
	// ErrNoOffer is wrapped by the problem for a nil *Offer where an
	// offer is needed.
	ErrNoOffer = errors.New("no offer")
	// ErrPolicy is wrapped by problems for a policy limit out of range
	// (plan limits wrap plan.ErrPolicy).
	ErrPolicy = errors.New("invalid offer policy")
)

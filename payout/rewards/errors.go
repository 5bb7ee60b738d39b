package rewards

import (
	"errors"

	"github.com/marketrules/marketrules/internal/enum"
)

// Sentinel errors; problems of invalid input wrap one of them.
var (
	// ErrActivity: rewards input that is negative, in a currency other
	// than the tiers', or fraud larger than the sales.
	ErrActivity = errors.New("invalid rewards activity")
	// ErrPolicy: a policy whose tiers are unnamed, unordered or in mixed
	// currencies, or whose counts are negative.
	ErrPolicy = errors.New("invalid rewards policy")
	// ErrUnknown is wrapped by every error for an enum name or value
	// ([Measure], [Track], [Ground]) that does not exist.
	ErrUnknown = enum.ErrUnknown
)

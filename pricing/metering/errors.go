package metering

import (
	"errors"

	"github.com/marketrules/marketrules/rule"
)

// The rules this package encodes beside EXT-02 and EXT-03 of package
// rule: the metering API's own rules (MTR-01…MTR-06).
const (
	ruleMTR01 = rule.MTR01 // an event's fields; 1 to 25 per batch
	ruleMTR02 = rule.MTR02 // one event per resource, dimension and UTC hour; 24 hours late at most
	ruleMTR03 = rule.MTR03 // included quantities refill at each renewal; overage billed monthly in arrears
	ruleMTR04 = rule.MTR04 // the statuses of the answers
	ruleMTR05 = rule.MTR05 // usage only for a Subscribed subscription
	ruleMTR06 = rule.MTR06 // the usage-event retrieval's reconciliation
)

var (
	// ErrQuantity is wrapped by the error for text that is not a usage
	// quantity, and by problems of a quantity out of range; the error also
	// wraps currency.ErrSyntax, ErrPrecision or ErrOverflow where one
	// applies.
	ErrQuantity = errors.New("invalid usage quantity")
	// ErrTooLarge is the sentinel of a problem of an input beyond the
	// policy's bounds: a body longer than MaxBody or nested deeper than
	// MaxDepth, or a CSV line longer than 64 KiB.
	ErrTooLarge = errors.New("input too large")
	// ErrMalformed is the sentinel of a problem of input that is not
	// well-formed JSON or CSV, or has a value of the wrong type.
	ErrMalformed = errors.New("malformed input")
	// ErrRecord is the sentinel of a problem of a usage record or event
	// that breaks a rule (a quantity not above zero, an unknown dimension,
	// a resource ID and URI together, an instant in the future or before
	// the term): it is left out, and the rest is still counted.
	ErrRecord = errors.New("usage record refused")
)

// problem adds a problem with a sentinel.
func problem(ps *rule.Problems, id rule.ID, path string, sentinel error, msg rule.Message, args ...any) {
	ps.Append(rule.Problem{Rule: id, Path: path, Message: msg, Args: args, Err: sentinel})
}

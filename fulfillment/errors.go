package fulfillment

import (
	"errors"

	"github.com/marketrules/marketrules/rule"
)

// Sentinel errors. Every problem of this package wraps one of them, so that
// callers can branch with [errors.Is] on the [rule.Problems] they get.
// Errors are for invalid input only; an operation that does not apply, a
// publisher request the API would refuse and a webhook token that fails
// its checks are decisions, not errors.
var (
	// ErrTooLarge: a body longer than [Policy.MaxBody] or nested deeper
	// than [Policy.MaxDepth]; it is refused before it is parsed.
	ErrTooLarge = errors.New("body over the size or nesting limit")
	// ErrMalformed: a body that is not JSON, or a value of the wrong JSON
	// type (a string where an object belongs).
	ErrMalformed = errors.New("malformed JSON")
	// ErrMissing: a required value that is missing: a subscription's or
	// operation's ID, an action, a time stamp, the instant of a decision.
	ErrMissing = errors.New("missing value")
	// ErrUnknownValue: a status or an operation status the API does not
	// define (unknown actions are kept, not refused: FUL-04).
	ErrUnknownValue = errors.New("unknown value")
	// ErrInvalidValue: a value that cannot be read: a quantity that is not
	// a whole number, a date that is not a date, a token that is not
	// URL-encoded, a key that is not public, a value passed to
	// [Policy.Decode] that is not a pointer to one of its wire types.
	ErrInvalidValue = errors.New("invalid value")
	// ErrTermOrder: a term whose end is before its start.
	ErrTermOrder = errors.New("term ends before it starts")
	// ErrBeforeCreated: an operation time stamped before the
	// subscription's creation.
	ErrBeforeCreated = errors.New("time stamp before the subscription's creation")
	// ErrOtherSubscription: an operation for another subscription than
	// the one it is decided for.
	ErrOtherSubscription = errors.New("operation of another subscription")
	// ErrPolicy: a [Policy] that cannot decide (see [Policy.Validate]).
	ErrPolicy = errors.New("invalid policy")
)

var (
	msgTooLarge   = rule.Message{English: "body of %d bytes is larger than the limit of %d bytes", Swedish: "innehållet på %d byte är större än gränsen på %d byte"}
	msgTooDeep    = rule.Message{English: "body is nested deeper than %d levels", Swedish: "innehållet är nästlat djupare än %d nivåer"}
	msgMissing    = rule.Message{English: "%s is missing", Swedish: "%s saknas"}
	msgUnknown    = rule.Message{English: "unknown %s %q", Swedish: "okänd %s %q"}
	msgQuantity   = rule.Message{English: "quantity %q is not a whole number", Swedish: "antalet %q är inte ett heltal"}
	msgDate       = rule.Message{English: "%q is not a date and time (RFC 3339)", Swedish: "%q är inte ett datum med tid (RFC 3339)"}
	msgTermOrder  = rule.Message{English: "the term ends %v, before it starts %v", Swedish: "perioden slutar %v, före sin start %v"}
	msgBeforeMade = rule.Message{English: "time stamp %v is before the subscription's creation %v", Swedish: "tidsstämpeln %v ligger före prenumerationens skapande %v"}
	msgOtherSub   = rule.Message{English: "operation of subscription %q, not of %q", Swedish: "åtgärd för prenumerationen %q, inte för %q"}
	msgPolicy     = rule.Message{English: "%s must be positive", Swedish: "%s måste vara positiv"}
	msgTarget     = rule.Message{English: "cannot decode into %T", Swedish: "kan inte avkoda till %T"}
	msgNegative   = rule.Message{English: "quantity %d is negative", Swedish: "antalet %d är negativt"}
)

func addProblem(ps *rule.Problems, id rule.ID, path string, sentinel error, m rule.Message, args ...any) {
	ps.Append(rule.Problem{Rule: id, Path: path, Message: m, Args: args, Err: sentinel})
}

func join(base, field string) string {
	if base == "" {
		return field
	}
	return base + "." + field
}

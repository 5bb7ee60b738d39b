package refund

import (
	"errors"

	"github.com/marketrules/marketrules/currency"
)

// Sentinel errors. Every error of this package wraps one of them, so that
// callers can test the kind of failure with [errors.Is]. Errors are for
// invalid input only; a refund that is not due is a [Decision], not an
// error.
var (
	// ErrKind: a charge kind that is not one of the [Kind] constants.
	ErrKind = errors.New("unknown charge kind")
	// ErrEvent: an [Event] that is not defined, or that cannot happen to
	// the charge kind (a renewal of perpetual software, an upgrade of a
	// SaaS subscription).
	ErrEvent = errors.New("event not possible for the charge kind")
	// ErrTerm: a billing term that is missing where the rule needs one,
	// or that is not a term of 1 month to 3 years.
	ErrTerm = errors.New("invalid billing term")
	// ErrMissing: a required instant that is the zero time.Time.
	ErrMissing = errors.New("missing value")
	// ErrBeforeStart: an instant before the purchase (or renewal, or the
	// addition of seats) that opens the window.
	ErrBeforeStart = errors.New("instant before the start")
	// ErrAmount: a negative amount, an amount without a valid currency, or
	// a sum that overflows.
	ErrAmount = errors.New("invalid amount")
	// ErrCurrency: amounts in different currencies where one currency is
	// needed. Errors wrapping it also wrap [currency.ErrCurrencyMismatch].
	ErrCurrency = errors.New("currency mismatch")
	// ErrZone: a nil time zone for a charge whose window or proration
	// counts calendar days in the buyer's zone.
	ErrZone = errors.New("missing time zone")
	// ErrPeriod: a paid period that does not end at least one calendar
	// day after it starts.
	ErrPeriod = errors.New("invalid paid period")
	// ErrPolicy: a [Policy] that cannot decide: a negative window, an
	// empty or unsorted SaaS schedule, an unknown rounding mode, a
	// reservation limit without a positive rolling period.
	ErrPolicy = errors.New("invalid policy")
	// ErrDecision: a stored [Decision] whose figures contradict each
	// other (see [Decision.UnmarshalJSON]), or JSON that is not one.
	ErrDecision = errors.New("invalid decision")
	// ErrJSON: JSON text that is not a [Request]: malformed, too long,
	// with an unknown, repeated or case-folded member or a value of the
	// wrong type.
	ErrJSON = errors.New("invalid request JSON")
	// ErrWindow: text that is not a [Window], or a negative or
	// out-of-range window length.
	ErrWindow = errors.New("invalid window")
	// ErrName: text that is not the name of a value of an enum of this
	// package ([Event] names wrap [ErrEvent] and [Kind] names [ErrKind]
	// instead).
	ErrName = errors.New("unknown name")
)

// errCurrencyMismatch is the sentinel of a currency problem: it is
// ErrCurrency for errors.Is, and currency.ErrCurrencyMismatch too.
var errCurrencyMismatch error = currencyMismatch{}

type currencyMismatch struct{}

// Error returns ErrCurrency's text.
func (currencyMismatch) Error() string { return ErrCurrency.Error() }

// Is matches ErrCurrency and currency.ErrCurrencyMismatch.
func (currencyMismatch) Is(target error) bool {
	return target == ErrCurrency || target == currency.ErrCurrencyMismatch
}

package pricing

import "time"

// Names kept for one release so that code written against the earlier API
// still builds. Each forwards to its replacement.

// Line is a [Charge].
//
// Deprecated: use Charge; removed before v1.
type Line = Charge

// LineRecurring is [ChargeRecurring].
//
// Deprecated: use ChargeRecurring; removed before v1.
const LineRecurring = ChargeRecurring

// QuotePolicy is the package's [Policy].
//
// Deprecated: use Policy; removed before v1.
type QuotePolicy = Policy

// ProrationPolicy is the package's [Policy].
//
// Deprecated: use Policy; removed before v1.
type ProrationPolicy = Policy

// DefaultQuotePolicy returns [DefaultPolicy]().
//
// Deprecated: use DefaultPolicy; removed before v1.
func DefaultQuotePolicy() Policy { return DefaultPolicy() }

// DefaultProrationPolicy returns [DefaultPolicy]().
//
// Deprecated: use DefaultPolicy; removed before v1.
func DefaultProrationPolicy() Policy { return DefaultPolicy() }

// Prorate answers the change ch of sub at at under pol.
//
// Deprecated: use pol.Prorate(sub, ch, at); removed before v1.
func Prorate(sub Subscription, ch SubscriptionChange, at time.Time, pol Policy) (Proration, error) {
	return pol.Prorate(sub, ch, at)
}

// ErrExchangeRate is [ErrNoRate].
//
// Deprecated: use ErrNoRate; removed before v1.
var ErrExchangeRate = ErrNoRate

package pricing

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

package payout

import "errors"

// Sentinel errors. Every error of this package wraps at least one of them
// (validation errors are [rule.Problems] whose problems wrap them), so callers
// test the kind of failure with [errors.Is].
var (
	// ErrAgreement: a customer agreement that is not EA, MCA or CSP.
	ErrAgreement = errors.New("unknown customer agreement")
	// ErrPayment: a payment method that is not invoice or credit card.
	ErrPayment = errors.New("unknown payment method")
	// ErrKind: a charge kind that is not order or usage.
	ErrKind = errors.New("unknown charge kind")
	// ErrType: a transaction type that is not purchase, refund, reversal
	// or chargeback.
	ErrType = errors.New("unknown transaction type")
	// ErrPricing: a pricing that is not transact, BYOL, zero-price or
	// list-only.
	ErrPricing = errors.New("unknown pricing")
	// ErrState: an earning state that is not unprocessed, processed or
	// sent.
	ErrState = errors.New("unknown earning state")
	// ErrStatus: a payout status that is not paid, carried or withheld.
	ErrStatus = errors.New("unknown payout status")
	// ErrEATiming: an Enterprise Agreement timing that is not month-table
	// or invoice-days.
	ErrEATiming = errors.New("unknown EA timing")
	// ErrBasis: a rewards basis that is not billed-sales, teams-mau or
	// seats-sold.
	ErrBasis = errors.New("unknown rewards basis")
	// ErrMonth: text that is not a month "2006-01" between years 1 and
	// 9999.
	ErrMonth = errors.New("invalid month")

	// ErrCurrency: an amount in a currency that is unknown, missing, or
	// not one of the marketplace's 17 transaction currencies (PRC-08), or
	// two amounts that should share a currency but do not.
	ErrCurrency = errors.New("invalid currency")
	// ErrAmount: an amount that is malformed or has the wrong sign for its
	// transaction type (a negative purchase, a positive refund), or more
	// decimal places than its currency has.
	ErrAmount = errors.New("invalid amount")
	// ErrDate: a missing or malformed instant, or instants out of order (a
	// collection before the transaction).
	ErrDate = errors.New("invalid date")
	// ErrField: any other malformed field (an ID with control characters,
	// a flag that is not true or false, a negative count).
	ErrField = errors.New("invalid field")
	// ErrOverflow: a sum that no longer fits in int64 minor units.
	ErrOverflow = errors.New("amount overflow")
	// ErrMissingRate: no exchange rate, for a payout month, from a
	// currency in play to the threshold's currency (PAY-04).
	ErrMissingRate = errors.New("missing exchange rate")
	// ErrPolicy: a policy value that cannot be applied (unsorted fee eras,
	// a payout day that not every month has, a nil time zone…).
	ErrPolicy = errors.New("invalid policy")
	// ErrPolicyMismatch: merging ledgers that were built under different
	// policies.
	ErrPolicyMismatch = errors.New("ledgers use different policies")
	// ErrSale: a sale whose parts contradict each other, such as a license
	// fee on a BYOL offer, which Microsoft does not bill.
	ErrSale = errors.New("invalid sale")
	// ErrActivity: rewards input that is negative, in a currency other
	// than the tiers', or fraud larger than the sales.
	ErrActivity = errors.New("invalid rewards activity")
)

package payout

import (
	"errors"
	"github.com/marketrules/marketrules/currency"

	"github.com/marketrules/marketrules/internal/enum"
)

// Sentinel errors, one per kind of failure. Invalid input is reported as
// [rule.Problems] whose problems wrap one of them, so callers test the
// kind with [errors.Is] and get each problem's path with errors.As.
var (
	// ErrUnknown: text or a value that is not one of an enum's values (an
	// agreement, payment method, charge, transaction type, pricing or
	// state). It is the module's one sentinel for unknown enum values.
	ErrUnknown = enum.ErrUnknown
	// ErrCurrency: an amount in a currency that is unknown, missing, or
	// not one of the marketplace's 17 transaction currencies (PRC-08), or
	// two amounts that should share a currency but do not.
	ErrCurrency = errors.New("invalid currency")
	// ErrAmount: an amount that is malformed, has the wrong sign for its
	// transaction type (a negative sale, a positive refund), more decimal
	// places than its currency has, or that contradicts another field (a
	// license fee on a BYOL offer, which Microsoft does not bill).
	ErrAmount = errors.New("invalid amount")
	// ErrDate: a missing or malformed instant or month, or instants out of
	// order (a collection or an invoice before the transaction).
	ErrDate = errors.New("invalid date")
	// ErrField: any other malformed field (an ID with control characters,
	// a flag that is not true or false, a negative count).
	ErrField = errors.New("invalid field")
	// ErrDuplicate: a transaction ID seen before in the same ledger or
	// export.
	ErrDuplicate = errors.New("duplicate transaction ID")
	// ErrOverflow: a sum that no longer fits in int64 minor units, or a
	// month out of the years 1…9999.
	ErrOverflow = errors.New("amount overflow")
	// ErrNoRate: no exchange rate, for a payout month, from a currency in
	// play to the threshold's currency (PAY-04). It is currency.ErrNoRate,
	// the module's one sentinel for a missing exchange rate.
	ErrNoRate = currency.ErrNoRate
	// ErrPolicy: a policy value that cannot be applied (unsorted fee eras,
	// a payout day that not every month has), or ledgers built under
	// different policies being merged.
	ErrPolicy = errors.New("invalid policy")
	// ErrCSV: malformed CSV (bad quoting, a wrong number of fields) or a
	// missing header column: the input cannot be read further.
	ErrCSV = errors.New("malformed CSV")
	// ErrLimit: the input has more bytes, rows or bytes in one row than
	// its reader allows.
	ErrLimit = errors.New("input over limit")
)

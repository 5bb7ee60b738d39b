package currency

import (
	"errors"
	"strconv"
)

// Sentinel errors. Every error this package returns wraps exactly one of
// them, so callers can test the kind of failure with [errors.Is].
var (
	// ErrUnknownCode: a currency code that is not in ISO 4217 (or has no
	// minor units).
	ErrUnknownCode = errors.New("unknown currency code")
	// ErrSyntax: text that is not a well-formed amount, rate or Money.
	ErrSyntax = errors.New("invalid syntax")
	// ErrPrecision: a value with more decimal places than the currency's
	// minor unit (or a rate's maximum scale) allows, where the caller did
	// not name a rounding mode.
	ErrPrecision = errors.New("more decimal places than allowed")
	// ErrOverflow: a result outside the int64 range of minor units.
	ErrOverflow = errors.New("overflow")
	// ErrCurrencyMismatch: an operation on two amounts in different
	// currencies.
	ErrCurrencyMismatch = errors.New("currency mismatch")
	// ErrDivisionByZero: a ratio with a zero denominator, a split into zero
	// parts, or an allocation whose weights sum to zero.
	ErrDivisionByZero = errors.New("division by zero")
	// ErrNegative: a negative value where only non-negative ones make sense
	// (a weight, a number of parts, a rate).
	ErrNegative = errors.New("negative value")
	// ErrRoundingMode: a RoundingMode value that is not one of the
	// defined modes.
	ErrRoundingMode = errors.New("unknown rounding mode")
	// ErrZeroRate: a conversion at an exchange rate of zero.
	ErrZeroRate = errors.New("zero exchange rate")
	// ErrNoRate: no exchange rate for a pair of currencies (or for a
	// date) where one is needed. This package never looks rates up; it is
	// the one sentinel for a missing rate across the module, which the
	// packages that hold rate tables return.
	ErrNoRate = errors.New("no exchange rate")
	// ErrArgument: arguments that do not fit together, such as a
	// destination slice and a list of weights of different lengths.
	ErrArgument = errors.New("invalid argument")
)

// ParseError reports text that could not be parsed. Input is the text as
// given; Kind says what was being parsed ("currency code", "amount",
// "money", "rate", "rounding mode", "JSON money").
type ParseError struct {
	Kind   string
	Input  string
	Detail string // optional: what exactly was wrong
	Err    error  // one of the sentinel errors
}

// Error returns a message of the form
// `currency: parsing amount "12.345" for USD: more decimal places than allowed (USD has 2)`.
func (e *ParseError) Error() string {
	s := "currency: parsing " + e.Kind + " " + strconv.Quote(truncate(e.Input, 64)) + ": " + e.Err.Error()
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Unwrap returns the sentinel error.
func (e *ParseError) Unwrap() error { return e.Err }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// OpError reports an arithmetic operation that failed. It carries the
// operands so that the caller can log or explain exactly what was asked.
type OpError struct {
	Op   string       // "add", "sub", "neg", "abs", "cmp", "mul", "muldiv", "mulrate", "convert", "split", "allocate"
	X    Money        // the receiver
	Y    Money        // the other amount, for add, sub and cmp
	Num  int64        // the multiplier, for mul and muldiv; parts for split
	Den  int64        // the divisor, for muldiv
	Rate Rate         // the rate, for mulrate and convert
	To   Code         // the target currency, for convert
	Mode RoundingMode // the rounding mode, where the operation rounds
	Err  error        // one of the sentinel errors
}

// Error returns a message such as
// `currency: add 1.00 USD and 2.00 SEK: currency mismatch`.
func (e *OpError) Error() string {
	s := "currency: " + e.Op + " " + e.X.String()
	switch e.Op {
	case "add", "sub", "cmp":
		s += " and " + e.Y.String()
	case "mul", "split":
		s += " by " + strconv.FormatInt(e.Num, 10)
	case "muldiv":
		s += " × " + strconv.FormatInt(e.Num, 10) + " / " + strconv.FormatInt(e.Den, 10) + " (" + e.Mode.String() + ")"
	case "mulrate":
		s += " × " + e.Rate.String() + " (" + e.Mode.String() + ")"
	case "convert":
		s += " to " + e.To.String() + " at " + e.Rate.String() + " (" + e.Mode.String() + ")"
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the sentinel error.
func (e *OpError) Unwrap() error { return e.Err }

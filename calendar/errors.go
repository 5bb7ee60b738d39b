package calendar

import "errors"

// The package's sentinel errors, one per concept. Every error the package
// returns wraps exactly one of them.
var (
	// ErrRange is wrapped by errors for an argument or a result outside
	// what the calendar represents: a month outside 1–12, a day outside
	// its month, a negative or zero count where one is needed, a number of
	// months so large that the result would leave the years 1–9999, a
	// period index below 0, a zero Date.
	ErrRange = errors.New("calendar: out of range")

	// ErrBeforeAnchor is wrapped by errors for an instant before the
	// anchor of a cycle or a period count: it belongs to no period.
	ErrBeforeAnchor = errors.New("calendar: instant before the anchor")

	// ErrSyntax is wrapped by errors for text that is not a date
	// ("2006-01-02"), a month ("2006-01") or a convention name.
	ErrSyntax = errors.New("calendar: syntax")
)

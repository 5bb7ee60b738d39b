package plan

import "errors"

// The package's sentinel errors, one per concept; problems wrap them so
// callers can branch with errors.Is.
var (
	// ErrTerm is wrapped by errors for a term that is not one of the
	// defined terms.
	ErrTerm = errors.New("unknown billing term")
	// ErrGUID is wrapped by errors for text that is not a GUID, and by
	// audience problems for the nil GUID.
	ErrGUID = errors.New("malformed GUID")
	// ErrAudienceTooLarge is wrapped by the problem for an audience file
	// with more IDs (or bytes) than the policy allows for its kind
	// (PLN-08).
	ErrAudienceTooLarge = errors.New("audience too large")
	// ErrDuplicateID is wrapped by the problem for an audience ID listed
	// twice.
	ErrDuplicateID = errors.New("duplicate audience ID")
	// ErrAudience is wrapped by problems for an audience file that holds
	// no IDs (empty, a header only, one byte), is not CSV Partner Center
	// reads (lone carriage returns, a malformed row), or is read for an
	// unknown ID kind.
	ErrAudience = errors.New("unreadable audience file")
	// ErrPolicy is wrapped by problems for a policy limit out of range.
	ErrPolicy = errors.New("invalid plan policy")
)

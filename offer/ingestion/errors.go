package ingestion

import "errors"

// The package's sentinel errors, one per concept; problems wrap them so
// callers can branch with errors.Is.
var (
	// ErrTooLarge is wrapped by the problem for a document over the
	// policy's byte limit, refused before it is read.
	ErrTooLarge = errors.New("resource tree too large")
	// ErrSyntax is wrapped by the problem for a document that is not
	// JSON, nests deeper than the policy allows, or is not a resource
	// tree (no resources array).
	ErrSyntax = errors.New("malformed resource tree")
	// ErrSchema is wrapped by the problem for a resource whose $schema
	// names an unknown resource type or version (ING-01); the resource is
	// kept verbatim.
	ErrSchema = errors.New("unknown resource schema")
	// ErrUnmapped is wrapped by problems for a value that cannot be
	// mapped to the library's offer and plan values (a price without a
	// billing term, a market that does not exist, a trial in days).
	ErrUnmapped = errors.New("value cannot be mapped")
	// ErrReference is wrapped by problems for a resource that refers to a
	// plan the tree does not hold, or a plan without an external ID.
	ErrReference = errors.New("unresolved resource reference")
	// ErrPolicy is wrapped by problems for a policy limit out of range.
	ErrPolicy = errors.New("invalid ingestion policy")
)

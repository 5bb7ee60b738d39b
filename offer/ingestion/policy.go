package ingestion

import (
	"errors"

	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/rule"
)

// DefaultMaxBytes bounds a resource tree that DefaultPolicy reads: 64 MiB,
// room for an offer with 100 plans of which 45 are private to 20,000
// tenants each.
const DefaultMaxBytes = 64 << 20

// DefaultMaxDepth bounds the nesting of objects and arrays: 32 levels,
// twice the deepest resource of the product ingestion API.
const DefaultMaxDepth = 32

// Policy holds the limits of reading resource trees and the offer policy
// that validation and republish checks apply, and is the receiver of the
// package's entry points. The zero Policy{} means DefaultPolicy().
type Policy struct {
	// MaxBytes bounds a document; longer input is refused before it is
	// read (≤ 0 means DefaultMaxBytes).
	MaxBytes int64 `json:"maxBytes,omitempty"`
	// MaxDepth bounds the nesting of objects and arrays (≤ 0 means
	// DefaultMaxDepth).
	MaxDepth int `json:"maxDepth,omitempty"`
	// Offer is the offer policy of Policy.CheckOffer and
	// Policy.CheckRepublish (the zero value means offer.DefaultPolicy()).
	Offer offer.Policy `json:"offer"`
}

// DefaultPolicy returns the default limits and offer.DefaultPolicy().
func DefaultPolicy() Policy {
	return Policy{MaxBytes: DefaultMaxBytes, MaxDepth: DefaultMaxDepth, Offer: offer.DefaultPolicy()}
}

// Validate reports limits out of range, each a problem at its JSON path
// ("policy.maxDepth") wrapping ErrPolicy, and the offer policy's problems.
// The zero Policy is valid.
func (p Policy) Validate() error {
	var ps rule.Problems
	if p.MaxBytes > 1<<31 {
		ps.Append(rule.Problem{Path: "policy.maxBytes", Message: msgPolicyLimit, Args: []any{p.MaxBytes, int64(1 << 31)}, Err: ErrPolicy})
	}
	if p.MaxDepth > 10000 {
		ps.Append(rule.Problem{Path: "policy.maxDepth", Message: msgPolicyLimit, Args: []any{int64(p.MaxDepth), int64(10000)}, Err: ErrPolicy})
	}
	if err := p.Offer.Validate(); err != nil {
		var ops rule.Problems
		if errors.As(err, &ops) {
			for _, op := range ops {
				op.Path = "policy.offer." + trimPolicy(op.Path)
				ps.Append(op)
			}
		}
	}
	return ps.Err()
}

func trimPolicy(path string) string {
	if len(path) > 7 && path[:7] == "policy." {
		return path[7:]
	}
	return path
}

func (p Policy) norm() Policy {
	if p.MaxBytes <= 0 {
		p.MaxBytes = DefaultMaxBytes
	}
	if p.MaxDepth <= 0 {
		p.MaxDepth = DefaultMaxDepth
	}
	return p
}

var msgPolicyLimit = rule.Message{English: "limit %d is above %d", Swedish: "gränsen %d är över %d"}

package fulfillment

import (
	"time"

	"github.com/marketrules/marketrules/rule"
)

// MarketplaceAppID is the Microsoft Entra application ID of the commercial
// marketplace: the appid (or azp) claim of a webhook call's token and the
// resource of the SaaS Fulfillment API (FUL-10).
const MarketplaceAppID = "20e940b3-4c77-4b0b-9a53-9e16a1b010a7"

// Policy holds the figures the fulfillment rules use. A zero Policy{} is
// not usable: start from [DefaultPolicy]; [Policy.Validate] names every
// field that must be set.
type Policy struct {
	// AckWithin is how long a publisher has to accept or reject a
	// customer's plan or quantity change before it is accepted for it:
	// 10 seconds (FUL-05).
	AckWithin time.Duration `json:"ackWithin"`
	// AcknowledgeReinstate makes a Reinstate need a PATCH Success or
	// Failure like a plan change: it awaits the answer in the State
	// (PendingOperationID) until its deadline, and Acknowledge takes it.
	// Microsoft's webhook table says it needs none (the default); its
	// operations page asks for one.
	AcknowledgeReinstate bool `json:"acknowledgeReinstate,omitzero"`
	// SuspensionGrace is how long a suspended subscription waits for
	// Reinstate before it is cancelled: 30 days (FUL-07).
	SuspensionGrace time.Duration `json:"suspensionGrace"`
	// KeepData is how long the publisher keeps a customer's data after
	// Unsubscribe, at least: 7 days (FUL-08).
	KeepData time.Duration `json:"keepData"`
	// TokenValidity is how long a landing page's purchase token can be
	// resolved after it was issued: 24 hours (FUL-02).
	TokenValidity time.Duration `json:"tokenValidity"`
	// RetryFor is how long Microsoft retries a webhook call that was not
	// answered 200 (8 hours, up to RetryTimes calls: FUL-10).
	RetryFor   time.Duration `json:"retryFor"`
	RetryTimes int           `json:"retryTimes"`
	// MarketplaceAppIDs are the application IDs a webhook token may be
	// issued to (its appid or azp claim): [MarketplaceAppID].
	MarketplaceAppIDs []string `json:"marketplaceAppIds"`
	// ClockSkew is the leeway allowed around a token's iat, nbf and exp;
	// 0 checks them exactly.
	ClockSkew time.Duration `json:"clockSkew,omitzero"`
	// MaxBody is the longest body [Policy.Decode] reads, in bytes: 1 MiB.
	MaxBody int `json:"maxBody"`
	// MaxDepth is the deepest nesting of objects and arrays
	// [Policy.Decode] reads: 32 (Microsoft's bodies nest 3 deep).
	MaxDepth int `json:"maxDepth"`
}

// DefaultPolicy returns the figures of the SaaS Fulfillment API v2 and its
// webhook and life-cycle pages (2022–2023).
func DefaultPolicy() Policy {
	return Policy{
		AckWithin:         10 * time.Second,
		SuspensionGrace:   30 * 24 * time.Hour,
		KeepData:          7 * 24 * time.Hour,
		TokenValidity:     24 * time.Hour,
		RetryFor:          8 * time.Hour,
		RetryTimes:        500,
		MarketplaceAppIDs: []string{MarketplaceAppID},
		MaxBody:           1 << 20,
		MaxDepth:          32,
	}
}

// Validate reports every field of p that cannot be used, as
// [rule.Problems] wrapping [ErrPolicy] with paths "policy.ackWithin".
func (p Policy) Validate() error {
	var ps rule.Problems
	check := func(ok bool, name string) {
		if !ok {
			addProblem(&ps, "", "policy."+name, ErrPolicy, msgPolicy, name)
		}
	}
	check(p.AckWithin > 0, "ackWithin")
	check(p.SuspensionGrace > 0, "suspensionGrace")
	check(p.KeepData > 0, "keepData")
	check(p.TokenValidity > 0, "tokenValidity")
	check(p.RetryFor > 0, "retryFor")
	check(p.RetryTimes > 0, "retryTimes")
	check(len(p.MarketplaceAppIDs) > 0, "marketplaceAppIds")
	check(p.ClockSkew >= 0, "clockSkew")
	check(p.MaxBody > 0, "maxBody")
	check(p.MaxDepth > 0, "maxDepth")
	return ps.Err()
}

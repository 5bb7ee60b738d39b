package fulfillment

import "github.com/marketrules/marketrules/internal/enum"

// Status is a SaaS subscription's status, saasSubscriptionStatus in the
// SaaS Fulfillment API v2 (FUL-01). The zero Status is unset and
// marshals to ""; in text and JSON a Status is Microsoft's name
// ("PendingFulfillmentStart"), parsed ignoring case.
type Status uint8

// The five statuses of FUL-01.
const (
	// NotStarted: the purchase is not yet ready for the publisher.
	NotStarted Status = iota + 1
	// PendingFulfillmentStart: purchased, waiting for the publisher's
	// Activate; nothing is billed yet (FUL-01, FUL-03).
	PendingFulfillmentStart
	// Subscribed: active and billed.
	Subscribed
	// Suspended: payment failed; the customer's data is kept and the
	// service blocked until Reinstate, or Unsubscribe after 30 days (FUL-07).
	Suspended
	// Unsubscribed: ended; final, never reactivated (FUL-04, FUL-08).
	Unsubscribed
)

var statusNames = enum.Names[Status]{Type: "subscription status", Names: []string{
	"", "NotStarted", "PendingFulfillmentStart", "Subscribed", "Suspended", "Unsubscribed"}}

// String returns Microsoft's name of the status, "" for the zero Status
// and "fulfillment.Status(N)" for a value outside the enum.
func (s Status) String() string { return statusNames.String(s) }

// MarshalText returns the status's name; the zero Status is "".
func (s Status) MarshalText() ([]byte, error) { return statusNames.Marshal(s) }

// UnmarshalText parses a status name ignoring case; "" is the zero Status.
// An unknown name is an [*enum.Error] wrapping [ErrUnknownValue].
func (s *Status) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = 0
		return nil
	}
	v, err := parseStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Valid reports whether s is one of the five statuses.
func (s Status) Valid() bool { return statusNames.Valid(s) }

func parseStatus(name string) (Status, error) {
	// The common spellings first, without allocating.
	for i := 1; i < len(statusNames.Names); i++ {
		if name == statusNames.Names[i] {
			return Status(i), nil
		}
	}
	v, err := statusNames.Parse(name)
	if err != nil {
		return 0, unknownValue{err}
	}
	return v, nil
}

// unknownValue wraps an enum error so that it also matches ErrUnknownValue.
type unknownValue struct{ err error }

func (u unknownValue) Error() string   { return u.err.Error() }
func (u unknownValue) Unwrap() []error { return []error{u.err, ErrUnknownValue} }

// Action is the operation a webhook call or an operation reports: one of
// the six constants, or any other name Microsoft sends (Subscribe and
// Transfer have been seen), kept as it came (FUL-04). Action is a string
// so that an unknown action survives decoding and encoding unchanged.
type Action string

// The actions of the SaaS Fulfillment API v2.
const (
	ChangePlan     Action = "ChangePlan"
	ChangeQuantity Action = "ChangeQuantity"
	Renew          Action = "Renew"
	Suspend        Action = "Suspend"
	Reinstate      Action = "Reinstate"
	Unsubscribe    Action = "Unsubscribe"
)

// Known reports whether a is one of the six actions of the API.
func (a Action) Known() bool {
	switch a {
	case ChangePlan, ChangeQuantity, Renew, Suspend, Reinstate, Unsubscribe:
		return true
	}
	return false
}

// canonicalAction maps a case variant of a known action to its constant
// and keeps every other name as it came.
func canonicalAction(s string) Action {
	if a := Action(s); a.Known() {
		return a
	}
	for _, a := range [...]Action{ChangePlan, ChangeQuantity, Renew, Suspend, Reinstate, Unsubscribe} {
		if equalFold(s, string(a)) {
			return a
		}
	}
	return Action(s)
}

// OperationStatus is an operation's status as Microsoft reports it. The
// zero value is unset.
type OperationStatus string

// The operation statuses of the API.
const (
	OperationNotStarted OperationStatus = "NotStarted"
	OperationInProgress OperationStatus = "InProgress"
	OperationSucceeded  OperationStatus = "Succeeded"
	OperationFailed     OperationStatus = "Failed"
	OperationConflict   OperationStatus = "Conflict"
)

var operationStatuses = [...]OperationStatus{OperationNotStarted, OperationInProgress, OperationSucceeded, OperationFailed, OperationConflict}

// Source says who started an operation: operationRequestSource in a
// webhook body. The zero value is unset.
type Source string

// The sources of an operation.
const (
	// FromAzure: the customer, through Azure or the marketplace (FUL-05).
	FromAzure Source = "Azure"
	// FromPartner: the publisher, through the API; such an operation
	// cannot be acknowledged (FUL-05).
	FromPartner Source = "Partner"
)

// TermUnit is a term's length as an ISO 8601 period (FUL-11). Unknown
// units are kept as they came.
type TermUnit string

// The term units of the API; P4Y and P5Y are the newer ones.
const (
	P1M TermUnit = "P1M"
	P1Y TermUnit = "P1Y"
	P2Y TermUnit = "P2Y"
	P3Y TermUnit = "P3Y"
	P4Y TermUnit = "P4Y"
	P5Y TermUnit = "P5Y"
)

// Months returns the term's length in months, or 0 for a unit the
// library does not know.
func (u TermUnit) Months() int {
	switch u {
	case P1M:
		return 1
	case P1Y:
		return 12
	case P2Y:
		return 24
	case P3Y:
		return 36
	case P4Y:
		return 48
	case P5Y:
		return 60
	}
	return 0
}

// SandboxType is sandboxType: Csp marks a purchase through a CSP partner
// (FUL-11). The zero value is unset, which the API's "None" also means.
type SandboxType string

// The sandbox types of the API.
const (
	SandboxNone SandboxType = "None"
	SandboxCsp  SandboxType = "Csp"
)

// SessionMode is sessionMode: DryRun marks a test purchase (FUL-11). The
// zero value is unset, which the API's "None" also means.
type SessionMode string

// The session modes of the API.
const (
	SessionNone SessionMode = "None"
	DryRun      SessionMode = "DryRun"
)

// CustomerOperation is an entry of allowedCustomerOperations.
type CustomerOperation string

// The customer operations of the API; a CSP purchase allows Read only.
const (
	CustomerRead   CustomerOperation = "Read"
	CustomerUpdate CustomerOperation = "Update"
	CustomerDelete CustomerOperation = "Delete"
)

// AckStatus is the status a publisher sends when it acknowledges an
// operation (the UpdateOperation body): Success accepts, Failure rejects.
type AckStatus string

// The acknowledgement statuses.
const (
	Success AckStatus = "Success"
	Failure AckStatus = "Failure"
)

// Service is what the customer may use (FUL-07, FUL-08). The zero value
// is unset.
type Service string

// The service levels.
const (
	// ServiceNone: not provisioned; the purchase awaits activation.
	ServiceNone Service = "none"
	// ServiceFull: the full service.
	ServiceFull Service = "full"
	// ServiceBlocked: suspended; service blocked, the customer's data kept.
	ServiceBlocked Service = "blocked"
	// ServiceEnded: ended; the data is kept until a date (FUL-08).
	ServiceEnded Service = "ended"
)

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

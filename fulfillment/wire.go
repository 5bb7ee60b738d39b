package fulfillment

import (
	"time"
)

// Identity is a user of Microsoft Entra ID as the API names one (its
// AadIdentifier): the beneficiary or the purchaser of a subscription.
// Microsoft's examples also write puid as pid; both are read (FUL-12).
type Identity struct {
	EmailID  string `json:"emailId,omitzero"`
	ObjectID string `json:"objectId,omitzero"`
	TenantID string `json:"tenantId,omitzero"`
	PUID     string `json:"puid,omitzero"`
}

// Term is a subscription's current term (FUL-11): its unit and the
// instants it starts and ends, as the API sends them.
type Term struct {
	Unit  TermUnit  `json:"termUnit,omitzero"`
	Start time.Time `json:"startDate,omitzero"`
	End   time.Time `json:"endDate,omitzero"`
	// ChargeDuration is sent by the API, usually null; kept as text.
	ChargeDuration string `json:"chargeDuration,omitzero"`
}

// Subscription is a SaaS subscription as the SaaS Fulfillment API v2 sends
// it (Get Subscription, the resolve response, a webhook body).
type Subscription struct {
	ID          string   `json:"id"`
	PublisherID string   `json:"publisherId,omitzero"`
	OfferID     string   `json:"offerId,omitzero"`
	Name        string   `json:"name,omitzero"`
	Status      Status   `json:"saasSubscriptionStatus,omitzero"`
	Beneficiary Identity `json:"beneficiary,omitzero"`
	Purchaser   Identity `json:"purchaser,omitzero"`
	PlanID      string   `json:"planId,omitzero"`
	// Quantity is the number of seats of a per-user plan; 0 for a
	// flat-rate plan. Read from a number or a numeric string (FUL-12).
	Quantity int64 `json:"quantity,omitzero"`
	Term     Term  `json:"term,omitzero"`
	// AutoRenew is true when the body does not say (FUL-11).
	AutoRenew   bool `json:"autoRenew"`
	IsTest      bool `json:"isTest"`
	IsFreeTrial bool `json:"isFreeTrial"`
	// AllowedCustomerOperations lists Read, Update and Delete; Cancel
	// needs Delete (FUL-09).
	AllowedCustomerOperations []CustomerOperation `json:"allowedCustomerOperations,omitzero"`
	SandboxType               SandboxType         `json:"sandboxType,omitzero"`
	SessionMode               SessionMode         `json:"sessionMode,omitzero"`
	Created                   time.Time           `json:"created,omitzero"`
	LastModified              time.Time           `json:"lastModified,omitzero"`
}

// Allows reports whether op is among the subscription's
// allowedCustomerOperations (compared ignoring case).
func (s *Subscription) Allows(op CustomerOperation) bool {
	if s == nil {
		return false
	}
	for _, o := range s.AllowedCustomerOperations {
		if equalFold(string(o), string(op)) {
			return true
		}
	}
	return false
}

// IsTestPurchase reports whether the purchase is a test: isTest, or
// sessionMode DryRun (FUL-11).
func (s *Subscription) IsTestPurchase() bool {
	return s != nil && (s.IsTest || equalFold(string(s.SessionMode), string(DryRun)))
}

// Resolved is the resolve response: what a landing page's purchase token
// names (FUL-02).
type Resolved struct {
	ID               string       `json:"id"`
	SubscriptionName string       `json:"subscriptionName,omitzero"`
	OfferID          string       `json:"offerId,omitzero"`
	PlanID           string       `json:"planId,omitzero"`
	Quantity         int64        `json:"quantity,omitzero"`
	Subscription     Subscription `json:"subscription,omitzero"`
}

// Operation is an operation on a subscription (the API's SaaSOperation),
// as Get Operation returns it and as a webhook body starts.
type Operation struct {
	// ID is the operation's ID, for Get Operation and the acknowledgement.
	ID string `json:"id"`
	// ActivityID is for Microsoft's support; do not use it.
	ActivityID     string `json:"activityId,omitzero"`
	SubscriptionID string `json:"subscriptionId"`
	OfferID        string `json:"offerId,omitzero"`
	PublisherID    string `json:"publisherId,omitzero"`
	// PlanID and Quantity are the subscription's plan and quantity as the
	// operation leaves them.
	PlanID    string          `json:"planId,omitzero"`
	Quantity  int64           `json:"quantity,omitzero"`
	Action    Action          `json:"action"`
	TimeStamp time.Time       `json:"timeStamp,omitzero"`
	Status    OperationStatus `json:"status,omitzero"`
}

// Webhook is the body of a webhook call: the operation, who started it,
// and the subscription as it stands.
type Webhook struct {
	Operation
	Source       Source       `json:"operationRequestSource,omitzero"`
	Subscription Subscription `json:"subscription,omitzero"`
	// PurchaseToken is sent by the API, usually null.
	PurchaseToken string `json:"purchaseToken,omitzero"`
}

// Acknowledgement is the body of a PATCH on an operation: the publisher
// accepts (Success) or rejects (Failure) a change (FUL-05).
type Acknowledgement struct {
	PlanID   string    `json:"planId,omitzero"`
	Quantity int64     `json:"quantity,omitzero"`
	Status   AckStatus `json:"status"`
}

// SubscriberPlan is the body of Activate and of a publisher's change of
// plan or quantity: a plan, or a quantity (FUL-03, FUL-09).
type SubscriberPlan struct {
	PlanID   string `json:"planId,omitzero"`
	Quantity int64  `json:"quantity,omitzero"`
}

// ErrorBody is an error answer of the API: {"error": {"code": …,
// "message": …}}. It is read with or without the "error" wrapper.
type ErrorBody struct {
	Code    string      `json:"code,omitzero"`
	Message string      `json:"message,omitzero"`
	Target  string      `json:"target,omitzero"`
	Details []ErrorBody `json:"details,omitzero"`
}

package fulfillment

import (
	"net/url"
	"strings"
	"time"

	"github.com/marketrules/marketrules/rule"
)

// ActivateRequest is a publisher's Activate call to check (FUL-03): the
// subscription as resolved, and the plan and quantity to activate.
type ActivateRequest struct {
	Subscription Subscription `json:"subscription"`
	PlanID       string       `json:"planId"`
	Quantity     int64        `json:"quantity,omitzero"`
}

// ChangeRequest is a publisher's change of plan or quantity to check
// (FUL-09): one of PlanID and Quantity, the plan's user limits, and
// whether an operation is in progress (Get Operations lists one, or
// State has a customer's change awaiting its answer at At).
type ChangeRequest struct {
	State    State  `json:"state"`
	PlanID   string `json:"planId,omitzero"`
	Quantity int64  `json:"quantity,omitzero"`
	// MinQuantity and MaxQuantity are the user limits of the plan the
	// subscription will have; 0 is no limit.
	MinQuantity int64     `json:"minQuantity,omitzero"`
	MaxQuantity int64     `json:"maxQuantity,omitzero"`
	InProgress  bool      `json:"inProgress,omitzero"`
	At          time.Time `json:"at,omitzero"`
}

// CancelRequest is a publisher's cancellation (Delete) to check (FUL-09).
type CancelRequest struct {
	Subscription Subscription `json:"subscription"`
}

// LandingRequest is a landing page's purchase token to check before it is
// resolved (FUL-02): the token as the query parameter carried it, when it
// was issued (zero if unknown) and the instant of the check.
type LandingRequest struct {
	Token  string    `json:"token"`
	Issued time.Time `json:"issued,omitzero"`
	At     time.Time `json:"at"`
}

// Check is the answer to a publisher's call checked before it is sent:
// whether the API would take it, the HTTP status it would answer, and
// the body to send.
type Check struct {
	Allowed bool        `json:"allowed"`
	Rule    rule.ID     `json:"rule"`
	Reason  rule.Reason `json:"reason"`
	// Call is the API call: "Activate", "ChangePlan", "ChangeQuantity",
	// "Delete", "Resolve" or "UpdateOperation".
	Call string `json:"call"`
	// HTTPStatus is what the API answers: 200, 202, 400 or 404.
	HTTPStatus int    `json:"httpStatus"`
	Status     Status `json:"status,omitzero"`
	// Body is what to send to Activate or to change the plan or quantity.
	Body SubscriberPlan `json:"body,omitzero"`
	// Limit is the user limit a quantity broke.
	Limit int64 `json:"limit,omitzero"`
	// Token is the landing page's token, URL-decoded, for Resolve; Expires
	// is when it can no longer be resolved (zero if its issue is unknown).
	Token   string    `json:"token,omitzero"`
	Expires time.Time `json:"expires,omitzero"`
}

// Reasons of a [Check].
const (
	ReasonActivate         rule.Reason = "activate"           // Activate is allowed
	ReasonAlreadyActive    rule.Reason = "already-activated"  // Subscribed or Suspended: 400
	ReasonNotFound         rule.Reason = "not-found"          // Unsubscribed: 404
	ReasonNotReady         rule.Reason = "not-ready"          // NotStarted: not yet purchased
	ReasonNotPurchased     rule.Reason = "not-purchased"      // another plan or quantity than purchased
	ReasonChange           rule.Reason = "change"             // the change is allowed: 202
	ReasonPlanAndQuantity  rule.Reason = "plan-and-quantity"  // both changed at once
	ReasonNothingToChange  rule.Reason = "nothing-to-change"  // neither given
	ReasonSamePlan         rule.Reason = "same-plan"          // the plan it has already
	ReasonQuantityLimit    rule.Reason = "quantity-limit"     // outside the plan's user limits
	ReasonLocked           rule.Reason = "locked"             // an operation is in progress
	ReasonNotSubscribed    rule.Reason = "not-subscribed"     // only a Subscribed subscription changes
	ReasonCancel           rule.Reason = "cancel"             // Delete is allowed: 202
	ReasonDeleteNotAllowed rule.Reason = "delete-not-allowed" // Delete not in allowedCustomerOperations: 400
	ReasonTokenValid       rule.Reason = "token-valid"        // resolve it
	ReasonTokenExpired     rule.Reason = "token-expired"      // older than the validity: 400
)

// Activate checks an Activate call (FUL-03): allowed only for a
// PendingFulfillmentStart subscription with its purchased plan and
// quantity; an activated subscription answers 400, an Unsubscribed one
// 404. Invalid input (no subscription ID, no valid status, no plan) is
// [rule.Problems].
func (p Policy) Activate(req ActivateRequest) (Check, error) {
	var ps rule.Problems
	s := &req.Subscription
	checkSubscription(&ps, s, "subscription")
	if req.PlanID == "" {
		addProblem(&ps, ful03, "planId", ErrMissing, msgMissing, "the plan")
	}
	if req.Quantity < 0 {
		addProblem(&ps, ful03, "quantity", ErrInvalidValue, msgNegative, req.Quantity)
	}
	if len(ps) > 0 {
		return Check{}, ps.Err()
	}
	c := Check{Call: "Activate", Rule: ful03, Status: s.Status, Body: SubscriberPlan{PlanID: req.PlanID, Quantity: req.Quantity}}
	switch {
	case s.Status == Unsubscribed:
		c.Reason, c.HTTPStatus = ReasonNotFound, 404
	case s.Status == Subscribed || s.Status == Suspended:
		c.Reason, c.HTTPStatus = ReasonAlreadyActive, 400
	case s.Status == NotStarted:
		c.Reason, c.HTTPStatus = ReasonNotReady, 400
	case req.PlanID != s.PlanID || (s.Quantity != 0 && req.Quantity != s.Quantity):
		c.Reason, c.HTTPStatus = ReasonNotPurchased, 400
	default:
		c.Allowed, c.Reason, c.HTTPStatus = true, ReasonActivate, 200
	}
	return c, nil
}

func checkSubscription(ps *rule.Problems, s *Subscription, path string) {
	if s.ID == "" {
		addProblem(ps, ful01, join(path, "id"), ErrMissing, msgMissing, "the subscription ID")
	}
	if s.Status == 0 {
		addProblem(ps, ful01, join(path, "saasSubscriptionStatus"), ErrMissing, msgMissing, "the subscription status")
	} else if !s.Status.Valid() {
		addProblem(ps, ful01, join(path, "saasSubscriptionStatus"), ErrUnknownValue, msgUnknown, "subscription status", s.Status.String())
	}
}

// Change checks a publisher's change of plan or quantity (FUL-09): the
// plan or the quantity, not both; a plan other than the current one; a
// quantity within the plan's user limits; a Subscribed subscription with
// no operation in progress. The API answers 202 with the operation's
// location, or 400 (404 for an Unsubscribed subscription).
func (p Policy) Change(req ChangeRequest) (Check, error) {
	var ps rule.Problems
	s := &req.State.Subscription
	checkSubscription(&ps, s, "state.subscription")
	if req.Quantity < 0 {
		addProblem(&ps, ful09, "quantity", ErrInvalidValue, msgNegative, req.Quantity)
	}
	if len(ps) > 0 {
		return Check{}, ps.Err()
	}
	c := Check{Call: "ChangePlan", Rule: ful09, Status: s.Status, HTTPStatus: 400,
		Body: SubscriberPlan{PlanID: req.PlanID, Quantity: req.Quantity}}
	if req.PlanID == "" {
		c.Call = "ChangeQuantity"
	}
	pending := req.InProgress || (req.State.PendingOperationID != "" && req.At.Before(req.State.PendingUntil))
	switch {
	case s.Status == Unsubscribed:
		c.Reason, c.HTTPStatus = ReasonNotFound, 404
	case s.Status != Subscribed:
		c.Reason = ReasonNotSubscribed
	case req.PlanID != "" && req.Quantity != 0:
		c.Reason = ReasonPlanAndQuantity
	case req.PlanID == "" && req.Quantity == 0:
		c.Reason = ReasonNothingToChange
	case req.PlanID != "" && req.PlanID == s.PlanID:
		c.Reason = ReasonSamePlan
	case req.Quantity != 0 && req.MinQuantity > 0 && req.Quantity < req.MinQuantity:
		c.Reason, c.Limit = ReasonQuantityLimit, req.MinQuantity
	case req.Quantity != 0 && req.MaxQuantity > 0 && req.Quantity > req.MaxQuantity:
		c.Reason, c.Limit = ReasonQuantityLimit, req.MaxQuantity
	case pending:
		c.Reason = ReasonLocked
	default:
		c.Allowed, c.Reason, c.HTTPStatus = true, ReasonChange, 202
	}
	return c, nil
}

// Cancel checks a publisher's cancellation (Delete, FUL-09): allowed when
// Delete is among the subscription's allowedCustomerOperations (a CSP
// purchase allows Read only); the API answers 202, else 400, and 404 for
// an Unsubscribed subscription.
func (p Policy) Cancel(req CancelRequest) (Check, error) {
	var ps rule.Problems
	s := &req.Subscription
	checkSubscription(&ps, s, "subscription")
	if len(ps) > 0 {
		return Check{}, ps.Err()
	}
	c := Check{Call: "Delete", Rule: ful09, Status: s.Status}
	switch {
	case s.Status == Unsubscribed:
		c.Reason, c.HTTPStatus = ReasonNotFound, 404
	case !s.Allows(CustomerDelete):
		c.Reason, c.HTTPStatus = ReasonDeleteNotAllowed, 400
	default:
		c.Allowed, c.Reason, c.HTTPStatus = true, ReasonCancel, 202
	}
	return c, nil
}

// Land checks a landing page's purchase token (FUL-02): it is URL-decoded
// once (a token without %XX escapes is taken as already decoded and kept
// as it is, "+" included) and can be resolved within
// [Policy.TokenValidity] of its issue. A missing token, or one that is not
// URL-encoded text, is [rule.Problems]; an expired one is a Check with
// HTTPStatus 400, what Resolve would answer.
func (p Policy) Land(req LandingRequest) (Check, error) {
	var ps rule.Problems
	tok := strings.TrimSpace(req.Token)
	if tok == "" {
		addProblem(&ps, ful02, "token", ErrMissing, msgMissing, "the purchase token")
	}
	// Decode once: a token still URL-encoded has %XX escapes; one already
	// decoded (as url.Values gives it) has none and is kept, its "+" too
	// (base64 text, which a second decoding would turn into spaces).
	dec := tok
	if strings.Contains(tok, "%") {
		var err error
		if dec, err = url.PathUnescape(tok); err != nil {
			addProblem(&ps, ful02, "token", ErrInvalidValue, msgNotToken)
		}
	}
	if req.At.IsZero() {
		addProblem(&ps, ful02, "at", ErrMissing, msgMissing, "the instant of the check")
	}
	if p.TokenValidity <= 0 {
		addProblem(&ps, "", "policy.tokenValidity", ErrPolicy, msgPolicy, "tokenValidity")
	}
	if len(ps) > 0 {
		return Check{}, ps.Err()
	}
	c := Check{Call: "Resolve", Rule: ful02, Token: dec, Allowed: true, Reason: ReasonTokenValid, HTTPStatus: 200}
	if !req.Issued.IsZero() {
		c.Expires = req.Issued.Add(p.TokenValidity)
		if !req.At.Before(c.Expires) {
			c.Allowed, c.Reason, c.HTTPStatus = false, ReasonTokenExpired, 400
		}
	}
	return c, nil
}

var msgNotToken = rule.Message{English: "the token is not URL-encoded text", Swedish: "token är inte URL-kodad text"}

var checkTexts = map[rule.Reason]rule.Message{
	ReasonActivate:         {English: "activate the subscription with its purchased plan %[1]q; billing starts now", Swedish: "aktivera prenumerationen med den köpta planen %[1]q; faktureringen börjar nu"},
	ReasonAlreadyActive:    {English: "the subscription is already activated; the API answers 400", Swedish: "prenumerationen är redan aktiverad; API:et svarar 400"},
	ReasonNotFound:         {English: "the subscription has ended; the API answers 404", Swedish: "prenumerationen har upphört; API:et svarar 404"},
	ReasonNotReady:         {English: "the purchase is not ready to be activated yet", Swedish: "köpet är inte redo att aktiveras ännu"},
	ReasonNotPurchased:     {English: "plan %[1]q, quantity %[2]d is not what was purchased; the API answers 400", Swedish: "plan %[1]q, antal %[2]d är inte det som köptes; API:et svarar 400"},
	ReasonChange:           {English: "send the change; the API answers 202 with the operation's location", Swedish: "skicka ändringen; API:et svarar 202 med åtgärdens adress"},
	ReasonPlanAndQuantity:  {English: "change the plan or the quantity, not both at once", Swedish: "ändra planen eller antalet, inte båda samtidigt"},
	ReasonNothingToChange:  {English: "neither a plan nor a quantity to change", Swedish: "varken plan eller antal att ändra"},
	ReasonSamePlan:         {English: "the subscription has plan %[1]q already", Swedish: "prenumerationen har redan planen %[1]q"},
	ReasonQuantityLimit:    {English: "quantity %[2]d is outside the plan's user limit %[3]d", Swedish: "antalet %[2]d ligger utanför planens användargräns %[3]d"},
	ReasonLocked:           {English: "an operation is in progress; the subscription is locked and the API answers 400", Swedish: "en åtgärd pågår; prenumerationen är låst och API:et svarar 400"},
	ReasonNotSubscribed:    {English: "only a Subscribed subscription can be changed", Swedish: "bara en aktiv prenumeration (Subscribed) kan ändras"},
	ReasonCancel:           {English: "cancel it; the API answers 202 with the operation's location", Swedish: "säg upp den; API:et svarar 202 med åtgärdens adress"},
	ReasonDeleteNotAllowed: {English: "Delete is not among the subscription's allowed customer operations (a CSP purchase allows Read only); the API answers 400", Swedish: "Delete finns inte bland prenumerationens tillåtna kundåtgärder (ett CSP-köp tillåter bara Read); API:et svarar 400"},
	ReasonTokenValid:       {English: "resolve the token now", Swedish: "lös upp token nu"},
	ReasonTokenExpired:     {English: "the token is older than %[4]s; Resolve answers 400", Swedish: "token är äldre än %[4]s; Resolve svarar 400"},
	ReasonAcknowledged:     {English: "the answer is taken; the API answers 200", Swedish: "svaret tas emot; API:et svarar 200"},
	ReasonNotAcknowledged:  {English: "an operation the publisher started cannot be acknowledged; the API answers 400", Swedish: "en åtgärd som utgivaren startade kan inte kvitteras; API:et svarar 400"},
	ReasonAckConflict:      {English: "the operation is not the change awaiting an answer (a newer update is already fulfilled); the API answers 409", Swedish: "åtgärden är inte ändringen som väntar på svar (en nyare uppdatering är redan genomförd); API:et svarar 409"},
	ReasonAckTooLate:       {English: "the deadline has passed and the change was accepted; the API answers 409", Swedish: "tidsfristen har passerat och ändringen godkändes; API:et svarar 409"},
}

var msgCheckHead = rule.Message{English: "%s: %s (%s).", Swedish: "%s: %s (%s)."}

// Explain says in lang whether the call may be sent, why (with its rule)
// and what the API answers.
func (c Check) Explain(lang rule.Language) string {
	m, ok := checkTexts[c.Reason]
	if !ok {
		return c.String()
	}
	validity := durationText(lang, DefaultPolicy().TokenValidity)
	text := m.Format(lang)
	if strings.Contains(text, "%") {
		text = m.Render(lang, c.Body.PlanID, c.Body.Quantity, c.Limit, validity)
	}
	return msgCheckHead.Render(lang, c.Call, text, string(c.Rule))
}

// String returns "FUL-09 locked: ChangePlan → 400".
func (c Check) String() string {
	return string(c.Rule) + " " + string(c.Reason) + ": " + c.Call + " → " + itoa(c.HTTPStatus)
}

// AckRequest is a publisher's acknowledgement (PATCH on an operation) to
// check (FUL-05): the state, the operation it answers, who started that
// operation, the body, and the instant it is sent.
type AckRequest struct {
	State       State           `json:"state"`
	OperationID string          `json:"operationId"`
	Source      Source          `json:"source,omitzero"`
	Body        Acknowledgement `json:"body"`
	At          time.Time       `json:"at"`
}

// Reasons of a [Check] of an acknowledgement.
const (
	ReasonAcknowledged    rule.Reason = "acknowledged"        // the answer is taken: 200
	ReasonNotAcknowledged rule.Reason = "not-acknowledgeable" // a partner-initiated operation: 400
	ReasonAckConflict     rule.Reason = "ack-conflict"        // not the change awaiting an answer (a newer update was fulfilled): 409
	ReasonAckTooLate      rule.Reason = "ack-too-late"        // after the deadline the change was accepted: 409
)

// Acknowledge checks a PATCH Success or Failure on an operation (FUL-05):
// only the customer's change awaiting the publisher's answer in State,
// before its deadline, can be answered; a partner-initiated operation
// cannot (400); any other operation, or one past its deadline, is a
// conflict (409: a newer update is already fulfilled). A body whose
// status is neither Success nor Failure, and a missing operation ID or
// instant, are [rule.Problems].
func (p Policy) Acknowledge(req AckRequest) (Check, error) {
	var ps rule.Problems
	if req.OperationID == "" {
		addProblem(&ps, ful05, "operationId", ErrMissing, msgMissing, "the operation ID")
	}
	if req.Body.Status != Success && req.Body.Status != Failure {
		addProblem(&ps, ful05, "body.status", ErrUnknownValue, msgUnknown, "acknowledgement status", string(req.Body.Status))
	}
	if req.At.IsZero() {
		addProblem(&ps, ful05, "at", ErrMissing, msgMissing, "the instant of the answer")
	}
	if len(ps) > 0 {
		return Check{}, ps.Err()
	}
	c := Check{Call: "UpdateOperation", Rule: ful05, Status: req.State.Subscription.Status, HTTPStatus: 409,
		Body: SubscriberPlan{PlanID: req.Body.PlanID, Quantity: req.Body.Quantity}}
	switch {
	case req.Source == FromPartner:
		c.Reason, c.HTTPStatus = ReasonNotAcknowledged, 400
	case req.State.PendingOperationID != req.OperationID:
		c.Reason = ReasonAckConflict
	case req.At.After(req.State.PendingUntil):
		c.Reason = ReasonAckTooLate
	default:
		c.Allowed, c.Reason, c.HTTPStatus = true, ReasonAcknowledged, 200
	}
	return c, nil
}

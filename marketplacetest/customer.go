package marketplacetest

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
)

// subscription is the marketplace's record of one subscription.
type subscription struct {
	state  fulfillment.State
	token  string
	issued time.Time
	ops    []*operation
	terms  []term
	// prorations are the mid-term changes of plan or seats applied, as
	// the fulfillment package's money side prorates them (PRC-05,
	// PRC-06).
	prorations []pricing.Proration
}

// operation is an operation with the webhook body that announced it.
type operation struct {
	hook fulfillment.Webhook
}

// term is a term the subscription was billed for.
type term struct {
	plan     string
	quantity int64
	start    time.Time
	end      time.Time
	trial    bool
}

// Order is a customer's purchase: the plan, the seats of a per-user plan,
// and who buys. The zero Order buys the first plan, renewing
// automatically.
type Order struct {
	PlanID   string `json:"planId,omitzero"`
	Quantity int64  `json:"quantity,omitzero"`
	Name     string `json:"name,omitzero"`
	// NoAutoRenew: the subscription ends with its term instead of
	// renewing.
	NoAutoRenew bool                    `json:"noAutoRenew,omitzero"`
	FreeTrial   bool                    `json:"isFreeTrial,omitzero"`
	Test        bool                    `json:"isTest,omitzero"`
	Sandbox     fulfillment.SandboxType `json:"sandboxType,omitzero"`
	Beneficiary fulfillment.Identity    `json:"beneficiary,omitzero"`
	Purchaser   fulfillment.Identity    `json:"purchaser,omitzero"`
}

// Purchase is the outcome of [Server.Buy]: the new subscription, awaiting
// the publisher's activation, and the landing page URL the customer is
// sent to, whose token parameter can be resolved until Expires (FUL-02).
type Purchase struct {
	SubscriptionID string    `json:"subscriptionId"`
	Token          string    `json:"token"`
	LandingURL     string    `json:"landingUrl"`
	Expires        time.Time `json:"expires"`
}

// Buy is a customer buying a plan (FUL-01, FUL-02): the subscription is
// created PendingFulfillmentStart and the returned landing page URL
// carries a purchase token, URL-encoded, that resolves for 24 hours of
// virtual time. Nothing is billed before the publisher activates it.
func (s *Server) Buy(o Order) (Purchase, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return Purchase{}, ErrClosed
	}
	if o.PlanID == "" && len(s.cfg.Plans) > 0 {
		o.PlanID = s.cfg.Plans[0].ID
	}
	p, ok := s.plan(o.PlanID)
	if !ok {
		return Purchase{}, fmt.Errorf("%w: no plan %q", ErrInvalid, o.PlanID)
	}
	if err := checkQuantity(p, o.Quantity); err != nil {
		return Purchase{}, err
	}
	id := s.newID()
	if o.Name == "" {
		o.Name = "Subscription " + id[len(id)-4:]
	}
	if o.Beneficiary == (fulfillment.Identity{}) {
		o.Beneficiary = fulfillment.Identity{EmailID: "buyer@fabrikam.example", ObjectID: s.newID(), TenantID: s.newID(), PUID: "1003BFFD00000001"}
	}
	if o.Purchaser == (fulfillment.Identity{}) {
		o.Purchaser = o.Beneficiary
	}
	ops := []fulfillment.CustomerOperation{fulfillment.CustomerDelete, fulfillment.CustomerUpdate, fulfillment.CustomerRead}
	if o.Sandbox == fulfillment.SandboxCsp {
		ops = []fulfillment.CustomerOperation{fulfillment.CustomerRead}
	}
	sandbox := o.Sandbox
	if sandbox == "" {
		sandbox = fulfillment.SandboxNone
	}
	sub := &subscription{state: fulfillment.State{Subscription: fulfillment.Subscription{
		ID: id, PublisherID: s.cfg.PublisherID, OfferID: s.cfg.OfferID, Name: o.Name,
		Status: fulfillment.PendingFulfillmentStart, Beneficiary: o.Beneficiary, Purchaser: o.Purchaser,
		PlanID: p.ID, Quantity: o.Quantity, Term: fulfillment.Term{Unit: p.Term},
		AutoRenew: !o.NoAutoRenew, IsTest: o.Test, IsFreeTrial: o.FreeTrial,
		AllowedCustomerOperations: ops, SandboxType: sandbox, SessionMode: fulfillment.SessionNone,
		Created: s.now, LastModified: s.now,
	}}}
	// The token has the characters a landing page must URL-decode
	// (FUL-02): "+", "/" and "=".
	sub.token = base64.StdEncoding.EncodeToString(append([]byte{0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff}, "marketplacetest:"+id+"!"...))
	sub.issued = s.now
	s.subs = append(s.subs, sub)
	s.byID[id] = sub
	s.tokens[sub.token] = sub
	landing := s.cfg.LandingPage
	if landing != "" {
		sep := "?"
		if u, err := url.Parse(landing); err == nil && u.RawQuery != "" {
			sep = "&"
		}
		landing += sep + "token=" + url.QueryEscape(sub.token)
	}
	return Purchase{SubscriptionID: id, Token: sub.token, LandingURL: landing, Expires: s.now.Add(s.pol.TokenValidity)}, nil
}

func checkQuantity(p Plan, q int64) error {
	switch {
	case q < 0:
		return fmt.Errorf("%w: quantity %d", ErrInvalid, q)
	case !p.PerUser && q != 0:
		return fmt.Errorf("%w: plan %q is not sold by the seat", ErrInvalid, p.ID)
	case p.PerUser && (q == 0 || (p.MinQuantity > 0 && q < p.MinQuantity) || (p.MaxQuantity > 0 && q > p.MaxQuantity)):
		return fmt.Errorf("%w: quantity %d outside plan %q's limits %d–%d", ErrInvalid, q, p.ID, p.MinQuantity, p.MaxQuantity)
	}
	return nil
}

// ChangePlan is the customer moving a subscription to another plan in
// Azure (FUL-05): the host's webhook is called with the operation
// InProgress and the publisher has 10 seconds of virtual time to PATCH it
// Success or Failure; after that the marketplace accepts the change.
func (s *Server) ChangePlan(subscriptionID, planID string) (fulfillment.Operation, error) {
	return s.customer(subscriptionID, fulfillment.ChangePlan, fulfillment.SubscriberPlan{PlanID: planID})
}

// ChangeQuantity is the customer changing the seats of a subscription,
// answered like [Server.ChangePlan].
func (s *Server) ChangeQuantity(subscriptionID string, quantity int64) (fulfillment.Operation, error) {
	return s.customer(subscriptionID, fulfillment.ChangeQuantity, fulfillment.SubscriberPlan{Quantity: quantity})
}

// Suspend is a failed payment (FUL-07): the subscription is Suspended and
// the host told; without [Server.Reinstate] within 30 days of virtual
// time the marketplace unsubscribes it.
func (s *Server) Suspend(subscriptionID string) (fulfillment.Operation, error) {
	return s.customer(subscriptionID, fulfillment.Suspend, fulfillment.SubscriberPlan{})
}

// Reinstate is the payment succeeding after a suspension (FUL-07).
func (s *Server) Reinstate(subscriptionID string) (fulfillment.Operation, error) {
	return s.customer(subscriptionID, fulfillment.Reinstate, fulfillment.SubscriberPlan{})
}

// Unsubscribe is the customer cancelling the subscription (FUL-08).
func (s *Server) Unsubscribe(subscriptionID string) (fulfillment.Operation, error) {
	return s.customer(subscriptionID, fulfillment.Unsubscribe, fulfillment.SubscriberPlan{})
}

func (s *Server) customer(id string, a fulfillment.Action, to fulfillment.SubscriberPlan) (fulfillment.Operation, error) {
	s.mu.Lock()
	op, err := s.customerLocked(id, a, to)
	s.mu.Unlock()
	s.flush()
	return op, err
}

func (s *Server) customerLocked(id string, a fulfillment.Action, to fulfillment.SubscriberPlan) (fulfillment.Operation, error) {
	if s.closed {
		return fulfillment.Operation{}, ErrClosed
	}
	sub, ok := s.byID[id]
	if !ok {
		return fulfillment.Operation{}, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	cur := &sub.state.Subscription
	switch a {
	case fulfillment.ChangePlan:
		p, ok := s.plan(to.PlanID)
		if !ok || p.ID == cur.PlanID {
			return fulfillment.Operation{}, fmt.Errorf("%w: plan %q is unknown or the current one", ErrInvalid, to.PlanID)
		}
		to.Quantity = cur.Quantity
		if p.PerUser && to.Quantity == 0 {
			to.Quantity = max(p.MinQuantity, 1)
		}
		if !p.PerUser {
			to.Quantity = 0
		}
	case fulfillment.ChangeQuantity:
		p, _ := s.plan(cur.PlanID)
		if err := checkQuantity(p, to.Quantity); err != nil || to.Quantity == cur.Quantity {
			return fulfillment.Operation{}, fmt.Errorf("%w: quantity %d for plan %q", ErrInvalid, to.Quantity, cur.PlanID)
		}
		to.PlanID = cur.PlanID
	default:
		to = fulfillment.SubscriberPlan{PlanID: cur.PlanID, Quantity: cur.Quantity}
	}
	if (a == fulfillment.ChangePlan || a == fulfillment.ChangeQuantity) && sub.pending() != nil {
		return fulfillment.Operation{}, fmt.Errorf("%w: a change awaits the publisher's answer", ErrRefused)
	}
	status := fulfillment.OperationSucceeded
	if a == fulfillment.ChangePlan || a == fulfillment.ChangeQuantity || a == fulfillment.Reinstate {
		status = fulfillment.OperationInProgress
	}
	op, err := s.operate(sub, a, to, fulfillment.FromAzure, status)
	if errors.Is(err, ErrRefused) && a == fulfillment.Unsubscribe && cur.Status == fulfillment.Unsubscribed {
		return op, fmt.Errorf("%w: %s is already Unsubscribed", ErrRefused, id)
	}
	return op, err
}

// pending returns the customer's change awaiting the publisher's answer.
func (sub *subscription) pending() *operation {
	if sub.state.PendingOperationID == "" {
		return nil
	}
	return sub.op(sub.state.PendingOperationID)
}

func (sub *subscription) op(id string) *operation {
	for _, o := range sub.ops {
		if o.hook.ID == id {
			return o
		}
	}
	return nil
}

// operate creates an operation, decides it with the fulfillment rules on
// the marketplace's own state, applies it and queues its webhook call.
// A customer's change arriving InProgress is applied when the publisher
// accepts it or its deadline passes (FUL-05); the subscription meanwhile
// holds it as pending, which locks the publisher's own changes (FUL-09).
func (s *Server) operate(sub *subscription, a fulfillment.Action, to fulfillment.SubscriberPlan, src fulfillment.Source, status fulfillment.OperationStatus) (fulfillment.Operation, error) {
	cur := sub.state.Subscription
	hook := fulfillment.Webhook{
		Operation: fulfillment.Operation{ID: s.newID(), ActivityID: s.newID(), SubscriptionID: cur.ID,
			OfferID: cur.OfferID, PublisherID: cur.PublisherID, PlanID: to.PlanID, Quantity: to.Quantity,
			Action: a, TimeStamp: s.opStamp(), Status: status},
		Source: src, Subscription: cur,
	}
	d, err := s.pol.Decide(fulfillment.Request{State: sub.state, Webhook: hook, At: s.now})
	if err != nil {
		return fulfillment.Operation{}, err
	}
	if !d.Allowed {
		return hook.Operation, fmt.Errorf("%w: %s of a %s subscription (%s)", ErrRefused, a, cur.Status, d.Reason)
	}
	o := &operation{hook: hook}
	sub.ops = append(sub.ops, o)
	sent := hook
	if was := sub.pending(); was != nil {
		// A change awaiting an answer is overtaken by this operation
		// (a suspension, a cancellation): it will never be applied.
		was.hook.Status = fulfillment.OperationConflict
	}
	if d.Acknowledge && d.Ack == fulfillment.Success && d.State.PendingOperationID == hook.ID {
		// Awaiting the publisher's answer: only the lock is recorded.
		sub.state.PendingOperationID, sub.state.PendingUntil = d.State.PendingOperationID, d.State.PendingUntil
	} else {
		s.apply(sub, o, &d)
	}
	if status == fulfillment.OperationSucceeded {
		// An operation that only informs carries the subscription after it.
		sent.Subscription = sub.state.Subscription
		o.hook.Subscription = sent.Subscription
	}
	s.queue(sent)
	return o.hook.Operation, nil
}

// apply makes a decided operation the subscription's state: succeeded,
// with a new term recorded for billing when a term starts, and a change
// of plan or seats prorated.
func (s *Server) apply(sub *subscription, o *operation, d *fulfillment.Decision) {
	if a := o.hook.Action; a == fulfillment.ChangePlan || a == fulfillment.ChangeQuantity {
		s.prorate(sub, d)
	}
	next := d.State
	next.PendingOperationID, next.PendingUntil = "", time.Time{}
	sub.state = next
	o.hook.Status = fulfillment.OperationSucceeded
	if o.hook.Action == fulfillment.Renew {
		sub.startTerm()
	}
}

// prorate records the proration of a change of plan or seats the
// decision d applies, as package fulfillment's money side computes it
// from the subscription before it (PRC-05, PRC-06): the emulator's plans
// are priced in USD and sold in the United States. A change the money
// side does not prorate adds nothing: a free trial's (TRL-11), one
// between a flat-rate and a per-user plan (the plans of an offer share
// one pricing model, OFR-06), one that takes effect only at renewal.
func (s *Server) prorate(sub *subscription, d *fulfillment.Decision) {
	from, _ := s.plan(sub.state.Subscription.PlanID) // the plans sold are the configured ones
	to, _ := s.plan(d.State.Subscription.PlanID)
	fp, tp := pricingPlan(from), pricingPlan(to)
	m, err := s.pol.Money(fulfillment.MoneyRequest{Before: sub.state, Decision: *d, Plan: &fp, NewPlan: &tp, Market: market.US})
	if err != nil || m.Prorate == nil || m.Prorate.Credited.Start.IsZero() {
		return
	}
	sub.prorations = append(sub.prorations, *m.Prorate)
}

// pricingPlan is a plan as package pricing knows it: its price for its
// term, per user or flat, and its user limits, sold in the United States.
func pricingPlan(p Plan) plan.Plan {
	out := plan.Plan{ID: p.ID, Markets: market.SetOf(market.US)}
	out.Pricing.Model = plan.FlatRate
	if p.PerUser {
		out.Pricing.Model = plan.PerUser
		out.Pricing.Users = plan.Users{Min: p.MinQuantity, Max: p.MaxQuantity}
	}
	unit := p.Term
	if unit == "" {
		unit = fulfillment.P1M
	}
	// A unit the rules do not sell leaves the term unset: the money side
	// then prices nothing.
	term, _ := plan.ParseTerm(string(unit))
	out.Pricing.Terms = []plan.TermPrice{{Term: term, Price: p.Price}}
	return out
}

// reject fails a customer's change the publisher answered Failure.
func (sub *subscription) reject(o *operation) {
	o.hook.Status = fulfillment.OperationFailed
	sub.state.PendingOperationID, sub.state.PendingUntil = "", time.Time{}
}

// startTerm records the subscription's term for billing, unless it is
// the term recorded last (a renewal the rules could not roll forward).
func (sub *subscription) startTerm() {
	t := sub.state.Subscription.Term
	if n := len(sub.terms); n > 0 && sub.terms[n-1].start.Equal(t.Start) {
		return
	}
	cur := &sub.state.Subscription
	sub.terms = append(sub.terms, term{plan: cur.PlanID, quantity: cur.Quantity, start: t.Start, end: t.End, trial: cur.IsFreeTrial})
}

// Operations returns every operation of a subscription in the order they
// happened, with their status now, as Get Operation would.
func (s *Server) Operations(subscriptionID string) []fulfillment.Operation {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.byID[subscriptionID]
	if !ok {
		return nil
	}
	out := make([]fulfillment.Operation, 0, len(sub.ops))
	for _, o := range sub.ops {
		out = append(out, o.hook.Operation)
	}
	return out
}

// Subscription returns the marketplace's state of a subscription: its
// wire value, the anchor of its terms, the last operation applied and a
// change awaiting the publisher's answer.
func (s *Server) Subscription(id string) (fulfillment.State, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.byID[id]
	if !ok {
		return fulfillment.State{}, false
	}
	return cloneState(sub.state), true
}

// Subscriptions returns the state of every subscription, in the order
// they were bought.
func (s *Server) Subscriptions() []fulfillment.State {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]fulfillment.State, 0, len(s.subs))
	for _, sub := range s.subs {
		out = append(out, cloneState(sub.state))
	}
	return out
}

func cloneState(st fulfillment.State) fulfillment.State {
	st.Subscription.AllowedCustomerOperations = slices.Clone(st.Subscription.AllowedCustomerOperations)
	return st
}

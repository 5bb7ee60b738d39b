package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/metering"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
)

const apiVersion = "?api-version=2018-08-31"

// Host is a publisher's SaaS service as the marketplace meets it: a
// landing page, a webhook and an hourly metering job. It keeps the state
// of each subscription as package fulfillment decides it.
type Host struct {
	// API is the marketplace's base URL; Client sends the publisher's
	// access token with every call.
	API    string
	Client *http.Client
	// Policy is the fulfillment policy; Audience, TenantID and Keys verify
	// the webhook's bearer token (FUL-10).
	Policy   fulfillment.Policy
	Audience string
	TenantID string
	Keys     []fulfillment.SigningKey
	// Now is the host's clock (the emulator's virtual clock in tests).
	Now func() time.Time
	// Rule is the host's own rule for a customer's change of plan or
	// quantity: Success accepts it, Failure rejects it, "" leaves it
	// unanswered (the marketplace accepts it after 10 seconds).
	Rule func(st fulfillment.State, w fulfillment.Webhook) fulfillment.AckStatus

	mu      sync.Mutex
	states  map[string]fulfillment.State
	prices  map[string]currency.Money
	agg     map[string]*metering.Aggregator
	unsent  []metering.Event
	answers []Answer
	refunds []refund.Decision
	meter   []Metered
}

// Answer is what the host answered to one webhook call.
type Answer struct {
	OperationID string                `json:"operationId"`
	Action      fulfillment.Action    `json:"action"`
	Status      int                   `json:"status"`
	Ack         fulfillment.AckStatus `json:"ack,omitzero"`
	Reason      string                `json:"reason,omitzero"`
}

// Metered is the marketplace's answer about one hour of usage sent.
type Metered struct {
	SubscriptionID string               `json:"subscriptionId"`
	Dimension      string               `json:"dimension"`
	Hour           time.Time            `json:"hour"`
	Quantity       metering.Quantity    `json:"quantity"`
	Status         metering.EventStatus `json:"status"`
}

// NewHost returns a host calling the marketplace at api.
func NewHost(api string, client *http.Client, keys []fulfillment.SigningKey, now func() time.Time) *Host {
	return &Host{API: api, Client: client, Policy: fulfillment.DefaultPolicy(), Keys: keys, Now: now, Rule: SeatRule,
		Audience: "8c8e3a1f-0000-4000-8000-0000000000aa", TenantID: "72f988bf-0000-4000-8000-0000000000bb",
		states: map[string]fulfillment.State{}, prices: map[string]currency.Money{}, agg: map[string]*metering.Aggregator{}}
}

// SeatRule is the host's rule for changes: a customer never has fewer
// seats during a term, so a change to fewer seats, or to a plan without
// seats while some are in use, is rejected (Failure); more than 10 seats
// added at once wait for the sales team, who do not answer in time (the
// marketplace accepts them); every other change is accepted.
func SeatRule(st fulfillment.State, w fulfillment.Webhook) fulfillment.AckStatus {
	switch cur := st.Subscription.Quantity; {
	case w.Quantity < cur:
		return fulfillment.Failure
	case w.Action == fulfillment.ChangeQuantity && w.Quantity-cur > 10:
		return ""
	}
	return fulfillment.Success
}

// Handler serves the landing page at /landing and the webhook at /webhook.
func (h *Host) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /landing", h.landing)
	mux.HandleFunc("POST /webhook", h.webhook)
	return mux
}

// State returns the host's state of a subscription.
func (h *Host) State(id string) (fulfillment.State, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st, ok := h.states[id]
	return st, ok
}

// Answers returns the host's answers to the webhook calls, in order.
func (h *Host) Answers() []Answer {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.answers)
}

// Refunds returns the refund decisions of the Unsubscribes received.
func (h *Host) Refunds() []refund.Decision {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.refunds)
}

// Metered returns the marketplace's answers to the usage sent.
func (h *Host) Metered() []Metered {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.meter)
}

// landing resolves the purchase token and activates the subscription
// (FUL-02, FUL-03).
func (h *Host) landing(w http.ResponseWriter, r *http.Request) {
	c, err := h.Policy.Land(fulfillment.LandingRequest{Token: r.URL.Query().Get("token"), At: h.Now()})
	if err != nil || !c.Allowed {
		http.Error(w, "This purchase link cannot be used.", http.StatusBadRequest)
		return
	}
	var res fulfillment.Resolved
	if err := h.do(r.Context(), "POST", "/saas/subscriptions/resolve", nil, &res, "x-ms-marketplace-token", c.Token); err != nil {
		http.Error(w, "The purchase could not be resolved: "+err.Error(), http.StatusBadGateway)
		return
	}
	sub := res.Subscription
	a, err := h.Policy.Activate(fulfillment.ActivateRequest{Subscription: sub, PlanID: res.PlanID, Quantity: res.Quantity})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	if a.Allowed {
		if err := h.do(r.Context(), "POST", "/saas/subscriptions/"+res.ID+"/activate", a.Body, nil); err != nil {
			http.Error(w, "The subscription could not be activated: "+err.Error(), http.StatusBadGateway)
			return
		}
	}
	if err := h.do(r.Context(), "GET", "/saas/subscriptions/"+res.ID, nil, &sub); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	price := h.price(r.Context(), res.ID, sub.PlanID)
	h.mu.Lock()
	h.states[sub.ID] = fulfillment.State{Subscription: sub, Anchor: sub.Term.Start}
	h.prices[sub.ID] = price
	h.mu.Unlock()
	fmt.Fprintf(w, "<h1>Welcome, %s</h1><p>Plan %s is active.</p>", html.EscapeString(sub.Beneficiary.EmailID), html.EscapeString(sub.PlanID))
}

// price reads a plan's price per term from List Available Plans.
func (h *Host) price(ctx context.Context, sub, planID string) currency.Money {
	var plans struct {
		Plans []struct {
			PlanComponents struct {
				RecurrentBillingTerms []struct {
					Currency string      `json:"currency"`
					Price    json.Number `json:"price"`
				} `json:"recurrentBillingTerms"`
			} `json:"planComponents"`
		} `json:"plans"`
	}
	if h.do(ctx, "GET", "/saas/subscriptions/"+sub+"/listAvailablePlans", nil, &plans, "planId", planID) != nil || len(plans.Plans) == 0 ||
		len(plans.Plans[0].PlanComponents.RecurrentBillingTerms) == 0 {
		return currency.Money{}
	}
	t := plans.Plans[0].PlanComponents.RecurrentBillingTerms[0]
	code, err := currency.ParseCode(t.Currency)
	if err != nil {
		return currency.Money{}
	}
	m, _ := currency.ParseAmount(t.Price.String(), code)
	return m
}

// webhook verifies the call's token (FUL-10), confirms the operation with
// Get Operation, decides it (FUL-04…FUL-08), answers a customer's change
// by the host's rule (FUL-05) and answers 200.
func (h *Host) webhook(w http.ResponseWriter, r *http.Request) {
	now := h.Now()
	tc, err := h.Policy.VerifyToken(fulfillment.TokenRequest{Token: r.Header.Get("Authorization"), Audience: h.Audience,
		TenantID: h.TenantID, Keys: h.Keys, At: now})
	if err != nil || !tc.Allowed {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, int64(h.Policy.MaxBody)+1))
	var call fulfillment.Webhook
	if err == nil {
		err = h.Policy.Decode(body, &call)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var op fulfillment.Operation
	if err := h.do(r.Context(), "GET", "/saas/subscriptions/"+call.SubscriptionID+"/operations/"+call.ID, nil, &op); err != nil {
		http.Error(w, "operation not confirmed: "+err.Error(), http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	st, known := h.states[call.SubscriptionID]
	h.mu.Unlock()
	if !known {
		st = fulfillment.State{Subscription: call.Subscription}
	}
	d, err := h.Policy.Decide(fulfillment.Request{State: st, Webhook: call, At: now})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ans := Answer{OperationID: call.ID, Action: call.Action, Status: d.HTTPStatus, Reason: string(d.Reason)}
	next := d.State
	if d.Acknowledge {
		ans.Ack = d.Ack
		if d.Ack == fulfillment.Success && h.Rule != nil {
			ans.Ack = h.Rule(st, call)
		}
		if ans.Ack != "" {
			ack := fulfillment.Acknowledgement{PlanID: call.PlanID, Quantity: call.Quantity, Status: ans.Ack}
			if err := h.do(r.Context(), "PATCH", "/saas/subscriptions/"+call.SubscriptionID+"/operations/"+call.ID, ack, nil); err != nil {
				ans.Reason += "; PATCH: " + err.Error()
			}
		}
		switch ans.Ack {
		case fulfillment.Failure:
			next = st
		case fulfillment.Success:
			next.PendingOperationID, next.PendingUntil = "", time.Time{}
		}
	}
	h.mu.Lock()
	h.states[call.SubscriptionID] = next
	h.answers = append(h.answers, ans)
	if d.Allowed && call.Action == fulfillment.Unsubscribe {
		h.refunds = append(h.refunds, h.refund(st, call))
	}
	h.mu.Unlock()
	w.WriteHeader(d.HTTPStatus)
}

// refund decides whether an Unsubscribe is refunded (FUL-13, RFD-01):
// timed from the term's start and the operation's time stamp.
func (h *Host) refund(st fulfillment.State, call fulfillment.Webhook) refund.Decision {
	term := plan.OneMonth
	if st.Subscription.Term.Unit == fulfillment.P1Y {
		term = plan.OneYear
	}
	start := st.Subscription.Term.Start
	if start.IsZero() || call.TimeStamp.Before(start) {
		start = call.TimeStamp
	}
	d, err := refund.DefaultPolicy().Decide(refund.Request{Charge: refund.SaaS, Term: term, Start: start, At: call.TimeStamp,
		Paid: h.prices[call.SubscriptionID], Zone: time.UTC})
	if err != nil {
		return refund.Decision{Reason: rule.Reason("error: " + err.Error())}
	}
	return d
}

// Record records usage of a meter; the metering job sums it by hour
// (MTR-02) with package metering's Aggregator, one per plan.
func (h *Host) Record(sub, dimension string, quantity int64, at time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	planID := h.states[sub].Subscription.PlanID
	a := h.agg[planID]
	if a == nil {
		a = metering.DefaultPolicy().Aggregator(metering.AggregateRequest{PlanID: planID})
		h.agg[planID] = a
	}
	q, _ := metering.NewQuantity(quantity, 0)
	a.Add(metering.Record{ResourceID: sub, Dimension: dimension, Time: at, Quantity: q})
}

// RunMetering is the metering job's loop: SendUsage at every tick (a
// time.Ticker's channel of an hour in production) until ctx is done or
// ticks is closed. A failed run is retried at the next tick.
func (h *Host) RunMetering(ctx context.Context, ticks <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-ticks:
			if !ok {
				return
			}
			_ = h.SendUsage(ctx)
		}
	}
}

// SendUsage is the hourly metering job: each hour of usage that has
// ended, one event per subscription, dimension and hour, in batches of
// 25 (MTR-01). An event the marketplace answers for (accepted, duplicate,
// expired…) is not sent again; one whose call failed is kept for the next
// run.
func (h *Host) SendUsage(ctx context.Context) error {
	h.mu.Lock()
	hour := h.Now().UTC().Truncate(time.Hour)
	plans := make([]string, 0, len(h.agg))
	for p := range h.agg {
		plans = append(plans, p)
	}
	slices.Sort(plans)
	for _, p := range plans {
		h.unsent = append(h.unsent, h.agg[p].Flush(hour).Events...)
	}
	events := slices.Clone(h.unsent)
	h.mu.Unlock()
	pol := metering.DefaultPolicy()
	for len(events) > 0 {
		n := min(len(events), pol.MaxBatch)
		batch := events[:n]
		status, body, err := h.call(ctx, "POST", "/batchUsageEvent", metering.Batch{Request: batch})
		if err != nil {
			return err
		}
		reply, err := pol.DecodeReply(status, bytes.NewReader(body))
		if err != nil {
			return err
		}
		if status != http.StatusOK {
			return &apiError{Status: status}
		}
		h.mu.Lock()
		for i, e := range batch {
			var st metering.EventStatus
			if i < len(reply.Results) {
				st = reply.Results[i].Status
			}
			h.meter = append(h.meter, Metered{SubscriptionID: e.ResourceID, Dimension: e.Dimension, Hour: e.EffectiveStartTime,
				Quantity: e.Quantity, Status: st})
		}
		h.unsent = h.unsent[n:]
		h.mu.Unlock()
		events = events[n:]
	}
	return nil
}

// apiError is a refusal of the marketplace's API.
type apiError struct {
	Status int
	Body   fulfillment.ErrorBody
}

func (e *apiError) Error() string {
	return strconv.Itoa(e.Status) + " " + e.Body.Code + ": " + e.Body.Message
}

var errNoClient = errors.New("no API client")

// call calls the marketplace: body as JSON; extra is header or query
// pairs (x-ms-… names are headers). It returns the status and the body.
func (h *Host) call(ctx context.Context, method, path string, body any, extra ...string) (int, []byte, error) {
	if h.Client == nil {
		return 0, nil, errNoClient
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(b)
	}
	url := h.API + path + apiVersion
	for i := 0; i+1 < len(extra); i += 2 {
		if !strings.HasPrefix(extra[i], "x-ms-") {
			url += "&" + extra[i] + "=" + extra[i+1]
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(extra); i += 2 {
		if strings.HasPrefix(extra[i], "x-ms-") {
			req.Header.Set(extra[i], extra[i+1])
		}
	}
	resp, err := h.Client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, data, err
}

// do calls the marketplace's fulfillment API and reads the answer into
// out; a refusal is an *apiError.
func (h *Host) do(ctx context.Context, method, path string, body, out any, extra ...string) error {
	status, data, err := h.call(ctx, method, path, body, extra...)
	if err != nil {
		return err
	}
	if status >= 300 {
		e := &apiError{Status: status}
		_ = json.Unmarshal(data, &e.Body)
		return e
	}
	if out == nil || len(data) == 0 {
		return nil
	}
	if err := h.Policy.Decode(data, out); err == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

package fulfillment

import (
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/rule"
)

var allStatuses = []Status{NotStarted, PendingFulfillmentStart, Subscribed, Suspended, Unsubscribed}
var allActions = []Action{ChangePlan, ChangeQuantity, Renew, Suspend, Reinstate, Unsubscribe, "Transfer"}

func stateIn(st Status) State {
	s := subscribed()
	s.Subscription.Status = st
	if st == Suspended {
		s.SuspendedAt = at("2024-02-05T00:00:00Z")
	}
	if st == Unsubscribed {
		s.UnsubscribedAt = at("2024-02-05T00:00:00Z")
	}
	return s
}

// TestFUL04Matrix decides every action in every status: whether it
// applies, the status after it and the reason.
func TestFUL04_Matrix(t *testing.T) {
	type want struct {
		allowed bool
		to      Status
		reason  rule.Reason
	}
	no := func(st Status) want { return want{false, st, ReasonNotInStatus} }
	final := want{false, Unsubscribed, ReasonFinal}
	unknown := func(st Status) want { return want{false, st, ReasonUnknownAction} }
	gone := want{true, Unsubscribed, ReasonUnsubscribed}
	matrix := map[Status]map[Action]want{
		NotStarted: {ChangePlan: no(NotStarted), ChangeQuantity: no(NotStarted), Renew: no(NotStarted), Suspend: no(NotStarted),
			Reinstate: no(NotStarted), Unsubscribe: gone, "Transfer": unknown(NotStarted)},
		PendingFulfillmentStart: {ChangePlan: no(PendingFulfillmentStart), ChangeQuantity: no(PendingFulfillmentStart),
			Renew: no(PendingFulfillmentStart), Suspend: no(PendingFulfillmentStart), Reinstate: no(PendingFulfillmentStart),
			Unsubscribe: gone, "Transfer": unknown(PendingFulfillmentStart)},
		Subscribed: {ChangePlan: {true, Subscribed, ReasonChanged}, ChangeQuantity: {true, Subscribed, ReasonChanged},
			Renew: {true, Subscribed, ReasonRenewed}, Suspend: {true, Suspended, ReasonSuspended}, Reinstate: no(Subscribed),
			Unsubscribe: gone, "Transfer": unknown(Subscribed)},
		Suspended: {ChangePlan: no(Suspended), ChangeQuantity: no(Suspended), Renew: no(Suspended), Suspend: no(Suspended),
			Reinstate: {true, Subscribed, ReasonReinstated}, Unsubscribe: gone, "Transfer": unknown(Suspended)},
		Unsubscribed: {ChangePlan: final, ChangeQuantity: final, Renew: final, Suspend: final, Reinstate: final,
			Unsubscribe: final, "Transfer": final},
	}
	p := DefaultPolicy()
	n := 0
	for _, st := range allStatuses {
		for _, a := range allActions {
			w, ok := matrix[st][a]
			if !ok {
				t.Fatalf("matrix lacks %v × %v", st, a)
			}
			d, err := p.Decide(Request{State: stateIn(st), Webhook: hook("op", a, OperationSucceeded, "2024-02-10T00:00:00Z")})
			if err != nil {
				t.Fatalf("%v × %v: %v", st, a, err)
			}
			if d.Allowed != w.allowed || d.To != w.to || d.Reason != w.reason || d.HTTPStatus != 200 ||
				d.State.Subscription.Status != d.To {
				t.Errorf("%v × %v = %v (allowed %v, to %v), want %+v", st, a, d, d.Allowed, d.To, w)
			}
			if d.Explain(rule.English) == "" || d.Explain(rule.Swedish) == "" || d.String() == "" {
				t.Errorf("%v × %v: empty explanation", st, a)
			}
			n++
		}
	}
	if n != len(allStatuses)*len(allActions) {
		t.Errorf("decided %d pairs", n)
	}
}

func TestFUL01_Statuses(t *testing.T) {
	for _, st := range allStatuses {
		var back Status
		b, _ := st.MarshalText()
		if err := back.UnmarshalText(b); err != nil || back != st || !st.Valid() {
			t.Errorf("%v: %v", st, err)
		}
	}
	// A state without a valid status is invalid input.
	for _, st := range []Status{0, 6} {
		s := subscribed()
		s.Subscription.Status = st
		_, err := DefaultPolicy().Decide(Request{State: s, Webhook: hook("op", Renew, OperationSucceeded, "2024-02-10T00:00:00Z")})
		if !problemAt(err, "state.subscription.saasSubscriptionStatus", ErrMissing) && !problemAt(err, "state.subscription.saasSubscriptionStatus", ErrUnknownValue) {
			t.Errorf("status %d: %v", st, err)
		}
	}
}

func TestFUL02_LandingToken(t *testing.T) {
	p := DefaultPolicy()
	issued := at("2024-03-01T12:00:00Z")
	tests := []struct {
		name    string
		req     LandingRequest
		allowed bool
		reason  rule.Reason
		token   string
		status  int
	}{
		{"fresh, URL-decoded", LandingRequest{Token: "ab%2Bcd%3D%3D", Issued: issued, At: issued.Add(time.Hour)}, true, ReasonTokenValid, "ab+cd==", 200},
		{"last instant", LandingRequest{Token: "t", Issued: issued, At: issued.Add(24*time.Hour - 1)}, true, ReasonTokenValid, "t", 200},
		{"24 hours", LandingRequest{Token: "t", Issued: issued, At: issued.Add(24 * time.Hour)}, false, ReasonTokenExpired, "t", 400},
		{"issue unknown", LandingRequest{Token: "t", At: issued}, true, ReasonTokenValid, "t", 200},
		{"already decoded: + kept", LandingRequest{Token: "ab+cd==", At: issued}, true, ReasonTokenValid, "ab+cd==", 200},
	}
	for _, tt := range tests {
		c, err := p.Land(tt.req)
		if err != nil || c.Allowed != tt.allowed || c.Reason != tt.reason || c.Token != tt.token || c.HTTPStatus != tt.status || c.Rule != ful02 {
			t.Errorf("%s: %v %v %q", tt.name, c, err, c.Token)
		}
	}
	if _, err := p.Land(LandingRequest{At: issued}); !problemAt(err, "token", ErrMissing) {
		t.Errorf("missing token: %v", err)
	}
	if _, err := p.Land(LandingRequest{Token: "%zz", At: issued}); !problemAt(err, "token", ErrInvalidValue) {
		t.Errorf("bad escape: %v", err)
	}
	if _, err := p.Land(LandingRequest{Token: "t"}); !problemAt(err, "at", ErrMissing) {
		t.Errorf("no instant: %v", err)
	}
	if _, err := (Policy{}).Land(LandingRequest{Token: "t", At: issued}); !problemAt(err, "policy.tokenValidity", ErrPolicy) {
		t.Errorf("zero policy: %v", err)
	}
}

func TestFUL03_Activate(t *testing.T) {
	p := DefaultPolicy()
	pending := subscribed().Subscription
	pending.Status = PendingFulfillmentStart
	in := func(st Status) Subscription { s := pending; s.Status = st; return s }
	tests := []struct {
		name   string
		req    ActivateRequest
		ok     bool
		reason rule.Reason
		status int
	}{
		{"pending, purchased plan", ActivateRequest{Subscription: pending, PlanID: "silver", Quantity: 5}, true, ReasonActivate, 200},
		{"other plan", ActivateRequest{Subscription: pending, PlanID: "gold", Quantity: 5}, false, ReasonNotPurchased, 400},
		{"other quantity", ActivateRequest{Subscription: pending, PlanID: "silver", Quantity: 6}, false, ReasonNotPurchased, 400},
		{"subscribed", ActivateRequest{Subscription: in(Subscribed), PlanID: "silver", Quantity: 5}, false, ReasonAlreadyActive, 400},
		{"suspended", ActivateRequest{Subscription: in(Suspended), PlanID: "silver", Quantity: 5}, false, ReasonAlreadyActive, 400},
		{"unsubscribed", ActivateRequest{Subscription: in(Unsubscribed), PlanID: "silver", Quantity: 5}, false, ReasonNotFound, 404},
		{"not started", ActivateRequest{Subscription: in(NotStarted), PlanID: "silver", Quantity: 5}, false, ReasonNotReady, 400},
	}
	for _, tt := range tests {
		c, err := p.Activate(tt.req)
		if err != nil || c.Allowed != tt.ok || c.Reason != tt.reason || c.HTTPStatus != tt.status || c.Rule != ful03 {
			t.Errorf("%s: %v %v", tt.name, c, err)
		}
		if c.Explain(rule.English) == "" || c.Explain(rule.Swedish) == "" {
			t.Errorf("%s: no explanation", tt.name)
		}
	}
	_, err := p.Activate(ActivateRequest{Quantity: -1})
	for _, path := range []string{"subscription.id", "subscription.saasSubscriptionStatus", "planId"} {
		if !problemAt(err, path, ErrMissing) {
			t.Errorf("no problem at %s: %v", path, err)
		}
	}
	if !problemAt(err, "quantity", ErrInvalidValue) {
		t.Errorf("negative quantity: %v", err)
	}
}

func TestFUL05_CustomerChange(t *testing.T) {
	p := DefaultPolicy()
	s := subscribed()
	w := hook("op1", ChangePlan, OperationInProgress, "2024-02-10T00:00:00Z")
	w.PlanID, w.Quantity = "gold", 5
	d, err := p.Decide(Request{State: s, Webhook: w, At: at("2024-02-10T00:00:03Z")})
	if err != nil || !d.Acknowledge || d.Ack != Success || !d.AckBy.Equal(at("2024-02-10T00:00:10Z")) ||
		d.Reason != ReasonAwaitsAnswer || d.Rule != ful05 || d.State.Subscription.PlanID != "gold" ||
		d.State.PendingOperationID != "op1" {
		t.Errorf("in time: %v %v", d, err)
	}
	// After the deadline the change stands: accepted without an answer.
	d, _ = p.Decide(Request{State: s, Webhook: w, At: at("2024-02-10T00:00:11Z")})
	if d.Acknowledge || d.Reason != ReasonDeadlinePassed || !d.Allowed || d.State.Subscription.PlanID != "gold" {
		t.Errorf("late: %v", d)
	}
	// A partner-initiated change cannot be acknowledged.
	w.Source = FromPartner
	d, _ = p.Decide(Request{State: s, Webhook: w})
	if d.Acknowledge || d.Reason != ReasonChanged {
		t.Errorf("partner: %v", d)
	}
	// A customer's change to a suspended subscription is rejected in time.
	w.Source = FromAzure
	d, _ = p.Decide(Request{State: stateIn(Suspended), Webhook: w, At: w.TimeStamp})
	if d.Allowed || !d.Acknowledge || d.Ack != Failure {
		t.Errorf("suspended: %v", d)
	}
	// A failed operation changes nothing.
	w.Status = OperationFailed
	d, _ = p.Decide(Request{State: s, Webhook: w})
	if d.Allowed || d.Reason != ReasonFailed || d.State.Subscription.PlanID != "silver" {
		t.Errorf("failed: %v", d)
	}
	// The policy variant that acknowledges Reinstate.
	p.AcknowledgeReinstate = true
	r := hook("op2", Reinstate, OperationInProgress, "2024-02-10T00:00:00Z")
	d, _ = p.Decide(Request{State: stateIn(Suspended), Webhook: r})
	if !d.Acknowledge || d.Ack != Success || d.To != Subscribed {
		t.Errorf("reinstate with ack: %v", d)
	}
}

func TestFUL06_Informational(t *testing.T) {
	p := DefaultPolicy()
	for _, a := range []Action{Renew, Suspend, Unsubscribe} {
		d, err := p.Decide(Request{State: subscribed(), Webhook: hook("op", a, OperationSucceeded, "2024-02-10T00:00:00Z")})
		if err != nil || !d.Allowed || d.Acknowledge || d.HTTPStatus != 200 {
			t.Errorf("%v: %v %v", a, d, err)
		}
	}
}

// TestFUL06RenewFromAnchor: renewals count from the anchor with month-end
// clamping and never drift: Jan 31 → Feb 29 → Mar 31 → Apr 30 → May 31.
func TestFUL06_RenewFromAnchor(t *testing.T) {
	p := DefaultPolicy()
	s := subscribed()
	want := []string{"2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30"}
	stamp := at("2024-02-28T00:00:00Z")
	for i, w := range want {
		d, err := p.Decide(Request{State: s, Webhook: hook("renew"+itoa(i), Renew, OperationSucceeded, stamp.Format(time.RFC3339))})
		if err != nil {
			t.Fatal(err)
		}
		s = d.State
		if got := s.Subscription.Term.Start.Format(time.DateOnly); got != w {
			t.Errorf("renewal %d starts %s, want %s", i+1, got, w)
		}
		if !s.Anchor.Equal(at("2024-01-31T00:00:00Z")) {
			t.Errorf("anchor moved: %v", s.Anchor)
		}
		stamp = s.Subscription.Term.End.Add(-time.Hour)
	}
	if got := s.Subscription.Term.End.Format(time.DateOnly); got != "2024-07-31" {
		t.Errorf("last term ends %s", got)
	}
	// A yearly term from Feb 29 renews to Feb 28, then back to Feb 29 in a leap year.
	y := subscribed()
	y.Subscription.Term = Term{Unit: P1Y, Start: at("2024-02-29T00:00:00Z"), End: at("2025-02-28T00:00:00Z")}
	for _, w := range []string{"2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"} {
		d, _ := p.Decide(Request{State: y, Webhook: hook("y"+w, Renew, OperationSucceeded, w+"T00:00:00Z")})
		y = d.State
		if got := y.Subscription.Term.Start.Format(time.DateOnly); got != w {
			t.Errorf("yearly renewal starts %s, want %s", got, w)
		}
	}
	// An unknown unit keeps the term.
	u := subscribed()
	u.Subscription.Term.Unit = "P7D"
	d, _ := p.Decide(Request{State: u, Webhook: hook("u", Renew, OperationSucceeded, "2024-02-28T00:00:00Z")})
	if d.State.Subscription.Term != u.Subscription.Term {
		t.Errorf("unknown unit: %+v", d.State.Subscription.Term)
	}
}

func TestFUL07_Suspension(t *testing.T) {
	p := DefaultPolicy()
	d, _ := p.Decide(Request{State: subscribed(), Webhook: hook("s", Suspend, OperationSucceeded, "2024-02-10T08:00:00Z")})
	if d.To != Suspended || d.Service != ServiceBlocked || !d.CancelAt.Equal(at("2024-03-11T08:00:00Z")) || d.Rule != ful07 {
		t.Errorf("suspend: %v cancel %v", d, d.CancelAt)
	}
	d2, _ := p.Decide(Request{State: d.State, Webhook: hook("r", Reinstate, OperationInProgress, "2024-02-20T08:00:00Z")})
	if d2.To != Subscribed || d2.Service != ServiceFull || !d2.CancelAt.IsZero() || d2.Acknowledge || !d2.State.SuspendedAt.IsZero() {
		t.Errorf("reinstate: %v", d2)
	}
	// A call the suspended status does not take still reports the cancellation date.
	d3, _ := p.Decide(Request{State: d.State, Webhook: hook("x", Renew, OperationSucceeded, "2024-02-21T08:00:00Z")})
	if !d3.CancelAt.Equal(d.CancelAt) {
		t.Errorf("cancel date lost: %v", d3.CancelAt)
	}
}

func TestFUL08_Unsubscribe(t *testing.T) {
	p := DefaultPolicy()
	d, _ := p.Decide(Request{State: stateIn(Suspended), Webhook: hook("u", Unsubscribe, OperationSucceeded, "2024-02-10T08:00:00Z")})
	if d.To != Unsubscribed || d.Service != ServiceEnded || !d.KeepDataUntil.Equal(at("2024-02-17T08:00:00Z")) || !d.CancelAt.IsZero() || d.Rule != ful08 {
		t.Errorf("unsubscribe: %v", d)
	}
	// Final: nothing reactivates it.
	d2, _ := p.Decide(Request{State: d.State, Webhook: hook("r", Reinstate, OperationSucceeded, "2024-02-11T08:00:00Z")})
	if d2.Allowed || d2.To != Unsubscribed || d2.Reason != ReasonFinal || !d2.KeepDataUntil.Equal(d.KeepDataUntil) {
		t.Errorf("after unsubscribe: %v", d2)
	}
}

func TestFUL09_Change(t *testing.T) {
	p := DefaultPolicy()
	s := subscribed()
	locked := s
	locked.PendingOperationID, locked.PendingUntil = "op", at("2024-02-10T00:00:10Z")
	tests := []struct {
		name   string
		req    ChangeRequest
		ok     bool
		reason rule.Reason
		status int
		call   string
	}{
		{"plan", ChangeRequest{State: s, PlanID: "gold"}, true, ReasonChange, 202, "ChangePlan"},
		{"quantity", ChangeRequest{State: s, Quantity: 8, MinQuantity: 1, MaxQuantity: 10}, true, ReasonChange, 202, "ChangeQuantity"},
		{"both", ChangeRequest{State: s, PlanID: "gold", Quantity: 8}, false, ReasonPlanAndQuantity, 400, "ChangePlan"},
		{"neither", ChangeRequest{State: s}, false, ReasonNothingToChange, 400, "ChangeQuantity"},
		{"same plan", ChangeRequest{State: s, PlanID: "silver"}, false, ReasonSamePlan, 400, "ChangePlan"},
		{"over max", ChangeRequest{State: s, Quantity: 11, MaxQuantity: 10}, false, ReasonQuantityLimit, 400, "ChangeQuantity"},
		{"under min", ChangeRequest{State: s, Quantity: 2, MinQuantity: 3}, false, ReasonQuantityLimit, 400, "ChangeQuantity"},
		{"in progress", ChangeRequest{State: s, PlanID: "gold", InProgress: true}, false, ReasonLocked, 400, "ChangePlan"},
		{"customer change pending", ChangeRequest{State: locked, PlanID: "gold", At: at("2024-02-10T00:00:05Z")}, false, ReasonLocked, 400, "ChangePlan"},
		{"pending answered", ChangeRequest{State: locked, PlanID: "gold", At: at("2024-02-10T00:00:10Z")}, true, ReasonChange, 202, "ChangePlan"},
		{"suspended", ChangeRequest{State: stateIn(Suspended), PlanID: "gold"}, false, ReasonNotSubscribed, 400, "ChangePlan"},
		{"unsubscribed", ChangeRequest{State: stateIn(Unsubscribed), PlanID: "gold"}, false, ReasonNotFound, 404, "ChangePlan"},
	}
	for _, tt := range tests {
		c, err := p.Change(tt.req)
		if err != nil || c.Allowed != tt.ok || c.Reason != tt.reason || c.HTTPStatus != tt.status || c.Call != tt.call || c.Rule != ful09 {
			t.Errorf("%s: %v %v", tt.name, c, err)
		}
		if c.Explain(rule.English) == "" || c.Explain(rule.Swedish) == "" {
			t.Errorf("%s: no explanation", tt.name)
		}
	}
	if _, err := p.Change(ChangeRequest{Quantity: -2}); !problemAt(err, "state.subscription.id", ErrMissing) || !problemAt(err, "quantity", ErrInvalidValue) {
		t.Errorf("invalid: %v", err)
	}
}

func TestFUL09_Cancel(t *testing.T) {
	p := DefaultPolicy()
	csp := subscribed().Subscription
	csp.SandboxType, csp.AllowedCustomerOperations = SandboxCsp, []CustomerOperation{CustomerRead}
	tests := []struct {
		name   string
		sub    Subscription
		ok     bool
		reason rule.Reason
		status int
	}{
		{"delete allowed", subscribed().Subscription, true, ReasonCancel, 202},
		{"CSP: read only", csp, false, ReasonDeleteNotAllowed, 400},
		{"ended", stateIn(Unsubscribed).Subscription, false, ReasonNotFound, 404},
	}
	for _, tt := range tests {
		c, err := p.Cancel(CancelRequest{Subscription: tt.sub})
		if err != nil || c.Allowed != tt.ok || c.Reason != tt.reason || c.HTTPStatus != tt.status {
			t.Errorf("%s: %v %v", tt.name, c, err)
		}
	}
	if _, err := p.Cancel(CancelRequest{}); !problemAt(err, "subscription.id", ErrMissing) {
		t.Errorf("invalid: %v", err)
	}
	var nilSub *Subscription
	if nilSub.Allows(CustomerRead) || nilSub.IsTestPurchase() {
		t.Error("nil subscription")
	}
}

func TestFUL10_Repeats(t *testing.T) {
	p := DefaultPolicy()
	s := subscribed()
	w := hook("op1", Suspend, OperationSucceeded, "2024-02-10T00:00:00Z")
	d, _ := p.Decide(Request{State: s, Webhook: w})
	// Microsoft retries the same call: recognised, not applied twice.
	d2, _ := p.Decide(Request{State: d.State, Webhook: w})
	if d2.Allowed || d2.Reason != ReasonRepeated || d2.State.SuspendedAt != d.State.SuspendedAt || d2.HTTPStatus != 200 {
		t.Errorf("retry: %v", d2)
	}
	// An older operation arriving late is not applied.
	old := hook("op0", Unsubscribe, OperationSucceeded, "2024-02-09T00:00:00Z")
	d3, _ := p.Decide(Request{State: d.State, Webhook: old})
	if d3.Allowed || d3.Reason != ReasonOutOfOrder || d3.To != Suspended {
		t.Errorf("out of order: %v", d3)
	}
}

func TestFUL11_Term(t *testing.T) {
	for u, m := range map[TermUnit]int{P1M: 1, P1Y: 12, P2Y: 24, P3Y: 36, P4Y: 48, P5Y: 60, "P9Y": 0, "": 0} {
		if u.Months() != m {
			t.Errorf("%s: %d months", u, u.Months())
		}
	}
	s := Subscription{IsTest: true}
	if !s.IsTestPurchase() {
		t.Error("isTest")
	}
}

func TestDecideProblems(t *testing.T) {
	p := DefaultPolicy()
	s := subscribed()
	tests := []struct {
		name     string
		w        Webhook
		path     string
		sentinel error
	}{
		{"no id", Webhook{Operation: Operation{SubscriptionID: "sub-1", Action: Renew, TimeStamp: at("2024-02-10T00:00:00Z")}}, "webhook.id", ErrMissing},
		{"no subscription", Webhook{Operation: Operation{ID: "o", Action: Renew, TimeStamp: at("2024-02-10T00:00:00Z")}}, "webhook.subscriptionId", ErrMissing},
		{"no action", Webhook{Operation: Operation{ID: "o", SubscriptionID: "sub-1", TimeStamp: at("2024-02-10T00:00:00Z")}}, "webhook.action", ErrMissing},
		{"no time stamp", Webhook{Operation: Operation{ID: "o", SubscriptionID: "sub-1", Action: Renew}}, "webhook.timeStamp", ErrMissing},
		{"other subscription", Webhook{Operation: Operation{ID: "o", SubscriptionID: "sub-2", Action: Renew, TimeStamp: at("2024-02-10T00:00:00Z")}}, "webhook.subscriptionId", ErrOtherSubscription},
		{"before creation", Webhook{Operation: Operation{ID: "o", SubscriptionID: "sub-1", Action: Renew, TimeStamp: at("2023-02-10T00:00:00Z")}}, "webhook.timeStamp", ErrBeforeCreated},
	}
	for _, tt := range tests {
		if _, err := p.Decide(Request{State: s, Webhook: tt.w}); !problemAt(err, tt.path, tt.sentinel) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	if _, err := (Policy{}).Decide(Request{State: s, Webhook: hook("o", Renew, "", "2024-02-10T00:00:00Z")}); !problemAt(err, "policy.ackWithin", ErrPolicy) {
		t.Errorf("zero policy: %v", err)
	}
	if err := DefaultPolicy().Validate(); err != nil {
		t.Errorf("default policy: %v", err)
	}
}

func TestReplay(t *testing.T) {
	p := DefaultPolicy()
	hooks := []Webhook{
		hook("1", ChangeQuantity, OperationSucceeded, "2024-02-01T00:00:00Z"),
		hook("2", Suspend, OperationSucceeded, "2024-02-02T00:00:00Z"),
		hook("2", Suspend, OperationSucceeded, "2024-02-02T00:00:00Z"),
		hook("3", Reinstate, OperationSucceeded, "2024-02-03T00:00:00Z"),
		hook("0", Unsubscribe, OperationSucceeded, "2024-01-31T12:00:00Z"),
		{Operation: Operation{ID: "bad", SubscriptionID: "sub-1"}},
	}
	hooks[0].Quantity = 9
	s, err := p.Replay(subscribed(), hooks)
	if !problemAt(err, "[5].action", ErrMissing) || !problemAt(err, "[5].timeStamp", ErrMissing) {
		t.Errorf("problems: %v", err)
	}
	if s.Subscription.Status != Subscribed || s.Subscription.Quantity != 9 || s.LastOperationID != "3" {
		t.Errorf("state: %+v", s)
	}
	again, _ := p.Replay(s, hooks)
	if again.LastOperationID != s.LastOperationID || again.Subscription.Status != s.Subscription.Status {
		t.Errorf("replaying twice changed the state")
	}
	if _, err := (Policy{}).Replay(s, hooks); err == nil {
		t.Error("zero policy")
	}
	bad := subscribed()
	bad.Subscription.Status = 0
	if _, err := p.Replay(bad, hooks[:1]); !problemAt(err, "[0].state.subscription.saasSubscriptionStatus", ErrMissing) {
		t.Errorf("bad state: %v", err)
	}
}

func TestFUL05_Acknowledge(t *testing.T) {
	p := DefaultPolicy()
	s := subscribed()
	w := hook("op1", ChangePlan, OperationInProgress, "2024-02-10T00:00:00Z")
	w.PlanID = "gold"
	d, _ := p.Decide(Request{State: s, Webhook: w})
	ok := Acknowledgement{PlanID: "gold", Quantity: 5, Status: Failure}
	tests := []struct {
		name   string
		req    AckRequest
		allow  bool
		reason rule.Reason
		status int
	}{
		{"in time", AckRequest{State: d.State, OperationID: "op1", Source: FromAzure, Body: ok, At: at("2024-02-10T00:00:09Z")}, true, ReasonAcknowledged, 200},
		{"too late", AckRequest{State: d.State, OperationID: "op1", Body: ok, At: at("2024-02-10T00:00:11Z")}, false, ReasonAckTooLate, 409},
		{"another operation", AckRequest{State: d.State, OperationID: "op0", Body: ok, At: at("2024-02-10T00:00:01Z")}, false, ReasonAckConflict, 409},
		{"partner", AckRequest{State: d.State, OperationID: "op1", Source: FromPartner, Body: ok, At: at("2024-02-10T00:00:01Z")}, false, ReasonNotAcknowledged, 400},
	}
	for _, tt := range tests {
		c, err := p.Acknowledge(tt.req)
		if err != nil || c.Allowed != tt.allow || c.Reason != tt.reason || c.HTTPStatus != tt.status || c.Rule != ful05 {
			t.Errorf("%s: %v %v", tt.name, c, err)
		}
		if c.Explain(rule.English) == "" || c.Explain(rule.Swedish) == "" {
			t.Errorf("%s: explanation", tt.name)
		}
	}
	_, err := p.Acknowledge(AckRequest{Body: Acknowledgement{Status: "Maybe"}})
	if !problemAt(err, "operationId", ErrMissing) || !problemAt(err, "body.status", ErrUnknownValue) || !problemAt(err, "at", ErrMissing) {
		t.Errorf("invalid: %v", err)
	}
}

func TestFUL05_AcknowledgeReinstate(t *testing.T) {
	// FUL-05 with Policy.AcknowledgeReinstate: the Reinstate that asks for
	// a PATCH records it as awaiting an answer, so Acknowledge takes the
	// PATCH asked for (200) until its deadline, and 409 after it.
	p := DefaultPolicy()
	p.AcknowledgeReinstate = true
	r := hook("op2", Reinstate, OperationInProgress, "2024-02-10T00:00:00Z")
	d, err := p.Decide(Request{State: stateIn(Suspended), Webhook: r, At: at("2024-02-10T00:00:02Z")})
	if err != nil || !d.Acknowledge || d.Ack != Success || d.State.PendingOperationID != "op2" || !d.State.PendingUntil.Equal(d.AckBy) {
		t.Fatalf("decide: %v %+v %v", d, d.State, err)
	}
	for _, st := range []AckStatus{Success, Failure} {
		c, err := p.Acknowledge(AckRequest{State: d.State, OperationID: "op2", Source: FromAzure, Body: Acknowledgement{Status: st}, At: at("2024-02-10T00:00:05Z")})
		if err != nil || !c.Allowed || c.HTTPStatus != 200 || c.Reason != ReasonAcknowledged {
			t.Errorf("PATCH %s in time: %v %v", st, c, err)
		}
	}
	c, _ := p.Acknowledge(AckRequest{State: d.State, OperationID: "op2", Body: Acknowledgement{Status: Success}, At: at("2024-02-10T00:00:11Z")})
	if c.Allowed || c.HTTPStatus != 409 || c.Reason != ReasonAckTooLate {
		t.Errorf("PATCH late: %v", c)
	}
	// Decided after the deadline: nothing is awaited.
	d, _ = p.Decide(Request{State: stateIn(Suspended), Webhook: r, At: at("2024-02-10T00:00:11Z")})
	if d.Acknowledge || d.State.PendingOperationID != "" || !d.Allowed {
		t.Errorf("late reinstate: %v %+v", d, d.State)
	}
	// Without the variant a Reinstate awaits nothing.
	d, _ = DefaultPolicy().Decide(Request{State: stateIn(Suspended), Webhook: r})
	if d.Acknowledge || d.State.PendingOperationID != "" {
		t.Errorf("default policy: %v", d)
	}
}

func TestFUL11_RenewConvertsFreeTrial(t *testing.T) {
	// FUL-11, TRL-04, TRL-11: the Renew at the end of a free trial converts
	// it: isFreeTrial is false after it, and the explanation says so; a
	// later Renew converts nothing.
	p := DefaultPolicy()
	s := subscribed()
	s.Subscription.IsFreeTrial = true
	d, err := p.Decide(Request{State: s, Webhook: hook("renew", Renew, OperationSucceeded, "2024-02-29T00:00:00Z")})
	if err != nil || !d.Allowed || d.State.Subscription.IsFreeTrial || !d.TrialConverted || d.Reason != ReasonRenewed {
		t.Fatalf("trial renew: %v %+v %v", d, d.State.Subscription, err)
	}
	if e := d.Explain(rule.English); !strings.Contains(e, "The free trial converted to a paid subscription; isFreeTrial is now false (TRL-04, FUL-11).") {
		t.Errorf("explain: %s", e)
	}
	if e := d.Explain(rule.Swedish); !strings.Contains(e, "provperioden övergick") {
		t.Errorf("explain sv: %s", e)
	}
	d2, _ := p.Decide(Request{State: d.State, Webhook: hook("renew2", Renew, OperationSucceeded, "2024-03-31T00:00:00Z")})
	if d2.TrialConverted || d2.State.Subscription.IsFreeTrial {
		t.Errorf("second renew: %v", d2)
	}
	// Other operations leave a trial as it is.
	d3, _ := p.Decide(Request{State: s, Webhook: hook("s", Suspend, OperationSucceeded, "2024-02-10T00:00:00Z")})
	if !d3.State.Subscription.IsFreeTrial || d3.TrialConverted {
		t.Errorf("suspend of a trial: %v", d3)
	}
}

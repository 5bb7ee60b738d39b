package fulfillment

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

func decided(t *testing.T, s State, w Webhook) Decision {
	t.Helper()
	d, err := DefaultPolicy().Decide(Request{State: s, Webhook: w})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFUL13UnsubscribeRefund: the refund of an Unsubscribe is decided from
// the term's start and the operation's time stamp.
func TestFUL13_UnsubscribeRefund(t *testing.T) {
	p := DefaultPolicy()
	s := subscribed()
	paid := currency.MustParse("100.00 USD")
	tests := []struct {
		name     string
		stamp    string
		refunded bool
	}{
		{"within the window", "2024-02-01T12:00:00Z", true},
		{"after the window", "2024-02-20T00:00:00Z", false},
	}
	for _, tt := range tests {
		d := decided(t, s, hook("u", Unsubscribe, OperationSucceeded, tt.stamp))
		m, err := p.Money(MoneyRequest{Before: s, Decision: d, Paid: paid})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if m.Rule != ful13 || m.Reason != ReasonRefundDecided || m.Refund == nil || m.Refund.Allowed != tt.refunded {
			t.Errorf("%s: %v %+v", tt.name, m, m.Refund)
		}
		if m.Explain(rule.English) == "" || m.Explain(rule.Swedish) == "" || m.String() == "" {
			t.Errorf("%s: explanation", tt.name)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back Money
		if err := json.Unmarshal(b, &back); err != nil || back.Refund == nil || back.Refund.Allowed != tt.refunded || back.Reason != m.Reason {
			t.Errorf("%s: round trip %v %+v", tt.name, err, back)
		}
	}
}

func TestMoneyChangeAndRenewal(t *testing.T) {
	p := DefaultPolicy()
	silver := marketrulestest.PerUserPlan(t, "silver", "10.00 USD")
	gold := marketrulestest.PerUserPlan(t, "gold", "20.00 USD")
	s := subscribed()
	s.Subscription.Term = Term{Unit: P1M, Start: at("2024-02-01T00:00:00Z"), End: at("2024-03-01T00:00:00Z")}
	s.Subscription.Created = at("2024-02-01T00:00:00Z")

	w := hook("c", ChangePlan, OperationInProgress, "2024-02-15T00:00:00Z")
	w.PlanID = "gold"
	m, err := p.Money(MoneyRequest{Before: s, Decision: decided(t, s, w), Plan: &silver, NewPlan: &gold, Market: market.US})
	if err != nil || m.Reason != ReasonProrated || m.Prorate == nil || m.Prorate.Net.Sign() <= 0 {
		t.Fatalf("plan change: %v %v %+v", m, err, m.Prorate)
	}
	q := hook("q", ChangeQuantity, OperationSucceeded, "2024-02-15T00:00:00Z")
	q.Quantity = 8
	m, err = p.Money(MoneyRequest{Before: s, Decision: decided(t, s, q), Plan: &silver, Market: market.US})
	if err != nil || m.Prorate == nil || m.Prorate.ToQuantity != 8 {
		t.Fatalf("quantity change: %v %v", m, err)
	}
	r := hook("r", Renew, OperationSucceeded, "2024-03-01T00:00:00Z")
	m, err = p.Money(MoneyRequest{Before: s, Decision: decided(t, s, r), Plan: &silver, Market: market.US})
	if err != nil || m.Reason != ReasonRenewalCharge || m.Renewal == nil || m.Renewal.Price.String() != "50.00 USD" {
		t.Fatalf("renewal: %v %v %+v", m, err, m.Renewal)
	}
	if !strings.Contains(m.Explain(rule.English), "50") {
		t.Errorf("renewal explanation: %s", m.Explain(rule.English))
	}
	// Missing plans are problems.
	if _, err := p.Money(MoneyRequest{Before: s, Decision: decided(t, s, w)}); !problemAt(err, "plan", ErrMissing) {
		t.Errorf("no plan: %v", err)
	}
	if _, err := p.Money(MoneyRequest{Before: s, Decision: decided(t, s, w), Plan: &silver}); !problemAt(err, "newPlan", ErrMissing) {
		t.Errorf("no new plan: %v", err)
	}
	if _, err := p.Money(MoneyRequest{Before: s, Decision: decided(t, s, r)}); !problemAt(err, "plan", ErrMissing) {
		t.Errorf("renewal without plan: %v", err)
	}
	bad := s
	bad.Subscription.Term.Unit = "P9D"
	if _, err := p.Money(MoneyRequest{Before: bad, Decision: decided(t, bad, r)}); !problemAt(err, "before.subscription.term.termUnit", ErrInvalidValue) {
		t.Errorf("unknown unit: %v", err)
	}
}

func TestMoneyTrialAndCSP(t *testing.T) {
	p := DefaultPolicy()
	s := subscribed()
	s.Subscription.IsFreeTrial = true
	for a, want := range map[Action]trial.EventType{ChangePlan: trial.Switch, Renew: trial.Tick, Unsubscribe: trial.Cancel} {
		m, err := p.Money(MoneyRequest{Before: s, Decision: decided(t, s, hook("t", a, OperationSucceeded, "2024-02-10T00:00:00Z"))})
		if err != nil || m.Trial != want || m.Reason != ReasonFreeTrial || !strings.Contains(m.Explain(rule.English), "free trial") {
			t.Errorf("%v: %v %v", a, m, err)
		}
	}
	m, _ := p.Money(MoneyRequest{Before: s, Decision: decided(t, s, hook("t", Suspend, OperationSucceeded, "2024-02-10T00:00:00Z"))})
	if m.Reason != ReasonNoMoney {
		t.Errorf("suspend in trial: %v", m)
	}
	csp := subscribed()
	csp.Subscription.SandboxType = SandboxCsp
	d := decided(t, csp, hook("x", Reinstate, OperationSucceeded, "2024-02-10T00:00:00Z")) // not applied
	m, err := p.Money(MoneyRequest{Before: csp, Decision: d})
	if err != nil || m.CSP == nil || m.Reason != ReasonNoMoney || !strings.Contains(m.Explain(rule.English), "CSP") && m.Explain(rule.English) == "" {
		t.Errorf("csp: %v %v", m, err)
	}
	// A CSP purchase's Unsubscribe is decided with the CSP windows.
	u := decided(t, csp, hook("u", Unsubscribe, OperationSucceeded, "2024-02-01T12:00:00Z"))
	m, err = p.Money(MoneyRequest{Before: csp, Decision: u, Paid: currency.MustParse("100.00 USD")})
	if err != nil || m.Refund == nil || m.Refund.Charge != refund.CSPSaaS {
		t.Errorf("csp refund: %v %v", m, err)
	}
	_ = time.Second
}

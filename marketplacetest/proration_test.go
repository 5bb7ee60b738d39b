package marketplacetest_test

import (
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/marketplacetest"
	"github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// prorationPlans are two per-user monthly plans, 10.00 and 20.00 USD a
// seat, and a flat rate of 30.00 USD.
func prorationPlans() []marketplacetest.Plan {
	return []marketplacetest.Plan{
		{ID: "silver", PerUser: true, MinQuantity: 1, MaxQuantity: 50, Term: fulfillment.P1M, Price: currency.MustFromMinor(1000, currency.USD)},
		{ID: "gold", PerUser: true, MinQuantity: 1, MaxQuantity: 50, Term: fulfillment.P1M, Price: currency.MustFromMinor(2000, currency.USD)},
		{ID: "flat", Term: fulfillment.P1M, Price: currency.MustFromMinor(3000, currency.USD)},
	}
}

// prorationLines returns the charges of a subscription that bill a
// change.
func prorationLines(srv *marketplacetest.Server, id string) []marketplacetest.Charge {
	var out []marketplacetest.Charge
	for _, c := range srv.Charges(id) {
		if c.Proration != nil {
			out = append(out, c)
		}
	}
	return out
}

// wantMoney is what package fulfillment's money side computes for the
// change op of a subscription that stood as before: the proration the
// emulator must bill.
func wantMoney(t *testing.T, before fulfillment.State, op fulfillment.Operation, from, to plan.Plan) fulfillment.Money {
	t.Helper()
	p := fulfillment.DefaultPolicy()
	w := fulfillment.Webhook{Operation: op, Source: fulfillment.FromAzure}
	w.Status = fulfillment.OperationSucceeded
	d, err := p.Decide(fulfillment.Request{State: before, Webhook: w})
	if err != nil || !d.Allowed {
		t.Fatalf("decide %s: %v %v", op.Action, d, err)
	}
	m, err := p.Money(fulfillment.MoneyRequest{Before: before, Decision: d, Plan: &from, NewPlan: &to, Market: market.US})
	if err != nil || m.Prorate == nil {
		t.Fatalf("money of %s: %v %v", op.Action, m, err)
	}
	return m
}

// PRC-06: a seat change within a term is billed as package fulfillment's
// money side prorates it: the rest of the month at the new seats less
// the credit for it at the old; the next term is billed at the new seats.
func TestPRC06_ChargesProrateSeatChange(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{Start: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Plans: prorationPlans()})
	id := bought(t, srv, marketplacetest.Order{PlanID: "silver", Quantity: 5})
	srv.Advance(10 * 24 * time.Hour) // 2024-03-11: 21 of March's 31 days remain
	before, _ := srv.Subscription(id)
	op, err := srv.ChangeQuantity(id, 8)
	if err != nil {
		t.Fatal(err)
	}
	srv.Advance(10 * time.Second) // unanswered: accepted (FUL-05)
	lines := prorationLines(srv, id)
	if len(lines) != 1 {
		t.Fatalf("proration lines: %+v", srv.Charges(id))
	}
	c := lines[0]
	silver := marketrulestest.PerUserPlan(t, "silver", "10.00 USD")
	want := wantMoney(t, before, op, silver, silver)
	if c.Proration.Rule != rule.PRC06 || c.Amount != want.Prorate.Net || c.Proration.Net != want.Prorate.Net {
		t.Errorf("line %+v (rule %s), want the money side's net %v", c, c.Proration.Rule, want.Prorate.Net)
	}
	// 8 × 10.00 × 21/31 − 5 × 10.00 × 21/31 = 54.19 − 33.87.
	if c.Amount.String() != "20.32 USD" || c.Quantity != "8" || c.PlanID != "silver" ||
		!c.TermStart.Equal(time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC)) || !c.TermEnd.Equal(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("line %s %s – %s, %s seats of %s", c.Amount, c.TermStart, c.TermEnd, c.Quantity, c.PlanID)
	}
	srv.AdvanceTo(time.Date(2024, 4, 1, 1, 0, 0, 0, time.UTC))
	all := srv.Charges(id)
	if last := all[len(all)-1]; last.Proration != nil || last.Quantity != "8" || last.Amount.String() != "80.00 USD" {
		t.Errorf("the renewal after the change: %+v", last)
	}
	// The line's proration is a copy: changing it changes nothing.
	lines[0].Proration.Net = currency.MustFromMinor(1, currency.USD)
	if prorationLines(srv, id)[0].Proration.Net.String() != "20.32 USD" {
		t.Error("Charges hands out the emulator's own proration")
	}
}

// PRC-05: a plan change within a term is billed as package fulfillment's
// money side prorates it; a change the publisher rejects, and a change
// during a free trial, bill nothing.
func TestPRC05_ChargesProratePlanChange(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{Start: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Plans: prorationPlans()})
	rc := newReceiver(t, srv)
	id := bought(t, srv, marketplacetest.Order{PlanID: "silver", Quantity: 5})
	srv.Advance(15 * 24 * time.Hour)
	before, _ := srv.Subscription(id)
	op, err := srv.ChangePlan(id, "gold")
	if err != nil {
		t.Fatal(err)
	}
	srv.Advance(10 * time.Second)
	lines := prorationLines(srv, id)
	if len(lines) != 1 {
		t.Fatalf("proration lines: %+v", srv.Charges(id))
	}
	c := lines[0]
	want := wantMoney(t, before, op, marketrulestest.PerUserPlan(t, "silver", "10.00 USD"), marketrulestest.PerUserPlan(t, "gold", "20.00 USD"))
	if c.Proration.Rule != rule.PRC05 || c.Amount != want.Prorate.Net || c.PlanID != "gold" || c.UnitPrice.String() != "20.00 USD" {
		t.Errorf("line %+v (rule %s), want the money side's net %v", c, c.Proration.Rule, want.Prorate.Net)
	}

	// Rejected by the publisher: nothing billed.
	rc.setAnswer(func(w fulfillment.Webhook) int { return 200 })
	op2, err := srv.ChangeQuantity(id, 9)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, b := call(t, srv, "PATCH", "/saas/subscriptions/"+id+"/operations/"+op2.ID, `{"status":"Failure"}`); code != 200 {
		t.Fatalf("reject: %d %s", code, b)
	}
	if n := len(prorationLines(srv, id)); n != 1 {
		t.Errorf("%d proration lines after a rejected change", n)
	}

	// A free trial's change is the trial's (TRL-11): nothing is prorated.
	trial := bought(t, srv, marketplacetest.Order{PlanID: "silver", Quantity: 2, FreeTrial: true})
	srv.Advance(24 * time.Hour)
	if _, err := srv.ChangePlan(trial, "gold"); err != nil {
		t.Fatal(err)
	}
	srv.Advance(10 * time.Second)
	if st, _ := srv.Subscription(trial); st.Subscription.PlanID != "gold" {
		t.Fatalf("the trial's change was not applied: %+v", st.Subscription)
	}
	if lines := prorationLines(srv, trial); len(lines) != 0 {
		t.Errorf("a free trial's change billed: %+v", lines)
	}

	// A flat rate changed to a per-user plan is a change the rules do not
	// price (the plans of an offer share one pricing model, OFR-06): the
	// emulator applies it and bills the next term at the new plan, but
	// prorates nothing.
	flat := bought(t, srv, marketplacetest.Order{PlanID: "flat"})
	srv.Advance(24 * time.Hour)
	if _, err := srv.ChangePlan(flat, "gold"); err != nil {
		t.Fatal(err)
	}
	srv.Advance(10 * time.Second)
	if lines := prorationLines(srv, flat); len(lines) != 0 {
		t.Errorf("a change across pricing models billed: %+v", lines)
	}
}

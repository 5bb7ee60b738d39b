package marketplacetest_test

import (
	"github.com/google/go-cmp/cmp"

	"errors"
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/marketplacetest"
)

func TestConfigRefused(t *testing.T) {
	bad := []marketplacetest.Config{
		{Plans: []marketplacetest.Plan{{ID: "a"}, {ID: "a"}}},
		{Plans: []marketplacetest.Plan{{}}},
		{Plans: []marketplacetest.Plan{{ID: "a", Term: "P9D"}}},
		{Policy: fulfillment.Policy{AckWithin: time.Second}},
	}
	for i, cfg := range bad {
		if srv, err := marketplacetest.Start(cfg); err == nil {
			srv.Close()
			t.Errorf("config %d accepted", i)
		}
	}
	if srv := marketplacetest.NewServer(nil, marketplacetest.Config{}); srv == nil {
		t.Fatal("NewServer(nil) gave nil")
	} else {
		srv.Close()
		srv.Close()
		if _, err := srv.Buy(marketplacetest.Order{}); !errors.Is(err, marketplacetest.ErrClosed) {
			t.Errorf("Buy after Close: %v", err)
		}
		if _, err := srv.Suspend("x"); !errors.Is(err, marketplacetest.ErrClosed) {
			t.Errorf("Suspend after Close: %v", err)
		}
		srv.Advance(time.Hour)
	}
	var nilServer *marketplacetest.Server
	nilServer.Close()
}

func TestCustomerRefusals(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{})
	for _, o := range []marketplacetest.Order{{PlanID: "gold"}, {PlanID: "basic", Quantity: 2}, {PlanID: "premium"},
		{PlanID: "premium", Quantity: 101}, {PlanID: "premium", Quantity: -1}} {
		if _, err := srv.Buy(o); !errors.Is(err, marketplacetest.ErrInvalid) {
			t.Errorf("Buy(%+v): %v", o, err)
		}
	}
	if _, err := srv.ChangePlan("none", "basic"); !errors.Is(err, marketplacetest.ErrNotFound) {
		t.Errorf("unknown subscription: %v", err)
	}
	p, _ := srv.Buy(marketplacetest.Order{})
	if _, err := srv.ChangePlan(p.SubscriptionID, "premium"); !errors.Is(err, marketplacetest.ErrRefused) {
		t.Errorf("change before activation: %v", err)
	}
	if _, err := srv.ChangePlan(p.SubscriptionID, "basic"); !errors.Is(err, marketplacetest.ErrInvalid) {
		t.Errorf("change to the same plan: %v", err)
	}
	if _, err := srv.ChangeQuantity(p.SubscriptionID, 3); !errors.Is(err, marketplacetest.ErrInvalid) {
		t.Errorf("seats of a flat plan: %v", err)
	}
	// A purchase not yet activated can be cancelled, once.
	if _, err := srv.Unsubscribe(p.SubscriptionID); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Unsubscribe(p.SubscriptionID); !errors.Is(err, marketplacetest.ErrRefused) {
		t.Errorf("second cancellation: %v", err)
	}
	if got := srv.Subscriptions(); len(got) != 1 || got[0].Subscription.Status != fulfillment.Unsubscribed {
		t.Errorf("subscriptions %+v", got)
	}
	if _, ok := srv.Subscription("none"); ok || srv.Operations("none") != nil || srv.Charges("none") != nil {
		t.Error("an unknown subscription was found")
	}
	id := bought(t, srv, marketplacetest.Order{PlanID: "premium", Quantity: 2})
	if _, err := srv.ChangePlan(id, "basic"); err != nil {
		t.Fatal(err)
	}
	// A suspension overtakes the change awaiting an answer.
	srv.Suspend(id)
	if ops := srv.Operations(id); ops[0].Status != fulfillment.OperationConflict {
		t.Errorf("overtaken change is %s", ops[0].Status)
	}
	if code, _, _ := call(t, srv, "PATCH", "/saas/subscriptions/"+id+"/operations/"+srv.Operations(id)[0].ID, `{"status":"Success"}`); code != 409 {
		t.Errorf("answer to an overtaken change: %d", code)
	}
}

func TestAPIEdges(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{Plans: []marketplacetest.Plan{
		{ID: "yearly", Term: fulfillment.P1Y, Price: currency.MustFromMinor(12000, currency.EUR)},
		{ID: "triennial", Term: fulfillment.P3Y},
		{ID: "seats", PerUser: true, Term: fulfillment.P1M},
	}})
	srv.SetLandingPage("http://127.0.0.1:9/landing")
	p, _ := srv.Buy(marketplacetest.Order{PlanID: "yearly"})
	if !strings.HasPrefix(p.LandingURL, "http://127.0.0.1:9/landing?token=") {
		t.Errorf("landing URL %s", p.LandingURL)
	}
	id := p.SubscriptionID
	sub := "/saas/subscriptions/" + id
	for _, c := range []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/saas/subscriptions/none/listAvailablePlans", "", 404},
		{"GET", "/saas/subscriptions/none/operations", "", 404},
		{"GET", sub + "/operations/none", "", 404},
		{"PATCH", "/saas/subscriptions/none/operations/x", `{"status":"Success"}`, 404},
		{"PATCH", sub + "/operations/none", `{"status":"Success"}`, 404},
		{"POST", "/saas/subscriptions/none/activate", `{}`, 404},
		{"DELETE", "/saas/subscriptions/none", "", 404},
		{"PATCH", "/saas/subscriptions/none", `{}`, 404},
		{"POST", sub + "/activate", `{}`, 400},
		{"PATCH", sub, `{"planId":"triennial"}`, 400}, // not yet active
		{"GET", sub + "/operations", "", 200},
		{"POST", sub + "/activate", `{"planId":"yearly"}`, 200},
		{"PATCH", sub, `{"quantity":3}`, 400}, // a flat plan
		{"PATCH", sub, `{"planId":"triennial"}`, 202},
		{"GET", sub + "/listAvailablePlans", "", 200},
		{"GET", "/usageEvents?usageStartDate=2024-01-01&UsageEndDate=nope", "", 400},
		{"GET", "/usageEvents?usageStartDate=2024-01-01T00:00:00&UsageEndDate=2024-02-01", "", 200},
		{"GET", "/saas/subscriptions/" + id + "/operations/", "", 404},
		{"GET", "/saas/subscriptions//activate", "", 404},
		{"GET", "/saas/subscriptions/a/b/c/d", "", 404},
		{"GET", "/saas/other/x", "", 404},
	} {
		if code, _, b := call(t, srv, c.method, c.path, c.body); code != c.want {
			t.Errorf("%s %s %s: %d %s, want %d", c.method, c.path, c.body, code, b, c.want)
		}
	}
	_, _, body := call(t, srv, "GET", sub+"/listAvailablePlans", "")
	for _, s := range []string{`"1 year subscription"`, `"3 years subscription"`, `"1 month subscription"`, `"currency":"EUR","price":120.00`} {
		if !strings.Contains(string(body), s) {
			t.Errorf("plans lack %s: %s", s, body)
		}
	}
	if code, _, _ := call(t, srv, "POST", "/saas/subscriptions/resolve", strings.Repeat("x", 2<<20)); code != 400 {
		t.Errorf("a body over the limit: %d", code)
	}
}

// The emulator calls only loopback addresses, and logs why a call could
// not be made.
func TestWebhookUndeliverable(t *testing.T) {
	for url, want := range map[string]string{
		"":                             "no webhook URL set",
		"http://192.0.2.1/hook":        "not a loopback address",
		"http://example.invalid/hook":  "not a loopback address",
		"http://localhost:1/hook":      "connect",
		"http://[::1":                  "missing ']'",
		"http://127.0.0.1:1/\x00":      "invalid control character",
		"http://127.0.0.1:bad/webhook": "invalid port",
	} {
		srv := marketplacetest.NewServer(t, marketplacetest.Config{Webhook: url, RetryEvery: 5 * time.Hour})
		id := bought(t, srv, marketplacetest.Order{})
		srv.Suspend(id)
		srv.Advance(9 * time.Hour)
		var got []marketplacetest.Entry
		for _, e := range srv.Log() {
			if e.Kind == marketplacetest.KindWebhook {
				got = append(got, e)
			}
		}
		if len(got) != 2 || got[0].Status != 0 || !strings.Contains(got[0].Error, want) {
			t.Errorf("%q: %+v", url, got)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{})
	code, h, _ := call(t, srv, "PUT", "/saas/subscriptions/x", "")
	if code != 405 || h.Get("Allow") != "DELETE, GET, PATCH" {
		t.Errorf("%d Allow %q", code, h.Get("Allow"))
	}
}

// Terms are renewed until the rules can no longer count them (near the
// year 9999), and then the subscription simply stays in its last term.
func TestRenewalAtTheEndOfTime(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{Start: time.Date(8999, 6, 1, 0, 0, 0, 0, time.UTC),
		Plans: []marketplacetest.Plan{{ID: "long", Term: fulfillment.P5Y}}})
	id := bought(t, srv, marketplacetest.Order{})
	srv.AdvanceTo(time.Date(9020, 1, 1, 0, 0, 0, 0, time.UTC))
	st, _ := srv.Subscription(id)
	if st.Subscription.Status != fulfillment.Subscribed || !st.Subscription.Term.End.IsZero() {
		t.Errorf("%s, term %+v", st.Subscription.Status, st.Subscription.Term)
	}
	if n := len(srv.Charges(id)); n != 2 {
		t.Errorf("%d terms billed", n)
	}
}

// A free trial lasts its first term: the renewal converts it, and only
// the paid terms are billed.
func TestFreeTrialConverts(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{})
	id := bought(t, srv, marketplacetest.Order{PlanID: "basic", FreeTrial: true})
	srv.Advance(40 * 24 * time.Hour)
	st, _ := srv.Subscription(id)
	if st.Subscription.IsFreeTrial {
		t.Error("still a free trial after its term")
	}
	var amounts []string
	for _, c := range srv.Charges(id) {
		amounts = append(amounts, c.Amount.String())
	}
	if strings.Join(amounts, " ") != "0.00 USD 10.00 USD" {
		t.Errorf("charges %v", amounts)
	}
}

// Usage is billed per term above the allowance, refilled at every
// renewal (MTR-03): by package metering's Overage for the terms it
// counts, by the emulator's own sum for the others (4 and 5 years).
func TestChargesRefillPerTerm(t *testing.T) {
	for _, unit := range []fulfillment.TermUnit{fulfillment.P1M, fulfillment.P4Y} {
		srv := marketplacetest.NewServer(t, marketplacetest.Config{Start: time.Date(2024, 1, 31, 12, 0, 0, 0, time.UTC),
			Plans: []marketplacetest.Plan{{ID: "p", Term: unit, Price: currency.MustFromMinor(100, currency.USD),
				Dimensions: []marketplacetest.Dimension{{ID: "d", Price: currency.MustFromMinor(2, currency.USD), Included: 1000}}}}})
		id := bought(t, srv, marketplacetest.Order{})
		send := func(qty string) {
			t.Helper()
			at := srv.Now().Add(-time.Hour).Format(time.RFC3339)
			code, _, b := call(t, srv, "POST", "/usageEvent", `{"resourceId":"`+id+`","quantity":`+qty+`,"dimension":"d","effectiveStartTime":"`+at+`","planId":"p"}`)
			if code != 200 {
				t.Fatalf("%s: %d %s", qty, code, b)
			}
		}
		send("700")
		srv.Advance(2 * time.Hour)
		send("500.5")
		srv.AdvanceTo(time.Date(2028, 2, 1, 0, 0, 0, 0, time.UTC))
		send("800")
		var got []string
		for _, c := range srv.Charges(id) {
			got = append(got, c.TermStart.Format("2006-01-02")+" "+c.Dimension+" "+c.Quantity.String()+" "+c.Billed.String()+" "+c.Amount.String())
		}
		want := map[fulfillment.TermUnit][]string{
			fulfillment.P1M: {"2024-01-31  1 1 1.00 USD", "2024-01-31 d 1200.5 200.5 4.01 USD"},
			fulfillment.P4Y: {"2024-01-31  1 1 1.00 USD", "2024-01-31 d 1200.5 200.5 4.01 USD", "2028-01-31  1 1 1.00 USD", "2028-01-31 d 800 0 0.00 USD"},
		}[unit]
		if unit == fulfillment.P1M {
			got = got[:2]
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", unit, diff)
		}
	}
}

package marketplacetest_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/marketplacetest"
)

// A publisher's whole round trip: the customer buys, the publisher
// resolves and activates, a failed payment suspends the subscription and
// 30 days of virtual time later the marketplace cancels it, calling the
// webhook each time.
func Example() {
	srv, err := marketplacetest.Start(marketplacetest.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer hook.Close()
	srv.SetWebhook(hook.URL + "/webhook")

	p, _ := srv.Buy(marketplacetest.Order{PlanID: "basic"})
	api := srv.Client()
	req, _ := http.NewRequest("POST", srv.URL+"/saas/subscriptions/resolve?api-version=2018-08-31", nil)
	req.Header.Set("x-ms-marketplace-token", p.Token)
	resp, _ := api.Do(req)
	resp.Body.Close()
	resp, _ = api.Post(srv.URL+"/saas/subscriptions/"+p.SubscriptionID+"/activate?api-version=2018-08-31",
		"application/json", strings.NewReader(`{"planId":"basic"}`))
	resp.Body.Close()

	srv.Suspend(p.SubscriptionID)
	srv.Advance(30 * 24 * time.Hour)

	for _, e := range srv.Log() {
		line := fmt.Sprint(e.At.Format(time.DateTime), " ", e.Kind, " ", e.Method, " ", strings.TrimPrefix(e.Path, "/api/saas/subscriptions/"), " ", e.Status, " ", e.Action)
		fmt.Println(strings.TrimSpace(line))
	}
	st, _ := srv.Subscription(p.SubscriptionID)
	fmt.Println(st.Subscription.Status)
	// Output:
	// 2024-01-01 00:00:00 request POST resolve 200
	// 2024-01-01 00:00:00 request POST 00000000-0000-4000-8000-000000000001/activate 200
	// 2024-01-01 00:00:00 webhook POST /webhook 200 Suspend
	// 2024-01-31 00:00:00 webhook POST /webhook 200 Unsubscribe
	// Unsubscribed
}

// Start runs the emulator without a test, for an Example or a program;
// in a test, NewServer(t, cfg) closes it when the test ends.
func ExampleStart() {
	srv, err := marketplacetest.Start(marketplacetest.Config{AccessToken: "secret"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	for _, auth := range []string{"", "Bearer wrong", "Bearer secret"} {
		req, _ := http.NewRequest("GET", srv.URL+"/saas/subscriptions/?api-version=2018-08-31", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, string(body))
	}
	// Output:
	// 401 {"error":{"code":"Unauthorized","message":"The authorization header is missing."}}
	// 403 {"error":{"code":"Forbidden","message":"The authentication token is invalid or was not issued for this publisher."}}
	// 200 {"subscriptions":[]}
}

// A customer's plan change waits 10 seconds of virtual time for the
// publisher's answer; unanswered, the marketplace accepts it (FUL-05).
func ExampleServer_ChangePlan() {
	srv, _ := marketplacetest.Start(marketplacetest.Config{})
	defer srv.Close()
	p, _ := srv.Buy(marketplacetest.Order{PlanID: "basic"})
	resp, _ := srv.Client().Post(srv.URL+"/saas/subscriptions/"+p.SubscriptionID+"/activate?api-version=2018-08-31",
		"application/json", strings.NewReader(`{"planId":"basic"}`))
	resp.Body.Close()

	op, _ := srv.ChangePlan(p.SubscriptionID, "premium")
	st, _ := srv.Subscription(p.SubscriptionID)
	fmt.Println(op.Action, op.Status, "until", st.PendingUntil.Format(time.TimeOnly), "plan", st.Subscription.PlanID)
	srv.Advance(10 * time.Second)
	st, _ = srv.Subscription(p.SubscriptionID)
	fmt.Println(srv.Operations(p.SubscriptionID)[0].Status, "plan", st.Subscription.PlanID)
	// Output:
	// ChangePlan InProgress until 00:00:10 plan basic
	// Succeeded plan premium
}

// The webhook's bearer token verifies with the emulator's key, as a host
// verifies Microsoft's (FUL-10).
func ExampleServer_Keys() {
	srv, _ := marketplacetest.Start(marketplacetest.Config{Audience: "my-app", TenantID: "my-tenant"})
	defer srv.Close()
	check, err := fulfillment.DefaultPolicy().VerifyToken(fulfillment.TokenRequest{
		Token: srv.Token(), Audience: "my-app", TenantID: "my-tenant", Keys: srv.Keys(), At: srv.Now()})
	fmt.Println(check.Allowed, check.Reason, err)
	keys, _ := fulfillment.ParseKeySet(srv.KeySet())
	fmt.Println(len(keys), keys[0].ID)
	// Output:
	// true token-ok <nil>
	// 1 marketplacetest
}

// Usage is accepted once per subscription, dimension and hour, within 24
// hours; Charges bills what exceeds the plan's included quantity.
func ExampleServer_Charges() {
	srv, _ := marketplacetest.Start(marketplacetest.Config{Start: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)})
	defer srv.Close()
	api := srv.Client()
	p, _ := srv.Buy(marketplacetest.Order{PlanID: "basic"})
	resp, _ := api.Post(srv.URL+"/saas/subscriptions/"+p.SubscriptionID+"/activate?api-version=2018-08-31",
		"application/json", strings.NewReader(`{"planId":"basic"}`))
	resp.Body.Close()
	for _, at := range []string{"2024-05-01T09:00:00Z", "2024-05-01T09:30:00Z", "2024-04-30T11:00:00Z"} {
		body := `{"resourceId":"` + p.SubscriptionID + `","quantity":1250,"dimension":"api-calls","effectiveStartTime":"` + at + `","planId":"basic"}`
		req, _ := http.NewRequestWithContext(context.Background(), "POST", srv.URL+"/usageEvent?api-version=2018-08-31", strings.NewReader(body))
		resp, _ := api.Do(req)
		resp.Body.Close()
		fmt.Println(at, resp.StatusCode)
	}
	for _, c := range srv.Charges(p.SubscriptionID) {
		fmt.Printf("%q %s billed %s × %s = %s\n", c.Dimension, c.Quantity, c.Billed, c.UnitPrice, c.Amount)
	}
	// Output:
	// 2024-05-01T09:00:00Z 200
	// 2024-05-01T09:30:00Z 409
	// 2024-04-30T11:00:00Z 400
	// "" 1 billed 1 × 10.00 USD = 10.00 USD
	// "api-calls" 1250 billed 250 × 0.01 USD = 2.50 USD
}

// In a test, NewServer(t, cfg) starts the emulator and closes it when the
// test ends; with a nil testing.TB the caller closes it.
func ExampleNewServer() {
	srv := marketplacetest.NewServer(nil, marketplacetest.Config{})
	defer srv.Close()
	fmt.Println(strings.HasPrefix(srv.URL, "http://127.0.0.1:"), strings.HasSuffix(srv.URL, "/api"), srv.Now())
	// Output:
	// true true 2024-01-01 00:00:00 +0000 UTC
}

// Terms renew at their end, counted from the first term's start with the
// day clamped to month end, so that they never drift (FUL-06).
func ExampleServer_AdvanceTo() {
	srv, _ := marketplacetest.Start(marketplacetest.Config{Start: time.Date(2024, 1, 31, 10, 0, 0, 0, time.UTC)})
	defer srv.Close()
	p, _ := srv.Buy(marketplacetest.Order{PlanID: "basic"})
	resp, _ := srv.Client().Post(srv.URL+"/saas/subscriptions/"+p.SubscriptionID+"/activate?api-version=2018-08-31",
		"application/json", strings.NewReader(`{"planId":"basic"}`))
	resp.Body.Close()
	srv.AdvanceTo(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC))
	for _, c := range srv.Charges(p.SubscriptionID) {
		fmt.Println(c.TermStart.Format(time.DateOnly), "–", c.TermEnd.Format(time.DateOnly), c.Amount)
	}
	// Output:
	// 2024-01-31 – 2024-02-29 10.00 USD
	// 2024-02-29 – 2024-03-31 10.00 USD
	// 2024-03-31 – 2024-04-30 10.00 USD
	// 2024-04-30 – 2024-05-31 10.00 USD
}

// A payment that fails and then succeeds: Suspend, then Reinstate before
// the 30 days end (FUL-07).
func ExampleServer_Reinstate() {
	srv, _ := marketplacetest.Start(marketplacetest.Config{})
	defer srv.Close()
	p, _ := srv.Buy(marketplacetest.Order{PlanID: "basic"})
	resp, _ := srv.Client().Post(srv.URL+"/saas/subscriptions/"+p.SubscriptionID+"/activate?api-version=2018-08-31",
		"application/json", strings.NewReader(`{"planId":"basic"}`))
	resp.Body.Close()
	srv.Suspend(p.SubscriptionID)
	srv.Advance(29 * 24 * time.Hour)
	srv.Reinstate(p.SubscriptionID)
	srv.Advance(24 * time.Hour)
	for _, st := range srv.Subscriptions() {
		fmt.Println(st.Subscription.Status)
	}
	for _, op := range srv.Operations(p.SubscriptionID) {
		fmt.Println(op.TimeStamp.Format(time.DateOnly), op.Action, op.Status)
	}
	// Output:
	// Subscribed
	// 2024-01-01 Suspend Succeeded
	// 2024-01-30 Reinstate Succeeded
}

func ExampleDefaultPlans() {
	for _, p := range marketplacetest.DefaultPlans() {
		fmt.Println(p.ID, p.Term, p.Price, p.PerUser, p.Dimensions[0].ID, p.Dimensions[0].Included, p.Dimensions[0].Price)
	}
	// Output:
	// basic P1M 10.00 USD false api-calls 1000 0.01 USD
	// premium P1M 25.00 USD true api-calls 5000 0.01 USD
}

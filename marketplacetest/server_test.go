package marketplacetest_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/marketplacetest"
)

func TestAuthAndRouting(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{})
	cases := []struct {
		name, method, path string
		header             []string
		want               int
	}{
		{"no token: 401", "GET", "/saas/subscriptions/", []string{"Authorization", ""}, 401},
		{"wrong token: 403", "GET", "/saas/subscriptions/", []string{"Authorization", "Bearer nope"}, 403},
		{"not bearer: 403", "GET", "/saas/subscriptions/", []string{"Authorization", "Basic abc"}, 403},
		{"no api-version: 400", "GET", srv.URL + "/saas/subscriptions/", nil, 400},
		{"wrong api-version: 400", "GET", "/saas/subscriptions/?api-version=2022-01-01", nil, 400},
		{"unknown path: 404", "GET", "/saas/nothing", nil, 404},
		{"outside /api: 404", "GET", strings.TrimSuffix(srv.URL, "/api") + "/x?api-version=2018-08-31", nil, 404},
		{"wrong method: 405", "PUT", "/saas/subscriptions/", nil, 405},
		{"unknown subscription: 404", "GET", "/saas/subscriptions/none", nil, 404},
		{"list: 200", "GET", "/saas/subscriptions/", nil, 200},
		{"list without slash: 200", "GET", "/saas/subscriptions", nil, 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, h, body := call(t, srv, c.method, c.path, "", c.header...)
			if code != c.want {
				t.Fatalf("status %d, want %d: %s", code, c.want, body)
			}
			if code == 401 && h.Get("WWW-Authenticate") != "Bearer" {
				t.Errorf("401 without WWW-Authenticate: %v", h)
			}
			if code >= 400 {
				var e fulfillment.ErrorBody
				if err := json.Unmarshal(body, &e); err != nil || e.Code == "" {
					t.Errorf("error body %s: %v", body, err)
				}
			}
		})
	}
}

// FUL-02: the landing page's token resolves, URL-decoded, for 24 hours.
func TestFUL02_ResolveToken(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{LandingPage: "http://127.0.0.1:1/landing?x=1"})
	p, err := srv.Buy(marketplacetest.Order{PlanID: "premium", Quantity: 5})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(p.LandingURL)
	if u.Query().Get("token") != p.Token || u.Query().Get("x") != "1" {
		t.Fatalf("landing URL %s does not carry the token", p.LandingURL)
	}
	if !strings.ContainsAny(p.Token, "+/=") {
		t.Errorf("token %q has nothing to URL-decode", p.Token)
	}
	code, _, _ := call(t, srv, "POST", "/saas/subscriptions/resolve", "", "x-ms-marketplace-token", url.QueryEscape(p.Token))
	if code != 400 {
		t.Errorf("a token still URL-encoded resolved: %d", code)
	}
	code, _, body := call(t, srv, "POST", "/saas/subscriptions/resolve", "", "x-ms-marketplace-token", p.Token)
	if code != 200 {
		t.Fatalf("resolve: %d %s", code, body)
	}
	r := decode[fulfillment.Resolved](t, body)
	if r.ID != p.SubscriptionID || r.PlanID != "premium" || r.Quantity != 5 || r.Subscription.Status != fulfillment.PendingFulfillmentStart {
		t.Errorf("resolved %+v", r)
	}
	if code, _, _ := call(t, srv, "POST", "/saas/subscriptions/resolve", ""); code != 400 {
		t.Errorf("no token header: %d", code)
	}
	srv.Advance(24*time.Hour - time.Second)
	if code, _, _ := call(t, srv, "POST", "/saas/subscriptions/resolve", "", "x-ms-marketplace-token", p.Token); code != 200 {
		t.Errorf("before 24 h: %d, want 200", code)
	}
	srv.Advance(time.Second)
	if code, _, _ := call(t, srv, "POST", "/saas/subscriptions/resolve", "", "x-ms-marketplace-token", p.Token); code != 400 {
		t.Errorf("after 24 h: %d, want 400", code)
	}
}

// FUL-03: Activate once, with the purchased plan.
func TestFUL03_Activate(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{Start: time.Date(2024, 1, 31, 15, 0, 0, 0, time.UTC)})
	p, _ := srv.Buy(marketplacetest.Order{PlanID: "basic"})
	path := "/saas/subscriptions/" + p.SubscriptionID + "/activate"
	if code, _, _ := call(t, srv, "POST", path, `{"planId":"premium","quantity":3}`); code != 400 {
		t.Errorf("another plan: %d", code)
	}
	if code, _, b := call(t, srv, "POST", path, `{"planId":"basic"}`); code != 200 || len(b) != 0 {
		t.Fatalf("activate: %d %s", code, b)
	}
	if code, _, _ := call(t, srv, "POST", path, `{"planId":"basic"}`); code != 400 {
		t.Errorf("activated twice: %d", code)
	}
	if code, _, _ := call(t, srv, "POST", path, `{"planId":`); code != 400 {
		t.Errorf("malformed body: %d", code)
	}
	st, _ := srv.Subscription(p.SubscriptionID)
	want := fulfillment.Term{Unit: fulfillment.P1M, Start: time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)}
	if diff := cmp.Diff(want, st.Subscription.Term); diff != "" || st.Subscription.Status != fulfillment.Subscribed {
		t.Errorf("%s term (-want +got):\n%s", st.Subscription.Status, diff)
	}
}

// FUL-05: a customer's change, accepted by PATCH Success, rejected by
// Failure, or accepted when 10 seconds pass; a late answer is 409.
func TestFUL05_CustomerChange(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{})
	rc := newReceiver(t, srv)
	id := bought(t, srv, marketplacetest.Order{PlanID: "basic"})
	ack := func(op, status string) int {
		code, _, _ := call(t, srv, "PATCH", "/saas/subscriptions/"+id+"/operations/"+op, `{"status":"`+status+`"}`)
		return code
	}
	planOf := func() string { st, _ := srv.Subscription(id); return st.Subscription.PlanID }

	op, err := srv.ChangePlan(id, "premium")
	if err != nil {
		t.Fatal(err)
	}
	h := rc.last(t)
	if h.ID != op.ID || h.Action != fulfillment.ChangePlan || h.Status != fulfillment.OperationInProgress || h.Source != fulfillment.FromAzure || h.PlanID != "premium" {
		t.Fatalf("webhook %+v", h.Operation)
	}
	rc.mu.Lock()
	token := rc.tokens[0]
	rc.mu.Unlock()
	tc, err := fulfillment.DefaultPolicy().VerifyToken(fulfillment.TokenRequest{Token: token, Audience: "8c8e3a1f-0000-4000-8000-0000000000aa",
		TenantID: "72f988bf-0000-4000-8000-0000000000bb", Keys: srv.Keys(), At: srv.Now()})
	if err != nil || !tc.Allowed {
		t.Fatalf("token refused: %v %+v", err, tc)
	}
	code, _, body := call(t, srv, "GET", "/saas/subscriptions/"+id+"/operations", "")
	ops := decode[struct{ Operations []fulfillment.Operation }](t, body)
	if code != 200 || len(ops.Operations) != 1 || ops.Operations[0].ID != op.ID {
		t.Fatalf("operations: %d %s", code, body)
	}
	if code, _, _ := call(t, srv, "PATCH", "/saas/subscriptions/"+id, `{"quantity":3}`); code != 400 {
		t.Errorf("publisher change while one is pending: %d, want 400", code)
	}
	if _, err := srv.ChangeQuantity(id, 2); err == nil {
		t.Error("a second customer change while one is pending")
	}
	if planOf() != "basic" {
		t.Error("applied before the answer")
	}
	srv.Advance(5 * time.Second)
	if c := ack(op.ID, "Bogus"); c != 400 {
		t.Errorf("bogus status: %d", c)
	}
	if c := ack(op.ID, "Success"); c != 200 {
		t.Fatalf("ack: %d", c)
	}
	if planOf() != "premium" {
		t.Errorf("plan %s after Success", planOf())
	}
	if c := ack(op.ID, "Success"); c != 409 {
		t.Errorf("second ack: %d, want 409", c)
	}

	op2, err := srv.ChangeQuantity(id, 7)
	if err != nil {
		t.Fatal(err)
	}
	if c := ack(op2.ID, "Failure"); c != 200 {
		t.Fatalf("ack Failure: %d", c)
	}
	st, _ := srv.Subscription(id)
	if st.Subscription.Quantity != 1 {
		t.Errorf("quantity %d after Failure, want 1", st.Subscription.Quantity)
	}
	if got := srv.Operations(id)[1].Status; got != fulfillment.OperationFailed {
		t.Errorf("rejected operation is %s", got)
	}

	op3, _ := srv.ChangeQuantity(id, 9)
	srv.Advance(10 * time.Second)
	st, _ = srv.Subscription(id)
	if st.Subscription.Quantity != 9 || st.PendingOperationID != "" {
		t.Errorf("not auto-accepted: %+v", st)
	}
	if c := ack(op3.ID, "Failure"); c != 409 {
		t.Errorf("ack after the deadline: %d, want 409", c)
	}
	if c := ack("nope", "Success"); c != 404 {
		t.Errorf("unknown operation: %d", c)
	}
}

// FUL-09: the publisher's own change and cancellation.
func TestFUL09_PublisherChangeAndCancel(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{})
	rc := newReceiver(t, srv)
	id := bought(t, srv, marketplacetest.Order{PlanID: "premium", Quantity: 2})
	path := "/saas/subscriptions/" + id
	for body, want := range map[string]int{
		`{"planId":"basic","quantity":3}`: 400, // both
		`{}`:                              400, // nothing
		`{"planId":"premium"}`:            400, // the same plan
		`{"quantity":101}`:                400, // above the plan's limit
		`{"planId":"gold"}`:               400, // no such plan
		`[`:                               400,
	} {
		if code, _, b := call(t, srv, "PATCH", path, body); code != want {
			t.Errorf("PATCH %s: %d %s, want %d", body, code, b, want)
		}
	}
	code, h, _ := call(t, srv, "PATCH", path, `{"quantity":"4"}`)
	if code != 202 || !strings.Contains(h.Get("Operation-Location"), "/operations/") {
		t.Fatalf("change: %d %v", code, h)
	}
	code, _, body := call(t, srv, "GET", h.Get("Operation-Location"), "")
	op := decode[fulfillment.Operation](t, body)
	if code != 200 || op.Status != fulfillment.OperationSucceeded || op.Quantity != 4 || op.Action != fulfillment.ChangeQuantity {
		t.Fatalf("operation: %d %s", code, body)
	}
	if w := rc.last(t); w.Source != fulfillment.FromPartner || w.ID != op.ID {
		t.Errorf("webhook %+v", w.Operation)
	}
	if code, _, _ := call(t, srv, "PATCH", path+"/operations/"+op.ID, `{"status":"Success"}`); code != 400 {
		t.Errorf("ack of the publisher's operation: %d, want 400", code)
	}
	code, h, _ = call(t, srv, "DELETE", path, "")
	if code != 202 || h.Get("Operation-Location") == "" {
		t.Fatalf("delete: %d", code)
	}
	if st, _ := srv.Subscription(id); st.Subscription.Status != fulfillment.Unsubscribed {
		t.Errorf("after delete: %s", st.Subscription.Status)
	}
	if code, _, _ := call(t, srv, "DELETE", path, ""); code != 404 {
		t.Errorf("second delete: %d, want 404", code)
	}
	csp := bought(t, srv, marketplacetest.Order{PlanID: "basic", Sandbox: fulfillment.SandboxCsp})
	if code, _, _ := call(t, srv, "DELETE", "/saas/subscriptions/"+csp, ""); code != 400 {
		t.Errorf("delete of a CSP purchase: %d, want 400", code)
	}
}

// FUL-07: a suspension ends in Unsubscribe after 30 days; Reinstate
// before that keeps it.
func TestFUL07_Suspension(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{})
	rc := newReceiver(t, srv)
	a := bought(t, srv, marketplacetest.Order{})
	b := bought(t, srv, marketplacetest.Order{})
	for _, id := range []string{a, b} {
		if _, err := srv.Suspend(id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := srv.Suspend(a); err == nil {
		t.Error("suspended twice")
	}
	srv.Advance(29 * 24 * time.Hour)
	if _, err := srv.Reinstate(b); err != nil {
		t.Fatal(err)
	}
	srv.Advance(24 * time.Hour)
	sa, _ := srv.Subscription(a)
	sb, _ := srv.Subscription(b)
	if sa.Subscription.Status != fulfillment.Unsubscribed || sb.Subscription.Status != fulfillment.Subscribed {
		t.Errorf("a %s, b %s", sa.Subscription.Status, sb.Subscription.Status)
	}
	var actions []fulfillment.Action
	for _, h := range rc.calls() {
		actions = append(actions, h.Action)
	}
	want := []fulfillment.Action{fulfillment.Suspend, fulfillment.Suspend, fulfillment.Reinstate, fulfillment.Unsubscribe}
	if diff := cmp.Diff(want, actions); diff != "" {
		t.Errorf("webhooks (-want +got):\n%s", diff)
	}
	if got := rc.last(t).TimeStamp; !got.Equal(time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("cancelled at %s", got)
	}
}

// FUL-06: terms renew at their end from the anchor; without auto-renewal
// the subscription ends.
func TestFUL06_Renewal(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{Start: time.Date(2024, 1, 31, 9, 0, 0, 0, time.UTC)})
	rc := newReceiver(t, srv)
	id := bought(t, srv, marketplacetest.Order{})
	once := bought(t, srv, marketplacetest.Order{NoAutoRenew: true})
	srv.AdvanceTo(time.Date(2024, 4, 15, 0, 0, 0, 0, time.UTC))
	st, _ := srv.Subscription(id)
	want := fulfillment.Term{Unit: fulfillment.P1M, Start: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 4, 30, 0, 0, 0, 0, time.UTC)}
	if diff := cmp.Diff(want, st.Subscription.Term); diff != "" {
		t.Errorf("term (-want +got):\n%s", diff)
	}
	so, _ := srv.Subscription(once)
	if so.Subscription.Status != fulfillment.Unsubscribed {
		t.Errorf("without auto-renewal: %s", so.Subscription.Status)
	}
	var got []string
	for _, h := range rc.calls() {
		got = append(got, string(h.Action)+" "+h.TimeStamp.Format("01-02"))
	}
	if diff := cmp.Diff([]string{"Renew 02-29", "Unsubscribe 02-29", "Renew 03-31"}, got); diff != "" {
		t.Errorf("webhooks (-want +got):\n%s", diff)
	}
	if n := len(srv.Charges(id)); n != 3 {
		t.Errorf("%d terms billed, want 3", n)
	}
}

// FUL-10: a call not answered 200 is retried, and each attempt logged.
func TestFUL10_WebhookRetries(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{RetryEvery: time.Minute})
	rc := newReceiver(t, srv)
	id := bought(t, srv, marketplacetest.Order{})
	fails := 2
	rc.setAnswer(func(fulfillment.Webhook) int {
		if fails > 0 {
			fails--
			return 500
		}
		return 200
	})
	op, _ := srv.Suspend(id)
	srv.Advance(time.Hour)
	var got []marketplacetest.Entry
	for _, e := range srv.Log() {
		if e.Kind == marketplacetest.KindWebhook {
			got = append(got, e)
		}
	}
	t0 := srv.Now().Add(-time.Hour)
	entry := func(min, status, attempt int) marketplacetest.Entry {
		return marketplacetest.Entry{At: t0.Add(time.Duration(min) * time.Minute), Kind: marketplacetest.KindWebhook, Method: "POST",
			Path: "/webhook", Status: status, SubscriptionID: id, OperationID: op.ID, Action: fulfillment.Suspend, Attempt: attempt}
	}
	want := []marketplacetest.Entry{entry(0, 500, 1), entry(1, 500, 2), entry(2, 200, 3)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("webhook log (-want +got):\n%s", diff)
	}
	// Bounded: a host that never answers is called at most 500 times over 8 hours.
	rc.setAnswer(func(fulfillment.Webhook) int { return 503 })
	srv.Unsubscribe(id)
	srv.Advance(24 * time.Hour)
	n := 0
	for _, e := range srv.Log() {
		if e.Action == fulfillment.Unsubscribe {
			n++
		}
	}
	if n != 481 {
		t.Errorf("%d attempts, want 481 (every minute for 8 hours)", n)
	}
}

func TestListPages(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{PageSize: 2})
	var want []string
	for range 5 {
		p, _ := srv.Buy(marketplacetest.Order{})
		want = append(want, p.SubscriptionID)
	}
	var got []string
	next := "/saas/subscriptions/"
	for next != "" {
		code, _, body := call(t, srv, "GET", next, "")
		if code != 200 {
			t.Fatalf("%s: %d %s", next, code, body)
		}
		page := decode[struct {
			Subscriptions []fulfillment.Subscription
			NextLink      string `json:"@nextLink"`
		}](t, body)
		for _, s := range page.Subscriptions {
			got = append(got, s.ID)
		}
		next = page.NextLink
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if code, _, _ := call(t, srv, "GET", "/saas/subscriptions/?continuationToken=x", ""); code != 400 {
		t.Errorf("bad continuation token: %d", code)
	}
}

func TestListAvailablePlans(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{})
	p, _ := srv.Buy(marketplacetest.Order{})
	code, _, body := call(t, srv, "GET", "/saas/subscriptions/"+p.SubscriptionID+"/listAvailablePlans?planId=premium", "")
	got := decode[struct {
		Plans []struct {
			PlanID         string
			IsPricePerSeat bool
			MaxQuantity    int64
			PlanComponents struct {
				RecurrentBillingTerms []struct {
					Currency string
					Price    json.Number
					TermUnit string
				}
			}
		}
	}](t, body)
	if code != 200 || len(got.Plans) != 1 || got.Plans[0].PlanID != "premium" || !got.Plans[0].IsPricePerSeat ||
		got.Plans[0].PlanComponents.RecurrentBillingTerms[0].Price != "25.00" {
		t.Errorf("%d %s", code, body)
	}
}

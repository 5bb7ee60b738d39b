package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"flag"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/internal/golden"
	"github.com/marketrules/marketrules/marketplacetest"
	"github.com/marketrules/marketrules/pricing/metering"
)

// newWorld starts the emulator and the host for a test.
func newWorld(t *testing.T) *world {
	t.Helper()
	w, err := start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.close)
	return w
}

// buy buys a plan and opens the landing page.
func (w *world) buy(t *testing.T, o marketplacetest.Order) string {
	t.Helper()
	p, err := w.srv.Buy(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.visit(p.LandingURL); err != nil {
		t.Fatal(err)
	}
	return p.SubscriptionID
}

// agree checks that the host and the marketplace hold the same
// subscription.
func (w *world) agree(t *testing.T, id string) fulfillment.Subscription {
	t.Helper()
	ours, ok := w.host.State(id)
	theirs, _ := w.srv.Subscription(id)
	if !ok {
		t.Fatalf("the host does not know %s", id)
	}
	if diff := cmp.Diff(theirs.Subscription, ours.Subscription); diff != "" {
		t.Errorf("host and marketplace disagree (-marketplace +host):\n%s", diff)
	}
	return ours.Subscription
}

var update = flag.Bool("update", false, "rewrite the golden files")

// runArgs runs the program with args and returns its exit status, stdout
// and stderr.
func runArgs(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestGolden plays the story in each language and compares the output
// with testdata/golden.<lang>.txt (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		code, out, errOut := runArgs("-lang", lang)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", lang, code, errOut)
		}
		golden.Check(t, filepath.Join("testdata", "golden."+lang+".txt"), out, *update)
		if w := textout.MaxWidth(out); w >= 100 {
			t.Errorf("%s: a line of %d columns", lang, w)
		}
	}
	_, out, _ := runArgs()
	if !strings.Contains(out, "30 days later\n                     Unsubscribed") {
		t.Errorf("output:\n%s", out)
	}
	_, out, _ = runArgs("-lang", "sv-SE")
	for _, word := range []string{"30 dagar senare\n                     Unsubscribed", "accepterad", "dubblett", "för gammal", "fakturerat prenumeration"} {
		if !strings.Contains(out, word) {
			t.Errorf("Swedish output lacks %q:\n%s", word, out)
		}
	}
}

func TestHelpAndUsage(t *testing.T) {
	code, out, errOut := runArgs("-h")
	if code != 0 || errOut != "" || !strings.Contains(out, "usage: saas-host [-lang en|sv]") || !strings.Contains(out, "-lang") {
		t.Errorf("-h: exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, args := range [][]string{{"-lang", "de"}, {"-nope"}, {"extra"}} {
		if code, out, errOut := runArgs(args...); code != 2 || out != "" || !strings.HasPrefix(errOut, "saas-host: ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

// FUL-02, FUL-03: the landing page resolves the token and activates.
func TestFUL03_PurchaseToActivation(t *testing.T) {
	w := newWorld(t)
	id := w.buy(t, marketplacetest.Order{PlanID: "premium", Quantity: 5})
	s := w.agree(t, id)
	if s.Status != fulfillment.Subscribed || s.Quantity != 5 {
		t.Errorf("%s with %d seats", s.Status, s.Quantity)
	}
	var paths []string
	for _, e := range w.srv.Log() {
		paths = append(paths, e.Method+" "+strings.TrimPrefix(e.Path, "/api/saas/subscriptions/"+id))
	}
	want := []string{"POST /api/saas/subscriptions/resolve", "POST /activate", "GET ", "GET /listAvailablePlans"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	// A landing page opened after the token's 24 hours cannot resolve it.
	p, _ := w.srv.Buy(marketplacetest.Order{})
	w.srv.Advance(25 * time.Hour)
	if err := w.visit(p.LandingURL); err == nil {
		t.Error("an expired token was resolved")
	}
}

// FUL-05: a plan change accepted and one rejected, seats added and seats
// taken away rejected, each answered within 10 seconds, and seats left
// unanswered accepted by the marketplace.
func TestFUL05_ChangesAnswered(t *testing.T) {
	w := newWorld(t)
	id := w.buy(t, marketplacetest.Order{PlanID: "basic"})
	start := w.srv.Now()
	up, err := w.srv.ChangePlan(id, "premium")
	if err != nil {
		t.Fatal(err)
	}
	seats, _ := w.srv.ChangeQuantity(id, 5)
	back, err := w.srv.ChangePlan(id, "basic")
	if err != nil {
		t.Fatal(err)
	}
	down, _ := w.srv.ChangeQuantity(id, 2)
	more, _ := w.srv.ChangeQuantity(id, 30)
	// Before the deadline the marketplace holds the change unanswered;
	// the host, which leaves it to be accepted, already counts it.
	if st, _ := w.srv.Subscription(id); st.Subscription.Quantity != 5 || st.PendingOperationID != more.ID {
		t.Errorf("before the deadline: %d seats, pending %q", st.Subscription.Quantity, st.PendingOperationID)
	}
	if st, _ := w.host.State(id); st.Subscription.Quantity != 30 || st.PendingOperationID != more.ID {
		t.Errorf("host before the deadline: %d seats, pending %q", st.Subscription.Quantity, st.PendingOperationID)
	}
	w.srv.Advance(10 * time.Second)
	if s := w.agree(t, id); s.Quantity != 30 {
		t.Errorf("after the deadline: %d seats, want 30", s.Quantity)
	}
	got := w.host.Answers()
	want := []Answer{
		{OperationID: up.ID, Action: fulfillment.ChangePlan, Status: 200, Ack: fulfillment.Success, Reason: "awaits-answer"},
		{OperationID: seats.ID, Action: fulfillment.ChangeQuantity, Status: 200, Ack: fulfillment.Success, Reason: "awaits-answer"},
		{OperationID: back.ID, Action: fulfillment.ChangePlan, Status: 200, Ack: fulfillment.Failure, Reason: "awaits-answer"},
		{OperationID: down.ID, Action: fulfillment.ChangeQuantity, Status: 200, Ack: fulfillment.Failure, Reason: "awaits-answer"},
		{OperationID: more.ID, Action: fulfillment.ChangeQuantity, Status: 200, Reason: "awaits-answer"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	for _, e := range w.srv.Log() {
		if e.Method == "PATCH" && (e.Status != 200 || e.At.Sub(start) > 10*time.Second) {
			t.Errorf("PATCH not answered in time: %+v", e)
		}
	}
	ops := w.srv.Operations(id)
	var status []fulfillment.OperationStatus
	for _, o := range ops {
		status = append(status, o.Status)
	}
	if diff := cmp.Diff([]fulfillment.OperationStatus{"Succeeded", "Succeeded", "Failed", "Failed", "Succeeded"}, status); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}
}

// FUL-07: a failed payment suspends; without Reinstate the subscription
// ends after 30 days, and the host follows.
func TestFUL07_SuspensionEndsInCancellation(t *testing.T) {
	w := newWorld(t)
	id := w.buy(t, marketplacetest.Order{PlanID: "basic"})
	w.srv.Suspend(id)
	if s := w.agree(t, id); s.Status != fulfillment.Suspended {
		t.Fatalf("%s", s.Status)
	}
	w.srv.Advance(30*24*time.Hour - time.Second)
	if s := w.agree(t, id); s.Status != fulfillment.Suspended {
		t.Fatalf("before 30 days: %s", s.Status)
	}
	w.srv.Advance(time.Second)
	if s := w.agree(t, id); s.Status != fulfillment.Unsubscribed {
		t.Errorf("after 30 days: %s", s.Status)
	}
	st, _ := w.host.State(id)
	if !st.UnsubscribedAt.Equal(w.srv.Now()) {
		t.Errorf("unsubscribed at %s", st.UnsubscribedAt)
	}
}

// FUL-06: the term renews at its end, from the anchor; host and
// marketplace agree on the term; usage included in the plan is refilled.
func TestFUL06_Renewal(t *testing.T) {
	w := newWorld(t)
	id := w.buy(t, marketplacetest.Order{PlanID: "basic"})
	w.srv.AdvanceTo(time.Date(2024, 3, 30, 0, 0, 0, 0, time.UTC))
	s := w.agree(t, id)
	want := fulfillment.Term{Unit: fulfillment.P1M, Start: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)}
	if diff := cmp.Diff(want, s.Term); diff != "" {
		t.Errorf("term (-want +got):\n%s", diff)
	}
	charges := w.srv.Charges(id)
	if len(charges) != 2 || charges[1].TermStart != want.Start || charges[1].Amount != currency.MustFromMinor(1000, currency.USD) {
		t.Errorf("charges %+v", charges)
	}
}

// FUL-13, RFD-01: an Unsubscribe within 72 hours of the purchase is
// refunded in full; one later is not.
func TestFUL13_UnsubscribeRefund(t *testing.T) {
	w := newWorld(t)
	early := w.buy(t, marketplacetest.Order{PlanID: "basic"})
	late := w.buy(t, marketplacetest.Order{PlanID: "basic"})
	w.srv.Advance(48 * time.Hour)
	if _, err := w.srv.Unsubscribe(early); err != nil {
		t.Fatal(err)
	}
	w.srv.Advance(5 * 24 * time.Hour)
	w.srv.Unsubscribe(late)
	r := w.host.Refunds()
	if len(r) != 2 {
		t.Fatalf("%d refund decisions", len(r))
	}
	if !r[0].Allowed || r[0].Refund != currency.MustFromMinor(1000, currency.USD) {
		t.Errorf("within the window: %v", r[0])
	}
	if r[1].Allowed {
		t.Errorf("after the window: %v", r[1])
	}
	if s := w.agree(t, early); s.Status != fulfillment.Unsubscribed {
		t.Errorf("%s", s.Status)
	}
}

// Metering: one event per subscription, dimension and hour; a second for
// an hour already sent is a Duplicate, one older than 24 hours Expired.
func TestMetering(t *testing.T) {
	w := newWorld(t)
	id := w.buy(t, marketplacetest.Order{PlanID: "basic"})
	t0 := w.srv.Now()
	w.host.Record(id, "api-calls", 600, t0)
	w.host.Record(id, "api-calls", 700, t0.Add(time.Minute))
	w.srv.Advance(time.Hour)
	ctx := context.Background()
	ticks := make(chan time.Time, 1)
	ticks <- w.srv.Now()
	close(ticks)
	w.host.RunMetering(ctx, ticks)                           // one run of the hourly job
	w.host.Record(id, "api-calls", 5, t0.Add(2*time.Minute)) // late usage of an hour already sent
	w.srv.Advance(time.Hour)
	w.host.SendUsage(ctx)
	w.host.Record(id, "api-calls", 9, w.srv.Now().Add(-25*time.Hour))
	w.host.SendUsage(ctx)
	hour := t0.Truncate(time.Hour)
	want := []Metered{
		{SubscriptionID: id, Dimension: "api-calls", Hour: hour, Quantity: metering.MustParseQuantity("1300"), Status: metering.Accepted},
		{SubscriptionID: id, Dimension: "api-calls", Hour: hour, Quantity: metering.MustParseQuantity("5"), Status: metering.Duplicate},
		{SubscriptionID: id, Dimension: "api-calls", Hour: w.srv.Now().Add(-25 * time.Hour).Truncate(time.Hour), Quantity: metering.MustParseQuantity("9"), Status: metering.Expired},
	}
	if diff := cmp.Diff(want, w.host.Metered()); diff != "" {
		t.Errorf("metered (-want +got):\n%s", diff)
	}
	usage := w.srv.Usage()
	if len(usage) != 1 || usage[0].Quantity.String() != "1300" {
		t.Errorf("usage %+v", usage)
	}
	charges := w.srv.Charges(id)
	if len(charges) != 2 || charges[1].Billed != "300" || charges[1].Amount != currency.MustFromMinor(300, currency.USD) {
		t.Errorf("charges %+v", charges)
	}
}

// FUL-10: a host that cannot verify the token refuses the call, and the
// marketplace retries it.
func TestFUL10_ForeignKeyRefused(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{RetryEvery: time.Hour})
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	host := NewHost(srv.URL, srv.Client(), []fulfillment.SigningKey{{ID: "marketplacetest", Key: &other.PublicKey}}, srv.Now)
	web := httptest.NewServer(host.Handler())
	t.Cleanup(web.Close)
	srv.SetWebhook(web.URL + "/webhook")
	p, _ := srv.Buy(marketplacetest.Order{})
	srv.Unsubscribe(p.SubscriptionID)
	srv.Advance(3 * time.Hour)
	var status []int
	for _, e := range srv.Log() {
		status = append(status, e.Status)
	}
	if diff := cmp.Diff([]int{401, 401, 401, 401}, status); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(host.Answers()) != 0 {
		t.Error("a call with a foreign token was acted on")
	}
}

// The host refuses what it cannot trust: a landing page without a token,
// a webhook body it cannot read, an operation the marketplace does not
// confirm, and it keeps usage whose sending failed.
func TestHostRefusals(t *testing.T) {
	w := newWorld(t)
	get := func(path string) int {
		resp, err := w.web.Client().Get(w.web.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if c := get("/landing"); c != 400 {
		t.Errorf("landing without a token: %d", c)
	}
	if c := get("/landing?token=unknown"); c != 502 {
		t.Errorf("landing with an unknown token: %d", c)
	}
	post := func(body string) int {
		req := httptest.NewRequest("POST", "/webhook", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+w.srv.Token())
		rec := httptest.NewRecorder()
		w.host.Handler().ServeHTTP(rec, req)
		return rec.Code
	}
	if c := post("{"); c != 400 {
		t.Errorf("unreadable body: %d", c)
	}
	if c := post(`{"id":"x","subscriptionId":"y","action":"Renew","timeStamp":"2024-01-31T09:00:00Z"}`); c != 400 {
		t.Errorf("unconfirmed operation: %d", c)
	}
	id := w.buy(t, marketplacetest.Order{PlanID: "basic"})
	w.host.Record(id, "api-calls", 1, w.srv.Now())
	w.srv.Advance(time.Hour)
	w.host.API = "http://127.0.0.1:1/api"
	if err := w.host.SendUsage(context.Background()); err == nil {
		t.Error("sending to nowhere succeeded")
	}
	w.host.Client = nil
	if err := w.host.SendUsage(context.Background()); err == nil {
		t.Error("sending without a client succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w.host.RunMetering(ctx, make(chan time.Time)) // returns when ctx is done
}

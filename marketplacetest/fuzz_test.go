package marketplacetest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/marketplacetest"
)

// The API answers any request with one of its statuses and a body it can
// read back, and never panics (a panic in a handler would reach the
// test through the server's logs and the missing answer).
func FuzzHandler(f *testing.F) {
	srv := marketplacetest.NewServer(f, marketplacetest.Config{})
	p, _ := srv.Buy(marketplacetest.Order{PlanID: "premium", Quantity: 2})
	id := p.SubscriptionID
	client := srv.Client()
	corpus := []struct {
		method byte
		path   string
		body   string
		header string
	}{
		{0, "saas/subscriptions/resolve", "", p.Token},
		{1, "saas/subscriptions/" + id + "/activate", `{"planId":"premium","quantity":2}`, ""},
		{2, "saas/subscriptions/" + id, `{"quantity":"3"}`, ""},
		{2, "saas/subscriptions/" + id, `{"planId":{"a":[[[[1]]]]}}`, ""},
		{3, "saas/subscriptions/" + id, "", ""},
		{4, "saas/subscriptions/" + id + "/operations/x", `{"status":"Success"}`, ""},
		{1, "usageEvent", `{"resourceId":"` + id + `","quantity":1e400,"dimension":"api-calls","effectiveStartTime":"2024-01-01T00:00:00Z","planId":"premium"}`, ""},
		{1, "batchUsageEvent", `{"request":[{},{"quantity":-0}]}`, ""},
		{0, "usageEvents?usageStartDate=9999-12-31", "", ""},
		{0, "saas/subscriptions/?continuationToken=99999999999999999999", "", ""},
		{0, "saas/subscriptions//operations/", "\x00\xff", ""},
	}
	for _, s := range corpus {
		f.Add(s.method, s.path, []byte(s.body), s.header)
	}
	methods := []string{"GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS"}
	f.Fuzz(func(t *testing.T, m byte, path string, body []byte, token string) {
		if strings.ContainsFunc(path, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			// net/http's client sends a query's spaces and control
			// characters as they are, and its server refuses the request
			// line with a plain-text 400 before any handler runs.
			return
		}
		u := srv.URL + "/" + path
		if !strings.Contains(path, "api-version") {
			if strings.Contains(path, "?") {
				u += "&api-version=2018-08-31"
			} else {
				u += "?api-version=2018-08-31"
			}
		}
		req, err := http.NewRequest(methods[int(m)%len(methods)], u, bytes.NewReader(body))
		if err != nil {
			return
		}
		if token != "" && !strings.ContainsAny(token, "\r\n\x00") {
			req.Header.Set("x-ms-marketplace-token", token)
		}
		resp, err := client.Do(req)
		if err != nil {
			return // not a request net/http sends
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !slices.Contains([]int{200, 202, 400, 401, 403, 404, 405, 409}, resp.StatusCode) {
			t.Fatalf("%s %s: status %d %s", req.Method, path, resp.StatusCode, out)
		}
		if len(out) > 0 && req.Method != "HEAD" && !json.Valid(out) {
			t.Fatalf("%s %s: body not JSON: %q", req.Method, path, out)
		}
	})
}

// Property: a host that applies every webhook call with
// fulfillment.Policy.Replay, answering none, ends with the subscription
// the marketplace holds, whatever the customer does and however the
// clock moves; every answer of the marketplace is consistent with its
// state.
func TestPropertyReplayAgrees(t *testing.T) {
	for run := range uint64(12) {
		rng := rand.New(rand.NewPCG(run, 7))
		srv := marketplacetest.NewServer(t, marketplacetest.Config{Start: time.Date(2024, 1, 31, 13, 0, 0, 0, time.UTC)})
		rc := newReceiver(t, srv)
		var ids []string
		first := map[string]fulfillment.State{}
		for range 3 {
			id := bought(t, srv, marketplacetest.Order{PlanID: "premium", Quantity: 3})
			st, _ := srv.Subscription(id)
			first[id] = fulfillment.State{Subscription: st.Subscription, Anchor: st.Anchor}
			ids = append(ids, id)
		}
		for range 40 {
			id := ids[rng.IntN(len(ids))]
			switch rng.IntN(7) {
			case 0:
				srv.ChangePlan(id, []string{"basic", "premium"}[rng.IntN(2)])
			case 1:
				srv.ChangeQuantity(id, int64(1+rng.IntN(120)))
			case 2:
				srv.Suspend(id)
			case 3:
				srv.Reinstate(id)
			case 4:
				if rng.IntN(4) == 0 {
					srv.Unsubscribe(id)
				}
			case 5:
				srv.Advance(time.Duration(rng.Int64N(int64(40 * 24 * time.Hour))))
			case 6:
				srv.Advance(time.Duration(rng.IntN(15)) * time.Second)
			}
		}
		srv.Advance(11 * time.Second)
		// The host confirms each call with Get Operation, as Microsoft
		// asks, and drops those that failed or were overtaken.
		byID := map[string][]fulfillment.Webhook{}
		final := map[string]fulfillment.OperationStatus{}
		for _, id := range ids {
			for _, op := range srv.Operations(id) {
				final[op.ID] = op.Status
			}
		}
		for _, h := range rc.calls() {
			if s := final[h.ID]; s == fulfillment.OperationSucceeded {
				byID[h.SubscriptionID] = append(byID[h.SubscriptionID], h)
			}
		}
		for _, id := range ids {
			got, err := fulfillment.DefaultPolicy().Replay(first[id], byID[id])
			if err != nil {
				t.Fatalf("run %d: %v", run, err)
			}
			want, _ := srv.Subscription(id)
			if diff := cmp.Diff(want.Subscription, got.Subscription, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("run %d, %s: marketplace and replayed webhooks disagree (-marketplace +replay):\n%s", run, id, diff)
			}
			for _, op := range srv.Operations(id) {
				if op.Status == fulfillment.OperationInProgress || op.Status == fulfillment.OperationNotStarted {
					t.Errorf("run %d: operation %s left %s", run, op.ID, op.Status)
				}
			}
		}
	}
}

package marketplacetest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/marketplacetest"
)

// receiver is a webhook endpoint that records the calls and answers with
// the status answer returns (200 when nil).
type receiver struct {
	mu     sync.Mutex
	hooks  []fulfillment.Webhook
	tokens []string
	answer func(fulfillment.Webhook) int
	srv    *httptest.Server
}

func newReceiver(t *testing.T, srv *marketplacetest.Server) *receiver {
	rc := &receiver{}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var h fulfillment.Webhook
		if err := fulfillment.DefaultPolicy().Decode(body, &h); err != nil {
			t.Errorf("webhook body: %v", err)
		}
		rc.mu.Lock()
		rc.hooks = append(rc.hooks, h)
		rc.tokens = append(rc.tokens, r.Header.Get("Authorization"))
		answer := rc.answer
		rc.mu.Unlock()
		status := http.StatusOK
		if answer != nil {
			status = answer(h)
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.srv.Close)
	srv.SetWebhook(rc.srv.URL + "/webhook")
	return rc
}

func (rc *receiver) setAnswer(f func(fulfillment.Webhook) int) {
	rc.mu.Lock()
	rc.answer = f
	rc.mu.Unlock()
}

func (rc *receiver) calls() []fulfillment.Webhook {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]fulfillment.Webhook(nil), rc.hooks...)
}

func (rc *receiver) last(t *testing.T) fulfillment.Webhook {
	t.Helper()
	c := rc.calls()
	if len(c) == 0 {
		t.Fatal("no webhook call")
	}
	return c[len(c)-1]
}

// call makes a request to the emulator with the access token and returns
// the status, the headers and the body.
func call(t *testing.T, srv *marketplacetest.Server, method, path, body string, header ...string) (int, http.Header, []byte) {
	t.Helper()
	url := path
	if !strings.HasPrefix(path, "http") {
		url = srv.URL + path
		if !strings.Contains(path, "api-version") {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			url += sep + "api-version=2018-08-31"
		}
	}
	req, err := http.NewRequest(method, url, bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+srv.AccessToken())
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

// bought buys a plan and activates it through the API.
func bought(t *testing.T, srv *marketplacetest.Server, o marketplacetest.Order) string {
	t.Helper()
	p, err := srv.Buy(o)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := srv.Subscription(p.SubscriptionID)
	body, _ := json.Marshal(fulfillment.SubscriberPlan{PlanID: st.Subscription.PlanID, Quantity: st.Subscription.Quantity})
	if code, _, b := call(t, srv, "POST", "/saas/subscriptions/"+p.SubscriptionID+"/activate", string(body)); code != 200 {
		t.Fatalf("activate: %d %s", code, b)
	}
	return p.SubscriptionID
}

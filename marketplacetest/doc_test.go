package marketplacetest_test

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/marketplacetest"
)

// keys lists the JSON paths of a document ("subscription.term.termUnit",
// "subscriptions[].id"), reading pid as puid (Microsoft's examples write
// both, FUL-12).
func keys(t *testing.T, data []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	set := map[string]bool{}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if k == "pid" {
					k = "puid"
				}
				p := k
				if path != "" {
					p = path + "." + k
				}
				set[p] = true
				walk(e, p)
			}
		case []any:
			for _, e := range x {
				walk(e, path+"[]")
			}
		}
	}
	walk(v, "")
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// sameShape checks that an answer of the emulator has the fields of the
// documentation's example and no others, but for the named exceptions
// (a name, at any depth; "=path", that path only).
func sameShape(t *testing.T, example string, got []byte, except ...string) {
	t.Helper()
	doc, err := os.ReadFile("testdata/" + example)
	if err != nil {
		t.Fatal(err)
	}
	drop := func(ks []string) []string {
		return slices.DeleteFunc(ks, func(k string) bool {
			for _, e := range except {
				if exact, ok := strings.CutPrefix(e, "="); ok {
					if k == exact {
						return true
					}
					continue
				}
				if k == e || strings.HasSuffix(k, "."+e) {
					return true
				}
			}
			return false
		})
	}
	if diff := cmp.Diff(drop(keys(t, doc)), drop(keys(t, got))); diff != "" {
		t.Errorf("%s: fields (-documentation +emulator):\n%s\n%s", example, diff, got)
	}
}

// The fulfillment API's answers have the fields of the documentation's
// examples. Not sent by the emulator: null values (purchaseToken,
// chargeDuration); a subscription's created and lastModified are sent
// wherever the API sends them in some example.
func TestDocumentationFulfillment(t *testing.T) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{})
	rc := newReceiver(t, srv)
	p, _ := srv.Buy(marketplacetest.Order{PlanID: "premium", Quantity: 20})
	_, _, body := call(t, srv, "POST", "/saas/subscriptions/resolve", "", "x-ms-marketplace-token", p.Token)
	// Before activation a subscription has no term dates.
	sameShape(t, "fulfillment-resolve.json", body, "startDate", "endDate", "created")
	call(t, srv, "POST", "/saas/subscriptions/"+p.SubscriptionID+"/activate", `{"planId":"premium","quantity":20}`)
	_, _, body = call(t, srv, "GET", "/saas/subscriptions/"+p.SubscriptionID, "")
	sameShape(t, "fulfillment-subscription.json", body, "created")
	srv.Buy(marketplacetest.Order{PlanID: "premium", Quantity: 3})
	_, _, body = call(t, srv, "GET", "/saas/subscriptions/?api-version=2018-08-31&continuationToken=0", "")
	// The list's example shows only some of a subscription's fields.
	sameShape(t, "fulfillment-subscriptions.json", body, "beneficiary", "emailId", "objectId", "tenantId", "puid", "purchaser",
		"isTest", "isFreeTrial", "created", "lastModified", "startDate", "endDate", "@nextLink")
	op, _ := srv.ChangePlan(p.SubscriptionID, "basic")
	_, _, body = call(t, srv, "GET", "/saas/subscriptions/"+p.SubscriptionID+"/operations", "")
	// A flat-rate plan has no quantity.
	sameShape(t, "fulfillment-operations.json", body, "quantity")
	_, _, body = call(t, srv, "GET", "/saas/subscriptions/"+p.SubscriptionID+"/operations/"+op.ID, "")
	sameShape(t, "fulfillment-operation.json", body, "quantity")
	hook, _ := json.Marshal(rc.last(t))
	sameShape(t, "fulfillment-webhook-changeplan.json", hook, "purchaseToken", "chargeDuration", "=quantity")
	_, _, body = call(t, srv, "PATCH", "/saas/subscriptions/"+p.SubscriptionID, `{"plan":"gold"}`)
	sameShape(t, "fulfillment-error.json", body)
}

func meteringServer(t *testing.T) (*marketplacetest.Server, string) {
	srv := marketplacetest.NewServer(t, marketplacetest.Config{Start: time.Date(2018, 12, 1, 10, 0, 0, 0, time.UTC),
		Plans: []marketplacetest.Plan{{ID: "plan1", Dimensions: []marketplacetest.Dimension{{ID: "dim1"}, {ID: "email"}}}}})
	return srv, bought(t, srv, marketplacetest.Order{PlanID: "plan1"})
}

func docRequest(t *testing.T, id string) string {
	b, err := os.ReadFile("testdata/metering-usage-request.json")
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "<guid>", id)
}

// The metering API's answers have the fields of the documentation's
// examples: 200, 400 and 409 for one event, 200 for a batch, and the
// usage-event retrieval.
func TestDocumentationMetering(t *testing.T) {
	srv, id := meteringServer(t)
	req := docRequest(t, id)
	code, _, body := call(t, srv, "POST", "/usageEvent", req)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	sameShape(t, "metering-usage-200.json", body)
	got := decode[map[string]any](t, body)
	// The time is written with its zone, "2018-12-01T08:30:14Z".
	if got["effectiveStartTime"] != "2018-12-01T08:30:14Z" || got["status"] != "Accepted" {
		t.Errorf("%s", body)
	}
	code, _, body = call(t, srv, "POST", "/usageEvent", req)
	if code != 409 {
		t.Fatalf("duplicate: %d %s", code, body)
	}
	sameShape(t, "metering-usage-409.json", body)
	code, _, body = call(t, srv, "POST", "/usageEvent", strings.Replace(req, `"resourceId": "`+id+`",`, "", 1))
	if code != 400 {
		t.Fatalf("no resource: %d %s", code, body)
	}
	sameShape(t, "metering-usage-400.json", body)

	batch := `{"request":[` + strings.Replace(req, "08:30:14", "09:10:00", 1) + `,` + req + `]}`
	code, _, body = call(t, srv, "POST", "/batchUsageEvent", batch)
	if code != 200 {
		t.Fatalf("batch: %d %s", code, body)
	}
	// The documentation's Duplicate shows no usageEventId, as the emulator.
	sameShape(t, "metering-batch-200.json", body)
	// MTR-04: the item not accepted carries the zero messageTime as the
	// documentation writes it (package metering's Result encodes it).
	if !strings.Contains(string(body), `"messageTime":"0001-01-01T00:00:00"`) {
		t.Errorf("batch: no zero messageTime: %s", body)
	}

	code, _, body = call(t, srv, "GET", "/usageEvents?usageStartDate=2018-12-01", "")
	if code != 200 {
		t.Fatalf("usageEvents: %d %s", code, body)
	}
	sameShape(t, "metering-usage-events-200.json", body)
}

// MTR-01: the effectiveStartTime sent is echoed as the same instant, in
// UTC as the API writes its instants ("2020-01-12T11:03:28.14Z"), whatever
// offset it was sent with; the accepted message of a 409 carries it too.
func TestMTR01_EffectiveStartTimeEchoedInUTC(t *testing.T) {
	srv, id := meteringServer(t)
	req := `{"resourceId":"` + id + `","quantity":1,"dimension":"dim1","effectiveStartTime":"2018-12-01T10:30:14.25+02:00","planId":"plan1"}`
	code, _, body := call(t, srv, "POST", "/usageEvent", req)
	if code != 200 || !strings.Contains(string(body), `"effectiveStartTime":"2018-12-01T08:30:14.25Z"`) {
		t.Fatalf("%d %s", code, body)
	}
	code, _, body = call(t, srv, "POST", "/usageEvent", strings.Replace(req, "10:30:14.25+02:00", "08:45:00Z", 1))
	if code != 409 || !strings.Contains(string(body), `"effectiveStartTime":"2018-12-01T08:30:14.25Z"`) {
		t.Fatalf("duplicate: %d %s", code, body)
	}
}

// Metering statuses and limits (the Marketplace Metering Service API).
func TestMeteringStatuses(t *testing.T) {
	srv, id := meteringServer(t)
	event := func(mod func(map[string]any)) map[string]any {
		e := map[string]any{"resourceId": id, "quantity": 1, "dimension": "dim1", "effectiveStartTime": "2018-12-01T09:00:00Z", "planId": "plan1"}
		if mod != nil {
			mod(e)
		}
		return e
	}
	cases := []struct {
		name string
		mod  func(map[string]any)
		want string
	}{
		{"accepted", nil, "Accepted"},
		{"same hour: duplicate", func(e map[string]any) { e["effectiveStartTime"] = "2018-12-01T09:59:59Z" }, "Duplicate"},
		{"expired", func(e map[string]any) { e["effectiveStartTime"] = "2018-11-30T09:59:59Z" }, "Expired"},
		{"future", func(e map[string]any) { e["effectiveStartTime"] = "2018-12-01T11:00:00Z" }, "BadArgument"},
		{"zero quantity", func(e map[string]any) { e["quantity"] = 0 }, "InvalidQuantity"},
		{"negative quantity", func(e map[string]any) { e["quantity"] = -1.5 }, "InvalidQuantity"},
		// MTR-04: an unknown dimension is InvalidDimension.
		{"unknown dimension", func(e map[string]any) { e["dimension"] = "sms" }, "InvalidDimension"},
		{"unknown resource", func(e map[string]any) { e["resourceId"] = "nope" }, "ResourceNotFound"},
		{"both resource and uri", func(e map[string]any) { e["resourceUri"] = "/subscriptions/x" }, "BadArgument"},
		{"another plan", func(e map[string]any) { e["planId"] = "gold" }, "BadArgument"},
		{"no time", func(e map[string]any) { delete(e, "effectiveStartTime") }, "BadArgument"},
		{"fractional", func(e map[string]any) { e["quantity"] = 0.25; e["effectiveStartTime"] = "2018-12-01T08:00:00Z" }, "Accepted"},
	}
	var events []map[string]any
	var want []string
	for _, c := range cases {
		events = append(events, event(c.mod))
		want = append(want, c.want)
	}
	body, _ := json.Marshal(map[string]any{"request": events})
	code, _, out := call(t, srv, "POST", "/batchUsageEvent", string(body))
	res := decode[struct {
		Count  int
		Result []struct{ Status string }
	}](t, out)
	var got []string
	for _, r := range res.Result {
		got = append(got, r.Status)
	}
	if diff := cmp.Diff(want, got); code != 200 || res.Count != len(cases) || diff != "" {
		t.Errorf("%d (-want +got):\n%s", code, diff)
	}
	var many []map[string]any
	for range 26 {
		many = append(many, event(nil))
	}
	for _, b := range []any{map[string]any{"request": many}, map[string]any{"request": []any{}}} {
		body, _ := json.Marshal(b)
		if code, _, out := call(t, srv, "POST", "/batchUsageEvent", string(body)); code != 400 {
			t.Errorf("batch of %d: %d %s", len(b.(map[string]any)["request"].([]any)), code, out)
		}
	}
	for _, bad := range []string{"", "{", `{"quantity":"x"}`, `[]`, `{} {}`} {
		if code, _, _ := call(t, srv, "POST", "/usageEvent", bad); code != 400 {
			t.Errorf("usageEvent %q: %d", bad, code)
		}
	}
	srv.Suspend(id)
	code, _, out = call(t, srv, "POST", "/usageEvent", `{"resourceId":"`+id+`","quantity":1,"dimension":"dim1","effectiveStartTime":"2018-12-01T07:00:00Z","planId":"plan1"}`)
	if code != 400 || !strings.Contains(string(out), "ResourceNotActive") {
		t.Errorf("suspended: %d %s", code, out)
	}
	if code, _, _ := call(t, srv, "GET", "/usageEvents", ""); code != 400 {
		t.Errorf("usageEvents without usageStartDate: %d", code)
	}
	_, _, out = call(t, srv, "GET", "/usageEvents?usageStartDate=2018-12-01T00:00:00Z&dimension=dim1&planId=plan1", "")
	if rows := decode[[]map[string]any](t, out); len(rows) != 2 {
		t.Errorf("rows: %s", out)
	}
	if u := srv.Usage(); len(u) != 2 || u[1].Quantity.String() != "0.25" {
		t.Errorf("usage %+v", u)
	}
	_ = fulfillment.Subscribed
}

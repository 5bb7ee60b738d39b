package fulfillment

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// normalize re-reads JSON into generic values for comparison.
func normalize(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// dropNulls removes members whose value is null or a zero time written
// without a zone: what the API sends as "no value".
func dropNulls(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil || e == "0001-01-01T00:00:00" {
				delete(x, k)
				continue
			}
			x[k] = dropNulls(e)
		}
	case []any:
		for i := range x {
			x[i] = dropNulls(x[i])
		}
	}
	return v
}

// TestRoundTripDocumentation decodes the documentation's payloads, encodes
// them again, and compares with the payload: the same members and values,
// except what FUL-12 normalises (pid → puid, quantity "25" → 25,
// "Success" → "Succeeded", nulls dropped).
func TestRoundTripDocumentation(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		file  string
		value func() any
		fix   func(m map[string]any)
	}{
		{"webhook-changeplan.json", func() any { return new(Webhook) }, nil},
		{"webhook-changequantity-2019.json", func() any { return new(Webhook) }, func(m map[string]any) {
			m["quantity"] = 25.0
			m["status"] = "Succeeded"
		}},
		{"subscription.json", func() any { return new(Subscription) }, func(m map[string]any) {
			for _, k := range []string{"beneficiary", "purchaser"} {
				id := m[k].(map[string]any)
				id["puid"] = id["pid"]
				delete(id, "pid")
			}
		}},
		{"resolve.json", func() any { return new(Resolved) }, func(m map[string]any) {
			s := m["subscription"].(map[string]any)
			for _, k := range []string{"beneficiary", "purchaser"} {
				id := s[k].(map[string]any)
				id["puid"] = id["pid"]
				delete(id, "pid")
			}
		}},
		{"operation.json", func() any { return new(Operation) }, nil},
		{"ack.json", func() any { return new(Acknowledgement) }, nil},
		{"error.json", func() any { return new(ErrorBody) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := readFile(t, tt.file)
			v := tt.value()
			if err := p.Decode(doc, v); err != nil {
				t.Fatalf("Decode: %v", err)
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			want := dropNulls(normalize(t, doc))
			if tt.fix != nil {
				tt.fix(want.(map[string]any))
			}
			if diff := cmp.Diff(want, normalize(t, out)); diff != "" {
				t.Errorf("encoded differs from the documentation (-doc +encoded):\n%s", diff)
			}
			// And the encoded form decodes to the same value.
			again := tt.value()
			if err := p.Decode(out, again); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(v, again); diff != "" {
				t.Errorf("second round trip (-first +second):\n%s", diff)
			}
		})
	}
}

func TestDecodeLists(t *testing.T) {
	p := DefaultPolicy()
	var ops []Operation
	if err := p.Decode(readFile(t, "operations.json"), &ops); err != nil || len(ops) != 1 || ops[0].Status != OperationInProgress {
		t.Fatalf("operations: %v %+v", err, ops)
	}
	var subs []Subscription
	if err := p.Decode(readFile(t, "subscriptions.json"), &subs); err != nil || len(subs) != 1 || subs[0].SandboxType != SandboxCsp || subs[0].Term.Unit != P1Y {
		t.Fatalf("subscriptions: %v %+v", err, subs)
	}
	if err := p.Decode([]byte(`[{"id":"a","saasSubscriptionStatus":"Gone"}]`), &subs); !problemAt(err, "subscriptions[0].saasSubscriptionStatus", ErrUnknownValue) {
		t.Errorf("bare list with a bad status: %v", err)
	}
	if err := p.Decode([]byte(`{"other":[]}`), &ops); err != nil || len(ops) != 0 {
		t.Errorf("object without operations: %v %v", err, ops)
	}
	var plan SubscriberPlan
	if err := p.Decode([]byte(`{"planId":"gold","quantity":"7"}`), &plan); err != nil || plan != (SubscriberPlan{PlanID: "gold", Quantity: 7}) {
		t.Errorf("subscriber plan: %v %+v", err, plan)
	}
}

// TestFUL12Lenient: unknown fields ignored, pid and puid, quantity as
// number or numeric string, unknown actions kept by name, missing
// optional fields, case variants.
func TestFUL12_Lenient(t *testing.T) {
	p := DefaultPolicy()
	body := `{"id":"op","subscriptionId":"s","action":"Transfer","timeStamp":"2024-05-01T10:00:00",
		"status":"succeeded","operationRequestSource":"partner","quantity":"12","somethingNew":{"a":[1,2]},
		"subscription":{"id":"s","saasSubscriptionStatus":"subscribed","quantity":12.0,
		"beneficiary":{"pid":"p1"},"purchaser":{"puid":"p2","pid":"p3"},"sandboxType":"csp","sessionMode":"dryrun",
		"allowedCustomerOperations":["read"],"term":{"termUnit":"p1y","startDate":"2024-05-01"}}}`
	var w Webhook
	if err := p.Decode([]byte(body), &w); err != nil {
		t.Fatal(err)
	}
	s := w.Subscription
	checks := []struct {
		name string
		ok   bool
	}{
		{"unknown action kept", w.Action == "Transfer" && !w.Action.Known()},
		{"status case", w.Status == OperationSucceeded},
		{"source case", w.Source == FromPartner},
		{"quantity string", w.Quantity == 12},
		{"quantity 12.0", s.Quantity == 12},
		{"pid", s.Beneficiary.PUID == "p1"},
		{"puid wins", s.Purchaser.PUID == "p2"},
		{"autoRenew default", s.AutoRenew},
		{"sandbox", s.SandboxType == SandboxCsp},
		{"dry run", s.SessionMode == DryRun && s.IsTestPurchase()},
		{"read only", s.Allows(CustomerRead) && !s.Allows(CustomerDelete)},
		{"term unit", s.Term.Unit == P1Y && s.Term.Unit.Months() == 12},
		{"date only", s.Term.Start.Equal(at("2024-05-01T00:00:00Z"))},
		{"no zone is UTC", w.TimeStamp.Equal(at("2024-05-01T10:00:00Z"))},
		{"status", s.Status == Subscribed},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: %+v", c.name, w)
		}
	}
	var op Operation
	if err := p.Decode([]byte(`{"id":"o","subscriptionId":"s","action":"changeplan"}`), &op); err != nil || op.Action != ChangePlan {
		t.Errorf("action case: %v %q", err, op.Action)
	}
}

func TestDecodeProblems(t *testing.T) {
	p := DefaultPolicy()
	small := p
	small.MaxBody = 10
	tests := []struct {
		name     string
		pol      Policy
		body     string
		target   any
		path     string
		sentinel error
	}{
		{"missing subscription id", p, `{"saasSubscriptionStatus":"Subscribed"}`, new(Subscription), "id", ErrMissing},
		{"unknown status", p, `{"id":"s","saasSubscriptionStatus":"Paused"}`, new(Subscription), "saasSubscriptionStatus", ErrUnknownValue},
		{"term order", p, `{"id":"s","term":{"startDate":"2024-02-01T00:00:00Z","endDate":"2024-01-01T00:00:00Z"}}`, new(Subscription), "term.endDate", ErrTermOrder},
		{"bad date", p, `{"id":"s","created":"yesterday"}`, new(Subscription), "created", ErrInvalidValue},
		{"bad quantity", p, `{"id":"s","quantity":"ten"}`, new(Subscription), "quantity", ErrInvalidValue},
		{"fraction", p, `{"id":"s","quantity":2.5}`, new(Subscription), "quantity", ErrInvalidValue},
		{"negative quantity", p, `{"id":"s","quantity":-1}`, new(Subscription), "quantity", ErrInvalidValue},
		{"before creation", p, `{"id":"o","subscriptionId":"s","action":"Renew","timeStamp":"2024-01-01T00:00:00Z","subscription":{"id":"s","created":"2024-02-01T00:00:00Z"}}`, new(Webhook), "timeStamp", ErrBeforeCreated},
		{"other subscription", p, `{"id":"o","subscriptionId":"s","action":"Renew","subscription":{"id":"t"}}`, new(Webhook), "subscription.id", ErrOtherSubscription},
		{"nested missing id", p, `{"id":"o","subscriptionId":"s","action":"Renew","subscription":{}}`, new(Webhook), "subscription.id", ErrMissing},
		{"missing operation id", p, `{"subscriptionId":"s","action":"Renew"}`, new(Operation), "id", ErrMissing},
		{"missing action", p, `{"id":"o","subscriptionId":"s"}`, new(Operation), "action", ErrMissing},
		{"unknown op status", p, `{"id":"o","subscriptionId":"s","action":"Renew","status":"Maybe"}`, new(Operation), "status", ErrUnknownValue},
		{"resolve without id", p, `{"planId":"x"}`, new(Resolved), "id", ErrMissing},
		{"wrong type", p, `{"id":5}`, new(Subscription), "id", ErrMalformed},
		{"malformed", p, `{"id":`, new(Subscription), "", ErrMalformed},
		{"too large", small, `{"id":"abcdefgh"}`, new(Subscription), "", ErrTooLarge},
		{"too deep", p, strings.Repeat("[", 40) + strings.Repeat("]", 40), new(Subscription), "", ErrTooLarge},
		{"target", p, `{}`, new(int), "", ErrInvalidValue},
		{"nil target", p, `{}`, nil, "", ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.pol.Decode([]byte(tt.body), tt.target)
			if !problemAt(err, tt.path, tt.sentinel) {
				t.Errorf("Decode(%s) = %v, want a problem at %q wrapping %v", tt.body, err, tt.path, tt.sentinel)
			}
		})
	}
}

func TestDecodeDepthIgnoresStrings(t *testing.T) {
	p := DefaultPolicy()
	p.MaxDepth = 3
	body := `{"id":"o","subscriptionId":"s","action":"Renew","planId":"[[[[[[\"{{{{"}`
	var op Operation
	if err := p.Decode([]byte(body), &op); err != nil {
		t.Fatal(err)
	}
	if op.PlanID != `[[[[[["{{{{` {
		t.Errorf("plan %q", op.PlanID)
	}
}

func TestErrorBody(t *testing.T) {
	b := ErrorBody{Code: "BadArgument", Message: "bad", Details: []ErrorBody{{Code: "x", Target: "planId"}}}
	out, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"error":{"code":"BadArgument","message":"bad","details":[{"code":"x","target":"planId"}]}}`
	if string(out) != want {
		t.Errorf("got %s\nwant %s", out, want)
	}
	var back ErrorBody
	if err := json.Unmarshal(out, &back); err != nil || !cmp.Equal(back, b) {
		t.Errorf("round trip: %v %+v", err, back)
	}
	if err := json.Unmarshal([]byte(`{"code":"c","message":"m"}`), &back); err != nil || back.Code != "c" {
		t.Errorf("unwrapped: %v %+v", err, back)
	}
}

// TestZeroValuesMarshal: every exported value's zero value marshals, and
// round-trips through encoding/json.
func TestZeroValuesMarshal(t *testing.T) {
	values := []any{
		&Subscription{}, &Identity{}, &Term{}, &Resolved{}, &Operation{}, &Webhook{}, &Acknowledgement{},
		&SubscriberPlan{}, &ErrorBody{}, &State{}, &Request{}, &Decision{}, &ActivateRequest{}, &ChangeRequest{},
		&CancelRequest{}, &LandingRequest{}, &Check{}, &Claims{}, &TokenRequest{}, &TokenCheck{}, &SigningKey{}, &Policy{},
		&AckRequest{}, &MoneyRequest{}, &Money{},
		new(Status), new(Action), new(OperationStatus), new(Source), new(TermUnit), new(SandboxType), new(SessionMode),
		new(CustomerOperation), new(AckStatus), new(Service),
	}
	for _, v := range values {
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%T: %v", v, err)
			continue
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Errorf("%T: unmarshal %s: %v", v, b, err)
		}
	}
}

// TestValuesRoundTrip: non-zero values round-trip through encoding/json.
func TestValuesRoundTrip(t *testing.T) {
	s := subscribed()
	d, err := DefaultPolicy().Decide(Request{State: s, Webhook: hook("op1", Suspend, OperationSucceeded, "2024-02-10T00:00:00Z")})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []any{s, d, DefaultPolicy()} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		back := newOf(v)
		if err := json.Unmarshal(b, back); err != nil {
			t.Fatalf("%T: %v", v, err)
		}
		if diff := cmp.Diff(v, deref(back)); diff != "" {
			t.Errorf("%T (-want +got):\n%s", v, diff)
		}
	}
}

func newOf(v any) any {
	switch v.(type) {
	case State:
		return new(State)
	case Decision:
		return new(Decision)
	case Policy:
		return new(Policy)
	}
	return nil
}

func deref(v any) any {
	switch x := v.(type) {
	case *State:
		return *x
	case *Decision:
		return *x
	case *Policy:
		return *x
	}
	return nil
}

func TestStatusText(t *testing.T) {
	var s Status
	if err := s.UnmarshalText([]byte("pendingfulfillmentstart")); err != nil || s != PendingFulfillmentStart {
		t.Errorf("%v %v", s, err)
	}
	if err := s.UnmarshalText([]byte("Paused")); !errors.Is(err, ErrUnknownValue) {
		t.Errorf("unknown: %v", err)
	}
	if _, err := Status(9).MarshalText(); err == nil || Status(9).String() != "fulfillment.Status(9)" {
		t.Errorf("invalid status: %v %s", err, Status(9))
	}
	if b, err := Status(0).MarshalText(); err != nil || len(b) != 0 || Status(0).String() != "" {
		t.Errorf("zero status: %q %v", b, err)
	}
}

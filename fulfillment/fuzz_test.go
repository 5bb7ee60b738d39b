package fulfillment

import (
	"encoding/json"
	"testing"
)

func addSeeds(f *testing.F) {
	for _, name := range []string{"webhook-changeplan.json", "webhook-changequantity-2019.json", "subscription.json",
		"resolve.json", "operation.json", "operations.json", "subscriptions.json", "ack.json", "error.json"} {
		f.Add(readFile(f, name))
	}
	f.Add([]byte(`{"quantity":"1e9","timeStamp":"\"","subscription":{"term":{"startDate":1}}}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`))
}

// fuzzTarget decodes data into v and checks that a decoded value encodes
// and decodes again to the same encoding (what the API sends, read back).
func fuzzTarget[T any](t *testing.T, data []byte) {
	p := DefaultPolicy()
	var v T
	if err := p.Decode(data, &v); err != nil {
		return
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encoding a decoded %T: %v", v, err)
	}
	var again T
	if err := p.Decode(out, &again); err != nil {
		t.Fatalf("decoding an encoded %T: %v\n%s", v, err, out)
	}
	out2, _ := json.Marshal(again)
	if string(out) != string(out2) {
		t.Fatalf("%T does not round-trip:\n%s\n%s", v, out, out2)
	}
}

func FuzzDecodeWebhook(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzTarget[Webhook](t, data)
		// A decoded webhook is decided without panicking.
		var w Webhook
		if DefaultPolicy().Decode(data, &w) == nil {
			s := State{Subscription: w.Subscription}
			s.Subscription.Status = Subscribed
			if d, err := DefaultPolicy().Decide(Request{State: s, Webhook: w}); err == nil {
				_ = d.Explain(1)
			}
		}
	})
}

func FuzzDecodeSubscription(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzTarget[Subscription](t, data) })
}

func FuzzDecodeOperation(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzTarget[Operation](t, data)
		fuzzTarget[[]Operation](t, data)
	})
}

func FuzzDecodeResolved(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzTarget[Resolved](t, data)
		fuzzTarget[[]Subscription](t, data)
	})
}

func FuzzDecodeSmallBodies(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzTarget[Acknowledgement](t, data)
		fuzzTarget[SubscriberPlan](t, data)
		fuzzTarget[ErrorBody](t, data)
	})
}

func FuzzParseKeySet(f *testing.F) {
	f.Add([]byte(`{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"k"}]}`))
	f.Add([]byte(`{"keys":[{"kty":"oct","k":"AAAA"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, err := ParseKeySet(data)
		if err != nil {
			return
		}
		for _, k := range keys {
			if _, err := json.Marshal(k); err != nil {
				t.Fatalf("key %q: %v", k.ID, err)
			}
		}
	})
}

func FuzzVerifyToken(f *testing.F) {
	f.Add("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.e30.c2ln")
	f.Add("Bearer a.b.c")
	f.Fuzz(func(t *testing.T, tok string) {
		p := DefaultPolicy()
		c, err := p.VerifyToken(TokenRequest{Token: tok, Keys: []SigningKey{{ID: "k1"}}, Audience: "a", TenantID: "t", At: issued})
		if err == nil && c.Allowed {
			t.Fatalf("a token verified without a key: %v", c)
		}
	})
}

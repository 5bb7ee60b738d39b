package fulfillment_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/rule"
)

// body is a webhook call as the documentation shows one: a customer's
// plan change, waiting for the publisher's answer.
const body = `{
  "id": "6f0c3a1e-1b2c-4d3e-8f40-000000000001",
  "activityId": "b1c2d3e4-0000-4000-8000-000000000001",
  "publisherId": "contoso",
  "offerId": "contoso-workspace",
  "planId": "gold",
  "quantity": 10,
  "subscriptionId": "37f9dea2-4345-438f-b0bd-03d40d28c7e0",
  "timeStamp": "2024-02-12T09:30:00.1234567Z",
  "action": "ChangePlan",
  "status": "InProgress",
  "operationRequestSource": "Azure",
  "subscription": {
    "id": "37f9dea2-4345-438f-b0bd-03d40d28c7e0",
    "name": "Fabrikam workspace",
    "planId": "gold",
    "quantity": 10,
    "beneficiary": {"emailId": "it@fabrikam.se", "pid": "1003BFFD8F6D1A2B"},
    "saasSubscriptionStatus": "Subscribed",
    "term": {"startDate": "2024-01-31T00:00:00Z", "endDate": "2024-02-29T00:00:00Z", "termUnit": "P1M"},
    "created": "2024-01-31T10:15:00Z",
    "futureField": "ignored"
  }
}`

func subscription() fulfillment.Subscription {
	return fulfillment.Subscription{
		ID: "37f9dea2-4345-438f-b0bd-03d40d28c7e0", PlanID: "silver", Quantity: 10,
		Status: fulfillment.Subscribed, AutoRenew: true,
		Term:                      fulfillment.Term{Unit: fulfillment.P1M, Start: time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		AllowedCustomerOperations: []fulfillment.CustomerOperation{fulfillment.CustomerRead, fulfillment.CustomerUpdate, fulfillment.CustomerDelete},
		Created:                   time.Date(2024, 1, 31, 10, 15, 0, 0, time.UTC),
	}
}

func ExampleDefaultPolicy() {
	p := fulfillment.DefaultPolicy()
	fmt.Println(p.AckWithin, p.SuspensionGrace, p.KeepData, p.TokenValidity, p.Validate())
	// Output: 10s 720h0m0s 168h0m0s 24h0m0s <nil>
}

func ExamplePolicy_Validate() {
	err := fulfillment.Policy{AckWithin: 10 * time.Second}.Validate()
	var ps rule.Problems
	errors.As(err, &ps)
	fmt.Println(len(ps), ps[0].Path, errors.Is(err, fulfillment.ErrPolicy))
	// Output:
	// 8 policy.suspensionGrace true
}

func ExamplePolicy_Decode() {
	var w fulfillment.Webhook
	err := fulfillment.DefaultPolicy().Decode([]byte(body), &w)
	fmt.Println(err)
	fmt.Println(w.Action, w.Status, w.Source, w.PlanID, w.Subscription.Beneficiary.PUID, w.Subscription.AutoRenew)

	// A body that breaks the rules: every problem, with its path.
	err = fulfillment.DefaultPolicy().Decode([]byte(`{"action":"Renew","subscription":{"saasSubscriptionStatus":"Paused"}}`), &w)
	fmt.Println(err)
	// Output:
	// <nil>
	// ChangePlan InProgress Azure gold 1003BFFD8F6D1A2B true
	// 4 problems: id: the operation ID is missing (FUL-12); subscriptionId: the subscription ID is missing (FUL-12); subscription.id: the subscription ID is missing (FUL-01); subscription.saasSubscriptionStatus: unknown subscription status "Paused" (FUL-01)
}

func ExamplePolicy_Decide() {
	p := fulfillment.DefaultPolicy()
	var w fulfillment.Webhook
	if err := p.Decode([]byte(body), &w); err != nil {
		panic(err)
	}
	state := fulfillment.State{Subscription: subscription()}
	d, err := p.Decide(fulfillment.Request{State: state, Webhook: w, At: w.TimeStamp.Add(2 * time.Second)})
	if err != nil {
		panic(err)
	}
	fmt.Println(d)
	fmt.Println(d.Acknowledge, d.Ack, d.AckBy.Format(time.RFC3339), d.State.Subscription.PlanID, d.Service)
	// Output:
	// FUL-05 awaits-answer: ChangePlan Subscribed→Subscribed, answer 200, PATCH Success by 2024-02-12T09:30:10Z
	// true Success 2024-02-12T09:30:10Z gold full
}

func ExampleDecision_Explain() {
	p := fulfillment.DefaultPolicy()
	w := fulfillment.Webhook{Operation: fulfillment.Operation{ID: "op-5", SubscriptionID: "37f9dea2-4345-438f-b0bd-03d40d28c7e0",
		Action: fulfillment.Suspend, Status: fulfillment.OperationSucceeded, TimeStamp: time.Date(2024, 3, 3, 6, 0, 0, 0, time.UTC)}}
	d, _ := p.Decide(fulfillment.Request{State: fulfillment.State{Subscription: subscription()}, Webhook: w})
	fmt.Println(d.Explain(rule.English))
	fmt.Println(d.Explain(rule.Swedish))
	// Output:
	// Suspend (operation op-5) for a subscription in status Subscribed: it applies. The subscription is suspended (a failed payment): service blocked, data kept (FUL-07). Answer HTTP 200 at once; an unanswered call is retried up to 500 times over 8 hours (FUL-10). Now Suspended, plan "silver", quantity 10; the customer has no service but the data is kept. Without Reinstate it is cancelled on 2024-04-02T06:00:00Z (FUL-07). Verify the call's token and the operation (Get Operation) before acting on it (FUL-10).
	// Suspend (åtgärd op-5) för en prenumeration i status Subscribed: den gäller. Prenumerationen är avstängd (en misslyckad betalning): tjänsten spärrad, data sparas (FUL-07). Svara HTTP 200 direkt; ett obesvarat anrop görs om upp till 500 gånger under 8 timmar (FUL-10). Nu Suspended, plan "silver", antal 10; kunden har ingen tjänst men data sparas. Utan återaktivering sägs den upp 2024-04-02T06:00:00Z (FUL-07). Verifiera anropets token och åtgärden (Get Operation) innan du agerar (FUL-10).
}

func ExamplePolicy_Replay() {
	p := fulfillment.DefaultPolicy()
	at := func(day int) time.Time { return time.Date(2024, 3, day, 12, 0, 0, 0, time.UTC) }
	op := func(id string, a fulfillment.Action, day int) fulfillment.Webhook {
		return fulfillment.Webhook{Operation: fulfillment.Operation{ID: id, SubscriptionID: "37f9dea2-4345-438f-b0bd-03d40d28c7e0",
			Action: a, Status: fulfillment.OperationSucceeded, TimeStamp: at(day)}}
	}
	calls := []fulfillment.Webhook{
		op("1", fulfillment.Suspend, 3),
		op("1", fulfillment.Suspend, 3), // retried by Microsoft
		op("2", fulfillment.Reinstate, 5),
		op("0", fulfillment.Unsubscribe, 1), // older than the others: out of order
	}
	s, err := p.Replay(fulfillment.State{Subscription: subscription()}, calls)
	fmt.Println(s.Subscription.Status, s.LastOperationID, err)
	again, _ := p.Replay(s, calls)
	fmt.Println(again.Subscription.Status, again.LastOperationID)
	// Output:
	// Subscribed 2 <nil>
	// Subscribed 2
}

func ExamplePolicy_Activate() {
	sub := subscription()
	sub.Status = fulfillment.PendingFulfillmentStart
	p := fulfillment.DefaultPolicy()
	c, _ := p.Activate(fulfillment.ActivateRequest{Subscription: sub, PlanID: "silver", Quantity: 10})
	fmt.Println(c)
	sub.Status = fulfillment.Subscribed
	c, _ = p.Activate(fulfillment.ActivateRequest{Subscription: sub, PlanID: "silver", Quantity: 10})
	fmt.Println(c.Explain(rule.English))
	// Output:
	// FUL-03 activate: Activate → 200
	// Activate: the subscription is already activated; the API answers 400 (FUL-03).
}

func ExamplePolicy_Change() {
	p := fulfillment.DefaultPolicy()
	s := fulfillment.State{Subscription: subscription()}
	c, _ := p.Change(fulfillment.ChangeRequest{State: s, Quantity: 25, MinQuantity: 1, MaxQuantity: 20})
	fmt.Println(c.Explain(rule.English))
	c, _ = p.Change(fulfillment.ChangeRequest{State: s, PlanID: "gold"})
	fmt.Println(c, c.Body.PlanID)
	// Output:
	// ChangeQuantity: quantity 25 is outside the plan's user limit 20 (FUL-09).
	// FUL-09 change: ChangePlan → 202 gold
}

func ExamplePolicy_Cancel() {
	sub := subscription()
	sub.SandboxType = fulfillment.SandboxCsp
	sub.AllowedCustomerOperations = []fulfillment.CustomerOperation{fulfillment.CustomerRead}
	c, _ := fulfillment.DefaultPolicy().Cancel(fulfillment.CancelRequest{Subscription: sub})
	fmt.Println(c.Explain(rule.Swedish))
	// Output:
	// Delete: Delete finns inte bland prenumerationens tillåtna kundåtgärder (ett CSP-köp tillåter bara Read); API:et svarar 400 (FUL-09).
}

func ExamplePolicy_Land() {
	issued := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	p := fulfillment.DefaultPolicy()
	c, _ := p.Land(fulfillment.LandingRequest{Token: "QmFzZTY0%2BdG9rZW4%3D", Issued: issued, At: issued.Add(time.Hour)})
	fmt.Println(c.Allowed, c.Token, c.Expires.Format(time.RFC3339))
	c, _ = p.Land(fulfillment.LandingRequest{Token: "QmFzZTY0%2BdG9rZW4%3D", Issued: issued, At: issued.Add(25 * time.Hour)})
	fmt.Println(c.Explain(rule.English))
	// Output:
	// true QmFzZTY0+dG9rZW4= 2024-03-02T12:00:00Z
	// Resolve: the token is older than 24 hours; Resolve answers 400 (FUL-02).
}

func ExamplePolicy_CheckClaims() {
	iat := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	claims := fulfillment.Claims{Audience: []string{"my-app-id"}, TenantID: "my-tenant", AppID: fulfillment.MarketplaceAppID,
		IssuedAt: iat, NotBefore: iat, Expiry: iat.Add(time.Hour)}
	req := fulfillment.TokenRequest{Claims: claims, Audience: "my-app-id", TenantID: "my-tenant", At: iat.Add(2 * time.Hour)}
	c, _ := fulfillment.DefaultPolicy().CheckClaims(req)
	fmt.Println(c)
	fmt.Println(c.Explain(rule.English))
	// Output:
	// FUL-10 token-expired-at: exp
	// Refuse the call with 401 (FUL-10): the token's exp 2024-03-01T13:00:00Z is not after the check at 2024-03-01T14:00:00Z: expired.
}

func ExamplePolicy_VerifyToken() {
	// The marketplace's signing key (here a test key) and its public JWK set.
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	jwks, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Use: "sig"}}})
	keys, err := fulfillment.ParseKeySet(jwks)
	if err != nil {
		panic(err)
	}
	iat := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key}, (&jose.SignerOptions{}).WithHeader("kid", "k1"))
	token, _ := jwt.Signed(signer).Claims(map[string]any{"aud": "my-app-id", "tid": "my-tenant", "appid": fulfillment.MarketplaceAppID,
		"iat": iat.Unix(), "nbf": iat.Unix(), "exp": iat.Add(time.Hour).Unix()}).Serialize()

	p := fulfillment.DefaultPolicy()
	req := fulfillment.TokenRequest{Token: "Bearer " + token, Keys: keys, Audience: "my-app-id", TenantID: "my-tenant", At: iat.Add(time.Minute)}
	c, _ := p.VerifyToken(req)
	fmt.Println(c, c.KeyID)
	req.TenantID = "another-tenant"
	c, _ = p.VerifyToken(req)
	fmt.Println(c.Explain(rule.English))
	// Output:
	// FUL-10 token-ok k1
	// Refuse the call with 401 (FUL-10): the token's tid "my-tenant" is not the publisher's tenant "another-tenant".
}

func ExampleParseKeySet() {
	jwks := `{"keys":[{"kty":"EC","crv":"P-256","kid":"k1","use":"sig",
		"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}`
	keys, err := fulfillment.ParseKeySet([]byte(jwks))
	fmt.Println(len(keys), keys[0].ID, err)
	// Output:
	// 1 k1 <nil>
}

func ExamplePolicy_Money() {
	p := fulfillment.DefaultPolicy()
	before := fulfillment.State{Subscription: subscription()}
	w := fulfillment.Webhook{Operation: fulfillment.Operation{ID: "op-9", SubscriptionID: before.Subscription.ID,
		Action: fulfillment.Unsubscribe, Status: fulfillment.OperationSucceeded, TimeStamp: time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC)}}
	d, _ := p.Decide(fulfillment.Request{State: before, Webhook: w})
	m, err := p.Money(fulfillment.MoneyRequest{Before: before, Decision: d, Paid: currency.MustParse("100.00 USD")})
	fmt.Println(m, err)
	fmt.Println(m.Refund.Allowed, m.Refund.Refund)
	// Output:
	// FUL-13 refund-decided: Unsubscribe <nil>
	// true 100.00 USD
}

func ExampleSubscription_Allows() {
	sub := subscription()
	fmt.Println(sub.Allows(fulfillment.CustomerDelete), sub.IsTestPurchase(), sub.Term.Unit.Months())
	// Output: true false 1
}

func ExampleAction_Known() {
	fmt.Println(fulfillment.ChangePlan.Known(), fulfillment.Action("Transfer").Known())
	// Output: true false
}

func ExampleErrorBody() {
	b, _ := json.Marshal(fulfillment.ErrorBody{Code: "BadArgument", Message: "Missing field planId"})
	fmt.Println(string(b))
	// Output: {"error":{"code":"BadArgument","message":"Missing field planId"}}
}

func ExamplePolicy_Acknowledge() {
	p := fulfillment.DefaultPolicy()
	var w fulfillment.Webhook
	_ = p.Decode([]byte(body), &w)
	d, _ := p.Decide(fulfillment.Request{State: fulfillment.State{Subscription: subscription()}, Webhook: w})
	reject := fulfillment.Acknowledgement{PlanID: "gold", Quantity: 10, Status: fulfillment.Failure}
	c, _ := p.Acknowledge(fulfillment.AckRequest{State: d.State, OperationID: w.ID, Source: w.Source, Body: reject, At: w.TimeStamp.Add(4 * time.Second)})
	fmt.Println(c)
	c, _ = p.Acknowledge(fulfillment.AckRequest{State: d.State, OperationID: w.ID, Source: w.Source, Body: reject, At: w.TimeStamp.Add(12 * time.Second)})
	fmt.Println(c.Explain(rule.English))
	// Output:
	// FUL-05 acknowledged: UpdateOperation → 200
	// UpdateOperation: the deadline has passed and the change was accepted; the API answers 409 (FUL-05).
}

package fulfillment_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/marketrules/marketrules/fulfillment"
)

// plainSubscription is a Subscription's JSON shape in plain Go types
// (strings for its enums), the reference encoding/json's speed on a
// stored subscription is compared with.
type (
	plainIdentity struct {
		EmailID  string `json:"emailId,omitzero"`
		ObjectID string `json:"objectId,omitzero"`
		TenantID string `json:"tenantId,omitzero"`
		PUID     string `json:"puid,omitzero"`
	}
	plainSubscription struct {
		ID          string        `json:"id"`
		PublisherID string        `json:"publisherId,omitzero"`
		OfferID     string        `json:"offerId,omitzero"`
		Name        string        `json:"name,omitzero"`
		Status      string        `json:"saasSubscriptionStatus,omitzero"`
		Beneficiary plainIdentity `json:"beneficiary,omitzero"`
		Purchaser   plainIdentity `json:"purchaser,omitzero"`
		PlanID      string        `json:"planId,omitzero"`
		Quantity    int64         `json:"quantity,omitzero"`
		Term        struct {
			Unit           string    `json:"termUnit,omitzero"`
			Start          time.Time `json:"startDate,omitzero"`
			End            time.Time `json:"endDate,omitzero"`
			ChargeDuration string    `json:"chargeDuration,omitzero"`
		} `json:"term,omitzero"`
		AutoRenew                 bool      `json:"autoRenew"`
		IsTest                    bool      `json:"isTest"`
		IsFreeTrial               bool      `json:"isFreeTrial"`
		AllowedCustomerOperations []string  `json:"allowedCustomerOperations,omitzero"`
		SandboxType               string    `json:"sandboxType,omitzero"`
		SessionMode               string    `json:"sessionMode,omitzero"`
		Created                   time.Time `json:"created,omitzero"`
		LastModified              time.Time `json:"lastModified,omitzero"`
	}
)

// benchSubscription returns a subscription with every member, its JSON
// and its plain mirror, checked to write the same JSON.
func benchSubscription(tb testing.TB) (fulfillment.Subscription, []byte, plainSubscription) {
	id := fulfillment.Identity{EmailID: "test@contoso.com", ObjectID: "6a0c1b84-0000-4000-8000-000000000001",
		TenantID: "6a0c1b84-0000-4000-8000-000000000002", PUID: "10037FFE8000A1B2"}
	s := fulfillment.Subscription{ID: "37f9dea2-4345-438f-b0bd-03d40d28c7e0", PublisherID: "contoso", OfferID: "offer1",
		Name: "Contoso Cloud Solution", Status: fulfillment.Subscribed, Beneficiary: id, Purchaser: id, PlanID: "silver",
		Quantity: 5, Term: fulfillment.Term{Unit: fulfillment.P1M, Start: time.Date(2022, 3, 7, 0, 0, 0, 0, time.UTC),
			End: time.Date(2022, 4, 6, 0, 0, 0, 0, time.UTC)}, AutoRenew: true,
		AllowedCustomerOperations: []fulfillment.CustomerOperation{fulfillment.CustomerDelete, fulfillment.CustomerUpdate, fulfillment.CustomerRead},
		SandboxType:               fulfillment.SandboxNone, SessionMode: fulfillment.SessionNone,
		Created: time.Date(2022, 3, 7, 0, 0, 0, 0, time.UTC), LastModified: time.Date(2022, 3, 8, 12, 0, 0, 0, time.UTC)}
	in, err := json.Marshal(s)
	if err != nil {
		tb.Fatal(err)
	}
	var p plainSubscription
	if err := json.Unmarshal(in, &p); err != nil {
		tb.Fatal(err)
	}
	if again, err := json.Marshal(&p); err != nil || !bytes.Equal(again, in) {
		tb.Fatalf("mirror:\n%s\nwant\n%s", again, in)
	}
	return s, in, p
}

func TestSubscriptionPlainMirror(t *testing.T) { benchSubscription(t) }

var jsonSink []byte

func BenchmarkSubscriptionMarshal(b *testing.B) {
	s, _, _ := benchSubscription(b)
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(&s)
	}
}

func BenchmarkSubscriptionMarshalPlain(b *testing.B) {
	_, _, p := benchSubscription(b)
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(&p)
	}
}

func BenchmarkSubscriptionUnmarshal(b *testing.B) {
	_, in, _ := benchSubscription(b)
	b.ReportAllocs()
	for b.Loop() {
		var s fulfillment.Subscription
		if err := json.Unmarshal(in, &s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSubscriptionUnmarshalPlain(b *testing.B) {
	_, in, _ := benchSubscription(b)
	b.ReportAllocs()
	for b.Loop() {
		var p plainSubscription
		if err := json.Unmarshal(in, &p); err != nil {
			b.Fatal(err)
		}
	}
}

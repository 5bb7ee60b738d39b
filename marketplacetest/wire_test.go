package marketplacetest_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/marketplacetest"
	"github.com/marketrules/marketrules/pricing/metering"
)

// Every exported value marshals, its zero value included, and reads back
// the same.
func TestJSONRoundTrip(t *testing.T) {
	at := time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)
	values := []any{
		marketplacetest.Config{}, marketplacetest.Plan{}, marketplacetest.Dimension{}, marketplacetest.Order{},
		marketplacetest.Purchase{}, marketplacetest.Entry{}, marketplacetest.Usage{}, marketplacetest.Charge{},
		marketplacetest.Kind(""),
		marketplacetest.Config{Start: at, PublisherID: "p", OfferID: "o", Plans: marketplacetest.DefaultPlans(), AccessToken: "t",
			Audience: "a", TenantID: "tid", LandingPage: "http://127.0.0.1/l", Webhook: "http://127.0.0.1/w", PageSize: 3,
			RetryEvery: time.Minute, WebhookTimeout: time.Second},
		marketplacetest.Order{PlanID: "premium", Quantity: 3, Name: "n", NoAutoRenew: true, FreeTrial: true, Test: true,
			Sandbox: fulfillment.SandboxCsp, Beneficiary: fulfillment.Identity{EmailID: "e"}, Purchaser: fulfillment.Identity{PUID: "p"}},
		marketplacetest.Purchase{SubscriptionID: "s", Token: "+/=", LandingURL: "u", Expires: at},
		marketplacetest.Entry{At: at, Kind: marketplacetest.KindWebhook, Method: "POST", Path: "/w", Status: 500, SubscriptionID: "s",
			OperationID: "o", Action: fulfillment.Renew, Attempt: 2, Error: "e"},
		marketplacetest.Usage{UsageEventID: "u", ResourceID: "r", PlanID: "p", Dimension: "d", Quantity: metering.MustParseQuantity("0.25"), EffectiveStartTime: at, MessageTime: at},
		marketplacetest.Charge{SubscriptionID: "s", PlanID: "p", Dimension: "d", TermStart: at, TermEnd: at, Quantity: "3", Included: 1,
			Billed: "2", UnitPrice: currency.MustFromMinor(1, currency.USD), Amount: currency.MustFromMinor(2, currency.USD)},
	}
	for _, v := range values {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%T: %v", v, err)
		}
		back := reflect.New(reflect.TypeOf(v))
		if err := json.Unmarshal(b, back.Interface()); err != nil {
			t.Fatalf("%T %s: %v", v, b, err)
		}
		if diff := cmp.Diff(v, back.Elem().Interface(), cmp.Comparer(func(a, b fulfillment.Policy) bool { return true })); diff != "" {
			t.Errorf("%T %s (-want +got):\n%s", v, b, diff)
		}
	}
}

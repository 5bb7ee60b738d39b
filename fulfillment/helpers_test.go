package fulfillment

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/marketrules/marketrules/rule"
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// problemAt reports whether err is rule.Problems with a problem at path
// wrapping sentinel.
func problemAt(err error, path string, sentinel error) bool {
	var ps rule.Problems
	if !errors.As(err, &ps) {
		return false
	}
	for _, p := range ps {
		if p.Path == path && errors.Is(p, sentinel) {
			return true
		}
	}
	return false
}

// subscribed is a Subscribed monthly subscription created 2024-01-31.
func subscribed() State {
	return State{Subscription: Subscription{
		ID: "sub-1", PublisherID: "contoso", OfferID: "offer1", PlanID: "silver", Quantity: 5,
		Status: Subscribed, AutoRenew: true,
		Term:                      Term{Unit: P1M, Start: at("2024-01-31T00:00:00Z"), End: at("2024-02-29T00:00:00Z")},
		AllowedCustomerOperations: []CustomerOperation{CustomerDelete, CustomerUpdate, CustomerRead},
		Created:                   at("2024-01-31T00:00:00Z"),
	}}
}

func hook(id string, a Action, st OperationStatus, ts string) Webhook {
	return Webhook{Operation: Operation{ID: id, SubscriptionID: "sub-1", Action: a, Status: st, TimeStamp: at(ts)}, Source: FromAzure}
}

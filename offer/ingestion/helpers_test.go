package ingestion

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bigTree returns a SaaS resource tree of n plans, each with its plan,
// listing and price-and-availability resources, private to 20 tenants.
func bigTree(t testing.TB, n int) []byte {
	t.Helper()
	var doc struct {
		Schema    string            `json:"$schema"`
		Resources []json.RawMessage `json:"resources"`
	}
	if err := json.Unmarshal(readTestdata(t, "saas-tree.json"), &doc); err != nil {
		t.Fatal(err)
	}
	head := doc.Resources[:5]
	out := append([]json.RawMessage{}, head...)
	for i := range n {
		id := fmt.Sprintf("plan/7ba807c8-386a-4efe-80f1-b97bf8a554f8/%08d-0000-0000-0000-000000000000", i)
		aud := ""
		for k := range 20 {
			if k > 0 {
				aud += ","
			}
			aud += fmt.Sprintf(`{"type":"tenant","id":"%08d-1111-2222-3333-%012d","label":"Customer %d"}`, i, k, k)
		}
		out = append(out,
			json.RawMessage(fmt.Sprintf(`{"$schema":"https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview3","id":%q,"product":"product/7ba807c8-386a-4efe-80f1-b97bf8a554f8","identity":{"externalId":"plan-%d"},"alias":"Plan %d"}`, id, i, i)),
			json.RawMessage(fmt.Sprintf(`{"$schema":"https://schema.mp.microsoft.com/schema/plan-listing/2022-03-01-preview5","id":"plan-listing/%d","product":"product/7ba807c8-386a-4efe-80f1-b97bf8a554f8","plan":%q,"kind":"azureSaaS-plan","name":"Plan %d","description":"A plan with a description that is about as long as real ones are, give or take a few words.","languageId":"en-us"}`, i, id, i)),
			json.RawMessage(fmt.Sprintf(`{"$schema":"https://schema.mp.microsoft.com/schema/price-and-availability-plan/2022-03-01-preview4","id":"price-and-availability-plan/%d","product":"product/7ba807c8-386a-4efe-80f1-b97bf8a554f8","plan":%q,"visibility":"visible","audience":"private","customerMarkets":"customMarkets","markets":["us","se","de","gb","fr","jp","au","ca"],"pricing":{"recurrentPrice":{"recurrentPriceMode":"flatRate","priceInputOption":"usd","prices":[{"billingTerm":{"type":"month","value":1},"paymentOption":{"type":"month","value":1},"pricePerPaymentInUsd":49.0},{"billingTerm":{"type":"year","value":1},"paymentOption":{"type":"month","value":1},"pricePerPaymentInUsd":45.0}]},"customMeters":{"priceInputOption":"usd","meters":{"emails":{"pricePerPaymentInUsd":0.5,"includedQuantities":[{"billingTerm":{"type":"month","value":1},"quantity":10.0,"isInfinite":false},{"billingTerm":{"type":"year","value":1},"quantity":120.0,"isInfinite":false}]}}}},"trial":null,"privateAudiences":[%s]}`, i, id, aud)),
		)
	}
	doc.Resources = out
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func reflectNew(v any) any {
	return reflect.New(reflect.TypeOf(v)).Interface()
}

package ingestion_test

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/marketrules/marketrules/offer/ingestion"
	"github.com/marketrules/marketrules/rule"
)

// A resource tree as GET resource-tree/<durableId> returns it decodes into
// the library's offer and plans.
func ExamplePolicy_Decode() {
	data, err := os.ReadFile("testdata/saas-tree.json")
	if err != nil {
		panic(err)
	}
	tree, err := ingestion.DefaultPolicy().Decode(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tree.Offer.ID, tree.Offer.Type, len(tree.Resources), "resources")
	for _, p := range tree.Offer.Plans {
		fmt.Println(p.ID, p.Visibility, p.Pricing.Model, p.Pricing.Terms[0].Term, p.Pricing.Terms[0].Price)
	}
	// Output:
	// contoso-mail-relay saas 12 resources
	// standard public flat-rate P1M 49.00 USD
	// fabrikam-enterprise private flat-rate P1Y 12000.00 USD
}

// What cannot be mapped is a problem with the resource's index, durable ID
// and the field path.
func ExamplePolicy_Decode_problems() {
	data := `{"$schema": "https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2", "resources": [
	  {"$schema": "https://schema.mp.microsoft.com/schema/product/2022-03-01-preview3", "id": "product/1", "identity": {"externalId": "contoso"}, "type": "softwareAsAService"},
	  {"$schema": "https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview3", "id": "plan/1/2", "identity": {"externalId": "gold"}},
	  {"$schema": "https://schema.mp.microsoft.com/schema/price-and-availability-plan/2022-03-01-preview4", "id": "price-and-availability-plan/1/2",
	   "plan": "plan/1/2", "markets": ["us", "zz"], "newField": true,
	   "pricing": {"recurrentPrice": {"prices": [{"pricePerPaymentInUsd": 10}]}}},
	  {"$schema": "https://schema.mp.microsoft.com/schema/plan/2030-01-01", "id": "plan/1/3"}
	]}`
	tree, err := ingestion.DefaultPolicy().Decode([]byte(data))
	var ps rule.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Printf("%s %s: %s\n", p.Rule, p.Path, p.Message.Render(rule.English, p.Args...))
		}
	}
	fmt.Println("unknown:", tree.Unknown)
	fmt.Println(errors.Is(err, ingestion.ErrSchema), errors.Is(err, ingestion.ErrUnmapped))
	// Output:
	// ING-01 resources[3] (plan/1/3).$schema: unknown $schema "https://schema.mp.microsoft.com/schema/plan/2030-01-01": the resource is kept as it is
	// ING-01 resources[2] (price-and-availability-plan/1/2).markets[1]: "zz" is not a market
	// ING-02 resources[2] (price-and-availability-plan/1/2).pricing.recurrentPrice.prices[0].billingTerm: a billing term must be 1 month or 1, 2 or 3 years
	// unknown: [resources[3] (plan/1/3) resources[2] (price-and-availability-plan/1/2).newField]
	// true true
}

// DecodeReader reads at most the policy's byte limit.
func ExamplePolicy_DecodeReader() {
	_, err := ingestion.Policy{MaxBytes: 100}.DecodeReader(strings.NewReader(strings.Repeat(" ", 1000)))
	fmt.Println(errors.Is(err, ingestion.ErrTooLarge))
	// Output: true
}

// Decode → change → encode: a changed plan's resources are rewritten, the
// rest are written as they were read.
func ExamplePolicy_Encode() {
	data, err := os.ReadFile("testdata/vm-tree.json")
	if err != nil {
		panic(err)
	}
	p := ingestion.DefaultPolicy()
	tree, err := p.Decode(data)
	if err != nil {
		panic(err)
	}
	tree.Offer.Plans[0].Trial.Months = 1
	body, err := p.Encode(tree)
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.Count(string(body), `"$schema"`)-1, "resources")
	fmt.Println(strings.Contains(string(body), `"trial": {
        "type": "month",
        "value": 1
      }`))
	// Output:
	// 12 resources
	// true
}

// Validation runs the offer rules on the decoded tree.
func ExamplePolicy_CheckOffer() {
	data, err := os.ReadFile("testdata/saas-tree.json")
	if err != nil {
		panic(err)
	}
	p := ingestion.DefaultPolicy()
	tree, _ := p.Decode(data)
	fmt.Println(p.CheckOffer(tree))
	tree.Offer.Plans[0].Pricing.Meters[0].Dimension = "sms"
	fmt.Println(p.CheckOffer(tree))
	// Output:
	// <nil>
	// resources[7] (price-and-availability-plan/7ba807c8-386a-4efe-80f1-b97bf8a554f8/a5b0f1e2-6e47-4ad4-9a0a-6c2a8e0b7d11): plans[0].pricing.meters[0].dimension: dimension "sms" is not one of the offer's dimensions (EXT-02)
}

// The republish check compares the live tree with the draft: a public
// plan cannot become private (PLN-09).
func ExamplePolicy_CheckRepublish() {
	live, err := os.ReadFile("testdata/saas-tree.json")
	if err != nil {
		panic(err)
	}
	p := ingestion.DefaultPolicy()
	published, _ := p.Decode(live)
	draft, _ := p.Decode([]byte(strings.Replace(string(live), `"audience": "public"`, `"audience": "private"`, 1)))
	d, err := p.CheckRepublish(published, draft)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Allowed, d.Rule)
	// Output: false PLN-09
}

// A configure job's errors are mapped to the resources of the submitted
// tree (ING-03).
func ExamplePolicy_DecodeJob() {
	data, err := os.ReadFile("testdata/saas-tree.json")
	if err != nil {
		panic(err)
	}
	p := ingestion.DefaultPolicy()
	tree, _ := p.Decode(data)
	job, err := p.DecodeJob([]byte(`{
	  "$schema": "https://schema.mp.microsoft.com/schema/configure-status/2022-03-01-preview2",
	  "jobId": "c32dd7e8-8619-462d-a96b-0ac1974bace5", "jobStatus": "completed", "jobResult": "failed",
	  "jobStart": "2021-12-21T21:29:54.9702903Z", "jobEnd": "2021-12-21T21:30:12Z",
	  "errors": [{"code": "businessValidationError", "message": "Price is required.",
	              "resourceId": {"externalId": "fabrikam-enterprise"}}]}`), tree)
	if err != nil {
		panic(err)
	}
	fmt.Println(job)
	// Output:
	// job c32dd7e8-8619-462d-a96b-0ac1974bace5: completed, failed, 1 errors
	//   businessValidationError resources[8] (plan/7ba807c8-386a-4efe-80f1-b97bf8a554f8/9f1d3c4b-7a2e-4c5d-8e6f-1a2b3c4d5e33): Price is required.
}

func ExampleDefaultPolicy() {
	p := ingestion.DefaultPolicy()
	fmt.Println(p.MaxBytes>>20, "MiB,", p.MaxDepth, "levels")
	// Output: 64 MiB, 32 levels
}

func ExamplePolicy_Validate() {
	fmt.Println(ingestion.Policy{MaxDepth: 1 << 20}.Validate())
	// Output: policy.maxDepth: limit 1,048,576 is above 10,000
}

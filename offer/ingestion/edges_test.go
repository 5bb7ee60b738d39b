package ingestion

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
)

// Plan lifecycle states, the listing's language, an azureApplication's
// plan subtype and escaped strings.
func TestPlanResources(t *testing.T) {
	in := doc(strings.Replace(productRes, "%s", "azureApplication", 1),
		`{"$schema":"https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview3","id":"plan/p1/a","identity":{"externalId":"gold"},"subtype":"solutionTemplate","lifecycleState":"deprecated"}`,
		`{"$schema":"https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview3","id":"plan/p1/b","identity":{"externalId":"old"},"lifecycleState":"deleted"}`,
		`{"$schema":"https://schema.mp.microsoft.com/schema/plan-listing/2022-03-01-preview5","plan":{"externalId":"gold"},"languageId":"en-us","name":"Gold \u00e9\ud83d\ude00 \/ \"q\"","summary":"s"}`,
		`{"$schema":"https://schema.mp.microsoft.com/schema/plan-listing/2022-03-01-preview5","plan":{"resourceName":"nope"},"languageId":"sv-se","name":"Guld"}`,
		`{"$schema":"https://schema.mp.microsoft.com/schema/plan-listing/2022-03-01-preview5","plan":"plan/p1/a","languageId":"sv-se","name":"Guld"}`,
		`{"$schema":"https://schema.mp.microsoft.com/schema/commercial-marketplace-setup/2022-03-01-preview2","sellThroughMicrosoft":false}`)
	tree, err := DefaultPolicy().Decode(in)
	if d := cmp.Diff([]problemWant{{ing01, "resources[4].plan", ErrReference}}, problemsOf(t, err), cmp.AllowUnexported(problemWant{}), problemCmp); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	o := tree.Offer
	if o.Type != offer.SolutionTemplate || o.SellThroughMicrosoft || len(o.Plans) != 1 {
		t.Fatalf("offer %+v", o)
	}
	if p := o.Plans[0]; p.Status != plan.StopSold || p.Name != "Gold é😀 / \"q\"" || p.Summary != "s" {
		t.Errorf("plan %+v", p)
	}
	// Removing the summary removes it from the listing.
	tree.Offer.Plans[0].Summary = ""
	tree.Offer.ID = "contoso2"
	tree.Offer.Type = offer.ManagedApplication
	tree.Offer.SellThroughMicrosoft = true
	out, err := DefaultPolicy().Encode(tree)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"externalId": "contoso2"`, `"sellThroughMicrosoft": true`, `"name": "Gold é😀 / \"q\""`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("encoding lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), `"summary": "s"`) {
		t.Errorf("summary kept:\n%s", out)
	}
}

// Per-market prices and per-market core sizes report bad currencies and
// markets; changed VM plans of every core pricing option are rewritten.
func TestMarketPricesAndVMEncoding(t *testing.T) {
	_, err := DefaultPolicy().Decode(saasPlan(`"pricing":{"recurrentPrice":{"prices":[{"billingTerm":{"type":"month","value":1},"pricePerPaymentInUsd":1,"prices":[{"currency":"xyz","markets":["de"],"price":1},{"currency":"eur","markets":["zz",3],"price":1},{"currency":"eur","markets":["de"],"price":"1"},{"currency":"eur"}]}]}}`))
	want := []problemWant{
		{ing02, pa + "pricing.recurrentPrice.prices[0].prices[0].currency", ErrUnmapped},
		{ing01, pa + "pricing.recurrentPrice.prices[0].prices[1].markets[0]", ErrUnmapped},
		{ing01, pa + "pricing.recurrentPrice.prices[0].prices[1].markets[1]", ErrUnmapped},
		{ing02, pa + "pricing.recurrentPrice.prices[0].prices[2].price", ErrUnmapped},
	}
	if d := cmp.Diff(want, problemsOf(t, err), cmp.AllowUnexported(problemWant{}), problemCmp); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	_, err = DefaultPolicy().Decode(vmPlan(`"pricing":{"licenseModel":"payAsYouGo","corePricing":{"priceInputOption":"perMarketAndCoreSize","prices":[{"currency":"sek","markets":["se"],"prices":{"x":1}},{"currency":"sek","markets":["se"]}]}}`))
	if d := cmp.Diff([]problemWant{{ing02, pa + "pricing.corePricing.prices[0].prices.x", ErrUnmapped}}, problemsOf(t, err), cmp.AllowUnexported(problemWant{}), problemCmp); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	for _, bad := range []string{`"pricing":{"licenseModel":"payAsYouGo"}`, `"pricing":{"licenseModel":"payAsYouGo","corePricing":{"priceInputOption":"gold"}}`,
		`"pricing":{"licenseModel":"payAsYouGo","corePricing":{"priceInputOption":"flat","price":"x"}}`,
		`"pricing":{"licenseModel":"byol"},"trial":{"type":"month","value":-1}`,
		`"pricing":{"licenseModel":"byol"},"softwareReservation":[{"type":"year","term":1,"percentageSave":"x"}]`} {
		if _, err := DefaultPolicy().Decode(vmPlan(bad)); err == nil {
			t.Errorf("%s: no problem", bad)
		}
	}
	sek := func(m int64) currency.Money { return currency.MustFromMinor(m, currency.SEK) }
	for _, pr := range []plan.Pricing{
		{Model: plan.Free},
		{Model: plan.BYOL},
		{Model: plan.FlatRate, VM: plan.VMPricing{PerHour: usd(25), Reservations: []plan.Reservation{{Term: plan.OneYear, Saving: currency.MustParseRate("0.125")}}}},
		{Model: plan.PerVCPU, VM: plan.VMPricing{PerHour: usd(4), Reservations: []plan.Reservation{{Term: plan.ThreeYears, Saving: currency.MustParseRate("0.5")}}}},
		{Model: plan.PerVCPUSize, VM: plan.VMPricing{Sizes: []plan.SizePrice{{VCPUs: 2, Price: usd(6)}}}},
		{Model: plan.PerMarketAndVCPUSize, VM: plan.VMPricing{MarketSizes: []plan.MarketSizePrice{
			{Market: market.SE, VCPUs: 2, Price: sek(100)}, {Market: market.SE, VCPUs: 4, Price: sek(200)}}}},
	} {
		tree, err := DefaultPolicy().Decode(readTestdata(t, "vm-tree.json"))
		if err != nil {
			t.Fatal(err)
		}
		tree.Offer.Plans = tree.Offer.Plans[:1]
		tree.Offer.Plans[0].Pricing = pr
		out, err := DefaultPolicy().Encode(tree)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DefaultPolicy().Decode(out)
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if d := cmp.Diff(pr, back.Offer.Plans[0].Pricing, treeOpts); d != "" {
			t.Errorf("%s (-want +got):\n%s", pr.Model, d)
		}
	}
	// A reservation of another term cannot be written.
	tree, _ := DefaultPolicy().Decode(readTestdata(t, "vm-tree.json"))
	tree.Offer.Plans[0].Pricing.VM.Reservations[0].Term = plan.TwoYears
	if _, err := DefaultPolicy().Encode(tree); err == nil {
		t.Error("a 2-year reservation encoded without a problem")
	}
}

func TestPercentText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{{"0.3", "30"}, {"0.125", "12.5"}, {"1", "100"}, {"0.005", "0.5"}, {"0", "0"}} {
		if got := percentText(currency.MustParseRate(tt.in)); got != tt.want {
			t.Errorf("percentText(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// Job errors refer to resources by durable ID, resource name, external ID
// of a plan or of the product.
func TestJobFind(t *testing.T) {
	tree, err := DefaultPolicy().Decode(readTestdata(t, "saas-per-user-configure.json"))
	if err != nil {
		t.Fatal(err)
	}
	job, _ := DefaultPolicy().DecodeJob([]byte(`{"jobStatus":"running","jobResult":"pending","jobStart":"2024-01-02T03:04:05.1234567","errors":[
		{"code":"a","resourceId":"teamPlanPricing"},{"code":"b","resource":{"resourceName":"teamPlanListing"}},
		{"code":"c","resourceId":{"externalId":"contoso-notes"}},{"code":"d","resourceId":{"externalId":"team"}},{"code":"e","resourceId":{}}, 5]}`), tree)
	var got []int
	for _, e := range job.Errors {
		if e.Found {
			got = append(got, e.Resource.Index)
		} else {
			got = append(got, -1)
		}
	}
	if d := cmp.Diff([]int{3, 2, 0, 1, -1}, got); d != "" || job.Start.IsZero() {
		t.Errorf("resources (-want +got):\n%s", d)
	}
}

// Validation problems name the resource that holds the value.
func TestHolder(t *testing.T) {
	tree, err := DefaultPolicy().Decode(readTestdata(t, "saas-tree.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want int
	}{
		{"id", 0}, {"type", 0}, {"sellThroughMicrosoft", 1}, {"dimensions[0].unit", 3},
		{"plans[0].id", 5}, {"plans[0].name", 6}, {"plans[0].pricing.model", 7}, {"plans[1].markets", 10},
		{"plans[9].id", -1}, {"plans[x", -1}, {"plans[", -1}, {"listing", -1},
	} {
		r, ok := tree.holder(tt.path)
		got := -1
		if ok {
			got = r.Index
		}
		if got != tt.want {
			t.Errorf("holder(%q) = %d, want %d", tt.path, got, tt.want)
		}
	}
	tree.Offer.Plans[1].Pricing.Model = 0
	err = DefaultPolicy().CheckOffer(tree)
	if err == nil || !strings.Contains(err.Error(), "resources[10] (price-and-availability-plan/") {
		t.Errorf("CheckOffer = %v", err)
	}
}

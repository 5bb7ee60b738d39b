package ingestion

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

const (
	productRes = `{"$schema":"https://schema.mp.microsoft.com/schema/product/2022-03-01-preview3","id":"product/p1","identity":{"externalId":"contoso"},"type":"%s"}`
	planRes    = `{"$schema":"https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview3","id":"plan/p1/a","product":"product/p1","identity":{"externalId":"gold"}}`
	priceHead  = `{"$schema":"https://schema.mp.microsoft.com/schema/price-and-availability-plan/2022-03-01-preview4","id":"price-and-availability-plan/p1/a","product":"product/p1","plan":"plan/p1/a",`
)

// doc wraps resources into a configure request body.
func doc(resources ...string) []byte {
	return []byte(`{"$schema":"https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2","resources":[` + strings.Join(resources, ",") + `]}`)
}

// saasPlan is a tree of a SaaS offer with one plan whose
// price-and-availability resource has the given members.
func saasPlan(members string) []byte {
	return doc(strings.Replace(productRes, "%s", "softwareAsAService", 1), planRes, priceHead+members+`}`)
}

func vmPlan(members string) []byte {
	return doc(strings.Replace(productRes, "%s", "azureVirtualMachine", 1), planRes, priceHead+members+`}`)
}

func usd(minor int64) currency.Money { return currency.MustFromMinor(minor, currency.USD) }

type problemWant struct {
	rule rule.ID
	path string
	err  error
}

func problemsOf(t *testing.T, err error) []problemWant {
	t.Helper()
	if err == nil {
		return nil
	}
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v is not rule.Problems", err)
	}
	var out []problemWant
	for _, p := range ps {
		out = append(out, problemWant{p.Rule, p.Path, p.Err})
	}
	return out
}

var problemCmp = cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) || errors.Is(b, a) })

const pa = "resources[2] (price-and-availability-plan/p1/a)."

// ING-01: resources are typed by $schema; plans have external IDs;
// markets are lowercase codes or allMarkets/allTaxRemittedMarkets; private
// audiences are typed IDs.
func TestING01(t *testing.T) {
	tenant := "72f988bf-86f1-41af-91ab-2d7cd011db47"
	tests := []struct {
		name     string
		in       []byte
		problems []problemWant
		check    func(t *testing.T, pl plan.Plan)
	}{
		{name: "markets", in: saasPlan(`"markets":["us","se"]`), check: func(t *testing.T, pl plan.Plan) {
			if pl.Markets != market.SetOf(market.US, market.SE) {
				t.Errorf("markets %v", pl.Markets)
			}
		}},
		{name: "allMarkets", in: saasPlan(`"customerMarkets":"allMarkets","markets":[]`), check: func(t *testing.T, pl plan.Plan) {
			if pl.Markets != market.TransactingSet() {
				t.Errorf("markets %v", pl.Markets)
			}
		}},
		{name: "allTaxRemittedMarkets", in: saasPlan(`"customerMarkets":"allTaxRemittedMarkets"`), check: func(t *testing.T, pl plan.Plan) {
			if pl.Markets != market.TaxRemittedSet() {
				t.Errorf("markets %v", pl.Markets)
			}
		}},
		{name: "unknown market", in: saasPlan(`"markets":["us","xx"]`),
			problems: []problemWant{{ing01, pa + "markets[1]", ErrUnmapped}}},
		{name: "unknown customerMarkets", in: saasPlan(`"customerMarkets":"someMarkets"`),
			problems: []problemWant{{ing01, pa + "customerMarkets", ErrUnmapped}}},
		{name: "private tenants", in: saasPlan(`"audience":"private","privateAudiences":[{"type":"tenant","id":"` + tenant + `","label":"Contoso"}]`),
			check: func(t *testing.T, pl plan.Plan) {
				if pl.Visibility != plan.Private || pl.Audience.Kind != plan.TenantIDs || !pl.Audience.Has(plan.MustParseGUID(tenant)) {
					t.Errorf("plan %+v", pl)
				}
			}},
		{name: "private subscriptions", in: vmPlan(`"audience":"private","privateAudiences":[{"type":"subscription","id":"` + tenant + `"}],"pricing":{"licenseModel":"byol"}`),
			check: func(t *testing.T, pl plan.Plan) {
				if pl.Visibility != plan.Private || pl.Audience.Kind != plan.SubscriptionIDs {
					t.Errorf("plan %+v", pl)
				}
			}},
		{name: "hidden", in: vmPlan(`"audience":"public","visibility":"hidden","pricing":{"licenseModel":"byol"}`),
			check: func(t *testing.T, pl plan.Plan) {
				if pl.Visibility != plan.Hidden {
					t.Errorf("visibility %v", pl.Visibility)
				}
			}},
		{name: "audience type ea", in: saasPlan(`"audience":"private","privateAudiences":[{"type":"ea","id":"123"}]`),
			problems: []problemWant{{ing01, pa + "privateAudiences[0].type", ErrUnmapped}}},
		{name: "mixed audience", in: saasPlan(`"audience":"private","privateAudiences":[{"type":"tenant","id":"` + tenant + `"},{"type":"subscription","id":"` + tenant + `"}]`),
			problems: []problemWant{{ing01, pa + "privateAudiences[1].type", ErrUnmapped}}},
		{name: "malformed audience ID", in: saasPlan(`"audience":"private","privateAudiences":[{"type":"tenant","id":"nope"}]`),
			problems: []problemWant{{ing01, pa + "privateAudiences[0].id", ErrUnmapped}}},
		{name: "plan without external ID", in: doc(strings.Replace(productRes, "%s", "softwareAsAService", 1),
			`{"$schema":"https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview3","id":"plan/p1/a","identity":{}}`),
			problems: []problemWant{{ing01, "resources[1] (plan/p1/a).identity.externalId", ErrReference}}},
		{name: "unresolved plan reference", in: doc(strings.Replace(productRes, "%s", "softwareAsAService", 1),
			`{"$schema":"https://schema.mp.microsoft.com/schema/plan-listing/2022-03-01-preview5","resourceName":"l","plan":{"externalId":"nope"}}`),
			problems: []problemWant{{ing01, "resources[1] (l).plan", ErrReference}}},
		{name: "unknown schema version", in: doc(`{"$schema":"https://schema.mp.microsoft.com/schema/plan/2099-01-01","id":"plan/p1/z"}`),
			problems: []problemWant{{ing01, "resources[0] (plan/p1/z).$schema", ErrSchema}}},
		{name: "foreign schema host", in: doc(`{"$schema":"https://example.com/schema/plan/2022-03-01-preview3"}`),
			problems: []problemWant{{ing01, "resources[0].$schema", ErrSchema}}},
		{name: "resource not an object", in: doc(`42`),
			problems: []problemWant{{ing01, "resources[0]", ErrSyntax}}},
		{name: "unknown document schema", in: []byte(`{"$schema":"https://schema.mp.microsoft.com/schema/other/2022-03-01-preview2","resources":[]}`),
			problems: []problemWant{{ing01, "$schema", ErrSchema}}},
		{name: "offer type without counterpart", in: doc(strings.Replace(productRes, "%s", "powerBiVisual", 1)),
			problems: []problemWant{{ing01, "resources[0] (product/p1).type", ErrUnmapped}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, err := DefaultPolicy().Decode(tt.in)
			if d := cmp.Diff(tt.problems, problemsOf(t, err), cmp.AllowUnexported(problemWant{}), problemCmp); d != "" {
				t.Errorf("problems (-want +got):\n%s", d)
			}
			if tt.check != nil {
				if len(tree.Offer.Plans) != 1 {
					t.Fatalf("plans: %+v", tree.Offer.Plans)
				}
				tt.check(t, tree.Offer.Plans[0])
			}
		})
	}
}

// ING-02: SaaS recurrent prices per payment, user limits, custom meters
// with included quantities; VM license models, core pricing,
// reservations and trials.
func TestING02(t *testing.T) {
	term := func(typ string, v int) string { return `{"type":"` + typ + `","value":` + itoa(v) + `}` }
	price := func(bt, po, amount string) string {
		return `{"billingTerm":` + bt + `,"paymentOption":` + po + `,"pricePerPaymentInUsd":` + amount + `}`
	}
	recurrent := func(mode, prices string) string {
		return `"pricing":{"recurrentPrice":{"recurrentPriceMode":"` + mode + `","priceInputOption":"usd","userLimits":{"min":5,"max":100},"prices":[` + prices + `]}}`
	}
	core := func(cp string) string { return `"pricing":{"licenseModel":"payAsYouGo","corePricing":` + cp + `}` }
	tests := []struct {
		name     string
		in       []byte
		want     plan.Pricing
		trial    int
		problems []problemWant
	}{
		{name: "flat rate, monthly payments of a year", in: saasPlan(recurrent("flatRate", price(term("year", 1), term("month", 1), "45.0"))),
			want: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneYear, Payment: plan.Monthly, Price: usd(54000)}}}},
		{name: "per user, annual payments of 3 years", in: saasPlan(recurrent("perUser", price(term("year", 3), term("year", 1), "80"))),
			want: plan.Pricing{Model: plan.PerUser, Users: plan.Users{Min: 5, Max: 100}, Terms: []plan.TermPrice{{Term: plan.ThreeYears, Payment: plan.Annual, Price: usd(24000)}}}},
		{name: "upfront", in: saasPlan(recurrent("flatRate", price(term("year", 2), term("year", 2), "1000"))),
			want: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.TwoYears, Payment: plan.Upfront, Price: usd(100000)}}}},
		{name: "per market", in: saasPlan(`"pricing":{"recurrentPrice":{"priceInputOption":"perMarket","prices":[{"billingTerm":` + term("month", 1) + `,"pricePerPaymentInUsd":10,"prices":[{"currency":"eur","markets":["de","fr"],"price":9.5}]}]}}`),
			want: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: usd(1000), Markets: []plan.MarketPrice{
				{Market: market.DE, Price: currency.MustFromMinor(950, currency.EUR)}, {Market: market.FR, Price: currency.MustFromMinor(950, currency.EUR)}}}}}},
		{name: "meters", in: saasPlan(`"pricing":{"recurrentPrice":{"prices":[` + price(term("month", 1), term("month", 1), "10") + `]},"customMeters":{"priceInputOption":"usd","meters":{"emails":{"pricePerPaymentInUsd":0.25,"includedQuantities":[{"billingTerm":` + term("month", 1) + `,"quantity":100.0,"isInfinite":false},{"billingTerm":` + term("year", 1) + `,"isInfinite":true}]}}}}`),
			want: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: usd(1000)}},
				Meters: []plan.Meter{{Dimension: "emails", Price: usd(25), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 100}, {Term: plan.OneYear, Quantity: plan.Unlimited}}}}}},
		{name: "EXT-02 meter price below a cent truncated", in: saasPlan(`"pricing":{"customMeters":{"meters":{"calls":{"pricePerPaymentInUsd":0.0045},"mails":{"pricePerPaymentInUsd":1.239}}}}`),
			want: plan.Pricing{Model: plan.UsageOnly, Meters: []plan.Meter{{Dimension: "calls", Price: usd(0)}, {Dimension: "mails", Price: usd(123)}}}},
		{name: "meter price in exponent form", in: saasPlan(`"pricing":{"customMeters":{"meters":{"calls":{"pricePerPaymentInUsd":1e-3}}}}`),
			want:     plan.Pricing{Model: plan.UsageOnly, Meters: []plan.Meter{{Dimension: "calls"}}},
			problems: []problemWant{{ing02, pa + "pricing.customMeters.meters.calls.pricePerPaymentInUsd", ErrUnmapped}}},
		{name: "usage only", in: saasPlan(`"pricing":{"customMeters":{"meters":{"calls":{"pricePerPaymentInUsd":0.01}}}}`),
			want: plan.Pricing{Model: plan.UsageOnly, Meters: []plan.Meter{{Dimension: "calls", Price: usd(1)}}}},
		{name: "price without a term", in: saasPlan(recurrent("flatRate", `{"pricePerPaymentInUsd":5}`)),
			want:     plan.Pricing{Model: plan.FlatRate},
			problems: []problemWant{{ing02, pa + "pricing.recurrentPrice.prices[0].billingTerm", ErrUnmapped}}},
		{name: "term of 5 years", in: saasPlan(recurrent("flatRate", price(term("year", 5), term("year", 5), "5"))),
			want:     plan.Pricing{Model: plan.FlatRate},
			problems: []problemWant{{ing02, pa + "pricing.recurrentPrice.prices[0].billingTerm", ErrUnmapped}}},
		{name: "weekly payments", in: saasPlan(recurrent("flatRate", price(term("year", 1), term("week", 1), "5"))),
			want:     plan.Pricing{Model: plan.FlatRate},
			problems: []problemWant{{ing02, pa + "pricing.recurrentPrice.prices[0].paymentOption", ErrUnmapped}}},
		{name: "price finer than a cent", in: saasPlan(recurrent("flatRate", price(term("month", 1), term("month", 1), "0.0045"))),
			want:     plan.Pricing{Model: plan.FlatRate},
			problems: []problemWant{{ing02, pa + "pricing.recurrentPrice.prices[0].pricePerPaymentInUsd", ErrUnmapped}}},
		{name: "unknown price mode", in: saasPlan(recurrent("tiered", "")),
			want:     plan.Pricing{Model: plan.FlatRate},
			problems: []problemWant{{ing02, pa + "pricing.recurrentPrice.recurrentPriceMode", ErrUnmapped}}},
		{name: "byol", in: vmPlan(`"pricing":{"licenseModel":"byol"}`), want: plan.Pricing{Model: plan.BYOL}},
		{name: "free", in: vmPlan(core(`{"priceInputOption":"free"}`)), want: plan.Pricing{Model: plan.Free}},
		{name: "flat", in: vmPlan(core(`{"priceInputOption":"flat","price":0.25}`)),
			want: plan.Pricing{Model: plan.FlatRate, VM: plan.VMPricing{PerHour: usd(25)}}},
		{name: "per core", in: vmPlan(core(`{"priceInputOption":"perCore","pricePerCore":0.04}`)),
			want: plan.Pricing{Model: plan.PerVCPU, VM: plan.VMPricing{PerHour: usd(4)}}},
		{name: "per core size", in: vmPlan(core(`{"priceInputOption":"perCoreSize","pricePerCoreSize":{"2core":0.06,"8Core":0.2}}`)),
			want: plan.Pricing{Model: plan.PerVCPUSize, VM: plan.VMPricing{Sizes: []plan.SizePrice{{VCPUs: 2, Price: usd(6)}, {VCPUs: 8, Price: usd(20)}}}}},
		{name: "per market and core size", in: vmPlan(core(`{"priceInputOption":"perMarketAndCoreSize","prices":[{"currency":"sek","markets":["se"],"prices":{"4core":1.5}}]}`)),
			want: plan.Pricing{Model: plan.PerMarketAndVCPUSize, VM: plan.VMPricing{MarketSizes: []plan.MarketSizePrice{{Market: market.SE, VCPUs: 4, Price: currency.MustFromMinor(150, currency.SEK)}}}}},
		{name: "bad core size", in: vmPlan(core(`{"priceInputOption":"perCoreSize","pricePerCoreSize":{"big":0.06}}`)),
			want:     plan.Pricing{Model: plan.PerVCPUSize},
			problems: []problemWant{{ing02, pa + "pricing.corePricing.pricePerCoreSize.big", ErrUnmapped}}},
		{name: "unknown license model", in: vmPlan(`"pricing":{"licenseModel":"rent"}`),
			problems: []problemWant{{ing02, pa + "pricing.licenseModel", ErrUnmapped}}},
		{name: "reservations", in: vmPlan(core(`{"priceInputOption":"perCore","pricePerCore":0.1}`) + `,"softwareReservation":[{"type":"year","term":1,"percentageSave":30},{"type":"month","term":36,"percentageSave":12.5}]`),
			want: plan.Pricing{Model: plan.PerVCPU, VM: plan.VMPricing{PerHour: usd(10), Reservations: []plan.Reservation{
				{Term: plan.OneYear, Saving: currency.MustParseRate("0.30")}, {Term: plan.ThreeYears, Saving: currency.MustParseRate("0.125")}}}}},
		{name: "reservation of 2 years", in: vmPlan(`"pricing":{"licenseModel":"byol"},"softwareReservation":[{"type":"year","term":2,"percentageSave":30}]`),
			want:     plan.Pricing{Model: plan.BYOL},
			problems: []problemWant{{ing02, pa + "softwareReservation[0].term", ErrUnmapped}}},
		{name: "trial in months", in: vmPlan(`"pricing":{"licenseModel":"byol"},"trial":{"type":"month","value":3}`),
			want: plan.Pricing{Model: plan.BYOL}, trial: 3},
		{name: "trial in years", in: vmPlan(`"pricing":{"licenseModel":"byol"},"trial":{"type":"year","value":1}`),
			want: plan.Pricing{Model: plan.BYOL}, trial: 12},
		{name: "trial in days", in: vmPlan(`"pricing":{"licenseModel":"byol"},"trial":{"type":"day","value":30}`),
			want:     plan.Pricing{Model: plan.BYOL},
			problems: []problemWant{{ing02, pa + "trial.type", ErrUnmapped}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, err := DefaultPolicy().Decode(tt.in)
			if d := cmp.Diff(tt.problems, problemsOf(t, err), cmp.AllowUnexported(problemWant{}), problemCmp); d != "" {
				t.Errorf("problems (-want +got):\n%s", d)
			}
			if len(tree.Offer.Plans) != 1 {
				t.Fatalf("plans: %+v", tree.Offer.Plans)
			}
			pl := tree.Offer.Plans[0]
			if d := cmp.Diff(tt.want, pl.Pricing, treeOpts); d != "" {
				t.Errorf("pricing (-want +got):\n%s", d)
			}
			if pl.Trial.Months != tt.trial {
				t.Errorf("trial %d months, want %d", pl.Trial.Months, tt.trial)
			}
			if tt.problems != nil {
				return
			}
			// What decodes without problems encodes and decodes back,
			// also when the plan changed and its resources are rewritten.
			tree.Offer.Plans[0].Name = "renamed"
			out, err := DefaultPolicy().Encode(tree)
			if err != nil {
				t.Fatal(err)
			}
			again, err := DefaultPolicy().Decode(out)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tree.Offer, again.Offer, treeOpts); d != "" {
				t.Errorf("round trip (-want +got):\n%s", d)
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// Encoding a changed plan writes every pricing model; what cannot be
// written is a problem at the offer's path (ING-02).
func TestING02Encode(t *testing.T) {
	tree, err := DefaultPolicy().Decode(readTestdata(t, "saas-tree.json"))
	if err != nil {
		t.Fatal(err)
	}
	pl := &tree.Offer.Plans[0]
	pl.Pricing.Terms = append(pl.Pricing.Terms, plan.TermPrice{Term: plan.ThreeYears, Payment: plan.Monthly, Price: usd(100001)})
	_, err = DefaultPolicy().Encode(tree)
	want := []problemWant{{ing02, "plans[0].pricing.terms[2].price", ErrUnmapped}}
	if d := cmp.Diff(want, problemsOf(t, err), cmp.AllowUnexported(problemWant{}), problemCmp); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}

	// Plans are written by ID: a plan without one, or a second plan with
	// the same, is a problem, never dropped silently.
	dup := Tree{Offer: offer.Offer{ID: "x", Type: offer.SaaS, Plans: []plan.Plan{{ID: "a"}, {ID: "a"}, {}}}}
	_, err = DefaultPolicy().Encode(dup)
	want = []problemWant{{rule.PLN01, "plans[1].id", ErrReference}, {rule.PLN01, "plans[2].id", ErrReference}}
	if d := cmp.Diff(want, problemsOf(t, err), cmp.AllowUnexported(problemWant{}), problemCmp); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}

	// A new offer built in Go gets every resource.
	o := offer.Offer{ID: "fresh", Type: offer.SaaS, SellThroughMicrosoft: true, Listing: offer.GetItNow,
		Dimensions: []plan.Dimension{{ID: "calls", DisplayName: "API calls", Unit: "per call"}},
		Plans: []plan.Plan{{ID: "basic", Name: "Basic", Description: "Basic", Markets: market.SetOf(market.US),
			Visibility: plan.Hidden,
			Pricing: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneYear, Payment: plan.Monthly, Price: usd(12000),
				Markets: []plan.MarketPrice{{Market: market.SE, Price: currency.MustFromMinor(120000, currency.SEK)}}}},
				Meters: []plan.Meter{{Dimension: "calls", Price: usd(1), Included: []plan.Included{{Term: plan.OneYear, Quantity: plan.Unlimited}}}}},
			Trial: plan.Trial{Months: 1}}}}
	out, err := DefaultPolicy().Encode(Tree{Offer: o})
	if err != nil {
		t.Fatal(err)
	}
	back, err := DefaultPolicy().Decode(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if d := cmp.Diff(o, back.Offer, treeOpts); d != "" {
		t.Errorf("new offer round trip (-want +got):\n%s\n%s", d, out)
	}
}

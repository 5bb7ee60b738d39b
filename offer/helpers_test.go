package offer_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	mrt "github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// problem is what the tests compare of a rule.Problem: its rule and path,
// never its text (marketrulestest.ProblemKey, as a local type so that the
// tables can use unkeyed literals, which vet's composites check refuses
// for a struct of another package).
type problem struct {
	Rule rule.ID
	Path string
}

// problemsOf returns the rule and path of every problem in err, which must
// be nil or hold a rule.Problems, with marketrulestest.ProblemsOf.
func problemsOf(t *testing.T, err error) []problem {
	t.Helper()
	keys := mrt.ProblemsOf(err)
	if err != nil && keys == nil {
		t.Fatalf("error %v (%T) holds no rule.Problems", err, err)
	}
	var out []problem
	for _, k := range keys {
		out = append(out, problem(k))
	}
	return out
}

func usd(s string) currency.Money { return currency.MustParse(s + " USD") }

func money(s string) currency.Money { return currency.MustParse(s) }

func guid(i int) plan.GUID {
	var g plan.GUID
	g[0] = 0x20
	g[12], g[13], g[14], g[15] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i)
	return g
}

func guids(n int) []plan.GUID {
	out := make([]plan.GUID, n)
	for i := range out {
		out[i] = guid(i)
	}
	return out
}

// saasOffer returns a valid, transactable SaaS offer: two metered
// flat-rate plans, a trial plan and a private plan.
func saasOffer() offer.Offer {
	return offer.Offer{
		ID:                   "contoso-mail",
		Type:                 offer.SaaS,
		SellThroughMicrosoft: true,
		Listing:              offer.GetItNow,
		Dimensions: []plan.Dimension{
			{ID: "emails", DisplayName: "Emails sent", Unit: "per 100 emails"},
			{ID: "texts", DisplayName: "Text messages", Unit: "per text"},
		},
		Plans: []plan.Plan{
			{
				ID: "basic", Name: "Basic", Status: plan.Live,
				Markets: market.SetOf(market.SE, market.US),
				Pricing: plan.Pricing{
					Model: plan.FlatRate,
					Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: usd("5.00"),
						Markets: []plan.MarketPrice{{Market: market.SE, Price: money("49.00 SEK")}}}},
					Meters: []plan.Meter{{Dimension: "emails", Price: usd("1.00"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 100}}}},
				},
			},
			{
				ID: "premium", Name: "Premium", Status: plan.Live,
				Markets: market.SetOf(market.SE, market.US),
				Pricing: plan.Pricing{
					Model: plan.FlatRate,
					Terms: []plan.TermPrice{
						{Term: plan.OneYear, Payment: plan.Upfront, Price: usd("350.00")},
						{Term: plan.TwoYears, Payment: plan.Monthly, Price: usd("600.00")},
					},
					Meters: []plan.Meter{
						{Dimension: "emails", Price: usd("1.00"), Included: []plan.Included{{Term: plan.OneYear, Quantity: 500}, {Term: plan.TwoYears, Quantity: plan.Unlimited}}},
						{Dimension: "texts", Price: usd("0.02"), Included: []plan.Included{{Term: plan.OneYear, Quantity: 1000}, {Term: plan.TwoYears, Quantity: 3000}}},
					},
				},
			},
			{
				ID: "starter", Name: "Starter", Status: plan.Live,
				Markets: market.SetOf(market.US),
				Pricing: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: usd("20.00")}}},
				Trial:   plan.Trial{Months: 1},
			},
			{
				ID: "fabrikam", Name: "Fabrikam", Status: plan.Live,
				Visibility: plan.Private,
				Audience:   plan.NewAudience(plan.TenantIDs, plan.Manual, guid(1), guid(2)),
				Markets:    market.SetOf(market.US),
				Pricing:    plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: usd("50.00")}}},
			},
		},
		Resellers: offer.Resellers{Mode: offer.AllResellers},
		Preview:   offer.Preview{Emails: []string{"qa@contoso.com"}},
	}
}

// vmOffer returns a valid, transactable virtual machine offer priced per
// vCPU size.
func vmOffer() offer.Offer {
	return offer.Offer{
		ID:                   "hardened-linux",
		Type:                 offer.VirtualMachine,
		SellThroughMicrosoft: true,
		Listing:              offer.GetItNow,
		AzureGovernment:      true,
		Plans: []plan.Plan{
			{
				ID: "standard", Name: "Standard", Summary: "Priced by size.", Status: plan.Live,
				Markets: market.SetOf(market.SE, market.US),
				Pricing: plan.Pricing{Model: plan.PerVCPUSize, VM: plan.VMPricing{
					Sizes:        []plan.SizePrice{{VCPUs: 2, Price: usd("0.10")}, {VCPUs: 4, Price: usd("0.18")}},
					Reservations: []plan.Reservation{{Term: plan.OneYear, Saving: currency.MustParseRate("0.30")}},
				}},
				Trial: plan.Trial{Months: 3},
			},
		},
	}
}

// otest is an offer validation case: a change to a valid offer, and the
// problems it must cause.
type otest struct {
	name   string
	pol    *offer.Policy
	base   func() offer.Offer
	change func(*offer.Offer)
	want   []problem
}

func runValid(t *testing.T, tests []otest) {
	t.Helper()
	runOTests(t, tests, true)
}

func runInvalid(t *testing.T, tests []otest) {
	t.Helper()
	runOTests(t, tests, false)
}

func runOTests(t *testing.T, tests []otest, valid bool) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := tt.base
			if base == nil {
				base = saasOffer
			}
			o := base()
			if tt.change != nil {
				tt.change(&o)
			}
			pol := offer.DefaultPolicy()
			if tt.pol != nil {
				pol = *tt.pol
			}
			err := pol.CheckOffer(o)
			if valid {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if len(tt.want) == 0 {
				t.Fatal("an error case must list its problems")
			}
			if diff := cmp.Diff(tt.want, problemsOf(t, err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

// freePlans returns n valid free plans with distinct IDs and names.
func freePlans(n int) []plan.Plan {
	out := make([]plan.Plan, n)
	for i := range out {
		out[i] = plan.Plan{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Plan %d", i),
			Markets: market.SetOf(market.US), Pricing: plan.Pricing{Model: plan.Free}}
	}
	return out
}

// cmpSet compares slices as sets.
func cmpSet[T ~uint8]() cmp.Option {
	return cmpopts.SortSlices(func(a, b T) bool { return a < b })
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// checkPurchase is the default policy's purchase decision.
func checkPurchase(b offer.Buyer) offer.PurchaseDecision {
	d, err := offer.DefaultPolicy().CheckPurchase(b)
	if err != nil {
		panic(err)
	}
	return d
}

// checkRepublish is p.CheckRepublish with the refusals as an error, as
// the rule tables compare them.
func checkRepublish(published, draft *offer.Offer, p offer.Policy) (offer.RepublishDecision, error) {
	d, err := p.CheckRepublish(published, draft)
	if err != nil {
		return d, err
	}
	return d, d.Refusals.Err()
}

package offer_test

import (
	"errors"
	"flag"
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestValidOffers(t *testing.T) {
	p23 := offer.Policy2023()
	runValid(t, []otest{
		{name: "saas", base: saasOffer},
		{name: "saas under the 2023 policy", base: saasOffer, pol: &p23},
		{name: "vm", base: vmOffer},
		{name: "managed application", change: func(o *offer.Offer) {
			o.Type = offer.ManagedApplication
			o.Resellers = offer.Resellers{}
			o.Plans = o.Plans[:1]
			o.Plans[0].Summary = "Monthly fee and meters."
			o.Plans[0].Pricing.Terms[0].Markets = nil
		}},
	})
}

// The offer ID: required, lowercase letters, digits, hyphens and
// underscores, at most 50 characters (as Partner Center accepts it; no numbered rule).
func TestOfferID(t *testing.T) {
	id := func(s string) func(*offer.Offer) { return func(o *offer.Offer) { o.ID = s } }
	runValid(t, []otest{
		{name: "50 characters", change: id(strings.Repeat("o", 50))},
		{name: "hyphens and underscores", change: id("contoso_mail-2")},
	})
	runInvalid(t, []otest{
		{name: "empty", change: id(""), want: []problem{{"", "id"}}},
		{name: "uppercase", change: id("Contoso"), want: []problem{{"", "id"}}},
		{name: "51 characters", change: id(strings.Repeat("o", 51)), want: []problem{{"", "id"}}},
		{name: "both", change: id(strings.Repeat("O", 51)), want: []problem{{"", "id"}, {"", "id"}}},
		{name: "with a bad type, nothing else is judged", change: func(o *offer.Offer) { o.ID = ""; o.Type = 0; o.Listing = 0 },
			want: []problem{{"", "id"}, {rule.OFR01, "type"}}},
	})
}

// PLN-01 and PLN-02 across plans: IDs and names unique within the offer
// (names compared without case).
func TestPLN01_PLN02_UniqueWithinOffer(t *testing.T) {
	runInvalid(t, []otest{
		{name: "plan ID twice", change: func(o *offer.Offer) { o.Plans[2].ID = "basic" }, want: []problem{{rule.PLN01, "plans[2].id"}}},
		{name: "plan ID three times", change: func(o *offer.Offer) { o.Plans[2].ID = "basic"; o.Plans[3].ID = "basic" },
			want: []problem{{rule.PLN01, "plans[2].id"}, {rule.PLN01, "plans[3].id"}}},
		{name: "plan name twice", change: func(o *offer.Offer) { o.Plans[1].Name = "BASIC" }, want: []problem{{rule.PLN02, "plans[1].name"}}},
		{name: "empty IDs are not duplicates", change: func(o *offer.Offer) { o.Plans[0].ID = ""; o.Plans[1].ID = "" },
			want: []problem{{rule.PLN01, "plans[0].id"}, {rule.PLN01, "plans[1].id"}}},
	})
}

// OFR-03: at most 100 plans, at most 45 of them private.
func TestOFR03_PlanLimits(t *testing.T) {
	solution := func(n, private int) func(*offer.Offer) {
		return func(o *offer.Offer) {
			*o = offer.Offer{ID: "template", Type: offer.SolutionTemplate, Listing: offer.GetItNow, Plans: freePlans(n)}
			for i := range private {
				o.Plans[i].Visibility = plan.Private
				o.Plans[i].Audience = plan.NewAudience(plan.SubscriptionIDs, plan.Manual, guid(i))
			}
		}
	}
	runValid(t, []otest{
		{name: "100 plans, 45 private", change: solution(100, 45)},
		{name: "1 plan", change: solution(1, 0)},
	})
	runInvalid(t, []otest{
		{name: "101 plans", change: solution(101, 0), want: []problem{{rule.OFR03, "plans"}}},
		{name: "46 private plans", change: solution(60, 46), want: []problem{{rule.OFR03, "plans"}}},
		{name: "101 plans, 46 private", change: solution(101, 46), want: []problem{{rule.OFR03, "plans"}, {rule.OFR03, "plans"}}},
	})
	pol := offer.DefaultPolicy()
	pol.MaxPlans, pol.MaxPrivatePlans = 3, 1
	runInvalid(t, []otest{
		{name: "the limits are the policy's", pol: &pol, change: solution(4, 2), want: []problem{{rule.OFR03, "plans"}, {rule.OFR03, "plans"}}},
	})
}

// OFR-05: a transactable VM, managed application or SaaS offer has at
// least one plan.
func TestOFR05_TransactableNeedsPlan(t *testing.T) {
	var invalid []otest
	for _, typ := range []offer.Type{offer.SaaS, offer.VirtualMachine, offer.ManagedApplication} {
		invalid = append(invalid, otest{name: typ.String(), change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "o", Type: typ, SellThroughMicrosoft: true, Listing: offer.GetItNow}
		}, want: []problem{{rule.OFR05, "plans"}}})
	}
	runInvalid(t, invalid)
	runValid(t, []otest{
		{name: "vm not sold through Microsoft", change: func(o *offer.Offer) {
			*o = offer.Offer{ID: "o", Type: offer.VirtualMachine, Listing: offer.GetItNow}
		}},
		{name: "saas with one plan", change: func(o *offer.Offer) { o.Plans = o.Plans[:1] }},
	})
}

// OFR-06: all plans of an offer use one pricing model; usage-only counts
// as flat rate.
func TestOFR06_OneModel(t *testing.T) {
	perUser := plan.Plan{ID: "team", Name: "Team", Markets: market.SetOf(market.US),
		Pricing: plan.Pricing{Model: plan.PerUser, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: usd("10.00")}}}}
	usage := plan.Plan{ID: "payg", Name: "Pay as you go", Markets: market.SetOf(market.US),
		Pricing: plan.Pricing{Model: plan.UsageOnly, Meters: []plan.Meter{{Dimension: "texts", Price: usd("0.05")}}}}
	runValid(t, []otest{
		{name: "flat rate with and without meters and usage only", change: func(o *offer.Offer) { o.Plans = append(o.Plans, usage) }},
		{name: "all per user", change: func(o *offer.Offer) { o.Plans = []plan.Plan{perUser} }},
	})
	runInvalid(t, []otest{
		{name: "flat rate and per user", change: func(o *offer.Offer) { o.Plans = append(o.Plans, perUser) },
			want: []problem{{rule.OFR06, "plans[4].pricing.model"}}},
		{name: "per user first", change: func(o *offer.Offer) { o.Plans = append([]plan.Plan{perUser}, o.Plans...) },
			want: []problem{{rule.OFR06, "plans[1].pricing.model"}, {rule.OFR06, "plans[2].pricing.model"}, {rule.OFR06, "plans[3].pricing.model"}, {rule.OFR06, "plans[4].pricing.model"}}},
		{name: "vm per vCPU size and byol", base: vmOffer, change: func(o *offer.Offer) {
			o.Plans = append(o.Plans, plan.Plan{ID: "byol", Name: "BYOL", Summary: "s", Markets: market.SetOf(market.US), Pricing: plan.Pricing{Model: plan.BYOL}})
		}, want: []problem{{rule.OFR06, "plans[1].pricing.model"}}},
		{name: "a plan without a model is not compared", change: func(o *offer.Offer) { o.Plans[0].Pricing.Model = 0 },
			want: []problem{{rule.PRC01, "plans[0].pricing.model"}}},
	})
}

// OFR-12: all CSP resellers or only named ones.
func TestOFR12_Resellers(t *testing.T) {
	res := func(r offer.Resellers) func(*offer.Offer) { return func(o *offer.Offer) { o.Resellers = r } }
	runValid(t, []otest{
		{name: "none", change: res(offer.Resellers{})},
		{name: "all", change: res(offer.Resellers{Mode: offer.AllResellers})},
		{name: "named", change: res(offer.Resellers{Mode: offer.NamedResellers, Partners: []string{"4471325", "5102987"}})},
	})
	runInvalid(t, []otest{
		{name: "named without partners", change: res(offer.Resellers{Mode: offer.NamedResellers}), want: []problem{{rule.OFR12, "resellers.partners"}}},
		{name: "all with partners", change: res(offer.Resellers{Mode: offer.AllResellers, Partners: []string{"1"}}), want: []problem{{rule.OFR12, "resellers.partners"}}},
		{name: "empty and repeated partners", change: res(offer.Resellers{Mode: offer.NamedResellers, Partners: []string{"1", "", "1", "2", "1"}}),
			want: []problem{{rule.OFR12, "resellers.partners[1]"}, {rule.OFR12, "resellers.partners[2]"}, {rule.OFR12, "resellers.partners[4]"}}},
	})

	tests := []struct {
		r    offer.Resellers
		id   string
		want bool
	}{
		{offer.Resellers{}, "1", false},
		{offer.Resellers{Mode: offer.AllResellers}, "1", true},
		{offer.Resellers{Mode: offer.AllResellers}, "", true},
		{offer.Resellers{Mode: offer.NamedResellers, Partners: []string{"1", "2"}}, "2", true},
		{offer.Resellers{Mode: offer.NamedResellers, Partners: []string{"1", "2"}}, "3", false},
		{offer.Resellers{Mode: offer.NamedResellers}, "", false},
		{offer.Resellers{Mode: 9, Partners: []string{"1"}}, "1", false},
	}
	for _, tt := range tests {
		if got := tt.r.Allows(tt.id); got != tt.want {
			t.Errorf("%+v.Allows(%q) = %v", tt.r, tt.id, got)
		}
	}
	for m, name := range map[offer.ResellerMode]string{offer.NoResellers: "none", offer.AllResellers: "all", offer.NamedResellers: "named"} {
		b, err := m.MarshalText()
		var back offer.ResellerMode
		if err != nil || string(b) != name || m.String() != name || back.UnmarshalText(b) != nil || back != m {
			t.Errorf("%v: %q, %v", m, b, err)
		}
	}
}

// EXT-02 for the offer: at most 30 dimensions, each with an ID, a display
// name and a unit; only offer types with metering have them.
func TestEXT02_Dimensions(t *testing.T) {
	dims := func(n int) func(*offer.Offer) {
		return func(o *offer.Offer) {
			for i := len(o.Dimensions); i < n; i++ {
				o.Dimensions = append(o.Dimensions, plan.Dimension{ID: fmt.Sprintf("d%d", i), DisplayName: "D", Unit: "u"})
			}
		}
	}
	runValid(t, []otest{{name: "30 dimensions", change: dims(30)}})
	runInvalid(t, []otest{
		{name: "31 dimensions", change: dims(31), want: []problem{{rule.EXT02, "dimensions"}}},
		{name: "dimension problems", change: func(o *offer.Offer) {
			o.Dimensions = append(o.Dimensions, plan.Dimension{}, plan.Dimension{ID: "emails", DisplayName: "E", Unit: "u"})
		}, want: []problem{{rule.EXT02, "dimensions[2].id"}, {rule.EXT02, "dimensions[2].displayName"}, {rule.EXT02, "dimensions[2].unit"},
			{rule.EXT02, "dimensions[3].id"}}},
		{name: "dimensions on a vm", base: vmOffer, change: func(o *offer.Offer) {
			o.Dimensions = []plan.Dimension{{ID: "d", DisplayName: "D", Unit: "u"}}
		}, want: []problem{{rule.PRC02, "dimensions"}}},
	})
}

// EXT-14 and PLN-10: the preview audience, at most 10 e-mail addresses by
// hand or 20 from a CSV file.
func TestEXT14_PreviewAudience(t *testing.T) {
	emails := func(src plan.Source, n int) func(*offer.Offer) {
		return func(o *offer.Offer) {
			o.Preview = offer.Preview{Source: src}
			for i := range n {
				o.Preview.Emails = append(o.Preview.Emails, fmt.Sprintf("tester%d@contoso.com", i))
			}
		}
	}
	runValid(t, []otest{
		{name: "10 by hand", change: emails(plan.Manual, 10)},
		{name: "20 from CSV", change: emails(plan.CSV, 20)},
		{name: "none", change: emails(plan.Manual, 0)},
	})
	runInvalid(t, []otest{
		{name: "11 by hand", change: emails(plan.Manual, 11), want: []problem{{rule.EXT14, "preview.emails"}}},
		{name: "21 from CSV", change: emails(plan.CSV, 21), want: []problem{{rule.EXT14, "preview.emails"}}},
		{name: "bad and repeated addresses", change: func(o *offer.Offer) {
			o.Preview.Emails = []string{"qa@contoso.com", "QA@Contoso.com", "QA <qa2@contoso.com>", "contoso.com", "", " qa3@contoso.com"}
		}, want: []problem{{rule.PLN10, "preview.emails[1]"}, {rule.PLN10, "preview.emails[2]"}, {rule.PLN10, "preview.emails[3]"},
			{rule.PLN10, "preview.emails[4]"}, {rule.PLN10, "preview.emails[5]"}}},
	})
	pol := offer.DefaultPolicy()
	if pol.PreviewManualMax != 10 || pol.PreviewCSVMax != 20 {
		t.Errorf("preview limits %d, %d", pol.PreviewManualMax, pol.PreviewCSVMax)
	}
}

// TRL-01 and TRL-02 in an offer: trials only on plans of transactable VM
// and SaaS offers, of the policy's lengths.
func TestTRL01_TRL02_OfferTrials(t *testing.T) {
	sixMonths := offer.DefaultPolicy()
	sixMonths.SaaSTrialMonths = []calendar.Months{1, 6}
	runValid(t, []otest{
		{name: "saas 1 month", base: saasOffer},
		{name: "vm 6 months", base: vmOffer, change: func(o *offer.Offer) { o.Plans[0].Trial.Months = 6 }},
		{name: "the lengths are the policy's", pol: &sixMonths, change: func(o *offer.Offer) { o.Plans[2].Trial.Months = 6 }},
	})
	runInvalid(t, []otest{
		{name: "vm not sold through Microsoft", base: vmOffer, change: func(o *offer.Offer) {
			o.SellThroughMicrosoft = false
			o.Plans[0].Pricing = plan.Pricing{Model: plan.BYOL}
		}, want: []problem{{rule.TRL01, "plans[0].trial"}}},
		{name: "managed application", change: func(o *offer.Offer) {
			o.Type = offer.ManagedApplication
			o.Resellers = offer.Resellers{}
			o.Plans = o.Plans[2:3]
			o.Plans[0].Summary = "s"
		}, want: []problem{{rule.TRL01, "plans[0].trial"}}},
		{name: "saas 3 months", change: func(o *offer.Offer) { o.Plans[2].Trial.Months = 3 }, want: []problem{{rule.TRL02, "plans[2].trial.months"}}},
		{name: "vm 2 months", base: vmOffer, change: func(o *offer.Offer) { o.Plans[0].Trial.Months = 2 }, want: []problem{{rule.TRL02, "plans[0].trial.months"}}},
	})
	want := map[offer.Type][]calendar.Months{offer.SaaS: {1}, offer.VirtualMachine: {1, 3, 6}}
	for _, typ := range offer.Types() {
		if diff := cmp.Diff(want[typ], typ.Scope(offer.DefaultPolicy(), true, nil).TrialMonths); diff != "" {
			t.Errorf("%v trial months (-want +got):\n%s", typ, diff)
		}
	}
}

// EXT-14 for plans: the 2023 policy's longer names and descriptions.
func TestEXT14_PlanTextsInOffer(t *testing.T) {
	p23 := offer.Policy2023()
	long := func(o *offer.Offer) {
		o.Plans[0].Name = strings.Repeat("n", 200)
		o.Plans[1].Description = strings.Repeat("d", 3000)
	}
	runValid(t, []otest{{name: "2023", pol: &p23, change: long}})
	runInvalid(t, []otest{
		{name: "default", change: long, want: []problem{{rule.PLN02, "plans[0].name"}, {rule.PLN04, "plans[1].description"}}},
		{name: "2023, one more", pol: &p23, change: func(o *offer.Offer) {
			o.Plans[0].Name = strings.Repeat("n", 201)
			o.Plans[1].Description = strings.Repeat("d", 3001)
		}, want: []problem{{rule.EXT14, "plans[0].name"}, {rule.EXT14, "plans[1].description"}}},
	})
}

// Problems render in Swedish.
func TestProblemsInSwedish(t *testing.T) {
	o := saasOffer()
	o.Plans = append(o.Plans, o.Plans[0])
	o.AzureGovernment = true
	err := offer.DefaultPolicy().CheckOffer(o)
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Validate = %v", err)
	}
	want := []string{
		"azureGovernment: Azure Government Marketplace tar bara emot erbjudanden för virtuella datorer och Azure-program (OFR-09)",
		`plans[4].id: plan-ID:t "basic" används även av plans[0] (PLN-01)`,
		`plans[4].name: plannamnet "Basic" används även av plans[0] (PLN-02)`,
	}
	if diff := cmp.Diff(want, strings.Split(strings.TrimSuffix(ps.Text(rule.Swedish), "\n"), "\n")); diff != "" {
		t.Errorf("Swedish (-want +got):\n%s", diff)
	}
}

// The sample offers validate: testdata's SaaS offer and the example
// virtual machine offer.
func TestSampleOffersAreValid(t *testing.T) {
	for _, name := range []string{"testdata/saas-offer.json", "../examples/validate-offer/offer.json"} {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		o, err := offer.DefaultPolicy().Decode(f, 0)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := offer.DefaultPolicy().CheckOffer(o); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if err := offer.Policy2023().CheckOffer(o); err != nil {
			t.Errorf("%s under the 2023 policy: %v", name, err)
		}
	}
	// The VM sample is what the issue asks for.
	f, _ := os.Open("../examples/validate-offer/offer.json")
	defer f.Close()
	o, _ := offer.DefaultPolicy().Decode(f, 0)
	var trial, reservations bool
	for _, p := range o.Plans {
		if p.Pricing.Model != plan.PerVCPUSize {
			t.Errorf("plan %s priced %v", p.ID, p.Pricing.Model)
		}
		trial = trial || p.Trial.Months == 3
		var terms []plan.Term
		for _, r := range p.Pricing.VM.Reservations {
			terms = append(terms, r.Term)
		}
		reservations = reservations || cmp.Equal(terms, []plan.Term{plan.OneYear, plan.ThreeYears})
	}
	if o.Type != offer.VirtualMachine || !trial || !reservations {
		t.Errorf("the VM sample lacks a 3-month trial or 1- and 3-year reservations: %+v", o)
	}
}

// A golden test: every problem of testdata/invalid-offer.json, with its
// rule, path and English message.
func TestInvalidOfferGolden(t *testing.T) {
	f, err := os.Open("testdata/invalid-offer.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	o, err := offer.DefaultPolicy().Decode(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	err = offer.DefaultPolicy().CheckOffer(o)
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Validate = %v", err)
	}
	var b strings.Builder
	for _, p := range ps {
		id := string(p.Rule)
		if id == "" {
			id = "-"
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", id, p.Path, p.Message.Render(rule.English, p.Args...))
	}
	const golden = "testdata/invalid-offer.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(b.String(), "\n")); diff != "" {
		t.Errorf("problems differ from %s (-want +got); run go test -update:\n%s", golden, diff)
	}
}

package plan_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"strings"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// A SaaS plan checked within what a SaaS offer allows (package offer
// derives the scope from the offer type: offer.SaaS.Scope).
func ExamplePolicy_CheckPlan() {
	scope := plan.Scope{
		Models:        []plan.Model{plan.FlatRate, plan.PerUser, plan.UsageOnly},
		Terms:         []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears},
		Metering:      true,
		Private:       true,
		AudienceKinds: []plan.IDKind{plan.TenantIDs},
		TrialMonths:   []calendar.Months{1},
		Dimensions:    []plan.Dimension{{ID: "emails", DisplayName: "Emails", Unit: "per 100 emails"}},
	}
	p := plan.Plan{
		ID:      "Premium Plan",
		Name:    "Premium",
		Summary: "SaaS plans have no summary",
		Markets: market.SetOf(market.SE, market.US),
		Pricing: plan.Pricing{
			Model: plan.FlatRate,
			Terms: []plan.TermPrice{{Term: plan.OneMonth, Payment: plan.Monthly, Price: currency.MustParse("50.00 USD")}},
			Meters: []plan.Meter{{Dimension: "emails", Price: currency.MustParse("1.00 USD"),
				Included: []plan.Included{{Term: plan.OneMonth, Quantity: 500}}}},
		},
		Trial: plan.Trial{Months: 1},
	}
	err := plan.DefaultPolicy().CheckPlan(p, scope)
	var ps rule.Problems
	if errors.As(err, &ps) {
		for _, pr := range ps {
			fmt.Println(pr.Rule, pr.Path)
		}
		fmt.Print(ps.Text(rule.English))
	}
	// Output:
	// PLN-01 id
	// PLN-03 summary
	// EXT-05 pricing.terms[0].payment
	// EXT-04 trial
	// id: "Premium Plan" may contain only lowercase letters, digits, hyphens and underscores (PLN-01)
	// summary: plans of this offer type have no summary (PLN-03)
	// pricing.terms[0].payment: a 1-month term cannot be paid monthly (allowed: upfront) (EXT-05)
	// trial: a plan cannot have both metered billing and a free trial (EXT-04)
}

// A private audience imported from Partner Center's CSV file: the header
// row and blank lines are skipped, and every bad row is reported with its
// line.
func ExamplePolicy_ReadAudience() {
	csv := "Id,Description\r\n" +
		"e4c9ab4e-bd27-40d5-8459-230ba2a757fb,Fabrikam\r\n" +
		"\r\n" +
		"72F988BF-86F1-41AF-91AB-2D7CD011DB47,Contoso\r\n" +
		"72f988bf-86f1-41af-91ab-2d7cd011db4,typo\r\n" +
		"e4c9ab4e-bd27-40d5-8459-230ba2a757fb,again\r\n"
	a, err := plan.DefaultPolicy().ReadAudience(strings.NewReader(csv), "audience.csv", plan.TenantIDs)
	fmt.Println(a.Kind, a.Source, a.IDs)
	var ps rule.Problems
	if errors.As(err, &ps) {
		fmt.Print(ps.Text(rule.English))
	}
	// Output:
	// tenant csv [72f988bf-86f1-41af-91ab-2d7cd011db47 e4c9ab4e-bd27-40d5-8459-230ba2a757fb]
	// audience.csv line 5, column Id: "72f988bf-86f1-41af-91ab-2d7cd011db4" is not a GUID (want xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) (PLN-08)
	// audience.csv line 6, column Id: e4c9ab4e-bd27-40d5-8459-230ba2a757fb is listed again (first on line 2) (PLN-08)
}

func ExampleNewAudience() {
	a := plan.NewAudience(plan.SubscriptionIDs, plan.Manual,
		plan.MustParseGUID("e4c9ab4e-bd27-40d5-8459-230ba2a757fb"),
		plan.MustParseGUID("72f988bf-86f1-41af-91ab-2d7cd011db47"),
		plan.MustParseGUID("{E4C9AB4E-BD27-40D5-8459-230BA2A757FB}"))
	fmt.Println(len(a.IDs), a.IDs)
	fmt.Println(a.Has(plan.MustParseGUID("72f988bf-86f1-41af-91ab-2d7cd011db47")))
	// Output:
	// 2 [72f988bf-86f1-41af-91ab-2d7cd011db47 e4c9ab4e-bd27-40d5-8459-230ba2a757fb]
	// true
}

func ExampleParseGUID() {
	g, err := plan.ParseGUID("{72F988BF-86F1-41AF-91AB-2D7CD011DB47}")
	fmt.Println(g, err)
	_, err = plan.ParseGUID("72f988bf86f141af91ab2d7cd011db47")
	fmt.Println(errors.Is(err, plan.ErrGUID), err)
	// Output:
	// 72f988bf-86f1-41af-91ab-2d7cd011db47 <nil>
	// true plan: malformed GUID "72f988bf86f141af91ab2d7cd011db47" (want xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)
}

func ExampleParseTerm() {
	for _, s := range []string{"P1Y", "p3y", "1 month", "annual", "PT1H", "P5Y"} {
		t, err := plan.ParseTerm(s)
		fmt.Printf("%q %d %v\n", t, t.Months(), err)
	}
	// Output:
	// "P1Y" 12 <nil>
	// "P3Y" 36 <nil>
	// "P1M" 1 <nil>
	// "P1Y" 12 <nil>
	// "PT1H" 0 <nil>
	// "" 0 plan: unknown billing term "P5Y" (want P1M, P1Y, P2Y, P3Y or PT1H)
}

// The SaaS billing terms and their payment options (EXT-05).
func ExamplePaymentOption_Allows() {
	for _, t := range []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears} {
		fmt.Printf("%-7s", t.Words())
		for _, o := range []plan.PaymentOption{plan.Upfront, plan.Monthly, plan.Annual} {
			fmt.Printf(" %s=%v", o, o.Allows(t))
		}
		fmt.Println()
	}
	// Output:
	// 1 month upfront=true monthly=false annual=false
	// 1 year  upfront=true monthly=true annual=false
	// 2 years upfront=true monthly=true annual=true
	// 3 years upfront=true monthly=true annual=true
}

// The actions Partner Center offers for a plan in each status (PLN-05).
func ExampleStatus_Allows() {
	for _, s := range []plan.Status{plan.Draft, plan.Live, plan.StopSold} {
		var actions []string
		for _, a := range []plan.Action{plan.DeleteDraft, plan.StopSelling, plan.SyncPrivateAudience} {
			if s.Allows(a) {
				actions = append(actions, a.String())
			}
		}
		fmt.Println(s, actions)
	}
	// Output:
	// draft [delete-draft]
	// live [stop-selling sync-private-audience]
	// stop-sold []
}

// Seat limits of a per-user plan (EXT-06); unset means 1 to unlimited.
func ExampleUsers_Allows() {
	team := plan.Users{Min: 5, Max: 50}
	fmt.Println(team.Allows(4), team.Allows(5), team.Allows(50), team.Allows(51))
	var unset plan.Users
	fmt.Println(unset.Allows(0), unset.Allows(1), unset.Allows(1_000_000))
	// Output:
	// false true true false
	// false true true
}

func ExampleMeter_IncludedFor() {
	m := plan.Meter{
		Dimension: "emails",
		Price:     currency.MustParse("1.00 USD"),
		Included: []plan.Included{
			{Term: plan.OneMonth, Quantity: 1000},
			{Term: plan.OneYear, Quantity: plan.Unlimited},
		},
	}
	for _, t := range []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears} {
		q, ok := m.IncludedFor(t)
		fmt.Println(t, q, q.IsUnlimited(), ok)
	}
	// Output:
	// P1M 1000 false true
	// P1Y -1 true true
	// P2Y 0 false false
}

// A plan's JSON: enums by name, amounts as strings, included quantities as
// numbers or "unlimited". Decoding is strict, with a path for every
// problem.
func ExamplePlan_json() {
	p := plan.Plan{
		ID:      "basic",
		Name:    "Basic",
		Status:  plan.Live,
		Markets: market.SetOf(market.US, market.SE),
		Pricing: plan.Pricing{
			Model: plan.FlatRate,
			Terms: []plan.TermPrice{{Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("120.00 USD")}},
			Meters: []plan.Meter{{Dimension: "emails", Price: currency.MustParse("0.50 USD"),
				Included: []plan.Included{{Term: plan.OneYear, Quantity: plan.Unlimited}}}},
		},
	}
	b, _ := json.Marshal(p)
	fmt.Println(string(b))

	var back plan.Plan
	err := json.Unmarshal([]byte(`{"id":"basic","pricing":{"model":"tiered","terms":[{"term":"P1W"}]},"colour":"red"}`), &back)
	var ps rule.Problems
	if errors.As(err, &ps) {
		fmt.Print(ps.Text(rule.English))
	}
	// Output:
	// {"id":"basic","name":"Basic","visibility":"public","status":"live","markets":["SE","US"],"pricing":{"model":"flat-rate","terms":[{"term":"P1Y","payment":"monthly","price":{"amount":"120.00","currency":"USD"}}],"meters":[{"dimension":"emails","price":{"amount":"0.50","currency":"USD"},"included":[{"term":"P1Y","quantity":"unlimited"}]}]}}
	// pricing.model: unknown pricing model "tiered" (want free, byol, flat-rate, per-user, usage-only, per-vcpu, per-vcpu-size or per-market-and-vcpu-size)
	// pricing.terms[0].term: unknown billing term "P1W" (want P1M, P1Y, P2Y, P3Y or PT1H)
	// unknown field "colour"
}

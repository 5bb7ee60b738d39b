package plan_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

func TestValidPlans(t *testing.T) {
	runValid(t, []vtest{
		{name: "flat rate with meters", base: saasPlan},
		{name: "per user", base: perUserPlan},
		{name: "usage only", base: usagePlan},
		{name: "vm per vCPU size with trial", base: vmPlan, scope: vmScope},
		{name: "free solution template", base: freePlan, scope: templateScope},
		{name: "byol iot edge module", base: freePlan, scope: iotScope, change: func(p *plan.Plan) { p.Pricing.Model = plan.BYOL }},
		{name: "managed application flat rate", scope: appScope, change: func(p *plan.Plan) { p.Summary = "Monthly fee and meters." }},
	})
}

// PLN-01
func TestPLN01_PlanID(t *testing.T) {
	id := func(s string) func(*plan.Plan) { return func(p *plan.Plan) { p.ID = s } }
	runValid(t, []vtest{
		{name: "letters", change: id("basic")},
		{name: "one character", change: id("a")},
		{name: "digits hyphens underscores", change: id("plan_2-x")},
		{name: "50 characters", change: id(strings.Repeat("a", 50))},
	})
	runInvalid(t, []vtest{
		{name: "empty", change: id(""), want: []problem{{rule.PLN01, "id"}}},
		{name: "uppercase", change: id("Basic"), want: []problem{{rule.PLN01, "id"}}},
		{name: "space", change: id("plan one"), want: []problem{{rule.PLN01, "id"}}},
		{name: "dot", change: id("plan.one"), want: []problem{{rule.PLN01, "id"}}},
		{name: "non-ASCII letter", change: id("plän"), want: []problem{{rule.PLN01, "id"}}},
		{name: "51 characters", change: id(strings.Repeat("a", 51)), want: []problem{{rule.PLN01, "id"}}},
		{name: "51 characters and uppercase", change: id(strings.Repeat("A", 51)), want: []problem{{rule.PLN01, "id"}, {rule.PLN01, "id"}}},
	})
	for _, s := range []string{"", "A", "a b", "ä", "a/b", "a\x00"} {
		if plan.ValidID(s) {
			t.Errorf("ValidID(%q) = true", s)
		}
	}
	for _, s := range []string{"a", "z9", "-", "_", "abc-def_123"} {
		if !plan.ValidID(s) {
			t.Errorf("ValidID(%q) = false", s)
		}
	}
}

// PLN-02
func TestPLN02_PlanName(t *testing.T) {
	name := func(s string) func(*plan.Plan) { return func(p *plan.Plan) { p.Name = s } }
	runValid(t, []vtest{
		{name: "short", change: name("Basic")},
		{name: "50 characters", change: name(strings.Repeat("n", 50))},
		{name: "50 multibyte characters", change: name(strings.Repeat("å", 50))},
	})
	runInvalid(t, []vtest{
		{name: "empty", change: name(""), want: []problem{{rule.PLN02, "name"}}},
		{name: "51 characters", change: name(strings.Repeat("n", 51)), want: []problem{{rule.PLN02, "name"}}},
		{name: "51 multibyte characters", change: name(strings.Repeat("å", 51)), want: []problem{{rule.PLN02, "name"}}},
	})
}

// PLN-03
func TestPLN03_PlanSummary(t *testing.T) {
	summary := func(s string) func(*plan.Plan) { return func(p *plan.Plan) { p.Summary = s } }
	runValid(t, []vtest{
		{name: "vm 100 characters", base: vmPlan, scope: vmScope, change: summary(strings.Repeat("s", 100))},
		{name: "vm none", base: vmPlan, scope: vmScope, change: summary("")},
		{name: "saas none", change: summary("")},
	})
	runInvalid(t, []vtest{
		{name: "vm 101 characters", base: vmPlan, scope: vmScope, change: summary(strings.Repeat("s", 101)), want: []problem{{rule.PLN03, "summary"}}},
		{name: "saas has none", change: summary("Short"), want: []problem{{rule.PLN03, "summary"}}},
		{name: "saas too long too", change: summary(strings.Repeat("s", 101)), want: []problem{{rule.PLN03, "summary"}, {rule.PLN03, "summary"}}},
	})
}

// PLN-04
func TestPLN04_PlanDescription(t *testing.T) {
	desc := func(s string) func(*plan.Plan) { return func(p *plan.Plan) { p.Description = s } }
	runValid(t, []vtest{
		{name: "empty", change: desc("")},
		{name: "500 characters", change: desc(strings.Repeat("d", 500))},
	})
	runInvalid(t, []vtest{
		{name: "501 characters", change: desc(strings.Repeat("d", 501)), want: []problem{{rule.PLN04, "description"}}},
	})
}

// EXT-14
func TestEXT14_NewerFieldLimits(t *testing.T) {
	p23 := plan.Policy2023()
	if p23.NameMax != 200 || p23.DescriptionMax != 3000 || p23.IDMax != 50 || p23.SummaryMax != 100 {
		t.Errorf("Policy2023 = %+v", p23)
	}
	change := func(name, desc int) func(*plan.Plan) {
		return func(p *plan.Plan) {
			p.Name = strings.Repeat("n", name)
			p.Description = strings.Repeat("d", desc)
		}
	}
	runValid(t, []vtest{
		{name: "200 and 3000", pol: p23, change: change(200, 3000)},
		{name: "51 and 501", pol: p23, change: change(51, 501)},
	})
	runInvalid(t, []vtest{
		{name: "201 and 3001", pol: p23, change: change(201, 3001), want: []problem{{rule.EXT14, "name"}, {rule.EXT14, "description"}}},
		{name: "default policy refuses 51 and 501", change: change(51, 501), want: []problem{{rule.PLN02, "name"}, {rule.PLN04, "description"}}},
	})
}

// PLN-05
func TestPLN05_StatusActions(t *testing.T) {
	// The actions each status offers, from PLN-05.
	want := map[plan.Status][]plan.Action{
		plan.Draft:    {plan.DeleteDraft},
		plan.Live:     {plan.StopSelling, plan.SyncPrivateAudience},
		plan.StopSold: nil,
	}
	for _, s := range []plan.Status{plan.Draft, plan.Live, plan.StopSold, 9} {
		var got []plan.Action
		for _, a := range []plan.Action{0, plan.DeleteDraft, plan.StopSelling, plan.SyncPrivateAudience, 9} {
			if s.Allows(a) {
				got = append(got, a)
			}
		}
		if diff := cmp.Diff(want[s], got); diff != "" {
			t.Errorf("%v allows (-want +got):\n%s", s, diff)
		}
	}
}

// PLN-06
func TestPLN06_Markets(t *testing.T) {
	markets := func(s market.Set) func(*plan.Plan) {
		return func(p *plan.Plan) { p.Markets = s; p.Pricing.Terms[0].Markets = nil }
	}
	runValid(t, []vtest{
		{name: "one market", change: markets(market.SetOf(market.US))},
		{name: "every transacting market", change: markets(market.TransactingSet())},
		{name: "markets where Microsoft remits tax", change: markets(market.TaxRemittedSet())},
	})
	runInvalid(t, []vtest{
		{name: "no market", change: markets(market.Set{}), want: []problem{{rule.PLN06, "markets"}}},
	})
}

// EXT-15
func TestEXT15_Markets(t *testing.T) {
	if n := market.TransactingSet().Len(); n != 141 {
		t.Errorf("%d transacting markets, want 141", n)
	}
	withChina := func(p *plan.Plan) { p.Markets.Add(market.CN) }
	runValid(t, []vtest{
		{name: "free vm in China", base: freePlan, scope: vmScope, change: withChina},
		{name: "byol vm in China", base: freePlan, scope: vmScope, change: func(p *plan.Plan) { withChina(p); p.Pricing.Model = plan.BYOL }},
	})
	runInvalid(t, []vtest{
		{name: "paid saas in China", change: withChina, want: []problem{{rule.EXT15, "markets"}}},
		{name: "paid vm in China", base: vmPlan, scope: vmScope, change: withChina, want: []problem{{rule.EXT15, "markets"}}},
	})
}

// PLN-07
func TestPLN07_Visibility(t *testing.T) {
	aud := plan.NewAudience(plan.TenantIDs, plan.Manual, guids(2)...)
	runValid(t, []vtest{
		{name: "public", change: func(p *plan.Plan) { p.Visibility = plan.Public }},
		{name: "hidden", base: vmPlan, scope: vmScope, change: func(p *plan.Plan) { p.Visibility = plan.Hidden }},
		{name: "private", change: func(p *plan.Plan) { p.Visibility = plan.Private; p.Audience = aud }},
	})
	runInvalid(t, []vtest{
		{name: "public with an audience", change: func(p *plan.Plan) { p.Audience = aud }, want: []problem{{rule.PLN07, "audience"}}},
		{name: "hidden with an audience", change: func(p *plan.Plan) { p.Visibility = plan.Hidden; p.Audience = aud }, want: []problem{{rule.PLN07, "audience"}}},
		{name: "private in a type without private plans", base: freePlan, scope: iotScope,
			change: func(p *plan.Plan) { p.Visibility = plan.Private; p.Audience = aud }, want: []problem{{rule.OFR02, "visibility"}}},
	})
}

// PLN-08
func TestPLN08_Audience(t *testing.T) {
	private := func(a plan.Audience) func(*plan.Plan) {
		return func(p *plan.Plan) { p.Visibility = plan.Private; p.Audience = a }
	}
	g := guids(20001)
	var dup3 []plan.GUID
	dup3 = append(dup3, g[2], g[0], g[2], g[1], g[2], g[1]) // unsorted, as decoded from JSON
	runValid(t, []vtest{
		{name: "10 by hand", change: private(plan.NewAudience(plan.TenantIDs, plan.Manual, g[:10]...))},
		{name: "20,000 tenants from CSV", change: private(plan.NewAudience(plan.TenantIDs, plan.CSV, g[:20000]...))},
		{name: "10,000 subscriptions from CSV", scope: appScope, change: func(p *plan.Plan) {
			p.Summary = "s"
			private(plan.NewAudience(plan.SubscriptionIDs, plan.CSV, g[:10000]...))(p)
		}},
		{name: "vm subscriptions", base: vmPlan, scope: vmScope, change: private(plan.NewAudience(plan.SubscriptionIDs, plan.Manual, g[:3]...))},
		{name: "vm tenants", base: vmPlan, scope: vmScope, change: private(plan.NewAudience(plan.TenantIDs, plan.Manual, g[:3]...))},
		{name: "unsorted and unique", change: private(plan.Audience{Kind: plan.TenantIDs, IDs: []plan.GUID{g[3], g[1], g[2]}})},
	})
	runInvalid(t, []vtest{
		{name: "no audience", change: private(plan.Audience{}), want: []problem{{rule.PLN08, "audience"}}},
		{name: "subscriptions in SaaS", change: private(plan.NewAudience(plan.SubscriptionIDs, plan.Manual, g[:1]...)),
			want: []problem{{rule.PLN08, "audience.kind"}}},
		{name: "kind unset", change: private(plan.Audience{IDs: g[:1]}), want: []problem{{rule.PLN08, "audience.kind"}}},
		{name: "11 by hand", change: private(plan.NewAudience(plan.TenantIDs, plan.Manual, g[:11]...)), want: []problem{{rule.PLN08, "audience.ids"}}},
		{name: "20,001 tenants from CSV", change: private(plan.NewAudience(plan.TenantIDs, plan.CSV, g...)), want: []problem{{rule.PLN08, "audience.ids"}}},
		{name: "10,001 subscriptions from CSV", scope: appScope, change: func(p *plan.Plan) {
			p.Summary = "s"
			private(plan.NewAudience(plan.SubscriptionIDs, plan.CSV, g[:10001]...))(p)
		}, want: []problem{{rule.PLN08, "audience.ids"}}},
		{name: "nil GUID", change: private(plan.Audience{Kind: plan.TenantIDs, IDs: []plan.GUID{g[0], {}}}), want: []problem{{rule.PLN08, "audience.ids"}}},
		{name: "nil GUID twice is one problem", change: private(plan.Audience{Kind: plan.TenantIDs, IDs: []plan.GUID{{}, g[0], {}}}), want: []problem{{rule.PLN08, "audience.ids"}}},
		{name: "duplicate", change: private(plan.Audience{Kind: plan.TenantIDs, IDs: []plan.GUID{g[0], g[1], g[0]}}), want: []problem{{rule.PLN08, "audience.ids"}}},
		{name: "one problem per duplicated ID", change: private(plan.Audience{Kind: plan.TenantIDs, IDs: dup3}),
			want: []problem{{rule.PLN08, "audience.ids"}, {rule.PLN08, "audience.ids"}}},
	})
}

// PRC-01
func TestPRC01_PricingModels(t *testing.T) {
	model := func(m plan.Model) func(*plan.Plan) { return func(p *plan.Plan) { p.Pricing.Model = m } }
	runValid(t, []vtest{
		{name: "saas flat rate", change: model(plan.FlatRate)},
		{name: "vm byol", base: freePlan, scope: vmScope, change: model(plan.BYOL)},
		{name: "vm free", base: freePlan, scope: vmScope},
		{name: "vm flat rate", base: vmPlan, scope: vmScope, change: func(p *plan.Plan) {
			p.Pricing.Model = plan.FlatRate
			p.Pricing.VM = plan.VMPricing{PerHour: usd("0.50")}
		}},
		{name: "vm per vCPU", base: vmPlan, scope: vmScope, change: func(p *plan.Plan) {
			p.Pricing.Model = plan.PerVCPU
			p.Pricing.VM.Sizes = nil
			p.Pricing.VM.PerHour = usd("0.05")
		}},
		{name: "managed application usage only", base: usagePlan, scope: appScope},
	})
	runInvalid(t, []vtest{
		{name: "unset", change: model(0), want: []problem{{rule.PRC01, "pricing.model"}}},
		{name: "undefined", change: model(99), want: []problem{{rule.PRC01, "pricing.model"}}},
		{name: "per user in a managed application", base: perUserPlan, scope: appScope,
			change: func(p *plan.Plan) {
				p.Summary = "s"
				p.Pricing.Terms[0].Term = plan.OneMonth
				p.Pricing.Terms[0].Payment = plan.Upfront
			},
			want: []problem{{rule.PRC01, "pricing.model"}}},
		{name: "saas byol", base: freePlan, change: model(plan.BYOL), want: []problem{{rule.PRC01, "pricing.model"}}},
		{name: "vm per user", base: perUserPlan, scope: vmScope, want: []problem{{rule.PRC01, "pricing.model"}}},
		{name: "free plan with prices", base: freePlan, scope: vmScope, change: func(p *plan.Plan) {
			p.Pricing.VM.PerHour = usd("1.00")
		}, want: []problem{{rule.PRC01, "pricing"}}},
		{name: "byol plan with terms", base: freePlan, scope: vmScope, change: func(p *plan.Plan) {
			p.Pricing.Model = plan.BYOL
			p.Pricing.Terms = []plan.TermPrice{{Term: plan.OneMonth, Price: usd("1.00")}}
		}, want: []problem{{rule.EXT05, "pricing.terms"}, {rule.PRC01, "pricing"}}},
	})
}

// OFR-04: a paid model where the type has only plans without pricing.
func TestOFR04_PaidModelInUnpricedType(t *testing.T) {
	runInvalid(t, []vtest{
		{name: "flat rate solution template", scope: templateScope, want: []problem{{rule.OFR04, "pricing.model"}}},
		{name: "per vCPU iot edge module", base: vmPlan, scope: iotScope, want: []problem{{rule.OFR04, "pricing.model"}, {rule.TRL01, "trial"}}},
	})
}

// EXT-05
func TestEXT05_TermsAndPaymentOptions(t *testing.T) {
	// Fact 71's table: which payment options each SaaS billing term allows.
	allowed := map[plan.Term][]plan.PaymentOption{
		plan.OneMonth:   {plan.Upfront},
		plan.OneYear:    {plan.Upfront, plan.Monthly},
		plan.TwoYears:   {plan.Upfront, plan.Monthly, plan.Annual},
		plan.ThreeYears: {plan.Upfront, plan.Monthly, plan.Annual},
	}
	terms := []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears, plan.Hourly, 0, 99}
	options := []plan.PaymentOption{plan.Upfront, plan.Monthly, plan.Annual, 7}
	for _, term := range terms {
		for _, opt := range options {
			want := false
			for _, o := range allowed[term] {
				want = want || o == opt
			}
			if got := opt.Allows(term); got != want {
				t.Errorf("%v.Allows(%v) = %v, want %v", opt, term, got, want)
			}
			// The same combination in a plan: valid exactly when allowed.
			p := perUserPlan()
			p.Pricing.Terms = []plan.TermPrice{{Term: term, Payment: opt, Price: usd("10.00")}}
			err := plan.DefaultPolicy().CheckPlan(p, saasScope)
			var wantProblems []problem
			switch {
			case term == plan.Hourly || !term.Valid():
				wantProblems = []problem{{rule.EXT05, "pricing.terms[0].term"}}
			case !want:
				wantProblems = []problem{{rule.EXT05, "pricing.terms[0].payment"}}
			}
			if diff := cmp.Diff(wantProblems, problemsOf(t, err)); diff != "" {
				t.Errorf("term %v paid %v (-want +got):\n%s", term, opt, diff)
			}
		}
	}

	terms4 := func(p *plan.Plan) {
		p.Pricing.Meters = nil
		p.Pricing.Terms = []plan.TermPrice{
			{Term: plan.OneMonth, Payment: plan.Upfront, Price: usd("10.00")},
			{Term: plan.OneYear, Payment: plan.Monthly, Price: usd("100.00")},
			{Term: plan.TwoYears, Payment: plan.Annual, Price: usd("190.00")},
			{Term: plan.ThreeYears, Payment: plan.Upfront, Price: usd("270.00")},
		}
	}
	runValid(t, []vtest{
		{name: "all four terms", change: terms4},
		{name: "per user all four terms", base: perUserPlan, change: terms4},
		{name: "managed application monthly", scope: appScope, change: func(p *plan.Plan) { p.Summary = "s" }},
	})
	runInvalid(t, []vtest{
		{name: "flat rate without terms", change: func(p *plan.Plan) { p.Pricing.Terms = nil; p.Pricing.Meters[0].Included = nil },
			want: []problem{{rule.EXT05, "pricing.terms"}}},
		{name: "per user without terms", base: perUserPlan, change: func(p *plan.Plan) { p.Pricing.Terms = nil },
			want: []problem{{rule.EXT05, "pricing.terms"}}},
		{name: "one option per term", base: perUserPlan, change: func(p *plan.Plan) {
			p.Pricing.Terms = append(p.Pricing.Terms, plan.TermPrice{Term: plan.OneYear, Payment: plan.Upfront, Price: usd("1.00")})
		}, want: []problem{{rule.EXT05, "pricing.terms[1].term"}}},
		{name: "managed application yearly", scope: appScope, change: func(p *plan.Plan) {
			p.Summary = "s"
			p.Pricing.Terms[0].Term = plan.OneYear
			p.Pricing.Meters[0].Included[0].Term = plan.OneYear
		}, want: []problem{{rule.EXT05, "pricing.terms[0].term"}}},
		{name: "vm with terms", base: vmPlan, scope: vmScope, change: func(p *plan.Plan) {
			p.Pricing.Terms = []plan.TermPrice{{Term: plan.OneMonth, Price: usd("1.00")}}
		}, want: []problem{{rule.EXT05, "pricing.terms"}}},
		{name: "term problems reported for each", base: perUserPlan, change: func(p *plan.Plan) {
			p.Pricing.Terms = []plan.TermPrice{
				{Term: plan.OneMonth, Payment: plan.Monthly, Price: usd("1.00")},
				{Term: plan.OneYear, Payment: plan.Annual, Price: usd("1.00")},
				{Term: plan.Hourly, Price: usd("1.00")},
			}
		}, want: []problem{{rule.EXT05, "pricing.terms[0].payment"}, {rule.EXT05, "pricing.terms[1].payment"}, {rule.EXT05, "pricing.terms[2].term"}}},
	})

	// Months between payments.
	months := []struct {
		opt  plan.PaymentOption
		term plan.Term
		want int
	}{
		{plan.Upfront, plan.OneMonth, 1}, {plan.Upfront, plan.OneYear, 12}, {plan.Upfront, plan.ThreeYears, 36},
		{plan.Monthly, plan.TwoYears, 1}, {plan.Annual, plan.ThreeYears, 12}, {plan.Upfront, plan.Hourly, 0},
	}
	for _, m := range months {
		if got := m.opt.Months(m.term); got != m.want {
			t.Errorf("%v.Months(%v) = %d, want %d", m.opt, m.term, got, m.want)
		}
	}
}

// PRC-03
func TestPRC03_Prices(t *testing.T) {
	marketPrices := func(mp ...plan.MarketPrice) func(*plan.Plan) {
		return func(p *plan.Plan) { p.Pricing.Terms[0].Markets = mp }
	}
	runValid(t, []vtest{
		{name: "USD only", change: marketPrices()},
		{name: "per-market prices in each market's currency", change: marketPrices(
			plan.MarketPrice{Market: market.SE, Price: money("49.00 SEK")},
			plan.MarketPrice{Market: market.DE, Price: money("4.50 EUR")},
			plan.MarketPrice{Market: market.US, Price: usd("5.50")})},
		{name: "zero price", change: func(p *plan.Plan) { p.Pricing.Terms[0].Price = usd("0") }},
	})
	runInvalid(t, []vtest{
		{name: "price in EUR", change: func(p *plan.Plan) { p.Pricing.Terms[0].Price = money("5.00 EUR") },
			want: []problem{{rule.PRC03, "pricing.terms[0].price"}}},
		{name: "negative price", change: func(p *plan.Plan) { p.Pricing.Terms[0].Price = usd("-5.00") },
			want: []problem{{rule.PRC03, "pricing.terms[0].price"}}},
		{name: "market not in the plan", change: marketPrices(plan.MarketPrice{Market: market.JP, Price: money("500 JPY")}),
			want: []problem{{rule.PRC03, "pricing.terms[0].markets[0].market"}}},
		{name: "wrong currency", change: marketPrices(plan.MarketPrice{Market: market.SE, Price: money("5.00 EUR")}),
			want: []problem{{rule.PRC03, "pricing.terms[0].markets[0].price"}}},
		{name: "negative market price", change: marketPrices(plan.MarketPrice{Market: market.SE, Price: money("-5.00 SEK")}),
			want: []problem{{rule.PRC03, "pricing.terms[0].markets[0].price"}}},
		{name: "market priced twice", change: marketPrices(
			plan.MarketPrice{Market: market.SE, Price: money("5.00 SEK")},
			plan.MarketPrice{Market: market.SE, Price: money("6.00 SEK")}),
			want: []problem{{rule.PRC03, "pricing.terms[0].markets[1].market"}}},
	})
}

// PRC-02
func TestPRC02_Metering(t *testing.T) {
	noMetering := saasScope
	noMetering.Metering = false
	runValid(t, []vtest{
		{name: "flat-rate saas", base: saasPlan},
		{name: "flat-rate managed application", scope: appScope, change: func(p *plan.Plan) { p.Summary = "s" }},
	})
	runInvalid(t, []vtest{
		{name: "type without metering", scope: noMetering, want: []problem{{rule.PRC02, "pricing.meters"}}},
		{name: "vm flat rate", base: vmPlan, scope: vmScope, change: func(p *plan.Plan) {
			p.Trial = plan.Trial{}
			p.Pricing = plan.Pricing{Model: plan.FlatRate, VM: plan.VMPricing{PerHour: usd("1.00")},
				Meters: []plan.Meter{{Dimension: "emails", Price: usd("1.00")}}}
		}, want: []problem{{rule.PRC02, "pricing.meters"}}},
	})
}

// EXT-02
func TestEXT02_Meters(t *testing.T) {
	meters := func(ms ...plan.Meter) func(*plan.Plan) { return func(p *plan.Plan) { p.Pricing.Meters = ms } }
	in := func(t plan.Term, q plan.Quantity) plan.Included { return plan.Included{Term: t, Quantity: q} }
	runValid(t, []vtest{
		{name: "two meters", change: meters(
			plan.Meter{Dimension: "emails", Price: usd("1.00"), Included: []plan.Included{in(plan.OneMonth, 0)}},
			plan.Meter{Dimension: "texts", Price: usd("0"), Included: []plan.Included{in(plan.OneMonth, plan.Unlimited)}})},
		{name: "flat rate without meters", change: meters()},
		{name: "included for every term", change: func(p *plan.Plan) {
			p.Pricing.Terms = append(p.Pricing.Terms, plan.TermPrice{Term: plan.OneYear, Price: usd("50.00")})
			p.Pricing.Meters[0].Included = []plan.Included{in(plan.OneYear, 1200), in(plan.OneMonth, 100)}
		}},
		{name: "usage only", base: usagePlan},
		{name: "usage only with zero-priced terms", base: usagePlan, change: func(p *plan.Plan) {
			p.Pricing.Terms = []plan.TermPrice{{Term: plan.OneMonth, Price: usd("0")}}
			p.Pricing.Meters[0].Included = []plan.Included{in(plan.OneMonth, 0)}
		}},
	})
	runInvalid(t, []vtest{
		{name: "per user", base: perUserPlan, change: meters(plan.Meter{Dimension: "emails", Price: usd("1.00"), Included: []plan.Included{in(plan.OneYear, 0)}}),
			want: []problem{{rule.EXT02, "pricing.meters"}}},
		{name: "usage only without meters", base: usagePlan, change: meters(), want: []problem{{rule.EXT02, "pricing.meters"}}},
		{name: "usage only with a fee", base: usagePlan, change: func(p *plan.Plan) {
			p.Pricing.Terms = []plan.TermPrice{{Term: plan.OneMonth, Price: usd("1.00")}}
			p.Pricing.Meters[0].Included = []plan.Included{in(plan.OneMonth, 0)}
		}, want: []problem{{rule.EXT02, "pricing.terms[0].price"}}},
		{name: "unknown dimension", change: func(p *plan.Plan) { p.Pricing.Meters[0].Dimension = "calls" },
			want: []problem{{rule.EXT02, "pricing.meters[0].dimension"}}},
		{name: "dimension twice", change: func(p *plan.Plan) { p.Pricing.Meters = append(p.Pricing.Meters, p.Pricing.Meters[0]) },
			want: []problem{{rule.EXT02, "pricing.meters[1].dimension"}}},
		{name: "price in EUR", change: func(p *plan.Plan) { p.Pricing.Meters[0].Price = money("1.00 EUR") },
			want: []problem{{rule.EXT02, "pricing.meters[0].price"}}},
		{name: "negative price", change: func(p *plan.Plan) { p.Pricing.Meters[0].Price = usd("-0.01") },
			want: []problem{{rule.EXT02, "pricing.meters[0].price"}}},
		{name: "negative included quantity", change: func(p *plan.Plan) { p.Pricing.Meters[0].Included[0].Quantity = -2 },
			want: []problem{{rule.EXT02, "pricing.meters[0].included[0]"}}},
		{name: "included for a term the plan lacks", change: func(p *plan.Plan) {
			p.Pricing.Meters[0].Included = append(p.Pricing.Meters[0].Included, in(plan.ThreeYears, 5))
		}, want: []problem{{rule.EXT02, "pricing.meters[0].included[1]"}}},
		{name: "no included quantity for a term", change: func(p *plan.Plan) { p.Pricing.Meters[0].Included = nil },
			want: []problem{{rule.EXT02, "pricing.meters[0].included"}}},
		{name: "no dimensions in the offer", scope: func() plan.Scope { s := saasScope; s.Dimensions = nil; return s }(),
			want: []problem{{rule.EXT02, "pricing.meters[0].dimension"}}},
	})

	m := plan.Meter{Dimension: "emails", Included: []plan.Included{in(plan.OneMonth, 100), in(plan.OneYear, plan.Unlimited)}}
	incl := []struct {
		term plan.Term
		q    plan.Quantity
		ok   bool
	}{{plan.OneMonth, 100, true}, {plan.OneYear, plan.Unlimited, true}, {plan.TwoYears, 0, false}}
	for _, c := range incl {
		if q, ok := m.IncludedFor(c.term); q != c.q || ok != c.ok {
			t.Errorf("IncludedFor(%v) = %v, %v; want %v, %v", c.term, q, ok, c.q, c.ok)
		}
	}
	if !plan.Unlimited.IsUnlimited() || plan.Quantity(0).IsUnlimited() {
		t.Error("IsUnlimited")
	}
}

// EXT-04: a plan cannot have both metered billing and a free trial.
func TestEXT04_TrialAndMeters(t *testing.T) {
	trial := func(p *plan.Plan) { p.Trial = plan.Trial{Months: 1} }
	runValid(t, []vtest{
		{name: "trial without meters", change: func(p *plan.Plan) { trial(p); p.Pricing.Meters = nil }},
		{name: "meters without trial"},
	})
	runInvalid(t, []vtest{
		{name: "trial with meters", change: trial, want: []problem{{rule.EXT04, "trial"}}},
		{name: "usage-only plan with a trial", base: usagePlan, change: trial, want: []problem{{rule.EXT04, "trial"}}},
	})
}

// EXT-06
func TestEXT06_Users(t *testing.T) {
	users := func(lo, hi int64) func(*plan.Plan) {
		return func(p *plan.Plan) { p.Pricing.Users = plan.Users{Min: lo, Max: hi} }
	}
	runValid(t, []vtest{
		{name: "unset", base: perUserPlan, change: users(0, 0)},
		{name: "minimum only", base: perUserPlan, change: users(5, 0)},
		{name: "maximum only", base: perUserPlan, change: users(0, 10)},
		{name: "equal", base: perUserPlan, change: users(10, 10)},
	})
	runInvalid(t, []vtest{
		{name: "minimum above maximum", base: perUserPlan, change: users(11, 10), want: []problem{{rule.EXT06, "pricing.users"}}},
		{name: "negative", base: perUserPlan, change: users(-1, 10), want: []problem{{rule.EXT06, "pricing.users"}}},
		{name: "on a flat-rate plan", change: users(1, 10), want: []problem{{rule.EXT06, "pricing.users"}}},
	})

	allows := []struct {
		u      plan.Users
		lo, hi int64
		yes    []int64
		no     []int64
	}{
		{plan.Users{}, 1, 0, []int64{1, 2, 1 << 40}, []int64{0, -1}},
		{plan.Users{Min: 5, Max: 50}, 5, 50, []int64{5, 50}, []int64{4, 51, 0}},
		{plan.Users{Max: 3}, 1, 3, []int64{1, 3}, []int64{0, 4}},
	}
	for _, a := range allows {
		for _, n := range a.yes {
			if !a.u.Allows(n) {
				t.Errorf("%+v.Allows(%d) = false", a.u, n)
			}
		}
		for _, n := range a.no {
			if a.u.Allows(n) {
				t.Errorf("%+v.Allows(%d) = true", a.u, n)
			}
		}
	}
}

// EXT-07
func TestEXT07_VMPricing(t *testing.T) {
	vm := func(m plan.Model, v plan.VMPricing) func(*plan.Plan) {
		return func(p *plan.Plan) { p.Pricing.Model = m; p.Pricing.VM = v }
	}
	rate := currency.MustParseRate
	res := func(t plan.Term, s string) plan.Reservation { return plan.Reservation{Term: t, Saving: rate(s)} }
	ms := func(c market.Code, n int, price string) plan.MarketSizePrice {
		return plan.MarketSizePrice{Market: c, VCPUs: n, Price: money(price)}
	}
	runValid(t, []vtest{
		{name: "flat rate", base: vmPlan, scope: vmScope, change: vm(plan.FlatRate, plan.VMPricing{PerHour: usd("0.50"), Reservations: []plan.Reservation{res(plan.OneYear, "0.3")}})},
		{name: "per vCPU", base: vmPlan, scope: vmScope, change: vm(plan.PerVCPU, plan.VMPricing{PerHour: usd("0.05"), Reservations: []plan.Reservation{res(plan.ThreeYears, "0")}})},
		{name: "per vCPU size", base: vmPlan, scope: vmScope},
		{name: "per market and vCPU size", base: vmPlan, scope: vmScope, change: vm(plan.PerMarketAndVCPUSize, plan.VMPricing{
			MarketSizes: []plan.MarketSizePrice{ms(market.SE, 2, "1.00 SEK"), ms(market.US, 2, "0.10 USD"), ms(market.SE, 4, "1.80 SEK")}})},
	})
	runInvalid(t, []vtest{
		{name: "flat rate without price", base: vmPlan, scope: vmScope, change: vm(plan.FlatRate, plan.VMPricing{}),
			want: []problem{{rule.EXT07, "pricing.vm.perHour"}}},
		{name: "per vCPU in EUR", base: vmPlan, scope: vmScope, change: vm(plan.PerVCPU, plan.VMPricing{PerHour: money("0.05 EUR")}),
			want: []problem{{rule.EXT07, "pricing.vm.perHour"}}},
		{name: "per vCPU size without sizes", base: vmPlan, scope: vmScope, change: vm(plan.PerVCPUSize, plan.VMPricing{}),
			want: []problem{{rule.EXT07, "pricing.vm.sizes"}}},
		{name: "size problems", base: vmPlan, scope: vmScope, change: vm(plan.PerVCPUSize, plan.VMPricing{Sizes: []plan.SizePrice{
			{VCPUs: 0, Price: usd("1.00")}, {VCPUs: 2, Price: money("1.00 EUR")}, {VCPUs: 2, Price: usd("-1.00")}}}),
			want: []problem{{rule.EXT07, "pricing.vm.sizes[0].vcpus"}, {rule.EXT07, "pricing.vm.sizes[1].price"},
				{rule.EXT07, "pricing.vm.sizes[2].vcpus"}, {rule.EXT07, "pricing.vm.sizes[2].price"}}},
		{name: "per market and vCPU size without prices", base: vmPlan, scope: vmScope, change: vm(plan.PerMarketAndVCPUSize, plan.VMPricing{}),
			want: []problem{{rule.EXT07, "pricing.vm.marketSizes"}}},
		{name: "market size problems", base: vmPlan, scope: vmScope, change: vm(plan.PerMarketAndVCPUSize, plan.VMPricing{MarketSizes: []plan.MarketSizePrice{
			ms(market.JP, 2, "100 JPY"), ms(market.SE, 2, "1.00 USD"), ms(market.US, 0, "-1.00 USD"), ms(market.US, 4, "1 USD"), ms(market.US, 4, "2 USD")}}),
			want: []problem{{rule.EXT07, "pricing.vm.marketSizes[0].market"}, {rule.EXT07, "pricing.vm.marketSizes[1].price"},
				{rule.EXT07, "pricing.vm.marketSizes[2].price"}, {rule.EXT07, "pricing.vm.marketSizes[2].vcpus"},
				{rule.EXT07, "pricing.vm.marketSizes[4].vcpus"}}},
		{name: "reservation on per market and vCPU size", base: vmPlan, scope: vmScope, change: vm(plan.PerMarketAndVCPUSize, plan.VMPricing{
			MarketSizes: []plan.MarketSizePrice{ms(market.US, 2, "1 USD")}, Reservations: []plan.Reservation{res(plan.OneYear, "0.1")}}),
			want: []problem{{rule.EXT07, "pricing.vm.reservations[0]"}}},
		{name: "reservation problems", base: vmPlan, scope: vmScope, change: func(p *plan.Plan) {
			p.Pricing.VM.Reservations = []plan.Reservation{res(plan.TwoYears, "0.1"), res(plan.OneYear, "1"), res(plan.ThreeYears, "1.5"), res(plan.Hourly, "0.1")}
		}, want: []problem{{rule.EXT07, "pricing.vm.reservations[0].term"}, {rule.EXT07, "pricing.vm.reservations[1].saving"},
			{rule.EXT07, "pricing.vm.reservations[2].saving"}, {rule.EXT07, "pricing.vm.reservations[3].term"}}},
		{name: "vm prices on a saas plan", change: func(p *plan.Plan) { p.Pricing.VM.PerHour = usd("1.00") },
			want: []problem{{rule.EXT07, "pricing.vm"}}},
	})
}

// TRL-01
func TestTRL01_Trials(t *testing.T) {
	noTrials := saasScope
	noTrials.TrialMonths = nil
	trial := func(n int) func(*plan.Plan) {
		return func(p *plan.Plan) { p.Trial = plan.Trial{Months: n}; p.Pricing.Meters = nil }
	}
	runValid(t, []vtest{
		{name: "saas flat rate", change: trial(1)},
		{name: "saas per user", base: perUserPlan, change: trial(1)},
		{name: "vm", base: vmPlan, scope: vmScope, change: trial(3)},
		{name: "no trial where there are none", scope: noTrials, change: trial(0)},
	})
	runInvalid(t, []vtest{
		{name: "offer without trials", scope: noTrials, change: trial(1), want: []problem{{rule.TRL01, "trial"}}},
		{name: "managed application", scope: appScope, change: func(p *plan.Plan) { p.Summary = "s"; trial(1)(p) }, want: []problem{{rule.TRL01, "trial"}}},
		{name: "usage only", base: usagePlan, change: trial(1),
			want: []problem{{rule.EXT02, "pricing.meters"}, {rule.TRL01, "trial"}}},
	})
	if (plan.Trial{}).Enabled() || !(plan.Trial{Months: 1}).Enabled() {
		t.Error("Trial.Enabled")
	}
}

// TRL-02
func TestTRL02_TrialLength(t *testing.T) {
	trial := func(n int) func(*plan.Plan) {
		return func(p *plan.Plan) { p.Trial = plan.Trial{Months: n}; p.Pricing.Meters = nil }
	}
	var valid, invalid []vtest
	for _, n := range []int{1, 3, 6} {
		valid = append(valid, vtest{name: "vm " + itoa(n), base: vmPlan, scope: vmScope, change: trial(n)})
	}
	valid = append(valid, vtest{name: "saas 1", change: trial(1)})
	for _, n := range []int{2, 4, 12, -1} {
		invalid = append(invalid, vtest{name: "vm " + itoa(n), base: vmPlan, scope: vmScope, change: trial(n), want: []problem{{rule.TRL02, "trial.months"}}})
	}
	for _, n := range []int{3, 6, -1} {
		invalid = append(invalid, vtest{name: "saas " + itoa(n), change: trial(n), want: []problem{{rule.TRL02, "trial.months"}}})
	}
	runValid(t, valid)
	runInvalid(t, invalid)
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + itoa(n%10)
}

// Validation reports every problem at once, with paths relative to the
// plan (package offer prefixes them with "plans[7]").
func TestCheckPlanReportsEveryProblem(t *testing.T) {
	p := saasPlan()
	p.ID = "Bad ID"
	p.Name = ""
	p.Pricing.Terms[0].Payment = plan.Annual
	want := []problem{{rule.PLN01, "id"}, {rule.PLN02, "name"}, {rule.EXT05, "pricing.terms[0].payment"}}
	if diff := cmp.Diff(want, problemsOf(t, plan.DefaultPolicy().CheckPlan(p, saasScope))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The zero Scope allows nothing: no paid model (OFR-04).
	q := saasPlan()
	if diff := cmp.Diff([]problem{{rule.OFR04, "pricing.model"}}, problemsOf(t, plan.DefaultPolicy().CheckPlan(q, plan.Scope{}))); diff != "" {
		t.Errorf("zero scope (-want +got):\n%s", diff)
	}
}

// Explanations render in Swedish.
func TestProblemsInSwedish(t *testing.T) {
	p := saasPlan()
	p.Name = strings.Repeat("n", 51)
	p.Pricing.Terms[0].Payment = plan.Monthly
	err := plan.DefaultPolicy().CheckPlan(p, saasScope)
	var ps rule.Problems
	if !errorsAs(err, &ps) {
		t.Fatalf("Validate = %v", err)
	}
	want := []string{
		"name: är 51 tecken lång; högst 50 är tillåtna (PLN-02)",
		"pricing.terms[0].payment: en period på 1 månad kan inte betalas månadsvis (tillåtet: i förskott) (EXT-05)",
	}
	if diff := cmp.Diff(want, strings.Split(strings.TrimSuffix(ps.Text(rule.Swedish), "\n"), "\n")); diff != "" {
		t.Errorf("Swedish (-want +got):\n%s", diff)
	}
	wantEn := "name: is 51 characters long; at most 50 are allowed (PLN-02)"
	if got := ps[0].Text(rule.English); got != wantEn {
		t.Errorf("English = %q, want %q", got, wantEn)
	}
}

package offer_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// deepCopy copies an offer through its JSON, so a draft shares no slices
// with the published offer.
func deepCopy(t *testing.T, o offer.Offer) offer.Offer {
	t.Helper()
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	var c offer.Offer
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// vmSizesOffer is a published VM offer with every kind of hourly price.
func vmSizesOffer() offer.Offer {
	o := vmOffer()
	o.Plans = append(o.Plans,
		plan.Plan{ID: "flat", Name: "Flat", Status: plan.Live, Markets: market.SetOf(market.US),
			Pricing: plan.Pricing{Model: plan.FlatRate, VM: plan.VMPricing{PerHour: usd("0.50")}}},
		plan.Plan{ID: "regional", Name: "Regional", Status: plan.Live, Markets: market.SetOf(market.SE, market.US),
			Pricing: plan.Pricing{Model: plan.PerMarketAndVCPUSize, VM: plan.VMPricing{MarketSizes: []plan.MarketSizePrice{
				{Market: market.SE, VCPUs: 2, Price: money("1.00 SEK")}, {Market: market.SE, VCPUs: 4, Price: money("1.80 SEK")}}}}},
	)
	return o
}

type rtest struct {
	name   string
	base   func() offer.Offer
	change func(*offer.Offer)
	want   []problem
	// prices are the changes listed under Policy2023, where price
	// changes are allowed; under DefaultPolicy each is a PLN-11 problem
	// at pricePaths.
	prices     []offer.PriceChange
	pricePaths []string
}

func runRepublish(t *testing.T, tests []rtest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := tt.base
			if base == nil {
				base = saasOffer
			}
			published := base()
			draft := deepCopy(t, published)
			if tt.change != nil {
				tt.change(&draft)
			}
			// Default policy: price changes are PLN-11 problems.
			want := append([]problem(nil), tt.want...)
			for _, p := range tt.pricePaths {
				want = append(want, problem{rule.PLN11, p})
			}
			ch, err := checkRepublish(&published, &draft, offer.DefaultPolicy())
			if diff := cmp.Diff(sortedProblems(want), sortedProblems(problemsOf(t, err))); diff != "" {
				t.Errorf("DefaultPolicy problems (-want +got):\n%s\n%v", diff, err)
			}
			if len(ch.Prices) != 0 {
				t.Errorf("DefaultPolicy listed price changes %v", ch.Prices)
			}
			// 2023 policy: price changes are allowed and listed.
			ch, err = checkRepublish(&published, &draft, offer.Policy2023())
			if diff := cmp.Diff(sortedProblems(tt.want), sortedProblems(problemsOf(t, err))); diff != "" {
				t.Errorf("Policy2023 problems (-want +got):\n%s\n%v", diff, err)
			}
			if diff := cmp.Diff(tt.prices, ch.Prices); diff != "" {
				t.Errorf("Policy2023 price changes (-want +got):\n%s", diff)
			}
		})
	}
}

// sortedProblems orders problems by path then rule: CheckRepublish
// reports in its own order, and the tests list them by what they change.
func sortedProblems(ps []problem) []problem {
	out := append([]problem(nil), ps...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (out[j].Path < out[j-1].Path || out[j].Path == out[j-1].Path && out[j].Rule < out[j-1].Rule); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func TestCheckRepublishUnchanged(t *testing.T) {
	runRepublish(t, []rtest{
		{name: "saas"},
		{name: "vm", base: vmSizesOffer},
		{name: "plans reordered", change: func(o *offer.Offer) { o.Plans[0], o.Plans[3] = o.Plans[3], o.Plans[0] }},
		{name: "dimensions reordered", change: func(o *offer.Offer) { o.Dimensions[0], o.Dimensions[1] = o.Dimensions[1], o.Dimensions[0] }},
		{name: "texts, markets and audience changed", change: func(o *offer.Offer) {
			o.Plans[0].Name = "Basic 2"
			o.Plans[0].Description = "New text."
			o.Plans[0].Markets.Add(market.DE)
			o.Plans[3].Audience = plan.NewAudience(plan.TenantIDs, plan.CSV, guids(100)...)
		}},
		{name: "term added", change: func(o *offer.Offer) {
			o.Plans[1].Pricing.Terms = append(o.Plans[1].Pricing.Terms, plan.TermPrice{Term: plan.ThreeYears, Price: usd("800.00")})
		}},
		{name: "plan and dimension added", change: func(o *offer.Offer) {
			o.Plans = append(o.Plans, plan.Plan{ID: "new", Name: "New"})
			o.Dimensions = append(o.Dimensions, plan.Dimension{ID: "calls", DisplayName: "Calls", Unit: "per call"})
		}},
		{name: "stop selling", change: func(o *offer.Offer) { o.Plans[1].Status = plan.StopSold }},
		// PLN-09: a private plan may become public.
		{name: "private made public", change: func(o *offer.Offer) { o.Plans[3].Visibility = plan.Public; o.Plans[3].Audience = plan.Audience{} }},
		{name: "trial added", change: func(o *offer.Offer) { o.Plans[3].Trial = plan.Trial{Months: 1} }},
		// A per-market price removed falls back to the converted USD
		// price; there is no stored price to compare.
		{name: "per-market price removed", change: func(o *offer.Offer) { o.Plans[0].Pricing.Terms[0].Markets = nil }},
	})
}

// Plans still in draft in the published offer change freely.
func TestCheckRepublishDraftPlans(t *testing.T) {
	draftPlans := func() offer.Offer {
		o := saasOffer()
		for i := range o.Plans {
			o.Plans[i].Status = plan.Draft
		}
		return o
	}
	runRepublish(t, []rtest{
		{name: "everything changed", base: draftPlans, change: func(o *offer.Offer) {
			o.Plans[0].ID = "renamed"
			o.Plans[1].Pricing = plan.Pricing{Model: plan.PerUser}
			o.Plans[2].Trial = plan.Trial{}
			o.Plans[3].Visibility = plan.Private
			o.Plans[0].Visibility = plan.Private
		}},
		{name: "dropped", base: draftPlans, change: func(o *offer.Offer) { o.Plans = nil }},
	})
}

// OFR-01, OFR-08, OFR-10: the offer's ID, type and selling through
// Microsoft cannot change.
func TestCheckRepublishOffer(t *testing.T) {
	runRepublish(t, []rtest{
		{name: "offer ID", change: func(o *offer.Offer) { o.ID = "contoso-mail-2" }, want: []problem{{rule.OFR10, "id"}}},
		{name: "type", change: func(o *offer.Offer) { o.Type = offer.ManagedApplication }, want: []problem{{rule.OFR01, "type"}}},
		{name: "sell through Microsoft", change: func(o *offer.Offer) { o.SellThroughMicrosoft = false },
			want: []problem{{rule.OFR08, "sellThroughMicrosoft"}}},
	})
}

// PLN-01: a published plan's ID cannot change; the problem is at the new
// plan's path.
func TestPLN01_PlanIDImmutable(t *testing.T) {
	runRepublish(t, []rtest{
		{name: "renamed", change: func(o *offer.Offer) { o.Plans[1].ID = "premium-2" }, want: []problem{{rule.PLN01, "plans[1].id"}}},
		{name: "renamed and moved", change: func(o *offer.Offer) {
			p := o.Plans[0]
			p.ID = "basic-v2"
			o.Plans = append(o.Plans[1:], p)
		}, want: []problem{{rule.PLN01, "plans[3].id"}}},
	})
}

// PLN-05: a published plan is stopped, never deleted, and never a draft
// again.
func TestPLN05_Republish(t *testing.T) {
	runRepublish(t, []rtest{
		{name: "dropped", change: func(o *offer.Offer) { o.Plans = o.Plans[1:] }, want: []problem{{rule.PLN05, "plans"}}},
		{name: "all dropped", change: func(o *offer.Offer) { o.Plans = nil },
			want: []problem{{rule.PLN05, "plans"}, {rule.PLN05, "plans"}, {rule.PLN05, "plans"}, {rule.PLN05, "plans"}}},
		{name: "back to draft", change: func(o *offer.Offer) { o.Plans[2].Status = plan.Draft }, want: []problem{{rule.PLN05, "plans[2].status"}}},
		{name: "stop-sold back to draft", base: func() offer.Offer {
			o := saasOffer()
			o.Plans[2].Status = plan.StopSold
			return o
		}, change: func(o *offer.Offer) { o.Plans[2].Status = plan.Draft }, want: []problem{{rule.PLN05, "plans[2].status"}}},
	})
}

// PLN-09: a plan published as public never becomes private.
func TestPLN09_PublicNeverPrivate(t *testing.T) {
	runRepublish(t, []rtest{
		{name: "public made private", change: func(o *offer.Offer) {
			o.Plans[1].Visibility = plan.Private
			o.Plans[1].Audience = plan.NewAudience(plan.TenantIDs, plan.Manual, guid(1))
		}, want: []problem{{rule.PLN09, "plans[1].visibility"}}},
		{name: "public made hidden is not private", base: vmOffer, change: func(o *offer.Offer) { o.Plans[0].Visibility = plan.Hidden }},
	})
}

// PLN-11: the pricing model, published terms and their payment options,
// and (under the default policy) published prices cannot change. Under the
// 2023 policy a price change is listed for scheduling (EXT-08).
func TestPLN11_PublishedPricesLocked(t *testing.T) {
	runRepublish(t, []rtest{
		{name: "model", change: func(o *offer.Offer) {
			o.Plans[2].Pricing = plan.Pricing{Model: plan.PerUser, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: usd("1.00")}}}
		}, want: []problem{{rule.PLN11, "plans[2].pricing.model"}}},
		{name: "term removed", change: func(o *offer.Offer) { o.Plans[1].Pricing.Terms = o.Plans[1].Pricing.Terms[1:] },
			want: []problem{{rule.PLN11, "plans[1].pricing.terms"}}},
		{name: "payment option", change: func(o *offer.Offer) {
			o.Plans[1].Pricing.Terms[1].Payment = plan.Annual
			o.Plans[1].Pricing.Terms[1].Price = usd("1.00") // not compared: the term is another one
		}, want: []problem{{rule.PLN11, "plans[1].pricing.terms[1].payment"}}},
		{name: "USD price", change: func(o *offer.Offer) { o.Plans[1].Pricing.Terms[1].Price = usd("650.00") },
			pricePaths: []string{"plans[1].pricing.terms[1].price"},
			prices:     []offer.PriceChange{{Plan: "premium", Term: plan.TwoYears, Payment: plan.Monthly, Old: usd("600.00"), New: usd("650.00")}}},
		{name: "USD price of a moved plan", change: func(o *offer.Offer) {
			o.Plans[0], o.Plans[2] = o.Plans[2], o.Plans[0]
			o.Plans[2].Pricing.Terms[0].Price = usd("4.00")
		}, pricePaths: []string{"plans[2].pricing.terms[0].price"},
			prices: []offer.PriceChange{{Plan: "basic", Term: plan.OneMonth, Old: usd("5.00"), New: usd("4.00")}}},
		{name: "market price", change: func(o *offer.Offer) {
			o.Plans[0].Pricing.Terms[0].Markets = []plan.MarketPrice{{Market: market.US, Price: usd("5.00")}, {Market: market.SE, Price: money("55.00 SEK")}}
		}, pricePaths: []string{"plans[0].pricing.terms[0].markets[1].price"},
			prices: []offer.PriceChange{{Plan: "basic", Term: plan.OneMonth, Market: market.SE, Old: money("49.00 SEK"), New: money("55.00 SEK")}}},
		{name: "meter price", change: func(o *offer.Offer) { o.Plans[1].Pricing.Meters[1].Price = usd("0.03") },
			pricePaths: []string{"plans[1].pricing.meters[1].price"},
			prices:     []offer.PriceChange{{Plan: "premium", Dimension: "texts", Old: usd("0.02"), New: usd("0.03")}}},
		{name: "vm size price", base: vmSizesOffer, change: func(o *offer.Offer) { o.Plans[0].Pricing.VM.Sizes[1].Price = usd("0.20") },
			pricePaths: []string{"plans[0].pricing.vm.sizes[1].price"},
			prices:     []offer.PriceChange{{Plan: "standard", Term: plan.Hourly, VCPUs: 4, Old: usd("0.18"), New: usd("0.20")}}},
		{name: "vm hourly price", base: vmSizesOffer, change: func(o *offer.Offer) { o.Plans[1].Pricing.VM.PerHour = usd("0.45") },
			pricePaths: []string{"plans[1].pricing.vm.perHour"},
			prices:     []offer.PriceChange{{Plan: "flat", Term: plan.Hourly, Old: usd("0.50"), New: usd("0.45")}}},
		{name: "vm market and size price", base: vmSizesOffer, change: func(o *offer.Offer) {
			ms := o.Plans[2].Pricing.VM.MarketSizes
			ms[0], ms[1] = ms[1], ms[0]
			ms[0].Price = money("2.00 SEK")
		}, pricePaths: []string{"plans[2].pricing.vm.marketSizes[0].price"},
			prices: []offer.PriceChange{{Plan: "regional", Term: plan.Hourly, Market: market.SE, VCPUs: 4, Old: money("1.80 SEK"), New: money("2.00 SEK")}}},
		{name: "every price of a plan", change: func(o *offer.Offer) {
			p := &o.Plans[0].Pricing
			p.Terms[0].Price = usd("6.00")
			p.Terms[0].Markets[0].Price = money("59.00 SEK")
			p.Meters[0].Price = usd("1.50")
		}, pricePaths: []string{"plans[0].pricing.terms[0].price", "plans[0].pricing.terms[0].markets[0].price", "plans[0].pricing.meters[0].price"},
			prices: []offer.PriceChange{
				{Plan: "basic", Term: plan.OneMonth, Old: usd("5.00"), New: usd("6.00")},
				{Plan: "basic", Term: plan.OneMonth, Market: market.SE, Old: money("49.00 SEK"), New: money("59.00 SEK")},
				{Plan: "basic", Dimension: "emails", Old: usd("1.00"), New: usd("1.50")},
			}},
	})
	// The decision's JSON, for a host to store.
	b, err := json.Marshal(offer.RepublishDecision{Allowed: true, Rule: rule.OFR10, Reason: offer.ReasonRepublishAllowed, Prices: []offer.PriceChange{
		{Plan: "standard", Term: plan.Hourly, VCPUs: 4, Old: usd("0.18"), New: usd("0.20")},
		{Plan: "basic", Term: plan.OneMonth, Market: market.SE, Old: money("49.00 SEK"), New: money("55.00 SEK")},
	}})
	want := `{"allowed":true,"rule":"OFR-10","reason":"republish-allowed","prices":[{"plan":"standard","term":"PT1H","vcpus":4,"old":{"amount":"0.18","currency":"USD"},"new":{"amount":"0.20","currency":"USD"}},` +
		`{"plan":"basic","term":"P1M","market":"SE","old":{"amount":"49.00","currency":"SEK"},"new":{"amount":"55.00","currency":"SEK"}}]}`
	if err != nil || string(b) != want {
		t.Errorf("RepublishDecision JSON = %s, %v\nwant %s", b, err, want)
	}
	if !offer.Policy2023().PriceChanges || offer.DefaultPolicy().PriceChanges {
		t.Error("PriceChanges: the default policy forbids, 2023 allows")
	}
}

// EXT-04: a free trial published on a transactable plan cannot be
// disabled.
func TestEXT04_TrialNotDisabled(t *testing.T) {
	notSold := func() offer.Offer {
		o := vmOffer()
		o.SellThroughMicrosoft = false
		return o
	}
	runRepublish(t, []rtest{
		{name: "saas", change: func(o *offer.Offer) { o.Plans[2].Trial = plan.Trial{} }, want: []problem{{rule.EXT04, "plans[2].trial"}}},
		{name: "vm", base: vmOffer, change: func(o *offer.Offer) { o.Plans[0].Trial = plan.Trial{} }, want: []problem{{rule.EXT04, "plans[0].trial"}}},
		{name: "vm trial shortened is not disabled", base: vmOffer, change: func(o *offer.Offer) { o.Plans[0].Trial = plan.Trial{Months: 1} }},
		{name: "not transactable", base: notSold, change: func(o *offer.Offer) { o.SellThroughMicrosoft = false; o.Plans[0].Trial = plan.Trial{} }},
	})
}

// EXT-02: a published dimension's ID, display name and unit, which
// dimensions a published plan bills, and its included quantities cannot
// change.
func TestEXT02_ImmutableOnRepublish(t *testing.T) {
	runRepublish(t, []rtest{
		{name: "dimension removed", change: func(o *offer.Offer) { o.Dimensions = o.Dimensions[1:] }, want: []problem{{rule.EXT02, "dimensions"}}},
		{name: "dimension ID changed", change: func(o *offer.Offer) {
			o.Dimensions[1].ID = "sms"
			o.Plans[1].Pricing.Meters[1].Dimension = "sms"
		}, want: []problem{{rule.EXT02, "dimensions"}, {rule.EXT02, "plans[1].pricing.meters"}, {rule.EXT02, "plans[1].pricing.meters[1]"}}},
		{name: "unit and display name", change: func(o *offer.Offer) {
			o.Dimensions[0], o.Dimensions[1] = o.Dimensions[1], o.Dimensions[0]
			o.Dimensions[1].Unit = "per 1000 emails"
			o.Dimensions[1].DisplayName = "Emails"
		}, want: []problem{{rule.EXT02, "dimensions[1].unit"}, {rule.EXT02, "dimensions[1].displayName"}}},
		{name: "included quantity", change: func(o *offer.Offer) {
			o.Plans[1].Pricing.Meters[0].Included[1].Quantity = 10000
			o.Plans[1].Pricing.Meters[1].Included[0].Quantity = plan.Unlimited
		}, want: []problem{{rule.EXT02, "plans[1].pricing.meters[0].included"}, {rule.EXT02, "plans[1].pricing.meters[1].included"}}},
		{name: "meter disabled", change: func(o *offer.Offer) { o.Plans[1].Pricing.Meters = o.Plans[1].Pricing.Meters[:1] },
			want: []problem{{rule.EXT02, "plans[1].pricing.meters"}}},
		{name: "meter enabled", change: func(o *offer.Offer) {
			o.Plans[0].Pricing.Meters = append(o.Plans[0].Pricing.Meters, plan.Meter{Dimension: "texts", Price: usd("0.01"),
				Included: []plan.Included{{Term: plan.OneMonth, Quantity: 10}}})
		}, want: []problem{{rule.EXT02, "plans[0].pricing.meters[1]"}}},
	})
}

// Every forbidden change at once is reported at once.
func TestCheckRepublishEverything(t *testing.T) {
	runRepublish(t, []rtest{{
		name: "many changes",
		change: func(o *offer.Offer) {
			o.ID = "other"
			o.Dimensions[0].Unit = "per email"
			o.Plans[0].Pricing.Model = plan.UsageOnly
			o.Plans[1].Pricing.Terms = o.Plans[1].Pricing.Terms[:1]
			o.Plans[1].Pricing.Terms[0].Price = usd("1.00")
			o.Plans[1].Visibility = plan.Private
			o.Plans[2].Trial = plan.Trial{}
			o.Plans[2].Status = plan.Draft
			o.Plans = o.Plans[:3]
		},
		want: []problem{
			{rule.OFR10, "id"},
			{rule.EXT02, "dimensions[0].unit"},
			{rule.PLN11, "plans[0].pricing.model"},
			{rule.PLN09, "plans[1].visibility"},
			{rule.PLN11, "plans[1].pricing.terms"},
			{rule.PLN05, "plans[2].status"},
			{rule.EXT04, "plans[2].trial"},
			{rule.PLN05, "plans"},
		},
		pricePaths: []string{"plans[1].pricing.terms[0].price"},
		prices:     []offer.PriceChange{{Plan: "premium", Term: plan.OneYear, Old: usd("350.00"), New: usd("1.00")}},
	}})
}

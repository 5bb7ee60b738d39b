package pricing_test

import (
	"errors"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // real zones for the DST tests, on any machine

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Test fixtures of part A (quotes, schedules, proration). Never written.
var (
	qtStockholm = qtMustZone("Europe/Stockholm")
	qtNewYork   = qtMustZone("America/New_York")

	qtToSEK = currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("10.4567")}
	qtToJPY = currency.ExchangeRate{From: currency.USD, To: currency.JPY, Rate: currency.MustParseRate("149.2345")}
	qtToEUR = currency.ExchangeRate{From: currency.USD, To: currency.EUR, Rate: currency.MustParseRate("0.9")}

	qtAllMarkets = market.SetOf(market.US, market.SE, market.JP, market.DE, market.CN, market.GB)
)

func qtMustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func qtMoney(s string) currency.Money { return currency.MustParse(s) }

func qtUTC(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
}

// qtFlat returns a flat-rate SaaS plan with one term.
func qtFlat(id string, term plan.Term, pay plan.PaymentOption, usd string) *plan.Plan {
	return &plan.Plan{ID: id, Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.FlatRate,
		Terms: []plan.TermPrice{{Term: term, Payment: pay, Price: qtMoney(usd)}}}}
}

// qtPerUser returns a per-user SaaS plan with one term and user limits.
func qtPerUser(id string, term plan.Term, pay plan.PaymentOption, usd string, lo, hi int64) *plan.Plan {
	p := qtFlat(id, term, pay, usd)
	p.Pricing.Model = plan.PerUser
	p.Pricing.Users = plan.Users{Min: lo, Max: hi}
	return p
}

// The metered SaaS sample of the metering documentation (CNS, 2022): the emails dimension is
// priced per 100 emails, so its quantities are hundreds of emails.
func qtCNSBasic() *plan.Plan {
	return &plan.Plan{ID: "basic", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.FlatRate,
		Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: qtMoney("5.00 USD")}},
		Meters: []plan.Meter{
			{Dimension: "emails", Price: qtMoney("1.00 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 100}}},
			{Dimension: "texts", Price: qtMoney("0.05 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 1000}}},
		}}}
}

func qtCNSPremium() *plan.Plan {
	return &plan.Plan{ID: "premium", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.FlatRate,
		Terms: []plan.TermPrice{
			{Term: plan.OneYear, Price: qtMoney("350.00 USD")},
			{Term: plan.TwoYears, Price: qtMoney("600.00 USD")},
			{Term: plan.ThreeYears, Price: qtMoney("850.00 USD")},
		},
		Meters: []plan.Meter{
			{Dimension: "emails", Price: qtMoney("1.00 USD"), Included: []plan.Included{
				{Term: plan.OneYear, Quantity: 500}, {Term: plan.TwoYears, Quantity: 1200}, {Term: plan.ThreeYears, Quantity: plan.Unlimited}}},
			{Dimension: "texts", Price: qtMoney("0.02 USD"), Included: []plan.Included{
				{Term: plan.OneYear, Quantity: 1000}, {Term: plan.TwoYears, Quantity: 3000}, {Term: plan.ThreeYears, Quantity: 5000}}},
		}}}
}

func qtCNSEnterprise() *plan.Plan {
	return &plan.Plan{ID: "enterprise", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.FlatRate,
		Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: qtMoney("50.00 USD")}},
		Meters: []plan.Meter{
			{Dimension: "emails", Price: qtMoney("1.00 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: plan.Unlimited}}},
			{Dimension: "texts", Price: qtMoney("0.05 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: plan.Unlimited}}},
		}}}
}

// qtVM returns a virtual machine plan of the model with the published example's prices:
// 1 USD per hour (per vCPU), 30% saving over 1 year and 50% over 3.
func qtVM(m plan.Model) *plan.Plan {
	p := &plan.Plan{ID: "vm-" + m.String(), Markets: qtAllMarkets, Pricing: plan.Pricing{Model: m}}
	res := []plan.Reservation{
		{Term: plan.OneYear, Saving: currency.MustParseRate("0.30")},
		{Term: plan.ThreeYears, Saving: currency.MustParseRate("0.50")},
	}
	switch m {
	case plan.FlatRate, plan.PerVCPU:
		p.Pricing.VM = plan.VMPricing{PerHour: qtMoney("1.00 USD"), Reservations: res}
	case plan.PerVCPUSize:
		p.Pricing.VM = plan.VMPricing{Sizes: []plan.SizePrice{
			{VCPUs: 1, Price: qtMoney("1.00 USD")}, {VCPUs: 4, Price: qtMoney("3.20 USD")}}, Reservations: res}
	case plan.PerMarketAndVCPUSize:
		p.Pricing.VM = plan.VMPricing{MarketSizes: []plan.MarketSizePrice{
			{Market: market.SE, VCPUs: 4, Price: qtMoney("30.00 SEK")},
			{Market: market.US, VCPUs: 4, Price: qtMoney("3.00 USD")},
			{Market: market.JP, VCPUs: 4, Price: qtMoney("450 JPY")}}}
	}
	return p
}

// qtProblem is what a test expects of one problem.
type qtProblem struct {
	Path string
	Rule rule.ID
	Err  error
}

// qtProblems returns the problems of err, failing the test when err is
// not a rule.Problems.
func qtProblems(t *testing.T, err error) []qtProblem {
	t.Helper()
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v (%T) is not a rule.Problems", err, err)
	}
	out := make([]qtProblem, len(ps))
	for i, p := range ps {
		out[i] = qtProblem{p.Path, p.Rule, p.Err}
		if p.Text(rule.English) == "" || p.Text(rule.Swedish) == "" {
			t.Errorf("problem %d renders empty", i)
		}
		if !errors.Is(err, p.Err) {
			t.Errorf("errors.Is(err, %v) is false", p.Err)
		}
	}
	return out
}

// qtCmpProblems reports whether got matches want: the same paths and
// rules, each got error matching its wanted sentinel with errors.Is.
func qtCmpProblems(got, want []qtProblem) bool {
	return slices.EqualFunc(got, want, func(g, w qtProblem) bool {
		return g.Path == w.Path && g.Rule == w.Rule && errors.Is(g.Err, w.Err)
	})
}

package pricing_test

import (
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
)

// qtBenchPlans are the plans the benchmarks and allocation tests price.
// Never written.
var (
	qtBenchSaaS = &plan.Plan{ID: "gold", Markets: market.SetOf(market.US, market.SE, market.JP), Pricing: plan.Pricing{
		Model: plan.PerUser, Users: plan.Users{Min: 1, Max: 500},
		Terms: []plan.TermPrice{
			{Term: plan.OneMonth, Price: currency.MustParse("12.00 USD")},
			{Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("120.00 USD")},
		}}}
	qtBenchSaaS2 = &plan.Plan{ID: "platinum", Markets: qtBenchSaaS.Markets, Pricing: plan.Pricing{
		Model: plan.PerUser, Users: plan.Users{Min: 1, Max: 500},
		Terms: []plan.TermPrice{
			{Term: plan.OneMonth, Price: currency.MustParse("20.00 USD")},
			{Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("200.00 USD")},
		}}}
	qtBenchMetered = &plan.Plan{ID: "basic", Markets: market.SetOf(market.US, market.SE), Pricing: plan.Pricing{
		Model: plan.FlatRate,
		Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("5.00 USD")}},
		Meters: []plan.Meter{
			{Dimension: "emails", Price: currency.MustParse("1.00 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 100}}},
			{Dimension: "texts", Price: currency.MustParse("0.05 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 1000}}},
		}}}
	qtBenchVM = &plan.Plan{ID: "vm", Markets: market.SetOf(market.US, market.SE), Pricing: plan.Pricing{
		Model: plan.PerVCPUSize,
		VM:    plan.VMPricing{Sizes: []plan.SizePrice{{VCPUs: 2, Price: currency.MustParse("0.20 USD")}, {VCPUs: 4, Price: currency.MustParse("0.35 USD")}}}}}
	qtBenchRate  = currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("10.4567")}
	qtBenchStart = time.Date(2024, time.January, 31, 9, 30, 0, 0, time.UTC)
	qtBenchAt    = time.Date(2024, time.May, 17, 14, 0, 0, 0, time.UTC)
	qtBenchReq   = pricing.Subscription{Plan: qtBenchSaaS, Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly,
		Quantity: 25, Rate: qtBenchRate, Start: qtBenchStart}
)

// qtSink keeps results alive. The benchmarks store one amount of each
// result, not the result: copying a struct with strings into a global
// costs write barriers that a caller keeping the result on its stack
// does not pay.
var qtSink currency.Money

func BenchmarkQuoteTerm(b *testing.B) {
	pol := pricing.DefaultPolicy()
	b.ReportAllocs()
	for b.Loop() {
		q, err := pol.Quote(qtBenchReq)
		if err != nil {
			b.Fatal(err)
		}
		qtSink = q.Price
	}
}

func BenchmarkQuoteOverage(b *testing.B) {
	pol := pricing.DefaultPolicy()
	req := pricing.Subscription{Plan: qtBenchMetered, Market: market.SE, Term: plan.OneMonth, Rate: qtBenchRate, Start: qtBenchStart}
	u := pricing.MeteredUsage{Dimension: "texts", Used: 1200}
	b.ReportAllocs()
	for b.Loop() {
		l, err := pol.QuoteOverage(req, qtBenchAt, u)
		if err != nil {
			b.Fatal(err)
		}
		qtSink = l.Amount
	}
}

func BenchmarkQuoteVMUsage(b *testing.B) {
	pol := pricing.DefaultPolicy()
	req := pricing.Subscription{Plan: qtBenchVM, Market: market.SE, Rate: qtBenchRate, Start: qtBenchStart}
	u := pricing.VMUsage{VCPUs: 4, Runtime: 731*time.Hour + 17*time.Minute + 3*time.Second}
	b.ReportAllocs()
	for b.Loop() {
		l, err := pol.QuoteVMUsage(req, qtBenchAt, u)
		if err != nil {
			b.Fatal(err)
		}
		qtSink = l.Amount
	}
}

func BenchmarkSchedule(b *testing.B) {
	pol := pricing.DefaultPolicy()
	dst := make([]pricing.Charge, 0, 12)
	b.ReportAllocs()
	for b.Loop() {
		lines, err := pol.AppendSchedule(dst[:0], qtBenchReq, qtBenchAt)
		if err != nil {
			b.Fatal(err)
		}
		qtSink = lines[len(lines)-1].Amount
	}
}

func BenchmarkProrate(b *testing.B) {
	for _, bc := range []struct {
		name string
		loc  *time.Location
	}{{"UTC", nil}, {"Stockholm", qtStockholm}} {
		b.Run(bc.name, func(b *testing.B) {
			pol := pricing.DefaultPolicy()
			pol.Location = bc.loc
			ch := pricing.SubscriptionChange{Plan: qtBenchSaaS2}
			b.ReportAllocs()
			for b.Loop() {
				p, err := pol.Prorate(qtBenchReq, ch, qtBenchAt)
				if err != nil {
					b.Fatal(err)
				}
				qtSink = p.Net
			}
		})
	}
}

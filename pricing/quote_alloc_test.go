package pricing_test

import (
	"testing"
	"time"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
)

// Quoting one charge and prorating one change do not allocate; nor do
// the Append forms when the destination has room.
func TestQuoteAndProrate_ZeroAllocs(t *testing.T) {
	qpol := pricing.DefaultQuotePolicy()
	metered := pricing.QuoteRequest{Plan: qtBenchMetered, Market: market.SE, Term: plan.OneMonth, Rate: qtBenchRate, Start: qtBenchStart}
	vm := pricing.QuoteRequest{Plan: qtBenchVM, Market: market.SE, Rate: qtBenchRate, Start: qtBenchStart}
	usage := []pricing.MeteredUsage{{Dimension: "emails", Used: 120}, {Dimension: "texts", Used: 1200}}
	vmUsage := []pricing.VMUsage{{VCPUs: 2, Runtime: 90 * time.Hour}, {VCPUs: 4, Runtime: time.Minute}}
	dst := make([]pricing.Charge, 0, 16)
	local := pricing.DefaultProrationPolicy()
	local.Quote.Location = qtStockholm
	seconds := pricing.DefaultProrationPolicy()
	seconds.Unit = pricing.ProrateBySecond
	seats := pricing.SubscriptionChange{Quantity: 30}
	for _, tc := range []struct {
		name string
		f    func() error
	}{
		{"QuoteTerm", func() error { _, err := pricing.QuoteTerm(qtBenchReq, qpol); return err }},
		{"QuoteOverage", func() error { _, err := pricing.QuoteOverage(metered, qtBenchAt, usage[1], qpol); return err }},
		{"QuoteVMUsage", func() error { _, err := pricing.QuoteVMUsage(vm, qtBenchAt, vmUsage[0], qpol); return err }},
		{"AppendSchedule", func() error { _, err := pricing.AppendSchedule(dst[:0], qtBenchReq, qtBenchAt, qpol); return err }},
		{"AppendOverage", func() error { _, err := pricing.AppendOverage(dst[:0], metered, qtBenchAt, usage, qpol); return err }},
		{"AppendVMUsage", func() error { _, err := pricing.AppendVMUsage(dst[:0], vm, qtBenchAt, vmUsage, qpol); return err }},
		{"Prorate", func() error {
			_, err := pricing.Prorate(qtBenchReq, pricing.SubscriptionChange{Plan: qtBenchSaaS2}, qtBenchAt, pricing.DefaultProrationPolicy())
			return err
		}},
		{"Prorate seats by the second", func() error { _, err := pricing.Prorate(qtBenchReq, seats, qtBenchAt, seconds); return err }},
		{"Prorate in a local zone", func() error {
			_, err := pricing.Prorate(qtBenchReq, pricing.SubscriptionChange{Plan: qtBenchSaaS2}, qtBenchAt, local)
			return err
		}},
	} {
		if err := tc.f(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if n := testing.AllocsPerRun(100, func() { _ = tc.f() }); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tc.name, n)
		}
	}
}

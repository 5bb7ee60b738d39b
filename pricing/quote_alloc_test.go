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
	qpol := pricing.DefaultPolicy()
	metered := pricing.Subscription{Plan: qtBenchMetered, Market: market.SE, Term: plan.OneMonth, Rate: qtBenchRate, Start: qtBenchStart}
	vm := pricing.Subscription{Plan: qtBenchVM, Market: market.SE, Rate: qtBenchRate, Start: qtBenchStart}
	usage := []pricing.MeteredUsage{{Dimension: "emails", Used: 120}, {Dimension: "texts", Used: 1200}}
	vmUsage := []pricing.VMUsage{{VCPUs: 2, Runtime: 90 * time.Hour}, {VCPUs: 4, Runtime: time.Minute}}
	dst := make([]pricing.Charge, 0, 16)
	local := pricing.DefaultPolicy()
	local.Location = qtStockholm
	seconds := pricing.DefaultPolicy()
	seconds.ProrationUnit = pricing.ProrateBySecond
	seats := pricing.SubscriptionChange{Quantity: 30}
	for _, tc := range []struct {
		name string
		f    func() error
	}{
		{"QuoteTerm", func() error { _, err := qpol.Quote(qtBenchReq); return err }},
		{"QuoteOverage", func() error { _, err := qpol.QuoteOverage(metered, qtBenchAt, usage[1]); return err }},
		{"QuoteVMUsage", func() error { _, err := qpol.QuoteVMUsage(vm, qtBenchAt, vmUsage[0]); return err }},
		{"AppendSchedule", func() error { _, err := qpol.AppendSchedule(dst[:0], qtBenchReq, qtBenchAt); return err }},
		{"AppendOverage", func() error { _, err := qpol.AppendOverage(dst[:0], metered, qtBenchAt, usage); return err }},
		{"AppendVMUsage", func() error { _, err := qpol.AppendVMUsage(dst[:0], vm, qtBenchAt, vmUsage); return err }},
		{"Prorate", func() error {
			_, err := pricing.DefaultPolicy().Prorate(qtBenchReq, pricing.SubscriptionChange{Plan: qtBenchSaaS2}, qtBenchAt)
			return err
		}},
		{"Prorate seats by the second", func() error { _, err := seconds.Prorate(qtBenchReq, seats, qtBenchAt); return err }},
		{"Prorate in a local zone", func() error {
			_, err := local.Prorate(qtBenchReq, pricing.SubscriptionChange{Plan: qtBenchSaaS2}, qtBenchAt)
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

package pricing_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// Every kind of line explains itself in both languages with its figures.
func TestLine_Explain(t *testing.T) {
	start := qtUTC(2024, time.January, 31, 0, 0, 0)
	pol := pricing.DefaultPolicy()
	sched := func(req pricing.Subscription) pricing.Charge {
		t.Helper()
		lines, err := pol.AppendSchedule(nil, req, start)
		if err != nil {
			t.Fatal(err)
		}
		return lines[len(lines)-1]
	}
	upfront := sched(pricing.Subscription{Plan: qtFlat("gold", plan.OneYear, plan.Upfront, "99.00 USD"), Market: market.US, Term: plan.OneYear, Start: start})
	installment := sched(pricing.Subscription{Plan: qtPerUser("team", plan.TwoYears, plan.Annual, "100.01 USD", 1, 0), Market: market.US, Term: plan.TwoYears,
		Payment: plan.Annual, Quantity: 3, Start: start})
	reservation := sched(pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.OneYear, Payment: plan.Monthly, Start: start})
	unlimited, err := pol.QuoteOverage(pricing.Subscription{Plan: qtCNSEnterprise(), Market: market.US, Term: plan.OneMonth, Start: start},
		start, pricing.MeteredUsage{Dimension: "emails", Used: 12345})
	if err != nil {
		t.Fatal(err)
	}
	vm, err := pol.QuoteVMUsage(pricing.Subscription{Plan: qtVM(plan.PerVCPU), Market: market.SE, Rate: qtToSEK, Start: start},
		start, pricing.VMUsage{VCPUs: 2, Runtime: 90 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		l    pricing.Charge
		lang rule.Language
		want string
	}{
		{upfront, rule.English, `Plan "gold", 1 year paid upfront: 1 × $99.00 = $99.00 for 2024-01-31 00:00:00 UTC – 2025-01-31 00:00:00 UTC, billed at the start of the period (PRC-07).`},
		{installment, rule.English, `Plan "team", 2 years paid annually: payment 2 of 2, $150.01 of $300.03 (3 × $100.01), for 2025-01-31 00:00:00 UTC – 2026-01-31 00:00:00 UTC, billed at the start of the period (EXT-05).`},
		{installment, rule.Swedish, "Plan \"team\", 2 år betald årsvis: betalning 2 av 2, 150,01\u00a0US$ av 300,03\u00a0US$ (3 × 100,01\u00a0US$), för 2025-01-31 00:00:00 UTC – 2026-01-31 00:00:00 UTC, debiteras i början av perioden (EXT-05)."},
		{reservation, rule.English, `VM software reservation of plan "vm-flat-rate", 1 year paid monthly: payment 12 of 12, $511.00 of $6,132.00 (1 × $6,132.00), for 2024-12-31 00:00:00 UTC – 2025-01-31 00:00:00 UTC, billed at the start of the period (EXT-07).`},
		{unlimited, rule.English, `Dimension "emails", 2024-01-31 00:00:00 UTC – 2024-02-29 00:00:00 UTC: 12,345 used, an unlimited quantity included: $0.00, billed in arrears at 2024-02-29 00:00:00 UTC (EXT-03).`},
		{unlimited, rule.Swedish, "Dimensionen \"emails\", 2024-01-31 00:00:00 UTC – 2024-02-29 00:00:00 UTC: 12\u00a0345 använda, obegränsad mängd ingår: 0,00\u00a0US$, debiteras i efterskott 2024-02-29 00:00:00 UTC (EXT-03)."},
		{vm, rule.English, "VM usage of plan \"vm-per-vcpu\", 2 vCPUs, 2024-01-31 00:00:00 UTC – 2024-02-29 00:00:00 UTC: 90 minutes at SEK\u00a010.46 per hour × 2 = SEK\u00a031.38, billed in arrears at 2024-02-29 00:00:00 UTC (EXT-07)."},
		{vm, rule.Swedish, "VM-användning av planen \"vm-per-vcpu\", 2 vCPU, 2024-01-31 00:00:00 UTC – 2024-02-29 00:00:00 UTC: 90 minuter à 10,46\u00a0kr per timme × 2 = 31,38\u00a0kr, debiteras i efterskott 2024-02-29 00:00:00 UTC (EXT-07)."},
		{pricing.Charge{Amount: qtMoney("1.00 USD"), Rule: rule.PRC07}, rule.English, `Charge of $1.00 (PRC-07).`},
		{pricing.Charge{Amount: qtMoney("1.00 USD"), Rule: rule.PRC07}, rule.Swedish, "Avgift på 1,00\u00a0US$ (PRC-07)."},
	} {
		if got := tc.l.Explain(tc.lang); got != tc.want {
			t.Errorf("%v %v:\n got %q\nwant %q", tc.l.Kind, tc.lang, got, tc.want)
		}
	}
	if got, want := (pricing.Charge{Kind: pricing.ChargeRecurring, Reason: pricing.ReasonRecurringFee, Rule: rule.PRC01}).String(), "PRC-01 recurring 0 [0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// Lines round-trip through JSON, amounts as strings.
func TestLine_JSON(t *testing.T) {
	start := qtUTC(2024, time.January, 1, 0, 0, 0)
	l, err := pricing.DefaultPolicy().QuoteOverage(pricing.Subscription{Plan: qtCNSPremium(), Market: market.SE, Term: plan.ThreeYears, Rate: qtToSEK, Start: start},
		start, pricing.MeteredUsage{Dimension: "emails", UsedBefore: 7, Used: 99})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var back pricing.Charge
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	if diff := cmp.Diff(l, back); diff != "" {
		t.Errorf("round trip of %s (-want +got)\n%s", b, diff)
	}
	for _, want := range []string{`"kind":"overage"`, `"included":"unlimited"`, `"amount":{"amount":"0.00","currency":"SEK"}`, `"term":"P3Y"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
}

// Quotes of every kind explain themselves without formatting errors,
// saying where the price comes from.
func TestQuote_ExplainKinds(t *testing.T) {
	perMarket := qtFlat("local", plan.OneMonth, plan.Upfront, "10.00 USD")
	perMarket.Pricing.Terms[0].Markets = []plan.MarketPrice{{Market: market.SE, Price: qtMoney("99.00 SEK")}}
	for _, tc := range []struct {
		req  pricing.Subscription
		want []string // phrases of the English explanation
	}{
		{pricing.Subscription{Plan: &plan.Plan{ID: "byol", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.BYOL}}, Market: market.SE, Term: plan.Hourly},
			[]string{`Plan "byol" in Sweden is byol: no software charge (PRC-01).`}},
		{pricing.Subscription{Plan: &plan.Plan{ID: "payg", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.UsageOnly}}, Market: market.US, Term: plan.OneMonth},
			[]string{"has no recurring fee", "(EXT-02)"}},
		{pricing.Subscription{Plan: qtVM(plan.PerVCPU), Market: market.US, Term: plan.Hourly, VCPUs: 4},
			[]string{"a 4-vCPU VM costs $4.00 per hour", "That is 4 vCPUs at $1.00 each."}},
		{pricing.Subscription{Plan: qtVM(plan.PerMarketAndVCPUSize), Market: market.SE, Term: plan.Hourly, VCPUs: 4},
			[]string{"The price is the plan's own price in Sweden (PRC-03)."}},
		{pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.ThreeYears, Payment: plan.Monthly, Quantity: 2},
			[]string{"a software reservation for 3 years of a VM costs $1.00 per hour × 26,280 hours × (1 − 0.50) = $13,140.00 (EXT-07)",
				"2 × $13,140.00 = $26,280.00.", "Paid monthly in 36 equal payments of $730.00"}},
		{pricing.Subscription{Plan: perMarket, Market: market.SE, Term: plan.OneMonth},
			[]string{"Paid upfront, at the start of the term (PRC-07).", "The price is the plan's own price in Sweden (PRC-03)."}},
	} {
		q, err := pricing.DefaultPolicy().Quote(tc.req)
		if err != nil {
			t.Fatal(err)
		}
		en := q.Explain(rule.English)
		for _, w := range tc.want {
			if !strings.Contains(en, w) {
				t.Errorf("%s: %q lacks %q", q.Plan, en, w)
			}
		}
		sv := q.Explain(rule.Swedish)
		if strings.Contains(en+sv, "%!") || sv == en {
			t.Errorf("%s: formatting error or no Swedish:\n%s\n%s", q.Plan, en, sv)
		}
		// Every figure in the Swedish text has a decimal comma, the
		// reservation's saving rate included.
		if strings.Contains(sv, "0.") {
			t.Errorf("%s: a decimal point in Swedish: %s", q.Plan, sv)
		}
	}
	// A quote built by hand with values outside the enums still renders.
	odd := pricing.Quote{Plan: "odd", Model: plan.FlatRate, Term: plan.Term(42), Payment: plan.PaymentOption(9), Quantity: 1, Payments: 3,
		Price: qtMoney("1.00 USD"), UnitPrice: qtMoney("1.00 USD")}
	if s := odd.Explain(rule.English); !strings.Contains(s, "Term(42)") || !strings.Contains(s, "plan.PaymentOption(9)") {
		t.Errorf("odd quote: %s", s)
	}
	if got, want := (pricing.Quote{}).String(), ` ""   upfront: 0 × 0 = 0`; got != want {
		t.Errorf("zero quote: %q, want %q", got, want)
	}
	_ = currency.USD
}

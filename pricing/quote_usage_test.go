package pricing_test

import (
	"github.com/marketrules/marketrules/calendar"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// qtBill returns the schedule's payment at at plus the overage lines of
// the usage period that contains at: a month's bill of a metered plan.
func qtBill(t *testing.T, req pricing.Subscription, at time.Time, usage []pricing.MeteredUsage) (currency.Money, []pricing.Charge) {
	t.Helper()
	pol := pricing.DefaultPolicy()
	sched, err := pol.AppendSchedule(nil, req, at)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := pol.AppendOverage(nil, req, at, usage)
	if err != nil {
		t.Fatal(err)
	}
	total := sched[0].Amount
	for _, l := range lines {
		total, _ = total.Add(l.Amount)
	}
	return total, lines
}

// EXT-03 (the derived test): Basic with 12,000 emails and 1,200 texts
// in a month is $5 + (2,000/100) × $1 + 200 × $0.05 = $35.00. The emails
// dimension is priced per 100 emails, so usage counts hundreds.
func TestEXT03_W4MeteredSaaS(t *testing.T) {
	start := qtUTC(2024, time.January, 1, 0, 0, 0)
	for _, tc := range []struct {
		name  string
		p     *plan.Plan
		term  plan.Term
		usage []pricing.MeteredUsage
		over  []int64
		total string
	}{
		{"Basic, derived test", qtCNSBasic(), plan.OneMonth,
			[]pricing.MeteredUsage{{Dimension: "emails", Used: 120}, {Dimension: "texts", Used: 1200}}, []int64{20, 200}, "35.00 USD"},
		{"Basic within the included quantities", qtCNSBasic(), plan.OneMonth,
			[]pricing.MeteredUsage{{Dimension: "emails", Used: 100}, {Dimension: "texts", Used: 999}}, []int64{0, 0}, "5.00 USD"},
		{"Premium 1 year", qtCNSPremium(), plan.OneYear,
			[]pricing.MeteredUsage{{Dimension: "emails", Used: 520}, {Dimension: "texts", Used: 1100}}, []int64{20, 100}, "372.00 USD"},
		{"Premium 3 years: unlimited emails", qtCNSPremium(), plan.ThreeYears,
			[]pricing.MeteredUsage{{Dimension: "emails", Used: 1_000_000}, {Dimension: "texts", Used: 5200}}, []int64{0, 200}, "854.00 USD"},
		{"Enterprise: unlimited emails and texts", qtCNSEnterprise(), plan.OneMonth,
			[]pricing.MeteredUsage{{Dimension: "emails", Used: 1_000_000}, {Dimension: "texts", Used: 1_000_000}}, []int64{0, 0}, "50.00 USD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := pricing.Subscription{Plan: tc.p, Market: market.US, Term: tc.term, Start: start}
			total, lines := qtBill(t, req, start.Add(14*24*time.Hour), tc.usage)
			var over []int64
			for _, l := range lines {
				over = append(over, l.Quantity)
			}
			if diff := cmp.Diff(tc.over, over); diff != "" {
				t.Errorf("overage (-want +got)\n%s", diff)
			}
			if total != qtMoney(tc.total) {
				t.Errorf("bill %v, want %s", total, tc.total)
			}
		})
	}
}

// EXT-02: the managed application sample: Base analyzes 100 GB and
// generates 100 reports for $0/month; Premium 1,000 GB (1 TB) and 1,000
// reports for $350/month.
func TestEXT02_W5ManagedApp(t *testing.T) {
	base := &plan.Plan{ID: "base", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.FlatRate,
		Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: qtMoney("0.00 USD")}},
		Meters: []plan.Meter{
			{Dimension: "gb", Price: qtMoney("10.00 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 100}}},
			{Dimension: "reports", Price: qtMoney("1.00 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 100}}},
		}}}
	premium := &plan.Plan{ID: "premium", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.FlatRate,
		Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: qtMoney("350.00 USD")}},
		Meters: []plan.Meter{
			{Dimension: "tb", Price: qtMoney("100.00 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 1}}},
			{Dimension: "reports", Price: qtMoney("0.50 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 1000}}},
		}}}
	start := qtUTC(2024, time.March, 1, 0, 0, 0)
	for _, tc := range []struct {
		p     *plan.Plan
		usage []pricing.MeteredUsage
		total string
	}{
		{base, []pricing.MeteredUsage{{Dimension: "gb", Used: 130}, {Dimension: "reports", Used: 120}}, "320.00 USD"},
		{premium, []pricing.MeteredUsage{{Dimension: "tb", Used: 3}, {Dimension: "reports", Used: 1500}}, "800.00 USD"},
	} {
		total, _ := qtBill(t, pricing.Subscription{Plan: tc.p, Market: market.US, Term: plan.OneMonth, Start: start}, start, tc.usage)
		if total != qtMoney(tc.total) {
			t.Errorf("%s: %v, want %s", tc.p.ID, total, tc.total)
		}
	}
}

// EXT-03: the included quantity counts per term from activation.
// Activated January 6 with 1,000 emails included per month: 900 by
// February 5 is no overage; the renewal on February 6 restarts the count;
// 1,000 reached on February 15 makes the rest until March 5 overage at $1
// per email, billed in arrears.
func TestEXT03_W6IncludedPerTerm(t *testing.T) {
	w6 := &plan.Plan{ID: "w6", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.FlatRate,
		Terms:  []plan.TermPrice{{Term: plan.OneMonth, Price: qtMoney("100.00 USD")}, {Term: plan.OneYear, Price: qtMoney("1000.00 USD")}},
		Meters: []plan.Meter{{Dimension: "emails", Price: qtMoney("1.00 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 1000}, {Term: plan.OneYear, Quantity: 1000}}}}}}
	start := qtUTC(2024, time.January, 6, 0, 0, 0)
	type want struct {
		Start, End time.Time
		Billed     time.Time
		Over       int64
		Amount     string
	}
	for _, tc := range []struct {
		name string
		term plan.Term
		at   time.Time
		u    pricing.MeteredUsage
		want want
	}{
		{"monthly term: 900 by Feb 5", plan.OneMonth, qtUTC(2024, time.January, 20, 12, 0, 0), pricing.MeteredUsage{Dimension: "emails", Used: 900},
			want{start, qtUTC(2024, time.February, 6, 0, 0, 0), qtUTC(2024, time.February, 6, 0, 0, 0), 0, "0.00 USD"}},
		{"monthly term: renewal restarts, 250 over until Mar 5", plan.OneMonth, qtUTC(2024, time.February, 15, 9, 0, 0), pricing.MeteredUsage{Dimension: "emails", Used: 1250},
			want{qtUTC(2024, time.February, 6, 0, 0, 0), qtUTC(2024, time.March, 6, 0, 0, 0), qtUTC(2024, time.March, 6, 0, 0, 0), 250, "250.00 USD"}},
		{"monthly term: last instant of the period", plan.OneMonth, qtUTC(2024, time.March, 5, 23, 59, 59), pricing.MeteredUsage{Dimension: "emails", Used: 1001},
			want{qtUTC(2024, time.February, 6, 0, 0, 0), qtUTC(2024, time.March, 6, 0, 0, 0), qtUTC(2024, time.March, 6, 0, 0, 0), 1, "1.00 USD"}},
		{"yearly term: month 1 within the year's 1,000", plan.OneYear, qtUTC(2024, time.January, 20, 0, 0, 0), pricing.MeteredUsage{Dimension: "emails", Used: 600},
			want{start, qtUTC(2024, time.February, 6, 0, 0, 0), qtUTC(2024, time.February, 6, 0, 0, 0), 0, "0.00 USD"}},
		{"yearly term: month 2 crosses the 1,000", plan.OneYear, qtUTC(2024, time.February, 20, 0, 0, 0), pricing.MeteredUsage{Dimension: "emails", UsedBefore: 600, Used: 600},
			want{qtUTC(2024, time.February, 6, 0, 0, 0), qtUTC(2024, time.March, 6, 0, 0, 0), qtUTC(2024, time.March, 6, 0, 0, 0), 200, "200.00 USD"}},
		{"yearly term: month 3 all overage", plan.OneYear, qtUTC(2024, time.March, 20, 0, 0, 0), pricing.MeteredUsage{Dimension: "emails", UsedBefore: 1200, Used: 100},
			want{qtUTC(2024, time.March, 6, 0, 0, 0), qtUTC(2024, time.April, 6, 0, 0, 0), qtUTC(2024, time.April, 6, 0, 0, 0), 100, "100.00 USD"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := pricing.DefaultPolicy().QuoteOverage(pricing.Subscription{Plan: w6, Market: market.US, Term: tc.term, Start: start}, tc.at, tc.u)
			if err != nil {
				t.Fatal(err)
			}
			got := want{l.Period.Start, l.Period.End, l.BilledAt, l.Quantity, l.Amount.String()}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if l.Kind != pricing.ChargeOverage || l.Rule != rule.EXT03 || l.Included != 1000 || l.Used != tc.u.Used || l.UsedBefore != tc.u.UsedBefore {
				t.Errorf("line %+v", l)
			}
		})
	}
}

// EXT-02: tiered pricing through three dimensions; the publisher
// splits the usage into the tiers: $0.5 per email for the first 1,000,
// $0.4 up to 5,000, $0.2 above.
func TestEXT02_W7TieredDimensions(t *testing.T) {
	tiered := &plan.Plan{ID: "tiered", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.UsageOnly,
		Meters: []plan.Meter{
			{Dimension: "tier1", Price: qtMoney("0.50 USD")},
			{Dimension: "tier2", Price: qtMoney("0.40 USD")},
			{Dimension: "tier3", Price: qtMoney("0.20 USD")},
		}}}
	start := qtUTC(2024, time.January, 1, 0, 0, 0)
	for _, tc := range []struct {
		emails int64
		total  string
	}{{800, "400.00 USD"}, {1000, "500.00 USD"}, {5000, "2100.00 USD"}, {6000, "2300.00 USD"}} {
		usage := []pricing.MeteredUsage{
			{Dimension: "tier1", Used: min(tc.emails, 1000)},
			{Dimension: "tier2", Used: min(max(tc.emails-1000, 0), 4000)},
			{Dimension: "tier3", Used: max(tc.emails-5000, 0)},
		}
		total, _ := qtBill(t, pricing.Subscription{Plan: tiered, Market: market.US, Term: plan.OneMonth, Start: start}, start, usage)
		if total != qtMoney(tc.total) {
			t.Errorf("%d emails: %v, want %s", tc.emails, total, tc.total)
		}
	}
}

// EXT-03, PRC-03: a meter's USD unit price is converted, then multiplied.
func TestEXT03_OverageConverted(t *testing.T) {
	start := qtUTC(2024, time.January, 1, 0, 0, 0)
	l, err := pricing.DefaultPolicy().QuoteOverage(pricing.Subscription{Plan: qtCNSBasic(), Market: market.SE, Term: plan.OneMonth, Rate: qtToSEK, Start: start},
		start, pricing.MeteredUsage{Dimension: "texts", Used: 1200})
	if err != nil {
		t.Fatal(err)
	}
	if l.UnitPrice != qtMoney("0.52 SEK") || l.Amount != qtMoney("104.00 SEK") {
		t.Errorf("unit %v, amount %v; want 0.52 SEK and 104.00 SEK", l.UnitPrice, l.Amount)
	}
}

// EXT-07: VM usage is priced per hour, charged by the minute and billed
// monthly in arrears; free and BYOL plans give zero lines.
func TestEXT07_VMUsage(t *testing.T) {
	start := qtUTC(2024, time.January, 31, 0, 0, 0)
	at := qtUTC(2024, time.February, 15, 0, 0, 0)
	down := pricing.DefaultPolicy()
	down.MinuteRounding = currency.Down
	byol := &plan.Plan{ID: "byol", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.BYOL}}
	free := &plan.Plan{ID: "free", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.Free}}
	for _, tc := range []struct {
		name    string
		p       *plan.Plan
		mk      market.Code
		u       pricing.VMUsage
		pol     pricing.Policy
		minutes int64
		unit    currency.Money
		qty     int64
		amount  currency.Money
		id      rule.ID
	}{
		{"90 seconds are 2 minutes", qtVM(plan.FlatRate), market.US, pricing.VMUsage{Runtime: 90 * time.Second}, pricing.DefaultPolicy(),
			2, qtMoney("1.00 USD"), 1, qtMoney("0.03 USD"), rule.EXT07},
		{"a month of a flat rate", qtVM(plan.FlatRate), market.US, pricing.VMUsage{VCPUs: 64, Runtime: 730 * time.Hour}, pricing.DefaultPolicy(),
			43800, qtMoney("1.00 USD"), 1, qtMoney("730.00 USD"), rule.EXT07},
		{"per vCPU", qtVM(plan.PerVCPU), market.US, pricing.VMUsage{VCPUs: 4, Runtime: 10*time.Hour + 30*time.Minute}, pricing.DefaultPolicy(),
			630, qtMoney("1.00 USD"), 4, qtMoney("42.00 USD"), rule.EXT07},
		{"per size, a started minute", qtVM(plan.PerVCPUSize), market.US, pricing.VMUsage{VCPUs: 4, Runtime: time.Hour + time.Second}, pricing.DefaultPolicy(),
			61, qtMoney("3.20 USD"), 1, qtMoney("3.25 USD"), rule.EXT07},
		{"per size, seconds dropped", qtVM(plan.PerVCPUSize), market.US, pricing.VMUsage{VCPUs: 4, Runtime: time.Hour + 59*time.Second}, down,
			60, qtMoney("3.20 USD"), 1, qtMoney("3.20 USD"), rule.EXT07},
		{"per market and size, no conversion", qtVM(plan.PerMarketAndVCPUSize), market.SE, pricing.VMUsage{VCPUs: 4, Runtime: 100 * time.Hour}, pricing.DefaultPolicy(),
			6000, qtMoney("30.00 SEK"), 1, qtMoney("3000.00 SEK"), rule.EXT07},
		{"converted", qtVM(plan.PerVCPU), market.SE, pricing.VMUsage{VCPUs: 2, Runtime: 3 * time.Hour}, pricing.DefaultPolicy(),
			180, qtMoney("10.46 SEK"), 2, qtMoney("62.76 SEK"), rule.EXT07},
		{"no usage", qtVM(plan.PerVCPU), market.US, pricing.VMUsage{VCPUs: 2}, pricing.DefaultPolicy(),
			0, qtMoney("1.00 USD"), 2, qtMoney("0.00 USD"), rule.EXT07},
		{"BYOL: a zero line", byol, market.SE, pricing.VMUsage{VCPUs: 8, Runtime: 5 * time.Hour}, pricing.DefaultPolicy(),
			300, qtMoney("0.00 SEK"), 1, qtMoney("0.00 SEK"), rule.PRC01},
		{"free in China: no currency", free, market.CN, pricing.VMUsage{VCPUs: 8, Runtime: 5 * time.Hour}, pricing.DefaultPolicy(),
			300, currency.Money{}, 1, currency.Money{}, rule.PRC01},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := pricing.Subscription{Plan: tc.p, Market: tc.mk, Start: start}
			if tc.name == "converted" {
				req.Rate = qtToSEK
			}
			l, err := tc.pol.QuoteVMUsage(req, at, tc.u)
			if err != nil {
				t.Fatal(err)
			}
			want := pricing.Charge{Kind: pricing.ChargeVMUsage, Reason: pricing.ReasonVMUsage, Rule: tc.id, Plan: tc.p.ID, Term: plan.Hourly,
				Period:   calendar.Period{Start: start, End: qtUTC(2024, time.February, 29, 0, 0, 0)},
				BilledAt: qtUTC(2024, time.February, 29, 0, 0, 0), UnitPrice: tc.unit, Quantity: tc.qty,
				VCPUs: tc.u.VCPUs, Minutes: tc.minutes, Amount: tc.amount}
			if diff := cmp.Diff(want, l); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestQuoteUsage_Errors(t *testing.T) {
	start := qtUTC(2024, time.January, 1, 0, 0, 0)
	at := qtUTC(2024, time.January, 15, 0, 0, 0)
	basic := pricing.Subscription{Plan: qtCNSBasic(), Market: market.US, Term: plan.OneMonth, Start: start}
	with := func(f func(*pricing.Subscription)) pricing.Subscription { r := basic; f(&r); return r }
	quarterly := pricing.DefaultPolicy()
	quarterly.UsageMonths = 5
	emails := pricing.MeteredUsage{Dimension: "emails", Used: 1}
	for _, tc := range []struct {
		name string
		req  pricing.Subscription
		at   time.Time
		u    pricing.MeteredUsage
		pol  pricing.Policy
		want []qtProblem
	}{
		{"per-user plan", with(func(r *pricing.Subscription) { r.Plan = qtPerUser("u", plan.OneMonth, plan.Upfront, "1.00 USD", 1, 0) }), at, emails, pricing.DefaultPolicy(),
			[]qtProblem{{"plan.pricing.model", rule.EXT02, pricing.ErrUnpriced}}},
		{"VM plan", with(func(r *pricing.Subscription) { r.Plan = qtVM(plan.FlatRate) }), at, emails, pricing.DefaultPolicy(),
			[]qtProblem{{"plan.pricing.model", rule.EXT02, pricing.ErrUnpriced}}},
		{"no plan", with(func(r *pricing.Subscription) { r.Plan = nil }), at, emails, pricing.DefaultPolicy(),
			[]qtProblem{{"plan", rule.EXT03, pricing.ErrUnpriced}}},
		{"unknown dimension", basic, at, pricing.MeteredUsage{Dimension: "faxes", Used: 1}, pricing.DefaultPolicy(),
			[]qtProblem{{"usage.dimension", rule.EXT02, pricing.ErrUnpriced}}},
		{"negative usage", basic, at, pricing.MeteredUsage{Dimension: "emails", UsedBefore: -1, Used: -2}, pricing.DefaultPolicy(),
			[]qtProblem{{"usage.usedBefore", rule.EXT03, pricing.ErrUsage}, {"usage.used", rule.EXT03, pricing.ErrUsage}}},
		{"usage overflows", basic, at, pricing.MeteredUsage{Dimension: "emails", UsedBefore: 1 << 62, Used: 1 << 62}, pricing.DefaultPolicy(),
			[]qtProblem{{"usage.used", rule.EXT03, currency.ErrOverflow}}},
		{"overage amount overflows", basic, at, pricing.MeteredUsage{Dimension: "emails", Used: 1 << 62}, pricing.DefaultPolicy(),
			[]qtProblem{{"usage.used", rule.EXT03, currency.ErrOverflow}}},
		{"before the start", basic, start.Add(-time.Second), emails, pricing.DefaultPolicy(),
			[]qtProblem{{"at", rule.EXT03, pricing.ErrInstant}}},
		{"no start", with(func(r *pricing.Subscription) { r.Start = time.Time{} }), at, emails, pricing.DefaultPolicy(),
			[]qtProblem{{"start", rule.EXT03, pricing.ErrInstant}}},
		{"year 10000", basic, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), emails, pricing.DefaultPolicy(),
			[]qtProblem{{"at", rule.EXT03, pricing.ErrInstant}}},
		{"hourly term", with(func(r *pricing.Subscription) { r.Term = plan.Hourly }), at, emails, pricing.DefaultPolicy(),
			[]qtProblem{{"term", rule.EXT03, pricing.ErrUnpriced}}},
		{"term the plan lacks", with(func(r *pricing.Subscription) { r.Term = plan.OneYear }), at, emails, pricing.DefaultPolicy(),
			[]qtProblem{{"term", rule.EXT03, pricing.ErrUnpriced}}},
		{"usage months do not divide the term", basic, at, emails, quarterly,
			[]qtProblem{{"policy.usageMonths", rule.PRC07, pricing.ErrPolicy}}},
		{"no rate", with(func(r *pricing.Subscription) { r.Market = market.SE }), at, emails, pricing.DefaultPolicy(),
			[]qtProblem{{"rate", rule.PRC03, pricing.ErrNoRate}}},
		{"market not in the plan", with(func(r *pricing.Subscription) { r.Market = market.FR }), at, emails, pricing.DefaultPolicy(),
			[]qtProblem{{"market", rule.PLN06, pricing.ErrUnpriced}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := tc.pol.QuoteOverage(tc.req, tc.at, tc.u)
			if err == nil {
				t.Fatalf("no error; line %v", l)
			}
			if got := qtProblems(t, err); !qtCmpProblems(got, tc.want) {
				t.Errorf("problems %v\nwant %v\n%v", got, tc.want, err)
			}
		})
	}

	vmReq := pricing.Subscription{Plan: qtVM(plan.PerVCPUSize), Market: market.US, Start: start}
	for _, tc := range []struct {
		name string
		req  pricing.Subscription
		u    pricing.VMUsage
		want []qtProblem
	}{
		{"negative runtime", vmReq, pricing.VMUsage{VCPUs: 4, Runtime: -time.Minute}, []qtProblem{{"usage.runtime", rule.EXT07, pricing.ErrUsage}}},
		{"size not priced", vmReq, pricing.VMUsage{VCPUs: 3, Runtime: time.Hour}, []qtProblem{{"usage.vcpus", rule.EXT07, pricing.ErrUnpriced}}},
		{"no vCPUs", vmReq, pricing.VMUsage{Runtime: time.Hour}, []qtProblem{{"usage.vcpus", rule.EXT07, pricing.ErrUsage}}},
		{"SaaS plan", pricing.Subscription{Plan: qtCNSBasic(), Market: market.US, Start: start}, pricing.VMUsage{VCPUs: 4},
			[]qtProblem{{"plan.pricing.model", rule.EXT07, pricing.ErrUnpriced}}},
		{"BYOL with negative vCPUs", pricing.Subscription{Plan: &plan.Plan{ID: "b", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.BYOL}}, Market: market.US, Start: start},
			pricing.VMUsage{VCPUs: -1}, []qtProblem{{"usage.vcpus", rule.EXT07, pricing.ErrUsage}}},
		{"no rate", pricing.Subscription{Plan: qtVM(plan.PerVCPU), Market: market.JP, Start: start}, pricing.VMUsage{VCPUs: 4},
			[]qtProblem{{"rate", rule.PRC03, pricing.ErrNoRate}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := pricing.DefaultPolicy().QuoteVMUsage(tc.req, at, tc.u)
			if err == nil {
				t.Fatalf("no error; line %v", l)
			}
			if got := qtProblems(t, err); !qtCmpProblems(got, tc.want) {
				t.Errorf("problems %v\nwant %v\n%v", got, tc.want, err)
			}
		})
	}
}

// The Append forms add a line per record, in order, after what dst holds;
// on error they report every problem with the record's index and leave
// dst as it was.
func TestQuoteUsage_Append(t *testing.T) {
	start := qtUTC(2024, time.January, 1, 0, 0, 0)
	pol := pricing.DefaultPolicy()
	basic := pricing.Subscription{Plan: qtCNSBasic(), Market: market.US, Term: plan.OneMonth, Start: start}
	prior := pricing.Charge{Kind: pricing.ChargeRecurring, Reason: pricing.ReasonRecurringFee, Plan: "prior"}
	dst := append(make([]pricing.Charge, 0, 8), prior)

	lines, err := pol.AppendOverage(dst, basic, start, []pricing.MeteredUsage{{Dimension: "texts", Used: 1001}, {Dimension: "emails", Used: 101}})
	if err != nil {
		t.Fatal(err)
	}
	if got := []any{len(lines), lines[0].Plan, lines[1].Dimension, lines[1].Amount, lines[2].Dimension, lines[2].Amount}; !cmp.Equal(got,
		[]any{3, "prior", "texts", qtMoney("0.05 USD"), "emails", qtMoney("1.00 USD")}) {
		t.Errorf("lines %v", got)
	}

	lines, err = pol.AppendOverage(dst, basic, start, []pricing.MeteredUsage{{Dimension: "texts", Used: 1}, {Dimension: "faxes"}, {Dimension: "emails", Used: -1}})
	if want := []qtProblem{{"usage[1].dimension", rule.EXT02, pricing.ErrUnpriced}, {"usage[2].used", rule.EXT03, pricing.ErrUsage}}; !qtCmpProblems(qtProblems(t, err), want) {
		t.Errorf("problems %v, want %v", err, want)
	}
	if len(lines) != 1 || lines[0] != prior || dst[:2][1] != (pricing.Charge{}) {
		t.Errorf("dst changed on error: %v", lines)
	}

	se := basic
	se.Market = market.SE
	_, err = pol.AppendOverage(nil, se, start, []pricing.MeteredUsage{{Dimension: "texts", Used: 1}, {Dimension: "emails", Used: 1}})
	if want := []qtProblem{{"rate", rule.PRC03, pricing.ErrNoRate}}; !qtCmpProblems(qtProblems(t, err), want) {
		t.Errorf("a missing rate must be reported once: %v", err)
	}
	if lines, err := pol.AppendOverage(dst, se, start, nil); err != nil || len(lines) != 1 {
		// Only records need the rate; no records need none.
		t.Errorf("no records: %v, %v", lines, err)
	}

	vm := pricing.Subscription{Plan: qtVM(plan.PerVCPUSize), Market: market.US, Start: start}
	lines, err = pol.AppendVMUsage(dst, vm, start, []pricing.VMUsage{{VCPUs: 1, Runtime: time.Hour}, {VCPUs: 4, Runtime: 2 * time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	if got := []any{len(lines), lines[1].Amount, lines[2].Amount}; !cmp.Equal(got, []any{3, qtMoney("1.00 USD"), qtMoney("6.40 USD")}) {
		t.Errorf("lines %v", got)
	}
	lines, err = pol.AppendVMUsage(dst, vm, start, []pricing.VMUsage{{VCPUs: 1}, {VCPUs: 2}, {VCPUs: 4, Runtime: -1}})
	if want := []qtProblem{{"usage[1].vcpus", rule.EXT07, pricing.ErrUnpriced}, {"usage[2].runtime", rule.EXT07, pricing.ErrUsage}}; !qtCmpProblems(qtProblems(t, err), want) {
		t.Errorf("problems %v, want %v", err, want)
	}
	if len(lines) != 1 {
		t.Errorf("dst changed on error: %v", lines)
	}
	if _, err := pol.AppendVMUsage(nil, pricing.Subscription{Plan: nil, Start: start}, start, nil); err == nil {
		t.Error("no error for a missing plan")
	}
}

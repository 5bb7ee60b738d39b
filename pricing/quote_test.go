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

// PRC-03: a plan's price in a market is its price for that market if it
// declares one, else its USD price, converted with the request's rate
// unless the market is billed in USD.
func TestPRC03_MarketPrice(t *testing.T) {
	gold := qtFlat("gold", plan.OneMonth, plan.Upfront, "12.00 USD")
	withDE := qtFlat("gold", plan.OneMonth, plan.Upfront, "12.00 USD")
	withDE.Pricing.Terms[0].Markets = []plan.MarketPrice{{Market: market.DE, Price: qtMoney("11.00 EUR")}}
	up := pricing.DefaultPolicy()
	up.ConversionRounding = currency.Up
	type want struct {
		Unit       currency.Money
		Source     pricing.QuoteSource
		Conversion currency.Conversion
	}
	for _, tc := range []struct {
		name string
		p    *plan.Plan
		mk   market.Code
		rate currency.ExchangeRate
		pol  pricing.Policy
		want want
	}{
		{"USD market", gold, market.US, currency.ExchangeRate{}, pricing.DefaultPolicy(),
			want{qtMoney("12.00 USD"), pricing.QuoteFromUSD, currency.Conversion{}}},
		{"converted to SEK, half-even", gold, market.SE, qtToSEK, pricing.DefaultPolicy(),
			want{qtMoney("125.48 SEK"), pricing.QuoteConverted, currency.Conversion{From: qtMoney("12.00 USD"), To: qtMoney("125.48 SEK"), Rate: qtToSEK}}},
		{"converted to SEK, up", gold, market.SE, qtToSEK, up,
			want{qtMoney("125.49 SEK"), pricing.QuoteConverted, currency.Conversion{From: qtMoney("12.00 USD"), To: qtMoney("125.49 SEK"), Rate: qtToSEK, Rounding: currency.Up}}},
		{"converted to JPY, no minor unit", gold, market.JP, qtToJPY, pricing.DefaultPolicy(),
			want{qtMoney("1791 JPY"), pricing.QuoteConverted, currency.Conversion{From: qtMoney("12.00 USD"), To: qtMoney("1791 JPY"), Rate: qtToJPY}}},
		{"declared market price, no rate needed", withDE, market.DE, currency.ExchangeRate{}, pricing.DefaultPolicy(),
			want{qtMoney("11.00 EUR"), pricing.QuoteFromMarket, currency.Conversion{}}},
		{"declared price for another market", withDE, market.SE, qtToSEK, pricing.DefaultPolicy(),
			want{qtMoney("125.48 SEK"), pricing.QuoteConverted, currency.Conversion{From: qtMoney("12.00 USD"), To: qtMoney("125.48 SEK"), Rate: qtToSEK}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := tc.pol.Quote(pricing.Subscription{Plan: tc.p, Market: tc.mk, Term: plan.OneMonth, Rate: tc.rate})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, want{q.UnitPrice, q.Source, q.Conversion}); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// PRC-04, EXT-05: the price of a term and the equal payments it is
// billed in.
func TestPRC04_QuoteTerm(t *testing.T) {
	team := qtPerUser("team", plan.OneYear, plan.Monthly, "120.00 USD", 1, 0)
	multi := &plan.Plan{ID: "multi", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{
		{Term: plan.TwoYears, Payment: plan.Monthly, Price: qtMoney("100.00 USD")},
		{Term: plan.ThreeYears, Price: qtMoney("90.00 USD")},
	}}}
	annual := qtFlat("annual", plan.TwoYears, plan.Annual, "100.00 USD")
	usageOnly := &plan.Plan{ID: "payg", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.UsageOnly,
		Meters: []plan.Meter{{Dimension: "gb", Price: qtMoney("0.10 USD")}}}}
	byol := &plan.Plan{ID: "byol", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.BYOL}}
	free := &plan.Plan{ID: "free", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.Free}}
	for _, tc := range []struct {
		name string
		req  pricing.Subscription
		want pricing.Quote
	}{
		{"flat rate, 1 month", pricing.Subscription{Plan: qtFlat("gold", plan.OneMonth, plan.Upfront, "12.00 USD"), Market: market.US, Term: plan.OneMonth},
			pricing.Quote{Plan: "gold", Model: plan.FlatRate, Market: market.US, Term: plan.OneMonth, Rule: rule.PRC04, Source: pricing.QuoteFromUSD, Reason: pricing.ReasonPriceInUSD,
				UnitPrice: qtMoney("12.00 USD"), Quantity: 1, Price: qtMoney("12.00 USD"), Payments: 1}},
		{"per user, 1 year paid monthly, converted", pricing.Subscription{Plan: team, Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly, Quantity: 10, Rate: qtToSEK},
			pricing.Quote{Plan: "team", Model: plan.PerUser, Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly, Rule: rule.PRC04, Source: pricing.QuoteConverted, Reason: pricing.ReasonPriceConverted,
				Conversion: currency.Conversion{From: qtMoney("120.00 USD"), To: qtMoney("1254.80 SEK"), Rate: qtToSEK},
				UnitPrice:  qtMoney("1254.80 SEK"), Quantity: 10, Price: qtMoney("12548.00 SEK"), Payments: 12}},
		{"2-year term paid monthly", pricing.Subscription{Plan: multi, Market: market.US, Term: plan.TwoYears, Payment: plan.Monthly},
			pricing.Quote{Plan: "multi", Model: plan.FlatRate, Market: market.US, Term: plan.TwoYears, Payment: plan.Monthly, Rule: rule.PRC04, Source: pricing.QuoteFromUSD, Reason: pricing.ReasonPriceInUSD,
				UnitPrice: qtMoney("100.00 USD"), Quantity: 1, Price: qtMoney("100.00 USD"), Payments: 24}},
		{"3-year term upfront", pricing.Subscription{Plan: multi, Market: market.US, Term: plan.ThreeYears},
			pricing.Quote{Plan: "multi", Model: plan.FlatRate, Market: market.US, Term: plan.ThreeYears, Rule: rule.PRC04, Source: pricing.QuoteFromUSD, Reason: pricing.ReasonPriceInUSD,
				UnitPrice: qtMoney("90.00 USD"), Quantity: 1, Price: qtMoney("90.00 USD"), Payments: 1}},
		{"2-year term paid annually", pricing.Subscription{Plan: annual, Market: market.US, Term: plan.TwoYears, Payment: plan.Annual, Quantity: 1},
			pricing.Quote{Plan: "annual", Model: plan.FlatRate, Market: market.US, Term: plan.TwoYears, Payment: plan.Annual, Rule: rule.PRC04, Source: pricing.QuoteFromUSD, Reason: pricing.ReasonPriceInUSD,
				UnitPrice: qtMoney("100.00 USD"), Quantity: 1, Price: qtMoney("100.00 USD"), Payments: 2}},
		{"usage-only plan has no recurring fee", pricing.Subscription{Plan: usageOnly, Market: market.SE, Term: plan.OneMonth},
			pricing.Quote{Plan: "payg", Model: plan.UsageOnly, Market: market.SE, Term: plan.OneMonth, Rule: rule.EXT02, Source: pricing.QuoteNoCharge, Reason: pricing.ReasonNoCharge,
				UnitPrice: qtMoney("0.00 SEK"), Quantity: 1, Price: qtMoney("0.00 SEK"), Payments: 1}},
		{"BYOL has no software charge", pricing.Subscription{Plan: byol, Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly},
			pricing.Quote{Plan: "byol", Model: plan.BYOL, Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly, Rule: rule.PRC01, Source: pricing.QuoteNoCharge, Reason: pricing.ReasonNoCharge,
				UnitPrice: qtMoney("0.00 SEK"), Quantity: 1, Price: qtMoney("0.00 SEK"), Payments: 12}},
		{"free VM in China, which has no currency", pricing.Subscription{Plan: free, Market: market.CN, Term: plan.Hourly},
			pricing.Quote{Plan: "free", Model: plan.Free, Market: market.CN, Term: plan.Hourly, Rule: rule.PRC01, Source: pricing.QuoteNoCharge, Reason: pricing.ReasonNoCharge, Quantity: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := pricing.DefaultPolicy().Quote(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, q); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// EXT-05: a term's price is billed in equal payments that conserve every
// minor unit, the extra units going to the first payments.
func TestEXT05_Installments(t *testing.T) {
	for _, tc := range []struct {
		price    string
		payments int
		want     []string // first, second, …, last distinct runs
	}{
		{"100.00 USD", 24, []string{"4.17 USD", "4.16 USD"}},
		{"100.00 USD", 3, []string{"33.34 USD", "33.33 USD"}},
		{"12548.00 SEK", 12, []string{"1045.67 SEK", "1045.66 SEK"}},
		{"120.00 USD", 12, []string{"10.00 USD"}},
		{"0.05 USD", 12, []string{"0.01 USD", "0.00 USD"}},
		{"1001 JPY", 36, []string{"28 JPY", "27 JPY"}},
	} {
		q := pricing.Quote{Price: qtMoney(tc.price), Payments: tc.payments}
		parts := make([]currency.Money, tc.payments)
		if err := q.Price.SplitInto(parts); err != nil {
			t.Fatal(err)
		}
		var sum currency.Money
		var runs []string
		for i := 1; i <= tc.payments; i++ {
			got := q.Installment(i)
			if got != parts[i-1] {
				t.Errorf("%s / %d: payment %d is %v, SplitInto says %v", tc.price, tc.payments, i, got, parts[i-1])
			}
			if len(runs) == 0 || runs[len(runs)-1] != got.String() {
				runs = append(runs, got.String())
			}
			sum, _ = sum.Add(got)
		}
		if sum != q.Price {
			t.Errorf("%s / %d: payments sum to %v", tc.price, tc.payments, sum)
		}
		if diff := cmp.Diff(tc.want, runs); diff != "" {
			t.Errorf("%s / %d: runs (-want +got)\n%s", tc.price, tc.payments, diff)
		}
		for _, i := range []int{0, -1, tc.payments + 1} {
			if got := q.Installment(i); got != (currency.Money{}) {
				t.Errorf("Installment(%d) = %v, want the zero Money", i, got)
			}
		}
	}
}

// EXT-06: the users of a per-user plan stay within its limits; unset
// limits mean 1 to unlimited.
func TestEXT06_SeatLimits(t *testing.T) {
	bounded := qtPerUser("bounded", plan.OneMonth, plan.Upfront, "10.00 USD", 5, 50)
	open := qtPerUser("open", plan.OneMonth, plan.Upfront, "10.00 USD", 0, 0)
	for _, tc := range []struct {
		p    *plan.Plan
		n    int64
		want string // the price, or "" for ErrSeats
	}{
		{bounded, 5, "50.00 USD"},
		{bounded, 50, "500.00 USD"},
		{bounded, 4, ""},
		{bounded, 51, ""},
		{bounded, 0, ""},
		{bounded, -1, ""},
		{open, 1, "10.00 USD"},
		{open, 1_000_000, "10000000.00 USD"},
		{open, 0, ""},
	} {
		q, err := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: tc.p, Market: market.US, Term: plan.OneMonth, Quantity: tc.n})
		switch {
		case tc.want == "" && !qtCmpProblems(qtProblems(t, err), []qtProblem{{"quantity", rule.EXT06, pricing.ErrSeats}}):
			t.Errorf("%s with %d users: error %v, want ErrSeats at quantity", tc.p.ID, tc.n, err)
		case tc.want != "" && (err != nil || q.Price != qtMoney(tc.want)):
			t.Errorf("%s with %d users: %v, %v; want %s", tc.p.ID, tc.n, q.Price, err, tc.want)
		}
	}
}

// EXT-07: a VM software reservation costs the hourly price × 8,760
// hours × years × (1 − saving), for flat-rate, per-vCPU and per-vCPU-size
// plans.
func TestEXT07_SoftwareReservation(t *testing.T) {
	for _, tc := range []struct {
		name     string
		req      pricing.Subscription
		hourly   string
		unit     string
		price    string
		payments int
	}{
		{"1 year, 30% saving", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.OneYear}, "1.00 USD", "6132.00 USD", "6132.00 USD", 1},
		{"3 years, 50% saving", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.ThreeYears}, "1.00 USD", "13140.00 USD", "13140.00 USD", 1},
		{"per vCPU, 4 vCPUs", pricing.Subscription{Plan: qtVM(plan.PerVCPU), Market: market.US, Term: plan.OneYear, VCPUs: 4}, "4.00 USD", "24528.00 USD", "24528.00 USD", 1},
		{"per vCPU size, 4 vCPUs", pricing.Subscription{Plan: qtVM(plan.PerVCPUSize), Market: market.US, Term: plan.OneYear, VCPUs: 4}, "3.20 USD", "19622.40 USD", "19622.40 USD", 1},
		{"3 VMs", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.OneYear, Quantity: 3}, "1.00 USD", "6132.00 USD", "18396.00 USD", 1},
		{"paid monthly", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.OneYear, Payment: plan.Monthly}, "1.00 USD", "6132.00 USD", "6132.00 USD", 12},
		{"in SEK, from the converted hourly price", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.SE, Term: plan.OneYear, Rate: qtToSEK}, "10.46 SEK", "64140.72 SEK", "64140.72 SEK", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := pricing.DefaultPolicy().Quote(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			got := []any{q.Rule, q.Hourly.String(), q.UnitPrice.String(), q.Price.String(), q.Payments, q.Hours}
			want := []any{rule.EXT07, tc.hourly, tc.unit, tc.price, tc.payments, int64(8760 * tc.req.Term.Months() / 12)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if tc.payments == 12 && q.Installment(1) != qtMoney("511.00 USD") {
				t.Errorf("monthly payment %v, want 511.00 USD", q.Installment(1))
			}
		})
	}
}

// EXT-07: hourly VM prices by model; a per-market-and-size price is the
// publisher's, in the market's currency, without conversion.
func TestEXT07_HourlyPrice(t *testing.T) {
	for _, tc := range []struct {
		p      *plan.Plan
		mk     market.Code
		vcpus  int
		unit   string
		qty    int64
		price  string
		source pricing.QuoteSource
	}{
		{qtVM(plan.FlatRate), market.US, 16, "1.00 USD", 1, "1.00 USD", pricing.QuoteFromUSD},
		{qtVM(plan.PerVCPU), market.US, 4, "1.00 USD", 4, "4.00 USD", pricing.QuoteFromUSD},
		{qtVM(plan.PerVCPUSize), market.US, 4, "3.20 USD", 1, "3.20 USD", pricing.QuoteFromUSD},
		{qtVM(plan.PerVCPUSize), market.SE, 4, "33.46 SEK", 1, "33.46 SEK", pricing.QuoteConverted},
		{qtVM(plan.PerMarketAndVCPUSize), market.SE, 4, "30.00 SEK", 1, "30.00 SEK", pricing.QuoteFromMarket},
		{qtVM(plan.PerMarketAndVCPUSize), market.JP, 4, "450 JPY", 1, "450 JPY", pricing.QuoteFromMarket},
	} {
		q, err := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: tc.p, Market: tc.mk, Term: plan.Hourly, VCPUs: tc.vcpus, Rate: qtToSEK})
		if err != nil {
			t.Fatalf("%s in %s: %v", tc.p.ID, tc.mk, err)
		}
		got := []any{q.UnitPrice.String(), q.Quantity, q.Price.String(), q.Hourly.String(), q.Source, q.Payments, q.Rule}
		want := []any{tc.unit, tc.qty, tc.price, tc.price, tc.source, 0, rule.EXT07}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s in %s (-want +got)\n%s", tc.p.ID, tc.mk, diff)
		}
	}
}

func TestQuoteTerm_Errors(t *testing.T) {
	gold := qtFlat("gold", plan.OneMonth, plan.Upfront, "12.00 USD")
	yearly := qtFlat("yearly", plan.OneYear, plan.Monthly, "120.00 USD")
	team := qtPerUser("team", plan.OneMonth, plan.Upfront, "10.00 USD", 2, 20)
	huge := qtPerUser("huge", plan.OneMonth, plan.Upfront, "92233720368547758.07 USD", 0, 0)
	badMarket := qtFlat("bad", plan.OneMonth, plan.Upfront, "12.00 USD")
	badMarket.Pricing.Terms[0].Markets = []plan.MarketPrice{{Market: market.SE, Price: qtMoney("10.00 EUR")}}
	notUSD := qtFlat("eur", plan.OneMonth, plan.Upfront, "12.00 EUR")
	noRes := qtVM(plan.PerVCPU)
	noRes.Pricing.VM.Reservations = nil
	negMarket := qtFlat("neg", plan.OneMonth, plan.Upfront, "12.00 USD")
	negMarket.Pricing.Terms[0].Markets = []plan.MarketPrice{{Market: market.SE, Price: qtMoney("-1.00 SEK")}}
	fullSaving := qtVM(plan.FlatRate)
	fullSaving.Pricing.VM.Reservations[0].Saving = currency.MustParseRate("1")
	hugeVM := qtVM(plan.PerVCPU)
	hugeVM.Pricing.VM.PerHour = qtMoney("92233720368547758.07 USD")
	badSizes := qtVM(plan.PerMarketAndVCPUSize)
	badSizes.Pricing.VM.MarketSizes[0].Price = qtMoney("30.00 EUR")
	hugeFlat := qtVM(plan.FlatRate)
	hugeFlat.Pricing.VM.PerHour = qtMoney("92233720368547.00 USD")
	manyHours := pricing.DefaultPolicy()
	manyHours.ReservationYear = 1<<62 - 1<<62%time.Hour
	badPol := pricing.DefaultPolicy()
	badPol.ConversionRounding = 42
	badPol.ReservationYear = 0
	badPol.UsageMonths = -1
	badPol.MinuteRounding, badPol.UsageRounding, badPol.ReservationRounding = 9, 9, 9
	badRounding := pricing.DefaultPolicy()
	badRounding.ReservationRounding, badRounding.ConversionRounding = 7, 7
	req := func(p *plan.Plan, mk market.Code, term plan.Term, pay plan.PaymentOption, n int64) pricing.Subscription {
		return pricing.Subscription{Plan: p, Market: mk, Term: term, Payment: pay, Quantity: n}
	}
	for _, tc := range []struct {
		name string
		req  pricing.Subscription
		pol  pricing.Policy
		want []qtProblem
	}{
		{"no plan", pricing.Subscription{Market: market.US, Term: plan.OneMonth}, pricing.DefaultPolicy(),
			[]qtProblem{{"plan", rule.PRC04, pricing.ErrUnpriced}}},
		{"no market", req(gold, 0, plan.OneMonth, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"market", rule.PRC09, pricing.ErrUnpriced}}},
		{"market not in the plan", req(gold, market.FR, plan.OneMonth, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"market", rule.PLN06, pricing.ErrUnpriced}}},
		{"China has no currency", req(gold, market.CN, plan.OneMonth, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"market", rule.EXT15, pricing.ErrUnpriced}}},
		{"no term", req(gold, market.US, 0, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"term", rule.EXT05, pricing.ErrUnpriced}}},
		{"hourly SaaS", req(gold, market.US, plan.Hourly, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"term", rule.EXT05, pricing.ErrUnpriced}}},
		{"1 month paid monthly", req(gold, market.US, plan.OneMonth, plan.Monthly, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"payment", rule.EXT05, pricing.ErrUnpriced}}},
		{"term the plan lacks", req(gold, market.US, plan.TwoYears, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"term", rule.EXT05, pricing.ErrUnpriced}}},
		{"payment option the plan lacks", req(yearly, market.US, plan.OneYear, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"payment", rule.EXT05, pricing.ErrUnpriced}}},
		{"no rate", req(gold, market.SE, plan.OneMonth, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"rate", rule.PRC03, pricing.ErrNoRate}}},
		{"rate to another currency", pricing.Subscription{Plan: gold, Market: market.SE, Term: plan.OneMonth, Rate: qtToEUR}, pricing.DefaultPolicy(),
			[]qtProblem{{"rate", rule.PRC03, pricing.ErrNoRate}}},
		{"zero rate", pricing.Subscription{Plan: gold, Market: market.SE, Term: plan.OneMonth, Rate: currency.ExchangeRate{From: currency.USD, To: currency.SEK}}, pricing.DefaultPolicy(),
			[]qtProblem{{"rate", rule.PRC03, pricing.ErrNoRate}}},
		{"market price in the wrong currency", req(badMarket, market.SE, plan.OneMonth, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"plan.pricing.terms", rule.PRC03, pricing.ErrUnpriced}}},
		{"plan price not in USD", req(notUSD, market.US, plan.OneMonth, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"plan.pricing.terms", rule.PRC03, pricing.ErrUnpriced}}},
		{"negative quantity", req(gold, market.US, plan.OneMonth, plan.Upfront, -1), pricing.DefaultPolicy(),
			[]qtProblem{{"quantity", rule.EXT06, pricing.ErrSeats}}},
		{"seats of a flat-rate plan", req(gold, market.US, plan.OneMonth, plan.Upfront, 2), pricing.DefaultPolicy(),
			[]qtProblem{{"quantity", rule.PRC06, pricing.ErrSeats}}},
		{"no users", req(team, market.US, plan.OneMonth, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"quantity", rule.EXT06, pricing.ErrSeats}}},
		{"too many users", req(team, market.US, plan.OneMonth, plan.Upfront, 21), pricing.DefaultPolicy(),
			[]qtProblem{{"quantity", rule.EXT06, pricing.ErrSeats}}},
		{"price × users overflows", req(huge, market.US, plan.OneMonth, plan.Upfront, 2), pricing.DefaultPolicy(),
			[]qtProblem{{"quantity", rule.EXT06, currency.ErrOverflow}}},
		{"policy", req(gold, market.US, plan.OneMonth, plan.Upfront, 0), badPol,
			[]qtProblem{
				{"policy.conversionRounding", rule.PRC03, pricing.ErrPolicy},
				{"policy.minuteRounding", rule.EXT07, pricing.ErrPolicy},
				{"policy.usageRounding", rule.EXT07, pricing.ErrPolicy},
				{"policy.reservationRounding", rule.EXT07, pricing.ErrPolicy},
				{"policy.reservationYear", rule.EXT07, pricing.ErrPolicy},
				{"policy.usageMonths", rule.PRC07, pricing.ErrPolicy},
			}},
		// A request is checked in full under a policy with problems, but
		// nothing is computed with a rounding mode that does not exist:
		// the policy's problem is reported once, not again as arithmetic.
		{"policy: a reservation under an unknown rounding", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.OneYear},
			badRounding, []qtProblem{
				{"policy.conversionRounding", rule.PRC03, pricing.ErrPolicy},
				{"policy.reservationRounding", rule.EXT07, pricing.ErrPolicy},
			}},
		{"policy and request at once", pricing.Subscription{Plan: qtVM(plan.PerVCPUSize), Market: market.SE, Term: plan.OneYear, Quantity: -2, VCPUs: 7},
			badRounding, []qtProblem{
				{"policy.conversionRounding", rule.PRC03, pricing.ErrPolicy},
				{"policy.reservationRounding", rule.EXT07, pricing.ErrPolicy},
				{"quantity", rule.EXT06, pricing.ErrSeats},
				{"vcpus", rule.EXT07, pricing.ErrUnpriced},
			}},
		{"policy: a conversion under an unknown rounding", pricing.Subscription{Plan: gold, Market: market.SE, Term: plan.OneMonth, Rate: qtToSEK},
			badRounding, []qtProblem{
				{"policy.conversionRounding", rule.PRC03, pricing.ErrPolicy},
				{"policy.reservationRounding", rule.EXT07, pricing.ErrPolicy},
			}},
		{"all at once", req(team, market.FR, plan.OneMonth, plan.Monthly, 30), pricing.DefaultPolicy(),
			[]qtProblem{{"market", rule.PLN06, pricing.ErrUnpriced}, {"payment", rule.EXT05, pricing.ErrUnpriced}, {"quantity", rule.EXT06, pricing.ErrSeats}}},
		{"VM without vCPUs", pricing.Subscription{Plan: qtVM(plan.PerVCPU), Market: market.US, Term: plan.Hourly}, pricing.DefaultPolicy(),
			[]qtProblem{{"vcpus", rule.EXT07, pricing.ErrUsage}}},
		{"VM size not priced", pricing.Subscription{Plan: qtVM(plan.PerVCPUSize), Market: market.US, Term: plan.Hourly, VCPUs: 8}, pricing.DefaultPolicy(),
			[]qtProblem{{"vcpus", rule.EXT07, pricing.ErrUnpriced}}},
		{"VM market size not priced", pricing.Subscription{Plan: qtVM(plan.PerMarketAndVCPUSize), Market: market.DE, Term: plan.Hourly, VCPUs: 4}, pricing.DefaultPolicy(),
			[]qtProblem{{"vcpus", rule.EXT07, pricing.ErrUnpriced}}},
		{"VM flat rate with negative vCPUs", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.Hourly, VCPUs: -2}, pricing.DefaultPolicy(),
			[]qtProblem{{"vcpus", rule.EXT07, pricing.ErrUsage}}},
		{"VM monthly term", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.OneMonth}, pricing.DefaultPolicy(),
			[]qtProblem{{"term", rule.EXT07, pricing.ErrUnpriced}}},
		{"VM hourly paid monthly", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.Hourly, Payment: plan.Monthly}, pricing.DefaultPolicy(),
			[]qtProblem{{"payment", rule.EXT07, pricing.ErrUnpriced}}},
		{"VM hourly for 2 VMs", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.Hourly, Quantity: 2}, pricing.DefaultPolicy(),
			[]qtProblem{{"quantity", rule.PRC06, pricing.ErrSeats}}},
		{"no reservation for the term", pricing.Subscription{Plan: noRes, Market: market.US, Term: plan.OneYear, VCPUs: 2}, pricing.DefaultPolicy(),
			[]qtProblem{{"term", rule.EXT07, pricing.ErrUnpriced}}},
		{"reservation paid annually", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.ThreeYears, Payment: plan.Annual}, pricing.DefaultPolicy(),
			[]qtProblem{{"payment", rule.EXT07, pricing.ErrUnpriced}}},
		{"no reservations per market and size", pricing.Subscription{Plan: qtVM(plan.PerMarketAndVCPUSize), Market: market.SE, Term: plan.OneYear, VCPUs: 4}, pricing.DefaultPolicy(),
			[]qtProblem{{"term", rule.EXT07, pricing.ErrUnpriced}}},
		{"unknown model", pricing.Subscription{Plan: &plan.Plan{ID: "x", Markets: qtAllMarkets}, Market: market.US, Term: plan.OneMonth}, pricing.DefaultPolicy(),
			[]qtProblem{{"plan.pricing.model", rule.PRC01, pricing.ErrUnpriced}}},
		{"negative market price", req(negMarket, market.SE, plan.OneMonth, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"plan.pricing.terms", rule.PRC03, pricing.ErrUnpriced}}},
		{"negative USD price", req(qtFlat("neg", plan.OneMonth, plan.Upfront, "-1.00 USD"), market.US, plan.OneMonth, plan.Upfront, 0), pricing.DefaultPolicy(),
			[]qtProblem{{"plan.pricing.terms", rule.PRC03, pricing.ErrUnpriced}}},
		{"conversion overflows", pricing.Subscription{Plan: qtFlat("big", plan.OneMonth, plan.Upfront, "92233720368547758.07 USD"), Market: market.JP, Term: plan.OneMonth, Rate: qtToJPY},
			pricing.DefaultPolicy(), []qtProblem{{"rate", rule.PRC03, currency.ErrOverflow}}},
		{"free plan, no term", pricing.Subscription{Plan: &plan.Plan{ID: "f", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.Free}}, Market: market.US}, pricing.DefaultPolicy(),
			[]qtProblem{{"term", rule.EXT05, pricing.ErrUnpriced}}},
		{"free plan, negative quantity", pricing.Subscription{Plan: &plan.Plan{ID: "f", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.Free}}, Market: market.US, Term: plan.OneMonth, Quantity: -1},
			pricing.DefaultPolicy(), []qtProblem{{"quantity", rule.EXT06, pricing.ErrSeats}}},
		{"saving of 100%", pricing.Subscription{Plan: fullSaving, Market: market.US, Term: plan.OneYear}, pricing.DefaultPolicy(),
			[]qtProblem{{"plan.pricing.vm.reservations", rule.EXT07, pricing.ErrUnpriced}}},
		{"hourly price × vCPUs overflows", pricing.Subscription{Plan: hugeVM, Market: market.US, Term: plan.Hourly, VCPUs: 4}, pricing.DefaultPolicy(),
			[]qtProblem{{"vcpus", rule.EXT07, currency.ErrOverflow}}},
		{"reservation overflows", pricing.Subscription{Plan: hugeVM, Market: market.US, Term: plan.OneYear, VCPUs: 1}, pricing.DefaultPolicy(),
			[]qtProblem{{"plan.pricing.vm.reservations", rule.EXT07, currency.ErrOverflow}}},
		{"hours per year overflow", pricing.Subscription{Plan: hugeFlat, Market: market.US, Term: plan.ThreeYears}, manyHours,
			[]qtProblem{{"plan.pricing.vm.reservations", rule.EXT07, currency.ErrOverflow}}},
		{"reserved VMs overflow", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.OneYear, Quantity: 1 << 62}, pricing.DefaultPolicy(),
			[]qtProblem{{"quantity", rule.EXT07, currency.ErrOverflow}}},
		{"market size price in the wrong currency", pricing.Subscription{Plan: badSizes, Market: market.SE, Term: plan.Hourly, VCPUs: 4}, pricing.DefaultPolicy(),
			[]qtProblem{{"plan.pricing.vm.marketSizes", rule.EXT07, pricing.ErrUnpriced}}},
		{"reservation: quantity, size and rate at once", pricing.Subscription{Plan: qtVM(plan.PerVCPUSize), Market: market.SE, Term: plan.OneYear, Quantity: -2, VCPUs: 7},
			pricing.DefaultPolicy(), []qtProblem{{"quantity", rule.EXT06, pricing.ErrSeats}, {"vcpus", rule.EXT07, pricing.ErrUnpriced}}},
		{"recurring: quantity and rate at once", req(team, market.SE, plan.OneMonth, plan.Upfront, 21), pricing.DefaultPolicy(),
			[]qtProblem{{"quantity", rule.EXT06, pricing.ErrSeats}, {"rate", rule.PRC03, pricing.ErrNoRate}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := tc.pol.Quote(tc.req)
			if err == nil {
				t.Fatalf("no error; quote %v", q)
			}
			if q != (pricing.Quote{}) {
				t.Errorf("quote %v with the error, want the zero Quote", q)
			}
			if got := qtProblems(t, err); !qtCmpProblems(got, tc.want) {
				t.Errorf("problems %v\nwant %v\n%v", got, tc.want, err)
			}
		})
	}
}

func TestQuote_JSON(t *testing.T) {
	for _, req := range []pricing.Subscription{
		{Plan: qtPerUser("team", plan.OneYear, plan.Monthly, "120.00 USD", 1, 0), Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly, Quantity: 10, Rate: qtToSEK},
		{Plan: qtVM(plan.PerVCPU), Market: market.US, Term: plan.ThreeYears, VCPUs: 8},
	} {
		q, err := pricing.DefaultPolicy().Quote(req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(q)
		if err != nil {
			t.Fatal(err)
		}
		var back pricing.Quote
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if diff := cmp.Diff(q, back); diff != "" {
			t.Errorf("round trip of %s (-want +got)\n%s", b, diff)
		}
		if strings.Contains(string(b), `"price":1`) || !strings.Contains(string(b), `"price":{"amount":`) {
			t.Errorf("amounts must be strings in objects: %s", b)
		}
	}
}

func TestQuote_Explain(t *testing.T) {
	q, err := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: qtPerUser("team", plan.OneYear, plan.Monthly, "120.00 USD", 1, 0),
		Market: market.SE, Term: plan.OneYear, Payment: plan.Monthly, Quantity: 10, Rate: qtToSEK})
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[rule.Language]string{
		rule.English: "Plan \"team\" in Sweden, 1 year: 10 × SEK\u00a01,254.80 = SEK\u00a012,548.00 (PRC-04). Paid monthly in 12 equal payments, each at the start of its period (EXT-05): 8 of SEK\u00a01,045.67, then 4 of SEK\u00a01,045.66, so that no minor unit is lost. Converted from $120.00 at 10.4567 SEK per USD, rounded half-even (PRC-03).",
		rule.Swedish: "Planen \"team\" i Sverige, 1 år: 10 × 1\u00a0254,80\u00a0kr = 12\u00a0548,00\u00a0kr (PRC-04). Betalas månadsvis i 12 lika delbetalningar, var och en i början av sin period (EXT-05): 8 på 1\u00a0045,67\u00a0kr, sedan 4 på 1\u00a0045,66\u00a0kr, så att ingen minsta enhet går förlorad. Omräknat från 120,00\u00a0US$ till kursen 10,4567 SEK per USD, avrundat halvt till jämnt (PRC-03).",
	} {
		if got := q.Explain(lang); got != want {
			t.Errorf("%v:\n got %q\nwant %q", lang, got, want)
		}
	}
	if got, want := q.String(), `PRC-04 "team" SE P1Y monthly: 10 × 1254.80 SEK = 12548.00 SEK in 12 payments`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

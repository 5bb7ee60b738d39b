package sheet

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Test helpers of part B are prefixed pb.

func pbTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func pbMoney(s string) currency.Money { return currency.MustParse(s) }

func pbRate(to currency.Code, r, asOf string) DatedRate {
	return DatedRate{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: to, Rate: currency.MustParseRate(r)}, AsOf: pbTime(asOf)}
}

// pbRates returns a rate for every billing currency of the marketplace but
// USD, as of asOf, each scaled by factor (in per mille) for "newer" rates.
func pbRates(asOf string, perMille int64) []DatedRate {
	base := map[currency.Code]string{
		currency.AUD: "1.5123", currency.BRL: "4.9876", currency.CAD: "1.3512", currency.CHF: "0.8801",
		currency.DKK: "6.8712", currency.EUR: "0.9213", currency.GBP: "0.7912", currency.INR: "83.1234",
		currency.JPY: "149.2345", currency.KRW: "1331.27", currency.NOK: "10.6543", currency.NZD: "1.6321",
		currency.RUB: "91.5", currency.SEK: "10.4512", currency.TWD: "31.4567",
	}
	var out []DatedRate
	for _, c := range []currency.Code{currency.AUD, currency.BRL, currency.CAD, currency.CHF, currency.DKK,
		currency.EUR, currency.GBP, currency.INR, currency.JPY, currency.KRW, currency.NOK, currency.NZD,
		currency.RUB, currency.SEK, currency.TWD} {
		r := currency.MustParseRate(base[c])
		coef := r.Coefficient() * perMille / 1000
		nr, err := currency.NewRate(coef, r.Scale())
		if err != nil {
			panic(err)
		}
		out = append(out, DatedRate{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: c, Rate: nr}, AsOf: pbTime(asOf)})
	}
	return out
}

// pbBigList returns n plans × 4 terms sold in all 141 markets.
func pbBigList(n int) []ListPrice {
	terms := []struct {
		t plan.Term
		p plan.PaymentOption
	}{{plan.OneMonth, plan.Upfront}, {plan.OneYear, plan.Monthly}, {plan.TwoYears, plan.Annual}, {plan.ThreeYears, plan.Upfront}}
	var out []ListPrice
	for i := range n {
		for k, tp := range terms {
			out = append(out, ListPrice{Plan: fmt.Sprintf("plan-%03d", i), Term: tp.t, Payment: tp.p,
				Price: currency.MustFromMinor(int64(999+i*100+k*1000), currency.USD), Markets: market.TransactingSet()})
		}
	}
	return out
}

func pbPaths(err error) []string {
	var ps rule.Problems
	if !errors.As(err, &ps) {
		return nil
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Path)
	}
	return out
}

var pbT0 = pbTime("2024-01-15T10:00:00Z")

func TestPRC03_SaveConverts(t *testing.T) {
	// PRC-03: USD prices are converted to each market's billing currency
	// at the rate in force when saved, rounded once to the minor unit.
	rates := []DatedRate{
		pbRate(currency.SEK, "10.4512", "2024-01-01T00:00:00Z"),
		pbRate(currency.JPY, "149.2345", "2024-01-01T00:00:00Z"),
		pbRate(currency.EUR, "0.9213", "2024-01-01T00:00:00Z"),
		pbRate(currency.KRW, "1331.27", "2024-01-01T00:00:00Z"),
		pbRate(currency.SEK, "11.0000", "2024-02-01T00:00:00Z"), // after the save: not used
		pbRate(currency.EUR, "0.9000", "2023-12-01T00:00:00Z"),  // older: superseded
	}
	tests := []struct {
		name     string
		usd      string
		m        market.Code
		rounding currency.RoundingMode
		want     string
		source   PriceSource
		rate     string
	}{
		{"SEK", "100.00 USD", market.SE, currency.HalfEven, "1045.12 SEK", SourceConverted, "10.4512"},
		{"JPY has no minor unit", "100.00 USD", market.JP, currency.HalfEven, "14923 JPY", SourceConverted, "149.2345"},
		{"EUR in Germany, latest rate before the save", "100.00 USD", market.DE, currency.HalfEven, "92.13 EUR", SourceConverted, "0.9213"},
		{"EUR in Poland (billed in EUR)", "19.99 USD", market.PL, currency.HalfEven, "18.42 EUR", SourceConverted, "0.9213"},
		{"KRW", "9.99 USD", market.KR, currency.HalfEven, "13299 KRW", SourceConverted, "1331.27"},
		{"USD market is the list price", "100.00 USD", market.US, currency.HalfEven, "100.00 USD", SourceList, ""},
		{"zero price", "0.00 USD", market.SE, currency.HalfEven, "0.00 SEK", SourceConverted, "10.4512"},
		{"rounding down by policy", "1.99 USD", market.SE, currency.Down, "20.79 SEK", SourceConverted, "10.4512"},
		{"rounding up by policy", "1.99 USD", market.SE, currency.Up, "20.80 SEK", SourceConverted, "10.4512"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol := DefaultPolicy()
			pol.Rounding = tt.rounding
			list := []ListPrice{{Plan: "gold", Term: plan.OneYear, Payment: plan.Upfront, Price: pbMoney(tt.usd), Markets: market.SetOf(tt.m)}}
			s, err := pol.Save(Sheet{}, list, rates, pbT0)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Prices) != 1 {
				t.Fatalf("got %d prices, want 1", len(s.Prices))
			}
			p := s.Prices[0]
			if p.Price != pbMoney(tt.want) || p.Source != tt.source || p.USD != pbMoney(tt.usd) {
				t.Errorf("got %v (%v from %v), want %s (%v)", p.Price, p.Source, p.USD, tt.want, tt.source)
			}
			if tt.rate != "" && (p.Rate.Rate.String() != tt.rate || p.Rounding != tt.rounding) {
				t.Errorf("rate %v rounding %v, want %s %v", p.Rate, p.Rounding, tt.rate, tt.rounding)
			}
			if !p.SavedAt.Equal(pbT0) || !s.SavedAt.Equal(pbT0) {
				t.Errorf("saved at %v / %v, want %v", p.SavedAt, s.SavedAt, pbT0)
			}
			wantReason := map[PriceSource]rule.Reason{SourceConverted: ReasonConverted, SourceList: ReasonListPrice}[tt.source]
			if p.Rule != rule.PRC03 || p.Reason != wantReason {
				t.Errorf("rule %v reason %v, want PRC-03 %v", p.Rule, p.Reason, wantReason)
			}
			if c, ok := p.Conversion(); ok != (tt.source == SourceConverted) || (ok && c.To != p.Price) {
				t.Errorf("Conversion() = %v, %v", c, ok)
			}
		})
	}
}

func TestPRC03_SaveKeepsSavedPrices(t *testing.T) {
	// PRC-03 : once saved, local prices are static; a later rate
	// changes nothing, while a plan, term or market saved later uses the
	// rates of its own save.
	r1 := pbRates("2024-01-01T00:00:00Z", 1000)
	r2 := append(slices.Clone(r1), pbRates("2024-03-01T00:00:00Z", 1100)...)
	t1, t2 := pbTime("2024-01-15T10:00:00Z"), pbTime("2024-03-15T10:00:00Z")
	gold := ListPrice{Plan: "gold", Term: plan.OneMonth, Price: pbMoney("10.00 USD"), Markets: market.SetOf(market.SE, market.US, market.JP)}
	pol := DefaultPolicy()
	first, err := pol.Save(Sheet{}, []ListPrice{gold}, r1, t1)
	if err != nil {
		t.Fatal(err)
	}
	seK1, _ := first.Lookup(market.SE, "gold", plan.OneMonth, plan.Upfront)

	tests := []struct {
		name string
		list []ListPrice
		// want: market → (price, saved at)
		check func(t *testing.T, s Sheet)
	}{
		{"same list, newer rates: nothing changes", []ListPrice{gold}, func(t *testing.T, s Sheet) {
			if diff := cmp.Diff(first.Prices, s.Prices); diff != "" {
				t.Errorf("prices changed (-first +now):\n%s", diff)
			}
		}},
		{"a new term uses the rates of its own save", []ListPrice{gold,
			{Plan: "gold", Term: plan.OneYear, Payment: plan.Upfront, Price: pbMoney("100.00 USD"), Markets: gold.Markets}},
			func(t *testing.T, s Sheet) {
				old, _ := s.Lookup(market.SE, "gold", plan.OneMonth, plan.Upfront)
				nw, _ := s.Lookup(market.SE, "gold", plan.OneYear, plan.Upfront)
				if old != seK1 {
					t.Errorf("saved P1M price changed: %v, want %v", old, seK1)
				}
				if nw.Price != pbMoney("1149.63 SEK") || !nw.SavedAt.Equal(t2) || !nw.Rate.AsOf.Equal(pbTime("2024-03-01T00:00:00Z")) {
					t.Errorf("new P1Y price %v saved %v at %v, want 1149.63 SEK at the March rate", nw.Price, nw.SavedAt, nw.Rate)
				}
			}},
		{"a new market uses the rates of its own save", []ListPrice{{Plan: "gold", Term: plan.OneMonth, Price: gold.Price,
			Markets: market.SetOf(market.SE, market.US, market.JP, market.NO)}}, func(t *testing.T, s Sheet) {
			no, _ := s.Lookup(market.NO, "gold", plan.OneMonth, plan.Upfront)
			se, _ := s.Lookup(market.SE, "gold", plan.OneMonth, plan.Upfront)
			if no.Price != pbMoney("117.20 NOK") || !no.SavedAt.Equal(t2) {
				t.Errorf("NO %v saved %v, want 117.20 NOK at %v", no.Price, no.SavedAt, t2)
			}
			if se != seK1 {
				t.Errorf("SE changed: %v", se)
			}
		}},
		{"a changed USD price is converted again at the current rate", []ListPrice{{Plan: "gold", Term: plan.OneMonth,
			Price: pbMoney("12.00 USD"), Markets: gold.Markets}}, func(t *testing.T, s Sheet) {
			se, _ := s.Lookup(market.SE, "gold", plan.OneMonth, plan.Upfront)
			us, _ := s.Lookup(market.US, "gold", plan.OneMonth, plan.Upfront)
			if se.Price != pbMoney("137.96 SEK") || !se.SavedAt.Equal(t2) {
				t.Errorf("SE %v saved %v, want 137.96 SEK at %v", se.Price, se.SavedAt, t2)
			}
			if us.Price != pbMoney("12.00 USD") || us.Source != SourceList {
				t.Errorf("US %v (%v), want the list price", us.Price, us.Source)
			}
		}},
		{"a market no longer selected is dropped", []ListPrice{{Plan: "gold", Term: plan.OneMonth, Price: gold.Price,
			Markets: market.SetOf(market.SE)}}, func(t *testing.T, s Sheet) {
			if len(s.Prices) != 1 || s.Prices[0] != seK1 {
				t.Errorf("got %v, want only the saved SE price", s.Prices)
			}
		}},
		{"an override replaces the saved price and is saved now", []ListPrice{{Plan: "gold", Term: plan.OneMonth, Price: gold.Price,
			Markets: gold.Markets, Overrides: []plan.MarketPrice{{Market: market.JP, Price: pbMoney("1500 JPY")}}}},
			func(t *testing.T, s Sheet) {
				jp, _ := s.Lookup(market.JP, "gold", plan.OneMonth, plan.Upfront)
				if jp.Price != pbMoney("1500 JPY") || jp.Source != SourceOverride || !jp.SavedAt.Equal(t2) || !jp.Rate.IsZero() {
					t.Errorf("JP %+v, want the override saved at %v", jp, t2)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := pol.Save(first, tt.list, r2, t2)
			if err != nil {
				t.Fatal(err)
			}
			if !s.SavedAt.Equal(t2) {
				t.Errorf("SavedAt %v, want %v", s.SavedAt, t2)
			}
			tt.check(t, s)
		})
	}
}

func TestPRC03_OverrideKeptAcrossSaves(t *testing.T) {
	// PRC-03: the publisher owns a price it set; saving again with the
	// same override keeps its first save instant.
	pol := DefaultPolicy()
	lp := ListPrice{Plan: "gold", Term: plan.OneMonth, Price: pbMoney("10.00 USD"), Markets: market.SetOf(market.SE),
		Overrides: []plan.MarketPrice{{Market: market.SE, Price: pbMoney("99.00 SEK")}}}
	t1, t2 := pbTime("2024-01-15T10:00:00Z"), pbTime("2024-02-15T10:00:00Z")
	s1, err := pol.Save(Sheet{}, []ListPrice{lp}, nil, t1)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := pol.Save(s1, []ListPrice{lp}, nil, t2)
	if err != nil {
		t.Fatal(err)
	}
	if p := s1.Prices[0]; p.Rule != rule.PRC03 || p.Reason != ReasonOverride || p.Source != SourceOverride {
		t.Errorf("override: rule %v reason %v source %v", p.Rule, p.Reason, p.Source)
	}
	if diff := cmp.Diff(s1.Prices, s2.Prices); diff != "" {
		t.Errorf("override not kept (-first +second):\n%s", diff)
	}
	// Without the override in the list, the saved price stays (the list
	// price did not change).
	lp.Overrides = nil
	s3, err := pol.Save(s2, []ListPrice{lp}, pbRates("2024-01-01T00:00:00Z", 1000), t2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s1.Prices, s3.Prices); diff != "" {
		t.Errorf("saved override not kept (-first +third):\n%s", diff)
	}
}

func TestPRC03_SaveOrderAndRates(t *testing.T) {
	// PRC-03: prices are sorted by plan, term, payment option and market;
	// Rates lists the rates used.
	list := []ListPrice{
		{Plan: "silver", Term: plan.OneYear, Payment: plan.Monthly, Price: pbMoney("50.00 USD"), Markets: market.SetOf(market.SE, market.DE)},
		{Plan: "gold", Term: plan.OneYear, Price: pbMoney("100.00 USD"), Markets: market.SetOf(market.US, market.DE)},
		{Plan: "gold", Term: plan.OneMonth, Price: pbMoney("10.00 USD"), Markets: market.SetOf(market.SE)},
	}
	s, err := DefaultPolicy().Save(Sheet{}, list, pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range s.Prices {
		got = append(got, fmt.Sprintf("%s %s %s %s", p.Plan, p.Term, p.Payment, p.Market))
	}
	want := []string{"gold P1M upfront SE", "gold P1Y upfront DE", "gold P1Y upfront US", "silver P1Y monthly DE", "silver P1Y monthly SE"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	var cur []string
	for _, r := range s.Rates() {
		cur = append(cur, r.To.String())
	}
	if diff := cmp.Diff([]string{"EUR", "SEK"}, cur); diff != "" {
		t.Errorf("Rates (-want +got):\n%s", diff)
	}
	if _, ok := s.Lookup(market.NO, "gold", plan.OneMonth, plan.Upfront); ok {
		t.Error("Lookup found a price that is not there")
	}
	// Lookup also works on a sheet not in canonical order.
	rev := Sheet{Prices: slices.Clone(s.Prices)}
	slices.Reverse(rev.Prices)
	if p, ok := rev.Lookup(market.DE, "gold", plan.OneYear, plan.Upfront); !ok || p.Price != pbMoney("92.13 EUR") {
		t.Errorf("Lookup in a reversed sheet = %v, %v", p, ok)
	}
	// A previous sheet out of order is still merged.
	again, err := DefaultPolicy().Save(rev, list, nil, pbT0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s.Prices, again.Prices); diff != "" {
		t.Errorf("resave from an unordered sheet (-want +got):\n%s", diff)
	}
}

func TestPRC03_SaveErrors(t *testing.T) {
	// PRC-03, PRC-09, PLN-06, EXT-05: every problem at once, with paths.
	ok := ListPrice{Plan: "gold", Term: plan.OneMonth, Price: pbMoney("10.00 USD"), Markets: market.SetOf(market.US)}
	rates := pbRates("2024-01-01T00:00:00Z", 1000)
	with := func(f func(*ListPrice)) []ListPrice { lp := ok; f(&lp); return []ListPrice{lp} }
	tests := []struct {
		name  string
		list  []ListPrice
		rates []DatedRate
		at    time.Time
		paths []string
		rule  rule.ID
		err   error
	}{
		{"no rate for a currency", with(func(lp *ListPrice) { lp.Markets = market.SetOf(market.SE, market.NO) }),
			rates[:1], pbT0, []string{"list[0].markets[NO]", "list[0].markets[SE]"}, rule.PRC03, ErrNoRate},
		{"rate only after the save", with(func(lp *ListPrice) { lp.Markets = market.SetOf(market.SE) }),
			pbRates("2024-02-01T00:00:00Z", 1000), pbT0, []string{"list[0].markets[SE]"}, rule.PRC03, ErrNoRate},
		{"China does not transact", with(func(lp *ListPrice) { lp.Markets = market.SetOf(market.CN, market.US) }),
			rates, pbT0, []string{"list[0].markets[CN]"}, rule.PRC09, ErrMarketNotSold},
		{"no markets", with(func(lp *ListPrice) { lp.Markets = market.Set{} }), rates, pbT0, []string{"list[0].markets"}, rule.PLN06, ErrPrice},
		{"plan ID", with(func(lp *ListPrice) { lp.Plan = "Gold!" }), rates, pbT0, []string{"list[0].plan"}, rule.PLN01, ErrPrice},
		{"hourly term", with(func(lp *ListPrice) { lp.Term = plan.Hourly }), rates, pbT0, []string{"list[0].term"}, rule.EXT05, ErrPrice},
		{"payment option", with(func(lp *ListPrice) { lp.Payment = plan.Monthly }), rates, pbT0, []string{"list[0].payment"}, rule.EXT05, ErrPrice},
		{"price not in USD", with(func(lp *ListPrice) { lp.Price = pbMoney("10.00 EUR") }), rates, pbT0, []string{"list[0].price"}, rule.PRC03, ErrPrice},
		{"negative price", with(func(lp *ListPrice) { lp.Price = pbMoney("-1.00 USD") }), rates, pbT0, []string{"list[0].price"}, rule.PRC03, ErrPrice},
		{"override outside the markets", with(func(lp *ListPrice) {
			lp.Overrides = []plan.MarketPrice{{Market: market.SE, Price: pbMoney("1.00 SEK")}}
		}), rates, pbT0, []string{"list[0].overrides[0].market"}, rule.PRC03, ErrPrice},
		{"override in the wrong currency", with(func(lp *ListPrice) {
			lp.Overrides = []plan.MarketPrice{{Market: market.US, Price: pbMoney("1.00 EUR")}}
		}), rates, pbT0, []string{"list[0].overrides[0].price"}, rule.PRC03, ErrPrice},
		{"negative override", with(func(lp *ListPrice) {
			lp.Overrides = []plan.MarketPrice{{Market: market.US, Price: pbMoney("-1.00 USD")}}
		}), rates, pbT0, []string{"list[0].overrides[0].price"}, rule.PRC03, ErrPrice},
		{"override twice", with(func(lp *ListPrice) {
			lp.Overrides = []plan.MarketPrice{{Market: market.US, Price: pbMoney("1.00 USD")}, {Market: market.US, Price: pbMoney("2.00 USD")}}
		}), rates, pbT0, []string{"list[0].overrides[1].market"}, rule.PRC03, ErrDuplicate},
		{"a term priced twice", []ListPrice{ok, func() ListPrice { lp := ok; lp.Price = pbMoney("11.00 USD"); return lp }()},
			rates, pbT0, []string{"list[1].term"}, rule.EXT05, ErrDuplicate},
		{"rate not from USD", nil, []DatedRate{{ExchangeRate: currency.ExchangeRate{From: currency.EUR, To: currency.SEK, Rate: currency.MustParseRate("11")}, AsOf: pbT0}},
			pbT0, []string{"rates[0]"}, rule.PRC03, ErrBadRate},
		{"rate without target", nil, []DatedRate{{ExchangeRate: currency.ExchangeRate{From: currency.USD, Rate: currency.MustParseRate("11")}, AsOf: pbT0}},
			pbT0, []string{"rates[0]"}, rule.PRC03, ErrBadRate},
		{"zero rate", nil, []DatedRate{pbRate(currency.SEK, "0", "2024-01-01T00:00:00Z")}, pbT0, []string{"rates[0]"}, rule.PRC03, ErrBadRate},
		{"rate without date", nil, []DatedRate{{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("11")}}},
			pbT0, []string{"rates[0]"}, rule.PRC03, ErrBadRate},
		{"two rates for one date", nil, []DatedRate{pbRate(currency.SEK, "10", "2024-01-01T00:00:00Z"), pbRate(currency.SEK, "10.0", "2024-01-01T00:00:00Z"),
			pbRate(currency.SEK, "11", "2024-01-01T00:00:00Z")}, pbT0, []string{"rates[2]"}, rule.PRC03, ErrBadRate},
		{"no instant", []ListPrice{ok}, rates, time.Time{}, []string{"at"}, rule.PRC03, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DefaultPolicy().Save(Sheet{}, tt.list, tt.rates, tt.at)
			if err == nil {
				t.Fatal("no error")
			}
			if diff := cmp.Diff(tt.paths, pbPaths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
			var ps rule.Problems
			if errors.As(err, &ps) && !ps.Has(tt.rule) {
				t.Errorf("rules %v, want %s", ps.Rules(), tt.rule)
			}
			if tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("error %v does not wrap %v", err, tt.err)
			}
		})
	}
}

func TestPRC03_NoRateReportedOncePerCurrency(t *testing.T) {
	// PRC-03: a missing rate is one problem per currency, naming the
	// first price that needs it and how many others do.
	list := pbBigList(3)
	_, err := DefaultPolicy().Save(Sheet{}, list, nil, pbT0)
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v", err)
	}
	if len(ps) != 15 {
		t.Errorf("%d problems, want one for each of the 15 non-USD billing currencies", len(ps))
	}
	for _, p := range ps {
		if !errors.Is(p, ErrNoRate) {
			t.Errorf("%v does not wrap ErrNoRate", p)
		}
	}
	eur := 0
	for range market.Filter(func(m market.Market) bool { return m.Currency == currency.EUR }) {
		eur++
	}
	want := fmt.Sprintf("needed for AD (plan \"plan-000\" P1M upfront) and %d other prices", eur*12-1)
	if got := ps[0].Error(); !strings.Contains(got, want) || ps[0].Path != "list[0].markets[AD]" {
		t.Errorf("%s: %q does not say %q", ps[0].Path, got, want)
	}
}

func TestPRC03_Import(t *testing.T) {
	// PRC-03: the publisher exports the sheet, edits it and imports it
	// again; edited rows become the publisher's prices.
	pol := DefaultPolicy()
	list := []ListPrice{{Plan: "gold", Term: plan.OneMonth, Price: pbMoney("10.00 USD"), Markets: market.SetOf(market.SE, market.US)}}
	s, err := pol.Save(Sheet{}, list, pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if err != nil {
		t.Fatal(err)
	}
	rows := s.Rows()
	rows[0].Price = pbMoney("99.00 SEK") // SE
	t2 := pbT0.Add(48 * time.Hour)
	got, err := pol.Import(s, rows, t2)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(s.Prices)
	want[0] = newLocalPrice(rows[0], SourceOverride, pbMoney("10.00 USD"), t2)
	if diff := cmp.Diff(Sheet{Rule: rule.PRC03, Reason: ReasonImported, SavedAt: t2, Prices: want}, got); diff != "" {
		t.Errorf("import (-want +got):\n%s", diff)
	}
	// The sheets say how they came about, in English and Swedish.
	for _, tt := range []struct {
		s    Sheet
		lang rule.Language
		want string
	}{
		{s, rule.English, "Price sheet saved on 2024-01-15 10:00:00 UTC (PRC-03): prices 2; converted from USD at the rates in force then 1; USD list prices 1; set by the publisher 0."},
		{got, rule.English, "Price sheet imported on 2024-01-17 10:00:00 UTC (PRC-03): prices 2; converted from USD at the rates in force then 0; USD list prices 1; set by the publisher 1."},
		{got, rule.Swedish, "Prisbladet importerat 2024-01-17 10:00:00 UTC (PRC-03): priser 2; omräknade från USD till kurserna som gällde då 0; listpriser i USD 1; satta av utgivaren 1."},
	} {
		if got := tt.s.Explain(tt.lang); got != tt.want {
			t.Errorf("Explain(%v) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	if s.String() != s.Explain(rule.English) || (Sheet{}).String() == "" {
		t.Error("String")
	}

	bad := []Row{
		{Market: market.NO, Plan: "gold", Term: plan.OneMonth, Price: pbMoney("1.00 NOK")},
		{Market: market.SE, Plan: "gold", Term: plan.OneMonth, Price: pbMoney("1.00 EUR")},
		{Market: market.US, Plan: "gold", Term: plan.OneMonth, Price: pbMoney("-1.00 USD")},
		{Market: market.US, Plan: "gold", Term: plan.OneMonth, Price: pbMoney("-1.00 USD")},
	}
	_, err = pol.Import(s, bad, time.Time{})
	wantPaths := []string{"at", "rows[0]", "rows[1].price", "rows[2].price", "rows[3]"}
	if diff := cmp.Diff(wantPaths, pbPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrDuplicate) || !errors.Is(err, ErrPrice) {
		t.Errorf("error %v does not wrap the sentinels", err)
	}
}

func TestPRC03_SaveProperties(t *testing.T) {
	// PRC-03, property: every converted price is the one-step conversion
	// of its list price at the rate in force at the save; resaving with
	// later rates changes no price; the count is plans × markets.
	rng := rand.New(rand.NewPCG(3, 5))
	all := slices.Collect(market.TransactingSet().All())
	for range 200 {
		var list []ListPrice
		total := 0
		for i := range 1 + rng.IntN(5) {
			var ms market.Set
			for range 1 + rng.IntN(20) {
				ms.Add(all[rng.IntN(len(all))])
			}
			total += ms.Len()
			list = append(list, ListPrice{Plan: fmt.Sprintf("p%d", i), Term: plan.OneYear, Payment: plan.Monthly,
				Price: currency.MustFromMinor(rng.Int64N(1_000_000), currency.USD), Markets: ms})
		}
		rates := append(pbRates("2024-01-01T00:00:00Z", 900+rng.Int64N(200)), pbRates("2023-06-01T00:00:00Z", 500)...)
		pol := DefaultPolicy()
		pol.Rounding = currency.RoundingMode(rng.IntN(7))
		s, err := pol.Save(Sheet{}, list, rates, pbT0)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Prices) != total {
			t.Fatalf("%d prices, want %d", len(s.Prices), total)
		}
		if !slices.IsSortedFunc(s.Prices, sheetCompare) {
			t.Fatal("prices not sorted")
		}
		for _, p := range s.Prices {
			cur := p.Market.Market().Currency
			if cur == currency.USD {
				if p.Price != p.USD || p.Source != SourceList {
					t.Fatalf("%v: USD market not the list price", p)
				}
				continue
			}
			r, _ := RateAt(rates, cur, pbT0)
			want, _ := p.USD.Convert(cur, r.Rate, pol.Rounding)
			if p.Price != want || p.Rate != r {
				t.Fatalf("%v: got %v at %v, want %v at %v", p.Market, p.Price, p.Rate, want, r)
			}
		}
		later := append(slices.Clone(rates), pbRates("2024-06-01T00:00:00Z", 1500)...)
		s2, err := pol.Save(s, list, later, pbT0.Add(100*24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.Prices, s2.Prices) {
			t.Fatal("a later rate changed saved prices")
		}
	}
}

func TestPRC03_RateAt(t *testing.T) {
	// PRC-03: "the current exchange rate when saved" is the latest rate
	// quoted at or before the instant.
	rates := []DatedRate{
		pbRate(currency.SEK, "10", "2024-01-01T00:00:00Z"),
		pbRate(currency.SEK, "11", "2024-02-01T00:00:00Z"),
		pbRate(currency.SEK, "12", "2024-03-01T00:00:00Z"),
		pbRate(currency.NOK, "13", "2024-02-15T00:00:00Z"),
	}
	tests := []struct {
		at   string
		c    currency.Code
		want string
	}{
		{"2023-12-31T23:59:59Z", currency.SEK, ""},
		{"2024-01-01T00:00:00Z", currency.SEK, "10"},
		{"2024-02-01T00:00:00Z", currency.SEK, "11"},
		{"2024-02-29T23:59:59Z", currency.SEK, "11"},
		{"2025-01-01T00:00:00Z", currency.SEK, "12"},
		{"2025-01-01T00:00:00Z", currency.NOK, "13"},
		{"2025-01-01T00:00:00Z", currency.EUR, ""},
	}
	for _, tt := range tests {
		r, ok := RateAt(rates, tt.c, pbTime(tt.at))
		if ok != (tt.want != "") || (ok && r.Rate.String() != tt.want) {
			t.Errorf("RateAt(%s, %s) = %v, %v; want %q", tt.c, tt.at, r, ok, tt.want)
		}
	}
}

func TestPRC03_PriceList(t *testing.T) {
	// PRC-03: the list prices of plan declarations, overrides included.
	plans := []plan.Plan{
		{ID: "gold", Markets: market.SetOf(market.SE, market.US), Pricing: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{
			{Term: plan.OneMonth, Price: pbMoney("10.00 USD"), Markets: []plan.MarketPrice{{Market: market.SE, Price: pbMoney("99.00 SEK")}}},
			{Term: plan.OneYear, Payment: plan.Monthly, Price: pbMoney("100.00 USD")},
		}}},
		{ID: "vm", Markets: market.SetOf(market.US), Pricing: plan.Pricing{Model: plan.PerVCPU}},
	}
	want := []ListPrice{
		{Plan: "gold", Term: plan.OneMonth, Price: pbMoney("10.00 USD"), Markets: plans[0].Markets,
			Overrides: []plan.MarketPrice{{Market: market.SE, Price: pbMoney("99.00 SEK")}}},
		{Plan: "gold", Term: plan.OneYear, Payment: plan.Monthly, Price: pbMoney("100.00 USD"), Markets: plans[0].Markets},
	}
	if diff := cmp.Diff(want, PriceList(plans...)); diff != "" {
		t.Errorf("PriceList (-want +got):\n%s", diff)
	}
}

func TestPRC03_SheetJSON(t *testing.T) {
	// PRC-03: a saved sheet round-trips through JSON, rates and rounding
	// included, so a host can store it and pass it to the next save.
	s, err := DefaultPolicy().Save(Sheet{}, pbBigList(1), pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Sheet
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	var r DatedRate
	if err := json.Unmarshal([]byte(`{"from":"USD","to":"SEK","rate":"10.45","asOf":"2024-01-01T00:00:00Z","x":1}`), &r); err == nil {
		t.Error("unknown field accepted")
	}
	if err := json.Unmarshal([]byte(`{"from":"USD","to":"SEK","rate":"10.45","asOf":"2024-01-01T00:00:00Z"}`), &r); err != nil || r != pbRate(currency.SEK, "10.45", "2024-01-01T00:00:00Z") {
		t.Errorf("got %v, %v", r, err)
	}
}

func TestPRC03_PriceSourceText(t *testing.T) {
	// PRC-03: the price source is a stable enum.
	for _, s := range []PriceSource{SourceConverted, SourceList, SourceOverride} {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back PriceSource
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%v: round trip gave %v, %v", s, back, err)
		}
	}
	if b, err := PriceSource(0).MarshalText(); err != nil || len(b) != 0 {
		t.Errorf("the zero source, unset, marshals to %q, %v", b, err)
	}
	if _, err := PriceSource(9).MarshalText(); err == nil {
		t.Error("an invalid source marshals")
	}
	var s PriceSource
	if err := s.UnmarshalText([]byte("guessed")); err == nil {
		t.Error("unknown source accepted")
	}
}

func TestPRC03_Explain(t *testing.T) {
	// PRC-03: every price says how it was obtained, in English and Swedish.
	list := []ListPrice{{Plan: "gold", Term: plan.OneYear, Price: pbMoney("100.00 USD"), Markets: market.SetOf(market.SE, market.US, market.NO),
		Overrides: []plan.MarketPrice{{Market: market.NO, Price: pbMoney("999.00 NOK")}}}}
	s, err := DefaultPolicy().Save(Sheet{}, list, pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[rule.Language][]string{
		rule.English: {
			"NO gold P1Y upfront: NOK\u00a0999.00, set by the publisher for this market (list price $100.00), who owns it; saved on 2024-01-15 10:00:00 UTC (PRC-03).",
			"SE gold P1Y upfront: SEK\u00a01,045.12, converted from $100.00 at 10.4512 SEK/USD quoted 2024-01-01 (rounded half-even), fixed when saved on 2024-01-15 10:00:00 UTC (PRC-03).",
			"US gold P1Y upfront: $100.00, the USD list price itself (the market is billed in USD), saved on 2024-01-15 10:00:00 UTC (PRC-03).",
		},
		rule.Swedish: {
			"NO gold P1Y i förskott: 999,00\u00a0Nkr, satt av utgivaren för den här marknaden (listpris 100,00\u00a0US$), som äger det; sparat 2024-01-15 10:00:00 UTC (PRC-03).",
			"SE gold P1Y i förskott: 1\u00a0045,12\u00a0kr, omräknat från 100,00\u00a0US$ till kursen 10,4512 SEK/USD noterad 2024-01-01 (avrundat halvt till jämnt), fast sedan det sparades 2024-01-15 10:00:00 UTC (PRC-03).",
			"US gold P1Y i förskott: 100,00\u00a0US$, själva listpriset i USD (marknaden faktureras i USD), sparat 2024-01-15 10:00:00 UTC (PRC-03).",
		},
	}
	for lang, lines := range want {
		var got []string
		for _, p := range s.Prices {
			got = append(got, p.Explain(lang))
		}
		if diff := cmp.Diff(lines, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", lang, diff)
		}
	}
}

// BenchmarkSheetSave prices 100 plans × 141 markets × 4 terms (56,400
// prices) from scratch.
func BenchmarkSheetSave(b *testing.B) {
	list := pbBigList(100)
	rates := pbRates("2024-01-01T00:00:00Z", 1000)
	pol := DefaultPolicy()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pol.Save(Sheet{}, list, rates, pbT0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSheetResave saves the same sheet again with newer rates: every
// price is kept.
func BenchmarkSheetResave(b *testing.B) {
	list := pbBigList(100)
	rates := pbRates("2024-01-01T00:00:00Z", 1000)
	pol := DefaultPolicy()
	prev, err := pol.Save(Sheet{}, list, rates, pbT0)
	if err != nil {
		b.Fatal(err)
	}
	later := append(slices.Clone(rates), pbRates("2024-03-01T00:00:00Z", 1100)...)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pol.Save(prev, list, later, pbT0.Add(60*24*time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPRC03_SmallHelpers(t *testing.T) {
	// PRC-03: texts of rates and truncated inputs in problems.
	if (DatedRate{}).String() != "" {
		t.Error("zero rate has text")
	}
	long := strings.Repeat("é", 40) // 80 bytes
	if got := shTruncate(long, 41); got != strings.Repeat("é", 20)+"…" {
		t.Errorf("truncate: %q", got)
	}
	if got := shTruncate("short", 41); got != "short" {
		t.Errorf("truncate: %q", got)
	}
	if got := string(sheetAppendField(nil, "")); got != "" {
		t.Errorf("empty field: %q", got)
	}
	if got := string(sheetAppendField(nil, " lead")); got != `" lead"` {
		t.Errorf("leading space: %q", got)
	}
}

func FuzzDatedRateJSON(f *testing.F) {
	f.Add([]byte(`{"from":"USD","to":"SEK","rate":"10.4512","asOf":"2024-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"from":"usd","to":"rmb","rate":"0","asOf":"2024-01-01T00:00:00+01:00"}`))
	f.Add([]byte(`{"rate":10}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r DatedRate
		if err := json.Unmarshal(data, &r); err != nil {
			return
		}
		b, err := json.Marshal(r)
		if err != nil {
			return // a time outside the years 0–9999
		}
		var back DatedRate
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		if !cmp.Equal(r, back) {
			t.Fatalf("round trip: %s", cmp.Diff(r, back))
		}
	})
}

func TestPRC03_SavePolicyAndOverflow(t *testing.T) {
	// PRC-03: an undefined rounding mode is one problem; a conversion that
	// overflows is reported at its price.
	pol := DefaultPolicy()
	pol.Rounding = 42
	list := []ListPrice{{Plan: "gold", Term: plan.OneMonth, Price: pbMoney("10.00 USD"), Markets: market.TransactingSet()}}
	_, err := pol.Save(Sheet{}, list, pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if diff := cmp.Diff([]string{"policy.rounding"}, pbPaths(err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	huge := []ListPrice{{Plan: "gold", Term: plan.OneMonth, Price: currency.MustFromMinor(1<<62, currency.USD), Markets: market.SetOf(market.KR)}}
	_, err = DefaultPolicy().Save(Sheet{}, huge, pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if diff := cmp.Diff([]string{"list[0].markets[KR]"}, pbPaths(err)); diff != "" || !errors.Is(err, currency.ErrOverflow) {
		t.Errorf("%v (-want +got):\n%s", err, diff)
	}
}

// PRC-03: a resave keeps the saved prices of the plans still listed,
// drops the others (listed before, between and after them), and gives the
// same sheet whatever the order of the previous one.
func TestPRC03_ResaveAnyOrder(t *testing.T) {
	pol := DefaultPolicy()
	list := pbBigList(6)
	list[5].Overrides = []plan.MarketPrice{{Market: market.SE, Price: pbMoney("99.00 SEK")}, {Market: market.NO, Price: pbMoney("88.00 NOK")}}
	prev, err := pol.Save(Sheet{}, list, pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if err != nil {
		t.Fatal(err)
	}
	// Plans 0, 2 and 5 are dropped; plan 3 changes its USD price; plan
	// 1's override of NO changes.
	var next []ListPrice
	for i, lp := range list {
		switch i / 4 {
		case 0, 2, 5:
			continue
		case 3:
			lp.Price = currency.MustFromMinor(lp.Price.Minor()+1, currency.USD)
		}
		next = append(next, lp)
	}
	next[1].Overrides = []plan.MarketPrice{{Market: market.SE, Price: pbMoney("99.00 SEK")}, {Market: market.NO, Price: pbMoney("77.00 NOK")}}
	later := append(pbRates("2024-01-01T00:00:00Z", 1000), pbRates("2024-03-01T00:00:00Z", 1100)...)
	t2 := pbT0.Add(60 * 24 * time.Hour)
	want, err := pol.Save(prev, next, later, t2)
	if err != nil {
		t.Fatal(err)
	}
	kept, changed := 0, 0
	for _, p := range want.Prices {
		if o, ok := prev.Lookup(p.Market, p.Plan, p.Term, p.Payment); ok && o == p {
			kept++
		} else if p.SavedAt.Equal(t2) {
			changed++
		} else {
			t.Errorf("%v: neither kept nor saved again", p)
		}
	}
	if wantChanged := 4*market.TransactingSet().Len() + 1; changed != wantChanged || kept != len(want.Prices)-wantChanged {
		t.Errorf("kept %d, saved again %d; want %d saved again", kept, changed, wantChanged)
	}
	rng := rand.New(rand.NewPCG(11, 17))
	for round := range 6 {
		shuffled := Sheet{Prices: slices.Clone(prev.Prices)}
		switch round {
		case 0: // only the last two swapped: the tail of dropped prices
			n := len(shuffled.Prices)
			shuffled.Prices[n-1], shuffled.Prices[n-2] = shuffled.Prices[n-2], shuffled.Prices[n-1]
		case 1: // two markets of a kept group swapped
			shuffled.Prices[len(shuffled.Prices)/3+1], shuffled.Prices[len(shuffled.Prices)/3+2] = shuffled.Prices[len(shuffled.Prices)/3+2], shuffled.Prices[len(shuffled.Prices)/3+1]
		case 2: // two prices of the first, dropped, group swapped
			shuffled.Prices[0], shuffled.Prices[1] = shuffled.Prices[1], shuffled.Prices[0]
		default:
			rng.Shuffle(len(shuffled.Prices), func(i, j int) { shuffled.Prices[i], shuffled.Prices[j] = shuffled.Prices[j], shuffled.Prices[i] })
		}
		got, err := pol.Save(shuffled, next, later, t2)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("round %d (-want +got):\n%s", round, diff)
		}
	}
}

// copyFrom copies every field: a LocalPrice with no zero field copies to
// an equal one.
func TestPRC03_CopyFromCopiesAll(t *testing.T) {
	src := LocalPrice{Row: Row{Market: market.SE, Plan: "gold", Term: plan.OneYear, Payment: plan.Monthly, Price: pbMoney("1.00 SEK")},
		Rule: rule.PRC03, Reason: ReasonConverted, Source: SourceConverted, USD: pbMoney("0.10 USD"),
		Rate: pbRate(currency.SEK, "10.4512", "2024-01-01T00:00:00Z"), Rounding: currency.Floor, SavedAt: pbT0}
	v := reflect.ValueOf(src)
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Kind() == reflect.Struct && v.Type().Field(i).Anonymous {
				walk(f, path+v.Type().Field(i).Name+".")
			} else if f.IsZero() {
				t.Errorf("the test's price has %s%s zero", path, v.Type().Field(i).Name)
			}
		}
	}
	walk(v, "")
	var dst LocalPrice
	dst.copyFrom(&src)
	if dst != src {
		t.Errorf("copyFrom gave %+v, want %+v", dst, src)
	}
}

// PRC-03: every converted price is its USD price converted at its rate
// with its rounding, in every market of a currency (a save converts once
// per currency and list price).
func TestPRC03_ConvertedPricesHold(t *testing.T) {
	for _, mode := range []currency.RoundingMode{currency.HalfEven, currency.Floor, currency.Ceiling} {
		s, err := Policy{Rounding: mode}.Save(Sheet{}, pbBigList(3), pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
		if err != nil {
			t.Fatal(err)
		}
		eur := 0
		for _, p := range s.Prices {
			if p.Source != SourceConverted {
				continue
			}
			want, err := p.USD.Convert(p.Market.Market().Currency, p.Rate.Rate, mode)
			if err != nil || p.Price != want || p.Rate.To != want.Code() || p.Rounding != mode {
				t.Errorf("%v: want %v at %v (%v)", p, want, p.Rate, err)
			}
			if want.Code() == currency.EUR {
				eur++
			}
		}
		if eur < 2*3*4 {
			t.Errorf("only %d prices in EUR", eur)
		}
	}
}

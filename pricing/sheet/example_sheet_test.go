package sheet_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/rule"
)

func pbxRate(to currency.Code, r string, asOf time.Time) sheet.DatedRate {
	return sheet.DatedRate{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: to, Rate: currency.MustParseRate(r)}, AsOf: asOf}
}

var (
	pbxJan = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	pbxMar = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
)

// pbxSheet saves a small sheet: gold, monthly, in Sweden, Japan and the US.
func pbxSheet() sheet.Sheet {
	list := []sheet.ListPrice{{Plan: "gold", Term: plan.OneMonth, Price: currency.MustParse("10.00 USD"),
		Markets: market.SetOf(market.SE, market.JP, market.US)}}
	rates := []sheet.DatedRate{pbxRate(currency.SEK, "10.4512", pbxJan), pbxRate(currency.JPY, "149.2345", pbxJan)}
	s, err := sheet.DefaultPolicy().Save(sheet.Sheet{}, list, rates, pbxJan.Add(14*24*time.Hour))
	if err != nil {
		panic(err)
	}
	return s
}

func ExamplePolicy_Save() {
	pol := sheet.DefaultPolicy()
	list := []sheet.ListPrice{{Plan: "gold", Term: plan.OneMonth, Price: currency.MustParse("10.00 USD"),
		Markets: market.SetOf(market.SE, market.JP, market.US)}}
	rates := []sheet.DatedRate{pbxRate(currency.SEK, "10.4512", pbxJan), pbxRate(currency.JPY, "149.2345", pbxJan)}
	first, err := pol.Save(sheet.Sheet{}, list, rates, pbxJan.Add(14*24*time.Hour))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range first.Prices {
		fmt.Println(p.Market, p.Price, p.Source)
	}

	// In March the krona has moved and the plan gets a yearly term: the
	// saved monthly prices stay, the new term uses March's rate.
	rates = append(rates, pbxRate(currency.SEK, "11.0000", pbxMar))
	list = append(list, sheet.ListPrice{Plan: "gold", Term: plan.OneYear, Price: currency.MustParse("100.00 USD"), Markets: market.SetOf(market.SE)})
	second, err := pol.Save(first, list, rates, pbxMar.Add(time.Hour))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range second.Prices {
		fmt.Println(p.Market, p.Term, p.Price, p.SavedAt.Format(time.DateOnly))
	}
	// Output:
	// JP 1492 JPY converted
	// SE 104.51 SEK converted
	// US 10.00 USD list
	// JP P1M 1492 JPY 2024-01-15
	// SE P1M 104.51 SEK 2024-01-15
	// US P1M 10.00 USD 2024-01-15
	// SE P1Y 1100.00 SEK 2024-03-01
}

func ExamplePolicy_Save_errors() {
	list := []sheet.ListPrice{
		{Plan: "gold", Term: plan.OneMonth, Price: currency.MustParse("10.00 USD"), Markets: market.SetOf(market.SE, market.CN)},
	}
	_, err := sheet.DefaultPolicy().Save(sheet.Sheet{}, list, nil, pbxJan)
	var ps rule.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Println(p.Path, errors.Is(p, sheet.ErrNoRate), errors.Is(p, sheet.ErrMarketNotSold))
		}
	}
	// Output:
	// list[0].markets[CN] false true
}

func ExamplePolicy_Import() {
	s := pbxSheet()
	rows := s.Rows()
	rows[1].Price = currency.MustParse("99.00 SEK") // the publisher rounds the Swedish price
	s, err := sheet.DefaultPolicy().Import(s, rows, pbxMar)
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := s.Lookup(market.SE, "gold", plan.OneMonth, plan.Upfront)
	fmt.Println(p.Price, p.Source, p.SavedAt.Format(time.DateOnly))
	// Output: 99.00 SEK override 2024-03-01
}

func ExampleDefaultPolicy() {
	p := sheet.DefaultPolicy()
	fmt.Println(p.Rounding, p.MaxRows, p.MaxBytes)
	// Output: half-even 100000 16777216
}

func ExampleRateAt() {
	rates := []sheet.DatedRate{pbxRate(currency.SEK, "10.4512", pbxJan), pbxRate(currency.SEK, "11.0000", pbxMar)}
	r, ok := sheet.RateAt(rates, currency.SEK, pbxMar.Add(-time.Second))
	fmt.Println(r.Rate, ok)
	_, ok = sheet.RateAt(rates, currency.NOK, pbxMar)
	fmt.Println(ok)
	// Output:
	// 10.4512 true
	// false
}

func ExampleDatedRate_String() {
	fmt.Println(pbxRate(currency.SEK, "10.4512", pbxJan))
	// Output: 10.4512 SEK/USD as of 2024-01-01T00:00:00Z
}

func ExampleDatedRate_IsZero() {
	fmt.Println(sheet.DatedRate{}.IsZero(), pbxRate(currency.SEK, "10.4512", pbxJan).IsZero())
	// Output: true false
}

func ExampleDatedRate_MarshalJSON() {
	b, _ := json.Marshal(pbxRate(currency.SEK, "10.4512", pbxJan))
	fmt.Println(string(b))
	// Output: {"from":"USD","to":"SEK","rate":"10.4512","asOf":"2024-01-01T00:00:00Z"}
}

func ExampleDatedRate_UnmarshalJSON() {
	var r sheet.DatedRate
	err := json.Unmarshal([]byte(`{"from":"USD","to":"NOK","rate":"10.65","asOf":"2024-01-01T00:00:00Z"}`), &r)
	fmt.Println(r, err)
	err = json.Unmarshal([]byte(`{"from":"USD","to":"NOK","rate":10.65}`), &r)
	fmt.Println(err)
	// Output:
	// 10.65 NOK/USD as of 2024-01-01T00:00:00Z <nil>
	// rate: want a string, got a number
}

func ExamplePriceList() {
	gold := plan.Plan{ID: "gold", Markets: market.SetOf(market.SE, market.US), Pricing: plan.Pricing{Model: plan.FlatRate,
		Terms: []plan.TermPrice{
			{Term: plan.OneMonth, Price: currency.MustParse("10.00 USD")},
			{Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("100.00 USD"),
				Markets: []plan.MarketPrice{{Market: market.SE, Price: currency.MustParse("999.00 SEK")}}},
		}}}
	for _, lp := range sheet.PriceList(gold) {
		fmt.Println(lp.Plan, lp.Term, lp.Payment, lp.Price, lp.Markets, len(lp.Overrides))
	}
	// Output:
	// gold P1M upfront 10.00 USD SE US 0
	// gold P1Y monthly 100.00 USD SE US 1
}

func ExamplePriceSource_String() {
	fmt.Println(sheet.SourceConverted, sheet.SourceList, sheet.SourceOverride)
	// Output: converted list override
}

func ExamplePriceSource_MarshalText() {
	b, _ := sheet.SourceOverride.MarshalText()
	fmt.Println(string(b))
	// Output: override
}

func ExamplePriceSource_UnmarshalText() {
	var s sheet.PriceSource
	fmt.Println(s.UnmarshalText([]byte("Converted")), s)
	// Output: <nil> converted
}

func ExampleLocalPrice_Explain() {
	p, _ := pbxSheet().Lookup(market.SE, "gold", plan.OneMonth, plan.Upfront)
	// Amounts are formatted with a no-break space; shown here as a space.
	fmt.Println(strings.ReplaceAll(p.Explain(rule.English), "\u00a0", " "))
	// Output: SE gold P1M upfront: SEK 104.51, converted from $10.00 at 10.4512 SEK/USD quoted 2024-01-01 (rounded half-even), fixed when saved on 2024-01-15 00:00:00 UTC (PRC-03).
}

func ExampleLocalPrice_Conversion() {
	p, _ := pbxSheet().Lookup(market.JP, "gold", plan.OneMonth, plan.Upfront)
	c, ok := p.Conversion()
	fmt.Println(c, ok)
	// Output: 10.00 USD → 1492 JPY at 149.2345 JPY/USD (half-even) true
}

func ExampleSheet_Rates() {
	for _, r := range pbxSheet().Rates() {
		fmt.Println(r)
	}
	// Output:
	// 149.2345 JPY/USD as of 2024-01-01T00:00:00Z
	// 10.4512 SEK/USD as of 2024-01-01T00:00:00Z
}

func ExampleSheet_Explain() {
	s := pbxSheet()
	fmt.Println(s.Rule, s.Reason)
	fmt.Println(s.Explain(rule.Swedish))
	// Output:
	// PRC-03 sheet-saved
	// Prisbladet sparat 2024-01-15 00:00:00 UTC (PRC-03): priser 3; omräknade från USD till kurserna som gällde då 2; listpriser i USD 1; satta av utgivaren 0.
}

func ExampleSheet_Rows() {
	for _, r := range pbxSheet().Rows() {
		fmt.Println(r.Market, r.Plan, r.Term, r.Payment, r.Price)
	}
	// Output:
	// JP gold P1M upfront 1492 JPY
	// SE gold P1M upfront 104.51 SEK
	// US gold P1M upfront 10.00 USD
}

func ExampleSheet_Lookup() {
	p, ok := pbxSheet().Lookup(market.US, "gold", plan.OneMonth, plan.Upfront)
	fmt.Println(p.Price, p.Source, ok)
	_, ok = pbxSheet().Lookup(market.NO, "gold", plan.OneMonth, plan.Upfront)
	fmt.Println(ok)
	// Output:
	// 10.00 USD list true
	// false
}

func ExampleColumns() {
	fmt.Println(strings.Join(sheet.Columns(), ","))
	// Output: market,currency,plan,term,payment,price
}

func ExampleWriteCSV() {
	if err := sheet.WriteCSV(os.Stdout, pbxSheet().Rows()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// market,currency,plan,term,payment,price
	// JP,JPY,gold,P1M,upfront,1492
	// SE,SEK,gold,P1M,upfront,104.51
	// US,USD,gold,P1M,upfront,10.00
}

func ExamplePolicy_ReadCSV() {
	in := "market,currency,plan,term,payment,price\n" +
		"SE,SEK,gold,P1M,upfront,99.00\n" +
		"NO,EUR,gold,P1M,upfront,9.00\n" +
		"XX,USD,gold,P1M,upfront,1.00\n" +
		"US,USD,gold,P1M,upfront,1.001\n" +
		"SE,SEK,gold,P1M,upfront,98.00\n"
	_, err := sheet.DefaultPolicy().ReadCSV(strings.NewReader(in), "prices.csv", nil)
	var ps rule.Problems
	if errors.As(err, &ps) {
		fmt.Print(ps.Text(rule.English))
	}

	rows, err := sheet.DefaultPolicy().ReadCSV(strings.NewReader(in[:70]), "prices.csv", nil)
	fmt.Println(rows, err)
	var buf bytes.Buffer
	_ = sheet.WriteCSV(&buf, rows)
	fmt.Print(buf.String())
	// Output:
	// prices.csv line 3: currency: Norway is billed in NOK, not EUR (PRC-03)
	// prices.csv line 4: market: "XX" is not a market of the marketplace (EXT-15)
	// prices.csv line 5: price: "1.001" is not an exact USD amount: more decimal places than allowed (USD has 2 decimal places) (PRC-03)
	// prices.csv line 6: the same plan, term, payment option and market as prices.csv line 2 (PRC-03)
	// [{SE gold P1M upfront 99.00 SEK}] <nil>
	// market,currency,plan,term,payment,price
	// SE,SEK,gold,P1M,upfront,99.00
}

func ExampleReadRatesCSV() {
	rates, err := sheet.ReadRatesCSV(strings.NewReader("as_of,from,to,rate\n2026-01-02,USD,SEK,9.4215\n"), "rates.csv")
	fmt.Println(rates, err)
	_ = sheet.WriteRatesCSV(os.Stdout, rates)
	// Output:
	// [9.4215 SEK/USD as of 2026-01-02T00:00:00Z] <nil>
	// as_of,from,to,rate
	// 2026-01-02,USD,SEK,9.4215
}

func ExampleRatesColumns() {
	fmt.Println(sheet.RatesColumns())
	// Output: [as_of from to rate]
}

func ExampleWriteRatesCSV() {
	r := sheet.DatedRate{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: currency.NOK, Rate: currency.MustParseRate("10.1459")},
		AsOf: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}
	_ = sheet.WriteRatesCSV(os.Stdout, []sheet.DatedRate{r})
	// Output:
	// as_of,from,to,rate
	// 2026-01-02,USD,NOK,10.1459
}

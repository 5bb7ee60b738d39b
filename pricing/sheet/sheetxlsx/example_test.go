package sheetxlsx_test

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/pricing/sheet/sheetxlsx"
	"github.com/marketrules/marketrules/rule"
)

// saved returns a sheet saved for the gold plan in Sweden, Japan and the
// US.
func saved() (sheet.Sheet, []sheet.ListPrice) {
	jan := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	list := []sheet.ListPrice{{Plan: "gold", Term: plan.OneMonth, Price: currency.MustParse("10.00 USD"),
		Markets: market.SetOf(market.SE, market.JP, market.US)}}
	rates := []sheet.DatedRate{
		{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("10.4512")}, AsOf: jan},
		{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: currency.JPY, Rate: currency.MustParseRate("149.2345")}, AsOf: jan},
	}
	s, err := sheet.DefaultPolicy().Save(sheet.Sheet{}, list, rates, jan.Add(14*24*time.Hour))
	if err != nil {
		panic(err)
	}
	return s, list
}

// A saved sheet is exported as a workbook for the publisher to edit in
// Excel, then read back and imported (PRC-03).
func ExampleWriteSheet() {
	s, list := saved()
	var book bytes.Buffer
	if err := sheetxlsx.WriteSheet(&book, s); err != nil {
		fmt.Println(err)
		return
	}
	// … the publisher edits the workbook in Excel …
	rows, err := sheetxlsx.DefaultPolicy().Read(&book, "prices.xlsx", list)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		fmt.Println(r.Market, r.Plan, r.Term, r.Payment, r.Price)
	}
	// Output:
	// JP gold P1M upfront 1492 JPY
	// SE gold P1M upfront 104.51 SEK
	// US gold P1M upfront 10.00 USD
}

func ExampleWrite() {
	rows := []sheet.Row{{Market: market.SE, Plan: "gold", Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("1045.12 SEK")}}
	var book bytes.Buffer
	if err := sheetxlsx.Write(&book, rows); err != nil {
		fmt.Println(err)
		return
	}
	back, err := sheetxlsx.DefaultPolicy().Read(&book, "prices.xlsx", nil)
	fmt.Println(back[0].Price, err)

	rows[0].Term = plan.Hourly
	fmt.Println(sheetxlsx.Write(&book, rows))
	// Output:
	// 1045.12 SEK <nil>
	// sheetxlsx: rows[0]: term PT1H has no price sheet: invalid sheet price
}

// Problems in an edited workbook are reported all at once, each with its
// worksheet row, as the CSV form reports them.
func ExamplePolicy_Read() {
	s, list := saved()
	rows := s.Rows()
	rows[1].Price = currency.MustParse("104.51 EUR") // not the currency of Sweden
	rows = append(rows, rows[2])                     // the US row twice
	var book bytes.Buffer
	if err := sheetxlsx.Write(&book, rows); err != nil {
		fmt.Println(err)
		return
	}
	_, err := sheetxlsx.DefaultPolicy().Read(&book, "prices.xlsx", list)
	var ps rule.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Println(p.Rule, p.Path, errors.Is(p, sheet.ErrPrice), errors.Is(p, sheet.ErrDuplicate))
		}
	}
	_, err = sheetxlsx.Policy{MaxBytes: 100}.Read(bytes.NewReader(make([]byte, 200)), "big.xlsx", nil)
	fmt.Println(errors.Is(err, sheet.ErrLimit), err)
	// Output:
	// PRC-03 prices.xlsx row 3 true false
	// PRC-03 prices.xlsx row 5 false true
	// true big.xlsx: the workbook is larger than 100 bytes (PRC-03)
}

func ExampleColumns() {
	fmt.Println(sheetxlsx.Columns())
	// Output:
	// [market currency plan term payment price source usd rate rate_as_of saved_at]
}

func ExampleDefaultPolicy() {
	fmt.Printf("%+v\n", sheetxlsx.DefaultPolicy())
	// Output:
	// {MaxRows:100000 MaxBytes:16777216 MaxUnzipped:268435456}
}

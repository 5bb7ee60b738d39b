package sheetxlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/rule"
)

var xT0 = time.Date(2024, 1, 15, 10, 0, 0, 0, time.UTC)

// xRates returns USD rates for every transacting market's currency.
func xRates() []sheet.DatedRate {
	base := map[currency.Code]string{
		currency.AUD: "1.5123", currency.BRL: "4.9876", currency.CAD: "1.3512", currency.CHF: "0.8801",
		currency.DKK: "6.8712", currency.EUR: "0.9213", currency.GBP: "0.7912", currency.INR: "83.1234",
		currency.JPY: "149.2345", currency.KRW: "1331.27", currency.NOK: "10.6543", currency.NZD: "1.6321",
		currency.RUB: "91.5", currency.SEK: "10.4512", currency.TWD: "31.4567",
	}
	var out []sheet.DatedRate
	for c, r := range base {
		out = append(out, sheet.DatedRate{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: c, Rate: currency.MustParseRate(r)},
			AsOf: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	return out
}

// xList returns n plans × 4 terms sold in all transacting markets.
func xList(n int) []sheet.ListPrice {
	terms := []struct {
		t plan.Term
		p plan.PaymentOption
	}{{plan.OneMonth, plan.Upfront}, {plan.OneYear, plan.Monthly}, {plan.TwoYears, plan.Annual}, {plan.ThreeYears, plan.Upfront}}
	var out []sheet.ListPrice
	for i := range n {
		for k, tp := range terms {
			out = append(out, sheet.ListPrice{Plan: fmt.Sprintf("plan-%03d", i), Term: tp.t, Payment: tp.p,
				Price: currency.MustFromMinor(int64(999+i*100+k*1000), currency.USD), Markets: market.TransactingSet()})
		}
	}
	return out
}

// xSheet saves the list of n plans.
func xSheet(tb testing.TB, n int) sheet.Sheet {
	tb.Helper()
	s, err := sheet.DefaultPolicy().Save(sheet.Sheet{}, xList(n), xRates(), xT0)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// xWorkbook writes rows as a workbook.
func xWorkbook(tb testing.TB, rows []sheet.Row) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, rows); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func xPaths(err error) []string {
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

// xNum is a cell Excel stores as a number, with its stored text.
type xNum string

// xBook builds a workbook as Excel would save it: strings in the shared
// strings table, xNum cells as numbers stored with their text.
func xBook(tb testing.TB, sheetName string, rows [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheetName != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheetName); err != nil {
			tb.Fatal(err)
		}
	}
	for i, row := range rows {
		for j, v := range row {
			ref, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				tb.Fatal(err)
			}
			switch v := v.(type) {
			case string:
				err = f.SetCellStr(sheetName, ref, v)
			case xNum:
				err = f.SetCellDefault(sheetName, ref, string(v))
			case nil:
			default:
				err = f.SetCellValue(sheetName, ref, v)
			}
			if err != nil {
				tb.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// xStrings turns CSV-like lines into workbook rows of strings.
func xStrings(lines ...string) [][]any {
	var out [][]any
	for _, l := range lines {
		var row []any
		for _, c := range strings.Split(l, ",") {
			row = append(row, c)
		}
		out = append(out, row)
	}
	return out
}

var xRaw = excelize.Options{RawCellValue: true}

func xOpen(tb testing.TB, data []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// xPatch returns the workbook data with part name replaced by content.
func xPatch(tb testing.TB, data []byte, name, content string) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	parts := map[string][]byte{name: []byte(content)}
	for _, f := range zr.File {
		if f.Name == name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			tb.Fatal(err)
		}
		parts[f.Name] = b
	}
	return xZip(tb, parts)
}

// xSheetXML returns a worksheet part of the given rows' XML.
func xSheetXML(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`
}

package sheet_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/marketrules/marketrules/internal/tools/csvbench"
	"github.com/marketrules/marketrules/pricing/sheet"
)

// cmpMarkets are transacting markets with their billing currencies.
var cmpMarkets = [...][2]string{{"SE", "SEK"}, {"US", "USD"}, {"GB", "GBP"}, {"DE", "EUR"}, {"JP", "JPY"}}

// cmpTerms are terms with a payment option each allows.
var cmpTerms = [...][2]string{{"P1M", "upfront"}, {"P1Y", "monthly"}, {"P2Y", "annual"}, {"P3Y", "upfront"}}

// cmpSheetCSV is a price sheet of n distinct rows.
func cmpSheetCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("market,currency,plan,term,payment,price\n")
	for i := range n {
		m := cmpMarkets[i%len(cmpMarkets)]
		t := cmpTerms[(i/len(cmpMarkets))%len(cmpTerms)]
		price := fmt.Sprintf("%d.%02d", 1+i%20000, i%100)
		if m[1] == "JPY" {
			price = fmt.Sprint(100 + i%200000)
		}
		fmt.Fprintf(&b, "%s,%s,plan-%d,%s,%s,%s\n", m[0], m[1], i/(len(cmpMarkets)*len(cmpTerms)), t[0], t[1], price)
	}
	return b.Bytes()
}

func cmpReadSheet(r io.Reader) (int, error) {
	rows, err := sheet.DefaultPolicy().ReadCSV(r, "prices.csv", nil)
	return len(rows), err
}

// cmpRatesCSV is an exchange-rates file of n rows, dates and rates varying.
func cmpRatesCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("as_of,from,to,rate\n")
	for i := range n {
		m := cmpMarkets[i%len(cmpMarkets)]
		fmt.Fprintf(&b, "%d-%02d-%02d,USD,%s,%d.%04d\n", 2000+i/336%26, 1+i/28%12, 1+i%28, m[1], 1+i%150, i%10000)
	}
	return b.Bytes()
}

func cmpReadRates(r io.Reader) (int, error) {
	rates, err := sheet.ReadRatesCSV(r, "rates.csv")
	return len(rates), err
}

// BenchmarkCompareSheetCSV reads a price sheet with Policy.ReadCSV and
// with raw encoding/csv, side by side (goal: within 1.5×).
func BenchmarkCompareSheetCSV(b *testing.B) {
	csvbench.Compare(b, []int{10_000, 100_000}, cmpSheetCSV, cmpReadSheet)
}

// BenchmarkCompareRatesCSV reads exchange rates with ReadRatesCSV and
// with raw encoding/csv, side by side (goal: within 1.5×).
func BenchmarkCompareRatesCSV(b *testing.B) {
	csvbench.Compare(b, []int{10_000, 100_000}, cmpRatesCSV, cmpReadRates)
}

// Both readers allocate a constant number of times per row.
func TestCSVAllocsPerRow(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 55,000 rows")
	}
	csvbench.CheckAllocsPerRow(t, cmpSheetCSV, cmpReadSheet, 5_000, 50_000, 0.2)
	csvbench.CheckAllocsPerRow(t, cmpRatesCSV, cmpReadRates, 5_000, 50_000, 0.2)
}

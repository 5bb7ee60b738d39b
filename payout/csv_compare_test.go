package payout_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/marketrules/marketrules/internal/tools/csvbench"
	"github.com/marketrules/marketrules/payout"
)

var (
	cmpAgreements = [...]string{"ea", "mca", "csp"}
	cmpPayments   = [...]string{"invoice", "credit-card"}
	cmpCharges    = [...]string{"order", "usage"}
	cmpCurrencies = [...]string{"USD", "EUR", "SEK", "GBP", "JPY"}
)

// cmpTransactionsCSV is a transaction CSV (payout.Columns) of n rows with
// every column filled, dates and amounts varying from row to row.
func cmpTransactionsCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced\n")
	for i := range n {
		cur := cmpCurrencies[i%len(cmpCurrencies)]
		gross := fmt.Sprintf("%d.%02d", 10+i%5000, i%100)
		if cur == "JPY" {
			gross = fmt.Sprint(100 + i%50000)
		}
		fmt.Fprintf(&b, "T-%07d,2023-%02d-%02dT%02d:%02d:%02dZ,%s,%s,%s,purchase,%s,%s,%t,2024-%02d-%02d,2024-%02d-%02d\n",
			i, 1+i%12, 1+i%28, i%24, i%60, (i/60)%60, cmpAgreements[i%3], cmpPayments[i%2], cmpCharges[(i/2)%2],
			gross, cur, i%4 == 0, 1+i%12, 1+(i+1)%28, 1+i%12, 1+(i+2)%28)
	}
	return b.Bytes()
}

func cmpReadTransactions(r io.Reader) (int, error) {
	rd := payout.NewReader(r, payout.CSVOptions{Name: "transactions.csv"})
	n := 0
	for {
		_, err := rd.Read()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

// cmpEarningsCSV is a Partner Center earnings export of n rows, with two
// columns the reader ignores.
func cmpEarningsCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("earningId,transactionId,transactionDate,transactionType,transactionPaymentMethod,transactionAmount," +
		"transactionCurrency,taxRemitted,storeFee,earningAmount,estimatedPaymentMonth,lever,customerCountry\r\n")
	for i := range n {
		cents := int64(1000 + i%500000)
		fee := cents * 3 / 100
		fmt.Fprintf(&b, "E-%07d,T-%07d,2024-%02d-%02dT%02d:%02d:%02dZ,purchase,%s,%d.%02d,USD,0,%d.%02d,%d.%02d,2024-%02d,Azure Marketplace,SE\r\n",
			i, i, 1+i%12, 1+i%28, i%24, i%60, (i/60)%60, cmpPayments[i%2],
			cents/100, cents%100, fee/100, fee%100, (cents-fee)/100, (cents-fee)%100, 1+(i+2)%12)
	}
	return b.Bytes()
}

func cmpReadEarnings(r io.Reader) (int, error) {
	n := 0
	for _, err := range payout.ReadEarnings(r, payout.CSVOptions{Name: "earnings.csv"}) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// BenchmarkCompareTransactionsCSV reads the transaction CSV with
// payout.Reader and with raw encoding/csv, side by side (goal: within
// 1.5×); the 1,000,000-row file shows the bytes per row flat.
func BenchmarkCompareTransactionsCSV(b *testing.B) {
	csvbench.Compare(b, []int{10_000, 100_000, 1_000_000}, cmpTransactionsCSV, cmpReadTransactions)
}

// BenchmarkCompareEarningsCSV reads the earnings export with
// payout.ReadEarnings and with raw encoding/csv, side by side.
func BenchmarkCompareEarningsCSV(b *testing.B) {
	csvbench.Compare(b, []int{10_000, 100_000}, cmpEarningsCSV, cmpReadEarnings)
}

// Both readers allocate a constant number of times per row.
func TestCSVAllocsPerRow(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 55,000 rows")
	}
	csvbench.CheckAllocsPerRow(t, cmpTransactionsCSV, cmpReadTransactions, 5_000, 50_000, 0.2)
	csvbench.CheckAllocsPerRow(t, cmpEarningsCSV, cmpReadEarnings, 5_000, 50_000, 0.2)
}

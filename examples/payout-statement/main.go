// Command payout-statement turns a transactions CSV into a publisher's
// payout statement: for each payout month, whether it was paid, carried
// below the 50 USD threshold or withheld while a write-off is recovered,
// what was paid in each currency after the store service fee, and why,
// then the totals per currency, which conserve every cent.
//
//	go run ./examples/payout-statement                         # the samples beside this file
//	go run ./examples/payout-statement sales.csv rates.csv
//	go run ./examples/payout-statement -lang sv
//
// The transactions CSV has the columns of payout.Columns; the rates CSV
// has month, from, to, rate (the month's exchange rate into USD).
package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/rule"
)

var (
	//go:embed transactions.csv
	sampleTransactions string
	//go:embed rates.csv
	sampleRates string
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("payout-statement", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "en", "language of the explanations: en or sv")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: payout-statement [-lang en|sv] [transactions.csv [rates.csv]]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	l, err := textout.Language(*lang)
	if err != nil {
		fmt.Fprintf(stderr, "payout-statement: %v\n", err)
		return 2
	}
	if fs.NArg() > 2 {
		fs.Usage()
		return 2
	}
	txIn, txName := io.Reader(strings.NewReader(sampleTransactions)), "transactions.csv"
	ratesIn, ratesName := io.Reader(strings.NewReader(sampleRates)), "rates.csv"
	for i, dst := range []*io.Reader{&txIn, &ratesIn} {
		if i >= fs.NArg() {
			break
		}
		f, err := os.Open(fs.Arg(i))
		if err != nil {
			fmt.Fprintln(stderr, "payout-statement:", err)
			return 2
		}
		defer f.Close()
		*dst = f
		if i == 0 {
			txName = fs.Arg(0)
		} else {
			ratesName = fs.Arg(1)
		}
	}

	rates, err := readRates(ratesIn, ratesName)
	if err != nil {
		fmt.Fprintln(stderr, "payout-statement:", err)
		return 1
	}
	ledger, err := payout.NewLedger(payout.DefaultPolicy())
	if err == nil {
		err = ledger.AddCSV(txIn, payout.CSVOptions{Name: txName})
	}
	var st payout.Statement
	if err == nil {
		st, err = ledger.Statement(rates)
	}
	var ps rule.Problems
	switch {
	case errors.As(err, &ps):
		fmt.Fprint(stderr, ps.Text(l))
		return 1
	case err != nil:
		fmt.Fprintln(stderr, "payout-statement:", err)
		return 1
	}
	p := &textout.Printer{W: stdout}
	print(p, st, txName, l)
	if p.Err() != nil {
		return 2
	}
	return 0
}

// readRates reads "month,from,to,rate" rows into payout.MonthRates.
func readRates(r io.Reader, name string) (payout.MonthRates, error) {
	data, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return nil, err
	}
	rates := payout.MonthRates{}
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if i == 0 {
			continue // header
		}
		f := strings.Split(strings.TrimSpace(line), ",")
		if len(f) != 4 {
			return nil, fmt.Errorf("%s line %d: want month,from,to,rate", name, i+1)
		}
		m, err := payout.ParseMonth(f[0])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, i+1, err)
		}
		from, err1 := currency.ParseCode(f[1])
		to, err2 := currency.ParseCode(f[2])
		rate, err3 := currency.ParseRate(f[3])
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, i+1, err)
		}
		rates[m] = append(rates[m], currency.ExchangeRate{From: from, To: to, Rate: rate})
	}
	return rates, nil
}

func print(p *textout.Printer, st payout.Statement, name string, l rule.Language) {
	en := currency.MustParseLocale("en-US")
	p.Printf("Payout statement for %d transactions from %s (store service fee and schedule: payout.DefaultPolicy)\n\n", st.Transactions, name)
	t := textout.NewTable("Month", "Paid by", "Status", "Combined", "Paid out", "Why").AlignRight(3)
	for _, po := range st.Payouts {
		var paid []string
		for _, b := range po.Balances {
			if b.Paid.Sign() != 0 {
				paid = append(paid, en.Format(b.Paid))
			}
		}
		if len(paid) == 0 {
			paid = []string{"—"}
		}
		t.Row(po.Month.String(), po.Date.Format("Jan 2"), po.Status.String(), en.Format(po.Combined),
			strings.Join(paid, " + "), firstSentence(po.Explain(l)))
	}
	t.Write(p)

	p.Println()
	p.Println("Totals per currency (gross = fee + paid + carried + withheld, to the cent):")
	p.Println()
	tt := textout.NewTable("Currency", "Count", "Gross", "Fee", "Net", "Paid", "Carried", "Withheld", "Conserved").AlignRight(1, 2, 3, 4, 5, 6, 7)
	for _, tot := range st.Totals {
		sum, err := sumMoney(tot.Fee, tot.Paid, tot.Carried, tot.Withheld)
		ok := "yes"
		if err != nil || sum != tot.Gross {
			ok = "NO"
		}
		tt.Row(tot.Currency.String(), strconv.FormatInt(tot.Count, 10), en.Format(tot.Gross), en.Format(tot.Fee),
			en.Format(tot.Net), en.Format(tot.Paid), en.Format(tot.Carried), en.Format(tot.Withheld), ok)
	}
	tt.Write(p)
}

func sumMoney(ms ...currency.Money) (currency.Money, error) {
	var s currency.Money
	for _, m := range ms {
		var err error
		if s, err = s.Add(m); err != nil {
			return s, err
		}
	}
	return s, nil
}

// firstSentence keeps an explanation's first line.
func firstSentence(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

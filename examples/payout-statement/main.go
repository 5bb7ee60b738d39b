// Command payout-statement turns a transactions CSV into a publisher's
// payout statement: each sale's store service fee, then for each payout
// month whether it was paid, carried below the 50 USD threshold or
// withheld while a write-off is recovered, what was paid in each currency,
// and why; then the totals per currency, which conserve every cent. With
// -earnings it reconciles Partner Center's earnings export instead: every
// row's store fee, earning and payment month recomputed, every difference
// listed.
//
//	go run ./examples/payout-statement                       # the samples beside this file
//	go run ./examples/payout-statement sales.csv rates.csv
//	go run ./examples/payout-statement -lang sv - < sales.csv
//	go run ./examples/payout-statement -earnings sample      # the sample export, one fee wrong
//	go run ./examples/payout-statement -earnings export.csv
//
// The transactions CSV has the columns of payout.Columns; the rates CSV
// has month, from, to, rate (the month's exchange rate into USD). Exit
// status: 0 done (every export row agrees), 1 the input breaks a rule (or
// an export row differs), 2 a usage error or an input that cannot be read.
package main

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/marketrules/marketrules/calendar"
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
	//go:embed earnings.csv
	sampleEarnings string
)

// Input limits: a file over its limit is refused, never truncated.
const (
	maxTransactions = 64 << 20 // bytes
	maxRates        = 1 << 20  // bytes
	maxExport       = 1 << 30  // bytes, streamed
	width           = 98       // columns of wrapped text
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// text holds every word the program prints, in English and Swedish.
type text struct {
	locale                                  currency.Locale
	statementFor, fees, months, why, totals string
	conserved, notConserved                 string
	outcome                                 [3]string // paid, carried, withheld
	monthCols, feeCols, totalCols, diffCols []string
	transactions                            [2]string // one, many
	problems                                [2]string
	rows                                    [2]string
	exportOK, exportBad, none               string
}

var texts = map[rule.Language]text{
	rule.English: {
		locale:       currency.MustParseLocale("en-US"),
		statementFor: "Payout statement for %s from %s (DefaultPolicy: fees PAY-05, EXT-10; schedule PAY-02, EXT-11)",
		fees:         "Store service fee of each sale:",
		months:       "Payouts by month:",
		why:          "Why:",
		totals:       "Totals per currency:",
		conserved:    "Every currency conserves its money: opening + gross = fee + paid + carried + withheld.",
		notConserved: "Money is NOT conserved in %s.",
		outcome:      [3]string{"paid", "carried", "withheld"},
		monthCols:    []string{"Month", "Sent by", "Outcome", "Combined", "Paid out", "Rule"},
		feeCols:      []string{"ID", "Date", "Type", "Gross", "Fee", "Rule"},
		totalCols:    []string{"Currency", "Count", "Gross", "Fee", "Paid", "Carried", "Withheld"},
		diffCols:     []string{"Row", "Transaction", "Column", "Reported", "Expected", "Rule"},
		transactions: [2]string{"transaction", "transactions"},
		problems:     [2]string{"problem", "problems"},
		rows:         [2]string{"row", "rows"},
		exportOK:     "%s: %s reconciled under DefaultPolicy (ERN-01); every row agrees.",
		exportBad:    "%s: %s reconciled under DefaultPolicy (ERN-01); differences in %s:",
		none:         "—",
	},
	rule.Swedish: {
		locale:       currency.MustParseLocale("sv-SE"),
		statementFor: "Utbetalningsbesked för %s från %s (DefaultPolicy: avgifter PAY-05, EXT-10; schema PAY-02, EXT-11)",
		fees:         "Butikstjänstavgift för varje försäljning:",
		months:       "Utbetalningar per månad:",
		why:          "Varför:",
		totals:       "Summor per valuta:",
		conserved:    "Varje valuta bevarar sina pengar: ingående + brutto = avgift + utbetalt + överfört + innehållet.",
		notConserved: "Pengarna bevaras INTE i %s.",
		outcome:      [3]string{"betald", "överförd", "innehållen"},
		monthCols:    []string{"Månad", "Skickas senast", "Utfall", "Sammanlagt", "Utbetalt", "Regel"},
		feeCols:      []string{"ID", "Datum", "Typ", "Brutto", "Avgift", "Regel"},
		totalCols:    []string{"Valuta", "Antal", "Brutto", "Avgift", "Utbetalt", "Överfört", "Innehållet"},
		diffCols:     []string{"Rad", "Transaktion", "Kolumn", "Rapporterat", "Väntat", "Regel"},
		transactions: [2]string{"transaktion", "transaktioner"},
		problems:     [2]string{"problem", "problem"},
		rows:         [2]string{"rad", "rader"},
		exportOK:     "%s: %s avstämda enligt DefaultPolicy (ERN-01); alla rader stämmer.",
		exportBad:    "%s: %s avstämda enligt DefaultPolicy (ERN-01); avvikelser i %s:",
		none:         "—",
	},
}

var typeWords = map[payout.TransactionType][2]string{
	payout.Sale: {"sale", "köp"}, payout.Refund: {"refund", "återbetalning"},
	payout.Reversal: {"reversal", "återföring"}, payout.Chargeback: {"chargeback", "återkrav"},
}

func plural(n int, w [2]string) string { return textout.Plural(n, w[0], w[1]) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := textout.NewCommand("payout-statement",
		"prints a payout statement from a transactions CSV, or reconciles an earnings export.",
		"[-lang en|sv] [transactions.csv|- [rates.csv|-]]\n       payout-statement [-lang en|sv] -earnings export.csv|-|sample",
		stdout, stderr)
	cmd.LanguageFlag()
	earnings := cmd.Flags.String("earnings", "", "reconcile this earnings export (\"-\" for standard input, \"sample\" for the sample)")
	l, ok, status := cmd.Parse(args)
	if !ok {
		return status
	}
	tx := texts[l]
	p := &textout.Printer{W: stdout}
	if *earnings != "" {
		if cmd.Flags.NArg() > 0 {
			return cmd.Usagef("-earnings takes no other files")
		}
		status := reconcile(cmd, p, tx, l, *earnings, stdin)
		if p.Err() != nil {
			return cmd.Failf(textout.ExitUsage, "writing: %v", p.Err())
		}
		return status
	}
	if cmd.Flags.NArg() > 2 {
		return cmd.Usagef("too many arguments: want at most transactions.csv and rates.csv")
	}
	if cmd.Flags.NArg() == 2 && cmd.Flags.Arg(0) == "-" && cmd.Flags.Arg(1) == "-" {
		return cmd.Usagef("only one input can be standard input")
	}
	txData, txName := []byte(sampleTransactions), "transactions.csv"
	ratesData, ratesName := []byte(sampleRates), "rates.csv"
	for i, dst := range []*[]byte{&txData, &ratesData} {
		if i >= cmd.Flags.NArg() {
			break
		}
		name := cmd.Flags.Arg(i)
		limit := int64(maxTransactions)
		if i == 1 {
			limit = maxRates
		}
		data, err := textout.ReadInput(name, stdin, limit)
		if err != nil {
			return cmd.Failf(textout.ExitUsage, "%v", err)
		}
		*dst = data
		if name == "-" {
			name = "standard input"
		}
		if i == 0 {
			txName = name
		} else {
			ratesName = name
		}
	}
	rates, err := readRates(ratesData, ratesName)
	if err != nil {
		return cmd.Failf(textout.ExitRule, "%v", err)
	}
	pol := payout.DefaultPolicy()
	// The ledger reads the CSV, with every problem at its line (duplicate
	// IDs too); the sales are read again for their fees.
	ledger, err := payout.NewLedger(pol)
	if err == nil {
		err = ledger.AddCSV(bytes.NewReader(txData), payout.CSVOptions{Name: txName})
	}
	var st payout.Statement
	if err == nil {
		st, err = ledger.Statement(rates)
	}
	var problems rule.Problems
	if err != nil && !errors.As(err, &problems) {
		return cmd.Failf(textout.ExitRule, "%s: %v", txName, err)
	}
	sales, fees := readSales(pol, txData, txName)
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "payout-statement: %s: %s\n", txName, plural(len(problems), tx.problems))
		for _, pr := range problems {
			fmt.Fprint(stderr, textout.Wrap("  ", pr.Text(l), width))
		}
		return textout.ExitRule
	}
	printStatement(p, tx, l, st, txName, sales, fees)
	if p.Err() != nil {
		return cmd.Failf(textout.ExitUsage, "writing: %v", p.Err())
	}
	return textout.ExitOK
}

// readSales reads the transactions, which the ledger has accepted, and
// decides each one's fee.
func readSales(pol payout.Policy, data []byte, name string) ([]payout.Transaction, []payout.Fee) {
	var sales []payout.Transaction
	var fees []payout.Fee
	r := payout.NewReader(bytes.NewReader(data), payout.CSVOptions{Name: name})
	for t, err := range r.All() {
		if err != nil {
			continue
		}
		if f, err := pol.Fee(t); err == nil {
			sales, fees = append(sales, t), append(fees, f)
		}
	}
	return sales, fees
}

// readRates reads "month,from,to,rate" rows (a header first, any case; a
// BOM and CRLF are accepted) into payout.MonthRates.
func readRates(data []byte, name string) (payout.MonthRates, error) {
	rows, err := textout.ReadCSV(string(data), name, "month,from,to,rate")
	if err != nil {
		return nil, err
	}
	rates := payout.MonthRates{}
	for i, f := range rows {
		line := i + 2
		if len(f) != 4 {
			return nil, fmt.Errorf("%s line %d: want 4 fields (month,from,to,rate), have %d", name, line, len(f))
		}
		m, err := calendar.ParseYearMonth(strings.TrimSpace(f[0]))
		if err != nil {
			return nil, fmt.Errorf("%s line %d, column month: %v", name, line, err)
		}
		from, err1 := currency.ParseCode(strings.TrimSpace(f[1]))
		to, err2 := currency.ParseCode(strings.TrimSpace(f[2]))
		rate, err3 := currency.ParseRate(strings.TrimSpace(f[3]))
		for col, err := range map[string]error{"from": err1, "to": err2, "rate": err3} {
			if err != nil {
				return nil, fmt.Errorf("%s line %d, column %s: %v", name, line, col, err)
			}
		}
		rates[m] = append(rates[m], currency.ExchangeRate{From: from, To: to, Rate: rate})
	}
	return rates, nil
}

func printStatement(p *textout.Printer, tx text, l rule.Language, st payout.Statement, name string,
	sales []payout.Transaction, fees []payout.Fee) {
	loc := tx.locale
	p.Printf("%s", textout.Wrap("", fmt.Sprintf(tx.statementFor, plural(int(st.Transactions), tx.transactions), name), width))
	p.Println()
	p.Println(tx.fees)
	p.Println()
	ft := textout.NewTable(tx.feeCols...).AlignRight(3, 4)
	for i, t := range sales {
		f := fees[i]
		ft.Row(t.ID, t.Date.Format("2006-01-02"), typeWords[t.Type][langIndex(l)], loc.Format(f.License), loc.Format(f.Fee), string(f.Rule))
	}
	ft.Write(p)
	p.Println()
	p.Println(tx.months)
	p.Println()
	t := textout.NewTable(tx.monthCols...).AlignRight(3)
	var why []string
	for _, po := range st.Payouts {
		t.Row(po.Month.String(), po.Date.Format("2006-01-02"), outcome(tx, po), loc.Format(po.Combined), paidOut(tx, l, po), string(po.Rule))
		why = append(why, po.Explain(l))
	}
	t.Write(p)
	p.Println()
	p.Println(tx.why)
	for _, w := range why {
		p.Printf("%s", textout.Wrap("  ", w, width))
	}
	p.Println()
	p.Println(tx.totals)
	p.Println()
	tt := textout.NewTable(tx.totalCols...).AlignRight(1, 2, 3, 4, 5, 6)
	var broken []string
	for _, tot := range st.Totals {
		lhs, err1 := tot.Opening.Add(tot.Gross)
		rhs, err2 := sum(tot.Fee, tot.Paid, tot.Carried, tot.Withheld)
		if err1 != nil || err2 != nil || lhs != rhs {
			broken = append(broken, tot.Currency.String())
		}
		tt.Row(tot.Currency.String(), strconv.FormatInt(tot.Count, 10), loc.Format(tot.Gross), loc.Format(tot.Fee),
			loc.Format(tot.Paid), loc.Format(tot.Carried), loc.Format(tot.Withheld))
	}
	tt.Write(p)
	p.Println()
	if len(broken) > 0 {
		p.Println(fmt.Sprintf(tx.notConserved, strings.Join(broken, ", ")))
	} else {
		p.Printf("%s", textout.Wrap("", tx.conserved, width))
	}
}

func langIndex(l rule.Language) int {
	if l == rule.Swedish {
		return 1
	}
	return 0
}

// outcome names a payout's outcome: paid, carried or withheld.
func outcome(tx text, po payout.Payout) string {
	switch {
	case po.Allowed:
		return tx.outcome[0]
	case po.Reason == payout.ReasonNegativeBalance:
		return tx.outcome[2]
	}
	return tx.outcome[1]
}

// paidOut lists what a paid month pays in each currency, a negative
// balance as a deduction: "SEK 4,850.00 less $58.20".
func paidOut(tx text, l rule.Language, po payout.Payout) string {
	if !po.Allowed {
		return tx.none
	}
	var b strings.Builder
	for _, bal := range po.Balances {
		m := bal.Paid
		if m.Sign() == 0 {
			continue
		}
		switch {
		case b.Len() == 0:
		case m.IsNegative():
			b.WriteString([2]string{" less ", " minus "}[langIndex(l)])
			if neg, err := m.Neg(); err == nil {
				m = neg
			}
		default:
			b.WriteString([2]string{" and ", " och "}[langIndex(l)])
		}
		b.WriteString(tx.locale.Format(m))
	}
	if b.Len() == 0 {
		return tx.none
	}
	return b.String()
}

func sum(ms ...currency.Money) (currency.Money, error) {
	s := ms[0]
	for _, m := range ms[1:] {
		var err error
		if s, err = s.Add(m); err != nil {
			return s, err
		}
	}
	return s, nil
}

// reconcile reconciles an earnings export, streaming it; it returns the
// exit status.
func reconcile(cmd *textout.Command, p *textout.Printer, tx text, l rule.Language, name string, stdin io.Reader) int {
	var in io.Reader
	shown := name
	switch name {
	case "sample":
		in, shown = strings.NewReader(sampleEarnings), "earnings.csv"
	case "-":
		if stdin == nil {
			return cmd.Failf(textout.ExitUsage, "standard input: not available")
		}
		in, shown = stdin, "standard input"
	default:
		f, err := os.Open(name)
		if err != nil {
			return cmd.Failf(textout.ExitUsage, "%s: %v", name, errors.Unwrap(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return cmd.Failf(textout.ExitUsage, "%s: is a directory", name)
		}
		in = f
	}
	t := textout.NewTable(tx.diffCols...).AlignRight(0, 3, 4)
	rows, differ := 0, 0
	var problems rule.Problems
	for r, err := range payout.DefaultPolicy().ReconcileEarnings(in, payout.CSVOptions{Name: shown, MaxBytes: maxExport}) {
		var ps rule.Problems
		if errors.As(err, &ps) {
			problems = append(problems, ps...)
			if errors.Is(err, payout.ErrCSV) || errors.Is(err, payout.ErrLimit) {
				break
			}
			continue
		}
		rows++
		if !r.Allowed {
			differ++
			for _, d := range r.Differences {
				t.Row(strconv.Itoa(r.Line), r.TransactionID, d.Column, localAmount(tx, d.Reported), localAmount(tx, d.Expected), string(d.Rule))
			}
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(cmd.Stderr, "payout-statement: %s: %s\n", shown, plural(len(problems), tx.problems))
		for _, pr := range problems {
			fmt.Fprint(cmd.Stderr, textout.Wrap("  ", pr.Text(l), width))
		}
		if errors.Is(problems, payout.ErrCSV) || errors.Is(problems, payout.ErrLimit) {
			return textout.ExitUsage
		}
		return textout.ExitRule
	}
	if differ == 0 {
		p.Printf("%s", textout.Wrap("", fmt.Sprintf(tx.exportOK, shown, plural(rows, tx.rows)), width))
		return textout.ExitOK
	}
	p.Printf("%s", textout.Wrap("", fmt.Sprintf(tx.exportBad, shown, plural(rows, tx.rows), plural(differ, tx.rows)), width))
	p.Println()
	t.Write(p)
	return textout.ExitRule
}

// localAmount formats "35.00 SEK" in the output's language; other text
// (a month) is returned as it is.
func localAmount(tx text, s string) string {
	if m, err := currency.Parse(s); err == nil {
		return tx.locale.Format(m)
	}
	return s
}

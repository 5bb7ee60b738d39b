// Command price-sheet turns a publisher's USD price list and dated exchange
// rates into the price of every plan in every market, in the market's
// billing currency, the way Partner Center does when the prices are saved
// (PRC-03): it prints the sheet as a table, one row per market with its
// prices written the way the market writes money and how they were
// obtained, or writes it as CSV for editing and importing again.
//
//	go run ./examples/price-sheet                        # the samples beside this file
//	go run ./examples/price-sheet -csv > sheet.csv       # the sheet as CSV
//	go run ./examples/price-sheet -o sheet.csv           # the table, and the CSV in a file
//	go run ./examples/price-sheet -markets SE,NO,JP -lang sv
//	go run ./examples/price-sheet my-prices.csv my-rates.csv
//
// The price list CSV has the columns plan,term,payment,market,price. A row
// without a market is a USD list price, sold in every market (or those of
// -markets); a row with a market is the publisher's own price there, in
// the market's currency ("7700 JPY"), for a list price above it.
//
// The rates CSV has the columns as_of,from,to,rate: from USD, one USD buys
// rate units of to, from the date as_of on. The sheet is saved once on
// each date of the rates file, in order; a price saved once keeps its
// value when later rates arrive (PRC-03), which the output shows.
package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"github.com/marketrules/marketrules/pricing/sheet"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

var (
	//go:embed prices.csv
	samplePrices string
	//go:embed rates.csv
	sampleRates string
)

// maxInput bounds each input file.
const maxInput = 1 << 20

// width is where explanations wrap.
const width = 100

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the sheet, or writes its CSV, and returns the exit status:
// 0, 1 for input the rules reject, 2 for usage and I/O errors.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("price-sheet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "en", "language of the explanations: en or sv")
	csvOut := fs.Bool("csv", false, "write the sheet as CSV to stdout instead of the table")
	outPath := fs.String("o", "", "also write the sheet as CSV to this file")
	only := fs.String("markets", "", "comma-separated market codes to sell in (default: all 141)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: price-sheet [-lang en|sv] [-csv] [-o sheet.csv] [-markets SE,NO,…] [prices.csv [rates.csv]]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(status int, err error) int {
		fmt.Fprintln(stderr, "price-sheet:", err)
		return status
	}
	l, err := textout.Language(*lang)
	if err != nil {
		return fail(2, err)
	}
	markets := market.TransactingSet()
	if *only != "" {
		var err error
		if markets, err = parseMarkets(*only); err != nil {
			return fail(2, err)
		}
	}
	if fs.NArg() > 2 {
		fs.Usage()
		return 2
	}

	inputs := []struct{ name, text string }{{"prices.csv", samplePrices}, {"rates.csv", sampleRates}}
	for i := range fs.NArg() {
		b, err := readFile(fs.Arg(i))
		if err != nil {
			return fail(2, err)
		}
		inputs[i].name, inputs[i].text = fs.Arg(i), string(b)
	}
	plans, err := readPrices(inputs[0].text, inputs[0].name, markets)
	if err != nil {
		return fail(1, err)
	}
	rates, err := sheet.ReadRatesCSV(strings.NewReader(inputs[1].text), inputs[1].name)
	if err != nil {
		return fail(1, err)
	}

	// Save the sheet on each date of the rates, in order, each save
	// starting from the one before (PRC-03).
	list := sheet.PriceList(plans...)
	pol := sheet.DefaultPolicy()
	var saves []sheet.Sheet
	var prev sheet.Sheet
	for _, at := range asOfDates(rates) {
		s, err := pol.Save(prev, list, rates, at)
		var ps rule.Problems
		switch {
		case errors.As(err, &ps):
			fmt.Fprintf(stderr, "price-sheet: saving on %s:\n%s", at.Format(time.DateOnly), ps.Text(l))
			return 1
		case err != nil:
			return fail(1, err)
		}
		saves = append(saves, s)
		prev = s
	}
	if len(saves) == 0 {
		return fail(1, fmt.Errorf("%s: no exchange rates", inputs[1].name))
	}
	final := saves[len(saves)-1]

	if *outPath != "" {
		if err := writeCSVFile(*outPath, final.Rows()); err != nil {
			return fail(2, err)
		}
	}
	if *csvOut {
		if err := sheet.WriteCSV(stdout, final.Rows()); err != nil {
			return fail(2, err)
		}
		return 0
	}
	p := &textout.Printer{W: stdout}
	report(p, list, rates, saves, inputs[0].name, inputs[1].name, l)
	if *outPath != "" {
		p.Printf("\nWrote the sheet, %d rows, to %s.\n", len(final.Prices), *outPath)
	}
	if p.Err() != nil {
		return fail(2, p.Err())
	}
	return 0
}

// report prints the list, the rates, each save and the final sheet.
func report(p *textout.Printer, list []sheet.ListPrice, rates []sheet.DatedRate, saves []sheet.Sheet, pricesName, ratesName string, l rule.Language) {
	first, last := saves[0], saves[len(saves)-1]
	usd := market.US.Market().Locale()

	p.Printf("USD list prices (%s):\n\n", pricesName)
	t := textout.NewTable("Plan", "Term", "Payment", "Price", "Markets", "Publisher's own prices").AlignRight(3, 4)
	for _, lp := range list {
		own := []string{}
		for _, o := range lp.Overrides {
			own = append(own, o.Market.String()+" "+o.Market.Market().Locale().Format(o.Price))
		}
		if len(own) == 0 {
			own = append(own, "—")
		}
		t.Row(lp.Plan, lp.Term.String(), lp.Payment.String(), usd.Format(lp.Price), strconv.Itoa(lp.Markets.Len()), strings.Join(own, ", "))
	}
	t.Write(p)

	dates := asOfDates(rates)
	p.Printf("\nExchange rates (%s; illustrative, not market data): 1 USD buys\n\n", ratesName)
	header := []string{"Currency"}
	for _, d := range dates {
		header = append(header, "from "+d.Format(time.DateOnly))
	}
	t = textout.NewTable(header...)
	for i := range dates {
		t.AlignRight(i + 1)
	}
	for _, c := range sheetCurrencies(last) {
		row := []string{c.String()}
		for _, d := range dates {
			cell := "—"
			for _, r := range rates {
				if r.To == c && r.AsOf.Equal(d) {
					cell = r.Rate.String()
				}
			}
			row = append(row, cell)
		}
		t.Row(row...)
	}
	t.Write(p)

	p.Printf("\nSaved on %s at the rates in force then, each conversion rounded once (%s):\n%s.\n\n",
		first.SavedAt.Format(time.DateOnly), sheet.DefaultPolicy().Rounding, census(first))
	sheetTable(p, list, first)

	for i := 1; i < len(saves); i++ {
		fixed(p, saves[i-1], saves[i], rates)
	}

	p.Println()
	p.Println("How a price was obtained, one of each kind:")
	p.Println()
	seen := map[sheet.PriceSource]bool{}
	for _, lp := range last.Prices {
		if !seen[lp.Source] {
			seen[lp.Source] = true
			p.Printf("%s", textout.Wrap("  ", lp.Explain(l), width))
		}
	}
	p.Println()
	p.Printf("%s", textout.Wrap(string(rule.PRC03)+": ", rule.PRC03.Statement(l), width))
}

// sheetTable prints one row per market, grouped by billing currency: each
// list price in the market's currency, written as the market writes
// money, and how the row's prices were obtained.
func sheetTable(p *textout.Printer, list []sheet.ListPrice, s sheet.Sheet) {
	header := []string{"Currency", "Market"}
	for _, lp := range list {
		header = append(header, lp.Plan+" "+lp.Term.String())
	}
	header = append(header, "How")
	t := textout.NewTable(header...)
	for i := range list {
		t.AlignRight(i + 2)
	}
	var lastCurrency currency.Code
	var lastHow string
	overrides := 0
	for _, code := range sheetMarkets(s) {
		m := code.Market()
		loc := m.Locale()
		row := []string{"", code.String() + " " + m.Name}
		if m.Currency != lastCurrency {
			row[0] = m.Currency.String()
			lastCurrency, lastHow = m.Currency, ""
		}
		var how string
		own := false
		for _, lp := range list {
			price, ok := s.Lookup(code, lp.Plan, lp.Term, lp.Payment)
			switch {
			case !ok:
				row = append(row, "—")
				continue
			case price.Source == sheet.SourceOverride:
				row = append(row, loc.Format(price.Price)+"*")
				own = true
				overrides++
				continue
			}
			row = append(row, loc.Format(price.Price)+" ")
			if how == "" {
				how = describe(price)
			}
		}
		shown := how
		if how == lastHow {
			shown = "" // as the row above
		}
		lastHow = how
		if own {
			shown = strings.TrimPrefix(shown+"; * the publisher's own", "; ")
		}
		t.Row(append(row, shown)...)
	}
	t.Write(p)
	if overrides > 0 {
		p.Println()
		p.Println("  * set by the publisher for the market, who owns it (PRC-03); not converted.")
	}
}

// describe says how a converted or list price was obtained, briefly.
func describe(lp sheet.LocalPrice) string {
	switch lp.Source {
	case sheet.SourceConverted:
		return fmt.Sprintf("converted at %s %s/USD of %s", lp.Rate.Rate, lp.Rate.To, lp.Rate.AsOf.Format(time.DateOnly))
	case sheet.SourceList:
		return "USD list price"
	}
	return lp.Source.String()
}

// fixed shows that saving again with later rates changes no saved price:
// for the first list price in each currency, what it would be at the later
// rate, and what it stays.
func fixed(p *textout.Printer, before, after sheet.Sheet, rates []sheet.DatedRate) {
	changed := 0
	for _, lp := range after.Prices {
		old, ok := before.Lookup(lp.Market, lp.Plan, lp.Term, lp.Payment)
		if !ok || old.Price != lp.Price {
			changed++
		}
	}
	at := after.SavedAt.Format(time.DateOnly)
	p.Printf("\nSaved again on %s, at the rates of that date: %d of %d prices changed. A price is fixed once\n", at, changed, len(after.Prices))
	p.Println("saved (PRC-03); only a new plan, term or market, or a changed USD price, would be converted at the")
	p.Println("later rate. The first price in each currency:")
	p.Println()
	t := textout.NewTable("Market", "Plan", "List price", "Rate then", "Stays", "Later rate", "Would be").AlignRight(2, 3, 4, 5, 6)
	var done []currency.Code
	for _, lp := range after.Prices {
		if lp.Source != sheet.SourceConverted || slices.Contains(done, lp.Rate.To) {
			continue
		}
		now, ok := sheet.RateAt(rates, lp.Rate.To, after.SavedAt)
		if !ok || now.Rate == lp.Rate.Rate {
			continue
		}
		c, err := now.Convert(lp.USD, lp.Rounding)
		if err != nil {
			continue
		}
		done = append(done, lp.Rate.To)
		loc := lp.Market.Market().Locale()
		t.Row(lp.Market.String()+" "+lp.Market.Market().Name, lp.Plan+" "+lp.Term.String(), market.US.Market().Locale().Format(lp.USD),
			lp.Rate.Rate.String(), loc.Format(lp.Price), now.Rate.String(), loc.Format(c.To))
	}
	t.Write(p)
}

// census counts a sheet's prices by how they were obtained.
func census(s sheet.Sheet) string {
	n := map[sheet.PriceSource]int{}
	for _, lp := range s.Prices {
		n[lp.Source]++
	}
	return fmt.Sprintf("%d prices in %d markets: %d converted, %d the USD list price, %d the publisher's own",
		len(s.Prices), len(sheetMarkets(s)), n[sheet.SourceConverted], n[sheet.SourceList], n[sheet.SourceOverride])
}

// sheetMarkets returns the markets of a sheet, by billing currency (USD
// last: the list prices themselves) and then by code.
func sheetMarkets(s sheet.Sheet) []market.Code {
	var set market.Set
	for _, lp := range s.Prices {
		set.Add(lp.Market)
	}
	codes := slices.Collect(set.All())
	slices.SortStableFunc(codes, func(a, b market.Code) int {
		ca, cb := a.Market().Currency, b.Market().Currency
		if (ca == currency.USD) != (cb == currency.USD) {
			if ca == currency.USD {
				return 1
			}
			return -1
		}
		return strings.Compare(ca.String(), cb.String())
	})
	return codes
}

// sheetCurrencies returns the billing currencies other than USD of a
// sheet's markets, in code order.
func sheetCurrencies(s sheet.Sheet) []currency.Code {
	var cs []currency.Code
	for _, code := range sheetMarkets(s) {
		if c := code.Market().Currency; c != currency.USD && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	return cs
}

// asOfDates returns the distinct as-of instants of rates, in order.
func asOfDates(rates []sheet.DatedRate) []time.Time {
	var ds []time.Time
	for _, r := range rates {
		if !slices.ContainsFunc(ds, r.AsOf.Equal) {
			ds = append(ds, r.AsOf)
		}
	}
	slices.SortFunc(ds, time.Time.Compare)
	return ds
}

// readPrices reads the price list CSV into plans sold in markets.
func readPrices(text, name string, markets market.Set) ([]plan.Plan, error) {
	rows, err := textout.ReadCSV(text, name, "plan,term,payment,market,price")
	if err != nil {
		return nil, err
	}
	var plans []plan.Plan
	var errs []error
	for i, f := range rows {
		line := i + 2
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s line %d: "+format, append([]any{name, line}, args...)...))
		}
		id := f[0]
		if !plan.ValidID(id) {
			bad("plan: %q is not a plan ID: lowercase letters, digits, hyphens and underscores (PLN-01)", id)
		}
		term, err := plan.ParseTerm(f[1])
		if err != nil {
			bad("term: %v", err)
		}
		var pay plan.PaymentOption
		if err := pay.UnmarshalText([]byte(f[2])); err != nil {
			bad("payment: %v", err)
		}
		price, err := currency.Parse(f[4])
		if err != nil {
			bad("price: %v", err)
			continue
		}
		k := slices.IndexFunc(plans, func(p plan.Plan) bool { return p.ID == id })
		if f[3] == "" {
			if price.Code() != currency.USD {
				bad("a list price is in USD, not %s (PRC-03)", price.Code())
				continue
			}
			if k < 0 {
				plans = append(plans, plan.Plan{ID: id, Markets: markets, Pricing: plan.Pricing{Model: plan.FlatRate}})
				k = len(plans) - 1
			}
			plans[k].Pricing.Terms = append(plans[k].Pricing.Terms, plan.TermPrice{Term: term, Payment: pay, Price: price})
			continue
		}
		code, err := market.Parse(f[3])
		if err != nil {
			bad("market: %v", err)
			continue
		}
		j := -1
		if k >= 0 {
			j = slices.IndexFunc(plans[k].Pricing.Terms, func(tp plan.TermPrice) bool { return tp.Term == term && tp.Payment == pay })
		}
		if j < 0 {
			bad("a price for %s needs the list price of %s %s %s on a line above", code, id, f[1], f[2])
			continue
		}
		if !markets.Has(code) {
			continue // not sold there: -markets left it out
		}
		tp := &plans[k].Pricing.Terms[j]
		tp.Markets = append(tp.Markets, plan.MarketPrice{Market: code, Price: price})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(plans) == 0 {
		return nil, fmt.Errorf("%s: no list prices", name)
	}
	return plans, nil
}

// parseMarkets reads "SE,NO,JP".
func parseMarkets(s string) (market.Set, error) {
	var set market.Set
	for f := range strings.SplitSeq(s, ",") {
		code, err := market.Parse(strings.TrimSpace(f))
		if err != nil {
			return market.Set{}, err
		}
		set.Add(code)
	}
	return set, nil
}

// readFile reads a file of at most maxInput bytes.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxInput+1))
	if err == nil && len(b) > maxInput {
		err = fmt.Errorf("%s: larger than %d bytes", path, maxInput)
	}
	return b, err
}

// writeCSVFile writes the sheet's rows to a new file at path.
func writeCSVFile(path string, rows []sheet.Row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := sheet.WriteCSV(f, rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

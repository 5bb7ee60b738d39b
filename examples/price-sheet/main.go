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
//
// Either file may be "-", standard input; a header in any case and a
// UTF-8 byte order mark (as Excel writes) are accepted. The program exits
// with status 0; 1 when an input breaks a rule (every problem printed with
// its line and column); and 2 when the command line is wrong or an input
// cannot be read (missing, a directory, too long, malformed CSV, a wrong
// header). The table wraps to stay under 100 columns.
package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/pricing/sheet/sheetxlsx"
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
const width = 99

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run prints the sheet, or writes its CSV, and returns the exit status:
// 0; 1 for input that breaks a rule; 2 for a wrong command line or an
// input that cannot be read (missing, a directory, too long, malformed
// CSV), and for a failure to write.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := textout.NewCommand("price-sheet",
		"turns a USD price list and dated exchange rates into the price of every plan in every market, as Partner Center saves them (PRC-03).",
		"[-lang en|sv] [-csv] [-o sheet.csv] [-xlsx sheet.xlsx] [-import edited.xlsx] [-markets SE,NO,…] [prices.csv|- [rates.csv|-]]", stdout, stderr)
	cmd.LanguageFlag()
	csvOut := cmd.Flags.Bool("csv", false, "write the sheet as CSV to stdout instead of the table")
	outPath := cmd.Flags.String("o", "", "also write the sheet as CSV to this file")
	xlsxOut := cmd.Flags.String("xlsx", "", "also write the sheet as an Excel workbook (.xlsx) to this file")
	importPath := cmd.Flags.String("import", "", "import the publisher's edited sheet (.xlsx by extension, else CSV) into the saved one")
	only := cmd.Flags.String("markets", "", "comma-separated market codes to sell in (default: all 141)")
	l, ok, status := cmd.Parse(args)
	if !ok {
		return status
	}
	markets := market.TransactingSet()
	if *only != "" {
		var err error
		if markets, err = parseMarkets(*only); err != nil {
			return cmd.Usagef("-markets: %v", err)
		}
	}
	if cmd.Flags.NArg() > 2 {
		return cmd.Usagef("at most two files (prices.csv and rates.csv), not %d", cmd.Flags.NArg())
	}
	if cmd.Flags.NArg() == 2 && cmd.Flags.Arg(0) == "-" && cmd.Flags.Arg(1) == "-" {
		return cmd.Usagef("standard input (-) can be read once only")
	}

	inputs := []struct{ name, text string }{{"prices.csv", samplePrices}, {"rates.csv", sampleRates}}
	for i, name := range cmd.Flags.Args() {
		b, err := textout.ReadInput(name, stdin, maxInput)
		if err != nil {
			return cmd.Failf(textout.ExitUsage, "%v", err)
		}
		if name == "-" {
			name = "standard input"
		}
		inputs[i].name, inputs[i].text = name, string(b)
	}
	plans, err := readPrices(inputs[0].text, inputs[0].name, markets, l)
	var ps rule.Problems
	switch {
	case errors.As(err, &ps):
		return cmd.Problems(l, inputs[0].name, err)
	case err != nil:
		return cmd.Failf(textout.ExitUsage, "%v", err) // malformed CSV
	}
	rates, err := sheet.ReadRatesCSV(strings.NewReader(inputs[1].text), inputs[1].name)
	if err != nil {
		return cmd.Problems(l, inputs[1].name, err, sheet.ErrCSV, sheet.ErrLimit)
	}
	if len(rates) == 0 {
		return cmd.Failf(textout.ExitRule, "%s: %s", inputs[1].name,
			textout.Say(l, "no exchange rates (PRC-03)", "inga växelkurser (PRC-03)"))
	}

	// Save the sheet on each date of the rates, in order, each save
	// starting from the one before (PRC-03).
	list := sheet.PriceList(plans...)
	pol := sheet.DefaultPolicy()
	var saves []sheet.Sheet
	var prev sheet.Sheet
	for _, at := range asOfDates(rates) {
		s, err := pol.Save(prev, list, rates, at)
		if err != nil {
			return cmd.Problems(l, textout.Say(l, "saving on ", "när prisbladet sparades ")+at.Format(time.DateOnly), err)
		}
		saves = append(saves, s)
		prev = s
	}
	final := saves[len(saves)-1]
	var changed []string
	if *importPath != "" {
		if final, changed, err = importSheet(*importPath, list, final); err != nil {
			if !errors.As(err, &ps) {
				return cmd.Failf(textout.ExitUsage, "-import: %v", err)
			}
			return cmd.Problems(l, *importPath, err, sheet.ErrCSV, sheet.ErrLimit, sheetxlsx.ErrXLSX)
		}
		saves[len(saves)-1] = final
	}
	if *xlsxOut != "" {
		if err := writeXLSXFile(*xlsxOut, final); err != nil {
			return cmd.Failf(textout.ExitUsage, "-xlsx: %v", err)
		}
	}

	if *outPath != "" {
		if err := writeCSVFile(*outPath, final.Rows()); err != nil {
			return cmd.Failf(textout.ExitUsage, "-o: %v", err)
		}
	}
	if *csvOut {
		if err := sheet.WriteCSV(stdout, final.Rows()); err != nil {
			return cmd.Failf(textout.ExitUsage, "writing: %v", err)
		}
		return textout.ExitOK
	}
	p := &textout.Printer{W: stdout}
	report(p, list, rates, saves, inputs[0].name, inputs[1].name, l)
	if *outPath != "" {
		p.Printf(textout.Say(l, "\nWrote the sheet, %s, to %s.\n", "\nSkrev prisbladet, %s, till %s.\n"),
			textout.Plural(len(final.Prices), textout.Say(l, "row", "rad"), textout.Say(l, "rows", "rader")), *outPath)
	}
	reportXLSX(p, l, len(final.Prices), *xlsxOut, *importPath, changed)
	if p.Err() != nil {
		return cmd.Failf(textout.ExitUsage, "writing: %v", p.Err())
	}
	return textout.ExitOK
}

// report prints the list, the rates, each save and the final sheet.
func report(p *textout.Printer, list []sheet.ListPrice, rates []sheet.DatedRate, saves []sheet.Sheet, pricesName, ratesName string, l rule.Language) {
	say := func(en, sv string) string { return textout.Say(l, en, sv) }
	first, last := saves[0], saves[len(saves)-1]
	usd := market.US.Market().Locale()

	p.Printf(say("USD list prices (%s):\n\n", "Listpriser i USD (%s):\n\n"), pricesName)
	t := textout.NewTable(say("Plan", "Plan"), say("Term", "Period"), say("Payment", "Betalning"), say("Price", "Pris"),
		say("Markets", "Marknader"), say("Publisher's own prices", "Utgivarens egna priser")).AlignRight(3, 4)
	for _, lp := range list {
		own := []string{}
		for _, o := range lp.Overrides {
			own = append(own, o.Market.String()+" "+textout.Money(o.Market.Market().Locale(), o.Price))
		}
		if len(own) == 0 {
			own = append(own, "—")
		}
		t.Row(lp.Plan, lp.Term.String(), payment(l, lp.Payment), usd.Format(lp.Price), strconv.Itoa(lp.Markets.Len()), strings.Join(own, ", "))
	}
	t.Write(p)

	dates := asOfDates(rates)
	p.Printf(say("\nExchange rates (%s; illustrative, not market data): 1 USD buys\n\n",
		"\nVäxelkurser (%s; exempel, inte marknadsdata): 1 USD köper\n\n"), ratesName)
	header := []string{say("Currency", "Valuta")}
	for _, d := range dates {
		header = append(header, say("from ", "från ")+d.Format(time.DateOnly))
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
					cell = textout.Number(l, r.Rate.String())
				}
			}
			row = append(row, cell)
		}
		t.Row(row...)
	}
	t.WriteWidth(p, width, 1)

	p.Println()
	p.Printf("%s", textout.Wrap("", fmt.Sprintf(say("Saved on %s at the rates in force then, each conversion rounded once (%s): %s.",
		"Sparat %s till de kurser som gällde då, varje omräkning avrundad en gång (%s): %s."),
		first.SavedAt.Format(time.DateOnly), textout.Rounding(l, sheet.DefaultPolicy().Rounding), census(first, l)), width))
	p.Printf("%s", textout.Wrap("", say("Each price in another currency than USD is converted at its currency's rate above; "+
		"the USD markets pay the list price; * marks the publisher's own price for the market, which is not converted (PRC-03).",
		"Varje pris i en annan valuta än USD är omräknat till valutans kurs ovan; marknaderna i USD betalar listpriset; "+
			"* markerar utgivarens eget pris för marknaden, som inte räknas om (PRC-03)."), width))
	p.Println()
	sheetTable(p, list, first, l)

	for i := 1; i < len(saves); i++ {
		fixed(p, saves[i-1], saves[i], rates, l)
	}

	p.Println()
	p.Println(say("How a price was obtained, one of each kind:", "Hur ett pris togs fram, ett av varje slag:"))
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

// payment names a payment option in l.
func payment(l rule.Language, o plan.PaymentOption) string {
	switch o {
	case plan.Upfront:
		return textout.Say(l, "upfront", "i förskott")
	case plan.Monthly:
		return textout.Say(l, "monthly", "månadsvis")
	}
	return o.String()
}

// sheetTable prints one row per market, grouped by billing currency: each
// list price in the market's currency, written as the market writes
// money, in parts that fit in 100 columns.
func sheetTable(p *textout.Printer, list []sheet.ListPrice, s sheet.Sheet, l rule.Language) {
	header := []string{textout.Say(l, "Currency", "Valuta"), textout.Say(l, "Market", "Marknad")}
	for _, lp := range list {
		header = append(header, lp.Plan+" "+lp.Term.String())
	}
	t := textout.NewTable(header...)
	for i := range list {
		t.AlignRight(i + 2)
	}
	var lastCurrency currency.Code
	for _, code := range sheetMarkets(s) {
		m := code.Market()
		loc := m.Locale()
		row := []string{"", code.String() + " " + m.Label().Format(l)}
		if m.Currency != lastCurrency {
			row[0] = m.Currency.String()
			lastCurrency = m.Currency
		}
		for _, lp := range list {
			price, ok := s.Lookup(code, lp.Plan, lp.Term, lp.Payment)
			switch {
			case !ok:
				row = append(row, "—")
			case price.Source == sheet.SourceOverride:
				row = append(row, textout.Money(loc, price.Price)+"*")
			default:
				row = append(row, textout.Money(loc, price.Price)+" ")
			}
		}
		t.Row(row...)
	}
	t.WriteWidth(p, width, 2)
}

// fixed shows that saving again with later rates changes no saved price:
// for the first list price in each currency, what it would be at the later
// rate, and what it stays.
func fixed(p *textout.Printer, before, after sheet.Sheet, rates []sheet.DatedRate, l rule.Language) {
	say := func(en, sv string) string { return textout.Say(l, en, sv) }
	changed := 0
	for _, lp := range after.Prices {
		old, ok := before.Lookup(lp.Market, lp.Plan, lp.Term, lp.Payment)
		if !ok || old.Price != lp.Price {
			changed++
		}
	}
	at := after.SavedAt.Format(time.DateOnly)
	p.Println()
	p.Printf("%s", textout.Wrap("", fmt.Sprintf(say("Saved again on %s, at the rates of that date: %d of %s changed. "+
		"A price is fixed once saved (PRC-03); only a new plan, term or market, or a changed USD price, "+
		"would be converted at the later rate. The first price in each currency:",
		"Sparat igen %s, till kurserna den dagen: %d av %s ändrades. Ett pris ligger fast när det har sparats (PRC-03); "+
			"bara en ny plan, period eller marknad, eller ett ändrat USD-pris, skulle räknas om till den senare kursen. "+
			"Det första priset i varje valuta:"),
		at, changed, textout.Plural(len(after.Prices), say("price", "pris"), say("prices", "priser"))), width))
	p.Println()
	t := textout.NewTable(say("Market", "Marknad"), say("Plan", "Plan"), say("List price", "Listpris"), say("Rate then", "Kurs då"),
		say("Stays", "Förblir"), say("Later rate", "Senare kurs"), say("Would be", "Skulle bli")).AlignRight(2, 3, 4, 5, 6)
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
		t.Row(lp.Market.String()+" "+lp.Market.Market().Label().Format(l), lp.Plan+" "+lp.Term.String(), market.US.Market().Locale().Format(lp.USD),
			textout.Number(l, lp.Rate.Rate.String()), textout.Money(loc, lp.Price), textout.Number(l, now.Rate.String()), textout.Money(loc, c.To))
	}
	t.WriteWidth(p, width, 1)
}

// census counts a sheet's prices by how they were obtained.
func census(s sheet.Sheet, l rule.Language) string {
	n := map[sheet.PriceSource]int{}
	for _, lp := range s.Prices {
		n[lp.Source]++
	}
	say := func(en, sv string) string { return textout.Say(l, en, sv) }
	return fmt.Sprintf(say("%s in %s: %d converted, %d the USD list price, %d the publisher's own",
		"%s på %s: %d omräknade, %d listpriset i USD, %d utgivarens egna"),
		textout.Plural(len(s.Prices), say("price", "pris"), say("prices", "priser")),
		textout.Plural(len(sheetMarkets(s)), say("market", "marknad"), say("markets", "marknader")),
		n[sheet.SourceConverted], n[sheet.SourceList], n[sheet.SourceOverride])
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

// Problems in the price list, in English and Swedish.
var (
	msgPlanID   = rule.Message{English: "%q is not a plan ID: lowercase letters, digits, hyphens and underscores", Swedish: "%q är inget plan-ID: gemener, siffror, bindestreck och understreck"}
	msgTerm     = rule.Message{English: "%q is not a term (P1M, P1Y, P2Y, P3Y, …)", Swedish: "%q är ingen period (P1M, P1Y, P2Y, P3Y, …)"}
	msgPayment  = rule.Message{English: "%q is not a payment option (upfront or monthly)", Swedish: "%q är inget betalningssätt (upfront eller monthly)"}
	msgPrice    = rule.Message{English: "%q is not an amount with its currency (\"10.00 USD\")", Swedish: "%q är inget belopp med valuta (\"10.00 USD\")"}
	msgListUSD  = rule.Message{English: "a list price is in USD, not %s", Swedish: "ett listpris är i USD, inte %s"}
	msgMarket   = rule.Message{English: "%q is not a market code", Swedish: "%q är ingen marknadskod"}
	msgNoList   = rule.Message{English: "a price for %s needs the list price of %s %s %s on a line above", Swedish: "ett pris för %s kräver listpriset för %s %s %s på en rad ovanför"}
	msgNoPrices = rule.Message{English: "no list prices", Swedish: "inga listpriser"}
)

// readPrices reads the price list CSV into plans sold in markets. Rows
// that break a rule are rule.Problems, each at its line and column; a
// CSV that cannot be read is a plain error.
func readPrices(text, name string, markets market.Set, l rule.Language) ([]plan.Plan, error) {
	rows, err := textout.ReadRows(text, name, "plan,term,payment,market,price")
	if err != nil {
		return nil, err
	}
	var plans []plan.Plan
	var ps rule.Problems
	for _, row := range rows {
		f := row.Fields
		bad := func(id rule.ID, column string, msg rule.Message, args ...any) {
			ps = append(ps, rule.Problem{Rule: id, Path: fmt.Sprintf(textout.Say(l, "%s line %d, column %s", "%s rad %d, kolumn %s"), name, row.Line, column), Message: msg, Args: args})
		}
		id := f[0]
		ok := true
		if !plan.ValidID(id) {
			bad(rule.PLN01, "plan", msgPlanID, id)
			ok = false
		}
		term, err := plan.ParseTerm(f[1])
		if err != nil {
			bad("", "term", msgTerm, f[1])
			ok = false
		}
		var pay plan.PaymentOption
		if err := pay.UnmarshalText([]byte(f[2])); err != nil {
			bad("", "payment", msgPayment, f[2])
			ok = false
		}
		price, err := currency.Parse(f[4])
		if err != nil {
			bad("", "price", msgPrice, f[4])
			continue
		}
		if !ok {
			continue
		}
		k := slices.IndexFunc(plans, func(p plan.Plan) bool { return p.ID == id })
		if f[3] == "" {
			if price.Code() != currency.USD {
				bad(rule.PRC03, "price", msgListUSD, price.Code())
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
			bad("", "market", msgMarket, f[3])
			continue
		}
		j := -1
		if k >= 0 {
			j = slices.IndexFunc(plans[k].Pricing.Terms, func(tp plan.TermPrice) bool { return tp.Term == term && tp.Payment == pay })
		}
		if j < 0 {
			bad(rule.PRC03, "market", msgNoList, code, id, f[1], f[2])
			continue
		}
		if !markets.Has(code) {
			continue // not sold there: -markets left it out
		}
		tp := &plans[k].Pricing.Terms[j]
		tp.Markets = append(tp.Markets, plan.MarketPrice{Market: code, Price: price})
	}
	if len(ps) == 0 && len(plans) == 0 {
		ps = append(ps, rule.Problem{Rule: rule.PRC03, Message: msgNoPrices})
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return plans, nil
}

// parseMarkets reads "SE,NO,JP".
func parseMarkets(s string) (market.Set, error) {
	var set market.Set
	for f := range strings.SplitSeq(s, ",") {
		code, err := market.Parse(strings.TrimSpace(f))
		if err != nil {
			return market.Set{}, fmt.Errorf("%q is not a market code", strings.TrimSpace(f))
		}
		set.Add(code)
	}
	return set, nil
}

// writeCSVFile writes the sheet's rows to a new file at path.
func writeCSVFile(path string, rows []sheet.Row) error {
	f, err := os.Create(path)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", path, pe.Err) // not "open path: …"
	}
	if err != nil {
		return err
	}
	if err := sheet.WriteCSV(f, rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Command quickstart is a tour of marketrules, a few lines per package:
// it parses amounts exactly, converts a USD list price into the billing
// currency of eight markets at stated exchange rates, formats each price
// the way the market writes money, and splits amounts without losing a
// cent (currency, market, rule); then it validates a tiny offer (offer),
// quotes its plan (pricing), runs a free trial to its conversion (trial),
// decides a refund (refund) and takes the store service fee (payout), each
// decision with its rule and its explanation.
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -lang sv     # all of it in Swedish
//
// It reads no input; -h says how to call it. It exits with status 0, and
// with status 2 for a wrong command line.
//
// The exchange rates are hard-coded and illustrative: the library never
// fetches anything, the caller supplies the rates it has agreed to use.
// The other programs under examples/ go into each area in depth.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
	"github.com/shopspring/decimal"
)

// ratesAsOf is the date the illustrative exchange rates below stand for.
const ratesAsOf = "2026-11-20"

// listPrice is the publisher's list price, per month, in USD.
const listPrice = "49.99 USD"

// usdRates are illustrative exchange rates (1 USD = rate units of the
// market's billing currency), as text, the way a rate file would hold them.
// They are not market data.
var usdRates = []struct{ market, rate string }{
	{"SE", "9.4215"},
	{"DE", "0.8612"},
	{"JP", "154.337"},
	{"GB", "0.7563"},
	{"BR", "5.3318"},
	{"IN", "88.654"},
	{"CH", "0.8021"},
	{"NO", "10.1459"},
}

// width is where explanations wrap.
const width = 99

// rounding is the one rounding step of every conversion.
const rounding = currency.HalfEven

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses the command line, writes the tour to stdout and returns the
// exit status.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := textout.NewCommand("quickstart",
		"a tour of marketrules: exact money, prices in eight markets, an offer, a quote, a trial, a refund and the store service fee, each decision with its rule.",
		"[-lang en|sv]", stdout, stderr)
	cmd.LanguageFlag()
	l, ok, status := cmd.Parse(args)
	if !ok {
		return status
	}
	if cmd.Flags.NArg() > 0 {
		return cmd.Usagef("no arguments expected, not %q", cmd.Flags.Arg(0))
	}
	if err := tour(stdout, l); err != nil {
		return cmd.Failf(textout.ExitUsage, "%v", err)
	}
	return textout.ExitOK
}

// tour writes the whole tour to w, in l.
func tour(w io.Writer, l rule.Language) error {
	p := &textout.Printer{W: w}
	p.Println(textout.Say(l, "marketrules quickstart: exact money for the Microsoft commercial marketplace",
		"marketrules snabbstart: exakta belopp för Microsofts kommersiella marknadsplats"))
	for _, section := range []func(*textout.Printer, rule.Language) error{parsing, prices, splitting, offers, quote, trials, refunds, fee} {
		p.Println()
		if err := section(p, l); err != nil {
			return err
		}
	}
	return p.Err()
}

// parsing shows that text becomes an exact number of minor units, and that
// text which is not exact in its currency is rejected rather than rounded.
func parsing(p *textout.Printer, l rule.Language) error {
	p.Println(textout.Say(l, "1. Parsing: text becomes an exact number of minor units",
		"1. Tolkning: text blir ett exakt antal minsta enheter"))
	p.Println()
	t := textout.NewTable(textout.Say(l, "Call", "Anrop"), textout.Say(l, "Money", "Belopp"), textout.Say(l, "Minor units", "Minsta enheter"))
	t.AlignRight(2)

	for _, s := range []string{listPrice, "1250 JPY", "-0.05 SEK"} {
		m, err := currency.Parse(s)
		if err != nil {
			return err
		}
		t.Row(fmt.Sprintf("Parse(%q)", s), m.String(), fmt.Sprint(m.Minor()))
	}
	amounts := []struct {
		text string
		code currency.Code
	}{
		{"1234.5", currency.EUR},
		{"0.5", currency.BHD},
	}
	for _, a := range amounts {
		m, err := currency.ParseAmount(a.text, a.code)
		if err != nil {
			return err
		}
		t.Row(fmt.Sprintf("ParseAmount(%q, %v)", a.text, a.code), m.String(), fmt.Sprint(m.Minor()))
	}
	t.WriteWidth(p, width, 1)

	// 12.345 is not a whole number of cents: ParseAmount refuses to guess.
	_, err := currency.ParseAmount("12.345", currency.USD)
	if !errors.Is(err, currency.ErrPrecision) {
		return fmt.Errorf("ParseAmount(\"12.345\", USD): got error %v, want one wrapping ErrPrecision", err)
	}
	p.Println()
	if l == rule.Swedish {
		p.Printf("%s", textout.Wrap("", fmt.Sprintf("ParseAmount(%q, USD) ger ett fel, ingen gissning: USD har 2 decimaler (currency.ErrPrecision).", "12.345"), width))
		return nil
	}
	p.Printf("ParseAmount(%q, USD) is an error, not a guess:\n  %v\n", "12.345", err)
	return nil
}

// prices converts the USD list price into each market's billing currency and
// formats it for the market's locale.
func prices(p *textout.Printer, l rule.Language) error {
	price, err := currency.Parse(listPrice)
	if err != nil {
		return err
	}
	p.Printf(textout.Say(l, "2. A list price of %s per month, in the billing currency of %d markets\n",
		"2. Ett listpris på %s per månad, i faktureringsvalutan på %d marknader\n"), amount(l, price), len(usdRates))
	p.Println()
	p.Printf(textout.Say(l, "Exchange rates: illustrative only (not market data), as of %s.\n",
		"Växelkurser: endast exempel (inte marknadsdata), per %s.\n"), ratesAsOf)
	p.Printf(textout.Say(l, "Rounding: %s, once, from the exact product to the currency's minor unit.\n",
		"Avrundning: %s, en gång, från den exakta produkten till valutans minsta enhet.\n"), textout.Rounding(l, rounding))
	p.Println()

	t := textout.NewTable(textout.Say(l, "Market", "Marknad"), textout.Say(l, "Locale", "Språk"), "1 USD =",
		textout.Say(l, "Exact product", "Exakt produkt"), textout.Say(l, "Rounding", "Avrundning"),
		textout.Say(l, "Billed", "Fakturerat"), textout.Say(l, "Formatted", "Formaterat"))
	t.AlignRight(2, 3, 5, 6)
	for _, r := range usdRates {
		code, err := market.Parse(r.market)
		if err != nil {
			return err
		}
		m := code.Market()
		if !m.IsTransacting() || !m.Currency.Valid() {
			return fmt.Errorf("market %v (%s) has no billing currency", code, m.Name)
		}
		rate, err := currency.ParseRate(r.rate)
		if err != nil {
			return err
		}
		x := currency.ExchangeRate{From: price.Code(), To: m.Currency, Rate: rate}
		c, err := x.Convert(price, rounding)
		if err != nil {
			return err
		}
		exact := price.Decimal().Mul(rate.Decimal()) // exact: a product of two decimals
		loc := m.Locale()
		t.Row(
			fmt.Sprintf("%v %s", code, m.Label().Format(l)),
			loc.String(),
			fmt.Sprintf("%s %v", textout.Number(l, c.Rate.Rate.String()), c.Rate.To),
			textout.Number(l, exact.String()),
			textout.Rounding(l, c.Rounding),
			c.To.String(),
			textout.Money(loc, c.To),
		)
	}
	t.WriteWidth(p, width, 1)
	p.Println()
	p.Printf("%s", textout.Wrap(string(rule.PRC03)+": ", rule.PRC03.Statement(l), width))
	return nil
}

// splitting divides amounts into parts that sum back to the whole exactly.
func splitting(p *textout.Printer, l rule.Language) error {
	p.Println(textout.Say(l, "3. Splitting and allocating: the parts always sum to the whole",
		"3. Dela och fördela: delarna blir alltid hela beloppet"))
	p.Println()

	whole, err := currency.Parse("100.00 USD")
	if err != nil {
		return err
	}
	parts, err := whole.Split(3)
	if err != nil {
		return err
	}
	en := currency.MustParseLocale("en-US")
	p.Printf(textout.Say(l, "%s split 3 ways (the leftover cent goes to the first part):\n\n",
		"%s delat i 3 delar (den överblivna centen går till första delen):\n\n"), amount(l, whole))
	t := textout.NewTable(textout.Say(l, "Part", "Del"), textout.Say(l, "Amount", "Belopp"), textout.Say(l, "Formatted (en-US)", "Formaterat (en-US)"))
	t.AlignRight(1, 2)
	for i, part := range parts {
		t.Row(fmt.Sprint(i+1), part.String(), en.Format(part))
	}
	sum, err := total(parts)
	if err != nil {
		return err
	}
	t.Row(textout.Say(l, "Sum", "Summa"), sum.String(), en.Format(sum))
	t.WriteWidth(p, width, 1)
	if sum != whole {
		return fmt.Errorf("split of %v sums to %v", whole, sum)
	}

	odd, err := currency.Parse("99.99 EUR")
	if err != nil {
		return err
	}
	weights := []int64{50, 30, 20}
	alloc, err := odd.Allocate(weights...)
	if err != nil {
		return err
	}
	var weightSum int64
	for _, wt := range weights {
		weightSum += wt
	}
	de := currency.MustParseLocale("de-DE")
	p.Println()
	p.Printf(textout.Say(l, "%s allocated by weights 50/30/20 (largest remainders get the leftover cents):\n\n",
		"%s fördelat med vikterna 50/30/20 (största resterna får de överblivna centen):\n\n"), amount(l, odd))
	t = textout.NewTable(textout.Say(l, "Weight", "Vikt"), textout.Say(l, "Exact share", "Exakt andel"),
		textout.Say(l, "Each share rounded alone", "Varje andel avrundad för sig"), textout.Say(l, "Allocated", "Fördelat"),
		textout.Say(l, "Formatted (de-DE)", "Formaterat (de-DE)"))
	t.AlignRight(0, 1, 2, 3, 4)
	alone := make([]currency.Money, len(weights))
	for i, wt := range weights {
		exact := odd.Decimal().Mul(decimal.NewFromInt(wt)).DivRound(decimal.NewFromInt(weightSum), 6)
		alone[i], err = odd.MulDiv(wt, weightSum, rounding)
		if err != nil {
			return err
		}
		t.Row(fmt.Sprint(wt), textout.Number(l, exact.String()), alone[i].String(), alloc[i].String(), de.Format(alloc[i]))
	}
	aloneSum, err := total(alone)
	if err != nil {
		return err
	}
	allocSum, err := total(alloc)
	if err != nil {
		return err
	}
	t.Row(textout.Say(l, "Sum", "Summa"), textout.Number(l, odd.Amount()), aloneSum.String(), allocSum.String(), de.Format(allocSum))
	t.WriteWidth(p, width, 1)
	if allocSum != odd {
		return fmt.Errorf("allocation of %v sums to %v", odd, allocSum)
	}
	drift, err := aloneSum.Sub(odd)
	if err != nil {
		return err
	}
	p.Println()
	p.Printf("%s", textout.Wrap("", fmt.Sprintf(textout.Say(l, "Rounding each share on its own (%s) gives %s, off by %s; Allocate gives back exactly %s.",
		"Att avrunda varje andel för sig (%s) ger %s, fel med %s; Allocate ger tillbaka exakt %s."),
		textout.Rounding(l, rounding), amount(l, aloneSum), amount(l, drift), amount(l, odd)), width))
	return nil
}

// amount writes m in running text: "49.99 USD" in English, as Parse
// reads it, and "49,99 US$" in Swedish, as Sweden writes money.
func amount(l rule.Language, m currency.Money) string {
	if l == rule.Swedish {
		return textout.Money(currency.MustParseLocale("sv-SE"), m)
	}
	return m.String()
}

// total adds amounts with checked arithmetic.
func total(ms []currency.Money) (currency.Money, error) {
	var sum currency.Money
	for _, m := range ms {
		var err error
		if sum, err = sum.Add(m); err != nil {
			return currency.Money{}, err
		}
	}
	return sum, nil
}

// The tour's offer: a SaaS offer with one plan, priced per month in USD,
// with a one-month free trial. Two things are wrong with it: the plan's ID
// is not an ID, and SaaS plans have no summary.
func tinyOffer() offer.Offer {
	return offer.Offer{
		ID: "contoso-notes", Type: offer.SaaS, SellThroughMicrosoft: true, Listing: offer.GetItNow,
		Plans: []plan.Plan{{
			ID: "Gold Plan", Name: "Gold", Summary: "Notes for teams", Description: "Shared notes for teams.",
			Visibility: plan.Public, Status: plan.Live, Markets: market.SetOf(market.SE, market.US),
			Pricing: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{
				{Term: plan.OneMonth, Payment: plan.Upfront, Price: currency.MustParse(listPrice)},
			}},
			Trial: plan.Trial{Months: 1},
		}},
	}
}

// explain prints a decision: its rule, then its explanation in l,
// wrapped at 100 columns under itself, never inside an amount.
func explain(p *textout.Printer, l rule.Language, id rule.ID, text string) {
	p.Printf("%s", textout.Wrap(fmt.Sprintf("  %-7s ", id), text, width))
}

// offers validates the tiny offer: every problem at once, each with its
// rule and path; then the fixed offer passes.
func offers(p *textout.Printer, l rule.Language) error {
	p.Println(textout.Say(l, "4. An offer (offer): Partner Center's checks, every problem at once",
		"4. Ett erbjudande (offer): Partner Centers kontroller, alla problem på en gång"))
	p.Println()
	o := tinyOffer()
	var ps rule.Problems
	if err := offer.DefaultPolicy().CheckOffer(o); !errors.As(err, &ps) {
		return fmt.Errorf("validating the tiny offer: got %v, want problems", err)
	}
	for _, pr := range ps {
		explain(p, l, pr.Rule, pr.Text(l))
	}
	o.Plans[0] = *gold()
	if err := offer.DefaultPolicy().CheckOffer(o); err != nil {
		return err
	}
	p.Printf(textout.Say(l, "  With the ID %q and no summary, offer %s is valid.\n",
		"  Med ID:t %q och ingen sammanfattning är erbjudandet %s giltigt.\n"), o.Plans[0].ID, o.ID)
	return nil
}

// seRate is the illustrative rate of section 2, for Sweden.
var seRate = currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("9.4215")}

// gold returns the tour's plan, corrected.
func gold() *plan.Plan {
	pl := tinyOffer().Plans[0]
	pl.ID, pl.Summary = "gold", ""
	return &pl
}

// quote prices the plan for a customer in Sweden.
func quote(p *textout.Printer, l rule.Language) error {
	p.Println(textout.Say(l, "5. A quote (pricing): the plan's price for a customer in Sweden",
		"5. En offert (pricing): planens pris för en kund i Sverige"))
	p.Println()
	q, err := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: gold(), Market: market.SE, Term: plan.OneMonth, Rate: seRate})
	if err != nil {
		return err
	}
	explain(p, l, q.Rule, q.Explain(l))
	return nil
}

// trials starts a free trial on January 31 and converts it at its end,
// one calendar month later: February 28, not March 3.
func trials(p *textout.Printer, l rule.Language) error {
	p.Println(textout.Say(l, "6. A free trial (trial): started on January 31, it converts at its end",
		"6. En kostnadsfri provperiod (trial): startad 31 januari, övergår den till betald vid sitt slut"))
	p.Println()
	pol := trial.DefaultPolicy()
	shop := trial.Offering{Type: offer.SaaS, SellThroughMicrosoft: true}
	start := time.Date(2026, time.January, 31, 10, 0, 0, 0, time.UTC)
	t, err := pol.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: gold(), Market: market.SE, Offer: shop})
	if err != nil {
		return err
	}
	if e, ok := t.Effects.Find(trial.StartTrial); ok {
		explain(p, l, e.Rule, e.Explain(l))
	}
	t, err = pol.Apply(t.State, trial.Event{Type: trial.Tick, At: t.State.End})
	if err != nil {
		return err
	}
	if e, ok := t.Effects.Find(trial.StartBilling); ok {
		explain(p, l, e.Rule, e.Explain(l))
	}
	return nil
}

// refunds decides a refund request one second inside the 72-hour window,
// and one at its end.
func refunds(p *textout.Printer, l rule.Language) error {
	p.Println(textout.Say(l, "7. A refund (refund): a SaaS charge within 72 hours of the purchase, and at 72 hours",
		"7. En återbetalning (refund): en SaaS-debitering inom 72 timmar efter köpet, och vid 72 timmar"))
	p.Println()
	bought := time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)
	paid, err := currency.Parse("470.98 SEK")
	if err != nil {
		return err
	}
	for _, after := range []time.Duration{72*time.Hour - time.Second, 72 * time.Hour} {
		d, err := refund.Policy2023().Decide(refund.Request{Charge: refund.SaaS, Term: plan.OneMonth, Start: bought, At: bought.Add(after), Paid: paid})
		if err != nil {
			return err
		}
		explain(p, l, d.Rule, d.Explain(l))
	}
	return nil
}

// fee takes the store service fee from the Swedish monthly price.
func fee(p *textout.Printer, l rule.Language) error {
	p.Println(textout.Say(l, "8. The store service fee (payout): what the publisher is paid",
		"8. Butikstjänstavgiften (payout): vad utgivaren får utbetalt"))
	p.Println()
	license, err := currency.Parse("470.98 SEK")
	if err != nil {
		return err
	}
	f, err := payout.DefaultPolicy().Fee(payout.Transaction{Gross: license, Collected: time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		return err
	}
	explain(p, l, f.Rule, f.Explain(l))
	return nil
}

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
//	go run ./examples/quickstart -lang sv     # the explanations in Swedish
//
// The exchange rates are hard-coded and illustrative: the library never
// fetches anything, the caller supplies the rates it has agreed to use.
// The other programs under examples/ go into each area in depth.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/shopspring/decimal"

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

// rounding is the one rounding step of every conversion.
const rounding = currency.HalfEven

func main() {
	lang := flag.String("lang", "en", "language of the explanations: en or sv")
	flag.Parse()
	l := rule.English
	switch {
	case *lang == "sv":
		l = rule.Swedish
	case *lang != "en" || flag.NArg() > 0:
		fmt.Fprintln(os.Stderr, "usage: quickstart [-lang en|sv]")
		os.Exit(2)
	}
	if err := run(os.Stdout, l); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run writes the whole tour to w, with the decisions explained in l.
func run(w io.Writer, l rule.Language) error {
	p := &textout.Printer{W: w}
	p.Println("marketrules quickstart: exact money for the Microsoft commercial marketplace")
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
func parsing(p *textout.Printer, _ rule.Language) error {
	p.Println("1. Parsing: text becomes an exact number of minor units")
	p.Println()
	t := textout.NewTable("Call", "Money", "Minor units")
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
	t.Write(p)

	// 12.345 is not a whole number of cents: ParseAmount refuses to guess.
	_, err := currency.ParseAmount("12.345", currency.USD)
	if !errors.Is(err, currency.ErrPrecision) {
		return fmt.Errorf("ParseAmount(\"12.345\", USD): got error %v, want one wrapping ErrPrecision", err)
	}
	p.Println()
	p.Printf("ParseAmount(%q, USD) is an error, not a guess:\n  %v\n", "12.345", err)
	return nil
}

// prices converts the USD list price into each market's billing currency and
// formats it for the market's locale.
func prices(p *textout.Printer, _ rule.Language) error {
	price, err := currency.Parse(listPrice)
	if err != nil {
		return err
	}
	p.Printf("2. A list price of %s per month, in the billing currency of %d markets\n", price, len(usdRates))
	p.Println()
	p.Printf("Exchange rates: illustrative only (not market data), as of %s.\n", ratesAsOf)
	p.Printf("Rounding: %s, once, from the exact product to the currency's minor unit.\n", rounding)
	p.Println()

	t := textout.NewTable("Market", "Locale", "1 USD =", "Exact product", "Rounding", "Billed", "Formatted")
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
			fmt.Sprintf("%v %s", code, m.Name),
			loc.String(),
			fmt.Sprintf("%v %v", c.Rate.Rate, c.Rate.To),
			exact.String(),
			c.Rounding.String(),
			c.To.String(),
			loc.Format(c.To),
		)
	}
	t.Write(p)
	p.Println()
	p.Printf("%s: %s\n", rule.PRC03, rule.PRC03.Statement(rule.English))
	p.Printf("%s (sv): %s\n", rule.PRC03, rule.PRC03.Statement(rule.Swedish))
	return nil
}

// splitting divides amounts into parts that sum back to the whole exactly.
func splitting(p *textout.Printer, _ rule.Language) error {
	p.Println("3. Splitting and allocating: the parts always sum to the whole")
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
	p.Printf("%s split 3 ways (the leftover cent goes to the first part):\n\n", whole)
	t := textout.NewTable("Part", "Amount", "Formatted (en-US)")
	t.AlignRight(1, 2)
	for i, part := range parts {
		t.Row(fmt.Sprint(i+1), part.String(), en.Format(part))
	}
	sum, err := total(parts)
	if err != nil {
		return err
	}
	t.Row("Sum", sum.String(), en.Format(sum))
	t.Write(p)
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
	p.Printf("%s allocated by weights 50/30/20 (largest remainders get the leftover cents):\n\n", odd)
	t = textout.NewTable("Weight", "Exact share", "Each share rounded alone", "Allocated", "Formatted (de-DE)")
	t.AlignRight(0, 1, 2, 3, 4)
	alone := make([]currency.Money, len(weights))
	for i, wt := range weights {
		exact := odd.Decimal().Mul(decimal.NewFromInt(wt)).DivRound(decimal.NewFromInt(weightSum), 6)
		alone[i], err = odd.MulDiv(wt, weightSum, rounding)
		if err != nil {
			return err
		}
		t.Row(fmt.Sprint(wt), exact.String(), alone[i].String(), alloc[i].String(), de.Format(alloc[i]))
	}
	aloneSum, err := total(alone)
	if err != nil {
		return err
	}
	allocSum, err := total(alloc)
	if err != nil {
		return err
	}
	t.Row("Sum", odd.Amount(), aloneSum.String(), allocSum.String(), de.Format(allocSum))
	t.Write(p)
	if allocSum != odd {
		return fmt.Errorf("allocation of %v sums to %v", odd, allocSum)
	}
	drift, err := aloneSum.Sub(odd)
	if err != nil {
		return err
	}
	p.Println()
	p.Printf("Rounding each share on its own (%s) gives %s, off by %s; Allocate gives back exactly %s.\n",
		rounding, aloneSum, drift, odd)
	return nil
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

// explain prints a decision: its rule, then its explanation, wrapped at
// 100 columns under itself. It breaks lines only at ASCII spaces, never
// inside an amount ("470,98 kr" has a no-break space).
func explain(p *textout.Printer, id rule.ID, text string) {
	const width, indent = 100, "          "
	line := fmt.Sprintf("  %-7s ", id)
	n := textout.Width(line)
	for i, word := range strings.Split(text, " ") {
		w := textout.Width(word)
		if i > 0 && n+1+w > width {
			p.Println(line)
			line, n = indent+word, len(indent)+w
			continue
		}
		if i > 0 {
			line, n = line+" ", n+1
		}
		line, n = line+word, n+w
	}
	p.Println(line)
}

// offers validates the tiny offer: every problem at once, each with its
// rule and path; then the fixed offer passes.
func offers(p *textout.Printer, l rule.Language) error {
	p.Println("4. An offer (offer): Partner Center's checks, every problem at once")
	p.Println()
	o := tinyOffer()
	var ps rule.Problems
	if err := offer.DefaultPolicy().CheckOffer(o); !errors.As(err, &ps) {
		return fmt.Errorf("validating the tiny offer: got %v, want problems", err)
	}
	for _, pr := range ps {
		explain(p, pr.Rule, pr.Text(l))
	}
	o.Plans[0] = *gold()
	if err := offer.DefaultPolicy().CheckOffer(o); err != nil {
		return err
	}
	p.Printf("  With the ID %q and no summary, offer %s is valid.\n", o.Plans[0].ID, o.ID)
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
	p.Println("5. A quote (pricing): the plan's price for a customer in Sweden")
	p.Println()
	q, err := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: gold(), Market: market.SE, Term: plan.OneMonth, Rate: seRate})
	if err != nil {
		return err
	}
	explain(p, q.Rule, q.Explain(l))
	return nil
}

// trials starts a free trial on January 31 and converts it at its end,
// one calendar month later: February 28, not March 3.
func trials(p *textout.Printer, l rule.Language) error {
	p.Println("6. A free trial (trial): started on January 31, it converts at its end")
	p.Println()
	pol := trial.DefaultPolicy()
	shop := trial.Offering{Type: offer.SaaS, SellThroughMicrosoft: true}
	start := time.Date(2026, time.January, 31, 10, 0, 0, 0, time.UTC)
	t, err := pol.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: gold(), Market: market.SE, Offer: shop})
	if err != nil {
		return err
	}
	if e, ok := t.Effects.Find(trial.StartTrial); ok {
		explain(p, e.Rule, e.Explain(l))
	}
	t, err = pol.Apply(t.State, trial.Event{Type: trial.Tick, At: t.State.End})
	if err != nil {
		return err
	}
	if e, ok := t.Effects.Find(trial.StartBilling); ok {
		explain(p, e.Rule, e.Explain(l))
	}
	return nil
}

// refunds decides a refund request one second inside the 72-hour window,
// and one at its end.
func refunds(p *textout.Printer, l rule.Language) error {
	p.Println("7. A refund (refund): a SaaS charge within 72 hours of the purchase, and at 72 hours")
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
		explain(p, d.Rule, d.Explain(l))
	}
	return nil
}

// fee takes the store service fee from the Swedish monthly price.
func fee(p *textout.Printer, l rule.Language) error {
	p.Println("8. The store service fee (payout): what the publisher is paid")
	p.Println()
	license, err := currency.Parse("470.98 SEK")
	if err != nil {
		return err
	}
	f, err := payout.DefaultPolicy().Fee(payout.Transaction{Gross: license, Collected: time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		return err
	}
	explain(p, f.Rule, f.Explain(l))
	return nil
}

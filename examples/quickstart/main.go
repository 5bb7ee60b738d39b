// Command quickstart is a tour of the currency and market packages: it parses
// amounts exactly, converts a USD list price into the billing currency of
// eight markets at stated exchange rates, formats each price the way the
// market writes money, and splits amounts without losing a cent.
//
//	go run ./examples/quickstart
//
// The exchange rates are hard-coded and illustrative: the library never
// fetches anything, the caller supplies the rates it has agreed to use.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/shopspring/decimal"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
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
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run writes the whole tour to w.
func run(w io.Writer) error {
	p := &textout.Printer{W: w}
	p.Println("marketrules quickstart: exact money for the Microsoft commercial marketplace")
	for _, section := range []func(*textout.Printer) error{parsing, prices, splitting} {
		p.Println()
		if err := section(p); err != nil {
			return err
		}
	}
	return p.Err()
}

// parsing shows that text becomes an exact number of minor units, and that
// text which is not exact in its currency is rejected rather than rounded.
func parsing(p *textout.Printer) error {
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
func prices(p *textout.Printer) error {
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
func splitting(p *textout.Printer) error {
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

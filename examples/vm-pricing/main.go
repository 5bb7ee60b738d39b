// Command vm-pricing prices a virtual machine offer the way the marketplace
// bills it (EXT-07): the hourly software price of each VM size in a few
// markets, a month of usage charged by the minute, 1- and 3-year software
// reservations with what they save, and the store service fee, which
// Microsoft takes from the software price only, keeping all of the Azure
// infrastructure (PAY-05, EXT-10). A bring-your-own-license plan shows no
// software charge at all (PRC-01).
//
//	go run ./examples/vm-pricing                       # the samples beside this file
//	go run ./examples/vm-pricing -lang sv -market NO
//	go run ./examples/vm-pricing -markets US,AU,CH -usage my-usage.csv
//	go run ./examples/vm-pricing my-offer.json
//	cat usage.csv | go run ./examples/vm-pricing -usage -
//
// The sample offers (offer.json, and offer-byol.json: a BYOL plan is an
// offer of its own, since all plans of an offer share a pricing model,
// OFR-06) price a 1-vCPU firewall at 1.00 USD an hour, the worked examples
// of Microsoft's "Commercial marketplace transact capabilities" (2022-08-05:
// the fee) and "Plan a virtual machine offer" (2022-08-22: reservations).
// The usage CSV has the columns vm,plan,vcpus,runtime (a Go duration,
// "412h37m30s"); the rates CSV as_of,from,to,rate, as in
// examples/price-sheet. A header in any case and a UTF-8 byte order mark
// are accepted; "-" reads a file from standard input.
//
// The program exits with status 0; 1 when an input breaks a rule (an
// invalid offer, a bad usage row, a missing exchange rate), printing every
// problem with its place; and 2 when the command line is wrong or an input
// cannot be read (missing, a directory, too long, malformed CSV or JSON).
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/rule"
)

var (
	//go:embed offer.json
	sampleOffer string
	//go:embed offer-byol.json
	sampleBYOL string
	//go:embed usage.csv
	sampleUsage string
	//go:embed rates.csv
	sampleRates string
)

// The month of usage, its billing and the fee's collection.
var (
	month     = time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	collected = time.Date(2026, time.April, 3, 0, 0, 0, 0, payout.PST())
)

// infrastructure is the Azure compute of a 1-vCPU VM (D1), per hour, in
// "Commercial marketplace transact capabilities": billed by Microsoft
// alongside the software, and all of it Microsoft's.
var infrastructure = currency.MustParse("0.14 USD")

// maxInput bounds each input file.
const maxInput = 1 << 20

// width is where explanations wrap.
const width = 99

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// vmPlan is a plan with the ID of its offer.
type vmPlan struct {
	offer string
	plan  *plan.Plan
}

// vmRun is one VM's runtime in the month.
type vmRun struct {
	vm, plan string
	usage    pricing.VMUsage
}

// input is an input's name and text.
type input struct{ name, text string }

// ratesFile names the rates input in the errors of the sections.
var ratesFile = "rates.csv"

// errNoRate is a rate the rates file lacks.
type errNoRate struct {
	file string
	c    currency.Code
	m    market.Code
}

func (e errNoRate) Error() string {
	return fmt.Sprintf("%s: no USD → %s exchange rate, needed for %s", e.file, e.c, e.m.Market().Name)
}

// run prints the offer's prices and returns the exit status: 0; 1 for
// input that breaks a rule; 2 for a wrong command line, an input that
// cannot be read or a failure to write.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := textout.NewCommand("vm-pricing",
		"prices a virtual machine offer as the marketplace bills it: the hourly software price by size, a month of usage by the minute, software reservations and the store service fee.",
		"[-lang en|sv] [-market SE] [-markets US,SE,…] [-usage usage.csv|-] [-rates rates.csv|-] [offer.json|- …]", stdout, stderr)
	cmd.LanguageFlag()
	home := cmd.Flags.String("market", "SE", "the customer's market, for the month of usage")
	shown := cmd.Flags.String("markets", "US,SE,DE,JP,GB", "comma-separated markets for the hourly prices")
	usagePath := cmd.Flags.String("usage", "", "CSV of VM runtimes (vm,plan,vcpus,runtime), - for standard input; default: the sample")
	ratesPath := cmd.Flags.String("rates", "", "CSV of USD exchange rates (as_of,from,to,rate), - for standard input; default: the sample")
	l, ok, status := cmd.Parse(args)
	if !ok {
		return status
	}
	customer, err := market.Parse(*home)
	if err != nil {
		return cmd.Usagef("-market: %q is not a market code", *home)
	}
	var markets []market.Code
	for f := range strings.SplitSeq(*shown, ",") {
		code, err := market.Parse(strings.TrimSpace(f))
		if err != nil {
			return cmd.Usagef("-markets: %q is not a market code", strings.TrimSpace(f))
		}
		markets = append(markets, code)
	}
	stdinUsed := 0
	for _, name := range append([]string{*usagePath, *ratesPath}, cmd.Flags.Args()...) {
		if name == "-" {
			stdinUsed++
		}
	}
	if stdinUsed > 1 {
		return cmd.Usagef("standard input (-) can be read once only")
	}
	read := func(name string) (input, int) {
		b, err := textout.ReadInput(name, stdin, maxInput)
		if err != nil {
			return input{}, cmd.Failf(textout.ExitUsage, "%v", err)
		}
		if name == "-" {
			name = "standard input"
		}
		return input{name, string(b)}, textout.ExitOK
	}

	offers := []input{{"offer.json", sampleOffer}, {"offer-byol.json", sampleBYOL}}
	if cmd.Flags.NArg() > 0 {
		offers = nil
		for _, path := range cmd.Flags.Args() {
			in, st := read(path)
			if st != textout.ExitOK {
				return st
			}
			offers = append(offers, in)
		}
	}
	usageIn, ratesIn := input{"usage.csv", sampleUsage}, input{"rates.csv", sampleRates}
	for _, in := range []struct {
		path string
		dst  *input
	}{{*usagePath, &usageIn}, {*ratesPath, &ratesIn}} {
		if in.path != "" {
			var st int
			if *in.dst, st = read(in.path); st != textout.ExitOK {
				return st
			}
		}
	}

	// The offers, each valid on its own (one pricing model per offer).
	var plans []vmPlan
	for _, in := range offers {
		if !json.Valid([]byte(in.text)) {
			_, err := offer.DefaultPolicy().Decode(strings.NewReader(in.text), 0)
			if err == nil {
				err = errors.New("malformed JSON")
			}
			return cmd.Failf(textout.ExitUsage, "%s: %v", in.name, err)
		}
		o, err := offer.DefaultPolicy().Decode(strings.NewReader(in.text), 0)
		if err == nil {
			err = offer.DefaultPolicy().CheckOffer(o)
		}
		switch {
		case err != nil:
			return cmd.Problems(l, in.name, err)
		case o.Type != offer.VirtualMachine:
			return cmd.Failf(textout.ExitRule, textout.Say(l, "%s: %s is an offer of type %s, not a virtual machine",
				"%s: %s är ett erbjudande av typen %s, ingen virtuell maskin"), in.name, o.ID, o.Type)
		}
		for i := range o.Plans {
			plans = append(plans, vmPlan{o.ID, &o.Plans[i]})
		}
	}
	rates, err := sheet.ReadRatesCSV(strings.NewReader(ratesIn.text), ratesIn.name)
	if err != nil {
		return cmd.Problems(l, ratesIn.name, err, sheet.ErrCSV, sheet.ErrLimit)
	}
	ratesFile = ratesIn.name
	runs, err := readUsage(usageIn.text, usageIn.name, plans, l)
	var ps rule.Problems
	switch {
	case errors.As(err, &ps):
		return cmd.Problems(l, usageIn.name, err)
	case err != nil:
		return cmd.Failf(textout.ExitUsage, "%v", err) // malformed CSV
	}

	// Everything is priced before anything is printed, so that a
	// failure comes alone, with the program's name.
	var out bytes.Buffer
	p := &textout.Printer{W: &out}
	pol := pricing.DefaultPolicy()
	for _, section := range []func() error{
		func() error { return hourly(p, plans, markets, customer, rates, pol, l) },
		func() error { return usage(p, plans, runs, customer, usageIn.name, rates, pol, l) },
		func() error { return reservations(p, plans, pol, l) },
		func() error { return fees(p, plans, runs, customer, rates, pol, l) },
	} {
		err := section()
		var nr errNoRate
		switch {
		case errors.As(err, &nr):
			return cmd.Failf(textout.ExitRule, "%s", textout.Say(l, nr.Error(),
				fmt.Sprintf("%s: ingen växelkurs USD → %s, som behövs för %s", nr.file, nr.c, nr.m.Market().SwedishName)))
		case err != nil:
			return cmd.Problems(l, "", err)
		}
		p.Println()
	}
	if _, err := out.WriteTo(stdout); err != nil {
		return cmd.Failf(textout.ExitUsage, "writing: %v", err)
	}
	return textout.ExitOK
}

// request is a quote request for pl in market m at the rate in force at
// the start of the month (none for a market billed in USD).
func request(pl *plan.Plan, m market.Code, rates []sheet.DatedRate) (pricing.Subscription, error) {
	req := pricing.Subscription{Plan: pl, Market: m, Start: month}
	c := m.Market().Currency
	if c == currency.USD || !c.Valid() {
		return req, nil
	}
	r, ok := sheet.RateAt(rates, c, month.AddDate(0, 1, 0))
	if !ok {
		return req, errNoRate{ratesFile, c, m}
	}
	req.Rate = r.ExchangeRate
	return req, nil
}

// sizes returns the vCPU counts a plan prices, or 1 for a plan whose
// hourly price does not depend on the size (flat rate, per vCPU, BYOL).
func sizes(pl *plan.Plan) []int {
	var n []int
	for _, s := range pl.Pricing.VM.Sizes {
		n = append(n, s.VCPUs)
	}
	for _, s := range pl.Pricing.VM.MarketSizes {
		if !slices.Contains(n, s.VCPUs) {
			n = append(n, s.VCPUs)
		}
	}
	if len(n) == 0 {
		n = []int{1}
	}
	return n
}

// hourly prints the hourly software price of every plan and size in the
// markets, and explains one.
func hourly(p *textout.Printer, plans []vmPlan, markets []market.Code, customer market.Code, rates []sheet.DatedRate, pol pricing.Policy, l rule.Language) error {
	say := func(en, sv string) string { return textout.Say(l, en, sv) }
	p.Println(say("1. The software price of a VM per hour, by size (EXT-07)", "1. Programvarupriset för en VM per timme, efter storlek (EXT-07)"))
	p.Println()
	header := []string{"Plan", "vCPU"}
	for _, m := range markets {
		header = append(header, m.String())
	}
	t := textout.NewTable(header...)
	for i := range header[1:] {
		t.AlignRight(i + 1)
	}
	var explain *pricing.Quote
	for _, vp := range plans {
		for _, n := range sizes(vp.plan) {
			if explain == nil && vp.plan.Pricing.Model.IsPaid() && vp.plan.Markets.Has(customer) {
				// The customer's price for this size, to explain.
				req, err := request(vp.plan, customer, rates)
				if err != nil {
					return err
				}
				req.Term, req.VCPUs = plan.Hourly, n
				q, err := pol.Quote(req)
				if err != nil {
					return err
				}
				explain = &q
			}
			row := []string{vp.plan.ID, strconv.Itoa(n)}
			if !vp.plan.Pricing.Model.IsPaid() {
				row[1] = say("any", "alla")
			}
			for _, m := range markets {
				if !vp.plan.Markets.Has(m) {
					row = append(row, "—")
					continue
				}
				req, err := request(vp.plan, m, rates)
				if err != nil {
					return err
				}
				req.Term, req.VCPUs = plan.Hourly, n
				q, err := pol.Quote(req)
				if err != nil {
					return err
				}
				row = append(row, textout.Money(m.Market().Locale(), q.Price))
			}
			t.Row(row...)
		}
	}
	t.WriteWidth(p, width, 2)
	p.Println()
	p.Printf("%s", textout.Wrap("", fmt.Sprintf(say(
		"Prices are in USD, converted to each market's currency at the rates of %s with one %s rounding (PRC-03); a BYOL plan has no software charge (PRC-01). For example:",
		"Priserna är i USD, omräknade till varje marknads valuta till kurserna %s med en avrundning, %s (PRC-03); en BYOL-plan har ingen programvaruavgift (PRC-01). Till exempel:"),
		rateDate(rates), textout.Rounding(l, pol.ConversionRounding)), width))
	if explain != nil {
		p.Println()
		p.Printf("%s", textout.Wrap("  ", explain.Explain(l), width))
	}
	return nil
}

// usage prints a month of usage of a few VMs in the customer's market,
// charged by the minute, and explains a partial hour. A usage file
// without VMs says so, and bills nothing.
func usage(p *textout.Printer, plans []vmPlan, runs []vmRun, customer market.Code, usageName string, rates []sheet.DatedRate, pol pricing.Policy, l rule.Language) error {
	say := func(en, sv string) string { return textout.Say(l, en, sv) }
	m := customer.Market()
	loc := m.Locale()
	p.Printf(say("2. A month of usage in %s, %s: priced per hour, charged by the minute (EXT-07)\n",
		"2. En månads användning i %s, %s: pris per timme, debiteras per minut (EXT-07)\n"), m.Label().Format(l), textout.MonthYear(l, month))
	p.Println()
	if len(runs) == 0 {
		p.Printf(say("  %s lists no VMs: nothing to bill for the month.\n", "  %s listar inga VM:ar: inget att fakturera för månaden.\n"), usageName)
		return nil
	}
	t := textout.NewTable("VM", "Plan", "vCPU", say("Runtime", "Körtid"), say("Minutes", "Minuter"), say("Per hour", "Per timme"),
		say("Amount", "Belopp")).AlignRight(2, 3, 4, 5, 6)
	var total currency.Money
	var explain *pricing.Charge
	var billed time.Time
	for _, r := range runs {
		pl := find(plans, r.plan)
		req, err := request(pl, customer, rates)
		if err != nil {
			return err
		}
		line, err := pol.QuoteVMUsage(req, month, r.usage)
		if err != nil {
			return err
		}
		if total, err = total.Add(line.Amount); err != nil {
			return err
		}
		perHour, err := line.UnitPrice.Mul(line.Quantity)
		if err != nil {
			return err
		}
		t.Row(r.vm, r.plan, strconv.Itoa(r.usage.VCPUs), r.usage.Runtime.String(), textout.Group(l, line.Minutes),
			textout.Money(loc, perHour), textout.Money(loc, line.Amount))
		if explain == nil && r.usage.Runtime%time.Minute != 0 && line.Amount.Sign() != 0 {
			explain = &line
		}
		billed = line.BilledAt
	}
	t.Row(say("Total", "Summa"), "", "", "", "", "", textout.Money(loc, total))
	t.WriteWidth(p, width, 1)
	p.Println()
	p.Printf("%s", textout.Wrap("", fmt.Sprintf(say(
		"Billed monthly in arrears, on %s (PRC-07); a started minute is charged in full (rounding %s) and each line is rounded once (%s). A BYOL VM's line is zero, never missing.",
		"Faktureras månadsvis i efterskott, den %s (PRC-07); en påbörjad minut debiteras hel (avrundning %s) och varje rad avrundas en gång (%s). En BYOL-VM:s rad är noll, men finns alltid med."),
		billed.Format(time.DateOnly), textout.Rounding(l, pol.MinuteRounding), textout.Rounding(l, pol.UsageRounding)), width))
	if explain != nil {
		p.Println()
		p.Printf("%s", textout.Wrap("  ", explain.Explain(l), width))
	}
	return nil
}

// reservations prints the 1- and 3-year software reservations of every
// plan and size in the United States, with what they save.
func reservations(p *textout.Printer, plans []vmPlan, pol pricing.Policy, l rule.Language) error {
	say := func(en, sv string) string { return textout.Say(l, en, sv) }
	us := market.US.Market().Locale()
	p.Printf("%s", textout.Wrap("", fmt.Sprintf(say(
		"3. Software reservations in the United States: hourly × %s h × years × (1 − saving) (EXT-07)",
		"3. Programvarureservationer i USA: timpris × %s h × år × (1 − rabatt) (EXT-07)"),
		textout.Group(l, int64(pol.ReservationYear/time.Hour))), width))
	p.Println()
	t := textout.NewTable("Plan", "vCPU", say("Term", "Period"), say("Hourly", "Per timme"), say("At the hourly price", "Till timpriset"),
		say("Reservation", "Reservation"), say("Saves", "Sparar"), say("Or paid monthly", "Eller månadsvis")).AlignRight(1, 3, 4, 5, 6, 7)
	var explain *pricing.Quote
	for _, vp := range plans {
		for _, r := range vp.plan.Pricing.VM.Reservations {
			for _, n := range sizes(vp.plan) {
				req := pricing.Subscription{Plan: vp.plan, Market: market.US, Term: r.Term, VCPUs: n}
				q, err := pol.Quote(req)
				if err != nil {
					return err
				}
				req.Payment = plan.Monthly
				monthly, err := pol.Quote(req)
				if err != nil {
					return err
				}
				payg, err := q.Hourly.Mul(q.Hours)
				if err != nil {
					return err
				}
				saves, err := payg.Sub(q.Price)
				if err != nil {
					return err
				}
				t.Row(vp.plan.ID, strconv.Itoa(n), termWords(l, r.Term), us.Format(q.Hourly), us.Format(payg), us.Format(q.Price),
					us.Format(saves)+" ("+percent(l, q.Saving)+")",
					fmt.Sprintf("%d × %s", monthly.Payments, us.Format(monthly.Installment(1))))
				if explain == nil {
					explain = &q
				}
			}
		}
	}
	if explain == nil {
		p.Println(say("  (no plan offers a software reservation)", "  (ingen plan erbjuder en programvarureservation)"))
		return nil
	}
	t.WriteWidth(p, width, 3)
	p.Println()
	p.Printf("%s", textout.Wrap("  ", explain.Explain(l), width))
	return nil
}

// fees prints the store service fee of a few sales: on the software only,
// never on the Azure infrastructure, none for BYOL.
func fees(p *textout.Printer, plans []vmPlan, runs []vmRun, customer market.Code, rates []sheet.DatedRate, pol pricing.Policy, l rule.Language) error {
	say := func(en, sv string) string { return textout.Say(l, en, sv) }
	fp := payout.DefaultPolicy()
	p.Println(say("4. The store service fee: a share of the software price only (PAY-05, EXT-10)",
		"4. Butikstjänstavgiften: en andel av enbart programvarupriset (PAY-05, EXT-10)"))
	p.Println()
	type sale struct {
		what string
		sale payout.Transaction
		loc  currency.Locale
	}
	var sales []sale
	usLoc := market.US.Market().Locale()
	// An hour of the first paid plan's smallest VM and of the first BYOL
	// plan, with the Azure infrastructure; the first paid plan's first
	// software reservation.
	var paid, byol bool
	for _, vp := range plans {
		model := vp.plan.Pricing.Model
		if (model == plan.BYOL && byol) || (model.IsPaid() && paid) || model == plan.Free {
			continue
		}
		n := sizes(vp.plan)[0]
		q, err := pol.Quote(pricing.Subscription{Plan: vp.plan, Market: market.US, Term: plan.Hourly, VCPUs: n})
		if err != nil {
			return err
		}
		s := payout.Transaction{Gross: q.Price, Infrastructure: infrastructure, Collected: collected}
		if model == plan.BYOL {
			byol = true
			s.Pricing, s.Gross = payout.BYOL, currency.Money{}
		}
		sales = append(sales, sale{fmt.Sprintf(say("1 hour of %s, %s", "1 timme av %s, %s"), vp.plan.ID, vcpus(n)), s, usLoc})
		if model.IsPaid() {
			paid = true
			if len(vp.plan.Pricing.VM.Reservations) > 0 {
				r := vp.plan.Pricing.VM.Reservations[0]
				rq, err := pol.Quote(pricing.Subscription{Plan: vp.plan, Market: market.US, Term: r.Term, VCPUs: n})
				if err != nil {
					return err
				}
				sales = append(sales, sale{fmt.Sprintf(say("%s reservation of %s, %s", "reservation på %s av %s, %s"), termWords(l, r.Term), vp.plan.ID, vcpus(n)),
					payout.Transaction{Gross: rq.Price, Collected: collected}, usLoc})
			}
		}
	}
	// The month of usage: the software lines, in the customer's currency.
	var software currency.Money
	for _, r := range runs {
		req, err := request(find(plans, r.plan), customer, rates)
		if err != nil {
			return err
		}
		line, err := pol.QuoteVMUsage(req, month, r.usage)
		if err != nil {
			return err
		}
		if software, err = software.Add(line.Amount); err != nil {
			return err
		}
	}
	if len(runs) > 0 {
		sales = append(sales, sale{fmt.Sprintf(say("usage in %s, %s", "användning i %s, %s"), customer.Market().Label().Format(l), textout.MonthYear(l, month)),
			payout.Transaction{Gross: software, Collected: collected}, customer.Market().Locale()})
	}

	t := textout.NewTable(say("Sale", "Försäljning"), say("Software", "Programvara"), say("Infrastructure", "Infrastruktur"),
		say("Billed", "Fakturerat"), say("Fee", "Avgift"), say("Publisher gets", "Utgivaren får"), say("Microsoft keeps", "Microsoft behåller")).AlignRight(1, 2, 3, 4, 5, 6)
	var explained []payout.Fee
	for _, s := range sales {
		f, err := fp.Fee(s.sale)
		if err != nil {
			return err
		}
		keeps, err := f.Fee.Add(f.Infrastructure)
		if err != nil {
			return err
		}
		fee := textout.Money(s.loc, f.Fee)
		if !f.Rate.IsZero() {
			fee += " (" + percent(l, f.Rate) + ")"
		}
		infra := "—"
		if f.Infrastructure.Sign() != 0 {
			infra = textout.Money(s.loc, f.Infrastructure)
		}
		t.Row(s.what, textout.Money(s.loc, f.License), infra, textout.Money(s.loc, f.Billed), fee, textout.Money(s.loc, f.Share), textout.Money(s.loc, keeps))
		if f.Infrastructure.Sign() != 0 {
			explained = append(explained, f)
		}
	}
	t.WriteWidth(p, width, 1)
	p.Println()
	p.Printf("%s", textout.Wrap("", fmt.Sprintf(say(
		"Infrastructure: the Azure compute of a 1-vCPU VM in Microsoft's \"Commercial marketplace transact capabilities\", %s an hour, billed and kept by Microsoft. Each fee is one rounding of its own sale; fee + publisher's share = the software price, exactly.",
		"Infrastruktur: Azure-beräkningen för en VM med 1 vCPU i Microsofts \"Commercial marketplace transact capabilities\", %s per timme, som Microsoft fakturerar och behåller. Varje avgift är en avrundning av sin egen försäljning; avgift + utgivarens andel = programvarupriset, exakt."),
		usLoc.Format(infrastructure)), width))
	p.Println()
	for _, f := range explained {
		p.Printf("%s", textout.Wrap("  ", f.Explain(l), width))
	}
	return nil
}

// find returns the plan with the given ID; readUsage has checked it exists.
func find(plans []vmPlan, id string) *plan.Plan {
	for _, vp := range plans {
		if vp.plan.ID == id {
			return vp.plan
		}
	}
	return nil
}

// percent writes a fraction as a percentage: 0.30 is "30%", in Swedish
// "30 %".
func percent(l rule.Language, r currency.Rate) string {
	return textout.Number(l, r.Decimal().Shift(2).String()) + textout.Say(l, "%", "\u00a0%")
}

// termWords writes a term in words: "1 year", in Swedish "1 år".
func termWords(l rule.Language, t plan.Term) string {
	w := t.Words()
	if l != rule.Swedish {
		return w
	}
	for _, r := range [][2]string{{"years", "år"}, {"year", "år"}, {"months", "månader"}, {"month", "månad"}} {
		w = strings.Replace(w, r[0], r[1], 1)
	}
	return w
}

// rateDate returns the as-of date of the rates in force for the month.
func rateDate(rates []sheet.DatedRate) string {
	var latest time.Time
	for _, r := range rates {
		if !r.AsOf.After(month.AddDate(0, 1, 0)) && r.AsOf.After(latest) {
			latest = r.AsOf
		}
	}
	return latest.Format(time.DateOnly)
}

// vcpus writes "1 vCPU", "4 vCPUs".
func vcpus(n int) string {
	if n == 1 {
		return "1 vCPU"
	}
	return strconv.Itoa(n) + " vCPUs"
}

// Problems in the usage file, in English and Swedish.
var (
	msgVCPUs   = rule.Message{English: "%q is not a number of vCPUs (a whole number, 1 or more)", Swedish: "%q är inget antal vCPU:er (ett heltal, 1 eller fler)"}
	msgRuntime = rule.Message{English: "%q is not a runtime (a duration such as 412h37m30s, not negative)", Swedish: "%q är ingen körtid (en tidslängd som 412h37m30s, inte negativ)"}
	msgPlan    = rule.Message{English: "no plan %q in the offers", Swedish: "ingen plan %q i erbjudandena"}
)

// readUsage reads the usage CSV; every VM's plan must be one of plans.
// Rows that break a rule are rule.Problems at their line and column; a
// CSV that cannot be read is a plain error.
func readUsage(text, name string, plans []vmPlan, l rule.Language) ([]vmRun, error) {
	rows, err := textout.ReadRows(text, name, "vm,plan,vcpus,runtime")
	if err != nil {
		return nil, err
	}
	var runs []vmRun
	var ps rule.Problems
	for _, row := range rows {
		f := row.Fields
		bad := func(column string, msg rule.Message, arg string) {
			ps = append(ps, rule.Problem{Path: fmt.Sprintf(textout.Say(l, "%s line %d, column %s", "%s rad %d, kolumn %s"), name, row.Line, column), Message: msg, Args: []any{arg}})
		}
		n := len(ps)
		if find(plans, f[1]) == nil {
			bad("plan", msgPlan, f[1])
		}
		cpus, err := strconv.Atoi(f[2])
		if err != nil || cpus < 1 {
			bad("vcpus", msgVCPUs, f[2])
		}
		d, err := time.ParseDuration(f[3])
		if err != nil || d < 0 {
			bad("runtime", msgRuntime, f[3])
		}
		if len(ps) == n {
			runs = append(runs, vmRun{f[0], f[1], pricing.VMUsage{VCPUs: cpus, Runtime: d}})
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return runs, nil
}

// Command vm-pricing prices a virtual machine offer the way the marketplace
// bills it (EXT-07): the hourly software price of each VM size in a few
// markets, a month of usage charged by the minute, 1- and 3-year software
// reservations with what they save, and the store service fee, which
// Microsoft takes from the software price only, keeping all of the Azure
// infrastructure (PAY-05, W1). A bring-your-own-license plan shows no
// software charge at all (PRC-01).
//
//	go run ./examples/vm-pricing                       # the samples beside this file
//	go run ./examples/vm-pricing -lang sv -market NO
//	go run ./examples/vm-pricing -markets US,AU,CH -usage my-usage.csv
//	go run ./examples/vm-pricing my-offer.json
//
// The sample offers (offer.json, and offer-byol.json: a BYOL plan is an
// offer of its own, since all plans of an offer share a pricing model,
// OFR-06) price a 1-vCPU firewall at 1.00 USD an hour, Microsoft's worked
// examples W1 (the fee) and W3 (reservations). The usage CSV has the
// columns vm,plan,vcpus,runtime (a Go duration, "412h37m30s"); the rates
// CSV as_of,from,to,rate, as in examples/price-sheet.
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
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
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

// infrastructure is W1's Azure compute for a 1-vCPU VM (D1), per hour:
// billed by Microsoft alongside the software, and all of it Microsoft's.
var infrastructure = currency.MustParse("0.14 USD")

// maxInput bounds each input file.
const maxInput = 1 << 20

// width is where explanations wrap.
const width = 100

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
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

// run prints the offer's prices and returns the exit status: 0, 1 for
// input the rules reject, 2 for usage and I/O errors.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vm-pricing", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "en", "language of the explanations: en or sv")
	home := fs.String("market", "SE", "the customer's market, for the month of usage")
	shown := fs.String("markets", "US,SE,DE,JP,GB", "comma-separated markets for the hourly prices")
	usagePath := fs.String("usage", "", "CSV of VM runtimes (vm,plan,vcpus,runtime); default: the sample")
	ratesPath := fs.String("rates", "", "CSV of USD exchange rates (as_of,from,to,rate); default: the sample")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: vm-pricing [-lang en|sv] [-market SE] [-markets US,SE,…] [-usage usage.csv] [-rates rates.csv] [offer.json …]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(status int, err error) int {
		fmt.Fprintln(stderr, "vm-pricing:", err)
		return status
	}
	l, err := textout.Language(*lang)
	if err != nil {
		return fail(2, err)
	}
	customer, err := market.Parse(*home)
	if err != nil {
		return fail(2, err)
	}
	var markets []market.Code
	for f := range strings.SplitSeq(*shown, ",") {
		code, err := market.Parse(strings.TrimSpace(f))
		if err != nil {
			return fail(2, err)
		}
		markets = append(markets, code)
	}

	type input struct{ name, text string }
	offers := []input{{"offer.json", sampleOffer}, {"offer-byol.json", sampleBYOL}}
	if fs.NArg() > 0 {
		offers = nil
		for _, path := range fs.Args() {
			b, err := readFile(path)
			if err != nil {
				return fail(2, err)
			}
			offers = append(offers, input{path, string(b)})
		}
	}
	usageIn, ratesIn := input{"usage.csv", sampleUsage}, input{"rates.csv", sampleRates}
	for _, in := range []struct {
		path string
		dst  *input
	}{{*usagePath, &usageIn}, {*ratesPath, &ratesIn}} {
		if in.path != "" {
			b, err := readFile(in.path)
			if err != nil {
				return fail(2, err)
			}
			*in.dst = input{in.path, string(b)}
		}
	}

	// The offers, each valid on its own (one pricing model per offer).
	var plans []vmPlan
	for _, in := range offers {
		o, err := offer.DefaultPolicy().Decode(strings.NewReader(in.text), 0)
		if err == nil {
			err = offer.DefaultPolicy().CheckOffer(o)
		}
		var ps rule.Problems
		switch {
		case errors.As(err, &ps):
			fmt.Fprintf(stderr, "vm-pricing: %s is not a valid offer:\n%s", in.name, ps.Text(l))
			return 1
		case err != nil:
			return fail(1, fmt.Errorf("%s: %w", in.name, err))
		case o.Type != offer.VirtualMachine:
			return fail(1, fmt.Errorf("%s: %s is an offer of type %s, not a virtual machine", in.name, o.ID, o.Type))
		}
		for i := range o.Plans {
			plans = append(plans, vmPlan{o.ID, &o.Plans[i]})
		}
	}
	rates, err := sheet.ReadRatesCSV(strings.NewReader(ratesIn.text), ratesIn.name)
	if err != nil {
		return fail(1, err)
	}
	runs, err := readUsage(usageIn.text, usageIn.name, plans)
	if err != nil {
		return fail(1, err)
	}

	p := &textout.Printer{W: stdout}
	pol := pricing.DefaultPolicy()
	for _, section := range []func() error{
		func() error { return hourly(p, plans, markets, customer, rates, pol, l) },
		func() error { return usage(p, plans, runs, customer, rates, pol, l) },
		func() error { return reservations(p, plans, pol, l) },
		func() error { return fees(p, plans, runs, customer, rates, pol, l) },
	} {
		err := section()
		var ps rule.Problems
		switch {
		case errors.As(err, &ps):
			fmt.Fprint(stderr, ps.Text(l))
			return 1
		case err != nil:
			return fail(1, err)
		}
		p.Println()
	}
	if p.Err() != nil {
		return fail(2, p.Err())
	}
	return 0
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
		return req, fmt.Errorf("no USD → %s exchange rate in the rates file, needed for %s", c, m.Market().Name)
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
	p.Println("1. The software price of a VM per hour, by size (EXT-07)")
	p.Println()
	header := []string{"Plan", "vCPUs"}
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
				row[1] = "any"
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
				row = append(row, m.Market().Locale().Format(q.Price))
			}
			t.Row(row...)
		}
	}
	t.Write(p)
	p.Println()
	p.Printf("Prices are in USD, converted to each market's currency at the rates of %s with one %s\n",
		rateDate(rates), pol.ConversionRounding)
	p.Println("rounding (PRC-03); a BYOL plan has no software charge (PRC-01). For example:")
	if explain != nil {
		p.Println()
		p.Printf("%s", textout.Wrap("  ", explain.Explain(l), width))
	}
	return nil
}

// usage prints a month of usage of a few VMs in the customer's market,
// charged by the minute, and explains a partial hour.
func usage(p *textout.Printer, plans []vmPlan, runs []vmRun, customer market.Code, rates []sheet.DatedRate, pol pricing.Policy, l rule.Language) error {
	m := customer.Market()
	loc := m.Locale()
	p.Printf("2. A month of usage in %s, %s: priced per hour, charged by the minute (EXT-07)\n", m.Name, month.Format("January 2006"))
	p.Println()
	t := textout.NewTable("VM", "Plan", "vCPUs", "Runtime", "Minutes", "Per hour", "Amount").AlignRight(2, 3, 4, 5, 6)
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
		t.Row(r.vm, r.plan, strconv.Itoa(r.usage.VCPUs), r.usage.Runtime.String(), group(line.Minutes),
			loc.Format(perHour), loc.Format(line.Amount))
		if explain == nil && r.usage.Runtime%time.Minute != 0 && line.Amount.Sign() != 0 {
			explain = &line
		}
		billed = line.BilledAt
	}
	t.Row("Total", "", "", "", "", "", loc.Format(total))
	t.Write(p)
	p.Println()
	p.Printf("Billed monthly in arrears, on %s (PRC-07); a started minute is charged in full\n", billed.Format(time.DateOnly))
	p.Printf("(rounding %s) and each line is rounded once (%s). A BYOL VM's line is zero, never missing.\n",
		pol.MinuteRounding, pol.UsageRounding)
	if explain != nil {
		p.Println()
		p.Printf("%s", textout.Wrap("  ", explain.Explain(l), width))
	}
	return nil
}

// reservations prints the 1- and 3-year software reservations of every
// plan and size in the United States, with what they save.
func reservations(p *textout.Printer, plans []vmPlan, pol pricing.Policy, l rule.Language) error {
	us := market.US.Market().Locale()
	p.Printf("3. Software reservations in the United States: hourly × %s h × years × (1 − saving) (EXT-07, W3)\n", group(int64(pol.ReservationYear/time.Hour)))
	p.Println()
	t := textout.NewTable("Plan", "vCPUs", "Term", "Hourly", "At the hourly price", "Reservation", "Saves", "Or paid monthly").AlignRight(1, 3, 4, 5, 6, 7)
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
				t.Row(vp.plan.ID, strconv.Itoa(n), r.Term.Words(), us.Format(q.Hourly), us.Format(payg), us.Format(q.Price),
					us.Format(saves)+" ("+percent(q.Saving)+")",
					fmt.Sprintf("%d × %s", monthly.Payments, us.Format(monthly.Installment(1))))
				if explain == nil {
					explain = &q
				}
			}
		}
	}
	t.Write(p)
	if explain == nil {
		p.Println("  (no plan offers a software reservation)")
		return nil
	}
	p.Println()
	p.Printf("%s", textout.Wrap("  ", explain.Explain(l), width))
	return nil
}

// fees prints the store service fee of a few sales: on the software only,
// never on the Azure infrastructure, none for BYOL.
func fees(p *textout.Printer, plans []vmPlan, runs []vmRun, customer market.Code, rates []sheet.DatedRate, pol pricing.Policy, l rule.Language) error {
	fp := payout.DefaultPolicy()
	p.Println("4. The store service fee: a share of the software price only (PAY-05, W1)")
	p.Println()
	type sale struct {
		what string
		sale payout.Transaction
		loc  currency.Locale
	}
	var sales []sale
	usLoc := market.US.Market().Locale()
	// An hour of the first paid plan's smallest VM and of the first BYOL
	// plan, with W1's infrastructure; the first paid plan's first
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
		sales = append(sales, sale{fmt.Sprintf("1 hour of %s, %s", vp.plan.ID, vcpus(n)), s, usLoc})
		if model.IsPaid() {
			paid = true
			if len(vp.plan.Pricing.VM.Reservations) > 0 {
				r := vp.plan.Pricing.VM.Reservations[0]
				rq, err := pol.Quote(pricing.Subscription{Plan: vp.plan, Market: market.US, Term: r.Term, VCPUs: n})
				if err != nil {
					return err
				}
				sales = append(sales, sale{fmt.Sprintf("%s reservation of %s, %s", r.Term.Words(), vp.plan.ID, vcpus(n)),
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
		sales = append(sales, sale{month.Format("January 2006") + " usage in " + customer.Market().Name, payout.Transaction{Gross: software, Collected: collected},
			customer.Market().Locale()})
	}

	t := textout.NewTable("Sale", "Software", "Infrastructure", "Billed", "Fee", "Publisher gets", "Microsoft keeps").AlignRight(1, 2, 3, 4, 5, 6)
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
		fee := s.loc.Format(f.Fee)
		if !f.Rate.IsZero() {
			fee += " (" + percent(f.Rate) + ")"
		}
		infra := "—"
		if f.Infrastructure.Sign() != 0 {
			infra = s.loc.Format(f.Infrastructure)
		}
		t.Row(s.what, s.loc.Format(f.License), infra, s.loc.Format(f.Billed), fee, s.loc.Format(f.Share), s.loc.Format(keeps))
		if f.Infrastructure.Sign() != 0 {
			explained = append(explained, f)
		}
	}
	t.Write(p)
	p.Println()
	p.Printf("Infrastructure: W1's Azure compute for a 1-vCPU VM, %s an hour, billed and kept by Microsoft.\n", usLoc.Format(infrastructure))
	p.Println("Each fee is one rounding of its own sale; fee + publisher's share = the software price, exactly.")
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

// percent writes a fraction as a percentage: 0.30 is "30%".
func percent(r currency.Rate) string {
	return r.Decimal().Shift(2).String() + "%"
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

// group writes n with thousands separators: 8760 is "8,760".
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// readUsage reads the usage CSV; every VM's plan must be one of plans.
func readUsage(text, name string, plans []vmPlan) ([]vmRun, error) {
	rows, err := textout.ReadCSV(text, name, "vm,plan,vcpus,runtime")
	if err != nil {
		return nil, err
	}
	var runs []vmRun
	var errs []error
	for i, f := range rows {
		n, err1 := strconv.Atoi(f[2])
		d, err2 := time.ParseDuration(f[3])
		var err3 error
		if find(plans, f[1]) == nil {
			err3 = fmt.Errorf("no plan %q in the offers", f[1])
		}
		if err := errors.Join(err1, err2, err3); err != nil {
			errs = append(errs, fmt.Errorf("%s line %d: %w", name, i+2, err))
			continue
		}
		runs = append(runs, vmRun{f[0], f[1], pricing.VMUsage{VCPUs: n, Runtime: d}})
	}
	return runs, errors.Join(errs...)
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

// Command validate-offer says whether Partner Center would accept an offer:
// it reads an offer's JSON, validates it with package offer, and prints
// every problem with its rule, its path and an explanation, or a summary of
// the valid offer's plans. It also reads an offer as Partner Center's
// product ingestion API holds it — a resource tree, recognized by its
// "$schema" and "resources" members — through package offer/ingestion, and
// names the members it kept without mapping. It exits with status 1 when
// the offer is invalid and 2 when it cannot be read.
//
//	go run ./examples/validate-offer                      # the sample beside this file
//	go run ./examples/validate-offer my-offer.json
//	go run ./examples/validate-offer -lang sv -policy 2023 my-offer.json
//	go run ./examples/validate-offer examples/validate-offer/offer-tree.json  # a resource tree
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/offer/ingestion"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

//go:embed offer.json
var sample string

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// maxInput bounds what the program reads: an offer's JSON, as package
// offer bounds it.
const maxInput = offer.DefaultMaxJSONBytes

// run validates and prints; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := textout.NewCommand("validate-offer",
		"says whether Partner Center would accept an offer: every problem with its rule, its path and an explanation, or a summary of the valid offer's plans. Reads the offer's own JSON or a product-ingestion resource tree.",
		"[-lang en|sv] [-policy default|2023] [offer.json | -]", stdout, stderr)
	cmd.LanguageFlag()
	policyName := cmd.Flags.String("policy", "default", "limits: default (the Swedish articles) or 2023 (the 2022–2023 documents)")
	l, ok, status := cmd.Parse(args)
	if !ok {
		return status
	}
	pol := offer.DefaultPolicy()
	switch *policyName {
	case "default", "seed":
	case "2023":
		pol = offer.Policy2023()
	default:
		return cmd.Usagef("unknown policy %q (want default or 2023)", *policyName)
	}

	data := []byte(sample)
	name := tr(l, "the sample offer (examples/validate-offer/offer.json)", "exempelerbjudandet (examples/validate-offer/offer.json)")
	switch cmd.Flags.NArg() {
	case 0:
	case 1:
		var err error
		if data, err = textout.ReadInput(cmd.Flags.Arg(0), stdin, maxInput); err != nil {
			return cmd.Failf(textout.ExitUsage, "%v", err)
		}
		name = cmd.Flags.Arg(0)
		if name == "-" {
			name = tr(l, "standard input", "standard in")
		}
	default:
		return cmd.Usagef("want one offer file, not %d", cmd.Flags.NArg())
	}

	p := &textout.Printer{W: stdout}
	var o offer.Offer
	var tree *ingestion.Tree
	var err error
	if isResourceTree(data) {
		ip := ingestion.Policy{MaxBytes: maxInput, Offer: pol}
		t, derr := ip.Decode(data)
		err = derr
		if err == nil {
			err = ip.CheckOffer(t)
		}
		o, tree = t.Offer, &t
	} else {
		o, err = pol.Decode(bytes.NewReader(data), 0)
		if err == nil {
			err = pol.CheckOffer(o)
		}
	}
	var problems rule.Problems
	switch {
	case errors.As(err, &problems) && syntaxOnly(problems):
		// Not an offer at all: a read failure, with the line and column,
		// and no rule to cite.
		return cmd.Failf(textout.ExitUsage, "%s: %s", name, problems[0].Message.Render(l, problems[0].Args...))
	case errors.As(err, &problems):
		report(p, name, problems, l)
		if p.Err() != nil {
			return textout.ExitUsage
		}
		return textout.ExitRule
	case err != nil:
		return cmd.Failf(textout.ExitUsage, "%s: %v", name, err)
	}
	summarize(p, name, &o, pol, l)
	if tree != nil {
		describeTree(p, tree, l)
	}
	if p.Err() != nil {
		return textout.ExitUsage
	}
	return textout.ExitOK
}

// syntaxOnly says whether ps is the one problem of malformed JSON, which
// names no rule: the input is not an offer to judge.
func syntaxOnly(ps rule.Problems) bool {
	return len(ps) == 1 && ps[0].Rule == "" && strings.HasPrefix(ps[0].Message.English, "malformed JSON")
}

// tr picks the English or the Swedish text.
func tr(l rule.Language, en, sv string) string {
	if l == rule.Swedish {
		return sv
	}
	return en
}

// report prints every problem, then the statement of every rule cited.
func report(p *textout.Printer, name string, ps rule.Problems, l rule.Language) {
	n := ps.Len()
	p.Printf("%s: %s\n\n", name, tr(l,
		textout.Plural(n, "problem", "problems")+"; Partner Center would not accept it.",
		textout.Plural(n, "problem", "problem")+"; Partner Center skulle inte godta det."))
	// Each problem on its own lines: number, rule and path, then the
	// message wrapped, so that no line passes 100 columns.
	for i, pr := range ps {
		id := string(pr.Rule)
		if id == "" {
			id = "—"
		}
		p.Printf("%4d  %-6s  %s\n", i+1, id, pr.Path)
		p.Printf("%s", textout.Wrap("              ", pr.Message.Render(l, pr.Args...), 99))
	}
	var cited []rule.ID
	for _, id := range ps.Rules() {
		if id.Known() {
			cited = append(cited, id)
		}
	}
	if len(cited) == 0 {
		return
	}
	p.Println()
	p.Println(tr(l, "The rules cited:", "Reglerna som nämns:"))
	p.Println()
	for _, id := range cited {
		p.Println(textout.Wrap("  "+string(id)+"  ", id.Statement(l), 99))
	}
}

// summarize prints a valid offer's plans.
func summarize(p *textout.Printer, name string, o *offer.Offer, pol offer.Policy, l rule.Language) {
	c := o.Type.Capabilities()
	plans := textout.Plural(len(o.Plans), "plan", "plans")
	if l == rule.Swedish {
		plans = textout.Plural(len(o.Plans), "plan", "planer")
		p.Printf("%s\n", textout.Wrap("", name+": "+fmt.Sprintf("%s (%s, %s) är giltigt enligt policyn %s.", o.ID, word(l, c.Name), plans, policyWord(pol.Name, l)), 99))
	} else {
		p.Printf("%s\n", textout.Wrap("", name+": "+fmt.Sprintf("%s (%s, %s) is valid under the %s policy.", o.ID, c.Name, plans, pol.Name), 99))
	}
	t := textout.NewTable(tr(l, "Plan", "Plan"), tr(l, "Visibility", "Synlighet"), tr(l, "Status", "Status"),
		tr(l, "Markets", "Marknader"), tr(l, "Trial", "Utvärdering")).AlignRight(3)
	for i := range o.Plans {
		pl := &o.Plans[i]
		trial := "—"
		if pl.Trial.Enabled() {
			trial = textout.Plural(pl.Trial.Months, tr(l, "month", "månad"), tr(l, "months", "månader"))
		}
		vis := word(l, pl.Visibility.String())
		if pl.Visibility == plan.Private {
			n := len(pl.Audience.IDs)
			kind := pl.Audience.Kind.String()
			vis += " (" + textout.Plural(n, word(l, kind), word(l, kind+"s")) + ")"
		}
		t.Row(pl.ID, vis, word(l, pl.Status.String()), strconv.Itoa(pl.Markets.Len()), trial)
	}
	t.Write(p)
	p.Println()
	p.Println(tr(l, "Pricing models and prices:", "Prismodeller och priser:"))
	for i := range o.Plans {
		pl := &o.Plans[i]
		p.Printf("%s", textout.Wrap("  "+pl.ID+": ", word(l, pl.Pricing.Model.String())+"; "+prices(pl, l), 99))
	}
}

// swedish holds the Swedish words for the enum names and the words the
// summary prints.
var swedish = map[string]string{
	"public": "offentlig", "private": "privat", "hidden": "dold",
	"draft": "utkast", "live": "publicerad", "stop-sold": "försäljning stoppad",
	"free": "kostnadsfri", "byol": "byol", "flat-rate": "fast pris", "per-user": "per användare",
	"usage-only": "endast användning", "per-vcpu": "per vCPU", "per-vcpu-size": "per vCPU-storlek",
	"per-market-and-vcpu-size": "per marknad och vCPU-storlek",
	"tenant":                   "klientorganisation", "tenants": "klientorganisationer",
	"subscription": "prenumeration", "subscriptions": "prenumerationer",
	"upfront": "i förskott", "monthly": "månadsvis", "annual": "årsvis",
	"1 month": "1 månad", "1 year": "1 år", "2 years": "2 år", "3 years": "3 år", "hourly": "per timme",
	"default": "standard",
	// offer types, as the Swedish articles name them
	"Azure managed application": "Azure-hanterat program", "Azure solution template": "Azure-lösningsmall",
	"Azure container": "Azure-container", "IoT Edge module": "IoT Edge-modul", "Managed service": "hanterad tjänst",
	"Software as a service": "programvara som en tjänst (SaaS)", "Azure virtual machine": "virtuell Azure-dator",
	"Consulting service": "konsulttjänst", "Power BI app": "Power BI-app",
}

// sv formats amounts as Swedish readers write them.
var sv = currency.MustParseLocale("sv-SE")

// money writes an amount in the output's language: "0.06 USD" or "0,06 US$".
func money(l rule.Language, m currency.Money) string {
	if l == rule.Swedish {
		return sv.Format(m)
	}
	return m.String()
}

// decimal writes a decimal fraction in the output's language: "0.30" or "0,30".
func decimal(l rule.Language, s string) string {
	if l == rule.Swedish {
		return strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// word is an enum's name or a fixed word in the output's language.
func word(l rule.Language, en string) string {
	if l == rule.Swedish {
		if sv, ok := swedish[en]; ok {
			return sv
		}
	}
	return en
}

// policyWord names a policy in the output's language.
func policyWord(name string, l rule.Language) string { return word(l, name) }

// prices describes a plan's prices in a few words.
func prices(pl *plan.Plan, l rule.Language) string {
	pr := &pl.Pricing
	var parts []string
	for _, tp := range pr.Terms {
		parts = append(parts, word(l, tp.Term.Words())+" "+word(l, tp.Payment.String())+" "+money(l, tp.Price))
	}
	hour := tr(l, "/hour", "/timme")
	v := pr.VM
	switch {
	case v.PerHour.Sign() != 0:
		parts = append(parts, money(l, v.PerHour)+hour)
	case len(v.Sizes) > 0:
		sizes := textout.Plural(len(v.Sizes), tr(l, "size", "storlek"), tr(l, "sizes", "storlekar"))
		parts = append(parts, fmt.Sprintf("%s %s %s%s", sizes, tr(l, "from", "från"), money(l, v.Sizes[0].Price), hour))
	}
	for _, r := range v.Reservations {
		parts = append(parts, tr(l, word(l, r.Term.Words())+" reservation −"+r.Saving.String(),
			"reservation på "+word(l, r.Term.Words())+" −"+decimal(l, r.Saving.String())))
	}
	if n := len(pr.Meters); n > 0 {
		parts = append(parts, textout.Plural(n, tr(l, "meter", "mätare"), tr(l, "meters", "mätare")))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, "; ")
}

// isResourceTree says whether data is a product-ingestion resource tree:
// a JSON object with a resources array or an ingestion $schema.
func isResourceTree(data []byte) bool {
	var head struct {
		Schema    string          `json:"$schema"`
		Resources json.RawMessage `json:"resources"`
	}
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &head) != nil {
		return false
	}
	return len(head.Resources) > 0 || strings.HasPrefix(head.Schema, ingestion.SchemaBase) ||
		strings.Contains(head.Schema, "product-ingestion")
}

// describeTree says what was read from a resource tree.
func describeTree(p *textout.Printer, t *ingestion.Tree, l rule.Language) {
	mapped := 0
	for _, r := range t.Resources {
		if r.Mapped {
			mapped++
		}
	}
	p.Println()
	if l == rule.Swedish {
		p.Printf("%s", textout.Wrap("", fmt.Sprintf("Läst från ett resursträd för produktinmatning: %s, %d av dem mappade till erbjudandet (ING-01).",
			textout.Plural(len(t.Resources), "resurs", "resurser"), mapped), 99))
	} else {
		p.Printf("%s", textout.Wrap("", fmt.Sprintf("Read from a product-ingestion resource tree: %s, %d of them mapped to the offer (ING-01).",
			textout.Plural(len(t.Resources), "resource", "resources"), mapped), 99))
	}
	if len(t.Unknown) == 0 {
		return
	}
	p.Printf("%s (%d):\n", tr(l, "Kept as they are, without mapping", "Behållna som de är, utan mappning"), len(t.Unknown))
	for _, u := range t.Unknown {
		p.Printf("%s", unmapped(u, l))
	}
}

// resourcePath splits a path such as
// "resources[8] (price-and-availability-plan/<id>/<id>).priceAdjustments".
var resourcePath = regexp.MustCompile(`^(resources\[\d+\]) \(([^/()]+)/([^()]*)\)(.*)$`)

// unmapped writes a member kept without mapping on lines under 100
// columns: the member first, then the resource's type and durable ID.
func unmapped(path string, l rule.Language) string {
	m := resourcePath.FindStringSubmatch(path)
	if m == nil {
		return textout.Wrap("  ", path, 99)
	}
	return "  " + m[1] + m[4] + tr(l, ", in ", ", i ") + m[2] + "\n    " + m[3] + "\n"
}

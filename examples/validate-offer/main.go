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
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/offer/ingestion"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

//go:embed offer.json
var sample string

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run validates and prints; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate-offer", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "en", "language of the explanations: en or sv")
	policyName := fs.String("policy", "seed", "limits to apply: seed (RULES.md) or 2023 (the 2022–2023 documents)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: validate-offer [-lang en|sv] [-policy seed|2023] [offer.json]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	l, err := textout.Language(*lang)
	if err != nil {
		fmt.Fprintf(stderr, "validate-offer: %v\n", err)
		return 2
	}
	pol := offer.DefaultPolicy()
	switch *policyName {
	case "seed":
	case "2023":
		pol = offer.Policy2023()
	default:
		fmt.Fprintf(stderr, "validate-offer: unknown policy %q (want seed or 2023)\n", *policyName)
		return 2
	}

	var in io.Reader = strings.NewReader(sample)
	name := "the sample offer (examples/validate-offer/offer.json)"
	switch fs.NArg() {
	case 0:
	case 1:
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			fmt.Fprintln(stderr, "validate-offer:", err)
			return 2
		}
		defer f.Close()
		in, name = f, fs.Arg(0)
	default:
		fs.Usage()
		return 2
	}

	p := &textout.Printer{W: stdout}
	data, err := io.ReadAll(io.LimitReader(in, offer.DefaultMaxJSONBytes+1))
	if err != nil {
		fmt.Fprintln(stderr, "validate-offer:", err)
		return 2
	}
	var o offer.Offer
	var tree *ingestion.Tree
	if isResourceTree(data) {
		ip := ingestion.Policy{MaxBytes: offer.DefaultMaxJSONBytes, Offer: pol}
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
	case errors.As(err, &problems):
		report(p, name, problems, l)
		if p.Err() != nil {
			return 2
		}
		return 1
	case err != nil:
		fmt.Fprintln(stderr, "validate-offer:", err)
		return 2
	}
	summarize(p, name, &o, pol)
	if tree != nil {
		describeTree(p, tree)
	}
	if p.Err() != nil {
		return 2
	}
	return 0
}

// report prints every problem, then the statement of every rule cited.
func report(p *textout.Printer, name string, ps rule.Problems, l rule.Language) {
	p.Printf("%s: %d problems; Partner Center would not accept it.\n\n", name, len(ps))
	t := textout.NewTable("#", "Rule", "Path", "Problem").AlignRight(0)
	for i, pr := range ps {
		id := string(pr.Rule)
		if id == "" {
			id = "—"
		}
		t.Row(strconv.Itoa(i+1), id, pr.Path, pr.Message.Render(l, pr.Args...))
	}
	t.Write(p)
	p.Println()
	p.Println("The rules cited:")
	p.Println()
	for _, id := range ps.Rules() {
		if id == "" {
			continue
		}
		p.Printf("  %s  %s\n", id, id.Statement(l))
	}
}

// summarize prints a valid offer's plans.
func summarize(p *textout.Printer, name string, o *offer.Offer, pol offer.Policy) {
	c := o.Type.Capabilities()
	p.Printf("%s: %s (%s, %d plans) is valid under the %s policy.\n\n", name, o.ID, c.Name, len(o.Plans), pol.Name)
	t := textout.NewTable("Plan", "Visibility", "Status", "Model", "Markets", "Prices", "Trial").AlignRight(4)
	for i := range o.Plans {
		pl := &o.Plans[i]
		trial := "—"
		if pl.Trial.Enabled() {
			trial = strconv.Itoa(pl.Trial.Months) + " months"
		}
		vis := pl.Visibility.String()
		if pl.Visibility == plan.Private {
			vis += " (" + strconv.Itoa(len(pl.Audience.IDs)) + " " + pl.Audience.Kind.String() + "s)"
		}
		t.Row(pl.ID, vis, pl.Status.String(), pl.Pricing.Model.String(), strconv.Itoa(pl.Markets.Len()), prices(pl), trial)
	}
	t.Write(p)
}

// prices describes a plan's prices in a few words.
func prices(pl *plan.Plan) string {
	pr := &pl.Pricing
	var parts []string
	for _, tp := range pr.Terms {
		parts = append(parts, tp.Term.Words()+" "+tp.Payment.String()+" "+tp.Price.String())
	}
	v := pr.VM
	switch {
	case v.PerHour.Sign() != 0:
		parts = append(parts, v.PerHour.String()+"/hour")
	case len(v.Sizes) > 0:
		parts = append(parts, fmt.Sprintf("%d %s from %s/hour", len(v.Sizes), plural(len(v.Sizes), "size", "sizes"), v.Sizes[0].Price))
	}
	for _, r := range v.Reservations {
		parts = append(parts, r.Term.Words()+" reservation −"+r.Saving.String())
	}
	if n := len(pr.Meters); n > 0 {
		parts = append(parts, strconv.Itoa(n)+" meters")
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
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
func describeTree(p *textout.Printer, t *ingestion.Tree) {
	mapped := 0
	for _, r := range t.Resources {
		if r.Mapped {
			mapped++
		}
	}
	p.Printf("\nRead from a product-ingestion resource tree: %d resources, %d of them mapped to the offer (ING-01).\n",
		len(t.Resources), mapped)
	if len(t.Unknown) == 0 {
		return
	}
	p.Printf("Kept as they are, without mapping (%d):\n", len(t.Unknown))
	for _, u := range t.Unknown {
		p.Printf("  %s\n", u)
	}
}

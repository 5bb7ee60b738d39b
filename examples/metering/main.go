// Command metering turns a SaaS subscription's raw usage into what the
// Marketplace Metering Service API bills: the hourly events (one per
// resource, dimension and UTC hour, MTR-02), the part of each hour the
// term's included quantity covers and the overage invoice, billed monthly
// in arrears (MTR-03, EXT-02), the batches to send at an instant (at most
// 25 events, none older than 24 hours, only for a Subscribed
// subscription: MTR-01, MTR-05) and, given the API's answers, what became
// of each event (MTR-04) and what to send again.
//
//	go run ./examples/metering                               # the samples beside this file
//	go run ./examples/metering -answers answers.json -lang sv
//	go run ./examples/metering -plan plan.json -at 2026-02-28T18:00:00Z my-usage.csv
//	cat usage.csv | go run ./examples/metering -               # usage from stdin
//
// The usage CSV has a header naming the columns resourceId (or
// resourceUri), dimension, time (RFC 3339) and quantity (an exact
// decimal); other columns are ignored.
//
// The plan is JSON: {"planId":"basic","term":"P1M","start":"2026-01-31T14:30:00+01:00",
// "zone":"Europe/Stockholm","meters":[{"dimension":"emails","price":"0.0125","included":1000}]}:
// the billing term, the instant the first term started and the zone the
// subscription's calendar counts in, and per dimension the declared price
// in USD per unit and the quantity included per term (a whole number or
// "unlimited").
//
// The answers are JSON: [{"httpStatus":200,"body":{…}}, …], the API's
// answer to each batch, in the order the batches are printed.
//
// Exit status: 0 when everything was read and billed, 1 when the input
// breaks a rule (a usage row refused, a plan that cannot bill), 2 for a
// usage error (a bad flag, a file that cannot be read).
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	_ "time/tzdata"

	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/metering"
	"github.com/marketrules/marketrules/rule"
)

var (
	//go:embed usage.csv
	sampleUsage string
	//go:embed plan.json
	samplePlan string
)

// maxInput bounds the plan and answers files.
const maxInput = 1 << 20

// width is where explanations wrap.
const width = 100

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// planFile is the plan a user writes.
type planFile struct {
	PlanID string           `json:"planId"`
	Term   plan.Term        `json:"term"`
	Start  time.Time        `json:"start"`
	Zone   string           `json:"zone"`
	Meters []metering.Meter `json:"meters"`
}

// answer is one batch's answer.
type answer struct {
	HTTPStatus int             `json:"httpStatus"`
	Body       json.RawMessage `json:"body"`
}

// errRules marks errors of input that breaks a rule: exit status 1.
var errRules = errors.New("the input breaks a rule")

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := textout.NewCommand("metering",
		"turns raw usage into hourly metering events, the included and billable quantities per term, the overage invoice, the batches to send and, given the API's answers, what became of each event.",
		"[-lang en|sv] [-plan plan.json] [-at instant] [-status Subscribed] [-answers answers.json] [usage.csv | -]", stdout, stderr)
	cmd.LanguageFlag()
	planPath := cmd.Flags.String("plan", "", "the plan as JSON (default: the sample plan.json)")
	answersPath := cmd.Flags.String("answers", "", "the API's answers to the batches, as JSON")
	atFlag := cmd.Flags.String("at", "", "the instant of sending, RFC 3339 (default: the end of the last hour of usage)")
	status := cmd.Flags.String("status", string(metering.Subscribed), "the subscription's status")
	l, ok, code := cmd.Parse(args)
	if !ok {
		return code
	}
	if cmd.Flags.NArg() > 1 {
		return cmd.Usagef("at most one usage file")
	}
	var at time.Time
	if *atFlag != "" {
		var err error
		if at, err = time.Parse(time.RFC3339, *atFlag); err != nil {
			return cmd.Usagef("-at: %q is not an RFC 3339 instant", *atFlag)
		}
	}

	usageName, usage := "usage.csv", io.Reader(strings.NewReader(sampleUsage))
	if cmd.Flags.NArg() == 1 {
		usageName = cmd.Flags.Arg(0)
		if usageName == "-" {
			usageName, usage = "stdin", stdin
			if stdin == nil {
				return cmd.Failf(textout.ExitUsage, "standard input: not available")
			}
		} else {
			f, err := os.Open(usageName)
			if err != nil {
				return cmd.Failf(textout.ExitUsage, "%v", err)
			}
			defer f.Close()
			if st, err := f.Stat(); err == nil && st.IsDir() {
				return cmd.Failf(textout.ExitUsage, "%s: is a directory", usageName)
			}
			usage = f
		}
	}
	planText, planName := []byte(samplePlan), "plan.json"
	if *planPath != "" {
		var err error
		if planText, err = textout.ReadInput(*planPath, stdin, maxInput); err != nil {
			return cmd.Failf(textout.ExitUsage, "%v", err)
		}
		planName = *planPath
	}
	var answers []answer
	if *answersPath != "" {
		b, err := textout.ReadInput(*answersPath, stdin, maxInput)
		if err != nil {
			return cmd.Failf(textout.ExitUsage, "%v", err)
		}
		if err := json.Unmarshal(b, &answers); err != nil {
			return cmd.Failf(textout.ExitRule, "%s: %v", *answersPath, err)
		}
	}
	fail := cmd.Failf
	pf, err := readPlan(planText, planName)
	if err != nil {
		return fail(textout.ExitRule, "%v", err)
	}

	r := report{p: &textout.Printer{W: stdout}, l: l, pol: metering.DefaultPolicy()}
	err = r.run(pf, usage, usageName, at, metering.SubscriptionStatus(*status), answers)
	if r.p.Err() != nil {
		return fail(textout.ExitUsage, "%v", r.p.Err())
	}
	var ps rule.Problems
	switch {
	case errors.As(err, &ps):
		fmt.Fprintf(stderr, "metering: %s", ps.Text(l))
		return textout.ExitRule
	case errors.Is(err, errRules):
		return fail(textout.ExitRule, "%v", err)
	case err != nil:
		return fail(textout.ExitUsage, "%v", err)
	}
	return textout.ExitOK
}

func readPlan(b []byte, name string) (planFile, error) {
	var pf planFile
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&pf); err != nil {
		return pf, fmt.Errorf("%s: %w: %w", name, errRules, err)
	}
	if pf.Zone != "" {
		loc, err := time.LoadLocation(pf.Zone)
		if err != nil {
			return pf, fmt.Errorf("%s: zone %q: %w: %w", name, pf.Zone, errRules, err)
		}
		pf.Start = pf.Start.In(loc)
	}
	return pf, nil
}

// report prints the pipeline's answers.
type report struct {
	p   *textout.Printer
	l   rule.Language
	pol metering.Policy
}

func (r *report) explain(text string) {
	r.p.Printf("%s", textout.Wrap("  ", text, width))
}

var (
	msgUsage     = rule.Message{English: "Usage: %s, plan %s, term %s from %v.", Swedish: "Användning: %s, plan %s, period %s från %v."}
	msgColumns   = rule.Message{English: "Hour (UTC)|Resource|Dimension|Quantity|Term|Included|Billable", Swedish: "Timme (UTC)|Resurs|Dimension|Mängd|Period|Inkluderat|Att fakturera"}
	msgEvents    = rule.Message{English: "Hourly events, included and billable:", Swedish: "Timhändelser, inkluderat och att fakturera:"}
	msgInvoice   = rule.Message{English: "Overage invoice:", Swedish: "Faktura för överförbrukning:"}
	msgBatches   = rule.Message{English: "To send at %v:", Swedish: "Att skicka %v:"}
	msgBatch     = rule.Message{English: "Batch %d of %d, POST /batchUsageEvent:", Swedish: "Sats %d av %d, POST /batchUsageEvent:"}
	msgAnswers   = rule.Message{English: "Answers:", Swedish: "Svar:"}
	msgRetry     = rule.Message{English: "To send again, batch %d:", Swedish: "Att skicka igen, sats %d:"}
	msgRefused   = rule.Message{English: "%d usage rows refused.", Swedish: "%d användningsrader avvisade."}
	msgNoAnswers = rule.Message{English: "%d answers for %d batches.", Swedish: "%d svar för %d satser."}
)

func (r *report) header(s string) { r.p.Printf("\n%s\n", s) }

func (r *report) run(pf planFile, usage io.Reader, name string, at time.Time, status metering.SubscriptionStatus, answers []answer) error {
	pol, l := r.pol, r.l
	r.p.Printf("%s\n", msgUsage.Render(l, name, pf.PlanID, pf.Term.String(), pf.Start))

	// 1–2. Read and aggregate (MTR-02).
	rd := pol.NewReader(usage, name)
	dims := make([]string, len(pf.Meters))
	for i, m := range pf.Meters {
		dims[i] = m.Dimension
	}
	agg, err := pol.Aggregate(metering.AggregateRequest{PlanID: pf.PlanID, Dimensions: dims, Source: name, Records: rd.Records()})
	if err != nil {
		return err
	}
	if err := rd.Err(); err != nil {
		return err
	}
	r.header(agg.Explain(l))
	var problems rule.Problems
	problems = append(problems, rd.Problems()...)
	problems = append(problems, agg.Problems...)
	refused := rd.Skipped() + agg.Refused
	if refused > 0 {
		r.p.Printf("%s\n", msgRefused.Render(l, refused))
		for _, p := range rd.Problems() {
			r.explain(p.Text(l))
		}
	}

	// 3. Included and billable per term, and the invoice (MTR-03, EXT-02).
	o, err := pol.Overage(metering.OverageRequest{Term: pf.Term, Start: pf.Start, Meters: pf.Meters, Events: agg.Events})
	if err != nil {
		return err
	}
	r.header(msgEvents.Format(l))
	t := textout.NewTable(strings.Split(msgColumns.Format(l), "|")...).AlignRight(3, 4, 5, 6)
	for _, h := range o.Hours {
		t.Row(h.Event.EffectiveStartTime.Format("2006-01-02 15:04"), h.Event.Resource(), h.Event.Dimension, h.Event.Quantity.String(),
			fmt.Sprint(h.Term), h.Included.String(), h.Billable.String())
	}
	t.Write(r.p)
	r.header(msgInvoice.Format(l))
	r.explain(o.Explain(l))

	// 4. The batches to send (MTR-01, MTR-02, MTR-05).
	if at.IsZero() && len(agg.Events) > 0 {
		for _, e := range agg.Events {
			if end := e.EffectiveStartTime.Add(pol.Slot); end.After(at) {
				at = end
			}
		}
	}
	sub, err := pol.Submit(metering.SubmitRequest{Status: status, At: at, Events: o.Billable()})
	if err != nil {
		return err
	}
	r.header(msgBatches.Render(l, at))
	r.explain(sub.Explain(l))
	for i, b := range sub.Batches {
		r.p.Printf("%s\n", msgBatch.Render(l, i+1, len(sub.Batches)))
		js, err := json.MarshalIndent(b, "  ", "  ")
		if err != nil {
			return err
		}
		r.p.Printf("  %s\n", js)
	}

	// 5. The answers (MTR-04).
	if answers != nil {
		r.header(msgAnswers.Format(l))
		if len(answers) != len(sub.Batches) {
			return fmt.Errorf("%w: %s", errRules, msgNoAnswers.Render(l, len(answers), len(sub.Batches)))
		}
		var ex []metering.Exchange
		for i, a := range answers {
			rep, err := pol.DecodeReply(a.HTTPStatus, bytes.NewReader(a.Body))
			if err != nil {
				return fmt.Errorf("answer %d: %w", i+1, err)
			}
			ex = append(ex, metering.Exchange{Sent: sub.Batches[i].Request, Reply: rep})
		}
		c, err := pol.Classify(metering.ClassifyRequest{Exchanges: ex, Meters: pf.Meters, At: at})
		if err != nil {
			return err
		}
		r.explain(c.Explain(l))
		for i, b := range c.Retry {
			r.p.Printf("%s\n", msgRetry.Render(l, i+1))
			js, err := json.MarshalIndent(b, "  ", "  ")
			if err != nil {
				return err
			}
			r.p.Printf("  %s\n", js)
		}
	}
	return problems.Err()
}

// Command saas-webhook reads the bodies of SaaS fulfillment webhook calls,
// as Microsoft's commercial marketplace posts them to a publisher, and
// decides each in turn with package fulfillment: whether the operation
// applies to the subscription in its status (FUL-04), the answer the
// publisher owes and by when (HTTP 200, and PATCH Success or Failure
// within 10 seconds for a customer's plan or quantity change: FUL-05,
// FUL-06), and the subscription's state after it: status, plan, quantity,
// term, what the customer may use, and the dates that follow (FUL-07,
// FUL-08). A retried or out-of-order call is recognised and not applied
// twice.
//
//	go run ./examples/saas-webhook                  # the sample calls beside this file
//	go run ./examples/saas-webhook -lang sv
//	go run ./examples/saas-webhook -state subscription.json call1.json call2.json
//	curl … | go run ./examples/saas-webhook -state subscription.json -
//
// Without -state the subscription before the first call is the sample's
// subscription.json (for the samples) or the subscription the first call
// carries, Suspended if that call is a Reinstate and Subscribed otherwise.
// Each call is decided at its time stamp. The program exits with status 1
// when a body breaks a rule (a missing subscription ID, an unknown status,
// a term that ends before it starts, …), printing every problem with its
// JSON path, and with status 2 when the command line is wrong or an input
// cannot be read.
package main

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/rule"
)

//go:embed *.json
var samples embed.FS

const sampleState = "subscription.json"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

type input struct {
	name string
	data []byte
}

// labels are the program's own words, in English and Swedish.
var labels = map[string][2]string{
	"call":            {"%d. %s: %s, operation %s, %s, from %s, %s", "%d. %s: %s, åtgärd %s, %s, från %s, %s"},
	"decision":        {"Decision", "Beslut"},
	"answer":          {"Answer", "Svar"},
	"patch":           {"HTTP 200, then PATCH %s by %s", "HTTP 200, sedan PATCH %s senast %s"},
	"ok":              {"HTTP 200", "HTTP 200"},
	"state":           {"State", "Tillstånd"},
	"stateFmt":        {"%s, plan %s, quantity %d, term %s – %s, service %s", "%s, plan %s, antal %d, period %s – %s, tjänst %s"},
	"problems":        {"Problems (the body breaks a rule; answer 400 and do not act on it):", "Problem (innehållet bryter mot en regel; svara 400 och agera inte på det):"},
	"summary":         {"%d calls: %d applied, %d not applied, %d with problems.", "%d anrop: %d tillämpade, %d inte tillämpade, %d med problem."},
	"start":           {"Before the first call: %s", "Före första anropet: %s"},
	"applied":         {"applies", "gäller"},
	"notApply":        {"does not apply", "gäller inte"},
	"service-none":    {"none yet", "ingen ännu"},
	"service-full":    {"full", "hel"},
	"service-blocked": {"blocked, data kept", "spärrad, data sparas"},
	"service-ended":   {"ended, data kept for now", "avslutad, data sparas tills vidare"},
}

func label(lang rule.Language, key string) string {
	if lang == rule.Swedish {
		return labels[key][1]
	}
	return labels[key][0]
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := textout.NewCommand("saas-webhook",
		"decides SaaS fulfillment webhook calls in turn: whether each operation applies, the answer the publisher owes and by when, and the subscription's state after it.",
		"[-lang en|sv] [-state subscription.json] [webhook.json ... | -]", stdout, stderr)
	cmd.LanguageFlag()
	statePath := cmd.Flags.String("state", "", "the subscription before the first call, as Get Subscription returns it (default: the samples' subscription.json, or the first call's own subscription)")
	lang, ok, status := cmd.Parse(args)
	if !ok {
		return status
	}
	pol := fulfillment.DefaultPolicy()

	var inputs []input
	var stateData []byte
	if cmd.Flags.NArg() == 0 {
		entries, _ := fs.Glob(samples, "*.json")
		slices.Sort(entries)
		for _, e := range entries {
			b, _ := samples.ReadFile(e)
			if e == sampleState {
				stateData = b
				continue
			}
			inputs = append(inputs, input{name: e, data: b})
		}
	}
	stdinUsed := *statePath == "-"
	for _, name := range cmd.Flags.Args() {
		if name == "-" {
			if stdinUsed {
				return cmd.Usagef("standard input (-) can be read once only")
			}
			stdinUsed = true
		}
		b, err := textout.ReadInput(name, stdin, int64(pol.MaxBody))
		if err != nil {
			return cmd.Failf(textout.ExitUsage, "%v", err)
		}
		if name == "-" {
			name = "stdin"
		}
		inputs = append(inputs, input{name: name, data: b})
	}
	if *statePath != "" {
		b, err := textout.ReadInput(*statePath, stdin, int64(pol.MaxBody))
		if err != nil {
			return cmd.Failf(textout.ExitUsage, "-state: %v", err)
		}
		stateData = b
	}

	p := &textout.Printer{W: stdout}
	var state fulfillment.State
	haveState := false
	if stateData != nil {
		var sub fulfillment.Subscription
		if err := pol.Decode(stateData, &sub); err != nil {
			p.Printf("%s:\n", label(lang, "problems"))
			printProblems(p, lang, "-state", err)
			if p.Err() != nil {
				return textout.ExitUsage
			}
			return textout.ExitRule
		}
		state, haveState = fulfillment.State{Subscription: sub}, true
		p.Printf(label(lang, "start")+"\n\n", describe(lang, &state))
	}

	applied, refused, bad := 0, 0, 0
	for i, in := range inputs {
		var w fulfillment.Webhook
		err := pol.Decode(in.data, &w)
		if err == nil && !haveState {
			state, haveState = stateBefore(&w), true
			p.Printf(label(lang, "start")+"\n\n", describe(lang, &state))
		}
		var d fulfillment.Decision
		if err == nil {
			d, err = pol.Decide(fulfillment.Request{State: state, Webhook: w})
		}
		src := string(w.Source)
		if src == "" {
			src = "?"
		}
		p.Printf(label(lang, "call")+"\n", i+1, in.name, orQ(string(w.Action)), orQ(w.ID), orQ(string(w.Status)), src, stamp(w.TimeStamp))
		if err != nil {
			bad++
			p.Printf("   %s\n", label(lang, "problems"))
			printProblems(p, lang, in.name, err)
			p.Println()
			continue
		}
		verdict := label(lang, "notApply")
		if d.Allowed {
			applied++
			verdict = label(lang, "applied")
		} else {
			refused++
		}
		p.Printf("   %s: %s %s (%s)\n", label(lang, "decision"), d.Rule, d.Reason, verdict)
		p.Printf("%s", textout.Wrap("   ", d.Explain(lang), 100))
		answer := label(lang, "ok")
		if d.Acknowledge {
			answer = fmt.Sprintf(label(lang, "patch"), d.Ack, stamp(d.AckBy))
		}
		p.Printf("   %s: %s\n", label(lang, "answer"), answer)
		state = d.State
		p.Printf("   %s: %s\n\n", label(lang, "state"), describe(lang, &state))
	}
	p.Printf(label(lang, "summary")+"\n", len(inputs), applied, refused, bad)
	if p.Err() != nil {
		return textout.ExitUsage
	}
	if bad > 0 {
		return textout.ExitRule
	}
	return textout.ExitOK
}

// stateBefore is the state a call implies before it: the subscription it
// carries, in the status the call's action applies to.
func stateBefore(w *fulfillment.Webhook) fulfillment.State {
	s := fulfillment.State{Subscription: w.Subscription}
	s.Subscription.ID = w.SubscriptionID
	s.Subscription.Status = fulfillment.Subscribed
	if w.Action == fulfillment.Reinstate {
		s.Subscription.Status = fulfillment.Suspended
	}
	return s
}

func describe(lang rule.Language, s *fulfillment.State) string {
	sub := &s.Subscription
	svc := map[fulfillment.Status]fulfillment.Service{fulfillment.Subscribed: fulfillment.ServiceFull,
		fulfillment.Suspended: fulfillment.ServiceBlocked, fulfillment.Unsubscribed: fulfillment.ServiceEnded}[sub.Status]
	if svc == "" {
		svc = fulfillment.ServiceNone
	}
	return fmt.Sprintf(label(lang, "stateFmt"), sub.Status, orQ(sub.PlanID), sub.Quantity, day(sub.Term.Start), day(sub.Term.End), label(lang, "service-"+string(svc)))
}

func printProblems(p *textout.Printer, lang rule.Language, name string, err error) {
	var ps rule.Problems
	if !errors.As(err, &ps) {
		p.Printf("   - %s: %v\n", name, err)
		return
	}
	for _, pr := range ps {
		p.Printf("   - %s\n", pr.Text(lang))
	}
}

func orQ(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	return t.UTC().Format(time.RFC3339)
}

func day(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	return t.UTC().Format(time.DateOnly)
}

// Command saas-host is a small SaaS service of a publisher on Microsoft's
// commercial marketplace, run against the marketplace emulator of package
// marketplacetest: a landing page that resolves the purchase token and
// activates the subscription (FUL-02, FUL-03), a webhook that verifies the
// marketplace's bearer token (FUL-10), confirms the operation, decides it
// with package fulfillment (FUL-04…FUL-08) and answers a customer's change
// of plan or seats by a rule of its own within 10 seconds (FUL-05), and an
// hourly metering job that sends each hour's usage once per subscription
// and dimension.
//
//	go run ./examples/saas-host
//	go run ./examples/saas-host -lang sv
//
// The program starts the emulator and the host on the loopback address,
// plays two months of a customer in virtual time (a purchase, a rejected
// plan change and seat reduction, seats left for the marketplace to
// accept, two hours of usage and then a duplicate hour and an expired
// one, a renewal, a failed payment that ends the subscription 30 days
// later), prints what happened and what the marketplace would bill, in
// English or Swedish (-lang), and exits 0. It waits on no clock: the
// marketplace's time is virtual. It exits with status 1 when the story
// goes wrong and 2 when the command line is wrong.
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/marketplacetest"
	"github.com/marketrules/marketrules/rule"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// width is where the story's lines wrap: every line under 100 columns.
const width = 99

func run(args []string, stdout, stderr io.Writer) int {
	cmd := textout.NewCommand("saas-host",
		"plays two months of a SaaS customer against the marketplace emulator: a publisher's landing page, webhook and metering job, and what the marketplace bills.",
		"[-lang en|sv]", stdout, stderr)
	cmd.LanguageFlag()
	lang, ok, status := cmd.Parse(args)
	if !ok {
		return status
	}
	if cmd.Flags.NArg() > 0 {
		return cmd.Usagef("no arguments expected, got %q", cmd.Flags.Arg(0))
	}
	p := &textout.Printer{W: stdout}
	if err := tell(p, lang); err != nil {
		return cmd.Failf(textout.ExitRule, "%v", err)
	}
	if err := p.Err(); err != nil {
		return cmd.Failf(textout.ExitUsage, "%v", err)
	}
	return textout.ExitOK
}

// world is the emulator and the host, wired together.
type world struct {
	srv  *marketplacetest.Server
	host *Host
	web  *httptest.Server
}

func start() (*world, error) {
	srv, err := marketplacetest.Start(marketplacetest.Config{Start: time.Date(2024, 1, 31, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		return nil, err
	}
	host := NewHost(srv.URL, srv.Client(), srv.Keys(), srv.Now)
	web := httptest.NewServer(host.Handler())
	srv.SetLandingPage(web.URL + "/landing")
	srv.SetWebhook(web.URL + "/webhook")
	return &world{srv: srv, host: host, web: web}, nil
}

func (w *world) close() {
	w.srv.Close()
	w.web.Close()
}

// visit is the customer's browser opening the landing page.
func (w *world) visit(landing string) error {
	resp, err := w.web.Client().Get(landing)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("landing page answered %d", resp.StatusCode)
	}
	return nil
}

// tell plays the story, printing each step in l.
func tell(out *textout.Printer, l rule.Language) error {
	w, err := start()
	if err != nil {
		return err
	}
	defer w.close()
	srv, host := w.srv, w.host
	say := func(en, sv string, args ...any) {
		prefix := srv.Now().Format("2006-01-02 15:04:05") + "  "
		out.Printf("%s", textout.Wrap(prefix, rule.Message{English: en, Swedish: sv}.Render(l, args...), width))
	}
	// sayState says what happened, then the subscription's state as the
	// host keeps it on the line below.
	sayState := func(en, sv, id string) {
		say(en, sv)
		st, _ := host.State(id)
		s := st.Subscription
		out.Printf("%s", textout.Wrap(strings.Repeat(" ", len("2006-01-02 15:04:05  ")),
			rule.Message{English: "%s, plan %s, %d seats, term %s – %s", Swedish: "%s, plan %s, %d platser, period %s – %s"}.Render(l,
				s.Status.String(), s.PlanID, s.Quantity, s.Term.Start.Format(time.DateOnly), s.Term.End.Format(time.DateOnly)), width))
	}

	p, err := srv.Buy(marketplacetest.Order{PlanID: "premium", Quantity: 5})
	if err != nil {
		return err
	}
	if err := w.visit(p.LandingURL); err != nil {
		return err
	}
	id := p.SubscriptionID
	sayState("bought and activated", "köpt och aktiverad", id)

	if _, err := srv.ChangePlan(id, "basic"); err != nil {
		return err
	}
	sayState("customer moves to the flat plan: rejected by the host's rule, seats are in use (FUL-05)",
		"kunden byter till planen med fast pris: avvisat enligt utgivarens regel, platserna används (FUL-05)", id)
	if _, err := srv.ChangeQuantity(id, 3); err != nil {
		return err
	}
	sayState("customer asks for 3 seats: rejected by the host's rule (FUL-05)",
		"kunden ber om 3 platser: avvisat enligt utgivarens regel (FUL-05)", id)
	if _, err := srv.ChangeQuantity(id, 20); err != nil {
		return err
	}
	srv.Advance(10 * time.Second)
	sayState("customer asks for 20 seats, left unanswered, accepted after 10 s",
		"kunden ber om 20 platser, lämnas obesvarat, godkänt efter 10 s", id)

	host.Record(id, "api-calls", 4000, srv.Now())
	srv.Advance(time.Hour)
	host.Record(id, "api-calls", 2500, srv.Now())
	srv.Advance(time.Hour)
	if err := host.SendUsage(context.Background()); err != nil {
		return err
	}
	host.Record(id, "api-calls", 10, srv.Now().Add(-2*time.Hour+time.Minute)) // late: an hour already sent
	host.Record(id, "api-calls", 10, srv.Now().Add(-25*time.Hour))            // older than the 24-hour window
	if err := host.SendUsage(context.Background()); err != nil {
		return err
	}
	for _, m := range host.Metered() {
		say("usage of %s, %s %s: %s", "användning %s, %s %s: %s", m.Hour.Format("01-02 15:04"), m.Dimension, m.Quantity.String(), textout.EventStatus(l, m.Status))
	}

	srv.AdvanceTo(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	sayState("renewed (FUL-06)", "förnyad (FUL-06)", id)

	if _, err := srv.Suspend(id); err != nil {
		return err
	}
	sayState("payment failed (FUL-07)", "betalningen misslyckades (FUL-07)", id)
	srv.Advance(30 * 24 * time.Hour)
	sayState("30 days later", "30 dagar senare", id)

	for _, c := range srv.Charges(id) {
		from, to := c.TermStart.Format(time.DateOnly), c.TermEnd.Format(time.DateOnly)
		switch pr := c.Proration; {
		case pr != nil:
			credit, _ := pr.Credit.Neg() // at most what was paid: never overflows
			// The rest of the term at the new seats or plan, less the
			// credit for it at the old (PRC-05, PRC-06).
			say("billed the change to %d seats of %s %s – %s (%s): %v − %v = %v",
				"fakturerat bytet till %d platser av %s %s – %s (%s): %v − %v = %v",
				pr.ToQuantity, pr.ToPlan, from, to, string(pr.Rule), pr.Charge, credit, c.Amount)
		case c.Dimension != "":
			say("billed %s %s – %s: %s × %v = %v", "fakturerat %s %s – %s: %s × %v = %v", c.Dimension,
				from, to, textout.Number(l, c.Billed.String()), c.UnitPrice, c.Amount)
		default:
			say("billed subscription %s – %s: %s × %v = %v", "fakturerat prenumeration %s – %s: %s × %v = %v",
				from, to, textout.Number(l, c.Billed.String()), c.UnitPrice, c.Amount)
		}
	}
	calls := 0
	for _, e := range srv.Log() {
		if e.Kind == marketplacetest.KindWebhook {
			calls++
		}
	}
	say("%d API requests and webhook calls, %d of them webhook calls, all answered by the host",
		"%d API-anrop och webhook-anrop, varav %d webhook-anrop, alla besvarade av utgivarens tjänst", len(srv.Log()), calls)
	if st, _ := host.State(id); st.Subscription.Status != fulfillment.Unsubscribed {
		return fmt.Errorf("the subscription is %s, not Unsubscribed", st.Subscription.Status)
	}
	return nil
}

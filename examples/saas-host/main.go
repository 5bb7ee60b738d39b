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
//
// The program starts the emulator and the host on the loopback address,
// plays two months of a customer in virtual time (a purchase, a rejected
// plan change and seat reduction, seats left for the marketplace to
// accept, two hours of usage and then a duplicate hour and an expired
// one, a renewal, a failed payment that ends the subscription 30 days
// later), prints what happened and what the marketplace would bill, and
// exits 0. It waits on no clock: the marketplace's time is virtual.
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/marketplacetest"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "saas-host:", err)
		os.Exit(1)
	}
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

func run(out io.Writer) error {
	w, err := start()
	if err != nil {
		return err
	}
	defer w.close()
	srv, host := w.srv, w.host
	say := func(format string, args ...any) {
		fmt.Fprintf(out, "%s  "+format+"\n", append([]any{srv.Now().Format("2006-01-02 15:04:05")}, args...)...)
	}
	state := func(id string) string {
		st, _ := host.State(id)
		s := st.Subscription
		return fmt.Sprintf("%s, plan %s, %d seats, term %s – %s", s.Status, s.PlanID, s.Quantity, s.Term.Start.Format("2006-01-02"), s.Term.End.Format("2006-01-02"))
	}

	p, err := srv.Buy(marketplacetest.Order{PlanID: "premium", Quantity: 5})
	if err != nil {
		return err
	}
	if err := w.visit(p.LandingURL); err != nil {
		return err
	}
	id := p.SubscriptionID
	say("bought and activated: %s", state(id))

	if _, err := srv.ChangePlan(id, "basic"); err != nil {
		return err
	}
	say("customer moves to the flat plan: rejected by the host's rule, seats are in use (FUL-05): %s", state(id))
	if _, err := srv.ChangeQuantity(id, 3); err != nil {
		return err
	}
	say("customer asks for 3 seats: rejected by the host's rule (FUL-05): %s", state(id))
	if _, err := srv.ChangeQuantity(id, 20); err != nil {
		return err
	}
	srv.Advance(10 * time.Second)
	say("customer asks for 20 seats, left unanswered, accepted after 10 s: %s", state(id))

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
		say("usage of %s, %s %s: %s", m.Hour.Format("01-02 15:04"), m.Dimension, m.Quantity, m.Status)
	}

	srv.AdvanceTo(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	say("renewed (FUL-06): %s", state(id))

	if _, err := srv.Suspend(id); err != nil {
		return err
	}
	say("payment failed (FUL-07): %s", state(id))
	srv.Advance(30 * 24 * time.Hour)
	say("30 days later: %s", state(id))

	for _, c := range srv.Charges(id) {
		label := "subscription"
		if c.Dimension != "" {
			label = c.Dimension
		}
		say("billed %s %s – %s: %s × %s = %s", label, c.TermStart.Format("2006-01-02"), c.TermEnd.Format("2006-01-02"), c.Billed, c.UnitPrice, c.Amount)
	}
	calls := 0
	for _, e := range srv.Log() {
		if e.Kind == marketplacetest.KindWebhook {
			calls++
		}
	}
	say("%d API requests and webhook calls, %d of them webhook calls, all answered by the host", len(srv.Log()), calls)
	if st, _ := host.State(id); st.Subscription.Status != fulfillment.Unsubscribed {
		return fmt.Errorf("the subscription is %s, not Unsubscribed", st.Subscription.Status)
	}
	return nil
}

// Command saas-lifecycle tells one customer's year with a publisher's SaaS
// offers as a sequence of decisions, each with the rule that made it and
// its explanation: a free trial and a switch of its plan, the conversion
// and the first charge, a seat change and a plan change with proration,
// refund requests inside and outside the 72-hour window, a batch of usage
// events, and at the end the publisher's payouts for the year.
//
//	go run ./examples/saas-lifecycle
//	go run ./examples/saas-lifecycle -lang sv
//
// It reads no input; -h says how to call it. It exits with status 0, and
// with status 2 for a wrong command line.
//
// The customer is Fabrikam AB in Stockholm (market SE, billed in SEK). The
// publisher, Contoso, sells two SaaS offers: Contoso Workspace
// (workspace-offer.json: per-user plans, two with a free trial) and Contoso
// Mail Analytics (mail-offer.json, a copy of offer/testdata/saas-offer.json:
// flat-rate plans with metered emails and texts). They are two offers
// because all plans of an offer share one pricing model (OFR-06): seats
// need per-user plans, metering flat-rate ones (PRC-02).
//
// Every instant is given, in Stockholm time; the exchange rates are
// illustrative.
package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Stockholm, also where the system has no zone files

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/pricing/metering"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

var (
	//go:embed workspace-offer.json
	workspaceJSON string
	//go:embed mail-offer.json
	mailJSON string
)

// The customer and the rates of the story (illustrative, not market data).
const customer = "Fabrikam AB"

var (
	home = market.SE
	// usdToSEK prices the metered dimensions, whose prices are in USD.
	usdToSEK = currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("9.5437")}
	// sekToUSD converts each payout month's SEK balance for the 50 USD
	// threshold (PAY-04).
	sekToUSD = currency.MustParseRate("0.1048")
)

// The subscription's resource ID, which usage events name.
const mailResource = "5b2e8c1d-7f4a-4c3e-9a6b-0d1e2f3a4b5c"

// width is where explanations wrap.
const width = 99

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// addMonths is t plus n calendar months (the story's dates are far from
// the ends of the calendar, so there is no error to report).
func addMonths(t time.Time, n int) time.Time {
	r, _ := calendar.AddMonths(t, calendar.Months(n))
	return r
}

// say returns en or sv, in the story's language.
func (s *story) say(en, sv string) string { return textout.Say(s.l, en, sv) }

// run tells the story and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := textout.NewCommand("saas-lifecycle",
		"tells one customer's year with a publisher's SaaS offers as a sequence of decisions, each with its rule: trial, conversion, seat and plan changes, refunds, metered usage and the publisher's payouts.",
		"[-lang en|sv]", stdout, stderr)
	cmd.LanguageFlag()
	l, ok, status := cmd.Parse(args)
	if !ok {
		return status
	}
	if cmd.Flags.NArg() > 0 {
		return cmd.Usagef("no arguments expected, not %q", cmd.Flags.Arg(0))
	}
	s, err := newStory(&textout.Printer{W: stdout}, l)
	if err == nil {
		err = s.tell()
	}
	switch {
	case err != nil:
		return cmd.Problems(l, "", err)
	case s.p.Err() != nil:
		return cmd.Failf(textout.ExitUsage, "writing: %v", s.p.Err())
	}
	return textout.ExitOK
}

// story holds the customer's standing with both offers as the year goes
// on: the trial state, the subscriptions and every charge.
type story struct {
	p       *textout.Printer
	l       rule.Language
	zone    *time.Location
	loc     currency.Locale // how Sweden writes money
	quote   pricing.Policy
	prorate pricing.Policy

	workspace, mail offer.Offer
	// The plans of the story.
	team, business, enterprise, basic *plan.Plan

	// The trial rules of each offer, and the customer's standing with it.
	trials             trial.Policy
	wsTrial, mailTrial trial.Offering
	wsState, mailState trial.State

	sub     pricing.Subscription // the Workspace subscription
	mailSub pricing.Subscription // the Mail Analytics subscription
	second  charge               // the purchase of a second Workspace subscription
	charges []charge
	month   time.Time // the month of the last heading
}

// charge is one amount billed to the customer (or refunded).
type charge struct {
	at     time.Time
	sub    string
	what   string
	rule   rule.ID
	amount currency.Money
	kind   payout.Charge
	typ    payout.TransactionType
}

func newStory(p *textout.Printer, l rule.Language) (*story, error) {
	zone, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return nil, err
	}
	s := &story{p: p, l: l, zone: zone, loc: home.Market().Locale(),
		quote: pricing.DefaultPolicy(), prorate: pricing.DefaultPolicy()}
	// Billing periods and proration days count in the customer's zone.
	s.quote.Location = zone
	s.prorate.Location = zone
	for _, o := range []struct {
		dst  *offer.Offer
		name string
		json string
	}{{&s.workspace, "workspace-offer.json", workspaceJSON}, {&s.mail, "mail-offer.json", mailJSON}} {
		var err error
		if *o.dst, err = offer.DefaultPolicy().Decode(strings.NewReader(o.json), 0); err == nil {
			err = offer.DefaultPolicy().CheckOffer(*o.dst)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.name, err)
		}
	}
	for _, pl := range []struct {
		dst *(*plan.Plan)
		o   *offer.Offer
		id  string
	}{{&s.team, &s.workspace, "team"}, {&s.business, &s.workspace, "business"}, {&s.enterprise, &s.workspace, "enterprise"}, {&s.basic, &s.mail, "basic"}} {
		var ok bool
		if *pl.dst, ok = pl.o.Plan(pl.id); !ok {
			return nil, fmt.Errorf("offer %s has no plan %q", pl.o.ID, pl.id)
		}
	}
	s.trials = trial.DefaultPolicy()
	s.wsTrial = trial.Offering{Type: s.workspace.Type, SellThroughMicrosoft: s.workspace.SellsThroughMicrosoft()}
	s.mailTrial = trial.Offering{Type: s.mail.Type, SellThroughMicrosoft: s.mail.SellsThroughMicrosoft()}
	return s, nil
}

// event is a step of the story at an instant.
type event struct {
	at    time.Time
	title string
	do    func(at time.Time) error
}

// tell runs the year's events in order, then the statement of charges and
// the publisher's payouts.
func (s *story) tell() error {
	day := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, s.zone) }
	trialStart := day(time.January, 12, 9, 0)
	converts := addMonths(trialStart, 1) // the trial's end: one month (TRL-02)
	mailStart := day(time.September, 1, 10, 0)

	events := []event{
		{trialStart, s.say("Fabrikam starts a free trial of Workspace Team", "Fabrikam startar en kostnadsfri provperiod av Workspace Team"), s.startTrial},
		{trialStart.AddDate(0, 0, 15), s.say("15 days in, Fabrikam switches the trial to Business", "Efter 15 dagar byter Fabrikam provperioden till Business"), s.switchTrial},
		{day(time.February, 3, 14, 0), s.say("Fabrikam asks to pay for Business at once", "Fabrikam vill betala för Business genast"), s.convertEarly},
		{converts, s.say("The trial ends: Business converts to a paid subscription", "Provperioden slutar: Business blir en betald prenumeration"), s.convert},
		{day(time.April, 20, 10, 30), s.say("Fabrikam grows from 25 to 40 users", "Fabrikam växer från 25 till 40 användare"), s.seatChange},
		{day(time.June, 8, 10, 0), s.say("Another Fabrikam department buys Team for 5 users", "En annan avdelning på Fabrikam köper Team för 5 användare"), s.secondPurchase},
		{day(time.June, 9, 16, 30), s.say("…and asks for its money back the next day", "…och begär pengarna tillbaka dagen efter"), s.refundInside},
		{day(time.July, 15, 11, 0), s.say("Fabrikam upgrades all 40 users to Enterprise", "Fabrikam uppgraderar alla 40 användare till Enterprise"), s.planChange},
		{mailStart, s.say("Fabrikam subscribes to Contoso Mail Analytics Basic", "Fabrikam prenumererar på Contoso Mail Analytics Basic"), s.buyMail},
		{day(time.September, 14, 12, 0), s.say("Contoso reports a batch of Mail Analytics usage", "Contoso rapporterar en omgång användning av Mail Analytics"), s.usageBatch},
		{addMonths(mailStart, 1), s.say("September's metered usage is billed", "Septembers mätta användning faktureras"), s.overage},
		{day(time.November, 15, 17, 0), s.say("Fabrikam asks for a refund of November's Workspace charge", "Fabrikam begär återbetalning av novembers debitering för Workspace"), s.refundOutside},
	}
	// The monthly renewals: Workspace from its conversion, Mail Analytics
	// from its purchase, each computed from its anchor (never chained).
	for n := 1; addMonths(converts, n).Year() == 2026; n++ {
		events = append(events, event{addMonths(converts, n), s.say("Workspace renews", "Workspace förnyas"), s.renew(&s.sub, "Workspace")})
	}
	for n := 1; addMonths(mailStart, n).Year() == 2026; n++ {
		events = append(events, event{addMonths(mailStart, n), s.say("Mail Analytics renews", "Mail Analytics förnyas"), s.renew(&s.mailSub, "Mail Analytics")})
	}
	slices.SortStableFunc(events, func(a, b event) int { return a.at.Compare(b.at) })

	s.p.Printf(s.say("A year with Contoso's SaaS offers: %s, Stockholm (market %s, billed in %s)\n",
		"Ett år med Contosos SaaS-erbjudanden: %s, Stockholm (marknad %s, faktureras i %s)\n"),
		customer, home, home.Market().Currency)
	s.p.Println(strings.Repeat("=", 80))
	for _, e := range events {
		if m := time.Date(e.at.Year(), e.at.Month(), 1, 0, 0, 0, 0, s.zone); !m.Equal(s.month) {
			s.month = m
			heading := textout.MonthYear(s.l, m)
			s.p.Printf("\n%s\n%s\n", heading, strings.Repeat("-", textout.Width(heading)))
		}
		s.p.Printf("\n%s  %s\n", textout.DayTime(s.l, e.at), e.title)
		if err := e.do(e.at); err != nil {
			return fmt.Errorf("%s, %s: %w", e.at.Format(time.DateTime), e.title, err)
		}
	}
	if err := s.statement(); err != nil {
		return err
	}
	return s.payouts()
}

// decision prints a rule and an explanation, wrapped under the rule.
func (s *story) decision(id rule.ID, text string) {
	s.p.Printf("%s", textout.Wrap(fmt.Sprintf("  %-7s ", id), text, width))
}

// effects prints a trial transition's effects.
func (s *story) effects(fx trial.Effects) {
	for e := range fx.All() {
		s.decision(e.Rule, e.Explain(s.l))
	}
}

func (s *story) startTrial(at time.Time) error {
	team := s.team
	e, err := s.trials.CheckEligibility(s.wsTrial, team, s.wsState.History())
	if err != nil {
		return err
	}
	s.decision(e.Rule, e.Explain(s.l))
	t, err := s.trials.Apply(s.wsState, trial.Event{Type: trial.Start, At: at, Plan: team, Market: home, Offer: s.wsTrial})
	if err != nil {
		return err
	}
	s.wsState = t.State
	s.effects(t.Effects)
	return nil
}

func (s *story) switchTrial(at time.Time) error {
	t, err := s.trials.Apply(s.wsState, trial.Event{Type: trial.Switch, At: at, Plan: s.business, Offer: s.wsTrial})
	if err != nil {
		return err
	}
	s.wsState = t.State
	s.effects(t.Effects)
	return nil
}

// convertEarly: a trial-enabled plan cannot be paid for before the trial
// ends (TRL-08); the state does not change.
func (s *story) convertEarly(at time.Time) error {
	t, err := s.trials.Apply(s.wsState, trial.Event{Type: trial.Convert, At: at, Plan: s.business})
	if err != nil {
		return err
	}
	if t.Allowed {
		return errors.New("an early conversion to a trial-enabled plan was accepted")
	}
	s.decision(t.Rule, t.Explain(s.l))
	return nil
}

// convert: the scheduler ticks at the trial's end; the plan under
// evaluation converts, and billing starts with the first charge.
func (s *story) convert(at time.Time) error {
	if !s.wsState.ConversionDue(at) {
		return errors.New("the trial has not ended")
	}
	t, err := s.trials.Apply(s.wsState, trial.Event{Type: trial.Tick, At: at})
	if err != nil {
		return err
	}
	s.wsState = t.State
	s.effects(t.Effects)
	bill, ok := t.Effects.Find(trial.StartBilling)
	if !ok {
		return errors.New("the conversion started no billing")
	}
	pl, ok := s.workspace.Plan(bill.Plan)
	if !ok {
		return fmt.Errorf("no plan %q", bill.Plan)
	}
	s.sub = pricing.Subscription{Plan: pl, Market: home, Term: plan.OneMonth, Payment: plan.Upfront, Quantity: 25, Start: bill.At}
	s.p.Println()
	s.p.Println(s.say("  The first charge, for 25 users:", "  Den första debiteringen, för 25 användare:"))
	q, err := s.quote.Quote(s.sub)
	if err != nil {
		return err
	}
	s.decision(q.Rule, q.Explain(s.l))
	return s.bill(&s.sub, "Workspace", at)
}

// bill charges the term of sub that starts at at.
func (s *story) bill(sub *pricing.Subscription, name string, at time.Time) error {
	lines, err := s.quote.AppendSchedule(nil, *sub, at)
	if err != nil {
		return err
	}
	for _, line := range lines {
		if !line.BilledAt.Equal(at) {
			continue
		}
		s.decision(line.Rule, line.Explain(s.l))
		what := line.Plan
		if sub.Plan.Pricing.Model == plan.PerUser {
			what += ", " + s.users(line.Quantity)
		}
		s.add(charge{at, name, what, line.Rule, line.Amount, payout.Order, payout.Sale})
	}
	return nil
}

// renew returns the event that bills a subscription's next month.
func (s *story) renew(sub *pricing.Subscription, name string) func(time.Time) error {
	return func(at time.Time) error { return s.bill(sub, name, at) }
}

func (s *story) add(c charge) { s.charges = append(s.charges, c) }

func (s *story) users(n int64) string {
	return textout.Plural(int(n), s.say("user", "användare"), s.say("users", "användare"))
}

// change prorates a change of the Workspace subscription and applies it.
func (s *story) change(at time.Time, ch pricing.SubscriptionChange) error {
	pr, err := s.prorate.Prorate(s.sub, ch, at)
	if err != nil {
		return err
	}
	s.decision(pr.Rule, pr.Explain(s.l))
	if pr.Timing == pricing.TimingImmediate {
		if ch.Plan != nil {
			s.sub.Plan = ch.Plan
		}
		if ch.Quantity != 0 {
			s.sub.Quantity = ch.Quantity
		}
	}
	what := fmt.Sprintf(s.say("proration %s → %s", "proportionering %s → %s"), pr.FromPlan, pr.ToPlan)
	if pr.Kind == pricing.SeatChange {
		what = fmt.Sprintf(s.say("proration %d → %s", "proportionering %d → %s"), pr.FromQuantity, s.users(pr.ToQuantity))
	}
	s.add(charge{at, "Workspace", what, pr.Rule, pr.Net, payout.Order, payout.Sale})
	return nil
}

func (s *story) seatChange(at time.Time) error {
	return s.change(at, pricing.SubscriptionChange{Quantity: 40})
}

func (s *story) planChange(at time.Time) error {
	return s.change(at, pricing.SubscriptionChange{Plan: s.enterprise})
}

// secondPurchase: a customer who has paid for the offer gets no trial of
// it again (TRL-10), so the second subscription is paid from the start.
func (s *story) secondPurchase(at time.Time) error {
	team := s.team
	e, err := s.trials.CheckEligibility(s.wsTrial, team, s.wsState.History())
	if err != nil {
		return err
	}
	s.decision(e.Rule, e.Explain(s.l))
	second := pricing.Subscription{Plan: team, Market: home, Term: plan.OneMonth, Quantity: 5, Start: at}
	if err := s.bill(&second, s.say("Workspace (2nd)", "Workspace (2:a)"), at); err != nil {
		return err
	}
	s.second = s.charges[len(s.charges)-1]
	return nil
}

// refundInside: 30 hours 30 minutes after the purchase, inside the
// 72-hour window (RFD-01).
func (s *story) refundInside(at time.Time) error {
	bought := s.second
	d, err := refund.Policy2023().Decide(refund.Request{Charge: refund.SaaS, Term: plan.OneMonth, Start: bought.at, At: at, Paid: bought.amount, Zone: s.zone})
	if err != nil {
		return err
	}
	s.decision(d.Rule, d.Explain(s.l))
	if d.Allowed {
		back, err := d.Refund.Neg()
		if err != nil {
			return err
		}
		s.add(charge{at, bought.sub, s.say("refund, cancelled", "återbetalning, uppsagd"), d.Rule, back, payout.Order, payout.Refund})
	}
	return nil
}

// refundOutside: 80 hours after November's renewal the window has closed;
// the monthly plan can only be cancelled at the end of the period.
func (s *story) refundOutside(at time.Time) error {
	var renewal charge
	for _, c := range s.charges {
		if c.sub == "Workspace" && c.typ == payout.Sale && !c.at.After(at) {
			renewal = c
		}
	}
	d, err := refund.Policy2023().Decide(refund.Request{Charge: refund.SaaS, Term: plan.OneMonth, Start: renewal.at, At: at, Paid: renewal.amount, Zone: s.zone})
	if err != nil {
		return err
	}
	s.decision(d.Rule, d.Explain(s.l))
	return nil
}

// buyMail: a metered plan has no free trial (EXT-04); Fabrikam buys it.
func (s *story) buyMail(at time.Time) error {
	basic := s.basic
	e, err := s.trials.CheckEligibility(s.mailTrial, basic, s.mailState.History())
	if err != nil {
		return err
	}
	s.decision(e.Rule, e.Explain(s.l))
	bought, err := s.trials.Apply(s.mailState, trial.Event{Type: trial.Purchase, At: at, Plan: basic})
	if err != nil {
		return err
	}
	s.mailState = bought.State
	s.mailSub = pricing.Subscription{Plan: basic, Market: home, Term: plan.OneMonth, Rate: usdToSEK, Start: at}
	return s.bill(&s.mailSub, "Mail Analytics", at)
}

// usageBatch validates a batch of usage events as the metering service
// would (EXT-03): one event per resource, dimension and UTC hour, at most
// 24 hours back, quantities above zero, dimensions of the plan.
func (s *story) usageBatch(at time.Time) error {
	utc := func(d, h, m int) time.Time { return time.Date(2026, time.September, d, h, m, 0, 0, time.UTC) }
	ev := func(dim, qty string, t time.Time) metering.Event {
		return metering.Event{ResourceID: mailResource, Quantity: metering.MustParseQuantity(qty), Dimension: dim,
			EffectiveStartTime: t, PlanID: "basic"}
	}
	policy := metering.DefaultPolicy()
	// An earlier batch was accepted for 07:00–08:00 UTC.
	var accepted metering.KeySet
	accepted.Add(policy.KeyOf(ev("emails", "11", utc(14, 7, 5))))
	v := metering.Validation{Plans: s.mail.Plans, History: accepted.Accepted,
		Known: func(r string) bool { return r == mailResource },
		At:    at.UTC()} // in UTC, as the events are: one zone in each sentence
	batch := []metering.Event{
		ev("emails", "12", utc(14, 8, 0)),
		ev("texts", "240", utc(14, 8, 0)),
		ev("emails", "3", utc(14, 8, 40)), // the same hour as the first
		ev("emails", "9", utc(14, 7, 15)), // the hour of the earlier batch
		ev("emails", "0", utc(14, 9, 0)),
		ev("texts", "35", utc(13, 9, 30)), // 24 h 30 min ago
		ev("sms", "4", utc(14, 9, 0)),     // not a dimension of the plan
		ev("emails", "7.5", utc(14, 9, 0)),
	}
	b := policy.ValidateBatch(v, batch)
	if !b.Allowed {
		s.decision(b.Rule, b.Explain(s.l))
		return nil
	}
	s.p.Printf(s.say("  %d events for subscription %s…, checked at %s UTC:\n\n", "  %d händelser för prenumerationen %s…, kontrollerade %s UTC:\n\n"),
		len(batch), mailResource[:8], at.UTC().Format("15:04"))
	t := textout.NewTable("#", s.say("Dimension", "Dimension"), s.say("Effective (UTC)", "Gäller från (UTC)"), s.say("Quantity", "Antal"),
		s.say("Status", "Status"), s.say("Rule", "Regel")).AlignRight(0, 3)
	for i, r := range b.Results {
		eff := batch[i].EffectiveStartTime.UTC()
		t.Row(strconv.Itoa(i+1), batch[i].Dimension, s.say(eff.Format("Jan 2 15:04"), eff.Format("2 ")+svMonth(eff)+eff.Format(" 15:04")),
			textout.Number(s.l, r.Quantity.String()), textout.EventStatus(s.l, r.Status), string(r.Rule))
	}
	t.Write(s.p)
	s.p.Println()
	s.p.Printf(s.say("  %d of %d accepted. Why the others were not:\n", "  %d av %d accepterade. Varför de andra inte var det:\n"), b.Accepted, b.Count)
	for i, r := range b.Results {
		if !r.Allowed {
			s.decision(r.Rule, fmt.Sprintf("#%d %s", i+1, r.Explain(s.l)))
		}
	}
	return nil
}

// overage bills September's metered usage above the included quantities,
// in arrears at the end of the month of usage (EXT-03, PRC-07).
func (s *story) overage(at time.Time) error {
	september := []pricing.MeteredUsage{
		{Dimension: "emails", Used: 134}, // hundreds of emails: 13,400
		{Dimension: "texts", Used: 1180},
	}
	lines, err := s.quote.AppendOverage(nil, s.mailSub, at.Add(-time.Hour), september)
	if err != nil {
		return err
	}
	for _, line := range lines {
		s.decision(line.Rule, line.Explain(s.l))
		if line.Amount.Sign() != 0 {
			s.add(charge{line.BilledAt, "Mail Analytics", s.say("overage, ", "överförbrukning, ") + line.Dimension, line.Rule, line.Amount, payout.Usage, payout.Sale})
		}
	}
	return nil
}

// statement prints every charge of the year.
func (s *story) statement() error {
	heading := fmt.Sprintf(s.say("The year's charges to %s", "Årets debiteringar till %s"), customer)
	s.p.Printf("\n%s\n%s\n\n", heading, strings.Repeat("-", textout.Width(heading)))
	t := textout.NewTable(s.say("Date", "Datum"), s.say("Subscription", "Prenumeration"), s.say("For", "För"),
		s.say("Rule", "Regel"), s.say("Amount", "Belopp")).AlignRight(4)
	var total currency.Money
	for _, c := range s.charges {
		t.Row(c.at.Format("2006-01-02"), c.sub, c.what, string(c.rule), s.loc.Format(c.amount))
		var err error
		if total, err = total.Add(c.amount); err != nil {
			return err
		}
	}
	t.Row("", "", s.say("Total", "Summa"), "", s.loc.Format(total))
	t.Write(s.p)
	return nil
}

// payouts follows the year's charges to Contoso: the store service fee,
// when each is paid out, and the monthly payouts.
func (s *story) payouts() error {
	heading := s.say("Contoso's payouts for the year", "Contosos utbetalningar för året")
	s.p.Printf("\n%s\n%s\n\n", heading, strings.Repeat("-", textout.Width(heading)))
	pol := payout.DefaultPolicy()
	var txs []payout.Transaction
	for i, c := range s.charges {
		txs = append(txs, payout.Transaction{ID: fmt.Sprintf("T-%02d", i+1), Date: c.at, Agreement: payout.MCA, Payment: payout.Invoice,
			Charge: c.kind, Type: c.typ, Gross: c.amount})
	}
	first := txs[0]
	f, err := pol.Fee(payout.Transaction{Gross: first.Gross, Collected: first.Date})
	if err != nil {
		return err
	}
	s.p.Printf(s.say("  The first charge, %s on %s, an MCA invoice:\n", "  Den första debiteringen, %s den %s, en MCA-faktura:\n"),
		s.loc.Format(first.Gross), first.Date.Format(time.DateOnly))
	s.decision(f.Rule, f.Explain(s.l))
	sch, err := pol.Schedule(first)
	if err != nil {
		return err
	}
	s.decision(sch.Rule, sch.Explain(s.l))

	rates := payout.MonthRates{}
	jan2026, _ := calendar.YearMonthOf(2026, time.January)
	for i := range calendar.Months(24) {
		m, _ := jan2026.AddMonths(i)
		rates[m] = []currency.ExchangeRate{{From: currency.SEK, To: currency.USD, Rate: sekToUSD}}
	}
	st, err := pol.BuildStatement(slices.Values(txs), rates)
	if err != nil {
		return err
	}
	usd := market.US.Market().Locale()
	s.p.Println()
	s.p.Printf(s.say("  Every month's payout (threshold %s, at %s USD per SEK):\n\n", "  Varje månads utbetalning (tröskel %s, till %s USD per SEK):\n\n"),
		usd.Format(pol.Threshold), textout.Number(s.l, sekToUSD.String()))
	t := textout.NewTable(s.say("Month", "Månad"), s.say("Sent by", "Skickas senast"), s.say("Status", "Status"),
		s.say("Combined", "Sammanlagt"), s.say("Paid out", "Utbetalt"), s.say("Rule", "Regel")).AlignRight(3, 4)
	for _, po := range st.Payouts {
		paid := "—"
		for _, b := range po.Balances {
			if !b.Paid.IsZero() {
				paid = s.loc.Format(b.Paid)
			}
		}
		t.Row(po.Month.String(), s.say(po.Date.Format("2 Jan 2006"), po.Date.Format("2 ")+svMonth(po.Date)+po.Date.Format(" 2006")), s.outcome(po), usd.Format(po.Combined), paid, string(po.Rule))
	}
	t.Write(s.p)
	s.p.Println()
	for _, po := range st.Payouts {
		if !po.Allowed || po.Month == st.Payouts[0].Month {
			s.decision(po.Rule, firstLine(po.Explain(s.l)))
		}
	}
	for _, tot := range st.Totals {
		s.p.Printf("\n%s", textout.Wrap("  ", fmt.Sprintf(s.say("In %s: %s billed, of which %s store service fee and %s paid to Contoso; %s still to come.",
			"I %s: %s fakturerat, varav %s butikstjänstavgift och %s utbetalt till Contoso; %s återstår."),
			tot.Currency, s.loc.Format(tot.Gross), s.loc.Format(tot.Fee), s.loc.Format(tot.Paid), s.loc.Format(tot.Carried)), width))
	}
	return nil
}

// firstLine keeps an explanation's first line.
func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// outcome names a payout's outcome: paid, carried or withheld.
func (s *story) outcome(po payout.Payout) string {
	switch {
	case po.Allowed:
		return s.say("paid", "utbetald")
	case po.Reason == payout.ReasonNegativeBalance:
		return s.say("withheld", "innehållen")
	}
	return s.say("carried", "överförd")
}

// svMonth is the Swedish short name of t's month: "jan", "maj", "sep".
func svMonth(t time.Time) string {
	return [...]string{"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}[t.Month()-1]
}

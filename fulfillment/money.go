package fulfillment

// This file is the one place the package calls the pricing, refund and
// trial packages.

import (
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

// MoneyRequest asks what a decided webhook call means for the money: the
// state before the call, its decision, and the publisher's plans and the
// customer's market, in which the library's pricing rules compute.
type MoneyRequest struct {
	Before   State    `json:"before"`
	Decision Decision `json:"decision"`
	// Plan is the plan the subscription had before the call; NewPlan the
	// plan a ChangePlan moves it to. Needed for a change or a renewal.
	Plan    *plan.Plan `json:"-"`
	NewPlan *plan.Plan `json:"-"`
	// Market is the customer's market, Payment how the term is paid, and
	// Rate the conversion from USD where the plan has no price in the
	// market's currency.
	Market  market.Code           `json:"market,omitzero"`
	Payment plan.PaymentOption    `json:"payment"`
	Rate    currency.ExchangeRate `json:"-"`
	// Paid is what was paid for the current term, for the refund of an
	// Unsubscribe; Zone the buyer's time zone, where days are counted
	// (UTC when nil).
	Paid currency.Money `json:"paid,omitzero"`
	Zone *time.Location `json:"-"`
}

// Money is what a call means for the money: the proration of a plan or
// quantity change, the refund decision of an Unsubscribe (FUL-13), the
// next term's charge of a renewal, the free-trial event a call of a trial
// subscription is (isFreeTrial), and for a purchase through a CSP partner
// (sandboxType Csp) its auto-renewal and the CSP refund windows of its
// Unsubscribe. The parts that do not apply are nil.
type Money struct {
	Rule    rule.ID            `json:"rule"`
	Reason  rule.Reason        `json:"reason"`
	Action  Action             `json:"action,omitzero"`
	Prorate *pricing.Proration `json:"proration,omitzero"`
	Refund  *refund.Decision   `json:"refund,omitzero"`
	Renewal *pricing.Quote     `json:"renewal,omitzero"`
	// Trial is the free-trial machine's event the call is, for a
	// subscription in its free trial: Switch for a plan change, Tick for
	// the renewal that ends the trial, Cancel for an Unsubscribe.
	Trial trial.EventType `json:"trial,omitzero"`
	// CSP says whether a CSP purchase renews automatically.
	CSP *pricing.CSPRenewal `json:"csp,omitzero"`
}

// Reasons of a [Money] answer.
const (
	ReasonNoMoney       rule.Reason = "no-money"       // the call changes no money: not applied, or a suspension or reinstatement
	ReasonProrated      rule.Reason = "prorated"       // a change prorated (PRC-05, PRC-06)
	ReasonRefundDecided rule.Reason = "refund-decided" // an Unsubscribe's refund decided (FUL-13)
	ReasonRenewalCharge rule.Reason = "renewal-charge" // the next term's charge
	ReasonFreeTrial     rule.Reason = "free-trial"     // a call of a subscription in its free trial: nothing charged
)

// Money computes what a decided call means for the money, with the
// library's pricing, refund and trial rules. A call that was not applied,
// a suspension and a reinstatement change no money. Invalid input for
// those rules (a missing plan, a term the plan does not sell) is their
// [rule.Problems].
func (p Policy) Money(req MoneyRequest) (Money, error) {
	d := &req.Decision
	sub := &req.Before.Subscription
	m := Money{Rule: d.Rule, Reason: ReasonNoMoney, Action: d.Action}
	if sub.SandboxType == SandboxCsp {
		r := pricing.DefaultPolicy().CSPRenewal(sub.Created)
		m.CSP = &r
	}
	if !d.Allowed {
		return m, nil
	}
	if sub.IsFreeTrial {
		m.Rule, m.Reason = "TRL-11", ReasonFreeTrial
		switch d.Action {
		case ChangePlan, ChangeQuantity:
			m.Trial = trial.Switch
		case Renew:
			m.Trial = trial.Tick
		case Unsubscribe:
			m.Trial = trial.Cancel
		default:
			m.Reason = ReasonNoMoney
		}
		return m, nil
	}
	zone := req.Zone
	if zone == nil {
		zone = time.UTC
	}
	var ps rule.Problems
	term, err := plan.ParseTerm(string(sub.Term.Unit))
	if err != nil {
		addProblem(&ps, ful11, "before.subscription.term.termUnit", ErrInvalidValue, msgUnknown, "term unit", string(sub.Term.Unit))
		return m, ps.Err()
	}
	anchor := req.Before.Anchor
	if anchor.IsZero() {
		anchor = sub.Term.Start
	}
	quote := pricing.Subscription{Plan: req.Plan, Market: req.Market, Term: term, Payment: req.Payment,
		Quantity: sub.Quantity, Rate: req.Rate, Start: anchor.In(zone)}
	switch d.Action {
	case ChangePlan, ChangeQuantity:
		if req.Plan == nil {
			addProblem(&ps, ful05, "plan", ErrMissing, msgMissing, "the current plan")
			return m, ps.Err()
		}
		ch := pricing.SubscriptionChange{Quantity: d.State.Subscription.Quantity}
		if d.Action == ChangePlan {
			ch.Plan = req.NewPlan
			if ch.Plan == nil {
				addProblem(&ps, ful05, "newPlan", ErrMissing, msgMissing, "the new plan")
				return m, ps.Err()
			}
			if ch.Quantity == sub.Quantity {
				ch.Quantity = 0
			}
		}
		pr, err := pricing.DefaultPolicy().Prorate(quote, ch, d.TimeStamp.In(zone))
		if err != nil {
			return m, err
		}
		m.Rule, m.Reason, m.Prorate = pr.Rule, ReasonProrated, &pr
	case Unsubscribe:
		event := refund.NewPurchase
		start := sub.Term.Start
		if start.IsZero() {
			start = sub.Created
		}
		if !anchor.IsZero() && start.After(anchor) {
			event = refund.Renewal
		}
		kind := refund.SaaS
		if sub.SandboxType == SandboxCsp {
			kind = refund.CSPSaaS // the CSP partner's windows (RFD-09)
		}
		rd, err := refund.DefaultPolicy().Decide(refund.Request{Charge: kind, Trigger: event, Term: term,
			Start: start, At: d.TimeStamp, Paid: req.Paid, Zone: zone})
		if err != nil {
			return m, err
		}
		m.Rule, m.Reason, m.Refund = ful13, ReasonRefundDecided, &rd
	case Renew:
		if req.Plan == nil {
			addProblem(&ps, ful06, "plan", ErrMissing, msgMissing, "the plan")
			return m, ps.Err()
		}
		quote.Quantity = d.State.Subscription.Quantity
		q, err := pricing.DefaultPolicy().Quote(quote)
		if err != nil {
			return m, err
		}
		m.Rule, m.Reason, m.Renewal = ful06, ReasonRenewalCharge, &q
	}
	return m, nil
}

var (
	msgNoMoney   = rule.Message{English: "The call changes no money.", Swedish: "Anropet påverkar inga belopp."}
	msgTrialCall = rule.Message{English: "The subscription is in its free trial: nothing is charged; for the trial this is a %s event (TRL-11).",
		Swedish: "Prenumerationen är i sin kostnadsfria utvärderingsperiod: inget debiteras; för utvärderingen är detta en händelse av typen %s (TRL-11)."}
)

// Explain says in lang what the call means for the money, with the
// explanations of the pricing and refund decisions it holds.
func (m Money) Explain(lang rule.Language) string {
	var parts []string
	switch {
	case m.Prorate != nil:
		parts = append(parts, m.Prorate.Explain(lang))
	case m.Refund != nil:
		parts = append(parts, m.Refund.Explain(lang))
	case m.Renewal != nil:
		parts = append(parts, m.Renewal.Explain(lang))
	case m.Reason == ReasonFreeTrial:
		parts = append(parts, msgTrialCall.Render(lang, m.Trial.String()))
	default:
		parts = append(parts, msgNoMoney.Format(lang))
	}
	if m.CSP != nil {
		parts = append(parts, m.CSP.Explain(lang))
	}
	return strings.Join(parts, " ")
}

// String returns "FUL-13 refund-decided: Unsubscribe".
func (m Money) String() string {
	return string(m.Rule) + " " + string(m.Reason) + ": " + string(m.Action)
}

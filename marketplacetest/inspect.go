package marketplacetest

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/pricing/metering"
)

// Kind says what an [Entry] of the log records.
type Kind string

// The kinds of log entries.
const (
	// KindRequest: a call of the publisher to the APIs.
	KindRequest Kind = "request"
	// KindWebhook: an attempt of the marketplace to call the host's
	// webhook.
	KindWebhook Kind = "webhook"
)

// Entry is one line of the emulator's log: a request to the APIs and its
// answer, or one attempt at a webhook call and the host's answer, at the
// virtual instant it happened.
type Entry struct {
	At     time.Time `json:"at"`
	Kind   Kind      `json:"kind"`
	Method string    `json:"method"`
	// Path is the request's path, or the webhook URL's.
	Path   string `json:"path"`
	Status int    `json:"status"`
	// SubscriptionID and OperationID are what the call concerned.
	SubscriptionID string             `json:"subscriptionId,omitzero"`
	OperationID    string             `json:"operationId,omitzero"`
	Action         fulfillment.Action `json:"action,omitzero"`
	// Attempt counts the attempts of a webhook call, from 1; Error says
	// why one could not be delivered (Status 0).
	Attempt int    `json:"attempt,omitzero"`
	Error   string `json:"error,omitzero"`
}

// Log returns every request and webhook attempt so far, in order.
func (s *Server) Log() []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// Usage is a usage event the metering API accepted.
type Usage struct {
	UsageEventID string            `json:"usageEventId"`
	ResourceID   string            `json:"resourceId"`
	PlanID       string            `json:"planId"`
	Dimension    string            `json:"dimension"`
	Quantity     metering.Quantity `json:"quantity"`
	// EffectiveStartTime is when the usage happened; MessageTime when it
	// was accepted (virtual time).
	EffectiveStartTime time.Time `json:"effectiveStartTime"`
	MessageTime        time.Time `json:"messageTime"`
}

// Usage returns the usage events accepted so far, in order.
func (s *Server) Usage() []Usage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Usage, 0, len(s.usage))
	for _, u := range s.usage {
		r := u.result
		out = append(out, Usage{UsageEventID: r.UsageEventID, ResourceID: u.sub, PlanID: r.PlanID, Dimension: r.Dimension,
			Quantity: r.Quantity, EffectiveStartTime: r.EffectiveStartTime, MessageTime: r.MessageTime})
	}
	return out
}

// Charge is a line of what the marketplace would bill: a term's recurring
// price (Dimension empty; Quantity the seats, 1 for a flat rate), a
// meter's usage in a term above the quantity the plan includes in each
// term (refilled at every renewal), or the proration of a change of plan
// or seats within a term (Proration set).
type Charge struct {
	SubscriptionID string    `json:"subscriptionId"`
	PlanID         string    `json:"planId"`
	Dimension      string    `json:"dimension,omitzero"`
	TermStart      time.Time `json:"termStart"`
	TermEnd        time.Time `json:"termEnd"`
	// Quantity is the seats or the usage; Included the usage the plan
	// includes; Billed the part charged, at UnitPrice, for Amount.
	Quantity  json.Number    `json:"quantity,omitzero"`
	Included  int64          `json:"included,omitzero"`
	Billed    json.Number    `json:"billed,omitzero"`
	UnitPrice currency.Money `json:"unitPrice"`
	Amount    currency.Money `json:"amount"`
	// Proration is the change a proration line bills, as package
	// fulfillment's Policy.Money computes it with package pricing
	// (PRC-05 for a plan, PRC-06 for seats): the line runs from the day
	// of the change to the end of the billing period (its Credited
	// part), Quantity is the seats after it, UnitPrice the new plan's
	// price, and Amount the proration's Net: the charge for the rest of
	// the period at the new plan and seats less the credit for it at the
	// old (negative when the change lowers the price).
	Proration *pricing.Proration `json:"proration,omitzero"`
}

// Charges returns what the marketplace would bill a subscription so far,
// in the order of the terms: each term started (at activation and at
// each renewal) at its plan's price (nothing for a free trial's term),
// and each meter's accepted usage per term above the quantity the plan
// includes, refilled at every renewal, as package metering's Overage
// counts it (MTR-03; for 4- and 5-year terms, which it does not count,
// by the same rule in the emulator). Usage is charged at the plan the
// events name. A change of plan or seats within a term adds a proration
// line dated the day of the change, as package fulfillment's money side
// prorates it (PRC-05, PRC-06; plans priced in USD, in the United
// States; nothing for a free trial's change or one between a flat-rate
// and a per-user plan, OFR-06); the terms after it are billed at the new
// plan and seats.
// Amounts are rounded half to even to the currency's minor unit.
func (s *Server) Charges(subscriptionID string) []Charge {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.byID[subscriptionID]
	if !ok {
		return nil
	}
	var out []Charge
	for _, t := range sub.terms {
		p, _ := s.plan(t.plan)
		seats := max(t.quantity, 1)
		if !p.PerUser {
			seats = 1
		}
		free := decimal.Zero
		if t.trial {
			free = decimal.NewFromInt(seats)
		}
		out = append(out, charge(Charge{SubscriptionID: subscriptionID, PlanID: t.plan, TermStart: t.start, TermEnd: t.end, UnitPrice: p.Price},
			decimal.NewFromInt(seats), free))
	}
	for i := range sub.prorations {
		pr := sub.prorations[i] // a copy: the caller may keep and change it
		p, _ := s.plan(pr.ToPlan)
		out = append(out, Charge{SubscriptionID: subscriptionID, PlanID: pr.ToPlan, TermStart: pr.Credited.Start, TermEnd: pr.Credited.End,
			Quantity: json.Number(strconv.FormatInt(max(pr.ToQuantity, 1), 10)), UnitPrice: p.Price, Amount: pr.Net, Proration: &pr})
	}
	if !s.overageLines(sub, &out) {
		for _, t := range sub.terms {
			out = s.usageLines(sub, t, out)
		}
	}
	slices.SortStableFunc(out, func(a, b Charge) int { return a.TermStart.Compare(b.TermStart) })
	return out
}

// overageLines bills the subscription's accepted usage with package
// metering's Overage (MTR-03, EXT-03): per plan the events name, each
// term's use of each dimension above the allowance, refilled at every
// renewal counted from the first term's start. It reports false, adding
// nothing, when the rules cannot bill it (a term they do not count).
func (s *Server) overageLines(sub *subscription, out *[]Charge) bool {
	id := sub.state.Subscription.ID
	if len(sub.terms) == 0 {
		return true
	}
	term, err := plan.ParseTerm(string(sub.state.Subscription.Term.Unit))
	if err != nil {
		return false
	}
	var plans []string
	events := map[string][]metering.Event{}
	for _, u := range s.usage {
		if u.sub != id {
			continue
		}
		if _, seen := events[u.result.PlanID]; !seen {
			plans = append(plans, u.result.PlanID)
		}
		events[u.result.PlanID] = append(events[u.result.PlanID], u.event)
	}
	var lines []Charge
	for _, planID := range plans {
		p, _ := s.plan(planID)
		req := metering.OverageRequest{Term: term, Start: sub.terms[0].start, Events: events[planID]}
		prices := map[string]currency.Money{}
		for _, d := range p.Dimensions {
			price, err := currency.ParseRate(string(amount(d.Price)))
			if err != nil {
				return false
			}
			req.Meters = append(req.Meters, metering.Meter{Dimension: d.ID, Price: price, Included: plan.Quantity(d.Included)})
			prices[d.ID] = d.Price
		}
		o, err := s.meterPol.Overage(req)
		if err != nil {
			return false
		}
		for _, u := range o.Terms {
			q, _ := decimal.NewFromString(u.Used.String())
			billable, _ := decimal.NewFromString(u.Billable.String())
			lines = append(lines, charge(Charge{SubscriptionID: id, PlanID: planID, Dimension: u.Dimension, TermStart: u.Period.Start,
				TermEnd: u.Period.End, Included: int64(u.Allowance), UnitPrice: prices[u.Dimension]}, q, q.Sub(billable)))
		}
	}
	*out = append(*out, lines...)
	return true
}

// usageLines bills a term's usage where package metering cannot: each
// meter's usage in the term above the plan's included quantity.
func (s *Server) usageLines(sub *subscription, t term, out []Charge) []Charge {
	id := sub.state.Subscription.ID
	type key struct{ plan, dim string }
	used := map[key]decimal.Decimal{}
	var order []key
	for _, u := range s.usage {
		at := u.result.EffectiveStartTime
		if u.sub != id || at.Before(t.start) || !at.Before(t.end) {
			continue
		}
		k := key{u.result.PlanID, u.result.Dimension}
		if _, seen := used[k]; !seen {
			order = append(order, k)
		}
		q, _ := decimal.NewFromString(u.result.Quantity.String())
		used[k] = used[k].Add(q)
	}
	for _, k := range order {
		up, _ := s.plan(k.plan)
		var dim Dimension
		for _, d := range up.Dimensions {
			if d.ID == k.dim {
				dim = d
			}
		}
		out = append(out, charge(Charge{SubscriptionID: id, PlanID: k.plan, Dimension: k.dim, TermStart: t.start,
			TermEnd: t.end, Included: dim.Included, UnitPrice: dim.Price}, used[k], decimal.NewFromInt(dim.Included)))
	}
	return out
}

func charge(c Charge, qty, included decimal.Decimal) Charge {
	billed := qty.Sub(included)
	if billed.Sign() < 0 {
		billed = decimal.Zero
	}
	c.Quantity, c.Billed = json.Number(qty.String()), json.Number(billed.String())
	price, err := decimal.NewFromString(c.UnitPrice.Amount())
	if err != nil || c.UnitPrice.Code() == 0 {
		return c
	}
	if m, err := currency.FromDecimal(price.Mul(billed), c.UnitPrice.Code(), currency.HalfEven); err == nil {
		c.Amount = m
	}
	return c
}

// wirePlan is a plan as List Available Plans returns it.
type wirePlan struct {
	PlanID         string `json:"planId"`
	DisplayName    string `json:"displayName"`
	IsPrivate      bool   `json:"isPrivate"`
	Description    string `json:"description"`
	MinQuantity    int64  `json:"minQuantity"`
	MaxQuantity    int64  `json:"maxQuantity"`
	HasFreeTrials  bool   `json:"hasFreeTrials"`
	IsPricePerSeat bool   `json:"isPricePerSeat"`
	IsStopSell     bool   `json:"isStopSell"`
	Market         string `json:"market"`
	PlanComponents struct {
		RecurrentBillingTerms []wireTerm      `json:"recurrentBillingTerms"`
		MeteringDimensions    []wireDimension `json:"meteringDimensions"`
	} `json:"planComponents"`
}

type wireTerm struct {
	Currency                string         `json:"currency"`
	Price                   json.Number    `json:"price"`
	TermUnit                string         `json:"termUnit"`
	TermDescription         string         `json:"termDescription"`
	MeteredQuantityIncluded []wireIncluded `json:"meteredQuantityIncluded"`
}

type wireIncluded struct {
	DimensionID string `json:"dimensionId"`
	Units       string `json:"units"`
}

type wireDimension struct {
	ID            string      `json:"id"`
	Currency      string      `json:"currency"`
	PricePerUnit  json.Number `json:"pricePerUnit"`
	UnitOfMeasure string      `json:"unitOfMeasure"`
	DisplayName   string      `json:"displayName"`
}

func amount(m currency.Money) json.Number {
	a := m.Amount()
	if a == "" {
		a = "0"
	}
	return json.Number(a)
}

func toWire(p Plan) wirePlan {
	w := wirePlan{PlanID: p.ID, DisplayName: p.DisplayName, Description: p.DisplayName, MinQuantity: p.MinQuantity,
		MaxQuantity: p.MaxQuantity, HasFreeTrials: p.FreeTrial, IsPricePerSeat: p.PerUser, Market: "US"}
	t := wireTerm{Currency: p.Price.Code().String(), Price: amount(p.Price), TermUnit: string(p.Term),
		TermDescription: termDescription(p.Term), MeteredQuantityIncluded: []wireIncluded{}}
	w.PlanComponents.MeteringDimensions = []wireDimension{}
	for _, d := range p.Dimensions {
		if d.Included > 0 {
			t.MeteredQuantityIncluded = append(t.MeteredQuantityIncluded, wireIncluded{DimensionID: d.ID, Units: decimal.NewFromInt(d.Included).String()})
		}
		w.PlanComponents.MeteringDimensions = append(w.PlanComponents.MeteringDimensions, wireDimension{ID: d.ID,
			Currency: d.Price.Code().String(), PricePerUnit: amount(d.Price), UnitOfMeasure: d.Unit, DisplayName: d.ID})
	}
	w.PlanComponents.RecurrentBillingTerms = []wireTerm{t}
	return w
}

func termDescription(u fulfillment.TermUnit) string {
	switch m := u.Months(); {
	case m == 1:
		return "1 month subscription"
	case m%12 == 0 && m == 12:
		return "1 year subscription"
	case m%12 == 0:
		return decimal.NewFromInt(int64(m/12)).String() + " years subscription"
	}
	return string(u)
}

func pathOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Path
}

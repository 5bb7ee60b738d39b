package metering

import (
	"slices"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// classOf returns what a status means for the publisher (MTR-04): the
// reason of its outcome.
func classOf(s EventStatus) rule.Reason {
	switch s {
	case Accepted:
		return ReasonDelivered
	case Duplicate:
		return ReasonAlreadyDelivered
	case Expired:
		return ReasonLost
	case InvalidDimension, InvalidQuantity, BadArgument:
		return ReasonFix
	case ResourceNotActive, ResourceNotFound, ResourceNotAuthorized:
		return ReasonStop
	}
	return ReasonRetry
}

// Exchange is one request sent and the reply it got: the events sent
// (one, or a batch) and the decoded reply; a zero Reply means no answer
// came (a timeout, a 5xx without a body).
type Exchange struct {
	Sent  []Event `json:"sent"`
	Reply Reply   `json:"reply"`
}

// ClassifyRequest is what classification needs: every exchange so far,
// the plan's meters (to price what is lost) and the instant of the
// classification (an event to retry that is by then too old is lost).
type ClassifyRequest struct {
	Exchanges []Exchange `json:"exchanges"`
	Meters    []Meter    `json:"meters,omitempty"`
	At        time.Time  `json:"at"`
}

// Outcome is what one sent event's answer means for the publisher
// (MTR-04), named by its Reason: ReasonDelivered (Accepted: billed),
// ReasonAlreadyDelivered (Duplicate: the event accepted before is billed
// instead), ReasonLost (Expired: the revenue lost, Lost, is its quantity ×
// the meter's billed price), ReasonFix (InvalidDimension, InvalidQuantity
// or BadArgument: correct it before sending it again), ReasonStop
// (ResourceNotActive, ResourceNotFound or ResourceNotAuthorized: send no
// more usage for the resource) or ReasonRetry (no answer, or Error: send
// it again); with the status that decided it and, for
// ReasonAlreadyDelivered, the event accepted before.
type Outcome struct {
	Event        Event          `json:"event"`
	Status       EventStatus    `json:"status"`
	UsageEventID string         `json:"usageEventId,omitempty"`
	Accepted     *Result        `json:"accepted,omitempty"`
	Lost         currency.Money `json:"lost,omitzero"`
	Rule         rule.ID        `json:"rule"`
	Reason       rule.Reason    `json:"reason"`
}

var (
	msgOutcome = map[rule.Reason]rule.Message{
		ReasonDelivered:        {English: "Delivered: %s of %q for %s in the hour from %v (%s).", Swedish: "Levererad: %s av %q för %s under timmen från %v (%s)."},
		ReasonAlreadyDelivered: {English: "Already delivered: %s of %q for %s in the hour from %v; the event accepted before is billed (%s).", Swedish: "Redan levererad: %s av %q för %s under timmen från %v; den tidigare godkända händelsen faktureras (%s)."},
		ReasonLost:             {English: "Lost: %s of %q for %s in the hour from %v expired and can no longer be billed (%s).", Swedish: "Förlorad: %s av %q för %s under timmen från %v har gått ut och kan inte längre faktureras (%s)."},
		ReasonFix:              {English: "To fix: %s of %q for %s in the hour from %v was refused as %v (%s).", Swedish: "Att rätta: %s av %q för %s under timmen från %v avvisades som %v (%s)."},
		ReasonStop:             {English: "Stop: %s of %q for %s in the hour from %v was refused as %v; send no more usage for the resource (%s).", Swedish: "Stoppa: %s av %q för %s under timmen från %v avvisades som %v; skicka ingen mer användning för resursen (%s)."},
		ReasonRetry:            {English: "Retry: %s of %q for %s in the hour from %v got no final answer (%s).", Swedish: "Försök igen: %s av %q för %s under timmen från %v fick inget slutligt svar (%s)."},
	}
	msgLostAmount = rule.Message{English: " Revenue lost: %v.", Swedish: " Förlorad intäkt: %v."}
)

// explain renders the outcome in lang.
func (o Outcome) explain(lang rule.Language) string {
	m, ok := msgOutcome[o.Reason]
	if !ok {
		m = msgOutcome[ReasonRetry]
	}
	e := o.Event
	var s string
	switch o.Reason {
	case ReasonFix, ReasonStop:
		s = m.Render(lang, qtext(lang, e.Quantity), e.Dimension, e.Resource(), e.EffectiveStartTime, o.Status.String(), string(o.Rule))
	default:
		s = m.Render(lang, qtext(lang, e.Quantity), e.Dimension, e.Resource(), e.EffectiveStartTime, string(o.Rule))
	}
	if o.Reason == ReasonLost && o.Lost.Code() != 0 {
		s += msgLostAmount.Render(lang, o.Lost)
	}
	return s
}

// Classification is the answer of [Policy.Classify]: each sent event's
// latest outcome, the revenue lost, the resources to stop and the retry
// plan: the events to send again, in batches, none of which was ever
// delivered.
type Classification struct {
	Rule     rule.ID        `json:"rule"`
	Reason   rule.Reason    `json:"reason"`
	Outcomes []Outcome      `json:"outcomes,omitempty"`
	Lost     currency.Money `json:"lost,omitzero"`
	Stopped  []string       `json:"stopped,omitempty"`
	Retry    []Batch        `json:"retry,omitempty"`
}

var msgClassified = rule.Message{English: "%d events: %d delivered, %d already delivered, %d lost, %d to fix, %d stopped, %d to retry in %d batches (%s).", Swedish: "%d händelser: %d levererade, %d redan levererade, %d förlorade, %d att rätta, %d stoppade, %d att skicka igen i %d satser (%s)."}

// Count returns the number of outcomes of reason r: ReasonDelivered,
// ReasonAlreadyDelivered, ReasonLost, ReasonFix, ReasonStop or
// ReasonRetry.
func (c Classification) Count(r rule.Reason) int {
	n := 0
	for _, o := range c.Outcomes {
		if o.Reason == r {
			n++
		}
	}
	return n
}

// Explain renders the classification in lang, each outcome that is not
// Delivered on its own line.
func (c Classification) Explain(lang rule.Language) string {
	var b strings.Builder
	b.WriteString(msgClassified.Render(lang, len(c.Outcomes), c.Count(ReasonDelivered), c.Count(ReasonAlreadyDelivered), c.Count(ReasonLost),
		c.Count(ReasonFix), c.Count(ReasonStop), c.Count(ReasonRetry), len(c.Retry), string(c.Rule)))
	for _, o := range c.Outcomes {
		if o.Reason != ReasonDelivered {
			b.WriteString("\n  ")
			b.WriteString(o.explain(lang))
		}
	}
	return b.String()
}

// String returns the English explanation.
func (c Classification) String() string { return c.Explain(rule.English) }

var msgNoMatch = rule.Message{English: "a result for an event that was not sent in this exchange", Swedish: "ett svar för en händelse som inte skickades i detta utbyte"}

// Classify reads the answers to the events sent (MTR-04) and classifies
// each sent event by the latest answer about its resource, dimension and
// hour: Delivered (Accepted), AlreadyDelivered (Duplicate: the accepted
// event is billed), Lost (Expired, with the revenue lost at the meter's
// billed price), Fix (InvalidDimension, InvalidQuantity, BadArgument, or
// the whole request refused with 400), Stop (ResourceNotActive,
// ResourceNotFound, ResourceNotAuthorized, or the whole request refused
// with 403) or Retry (Error, or no answer). A 409 without the accepted
// event is AlreadyDelivered.
//
// The retry plan holds each event to retry once, in batches of at most
// MaxBatch, and never an event whose key was delivered or already
// delivered in any exchange, nor one of a stopped resource; an event to
// retry that is more than MaxAge old at req.At is Lost instead. Results
// that match no event sent in their exchange are problems.
func (p Policy) Classify(req ClassifyRequest) (Classification, error) {
	p = p.norm()
	var ps rule.Problems
	prices := map[string]currency.Money{}
	for _, m := range req.Meters {
		prices[m.Dimension] = billedPrice(m.Dimension, m.Price).Billed
	}
	out := Classification{Rule: ruleMTR04, Reason: ReasonClassified}
	pos := map[Key]int{} // the outcome of each key
	delivered := map[Key]bool{}
	stopped := map[string]bool{}
	for x, ex := range req.Exchanges {
		byKey := make(map[Key]Result, len(ex.Reply.Results))
		for i, r := range ex.Reply.Results {
			k := p.KeyOf(r.event())
			byKey[k] = r
			found := false
			for _, e := range ex.Sent {
				if p.KeyOf(e) == k {
					found = true
					break
				}
			}
			if !found {
				problem(&ps, ruleMTR04, join(index("exchanges", x), index("reply.result", i)), ErrMalformed, msgNoMatch)
			}
		}
		for _, e := range ex.Sent {
			k := p.KeyOf(e)
			o := Outcome{Event: e, Rule: ruleMTR04}
			r, ok := byKey[k]
			switch {
			case ok:
				o.Status, o.UsageEventID = r.Status, r.UsageEventID
				o.Reason = classOf(r.Status)
				if r.Status == Duplicate && r.Error != nil && r.Error.AdditionalInfo != nil {
					o.Accepted = r.Error.AdditionalInfo.AcceptedMessage
				} else if r.Status == Duplicate && ex.Reply.HTTPStatus == 409 {
					acc := r
					o.Accepted = &acc
				}
			case ex.Reply.HTTPStatus == 400:
				o.Status, o.Reason = BadArgument, ReasonFix
			case ex.Reply.HTTPStatus == 403:
				o.Status, o.Reason = ResourceNotAuthorized, ReasonStop
			case ex.Reply.HTTPStatus == 409:
				o.Status, o.Reason = Duplicate, ReasonAlreadyDelivered
			default:
				o.Reason = ReasonRetry
			}
			if delivered[k] && o.Reason != ReasonDelivered && o.Reason != ReasonAlreadyDelivered {
				continue // a later failure of an event already delivered changes nothing
			}
			if o.Reason == ReasonDelivered || o.Reason == ReasonAlreadyDelivered {
				delivered[k] = true
			}
			if o.Reason == ReasonStop {
				stopped[e.Resource()] = true
			}
			if i, seen := pos[k]; seen {
				out.Outcomes[i] = o
			} else {
				pos[k] = len(out.Outcomes)
				out.Outcomes = append(out.Outcomes, o)
			}
		}
	}
	if err := ps.Err(); err != nil {
		return Classification{Rule: ruleMTR04}, err
	}
	var retry []Event
	for i := range out.Outcomes {
		o := &out.Outcomes[i]
		if o.Reason == ReasonRetry && !req.At.IsZero() && req.At.Sub(o.Event.EffectiveStartTime) > p.MaxAge {
			o.Reason = ReasonLost
		}
		if o.Reason == ReasonLost {
			if price, ok := prices[o.Event.Dimension]; ok {
				if lost, err := price.MulRate(o.Event.Quantity.Magnitude(), p.Rounding); err == nil {
					o.Lost = lost
					if out.Lost.Code() == 0 {
						out.Lost = lost
					} else if sum, err := out.Lost.Add(lost); err == nil {
						out.Lost = sum
					}
				}
			}
		}
		if o.Reason == ReasonRetry && !stopped[o.Event.Resource()] && !delivered[p.KeyOf(o.Event)] {
			retry = append(retry, o.Event)
		}
	}
	for r := range stopped {
		out.Stopped = append(out.Stopped, r)
	}
	slices.Sort(out.Stopped)
	for len(retry) > 0 {
		n := min(len(retry), p.MaxBatch)
		out.Retry = append(out.Retry, Batch{Request: retry[:n:n]})
		retry = retry[n:]
	}
	return out, nil
}

package metering

import (
	"slices"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/rule"
)

// Class is what a sent event's answer means for the publisher (MTR-04).
// The zero Class is "unset" and marshals to "".
type Class uint8

// The classes of answers.
const (
	// Delivered: Accepted; the event is billed.
	Delivered Class = iota + 1
	// AlreadyDelivered: Duplicate; an event for the hour was accepted
	// before (the answer carries it) and is billed instead.
	AlreadyDelivered
	// Lost: Expired; the usage can no longer be billed.
	Lost
	// Fix: InvalidDimension, InvalidQuantity or BadArgument; the event
	// must be corrected before it is sent again.
	Fix
	// Stop: ResourceNotActive, ResourceNotFound or ResourceNotAuthorized;
	// stop sending usage for the resource.
	Stop
	// Retry: no answer, or Error; send the event again.
	Retry
)

var classNames = enum.Names[Class]{Type: "answer class", Names: []string{"", "Delivered", "AlreadyDelivered", "Lost", "Fix", "Stop", "Retry"}}

// String returns the class's name: "Delivered", "AlreadyDelivered",
// "Lost", "Fix", "Stop" or "Retry"; "" for the zero Class.
func (c Class) String() string {
	if c == 0 {
		return ""
	}
	return classNames.String(c)
}

// MarshalText implements [encoding.TextMarshaler].
func (c Class) MarshalText() ([]byte, error) {
	if c == 0 {
		return []byte{}, nil
	}
	return classNames.Marshal(c)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; case is ignored.
func (c *Class) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = 0
		return nil
	}
	return classNames.Unmarshal(b, c)
}

// classOf returns the class of a status.
func classOf(s EventStatus) (Class, rule.Reason) {
	switch s {
	case Accepted:
		return Delivered, ReasonDelivered
	case Duplicate:
		return AlreadyDelivered, ReasonAlreadyDelivered
	case Expired:
		return Lost, ReasonLost
	case InvalidDimension, InvalidQuantity, BadArgument:
		return Fix, ReasonFix
	case ResourceNotActive, ResourceNotFound, ResourceNotAuthorized:
		return Stop, ReasonStop
	}
	return Retry, ReasonRetry
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

// Outcome is one sent event's class, with the status that decided it,
// the event accepted before (for AlreadyDelivered), and for a Lost event
// the revenue lost: its quantity × the meter's billed price.
type Outcome struct {
	Event        Event          `json:"event"`
	Class        Class          `json:"class"`
	Status       EventStatus    `json:"status"`
	UsageEventID string         `json:"usageEventId,omitempty"`
	Accepted     *Result        `json:"accepted,omitempty"`
	Lost         currency.Money `json:"lost,omitzero"`
	Rule         rule.ID        `json:"rule"`
	Reason       rule.Reason    `json:"reason"`
}

var (
	msgOutcome = map[Class]rule.Message{
		Delivered:        {English: "Delivered: %s of %q for %s in the hour from %v (%s).", Swedish: "Levererad: %s av %q för %s under timmen från %v (%s)."},
		AlreadyDelivered: {English: "Already delivered: %s of %q for %s in the hour from %v; the event accepted before is billed (%s).", Swedish: "Redan levererad: %s av %q för %s under timmen från %v; den tidigare godkända händelsen faktureras (%s)."},
		Lost:             {English: "Lost: %s of %q for %s in the hour from %v expired and can no longer be billed (%s).", Swedish: "Förlorad: %s av %q för %s under timmen från %v har gått ut och kan inte längre faktureras (%s)."},
		Fix:              {English: "To fix: %s of %q for %s in the hour from %v was refused as %v (%s).", Swedish: "Att rätta: %s av %q för %s under timmen från %v avvisades som %v (%s)."},
		Stop:             {English: "Stop: %s of %q for %s in the hour from %v was refused as %v; send no more usage for the resource (%s).", Swedish: "Stoppa: %s av %q för %s under timmen från %v avvisades som %v; skicka ingen mer användning för resursen (%s)."},
		Retry:            {English: "Retry: %s of %q for %s in the hour from %v got no final answer (%s).", Swedish: "Försök igen: %s av %q för %s under timmen från %v fick inget slutligt svar (%s)."},
	}
	msgLostAmount = rule.Message{English: " Revenue lost: %v.", Swedish: " Förlorad intäkt: %v."}
)

// Explain renders the outcome in lang.
func (o Outcome) Explain(lang rule.Language) string {
	m, ok := msgOutcome[o.Class]
	if !ok {
		m = msgOutcome[Retry]
	}
	e := o.Event
	var s string
	switch o.Class {
	case Fix, Stop:
		s = m.Render(lang, qtext(lang, e.Quantity), e.Dimension, e.Resource(), e.EffectiveStartTime, o.Status.String(), string(o.Rule))
	default:
		s = m.Render(lang, qtext(lang, e.Quantity), e.Dimension, e.Resource(), e.EffectiveStartTime, string(o.Rule))
	}
	if o.Class == Lost && o.Lost.Code() != 0 {
		s += msgLostAmount.Render(lang, o.Lost)
	}
	return s
}

// String returns the English explanation.
func (o Outcome) String() string { return o.Explain(rule.English) }

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

// Count returns the number of outcomes of class c.
func (c Classification) Count(class Class) int {
	n := 0
	for _, o := range c.Outcomes {
		if o.Class == class {
			n++
		}
	}
	return n
}

// Explain renders the classification in lang, each outcome that is not
// Delivered on its own line.
func (c Classification) Explain(lang rule.Language) string {
	var b strings.Builder
	b.WriteString(msgClassified.Render(lang, len(c.Outcomes), c.Count(Delivered), c.Count(AlreadyDelivered), c.Count(Lost),
		c.Count(Fix), c.Count(Stop), c.Count(Retry), len(c.Retry), string(c.Rule)))
	for _, o := range c.Outcomes {
		if o.Class != Delivered {
			b.WriteString("\n  ")
			b.WriteString(o.Explain(lang))
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
			k := p.KeyOf(r.Event())
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
				o.Class, o.Reason = classOf(r.Status)
				if r.Status == Duplicate && r.Error != nil && r.Error.AdditionalInfo != nil {
					o.Accepted = r.Error.AdditionalInfo.AcceptedMessage
				} else if r.Status == Duplicate && ex.Reply.HTTPStatus == 409 {
					acc := r
					o.Accepted = &acc
				}
			case ex.Reply.HTTPStatus == 400:
				o.Status, o.Class, o.Reason = BadArgument, Fix, ReasonFix
			case ex.Reply.HTTPStatus == 403:
				o.Status, o.Class, o.Reason = ResourceNotAuthorized, Stop, ReasonStop
			case ex.Reply.HTTPStatus == 409:
				o.Status, o.Class, o.Reason = Duplicate, AlreadyDelivered, ReasonAlreadyDelivered
			default:
				o.Class, o.Reason = Retry, ReasonRetry
			}
			if delivered[k] && o.Class != Delivered && o.Class != AlreadyDelivered {
				continue // a later failure of an event already delivered changes nothing
			}
			if o.Class == Delivered || o.Class == AlreadyDelivered {
				delivered[k] = true
			}
			if o.Class == Stop {
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
		if o.Class == Retry && !req.At.IsZero() && req.At.Sub(o.Event.EffectiveStartTime) > p.MaxAge {
			o.Class, o.Reason = Lost, ReasonLost
		}
		if o.Class == Lost {
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
		if o.Class == Retry && !stopped[o.Event.Resource()] && !delivered[p.KeyOf(o.Event)] {
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

package metering

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/marketrules/marketrules/rule"
)

// SubscriptionStatus is a SaaS subscription's status as the SaaS
// Fulfillment API v2 names it ("Subscribed", "Suspended", …): usage is
// accepted only for a Subscribed one (MTR-05). It is a plain string so
// that any source of the status can pass it.
type SubscriptionStatus string

// Subscribed is the one status that takes usage.
const Subscribed SubscriptionStatus = "Subscribed"

// Batch is the body of the metering API's batch request,
// POST /batchUsageEvent: {"request":[…]}, 1 to 25 events (MTR-01). A
// single event is sent as the [Event] itself, to POST /usageEvent.
type Batch struct {
	Request []Event `json:"request"`
}

// SubmitRequest is what a submission needs: the status of the
// subscription, the instant the events are sent and the events.
type SubmitRequest struct {
	// Status is the subscription's status; only Subscribed sends.
	Status SubscriptionStatus `json:"status"`
	// At is the instant of sending: an event more than MaxAge before it
	// is expired, and an hour that has not ended by it is held back.
	At time.Time `json:"at"`
	// Events are the billable hourly events ([Overage.Billable]).
	Events []Event `json:"events"`
}

// Submission is the answer of [Policy.Submit]: whether anything may be
// sent, and the batches to send, oldest hours first, each of at most
// MaxBatch events; the events that can no longer be sent (Expired: their
// revenue is lost) and those whose hour has not ended (Pending: send them
// later, since the first event of an hour is the only one the service
// takes). Every event is in exactly one of Batches, Expired and Pending,
// or, when Allowed is false, in Held.
type Submission struct {
	Allowed bool               `json:"allowed"`
	Rule    rule.ID            `json:"rule"`
	Reason  rule.Reason        `json:"reason"`
	At      time.Time          `json:"at"`
	Status  SubscriptionStatus `json:"status,omitempty"`
	// MaxBatch and MaxAge are the policy's limits the batches follow.
	MaxBatch int           `json:"maxBatch"`
	MaxAge   time.Duration `json:"maxAge"`
	Batches  []Batch       `json:"batches,omitempty"`
	Expired  []Event       `json:"expired,omitempty"`
	Pending  []Event       `json:"pending,omitempty"`
	Held     []Event       `json:"held,omitempty"`
}

var (
	msgSubmit        = rule.Message{English: "%d events to send at %v in %d batches (at most %d a batch); %d expired, %d pending (%s).", Swedish: "%d händelser att skicka %v i %d satser (högst %d per sats); %d utgångna, %d väntande (%s)."}
	msgNotSubscribed = rule.Message{English: "Nothing is sent: the subscription is %q, and usage is accepted only while it is Subscribed; %d events held (%s).", Swedish: "Inget skickas: prenumerationen är %q, och användning tas bara emot medan den är Subscribed; %d händelser hålls kvar (%s)."}
	msgExpiredEvent  = rule.Message{English: "Expired: %s of %q for the hour from %v can be sent only until %v (%s).", Swedish: "Utgången: %s av %q för timmen från %v kan bara skickas till och med %v (%s)."}
	msgInvalidSubmit = rule.Message{English: "the instant of sending is missing", Swedish: "tidpunkten för sändningen saknas"}
	msgDupSubmit     = rule.Message{English: "a second event for the same resource, dimension and hour", Swedish: "en andra händelse för samma resurs, dimension och timme"}
)

// Explain renders the submission in lang, with a line per expired event.
func (s Submission) Explain(lang rule.Language) string {
	if !s.Allowed {
		return msgNotSubscribed.Render(lang, string(s.Status), len(s.Held), string(s.Rule))
	}
	n := 0
	for _, b := range s.Batches {
		n += len(b.Request)
	}
	var b strings.Builder
	b.WriteString(msgSubmit.Render(lang, n, s.At, len(s.Batches), s.MaxBatch, len(s.Expired), len(s.Pending), string(s.Rule)))
	for _, e := range s.Expired {
		b.WriteString("\n  ")
		b.WriteString(msgExpiredEvent.Render(lang, qtext(lang, e.Quantity), e.Dimension, e.EffectiveStartTime, e.EffectiveStartTime.Add(s.MaxAge), string(ruleMTR02)))
	}
	return b.String()
}

// String returns the English explanation.
func (s Submission) String() string { return s.Explain(rule.English) }

// Submit plans the sending of billable events at req.At: nothing for a
// subscription that is not Subscribed (MTR-05: Allowed is false and every
// event is Held); otherwise each event whose hour has ended by req.At and
// whose effective time is at most MaxAge before it (exactly 24 hours is
// still in time, MTR-02) goes into a batch, oldest first, at most
// MaxBatch to a batch (MTR-01). Invalid input is an error: no instant, an
// event that is not valid to send (see [Policy.Validate]'s checks 1 and
// 5), or two events for one resource, dimension and hour.
func (p Policy) Submit(req SubmitRequest) (Submission, error) {
	p = p.norm()
	var ps rule.Problems
	if req.At.IsZero() {
		problem(&ps, ruleMTR02, "at", ErrRecord, msgInvalidSubmit)
	}
	seen := make(map[Key]bool, len(req.Events))
	for i, e := range req.Events {
		path := index("events", i)
		v := Validation{At: req.At}
		if d := p.check(&v, e); d.Status == BadArgument && d.Reason != ReasonUnknownPlan {
			problem(&ps, ruleMTR01, path, ErrRecord, mtWhat[d.Reason])
			continue
		}
		if e.Quantity.Sign() <= 0 {
			problem(&ps, ruleMTR01, join(path, "quantity"), ErrRecord, msgNotPositive, e.Quantity)
			continue
		}
		k := p.KeyOf(e)
		if seen[k] {
			problem(&ps, ruleMTR02, path, ErrRecord, msgDupSubmit)
		}
		seen[k] = true
	}
	if err := ps.Err(); err != nil {
		return Submission{Rule: ruleMTR01}, err
	}
	evs := slices.Clone(req.Events)
	slices.SortStableFunc(evs, func(a, b Event) int {
		return cmp.Or(a.EffectiveStartTime.Compare(b.EffectiveStartTime), strings.Compare(a.Resource(), b.Resource()), strings.Compare(a.Dimension, b.Dimension))
	})
	s := Submission{Rule: ruleMTR05, Reason: ReasonNotSubscribed, At: req.At, Status: req.Status, MaxBatch: p.MaxBatch, MaxAge: p.MaxAge}
	if req.Status != Subscribed {
		s.Held = evs
		return s, nil
	}
	s.Allowed, s.Rule, s.Reason = true, ruleMTR01, ReasonSubmit
	var ready []Event
	for _, e := range evs {
		switch {
		case req.At.Sub(e.EffectiveStartTime) > p.MaxAge:
			s.Expired = append(s.Expired, e)
		case p.slotOf(e.EffectiveStartTime).Add(p.Slot).After(req.At):
			s.Pending = append(s.Pending, e)
		default:
			ready = append(ready, e)
		}
	}
	for len(ready) > 0 {
		n := min(len(ready), p.MaxBatch)
		s.Batches = append(s.Batches, Batch{Request: ready[:n:n]})
		ready = ready[n:]
	}
	return s, nil
}

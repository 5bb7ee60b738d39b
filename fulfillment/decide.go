package fulfillment

import (
	"strconv"
	"time"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/rule"
)

// State is what a publisher keeps of one subscription: the subscription as
// it stands, the anchor its terms are counted from, and the last
// operation applied, by which a repeated or out-of-order webhook call is
// recognised. A State changes only through [Policy.Decide] and
// [Policy.Replay].
type State struct {
	Subscription Subscription `json:"subscription"`
	// Anchor is the start of the subscription's first term; every renewed
	// term is counted from it (FUL-06), so terms never drift. Zero means
	// the current term's start.
	Anchor time.Time `json:"anchor,omitzero"`
	// LastOperationID and LastTimeStamp name the last operation applied.
	LastOperationID string    `json:"lastOperationId,omitzero"`
	LastTimeStamp   time.Time `json:"lastTimeStamp,omitzero"`
	// PendingOperationID is a customer's change awaiting the publisher's
	// answer until PendingUntil; it locks the publisher's own changes
	// (FUL-09).
	PendingOperationID string    `json:"pendingOperationId,omitzero"`
	PendingUntil       time.Time `json:"pendingUntil,omitzero"`
	// SuspendedAt is when the subscription was suspended, while it is.
	SuspendedAt time.Time `json:"suspendedAt,omitzero"`
	// UnsubscribedAt is when it ended.
	UnsubscribedAt time.Time `json:"unsubscribedAt,omitzero"`
}

// Request is a webhook call to decide: the publisher's state of the
// subscription, the call's body, and the instant it arrived.
type Request struct {
	State   State   `json:"state"`
	Webhook Webhook `json:"webhook"`
	// At is when the call arrived; zero means the operation's time stamp.
	At time.Time `json:"at,omitzero"`
}

// Decision is what a webhook call means for the publisher: whether the
// operation applies in the subscription's status (FUL-04), what the
// publisher must answer and by when (FUL-05, FUL-06), the status and
// state that follow, what the customer may use (FUL-07, FUL-08) and the
// dates that follow.
type Decision struct {
	// Allowed: the operation applies and State is changed by it. A
	// repeated, out-of-order, failed or unknown operation, or one the
	// status does not take, is not applied.
	Allowed bool        `json:"allowed"`
	Rule    rule.ID     `json:"rule"`
	Reason  rule.Reason `json:"reason"`

	Action      Action    `json:"action,omitzero"`
	OperationID string    `json:"operationId,omitzero"`
	Source      Source    `json:"source,omitzero"`
	TimeStamp   time.Time `json:"timeStamp,omitzero"`
	At          time.Time `json:"at,omitzero"`
	From        Status    `json:"from,omitzero"`
	To          Status    `json:"to,omitzero"`

	// HTTPStatus is the answer to the call: always 200, which stops
	// Microsoft's retries (FUL-06, FUL-10); without it the call is
	// retried up to RetryTimes times over RetryFor.
	HTTPStatus int           `json:"httpStatus"`
	RetryTimes int           `json:"retryTimes,omitzero"`
	RetryFor   time.Duration `json:"retryFor,omitzero"`
	// Acknowledge: the publisher must also PATCH the operation, with Ack
	// (Success accepts, Failure rejects), before AckBy; without it the
	// change is accepted (FUL-05).
	Acknowledge bool          `json:"acknowledge,omitzero"`
	Ack         AckStatus     `json:"ack,omitzero"`
	AckBy       time.Time     `json:"ackBy,omitzero"`
	AckWithin   time.Duration `json:"ackWithin,omitzero"`

	// Service is what the customer may use after the operation.
	Service Service `json:"service,omitzero"`
	// CancelAt is when a suspended subscription is cancelled without
	// Reinstate (FUL-07).
	CancelAt time.Time `json:"cancelAt,omitzero"`
	// KeepDataUntil is the earliest the customer's data may be deleted
	// after Unsubscribe (FUL-08).
	KeepDataUntil time.Time `json:"keepDataUntil,omitzero"`
	// TrialConverted: a Renew ended the subscription's free trial, which
	// converted to a paid subscription (TRL-04); the state's isFreeTrial
	// is false (FUL-11).
	TrialConverted bool `json:"trialConverted,omitzero"`
	// State is the subscription's state after the operation (if the
	// publisher accepts a change it may reject: rejecting keeps the
	// request's state).
	State State `json:"state"`
}

// Reasons of a [Decision].
const (
	ReasonAwaitsAnswer   rule.Reason = "awaits-answer"    // a customer's change: accept or reject by PATCH within the deadline
	ReasonDeadlinePassed rule.Reason = "deadline-passed"  // a customer's change whose deadline passed: accepted
	ReasonChanged        rule.Reason = "changed"          // a change of plan or quantity applied
	ReasonRenewed        rule.Reason = "renewed"          // the term rolled forward
	ReasonSuspended      rule.Reason = "suspended"        // suspended: service blocked, data kept
	ReasonReinstated     rule.Reason = "reinstated"       // reinstated: full service again
	ReasonUnsubscribed   rule.Reason = "unsubscribed"     // ended: data kept for a while
	ReasonNotInStatus    rule.Reason = "not-in-status"    // the status does not take the action
	ReasonFinal          rule.Reason = "final"            // Unsubscribed is final
	ReasonUnknownAction  rule.Reason = "unknown-action"   // an action the library does not know: answered 200, nothing changes
	ReasonFailed         rule.Reason = "operation-failed" // the operation failed or conflicted on Microsoft's side
	ReasonRepeated       rule.Reason = "repeated"         // the operation was applied already (a retry)
	ReasonOutOfOrder     rule.Reason = "out-of-order"     // older than the last operation applied
)

// Decide decides a webhook call (FUL-04…FUL-08): whether its operation
// applies in the subscription's status, the answer the publisher owes,
// and the state after it. Invalid input (a missing operation or
// subscription ID or action, a missing time stamp, an operation of
// another subscription or from before its creation, a state without a
// valid status) is [rule.Problems]. Decide does not allocate.
func (p Policy) Decide(req Request) (d Decision, err error) {
	// The answer is built in place in the named result, and the request
	// is passed on by pointer: a Decision and a Request are about 1 KB
	// each, and copying them was half of Decide's time.
	if !p.usable() {
		return d, p.Validate()
	}
	if checkRequest(&req) {
		return d, requestProblems(&req).Err()
	}
	p.decide(&d, &req.State, &req.Webhook, req.At)
	return d, nil
}

func (p *Policy) usable() bool {
	return p.AckWithin > 0 && p.SuspensionGrace > 0 && p.KeepData > 0 && p.TokenValidity > 0 &&
		p.RetryFor > 0 && p.RetryTimes > 0 && len(p.MarketplaceAppIDs) > 0 && p.ClockSkew >= 0 &&
		p.MaxBody > 0 && p.MaxDepth > 0
}

func checkRequest(r *Request) bool {
	w, s := &r.Webhook, &r.State.Subscription
	return w.ID == "" || w.SubscriptionID == "" || w.Action == "" || w.TimeStamp.IsZero() ||
		(s.ID != "" && s.ID != w.SubscriptionID) ||
		(!s.Created.IsZero() && w.TimeStamp.Before(s.Created)) || !s.Status.Valid()
}

// requestProblems lists every problem of an invalid request (the slow path).
func requestProblems(r *Request) rule.Problems {
	var ps rule.Problems
	w, s := &r.Webhook, &r.State.Subscription
	if w.ID == "" {
		addProblem(&ps, ful12, "webhook.id", ErrMissing, msgMissing, "the operation ID")
	}
	if w.SubscriptionID == "" {
		addProblem(&ps, ful12, "webhook.subscriptionId", ErrMissing, msgMissing, "the subscription ID")
	}
	if w.Action == "" {
		addProblem(&ps, ful04, "webhook.action", ErrMissing, msgMissing, "the action")
	}
	if w.TimeStamp.IsZero() {
		addProblem(&ps, ful12, "webhook.timeStamp", ErrMissing, msgMissing, "the time stamp")
	}
	if s.ID != "" && w.SubscriptionID != "" && s.ID != w.SubscriptionID {
		addProblem(&ps, ful12, "webhook.subscriptionId", ErrOtherSubscription, msgOtherSub, w.SubscriptionID, s.ID)
	}
	if !s.Created.IsZero() && !w.TimeStamp.IsZero() && w.TimeStamp.Before(s.Created) {
		addProblem(&ps, ful12, "webhook.timeStamp", ErrBeforeCreated, msgBeforeMade, w.TimeStamp, s.Created)
	}
	if !s.Status.Valid() {
		if s.Status == 0 {
			addProblem(&ps, ful01, "state.subscription.saasSubscriptionStatus", ErrMissing, msgMissing, "the subscription status")
		} else {
			addProblem(&ps, ful01, "state.subscription.saasSubscriptionStatus", ErrUnknownValue, msgUnknown, "subscription status", s.Status.String())
		}
	}
	return ps
}

func serviceOf(s Status) Service {
	switch s {
	case Subscribed:
		return ServiceFull
	case Suspended:
		return ServiceBlocked
	case Unsubscribed:
		return ServiceEnded
	}
	return ServiceNone
}

// takes reports whether status st takes action a (FUL-04). A purchase not
// yet activated can still be cancelled by the customer: Unsubscribe
// applies to every status but Unsubscribed.
func takes(st Status, a Action) bool {
	switch a {
	case ChangePlan, ChangeQuantity, Renew, Suspend:
		return st == Subscribed
	case Reinstate:
		return st == Suspended
	case Unsubscribe:
		return st != Unsubscribed
	}
	return false
}

// needsAck reports whether the operation waits for the publisher's PATCH:
// a customer's change arriving in progress (FUL-05), and Reinstate when
// the policy asks for it.
func (p *Policy) needsAck(w *Webhook) bool {
	if w.Source == FromPartner || (w.Status != OperationInProgress && w.Status != OperationNotStarted) {
		return false
	}
	return w.Action == ChangePlan || w.Action == ChangeQuantity || (w.Action == Reinstate && p.AcknowledgeReinstate)
}

func (p *Policy) decide(d *Decision, s *State, w *Webhook, at time.Time) {
	if at.IsZero() {
		at = w.TimeStamp
	}
	st := s.Subscription.Status
	// d is zero (a fresh result): its fields are set one by one, never
	// through a composite literal, which would be built aside and copied.
	d.Action, d.OperationID, d.Source, d.TimeStamp, d.At = w.Action, w.ID, w.Source, w.TimeStamp, at
	d.From, d.To, d.HTTPStatus, d.RetryTimes, d.RetryFor, d.Service = st, st, 200, p.RetryTimes, p.RetryFor, serviceOf(st)
	d.State = *s
	d.State.Subscription.ID = w.SubscriptionID
	if st == Suspended {
		d.CancelAt = s.SuspendedAt.Add(p.SuspensionGrace)
	}
	if st == Unsubscribed {
		d.KeepDataUntil = s.UnsubscribedAt.Add(p.KeepData)
	}
	switch {
	case w.ID == s.LastOperationID:
		// A retry; a later time stamp (the time of the call) is remembered.
		d.Rule, d.Reason = ful10, ReasonRepeated
		if w.TimeStamp.After(s.LastTimeStamp) {
			d.State.LastTimeStamp = w.TimeStamp
		}
		return
	case !s.LastTimeStamp.IsZero() && !w.TimeStamp.After(s.LastTimeStamp):
		d.Rule, d.Reason = ful10, ReasonOutOfOrder
		return
	}
	// From here on the call is in order: it is remembered even when it
	// does not apply, so that an older call arriving later is recognised.
	d.State.LastOperationID, d.State.LastTimeStamp = w.ID, w.TimeStamp
	switch {
	case st == Unsubscribed:
		d.Rule, d.Reason = ful04, ReasonFinal
		return
	case !w.Action.Known():
		d.Rule, d.Reason = ful04, ReasonUnknownAction
		return
	case w.Status == OperationFailed || w.Status == OperationConflict:
		d.Rule, d.Reason = ful05, ReasonFailed
		return
	}
	ack := p.needsAck(w)
	if ack {
		d.AckWithin = p.AckWithin
		d.AckBy = w.TimeStamp.Add(p.AckWithin)
	}
	if !takes(st, w.Action) {
		d.Rule, d.Reason = ful04, ReasonNotInStatus
		if ack && !at.After(d.AckBy) {
			d.Acknowledge, d.Ack = true, Failure
		}
		return
	}
	d.Allowed = true
	n := &d.State
	sub := &n.Subscription
	n.PendingOperationID, n.PendingUntil = "", time.Time{}
	switch w.Action {
	case ChangePlan, ChangeQuantity:
		d.Rule, d.Reason = ful05, ReasonChanged
		if ack {
			if at.After(d.AckBy) {
				d.Reason = ReasonDeadlinePassed
			} else {
				d.Reason, d.Acknowledge, d.Ack = ReasonAwaitsAnswer, true, Success
				n.PendingOperationID, n.PendingUntil = w.ID, d.AckBy
			}
		}
		if w.PlanID != "" {
			sub.PlanID = w.PlanID
		}
		if w.Action == ChangeQuantity || w.Quantity != 0 {
			sub.Quantity = w.Quantity
		}
	case Renew:
		d.Rule, d.Reason = ful06, ReasonRenewed
		if n.Anchor.IsZero() {
			n.Anchor = sub.Term.Start
		}
		nextTerm(n.Anchor, &sub.Term, w.TimeStamp)
		if sub.IsFreeTrial {
			// A free trial converts to a paid subscription when its term
			// renews (TRL-04): isFreeTrial is false from then on (FUL-11).
			sub.IsFreeTrial, d.TrialConverted = false, true
		}
	case Suspend:
		d.Rule, d.Reason = ful07, ReasonSuspended
		d.To, n.SuspendedAt = Suspended, w.TimeStamp
		d.CancelAt = w.TimeStamp.Add(p.SuspensionGrace)
	case Reinstate:
		d.Rule, d.Reason = ful07, ReasonReinstated
		d.To, n.SuspendedAt, d.CancelAt = Subscribed, time.Time{}, time.Time{}
		if ack && !at.After(d.AckBy) {
			// The PATCH asked for is awaited like a customer's change's
			// (FUL-05): Acknowledge takes it until the deadline.
			d.Acknowledge, d.Ack = true, Success
			n.PendingOperationID, n.PendingUntil = w.ID, d.AckBy
		}
	case Unsubscribe:
		d.Rule, d.Reason = ful08, ReasonUnsubscribed
		d.To, n.UnsubscribedAt, n.SuspendedAt, d.CancelAt = Unsubscribed, w.TimeStamp, time.Time{}, time.Time{}
		d.KeepDataUntil = w.TimeStamp.Add(p.KeepData)
	}
	sub.Status = d.To
	if sub.LastModified.Before(w.TimeStamp) {
		sub.LastModified = w.TimeStamp
	}
	d.Service = serviceOf(d.To)
}

// lastRenewable bounds the terms renewed, far from time's limits.
var lastRenewable = time.Date(9000, 1, 1, 0, 0, 0, 0, time.UTC)

// firstDay is the first instant of the year 1, where the day-number
// arithmetic of nextTermUTC starts.
var firstDay = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)

// nextTerm rolls t forward to the term after it, counted from the anchor
// with the day clamped to month end (Jan 31, Feb 28, Mar 31), so that
// terms never drift. Without a known unit or a start, the term is kept.
func nextTerm(anchor time.Time, t *Term, stamp time.Time) {
	m := t.Unit.Months()
	if m == 0 || anchor.IsZero() {
		return
	}
	start := t.Start
	if start.IsZero() {
		start = stamp
	}
	if start.Before(anchor) || start.After(lastRenewable) {
		return
	}
	if anchor.Location() == time.UTC && !anchor.Before(firstDay) {
		// Microsoft's instants are UTC: day numbers alone, no calendar.
		nextTermUTC(anchor, t, start, m)
		return
	}
	// The current term is the period k of the anchor's cycle holding its
	// start; the next one follows it. k comes from the months between the
	// anchor and the start in the anchor's zone (one less when the start
	// falls before that month's anchor day), so that only three dates are
	// computed from the anchor, each clamped to month end.
	c := calendar.NewCalendar(anchor)
	ay, am, _ := anchor.Date()
	sy, sm, _ := start.In(anchor.Location()).Date()
	k := ((sy-ay)*12 + int(sm) - int(am)) / m
	begin, err := c.AddMonths(calendar.Months(k * m))
	if err != nil {
		return
	}
	if start.Before(begin) {
		k--
	}
	periodEnd, err := c.AddMonths(calendar.Months((k + 1) * m))
	if err != nil {
		return
	}
	end, err := c.AddMonths(calendar.Months((k + 2) * m))
	if err != nil {
		return
	}
	t.Start, t.End = periodEnd, end
}

const secondsPerDay = 24 * 60 * 60

// utcDay is an instant of UTC as a day number (days from 1970-01-01) and
// the seconds into that day.
func utcDay(t time.Time) (day, sec int64) {
	s := t.Unix()
	day = s / secondsPerDay
	if s%secondsPerDay < 0 {
		day--
	}
	return day, s - day*secondsPerDay
}

// nextTermUTC is nextTerm for an anchor in UTC within the years 1–9000
// and a start after it: the months between them give the period k
// holding the start; the two dates after it are day numbers, the day
// clamped to month end, at the anchor's clock time.
func nextTermUTC(anchor time.Time, t *Term, start time.Time, m int) {
	_, asec := utcDay(anchor)
	_, ssec := utcDay(start)
	start = start.UTC()
	ay, am, ad := anchor.Date()
	sy, sm, sd := start.Date()
	diff := (sy-ay)*12 + int(sm) - int(am)
	k := diff / m
	if k*m == diff {
		// The period k starts in the start's month, on the anchor's day
		// clamped: a start before it is still in period k−1.
		bd, _ := calendar.DaysIn(sy, sm)
		bd = min(ad, bd)
		if sd < bd || (sd == bd && (ssec < asec || (ssec == asec && start.Nanosecond() < anchor.Nanosecond()))) {
			k--
		}
	}
	base := ay*12 + int(am) - 1
	ns := int64(anchor.Nanosecond())
	for i, dst := range [2]*time.Time{&t.Start, &t.End} {
		total := base + (k+1+i)*m
		y, mo := total/12, time.Month(total%12+1)
		last, _ := calendar.DaysIn(y, mo)
		day, _ := calendar.DayNumber(y, mo, min(ad, last))
		*dst = time.Unix(day*secondsPerDay+asec, ns).UTC()
	}
}

// Replay applies webhook bodies in order to s and returns the state after
// them: what a publisher's store should hold. A repeated or out-of-order
// body changes nothing, so replaying the same bodies again gives the same
// state. Each body is decided at its time stamp. Invalid bodies are
// reported all at once as [rule.Problems] with paths "[3].timeStamp"; the
// others are still applied.
func (p Policy) Replay(s State, hooks []Webhook) (State, error) {
	if !p.usable() {
		return s, p.Validate()
	}
	var ps rule.Problems
	for i := range hooks {
		req := Request{State: s, Webhook: hooks[i]}
		if checkRequest(&req) {
			for _, pr := range requestProblems(&req) {
				pr.Path = "[" + strconv.Itoa(i) + "]" + trimPrefix(pr.Path)
				ps.Append(pr)
			}
			continue
		}
		var d Decision
		p.decide(&d, &s, &hooks[i], time.Time{})
		s = d.State
	}
	return s, ps.Err()
}

func trimPrefix(path string) string {
	for _, pre := range [...]string{"webhook", "state"} {
		if len(path) > len(pre) && path[:len(pre)] == pre && path[len(pre)] == '.' {
			if pre == "webhook" {
				return path[len(pre):]
			}
			return "." + path
		}
	}
	return "." + path
}

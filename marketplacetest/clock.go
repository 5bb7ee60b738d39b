package marketplacetest

import (
	"time"

	"github.com/marketrules/marketrules/fulfillment"
)

// maxSteps bounds the events one Advance processes (a renewal a month
// for 9,000 years is about 108,000).
const maxSteps = 1 << 20

// Now returns the virtual clock's instant.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

// Advance moves the virtual clock forward by d (a negative d does
// nothing) and makes happen, in order and in the calling goroutine, what
// falls due meanwhile: the acceptance of a customer's change left
// unanswered for 10 seconds (FUL-05), the cancellation of a subscription
// suspended for 30 days (FUL-07), the renewal of a term at its end, or
// its end without auto-renewal (FUL-06), and the retries of webhook calls
// not answered 200 (FUL-10). Each happens at its own instant, with its
// webhook call made before the next. Advance(0) makes happen what is due
// now. It returns the instant reached.
func (s *Server) Advance(d time.Duration) time.Time {
	s.mu.Lock()
	target := s.now
	if d > 0 {
		target = s.now.Add(d)
	}
	s.mu.Unlock()
	return s.AdvanceTo(target)
}

// AdvanceTo moves the virtual clock to t, as [Server.Advance] does; an
// instant before now does nothing but make happen what is due now.
func (s *Server) AdvanceTo(t time.Time) time.Time {
	for range maxSteps {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			break
		}
		if t.Before(s.now) {
			t = s.now
		}
		at, run := s.nextEvent()
		if run == nil || at.After(t) {
			s.now = t
			s.mu.Unlock()
			break
		}
		if at.After(s.now) {
			s.now = at
		}
		run()
		s.mu.Unlock()
		s.flush()
	}
	return s.Now()
}

// nextEvent returns the earliest thing due and the function that makes it
// happen; ties go to webhook retries, then to subscriptions in the order
// they were bought.
func (s *Server) nextEvent() (time.Time, func()) {
	var at time.Time
	var run func()
	consider := func(t time.Time, f func()) {
		if run == nil || t.Before(at) {
			at, run = t, f
		}
	}
	for i, d := range s.retry {
		consider(d.next, func() {
			s.retry = append(s.retry[:i:i], s.retry[i+1:]...)
			s.outbox = append(s.outbox, d)
		})
	}
	for _, sub := range s.subs {
		st := &sub.state
		if o := sub.pending(); o != nil {
			consider(st.PendingUntil, func() { s.autoAccept(sub, o) })
			continue
		}
		switch st.Subscription.Status {
		case fulfillment.Suspended:
			consider(st.SuspendedAt.Add(s.pol.SuspensionGrace), func() { s.system(sub, fulfillment.Unsubscribe) })
		case fulfillment.Subscribed:
			if end := st.Subscription.Term.End; !end.IsZero() {
				a := fulfillment.Renew
				if !st.Subscription.AutoRenew {
					a = fulfillment.Unsubscribe
				}
				consider(end, func() { s.system(sub, a) })
			}
		}
	}
	return at, run
}

// autoAccept accepts a customer's change its deadline passed (FUL-05).
func (s *Server) autoAccept(sub *subscription, o *operation) {
	d, err := s.pol.Decide(fulfillment.Request{State: sub.state, Webhook: o.hook, At: s.now})
	if err != nil || !d.Allowed {
		sub.reject(o)
		return
	}
	s.apply(sub, o, &d)
}

// system is an operation the marketplace starts itself: a renewal, or
// the end of a term or of a suspension.
func (s *Server) system(sub *subscription, a fulfillment.Action) {
	cur := sub.state.Subscription
	end := cur.Term.End
	if _, err := s.operate(sub, a, fulfillment.SubscriberPlan{PlanID: cur.PlanID, Quantity: cur.Quantity}, fulfillment.FromAzure, fulfillment.OperationSucceeded); err != nil {
		// Not applicable (it cannot be, as the status was checked); stop
		// the event recurring by ending the term.
		sub.state.Subscription.Term.End = time.Time{}
		return
	}
	if a == fulfillment.Renew && cur.IsFreeTrial {
		// A free trial lasts one term; the renewal converts it to a paid
		// subscription (fulfillment's Decide clears isFreeTrial, FUL-11),
		// and the term recorded last is paid.
		sub.terms[len(sub.terms)-1].trial = false
	}
	if a == fulfillment.Renew && !sub.state.Subscription.Term.End.After(end) {
		// A term the rules cannot roll forward is not renewed again.
		sub.state.Subscription.Term.End = time.Time{}
	}
}

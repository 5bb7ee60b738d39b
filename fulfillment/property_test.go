package fulfillment

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var extremeTimes = []time.Time{
	{}, time.Unix(0, 0).UTC(), time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
	time.Unix(math.MaxInt32, 0).UTC(), time.Unix(-1<<40, 0).UTC(), time.Unix(1<<40, 0).UTC(),
}

func randomHooks(r *rand.Rand, n int) []Webhook {
	statuses := []OperationStatus{OperationInProgress, OperationSucceeded, OperationFailed, OperationConflict, OperationNotStarted, ""}
	sources := []Source{FromAzure, FromPartner, ""}
	base := at("2024-02-01T00:00:00Z")
	hooks := make([]Webhook, n)
	for i := range hooks {
		a := allActions[r.IntN(len(allActions))]
		w := Webhook{Operation: Operation{
			ID:             itoa(r.IntN(n + 1)),
			SubscriptionID: "sub-1",
			Action:         a,
			Status:         statuses[r.IntN(len(statuses))],
			TimeStamp:      base.Add(time.Duration(r.IntN(1000)) * time.Hour),
			PlanID:         []string{"", "silver", "gold"}[r.IntN(3)],
			Quantity:       int64(r.IntN(20)),
		}, Source: sources[r.IntN(len(sources))]}
		hooks[i] = w
	}
	return hooks
}

// TestPropertyReplay: over random operation sequences the state never
// leaves the five statuses, Unsubscribed is final, each decision's state
// has its To status, and replaying the same calls again changes nothing.
func TestPropertyReplay(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	p := DefaultPolicy()
	for round := 0; round < 500; round++ {
		hooks := randomHooks(r, 1+r.IntN(30))
		s := stateIn(allStatuses[r.IntN(len(allStatuses))])
		ended := false
		for i := range hooks {
			d, err := p.Decide(Request{State: s, Webhook: hooks[i], At: hooks[i].TimeStamp.Add(time.Duration(r.IntN(20)) * time.Second)})
			if err != nil {
				t.Fatalf("round %d call %d: %v", round, i, err)
			}
			if !d.To.Valid() || d.State.Subscription.Status != d.To || d.HTTPStatus != 200 {
				t.Fatalf("round %d call %d: %v", round, i, d)
			}
			if ended && (d.To != Unsubscribed || d.Allowed) {
				t.Fatalf("round %d: left Unsubscribed: %v", round, d)
			}
			seen := s
			switch d.Reason {
			case ReasonRepeated:
				if hooks[i].TimeStamp.After(seen.LastTimeStamp) {
					seen.LastTimeStamp = hooks[i].TimeStamp
				}
			case ReasonOutOfOrder:
			default:
				seen.LastOperationID, seen.LastTimeStamp = hooks[i].ID, hooks[i].TimeStamp
			}
			if !d.Allowed && !cmp.Equal(d.State, seen) {
				t.Fatalf("round %d: a call not applied changed the state: %v", round, d)
			}
			ended = ended || d.To == Unsubscribed
			s = d.State
		}
		once, err := p.Replay(stateIn(Subscribed), hooks)
		if err != nil {
			t.Fatal(err)
		}
		twice, _ := p.Replay(once, hooks)
		if diff := cmp.Diff(once, twice); diff != "" {
			t.Fatalf("round %d: replaying twice changed the state:\n%s", round, diff)
		}
	}
}

// TestPropertyNoPanic drives every entry point with random and extreme
// values: nothing panics.
func TestPropertyNoPanic(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pols := []Policy{DefaultPolicy(), {}, {AckWithin: -1, MaxBody: -1, MaxDepth: math.MaxInt}, {AckWithin: math.MaxInt64, SuspensionGrace: math.MaxInt64,
		KeepData: math.MaxInt64, TokenValidity: math.MaxInt64, RetryFor: 1, RetryTimes: math.MaxInt, MarketplaceAppIDs: []string{""}, MaxBody: 1, MaxDepth: 1}}
	units := []TermUnit{P1M, P1Y, P5Y, "", "P0M", "x"}
	for i := 0; i < 3000; i++ {
		p := pols[r.IntN(len(pols))]
		s := stateIn(allStatuses[r.IntN(len(allStatuses))])
		s.Subscription.Status = Status(r.IntN(8))
		s.Subscription.Term = Term{Unit: units[r.IntN(len(units))], Start: extremeTimes[r.IntN(len(extremeTimes))], End: extremeTimes[r.IntN(len(extremeTimes))]}
		s.Anchor = extremeTimes[r.IntN(len(extremeTimes))]
		s.Subscription.Created = extremeTimes[r.IntN(len(extremeTimes))]
		s.LastTimeStamp = extremeTimes[r.IntN(len(extremeTimes))]
		w := randomHooks(r, 1)[0]
		w.TimeStamp = extremeTimes[r.IntN(len(extremeTimes))]
		w.Quantity = []int64{0, -1, math.MaxInt64, math.MinInt64}[r.IntN(4)]
		when := extremeTimes[r.IntN(len(extremeTimes))]
		if d, err := p.Decide(Request{State: s, Webhook: w, At: when}); err == nil {
			_ = d.Explain(0) + d.Explain(1) + d.String()
		}
		_, _ = p.Replay(s, []Webhook{w, w})
		_, _ = p.Replay(s, nil)
		q := w.Quantity
		if c, err := p.Activate(ActivateRequest{Subscription: s.Subscription, PlanID: w.PlanID, Quantity: q}); err == nil {
			_ = c.Explain(1) + c.String()
		}
		if c, err := p.Change(ChangeRequest{State: s, PlanID: w.PlanID, Quantity: q, MinQuantity: q, MaxQuantity: -q, At: when}); err == nil {
			_ = c.Explain(0) + c.String()
		}
		_, _ = p.Cancel(CancelRequest{Subscription: s.Subscription})
		if c, err := p.Land(LandingRequest{Token: w.ID, Issued: when, At: w.TimeStamp}); err == nil {
			_ = c.Explain(1)
		}
		if c, err := p.CheckClaims(TokenRequest{Claims: Claims{IssuedAt: when, Expiry: w.TimeStamp}, Audience: "a", TenantID: "t", At: when}); err == nil {
			_ = c.Explain(0) + c.String()
		}
		_, _ = p.VerifyToken(TokenRequest{Token: w.ID + "." + w.PlanID + ".", Keys: []SigningKey{{}}, Audience: "a", TenantID: "t", At: when})
		_ = p.Validate()
		_ = Decision{}.Explain(0) + Check{}.Explain(1) + TokenCheck{}.Explain(0) + Decision{Reason: ReasonRenewed, CancelAt: when, KeepDataUntil: when}.Explain(1)
	}
}

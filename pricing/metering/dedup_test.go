package metering

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/rule"
)

// TestKeyTableCollisions drives the batch duplicate table with every key
// given one hash: tags match, the keys differ, probing wraps around the
// end of the table, and each key still finds only its own event (EXT-03).
func TestKeyTableCollisions(t *testing.T) {
	hour := time.Date(2024, 3, 2, 10, 30, 0, 0, time.UTC)
	const n = 12
	p := DefaultPolicy().norm()
	events := make([]Event, n)
	keys := make([]Key, n)
	for i := range events {
		events[i] = Event{ResourceID: fmt.Sprint("r", i), Dimension: "d", EffectiveStartTime: hour}
		keys[i] = p.keyOf(&events[i])
	}
	tb := newKeyTable(n)
	h := tb.mask // the last slot: the probes wrap around
	for i := range keys {
		if j, _ := tb.find(&p, &keys[i], h, events); j >= 0 {
			t.Fatalf("key %d found before it was put, at %d", i, j)
		}
		_, slot := tb.find(&p, &keys[i], h, events)
		tb.put(slot, h, i)
	}
	for i := range keys {
		k := keys[i]
		if j, _ := tb.find(&p, &k, h, events); j != i {
			t.Errorf("key %d: found %d", i, j)
		}
	}
	// Equal keys hash alike; keys differing in any part hash apart.
	k := keys[0]
	if tb.hash(&k) != tb.hash(&keys[0]) {
		t.Error("equal keys hash differently")
	}
	other := k
	other.Hour = hour.Add(time.Hour)
	if tb.hash(&other) == tb.hash(&k) {
		t.Error("keys of two hours hash alike")
	}
}

// TestValidateBatchDuplicatesLarge checks duplicates within a batch far
// larger than 25 events: every second event repeats the one before, and
// names it as Earlier (EXT-03).
func TestValidateBatchDuplicatesLarge(t *testing.T) {
	p := DefaultPolicy()
	p.MaxBatch = 5000
	v := Validation{Plans: pbMeteredPlans, At: pbTime("2024-03-02T12:00:00Z")}
	evs := make([]Event, 5000)
	for i := range evs {
		evs[i] = pbEvent("2024-03-02T10:30:00Z", "1")
		evs[i].ResourceID = fmt.Sprint("sub-", i/2)
	}
	r := p.ValidateBatch(v, evs)
	if r.Accepted != 2500 {
		t.Fatalf("accepted %d, want 2500", r.Accepted)
	}
	for i, d := range r.Results {
		switch {
		case i%2 == 0 && (d.Status != Accepted || !d.Allowed || d.Earlier != -1):
			t.Fatalf("event %d: %v %v %d", i, d.Status, d.Allowed, d.Earlier)
		case i%2 == 1 && (d.Status != Duplicate || d.Allowed || d.Earlier != i-1 || d.Reason != ReasonDuplicate):
			t.Fatalf("event %d: %v %v %d", i, d.Status, d.Allowed, d.Earlier)
		}
	}
}

// TestValidateBatchRunsMatchValidate checks batches of every size up to
// several of ValidateBatch's runs of lookups (dedupRun) against
// Validate event by event: invalid events mixed among valid ones, and
// duplicates within a run, across runs and of the History, each with the
// same status, reason and Earlier as one at a time (EXT-03); and
// ValidateBatchInto (into storage already used) and ValidateBatchFunc
// give the same decisions.
func TestValidateBatchRunsMatchValidate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	at := pbTime("2024-03-02T12:00:00Z")
	var history KeySet
	p := DefaultPolicy()
	p.MaxBatch = 5 * dedupRun
	history.Add(p.KeyOf(pbEvent("2024-03-02T09:00:00Z", "1")))
	v := Validation{Plans: pbMeteredPlans, At: at, History: history.Accepted}
	reused := make([]Decision, 5*dedupRun)
	for n := 1; n <= 5*dedupRun; n++ {
		evs := make([]Event, n)
		for i := range evs {
			e := pbEvent(at.Add(-time.Duration(rng.IntN(30))*time.Hour).Format(time.RFC3339), "1")
			e.ResourceID = fmt.Sprint("sub-", rng.IntN(3))
			switch rng.IntN(8) {
			case 0:
				e.Quantity = Quantity{}
			case 1:
				e.Dimension = "calls"
			case 2:
				e.ResourceID = ""
			}
			evs[i] = e
		}
		want := BatchDecision{Allowed: true, Rule: rule.EXT03, Reason: ReasonBatchChecked, Count: n, Max: p.MaxBatch}
		first := map[Key]int{}
		one := v
		one.History = nil
		for i, e := range evs {
			d := p.Validate(one, e)
			if d.Status == Accepted {
				if j, ok := first[d.Key]; ok {
					d.Status, d.Reason, d.Allowed, d.Earlier = Duplicate, ReasonDuplicate, false, j
				} else if history.Accepted(d.Key) {
					d.Status, d.Reason, d.Allowed = Duplicate, ReasonDuplicate, false
				} else {
					first[d.Key] = i
					want.Accepted++
				}
			}
			want.Results = append(want.Results, d)
		}
		if diff := cmp.Diff(want, p.ValidateBatch(v, evs)); diff != "" {
			t.Fatalf("batch of %d (-one at a time +batch):\n%s", n, diff)
		}
		// Into storage holding another batch's decisions and garbage:
		// every field is written again.
		for i := range reused {
			reused[i] = Decision{Allowed: true, Status: Expired, Rule: "X", Reason: "y", Earlier: 99,
				Deadline: at, Key: Key{Resource: "stale", Hour: at}}
		}
		if diff := cmp.Diff(want, p.ValidateBatchInto(reused[:rng.IntN(n+1)], v, evs)); diff != "" {
			t.Fatalf("batch of %d into used storage (-one at a time +batch):\n%s", n, diff)
		}
		// Handed out one by one, in order.
		var each []Decision
		got := p.ValidateBatchFunc(v, evs, func(i int, d Decision) {
			if i != len(each) {
				t.Fatalf("batch of %d: decision %d handed out after %d", n, i, len(each))
			}
			each = append(each, d)
		})
		got.Results = each
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("batch of %d handed out (-one at a time +batch):\n%s", n, diff)
		}
	}
}

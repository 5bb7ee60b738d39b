package metering

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// randRecords returns n random records over a few resources, dimensions
// and hours, with quantities of up to 6 decimals.
func randRecords(r *rand.Rand, n int) []Record {
	base := utc(2024, 3, 1, 0, 0, 0, 0)
	out := make([]Record, n)
	for i := range out {
		q, _ := NewQuantity(r.Int64N(1_000_000)+1, r.IntN(7))
		out[i] = Record{ResourceID: fmt.Sprintf("sub-%d", r.IntN(5)), Dimension: []string{"emails", "texts", "calls"}[r.IntN(3)],
			Time: base.Add(time.Duration(r.Int64N(int64(72 * time.Hour)))), Quantity: q}
	}
	return out
}

func sumRecords(t *testing.T, recs []Record) Quantity {
	var s Quantity
	for _, r := range recs {
		var err error
		if s, err = s.Add(r.Quantity); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestPropertyAggregationConservesQuantity(t *testing.T) {
	// MTR-02: the events' quantities sum exactly to the records'.
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		recs := randRecords(r, r.IntN(300))
		agg, err := DefaultPolicy().Aggregate(AggregateRequest{PlanID: "p", Records: seqOf(recs)})
		if err != nil {
			t.Fatal(err)
		}
		var s Quantity
		for _, e := range agg.Events {
			s, _ = s.Add(e.Quantity)
		}
		if want := sumRecords(t, recs); !s.Equal(want) || !agg.Quantity.Equal(want) || agg.Records != int64(len(recs)) {
			t.Fatalf("sum %v, want %v", s, want)
		}
	}
}

func TestPropertyMergeAssociativeCommutative(t *testing.T) {
	// Aggregating shards and merging them in any order gives the events
	// of one pass.
	r := rand.New(rand.NewPCG(3, 4))
	p := DefaultPolicy()
	for range 100 {
		recs := randRecords(r, r.IntN(200))
		one, _ := p.Aggregate(AggregateRequest{PlanID: "p", Records: seqOf(recs)})
		shards := make([]*Aggregator, 1+r.IntN(4))
		for i := range shards {
			shards[i] = p.Aggregator(AggregateRequest{PlanID: "p"})
		}
		for _, rec := range recs {
			shards[r.IntN(len(shards))].Add(rec)
		}
		r.Shuffle(len(shards), func(i, j int) { shards[i], shards[j] = shards[j], shards[i] })
		// ((s0 + s1) + s2) against (s0 + (s1 + s2)) by merging into fresh
		// aggregators in two groupings.
		left := p.Aggregator(AggregateRequest{PlanID: "p"})
		for _, s := range shards {
			if err := left.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		right := p.Aggregator(AggregateRequest{PlanID: "p"})
		for i := len(shards) - 1; i >= 0; i-- {
			tail := p.Aggregator(AggregateRequest{PlanID: "p"})
			_ = tail.Merge(shards[i])
			_ = tail.Merge(right)
			right = tail
		}
		for _, g := range []*Aggregator{left, right} {
			if diff := cmp.Diff(one.Events, g.Result().Events); diff != "" {
				t.Fatalf("merge differs (-one +merged):\n%s", diff)
			}
		}
	}
	if err := p.Aggregator(AggregateRequest{PlanID: "a"}).Merge(p.Aggregator(AggregateRequest{PlanID: "b"})); err == nil {
		t.Error("plans differ: merged")
	}
}

func TestPropertyFlushBoundsMemory(t *testing.T) {
	// Records in time order, flushed every hour: the aggregator never
	// holds more than the open hours, and the flushed events are those
	// of one pass.
	p := DefaultPolicy()
	base := utc(2024, 3, 1, 0, 0, 0, 0)
	a := p.Aggregator(AggregateRequest{PlanID: "p"})
	var all []Event
	var recs []Record
	for i := range 10_000 {
		rec := Record{ResourceID: "sub-" + fmt.Sprint(i%3), Dimension: "emails", Time: base.Add(time.Duration(i) * 37 * time.Second), Quantity: MustParseQuantity("0.5")}
		recs = append(recs, rec)
		a.Add(rec)
		if i%100 == 0 {
			all = append(all, a.Flush(rec.Time).Events...)
			if a.open() > 6 {
				t.Fatalf("%d open hours", a.open())
			}
		}
	}
	all = append(all, a.Flush(base.Add(1000*time.Hour)).Events...)
	one, _ := p.Aggregate(AggregateRequest{PlanID: "p", Records: seqOf(recs)})
	slices.SortFunc(all, func(x, y Event) int {
		return strings.Compare(x.ResourceID+x.EffectiveStartTime.Format(time.RFC3339), y.ResourceID+y.EffectiveStartTime.Format(time.RFC3339))
	})
	if diff := cmp.Diff(one.Events, all); diff != "" {
		t.Errorf("(-one +flushed):\n%s", diff)
	}
}

func TestPropertyIncludedPlusBillableIsUsed(t *testing.T) {
	// MTR-03: per hour and per term, included + billable = used; the
	// included never exceeds the allowance.
	r := rand.New(rand.NewPCG(5, 6))
	p := DefaultPolicy()
	for range 100 {
		recs := randRecords(r, r.IntN(300))
		for i := range recs {
			recs[i].ResourceID = "sub-1"
			recs[i].Time = recs[i].Time.Add(time.Duration(r.IntN(90*24)) * time.Hour)
		}
		agg, _ := p.Aggregate(AggregateRequest{PlanID: "p", Records: seqOf(recs)})
		meters := []Meter{{Dimension: "emails", Included: plan.Quantity(r.IntN(5_000_000)), Price: currency.MustParseRate("0.013")},
			{Dimension: "texts", Included: plan.Unlimited}, {Dimension: "calls", Included: 0, Price: currency.MustParseRate("2")}}
		o, err := p.Overage(OverageRequest{Term: plan.OneMonth, Start: utc(2024, 2, 29, 23, 0, 0, 0), Meters: meters, Events: agg.Events})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range o.Hours {
			s, _ := h.Included.Add(h.Billable)
			if !s.Equal(h.Event.Quantity) || h.Billable.Sign() < 0 || h.Included.Sign() < 0 {
				t.Fatalf("hour %+v", h)
			}
		}
		var billed Quantity
		for _, tu := range o.Terms {
			s, _ := tu.Included.Add(tu.Billable)
			if !s.Equal(tu.Used) || (!tu.Allowance.IsUnlimited() && tu.Included.Cmp(quantityOfInt(int64(tu.Allowance))) > 0) {
				t.Fatalf("term %+v", tu)
			}
			billed, _ = billed.Add(tu.Billable)
		}
		var lines Quantity
		for _, l := range o.Lines {
			lines, _ = lines.Add(l.Quantity)
		}
		if !lines.Equal(billed) {
			t.Fatalf("lines %v, billable %v", lines, billed)
		}
	}
}

func TestPropertyBatchesHoldEveryEventOnce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	p := DefaultPolicy()
	for range 100 {
		at := utc(2024, 3, 4, 0, 0, 0, 0).Add(time.Duration(r.IntN(3600)) * time.Second)
		agg, _ := p.Aggregate(AggregateRequest{PlanID: "p", Records: seqOf(randRecords(r, r.IntN(400)))})
		s, err := p.Submit(SubmitRequest{Status: Subscribed, At: at, Events: agg.Events})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[Key]int{}
		for _, b := range s.Batches {
			if len(b.Request) == 0 || len(b.Request) > 25 {
				t.Fatalf("batch of %d", len(b.Request))
			}
			for _, e := range b.Request {
				seen[p.KeyOf(e)]++
				if at.Sub(e.EffectiveStartTime) > 24*time.Hour || e.EffectiveStartTime.Add(time.Hour).After(at) {
					t.Fatalf("sent %v at %v", e.EffectiveStartTime, at)
				}
			}
		}
		for _, e := range append(s.Expired, s.Pending...) {
			seen[p.KeyOf(e)]++
		}
		if len(seen) != len(agg.Events) {
			t.Fatalf("%d keys, %d events", len(seen), len(agg.Events))
		}
		for k, n := range seen {
			if n != 1 {
				t.Fatalf("%v %d times", k, n)
			}
		}
	}
}

func TestPropertyNoPanic(t *testing.T) {
	// Nothing panics on zero values, nil sequences, nil receivers and
	// extreme instants and quantities; every zero value marshals.
	p := Policy{}
	var nilAgg *Aggregator
	nilAgg.Add(Record{})
	nilAgg.addAll(nil)
	_ = nilAgg.Merge(nil)
	_ = nilAgg.Flush(time.Time{})
	_ = nilAgg.Result()
	_ = nilAgg.open()
	var zeroAgg Aggregator
	zeroAgg.Add(Record{})
	_ = zeroAgg.Merge(p.Aggregator(AggregateRequest{PlanID: "x"}))
	_ = zeroAgg.Flush(time.Time{})
	_, _ = p.Aggregate(AggregateRequest{PlanID: "x"})
	extremes := []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Unix(math.MaxInt64/2, 0), time.Unix(math.MinInt64/2, 0)}
	big := MustParseQuantity("999999999999999999")
	r := rand.New(rand.NewPCG(9, 10))
	for range 300 {
		at := extremes[r.IntN(len(extremes))]
		q := []Quantity{{}, big, big.negated(), MustParseQuantity("0.000000000000001")}[r.IntN(4)]
		e := Event{ResourceID: []string{"", "a"}[r.IntN(2)], ResourceURI: []string{"", "b"}[r.IntN(2)], Dimension: "d", PlanID: "p",
			EffectiveStartTime: extremes[r.IntN(len(extremes))], Quantity: q}
		_ = p.Validate(Validation{At: at, Plans: []plan.Plan{{ID: "p", Pricing: plan.Pricing{Meters: []plan.Meter{{Dimension: "d"}}}}}}, e)
		_ = p.ValidateBatch(Validation{At: at}, []Event{e, e})
		_ = p.ValidateBatchInto(make([]Decision, r.IntN(4)), Validation{At: at}, []Event{e, e})
		_ = p.ValidateBatchFunc(Validation{At: at}, []Event{e, e}, nil)
		_ = p.ValidateBatchFunc(Validation{At: at}, make([]Event, r.IntN(30)), func(int, Decision) {})
		_, _ = p.Aggregate(AggregateRequest{PlanID: "p", At: at, Records: seqOf([]Record{{ResourceID: e.ResourceID, ResourceURI: e.ResourceURI, Dimension: "d", Time: e.EffectiveStartTime, Quantity: q}, {ResourceID: "a", Dimension: "d", Time: at, Quantity: big}, {ResourceID: "a", Dimension: "d", Time: at, Quantity: big}})})
		_, _ = p.Overage(OverageRequest{Term: plan.Term(r.IntN(7)), Start: at, Events: []Event{e, e}, Meters: []Meter{{Dimension: "d", Included: plan.Quantity(r.Int64N(3) - 2), Price: currency.MustParseRate("999999999999999999")}}})
		_, _ = p.Submit(SubmitRequest{Status: Subscribed, At: at, Events: []Event{e}})
		_, _ = p.Classify(ClassifyRequest{At: at, Meters: []Meter{{Dimension: "d", Price: currency.MustParseRate("999999999999999999")}}, Exchanges: []Exchange{{Sent: []Event{e}, Reply: Reply{HTTPStatus: 200, Results: []Result{{Status: Expired, ResourceID: e.ResourceID, ResourceURI: e.ResourceURI, Dimension: "d", EffectiveStartTime: e.EffectiveStartTime, Quantity: q}}}}}})
		_, _ = p.Reconcile(ReconcileRequest{Delivered: []Event{e, e}, Rows: []Row{{UsageDate: at, SubmittedQuantity: big}, {UsageDate: at, SubmittedQuantity: big}}})
		_, _ = q.Add(big)
	}
	for _, v := range []any{Policy{}, Event{}, Key{}, Decision{}, BatchDecision{}, Validation{}, Quantity{}, Record{}, AggregateRequest{},
		Aggregation{}, Meter{}, OverageRequest{}, Hour{}, TermUse{}, Price{}, InvoiceLine{}, Overage{}, SubmitRequest{}, Submission{}, Batch{},
		Result{}, ErrorBody{}, AdditionalInfo{}, Reply{}, Row{}, Exchange{}, ClassifyRequest{}, Outcome{}, Classification{},
		ReconcileRequest{}, Mismatch{}, Reconciliation{}, EventStatus(0), ReconStatus(0), SubscriptionStatus("")} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%T: %v", v, err)
			continue
		}
		if s, ok := v.(fmt.Stringer); ok {
			_ = s.String()
		}
		if e, ok := v.(interface{ Explain(rule.Language) string }); ok {
			_ = e.Explain(rule.Swedish)
		}
		_ = b
	}
}

func TestPropertyRetryNeverResendsDelivered(t *testing.T) {
	// MTR-04: whatever the answers, no event in the retry plan was
	// delivered (Accepted or Duplicate) in any exchange, each is there
	// once, and none is of a stopped resource.
	r := rand.New(rand.NewPCG(11, 12))
	p := DefaultPolicy()
	at := utc(2024, 3, 2, 0, 0, 0, 0)
	statuses := []EventStatus{0, Accepted, Expired, Duplicate, InvalidQuantity, BadArgument, ResourceNotFound, Error, ResourceNotAuthorized, ResourceNotActive, InvalidDimension}
	for range 300 {
		var pool []Event
		for i := range 1 + r.IntN(20) {
			pool = append(pool, ev(fmt.Sprintf("sub-%d", r.IntN(3)), "emails", at.Add(-time.Duration(1+i)*time.Hour), "1"))
		}
		var exs []Exchange
		for range 1 + r.IntN(5) {
			var ex Exchange
			ex.Reply.HTTPStatus = []int{0, 200, 200, 200, 400, 403, 409, 500}[r.IntN(8)]
			for _, e := range pool {
				if r.IntN(2) == 0 {
					continue
				}
				ex.Sent = append(ex.Sent, e)
				if ex.Reply.HTTPStatus == 200 && r.IntN(4) > 0 {
					ex.Reply.Results = append(ex.Reply.Results, Result{Status: statuses[r.IntN(len(statuses))], ResourceID: e.ResourceID,
						Dimension: e.Dimension, EffectiveStartTime: e.EffectiveStartTime, Quantity: e.Quantity, PlanID: e.PlanID})
				}
			}
			exs = append(exs, ex)
		}
		c, err := p.Classify(ClassifyRequest{Exchanges: exs, At: at})
		if err != nil {
			t.Fatal(err)
		}
		delivered := map[Key]bool{}
		for _, ex := range exs {
			for _, res := range ex.Reply.Results {
				if res.Status == Accepted || res.Status == Duplicate {
					delivered[p.KeyOf(res.event())] = true
				}
			}
			if ex.Reply.HTTPStatus == 409 {
				for _, e := range ex.Sent {
					delivered[p.KeyOf(e)] = true
				}
			}
		}
		stopped := map[string]bool{}
		for _, s := range c.Stopped {
			stopped[s] = true
		}
		seen := map[Key]bool{}
		for _, b := range c.Retry {
			for _, e := range b.Request {
				k := p.KeyOf(e)
				if delivered[k] || seen[k] || stopped[e.Resource()] {
					t.Fatalf("retry of %v: delivered %v, twice %v, stopped %v", k, delivered[k], seen[k], stopped[e.Resource()])
				}
				seen[k] = true
			}
		}
	}
}

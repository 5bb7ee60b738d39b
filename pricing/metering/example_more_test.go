package metering_test

import (
	"fmt"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/metering"
	"github.com/marketrules/marketrules/rule"
)

func ExamplePolicy_Aggregator() {
	// Two shards aggregated apart and merged give one pass's events; a
	// flush hands over the hours that have ended and forgets them.
	p := metering.DefaultPolicy()
	at := func(h, m int) time.Time { return time.Date(2024, 3, 1, h, m, 0, 0, time.UTC) }
	rec := func(res string, t time.Time, q string) metering.Record {
		return metering.Record{ResourceID: res, Dimension: "emails", Time: t, Quantity: metering.MustParseQuantity(q)}
	}
	a := p.Aggregator(metering.AggregateRequest{PlanID: "basic"})
	b := p.Aggregator(metering.AggregateRequest{PlanID: "basic"})
	a.Add(rec("sub-1", at(10, 5), "1.5"))
	b.Add(rec("sub-1", at(10, 50), "2"))
	b.Add(rec("sub-2", at(11, 10), "4"))
	if err := a.Merge(b); err != nil {
		fmt.Println(err)
	}
	fmt.Println(len(a.Result().Events), "open hours")
	for _, e := range a.Flush(at(11, 0)).Events {
		fmt.Println(e.ResourceID, e.EffectiveStartTime.Format(time.Kitchen), e.Quantity)
	}
	left := a.Result().Events
	fmt.Println(len(left), "open hour:", left[0].ResourceID)
	// Output:
	// 2 open hours
	// sub-1 10:00AM 3.5
	// 1 open hour: sub-2
}

func ExampleMetersOf() {
	pl := plan.Plan{ID: "basic", Pricing: plan.Pricing{Model: plan.FlatRate, Meters: []plan.Meter{
		{Dimension: "emails", Price: currency.MustParse("0.01 USD"), Included: []plan.Included{{Term: plan.OneMonth, Quantity: 1000}}},
		{Dimension: "texts", Price: currency.MustParse("0.05 USD"), Included: []plan.Included{{Term: plan.OneYear, Quantity: plan.Unlimited}}},
	}}}
	for _, m := range metering.MetersOf(pl, plan.OneMonth) {
		fmt.Println(m.Dimension, m.Price, m.Included)
	}
	// Output:
	// emails 0.01 1000
	// texts 0.05 0
}

func ExampleOverage_Billable() {
	o, _ := metering.DefaultPolicy().Overage(metering.OverageRequest{Term: plan.OneMonth, Start: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		Meters: []metering.Meter{{Dimension: "emails", Price: currency.MustParseRate("0.01"), Included: 5}},
		Events: []metering.Event{hourEvent("sub-1", "emails", "2024-03-01T10:00:00Z", "3"), hourEvent("sub-1", "emails", "2024-03-01T11:00:00Z", "4.5")}})
	for _, e := range o.Billable() {
		fmt.Println(e.EffectiveStartTime.Format(time.Kitchen), e.Quantity)
	}
	// Output: 11:00AM 2.5
}

func ExampleSubmission_Explain() {
	s, _ := metering.DefaultPolicy().Submit(metering.SubmitRequest{Status: metering.Subscribed, At: time.Date(2024, 3, 2, 12, 0, 0, 0, time.UTC),
		Events: []metering.Event{hourEvent("sub-1", "emails", "2024-03-01T11:00:00Z", "3"), hourEvent("sub-1", "emails", "2024-03-02T11:00:00Z", "4")}})
	fmt.Println(s.Explain(rule.Swedish))
	// Output:
	// 1 händelser att skicka 2024-03-02 12:00:00 UTC i 1 satser (högst 25 per sats); 1 utgångna, 0 väntande (MTR-01).
	//   Utgången: 3 av "emails" för timmen från 2024-03-01 11:00:00 UTC kan bara skickas till och med 2024-03-02 11:00:00 UTC (MTR-02).
}

func ExampleQuantity_Add() {
	q, err := metering.MustParseQuantity("1.25").Add(metering.MustParseQuantity("2"))
	fmt.Println(q, err)
	d, _ := q.Sub(metering.MustParseQuantity("5"))
	fmt.Println(d, d.Sign())
	// Output:
	// 3.25 <nil>
	// -1.75 -1
}

func ExampleReconStatus() {
	var s metering.ReconStatus
	err := s.UnmarshalText([]byte("mismatch"))
	b, _ := metering.ReconSubmitted.MarshalText()
	fmt.Println(s, err, string(b))
	// Output: Mismatch <nil> Submitted
}

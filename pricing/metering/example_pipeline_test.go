package metering_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/metering"
	"github.com/marketrules/marketrules/rule"
)

const usageCSV = "\uFEFFResourceID,Dimension,Time,Quantity\n" +
	"sub-1,emails,2024-03-01T10:05:00Z,400\n" +
	"sub-1,emails,2024-03-01T10:55:00Z,350.5\n" +
	"sub-1,emails,2024-03-01T11:10:00Z,600\n" +
	"sub-1,texts,2024-03-01T10:20:00Z,3\n" +
	"sub-1,emails,2024-03-01T11:30:00Z,-2\n" +
	"sub-1,emails,yesterday,1\n"

func ExamplePolicy_NewReader() {
	p := metering.DefaultPolicy()
	r := p.NewReader(strings.NewReader(usageCSV), "usage.csv")
	for rec := range r.Records() {
		fmt.Println(rec.Line, rec.ResourceID, rec.Dimension, rec.Time.Format(time.RFC3339), rec.Quantity)
	}
	fmt.Println(r.Problems(), r.Skipped(), r.Err())
	// Output:
	// 2 sub-1 emails 2024-03-01T10:05:00Z 400
	// 3 sub-1 emails 2024-03-01T10:55:00Z 350.5
	// 4 sub-1 emails 2024-03-01T11:10:00Z 600
	// 5 sub-1 texts 2024-03-01T10:20:00Z 3
	// 6 sub-1 emails 2024-03-01T11:30:00Z -2
	// usage.csv line 7, column time: "yesterday" is not an instant (RFC 3339) (MTR-01) 1 <nil>
}

func ExamplePolicy_Aggregate() {
	p := metering.DefaultPolicy()
	r := p.NewReader(strings.NewReader(usageCSV), "usage.csv")
	agg, err := p.Aggregate(metering.AggregateRequest{PlanID: "basic", Dimensions: []string{"emails"},
		At: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC), Source: "usage.csv", Records: r.Records()})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range agg.Events {
		fmt.Println(e.EffectiveStartTime.Format(time.Kitchen), e.Dimension, e.Quantity)
	}
	fmt.Println(agg)
	// Output:
	// 10:00AM emails 750.5
	// 11:00AM emails 600
	// 3 records summed into 2 hourly events, 1,350.5 in all (MTR-02).
	// 2 records left out (MTR-01):
	//   usage.csv line 5: dimension "texts" is not one of the plan's (MTR-01)
	//   usage.csv line 6: the quantity -2 is not above zero (MTR-01)
}

func ExamplePolicy_Overage() {
	// A one-month term started on January 31 in Stockholm: it renews on
	// February 29 (the month's end), then on March 31, each counted from
	// the start. 1,000 emails are included per term at 0.0125 USD each.
	sto, _ := time.LoadLocation("Europe/Stockholm")
	start := time.Date(2024, 1, 31, 14, 30, 0, 0, sto)
	ev := func(at string, q string) metering.Event {
		t, _ := time.Parse(time.RFC3339, at)
		return metering.Event{ResourceID: "sub-1", Dimension: "emails", EffectiveStartTime: t, PlanID: "basic",
			Quantity: metering.MustParseQuantity(q)}
	}
	o, err := metering.DefaultPolicy().Overage(metering.OverageRequest{Term: plan.OneMonth, Start: start,
		Meters: []metering.Meter{{Dimension: "emails", Price: currency.MustParseRate("0.0125"), Included: 1000}},
		Events: []metering.Event{
			ev("2024-02-29T13:00:00Z", "900"), // 14:00 in Stockholm: the first term's last hour
			ev("2024-02-29T14:00:00Z", "300"), // 15:00: the renewal at 14:30 has passed
			ev("2024-02-28T09:00:00Z", "250"),
			ev("2024-03-10T09:00:00Z", "800"),
		}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range o.Hours {
		fmt.Println(h.Event.EffectiveStartTime.Format(time.DateTime), h.Term, h.Included, h.Billable)
	}
	fmt.Println(o)
	// Output:
	// 2024-02-28 09:00:00 0 250 0
	// 2024-02-29 13:00:00 0 750 150
	// 2024-02-29 14:00:00 1 300 0
	// 2024-03-10 09:00:00 1 700 100
	// 4 hours of usage over 2 terms; overage billed monthly in arrears: $2.50 (MTR-03).
	//   "emails", term 0 from 2024-01-31 14:30:00 CET: used 1,150, included 1,000 of 1,000, billable 150.
	//   "emails", term 1 from 2024-02-29 14:30:00 CET: used 1,100, included 1,000 of 1,000, billable 100.
	//   The declared price of "emails", 0.0125 USD per unit, has more than two decimals and is truncated to $0.01 (EXT-02).
	//   Overage of "emails" from 2024-01-31 14:30:00 CET to 2024-02-29 14:30:00 CET: 150 units × $0.01 = $1.50, billed 2024-02-29 14:30:00 CET (MTR-03).
	//   Overage of "emails" from 2024-02-29 14:30:00 CET to 2024-03-31 14:30:00 CEST: 100 units × $0.01 = $1.00, billed 2024-03-31 14:30:00 CEST (MTR-03).
}

func ExamplePolicy_Submit() {
	p := metering.DefaultPolicy()
	// 30 hourly events up to the hour now open; the oldest sent is
	// exactly 24 hours old, still in time.
	at := time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC)
	var evs []metering.Event
	for h := range 30 {
		evs = append(evs, metering.Event{ResourceID: "sub-1", Dimension: "emails", PlanID: "basic",
			Quantity: metering.MustParseQuantity("1"), EffectiveStartTime: at.Add(-time.Duration(h) * time.Hour).Truncate(time.Hour)})
	}
	s, _ := p.Submit(metering.SubmitRequest{Status: metering.Subscribed, At: at, Events: evs})
	fmt.Println(len(s.Batches), len(s.Batches[0].Request), len(s.Expired), len(s.Pending))
	b, _ := json.Marshal(metering.Batch{Request: s.Batches[0].Request[:1]})
	fmt.Println(string(b))
	s, _ = p.Submit(metering.SubmitRequest{Status: "Suspended", At: at, Events: evs})
	fmt.Println(s.Explain(rule.English))
	// Output:
	// 1 24 5 1
	// {"request":[{"resourceId":"sub-1","quantity":1,"dimension":"emails","effectiveStartTime":"2024-03-01T10:00:00Z","planId":"basic"}]}
	// Nothing is sent: the subscription is "Suspended", and usage is accepted only while it is Subscribed; 30 events held (MTR-05).
}

package metering_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/metering"
	"github.com/marketrules/marketrules/rule"
)

var pbxPlans = []plan.Plan{{ID: "basic", Pricing: plan.Pricing{Model: plan.FlatRate, Meters: []plan.Meter{
	{Dimension: "emails", Price: currency.MustParse("0.01 USD")},
}}}}

func pbxEvent(at string, qty string) metering.Event {
	t, _ := time.Parse(time.RFC3339, at)
	return metering.Event{ResourceID: "sub-1", Quantity: metering.MustParseQuantity(qty), Dimension: "emails",
		EffectiveStartTime: t, PlanID: "basic"}
}

func ExamplePolicy_Validate() {
	// Usage at 1 PM can be emitted until 1 PM the next day.
	p, v := metering.DefaultPolicy(), metering.Validation{Plans: pbxPlans}
	ev := pbxEvent("2024-03-01T13:00:00Z", "5.0")
	for _, now := range []string{"2024-03-02T13:00:00Z", "2024-03-02T13:00:01Z"} {
		t, _ := time.Parse(time.RFC3339, now)
		v.At = t
		r := p.Validate(v, ev)
		fmt.Println(now, r.Status, r.Reason)
	}

	// One event per resource, dimension and hour.
	var accepted metering.KeySet
	accepted.Add(p.KeyOf(pbxEvent("2024-03-01T08:00:00Z", "1")))
	v.History = accepted.Accepted
	v.At = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	r := p.Validate(v, pbxEvent("2024-03-01T08:59:59Z", "2"))
	fmt.Println(r.Status, r.Key.Hour.Format(time.Kitchen))
	// Output:
	// 2024-03-02T13:00:00Z Accepted usage-accepted
	// 2024-03-02T13:00:01Z Expired usage-older-than-max-age
	// Duplicate 8:00AM
}

func ExamplePolicy_ValidateBatch() {
	p, v := metering.DefaultPolicy(), metering.Validation{Plans: pbxPlans}
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	v.At = now
	b := p.ValidateBatch(v, []metering.Event{
		pbxEvent("2024-03-01T10:05:00Z", "1"),
		pbxEvent("2024-03-01T10:55:00Z", "1"),
		pbxEvent("2024-03-01T11:00:00Z", "0"),
	})
	for _, r := range b.Results {
		fmt.Println(r.Status, r.Earlier)
	}
	big := make([]metering.Event, 26)
	b = p.ValidateBatch(v, big)
	fmt.Println(b.Allowed, b.Reason, b.Results == nil)
	// Output:
	// Accepted -1
	// Duplicate 0
	// InvalidQuantity -1
	// false usage-batch-too-large true
}

func ExamplePolicy_ValidateBatchInto() {
	p := metering.DefaultPolicy()
	p.MaxBatch = 1000 // a host checking an hour of usage before sending it
	v := metering.Validation{Plans: pbxPlans, At: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)}
	var results []metering.Decision // reused from hour to hour
	for _, hour := range [][]metering.Event{
		{pbxEvent("2024-03-01T10:05:00Z", "1"), pbxEvent("2024-03-01T10:55:00Z", "1")},
		{pbxEvent("2024-03-01T11:05:00Z", "2")},
	} {
		b := p.ValidateBatchInto(results, v, hour)
		fmt.Println(b.Accepted, "of", b.Count)
		results = b.Results
	}
	// Output:
	// 1 of 2
	// 1 of 1
}

func ExamplePolicy_ValidateBatchFunc() {
	p := metering.DefaultPolicy()
	p.MaxBatch = 100_000
	v := metering.Validation{Plans: pbxPlans, At: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)}
	events := []metering.Event{
		pbxEvent("2024-03-01T10:05:00Z", "1"),
		pbxEvent("2024-03-01T10:55:00Z", "1"),
		pbxEvent("2024-03-01T11:00:00Z", "0"),
	}
	b := p.ValidateBatchFunc(v, events, func(i int, d metering.Decision) {
		if !d.Allowed {
			fmt.Println(i, d.Status, d.Reason)
		}
	})
	fmt.Println(b.Accepted, "of", b.Count, b.Results == nil)
	// Output:
	// 1 Duplicate usage-hour-already-reported
	// 2 InvalidQuantity usage-quantity-not-positive
	// 1 of 3 true
}

func ExampleBatchDecision() {
	p, v := metering.DefaultPolicy(), metering.Validation{Plans: pbxPlans, At: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)}
	b := p.ValidateBatch(v, []metering.Event{pbxEvent("2024-03-01T10:05:00Z", "1"), pbxEvent("2024-03-01T11:05:00Z", "1")})
	fmt.Println(b.Accepted, "of", b.Count)
	// Output: 2 of 2
}

func ExampleBatchDecision_Explain() {
	p, v := metering.DefaultPolicy(), metering.Validation{Plans: pbxPlans}
	b := p.ValidateBatch(v, make([]metering.Event, 30))
	fmt.Println(b.Explain(rule.English))
	// Output: The batch of 30 events is rejected as a whole: a batch holds at most 25; split it and send the parts (EXT-03).
}

func ExampleDecision_Explain() {
	p, v := metering.DefaultPolicy(), metering.Validation{Plans: pbxPlans}
	v.At = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	r := p.Validate(v, pbxEvent("2024-02-28T10:30:00Z", "5"))
	fmt.Println(r.Explain(rule.English))
	fmt.Println(r.Explain(rule.Swedish))
	// Output:
	// Expired: usage at 2024-02-28 10:30:00 UTC may be emitted only until 2024-02-29 10:30:00 UTC, and it is 2024-03-01 12:00:00 UTC (EXT-03).
	// Utgången: användning 2024-02-28 10:30:00 UTC får bara skickas till och med 2024-02-29 10:30:00 UTC, och nu är det 2024-03-01 12:00:00 UTC (EXT-03).
}

func ExampleDecision_allowed() {
	p, v := metering.DefaultPolicy(), metering.Validation{Plans: pbxPlans}
	v.At = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	r := p.Validate(v, pbxEvent("2024-03-01T10:30:00Z", "-1"))
	fmt.Println(r.Allowed, r.Status)
	// Output: false InvalidQuantity
}

func ExampleDefaultPolicy() {
	p := metering.DefaultPolicy()
	fmt.Println(p.MaxAge, p.Slot, p.MaxBatch)
	// Output: 24h0m0s 1h0m0s 25
}

func ExamplePolicy_KeyOf() {
	ev := pbxEvent("2024-03-01T10:30:00+02:00", "1")
	k := metering.DefaultPolicy().KeyOf(ev)
	fmt.Println(k.Resource, k.Dimension, k.Hour)
	// Output: sub-1 emails 2024-03-01 08:00:00 +0000 UTC
}

func ExampleKeySet() {
	var s metering.KeySet
	k := metering.Key{Resource: "sub-1", Dimension: "emails", Hour: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)}
	fmt.Println(s.Accepted(k))
	s.Add(k)
	fmt.Println(s.Accepted(k))
	// Output:
	// false
	// true
}

func ExampleKeySet_Add() {
	var s metering.KeySet
	k := metering.Key{Resource: "sub-1", Dimension: "emails", Hour: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)}
	s.Add(k)
	fmt.Println(s.Accepted(k))
	// Output: true
}

func ExampleKeySet_Accepted() {
	var s metering.KeySet
	k := metering.Key{Resource: "sub-1", Dimension: "emails", Hour: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)}
	s.Add(k)
	k.Dimension = "texts"
	fmt.Println(s.Accepted(k))
	// Output: false
}

func ExampleEvent_Resource() {
	ev := metering.Event{ResourceURI: "/subscriptions/1/resourceGroups/app"}
	fmt.Println(ev.Resource())
	// Output: /subscriptions/1/resourceGroups/app
}

func ExampleEvent_UnmarshalJSON() {
	body := `{"resourceId":"sub-1","quantity":5.0,"dimension":"emails","effectiveStartTime":"2018-12-01T08:30:14","planId":"basic"}`
	var ev metering.Event
	err := json.Unmarshal([]byte(body), &ev)
	fmt.Println(ev.Quantity, ev.EffectiveStartTime, err)
	err = json.Unmarshal([]byte(`{"resourceId":"sub-1","quantity":"five"}`), &ev)
	fmt.Println(err)
	// Output:
	// 5.0 2018-12-01 08:30:14 +0000 UTC <nil>
	// quantity: "\"five\"" is not a valid quantity (MTR-01)
}

func ExampleEvent_MarshalJSON() {
	// The effective time is written in UTC, the instant exact (MTR-01).
	cet := time.FixedZone("CET", 3600)
	ev := metering.Event{ResourceID: "sub-1", Quantity: metering.MustParseQuantity("5.0"), Dimension: "emails",
		EffectiveStartTime: time.Date(2024, 3, 1, 14, 0, 0, 0, cet), PlanID: "basic"}
	b, err := json.Marshal(ev)
	fmt.Println(string(b), err)
	// Output: {"resourceId":"sub-1","quantity":5.0,"dimension":"emails","effectiveStartTime":"2024-03-01T13:00:00Z","planId":"basic"} <nil>
}

func ExampleResult_MarshalJSON() {
	// A batch item that was not accepted has the zero messageTime, written
	// as the metering API writes it (MTR-04).
	r := metering.Result{Status: metering.Expired, ResourceID: "sub-1", Quantity: metering.MustParseQuantity("1"), Dimension: "emails",
		EffectiveStartTime: time.Date(2024, 2, 28, 8, 0, 0, 0, time.UTC), PlanID: "basic"}
	b, err := json.Marshal(r)
	fmt.Println(string(b), err)
	// Output: {"status":"Expired","messageTime":"0001-01-01T00:00:00","resourceId":"sub-1","quantity":1,"dimension":"emails","effectiveStartTime":"2024-02-28T08:00:00Z","planId":"basic"} <nil>
}

func ExampleResult_UnmarshalJSON() {
	var r metering.Result
	err := json.Unmarshal([]byte(`{"status":"Duplicate","messageTime":"0001-01-01T00:00:00","quantity":5.0,"effectiveStartTime":"2018-12-01T08:30:14"}`), &r)
	fmt.Println(r.Status, r.MessageTime.IsZero(), r.EffectiveStartTime, err)
	// Output: Duplicate true 2018-12-01 08:30:14 +0000 UTC <nil>
}

func ExampleEventStatus_String() {
	fmt.Println(metering.Accepted, metering.Duplicate, metering.ResourceNotFound)
	// Output: Accepted Duplicate ResourceNotFound
}

func ExampleEventStatus_MarshalText() {
	b, _ := metering.Expired.MarshalText()
	fmt.Println(string(b))
	// Output: Expired
}

func ExampleEventStatus_UnmarshalText() {
	var s metering.EventStatus
	err := s.UnmarshalText([]byte("invalidquantity"))
	fmt.Println(s, err)
	// Output: InvalidQuantity <nil>
}

func ExampleParseQuantity() {
	for _, s := range []string{"5.0", "-1", "2.5E-4", "0.1.2"} {
		q, err := metering.ParseQuantity(s)
		fmt.Println(q, q.Sign(), err)
	}
	// Output:
	// 5.0 1 <nil>
	// -1 -1 <nil>
	// 0.00025 1 <nil>
	// 0 0 metering: quantity "0.1.2": invalid usage quantity: invalid syntax
}

func ExampleMustParseQuantity() {
	fmt.Println(metering.MustParseQuantity("12.50"))
	// Output: 12.50
}

func ExampleNewQuantity() {
	q, err := metering.NewQuantity(50, 1)
	fmt.Println(q, err)
	// Output: 5.0 <nil>
}

func ExampleQuantity_Sign() {
	fmt.Println(metering.MustParseQuantity("-2").Sign(), metering.MustParseQuantity("0.0").Sign(), metering.MustParseQuantity("3").Sign())
	// Output: -1 0 1
}

func ExampleQuantity_Magnitude() {
	fmt.Println(metering.MustParseQuantity("-2.5").Magnitude())
	// Output: 2.5
}

func ExampleQuantity_Cmp() {
	fmt.Println(metering.MustParseQuantity("5").Cmp(metering.MustParseQuantity("5.00")),
		metering.MustParseQuantity("-5").Cmp(metering.MustParseQuantity("1")))
	// Output: 0 -1
}

func ExampleQuantity_Equal() {
	fmt.Println(metering.MustParseQuantity("5").Equal(metering.MustParseQuantity("5.0")))
	// Output: true
}

func ExampleQuantity_String() {
	fmt.Println(metering.MustParseQuantity("1e3").String())
	// Output: 1000
}

func ExampleQuantity_MarshalJSON() {
	b, _ := json.Marshal(struct {
		Quantity metering.Quantity `json:"quantity"`
	}{metering.MustParseQuantity("5.0")})
	fmt.Println(string(b))
	// Output: {"quantity":5.0}
}

func ExampleQuantity_UnmarshalJSON() {
	var v struct {
		Quantity metering.Quantity `json:"quantity"`
	}
	err := json.Unmarshal([]byte(`{"quantity":0.1}`), &v)
	fmt.Println(v.Quantity, err)
	// Output: 0.1 <nil>
}

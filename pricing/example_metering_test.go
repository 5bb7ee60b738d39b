package pricing_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

var pbxPlans = []plan.Plan{{ID: "basic", Pricing: plan.Pricing{Model: plan.FlatRate, Meters: []plan.Meter{
	{Dimension: "emails", Price: currency.MustParse("0.01 USD")},
}}}}

func pbxEvent(at string, qty string) pricing.UsageEvent {
	t, _ := time.Parse(time.RFC3339, at)
	return pricing.UsageEvent{ResourceID: "sub-1", Quantity: pricing.MustParseUsageQuantity(qty), Dimension: "emails",
		EffectiveStartTime: t, PlanID: "basic"}
}

func ExampleUsageValidator_Validate() {
	// W9: usage at 1 PM can be emitted until 1 PM the next day.
	v := pricing.UsageValidator{Policy: pricing.DefaultMeteringPolicy(), Plans: pbxPlans}
	ev := pbxEvent("2024-03-01T13:00:00Z", "5.0")
	for _, now := range []string{"2024-03-02T13:00:00Z", "2024-03-02T13:00:01Z"} {
		t, _ := time.Parse(time.RFC3339, now)
		r := v.Validate(ev, t)
		fmt.Println(now, r.Status, r.Reason)
	}

	// W8: one event per resource, dimension and hour.
	var accepted pricing.UsageSet
	accepted.Add(v.Policy.UsageKeyOf(pbxEvent("2024-03-01T08:00:00Z", "1")))
	v.Ledger = &accepted
	r := v.Validate(pbxEvent("2024-03-01T08:59:59Z", "2"), time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC))
	fmt.Println(r.Status, r.Key.Hour.Format(time.Kitchen))
	// Output:
	// 2024-03-02T13:00:00Z Accepted usage-accepted
	// 2024-03-02T13:00:01Z Expired usage-older-than-max-age
	// Duplicate 8:00AM
}

func ExampleUsageValidator_ValidateBatch() {
	v := pricing.UsageValidator{Policy: pricing.DefaultMeteringPolicy(), Plans: pbxPlans}
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	b := v.ValidateBatch([]pricing.UsageEvent{
		pbxEvent("2024-03-01T10:05:00Z", "1"),
		pbxEvent("2024-03-01T10:55:00Z", "1"),
		pbxEvent("2024-03-01T11:00:00Z", "0"),
	}, now)
	for _, r := range b.Results {
		fmt.Println(r.Status, r.Earlier)
	}
	big := make([]pricing.UsageEvent, 26)
	b = v.ValidateBatch(big, now)
	fmt.Println(b.Rejected, b.Reason, b.Results == nil)
	// Output:
	// Accepted -1
	// Duplicate 0
	// InvalidQuantity -1
	// true usage-batch-too-large true
}

func ExampleUsageBatchResult_Accepted() {
	v := pricing.UsageValidator{Policy: pricing.DefaultMeteringPolicy(), Plans: pbxPlans}
	b := v.ValidateBatch([]pricing.UsageEvent{pbxEvent("2024-03-01T10:05:00Z", "1"), pbxEvent("2024-03-01T11:05:00Z", "1")},
		time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC))
	fmt.Println(b.Accepted(), "of", b.Count)
	// Output: 2 of 2
}

func ExampleUsageBatchResult_Explain() {
	v := pricing.UsageValidator{Policy: pricing.DefaultMeteringPolicy(), Plans: pbxPlans}
	b := v.ValidateBatch(make([]pricing.UsageEvent, 30), time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC))
	fmt.Println(b.Explain(rule.English))
	// Output: The batch of 30 events is rejected as a whole: a batch holds at most 25; split it and send the parts (EXT-03).
}

func ExampleUsageResult_Explain() {
	v := pricing.UsageValidator{Policy: pricing.DefaultMeteringPolicy(), Plans: pbxPlans}
	r := v.Validate(pbxEvent("2024-02-28T10:30:00Z", "5"), time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC))
	fmt.Println(r.Explain(rule.English))
	fmt.Println(r.Explain(rule.Swedish))
	// Output:
	// Expired: usage at 2024-02-28 10:30:00 UTC may be emitted only until 2024-02-29 10:30:00 UTC, and it is 2024-03-01 12:00:00 UTC (EXT-03).
	// Utgången: användning 2024-02-28 10:30:00 UTC får bara skickas till och med 2024-02-29 10:30:00 UTC, och nu är det 2024-03-01 12:00:00 UTC (EXT-03).
}

func ExampleUsageResult_IsAccepted() {
	v := pricing.UsageValidator{Policy: pricing.DefaultMeteringPolicy(), Plans: pbxPlans}
	r := v.Validate(pbxEvent("2024-03-01T10:30:00Z", "-1"), time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC))
	fmt.Println(r.IsAccepted(), r.Status)
	// Output: false InvalidQuantity
}

func ExampleDefaultMeteringPolicy() {
	p := pricing.DefaultMeteringPolicy()
	fmt.Println(p.MaxAge, p.Slot, p.MaxBatch)
	// Output: 24h0m0s 1h0m0s 25
}

func ExampleMeteringPolicy_UsageKeyOf() {
	ev := pbxEvent("2024-03-01T10:30:00+02:00", "1")
	k := pricing.DefaultMeteringPolicy().UsageKeyOf(ev)
	fmt.Println(k.Resource, k.Dimension, k.Hour)
	// Output: sub-1 emails 2024-03-01 08:00:00 +0000 UTC
}

func ExampleUsageSet() {
	var s pricing.UsageSet
	k := pricing.UsageKey{Resource: "sub-1", Dimension: "emails", Hour: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)}
	fmt.Println(s.Accepted(k), s.Len())
	s.Add(k)
	fmt.Println(s.Accepted(k), s.Len())
	// Output:
	// false 0
	// true 1
}

func ExampleUsageSet_Add() {
	var s pricing.UsageSet
	s.Add(pricing.UsageKey{Resource: "sub-1", Dimension: "emails", Hour: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)})
	fmt.Println(s.Len())
	// Output: 1
}

func ExampleUsageSet_Accepted() {
	var s pricing.UsageSet
	k := pricing.UsageKey{Resource: "sub-1", Dimension: "emails", Hour: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)}
	s.Add(k)
	k.Dimension = "texts"
	fmt.Println(s.Accepted(k))
	// Output: false
}

func ExampleUsageSet_Len() {
	var s pricing.UsageSet
	fmt.Println(s.Len())
	// Output: 0
}

func ExampleUsageEvent_Resource() {
	ev := pricing.UsageEvent{ResourceURI: "/subscriptions/1/resourceGroups/app"}
	fmt.Println(ev.Resource())
	// Output: /subscriptions/1/resourceGroups/app
}

func ExampleUsageEvent_UnmarshalJSON() {
	body := `{"resourceId":"sub-1","quantity":5.0,"dimension":"emails","effectiveStartTime":"2018-12-01T08:30:14","planId":"basic"}`
	var ev pricing.UsageEvent
	err := json.Unmarshal([]byte(body), &ev)
	fmt.Println(ev.Quantity, ev.EffectiveStartTime, err)
	err = json.Unmarshal([]byte(`{"resourceId":"sub-1","qty":5}`), &ev)
	fmt.Println(err)
	// Output:
	// 5.0 2018-12-01 08:30:14 +0000 UTC <nil>
	// unknown field "qty"
}

func ExampleUsageStatus_String() {
	fmt.Println(pricing.UsageAccepted, pricing.UsageDuplicate, pricing.UsageResourceNotFound)
	// Output: Accepted Duplicate ResourceNotFound
}

func ExampleUsageStatus_MarshalText() {
	b, _ := pricing.UsageExpired.MarshalText()
	fmt.Println(string(b))
	// Output: Expired
}

func ExampleUsageStatus_UnmarshalText() {
	var s pricing.UsageStatus
	err := s.UnmarshalText([]byte("invalidquantity"))
	fmt.Println(s, err)
	// Output: InvalidQuantity <nil>
}

func ExampleParseUsageQuantity() {
	for _, s := range []string{"5.0", "-1", "2.5E-4", "0.1.2"} {
		q, err := pricing.ParseUsageQuantity(s)
		fmt.Println(q, q.IsPositive(), err)
	}
	// Output:
	// 5.0 true <nil>
	// -1 false <nil>
	// 0.00025 true <nil>
	// 0 false pricing: usage quantity "0.1.2": invalid usage quantity: invalid syntax
}

func ExampleMustParseUsageQuantity() {
	fmt.Println(pricing.MustParseUsageQuantity("12.50"))
	// Output: 12.50
}

func ExampleNewUsageQuantity() {
	q, err := pricing.NewUsageQuantity(50, 1)
	fmt.Println(q, err)
	// Output: 5.0 <nil>
}

func ExampleUsageQuantityOf() {
	fmt.Println(pricing.UsageQuantityOf(currency.MustParseRate("0.25")))
	// Output: 0.25
}

func ExampleUsageQuantity_Sign() {
	fmt.Println(pricing.MustParseUsageQuantity("-2").Sign(), pricing.MustParseUsageQuantity("0.0").Sign(), pricing.MustParseUsageQuantity("3").Sign())
	// Output: -1 0 1
}

func ExampleUsageQuantity_IsPositive() {
	fmt.Println(pricing.MustParseUsageQuantity("0").IsPositive(), pricing.MustParseUsageQuantity("0.001").IsPositive())
	// Output: false true
}

func ExampleUsageQuantity_Magnitude() {
	fmt.Println(pricing.MustParseUsageQuantity("-2.5").Magnitude())
	// Output: 2.5
}

func ExampleUsageQuantity_Cmp() {
	fmt.Println(pricing.MustParseUsageQuantity("5").Cmp(pricing.MustParseUsageQuantity("5.00")),
		pricing.MustParseUsageQuantity("-5").Cmp(pricing.MustParseUsageQuantity("1")))
	// Output: 0 -1
}

func ExampleUsageQuantity_Equal() {
	fmt.Println(pricing.MustParseUsageQuantity("5").Equal(pricing.MustParseUsageQuantity("5.0")))
	// Output: true
}

func ExampleUsageQuantity_String() {
	fmt.Println(pricing.MustParseUsageQuantity("1e3").String())
	// Output: 1000
}

func ExampleUsageQuantity_AppendText() {
	b, _ := pricing.MustParseUsageQuantity("5.0").AppendText([]byte("quantity="))
	fmt.Println(string(b))
	// Output: quantity=5.0
}

func ExampleUsageQuantity_MarshalText() {
	b, _ := pricing.MustParseUsageQuantity("-0.5").MarshalText()
	fmt.Println(string(b))
	// Output: -0.5
}

func ExampleUsageQuantity_UnmarshalText() {
	var q pricing.UsageQuantity
	fmt.Println(q.UnmarshalText([]byte("7.25")), q)
	// Output: <nil> 7.25
}

func ExampleUsageQuantity_MarshalJSON() {
	b, _ := json.Marshal(struct {
		Quantity pricing.UsageQuantity `json:"quantity"`
	}{pricing.MustParseUsageQuantity("5.0")})
	fmt.Println(string(b))
	// Output: {"quantity":5.0}
}

func ExampleUsageQuantity_UnmarshalJSON() {
	var v struct {
		Quantity pricing.UsageQuantity `json:"quantity"`
	}
	err := json.Unmarshal([]byte(`{"quantity":0.1}`), &v)
	fmt.Println(v.Quantity, err)
	// Output: 0.1 <nil>
}

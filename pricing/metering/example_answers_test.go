package metering_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/pricing/metering"
)

func hourEvent(res, dim, at, q string) metering.Event {
	t, _ := time.Parse(time.RFC3339, at)
	return metering.Event{ResourceID: res, Dimension: dim, EffectiveStartTime: t, PlanID: "basic", Quantity: metering.MustParseQuantity(q)}
}

func ExamplePolicy_DecodeReply() {
	p := metering.DefaultPolicy()
	conflict := `{"additionalInfo":{"acceptedMessage":{"usageEventId":"e5a8b0b4-1f0e-4c4c-9d1b-3f0b1c2d3e4f","status":"Duplicate",
	  "messageTime":"2024-03-01T10:05:03.000Z","resourceId":"sub-1","quantity":40.0,"dimension":"emails",
	  "effectiveStartTime":"2024-03-01T10:00:00Z","planId":"basic"}},
	  "message":"This usage event already exist.","code":"Conflict","traceId":"ignored"}`
	r, err := p.DecodeReply(409, strings.NewReader(conflict))
	fmt.Println(r.Results[0].Status, r.Results[0].Quantity, r.Error.Code, err)
	_, err = p.DecodeReply(200, strings.NewReader(`{"status":"Accepted","quantity":"many"}`))
	fmt.Println(err)
	// Output:
	// Duplicate 40.0 Conflict <nil>
	// quantity: "\"many\"" is not a valid quantity (MTR-01)
}

func ExamplePolicy_Classify() {
	p := metering.DefaultPolicy()
	sent := []metering.Event{
		hourEvent("sub-1", "emails", "2024-03-01T10:00:00Z", "40"),
		hourEvent("sub-1", "texts", "2024-03-01T10:00:00Z", "5"),
		hourEvent("sub-1", "emails", "2024-02-28T08:00:00Z", "1200"),
		hourEvent("sub-2", "emails", "2024-03-01T10:00:00Z", "7"),
		hourEvent("sub-1", "emails", "2024-03-01T11:00:00Z", "3"),
	}
	reply, _ := p.DecodeReply(200, strings.NewReader(`{"count":5,"result":[
	  {"status":"Accepted","usageEventId":"a1","resourceId":"sub-1","quantity":40,"dimension":"emails","effectiveStartTime":"2024-03-01T10:00:00Z","planId":"basic"},
	  {"status":"Duplicate","resourceId":"sub-1","quantity":5,"dimension":"texts","effectiveStartTime":"2024-03-01T10:00:00Z","planId":"basic","messageTime":"0001-01-01T00:00:00"},
	  {"status":"Expired","resourceId":"sub-1","quantity":1200,"dimension":"emails","effectiveStartTime":"2024-02-28T08:00:00Z","planId":"basic"},
	  {"status":"ResourceNotActive","resourceId":"sub-2","quantity":7,"dimension":"emails","effectiveStartTime":"2024-03-01T10:00:00Z","planId":"basic"},
	  {"status":"Error","resourceId":"sub-1","quantity":3,"dimension":"emails","effectiveStartTime":"2024-03-01T11:00:00Z","planId":"basic"}]}`))
	c, err := p.Classify(metering.ClassifyRequest{
		Exchanges: []metering.Exchange{{Sent: sent, Reply: reply}},
		Meters:    []metering.Meter{{Dimension: "emails", Price: currency.MustParseRate("0.05")}},
		At:        time.Date(2024, 3, 1, 12, 30, 0, 0, time.UTC),
	})
	fmt.Println(c, err)
	fmt.Println(len(c.Retry), c.Retry[0].Request[0].Dimension, c.Stopped)
	// Output:
	// 5 events: 1 delivered, 1 already delivered, 1 lost, 0 to fix, 1 stopped, 1 to retry in 1 batches (MTR-04).
	//   Already delivered: 5 of "texts" for sub-1 in the hour from 2024-03-01 10:00:00 UTC; the event accepted before is billed (MTR-04).
	//   Lost: 1,200 of "emails" for sub-1 in the hour from 2024-02-28 08:00:00 UTC expired and can no longer be billed (MTR-04). Revenue lost: $60.00.
	//   Stop: 7 of "emails" for sub-2 in the hour from 2024-03-01 10:00:00 UTC was refused as ResourceNotActive; send no more usage for the resource (MTR-04).
	//   Retry: 3 of "emails" for sub-1 in the hour from 2024-03-01 11:00:00 UTC got no final answer (MTR-04). <nil>
	// 1 emails [sub-2]
}

func ExamplePolicy_DecodeRows() {
	rows, err := metering.DefaultPolicy().DecodeRows(strings.NewReader(`[{"usageDate":"2024-03-01T00:00:00","usageResourceId":"sub-1",
	  "dimension":"emails","planId":"basic","reconStatus":"Accepted","submittedQuantity":43.0,"processedQuantity":43.0,"submittedCount":2}]`))
	fmt.Println(rows[0].UsageDate.Format(time.DateOnly), rows[0].ReconStatus, rows[0].SubmittedQuantity, err)
	// Output: 2024-03-01 Accepted 43.0 <nil>
}

func ExamplePolicy_Reconcile() {
	p := metering.DefaultPolicy()
	rows, _ := p.DecodeRows(strings.NewReader(`[
	  {"usageDate":"2024-03-01T00:00:00Z","usageResourceId":"sub-1","dimension":"emails","reconStatus":"Accepted","submittedQuantity":43,"processedQuantity":43},
	  {"usageDate":"2024-03-01T00:00:00Z","usageResourceId":"sub-1","dimension":"texts","reconStatus":"Mismatch","submittedQuantity":5,"processedQuantity":4},
	  {"usageDate":"2024-03-02T00:00:00Z","usageResourceId":"sub-9","dimension":"emails","reconStatus":"Accepted","submittedQuantity":1,"processedQuantity":1}]`))
	r, _ := p.Reconcile(metering.ReconcileRequest{Rows: rows, Delivered: []metering.Event{
		hourEvent("sub-1", "emails", "2024-03-01T10:00:00Z", "40"),
		hourEvent("sub-1", "emails", "2024-03-01T11:00:00Z", "3"),
		hourEvent("sub-1", "texts", "2024-03-01T10:00:00Z", "5"),
		hourEvent("sub-1", "emails", "2024-03-03T10:00:00Z", "8"),
	}})
	fmt.Println(r)
	// Output:
	// 1 days match, 3 differ (MTR-06).
	//   Missing: 8 of "emails" for sub-1 on 2024-03-03 was delivered, but the retrieval has no row (MTR-06).
	//   Not processed: 5 of "texts" for sub-1 on 2024-03-01 submitted, 4 processed, status Mismatch (MTR-06).
	//   Not sent: the retrieval reports 1 of "emails" for sub-9 on 2024-03-02, which was not delivered (MTR-06).
}

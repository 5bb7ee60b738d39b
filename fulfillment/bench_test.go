package fulfillment

import (
	"testing"
)

func BenchmarkDecodeWebhook(b *testing.B) {
	body := readFile(b, "webhook-changeplan.json")
	p := DefaultPolicy()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var w Webhook
	for b.Loop() {
		if err := p.Decode(body, &w); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRequest() Request {
	w := hook("op1", ChangePlan, OperationInProgress, "2024-02-10T00:00:00Z")
	w.PlanID = "gold"
	return Request{State: subscribed(), Webhook: w, At: at("2024-02-10T00:00:02Z")}
}

func BenchmarkDecide(b *testing.B) {
	p := DefaultPolicy()
	req := benchRequest()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Decide(req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecideRenew(b *testing.B) {
	p := DefaultPolicy()
	req := benchRequest()
	req.Webhook.Action, req.Webhook.Status = Renew, OperationSucceeded
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Decide(req); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecideAllocs: deciding a call allocates nothing.
func TestDecideAllocs(t *testing.T) {
	p := DefaultPolicy()
	for _, a := range allActions {
		req := benchRequest()
		req.Webhook.Action = a
		n := testing.AllocsPerRun(100, func() {
			if _, err := p.Decide(req); err != nil {
				t.Fatal(err)
			}
		})
		if n != 0 {
			t.Errorf("%v: %v allocations", a, n)
		}
	}
}

package metering

import (
	"bytes"
	"errors"
	"testing"

	"github.com/marketrules/marketrules/rule"
)

func FuzzDecodeReply(f *testing.F) {
	f.Add(200, []byte(`{"usageEventId":"x","status":"Accepted","messageTime":"2020-01-12T13:19:35Z","resourceId":"s","quantity":5.0,"dimension":"d","effectiveStartTime":"2018-12-01T08:30:14","planId":"p"}`))
	f.Add(200, []byte(`{"count":1,"result":[{"status":"Duplicate","error":{"additionalInfo":{"acceptedMessage":{"status":"Duplicate"}}}}]}`))
	f.Add(409, []byte(`{"additionalInfo":{"acceptedMessage":{"status":"Duplicate","quantity":"1e2"}},"message":"m","code":"Conflict"}`))
	f.Add(400, []byte(`{"code":"BadArgument","details":[{"code":"BadArgument","target":"quantity"}]}`))
	f.Add(200, []byte(`[[[[`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		r, err := Policy{MaxBody: 4096, MaxDepth: 8}.DecodeReply(status, bytes.NewReader(body))
		if err != nil {
			var ps rule.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %v is not problems", err)
			}
			return
		}
		if r.HTTPStatus != status {
			t.Fatal("status lost")
		}
		_, _ = DefaultPolicy().Classify(ClassifyRequest{Exchanges: []Exchange{{Reply: r}}})
	})
}

func FuzzDecodeRows(f *testing.F) {
	f.Add([]byte(`[{"usageDate":"2024-03-01T00:00:00","usageResourceId":"s","dimension":"d","reconStatus":"Accepted","submittedQuantity":1,"processedQuantity":1,"submittedCount":1}]`))
	f.Add([]byte(`{"value":[{"reconStatus":"mismatch"}]}`))
	f.Add([]byte(`[{"submittedQuantity":"x"}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := Policy{MaxBody: 4096, MaxDepth: 8}.DecodeRows(bytes.NewReader(body))
		if err != nil {
			var ps rule.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %v is not problems", err)
			}
			return
		}
		_, _ = DefaultPolicy().Reconcile(ReconcileRequest{Rows: rows})
	})
}

func FuzzReader(f *testing.F) {
	f.Add([]byte("resourceId,dimension,time,quantity\ns,d,2024-03-01T10:00:00Z,1.5\n"))
	f.Add([]byte("\uFEFFRESOURCEURI,Dimension,timestamp,Quantity\r\n\"a,\"\"b\",d,2024-03-01 10:00:00+02:00,1e3\r\n"))
	f.Add([]byte("resourceId,dimension,time,quantity\n\"s,d\n,,,\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := DefaultPolicy().NewReader(bytes.NewReader(in), "f.csv")
		n := 0
		for rec := range r.Records() {
			n++
			if rec.Line < 2 || rec.Time.IsZero() {
				t.Fatalf("record %+v", rec)
			}
			if _, err := ParseQuantity(rec.Quantity.String()); err != nil {
				t.Fatalf("quantity %v: %v", rec.Quantity, err)
			}
		}
		if int64(len(r.Problems())) > r.Skipped()+8 {
			t.Fatalf("%d problems, %d skipped", len(r.Problems()), r.Skipped())
		}
	})
}

func FuzzResultJSON(f *testing.F) {
	f.Add([]byte(`{"status":"Duplicate","messageTime":"0001-01-01T00:00:00","resourceId":"s","quantity":5.0,"dimension":"d","effectiveStartTime":"2018-12-01T08:30:14","planId":"p"}`))
	f.Add([]byte(`{"status":"Accepted","messageTime":"2020-01-12T13:19:35.3458658Z","effectiveStartTime":"2018-12-01T08:30:14+02:00","error":{"details":[{"code":"x"}]}}`))
	f.Add([]byte(`{"messageTime":5}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var r Result
		if err := r.UnmarshalJSON(body); err != nil {
			return
		}
		// What was read writes and reads back as the same result.
		b, err := r.MarshalJSON()
		if err != nil {
			return // a year beyond 9999 has no JSON form
		}
		var back Result
		if err := back.UnmarshalJSON(b); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if !back.MessageTime.Equal(r.MessageTime) || !back.EffectiveStartTime.Equal(r.EffectiveStartTime) || !back.Quantity.Equal(r.Quantity) {
			t.Fatalf("round trip: %+v, want %+v", back, r)
		}
	})
}

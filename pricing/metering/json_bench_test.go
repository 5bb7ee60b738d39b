package metering_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/marketrules/marketrules/pricing/metering"
	"github.com/marketrules/marketrules/rule"
)

// plainDecision is a Decision's JSON shape in plain Go types (a string
// for its status, json.Number for the quantity), the reference
// encoding/json's speed on a metering decision is compared with.
type plainDecision struct {
	Allowed bool   `json:"allowed"`
	Status  string `json:"status"`
	Rule    string `json:"rule"`
	Reason  string `json:"reason"`
	Key     struct {
		Resource  string    `json:"resource"`
		Dimension string    `json:"dimension"`
		Hour      time.Time `json:"hour"`
	} `json:"key"`
	Quantity  json.Number `json:"quantity"`
	Effective time.Time   `json:"effective"`
	Deadline  time.Time   `json:"deadline"`
	At        time.Time   `json:"at"`
	Earlier   int         `json:"earlier"`
}

// benchDecision returns an accepted decision, its JSON and its plain
// mirror, checked to write the same JSON.
func benchDecision(tb testing.TB) (metering.Decision, []byte, plainDecision) {
	at := time.Date(2024, 3, 1, 10, 17, 0, 0, time.UTC)
	d := metering.Decision{Allowed: true, Status: metering.Accepted, Rule: rule.ID("MTR-01"), Reason: "accepted",
		Key:      metering.Key{Resource: "37f9dea2-4345-438f-b0bd-03d40d28c7e0", Dimension: "emails", Hour: at.Truncate(time.Hour)},
		Quantity: metering.MustParseQuantity("12.5"), Effective: at, Deadline: at.Add(24 * time.Hour), At: at.Add(time.Hour), Earlier: 3}
	in, err := json.Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	var p plainDecision
	if err := json.Unmarshal(in, &p); err != nil {
		tb.Fatal(err)
	}
	if again, err := json.Marshal(&p); err != nil || !bytes.Equal(again, in) {
		tb.Fatalf("mirror:\n%s\nwant\n%s", again, in)
	}
	return d, in, p
}

func TestDecisionPlainMirror(t *testing.T) { benchDecision(t) }

var jsonSink []byte

func BenchmarkDecisionMarshal(b *testing.B) {
	d, _, _ := benchDecision(b)
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(&d)
	}
}

func BenchmarkDecisionMarshalPlain(b *testing.B) {
	_, _, p := benchDecision(b)
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(&p)
	}
}

func BenchmarkDecisionUnmarshal(b *testing.B) {
	_, in, _ := benchDecision(b)
	b.ReportAllocs()
	for b.Loop() {
		var d metering.Decision
		if err := json.Unmarshal(in, &d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecisionUnmarshalPlain(b *testing.B) {
	_, in, _ := benchDecision(b)
	b.ReportAllocs()
	for b.Loop() {
		var p plainDecision
		if err := json.Unmarshal(in, &p); err != nil {
			b.Fatal(err)
		}
	}
}

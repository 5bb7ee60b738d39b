package refund_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/refund"
)

// MarshalJSON writes the bytes encoding/json writes for the decision's
// mirror struct, on random decisions and odd values, and fails where it
// fails.
func TestDecisionMarshalJSONMatchesStd(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	zones := loadZones(t)
	ds := []refund.Decision{{}}
	for range 3000 {
		if d, err := refund.DefaultPolicy().Decide(randomRequest(rng, zones)); err == nil {
			ds = append(ds, d)
		}
	}
	odd := ds[len(ds)-1]
	odd.Zone, odd.Rule, odd.Reason = "<Europe/\u2028Stockholm>&\xff\"", "RFD-\n01", "é"
	odd.Remaining, odd.DaysUsed, odd.DaysPaid, odd.DaysLeft, odd.KeysRevoked = -90*time.Minute, -1, 3, 7, true
	odd.Limit.Requested = currency.MustParse("1.00 USD")
	odd.Limit.RestoresAt = time.Date(1850, 1, 1, 0, 0, 0, 0, time.FixedZone("", -7*3600-52*60-58))
	odd.TermEnd = time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", 9*3600+30*60))
	ds = append(ds, odd)
	bad := []refund.Decision{odd, odd, odd, odd}
	bad[0].Charge = 200
	bad[1].At = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	bad[2].Limit.RestoresAt = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)
	bad[3].PolicyFrom = time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600))
	for i, d := range append(ds, bad...) {
		got, err := json.Marshal(d)
		want, werr := refund.MarshalJSONStd(d)
		if (err == nil) != (werr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("%d:\n%s %v\nwant\n%s %v", i, got, err, want, werr)
		}
		if i >= len(ds) && err == nil {
			t.Errorf("%d: no error", i)
		}
	}
}

// BenchmarkDecisionMarshalJSONStd is the former MarshalJSON: a mirror
// struct through encoding/json.
func BenchmarkDecisionMarshalJSONStd(b *testing.B) {
	d, err := refund.DefaultPolicy().Decide(hotRequests(b)[3].r)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		raw, err := refund.MarshalJSONStd(d)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := json.Marshal(json.RawMessage(raw)); err != nil {
			b.Fatal(err)
		}
	}
}

// plainDecision is a Decision's JSON shape in plain Go types: strings for
// enums, rule IDs and the window, a struct of two strings for money,
// time.Time for instants; no marshaling methods of its own.
type (
	plainMoney struct {
		Amount   string `json:"amount"`
		Currency string `json:"currency"`
	}
	plainDecision struct {
		Charge      string     `json:"charge,omitzero"`
		Trigger     string     `json:"trigger"`
		Term        string     `json:"term,omitzero"`
		Vendor      string     `json:"vendor,omitzero"`
		Allowed     bool       `json:"allowed"`
		Cancel      string     `json:"cancel"`
		Rule        string     `json:"rule"`
		Reason      string     `json:"reason"`
		Settlement  string     `json:"settlement"`
		Paid        plainMoney `json:"paid"`
		Refund      plainMoney `json:"refund"`
		Retained    plainMoney `json:"retained"`
		DaysUsed    int        `json:"daysUsed,omitempty"`
		DaysPaid    int        `json:"daysPaid,omitempty"`
		Window      string     `json:"window"`
		WindowStart time.Time  `json:"windowStart,omitzero"`
		WindowEnd   time.Time  `json:"windowEnd,omitzero"`
		At          time.Time  `json:"at"`
		Remaining   string     `json:"remaining,omitempty"`
		DaysLeft    int        `json:"daysLeft,omitempty"`
		Zone        string     `json:"zone,omitempty"`
		PaidUntil   time.Time  `json:"paidUntil,omitzero"`
		TermEnd     time.Time  `json:"termEnd,omitzero"`
		PolicyFrom  time.Time  `json:"policyFrom,omitzero"`
		KeysRevoked bool       `json:"keysRevoked,omitempty"`
		Limit       *struct {
			Allowed    bool       `json:"allowed"`
			Rule       string     `json:"rule"`
			Reason     string     `json:"reason"`
			Limit      plainMoney `json:"limit"`
			Used       plainMoney `json:"used"`
			Available  plainMoney `json:"available"`
			Requested  plainMoney `json:"requested"`
			RestoresAt time.Time  `json:"restoresAt,omitzero"`
		} `json:"limit,omitzero"`
	}
)

// benchDecisions returns the benchmarked decision, its JSON and its plain
// mirror, checked to write the same JSON.
func benchDecisions(tb testing.TB) (refund.Decision, []byte, plainDecision) {
	d, err := refund.DefaultPolicy().Decide(hotRequests(tb)[3].r)
	if err != nil {
		tb.Fatal(err)
	}
	in, err := json.Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	var p plainDecision
	if err := json.Unmarshal(in, &p); err != nil {
		tb.Fatal(err)
	}
	if again, err := json.Marshal(p); err != nil || !bytes.Equal(again, in) {
		tb.Fatalf("mirror:\n%s\nwant\n%s", again, in)
	}
	return d, in, p
}

func TestDecisionPlainMirror(t *testing.T) { benchDecisions(t) }

func BenchmarkDecisionMarshalPlain(b *testing.B) {
	_, _, p := benchDecisions(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(&p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecisionUnmarshal(b *testing.B) {
	_, in, _ := benchDecisions(b)
	b.ReportAllocs()
	for b.Loop() {
		var d refund.Decision
		if err := json.Unmarshal(in, &d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecisionUnmarshalPlain(b *testing.B) {
	_, in, _ := benchDecisions(b)
	b.ReportAllocs()
	for b.Loop() {
		var p plainDecision
		if err := json.Unmarshal(in, &p); err != nil {
			b.Fatal(err)
		}
	}
}

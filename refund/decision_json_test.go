package refund_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

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

// BenchmarkDecisionMarshal encodes a decision as BenchmarkDecisionMarshalPlain
// encodes its mirror, through a pointer (BenchmarkDecisionMarshalJSON
// passes the decision itself, which encoding/json copies to the heap
// twice).
func BenchmarkDecisionMarshal(b *testing.B) {
	d, _, _ := benchDecisions(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(&d); err != nil {
			b.Fatal(err)
		}
	}
}

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

// sameDecoding fails t unless the fast decoder, where it accepts b,
// decodes it as UnmarshalJSON's jsonx path does: the same decision, with
// the same instants and offsets (compared through MarshalJSON too, since
// cmp compares instants with time.Time.Equal).
func sameDecoding(t *testing.T, b []byte) (fast bool) {
	t.Helper()
	var got, want refund.Decision
	got.Zone = "untouched"
	if !refund.UnmarshalFast(&got, b) {
		if got.Zone != "untouched" {
			t.Fatalf("%s: the fast decoder failed but set the decision", b)
		}
		return false
	}
	if err := refund.UnmarshalJSONx(&want, b); err != nil {
		t.Fatalf("%s: the fast decoder accepts it, the jsonx path: %v", b, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%s (-jsonx path +fast):\n%s", b, diff)
	}
	wj, werr := want.MarshalJSON()
	gj, gerr := got.MarshalJSON()
	if !bytes.Equal(wj, gj) || (werr == nil) != (gerr == nil) {
		t.Fatalf("%s: re-encoded\n%s, %v\nwant\n%s, %v", b, gj, gerr, wj, werr)
	}
	return true
}

// The fast decoder decodes every decision MarshalJSON writes, and its
// pretty-printed form, as UnmarshalJSON does; it leaves every other input
// of the JSON tests (and their variants) to UnmarshalJSON, or decodes it
// the same.
func TestDecisionUnmarshalFast(t *testing.T) {
	for _, in := range jsonInputs(t) {
		var d refund.Decision
		canonical := json.Unmarshal([]byte(in), &d) == nil && in != "null" && in != " null "
		var pretty bytes.Buffer
		_ = json.Indent(&pretty, []byte(in), "", "  ")
		for _, b := range [][]byte{[]byte(in), pretty.Bytes(), []byte(" " + in + "\n"), []byte(strings.ToUpper(in))} {
			if fast := sameDecoding(t, b); canonical && !fast && !bytes.Equal(b, []byte(strings.ToUpper(in))) {
				t.Errorf("%s: not decoded by the fast decoder", b)
			}
		}
		for i := range min(len(in), 2000) { // every truncation and one byte changed
			sameDecoding(t, []byte(in[:i]))
			for _, c := range []byte{'"', '}', '\\', ',', '0', 'x', 0xff} {
				b := []byte(in)
				b[i] = c
				sameDecoding(t, b)
			}
		}
	}
}

// FuzzDecisionUnmarshalFast: wherever the fast decoder accepts an input,
// UnmarshalJSON's jsonx path decodes it to the same decision.
func FuzzDecisionUnmarshalFast(f *testing.F) {
	_, in, _ := benchDecisions(f)
	f.Add(in)
	f.Add([]byte(`{"limit":{"allowed":true,"rule":"EXT-12","reason":"within-limit","limit":{"amount":"50000.00","currency":"USD"},"used":{"amount":"0.00","currency":"USD"},"available":{"amount":"50000.00","currency":"USD"},"requested":{"amount":"1.00","currency":"USD"},"restoresAt":"2025-01-01T00:00:00-07:52"},"at":"0001-01-01T00:00:00Z","rule":"RFD-01","reason":"no-window","cancel":"now","window":"PT0S"}`))
	f.Add([]byte(`{"daysUsed":-0,"daysPaid":9223372036854775807,"remaining":"1h","allowed":false,"zone":"é"}`))
	f.Fuzz(func(t *testing.T, b []byte) { sameDecoding(t, b) })
}

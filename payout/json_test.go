package payout

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/rule"
)

// roundTrip marshals v to JSON and back into a new value of the same type.
func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back T
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	return back
}

func TestJSONRoundTrips(t *testing.T) {
	// Every value a host stores round-trips through JSON.
	r := rand.New(rand.NewPCG(12, 12))
	txs := make([]Transaction, 300)
	for i := range txs {
		txs[i] = randTx(r)
		txs[i].ID = "T-" + string(rune('a'+i%26)) + strconv.Itoa(i)
	}
	if diff := cmp.Diff(txs, roundTrip(t, txs)); diff != "" {
		t.Errorf("transactions (-want +got):\n%s", diff)
	}
	st, err := Policy2023().BuildStatement(slices.Values(txs), allRates())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(st, roundTrip(t, st)); diff != "" {
		t.Errorf("statement (-want +got):\n%s", diff)
	}
	p := Policy2023()
	var fees []Fee
	var scheds []Schedule
	for _, x := range txs[:50] {
		f, err := p.Fee(Transaction{Gross: x.Gross, Qualified: x.Qualified, Collected: x.Date})
		if err != nil {
			t.Fatal(err)
		}
		fees = append(fees, f)
		s, err := DefaultPolicy().Schedule(x)
		if err != nil {
			t.Fatal(err)
		}
		scheds = append(scheds, s)
	}
	if diff := cmp.Diff(fees, roundTrip(t, fees)); diff != "" {
		t.Errorf("fees (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(scheds, roundTrip(t, scheds)); diff != "" {
		t.Errorf("schedules (-want +got):\n%s", diff)
	}
	sale := Transaction{Gross: money("1.00 USD"), Infrastructure: money("0.14 USD"), Pricing: BYOL, Collected: jan10}
	if diff := cmp.Diff(sale, roundTrip(t, sale)); diff != "" {
		t.Errorf("sale (-want +got):\n%s", diff)
	}
	eras := Policy2023().Fees
	if diff := cmp.Diff(eras, roundTrip(t, eras)); diff != "" {
		t.Errorf("fee eras (-want +got):\n%s", diff)
	}
}

func TestTransactionJSONShape(t *testing.T) {
	x := tx(jan10, MCA, CreditCard, Usage, "12.34 SEK")
	x.ID = "T-1"
	data, _ := json.Marshal(x)
	const want = `{"id":"T-1","date":"2024-01-10T00:00:00-08:00","agreement":"mca","payment":"credit-card","charge":"usage","type":"purchase","gross":{"amount":"12.34","currency":"SEK"}}`
	if string(data) != want {
		t.Errorf("JSON\n got %s\nwant %s", data, want)
	}
	var back Transaction
	err := json.Unmarshal([]byte(strings.Replace(want, `"mca"`, `"xyz"`, 1)), &back)
	if err == nil || !strings.Contains(err.Error(), "unknown customer agreement") {
		t.Errorf("bad agreement: %v", err)
	}
}

// Policies, reconciliations and earnings rows round-trip through JSON; a
// decoded policy counts in PST.
func TestJSONRoundTripsV1(t *testing.T) {
	for _, p := range []Policy{DefaultPolicy(), Policy2023()} {
		back := roundTrip(t, p)
		if r := back.resolve(); !r.sameAs(&p) || r.Zone != PST() {
			t.Errorf("policy round trip: %+v", back)
		}
	}
	for r, err := range DefaultPolicy().ReconcileEarnings(strings.NewReader(sampleExport), CSVOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(r, roundTrip(t, r)); diff != "" {
			t.Errorf("reconciliation (-want +got):\n%s", diff)
		}
	}
	for e := range ReadEarnings(strings.NewReader(sampleExport), CSVOptions{}) {
		if diff := cmp.Diff(e, roundTrip(t, e)); diff != "" {
			t.Errorf("earning (-want +got):\n%s", diff)
		}
	}
	var zero Policy
	if diff := cmp.Diff(zero.resolve().Fees, roundTrip(t, zero).resolve().Fees); diff != "" {
		t.Errorf("zero policy: %s", diff)
	}
}

// A policy decodes strictly: unknown members and invalid values are
// problems at their paths.
func TestPolicyJSONStrict(t *testing.T) {
	var p Policy
	err := json.Unmarshal([]byte(`{"payoutDay":40,"bogus":1}`), &p)
	var ps rule.Problems
	if !errors.As(err, &ps) || !strings.Contains(err.Error(), `unknown field "bogus"`) || !errors.Is(err, ErrPolicy) {
		t.Errorf("unknown member: %v", err)
	}
	err = json.Unmarshal([]byte(`{"payoutDay":40}`), &p)
	if !errors.Is(err, ErrPolicy) || !strings.Contains(err.Error(), "policy.payoutDay") {
		t.Errorf("invalid value: %v", err)
	}
	if err := json.Unmarshal([]byte(`{}`), &p); err != nil || !p.isZero() {
		t.Errorf("empty policy: %v", err)
	}
	var nilp *Policy
	if nilp.UnmarshalJSON([]byte(`{}`)) == nil {
		t.Error("nil policy")
	}
}

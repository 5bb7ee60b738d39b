package payout

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
		txs[i].ID = "T-" + string(rune('a'+i%26))
	}
	if diff := cmp.Diff(txs, roundTrip(t, txs)); diff != "" {
		t.Errorf("transactions (-want +got):\n%s", diff)
	}
	st, err := BuildStatement(DefaultPolicy(), slices.Values(txs), allRates())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(st, roundTrip(t, st)); diff != "" {
		t.Errorf("statement (-want +got):\n%s", diff)
	}
	p := DefaultPolicy()
	var fees []Fee
	var scheds []Schedule
	for _, x := range txs[:50] {
		f, err := p.Fee(Sale{License: x.Gross, Qualified: x.Qualified, Collected: x.Date})
		if err != nil {
			t.Fatal(err)
		}
		fees = append(fees, f)
		s, err := SeedPolicy().Schedule(x)
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
	rw, _ := p.Rewards(Activity{BilledSales: money("30000.00 USD"), Fraudulent: money("10.00 USD"), TeamsMAU: 3})
	if diff := cmp.Diff(rw, roundTrip(t, rw)); diff != "" {
		t.Errorf("rewards (-want +got):\n%s", diff)
	}
	act := Activity{At: jan10, BilledSales: money("1.00 USD"), SeatsSold: 4}
	if diff := cmp.Diff(act, roundTrip(t, act)); diff != "" {
		t.Errorf("activity (-want +got):\n%s", diff)
	}
	sale := Sale{License: money("1.00 USD"), Infrastructure: money("0.14 USD"), Pricing: BYOL, Collected: jan10}
	if diff := cmp.Diff(sale, roundTrip(t, sale)); diff != "" {
		t.Errorf("sale (-want +got):\n%s", diff)
	}
	tiers := DefaultPolicy().Tiers
	if diff := cmp.Diff(tiers, roundTrip(t, tiers)); diff != "" {
		t.Errorf("tiers (-want +got):\n%s", diff)
	}
	eras := DefaultPolicy().Fees
	if diff := cmp.Diff(eras, roundTrip(t, eras)); diff != "" {
		t.Errorf("fee eras (-want +got):\n%s", diff)
	}
}

func TestTransactionJSONShape(t *testing.T) {
	x := tx(jan10, MCA, CreditCard, Usage, "12.34 SEK")
	x.ID = "T-1"
	data, _ := json.Marshal(x)
	const want = `{"id":"T-1","date":"2024-01-10T00:00:00-08:00","agreement":"mca","payment":"credit-card","kind":"usage","type":"purchase","gross":{"amount":"12.34","currency":"SEK"}}`
	if string(data) != want {
		t.Errorf("JSON\n got %s\nwant %s", data, want)
	}
	var back Transaction
	err := json.Unmarshal([]byte(strings.Replace(want, `"mca"`, `"xyz"`, 1)), &back)
	if err == nil || !strings.Contains(err.Error(), "unknown customer agreement") {
		t.Errorf("bad agreement: %v", err)
	}
}

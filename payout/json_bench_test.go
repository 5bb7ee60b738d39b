package payout

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
	"time"
)

// A Payout's JSON shape in plain Go types (strings for enums, codes,
// rates and months, a struct of two strings for money, time.Time for
// instants; no marshaling methods of their own): the reference
// encoding/json's speed on a Payout is compared with.
type (
	plainMoney struct {
		Amount   string `json:"amount"`
		Currency string `json:"currency"`
	}
	plainRate struct {
		From string `json:"from"`
		To   string `json:"to"`
		Rate string `json:"rate"`
	}
	plainPayout struct {
		Month        string    `json:"month"`
		Allowed      bool      `json:"allowed"`
		ThresholdMet bool      `json:"thresholdMet"`
		Rule         string    `json:"rule"`
		Reason       string    `json:"reason"`
		PreparedFrom time.Time `json:"preparedFrom,omitzero"`
		Date         time.Time `json:"date,omitzero"`
		Subtotals    []struct {
			Currency string     `json:"currency"`
			Type     string     `json:"type"`
			Count    int64      `json:"count"`
			Gross    plainMoney `json:"gross"`
			Fee      plainMoney `json:"fee"`
			Net      plainMoney `json:"net"`
		} `json:"subtotals"`
		Balances []struct {
			Currency  string     `json:"currency"`
			Opening   plainMoney `json:"opening"`
			Net       plainMoney `json:"net"`
			Paid      plainMoney `json:"paid"`
			Closing   plainMoney `json:"closing"`
			Converted plainMoney `json:"converted"`
			Rate      *plainRate `json:"rate,omitzero"`
		} `json:"balances"`
		Combined  plainMoney `json:"combined"`
		Threshold plainMoney `json:"threshold"`
		Rounding  string     `json:"rounding"`
	}
)

// benchPayout returns a paid month of a statement in several currencies,
// its JSON and its plain mirror, checked to write the same JSON.
func benchPayout(tb testing.TB) (Payout, []byte, plainPayout) {
	l, _ := NewLedger(Policy2023())
	_ = l.AddAll(slices.Values(randTxs(20_000)))
	st, err := l.Statement(allRates())
	if err != nil {
		tb.Fatal(err)
	}
	var p Payout
	for _, q := range st.Payouts {
		if q.Allowed && len(q.Balances) > len(p.Balances) {
			p = q
		}
	}
	in, err := json.Marshal(p)
	if err != nil {
		tb.Fatal(err)
	}
	var m plainPayout
	if err := json.Unmarshal(in, &m); err != nil {
		tb.Fatal(err)
	}
	if again, err := json.Marshal(m); err != nil || !bytes.Equal(again, in) {
		tb.Fatalf("mirror:\n%s\nwant\n%s", again, in)
	}
	return p, in, m
}

func TestPayoutPlainMirror(t *testing.T) {
	_, in, _ := benchPayout(t)
	t.Logf("%d bytes", len(in))
}

var jsonSink []byte

func BenchmarkPayoutMarshal(b *testing.B) {
	p, _, _ := benchPayout(b)
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(&p)
	}
}

func BenchmarkPayoutMarshalPlain(b *testing.B) {
	_, _, m := benchPayout(b)
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(&m)
	}
}

func BenchmarkPayoutUnmarshal(b *testing.B) {
	_, in, _ := benchPayout(b)
	b.ReportAllocs()
	for b.Loop() {
		var p Payout
		if err := json.Unmarshal(in, &p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPayoutUnmarshalPlain(b *testing.B) {
	_, in, _ := benchPayout(b)
	b.ReportAllocs()
	for b.Loop() {
		var m plainPayout
		if err := json.Unmarshal(in, &m); err != nil {
			b.Fatal(err)
		}
	}
}

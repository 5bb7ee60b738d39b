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

// plainTransaction is a Transaction's JSON shape in plain Go types.
type plainTransaction struct {
	ID             string     `json:"id,omitempty"`
	Date           time.Time  `json:"date"`
	Agreement      string     `json:"agreement"`
	Payment        string     `json:"payment"`
	Charge         string     `json:"charge"`
	Type           string     `json:"type"`
	Pricing        string     `json:"pricing,omitzero"`
	Gross          plainMoney `json:"gross"`
	Infrastructure plainMoney `json:"infrastructure,omitzero"`
	Qualified      bool       `json:"qualified,omitempty"`
	Collected      time.Time  `json:"collected,omitzero"`
	Invoiced       time.Time  `json:"invoiced,omitzero"`
}

// benchTransaction returns a transaction with every member, its JSON and
// its plain mirror, checked to write the same JSON.
func benchTransaction(tb testing.TB) (Transaction, []byte, plainTransaction) {
	t := randTxs(1)[0]
	t.ID, t.Pricing, t.Qualified = "a1b2c3d4-0000-4000-8000-000000000042", BYOL, true
	t.Infrastructure = t.Gross
	t.Collected, t.Invoiced = t.Date.AddDate(0, 0, 20), t.Date.AddDate(0, 0, 3)
	in, err := json.Marshal(t)
	if err != nil {
		tb.Fatal(err)
	}
	var m plainTransaction
	if err := json.Unmarshal(in, &m); err != nil {
		tb.Fatal(err)
	}
	if again, err := json.Marshal(m); err != nil || !bytes.Equal(again, in) {
		tb.Fatalf("mirror:\n%s\nwant\n%s", again, in)
	}
	return t, in, m
}

func TestTransactionPlainMirror(t *testing.T) { benchTransaction(t) }

func BenchmarkTransactionMarshal(b *testing.B) {
	t, _, _ := benchTransaction(b)
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(&t)
	}
}

func BenchmarkTransactionMarshalPlain(b *testing.B) {
	_, _, m := benchTransaction(b)
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(&m)
	}
}

func BenchmarkTransactionUnmarshal(b *testing.B) {
	_, in, _ := benchTransaction(b)
	b.ReportAllocs()
	for b.Loop() {
		var t Transaction
		if err := json.Unmarshal(in, &t); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTransactionUnmarshalPlain(b *testing.B) {
	_, in, _ := benchTransaction(b)
	b.ReportAllocs()
	for b.Loop() {
		var m plainTransaction
		if err := json.Unmarshal(in, &m); err != nil {
			b.Fatal(err)
		}
	}
}

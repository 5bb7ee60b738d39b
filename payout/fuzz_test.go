package payout

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzReader: the CSV reader never panics, and every row it accepts is
// written back by Writer and read again as the same transaction.
func FuzzReader(f *testing.F) {
	f.Add([]byte(header + "T-1,2024-01-10T10:00:00Z,ea,invoice,order,purchase,100.00,USD,false,,\n"))
	f.Add([]byte(header + ` x ,2024-01-10,mca,credit-card,usage,purchase,1200,JPY,true,2024-01-11T00:00:00-08:00,2024-02-01` + "\n"))
	f.Add([]byte(header + "a,2024-02-15T00:00:00.5+01:00,csp,card,order,chargeback,-3.5,RMB,1,2024-01-05,\n"))
	f.Add([]byte(header + "\"q\"\"\",2024-01-10,EA,INVOICE,Order,Refund,-0.01,SEK,f,,\n,,,,,,,,,,\n"))
	f.Add([]byte(header + "b,yesterday,xx,cash,gift,sale,1.001,USD,maybe,never,soon\n"))
	f.Add([]byte("\ufeff" + header + "c,9000-12-31T23:59:59.999999999-23:59,csp,invoice,usage,reversal,-92233720368547758.08,USD,0,,\n"))
	f.Add([]byte("id,date\n\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), CSVOptions{MaxBytes: 1 << 16, MaxRows: 1000})
		var accepted []Transaction
		for x, err := range r.All() {
			if err == nil {
				accepted = append(accepted, x)
			}
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		for _, x := range accepted {
			if err := w.Write(x); err != nil {
				t.Fatalf("accepted %+v but Write fails: %v", x, err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		var again []Transaction
		for x, err := range NewReader(&buf, CSVOptions{MaxBytes: -1, MaxRows: -1}).All() {
			if err != nil {
				t.Fatalf("re-reading %q: %v", buf.String(), err)
			}
			again = append(again, x)
		}
		if diff := cmp.Diff(accepted, again); diff != "" {
			t.Fatalf("round trip (-read +re-read):\n%s", diff)
		}
		// Accepted transactions are valid and can be added.
		l, _ := NewLedger(Policy2023())
		for _, x := range accepted {
			if err := l.Add(x); err != nil {
				if x.Gross.Minor() > 1<<60 || x.Gross.Minor() < -(1<<60) {
					continue // sums of huge lines may overflow, which is reported
				}
				t.Fatalf("accepted %+v, Add: %v", x, err)
			}
		}
	})
}

// FuzzLedgerJSON: decoding never panics, and a decoded ledger encodes back
// to JSON that decodes to the same ledger.
func FuzzLedgerJSON(f *testing.F) {
	f.Add([]byte(`{"transactions":2,"entries":[{"month":"2024-02","type":"purchase","count":2,"gross":{"amount":"200.00","currency":"USD"},"fee":{"amount":"6.00","currency":"USD"}}]}`))
	f.Add([]byte(`{"transactions":0,"entries":[]}`))
	f.Add([]byte(`{"transactions":1,"entries":[{"month":"0001-01","type":"refund","count":1,"gross":{"amount":"-1","currency":"JPY"},"fee":{"amount":"0","currency":"JPY"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var l Ledger
		if err := l.UnmarshalJSON(data); err != nil {
			return
		}
		out, err := json.Marshal(&l)
		if err != nil {
			t.Fatal(err)
		}
		var back Ledger
		if err := back.UnmarshalJSON(out); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		out2, _ := json.Marshal(&back)
		if !bytes.Equal(out, out2) {
			t.Fatalf("not stable:\n%s\n%s", out, out2)
		}
	})
}

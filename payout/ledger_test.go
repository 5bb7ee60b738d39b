package payout

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

func TestLedgerZeroValue(t *testing.T) {
	// PAY-05: the zero Ledger is empty and uses DefaultPolicy.
	var l Ledger
	if l.Len() != 0 {
		t.Fatal("zero ledger not empty")
	}
	if err := l.Add(tx(jan10, EA, Invoice, Order, "100.00 USD")); err != nil {
		t.Fatal(err)
	}
	st, err := l.Statement(nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Payouts[0].Subtotals[0].Fee.String() != "3.00 USD" || l.Len() != 1 {
		t.Errorf("statement %+v", st)
	}
	if lp := l.policy; !lp.sameAs(ptr(DefaultPolicy())) {
		t.Error("zero ledger's policy is not the default")
	}
}

func ptr[T any](v T) *T { return &v }

func TestNewLedgerCopiesPolicy(t *testing.T) {
	p := Policy2023()
	l, err := NewLedger(p)
	if err != nil {
		t.Fatal(err)
	}
	p.Fees[3].Standard = currency.MustParseRate("0.5") // the caller's slice changes later
	_ = l.Add(tx(jan10, EA, Invoice, Order, "100.00 USD"))
	st, _ := l.Statement(nil)
	if got := st.Payouts[0].Subtotals[0].Fee.String(); got != "3.00 USD" {
		t.Errorf("fee %s: the ledger shares the caller's fee schedule", got)
	}
	bad := Policy2023()
	bad.Fees = nil
	if _, err := NewLedger(bad); !errors.Is(err, ErrPolicy) {
		t.Errorf("NewLedger(no fees): %v", err)
	}
}

func TestLedgerAddAllProblems(t *testing.T) {
	// EXT-11: AddAll adds the valid transactions and lists every invalid one, up to 100.
	good := tx(jan10, EA, Invoice, Order, "10.00 USD")
	bad := tx(jan10, EA, Invoice, Order, "-10.00 USD")
	l, _ := NewLedger(Policy2023())
	err := l.AddAll(slices.Values([]Transaction{good, bad, good, {}}))
	wantProblems(t, err, []string{"transactions[1].gross", "transactions[3].date", "transactions[3].agreement",
		"transactions[3].payment", "transactions[3].charge", "transactions[3].type", "transactions[3].gross"}, ErrAmount, ErrDate)
	if l.Len() != 2 {
		t.Errorf("Len = %d, want the 2 valid transactions", l.Len())
	}
	many := make([]Transaction, 150)
	for i := range many {
		many[i] = bad
	}
	err = l.AddAll(slices.Values(many))
	var ps rule.Problems
	if !errors.As(err, &ps) || len(ps) != rule.MaxProblems+1 || ps[rule.MaxProblems].Error() != "and 50 more problems" || ps.Len() != 150 {
		t.Errorf("150 bad transactions: %d problems, last %v", len(ps), ps[len(ps)-1])
	}
	if err := l.AddAll(slices.Values([]Transaction{good})); err != nil {
		t.Errorf("AddAll(valid) = %v", err)
	}
}

func TestLedgerOverflow(t *testing.T) {
	l, _ := NewLedger(Policy2023())
	big := tx(jan10, EA, Invoice, Order, "1.00 USD")
	big.Gross = currency.MustFromMinor(1<<62, currency.USD)
	if err := l.Add(big); err != nil {
		t.Fatal(err)
	}
	if err := l.Add(big); !errors.Is(err, ErrOverflow) {
		t.Errorf("second huge line: err = %v, want ErrOverflow", err)
	}
	if l.Len() != 1 {
		t.Errorf("Len = %d after a refused line", l.Len())
	}
	o, _ := NewLedger(Policy2023())
	_ = o.Add(big)
	if err := l.Merge(o); !errors.Is(err, ErrOverflow) {
		t.Errorf("Merge overflow: err = %v", err)
	}
	if l.Len() != 1 {
		t.Errorf("Merge changed the ledger on error")
	}
}

func TestLedgerMerge(t *testing.T) {
	// EXT-11: merging is the union; different policies do not merge.
	a, _ := NewLedger(Policy2023())
	b, _ := NewLedger(Policy2023())
	_ = a.Add(tx(jan10, EA, Invoice, Order, "10.00 USD"))
	_ = b.Add(tx(jan10, EA, Invoice, Order, "20.00 USD"))
	_ = b.Add(tx(jan10, MCA, Invoice, Order, "20.00 SEK"))
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	if a.Len() != 3 || b.Len() != 2 {
		t.Errorf("Len %d %d", a.Len(), b.Len())
	}
	if err := a.Merge(a); err != nil || a.Len() != 6 {
		t.Errorf("self-merge: %v, Len %d", err, a.Len())
	}
	st, _ := a.Statement(allRates())
	if got := st.Payouts[0].Subtotals[0].Gross.String(); got != "60.00 USD" {
		t.Errorf("doubled gross %s", got)
	}
	other0, _ := NewLedger(DefaultPolicy())
	if err := a.Merge(other0); !errors.Is(err, ErrPolicy) {
		t.Errorf("merge across policies: %v", err)
	}
	p := Policy2023()
	p.Zone = time.FixedZone("PST", -7*3600)
	other, _ := NewLedger(p)
	if err := a.Merge(other); !errors.Is(err, ErrPolicy) {
		t.Errorf("merge across zones: %v", err)
	}
	var z Ledger
	bd, _ := NewLedger(DefaultPolicy())
	if err := z.Merge(bd); err != nil {
		t.Errorf("zero ledger merge: %v", err)
	}
}

func TestPolicySameAs(t *testing.T) {
	base := Policy2023()
	changes := []func(*Policy){
		func(p *Policy) { p.Fees = p.Fees[:3] },
		func(p *Policy) { p.Fees[3].From = p.Fees[3].From.Add(time.Hour) },
		func(p *Policy) { p.Fees[3].Qualified = currency.MustParseRate("0.02") },
		func(p *Policy) { p.EAInvoiceDays++ },
		func(p *Policy) { p.CardHoldDays++ },
		func(p *Policy) { p.FeeRounding = currency.Up },
		func(p *Policy) { p.PayoutDay = 14 },
		func(p *Policy) { p.Threshold = money("50.00 EUR") },
		func(p *Policy) { p.CollectedMonths = 4 },
		func(p *Policy) { p.Zone = time.UTC },
		func(p *Policy) { p.AdjustmentMonths = 2 },
	}
	for i, change := range changes {
		p := Policy2023()
		change(&p)
		if base.sameAs(&p) || p.sameAs(&base) {
			t.Errorf("change %d: policies compare the same", i)
		}
	}
	p := Policy2023()
	p.Zone = time.FixedZone("PST", -8*3600) // a different pointer, the same zone
	p.Fees[0].Source = "another note"
	if !base.sameAs(&p) {
		t.Error("equal policies compare different")
	}
}

func TestLedgerJSON(t *testing.T) {
	// EXT-11: a ledger round-trips through JSON and gives the same statement.
	r := rand.New(rand.NewPCG(3, 3))
	l, _ := NewLedger(Policy2023())
	for i := 0; i < 200; i++ {
		_ = l.Add(randTx(r))
	}
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var back Ledger
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	want, _ := l.Statement(allRates())
	got, err := back.Statement(allRates())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statement after JSON (-want +got):\n%s", diff)
	}
	data2, _ := json.Marshal(&back)
	if string(data) != string(data2) {
		t.Error("JSON not stable")
	}
	small, _ := NewLedger(Policy2023())
	_ = small.Add(tx(jan10, EA, Invoice, Order, "100.00 USD"))
	_ = small.Add(tx(jan10, EA, Invoice, Order, "100.00 USD"))
	data, _ = json.Marshal(small)
	const want2 = `{"transactions":2,"entries":[{"month":"2024-02","type":"purchase","count":2,"gross":{"amount":"200.00","currency":"USD"},"fee":{"amount":"6.00","currency":"USD"}}]}`
	if string(data) != want2 {
		t.Errorf("JSON\n got %s\nwant %s", data, want2)
	}
}

func TestLedgerJSONErrors(t *testing.T) {
	entry := func(s string) string { return `{"transactions":1,"entries":[` + s + `]}` }
	const ok = `{"month":"2024-02","type":"purchase","count":1,"gross":{"amount":"1.00","currency":"USD"},"fee":{"amount":"0.03","currency":"USD"}}`
	tests := []struct {
		name      string
		json      string
		paths     []string
		sentinels []error
	}{
		{"not JSON", `{`, []string{"ledger"}, []error{ErrField}},
		{"unknown field", `{"transactions":0,"extra":1}`, []string{"ledger"}, []error{ErrField}},
		{"bad month", entry(strings.Replace(ok, "2024-02", "2024-13", 1)), []string{"ledger"}, []error{ErrField}},
		{"bad type and count", entry(strings.Replace(strings.Replace(ok, "purchase", "gift", 1), `"count":1`, `"count":0`, 1)),
			[]string{"ledger"}, []error{ErrField}},
		{"count and currency", entry(strings.Replace(strings.Replace(ok, `"count":1`, `"count":-1`, 1), `"currency":"USD"}}`, `"currency":"SEK"}}`, 1)),
			[]string{"ledger.entries[0].gross", "ledger.entries[0].count"}, []error{ErrCurrency, ErrField}},
		{"zero month", entry(`{"type":"purchase","count":1,"gross":{"amount":"1.00","currency":"USD"},"fee":{"amount":"0.03","currency":"USD"}}`),
			[]string{"ledger.entries[0].month"}, []error{ErrDate}},
		{"bad type", entry(`{"month":"2024-02","type":"sale","count":1,"gross":{"amount":"1.00","currency":"USD"},"fee":{"amount":"0.03","currency":"USD"}}`),
			[]string{"ledger"}, []error{ErrField}},
		{"opening with a count", entry(`{"month":"2024-02","count":1,"gross":{"amount":"1.00","currency":"GHS"},"fee":{"amount":"0.03","currency":"GHS"}}`),
			[]string{"ledger.entries[0].gross", "ledger.entries[0].count", "ledger.entries[0].gross"}, []error{ErrField, ErrCurrency}},
		{"duplicate", `{"transactions":2,"entries":[` + ok + "," + ok + `]}`, []string{"ledger.entries[1]"}, []error{ErrField}},
		{"wrong total", `{"transactions":5,"entries":[` + ok + `]}`, []string{"ledger.transactions"}, []error{ErrField}},
		{"negative purchase", entry(strings.Replace(ok, `"1.00"`, `"-1.00"`, 1)), []string{"ledger.entries[0].gross"}, []error{ErrAmount}},
		{"positive refund", entry(strings.Replace(ok, "purchase", "refund", 1)), []string{"ledger.entries[0].gross"}, []error{ErrAmount}},
		{"fee above gross", entry(strings.Replace(ok, `"0.03"`, `"1.03"`, 1)), []string{"ledger.entries[0].gross"}, []error{ErrAmount}},
		{"fee of the wrong sign", entry(strings.Replace(ok, `"0.03"`, `"-0.03"`, 1)), []string{"ledger.entries[0].gross"}, []error{ErrAmount}},
		{"count overflow", `{"transactions":1,"entries":[` + strings.Replace(ok, `"count":1`, `"count":9223372036854775807`, 1) + "," +
			strings.Replace(strings.Replace(strings.Replace(ok, "purchase", "refund", 1), `"1.00"`, `"-1.00"`, 1), `"0.03"`, `"-0.03"`, 1) + `]}`,
			[]string{"ledger.entries[1].count"}, []error{ErrOverflow}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, _ := NewLedger(Policy2023())
			_ = l.Add(tx(jan10, EA, Invoice, Order, "100.00 USD"))
			err := l.UnmarshalJSON([]byte(tt.json))
			wantProblems(t, err, tt.paths, tt.sentinels...)
			if l.Len() != 1 {
				t.Errorf("a failed Unmarshal changed the ledger")
			}
		})
	}
}

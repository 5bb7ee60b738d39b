package payout

import (
	"encoding/json"
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"iter"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// anyMoney returns minor units of c, or the zero Money for the zero Code
// and a code outside ISO 4217, in which no Money can be built.
func anyMoney(minor int64, c currency.Code) currency.Money {
	if m, err := currency.New(minor, c); err == nil {
		return m
	}
	return currency.Money{}
}

// extremeTx returns a transaction with random, often extreme or invalid,
// fields: zero values, year 1 and 9999, instants 1 ns apart, MaxInt64
// amounts, invalid enums, mismatched currencies.
func extremeTx(r *rand.Rand) Transaction {
	instants := []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2024, 1, 31, 23, 59, 59, 999999999, PST()), time.Date(2024, 2, 1, 0, 0, 0, 0, PST()),
		time.Date(2021, 7, 1, 7, 59, 59, 999999999, time.UTC), time.Date(2021, 7, 1, 8, 0, 0, 0, time.UTC),
		time.Date(9000, 12, 31, 0, 0, 0, 0, time.UTC), time.Unix(0, math.MaxInt64), time.Unix(math.MinInt32, 0)}
	amounts := []int64{0, 1, -1, 100, -100, math.MaxInt64, math.MinInt64, math.MaxInt64 / 2, 12345678901}
	codes := []currency.Code{0, currency.USD, currency.SEK, currency.JPY, currency.EUR, currency.Code(9999)}
	t := Transaction{
		Date:      instants[r.IntN(len(instants))],
		Agreement: Agreement(r.IntN(5)), Payment: PaymentMethod(r.IntN(4)), Charge: Charge(r.IntN(4)),
		Type: TransactionType(r.IntN(6)), Pricing: Pricing(r.IntN(5)),
		Gross:     anyMoney(amounts[r.IntN(len(amounts))], codes[r.IntN(len(codes))]),
		Qualified: r.IntN(2) == 0,
		Collected: instants[r.IntN(len(instants))],
		Invoiced:  instants[r.IntN(len(instants))],
	}
	if r.IntN(3) == 0 {
		t.Infrastructure = anyMoney(amounts[r.IntN(len(amounts))], codes[r.IntN(len(codes))])
	}
	if r.IntN(2) == 0 {
		t.ID = strings.Repeat("x", r.IntN(120))
	}
	return t
}

// TestProperties drives the API with random and extreme inputs: nothing
// panics, every answer marshals, and the invariants hold.
func TestProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 17))
	policies := []Policy{{}, DefaultPolicy(), Policy2023(), {PayoutDay: math.MaxInt}, {EAInvoiceDays: math.MinInt, PayoutDay: 1}}
	var nilLedger *Ledger
	if nilLedger.Len() != 0 {
		t.Error("nil Len")
	}
	if st, err := nilLedger.Statement(nil); err != nil || st.Transactions != 0 {
		t.Error("nil Statement")
	}
	if nilLedger.Add(Transaction{}) == nil || nilLedger.AddAll(nil) == nil || nilLedger.Merge(nil) == nil ||
		nilLedger.AddCSV(nil, CSVOptions{}) == nil || nilLedger.Open(1, currency.Money{}) == nil || nilLedger.UnmarshalJSON(nil) == nil {
		t.Error("a nil ledger accepts input")
	}
	nilLedger.IgnoreDuplicateIDs()
	if b, err := nilLedger.MarshalJSON(); err != nil || len(b) == 0 {
		t.Error("nil MarshalJSON")
	}
	for _, p := range policies {
		if _, err := p.BuildStatement(nil, nil); err != nil && p.Validate() == nil {
			t.Errorf("BuildStatement(nil, nil): %v", err)
		}
	}
	for i := 0; i < 20_000; i++ {
		x := extremeTx(r)
		if i%2 == 0 {
			x = randTx(r)
		}
		for _, skip := range []uint16{0, fFee} {
			var ps rule.Problems
			if ready, ok := x.ready(skip == fFee), x.checkSkip(where{name: "transaction", index: -1}, &ps, skip); ready != ok {
				t.Fatalf("ready(%v) %v, checkSkip %v (%v) for %+v", skip == fFee, ready, ok, ps, x)
			}
		}
		p := policies[r.IntN(len(policies))]
		if f, err := p.Fee(x); err == nil {
			if sum, err := f.Fee.Add(f.Share); err != nil || sum != f.License {
				t.Fatalf("fee %v + share %v != license %v for %+v", f.Fee, f.Share, f.License, x)
			}
			mustMarshal(t, f)
			_ = f.String()
		}
		if s, err := p.Schedule(x); err == nil {
			if s.PayoutMonth < s.Month || !s.PayoutMonth.Valid() {
				t.Fatalf("payout %v before the transaction's month %v: %+v", s.PayoutMonth, s.Month, x)
			}
			mustMarshal(t, s)
			_ = s.String()
			_ = s.StateAt(x.Date)
		}
		_, _ = p.Reconcile(Earning{Transaction: x, StoreFee: x.Gross, EarningAmount: x.Gross, EstimatedPaymentMonth: Month(r.Int32())})
		m := Month(r.Int32())
		_, _ = m.AddMonths(calendar.Months(r.Int()))
		_ = m.String()
		_, _ = m.MarshalText()
	}
}

func mustMarshal(t *testing.T, v any) {
	t.Helper()
	if _, err := json.Marshal(v); err != nil {
		t.Fatalf("%T: %v", v, err)
	}
}

// Money is conserved over a statement, and ledger merges are associative
// and commutative: ledgers of disjoint random transactions, merged in any
// grouping and order, give the statement of their union.
func TestPropertyConservationAndMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 23))
	rates := allRates()
	for round := 0; round < 30; round++ {
		var txs []Transaction
		for i := 0; i < 60; i++ {
			x := randTx(r)
			x.ID = ""
			if r.IntN(5) == 0 && x.Type == Sale {
				x.Type = []TransactionType{Refund, Reversal, Chargeback}[r.IntN(3)]
				x.Gross = currency.MustFromMinor(-x.Gross.Minor(), x.Gross.Code())
				x.Collected = time.Time{}
			}
			txs = append(txs, x)
		}
		p := Policy2023()
		parts := [3][]Transaction{}
		for i, x := range txs {
			parts[i%3] = append(parts[i%3], x)
		}
		ledger := func(xs []Transaction) *Ledger {
			l, _ := NewLedger(p)
			if err := l.AddAll(slices.Values(xs)); err != nil {
				t.Fatal(err)
			}
			return l
		}
		whole, _ := p.BuildStatement(slices.Values(txs), rates)
		// (a+b)+c and a+(c+b) and c+(b+a)
		a, b, c := ledger(parts[0]), ledger(parts[1]), ledger(parts[2])
		_ = a.Merge(b)
		_ = a.Merge(c)
		c2, b2, a2 := ledger(parts[2]), ledger(parts[1]), ledger(parts[0])
		_ = c2.Merge(b2)
		_ = a2.Merge(c2)
		b3, a3, c3 := ledger(parts[1]), ledger(parts[0]), ledger(parts[2])
		_ = b3.Merge(a3)
		_ = c3.Merge(b3)
		for _, l := range []*Ledger{a, a2, c3} {
			st, err := l.Statement(rates)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(whole, st); diff != "" {
				t.Fatalf("merged statement differs (-whole +merged):\n%s", diff)
			}
		}
		for _, tot := range whole.Totals {
			lhs, _ := tot.Opening.Add(tot.Gross)
			rhs := sumMoney(tot.Fee, tot.Paid, tot.Carried, tot.Withheld)
			if lhs != rhs {
				t.Fatalf("%s: opening %v + gross %v != fee %v + paid %v + carried %v + withheld %v",
					tot.Currency, tot.Opening, tot.Gross, tot.Fee, tot.Paid, tot.Carried, tot.Withheld)
			}
		}
	}
}

func sumMoney(ms ...currency.Money) currency.Money {
	s := ms[0]
	for _, m := range ms[1:] {
		s, _ = s.Add(m)
	}
	return s
}

// Opening balances, carried foreign balances in months without a rate,
// and a nil sequence.
func TestLedgerOpenAndCarryWithoutRate(t *testing.T) {
	l, _ := NewLedger(Policy2023())
	apr := MonthOf(2024, 4)
	if err := l.Open(apr, money("300.00 SEK")); err != nil {
		t.Fatal(err)
	}
	if err := l.Open(0, money("1.00 XAF")); err == nil {
		t.Error("invalid opening accepted")
	}
	// An EA sale of January is paid in February; SEK is carried from April
	// with no rate in April… but a rate in June, when USD earnings arrive.
	x := tx(pstDate(2024, 5, 3), EA, Invoice, Order, "40.00 USD")
	if err := l.Add(x); err != nil {
		t.Fatal(err)
	}
	rates := MonthRates{MonthOf(2024, 6): {{From: currency.SEK, To: currency.USD, Rate: currency.MustParseRate("0.1")}}}
	st, err := l.Statement(rates)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Payouts) != 3 {
		t.Fatalf("payouts %+v", st.Payouts)
	}
	if po := st.Payouts[0]; po.Reason != ReasonCarriedWithoutRate || po.Allowed || !strings.Contains(po.String(), "unconverted") {
		t.Errorf("April: %+v", po)
	}
	if po := st.Payouts[2]; !po.Allowed || po.Combined.String() != "68.80 USD" {
		t.Errorf("June: %v", po)
	}
	tot, _ := st.Total(currency.SEK)
	if tot.Opening.String() != "300.00 SEK" || tot.Paid.String() != "300.00 SEK" {
		t.Errorf("SEK total %+v", tot)
	}
	// The ledger's JSON keeps the opening balance.
	data, _ := json.Marshal(l)
	var back Ledger
	back.policy = Policy2023()
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	st2, _ := back.Statement(rates)
	if diff := cmp.Diff(st, st2); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// A month with transactions still needs its rates.
	l2, _ := NewLedger(Policy2023())
	_ = l2.Add(tx(pstDate(2024, 5, 3), EA, Invoice, Order, "40.00 SEK"))
	if _, err := l2.Statement(nil); err == nil || !strings.Contains(err.Error(), "rates[2024-06].SEK") {
		t.Errorf("missing rate: %v", err)
	}
	var seq iter.Seq[Transaction]
	if err := l2.AddAll(seq); err != nil {
		t.Errorf("nil seq: %v", err)
	}
}

// Duplicate IDs are refused in a ledger and across a merge.
func TestDuplicateIDs(t *testing.T) {
	x := tx(jan10, EA, Invoice, Order, "1.00 USD")
	x.ID = "T-1"
	a, _ := NewLedger(DefaultPolicy())
	b, _ := NewLedger(DefaultPolicy())
	if a.Add(x) != nil || b.Add(x) != nil {
		t.Fatal("first add")
	}
	wantProblems(t, a.Add(x), []string{"transaction.id"}, ErrDuplicate)
	if err := a.Merge(b); err == nil || !strings.Contains(err.Error(), "both ledgers") {
		t.Errorf("merge: %v", err)
	}
	in := "id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced\n" +
		"D,2024-01-10,ea,invoice,order,purchase,1.00,USD,,,\nD,2024-01-10,ea,invoice,order,purchase,1.00,USD,,,\n"
	c, _ := NewLedger(DefaultPolicy())
	wantProblems(t, c.AddCSV(strings.NewReader(in), CSVOptions{}), []string{"transactions.csv line 3, column id"}, ErrDuplicate)
	a.IgnoreDuplicateIDs()
	if err := a.Merge(b); err != nil {
		t.Errorf("merge without duplicate checks: %v", err)
	}
}

// An invoice dated before the sale is invalid input, not a payout
// months before the sale.
func TestPAY02_InvoiceBeforeSale(t *testing.T) {
	x := tx(pstDate(2024, 6, 10), EA, Invoice, Order, "100.00 USD")
	x.Invoiced = pstDate(2024, 3, 1)
	_, err := DefaultPolicy().Schedule(x)
	wantProblems(t, err, []string{"transaction.invoiced"}, ErrDate)
}

// A CSV row longer than the limit is refused as it is read.
func TestReaderRowLimit(t *testing.T) {
	in := strings.Join(columns[:], ",") + "\n" + "\"" + strings.Repeat("x", 100_000) + "\",2024-01-10,ea,invoice,order,purchase,1.00,USD,,,\n"
	r := NewReader(strings.NewReader(in), CSVOptions{})
	_, err := r.Read()
	if !errorsIs(err, ErrLimit) || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "65536 bytes") {
		t.Errorf("long row: %v", err)
	}
	r = NewReader(nil, CSVOptions{MaxRowBytes: 10})
	if _, err := r.Read(); err == nil {
		t.Error("nil reader")
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }

// The row limit counts a row's bytes without its line break, CRLF or LF.
func TestReaderRowLimitExact(t *testing.T) {
	row := strings.Repeat("i", 90) + ",2024-01-10,ea,invoice,order,purchase,1.00,USD,,,"
	for _, eol := range []string{"\n", "\r\n"} {
		in := strings.Join(columns[:], ",") + eol + row + eol
		n := len(row) + len(eol) - 1 // a CR counts, as before a limit on lines
		if _, err := NewReader(strings.NewReader(in), CSVOptions{MaxRowBytes: n}).Read(); err != nil {
			t.Errorf("a row of exactly %d bytes: %v", n, err)
		}
		_, err := NewReader(strings.NewReader(in), CSVOptions{MaxRowBytes: n - 1}).Read()
		if !errorsIs(err, ErrLimit) || !strings.Contains(err.Error(), "transactions.csv line 2") ||
			!strings.Contains(err.Error(), "a row is longer than "+strconv.Itoa(n-1)+" bytes") {
			t.Errorf("a row of %d bytes, limit %d: %v", n, n-1, err)
		}
	}
}

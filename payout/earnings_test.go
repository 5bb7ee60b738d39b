package payout

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// A small export as Partner Center writes it: a BOM, CRLF, extra columns,
// columns in its own order and a quoted product name with a comma.
const sampleExport = "\ufeffearningId,transactionId,productName,transactionDate,transactionType,transactionPaymentMethod," +
	"transactionAmount,transactionCurrency,taxRemitted,storeFee,earningAmount,estimatedPaymentMonth,paymentStatus\r\n" +
	"E-1,T-1,\"Contoso, Analytics\",2024-01-10,purchase,Invoice,125.00,USD,25.00,3.00,97.00,2024-04,Unprocessed\r\n" +
	"E-2,T-2,Contoso Analytics,2024-01-11,purchase,Credit card,100.00,USD,0.00,-3.00,97.00,2024-05,Unprocessed\r\n" +
	"E-3,T-3,Contoso Analytics,2024-01-12,purchase,Invoice,1000.00,SEK,0,35.00,965.00,2024-04,Unprocessed\r\n" +
	"E-4,T-4,Contoso Analytics,2024-02-02,refund,Invoice,-100.00,USD,0,-3.00,-97.00,2024-03,Unprocessed\r\n"

func TestERN01_Reconcile(t *testing.T) {
	// ERN-01 with PAY-05, EXT-10, EXT-11, PAY-03: every row recomputed; T-3's fee is wrong.
	var got []string
	for r, err := range DefaultPolicy().ReconcileEarnings(strings.NewReader(sampleExport), CSVOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r.String())
		if r.Allowed != (len(r.Differences) == 0) {
			t.Errorf("Allowed %v with %d differences", r.Allowed, len(r.Differences))
		}
	}
	want := []string{
		"Row 2 (T-1) agrees: store fee $3.00, earning $97.00, payment month 2024-04. (ERN-01)",
		"Row 3 (T-2) agrees: store fee $3.00, earning $97.00, payment month 2024-05. (ERN-01)",
		"Row 4 (T-3) differs: storeFee is SEK\u00a035.00, the policy gives SEK\u00a030.00 (PAY-05); earningAmount is SEK\u00a0965.00, the policy gives SEK\u00a0970.00 (PAY-05). (ERN-01)",
		"Row 5 (T-4) agrees: store fee -$3.00, earning -$97.00, payment month 2024-03. (ERN-01)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestERN01_ReadEarnings(t *testing.T) {
	var es []Earning
	for e, err := range ReadEarnings(strings.NewReader(sampleExport), CSVOptions{Agreement: EA, Charge: Usage}) {
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	if len(es) != 4 {
		t.Fatalf("%d rows", len(es))
	}
	e := es[0]
	if e.Transaction.ID != "T-1" || e.Transaction.Gross.String() != "100.00 USD" || e.TaxRemitted.String() != "25.00 USD" ||
		e.Transaction.Agreement != EA || e.Transaction.Charge != Usage || e.Line != 2 || e.EstimatedPaymentMonth != MonthOf(2024, 4) {
		t.Errorf("row 1: %+v", e)
	}
	if es[1].Transaction.Payment != CreditCard || es[1].StoreFee.String() != "3.00 USD" {
		t.Errorf("row 2: %+v", es[1])
	}
	if es[3].Transaction.Type != Refund || es[3].StoreFee.String() != "-3.00 USD" {
		t.Errorf("row 4: %+v", es[3])
	}
	// Stopping early is allowed.
	for range ReadEarnings(strings.NewReader(sampleExport), CSVOptions{}) {
		break
	}
}

func TestERN01_EstimatedPaymentMonth(t *testing.T) {
	// EXT-11: an MCA order by invoice in January is paid in April, not March.
	in := "transactionId,transactionDate,transactionType,transactionAmount,transactionCurrency,storeFee,earningAmount,estimatedPaymentMonth\n" +
		"T-9,1/10/2024,Purchase,10.00,USD,0.30,9.70,3/1/2024\n"
	for r, err := range Policy2023().ReconcileEarnings(strings.NewReader(in), CSVOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		want := []Difference{{Column: "estimatedPaymentMonth", Reported: "2024-03", Expected: "2024-04", Rule: rule.EXT11}}
		if diff := cmp.Diff(want, r.Differences); diff != "" || r.Rule != rule.EXT11 {
			t.Errorf("%s (-want +got):\n%s", r.Rule, diff)
		}
		if !strings.Contains(r.Explain(rule.Swedish), "policyn ger 2024-04") {
			t.Errorf("Swedish: %s", r.Explain(rule.Swedish))
		}
	}
}

func TestERN01_Problems(t *testing.T) {
	const head = "transactionDate,transactionType,transactionAmount,transactionCurrency,storeFee,earningAmount"
	tests := []struct {
		name, in string
		paths    []string
		sentinel error
	}{
		{"empty", "", []string{"earnings.csv"}, ErrCSV},
		{"missing columns", "transactionDate,storeFee\n", []string{"earnings.csv line 1"}, ErrCSV},
		{"bad fields", head + "\nyesterday,gift,ten,USD,x,1\n",
			[]string{"earnings.csv line 2, column transactionDate", "earnings.csv line 2, column transactionType",
				"earnings.csv line 2, column transactionAmount", "earnings.csv line 2, column storeFee"}, ErrDate},
		{"bad currency", head + "\n2024-01-10,purchase,1.00,XAF,0.03,0.97\n", []string{"earnings.csv line 2, column transactionCurrency"}, ErrCurrency},
		{"negative sale", head + "\n2024-01-10,purchase,-1.00,USD,0.03,0.97\n", []string{"earnings.csv line 2, column transactionAmount"}, ErrAmount},
		{"zero instant", head + "\n0001-01-01T00:00:00Z,purchase,1.00,USD,0.03,0.97\n", []string{"earnings.csv line 2, column transactionDate"}, ErrDate},
		{"field count", head + "\n2024-01-10,purchase\n", []string{"earnings.csv line 2"}, ErrCSV},
		{"unclosed quote", head + "\n\"2024-01-10,purchase,1,USD,0,1\n", []string{"earnings.csv line 2"}, ErrCSV},
		{"long row", head + "\n" + strings.Repeat("x", 70_000) + "\n", []string{"earnings.csv line 2"}, ErrLimit},
		{"bad month", head + ",estimatedPaymentMonth\n2024-01-10,purchase,1.00,USD,0.03,0.97,soon\n", []string{"earnings.csv line 2, column estimatedPaymentMonth"}, ErrDate},
		{"bad method", head + ",transactionPaymentMethod\n2024-01-10,purchase,1.00,USD,0.03,0.97,cheque\n", []string{"earnings.csv line 2, column transactionPaymentMethod"}, ErrUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps rule.Problems
			for _, err := range ReadEarnings(strings.NewReader(tt.in), CSVOptions{}) {
				var p rule.Problems
				if errors.As(err, &p) {
					ps = append(ps, p...)
				}
			}
			var paths []string
			for _, p := range ps {
				paths = append(paths, p.Path)
			}
			if diff := cmp.Diff(tt.paths, paths); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, ps)
			}
			if !errors.Is(ps, tt.sentinel) {
				t.Errorf("%v does not wrap %v", ps, tt.sentinel)
			}
		})
	}
	// The zero instant is a date of year 1, not a missing date.
	for _, err := range ReadEarnings(strings.NewReader(head+"\n0001-01-01T00:00:00Z,purchase,1.00,USD,0.03,0.97\n"), CSVOptions{}) {
		if err == nil || !strings.Contains(err.Error(), "is outside the years 2…9000") {
			t.Errorf("zero instant: %v", err)
		}
	}
	// Limits: bytes and rows.
	many := head + strings.Repeat("\n2024-01-10,purchase,1.00,USD,0.03,0.97", 5) + "\n"
	for _, opt := range []CSVOptions{{MaxRows: 3}, {MaxBytes: 100}} {
		var last error
		n := 0
		for _, err := range ReadEarnings(strings.NewReader(many), opt) {
			last = err
			n++
		}
		if !errors.Is(last, ErrLimit) || n > 4 {
			t.Errorf("%+v: %d rows, last %v", opt, n, last)
		}
	}
	// A nil reader is empty input; an invalid policy is one error.
	for _, err := range ReadEarnings(nil, CSVOptions{}) {
		if !errors.Is(err, ErrCSV) {
			t.Errorf("nil reader: %v", err)
		}
	}
	bad := DefaultPolicy()
	bad.PayoutDay = 40
	for _, err := range bad.ReconcileEarnings(strings.NewReader(sampleExport), CSVOptions{}) {
		if !errors.Is(err, ErrPolicy) {
			t.Errorf("bad policy: %v", err)
		}
	}
	if _, err := (Policy{}).Reconcile(Earning{}); !errors.Is(err, ErrDate) {
		t.Errorf("zero earning: %v", err)
	}
	if _, err := bad.Reconcile(Earning{}); !errors.Is(err, ErrPolicy) {
		t.Errorf("bad policy: %v", err)
	}
}

func TestERN01_QuotedFields(t *testing.T) {
	in := "transactionId,transactionDate,transactionType,transactionAmount,transactionCurrency,storeFee,earningAmount\n" +
		"\"T-\"\"1\"\"\nsecond line\",\"2024-01-10\",purchase,\"1,000.00\",USD,30.00,970.00\n" +
		"\"T-2\",2024-01-10T10:00:00Z,purchase,10.00,USD,0.30,9.70\n"
	var got []string
	for e, err := range ReadEarnings(strings.NewReader(in), CSVOptions{}) {
		if err != nil {
			got = append(got, err.Error())
			continue
		}
		got = append(got, e.Transaction.ID)
	}
	if len(got) != 2 || !strings.Contains(got[0], "transactionAmount") || got[1] != "T-2" {
		t.Errorf("got %q", got)
	}
}

// exportSource is a CSV earnings export of n rows that costs no memory.
func exportSource(n int, sample bool) *csvSource {
	r := rand.New(rand.NewPCG(3, 3))
	s := &csvSource{head: []byte("earningId,transactionId,transactionDate,transactionType,transactionPaymentMethod,transactionAmount," +
		"transactionCurrency,taxRemitted,storeFee,earningAmount,estimatedPaymentMonth,lever,customerCountry\r\n"), n: n, sample: sample}
	p := DefaultPolicy()
	for k := 0; k < 1024; k++ {
		x := randTx(r)
		x.Agreement, x.Charge = MCA, Order
		x.Collected, x.Invoiced, x.Qualified = time.Time{}, time.Time{}, false
		f, _ := p.Fee(x)
		sc, _ := p.Schedule(x)
		s.rows = append(s.rows, fmt.Appendf(nil, "E-%d,T-%06d,%s,%s,%s,%s,%s,0,%s,%s,%s,Azure Marketplace,SE\r\n",
			k, k, x.Date.Format("2006-01-02T15:04:05Z07:00"), x.Type, x.Payment, x.Gross.Amount(), x.Gross.Code(),
			f.Fee.Amount(), f.Share.Amount(), sc.PayoutMonth))
	}
	s.cur = s.head
	return s
}

// BenchmarkReconcileEarnings: a 1,000,000-row export reconciled in one
// stream (goal: at least 500,000 rows per second).
func BenchmarkReconcileEarnings(b *testing.B) {
	p := DefaultPolicy()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for r, err := range p.ReconcileEarnings(exportSource(1_000_000, false), CSVOptions{}) {
			if err != nil || !r.Allowed {
				b.Fatal(err, r)
			}
			n++
		}
		if n != 1_000_000 {
			b.Fatal(n)
		}
	}
	reportRows(b, 1_000_000)
}

// Reconciling 1,000,000 rows takes no more memory than 100,000.
func TestERN01_FlatMemory(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("reads 1.1 million rows")
	}
	peak := func(n int) uint64 {
		defer debug.SetGCPercent(debug.SetGCPercent(10))
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		src := exportSource(n, true)
		for r, err := range DefaultPolicy().ReconcileEarnings(src, CSVOptions{}) {
			if err != nil || !r.Allowed {
				t.Fatal(err, r)
			}
		}
		src.measure()
		return src.peak - min(ms.HeapAlloc, src.peak)
	}
	small, large := peak(100_000), peak(1_000_000)
	t.Logf("peak heap: %d B for 100k rows, %d B for 1M rows", small, large)
	if large > 2*small+(1<<20) {
		t.Errorf("peak heap grows with the rows: %d B for 100k, %d B for 1M", small, large)
	}
}

func FuzzReadEarnings(f *testing.F) {
	f.Add(sampleExport)
	f.Add("transactionDate,transactionType,transactionAmount,transactionCurrency,storeFee,earningAmount\n\"a\"\"b\",purchase,1,USD,0,1\n")
	f.Add("\ufeff\r\n\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		n := 0
		for r, err := range DefaultPolicy().ReconcileEarnings(strings.NewReader(in), CSVOptions{MaxRowBytes: 4096}) {
			if err == nil {
				sum, aerr := r.Fee.Fee.Add(r.Fee.Share)
				if aerr != nil || sum != r.Fee.License {
					t.Fatalf("fee %v + share %v != license %v", r.Fee.Fee, r.Fee.Share, r.Fee.License)
				}
				_ = r.String()
			} else if len(err.Error()) == 0 {
				t.Fatal("empty error")
			}
			if n++; n > len(in)+2 {
				t.Fatal("more results than lines")
			}
		}
	})
}

var _ = currency.USD

package payout

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/rule"
)

const header = "id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced\n"

func readAll(t *testing.T, in string, opt CSVOptions) ([]Transaction, []error) {
	t.Helper()
	var txs []Transaction
	var errs []error
	for x, err := range NewReader(strings.NewReader(in), opt).All() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		txs = append(txs, x)
	}
	return txs, errs
}

func TestCSVRead(t *testing.T) {
	// EXT-11, PRC-08: the documented columns, as values.
	in := "\ufeff" + header +
		"T-1,2024-01-10T10:00:00Z,EA,Invoice,order,purchase,100.00,USD,false,,\n" +
		"\n" +
		` T 2 ,2024-01-10,mca,CREDIT_CARD,Usage,Purchase, 1200 ,jpy,true,2024-01-11T00:00:00-08:00,2024-02-01` + "\n" +
		"T-3,2024-02-15T00:00:00.5+01:00,csp,credit card,order,chargeback,-3.5,RMB,1,2024-01-05,\n"
	got, errs := readAll(t, in, CSVOptions{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []Transaction{
		{ID: "T-1", Date: time.Date(2024, 1, 10, 10, 0, 0, 0, time.UTC), Agreement: EA, Payment: Invoice, Charge: Order, Type: Sale,
			Gross: money("100.00 USD")},
		{ID: " T 2 ", Date: pstDate(2024, 1, 10), Agreement: MCA, Payment: CreditCard, Charge: Usage, Type: Sale,
			Gross: money("1200 JPY"), Qualified: true, Collected: pstDate(2024, 1, 11), Invoiced: pstDate(2024, 2, 1)},
		{ID: "T-3", Date: time.Date(2024, 2, 14, 23, 0, 0, 500_000_000, time.UTC), Agreement: CSP, Payment: CreditCard, Charge: Order,
			Type: Chargeback, Gross: money("-3.50 CNY"), Qualified: true, Collected: pstDate(2024, 1, 5)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	// Date-only values count in the reader's zone.
	got, _ = readAll(t, header+"x,2024-01-10,ea,invoice,order,purchase,1.00,USD,,,\n", CSVOptions{Zone: time.UTC})
	if !got[0].Date.Equal(time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("UTC date-only: %v", got[0].Date)
	}
}

func TestCSVRowErrors(t *testing.T) {
	// EXT-11, PAY-03, PRC-08: every problem of a row, with its line; reading goes on.
	in := header +
		"ok,2024-01-10,ea,invoice,order,purchase,1.00,USD,,,\n" +
		"a,yesterday,xx,cash,gift,sale,1.001,USD,maybe,never,soon\n" +
		"b,2024-01-10,ea,invoice,order,purchase,-5.00,USD,,,\n" +
		"c,2024-01-10,ea,invoice,order,refund,5.00,XAF,,,\n" +
		"d,,ea,invoice,order,purchase,1.00,ZZZ,,2024-01-01,\n" +
		"e,2024-01-10,mca,invoice,order,purchase,1,USD,,2024-01-09,\n" +
		"ok,2024-01-10,ea,invoice,order,purchase,2.00,USD,,,\n"
	got, errs := readAll(t, in, CSVOptions{Name: "sales.csv"})
	if len(got) != 2 || len(errs) != 5 {
		t.Fatalf("%d transactions, %d errors: %v", len(got), len(errs), errs)
	}
	tests := []struct {
		paths     []string
		sentinels []error
	}{
		{[]string{"sales.csv line 3, column date", "sales.csv line 3, column agreement", "sales.csv line 3, column payment", "sales.csv line 3, column charge",
			"sales.csv line 3, column type", "sales.csv line 3, column gross", "sales.csv line 3, column qualified", "sales.csv line 3, column collected",
			"sales.csv line 3, column invoiced"}, []error{ErrDate, ErrUnknown, ErrUnknown, ErrUnknown, ErrUnknown, ErrAmount, ErrField}},
		{[]string{"sales.csv line 4, column gross"}, []error{ErrAmount}},
		{[]string{"sales.csv line 5, column currency", "sales.csv line 5, column gross"}, []error{ErrCurrency, ErrAmount}},
		{[]string{"sales.csv line 6, column currency", "sales.csv line 6, column date"}, []error{ErrCurrency, ErrDate}},
		{[]string{"sales.csv line 7, column collected"}, []error{ErrDate}},
	}
	for i, tt := range tests {
		wantProblems(t, errs[i], tt.paths, tt.sentinels...)
	}
	var ps rule.Problems
	errors.As(errs[0], &ps)
	if got := ps[1].Error(); got != `sales.csv line 3, column agreement: unknown customer agreement "xx" (want ea, mca or csp) (EXT-11)` {
		t.Errorf("message %q", got)
	}
	if got := ps[5].Error(); !strings.HasPrefix(got, `sales.csv line 3, column gross: "1.001" is not an exact USD amount: currency: parsing amount`) {
		t.Errorf("message %q", got)
	}
}

// EXT-11, PAY-02: the zero instant in a date column is refused as the
// other instants of year 1 are, not read as an absent date.
func TestCSVZeroInstant(t *testing.T) {
	in := header +
		"a,0001-01-01T00:00:00Z,ea,invoice,order,purchase,1.00,USD,,,\n" +
		"b,2024-01-10,ea,invoice,order,purchase,1.00,USD,,0001-01-01T00:00:00Z,\n" +
		"c,2024-01-10,ea,invoice,order,purchase,1.00,USD,,,0001-01-01T00:00:00Z\n" +
		"d,2024-01-10,ea,invoice,order,purchase,1.00,USD,,0001-01-01T00:00:01Z,\n"
	got, errs := readAll(t, in, CSVOptions{Name: "sales.csv", Zone: time.UTC})
	if len(got) != 0 || len(errs) != 4 {
		t.Fatalf("%d transactions, %d errors: %v", len(got), len(errs), errs)
	}
	for i, paths := range [][]string{{"sales.csv line 2, column date"}, {"sales.csv line 3, column collected"},
		{"sales.csv line 4, column invoiced"}, {"sales.csv line 5, column collected", "sales.csv line 5, column collected"}} {
		wantProblems(t, errs[i], paths, ErrDate)
		if !strings.Contains(errs[i].Error(), "is outside the years 2…9000") {
			t.Errorf("%v: want the years' problem", errs[i])
		}
	}
}

func TestCSVFatalErrors(t *testing.T) {
	// The input cannot be read further: ErrCSV or ErrLimit, with the line, and sticky.
	rows := "a,2024-01-10,ea,invoice,order,purchase,1.00,USD,,,\n"
	tests := []struct {
		name     string
		in       string
		opt      CSVOptions
		sentinel error
		path     string
		good     int
	}{
		{"empty", "", CSVOptions{}, ErrCSV, "transactions.csv line 1", 0},
		{"wrong header", "id,date\n" + rows, CSVOptions{}, ErrCSV, "transactions.csv line 1", 0},
		{"wrong field count", header + rows + "a,b\n", CSVOptions{}, ErrCSV, "transactions.csv line 3", 1},
		{"bad quoting", header + rows + `"a,2024` + "\n", CSVOptions{}, ErrCSV, "transactions.csv line 3", 1},
		{"too many rows", header + rows + rows + rows, CSVOptions{MaxRows: 2}, ErrLimit, "transactions.csv line 4", 2},
		{"too many bytes", header + rows + rows, CSVOptions{MaxBytes: int64(len(header) + len(rows) + 10)}, ErrLimit, "transactions.csv", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in), tt.opt)
			good := 0
			var err error
			for {
				_, err = r.Read()
				if err != nil {
					break
				}
				good++
			}
			if good != tt.good {
				t.Errorf("%d rows before the error, want %d", good, tt.good)
			}
			wantProblems(t, err, []string{tt.path}, tt.sentinel)
			if _, again := r.Read(); again == nil || again.Error() != err.Error() {
				t.Errorf("not sticky: %v then %v", err, again)
			}
		})
	}
	// Negative limits mean none.
	big := header + strings.Repeat(rows, 50)
	got, errs := readAll(t, big, CSVOptions{MaxRows: -1, MaxBytes: -1})
	if len(got) != 50 || errs != nil {
		t.Errorf("unlimited: %d rows, %v", len(got), errs)
	}
	r := NewReader(strings.NewReader(header), CSVOptions{})
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("header only: %v", err)
	}
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("after EOF: %v", err)
	}
}

func TestCSVWriteRead(t *testing.T) {
	// The writer's output reads back to the same transactions.
	r := rand.New(rand.NewPCG(7, 7))
	var txs []Transaction
	for i := 0; i < 500; i++ {
		x := randTx(r)
		x.ID = []string{"", "T-1", " spaced ", `quo"te`, "com,ma", "åäö"}[i%6]
		x.Date = x.Date.In(time.FixedZone("", r.IntN(24*60)*60-12*3600))
		txs = append(txs, x)
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, x := range txs {
		if err := w.Write(x); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	got, errs := readAll(t, buf.String(), CSVOptions{})
	if errs != nil {
		t.Fatal(errs)
	}
	if diff := cmp.Diff(txs, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// An invalid transaction is refused; an empty writer writes the header.
	if err := w.Write(Transaction{}); !errors.Is(err, ErrDate) {
		t.Errorf("Write(invalid) = %v", err)
	}
	buf.Reset()
	w = NewWriter(&buf)
	if err := w.Flush(); err != nil || buf.String() != header {
		t.Errorf("empty: %q, %v", buf.String(), err)
	}
	if strings.Join(Columns(), ",")+"\n" != header {
		t.Errorf("Columns() = %v", Columns())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestCSVWriterErrors(t *testing.T) {
	w := NewWriter(failWriter{})
	_ = w.Write(tx(jan10, EA, Invoice, Order, "1.00 USD"))
	if err := w.Flush(); err == nil {
		t.Error("Flush on a failing writer: no error")
	}
	w = NewWriter(failWriter{})
	if err := w.Flush(); err == nil {
		t.Error("Flush (header only) on a failing writer: no error")
	}
}

func TestLedgerAddCSV(t *testing.T) {
	// EXT-11, PAY-04: a statement from CSV equals the one from values.
	r := rand.New(rand.NewPCG(8, 8))
	var txs []Transaction
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for i := 0; i < 300; i++ {
		x := randTx(r)
		txs = append(txs, x)
		_ = w.Write(x)
	}
	_ = w.Flush()
	l, _ := NewLedger(Policy2023())
	if err := l.AddCSV(&buf, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	fromCSV, err := l.Statement(allRates())
	if err != nil {
		t.Fatal(err)
	}
	fromValues, _ := Policy2023().BuildStatement(func(yield func(Transaction) bool) {
		for _, x := range txs {
			if !yield(x) {
				return
			}
		}
	}, allRates())
	if diff := cmp.Diff(fromValues, fromCSV); diff != "" {
		t.Errorf("CSV statement differs (-values +csv):\n%s", diff)
	}

	// Problems: bad rows are listed with their lines, good rows added, a fatal error ends the list.
	in := header + "a,2024-01-10,ea,invoice,order,purchase,1.00,USD,,,\n" +
		"b,2024-01-10,ea,invoice,order,purchase,-1.00,USD,,,\n" +
		`"c` + "\n"
	l, _ = NewLedger(Policy2023())
	err = l.AddCSV(strings.NewReader(in), CSVOptions{Name: "in.csv"})
	wantProblems(t, err, []string{"in.csv line 3, column gross", "in.csv line 4"}, ErrAmount, ErrCSV)
	if l.Len() != 1 {
		t.Errorf("Len = %d", l.Len())
	}
	// At most 100 problems, then a count, then the fatal one.
	many := header + strings.Repeat("b,2024-01-10,ea,invoice,order,purchase,-1.00,USD,,,\n", 120) + "x\n"
	err = l.AddCSV(strings.NewReader(many), CSVOptions{})
	var ps rule.Problems
	if !errors.As(err, &ps) || len(ps) != rule.MaxProblems+1 || !errors.Is(ps[rule.MaxProblems-1], ErrCSV) ||
		ps[rule.MaxProblems].Error() != "and 21 more problems" || ps.Len() != 121 {
		t.Errorf("%d problems: %v … %v", len(ps), ps[rule.MaxProblems-1], ps[len(ps)-1])
	}
	// Overflow on a CSV row is a problem at its line.
	l, _ = NewLedger(Policy2023())
	huge := header + "h,2024-01-10,ea,invoice,order,purchase,50000000000000000.00,USD,,,\n" +
		"h2,2024-01-10,ea,invoice,order,purchase,50000000000000000.00,USD,,,\n"
	err = l.AddCSV(strings.NewReader(huge), CSVOptions{})
	wantProblems(t, err, []string{"transactions.csv line 3, column gross"}, ErrOverflow)
}

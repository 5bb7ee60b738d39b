package payout

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"slices"
	"testing"

	"github.com/marketrules/marketrules/currency"
)

// randTxs returns n random transactions. Benchmarks build their own and
// drop them, so that no large live heap distorts the peak-heap measure.
func randTxs(n int) []Transaction {
	r := rand.New(rand.NewPCG(1, 1))
	txs := make([]Transaction, n)
	for i := range txs {
		txs[i] = randTx(r)
	}
	return txs
}

func reportRows(b *testing.B, rowsPerOp int) {
	b.ReportMetric(float64(rowsPerOp)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkStatement1M: a statement over 1,000,000 in-memory transactions
// (goal: at least 2 million transactions per second).
func BenchmarkStatement1M(b *testing.B) {
	txs := randTxs(1_000_000)
	rates := allRates()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		st, err := Policy2023().BuildStatement(slices.Values(txs), rates)
		if err != nil || st.Transactions != int64(len(txs)) {
			b.Fatal(err)
		}
	}
	reportRows(b, len(txs))
}

// BenchmarkLedgerAdd: one transaction added to a warm ledger.
func BenchmarkLedgerAdd(b *testing.B) {
	txs := randTxs(4096)
	l, _ := NewLedger(Policy2023())
	for _, t := range txs {
		_ = l.Add(t)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := l.Add(txs[i&4095]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// csvSource is an io.Reader of a CSV file of n rows, cycling through a set
// of pre-rendered rows, so that the input costs no memory. When sample is
// set it records the peak heap every 256 KiB.
type csvSource struct {
	head   []byte
	rows   [][]byte
	n, i   int
	cur    []byte
	sample bool
	since  int
	peak   uint64
}

func newCSVSource(n int, sample bool) *csvSource {
	r := rand.New(rand.NewPCG(2, 2))
	var buf bytes.Buffer
	w := NewWriter(&buf)
	_ = w.Flush()
	s := &csvSource{head: bytes.Clone(buf.Bytes()), n: n, sample: sample}
	for k := 0; k < 1024; k++ {
		buf.Reset()
		w := NewWriter(&buf)
		x := randTx(r)
		x.ID = fmt.Sprintf("T-%06d", k)
		_ = w.Write(x)
		_ = w.Flush()
		s.rows = append(s.rows, bytes.Clone(buf.Bytes()[len(s.head):]))
	}
	s.cur = s.head
	return s
}

func (s *csvSource) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(s.cur) == 0 {
			if s.i == s.n {
				break
			}
			s.cur = s.rows[s.i%len(s.rows)]
			s.i++
		}
		c := copy(p[n:], s.cur)
		s.cur = s.cur[c:]
		n += c
	}
	if s.sample {
		if s.since += n; s.since >= 256<<10 {
			s.since = 0
			s.measure()
		}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (s *csvSource) measure() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s.peak = max(s.peak, ms.HeapAlloc)
}

// BenchmarkCSV: a statement from CSV rows (goal: at least 500,000 rows per
// second); B/op grows with the rows (row text is copied into blocks of 16 KiB), peak memory does
// not (BenchmarkCSVPeakHeap).
func BenchmarkCSV(b *testing.B) {
	rates := allRates()
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l, _ := NewLedger(Policy2023())
				l.IgnoreDuplicateIDs() // the source repeats its IDs
				if err := l.AddCSV(newCSVSource(n, false), CSVOptions{}); err != nil {
					b.Fatal(err)
				}
				if _, err := l.Statement(rates); err != nil {
					b.Fatal(err)
				}
			}
			reportRows(b, n)
		})
	}
}

// BenchmarkCSVPeakHeap reports the peak heap (above the heap before it
// started) while reading 100,000 and 1,000,000 CSV rows into a statement:
// it must not grow with the rows.
func BenchmarkCSVPeakHeap(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				peak = max(peak, peakHeap(n))
			}
			b.ReportMetric(float64(peak), "peak-heap-B")
		})
	}
}

// peakHeap returns the peak heap while n CSV rows go into a statement,
// above the live heap before it started. It runs the collector at
// GOGC=10, so that the heap it samples is close to the live heap rather
// than to how much garbage the default pacing lets accumulate.
func peakHeap(n int) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	src := newCSVSource(n, true)
	l, _ := NewLedger(Policy2023())
	l.IgnoreDuplicateIDs() // the source repeats its IDs; memory must not grow with them
	if err := l.AddCSV(src, CSVOptions{}); err != nil {
		panic(err)
	}
	if _, err := l.Statement(allRates()); err != nil {
		panic(err)
	}
	src.measure()
	return src.peak - min(base, src.peak)
}

func BenchmarkFee(b *testing.B) {
	p := Policy2023()
	s := Transaction{Gross: currency.MustParse("100.00 USD"), Infrastructure: currency.MustParse("0.14 USD"), Collected: era3}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Fee(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSchedule(b *testing.B) {
	p := Policy2023()
	t := tx(jan10, MCA, CreditCard, Order, "100.00 USD")
	t.Collected = jan10
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Schedule(t); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatementFinalize: finalizing a ledger of 7 years, 4 currencies.
func BenchmarkStatementFinalize(b *testing.B) {
	l, _ := NewLedger(Policy2023())
	_ = l.AddAll(slices.Values(randTxs(100_000)))
	rates := allRates()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Statement(rates); err != nil {
			b.Fatal(err)
		}
	}
}

// Package csvbench measures the module's CSV readers side by side with
// raw encoding/csv reading the same file: time, allocations and bytes
// per row, in one benchmark run, so that the ratio can be read directly;
// and it checks that a reader allocates a constant number of times per
// row.
package csvbench

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"testing"
	"time"
)

// ReadFunc reads a whole CSV file and returns how many data rows it
// read (the header excluded), or the first error.
type ReadFunc func(r io.Reader) (int, error)

// Std reads r with encoding/csv as fast as it goes (records reused,
// fields per record not checked) and touches every field, like a reader
// that parses each. It returns the rows after the header.
func Std(r io.Reader) (int, error) {
	c := csv.NewReader(r)
	c.ReuseRecord = true
	c.FieldsPerRecord = -1
	rows, n := -1, 0
	for {
		rec, err := c.Read()
		if err == io.EOF {
			Sink = n
			return max(rows, 0), nil
		}
		if err != nil {
			return rows, err
		}
		for _, f := range rec {
			n += len(f)
		}
		rows++
	}
}

// Sink keeps the figures Std computes from being optimised away.
var Sink int

// Compare runs, for each size, the sub-benchmarks "rows=N/reader" (read)
// and "rows=N/encoding-csv" ([Std]) on the same file gen(N), one after
// the other, each reporting ns/row, allocs/row and B/row, then
// "rows=N/ratio" ([Ratio]).
func Compare(b *testing.B, sizes []int, gen func(rows int) []byte, read ReadFunc) {
	for _, n := range sizes {
		in := gen(n)
		b.Run(fmt.Sprintf("rows=%d/reader", n), func(b *testing.B) { Bench(b, in, n, read) })
		b.Run(fmt.Sprintf("rows=%d/encoding-csv", n), func(b *testing.B) { Bench(b, in, n, Std) })
		b.Run(fmt.Sprintf("rows=%d/ratio", n), func(b *testing.B) { Ratio(b, in, n, read) })
	}
}

// Bench reads in with read once per iteration and reports the time,
// allocations and bytes allocated per row; read must return rows.
func Bench(b *testing.B, in []byte, rows int, read ReadFunc) {
	b.Helper()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		got, err := read(bytes.NewReader(in))
		if err != nil || got != rows {
			b.Fatalf("read %d rows, want %d: %v", got, rows, err)
		}
	}
	runtime.ReadMemStats(&after)
	total := float64(b.N) * float64(rows)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/total, "ns/row")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/total, "allocs/row")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/total, "B/row")
}

// AllocsPerRow returns the allocations per row of read on gen(small) and
// on gen(large), each the average of a few runs.
func AllocsPerRow(tb testing.TB, gen func(rows int) []byte, read ReadFunc, small, large int) (float64, float64) {
	tb.Helper()
	per := func(n int) float64 {
		in := gen(n)
		var err error
		got := 0
		a := testing.AllocsPerRun(2, func() { got, err = read(bytes.NewReader(in)) })
		if err != nil || got != n {
			tb.Fatalf("read %d rows, want %d: %v", got, n, err)
		}
		return a / float64(n)
	}
	return per(small), per(large)
}

// CheckAllocsPerRow fails tb unless read allocates as many times per
// row, within slack, on gen(small) as on gen(large) (a constant number
// of allocations per row, whatever the rows), and logs both figures.
func CheckAllocsPerRow(tb testing.TB, gen func(rows int) []byte, read ReadFunc, small, large int, slack float64) {
	tb.Helper()
	s, l := AllocsPerRow(tb, gen, read, small, large)
	tb.Logf("allocations per row: %.3f at %d rows, %.3f at %d rows", s, small, l, large)
	if math.Abs(s-l) > slack {
		tb.Errorf("allocations per row: %.3f at %d rows, %.3f at %d rows: not constant within %.2f", s, small, l, large, slack)
	}
}

// Ratio times read and [Std] alternately on in, once each per iteration,
// and reports the median of their ratios as "x-encoding-csv": on a loaded
// machine a ratio of paired runs is steadier than one of two benchmarks
// run seconds apart.
func Ratio(b *testing.B, in []byte, rows int, read ReadFunc) {
	b.Helper()
	var ratios []float64
	for b.Loop() {
		t0 := time.Now()
		got, err := read(bytes.NewReader(in))
		t1 := time.Now()
		if err != nil || got != rows {
			b.Fatalf("read %d rows, want %d: %v", got, rows, err)
		}
		if _, err := Std(bytes.NewReader(in)); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		ratios = append(ratios, float64(t1.Sub(t0))/float64(max(t2.Sub(t1), 1)))
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "x-encoding-csv")
	b.ReportMetric(0, "ns/op")
}

package sheetxlsx

import (
	"bytes"
	"io"
	"testing"

	"github.com/marketrules/marketrules/pricing/sheet"
)

// The benchmarks write and read the sheet of 100 plans × 4 terms × 141
// markets (56,400 rows) as a workbook and, for the ratio, as CSV.

func xBenchSheet(b *testing.B) (sheet.Sheet, []sheet.ListPrice) {
	list := xList(100)
	s, err := sheet.DefaultPolicy().Save(sheet.Sheet{}, list, xRates(), xT0)
	if err != nil {
		b.Fatal(err)
	}
	return s, list
}

func xRowsPerSecond(b *testing.B, rows int) {
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkWrite(b *testing.B) {
	s, _ := xBenchSheet(b)
	rows := s.Rows()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, rows); err != nil {
			b.Fatal(err)
		}
	}
	xRowsPerSecond(b, len(rows))
}

func BenchmarkWriteSheet(b *testing.B) {
	s, _ := xBenchSheet(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteSheet(io.Discard, s); err != nil {
			b.Fatal(err)
		}
	}
	xRowsPerSecond(b, len(s.Prices))
}

func BenchmarkRead(b *testing.B) {
	s, list := xBenchSheet(b)
	var buf bytes.Buffer
	if err := WriteSheet(&buf, s); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DefaultPolicy().Read(bytes.NewReader(data), "prices.xlsx", list); err != nil {
			b.Fatal(err)
		}
	}
	xRowsPerSecond(b, len(s.Prices))
}

// BenchmarkWriteCSV and BenchmarkReadCSV are the CSV form on the same
// sheet, for the ratio.
func BenchmarkWriteCSV(b *testing.B) {
	s, _ := xBenchSheet(b)
	rows := s.Rows()
	b.ReportAllocs()
	for b.Loop() {
		if err := sheet.WriteCSV(io.Discard, rows); err != nil {
			b.Fatal(err)
		}
	}
	xRowsPerSecond(b, len(rows))
}

func BenchmarkReadCSV(b *testing.B) {
	s, list := xBenchSheet(b)
	var buf bytes.Buffer
	if err := sheet.WriteCSV(&buf, s.Rows()); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sheet.DefaultPolicy().ReadCSV(bytes.NewReader(data), "prices.csv", list); err != nil {
			b.Fatal(err)
		}
	}
	xRowsPerSecond(b, len(s.Prices))
}

// BenchmarkReadRows reads the workbook Write writes: the six columns of
// the CSV form, for a like-for-like ratio.
func BenchmarkReadRows(b *testing.B) {
	s, list := xBenchSheet(b)
	var buf bytes.Buffer
	if err := Write(&buf, s.Rows()); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DefaultPolicy().Read(bytes.NewReader(data), "prices.xlsx", list); err != nil {
			b.Fatal(err)
		}
	}
	xRowsPerSecond(b, len(s.Prices))
}

package csvx

import (
	"io"
	"testing"

	"github.com/marketrules/marketrules/internal/tools/csvbench"
)

// cmpRead reads a five-column file with csvx as the readers do: limits
// on, header checked, every field touched.
func cmpRead(in io.Reader) (int, error) {
	r := NewReader(in, "s.csv", Limits{MaxBytes: 1 << 30, MaxRows: 1 << 22})
	if err := r.HeaderWith(HeaderOptions{AnyOrder: true}, cols...); err != nil {
		return 0, err
	}
	n := 0
	for {
		rec, _, err := r.Read()
		if err == io.EOF {
			csvbench.Sink = n
			return r.Rows(), nil
		}
		if err != nil {
			return r.Rows(), err
		}
		for _, f := range rec {
			n += len(f)
		}
	}
}

// BenchmarkCompareCSV reads the same file with csvx and with raw
// encoding/csv, side by side: the floor every csvx-based reader stands on.
func BenchmarkCompareCSV(b *testing.B) {
	csvbench.Compare(b, []int{10_000, 100_000, 1_000_000}, sheet, cmpRead)
}

func TestCompareAllocsPerRow(t *testing.T) {
	csvbench.CheckAllocsPerRow(t, sheet, cmpRead, 5_000, 50_000, 0.05)
}

package metering_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/marketrules/marketrules/internal/tools/csvbench"
	"github.com/marketrules/marketrules/pricing/metering"
)

var cmpDimensions = [...]string{"emails", "texts", "calls"}

// cmpUsageCSV is a usage file of n rows over 100 resources, three
// dimensions and a day of seconds.
func cmpUsageCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("resourceId,dimension,time,quantity\n")
	for i := range n {
		fmt.Fprintf(&b, "6f1b2c3d-0000-4000-8000-%012d,%s,2024-03-01T%02d:%02d:%02dZ,%d.%03d\n",
			i%100, cmpDimensions[i%3], i/3600%24, i/60%60, i%60, 1+i%1000, i%1000)
	}
	return b.Bytes()
}

func cmpReadUsage(r io.Reader) (int, error) {
	rd := metering.DefaultPolicy().NewReader(r, "usage.csv")
	n := 0
	for range rd.Records() {
		n++
	}
	if err := rd.Err(); err != nil {
		return n, err
	}
	if ps := rd.Problems(); len(ps) > 0 {
		return n, ps
	}
	return n, nil
}

// BenchmarkCompareUsageCSV reads usage with Policy.NewReader and with
// raw encoding/csv, side by side (goal: within 1.5×).
func BenchmarkCompareUsageCSV(b *testing.B) {
	csvbench.Compare(b, []int{10_000, 100_000}, cmpUsageCSV, cmpReadUsage)
}

// Reading usage allocates a constant number of times per row.
func TestUsageAllocsPerRow(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 55,000 rows")
	}
	csvbench.CheckAllocsPerRow(t, cmpUsageCSV, cmpReadUsage, 5_000, 50_000, 0.2)
}

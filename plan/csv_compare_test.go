package plan_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/marketrules/marketrules/internal/tools/csvbench"
	"github.com/marketrules/marketrules/plan"
)

// cmpAudienceCSV is an audience file of n distinct tenant IDs, in no
// order, with a header and a description column.
func cmpAudienceCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("TenantId,Description\n")
	for i := range n {
		h := uint64(i+1) * 0x9E3779B97F4A7C15 // distinct for distinct i
		fmt.Fprintf(&b, "%08x-%04x-4%03x-8%03x-%012x,Contoso %d\n",
			uint32(h>>32), uint16(h>>16), uint16(h)&0xfff, i&0xfff, uint64(i), i)
	}
	return b.Bytes()
}

// cmpPolicy allows a million tenant IDs, so that large files are read
// whole.
func cmpPolicy() plan.Policy {
	p := plan.DefaultPolicy()
	p.AudienceTenantCSVMax = 1_000_000
	return p
}

func cmpReadAudience(r io.Reader) (int, error) {
	a, err := cmpPolicy().ReadAudience(r, "audience.csv", plan.TenantIDs)
	return len(a.IDs), err
}

// BenchmarkCompareAudienceCSV reads an audience with ReadAudience and
// with raw encoding/csv, side by side (goal: within 1.5×).
func BenchmarkCompareAudienceCSV(b *testing.B) {
	csvbench.Compare(b, []int{10_000, 100_000}, cmpAudienceCSV, cmpReadAudience)
}

// Reading an audience allocates a constant number of times per row.
func TestAudienceAllocsPerRow(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 55,000 rows")
	}
	csvbench.CheckAllocsPerRow(t, cmpAudienceCSV, cmpReadAudience, 5_000, 50_000, 0.2)
}

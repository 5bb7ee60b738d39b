package sheetxlsx

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPRC03_XLSXRoundTripSheet(t *testing.T) {
	// PRC-03: a saved sheet exported as a workbook reads back to its rows.
	s := xSheet(t, 2)
	var buf bytes.Buffer
	if err := WriteSheet(&buf, s); err != nil {
		t.Fatal(err)
	}
	rows, err := DefaultPolicy().Read(bytes.NewReader(buf.Bytes()), "prices.xlsx", xList(2))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s.Rows(), rows); diff != "" {
		t.Errorf("write → read (-want +got):\n%s", diff)
	}
	t.Logf("%d rows, %d bytes", len(rows), buf.Len())
}

package sheetxlsx

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/rule"
)

func FuzzRead(f *testing.F) {
	f.Add(xWorkbook(f, xCanonicalRows))
	var buf bytes.Buffer
	if err := WriteSheet(&buf, xSheet(f, 1)); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(xBook(f, "Prices", [][]any{
		{"Price", "MARKET", "plan", "currency", "term", "payment"},
		{xNum("1045.1199999999999"), "SE", "gold", "SEK", "P1Y", "monthly"},
		{xNum("1.5E+3"), "NO", "gold", "NOK", "P1Y", "monthly"},
	}))
	f.Add(xZip(f, map[string][]byte{"xl/workbook.xml": []byte("<workbook/>")}))
	f.Add([]byte("PK\x03\x04"))
	pol := Policy{MaxRows: 1000, MaxBytes: 1 << 20, MaxUnzipped: 8 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := pol.Read(bytes.NewReader(data), "f.xlsx", nil)
		if err != nil {
			var ps rule.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %v is not rule.Problems", err)
			}
			return
		}
		var out bytes.Buffer
		if err := Write(&out, rows); err != nil {
			t.Fatalf("accepted rows cannot be written: %v", err)
		}
		back, err := pol.Read(&out, "f.xlsx", nil)
		if err != nil {
			t.Fatalf("written workbook does not read: %v", err)
		}
		if len(rows) == 0 {
			rows = []sheet.Row{}
			back = append([]sheet.Row{}, back...)
		}
		if diff := cmp.Diff(rows, back); diff != "" {
			t.Fatalf("write → read changed the rows (-want +got):\n%s", diff)
		}
	})
}

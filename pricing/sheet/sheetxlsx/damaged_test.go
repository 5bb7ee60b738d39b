package sheetxlsx

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestPRC03_XLSXDamaged(t *testing.T) {
	// PRC-03: a damaged workbook is reported as malformed, with the row
	// where reading stopped when it is known.
	good := xWorkbook(t, xCanonicalRows)
	noSheets := `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets></sheets></workbook>`
	hdr := `<row r="1"><c r="A1" t="inlineStr"><is><t>market</t></is></c><c r="B1" t="inlineStr"><is><t>currency</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>plan</t></is></c><c r="D1" t="inlineStr"><is><t>term</t></is></c>` +
		`<c r="E1" t="inlineStr"><is><t>payment</t></is></c><c r="F1" t="inlineStr"><is><t>price</t></is></c></row>`
	for name, in := range map[string][]byte{
		"no worksheet":  xPatch(t, good, "xl/workbook.xml", noSheets),
		"bad cell":      xPatch(t, good, "xl/worksheets/sheet1.xml", xSheetXML(hdr+`<row r="2"><c r="@@"><v>1</v></c></row>`)),
		"bad XML":       xPatch(t, good, "xl/worksheets/sheet1.xml", xSheetXML(hdr+`<row r="2"><c r="A2"><v>1</c></row>`)),
		"bad row":       xPatch(t, good, "xl/worksheets/sheet1.xml", xSheetXML(hdr+`<row r="x"><c r="A2"><v>1</v></c></row>`)),
		"shared string": xPatch(t, good, "xl/worksheets/sheet1.xml", xSheetXML(hdr+`<row r="2"><c r="A2" t="s"><v>99</v></c></row>`)),
	} {
		rows, err := DefaultPolicy().Read(bytes.NewReader(in), "d.xlsx", nil)
		t.Logf("%s: %v", name, err)
		if rows != nil || err == nil {
			t.Errorf("%s: rows %v, error %v", name, rows, err)
		}
		if !errors.Is(err, ErrXLSX) {
			t.Errorf("%s: %v is not ErrXLSX", name, err)
		}
		if !strings.Contains(err.Error(), "d.xlsx") {
			t.Errorf("%s: %v does not name the file", name, err)
		}
	}
}

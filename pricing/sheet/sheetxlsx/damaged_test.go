package sheetxlsx

import (
	"archive/zip"
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
		"syntax":        xPatch(t, good, "xl/worksheets/sheet1.xml", xSheetXML(hdr+`<row r="2"><c r="A2"><v>1<</v></c></row>`)),
		"not closed":    xPatch(t, good, "xl/worksheets/sheet1.xml", `<worksheet><sheetData>`),
		"bad strings":   xPatch(t, good, "xl/sharedStrings.xml", `<sst><si><t>a</si></sst>`),
		"compression":   xRawZip(t, "xl/workbook.xml", 99, []byte("<workbook/>")),
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
	// Elements named like a worksheet's in another part are not checked.
	other := xPatch(t, good, "customXml/item1.xml", `<data><row r="x"><c r="@@"/></row></data>`)
	if rows, err := DefaultPolicy().Read(bytes.NewReader(other), "d.xlsx", nil); err != nil || len(rows) != len(xCanonicalRows) {
		t.Errorf("another part: %v, %v", rows, err)
	}
}

// xRawZip returns a zip archive of one part stored with the given
// compression method.
func xRawZip(tb testing.TB, name string, method uint16, data []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: method, CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data))})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

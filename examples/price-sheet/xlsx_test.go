package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// PRC-03: the sheet is exported as a workbook, edited in Excel and
// imported; the changed price becomes the publisher's.
func TestXLSXExportEditImport(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "sheet.xlsx")
	code, out, errOut := runArgs("-markets", "SE,NO", "-xlsx", book)
	if code != 0 || errOut != "" || !strings.Contains(out, "Wrote the sheet, 12 rows, to "+book) {
		t.Fatalf("-xlsx: exit %d, stderr %q\n%s", code, errOut, out)
	}
	// Edit as Excel would: a price typed as a number.
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Prices")
	if err != nil {
		t.Fatal(err)
	}
	edited := -1
	for i, r := range rows {
		if len(r) > 5 && r[0] == "SE" && r[3] == "P1M" {
			edited = i
			break
		}
	}
	if edited < 0 {
		t.Fatalf("no SE P1M row in %v", rows)
	}
	cell, _ := excelize.CoordinatesToCellName(6, edited+1)
	if err := f.SetCellDefault("Prices", cell, "99.5"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, out, errOut = runArgs("-markets", "SE,NO", "-import", book)
	if code != 0 || errOut != "" || !strings.Contains(out, "Imported "+book+": the publisher set 1 price.") ||
		!strings.Contains(out, "→ 99.50 SEK (override)") {
		t.Fatalf("-import: exit %d, stderr %q\n%s", code, errOut, out)
	}

	// The CSV form imports by extension; a bad row is reported with its place.
	csvPath := filepath.Join(dir, "sheet.csv")
	if code, _, _ := runArgs("-markets", "SE,NO", "-o", csvPath); code != 0 {
		t.Fatal("-o failed")
	}
	if code, _, errOut := runArgs("-markets", "SE,NO", "-import", csvPath); code != 0 {
		t.Errorf("-import CSV: exit %d, %s", code, errOut)
	}
	if err := os.WriteFile(csvPath, []byte("market,currency,plan,term,payment,price\nSE,EUR,basic,P1M,upfront,1.00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runArgs("-markets", "SE,NO", "-import", csvPath); code != 1 || !strings.Contains(errOut, "sheet.csv line 2") {
		t.Errorf("bad CSV import: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runArgs("-import", filepath.Join(dir, "none.xlsx")); code != 2 || !strings.Contains(errOut, "none.xlsx: no such file") {
		t.Errorf("missing file: exit %d, %s", code, errOut)
	}
	bad := filepath.Join(dir, "bad.xlsx")
	if err := os.WriteFile(bad, []byte("market,currency\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runArgs("-import", bad); code != 2 || !strings.Contains(errOut, "bad.xlsx: not a workbook") {
		t.Errorf("not a workbook: exit %d, %s", code, errOut)
	}
	if code, out, _ := runArgs("-lang", "sv", "-markets", "SE,NO", "-xlsx", book, "-import", book); code != 0 ||
		!strings.Contains(out, "Skrev prisbladet, 12 rader, till") || !strings.Contains(out, "utgivaren satte 1 pris") {
		t.Errorf("Swedish: exit %d\n%s", code, out)
	}
	if code, _, errOut := runArgs("-xlsx", filepath.Join(dir, "no", "such", "dir.xlsx")); code != 2 || errOut == "" {
		t.Errorf("unwritable: exit %d, %s", code, errOut)
	}
}

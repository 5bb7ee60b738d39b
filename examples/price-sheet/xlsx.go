package main

// The sheet as an Excel workbook: -xlsx writes it for the publisher to
// edit in Excel; -import reads the edited sheet back (a .xlsx workbook,
// else CSV, by the file's extension) and imports it (PRC-03: export,
// edit, import; the publisher owns the prices they changed).

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/pricing/sheet/sheetxlsx"
)

// maxWorkbook bounds a workbook read by -import.
const maxWorkbook = 16 << 20

// writeXLSXFile writes the saved sheet, with how each price was obtained,
// to a new workbook at path.
func writeXLSXFile(path string, s sheet.Sheet) error {
	var buf bytes.Buffer
	if err := sheetxlsx.WriteSheet(&buf, s); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// readSheetFile reads an edited sheet: a workbook when path ends in
// .xlsx, else CSV; each row must name a price of list.
func readSheetFile(path string, list []sheet.ListPrice) ([]sheet.Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	name := filepath.Base(path)
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return sheetxlsx.Policy{MaxBytes: maxWorkbook}.Read(f, name, list)
	}
	return sheet.Policy{MaxBytes: maxInput}.ReadCSV(f, name, list)
}

// importSheet imports the edited sheet at path into s and returns the
// result with a line for each price the publisher changed.
func importSheet(path string, list []sheet.ListPrice, s sheet.Sheet) (sheet.Sheet, []string, error) {
	rows, err := readSheetFile(path, list)
	if err != nil {
		return s, nil, err
	}
	out, err := sheet.DefaultPolicy().Import(s, rows, s.SavedAt)
	if err != nil {
		return s, nil, err
	}
	var changed []string
	for _, p := range out.Prices {
		if was, ok := s.Lookup(p.Market, p.Plan, p.Term, p.Payment); ok && was.Price != p.Price {
			changed = append(changed, fmt.Sprintf("%s %s %s %s: %s → %s (%s)", p.Market, p.Plan, p.Term, p.Payment, was.Price, p.Price, p.Source))
		}
	}
	return out, changed, nil
}

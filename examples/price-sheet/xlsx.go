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

	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/pricing/sheet/sheetxlsx"
	"github.com/marketrules/marketrules/rule"
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
	book := strings.EqualFold(filepath.Ext(path), ".xlsx")
	limit := int64(maxInput)
	if book {
		limit = maxWorkbook
	}
	b, err := textout.ReadInput(path, nil, limit)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	if book {
		return sheetxlsx.DefaultPolicy().Read(bytes.NewReader(b), name, list)
	}
	return sheet.DefaultPolicy().ReadCSV(bytes.NewReader(b), name, list)
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

// reportXLSX says which workbook was written and which prices the
// imported sheet changed.
func reportXLSX(p *textout.Printer, l rule.Language, rows int, xlsxOut, importPath string, changed []string) {
	if xlsxOut != "" {
		p.Printf(textout.Say(l, "\nWrote the sheet, %s, to %s.\n", "\nSkrev prisbladet, %s, till %s.\n"),
			textout.Plural(rows, textout.Say(l, "row", "rad"), textout.Say(l, "rows", "rader")), xlsxOut)
	}
	if importPath != "" {
		p.Printf(textout.Say(l, "\nImported %s: the publisher set %s.\n", "\nImporterade %s: utgivaren satte %s.\n"),
			importPath, textout.Plural(len(changed), textout.Say(l, "price", "pris"), textout.Say(l, "prices", "priser")))
		for _, c := range changed {
			p.Printf("  %s\n", c)
		}
	}
}

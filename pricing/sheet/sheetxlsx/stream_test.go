package sheetxlsx

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/sheet"
)

// xParts is a minimal workbook whose parts a test changes: the workbook
// at a path its package relationships name, two worksheets (the second
// named Prices, read), shared strings named by the workbook's
// relationships.
func xParts() map[string]string {
	const main = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	rel := `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
	return map[string]string{
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `officeDocument" Target="/book/main.xml"/></Relationships>`,
		"book/main.xml": `<?xml version="1.0"?><workbook ` + main + `><sheets>` +
			`<sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="PRICES" sheetId="2" r:id="rId2"/></sheets></workbook>`,
		"book/_rels/main.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `worksheet" Target="../xl/worksheets/notes.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `worksheet" Target="/xl/worksheets/p.xml"/>` +
			`<Relationship Id="rId3" Type="` + rel + `sharedStrings" Target="strs.xml"/></Relationships>`,
		"xl/worksheets/notes.xml": xSheetXML(`<row><c t="inlineStr"><is><t>not read</t></is></c></row>`),
		"book/strs.xml": `<sst ` + main + `><si><t>market</t></si><si><r><t>curr</t></r><r><t>ency</t></r>` +
			`<rPh><t>ignored</t></rPh></si><si><t>gold</t></si></sst>`,
		"xl/worksheets/p.xml": xSheetXML(
			`<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><t>plan</t></is></c>` +
				`<c t="str"><v>term</v></c><c t="inlineStr"><v>payment</v></c><c t="inlineStr"><is><t>pri</t><t>ce</t></is></c></row>` +
				`<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">  </t></is></c></row>` +
				`<row><c t="inlineStr"><is><t>SE</t></is></c><c t="inlineStr"><is><t>SEK</t></is></c><c t="s"><v>2</v></c>` +
				`<c t="str"><v>P1Y</v></c><c t="str"><v>monthly</v></c><c><v>1045.1199999999999</v></c></row>`),
	}
}

func xPartsZip(tb testing.TB, parts map[string]string) []byte {
	tb.Helper()
	m := map[string][]byte{}
	for k, v := range parts {
		m[k] = []byte(v)
	}
	return xZip(tb, m)
}

func TestPRC03_XLSXStreamsThePartsExcelNames(t *testing.T) {
	// PRC-03: the worksheet and shared strings are found through the
	// workbook's relationships; rich-text runs are joined and phonetic
	// readings left out; blank rows are skipped and rows without a
	// number follow the one before.
	rows, err := DefaultPolicy().Read(bytes.NewReader(xPartsZip(t, xParts())), "p.xlsx", nil)
	want := []sheet.Row{{Market: market.SE, Plan: "gold", Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("1045.12 SEK")}}
	if err != nil || !cmp.Equal(rows, want) {
		t.Fatalf("rows %v, error %v", rows, err)
	}

	for name, tt := range map[string]struct {
		part, content string
		sentinel      error
		text          string
	}{
		"no workbook":          {"book/main.xml", "", ErrXLSX, "no workbook part"},
		"bad package rels":     {"_rels/.rels", "<Relationships>", ErrXLSX, "_rels/.rels"},
		"bad workbook rels":    {"book/_rels/main.xml.rels", "<Relationships><x></Relationships>", ErrXLSX, "main.xml.rels"},
		"worksheet not there":  {"book/_rels/main.xml.rels", "<Relationships/>", ErrXLSX, `worksheet "Notes" has no part`},
		"bad other worksheet":  {"xl/worksheets/notes.xml", xSheetXML(`<row r="0"/>`), ErrXLSX, `row "0" is not a row number`},
		"bad strings":          {"book/strs.xml", "<sst><si><t>a</t></si>", ErrXLSX, "element <sst> is not closed"},
		"strings syntax":       {"book/strs.xml", "<sst><si><t>a</t></si></sst></x>", ErrXLSX, "closes no open element"},
		"too many strings":     {"book/strs.xml", "<sst>" + strings.Repeat("<si/>", 64*3+1) + "</sst>", sheet.ErrLimit, "more than 192 shared strings"},
		"other part malformed": {"docProps/app.xml", "<Properties><x></Properties>", ErrXLSX, "docProps/app.xml"},
	} {
		parts := xParts()
		parts[tt.part] = tt.content
		if tt.content == "" {
			delete(parts, tt.part)
		}
		_, err := (Policy{MaxRows: 2}).Read(bytes.NewReader(xPartsZip(t, parts)), "p.xlsx", nil)
		if !errors.Is(err, tt.sentinel) || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s: %v, want %v and %q", name, err, tt.sentinel, tt.text)
		}
	}

	// No shared strings part: a shared-string cell refers to nothing.
	parts := xParts()
	delete(parts, "book/strs.xml")
	if _, err := DefaultPolicy().Read(bytes.NewReader(xPartsZip(t, parts)), "p.xlsx", nil); !errors.Is(err, ErrXLSX) || !strings.Contains(err.Error(), `shared string "0" does not exist`) {
		t.Errorf("no shared strings: %v", err)
	}
}

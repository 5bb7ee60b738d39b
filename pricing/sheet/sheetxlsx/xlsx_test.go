package sheetxlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/rule"
)

var xCanonicalRows = []sheet.Row{
	{Market: market.DE, Plan: "gold", Term: plan.OneMonth, Payment: plan.Upfront, Price: currency.MustParse("9.21 EUR")},
	{Market: market.JP, Plan: "gold", Term: plan.OneMonth, Payment: plan.Upfront, Price: currency.MustParse("1492 JPY")},
	{Market: market.SE, Plan: "gold", Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("1045.12 SEK")},
	{Market: market.US, Plan: "silver", Term: plan.ThreeYears, Payment: plan.Annual, Price: currency.MustParse("0.00 USD")},
}

func TestPRC03_XLSXRoundTripSheet(t *testing.T) {
	// PRC-03: a saved sheet exported as a workbook reads back to its rows,
	// and the rows read write back to a workbook that reads the same.
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
	back, err := DefaultPolicy().Read(bytes.NewReader(xWorkbook(t, rows)), "prices.xlsx", xList(2))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows, back); diff != "" {
		t.Errorf("read → write → read (-want +got):\n%s", diff)
	}
}

func TestPRC03_XLSXProvenance(t *testing.T) {
	// PRC-03: the exported workbook says how each price was obtained: the
	// rate and its date for a converted price, the list price itself for
	// a USD market, and when it was saved.
	s := xSheet(t, 1)
	var buf bytes.Buffer
	if err := WriteSheet(&buf, s); err != nil {
		t.Fatal(err)
	}
	f := xOpen(t, buf.Bytes())
	defer f.Close()
	got, err := f.GetRows(SheetName, xRaw)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Columns(), got[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	want := map[string][]string{
		"SE": {"SE", "SEK", "plan-000", "P1M", "upfront", "104.41", "converted", "9.99", "10.4512", "2024-01-01", "2024-01-15T10:00:00Z"},
		"US": {"US", "USD", "plan-000", "P1M", "upfront", "9.99", "list", "9.99", "", "", "2024-01-15T10:00:00Z"},
	}
	for _, row := range got[1:] {
		if w, ok := want[row[0]]; ok && row[3] == "P1M" {
			for len(row) < len(w) {
				row = append(row, "")
			}
			if diff := cmp.Diff(w, row); diff != "" {
				t.Errorf("%s (-want +got):\n%s", row[0], diff)
			}
			delete(want, row[0])
		}
	}
	if len(want) > 0 {
		t.Errorf("rows not found: %v", want)
	}
}

func TestPRC03_XLSXHeaderCaseAndOrder(t *testing.T) {
	// PRC-03: the header names the columns in any case and order; other
	// columns (a publisher's notes, the provenance columns) are ignored;
	// blank rows are skipped; the sheet named Prices is read.
	book := xBook(t, "PRICES", [][]any{
		nil,
		{" Price ", "notes", "PLAN", "Market", "Term", "currency", "Payment", "source"},
		{"9.21", "ok", "gold", "de", "1 month", "eur", "UPFRONT", "converted"},
		{"1492", "", "gold", "JP", "P1M", "JPY", "upfront"},
		{},
		{"1045.12", "raised", "gold", "SE", "p1y", "SEK", "monthly", "override"},
		{"0", "", "silver", "US", "3 years", "USD", "annual"},
	})
	rows, err := DefaultPolicy().Read(bytes.NewReader(book), "prices.xlsx", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(xCanonicalRows, rows); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestPRC03_XLSXEditedInExcel(t *testing.T) {
	// PRC-03: a workbook saved by Excel stores prices as numbers, with the
	// text Excel writes ("1045.1199999999999" for 1045.12, 17 significant
	// digits), and strings in the shared strings table; every price is
	// read exactly from that text.
	header := []any{"market", "currency", "plan", "term", "payment", "price"}
	book := xBook(t, "Prices", [][]any{
		header,
		{"DE", "EUR", "gold", "P1M", "upfront", xNum("9.2100000000000009")},
		{"JP", "JPY", "gold", "P1M", "upfront", xNum("1492")},
		{"SE", "SEK", "gold", "P1Y", "monthly", xNum("1045.1199999999999")},
		{"US", "USD", "silver", "P3Y", "annual", xNum("0")},
		{"NO", "NOK", "gold", "P1M", "upfront", xNum("1.5E+3")},
		{"GB", "GBP", "gold", "P1M", "upfront", xNum("0.1")},
		{"CH", "CHF", "gold", "P1M", "upfront", xNum("49.99")},
	})
	rows, err := DefaultPolicy().Read(bytes.NewReader(book), "prices.xlsx", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := append(append([]sheet.Row(nil), xCanonicalRows...),
		sheet.Row{Market: market.NO, Plan: "gold", Term: plan.OneMonth, Payment: plan.Upfront, Price: currency.MustParse("1500.00 NOK")},
		sheet.Row{Market: market.GB, Plan: "gold", Term: plan.OneMonth, Payment: plan.Upfront, Price: currency.MustParse("0.10 GBP")},
		sheet.Row{Market: market.CH, Plan: "gold", Term: plan.OneMonth, Payment: plan.Upfront, Price: currency.MustParse("49.99 CHF")},
	)
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A number whose 15 significant digits still have too many decimals
	// is refused as the CSV form refuses it.
	book = xBook(t, "Prices", [][]any{header, {"SE", "SEK", "gold", "P1Y", "monthly", xNum("1.0010000000000001")}})
	_, err = DefaultPolicy().Read(bytes.NewReader(book), "prices.xlsx", nil)
	if !errors.Is(err, sheet.ErrPrice) || !strings.Contains(err.Error(), "prices.xlsx row 2") {
		t.Errorf("over-precise number: %v", err)
	}
}

func TestPRC03_XLSXRowErrors(t *testing.T) {
	// PRC-03, PRC-08, PRC-09, EXT-05, EXT-15, PLN-01: every bad row is
	// reported as the CSV form reports it, with its worksheet row.
	known := []sheet.ListPrice{
		{Plan: "gold", Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("10.00 USD"), Markets: market.SetOf(market.SE, market.US)},
	}
	tests := []struct {
		name  string
		row   string
		known []sheet.ListPrice
		rule  rule.ID
		err   error
		text  string
	}{
		{"EXT15 unknown market", "XX,SEK,gold,P1Y,monthly,1.00", nil, rule.EXT15, sheet.ErrMarketNotSold, `market: "XX" is not a market`},
		{"PRC09 China does not transact", "CN,SEK,gold,P1Y,monthly,1.00", nil, rule.PRC09, sheet.ErrMarketNotSold, "does not transact"},
		{"PRC08 currency not a code", "SE,KRONOR,gold,P1Y,monthly,1.00", nil, rule.PRC08, sheet.ErrPrice, `currency: "KRONOR"`},
		{"PRC03 currency not the market's", "SE,EUR,gold,P1Y,monthly,1.00", nil, rule.PRC03, sheet.ErrPrice, "Sweden is billed in SEK, not EUR"},
		{"PLN01 plan ID", "SE,SEK,Gold Plan,P1Y,monthly,1.00", nil, rule.PLN01, sheet.ErrPrice, "not a plan ID"},
		{"EXT05 unknown term", "SE,SEK,gold,P5Y,monthly,1.00", nil, rule.EXT05, sheet.ErrPrice, `term: "P5Y"`},
		{"EXT05 hourly term", "SE,SEK,gold,PT1H,upfront,1.00", nil, rule.EXT05, sheet.ErrPrice, `term: "PT1H"`},
		{"EXT05 unknown payment", "SE,SEK,gold,P1Y,weekly,1.00", nil, rule.EXT05, sheet.ErrPrice, `payment: "weekly"`},
		{"EXT05 payment not for the term", "SE,SEK,gold,P1M,annual,1.00", nil, rule.EXT05, sheet.ErrPrice, "a 1 month term cannot be paid annual"},
		{"PRC03 negative price", "SE,SEK,gold,P1Y,monthly,-1.00", nil, rule.PRC03, sheet.ErrPrice, "is negative"},
		{"PRC03 over-precise price", "SE,SEK,gold,P1Y,monthly,1.001", nil, rule.PRC03, sheet.ErrPrice, "more decimal places than allowed"},
		{"PRC03 over-precise JPY", "JP,JPY,gold,P1Y,monthly,1.5", nil, rule.PRC03, sheet.ErrPrice, "not an exact JPY amount"},
		{"PRC03 garbage price", "SE,SEK,gold,P1Y,monthly,ten", nil, rule.PRC03, sheet.ErrPrice, `"ten"`},
		{"PRC03 empty price", "SE,SEK,gold,P1Y,monthly,", nil, rule.PRC03, sheet.ErrPrice, `price: ""`},
		{"PRC03 plan not in the list", "SE,SEK,silver,P1Y,monthly,1.00", known, rule.PRC03, sheet.ErrPrice, `"silver" is not a plan of the price list`},
		{"PRC03 term not in the list", "SE,SEK,gold,P1M,upfront,1.00", known, rule.PRC03, sheet.ErrPrice, `plan "gold" has no P1M term`},
		{"EXT05 payment not the list's", "SE,SEK,gold,P1Y,upfront,1.00", known, rule.EXT05, sheet.ErrPrice, "pays its P1Y term monthly, not upfront"},
		{"PRC03 market not the plan's", "NO,NOK,gold,P1Y,monthly,1.00", known, rule.PRC03, sheet.ErrMarketNotSold, `NO is not one of plan "gold"'s markets`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book := xBook(t, "Prices", xStrings("market,currency,plan,term,payment,price", "US,USD,gold,P1Y,monthly,1.00", tt.row))
			rows, err := DefaultPolicy().Read(bytes.NewReader(book), "prices.xlsx", tt.known)
			if rows != nil {
				t.Errorf("rows %v returned with an error", rows)
			}
			var ps rule.Problems
			if !errors.As(err, &ps) || len(ps) != 1 {
				t.Fatalf("error %v, want one problem", err)
			}
			if ps[0].Path != "prices.xlsx row 3" || ps[0].Rule != tt.rule || !errors.Is(err, tt.err) {
				t.Errorf("problem %q at %q (%s); want row 3, %s, %v", ps[0].Error(), ps[0].Path, ps[0].Rule, tt.rule, tt.err)
			}
			if !strings.Contains(ps[0].Error(), tt.text) {
				t.Errorf("%q does not say %q", ps[0].Error(), tt.text)
			}
			// The CSV form reports the same problem.
			csvErr := func() error {
				_, err := sheet.DefaultPolicy().ReadCSV(strings.NewReader("market,currency,plan,term,payment,price\nUS,USD,gold,P1Y,monthly,1.00\n"+tt.row+"\n"), "prices.csv", tt.known)
				return err
			}()
			var cps rule.Problems
			if !errors.As(csvErr, &cps) || len(cps) != 1 || cps[0].Rule != ps[0].Rule || cps[0].Message != ps[0].Message || cps[0].Err != ps[0].Err {
				t.Errorf("CSV form: %v", csvErr)
			}
		})
	}
}

func TestPRC03_XLSXAllProblemsAtOnce(t *testing.T) {
	// PRC-03: all problems of all rows are reported at once, with their
	// rows; a repeated row names the first one; past MaxProblems, one
	// problem counts the rest.
	book := xBook(t, "Prices", xStrings("market,currency,plan,term,payment,price",
		"SE,SEK,gold,P1Y,monthly,1.00",
		"XX,EUR,Gold,P9Y,weekly,-x",
		"SE,SEK,gold,P1Y,monthly,2.00"))
	_, err := DefaultPolicy().Read(bytes.NewReader(book), "", nil)
	want := []string{"prices.xlsx row 3", "prices.xlsx row 3", "prices.xlsx row 3", "prices.xlsx row 3", "prices.xlsx row 3", "prices.xlsx row 4"}
	if diff := cmp.Diff(want, xPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
	if !errors.Is(err, sheet.ErrDuplicate) || !strings.Contains(err.Error(), "as prices.xlsx row 2") {
		t.Errorf("duplicate: %v", err)
	}
	lines := []string{"market,currency,plan,term,payment,price"}
	for range sheet.MaxProblems + 5 {
		lines = append(lines, "XX,SEK,gold,P1Y,monthly,1.00")
	}
	_, err = DefaultPolicy().Read(bytes.NewReader(xBook(t, "Prices", xStrings(lines...))), "p.xlsx", nil)
	var ps rule.Problems
	if !errors.As(err, &ps) || len(ps) != sheet.MaxProblems+1 || ps[len(ps)-1].Path != "p.xlsx" || !strings.Contains(ps[len(ps)-1].Error(), "5 more problems") {
		t.Errorf("more problems: %d, last %v", len(ps), ps[len(ps)-1])
	}
}

// xZip returns a zip archive of the named parts.
func xZip(tb testing.TB, parts map[string][]byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range parts {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestPRC03_XLSXStops(t *testing.T) {
	// PRC-03: input that is not a workbook, a header without the columns
	// and input over the limits stop reading.
	good := xWorkbook(t, xCanonicalRows)
	bomb := xZip(t, map[string][]byte{"xl/worksheets/sheet1.xml": make([]byte, 64<<20)})
	tests := []struct {
		name string
		in   []byte
		pol  Policy
		err  error
		path string
		text string
	}{
		{"empty", nil, DefaultPolicy(), ErrXLSX, "prices.xlsx", "not a zip archive"},
		{"CSV", []byte("market,currency,plan,term,payment,price\n"), DefaultPolicy(), ErrXLSX, "prices.xlsx", "not a zip archive"},
		{"zip without a workbook", xZip(t, map[string][]byte{"a.txt": []byte("hello")}), DefaultPolicy(), ErrXLSX, "prices.xlsx", "not a workbook"},
		{"no header", xBook(t, "Prices", nil), DefaultPolicy(), ErrXLSX, "prices.xlsx row 1", `worksheet "Prices" has no header row`},
		{"missing column", xBook(t, "Prices", xStrings("market,currency,plan,term,payment", "SE,SEK,gold,P1Y,monthly")), DefaultPolicy(), ErrXLSX, "prices.xlsx row 1", "no column price"},
		{"column twice", xBook(t, "Prices", xStrings("market,currency,plan,term,payment,price,Price")), DefaultPolicy(), ErrXLSX, "prices.xlsx row 1", "column price twice"},
		{"too many rows", good, Policy{MaxRows: 3}, sheet.ErrLimit, "prices.xlsx row 5", "more than 3 rows"},
		{"too many bytes", good, Policy{MaxBytes: 1000}, sheet.ErrLimit, "prices.xlsx", "larger than 1,000 bytes"},
		{"too large uncompressed", good, Policy{MaxUnzipped: 10_000}, sheet.ErrLimit, "prices.xlsx", "larger than 10,000 bytes uncompressed"},
		{"zip bomb", bomb, DefaultPolicy(), sheet.ErrLimit, "prices.xlsx", "uncompressed"},
		{"zip bomb under the default", bomb, Policy{MaxUnzipped: 1 << 20}, sheet.ErrLimit, "prices.xlsx", "uncompressed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol := tt.pol
			if tt.name == "zip bomb" {
				pol.MaxUnzipped = 32 << 20
			}
			rows, err := pol.Read(bytes.NewReader(tt.in), "prices.xlsx", nil)
			if rows != nil || !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if p := xPaths(err); len(p) == 0 || p[len(p)-1] != tt.path {
				t.Errorf("paths %v, want last %q", p, tt.path)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("%q does not say %q", err, tt.text)
			}
		})
	}
	// A small workbook of rows reaching column XFD is refused by the cells
	// it would cost, a gap of a million rows costs nothing.
	hdr := `<row r="1"><c r="A1" t="inlineStr"><is><t>market</t></is></c><c r="B1" t="inlineStr"><is><t>currency</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>plan</t></is></c><c r="D1" t="inlineStr"><is><t>term</t></is></c>` +
		`<c r="E1" t="inlineStr"><is><t>payment</t></is></c><c r="F1" t="inlineStr"><is><t>price</t></is></c></row>`
	wide := xPatch(t, good, "xl/worksheets/sheet1.xml", xSheetXML(hdr+strings.Repeat(`<row><c r="XFD1"><v>1</v></c></row>`, 1000)))
	if _, err := (Policy{MaxRows: 1000}).Read(bytes.NewReader(wide), "w.xlsx", nil); !errors.Is(err, sheet.ErrLimit) || !strings.Contains(err.Error(), "w.xlsx row 5: the sheet has more than 64,064 cells") {
		t.Errorf("wide rows: %v", err)
	}
	gap := xPatch(t, good, "xl/worksheets/sheet1.xml", xSheetXML(hdr+`<row r="1048576"><c r="A1048576"><v>1</v></c></row>`))
	if _, err := DefaultPolicy().Read(bytes.NewReader(gap), "g.xlsx", nil); !errors.Is(err, sheet.ErrPrice) || !strings.Contains(err.Error(), "g.xlsx row 1048576") {
		t.Errorf("gap: %v", err)
	}
	// Negative limits mean none; a nil reader is an error.
	if _, err := (Policy{MaxRows: -1, MaxBytes: -1, MaxUnzipped: -1}).Read(bytes.NewReader(good), "p.xlsx", nil); err != nil {
		t.Errorf("no limits: %v", err)
	}
	if _, err := DefaultPolicy().Read(nil, "p.xlsx", nil); !errors.Is(err, ErrXLSX) {
		t.Errorf("nil reader: %v", err)
	}
	if _, err := DefaultPolicy().Read(xFailReader{}, "p.xlsx", nil); !errors.Is(err, ErrXLSX) {
		t.Errorf("failing reader: %v", err)
	}
}

type xFailReader struct{}

func (xFailReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestPRC03_XLSXFirstSheet(t *testing.T) {
	// PRC-03: without a sheet named Prices the first worksheet is read.
	book := xBook(t, "Sheet1", xStrings("market,currency,plan,term,payment,price", "SE,SEK,gold,P1Y,monthly,1.00"))
	rows, err := DefaultPolicy().Read(bytes.NewReader(book), "", nil)
	if err != nil || len(rows) != 1 {
		t.Fatalf("rows %v, error %v", rows, err)
	}
}

type xFailWriter struct{}

func (xFailWriter) Write([]byte) (int, error) { return 0, io.ErrShortWrite }

func TestPRC03_XLSXWriteErrors(t *testing.T) {
	// PRC-03: rows that cannot be written are refused before anything is
	// written, as by the CSV form; writer errors are returned.
	ok := xCanonicalRows[0]
	tests := []struct {
		name string
		f    func(*sheet.Row)
	}{
		{"market", func(r *sheet.Row) { r.Market = 0 }},
		{"term", func(r *sheet.Row) { r.Term = plan.Hourly }},
		{"payment", func(r *sheet.Row) { r.Payment = plan.Annual }},
		{"currency", func(r *sheet.Row) { r.Price = currency.Money{} }},
		{"plan longer than a cell", func(r *sheet.Row) { r.Plan = strings.Repeat("a", 32768) }},
	}
	for _, tt := range tests {
		r := ok
		tt.f(&r)
		var buf bytes.Buffer
		if err := Write(&buf, []sheet.Row{ok, r}); !errors.Is(err, sheet.ErrPrice) || buf.Len() != 0 || !strings.Contains(err.Error(), "rows[1]") {
			t.Errorf("%s: error %v, %d bytes written", tt.name, err, buf.Len())
		}
		s := sheet.Sheet{Prices: []sheet.LocalPrice{{Row: ok}, {Row: r}}}
		if err := WriteSheet(&buf, s); !errors.Is(err, sheet.ErrPrice) || buf.Len() != 0 || !strings.Contains(err.Error(), "prices[1]") {
			t.Errorf("%s: WriteSheet error %v, %d bytes written", tt.name, err, buf.Len())
		}
	}
	if err := Write(nil, []sheet.Row{ok}); !errors.Is(err, ErrXLSX) {
		t.Errorf("nil writer: %v", err)
	}
	if err := Write(xFailWriter{}, []sheet.Row{ok}); !errors.Is(err, io.ErrShortWrite) {
		t.Errorf("writer error: %v", err)
	}
	// The zero Sheet and no rows are a workbook of the header alone.
	for _, f := range []func(io.Writer) error{
		func(w io.Writer) error { return Write(w, nil) },
		func(w io.Writer) error { return WriteSheet(w, sheet.Sheet{}) },
	} {
		var buf bytes.Buffer
		if err := f(&buf); err != nil {
			t.Fatal(err)
		}
		rows, err := DefaultPolicy().Read(&buf, "", nil)
		if err != nil || len(rows) != 0 {
			t.Errorf("header only: %v, %v", rows, err)
		}
	}
}

func TestExcelNumber(t *testing.T) {
	for _, tt := range []struct{ in, cur, want string }{
		{"49.99", "USD", "49.99"},
		{" 49.99 ", "USD", "49.99"},
		{"1045.1199999999999", "SEK", "1045.12"},
		{"9.2100000000000009", "EUR", "9.21"},
		{"0.99999999999999989", "USD", "1"},
		{"0.50000000000000001", "SEK", "0.5"},
		{"99999999999999.999", "USD", "100000000000000"},
		{"-1045.1199999999999", "SEK", "-1045.12"},
		{"1.0010000000000001", "SEK", "1.0010000000000001"},
		{"12345678901234.56", "SEK", "12345678901234.56"},
		{"1234567890123456.7", "SEK", "1234567890123456.7"},
		{"1234567890123456.789", "SEK", "1234567890123460"},
		{"0.0000000000000000012345", "SEK", "0.0000000000000000012345"},
		{"1.5E+3", "NOK", "1500"},
		{"1.5e3", "NOK", "1500"},
		{"15E-1", "NOK", "1.5"},
		{"-2.5E-2", "NOK", "-0.025"},
		{"1E+99", "NOK", "1E+99"},
		{"1E", "NOK", "1E"},
		{"x1E2", "NOK", "x1E2"},
		{"1.2.3", "NOK", "1.2.3"},
		{"ten", "SEK", "ten"},
		{"", "SEK", ""},
		{"1.23456789012345678", "XXX", "1.23456789012345678"},
		{".5", "SEK", ".5"},
	} {
		if got := excelNumber(tt.in, tt.cur); got != tt.want {
			t.Errorf("excelNumber(%q, %s) = %q, want %q", tt.in, tt.cur, got, tt.want)
		}
	}
}

func TestPRC03_XLSXLargeSheetNoTempFiles(t *testing.T) {
	// PRC-03: a sheet of 48 plans in every market (27,072 rows, past
	// excelize's 16 MiB in-memory buffer) is written whole, and no
	// temporary file is left behind.
	if testing.Short() {
		t.Skip("writes 27,072 rows")
	}
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	s := xSheet(t, 48)
	var buf bytes.Buffer
	if err := WriteSheet(&buf, s); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" && f.UncompressedSize64 <= 16<<20 {
			t.Errorf("the worksheet is %d bytes, not past 16 MiB", f.UncompressedSize64)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

const pbCanonical = `market,currency,plan,term,payment,price
DE,EUR,gold,P1M,upfront,9.21
JP,JPY,gold,P1M,upfront,1492
SE,SEK,gold,P1Y,monthly,1045.12
US,USD,silver,P3Y,annual,0.00
`

var pbCanonicalRows = []Row{
	{Market: market.DE, Plan: "gold", Term: plan.OneMonth, Payment: plan.Upfront, Price: currency.MustParse("9.21 EUR")},
	{Market: market.JP, Plan: "gold", Term: plan.OneMonth, Payment: plan.Upfront, Price: currency.MustParse("1492 JPY")},
	{Market: market.SE, Plan: "gold", Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("1045.12 SEK")},
	{Market: market.US, Plan: "silver", Term: plan.ThreeYears, Payment: plan.Annual, Price: currency.MustParse("0.00 USD")},
}

func TestPRC03_SheetCSVRoundTrip(t *testing.T) {
	// PRC-03: the sheet is exported, edited and imported again; canonical
	// input reads and writes back to the same bytes, and every accepted
	// spelling reads to the same rows.
	pol := DefaultPolicy()
	rows, err := pol.ReadCSV(strings.NewReader(pbCanonical), "prices.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(pbCanonicalRows, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if buf.String() != pbCanonical {
		t.Errorf("read → write changed the bytes:\n%s", buf.String())
	}
	variants := map[string]string{
		"BOM and CRLF":                     "\ufeffmarket,currency,plan,term,payment,price\r\nDE,EUR,gold,P1M,upfront,9.21\r\nJP,JPY,gold,P1M,upfront,1492\r\nSE,SEK,gold,P1Y,monthly,1045.12\r\nUS,USD,silver,P3Y,annual,0.00\r\n",
		"case, spaces, words, blank lines": " Market , CURRENCY,Plan,Term,Payment,Price\nde,eur, gold ,1 month,UPFRONT,9.210\n\nJP,jpy,gold,p1m,upfront,1492\nSE,SEK,gold,1 year,Monthly,1045.12\nus,usd,silver,3 years,annual,0\n",
	}
	for name, in := range variants {
		got, err := pol.ReadCSV(strings.NewReader(in), "prices.csv", nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(pbCanonicalRows, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	// A whole saved sheet survives write → read.
	s, err := pol.Save(Sheet{}, pbBigList(2), pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := WriteCSV(&buf, s.Rows()); err != nil {
		t.Fatal(err)
	}
	back, err := pol.ReadCSV(&buf, "prices.csv", pbBigList(2))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s.Rows(), back); diff != "" {
		t.Errorf("write → read (-want +got):\n%s", diff)
	}
}

func TestPRC03_SheetCSVRowErrors(t *testing.T) {
	// PRC-03, PRC-08, PRC-09, EXT-05: every bad row is reported, each
	// with its line, in one error.
	known := []ListPrice{
		{Plan: "gold", Term: plan.OneYear, Payment: plan.Monthly, Price: currency.MustParse("10.00 USD"), Markets: market.SetOf(market.SE, market.US)},
	}
	tests := []struct {
		name  string
		row   string
		known []ListPrice
		rule  rule.ID
		err   error
		text  string
	}{
		{"unknown market", "XX,SEK,gold,P1Y,monthly,1.00", nil, rule.EXT15, ErrMarketNotSold, `market: "XX" is not a market`},
		{"China does not transact", "CN,SEK,gold,P1Y,monthly,1.00", nil, rule.PRC09, ErrMarketNotSold, "does not transact"},
		{"currency not a code", "SE,KRONOR,gold,P1Y,monthly,1.00", nil, rule.PRC08, ErrPrice, `currency: "KRONOR"`},
		{"currency not the market's", "SE,EUR,gold,P1Y,monthly,1.00", nil, rule.PRC03, ErrPrice, "Sweden is billed in SEK, not EUR"},
		{"plan ID", "SE,SEK,Gold Plan,P1Y,monthly,1.00", nil, rule.PLN01, ErrPrice, "not a plan ID"},
		{"unknown term", "SE,SEK,gold,P5Y,monthly,1.00", nil, rule.EXT05, ErrPrice, `term: "P5Y"`},
		{"hourly term", "SE,SEK,gold,PT1H,upfront,1.00", nil, rule.EXT05, ErrPrice, `term: "PT1H"`},
		{"unknown payment", "SE,SEK,gold,P1Y,weekly,1.00", nil, rule.EXT05, ErrPrice, `payment: "weekly"`},
		{"payment not for the term", "SE,SEK,gold,P1M,annual,1.00", nil, rule.EXT05, ErrPrice, "a 1 month term cannot be paid annual"},
		{"negative price", "SE,SEK,gold,P1Y,monthly,-1.00", nil, rule.PRC03, ErrPrice, "is negative"},
		{"over-precise price", "SE,SEK,gold,P1Y,monthly,1.001", nil, rule.PRC03, ErrPrice, "more decimal places than allowed"},
		{"over-precise JPY", "JP,JPY,gold,P1Y,monthly,1.5", nil, rule.PRC03, ErrPrice, "not an exact JPY amount"},
		{"not a number", "SE,SEK,gold,P1Y,monthly,1,00", nil, rule.PRC03, ErrCSV, "7 fields, want 6"},
		{"garbage price", "SE,SEK,gold,P1Y,monthly,ten", nil, rule.PRC03, ErrPrice, `"ten"`},
		{"plan not in the list", "SE,SEK,silver,P1Y,monthly,1.00", known, rule.PRC03, ErrPrice, `"silver" is not a plan of the price list`},
		{"term not in the list", "SE,SEK,gold,P1M,upfront,1.00", known, rule.PRC03, ErrPrice, `plan "gold" has no P1M term`},
		{"payment not the list's", "SE,SEK,gold,P1Y,upfront,1.00", known, rule.EXT05, ErrPrice, "pays its P1Y term monthly, not upfront"},
		{"market not the plan's", "NO,NOK,gold,P1Y,monthly,1.00", known, rule.PRC03, ErrMarketNotSold, `NO is not one of plan "gold"'s markets`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "market,currency,plan,term,payment,price\nUS,USD,gold,P1Y,monthly,1.00\n" + tt.row + "\n"
			rows, err := DefaultPolicy().ReadCSV(strings.NewReader(in), "prices.csv", tt.known)
			if rows != nil {
				t.Errorf("rows %v returned with an error", rows)
			}
			var ps rule.Problems
			if !errors.As(err, &ps) || len(ps) != 1 {
				t.Fatalf("error %v, want one problem", err)
			}
			if ps[0].Path != "prices.csv line 3" || ps[0].Rule != tt.rule || !errors.Is(err, tt.err) {
				t.Errorf("problem %q at %q (%s); want line 3, %s, %v", ps[0].Error(), ps[0].Path, ps[0].Rule, tt.rule, tt.err)
			}
			if !strings.Contains(ps[0].Error(), tt.text) {
				t.Errorf("%q does not say %q", ps[0].Error(), tt.text)
			}
		})
	}
}

func TestPRC03_SheetCSVAllProblemsAtOnce(t *testing.T) {
	// PRC-03: all problems of all rows are reported at once, with their
	// lines; a repeated row names the first one.
	in := "market,currency,plan,term,payment,price\n" +
		"SE,SEK,gold,P1Y,monthly,1.00\n" +
		"XX,EUR,Gold,P9Y,weekly,-x\n" +
		"SE,SEK,gold,P1Y,monthly,2.00\n" +
		"NO,NOK,gold,P1Y,monthly,1.00\n"
	_, err := DefaultPolicy().ReadCSV(strings.NewReader(in), "", nil)
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	want := []string{"prices.csv line 3", "prices.csv line 3", "prices.csv line 3", "prices.csv line 3", "prices.csv line 3", "prices.csv line 4"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
	if last := ps[len(ps)-1].Error(); !strings.Contains(last, "as prices.csv line 2") || !errors.Is(ps[len(ps)-1], ErrDuplicate) {
		t.Errorf("duplicate: %q", last)
	}
}

func TestPRC03_SheetCSVStops(t *testing.T) {
	// PRC-03: malformed CSV, a wrong header and input over the limits stop
	// reading.
	header := "market,currency,plan,term,payment,price\n"
	row := "SE,SEK,gold,P1Y,monthly,1.00\n"
	tests := []struct {
		name string
		in   string
		pol  Policy
		err  error
		path string
	}{
		{"empty", "", DefaultPolicy(), ErrCSV, "prices.csv line 1"},
		{"wrong header", "market,price\n", DefaultPolicy(), ErrCSV, "prices.csv line 1"},
		{"bad quoting", header + "SE,SEK,\"gold,P1Y,monthly,1.00\n", DefaultPolicy(), ErrCSV, "prices.csv line 2"},
		{"too many rows", header + row + strings.Replace(row, "P1Y", "P2Y", 1) + strings.Replace(row, "P1Y", "P3Y", 1),
			Policy{MaxRows: 2}, ErrLimit, "prices.csv line 4"},
		{"too many bytes", header + row + row, Policy{MaxBytes: 50}, ErrLimit, "prices.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.pol.ReadCSV(strings.NewReader(tt.in), "prices.csv", nil)
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if p := pbPaths(err); len(p) == 0 || p[len(p)-1] != tt.path {
				t.Errorf("paths %v, want last %q", p, tt.path)
			}
		})
	}
	// Negative limits mean none.
	big := header + strings.Repeat("", 0)
	for _, term := range []string{"P1M", "P1Y", "P2Y", "P3Y"} {
		big += "US,USD,gold," + term + ",upfront,1.00\n"
	}
	if _, err := (Policy{MaxRows: -1, MaxBytes: -1}).ReadCSV(strings.NewReader(big), "p.csv", nil); err != nil {
		t.Errorf("no limits: %v", err)
	}
}

type pbFailWriter struct{ n int }

func (w *pbFailWriter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, io.ErrShortWrite
	}
	w.n--
	return len(p), nil
}

func TestPRC03_WriteSheetCSVErrors(t *testing.T) {
	// PRC-03: rows that cannot be written are refused before anything is
	// written; writer errors are returned.
	ok := pbCanonicalRows[0]
	tests := []struct {
		name string
		f    func(*Row)
	}{
		{"market", func(r *Row) { r.Market = 0 }},
		{"term", func(r *Row) { r.Term = plan.Hourly }},
		{"payment", func(r *Row) { r.Payment = plan.Annual }},
		{"currency", func(r *Row) { r.Price = currency.Money{} }},
	}
	for _, tt := range tests {
		r := ok
		tt.f(&r)
		var buf bytes.Buffer
		if err := WriteCSV(&buf, []Row{ok, r}); !errors.Is(err, ErrPrice) || buf.Len() != 0 || !strings.Contains(err.Error(), "rows[1]") {
			t.Errorf("%s: error %v, %d bytes written", tt.name, err, buf.Len())
		}
	}
	if err := WriteCSV(&pbFailWriter{}, []Row{ok}); !errors.Is(err, io.ErrShortWrite) {
		t.Errorf("writer error: %v", err)
	}
	many := make([]Row, 3000)
	for i := range many {
		many[i] = ok
	}
	if err := WriteCSV(&pbFailWriter{}, many); !errors.Is(err, io.ErrShortWrite) {
		t.Errorf("writer error in a chunk: %v", err)
	}
	// Plan IDs that need quoting are quoted as encoding/csv would.
	odd := ok
	odd.Plan = `a "b",c`
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []Row{odd}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"a ""b"",c"`) {
		t.Errorf("not quoted: %s", buf.String())
	}
}

func FuzzReadSheetCSV(f *testing.F) {
	f.Add([]byte(pbCanonical))
	f.Add([]byte("market,currency,plan,term,payment,price\nSE,SEK,gold,P1Y,monthly,1.00\n"))
	f.Add([]byte("market,currency,plan,term,payment,price\r\n\"SE\",sek, gold ,1 year,MONTHLY,001.50\r\n"))
	f.Add([]byte("\ufeffmarket,currency,plan,term,payment,price\nCN,XXX,,,,\n"))
	f.Add([]byte("market,currency,plan,term,payment,price\nJP,JPY,a-b_c,p3y,annual,123456789\n"))
	pol := Policy{MaxRows: 1000, MaxBytes: 1 << 16}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := pol.ReadCSV(bytes.NewReader(data), "f.csv", nil)
		if err != nil {
			var ps rule.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %v is not rule.Problems", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, rows); err != nil {
			t.Fatalf("accepted rows cannot be written: %v", err)
		}
		first := buf.String()
		back, err := pol.ReadCSV(&buf, "f.csv", nil)
		if err != nil {
			t.Fatalf("written sheet does not read: %v\n%s", err, first)
		}
		if diff := cmp.Diff(rows, back); diff != "" {
			t.Fatalf("write → read changed the rows (-want +got):\n%s", diff)
		}
		buf.Reset()
		if err := WriteCSV(&buf, back); err != nil || buf.String() != first {
			t.Fatalf("canonical form not stable: %v", err)
		}
	})
}

func BenchmarkSheetWriteCSV(b *testing.B) {
	s, err := DefaultPolicy().Save(Sheet{}, pbBigList(100), pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if err != nil {
		b.Fatal(err)
	}
	rows := s.Rows()
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteCSV(io.Discard, rows); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSheetReadCSVStd reads the same file as BenchmarkSheetReadCSV
// with encoding/csv alone, for the ratio (issue 16: within 1.5×).
func BenchmarkSheetReadCSVStd(b *testing.B) {
	s, err := DefaultPolicy().Save(Sheet{}, pbBigList(100), pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, s.Rows()); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(data))
		for {
			if _, err := r.Read(); err != nil {
				if err != io.EOF {
					b.Fatal(err)
				}
				break
			}
		}
	}
}

func BenchmarkSheetReadCSV(b *testing.B) {
	list := pbBigList(100)
	s, err := DefaultPolicy().Save(Sheet{}, list, pbRates("2024-01-01T00:00:00Z", 1000), pbT0)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, s.Rows()); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DefaultPolicy().ReadCSV(bytes.NewReader(data), "prices.csv", list); err != nil {
			b.Fatal(err)
		}
	}
}

// PRC-03: a repeated row is found whether the sheet is in canonical order
// (the repeat follows its first) or not (a table of the rows so far).
func TestPRC03_DuplicatesInAnyOrder(t *testing.T) {
	head := "market,currency,plan,term,payment,price\n"
	for _, tt := range []struct{ in, first, dup string }{
		{head + "NO,NOK,a,P1M,upfront,1\nSE,SEK,a,P1M,upfront,1\nSE,SEK,a,P1M,upfront,2\n", "p.csv line 3", "p.csv line 4"},
		{head + "SE,SEK,b,P1M,upfront,1\nSE,SEK,a,P1M,upfront,1\nNO,NOK,a,P1M,upfront,1\nSE,SEK,b,P1M,upfront,2\n", "p.csv line 2", "p.csv line 5"},
		{head + "SE,SEK,a,P1M,upfront,1\nNO,NOK,a,P1M,upfront,1\nSE,SEK,a,P1M,upfront,2\n", "p.csv line 2", "p.csv line 4"},
	} {
		_, err := DefaultPolicy().ReadCSV(strings.NewReader(tt.in), "p.csv", nil)
		var ps rule.Problems
		if !errors.As(err, &ps) || len(ps) != 1 || !errors.Is(err, ErrDuplicate) || ps[0].Path != tt.dup || !strings.Contains(ps[0].Error(), tt.first) {
			t.Errorf("%q: %v", tt.in, err)
		}
	}
}

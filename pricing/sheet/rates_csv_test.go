package sheet_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/rule"
)

// PRC-03: the exchange rates a price sheet is converted at, read and
// written as CSV, exactly.
func TestPRC03_RatesCSV(t *testing.T) {
	in := "\xEF\xBB\xBFas_of,from,to,rate\n2026-01-02,USD,SEK,9.4215\n\n2026-02-02T12:30:00Z,USD,JPY,154.337\n2026-01-02,usd,eur,0.86120\n"
	rates, err := sheet.ReadRatesCSV(strings.NewReader(in), "rates.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []sheet.DatedRate{
		{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("9.4215")}, AsOf: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
		{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: currency.JPY, Rate: currency.MustParseRate("154.337")}, AsOf: time.Date(2026, 2, 2, 12, 30, 0, 0, time.UTC)},
		{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: currency.EUR, Rate: currency.MustParseRate("0.86120")}, AsOf: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
	}
	if len(rates) != len(want) {
		t.Fatalf("got %d rates", len(rates))
	}
	for i := range want {
		if rates[i].ExchangeRate != want[i].ExchangeRate || !rates[i].AsOf.Equal(want[i].AsOf) {
			t.Errorf("rate %d = %v, want %v", i, rates[i], want[i])
		}
	}
	var buf bytes.Buffer
	if err := sheet.WriteRatesCSV(&buf, rates); err != nil {
		t.Fatal(err)
	}
	wantCSV := "as_of,from,to,rate\n2026-01-02,USD,SEK,9.4215\n2026-02-02T12:30:00Z,USD,JPY,154.337\n2026-01-02,USD,EUR,0.86120\n"
	if buf.String() != wantCSV {
		t.Errorf("written:\n%s\nwant\n%s", buf.String(), wantCSV)
	}
}

func TestRatesCSVErrors(t *testing.T) {
	for _, tt := range []struct {
		in    string
		paths []string
	}{
		{"", []string{"rates.csv line 1"}},
		{"date,from,to,rate\n", []string{"rates.csv line 1"}},
		{"as_of,from,to,rate\n2026-13-01,USD,SEK,9\n2026-01-02,USD,XYZ,-1\n2026-01-02,USD,SEK,0\n", []string{
			"rates.csv line 2", "rates.csv line 3", "rates.csv line 3", "rates.csv line 4"}},
		{"as_of,from,to,rate\n2026-01-02,USD,SEK\n", []string{"rates.csv line 2"}},
		// PRC-03: the zero instant is no instant, in either form; the
		// second after it is one.
		{"as_of,from,to,rate\n0001-01-01,USD,SEK,9\n0001-01-01T00:00:00Z,USD,SEK,9\n0001-01-01T00:00:01Z,USD,SEK,9\n", []string{
			"rates.csv line 2", "rates.csv line 3"}},
	} {
		_, err := sheet.ReadRatesCSV(strings.NewReader(tt.in), "rates.csv")
		var ps rule.Problems
		if !errors.As(err, &ps) || !(errors.Is(err, sheet.ErrBadRate) || errors.Is(err, sheet.ErrCSV) || errors.Is(err, sheet.ErrLimit)) {
			t.Fatalf("%q: err = %v", tt.in, err)
		}
		var paths []string
		for _, p := range ps {
			paths = append(paths, p.Path)
		}
		if strings.Join(paths, "|") != strings.Join(tt.paths, "|") {
			t.Errorf("%q: paths %v, want %v (%v)", tt.in, paths, tt.paths, err)
		}
	}
}

func FuzzReadRatesCSV(f *testing.F) {
	f.Add("as_of,from,to,rate\n2026-01-02,USD,SEK,9.4215\n")
	f.Add("as_of,from,to,rate\n2026-02-02T12:30:00+01:00,USD,JPY,154.337\n")
	f.Fuzz(func(t *testing.T, in string) {
		rates, err := sheet.ReadRatesCSV(strings.NewReader(in), "f.csv")
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := sheet.WriteRatesCSV(&buf, rates); err != nil {
			t.Fatal(err)
		}
		back, err := sheet.ReadRatesCSV(&buf, "f.csv")
		if err != nil || len(back) != len(rates) {
			t.Fatalf("re-read: %v, %d vs %d", err, len(back), len(rates))
		}
		for i := range rates {
			if back[i].ExchangeRate != rates[i].ExchangeRate || !back[i].AsOf.Equal(rates[i].AsOf) {
				t.Fatalf("rate %d: %v → %v", i, rates[i], back[i])
			}
		}
	})
}

// Issue 17: hostile input yields at most MaxProblems problems and one
// that counts the rest, in memory bounded by the limit, not the input.
func TestRatesCSVProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("as_of,from,to,rate\n")
	for range 5000 {
		b.WriteString("x,y,z,w\n")
	}
	_, err := sheet.ReadRatesCSV(strings.NewReader(b.String()), "rates.csv")
	var ps rule.Problems
	if !errors.As(err, &ps) || len(ps) != sheet.MaxProblems+1 || !errors.Is(err, sheet.ErrBadRate) {
		t.Fatalf("%d problems: %.200v", len(ps), err)
	}
	if last := ps[len(ps)-1].Error(); !strings.Contains(last, "and 19,900 more problems") {
		t.Errorf("last problem %q", last)
	}
}

// Rates read within 1.5× of encoding/csv on the same file (issue 16).
func BenchmarkReadRatesCSV(b *testing.B) {
	data := ratesBenchData()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sheet.ReadRatesCSV(bytes.NewReader(data), "rates.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadRatesCSVStd(b *testing.B) {
	data := ratesBenchData()
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

func ratesBenchData() []byte {
	var buf bytes.Buffer
	buf.WriteString("as_of,from,to,rate\n")
	codes := []string{"SEK", "EUR", "JPY", "NOK", "DKK", "GBP", "AUD", "CAD", "CHF", "INR", "KRW", "NZD", "BRL", "TWD"}
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 50_000 {
		fmt.Fprintf(&buf, "%s,USD,%s,%d.%04d\n", day.AddDate(0, 0, i/len(codes)).Format(time.DateOnly), codes[i%len(codes)], 1+i%150, i%10000)
	}
	return buf.Bytes()
}

// The reader reuses the memory of the rows' text: problems quote the
// fields of early rows right after thousands of rows more.
func TestRatesCSVProblemsKeepText(t *testing.T) {
	var b strings.Builder
	b.WriteString("as_of,from,to,rate\n")
	var want []string
	for i := range 3000 {
		if i%700 == 0 {
			bad := fmt.Sprintf("U%04d", i)
			want = append(want, fmt.Sprintf("rates.csv line %d: from: %s (PRC-03)", i+2, (&currency.ParseError{Kind: "currency code", Input: bad, Err: currency.ErrUnknownCode}).Error()))
			b.WriteString("2026-01-02," + bad + ",SEK,1.5\n")
			continue
		}
		b.WriteString("2026-01-02,USD,SEK,9." + strings.Repeat("1", i%8+1) + "\n")
	}
	_, err := sheet.ReadRatesCSV(strings.NewReader(b.String()), "rates.csv")
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

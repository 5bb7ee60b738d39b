package main

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/internal/golden"
	"github.com/marketrules/marketrules/pricing/sheet"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// visible shows CLDR's no-break spaces: U+00A0 as "·", U+202F as "˙".
var visible = strings.NewReplacer("\u00a0", "·", "\u202f", "˙")

// flat joins the output's words with single spaces, so that checks of
// wrapped explanations do not depend on where the lines break.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func runArgs(args ...string) (int, string, string) {
	return runStdin("", args...)
}

func runStdin(stdin string, args ...string) (int, string, string) {
	var out, errOut strings.Builder
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, visible.Replace(out.String()), errOut.String()
}

// TestGolden runs the samples in each language and compares the output
// with testdata/golden.<lang>.txt (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		var out, errOut strings.Builder
		if code := run([]string{"-lang", lang}, nil, &out, &errOut); code != 0 || errOut.Len() > 0 {
			t.Fatalf("-lang %s: exit %d, stderr %q", lang, code, errOut.String())
		}
		golden.Check(t, filepath.Join("testdata", "golden."+lang+".txt"), visible.Replace(out.String()), *update)
		if w := textout.MaxWidth(out.String()); w >= 100 {
			t.Errorf("-lang %s: a line of %d columns", lang, w)
		}
	}
}

// line returns the first line of out whose fields start with prefix.
func line(t *testing.T, out string, prefix ...string) []string {
	t.Helper()
	for l := range strings.Lines(out) {
		if f := strings.Fields(l); len(f) >= len(prefix) && slices.Equal(f[:len(prefix)], prefix) {
			return f
		}
	}
	t.Fatalf("no line starting with %q in:\n%s", prefix, out)
	return nil
}

func TestSampleSheet(t *testing.T) {
	code, out, errOut := runArgs()
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"846 prices in 141 markets: 275 converted, 570 the USD list price, 1 the publisher's own.",
		"premium   P1M   upfront   $49.99      141  JP ¥7,700",
		"Saved again on 2026-02-02, at the rates of that date: 0 of 846 prices changed.",
		"* marks the publisher's own price for the market, which is not converted (PRC-03).",
		"JP premium P1M upfront: ¥7,700, set by the publisher for this market (list price $49.99), who owns it;",
		"PRC-03: USD prices are converted",
	} {
		if !strings.Contains(flat(out), flat(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
	// One row per market: Sweden's six prices, converted at January's rate.
	// (The table wraps: the first part has four prices, the second two.)
	se := line(t, out, "SEK", "SE", "Sweden")
	if got, want := strings.Join(se[3:], " "), "94,22·kr 942,15·kr 235,54·kr 2·355,38·kr"; got != want {
		t.Errorf("Sweden's row: got %q, want %q", got, want)
	}
	// Japan's premium monthly price is the publisher's own (PRC-03).
	if jp := line(t, out, "JPY", "JP", "Japan", "¥7,700*"); len(jp) != 5 {
		t.Errorf("Japan's row: %q", jp)
	}
	if us := line(t, out, "US", "United", "States", "$10.00"); strings.Join(us[3:], " ") != "$10.00 $100.00 $25.00 $250.00" {
		t.Errorf("the United States' row: %q", us)
	}
	// PRC-03: February's rate would give 96,12 kr; the saved price stays.
	if se := line(t, out, "SE", "Sweden", "basic"); strings.Join(se[4:], " ") != "$10.00 9.4215 94,22·kr 9.6120 96,12·kr" {
		t.Errorf("Sweden's fixed price: %q", se)
	}
	if n := strings.Count(out, "\n"); n < 141+20 {
		t.Errorf("only %d lines: not every market has its row", n)
	}
}

func TestSwedish(t *testing.T) {
	code, out, _ := runArgs("-lang", "sv", "-markets", "SE,US,JP")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, want := range []string{"omräknat från 10,00·US$ till kursen 154,337 JPY/USD", "själva listpriset i USD", "Priser som anges i USD",
		"18 priser på 3 marknader: 11 omräknade, 6 listpriset i USD, 1 utgivarens egna.", "avrundat halvt till jämnt",
		"Listpriser i USD", "Valuta", "Marknad", "i förskott", "SE Sverige", "US USA"} {
		if !strings.Contains(flat(out), flat(want)) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCSV(t *testing.T) {
	code, out, errOut := runArgs("-csv")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.HasPrefix(out, "market,currency,plan,term,payment,price\n") || !strings.Contains(out, "\nSE,SEK,basic,P1M,upfront,94.22\n") ||
		!strings.Contains(out, "\nJP,JPY,premium,P1M,upfront,7700\n") {
		t.Errorf("CSV:\n%.500s", out)
	}
	// The CSV reads back as 846 rows (PRC-03: export, edit, import).
	rows, err := sheet.DefaultPolicy().ReadCSV(strings.NewReader(out), "sheet.csv", nil)
	if err != nil || len(rows) != 846 {
		t.Errorf("reading the CSV back: %d rows, %v", len(rows), err)
	}

	path := filepath.Join(t.TempDir(), "sheet.csv")
	code, out, _ = runArgs("-markets", "SE,NO", "-o", path)
	b, err := os.ReadFile(path)
	if code != 0 || err != nil || !strings.Contains(out, "Wrote the sheet, 12 rows, to "+path) {
		t.Fatalf("-o: exit %d, %v\n%s", code, err, out)
	}
	if !strings.Contains(string(b), "NO,NOK,standard,P1Y,upfront,2536.48\n") || strings.Count(string(b), "\n") != 13 {
		t.Errorf("-o wrote:\n%s", b)
	}
}

func TestOwnFiles(t *testing.T) {
	dir := t.TempDir()
	prices := filepath.Join(dir, "prices.csv")
	rates := filepath.Join(dir, "rates.csv")
	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(prices, "plan,term,payment,market,price\ngold,P1Y,monthly,,120.00 USD\ngold,P1Y,monthly,SE,1199.00 SEK\n")
	write(rates, "as_of,from,to,rate\n2026-03-01,USD,SEK,10.00\n2026-03-01,USD,NOK,10.50\n")
	code, out, errOut := runArgs("-markets", "SE,NO,US", prices, rates)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	if no := line(t, out, "NOK", "NO", "Norway"); no[3] != "1·260,00·kr" {
		t.Errorf("Norway: %q", no)
	}
	if se := line(t, out, "SEK", "SE", "Sweden"); se[3] != "1·199,00·kr*" {
		t.Errorf("Sweden: %q", se)
	}
	if strings.Contains(out, "Saved again") {
		t.Errorf("one date of rates, one save:\n%s", out)
	}

	// A currency without a rate: every problem of the save, with its rule.
	write(rates, "as_of,from,to,rate\n2026-03-01,USD,SEK,10.00\n")
	if code, _, errOut := runArgs("-markets", "SE,NO", prices, rates); code != 1 || !strings.Contains(errOut, "NOK") {
		t.Errorf("missing rate: exit %d, stderr %q", code, errOut)
	}
	write(prices, "\uFEFFPlan,Term,Payment,Market,Price\nGold,P1M,upfront,,10.00 USD\ngold,P2M,upfront,,1.00 USD\nsilver,P1M,upfront,,10.00 EUR\nx,P1M,upfront,SE,9 SEK\n")
	code, _, errOut = runArgs(prices)
	want := "price-sheet: " + prices + ": 4 problems\n" +
		"  " + prices + " line 2, column plan: \"Gold\" is not a plan ID: lowercase"
	if code != 1 || !strings.HasPrefix(flat(errOut), flat(want)) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to start\n%s", code, errOut, want)
	}
	for _, want := range []string{"line 3, column term: \"P2M\" is not a term", "line 4, column price: a list price is in USD, not EUR (PRC-03)",
		"line 5, column market: a price for SE needs"} {
		if !strings.Contains(flat(errOut), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

// TestBadInput: each failure, its message and its exit status.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	header := write("header.csv", "plan;term\n")
	empty := write("empty.csv", "")
	quote := write("quote.csv", "plan,term,payment,market,price\ngold,P1M,\"upfront,,1.00 USD\n")
	onlyHeader := write("only-header.csv", "plan,term,payment,market,price\n")
	badRates := write("bad-rates.csv", "as_of,from,to,rate\n2026-01-02,USD,SEK,x\n")
	ratesHeader := write("rates-header.csv", "as_of,from,to\n")
	for _, tc := range []struct {
		args   []string
		stdin  string
		status int
		want   string
	}{
		{[]string{header}, "", 2, "price-sheet: " + header + " line 1: the header must be \"plan,term,payment,market,price\", not \"plan;term\"\n"},
		{[]string{empty}, "", 2, "price-sheet: " + empty + ": empty; the first line must be the header \"plan,term,payment,market,price\"\n"},
		{[]string{quote}, "", 2, "price-sheet: " + quote + " line 2, column "},
		{[]string{onlyHeader}, "", 1, "price-sheet: " + onlyHeader + ": 1 problem\n  no list prices (PRC-03)\n"},
		{[]string{"prices.csv", ratesHeader}, "", 2, "price-sheet: " + ratesHeader + ": 1 problem\n  " + ratesHeader + " line 1: header is"},
		{[]string{"prices.csv", badRates}, "", 1, "price-sheet: " + badRates + ": 1 problem\n  " + badRates + " line 2: rate: "},
		{[]string{"-lang", "sv", onlyHeader}, "", 1, "price-sheet: " + onlyHeader + ": 1 problem\n  inga listpriser (PRC-03)\n"},
		{[]string{dir}, "", 2, "price-sheet: " + dir + ": is a directory\n"},
		{[]string{"-markets", "SE,XX"}, "", 2, "price-sheet: -markets: \"XX\" is not a market code\n"},
		{[]string{"-", "-"}, "", 2, "price-sheet: standard input (-) can be read once only\n"},
		{[]string{"-o", filepath.Join(dir, "no", "sheet.csv")}, "", 2, "price-sheet: -o: " + filepath.Join(dir, "no", "sheet.csv") + ": no such file or directory\n"},
		{[]string{"-"}, "plan,term\n", 2, "price-sheet: standard input line 1: the header must be"},
	} {
		code, out, errOut := runStdin(tc.stdin, tc.args...)
		if code != tc.status || !strings.HasPrefix(flat(errOut), flat(tc.want)) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant %d and\n%s", tc.args, code, out, errOut, tc.status, tc.want)
		}
		if first, _, _ := strings.Cut(errOut, "\n\n"); strings.Contains(first, "PRC-03") && tc.status == 2 {
			t.Errorf("%v: a rule cited on a syntax error: %s", tc.args, errOut)
		}
	}
	// Standard input: the price list from a pipe.
	b, err := os.ReadFile("prices.csv")
	if err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runStdin(string(b), "-markets", "SE", "-"); code != 0 || !strings.Contains(out, "USD list prices (standard input)") {
		t.Errorf("stdin: exit %d, stderr %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	code, out, errOut := runArgs("-h")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "price-sheet: turns a USD price list") || !strings.Contains(out, "usage: price-sheet [-lang en|sv]") {
		t.Errorf("-h: exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, lang := range []string{"sv-SE", "SV", "EN"} {
		if code, _, _ := runArgs("-lang", lang, "-markets", "SE"); code != 0 {
			t.Errorf("-lang %s: exit %d", lang, code)
		}
	}
	for _, args := range [][]string{
		{"-lang", "de"}, {"-markets", "SE,XX"}, {"a.csv", "b.csv", "c.csv"}, {"-nope"},
		{filepath.Join(t.TempDir(), "missing.csv")},
		{"-o", filepath.Join(t.TempDir(), "no", "such", "dir.csv")},
	} {
		if code, _, errOut := runArgs(args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

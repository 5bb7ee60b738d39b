package main

import (
	"github.com/marketrules/marketrules/pricing/sheet"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// visible shows CLDR's no-break spaces: U+00A0 as "·", U+202F as "˙".
var visible = strings.NewReplacer("\u00a0", "·", "\u202f", "˙")

// flat joins the output's words with single spaces, so that checks of
// wrapped explanations do not depend on where the lines break.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func runArgs(args ...string) (int, string, string) {
	var out, errOut strings.Builder
	code := run(args, &out, &errOut)
	return code, visible.Replace(out.String()), errOut.String()
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
		"premium   P1M   upfront   $49.99      141  JP ￥7,700",
		"Saved again on 2026-02-02, at the rates of that date: 0 of 846 prices changed.",
		"* set by the publisher for the market, who owns it (PRC-03); not converted.",
		"JP premium P1M upfront: ¥7,700, set by the publisher for this market (list price $49.99), who owns it;",
		"PRC-03: USD prices are converted",
	} {
		if !strings.Contains(flat(out), flat(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
	// One row per market: Sweden's six prices, converted at January's rate.
	se := line(t, out, "SEK", "SE", "Sweden")
	if got, want := strings.Join(se[3:15], " "), "94,22·kr 942,15·kr 235,54·kr 2·355,38·kr 470,98·kr 4·701,33·kr converted at 9.4215 SEK/USD of 2026-01-02"; got != want {
		t.Errorf("Sweden's row: got %q, want %q", got, want)
	}
	// Japan's premium monthly price is the publisher's own (PRC-03).
	if jp := line(t, out, "JPY", "JP", "Japan"); jp[7] != "￥7,700*" {
		t.Errorf("Japan's row: %q", jp)
	}
	if us := line(t, out, "US", "United", "States"); strings.Join(us[3:9], " ") != "$10.00 $100.00 $25.00 $250.00 $49.99 $499.00" {
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
	for _, want := range []string{"omräknat från 10,00·US$ till kursen 154.337 JPY/USD", "själva listpriset i USD", "Priser som anges i USD",
		"18 prices in 3 markets: 11 converted, 6 the USD list price, 1 the publisher's own."} {
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
	write(prices, "plan,term,payment,market,price\nGold,P1M,upfront,,10.00 USD\ngold,P2M,upfront,,1.00 USD\nsilver,P1M,upfront,,10.00 EUR\nx,P1M,upfront,SE,9 SEK\n")
	code, _, errOut = runArgs(prices)
	for _, want := range []string{"line 2: plan: \"Gold\" is not a plan ID", "line 3: term:", "line 4: a list price is in USD, not EUR", "line 5: a price for SE needs"} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
	write(prices, "plan;term\n")
	if code, _, errOut := runArgs(prices); code != 1 || errOut == "" {
		t.Errorf("bad header: exit %d, stderr %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
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

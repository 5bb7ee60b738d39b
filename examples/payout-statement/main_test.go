package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(args ...string) (int, string, string) {
	var out, errOut strings.Builder
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestSampleStatement(t *testing.T) {
	code, out, errOut := runArgs()
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"Payout statement for 10 transactions",
		"2025-02  Feb 15   paid       $1,164.00", // 1,200 EA order less 3% fee (EXT-10, EXT-11)
		"2025-07  Jul 15   withheld  -$1,940.00", // the write-off recovered first (EXT-11, W12)
		"2025-09  Sep 15   paid         $402.55",
		"USD           8     $1,575.00      $47.25     $1,527.75     $1,527.75     $0.00     $0.00  yes",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "  NO\n") {
		t.Errorf("a currency does not conserve money:\n%s", out)
	}
	if code, out, _ := runArgs("-lang", "sv"); code != 0 || !strings.Contains(out, "Utbetalning 2025-02") {
		t.Errorf("Swedish: exit %d\n%s", code, out)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced\nX,2025-01-01,ea,invoice,order,purchase,1.001,USD,false,,\n"), 0o644)
	if code, _, errOut := runArgs(bad); code != 1 || !strings.Contains(errOut, "bad.csv line 2") {
		t.Errorf("malformed row: exit %d, stderr %q", code, errOut)
	}
	noRates := filepath.Join(dir, "rates.csv")
	os.WriteFile(noRates, []byte("month,from,to,rate\n"), 0o644)
	if code, _, errOut := runArgs(filepath.Join(".", "transactions.csv"), noRates); code != 1 || !strings.Contains(errOut, "SEK") {
		t.Errorf("missing rate: exit %d, stderr %q", code, errOut)
	}
	for _, args := range [][]string{{"-lang", "fi"}, {"a", "b", "c"}, {filepath.Join(dir, "missing.csv")}} {
		if code, _, _ := runArgs(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/examples/internal/textout"
)

func runArgs(stdin string, args ...string) (int, string, string) {
	var out, errOut strings.Builder
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// every line under 100 columns
func checkWidth(t *testing.T, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if w := textout.Width(line); w >= 100 {
			t.Errorf("line of %d columns: %q", w, line)
		}
	}
}

func TestSampleStatement(t *testing.T) {
	code, out, errOut := runArgs("")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"Payout statement for 10 transactions",
		"T-1002  2025-01-20  sale      SEK\u00a05,000.00  SEK\u00a0150.00  PAY-05", // each sale's fee (PAY-05)
		"2025-02  2025-02-15  paid       $1,164.00  $1,164.00",                     // 1,200 EA order less 3% fee (PAY-02)
		"2025-04  2025-04-15  paid         $404.49  SEK\u00a04,850.00 less $58.20",
		"2025-07  2025-07-15  withheld  -$1,940.00  —", // the write-off recovered first (EXT-11)
		"USD           8     $1,575.00      $47.25     $1,527.75     $0.00     $0.00",
		"Every currency conserves its money",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	checkWidth(t, out)
}

func TestSwedish(t *testing.T) {
	for _, lang := range []string{"sv", "sv-SE", "SV"} {
		code, out, _ := runArgs("", "-lang", lang)
		if code != 0 {
			t.Fatalf("%s: exit %d", lang, code)
		}
		for _, want := range []string{"Utbetalningsbesked för 10 transaktioner", "Butikstjänstavgift för varje försäljning:",
			"återbetalning", "betald", "innehållen", "850,00\u00a0kr minus 58,20\u00a0US$", "Summor per valuta:", "Varje valuta bevarar"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q:\n%s", lang, want, out)
			}
		}
		for _, english := range []string{"paid", "carried", "withheld", "Payout", "Month", "Totals", " less ", " and "} {
			if strings.Contains(out, english) {
				t.Errorf("%s: English %q in:\n%s", lang, english, out)
			}
		}
		checkWidth(t, out)
	}
}

func TestEarnings(t *testing.T) {
	code, out, errOut := runArgs("", "-earnings", "sample")
	if code != 1 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"earnings.csv: 5 rows reconciled under DefaultPolicy (ERN-01); differences in 1 row:",
		"4  T-2003       storeFee         €25.00    €15.00  PAY-05", "earningAmount   €475.00   €485.00"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	checkWidth(t, out)
	good := strings.Join(strings.Split(sampleEarnings, "\n")[:3], "\n") + "\n"
	if code, out, _ := runArgs(good, "-lang", "sv", "-earnings", "-"); code != 0 || !strings.Contains(out, "standard input: 2 rader avstämda") {
		t.Errorf("stdin: exit %d\n%s", code, out)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const head = "id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced\n"
	bigRates := write("big-rates.csv", "month,from,to,rate\n"+strings.Repeat("2025-01,SEK,USD,0.0951\n", 50_000))
	tests := []struct {
		name   string
		stdin  string
		args   []string
		status int
		want   string
	}{
		{"malformed row", "", []string{write("bad.csv", head+"X,2025-01-01,ea,invoice,order,purchase,1.001,USD,false,,\n")}, 1,
			"bad.csv line 2, column gross: \"1.001\" is not an exact USD amount"},
		{"duplicate IDs", "", []string{write("dup.csv", head+"D,2025-01-01,ea,invoice,order,purchase,1.00,USD,false,,\n"+
			"D,2025-01-02,ea,invoice,order,purchase,2.00,USD,false,,\n")}, 1, "dup.csv line 3, column id: the ID \"D\" was seen before"},
		{"missing rate", "", []string{"transactions.csv", write("rates.csv", "month,from,to,rate\n")}, 1, "rates[2025-04].SEK"},
		{"rates over the limit", "", []string{"transactions.csv", bigRates}, 2, "big-rates.csv: longer than 1048576 bytes"},
		{"bad rate", "", []string{"transactions.csv", write("r.csv", "month,from,to,rate\n2025-01,SEK,USD,x\n")}, 1, "r.csv line 2, column rate"},
		{"a directory", "", []string{dir}, 2, dir + ": is a directory"},
		{"a missing file", "", []string{filepath.Join(dir, "missing.csv")}, 2, "missing.csv: no such file"},
		{"an export directory", "", []string{"-earnings", dir}, 2, "is a directory"},
		{"a bad export", "", []string{"-earnings", write("e.csv", "storeFee\n1\n")}, 2, "e.csv line 1: the header has no"},
		{"unknown language", "", []string{"-lang", "fi"}, 2, "-lang: no output in language \"fi\""},
		{"too many files", "", []string{"a", "b", "c"}, 2, "too many arguments"},
		{"two stdins", "", []string{"-", "-"}, 2, "only one input can be standard input"},
		{"earnings and files", "", []string{"-earnings", "sample", "x.csv"}, 2, "-earnings takes no other files"},
		{"bad stdin, Swedish", head + "X,2025-01-01,xx,invoice,order,purchase,1.00,USD,false,,\n", []string{"-lang", "sv", "-"}, 1,
			"standard input: 1 problem\n  standard input line 2, column agreement: okänt kundavtal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runArgs(tt.stdin, tt.args...)
			unwrapped := strings.ReplaceAll(errOut, "\n  ", " ")
			if code != tt.status || (!strings.Contains(errOut, tt.want) && !strings.Contains(unwrapped, tt.want)) {
				t.Errorf("exit %d (want %d), stderr %q, want it to contain %q", code, tt.status, errOut, tt.want)
			}
			if out != "" && code != 0 {
				t.Errorf("output on failure: %q", out)
			}
			if strings.Contains(errOut, "payout-statement: payout-statement:") || strings.Count(errOut, "1 problem") > 1 {
				t.Errorf("repeated prefix: %q", errOut)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	code, out, errOut := runArgs("", "-h")
	if code != 0 || errOut != "" || !strings.Contains(out, "prints a payout statement") || !strings.Contains(out, "-earnings") {
		t.Errorf("-h: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = runArgs("", "-bogus")
	if code != 2 || !strings.Contains(errOut, "usage:") {
		t.Errorf("bad flag: exit %d, stderr %q", code, errOut)
	}
}

var update = flag.Bool("update", false, "rewrite the golden files")

// The output in each language is reviewed, not changed by accident.
func TestGolden(t *testing.T) {
	for _, tt := range []struct {
		file string
		args []string
	}{
		{"statement.en.golden", nil}, {"statement.sv.golden", []string{"-lang", "sv"}},
		{"earnings.en.golden", []string{"-earnings", "sample"}}, {"earnings.sv.golden", []string{"-lang", "sv", "-earnings", "sample"}},
	} {
		_, out, _ := runArgs("", tt.args...)
		path := filepath.Join("testdata", tt.file)
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("%s differs (go test -update to accept):\n%s", tt.file, out)
		}
	}
}

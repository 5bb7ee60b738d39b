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
		for _, bad := range []string{"W1", "W3", "￥", "in United States", "0001-01-01"} {
			if strings.Contains(out.String(), bad) {
				t.Errorf("-lang %s: output has %q", lang, bad)
			}
		}
	}
}

// fields returns the fields of the first line of out that starts with
// the fields prefix, after the prefix.
func fields(t *testing.T, out string, prefix ...string) string {
	t.Helper()
	for l := range strings.Lines(out) {
		if f := strings.Fields(l); len(f) >= len(prefix) && slices.Equal(f[:len(prefix)], prefix) {
			return strings.Join(f[len(prefix):], " ")
		}
	}
	t.Fatalf("no line starting with %q in:\n%s", prefix, out)
	return ""
}

func TestSample(t *testing.T) {
	code, out, errOut := runArgs()
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, c := range []struct{ prefix, want string }{
		// Hourly prices by size, converted at the March rates (EXT-07, PRC-03).
		{"ngfw-standard 1", "$1.00 9,54·kr 0,86·€ ¥152 £0.75"},
		{"ngfw-threat-prevention 8", "$10.40 99,25·kr 8,90·€ ¥1,585 £7.81"},
		{"ngfw-byol any", "$0.00 0,00·kr 0,00·€ ¥0 £0.00"}, // PRC-01
		// A month of usage by the minute: 19 min 59 s is 20 minutes.
		{"ips-canary ngfw-threat-prevention 2", "19m59s 20 27,68·kr 9,23·kr"},
		{"fw-dev ngfw-standard 1", "37h2m5s 2,223 9,54·kr 353,46·kr"},
		{"fw-lab ngfw-byol 4", "96h0m0s 5,760 0,00·kr 0,00·kr"},
		{"Total", "107·249,57·kr"},
		// "Plan a virtual machine offer": 1 USD an hour, 30% for 1 year,
		// 50% for 3 years (the table wraps: the savings come second).
		{"ngfw-standard 1 1 year", "$1.00 $8,760.00 $6,132.00"},
		{"ngfw-standard 1 3 years", "$1.00 $26,280.00 $13,140.00"},
		// "Commercial marketplace transact capabilities": the fee is 3% of
		// the software; the infrastructure is all Microsoft's.
		{"1 hour of ngfw-standard, 1 vCPU", "$1.00 $0.14 $1.14"},
		{"1 hour of ngfw-byol, 1 vCPU", "$0.00 $0.14 $0.14"},
		{"1 year reservation of ngfw-standard, 1 vCPU", "$6,132.00 — $6,132.00"},
		{"usage in Sweden, March 2026", "107·249,57·kr — 107·249,57·kr"},
	} {
		if got := fields(t, out, strings.Fields(c.prefix)...); got != c.want {
			t.Errorf("%s: got %q, want %q", c.prefix, got, c.want)
		}
	}
	for _, want := range []string{
		"ngfw-standard 1 1 year $2,628.00 (30%) 12 × $511.00", "ngfw-standard 1 3 years $13,140.00 (50%) 36 × $365.00",
		"1 hour of ngfw-standard, 1 vCPU $0.03 (3%) $0.97 $0.17",
		"usage in Sweden, March 2026 3·217,49·kr (3%) 104·032,08·kr 3·217,49·kr",
		`Plan "ngfw-standard" in Sweden: a 1-vCPU VM costs SEK·9.54 per hour`,
		`Plan "ngfw-standard" in the United States: a software reservation`,
		"24,758 minutes at SEK·18.13 per hour",
		"× 8,760 hours × (1 − 0.30) = $6,132.00 (EXT-07)",
		"3% of the license fee $1.00 is $0.03 (rounded half-even); the publisher's share is $0.97.",
		"BYOL: Microsoft bills no license fee and keeps 0% of it",
		"Billed monthly in arrears, on 2026-04-01 (PRC-07)",
	} {
		if !strings.Contains(flat(out), flat(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestSwedishAndOtherMarkets(t *testing.T) {
	code, out, _ := runArgs("-lang", "sv", "-market", "NO", "-markets", "US,AU,CH")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if got := fields(t, out, "ngfw-standard", "4"); got != "$3.60 $5.43 CHF·2.87" {
		t.Errorf("hourly 4 vCPUs: %q", got)
	}
	for _, want := range []string{"En månads användning i Norge, mars 2026", "Butikstjänstavgift: 3·% av licensavgiften",
		"programvarureservation på 1 år", "avrundat halvt till jämnt", "× (1 − 0,30)", "Summa", "Körtid", "Sparar"} {
		if !strings.Contains(flat(out), flat(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestOwnInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	usage := write("usage.csv", "\uFEFFVM,Plan,vCPUs,Runtime\r\nvm-1,ngfw-standard,16,90s\r\n")
	if code, out, _ := runArgs("-usage", usage); code != 0 || fields(t, out, "vm-1") != "ngfw-standard 16 1m30s 2 122,16·kr 4,07·kr" {
		t.Errorf("exit %d\n%s", code, out)
	}
	if code, out, _ := runStdin("vm,plan,vcpus,runtime\nvm-2,ngfw-standard,1,1h\n", "-usage", "-"); code != 0 || fields(t, out, "vm-2") != "ngfw-standard 1 1h0m0s 60 9,54·kr 9,54·kr" {
		t.Errorf("stdin: exit %d\n%s", code, out)
	}
	// An empty usage file: no total of nothing, no billing date of year 1.
	empty := write("empty-usage.csv", "vm,plan,vcpus,runtime\n")
	code, out, errOut := runArgs("-usage", empty)
	if code != 0 || errOut != "" || !strings.Contains(out, empty+" lists no VMs: nothing to bill for the month.") ||
		strings.Contains(out, "Total") || strings.Contains(out, "0001-01-01") || strings.Contains(out, "\n  usage in Sweden") {
		t.Errorf("empty usage: exit %d, stderr %q\n%s", code, errOut, out)
	}
	// A size the plan does not price is a problem with its rule.
	odd := write("odd.csv", "vm,plan,vcpus,runtime\nvm-1,ngfw-standard,3,1h\n")
	if code, out, errOut := runArgs("-usage", odd); code != 1 || out != "" || !strings.HasPrefix(errOut, "vm-pricing: ") {
		t.Errorf("unpriced size: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	saas := filepath.Join("..", "..", "offer", "testdata", "saas-offer.json")
	if code, _, errOut := runArgs(saas); code != 1 || errOut != "vm-pricing: "+saas+": contoso-notify is an offer of type saas, not a virtual machine\n" &&
		!strings.Contains(errOut, "not a virtual machine") {
		t.Errorf("SaaS offer: exit %d, stderr %q", code, errOut)
	}
}

// TestBadInput: each failure, its message and its exit status, and
// nothing on stdout.
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
	bad := write("bad-usage.csv", "vm,plan,vcpus,runtime\nvm-1,gold,four,1 hour\n")
	header := write("header.csv", "vm;plan\n")
	empty := write("empty.csv", "")
	rates := write("rates.csv", "as_of,from,to,rate\n2026-03-02,USD,EUR,0.86\n")
	ratesHeader := write("rates-header.csv", "as_of,from,to\n")
	invalid := write("invalid.json", strings.Replace(sampleOffer, `"ngfw-standard"`, `"NGFW Standard"`, 1))
	malformed := write("malformed.json", "{\n  \"id\": \"x\",\n  oops\n}\n")
	for _, tc := range []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"-usage", bad}, 1, "vm-pricing: " + bad + ": 3 problems\n  " + bad + " line 2, column plan: no plan \"gold\" in the offers\n  " +
			bad + " line 2, column vcpus: \"four\" is not a number of vCPUs (a whole number, 1 or more)\n  " +
			bad + " line 2, column runtime: \"1 hour\" is not a runtime (a duration such as 412h37m30s, not negative)\n"},
		{[]string{"-lang", "sv", "-usage", bad}, 1, "vm-pricing: " + bad + ": 3 problem\n  " + bad + " rad 2, kolumn plan: ingen plan \"gold\" i erbjudandena\n"},
		{[]string{"-usage", header}, 2, "vm-pricing: " + header + " line 1: the header must be \"vm,plan,vcpus,runtime\", not \"vm;plan\"\n"},
		{[]string{"-usage", empty}, 2, "vm-pricing: " + empty + ": empty; the first line must be the header \"vm,plan,vcpus,runtime\"\n"},
		{[]string{"-rates", rates}, 1, "vm-pricing: " + rates + ": no USD → SEK exchange rate, needed for Sweden\n"},
		{[]string{"-lang", "sv", "-rates", rates}, 1, "vm-pricing: " + rates + ": ingen växelkurs USD → SEK, som behövs för Sverige\n"},
		{[]string{"-rates", ratesHeader}, 2, "vm-pricing: " + ratesHeader + ": 1 problem\n  " + ratesHeader + " line 1: header is"},
		{[]string{invalid}, 1, "vm-pricing: " + invalid + ": 1 problem\n  plans[0].id: \"NGFW Standard\""},
		{[]string{malformed}, 2, "vm-pricing: " + malformed + ": malformed JSON at line 3, column 3"},
		{[]string{dir}, 2, "vm-pricing: " + dir + ": is a directory\n"},
		{[]string{filepath.Join(dir, "missing.json")}, 2, "vm-pricing: " + filepath.Join(dir, "missing.json") + ": no such file\n"},
		{[]string{"-market", "XX"}, 2, "vm-pricing: -market: \"XX\" is not a market code\n"},
		{[]string{"-markets", "US,XX"}, 2, "vm-pricing: -markets: \"XX\" is not a market code\n"},
		{[]string{"-usage", "-", "-"}, 2, "vm-pricing: standard input (-) can be read once only\n"},
		{[]string{"-lang", "fi"}, 2, "vm-pricing: -lang: "},
		{[]string{"-nope"}, 2, "vm-pricing: flag provided but not defined: -nope\n"},
	} {
		code, out, errOut := runArgs(tc.args...)
		if code != tc.status || out != "" || !strings.HasPrefix(flat(errOut), flat(tc.want)) {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant %d and\n%s", tc.args, code, out, errOut, tc.status, tc.want)
		}
		if first, _, _ := strings.Cut(errOut, "\n\n"); tc.status == 2 && strings.Contains(first, "(PRC-") {
			t.Errorf("%v: a rule cited on a syntax error: %s", tc.args, errOut)
		}
	}
}

func TestHelp(t *testing.T) {
	code, out, errOut := runArgs("-h")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "vm-pricing: prices a virtual machine offer") ||
		!strings.Contains(out, "usage: vm-pricing [-lang en|sv]") || !strings.Contains(out, "-usage string") {
		t.Errorf("-h: exit %d, stderr %q\n%s", code, errOut, out)
	}
	_, sv, _ := runArgs("-lang", "sv")
	for _, lang := range []string{"sv-SE", "SV"} {
		if code, out, _ := runArgs("-lang", lang); code != 0 || out != sv {
			t.Errorf("-lang %s: exit %d, not the Swedish output", lang, code)
		}
	}
	if code, _, _ := runArgs("-lang", "EN"); code != 0 {
		t.Errorf("-lang EN: exit %d", code)
	}
}

package main

import (
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
		{"ngfw-standard 1", "$1.00 9,54·kr 0,86·€ ￥152 £0.75"},
		{"ngfw-threat-prevention 8", "$10.40 99,25·kr 8,90·€ ￥1,585 £7.81"},
		{"ngfw-byol any", "$0.00 0,00·kr 0,00·€ ￥0 £0.00"}, // PRC-01
		// A month of usage by the minute: 19 min 59 s is 20 minutes.
		{"ips-canary ngfw-threat-prevention 2", "19m59s 20 27,68·kr 9,23·kr"},
		{"fw-dev ngfw-standard 1", "37h2m5s 2,223 9,54·kr 353,46·kr"},
		{"fw-lab ngfw-byol 4", "96h0m0s 5,760 0,00·kr 0,00·kr"},
		{"Total", "107·249,57·kr"},
		// W3: 1 USD an hour, 30% for 1 year, 50% for 3 years.
		{"ngfw-standard 1 1 year", "$1.00 $8,760.00 $6,132.00 $2,628.00 (30%) 12 × $511.00"},
		{"ngfw-standard 1 3 years", "$1.00 $26,280.00 $13,140.00 $13,140.00 (50%) 36 × $365.00"},
		// W1: the fee is 3% of the software; the infrastructure is all Microsoft's.
		{"1 hour of ngfw-standard, 1 vCPU", "$1.00 $0.14 $1.14 $0.03 (3%) $0.97 $0.17"},
		{"1 hour of ngfw-byol, 1 vCPU", "$0.00 $0.14 $0.14 $0.00 $0.00 $0.14"},
		{"1 year reservation of ngfw-standard, 1 vCPU", "$6,132.00 — $6,132.00 $183.96 (3%) $5,948.04 $183.96"},
		{"March 2026 usage in Sweden", "107·249,57·kr — 107·249,57·kr 3·217,49·kr (3%) 104·032,08·kr 3·217,49·kr"},
	} {
		if got := fields(t, out, strings.Fields(c.prefix)...); got != c.want {
			t.Errorf("%s: got %q, want %q", c.prefix, got, c.want)
		}
	}
	for _, want := range []string{
		`Plan "ngfw-standard" in Sweden: a 1-vCPU VM costs SEK·9.54 per hour`,
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
	for _, want := range []string{"A month of usage in Norway", "Butikstjänstavgift: 3·% av licensavgiften", "programvarureservation på 1 år"} {
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
	usage := write("usage.csv", "vm,plan,vcpus,runtime\nvm-1,ngfw-standard,16,90s\n")
	if code, out, _ := runArgs("-usage", usage); code != 0 || fields(t, out, "vm-1") != "ngfw-standard 16 1m30s 2 122,16·kr 4,07·kr" {
		t.Errorf("exit %d\n%s", code, out)
	}

	bad := write("bad-usage.csv", "vm,plan,vcpus,runtime\nvm-1,gold,four,1 hour\n")
	if code, _, errOut := runArgs("-usage", bad); code != 1 || !strings.Contains(errOut, "bad-usage.csv line 2") || !strings.Contains(errOut, `no plan "gold"`) {
		t.Errorf("bad usage: exit %d, stderr %q", code, errOut)
	}
	// A size the plan does not price is a problem with its rule.
	odd := write("odd.csv", "vm,plan,vcpus,runtime\nvm-1,ngfw-standard,3,1h\n")
	if code, _, errOut := runArgs("-usage", odd); code != 1 || errOut == "" {
		t.Errorf("unpriced size: exit %d, stderr %q", code, errOut)
	}
	// A market without a rate.
	rates := write("rates.csv", "as_of,from,to,rate\n2026-03-02,USD,EUR,0.86\n")
	if code, _, errOut := runArgs("-rates", rates); code != 1 || !strings.Contains(errOut, "SEK") {
		t.Errorf("missing rate: exit %d, stderr %q", code, errOut)
	}
	// An offer that is not valid, and one that is not a VM offer.
	invalid := write("invalid.json", strings.Replace(sampleOffer, `"ngfw-standard"`, `"NGFW Standard"`, 1))
	if code, _, errOut := runArgs(invalid); code != 1 || !strings.Contains(errOut, "PLN-01") {
		t.Errorf("invalid offer: exit %d, stderr %q", code, errOut)
	}
	saas := filepath.Join("..", "..", "offer", "testdata", "saas-offer.json")
	if code, _, errOut := runArgs(saas); code != 1 || !strings.Contains(errOut, "not a virtual machine") {
		t.Errorf("SaaS offer: exit %d, stderr %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-lang", "fi"}, {"-market", "XX"}, {"-markets", "US,XX"}, {"-nope"},
		{filepath.Join(t.TempDir(), "missing.json")}, {"-usage", filepath.Join(t.TempDir(), "missing.csv")},
	} {
		if code, _, errOut := runArgs(args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

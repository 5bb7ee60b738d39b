package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func runArgs(stdin string, args ...string) (int, string, string) {
	var out, errOut strings.Builder
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestGolden runs the samples with the answers in each language and
// compares the whole output with testdata/golden.<lang>.txt.
func TestGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			code, out, errOut := runArgs("", "-lang", lang, "-at", "2026-03-01T09:30:00Z", "-answers", "answers.json")
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			path := filepath.Join("testdata", "golden."+lang+".txt")
			if *update {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (run with -update to see):\n%s", path, out)
			}
		})
	}
}

func TestDefaultsAndStdin(t *testing.T) {
	code, out, errOut := runArgs("")
	if code != 0 || errOut != "" || !strings.Contains(out, "6 events to send at 2026-02-28 16:00:00 UTC in 1 batches") {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	in := "resourceId,dimension,time,quantity\nsub-1,emails,2026-02-28T10:15:00Z,1200\n"
	code, out, errOut = runArgs(in, "-")
	if code != 0 || errOut != "" || !strings.Contains(out, "Usage: stdin") || !strings.Contains(out, `"quantity": 200`) {
		t.Fatalf("stdin: exit %d, stderr %q\n%s", code, errOut, out)
	}
	code, out, _ = runArgs(in, "-status", "Suspended", "-")
	if code != 0 || !strings.Contains(out, `the subscription is "Suspended"`) || strings.Contains(out, "POST") {
		t.Errorf("suspended: exit %d\n%s", code, out)
	}
}

func TestHelp(t *testing.T) {
	code, out, errOut := runArgs("", "-h")
	if code != 0 || errOut != "" || !strings.Contains(out, "turns raw usage into hourly metering events") || !strings.Contains(out, "-answers") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-lang", "fi"}, `"fi"`},
		{[]string{"-bogus"}, "flag provided but not defined"},
		{[]string{"-at", "tomorrow"}, `-at: "tomorrow" is not an RFC 3339 instant`},
		{[]string{"no-such.csv"}, "no-such.csv"},
		{[]string{"-plan", "no-such.json"}, "no-such.json"},
		{[]string{"a.csv", "b.csv"}, "usage: metering"},
	} {
		code, _, errOut := runArgs("", tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := "resourceId,dimension,time,quantity\n" +
		"sub-1,emails,2026-02-28T10:15:00Z,5\n" +
		"sub-1,emails,2026-02-28T10:20:00Z,-2\n" +
		"sub-1,sms,2026-02-28T10:20:00Z,1\n" +
		"sub-1,emails,yesterday,1\n"
	for _, tt := range []struct {
		name string
		args []string
		want []string
	}{
		{"rows", []string{write("bad.csv", bad)}, []string{
			"bad.csv line 3: the quantity -2 is not above zero (MTR-01)",
			`bad.csv line 4: dimension "sms" is not one of the plan's (MTR-01)`,
			`bad.csv line 5, column time: "yesterday" is not an instant (RFC 3339) (MTR-01)`}},
		{"header", []string{write("h.csv", "who,what\n")}, []string{`h.csv line 1: the header has no column "dimension" (MTR-01)`}},
		{"plan", []string{"-plan", write("p.json", `{"planId":"basic","term":"P1M","extra":1}`)}, []string{`unknown field "extra"`}},
		{"term", []string{"-plan", write("t.json", `{"planId":"basic","term":"PT1H","start":"2026-01-31T14:30:00Z","meters":[{"dimension":"emails","price":"1","included":0}]}`)},
			[]string{"term: the term PT1H has no renewals to count included quantities by (MTR-03)"}},
		{"answers", []string{"-answers", write("a.json", `[]`)}, []string{"0 answers for 1 batches"}},
		{"answer body", []string{"-answers", write("b.json", `[{"httpStatus":200,"body":{"result":[{"quantity":"lots"}]}}]`)}, []string{`result[0].quantity: "\"lots\"" is not a valid quantity (MTR-01)`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runArgs("", tt.args...)
			if code != 1 {
				t.Errorf("exit %d, want 1; stderr %q", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
}

package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func runArgs(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestGolden runs the samples in each language and compares the output
// with testdata/golden.<lang>.txt (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		code, out, errOut := runArgs(t, "", "-lang", lang)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", lang, code, errOut)
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
			t.Errorf("%s: output differs from %s (go test -update rewrites it):\n%s", lang, path, out)
		}
	}
}

func TestSampleStory(t *testing.T) {
	_, out, _ := runArgs(t, "")
	for _, want := range []string{
		"FUL-05 awaits-answer", "PATCH Success by 2024-02-12T09:30:10Z",
		"FUL-10 repeated", "term 2024-02-29 – 2024-03-31",
		"cancelled on 2024-04-02T06:00:00Z", "PATCH Failure by 2024-03-04T08:00:10Z",
		"FUL-04 unknown-action", "until at least 2024-03-15T16:20:00Z", "FUL-04 final",
		"10 calls: 6 applied, 4 not applied, 0 with problems.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestLanguageVariants(t *testing.T) {
	_, sv, _ := runArgs(t, "", "-lang", "sv")
	for _, lang := range []string{"sv-SE", "SV", "sv_FI"} {
		if code, out, _ := runArgs(t, "", "-lang", lang); code != 0 || out != sv {
			t.Errorf("-lang %s: exit %d, not the Swedish output", lang, code)
		}
	}
	_, en, _ := runArgs(t, "")
	if code, out, _ := runArgs(t, "", "-lang", "EN"); code != 0 || out != en {
		t.Errorf("-lang EN: exit %d", code)
	}
	if !strings.Contains(sv, "Svar: HTTP 200, sedan PATCH Success senast") {
		t.Errorf("Swedish output:\n%s", sv)
	}
}

func TestBadBodyExitsOne(t *testing.T) {
	code, out, errOut := runArgs(t, "", filepath.Join("testdata", "bad-missing-id.json"))
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"id: the operation ID is missing (FUL-12)",
		"subscriptionId: the subscription ID is missing (FUL-12)",
		`subscription.saasSubscriptionStatus: unknown subscription status "Paused" (FUL-01)`,
		"subscription.term.endDate: the term ends 2024-02-01 00:00:00 UTC, before it starts 2024-03-01 00:00:00 UTC (FUL-11)",
		"1 calls: 0 applied, 0 not applied, 1 with problems.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runArgs(t, "", "-lang", "sv", filepath.Join("testdata", "bad-missing-id.json"))
	if code != 1 || !strings.Contains(out, "id: åtgärdens ID saknas") && !strings.Contains(out, "saknas") {
		t.Errorf("Swedish: exit %d\n%s", code, out)
	}
	// A call before the subscription's creation, and malformed JSON.
	code, out, _ = runArgs(t, `{"id":"o","subscriptionId":"s","action":"Renew","timeStamp":"2020-01-01T00:00:00Z","subscription":{"id":"s","created":"2024-01-01T00:00:00Z"}}`, "-")
	if code != 1 || !strings.Contains(out, "timeStamp: time stamp 2020-01-01 00:00:00 UTC is before the subscription's creation") {
		t.Errorf("before creation: exit %d\n%s", code, out)
	}
	code, out, _ = runArgs(t, `{"id":`, "-")
	if code != 1 || !strings.Contains(out, "malformed JSON") {
		t.Errorf("malformed: exit %d\n%s", code, out)
	}
	code, out, _ = runArgs(t, `{"id":"s","saasSubscriptionStatus":"Paused"}`, "-state", "-", "01-changeplan.json")
	if code != 1 || !strings.Contains(out, `unknown subscription status "Paused"`) {
		t.Errorf("bad -state: exit %d\n%s", code, out)
	}
}

func TestStdinAndState(t *testing.T) {
	body, err := os.ReadFile("05-suspend.json")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runArgs(t, string(body), "-state", "subscription.json", "-")
	if code != 0 || errOut != "" || !strings.Contains(out, "1. stdin: Suspend") || !strings.Contains(out, "State: Suspended") {
		t.Errorf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	// Without -state the first call's own subscription is the start.
	code, out, _ = runArgs(t, "", "07-reinstate.json")
	if code != 0 || !strings.Contains(out, "Before the first call: Suspended") || !strings.Contains(out, "FUL-07 reinstated") {
		t.Errorf("derived state: exit %d\n%s", code, out)
	}
}

func TestHelpAndUsage(t *testing.T) {
	code, out, errOut := runArgs(t, "", "-h")
	if code != 0 || errOut != "" || !strings.Contains(out, "usage: saas-webhook") || !strings.Contains(out, "-state") {
		t.Errorf("-h: exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, args := range [][]string{
		{"-lang", "de"}, {"-nope"}, {"-", "-"}, {"-state", "-", "-"}, {filepath.Join(t.TempDir(), "missing.json")}, {t.TempDir()},
		{"-state", filepath.Join(t.TempDir(), "missing.json")},
	} {
		if code, _, errOut := runArgs(t, "", args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	big := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(big, make([]byte, 2<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runArgs(t, "", big); code != 2 || !strings.Contains(errOut, "longer than") {
		t.Errorf("big: exit %d, stderr %q", code, errOut)
	}
}

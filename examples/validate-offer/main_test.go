package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestSampleIsValid(t *testing.T) {
	code, out, errOut := runArgs(t)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, want := range []string{"northwind-hardened-ubuntu (Azure virtual machine, 4 plans) is valid under the default policy",
		"ubuntu-22-04-cis-l2", "private (2 subscriptions)", "3 months", "1 year reservation −0.30"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestInvalidOfferExitsOne(t *testing.T) {
	path := filepath.Join("..", "..", "offer", "testdata", "invalid-offer.json")
	code, out, _ := runArgs(t, path)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	for _, want := range []string{"problems; Partner Center would not accept it", "PLN-01", "plans[0].id", "The rules cited:",
		"PLN-01  A plan ID is unique within the offer"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	code, out, _ = runArgs(t, "-lang", "sv", path)
	if code != 1 || !strings.Contains(out, "får bara innehålla gemener") || !strings.Contains(out, "Ett plan-ID är unikt") {
		t.Errorf("Swedish: exit %d\n%s", code, out)
	}
}

func TestMalformedJSONIsInvalid(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(path, []byte(`{"id":"x","type":"saas","colour":"blue"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runArgs(t, path)
	if code != 1 || !strings.Contains(out, `unknown field "colour"`) {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-lang", "de"}, {"-policy", "2099"}, {"a.json", "b.json"}, {"-nope"},
		{filepath.Join(t.TempDir(), "missing.json")},
	} {
		if code, _, errOut := runArgs(t, args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

func TestPolicy2023(t *testing.T) {
	code, out, _ := runArgs(t, "-policy", "2023")
	if code != 0 || !strings.Contains(out, "valid under the 2023 policy") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

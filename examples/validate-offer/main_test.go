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

// A product-ingestion resource tree is recognized by its $schema and
// resources and validated like an offer's own JSON.
func TestResourceTree(t *testing.T) {
	code, out, errOut := runArgs(t, "offer-tree.json")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, want := range []string{"contoso-hardened-ubuntu (Azure virtual machine, 3 plans) is valid under the default policy",
		"private (1 subscriptions)", "hidden", "1 year reservation −0.30", "3 months",
		"Read from a product-ingestion resource tree: 12 resources, 10 of them mapped to the offer (ING-01).",
		"Kept as they are, without mapping (1):", ".priceAdjustments"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// What a tree cannot map, and what the offer rules refuse, are problems
// with the resource and field path.
func TestResourceTreeProblems(t *testing.T) {
	data, err := os.ReadFile("offer-tree.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bad := strings.Replace(string(data), `"markets": [
        "us"
      ]`, `"markets": [
        "us",
        "zz"
      ]`, 1)
	bad = strings.Replace(bad, `"2core": 0.06`, `"2core": 0.065`, 1)
	path := filepath.Join(dir, "tree.json")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runArgs(t, path)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	for _, want := range []string{"ING-01", `.markets[1]`, `"zz" is not a market`, "ING-02", "pricePerCoreSize.2core"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Valid tree, invalid offer: one pricing model across plans (OFR-06).
	mixed := strings.Replace(string(data), `"priceInputOption": "perCoreSize",
          "pricePerCoreSize": {
            "4core": 0.14,
            "16core": 0.5
          }`, `"priceInputOption": "perCore",
          "pricePerCore": 0.04`, 1)
	if err := os.WriteFile(path, []byte(mixed), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runArgs(t, path)
	if code != 1 || !strings.Contains(out, "OFR-06") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// A tree is recognized by its resources or by an ingestion $schema alone;
// anything else is read as the offer's own JSON.
func TestIsResourceTree(t *testing.T) {
	for in, want := range map[string]bool{
		`{"resources":[]}`: true, `{"resources":[{}]}`: true,
		`{"$schema":"https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2"}`:             true,
		`{"$schema":"https://product-ingestion.azureedge.net/schema/resource-tree/2022-03-01-preview2"}`: true,
		`{"id":"x"}`: false, `{`: false, "\ufeff{\"resources\":[1]}": true,
	} {
		if got := isResourceTree([]byte(in)); got != want {
			t.Errorf("isResourceTree(%s) = %v, want %v", in, got, want)
		}
	}
	// A tree with nothing unknown says so by listing nothing.
	code, out, _ := runArgs(t, filepath.Join("..", "..", "offer", "ingestion", "testdata", "vm-tree.json"))
	if code != 0 || strings.Contains(out, "Kept as they are") || !strings.Contains(out, "12 resources, 10 of them mapped") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

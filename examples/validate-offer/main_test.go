package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/examples/internal/textout"
)

func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// flat is s with every run of white space one space, so that a test finds
// a sentence the program wrapped.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestSampleIsValid(t *testing.T) {
	code, out, errOut := runArgs(t)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, want := range []string{"northwind-hardened-ubuntu (Azure virtual machine, 4 plans) is valid under the default policy",
		"ubuntu-22-04-cis-l2", "private (2 subscriptions)", "3 months", "1 year reservation −0.30"} {
		if !strings.Contains(flat(out), want) {
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
		"PLN-01 A plan ID is unique within the offer"} {
		if !strings.Contains(flat(out), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, lang := range []string{"en", "sv"} {
		_, out, _ := runArgs(t, "-lang", lang, path)
		for i, line := range strings.Split(out, "\n") {
			if n := textout.Width(line); n >= 100 {
				t.Errorf("-lang %s: line %d is %d columns: %q", lang, i+1, n, line)
			}
		}
	}
	code, out, _ = runArgs(t, "-lang", "sv", path)
	if code != 1 || !strings.Contains(flat(out), "får bara innehålla gemener") || !strings.Contains(flat(out), "Ett plan-ID är unikt") {
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
	if code != 1 || !strings.Contains(flat(out), `unknown field "colour"`) {
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
	if code != 0 || !strings.Contains(flat(out), "valid under the 2023 policy") {
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
		"private (1 subscription)", "hidden", "1 year reservation −0.30", "3 months",
		"Read from a product-ingestion resource tree: 12 resources, 10 of them mapped to the offer (ING-01).",
		"Kept as they are, without mapping (1):", ".priceAdjustments"} {
		if !strings.Contains(flat(out), want) {
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
		if !strings.Contains(flat(out), want) {
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
	if code != 1 || !strings.Contains(flat(out), "OFR-06") {
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
	if code != 0 || strings.Contains(flat(out), "Kept as they are") || !strings.Contains(flat(out), "12 resources, 10 of them mapped") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The program's whole output for the sample, in each language, is kept in
// testdata so that a change in it is reviewed, not accidental
// (go test -update rewrites the files).
func TestGolden(t *testing.T) {
	for _, tc := range []struct{ lang, file string }{{"en", "golden.en.txt"}, {"sv", "golden.sv.txt"}} {
		for _, in := range []string{"", "offer-tree.json"} {
			args := []string{"-lang", tc.lang}
			file := tc.file
			if in != "" {
				args = append(args, in)
				file = "tree." + tc.file
			}
			code, out, errOut := runArgs(t, args...)
			if code != 0 || errOut != "" {
				t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
			}
			path := filepath.Join("testdata", file)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("%v: output differs from %s (go test -update rewrites it):\n%s", args, path, out)
			}
			for i, line := range strings.Split(out, "\n") {
				if n := textout.Width(line); n >= 100 {
					t.Errorf("%v: line %d is %d columns: %q", args, i+1, n, line)
				}
			}
		}
	}
}

// The family's command line: -h says what the program does, exit 0.
func TestHelp(t *testing.T) {
	code, out, errOut := runArgs(t, "-h")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "validate-offer: says whether Partner Center would accept an offer") ||
		!strings.Contains(flat(out), "usage: validate-offer [-lang en|sv]") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

// Malformed JSON is a failure to read (exit 2) with its line and column,
// citing no rule; an offer that breaks rules exits 1.
func TestMalformedJSONExitsTwo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(path, []byte("{\"id\": \"x\",\n \"type\": }"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runArgs(t, path)
	want := "validate-offer: " + path + ": malformed JSON at line 2, column 10"
	if code != 2 || out != "" || !strings.HasPrefix(errOut, want) || strings.Count(errOut, "validate-offer:") != 1 {
		t.Errorf("exit %d, stdout %q, stderr %q; want the prefix %q", code, out, errOut, want)
	}
	code, _, errOut = runArgs(t, "-lang", "sv", path)
	if code != 2 || !strings.Contains(errOut, "felaktig JSON på rad 2, kolumn 10") {
		t.Errorf("Swedish: exit %d, stderr %q", code, errOut)
	}
}

// "-" reads standard input; a directory is a failure to read, exit 2.
func TestStdinAndDirectory(t *testing.T) {
	var out, errOut strings.Builder
	code := run([]string{"-"}, strings.NewReader(sample), &out, &errOut)
	if code != 0 || !strings.HasPrefix(out.String(), "standard input: northwind-hardened-ubuntu") {
		t.Errorf("stdin: exit %d, stderr %q\n%s", code, errOut.String(), out.String())
	}
	dir := t.TempDir()
	code, _, msg := runArgs(t, dir)
	if code != 2 || msg != "validate-offer: "+dir+": is a directory\n" {
		t.Errorf("directory: exit %d, stderr %q", code, msg)
	}
}

// One problem is "1 problem"; sv-SE and EN are languages.
func TestPluralAndLanguageTags(t *testing.T) {
	path := filepath.Join(t.TempDir(), "one.json")
	if err := os.WriteFile(path, []byte(`{"id":"x","type":"saas","colour":"blue"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ := runArgs(t, "-lang", "EN", path)
	if !strings.Contains(flat(out), ": 1 problem; Partner Center") || strings.Contains(flat(out), "The rules cited:") {
		t.Errorf("one rule-less problem:\n%s", out)
	}
	if code, out, _ := runArgs(t, "-lang", "sv-SE"); code != 0 || !strings.Contains(flat(out), "är giltigt enligt policyn standard") {
		t.Errorf("sv-SE: exit %d\n%s", code, out)
	}
}

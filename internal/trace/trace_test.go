package trace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Every rule of the rulebook has a test that names it. When this fails,
// write the missing test (named TestXXXnn_… or with a "XXX-nn" comment)
// before adding code for the rule.
func TestEveryRuleHasATest(t *testing.T) {
	m, err := Scan(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if missing := Untested(m); len(missing) > 0 {
		t.Errorf("%d rules have no test that names them: %v", len(missing), missing)
	}
}

// TRACEABILITY.md is what the source says now.
func TestTraceabilityFileIsCurrent(t *testing.T) {
	m, err := Scan(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", "TRACEABILITY.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := Markdown(m); string(got) != string(want) {
		t.Errorf("TRACEABILITY.md is stale: run go generate ./internal/trace")
	}
}

// Scan finds rule IDs in test names, test comments and strings, and
// rule.XXXnn uses in code; it ignores other functions of test files,
// the rule package's own tests, testdata and the bench module.
func TestScan(t *testing.T) {
	root := t.TempDir()
	write := func(path, src string) {
		t.Helper()
		full := filepath.Join(root, path)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module x\n")
	write("pkg/code.go", `package pkg

import "x/rule"

type T struct{}

var msg = rule.PLN02

func (t *T) Check() { _ = rule.PLN01; _ = rule.NotAnID }

func helper() { _ = "PLN-03 is not a use" }
`)
	write("pkg/code_test.go", `package pkg

import "testing"

func TestPLN01_ID(t *testing.T) {}

// A test whose doc names PLN-04.
func TestSomething(t *testing.T) { _ = "and its body names PLN-05" }

func helperFunc() { _ = "PLN-06 in a helper is not a test" }

func ExampleT_Check() {
	// PLN-07
}

func FuzzPLN08(f *testing.F) {}
`)
	write("rule/rule_test.go", `package rule
import "testing"
func TestRulebook(t *testing.T) { _ = "PLN-09" }
`)
	write("pkg/testdata/x_test.go", "package x\nfunc TestPLN10_X(t *testing.T) {}\n")
	write("bench/b_test.go", "package b\nfunc TestPLN11_X(t *testing.T) {}\n")
	m, err := Scan(root)
	if err != nil {
		t.Fatal(err)
	}
	wantCode := map[string][]Ref{"PLN-01": {{"pkg", "T.Check"}}, "PLN-02": {{"pkg", "msg"}}}
	if diff := cmp.Diff(wantCode, m.Code); diff != "" {
		t.Errorf("code (-want +got):\n%s", diff)
	}
	wantTests := map[string][]Ref{
		"PLN-01": {{"pkg", "TestPLN01_ID"}},
		"PLN-04": {{"pkg", "TestSomething"}},
		"PLN-05": {{"pkg", "TestSomething"}},
		"PLN-07": {{"pkg", "ExampleT_Check"}},
		"PLN-08": {{"pkg", "FuzzPLN08"}},
	}
	if diff := cmp.Diff(wantTests, m.Tests); diff != "" {
		t.Errorf("tests (-want +got):\n%s", diff)
	}
	md := string(Markdown(m))
	if !strings.Contains(md, "| PLN-01 | ") || !strings.Contains(md, "`pkg.T.Check`") || !strings.Contains(md, "`pkg.TestPLN01_ID`") {
		t.Errorf("Markdown lacks PLN-01's row:\n%s", md)
	}
	if u := Untested(m); !slices.Contains(u, "PLN-02") || slices.Contains(u, "PLN-01") {
		t.Errorf("Untested = %v", u)
	}
	write("pkg/broken.go", "package pkg\nfunc (")
	if _, err := Scan(root); err == nil {
		t.Error("Scan of a file that does not parse: no error")
	}
}

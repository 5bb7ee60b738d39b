// Package trace maps every rule of the rulebook to the code that encodes
// it and the tests that prove it, by reading the module's Go source: a
// rule is encoded where non-test code uses its rule.ID constant (rule.PLN01)
// and proved by every Test, Fuzz or Example function that names it (in its
// name, TestPLN01_…, or as "PLN-01" in its doc comment, its comments or
// its strings). It is a development tool: the traceability test and the
// TRACEABILITY.md generator use it; the library never imports it.
package trace

//go:generate go run ../tools/gentrace -root ../.. -out ../../TRACEABILITY.md

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/marketrules/marketrules/rule"
)

var (
	idText  = regexp.MustCompile(`\b([A-Z]{3})-(\d{2})\b`)
	idConst = regexp.MustCompile(`^([A-Z]{3})(\d{2})$`)
	idName  = regexp.MustCompile(`^(?:Test|Fuzz|Example|Benchmark)_?([A-Z]{3})(\d{2})(?:_|$)`)
)

// Ref is a place in the source: a package-relative function or type.
type Ref struct {
	Pkg  string // directory relative to the module root, "plan"
	Name string // "Plan.Validate", "TestPLN01_PlanID"
}

func (r Ref) String() string { return r.Pkg + "." + r.Name }

// Map is the traceability of the module.
type Map struct {
	Code  map[string][]Ref // rule ID → code
	Tests map[string][]Ref // rule ID → tests
}

// Scan reads every .go file under root, skipping testdata, bench (its own
// module) and internal/tools and internal/trace themselves.
func Scan(root string) (Map, error) {
	m := Map{Code: map[string][]Ref{}, Tests: map[string][]Ref{}}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			switch {
			case d.Name() == "testdata", rel == "bench", rel == "internal/tools", rel == "internal/trace", strings.HasPrefix(d.Name(), "."):
				if rel != "." {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(rel))
		isTest := strings.HasSuffix(path, "_test.go")
		if isTest && pkg == "rule" {
			return nil // the rulebook's own tests list IDs as data; they prove no rule
		}
		for _, decl := range f.Decls {
			name, ids := declIDs(fset, decl, src, isTest)
			for _, id := range ids {
				ref := Ref{Pkg: pkg, Name: name}
				if isTest {
					m.Tests[id] = appendUnique(m.Tests[id], ref)
				} else {
					m.Code[id] = appendUnique(m.Code[id], ref)
				}
			}
		}
		return nil
	})
	for _, refs := range []map[string][]Ref{m.Code, m.Tests} {
		for id := range refs {
			slices.SortFunc(refs[id], func(a, b Ref) int { return strings.Compare(a.String(), b.String()) })
		}
	}
	return m, err
}

func appendUnique(refs []Ref, r Ref) []Ref {
	if slices.Contains(refs, r) {
		return refs
	}
	return append(refs, r)
}

// declIDs returns a declaration's name and the rule IDs it names: for
// tests, Test/Fuzz/Example functions naming an ID in their name, doc,
// comments or strings; for code, functions, methods, and package-level
// var, const and type declarations that use rule.XXXnn constants.
func declIDs(fset *token.FileSet, decl ast.Decl, src []byte, isTest bool) (string, []string) {
	var name string
	var ids []string
	add := func(area, num string) {
		id := area + "-" + num
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	switch d := decl.(type) {
	case *ast.FuncDecl:
		name = d.Name.Name
		if d.Recv != nil && len(d.Recv.List) > 0 {
			name = recvName(d.Recv.List[0].Type) + "." + name
		}
		if isTest {
			if !strings.HasPrefix(d.Name.Name, "Test") && !strings.HasPrefix(d.Name.Name, "Fuzz") && !strings.HasPrefix(d.Name.Name, "Example") {
				return name, nil
			}
			if m := idName.FindStringSubmatch(d.Name.Name); m != nil {
				add(m[1], m[2])
			}
			// Doc comment, body comments and strings: the whole source
			// text of the declaration.
			start := d.Pos()
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
			text := src[fset.Position(start).Offset:fset.Position(d.End()).Offset]
			for _, m := range idText.FindAllSubmatch(text, -1) {
				add(string(m[1]), string(m[2]))
			}
		}
	case *ast.GenDecl:
		if isTest {
			return "", nil
		}
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				name = s.Name.Name
			case *ast.ValueSpec:
				if name == "" && len(s.Names) > 0 {
					name = s.Names[0].Name
				}
			}
		}
	}
	if !isTest {
		ast.Inspect(decl, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "rule" {
				if m := idConst.FindStringSubmatch(sel.Sel.Name); m != nil {
					add(m[1], m[2])
				}
			}
			return true
		})
	}
	return name, ids
}

func recvName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return recvName(t.X)
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		return recvName(t.X)
	}
	return "?"
}

// Markdown renders the map as TRACEABILITY.md: one row per rule of the
// rulebook, in its order.
func Markdown(m Map) []byte {
	var b strings.Builder
	b.WriteString("# Traceability\n\n")
	b.WriteString("Every rule of the rulebook (`rule/data/rulebook.csv`), the code that encodes it\n")
	b.WriteString("(functions and declarations that use its `rule.ID` constant) and the tests that prove it\n")
	b.WriteString("(Test, Fuzz and Example functions that name it). Generated by `go run ./internal/tools/gentrace`;\n")
	b.WriteString("`go test ./internal/trace` fails when this file is stale or a rule has no test.\n\n")
	b.WriteString("| Rule | Statement | Code | Tests |\n|---|---|---|---|\n")
	for r := range rule.All() {
		id := string(r.ID)
		b.WriteString("| " + id + " | " + escape(r.English) + " | " + refs(m.Code[id]) + " | " + refs(m.Tests[id]) + " |\n")
	}
	return []byte(b.String())
}

func refs(rs []Ref) string {
	if len(rs) == 0 {
		return "—"
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = "`" + r.String() + "`"
	}
	return strings.Join(parts, "<br>")
}

func escape(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// Untested returns the rules of the rulebook that no test names, in the
// rulebook's order.
func Untested(m Map) []rule.ID {
	var out []rule.ID
	for r := range rule.All() {
		if len(m.Tests[string(r.ID)]) == 0 {
			out = append(out, r.ID)
		}
	}
	return out
}

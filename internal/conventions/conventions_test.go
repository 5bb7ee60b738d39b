package conventions_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// pkgInfo is a public package of the module.
type pkgInfo struct{ path, dir string }

// typeInfo is an exported type of a public package.
type typeInfo struct {
	pkg, name string
	t         reflect.Type
}

// violation is one break of a convention: a stable key, which the
// allow-list names, and what exactly is wrong.
type violation struct{ key, detail string }

// check runs one convention's check and compares what it finds with the
// allow-list: a violation not allowed fails the test; an allowed one that
// no longer occurs is logged, so the list can shrink.
func check(t *testing.T, prefix string, found []violation) {
	t.Helper()
	checked = append(checked, prefix)
	for _, v := range found {
		allFound[v.key] = true
	}
	if *syncAllowList {
		return
	}
	seen := map[string]bool{}
	var unexpected []string
	for _, v := range found {
		if seen[v.key] {
			continue
		}
		seen[v.key] = true
		if _, ok := allowed[v.key]; !ok {
			unexpected = append(unexpected, v.key+"\n\t"+v.detail)
		}
	}
	sort.Strings(unexpected)
	for _, u := range unexpected {
		t.Errorf("new violation: %s", u)
	}
	var gone []string
	for k := range allowed {
		if strings.HasPrefix(k, prefix) && !seen[k] {
			gone = append(gone, k)
		}
	}
	sort.Strings(gone)
	for _, k := range gone {
		t.Logf("fixed, remove from the allow-list: %s", k)
	}
	if testing.Verbose() {
		keys := make([]string, 0, len(seen))
		for k := range seen {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			t.Logf("violation: %s", k)
		}
	}
}

// The registry lists every exported type of every public package: a type
// added since the last go generate fails here.
func TestRegistryIsCurrent(t *testing.T) {
	have := map[string]bool{}
	for _, ti := range registry {
		have[ti.pkg+"."+ti.name] = true
	}
	for _, p := range packages {
		for _, name := range exportedTypes(t, p.dir) {
			if !have[p.dir+"."+name] {
				t.Errorf("%s.%s is not in the registry: run go generate ./internal/conventions", p.dir, name)
			}
		}
	}
}

func exportedTypes(t *testing.T, dir string) []string {
	var names []string
	for _, f := range parseDir(t, dir, false) {
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
				for _, s := range g.Specs {
					if ts := s.(*ast.TypeSpec); ts.Name.IsExported() && ts.TypeParams == nil {
						names = append(names, ts.Name.Name)
					}
				}
			}
		}
	}
	return names
}

// parseDir parses a package directory (relative to the module root) with
// comments: its non-test files, and with examples also its example test
// files.
func parseDir(t *testing.T, dir string, examples bool) map[string]*ast.File {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, filepath.Join("..", "..", dir), func(fi fs.FileInfo) bool {
		n := fi.Name()
		return !strings.HasSuffix(n, "_test.go") || (examples && strings.HasPrefix(n, "example"))
	}, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*ast.File{}
	for _, p := range pkgs {
		for name, f := range p.Files {
			files[filepath.Base(name)] = f
		}
	}
	return files
}

// skip reports whether t is a kind JSON cannot carry at all.
func skip(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Func, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
		return true
	}
	return false
}

// Convention 5: the zero value of every exported type marshals to JSON and
// round-trips: it decodes without error and encodes again to the same
// bytes.
func TestZeroValuesMarshalAndRoundTrip(t *testing.T) {
	var found []violation
	for _, ti := range registry {
		if skip(ti.t) {
			continue
		}
		name := ti.pkg + "." + ti.name
		b, err := json.Marshal(reflect.New(ti.t).Interface())
		if err != nil {
			found = append(found, violation{"zero-marshal " + name, err.Error()})
			continue
		}
		back := reflect.New(ti.t)
		if err := json.Unmarshal(b, back.Interface()); err != nil {
			found = append(found, violation{"zero-roundtrip " + name, fmt.Sprintf("%s does not decode: %v", b, err)})
			continue
		}
		again, err := json.Marshal(back.Interface())
		if err != nil || !bytes.Equal(again, b) {
			found = append(found, violation{"zero-roundtrip " + name, fmt.Sprintf("%s decodes and encodes as %s, %v", b, again, err)})
		}
	}
	check(t, "zero-", found)
}

var camel = regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarsh   = reflect.TypeFor[encoding.TextUnmarshaler]()
	stringer      = reflect.TypeFor[fmt.Stringer]()
	errorType     = reflect.TypeFor[error]()
)

func customJSON(t reflect.Type) bool {
	return t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) ||
		t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler)
}

// Convention 6: JSON keys are camelCase, for the fields of structs encoded
// by encoding/json and for the keys a custom MarshalJSON writes for the
// zero value.
func TestJSONKeysCamelCase(t *testing.T) {
	var found []violation
	for _, ti := range registry {
		name := ti.pkg + "." + ti.name
		if ti.t.Implements(errorType) || reflect.PointerTo(ti.t).Implements(errorType) {
			continue // errors are not encoded
		}
		if ti.t.Kind() == reflect.Struct && !customJSON(ti.t) {
			for _, k := range structKeys(ti.t) {
				if !camel.MatchString(k) {
					found = append(found, violation{"json-key " + name + "." + k, fmt.Sprintf("key %q is not camelCase", k)})
				}
			}
			continue
		}
		if skip(ti.t) || !customJSON(ti.t) {
			continue
		}
		b, err := json.Marshal(reflect.New(ti.t).Interface())
		if err != nil {
			continue // reported by the zero-value test
		}
		var v any
		if json.Unmarshal(b, &v) == nil {
			for _, k := range objectKeys(v) {
				if !camel.MatchString(k) {
					found = append(found, violation{"json-key " + name + "." + k, fmt.Sprintf("MarshalJSON writes key %q", k)})
				}
			}
		}
	}
	check(t, "json-key ", found)
}

// structKeys returns the JSON keys of a struct's exported fields, with
// embedded structs' fields promoted as encoding/json does.
func structKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" && !strings.HasPrefix(tag, "-,") {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && !customJSON(ft) {
				keys = append(keys, structKeys(ft)...)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		keys = append(keys, name)
	}
	return keys
}

func objectKeys(v any) []string {
	var keys []string
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			keys = append(keys, k)
			keys = append(keys, objectKeys(e)...)
		}
	case []any:
		for _, e := range x {
			keys = append(keys, objectKeys(e)...)
		}
	}
	return keys
}

// Convention 5: every named value of an enum round-trips through its text
// form, String gives that name, and an invalid value prints as
// "pkg.Type(N)".
func TestEnumsRoundTripNames(t *testing.T) {
	var found []violation
	for _, ti := range registry {
		k := ti.t.Kind()
		isInt := k >= reflect.Int && k <= reflect.Uint64
		if !isInt || !ti.t.Implements(textMarshaler) || !reflect.PointerTo(ti.t).Implements(textUnmarsh) {
			continue
		}
		name := ti.pkg + "." + ti.name
		limit := 256
		if ti.t.Size() > 1 {
			limit = 1024
		}
		invalidChecked := false
		for i := range limit {
			v := reflect.New(ti.t).Elem()
			if k <= reflect.Int64 {
				v.SetInt(int64(i))
			} else {
				v.SetUint(uint64(i))
			}
			text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
			if err != nil {
				if !invalidChecked && ti.t.Implements(stringer) {
					invalidChecked = true
					want := fmt.Sprintf("%s(%d)", ti.t.String(), i)
					if s := v.Interface().(fmt.Stringer).String(); s != want {
						found = append(found, violation{"enum-invalid " + name, fmt.Sprintf("invalid value %d prints %q, want %q", i, s, want)})
					}
				}
				continue
			}
			if len(text) == 0 && i != 0 {
				found = append(found, violation{"enum-name " + name, fmt.Sprintf("value %d marshals to empty text", i)})
				continue
			}
			back := reflect.New(ti.t)
			if err := back.Interface().(encoding.TextUnmarshaler).UnmarshalText(text); err != nil || back.Elem().Interface() != v.Interface() {
				found = append(found, violation{"enum-name " + name, fmt.Sprintf("value %d marshals to %q, which decodes to %v, %v", i, text, back.Elem().Interface(), err)})
				continue
			}
			if ti.t.Implements(stringer) {
				if s := v.Interface().(fmt.Stringer).String(); s != string(text) {
					found = append(found, violation{"enum-string " + name, fmt.Sprintf("value %d: String %q, text %q", i, s, text)})
				}
			}
		}
	}
	check(t, "enum-", found)
}

// banned finds citations of files and labels that do not ship with the
// module: fact numbers, worked-example and conflict labels, the seed
// articles, the rule list and the reference files.
var banned = regexp.MustCompile(`(?i)\bfacts? [0-9]+|\bW[0-9]{1,2}\b|\bC[0-9]{1,2}\b|RULES\.md|marketplace-facts|shared/reference|\breference/|\bseeds?\b`)

// Convention 9: comments (doc comments and example output) cite rule IDs
// and Microsoft documents only.
func TestCommentsCiteNoOutsideFiles(t *testing.T) {
	var found []violation
	for _, p := range packages {
		for name, f := range parseDir(t, p.dir, true) {
			for _, cg := range f.Comments {
				for _, m := range banned.FindAllString(cg.Text(), -1) {
					found = append(found, violation{"comment " + p.dir + "/" + name + ": " + strings.ToLower(m), strings.TrimSpace(cg.Text())})
				}
			}
		}
	}
	check(t, "comment ", found)
}

// Convention 3: a list of problems is returned as an error only through
// rule.Problems.Err, whose *Problems compares with ==; a Problems value
// returned as an error makes == on it panic. The check finds, in every
// function whose last result is an error, a return of a rule.Problems
// variable or literal.
func TestProblemsReturnedThroughErr(t *testing.T) {
	var found []violation
	for _, p := range packages {
		files := parseDir(t, p.dir, false)
		producers := problemsProducers(files)
		for name, f := range files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil || !returnsError(fd.Type) {
					continue
				}
				vars, ptrs := problemsVars(fd, producers)
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					switch x := n.(type) {
					case *ast.FuncLit:
						return false
					case *ast.ReturnStmt:
						if len(x.Results) == 0 {
							return true
						}
						if isProblems(x.Results[len(x.Results)-1], vars, ptrs) {
							key := p.dir + "." + funcName(fd)
							found = append(found, violation{"problems-as-error " + key, name + ": return the list with .Err()"})
						}
					}
					return true
				})
			}
		}
	}
	check(t, "problems-as-error ", found)
}

// Issue 17: a list of problems is capped at rule.MaxProblems by its Add
// and Append methods; the built-in append bypasses the cap, so hostile
// input could make a validator hold millions of problems. The check finds
// append on a rule.Problems variable or *rule.Problems parameter.
func TestProblemsAppendedThroughMethods(t *testing.T) {
	var found []violation
	for _, p := range packages {
		if p.dir == "rule" {
			continue
		}
		files := parseDir(t, p.dir, false)
		producers := problemsProducers(files)
		for name, f := range files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				vars, ptrs := problemsVars(fd, producers)
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok || len(call.Args) == 0 {
						return true
					}
					if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "append" && isProblems(call.Args[0], vars, ptrs) {
						found = append(found, violation{"problems-append " + p.dir + "." + funcName(fd), name + ": use ps.Append or ps.Add, which cap the list"})
					}
					return true
				})
			}
		}
	}
	check(t, "problems-append ", found)
}

// problemsProducers returns the names of a package's functions and
// methods whose last result is a list of problems.
func problemsProducers(files map[string]*ast.File) map[string]bool {
	producers := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Type.Results != nil && len(fd.Type.Results.List) > 0 &&
				isProblemsType(fd.Type.Results.List[len(fd.Type.Results.List)-1].Type) {
				producers[fd.Name.Name] = true
			}
		}
	}
	return producers
}

func returnsError(ft *ast.FuncType) bool {
	if ft.Results == nil || len(ft.Results.List) == 0 {
		return false
	}
	id, ok := ft.Results.List[len(ft.Results.List)-1].Type.(*ast.Ident)
	return ok && id.Name == "error"
}

// isProblemsType reports whether e names rule.Problems (or Problems
// inside package rule).
func isProblemsType(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		return ok && id.Name == "rule" && x.Sel.Name == "Problems"
	case *ast.Ident:
		return x.Name == "Problems"
	}
	return false
}

// problemsVars returns the names of a function's parameters and variables
// of type rule.Problems, and of its *rule.Problems parameters.
func problemsVars(fd *ast.FuncDecl, producers map[string]bool) (vars, ptrs map[string]bool) {
	vars, ptrs = map[string]bool{}, map[string]bool{}
	for _, fl := range []*ast.FieldList{fd.Recv, fd.Type.Params, fd.Type.Results} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				if isProblemsType(f.Type) {
					vars[n.Name] = true
				}
				if st, ok := f.Type.(*ast.StarExpr); ok && isProblemsType(st.X) {
					ptrs[n.Name] = true
				}
			}
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.ValueSpec:
			if x.Type != nil && isProblemsType(x.Type) {
				for _, n := range x.Names {
					vars[n.Name] = true
				}
			}
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE && len(x.Rhs) == 1 {
				if call, ok := x.Rhs[0].(*ast.CallExpr); ok && producers[calleeName(call)] {
					if id, ok := x.Lhs[len(x.Lhs)-1].(*ast.Ident); ok {
						vars[id.Name] = true
					}
				}
			}
			if x.Tok == token.DEFINE && len(x.Lhs) == len(x.Rhs) {
				for i, r := range x.Rhs {
					if cl, ok := r.(*ast.CompositeLit); ok && isProblemsType(cl.Type) {
						if id, ok := x.Lhs[i].(*ast.Ident); ok {
							vars[id.Name] = true
						}
					}
				}
			}
		}
		return true
	})
	return vars, ptrs
}

func calleeName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

func isProblems(e ast.Expr, vars, ptrs map[string]bool) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return vars[x.Name]
	case *ast.StarExpr:
		id, ok := x.X.(*ast.Ident)
		return ok && ptrs[id.Name]
	case *ast.CompositeLit:
		return isProblemsType(x.Type)
	case *ast.ParenExpr:
		return isProblems(x.X, vars, ptrs)
	}
	return false
}

func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}

// Convention 1: no package-level variable holds a policy (or a setting):
// apart from sentinel errors, package-level variables are unexported
// read-only tables, and none of them is a Policy.
func TestNoPackageLevelPolicies(t *testing.T) {
	var found []violation
	for _, p := range packages {
		for name, f := range parseDir(t, p.dir, false) {
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.VAR {
					continue
				}
				for _, s := range g.Specs {
					vs := s.(*ast.ValueSpec)
					src := exprText(vs.Type)
					for _, v := range vs.Values {
						src += " " + exprText(v)
					}
					src = strings.TrimSpace(src)
					for _, id := range vs.Names {
						key := p.dir + "." + id.Name
						switch {
						case strings.HasPrefix(id.Name, "Err") || strings.HasPrefix(src, "rule Message"):
							// sentinel errors and messages
						case strings.Contains(strings.ToLower(id.Name), "policy") || policyExpr.MatchString(src):
							found = append(found, violation{"policy-var " + key, name + ": " + src})
						case id.IsExported():
							found = append(found, violation{"exported-var " + key, name + ": an exported package-level variable can be changed by any caller"})
						}
					}
				}
			}
		}
	}
	check(t, "policy-var ", filter(found, "policy-var "))
	check(t, "exported-var ", filter(found, "exported-var "))
}

var policyExpr = regexp.MustCompile(`\bPolicy[0-9]*\b|[A-Za-z]*Policy[A-Za-z0-9]*\(`)

func filter(vs []violation, prefix string) []violation {
	var out []violation
	for _, v := range vs {
		if strings.HasPrefix(v.key, prefix) {
			out = append(out, v)
		}
	}
	return out
}

// exprText is a short text of an expression: the names and selectors it
// uses, enough to see a Policy literal or a policy constructor call.
func exprText(e ast.Expr) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	ast.Inspect(e, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Ident:
			b.WriteString(x.Name)
			b.WriteByte(' ')
		case *ast.CallExpr:
			b.WriteString(exprText(x.Fun))
			b.WriteString("( ")
			return false
		}
		return true
	})
	return strings.TrimSpace(b.String())
}

var (
	syncAllowList = flag.Bool("sync", false, "rewrite allow_test.go: drop the fixed violations, add the new ones with a TODO")
	checked       []string            // the prefixes of the checks that ran
	allFound      = map[string]bool{} // every violation found
)

// todos are the allow-list's notes per kind of violation.
var todos = map[string]string{
	"zero-marshal":      `TODO: the zero value must marshal (an unset zero enum marshals to "", convention 5)`,
	"zero-roundtrip":    "TODO: the zero value must decode from its own JSON (convention 5)",
	"json-key":          "TODO: a camelCase json tag (convention 6)",
	"enum-invalid":      "TODO: use internal/enum, so an invalid value prints as pkg.Type(N) (convention 5)",
	"enum-name":         "TODO: every named value must round-trip (convention 5)",
	"enum-string":       "TODO: String must give the text name (convention 5)",
	"comment":           "TODO: cite rule IDs and Microsoft document titles and dates only (convention 9)",
	"policy-var":        "TODO: no package-level policy; DefaultPolicy() builds it (convention 1)",
	"exported-var":      "TODO: no exported package-level variable but sentinel errors",
	"problems-as-error": "TODO: return the list with .Err() (convention 3)",
	"problems-append":   "TODO: ps.Append or ps.Add, which cap the list (issue 17)",
}

// writeAllowList rewrites allow_test.go with the violations found by the
// checks that ran, keeping the notes of those already listed.
func writeAllowList() error {
	keys := map[string]string{}
	for k, note := range allowed {
		ran := false
		for _, p := range checked {
			ran = ran || strings.HasPrefix(k, p)
		}
		if !ran || allFound[k] {
			keys[k] = note // not checked in this run, or still there
		}
	}
	for k := range allFound {
		if _, ok := keys[k]; !ok {
			kind, _, _ := strings.Cut(k, " ")
			keys[k] = todos[kind]
		}
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	var b bytes.Buffer
	b.WriteString(`package conventions_test

// allowed lists the known violations of the conventions, each with a TODO.
// The test fails on any violation not listed here and logs the listed ones
// that no longer occur: remove them, so that the list only shrinks.
// go test ./internal/conventions -sync rewrites this file from what the
// checks find.
var allowed = map[string]string{
`)
	for _, k := range sorted {
		fmt.Fprintf(&b, "\t%q: %q,\n", k, keys[k])
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile("allow_test.go", src, 0o644)
}

// The test reads the module's source from its directory; with -sync it
// rewrites the allow-list after the checks.
func TestMain(m *testing.M) {
	flag.Parse()
	if _, err := os.Stat(filepath.Join("..", "..", "go.mod")); err != nil {
		fmt.Fprintln(os.Stderr, "conventions: run from internal/conventions:", err)
		os.Exit(2)
	}
	code := m.Run()
	if *syncAllowList {
		if err := writeAllowList(); err != nil {
			fmt.Fprintln(os.Stderr, "conventions: -sync:", err)
			os.Exit(1)
		}
	}
	os.Exit(code)
}

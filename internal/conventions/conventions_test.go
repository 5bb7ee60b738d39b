package conventions_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"go/ast"
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

// The test reads the module's source from its directory.
func TestMain(m *testing.M) {
	if _, err := os.Stat(filepath.Join("..", "..", "go.mod")); err != nil {
		fmt.Fprintln(os.Stderr, "conventions: run from internal/conventions:", err)
		os.Exit(2)
	}
	os.Exit(m.Run())
}

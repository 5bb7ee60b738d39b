package rule_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/rule"
)

var (
	idPattern   = regexp.MustCompile(`^[A-Z]{3}-\d{2}$`)
	datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// The rulebook: 115 rules (OFR-01 … EXT-15, FUL-01 … FUL-13, MTR-01 … MTR-06, ING-01 … ING-03, ERN-01), each with a well-formed,
// unique ID, the package that encodes it, its source and both statements.
func TestRulebook_Rules(t *testing.T) {
	packages := map[string]bool{
		"offer": true, "plan": true, "pricing": true, "trial": true,
		"refund": true, "payout": true, "market": true, "currency": true,
		"fulfillment": true, "pricing/metering": true, "offer/ingestion": true,
	}
	seen := map[rule.ID]bool{}
	usedPackages := map[string]bool{}
	n := 0
	for r := range rule.All() {
		n++
		if !idPattern.MatchString(string(r.ID)) {
			t.Errorf("rule %d: ID %q does not match %v", n, r.ID, idPattern)
		}
		if seen[r.ID] {
			t.Errorf("rule %d: ID %s repeated", n, r.ID)
		}
		seen[r.ID] = true
		if !packages[r.Package] {
			t.Errorf("%s: Package %q is not a package of the library", r.ID, r.Package)
		}
		usedPackages[r.Package] = true
		if len(r.Sources) == 0 {
			t.Errorf("%s: no source", r.ID)
		}
		for _, s := range r.Sources {
			if strings.TrimSpace(s.Title) == "" || (s.Date != "" && !datePattern.MatchString(s.Date)) {
				t.Errorf("%s: source %+v", r.ID, s)
			}
		}
		for field, v := range map[string]string{"Title": r.Source().Title, "English": r.English, "Swedish": r.Swedish} {
			if strings.TrimSpace(v) == "" || v != strings.TrimSpace(v) {
				t.Errorf("%s: %s %q empty or padded", r.ID, field, v)
			}
		}
		if r.English == r.Swedish {
			t.Errorf("%s: the Swedish statement is the English one", r.ID)
		}
		got, ok := rule.Lookup(r.ID)
		if !ok {
			t.Errorf("Lookup(%s) not found", r.ID)
		} else if diff := cmp.Diff(r, got); diff != "" {
			t.Errorf("Lookup(%s) (-All +Lookup):\n%s", r.ID, diff)
		}
		if !r.ID.Known() {
			t.Errorf("%s.Known() = false", r.ID)
		}
		if r.ID.Area() != string(r.ID)[:3] {
			t.Errorf("%s.Area() = %q", r.ID, r.ID.Area())
		}
		if r.ID.Statement(rule.English) != r.English || r.ID.Statement(rule.Swedish) != r.Swedish {
			t.Errorf("%s.Statement does not give the rule's statements", r.ID)
		}
	}
	if n != 115 {
		t.Errorf("All() yields %d rules, want 115", n)
	}
	if len(usedPackages) != len(packages) {
		t.Errorf("rules cite %d packages, want all %d", len(usedPackages), len(packages))
	}
}

// Every ID constant of the generated rulebook is named after its text
// (PLN01 = "PLN-01") and names a rule; there is one per rule.
func TestRulebook_IDConstants(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "rulebook_gen.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					t.Errorf("%s: value is not a literal", name.Name)
					continue
				}
				text, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				n++
				if name.Name != strings.ReplaceAll(text, "-", "") {
					t.Errorf("constant %s = %q: name and text differ", name.Name, text)
				}
				if !rule.ID(text).Known() {
					t.Errorf("constant %s = %q names no rule", name.Name, text)
				}
			}
		}
	}
	if n != 115 {
		t.Errorf("rulebook_gen.go declares %d ID constants, want 115", n)
	}

	// A spot check through the compiled constants: the first and last rule
	// of each area.
	constants := []struct {
		id   rule.ID
		want string
	}{
		{rule.OFR01, "OFR-01"}, {rule.OFR12, "OFR-12"}, {rule.ACC01, "ACC-01"},
		{rule.PLN01, "PLN-01"}, {rule.PLN06, "PLN-06"}, {rule.PLN13, "PLN-13"},
		{rule.PRC01, "PRC-01"}, {rule.PRC08, "PRC-08"}, {rule.PRC09, "PRC-09"}, {rule.PRC12, "PRC-12"},
		{rule.TRL01, "TRL-01"}, {rule.TRL11, "TRL-11"}, {rule.RFD01, "RFD-01"}, {rule.RFD09, "RFD-09"},
		{rule.PAY01, "PAY-01"}, {rule.PAY08, "PAY-08"}, {rule.RWD01, "RWD-01"}, {rule.RWD04, "RWD-04"},
		{rule.CSP01, "CSP-01"}, {rule.CSP04, "CSP-04"}, {rule.BUY01, "BUY-01"}, {rule.BUY03, "BUY-03"},
		{rule.EXT01, "EXT-01"}, {rule.EXT15, "EXT-15"},
	}
	for _, c := range constants {
		r, ok := rule.Lookup(c.id)
		if string(c.id) != c.want || !ok || r.ID != c.id {
			t.Errorf("constant %q: Lookup = %q, %t; want %q", c.id, r.ID, ok, c.want)
		}
	}
}

// Lookup, Known, Statement and Area of rules that exist.
func TestRulebook_Lookup(t *testing.T) {
	tests := []struct {
		id        rule.ID
		area      string
		pkg       string
		englishIn string // a phrase of the English statement
		swedishIn string // a phrase of the Swedish statement
	}{
		{rule.PLN01, "PLN", "plan", "at most 50 characters", "högst 50 tecken"},
		{rule.PRC09, "PRC", "market", "141 markets", "141 marknader"},
		{rule.PRC08, "PRC", "currency", "17 currencies", "17 valutor"},
		{rule.CSP04, "CSP", "market", "Azure reservations", "Azure-reservationer"},
		{rule.EXT15, "EXT", "market", "141", "141"},
	}
	for _, tt := range tests {
		r, ok := rule.Lookup(tt.id)
		if !ok || r.ID != tt.id || r.Package != tt.pkg {
			t.Errorf("Lookup(%s) = %+v, %t; want package %q", tt.id, r, ok, tt.pkg)
		}
		if got := tt.id.Area(); got != tt.area {
			t.Errorf("%s.Area() = %q, want %q", tt.id, got, tt.area)
		}
		if got := tt.id.Statement(rule.English); !strings.Contains(got, tt.englishIn) || got != r.Statement(rule.English) {
			t.Errorf("%s.Statement(English) = %q, want it to contain %q", tt.id, got, tt.englishIn)
		}
		if got := tt.id.Statement(rule.Swedish); !strings.Contains(got, tt.swedishIn) || got != r.Statement(rule.Swedish) {
			t.Errorf("%s.Statement(Swedish) = %q, want it to contain %q", tt.id, got, tt.swedishIn)
		}
		// A language the library does not know reads English.
		if got := r.Statement(rule.Language(9)); got != r.English {
			t.Errorf("%s: Statement(Language(9)) = %q, want the English statement", tt.id, got)
		}
	}
}

// IDs that are not rules: not found, not known, no statement.
func TestRulebook_LookupUnknown(t *testing.T) {
	tests := []struct {
		id       rule.ID
		wantArea string
	}{
		{"", ""},
		{"PLN-99", "PLN"},
		{"pln-01", "pln"},
		{"PLN01", "PLN01"},
		{"PLN-01 ", "PLN"},
		{"XYZ-01", "XYZ"},
	}
	for _, tt := range tests {
		r, ok := rule.Lookup(tt.id)
		if ok {
			t.Errorf("Lookup(%q) = %+v, true; want not found", tt.id, r)
		}
		if diff := cmp.Diff(rule.Rule{}, r); diff != "" {
			t.Errorf("Lookup(%q) (-want +got):\n%s", tt.id, diff)
		}
		if tt.id.Known() {
			t.Errorf("%q.Known() = true", tt.id)
		}
		if got := tt.id.Statement(rule.English) + tt.id.Statement(rule.Swedish); got != "" {
			t.Errorf("%q.Statement = %q, want \"\"", tt.id, got)
		}
		if got := tt.id.Area(); got != tt.wantArea {
			t.Errorf("%q.Area() = %q, want %q", tt.id, got, tt.wantArea)
		}
	}
}

// Ranging over All stops when the loop body breaks.
func TestRulebook_AllStops(t *testing.T) {
	var ids []rule.ID
	for r := range rule.All() {
		ids = append(ids, r.ID)
		if len(ids) == 2 {
			break
		}
	}
	if diff := cmp.Diff([]rule.ID{rule.OFR01, rule.OFR02}, ids); diff != "" {
		t.Errorf("first two rules (-want +got):\n%s", diff)
	}
}

// Every rule cites Microsoft documents by title and date; a Source prints
// as a citation; Lookup and All give copies that cannot change the
// rulebook.
func TestRulebook_Sources(t *testing.T) {
	r, _ := rule.Lookup(rule.TRL02)
	want := []rule.Source{
		{Title: "Plans and pricing for commercial marketplace offers", Date: "2021-07-05", Section: "Free trials"},
		{Title: "Microsoft commercial marketplace publisher FAQ", Date: "2022-06-03", Section: "Billing features"},
	}
	if diff := cmp.Diff(want, r.Sources); diff != "" {
		t.Errorf("TRL-02 sources (-want +got):\n%s", diff)
	}
	r.Sources[0].Title = "changed"
	if again, _ := rule.Lookup(rule.TRL02); again.Sources[0].Title == "changed" {
		t.Error("a caller changed the rulebook through Lookup")
	}
	for _, tt := range []struct {
		s    rule.Source
		want string
	}{
		{rule.Source{Title: "T", Date: "2020-01-02", Section: "S"}, `T (2020-01-02), "S"`},
		{rule.Source{Title: "T"}, "T"},
		{rule.Source{}, ""},
	} {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.s, got, tt.want)
		}
	}
	if (rule.Rule{}).Source() != (rule.Source{}) {
		t.Error("zero Rule has a source")
	}
	ext, _ := rule.Lookup(rule.EXT08)
	if ext.Source().String() != "Changing prices in active commercial marketplace offers (2023-03-07)" {
		t.Errorf("EXT-08 source %q", ext.Source())
	}
	// The JSON form has camelCase keys and round-trips.
	b, err := json.Marshal(ext)
	var back rule.Rule
	if err != nil || json.Unmarshal(b, &back) != nil || !cmp.Equal(ext, back) {
		t.Errorf("Rule JSON %s does not round-trip", b)
	}
	if !strings.HasPrefix(string(b), `{"id":"EXT-08","package":"pricing","sources":[{"title":"Changing prices`) {
		t.Errorf("Rule JSON %s", b)
	}
}

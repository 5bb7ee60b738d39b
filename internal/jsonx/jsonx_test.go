package jsonx

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

type inner struct {
	Mode  currency.RoundingMode `json:"mode"`
	Price currency.Money        `json:"price"`
}

type outer struct {
	Name   string   `json:"name"`
	Count  int      `json:"count,omitempty"`
	OK     bool     `json:"ok"`
	Items  []inner  `json:"items"`
	Ptr    *inner   `json:"ptr"`
	Tags   []string `json:"tags"`
	Skip   string   `json:"-"`
	Plain  string
	hidden string // unexported: never decoded
	Nested nested `json:"nested"`
}

// nested reports its own problems as rule.Problems with relative paths.
type nested struct{ V int }

func (n *nested) UnmarshalJSON(b []byte) error {
	if string(b) == `"bad"` {
		return rule.Problems{{Path: "v", Message: rule.Message{English: "bad nested"}}}
	}
	n.V = 1
	return nil
}

func paths(ps rule.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return out
}

func TestDecode(t *testing.T) {
	var v outer
	var ps rule.Problems
	Decode([]byte(`{"name":"a","count":3,"ok":true,"items":[{"mode":"half-up","price":{"amount":"1.50","currency":"USD"}}],
		"ptr":{"mode":"floor"},"tags":["x","y"],"Plain":"p","nested":"good"}`), &v, "", &ps)
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	want := outer{Name: "a", Count: 3, OK: true, Items: []inner{{Mode: currency.HalfUp, Price: currency.MustParse("1.50 USD")}},
		Ptr: &inner{Mode: currency.Floor}, Tags: []string{"x", "y"}, Plain: "p", Nested: nested{V: 1}}
	if v.hidden != "" {
		t.Errorf("an unexported field was decoded: %q", v.hidden)
	}
	if diff := cmp.Diff(want, v, cmp.AllowUnexported(outer{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var z outer
	Decode([]byte(`{"items":null,"ptr":null,"tags":null}`), &z, "", &ps)
	if len(ps) != 0 || z.Items != nil || z.Ptr != nil {
		t.Errorf("nulls: %+v %v", z, ps)
	}
}

func TestDecodeProblems(t *testing.T) {
	var v outer
	var ps rule.Problems
	Decode([]byte(`{"name":1,"name":"again","count":"three","ok":"yes","items":[{"mode":"sideways","price":{"amount":"1.001","currency":"USD"}},7],
		"ptr":[],"tags":{},"hidden":1,"Skip":"x","nested":"bad","extra":true}`), &v, "root", &ps)
	want := []string{
		`root.name: want a string, got a number`,
		`root.name: field "name" appears twice`,
		`root.count: want a whole number in range, got a string`,
		`root.ok: want a boolean, got a string`,
	}
	got := paths(ps)
	if len(got) < 10 {
		t.Fatalf("got %d problems:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("problem %d = %q, want %q", i, got[i], w)
		}
	}
	for _, w := range []string{"root.items[0].mode: ", "root.items[0].price: ", "root.items[1]: want an object, got a number",
		"root.ptr: want an object, got an array", "root.tags: want an array, got an object", `root: unknown field "hidden"`,
		`root: unknown field "Skip"`, "root.nested.v: bad nested", `root: unknown field "extra"`} {
		if !strings.Contains(strings.Join(got, "\n"), w) {
			t.Errorf("no problem %q in:\n%s", w, strings.Join(got, "\n"))
		}
	}
}

func TestDecodeMalformed(t *testing.T) {
	var ps rule.Problems
	var v outer
	Decode([]byte(`{"name":`), &v, "doc", &ps)
	if len(ps) != 1 || !strings.HasPrefix(ps[0].Error(), "doc: malformed JSON") {
		t.Errorf("malformed: %v", ps)
	}
	ps = nil
	Decode([]byte(`{}`), v, "doc", &ps)
	if len(ps) != 1 || !strings.Contains(ps[0].Error(), "non-nil pointer") {
		t.Errorf("non-pointer: %v", ps)
	}
	ps = nil
	Decode([]byte(`"text"`), &v, "", &ps)
	if len(ps) != 1 || ps[0].Error() != "want an object, got a string" {
		t.Errorf("not an object: %v", ps)
	}
	if joinPath("a", "[1]") != "a[1]" || joinPath("", "b") != "b" || joinPath("a", "") != "a"  {
		t.Error("joinPath/kind")
	}
}

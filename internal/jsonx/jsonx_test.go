package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/rule"
)

type inner struct {
	Mode  mode  `json:"mode"`
	Price money `json:"price"`
}

// mode is an enum decoded from its name, as internal/enum types are (a
// local type, so that the packages jsonx serves may import jsonx).
type mode uint8

const (
	modeUnset mode = iota
	modeFloor
	modeHalfUp
)

func (m *mode) UnmarshalText(b []byte) error {
	switch string(b) {
	case "floor":
		*m = modeFloor
	case "half-up":
		*m = modeHalfUp
	default:
		return fmt.Errorf("currency: unknown rounding mode %q", b)
	}
	return nil
}

// money decodes itself strictly with encoding/json, as currency.Money
// does: both members required, nothing else, null the zero value.
type money struct{ amount, currency string }

func (m *money) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = money{}
		return nil
	}
	var v struct {
		Amount   *string `json:"amount"`
		Currency *string `json:"currency"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if v.Amount == nil || v.Currency == nil || strings.Count(*v.Amount, ".") > 1 || strings.HasSuffix(*v.Amount, "1") {
		return errors.New("currency: bad money")
	}
	*m = money{*v.Amount, *v.Currency}
	return nil
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
	want := outer{Name: "a", Count: 3, OK: true, Items: []inner{{Mode: modeHalfUp, Price: money{"1.50", "USD"}}},
		Ptr: &inner{Mode: modeFloor}, Tags: []string{"x", "y"}, Plain: "p", Nested: nested{V: 1}}
	if v.hidden != "" {
		t.Errorf("an unexported field was decoded: %q", v.hidden)
	}
	if diff := cmp.Diff(want, v, cmp.AllowUnexported(outer{}, money{})); diff != "" {
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
	if joinPath("a", "[1]") != "a[1]" || joinPath("", "b") != "b" || joinPath("a", "") != "a" {
		t.Error("joinPath/kind")
	}
}

func TestDecodeSyntaxPosition(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"name":`, "malformed JSON at line 1, column 9 (offset 8): unexpected end of JSON input"},
		{"{\n  \"name\": \"å\",\n  \"ok\": tru\n}", "malformed JSON at line 3, column 12 (offset 29): invalid character '\\n' in literal true"},
		{`{"name":"a"} x`, "malformed JSON at line 1, column 14 (offset 13): invalid character 'x' after top-level value"},
		{`{"name" "a"}`, "malformed JSON at line 1, column 9 (offset 8): invalid character '\"' after object key"},
		{`{"name":"a" "ok":true}`, "malformed JSON at line 1, column 13 (offset 12): invalid character '\"' after object key:value pair"},
		{`{"tags":["a" "b"]}`, "malformed JSON at line 1, column 14 (offset 13): invalid character '\"' after array element"},
		{`{"count":01}`, "malformed JSON at line 1, column 11 (offset 10): invalid character '1' after object key:value pair"},
		{`{"count":-}`, "malformed JSON at line 1, column 11 (offset 10): invalid character '}' in numeric literal"},
		{`{"count":1.}`, "malformed JSON at line 1, column 12 (offset 11): invalid character '}' in numeric literal"},
		{`{"count":1e}`, "malformed JSON at line 1, column 12 (offset 11): invalid character '}' in numeric literal"},
		{"{\"name\":\"a\tb\"}", "malformed JSON at line 1, column 11 (offset 10): invalid character '\\t' in string literal"},
		{`{"name":"\x"}`, "malformed JSON at line 1, column 11 (offset 10): invalid character 'x' in string escape code"},
		{`{"name":"\u12x4"}`, "malformed JSON at line 1, column 14 (offset 13): invalid character 'x' in \\u hexadecimal character escape"},
		{`{"extra":[1,}`, "malformed JSON at line 1, column 13 (offset 12): invalid character '}' looking for beginning of value"},
		{`{"extra":{"a":1,}}`, "malformed JSON at line 1, column 17 (offset 16): invalid character '}' looking for beginning of object key string"},
		{`{1:2}`, "malformed JSON at line 1, column 2 (offset 1): invalid character '1' looking for beginning of object key string"},
		{"", "malformed JSON at line 1, column 1 (offset 0): unexpected end of JSON input"},
		{"\xEF\xBB\xBF", "malformed JSON at line 1, column 1 (offset 3): unexpected end of JSON input"},
		{"\xff", "malformed JSON at line 1, column 1 (offset 0): invalid character byte 0xff looking for beginning of value"},
		// Problems before a syntax error are dropped: the structure is unknown.
		{`{"name":1,"extra":true,"ok":`, "malformed JSON at line 1, column 29 (offset 28): unexpected end of JSON input"},
	} {
		var v outer
		var ps rule.Problems
		Decode([]byte(tc.in), &v, "", &ps)
		if got := strings.Join(paths(ps), "\n"); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

func TestDecodeLimits(t *testing.T) {
	var ps rule.Problems
	var v outer
	Options{MaxBytes: 10}.Decode([]byte(`{"name":"abc"}`), &v, "doc", &ps)
	if len(ps) != 1 || ps[0].Error() != "doc: JSON larger than 10 bytes" || !errors.Is(ps[0], ErrTooLarge) {
		t.Errorf("too large: %v", ps)
	}
	deep := strings.Repeat("[", 65) + strings.Repeat("]", 65)
	for _, o := range []Options{{}, {Lenient: true}} {
		ps = nil
		var x struct{ A any }
		o.Decode([]byte(`{"A":`+deep+`}`), &x, "", &ps)
		if len(ps) != 1 || !strings.Contains(ps[0].Error(), "nested deeper than 64 levels") {
			t.Errorf("deep: %v", ps)
		}
		ps = nil
		var s [][]int
		o.Decode([]byte(deep), &s, "", &ps)
		if len(ps) != 1 || !strings.Contains(ps[0].Error(), "offset 64): nested deeper than 64 levels") {
			t.Errorf("deep: %v", ps)
		}
	}
	ps = nil
	var s [][]int
	Options{MaxDepth: 2}.Decode([]byte(`[[1],[2,3]]`), &s, "", &ps)
	if len(ps) != 0 || len(s) != 2 || s[1][1] != 3 {
		t.Errorf("depth 2: %v %v", s, ps)
	}
}

// A hostile document's decoding needs memory of the decoded value, not
// of the input: unknown members, deep arrays and long strings skipped.
func TestDecodeHostileMemory(t *testing.T) {
	in := []byte(`{"extra":"` + strings.Repeat("x", 8<<20) + `","more":[` + strings.Repeat(`{"a":[1,2,3]},`, 100000) + `1]}`)
	var v outer
	var ps rule.Problems
	allocs := testing.AllocsPerRun(1, func() {
		ps = nil
		DecodeLenient(in, &v, "", &ps)
	})
	if len(ps) != 0 || allocs > 10 {
		t.Errorf("lenient skip: %v problems, %v allocations", len(ps), allocs)
	}
}

func TestDecodeReader(t *testing.T) {
	var v outer
	var ps rule.Problems
	if err := (Options{MaxBytes: 5}).DecodeReader(strings.NewReader(`{"name":"a"}`), &v, "", &ps); err != nil || len(ps) != 1 || !errors.Is(ps[0], ErrTooLarge) {
		t.Errorf("Len: %v %v", err, ps)
	}
	ps = nil
	if err := (Options{MaxBytes: 5}).DecodeReader(io.MultiReader(strings.NewReader(`{"name":"a"}`)), &v, "", &ps); err != nil || len(ps) != 1 || !errors.Is(ps[0], ErrTooLarge) {
		t.Errorf("stream: %v %v", err, ps)
	}
	ps = nil
	if err := (Options{}).DecodeReader(io.MultiReader(strings.NewReader(`{"name":"a"}`)), &v, "", &ps); err != nil || len(ps) != 0 || v.Name != "a" {
		t.Errorf("ok: %v %v", err, ps)
	}
	ps = nil
	if err := (Options{MaxBytes: 5}).DecodeReader(sized{}, &v, "", &ps); err != nil || len(ps) != 1 {
		t.Errorf("Size: %v %v", err, ps)
	}
	ps = nil
	if err := (Options{}).DecodeReader(iotest.ErrReader(io.ErrUnexpectedEOF), &v, "", &ps); !errors.Is(err, io.ErrUnexpectedEOF) || len(ps) != 0 {
		t.Errorf("read error: %v %v", err, ps)
	}
}

type sized struct{ io.Reader }

func (sized) Size() int64 { return 1 << 40 }

func TestDecodeBOM(t *testing.T) {
	var v outer
	var ps rule.Problems
	Decode([]byte("\xEF\xBB\xBF{\"name\":\"a\"}"), &v, "", &ps)
	if len(ps) != 0 || v.Name != "a" {
		t.Errorf("BOM: %v %v", v, ps)
	}
}

func TestDecodeLenient(t *testing.T) {
	var v outer
	var ps rule.Problems
	DecodeLenient([]byte(`{"Name":"a","NAME2":1,"extra":{"x":[1,{"y":null}]},"Items":[{"MODE":"floor","new":1}],"OK":true}`), &v, "", &ps)
	if len(ps) != 0 || v.Name != "a" || !v.OK || len(v.Items) != 1 || v.Items[0].Mode != modeFloor {
		t.Errorf("lenient: %+v %v", v, ps)
	}
	ps = nil
	DecodeLenient([]byte(`{"name":"a","Name":"b","count":"x","items":[{"mode":"sideways"}]}`), &v, "msg", &ps)
	want := []string{`msg.name: field "name" appears twice`, "msg.count: want a whole number in range, got a string", "msg.items[0].mode: "}
	got := paths(ps)
	if len(got) != len(want) {
		t.Fatalf("lenient problems: %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want %q…", i, got[i], want[i])
		}
	}
}

type (
	embedded struct {
		E1 string `json:"e1"`
		E2 string
	}
	Exported     struct{ X int }
	withEmbedded struct {
		embedded
		*Exported
		E2   int            `json:"E2"` // shadows embedded.E2
		M    map[string]int `json:"m"`
		A    [2]int         `json:"a"`
		U    uint8          `json:"u"`
		I8   int8           `json:"i8"`
		Any  any            `json:"any"`
		Self *withEmbedded  `json:"self"`
	}
)

func TestDecodeShapes(t *testing.T) {
	var v withEmbedded
	var ps rule.Problems
	Decode([]byte(`{"e1":"a","E2":2,"X":3,"m":{"k":1,"l":2},"a":[1,2,3],"u":255,"i8":-128,"any":{"z":[1]},"self":{"e1":"b","m":null}}`), &v, "", &ps)
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	if v.e1() != "a" || v.E2 != 2 || v.Exported == nil || v.X != 3 || v.M["l"] != 2 || v.A != [2]int{1, 2} || v.U != 255 || v.I8 != -128 ||
		v.Any == nil || v.Self == nil || v.Self.e1() != "b" || v.Self.M != nil {
		t.Errorf("shapes: %+v", v)
	}
	ps = nil
	var w withEmbedded
	Decode([]byte(`{"m":{"k":1,"k":2,"j":"x"},"a":{},"u":256,"i8":-129,"any":1,"X":1.5,"self":{"u":-1,"i8":99999999999999999999},"e1":[]}`), &w, "", &ps)
	want := []string{`m.k: field "k" appears twice`, "m.j: want a whole number in range, got a string", "a: want an array, got an object",
		"u: want a whole number in range, got a number", "i8: want a whole number in range, got a number", "X: want a whole number in range, got a number",
		"self.u: want a whole number in range, got a number", "self.i8: want a whole number in range, got a number", "e1: want a string, got an array"}
	if diff := cmp.Diff(want, paths(ps)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ps = nil
	var a [3]int
	Decode([]byte(`[1]`), &a, "", &ps)
	if a != [3]int{1} || len(ps) != 0 {
		t.Errorf("array: %v %v", a, ps)
	}
	ps = nil
	var f struct {
		F map[int]string `json:"f"`
	}
	Decode([]byte(`{"f":{"1":"a"}}`), &f, "", &ps)
	Decode([]byte(`{"f":{"x":"a"}}`), &f, "", &ps)
	if f.F[1] != "a" || len(ps) != 1 || ps[0].Path != "f" {
		t.Errorf("int keys: %v %v", f, ps)
	}
}

func (w withEmbedded) e1() string { return w.embedded.E1 }

func TestDecodeStrings(t *testing.T) {
	for in, want := range map[string]string{
		`"plain"`:                     "plain",
		`"tab\there \"q\" \\ \/"`:     "tab\there \"q\" \\ /",
		`"\b\f\n\r"`:                  "\b\f\n\r",
		`"\u00e5\u00E4 \ud83d\ude00"`: "åä 😀",
		`"\ud83d x"`:                  "\uFFFD x",
		`"\ud83d\u0041"`:              "\uFFFDA",
		"\"bad \xff utf8 å\"":         "bad \uFFFD utf8 å",
		`"å then \n"`:                 "å then \n",
	} {
		var s string
		var ps rule.Problems
		Decode([]byte(in), &s, "", &ps)
		var std string
		if err := json.Unmarshal([]byte(in), &std); err != nil || s != want || std != want || len(ps) != 0 {
			t.Errorf("%s: got %q, std %q (%v), want %q, %v", in, s, std, err, want, ps)
		}
	}
}

// hooked decodes in the same pass through its plain form.
type hooked struct {
	A     int     `json:"a"`
	Inner []inner `json:"inner"`
}

type hookedJSON hooked

func (h *hooked) JSONPlain() any { return (*hookedJSON)(h) }

func (h *hooked) UnmarshalJSON(b []byte) error {
	var v hookedJSON
	var ps rule.Problems
	Decode(b, &v, "", &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	*h = hooked(v)
	return nil
}

// badHook returns nothing usable and falls back to UnmarshalJSON.
type badHook struct{ A int }

func (*badHook) JSONPlain() any { return nil }

func (b *badHook) UnmarshalJSON(data []byte) error {
	b.A = len(data)
	return nil
}

// nilHook returns a nil pointer at run time.
type nilHook struct{ A int }

type nilHookJSON nilHook

func (*nilHook) JSONPlain() any { return (*nilHookJSON)(nil) }

func (h *nilHook) UnmarshalJSON(data []byte) error {
	h.A = -1
	return nil
}

func TestDecodePlainHook(t *testing.T) {
	var v struct {
		H   hooked   `json:"h"`
		HS  []hooked `json:"hs"`
		Bad badHook  `json:"bad"`
		Nil nilHook  `json:"nil"`
	}
	var ps rule.Problems
	Decode([]byte(`{"h":{"a":1,"inner":[{"mode":"floor"}]},"hs":[{"a":2},null],"bad":{"x":1},"nil":{}}`), &v, "", &ps)
	if len(ps) != 0 || v.H.A != 1 || v.H.Inner[0].Mode != modeFloor || len(v.HS) != 2 || v.HS[0].A != 2 || v.Bad.A != 7 || v.Nil.A != -1 {
		t.Errorf("hook: %+v %v", v, ps)
	}
	ps = nil
	Decode([]byte(`{"h":{"a":"x","inner":[{"mode":"sideways","price":1}],"b":1},"hs":[{"a":[]}]}`), &v, "doc", &ps)
	want := []string{"doc.h.a: want a whole number in range, got a string", `doc.h.inner[0].mode: unknown rounding mode "up"`}
	got := paths(ps)
	if len(got) != 5 || got[0] != want[0] || !strings.HasPrefix(got[1], "doc.h.inner[0].mode: ") || !strings.HasPrefix(got[2], "doc.h.inner[0].price: ") ||
		got[3] != `doc.h: unknown field "b"` || got[4] != "doc.hs[0].a: want a whole number in range, got an array" {
		t.Errorf("hook problems:\n%s", strings.Join(got, "\n"))
	}
}

// Every proper prefix of a document is malformed, and so is the document
// with any one byte replaced by a byte JSON never allows there; each is
// one problem, as json.Valid judges it.
func TestDecodeEveryPrefix(t *testing.T) {
	doc := `{"s":"a\"\u00e5\ud83d\ude00","i":-12,"i8":1,"u":2,"b":true,"p":{"b":false,"l":null},"l":[{"mode":"floor","price":{"amount":"1.00","currency":"USD"}}],` +
		`"a":["x","y"],"m":{"k":"v","w":"x"},"any":[1.5e3,{"q":[true,false,null]}],"n":"ok","in":{"mode":"half-up"},"x":{"y":[1,-0.5E+2,"z"]}}`
	for _, o := range []Options{{}, {Lenient: true}} {
		for i := range len(doc) {
			for _, in := range []string{doc[:i], doc[:i] + "\x01" + doc[i+1:], doc[:i] + "}" + doc[i+1:]} {
				var v fuzzDoc
				var ps rule.Problems
				o.Decode([]byte(in), &v, "", &ps)
				malformed := len(ps) == 1 && strings.HasPrefix(ps[0].Error(), "malformed JSON")
				if json.Valid([]byte(in)) == malformed {
					t.Fatalf("%q: json.Valid %v, problems %v", in, json.Valid([]byte(in)), ps)
				}
			}
		}
	}
}

type (
	conflictA struct {
		X int
		Y int
	}
	conflictB struct {
		X int
		Y int `json:"Y"`
	}
	conflicts struct {
		conflictA
		conflictB
	}
)

func TestDecodeEmbeddedConflicts(t *testing.T) {
	var v conflicts
	var ps rule.Problems
	// X is ambiguous (two at one depth, neither tagged): dropped, as
	// encoding/json does; Y is tagged only in conflictB, which wins.
	Decode([]byte(`{"Y":2}`), &v, "", &ps)
	if len(ps) != 0 || v.conflictB.Y != 2 || v.conflictA.Y != 0 {
		t.Errorf("Y: %+v %v", v, ps)
	}
	Decode([]byte(`{"X":1}`), &v, "", &ps)
	if len(ps) != 1 || ps[0].Error() != `unknown field "X"` {
		t.Errorf("x: %v", ps)
	}
	var std conflicts
	if err := json.Unmarshal([]byte(`{"X":1,"Y":2}`), &std); err != nil || std != (conflicts{conflictB: conflictB{Y: 2}}) {
		t.Errorf("encoding/json: %+v %v", std, err)
	}
}

type hidden struct{ X int }

func TestDecodeOddKinds(t *testing.T) {
	var v struct {
		F float64  `json:"f"` // decoded by encoding/json
		C chan int `json:"c"`
		I any      `json:"i"`
		K map[string]int
		P *hidden `json:"p"`
		*hidden
	}
	var ps rule.Problems
	Decode([]byte(`{"f":1.5,"i":{"a":1},"K":{"a":1}}`), &v, "", &ps)
	if len(ps) != 0 || v.I == nil || v.K["a"] != 1 {
		t.Errorf("odd kinds: %+v %v", v, ps)
	}
	Decode([]byte(`{"f":"x","c":1,"X":1,"p":"x","K":[]}`), &v, "", &ps)
	wantProblems := []string{"f: want a number, got a string", "c: want a chan, got a number",
		"X: cannot set a field of an embedded pointer to an unexported struct", "p: want an object, got a string", "K: want an object, got an array"}
	if diff := cmp.Diff(wantProblems, paths(ps)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ps = nil
	var i any
	Decode([]byte(`{"a":[1,2]}`), &i, "", &ps)
	if len(ps) != 0 || i == nil {
		t.Errorf("any: %v %v", i, ps)
	}
	ps = nil
	var e struct{ E struct{} }
	Decode([]byte(`{"E":[]}`), &e, "", &ps)
	Decode([]byte(`{"E":true}`), &e, "", &ps)
	Decode([]byte(`{"E":-1}`), &e, "", &ps)
	if got := paths(ps); len(got) != 3 || got[1] != "E: want an object, got a boolean" || got[2] != "E: want an object, got a number" {
		t.Errorf("kinds: %v", got)
	}
	if want(reflect.Interface) != "a value" {
		t.Error("want(interface)")
	}
}

// Decoding into a value never writes through its slices and pointers,
// which a copy may share.
func TestDecodeDoesNotShare(t *testing.T) {
	a := outer{Items: make([]inner, 1, 4), Tags: []string{"x"}, Ptr: &inner{Mode: modeFloor}}
	b := a
	var ps rule.Problems
	Decode([]byte(`{"items":[{"mode":"half-up"},{"mode":"half-up"}],"tags":["y"],"ptr":{"mode":"half-up"}}`), &b, "", &ps)
	if len(ps) != 0 || a.Items[:2][1].Mode != modeUnset || a.Items[0].Mode != modeUnset || a.Tags[0] != "x" || a.Ptr.Mode != modeFloor {
		t.Errorf("shared: %+v %v", a, ps)
	}
	if b.Items[1].Mode != modeHalfUp || b.Tags[0] != "y" || b.Ptr.Mode != modeHalfUp {
		t.Errorf("decoded: %+v", b)
	}
}

// Problems are capped (rule.MaxProblems, then a count), and those past the
// cap are counted without rendering: 199,999 unknown and repeated members
// cost little more than skipping them.
func TestDecodeProblemCap(t *testing.T) {
	in := []byte("{" + strings.Repeat(`"x":1,"name":"a",`, 100000) + `"ok":true}`)
	var ps rule.Problems
	var v outer
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	Decode(in, &v, "doc", &ps)
	runtime.ReadMemStats(&after)
	if len(ps) != rule.MaxProblems+1 || ps.Len() != 199999 || ps[0].Error() != `doc: unknown field "x"` || ps[2].Error() != `doc.name: field "name" appears twice` {
		t.Fatalf("%d problems listed, %d found: %v …", len(ps), ps.Len(), ps[:3])
	}
	// Past the cap, rule.Problems.Append boxes the new count, 24 bytes
	// of garbage a problem; jsonx itself allocates nothing.
	if got := after.TotalAlloc - before.TotalAlloc; !raceEnabled && got > 32*uint64(ps.Len()) {
		t.Errorf("allocated %d bytes for %d problems", got, ps.Len())
	}
	// A nested decoder's capped list adds its count.
	var w struct {
		H []hooked `json:"h"`
	}
	ps = nil
	Decode([]byte(`{"h":[{"a":"x"}]}`), &w, "", &ps)
	if len(ps) != 1 || ps[0].Path != "h[0].a" {
		t.Errorf("nested: %v", ps)
	}
}

type manyProblems struct{}

func (*manyProblems) UnmarshalJSON([]byte) error {
	var ps rule.Problems
	for range rule.MaxProblems + 5 {
		ps.Add("", "x", msgBadValue, "bad")
	}
	return ps.Err()
}

func TestDecodeNestedCap(t *testing.T) {
	var v struct {
		M manyProblems `json:"m"`
	}
	var ps rule.Problems
	Decode([]byte(`{"m":1}`), &v, "doc", &ps)
	if len(ps) != rule.MaxProblems+1 || ps.Len() != rule.MaxProblems+5 || ps[0].Path != "doc.m.x" || ps[rule.MaxProblems].Path != "" {
		t.Errorf("nested cap: %d listed, %d found, %v", len(ps), ps.Len(), ps[rule.MaxProblems])
	}
}

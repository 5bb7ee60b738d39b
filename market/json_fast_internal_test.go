package market

import (
	"strings"
	"testing"
)

// stdUnmarshalJSON is Set.UnmarshalJSON as it was before the fast path.
func stdUnmarshalJSON(s *Set, b []byte) error {
	if v := trimJSONSpace(b); strings.TrimRight(string(v), " \t\r\n") == "null" {
		return nil
	} else if len(v) == 0 || v[0] != '[' {
		return &jsonError{index: -1, err: errorString("want a JSON array of market codes, got " + jsonKind(v))}
	}
	return s.unmarshalJSONStd(b)
}

type errorString string

func (e errorString) Error() string { return string(e) }

// The fast decoder agrees with encoding/json's: what it accepts, the
// reference accepts with the same set, and UnmarshalJSON as a whole gives
// the reference's set and error on every input.
func FuzzSetUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`["DE","SE"]`, ` [ "de" , "Se" ] `, `[]`, ` [ ] `, `null`, `["SE","se"]`, `["XX"]`, `[1]`,
		`["S\u0045"]`, `["SE",]`, `["SE"] x`, `["SE"][]`, `{"a":1}`, `"SE"`, ``, `[`, `["SE"`, `[,"SE"]`, `["SE" "DE"]`,
		"[\"SE\u00a0\"]", `[null]`, `["SE",null]`, "[\"SE\"]\u00a0"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		std := SetOf(JP) // null leaves a set unchanged: start non-empty
		stdErr := stdUnmarshalJSON(&std, data)
		if r, ok := decodeSet(data); ok && (stdErr != nil || r != std) {
			t.Fatalf("%q: fast %v, encoding/json %v %v", data, r, std, stdErr)
		}
		got := SetOf(JP)
		err := got.UnmarshalJSON(data)
		if got != std || (err == nil) != (stdErr == nil) || err != nil && err.Error() != stdErr.Error() {
			t.Fatalf("%q: %v %v, want %v %v", data, got, err, std, stdErr)
		}
	})
}

// Decoding the common form allocates nothing.
func TestSetUnmarshalJSONAllocs(t *testing.T) {
	in := []byte(`["DE","SE","US","JP"]`)
	var s Set
	if n := testing.AllocsPerRun(100, func() { _ = s.UnmarshalJSON(in) }); n != 0 || s != SetOf(DE, SE, US, JP) {
		t.Errorf("%v allocations, %v", n, s)
	}
}

func benchSetJSON() []byte {
	var b strings.Builder
	b.WriteByte('[')
	for c := range TransactingSet().All() {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + c.String() + `"`)
	}
	b.WriteByte(']')
	return []byte(b.String())
}

func BenchmarkSetUnmarshalJSON(b *testing.B) {
	in := benchSetJSON()
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		var s Set
		if err := s.UnmarshalJSON(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSetUnmarshalJSONStd(b *testing.B) {
	in := benchSetJSON()
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		var s Set
		if err := stdUnmarshalJSON(&s, in); err != nil {
			b.Fatal(err)
		}
	}
}

// Decoding every transacting market allocates nothing either.
func TestSetUnmarshalJSONAllocsAll(t *testing.T) {
	in := benchSetJSON()
	var s Set
	if n := testing.AllocsPerRun(100, func() { _ = s.UnmarshalJSON(in) }); n != 0 || s != TransactingSet() {
		t.Errorf("%v allocations, %v", n, s)
	}
}

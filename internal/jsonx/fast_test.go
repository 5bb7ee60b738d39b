package jsonx

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// fastDoc is the shape the Fast tests read: every kind of value Fast reads.
type fastDoc struct {
	S    string          `json:"s"`
	B    bool            `json:"b"`
	I    int64           `json:"i"`
	O    fastInner       `json:"o"`
	Flat json.RawMessage `json:"flat"`
	N    *string         `json:"n"`
	K    int             `json:"k"`
	R    json.RawMessage `json:"r"`
	T    time.Time       `json:"t"`
	M    currency.Money  `json:"m"`
	E    fastEnum        `json:"e"`
}

// fastEnum is an enum whose names Decode reads ignoring case.
type fastEnum uint8

var fastEnumNames = []string{"", "one", "two"}

func (e *fastEnum) UnmarshalText(b []byte) error {
	for i, name := range fastEnumNames {
		if name != "" && strings.EqualFold(name, string(b)) {
			*e = fastEnum(i)
			return nil
		}
	}
	return fmt.Errorf("bad enum %q", b)
}

type fastInner struct {
	X string `json:"x"`
	Y int64  `json:"y"`
}

// readFast reads a fastDoc with Fast, as a type's fast path does: each
// member once, a known name, null only for N; ok is Fast.Done.
func readFast(data []byte) (v fastDoc, ok bool) {
	f := NewFast(data)
	f.Members(func(name []byte) uint64 {
		switch string(name) {
		case "s":
			v.S = string(f.String())
			return 1
		case "b":
			v.B = f.Bool()
			return 2
		case "i":
			v.I = f.Int()
			return 4
		case "flat":
			v.Flat = append(json.RawMessage(nil), f.Flat()...)
			if !f.Failed() && !json.Valid(v.Flat) {
				f.Fail() // as the type's UnmarshalJSON refuses it
			}
			return 8
		case "n":
			if !f.Null() {
				f.Fail()
			}
			return 16
		case "o":
			readInner(&f, &v.O)
			return 32
		case "k":
			v.K = f.IntN()
			return 64
		case "r":
			v.R = append(json.RawMessage(nil), f.Raw()...)
			return 128
		case "t":
			f.Time(&v.T)
			return 256
		case "m":
			f.Money(&v.M)
			return 512
		case "e":
			v.E = Name[fastEnum](&f, fastEnumNames)
			return 1024
		}
		return 0
	})
	return v, f.Done() && !f.Failed()
}

// readInner reads the inner object with Next, as Members does.
func readInner(f *Fast, v *fastInner) {
	f.Open()
	seen := map[string]bool{}
	for {
		name, more := f.Next()
		if !more {
			return
		}
		if seen[string(name)] {
			f.Fail()
		}
		seen[string(name)] = true
		switch string(name) {
		case "x":
			v.X = string(f.String())
		case "y":
			v.Y = f.Int()
		default:
			f.Fail()
		}
	}
}

// checkFast fails t unless what Fast reads from data, if it reads it,
// Decode reads without a problem to the same value (Flat aside: Decode
// compacts nothing, so the raw bytes must be the member's own).
func checkFast(t *testing.T, data []byte) bool {
	t.Helper()
	got, ok := readFast(data)
	if !ok {
		return false
	}
	if !json.Valid(data) {
		t.Fatalf("%q: Fast read invalid JSON", data)
	}
	var want fastDoc
	var ps rule.Problems
	Decode(data, &want, "", &ps)
	if len(ps) > 0 {
		t.Fatalf("%q: Fast read it, Decode: %v", data, ps)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%q (-Decode +Fast):\n%s", data, diff)
	}
	return true
}

func TestFast(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{`{}`, true},
		{` { } `, true},
		{`{"s":"a\u00e5","b":true,"i":-12,"o":{"x":"y","y":0},"flat":{"a":"b"},"n":null}`, false}, // escape
		{`{"s":"aå","b":false,"i":-12,"o":{"x":"y","y":0},"flat":{"a":"b"},"n":null}`, true},
		{"{\n \"s\" : \"x\" ,\t\"o\":{ } }\r\n", true},
		{`{"i":9223372036854775807}`, true},
		{`{"i":-9223372036854775808}`, true},
		{`{"i":-0}`, true},
		{`{"i":9223372036854775808}`, false},
		{`{"i":-9223372036854775809}`, false},
		{`{"i":99999999999999999999}`, false},
		{`{"i":01}`, false},
		{`{"i":1.0}`, false},
		{`{"i":1e3}`, false},
		{`{"i":-}`, false},
		{`{"i":"1"}`, false},
		{`{"b":tru}`, false},
		{`{"b":null}`, false},
		{`{"s":"\xff"}`, false},
		{"{\"s\":\"\x01\"}", false},
		{`{"s":"a`, false},
		{`{"s":"aé`, false},
		{`{"s":1}`, false},
		{`{"s":"a",}`, false},
		{`{"s":"a" "b":true}`, false},
		{`{"s" "a"}`, false},
		{`{"s":"a"} x`, false},
		{`{"s":"a"`, false},
		{`{"flat":{"a":{"b":1}}}`, false},
		{`{"flat":{"a":[1]}}`, false},
		{`{"flat":{"a":"b"`, false},
		{`{"flat":{"a":"}"}}`, false},
		{`{"flat":"x"}`, false},
		{`{"o":"x"}`, false},
		{`{"n":nul}`, false},
		{`{"s\u0061":"x"}`, false},
		{`[]`, false},
		{``, false},
		{`null`, false},
		{`{"b":true,"b":false}`, false},
		{`{"o":{"x":"a","x":"b"}}`, false},
		{`{"o":{"z":1}}`, false},
		{`{"z":1}`, false},
		{`{"k":-12,"r":{"a":[1,true,false,null,"x",{},[]],"b":{"c":{}}},"t":"2024-01-02T03:04:05.5+01:00","m":{"amount":"1.50","currency":"USD"},"e":"two"}`, true},
		{`{"r":[],"m":null,"r2":1}`, false},
		{`{"r":[],"m":null}`, true},
		{`{"r":[1,]}`, false},
		{`{"r":[,1]}`, false},
		{`{"r":[1 2]}`, false},
		{`{"r":1.5}`, false},
		{`{"r":nul}`, false},
		{`{"r":` + strings.Repeat("[", 20) + strings.Repeat("]", 20) + `}`, false},
		{`{"r":"\n"}`, false},
		{`{"t":"2024-01-02T03:04:05+24:00"}`, false},
		{`{"t":"2024-01-02"}`, false},
		{`{"t":1}`, false},
		{`{"m":{"amount":"1.505","currency":"USD"}}`, false},
		{`{"e":"One"}`, false},
		{`{"e":""}`, false},
		{`{"e":"three"}`, false},
	} {
		if got := checkFast(t, []byte(tc.in)); got != tc.ok {
			t.Errorf("%q: read %t, want %t", tc.in, got, tc.ok)
		}
	}
}

// FuzzFast: whatever Fast reads is valid JSON that Decode reads to the
// same value without a problem.
func FuzzFast(f *testing.F) {
	f.Add([]byte(`{"s":"aå","b":false,"i":-12,"o":{"x":"y","y":0},"flat":{"a":"b"},"n":null}`))
	f.Add([]byte(`{"i":-9223372036854775808,"o":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) { checkFast(t, data) })
}

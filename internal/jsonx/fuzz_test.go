package jsonx

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/rule"
)

// fuzzDoc exercises every shape the decoder handles natively.
type fuzzDoc struct {
	S   string            `json:"s"`
	I   int64             `json:"i"`
	I8  int8              `json:"i8"`
	U   uint16            `json:"u"`
	B   bool              `json:"b"`
	P   *fuzzDoc          `json:"p"`
	L   []inner           `json:"l"`
	A   [2]string         `json:"a"`
	M   map[string]string `json:"m"`
	Any any               `json:"any"`
	N   nested            `json:"n"`
	In  inner             `json:"in"`
}

// FuzzDecode checks the one-pass decoder against encoding/json, the slow
// reference: the syntax verdicts agree (json.Valid), and whatever the
// strict decoder accepts without a problem, encoding/json decodes to the
// same value (the strict decoder refuses more: unknown members, repeated
// names, names in another case). Nothing panics, in either mode.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"s":"a","i":-3,"i8":7,"u":9,"b":true,"p":{"s":"b"},"l":[{"mode":"floor","price":{"amount":"1.00","currency":"USD"}}],
		 "a":["x"],"m":{"k":"v"},"any":[1,"2",{"3":null}],"n":"x","in":{"mode":"half-up"}}`,
		`{"s":"\u00e5\ud83d\ude00\n","p":null,"l":[],"m":{}}`,
		`{"i":1e3}`, `{"i":-0}`, `{"u":-1}`, `{"s":"a","S":"b"}`, `{"x":1}`, `[1,2]`, `null`, `"x"`, `{"p":{"p":{"p":{}}}}`,
		"\xEF\xBB\xBF{}", `{"s":"a"`, `{"b":tru}`, `{"l":[1,]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got fuzzDoc
		var ps rule.Problems
		Decode(data, &got, "", &ps)
		var lenient fuzzDoc
		var lps rule.Problems
		DecodeLenient(data, &lenient, "", &lps)

		body := data
		if len(body) >= 3 && string(body[:3]) == "\xEF\xBB\xBF" {
			body = body[3:]
		}
		malformed := len(ps) == 1 && strings.HasPrefix(ps[0].Error(), "malformed JSON")
		tooDeep := malformed && strings.Contains(ps[0].Error(), "nested deeper")
		if json.Valid(body) != !malformed && !tooDeep {
			t.Fatalf("json.Valid = %v, problems %v", json.Valid(body), ps)
		}
		lmalformed := len(lps) == 1 && strings.HasPrefix(lps[0].Error(), "malformed JSON")
		if lmalformed != malformed {
			t.Fatalf("strict malformed %v, lenient %v", ps, lps)
		}
		if len(ps) > 0 {
			return
		}
		var want fuzzDoc
		if err := json.Unmarshal(body, &want); err != nil {
			t.Fatalf("accepted, but encoding/json: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %#v\nwant %#v", got, want)
		}
		if len(lps) > 0 || !reflect.DeepEqual(lenient, want) {
			t.Fatalf("lenient %#v %v\nwant %#v", lenient, lps, want)
		}
	})
}

package jsonx_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/rule"
)

// AppendString writes what encoding/json writes for the same string,
// with and without HTML escaping.
func TestAppendStringAsEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `q"uote\`, "<a>&b", "tab\t", "é", "\u2028", "\xff", "sub-1"} {
		for _, html := range []bool{true, false} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			got := jsonx.AppendString([]byte("x"), s, html)
			if string(got) != "x"+string(bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
				t.Errorf("AppendString(%q, %v) = %s, want x%s", s, html, got, want.Bytes())
			}
		}
	}
}

// An instant encoding/json reads but cannot write back, an offset of 24
// hours or more, is a problem at its path: every value a decoder accepts
// encodes again.
func TestDecodeRefusesUnwritableOffset(t *testing.T) {
	var v struct {
		At time.Time `json:"at"`
	}
	for in, want := range map[string]int{
		`{"at":"2024-06-10T01:30:00-24:00"}`: 1,
		`{"at":"2024-06-10T01:30:00+99:59"}`: 1,
		`{"at":"2024-06-10T01:30:00-23:59"}`: 0,
	} {
		var ps rule.Problems
		jsonx.Decode([]byte(in), &v, "", &ps)
		if len(ps) != want || (want == 1 && ps[0].Path != "at") {
			t.Errorf("%s: %v, want %d problem at at", in, ps, want)
		}
		if want == 0 {
			if _, err := json.Marshal(v); err != nil {
				t.Errorf("%s: decoded and then %v", in, err)
			}
		}
	}
}

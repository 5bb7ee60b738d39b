package jsonx_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/marketrules/marketrules/internal/jsonx"
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

package jsonx_test

import (
	"fmt"
	"strings"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/rule"
)

type term struct {
	Months int    `json:"months"`
	Name   string `json:"name"`
}

type declaration struct {
	ID    string `json:"id"`
	Terms []term `json:"terms"`
}

// Strict decoding reports every problem at once, each at its path.
func ExampleDecode() {
	var d declaration
	var ps rule.Problems
	jsonx.Decode([]byte(`{"id":"basic","terms":[{"months":"one"},{"months":12,"nmae":"yearly"}],"id":"again"}`), &d, "offer", &ps)
	for _, p := range ps {
		fmt.Println(p)
	}
	// Output:
	// offer.terms[0].months: want a whole number in range, got a string
	// offer.terms[1]: unknown field "nmae"
	// offer.id: field "id" appears twice
}

// Malformed JSON is one problem with its line, column and byte offset.
func ExampleDecode_malformed() {
	var d declaration
	var ps rule.Problems
	jsonx.Decode([]byte("{\n  \"id\": \"basic\",\n  \"terms\": [}\n"), &d, "", &ps)
	fmt.Println(ps)
	// Output: malformed JSON at line 3, column 13 (offset 31): invalid character '}' looking for beginning of value
}

// Lenient decoding, for Microsoft's wire formats, ignores unknown members
// and matches names in any case.
func ExampleDecodeLenient() {
	var d declaration
	var ps rule.Problems
	jsonx.DecodeLenient([]byte(`{"Id":"basic","terms":[{"Months":1}],"newField":{"x":[1]}}`), &d, "", &ps)
	fmt.Println(d, len(ps))
	// Output: {basic [{1 }]} 0
}

// DecodeReader stops reading one byte past the limit.
func ExampleOptions_DecodeReader() {
	var d declaration
	var ps rule.Problems
	err := jsonx.Options{MaxBytes: 16}.DecodeReader(strings.NewReader(`{"id":"a rather long identifier"}`), &d, "body", &ps)
	fmt.Println(err, ps)
	// Output: <nil> body: JSON larger than 16 bytes
}

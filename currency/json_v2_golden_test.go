package currency

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/internal/golden"
)

var updateJSONGolden = flag.Bool("update-json-v2", false, "rewrite testdata/json_v2.golden")

// moneyJSONVectors are the Money values the JSON tests marshal: the zero
// Money, one in a code outside ISO 4217, the extremes and the test
// inputs of FuzzParse.
func moneyJSONVectors() []Money {
	ms := []Money{{}, {minor: 5, code: Code(9999)}, MustFromMinor(0, SEK), MustFromMinor(math.MaxInt64, JPY),
		MustFromMinor(math.MinInt64, SEK), MustFromMinor(-1, BHD)}
	for _, s := range []string{"1234.50 SEK", "-3 JPY", "0.001 BHD", "100 RMB", "1 usd", "-0.05 SEK", "12.3456 CLF", "9223372036854775807 JPY"} {
		ms = append(ms, MustParse(s))
	}
	return ms
}

// moneyJSONInputs are the JSON texts the tests decode: the seeds of
// FuzzUnmarshalJSON and FuzzMoneyUnmarshalJSON.
func moneyJSONInputs() []string {
	return append([]string{`{"amount":"12.34","currency":"SEK"}`, `null`, `{"amount":1,"currency":"USD"}`,
		`{"amount":"1","currency":"RMB","x":0}`}, moneyJSONSeeds...)
}

// Money's JSON is the same with and without GOEXPERIMENT=jsonv2 (which
// makes encoding/json call MarshalJSONTo and UnmarshalJSONFrom): the same
// bytes, values and errors (but for the name of the method a
// json.MarshalerError says it called), recorded in testdata/json_v2.golden
// by the build without it.
func TestMoneyJSONSameInBothModes(t *testing.T) {
	var b strings.Builder
	for _, m := range moneyJSONVectors() {
		out, err := json.Marshal(struct{ M []Money }{[]Money{m, {}}})
		var me *json.MarshalerError
		if errors.As(err, &me) {
			err = me.Err
		}
		fmt.Fprintf(&b, "marshal %d %d: %s, %v (ErrUnknownCode: %t)\n", m.minor, m.code, out, err, errors.Is(err, ErrUnknownCode))
	}
	for _, in := range moneyJSONInputs() {
		var m Money
		err := json.Unmarshal([]byte(in), &m)
		fmt.Fprintf(&b, "unmarshal %q: %d %d, %v", in, m.minor, m.code, err)
		for _, s := range []error{ErrSyntax, ErrUnknownCode, ErrPrecision, ErrOverflow} {
			if errors.Is(err, s) {
				fmt.Fprintf(&b, " (%v)", s)
			}
		}
		b.WriteString("\n")
	}
	golden.Check(t, "testdata/json_v2.golden", b.String(), *updateJSONGolden)
}

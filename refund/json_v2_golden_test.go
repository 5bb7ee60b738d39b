package refund_test

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/golden"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
)

var updateJSONGolden = flag.Bool("update-json-v2", false, "rewrite testdata/json_v2.golden")

// jsonDecisions are the decisions the JSON tests marshal: one of every
// kind and reason, one with odd strings, figures and instants, and four
// that do not marshal (an undefined charge, years 10000 and -1, a zone
// offset of 24 hours).
func jsonDecisions(t *testing.T) []refund.Decision {
	ds := append([]refund.Decision{{}}, decisionsOfEveryKind(t)...)
	odd := ds[len(ds)-1]
	// (Not invalid UTF-8: encoding/json itself writes it as "\ufffd"
	// without GOEXPERIMENT=jsonv2 and as the character U+FFFD with it;
	// TestDecisionMarshalJSONMatchesStd holds MarshalJSON to what
	// encoding/json writes in either mode.)
	odd.Zone, odd.Rule, odd.Reason = "<Europe/\u2028Stockholm>&\"\t", "RFD-\n01", "é\u00ff"
	odd.Remaining, odd.DaysUsed, odd.DaysPaid, odd.DaysLeft, odd.KeysRevoked = -90*time.Minute, -1, 3, 7, true
	odd.Limit.Requested = currency.MustParse("1.00 USD")
	odd.Limit.RestoresAt = time.Date(1850, 1, 1, 0, 0, 0, 0, time.FixedZone("", -7*3600-52*60-58))
	odd.TermEnd = time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", 9*3600+30*60))
	bad := []refund.Decision{odd, odd, odd, odd, odd}
	bad[0].Charge = 200
	bad[1].At = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	bad[2].Limit.RestoresAt = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)
	bad[3].PolicyFrom = time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600))
	bad[4].Cancel = 99
	return append(append(ds, odd), bad...)
}

// jsonInputs are the JSON texts the tests decode: every decision of
// jsonDecisions that marshals, and broken ones (each problem of
// TestDecisionJSONErrors and TestDecisionJSONInvariants, syntax errors).
func jsonInputs(t *testing.T) []string {
	var in []string
	for _, d := range jsonDecisions(t) {
		if b, err := json.Marshal(d); err == nil {
			in = append(in, string(b))
		}
	}
	return append(in, brokenJSONInputs()...)
}

// brokenJSONInputs are the JSON texts of jsonInputs that are not
// decisions MarshalJSON wrote.
func brokenJSONInputs() []string {
	const at = `"at":"2024-03-01T10:00:00Z","rule":"RFD-01","reason":"within-window","cancel":"now","window":"PT72H"`
	return append([]string(nil), `null`, ` null `, `{}`, `[1,2]`, `"x"`, `{`, `{"paid":}`, `{"allowed":true} x`,
		`{"charge":"office-add-in"}`, `{"trigger":"refill"}`, `{"cancel":"later"}`, `{"settlement":"half"}`,
		`{"vendor":"acme"}`, `{"window":"72h"}`, `{"paid":{"amount":"1.234","currency":"USD"}}`, `{"remaining":"soon"}`,
		`{"allowed":"yes"}`, `{"Allowed":true}`, `{"allowed":false,"allowed":true}`, `{"rule":"RFD-99"}`,
		`{"charge":"usage","futureField":1}`, `{`+strings.Repeat(`"x":1,`, refund.MaxJSONSize/6)+`"y":1}`,
		`{"allowed":true,"settlement":"full","paid":{"amount":"100.00","currency":"USD"},"refund":{"amount":"5000.00","currency":"USD"},"retained":{"amount":"0.00","currency":"USD"},`+at+`}`,
		`{"allowed":true,"settlement":"full","paid":{"amount":"100.00","currency":"USD"},"refund":{"amount":"100.00","currency":"SEK"},"retained":{"amount":"0.00","currency":"USD"},`+at+`}`,
		`{"allowed":false,"paid":{"amount":"100.00","currency":"USD"},"refund":{"amount":"1.00","currency":"USD"},"retained":{"amount":"99.00","currency":"USD"},`+at+`}`,
		`{"allowed":false,"daysUsed":-1,"windowStart":"2024-03-02T00:00:00Z","windowEnd":"2024-03-01T00:00:00Z",`+at+`}`,
	)
}

// A Decision's JSON is the same with and without GOEXPERIMENT=jsonv2
// (which makes encoding/json call MarshalJSONTo and UnmarshalJSONFrom):
// the same bytes, values and errors, recorded in testdata/json_v2.golden
// by the build without it. (Where marshaling fails, MarshalJSON returns
// the error encoding/json gives for the member, whose text differs
// between the modes: the golden file records that it failed and the
// sentinel; TestDecisionMarshalJSONToMatchesV1 holds MarshalJSONTo to
// MarshalJSON's error.)
func TestDecisionJSONSameInBothModes(t *testing.T) {
	var b strings.Builder
	for i, d := range jsonDecisions(t) {
		out, err := json.Marshal([]refund.Decision{d})
		fmt.Fprintf(&b, "marshal %d: %s, failed %t (ErrKind %t, ErrName %t)\n", i, out, err != nil,
			errors.Is(err, refund.ErrKind), errors.Is(err, refund.ErrName))
	}
	for _, in := range jsonInputs(t) {
		var d refund.Decision
		err := json.Unmarshal([]byte(in), &d)
		if len(in) > 200 {
			in = in[:200] + "…"
		}
		fmt.Fprintf(&b, "unmarshal %q: %s, %v", in, d, err)
		var ps rule.Problems
		if errors.As(err, &ps) {
			for _, p := range ps {
				fmt.Fprintf(&b, " [%s %s %v]", p.Rule, p.Path, p.Err)
			}
		}
		b.WriteString("\n")
	}
	golden.Check(t, "testdata/json_v2.golden", b.String(), *updateJSONGolden)
}

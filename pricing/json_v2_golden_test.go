package pricing_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/golden"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
)

var updateJSONGolden = flag.Bool("update-json-v2", false, "rewrite testdata/proration_json_v2.golden")

// jsonProrations are the prorations the JSON tests marshal: the zero one,
// random ones, one with odd strings, figures and instants, and five that
// do not marshal (an undefined kind, unit and convention, years 10000 and
// -1, a zone offset of 24 hours).
func jsonProrations(tb testing.TB) []pricing.Proration {
	ps := []pricing.Proration{{}, benchProration(tb)}
	r := rand.New(rand.NewPCG(21, 22))
	for range 300 {
		sub, ch, at, pol := prRandomCase(r)
		if p, err := pol.Prorate(sub, ch, at); err == nil {
			ps = append(ps, p)
		}
	}
	odd := ps[len(ps)-1]
	odd.Zone, odd.Rule, odd.Reason, odd.Policy = "<Europe/\u2028Stockholm>&\"\t", "PRC-\n05", "é\u00ff", "a\\b"
	odd.FromPlan, odd.ToPlan = "\x7f\x00", strings.Repeat("plan-", 300)
	odd.FromQuantity, odd.ToQuantity, odd.Used, odd.Total = -1<<63, 1<<63-1, 0, -7
	odd.EffectiveAt = time.Date(1850, 1, 1, 0, 0, 0, 0, time.FixedZone("", -7*3600-52*60-58))
	odd.SeatWindowEnd = time.Date(2024, 1, 1, 0, 0, 0, 1, time.FixedZone("", 9*3600+30*60))
	odd.Credited = calendar.Period{Start: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)}
	odd.Term, odd.Payment, odd.Kind = plan.Hourly, 0, 0
	odd.Credit = currency.Money{}
	bad := []pricing.Proration{odd, odd, odd, odd, odd, odd, odd}
	bad[0].Kind = 200
	bad[1].Unit = 9
	bad[2].Convention = 99
	bad[3].At = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	bad[4].Period.End = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)
	bad[5].TermEnd = time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600))
	bad[6].Term = 77
	return append(append(ps, odd), bad...)
}

// A Proration's JSON is the same with and without GOEXPERIMENT=jsonv2
// (which makes encoding/json call MarshalJSONTo): the same bytes, and
// the same failures, recorded in testdata/proration_json_v2.golden by
// the build without it. (The text of a failure names the methods
// encoding/json called, which differ between the modes: the golden file
// records that it failed and the error of the field that failed.)
func TestProrationJSONSameInBothModes(t *testing.T) {
	var b strings.Builder
	for i, p := range jsonProrations(t) {
		out, err := json.Marshal([]pricing.Proration{p})
		fmt.Fprintf(&b, "marshal %d: %s, failed %t (%s)\n", i, out, err != nil, golden.MarshalError(err))
		if err == nil {
			var back []pricing.Proration
			err := json.Unmarshal(out, &back)
			fmt.Fprintf(&b, "unmarshal %d: %v\n", i, err)
			if err == nil {
				if diff := cmp.Diff([]pricing.Proration{p}, back); diff != "" && i < 100 {
					fmt.Fprintf(&b, "%s\n", diff)
				}
			}
		}
	}
	golden.Check(t, "testdata/proration_json_v2.golden", b.String(), *updateJSONGolden)
}

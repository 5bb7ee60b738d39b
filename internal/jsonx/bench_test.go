package jsonx_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/rule"
)

// plainOffer has offer.Offer's fields without its UnmarshalJSON, so that
// encoding/json and jsonx decode the same types.
type plainOffer offer.Offer

// scaledOffer returns the SaaS sample offer with its plans repeated n
// times (ids made unique), as one JSON document.
func scaledOffer(tb testing.TB, n int) []byte {
	tb.Helper()
	in, err := os.ReadFile("../../offer/testdata/saas-offer.json")
	if err != nil {
		tb.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(in, &doc); err != nil {
		tb.Fatal(err)
	}
	var plans []map[string]json.RawMessage
	if err := json.Unmarshal(doc["plans"], &plans); err != nil {
		tb.Fatal(err)
	}
	var all []map[string]json.RawMessage
	for i := range n {
		for _, p := range plans {
			q := map[string]json.RawMessage{}
			for k, v := range p {
				q[k] = v
			}
			q["id"] = json.RawMessage(fmt.Sprintf(`"%s-%d"`, bytes.Trim(p["id"], `"`), i))
			all = append(all, q)
		}
	}
	doc["plans"], _ = json.Marshal(all)
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkOffer decodes the sample offer, scaled, with jsonx (strict,
// every path tracked) and with encoding/json (no paths, unknown members
// ignored) into the same types, in the same run.
func BenchmarkOffer(b *testing.B) {
	for _, n := range []int{1, 250} {
		in := scaledOffer(b, n)
		b.Run(fmt.Sprintf("size=%dKB/jsonx", len(in)>>10), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				var v plainOffer
				var ps rule.Problems
				jsonx.Decode(in, &v, "", &ps)
				if len(ps) > 0 {
					b.Fatal(ps)
				}
			}
		})
		b.Run(fmt.Sprintf("size=%dKB/lenient", len(in)>>10), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				var v plainOffer
				var ps rule.Problems
				jsonx.DecodeLenient(in, &v, "", &ps)
				if len(ps) > 0 {
					b.Fatal(ps)
				}
			}
		})
		b.Run(fmt.Sprintf("size=%dKB/encoding-json", len(in)>>10), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				var v plainOffer
				if err := json.Unmarshal(in, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestOfferMemory bounds what decoding a large offer allocates: no more
// than encoding/json allocates for the same types. Both allocate about
// 5× the input, nearly all of it in the field types' own UnmarshalJSON
// (currency.Money, market.Set, plan.Plan), not in jsonx.
func TestOfferMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	in := scaledOffer(t, 2000) // about 7 MB
	measure := func(decode func()) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		decode()
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	var ps rule.Problems
	ours := measure(func() {
		var v plainOffer
		jsonx.Decode(in, &v, "", &ps)
	})
	std := measure(func() {
		var v plainOffer
		_ = json.Unmarshal(in, &v)
	})
	t.Logf("input %d bytes; jsonx allocates %.2f× the input, encoding/json %.2f×", len(in), float64(ours)/float64(len(in)), float64(std)/float64(len(in)))
	if len(ps) > 0 || ours > std*11/10 {
		t.Errorf("jsonx allocated %d bytes for %d bytes of input (%v)", ours, len(in), ps)
	}
}

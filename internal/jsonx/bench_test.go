package jsonx_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sort"
	"testing"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
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
			defer reportPerInputByte(b, len(in))()
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
			defer reportPerInputByte(b, len(in))()
			for b.Loop() {
				var v plainOffer
				if err := json.Unmarshal(in, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestOfferMemory bounds what decoding a large offer allocates (an upper
// bound of the peak memory it adds): at most 2× the input, and no more
// than encoding/json allocates for the same types. Money and Set decode
// their common form without allocating and plans decode in the same pass
// (jsonx.Plain), so what remains is the decoded value itself.
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
	if len(ps) > 0 || ours > std || ours > 2*uint64(len(in)) {
		t.Errorf("jsonx allocated %d bytes for %d bytes of input (%v)", ours, len(in), ps)
	}
}

// The sample offer's shape in plain Go types (strings for amounts and
// enums, no UnmarshalJSON of their own), to time the decoding engines
// alone: what remains when the field types' own parsing is taken out.
type (
	plainMoney struct {
		Amount   string `json:"amount"`
		Currency string `json:"currency"`
	}
	plainPlan struct {
		ID          string   `json:"id"`
		Name        string   `json:"name"`
		Description string   `json:"description"`
		Visibility  string   `json:"visibility"`
		Status      string   `json:"status"`
		Markets     []string `json:"markets"`
		Trial       *struct {
			Months int `json:"months"`
		} `json:"trial"`
		Audience *struct {
			Kind   string   `json:"kind"`
			Source string   `json:"source"`
			IDs    []string `json:"ids"`
		} `json:"audience"`
		Pricing struct {
			Model string `json:"model"`
			Terms []struct {
				Term    string     `json:"term"`
				Payment string     `json:"payment"`
				Price   plainMoney `json:"price"`
				Markets []struct {
					Market string     `json:"market"`
					Price  plainMoney `json:"price"`
				} `json:"markets"`
			} `json:"terms"`
			Meters []struct {
				Dimension string     `json:"dimension"`
				Price     plainMoney `json:"price"`
				Included  []struct {
					Term     string   `json:"term"`
					Quantity quantity `json:"quantity"`
				} `json:"included"`
			} `json:"meters"`
		} `json:"pricing"`
	}
	shapeOffer struct {
		ID                   string `json:"id"`
		Type                 string `json:"type"`
		SellThroughMicrosoft bool   `json:"sellThroughMicrosoft"`
		Listing              string `json:"listing"`
		Dimensions           []struct {
			ID          string `json:"id"`
			DisplayName string `json:"displayName"`
			Unit        string `json:"unit"`
		} `json:"dimensions"`
		Plans     []plainPlan `json:"plans"`
		Resellers struct {
			Mode string `json:"mode"`
		} `json:"resellers"`
		Preview struct {
			Source string   `json:"source"`
			Emails []string `json:"emails"`
		} `json:"preview"`
	}
)

// quantity is a number or "unlimited", as in the sample.
type quantity struct{ raw []byte }

func (q *quantity) UnmarshalJSON(b []byte) error {
	q.raw = b // not kept past the benchmark's input; no copy, for either engine
	return nil
}

// BenchmarkEngine decodes the scaled sample offer into plainly typed Go
// values with jsonx (strict, paths tracked) and encoding/json, in the same
// run: the engines' own speed and allocations.
func BenchmarkEngine(b *testing.B) {
	for _, n := range []int{1, 250} {
		in := scaledOffer(b, n)
		b.Run(fmt.Sprintf("size=%dKB/jsonx", len(in)>>10), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				var v shapeOffer
				var ps rule.Problems
				jsonx.Decode(in, &v, "", &ps)
				if len(ps) > 0 {
					b.Fatal(ps)
				}
			}
		})
		b.Run(fmt.Sprintf("size=%dKB/encoding-json", len(in)>>10), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				var v shapeOffer
				if err := json.Unmarshal(in, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEngineMemory: decoding into plain types allocates less than the
// input (the decoded strings and slices), far under twice the input.
func TestEngineMemory(t *testing.T) {
	in := scaledOffer(t, 500)
	var ps rule.Problems
	var v shapeOffer
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	jsonx.Decode(in, &v, "", &ps)
	runtime.ReadMemStats(&after)
	got := after.TotalAlloc - before.TotalAlloc
	t.Logf("input %d bytes, allocated %d (%.2f×)", len(in), got, float64(got)/float64(len(in)))
	if len(ps) > 0 || got > 2*uint64(len(in)) {
		t.Errorf("allocated %d bytes for %d bytes of input (%d problems)", got, len(in), len(ps))
	}
}

// TestPairedRatio times jsonx and encoding/json alternately (ABAB…, so
// that a busy machine slows both alike) and logs the median ratio of
// their times. It runs only with JSONX_PAIRED=1:
//
//	JSONX_PAIRED=1 go test -run PairedRatio -v ./internal/jsonx
func TestPairedRatio(t *testing.T) {
	if os.Getenv("JSONX_PAIRED") == "" {
		t.Skip("set JSONX_PAIRED=1")
	}
	for _, n := range []int{1, 250} {
		in := scaledOffer(t, n)
		pairs := []struct {
			name      string
			ours, std func()
		}{
			{"offer types", func() {
				var v plainOffer
				var ps rule.Problems
				jsonx.Decode(in, &v, "", &ps)
			}, func() {
				var v plainOffer
				_ = json.Unmarshal(in, &v)
			}},
			{"plain types", func() {
				var v shapeOffer
				var ps rule.Problems
				jsonx.Decode(in, &v, "", &ps)
			}, func() {
				var v shapeOffer
				_ = json.Unmarshal(in, &v)
			}},
		}
		for _, p := range pairs {
			t.Logf("%d KB, %s: %s", len(in)>>10, p.name, paired(p.ours, p.std, int64(len(in))))
		}
	}
}

// paired runs a and b alternately 9 times each and returns their median
// times and the median of the ratios a/b.
func paired(a, b func(), size int64, names ...string) string {
	if len(names) < 2 {
		names = []string{"jsonx", "encoding/json"}
	}
	run := func(f func()) float64 {
		r := testing.Benchmark(func(bb *testing.B) {
			bb.SetBytes(size)
			for bb.Loop() {
				f()
			}
		})
		return float64(r.T.Nanoseconds()) / float64(r.N)
	}
	var as, bs, ratios []float64
	for range 9 {
		x, y := run(a), run(b)
		as, bs, ratios = append(as, x), append(bs, y), append(ratios, x/y)
	}
	return fmt.Sprintf("%s %.0f ns/op (%.1f MB/s), %s %.0f ns/op (%.1f MB/s), median ratio %.2f",
		names[0], median(as), float64(size)*1e3/median(as), names[1], median(bs), float64(size)*1e3/median(bs), median(ratios))
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// rescanPlan is plan.Plan decoded as it was before plan.Plan implemented
// jsonx.Plain: jsonx skips each plan's bytes, then Plan.UnmarshalJSON
// scans them again.
type rescanPlan plan.Plan

func (p *rescanPlan) UnmarshalJSON(b []byte) error { return (*plan.Plan)(p).UnmarshalJSON(b) }

// TestPairedPlainHook logs what the Plain hook saves on plans. It runs
// only with JSONX_PAIRED=1.
func TestPairedPlainHook(t *testing.T) {
	if os.Getenv("JSONX_PAIRED") == "" {
		t.Skip("set JSONX_PAIRED=1")
	}
	var doc struct {
		Plans json.RawMessage `json:"plans"`
	}
	if err := json.Unmarshal(scaledOffer(t, 250), &doc); err != nil {
		t.Fatal(err)
	}
	in := []byte(doc.Plans)
	t.Logf("%d KB of plans, same pass ÷ UnmarshalJSON per plan: %s", len(in)>>10, paired(func() {
		var v []plan.Plan
		var ps rule.Problems
		jsonx.Decode(in, &v, "", &ps)
	}, func() {
		var v []rescanPlan
		var ps rule.Problems
		jsonx.Decode(in, &v, "", &ps)
	}, int64(len(in)), "same pass", "UnmarshalJSON"))
}

// reportPerInputByte starts counting allocated bytes; the function it
// returns reports them per byte of input ("B/inputB"), to be deferred
// after b.Loop.
func reportPerInputByte(b *testing.B, size int) func() {
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	return func() {
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if b.N > 0 {
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(size), "B/inputB")
		}
	}
}

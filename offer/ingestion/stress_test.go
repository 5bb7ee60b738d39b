package ingestion

import (
	"fmt"
	"strings"
	"testing"
)

// Wide objects and long arrays cost linear time: the time per entry to
// decode, change and encode stays flat from 4,000 to 16,000 meters, core
// sizes or unknown members (quadratic work would take four times as long
// per entry). A benchmark, not a timed test: compare the ns/entry metrics.
func BenchmarkWideInput(b *testing.B) {
	build := func(kind, n int) []byte {
		var parts []string
		for i := range n {
			switch kind {
			case 0:
				parts = append(parts, fmt.Sprintf(`"m%d":{"pricePerPaymentInUsd":0.01}`, i))
			case 1:
				parts = append(parts, fmt.Sprintf(`"%dcore":0.01`, i+1))
			default:
				parts = append(parts, fmt.Sprintf(`"u%d":1`, i))
			}
		}
		switch kind {
		case 0:
			return saasPlan(`"pricing":{"customMeters":{"meters":{` + strings.Join(parts, ",") + `}}}`)
		case 1:
			return vmPlan(`"pricing":{"licenseModel":"payAsYouGo","corePricing":{"priceInputOption":"perCoreSize","pricePerCoreSize":{` + strings.Join(parts, ",") + `}}}`)
		}
		return saasPlan(strings.Join(parts, ",") + `,"markets":["us"]`)
	}
	for kind, name := range []string{"meters", "coreSizes", "unknownMembers"} {
		for _, n := range []int{4000, 16000} {
			in := build(kind, n)
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				for b.Loop() {
					tree, _ := DefaultPolicy().Decode(in)
					if len(tree.Offer.Plans) == 1 {
						tree.Offer.Plans[0].Name = "changed"
					}
					_, _ = DefaultPolicy().Encode(tree)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
			})
		}
	}
}

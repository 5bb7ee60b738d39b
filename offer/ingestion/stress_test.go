package ingestion

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Wide objects and long arrays cost linear time: four times the meters,
// core sizes or unknown members take about four times as long to decode,
// change and encode (quadratic work would take sixteen times).
func TestWideInputLinear(t *testing.T) {
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
	run := func(in []byte) time.Duration {
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			tree, _ := DefaultPolicy().Decode(in)
			if len(tree.Offer.Plans) == 1 {
				tree.Offer.Plans[0].Name = "changed"
			}
			_, _ = DefaultPolicy().Encode(tree)
			best = min(best, time.Since(start))
		}
		return best
	}
	for kind := range 3 {
		small, large := run(build(kind, 4000)), run(build(kind, 16000))
		if large > 10*small+50*time.Millisecond {
			t.Errorf("case %d: 4,000 entries took %v, 16,000 took %v", kind, small, large)
		}
	}
}

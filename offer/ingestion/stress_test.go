package ingestion

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Wide objects and long arrays cost linear time: a tree with 40,000
// meters, core sizes and markets decodes and encodes in well under a
// second.
func TestWideInputLinear(t *testing.T) {
	var meters, sizes, unknown []string
	for i := range 40000 {
		meters = append(meters, fmt.Sprintf(`"m%d":{"pricePerPaymentInUsd":0.01}`, i))
		sizes = append(sizes, fmt.Sprintf(`"%dcore":0.01`, i+1))
		unknown = append(unknown, fmt.Sprintf(`"u%d":1`, i))
	}
	for _, in := range [][]byte{
		saasPlan(`"pricing":{"customMeters":{"meters":{` + strings.Join(meters, ",") + `}}}`),
		vmPlan(`"pricing":{"licenseModel":"payAsYouGo","corePricing":{"priceInputOption":"perCoreSize","pricePerCoreSize":{` + strings.Join(sizes, ",") + `}}}`),
		saasPlan(strings.Join(unknown, ",") + `,"markets":["us"]`),
	} {
		start := time.Now()
		tree, _ := DefaultPolicy().Decode(in)
		if len(tree.Offer.Plans) == 1 {
			tree.Offer.Plans[0].Name = "changed"
		}
		_, _ = DefaultPolicy().Encode(tree)
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%d bytes took %v", len(in), d)
		}
	}
}

package ingestion

import (
	"strings"
	"testing"

	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/rule"
)

// The republish check compares the live tree with a draft tree: making a
// public plan private (PLN-09) and changing a price (PLN-11) are refused
// by default; under the 2023 policy a price change is scheduled (EXT-08).
func TestRepublishRules(t *testing.T) {
	live := string(readTestdata(t, "saas-tree.json"))
	tests := []struct {
		name    string
		pol     Policy
		draft   string
		allowed bool
		rule    rule.ID
		prices  int
	}{
		{name: "unchanged", pol: DefaultPolicy(), draft: live, allowed: true},
		{name: "PLN-09 public made private", pol: DefaultPolicy(),
			draft: strings.Replace(live, `"audience": "public"`, `"audience": "private"`, 1), rule: rule.PLN09},
		{name: "PLN-11 price changed", pol: DefaultPolicy(),
			draft: strings.Replace(live, `"pricePerPaymentInUsd": 49.0`, `"pricePerPaymentInUsd": 59.0`, 1), rule: rule.PLN11},
		{name: "EXT-08 price change scheduled", pol: Policy{Offer: offer.Policy2023()},
			draft: strings.Replace(live, `"pricePerPaymentInUsd": 49.0`, `"pricePerPaymentInUsd": 59.0`, 1), allowed: true, prices: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pub, err := tt.pol.Decode([]byte(live))
			if err != nil {
				t.Fatal(err)
			}
			draft := strings.Replace(tt.draft, `"targetType": "live"`, `"targetType": "draft"`, 1)
			dr, err := tt.pol.Decode([]byte(draft))
			if err != nil {
				t.Fatal(err)
			}
			d, err := tt.pol.CheckRepublish(pub, dr)
			if err != nil {
				t.Fatal(err)
			}
			if d.Allowed != tt.allowed || len(d.Prices) != tt.prices || (tt.rule != "" && !d.Refusals.Has(tt.rule)) {
				t.Errorf("decision %v, want allowed %v, rule %s, %d prices", d, tt.allowed, tt.rule, tt.prices)
			}
		})
	}
}

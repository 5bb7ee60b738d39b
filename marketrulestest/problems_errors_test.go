package marketrulestest_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/rule"
)

// Issue 17: comparing two errors that carry rule.Problems panicked, the
// list being a slice. Every validator returns the list through
// Problems.Err, a comparable *Problems that errors.As still finds.
func TestIssue17_ProblemsErrorsCompare(t *testing.T) {
	_, quote := pricing.DefaultPolicy().Quote(pricing.Subscription{})
	_, prorate := pricing.DefaultPolicy().Prorate(pricing.Subscription{}, pricing.SubscriptionChange{}, time.Time{})
	_, tax := pricing.DefaultPolicy().Tax(market.Code(0))
	_, republish := offer.DefaultPolicy().CheckRepublish(nil, nil)
	_, decode := offer.DefaultPolicy().Decode(strings.NewReader(`{"plans":[{}],"bogus":1}`), 0)
	_, audience := plan.DefaultPolicy().ReadAudience(strings.NewReader(""), "a.csv", plan.TenantIDs)
	_, save := sheet.DefaultPolicy().Save(sheet.Sheet{}, []sheet.ListPrice{{}}, nil, time.Time{})
	errs := map[string]error{"Quote": quote, "Prorate": prorate, "Tax": tax, "CheckRepublish": republish,
		"Decode": decode, "ReadAudience": audience, "Save": save}
	for name, err := range errs {
		var ps rule.Problems
		if err == nil || !errors.As(err, &ps) || len(ps) == 0 {
			t.Errorf("%s: %v is not a list of problems", name, err)
			continue
		}
		for other, e := range errs {
			if (err == e) != (name == other) { // must not panic
				t.Errorf("%s == %s is %v", name, other, err == e)
			}
		}
	}
}

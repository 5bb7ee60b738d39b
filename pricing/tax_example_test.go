package pricing_test

import (
	"fmt"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

func ExampleDefaultPolicy_tax() {
	p := pricing.DefaultPolicy()
	fmt.Println(p.CSPTaxInclusive)
	// Output: AU BR
}

func ExamplePolicy_Tax() {
	for _, m := range []market.Code{market.AU, market.SE, market.JP} {
		d, err := pricing.DefaultPolicy().Tax(m)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(m, d.CSPIncludesTax, d.Remitted, d.Rule, d.Reason)
	}
	_, err := pricing.DefaultPolicy().Tax(market.CN)
	fmt.Println(err)
	// Output:
	// AU true true PRC-10 csp-price-includes-tax
	// SE false true PRC-10 csp-price-excludes-tax
	// JP false false PRC-10 csp-price-excludes-tax
	// market: CN is not a market where the marketplace transacts (PRC-09)
}

func ExampleTaxDecision_Explain() {
	d, _ := pricing.DefaultPolicy().Tax(market.BR)
	fmt.Println(d.Explain(rule.English))
	fmt.Println(d.Explain(rule.Swedish))
	// Output:
	// CSP prices in Brazil include tax: it is an exception to the rule that commercial prices exclude tax (PRC-10). Microsoft handles customer tax there (Microsoft resells), so the market is tax-remitted (PLN-06).
	// CSP-priser i Brazil inkluderar skatt: marknaden är ett undantag från regeln att kommersiella priser exkluderar skatt (PRC-10). Microsoft hanterar kundens skatt där (Microsoft är återförsäljare), så marknaden är skatteåterförd (PLN-06).
}

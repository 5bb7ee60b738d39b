package market_test

import (
	"fmt"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
)

func ExampleMarket_Label() {
	// A Label passed to a rule.Message renders in that message's language.
	notSold := rule.Message{English: "Not sold in %v.", Swedish: "Säljs inte i %v."}
	de := market.DE.Market().Label()
	fmt.Println(notSold.Render(rule.English, de))
	fmt.Println(notSold.Render(rule.Swedish, de))
	// Output:
	// Not sold in Germany.
	// Säljs inte i Tyskland.
}

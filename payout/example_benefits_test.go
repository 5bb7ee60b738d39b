package payout_test

import (
	"fmt"
	"time"

	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/rule"
)

func ExamplePolicy_EngagementManager() {
	e, _ := payout.DefaultPolicy().EngagementManager(payout.TrackTrial, time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC))
	fmt.Println(e.Explain(rule.English))
	fmt.Println(e.Active(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)))
	// Output:
	// a newly published trial offer gets an engagement manager for 3 months, until 2026-06-15 00:00:00 UTC (RWD-04)
	// true
}

func ExampleMayWithdraw() {
	w, _ := payout.MayWithdraw(payout.GroundDelisted)
	fmt.Println(w.Explain(rule.English))
	// Output: Microsoft may withdraw the benefits: the offer was delisted (RWD-03)
}

func ExampleCountsTowardsTier() {
	c := payout.CountsTowardsTier(false, payout.GroundCancelledBeforeUse)
	fmt.Println(c.Counts, c.Explain(rule.English))
	// Output: false the sale does not count towards the tier: the buyer cancelled before using the product (RWD-03)
}

func ExampleParseTrack() {
	t, _ := payout.ParseTrack("Consulting")
	g, _ := payout.ParseGround("mistaken_purchase")
	fmt.Println(t, g)
	// Output: consulting mistaken-purchase
}

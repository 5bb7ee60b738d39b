package payout_test

import (
	"errors"
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

// A trial offer published on March 15 has its engagement manager for three
// months, until June 15; a transact offer has one without end.
func ExampleEngagement_Active() {
	pol := payout.DefaultPolicy()
	e, _ := pol.EngagementManager(payout.TrackTrial, time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC))
	fmt.Println(e.Until.Format(time.DateOnly), e.Active(time.Date(2026, 6, 14, 23, 0, 0, 0, time.UTC)), e.Active(e.Until))
	t, _ := pol.EngagementManager(payout.TrackTransact, time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC))
	fmt.Println(t.Until.IsZero(), t.Active(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)))
	// Output:
	// 2026-06-15 true false
	// true true
}

func ExampleEngagement_Explain() {
	e, _ := payout.DefaultPolicy().EngagementManager(payout.TrackConsulting, time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC))
	fmt.Println(e.Explain(rule.English))
	fmt.Println(e.Explain(rule.Swedish))
	t, _ := payout.DefaultPolicy().EngagementManager(payout.TrackTransact, time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC))
	fmt.Println(t.Explain(rule.English))
	// Output:
	// a newly published consulting offer gets an engagement manager for 3 months, until 2026-04-30 00:00:00 UTC (RWD-04)
	// ett nypublicerat erbjudande av typen konsulttjänst får en engagemangsansvarig i 3 månader, till 2026-04-30 00:00:00 UTC (RWD-04)
	// a transact offer's benefit engagement is evergreen (RWD-04)
}

func ExampleParseGround() {
	g, err := payout.ParseGround("cancelled-before-use")
	fmt.Println(g, err)
	_, err = payout.ParseGround("late-payment")
	fmt.Println(errors.Is(err, payout.ErrGround))
	// Output:
	// cancelled-before-use <nil>
	// true
}

func ExampleTierCount_Explain() {
	c := payout.CountsTowardsTier(true, 0)
	fmt.Println(c.Counts, c.Rule, c.Explain(rule.English))
	c = payout.CountsTowardsTier(false, payout.GroundMistakenPurchase)
	fmt.Println(c.Counts, c.Rule, c.Explain(rule.Swedish))
	c = payout.CountsTowardsTier(false, 0)
	fmt.Printf("%v %q\n", c.Counts, c.Explain(rule.English))
	// Output:
	// false RWD-02 the sale does not count towards the tier: a known or suspected fraudulent purchase (RWD-02)
	// false RWD-03 försäljningen räknas inte mot nivån: köparen köpte av misstag och sade upp köpet (RWD-03)
	// true ""
}

func ExampleWithdrawal_Explain() {
	w, _ := payout.MayWithdraw(payout.GroundSponsorshipAbuse)
	fmt.Println(w.Rule, w.Reason)
	fmt.Println(w.Explain(rule.English))
	fmt.Println(w.Explain(rule.Swedish))
	// Output:
	// RWD-03 benefits-withdrawable
	// Microsoft may withdraw the benefits: abuse of Azure Sponsorship (RWD-03)
	// Microsoft kan dra tillbaka förmånerna: missbruk av Azure-sponsring (RWD-03)
}

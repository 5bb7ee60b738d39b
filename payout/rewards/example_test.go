package rewards_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/payout/rewards"
	"github.com/marketrules/marketrules/rule"
)

func ExamplePolicy_EngagementManager() {
	e, _ := rewards.DefaultPolicy().EngagementManager(rewards.Publication{Track: rewards.TrackTrial, Published: time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)})
	fmt.Println(e.Explain(rule.English))
	fmt.Println(e.ActiveAt(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)))
	// Output:
	// a newly published trial offer gets an engagement manager for 3 months, until 2026-06-15 (RWD-04)
	// true
}

func ExamplePolicy_CheckWithdrawal() {
	w, _ := rewards.DefaultPolicy().CheckWithdrawal(rewards.GroundDelisted)
	fmt.Println(w.Explain(rule.English))
	// Output: Microsoft may withdraw the benefits: the offer was delisted (RWD-03)
}

func ExamplePolicy_CountTowardsTier() {
	c, _ := rewards.DefaultPolicy().CountTowardsTier(rewards.SaleFacts{Cancelled: rewards.GroundCancelledBeforeUse})
	fmt.Println(c.Allowed, c.Explain(rule.English))
	// Output: false the sale does not count towards the tier: the buyer cancelled before using the product (RWD-03)
}

func ExampleTrack_UnmarshalText() {
	var t rewards.Track
	var g rewards.Ground
	_ = t.UnmarshalText([]byte("Consulting"))
	_ = g.UnmarshalText([]byte("Mistaken-Purchase"))
	fmt.Println(t, g)
	// Output: consulting mistaken-purchase
}

// A trial offer published on March 15 has its engagement manager for three
// months, until June 15; a transact offer has one without end.
func ExampleEngagement_ActiveAt() {
	pol := rewards.DefaultPolicy()
	e, _ := pol.EngagementManager(rewards.Publication{Track: rewards.TrackTrial, Published: time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)})
	fmt.Println(e.Until.Format(time.DateOnly), e.ActiveAt(time.Date(2026, 6, 14, 23, 0, 0, 0, time.UTC)), e.ActiveAt(e.Until))
	t, _ := pol.EngagementManager(rewards.Publication{Track: rewards.TrackTransact, Published: time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)})
	fmt.Println(t.Until.IsZero(), t.ActiveAt(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)))
	// Output:
	// 2026-06-15 true false
	// true true
}

func ExampleEngagement_Explain() {
	e, _ := rewards.DefaultPolicy().EngagementManager(rewards.Publication{Track: rewards.TrackConsulting, Published: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)})
	fmt.Println(e.Explain(rule.English))
	fmt.Println(e.Explain(rule.Swedish))
	t, _ := rewards.DefaultPolicy().EngagementManager(rewards.Publication{Track: rewards.TrackTransact, Published: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)})
	fmt.Println(t.Explain(rule.English))
	// Output:
	// a newly published consulting offer gets an engagement manager for 3 months, until 2026-04-30 (RWD-04)
	// ett nypublicerat erbjudande av typen konsulttjänst får en engagemangsansvarig i 3 månader, till 2026-04-30 (RWD-04)
	// a transact offer's benefit engagement is evergreen (RWD-04)
}

func ExampleGround_UnmarshalText() {
	var g rewards.Ground
	fmt.Println(g.UnmarshalText([]byte("cancelled-before-use")), g)
	fmt.Println(errors.Is(g.UnmarshalText([]byte("late-payment")), rewards.ErrUnknown))
	// Output:
	// <nil> cancelled-before-use
	// true
}

func ExampleTierCount_Explain() {
	p := rewards.DefaultPolicy()
	c, _ := p.CountTowardsTier(rewards.SaleFacts{Fraudulent: true})
	fmt.Println(c.Allowed, c.Rule, c.Explain(rule.English))
	c, _ = p.CountTowardsTier(rewards.SaleFacts{Cancelled: rewards.GroundMistakenPurchase})
	fmt.Println(c.Allowed, c.Rule, c.Explain(rule.Swedish))
	c, _ = p.CountTowardsTier(rewards.SaleFacts{})
	fmt.Println(c.Allowed, c)
	// Output:
	// false RWD-02 the sale does not count towards the tier: a known or suspected fraudulent purchase (RWD-02)
	// false RWD-03 försäljningen räknas inte mot nivån: köparen köpte av misstag och sade upp köpet (RWD-03)
	// true the sale counts towards the tier (RWD-01)
}

func ExampleWithdrawal_Explain() {
	w, _ := rewards.DefaultPolicy().CheckWithdrawal(rewards.GroundSponsorshipAbuse)
	fmt.Println(w.Rule, w.Reason)
	fmt.Println(w.Explain(rule.English))
	fmt.Println(w.Explain(rule.Swedish))
	// Output:
	// RWD-03 benefits-withdrawable
	// Microsoft may withdraw the benefits: abuse of Azure Sponsorship (RWD-03)
	// Microsoft kan dra tillbaka förmånerna: missbruk av Azure-sponsring (RWD-03)
}

func ExamplePolicy_Assess() {
	r, _ := rewards.DefaultPolicy().Assess(rewards.Activity{
		BilledSales: currency.MustParse("60000.00 USD"),
		Fraudulent:  currency.MustParse("15000.00 USD"),
	})
	fmt.Println(r.Name, r.BilledSales, r.Next, r.Shortfall, r.Rule)
	// Output: $25K 45000.00 USD $50K 5000.00 USD RWD-02
}

func ExampleAssessment_Explain() {
	var p rewards.Policy // the zero Policy is DefaultPolicy
	r, _ := p.Assess(rewards.Activity{TeamsMAU: 1200})
	fmt.Println(r.Explain(rule.English))
	// Output: Marketplace Rewards tier $100K, reached by a Teams app with 1,200 monthly active users; the next tier, $500K, needs $500,000.00 more billed sales. (RWD-01)
}

func ExampleDefaultPolicy() {
	p := rewards.DefaultPolicy()
	fmt.Println(len(p.Tiers), p.Tiers[2].Name, p.Tiers[2].TeamsMAU, p.EngagementMonths, p.Validate())
	// Output: 9 $25K 250 3 <nil>
}

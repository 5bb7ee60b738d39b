package rewards_test

import (
	"encoding/json"
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
	// Output: 9 $25K 250 3 months <nil>
}

func ExamplePolicy_Validate() {
	p := rewards.DefaultPolicy()
	p.Tiers[1].Name = ""
	p.EngagementMonths = -1
	fmt.Println(p.Validate())
	// Output: 2 problems: policy.tiers[1].name: a tier needs a name (RWD-01); policy.engagementMonths: -1 is not in 0…1,200 (RWD-04)
}

func ExampleAssessment_String() {
	r, _ := rewards.DefaultPolicy().Assess(rewards.Activity{BilledSales: currency.MustParse("600.00 USD")})
	fmt.Println(r.Measure, r)
	// Output: billed-sales Marketplace Rewards tier $500, reached by billed sales of $600.00; the next tier, $25K, needs $24,400.00 more billed sales. (RWD-01)
}

func ExampleEngagement_String() {
	e, _ := rewards.DefaultPolicy().EngagementManager(rewards.Publication{Track: rewards.TrackList, Published: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)})
	fmt.Println(e)
	// Output: a newly published list offer gets an engagement manager for 3 months, until 2026-04-30 (RWD-04)
}

func ExampleTierCount_String() {
	c, _ := rewards.DefaultPolicy().CountTowardsTier(rewards.SaleFacts{Fraudulent: true})
	fmt.Println(c)
	// Output: the sale does not count towards the tier: a known or suspected fraudulent purchase (RWD-02)
}

func ExampleWithdrawal_String() {
	w, _ := rewards.DefaultPolicy().CheckWithdrawal(rewards.GroundInfringement)
	fmt.Println(w.Allowed, w)
	// Output: true Microsoft may withdraw the benefits: copyright or trademark violation (RWD-03)
}

func ExampleMeasure_String() {
	fmt.Println(rewards.ByBilledSales, rewards.ByTeamsMAU, rewards.BySeatsSold)
	// Output: billed-sales teams-mau seats-sold
}

func ExampleMeasure_MarshalText() {
	b, _ := json.Marshal(map[string]rewards.Measure{"set": rewards.ByTeamsMAU, "unset": 0})
	fmt.Println(string(b))
	// Output: {"set":"teams-mau","unset":""}
}

func ExampleMeasure_UnmarshalText() {
	var m rewards.Measure
	fmt.Println(m.UnmarshalText([]byte("Seats-Sold")), m)
	// Output: <nil> seats-sold
}

func ExampleTrack_String() {
	fmt.Println(rewards.TrackList, rewards.TrackTrial, rewards.TrackConsulting, rewards.TrackTransact)
	// Output: list trial consulting transact
}

func ExampleTrack_MarshalText() {
	b, _ := json.Marshal(rewards.TrackTrial)
	fmt.Println(string(b))
	// Output: "trial"
}

func ExampleGround_String() {
	fmt.Println(rewards.GroundFraud)
	// Output: fraud
}

func ExampleGround_MarshalText() {
	b, _ := json.Marshal(rewards.GroundDelisted)
	fmt.Println(string(b))
	// Output: "delisted"
}

package offer_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Validation reports every problem at once, each with its rule and path,
// in English or Swedish.
func ExamplePolicy_CheckOffer() {
	o := offer.Offer{
		ID:                   "contoso-mail",
		Type:                 offer.SaaS,
		SellThroughMicrosoft: true,
		Listing:              offer.GetItNow,
		AzureGovernment:      true,
		Plans: []plan.Plan{
			{ID: "basic", Name: "Basic", Markets: market.SetOf(market.US),
				Pricing: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{
					{Term: plan.OneYear, Payment: plan.Annual, Price: currency.MustParse("100.00 USD")}}}},
			{ID: "team", Name: "Team", Markets: market.SetOf(market.US),
				Pricing: plan.Pricing{Model: plan.PerUser, Terms: []plan.TermPrice{
					{Term: plan.OneMonth, Price: currency.MustParse("10.00 USD")}}},
				Trial: plan.Trial{Months: 3}},
		},
	}
	err := offer.DefaultPolicy().CheckOffer(o)
	var ps rule.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Println(p.Rule, p.Path)
		}
		fmt.Print(ps.Text(rule.Swedish))
	}
	// Output:
	// OFR-09 azureGovernment
	// EXT-05 plans[0].pricing.terms[0].payment
	// TRL-02 plans[1].trial.months
	// OFR-06 plans[1].pricing.model
	// azureGovernment: Azure Government Marketplace tar bara emot erbjudanden för virtuella datorer och Azure-program (OFR-09)
	// plans[0].pricing.terms[0].payment: en period på 1 år kan inte betalas årsvis (tillåtet: i förskott, månadsvis) (EXT-05)
	// plans[1].trial.months: en kostnadsfri utvärderingsversion av den här erbjudandetypen varar 1 (månader), inte 3 (TRL-02)
	// plans[1].pricing.model: prismodellen per-user skiljer sig från plans[0]:s flat-rate: alla planer i ett erbjudande använder samma modell (OFR-06)
}

// A price change on a published plan: forbidden by default (PLN-11),
// allowed and returned for scheduling by the 2023 policy (EXT-08).
func ExamplePolicy_CheckRepublish() {
	published := offer.Offer{ID: "contoso-mail", Type: offer.SaaS, SellThroughMicrosoft: true, Listing: offer.GetItNow,
		Plans: []plan.Plan{{ID: "basic", Name: "Basic", Status: plan.Live, Visibility: plan.Public, Markets: market.SetOf(market.US),
			Pricing: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("5.00 USD")}}},
			Trial:   plan.Trial{Months: 1}}}}
	draft := published
	draft.Plans = []plan.Plan{published.Plans[0]}
	draft.Plans[0].Pricing.Terms = []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("6.00 USD")}}
	draft.Plans[0].Trial = plan.Trial{}

	d, _ := offer.DefaultPolicy().CheckRepublish(&published, &draft)
	fmt.Println("default:", d.Allowed, d.Rule, d.Reason)
	fmt.Println(d)

	draft.Plans[0].Trial = published.Plans[0].Trial
	d, _ = offer.Policy2023().CheckRepublish(&published, &draft)
	fmt.Println("2023:", d.Allowed, d.Rule, d.Reason)
	fmt.Println(d.Explain(rule.Swedish))
	for _, c := range d.Prices {
		fmt.Println("schedule:", c.Plan, c.Term, c.Old, "→", c.New)
	}
	// Output:
	// default: false EXT-04 republish-refused
	// the draft may not be republished:
	// plans[0].trial: a free trial published on a transactable plan cannot be disabled (EXT-04)
	// plans[0].pricing.terms[0].price: the published price $5.00 cannot change (now $6.00) (PLN-11)
	// 2023: true OFR-10 republish-allowed
	// utkastet får publiceras på nytt; 1 prisändring att schemalägga (OFR-10)
	// schedule: basic P1M 5.00 USD → 6.00 USD
}

// Decode reads untrusted JSON with a size limit and reports every problem
// with its path.
func ExamplePolicy_Decode() {
	in := `{"id": "contoso-mail", "type": "saas", "listing": "get-it-now",
	        "plans": [{"id": "basic", "pricing": {"model": "tiered"}, "colour": "blue"}]}`
	_, err := offer.DefaultPolicy().Decode(strings.NewReader(in), 0)
	var ps rule.Problems
	errors.As(err, &ps)
	fmt.Print(ps.Text(rule.English))

	_, err = offer.DefaultPolicy().Decode(strings.NewReader(strings.Repeat(" ", 2000)), 1000)
	fmt.Println(errors.Is(err, offer.ErrTooLarge))
	// Output:
	// plans[0].pricing.model: unknown pricing model "tiered" (want free, byol, flat-rate, per-user, usage-only, per-vcpu, per-vcpu-size or per-market-and-vcpu-size)
	// plans[0]: unknown field "colour"
	// true
}

func ExampleType_Capabilities() {
	c := offer.ManagedService.Capabilities()
	fmt.Println(c.Name, c.Plans, c.PricedPlans, c.Models, c.PrivateAudience, c.AudienceKinds)
	c = offer.VirtualMachine.Capabilities()
	fmt.Println(c.Name, c.Listings, c.Charges, c.AzureGovernment, c.Stores, c.PriceChangeCutoffDays)
	// Output:
	// Managed service true false [byol] true [subscription]
	// Azure virtual machine [get-it-now free-trial test-drive] [byol usage-based] true [azure-marketplace] 6
}

// Scope is what package plan validates a plan against.
func ExampleType_Scope() {
	s := offer.SaaS.Scope(offer.DefaultPolicy(), true, nil)
	fmt.Println(s.Models, s.Terms, s.Metering, s.TrialMonths)
	s = offer.SaaS.Scope(offer.DefaultPolicy(), false, nil) // not sold through Microsoft
	fmt.Println(s.Models, s.TrialMonths)
	// Output:
	// [flat-rate per-user usage-only] [P1M P1Y P2Y P3Y] true [1 month]
	// [] []
}

func ExampleTypes() {
	for _, t := range offer.Types() {
		c := t.Capabilities()
		fmt.Printf("%-33s plans=%-5v priced=%-5v private=%v\n", t, c.Plans, c.PricedPlans, c.PrivateAudience)
	}
	// Output:
	// azure-managed-application         plans=true  priced=true  private=true
	// azure-solution-template           plans=true  priced=false private=true
	// azure-container                   plans=true  priced=false private=false
	// iot-edge-module                   plans=true  priced=false private=false
	// managed-service                   plans=true  priced=false private=true
	// saas                              plans=true  priced=true  private=true
	// azure-virtual-machine             plans=true  priced=true  private=true
	// consulting-service                plans=false priced=false private=false
	// dynamics-365-business-central     plans=false priced=false private=false
	// dynamics-365-customer-engagement  plans=false priced=false private=false
	// dynamics-365-operations           plans=false priced=false private=false
	// power-bi-app                      plans=false priced=false private=false
}

func ExampleOffer_CanSee() {
	fabrikam := plan.MustParseGUID("e4c9ab4e-bd27-40d5-8459-230ba2a757fb")
	o := offer.Offer{Preview: offer.Preview{Emails: []string{"qa@contoso.com"}}}
	private := plan.Plan{Visibility: plan.Private, Audience: plan.NewAudience(plan.TenantIDs, plan.Manual, fabrikam)}
	public := plan.Plan{Visibility: plan.Public}

	customer := offer.Viewer{Tenant: fabrikam}
	stranger := offer.Viewer{Tenant: plan.MustParseGUID("72f988bf-86f1-41af-91ab-2d7cd011db47")}
	tester := offer.Viewer{Email: "qa@contoso.com"}
	fmt.Println("live:", o.CanSee(customer, &private, false), o.CanSee(stranger, &private, false), o.CanSee(stranger, &public, false))
	fmt.Println("preview:", o.CanSee(tester, &private, true), o.CanSee(customer, &private, true))
	// Output:
	// live: true false true
	// preview: true false
}

func ExampleRole_Can() {
	for _, r := range []offer.Role{offer.Owner, offer.Manager, offer.Developer, offer.FinancialContributor} {
		fmt.Println(r, r.Can(offer.UpdateOffers), r.Can(offer.ViewPayoutReports), r.Permissions())
	}
	// Output:
	// owner false true [configure-payout-account configure-tax-profile view-payout-reports]
	// manager true false [manage-users create-offers update-offers]
	// developer true false [create-offers update-offers]
	// financial-contributor false true [view-payout-reports]
}

// A purchase needs some prerequisites; those the purchase flow meets
// (BUY-01) do not block it.
func ExamplePurchaseDecision_Explain() {
	pol := offer.DefaultPolicy()
	p, _ := pol.CheckPurchase(offer.Buyer{
		Store:          offer.AzureMarketplace,
		HasEntraID:     true,
		Role:           offer.NoSubscriptionRole,
		PaymentMethod:  offer.CreditCard,
		BillingCountry: market.SE,
	})
	fmt.Println(p.Allowed)
	fmt.Println(p.Explain(rule.English))

	p, _ = pol.CheckPurchase(offer.Buyer{
		Store:          offer.AppSource,
		HasEntraID:     true,
		PaymentMethod:  offer.CreditCard,
		CardCountry:    market.NO,
		TenantCountry:  market.SE,
		BillingCountry: market.SE,
	})
	fmt.Println(p.Allowed)
	fmt.Println(p.Explain(rule.Swedish))
	// Output:
	// true
	// Azure Marketplace needs an active Azure subscription; the purchase flow asks the customer to create one (BUY-01)
	// false
	// AppSource kräver ett kreditkort med faktureringsadress i klientens land (SE), inte NO (BUY-03)
}

func ExampleResellers_Allows() {
	named := offer.Resellers{Mode: offer.NamedResellers, Partners: []string{"4471325"}}
	all := offer.Resellers{Mode: offer.AllResellers}
	fmt.Println(named.Allows("4471325"), named.Allows("5102987"), all.Allows("5102987"), offer.Resellers{}.Allows("4471325"))
	// Output:
	// true false true false
}

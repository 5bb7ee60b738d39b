package offer_test

import (
	"errors"
	"fmt"
	"github.com/marketrules/marketrules/calendar"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

func ExampleOffer_Plan() {
	o := offer.Offer{ID: "contoso-mail", Type: offer.SaaS, Plans: []plan.Plan{
		{ID: "basic", Name: "Basic"},
		{ID: "premium", Name: "Premium", Visibility: plan.Private},
	}}
	p, ok := o.Plan("premium")
	fmt.Println(p.Name, p.Visibility, ok)
	_, ok = o.Plan("enterprise")
	fmt.Println(ok)
	// Output:
	// Premium private true
	// false
}

// Only VM, managed application and SaaS offers can be sold through
// Microsoft (OFR-08).
func ExampleOffer_SellsThroughMicrosoft() {
	saas := offer.Offer{ID: "contoso-mail", Type: offer.SaaS, SellThroughMicrosoft: true}
	listed := offer.Offer{ID: "contoso-mail", Type: offer.SaaS}
	consulting := offer.Offer{ID: "contoso-audit", Type: offer.ConsultingService, SellThroughMicrosoft: true}
	fmt.Println(saas.SellsThroughMicrosoft(), listed.SellsThroughMicrosoft(), consulting.SellsThroughMicrosoft())
	// Output: true false false
}

func ExampleDefaultPolicy() {
	pol := offer.DefaultPolicy()
	fmt.Println(pol.MaxPlans, pol.MaxPrivatePlans, pol.MaxDimensions, pol.NameMax)
	fmt.Println(pol.SaaSTrialMonths, pol.VMTrialMonths, pol.PriceChanges)
	// Output:
	// 100 45 30 50
	// [1 month] [1 month 3 months 6 months] false
}

// The 2022–2023 documents allow longer plan names (EXT-14) and scheduled
// price changes on live plans (EXT-08).
func ExamplePolicy2023() {
	pol := offer.Policy2023()
	fmt.Println(pol.Name, pol.NameMax, pol.DescriptionMax, pol.PreviewManualMax, pol.PreviewCSVMax, pol.PriceChanges)
	// Output: 2023 200 3000 10 20 true
}

// While an offer is in preview, its preview audience sees every plan;
// e-mail addresses match whatever their case (PLN-10).
func ExampleOffer_CanSee_preview() {
	o := offer.Offer{Preview: offer.Preview{Emails: []string{"qa@contoso.com", "pm@contoso.com"}}}
	hidden := plan.Plan{Visibility: plan.Hidden}
	fmt.Println(o.CanSee(offer.Viewer{Email: "QA@Contoso.com"}, &hidden, true), o.CanSee(offer.Viewer{Email: "ceo@fabrikam.com"}, &hidden, true))
	// Output: true false
}

// An Azure Marketplace purchase by a Reader of the subscription, paying
// with Azure credits: two blocking requirements.
func ExamplePolicy_CheckPurchase() {
	p, _ := offer.DefaultPolicy().CheckPurchase(offer.Buyer{
		Store: offer.AzureMarketplace, HasEntraID: true, HasActiveSubscription: true,
		Role: offer.SubscriptionReader, PaymentMethod: offer.AzureCredits, BillingCountry: market.SE,
	})
	fmt.Println(p.Allowed, p.Rule, p.Reason, len(p.Requirements))
	fmt.Println(p.Explain(rule.English))
	// Output:
	// false PRC-11 azure-credits 2
	// prepaid or sponsored Azure credits cannot pay for partner solutions (PRC-11)
	// the buying user needs the Owner or Contributor role on the Azure subscription, not Reader (BUY-02)
}

// A first-time buyer with neither an Entra ID nor an Azure subscription:
// the purchase flow creates both, so neither blocks the purchase.
func ExampleRequirement_Explain() {
	p, _ := offer.DefaultPolicy().CheckPurchase(offer.Buyer{Store: offer.AzureMarketplace, PaymentMethod: offer.Invoice, BillingCountry: market.US})
	fmt.Println(p.Allowed, p.Rule, p.Reason)
	for _, r := range p.Requirements {
		fmt.Println(r.Rule, r.Reason, r.InFlow)
		fmt.Println(r.Explain(rule.Swedish))
	}
	// Output:
	// true BUY-01 create-entra-id
	// BUY-01 create-entra-id true
	// kräver en Entra ID-klient (Azure AD); köpflödet ber kunden att skapa en (BUY-01)
	// BUY-01 create-azure-subscription true
	// Azure Marketplace kräver en aktiv Azure-prenumeration; köpflödet ber kunden att skapa en (BUY-01)
}

func ExampleRole_Permissions() {
	for _, r := range []offer.Role{offer.Owner, offer.Developer} {
		fmt.Println(r, r.Permissions())
	}
	// Output:
	// owner [configure-payout-account configure-tax-profile view-payout-reports]
	// developer [create-offers update-offers]
}

// Free trials on plans exist only for transactable VM and SaaS offers
// (TRL-01).
func ExampleType_HasPlanTrials() {
	for _, t := range []offer.Type{offer.SaaS, offer.VirtualMachine, offer.ManagedApplication, offer.Container} {
		fmt.Print(t, "=", t.HasPlanTrials(), " ")
	}
	fmt.Println()
	// Output: saas=true azure-virtual-machine=true azure-managed-application=false azure-container=false
}

// A SaaS trial lasts one month, a virtual machine trial 1, 3 or 6 months
// (TRL-02).
func ExampleType_Scope_trialMonths() {
	pol := offer.DefaultPolicy()
	fmt.Println(offer.SaaS.Scope(pol, true, nil).TrialMonths, offer.VirtualMachine.Scope(pol, true, nil).TrialMonths,
		offer.ManagedApplication.Scope(pol, true, nil).TrialMonths == nil)
	// Output: [1 month] [1 month 3 months 6 months] true
}

// A policy's limits are checked before it is used, each at its JSON path;
// the zero Policy means DefaultPolicy().
func ExamplePolicy_Validate() {
	pol := offer.DefaultPolicy()
	pol.MaxPlans = 0
	pol.VMTrialMonths = []calendar.Months{1, 13}
	var ps rule.Problems
	errors.As(pol.Validate(), &ps)
	fmt.Print(ps.Text(rule.English))
	fmt.Println(offer.Policy{}.Validate())
	// Output:
	// policy.maxPlans: limit 0 is out of range (want 1 to 1,000,000) (OFR-03)
	// policy.vmTrialMonths[1]: a free trial of 13 months is out of range (want 1 to 12) (TRL-02)
	// <nil>
}

func ExamplePurchaseDecision_String() {
	p, _ := offer.DefaultPolicy().CheckPurchase(offer.Buyer{Store: offer.AppSource, HasEntraID: true,
		PaymentMethod: offer.CreditCard, CardCountry: market.SE, TenantCountry: market.SE, BillingCountry: market.SE})
	fmt.Println(p.Allowed, p.Rule, p.Reason)
	fmt.Println(p)
	// Output:
	// true BUY-01 prerequisites-met
	// every purchase prerequisite is met (BUY-01)
}

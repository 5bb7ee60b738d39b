package marketrulestest

import (
	"iter"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
)

// The fixtures are written with exact minor units (usd(4999) is 49.99 USD)
// so that no fixture can fail or panic; TestFixturesValidate proves that
// every one validates under offer.DefaultPolicy().

func usd(cents int64) currency.Money { return currency.MustFromMinor(cents, currency.USD) }

// rate returns coef × 10^−scale; the fixtures' rates are small and cannot
// fail.
func rate(coef int64, scale int) currency.Rate {
	r, _ := currency.NewRate(coef, scale)
	return r
}

func monthly(cents int64) []plan.TermPrice {
	return []plan.TermPrice{{Term: plan.OneMonth, Price: usd(cents)}}
}

func included(q plan.Quantity, terms ...plan.Term) []plan.Included {
	out := make([]plan.Included, len(terms))
	for i, t := range terms {
		out[i] = plan.Included{Term: t, Quantity: q}
	}
	return out
}

func preview() offer.Preview {
	return offer.Preview{Emails: []string{"qa@contoso.example"}}
}

// SaaSFlatRateOffer returns a valid SaaS offer sold through Microsoft with
// flat-rate plans and two metering dimensions, "emails" (per 100 emails) and
// "texts" (per text message):
//
//   - "basic": live, 5.00 USD a month (49.00 SEK in Sweden), with 100
//     emails and 1,000 texts included, then 1.00 and 0.05 USD per unit;
//   - "premium": live, 350.00 USD a year upfront, 600.00 USD for 2 years
//     paid monthly, 850.00 USD for 3 years paid annually, with meters;
//   - "starter": a draft, 20.00 USD a month with a 1-month free trial;
//   - "enterprise": live and private to TenantID(1) and TenantID(2),
//     50.00 USD a month, emails and texts unlimited.
//
// Each call returns a new value: the caller may change it.
func SaaSFlatRateOffer() offer.Offer {
	markets := market.SetOf(market.US, market.SE, market.DE, market.GB, market.JP, market.NO)
	return offer.Offer{
		ID:                   "contoso-mail",
		Type:                 offer.SaaS,
		SellThroughMicrosoft: true,
		Listing:              offer.GetItNow,
		Dimensions: []plan.Dimension{
			{ID: "emails", DisplayName: "Emails sent", Unit: "per 100 emails"},
			{ID: "texts", DisplayName: "Text messages", Unit: "per text message"},
		},
		Plans: []plan.Plan{
			{
				ID: "basic", Name: "Basic", Description: "100 emails and 1,000 texts a month.",
				Status: plan.Live, Markets: markets,
				Pricing: plan.Pricing{Model: plan.FlatRate,
					Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: usd(500),
						Markets: []plan.MarketPrice{{Market: market.SE, Price: currency.MustFromMinor(4900, currency.SEK)}}}},
					Meters: []plan.Meter{
						{Dimension: "emails", Price: usd(100), Included: included(100, plan.OneMonth)},
						{Dimension: "texts", Price: usd(5), Included: included(1000, plan.OneMonth)},
					}},
			},
			{
				ID: "premium", Name: "Premium", Description: "More emails and texts, for 1, 2 or 3 years.",
				Status: plan.Live, Markets: markets,
				Pricing: plan.Pricing{Model: plan.FlatRate,
					Terms: []plan.TermPrice{
						{Term: plan.OneYear, Payment: plan.Upfront, Price: usd(35000)},
						{Term: plan.TwoYears, Payment: plan.Monthly, Price: usd(60000)},
						{Term: plan.ThreeYears, Payment: plan.Annual, Price: usd(85000)},
					},
					Meters: []plan.Meter{
						{Dimension: "emails", Price: usd(100), Included: []plan.Included{
							{Term: plan.OneYear, Quantity: 500}, {Term: plan.TwoYears, Quantity: 1200}, {Term: plan.ThreeYears, Quantity: plan.Unlimited}}},
						{Dimension: "texts", Price: usd(2), Included: included(5000, plan.OneYear, plan.TwoYears, plan.ThreeYears)},
					}},
			},
			{
				ID: "starter", Name: "Starter", Description: "A flat monthly fee with a one-month free trial.",
				Markets: market.SetOf(market.US, market.SE),
				Pricing: plan.Pricing{Model: plan.FlatRate, Terms: monthly(2000)},
				Trial:   plan.Trial{Months: 1},
			},
			{
				ID: "enterprise", Name: "Enterprise", Description: "Unlimited emails and texts for two tenants.",
				Visibility: plan.Private, Audience: plan.NewAudience(plan.TenantIDs, plan.Manual, TenantID(1), TenantID(2)),
				Status: plan.Live, Markets: market.SetOf(market.US, market.SE),
				Pricing: plan.Pricing{Model: plan.FlatRate, Terms: monthly(5000),
					Meters: []plan.Meter{
						{Dimension: "emails", Price: usd(0), Included: included(plan.Unlimited, plan.OneMonth)},
						{Dimension: "texts", Price: usd(0), Included: included(plan.Unlimited, plan.OneMonth)},
					}},
			},
		},
		Resellers: offer.Resellers{Mode: offer.AllResellers},
		Preview:   preview(),
	}
}

// SaaSPerUserOffer returns a valid SaaS offer sold through Microsoft with
// plans priced per user (EXT-06):
//
//   - "team": live, 10.00 USD per user a month or 108.00 USD per user for
//     a year paid monthly, 1 to 100 users, with a 1-month free trial;
//   - "business": live, 96.00 USD per user a year upfront, at least 50
//     users.
func SaaSPerUserOffer() offer.Offer {
	markets := market.SetOf(market.US, market.SE, market.DE, market.GB, market.JP)
	return offer.Offer{
		ID:                   "contoso-crm",
		Type:                 offer.SaaS,
		SellThroughMicrosoft: true,
		Listing:              offer.GetItNow,
		Plans: []plan.Plan{
			{
				ID: "team", Name: "Team", Status: plan.Live, Markets: markets,
				Pricing: plan.Pricing{Model: plan.PerUser,
					Terms: []plan.TermPrice{
						{Term: plan.OneMonth, Price: usd(1000)},
						{Term: plan.OneYear, Payment: plan.Monthly, Price: usd(10800)},
					},
					Users: plan.Users{Min: 1, Max: 100}},
				Trial: plan.Trial{Months: 1},
			},
			{
				ID: "business", Name: "Business", Status: plan.Live, Markets: markets,
				Pricing: plan.Pricing{Model: plan.PerUser,
					Terms: []plan.TermPrice{{Term: plan.OneYear, Payment: plan.Upfront, Price: usd(9600)}},
					Users: plan.Users{Min: 50}},
			},
		},
		Resellers: offer.Resellers{Mode: offer.AllResellers},
	}
}

// ManagedApplicationOffer returns a valid Azure managed application offer
// sold through Microsoft and listed in Azure Government (OFR-09): "standard",
// live, 99.00 USD a month plus 0.10 USD per "managed-vm" hour beyond 100,
// and "fabrikam", private to SubscriptionID(1) (an application's audience
// lists subscriptions, PLN-08), 79.00 USD a month.
func ManagedApplicationOffer() offer.Offer {
	markets := market.SetOf(market.US, market.SE, market.DE, market.GB)
	meters := func(cents int64) []plan.Meter {
		return []plan.Meter{{Dimension: "managed-vm", Price: usd(cents), Included: included(100, plan.OneMonth)}}
	}
	return offer.Offer{
		ID:                   "contoso-managed-sql",
		Type:                 offer.ManagedApplication,
		SellThroughMicrosoft: true,
		Listing:              offer.GetItNow,
		AzureGovernment:      true,
		Dimensions:           []plan.Dimension{{ID: "managed-vm", DisplayName: "Managed VM hours", Unit: "per hour"}},
		Plans: []plan.Plan{
			{
				ID: "standard", Name: "Standard", Summary: "Managed SQL Server, patched and backed up.",
				Status: plan.Live, Markets: markets,
				Pricing: plan.Pricing{Model: plan.FlatRate, Terms: monthly(9900), Meters: meters(10)},
			},
			{
				ID: "fabrikam", Name: "Standard (Fabrikam)", Summary: "The standard plan at Fabrikam's price.",
				Visibility: plan.Private, Audience: plan.NewAudience(plan.SubscriptionIDs, plan.Manual, SubscriptionID(1)),
				Status: plan.Live, Markets: market.SetOf(market.US),
				Pricing: plan.Pricing{Model: plan.FlatRate, Terms: monthly(7900), Meters: meters(8)},
			},
		},
	}
}

// SolutionTemplateOffer returns a valid Azure solution template offer:
// free plans (solution templates are not sold through Microsoft, OFR-02),
// "single-vm" and a private "ha-cluster" for SubscriptionID(1).
func SolutionTemplateOffer() offer.Offer {
	return offer.Offer{
		ID:      "contoso-wordpress",
		Type:    offer.SolutionTemplate,
		Listing: offer.GetItNow,
		Plans: []plan.Plan{
			{ID: "single-vm", Name: "Single VM", Summary: "WordPress on one VM.", Status: plan.Live,
				Markets: market.SetOf(market.US, market.SE, market.DE), Pricing: plan.Pricing{Model: plan.Free}},
			{ID: "ha-cluster", Name: "High-availability cluster", Summary: "WordPress on three VMs behind a load balancer.",
				Visibility: plan.Private, Audience: plan.NewAudience(plan.SubscriptionIDs, plan.Manual, SubscriptionID(1)),
				Markets: market.SetOf(market.US), Pricing: plan.Pricing{Model: plan.Free}},
		},
	}
}

// ContainerOffer returns a valid Azure container offer with one BYOL plan,
// "byol" (containers are free or BYOL, and have no private plans).
func ContainerOffer() offer.Offer {
	return offer.Offer{
		ID:      "contoso-cache-container",
		Type:    offer.Container,
		Listing: offer.GetItNow,
		Plans: []plan.Plan{{ID: "byol", Name: "Bring your own license", Summary: "Use your Contoso Cache license.",
			Status: plan.Live, Markets: market.SetOf(market.US, market.SE, market.DE), Pricing: plan.Pricing{Model: plan.BYOL}}},
	}
}

// IoTEdgeModuleOffer returns a valid IoT Edge module offer with one free
// plan, "free".
func IoTEdgeModuleOffer() offer.Offer {
	return offer.Offer{
		ID:      "contoso-sensor-module",
		Type:    offer.IoTEdgeModule,
		Listing: offer.GetItNow,
		Plans: []plan.Plan{{ID: "free", Name: "Free", Summary: "Reads temperature sensors at the edge.",
			Status: plan.Live, Markets: market.SetOf(market.US, market.SE), Pricing: plan.Pricing{Model: plan.Free}}},
	}
}

// ManagedServiceOffer returns a valid managed service offer: BYOL plans
// (managed services are BYOL only), a public "monitoring" and a private
// "fabrikam-ops" for SubscriptionID(1) and SubscriptionID(2).
func ManagedServiceOffer() offer.Offer {
	return offer.Offer{
		ID:      "contoso-managed-ops",
		Type:    offer.ManagedService,
		Listing: offer.GetItNow,
		Plans: []plan.Plan{
			{ID: "monitoring", Name: "Monitoring", Summary: "24/7 monitoring of your Azure resources.",
				Status: plan.Live, Markets: market.SetOf(market.US, market.SE), Pricing: plan.Pricing{Model: plan.BYOL}},
			{ID: "fabrikam-ops", Name: "Operations (Fabrikam)", Summary: "Monitoring and operations for Fabrikam.",
				Visibility: plan.Private, Audience: plan.NewAudience(plan.SubscriptionIDs, plan.Manual, SubscriptionID(1), SubscriptionID(2)),
				Status: plan.Live, Markets: market.SetOf(market.US), Pricing: plan.Pricing{Model: plan.BYOL}},
		},
	}
}

// VirtualMachineOffer returns a valid Azure virtual machine offer sold
// through Microsoft with plans priced per hour by VM size (EXT-07):
//
//   - "cis-l1": live, 0.06 to 0.36 USD an hour for 2 to 16 vCPUs, with
//     1- and 3-year software reservations saving 30% and 50%;
//   - "cis-l2": live, 0.09 to 0.32 USD an hour for 2 to 8 vCPUs, a 3-month
//     free trial, reservations saving 25% and 45%;
//   - "woodgrove": live and private to SubscriptionID(1), 0.14 and 0.50 USD
//     an hour for 4 and 16 vCPUs, a 3-year reservation saving 55%.
func VirtualMachineOffer() offer.Offer {
	size := func(vcpus int, cents int64) plan.SizePrice { return plan.SizePrice{VCPUs: vcpus, Price: usd(cents)} }
	res := func(t plan.Term, pct int64) plan.Reservation { return plan.Reservation{Term: t, Saving: rate(pct, 2)} }
	markets := market.SetOf(market.US, market.SE, market.DE, market.GB, market.JP, market.AU)
	return offer.Offer{
		ID:                   "contoso-hardened-ubuntu",
		Type:                 offer.VirtualMachine,
		SellThroughMicrosoft: true,
		Listing:              offer.GetItNow,
		AzureGovernment:      true,
		Plans: []plan.Plan{
			{
				ID: "cis-l1", Name: "Ubuntu 24.04 LTS, CIS Level 1", Summary: "Hardened to CIS Level 1, patched monthly.",
				Status: plan.Live, Markets: markets,
				Pricing: plan.Pricing{Model: plan.PerVCPUSize, VM: plan.VMPricing{
					Sizes:        []plan.SizePrice{size(2, 6), size(4, 11), size(8, 20), size(16, 36)},
					Reservations: []plan.Reservation{res(plan.OneYear, 30), res(plan.ThreeYears, 50)},
				}},
			},
			{
				ID: "cis-l2", Name: "Ubuntu 24.04 LTS, CIS Level 2", Summary: "CIS Level 2; free for three months.",
				Status: plan.Live, Markets: markets,
				Pricing: plan.Pricing{Model: plan.PerVCPUSize, VM: plan.VMPricing{
					Sizes:        []plan.SizePrice{size(2, 9), size(4, 17), size(8, 32)},
					Reservations: []plan.Reservation{res(plan.OneYear, 25), res(plan.ThreeYears, 45)},
				}},
				Trial: plan.Trial{Months: 3},
			},
			{
				ID: "woodgrove", Name: "Ubuntu 24.04 LTS, CIS Level 2 (Woodgrove)", Summary: "Level 2 at Woodgrove Bank's prices.",
				Visibility: plan.Private, Audience: plan.NewAudience(plan.SubscriptionIDs, plan.Manual, SubscriptionID(1)),
				Status: plan.Live, Markets: market.SetOf(market.US, market.GB),
				Pricing: plan.Pricing{Model: plan.PerVCPUSize, VM: plan.VMPricing{
					Sizes:        []plan.SizePrice{size(4, 14), size(16, 50)},
					Reservations: []plan.Reservation{res(plan.ThreeYears, 55)},
				}},
			},
		},
	}
}

// VirtualMachineBYOLOffer returns a valid Azure virtual machine offer with
// one BYOL plan, "byol": the customer brings a license, and Microsoft bills
// only the Azure infrastructure (PRC-01).
func VirtualMachineBYOLOffer() offer.Offer {
	return offer.Offer{
		ID:                   "contoso-firewall-byol",
		Type:                 offer.VirtualMachine,
		SellThroughMicrosoft: true,
		Listing:              offer.GetItNow,
		Plans: []plan.Plan{{ID: "byol", Name: "Firewall (BYOL)", Summary: "Bring your Contoso Firewall license.",
			Status: plan.Live, Markets: market.SetOf(market.US, market.SE, market.DE, market.GB),
			Pricing: plan.Pricing{Model: plan.BYOL}}},
	}
}

// VirtualMachineFreeOffer returns a valid Azure virtual machine offer with
// one free plan, "free", also listed in China, where only free and BYOL
// images are listed (PRC-09).
func VirtualMachineFreeOffer() offer.Offer {
	return offer.Offer{
		ID:                   "contoso-dev-image",
		Type:                 offer.VirtualMachine,
		SellThroughMicrosoft: true,
		Listing:              offer.GetItNow,
		Plans: []plan.Plan{{ID: "free", Name: "Developer image", Summary: "Free developer tools on Ubuntu.",
			Status: plan.Live, Markets: market.SetOf(market.US, market.SE, market.CN),
			Pricing: plan.Pricing{Model: plan.Free}}},
	}
}

// ConsultingServiceOffer returns a valid consulting service offer: no plans
// (OFR-01), listed with Contact me.
func ConsultingServiceOffer() offer.Offer {
	return offer.Offer{ID: "contoso-migration-assessment", Type: offer.ConsultingService, Listing: offer.ContactMe}
}

// BusinessCentralOffer returns a valid Dynamics 365 Business Central offer:
// no plans, listed with Get it now.
func BusinessCentralOffer() offer.Offer {
	return offer.Offer{ID: "contoso-bc-payroll", Type: offer.BusinessCentral, Listing: offer.GetItNow}
}

// CustomerEngagementOffer returns a valid Dynamics 365 Customer Engagement
// & Power Apps offer: no plans, listed with Free trial.
func CustomerEngagementOffer() offer.Offer {
	return offer.Offer{ID: "contoso-field-service", Type: offer.CustomerEngagement, Listing: offer.FreeTrial}
}

// DynamicsOperationsOffer returns a valid Dynamics 365 for Operations
// offer: no plans, listed with Test drive.
func DynamicsOperationsOffer() offer.Offer {
	return offer.Offer{ID: "contoso-warehouse", Type: offer.DynamicsOperations, Listing: offer.TestDrive}
}

// PowerBIAppOffer returns a valid Power BI app offer: no plans, listed with
// Get it now.
func PowerBIAppOffer() offer.Offer {
	return offer.Offer{ID: "contoso-sales-dashboard", Type: offer.PowerBIApp, Listing: offer.GetItNow}
}

// Offers returns every offer fixture with its name, "saas-flat-rate",
// "saas-per-user", … in the order of the offer types (OFR-01), for
// table-driven tests:
//
//	for name, o := range marketrulestest.Offers() {
//		t.Run(name, func(t *testing.T) { … })
//	}
//
// Each offer is a new value.
func Offers() iter.Seq2[string, offer.Offer] {
	return func(yield func(string, offer.Offer) bool) {
		for _, f := range fixtures {
			if !yield(f.name, f.offer()) {
				return
			}
		}
	}
}

var fixtures = [...]struct {
	name  string
	offer func() offer.Offer
}{
	{"managed-application", ManagedApplicationOffer},
	{"solution-template", SolutionTemplateOffer},
	{"container", ContainerOffer},
	{"iot-edge-module", IoTEdgeModuleOffer},
	{"managed-service", ManagedServiceOffer},
	{"saas-flat-rate", SaaSFlatRateOffer},
	{"saas-per-user", SaaSPerUserOffer},
	{"virtual-machine", VirtualMachineOffer},
	{"virtual-machine-byol", VirtualMachineBYOLOffer},
	{"virtual-machine-free", VirtualMachineFreeOffer},
	{"consulting-service", ConsultingServiceOffer},
	{"business-central", BusinessCentralOffer},
	{"customer-engagement", CustomerEngagementOffer},
	{"dynamics-operations", DynamicsOperationsOffer},
	{"power-bi-app", PowerBIAppOffer},
}

// PurchaseTestPlan returns the plan PLN-13 recommends for an end-to-end
// purchase test: a SaaS flat-rate plan, "purchase-test", private to
// TenantID(1) (the publisher's test tenant), sold in the United States at
// 1.00 USD a month. A paid price exercises the whole paid-subscription
// flow: a quote, a charge and a store service fee (PAY-05).
// [ZeroPriceTestPlan] is the 0.00 USD alternative.
func PurchaseTestPlan() plan.Plan {
	return plan.Plan{
		ID:          "purchase-test",
		Name:        "Purchase test",
		Description: "A private 1.00 USD plan for an end-to-end purchase test (PLN-13).",
		Visibility:  plan.Private,
		Audience:    plan.NewAudience(plan.TenantIDs, plan.Manual, TenantID(1)),
		Markets:     market.SetOf(market.US),
		Pricing:     plan.Pricing{Model: plan.FlatRate, Terms: monthly(100)},
	}
}

// ZeroPriceTestPlan is [PurchaseTestPlan] priced at 0.00 USD, ID
// "purchase-test-free". PLN-13 notes that 0.00 USD is supported but does not
// exercise a paid subscription: nothing is charged and no store service fee
// is due (PAY-06), so prefer PurchaseTestPlan for an end-to-end test.
func ZeroPriceTestPlan() plan.Plan {
	p := PurchaseTestPlan()
	p.ID, p.Name = "purchase-test-free", "Purchase test (free)"
	p.Description = "A private 0.00 USD plan: supported, but it does not exercise a paid subscription (PLN-13)."
	p.Pricing.Terms = monthly(0)
	return p
}

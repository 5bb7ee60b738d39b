package offer_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/rule"
)

// req is what the tests compare of a Requirement.
type req struct {
	Rule   rule.ID
	Reason rule.Reason
	InFlow bool
}

func reqs(p offer.PurchaseDecision) []req {
	var out []req
	for _, r := range p.Requirements {
		out = append(out, req{r.Rule, r.Reason, r.InFlow})
	}
	return out
}

// azureBuyer may buy on Azure Marketplace.
func azureBuyer() offer.Buyer {
	return offer.Buyer{Store: offer.AzureMarketplace, HasEntraID: true, HasActiveSubscription: true,
		Role: offer.SubscriptionContributor, PaymentMethod: offer.Invoice, BillingCountry: market.SE}
}

// appSourceBuyer may buy on AppSource.
func appSourceBuyer() offer.Buyer {
	return offer.Buyer{Store: offer.AppSource, HasEntraID: true, PaymentMethod: offer.CreditCard,
		CardCountry: market.SE, TenantCountry: market.SE, BillingCountry: market.SE}
}

type btest struct {
	name    string
	base    func() offer.Buyer
	change  func(*offer.Buyer)
	allowed bool
	want    []req
}

func runBuy(t *testing.T, tests []btest) {
	t.Helper()
	for _, tt := range tests {
		b := tt.base()
		if tt.change != nil {
			tt.change(&b)
		}
		p := checkPurchase(b)
		if p.Allowed != tt.allowed {
			t.Errorf("%s: Allowed = %v, want %v (%+v)", tt.name, p.Allowed, tt.allowed, p.Requirements)
		}
		if diff := cmp.Diff(tt.want, reqs(p)); diff != "" {
			t.Errorf("%s: requirements (-want +got):\n%s", tt.name, diff)
		}
	}
}

// BUY-01: Azure Marketplace needs an Entra ID and an active Azure
// subscription, AppSource an Entra ID; the purchase flow creates missing
// ones, so they do not block (InFlow).
func TestBUY01_EntraIDAndSubscription(t *testing.T) {
	runBuy(t, []btest{
		{name: "azure, all there", base: azureBuyer, allowed: true},
		{name: "appsource, all there", base: appSourceBuyer, allowed: true},
		{name: "azure, no Entra ID", base: azureBuyer, change: func(b *offer.Buyer) { b.HasEntraID = false }, allowed: true,
			want: []req{{rule.BUY01, offer.ReasonCreateEntraID, true}}},
		{name: "azure, no subscription", base: azureBuyer, change: func(b *offer.Buyer) { b.HasActiveSubscription = false; b.Role = offer.NoSubscriptionRole },
			allowed: true, want: []req{{rule.BUY01, offer.ReasonCreateSubscription, true}}},
		{name: "azure, neither", base: azureBuyer, change: func(b *offer.Buyer) {
			b.HasEntraID, b.HasActiveSubscription, b.Role = false, false, offer.NoSubscriptionRole
		}, allowed: true, want: []req{{rule.BUY01, offer.ReasonCreateEntraID, true}, {rule.BUY01, offer.ReasonCreateSubscription, true}}},
		{name: "appsource, no Entra ID", base: appSourceBuyer, change: func(b *offer.Buyer) { b.HasEntraID = false }, allowed: true,
			want: []req{{rule.BUY01, offer.ReasonCreateEntraID, true}}},
		{name: "appsource needs no subscription", base: appSourceBuyer, change: func(b *offer.Buyer) { b.HasActiveSubscription = false; b.Role = 0 }, allowed: true},
	})
}

// BUY-02: Owner or Contributor on the Azure subscription.
func TestBUY02_SubscriptionRole(t *testing.T) {
	role := func(r offer.SubscriptionRole) func(*offer.Buyer) { return func(b *offer.Buyer) { b.Role = r } }
	runBuy(t, []btest{
		{name: "owner", base: azureBuyer, change: role(offer.SubscriptionOwner), allowed: true},
		{name: "contributor", base: azureBuyer, change: role(offer.SubscriptionContributor), allowed: true},
		{name: "reader", base: azureBuyer, change: role(offer.SubscriptionReader), want: []req{{rule.BUY02, offer.ReasonSubscriptionRole, false}}},
		{name: "none", base: azureBuyer, change: role(offer.NoSubscriptionRole), want: []req{{rule.BUY02, offer.ReasonSubscriptionRole, false}}},
		{name: "appsource does not ask", base: appSourceBuyer, change: role(offer.SubscriptionReader), allowed: true},
	})
	for r, name := range map[offer.SubscriptionRole]string{offer.NoSubscriptionRole: "none", offer.SubscriptionOwner: "owner", offer.SubscriptionContributor: "contributor", offer.SubscriptionReader: "reader"} {
		b, err := r.MarshalText()
		var back offer.SubscriptionRole
		if err != nil || string(b) != name || r.String() != name || back.UnmarshalText(b) != nil || back != r {
			t.Errorf("%v: %q, %v", r, b, err)
		}
	}
}

// BUY-03: on AppSource, a credit card billed in the tenant's country.
func TestBUY03_CardCountry(t *testing.T) {
	runBuy(t, []btest{
		{name: "same country", base: appSourceBuyer, allowed: true},
		{name: "other country", base: appSourceBuyer, change: func(b *offer.Buyer) { b.CardCountry = market.NO },
			want: []req{{rule.BUY03, offer.ReasonCardCountry, false}}},
		{name: "card country unknown", base: appSourceBuyer, change: func(b *offer.Buyer) { b.CardCountry = 0 },
			want: []req{{rule.BUY03, offer.ReasonCardCountry, false}}},
		{name: "tenant country unknown", base: appSourceBuyer, change: func(b *offer.Buyer) { b.TenantCountry = 0 },
			want: []req{{rule.BUY03, offer.ReasonCardCountry, false}}},
		{name: "azure marketplace does not ask", base: azureBuyer, change: func(b *offer.Buyer) {
			b.PaymentMethod, b.CardCountry, b.TenantCountry = offer.CreditCard, market.NO, market.SE
		}, allowed: true},
	})
}

// PRC-09: customers buy in the 141 transacting markets.
func TestPRC09_Markets(t *testing.T) {
	n := 0
	for c := range market.All() {
		b := azureBuyer()
		b.BillingCountry = c.Code
		p := checkPurchase(b)
		if p.Allowed != c.Transacts {
			t.Errorf("%v: Allowed = %v", c.Code, p.Allowed)
		}
		if p.Allowed {
			n++
		}
	}
	if n != 141 {
		t.Errorf("%d markets allow a purchase, want 141", n)
	}
	runBuy(t, []btest{
		{name: "China", base: azureBuyer, change: func(b *offer.Buyer) { b.BillingCountry = market.CN }, want: []req{{rule.PRC09, offer.ReasonMarket, false}}},
		{name: "unset", base: appSourceBuyer, change: func(b *offer.Buyer) { b.BillingCountry = 0 }, want: []req{{rule.PRC09, offer.ReasonMarket, false}}},
	})
}

// PRC-11: Azure credits cannot pay for partner solutions.
func TestPRC11_AzureCredits(t *testing.T) {
	credits := func(b *offer.Buyer) { b.PaymentMethod = offer.AzureCredits }
	runBuy(t, []btest{
		{name: "azure marketplace", base: azureBuyer, change: credits, want: []req{{rule.PRC11, offer.ReasonCredits, false}}},
		{name: "appsource", base: appSourceBuyer, change: credits, want: []req{{rule.PRC11, offer.ReasonCredits, false}}},
	})
}

// PRC-12: AppSource takes credit cards; Azure Marketplace credit cards or
// invoices.
func TestPRC12_PaymentMethods(t *testing.T) {
	pay := func(m offer.PaymentMethod) func(*offer.Buyer) { return func(b *offer.Buyer) { b.PaymentMethod = m } }
	runBuy(t, []btest{
		{name: "azure card", base: azureBuyer, change: pay(offer.CreditCard), allowed: true},
		{name: "azure invoice", base: azureBuyer, change: pay(offer.Invoice), allowed: true},
		{name: "azure unset", base: azureBuyer, change: pay(0), want: []req{{rule.PRC12, offer.ReasonPaymentMethod, false}}},
		{name: "appsource card", base: appSourceBuyer, allowed: true},
		{name: "appsource invoice", base: appSourceBuyer, change: pay(offer.Invoice), want: []req{{rule.PRC12, offer.ReasonPaymentMethod, false}}},
		{name: "appsource unset", base: appSourceBuyer, change: pay(0), want: []req{{rule.PRC12, offer.ReasonPaymentMethod, false}}},
	})
	for m, name := range map[offer.PaymentMethod]string{offer.CreditCard: "credit-card", offer.Invoice: "invoice", offer.AzureCredits: "azure-credits"} {
		b, err := m.MarshalText()
		var back offer.PaymentMethod
		if err != nil || string(b) != name || m.String() != name || back.UnmarshalText(b) != nil || back != m {
			t.Errorf("%v: %q, %v", m, b, err)
		}
	}
}

// Every unmet prerequisite at once, and the answer in English and
// Swedish.
func TestPurchaseExplain(t *testing.T) {
	b := offer.Buyer{Store: offer.AzureMarketplace, HasActiveSubscription: true, Role: offer.SubscriptionReader,
		PaymentMethod: offer.AzureCredits, BillingCountry: market.CN}
	p := checkPurchase(b)
	want := []req{
		{rule.PRC09, offer.ReasonMarket, false},
		{rule.BUY01, offer.ReasonCreateEntraID, true},
		{rule.PRC11, offer.ReasonCredits, false},
		{rule.BUY02, offer.ReasonSubscriptionRole, false},
	}
	if diff := cmp.Diff(want, reqs(p)); diff != "" || p.Allowed {
		t.Errorf("requirements (-want +got):\n%s", diff)
	}
	en := "customers in market CN cannot buy from the commercial marketplace (PRC-09)\n" +
		"needs an Entra ID (Azure AD) tenant; the purchase flow asks the customer to create one (BUY-01)\n" +
		"prepaid or sponsored Azure credits cannot pay for partner solutions (PRC-11)\n" +
		"the buying user needs the Owner or Contributor role on the Azure subscription, not Reader (BUY-02)"
	if got := p.Explain(rule.English); got != en {
		t.Errorf("English:\n%s\nwant\n%s", got, en)
	}
	sv := "kunder på marknaden CN kan inte köpa från den kommersiella marknadsplatsen (PRC-09)\n" +
		"kräver en Entra ID-klient (Azure AD); köpflödet ber kunden att skapa en (BUY-01)\n" +
		"förbetalda eller sponsrade Azure-krediter kan inte betala för partnerlösningar (PRC-11)\n" +
		"den köpande användaren behöver rollen Ägare eller Deltagare för Azure-prenumerationen, inte Läsare (BUY-02)"
	if got := p.Explain(rule.Swedish); got != sv {
		t.Errorf("Swedish:\n%s\nwant\n%s", got, sv)
	}
	ok := checkPurchase(appSourceBuyer())
	if ok.Explain(rule.English) != "every purchase prerequisite is met (BUY-01)" || ok.Explain(rule.Swedish) != "alla förutsättningar för köpet är uppfyllda (BUY-01)" || ok.String() != ok.Explain(rule.English) {
		t.Errorf("allowed: %q / %q", ok.Explain(rule.English), ok.Explain(rule.Swedish))
	}
	card := appSourceBuyer()
	card.CardCountry = market.NO
	if got, want := checkPurchase(card).Explain(rule.English), "AppSource needs a credit card billed in the tenant's country (SE), not NO (BUY-03)"; got != want {
		t.Errorf("BUY-03: %q, want %q", got, want)
	}
	// The answer's JSON: rule, reason and InFlow; messages are rendered.
	j, err := json.Marshal(checkPurchase(offer.Buyer{Store: offer.AppSource, PaymentMethod: offer.CreditCard, CardCountry: market.SE, TenantCountry: market.SE, BillingCountry: market.SE}))
	if want := `{"allowed":true,"rule":"BUY-01","reason":"create-entra-id","requirements":[{"rule":"BUY-01","reason":"create-entra-id","inFlow":true}]}`; err != nil || string(j) != want {
		t.Errorf("JSON = %s, %v; want %s", j, err, want)
	}
}

package offer

import (
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
)

// SubscriptionRole is the buying user's role on the Azure subscription
// that pays (BUY-02). The zero value is NoSubscriptionRole.
type SubscriptionRole uint8

// The Azure subscription roles that matter for buying.
const (
	NoSubscriptionRole SubscriptionRole = iota
	SubscriptionOwner
	SubscriptionContributor
	SubscriptionReader
)

var subRoleNames = enum.Names[SubscriptionRole]{Type: "subscription role", Names: []string{"none", "owner", "contributor", "reader"}}

// String returns "none", "owner", "contributor" or "reader".
func (r SubscriptionRole) String() string { return subRoleNames.String(r) }

// MarshalText implements [encoding.TextMarshaler].
func (r SubscriptionRole) MarshalText() ([]byte, error) { return subRoleNames.Marshal(r) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (r *SubscriptionRole) UnmarshalText(b []byte) error { return subRoleNames.Unmarshal(b, r) }

// PaymentMethod is how the buyer pays (PRC-11, PRC-12): the one name of
// that concept in the module. The zero PaymentMethod is unset.
type PaymentMethod uint8

// The payment methods.
const (
	CreditCard PaymentMethod = iota + 1
	Invoice
	// AzureCredits: prepaid or sponsored Azure spend, which cannot pay for
	// partner solutions (PRC-11).
	AzureCredits
)

var paymentMethodNames = enum.Names[PaymentMethod]{Type: "payment method", Names: []string{"", "credit-card", "invoice", "azure-credits"}}

// String returns "credit-card", "invoice" or "azure-credits".
func (m PaymentMethod) String() string { return paymentMethodNames.String(m) }

// MarshalText implements [encoding.TextMarshaler].
func (m PaymentMethod) MarshalText() ([]byte, error) { return paymentMethodNames.Marshal(m) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (m *PaymentMethod) UnmarshalText(b []byte) error { return paymentMethodNames.Unmarshal(b, m) }

// Buyer is what is known about a customer about to buy in a store.
type Buyer struct {
	// Store is where the purchase happens (OFR-11).
	Store Store `json:"store,omitempty"`
	// HasEntraID: the customer has an Entra ID (Azure AD) tenant.
	HasEntraID bool `json:"hasEntraId"`
	// HasActiveSubscription: the customer has an active Azure
	// subscription (Azure Marketplace).
	HasActiveSubscription bool `json:"hasActiveSubscription"`
	// Role is the buying user's role on that subscription.
	Role SubscriptionRole `json:"role"`
	// PaymentMethod is how the customer pays.
	PaymentMethod PaymentMethod `json:"paymentMethod,omitempty"`
	// CardCountry is the country of the credit card's billing address.
	CardCountry market.Code `json:"cardCountry,omitempty"`
	// TenantCountry is the country of the customer's Entra ID tenant.
	TenantCountry market.Code `json:"tenantCountry,omitempty"`
	// BillingCountry is the customer's billing country: the market of the
	// purchase (PRC-09).
	BillingCountry market.Code `json:"billingCountry"`
}

// Reasons a purchase cannot go ahead, or needs something first.
const (
	ReasonCreateEntraID      rule.Reason = "create-entra-id"
	ReasonCreateSubscription rule.Reason = "create-azure-subscription"
	ReasonSubscriptionRole   rule.Reason = "subscription-role"
	ReasonCardCountry        rule.Reason = "card-country-mismatch"
	ReasonPaymentMethod      rule.Reason = "payment-method"
	ReasonCredits            rule.Reason = "azure-credits"
	ReasonMarket             rule.Reason = "market-not-transacting"
	ReasonStore              rule.Reason = "store"
)

// Requirement is one prerequisite of a purchase that is not met.
type Requirement struct {
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// InFlow says the customer can meet it during the purchase flow (it
	// prompts them to create a missing Entra ID or subscription); the
	// purchase is then not refused, only longer.
	InFlow  bool         `json:"inFlow"`
	Message rule.Message `json:"-"`
	Args    []any        `json:"-"`
}

// Explain renders the requirement in lang.
func (r Requirement) Explain(lang rule.Language) string {
	return r.Message.Render(lang, r.Args...) + " (" + string(r.Rule) + ")"
}

// String returns the requirement in English.
func (r Requirement) String() string { return r.Explain(rule.English) }

// ReasonPrerequisitesMet: every purchase prerequisite is met.
const ReasonPrerequisitesMet rule.Reason = "prerequisites-met"

// PurchaseDecision is the answer to "may this buyer buy here?".
type PurchaseDecision struct {
	// Allowed: nothing blocks the purchase (requirements met in the flow
	// may remain).
	Allowed bool `json:"allowed"`
	// Rule and Reason are the first blocking requirement's (the first
	// requirement's when none blocks), or BUY-01 and
	// ReasonPrerequisitesMet when every prerequisite is met.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Requirements lists every prerequisite not met, blocking or not.
	Requirements []Requirement `json:"requirements,omitempty"`
}

// String returns the explanation in English.
func (p PurchaseDecision) String() string { return p.Explain(rule.English) }

// Explain renders the answer in lang, one requirement per line.
func (p PurchaseDecision) Explain(lang rule.Language) string {
	if len(p.Requirements) == 0 {
		return msgBuyOK.Render(lang) + " (" + string(p.Rule) + ")"
	}
	s := ""
	for i, r := range p.Requirements {
		if i > 0 {
			s += "\n"
		}
		s += r.Explain(lang)
	}
	return s
}

var (
	msgBuyOK           = rule.Message{English: "every purchase prerequisite is met", Swedish: "alla förutsättningar för köpet är uppfyllda"}
	msgBuyEntra        = rule.Message{English: "needs an Entra ID (Azure AD) tenant; the purchase flow asks the customer to create one", Swedish: "kräver en Entra ID-klient (Azure AD); köpflödet ber kunden att skapa en"}
	msgBuySubscription = rule.Message{English: "Azure Marketplace needs an active Azure subscription; the purchase flow asks the customer to create one", Swedish: "Azure Marketplace kräver en aktiv Azure-prenumeration; köpflödet ber kunden att skapa en"}
	msgBuyRole         = rule.Message{English: "the buying user needs the Owner or Contributor role on the Azure subscription, not %v", Swedish: "den köpande användaren behöver rollen Ägare eller Deltagare för Azure-prenumerationen, inte %v"}
	subRoleText        = [...]rule.Message{
		{English: "no role", Swedish: "ingen roll"}, {English: "Owner", Swedish: "Ägare"},
		{English: "Contributor", Swedish: "Deltagare"}, {English: "Reader", Swedish: "Läsare"},
	}
	msgBuyCard         = rule.Message{English: "AppSource needs a credit card billed in the tenant's country (%s), not %s", Swedish: "AppSource kräver ett kreditkort med faktureringsadress i klientens land (%s), inte %s"}
	msgBuyPayAppSource = rule.Message{English: "AppSource takes credit cards only", Swedish: "AppSource tar bara emot kreditkort"}
	msgBuyPayment      = rule.Message{English: "Azure Marketplace takes a credit card or an invoice", Swedish: "Azure Marketplace tar emot kreditkort eller faktura"}
	msgBuyCredits      = rule.Message{English: "prepaid or sponsored Azure credits cannot pay for partner solutions", Swedish: "förbetalda eller sponsrade Azure-krediter kan inte betala för partnerlösningar"}
	msgBuyMarket       = rule.Message{English: "customers in market %s cannot buy from the commercial marketplace", Swedish: "kunder på marknaden %s kan inte köpa från den kommersiella marknadsplatsen"}
	msgBuyStore        = rule.Message{English: "a store is required", Swedish: "en butik måste anges"}
)

// CheckPurchase decides on a buyer's prerequisites for a paid purchase in their
// store: Azure Marketplace needs an Entra ID and an active Azure
// subscription (BUY-01), on which the user is Owner or Contributor
// (BUY-02), paid by credit card or invoice (PRC-12), never with Azure
// credits (PRC-11); AppSource needs an Entra ID (BUY-01) and a credit card
// whose billing address is in the tenant's country (BUY-03, PRC-12); the
// buyer must be in a transacting market (PRC-09). A missing Entra ID or
// subscription can be created in the purchase flow and does not block;
// the role (BUY-02) is checked only on an existing subscription, since
// the buyer owns one the flow creates. A refusal is a decision with
// Allowed false; the error is for an invalid policy only.
func (pol Policy) CheckPurchase(b Buyer) (PurchaseDecision, error) {
	if err := pol.Validate(); err != nil {
		return PurchaseDecision{}, err
	}
	var p PurchaseDecision
	add := func(id rule.ID, reason rule.Reason, inFlow bool, msg rule.Message, args ...any) {
		p.Requirements = append(p.Requirements, Requirement{Rule: id, Reason: reason, InFlow: inFlow, Message: msg, Args: args})
	}
	if b.Store != AppSource && b.Store != AzureMarketplace {
		add(rule.OFR11, ReasonStore, false, msgBuyStore)
	}
	if m := b.BillingCountry.Market(); !m.Transacts {
		code := b.BillingCountry.String()
		if code == "" {
			code = "(none)"
		}
		add(rule.PRC09, ReasonMarket, false, msgBuyMarket, code)
	}
	if !b.HasEntraID {
		add(rule.BUY01, ReasonCreateEntraID, true, msgBuyEntra)
	}
	if b.PaymentMethod == AzureCredits {
		add(rule.PRC11, ReasonCredits, false, msgBuyCredits)
	}
	switch b.Store {
	case AzureMarketplace:
		switch {
		case !b.HasActiveSubscription:
			// The subscription the flow creates is the buyer's own.
			add(rule.BUY01, ReasonCreateSubscription, true, msgBuySubscription)
		case b.Role != SubscriptionOwner && b.Role != SubscriptionContributor:
			add(rule.BUY02, ReasonSubscriptionRole, false, msgBuyRole, b.Role.words())
		}
		if b.PaymentMethod != CreditCard && b.PaymentMethod != Invoice && b.PaymentMethod != AzureCredits {
			add(rule.PRC12, ReasonPaymentMethod, false, msgBuyPayment)
		}
	case AppSource:
		switch {
		case b.PaymentMethod != CreditCard && b.PaymentMethod != AzureCredits:
			add(rule.PRC12, ReasonPaymentMethod, false, msgBuyPayAppSource)
		case b.PaymentMethod == CreditCard && (b.CardCountry == 0 || b.CardCountry != b.TenantCountry):
			add(rule.BUY03, ReasonCardCountry, false, msgBuyCard, b.TenantCountry.String(), b.CardCountry.String())
		}
	}
	p.Allowed, p.Rule, p.Reason = true, rule.BUY01, ReasonPrerequisitesMet
	if len(p.Requirements) > 0 {
		p.Rule, p.Reason = p.Requirements[0].Rule, p.Requirements[0].Reason
	}
	for _, r := range p.Requirements {
		if !r.InFlow {
			if p.Allowed {
				p.Rule, p.Reason = r.Rule, r.Reason
			}
			p.Allowed = false
		}
	}
	return p, nil
}

func (r SubscriptionRole) words() rule.Message {
	if int(r) >= len(subRoleText) {
		return rule.Message{English: r.String(), Swedish: r.String()}
	}
	return subRoleText[r]
}

package payout

import (
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// Sale is what a customer is billed for one offer in one charge, for the
// store service fee decision (Policy.Fee).
type Sale struct {
	// License is the software license fee Microsoft bills as agent, after
	// any private-offer discount, absolute price, CSP margin or
	// multiparty partner price: the fee and the payout are computed on the
	// price the customer actually pays (EXT-10, reference fact 27). It
	// must be zero for BYOL, zero-price and list-only offers, which
	// Microsoft bills no license for. Negative for a refund.
	License currency.Money `json:"license"`
	// Infrastructure is the Azure infrastructure billed with the license
	// (a VM's compute, W1): Microsoft keeps all of it, and it carries no
	// store service fee. Zero for SaaS.
	Infrastructure currency.Money `json:"infrastructure,omitzero"`
	// Pricing says how the offer is sold; the zero value is Transact.
	Pricing Pricing `json:"pricing"`
	// Qualified says the offer qualifies for a reduced fee where the
	// schedule has one (EXT-10: IP co-sell ready or prioritized offers, 1
	// May 2019 – 30 June 2020).
	Qualified bool `json:"qualified,omitempty"`
	// Collected is when Microsoft collected the license charge, which
	// chooses the fee era (reference fact 25: "license charges collected
	// by Microsoft between May 1, 2019 and June 30, 2020"). Required.
	Collected time.Time `json:"collected"`
}

// Fee is the store service fee decision for a sale (PAY-05, PAY-06,
// EXT-10): how the license fee splits between Microsoft's fee and the
// publisher's share, with the rate, era and rounding used. Fee + Share ==
// License exactly.
type Fee struct {
	Rule   rule.ID     `json:"rule"`   // PAY-05, PAY-06 or EXT-10
	Reason rule.Reason `json:"reason"` // ReasonFeeStandard, …

	Pricing   Pricing `json:"pricing"`             // the sale's
	Qualified bool    `json:"qualified,omitempty"` // the sale's
	// License is the base of the fee: the license fee after discounts.
	License currency.Money `json:"license"`
	// Rate is the fraction applied (0.03); zero when no fee applies.
	Rate currency.Rate `json:"rate"`
	// EraFrom is the From of the fee era in effect when the charge was
	// collected (the zero time for the first era).
	EraFrom  time.Time             `json:"eraFrom"`
	Rounding currency.RoundingMode `json:"rounding"` // the policy's FeeRounding
	// Fee is Microsoft's store service fee: License × Rate, rounded once
	// with Rounding.
	Fee currency.Money `json:"fee"`
	// Share is the publisher's share: License − Fee.
	Share currency.Money `json:"share"`
	// Infrastructure is the Azure infrastructure billed alongside, all of
	// it Microsoft's.
	Infrastructure currency.Money `json:"infrastructure"`
	// Billed is what the customer is billed: License + Infrastructure.
	Billed currency.Money `json:"billed"`
}

var (
	msgSaleCurrency   = rule.Message{English: "the sale has no currency: License or Infrastructure must be an amount in a marketplace currency", Swedish: "försäljningen saknar valuta: License eller Infrastructure måste vara ett belopp i en marknadsplatsvaluta"}
	msgSaleMixed      = rule.Message{English: "license %s and infrastructure %s are in different currencies", Swedish: "licensen %s och infrastrukturen %s är i olika valutor"}
	msgNotMarketplace = rule.Message{English: "%s is not one of the marketplace's 17 transaction currencies", Swedish: "%s är inte en av marknadsplatsens 17 transaktionsvalutor"}
	msgSalePricing    = rule.Message{English: "unknown pricing %d", Swedish: "okänd prissättning %d"}
	msgSaleLicense    = rule.Message{English: "a %s offer has no license fee billed by Microsoft, but License is %s", Swedish: "ett %s-erbjudande har ingen licensavgift som Microsoft fakturerar, men License är %s"}
	msgSaleCollected  = rule.Message{English: "the collection instant is missing: it chooses the fee era", Swedish: "tidpunkten för indrivningen saknas: den väljer avgiftsperiod"}
	msgOverflow       = rule.Message{English: "the amounts overflow: %v", Swedish: "beloppen flödar över: %v"}
)

// Fee decides the store service fee of a sale (PAY-05, PAY-06, EXT-10):
// for a Transact sale, the rate of the fee era in effect when the charge
// was collected (the reduced rate for a qualified offer), applied to the
// license fee alone and rounded once with p.FeeRounding; the publisher's
// share is the rest. BYOL, zero-price and list-only sales carry no fee, and
// neither does a zero license fee. Azure infrastructure is never part of
// the fee base: Microsoft keeps all of it.
//
// Invalid input (no currency, mixed currencies, a non-marketplace
// currency, a license fee on a BYOL offer, a missing Collected) is
// reported, all problems at once, as [rule.Problems].
func (p Policy) Fee(s Sale) (Fee, error) {
	if err := p.Validate(); err != nil {
		return Fee{}, err
	}
	var ps rule.Problems
	add := func(id rule.ID, path string, err error, msg rule.Message, args ...any) {
		ps = append(ps, rule.Problem{Rule: id, Path: "Sale." + path, Message: msg, Args: args, Err: err})
	}
	code := s.License.Code()
	if code == 0 {
		code = s.Infrastructure.Code()
	}
	switch {
	case !code.Valid():
		add(rule.PRC08, "License", ErrCurrency, msgSaleCurrency)
	case !code.IsMarketplace():
		add(rule.PRC08, "License", ErrCurrency, msgNotMarketplace, code.String())
	case s.Infrastructure.Code() != 0 && s.License.Code() != 0 && s.Infrastructure.Code() != s.License.Code():
		add(rule.PRC08, "Infrastructure", ErrCurrency, msgSaleMixed, s.License.String(), s.Infrastructure.String())
	}
	if !s.Pricing.Valid() {
		add(rule.EXT10, "Pricing", ErrPricing, msgSalePricing, int(s.Pricing))
	} else if s.Pricing != Transact && s.License.Sign() != 0 {
		add(rule.EXT10, "License", ErrSale, msgSaleLicense, s.Pricing.String(), s.License.String())
	}
	if s.Collected.IsZero() {
		add(rule.EXT10, "Collected", ErrDate, msgSaleCollected)
	}
	if len(ps) > 0 {
		return Fee{}, ps
	}
	license := currency.FromMinor(s.License.Minor(), code)
	infra := currency.FromMinor(s.Infrastructure.Minor(), code)
	era := p.era(s.Collected)
	f := Fee{
		Pricing: s.Pricing, Qualified: s.Qualified, License: license, EraFrom: era.From,
		Rounding: p.FeeRounding, Fee: currency.FromMinor(0, code), Infrastructure: infra,
	}
	switch {
	case s.Pricing == BYOL:
		f.Rule, f.Reason = rule.EXT10, ReasonFeeBYOL
	case s.Pricing == ListOnly:
		f.Rule, f.Reason = rule.EXT10, ReasonFeeListOnly
	case s.Pricing == ZeroPrice || license.Sign() == 0:
		f.Rule, f.Reason = rule.PAY06, ReasonFeeZeroPrice
	case s.Qualified && era.Qualified.Cmp(era.Standard) < 0:
		f.Rule, f.Reason, f.Rate = rule.EXT10, ReasonFeeReduced, era.Qualified
	default:
		f.Rule, f.Reason, f.Rate = rule.PAY05, ReasonFeeStandard, era.rate(s.Qualified)
	}
	var err error
	if !f.Rate.IsZero() {
		if f.Fee, err = license.MulRate(f.Rate, p.FeeRounding); err != nil {
			return Fee{}, overflowProblem(rule.PAY05, "Sale.License", err)
		}
	}
	// The fee has the license's sign and at most its size (rates are at
	// most 1), so the share cannot overflow.
	f.Share = currency.FromMinor(license.Minor()-f.Fee.Minor(), code)
	if f.Billed, err = license.Add(infra); err != nil {
		return Fee{}, overflowProblem(rule.PAY05, "Sale.Infrastructure", err)
	}
	return f, nil
}

func overflowProblem(id rule.ID, path string, err error) error {
	return rule.Problems{{Rule: id, Path: path, Message: msgOverflow, Args: []any{err}, Err: ErrOverflow}}
}

var (
	msgFeeStandard = rule.Message{
		English: "Store service fee: %s of the license fee %s is %s (rounded %s); the publisher's share is %s.",
		Swedish: "Butikstjänstavgift: %s av licensavgiften %s är %s (avrundat %s); utgivarens andel är %s."}
	msgFeeReduced = rule.Message{
		English: "Reduced store service fee for a qualified offer: %s of the license fee %s is %s (rounded %s); the publisher's share is %s.",
		Swedish: "Reducerad butikstjänstavgift för ett kvalificerat erbjudande: %s av licensavgiften %s är %s (avrundat %s); utgivarens andel är %s."}
	msgFeeZero = rule.Message{
		English: "A 0 USD plan carries no store service fee: the fee is %s and the publisher's share is %s.",
		Swedish: "En plan för 0 USD har ingen butikstjänstavgift: avgiften är %s och utgivarens andel är %s."}
	msgFeeBYOL = rule.Message{
		English: "BYOL: Microsoft bills no license fee and keeps 0%% of it; the fee is %s.",
		Swedish: "BYOL: Microsoft fakturerar ingen licensavgift och behåller 0\u00a0%% av den; avgiften är %s."}
	msgFeeListOnly = rule.Message{
		English: "A list-only offer is not sold through Microsoft: the publisher keeps 100%% and the fee is %s.",
		Swedish: "Ett erbjudande som bara listas säljs inte via Microsoft: utgivaren behåller 100\u00a0%% och avgiften är %s."}
	msgFeeInfra = rule.Message{
		English: " Azure infrastructure %s carries no store service fee: Microsoft keeps all of it.",
		Swedish: " Azure-infrastrukturen %s har ingen butikstjänstavgift: Microsoft behåller hela beloppet."}
)

// Explain renders the decision in lang, citing its rule.
func (f Fee) Explain(lang rule.Language) string {
	var s string
	switch f.Reason {
	case ReasonFeeReduced:
		s = msgFeeReduced.Render(lang, percent(f.Rate, lang), f.License, f.Fee, f.Rounding.String(), f.Share)
	case ReasonFeeZeroPrice:
		s = msgFeeZero.Render(lang, f.Fee, f.Share)
	case ReasonFeeBYOL:
		s = msgFeeBYOL.Render(lang, f.Fee)
	case ReasonFeeListOnly:
		s = msgFeeListOnly.Render(lang, f.Fee)
	default:
		s = msgFeeStandard.Render(lang, percent(f.Rate, lang), f.License, f.Fee, f.Rounding.String(), f.Share)
	}
	if f.Infrastructure.Sign() != 0 {
		s += msgFeeInfra.Render(lang, f.Infrastructure)
	}
	return withRule(s, f.Rule)
}

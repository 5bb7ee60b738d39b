package payout

import (
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// Fee is the store service fee decision for a sale (PAY-05, PAY-06,
// EXT-10): how the license fee splits between Microsoft's fee and the
// publisher's share, with the rate, era and rounding used. Fee + Share ==
// License exactly.
type Fee struct {
	// Allowed is true when Microsoft charges a store service fee on the
	// license (a Transact sale with a rate above zero).
	Allowed bool        `json:"allowed"`
	Rule    rule.ID     `json:"rule"`   // PAY-05, PAY-06 or EXT-10
	Reason  rule.Reason `json:"reason"` // ReasonFeeStandard, …

	Pricing   Pricing `json:"pricing"`             // the transaction's
	Qualified bool    `json:"qualified,omitempty"` // the transaction's
	// License is the base of the fee: the license fee after discounts.
	License currency.Money `json:"license"`
	// Rate is the fraction applied (0.03); zero when no fee applies.
	Rate currency.Rate `json:"rate"`
	// EraFrom is the From of the fee era in effect when the charge was
	// collected (the zero time for the first era).
	EraFrom  time.Time             `json:"eraFrom,omitzero"`
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
	msgNotMarketplace = rule.Message{English: "%s is not one of the marketplace's 17 transaction currencies", Swedish: "%s är inte en av marknadsplatsens 17 transaktionsvalutor"}
	msgOverflow       = rule.Message{English: "the amounts overflow: %v", Swedish: "beloppen flödar över: %v"}
)

// Fee decides the store service fee of transaction t (PAY-05, PAY-06,
// EXT-10): for a Transact sale, the rate of the fee era in effect when the
// charge was collected (t.Collected, or t.Date when it is zero; the
// reduced rate for a qualified offer), applied to the license fee t.Gross
// alone and rounded once with p.FeeRounding; the publisher's share is the
// rest. BYOL, zero-price and list-only sales carry no fee, and neither
// does a zero license fee. Azure infrastructure is never part of the fee
// base: Microsoft keeps all of it. A refund, reversal or chargeback
// returns the fee of the charge it corrects (negative amounts).
//
// Only the fields a fee needs are checked: t's Agreement, Payment and
// Charge may be unset, and a zero Type is read as Sale. Invalid input is
// reported, all problems at once, as [rule.Problems] with paths such as
// "transaction.gross".
func (p Policy) Fee(t Transaction) (Fee, error) {
	// The fee needs no zone, so only the zero policy is resolved; a valid
	// policy and transaction are checked without building problems.
	if p.Fees == nil && p.isZero() {
		p = DefaultPolicy()
	}
	if !p.fastValid() {
		return Fee{}, p.Validate()
	}
	if !t.ready(true) {
		var ps rule.Problems
		t.checkSkip(where{name: "transaction", index: -1}, &ps, fFee)
		return Fee{}, ps.Err()
	}
	var f Fee
	if err := p.fee(&t, &f); err != nil {
		return Fee{}, err
	}
	return f, nil
}

// fee decides the fee of a checked transaction under a valid policy into
// *f, which must be the zero Fee.
func (p *Policy) fee(t *Transaction, f *Fee) error {
	code := t.Gross.Code()
	if code == 0 {
		code = t.Infrastructure.Code()
	}
	license := amountIn(t.Gross.Minor(), code)
	infra := amountIn(t.Infrastructure.Minor(), code)
	at := t.Collected
	if at.IsZero() {
		at = t.Date
	}
	era := p.era(at)
	f.Pricing, f.Qualified, f.License, f.EraFrom = t.Pricing, t.Qualified, license, era.From
	f.Rounding, f.Fee, f.Infrastructure = p.FeeRounding, amountIn(0, code), infra
	switch {
	case t.Pricing == BYOL:
		f.Rule, f.Reason = rule.EXT10, ReasonFeeBYOL
	case t.Pricing == ListOnly:
		f.Rule, f.Reason = rule.EXT10, ReasonFeeListOnly
	case t.Pricing == ZeroPrice || license.Sign() == 0:
		f.Rule, f.Reason = rule.PAY06, ReasonFeeZeroPrice
	case t.Qualified && era.Qualified.Cmp(era.Standard) < 0:
		f.Rule, f.Reason, f.Rate = rule.EXT10, ReasonFeeReduced, era.Qualified
	default:
		f.Rule, f.Reason, f.Rate = rule.PAY05, ReasonFeeStandard, era.rate(t.Qualified)
	}
	f.Allowed = !f.Rate.IsZero()
	var err error
	if f.Allowed {
		if f.Fee, err = license.MulRate(f.Rate, p.FeeRounding); err != nil {
			return overflowProblem(rule.PAY05, "transaction.gross", err)
		}
	}
	// The fee has the license's sign and at most its size (rates are at
	// most 1), so the share cannot overflow.
	f.Share = amountIn(license.Minor()-f.Fee.Minor(), code)
	if f.Billed, err = license.Add(infra); err != nil {
		return overflowProblem(rule.PAY05, "transaction.infrastructure", err)
	}
	return nil
}

func overflowProblem(id rule.ID, path string, err error) error {
	return rule.Problems{{Rule: id, Path: path, Message: msgOverflow, Args: []any{err}, Err: ErrOverflow}}.Err()
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
		s = msgFeeReduced.Render(lang, percent(f.Rate, lang), f.License, f.Fee, f.Rounding, f.Share)
	case ReasonFeeZeroPrice:
		s = msgFeeZero.Render(lang, f.Fee, f.Share)
	case ReasonFeeBYOL:
		s = msgFeeBYOL.Render(lang, f.Fee)
	case ReasonFeeListOnly:
		s = msgFeeListOnly.Render(lang, f.Fee)
	default:
		s = msgFeeStandard.Render(lang, percent(f.Rate, lang), f.License, f.Fee, f.Rounding, f.Share)
	}
	if f.Infrastructure.Sign() != 0 {
		s += msgFeeInfra.Render(lang, f.Infrastructure)
	}
	return withRule(s, f.Rule)
}

// String is Explain in English.
func (f Fee) String() string { return f.Explain(rule.English) }

// amountIn returns minor units of c, a code taken from a checked amount or
// a market (so an ISO 4217 code); the zero Money for the zero Code.
func amountIn(minor int64, c currency.Code) currency.Money {
	m, _ := currency.New(minor, c)
	return m
}

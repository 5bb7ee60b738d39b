package privateoffer

import (
	"math/bits"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// PartnerPrice is what the publisher (ISV) of a multiparty private offer
// charges the selling partner for a plan's price (EXT-09): a
// percentage discount off the plan's public list price, or an absolute
// price.
type PartnerPrice struct {
	// Pricing says which of DiscountPercent or Price sets the partner
	// price.
	Pricing Pricing `json:"pricing"`
	// List is the plan's public list price, the base of a discount.
	List currency.Money `json:"list"`
	// DiscountPercent is the publisher's discount to the partner in
	// percent (15 is 15 %), for PercentageDiscount.
	DiscountPercent currency.Rate `json:"discountPercent,omitzero"`
	// Price is the absolute partner price, for AbsolutePrice.
	Price currency.Money `json:"price"`
}

// The reasons of multiparty decisions: stable codes, never renamed or
// reused.
const (
	// ReasonMPOCustomerPrice: the customer price, within the cap.
	ReasonMPOCustomerPrice rule.Reason = "mpo-customer-price"
	// ReasonMPOAboveDiscount: the adjustment exceeds the publisher's
	// discount to the partner.
	ReasonMPOAboveDiscount rule.Reason = "mpo-adjustment-above-discount"
	// ReasonMPOBelowPartner: the desired price is below the partner
	// price.
	ReasonMPOBelowPartner rule.Reason = "mpo-desired-below-partner-price"
	// ReasonMPOUnreachable: no adjustment reaches the desired price.
	ReasonMPOUnreachable rule.Reason = "mpo-desired-price-unreachable"
	// ReasonMPONearestAdjusted: no adjustment gives the desired price
	// exactly; the nearest is used.
	ReasonMPONearestAdjusted rule.Reason = "mpo-nearest-adjustment"
)

// MultipartyDecision is the customer price of a multiparty private offer:
// the partner price, the selling partner's customer adjustment, and the
// price the customer pays, with the cap the adjustment is held to. It is
// a value; render it with [MultipartyDecision.Explain]. Partner + Markup =
// Customer, exactly.
type MultipartyDecision struct {
	// Allowed reports whether the adjustment may be used: it is within
	// the cap (and, when computed for a desired price, one exists).
	Allowed bool `json:"allowed"`
	// Rule is EXT-09; Reason says why.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Pricing is the partner price's pricing; List the public price;
	// DiscountPercent the publisher's discount to the partner (zero for
	// an absolute partner price).
	Pricing         Pricing        `json:"pricing"`
	List            currency.Money `json:"list"`
	DiscountPercent currency.Rate  `json:"discountPercent,omitzero"`
	// Partner is the partner price; Customer = Partner + Partner ×
	// AdjustmentPercent / 100, rounded once; Markup = Customer − Partner.
	Partner  currency.Money `json:"partner"`
	Customer currency.Money `json:"customer"`
	Markup   currency.Money `json:"markup"`
	// AdjustmentPercent is the customer adjustment in percent.
	AdjustmentPercent currency.Rate `json:"adjustmentPercent"`
	// Capped reports that the partner price is a discount, which caps the
	// adjustment at MaxAdjustmentPercent, the discount's percentage.
	Capped               bool          `json:"capped"`
	MaxAdjustmentPercent currency.Rate `json:"maxAdjustmentPercent,omitzero"`
	// Desired is the customer price asked for, by
	// [Policy.MultipartyAdjustment]; Exact whether Customer
	// equals it.
	Desired currency.Money `json:"desired,omitzero"`
	Exact   bool           `json:"exact,omitempty"`
}

var (
	poMsgAdjDecimals    = rule.Message{English: "the adjustment %s%% has more than %d decimal places", Swedish: "justeringen %s %% har fler än %d decimaler"}
	poMsgPolicyDec      = rule.Message{English: "the policy's %d adjustment decimals are not between 0 and %d", Swedish: "policyns %d justeringsdecimaler ligger inte mellan 0 och %d"}
	poMsgPolicyRounding = rule.Message{English: "the policy's rounding %d is not a rounding mode", Swedish: "policyns avrundning %d är inget avrundningssätt"}
	poMsgPolicyRound    = rule.Message{English: "the policy's adjustment rounding %d is not a rounding mode", Swedish: "policyns justeringsavrundning %d är inget avrundningssätt"}
	poMsgDesiredNeg     = rule.Message{English: "the desired price %v is negative", Swedish: "det önskade priset %v är negativt"}
	poMsgDesiredCur     = rule.Message{English: "the desired price %v is not in the partner price's currency %s", Swedish: "det önskade priset %v är inte i partnerprisets valuta %s"}
	poMsgMPOPrice       = rule.Message{English: "Customer price %v: the partner price %v plus the customer adjustment of %s%% (%v) (%s).", Swedish: "Kundpris %v: partnerpriset %v plus kundjusteringen på %s %% (%v) (%s)."}
	poMsgMPOCap         = rule.Message{English: " The adjustment is within the publisher's %s%% discount to the partner.", Swedish: " Justeringen ryms inom utgivarens rabatt på %s %% till partnern."}
	poMsgMPOAbove       = rule.Message{English: "Refused: the customer adjustment of %s%% exceeds the publisher's %s%% discount to the partner, which caps it; ask the publisher for an absolute partner price instead (%s).", Swedish: "Nekas: kundjusteringen på %s %% överstiger utgivarens rabatt på %s %% till partnern, som är taket; be utgivaren om ett absolut partnerpris i stället (%s)."}
	poMsgMPOBelow       = rule.Message{English: "Refused: the desired price %v is below the partner price %v; the customer adjustment only raises the price (%s).", Swedish: "Nekas: det önskade priset %v är under partnerpriset %v; kundjusteringen kan bara höja priset (%s)."}
	poMsgMPONoWay       = rule.Message{English: "Refused: no customer adjustment turns the partner price %v into %v (%s).", Swedish: "Nekas: ingen kundjustering gör partnerpriset %v till %v (%s)."}
	poMsgMPONearest     = rule.Message{English: " No adjustment with %d decimals gives exactly %v; this is the nearest.", Swedish: " Ingen justering med %d decimaler ger exakt %v; detta är den närmaste."}
)

// Explain renders the decision in lang.
func (d MultipartyDecision) Explain(lang rule.Language) string {
	id := string(d.Rule)
	switch d.Reason {
	case ReasonMPOAboveDiscount:
		return poMsgMPOAbove.Render(lang, d.AdjustmentPercent.String(), d.MaxAdjustmentPercent.String(), id)
	case ReasonMPOBelowPartner:
		return poMsgMPOBelow.Render(lang, d.Desired, d.Partner, id)
	case ReasonMPOUnreachable:
		return poMsgMPONoWay.Render(lang, d.Partner, d.Desired, id)
	}
	s := poMsgMPOPrice.Render(lang, d.Customer, d.Partner, d.AdjustmentPercent.String(), d.Markup, id)
	if d.Capped {
		s += poMsgMPOCap.Render(lang, d.MaxAdjustmentPercent.String())
	}
	if d.Reason == ReasonMPONearestAdjusted {
		s += poMsgMPONearest.Render(lang, d.AdjustmentPercent.Scale(), d.Desired)
	}
	return s
}

// PartnerPrice returns the partner price of pp: the absolute price, or
// the list price less its discount (List × DiscountPercent / 100, rounded
// once with the policy's Rounding, subtracted from List). Invalid input
// (a discount outside (0, 100), a price without a currency or negative)
// is reported as [rule.Problems] wrapping [ErrOffer].
func (p Policy) PartnerPrice(pp PartnerPrice) (currency.Money, error) {
	p.resolve()
	var ps rule.Problems
	p.checkPartner(&pp, &ps)
	if err := ps.Err(); err != nil {
		return currency.Money{}, err
	}
	return p.partner(&pp)
}

func (p *Policy) partner(pp *PartnerPrice) (currency.Money, error) {
	if pp.Pricing == AbsolutePrice {
		return pp.Price, nil
	}
	off, err := poPercentOf(pp.List, pp.DiscountPercent, p.Rounding)
	if err != nil {
		return currency.Money{}, err
	}
	return pp.List.Sub(off)
}

func (p *Policy) checkPartner(pp *PartnerPrice, ps *rule.Problems) {
	add := func(path string, m rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: rule.EXT09, Path: path, Message: m, Args: args, Err: ErrOffer})
	}
	p.checkPolicy(ps)
	money := func(path string, m currency.Money) {
		switch {
		case !m.Code().Valid():
			add(path, poMsgNoCurrency)
		case m.IsNegative():
			add(path, poMsgNegative, m)
		}
	}
	switch pp.Pricing {
	case PercentageDiscount:
		money("list", pp.List)
		poCheckPercent(pp.DiscountPercent, p.FullDiscount, "discountPercent", ps)
	case AbsolutePrice:
		money("price", pp.Price)
	default:
		add("pricing", poMsgPricing)
	}
}

// checkPolicy appends the problems of the policy's fields.
func (p *Policy) checkPolicy(ps *rule.Problems) {
	add := func(path string, m rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: rule.EXT09, Path: path, Message: m, Args: args, Err: ErrOffer})
	}
	if p.AdjustmentDecimals < 0 || p.AdjustmentDecimals > currency.MaxRateScale {
		add("policy.adjustmentDecimals", poMsgPolicyDec, p.AdjustmentDecimals, currency.MaxRateScale)
	}
	if !p.AdjustmentRounding.Valid() {
		add("policy.adjustmentRounding", poMsgPolicyRound, uint8(p.AdjustmentRounding))
	}
	if !p.Rounding.Valid() {
		add("policy.rounding", poMsgPolicyRounding, uint8(p.Rounding))
	}
}

// String returns the decision in English.
func (d MultipartyDecision) String() string { return d.Explain(rule.English) }

// adjustment returns r with at most p.AdjustmentDecimals decimal places
// (dropping trailing zeros), or false when it has more. A policy whose
// AdjustmentDecimals is out of range (reported by checkPartner) is taken
// as 0 … MaxRateScale, so that the loop always ends.
func (p *Policy) adjustment(r currency.Rate) (currency.Rate, bool) {
	coef, scale := r.Coefficient(), r.Scale()
	limit := min(max(p.AdjustmentDecimals, 0), currency.MaxRateScale)
	for scale > limit {
		if coef%10 != 0 {
			return r, false
		}
		coef /= 10
		scale--
	}
	v, err := currency.NewRate(coef, scale)
	return v, err == nil
}

// customer returns partner × (100 + adj) / 100 in one rounding.
func (p *Policy) customer(partner currency.Money, adj currency.Rate) (currency.Money, error) {
	den := poPow10(adj.Scale() + 2)
	return partner.MulDiv(den+adj.Coefficient(), den, p.Rounding)
}

// Multiparty computes the customer price of a multiparty private offer
// from the partner price pp and the selling partner's customer
// adjustment in percent (a partner price of 100.00 and 10 % give
// 110.00; 95.00 and 10.52631579 % give 105.00). The customer price is
// Partner × (100 + adjustment) / 100, rounded once with the policy's
// Rounding; the markup is its difference from the partner price.
//
// The cap: where the publisher gave the partner a discounted partner
// price, the adjustment percentage may not exceed the discount
// percentage ("the customer price adjustment % you enter cannot exceed
// the discount your ISV partner provided to you"), compared as numbers:
// a 20 % discount allows up to 20 %, so the customer pays at most List ×
// 0.8 × 1.2 = 96 % of the list price. An absolute partner price has no
// cap. An adjustment above the cap is refused (Allowed false,
// ReasonMPOAboveDiscount), with the prices it would give.
//
// An adjustment with more than AdjustmentDecimals decimal places (8) and
// invalid partner prices are reported as [rule.Problems] wrapping
// [ErrOffer].
func (p Policy) Multiparty(pp PartnerPrice, adjustmentPercent currency.Rate) (d MultipartyDecision, err error) {
	p.resolve()
	var ps rule.Problems
	p.checkPartner(&pp, &ps)
	adj, ok := p.adjustment(adjustmentPercent)
	if !ok {
		ps.Append(rule.Problem{Rule: rule.EXT09, Path: "adjustmentPercent", Message: poMsgAdjDecimals,
			Args: []any{adjustmentPercent.String(), p.AdjustmentDecimals}, Err: ErrOffer})
	}
	if err := ps.Err(); err != nil {
		return MultipartyDecision{}, err
	}
	if err := p.mpoBase(&d, &pp); err != nil {
		return MultipartyDecision{}, err
	}
	if err := p.mpoApply(&d, adj); err != nil {
		return MultipartyDecision{}, err
	}
	return d, nil
}

// mpoBase sets the partner price and the cap in *d, a zero decision.
func (p *Policy) mpoBase(d *MultipartyDecision, pp *PartnerPrice) error {
	partner, err := p.partner(pp)
	if err != nil {
		return err
	}
	d.Rule, d.Pricing, d.List, d.Partner = rule.EXT09, pp.Pricing, pp.List, partner
	if pp.Pricing == PercentageDiscount {
		d.DiscountPercent, d.Capped, d.MaxAdjustmentPercent = pp.DiscountPercent, true, pp.DiscountPercent
	}
	return nil
}

// mpoApply sets the adjustment, the prices and the outcome.
func (p *Policy) mpoApply(d *MultipartyDecision, adj currency.Rate) error {
	c, err := p.customer(d.Partner, adj)
	if err != nil {
		return err
	}
	d.AdjustmentPercent, d.Customer = adj, c
	d.Markup, _ = c.Sub(d.Partner) // c ≥ partner ≥ 0, same currency
	d.Allowed, d.Reason = true, ReasonMPOCustomerPrice
	if d.Capped && adj.Cmp(d.MaxAdjustmentPercent) > 0 {
		d.Allowed, d.Reason = false, ReasonMPOAboveDiscount
	}
	return nil
}

// MultipartyAdjustment computes the customer adjustment that turns the
// partner price of pp into the desired customer price (from 95.00
// to 105.00 is (105.00 − 95.00) / 95.00 = 10.52631579 %). The exact
// ratio (desired − partner) / partner × 100 is rounded once to
// AdjustmentDecimals places (8) with AdjustmentRounding (HalfEven); if
// that adjustment does not give exactly the desired price under the
// policy's Rounding, the neighbouring adjustment one unit in the last
// place below, then above, is tried, and when neither does the nearest is
// returned with Exact false and ReasonMPONearestAdjusted. Then the cap is
// applied as by [Policy.Multiparty].
//
// A desired price below the partner price is refused
// (ReasonMPOBelowPartner): the adjustment only raises the price; so is
// one no adjustment reaches (a zero partner price, or an adjustment too
// large to represent: ReasonMPOUnreachable). A desired price in another
// currency and invalid partner prices are [rule.Problems].
func (p Policy) MultipartyAdjustment(pp PartnerPrice, desired currency.Money) (d MultipartyDecision, err error) {
	p.resolve()
	var ps rule.Problems
	p.checkPartner(&pp, &ps)
	if err := ps.Err(); err != nil {
		return MultipartyDecision{}, err
	}
	if err := p.mpoBase(&d, &pp); err != nil {
		return MultipartyDecision{}, err
	}
	switch {
	case desired.Code() != d.Partner.Code():
		ps.Append(rule.Problem{Rule: rule.EXT09, Path: "desired", Message: poMsgDesiredCur,
			Args: []any{desired, d.Partner.Code().String()}, Err: ErrOffer})
		return MultipartyDecision{}, ps.Err()
	case desired.IsNegative():
		ps.Append(rule.Problem{Rule: rule.EXT09, Path: "desired", Message: poMsgDesiredNeg, Args: []any{desired}, Err: ErrOffer})
		return MultipartyDecision{}, ps.Err()
	}
	d.Desired = desired
	diff := desired.Minor() - d.Partner.Minor() // both ≥ 0: no overflow
	switch {
	case diff < 0:
		d.Reason = ReasonMPOBelowPartner
		return d, nil
	case diff == 0:
		zero, _ := currency.NewRate(0, 0)
		d.Exact = true
		return d, p.mpoApply(&d, zero)
	case d.Partner.Sign() == 0:
		d.Reason = ReasonMPOUnreachable
		return d, nil
	}
	dec := p.AdjustmentDecimals
	hi, lo := bits.Mul64(uint64(diff), uint64(poPow10(dec+2)))
	coef, ok := poDivRound(hi, lo, uint64(d.Partner.Minor()), p.AdjustmentRounding)
	if !ok || coef > 999_999_999_999_999_999 {
		d.Reason = ReasonMPOUnreachable
		return d, nil
	}
	best := coef
	for _, c := range [...]uint64{coef, coef - 1, coef + 1} {
		if c > 999_999_999_999_999_999 { // coef − 1 wrapped, or coef + 1 too large
			continue
		}
		r, _ := currency.NewRate(int64(c), dec)
		if got, err := p.customer(d.Partner, r); err == nil && got == desired {
			best, d.Exact = c, true
			break
		}
	}
	adj, _ := currency.NewRate(int64(best), dec)
	if err := p.mpoApply(&d, adj); err != nil {
		d.Reason = ReasonMPOUnreachable
		d.Allowed, d.Customer, d.Markup, d.AdjustmentPercent = false, currency.Money{}, currency.Money{}, adj
		return d, nil
	}
	if d.Allowed && !d.Exact {
		d.Reason = ReasonMPONearestAdjusted
	}
	return d, nil
}

// poDivRound returns (hi·2⁶⁴ + lo) / den rounded with mode, for a positive
// den; false when the quotient does not fit in 64 bits or the mode is
// undefined.
func poDivRound(hi, lo, den uint64, mode currency.RoundingMode) (uint64, bool) {
	if den == 0 || hi >= den {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, den)
	if r == 0 {
		return q, true
	}
	half := r > den-r // 2r > den, without overflow
	tie := r == den-r
	up := false
	switch mode {
	case currency.HalfEven:
		up = half || (tie && q%2 == 1)
	case currency.HalfUp:
		up = half || tie
	case currency.HalfDown:
		up = half
	case currency.Up, currency.Ceiling:
		up = true
	case currency.Down, currency.Floor:
	default:
		return 0, false
	}
	if up {
		q++
		if q == 0 {
			return 0, false
		}
	}
	return q, true
}

package offer

import (
	"fmt"
	"slices"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// PriceChange is a change to a published price that the policy allows (the
// 2023 policy, EXT-08): package pricing schedules it.
type PriceChange struct {
	// Plan is the plan's ID.
	Plan string `json:"plan"`
	// Term and Payment identify the billing term; Term is zero for a
	// meter price.
	Term    plan.Term          `json:"term,omitempty"`
	Payment plan.PaymentOption `json:"payment,omitempty"`
	// Dimension names the meter, for a meter price.
	Dimension string `json:"dimension,omitempty"`
	// VCPUs is the VM size, for a per-vCPU-size or per-market-and-vCPU-size
	// price.
	VCPUs int `json:"vcpus,omitempty"`
	// Market is the market of a per-market price; zero for the USD price.
	Market market.Code    `json:"market,omitempty"`
	Old    currency.Money `json:"old"`
	New    currency.Money `json:"new"`
}

var (
	msgOfferID       = rule.Message{English: "the offer ID cannot change once published (was %q)", Swedish: "erbjudandets ID kan inte ändras efter publicering (var %q)"}
	msgOfferType     = rule.Message{English: "the offer type cannot change once published (was %s)", Swedish: "erbjudandetypen kan inte ändras efter publicering (var %s)"}
	msgSellThrough   = rule.Message{English: "whether the offer is sold through Microsoft cannot change once published", Swedish: "om erbjudandet säljs via Microsoft kan inte ändras efter publicering"}
	msgPlanIDChanged = rule.Message{English: "published plan %q reappears as %q: a plan ID cannot change once published", Swedish: "den publicerade planen %q återkommer som %q: ett plan-ID kan inte ändras efter publicering"}
	msgPlanDropped   = rule.Message{English: "published plan %q is missing: stop selling it instead of removing it", Swedish: "den publicerade planen %q saknas: sluta sälja den i stället för att ta bort den"}
	msgStatusBack    = rule.Message{English: "a published plan cannot return to draft (it was %s)", Swedish: "en publicerad plan kan inte bli ett utkast igen (den var %s)"}
	msgModelChanged  = rule.Message{English: "the pricing model cannot change once published (was %s, now %s)", Swedish: "prismodellen kan inte ändras efter publicering (var %s, nu %s)"}
	msgTermRemoved   = rule.Message{English: "published billing term %s was removed; a published term cannot be removed", Swedish: "den publicerade faktureringsperioden %s har tagits bort; en publicerad period kan inte tas bort"}
	msgPaymentChange = rule.Message{English: "the payment option of published term %s cannot change (was %s, now %s)", Swedish: "betalningsalternativet för den publicerade perioden %s kan inte ändras (var %s, nu %s)"}
	msgPriceChanged  = rule.Message{English: "the published price %v cannot change (now %v)", Swedish: "det publicerade priset %v kan inte ändras (nu %v)"}
	msgMadePrivate   = rule.Message{English: "a plan published as public cannot become private", Swedish: "en plan som publicerats som offentlig kan inte bli privat"}
	msgTrialDisabled = rule.Message{English: "a free trial published on a transactable plan cannot be disabled", Swedish: "en kostnadsfri utvärderingsversion som publicerats på en köpbar plan kan inte inaktiveras"}
	msgDimRemoved    = rule.Message{English: "published dimension %q was removed or its ID changed", Swedish: "den publicerade dimensionen %q har tagits bort eller fått nytt ID"}
	msgDimChanged    = rule.Message{English: "the %s of published dimension %q cannot change (was %q, now %q)", Swedish: "%s för den publicerade dimensionen %q kan inte ändras (var %q, nu %q)"}
	msgIncludedChg   = rule.Message{English: "the included quantity of published dimension %q for %s cannot change (was %v, now %v)", Swedish: "den inkluderade mängden för den publicerade dimensionen %q för %s kan inte ändras (var %v, nu %v)"}
	msgMeterRemoved  = rule.Message{English: "dimension %q is enabled on the published plan and cannot be disabled", Swedish: "dimensionen %q är aktiverad i den publicerade planen och kan inte inaktiveras"}
	msgMeterAdded    = rule.Message{English: "dimension %q cannot be enabled on a published plan", Swedish: "dimensionen %q kan inte aktiveras i en publicerad plan"}
	wordUnit         = rule.Message{English: "unit of measure", Swedish: "måttenheten"}
	wordDisplayName  = rule.Message{English: "display name", Swedish: "visningsnamnet"}
)

// Reasons of a republish decision.
const (
	ReasonRepublishAllowed rule.Reason = "republish-allowed"
	ReasonRepublishRefused rule.Reason = "republish-refused"
)

// RepublishDecision is the answer to "may the published offer be
// republished as this draft?".
type RepublishDecision struct {
	// Allowed: no change the rules forbid.
	Allowed bool `json:"allowed"`
	// Rule is the first forbidden change's rule, or OFR-10 (a published
	// offer is republished as a whole) when nothing is forbidden.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Prices are the price changes to schedule (EXT-08), when the policy
	// allows them; under the default policy they are refusals instead
	// (PLN-11).
	Prices []PriceChange `json:"prices,omitempty"`
	// Refusals are the forbidden changes, each with its rule and the
	// draft's path ("plans[2].pricing.terms[0].price").
	Refusals rule.Problems `json:"refusals,omitempty"`
}

var (
	msgRepublishOK = rule.Message{English: "the draft may be republished", Swedish: "utkastet får publiceras på nytt"}
	msgRepublishNo = rule.Message{English: "the draft may not be republished:", Swedish: "utkastet får inte publiceras på nytt:"}
	msgRepublishPr = rule.Message{English: "%d price changes to schedule", Swedish: "%d prisändringar att schemalägga"}
	msgRepublish1  = rule.Message{English: "1 price change to schedule", Swedish: "1 prisändring att schemalägga"}
)

// Explain renders the decision in lang: whether the draft may be
// republished, then one forbidden change a line.
func (d RepublishDecision) Explain(lang rule.Language) string {
	if d.Allowed {
		s := msgRepublishOK.Render(lang)
		switch len(d.Prices) {
		case 0:
		case 1:
			s += "; " + msgRepublish1.Render(lang)
		default:
			s += "; " + msgRepublishPr.Render(lang, len(d.Prices))
		}
		return s + " (" + string(d.Rule) + ")"
	}
	s := msgRepublishNo.Render(lang)
	for _, p := range d.Refusals {
		s += "\n" + p.Text(lang)
	}
	return s
}

// String returns the explanation in English.
func (d RepublishDecision) String() string { return d.Explain(rule.English) }

var msgNoOffer = rule.Message{English: "an offer is required", Swedish: "ett erbjudande måste anges"}

// CheckRepublish decides whether the published offer may be republished
// as the draft. Forbidden: changing the offer ID or type or whether it is
// sold through Microsoft; changing a published plan's ID or dropping it
// without stopping its sale (PLN-01, PLN-05); changing its pricing model,
// removing or re-paying a billing term, or changing a market price
// (PLN-11; under a policy with PriceChanges a price change is allowed and
// listed in Prices for package pricing's schedule, EXT-08); making a
// public plan private (PLN-09); disabling a published trial on a
// transactable plan (EXT-04); changing a published dimension's ID, name
// or unit, a plan's included quantities, or which dimensions a plan bills
// (EXT-02). Forbidden changes are refusals in the decision, not errors.
// The draft is not validated: call [Policy.CheckOffer] for that. Plans of
// the published offer that are still drafts may change freely.
//
// A nil offer, or an invalid policy, is an error ([rule.Problems]
// wrapping [ErrNoOffer] or [ErrPolicy]).
func (p Policy) CheckRepublish(published, draft *Offer) (RepublishDecision, error) {
	if err := p.Validate(); err != nil {
		return RepublishDecision{}, err
	}
	var bad rule.Problems
	if published == nil {
		bad.Append(rule.Problem{Path: "published", Message: msgNoOffer, Err: ErrNoOffer})
	}
	if draft == nil {
		bad.Append(rule.Problem{Path: "draft", Message: msgNoOffer, Err: ErrNoOffer})
	}
	if len(bad) > 0 {
		return RepublishDecision{}, bad.Err()
	}
	p = p.orDefault()
	ps, ch := republish(published, draft, p)
	d := RepublishDecision{Allowed: len(ps) == 0, Rule: rule.OFR10, Reason: ReasonRepublishAllowed, Prices: ch.Prices, Refusals: ps}
	if !d.Allowed {
		d.Rule, d.Reason = ps[0].Rule, ReasonRepublishRefused
	}
	return d, nil
}

// changes are what a republish changes that the rules allow but someone
// must act on: the price changes to schedule (EXT-08).
type changes struct{ Prices []PriceChange }

// republish lists the forbidden changes and the allowed ones.
func republish(published, draft *Offer, p Policy) (rule.Problems, changes) {
	var ps rule.Problems
	var ch changes
	if draft.ID != published.ID {
		ps.Add(rule.OFR10, "id", msgOfferID, published.ID)
	}
	if draft.Type != published.Type {
		ps.Add(rule.OFR01, "type", msgOfferType, published.Type.String())
	}
	if draft.SellThroughMicrosoft != published.SellThroughMicrosoft {
		ps.Add(rule.OFR08, "sellThroughMicrosoft", msgSellThrough)
	}
	// EXT-02: dimensions are immutable once published.
	for _, d := range published.Dimensions {
		j := slices.IndexFunc(draft.Dimensions, func(e plan.Dimension) bool { return e.ID == d.ID })
		if j < 0 {
			ps.Add(rule.EXT02, "dimensions", msgDimRemoved, d.ID)
			continue
		}
		at := fmt.Sprintf("dimensions[%d]", j)
		nd := draft.Dimensions[j]
		if nd.Unit != d.Unit {
			ps.Add(rule.EXT02, at+".unit", msgDimChanged, wordUnit, d.ID, d.Unit, nd.Unit)
		}
		if nd.DisplayName != d.DisplayName {
			ps.Add(rule.EXT02, at+".displayName", msgDimChanged, wordDisplayName, d.ID, d.DisplayName, nd.DisplayName)
		}
	}
	transactable := published.SellsThroughMicrosoft()
	for i := range published.Plans {
		old := &published.Plans[i]
		if old.Status != plan.Live && old.Status != plan.StopSold { // not published
			continue
		}
		j := slices.IndexFunc(draft.Plans, func(q plan.Plan) bool { return q.ID == old.ID })
		if j < 0 {
			// Renamed (a new ID with the old name) or dropped.
			k := slices.IndexFunc(draft.Plans, func(q plan.Plan) bool {
				_, existed := published.Plan(q.ID)
				return !existed && q.Name == old.Name
			})
			if k >= 0 {
				ps.Add(rule.PLN01, fmt.Sprintf("plans[%d].id", k), msgPlanIDChanged, old.ID, draft.Plans[k].ID)
			} else {
				ps.Add(rule.PLN05, "plans", msgPlanDropped, old.ID)
			}
			continue
		}
		checkPlan(old, &draft.Plans[j], fmt.Sprintf("plans[%d]", j), transactable, p, &ps, &ch)
	}
	return ps, ch
}

func checkPlan(old, nw *plan.Plan, at string, transactable bool, p Policy, ps *rule.Problems, ch *changes) {
	if nw.Status == plan.Draft {
		ps.Add(rule.PLN05, at+".status", msgStatusBack, old.Status.String())
	}
	if old.Visibility == plan.Public && nw.Visibility == plan.Private {
		ps.Add(rule.PLN09, at+".visibility", msgMadePrivate)
	}
	if transactable && old.Trial.Enabled() && !nw.Trial.Enabled() {
		ps.Add(rule.EXT04, at+".trial", msgTrialDisabled)
	}
	if old.Pricing.Model != nw.Pricing.Model {
		ps.Add(rule.PLN11, at+".pricing.model", msgModelChanged, old.Pricing.Model.String(), nw.Pricing.Model.String())
		return // prices of another model cannot be compared
	}
	price := func(path string, c PriceChange) {
		if c.Old == c.New {
			return
		}
		if p.PriceChanges {
			c.Plan = nw.ID
			ch.Prices = append(ch.Prices, c)
			return
		}
		ps.Add(rule.PLN11, path, msgPriceChanged, c.Old, c.New)
	}
	for _, ot := range old.Pricing.Terms {
		k := slices.IndexFunc(nw.Pricing.Terms, func(t plan.TermPrice) bool { return t.Term == ot.Term })
		if k < 0 {
			ps.Add(rule.PLN11, at+".pricing.terms", msgTermRemoved, ot.Term.String())
			continue
		}
		nt := nw.Pricing.Terms[k]
		tat := fmt.Sprintf("%s.pricing.terms[%d]", at, k)
		if nt.Payment != ot.Payment {
			ps.Add(rule.PLN11, tat+".payment", msgPaymentChange, ot.Term.String(), ot.Payment.String(), nt.Payment.String())
			continue
		}
		price(tat+".price", PriceChange{Term: ot.Term, Payment: ot.Payment, Old: ot.Price, New: nt.Price})
		for _, om := range ot.Markets {
			m := slices.IndexFunc(nt.Markets, func(x plan.MarketPrice) bool { return x.Market == om.Market })
			if m < 0 {
				continue // the market now uses the converted USD price: no stored price to compare
			}
			price(fmt.Sprintf("%s.markets[%d].price", tat, m),
				PriceChange{Term: ot.Term, Payment: ot.Payment, Market: om.Market, Old: om.Price, New: nt.Markets[m].Price})
		}
	}
	// Whether a dimension is enabled on a published plan cannot change
	// (EXT-02): no meter removed, none added.
	for _, om := range old.Pricing.Meters {
		if !slices.ContainsFunc(nw.Pricing.Meters, func(x plan.Meter) bool { return x.Dimension == om.Dimension }) {
			ps.Add(rule.EXT02, at+".pricing.meters", msgMeterRemoved, om.Dimension)
		}
	}
	for k, nm := range nw.Pricing.Meters {
		if !slices.ContainsFunc(old.Pricing.Meters, func(x plan.Meter) bool { return x.Dimension == nm.Dimension }) {
			ps.Add(rule.EXT02, fmt.Sprintf("%s.pricing.meters[%d]", at, k), msgMeterAdded, nm.Dimension)
		}
	}
	for _, om := range old.Pricing.Meters {
		k := slices.IndexFunc(nw.Pricing.Meters, func(x plan.Meter) bool { return x.Dimension == om.Dimension })
		if k < 0 {
			continue // reported above
		}
		nm := nw.Pricing.Meters[k]
		mat := fmt.Sprintf("%s.pricing.meters[%d]", at, k)
		price(mat+".price", PriceChange{Dimension: om.Dimension, Old: om.Price, New: nm.Price})
		for _, in := range om.Included {
			if q, ok := nm.IncludedFor(in.Term); ok && q != in.Quantity {
				ps.Add(rule.EXT02, mat+".included", msgIncludedChg, om.Dimension, in.Term.String(), quantityText(in.Quantity), quantityText(q))
			}
		}
	}
	vmPrices(old, nw, at, price)
}

// vmPrices compares a VM plan's hourly prices.
func vmPrices(old, nw *plan.Plan, at string, price func(string, PriceChange)) {
	ov, nv := &old.Pricing.VM, &nw.Pricing.VM
	if ov.PerHour != (currency.Money{}) {
		price(at+".pricing.vm.perHour", PriceChange{Term: plan.Hourly, Old: ov.PerHour, New: nv.PerHour})
	}
	for _, os := range ov.Sizes {
		if k := slices.IndexFunc(nv.Sizes, func(s plan.SizePrice) bool { return s.VCPUs == os.VCPUs }); k >= 0 {
			price(fmt.Sprintf("%s.pricing.vm.sizes[%d].price", at, k), PriceChange{Term: plan.Hourly, VCPUs: os.VCPUs, Old: os.Price, New: nv.Sizes[k].Price})
		}
	}
	for _, os := range ov.MarketSizes {
		if k := slices.IndexFunc(nv.MarketSizes, func(s plan.MarketSizePrice) bool {
			return s.VCPUs == os.VCPUs && s.Market == os.Market
		}); k >= 0 {
			price(fmt.Sprintf("%s.pricing.vm.marketSizes[%d].price", at, k),
				PriceChange{Term: plan.Hourly, Market: os.Market, VCPUs: os.VCPUs, Old: os.Price, New: nv.MarketSizes[k].Price})
		}
	}
}

func quantityText(q plan.Quantity) string {
	if q.IsUnlimited() {
		return "unlimited"
	}
	return fmt.Sprint(int64(q))
}

package privateoffer

import (
	"errors"
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"slices"
	"strconv"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// ErrOffer is wrapped by the problems of a private offer, or a
// multiparty price, that is not valid input.
var ErrOffer = errors.New("invalid private offer")

// Pricing is how a private offer (or a multiparty partner price)
// sets its price (EXT-09). The enum is append-only; the zero value is
// invalid.
type Pricing uint8

// The private pricings.
const (
	// PercentageDiscount: a percentage off the public price, which must
	// make the price lower.
	PercentageDiscount Pricing = iota + 1
	// AbsolutePrice: a price of its own, higher, lower or equal to the
	// public price (SaaS and Azure applications only, not on trial plans).
	AbsolutePrice
)

var privatePricingNames = enum.Names[Pricing]{Type: "private pricing", Names: []string{"", "percentage", "absolute"}}

// String returns "percentage" or "absolute".
func (p Pricing) String() string { return privatePricingNames.String(p) }

// MarshalText implements [encoding.TextMarshaler].
// The zero Pricing, unset, marshals to "".
func (p Pricing) MarshalText() ([]byte, error) {
	if p == 0 {
		return []byte{}, nil
	}
	return privatePricingNames.Marshal(p)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
// "" is the zero Pricing, unset.
func (p *Pricing) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = 0
		return nil
	}
	return privatePricingNames.Unmarshal(b, p)
}

// Offer is one price line of a customer private offer (EXT-09): a
// percentage discount on a plan (or on every plan of the offer), or an
// absolute price for one of a plan's billing terms or metering
// dimensions, valid from its start until the end of its last month once
// the customer has accepted it. A Partner Center private offer with
// several plans is several Offer values with the same ID.
//
// Dates are calendar dates: the year, month and day of the time.Time in
// its own location (time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC) is March
// 1); the clock is ignored. [Policy.Window] turns them into
// instants in the policy's zone.
type Offer struct {
	// ID identifies the private offer.
	ID string `json:"id"`
	// Plan is the plan's ID; empty for an offer-level discount, which
	// applies to every plan of the offer (percentage only).
	Plan string `json:"plan,omitempty"`
	// Pricing says which of DiscountPercent or Price sets the price.
	Pricing Pricing `json:"pricing"`
	// DiscountPercent is the discount in percent: 15 is 15 %.
	DiscountPercent currency.Rate `json:"discountPercent,omitzero"`
	// Price is the absolute price, in the public price's currency.
	Price currency.Money `json:"price"`
	// Term or Dimension names what an absolute price prices: a billing
	// term's price, or a metering dimension's price per unit (one of the
	// two). A percentage discount applies to every term and dimension.
	Term      plan.Term `json:"term,omitempty"`
	Dimension string    `json:"dimension,omitempty"`
	// Start is the date the offer starts, the 1st of a month; the zero
	// Time starts it when the customer accepts it.
	Start time.Time `json:"start,omitzero"`
	// End is the date of the offer's last day, the last day of a month.
	End time.Time `json:"end"`
	// Accepted is when the customer accepted the offer; the zero Time if
	// not (yet).
	Accepted time.Time `json:"accepted,omitzero"`
}

// Policy holds the numbers of private offers and multiparty
// private offers. [DefaultPolicy] returns the values the
// library uses.
type Policy struct {
	// Rounding rounds a percentage discount, and a multiparty customer
	// price, to the currency's minor unit, in one step: HalfEven.
	Rounding currency.RoundingMode `json:"rounding"`
	// FullDiscount allows a 100 % discount. The sources give no maximum;
	// the default refuses 100 %, since a free private price is what a
	// 0-priced private plan is for (PLN-12), and a percentage discount
	// must leave a price below the public one.
	FullDiscount bool `json:"fullDiscount"`
	// AbsoluteTypes are the offer types whose private offers may set an
	// absolute price: SaaS and Azure (managed) applications, not virtual
	// machines.
	AbsoluteTypes []offer.Type `json:"absoluteTypes"`
	// AdjustmentDecimals is the most decimal places of a multiparty
	// customer adjustment percentage: 8.
	AdjustmentDecimals int `json:"adjustmentDecimals"`
	// AdjustmentRounding rounds the adjustment that
	// [Policy.MultipartyAdjustment] computes to
	// AdjustmentDecimals places: HalfEven (the published example's 10.526315789…% is
	// 10.52631579%).
	AdjustmentRounding currency.RoundingMode `json:"adjustmentRounding"`
	// Zone is the time zone of an offer's dates; nil means UTC.
	Zone *time.Location `json:"-"`
}

// IsZero reports whether p is the zero Policy, which means
// [DefaultPolicy]: the methods apply DefaultPolicy() to it.
func (p Policy) IsZero() bool {
	return p.Rounding == 0 && !p.FullDiscount && p.AbsoluteTypes == nil && p.AdjustmentDecimals == 0 &&
		p.AdjustmentRounding == 0 && p.Zone == nil
}

// resolve sets *p to DefaultPolicy() if it is the zero Policy.
func (p *Policy) resolve() {
	if p.IsZero() {
		*p = DefaultPolicy()
	}
}

// Validate reports every field of p that cannot be applied, as
// [rule.Problems] wrapping [ErrOffer] with paths such as
// "policy.adjustmentDecimals". The zero Policy is valid.
func (p Policy) Validate() error {
	var ps rule.Problems
	p.resolve()
	p.checkPolicy(&ps)
	return ps.Err()
}

// String returns the decision in English.
func (d PriceDecision) String() string { return d.Explain(rule.English) }

// DefaultPolicy returns the policy of EXT-09:
// half-even rounding, no 100 % discount, absolute prices for SaaS and
// Azure applications, adjustments to 8 decimals, dates in UTC.
func DefaultPolicy() Policy {
	return Policy{
		Rounding:           currency.HalfEven,
		AbsoluteTypes:      []offer.Type{offer.SaaS, offer.ManagedApplication},
		AdjustmentDecimals: 8,
		AdjustmentRounding: currency.HalfEven,
	}
}

func (p Policy) zone() *time.Location {
	if p.Zone == nil {
		return time.UTC
	}
	return p.Zone
}

var (
	poMsgPricing     = rule.Message{English: "the pricing must be percentage or absolute", Swedish: "prissättningen måste vara procent eller absolut"}
	poMsgPercent     = rule.Message{English: "a discount of %s%% does not lower the price; it must be above 0", Swedish: "en rabatt på %s %% sänker inte priset; den måste vara större än 0"}
	poMsgPercentMax  = rule.Message{English: "a discount of %s%% is not below 100%%", Swedish: "en rabatt på %s %% är inte under 100 %%"}
	poMsgPercentFull = rule.Message{English: "a discount of %s%% is above 100%%", Swedish: "en rabatt på %s %% är över 100 %%"}
	poMsgBothSet     = rule.Message{English: "a %s offer has no %s", Swedish: "ett erbjudande med %s har ingen %s"}
	poMsgNoCurrency  = rule.Message{English: "the absolute price needs a currency", Swedish: "det absoluta priset behöver en valuta"}
	poMsgNegative    = rule.Message{English: "price %v is negative", Swedish: "priset %v är negativt"}
	poMsgAbsPlan     = rule.Message{English: "an absolute price is set per plan: name the plan", Swedish: "ett absolut pris anges per plan: ange planen"}
	poMsgAbsWhat     = rule.Message{English: "an absolute price prices one billing term or one dimension: give exactly one", Swedish: "ett absolut pris gäller en faktureringsperiod eller en dimension: ange exakt en"}
	poMsgAbsType     = rule.Message{English: "absolute prices are not available for %s offers (only %s)", Swedish: "absoluta priser finns inte för erbjudanden av typen %s (bara %s)"}
	poMsgAbsTrial    = rule.Message{English: "plan %q has a free trial: use a percentage discount, not an absolute price", Swedish: "planen %q har en kostnadsfri utvärderingsversion: använd en procentrabatt, inte ett absolut pris"}
	poMsgOtherPlan   = rule.Message{English: "the offer is for plan %q, not %q", Swedish: "erbjudandet gäller planen %q, inte %q"}
	poMsgTermPlan    = rule.Message{English: "plan %q has no %s term", Swedish: "planen %q har ingen period %s"}
	poMsgDimPlan     = rule.Message{English: "plan %q has no dimension %q", Swedish: "planen %q har ingen dimension %q"}
	poMsgEndMissing  = rule.Message{English: "the end date is required", Swedish: "slutdatumet måste anges"}
	poMsgEndDay      = rule.Message{English: "%s is not the last day of a month; an offer ends on the last day of a month", Swedish: "%s är inte sista dagen i en månad; ett erbjudande slutar den sista dagen i en månad"}
	poMsgStartDay    = rule.Message{English: "%s is not the 1st of a month; an offer starts on acceptance or on the 1st of a month", Swedish: "%s är inte den 1:a i en månad; ett erbjudande börjar när det accepteras eller den 1:a i en månad"}
	poMsgStartEnd    = rule.Message{English: "the offer starts on %s, after its end on %s", Swedish: "erbjudandet börjar %s, efter sitt slut %s"}
)

// checkShape reports the problems of o that need no context, with paths
// under "offers[index]", or at the top for a negative index.
func (p Policy) checkShape(o *Offer, index int, ps *rule.Problems) {
	at := func(path string) string {
		if index < 0 {
			return path
		}
		return "offers[" + strconv.Itoa(index) + "]." + path
	}
	add := func(path string, m rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: rule.EXT09, Path: at(path), Message: m, Args: args, Err: ErrOffer})
	}
	switch o.Pricing {
	case PercentageDiscount:
		if bad, m := poPercentProblem(o.DiscountPercent, p.FullDiscount); bad {
			add("discountPercent", m, o.DiscountPercent.String())
		}
		if o.Price != (currency.Money{}) {
			add("price", poMsgBothSet, o.Pricing.String(), "price")
		}
		if o.Term != 0 || o.Dimension != "" {
			add("term", poMsgBothSet, o.Pricing.String(), "term or dimension")
		}
	case AbsolutePrice:
		if !o.DiscountPercent.IsZero() {
			add("discountPercent", poMsgBothSet, o.Pricing.String(), "discount")
		}
		switch {
		case !o.Price.Code().Valid():
			add("price", poMsgNoCurrency)
		case o.Price.IsNegative():
			add("price", poMsgNegative, o.Price)
		}
		if o.Plan == "" {
			add("plan", poMsgAbsPlan)
		}
		if (o.Term == 0) == (o.Dimension == "") {
			add("term", poMsgAbsWhat)
		}
	default:
		add("pricing", poMsgPricing)
	}
	if o.End.IsZero() {
		add("end", poMsgEndMissing)
	} else if y, m, d := o.End.Date(); d != poDaysInMonth(y, m) {
		add("end", poMsgEndDay, o.End.Format(time.DateOnly))
	}
	if !o.Start.IsZero() {
		if _, _, d := o.Start.Date(); d != 1 {
			add("start", poMsgStartDay, o.Start.Format(time.DateOnly))
		} else if !o.End.IsZero() && poDateOf(o.Start, time.UTC, 0).After(poDateOf(o.End, time.UTC, 0)) {
			add("start", poMsgStartEnd, o.Start.Format(time.DateOnly), o.End.Format(time.DateOnly))
		}
	}
}

// poCheckPercent reports a discount percentage outside (0, 100), or (0,
// 100] when full is set.
func poCheckPercent(r currency.Rate, full bool, path string, ps *rule.Problems) {
	if bad, m := poPercentProblem(r, full); bad {
		ps.Append(rule.Problem{Rule: rule.EXT09, Path: path, Message: m, Args: []any{r.String()}, Err: ErrOffer})
	}
}

// poPercentProblem says whether a discount percentage is outside (0, 100),
// or (0, 100] when full is set, and why.
func poPercentProblem(r currency.Rate, full bool) (bool, rule.Message) {
	hundred, _ := currency.NewRate(100, 0)
	switch c := r.Cmp(hundred); {
	case r.IsZero():
		return true, poMsgPercent
	case c > 0 && full:
		return true, poMsgPercentFull
	case c >= 0 && !full:
		return true, poMsgPercentMax
	}
	return false, rule.Message{}
}

// Validate reports every problem of private offer o for an offer of type
// t and its plan pl (nil for an offer-level discount) as [rule.Problems]
// wrapping [ErrOffer] (EXT-09): a pricing that is not exactly one
// of a percentage (above 0 and below 100, or up to 100 with FullDiscount)
// or an absolute price; an absolute price for an offer type outside
// AbsoluteTypes (virtual machines), on a plan with a free trial, without
// a plan, or for a term or dimension the plan lacks; a start that is not
// the 1st of a month, an end that is not the last day of a month, a start
// after the end.
func (p Policy) ValidateOffer(o Offer, t offer.Type, pl *plan.Plan) error {
	p.resolve()
	var ps rule.Problems
	p.checkShape(&o, -1, &ps)
	add := func(path string, m rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: rule.EXT09, Path: path, Message: m, Args: args, Err: ErrOffer})
	}
	if pl != nil && o.Plan != "" && o.Plan != pl.ID {
		add("plan", poMsgOtherPlan, o.Plan, pl.ID)
	}
	if o.Pricing == AbsolutePrice {
		if !slices.Contains(p.AbsoluteTypes, t) {
			names := ""
			for i, a := range p.AbsoluteTypes {
				if i > 0 {
					names += ", "
				}
				names += a.String()
			}
			add("pricing", poMsgAbsType, t.String(), names)
		}
		if pl != nil {
			if pl.Trial.Enabled() {
				add("pricing", poMsgAbsTrial, pl.ID)
			}
			if o.Term != 0 && !slices.ContainsFunc(pl.Pricing.Terms, func(tp plan.TermPrice) bool { return tp.Term == o.Term }) {
				add("term", poMsgTermPlan, pl.ID, o.Term.String())
			}
			if o.Dimension != "" && !slices.ContainsFunc(pl.Pricing.Meters, func(m plan.Meter) bool { return m.Dimension == o.Dimension }) {
				add("dimension", poMsgDimPlan, pl.ID, o.Dimension)
			}
		}
	}
	return ps.Err()
}

// Window returns the half-open interval [start, end) in which o applies,
// in the policy's zone: from 00:00 on its Start date, or from its
// acceptance if that is later (an offer that starts on acceptance starts
// then), until 00:00 on the day after its End date. It reports false for
// an offer not accepted, or accepted after its end.
func (p Policy) Window(o Offer) (calendar.Period, bool) {
	p.resolve()
	return p.window(&o)
}

// window is Window for a resolved policy, reading the offer in place.
func (p *Policy) window(o *Offer) (calendar.Period, bool) {
	if o.Accepted.IsZero() || o.End.IsZero() {
		return calendar.Period{}, false
	}
	z := p.zone()
	start := o.Accepted
	if !o.Start.IsZero() {
		if s := poDateOf(o.Start, z, 0); s.After(start) {
			start = s
		}
	}
	end := poDateOf(o.End, z, 1)
	if !start.Before(end) {
		return calendar.Period{}, false
	}
	return calendar.Period{Start: start, End: end}, true
}

// poDateOf returns 00:00 in z on the calendar date of t (its year, month
// and day in its own location), or on the date next days after it (0 or
// 1). A UTC date in UTC is found from the Unix seconds, the same value
// without the calendar's conversions or a zone lookup.
func poDateOf(t time.Time, z *time.Location, next int64) time.Time {
	if z == time.UTC && t.Location() == time.UTC {
		if u := t.Unix(); u > -1<<62 && u < 1<<62 {
			r := u % 86400
			if r < 0 {
				r += 86400
			}
			return time.Unix(u-r+next*86400, 0).UTC()
		}
	}
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, z)
	if next != 0 {
		return day.AddDate(0, 0, int(next))
	}
	return day
}

// poDaysInMonth returns the number of days of month m (1…12) of year y.
func poDaysInMonth(y int, m time.Month) int {
	n, _ := calendar.DaysIn(y, m) // m comes from a time's Date: 1…12
	return n
}

// PriceRequest asks which price a customer pays for one of a
// plan's prices at an instant, given the customer's private offers.
type PriceRequest struct {
	// Plan is the plan's ID.
	Plan string `json:"plan"`
	// Term is the billing term priced (a flat-rate or per-user price), or
	// Dimension the metering dimension (a price per unit); one of them.
	Term      plan.Term `json:"term,omitempty"`
	Dimension string    `json:"dimension,omitempty"`
	// Infrastructure marks an Azure infrastructure charge (the compute
	// under a virtual machine or managed application), which private
	// offers never discount.
	Infrastructure bool `json:"infrastructure,omitempty"`
	// Public is the public price: the latest one, since a private offer's
	// discount applies to the retail price in effect.
	Public currency.Money `json:"public"`
	// Offers are the customer's private offers, active or not.
	Offers []Offer `json:"offers"`
	// At is the instant of the charge.
	At time.Time `json:"at"`
}

// The reasons of private price decisions: stable codes, never renamed or
// reused.
const (
	// ReasonPrivateNone: no private offer applies; the public price does.
	ReasonPrivateNone rule.Reason = "no-private-offer-applies"
	// ReasonPrivateInfrastructure: Azure infrastructure charges are never
	// discounted.
	ReasonPrivateInfrastructure rule.Reason = "infrastructure-not-discounted"
	// ReasonPrivateAbsolute: an absolute private price applies.
	ReasonPrivateAbsolute rule.Reason = "private-absolute-price"
	// ReasonPrivatePercentage: the highest percentage discount applies.
	ReasonPrivatePercentage rule.Reason = "private-best-percentage"
	// ReasonPrivateZeroPublic: a percentage cannot lower a zero price.
	ReasonPrivateZeroPublic rule.Reason = "private-percentage-on-zero-price"
)

// PriceDecision says which price the customer pays, and which
// private offer gave it (EXT-09). It is a value; render it with
// [PriceDecision.Explain]. Price + Discount = Public, exactly.
type PriceDecision struct {
	Plan      string    `json:"plan"`
	Term      plan.Term `json:"term,omitempty"`
	Dimension string    `json:"dimension,omitempty"`
	// Allowed reports whether a private offer sets the price.
	Allowed bool `json:"allowed"`
	// Public is the public price; Price what the customer pays; Discount
	// their difference (negative for an absolute price above Public).
	Public   currency.Money `json:"public"`
	Price    currency.Money `json:"price"`
	Discount currency.Money `json:"discount"`
	// Pricing and Percent describe the winning offer; Offer is its ID and
	// Index its index in the request's Offers (−1 when none applies).
	Pricing Pricing       `json:"pricing,omitempty"`
	Percent currency.Rate `json:"percent,omitzero"`
	Offer   string        `json:"offer,omitempty"`
	Index   int           `json:"index"`
	// Active is the number of the request's offers active for this price
	// at At.
	Active int `json:"active"`
	// Rule is EXT-09; Reason says why.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	At     time.Time   `json:"at"`
	// Window is the winning offer's window.
	Window calendar.Period `json:"window,omitzero"`
}

var (
	poMsgNone      = rule.Message{English: "%v: no private offer applies at %v; the public price applies (%s).", Swedish: "%v: inget privat erbjudande gäller %v; det offentliga priset gäller (%s)."}
	poMsgInfra     = rule.Message{English: "%v: Azure infrastructure charges are never discounted by private offers (%s).", Swedish: "%v: Azure-infrastrukturavgifter rabatteras aldrig av privata erbjudanden (%s)."}
	poMsgAbsolute  = rule.Message{English: "%v instead of %v: private offer %q sets an absolute price, which takes precedence over percentage discounts (%d active offers) (%s).", Swedish: "%v i stället för %v: det privata erbjudandet %q anger ett absolut pris, som går före procentrabatter (%d aktiva erbjudanden) (%s)."}
	poMsgAbsOnly   = rule.Message{English: "%v instead of %v: private offer %q, the only active one, sets an absolute price (%s).", Swedish: "%v i stället för %v: det privata erbjudandet %q, det enda aktiva, anger ett absolut pris (%s)."}
	poMsgPctOnly   = rule.Message{English: "%v instead of %v: private offer %q, the only active one, gives %s%% off (%s).", Swedish: "%v i stället för %v: det privata erbjudandet %q, det enda aktiva, ger %s %% rabatt (%s)."}
	poMsgPercent2  = rule.Message{English: "%v instead of %v: private offer %q gives %s%% off, the highest discount of %d active offers (%s).", Swedish: "%v i stället för %v: det privata erbjudandet %q ger %s %% rabatt, den högsta av %d aktiva erbjudanden (%s)."}
	poMsgZeroPub   = rule.Message{English: "%v: a percentage discount applies only below the public price, and the public price is zero (%s).", Swedish: "%v: en procentrabatt gäller bara under det offentliga priset, och det offentliga priset är noll (%s)."}
	poMsgNeedWhat  = rule.Message{English: "name the billing term or the dimension priced, one of them", Swedish: "ange faktureringsperioden eller dimensionen som prissätts, en av dem"}
	poMsgPublicNeg = rule.Message{English: "the public price %v is negative or has no currency", Swedish: "det offentliga priset %v är negativt eller saknar valuta"}
	poMsgAbsCur    = rule.Message{English: "the absolute price %v is not in the public price's currency %s", Swedish: "det absoluta priset %v är inte i det offentliga prisets valuta %s"}
	poMsgAtMissing = rule.Message{English: "the instant is required", Swedish: "tidpunkten måste anges"}
)

// Explain renders the decision in lang.
func (d PriceDecision) Explain(lang rule.Language) string {
	id := string(d.Rule)
	switch d.Reason {
	case ReasonPrivateInfrastructure:
		return poMsgInfra.Render(lang, d.Price, id)
	case ReasonPrivateAbsolute:
		if d.Active == 1 {
			return poMsgAbsOnly.Render(lang, d.Price, d.Public, d.Offer, id)
		}
		return poMsgAbsolute.Render(lang, d.Price, d.Public, d.Offer, d.Active, id)
	case ReasonPrivatePercentage:
		if d.Active == 1 {
			return poMsgPctOnly.Render(lang, d.Price, d.Public, d.Offer, d.Percent.String(), id)
		}
		return poMsgPercent2.Render(lang, d.Price, d.Public, d.Offer, d.Percent.String(), d.Active, id)
	case ReasonPrivateZeroPublic:
		return poMsgZeroPub.Render(lang, d.Price, id)
	}
	return poMsgNone.Render(lang, d.Price, d.At, id)
}

// Price decides the price a customer pays for one of a plan's prices at
// req.At, given the customer's private offers (EXT-09). An offer takes
// part if it is active at At ([Policy.Window]) and covers the
// price: an offer-level discount (no Plan), or the plan's own; an
// absolute price also must name the request's term or dimension. Among
// them, an absolute price beats every percentage (the lowest absolute
// price if there are several); otherwise the highest percentage wins;
// ties go to the earlier offer. A percentage discount is Public ×
// percent / 100, rounded once with the policy's Rounding, and the price
// is Public minus it; it applies to every metering dimension too, but
// never to an Azure infrastructure charge, and not to a public price of
// zero (a discount must lower the price).
//
// Offers are checked as by [Policy.ValidateOffer] without their
// offer type and plan; invalid offers, a negative public price, an
// absolute price in another currency are reported as [rule.Problems]
// with paths "offers[i]…".
func (p Policy) Price(req PriceRequest) (PriceDecision, error) {
	p.resolve()
	var ps rule.Problems
	add := func(path string, m rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: rule.EXT09, Path: path, Message: m, Args: args, Err: ErrOffer})
	}
	if req.At.IsZero() {
		add("at", poMsgAtMissing)
	}
	if (req.Term == 0) == (req.Dimension == "") && !req.Infrastructure {
		add("term", poMsgNeedWhat)
	}
	if req.Public.IsNegative() || !req.Public.Code().Valid() {
		add("public", poMsgPublicNeg, req.Public)
	}
	for i := range req.Offers {
		o := &req.Offers[i]
		p.checkShape(o, i, &ps)
		if o.Pricing == AbsolutePrice && o.Price.Code().Valid() && o.Price.Code() != req.Public.Code() {
			add(fmt.Sprintf("offers[%d].price", i), poMsgAbsCur, o.Price, req.Public.Code().String())
		}
	}
	if err := ps.Err(); err != nil {
		return PriceDecision{}, err
	}

	noDiscount, _ := currency.New(0, req.Public.Code()) // a checked code
	d := PriceDecision{Plan: req.Plan, Term: req.Term, Dimension: req.Dimension, Public: req.Public,
		Price: req.Public, Discount: noDiscount, Index: -1, Rule: rule.EXT09,
		Reason: ReasonPrivateNone, At: req.At}
	if req.Infrastructure {
		d.Reason = ReasonPrivateInfrastructure
		return d, nil
	}
	best, bestAbs := -1, false
	var bestWindow calendar.Period
	for i := range req.Offers {
		o := &req.Offers[i]
		if o.Plan != "" && o.Plan != req.Plan {
			continue
		}
		if o.Pricing == AbsolutePrice && (o.Term != req.Term || o.Dimension != req.Dimension) {
			continue
		}
		w, ok := p.window(o)
		if !ok || !w.Contains(req.At) {
			continue
		}
		d.Active++
		abs := o.Pricing == AbsolutePrice
		better := false
		switch {
		case best < 0:
			better = true
		case abs != bestAbs:
			better = abs
		case abs:
			better = o.Price.Minor() < req.Offers[best].Price.Minor()
		default:
			better = o.DiscountPercent.Cmp(req.Offers[best].DiscountPercent) > 0
		}
		if better {
			best, bestAbs, bestWindow = i, abs, w
		}
	}
	if best < 0 {
		return d, nil
	}
	o := &req.Offers[best]
	if !bestAbs && req.Public.Sign() == 0 {
		d.Reason = ReasonPrivateZeroPublic
		return d, nil
	}
	d.Allowed, d.Pricing, d.Offer, d.Index, d.Window = true, o.Pricing, o.ID, best, bestWindow
	if bestAbs {
		d.Reason, d.Price = ReasonPrivateAbsolute, o.Price
		d.Discount, _ = req.Public.Sub(o.Price) // same currency, both ≥ 0: no overflow
		return d, nil
	}
	off, err := poPercentOf(req.Public, o.DiscountPercent, p.Rounding)
	if err != nil {
		return PriceDecision{}, fmt.Errorf("pricing: offers[%d]: %w", best, err)
	}
	d.Reason, d.Percent, d.Discount = ReasonPrivatePercentage, o.DiscountPercent, off
	d.Price, _ = req.Public.Sub(off) // 0 ≤ off ≤ Public
	return d, nil
}

// poPercentOf returns m × pct / 100, rounded once with mode.
func poPercentOf(m currency.Money, pct currency.Rate, mode currency.RoundingMode) (currency.Money, error) {
	return m.MulDiv(pct.Coefficient(), poPow10(pct.Scale()+2), mode)
}

// poPow10 returns 10^n for 0 ≤ n ≤ 18.
func poPow10(n int) int64 {
	v := int64(1)
	for range n {
		v *= 10
	}
	return v
}

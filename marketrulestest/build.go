package marketrulestest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/currency"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
)

// PlanOption changes a plan that a plan builder ([NewFlatRatePlan],
// [FlatRatePlan], …) makes. The builder applies its options in order,
// after setting its defaults, and stops at the first error: an option
// given a literal it cannot parse returns an error naming the literal
// (and the testing.TB forms fail the test with it). A host can write its
// own options as functions of this type.
type PlanOption func(p *plan.Plan) error

// defaultMarkets are the markets of a built plan: five markets billed in
// five currencies (USD, SEK, EUR, GBP, JPY).
func defaultMarkets() market.Set {
	return market.SetOf(market.US, market.SE, market.DE, market.GB, market.JP)
}

// newPlan returns a public draft plan with the default markets, named after
// its ID ("gold" is "Gold"), with the options applied.
func newPlan(id string, pr plan.Pricing, opts []PlanOption) (plan.Plan, error) {
	p := plan.Plan{ID: id, Name: nameOf(id), Markets: defaultMarkets(), Pricing: pr}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&p); err != nil {
			return plan.Plan{}, err
		}
	}
	return p, nil
}

// must fails the test with err, naming the builder, or returns v.
func must[T any](tb testing.TB, name string, v T, err error) T {
	tb.Helper()
	if err != nil {
		tb.Fatalf("marketrulestest.%s: %v", name, err)
	}
	return v
}

// money parses a price for a builder, naming the literal on error.
func money(s string) (currency.Money, error) {
	m, err := currency.Parse(s)
	if err != nil {
		return currency.Money{}, fmt.Errorf("price %q: %w", s, err)
	}
	return m, nil
}

// nameOf turns a plan ID into a name: "gold-annual" is "Gold annual".
func nameOf(id string) string {
	s := strings.NewReplacer("-", " ", "_", " ").Replace(id)
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// FlatRatePlan returns a public flat-rate plan of a SaaS or managed
// application offer: ID id, named after it ("gold" is "Gold"), sold in the
// United States, Sweden, Germany, the United Kingdom and Japan, billed
// 1 month upfront at price, a USD amount such as "49.99 USD". Options
// add terms, meters, a trial and so on. The plan's status is Draft, the
// zero value; use Status(plan.Live) for a published plan.
//
// A price that is not money text is an error. The builder does not
// validate the plan: a test may build an invalid one on purpose.
func NewFlatRatePlan(id, price string, opts ...PlanOption) (plan.Plan, error) {
	m, err := money(price)
	if err != nil {
		return plan.Plan{}, err
	}
	return newPlan(id, plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: m}}}, opts)
}

// FlatRatePlan is [NewFlatRatePlan] for a test: an error fails the test
// with tb.Fatalf.
func FlatRatePlan(tb testing.TB, id, price string, opts ...PlanOption) plan.Plan {
	tb.Helper()
	p, err := NewFlatRatePlan(id, price, opts...)
	return must(tb, "FlatRatePlan", p, err)
}

// NewPerUserPlan is like [NewFlatRatePlan] for a SaaS plan priced per
// user: price is the price of one user for 1 month, paid upfront, and the
// plan has no user limits (1 to unlimited) unless the Users option sets
// them.
func NewPerUserPlan(id, price string, opts ...PlanOption) (plan.Plan, error) {
	m, err := money(price)
	if err != nil {
		return plan.Plan{}, err
	}
	return newPlan(id, plan.Pricing{Model: plan.PerUser, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: m}}}, opts)
}

// PerUserPlan is [NewPerUserPlan] for a test: an error fails the test
// with tb.Fatalf.
func PerUserPlan(tb testing.TB, id, price string, opts ...PlanOption) plan.Plan {
	tb.Helper()
	p, err := NewPerUserPlan(id, price, opts...)
	return must(tb, "PerUserPlan", p, err)
}

// FreePlan returns a public free plan (no software charge, PRC-01) with the
// markets of [FlatRatePlan]: the plan of a solution template, a container,
// an IoT Edge module or a free virtual machine image.
func NewFreePlan(id string, opts ...PlanOption) (plan.Plan, error) {
	return newPlan(id, plan.Pricing{Model: plan.Free}, opts)
}

// FreePlan is [NewFreePlan] for a test: an error fails the test with
// tb.Fatalf.
func FreePlan(tb testing.TB, id string, opts ...PlanOption) plan.Plan {
	tb.Helper()
	p, err := NewFreePlan(id, opts...)
	return must(tb, "FreePlan", p, err)
}

// BYOLPlan returns a public bring-your-own-license plan (PRC-01) with the
// markets of [FlatRatePlan]: the plan of a managed service, a container,
// an IoT Edge module or a BYOL virtual machine image.
func NewBYOLPlan(id string, opts ...PlanOption) (plan.Plan, error) {
	return newPlan(id, plan.Pricing{Model: plan.BYOL}, opts)
}

// BYOLPlan is [NewBYOLPlan] for a test: an error fails the test with
// tb.Fatalf.
func BYOLPlan(tb testing.TB, id string, opts ...PlanOption) plan.Plan {
	tb.Helper()
	p, err := NewBYOLPlan(id, opts...)
	return must(tb, "BYOLPlan", p, err)
}

// PerVCPUSizePlan returns a public virtual machine plan priced per hour by
// VM size (EXT-07): sizes maps a number of vCPUs to its USD price per hour,
// {2: "0.06 USD", 4: "0.11 USD"}, listed in the plan by size. Add software
// reservations with [Reservation].
func NewPerVCPUSizePlan(id string, sizes map[int]string, opts ...PlanOption) (plan.Plan, error) {
	var vm plan.VMPricing
	for vcpus := range sizes {
		vm.Sizes = append(vm.Sizes, plan.SizePrice{VCPUs: vcpus})
	}
	slices.SortFunc(vm.Sizes, func(a, b plan.SizePrice) int { return cmp.Compare(a.VCPUs, b.VCPUs) })
	for i := range vm.Sizes {
		m, err := money(sizes[vm.Sizes[i].VCPUs])
		if err != nil {
			return plan.Plan{}, err
		}
		vm.Sizes[i].Price = m
	}
	return newPlan(id, plan.Pricing{Model: plan.PerVCPUSize, VM: vm}, opts)
}

// PerVCPUSizePlan is [NewPerVCPUSizePlan] for a test: an error fails the
// test with tb.Fatalf.
func PerVCPUSizePlan(tb testing.TB, id string, sizes map[int]string, opts ...PlanOption) plan.Plan {
	tb.Helper()
	p, err := NewPerVCPUSizePlan(id, sizes, opts...)
	return must(tb, "PerVCPUSizePlan", p, err)
}

// Name sets the plan's name (PLN-02).
func Name(name string) PlanOption {
	return func(p *plan.Plan) error { p.Name = name; return nil }
}

// Markets sets the markets the plan is sold in, replacing the builder's.
func Markets(codes ...market.Code) PlanOption {
	return func(p *plan.Plan) error { p.Markets = market.SetOf(codes...); return nil }
}

// Status sets the plan's lifecycle status (PLN-05): plan.Live for a
// published plan.
func Status(s plan.Status) PlanOption {
	return func(p *plan.Plan) error { p.Status = s; return nil }
}

// Term adds a billing term paid with payment option pay at price, a USD
// amount for the whole term (EXT-05): Term(plan.OneYear, plan.Monthly,
// "499.00 USD"). A term the plan already has gets the new payment option
// and price.
func Term(term plan.Term, pay plan.PaymentOption, price string) PlanOption {
	return func(p *plan.Plan) error {
		m, err := money(price)
		if err != nil {
			return fmt.Errorf("Term: %w", err)
		}
		tp := plan.TermPrice{Term: term, Payment: pay, Price: m}
		if i := termIndex(p, term); i >= 0 {
			p.Pricing.Terms[i].Payment, p.Pricing.Terms[i].Price = tp.Payment, tp.Price
			return nil
		}
		p.Pricing.Terms = append(p.Pricing.Terms, tp)
		return nil
	}
}

func termIndex(p *plan.Plan, term plan.Term) int {
	return slices.IndexFunc(p.Pricing.Terms, func(tp plan.TermPrice) bool { return tp.Term == term })
}

// MarketPrice sets the plan's price for term in market m, in the market's
// billing currency ("449.00 SEK"), in place of the converted USD price
// (PRC-03), and adds m to the plan's markets. A plan without the term is
// an error: give the Term option first.
func MarketPrice(term plan.Term, m market.Code, price string) PlanOption {
	return func(p *plan.Plan) error {
		i := termIndex(p, term)
		if i < 0 {
			return fmt.Errorf("MarketPrice: plan %q has no %s term", p.ID, term)
		}
		amount, err := money(price)
		if err != nil {
			return fmt.Errorf("MarketPrice: %w", err)
		}
		mp := plan.MarketPrice{Market: m, Price: amount}
		tp := &p.Pricing.Terms[i]
		if j := slices.IndexFunc(tp.Markets, func(x plan.MarketPrice) bool { return x.Market == m }); j >= 0 {
			tp.Markets[j] = mp
		} else {
			tp.Markets = append(tp.Markets, mp)
		}
		p.Markets.Add(m)
		return nil
	}
}

// Users sets the user limits of a per-user plan (EXT-06); 0 leaves a limit
// unset (a minimum of 1, no maximum).
func Users(minUsers, maxUsers int64) PlanOption {
	return func(p *plan.Plan) error { p.Pricing.Users = plan.Users{Min: minUsers, Max: maxUsers}; return nil }
}

// Meter prices one of the offer's metering dimensions (EXT-02): price is
// the USD price per unit ("0.05 USD"), and included the quantity included
// per term (plan.Unlimited for no limit) for each of the plan's terms at the
// time the option is applied, so give it after the Term options. The offer
// builders declare the dimension.
func Meter(dimension, price string, included plan.Quantity) PlanOption {
	return func(p *plan.Plan) error {
		amount, err := money(price)
		if err != nil {
			return fmt.Errorf("Meter: %w", err)
		}
		m := plan.Meter{Dimension: dimension, Price: amount}
		for _, tp := range p.Pricing.Terms {
			m.Included = append(m.Included, plan.Included{Term: tp.Term, Quantity: included})
		}
		p.Pricing.Meters = append(p.Pricing.Meters, m)
		return nil
	}
}

// Trial gives the plan a free trial of months months (TRL-01, TRL-02: 1
// for SaaS; 1, 3 or 6 for virtual machines).
func Trial(months int) PlanOption {
	return func(p *plan.Plan) error { p.Trial = plan.Trial{Months: months}; return nil }
}

// Private makes the plan private to an audience of IDs of the given kind,
// entered by hand (PLN-07, PLN-08): tenant IDs for SaaS, subscription IDs
// for Azure applications and managed services. [TenantID] and
// [SubscriptionID] make IDs.
func Private(kind plan.IDKind, ids ...plan.GUID) PlanOption {
	return func(p *plan.Plan) error {
		p.Visibility = plan.Private
		p.Audience = plan.NewAudience(kind, plan.Manual, ids...)
		return nil
	}
}

// Hidden hides the plan from browsing customers (PLN-07): it is deployed
// only through a solution that references it.
func Hidden() PlanOption {
	return func(p *plan.Plan) error {
		p.Visibility = plan.Hidden
		p.Audience = plan.Audience{}
		return nil
	}
}

// Reservation adds a virtual machine software reservation for term
// (plan.OneYear or plan.ThreeYears) with saving, a fraction of the hourly
// price ("0.30" for 30%) (EXT-07).
func Reservation(term plan.Term, saving string) PlanOption {
	return func(p *plan.Plan) error {
		r, err := currency.ParseRate(saving)
		if err != nil {
			return fmt.Errorf("Reservation: saving %q: %w", saving, err)
		}
		p.Pricing.VM.Reservations = append(p.Pricing.VM.Reservations, plan.Reservation{Term: term, Saving: r})
		return nil
	}
}

// NewOffer returns an offer of type t with the given plans, ready to
// validate: ID "contoso-" followed by the type's name ("contoso-offer" for
// an invalid type), sold through Microsoft if the type can be (OFR-08),
// listed with Get it now where the type allows it (else with its first
// listing option, Contact me for a consulting service), and declaring every
// metering dimension the plans' meters name, in order of first appearance,
// with the dimension's ID as its display name and "per unit" as its unit
// (EXT-02).
//
// The plans are used as given (their slices are shared with the
// arguments); NewOffer does not validate: call offer.Policy.CheckOffer.
func NewOffer(t offer.Type, plans ...plan.Plan) offer.Offer {
	c := t.Capabilities()
	id := "contoso-offer"
	if t.Valid() {
		id = "contoso-" + t.String()
	}
	o := offer.Offer{
		ID:                   id,
		Type:                 t,
		SellThroughMicrosoft: c.SellThroughMicrosoft,
		Plans:                plans,
	}
	switch {
	case slices.Contains(c.Listings, offer.GetItNow):
		o.Listing = offer.GetItNow
	case len(c.Listings) > 0:
		o.Listing = c.Listings[0]
	}
	for _, p := range plans {
		for _, m := range p.Pricing.Meters {
			if !slices.ContainsFunc(o.Dimensions, func(d plan.Dimension) bool { return d.ID == m.Dimension }) {
				o.Dimensions = append(o.Dimensions, plan.Dimension{ID: m.Dimension, DisplayName: m.Dimension, Unit: "per unit"})
			}
		}
	}
	return o
}

// SaaSOffer returns NewOffer(offer.SaaS, plans...): a SaaS offer sold
// through Microsoft, "contoso-saas", with the given plans.
func SaaSOffer(plans ...plan.Plan) offer.Offer { return NewOffer(offer.SaaS, plans...) }

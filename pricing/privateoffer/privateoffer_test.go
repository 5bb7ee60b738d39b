package privateoffer

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

func pbDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func pbPercentOffer(id, pct string) Offer {
	return Offer{ID: id, Plan: "gold", Pricing: PercentageDiscount, DiscountPercent: currency.MustParseRate(pct),
		End: pbDate(2024, 12, 31), Accepted: pbTime("2024-01-10T12:00:00Z")}
}

func pbAbsoluteOffer(id, price string) Offer {
	return Offer{ID: id, Plan: "gold", Pricing: AbsolutePrice, Price: currency.MustParse(price), Term: plan.OneMonth,
		End: pbDate(2024, 12, 31), Accepted: pbTime("2024-01-10T12:00:00Z")}
}

func TestEXT09_W10Multiparty(t *testing.T) {
	// EXT-09: customer price = partner price + partner price ×
	// adjustment %, and back.
	pol := DefaultPolicy()
	abs := func(s string) PartnerPrice { return PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse(s)} }
	tests := []struct {
		partner, adjustment, customer, markup string
	}{
		{"100.00 USD", "10", "110.00 USD", "10.00 USD"},
		{"95.00 USD", "10.52631579", "105.00 USD", "10.00 USD"},
		{"95.00 USD", "0", "95.00 USD", "0.00 USD"},
		{"33.33 USD", "12.5", "37.50 USD", "4.17 USD"},
	}
	for _, tt := range tests {
		d, err := pol.Multiparty(abs(tt.partner), currency.MustParseRate(tt.adjustment))
		if err != nil {
			t.Fatal(err)
		}
		if !d.Allowed || d.Customer != currency.MustParse(tt.customer) || d.Markup != currency.MustParse(tt.markup) || d.Capped || d.Reason != ReasonMPOCustomerPrice {
			t.Errorf("%s + %s%%: %+v; want %s", tt.partner, tt.adjustment, d, tt.customer)
		}
	}
	reverse := []struct {
		partner, desired, adjustment string
	}{
		{"95.00 USD", "105.00 USD", "10.52631579"},
		{"100.00 USD", "110.00 USD", "10.00000000"},
		{"100.00 USD", "100.00 USD", "0"},
		{"3.00 USD", "4.00 USD", "33.33333333"},
		{"3 JPY", "5 JPY", "66.66666667"},
	}
	for _, tt := range reverse {
		d, err := pol.MultipartyAdjustment(abs(tt.partner), currency.MustParse(tt.desired))
		if err != nil {
			t.Fatal(err)
		}
		if !d.Allowed || !d.Exact || d.AdjustmentPercent.String() != tt.adjustment || d.Customer != currency.MustParse(tt.desired) {
			t.Errorf("%s → %s: %+v; want %s%%", tt.partner, tt.desired, d, tt.adjustment)
		}
	}
}

func TestEXT09_MultipartyCap(t *testing.T) {
	// EXT-09: the adjustment % cannot exceed the discount % the publisher
	// gave the partner; an absolute partner price has no cap.
	pol := DefaultPolicy()
	disc := PartnerPrice{Pricing: PercentageDiscount, List: currency.MustParse("100.00 USD"), DiscountPercent: currency.MustParseRate("20")}
	tests := []struct {
		name       string
		pp         PartnerPrice
		adjustment string
		allowed    bool
		partner    string
		customer   string
		reason     rule.Reason
	}{
		{"at the cap", disc, "20", true, "80.00 USD", "96.00 USD", ReasonMPOCustomerPrice},
		{"below the cap", disc, "19.99999999", true, "80.00 USD", "96.00 USD", ReasonMPOCustomerPrice},
		{"above the cap by one unit", disc, "20.00000001", false, "80.00 USD", "96.00 USD", ReasonMPOAboveDiscount},
		{"far above", disc, "50", false, "80.00 USD", "120.00 USD", ReasonMPOAboveDiscount},
		{"absolute: no cap", PartnerPrice{Pricing: AbsolutePrice, List: currency.MustParse("100.00 USD"), Price: currency.MustParse("80.00 USD")}, "50", true, "80.00 USD", "120.00 USD", ReasonMPOCustomerPrice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := pol.Multiparty(tt.pp, currency.MustParseRate(tt.adjustment))
			if err != nil {
				t.Fatal(err)
			}
			if d.Allowed != tt.allowed || d.Partner != currency.MustParse(tt.partner) || d.Customer != currency.MustParse(tt.customer) || d.Reason != tt.reason {
				t.Errorf("got %+v", d)
			}
			if d.Capped != (tt.pp.Pricing == PercentageDiscount) {
				t.Errorf("capped %v", d.Capped)
			}
		})
	}
	d, err := pol.MultipartyAdjustment(disc, currency.MustParse("97.00 USD"))
	if err != nil || d.Allowed || d.Reason != ReasonMPOAboveDiscount || d.AdjustmentPercent.String() != "21.25000000" {
		t.Errorf("desired above the cap: %+v %v", d, err)
	}
	p, err := pol.PartnerPrice(PartnerPrice{Pricing: PercentageDiscount, List: currency.MustParse("99.99 USD"), DiscountPercent: currency.MustParseRate("15")})
	if err != nil || p != currency.MustParse("84.99 USD") { // 99.99 − 15.00 (14.9985 half-even)
		t.Errorf("PartnerPrice = %v, %v", p, err)
	}
}

func TestEXT09_MultipartyRefusalsAndErrors(t *testing.T) {
	// EXT-09: the adjustment only raises the price; invalid input is a
	// problem.
	pol := DefaultPolicy()
	abs := PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("95.00 USD")}
	d, err := pol.MultipartyAdjustment(abs, currency.MustParse("90.00 USD"))
	if err != nil || d.Allowed || d.Reason != ReasonMPOBelowPartner {
		t.Errorf("below: %+v %v", d, err)
	}
	d, err = pol.MultipartyAdjustment(PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("0.00 USD")}, currency.MustParse("1.00 USD"))
	if err != nil || d.Allowed || d.Reason != ReasonMPOUnreachable {
		t.Errorf("zero partner price: %+v %v", d, err)
	}
	d, err = pol.MultipartyAdjustment(PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("0.01 USD")}, currency.MustFromMinor(1<<62, currency.USD))
	if err != nil || d.Allowed || d.Reason != ReasonMPOUnreachable {
		t.Errorf("huge desired price: %+v %v", d, err)
	}
	// A desired price between two reachable ones: the nearest, not exact.
	pol2 := pol
	pol2.AdjustmentDecimals = 0
	d, err = pol2.MultipartyAdjustment(PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("1000.00 USD")}, currency.MustParse("1005.00 USD"))
	if err != nil || !d.Allowed || d.Exact || d.Reason != ReasonMPONearestAdjusted || d.AdjustmentPercent.String() != "0" {
		t.Errorf("nearest: %+v %v", d, err)
	}
	tests := []struct {
		name  string
		pp    PartnerPrice
		adj   string
		paths []string
	}{
		{"nine decimals", abs, "10.123456789", []string{"adjustmentPercent"}},
		{"no pricing", PartnerPrice{Price: currency.MustParse("1.00 USD")}, "1", []string{"pricing"}},
		{"discount of 0", PartnerPrice{Pricing: PercentageDiscount, List: currency.MustParse("1.00 USD")}, "1", []string{"discountPercent"}},
		{"discount of 100", PartnerPrice{Pricing: PercentageDiscount, List: currency.MustParse("1.00 USD"), DiscountPercent: currency.MustParseRate("100")}, "1", []string{"discountPercent"}},
		{"list without currency", PartnerPrice{Pricing: PercentageDiscount, DiscountPercent: currency.MustParseRate("10")}, "1", []string{"list"}},
		{"negative absolute", PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("-1.00 USD")}, "1", []string{"price"}},
	}
	for _, tt := range tests {
		_, err := pol.Multiparty(tt.pp, currency.MustParseRate(tt.adj))
		if diff := cmp.Diff(tt.paths, pbPaths(err)); diff != "" || !errors.Is(err, ErrOffer) {
			t.Errorf("%s: %v (-want +got):\n%s", tt.name, err, diff)
		}
	}
	if d, err := pol.Multiparty(abs, currency.MustParseRate("10.500000000000")); err != nil || d.AdjustmentPercent.String() != "10.50000000" {
		t.Errorf("trailing zeros beyond 8 decimals: %+v %v", d, err)
	}
	if _, err := pol.MultipartyAdjustment(abs, currency.MustParse("105.00 EUR")); diff(pbPaths(err), []string{"desired"}) {
		t.Errorf("desired in EUR: %v", err)
	}
	if _, err := pol.MultipartyAdjustment(PartnerPrice{}, currency.MustParse("105.00 EUR")); !errors.Is(err, ErrOffer) {
		t.Errorf("invalid partner price: %v", err)
	}
	if _, err := pol.PartnerPrice(PartnerPrice{}); !errors.Is(err, ErrOffer) {
		t.Errorf("PartnerPrice of nothing: %v", err)
	}
	bad := pol
	bad.AdjustmentDecimals = 16
	if _, err := bad.Multiparty(abs, currency.MustParseRate("1")); diff(pbPaths(err), []string{"policy.adjustmentDecimals"}) {
		t.Errorf("policy: %v", err)
	}
	bad = pol
	bad.Rounding = 99
	if _, err := bad.Multiparty(abs, currency.MustParseRate("1")); diff(pbPaths(err), []string{"policy.rounding"}) || bad.Validate() == nil {
		t.Errorf("rounding mode: %v", err)
	}
	if err := (Policy{}).Validate(); err != nil {
		t.Errorf("zero policy: %v", err)
	}
}

func diff(a, b []string) bool { return !cmp.Equal(a, b) }

func TestEXT09_MultipartyReverseProperty(t *testing.T) {
	// EXT-09, property: the adjustment computed for a desired price
	// gives that price exactly (partner prices up to 10 million), and
	// customer = partner + markup.
	rng := rand.New(rand.NewPCG(55, 89))
	pol := DefaultPolicy()
	for range 20000 {
		partner := currency.MustFromMinor(1+rng.Int64N(1_000_000_000), currency.USD)
		desired := currency.MustFromMinor(partner.Minor()+rng.Int64N(partner.Minor()*3+1), currency.USD)
		pol.Rounding = currency.RoundingMode(rng.IntN(7))
		d, err := pol.MultipartyAdjustment(PartnerPrice{Pricing: AbsolutePrice, Price: partner}, desired)
		if err != nil || !d.Allowed {
			t.Fatalf("%v → %v: %+v %v", partner, desired, d, err)
		}
		if !d.Exact || d.Customer != desired {
			t.Fatalf("%v → %v (%v): %v%% gives %v", partner, desired, pol.Rounding, d.AdjustmentPercent, d.Customer)
		}
		if sum, _ := d.Partner.Add(d.Markup); sum != d.Customer || d.AdjustmentPercent.Scale() != 8 {
			t.Fatalf("partner %v + markup %v ≠ %v", d.Partner, d.Markup, d.Customer)
		}
	}
}

func TestEXT09_BestPrice(t *testing.T) {
	// EXT-09: among active offers, an absolute price beats every
	// percentage; otherwise the highest percentage wins; discounts apply
	// to meters but never to Azure infrastructure.
	at := pbTime("2024-06-15T12:00:00Z")
	public := currency.MustParse("100.00 USD")
	expired := pbPercentOffer("old", "90")
	expired.End = pbDate(2024, 5, 31)
	notAccepted := pbPercentOffer("pending", "80")
	notAccepted.Accepted = time.Time{}
	otherPlan := pbPercentOffer("silver", "70")
	otherPlan.Plan = "silver"
	offerLevel := pbPercentOffer("all", "25")
	offerLevel.Plan = ""
	yearly := pbAbsoluteOffer("yearly", "1.00 USD")
	yearly.Term = plan.OneYear
	tests := []struct {
		name    string
		req     PriceRequest
		price   string
		offer   string
		reason  rule.Reason
		applied bool
	}{
		{"no offers", PriceRequest{}, "100.00 USD", "", ReasonPrivateNone, false},
		{"inactive offers only", PriceRequest{Offers: []Offer{expired, notAccepted, otherPlan, yearly}}, "100.00 USD", "", ReasonPrivateNone, false},
		{"highest percentage", PriceRequest{Offers: []Offer{pbPercentOffer("a", "10"), pbPercentOffer("b", "15.5"), pbPercentOffer("c", "12")}}, "84.50 USD", "b", ReasonPrivatePercentage, true},
		{"offer-level discount", PriceRequest{Offers: []Offer{pbPercentOffer("a", "10"), offerLevel}}, "75.00 USD", "all", ReasonPrivatePercentage, true},
		{"tie goes to the earlier", PriceRequest{Offers: []Offer{pbPercentOffer("a", "10"), pbPercentOffer("b", "10.0")}}, "90.00 USD", "a", ReasonPrivatePercentage, true},
		{"absolute beats a better percentage", PriceRequest{Offers: []Offer{pbPercentOffer("a", "50"), pbAbsoluteOffer("abs", "80.00 USD")}}, "80.00 USD", "abs", ReasonPrivateAbsolute, true},
		{"absolute above the public price", PriceRequest{Offers: []Offer{pbAbsoluteOffer("abs", "120.00 USD")}}, "120.00 USD", "abs", ReasonPrivateAbsolute, true},
		{"lowest absolute", PriceRequest{Offers: []Offer{pbAbsoluteOffer("x", "90.00 USD"), pbAbsoluteOffer("y", "85.00 USD")}}, "85.00 USD", "y", ReasonPrivateAbsolute, true},
		{"meter dimension gets the percentage", PriceRequest{Term: 0, Dimension: "emails", Public: currency.MustParse("0.05 USD"),
			Offers: []Offer{pbPercentOffer("a", "20"), pbAbsoluteOffer("abs", "80.00 USD")}}, "0.04 USD", "a", ReasonPrivatePercentage, true},
		{"infrastructure is never discounted", PriceRequest{Infrastructure: true, Public: currency.MustParse("0.14 USD"),
			Offers: []Offer{pbPercentOffer("a", "20")}}, "0.14 USD", "", ReasonPrivateInfrastructure, false},
		{"a percentage cannot lower a zero price", PriceRequest{Public: currency.MustParse("0.00 USD"),
			Offers: []Offer{pbPercentOffer("a", "20")}}, "0.00 USD", "", ReasonPrivateZeroPublic, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			req.Plan, req.At = "gold", at
			if req.Term == 0 && req.Dimension == "" && !req.Infrastructure {
				req.Term = plan.OneMonth
			}
			if req.Public == (currency.Money{}) {
				req.Public = public
			}
			d, err := DefaultPolicy().Price(req)
			if err != nil {
				t.Fatal(err)
			}
			if d.Price != currency.MustParse(tt.price) || d.Offer != tt.offer || d.Reason != tt.reason || d.Allowed != tt.applied || d.Rule != rule.EXT09 {
				t.Errorf("got %v from %q (%s, applied %v); want %s from %q (%s)", d.Price, d.Offer, d.Reason, d.Allowed, tt.price, tt.offer, tt.reason)
			}
			if sum, _ := d.Price.Add(d.Discount); sum != d.Public {
				t.Errorf("price %v + discount %v ≠ public %v", d.Price, d.Discount, d.Public)
			}
			if (d.Index >= 0) != d.Allowed || (d.Allowed && req.Offers[d.Index].ID != d.Offer) {
				t.Errorf("index %d", d.Index)
			}
		})
	}
}

func TestEXT09_Window(t *testing.T) {
	// EXT-09: an offer starts on acceptance or on the 1st of a month and
	// ends with the last day of a month: [start, end) in the policy's zone.
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	pol := DefaultPolicy()
	pol.Zone = sto
	tests := []struct {
		name       string
		o          Offer
		start, end time.Time
		ok         bool
	}{
		{"on acceptance", Offer{End: pbDate(2024, 3, 31), Accepted: pbTime("2024-01-10T12:00:00Z")},
			pbTime("2024-01-10T12:00:00Z"), time.Date(2024, 4, 1, 0, 0, 0, 0, sto), true},
		{"specific month, accepted before", Offer{Start: pbDate(2024, 2, 1), End: pbDate(2024, 2, 29), Accepted: pbTime("2024-01-10T12:00:00Z")},
			time.Date(2024, 2, 1, 0, 0, 0, 0, sto), time.Date(2024, 3, 1, 0, 0, 0, 0, sto), true},
		{"specific month, accepted during it", Offer{Start: pbDate(2024, 2, 1), End: pbDate(2024, 2, 29), Accepted: pbTime("2024-02-10T12:00:00Z")},
			pbTime("2024-02-10T12:00:00Z"), time.Date(2024, 3, 1, 0, 0, 0, 0, sto), true},
		{"not accepted", Offer{Start: pbDate(2024, 2, 1), End: pbDate(2024, 2, 29)}, time.Time{}, time.Time{}, false},
		{"accepted after the end", Offer{End: pbDate(2024, 2, 29), Accepted: pbTime("2024-03-01T12:00:00Z")}, time.Time{}, time.Time{}, false},
		{"no end", Offer{Accepted: pbTime("2024-03-01T12:00:00Z")}, time.Time{}, time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, ok := pol.Window(tt.o)
			if ok != tt.ok || !w.Start.Equal(tt.start) || !w.End.Equal(tt.end) {
				t.Errorf("got %v %v, want [%v, %v) %v", w, ok, tt.start, tt.end, tt.ok)
			}
		})
	}
	// The last instant of the end date is in; midnight after it is not.
	o := pbPercentOffer("a", "10")
	o.End = pbDate(2024, 6, 30)
	for at, want := range map[time.Time]bool{
		time.Date(2024, 6, 30, 23, 59, 59, 0, sto):      true,
		time.Date(2024, 7, 1, 0, 0, 0, 0, sto):          false,
		time.Date(2024, 1, 10, 12, 0, 0, 0, time.UTC):   true,
		time.Date(2024, 1, 10, 11, 59, 59, 0, time.UTC): false,
	} {
		d, err := pol.Price(PriceRequest{Plan: "gold", Term: plan.OneMonth, Public: currency.MustParse("10.00 USD"), Offers: []Offer{o}, At: at})
		if err != nil || d.Allowed != want {
			t.Errorf("%v: applied %v, want %v (%v)", at, d.Allowed, want, err)
		}
	}
}

func TestEXT09_Validate(t *testing.T) {
	// EXT-09: what a private offer may be.
	pol := DefaultPolicy()
	gold := &plan.Plan{ID: "gold", Pricing: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneMonth}},
		Meters: []plan.Meter{{Dimension: "emails"}}}}
	trial := &plan.Plan{ID: "gold", Trial: plan.Trial{Months: 1}, Pricing: gold.Pricing}
	pct := pbPercentOffer("a", "10")
	abs := pbAbsoluteOffer("b", "80.00 USD")
	with := func(o Offer, f func(*Offer)) Offer { f(&o); return o }
	ok := []struct {
		name string
		o    Offer
		t    offer.Type
		pl   *plan.Plan
		pol  Policy
	}{
		{"percentage on SaaS", pct, offer.SaaS, gold, pol},
		{"percentage on a VM", pct, offer.VirtualMachine, nil, pol},
		{"percentage on a trial plan", pct, offer.SaaS, trial, pol},
		{"absolute on SaaS", abs, offer.SaaS, gold, pol},
		{"absolute on a managed application", abs, offer.ManagedApplication, gold, pol},
		{"absolute meter price", with(abs, func(o *Offer) { o.Term, o.Dimension = 0, "emails" }), offer.SaaS, gold, pol},
		{"starting in a month", with(pct, func(o *Offer) { o.Start = pbDate(2024, 2, 1) }), offer.SaaS, gold, pol},
		{"one month", with(pct, func(o *Offer) { o.Start, o.End = pbDate(2024, 2, 1), pbDate(2024, 2, 29) }), offer.SaaS, gold, pol},
		{"100% when allowed", with(pct, func(o *Offer) { o.DiscountPercent = currency.MustParseRate("100") }), offer.SaaS, gold,
			func() Policy { p := pol; p.FullDiscount = true; return p }()},
	}
	for _, tt := range ok {
		if err := tt.pol.ValidateOffer(tt.o, tt.t, tt.pl); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	bad := []struct {
		name  string
		o     Offer
		t     offer.Type
		pl    *plan.Plan
		pol   Policy
		paths []string
	}{
		{"0%", with(pct, func(o *Offer) { o.DiscountPercent = currency.Rate{} }), offer.SaaS, gold, pol, []string{"discountPercent"}},
		{"100%", with(pct, func(o *Offer) { o.DiscountPercent = currency.MustParseRate("100") }), offer.SaaS, gold, pol, []string{"discountPercent"}},
		{"101% when 100 is allowed", with(pct, func(o *Offer) { o.DiscountPercent = currency.MustParseRate("101") }), offer.SaaS, gold,
			func() Policy { p := pol; p.FullDiscount = true; return p }(), []string{"discountPercent"}},
		{"percentage with a price and a term", with(pct, func(o *Offer) { o.Price, o.Term = currency.MustParse("1.00 USD"), plan.OneMonth }), offer.SaaS, gold, pol, []string{"price", "term"}},
		{"absolute on a VM", abs, offer.VirtualMachine, nil, pol, []string{"pricing"}},
		{"absolute on a trial plan", abs, offer.SaaS, trial, pol, []string{"pricing"}},
		{"absolute with a discount", with(abs, func(o *Offer) { o.DiscountPercent = currency.MustParseRate("5") }), offer.SaaS, gold, pol, []string{"discountPercent"}},
		{"absolute without currency", with(abs, func(o *Offer) { o.Price = currency.Money{} }), offer.SaaS, gold, pol, []string{"price"}},
		{"negative absolute", with(abs, func(o *Offer) { o.Price = currency.MustParse("-1.00 USD") }), offer.SaaS, gold, pol, []string{"price"}},
		{"absolute at offer level", with(abs, func(o *Offer) { o.Plan = "" }), offer.SaaS, nil, pol, []string{"plan"}},
		{"absolute for a term and a dimension", with(abs, func(o *Offer) { o.Dimension = "emails" }), offer.SaaS, gold, pol, []string{"term"}},
		{"absolute for a term the plan lacks", with(abs, func(o *Offer) { o.Term = plan.ThreeYears }), offer.SaaS, gold, pol, []string{"term"}},
		{"absolute for a dimension the plan lacks", with(abs, func(o *Offer) { o.Term, o.Dimension = 0, "texts" }), offer.SaaS, gold, pol, []string{"dimension"}},
		{"another plan", with(pct, func(o *Offer) { o.Plan = "silver" }), offer.SaaS, gold, pol, []string{"plan"}},
		{"no pricing", with(pct, func(o *Offer) { o.Pricing = 0 }), offer.SaaS, gold, pol, []string{"pricing"}},
		{"start not the 1st", with(pct, func(o *Offer) { o.Start = pbDate(2024, 2, 15) }), offer.SaaS, gold, pol, []string{"start"}},
		{"end not the last day", with(pct, func(o *Offer) { o.End = pbDate(2024, 2, 28) }), offer.SaaS, gold, pol, []string{"end"}},
		{"no end", with(pct, func(o *Offer) { o.End = time.Time{} }), offer.SaaS, gold, pol, []string{"end"}},
		{"start after end", with(pct, func(o *Offer) { o.Start, o.End = pbDate(2025, 2, 1), pbDate(2024, 12, 31) }), offer.SaaS, gold, pol, []string{"start"}},
	}
	for _, tt := range bad {
		err := tt.pol.ValidateOffer(tt.o, tt.t, tt.pl)
		if diff := cmp.Diff(tt.paths, pbPaths(err)); diff != "" || !errors.Is(err, ErrOffer) {
			t.Errorf("%s: %v (-want +got):\n%s", tt.name, err, diff)
			continue
		}
		var ps rule.Problems
		if errors.As(err, &ps); !ps.Has(rule.EXT09) {
			t.Errorf("%s: rules %v", tt.name, ps.Rules())
		}
	}
}

func TestEXT09_PriceErrors(t *testing.T) {
	// EXT-09: invalid requests and offers are problems with paths.
	o := pbAbsoluteOffer("abs", "80.00 EUR")
	p := pbPercentOffer("p", "0")
	_, err := DefaultPolicy().Price(PriceRequest{Public: currency.MustParse("-1.00 USD"), Offers: []Offer{o, p}})
	want := []string{"at", "term", "public", "offers[0].price", "offers[1].discountPercent"}
	if diff := cmp.Diff(want, pbPaths(err)); diff != "" {
		t.Errorf("(-want +got):\n%s\n%v", diff, err)
	}
	bad := DefaultPolicy()
	bad.Rounding = 42
	_, err = bad.Price(PriceRequest{Plan: "gold", Term: plan.OneMonth, Public: currency.MustParse("10.00 USD"),
		Offers: []Offer{pbPercentOffer("a", "10")}, At: pbTime("2024-06-01T00:00:00Z")})
	if !errors.Is(err, currency.ErrRoundingMode) {
		t.Errorf("rounding mode: %v", err)
	}
}

func TestEXT09_PriceProperties(t *testing.T) {
	// EXT-09, property: price + discount = public; a percentage never
	// raises the price; adding an offer never makes the price worse
	// among percentages.
	rng := rand.New(rand.NewPCG(1, 2))
	at := pbTime("2024-06-15T12:00:00Z")
	for range 5000 {
		public := currency.MustFromMinor(rng.Int64N(10_000_000), currency.USD)
		var offers []Offer
		for i := range rng.IntN(6) {
			pct, _ := currency.NewRate(1+rng.Int64N(9999), 2) // 0.01 … 99.99
			o := pbPercentOffer(string(rune('a'+i)), pct.String())
			offers = append(offers, o)
		}
		req := PriceRequest{Plan: "gold", Term: plan.OneYear, Public: public, Offers: offers, At: at}
		d, err := DefaultPolicy().Price(req)
		if err != nil {
			t.Fatal(err)
		}
		if sum, _ := d.Price.Add(d.Discount); sum != public || d.Price.Minor() > public.Minor() || d.Price.IsNegative() {
			t.Fatalf("%v: price %v discount %v", public, d.Price, d.Discount)
		}
		more := append(offers, pbPercentOffer("z", "50"))
		req.Offers = more
		d2, _ := DefaultPolicy().Price(req)
		if d2.Price.Minor() > d.Price.Minor() {
			t.Fatalf("another offer raised the price: %v → %v", d.Price, d2.Price)
		}
	}
}

func TestEXT09_Explain(t *testing.T) {
	// EXT-09: decisions explain themselves.
	at := pbTime("2024-06-15T12:00:00Z")
	base := PriceRequest{Plan: "gold", Term: plan.OneMonth, Public: currency.MustParse("100.00 USD"), At: at}
	with := func(f func(*PriceRequest)) PriceRequest { r := base; f(&r); return r }
	pol := DefaultPolicy()
	tests := []struct {
		req  PriceRequest
		lang rule.Language
		want string
	}{
		{base, rule.English, "$100.00: no private offer applies at 2024-06-15 12:00:00 UTC; the public price applies (EXT-09)."},
		{with(func(r *PriceRequest) {
			r.Offers = []Offer{pbPercentOffer("a", "10"), pbPercentOffer("b", "15")}
		}), rule.English,
			`$85.00 instead of $100.00: private offer "b" gives 15% off, the highest discount of 2 active offers (EXT-09).`},
		{with(func(r *PriceRequest) {
			r.Offers = []Offer{pbPercentOffer("a", "10"), pbAbsoluteOffer("x", "80.00 USD")}
		}), rule.Swedish,
			"80,00\u00a0US$ i stället för 100,00\u00a0US$: det privata erbjudandet \"x\" anger ett absolut pris, som går före procentrabatter (2 aktiva erbjudanden) (EXT-09)."},
		{with(func(r *PriceRequest) { r.Infrastructure, r.Term = true, 0 }), rule.English, "$100.00: Azure infrastructure charges are never discounted by private offers (EXT-09)."},
		{with(func(r *PriceRequest) {
			r.Public = currency.MustParse("0.00 USD")
			r.Offers = []Offer{pbPercentOffer("a", "10")}
		}), rule.English, "$0.00: a percentage discount applies only below the public price, and the public price is zero (EXT-09)."},
	}
	for _, tt := range tests {
		d, err := pol.Price(tt.req)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Explain(tt.lang); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
	abs := PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("95.00 USD")}
	disc := PartnerPrice{Pricing: PercentageDiscount, List: currency.MustParse("100.00 USD"), DiscountPercent: currency.MustParseRate("20")}
	mp := []struct {
		d    func() (MultipartyDecision, error)
		lang rule.Language
		want string
	}{
		{func() (MultipartyDecision, error) { return pol.Multiparty(abs, currency.MustParseRate("10.52631579")) }, rule.English,
			"Customer price $105.00: the partner price $95.00 plus the customer adjustment of 10.52631579% ($10.00) (EXT-09)."},
		{func() (MultipartyDecision, error) { return pol.Multiparty(disc, currency.MustParseRate("10")) }, rule.English,
			"Customer price $88.00: the partner price $80.00 plus the customer adjustment of 10% ($8.00) (EXT-09). The adjustment is within the publisher's 20% discount to the partner."},
		{func() (MultipartyDecision, error) { return pol.Multiparty(disc, currency.MustParseRate("25")) }, rule.Swedish,
			"Nekas: kundjusteringen på 25 % överstiger utgivarens rabatt på 20 % till partnern, som är taket; be utgivaren om ett absolut partnerpris i stället (EXT-09)."},
		{func() (MultipartyDecision, error) {
			return pol.MultipartyAdjustment(abs, currency.MustParse("90.00 USD"))
		}, rule.English,
			"Refused: the desired price $90.00 is below the partner price $95.00; the customer adjustment only raises the price (EXT-09)."},
		{func() (MultipartyDecision, error) {
			return pol.MultipartyAdjustment(PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("0.00 USD")}, currency.MustParse("1.00 USD"))
		}, rule.English, "Refused: no customer adjustment turns the partner price $0.00 into $1.00 (EXT-09)."},
		{func() (MultipartyDecision, error) {
			p := pol
			p.AdjustmentDecimals = 0
			return p.MultipartyAdjustment(PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("1000.00 USD")}, currency.MustParse("1005.00 USD"))
		}, rule.English, "Customer price $1,000.00: the partner price $1,000.00 plus the customer adjustment of 0% ($0.00) (EXT-09). No adjustment with 0 decimals gives exactly $1,005.00; this is the nearest."},
	}
	for _, tt := range mp {
		d, err := tt.d()
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Explain(tt.lang); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

func TestEXT09_JSON(t *testing.T) {
	// EXT-09: offers and decisions round-trip through JSON.
	offers := []Offer{pbPercentOffer("a", "12.5"), pbAbsoluteOffer("b", "80.00 USD")}
	b, err := json.Marshal(offers)
	if err != nil {
		t.Fatal(err)
	}
	var back []Offer
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(offers, back); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !strings.Contains(string(b), `"pricing":"percentage","discountPercent":"12.5"`) {
		t.Errorf("JSON %s", b)
	}
	d, _ := DefaultPolicy().Price(PriceRequest{Plan: "gold", Term: plan.OneMonth, Public: currency.MustParse("100.00 USD"),
		Offers: offers[:1], At: pbTime("2024-06-15T12:00:00Z")})
	b, _ = json.Marshal(d)
	var dback PriceDecision
	if err := json.Unmarshal(b, &dback); err != nil || !cmp.Equal(d, dback) {
		t.Errorf("decision: %v %s", err, cmp.Diff(d, dback))
	}
	for _, p := range []Pricing{PercentageDiscount, AbsolutePrice} {
		b, _ := p.MarshalText()
		var got Pricing
		if err := got.UnmarshalText(b); err != nil || got != p {
			t.Errorf("%v: %v %v", p, got, err)
		}
	}
}

func TestEXT09_ExplainSingleOffer(t *testing.T) {
	// EXT-09: a single active offer is named as such.
	pol := DefaultPolicy()
	d, err := pol.Price(PriceRequest{Plan: "gold", Term: plan.OneMonth, Public: currency.MustParse("100.00 USD"),
		Offers: []Offer{pbAbsoluteOffer("x", "80.00 USD")}, At: pbTime("2024-06-15T12:00:00Z")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Explain(rule.English), `$80.00 instead of $100.00: private offer "x", the only active one, sets an absolute price (EXT-09).`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func BenchmarkPrivatePrice(b *testing.B) {
	offers := []Offer{pbPercentOffer("a", "10"), pbPercentOffer("b", "15.5"), pbAbsoluteOffer("c", "80.00 USD"), pbPercentOffer("d", "12")}
	req := PriceRequest{Plan: "gold", Term: plan.OneMonth, Public: currency.MustParse("100.00 USD"), Offers: offers, At: pbTime("2024-06-15T12:00:00Z")}
	pol := DefaultPolicy()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pol.Price(req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPrivateMultiparty(b *testing.B) {
	pol := DefaultPolicy()
	pp := PartnerPrice{Pricing: PercentageDiscount, List: currency.MustParse("100.00 USD"), DiscountPercent: currency.MustParseRate("20")}
	adj := currency.MustParseRate("10.52631579")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pol.Multiparty(pp, adj); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPrivateMultipartyAdjustment(b *testing.B) {
	pol := DefaultPolicy()
	pp := PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("95.00 USD")}
	desired := currency.MustParse("105.00 USD")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pol.MultipartyAdjustment(pp, desired); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEXT09_MultipartyAdjustmentRoundingModes(t *testing.T) {
	// EXT-09: the computed adjustment rounds with the policy's mode;
	// the nearest exact one is chosen whatever the mode.
	pp := PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("95.00 USD")}
	for mode := currency.HalfEven; mode <= currency.Floor; mode++ {
		pol := DefaultPolicy()
		pol.AdjustmentRounding = mode
		d, err := pol.MultipartyAdjustment(pp, currency.MustParse("105.00 USD"))
		if err != nil || !d.Exact || d.Customer != currency.MustParse("105.00 USD") {
			t.Errorf("%v: %+v %v", mode, d, err)
		}
		want := map[currency.RoundingMode]string{currency.Up: "10.52631579", currency.Ceiling: "10.52631579",
			currency.Down: "10.52631578", currency.Floor: "10.52631578"}[mode]
		if want != "" && d.AdjustmentPercent.String() != want {
			t.Errorf("%v: %v, want %s", mode, d.AdjustmentPercent, want)
		}
	}
	// A tie: 8 JPY to 9 JPY is 12.5%; at 0 decimals both 12% and 13%
	// give 9 JPY, and the mode picks.
	pol := DefaultPolicy()
	pol.AdjustmentDecimals = 0
	for mode, want := range map[currency.RoundingMode]string{currency.HalfEven: "12", currency.HalfUp: "13", currency.HalfDown: "12"} {
		pol.AdjustmentRounding = mode
		d, err := pol.MultipartyAdjustment(PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("8 JPY")}, currency.MustParse("9 JPY"))
		if err != nil || d.AdjustmentPercent.String() != want || !d.Exact {
			t.Errorf("%v: %v %v, want %s", mode, d.AdjustmentPercent, err, want)
		}
	}
	bad := DefaultPolicy()
	bad.AdjustmentRounding = 77
	if _, err := bad.MultipartyAdjustment(pp, currency.MustParse("105.00 USD")); diff(pbPaths(err), []string{"policy.adjustmentRounding"}) {
		t.Errorf("rounding: %v", err)
	}
	if _, err := DefaultPolicy().MultipartyAdjustment(pp, currency.MustParse("-1.00 USD")); diff(pbPaths(err), []string{"desired"}) {
		t.Errorf("negative desired: %v", err)
	}
}

func TestEXT09_PoDivRound(t *testing.T) {
	// EXT-09: the 128-bit rounded division behind the adjustment.
	tests := []struct {
		hi, lo, den uint64
		mode        currency.RoundingMode
		want        uint64
		ok          bool
	}{
		{0, 7, 2, currency.HalfEven, 4, true}, {0, 5, 2, currency.HalfEven, 2, true}, {0, 5, 2, currency.HalfUp, 3, true},
		{0, 5, 2, currency.HalfDown, 2, true}, {0, 7, 3, currency.HalfDown, 2, true}, {0, 8, 3, currency.HalfDown, 3, true},
		{0, 7, 3, currency.Up, 3, true}, {0, 7, 3, currency.Ceiling, 3, true}, {0, 8, 3, currency.Down, 2, true},
		{0, 8, 3, currency.Floor, 2, true}, {0, 9, 3, currency.Up, 3, true}, {1, 0, 1, currency.Down, 0, false},
		{0, 1, 0, currency.Down, 0, false}, {0, 7, 3, currency.RoundingMode(9), 0, false},
		{0, ^uint64(0), 1, currency.Up, ^uint64(0), true}, {1, ^uint64(0), 2, currency.Up, 0, false},
	}
	for _, tt := range tests {
		got, ok := poDivRound(tt.hi, tt.lo, tt.den, tt.mode)
		if got != tt.want || ok != tt.ok {
			t.Errorf("poDivRound(%d, %d, %d, %v) = %d, %v; want %d, %v", tt.hi, tt.lo, tt.den, tt.mode, got, ok, tt.want, tt.ok)
		}
	}
}

func TestEXT09_MultipartyExtremeDecimalsReturn(t *testing.T) {
	// Issue 17: AdjustmentDecimals = math.MinInt (or MaxInt) is refused by
	// the policy check and the adjustment loop still ends.
	for _, dec := range []int{math.MinInt, -1, math.MaxInt} {
		p := DefaultPolicy()
		p.AdjustmentDecimals = dec
		pp := PartnerPrice{Pricing: AbsolutePrice, Price: currency.MustParse("95.00 USD")}
		if _, err := p.Multiparty(pp, currency.MustParseRate("10.5")); err == nil {
			t.Errorf("AdjustmentDecimals %d: no error", dec)
		}
		if _, err := p.MultipartyAdjustment(pp, currency.MustParse("105.00 USD")); err == nil {
			t.Errorf("AdjustmentDecimals %d: MultipartyAdjustment: no error", dec)
		}
	}
}

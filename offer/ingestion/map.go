package ingestion

// This file holds every mapping between the product ingestion API's
// resources and the library's offer and plan values, both ways.

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// The rules of the product ingestion API (the rule package's rulebook
// names them ING-01 to ING-03).
const (
	ing01 = rule.ING01
	ing02 = rule.ING02
	ing03 = rule.ING03
)

// mapped are the resource types mapped to offer values.
var mapped = map[string]bool{
	"product": true, "plan": true, "plan-listing": true, "price-and-availability-plan": true,
	"price-and-availability-custom-meter": true, "commercial-marketplace-setup": true,
}

// offerTypes maps product.type to the offer type.
var offerTypes = []struct {
	wire string
	t    offer.Type
}{
	{"softwareAsAService", offer.SaaS},
	{"azureVirtualMachine", offer.VirtualMachine},
	{"azureApplication", offer.ManagedApplication},
	{"azureApplication", offer.SolutionTemplate},
	{"azureContainer", offer.Container},
	{"iotEdgeModule", offer.IoTEdgeModule},
	{"managedService", offer.ManagedService},
	{"consultingService", offer.ConsultingService},
	{"dynamics365BusinessCentral", offer.BusinessCentral},
	{"dynamics365ForCustomerEngagement", offer.CustomerEngagement},
	{"dynamics365ForOperations", offer.DynamicsOperations},
	{"powerBiApp", offer.PowerBIApp},
}

// The members of each resource the package knows (the first six are
// common to every resource).
var (
	common        = []string{"$schema", "id", "resourceName", "validations", "product", "plan"}
	setupFields   = append(common[:6:6], "sellThroughMicrosoft", "trialUri", "contactMe")
	productFields = append(common[:6:6], "identity", "type", "alias", "lifecycleState", "productGroup", "deprecationSchedule")
	planFields    = append(common[:6:6], "identity", "alias", "lifecycleState", "subtype", "azureRegions", "azureGovernmentCertifications", "displayRank", "deprecationSchedule")
	listingFields = append(common[:6:6], "kind", "languageId", "name", "summary", "description", "lifecycleState")
	metersFields  = append(common[:6:6], "customMeters")
	priceFields   = append(common[:6:6], "audience", "visibility", "markets", "customerMarkets", "privateAudiences", "pricing", "trial", "softwareReservation", "billingTag")
)

// ix returns a function that renders the path prefix[j], so that paths are
// built only for a problem.
func ix(prefix string, j int) func() string {
	return func() string { return prefix + "[" + strconv.Itoa(j) + "]" }
}

// fieldsAt is fields with a lazily rendered path.
func (d *decoder) fieldsAt(n *node, f func() string, known ...string) {
	if n == nil || n.kind != 'o' {
		return
	}
	for _, k := range n.keys {
		if !slices.Contains(known, k) {
			d.fields(n, f(), known...)
			return
		}
	}
}

type decoder struct {
	pol    Policy
	t      *Tree
	ps     *rule.Problems
	cur    Resource
	byRef  map[string]int // plan durable ID, resourceName or external ID → plan index
	subtyp string         // plan subtype of an azureApplication product
	setup  *bool          // commercial-marketplace-setup's sellThroughMicrosoft
}

func (d *decoder) at(field string) string {
	if field == "" {
		return d.cur.ref()
	}
	return d.cur.ref() + "." + field
}

func (d *decoder) problem(id rule.ID, field string, err error, msg rule.Message, args ...any) {
	d.ps.Append(rule.Problem{Rule: id, Path: d.at(field), Message: msg, Args: args, Err: err})
}

// fields lists the members of object n not in known as unknown.
func (d *decoder) fields(n *node, field string, known ...string) {
	if n == nil || n.kind != 'o' {
		return
	}
next:
	for _, k := range n.keys {
		for _, kk := range known {
			if k == kk {
				continue next
			}
		}
		f := k
		if field != "" {
			f = field + "." + k
		}
		d.t.Unknown = append(d.t.Unknown, d.at(f))
	}
}

func str(n *node, key string) string {
	v, ok := n.get(key)
	if !ok || v.kind != 's' {
		return ""
	}
	return v.str
}

// decode maps the resources: headers first, then the plans (so that any
// resource may refer to a plan declared after it), then the rest.
func (d *decoder) decode(kids []node) {
	t := d.t
	t.Resources = make([]Resource, len(kids))
	t.raw = kids
	d.byRef = map[string]int{}
	for i := range kids {
		n := &kids[i]
		r := &t.Resources[i]
		r.Index = i
		d.cur = *r
		if n.kind != 'o' {
			d.problem(ing01, "", ErrSyntax, msgNotObject)
			t.Unknown = append(t.Unknown, r.ref())
			continue
		}
		r.ID, r.Name = str(n, "id"), str(n, "resourceName")
		d.cur = *r
		s := str(n, "$schema")
		typ, ver, known := parseSchema(s)
		r.Type, r.Version = typ, ver
		if !known {
			d.problem(ing01, "$schema", ErrSchema, msgSchema, s)
			t.Unknown = append(t.Unknown, r.ref())
			r.Type, r.Version = "", ""
			continue
		}
		r.Mapped = mapped[typ]
	}
	for i := range kids {
		if t.Resources[i].Type == "plan" {
			d.cur = t.Resources[i]
			d.plan(&kids[i], &t.Resources[i])
		}
	}
	for i := range kids {
		r := &t.Resources[i]
		d.cur = *r
		n := &kids[i]
		switch r.Type {
		case "product":
			d.product(n)
		case "commercial-marketplace-setup":
			d.fields(n, "", setupFields...)
			if v, ok := n.get("sellThroughMicrosoft"); ok && v.kind == 'b' {
				b := v.str == "true"
				d.setup = &b
			}
		case "plan-listing":
			if k := d.planOf(n, r); k >= 0 {
				d.listing(n, &t.Offer.Plans[k])
			}
		case "price-and-availability-plan":
			if k := d.planOf(n, r); k >= 0 {
				d.price(n, &t.Offer.Plans[k])
			}
		case "price-and-availability-custom-meter":
			d.dimensions(n)
		}
	}
	d.finish()
	t.orig = cloneOffer(t.Offer)
}

func (d *decoder) product(n *node) {
	d.fields(n, "", productFields...)
	if id, ok := n.get("identity"); ok {
		d.fields(id, "identity", "externalId")
		d.t.Offer.ID = str(id, "externalId")
	}
	typ := str(n, "type")
	for _, ot := range offerTypes {
		if ot.wire == typ {
			d.t.Offer.Type = ot.t
			return
		}
	}
	if typ != "" {
		d.problem(ing01, "type", ErrUnmapped, msgOfferType, typ)
	}
}

func (d *decoder) plan(n *node, r *Resource) {
	d.fields(n, "", planFields...)
	id, _ := n.get("identity")
	ext := str(id, "externalId")
	d.fields(id, "identity", "externalId")
	if ext == "" {
		d.problem(ing01, "identity.externalId", ErrReference, msgNoExternalID)
		return
	}
	if st := str(n, "lifecycleState"); st == "deleted" {
		r.Plan = ext
		return
	}
	if s := str(n, "subtype"); s != "" {
		d.subtyp = s
	}
	pl := plan.Plan{ID: ext}
	switch str(n, "lifecycleState") {
	case "deprecated":
		pl.Status = plan.StopSold
	}
	k := len(d.t.Offer.Plans)
	d.t.Offer.Plans = append(d.t.Offer.Plans, pl)
	r.Plan = ext
	d.byRef["x:"+ext] = k
	if r.ID != "" {
		d.byRef["d:"+r.ID] = k
	}
	if r.Name != "" {
		d.byRef["n:"+r.Name] = k
	}
}

// planOf resolves a resource's plan reference: a durable ID, or an object
// with an externalId or a resourceName.
func (d *decoder) planOf(n *node, r *Resource) int {
	ref, ok := n.get("plan")
	key := ""
	switch {
	case !ok:
	case ref.kind == 's':
		key = "d:" + ref.str
	case ref.kind == 'o':
		if x := str(ref, "externalId"); x != "" {
			key = "x:" + x
		} else if x := str(ref, "resourceName"); x != "" {
			key = "n:" + x
		}
	}
	k, found := d.byRef[key]
	if !found {
		d.problem(ing01, "plan", ErrReference, msgNoPlan)
		return -1
	}
	r.Plan = d.t.Offer.Plans[k].ID
	d.cur.Plan = r.Plan
	return k
}

func (d *decoder) listing(n *node, pl *plan.Plan) {
	d.fields(n, "", listingFields...)
	if lang := str(n, "languageId"); lang != "" && !strings.EqualFold(lang, "en-us") && pl.Name != "" {
		return // the English listing wins; others are kept verbatim
	}
	pl.Name, pl.Summary, pl.Description = str(n, "name"), str(n, "summary"), str(n, "description")
}

func (d *decoder) dimensions(n *node) {
	d.fields(n, "", metersFields...)
	cm, ok := n.get("customMeters")
	if !ok || cm.kind != 'o' {
		return
	}
	for i, id := range cm.keys {
		m := &cm.kids[i]
		d.fields(m, "customMeters."+id, "displayName", "unitOfMeasure", "isEnabled", "priceInUsd", "billingTag")
		d.t.Offer.Dimensions = append(d.t.Offer.Dimensions, plan.Dimension{ID: id, DisplayName: str(m, "displayName"), Unit: str(m, "unitOfMeasure")})
	}
}

func (d *decoder) price(n *node, pl *plan.Plan) {
	d.fields(n, "", priceFields...)
	switch str(n, "audience") {
	case "private":
		pl.Visibility = plan.Private
	default:
		if str(n, "visibility") == "hidden" {
			pl.Visibility = plan.Hidden
		}
	}
	switch cm := str(n, "customerMarkets"); cm {
	case "allMarkets":
		pl.Markets = market.TransactingSet()
	case "allTaxRemittedMarkets":
		pl.Markets = market.TaxRemittedSet()
	case "", "customMarkets":
		if ms, ok := n.get("markets"); ok && ms.kind == 'a' {
			for j := range ms.kids {
				c, err := market.Parse(ms.kids[j].str)
				if err != nil || ms.kids[j].kind != 's' {
					d.problem(ing01, fmt.Sprintf("markets[%d]", j), ErrUnmapped, msgMarket, ms.kids[j].str)
					continue
				}
				pl.Markets.Add(c)
			}
		}
	default:
		d.problem(ing01, "customerMarkets", ErrUnmapped, msgValue, cm)
	}
	if pa, ok := n.get("privateAudiences"); ok && pa.kind == 'a' {
		d.audiences(pa, pl)
	}
	if pr, ok := n.get("pricing"); !ok || pr.kind != 'o' || len(pr.keys) == 0 {
		pl.Pricing.Model = plan.Free // a plan without pricing
	} else {
		if _, vm := pr.get("licenseModel"); vm {
			d.vmPricing(pr, pl)
		} else {
			d.saasPricing(pr, pl)
		}
	}
	if tr, ok := n.get("trial"); ok && tr.kind == 'o' {
		d.fields(tr, "trial", "type", "value")
		v, _ := tr.get("value")
		q, ok := whole(v)
		switch typ := str(tr, "type"); {
		case !ok || q < 0:
			d.problem(ing02, "trial.value", ErrUnmapped, msgValue, v.textOf())
		case typ == "month":
			pl.Trial.Months = int(min(q, 1200))
		case typ == "year":
			pl.Trial.Months = int(min(q, 100) * 12)
		default:
			d.problem(ing02, "trial.type", ErrUnmapped, msgTrial, typ)
		}
	}
	if sr, ok := n.get("softwareReservation"); ok && sr.kind == 'a' {
		for j := range sr.kids {
			r := &sr.kids[j]
			f := fmt.Sprintf("softwareReservation[%d]", j)
			d.fields(r, f, "type", "term", "percentageSave")
			tv, _ := r.get("term")
			q, _ := whole(tv)
			term := plan.Term(0)
			switch {
			case str(r, "type") == "year" && q == 1, str(r, "type") == "month" && q == 12:
				term = plan.OneYear
			case str(r, "type") == "year" && q == 3, str(r, "type") == "month" && q == 36:
				term = plan.ThreeYears
			default:
				d.problem(ing02, f+".term", ErrUnmapped, msgTerm)
				continue
			}
			ps, _ := r.get("percentageSave")
			rate, err := percentRate(ps)
			if err != nil {
				d.problem(ing02, f+".percentageSave", ErrUnmapped, msgValue, ps.textOf())
				continue
			}
			pl.Pricing.VM.Reservations = append(pl.Pricing.VM.Reservations, plan.Reservation{Term: term, Saving: rate})
		}
	}
}

func (d *decoder) audiences(pa *node, pl *plan.Plan) {
	for j := range pa.kids {
		a := &pa.kids[j]
		f := ix("privateAudiences", j)
		d.fieldsAt(a, f, "type", "id", "label")
		var kind plan.IDKind
		switch typ := str(a, "type"); typ {
		case "tenant":
			kind = plan.TenantIDs
		case "subscription":
			kind = plan.SubscriptionIDs
		default:
			d.problem(ing01, f()+".type", ErrUnmapped, msgAudienceType, typ)
			continue
		}
		if pl.Audience.Kind != 0 && pl.Audience.Kind != kind {
			d.problem(ing01, f()+".type", ErrUnmapped, msgAudienceMixed)
			continue
		}
		g, err := plan.ParseGUID(str(a, "id"))
		if err != nil {
			d.problem(ing01, f()+".id", ErrUnmapped, msgValue, str(a, "id"))
			continue
		}
		pl.Audience.Kind = kind
		pl.Audience.IDs = append(pl.Audience.IDs, g)
	}
	if len(pl.Audience.IDs) > max(d.pol.Offer.AudienceManualMax, 10) {
		pl.Audience.Source = plan.CSV
	}
}

func (d *decoder) saasPricing(pr *node, pl *plan.Plan) {
	d.fields(pr, "pricing", "recurrentPrice", "customMeters")
	rp, hasRecurrent := pr.get("recurrentPrice")
	if hasRecurrent && rp.kind == 'o' {
		d.fields(rp, "pricing.recurrentPrice", "recurrentPriceMode", "priceInputOption", "userLimits", "prices")
		pl.Pricing.Model = plan.FlatRate
		switch mode := str(rp, "recurrentPriceMode"); mode {
		case "", "flatRate":
		case "perUser":
			pl.Pricing.Model = plan.PerUser
			if ul, ok := rp.get("userLimits"); ok {
				d.fields(ul, "pricing.recurrentPrice.userLimits", "min", "max")
				lo, _ := ul.get("min")
				hi, _ := ul.get("max")
				pl.Pricing.Users.Min, _ = whole(lo)
				pl.Pricing.Users.Max, _ = whole(hi)
			}
		default:
			d.problem(ing02, "pricing.recurrentPrice.recurrentPriceMode", ErrUnmapped, msgValue, mode)
		}
		if ps, ok := rp.get("prices"); ok && ps.kind == 'a' {
			for j := range ps.kids {
				d.termPrice(&ps.kids[j], ix("pricing.recurrentPrice.prices", j), pl)
			}
		}
	} else {
		hasRecurrent = false
	}
	cm, ok := pr.get("customMeters")
	if !ok || cm.kind != 'o' {
		return
	}
	d.fields(cm, "pricing.customMeters", "priceInputOption", "meters")
	ms, ok := cm.get("meters")
	if !ok || ms.kind != 'o' {
		return
	}
	if !hasRecurrent {
		pl.Pricing.Model = plan.UsageOnly
	}
	for i, id := range ms.keys {
		m := &ms.kids[i]
		f := "pricing.customMeters.meters." + id
		d.fields(m, f, "pricePerPaymentInUsd", "includedQuantities")
		mt := plan.Meter{Dimension: id, Price: currency.MustFromMinor(0, currency.USD)}
		if p, ok := m.get("pricePerPaymentInUsd"); ok {
			money, err := meterPrice(p)
			if err != nil {
				d.problem(ing02, f+".pricePerPaymentInUsd", ErrUnmapped, msgPrice, p.str)
			}
			mt.Price = money
		}
		if iq, ok := m.get("includedQuantities"); ok && iq.kind == 'a' {
			for j := range iq.kids {
				q := &iq.kids[j]
				gf := ix(f+".includedQuantities", j)
				d.fieldsAt(q, gf, "billingTerm", "quantity", "isInfinite")
				bt, _ := q.get("billingTerm")
				term, ok := wireTerm(bt)
				if !ok {
					d.problem(ing02, gf()+".billingTerm", ErrUnmapped, msgTerm)
					continue
				}
				inc := plan.Included{Term: term}
				if inf, _ := q.get("isInfinite"); inf != nil && inf.str == "true" {
					inc.Quantity = plan.Unlimited
				} else {
					qv, _ := q.get("quantity")
					n, ok := whole(qv)
					if !ok || n < 0 {
						d.problem(ing02, gf()+".quantity", ErrUnmapped, msgValue, qv.textOf())
						continue
					}
					inc.Quantity = plan.Quantity(n)
				}
				mt.Included = append(mt.Included, inc)
			}
		}
		pl.Pricing.Meters = append(pl.Pricing.Meters, mt)
	}
}

func (d *decoder) termPrice(p *node, fp func() string, pl *plan.Plan) {
	d.fieldsAt(p, fp, "billingTerm", "paymentOption", "pricePerPaymentInUsd", "prices")
	bt, _ := p.get("billingTerm")
	term, ok := wireTerm(bt)
	if !ok {
		d.problem(ing02, fp()+".billingTerm", ErrUnmapped, msgTerm)
		return
	}
	tp := plan.TermPrice{Term: term, Payment: plan.Upfront}
	if po, ok := p.get("paymentOption"); ok && po.kind == 'o' {
		pt, _ := wireTerm(po)
		switch {
		case pt == term:
		case pt == plan.OneMonth:
			tp.Payment = plan.Monthly
		case pt == plan.OneYear:
			tp.Payment = plan.Annual
		default:
			d.problem(ing02, fp()+".paymentOption", ErrUnmapped, msgPayment)
			return
		}
	}
	n := int64(term.Months() / tp.Payment.Months(term))
	pp, ok := p.get("pricePerPaymentInUsd")
	if !ok {
		pp = &node{kind: 'n', str: "0"}
	}
	per, err := amount(pp, currency.USD)
	if err == nil {
		tp.Price, err = per.Mul(n)
	}
	if err != nil {
		d.problem(ing02, fp()+".pricePerPaymentInUsd", ErrUnmapped, msgPrice, pp.textOf())
		return
	}
	if mp, ok := p.get("prices"); ok && mp.kind == 'a' {
		f := fp()
		for j := range mp.kids {
			g := fmt.Sprintf("%s.prices[%d]", f, j)
			it := &mp.kids[j]
			d.fields(it, g, "currency", "markets", "price")
			d.marketPrices(it, g, func(c market.Code, cur currency.Code) {
				pv, _ := it.get("price")
				m, err := amount(pv, cur)
				if err == nil {
					m, err = m.Mul(n)
				}
				if err != nil {
					d.problem(ing02, g+".price", ErrUnmapped, msgPrice, pv.textOf())
					return
				}
				tp.Markets = append(tp.Markets, plan.MarketPrice{Market: c, Price: m})
			})
		}
	}
	pl.Pricing.Terms = append(pl.Pricing.Terms, tp)
}

// marketPrices calls fn for every market of a per-market price item
// ({"currency": "eur", "markets": ["de", "fr"], …}).
func (d *decoder) marketPrices(it *node, g string, fn func(market.Code, currency.Code)) {
	cur, err := currency.ParseCode(str(it, "currency"))
	if err != nil {
		d.problem(ing02, g+".currency", ErrUnmapped, msgValue, str(it, "currency"))
		return
	}
	ms, _ := it.get("markets")
	if ms == nil || ms.kind != 'a' {
		return
	}
	for k := range ms.kids {
		c, err := market.Parse(ms.kids[k].str)
		if err != nil || ms.kids[k].kind != 's' {
			d.problem(ing01, fmt.Sprintf("%s.markets[%d]", g, k), ErrUnmapped, msgMarket, ms.kids[k].str)
			continue
		}
		fn(c, cur)
	}
}

func (d *decoder) vmPricing(pr *node, pl *plan.Plan) {
	d.fields(pr, "pricing", "licenseModel", "corePricing")
	switch lm := str(pr, "licenseModel"); lm {
	case "byol":
		pl.Pricing.Model = plan.BYOL
		return
	case "payAsYouGo":
	default:
		d.problem(ing02, "pricing.licenseModel", ErrUnmapped, msgValue, lm)
		return
	}
	cp, ok := pr.get("corePricing")
	if !ok || cp.kind != 'o' {
		d.problem(ing02, "pricing.corePricing", ErrUnmapped, msgValue, "")
		return
	}
	const f = "pricing.corePricing"
	d.fields(cp, f, "priceInputOption", "price", "pricePerCore", "pricePerCoreSize", "prices")
	usd := func(key string) currency.Money {
		v, _ := cp.get(key)
		if v == nil {
			v = &node{kind: 'n', str: "0"}
		}
		m, err := amount(v, currency.USD)
		if err != nil {
			d.problem(ing02, f+"."+key, ErrUnmapped, msgPrice, v.textOf())
		}
		return m
	}
	switch opt := str(cp, "priceInputOption"); opt {
	case "free":
		pl.Pricing.Model = plan.Free
	case "flat":
		pl.Pricing.Model = plan.FlatRate
		pl.Pricing.VM.PerHour = usd("price")
	case "perCore":
		pl.Pricing.Model = plan.PerVCPU
		pl.Pricing.VM.PerHour = usd("pricePerCore")
	case "perCoreSize":
		pl.Pricing.Model = plan.PerVCPUSize
		sz, _ := cp.get("pricePerCoreSize")
		if sz == nil || sz.kind != 'o' {
			return
		}
		for i, k := range sz.keys {
			g := f + ".pricePerCoreSize." + k
			cores, ok := coreSize(k)
			m, err := amount(&sz.kids[i], currency.USD)
			if !ok || err != nil {
				d.sizeProblem(g, k, &sz.kids[i], ok)
				continue
			}
			pl.Pricing.VM.Sizes = append(pl.Pricing.VM.Sizes, plan.SizePrice{VCPUs: cores, Price: m})
		}
	case "perMarketAndCoreSize":
		pl.Pricing.Model = plan.PerMarketAndVCPUSize
		ps, _ := cp.get("prices")
		if ps == nil || ps.kind != 'a' {
			return
		}
		for j := range ps.kids {
			it := &ps.kids[j]
			g := fmt.Sprintf("%s.prices[%d]", f, j)
			d.fields(it, g, "currency", "markets", "prices")
			sz, _ := it.get("prices")
			d.marketPrices(it, g, func(c market.Code, cur currency.Code) {
				if sz == nil || sz.kind != 'o' {
					return
				}
				for i, k := range sz.keys {
					cores, ok := coreSize(k)
					m, err := amount(&sz.kids[i], cur)
					if !ok || err != nil {
						d.sizeProblem(g+".prices."+k, k, &sz.kids[i], ok)
						continue
					}
					pl.Pricing.VM.MarketSizes = append(pl.Pricing.VM.MarketSizes, plan.MarketSizePrice{Market: c, VCPUs: cores, Price: m})
				}
			})
		}
	default:
		d.problem(ing02, f+".priceInputOption", ErrUnmapped, msgValue, opt)
	}
}

// sizeProblem reports a core size that is not one, or its price.
func (d *decoder) sizeProblem(field, key string, price *node, keyOK bool) {
	if !keyOK {
		d.problem(ing02, field, ErrUnmapped, msgCoreSize, key)
		return
	}
	d.problem(ing02, field, ErrUnmapped, msgPrice, price.textOf())
}

// finish derives what the tree says only implicitly.
func (d *decoder) finish() {
	o := &d.t.Offer
	if o.Type == offer.ManagedApplication && d.subtyp == "solutionTemplate" {
		o.Type = offer.SolutionTemplate
	}
	switch {
	case d.setup != nil:
		o.SellThroughMicrosoft = *d.setup
	case o.Type == offer.VirtualMachine:
		// Azure bills every virtual machine image, free and BYOL ones
		// included (no software charge).
		o.SellThroughMicrosoft = true
	default:
		for i := range o.Plans {
			if o.Plans[i].Pricing.Model.IsPaid() {
				o.SellThroughMicrosoft = true
			}
		}
	}
	if o.SellThroughMicrosoft || len(o.Plans) > 0 {
		o.Listing = offer.GetItNow
	}
	if d.t.Target == "live" {
		for i := range o.Plans {
			if o.Plans[i].Status == plan.Draft {
				o.Plans[i].Status = plan.Live
			}
		}
	}
}

// holder returns the resource that holds the value at an offer path.
func (t *Tree) holder(path string) (Resource, bool) {
	typ, planID := "product", ""
	switch {
	case strings.HasPrefix(path, "plans["):
		i := strings.IndexByte(path, ']')
		k, err := strconv.Atoi(path[len("plans["):max(i, len("plans["))])
		if err != nil || k < 0 || k >= len(t.Offer.Plans) {
			return Resource{}, false
		}
		planID = t.Offer.Plans[k].ID
		switch rest := path[i+1:]; {
		case rest == ".id":
			typ = "plan"
		case rest == ".name" || rest == ".summary" || rest == ".description":
			typ = "plan-listing"
		default:
			typ = "price-and-availability-plan"
		}
	case strings.HasPrefix(path, "dimensions"):
		typ = "price-and-availability-custom-meter"
	case strings.HasPrefix(path, "sellThroughMicrosoft"):
		typ = "commercial-marketplace-setup"
	case path != "id" && path != "type":
		return Resource{}, false
	}
	for _, r := range t.Resources {
		if r.Type == typ && r.Plan == planID {
			return r, true
		}
	}
	return Resource{}, false
}

// whole reads a number node that holds a whole number ("10", "10.0").
func whole(n *node) (int64, bool) {
	if n == nil || n.kind != 'n' {
		return 0, false
	}
	s := n.str
	if i := strings.IndexByte(s, '.'); i >= 0 {
		if strings.Trim(s[i+1:], "0") != "" {
			return 0, false
		}
		s = s[:i]
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// amount reads a number node as an exact amount of currency c: trailing
// zeros beyond the minor unit are accepted, anything finer is an error.
func amount(n *node, c currency.Code) (currency.Money, error) {
	if n == nil || n.kind != 'n' {
		return currency.Money{}, ErrUnmapped
	}
	s := n.str
	if strings.ContainsAny(s, "eE+") {
		return currency.Money{}, ErrUnmapped
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return currency.ParseAmount(s, c)
}

// meterPrice reads a meter's price per unit: meter prices are accurate to
// the cent, and Partner Center truncates finer ones toward zero, so that
// 0.0045 USD is 0.00 (EXT-02). The truncation is this one named step.
func meterPrice(n *node) (currency.Money, error) {
	if n == nil || n.kind != 'n' || strings.ContainsAny(n.str, "eE+") {
		return currency.Money{}, ErrUnmapped
	}
	return currency.ParseAmountRound(n.str, currency.USD, currency.Down)
}

func (n *node) textOf() string {
	if n == nil {
		return ""
	}
	return n.str
}

// wireTerm reads {"type": "month"|"year", "value": n}.
func wireTerm(n *node) (plan.Term, bool) {
	if n == nil || n.kind != 'o' {
		return 0, false
	}
	v, _ := n.get("value")
	q, ok := whole(v)
	if !ok {
		return 0, false
	}
	switch typ := str(n, "type"); {
	case typ == "month" && q == 1:
		return plan.OneMonth, true
	case typ == "year" && q >= 1 && q <= 3:
		return plan.OneYear + plan.Term(q-1), true
	case typ == "month" && (q == 12 || q == 24 || q == 36):
		return plan.OneYear + plan.Term(q/12-1), true
	}
	return 0, false
}

func termNode(t plan.Term) node {
	n := objNode()
	if t == plan.OneMonth {
		n.set("type", strNode("month"))
		n.set("value", intNode(1))
		return n
	}
	n.set("type", strNode("year"))
	n.set("value", intNode(int64(t.Months()/12)))
	return n
}

// coreSize reads a core-size key: "2core", "8Core".
func coreSize(k string) (int, bool) {
	s := strings.ToLower(k)
	s, ok := strings.CutSuffix(s, "core")
	if !ok {
		s, ok = strings.CutSuffix(s, "cores")
	}
	v, err := strconv.Atoi(s)
	return v, ok && err == nil && v > 0
}

// percentRate reads a percentage ("30", "12.5") as a fraction.
func percentRate(n *node) (currency.Rate, error) {
	if n == nil || n.kind != 'n' || strings.ContainsAny(n.str, "eE+-") {
		return currency.Rate{}, ErrUnmapped
	}
	ip, fp, _ := strings.Cut(n.str, ".")
	fp = strings.TrimRight(fp, "0")
	digits := strings.TrimLeft(ip+fp, "0")
	if digits == "" {
		digits = "0"
	}
	coef, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || len(fp)+2 > 18 {
		return currency.Rate{}, ErrUnmapped
	}
	return currency.NewRate(coef, len(fp)+2)
}

// percentText writes a rate as a percentage ("0.30" → "30").
func percentText(r currency.Rate) string {
	coef, scale := r.Coefficient(), r.Scale()-2
	for scale < 0 {
		coef *= 10
		scale++
	}
	s := strconv.FormatInt(coef, 10)
	for len(s) <= scale {
		s = "0" + s
	}
	if scale > 0 {
		s = strings.TrimRight(s[:len(s)-scale]+"."+s[len(s)-scale:], "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

// ---- encoding ----

// known are the member names the library writes; when a mapped member of
// a resource is merged with what was read, members of the original not
// among these are kept (unknown members survive), and these are replaced.
var known = map[string]bool{
	"audience": true, "visibility": true, "markets": true, "customerMarkets": true, "privateAudiences": true,
	"pricing": true, "recurrentPrice": true, "recurrentPriceMode": true, "priceInputOption": true,
	"userLimits": true, "min": true, "max": true, "prices": true, "billingTerm": true, "paymentOption": true,
	"type": true, "value": true, "pricePerPaymentInUsd": true, "customMeters": true, "meters": true,
	"includedQuantities": true, "quantity": true, "isInfinite": true, "licenseModel": true, "corePricing": true,
	"price": true, "pricePerCore": true, "pricePerCoreSize": true, "currency": true, "softwareReservation": true,
	"term": true, "percentageSave": true, "trial": true, "id": true,
}

// mapLike are the members whose keys are data (meter IDs, core sizes), not
// names: merging them keeps the unknown members of each entry but drops
// the entries the new value no longer has.
var mapLike = map[string]bool{"pricePerCoreSize": true, "meters": true, "prices": true, "customMeters": true}

// merge returns the new value nw with the unknown members of the original
// old kept, recursively; arrays merge element by element. Members of a
// map-like object (asMap) that nw lacks are dropped.
func merge(old *node, nw node, asMap bool) node {
	if old == nil {
		return nw
	}
	switch {
	case old.kind == 'o' && nw.kind == 'o':
		for i, k := range nw.keys {
			if o, ok := old.get(k); ok {
				nw.kids[i] = merge(o, nw.kids[i], mapLike[k] && !asMap)
			}
		}
		if asMap {
			break
		}
		for i, k := range old.keys {
			if _, ok := nw.get(k); !ok && !known[k] {
				nw.set(k, old.kids[i].clone())
			}
		}
	case old.kind == 'a' && nw.kind == 'a':
		for i := range nw.kids {
			if i < len(old.kids) {
				nw.kids[i] = merge(&old.kids[i], nw.kids[i], false)
			}
		}
	}
	return nw
}

// encoder writes resources.
type encoder struct {
	t       *Tree
	ps      *rule.Problems
	product node // the reference to the product
}

func encodeResources(t *Tree, ps *rule.Problems) []node {
	e := &encoder{t: t, ps: ps}
	o := &t.Offer
	var out []node
	planAt := map[string]int{}
	for i := range o.Plans {
		id := o.Plans[i].ID
		if _, dup := planAt[id]; dup || id == "" {
			// Resources refer to plans by ID: a plan without one, or
			// with another plan's, cannot be written.
			ps.Append(rule.Problem{Rule: rule.PLN01, Path: fmt.Sprintf("plans[%d].id", i), Message: msgPlanID, Args: []any{id}, Err: ErrReference})
			continue
		}
		planAt[id] = i
	}
	origAt := map[string]int{}
	for i := range t.orig.Plans {
		origAt[t.orig.Plans[i].ID] = i
	}
	seen := map[string]bool{}
	has := map[string]bool{} // "<type> <plan ID>" of the resources present
	hasProduct, hasMeters := false, false
	e.product = objNode()
	e.product.set("externalId", strNode(o.ID))
	for _, r := range t.Resources {
		if r.Type == "product" && r.ID != "" {
			e.product = strNode(r.ID)
		}
	}
	for i, r := range t.Resources {
		if i >= len(t.raw) {
			break
		}
		raw := &t.raw[i]
		if !r.Mapped || raw.kind != 'o' {
			out = append(out, raw.clone())
			continue
		}
		n := raw.clone()
		has[r.Type+" "+r.Plan] = true
		k, inOffer := planAt[r.Plan]
		ok, inOrig := origAt[r.Plan]
		changed := inOffer && (!inOrig || !samePlan(o.Plans[k], t.orig.Plans[ok]))
		switch r.Type {
		case "product":
			hasProduct = true
			if o.ID != t.orig.ID {
				id, _ := n.get("identity")
				nid := objNode()
				if id != nil {
					nid = id.clone()
				}
				nid.set("externalId", strNode(o.ID))
				n.set("identity", nid)
			}
			if o.Type != t.orig.Type {
				n.set("type", strNode(wireType(o.Type)))
			}
		case "commercial-marketplace-setup":
			if o.SellThroughMicrosoft != t.orig.SellThroughMicrosoft {
				n.set("sellThroughMicrosoft", boolNode(o.SellThroughMicrosoft))
			}
		case "plan":
			seen[r.Plan] = true
		case "plan-listing":
			if changed {
				e.listing(&n, &o.Plans[k])
			}
		case "price-and-availability-plan":
			if changed {
				e.price(&n, &o.Plans[k], fmt.Sprintf("plans[%d]", k))
			}
		case "price-and-availability-custom-meter":
			hasMeters = true
			if !reflect.DeepEqual(o.Dimensions, t.orig.Dimensions) {
				n.set("customMeters", merge(mustGet(raw, "customMeters"), dimensionsNode(o.Dimensions), true))
			}
		}
		out = append(out, n)
	}
	var added []node
	if !hasProduct && (o.ID != "" || o.Type != 0) {
		p := objNode()
		p.set("$schema", strNode(SchemaBase+"product/"+p3))
		p.set("resourceName", strNode("product"))
		p.set("identity", node{kind: 'o', keys: []string{"externalId"}, kids: []node{strNode(o.ID)}})
		if o.Type != 0 {
			p.set("type", strNode(wireType(o.Type)))
		}
		added = append(added, p)
	}
	if !hasMeters && len(o.Dimensions) > 0 {
		m := objNode()
		m.set("$schema", strNode(SchemaBase+"price-and-availability-custom-meter/"+p3))
		m.set("resourceName", strNode("customMeters"))
		m.set("product", e.product.clone())
		m.set("customMeters", dimensionsNode(o.Dimensions))
		added = append(added, m)
	}
	for k := range o.Plans {
		pl := &o.Plans[k]
		if planAt[pl.ID] != k {
			continue
		}
		ref := node{kind: 'o', keys: []string{"externalId"}, kids: []node{strNode(pl.ID)}}
		if !seen[pl.ID] {
			seen[pl.ID] = true
			p := objNode()
			p.set("$schema", strNode(SchemaBase+"plan/"+p3))
			p.set("resourceName", strNode("plan-"+pl.ID))
			p.set("product", e.product.clone())
			p.set("identity", ref.clone())
			p.set("alias", strNode(pl.Name))
			added = append(added, p)
		}
		if !has["plan-listing "+pl.ID] && (pl.Name != "" || pl.Summary != "" || pl.Description != "") {
			l := objNode()
			l.set("$schema", strNode(SchemaBase+"plan-listing/"+p5))
			l.set("resourceName", strNode("plan-listing-"+pl.ID))
			l.set("product", e.product.clone())
			l.set("plan", ref.clone())
			l.set("languageId", strNode("en-us"))
			e.listing(&l, pl)
			added = append(added, l)
		}
		if !has["price-and-availability-plan "+pl.ID] && !noAvailability(pl) {
			a := objNode()
			a.set("$schema", strNode(SchemaBase+"price-and-availability-plan/"+p4))
			a.set("resourceName", strNode("price-and-availability-plan-"+pl.ID))
			a.set("product", e.product.clone())
			a.set("plan", ref.clone())
			e.price(&a, pl, fmt.Sprintf("plans[%d]", k))
			added = append(added, a)
		}
	}
	return append(added, out...)
}

// noAvailability reports whether a plan declares nothing that a
// price-and-availability-plan resource holds (a plan decoded from a tree
// without one).
func noAvailability(pl *plan.Plan) bool {
	return pl.Visibility == plan.Public && pl.Markets.Len() == 0 && pl.Audience.IsZero() &&
		!pl.Trial.Enabled() && reflect.DeepEqual(pl.Pricing, plan.Pricing{})
}

// samePlan reports whether two plans write the same resources: the status
// is not written (a resource tree does not hold it).
func samePlan(a, b plan.Plan) bool {
	a.Status = b.Status
	return reflect.DeepEqual(a, b)
}

func mustGet(n *node, key string) *node {
	v, _ := n.get(key)
	return v
}

func wireType(t offer.Type) string {
	for _, ot := range offerTypes {
		if ot.t == t {
			return ot.wire
		}
	}
	return ""
}

func dimensionsNode(dims []plan.Dimension) node {
	cm := objNode()
	for _, dm := range dims {
		m := objNode()
		m.set("displayName", strNode(dm.DisplayName))
		m.set("unitOfMeasure", strNode(dm.Unit))
		cm.set(dm.ID, m)
	}
	return cm
}

func (e *encoder) listing(n *node, pl *plan.Plan) {
	n.set("name", strNode(pl.Name))
	if pl.Summary != "" {
		n.set("summary", strNode(pl.Summary))
	} else {
		n.del("summary")
	}
	n.set("description", strNode(pl.Description))
}

func (e *encoder) problem(path string, msg rule.Message, args ...any) {
	e.ps.Append(rule.Problem{Rule: ing02, Path: path, Message: msg, Args: args, Err: ErrUnmapped})
}

// price writes the plan's availability and pricing onto a
// price-and-availability-plan resource.
func (e *encoder) price(n *node, pl *plan.Plan, path string) {
	set := func(k string, v node) { n.set(k, merge(mustGet(n, k), v, false)) }
	switch pl.Visibility {
	case plan.Private:
		set("audience", strNode("private"))
		set("visibility", strNode("visible"))
	case plan.Hidden:
		set("audience", strNode("public"))
		set("visibility", strNode("hidden"))
	default:
		set("audience", strNode("public"))
		set("visibility", strNode("visible"))
	}
	switch pl.Markets {
	case market.TransactingSet():
		set("customerMarkets", strNode("allMarkets"))
		n.del("markets")
	case market.TaxRemittedSet():
		set("customerMarkets", strNode("allTaxRemittedMarkets"))
		n.del("markets")
	default:
		set("customerMarkets", strNode("customMarkets"))
		set("markets", marketsNode(pl.Markets))
	}
	aud := arrNode()
	kind := "tenant"
	if pl.Audience.Kind == plan.SubscriptionIDs {
		kind = "subscription"
	}
	for _, id := range pl.Audience.IDs {
		a := objNode()
		a.set("type", strNode(kind))
		a.set("id", strNode(id.String()))
		aud.kids = append(aud.kids, a)
	}
	set("privateAudiences", aud)
	set("pricing", e.pricing(pl, path))
	if pl.Trial.Enabled() {
		tr := objNode()
		tr.set("type", strNode("month"))
		tr.set("value", intNode(int64(pl.Trial.Months)))
		set("trial", tr)
	} else if _, ok := n.get("trial"); ok {
		n.set("trial", node{kind: 'z'})
	}
	if _, had := n.get("softwareReservation"); had || len(pl.Pricing.VM.Reservations) > 0 || isVMHourly(pl.Pricing.Model) {
		sr := arrNode()
		for j, r := range pl.Pricing.VM.Reservations {
			it := objNode()
			it.set("type", strNode("year"))
			switch r.Term {
			case plan.OneYear:
				it.set("term", intNode(1))
			case plan.ThreeYears:
				it.set("term", intNode(3))
			default:
				e.problem(fmt.Sprintf("%s.pricing.vm.reservations[%d].term", path, j), msgTerm)
				continue
			}
			it.set("percentageSave", numNode(percentText(r.Saving)))
			sr.kids = append(sr.kids, it)
		}
		set("softwareReservation", sr)
	}
}

func marketsNode(s market.Set) node {
	ms := arrNode()
	for c := range market.All() {
		if s.Has(c.Code) {
			ms.kids = append(ms.kids, strNode(strings.ToLower(c.Code.String())))
		}
	}
	return ms
}

func (e *encoder) pricing(pl *plan.Plan, path string) node {
	pr := objNode()
	p := &pl.Pricing
	switch p.Model {
	case plan.BYOL:
		pr.set("licenseModel", strNode("byol"))
		return pr
	case plan.Free:
		if e.t.Offer.Type == offer.VirtualMachine {
			pr.set("licenseModel", strNode("payAsYouGo"))
			cp := objNode()
			cp.set("priceInputOption", strNode("free"))
			pr.set("corePricing", cp)
		}
		return pr
	case plan.PerVCPU, plan.PerVCPUSize, plan.PerMarketAndVCPUSize:
		return e.vmPricing(pr, p, path)
	case plan.FlatRate:
		if e.t.Offer.Type == offer.VirtualMachine {
			return e.vmPricing(pr, p, path)
		}
	}
	if p.Model == plan.FlatRate || p.Model == plan.PerUser {
		rp := objNode()
		mode := "flatRate"
		if p.Model == plan.PerUser {
			mode = "perUser"
		}
		rp.set("recurrentPriceMode", strNode(mode))
		rp.set("priceInputOption", strNode("usd"))
		if p.Model == plan.PerUser && (p.Users.Min != 0 || p.Users.Max != 0) {
			ul := objNode()
			ul.set("min", intNode(p.Users.Min))
			ul.set("max", intNode(p.Users.Max))
			rp.set("userLimits", ul)
		}
		prices := arrNode()
		for j, tp := range p.Terms {
			f := fmt.Sprintf("%s.pricing.terms[%d]", path, j)
			if !tp.Term.Valid() || tp.Term == plan.Hourly || !tp.Payment.Allows(tp.Term) {
				e.problem(f+".term", msgTerm)
				continue
			}
			it := objNode()
			it.set("billingTerm", termNode(tp.Term))
			var po node
			switch tp.Payment {
			case plan.Monthly:
				po = termNode(plan.OneMonth)
			case plan.Annual:
				po = termNode(plan.OneYear)
			default:
				po = termNode(tp.Term)
			}
			it.set("paymentOption", po)
			payments := int64(tp.Term.Months() / tp.Payment.Months(tp.Term))
			per, ok := perPayment(tp.Price, payments)
			if !ok {
				e.problem(f+".price", msgPayments, tp.Price, payments)
				continue
			}
			it.set("pricePerPaymentInUsd", numNode(per.Amount()))
			if len(tp.Markets) > 0 {
				mp := arrNode()
				for k, m := range tp.Markets {
					per, ok := perPayment(m.Price, payments)
					if !ok {
						e.problem(fmt.Sprintf("%s.markets[%d].price", f, k), msgPayments, m.Price, payments)
						continue
					}
					x := objNode()
					x.set("currency", strNode(strings.ToLower(m.Price.Code().String())))
					x.set("markets", arrNode(strNode(strings.ToLower(m.Market.String()))))
					x.set("price", numNode(per.Amount()))
					mp.kids = append(mp.kids, x)
				}
				it.set("prices", mp)
				rp.set("priceInputOption", strNode("perMarket"))
			}
			prices.kids = append(prices.kids, it)
		}
		rp.set("prices", prices)
		pr.set("recurrentPrice", rp)
	}
	if len(p.Meters) > 0 {
		cm := objNode()
		cm.set("priceInputOption", strNode("usd"))
		ms := objNode()
		for _, m := range p.Meters {
			mn := objNode()
			mn.set("pricePerPaymentInUsd", numNode(m.Price.Amount()))
			iq := arrNode()
			for _, inc := range m.Included {
				q := objNode()
				if inc.Term.Valid() && inc.Term != plan.Hourly {
					q.set("billingTerm", termNode(inc.Term))
				}
				if inc.Quantity.IsUnlimited() {
					q.set("isInfinite", boolNode(true))
				} else {
					q.set("quantity", intNode(int64(inc.Quantity)))
					q.set("isInfinite", boolNode(false))
				}
				iq.kids = append(iq.kids, q)
			}
			mn.set("includedQuantities", iq)
			ms.set(m.Dimension, mn)
		}
		cm.set("meters", ms)
		pr.set("customMeters", cm)
	}
	return pr
}

func (e *encoder) vmPricing(pr node, p *plan.Pricing, path string) node {
	pr.set("licenseModel", strNode("payAsYouGo"))
	cp := objNode()
	switch p.Model {
	case plan.FlatRate:
		cp.set("priceInputOption", strNode("flat"))
		cp.set("price", numNode(p.VM.PerHour.Amount()))
	case plan.PerVCPU:
		cp.set("priceInputOption", strNode("perCore"))
		cp.set("pricePerCore", numNode(p.VM.PerHour.Amount()))
	case plan.PerVCPUSize:
		cp.set("priceInputOption", strNode("perCoreSize"))
		sz := objNode()
		for _, s := range p.VM.Sizes {
			sz.set(strconv.Itoa(s.VCPUs)+"core", numNode(s.Price.Amount()))
		}
		cp.set("pricePerCoreSize", sz)
	case plan.PerMarketAndVCPUSize:
		cp.set("priceInputOption", strNode("perMarketAndCoreSize"))
		ps := arrNode()
		idx := map[market.Code]int{}
		for _, s := range p.VM.MarketSizes {
			k, ok := idx[s.Market]
			if !ok {
				it := objNode()
				it.set("currency", strNode(strings.ToLower(s.Price.Code().String())))
				it.set("markets", arrNode(strNode(strings.ToLower(s.Market.String()))))
				it.set("prices", objNode())
				k = len(ps.kids)
				idx[s.Market] = k
				ps.kids = append(ps.kids, it)
			}
			sz, _ := ps.kids[k].get("prices")
			sz.set(strconv.Itoa(s.VCPUs)+"core", numNode(s.Price.Amount()))
		}
		cp.set("prices", ps)
	}
	pr.set("corePricing", cp)
	return pr
}

// perPayment divides a term's price into equal payments, exactly.
func perPayment(m currency.Money, n int64) (currency.Money, bool) {
	if n <= 1 || m.Sign() == 0 {
		return m, true
	}
	if m.Minor()%n != 0 {
		return m, false
	}
	each, err := currency.New(m.Minor()/n, m.Code())
	return each, err == nil
}

// cloneOffer copies an offer deeply enough that changing the copy's plans
// in place does not change the original.
func cloneOffer(o offer.Offer) offer.Offer {
	c := o
	c.Dimensions = append([]plan.Dimension(nil), o.Dimensions...)
	c.Plans = make([]plan.Plan, len(o.Plans))
	for i, p := range o.Plans {
		q := p
		q.Audience.IDs = append([]plan.GUID(nil), p.Audience.IDs...)
		q.Pricing.Terms = nil
		for _, tp := range p.Pricing.Terms {
			tp.Markets = append([]plan.MarketPrice(nil), tp.Markets...)
			q.Pricing.Terms = append(q.Pricing.Terms, tp)
		}
		q.Pricing.Meters = nil
		for _, m := range p.Pricing.Meters {
			m.Included = append([]plan.Included(nil), m.Included...)
			q.Pricing.Meters = append(q.Pricing.Meters, m)
		}
		q.Pricing.VM.Sizes = append([]plan.SizePrice(nil), p.Pricing.VM.Sizes...)
		q.Pricing.VM.MarketSizes = append([]plan.MarketSizePrice(nil), p.Pricing.VM.MarketSizes...)
		q.Pricing.VM.Reservations = append([]plan.Reservation(nil), p.Pricing.VM.Reservations...)
		c.Plans[i] = q
	}
	return c
}

var (
	msgNotObject     = rule.Message{English: "is not a JSON object; kept as it is", Swedish: "är inte ett JSON-objekt; behålls som det är"}
	msgOfferType     = rule.Message{English: "offer type %q has no counterpart in the library", Swedish: "erbjudandetypen %q saknar motsvarighet i biblioteket"}
	msgNoExternalID  = rule.Message{English: "a plan needs an external ID (its plan ID, PLN-01)", Swedish: "en plan behöver ett externt ID (dess plan-ID, PLN-01)"}
	msgNoPlan        = rule.Message{English: "refers to no plan of the tree", Swedish: "hänvisar inte till någon plan i trädet"}
	msgMarket        = rule.Message{English: "%q is not a market", Swedish: "%q är ingen marknad"}
	msgValue         = rule.Message{English: "unsupported value %q", Swedish: "värdet %q stöds inte"}
	msgTrial         = rule.Message{English: "a free trial in %q units cannot be mapped to months", Swedish: "en kostnadsfri utvärdering i enheten %q kan inte uttryckas i månader"}
	msgTerm          = rule.Message{English: "a billing term must be 1 month or 1, 2 or 3 years", Swedish: "en faktureringsperiod måste vara 1 månad eller 1, 2 eller 3 år"}
	msgPayment       = rule.Message{English: "a payment option must be the whole term, monthly or annual", Swedish: "ett betalningsalternativ måste vara hela perioden, månadsvis eller årsvis"}
	msgPrice         = rule.Message{English: "price %q is not an exact amount in the currency's minor unit", Swedish: "priset %q är inte ett exakt belopp i valutans minsta enhet"}
	msgCoreSize      = rule.Message{English: "%q is not a core size such as \"2core\"", Swedish: "%q är ingen kärnstorlek som \"2core\""}
	msgAudienceType  = rule.Message{English: "private audience type %q is neither tenant nor subscription", Swedish: "den privata publiktypen %q är varken klient eller prenumeration"}
	msgAudienceMixed = rule.Message{English: "a private audience lists either tenants or subscriptions, not both", Swedish: "en privat publik listar antingen klienter eller prenumerationer, inte båda"}
	msgPlanID        = rule.Message{English: "plan ID %q is empty or another plan's: resources refer to plans by ID", Swedish: "plan-ID:t %q är tomt eller en annan plans: resurserna hänvisar till planer med ID"}
	msgPayments      = rule.Message{English: "%v does not divide into %d equal payments", Swedish: "%v går inte att dela i %d lika betalningar"}
)

// isVMHourly reports whether model m prices virtual machine usage per
// hour (EXT-07).
func isVMHourly(m plan.Model) bool {
	return m == plan.PerVCPU || m == plan.PerVCPUSize || m == plan.PerMarketAndVCPUSize
}

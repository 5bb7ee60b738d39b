package plan

import (
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
)

// Scope is what a plan's offer allows, which the plan's validity depends
// on: package offer derives it from the offer type's capabilities and the
// offer's policy. The zero Scope allows nothing.
type Scope struct {
	// Models are the pricing models plans may use (PRC-01, OFR-02, OFR-04).
	Models []Model `json:"models"`
	// Terms are the billing terms plans may offer (a managed
	// application's flat rate is monthly; SaaS offers all four).
	Terms []Term `json:"terms"`
	// Hourly says that FlatRate means an hourly price (virtual machines,
	// EXT-07) rather than a price per billing term.
	Hourly bool `json:"hourly"`
	// Summary says whether plans have a summary (all but SaaS, PLN-03).
	Summary bool `json:"summary"`
	// Metering says whether plans may bill metering dimensions (PRC-02).
	Metering bool `json:"metering"`
	// Private says whether plans may be private (OFR-02).
	Private bool `json:"private"`
	// AudienceKinds are the ID kinds a private audience may list (PLN-08).
	AudienceKinds []IDKind `json:"audienceKinds"`
	// TrialMonths are the allowed free-trial lengths; empty means no free
	// trials (TRL-01, TRL-02).
	TrialMonths []calendar.Months `json:"trialMonths"`
	// Dimensions are the offer's metering dimensions, which meters must
	// name (EXT-02).
	Dimensions []Dimension `json:"dimensions"`
}

// Messages of plan problems, in English and Swedish.
var (
	msgRequired    = rule.Message{English: "is required", Swedish: "måste anges"}
	msgTooLong     = rule.Message{English: "is %d characters long; at most %d are allowed", Swedish: "är %d tecken lång; högst %d är tillåtna"}
	msgIDChars     = rule.Message{English: "%q may contain only lowercase letters, digits, hyphens and underscores", Swedish: "%q får bara innehålla gemener, siffror, bindestreck och understreck"}
	msgNoSummary   = rule.Message{English: "plans of this offer type have no summary", Swedish: "planer av den här erbjudandetypen har ingen sammanfattning"}
	msgNoMarkets   = rule.Message{English: "a plan must be available in at least one market", Swedish: "en plan måste finnas på minst en marknad"}
	msgNotTransact = rule.Message{English: "market %s lists only free and BYOL offers; a %s plan cannot be sold there", Swedish: "marknaden %s har bara kostnadsfria erbjudanden och BYOL; en plan med %s kan inte säljas där"}
	msgNoPrivate   = rule.Message{English: "plans of this offer type cannot be private", Swedish: "planer av den här erbjudandetypen kan inte vara privata"}
	msgNoAudience  = rule.Message{English: "a private plan needs an audience of tenant or subscription IDs", Swedish: "en privat plan behöver en målgrupp av klient- eller prenumerations-ID:n"}
	msgAudienceKnd = rule.Message{English: "this offer type's audiences list %v IDs, not %v IDs", Swedish: "den här erbjudandetypens målgrupper består av %v-ID:n, inte %v-ID:n"}
	msgAudienceSet = rule.Message{English: "only a private plan has an audience; this plan is %s", Swedish: "bara en privat plan har en målgrupp; den här planen är %s"}
	msgManualMax   = rule.Message{English: "%d IDs entered by hand; at most %d are allowed (import more from a CSV file)", Swedish: "%d ID:n angivna manuellt; högst %d är tillåtna (importera fler från en CSV-fil)"}
	msgCSVMax      = rule.Message{English: "%d %v IDs; a CSV import holds at most %d", Swedish: "%d %v-ID:n; en CSV-import rymmer högst %d"}
	msgNilID       = rule.Message{English: "the nil GUID names no tenant or subscription", Swedish: "noll-GUID:t anger ingen klient eller prenumeration"}
	msgDupID       = rule.Message{English: "%s is listed more than once", Swedish: "%s finns med mer än en gång"}
	msgModelUnset  = rule.Message{English: "a pricing model is required", Swedish: "en prismodell måste anges"}
	msgModel       = rule.Message{English: "pricing model %s is not available for this offer type (allowed: %s)", Swedish: "prismodellen %s finns inte för den här erbjudandetypen (tillåtna: %s)"}
	msgNoTerms     = rule.Message{English: "a %s plan needs at least one billing term", Swedish: "en plan med %s behöver minst en faktureringsperiod"}
	msgTermsUnused = rule.Message{English: "a %s plan has no billing terms", Swedish: "en plan med %s har inga faktureringsperioder"}
	msgTerm        = rule.Message{English: "billing term %s is not available for this offer type", Swedish: "faktureringsperioden %s finns inte för den här erbjudandetypen"}
	msgPayment     = rule.Message{English: "a %v term cannot be paid %v (allowed: %v)", Swedish: "en period på %v kan inte betalas %v (tillåtet: %v)"}
	msgTermTwice   = rule.Message{English: "term %s appears twice; a plan has one payment option per term (create another plan for another option)", Swedish: "perioden %s finns två gånger; en plan har ett betalningsalternativ per period (skapa en annan plan för ett annat alternativ)"}
	msgNotUSD      = rule.Message{English: "prices are entered in USD, not %s", Swedish: "priser anges i USD, inte %s"}
	msgNegative    = rule.Message{English: "price %v is negative", Swedish: "priset %v är negativt"}
	msgUsageZero   = rule.Message{English: "a usage-only plan has no recurring fee; its terms must be priced at 0", Swedish: "en plan med enbart användningsbaserad prissättning har ingen återkommande avgift; dess perioder måste kosta 0"}
	msgMarketPlan  = rule.Message{English: "market %s is not one of the plan's markets", Swedish: "marknaden %s är inte en av planens marknader"}
	msgMarketCur   = rule.Message{English: "%s is billed in %s, not %s", Swedish: "%s faktureras i %s, inte %s"}
	msgMarketTwice = rule.Message{English: "market %s is priced twice", Swedish: "marknaden %s har två priser"}
	msgUsers       = rule.Message{English: "minimum %d users is above maximum %d", Swedish: "minst %d användare är fler än högst %d"}
	msgUsersNeg    = rule.Message{English: "user limits cannot be negative", Swedish: "användargränser kan inte vara negativa"}
	msgUsersModel  = rule.Message{English: "only a per-user plan has user limits", Swedish: "bara en plan per användare har användargränser"}
	msgMetering    = rule.Message{English: "metered billing needs a flat-rate plan of an offer type that supports it (SaaS, managed application)", Swedish: "avläst fakturering kräver en plan med fast pris i en erbjudandetyp som stöder det (SaaS, hanterat program)"}
	msgUsageMeters = rule.Message{English: "a usage-only plan needs at least one meter", Swedish: "en plan med enbart användningsbaserad prissättning behöver minst en mätare"}
	msgDimension   = rule.Message{English: "dimension %q is not one of the offer's dimensions", Swedish: "dimensionen %q är inte en av erbjudandets dimensioner"}
	msgDimTwice    = rule.Message{English: "dimension %q is priced twice", Swedish: "dimensionen %q har två priser"}
	msgIncluded    = rule.Message{English: "included quantity %d is negative (use a whole number ≥ 0, or unlimited)", Swedish: "den inkluderade mängden %d är negativ (ange ett heltal ≥ 0 eller obegränsat)"}
	msgIncludedFor = rule.Message{English: "no included quantity for the plan's %s term (0 if none is included)", Swedish: "ingen inkluderad mängd för planens period %s (0 om inget ingår)"}
	msgIncludedX   = rule.Message{English: "included quantity for %s, which is not one of the plan's terms", Swedish: "inkluderad mängd för %s, som inte är en av planens perioder"}
	msgVMUnused    = rule.Message{English: "VM hourly prices apply only to a virtual machine plan's hourly models", Swedish: "timpriser för virtuella datorer gäller bara en VM-plans timbaserade modeller"}
	msgVMPrice     = rule.Message{English: "a %s plan needs an hourly price", Swedish: "en plan med %s behöver ett timpris"}
	msgVMSizes     = rule.Message{English: "a %s plan needs at least one price by vCPU count", Swedish: "en plan med %s behöver minst ett pris per antal vCPU:er"}
	msgVCPUs       = rule.Message{English: "a VM size has at least one vCPU, not %d", Swedish: "en VM-storlek har minst en vCPU, inte %d"}
	msgSizeTwice   = rule.Message{English: "%d vCPUs are priced twice", Swedish: "%d vCPU:er har två priser"}
	msgReservation = rule.Message{English: "software reservations apply only to flat-rate, per-vCPU and per-vCPU-size VM plans", Swedish: "programvarureservationer gäller bara VM-planer med fast pris, per vCPU eller per vCPU-storlek"}
	msgResTerm     = rule.Message{English: "a software reservation lasts 1 or 3 years, not %s", Swedish: "en programvarureservation gäller 1 eller 3 år, inte %s"}
	msgResSaving   = rule.Message{English: "saving %s is not a fraction from 0 up to 1", Swedish: "besparingen %s är inte ett bråktal från 0 upp till 1"}
	msgNoCharges   = rule.Message{English: "a %s plan has no prices, meters or usage-based charges", Swedish: "en plan med %s har inga priser, mätare eller användningsbaserade avgifter"}
	msgTrial       = rule.Message{English: "plans of this offer have no free trials", Swedish: "planerna i det här erbjudandet har inga kostnadsfria utvärderingsversioner"}
	msgTrialLen    = rule.Message{English: "a free trial of this offer type lasts %s (months), not %d", Swedish: "en kostnadsfri utvärderingsversion av den här erbjudandetypen varar %s (månader), inte %d"}
	msgTrialMeter  = rule.Message{English: "a plan cannot have both metered billing and a free trial", Swedish: "en plan kan inte ha både avläst fakturering och en kostnadsfri utvärderingsversion"}
	msgTrialUsage  = rule.Message{English: "usage-only plans have no free trial", Swedish: "planer med enbart användningsbaserad prissättning har ingen kostnadsfri utvärderingsversion"}
)

func join(prefix, field string) string {
	if prefix == "" {
		return field
	}
	return prefix + "." + field
}

func (p *Plan) validate(pol Policy, s Scope, prefix string, ps *rule.Problems) {
	at := func(field string) string { return join(prefix, field) }

	// PLN-01: the ID.
	switch {
	case p.ID == "":
		ps.Add(rule.PLN01, at("id"), msgRequired)
	case !ValidID(p.ID):
		ps.Add(rule.PLN01, at("id"), msgIDChars, truncate(p.ID, 60))
	}
	if n := utf8.RuneCountInString(p.ID); n > pol.IDMax {
		ps.Add(rule.PLN01, at("id"), msgTooLong, n, pol.IDMax)
	}
	// PLN-02 … PLN-04: the texts.
	if p.Name == "" {
		ps.Add(rule.PLN02, at("name"), msgRequired)
	}
	nameRule := rule.PLN02
	if pol.NameMax > 50 {
		nameRule = rule.EXT14
	}
	if n := utf8.RuneCountInString(p.Name); n > pol.NameMax {
		ps.Add(nameRule, at("name"), msgTooLong, n, pol.NameMax)
	}
	if p.Summary != "" && !s.Summary {
		ps.Add(rule.PLN03, at("summary"), msgNoSummary)
	}
	if n := utf8.RuneCountInString(p.Summary); n > pol.SummaryMax {
		ps.Add(rule.PLN03, at("summary"), msgTooLong, n, pol.SummaryMax)
	}
	descRule := rule.PLN04
	if pol.DescriptionMax > 500 {
		descRule = rule.EXT14
	}
	if n := utf8.RuneCountInString(p.Description); n > pol.DescriptionMax {
		ps.Add(descRule, at("description"), msgTooLong, n, pol.DescriptionMax)
	}

	// PLN-06, EXT-15: markets.
	if p.Markets.IsEmpty() {
		ps.Add(rule.PLN06, at("markets"), msgNoMarkets)
	}
	if p.Pricing.Model.IsPaid() {
		for c := range p.Markets.All() {
			if m := c.Market(); !m.Transacts {
				ps.Add(rule.EXT15, at("markets"), msgNotTransact, c.String(), p.Pricing.Model.String())
			}
		}
	}

	p.validateAudience(pol, s, prefix, ps)
	p.validatePricing(s, prefix, ps)
	p.validateTrial(s, prefix, ps)
}

// ValidID reports whether id uses only the characters of PLN-01 (lowercase
// letters, digits, hyphens and underscores) and is not empty. Its length
// is checked against the policy separately.
func ValidID(id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (p *Plan) validateAudience(pol Policy, s Scope, prefix string, ps *rule.Problems) {
	a := &p.Audience
	path := join(prefix, "audience")
	if p.Visibility != Private {
		if len(a.IDs) > 0 {
			ps.Add(rule.PLN07, path, msgAudienceSet, p.Visibility.String())
		}
		return
	}
	if !s.Private {
		ps.Add(rule.OFR02, join(prefix, "visibility"), msgNoPrivate)
		return
	}
	if len(a.IDs) == 0 {
		ps.Add(rule.PLN08, path, msgNoAudience)
		return
	}
	if !slices.Contains(s.AudienceKinds, a.Kind) {
		want := TenantIDs
		if len(s.AudienceKinds) > 0 {
			want = s.AudienceKinds[0]
		}
		ps.Add(rule.PLN08, join(path, "kind"), msgAudienceKnd, want.words(), a.Kind.words())
	}
	switch n := len(a.IDs); {
	case a.Source == Manual && n > pol.AudienceManualMax:
		ps.Add(rule.PLN08, join(path, "ids"), msgManualMax, n, pol.AudienceManualMax)
	case a.Source == CSV && n > pol.audienceCSVMax(a.Kind):
		ps.Add(rule.PLN08, join(path, "ids"), msgCSVMax, n, a.Kind.words(), pol.audienceCSVMax(a.Kind))
	}
	// Sorted audiences (every one the library builds) are checked in one
	// pass without allocating; others are sorted in a copy.
	ids := a.IDs
	if !slices.IsSortedFunc(ids, GUID.compare) {
		ids = slices.Clone(ids)
		slices.SortFunc(ids, GUID.compare)
	}
	for i, id := range ids {
		switch {
		case id == (GUID{}) && (i == 0 || ids[i-1] != (GUID{})):
			ps.Add(rule.PLN08, join(path, "ids"), msgNilID)
		case i > 0 && ids[i-1] == id && (i == 1 || ids[i-2] != id) && id != (GUID{}):
			ps.Add(rule.PLN08, join(path, "ids"), msgDupID, id.String())
		}
	}
}

func (p *Plan) validatePricing(s Scope, prefix string, ps *rule.Problems) {
	pr := &p.Pricing
	path := join(prefix, "pricing")
	m := pr.Model
	switch {
	case m == 0:
		ps.Add(rule.PRC01, join(path, "model"), msgModelUnset)
		return
	case !slices.Contains(s.Models, m):
		rid := rule.PRC01
		if m.IsPaid() && !anyPaid(s.Models) {
			rid = rule.OFR04
		}
		ps.Add(rid, join(path, "model"), msgModel, m.String(), modelList(s.Models))
		return
	}

	recurring := (m == FlatRate && !s.Hourly) || m == PerUser || m == UsageOnly
	switch {
	case recurring && len(pr.Terms) == 0 && m != UsageOnly:
		ps.Add(rule.EXT05, join(path, "terms"), msgNoTerms, m.String())
	case !recurring && len(pr.Terms) > 0:
		ps.Add(rule.EXT05, join(path, "terms"), msgTermsUnused, m.String())
	}
	if recurring {
		p.validateTerms(s, path, ps)
	}

	// EXT-06: user limits.
	u := pr.Users
	switch {
	case m != PerUser && u != (Users{}):
		ps.Add(rule.EXT06, join(path, "users"), msgUsersModel)
	case u.Min < 0 || u.Max < 0:
		ps.Add(rule.EXT06, join(path, "users"), msgUsersNeg)
	case u.Max > 0 && u.Min > u.Max:
		ps.Add(rule.EXT06, join(path, "users"), msgUsers, u.Min, u.Max)
	}

	// EXT-02, PRC-02: meters.
	metered := (m == FlatRate && !s.Hourly) || m == UsageOnly
	switch {
	case len(pr.Meters) > 0 && (!s.Metering || !metered):
		rid := rule.PRC02
		if m == PerUser {
			rid = rule.EXT02
		}
		ps.Add(rid, join(path, "meters"), msgMetering)
	case m == UsageOnly && len(pr.Meters) == 0:
		ps.Add(rule.EXT02, join(path, "meters"), msgUsageMeters)
	case len(pr.Meters) > 0:
		p.validateMeters(s, path, ps)
	}

	// EXT-07: virtual machine prices.
	p.validateVM(s, path, ps)

	if (m == Free || m == BYOL) && (len(pr.Terms) > 0 || len(pr.Meters) > 0 || !pr.VM.IsZero()) {
		ps.Add(rule.PRC01, path, msgNoCharges, m.String())
	}
}

func anyPaid(ms []Model) bool {
	for _, m := range ms {
		if m.IsPaid() {
			return true
		}
	}
	return false
}

func modelList(ms []Model) string {
	if len(ms) == 0 {
		return "none"
	}
	s := ""
	for i, m := range ms {
		if i > 0 {
			s += ", "
		}
		s += m.String()
	}
	return s
}

func (p *Plan) validateTerms(s Scope, path string, ps *rule.Problems) {
	var seen [8]bool
	for i := range p.Pricing.Terms {
		tp := &p.Pricing.Terms[i]
		at := fmt.Sprintf("%s.terms[%d]", path, i)
		switch {
		case !tp.Term.Valid() || tp.Term == Hourly || !slices.Contains(s.Terms, tp.Term):
			ps.Add(rule.EXT05, join(at, "term"), msgTerm, tp.Term.String())
		case seen[tp.Term]:
			ps.Add(rule.EXT05, join(at, "term"), msgTermTwice, tp.Term.String())
		case !tp.Payment.Allows(tp.Term):
			ps.Add(rule.EXT05, join(at, "payment"), msgPayment, tp.Term.words(), tp.Payment.words(), paymentsFor(tp.Term))
		}
		if int(tp.Term) < len(seen) {
			seen[tp.Term] = true
		}
		checkUSD(tp.Price, join(at, "price"), rule.PRC03, ps)
		if p.Pricing.Model == UsageOnly && tp.Price.Sign() != 0 {
			ps.Add(rule.EXT02, join(at, "price"), msgUsageZero)
		}
		checkMarketPrices(p.Markets, tp.Markets, join(at, "markets"), ps)
	}
}

// paymentsFor lists the payment options a term allows, in both languages.
func paymentsFor(t Term) rule.Message {
	var m rule.Message
	for _, o := range []PaymentOption{Upfront, Monthly, Annual} {
		if o.Allows(t) {
			w := o.words()
			if m.English != "" {
				m.English += ", "
				m.Swedish += ", "
			}
			m.English += w.English
			m.Swedish += w.Swedish
		}
	}
	return m
}

// Words of enums in messages, in both languages.
var (
	termText = [...]rule.Message{
		{}, {English: "1-month", Swedish: "1 månad"}, {English: "1-year", Swedish: "1 år"},
		{English: "2-year", Swedish: "2 år"}, {English: "3-year", Swedish: "3 år"}, {English: "hourly", Swedish: "per timme"},
	}
	paymentText = [...]rule.Message{
		{English: "upfront", Swedish: "i förskott"}, {English: "monthly", Swedish: "månadsvis"}, {English: "annually", Swedish: "årsvis"},
	}
	kindText = [...]rule.Message{
		{English: "unset", Swedish: "ej angivna"}, {English: "tenant", Swedish: "klient"}, {English: "subscription", Swedish: "prenumerations"},
	}
)

func (t Term) words() rule.Message {
	if !t.Valid() {
		return rule.Message{English: t.String(), Swedish: t.String()}
	}
	return termText[t]
}

func (p PaymentOption) words() rule.Message {
	if !paymentNames.Valid(p) {
		return rule.Message{English: p.String(), Swedish: p.String()}
	}
	return paymentText[p]
}

func (k IDKind) words() rule.Message {
	if int(k) >= len(kindText) {
		return kindText[0]
	}
	return kindText[k]
}

// checkUSD reports a price that is not a non-negative USD amount.
func checkUSD(m currency.Money, path string, id rule.ID, ps *rule.Problems) {
	switch {
	case m.Code() != currency.USD && m != (currency.Money{}):
		ps.Add(id, path, msgNotUSD, m.Code().String())
	case m.IsNegative():
		ps.Add(id, path, msgNegative, m)
	}
}

func checkMarketPrices(markets market.Set, prices []MarketPrice, path string, ps *rule.Problems) {
	var seen market.Set
	for i, mp := range prices {
		at := fmt.Sprintf("%s[%d]", path, i)
		mk := mp.Market.Market()
		switch {
		case !markets.Has(mp.Market):
			ps.Add(rule.PRC03, join(at, "market"), msgMarketPlan, mp.Market.String())
		case seen.Has(mp.Market):
			ps.Add(rule.PRC03, join(at, "market"), msgMarketTwice, mp.Market.String())
		case mp.Price.Code() != mk.Currency:
			ps.Add(rule.PRC03, join(at, "price"), msgMarketCur, mk.Name, mk.Currency.String(), mp.Price.Code().String())
		case mp.Price.IsNegative():
			ps.Add(rule.PRC03, join(at, "price"), msgNegative, mp.Price)
		}
		seen.Add(mp.Market)
	}
}

func (p *Plan) validateMeters(s Scope, path string, ps *rule.Problems) {
	for i := range p.Pricing.Meters {
		mt := &p.Pricing.Meters[i]
		at := fmt.Sprintf("%s.meters[%d]", path, i)
		if !slices.ContainsFunc(s.Dimensions, func(d Dimension) bool { return d.ID == mt.Dimension }) {
			ps.Add(rule.EXT02, join(at, "dimension"), msgDimension, mt.Dimension)
		}
		if slices.ContainsFunc(p.Pricing.Meters[:i], func(o Meter) bool { return o.Dimension == mt.Dimension }) {
			ps.Add(rule.EXT02, join(at, "dimension"), msgDimTwice, mt.Dimension)
		}
		checkUSD(mt.Price, join(at, "price"), rule.EXT02, ps)
		for j, in := range mt.Included {
			if in.Quantity < 0 && in.Quantity != Unlimited {
				ps.Add(rule.EXT02, fmt.Sprintf("%s.included[%d]", at, j), msgIncluded, int64(in.Quantity))
			}
			if !slices.ContainsFunc(p.Pricing.Terms, func(tp TermPrice) bool { return tp.Term == in.Term }) {
				ps.Add(rule.EXT02, fmt.Sprintf("%s.included[%d]", at, j), msgIncludedX, in.Term.String())
			}
		}
		for _, tp := range p.Pricing.Terms {
			if _, ok := mt.IncludedFor(tp.Term); !ok {
				ps.Add(rule.EXT02, join(at, "included"), msgIncludedFor, tp.Term.String())
			}
		}
	}
}

func (p *Plan) validateVM(s Scope, path string, ps *rule.Problems) {
	v := &p.Pricing.VM
	m := p.Pricing.Model
	at := join(path, "vm")
	hourly := s.Hourly && (m == FlatRate || m.isVMHourly())
	if !hourly {
		if !v.IsZero() && m != Free && m != BYOL {
			ps.Add(rule.EXT07, at, msgVMUnused)
		}
		return
	}
	switch m {
	case FlatRate, PerVCPU:
		if v.PerHour == (currency.Money{}) {
			ps.Add(rule.EXT07, join(at, "perHour"), msgVMPrice, m.String())
		}
		checkUSD(v.PerHour, join(at, "perHour"), rule.EXT07, ps)
	case PerVCPUSize:
		if len(v.Sizes) == 0 {
			ps.Add(rule.EXT07, join(at, "sizes"), msgVMSizes, m.String())
		}
		for i, sp := range v.Sizes {
			si := fmt.Sprintf("%s.sizes[%d]", at, i)
			if sp.VCPUs < 1 {
				ps.Add(rule.EXT07, join(si, "vcpus"), msgVCPUs, sp.VCPUs)
			}
			if slices.ContainsFunc(v.Sizes[:i], func(o SizePrice) bool { return o.VCPUs == sp.VCPUs }) {
				ps.Add(rule.EXT07, join(si, "vcpus"), msgSizeTwice, sp.VCPUs)
			}
			checkUSD(sp.Price, join(si, "price"), rule.EXT07, ps)
		}
	case PerMarketAndVCPUSize:
		if len(v.MarketSizes) == 0 {
			ps.Add(rule.EXT07, join(at, "marketSizes"), msgVMSizes, m.String())
		}
		for i, sp := range v.MarketSizes {
			si := fmt.Sprintf("%s.marketSizes[%d]", at, i)
			mk := sp.Market.Market()
			switch {
			case !p.Markets.Has(sp.Market):
				ps.Add(rule.EXT07, join(si, "market"), msgMarketPlan, sp.Market.String())
			case sp.Price.Code() != mk.Currency:
				ps.Add(rule.EXT07, join(si, "price"), msgMarketCur, mk.Name, mk.Currency.String(), sp.Price.Code().String())
			case sp.Price.IsNegative():
				ps.Add(rule.EXT07, join(si, "price"), msgNegative, sp.Price)
			}
			if sp.VCPUs < 1 {
				ps.Add(rule.EXT07, join(si, "vcpus"), msgVCPUs, sp.VCPUs)
			}
			if slices.ContainsFunc(v.MarketSizes[:i], func(o MarketSizePrice) bool { return o.VCPUs == sp.VCPUs && o.Market == sp.Market }) {
				ps.Add(rule.EXT07, join(si, "vcpus"), msgSizeTwice, sp.VCPUs)
			}
		}
	}
	for i, r := range v.Reservations {
		ri := fmt.Sprintf("%s.reservations[%d]", at, i)
		switch {
		case m == PerMarketAndVCPUSize:
			ps.Add(rule.EXT07, ri, msgReservation)
		case r.Term != OneYear && r.Term != ThreeYears:
			ps.Add(rule.EXT07, join(ri, "term"), msgResTerm, r.Term.String())
		case r.Saving.Cmp(rateOne) >= 0:
			ps.Add(rule.EXT07, join(ri, "saving"), msgResSaving, r.Saving.String())
		}
	}
}

func (p *Plan) validateTrial(s Scope, prefix string, ps *rule.Problems) {
	t := p.Trial
	if !t.Enabled() && t.Months == 0 {
		return
	}
	path := join(prefix, "trial")
	switch {
	case len(s.TrialMonths) == 0:
		ps.Add(rule.TRL01, path, msgTrial)
	case !slices.Contains(s.TrialMonths, calendar.Months(t.Months)):
		ps.Add(rule.TRL02, join(path, "months"), msgTrialLen, monthsList(s.TrialMonths), t.Months)
	}
	switch {
	case p.HasMeters():
		ps.Add(rule.EXT04, path, msgTrialMeter)
	case p.Pricing.Model == UsageOnly:
		ps.Add(rule.TRL01, path, msgTrialUsage)
	}
}

var rateOne = currency.MustParseRate("1")

func monthsList(xs []calendar.Months) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += "/"
		}
		s += strconv.Itoa(int(x))
	}
	return s
}

package offer

import (
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Messages of offer problems, in English and Swedish.
var (
	msgRequired     = rule.Message{English: "is required", Swedish: "måste anges"}
	msgOfferIDChars = rule.Message{English: "%q may contain only lowercase letters, digits, hyphens and underscores", Swedish: "%q får bara innehålla gemener, siffror, bindestreck och understreck"}
	msgTooLong      = rule.Message{English: "is %d characters long; at most %d are allowed", Swedish: "är %d tecken lång; högst %d är tillåtna"}
	msgType         = rule.Message{English: "an offer type is required", Swedish: "en erbjudandetyp måste anges"}
	msgNoPlans      = rule.Message{English: "%s offers have no plans", Swedish: "erbjudanden av typen %s har inga planer"}
	msgNeedPlan     = rule.Message{English: "an offer sold through Microsoft needs at least one plan", Swedish: "ett erbjudande som säljs via Microsoft behöver minst en plan"}
	msgNotTransact  = rule.Message{English: "%s offers cannot be sold through Microsoft", Swedish: "erbjudanden av typen %s kan inte säljas via Microsoft"}
	msgListing      = rule.Message{English: "%s offers cannot use the %s listing option", Swedish: "erbjudanden av typen %s kan inte använda listningsalternativet %s"}
	msgListingUnset = rule.Message{English: "a listing option is required", Swedish: "ett listningsalternativ måste anges"}
	msgTransactList = rule.Message{English: "an offer sold through Microsoft is listed with Get it now, not %s", Swedish: "ett erbjudande som säljs via Microsoft listas med Skaffa det nu, inte %s"}
	msgTooManyPlans = rule.Message{English: "%d plans; an offer has at most %d", Swedish: "%d planer; ett erbjudande har högst %d"}
	msgTooManyPriv  = rule.Message{English: "%d private plans; an offer has at most %d", Swedish: "%d privata planer; ett erbjudande har högst %d"}
	msgDupPlanID    = rule.Message{English: "plan ID %q is also used by plans[%d]", Swedish: "plan-ID:t %q används även av plans[%d]"}
	msgDupPlanName  = rule.Message{English: "plan name %q is also used by plans[%d]", Swedish: "plannamnet %q används även av plans[%d]"}
	msgMixedModels  = rule.Message{English: "pricing model %s differs from plans[%d]'s %s: all plans of an offer use one model", Swedish: "prismodellen %s skiljer sig från plans[%d]:s %s: alla planer i ett erbjudande använder samma modell"}
	msgTooManyDims  = rule.Message{English: "%d metering dimensions; an offer has at most %d", Swedish: "%d mätdimensioner; ett erbjudande har högst %d"}
	msgNoMetering   = rule.Message{English: "%s offers have no metering dimensions", Swedish: "erbjudanden av typen %s har inga mätdimensioner"}
	msgDupDimension = rule.Message{English: "dimension ID %q is also used by dimensions[%d]", Swedish: "dimensions-ID:t %q används även av dimensions[%d]"}
	msgGovernment   = rule.Message{English: "Azure Government Marketplace accepts only virtual machine and Azure application offers", Swedish: "Azure Government Marketplace tar bara emot erbjudanden för virtuella datorer och Azure-program"}
	msgNoPartners   = rule.Message{English: "a named reseller selection needs at least one partner", Swedish: "ett urval av namngivna återförsäljare behöver minst en partner"}
	msgPartnersSet  = rule.Message{English: "partners are listed only when the mode is named", Swedish: "partner anges bara när läget är named"}
	msgDupPartner   = rule.Message{English: "partner %q is listed twice", Swedish: "partnern %q finns två gånger"}
	msgPreviewMax   = rule.Message{English: "%d e-mail addresses %s; at most %d are allowed", Swedish: "%d e-postadresser %s; högst %d är tillåtna"}
	msgEmail        = rule.Message{English: "%q is not an e-mail address", Swedish: "%q är inte en e-postadress"}
	msgDupEmail     = rule.Message{English: "%q is listed twice", Swedish: "%q finns två gånger"}
)

// CheckOffer reports every problem that would stop Partner Center from
// accepting offer o, as [rule.Problems] with a rule ID and a path each
// ("plans[3].pricing.terms[0].price"), or nil. It checks the offer
// (OFR-01, OFR-03, OFR-05, OFR-06, OFR-08, OFR-09, OFR-12, EXT-01, EXT-02,
// EXT-14), every plan within what the offer type allows
// ([plan.Policy.CheckPlan] with [Type.Scope]: PLN-01…04, PLN-06…08,
// PRC-01, PRC-02, EXT-02, EXT-04…07, TRL-01, TRL-02), and the rules
// across plans (unique plan IDs and names, one pricing model, the number
// of private plans). An invalid policy is reported as its problems
// instead.
func (p Policy) CheckOffer(o Offer) error {
	if err := p.Validate(); err != nil {
		return err
	}
	var ps rule.Problems
	o.validate(p.orDefault(), &ps)
	return ps.Err()
}

func (o *Offer) validate(p Policy, ps *rule.Problems) {
	// The offer's own fields.
	switch {
	case o.ID == "":
		ps.Add("", "id", msgRequired)
	case !plan.ValidID(o.ID):
		ps.Add("", "id", msgOfferIDChars, truncate(o.ID, 60))
	}
	if n := utf8.RuneCountInString(o.ID); n > p.OfferIDMax {
		ps.Add("", "id", msgTooLong, n, p.OfferIDMax)
	}
	if !o.Type.Valid() {
		ps.Add(rule.OFR01, "type", msgType)
		return // nothing else can be judged without the type
	}
	c := o.Type.caps()

	// OFR-07, OFR-08, EXT-01: listing and selling.
	switch {
	case o.Listing == 0:
		ps.Add(rule.OFR07, "listing", msgListingUnset)
	case !slices.Contains(c.Listings, o.Listing):
		ps.Add(rule.EXT01, "listing", msgListing, c.Name, o.Listing.String())
	case o.SellThroughMicrosoft && o.Listing != GetItNow:
		ps.Add(rule.OFR08, "listing", msgTransactList, o.Listing.String())
	}
	if o.SellThroughMicrosoft && !c.SellThroughMicrosoft {
		ps.Add(rule.OFR08, "sellThroughMicrosoft", msgNotTransact, c.Name)
	}
	if o.AzureGovernment && !c.AzureGovernment {
		ps.Add(rule.OFR09, "azureGovernment", msgGovernment)
	}

	// OFR-01, OFR-03, OFR-05: plans.
	switch {
	case !c.Plans && len(o.Plans) > 0:
		ps.Add(rule.OFR01, "plans", msgNoPlans, c.Name)
	case o.SellThroughMicrosoft && c.SellThroughMicrosoft && len(o.Plans) == 0:
		ps.Add(rule.OFR05, "plans", msgNeedPlan)
	}
	if len(o.Plans) > p.MaxPlans {
		ps.Add(rule.OFR03, "plans", msgTooManyPlans, len(o.Plans), p.MaxPlans)
	}
	private := 0
	for i := range o.Plans {
		if o.Plans[i].Visibility == plan.Private {
			private++
		}
	}
	if private > p.MaxPrivatePlans {
		ps.Add(rule.OFR03, "plans", msgTooManyPriv, private, p.MaxPrivatePlans)
	}

	// EXT-02: dimensions.
	if len(o.Dimensions) > 0 && !c.Metering {
		ps.Add(rule.PRC02, "dimensions", msgNoMetering, c.Name)
	}
	if len(o.Dimensions) > p.MaxDimensions {
		ps.Add(rule.EXT02, "dimensions", msgTooManyDims, len(o.Dimensions), p.MaxDimensions)
	}
	for i, d := range o.Dimensions {
		at := fmt.Sprintf("dimensions[%d]", i)
		if d.ID == "" {
			ps.Add(rule.EXT02, at+".id", msgRequired)
		} else if j := slices.IndexFunc(o.Dimensions[:i], func(e plan.Dimension) bool { return e.ID == d.ID }); j >= 0 {
			ps.Add(rule.EXT02, at+".id", msgDupDimension, d.ID, j)
		}
		if d.DisplayName == "" {
			ps.Add(rule.EXT02, at+".displayName", msgRequired)
		}
		if d.Unit == "" {
			ps.Add(rule.EXT02, at+".unit", msgRequired)
		}
	}

	// Every plan on its own, within the type's scope.
	scope := o.Type.Scope(p, o.SellThroughMicrosoft, o.Dimensions)
	for i := range o.Plans {
		checkPlanInto(p.Policy, o.Plans[i], scope, fmt.Sprintf("plans[%d]", i), ps)
	}

	// Across plans: PLN-01 and PLN-02 uniqueness, OFR-06 one model.
	o.validateAcrossPlans(ps)

	// OFR-12: resellers.
	r := o.Resellers
	switch {
	case r.Mode == NamedResellers && len(r.Partners) == 0:
		ps.Add(rule.OFR12, "resellers.partners", msgNoPartners)
	case r.Mode != NamedResellers && len(r.Partners) > 0:
		ps.Add(rule.OFR12, "resellers.partners", msgPartnersSet)
	}
	for i, id := range r.Partners {
		if id == "" {
			ps.Add(rule.OFR12, fmt.Sprintf("resellers.partners[%d]", i), msgRequired)
		} else if slices.Contains(r.Partners[:i], id) {
			ps.Add(rule.OFR12, fmt.Sprintf("resellers.partners[%d]", i), msgDupPartner, id)
		}
	}

	// PLN-10, EXT-14: the preview audience.
	pv := o.Preview
	limit, how := p.PreviewManualMax, rule.Message{English: "entered by hand", Swedish: "angivna manuellt"}
	if pv.Source == plan.CSV {
		limit, how = p.PreviewCSVMax, rule.Message{English: "imported from CSV", Swedish: "importerade från CSV"}
	}
	if len(pv.Emails) > limit {
		ps.Add(rule.EXT14, "preview.emails", msgPreviewMax, len(pv.Emails), how, limit)
	}
	for i, e := range pv.Emails {
		at := fmt.Sprintf("preview.emails[%d]", i)
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			ps.Add(rule.PLN10, at, msgEmail, truncate(e, 80))
		} else if slices.ContainsFunc(pv.Emails[:i], func(x string) bool { return strings.EqualFold(x, e) }) {
			ps.Add(rule.PLN10, at, msgDupEmail, e)
		}
	}
}

func (o *Offer) validateAcrossPlans(ps *rule.Problems) {
	plans := o.Plans
	var firstModel = -1
	for i := range plans {
		pl := &plans[i]
		if pl.ID != "" {
			if j := slices.IndexFunc(plans[:i], func(q plan.Plan) bool { return q.ID == pl.ID }); j >= 0 {
				ps.Add(rule.PLN01, fmt.Sprintf("plans[%d].id", i), msgDupPlanID, pl.ID, j)
			}
		}
		if pl.Name != "" {
			if j := slices.IndexFunc(plans[:i], func(q plan.Plan) bool { return strings.EqualFold(q.Name, pl.Name) }); j >= 0 {
				ps.Add(rule.PLN02, fmt.Sprintf("plans[%d].name", i), msgDupPlanName, pl.Name, j)
			}
		}
		m := pl.Pricing.Model
		if !m.Valid() {
			continue
		}
		if firstModel < 0 {
			firstModel = i
			continue
		}
		if fm := plans[firstModel].Pricing.Model; fm.Family() != m.Family() {
			ps.Add(rule.OFR06, fmt.Sprintf("plans[%d].pricing.model", i), msgMixedModels, m.String(), firstModel, fm.String())
		}
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// checkPlanInto appends plan pl's problems to ps, each path prefixed by
// prefix ("plans[3]").
func checkPlanInto(pol plan.Policy, pl plan.Plan, scope plan.Scope, prefix string, ps *rule.Problems) {
	var plps rule.Problems
	if errors.As(pol.CheckPlan(pl, scope), &plps) {
		for _, pr := range plps {
			if pr.Path == "" {
				pr.Path = prefix
			} else {
				pr.Path = prefix + "." + pr.Path
			}
			ps.Append(pr)
		}
	}
}

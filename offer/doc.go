// Package offer says whether Partner Center would accept an offer and its
// plans, whether a change to a published offer is allowed, what each
// offer type can do, which Partner Center roles may do what, and whether a
// customer meets the prerequisites of a purchase.
//
// # Entry points
//
// The package's questions are methods of its [Policy]:
// [Policy.CheckOffer] (is the offer valid?), [Policy.CheckRepublish] (may
// the published offer become the draft? a [RepublishDecision]) and
// [Policy.CheckPurchase] (may this buyer buy? a [PurchaseDecision]). A
// refusal by a rule is a decision with Allowed false, naming its Rule and
// Reason; errors are for invalid input (a nil offer, a policy limit out of
// range). The zero Policy{} means DefaultPolicy().
//
// # Offer types
//
// [Type] is one of the twelve offer types of OFR-01. [Type.Capabilities]
// returns its row of one table: whether it has plans and whether they can
// be priced (OFR-02, from the English edition of "Plans and pricing for
// commercial marketplace offers", whose check marks the Swedish edition
// lost; OFR-04), its pricing models (PRC-01), billing terms,
// whether plans have a summary (PLN-03), metering (PRC-02), private
// audiences and their ID kind (PLN-08), whether it can be sold through
// Microsoft (OFR-08) and have plan free trials (TRL-01), its listing
// options and Get-it-now pricing options (EXT-01), Azure Government
// (OFR-09), its stores (OFR-11) and its price-change cut-off (EXT-08).
//
// # Validation
//
// [Policy.CheckOffer] reports every problem at once as [rule.Problems], each
// with its rule and its path in the offer's JSON
// ("plans[3].pricing.terms[0].price"): the offer ID; the listing
// option and selling through Microsoft (OFR-07, OFR-08, EXT-01); Azure
// Government (OFR-09); plans: none for types without plans, at least one
// when sold through Microsoft, at most 100 of which 45 private (OFR-01,
// OFR-03, OFR-05); unique plan IDs and names (PLN-01, PLN-02); one pricing
// model across plans (OFR-06); at most 30 metering dimensions with ID,
// name and unit (EXT-02); CSP resellers (OFR-12); the preview audience
// (PLN-10, EXT-14); and every plan within its type's scope (package plan:
// PLN-01…04, PLN-06…08, PRC-01, PRC-02, EXT-02, EXT-04…07, TRL-01,
// TRL-02).
//
// [Policy.CheckRepublish] compares a published offer with a draft and
// refuses every forbidden change, each a refusal in the decision with its
// rule and the draft's path: the offer's ID, type or selling through
// Microsoft; a published plan's ID changed or the plan dropped without
// stopping its sale (PLN-01, PLN-05); its pricing model changed, a billing
// term removed or re-paid, a price changed (PLN-11); public made private
// (PLN-09); a published trial disabled (EXT-04); a dimension's ID, name or
// unit, an included quantity, or whether a plan bills a dimension changed
// (EXT-02). Under [Policy2023] a price change is allowed (EXT-08): it is
// returned in the decision's Prices for package pricing to schedule.
//
// [Offer.CanSee] says who sees which plan: public plans everyone, private
// plans their audience, hidden plans no one browsing; during preview, the
// preview audience sees every plan (PLN-07, PLN-08, PLN-10).
//
// # Roles and purchases
//
// [Role.Can] encodes ACC-01: Manager manages users and offers, Developer
// offers, Financial contributor payout reports, Owner the payout account,
// tax profile and payout reports. [Policy.CheckPurchase] checks a buyer against
// BUY-01…03, PRC-09, PRC-11 and PRC-12, and says which missing
// prerequisites the purchase flow lets the customer create.
//
// # Policies
//
// [DefaultPolicy] follows "Plans and pricing for commercial marketplace
// offers" and the commercial marketplace FAQ as the rules were first
// written from them; [Policy2023] the 2022–2023 editions of Microsoft's documents
// (longer plan names and descriptions, EXT-14; scheduled price changes,
// EXT-08). Every limit is a field, including the free-trial lengths
// (SaaS 1 month; virtual machines 1, 3 or 6 months, TRL-02).
//
// # JSON
//
// An Offer's JSON is what encoding/json writes for it; see
// testdata/saas-offer.json. [Offer.UnmarshalJSON] is strict (unknown
// members and bad enum values are problems with their paths) and
// round-trips exactly; [Policy.Decode] reads untrusted input with a size limit,
// refusing a 100 MB document without reading it all.
//
// # Errors
//
// [Policy.CheckOffer] and decoding return [rule.Problems] (errors.As),
// every problem with its rule and path; [Policy.Decode] wraps [ErrTooLarge] for
// oversized input; a nil offer wraps [ErrNoOffer], a policy limit out of
// range [ErrPolicy] (plan.ErrPolicy for the plan limits). A purchase or a
// republish that is not allowed is not an error but a decision listing
// its unmet requirements or refused changes. Nothing panics on input, nil
// pointers included.
//
// # Examples
//
// The package's Example functions cover validation (in English and
// Swedish), republishing under both policies, capabilities, visibility,
// roles and purchases; examples/validate-offer is a command-line validator
// built on it, and package marketrulestest has ready offers of every type
// for a host's tests.
package offer

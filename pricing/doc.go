// Package pricing computes what a customer pays for a marketplace plan: in
// which currency, when, what a mid-term change costs, what a market's
// price is, whether a usage event is accepted, when a price change takes
// effect, and what a private offer costs. It computes with what package
// plan declares, the way an invoice engine computes with a catalog.
//
// Every function is pure: the caller passes the instant, the exchange
// rates and the policy; nothing reads a clock or keeps state. Amounts are
// exact currency.Money, and every rounding is one named step of a policy.
//
// # Quotes and billing schedules
//
// [QuoteTerm] prices a plan's billing term in a market (PRC-03, PRC-04):
// flat rate, per user within the plan's user limits (EXT-06), a virtual
// machine's hourly price by vCPU count or size (EXT-07), or a VM software
// reservation, hourly × 8,760 × years × (1 − saving) (EXT-07). The
// market price is the plan's per-market price if it declares one, else the
// USD price converted at the caller's exchange rate ([QuoteSource] says
// which). BYOL and free plans quote a zero line.
//
// [AppendSchedule] lists a term's billing events: recurring charges at the
// start of their period (PRC-07) in equal payments (EXT-05: a 2-year term
// paid monthly is 24 payments whose sum is the term price exactly, the
// extra minor units on the first payments). [QuoteOverage] and
// [AppendOverage] bill metered usage beyond the quantity included per term,
// counted from activation (EXT-02, EXT-03); [QuoteVMUsage] and
// [AppendVMUsage] bill VM hours by the minute (EXT-07). Usage is billed
// monthly in arrears (PRC-07). Lines ([Charge]) carry their figures and
// explain themselves.
//
// # Proration
//
// [Prorate] prices a mid-term plan or seat change (PRC-05, PRC-06, EXT-06,
// EXT-13): the term stays; the unused part of the old price is credited and
// the remaining part of the new one charged, over the rest of the current
// billing period. Credit + charge = net exactly; the credit never exceeds
// what was paid. Days count in whole days of the policy's zone (UTC by
// default; the change day counts as unused) or in exact seconds
// ([ProrationUnit]); upgrades and downgrades take effect immediately or at
// renewal by policy ([ChangeTiming]); only a plan or a quantity changes in
// one request. Billing periods come from plan.Calendar: anchored, clamped
// to month end, never drifting.
//
// # Market price sheets
//
// [SheetPolicy.Save] turns USD list prices ([PriceList]) and dated exchange
// rates ([DatedRate]) into every selected market's price in its billing
// currency, each saying how it was obtained ([LocalPrice]: converted at
// which rate and rounding, or overridden) (PRC-03). Saved prices are fixed:
// saving again with later rates keeps them. [ReadSheetCSV] and
// [WriteSheetCSV] read and write the sheet as CSV with line-numbered
// problems and bounded input; the round trip is exact. [TaxPolicy.Tax]
// says whether a market's prices include tax (PRC-10) and whether
// Microsoft remits tax there (PLN-06).
//
// # Metering
//
// [UsageValidator] checks usage events as the metering API does (EXT-03):
// quantity above zero (exact decimals, never floats: [UsageQuantity]);
// effective time at most 24 hours back and not in the future; one event
// per resource, dimension and UTC clock hour, also against events accepted
// earlier ([UsageLedger]); at most 25 events per batch. Each event gets a
// status like the API's ([UsageStatus]: Accepted, Expired, Duplicate,
// InvalidQuantity, BadArgument, ResourceNotFound) with its rule and reason.
//
// # Price changes
//
// [PriceChangePolicy.Decide] says when a change to a live plan's price
// takes effect, or why it is refused (EXT-08): a decrease on the 1st
// of the next month, an increase on the 1st of a month at least 90 days
// after publishing, each only if published before the offer type's cut-off
// (SaaS 4, virtual machines 6, Azure applications 14 days before month
// end); never an increase and a decrease on one plan, never from $0 to
// paid, one scheduled change at a time. Under the default policy a published
// price cannot change at all (PLN-11). [ContractPriceAt] keeps existing
// customers on their contract price until renewal; [UsagePriceAt] applies
// a new meter price to usage after the effective date.
//
// # Private offers
//
// [PrivateOfferPolicy] validates and prices private offers (EXT-09): a
// percentage discount, only below the public price, or an absolute price
// (SaaS and Azure applications, not virtual machines, not on trial plans);
// among overlapping offers the best price wins, absolute over percentage;
// offers start on acceptance or the 1st of a month and end on the last day
// of a month. Multiparty offers add a customer adjustment of up to 8
// decimals, never above the partner's discount (95.00 with
// 10.52631579% is 105.00), and compute the adjustment for a desired price.
//
// # Policies and errors
//
// Each area has its policy value with a Default function ([QuotePolicy],
// [ProrationPolicy], [SheetPolicy], [TaxPolicy], [MeteringPolicy],
// [PriceChangePolicy] and its 2023 variant, [PrivateOfferPolicy]); every
// number a rule uses is a field. Invalid input is reported, all problems at
// once, as rule.Problems with paths and rules, wrapping the package's
// sentinels; decisions are values with a rule, a reason and Explain in
// English and Swedish.
//
// # Examples
//
// Every exported function has an Example; the programs
// examples/price-sheet, examples/vm-pricing and examples/saas-lifecycle
// show sheets, VM hours and reservations, and a customer's year with
// proration, in context.
package pricing

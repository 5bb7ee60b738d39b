// Package pricing computes what a customer pays for a marketplace plan: the
// price of a billing term in a market, the billing schedule, usage charges,
// what a mid-term change costs, whether a market's prices include tax, and
// the CSP channel's billing rules. It computes with what package plan
// declares, the way an invoice engine computes with a catalog.
//
// Every function is pure: the caller passes the instant, the exchange rate
// and the policy; nothing reads a clock or keeps state. Amounts are exact
// currency.Money, and every rounding is one named step of the [Policy].
// Market price sheets are in package pricing/sheet, price changes of live
// plans in pricing/pricechange, private offers in pricing/privateoffer.
//
// # Policy and subscription
//
// The package's entry points are the methods of [Policy]: [DefaultPolicy]
// follows the published marketplace rules, [PrivateOfferPolicy] and
// [NewCommercePolicy] the channels whose changes differ, and the zero
// Policy means DefaultPolicy(). [Policy.Validate] names every field of a
// policy that cannot be applied. What is priced is a [Subscription]: a plan
// bought in a market for a billing term and payment option, a quantity, a
// start, and optionally a billing day other than the start's.
//
// # Quotes and billing schedules
//
// [Policy.Quote] prices a plan's billing term in a market (PRC-03, PRC-04):
// flat rate, per user within the plan's user limits (EXT-06), a virtual
// machine's hourly price by vCPU count or size (EXT-07), or a VM software
// reservation, hourly × 8,760 × years × (1 − saving) (EXT-07). The market
// price is the plan's per-market price if it declares one, else the USD
// price converted at the caller's exchange rate ([QuoteSource] says which).
// BYOL and free plans quote zero.
//
// [Policy.AppendSchedule] lists a term's billing events as [Charge] values:
// recurring charges at the start of their period (PRC-07) in equal
// payments (EXT-05: a 2-year term paid monthly is 24 payments whose sum is
// the term price exactly, the extra minor units on the first payments).
// A subscription billed on another day of the month than its start first
// pays a partial period, prorated ([ChargePartialPeriod]), as bill-cycle-day
// alignment works in Kill Bill and billing_cycle_anchor in Stripe.
// [Policy.QuoteOverage] and [Policy.AppendOverage] bill metered usage beyond
// the quantity included per term, counted from activation (EXT-02, EXT-03);
// [Policy.QuoteVMUsage] and [Policy.AppendVMUsage] bill VM hours by the
// minute (EXT-07). Usage is billed monthly in arrears (PRC-07).
//
// # Proration
//
// [Policy.Prorate] prices a mid-term plan or seat change (PRC-05, PRC-06,
// EXT-06, EXT-13): the term stays; the unused part of the old price is
// credited and the remaining part of the new one charged, over the rest of
// the current billing period. Credit + charge = net exactly; the credit
// never exceeds what was paid. Days are anchor days of the policy's zone
// (calendar.AnchorDays: a day starts at the billing period's clock time;
// for a period that starts at midnight, calendar days; the change day
// counts as unused), or exact seconds ([ProrationUnit]); the answer names
// its convention and zone. Upgrades and downgrades take effect immediately
// or at renewal by policy ([ChangeTiming]); only a plan or a quantity
// changes in one request. Billing periods come from package calendar:
// anchored, clamped to month end, never drifting.
//
// # Tax and CSP
//
// [Policy.Tax] says whether a market's CSP prices include tax (PRC-10) and
// whether Microsoft remits tax there (PLN-06). [Policy.CSPRenewal],
// [Policy.CSPBillingFrequencies] and [Policy.CSPBillingStart] answer the
// CSP channel's renewal, billing-frequency and billing-start rules
// (CSP-02, CSP-03, PAY-08).
//
// # Errors
//
// Invalid input is reported, all problems at once, as rule.Problems with
// paths in the input's JSON names ("quantity", "policy.reservationYear")
// and rules, wrapping the sentinels of errors.go; answers are values with
// a rule, a reason and Explain in English and Swedish. Nothing panics.
// A policy field that cannot be applied is one problem wrapping
// [ErrPolicy]; the request is still checked in full, but no figure is
// computed with that field, so no second problem repeats it.
//
// # Examples
//
// Every entry point has an Example; the programs examples/vm-pricing and
// examples/saas-lifecycle show VM hours and reservations, and a customer's
// year with proration, in context.
package pricing

// Package pricechange decides when a change to a live plan's price takes
// effect, or why it is refused, and which price a customer pays once a
// change is scheduled.
//
// [DefaultPolicy] follows the marketplace's published rule that a
// published market price cannot change (PLN-11); [Policy2023] follows the
// 2023 documents (EXT-08): a decrease takes effect on the 1st of the next
// month, an increase on the 1st of a month at least 90 days after
// publishing, each only if published before the offer type's cut-off
// (SaaS 4, virtual machines 6, Azure applications 14 days before month
// end); never an increase and a decrease on one plan, never from $0 to
// paid, one scheduled change at a time. [PolicyFor] picks the policy that
// matches an offer policy; the zero Policy means DefaultPolicy().
//
// [Policy.Decide] and [Policy.DecideOffer] answer with a [Decision]
// (Allowed, Rule, Reason, the dates used, Explain). [Policy.ContractPrice]
// keeps existing customers on their contract price until renewal;
// [Policy.UsagePrice] applies a new meter price to usage after the
// effective date. Calendar days count in the policy's zone (UTC by
// default). Invalid input is rule.Problems wrapping [ErrChange] or
// [ErrContract]; nothing panics.
package pricechange

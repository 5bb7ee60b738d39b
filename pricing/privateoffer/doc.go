// Package privateoffer validates and prices private offers and multiparty
// private offers (EXT-09).
//
// A private offer is a percentage discount, only below the public price,
// or an absolute price (SaaS and Azure applications, not virtual machines,
// not on trial plans); among overlapping offers the best price wins,
// absolute over percentage; offers start on acceptance or the 1st of a
// month and end on the last day of a month ([Policy.ValidateOffer],
// [Policy.Window], [Policy.Price]).
//
// A multiparty offer adds the selling partner's customer adjustment of up
// to 8 decimals, never above the partner's discount: 95.00 with
// 10.52631579% is 105.00 ([Policy.Multiparty]); [Policy.MultipartyAdjustment]
// computes the adjustment for a desired price.
//
// The zero Policy means [DefaultPolicy]; [Policy.Validate] names every
// policy field that cannot be applied. Answers have Allowed, Rule, Reason
// and Explain; invalid input is rule.Problems wrapping [ErrOffer]. Nothing
// panics, for any policy value.
package privateoffer

// Package rewards decides a publisher's Marketplace Rewards standing: the
// tier reached by billed sales, Teams app users or seats sold, the
// engagement manager a newly published offer gets, the grounds on which
// Microsoft may withdraw benefits, and whether a sale counts towards the
// tier.
//
// Every method is pure: it reads no clock (the caller passes every
// instant), no file and no network, and never panics on input.
//
// # Rules (by ID)
//
//   - RWD-01: benefits unlock in tiers by billed sales through the
//     marketplace, or by Teams app monthly active users, or, for Microsoft
//     365 apps and only until 30 June 2021, by seats sold:
//     [Policy.Assess] gives an [Assessment].
//   - RWD-02: transactions proven fraudulent do not count; tiers are
//     assigned on billed sales after fraud is removed
//     ([Activity.Fraudulent], [Policy.CountTowardsTier]).
//   - RWD-03: benefits may be withdrawn for illegal activity, fraud,
//     delisting, infringement or abuse of Azure Sponsorship, and a sale
//     bought by mistake or cancelled before use does not count
//     ([Policy.CheckWithdrawal], [Policy.CountTowardsTier]).
//   - RWD-04: list, trial and consulting offers get an engagement manager
//     for three months per newly published offer
//     ([Policy.EngagementManager]).
//
// # Policies
//
// [DefaultPolicy] follows the "Commercial marketplace overview" and
// "Marketplace Rewards" articles: the FY24 tiers, seats sold counted until
// 1 July 2021 (Pacific time) and three months of engagement. The zero
// Policy means DefaultPolicy.
//
// Each answer carries its rule, a stable reason code, the figures used,
// and renders itself in English or Swedish with Explain.
package rewards

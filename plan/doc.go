// Package plan holds what a publisher declares about a plan of a
// marketplace offer and validates it. Dates are counted by package
// calendar; plan's billing [Term] names a length in months.
//
// # Entry points
//
// The package's questions are methods of its [Policy]:
// [Policy.CheckPlan] (is the plan valid within its offer's scope?) and
// [Policy.ReadAudience] (read a private audience from CSV). Errors are
// invalid input, reported all at once as [rule.Problems]. The zero
// Policy{} means DefaultPolicy(); [Policy.Validate] names every limit out
// of range.
//
// # What it declares
//
// A [Plan] has an ID, a name, a summary and a description; a
// [Visibility] (public, private with an [Audience] of tenant or
// subscription IDs, or hidden); a [Status] (draft, live, stop-sold) and
// the [Action] values each status allows; the markets it is sold in (a
// market.Set); its [Pricing]: the [Model] (flat rate, per user, usage
// only; for virtual machines free, BYOL, flat rate, per vCPU, per vCPU
// size, per market and vCPU size), billing terms with their
// [PaymentOption] and USD or per-market prices ([TermPrice]), user limits
// ([Users]), prices for the offer's metering dimensions with included
// quantities ([Meter]), and VM hourly and reservation prices
// ([VMPricing]); and its free-trial setting ([Trial]).
//
// # Rules
//
// [Policy.CheckPlan] checks a plan within what its offer allows (a [Scope],
// which package offer derives from the offer type):
//
//   - PLN-01 the ID: required, lowercase letters, digits, hyphens and
//     underscores, at most 50 characters
//   - PLN-02, PLN-03, PLN-04, EXT-14 name, summary (none for SaaS) and
//     description lengths; the 2023 policy allows longer names and
//     descriptions
//   - PLN-06, EXT-15 at least one market; paid plans only in transacting
//     markets
//   - PLN-07, PLN-08 visibility and audience: kind, hand-entered and CSV
//     limits, nil and duplicate IDs
//   - PRC-01, OFR-04 the model must be one the offer type allows
//   - EXT-05 billing terms and payment options: 1 month upfront; 1 year
//     upfront or monthly; 2 and 3 years upfront, monthly or annually; one
//     option per term
//   - PRC-03 prices in USD, per-market prices in the market's currency
//   - EXT-06 user limits only on per-user plans, minimum ≤ maximum
//   - PRC-02, EXT-02 meters only on flat-rate plans of offer types with
//     metering, naming the offer's dimensions, with an included quantity
//     for every term of the plan
//   - EXT-07 VM hourly prices and 1- and 3-year software reservations
//   - TRL-01, TRL-02, EXT-04 free trials: allowed lengths, never with
//     meters, never on usage-only plans
//
// Checks across plans (unique IDs and names, one model per offer, at most
// 45 private plans) and republish checks are package offer's. Every
// problem is reported at once as [rule.Problems], each with its rule and
// its path ("pricing.terms[1].payment").
//
// # Billing terms
//
// A [Term] is 1 month, 1, 2 or 3 years, or hourly (VM usage), written as
// its ISO 8601 duration ("P1M", "P1Y", "PT1H"). Its cycle of periods
// from an anchor is calendar.Cycle{Anchor: anchor, Months:
// calendar.Months(t.Months())}: months clamped
// to month end, computed from the anchor every time, half-open periods
// (see package calendar, which also documents the module's time
// conventions). The date functions that lived here (AddMonths, Cycle,
// Calendar, Period, DayNumber, CivilDate, DaysIn) forward to package
// calendar and are deprecated.
//
// # Audiences
//
// [Policy.ReadAudience] reads a private audience from a CSV file as
// Partner Center imports it: the limit for the ID kind (10,000
// subscription IDs or 20,000 tenant IDs) is enforced while reading, so a
// file of a million lines is refused in bounded memory; malformed GUIDs
// and duplicates are reported with their line numbers; a byte-order mark,
// a header row and blank lines are tolerated. A file without a single ID
// (empty, one byte, a header only) or with lone carriage returns for line
// ends is a problem, never an empty audience.
//
// # Policies
//
// [DefaultPolicy] follows "Plans and pricing for commercial marketplace
// offers" as the rules were first written from it; [Policy2023] the
// 2022–2023 editions of Microsoft's documents (names up to 200 and
// descriptions up to 3,000 characters). Every limit is a field; policies
// marshal with camelCase keys ("audienceTenantCsvMax").
//
// # JSON
//
// A Plan's JSON is what encoding/json writes for it: camelCase members,
// enums as their names ("flat-rate", "P1Y", "monthly"), amounts as
// {"amount":"5.00","currency":"USD"}, markets as ["SE","US"], included
// quantities as numbers or "unlimited". [Plan.UnmarshalJSON] is strict:
// unknown members, wrong types and unknown names are problems with their
// paths. Encoding and decoding round-trip exactly.
//
// # Errors
//
// Validation and decoding report every problem at once as [rule.Problems],
// each with its rule and path. Parsers ([ParseTerm], [ParseGUID]) return
// errors that name the input and wrap [ErrTerm] or [ErrGUID];
// [Policy.ReadAudience] wraps [ErrAudienceTooLarge], [ErrDuplicateID],
// [ErrAudience] and [ErrGUID] in its problems; a policy limit out of range
// wraps [ErrPolicy]. Nothing panics on input, nil pointers included.
//
// # Examples
//
// The package's Example functions cover validation, audiences, terms and
// policies; examples/validate-offer validates whole offers.
package plan

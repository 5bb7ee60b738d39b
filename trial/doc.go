// Package trial is the free-trial lifecycle of the Microsoft commercial
// marketplace as a pure state machine. A host application keeps each
// customer's [State] for an offer and asks a [Machine] what each event
// does: may this customer start a trial, what happens on a switch, when
// and to which plan does the trial convert. Nothing reads a clock: every
// event carries its instant.
//
// # What it decides
//
//   - Eligibility: [Machine.Eligible] decides whether a customer may start
//     a free trial of a plan, from the offer type, whether the offer is
//     sold through Microsoft, the plan and the customer's [History] with
//     the offer. The answer is an [Eligibility] value naming the rule and
//     a stable reason; it is not an error.
//   - Transitions: [Machine.Apply] takes a state and an [Event] (start,
//     switch, convert, cancel, tick, purchase) and returns the next state
//     and the [Effects] the host should carry out (collect billing
//     details with a 0.00 charge, start or switch the trial, end it, start
//     billing with the contract term, delete the trial's data, notify the
//     customer), each naming its rule. [Machine.Replay] applies a sequence.
//   - Length: a trial lasts the plan's months (TRL-02) and ends at
//     plan.AddMonths(start, months) (see Time).
//   - isFreeTrial: [State.IsFreeTrial] at any instant (TRL-11);
//     [State.TrialPeriod] gives the interval.
//
// # Rules by ID
//
//   - TRL-01: only plans of transactable Azure virtual machine and SaaS
//     offers have trials (offer.Type's capabilities, PlanTrials), never
//     usage-only plans ([ReasonOfferType], [ReasonNotTransactable],
//     [ReasonPlanWithoutTrial], [ReasonUsageOnly]).
//   - TRL-02: SaaS one month; virtual machines 1, 3 or 6 months. The
//     lengths are policy (Policy.Offer's SaaSTrialMonths and
//     VMTrialMonths, read by offer.Type.TrialMonths; seed 000's "one or
//     three" is the conflict RULES.md resolves for 1, 3 and 6)
//     ([ReasonLength]).
//   - TRL-03: billing details are collected at the start and nothing is
//     billed during the trial: the start's [CollectBilling] effect charges
//     0.00 in the currency of the customer's market.
//   - TRL-04: at its end the trial converts automatically unless cancelled
//     before; a cancellation ends it without a charge ([Cancel]).
//   - TRL-05: billing and the contract term start at the conversion
//     instant ([StartBilling], State.PaidAt).
//   - TRL-06: a switch to another trial-enabled plan keeps the trial's
//     clock: after 15 days on plan A, plan B has 15 days used (W16). Under
//     the default policy the trial takes B's length counted from the
//     original start ([NewPlanLength]); [KeepEnd] keeps the original end.
//   - TRL-07: the plan under evaluation when the trial ends converts.
//   - TRL-08: a trial-enabled plan cannot be converted to paid before the
//     trial ends: the plan under evaluation ([ReasonTrialPlan]) and, by
//     this package's decision, any other trial-enabled plan of the offer
//     ([ReasonOtherTrialPlan]): the customer switches to it and it
//     converts at the end, since only plans without a trial convert at
//     once (TRL-09).
//   - TRL-09: converting to a plan without a trial converts at once, ends
//     the trial and loses its data ([DeleteTrialData]).
//   - TRL-10: a customer who has paid for any plan of the offer never gets
//     a trial of it again ([ReasonPaidBefore]).
//   - TRL-11: [State.IsFreeTrial].
//   - EXT-04: a plan with metering dimensions has no trial
//     ([ReasonMetered]; conflict C16).
//   - EXT-12: a cancelled trial cannot be restarted
//     ([ReasonCancelledBefore]).
//
// Refunds and plan changes of a paid subscription are packages refund
// and pricing (PRC-05); this package stops at the conversion.
//
// # The state machine
//
// A [State] is in one [Phase]. Each cell says what an event at instant at
// does, with the rule; "refused" is a [*RefusalError] and the state is
// unchanged. Every accepted event sets State.Last to at.
//
//	phase \ event  start              switch               convert               cancel             tick                   purchase
//	none           trial (TRL-01..03) refused (TRL-11)     refused (TRL-11)      refused (TRL-11)   no change              paid (purchased)
//	trial, at<end  refused (TRL-06)   trial on the new     plan without trial:   cancelled (TRL-04, no change              refused (TRL-09)
//	                                  plan, clock kept     paid at once, data    EXT-12)
//	                                  (TRL-06, TRL-07)     lost (TRL-09); trial-
//	                                                       enabled: refused
//	                                                       (TRL-08)
//	trial, at≥end  refused (TRL-04)   refused (TRL-04)     refused (TRL-04)      refused (TRL-04)   paid at end on the     refused (TRL-04)
//	                                                                                                plan under evaluation
//	                                                                                                (TRL-04, -05, -07)
//	cancelled      refused (EXT-12)   refused (EXT-12)     refused (EXT-12)      refused (EXT-12)   no change              paid (purchased)
//	paid           refused (TRL-10)   refused (TRL-11)     refused (TRL-11)      refused (TRL-11)   no change              no change
//
// A start runs the checks of [Machine.Eligible] in its order (offer, plan,
// then history), so a refused start names the same rule as the decision.
// A switch is also refused to the plan under evaluation, to a plan whose
// trial is not allowed (TRL-01, TRL-02, EXT-04), and, under
// [NewPlanLength], to a plan whose length counted from the start has
// already passed ([ReasonUsedUp]).
//
// Reaching the end is observed explicitly: a [Tick] at or after the end
// converts the trial at its end (not at the tick's instant: State.PaidAt
// and the [StartBilling] effect say End). Every other event at or after
// the end is refused with [ErrTrialEnded] until the tick is applied, so a
// conversion is never the side effect of another request; a host sends
// a tick from a scheduler at [State.End], or before any event when
// [State.ConversionDue] reports true. [State.IsFreeTrial] is false from
// the end on, tick or not. There is at most one conversion: Paid is
// final.
//
// # Time
//
// A trial is the half-open interval [Start, End). End is
// plan.AddMonths(Start, Months), counted in the calendar of the location
// of the start event's instant (State.Zone names it): a trial started on
// January 31 at 10:00 for one month ends on February 29 (leap year) or
// 28 at 10:00 in that location, never on March 2 or 3; across a
// daylight-saving change the clock time stays 10:00 local. Pass the start
// in the customer's location (or UTC) to choose the calendar; an instant
// in [time.Local] counts in the host's zone, named "Local", and one
// parsed from text with an offset ("+05:30") in that fixed offset. A
// location whose offset has seconds (19th-century mean solar times)
// cannot hold a trial: RFC 3339, and so JSON, drops the seconds.
//
// Events are compared as instants, whatever their location, and the state
// keeps every instant in the trial's calendar (in UTC before any trial).
// An event before State.Last is out of order ([ErrOutOfOrder]); events
// at the same instant are in order.
//
// JSON keeps each instant's UTC offset but not its location. A state in
// UTC or a fixed offset decodes back exactly; for a named zone, attach
// the location after decoding with [State.In] (a switch that must
// recompute the end refuses a detached state with [ErrZone] rather than
// count in the wrong calendar).
//
// # Errors
//
// Decisions are values: [Eligibility] says whether a trial may start.
// [Machine.Apply] returns an error in two cases, both leaving the state
// unchanged:
//
//   - invalid input: [rule.Problems], every problem at once, with paths
//     ("at", "plan.id", "market") and sentinels [ErrInvalidEvent],
//     [ErrOutOfOrder], [ErrInvalidOffer], [ErrZone]; decoding a state
//     reports [ErrInvalidState];
//   - a refusal: a [*RefusalError] with the rule, a stable reason, the
//     figures used and [RefusalError.Explain] in English or Swedish; it
//     wraps [ErrRefused] and one of [ErrNotEligible], [ErrNotInTrial],
//     [ErrTrialEnded], [ErrTrialPlan], [ErrSwitch], [ErrPurchase].
//
// Use errors.Is for the sentinels and errors.As for the lists and the
// refusal. Nothing in this package panics.
//
// # Encoding
//
// [State], [Effect], [Effects] and [Eligibility] marshal to JSON with
// encoding/json and decode strictly (unknown members, wrong types and
// unknown names are errors with their paths). Enums are their names
// ("trial", "start-billing"), instants RFC 3339 with nanoseconds, the
// 0.00 charge {"amount":"0.00","currency":"SEK"}.
//
// # Performance
//
// A transition does not allocate: [Effects] is a small fixed-size value
// from which each [Effect] is built on demand. Only errors and
// explanations allocate. See BENCHMARKS.md.
//
// # Examples
//
// The seed's stories are examples: 15 days on plan A, a switch to B,
// which has 15 days used and converts at the end (W16,
// Example_switchKeepsTheClock); a customer who paid once never gets
// another trial (Example_paidCustomerGetsNoTrial); converting to a plan
// without a trial loses the trial's data (Example_convertToPlanWithoutTrial).
package trial

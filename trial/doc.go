// Package trial is the free-trial lifecycle of the Microsoft commercial
// marketplace as a pure state machine. A host application keeps each
// customer's [State] for an offer and asks a [Policy] what each event
// does: may this customer start a trial, what happens on a switch, when
// and to which plan does the trial convert. Nothing reads a clock: every
// event carries its instant.
//
// # Entry points
//
// A [Policy] holds the values the rules use (the trial lengths per offer
// type and the switch rule); [DefaultPolicy] follows the rules' documents
// and the zero Policy means DefaultPolicy. Its methods decide:
//
//   - [Policy.CheckEligibility]: may a customer start a free trial of a
//     plan, from the offer ([Offering]: its type and whether it is sold
//     through Microsoft), the plan and the customer's [History] with the
//     offer. The answer is an [Eligibility] with Allowed, the rule and a
//     stable reason.
//   - [Policy.Apply]: a state and an [Event] (start, switch, convert,
//     cancel, tick, purchase) give a [Transition]: Allowed, the rule and
//     reason, the next State and the [Effects] the host should carry out
//     (collect billing details with a 0.00 charge, start or switch the
//     trial, end it, start billing with the contract term, delete the
//     trial's data, notify the customer), each naming its rule.
//   - [Policy.Replay] applies a sequence of events.
//
// A trial lasts the plan's months (TRL-02) and ends at
// calendar.AddMonths(start, months) (see Time). [State.IsFreeTrial] says
// whether a subscription is in its trial at any instant (TRL-11);
// [State.TrialPeriod] gives the interval.
//
// # Rules by ID
//
//   - TRL-01: only plans of Azure virtual machine and SaaS offers sold
//     through Microsoft have trials, never usage-only plans
//     ([ReasonOfferType], [ReasonNotTransactable],
//     [ReasonPlanWithoutTrial], [ReasonUsageOnly]).
//   - TRL-02: SaaS one month; virtual machines 1, 3 or 6 months
//     (Policy.SaaSMonths, Policy.VMMonths; an older statement of 1 or 3
//     months is a policy a caller can set) ([ReasonLength]).
//   - TRL-03: billing details are collected at the start and nothing is
//     billed during the trial: the start's [CollectBilling] effect charges
//     0.00 in the currency of the customer's market.
//   - TRL-04: at its end the trial converts automatically unless cancelled
//     before; a cancellation ends it without a charge ([Cancel]).
//   - TRL-05: billing and the contract term start at the conversion
//     instant ([StartBilling], State.PaidAt).
//   - TRL-06: a switch to another trial-enabled plan keeps the trial's
//     clock: after 15 days on plan A, plan B has 15 days used. Under the
//     default policy the trial takes B's length counted from the original
//     start ([NewPlanLength]); [KeepEnd] keeps the original end.
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
//     ([ReasonMetered]).
//   - EXT-12: a cancelled trial cannot be restarted
//     ([ReasonCancelledBefore]).
//
// Refunds and plan changes of a paid subscription are packages refund
// and pricing (PRC-05); this package stops at the conversion.
//
// # The state machine
//
// A [State] is in one [Phase]. Each cell says what an event at instant at
// does, with the rule; "refused" is a [Transition] with Allowed false,
// the state unchanged and no effects. Every allowed event sets State.Last
// to at.
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
// A start runs the checks of [Policy.CheckEligibility] in its order
// (offer, plan, then history), so a refused start names the same rule as
// the decision. A switch is also refused to the plan under evaluation, to
// a plan whose trial is not allowed (TRL-01, TRL-02, EXT-04), and, under
// [NewPlanLength], to a plan whose length counted from the start has
// already passed ([ReasonUsedUp]). "No change" is an allowed transition
// with [ReasonNoChange]; a purchase outside a trial is [ReasonPurchased].
//
// Reaching the end is observed explicitly: a [Tick] at or after the end
// converts the trial at its end (not at the tick's instant: State.PaidAt
// and the [StartBilling] effect say End). Every other event at or after
// the end is refused with [ReasonTrialEnded] until the tick is applied,
// so a conversion is never the side effect of another request; a host
// sends a tick from a scheduler at [State.End], or before any event when
// [State.ConversionDue] reports true. [State.IsFreeTrial] is false from
// the end on, tick or not. There is at most one conversion: Paid is
// final.
//
// # Time
//
// A trial is the half-open interval [Start, End). End is
// calendar.AddMonths(Start, Months), package calendar's calendar-months
// convention, counted in the calendar of the location of the start
// event's instant (State.Zone names it, as calendar.ZoneName does): a
// trial started on January 31 at 10:00 for one month ends on February 29
// (leap year) or 28 at 10:00 in that location, never on March 2 or 3;
// across a daylight-saving change the clock time stays 10:00 local. Pass
// the start in the customer's location (or UTC) to choose the calendar;
// an instant in [time.Local] counts in the host's zone, named "Local",
// and one parsed from text with an offset ("+05:30") in that fixed
// offset. A location whose offset has seconds (19th-century mean solar
// times) cannot hold a trial: RFC 3339, and so JSON, drops the seconds.
// Event instants must lie between 0001-01-02 and 9999-12-30 UTC, and a
// trial must end within the year 9999, so that every state can be stored.
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
// Decisions are values: [Eligibility] says whether a trial may start, a
// [Transition] whether an event is allowed. Errors are for invalid input
// only, with the state unchanged: [rule.Problems], every problem at once,
// with paths ("at", "plan.id", "market", "policy.vmMonths[2]") and the
// sentinels [ErrInvalidEvent], [ErrOutOfOrder], [ErrInvalidOffer],
// [ErrZone] and [ErrPolicy]; decoding reports [ErrInvalidState] (or
// [ErrPolicy] for a policy). Use errors.Is for the sentinels and
// errors.As for the list. Nothing in this package panics, on any input:
// a nil plan or event sequence, the zero Policy, extreme instants and
// lengths.
//
// # Encoding
//
// [Transition], [State], [Effect], [Effects], [Eligibility] and [Policy]
// marshal to JSON with camelCase keys and decode strictly (unknown,
// repeated or case-folded members, wrong types and unknown names are
// problems with their paths; a decoded state must pass [State.Validate]).
// Every decoder refuses input longer than [MaxJSONSize]. Enums are their
// names ("trial", "start-billing"; the zero value of [EventType],
// [EffectType] and [PaidVia] is unset, ""), instants RFC 3339 with
// nanoseconds, the 0.00 charge {"amount":"0.00","currency":"SEK"}.
//
// # Performance
//
// A transition, allowed or refused, does not allocate: [Effects] is a
// small fixed-size value from which each [Effect] is built on demand.
// Only errors, explanations, JSON and a TRL-02 refusal's list of allowed
// lengths allocate.
//
// # Examples
//
// The rules' stories are examples: 15 days on plan A, a switch to B,
// which has 15 days used and converts at the end
// (Example_switchKeepsTheClock); a customer who paid once never gets
// another trial (Example_paidCustomerGetsNoTrial); converting to a plan
// without a trial loses the trial's data (Example_convertToPlanWithoutTrial).
package trial

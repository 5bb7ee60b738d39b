// Package refund decides whether a charge of the Microsoft commercial
// marketplace, or of the CSP channel, may still be refunded or cancelled:
// how much, until when, and why. Decisions are pure functions of values
// the caller passes (the charge, the instant that opened its window, the
// instant of the request, the buyer's time zone, a [Policy]); nothing
// reads a clock.
//
// # Entry point
//
// [Policy.Decide] takes a [Request] and returns a [Decision]. A Policy is
// a plain value holding every number the rules use: [DefaultPolicy]
// follows the documents the rules are built on, [Policy2023] the later
// Microsoft documents (see Policies). The zero Policy means DefaultPolicy.
// [Policy.LimitAt] answers the reservation cancellation limit directly
// and [Policy.SaaSAt] the SaaS windows in force at an instant.
//
// # What a decision says
//
//   - Allowed: whether a refund (or an invoice credit, or a seat
//     reduction with a refund) is due at Request.At.
//   - Refund, Retained, Settlement: the refundable amount and how it is
//     made up ([FullRefund], [ProratedRefund], [InvoiceCredit],
//     [NoRefund]); Refund + Retained = Paid, exactly, and 0 ≤ Refund ≤
//     Paid. For prorated refunds, DaysUsed and DaysPaid.
//   - Window, WindowStart, WindowEnd, Remaining, DaysLeft, Zone: the window
//     applied, when it ends, the time left and, for calendar windows, the
//     days left and the zone they were counted in (RFD-07).
//   - Cancel: whether the charge can still be cancelled when no refund is
//     due ([CancelNow], [CancelAtPeriodEnd], [CannotCancel],
//     [NothingToCancel]); TermEnd where the term runs on.
//   - KeysRevoked: cancelling perpetual software revokes its keys and
//     download links (RFD-08).
//   - Limit: the reservation cancellation limit, for VM software
//     reservations (EXT-12).
//   - Rule and Reason: the rule that decided ([rule.ID]) and a stable
//     reason code (the Reason constants of this package).
//
// [Decision.Explain] renders a decision in English or Swedish and
// [Decision.String] summarizes it for logs. A request with nothing paid
// (Paid zero) is a decision with Allowed false and [ReasonNothingPaid],
// never a "full refund of 0".
//
// # Rules (by ID)
//
//   - RFD-01 [SaaS]: recurring SaaS fees are refunded in full within 72
//     hours of the purchase or the renewal; metered charges are not.
//     Under [Policy2023], earlier charges follow the windows in force
//     when they were made (EXT-12).
//   - EXT-12 [SaaS]: 2- and 3-year plans cannot be cancelled after their
//     window until the term ends ([ReasonMultiYearLocked]); 1-month and
//     1-year plans can, without a refund ([CancelAtPeriodEnd]).
//   - RFD-02 [Usage]: usage-based and metered charges are never refunded.
//   - EXT-12 [ProfessionalService], [VMReservation], [Container],
//     [ManagedAppFee]: a full refund within 72 hours. A VM software
//     reservation bought through a private offer can never be cancelled,
//     nor any after 72 hours, and a cancellation must fit the rolling
//     reservation cancellation limit.
//   - RFD-04 [CSPSoftware]: cancellable within the first 7 calendar days
//     of a term, refunded prorated for the days used; after that not
//     cancellable, the whole term charged. Seats of a software
//     subscription cannot be reduced ([ReasonNoSeatReduction]).
//   - RFD-05: Red Hat and SUSE software plans ([Vendor]) can be neither
//     cancelled nor exchanged.
//   - RFD-06, RFD-07, RFD-08 [CSPPerpetual]: cancellable within 30 calendar
//     days of the purchase date for a 100% credit on the next monthly
//     invoice; the decision counts the days left; cancelling revokes the
//     keys and download links.
//   - EXT-13 [CSPLicense]: a license-based subscription can be cancelled,
//     and seats can be reduced ([SeatsAdded]), within 7 calendar days of
//     the purchase, renewal or mid-term addition, refunded less the days
//     used (daily proration); cancellation windows do not apply to an
//     [Upgrade], which does not reopen the window.
//   - RFD-09 [CSPSaaS]: marketplace SaaS bought through CSP is refunded in
//     full within a window that depends on the term; afterwards its
//     auto-renewal can still be turned off.
//   - CSP-01: a partner may cancel, reduce licenses and turn off
//     auto-renewal: the [CancelOption] answers.
//
// RFD-03 (refunds show in payout reports) belongs to package payout. A
// cancelled free trial (EXT-12) belongs to package trial. Office add-ins
// are not decided: no rule of the rulebook covers them.
//
// # Windows and time zones
//
// A [Window] is either an exact duration or a number of calendar days,
// never negative: [Hours], [Exactly] and [CalendarDays] refuse a negative
// or out-of-range length with [ErrWindow].
//
// Exact windows ("72 hours", and the older "1 day", "24 hours", "14
// days") are half-open durations [Start, Start+d), counted to the
// nanosecond in no time zone: with Start at 10:00:00, a request 71:59:59
// later is inside the 72-hour window and one 72:00:00 later is not. The
// older windows' days are exact 24-hour days, since their documents count
// them from the purchase instant.
//
// Calendar windows ("7 calendar days", "30 days") count local dates in
// the buyer's time zone, Request.Zone, by package calendar's
// calendar-day convention (required: a nil Zone is an error wrapping
// [ErrZone]; the decision names the zone in Zone). The date of
// Request.Start is day 1, so a 7-day window covers days 1 to 7 and ends
// at the first instant of day 8: local midnight, or the instant the day
// begins where a clock change skips midnight. A request on day 7 at
// 23:59:59 is inside; at 00:00:00 on day 8 it is not. Across a
// daylight-saving change the window is therefore 1 hour shorter or longer
// than 7×24 hours: the rule is about calendar days, not 168 hours.
//
// Days used are the day number of the request: a cancellation on "the
// third day" has used 3 days, including the day of the request. A
// prorated refund is Paid × (DaysPaid − DaysUsed) / DaysPaid, rounded
// once with Policy.Rounding, where DaysPaid is the number of calendar
// days from the date of Start to the date of PaidUntil (PaidUntil's date
// is the first day not paid). PaidUntil defaults to Start plus the term,
// clamped to month end (calendar.AddMonths); a refund of a paid period
// shorter than the days used is zero. DaysLeft, for perpetual software
// (RFD-07), counts the days left including the day of the request: 30 on
// the purchase date, 1 on the 30th day.
//
// Eligibility is monotone in time: a charge refundable at t is refundable
// at every earlier instant since Start. The one exception is a VM
// reservation's cancellation limit, which grows again as earlier
// cancellations age out of the rolling period.
//
// # Policies
//
// Every number is a field of [Policy]; callers may change any field.
// [DefaultPolicy]:
//
//	SaaS                              72 hours, every term; 2- and 3-year plans locked after it   RFD-01, EXT-12
//	professional services, VM reservations, containers, managed app fee   72 hours        EXT-12
//	reservation cancellations         at most 50,000 USD in a rolling 365 days                 EXT-12
//	CSP software, license-based       7 calendar days                                          RFD-04, EXT-13
//	CSP perpetual software            30 calendar days                                         RFD-06
//	CSP marketplace SaaS              24 hours monthly, 14 days (336 hours) longer terms       RFD-09
//	prorated refunds                  rounded half to even
//
// [Policy2023] follows the later documents: its SaaS window is an
// effective-dated schedule ([SaaSWindows]), a charge judged by the entry
// in force at its Start, each entry from the date of the first document
// that shows it, the earliest also governing older charges:
//
//	from 2020-11-20  monthly 1 day (24 h), annual 14 days (336 h)           "Refund policies"
//	from 2021-08-20  monthly 24 h, annual and multi-year 14 days (336 h)    "SaaS subscription lifecycle management"
//	from 2022-06-03  72 hours for every term; 2- and 3-year plans locked    "Commercial marketplace FAQ for publishers"
//
// and its CSP marketplace SaaS window is 72 hours for every term (the
// newer revision of "New commerce experience cancellation policy"). A
// caller who needs the 2020 statement that managed applications were not
// refundable sets ManagedAppFee to the zero Window.
//
// # Representation
//
// [ChargeType], [Trigger], [Vendor], [Settlement] and [CancelOption] are
// append-only uint8 enums with String, MarshalText and UnmarshalText
// ("csp-software", "seats-added", "red-hat", "prorated",
// "at-period-end"); the zero ChargeType is unset and marshals to "". A
// [Window] is comparable; its text is ISO 8601 ("PT72H", "P7D"). JSON
// keys are camelCase; amounts are {"amount":"12.34","currency":"SEK"};
// instants RFC 3339. A [Decision] is a comparable value with no pointers
// but the locations of its instants; it round-trips through JSON, and
// its decoder is strict (exact, unique member names) and enforces the
// decision's invariants. [Request] and [Policy] round-trip too (a
// request's zone by its IANA name). Every decoder refuses input longer
// than [MaxJSONSize]. [Policy.Decide] does not allocate; only
// [Decision.Explain], JSON and errors do.
//
// # Errors
//
// A refund that is not due is a Decision, never an error. Errors are for
// invalid input only and list every problem at once as a [rule.Problems]:
// each names the field by its JSON path ("request.at", "request.zone",
// "request.history[2].amount", "policy.cspSoftware"), the rule, a message
// in English and Swedish, and wraps a sentinel for [errors.Is]:
// [ErrKind], [ErrEvent], [ErrTerm], [ErrMissing], [ErrBeforeStart],
// [ErrAmount], [ErrCurrency] (also [currency.ErrCurrencyMismatch]),
// [ErrZone], [ErrPeriod], [ErrPolicy]; decoding reports [ErrDecision],
// [ErrJSON] and [ErrPolicy]. Parsing a window fails with [ErrWindow], an
// enum's text with [ErrKind], [ErrEvent] or [ErrName]. No input makes the
// package panic (except [MustParseWindow]).
//
// # Examples
//
// A SaaS subscription bought at 10:00 and cancelled 71:59:59 later:
//
//	var p refund.Policy // DefaultPolicy
//	d, err := p.Decide(refund.Request{
//		Charge: refund.SaaS, Term: plan.OneMonth,
//		Start: bought, At: bought.Add(71*time.Hour + 59*time.Minute + 59*time.Second),
//		Paid: currency.MustParse("100.00 USD"),
//	})
//	// d.Allowed, d.Settlement == refund.FullRefund, d.Rule == rule.RFD01
//
// A CSP software subscription cancelled on its third day (RFD-04):
//
//	d, err := refund.DefaultPolicy().Decide(refund.Request{
//		Charge: refund.CSPSoftware, Term: plan.OneYear, Zone: stockholm,
//		Start: bought, At: thirdDay, Paid: currency.MustParse("3650.00 SEK"),
//	})
//	// d.DaysUsed == 3, d.DaysPaid == 365, d.Refund is 3,620.00 SEK
//	fmt.Println(d.Explain(rule.Swedish))
//
// The package's Example functions show every charge type, the third-day
// cancellation and the reservation cancellation limit.
package refund

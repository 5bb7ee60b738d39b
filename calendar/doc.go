// Package calendar is the one place the module counts dates: civil dates,
// day numbers, month arithmetic clamped to month end, billing periods
// from an anchor, calendar-day windows and day counts in a named zone.
// It imports only the standard library. Every function takes the instant
// it reasons about; nothing reads a clock. Nothing panics on any input
// (only [MustDate], by its name); an argument out of range is an error
// wrapping [ErrRange], never a silently wrong date.
//
// # Values
//
//   - [Date] is a civil date (2024-02-29) of the years 1–9999, without a
//     time of day or a zone; [DateOf], [ParseDate], [DateIn], [DateOfDay].
//     The zero Date is "unset" and marshals to "".
//   - [YearMonth] is a month of a year (2024-04), the unit of payouts and
//     statements. The zero YearMonth is "unset".
//   - [Days] and [Months] are typed counts for policies and windows: a
//     calendar day is a count, not 24 hours.
//   - [Period] is a half-open interval [Start, End) of instants.
//   - Day numbers count days from 1970-01-01 ([DayNumber], [CivilDate],
//     [DayNumberIn]): the integer arithmetic behind every day count,
//     allocation-free.
//
// # Months and billing periods
//
// [AddMonths] adds calendar months keeping the clock time and location,
// with the day clamped to the last day of the target month: Jan 31 + 1
// month is Feb 28, or Feb 29 in a leap year. A [Cycle] of periods of n
// months computes period k from its anchor every time, as AddMonths(anchor,
// k×n), never by chaining, so an anchor on the 31st gives Feb 28/29, then
// Mar 31, Apr 30, and never drifts to the 28th. Periods are half-open,
// non-empty, contiguous and monotone. A [Calendar] prepares one anchor
// for many periods; in UTC it uses only integer arithmetic and allocates
// nothing.
//
// Out of range, and therefore errors: a month outside 1–12 ([DaysIn]), a
// cycle of fewer than 1 month, a negative period index, an instant before
// the anchor ([ErrBeforeAnchor]), and any count of months whose result
// leaves the years 1–9999 (so AddMonths(t, math.MaxInt) is an error, and
// no multiplication of months overflows: counts are checked against the
// 119,988 months of that span before they are multiplied, and every loop
// is bounded).
//
// # Time conventions
//
// An answer about time says how it counted: a [Convention] and the name
// of the zone it counted in ([ZoneName]). The module's answers use these,
// and only these:
//
//   - Billing periods, terms, price-change dates and trial ends:
//     [CalendarMonths] from the subscription's start, in the start's own
//     location (its clock time kept across daylight saving; a clock time
//     a change skips moves forward by the gap).
//   - A proration day: [AnchorDays] in the policy's zone. A day of a
//     billing period begins at the period start's clock time (the
//     subscription's own time of day) on each date of that zone, so a
//     period of whole months is a whole number of days, each day is
//     charged once, and a change credits the day it falls in whole. In
//     UTC every such day is 86,400 seconds. (Midnight-to-midnight days
//     would split the first and last day of every period that does not
//     start at midnight, counting one day of service twice.)
//   - Windows in days (a refund window, a seat reduction window): [CalendarDays]
//     in the named zone (the buyer's or the policy's). The day the window
//     opens is day 1; a window of n days closes at the first instant of
//     the n-th date after it ([Window]): local midnight, or the instant
//     the day begins where a clock change skips midnight.
//   - Payout dates: [CivilDates]. A payout date is a [Date]
//     (2026-07-15), printed as a date. Where an instant is needed (the
//     month a sale belongs to, the first instant of a payout day), it is
//     counted in a fixed zone 8 hours behind UTC all year, made by
//     FixedZone(-8 * time.Hour) and named "UTC-08:00": never "PST", which
//     would claim standard time in July. An RFC 3339 instant in it reads
//     "2026-07-15T00:00:00-08:00".
//   - Exact durations (usage hours, a per-second proration):
//     [Elapsed], no calendar.
//
// A zone is named as [ZoneName] gives it: the location's name ("UTC",
// "Europe/Stockholm", "UTC-08:00"), or "+01:00" for an unnamed fixed
// offset. [ZoneOf] turns the names of UTC and fixed offsets back into
// locations without a time-zone database, so a stored answer decodes to
// the same zone.
//
// # Errors
//
// Every error wraps one of [ErrRange] (out of range), [ErrBeforeAnchor]
// (an instant before a cycle's anchor) and [ErrSyntax] (text that is not
// a date, a month or a convention).
package calendar

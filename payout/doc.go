// Package payout decides how a customer's payment becomes the publisher's
// money: the store service fee Microsoft keeps, the month and date a sale
// is paid out, the earning's state, the monthly threshold and carry-over,
// the recoupment of refunds and write-offs, whole payout statements, and
// the reconciliation of Partner Center's earnings export. Marketplace
// Rewards tiers are in the sub-package payout/rewards.
//
// Every method is pure: it reads no clock (the caller passes every
// instant), no file and no network, keeps no state between calls, and
// never panics on input (nil ledgers and sequences, zero values, extreme
// amounts and dates). Amounts are exact [currency.Money]; every rounding
// is one named step of the policy.
//
// # What it decides
//
// Every entry point is a method of [Policy]; the zero Policy is
// [DefaultPolicy]. One [Transaction] value feeds them all.
//
//   - The store service fee of a transaction, and the publisher's share:
//     [Policy.Fee] gives a [Fee].
//   - When a transaction is paid out at the earliest, and its earning
//     state at an instant: [Policy.Schedule] gives a [Schedule] with
//     [Schedule.StateAt].
//   - Payout statements: a [Ledger] accumulates transactions (from an
//     iter.Seq with [Ledger.AddAll], CSV with [Ledger.AddCSV], or an
//     opening balance with [Ledger.Open]) and [Ledger.Statement] applies
//     the threshold, carry-over and recoupment month by month into a
//     [Statement] of [Payout] decisions. [Policy.BuildStatement] does both
//     in one call.
//   - The earnings export: [ReadEarnings] streams Partner Center's export
//     and [Policy.ReconcileEarnings] recomputes every row's store fee,
//     earning and payment month, reporting each difference
//     ([Reconciliation]).
//
// Each decision carries the rule that decided it (a [rule.ID]), a stable
// reason code (a [rule.Reason] constant of this package, such as
// [ReasonCardHold]) and the figures used, and renders itself in English or
// Swedish with Explain (String is the English).
//
// # Rules (by ID)
//
//   - PAY-01: payouts are monthly. Statements have one [Payout] per month.
//   - PAY-02: Enterprise Agreement payouts are made "in the next payout
//     cycle 30 days after the customer's invoice" ("Commercial marketplace
//     overview"): the first payout day on or after the invoice date plus
//     Policy.EAInvoiceDays. Without an invoice date, an order counts as
//     invoiced on its date and usage on the first day of the next month
//     (PRC-07). This is DefaultPolicy's rule; [Policy2023] follows EXT-11's
//     month table instead.
//   - PAY-03: credit card payments are held 30 days after Microsoft
//     receives them, which EXT-11 turns into one more month (M+4 for MCA
//     and CSP). When the collection instant is known, the hold ends 30
//     calendar days after it.
//   - PAY-04: a payout is made only when the combined balance reaches 50.00
//     USD; below it the balance carries to the next month. Balances in other
//     currencies are converted at the payout month's rates, which the
//     caller supplies ([Rates]); a missing rate is an error naming the
//     currency and month, except in a month without transactions, whose
//     balances are carried unconverted ([ReasonCarriedWithoutRate]).
//   - PAY-05, EXT-10: the store service fee, from an effective-dated
//     schedule ([FeeEra]): 20% until 30 June 2021 (10% for qualified
//     offers on license charges collected 1 May 2019 – 30 June 2020), 3%
//     from 1 July 2021. The fee is charged on the software license fee
//     after private-offer discounts, never on Azure infrastructure, which
//     Microsoft keeps in full; BYOL and list-only offers carry none.
//   - PAY-06 (and PLN-12): a 0 USD plan carries no fee.
//   - PAY-07: Microsoft acts as agent: it bills and collects, keeps the fee
//     and pays the publisher. It is the model of this package rather than
//     a decision of it.
//   - PAY-08 (CSP SaaS billing starts after license assignment) concerns
//     billing, not payouts; it is not encoded here.
//   - EXT-11 ("Payout schedules and processes", 30 March 2023): payouts
//     are sent by the 15th, Pacific time. EA: an order in month M is paid
//     in M+1 and usage in M+2, before the customer pays ([Policy2023]). MCA
//     and CSP: once Microsoft has collected, in M+3 (M+4 by credit card).
//     Earnings are [Unprocessed], then [Processed], then [Sent]. The
//     threshold is USD 50 in all cases. A written-off non-payment is a
//     [Reversal] recouped from later payouts, and nothing is paid while
//     the combined balance is negative ([ReasonNegativeBalance]).
//   - ERN-01: Partner Center's earnings export lists each transaction with
//     its amount, store fee, tax remitted, earning, payment method, type
//     and estimated payment month; reconciling it recomputes each row under
//     PAY-02…PAY-05, EXT-10 and EXT-11.
//
// The schedule, in detail (M is the month of the transaction date in the
// policy's zone):
//
//	agreement  payment      order            usage            notes
//	EA         invoice      invoice + 30 d   invoice + 30 d   PAY-02 (DefaultPolicy)
//	EA         invoice      M+1              M+2              EXT-11 (Policy2023), before the customer pays
//	EA         credit card  one month later than by invoice   the hold (PAY-03)
//	MCA, CSP   invoice      M+3              M+3              once collected (EXT-11)
//	MCA, CSP   credit card  M+4              M+4              +1 month for the hold (EXT-11, PAY-03)
//	any        refund, reversal, chargeback: deducted in M+1 (EXT-11)
//
// Collection later than usual: when [Transaction.Collected] is known, the
// payout is never earlier than the month after the payment cleared, that
// is after the collection instant plus, for a credit card, the 30-day
// hold ([ReasonCollectedLate]). When Collected is not given, the usual
// schedule is assumed ([ReasonCollectionAssumed]). EA invoices are paid
// before collection, so their collection does not move them. A payout is
// never dated before its transaction's month; an invoice dated before its
// transaction is invalid input.
//
// # Time conventions
//
// calendar.Months and days are counted in Policy.Zone, by default [PST]: Pacific
// Standard Time as a fixed UTC−8 all year, as Microsoft's payout documents
// state it. Payout dates are civil dates and print without a zone
// ("2024-07-15"), so a July date does not read as a summer offset.
// [Schedule.PayoutDate] is the earliest payout date: whether the earning
// is paid then depends on its month's combined balance (PAY-04) and on
// recoupment, which a Ledger decides; the Schedule names this convention
// in its Convention field. An earning is Unprocessed before its payout
// month, Processed from the month's first instant (the payout is prepared
// in its first week) and Sent once the payout day has ended: Microsoft
// sends payments by, not on, the 15th. Earnings of a carried or withheld
// month stay Processed.
//
// # Representation
//
// [Transaction] is one earnings line. [Month] is a calendar month
// (int32, ordered, "2006-01" in text; the zero Month is unset). Enums
// ([Agreement], [PaymentMethod] (which is offer.PaymentMethod), [Charge], [TransactionType], [Pricing],
// [State]) are append-only uint8 values with stable lowercase text names,
// which JSON and CSV use; their text is read ignoring case and the
// separators '-', '_' and ' ', and an unset zero value marshals to "".
//
// A [Ledger] keeps, per payout month, currency and type, the count of
// lines and the sums of their gross amounts and fees: its memory depends
// on the number of months and currencies, plus 16 bytes per transaction ID
// it remembers to refuse duplicates ([Ledger.IgnoreDuplicateIDs] turns that
// off). Each line's fee is rounded on its own, since Microsoft states each
// transaction's earning. Sums commute, so ledgers of disjoint transactions
// merge ([Ledger.Merge]) into the ledger of their union in any order:
// merging is associative and commutative, the unit a host shards in its own
// engine. The sequential steps (threshold, carry-over, recoupment) run only
// in [Ledger.Statement]. Money is conserved: for each currency, Opening +
// Gross = Fee + Paid + Carried + Withheld ([Total]).
//
// When a month is paid, every currency's balance is paid, in its own
// currency; a currency whose balance is negative is paid as a negative
// amount, netted against the others when Microsoft converts the payout
// into the publisher's payout currency.
//
// The CSV transaction format is documented at [Columns]; [Reader] reads
// it and [ReadEarnings] reads the earnings export, both holding one row at
// a time, with a documented limit on bytes, rows and one row's bytes
// ([CSVOptions]); [Writer] writes the transaction format.
//
// JSON: every decision, [Transaction], [Statement], [Policy] and [Ledger]
// has a JSON form with camelCase keys; amounts are
// {"amount":"12.34","currency":"SEK"}, instants RFC 3339, months
// "2006-01", enums their names. The zero value of every type marshals. A
// Policy's Zone is not part of its JSON: a decoded policy counts in PST.
//
// # Policies
//
// Every number the rules use is a field of [Policy], passed by value:
// [DefaultPolicy] follows the "Commercial marketplace overview" article
// (PAY-01…PAY-06) and [Policy2023] the EA schedule of "Payout schedules
// and processes" (30 March 2023). Where the documents are silent, the
// library chose, and each choice is a field the caller can change:
//
//   - The 20% → 3% date (Policy.Fees): no dated Microsoft document gives
//     it; Microsoft announced the 3% fee at Inspire, July 2021. The
//     default is 1 July 2021, 00:00 PST, the first day of that month and
//     of Microsoft's fiscal year 2022. The era is chosen by the instant
//     Microsoft collected the charge, or by the transaction date when it
//     is not given.
//   - The fee's rounding (Policy.FeeRounding): half-even, to the currency's
//     minor unit, on each line; the publisher's share is the rest, so the
//     fee plus the share is the gross exactly, and a refund returns exactly
//     the fee of the same amount charged (half-even is symmetric).
//   - The conversion rounding for the threshold (Policy.ConversionRounding):
//     half-even, once per currency and month.
//   - Refunds, reversals and chargebacks are deducted from the payout of
//     the month after their date (Policy.AdjustmentMonths: a write-off on
//     15 February is deducted on 1 March). Their fee era is that of the
//     charge they correct when Transaction.Collected gives its collection.
//   - EA by credit card: the documents describe EA as invoiced; the
//     library applies PAY-03's hold to any credit card payment, one month
//     more.
//   - The earnings export has no column for the customer's agreement or
//     the charge: CSVOptions.Agreement and Charge say what to assume (MCA
//     and order by default); the license fee is transactionAmount less
//     taxRemitted.
//
// # Errors
//
// Invalid input is reported with every problem at once, as [rule.Problems]
// whose problems name the rule, the path in the input's JSON or CSV names
// ("transaction.gross", "transactions[12].date", "sales.csv line 14,
// column currency", "earnings.csv line 3, column storeFee", "policy.payoutDay")
// and wrap one exported sentinel: [ErrUnknown] (an unknown enum name),
// [ErrCurrency], [ErrAmount], [ErrDate], [ErrField], [ErrDuplicate],
// [ErrOverflow], [ErrNoRate], [ErrPolicy]; input that cannot be read
// further wraps [ErrCSV] or [ErrLimit]. Lists are capped at 100 problems
// and a count of the rest. Decisions (a month below the threshold, a
// withheld payout, no fee, an export row that differs) are values, never
// errors.
//
// # Examples
//
// The fee on a 100.00 USD SaaS sale in the 3% era, and when an MCA order
// paid by credit card in January is paid out:
//
//	var p payout.Policy // DefaultPolicy
//	f, _ := p.Fee(payout.Transaction{Gross: currency.MustParse("100.00 USD"), Collected: at})
//	fmt.Println(f.Fee, f.Share) // 3.00 USD 97.00 USD
//
//	s, _ := p.Schedule(payout.Transaction{Date: jan10, Agreement: payout.MCA,
//		Payment: payout.CreditCard, Charge: payout.Order, Type: payout.Sale,
//		Gross: currency.MustParse("100.00 USD")})
//	fmt.Println(s.PayoutMonth, s.Explain(rule.English)) // 2024-05 …
//
// A statement from a CSV file, with the month's exchange rates:
//
//	l, _ := payout.NewLedger(payout.DefaultPolicy())
//	if err := l.AddCSV(file, payout.CSVOptions{Name: "sales.csv"}); err != nil { … }
//	st, err := l.Statement(payout.MonthRates{payout.MonthOf(2024, 4): {
//		{From: currency.SEK, To: currency.USD, Rate: currency.MustParseRate("0.0952")}}})
//	fmt.Print(st.Explain(rule.Swedish))
package payout

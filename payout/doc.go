// Package payout decides how a customer's payment becomes the publisher's
// money: the store service fee Microsoft keeps, the month and date a sale
// is paid out, the earning's state, the monthly threshold and carry-over,
// the recoupment of refunds and write-offs, whole payout statements, and
// the publisher's Marketplace Rewards tier.
//
// Every function is pure: it reads no clock (the caller passes every
// instant), no file and no network, keeps no state between calls, and
// never panics on input. Amounts are exact [currency.Money]; every
// rounding is one named step of the policy.
//
// # What it decides
//
//   - The store service fee of a sale, and the publisher's share:
//     [Policy.Fee] gives a [Fee].
//   - When a transaction is paid out, and its earning state at an instant:
//     [Policy.Schedule] gives a [Schedule] with [Schedule.StateAt].
//   - Payout statements: a [Ledger] accumulates transactions (from an
//     iter.Seq with [Ledger.AddAll] or CSV with [Ledger.AddCSV]) and
//     [Ledger.Statement] applies the threshold, carry-over and recoupment
//     month by month into a [Statement] of [Payout] decisions.
//     [BuildStatement] does both in one call.
//   - The Marketplace Rewards tier: [Policy.Rewards] gives a [Rewards].
//
// Each decision carries the rule that decided it (a [rule.ID]), a stable
// reason code (a [rule.Reason] constant of this package, such as
// [ReasonCardHold]) and the figures used, and renders itself in English or
// Swedish with Explain.
//
// # Rules (by ID)
//
// The package encodes these rules of the rulebook (package
// github.com/marketrules/marketrules/rule):
//
//   - PAY-01: payouts are monthly. Statements have one [Payout] per month.
//   - PAY-02: EA payouts "in the next payout cycle 30 days after the
//     customer's invoice". This conflicts with EXT-11's month table
//     (conflict C12); the default follows EXT-11, the more specific and
//     more recent source, and [SeedPolicy] follows PAY-02
//     ([EAInvoiceDays]): the first payout day on or after the invoice date
//     plus 30 days. Without an invoice date, an order counts as invoiced on
//     its date and usage on the first day of the next month (PRC-07).
//   - PAY-03: credit card payments are held 30 days after Microsoft
//     receives them, which EXT-11 turns into one more month (M+4 for MCA
//     and CSP). When the collection instant is known, the hold ends 30
//     calendar days after it ([Schedule.HoldEnds]).
//   - PAY-04: a payout is made only when the combined balance reaches 50.00
//     USD; below it the balance carries to the next month ([Carried]).
//     Balances in other currencies are converted at the payout month's
//     rates, which the caller supplies ([Rates]); a missing rate is an
//     error naming the currency and month.
//   - PAY-05, EXT-10: the store service fee, from an effective-dated
//     schedule ([FeeEra]): 20% until 30 June 2021 (10% for qualified
//     offers on license charges collected 1 May 2019 – 30 June 2020), 3%
//     from 1 July 2021 (conflict C11). The fee is charged on the software
//     license fee after private-offer discounts (reference fact 27), never
//     on Azure infrastructure, which Microsoft keeps in full (W1); BYOL
//     and list-only offers carry none (fact 28).
//   - PAY-06 (and PLN-12): a 0 USD plan carries no fee.
//   - PAY-07: Microsoft acts as agent: it bills and collects, keeps the fee
//     and pays the publisher. It is the model of this package rather than
//     a decision of it.
//   - PAY-08 (CSP SaaS billing starts after license assignment) concerns
//     billing, not payouts; it is not encoded here.
//   - EXT-11: payouts are sent by the 15th, Pacific time. EA: an order in
//     month M is paid in M+1 and usage in M+2, before the customer pays.
//     MCA and CSP: once Microsoft has collected, in M+3 (M+4 by credit
//     card). Earnings are [Unprocessed], then [Processed], then [Sent].
//     The threshold is USD 50 in all cases. A written-off non-payment is a
//     [Reversal] recouped from later payouts, and nothing is paid while
//     the combined balance is negative ([Withheld]; W12).
//   - RWD-01, RWD-02: the rewards tier by billed sales with proven
//     fraudulent transactions removed, or by Teams app monthly active
//     users, or, for Microsoft 365 apps and only before 1 July 2021, by
//     seats sold. RWD-03 (withdrawal of benefits) is a judgement, and
//     RWD-04 (an engagement manager for three months) a benefit, not a
//     decision of this package.
//
// The schedule, in detail (M is the month of the transaction date in the
// policy's zone):
//
//	agreement  payment      order   usage   notes
//	EA         invoice      M+1     M+2     before the customer pays (EXT-11)
//	EA         credit card  M+2     M+3     one more month for the hold (PAY-03)
//	MCA, CSP   invoice      M+3     M+3     once collected (EXT-11)
//	MCA, CSP   credit card  M+4     M+4     +1 month for the hold (EXT-11, PAY-03)
//	any        refund, reversal, chargeback: deducted in M+1 (W12)
//
// Collection later than usual: when [Transaction.Collected] is known, the
// payout is never earlier than the month after the payment cleared, that
// is after the collection instant plus, for a credit card, the 30-day
// hold ([ReasonCollectedLate]). An MCA invoice usually collected in M+2
// and paid in M+3 is, if collected in M+4, paid in M+5; a card payment
// collected on 20 March clears on 19 April and is paid no earlier than
// May. When Collected is not given, the usual schedule is assumed
// ([ReasonCollectionAssumed]). EA invoices are paid before collection, so
// their collection does not move them.
//
// An earning is Unprocessed before its payout month, Processed from the
// month's first instant (the payout is prepared in its first week) and
// Sent once the payout day has ended: Microsoft sends payments by, not on,
// the 15th. Earnings of a carried or withheld month stay Processed.
//
// # Representation
//
// [Transaction] is one earnings line. [Month] is a calendar month
// (int32, ordered, "2006-01" in text). Enums ([Agreement], [Payment],
// [Kind], [Type], [Pricing], [State], [Status], [EATiming], [Basis]) are
// append-only uint8 values with stable lowercase text names, which JSON
// and CSV use; ParseX functions read them ignoring case and the separators
// '-', '_' and ' '.
//
// A [Ledger] keeps, per payout month, currency and type, the count of
// lines and the sums of their gross amounts and fees: its memory depends
// on the number of months and currencies, not of transactions. Each
// line's fee is rounded on its own, since Microsoft states each
// transaction's earning (reference fact 23: "Earning Rate … for a given
// transaction"). Sums commute, so ledgers of disjoint transactions merge ([Ledger.Merge]) into
// the ledger of their union in any order; the sequential steps
// (threshold, carry-over, recoupment) run only in [Ledger.Statement].
// Money is conserved: for each currency, Gross = Fee + Paid + Carried +
// Withheld ([Total]).
//
// When a month is paid, every currency's balance is paid, in its own
// currency; a currency whose balance is negative is paid as a negative
// amount, netted against the others when Microsoft converts the payout
// into the publisher's payout currency (reference fact 39).
//
// The CSV transaction format is documented at [Columns]; [Reader] reads
// it in bounded memory with line-numbered errors, and [Writer] writes it.
//
// JSON: every decision, [Transaction], [Statement] and [Ledger] has a JSON
// form; amounts are {"amount":"12.34","currency":"SEK"}, instants RFC
// 3339, months "2006-01", enums their names. A [Policy] is code, not data:
// its zone is a *time.Location, which has no portable JSON form.
//
// # Policies
//
// Every number the rules use is a field of [Policy], passed by value:
// [DefaultPolicy] returns the rules' values and [SeedPolicy] the seed's EA
// rule. Where the sources are silent or disagree, the library chose, and
// each choice is a field the caller can change:
//
//   - The 20% → 3% date (Policy.Fees): not in a primary source (reference
//     fact 26); secondary sources put it at Microsoft Inspire, July 2021.
//     The default is 1 July 2021, 00:00 PST, the first day of that month
//     and of Microsoft's fiscal year 2022. The era is chosen by the
//     instant Microsoft collected the charge (fact 25 speaks of "license
//     charges collected"), or by the transaction date when it is not
//     given. Later 20%-era documents extend the reduced fee to "Azure IP
//     co-sell incentivized" offers with no end date; the default keeps
//     RULES.md's 30 June 2020 end, and a caller can add an era.
//   - The fee's rounding (Policy.FeeRounding): half-even, to the currency's
//     minor unit, on each line; the publisher's share is the rest, so the
//     fee plus the share is the gross exactly, and a refund returns exactly
//     the fee of the same amount charged (half-even is symmetric).
//   - The zone (Policy.Zone): the source says Pacific Standard Time; the
//     default is a fixed UTC−8 zone named "PST" ([PST]) because the library
//     loads no time-zone files. Months, days and payout dates count in it.
//   - The conversion rounding for the threshold (Policy.ConversionRounding):
//     half-even, once per currency and month.
//   - Refunds, reversals and chargebacks are deducted from the payout of
//     the month after their date (Policy.AdjustmentMonths, W12: written off
//     15 February, deducted 1 March). Their fee era is that of the charge
//     they correct when Transaction.Collected gives its collection.
//   - EA by credit card: the sources describe EA as invoiced; the library
//     applies PAY-03's hold to any credit card payment, one month more.
//
// # Errors
//
// Invalid input is reported with every problem at once, as [rule.Problems]
// whose problems name the rule, the path ("transaction.gross",
// "transactions[12].date", "sales.csv line 14, currency",
// "Policy.PayoutDay") and wrap an exported sentinel: [ErrAgreement],
// [ErrPayment], [ErrKind], [ErrType], [ErrCurrency], [ErrAmount],
// [ErrDate], [ErrField], [ErrMissingRate], [ErrOverflow], [ErrPolicy],
// [ErrSale], [ErrActivity]; CSV input that cannot be read further wraps
// [ErrCSV] or [ErrLimit]. Parsing an enum fails with an [*EnumError]. Get
// the list with errors.As and test kinds with errors.Is. Decisions (a
// month below the threshold, a withheld payout, no fee) are values, never
// errors.
//
// # Examples
//
// The fee on a 100.00 USD SaaS sale in the 3% era, and when an MCA order
// paid by credit card in January is paid out:
//
//	p := payout.DefaultPolicy()
//	f, _ := p.Fee(payout.Sale{License: currency.MustParse("100.00 USD"), Collected: at})
//	fmt.Println(f.Fee, f.Share) // 3.00 USD 97.00 USD
//
//	s, _ := p.Schedule(payout.Transaction{Date: jan10, Agreement: payout.MCA,
//		Payment: payout.CreditCard, Kind: payout.Order, Type: payout.Purchase,
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

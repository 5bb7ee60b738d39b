package payout

import (
	"github.com/marketrules/marketrules/calendar"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marketrules/marketrules/rule"
)

// Schedule is the payout decision for one transaction (PAY-01…PAY-03,
// EXT-11): the earliest month whose payout can include it and the date by
// which that payout is sent, with the figures used. Its StateAt gives the
// earning's state at an instant.
//
// The convention, named in Convention and in Explain: PayoutDate is the
// earliest payout date. Whether the earning is paid then depends on the
// month's combined balance (the 50.00 USD threshold of PAY-04, and
// recoupment of negative balances): a Ledger's Statement decides that, and
// may carry the earning to a later month. Dates are civil dates counted in
// the policy's zone (PST, a fixed UTC−8, by default) and are printed
// without a zone.
type Schedule struct {
	Rule   rule.ID     `json:"rule"`   // EXT-11, PAY-02 or PAY-03
	Reason rule.Reason `json:"reason"` // ReasonEAOrder, ReasonCardHold, …

	Agreement Agreement       `json:"agreement"` // the transaction's
	Payment   PaymentMethod   `json:"payment"`   // the transaction's
	Charge    Charge          `json:"charge"`    // the transaction's
	Type      TransactionType `json:"type"`      // the transaction's
	// Date is the transaction date and calendar.YearMonth its calendar month in the
	// policy's zone: month M of the rules.
	Date  time.Time          `json:"date"`
	Month calendar.YearMonth `json:"month"`
	// Collected is the collection instant as given; zero when the usual
	// schedule was assumed.
	Collected time.Time `json:"collected,omitzero"`
	// HoldDays and HoldEnds are the credit card hold (PAY-03): the days
	// held after Microsoft receives the payment and the end of the hold,
	// when the collection instant is known.
	HoldDays calendar.Days `json:"holdDays,omitempty"`
	HoldEnds time.Time     `json:"holdEnds,omitzero"`
	// Invoiced is the invoice date PAY-02's EA rule counted from, given
	// or assumed, and InvoiceDays the days it waited; zero under EXT-11's
	// month table.
	Invoiced    time.Time     `json:"invoiced,omitzero"`
	InvoiceDays calendar.Days `json:"invoiceDays,omitempty"`
	// PayoutMonth is the month of the payout, MonthsAfter months after
	// calendar.YearMonth.
	PayoutMonth calendar.YearMonth `json:"payoutMonth"`
	MonthsAfter calendar.Months    `json:"monthsAfter"`
	// PreparedFrom is the start of the payout month, when the payout is
	// prepared (in its first week); the earning is Processed from then.
	PreparedFrom time.Time `json:"preparedFrom,omitzero"`
	// PayoutDate is the earliest payout date: the payout day (the 15th)
	// of PayoutMonth at midnight in the policy's zone. A paid payout is
	// sent by the end of that day.
	PayoutDate time.Time `json:"payoutDate,omitzero"`
	// Convention names the convention of PayoutDate:
	// "earliest-payout-subject-to-threshold", the earliest payout date, a
	// civil date in the policy's zone, subject to the month's threshold
	// (PAY-04) and recoupment.
	Convention string `json:"convention,omitempty"`
}

const conventionEarliest = "earliest-payout-subject-to-threshold"

// sched is the hot-path form of a Schedule.
type sched struct {
	month, payout calendar.YearMonth
	id            rule.ID
	reason        rule.Reason
	holdEnds      time.Time
	invoiced      time.Time
}

// plan computes when t is paid out. t and p must be valid.
func (p *Policy) plan(t *Transaction) sched {
	loc := p.Zone
	y, mo, _ := t.Date.In(loc).Date()
	s := sched{month: monthOf(y, mo)}
	defer func() {
		// Never before the transaction's own month, whatever the dates
		// given (Validate refuses an invoice before the transaction).
		s.payout = max(s.payout, s.month)
	}()
	if t.Type.Negative() {
		s.payout = s.month + calendar.YearMonth(p.AdjustmentMonths)
		s.id, s.reason = rule.EXT11, ReasonAdjustment
		return s
	}
	card := t.Payment == CreditCard
	switch t.Agreement {
	case EA:
		switch {
		case p.EAInvoiceDays > 0:
			inv := t.Invoiced
			if inv.IsZero() {
				if t.Charge == Usage {
					inv = startOf(s.month+1, loc)
				} else {
					inv = t.Date
				}
			}
			s.invoiced = inv
			iy, im, id := inv.In(loc).Date()
			dy, dm, dd := time.Date(iy, im, id+int(p.EAInvoiceDays), 12, 0, 0, 0, time.UTC).Date()
			s.payout = monthOf(dy, dm)
			if dd > p.PayoutDay {
				s.payout++
			}
			s.id, s.reason = rule.PAY02, ReasonEAInvoice
		case t.Charge == Usage:
			s.payout = s.month + calendar.YearMonth(p.EAUsageMonths)
			s.id, s.reason = rule.EXT11, ReasonEAUsage
		default:
			s.payout = s.month + calendar.YearMonth(p.EAOrderMonths)
			s.id, s.reason = rule.EXT11, ReasonEAOrder
		}
		if card {
			s.payout += calendar.YearMonth(p.CardExtraMonths)
			s.id, s.reason = rule.PAY03, ReasonCardHold
		}
	default: // MCA, CSP
		s.payout = s.month + calendar.YearMonth(p.CollectedMonths)
		switch {
		case card:
			s.payout += calendar.YearMonth(p.CardExtraMonths)
			s.id, s.reason = rule.PAY03, ReasonCardHold
		case t.Collected.IsZero():
			s.id, s.reason = rule.EXT11, ReasonCollectionAssumed
		default:
			s.id, s.reason = rule.EXT11, ReasonCollected
		}
	}
	// A known collection: the payout is no earlier than the month after
	// the payment cleared (collection, plus the hold for a credit card).
	// EA invoices are paid before the customer pays, so only EA card
	// payments wait for their collection.
	if !t.Collected.IsZero() && (card || t.Agreement != EA) {
		cleared := t.Collected.In(loc)
		if card {
			cleared = cleared.AddDate(0, 0, int(p.CardHoldDays))
			s.holdEnds = cleared
		}
		cy, cm, _ := cleared.Date()
		if earliest := monthOf(cy, cm) + 1; earliest > s.payout {
			s.payout = earliest
			s.reason = ReasonCollectedLate
			if !card {
				s.id = rule.EXT11
			}
		}
	}
	return s
}

// Schedule decides when transaction t is paid out at the earliest under p
// (PAY-01…PAY-03, EXT-11), in calendar months of p.Zone, where M is the
// month of t.Date:
//
//   - Enterprise Agreement (PAY-02, the default): on the first payout day
//     on or after the invoice date plus 30 days. Under Policy2023
//     (EXT-11): an order in M+1, usage in M+2, before the customer pays.
//   - MCA and CSP (EXT-11): once Microsoft has collected, in M+3.
//   - Credit card (PAY-03, EXT-11): one month later than by invoice (M+4
//     for MCA and CSP, M+2 or M+3 for EA), for the 30-day hold after
//     Microsoft receives the payment.
//   - Late collection: when t.Collected is known, the payout is no earlier
//     than the month after the payment cleared, that is after collection
//     plus, for a credit card, the 30-day hold. An invoice collected in M+4
//     is paid in M+5, not M+3.
//   - Refunds, reversals and chargebacks are deducted from the payout of
//     the month after their Date (EXT-11).
//
// The payout is never dated before the transaction's own month. Invalid
// input is reported, all problems at once, as [rule.Problems].
func (p Policy) Schedule(t Transaction) (Schedule, error) {
	p = p.resolve()
	if !p.fastValid() {
		err := p.Validate()
		return Schedule{}, err
	}
	if err := t.Validate(); err != nil {
		return Schedule{}, err
	}
	s := p.plan(&t)
	out := Schedule{
		Rule: s.id, Reason: s.reason,
		Agreement: t.Agreement, Payment: t.Payment, Charge: t.Charge, Type: t.Type,
		Date: t.Date, Month: s.month, Collected: t.Collected, HoldEnds: s.holdEnds, Invoiced: s.invoiced,
		PayoutMonth: s.payout, MonthsAfter: calendar.Months(s.payout - s.month),
		PreparedFrom: startOf(s.payout, p.Zone), PayoutDate: dayOf(s.payout, p.PayoutDay, p.Zone),
		Convention: conventionEarliest,
	}
	if t.Payment == CreditCard && !t.Type.Negative() {
		out.HoldDays = p.CardHoldDays
	}
	if !s.invoiced.IsZero() {
		out.InvoiceDays = p.EAInvoiceDays
	}
	return out, nil
}

// StateAt returns the earning's state at instant at (EXT-11), if it is
// paid at the earliest:
// Unprocessed before the payout month, Processed from its start until the
// end of the payout day, Sent after.
func (s Schedule) StateAt(at time.Time) State {
	switch {
	case at.Before(s.PreparedFrom):
		return Unprocessed
	case at.Before(s.PayoutDate.AddDate(0, 0, 1)):
		return Processed
	}
	return Sent
}

var (
	msgSchedEA = rule.Message{
		English: "%s in %s: paid out in %s (M+%d), before the customer pays; sent by %s.",
		Swedish: "%s i %s: betalas ut i %s (M+%d), innan kunden betalar; skickas senast %s."}
	msgSchedEAInvoice = rule.Message{
		English: "%s in %s, invoiced %s: paid in the first payout cycle %d days after the invoice, %s (M+%d); sent by %s.",
		Swedish: "%s i %s, fakturerad %s: betalas i den första utbetalningscykeln %d dagar efter fakturan, %s (M+%d); skickas senast %s."}
	msgSchedCollected = rule.Message{
		English: "%s in %s: eligible once Microsoft has collected (%s); paid out in %s (M+%d), sent by %s.",
		Swedish: "%s i %s: berättigad när Microsoft har drivit in betalningen (%s); betalas ut i %s (M+%d), skickas senast %s."}
	msgSchedAssumed = rule.Message{
		English: "%s in %s: eligible once Microsoft has collected; on the usual schedule it is paid out in %s (M+%d), sent by %s.",
		Swedish: "%s i %s: berättigad när Microsoft har drivit in betalningen; enligt det vanliga schemat betalas den ut i %s (M+%d), skickas senast %s."}
	msgSchedCard = rule.Message{
		English: "%s in %s, paid by credit card: held %d days after Microsoft receives the payment, so paid out one month later, in %s (M+%d); sent by %s.",
		Swedish: "%s i %s, betald med kreditkort: hålls kvar %d dagar efter att Microsoft tagit emot betalningen och betalas därför ut en månad senare, i %s (M+%d); skickas senast %s."}
	msgSchedLate = rule.Message{
		English: "%s in %s: Microsoft collected late (%s); the payout is no earlier than the month after the payment cleared (%s), so %s (M+%d); sent by %s.",
		Swedish: "%s i %s: Microsoft drev in betalningen sent (%s); utbetalningen sker tidigast månaden efter att betalningen klarerats (%s), alltså %s (M+%d); skickas senast %s."}
	msgSchedAdjust = rule.Message{
		English: "%s in %s: deducted from the next payout, %s; sent by %s.",
		Swedish: "%s i %s: dras av från nästa utbetalning, %s; skickas senast %s."}
)

// what names the transaction for an explanation: "MCA order",
// "MCA-beställning", "Refund", "Återbetalning".
func (s Schedule) what(lang rule.Language) string {
	if s.Type.Negative() {
		return capital(pick(lang, typeWords[s.Type]))
	}
	if s.Type == 0 && s.Agreement == 0 {
		return pick(lang, [2]string{"A transaction", "En transaktion"})
	}
	if !chargeNames.Valid(s.Charge) || !agreementNames.Valid(s.Agreement) {
		return s.Agreement.String() + " " + s.Charge.String()
	}
	a := strings.ToUpper(s.Agreement.String())
	if lang == rule.Swedish {
		return a + "-" + kindWords[s.Charge][1]
	}
	return a + " " + kindWords[s.Charge][0]
}

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// Explain renders the decision in lang, citing its rule.
func (s Schedule) Explain(lang rule.Language) string {
	w, m, pm, after, by := s.what(lang), s.Month.String(), s.PayoutMonth.String(), s.MonthsAfter, dayZone(s.PayoutDate)
	var out string
	switch s.Reason {
	case ReasonEAOrder, ReasonEAUsage:
		out = msgSchedEA.Render(lang, w, m, pm, int(after), by)
	case ReasonEAInvoice:
		out = msgSchedEAInvoice.Render(lang, w, m, day(s.Invoiced), int(s.InvoiceDays), pm, int(after), by)
	case ReasonCollected:
		out = msgSchedCollected.Render(lang, w, m, day(s.Collected), pm, int(after), by)
	case ReasonCollectionAssumed:
		out = msgSchedAssumed.Render(lang, w, m, pm, int(after), by)
	case ReasonCardHold:
		out = msgSchedCard.Render(lang, w, m, int(s.HoldDays), pm, int(after), by)
	case ReasonCollectedLate:
		cleared := s.Collected
		if !s.HoldEnds.IsZero() {
			cleared = s.HoldEnds
		}
		out = msgSchedLate.Render(lang, w, m, day(s.Collected), day(cleared), pm, int(after), by)
	default:
		out = msgSchedAdjust.Render(lang, w, m, pm, by)
	}
	return withRule(out, s.Rule)
}

// String is Explain in English.
func (s Schedule) String() string { return s.Explain(rule.English) }

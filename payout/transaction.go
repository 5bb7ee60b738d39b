package payout

import (
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// Transaction is one earnings line: a charge Microsoft billed for the
// publisher (a sale) or a correction of one (a refund, reversal or
// chargeback), in the customer's currency. It is the one input of the
// store service fee (Policy.Fee), the payout schedule (Policy.Schedule),
// statements (Ledger, Policy.BuildStatement) and earnings reconciliation
// (Policy.Reconcile). A fee needs only Gross (and Infrastructure, Pricing,
// Qualified) and Collected or Date; a schedule and a ledger need Date,
// Agreement, Payment, Charge and Type as well.
type Transaction struct {
	// ID identifies the line for the host, such as an order or
	// transaction ID; optional, at most 100 bytes of printable UTF-8. A
	// ledger refuses an ID it has seen before (ErrDuplicate).
	ID string `json:"id,omitempty"`
	// Date is the transaction date: when the order was placed or the
	// usage occurred (for usage, any instant of its month), or when the
	// refund, reversal or chargeback was recorded.
	Date time.Time `json:"date"`
	// Agreement, Payment and Charge decide the payout month (EXT-11,
	// PAY-02, PAY-03).
	Agreement Agreement     `json:"agreement"` // EA, MCA or CSP
	Payment   PaymentMethod `json:"payment"`   // invoice or credit card
	Charge    Charge        `json:"charge"`    // order or usage
	// Type is purchase (Sale), refund, reversal or chargeback, as
	// Partner Center's transactionType column. The zero Type is read as
	// Sale by Policy.Fee and refused by schedules and ledgers.
	Type TransactionType `json:"type"`
	// Pricing says how the offer is sold; the zero value is Transact.
	// BYOL, zero-price and list-only offers carry no fee and must have a
	// zero Gross.
	Pricing Pricing `json:"pricing,omitzero"`
	// Gross is the software license fee billed, after any private-offer
	// discount, absolute price, CSP margin or multiparty partner price
	// (the fee and the payout are computed on the price the customer
	// actually pays, EXT-10), in one of the 17 marketplace currencies
	// (PRC-08): zero or positive for a sale, zero or negative for the
	// other types. A 0 USD plan's line has a zero Gross and carries no
	// fee (PAY-06).
	Gross currency.Money `json:"gross"`
	// Infrastructure is the Azure infrastructure billed with the license
	// (a VM's compute): Microsoft keeps all of it, and it carries no
	// store service fee. Optional; in Gross's currency.
	Infrastructure currency.Money `json:"infrastructure,omitzero"`
	// Qualified says the offer qualifies for a reduced store service fee
	// where the fee schedule has one (EXT-10).
	Qualified bool `json:"qualified,omitempty"`
	// Collected is when Microsoft collected the customer's payment;
	// optional. For MCA and CSP sales it decides when the earning is
	// eligible (a late collection delays the payout) and starts the
	// credit card hold; when it is zero, the usual schedule is assumed.
	// For a refund, reversal or chargeback it is when the charge being
	// corrected was collected, so that the fee returned is the one
	// charged. It chooses the fee era; when it is zero, Date does.
	Collected time.Time `json:"collected,omitzero"`
	// Invoiced is the invoice date, used by the Enterprise Agreement rule
	// of PAY-02 (Policy.EAInvoiceDays); optional, never before Date: when
	// it is zero, an order is taken as invoiced on its Date and usage on
	// the first day of the following month (billed in arrears, PRC-07).
	Invoiced time.Time `json:"invoiced,omitzero"`
}

// maxIDLen bounds a transaction ID, in bytes.
const maxIDLen = 100

// minYear and maxYear bound the instants of a transaction, so that every
// payout month a policy can compute is a valid calendar.YearMonth.
const (
	minYear = 2
	maxYear = 9000
)

var (
	msgTxID        = rule.Message{English: "the ID %q is longer than 100 bytes, not UTF-8, or has control characters", Swedish: "ID:t %q är längre än 100 byte, inte UTF-8 eller har styrtecken"}
	msgTxDate      = rule.Message{English: "the transaction date is missing", Swedish: "transaktionsdatumet saknas"}
	msgTxYear      = rule.Message{English: "%s is outside the years 2…9000", Swedish: "%s ligger utanför åren 2…9000"}
	msgTxAgreement = rule.Message{English: "unknown customer agreement %s (want ea, mca or csp)", Swedish: "okänt kundavtal %s (ska vara ea, mca eller csp)"}
	msgTxPayment   = rule.Message{English: "unknown payment method %s (want invoice or credit-card)", Swedish: "okänt betalningssätt %s (ska vara invoice eller credit-card)"}
	msgTxKind      = rule.Message{English: "unknown charge %s (want order or usage)", Swedish: "okänd debitering %s (ska vara order eller usage)"}
	msgTxPricing   = rule.Message{English: "unknown pricing %s (want transact, byol, zero-price or list-only)", Swedish: "okänd prissättning %s (ska vara transact, byol, zero-price eller list-only)"}
	msgTxInfra     = rule.Message{English: "the license %s and the infrastructure %s are in different currencies", Swedish: "licensen %s och infrastrukturen %s är i olika valutor"}
	msgTxLicense   = rule.Message{English: "a %s offer has no license fee billed by Microsoft, but gross is %s", Swedish: "ett %s-erbjudande har ingen licensavgift som Microsoft fakturerar, men bruttobeloppet är %s"}
	msgTxInvoiced  = rule.Message{English: "invoiced %s, before the transaction date %s", Swedish: "fakturerad %s, före transaktionsdatumet %s"}
	msgTxDup       = rule.Message{English: "the ID %q was seen before", Swedish: "ID:t %q har redan förekommit"}
	msgTxType      = rule.Message{English: "unknown transaction type %s (want purchase, refund, reversal or chargeback)", Swedish: "okänd transaktionstyp %s (ska vara purchase, refund, reversal eller chargeback)"}
	msgTxCurrency  = rule.Message{English: "the amount %s has no known currency", Swedish: "beloppet %s har ingen känd valuta"}
	msgTxPurchase  = rule.Message{English: "a purchase of %s is negative: refunds, reversals and chargebacks are the negative lines", Swedish: "ett köp på %s är negativt: återbetalningar, återföringar och återkrav är de negativa raderna"}
	msgTxNegative  = rule.Message{English: "a %s of %s is positive: refunds, reversals and chargebacks are zero or negative", Swedish: "en rad av typen %s på %s är positiv: återbetalningar, återföringar och återkrav är noll eller negativa"}
	msgTxCollected = rule.Message{English: "collected %s, before the transaction date %s", Swedish: "indrivet %s, före transaktionsdatumet %s"}
)

// where names the place of a transaction in its input, for problem paths:
// "transaction.gross", "transactions[12].gross" or
// "sales.csv line 14, column gross".
type where struct {
	name  string
	index int // ≥ 0 for a sequence
	line  int // > 0 for a CSV line
}

func (w where) path(field string) string {
	switch {
	case w.line > 0:
		return w.name + " line " + strconv.Itoa(w.line) + ", column " + field
	case w.index >= 0:
		return w.name + "[" + strconv.Itoa(w.index) + "]." + field
	}
	return w.name + "." + field
}

// Validate reports every problem of t, as a schedule or a ledger needs it,
// at once as [rule.Problems], with paths such as "transaction.gross"; each
// problem wraps one of the sentinel errors (ErrDate, ErrUnknown,
// ErrCurrency, ErrAmount…).
func (t Transaction) Validate() error {
	var ps rule.Problems
	t.check(where{name: "transaction", index: -1}, &ps)
	return ps.Err()
}

// check appends t's problems to ps and reports whether t is valid. It does
// not allocate for a valid transaction.
func (t *Transaction) check(w where, ps *rule.Problems) bool {
	return t.ready(false) || t.checkSkip(w, ps, 0)
}

// checkSkip is check without the checks of the fields in skip (a set of
// f… bits), which have already been reported as malformed. With fFee in
// skip it checks only what a fee needs.
func (t *Transaction) checkSkip(w where, ps *rule.Problems, skip uint16) bool {
	n := len(*ps)
	add := func(id rule.ID, field string, err error, msg rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: id, Path: w.path(field), Message: msg, Args: args, Err: err})
	}
	fee := skip&fFee != 0
	if t.ID != "" && !validID(t.ID) {
		add("", "id", ErrField, msgTxID, truncate(t.ID, 40))
	}
	switch {
	case skip&fDate != 0:
	case t.Date.IsZero():
		if !fee || t.Collected.IsZero() {
			add(rule.EXT11, "date", ErrDate, msgTxDate)
		}
	case !inYears(t.Date):
		add(rule.EXT11, "date", ErrDate, msgTxYear, t.Date.Format(time.RFC3339))
	}
	if !t.Collected.IsZero() && !inYears(t.Collected) {
		add(rule.EXT11, "collected", ErrDate, msgTxYear, t.Collected.Format(time.RFC3339))
	}
	if !t.Invoiced.IsZero() && !inYears(t.Invoiced) {
		add(rule.PAY02, "invoiced", ErrDate, msgTxYear, t.Invoiced.Format(time.RFC3339))
	} else if !t.Invoiced.IsZero() && !t.Date.IsZero() && t.Invoiced.Before(t.Date) {
		add(rule.PAY02, "invoiced", ErrDate, msgTxInvoiced, t.Invoiced.Format(time.RFC3339), t.Date.Format(time.RFC3339))
	}
	if !agreementNames.Valid(t.Agreement) && skip&fAgreement == 0 && !(fee && t.Agreement == 0) {
		add(rule.EXT11, "agreement", ErrUnknown, msgTxAgreement, t.Agreement.String())
	}
	if !paymentNames.Valid(t.Payment) && skip&fPayment == 0 && !(fee && t.Payment == 0) {
		add(rule.PAY03, "payment", ErrUnknown, msgTxPayment, t.Payment.String())
	}
	if !chargeNames.Valid(t.Charge) && skip&fKind == 0 && !(fee && t.Charge == 0) {
		add(rule.EXT11, "charge", ErrUnknown, msgTxKind, t.Charge.String())
	}
	typ := t.Type
	if !typeNames.Valid(typ) && skip&fType == 0 && !(fee && typ == 0) {
		add(rule.EXT11, "type", ErrUnknown, msgTxType, t.Type.String())
	}
	if !pricingNames.Valid(t.Pricing) && skip&fPricing == 0 {
		add(rule.EXT10, "pricing", ErrUnknown, msgTxPricing, t.Pricing.String())
	} else if t.Pricing != Transact && t.Gross.Sign() != 0 {
		add(rule.EXT10, "gross", ErrAmount, msgTxLicense, t.Pricing.String(), t.Gross.String())
	}
	c := t.Gross.Code()
	if c == 0 && t.Gross.Sign() == 0 {
		c = t.Infrastructure.Code()
	}
	cur := "gross" // in JSON the currency is part of the amount
	if w.line > 0 {
		cur = "currency"
	}
	switch {
	case skip&(fCurrency|fGross) != 0:
	case !c.Valid():
		add(rule.PRC08, cur, ErrCurrency, msgTxCurrency, t.Gross.String())
	case !c.IsMarketplace():
		add(rule.PRC08, cur, ErrCurrency, msgNotMarketplace, c.String())
	case t.Infrastructure != (currency.Money{}) && t.Infrastructure.Code() != c:
		add(rule.PRC08, "infrastructure", ErrCurrency, msgTxInfra, t.Gross.String(), t.Infrastructure.String())
	}
	switch {
	case typ == Sale && (t.Gross.IsNegative() || t.Infrastructure.IsNegative()):
		add(rule.EXT11, "gross", ErrAmount, msgTxPurchase, t.Gross.String())
	case typ.Negative() && (t.Gross.IsPositive() || t.Infrastructure.IsPositive()):
		add(rule.EXT11, "gross", ErrAmount, msgTxNegative, t.Type.String(), t.Gross.String())
	}
	if typ == Sale && !t.Collected.IsZero() && !t.Date.IsZero() && t.Collected.Before(t.Date) {
		add(rule.EXT11, "collected", ErrDate, msgTxCollected, t.Collected.Format(time.RFC3339), t.Date.Format(time.RFC3339))
	}
	return len(*ps) == n
}

// ready reports whether t passes every check, as checkSkip(w, ps, 0)
// would, or with fee every check Policy.Fee makes, as checkSkip(w, ps,
// fFee) would, without building problems: the fast path of a valid
// transaction. When it is false, checkSkip names the problems.
func (t *Transaction) ready(fee bool) bool {
	if t.ID != "" && !validID(t.ID) {
		return false
	}
	dateZero, collectedZero := t.Date.IsZero(), t.Collected.IsZero()
	switch {
	case dateZero && (!fee || collectedZero), !dateZero && !inYears(t.Date), !collectedZero && !inYears(t.Collected):
		return false
	}
	if !t.Invoiced.IsZero() && (!inYears(t.Invoiced) || (!dateZero && t.Invoiced.Before(t.Date))) {
		return false
	}
	typ := t.Type
	// Only a fee may leave the agreement, payment, charge and type unset.
	if (!(fee && t.Agreement == 0) && !agreementNames.Valid(t.Agreement)) ||
		(!(fee && t.Payment == 0) && !paymentNames.Valid(t.Payment)) ||
		(!(fee && t.Charge == 0) && !chargeNames.Valid(t.Charge)) || (!(fee && typ == 0) && !typeNames.Valid(typ)) ||
		!pricingNames.Valid(t.Pricing) || (t.Pricing != Transact && t.Gross.Sign() != 0) {
		return false
	}
	c := t.Gross.Code()
	if c == 0 && t.Gross.Sign() == 0 {
		c = t.Infrastructure.Code()
	}
	if !c.Valid() || !c.IsMarketplace() || (t.Infrastructure != (currency.Money{}) && t.Infrastructure.Code() != c) {
		return false
	}
	switch {
	case typ == Sale && (t.Gross.IsNegative() || t.Infrastructure.IsNegative()),
		typ.Negative() && (t.Gross.IsPositive() || t.Infrastructure.IsPositive()),
		typ == Sale && !collectedZero && !dateZero && t.Collected.Before(t.Date):
		return false
	}
	return true
}

// The first and the end instant of the years minYear…maxYear in UTC.
var (
	firstInstant = time.Date(minYear, time.January, 1, 0, 0, 0, 0, time.UTC)
	endInstant   = time.Date(maxYear+1, time.January, 1, 0, 0, 0, 0, time.UTC)
)

// The same bounds in Unix seconds: an instant is in the years when its
// second is, as both bounds fall on a whole second.
var (
	firstUnix = firstInstant.Unix()
	endUnix   = endInstant.Unix()
)

func inYears(t time.Time) bool {
	s := t.Unix()
	return s >= firstUnix && s < endUnix
}

// printableASCII reports whether every byte of s is in ' '…'~', eight at
// a time.
func printableASCII(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; len(s) >= 8; s = s[8:] {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		del := w ^ 0x7f*ones // a zero byte where w has 0x7f
		// A byte ≥ 0x80, a byte < 0x20 or a byte 0x7f.
		if w&highs != 0 || (w-0x20*ones)&^w&highs != 0 || (del-ones)&^del&highs != 0 {
			return false
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// validID reports whether s is at most maxIDLen bytes of UTF-8 without
// control characters, so that it survives CSV and JSON unchanged.
func validID(s string) bool {
	if len(s) > maxIDLen {
		return false
	}
	if printableASCII(s) { // the common case
		return true
	}
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

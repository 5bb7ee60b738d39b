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
// publisher (a purchase) or a correction of one (a refund, reversal or
// chargeback), in the customer's currency. It is the input of the payout
// schedule (Policy.Schedule) and of statements (Ledger).
type Transaction struct {
	// ID identifies the line for the host, such as an order or
	// transaction ID; optional, at most 100 bytes of printable UTF-8. It
	// is used in error messages, never kept by a ledger.
	ID string `json:"id,omitempty"`
	// Date is the transaction date: when the order was placed or the
	// usage occurred (for usage, any instant of its month), or when the
	// refund, reversal or chargeback was recorded. Required.
	Date time.Time `json:"date"`
	// Agreement, Payment and Kind decide the payout month (EXT-11,
	// PAY-02, PAY-03).
	Agreement Agreement `json:"agreement"` // EA, MCA or CSP
	Payment   Payment   `json:"payment"`   // invoice or credit card
	Kind      Kind      `json:"kind"`      // order or usage
	// Type is purchase, refund, reversal or chargeback (reference fact
	// 41).
	Type Type `json:"type"`
	// Gross is the software license fee billed, after any private-offer
	// discount (reference fact 27), in one of the 17 marketplace
	// currencies (PRC-08): zero or positive for a purchase, zero or
	// negative for the other types. Azure infrastructure is not part of
	// it. A 0 USD plan's line has a zero Gross and carries no fee (PAY-06).
	Gross currency.Money `json:"gross"`
	// Qualified says the offer qualifies for a reduced store service fee
	// where the fee schedule has one (EXT-10).
	Qualified bool `json:"qualified,omitempty"`
	// Collected is when Microsoft collected the customer's payment;
	// optional. For MCA and CSP purchases it decides when the earning is
	// eligible (a late collection delays the payout) and starts the
	// credit card hold; when it is zero, the usual schedule is assumed.
	// For a refund, reversal or chargeback it is when the charge being
	// corrected was collected, so that the fee returned is the one
	// charged. It chooses the fee era; when it is zero, Date does.
	Collected time.Time `json:"collected,omitzero"`
	// Invoiced is the invoice date, used only by the seed's Enterprise
	// Agreement rule (PAY-02, Policy.EATiming EAInvoiceDays); optional:
	// when it is zero, an order is taken as invoiced on its Date and usage
	// on the first day of the following month (billed in arrears,
	// PRC-07).
	Invoiced time.Time `json:"invoiced,omitzero"`
}

// maxIDLen bounds a transaction ID, in bytes.
const maxIDLen = 100

// minYear and maxYear bound the instants of a transaction, so that every
// payout month a policy can compute is a valid Month.
const (
	minYear = 1
	maxYear = 9000
)

var (
	msgTxID         = rule.Message{English: "the ID %q is longer than 100 bytes, not UTF-8, or has control characters", Swedish: "ID:t %q är längre än 100 byte, inte UTF-8 eller har styrtecken"}
	msgTxDate       = rule.Message{English: "the transaction date is missing", Swedish: "transaktionsdatumet saknas"}
	msgTxYear       = rule.Message{English: "%s is outside the years 1…9000", Swedish: "%s ligger utanför åren 1…9000"}
	msgTxAgreement  = rule.Message{English: "unknown customer agreement %s (want ea, mca or csp)", Swedish: "okänt kundavtal %s (ska vara ea, mca eller csp)"}
	msgTxPayment    = rule.Message{English: "unknown payment method %s (want invoice or credit-card)", Swedish: "okänt betalningssätt %s (ska vara invoice eller credit-card)"}
	msgTxKind       = rule.Message{English: "unknown charge kind %s (want order or usage)", Swedish: "okänd debiteringstyp %s (ska vara order eller usage)"}
	msgTxType       = rule.Message{English: "unknown transaction type %s (want purchase, refund, reversal or chargeback)", Swedish: "okänd transaktionstyp %s (ska vara purchase, refund, reversal eller chargeback)"}
	msgTxCurrency   = rule.Message{English: "the amount %s has no known currency", Swedish: "beloppet %s har ingen känd valuta"}
	msgTxPurchase   = rule.Message{English: "a purchase of %s is negative: refunds, reversals and chargebacks are the negative lines", Swedish: "ett köp på %s är negativt: återbetalningar, återföringar och återkrav är de negativa raderna"}
	msgTxNegative   = rule.Message{English: "a %s of %s is positive: refunds, reversals and chargebacks are zero or negative", Swedish: "en rad av typen %s på %s är positiv: återbetalningar, återföringar och återkrav är noll eller negativa"}
	msgTxCollected  = rule.Message{English: "collected %s, before the transaction date %s", Swedish: "indrivet %s, före transaktionsdatumet %s"}
	msgMoreProblems = rule.Message{English: "%d more problems not listed", Swedish: "%d problem till visas inte"}
)

// where names the place of a transaction in its input, for problem paths:
// "transaction.gross", "transactions[12].gross" or
// "sales.csv line 14, gross".
type where struct {
	name  string
	index int // ≥ 0 for a sequence
	line  int // > 0 for a CSV line
}

func (w where) path(field string) string {
	switch {
	case w.line > 0:
		return w.name + " line " + strconv.Itoa(w.line) + ", " + field
	case w.index >= 0:
		return w.name + "[" + strconv.Itoa(w.index) + "]." + field
	}
	return w.name + "." + field
}

// Validate reports every problem of t at once as [rule.Problems], with
// paths such as "transaction.gross"; each problem wraps one of the
// sentinel errors (ErrDate, ErrAgreement, ErrCurrency, ErrAmount…).
func (t Transaction) Validate() error {
	var ps rule.Problems
	t.check(where{name: "transaction", index: -1}, &ps)
	return ps.Err()
}

// check appends t's problems to ps and reports whether t is valid. It does
// not allocate for a valid transaction.
func (t *Transaction) check(w where, ps *rule.Problems) bool {
	return t.checkSkip(w, ps, 0)
}

// checkSkip is check without the checks of the fields in skip (a set of
// f… bits), which have already been reported as malformed.
func (t *Transaction) checkSkip(w where, ps *rule.Problems, skip uint16) bool {
	n := len(*ps)
	add := func(id rule.ID, field string, err error, msg rule.Message, args ...any) {
		*ps = append(*ps, rule.Problem{Rule: id, Path: w.path(field), Message: msg, Args: args, Err: err})
	}
	if t.ID != "" && !validID(t.ID) {
		add("", "id", ErrField, msgTxID, truncate(t.ID, 40))
	}
	if skip&fDate != 0 {
		// reported
	} else if t.Date.IsZero() {
		add(rule.EXT11, "date", ErrDate, msgTxDate)
	} else if !inYears(t.Date) {
		add(rule.EXT11, "date", ErrDate, msgTxYear, t.Date.Format(time.RFC3339))
	}
	if !t.Collected.IsZero() && !inYears(t.Collected) {
		add(rule.EXT11, "collected", ErrDate, msgTxYear, t.Collected.Format(time.RFC3339))
	}
	if !t.Invoiced.IsZero() && !inYears(t.Invoiced) {
		add(rule.PAY02, "invoiced", ErrDate, msgTxYear, t.Invoiced.Format(time.RFC3339))
	}
	if !t.Agreement.Valid() && skip&fAgreement == 0 {
		add(rule.EXT11, "agreement", ErrAgreement, msgTxAgreement, t.Agreement.String())
	}
	if !t.Payment.Valid() && skip&fPayment == 0 {
		add(rule.PAY03, "payment", ErrPayment, msgTxPayment, t.Payment.String())
	}
	if !t.Kind.Valid() && skip&fKind == 0 {
		add(rule.EXT11, "kind", ErrKind, msgTxKind, t.Kind.String())
	}
	if !t.Type.Valid() && skip&fType == 0 {
		add(rule.EXT11, "type", ErrType, msgTxType, t.Type.String())
	}
	c := t.Gross.Code()
	switch {
	case skip&(fCurrency|fGross) != 0:
	case !c.Valid():
		add(rule.PRC08, "currency", ErrCurrency, msgTxCurrency, t.Gross.String())
	case !c.IsMarketplace():
		add(rule.PRC08, "currency", ErrCurrency, msgNotMarketplace, c.String())
	}
	switch {
	case t.Type == Purchase && t.Gross.IsNegative():
		add(rule.EXT11, "gross", ErrAmount, msgTxPurchase, t.Gross.String())
	case t.Type.Negative() && t.Gross.IsPositive():
		add(rule.EXT11, "gross", ErrAmount, msgTxNegative, t.Type.String(), t.Gross.String())
	}
	if t.Type == Purchase && !t.Collected.IsZero() && !t.Date.IsZero() && t.Collected.Before(t.Date) {
		add(rule.EXT11, "collected", ErrDate, msgTxCollected, t.Collected.Format(time.RFC3339), t.Date.Format(time.RFC3339))
	}
	return len(*ps) == n
}

func inYears(t time.Time) bool {
	y := t.UTC().Year()
	return y >= minYear && y <= maxYear
}

// validID reports whether s is at most maxIDLen bytes of UTF-8 without
// control characters, so that it survives CSV and JSON unchanged.
func validID(s string) bool {
	if len(s) > maxIDLen || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

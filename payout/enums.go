package payout

import (
	"github.com/marketrules/marketrules/offer"
	"strings"

	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/rule"
)

// Every enum of this package is a uint8 with stable text names: the
// numeric values never change and new values are only appended, but hosts
// should store the text form (MarshalText), which is what JSON and CSV use.
// Text is read ignoring case and the separators '-', '_' and ' '; an
// unknown name is an error wrapping [ErrUnknown]. A zero value documented
// as unset marshals to "" and "" reads back as it.

// Agreement is the customer's agreement with Microsoft, which decides when
// a sale is paid out (EXT-11). The zero Agreement is unset: a transaction
// needs one for its schedule, not for its fee.
type Agreement uint8

// The customer agreements.
const (
	// EA is an Enterprise Agreement: paid out before the customer pays.
	EA Agreement = iota + 1
	// MCA is the Microsoft Customer Agreement: paid out once Microsoft has
	// collected, in M+3 (M+4 by credit card).
	MCA
	// CSP is the Cloud Solution Provider channel: paid out as MCA.
	CSP
)

// Charge is what was charged: an order (a purchase or a subscription,
// billed at the start of its period) or usage (billed monthly in arrears,
// PRC-07). The zero Charge is unset: a transaction needs one for its
// schedule, not for its fee.
type Charge uint8

// The charges.
const (
	Order Charge = iota + 1 // a purchase or subscription
	Usage                   // metered or hourly usage
)

// TransactionType is the transaction type of an earnings line, as
// Partner Center's transactionType column names it: sales are positive;
// refunds, reversals and chargebacks are negative lines that reduce later
// payouts. A write-off of a customer's non-payment (EXT-11) is a Reversal.
// The zero TransactionType is unset; a transaction needs one.
type TransactionType uint8

// The transaction types.
const (
	Sale       TransactionType = iota + 1 // a purchase ("purchase"): zero or positive
	Refund                                // money returned to the customer: zero or negative
	Reversal                              // an earlier earning reversed, such as a write-off: zero or negative
	Chargeback                            // a card payment disputed and returned: zero or negative
)

// Pricing is how an offer's license is sold, which decides whether
// Microsoft charges a store service fee. The zero Pricing is Transact, the
// common case.
type Pricing uint8

// The pricings.
const (
	// Transact: Microsoft bills the license fee as agent and keeps the
	// store service fee (PAY-05, EXT-10).
	Transact Pricing = iota
	// BYOL: bring your own license; Microsoft bills only Azure
	// infrastructure and keeps 0% of the license (EXT-10).
	BYOL
	// ZeroPrice: a plan priced at 0 USD, such as the private plan for the
	// publisher's own employees; no fee (PAY-06, PLN-12).
	ZeroPrice
	// ListOnly: a listing not sold through Microsoft (Contact me, free
	// listing); the publisher keeps 100% of the license.
	ListOnly
)

// PaymentMethod is how the customer pays Microsoft (PAY-03): it is
// [offer.PaymentMethod], the module's one name for the concept. Payouts
// know two of its values, Invoice and CreditCard; the zero value is unset
// (a transaction needs one for its schedule, not for its fee).
type PaymentMethod = offer.PaymentMethod

// The payment methods of payouts.
const (
	// Invoice: the customer pays an invoice.
	Invoice = offer.Invoice
	// CreditCard: the customer pays by credit card; earnings wait an
	// extra 30 days after Microsoft receives the money (PAY-03).
	CreditCard = offer.CreditCard
)

// State is the state of an earning at an instant (EXT-11). The zero State
// is unset.
type State uint8

// The earning states, in the order an earning goes through them.
const (
	// Unprocessed earnings are in escrow until their maturity date.
	Unprocessed State = iota + 1
	// Processed earnings have matured and are prepared in a monthly
	// payment.
	Processed
	// Sent payments have been released.
	Sent
)

var (
	agreementNames = enum.Names[Agreement]{Type: "customer agreement", Names: []string{"", "ea", "mca", "csp"}}
	chargeNames    = enum.Names[Charge]{Type: "charge", Names: []string{"", "order", "usage"}}
	typeNames      = enum.Names[TransactionType]{Type: "transaction type", Names: []string{"", "purchase", "refund", "reversal", "chargeback"}}
	pricingNames   = enum.Names[Pricing]{Type: "pricing", Names: []string{"transact", "byol", "zero-price", "list-only"}}
	stateNames     = enum.Names[State]{Type: "earning state", Names: []string{"", "unprocessed", "processed", "sent"}}
	// paymentNames are the payment methods a payout knows, by value of
	// offer.PaymentMethod; azure-credits pays for no partner solution.
	paymentNames = enum.Names[PaymentMethod]{Type: "payment method", Names: []string{
		offer.CreditCard: "credit-card", offer.Invoice: "invoice", offer.AzureCredits: ""}}
)

// parseEnum finds s among n's names, ignoring case and treating '-', '_'
// and ' ' alike (and optional), after trimming spaces.
func parseEnum[T ~uint8](n enum.Names[T], s string) (T, error) {
	for i, name := range n.Names { // the common case: the name as written
		if name != "" && name == s {
			return T(i), nil
		}
	}
	t := strings.TrimSpace(s)
	for i, name := range n.Names {
		if name != "" && sameName(t, name) {
			return T(i), nil
		}
	}
	_, err := n.Parse("\x00" + s) // the enum's own error, naming the valid values
	if e, ok := err.(*enum.Error); ok {
		e.Input = s
	}
	return 0, err
}

// sameName compares s with a lowercase name, ignoring ASCII case and the
// separators '-', '_' and ' '.
func sameName(s, name string) bool {
	i, j := 0, 0
	for {
		for i < len(s) && (s[i] == '-' || s[i] == '_' || s[i] == ' ') {
			i++
		}
		for j < len(name) && name[j] == '-' {
			j++
		}
		if i == len(s) || j == len(name) {
			return i == len(s) && j == len(name)
		}
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[j] {
			return false
		}
		i++
		j++
	}
}

// marshalEnum marshals v, the unset zero value as "".
func marshalEnum[T ~uint8](n enum.Names[T], v T) ([]byte, error) {
	if v == 0 && !n.Valid(0) {
		return []byte{}, nil
	}
	return n.Marshal(v)
}

// unmarshalEnum reads text into *v; "" is the unset zero value.
func unmarshalEnum[T ~uint8](n enum.Names[T], b []byte, v *T) error {
	if len(b) == 0 && !n.Valid(0) {
		*v = 0
		return nil
	}
	p, err := parseEnum(n, string(b))
	if err != nil {
		return err
	}
	*v = p
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// String returns "ea", "mca" or "csp".
func (a Agreement) String() string { return agreementNames.String(a) }

// MarshalText implements [encoding.TextMarshaler].
func (a Agreement) MarshalText() ([]byte, error) { return marshalEnum(agreementNames, a) }

// UnmarshalText implements [encoding.TextUnmarshaler]: "ea", "MCA", "csp".
func (a *Agreement) UnmarshalText(b []byte) error { return unmarshalEnum(agreementNames, b, a) }

// String returns "order" or "usage".
func (k Charge) String() string { return chargeNames.String(k) }

// MarshalText implements [encoding.TextMarshaler].
func (k Charge) MarshalText() ([]byte, error) { return marshalEnum(chargeNames, k) }

// UnmarshalText implements [encoding.TextUnmarshaler]: "order", "usage".
func (k *Charge) UnmarshalText(b []byte) error { return unmarshalEnum(chargeNames, b, k) }

// Negative reports whether lines of type t are zero or negative: refunds,
// reversals and chargebacks.
func (t TransactionType) Negative() bool { return t == Refund || t == Reversal || t == Chargeback }

// String returns "purchase", "refund", "reversal" or "chargeback".
func (t TransactionType) String() string { return typeNames.String(t) }

// MarshalText implements [encoding.TextMarshaler].
func (t TransactionType) MarshalText() ([]byte, error) { return marshalEnum(typeNames, t) }

// UnmarshalText implements [encoding.TextUnmarshaler]: "purchase",
// "Refund", "reversal", "chargeback".
func (t *TransactionType) UnmarshalText(b []byte) error { return unmarshalEnum(typeNames, b, t) }

// String returns "transact", "byol", "zero-price" or "list-only".
func (p Pricing) String() string { return pricingNames.String(p) }

// MarshalText implements [encoding.TextMarshaler].
func (p Pricing) MarshalText() ([]byte, error) { return marshalEnum(pricingNames, p) }

// UnmarshalText implements [encoding.TextUnmarshaler]: "transact",
// "BYOL", "zero price", "list-only".
func (p *Pricing) UnmarshalText(b []byte) error { return unmarshalEnum(pricingNames, b, p) }

// String returns "unprocessed", "processed" or "sent".
func (s State) String() string { return stateNames.String(s) }

// Text returns the state's name in lang: "processed", "bearbetad".
func (s State) Text(lang rule.Language) string {
	if !stateNames.Valid(s) {
		return s.String()
	}
	return pick(lang, stateWords[s])
}

// MarshalText implements [encoding.TextMarshaler].
func (s State) MarshalText() ([]byte, error) { return marshalEnum(stateNames, s) }

// UnmarshalText implements [encoding.TextUnmarshaler]: "unprocessed",
// "processed", "sent".
func (s *State) UnmarshalText(b []byte) error { return unmarshalEnum(stateNames, b, s) }

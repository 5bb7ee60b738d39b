package payout

import (
	"fmt"
	"strings"

	"github.com/marketrules/marketrules/rule"
)

// Every enum of this package is a uint8 with stable text names: the
// numeric values never change and new values are only appended, but hosts
// should store the text form (MarshalText), which is what JSON and CSV use.

// Agreement is the customer's agreement with Microsoft, which decides when
// a sale is paid out (EXT-11). The zero Agreement is invalid.
type Agreement uint8

// The customer agreements.
const (
	// EA is an Enterprise Agreement: paid out before the customer pays
	// (an order in month M in M+1, usage in M+2).
	EA Agreement = iota + 1
	// MCA is the Microsoft Customer Agreement: paid out once Microsoft has
	// collected, in M+3 (M+4 by credit card).
	MCA
	// CSP is the Cloud Solution Provider channel: paid out as MCA.
	CSP
)

// Payment is how the customer pays Microsoft (PAY-03). The zero Payment is
// invalid.
type Payment uint8

// The payment methods.
const (
	// Invoice: the customer pays an invoice.
	Invoice Payment = iota + 1
	// CreditCard: the customer pays by credit card; earnings wait an
	// extra 30 days after Microsoft receives the money (PAY-03).
	CreditCard
)

// Kind is what was charged: an order (a purchase or a subscription, billed
// at the start of its period) or usage (billed monthly in arrears, PRC-07).
// The zero Kind is invalid.
type Kind uint8

// The charge kinds.
const (
	Order Kind = iota + 1 // a purchase or subscription
	Usage                 // metered or hourly usage
)

// Type is the transaction type of an earnings line (reference fact 41):
// purchases are positive; refunds, reversals and chargebacks are negative
// lines that reduce later payouts. A write-off of a customer's
// non-payment (EXT-11, W12) is a Reversal. The zero Type is invalid.
type Type uint8

// The transaction types.
const (
	Purchase   Type = iota + 1 // a sale: zero or positive
	Refund                     // money returned to the customer: zero or negative
	Reversal                   // an earlier earning reversed, such as a write-off: zero or negative
	Chargeback                 // a card payment disputed and returned: zero or negative
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
	// listing); the publisher keeps 100% (reference fact 28).
	ListOnly
)

// State is the state of an earning at an instant (reference fact 36). The
// zero State is invalid.
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

// Status says what happened to a month's balance (PAY-04, EXT-11). The
// zero Status is invalid.
type Status uint8

// The payout statuses.
const (
	// Paid: the combined balance reached the threshold and was paid.
	Paid Status = iota + 1
	// Carried: the combined balance was below the threshold and carries
	// over to the next month.
	Carried
	// Withheld: the combined balance was negative; nothing is paid until
	// later earnings recover it.
	Withheld
)

// EATiming says which source decides when an Enterprise Agreement sale is
// paid out, where the sources conflict (conflict C12). The zero EATiming
// is EAMonthTable, the default.
type EATiming uint8

// The EA timings.
const (
	// EAMonthTable follows EXT-11 (reference fact 31): an order in month
	// M is paid out in M+1, usage in M+2.
	EAMonthTable EATiming = iota
	// EAInvoiceDays follows PAY-02 (seed 000): the first payout day on or
	// after the invoice date plus Policy.EAInvoiceDays days.
	EAInvoiceDays
)

// Basis is what a Marketplace Rewards tier was reached by (RWD-01). The
// zero Basis is invalid.
type Basis uint8

// The rewards bases.
const (
	BilledSales Basis = iota + 1 // billed sales after fraud is removed
	TeamsMAU                     // monthly active users of a Teams app
	SeatsSold                    // seats sold, Microsoft 365 apps only, until 30 June 2021
)

var (
	agreementNames = []string{"", "ea", "mca", "csp"}
	paymentNames   = []string{"", "invoice", "credit-card"}
	kindNames      = []string{"", "order", "usage"}
	typeNames      = []string{"", "purchase", "refund", "reversal", "chargeback"}
	pricingNames   = []string{"transact", "byol", "zero-price", "list-only"}
	stateNames     = []string{"", "unprocessed", "processed", "sent"}
	statusNames    = []string{"", "paid", "carried", "withheld"}
	eaTimingNames  = []string{"month-table", "invoice-days"}
	basisNames     = []string{"", "billed-sales", "teams-mau", "seats-sold"}
)

// enumString returns names[v], or "Type(v)" for a value without a name.
func enumString(v uint8, names []string, typ string) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, v)
}

// enumValid reports whether v has a name.
func enumValid(v uint8, names []string) bool { return int(v) < len(names) && names[v] != "" }

// enumParse finds s among names, ignoring case and treating '-', '_' and
// ' ' alike (and optional), after trimming spaces.
func enumParse(s string, names []string) (uint8, bool) {
	s = strings.TrimSpace(s)
	for i, n := range names {
		if n != "" && sameName(s, n) {
			return uint8(i), true
		}
	}
	return 0, false
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

// EnumError reports text that is not a value of one of this package's
// enums. It wraps the enum's sentinel (ErrAgreement, ErrType…).
type EnumError struct {
	Enum  string   // "agreement", "payment", …
	Input string   // the text as given
	Want  []string // the accepted names
	Err   error    // the enum's sentinel, such as ErrAgreement
}

// Error returns a message such as
// `payout: unknown customer agreement "xyz" (want ea, mca or csp)`.
func (e *EnumError) Error() string {
	return fmt.Sprintf("payout: %v %q (want %s)", e.Err, truncate(e.Input, 40), orList(e.Want))
}

// Unwrap returns the enum's sentinel error.
func (e *EnumError) Unwrap() error { return e.Err }

func enumError(enum, input string, names []string, err error) error {
	return &EnumError{Enum: enum, Input: input, Want: nonEmpty(names), Err: err}
}

func orList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func marshalEnum(v uint8, names []string, enum string, err error) ([]byte, error) {
	if !enumValid(v, names) {
		return nil, &EnumError{Enum: enum, Input: fmt.Sprint(v), Want: nonEmpty(names), Err: err}
	}
	return []byte(names[v]), nil
}

func nonEmpty(names []string) []string {
	var out []string
	for _, n := range names {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// ParseAgreement parses "ea", "mca" or "csp", ignoring case.
func ParseAgreement(s string) (Agreement, error) {
	v, ok := enumParse(s, agreementNames)
	if !ok {
		return 0, enumError("agreement", s, agreementNames, ErrAgreement)
	}
	return Agreement(v), nil
}

// Valid reports whether a is one of the defined agreements.
func (a Agreement) Valid() bool { return enumValid(uint8(a), agreementNames) }

// String returns "ea", "mca" or "csp".
func (a Agreement) String() string { return enumString(uint8(a), agreementNames, "Agreement") }

// MarshalText implements [encoding.TextMarshaler].
func (a Agreement) MarshalText() ([]byte, error) {
	return marshalEnum(uint8(a), agreementNames, "agreement", ErrAgreement)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseAgreement].
func (a *Agreement) UnmarshalText(b []byte) error {
	v, err := ParseAgreement(string(b))
	if err == nil {
		*a = v
	}
	return err
}

// ParsePayment parses "invoice" or "credit-card" ("credit card",
// "CREDIT_CARD" and "creditcard" too).
func ParsePayment(s string) (Payment, error) {
	v, ok := enumParse(s, paymentNames)
	if !ok {
		return 0, enumError("payment", s, paymentNames, ErrPayment)
	}
	return Payment(v), nil
}

// Valid reports whether p is one of the defined payment methods.
func (p Payment) Valid() bool { return enumValid(uint8(p), paymentNames) }

// String returns "invoice" or "credit-card".
func (p Payment) String() string { return enumString(uint8(p), paymentNames, "Payment") }

// MarshalText implements [encoding.TextMarshaler].
func (p Payment) MarshalText() ([]byte, error) {
	return marshalEnum(uint8(p), paymentNames, "payment", ErrPayment)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParsePayment].
func (p *Payment) UnmarshalText(b []byte) error {
	v, err := ParsePayment(string(b))
	if err == nil {
		*p = v
	}
	return err
}

// ParseKind parses "order" or "usage", ignoring case.
func ParseKind(s string) (Kind, error) {
	v, ok := enumParse(s, kindNames)
	if !ok {
		return 0, enumError("kind", s, kindNames, ErrKind)
	}
	return Kind(v), nil
}

// Valid reports whether k is one of the defined kinds.
func (k Kind) Valid() bool { return enumValid(uint8(k), kindNames) }

// String returns "order" or "usage".
func (k Kind) String() string { return enumString(uint8(k), kindNames, "Kind") }

// MarshalText implements [encoding.TextMarshaler].
func (k Kind) MarshalText() ([]byte, error) { return marshalEnum(uint8(k), kindNames, "kind", ErrKind) }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseKind].
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseType parses "purchase", "refund", "reversal" or "chargeback",
// ignoring case.
func ParseType(s string) (Type, error) {
	v, ok := enumParse(s, typeNames)
	if !ok {
		return 0, enumError("type", s, typeNames, ErrType)
	}
	return Type(v), nil
}

// Valid reports whether t is one of the defined transaction types.
func (t Type) Valid() bool { return enumValid(uint8(t), typeNames) }

// Negative reports whether lines of type t are zero or negative: refunds,
// reversals and chargebacks.
func (t Type) Negative() bool { return t == Refund || t == Reversal || t == Chargeback }

// String returns "purchase", "refund", "reversal" or "chargeback".
func (t Type) String() string { return enumString(uint8(t), typeNames, "Type") }

// MarshalText implements [encoding.TextMarshaler].
func (t Type) MarshalText() ([]byte, error) { return marshalEnum(uint8(t), typeNames, "type", ErrType) }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseType].
func (t *Type) UnmarshalText(b []byte) error {
	v, err := ParseType(string(b))
	if err == nil {
		*t = v
	}
	return err
}

// ParsePricing parses "transact", "byol", "zero-price" or "list-only",
// ignoring case.
func ParsePricing(s string) (Pricing, error) {
	v, ok := enumParse(s, pricingNames)
	if !ok {
		return 0, enumError("pricing", s, pricingNames, ErrPricing)
	}
	return Pricing(v), nil
}

// Valid reports whether p is one of the defined pricings.
func (p Pricing) Valid() bool { return enumValid(uint8(p), pricingNames) }

// String returns "transact", "byol", "zero-price" or "list-only".
func (p Pricing) String() string { return enumString(uint8(p), pricingNames, "Pricing") }

// MarshalText implements [encoding.TextMarshaler].
func (p Pricing) MarshalText() ([]byte, error) {
	return marshalEnum(uint8(p), pricingNames, "pricing", ErrPricing)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParsePricing].
func (p *Pricing) UnmarshalText(b []byte) error {
	v, err := ParsePricing(string(b))
	if err == nil {
		*p = v
	}
	return err
}

// ParseState parses "unprocessed", "processed" or "sent", ignoring case.
func ParseState(s string) (State, error) {
	v, ok := enumParse(s, stateNames)
	if !ok {
		return 0, enumError("state", s, stateNames, ErrState)
	}
	return State(v), nil
}

// Valid reports whether s is one of the defined states.
func (s State) Valid() bool { return enumValid(uint8(s), stateNames) }

// String returns "unprocessed", "processed" or "sent".
func (s State) String() string { return enumString(uint8(s), stateNames, "State") }

// Text returns the state's name in lang: "processed", "bearbetad".
func (s State) Text(lang rule.Language) string {
	if !s.Valid() {
		return s.String()
	}
	return pick(lang, stateWords[s])
}

// MarshalText implements [encoding.TextMarshaler].
func (s State) MarshalText() ([]byte, error) {
	return marshalEnum(uint8(s), stateNames, "state", ErrState)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseState].
func (s *State) UnmarshalText(b []byte) error {
	v, err := ParseState(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseStatus parses "paid", "carried" or "withheld", ignoring case.
func ParseStatus(s string) (Status, error) {
	v, ok := enumParse(s, statusNames)
	if !ok {
		return 0, enumError("status", s, statusNames, ErrStatus)
	}
	return Status(v), nil
}

// Valid reports whether s is one of the defined statuses.
func (s Status) Valid() bool { return enumValid(uint8(s), statusNames) }

// String returns "paid", "carried" or "withheld".
func (s Status) String() string { return enumString(uint8(s), statusNames, "Status") }

// MarshalText implements [encoding.TextMarshaler].
func (s Status) MarshalText() ([]byte, error) {
	return marshalEnum(uint8(s), statusNames, "status", ErrStatus)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseStatus].
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseEATiming parses "month-table" or "invoice-days", ignoring case.
func ParseEATiming(s string) (EATiming, error) {
	v, ok := enumParse(s, eaTimingNames)
	if !ok {
		return 0, enumError("EA timing", s, eaTimingNames, ErrEATiming)
	}
	return EATiming(v), nil
}

// Valid reports whether t is one of the defined EA timings.
func (t EATiming) Valid() bool { return enumValid(uint8(t), eaTimingNames) }

// String returns "month-table" or "invoice-days".
func (t EATiming) String() string { return enumString(uint8(t), eaTimingNames, "EATiming") }

// MarshalText implements [encoding.TextMarshaler].
func (t EATiming) MarshalText() ([]byte, error) {
	return marshalEnum(uint8(t), eaTimingNames, "EA timing", ErrEATiming)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseEATiming].
func (t *EATiming) UnmarshalText(b []byte) error {
	v, err := ParseEATiming(string(b))
	if err == nil {
		*t = v
	}
	return err
}

// ParseBasis parses "billed-sales", "teams-mau" or "seats-sold", ignoring
// case.
func ParseBasis(s string) (Basis, error) {
	v, ok := enumParse(s, basisNames)
	if !ok {
		return 0, enumError("basis", s, basisNames, ErrBasis)
	}
	return Basis(v), nil
}

// Valid reports whether b is one of the defined bases.
func (b Basis) Valid() bool { return enumValid(uint8(b), basisNames) }

// String returns "billed-sales", "teams-mau" or "seats-sold".
func (b Basis) String() string { return enumString(uint8(b), basisNames, "Basis") }

// MarshalText implements [encoding.TextMarshaler].
func (b Basis) MarshalText() ([]byte, error) {
	return marshalEnum(uint8(b), basisNames, "basis", ErrBasis)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseBasis].
func (b *Basis) UnmarshalText(text []byte) error {
	v, err := ParseBasis(string(text))
	if err == nil {
		*b = v
	}
	return err
}

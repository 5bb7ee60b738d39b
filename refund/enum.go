package refund

import (
	"fmt"
	"strconv"

	"github.com/marketrules/marketrules/internal/enum"
)

// ChargeType is the kind of charge a decision is about. The enum is append-only:
// the numeric values never change and new kinds are added at the end. The
// zero ChargeType is unset (invalid in a request), "" in text. In text and JSON a ChargeType is its name: "saas",
// "usage", "professional-service", "vm-reservation", "container",
// "managed-app-fee", "csp-software", "csp-perpetual", "csp-license",
// "csp-saas".
type ChargeType uint8

// The charge kinds. The first six are billed by Microsoft through the
// commercial marketplace; the CSP kinds are billed by a Cloud Solution
// Provider partner to its customer.
const (
	// SaaS is a recurring flat-rate or per-user fee of a marketplace SaaS
	// subscription (RFD-01, EXT-12). It needs a [plan.Term].
	SaaS ChargeType = iota + 1
	// Usage is a variable, usage-based charge: VM consumption, metered
	// billing of SaaS, Azure applications and containers, pay-as-you-go.
	// It is never refunded (RFD-02).
	Usage
	// ProfessionalService is a professional service bought in the
	// marketplace (EXT-12).
	ProfessionalService
	// VMReservation is a virtual machine software reservation (EXT-12),
	// subject to the rolling reservation cancellation limit.
	VMReservation
	// Container is an Azure container offer's non-usage charge (EXT-12).
	Container
	// ManagedAppFee is the fixed monthly fee of an Azure managed
	// application (EXT-12); its metered charges are [Usage].
	ManagedAppFee
	// CSPSoftware is a software subscription sold by a CSP partner
	// (RFD-04, RFD-05), refunded prorated by calendar day.
	CSPSoftware
	// CSPPerpetual is a perpetual software purchase sold by a CSP partner
	// (RFD-05 to RFD-08), credited in full on the next invoice.
	CSPPerpetual
	// CSPLicense is a license-based (per-user) new-commerce subscription
	// sold by a CSP partner: cancelled, or its seats reduced, with a
	// refund less the days used (EXT-13).
	CSPLicense
	// CSPSaaS is a license-based marketplace SaaS subscription bought
	// through a CSP partner (RFD-09). It needs a [plan.Term].
	CSPSaaS
)

var kindNames = enum.Names[ChargeType]{Type: "charge type", Names: []string{"", "saas", "usage", "professional-service", "vm-reservation", "container",
	"managed-app-fee", "csp-software", "csp-perpetual", "csp-license", "csp-saas"}}

// Valid reports whether k is one of the defined kinds.
func (k ChargeType) Valid() bool {
	// enum.Names.Valid, written out: the generic call costs more than
	// the check on the hot paths.
	return int(k) < len(kindNames.Names) && kindNames.Names[k] != ""
}

// String returns the kind's name, such as "csp-software", or "Kind(42)"
// for an undefined kind.
func (k ChargeType) String() string { return kindNames.String(k) }

// MarshalText implements [encoding.TextMarshaler]. The zero ChargeType,
// unset, is ""; an undefined one is an error wrapping [ErrKind].
func (k ChargeType) MarshalText() ([]byte, error) {
	return enumMarshal(kindNames, k, ErrKind)
}

// UnmarshalText implements [encoding.TextUnmarshaler]. It accepts the
// names String returns, ignoring case, and "" for the zero ChargeType;
// anything else is an error wrapping [ErrKind] (and an *enum.Error).
func (k *ChargeType) UnmarshalText(b []byte) error {
	return enumParse(kindNames, b, k, ErrKind)
}

// Trigger is what opened the window of a charge: the purchase, a renewal
// into a new term, seats added to a CSP license-based subscription, or an
// upgrade. The enum is append-only; the zero Trigger is [NewPurchase]. In text
// and JSON an Trigger is its name: "purchase", "renewal", "seats-added",
// "upgrade".
type Trigger uint8

// The events.
const (
	// NewPurchase: the charge was bought at Request.Start.
	NewPurchase Trigger = iota
	// Renewal: the subscription renewed into a new term at Request.Start
	// (RFD-01 "or the renewal"; RFD-04 "any term").
	Renewal
	// SeatsAdded: seats were added at Request.Start, at the purchase, a
	// renewal or mid-term, and the request is to reduce them (EXT-13).
	// Only [CSPLicense] and [CSPSoftware] accept it.
	SeatsAdded
	// Upgrade: the charge is an upgrade of a [CSPLicense] subscription, to
	// which cancellation windows do not apply (EXT-13).
	Upgrade
)

var eventNames = enum.Names[Trigger]{Type: "trigger", Names: []string{"purchase", "renewal", "seats-added", "upgrade"}}

// Valid reports whether e is one of the defined events.
func (e Trigger) Valid() bool {
	// enum.Names.Valid, written out: the generic call costs more than
	// the check on the hot paths.
	return int(e) < len(eventNames.Names) && eventNames.Names[e] != ""
}

// String returns the event's name, such as "renewal".
func (e Trigger) String() string { return eventNames.String(e) }

// MarshalText implements [encoding.TextMarshaler]. An undefined event is
// an error wrapping [ErrEvent].
func (e Trigger) MarshalText() ([]byte, error) {
	return enumMarshal(eventNames, e, ErrEvent)
}

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case.
func (e *Trigger) UnmarshalText(b []byte) error {
	return enumParse(eventNames, b, e, ErrEvent)
}

// Vendor is the publisher of CSP software, where the rules single one out.
// The enum is append-only; the zero Vendor is [OtherVendor]. In text and
// JSON: "other", "red-hat", "suse".
type Vendor uint8

// The vendors. Red Hat and SUSE software plans can be neither cancelled
// nor exchanged (RFD-05).
const (
	OtherVendor Vendor = iota
	RedHat
	SUSE
)

var vendorNames = enum.Names[Vendor]{Type: "vendor", Names: []string{"other", "red-hat", "suse"}}

// Valid reports whether v is one of the defined vendors.
func (v Vendor) Valid() bool {
	// enum.Names.Valid, written out: the generic call costs more than
	// the check on the hot paths.
	return int(v) < len(vendorNames.Names) && vendorNames.Names[v] != ""
}

// String returns the vendor's name, such as "red-hat".
func (v Vendor) String() string { return vendorNames.String(v) }

// MarshalText implements [encoding.TextMarshaler].
func (v Vendor) MarshalText() ([]byte, error) {
	return enumMarshal(vendorNames, v, ErrName)
}

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case.
func (v *Vendor) UnmarshalText(b []byte) error {
	return enumParse(vendorNames, b, v, ErrName)
}

// Settlement says how the refundable amount of a [Decision] is made up. The
// enum is append-only; the zero Settlement is [NoRefund]. In text and JSON:
// "none", "full", "prorated", "credit".
type Settlement uint8

// The bases.
const (
	// NoRefund: nothing is refunded.
	NoRefund Settlement = iota
	// FullRefund: everything paid is refunded.
	FullRefund
	// ProratedRefund: what was paid, less the calendar days used.
	ProratedRefund
	// InvoiceCredit: a 100% credit on the next monthly invoice (RFD-06).
	InvoiceCredit
)

var basisNames = enum.Names[Settlement]{Type: "settlement", Names: []string{"none", "full", "prorated", "credit"}}

// Valid reports whether b is one of the defined bases.
func (b Settlement) Valid() bool {
	// enum.Names.Valid, written out: the generic call costs more than
	// the check on the hot paths.
	return int(b) < len(basisNames.Names) && basisNames.Names[b] != ""
}

// String returns the basis's name, such as "prorated".
func (b Settlement) String() string { return basisNames.String(b) }

// MarshalText implements [encoding.TextMarshaler].
func (b Settlement) MarshalText() ([]byte, error) {
	return enumMarshal(basisNames, b, ErrName)
}

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case.
func (b *Settlement) UnmarshalText(text []byte) error {
	return enumParse(basisNames, text, b, ErrName)
}

// CancelOption says whether, and how, a charge can still be cancelled
// at the instant of a [Decision], whether or not a refund is due. The
// enum is append-only; the zero CancelOption is [NothingToCancel]. In
// text and JSON: "not-applicable", "now", "at-period-end",
// "not-allowed".
type CancelOption uint8

// The cancellation answers.
const (
	// NothingToCancel: the charge is for usage already consumed; there is
	// nothing to cancel (RFD-02).
	NothingToCancel CancelOption = iota
	// CancelNow: the charge can be cancelled (or the seats reduced) now,
	// with the refund of the decision.
	CancelNow
	// CancelAtPeriodEnd: the subscription can still be cancelled (or its
	// auto-renewal turned off), without a refund; it stays active until
	// the paid period ends.
	CancelAtPeriodEnd
	// CannotCancel: the charge cannot be cancelled any more, or ever; a
	// subscription's whole term is charged.
	CannotCancel
)

var cancelNames = enum.Names[CancelOption]{Type: "cancellation", Names: []string{"not-applicable", "now", "at-period-end", "not-allowed"}}

// Valid reports whether c is one of the defined answers.
func (c CancelOption) Valid() bool {
	// enum.Names.Valid, written out: the generic call costs more than
	// the check on the hot paths.
	return int(c) < len(cancelNames.Names) && cancelNames.Names[c] != ""
}

// String returns the answer's name, such as "at-period-end".
func (c CancelOption) String() string { return cancelNames.String(c) }

// MarshalText implements [encoding.TextMarshaler].
func (c CancelOption) MarshalText() ([]byte, error) {
	return enumMarshal(cancelNames, c, ErrName)
}

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case.
func (c *CancelOption) UnmarshalText(b []byte) error {
	return enumParse(cancelNames, b, c, ErrName)
}

// enumMarshal returns v's name, "" for the zero value of a one-based enum
// (unset), or an error wrapping sentinel and *enum.Error.
func enumMarshal[T ~uint8](names enum.Names[T], v T, sentinel error) ([]byte, error) {
	b, err := names.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("refund: %w: %w", sentinel, err)
	}
	return b, nil
}

// enumParse parses a name, ignoring case; "" is the zero value of a
// one-based enum (unset). Errors wrap sentinel and *enum.Error.
func enumParse[T ~uint8](names enum.Names[T], b []byte, v *T, sentinel error) error {
	if err := names.Unmarshal(b, v); err != nil {
		return fmt.Errorf("refund: %w: %w", sentinel, err)
	}
	return nil
}

func itoa(i int) string { return strconv.Itoa(i) }

package refund

import (
	"fmt"
	"strconv"
	"strings"
)

// ChargeType is the kind of charge a decision is about. The enum is append-only:
// the numeric values never change and new kinds are added at the end. The
// zero ChargeType is invalid. In text and JSON a ChargeType is its name: "saas",
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

var kindNames = [...]string{"", "saas", "usage", "professional-service", "vm-reservation", "container",
	"managed-app-fee", "csp-software", "csp-perpetual", "csp-license", "csp-saas"}

// Valid reports whether k is one of the defined kinds.
func (k ChargeType) Valid() bool { return k > 0 && int(k) < len(kindNames) }

// String returns the kind's name, such as "csp-software", or "Kind(42)"
// for an undefined kind.
func (k ChargeType) String() string { return enumString(kindNames[:], uint8(k), "Kind") }

// MarshalText implements [encoding.TextMarshaler]. An undefined kind is
// an error wrapping [ErrKind].
func (k ChargeType) MarshalText() ([]byte, error) {
	return enumMarshal(kindNames[:], uint8(k), "Kind", ErrKind, true)
}

// UnmarshalText implements [encoding.TextUnmarshaler]. It accepts the
// names String returns, ignoring case; anything else is an error
// wrapping [ErrKind].
func (k *ChargeType) UnmarshalText(b []byte) error {
	v, err := enumParse(kindNames[:], b, "charge kind", ErrKind, true)
	if err == nil {
		*k = ChargeType(v)
	}
	return err
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

var eventNames = [...]string{"purchase", "renewal", "seats-added", "upgrade"}

// Valid reports whether e is one of the defined events.
func (e Trigger) Valid() bool { return int(e) < len(eventNames) }

// String returns the event's name, such as "renewal".
func (e Trigger) String() string { return enumString(eventNames[:], uint8(e), "Event") }

// MarshalText implements [encoding.TextMarshaler]. An undefined event is
// an error wrapping [ErrEvent].
func (e Trigger) MarshalText() ([]byte, error) {
	return enumMarshal(eventNames[:], uint8(e), "Event", ErrEvent, false)
}

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case.
func (e *Trigger) UnmarshalText(b []byte) error {
	v, err := enumParse(eventNames[:], b, "event", ErrEvent, false)
	if err == nil {
		*e = Trigger(v)
	}
	return err
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

var vendorNames = [...]string{"other", "red-hat", "suse"}

// Valid reports whether v is one of the defined vendors.
func (v Vendor) Valid() bool { return int(v) < len(vendorNames) }

// String returns the vendor's name, such as "red-hat".
func (v Vendor) String() string { return enumString(vendorNames[:], uint8(v), "Vendor") }

// MarshalText implements [encoding.TextMarshaler].
func (v Vendor) MarshalText() ([]byte, error) {
	return enumMarshal(vendorNames[:], uint8(v), "Vendor", ErrName, false)
}

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case.
func (v *Vendor) UnmarshalText(b []byte) error {
	x, err := enumParse(vendorNames[:], b, "vendor", ErrName, false)
	if err == nil {
		*v = Vendor(x)
	}
	return err
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

var basisNames = [...]string{"none", "full", "prorated", "credit"}

// Valid reports whether b is one of the defined bases.
func (b Settlement) Valid() bool { return int(b) < len(basisNames) }

// String returns the basis's name, such as "prorated".
func (b Settlement) String() string { return enumString(basisNames[:], uint8(b), "Basis") }

// MarshalText implements [encoding.TextMarshaler].
func (b Settlement) MarshalText() ([]byte, error) {
	return enumMarshal(basisNames[:], uint8(b), "Basis", ErrName, false)
}

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case.
func (b *Settlement) UnmarshalText(text []byte) error {
	v, err := enumParse(basisNames[:], text, "basis", ErrName, false)
	if err == nil {
		*b = Settlement(v)
	}
	return err
}

// Cancel says whether, and how, a charge can still be cancelled at the
// instant of a [Decision], whether or not a refund is due. The enum is
// append-only; the zero Cancel is [NothingToCancel]. In text and JSON:
// "not-applicable", "now", "at-period-end", "not-allowed".
type Cancel uint8

// The cancellation answers.
const (
	// NothingToCancel: the charge is for usage already consumed; there is
	// nothing to cancel (RFD-02).
	NothingToCancel Cancel = iota
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

var cancelNames = [...]string{"not-applicable", "now", "at-period-end", "not-allowed"}

// Valid reports whether c is one of the defined answers.
func (c Cancel) Valid() bool { return int(c) < len(cancelNames) }

// String returns the answer's name, such as "at-period-end".
func (c Cancel) String() string { return enumString(cancelNames[:], uint8(c), "Cancel") }

// MarshalText implements [encoding.TextMarshaler].
func (c Cancel) MarshalText() ([]byte, error) {
	return enumMarshal(cancelNames[:], uint8(c), "Cancel", ErrName, false)
}

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case.
func (c *Cancel) UnmarshalText(b []byte) error {
	v, err := enumParse(cancelNames[:], b, "cancellation", ErrName, false)
	if err == nil {
		*c = Cancel(v)
	}
	return err
}

// enumString returns names[v], or "Type(v)" when v is out of range (or the
// empty zero name of a one-based enum).
func enumString(names []string, v uint8, typ string) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

func enumMarshal(names []string, v uint8, typ string, sentinel error, oneBased bool) ([]byte, error) {
	if int(v) >= len(names) || (oneBased && v == 0) {
		return nil, fmt.Errorf("refund: %w: %s(%d)", sentinel, typ, v)
	}
	return []byte(names[v]), nil
}

func enumParse(names []string, b []byte, what string, sentinel error, oneBased bool) (uint8, error) {
	for i, n := range names {
		if (i > 0 || !oneBased) && strings.EqualFold(string(b), n) {
			return uint8(i), nil
		}
	}
	first := 0
	if oneBased {
		first = 1
	}
	s := string(b)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return 0, fmt.Errorf("refund: %w: %s %q (want %s)", sentinel, what, s, strings.Join(names[first:], ", "))
}

func itoa(i int) string { return strconv.Itoa(i) }

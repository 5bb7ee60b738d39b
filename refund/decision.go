package refund

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// The reasons of decisions: stable codes, never renamed or reused, that
// hosts may switch on and store.
const (
	// ReasonWithinWindow: the request is inside the window; a refund (or
	// credit, or seat reduction) is due.
	ReasonWithinWindow rule.Reason = "within-window"
	// ReasonWindowClosed: the window closed before the request.
	ReasonWindowClosed rule.Reason = "window-closed"
	// ReasonNoWindow: the policy gives the charge a zero window, so it was
	// never refundable.
	ReasonNoWindow rule.Reason = "no-window"
	// ReasonUsage: usage-based charges are never refunded (RFD-02).
	ReasonUsage rule.Reason = "usage-not-refundable"
	// ReasonPrivateOffer: a VM software reservation bought through a
	// private offer can never be cancelled (EXT-12).
	ReasonPrivateOffer rule.Reason = "private-offer-reservation"
	// ReasonVendor: Red Hat and SUSE software plans can be neither
	// cancelled nor exchanged (RFD-05).
	ReasonVendor rule.Reason = "vendor-not-cancellable"
	// ReasonLimitExceeded: the reservation's commitment exceeds the
	// reservation cancellation limit available at the request (EXT-12,
	// W15).
	ReasonLimitExceeded rule.Reason = "reservation-limit-exceeded"
	// ReasonMultiYearLocked: a 2- or 3-year SaaS plan whose window has
	// closed cannot be cancelled until its term ends (EXT-12).
	ReasonMultiYearLocked rule.Reason = "multi-year-locked"
	// ReasonUpgrade: cancellation windows do not apply to upgrades
	// (EXT-13).
	ReasonUpgrade rule.Reason = "upgrade-no-window"
	// ReasonNoSeatReduction: seats of a CSP software subscription cannot be
	// reduced; the subscription can only be cancelled within its window
	// (RFD-04, fact 56).
	ReasonNoSeatReduction rule.Reason = "seat-reduction-not-offered"
	// ReasonNothingPaid: the request is inside the window, but nothing was
	// paid (Paid is zero in its currency), so nothing is refunded; the
	// charge can still be cancelled now.
	ReasonNothingPaid rule.Reason = "nothing-paid"
)

// Decision is the answer to a [Request]: whether a refund is due, how
// much and on what basis, the window with its end and the time left, what
// cancelling does, the rule that decided and why. It is a value, not an
// error; render it with [Decision.Explain]. A Decision round-trips
// through JSON ([Decision.MarshalJSON]).
//
// The money always adds up: Refund + Retained = Paid, exactly, and 0 ≤
// Refund ≤ Paid.
type Decision struct {
	// Charge, Event, Term and Vendor repeat the request.
	Charge  ChargeType `json:"kind,omitzero"`
	Trigger Trigger    `json:"event"`
	Term    plan.Term  `json:"term,omitzero"`
	Vendor  Vendor     `json:"vendor,omitzero"`

	// Allowed reports whether a refund (or credit, or seat reduction) is
	// due if the charge is cancelled at At.
	Allowed bool `json:"allowed"`
	// Cancel says whether and how the charge can be cancelled at At,
	// refund or not.
	Cancel Cancel `json:"cancel"`
	// Rule is the rule that decided; Reason why.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`

	// Settlement says how Refund is made up.
	Settlement Settlement `json:"basis"`
	// Paid is the amount paid; Refund the part refunded or credited;
	// Retained the rest. When nothing is refunded, Refund is zero in
	// Paid's currency.
	Paid     currency.Money `json:"paid"`
	Refund   currency.Money `json:"refund"`
	Retained currency.Money `json:"retained"`

	// DaysUsed is the calendar day of At in a calendar-day count, the
	// day of Start being day 1: W14's "the third day" is 3. DaysPaid is
	// the number of calendar days of the paid period [Start, PaidUntil),
	// for prorated refunds. Both are 0 where no days are counted.
	DaysUsed int `json:"daysUsed,omitempty"`
	DaysPaid int `json:"daysPaid,omitempty"`

	// Window is the window applied (the zero Window where none applies);
	// it covers [WindowStart, WindowEnd). The instants of a decision are
	// in the request's Zone, or else in the location of its Start.
	Window      Window    `json:"window"`
	WindowStart time.Time `json:"windowStart,omitzero"`
	WindowEnd   time.Time `json:"windowEnd,omitzero"`
	// At is the instant of the request.
	At time.Time `json:"at"`
	// Remaining is WindowEnd − At while the window is open, else 0
	// (RFD-07).
	Remaining time.Duration `json:"remaining,omitempty"`
	// DaysLeft is, for a calendar window that is open, the number of
	// calendar days left counting the day of At: 30 on the day of a
	// perpetual software purchase, 1 on the last day (RFD-07); else 0.
	DaysLeft int `json:"daysLeft,omitempty"`
	// Zone names the time zone in which calendar days were counted, or is
	// empty when none were.
	Zone string `json:"zone,omitempty"`

	// PaidUntil is the end of the paid period of a prorated refund.
	PaidUntil time.Time `json:"paidUntil,omitzero"`
	// TermEnd is Start plus Term (in Zone, or in Start's location), where
	// the request gives a term and no refund is due: the charge runs on
	// until then.
	TermEnd time.Time `json:"termEnd,omitzero"`
	// PolicyFrom is, for SaaS, the From of the schedule entry that
	// decided: the policy in force when the charge was made.
	PolicyFrom time.Time `json:"policyFrom,omitzero"`

	// KeysRevoked reports that cancelling revokes all the software's keys
	// and download links (RFD-08).
	KeysRevoked bool `json:"keysRevoked,omitempty"`
	// Limit is the reservation cancellation limit at At, for a VM software
	// reservation whose window is open under a policy with a limit.
	Limit Limit `json:"limit,omitzero"`
}

// WindowOpen reports whether the window of the decision was open at At:
// At is in [WindowStart, WindowEnd). It is false where no window applies.
func (d Decision) WindowOpen() bool {
	return !d.WindowEnd.IsZero() && d.At.Before(d.WindowEnd) && !d.At.Before(d.WindowStart)
}

// String returns a one-line English summary for logs:
// "RFD-04 within-window: prorated refund 780.00 USD of 900.00 USD".
func (d Decision) String() string {
	b := make([]byte, 0, 96)
	b = append(b, d.Rule...)
	b = append(b, ' ')
	b = append(b, d.Reason...)
	b = append(b, ": "...)
	switch d.Settlement {
	case FullRefund:
		b = append(b, "full refund "...)
	case ProratedRefund:
		b = append(b, "prorated refund "...)
	case InvoiceCredit:
		b = append(b, "invoice credit "...)
	default:
		b = append(b, "no refund, cancel "...)
		b = append(b, d.Cancel.String()...)
		return string(b)
	}
	b, _ = d.Refund.AppendText(b)
	if d.Refund != d.Paid {
		b = append(b, " of "...)
		b, _ = d.Paid.AppendText(b)
	}
	return string(b)
}

// Limit is the state of the reservation cancellation limit at an instant
// (W15): how much commitment may still be cancelled, and whether a
// cancellation fits. The zero Limit.Limit means the policy has no limit.
type Limit struct {
	// Limit is the policy's limit.
	Limit currency.Money `json:"limit"`
	// Used is the commitment cancelled within the rolling period that
	// ends at the instant.
	Used currency.Money `json:"used"`
	// Available is Limit − Used, and never below zero.
	Available currency.Money `json:"available"`
	// Requested is the commitment of the cancellation asked about.
	Requested currency.Money `json:"requested"`
	// Fits reports whether Requested ≤ Available (always, without a
	// limit).
	Fits bool `json:"fits"`
	// RestoresAt is when the earliest counted cancellation stops
	// counting, and Available grows; zero when nothing counts.
	RestoresAt time.Time `json:"restoresAt,omitzero"`
}

// IsZero reports whether l is the zero Limit, for the omitzero JSON
// option.
func (l Limit) IsZero() bool { return l == Limit{} }

// decisionPlain has Decision's fields and JSON tags but none of its
// methods, for MarshalJSON and UnmarshalJSON.
type decisionPlain Decision

// MarshalJSON implements [json.Marshaler]. A Decision is a JSON object
// with snake_case fields; amounts are {"amount":"12.34","currency":"SEK"},
// instants RFC 3339 with their offset (in UTC if the offset has seconds,
// as local mean times do), enums and the window their text names,
// Remaining a Go duration string ("71h59m59s"). Zero-valued optional
// fields are left out. Instants outside the years 0000 to 9999, which
// RFC 3339 cannot write, make it fail.
func (d Decision) MarshalJSON() ([]byte, error) {
	v := struct {
		decisionPlain
		Remaining string `json:"remaining,omitempty"`
	}{decisionPlain: decisionPlain(d)}
	if d.Remaining != 0 {
		v.Remaining = d.Remaining.String()
	}
	for _, t := range [...]*time.Time{&v.WindowStart, &v.WindowEnd, &v.At, &v.PaidUntil, &v.TermEnd, &v.PolicyFrom, &v.Limit.RestoresAt} {
		*t = exactJSON(*t)
	}
	return json.Marshal(v)
}

// exactJSON returns t, or t in UTC if its UTC offset has seconds (local
// mean time before time zones, such as -07:52:58), which RFC 3339 cannot
// write: the instant must survive the round trip.
func exactJSON(t time.Time) time.Time {
	if _, off := t.Zone(); off%60 != 0 {
		return t.UTC()
	}
	return t
}

// UnmarshalJSON implements [json.Unmarshaler] for the form MarshalJSON
// writes. Unknown fields are ignored, so that decisions stored by a later
// version of the package still load. Instants keep their UTC offset but
// not the zone's name, so [Decision.Explain] of a decoded decision shows
// offsets where the original showed abbreviations.
func (d *Decision) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return nil
	}
	var v struct {
		*decisionPlain
		Remaining string `json:"remaining"`
	}
	var out Decision
	v.decisionPlain = (*decisionPlain)(&out)
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("refund: decoding a decision: %w", err)
	}
	if v.Remaining != "" {
		r, err := time.ParseDuration(v.Remaining)
		if err != nil {
			return fmt.Errorf("refund: decoding a decision: remaining %s: %w", strconv.Quote(v.Remaining), err)
		}
		out.Remaining = r
	}
	*d = out
	return nil
}

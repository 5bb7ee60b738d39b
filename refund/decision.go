package refund

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/jsonx"
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
	// "Self-service exchanges and refunds for Azure Reservations").
	ReasonLimitExceeded rule.Reason = "reservation-limit-exceeded"
	// ReasonMultiYearLocked: a 2- or 3-year SaaS plan whose window has
	// closed cannot be cancelled until its term ends (EXT-12).
	ReasonMultiYearLocked rule.Reason = "multi-year-locked"
	// ReasonUpgrade: cancellation windows do not apply to upgrades
	// (EXT-13).
	ReasonUpgrade rule.Reason = "upgrade-no-window"
	// ReasonNoSeatReduction: seats of a CSP software subscription cannot be
	// reduced; the subscription can only be cancelled within its window
	// (RFD-04).
	ReasonNoSeatReduction rule.Reason = "seat-reduction-not-offered"
	// ReasonWithinLimit: the reservation's commitment fits the
	// reservation cancellation limit available (EXT-12).
	ReasonWithinLimit rule.Reason = "within-limit"
	// ReasonNoLimit: the policy sets no reservation cancellation limit.
	ReasonNoLimit rule.Reason = "no-limit"
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
	Charge  ChargeType `json:"charge,omitzero"`
	Trigger Trigger    `json:"trigger"`
	Term    plan.Term  `json:"term,omitzero"`
	Vendor  Vendor     `json:"vendor,omitzero"`

	// Allowed reports whether a refund (or credit, or seat reduction) is
	// due if the charge is cancelled at At.
	Allowed bool `json:"allowed"`
	// Cancel says whether and how the charge can be cancelled at At,
	// refund or not.
	Cancel CancelOption `json:"cancel"`
	// Rule is the rule that decided; Reason why.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`

	// Settlement says how Refund is made up.
	Settlement Settlement `json:"settlement"`
	// Paid is the amount paid; Refund the part refunded or credited;
	// Retained the rest. When nothing is refunded, Refund is zero in
	// Paid's currency.
	Paid     currency.Money `json:"paid"`
	Refund   currency.Money `json:"refund"`
	Retained currency.Money `json:"retained"`

	// DaysUsed is the calendar day of At in a calendar-day count, the
	// day of Start being day 1: "if you cancel on the third day" is 3. DaysPaid is
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

// Limit is the answer of [Policy.LimitAt], and the figures of a VM
// software reservation's [Decision]: the state of the reservation
// cancellation limit at an instant (EXT-12), how much commitment may
// still be cancelled, and whether a cancellation fits (Allowed). The zero
// Limit.Limit means the policy has no limit.
type Limit struct {
	// Allowed reports whether Requested ≤ Available (always, without a
	// limit).
	Allowed bool `json:"allowed"`
	// Rule is EXT-12; Reason is ReasonWithinLimit, ReasonLimitExceeded or
	// ReasonNoLimit.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Limit is the policy's limit.
	Limit currency.Money `json:"limit"`
	// Used is the commitment cancelled within the rolling period that
	// ends at the instant.
	Used currency.Money `json:"used"`
	// Available is Limit − Used, and never below zero.
	Available currency.Money `json:"available"`
	// Requested is the commitment of the cancellation asked about.
	Requested currency.Money `json:"requested"`
	// RestoresAt is when the earliest counted cancellation stops
	// counting, and Available grows; zero when nothing counts.
	RestoresAt time.Time `json:"restoresAt,omitzero"`
}

// Explain renders the limit in lang: whether the commitment fits, what is
// available of the limit and, when it does not fit, when more becomes
// available; ending with the rule.
func (l Limit) Explain(lang rule.Language) string {
	var buf [512]byte
	x := explainer{lang: lang}
	var b []byte
	if l.Reason == ReasonNoLimit || l.Limit.Sign() == 0 {
		b = x.say(buf[:0], exNoLimit, money(l.Requested))
	} else {
		b = l.sayLimit(x, buf[:0])
	}
	b = append(b, " ("...)
	b = append(b, l.Rule...)
	return string(append(b, ')'))
}

// String returns a one-line English summary for logs: "EXT-12
// within-limit: 2400.00 USD of 47600.00 USD available".
func (l Limit) String() string {
	b := make([]byte, 0, 80)
	b = append(b, l.Rule...)
	b = append(b, ' ')
	b = append(b, l.Reason...)
	b = append(b, ": "...)
	b, _ = l.Requested.AppendText(b)
	if l.Limit.Sign() == 0 {
		return string(b)
	}
	b = append(b, " of "...)
	b, _ = l.Available.AppendText(b)
	return string(append(b, " available"...))
}

// IsZero reports whether l is the zero Limit, for the omitzero JSON
// option.
func (l Limit) IsZero() bool { return l == Limit{} }

// decisionJSON is a Decision's JSON form: its fields, with Remaining a
// Go duration string.
type decisionJSON struct {
	Charge      ChargeType     `json:"charge,omitzero"`
	Trigger     Trigger        `json:"trigger"`
	Term        plan.Term      `json:"term,omitzero"`
	Vendor      Vendor         `json:"vendor,omitzero"`
	Allowed     bool           `json:"allowed"`
	Cancel      CancelOption   `json:"cancel"`
	Rule        rule.ID        `json:"rule"`
	Reason      rule.Reason    `json:"reason"`
	Settlement  Settlement     `json:"settlement"`
	Paid        currency.Money `json:"paid"`
	Refund      currency.Money `json:"refund"`
	Retained    currency.Money `json:"retained"`
	DaysUsed    int            `json:"daysUsed,omitempty"`
	DaysPaid    int            `json:"daysPaid,omitempty"`
	Window      Window         `json:"window"`
	WindowStart time.Time      `json:"windowStart,omitzero"`
	WindowEnd   time.Time      `json:"windowEnd,omitzero"`
	At          time.Time      `json:"at"`
	Remaining   string         `json:"remaining,omitempty"`
	DaysLeft    int            `json:"daysLeft,omitempty"`
	Zone        string         `json:"zone,omitempty"`
	PaidUntil   time.Time      `json:"paidUntil,omitzero"`
	TermEnd     time.Time      `json:"termEnd,omitzero"`
	PolicyFrom  time.Time      `json:"policyFrom,omitzero"`
	KeysRevoked bool           `json:"keysRevoked,omitempty"`
	Limit       Limit          `json:"limit,omitzero"`
}

// marshalJSONStd is MarshalJSON through encoding/json, a mirror struct
// marshaled field by field: the reference MarshalJSON writes the same
// bytes as, and the error it returns when a value fails.
func (d Decision) marshalJSONStd() ([]byte, error) {
	v := decisionJSON{
		Charge: d.Charge, Trigger: d.Trigger, Term: d.Term, Vendor: d.Vendor, Allowed: d.Allowed, Cancel: d.Cancel,
		Rule: d.Rule, Reason: d.Reason, Settlement: d.Settlement, Paid: d.Paid, Refund: d.Refund, Retained: d.Retained,
		DaysUsed: d.DaysUsed, DaysPaid: d.DaysPaid, Window: d.Window, WindowStart: exactJSON(d.WindowStart),
		WindowEnd: exactJSON(d.WindowEnd), At: exactJSON(d.At), DaysLeft: d.DaysLeft, Zone: d.Zone,
		PaidUntil: exactJSON(d.PaidUntil), TermEnd: exactJSON(d.TermEnd), PolicyFrom: exactJSON(d.PolicyFrom),
		KeysRevoked: d.KeysRevoked, Limit: d.Limit,
	}
	v.Limit.RestoresAt = exactJSON(v.Limit.RestoresAt)
	if d.Remaining != 0 {
		v.Remaining = d.Remaining.String()
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

// MaxJSONSize is the largest JSON text the decoders of this package
// accept ([Decision.UnmarshalJSON], [Request.UnmarshalJSON]): 64 KiB, far
// more than a decision, or a request with hundreds of earlier
// cancellations, needs. Longer input is refused before it is parsed.
const MaxJSONSize = 64 << 10

// UnmarshalJSON implements [json.Unmarshaler] for the form MarshalJSON
// writes, strictly: member names match exactly (not ignoring case), an
// unknown or repeated member is a problem, and so is every broken
// invariant of a Decision, each at its JSON path with a sentinel:
//
//   - amounts: Paid, Refund and Retained not negative ([ErrAmount]), in
//     one currency ([ErrCurrency]), Refund + Retained = Paid and Refund ≤
//     Paid ([ErrDecision]);
//   - the outcome: an allowed decision has a Settlement other than
//     [NoRefund], and a refusal refunds nothing ([ErrDecision]); a full
//     refund or credit refunds Paid;
//   - figures: days and Remaining not negative, WindowStart not after
//     WindowEnd, a known rule ([ErrDecision]).
//
// Errors are [rule.Problems], all at once. Input longer than
// [MaxJSONSize] is refused. Instants keep their UTC offset but not the
// zone's name, so [Decision.Explain] of a decoded decision shows offsets
// where the original showed abbreviations.
func (d *Decision) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	if d.unmarshalFast(b) {
		return nil
	}
	return d.unmarshalJSONx(b)
}

// unmarshalJSONx is UnmarshalJSON for any input: it decodes through
// jsonx, reporting every problem with its path. unmarshalFast takes the
// form MarshalJSON writes in one pass, and is held to this.
func (d *Decision) unmarshalJSONx(b []byte) error {
	var ps rule.Problems
	if len(b) > MaxJSONSize {
		ps = addProblem(ps, "", "", msgTooLarge, ErrDecision, strconv.Itoa(len(b)), strconv.Itoa(MaxJSONSize))
		return ps.Err()
	}
	var v decisionJSON
	jsonx.Decode(b, &v, "", &ps)
	out := Decision{
		Charge: v.Charge, Trigger: v.Trigger, Term: v.Term, Vendor: v.Vendor, Allowed: v.Allowed, Cancel: v.Cancel,
		Rule: v.Rule, Reason: v.Reason, Settlement: v.Settlement, Paid: v.Paid, Refund: v.Refund, Retained: v.Retained,
		DaysUsed: v.DaysUsed, DaysPaid: v.DaysPaid, Window: v.Window, WindowStart: v.WindowStart, WindowEnd: v.WindowEnd,
		At: v.At, DaysLeft: v.DaysLeft, Zone: v.Zone, PaidUntil: v.PaidUntil, TermEnd: v.TermEnd,
		PolicyFrom: v.PolicyFrom, KeysRevoked: v.KeysRevoked, Limit: v.Limit,
	}
	if v.Remaining != "" {
		r, err := time.ParseDuration(v.Remaining)
		if err != nil {
			ps = addProblem(ps, "", "remaining", msgRemaining, ErrDecision, v.Remaining)
		}
		out.Remaining = r
	}
	for i := range ps {
		if ps[i].Err == nil {
			ps[i].Err = ErrDecision
		}
	}
	if len(ps) == 0 {
		ps = out.check(ps)
	}
	if len(ps) > 0 {
		return ps.Err()
	}
	*d = out
	return nil
}

// check appends the broken invariants of d.
func (d *Decision) check(ps rule.Problems) rule.Problems {
	id := d.Rule
	if id != "" && !id.Known() {
		ps = addProblem(ps, "", "rule", msgDecisionRule, ErrDecision, string(id))
		id = ""
	}
	n := len(ps)
	ps = checkAmount(ps, id, "paid", d.Paid)
	ps = checkAmount(ps, id, "refund", d.Refund)
	ps = checkAmount(ps, id, "retained", d.Retained)
	code := d.Paid.Code()
	for _, f := range [...]struct {
		path string
		m    currency.Money
	}{{"refund", d.Refund}, {"retained", d.Retained}} {
		if f.m != (currency.Money{}) && f.m.Code() != code {
			ps = addProblem(ps, id, f.path, msgDecisionCurrency, errCurrencyMismatch, f.m, d.Paid)
		}
	}
	if len(ps) == n {
		switch {
		case d.Refund.Minor() > d.Paid.Minor():
			ps = addProblem(ps, id, "refund", msgDecisionOverRefund, ErrDecision, d.Refund, d.Paid)
		case d.Refund.Minor()+d.Retained.Minor() != d.Paid.Minor():
			ps = addProblem(ps, id, "retained", msgDecisionSum, ErrDecision, d.Refund, d.Retained, d.Paid)
		}
	}
	switch {
	case d.Allowed && d.Settlement == NoRefund:
		ps = addProblem(ps, id, "settlement", msgDecisionNoSettlement, ErrDecision)
	case !d.Allowed && d.Settlement != NoRefund:
		ps = addProblem(ps, id, "settlement", msgDecisionRefused, ErrDecision, d.Settlement.String())
	case !d.Allowed && d.Refund.Sign() != 0:
		ps = addProblem(ps, id, "refund", msgDecisionRefused, ErrDecision, d.Refund)
	case (d.Settlement == FullRefund || d.Settlement == InvoiceCredit) && d.Refund != d.Paid:
		ps = addProblem(ps, id, "refund", msgDecisionFull, ErrDecision, d.Settlement.String(), d.Refund, d.Paid)
	}
	for _, f := range [...]struct {
		path string
		n    int64
	}{{"daysUsed", int64(d.DaysUsed)}, {"daysPaid", int64(d.DaysPaid)}, {"daysLeft", int64(d.DaysLeft)}, {"remaining", int64(d.Remaining)}} {
		if f.n < 0 {
			ps = addProblem(ps, id, f.path, msgDecisionNegative, ErrDecision, f.n)
		}
	}
	if !d.WindowStart.IsZero() && !d.WindowEnd.IsZero() && d.WindowEnd.Before(d.WindowStart) {
		ps = addProblem(ps, id, "windowEnd", msgDecisionWindow, ErrDecision, d.WindowEnd, d.WindowStart)
	}
	return ps
}

package refund

import (
	"bytes"
	"encoding/json"
	"github.com/marketrules/marketrules/calendar"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Request is the question "may this charge still be refunded, how much,
// until when, and why?": a charge, the instant that opened its window,
// and the instant of the request. Every instant is given by the caller;
// nothing reads a clock.
//
// Which fields a kind uses:
//
//   - Charge, Start, At, Paid: always.
//   - Trigger: [NewPurchase] (the zero value) or [Renewal] for every kind
//     except [CSPPerpetual] (purchase only); [SeatsAdded] for
//     [CSPLicense] and [CSPSoftware]; [Upgrade] for [CSPLicense].
//   - Term: required for [SaaS] and [CSPSaaS]; for [CSPSoftware] and
//     [CSPLicense] it gives the paid period when PaidUntil is zero;
//     elsewhere optional, used for Decision.TermEnd.
//   - Zone: required when the decision counts calendar days (a calendar
//     window, or a proration by day): under [DefaultPolicy], the CSP kinds
//     except [CSPSaaS]; decisions that count nothing (an [Upgrade], Red Hat
//     software) need none. Elsewhere optional: the decision's instants
//     are then shown in it.
//   - PaidUntil: prorated kinds ([CSPSoftware], [CSPLicense]); required
//     for [SeatsAdded].
//   - Vendor: [CSPSoftware] and [CSPPerpetual] (RFD-05).
//   - PrivateOffer, Commitment, History: [VMReservation].
//
// Fields a kind does not use are ignored.
type Request struct {
	// Charge is the kind of charge.
	Charge ChargeType
	// Trigger is what opened the window at Start.
	Trigger Trigger
	// Term is the subscription's billing term (plan.OneMonth to
	// plan.ThreeYears).
	Term plan.Term
	// Start is the instant that opened the window: the purchase, the
	// renewal into a new term, or the addition of the seats.
	Start time.Time
	// At is the instant of the refund or cancellation request. It must
	// not be before Start.
	At time.Time
	// Paid is what was paid for the charge (for seats added, for those
	// seats); the refund is a part of it. Not negative. The zero Money
	// stands for nothing paid.
	Paid currency.Money
	// PaidUntil is the end of the period that Paid covers, for prorated
	// refunds. Zero means Start plus Term, in Zone, clamped to month end
	// (calendar.AddMonths).
	PaidUntil time.Time
	// Zone is the buyer's time zone, in which calendar days are counted.
	Zone *time.Location
	// Vendor is the software's publisher, for the CSP software kinds.
	Vendor Vendor
	// PrivateOffer says that a VM software reservation was bought through
	// a private offer from a partner: it can never be cancelled (EXT-12).
	PrivateOffer bool
	// Commitment is the reservation commitment that the cancellation
	// would cancel, in the currency of Policy.ReservationLimit. Zero
	// means Paid.
	Commitment currency.Money
	// History lists the earlier reservation cancellations of the billing
	// profile or enrollment, in any order. Entries after At are ignored.
	History []Cancellation
}

// Cancellation is an earlier cancellation of reservation commitment,
// which counts against Policy.ReservationLimit for
// Policy.ReservationPeriod from its instant (EXT-12).
type Cancellation struct {
	// At is the instant of the cancellation.
	At time.Time `json:"at"`
	// Amount is the commitment cancelled, in the limit's currency.
	Amount currency.Money `json:"amount"`
}

// requestJSON is a Request's JSON form: Zone by its name.
type requestJSON struct {
	Charge       ChargeType     `json:"charge,omitzero"`
	Trigger      Trigger        `json:"trigger"`
	Term         plan.Term      `json:"term,omitzero"`
	Start        time.Time      `json:"start,omitzero"`
	At           time.Time      `json:"at,omitzero"`
	Paid         currency.Money `json:"paid"`
	PaidUntil    time.Time      `json:"paidUntil,omitzero"`
	Zone         string         `json:"zone,omitempty"`
	Vendor       Vendor         `json:"vendor"`
	PrivateOffer bool           `json:"privateOffer,omitempty"`
	Commitment   currency.Money `json:"commitment"`
	History      []Cancellation `json:"history,omitempty"`
}

// MarshalJSON implements [json.Marshaler]: an object with camelCase
// members, Zone by its IANA name ("Europe/Stockholm"; an unnamed fixed
// zone by its offset, "+01:00"), amounts as
// {"amount":"12.34","currency":"SEK"} (null when zero), instants RFC 3339.
// The zero Request marshals.
func (r Request) MarshalJSON() ([]byte, error) {
	v := requestJSON{Charge: r.Charge, Trigger: r.Trigger, Term: r.Term, Start: exactJSON(r.Start), At: exactJSON(r.At),
		Paid: r.Paid, PaidUntil: exactJSON(r.PaidUntil), Vendor: r.Vendor, PrivateOffer: r.PrivateOffer,
		Commitment: r.Commitment, History: r.History}
	if r.Zone != nil {
		// A fixed zone without a name is named by its offset ("+01:00").
		v.Zone = calendar.ZoneName(time.Unix(0, 0).In(r.Zone))
	}
	return json.Marshal(v)
}

var msgZoneName = rule.Message{English: "unknown time zone %q", Swedish: "okänd tidszon %q"}

// UnmarshalJSON implements [json.Unmarshaler] for the form MarshalJSON
// writes, strictly: an unknown, repeated or case-folded member, a value
// of the wrong type, an unknown name or a zone that is neither one
// [calendar.ZoneOf] reads ("UTC", "+01:00", "UTC-08:00") nor a name of the
// IANA time zone database ([time.LoadLocation]) is a problem
// at its path. Input longer than [MaxJSONSize] is refused. Errors are
// [rule.Problems]; the request is then unchanged. Whether the request
// can be decided is [Policy.Decide]'s question.
func (r *Request) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var ps rule.Problems
	if len(b) > MaxJSONSize {
		return addProblem(ps, "", "", msgTooLarge, ErrJSON, itoa(len(b)), itoa(MaxJSONSize))
	}
	var v requestJSON
	jsonx.Decode(b, &v, "", &ps)
	out := Request{Charge: v.Charge, Trigger: v.Trigger, Term: v.Term, Start: v.Start, At: v.At, Paid: v.Paid,
		PaidUntil: v.PaidUntil, Vendor: v.Vendor, PrivateOffer: v.PrivateOffer, Commitment: v.Commitment, History: v.History}
	if loc, ok := calendar.ZoneOf(v.Zone); ok {
		out.Zone = loc
	} else if v.Zone != "" {
		loc, err := time.LoadLocation(v.Zone)
		if err != nil || v.Zone == "Local" {
			ps = addProblem(ps, "", "zone", msgZoneName, ErrZone, v.Zone)
		}
		out.Zone = loc
	}
	for i := range ps {
		if ps[i].Err == nil {
			ps[i].Err = ErrJSON
		}
	}
	if len(ps) > 0 {
		return ps.Err()
	}
	*r = out
	return nil
}

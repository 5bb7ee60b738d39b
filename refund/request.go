package refund

import (
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
)

// Request is the question "may this charge still be refunded, how much,
// until when, and why?": a charge, the instant that opened its window,
// and the instant of the request. Every instant is given by the caller;
// nothing reads a clock.
//
// Which fields a kind uses:
//
//   - Kind, Start, At, Paid: always.
//   - Event: [NewPurchase] (the zero value) or [Renewal] for every kind
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
	// (plan.AddMonths).
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
// Policy.ReservationPeriod from its instant (W15).
type Cancellation struct {
	// At is the instant of the cancellation.
	At time.Time `json:"at"`
	// Amount is the commitment cancelled, in the limit's currency.
	Amount currency.Money `json:"amount"`
}

package pricing

import (
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// ErrSubscriptionChange is wrapped by the problem of a change that
// changes both the plan and the quantity, which must be two requests
// (EXT-06), that changes nothing, or that changes to a plan of another
// pricing model (OFR-06).
var ErrSubscriptionChange = errors.New("invalid subscription change")

// The reasons of prorations: stable codes, never renamed or reused, that
// hosts may switch on and store.
const (
	// ReasonChangeProrated: the change takes effect at once; the rest of
	// the billing period is credited at the old price and charged at the
	// new (PRC-05, PRC-06).
	ReasonChangeProrated rule.Reason = "change-prorated"
	// ReasonChangeAtRenewal: the policy defers the change to the renewal
	// of the term; nothing is prorated.
	ReasonChangeAtRenewal rule.Reason = "change-at-renewal"
	// ReasonChangeBlocked: the policy blocks this kind of change ("You
	// can block downgrades"); the subscription does not change.
	ReasonChangeBlocked rule.Reason = "change-blocked"
	// ReasonSeatReductionClosed: seats can be reduced only within the
	// policy's days of being added, and that window has closed (EXT-13).
	ReasonSeatReductionClosed rule.Reason = "seat-reduction-window-closed"
)

// ProrationUnit is the unit proration counts the billing period in.
// The enum is append-only; the zero value is ProrateByDay.
type ProrationUnit uint8

// The proration units.
const (
	// ProrateByDay counts whole days, the only granularity Microsoft
	// documents ("Proration is calculated daily"). A day runs
	// from the billing period's start time on one calendar date to the
	// same time on the next, on the calendar of the policy's location:
	// for a period that starts at midnight, calendar days. The day of the
	// change counts as unused: it is credited at the old price and
	// charged at the new.
	ProrateByDay ProrationUnit = iota
	// ProrateBySecond counts exact elapsed seconds; the second of the
	// change counts as unused.
	ProrateBySecond
)

var prUnitNames = enum.Names[ProrationUnit]{Type: "proration unit", Names: []string{"day", "second"}}

// String returns "day" or "second".
func (u ProrationUnit) String() string { return prUnitNames.String(u) }

// MarshalText implements [encoding.TextMarshaler].
func (u ProrationUnit) MarshalText() ([]byte, error) { return prUnitNames.Marshal(u) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (u *ProrationUnit) UnmarshalText(b []byte) error { return prUnitNames.Unmarshal(b, u) }

// ChangeTiming says when a plan or seat change takes effect. The enum is
// append-only; the zero value is TimingImmediate.
type ChangeTiming uint8

// The timings.
const (
	// TimingImmediate: at once, prorated over the rest of the billing
	// period (changes "take effect immediately").
	TimingImmediate ChangeTiming = iota
	// TimingAtRenewal: at the renewal of the term, without proration
	// (private offers "can't be upgraded mid-term").
	TimingAtRenewal
	// TimingBlocked: not at all ("You can block downgrades").
	TimingBlocked
)

var prTimingNames = enum.Names[ChangeTiming]{Type: "change timing", Names: []string{"immediate", "at-renewal", "blocked"}}

// String returns "immediate", "at-renewal" or "blocked".
func (t ChangeTiming) String() string { return prTimingNames.String(t) }

// MarshalText implements [encoding.TextMarshaler].
func (t ChangeTiming) MarshalText() ([]byte, error) { return prTimingNames.Marshal(t) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *ChangeTiming) UnmarshalText(b []byte) error { return prTimingNames.Unmarshal(b, t) }

// ChangeDirection says whether a change raises or lowers the price. The
// enum is append-only; the zero value is invalid.
type ChangeDirection uint8

// The directions.
const (
	// Upgrade: the new plan or quantity costs more for the term.
	Upgrade ChangeDirection = iota + 1
	// Downgrade: it costs less.
	Downgrade
	// Lateral: it costs the same; it follows the policy's upgrade timing.
	Lateral
)

var prDirectionNames = enum.Names[ChangeDirection]{Type: "change direction", Names: []string{"", "upgrade", "downgrade", "lateral"}}

// String returns "upgrade", "downgrade" or "lateral".
func (d ChangeDirection) String() string { return prDirectionNames.String(d) }

// MarshalText implements [encoding.TextMarshaler].
// The zero value, unset, marshals to "".
func (d ChangeDirection) MarshalText() ([]byte, error) { return unsetMarshal(prDirectionNames, d) }

// UnmarshalText implements [encoding.TextUnmarshaler].
// "" is the zero value, unset.
func (d *ChangeDirection) UnmarshalText(b []byte) error {
	return unsetUnmarshal(prDirectionNames, b, d)
}

// ChangeKind says what a change changes: the plan (PRC-05) or the number
// of users (PRC-06); never both (EXT-06). The enum is append-only; the
// zero value is invalid.
type ChangeKind uint8

// The kinds of change.
const (
	PlanChange ChangeKind = iota + 1
	SeatChange
)

var prKindNames = enum.Names[ChangeKind]{Type: "change kind", Names: []string{"", "plan", "seats"}}

// String returns "plan" or "seats".
func (k ChangeKind) String() string { return prKindNames.String(k) }

// MarshalText implements [encoding.TextMarshaler].
// The zero value, unset, marshals to "".
func (k ChangeKind) MarshalText() ([]byte, error) { return unsetMarshal(prKindNames, k) }

// UnmarshalText implements [encoding.TextUnmarshaler].
// "" is the zero value, unset.
func (k *ChangeKind) UnmarshalText(b []byte) error { return unsetUnmarshal(prKindNames, b, k) }

// SubscriptionChange is what a customer changes in a subscription: its
// plan or its number of users, not both (EXT-06).
type SubscriptionChange struct {
	// Plan is the new plan; nil, or a plan with the current plan's ID,
	// keeps the plan.
	Plan *plan.Plan `json:"plan,omitempty"`
	// Quantity is the new number of users of a per-user plan (PRC-06);
	// zero keeps the current number.
	Quantity int64 `json:"quantity,omitempty"`
	// SeatsAddedAt is when the seats a reduction removes were added; it
	// is needed when the policy limits seat reductions
	// (SeatReductionDays, EXT-13).
	SeatsAddedAt time.Time `json:"seatsAddedAt,omitzero"`
}

// Proration is the answer to a mid-term change of plan or seats: when the
// change takes effect, the rule and reason, the billing period it falls in
// and how much of it is left, and the money: a credit for the unused part
// of what was paid for the period and a charge for the same part at the
// new price. It is a value, not an error; [Proration.Explain] renders it.
//
// The money adds up exactly: Credit + Charge = Net, and Kept − Credit =
// Paid, with 0 ≤ −Credit ≤ Paid and 0 ≤ Charge ≤ NewPrice. The credit
// is Paid × Unused/Total and the charge NewPrice × Unused/Total, each
// rounded once with the policy's rounding, so a later change never gets a
// larger credit. Changes that do not take effect at once have zero
// amounts.
type Proration struct {
	// Kind says whether the plan or the seats change; Direction whether
	// the term's price goes up or down; Timing when the change takes
	// effect under the policy.
	Kind      ChangeKind      `json:"kind"`
	Direction ChangeDirection `json:"direction"`
	Timing    ChangeTiming    `json:"timing"`
	// Rule decided the proration (PRC-05 plan change, PRC-06 seat change,
	// EXT-13 a CSP seat reduction); Reason says what came of it.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Policy is the name of the policy applied.
	Policy string `json:"policy"`
	// FromPlan, FromQuantity, ToPlan and ToQuantity are the plan IDs and
	// quantities before and after.
	FromPlan     string `json:"fromPlan"`
	FromQuantity int64  `json:"fromQuantity"`
	ToPlan       string `json:"toPlan"`
	ToQuantity   int64  `json:"toQuantity"`
	// At is the instant of the change; EffectiveAt when it takes effect:
	// At, TermEnd for a change at renewal, zero when blocked.
	At          time.Time `json:"at"`
	EffectiveAt time.Time `json:"effectiveAt,omitzero"`
	// Period is the billing period that contains At: the period the last
	// payment paid for (the whole term when paid upfront). TermEnd is the
	// end of the current term: its renewal, which the change does not
	// move (PRC-05).
	Period  calendar.Period `json:"period"`
	TermEnd time.Time       `json:"termEnd"`
	// Unit, Used and Total are the proration's fraction: Used of the
	// period's Total days (or seconds) had passed before the change day;
	// Total − Used remain. Zone is the location days are counted in.
	Unit  ProrationUnit `json:"unit"`
	Used  int64         `json:"used"`
	Total int64         `json:"total"`
	Zone  string        `json:"zone"`
	// Convention names how Used and Total were counted:
	// [calendar.AnchorDays] (whole days of Zone's calendar, each starting
	// at the billing period's clock time) or [calendar.Elapsed] (seconds).
	Convention calendar.Convention `json:"convention"`
	// SeatWindowEnd is when the window for reducing the seats closes,
	// under a policy that limits seat reductions (EXT-13).
	SeatWindowEnd time.Time `json:"seatWindowEnd,omitzero"`
	// Credited is the unused part of Period that the change credits and
	// charges: from the start of the day (or second) of the change to the
	// period's end. It is zero unless the change takes effect at once.
	Credited calendar.Period `json:"credited,omitzero"`
	// Term and Payment are the subscription's; the change keeps them.
	Term    plan.Term          `json:"term,omitzero"`
	Payment plan.PaymentOption `json:"payment"`
	// Paid is what the period costs at the old plan and quantity (the
	// payment made for it); NewPrice what it costs at the new.
	Paid     currency.Money `json:"paid"`
	NewPrice currency.Money `json:"newPrice"`
	// Credit (zero or negative) and Charge (zero or positive) are billed
	// at the change for the Credited part of the period; AppendCharges
	// writes them as lines. Kept is the part of Paid for the used part,
	// Paid + Credit; Net is Credit + Charge, what the customer is billed
	// (or, if negative, credited) for the change.
	Credit currency.Money `json:"credit"`
	Charge currency.Money `json:"charge"`
	Kept   currency.Money `json:"kept"`
	Net    currency.Money `json:"net"`
}

// AppendCharges appends the two lines an immediate change bills, the credit
// (kind ChargeProrationCredit) and the charge (ChargeProrationCharge), both
// for the Credited part of the period and billed at At, and returns the
// extended slice. A change that does not take effect at once bills
// nothing and appends nothing. It does not allocate when dst has room.
func (p Proration) AppendCharges(dst []Charge) []Charge {
	if p.Timing != TimingImmediate || p.Reason == "" {
		return dst
	}
	return append(dst,
		Charge{Kind: ChargeProrationCredit, Reason: ReasonProrationCredit, Rule: p.Rule, Plan: p.FromPlan, Term: p.Term, Payment: p.Payment,
			Period: p.Credited, BilledAt: p.At, UnitPrice: p.Paid, Quantity: p.FromQuantity, Amount: p.Credit},
		Charge{Kind: ChargeProrationCharge, Reason: ReasonProrationCharge, Rule: p.Rule, Plan: p.ToPlan, Term: p.Term, Payment: p.Payment,
			Period: p.Credited, BilledAt: p.At, UnitPrice: p.NewPrice, Quantity: p.ToQuantity, Amount: p.Charge})
}

// Unused returns the days (or seconds) of the period that remain at the
// change: Total − Used, the day of the change included.
func (p Proration) Unused() int64 { return p.Total - p.Used }

// Prorate answers a change ch of the subscription sub (its plan, market,
// term, payment option, quantity, exchange rate, start and billing day)
// at the instant at, under the policy p.
//
// The term stays (PRC-05, PRC-06): the billing period that contains at is
// the one the last payment paid for, Payment.Months(Term) calendar months
// from the billing anchor (computed from the anchor every time, clamped
// to month end, in p.Location), or the partial first period of a
// subscription whose billing day differs from its start. For a change
// that takes effect at once, the unused part of the period is credited at
// the old price and charged at the new: the period's price under each is
// the payment for it, as [Policy.AppendSchedule] bills it. The unused
// part is counted in p.ProrationUnit: by whole anchor days
// (calendar.AnchorDays), with the day of the change counted as unused, so
// a change on a period's first day credits the whole period and one on
// its last day credits one day; or by exact seconds (calendar.Elapsed).
// The answer's Convention and Zone say which.
//
// A change that raises the term's price is an upgrade, one that lowers it
// a downgrade; p says when each takes effect. A change at renewal or a
// blocked one is a decision too, with no money. Under a policy with a
// SeatReductionWindow, a seat reduction after the window is blocked
// (EXT-13).
//
// The instants of the result (At, Period, TermEnd, …) are in p.Location,
// UTC by default.
//
// Invalid input is reported as [rule.Problems], all at once: the problems
// of [Policy.Quote] for the current subscription (paths "market", "rate",
// …) and for the change ("change.plan", "change.quantity"), a change of
// both plan and quantity or of neither ([ErrSubscriptionChange], EXT-06),
// a change to a plan of another pricing model ([ErrSubscriptionChange],
// OFR-06), a seat change of a plan not priced per user ([ErrSeats],
// PRC-06), and an instant before sub.Start or a period ending after the
// year 9999 ([ErrInstant]). Prorate does not allocate unless it fails.
func (p Policy) Prorate(sub Subscription, ch SubscriptionChange, at time.Time) (r Proration, err error) {
	// r is the result itself: the proration is written where it is
	// returned.
	var ps rule.Problems
	pol := p.resolved().checked(&ps)
	instantsOK := qtCheckStartAt(sub.Start, at, rule.PRC05, "", &ps)
	instantsOK = checkBillingDay(&sub, rule.PRC05, &ps) && instantsOK
	if sub.Plan == nil {
		qtAdd(&ps, ErrUnpriced, rule.PRC05, "plan", qtMsgPlanRequired)
		return Proration{}, ps.Err()
	}

	// What changes (EXT-06).
	newReq := sub
	oldQty := sub.Quantity
	if oldQty == 0 && sub.Plan.Pricing.Model != plan.PerUser {
		oldQty = 1 // a subscription of a plan not priced per user
	}
	planChanged := ch.Plan != nil && ch.Plan != sub.Plan && ch.Plan.ID != sub.Plan.ID
	seatsChanged := ch.Quantity != 0 && ch.Quantity != oldQty
	switch {
	case planChanged && seatsChanged:
		qtAdd(&ps, ErrSubscriptionChange, rule.EXT06, "change", prMsgBoth)
	case !planChanged && !seatsChanged:
		qtAdd(&ps, ErrSubscriptionChange, rule.EXT06, "change", prMsgNothing)
	case ch.Quantity < 0:
		qtAdd(&ps, ErrSeats, rule.EXT06, "change.quantity", qtMsgQuantityNeg, ch.Quantity)
	case seatsChanged && sub.Plan.Pricing.Model != plan.PerUser:
		qtAdd(&ps, ErrSeats, rule.PRC06, "change.quantity", prMsgSeatsModel, sub.Plan.ID, sub.Plan.Pricing.Model.String())
	case planChanged && ch.Plan.Pricing.Model.Family() != sub.Plan.Pricing.Model.Family():
		qtAdd(&ps, ErrSubscriptionChange, rule.OFR06, "change.plan", prMsgModelFamily, sub.Plan.Pricing.Model.String(), ch.Plan.Pricing.Model.String())
	}
	if planChanged {
		newReq.Plan = ch.Plan
	}
	if seatsChanged {
		newReq.Quantity = ch.Quantity
	}
	for i, p := range [...]*plan.Plan{sub.Plan, newReq.Plan} {
		if p != nil && (qtIsVM(p) || !prRecurring(p.Pricing.Model)) && (i == 0 || planChanged) {
			path := "plan"
			if i == 1 {
				path = "change.plan"
			}
			qtAdd(&ps, ErrUnpriced, rule.PRC05, path, prMsgNotRecurring, p.ID, p.Pricing.Model.String())
		}
	}
	if len(ps) > 0 {
		return Proration{}, ps.Err()
	}

	// The prices before and after.
	var old, nw Quote
	qtQuote(&old, &sub, pol, "", &ps)
	if len(ps) == 0 {
		before := len(ps)
		qtQuote(&nw, &newReq, pol, "change", &ps)
		for j := before; j < len(ps); j++ {
			switch ps[j].Path {
			case "change.rate":
				ps[j].Path = "rate"
			case "change.market", "change.term", "change.payment":
				ps[j].Path = "change.plan"
			case "change.quantity":
				if !seatsChanged {
					ps[j].Path = "change.plan"
				}
			}
		}
	}
	reduction := seatsChanged && ch.Quantity < oldQty && int(pol.SeatReductionWindow) > 0
	if reduction && qtCheckInstant(ch.SeatsAddedAt, rule.EXT13, "change.seatsAddedAt", &ps) && instantsOK &&
		ch.SeatsAddedAt.After(at) {
		qtAdd(&ps, ErrInstant, rule.EXT13, "change.seatsAddedAt", prMsgAddedAfter, ch.SeatsAddedAt, at)
	}
	if len(ps) > 0 || !instantsOK {
		return Proration{}, ps.Err()
	}

	loc := pol.location()
	var bl billing
	bl.init(&sub, loc)
	t := at.In(loc)
	tm := sub.Term.Months()
	n := old.Payments
	k, period, ok := bl.periodAt(tm/n, t)
	if !ok {
		qtAdd(&ps, ErrInstant, rule.PRC05, "at", sbMsgBeyond, at)
		return Proration{}, ps.Err()
	}
	var paid, newPrice currency.Money
	var termEnd time.Time
	if k < 0 {
		// The partial first period: its prorated charges, and the first
		// term's end.
		var err error
		paid, _, _, err = bl.partialShare(qtInstallment(old.Price, n, 0), tm/n, pol)
		if err == nil {
			newPrice, _, _, err = bl.partialShare(qtInstallment(nw.Price, n, 0), tm/n, pol)
		}
		if err != nil { // cannot happen: the fraction is below 1
			qtAdd(&ps, err, rule.PRC05, "at", qtMsgArith, err.Error())
			return Proration{}, ps.Err()
		}
		termEnd = bl.at(tm)
	} else {
		i := k % n
		termEnd = period.End // in range: periodAt checked it
		if i != n-1 {
			termEnd = bl.at((k/n + 1) * tm)
			if !inRange(termEnd) {
				qtAdd(&ps, ErrInstant, rule.PRC05, "at", sbMsgBeyond, at)
				return Proration{}, ps.Err()
			}
		}
		paid = qtInstallment(old.Price, n, i)
		newPrice = qtInstallment(nw.Price, n, i)
	}
	zero, _ := currency.New(0, old.Price.Code()) // a checked code: inline, cannot fail

	// r is still the zero Proration: its fields are set one by one, without
	// a composite literal zeroing it again.
	r.Kind, r.Rule, r.Policy = PlanChange, rule.PRC05, pol.Name
	r.FromPlan, r.FromQuantity, r.ToPlan, r.ToQuantity = old.Plan, old.Quantity, nw.Plan, nw.Quantity
	r.At, r.Period, r.TermEnd, r.Unit, r.Zone = t, period, termEnd, pol.ProrationUnit, loc.String()
	r.Term, r.Payment = sub.Term, sub.Payment
	r.Paid, r.NewPrice, r.Credit, r.Charge, r.Kept, r.Net = paid, newPrice, zero, zero, paid, zero
	if seatsChanged {
		r.Kind, r.Rule = SeatChange, rule.PRC06
	}
	c, _ := nw.Price.Cmp(old.Price)
	r.Direction, r.Timing = Upgrade, pol.Upgrade
	switch c {
	case -1:
		r.Direction, r.Timing = Downgrade, pol.Downgrade
	case 0:
		r.Direction = Lateral
	}
	if reduction {
		r.Rule = rule.EXT13
		y, m, d := ch.SeatsAddedAt.In(loc).Date()
		r.SeatWindowEnd = time.Date(y, m, d+int(pol.SeatReductionWindow), 0, 0, 0, 0, loc)
		if !t.Before(r.SeatWindowEnd) {
			r.Timing = TimingBlocked
		}
	}

	switch r.Timing {
	case TimingBlocked:
		r.Reason = ReasonChangeBlocked
		if reduction {
			r.Reason = ReasonSeatReductionClosed
		}
		return r, nil
	case TimingAtRenewal:
		r.Reason, r.EffectiveAt = ReasonChangeAtRenewal, termEnd
		return r, nil
	}

	// Immediate: credit and charge the unused part of the period.
	var from time.Time
	r.Used, r.Total, from, err = prCount(period, t, pol.ProrationUnit, loc)
	if err != nil { // cannot happen: t is in period
		qtAdd(&ps, err, r.Rule, "at", qtMsgArith, err.Error())
		return Proration{}, ps.Err()
	}
	r.Convention = calendar.AnchorDays
	if pol.ProrationUnit == ProrateBySecond {
		r.Convention = calendar.Elapsed
	}
	r.Reason, r.EffectiveAt = ReasonChangeProrated, t
	r.Credited = calendar.Period{Start: from, End: period.End}
	unused := r.Total - r.Used
	credit, err := paid.MulDiv(unused, r.Total, pol.ProrationRounding)
	if err == nil {
		r.Charge, err = newPrice.MulDiv(unused, r.Total, pol.ProrationRounding)
	}
	if err != nil { // cannot happen: the fraction is at most 1
		qtAdd(&ps, err, r.Rule, "at", qtMsgArith, err.Error())
		return Proration{}, ps.Err()
	}
	// The codes are those of checked amounts: New cannot fail, and runs
	// inline.
	r.Credit, _ = currency.New(-credit.Minor(), credit.Code())
	r.Kept, _ = currency.New(paid.Minor()-credit.Minor(), paid.Code())
	r.Net, _ = currency.New(r.Charge.Minor()-credit.Minor(), paid.Code())
	return r, nil
}

// prRecurring reports whether a model has a recurring fee to prorate.
func prRecurring(m plan.Model) bool {
	return m == plan.FlatRate || m == plan.PerUser || m == plan.UsageOnly
}

// prCount returns how many days (or seconds) of period had passed before
// the one that contains t, how many the period has, and the start of the
// day (or second) that contains t: the first instant credited. Days are
// [calendar.AnchorDays] of loc: day j begins at the period start's clock
// time on its date + j (every 24 hours in UTC).
func prCount(period calendar.Period, t time.Time, unit ProrationUnit, loc *time.Location) (used, total int64, from time.Time, err error) {
	s, e := period.Start, period.End
	if unit == ProrateBySecond {
		total = int64(e.Sub(s) / time.Second)
		used = int64(t.Sub(s) / time.Second)
		return used, total, s.Add(time.Duration(used) * time.Second), nil
	}
	dc, err := calendar.CountDays(period, t, calendar.AnchorDays, loc)
	return int64(dc.Used), int64(dc.Total), dc.From, err
}

var (
	prMsgBoth         = rule.Message{English: "a change may change the plan or the number of users, not both: make two changes", Swedish: "en ändring får ändra planen eller antalet användare, inte båda: gör två ändringar"}
	prMsgNothing      = rule.Message{English: "the change changes neither the plan nor the number of users", Swedish: "ändringen ändrar varken planen eller antalet användare"}
	prMsgSeatsModel   = rule.Message{English: "plan %q is %s; only per-user subscriptions change their number of users", Swedish: "planen %q är %s; bara prenumerationer per användare ändrar antalet användare"}
	prMsgModelFamily  = rule.Message{English: "a %s plan cannot change to a %s plan: the plans of an offer share one pricing model", Swedish: "en plan med %s kan inte bytas mot en plan med %s: ett erbjudandes planer har samma prismodell"}
	prMsgNotRecurring = rule.Message{English: "plan %q is %s, which has no recurring fee to prorate", Swedish: "planen %q är %s, som inte har någon återkommande avgift att fördela"}
	prMsgAddedAfter   = rule.Message{English: "the seats were added at %v, after the change at %v", Swedish: "licenserna lades till %v, efter ändringen %v"}
	prMsgEnum         = rule.Message{English: "%s is not defined", Swedish: "%s är inte definierad"}
)

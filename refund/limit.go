package refund

import (
	"math"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// LimitAt returns the reservation cancellation limit at instant at (EXT-12):
// the commitment cancelled in the rolling period that ends at at, the
// amount still available, and whether cancelling commitment (zero to
// just ask) fits. An earlier cancellation at instant c counts for
// instants in [c, c+p.ReservationPeriod); entries of history after at
// have not happened yet and do not count.
//
// For example, after cancelling 2,400 USD the available limit is 47,600 USD; 365
// days later it is 50,000 USD again.
//
// The zero Policy means [DefaultPolicy]. Under a policy without a limit (the zero ReservationLimit), the Limit
// is zero but for Requested, Rule and Reason ([ReasonNoLimit]), and
// Allowed is true. Errors, as a
// [rule.Problems]: a missing at, a negative amount, an amount not in the
// limit's currency, a policy limit that is negative or has no positive
// period, a sum that overflows.
func (p Policy) LimitAt(at time.Time, commitment currency.Money, history []Cancellation) (Limit, error) {
	if p.isZero() {
		p = defaults()
	}
	var ps rule.Problems
	if p.ReservationLimit == (currency.Money{}) {
		ps = checkAmount(ps, rule.EXT12, "commitment", commitment)
		if ps != nil {
			return Limit{}, ps.Err()
		}
		return Limit{Allowed: true, Rule: rule.EXT12, Reason: ReasonNoLimit, Requested: commitment}, nil
	}
	if at.IsZero() {
		ps = addProblem(ps, rule.EXT12, "at", msgMissingAt, ErrMissing)
	}
	n := len(ps)
	if ps = p.checkLimit(ps); len(ps) == n {
		ps = checkAmount(ps, rule.EXT12, "commitment", commitment)
		ps = p.checkInLimitCurrency(ps, "commitment", commitment)
		ps = p.checkHistory(ps, "history", history)
	}
	if ps != nil {
		return Limit{}, ps.Err()
	}
	l, ps := p.limitAt(at, commitment, history, "history")
	if ps != nil {
		return Limit{}, ps.Err()
	}
	return l, nil
}

// limitAt computes the limit for checked inputs. Its only failure is a
// sum of history amounts beyond the range of Money.
func (p *Policy) limitAt(at time.Time, commitment currency.Money, history []Cancellation, path string) (Limit, rule.Problems) {
	code := p.ReservationLimit.Code()
	var used int64
	var restores time.Time
	for _, c := range history {
		if c.At.After(at) {
			continue // not yet cancelled at at
		}
		end := c.At.Add(p.ReservationPeriod)
		if !at.Before(end) {
			continue // no longer counts
		}
		a := c.Amount.Minor()
		if used > math.MaxInt64-a {
			return Limit{}, addProblem(nil, rule.EXT12, path, msgHistoryOverflow, ErrAmount)
		}
		used += a
		if restores.IsZero() || end.Before(restores) {
			restores = end
		}
	}
	avail := max(p.ReservationLimit.Minor()-used, 0)
	why := ReasonWithinLimit
	if commitment.Minor() > avail {
		why = ReasonLimitExceeded
	}
	// code is the policy's, checked by Validate.
	usedM, _ := currency.New(used, code)
	availM, _ := currency.New(avail, code)
	return Limit{
		Rule:       rule.EXT12,
		Reason:     why,
		Limit:      p.ReservationLimit,
		Used:       usedM,
		Available:  availM,
		Requested:  commitment,
		Allowed:    commitment.Minor() <= avail,
		RestoresAt: restores,
	}, nil
}

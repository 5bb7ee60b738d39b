package pricing

import (
	"github.com/marketrules/marketrules/calendar"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// MeteredUsage is the usage of one metering dimension in one usage
// billing period, in whole units of the dimension's unit of measure (a
// dimension priced "per 100 emails" counts hundreds of emails).
//
// The quantity a plan includes counts per subscription term from its
// start (EXT-03), so the overage of a period depends on the usage
// earlier in the same term: UsedBefore.
type MeteredUsage struct {
	// Dimension is the ID of the offer's metering dimension.
	Dimension string `json:"dimension"`
	// UsedBefore is the usage earlier in the same term, before the
	// period; 0 in a term's first period.
	UsedBefore int64 `json:"usedBefore,omitempty"`
	// Used is the usage in the period.
	Used int64 `json:"used"`
}

// VMUsage is the runtime of virtual machines of one size in one usage
// billing period. Runtime is rounded to whole minutes as one figure: pass
// one record per VM (or per run) to charge each one's started minute.
type VMUsage struct {
	// VCPUs is the VM size: its number of vCPUs (ignored by a flat-rate
	// plan, whose hourly price is the same for every size).
	VCPUs int `json:"vcpus"`
	// Runtime is the total time the VMs of that size ran in the period.
	Runtime time.Duration `json:"runtime"`
}

// QuoteOverage prices the usage u of one metering dimension of a
// flat-rate or usage-only plan (EXT-02) in the usage billing period of
// req's subscription that contains at: int(pol.UsageMonths) calendar months
// from req.Start, billed in arrears at the period's end (PRC-07).
//
// The plan's meter includes a quantity per billing term (req.Term),
// counted from the start of each term (EXT-03): the period's overage
// is the usage above the included quantity after u.UsedBefore units
// earlier in the term, max(0, UsedBefore + Used − Included) − max(0,
// UsedBefore − Included), and none when the plan includes an unlimited
// quantity. A meter that declares no included quantity for the term
// includes none. The amount is the overage × the meter's unit price in
// the market (its USD price converted as [Policy.Quote] converts, unit price
// first), exactly: 200 texts over at 0.05 USD are 10.00 USD. The
// line is returned even when there is no overage, with a zero amount, so
// that it shows the included quantity at work.
//
// req.Payment does not matter; req.Quantity is not used. Invalid input is
// reported as by [Policy.Quote]; negative usage wraps [ErrUsage]. QuoteOverage
// does not allocate unless it fails.
func (p Policy) QuoteOverage(req Subscription, at time.Time, u MeteredUsage) (l Charge, err error) {
	var ps rule.Problems
	pol := p.resolved().checked(&ps)
	mk, period, ok := qtUsageSetup(&req, at, pol, false, &ps)
	if ok {
		qtOverageLine(&l, &req, &mk, period, u, pol, "usage", &ps) // in place: no copy of a Charge
	}
	if len(ps) > 0 {
		return Charge{}, ps.Err()
	}
	return l, nil
}

// AppendOverage appends to dst a line per element of usage, priced as by
// [Policy.QuoteOverage] for the usage billing period that contains at, and
// returns the extended slice. The lines are in the order of usage. When
// any input is invalid it reports every problem, with paths such as
// "usage[2].used", and returns dst unchanged. It does not allocate when
// dst has room.
func (p Policy) AppendOverage(dst []Charge, req Subscription, at time.Time, usage []MeteredUsage) ([]Charge, error) {
	var ps rule.Problems
	pol := p.resolved().checked(&ps)
	mk, period, ok := qtUsageSetup(&req, at, pol, false, &ps)
	n := len(dst)
	if ok {
		for i := range usage {
			before := len(ps)
			var l Charge
			ok := qtOverageLine(&l, &req, &mk, period, usage[i], pol, "usage", &ps)
			ps = qtNameElement(ps, before, i)
			if ok {
				dst = append(dst, l)
			}
		}
	}
	if len(ps) > 0 {
		clear(dst[n:])
		return dst[:n], ps.Err()
	}
	return dst, nil
}

// qtNameElement rewrites the paths "usage…" of the problems ps[from:] of
// element i to "usage[i]…", and drops those that repeat an earlier
// problem about the request (such as a missing exchange rate). Only
// failures pay for it.
func qtNameElement(ps rule.Problems, from, i int) rule.Problems {
	out := ps[:from]
	for _, p := range ps[from:] {
		if rest, ok := strings.CutPrefix(p.Path, "usage"); ok {
			p.Path = qtIndex("usage", i) + rest
		} else if slices.ContainsFunc(out, func(q rule.Problem) bool { return q.Path == p.Path && q.Err == p.Err }) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// QuoteVMUsage prices the runtime u of virtual machines of a virtual
// machine plan in the usage billing period of req's subscription that
// contains at: int(pol.UsageMonths) calendar months from req.Start, billed
// monthly in arrears at the period's end (PRC-07, EXT-07).
//
// Usage is priced per hour and charged by the minute (EXT-07): the
// runtime is turned into whole minutes with p.MinuteRounding (by
// default a started minute is charged in full: 90 seconds are 2 minutes),
// and the amount is the hourly price in the market × the quantity × the
// minutes / 60, rounded once with p.UsageRounding. The hourly price is
// the flat rate; the price per vCPU, and the quantity the VM's vCPUs; the
// price of the VM's size; or the plan's price for the market and size, in
// the market's currency without conversion. Other prices are converted
// from USD as by [Policy.Quote].
//
// A free or BYOL plan has no software charge (PRC-01): its line has a
// zero amount, never no line, so that every usage record is accounted
// for. req.Term, req.Payment and req.Quantity are not used.
//
// Invalid input is reported as by [Policy.Quote]; a negative runtime or a
// size that is not a positive number of vCPUs wraps [ErrUsage].
// QuoteVMUsage does not allocate unless it fails.
func (p Policy) QuoteVMUsage(req Subscription, at time.Time, u VMUsage) (l Charge, err error) {
	var ps rule.Problems
	pol := p.resolved().checked(&ps)
	mk, period, ok := qtUsageSetup(&req, at, pol, true, &ps)
	if ok {
		qtVMLine(&l, &req, &mk, period, u, pol, "usage", &ps) // in place: no copy of a Charge
	}
	if len(ps) > 0 {
		return Charge{}, ps.Err()
	}
	return l, nil
}

// AppendVMUsage appends to dst a line per element of usage, priced as by
// [Policy.QuoteVMUsage] for the usage billing period that contains at, and
// returns the extended slice, as [Policy.AppendOverage] does.
func (p Policy) AppendVMUsage(dst []Charge, req Subscription, at time.Time, usage []VMUsage) ([]Charge, error) {
	var ps rule.Problems
	pol := p.resolved().checked(&ps)
	mk, period, ok := qtUsageSetup(&req, at, pol, true, &ps)
	n := len(dst)
	if ok {
		for i := range usage {
			before := len(ps)
			var l Charge
			ok := qtVMLine(&l, &req, &mk, period, usage[i], pol, "usage", &ps)
			ps = qtNameElement(ps, before, i)
			if ok {
				dst = append(dst, l)
			}
		}
	}
	if len(ps) > 0 {
		clear(dst[n:])
		return dst[:n], ps.Err()
	}
	return dst, nil
}

// qtUsageSetup checks what a usage quote needs beyond the usage itself
// and returns the market and the usage billing period that contains at.
func qtUsageSetup(req *Subscription, at time.Time, pol *Policy, vm bool, ps *rule.Problems) (qtMkt, calendar.Period, bool) {
	id := rule.EXT03
	if vm {
		id = rule.EXT07
	}
	okInstants := qtCheckStartAt(req.Start, at, id, "", ps)
	okInstants = checkBillingDay(req, id, ps) && okInstants
	p := req.Plan
	if p == nil {
		qtAdd(ps, ErrUnpriced, id, "plan", qtMsgPlanRequired)
		return qtMkt{}, calendar.Period{}, false
	}
	m := p.Pricing.Model
	switch {
	case vm && !qtIsVM(p) && m != plan.Free && m != plan.BYOL:
		qtAdd(ps, ErrUnpriced, rule.EXT07, "plan.pricing.model", qtMsgNotVM, p.ID, m.String())
	case !vm && (qtIsVM(p) || m != plan.FlatRate && m != plan.UsageOnly):
		qtAdd(ps, ErrUnpriced, rule.EXT02, "plan.pricing.model", qtMsgNotMetered, p.ID, m.String())
	}
	mk, _ := qtMarket(req, "", ps)
	if !vm {
		switch t := req.Term; {
		case !t.Valid() || t == plan.Hourly:
			qtAdd(ps, ErrUnpriced, rule.EXT03, "term", qtMsgTerm, t.String())
		case len(p.Pricing.Terms) > 0 && !qtHasTerm(p, t):
			qtAdd(ps, ErrUnpriced, rule.EXT03, "term", qtMsgTermPlan, p.ID, t.Words())
		case int(pol.UsageMonths) > 0 && t.Months()%int(pol.UsageMonths) != 0:
			qtAdd(ps, ErrPolicy, rule.PRC07, "policy.usageMonths", qtMsgUsageMonths, int64(int(pol.UsageMonths)), t.Words())
		}
	}
	if len(*ps) > 0 || !okInstants {
		return mk, calendar.Period{}, false
	}
	loc := pol.location()
	var bl billing
	bl.init(req, loc)
	_, period, ok := bl.periodAt(int(pol.UsageMonths), at.In(loc))
	if !ok {
		qtAdd(ps, ErrInstant, id, "at", sbMsgBeyond, at)
		return mk, calendar.Period{}, false
	}
	return mk, period, true
}

func qtHasTerm(p *plan.Plan, t plan.Term) bool {
	for i := range p.Pricing.Terms {
		if p.Pricing.Terms[i].Term == t {
			return true
		}
	}
	return false
}

// qtOverageLine prices one dimension's usage into l, which must be the
// zero Charge (it is left zero on failure); path names u.
func qtOverageLine(l *Charge, req *Subscription, mk *qtMkt, period calendar.Period, u MeteredUsage, pol *Policy,
	path string, ps *rule.Problems) bool {
	p := req.Plan
	var meter *plan.Meter
	for i := range p.Pricing.Meters {
		if p.Pricing.Meters[i].Dimension == u.Dimension {
			meter = &p.Pricing.Meters[i]
			break
		}
	}
	ok := true
	if meter == nil {
		qtAdd(ps, ErrUnpriced, rule.EXT02, qtPath(path, "dimension"), qtMsgDimension, u.Dimension, p.ID)
		ok = false
	}
	if u.UsedBefore < 0 {
		qtAdd(ps, ErrUsage, rule.EXT03, qtPath(path, "usedBefore"), qtMsgUsageNeg, u.UsedBefore)
		ok = false
	}
	if u.Used < 0 {
		qtAdd(ps, ErrUsage, rule.EXT03, qtPath(path, "used"), qtMsgUsageNeg, u.Used)
		ok = false
	}
	if !ok {
		return false
	}
	var pr qtPrice
	if !qtMarketPrice(&pr, meter.Price, nil, req, mk, pol, "", "plan.pricing.meters", rule.EXT02, ps) {
		return false
	}
	included, _ := meter.IncludedFor(req.Term)
	var over int64
	if !included.IsUnlimited() {
		if u.UsedBefore > math.MaxInt64-u.Used {
			qtAdd(ps, currency.ErrOverflow, rule.EXT03, qtPath(path, "used"), qtMsgUsageOverflow, u.UsedBefore, u.Used)
			return false
		}
		inc := max(int64(included), 0)
		over = max(u.UsedBefore+u.Used-inc, 0) - max(u.UsedBefore-inc, 0)
	}
	amount, err := pr.unit.Mul(over)
	if err != nil {
		qtAdd(ps, err, rule.EXT03, qtPath(path, "used"), qtMsgArith, err.Error())
		return false
	}
	l.Kind, l.Reason, l.Rule, l.Plan, l.Dimension = ChargeOverage, ReasonUsageOverage, rule.EXT03, p.ID, u.Dimension
	l.Term, l.Payment, l.Period, l.BilledAt = req.Term, req.Payment, period, period.End
	l.UnitPrice, l.Quantity, l.UsedBefore, l.Used, l.Included = pr.unit, over, u.UsedBefore, u.Used, included
	l.Amount = amount
	return true
}

// qtVMLine prices one VM size's runtime; path names u.
func qtVMLine(l *Charge, req *Subscription, mk *qtMkt, period calendar.Period, u VMUsage, pol *Policy,
	path string, ps *rule.Problems) bool {
	p := req.Plan
	if u.Runtime < 0 {
		qtAdd(ps, ErrUsage, rule.EXT07, qtPath(path, "runtime"), qtMsgRuntimeNeg, u.Runtime.String())
		return false
	}
	minutes := qtRoundDiv(int64(u.Runtime), int64(time.Minute), pol.MinuteRounding)
	if m := p.Pricing.Model; m == plan.Free || m == plan.BYOL {
		if u.VCPUs < 0 {
			qtAdd(ps, ErrUsage, rule.EXT07, qtPath(path, "vcpus"), qtMsgVCPUs, int64(u.VCPUs))
			return false
		}
		qtVMLineHead(l, p.ID, period, u.VCPUs, minutes)
		l.Rule = rule.PRC01
		if mk.cur.Valid() {
			l.UnitPrice = amountIn(0, mk.cur)
			l.Amount = l.UnitPrice
		}
		return true
	}
	var pr qtPrice
	per, ok := qtVMHourly(&pr, req, u.VCPUs, mk, pol, "", path, ps)
	if !ok {
		return false
	}
	hourly, err := pr.unit.Mul(per)
	var amount currency.Money
	if err == nil {
		amount, err = hourly.MulDiv(minutes, 60, pol.UsageRounding)
	}
	if err != nil {
		qtAdd(ps, err, rule.EXT07, qtPath(path, "runtime"), qtMsgArith, err.Error())
		return false
	}
	qtVMLineHead(l, p.ID, period, u.VCPUs, minutes)
	l.UnitPrice, l.Quantity, l.Amount = pr.unit, per, amount
	return true
}

// qtVMLineHead writes the figures every VM usage line has to *l, which
// is the zero Charge: a line is written where the caller keeps it, not
// returned and copied.
func qtVMLineHead(l *Charge, id string, period calendar.Period, vcpus int, minutes int64) {
	l.Kind, l.Reason, l.Rule, l.Plan, l.Term = ChargeVMUsage, ReasonVMUsage, rule.EXT07, id, plan.Hourly
	l.Period, l.BilledAt, l.VCPUs, l.Minutes, l.Quantity = period, period.End, vcpus, minutes, 1
}

// qtRoundDiv returns n / d rounded with mode, for n ≥ 0 and d > 0.
func qtRoundDiv(n, d int64, mode currency.RoundingMode) int64 {
	q, r := n/d, n%d
	if r == 0 {
		return q
	}
	switch mode {
	case currency.Up, currency.Ceiling:
		return q + 1
	case currency.Down, currency.Floor:
		return q
	}
	switch half := d - r; {
	case r > half:
		return q + 1
	case r < half:
		return q
	}
	switch mode {
	case currency.HalfUp:
		return q + 1
	case currency.HalfDown:
		return q
	}
	return q + q&1 // HalfEven
}

var (
	qtMsgNotVM         = rule.Message{English: "plan %q is %s, not a virtual machine plan priced per hour", Swedish: "planen %q är %s, inte en plan för virtuella datorer med timpris"}
	qtMsgNotMetered    = rule.Message{English: "plan %q is %s; metered billing is only for flat-rate plans", Swedish: "planen %q är %s; avläst fakturering finns bara för planer med fast pris"}
	qtMsgUsageMonths   = rule.Message{English: "usage periods of %d months do not divide a %s term", Swedish: "användningsperioder på %d månader delar inte en period på %s"}
	qtMsgDimension     = rule.Message{English: "dimension %q is not priced by plan %q", Swedish: "dimensionen %q prissätts inte av planen %q"}
	qtMsgUsageNeg      = rule.Message{English: "usage %d is negative", Swedish: "användningen %d är negativ"}
	qtMsgUsageOverflow = rule.Message{English: "usage %d + %d does not fit", Swedish: "användningen %d + %d får inte plats"}
	qtMsgRuntimeNeg    = rule.Message{English: "runtime %s is negative", Swedish: "körtiden %s är negativ"}
)

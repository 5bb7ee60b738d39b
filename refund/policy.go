package refund

import (
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// Policy holds every number the refund rules use: the windows, the
// reservation cancellation limit, the rounding of prorated refunds. It is
// a plain value: obtain one from [DefaultPolicy] or [Policy2023], change
// any field, and pass it (or call its methods). Nothing in the package
// keeps or reads a policy of its own.
//
// The zero Policy has no windows, so it refunds nothing, and no SaaS
// schedule, so it cannot decide SaaS charges. Use [Policy.Validate] to
// check a policy assembled by hand; [Policy.Decide] reports the problems
// of the parts it uses.
type Policy struct {
	// SaaS is the effective-dated schedule of the marketplace SaaS
	// windows (RFD-01, EXT-12, conflict C3), sorted by From. A charge is
	// judged by the entry in force at its Request.Start.
	SaaS []SaaSWindows `json:"saas"`

	// ProfessionalService, VMReservation, Container and ManagedAppFee are
	// the windows of those marketplace kinds (EXT-12): 72 hours.
	ProfessionalService Window `json:"professionalService"`
	VMReservation       Window `json:"vmReservation"`
	Container           Window `json:"container"`
	ManagedAppFee       Window `json:"managedAppFee"`

	// ReservationLimit is the most VM software reservation commitment
	// that may be cancelled within ReservationPeriod (50,000 USD in a
	// rolling 365 days, W15). The zero Money means no limit.
	ReservationLimit currency.Money `json:"reservationLimit"`
	// ReservationPeriod is how long a cancellation counts against
	// ReservationLimit: a cancellation at instant c counts in
	// [c, c+ReservationPeriod). 365×24 hours.
	ReservationPeriod time.Duration `json:"reservationPeriod"`

	// CSPSoftware is the window of a CSP software subscription: 7
	// calendar days from the start of a term (RFD-04).
	CSPSoftware Window `json:"cspSoftware"`
	// CSPPerpetual is the window of CSP perpetual software: 30 calendar
	// days from the purchase date (RFD-06).
	CSPPerpetual Window `json:"cspPerpetual"`
	// CSPLicense is the window of a CSP license-based subscription, for
	// cancelling it and for reducing seats after they were added: 7
	// calendar days (EXT-13).
	CSPLicense Window `json:"cspLicense"`
	// CSPSaaSMonthly and CSPSaaSAnnual are the windows of marketplace SaaS
	// bought through CSP (RFD-09): 24 hours for a monthly term, 14 days
	// (336 hours) for any longer term, as the 2023 new-commerce table says.
	CSPSaaSMonthly Window `json:"cspSaasMonthly"`
	CSPSaaSAnnual  Window `json:"cspSaasAnnual"`

	// Rounding rounds prorated refunds to the currency's minor unit, in
	// one step: paid × unused days ÷ paid days. HalfEven.
	Rounding currency.RoundingMode `json:"rounding"`
}

// SaaSWindows is one entry of the SaaS schedule: the windows in force for
// SaaS charges made (purchased or renewed) at or after From, until the
// next entry's From. The earliest entry also governs charges made before
// its From, since no earlier policy is known.
type SaaSWindows struct {
	// From is the instant the entry takes effect.
	From time.Time `json:"from"`
	// Rule is the rule the entry encodes, cited by decisions it makes.
	Rule rule.ID `json:"rule"`
	// Source names the document that first shows the entry's windows.
	Source string `json:"source,omitempty"`
	// Monthly, Annual and MultiYear are the windows for 1-month, 1-year,
	// and 2- and 3-year terms.
	Monthly   Window `json:"monthly"`
	Annual    Window `json:"annual"`
	MultiYear Window `json:"multiYear"`
	// MultiYearLocked says that 2- and 3-year plans cannot be cancelled
	// at all once their window has closed, until the term ends (EXT-12).
	MultiYearLocked bool `json:"multiYearLocked,omitempty"`
}

// The default SaaS schedule. The sources give no effective dates; each
// entry starts on the ms.date of the first document that shows it. Never
// written: DefaultPolicy copies it.
var defaultSaaS = [...]SaaSWindows{
	{
		From:    time.Date(2020, time.November, 20, 0, 0, 0, 0, time.UTC),
		Rule:    rule.EXT12,
		Source:  "refund-policies.md, ms.date 11/20/2020 (reference S16-old): monthly 1 day, annual 14 days",
		Monthly: Hours(24), Annual: Hours(14 * 24), MultiYear: Hours(14 * 24),
	},
	{
		From:    time.Date(2021, time.August, 20, 0, 0, 0, 0, time.UTC),
		Rule:    rule.EXT12,
		Source:  "saas-subscription-lifecycle-management.md, ms.date 08/20/2021 (reference S23): 24 hours monthly, 14 days annual and multi-year",
		Monthly: Hours(24), Annual: Hours(14 * 24), MultiYear: Hours(14 * 24),
	},
	{
		From:    time.Date(2022, time.June, 3, 0, 0, 0, 0, time.UTC),
		Rule:    rule.RFD01,
		Source:  "marketplace-faq-publisher-guide.yml, ms.date 06/03/2022 (reference S6): 72 hours of purchase or renewal",
		Monthly: Hours(72), Annual: Hours(72), MultiYear: Hours(72),
		MultiYearLocked: true,
	},
}

// defaultPolicy is the policy of DefaultPolicy sharing the never-written
// schedule, for the package-level Decide; it is never handed out.
var defaultPolicy = Policy{
	SaaS:                defaultSaaS[:],
	ProfessionalService: Hours(72),
	VMReservation:       Hours(72),
	Container:           Hours(72),
	ManagedAppFee:       Hours(72),
	ReservationLimit:    currency.FromMinor(50_000_00, currency.USD),
	ReservationPeriod:   365 * 24 * time.Hour,
	CSPSoftware:         CalendarDays(7),
	CSPPerpetual:        CalendarDays(30),
	CSPLicense:          CalendarDays(7),
	CSPSaaSMonthly:      Hours(24),
	CSPSaaSAnnual:       Hours(14 * 24),
	Rounding:            currency.HalfEven,
}

// DefaultPolicy returns the policy of the rulebook:
//
//   - SaaS: the schedule of conflict C3, each entry from the ms.date of
//     the first document showing it: from 2020-11-20 1 day (24 hours)
//     monthly and 14 days annual; from 2021-08-20 24 hours monthly and 14
//     days annual and multi-year; from 2022-06-03 72 hours for every term,
//     2- and 3-year plans locked after it (RFD-01, EXT-12). Days of the
//     older windows are exact 24-hour days counted from the purchase.
//   - Professional services, VM software reservations, containers, a
//     managed application's fixed fee: 72 hours (EXT-12).
//   - Reservation cancellations: at most 50,000 USD in a rolling 365 days
//     (W15).
//   - CSP: software subscriptions 7 calendar days (RFD-04), perpetual
//     software 30 calendar days (RFD-06), license-based subscriptions and
//     seat reductions 7 calendar days (EXT-13), marketplace SaaS 24 hours
//     monthly and 14 days (336 hours) annual, the 2023 new-commerce table
//     (RFD-09, fact 47).
//   - Prorated refunds round half to even.
//
// Each call returns a new policy; changing it changes nothing else.
func DefaultPolicy() Policy {
	p := defaultPolicy
	p.SaaS = append([]SaaSWindows(nil), defaultSaaS[:]...)
	return p
}

// Policy2023 returns [DefaultPolicy] with the newest capture of the
// new-commerce cancellation policy for marketplace SaaS bought through
// CSP: 72 hours for every term, as for SaaS bought in the marketplace
// (fact 56, "newer capture"; undated, so not effective-dated).
func Policy2023() Policy {
	p := DefaultPolicy()
	p.CSPSaaSMonthly = Hours(72)
	p.CSPSaaSAnnual = Hours(72)
	return p
}

// SaaSAt returns the entry of the SaaS schedule in force at t: the last
// entry whose From is not after t, or the first entry for t before every
// From. It reports false for an empty schedule.
func (p Policy) SaaSAt(t time.Time) (SaaSWindows, bool) {
	i, ok := p.saasIndex(t)
	if !ok {
		return SaaSWindows{}, false
	}
	return p.SaaS[i], true
}

func (p *Policy) saasIndex(t time.Time) (int, bool) {
	if len(p.SaaS) == 0 {
		return 0, false
	}
	i := 0
	for j := 1; j < len(p.SaaS) && !p.SaaS[j].From.After(t); j++ {
		i = j
	}
	return i, true
}

// Validate checks the whole policy and returns every problem at once as a
// [rule.Problems] error wrapping [ErrPolicy]: negative windows, an empty
// SaaS schedule or one not sorted by strictly increasing From, an entry
// without a known rule, an unknown rounding mode, a negative reservation
// limit or one without a positive period.
func (p Policy) Validate() error {
	var ps rule.Problems
	if len(p.SaaS) == 0 {
		ps = policyProblem(ps, rule.RFD01, "policy.saas", msgSaaSEmpty)
	}
	for i, e := range p.SaaS {
		if i > 0 && !e.From.After(p.SaaS[i-1].From) {
			ps = policyProblem(ps, rule.EXT12, indexPath("policy.saas", i, "from"), msgSaaSOrder)
		}
		if !e.Rule.Known() {
			ps = policyProblem(ps, rule.EXT12, indexPath("policy.saas", i, "rule"), msgSaaSRule, string(e.Rule))
		}
		for j, w := range [...]Window{e.Monthly, e.Annual, e.MultiYear} {
			if !w.valid() {
				ps = policyProblem(ps, e.Rule, indexPath("policy.saas", i, [...]string{"monthly", "annual", "multiYear"}[j]), msgNegativeWindow, w.String())
			}
		}
	}
	for _, f := range [...]struct {
		w    Window
		path string
		id   rule.ID
	}{
		{p.ProfessionalService, "policy.professionalService", rule.EXT12},
		{p.VMReservation, "policy.vmReservation", rule.EXT12},
		{p.Container, "policy.container", rule.EXT12},
		{p.ManagedAppFee, "policy.managedAppFee", rule.EXT12},
		{p.CSPSoftware, "policy.cspSoftware", rule.RFD04},
		{p.CSPPerpetual, "policy.cspPerpetual", rule.RFD06},
		{p.CSPLicense, "policy.cspLicense", rule.EXT13},
		{p.CSPSaaSMonthly, "policy.cspSaasMonthly", rule.RFD09},
		{p.CSPSaaSAnnual, "policy.cspSaasAnnual", rule.RFD09},
	} {
		if !f.w.valid() {
			ps = policyProblem(ps, f.id, f.path, msgNegativeWindow, f.w.String())
		}
	}
	ps = p.checkLimit(ps)
	if !p.Rounding.Valid() {
		ps = policyProblem(ps, rule.RFD04, "policy.rounding", msgRounding, p.Rounding.String())
	}
	return ps.Err()
}

func (p *Policy) checkLimit(ps rule.Problems) rule.Problems {
	if p.ReservationLimit == (currency.Money{}) {
		return ps
	}
	if p.ReservationLimit.IsNegative() || !p.ReservationLimit.Code().Valid() {
		ps = policyProblem(ps, rule.EXT12, "policy.reservationLimit", msgLimitAmount, p.ReservationLimit)
	}
	if p.ReservationPeriod <= 0 {
		ps = policyProblem(ps, rule.EXT12, "policy.reservationPeriod", msgLimitPeriod, p.ReservationPeriod.String())
	}
	return ps
}

func policyProblem(ps rule.Problems, id rule.ID, path string, m rule.Message, args ...any) rule.Problems {
	return append(ps, rule.Problem{Rule: id, Path: path, Message: m, Args: args, Err: ErrPolicy})
}

func indexPath(base string, i int, field string) string {
	return base + "[" + itoa(i) + "]." + field
}

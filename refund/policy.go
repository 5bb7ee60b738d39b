package refund

import (
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/jsonx"
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
	// windows (RFD-01, EXT-12), sorted by From. A charge is
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
	// rolling 365 days, EXT-12). The zero Money means no limit.
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

// saas2023 is the SaaS schedule of Policy2023. The documents give no
// effective dates; each entry starts on the date of the first document
// that shows it. Never written: Policy2023 copies it.
var saas2023 = [...]SaaSWindows{
	{
		From:    time.Date(2020, time.November, 20, 0, 0, 0, 0, time.UTC),
		Rule:    rule.EXT12,
		Source:  "Refund policies, 2020-11-20: monthly 1 day, annual 14 days",
		Monthly: hours(24), Annual: hours(14 * 24), MultiYear: hours(14 * 24),
	},
	{
		From:    time.Date(2021, time.August, 20, 0, 0, 0, 0, time.UTC),
		Rule:    rule.EXT12,
		Source:  "SaaS subscription lifecycle management, 2021-08-20: 24 hours monthly, 14 days annual and multi-year",
		Monthly: hours(24), Annual: hours(14 * 24), MultiYear: hours(14 * 24),
	},
	{
		From:    time.Date(2022, time.June, 3, 0, 0, 0, 0, time.UTC),
		Rule:    rule.RFD01,
		Source:  "Commercial marketplace FAQ for publishers, 2022-06-03: 72 hours of purchase or renewal",
		Monthly: hours(72), Annual: hours(72), MultiYear: hours(72),
		MultiYearLocked: true,
	},
}

// seedSaaS is the SaaS schedule of DefaultPolicy: one entry, 72 hours
// for every term (RFD-01). Never written.
var seedSaaS = [...]SaaSWindows{{
	Rule:            rule.RFD01,
	Source:          "Commercial marketplace transact capabilities, Returns and refunds: 72 hours of purchase or renewal",
	Monthly:         hours(72),
	Annual:          hours(72),
	MultiYear:       hours(72),
	MultiYearLocked: true,
}}

// defaults returns the values of DefaultPolicy with its SaaS schedule
// sharing the never-written seedSaaS: it does not allocate. It is never
// handed out.
func defaults() Policy {
	return Policy{
		SaaS:                seedSaaS[:],
		ProfessionalService: hours(72),
		VMReservation:       hours(72),
		Container:           hours(72),
		ManagedAppFee:       hours(72),
		ReservationLimit:    currency.MustFromMinor(50_000_00, currency.USD),
		ReservationPeriod:   365 * 24 * time.Hour,
		CSPSoftware:         calendarDays(7),
		CSPPerpetual:        calendarDays(30),
		CSPLicense:          calendarDays(7),
		CSPSaaSMonthly:      hours(24),
		CSPSaaSAnnual:       hours(14 * 24),
		Rounding:            currency.HalfEven,
	}
}

// DefaultPolicy returns the policy of the rules as the marketplace
// documents the rules are built on state them:
//
//   - SaaS: 72 hours from the purchase or the renewal, for every term
//     (RFD-01); 2- and 3-year plans cannot be cancelled after it until
//     their term ends (EXT-12).
//   - Professional services, VM software reservations, containers, a
//     managed application's fixed fee: 72 hours (EXT-12).
//   - Reservation cancellations: at most 50,000 USD in a rolling 365 days
//     (EXT-12, "Self-service exchanges and refunds for Azure
//     Reservations").
//   - CSP: software subscriptions 7 calendar days (RFD-04), perpetual
//     software 30 calendar days (RFD-06), license-based subscriptions and
//     seat reductions 7 calendar days (EXT-13), marketplace SaaS 24 hours
//     monthly and 14 days (336 hours) annual, the table of "New commerce
//     experience cancellation policy" (2023-07-27) (RFD-09).
//   - Prorated refunds round half to even.
//
// The zero Policy means DefaultPolicy: every method of a Policy whose
// fields are all zero uses these values. Each call returns a new policy;
// changing it changes nothing else.
func DefaultPolicy() Policy {
	p := defaults()
	p.SaaS = append([]SaaSWindows(nil), seedSaaS[:]...)
	return p
}

// Policy2023 returns [DefaultPolicy] with the SaaS windows of the later
// Microsoft documents, up to those of 2023:
//
//   - SaaS: an effective-dated schedule, each entry from the date of the
//     first document that shows it ("Refund policies", 2020-11-20: 1 day
//     (24 hours) monthly and 14 days annual; "SaaS subscription lifecycle
//     management", 2021-08-20: 24 hours monthly and 14 days annual and
//     multi-year; "Commercial marketplace FAQ for publishers", 2022-06-03:
//     72 hours for every term, 2- and 3-year plans locked after it, as
//     "Multi-year SaaS plans", 2023-03-29, says). Days of the older
//     windows are exact 24-hour days counted from the purchase.
//   - CSP marketplace SaaS: 72 hours for every term, as the newer
//     revision of "New commerce experience cancellation policy" says
//     (RFD-09).
func Policy2023() Policy {
	p := DefaultPolicy()
	p.SaaS = append([]SaaSWindows(nil), saas2023[:]...)
	p.CSPSaaSMonthly = hours(72)
	p.CSPSaaSAnnual = hours(72)
	return p
}

// isZero reports whether p is the zero Policy, which means DefaultPolicy.
func (p *Policy) isZero() bool {
	return p.SaaS == nil && p.ProfessionalService.IsZero() && p.VMReservation.IsZero() && p.Container.IsZero() &&
		p.ManagedAppFee.IsZero() && p.ReservationLimit == (currency.Money{}) && p.ReservationPeriod == 0 &&
		p.CSPSoftware.IsZero() && p.CSPPerpetual.IsZero() && p.CSPLicense.IsZero() && p.CSPSaaSMonthly.IsZero() &&
		p.CSPSaaSAnnual.IsZero() && p.Rounding == 0
}

// SaaSAt returns the entry of the SaaS schedule in force at t: the last
// entry whose From is not after t, or the first entry for t before every
// From. It reports false for an empty schedule. The zero Policy means
// [DefaultPolicy].
func (p Policy) SaaSAt(t time.Time) (SaaSWindows, bool) {
	if p.isZero() {
		p = defaults()
	}
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
// limit or one without a positive period. The zero Policy, which means
// [DefaultPolicy], is valid.
func (p Policy) Validate() error {
	if p.isZero() {
		return nil
	}
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
	ps.Append(rule.Problem{Rule: id, Path: path, Message: m, Args: args, Err: ErrPolicy})
	return ps
}

func indexPath(base string, i int, field string) string {
	return base + "[" + itoa(i) + "]." + field
}

// UnmarshalJSON implements [json.Unmarshaler] strictly, for policies
// written by hand: an unknown, repeated or case-folded member, a value of
// the wrong type and a bad window or rounding name are problems at their
// paths ("policy.saas[1].monthly"), wrapping [ErrPolicy]. It does not
// validate the policy: call [Policy.Validate]. Input longer than
// [MaxJSONSize] is refused.
func (p *Policy) UnmarshalJSON(b []byte) error {
	var ps rule.Problems
	if len(b) > MaxJSONSize {
		return policyProblem(ps, "", "policy", msgTooLarge, itoa(len(b)), itoa(MaxJSONSize)).Err()
	}
	type plain Policy
	var v plain
	jsonx.Decode(b, &v, "policy", &ps)
	for i := range ps {
		if ps[i].Err == nil {
			ps[i].Err = ErrPolicy
		}
	}
	if len(ps) > 0 {
		return ps.Err()
	}
	*p = Policy(v)
	return nil
}

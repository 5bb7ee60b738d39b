package pricing

import (
	"encoding/json"
	"github.com/marketrules/marketrules/calendar"
	"strconv"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
)

// Policy holds every number, rounding and choice the package's rules use:
// quotes, billing schedules, usage, proration, tax and the CSP channel's
// dates. Its methods are the package's entry points.
//
// [DefaultPolicy] follows the published marketplace rules, with the
// library's documented choices where Microsoft publishes none. The zero
// Policy means DefaultPolicy(): a method given Policy{} applies the
// default. A policy with some fields set is used as it is, and
// [Policy.Validate] names every field it cannot apply.
type Policy struct {
	// Name identifies the policy in explanations: "default",
	// "private-offer", "csp-new-commerce".
	Name string `json:"name,omitempty"`

	// ConversionRounding rounds a USD price converted to a market's
	// currency (PRC-03). Microsoft documents no rounding for the
	// conversion; the default is [currency.HalfEven].
	ConversionRounding currency.RoundingMode `json:"conversionRounding"`
	// MinuteRounding turns VM runtime into the whole minutes that usage is
	// charged by ("partial hours are charged by the minute", EXT-07). The
	// default, [currency.Up], charges a started minute as a whole one:
	// 90 seconds are 2 minutes. [currency.Down] drops the seconds.
	MinuteRounding currency.RoundingMode `json:"minuteRounding"`
	// UsageRounding rounds VM usage: the hourly price × minutes / 60, one
	// step per charge (EXT-07). Default [currency.HalfEven].
	UsageRounding currency.RoundingMode `json:"usageRounding"`
	// ReservationRounding rounds a VM software reservation price: hourly
	// price × hours of the reservation year × years × (1 − saving), one
	// step (EXT-07). Default [currency.HalfEven].
	ReservationRounding currency.RoundingMode `json:"reservationRounding"`
	// ReservationYear is the year of a software reservation, a whole
	// number of hours: 8,760 hours ("all calculations are based on 8,760
	// hours per year", EXT-07).
	ReservationYear time.Duration `json:"reservationYear"`
	// UsageMonths is the length of a usage billing period: 1 month
	// ("usage is billed monthly in arrears", PRC-07), at most 36. For
	// metered overage it must divide the months of the subscription's
	// billing term.
	UsageMonths calendar.Months `json:"usageMonths"`
	// Location is the time zone in which billing periods are computed
	// (calendar months from the billing anchor, clamped to the end of the
	// month) and proration days counted. Nil means UTC. In JSON it is the
	// zone's IANA name, "zone".
	Location *time.Location `json:"-"`

	// ProrationUnit is what a billing period is counted in when a change
	// is prorated: days (the default) or seconds.
	ProrationUnit ProrationUnit `json:"prorationUnit"`
	// ProrationRounding rounds the credit and the charge of a proration
	// and the partial first period of a subscription whose billing day
	// differs from its start, each once: price × part / whole. Default
	// [currency.HalfEven].
	ProrationRounding currency.RoundingMode `json:"prorationRounding"`
	// Upgrade and Downgrade say when an upgrade (or a change that keeps
	// the price) and a downgrade take effect (PRC-05): immediately by
	// default.
	Upgrade   ChangeTiming `json:"upgrade"`
	Downgrade ChangeTiming `json:"downgrade"`
	// SeatReductionWindow, when positive, allows a reduction of seats only
	// within that many calendar days of the seats being added, counting
	// the day they were added as day 1, on the calendar of Location
	// (EXT-13: 7 in CSP new commerce). Zero means no limit; at most 3,660.
	SeatReductionWindow calendar.Days `json:"seatReductionWindow,omitempty"`

	// CSPTaxInclusive are the markets whose CSP prices include tax; in
	// every other market they exclude it (PRC-10): Australia and Brazil.
	CSPTaxInclusive market.Set `json:"cspTaxInclusive"`
	// CSPAutoRenewFrom: CSP software subscriptions bought on or after this
	// instant renew automatically by default; earlier ones expire on their
	// end date (CSP-02): 14 October 2021, midnight UTC.
	CSPAutoRenewFrom time.Time `json:"cspAutoRenewFrom"`
	// CSPAnnualThreeYearFrom: from this instant three-year CSP SKUs may
	// also be billed annually, not only every three years (CSP-03): 22
	// October 2021, midnight UTC.
	CSPAnnualThreeYearFrom time.Time `json:"cspAnnualThreeYearFrom"`
}

// Limits of the policy's counts.
const (
	maxUsageMonths  = 36
	maxSeatWindow   = 3660
	hoursPerYearStd = 8760
)

// DefaultPolicy returns the policy of the published rules: 8,760 hours per
// reservation year, monthly usage billing, billing periods and days in
// UTC, started minutes charged, changes taken at once and prorated by
// whole days, half-even rounding where Microsoft publishes none, CSP
// prices including tax in Australia and Brazil, and the CSP channel's
// dates of October 2021.
func DefaultPolicy() Policy {
	return Policy{
		Name:                   "default",
		ConversionRounding:     currency.HalfEven,
		MinuteRounding:         currency.Up,
		UsageRounding:          currency.HalfEven,
		ReservationRounding:    currency.HalfEven,
		ReservationYear:        hoursPerYearStd * time.Hour,
		UsageMonths:            1,
		ProrationUnit:          ProrateByDay,
		ProrationRounding:      currency.HalfEven,
		Upgrade:                TimingImmediate,
		Downgrade:              TimingImmediate,
		CSPTaxInclusive:        market.SetOf(market.AU, market.BR),
		CSPAutoRenewFrom:       time.Date(2021, time.October, 14, 0, 0, 0, 0, time.UTC),
		CSPAnnualThreeYearFrom: time.Date(2021, time.October, 22, 0, 0, 0, 0, time.UTC),
	}
}

// PrivateOfferPolicy returns the policy of subscriptions bought through a
// private offer, which cannot be upgraded mid-term (multiparty private
// offers support upgrades only at renewal): upgrades and downgrades take
// effect at renewal (PRC-05).
func PrivateOfferPolicy() Policy {
	p := DefaultPolicy()
	p.Name = "private-offer"
	p.Upgrade, p.Downgrade = TimingAtRenewal, TimingAtRenewal
	return p
}

// NewCommercePolicy returns the policy of CSP new commerce (EXT-13):
// proration is calculated daily, and seats can be reduced only within 7
// calendar days of being added.
func NewCommercePolicy() Policy {
	p := DefaultPolicy()
	p.Name = "csp-new-commerce"
	p.SeatReductionWindow = 7
	return p
}

// IsZero reports whether p is the zero Policy, which means
// [DefaultPolicy].
func (p Policy) IsZero() bool { return p.isZero() }

func (p *Policy) isZero() bool {
	return p.Name == "" && p.ConversionRounding == 0 && p.MinuteRounding == 0 && p.UsageRounding == 0 &&
		p.ReservationRounding == 0 && p.ReservationYear == 0 && p.UsageMonths == 0 && p.Location == nil &&
		p.ProrationUnit == 0 && p.ProrationRounding == 0 && p.Upgrade == 0 && p.Downgrade == 0 &&
		p.SeatReductionWindow == 0 && p.CSPTaxInclusive == (market.Set{}) && p.CSPAutoRenewFrom.IsZero() &&
		p.CSPAnnualThreeYearFrom.IsZero()
}

// resolved returns the policy a method applies: DefaultPolicy() for the
// zero Policy, else p.
func (p *Policy) resolved() *Policy {
	if p.Name != "" || p.ReservationYear != 0 {
		return p // the common case, without comparing every field: inline
	}
	return p.resolveZero()
}

// resolveZero is resolved for a policy without a name or reservation
// year.
func (p *Policy) resolveZero() *Policy {
	if p.isZero() {
		d := DefaultPolicy()
		return &d
	}
	return p
}

// Validate reports every field of p that cannot be applied, as
// [rule.Problems] with paths such as "policy.reservationYear", wrapping
// [ErrPolicy]. The zero Policy is valid: it means DefaultPolicy().
func (p Policy) Validate() error {
	var ps rule.Problems
	p.resolved().check(&ps)
	return ps.Err()
}

// check appends the problems of a resolved policy, one per field that
// valid refuses.
func (p *Policy) check(ps *rule.Problems) {
	for _, r := range [...]struct {
		mode currency.RoundingMode
		path string
		id   rule.ID
	}{
		{p.ConversionRounding, "policy.conversionRounding", rule.PRC03},
		{p.MinuteRounding, "policy.minuteRounding", rule.EXT07},
		{p.UsageRounding, "policy.usageRounding", rule.EXT07},
		{p.ReservationRounding, "policy.reservationRounding", rule.EXT07},
		{p.ProrationRounding, "policy.prorationRounding", rule.PRC05},
	} {
		if !r.mode.Valid() {
			qtAdd(ps, ErrPolicy, r.id, r.path, qtMsgRounding, int(r.mode))
		}
	}
	if !p.reservationYearOK() {
		qtAdd(ps, ErrPolicy, rule.EXT07, "policy.reservationYear", plMsgHours, p.ReservationYear.String())
	}
	if !p.usageMonthsOK() {
		qtAdd(ps, ErrPolicy, rule.PRC07, "policy.usageMonths", plMsgRange, int64(p.UsageMonths), int64(1), int64(maxUsageMonths))
	}
	if p.ProrationUnit > ProrateBySecond {
		qtAdd(ps, ErrPolicy, rule.PRC05, "policy.prorationUnit", prMsgEnum, p.ProrationUnit.String())
	}
	if p.Upgrade > TimingBlocked {
		qtAdd(ps, ErrPolicy, rule.PRC05, "policy.upgrade", prMsgEnum, p.Upgrade.String())
	}
	if p.Downgrade > TimingBlocked {
		qtAdd(ps, ErrPolicy, rule.PRC05, "policy.downgrade", prMsgEnum, p.Downgrade.String())
	}
	if !p.seatWindowOK() {
		qtAdd(ps, ErrPolicy, rule.EXT13, "policy.seatReductionWindow", plMsgRange, int64(p.SeatReductionWindow), int64(0), int64(maxSeatWindow))
	}
}

// valid reports whether check finds nothing in p: the usual path's one
// test.
func (p *Policy) valid() bool {
	return p.ConversionRounding.Valid() && p.MinuteRounding.Valid() && p.UsageRounding.Valid() &&
		p.ReservationRounding.Valid() && p.ProrationRounding.Valid() && p.reservationYearOK() &&
		p.usageMonthsOK() && p.ProrationUnit <= ProrateBySecond && p.Upgrade <= TimingBlocked &&
		p.Downgrade <= TimingBlocked && p.seatWindowOK()
}

func (p *Policy) reservationYearOK() bool {
	return p.ReservationYear > 0 && p.ReservationYear%time.Hour == 0
}

func (p *Policy) usageMonthsOK() bool { return p.UsageMonths > 0 && p.UsageMonths <= maxUsageMonths }

func (p *Policy) seatWindowOK() bool {
	return p.SeatReductionWindow >= 0 && p.SeatReductionWindow <= maxSeatWindow
}

// checked appends the problems of a resolved policy and returns the
// policy to check a request under: p when it is valid; otherwise a copy
// whose invalid fields are DefaultPolicy's, so that the request is still
// checked in full (every problem at once) without a figure computed
// under a rounding mode or period that does not exist, and without a
// problem that only repeats the policy's. Nothing computed under the
// copy is returned: the method fails with the policy's problems.
func (p *Policy) checked(ps *rule.Problems) *Policy {
	if p.valid() {
		return p
	}
	p.check(ps)
	return p.repaired()
}

// repaired returns a copy of p with every field check refuses replaced
// by DefaultPolicy's.
func (p *Policy) repaired() *Policy {
	d := DefaultPolicy()
	r := *p
	for _, m := range [...]struct{ mode, def *currency.RoundingMode }{
		{&r.ConversionRounding, &d.ConversionRounding}, {&r.MinuteRounding, &d.MinuteRounding},
		{&r.UsageRounding, &d.UsageRounding}, {&r.ReservationRounding, &d.ReservationRounding},
		{&r.ProrationRounding, &d.ProrationRounding},
	} {
		if !m.mode.Valid() {
			*m.mode = *m.def
		}
	}
	if !r.reservationYearOK() {
		r.ReservationYear = d.ReservationYear
	}
	if !r.usageMonthsOK() {
		r.UsageMonths = d.UsageMonths
	}
	if r.ProrationUnit > ProrateBySecond {
		r.ProrationUnit = d.ProrationUnit
	}
	if r.Upgrade > TimingBlocked {
		r.Upgrade = d.Upgrade
	}
	if r.Downgrade > TimingBlocked {
		r.Downgrade = d.Downgrade
	}
	if !r.seatWindowOK() {
		r.SeatReductionWindow = d.SeatReductionWindow
	}
	return &r
}

// location returns the policy's zone: UTC when unset.
func (p *Policy) location() *time.Location {
	if p.Location == nil {
		return time.UTC
	}
	return p.Location
}

// hoursPerYear returns the reservation year in hours.
func (p *Policy) hoursPerYear() int64 { return int64(p.ReservationYear / time.Hour) }

// policyJSON is the JSON form of a Policy: its fields and the zone's name.
type policyJSON struct {
	Name                   string                `json:"name,omitempty"`
	ConversionRounding     currency.RoundingMode `json:"conversionRounding"`
	MinuteRounding         currency.RoundingMode `json:"minuteRounding"`
	UsageRounding          currency.RoundingMode `json:"usageRounding"`
	ReservationRounding    currency.RoundingMode `json:"reservationRounding"`
	ReservationYear        time.Duration         `json:"reservationYear"`
	UsageMonths            calendar.Months       `json:"usageMonths"`
	Zone                   string                `json:"zone,omitempty"`
	ProrationUnit          ProrationUnit         `json:"prorationUnit"`
	ProrationRounding      currency.RoundingMode `json:"prorationRounding"`
	Upgrade                ChangeTiming          `json:"upgrade"`
	Downgrade              ChangeTiming          `json:"downgrade"`
	SeatReductionWindow    calendar.Days         `json:"seatReductionWindow,omitempty"`
	CSPTaxInclusive        market.Set            `json:"cspTaxInclusive"`
	CSPAutoRenewFrom       time.Time             `json:"cspAutoRenewFrom"`
	CSPAnnualThreeYearFrom time.Time             `json:"cspAnnualThreeYearFrom"`
}

// MarshalJSON implements [json.Marshaler]: the fields with their JSON
// names, and the zone as its IANA name ("Europe/Stockholm"), omitted when
// unset.
func (p Policy) MarshalJSON() ([]byte, error) {
	v := policyJSON{p.Name, p.ConversionRounding, p.MinuteRounding, p.UsageRounding, p.ReservationRounding,
		p.ReservationYear, p.UsageMonths, "", p.ProrationUnit, p.ProrationRounding, p.Upgrade, p.Downgrade,
		p.SeatReductionWindow, p.CSPTaxInclusive, p.CSPAutoRenewFrom, p.CSPAnnualThreeYearFrom}
	if p.Location != nil {
		v.Zone = p.Location.String()
	}
	return json.Marshal(v)
}

// UnmarshalJSON implements [json.Unmarshaler] for the form MarshalJSON
// writes; unknown members are problems at their paths. The zone is loaded
// by name from the system's time zone database.
func (p *Policy) UnmarshalJSON(b []byte) error {
	var v policyJSON
	var ps rule.Problems
	shDecodeStrict(b, &v, &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	out := Policy{v.Name, v.ConversionRounding, v.MinuteRounding, v.UsageRounding, v.ReservationRounding,
		v.ReservationYear, v.UsageMonths, nil, v.ProrationUnit, v.ProrationRounding, v.Upgrade, v.Downgrade,
		v.SeatReductionWindow, v.CSPTaxInclusive, v.CSPAutoRenewFrom, v.CSPAnnualThreeYearFrom}
	switch v.Zone {
	case "":
	case "UTC":
		out.Location = time.UTC
	default:
		loc, err := time.LoadLocation(v.Zone)
		if err != nil || v.Zone == "Local" {
			return rule.Problems{{Rule: rule.PRC07, Path: "zone", Message: plMsgZone, Args: []any{strconv.Quote(v.Zone)}, Err: ErrPolicy}}.Err()
		}
		out.Location = loc
	}
	*p = out
	return nil
}

var (
	plMsgHours = rule.Message{English: "%s is not a positive whole number of hours", Swedish: "%s är inte ett positivt helt antal timmar"}
	plMsgRange = rule.Message{English: "%d is outside %d to %d", Swedish: "%d ligger utanför %d till %d"}
	plMsgZone  = rule.Message{English: "%s is not a time zone name", Swedish: "%s är inget namn på en tidszon"}
)

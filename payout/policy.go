package payout

import (
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/internal/jsonx"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// pst is the default payout zone; it is never modified.
var pst = time.FixedZone("PST", -8*60*60)

// PST returns the default payout time zone: Pacific Standard Time as a
// fixed zone, UTC−8 all year, named "PST". Microsoft states payout dates
// in Pacific Standard Time ("Payout schedules and processes", 30 March
// 2023), and the library reads no time-zone files, so the default is the
// fixed offset the document names; payout dates are civil dates and are
// printed without a zone. A caller who wants civil Pacific time (PDT,
// UTC−7, in summer) sets Policy.Zone to
// time.LoadLocation("America/Los_Angeles") in its own code. Every call
// returns the same *time.Location.
func PST() *time.Location { return pst }

// FeeEra is one period of the store service fee schedule: from From (an
// instant, inclusive) until the next era's From, Microsoft keeps Standard
// of each license charge, or Qualified for an offer that qualifies for the
// reduced fee (EXT-10). An era without a reduction has Qualified equal to
// Standard. Rates are fractions: 0.03 is 3%.
type FeeEra struct {
	From      time.Time     `json:"from"`      // inclusive; the zero time for the first era
	Standard  currency.Rate `json:"standard"`  // the fee of every offer
	Qualified currency.Rate `json:"qualified"` // the fee of a qualified offer
	// Source says where the era comes from, for explanations and audits.
	Source string `json:"source,omitempty"`
}

// Policy holds every number the payout rules use. Pass it by value. The
// zero Policy means [DefaultPolicy]; a nil Zone means [PST]. Any other
// policy is checked by Validate, which names every field that is wrong;
// every method validates its policy first.
//
// In JSON a policy has camelCase keys; its Zone is not part of it (a
// decoded policy counts in PST unless the caller sets Zone again).
type Policy struct {
	// Fees is the store service fee schedule (PAY-05, EXT-10), ordered by
	// From. The first era's From must be the zero time: it covers
	// everything before the second era.
	Fees []FeeEra `json:"fees"`
	// FeeRounding rounds the fee, which is computed first; the
	// publisher's share is the license fee minus the rounded fee, so fee
	// + share = license exactly.
	FeeRounding currency.RoundingMode `json:"feeRounding"`

	// Zone is the time zone of payout dates and of the calendar months
	// and days that the schedule counts in (EXT-11). nil means PST().
	Zone *time.Location `json:"-"`
	// PayoutDay is the day of the month by which payouts are sent
	// (EXT-11): 15. It must be 1…28, a day every month has.
	PayoutDay int `json:"payoutDay"`
	// EAInvoiceDays is PAY-02's wait after an Enterprise Agreement
	// invoice: an EA sale is paid on the first payout day on or after the
	// invoice date plus EAInvoiceDays (30). Zero means EXT-11's month
	// table instead: EAOrderMonths and EAUsageMonths.
	EAInvoiceDays calendar.Days `json:"eaInvoiceDays"`
	// EAOrderMonths and EAUsageMonths are EXT-11's offsets for Enterprise
	// Agreement sales when EAInvoiceDays is zero: an order in month M is
	// paid out in M+1, usage in M+2.
	EAOrderMonths calendar.Months `json:"eaOrderMonths"`
	EAUsageMonths calendar.Months `json:"eaUsageMonths"`
	// CollectedMonths is EXT-11's offset for MCA and CSP sales: a sale in
	// month M is paid out in M+3, once Microsoft has collected.
	CollectedMonths calendar.Months `json:"collectedMonths"`
	// CardHoldDays is PAY-03's hold after Microsoft receives a credit card
	// payment: 30.
	CardHoldDays calendar.Days `json:"cardHoldDays"`
	// CardExtraMonths is EXT-11's extra delay for credit card payments: 1
	// month (M+4 instead of M+3 for MCA and CSP).
	CardExtraMonths calendar.Months `json:"cardExtraMonths"`
	// AdjustmentMonths is when a refund, reversal or chargeback is
	// deducted: the payout AdjustmentMonths after its month, 1 (a
	// write-off in February is deducted from the March payout, EXT-11).
	AdjustmentMonths calendar.Months `json:"adjustmentMonths"`

	// Threshold is the minimum combined balance that is paid out (PAY-04,
	// EXT-11): 50.00 USD. Balances in other currencies are converted into
	// its currency at the payout month's rates.
	Threshold currency.Money `json:"threshold"`
	// ConversionRounding rounds each currency's balance when it is
	// converted for the threshold comparison.
	ConversionRounding currency.RoundingMode `json:"conversionRounding"`
}

// The default fee schedule's change dates. The 20% → 3% date is not in a
// dated Microsoft document: Microsoft announced the 3% fee at Inspire, July
// 2021. The library takes 1 July 2021, 00:00 PST, the first day of that
// month and of Microsoft's fiscal year 2022; it is a policy field
// (Policy.Fees) that callers can move.
var (
	reducedFrom = time.Date(2019, time.May, 1, 0, 0, 0, 0, pst)
	reducedTo   = time.Date(2020, time.July, 1, 0, 0, 0, 0, pst)
	threeFrom   = time.Date(2021, time.July, 1, 0, 0, 0, 0, pst)
)

// DefaultPolicy returns the values of the "Commercial marketplace
// overview" article's "Collections and payouts" (PAY-01…PAY-06), with the
// numbers that article leaves to other documents:
//
//   - Fees (EXT-10), effective-dated by the instant Microsoft collected
//     the charge: 20% until 30 April 2019; 20%, or 10% for qualified
//     offers, 1 May 2019 – 30 June 2020; 20% from 1 July 2020; 3% from 1
//     July 2021 (a chosen date: see the package documentation,
//     "Policies"). FeeRounding half-even.
//   - Enterprise Agreement sales (PAY-02): paid in the first payout cycle
//     30 days after the customer's invoice (EAInvoiceDays 30).
//   - Zone PST (fixed UTC−8); PayoutDay 15; CollectedMonths 3;
//     CardHoldDays 30 (PAY-03); CardExtraMonths 1; AdjustmentMonths 1;
//     EAOrderMonths 1 and EAUsageMonths 2 (used only when EAInvoiceDays is
//     set to zero).
//   - Threshold 50.00 USD (PAY-04); ConversionRounding half-even.
func DefaultPolicy() Policy {
	twenty := currency.MustParseRate("0.20")
	return Policy{
		Fees: []FeeEra{
			{Standard: twenty, Qualified: twenty, Source: "20% store service fee (EXT-10)"},
			{From: reducedFrom, Standard: twenty, Qualified: currency.MustParseRate("0.10"),
				Source: "reduced 10% for qualified offers, license charges collected 1 May 2019 – 30 June 2020 (EXT-10)"},
			{From: reducedTo, Standard: twenty, Qualified: twenty, Source: "20% again after 30 June 2020 (EXT-10)"},
			{From: threeFrom, Standard: currency.MustParseRate("0.03"), Qualified: currency.MustParseRate("0.03"),
				Source: "3% store service fee from 1 July 2021 (EXT-10)"},
		},
		FeeRounding:        currency.HalfEven,
		Zone:               pst,
		PayoutDay:          15,
		EAInvoiceDays:      30,
		EAOrderMonths:      1,
		EAUsageMonths:      2,
		CollectedMonths:    3,
		CardHoldDays:       30,
		CardExtraMonths:    1,
		AdjustmentMonths:   1,
		Threshold:          currency.MustFromMinor(5000, currency.USD),
		ConversionRounding: currency.HalfEven,
	}
}

// Policy2023 is DefaultPolicy with the Enterprise Agreement schedule of
// "Payout schedules and processes" (30 March 2023, EXT-11): an EA order
// in month M is paid out in M+1 and usage in M+2, before the customer
// pays (EAInvoiceDays 0).
func Policy2023() Policy {
	p := DefaultPolicy()
	p.EAInvoiceDays = 0
	return p
}

// isZero reports whether p is the zero Policy.
func (p *Policy) isZero() bool {
	return p.Fees == nil && p.Zone == nil && p.PayoutDay == 0 && p.EAInvoiceDays == 0 && p.EAOrderMonths == 0 &&
		p.EAUsageMonths == 0 && p.CollectedMonths == 0 && p.CardHoldDays == 0 && p.CardExtraMonths == 0 &&
		p.AdjustmentMonths == 0 && p.Threshold == (currency.Money{}) && p.FeeRounding == 0 && p.ConversionRounding == 0
}

// resolve returns DefaultPolicy for the zero Policy, and p with PST for a
// nil Zone.
func (p Policy) resolve() Policy {
	if p.isZero() {
		return DefaultPolicy()
	}
	if p.Zone == nil {
		p.Zone = pst
	}
	return p
}

var (
	msgPolicyNoFees     = rule.Message{English: "the fee schedule is empty", Swedish: "avgiftsschemat är tomt"}
	msgPolicyFirstEra   = rule.Message{English: "the first fee era must start at the zero time, not %s", Swedish: "den första avgiftsperioden måste börja vid nolltiden, inte %s"}
	msgPolicyEraOrder   = rule.Message{English: "fee eras must be in increasing order of from", Swedish: "avgiftsperioderna måste komma i stigande ordning efter from"}
	msgPolicyRateAbove1 = rule.Message{English: "a fee rate of %s is more than 100%%", Swedish: "en avgiftssats på %s är mer än 100 %%"}
	msgPolicyRounding   = rule.Message{English: "unknown rounding mode %d", Swedish: "okänt avrundningsläge %d"}
	msgPolicyDay        = rule.Message{English: "payout day %d is not in 1…28", Swedish: "utbetalningsdagen %d ligger inte i 1…28"}
	msgPolicyCount      = rule.Message{English: "%d is not in 0…%d", Swedish: "%d ligger inte i 0…%d"}
	msgPolicyNil        = rule.Message{English: "the policy is nil", Swedish: "policyn är nil"}
	msgPolicyThreshold  = rule.Message{English: "the threshold %s must be a non-negative amount in a known currency", Swedish: "tröskeln %s måste vara ett icke-negativt belopp i en känd valuta"}
)

// maxOffset bounds the month and day offsets of a policy, so that date
// arithmetic cannot overflow.
const maxOffset = 1200

// Validate reports every problem of p at once as [rule.Problems] whose
// problems wrap ErrPolicy, with paths in the policy's JSON names, such as
// "policy.fees[2].from" and "policy.payoutDay". The zero Policy is valid:
// it means DefaultPolicy.
func (p Policy) Validate() error {
	p = p.resolve()
	if p.fastValid() {
		return nil
	}
	var ps rule.Problems
	add := func(id rule.ID, path string, msg rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: id, Path: "policy." + path, Message: msg, Args: args, Err: ErrPolicy})
	}
	if len(p.Fees) == 0 {
		add(rule.PAY05, "fees", msgPolicyNoFees)
	}
	for i, e := range p.Fees {
		if i == 0 && !e.From.IsZero() {
			add(rule.EXT10, "fees[0].from", msgPolicyFirstEra, e.From.Format(time.RFC3339))
		}
		if i > 0 && !e.From.After(p.Fees[i-1].From) {
			add(rule.EXT10, fmt.Sprintf("fees[%d].from", i), msgPolicyEraOrder)
		}
		if e.Standard.Cmp(one) > 0 {
			add(rule.EXT10, fmt.Sprintf("fees[%d].standard", i), msgPolicyRateAbove1, e.Standard.String())
		}
		if e.Qualified.Cmp(one) > 0 {
			add(rule.EXT10, fmt.Sprintf("fees[%d].qualified", i), msgPolicyRateAbove1, e.Qualified.String())
		}
	}
	if !p.FeeRounding.Valid() {
		add(rule.PAY05, "feeRounding", msgPolicyRounding, int(p.FeeRounding))
	}
	if p.PayoutDay < 1 || p.PayoutDay > 28 {
		add(rule.EXT11, "payoutDay", msgPolicyDay, p.PayoutDay)
	}
	for _, f := range []struct {
		id   rule.ID
		name string
		v    int
	}{
		{rule.PAY02, "eaInvoiceDays", int(p.EAInvoiceDays)},
		{rule.EXT11, "eaOrderMonths", int(p.EAOrderMonths)},
		{rule.EXT11, "eaUsageMonths", int(p.EAUsageMonths)},
		{rule.EXT11, "collectedMonths", int(p.CollectedMonths)},
		{rule.PAY03, "cardHoldDays", int(p.CardHoldDays)},
		{rule.PAY03, "cardExtraMonths", int(p.CardExtraMonths)},
		{rule.EXT11, "adjustmentMonths", int(p.AdjustmentMonths)},
	} {
		if f.v < 0 || f.v > maxOffset {
			add(f.id, f.name, msgPolicyCount, f.v, maxOffset)
		}
	}
	if !p.Threshold.Code().Valid() || p.Threshold.IsNegative() {
		add(rule.PAY04, "threshold", msgPolicyThreshold, p.Threshold.String())
	}
	if !p.ConversionRounding.Valid() {
		add(rule.PAY04, "conversionRounding", msgPolicyRounding, int(p.ConversionRounding))
	}
	return ps.Err()
}

var one = currency.MustParseRate("1")

// fastValid is Validate without building problems, for a resolved p:
// true when p is valid. It keeps single decisions cheap.
func (p *Policy) fastValid() bool {
	if len(p.Fees) == 0 || !p.Fees[0].From.IsZero() || !p.FeeRounding.Valid() ||
		p.PayoutDay < 1 || p.PayoutDay > 28 || !p.ConversionRounding.Valid() ||
		!p.Threshold.Code().Valid() || p.Threshold.IsNegative() {
		return false
	}
	// A negative offset is a large uint, so one comparison checks both
	// bounds.
	if max(uint(p.EAInvoiceDays), uint(p.EAOrderMonths), uint(p.EAUsageMonths), uint(p.CollectedMonths),
		uint(p.CardHoldDays), uint(p.CardExtraMonths), uint(p.AdjustmentMonths)) > maxOffset {
		return false
	}
	fees := p.Fees
	for i := range fees {
		e := &fees[i]
		if !atMostOne(e.Standard) || !atMostOne(e.Qualified) || (i > 0 && !e.From.After(fees[i-1].From)) {
			return false
		}
	}
	return true
}

// pow10 holds 10^0…10^MaxRateScale.
var pow10 = [currency.MaxRateScale + 1]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// atMostOne reports whether r ≤ 1 (r.Cmp(one) <= 0): its coefficient is
// at most 10^scale. A rate's scale is at most MaxRateScale, 15.
func atMostOne(r currency.Rate) bool {
	return uint64(r.Coefficient()) <= pow10[r.Scale()&currency.MaxRateScale]
}

// MaxRateScale must be 2^n − 1 for the mask above (else this constant
// overflows and the package does not compile).
const _ = -uint(currency.MaxRateScale & (currency.MaxRateScale + 1))

// era returns the fee era in effect at instant at: the last era whose From
// is not after at. p must be valid.
func (p *Policy) era(at time.Time) *FeeEra {
	i := len(p.Fees) - 1
	for i > 0 && at.Before(p.Fees[i].From) {
		i--
	}
	return &p.Fees[i]
}

// rate returns the era's rate for a qualified or other offer.
func (e *FeeEra) rate(qualified bool) currency.Rate {
	if qualified {
		return e.Qualified
	}
	return e.Standard
}

// sameAs reports whether p and o decide every question alike: equal fields,
// equal fee eras, and zones with the same name and offsets.
func (p *Policy) sameAs(o *Policy) bool {
	if len(p.Fees) != len(o.Fees) ||
		p.FeeRounding != o.FeeRounding || p.PayoutDay != o.PayoutDay || p.EAInvoiceDays != o.EAInvoiceDays ||
		p.EAOrderMonths != o.EAOrderMonths || p.EAUsageMonths != o.EAUsageMonths ||
		p.CollectedMonths != o.CollectedMonths ||
		p.CardHoldDays != o.CardHoldDays || p.CardExtraMonths != o.CardExtraMonths ||
		p.AdjustmentMonths != o.AdjustmentMonths || p.Threshold != o.Threshold ||
		p.ConversionRounding != o.ConversionRounding || !sameZone(p.Zone, o.Zone) {
		return false
	}
	for i := range p.Fees {
		a, b := p.Fees[i], o.Fees[i]
		if !a.From.Equal(b.From) || !a.Standard.Equal(b.Standard) || !a.Qualified.Equal(b.Qualified) {
			return false
		}
	}
	return true
}

func sameZone(a, b *time.Location) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.String() != b.String() {
		return false
	}
	for _, t := range [...]time.Time{time.Date(2020, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2020, 7, 15, 0, 0, 0, 0, time.UTC)} {
		_, oa := t.In(a).Zone()
		_, ob := t.In(b).Zone()
		if oa != ob {
			return false
		}
	}
	return true
}

// policyJSON is Policy without its methods, for decoding.
type policyJSON Policy

// UnmarshalJSON decodes a policy strictly, as a declaration a person
// writes: an unknown or repeated member, a value of the wrong type and
// every rule Validate checks are problems at their paths
// ("policy.payoutDay"), all at once, as [rule.Problems]. The zone is not
// part of the JSON: a decoded policy counts in PST. On error *p is not
// changed.
func (p *Policy) UnmarshalJSON(data []byte) error {
	if p == nil {
		return rule.Problems{{Path: "policy", Message: msgPolicyNil, Err: ErrPolicy}}.Err()
	}
	var v policyJSON
	var ps rule.Problems
	jsonx.Decode(data, &v, "policy", &ps)
	if len(ps) > 0 {
		for i := range ps {
			if ps[i].Err == nil {
				ps[i].Err = ErrPolicy
			}
		}
		return ps.Err()
	}
	if err := Policy(v).Validate(); err != nil {
		return err
	}
	*p = Policy(v)
	return nil
}

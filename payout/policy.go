package payout

import (
	"fmt"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// pst is the default payout zone; it is never modified.
var pst = time.FixedZone("PST", -8*60*60)

// PST returns the default payout time zone: Pacific Standard Time as a
// fixed zone, UTC−8, named "PST". Microsoft states payout dates "in Pacific
// Standard Time" (reference fact 29), and the library reads no time-zone
// files, so the default is the fixed offset the source names. A caller who
// wants civil Pacific time (PDT, UTC−7, in summer) sets Policy.Zone to
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

// Tier is one Marketplace Rewards tier (RWD-01): it is reached by billed
// sales of at least BilledSales, or by a Teams app with at least TeamsMAU
// monthly active users, or (for Microsoft 365 apps, before
// Policy.SeatsSoldUntil) by at least SeatsSold seats. A zero TeamsMAU or
// SeatsSold means the tier has no such path.
type Tier struct {
	Name        string         `json:"name"`                // "$25K"
	BilledSales currency.Money `json:"billedSales"`         // minimum billed sales
	TeamsMAU    int64          `json:"teamsMau,omitempty"`  // minimum Teams MAU; 0: no such path
	SeatsSold   int64          `json:"seatsSold,omitempty"` // minimum seats sold; 0: no such path
}

// Policy holds every number the payout rules use. Pass it by value; the
// zero Policy is not usable (it has no fee schedule and no zone): start
// from DefaultPolicy and change fields. Policy.Validate says what is
// wrong with a policy; every method validates its policy first.
type Policy struct {
	// Fees is the store service fee schedule (PAY-05, EXT-10), ordered by
	// From. The first era's From must be the zero time: it covers
	// everything before the second era.
	Fees []FeeEra
	// FeeRounding rounds the fee, which is computed first; the
	// publisher's share is the license fee minus the rounded fee, so fee
	// + share = license exactly.
	FeeRounding currency.RoundingMode

	// Zone is the time zone of payout dates and of the calendar months
	// and days that the schedule counts in (EXT-11). Default: PST.
	Zone *time.Location
	// PayoutDay is the day of the month by which payouts are sent
	// (EXT-11): 15. It must be 1…28, a day every month has.
	PayoutDay int
	// EATiming chooses between EXT-11's month table (the default) and
	// PAY-02's "30 days after the invoice" for Enterprise Agreement sales
	// (conflict C12).
	EATiming EATiming
	// EAOrderMonths and EAUsageMonths are EXT-11's offsets for Enterprise
	// Agreement sales: an order in month M is paid out in M+1, usage in
	// M+2.
	EAOrderMonths int
	EAUsageMonths int
	// EAInvoiceDays is PAY-02's wait after an EA invoice, in calendar days
	// in Zone, when EATiming is EAInvoiceDays: 30.
	EAInvoiceDays int
	// CollectedMonths is EXT-11's offset for MCA and CSP sales: a sale in
	// month M is paid out in M+3, once Microsoft has collected.
	CollectedMonths int
	// CardHoldDays is PAY-03's hold after Microsoft receives a credit card
	// payment, in calendar days in Zone: 30.
	CardHoldDays int
	// CardExtraMonths is EXT-11's extra delay for credit card payments: 1
	// month (M+4 instead of M+3 for MCA and CSP).
	CardExtraMonths int
	// AdjustmentMonths is when a refund, reversal or chargeback is
	// deducted: the payout AdjustmentMonths after its month, 1 (W12: a
	// write-off in February is deducted from the March payout).
	AdjustmentMonths int

	// Threshold is the minimum combined balance that is paid out (PAY-04,
	// EXT-11): 50.00 USD. Balances in other currencies are converted into
	// its currency at the payout month's rates.
	Threshold currency.Money
	// ConversionRounding rounds each currency's balance when it is
	// converted for the threshold comparison.
	ConversionRounding currency.RoundingMode

	// Tiers are the Marketplace Rewards tiers (RWD-01), lowest first,
	// with non-decreasing thresholds, all in one currency.
	Tiers []Tier
	// SeatsSoldUntil ends the seats-sold path to a tier (RWD-01: "only
	// until 30 June 2021"): seats count only for activity before it.
	SeatsSoldUntil time.Time
	// EngagementMonths is how long a newly published list, trial or
	// consulting offer has an engagement manager (RWD-04): 3 months (the
	// 2023 benefits table says six, reference fact 103).
	EngagementMonths int
}

// The default fee schedule's change dates. The 20% → 3% date is not in a
// primary Microsoft source (reference fact 26): secondary sources put the
// change at Microsoft Inspire, July 2021. The library takes 1 July 2021,
// 00:00 PST, the first day of that month and of Microsoft's fiscal year
// 2022; it is a policy field (Policy.Fees) that callers can move.
var (
	reducedFrom = time.Date(2019, time.May, 1, 0, 0, 0, 0, pst)
	reducedTo   = time.Date(2020, time.July, 1, 0, 0, 0, 0, pst)
	threeFrom   = time.Date(2021, time.July, 1, 0, 0, 0, 0, pst)
	seatsUntil  = time.Date(2021, time.July, 1, 0, 0, 0, 0, pst)
)

// DefaultPolicy returns the rules' values:
//
//   - Fees (EXT-10, conflict C11): 20% until 30 April 2019; 20%, or 10% for
//     qualified offers, for license charges collected 1 May 2019 – 30 June
//     2020; 20% from 1 July 2020; 3% from 1 July 2021 (a chosen date: see
//     the package documentation, "Policies"). FeeRounding half-even.
//   - Zone PST (fixed UTC−8); PayoutDay 15; EATiming EAMonthTable (EXT-11
//     over PAY-02, conflict C12); EA offsets 1 (order) and 2 (usage);
//     EAInvoiceDays 30; CollectedMonths 3; CardHoldDays 30;
//     CardExtraMonths 1; AdjustmentMonths 1.
//   - Threshold 50.00 USD; ConversionRounding half-even.
//   - Tiers: the FY24 Marketplace Rewards tiers (reference fact 100):
//     Publisher, $500, $25K (or 250 Teams MAU), $50K (500), $100K (1K),
//     $500K (5K), $1M (50K), $2M (200K), $5M (500K); no seats-sold
//     thresholds, which Microsoft published only as images (fact 104);
//     SeatsSoldUntil 1 July 2021 00:00 PST; EngagementMonths 3 (RWD-04).
func DefaultPolicy() Policy {
	twenty := currency.MustParseRate("0.20")
	return Policy{
		Fees: []FeeEra{
			{Standard: twenty, Qualified: twenty, Source: "20% transaction fee (reference fact 25)"},
			{From: reducedFrom, Standard: twenty, Qualified: currency.MustParseRate("0.10"),
				Source: "reduced 10% for qualified offers, license charges collected 1 May 2019 – 30 June 2020 (reference fact 25)"},
			{From: reducedTo, Standard: twenty, Qualified: twenty, Source: "20% again after 30 June 2020 (reference fact 25)"},
			{From: threeFrom, Standard: currency.MustParseRate("0.03"), Qualified: currency.MustParseRate("0.03"),
				Source: "3% standard store service fee (reference fact 23); date chosen, see fact 26"},
		},
		FeeRounding:        currency.HalfEven,
		Zone:               pst,
		PayoutDay:          15,
		EATiming:           EAMonthTable,
		EAOrderMonths:      1,
		EAUsageMonths:      2,
		EAInvoiceDays:      30,
		CollectedMonths:    3,
		CardHoldDays:       30,
		CardExtraMonths:    1,
		AdjustmentMonths:   1,
		Threshold:          currency.FromMinor(5000, currency.USD),
		ConversionRounding: currency.HalfEven,
		Tiers: []Tier{
			{Name: "Publisher", BilledSales: usd(0)},
			{Name: "$500", BilledSales: usd(500)},
			{Name: "$25K", BilledSales: usd(25_000), TeamsMAU: 250},
			{Name: "$50K", BilledSales: usd(50_000), TeamsMAU: 500},
			{Name: "$100K", BilledSales: usd(100_000), TeamsMAU: 1_000},
			{Name: "$500K", BilledSales: usd(500_000), TeamsMAU: 5_000},
			{Name: "$1M", BilledSales: usd(1_000_000), TeamsMAU: 50_000},
			{Name: "$2M", BilledSales: usd(2_000_000), TeamsMAU: 200_000},
			{Name: "$5M", BilledSales: usd(5_000_000), TeamsMAU: 500_000},
		},
		SeatsSoldUntil:   seatsUntil,
		EngagementMonths: 3,
	}
}

// SeedPolicy is DefaultPolicy with the seed's Enterprise Agreement rule
// (PAY-02) instead of EXT-11's month table: an EA sale is paid on the
// first payout day on or after its invoice date plus 30 days.
func SeedPolicy() Policy {
	p := DefaultPolicy()
	p.EATiming = EAInvoiceDays
	return p
}

func usd(dollars int64) currency.Money { return currency.FromMinor(dollars*100, currency.USD) }

var (
	msgPolicyNoFees     = rule.Message{English: "the fee schedule is empty", Swedish: "avgiftsschemat är tomt"}
	msgPolicyFirstEra   = rule.Message{English: "the first fee era must start at the zero time, not %s", Swedish: "den första avgiftsperioden måste börja vid nolltiden, inte %s"}
	msgPolicyEraOrder   = rule.Message{English: "fee eras must be in increasing order of From", Swedish: "avgiftsperioderna måste komma i stigande ordning efter From"}
	msgPolicyRateAbove1 = rule.Message{English: "a fee rate of %s is more than 100%%", Swedish: "en avgiftssats på %s är mer än 100 %%"}
	msgPolicyRounding   = rule.Message{English: "unknown rounding mode %d", Swedish: "okänt avrundningsläge %d"}
	msgPolicyZone       = rule.Message{English: "the time zone is missing", Swedish: "tidszonen saknas"}
	msgPolicyDay        = rule.Message{English: "payout day %d is not in 1…28", Swedish: "utbetalningsdagen %d ligger inte i 1…28"}
	msgPolicyTiming     = rule.Message{English: "unknown EA timing %d", Swedish: "okänd EA-tidsregel %d"}
	msgPolicyCount      = rule.Message{English: "%d is not in 0…%d", Swedish: "%d ligger inte i 0…%d"}
	msgPolicyThreshold  = rule.Message{English: "the threshold %s must be a non-negative amount in a known currency", Swedish: "tröskeln %s måste vara ett icke-negativt belopp i en känd valuta"}
	msgPolicyTierName   = rule.Message{English: "a tier needs a name", Swedish: "en nivå behöver ett namn"}
	msgPolicyTierMoney  = rule.Message{English: "tier threshold %s must be non-negative and in %s, like the first tier", Swedish: "nivåtröskeln %s måste vara icke-negativ och i %s, som den första nivån"}
	msgPolicyTierOrder  = rule.Message{English: "tiers must not decrease: %s is below the previous tier", Swedish: "nivåerna får inte minska: %s är lägre än föregående nivå"}
	msgPolicyTierCount  = rule.Message{English: "%d must not be negative", Swedish: "%d får inte vara negativt"}
)

// maxOffset bounds the month and day offsets of a policy, so that date
// arithmetic cannot overflow.
const maxOffset = 1200

// Validate reports every problem of p at once as [rule.Problems] whose
// problems wrap ErrPolicy, with paths such as "Policy.Fees[2].From".
func (p Policy) Validate() error {
	if p.fastValid() {
		return nil
	}
	var ps rule.Problems
	add := func(id rule.ID, path string, msg rule.Message, args ...any) {
		ps = append(ps, rule.Problem{Rule: id, Path: "Policy." + path, Message: msg, Args: args, Err: ErrPolicy})
	}
	if len(p.Fees) == 0 {
		add(rule.PAY05, "Fees", msgPolicyNoFees)
	}
	for i, e := range p.Fees {
		if i == 0 && !e.From.IsZero() {
			add(rule.EXT10, "Fees[0].From", msgPolicyFirstEra, e.From.Format(time.RFC3339))
		}
		if i > 0 && !e.From.After(p.Fees[i-1].From) {
			add(rule.EXT10, fmt.Sprintf("Fees[%d].From", i), msgPolicyEraOrder)
		}
		if e.Standard.Cmp(one) > 0 {
			add(rule.EXT10, fmt.Sprintf("Fees[%d].Standard", i), msgPolicyRateAbove1, e.Standard.String())
		}
		if e.Qualified.Cmp(one) > 0 {
			add(rule.EXT10, fmt.Sprintf("Fees[%d].Qualified", i), msgPolicyRateAbove1, e.Qualified.String())
		}
	}
	if !p.FeeRounding.Valid() {
		add(rule.PAY05, "FeeRounding", msgPolicyRounding, int(p.FeeRounding))
	}
	if p.Zone == nil {
		add(rule.EXT11, "Zone", msgPolicyZone)
	}
	if p.PayoutDay < 1 || p.PayoutDay > 28 {
		add(rule.EXT11, "PayoutDay", msgPolicyDay, p.PayoutDay)
	}
	if !p.EATiming.Valid() {
		add(rule.PAY02, "EATiming", msgPolicyTiming, int(p.EATiming))
	}
	for _, f := range []struct {
		id   rule.ID
		name string
		v    int
	}{
		{rule.EXT11, "EAOrderMonths", p.EAOrderMonths},
		{rule.EXT11, "EAUsageMonths", p.EAUsageMonths},
		{rule.PAY02, "EAInvoiceDays", p.EAInvoiceDays},
		{rule.EXT11, "CollectedMonths", p.CollectedMonths},
		{rule.PAY03, "CardHoldDays", p.CardHoldDays},
		{rule.PAY03, "CardExtraMonths", p.CardExtraMonths},
		{rule.EXT11, "AdjustmentMonths", p.AdjustmentMonths},
		{rule.RWD04, "EngagementMonths", p.EngagementMonths},
	} {
		if f.v < 0 || f.v > maxOffset {
			add(f.id, f.name, msgPolicyCount, f.v, maxOffset)
		}
	}
	if !p.Threshold.Code().Valid() || p.Threshold.IsNegative() {
		add(rule.PAY04, "Threshold", msgPolicyThreshold, p.Threshold.String())
	}
	if !p.ConversionRounding.Valid() {
		add(rule.PAY04, "ConversionRounding", msgPolicyRounding, int(p.ConversionRounding))
	}
	var tierCode currency.Code
	for i, t := range p.Tiers {
		path := fmt.Sprintf("Tiers[%d]", i)
		if i == 0 {
			tierCode = t.BilledSales.Code()
		}
		if t.Name == "" {
			add(rule.RWD01, path+".Name", msgPolicyTierName)
		}
		if !tierCode.Valid() || t.BilledSales.Code() != tierCode || t.BilledSales.IsNegative() {
			add(rule.RWD01, path+".BilledSales", msgPolicyTierMoney, t.BilledSales.String(), tierCode.String())
		} else if i > 0 && t.BilledSales.Minor() < p.Tiers[i-1].BilledSales.Minor() {
			add(rule.RWD01, path+".BilledSales", msgPolicyTierOrder, t.BilledSales.String())
		}
		if t.TeamsMAU < 0 {
			add(rule.RWD01, path+".TeamsMAU", msgPolicyTierCount, t.TeamsMAU)
		}
		if t.SeatsSold < 0 {
			add(rule.RWD01, path+".SeatsSold", msgPolicyTierCount, t.SeatsSold)
		}
	}
	return ps.Err()
}

var one = currency.MustParseRate("1")

// fastValid is Validate without building problems: true when p is valid.
// It keeps single decisions cheap.
func (p Policy) fastValid() bool {
	if len(p.Fees) == 0 || !p.Fees[0].From.IsZero() || !p.FeeRounding.Valid() || p.Zone == nil ||
		p.PayoutDay < 1 || p.PayoutDay > 28 || !p.EATiming.Valid() || !p.ConversionRounding.Valid() ||
		!p.Threshold.Code().Valid() || p.Threshold.IsNegative() {
		return false
	}
	for i, e := range p.Fees {
		if (i > 0 && !e.From.After(p.Fees[i-1].From)) || e.Standard.Cmp(one) > 0 || e.Qualified.Cmp(one) > 0 {
			return false
		}
	}
	for _, v := range [...]int{p.EAOrderMonths, p.EAUsageMonths, p.EAInvoiceDays, p.CollectedMonths,
		p.CardHoldDays, p.CardExtraMonths, p.AdjustmentMonths, p.EngagementMonths} {
		if v < 0 || v > maxOffset {
			return false
		}
	}
	for i, t := range p.Tiers {
		c := p.Tiers[0].BilledSales.Code()
		if t.Name == "" || !c.Valid() || t.BilledSales.Code() != c || t.BilledSales.IsNegative() ||
			t.TeamsMAU < 0 || t.SeatsSold < 0 || (i > 0 && t.BilledSales.Minor() < p.Tiers[i-1].BilledSales.Minor()) {
			return false
		}
	}
	return true
}

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
// equal fee eras and tiers, and zones with the same name and offsets.
func (p *Policy) sameAs(o *Policy) bool {
	if len(p.Fees) != len(o.Fees) || len(p.Tiers) != len(o.Tiers) ||
		p.FeeRounding != o.FeeRounding || p.PayoutDay != o.PayoutDay || p.EATiming != o.EATiming ||
		p.EAOrderMonths != o.EAOrderMonths || p.EAUsageMonths != o.EAUsageMonths ||
		p.EAInvoiceDays != o.EAInvoiceDays || p.CollectedMonths != o.CollectedMonths ||
		p.CardHoldDays != o.CardHoldDays || p.CardExtraMonths != o.CardExtraMonths ||
		p.AdjustmentMonths != o.AdjustmentMonths || p.Threshold != o.Threshold ||
		p.ConversionRounding != o.ConversionRounding || !p.SeatsSoldUntil.Equal(o.SeatsSoldUntil) ||
		p.EngagementMonths != o.EngagementMonths ||
		!sameZone(p.Zone, o.Zone) {
		return false
	}
	for i := range p.Fees {
		a, b := p.Fees[i], o.Fees[i]
		if !a.From.Equal(b.From) || !a.Standard.Equal(b.Standard) || !a.Qualified.Equal(b.Qualified) {
			return false
		}
	}
	for i := range p.Tiers {
		if p.Tiers[i] != o.Tiers[i] {
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

package rewards

import (
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

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

// Policy holds every number the rewards rules use. Pass it by value. The
// zero Policy means [DefaultPolicy]; any other policy must pass Validate.
type Policy struct {
	// Tiers are the tiers (RWD-01), lowest first, with non-decreasing
	// thresholds, all in one currency.
	Tiers []Tier `json:"tiers"`
	// SeatsSoldUntil ends the seats-sold path to a tier (RWD-01: "only
	// until 30 June 2021"): seats count only for activity before it.
	SeatsSoldUntil time.Time `json:"seatsSoldUntil,omitzero"`
	// EngagementMonths is how long a newly published list, trial or
	// consulting offer has an engagement manager (RWD-04): 3.
	EngagementMonths calendar.Months `json:"engagementMonths"`
}

var pacific = time.FixedZone("PST", -8*60*60)

func usd(dollars int64) currency.Money { return currency.MustFromMinor(dollars*100, currency.USD) }

// DefaultPolicy returns the tiers of the Marketplace Rewards program for
// fiscal year 2024: Publisher, $500, $25K (or 250 Teams MAU), $50K (500),
// $100K (1K), $500K (5K), $1M (50K), $2M (200K), $5M (500K), in USD; no
// seats-sold thresholds (Microsoft published them only as images);
// SeatsSoldUntil 1 July 2021 00:00 Pacific Standard Time (RWD-01); and
// EngagementMonths 3 (RWD-04).
func DefaultPolicy() Policy {
	return Policy{
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
		SeatsSoldUntil:   time.Date(2021, time.July, 1, 0, 0, 0, 0, pacific),
		EngagementMonths: 3,
	}
}

// isZero reports whether p is the zero Policy.
func (p Policy) isZero() bool {
	return p.Tiers == nil && p.SeatsSoldUntil.IsZero() && p.EngagementMonths == 0
}

// resolved returns DefaultPolicy for the zero Policy, else p.
func (p Policy) resolved() Policy {
	if p.isZero() {
		return DefaultPolicy()
	}
	return p
}

// maxMonths bounds EngagementMonths so that date arithmetic cannot
// overflow.
const maxMonths = 1200

var (
	msgPolicyTierName  = rule.Message{English: "a tier needs a name", Swedish: "en nivå behöver ett namn"}
	msgPolicyTierMoney = rule.Message{English: "tier threshold %s must be non-negative and in %s, like the first tier", Swedish: "nivåtröskeln %s måste vara icke-negativ och i %s, som den första nivån"}
	msgPolicyTierOrder = rule.Message{English: "tiers must not decrease: %s is below the previous tier", Swedish: "nivåerna får inte minska: %s är lägre än föregående nivå"}
	msgPolicyCount     = rule.Message{English: "%d must not be negative", Swedish: "%d får inte vara negativt"}
	msgPolicyMonths    = rule.Message{English: "%d is not in 0…%d", Swedish: "%d ligger inte i 0…%d"}
	msgPolicyNoTiers   = rule.Message{English: "the policy has no rewards tiers", Swedish: "policyn har inga belöningsnivåer"}
)

// Validate reports every problem of p at once as [rule.Problems] wrapping
// ErrPolicy, with paths in the policy's JSON names, such as
// "policy.tiers[2].billedSales". The zero Policy is valid: it means
// DefaultPolicy.
func (p Policy) Validate() error {
	p = p.resolved()
	var ps rule.Problems
	add := func(id rule.ID, path string, msg rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: id, Path: "policy." + path, Message: msg, Args: args, Err: ErrPolicy})
	}
	if len(p.Tiers) == 0 {
		add(rule.RWD01, "tiers", msgPolicyNoTiers)
	}
	var code currency.Code
	for i, t := range p.Tiers {
		path := fmt.Sprintf("tiers[%d]", i)
		if i == 0 {
			code = t.BilledSales.Code()
		}
		if t.Name == "" {
			add(rule.RWD01, path+".name", msgPolicyTierName)
		}
		if !code.Valid() || t.BilledSales.Code() != code || t.BilledSales.IsNegative() {
			add(rule.RWD01, path+".billedSales", msgPolicyTierMoney, t.BilledSales.String(), code.String())
		} else if i > 0 && t.BilledSales.Minor() < p.Tiers[i-1].BilledSales.Minor() {
			add(rule.RWD01, path+".billedSales", msgPolicyTierOrder, t.BilledSales.String())
		}
		if t.TeamsMAU < 0 {
			add(rule.RWD01, path+".teamsMau", msgPolicyCount, t.TeamsMAU)
		}
		if t.SeatsSold < 0 {
			add(rule.RWD01, path+".seatsSold", msgPolicyCount, t.SeatsSold)
		}
	}
	if p.EngagementMonths < 0 || p.EngagementMonths > maxMonths {
		add(rule.RWD04, "engagementMonths", msgPolicyMonths, int(p.EngagementMonths), maxMonths)
	}
	return ps.Err()
}

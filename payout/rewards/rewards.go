package rewards

import (
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// Activity is what a publisher's Marketplace Rewards tier is assessed on
// (RWD-01, RWD-02).
type Activity struct {
	// At is the instant of the assessment; needed only with SeatsSold,
	// which counts only before Policy.SeatsSoldUntil.
	At time.Time `json:"at,omitzero"`
	// BilledSales is the company's billed sales through the marketplace,
	// in the tiers' currency (USD by default), including any later proven
	// fraudulent.
	BilledSales currency.Money `json:"billedSales"`
	// Fraudulent is the part of BilledSales proven fraudulent, which does
	// not count (RWD-02).
	Fraudulent currency.Money `json:"fraudulent,omitzero"`
	// TeamsMAU is the monthly active users of the publisher's Teams app;
	// optional.
	TeamsMAU int64 `json:"teamsMau,omitempty"`
	// SeatsSold is the seats sold of Microsoft 365 apps; optional, counted
	// only before Policy.SeatsSoldUntil.
	SeatsSold int64 `json:"seatsSold,omitempty"`
}

// Assessment is the Marketplace Rewards tier decision (RWD-01, RWD-02): the
// highest tier reached by any path, the path, and the figures used.
type Assessment struct {
	Rule   rule.ID     `json:"rule"`   // RWD-01, or RWD-02 when fraud was removed
	Reason rule.Reason `json:"reason"` // ReasonTierBilledSales, …
	// Tier is the index of the tier in Policy.Tiers, −1 when none is
	// reached; Name its name.
	Tier    int     `json:"tier"`
	Name    string  `json:"name"`
	Measure Measure `json:"measure,omitzero"` // the path that reached the tier
	// BilledSales is the billed sales counted: the activity's less the
	// fraudulent part.
	BilledSales currency.Money `json:"billedSales"`
	Fraudulent  currency.Money `json:"fraudulent"`         // removed (RWD-02)
	TeamsMAU    int64          `json:"teamsMau,omitempty"` // as given
	// SeatsSold is the seats counted: zero when the seats-sold path had
	// closed at Activity.At.
	SeatsSold int64 `json:"seatsSold,omitempty"`
	// Next is the next tier's name ("" at the top), and Shortfall the
	// billed sales still needed to reach it.
	Next      string         `json:"next,omitempty"`
	Shortfall currency.Money `json:"shortfall,omitzero"`
}

var (
	msgActNoTiers  = rule.Message{English: "the policy has no rewards tiers", Swedish: "policyn har inga belöningsnivåer"}
	msgActMoney    = rule.Message{English: "%s must be a non-negative amount in %s, the tiers' currency", Swedish: "%s måste vara ett icke-negativt belopp i %s, nivåernas valuta"}
	msgActFraud    = rule.Message{English: "fraudulent sales %s exceed billed sales %s", Swedish: "bedräglig försäljning %s överstiger fakturerad försäljning %s"}
	msgActCount    = rule.Message{English: "%d must not be negative", Swedish: "%d får inte vara negativt"}
	msgActSeatsAt  = rule.Message{English: "seats sold need the instant of the assessment: they count only before %s", Swedish: "sålda licenser kräver bedömningens tidpunkt: de räknas bara före %s"}
	msgRewardSales = rule.Message{
		English: "Marketplace Rewards tier %s, reached by billed sales of %s",
		Swedish: "Marketplace Rewards-nivå %s, uppnådd genom fakturerad försäljning på %s"}
	msgRewardFraud = rule.Message{
		English: " (after removing %s proven fraudulent)",
		Swedish: " (efter att %s bevisat bedräglig försäljning tagits bort)"}
	msgRewardMAU = rule.Message{
		English: "Marketplace Rewards tier %s, reached by a Teams app with %d monthly active users",
		Swedish: "Marketplace Rewards-nivå %s, uppnådd genom en Teams-app med %d aktiva användare per månad"}
	msgRewardSeats = rule.Message{
		English: "Marketplace Rewards tier %s, reached by %d seats sold of Microsoft 365 apps",
		Swedish: "Marketplace Rewards-nivå %s, uppnådd genom %d sålda licenser av Microsoft 365-appar"}
	msgRewardNone = rule.Message{
		English: "No Marketplace Rewards tier is reached with billed sales of %s",
		Swedish: "Ingen Marketplace Rewards-nivå uppnås med fakturerad försäljning på %s"}
	msgRewardNext = rule.Message{English: "; the next tier, %s, needs %s more billed sales.", Swedish: "; nästa nivå, %s, kräver %s mer i fakturerad försäljning."}
	msgRewardTop  = rule.Message{English: "; it is the highest tier.", Swedish: "; det är den högsta nivån."}
)

// Assess decides a publisher's Marketplace Rewards tier (RWD-01, RWD-02):
// the highest tier of p.Tiers reached by billed sales with the proven
// fraudulent part removed, by Teams app monthly active users, or, before
// p.SeatsSoldUntil, by seats sold; on a tie billed sales is named as the
// measure. Invalid input is reported, all problems at once, as
// [rule.Problems] wrapping ErrActivity (paths "activity.billedSales", …).
func (p Policy) Assess(a Activity) (Assessment, error) {
	p = p.resolved()
	if err := p.Validate(); err != nil {
		return Assessment{}, err
	}
	var ps rule.Problems
	add := func(id rule.ID, path string, msg rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: id, Path: "activity." + path, Message: msg, Args: args, Err: ErrActivity})
	}
	if len(p.Tiers) == 0 {
		return Assessment{}, rule.Problems{{Rule: rule.RWD01, Path: "policy.tiers", Message: msgActNoTiers, Err: ErrPolicy}}.Err()
	}
	c := p.Tiers[0].BilledSales.Code()
	sales, fraud := a.BilledSales, a.Fraudulent
	if sales == (currency.Money{}) {
		sales = amountIn(0, c)
	}
	if fraud == (currency.Money{}) {
		fraud = amountIn(0, c)
	}
	if sales.Code() != c || sales.IsNegative() {
		add(rule.RWD01, "billedSales", msgActMoney, sales.String(), c.String())
	}
	if fraud.Code() != c || fraud.IsNegative() {
		add(rule.RWD02, "fraudulent", msgActMoney, fraud.String(), c.String())
	} else if sales.Code() == c && fraud.Minor() > sales.Minor() {
		add(rule.RWD02, "fraudulent", msgActFraud, fraud.String(), sales.String())
	}
	if a.TeamsMAU < 0 {
		add(rule.RWD01, "teamsMau", msgActCount, a.TeamsMAU)
	}
	if a.SeatsSold < 0 {
		add(rule.RWD01, "seatsSold", msgActCount, a.SeatsSold)
	} else if a.SeatsSold > 0 && a.At.IsZero() {
		add(rule.RWD01, "at", msgActSeatsAt, day(p.SeatsSoldUntil))
	}
	if len(ps) > 0 {
		return Assessment{}, ps.Err()
	}
	counted := amountIn(sales.Minor()-fraud.Minor(), c)
	seats := a.SeatsSold
	if seats > 0 && !a.At.Before(p.SeatsSoldUntil) {
		seats = 0
	}
	r := Assessment{Tier: -1, BilledSales: counted, Fraudulent: fraud, TeamsMAU: a.TeamsMAU, SeatsSold: seats,
		Rule: rule.RWD01, Reason: ReasonTierNone}
	if fraud.Sign() != 0 {
		r.Rule = rule.RWD02
	}
	for i, t := range p.Tiers {
		var b Measure
		switch {
		case counted.Minor() >= t.BilledSales.Minor():
			b = ByBilledSales
		case t.TeamsMAU > 0 && a.TeamsMAU >= t.TeamsMAU:
			b = ByTeamsMAU
		case t.SeatsSold > 0 && seats >= t.SeatsSold:
			b = BySeatsSold
		default:
			continue
		}
		r.Tier, r.Name, r.Measure = i, t.Name, b
	}
	switch r.Measure {
	case ByBilledSales:
		r.Reason = ReasonTierBilledSales
	case ByTeamsMAU:
		r.Rule, r.Reason = rule.RWD01, ReasonTierTeamsMAU
	case BySeatsSold:
		r.Rule, r.Reason = rule.RWD01, ReasonTierSeatsSold
	}
	if next := r.Tier + 1; next < len(p.Tiers) {
		r.Next = p.Tiers[next].Name
		r.Shortfall = amountIn(max(0, p.Tiers[next].BilledSales.Minor()-counted.Minor()), c)
	}
	return r, nil
}

// Explain renders the decision in lang, citing its rule.
func (r Assessment) Explain(lang rule.Language) string {
	var s string
	switch r.Measure {
	case ByTeamsMAU:
		s = msgRewardMAU.Render(lang, r.Name, r.TeamsMAU)
	case BySeatsSold:
		s = msgRewardSeats.Render(lang, r.Name, r.SeatsSold)
	case ByBilledSales:
		s = msgRewardSales.Render(lang, r.Name, r.BilledSales)
	default:
		s = msgRewardNone.Render(lang, r.BilledSales)
	}
	if r.Fraudulent.Sign() != 0 {
		s += msgRewardFraud.Render(lang, r.Fraudulent)
	}
	if r.Next != "" {
		s += msgRewardNext.Render(lang, r.Next, r.Shortfall)
	} else {
		s += msgRewardTop.Render(lang)
	}
	return withRule(s, r.Rule)
}

// String is Explain in English.
func (r Assessment) String() string { return r.Explain(rule.English) }

// amountIn returns minor units of c, a code taken from a checked amount or
// a market (so an ISO 4217 code); the zero Money for the zero Code.
func amountIn(minor int64, c currency.Code) currency.Money {
	m, _ := currency.New(minor, c)
	return m
}

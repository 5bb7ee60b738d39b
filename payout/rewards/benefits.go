package rewards

import (
	"time"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/rule"
)

// Reasons: stable codes for why a decision came out as it did.
const (
	// ReasonTierBilledSales: the tier was reached by billed sales
	// (RWD-01, RWD-02).
	ReasonTierBilledSales rule.Reason = "tier-billed-sales"
	// ReasonTierTeamsMAU: the tier was reached by Teams app monthly active
	// users (RWD-01).
	ReasonTierTeamsMAU rule.Reason = "tier-teams-mau"
	// ReasonTierSeatsSold: the tier was reached by seats sold, before the
	// seats-sold path closed (RWD-01).
	ReasonTierSeatsSold rule.Reason = "tier-seats-sold"
	// ReasonTierNone: no tier was reached (only with tiers whose lowest
	// threshold is above zero).
	ReasonTierNone rule.Reason = "tier-none"
	// ReasonEngagementWindow: a list, trial or consulting offer's
	// engagement manager for a number of months (RWD-04).
	ReasonEngagementWindow rule.Reason = "engagement-window"
	// ReasonEngagementEvergreen: a transact offer's benefits engagement
	// has no end.
	ReasonEngagementEvergreen rule.Reason = "engagement-evergreen"
	// ReasonWithdrawable: the ground allows Microsoft to withdraw the
	// benefits (RWD-03).
	ReasonWithdrawable rule.Reason = "benefits-withdrawable"
	// ReasonCountedOut: the sale does not count towards the tier (RWD-02,
	// RWD-03).
	ReasonCountedOut rule.Reason = "sale-not-counted"
	// ReasonCounted: the sale counts towards the tier (RWD-01).
	ReasonCounted rule.Reason = "sale-counted"
)

var (
	msgEngagement = rule.Message{English: "a newly published %v offer gets an engagement manager for %d months, until %v", Swedish: "ett nypublicerat erbjudande av typen %v får en engagemangsansvarig i %d månader, till %v"}
	msgEvergreen  = rule.Message{English: "a transact offer's benefit engagement is evergreen", Swedish: "ett transaktionserbjudandes förmånsengagemang gäller utan tidsgräns"}
	msgWithdraw   = rule.Message{English: "Microsoft may withdraw the benefits: %v", Swedish: "Microsoft kan dra tillbaka förmånerna: %v"}
	msgCountedOut = rule.Message{English: "the sale does not count towards the tier: %v", Swedish: "försäljningen räknas inte mot nivån: %v"}
	msgCounted    = rule.Message{English: "the sale counts towards the tier", Swedish: "försäljningen räknas mot nivån"}
	msgPublished  = rule.Message{English: "the engagement's end is out of range: %v", Swedish: "engagemangets slut ligger utanför intervallet: %v"}
	msgTrack      = rule.Message{English: "unknown benefit track %s", Swedish: "okänt förmånsspår %s"}
	msgGround     = rule.Message{English: "unknown withdrawal ground %s", Swedish: "okänd grund för tillbakadragande %s"}
	trackText     = []rule.Message{{}, {English: "list", Swedish: "lista"}, {English: "trial", Swedish: "utvärdering"}, {English: "consulting", Swedish: "konsulttjänst"}, {English: "transact", Swedish: "transaktion"}}
	groundText    = []rule.Message{{},
		{English: "illegal activity through the listing", Swedish: "olaglig verksamhet via listningen"},
		{English: "a known or suspected fraudulent purchase", Swedish: "ett känt eller misstänkt bedrägligt köp"},
		{English: "the offer was delisted", Swedish: "erbjudandet har avlistats"},
		{English: "copyright or trademark violation", Swedish: "intrång i upphovsrätt eller varumärke"},
		{English: "abuse of Azure Sponsorship", Swedish: "missbruk av Azure-sponsring"},
		{English: "the buyer purchased by mistake and cancelled", Swedish: "köparen köpte av misstag och sade upp köpet"},
		{English: "the buyer cancelled before using the product", Swedish: "köparen sade upp köpet innan produkten användes"},
	}
)

// Publication is a newly published offer, for [Policy.EngagementManager].
type Publication struct {
	Track     Track     `json:"track"`     // how the offer is listed
	Published time.Time `json:"published"` // when it was published
}

// Engagement is the engagement manager decision for a newly published
// offer (RWD-04): list, trial and consulting offers get one for
// Policy.EngagementMonths from publication; a transact offer's benefits
// engagement is evergreen.
type Engagement struct {
	Rule      rule.ID         `json:"rule"`             // RWD-04
	Reason    rule.Reason     `json:"reason"`           // ReasonEngagementWindow or ReasonEngagementEvergreen
	Track     Track           `json:"track"`            // the offer's
	Published time.Time       `json:"published"`        // the offer's
	Months    calendar.Months `json:"months,omitempty"` // the policy's EngagementMonths; 0 for transact offers
	Until     time.Time       `json:"until,omitzero"`   // zero for transact offers: evergreen
}

// ActiveAt reports whether the engagement runs at instant at: from
// publication until Until (open-ended when Until is zero).
func (e Engagement) ActiveAt(at time.Time) bool {
	return !at.Before(e.Published) && (e.Until.IsZero() || at.Before(e.Until))
}

// Explain renders the decision in lang, citing its rule.
func (e Engagement) Explain(lang rule.Language) string {
	if e.Reason == ReasonEngagementEvergreen {
		return withRule(msgEvergreen.Render(lang), e.Rule)
	}
	return withRule(msgEngagement.Render(lang, text(trackText, int(e.Track)), int(e.Months), e.Until.Format(time.DateOnly)), e.Rule)
}

// String is Explain in English.
func (e Engagement) String() string { return e.Explain(rule.English) }

// EngagementManager decides the engagement manager of a newly published
// offer (RWD-04). An unknown track is a problem at "publication.track"
// wrapping ErrUnknown.
func (p Policy) EngagementManager(pub Publication) (Engagement, error) {
	p = p.resolved()
	if err := p.Validate(); err != nil {
		return Engagement{}, err
	}
	if !trackNames.Valid(pub.Track) {
		return Engagement{}, rule.Problems{{Rule: rule.RWD04, Path: "publication.track", Message: msgTrack, Args: []any{pub.Track.String()}, Err: ErrUnknown}}.Err()
	}
	e := Engagement{Track: pub.Track, Published: pub.Published, Rule: rule.RWD04, Reason: ReasonEngagementEvergreen}
	if pub.Track != TrackTransact {
		e.Months, e.Reason = p.EngagementMonths, ReasonEngagementWindow
		until, err := calendar.AddMonths(pub.Published, p.EngagementMonths)
		if err != nil {
			return Engagement{}, rule.Problems{{Rule: rule.RWD04, Path: "publication.published", Message: msgPublished, Args: []any{err}, Err: ErrActivity}}.Err()
		}
		e.Until = until
	}
	return e, nil
}

// Withdrawal is the decision whether Microsoft may withdraw a publisher's
// benefits on a ground (RWD-03): Allowed is true for every ground of
// RWD-03.
type Withdrawal struct {
	Allowed bool        `json:"allowed"` // Microsoft may withdraw the benefits
	Rule    rule.ID     `json:"rule"`    // RWD-03
	Reason  rule.Reason `json:"reason"`  // ReasonWithdrawable
	Ground  Ground      `json:"ground"`  // the ground given
}

// Explain renders the decision in lang, citing its rule.
func (w Withdrawal) Explain(lang rule.Language) string {
	return withRule(msgWithdraw.Render(lang, text(groundText, int(w.Ground))), w.Rule)
}

// String is Explain in English.
func (w Withdrawal) String() string { return w.Explain(rule.English) }

// CheckWithdrawal decides whether Microsoft may withdraw the benefits on
// ground g (RWD-03). An unknown ground is a problem at "ground" wrapping
// ErrUnknown.
func (p Policy) CheckWithdrawal(g Ground) (Withdrawal, error) {
	if !groundNames.Valid(g) {
		return Withdrawal{}, rule.Problems{{Rule: rule.RWD03, Path: "ground", Message: msgGround, Args: []any{g.String()}, Err: ErrUnknown}}.Err()
	}
	return Withdrawal{Allowed: true, Ground: g, Rule: rule.RWD03, Reason: ReasonWithdrawable}, nil
}

// SaleFacts is what decides whether a sale counts towards the tier.
type SaleFacts struct {
	// Fraudulent: the sale was proven fraudulent (RWD-02).
	Fraudulent bool `json:"fraudulent,omitempty"`
	// Cancelled is why the buyer cancelled, if they did:
	// GroundMistakenPurchase or GroundCancelledBeforeUse take the sale
	// out (RWD-03); zero or any other ground leaves it in.
	Cancelled Ground `json:"cancelled,omitzero"`
}

// TierCount is the decision whether a sale counts towards the tier
// (RWD-02, RWD-03): Allowed is true when it counts.
type TierCount struct {
	Allowed bool        `json:"allowed"`         // the sale counts
	Rule    rule.ID     `json:"rule"`            // RWD-01, RWD-02 or RWD-03
	Reason  rule.Reason `json:"reason"`          // ReasonCounted or ReasonCountedOut
	Ground  Ground      `json:"ground,omitzero"` // why not: GroundFraud, GroundMistakenPurchase or GroundCancelledBeforeUse
}

// Explain renders the decision in lang, citing its rule.
func (c TierCount) Explain(lang rule.Language) string {
	if c.Allowed {
		return withRule(msgCounted.Render(lang), c.Rule)
	}
	return withRule(msgCountedOut.Render(lang, text(groundText, int(c.Ground))), c.Rule)
}

// String is Explain in English.
func (c TierCount) String() string { return c.Explain(rule.English) }

// CountTowardsTier decides whether a sale counts towards the publisher's
// tier: a proven fraudulent sale does not (RWD-02), nor one bought by
// mistake or cancelled before use (RWD-03). An unknown ground is a problem
// at "sale.cancelled" wrapping ErrUnknown.
func (p Policy) CountTowardsTier(s SaleFacts) (TierCount, error) {
	if s.Cancelled != 0 && !groundNames.Valid(s.Cancelled) {
		return TierCount{}, rule.Problems{{Rule: rule.RWD03, Path: "sale.cancelled", Message: msgGround, Args: []any{s.Cancelled.String()}, Err: ErrUnknown}}.Err()
	}
	switch {
	case s.Fraudulent:
		return TierCount{Ground: GroundFraud, Rule: rule.RWD02, Reason: ReasonCountedOut}, nil
	case s.Cancelled == GroundMistakenPurchase || s.Cancelled == GroundCancelledBeforeUse:
		return TierCount{Ground: s.Cancelled, Rule: rule.RWD03, Reason: ReasonCountedOut}, nil
	}
	return TierCount{Allowed: true, Rule: rule.RWD01, Reason: ReasonCounted}, nil
}

func text(ms []rule.Message, i int) rule.Message {
	if i < 0 || i >= len(ms) {
		return rule.Message{English: "?", Swedish: "?"}
	}
	return ms[i]
}

// withRule appends " (RWD-01)".
func withRule(s string, id rule.ID) string { return s + " (" + string(id) + ")" }

func day(t time.Time) string { return t.Format(time.DateOnly) }

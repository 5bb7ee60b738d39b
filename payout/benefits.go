package payout

import (
	"errors"
	"time"

	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// ErrTrack: a benefit track that is not list, trial, consulting or
// transact. ErrGround: a ground that is not one of RWD-03's.
var (
	ErrTrack  = errors.New("unknown benefit track")
	ErrGround = errors.New("unknown withdrawal ground")
)

// Track is the kind of Marketplace Rewards benefits an offer earns, by how
// it is listed (reference fact 103): list (Contact me, BYOL), trial (free
// trial, test drive, a free Get it now offer), consulting, or transact
// (sold through Microsoft). The zero Track is invalid.
type Track uint8

// The benefit tracks.
const (
	TrackList Track = iota + 1
	TrackTrial
	TrackConsulting
	TrackTransact
)

var trackNames = []string{"", "list", "trial", "consulting", "transact"}

// ParseTrack parses "list", "trial", "consulting" or "transact", ignoring
// case and the separators '-', '_' and ' '.
func ParseTrack(s string) (Track, error) {
	v, ok := enumParse(s, trackNames)
	if !ok {
		return 0, enumError("benefit track", s, trackNames, ErrTrack)
	}
	return Track(v), nil
}

// Valid reports whether t is a defined track.
func (t Track) Valid() bool { return enumValid(uint8(t), trackNames) }

// String returns the track's name.
func (t Track) String() string { return enumString(uint8(t), trackNames, "Track") }

// MarshalText implements [encoding.TextMarshaler].
func (t Track) MarshalText() ([]byte, error) {
	return marshalEnum(uint8(t), trackNames, "benefit track", ErrTrack)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseTrack].
func (t *Track) UnmarshalText(text []byte) error {
	v, err := ParseTrack(string(text))
	if err == nil {
		*t = v
	}
	return err
}

// Ground is a reason for which Microsoft may withdraw Marketplace Rewards
// benefits (RWD-03). The zero Ground is invalid.
type Ground uint8

// The grounds of RWD-03.
const (
	// GroundIllegalActivity: illegal activity through the listing.
	GroundIllegalActivity Ground = iota + 1
	// GroundFraud: a known or suspected fraudulent purchase.
	GroundFraud
	// GroundDelisted: the offer was delisted.
	GroundDelisted
	// GroundInfringement: copyright or trademark violation.
	GroundInfringement
	// GroundSponsorshipAbuse: abuse of Azure Sponsorship.
	GroundSponsorshipAbuse
	// GroundMistakenPurchase: the buyer purchased by mistake and cancelled.
	GroundMistakenPurchase
	// GroundCancelledBeforeUse: the buyer cancelled before using the
	// product.
	GroundCancelledBeforeUse
)

var groundNames = []string{"", "illegal-activity", "fraud", "delisted", "infringement", "sponsorship-abuse", "mistaken-purchase", "cancelled-before-use"}

// ParseGround parses a ground's name, such as "mistaken-purchase".
func ParseGround(s string) (Ground, error) {
	v, ok := enumParse(s, groundNames)
	if !ok {
		return 0, enumError("withdrawal ground", s, groundNames, ErrGround)
	}
	return Ground(v), nil
}

// Valid reports whether g is one of RWD-03's grounds.
func (g Ground) Valid() bool { return enumValid(uint8(g), groundNames) }

// String returns the ground's name.
func (g Ground) String() string { return enumString(uint8(g), groundNames, "Ground") }

// MarshalText implements [encoding.TextMarshaler].
func (g Ground) MarshalText() ([]byte, error) {
	return marshalEnum(uint8(g), groundNames, "withdrawal ground", ErrGround)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseGround].
func (g *Ground) UnmarshalText(text []byte) error {
	v, err := ParseGround(string(text))
	if err == nil {
		*g = v
	}
	return err
}

// Reasons of the benefit decisions.
const (
	ReasonEngagementWindow    rule.Reason = "engagement-window"
	ReasonEngagementEvergreen rule.Reason = "engagement-evergreen"
	ReasonWithdrawable        rule.Reason = "benefits-withdrawable"
	ReasonCountedOut          rule.Reason = "sale-not-counted"
)

var (
	msgEngagement = rule.Message{English: "a newly published %v offer gets an engagement manager for %d months, until %v", Swedish: "ett nypublicerat erbjudande av typen %v får en engagemangsansvarig i %d månader, till %v"}
	msgEvergreen  = rule.Message{English: "a transact offer's benefit engagement is evergreen", Swedish: "ett transaktionserbjudandes förmånsengagemang gäller utan tidsgräns"}
	msgWithdraw   = rule.Message{English: "Microsoft may withdraw the benefits: %v", Swedish: "Microsoft kan dra tillbaka förmånerna: %v"}
	msgCountedOut = rule.Message{English: "the sale does not count towards the tier: %v", Swedish: "försäljningen räknas inte mot nivån: %v"}
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

// Engagement says whether and until when a newly published offer has an
// engagement manager (RWD-04).
type Engagement struct {
	Track     Track       `json:"track"`
	Published time.Time   `json:"published"`
	Months    int         `json:"months,omitempty"` // the policy's EngagementMonths; 0 for transact offers
	Until     time.Time   `json:"until,omitzero"`   // zero for transact offers: evergreen
	Rule      rule.ID     `json:"rule"`
	Reason    rule.Reason `json:"reason"`
}

// Active reports whether the engagement manager is assigned at at.
func (e Engagement) Active(at time.Time) bool {
	return !at.Before(e.Published) && (e.Until.IsZero() || at.Before(e.Until))
}

// Explain renders the decision in lang.
func (e Engagement) Explain(lang rule.Language) string {
	if e.Reason == ReasonEngagementEvergreen {
		return msgEvergreen.Render(lang) + " (" + string(e.Rule) + ")"
	}
	return msgEngagement.Render(lang, trackText[e.Track], e.Months, e.Until) + " (" + string(e.Rule) + ")"
}

// EngagementManager says how long a newly published offer on track t has
// an engagement manager (RWD-04): list, trial and consulting offers for
// p.EngagementMonths calendar months from publication (three in the seed;
// the 2023 benefits table says six: reference fact 103); transact offers
// without end. An invalid track is an error wrapping ErrTrack.
func (p Policy) EngagementManager(t Track, published time.Time) (Engagement, error) {
	if !t.Valid() {
		return Engagement{}, enumError("benefit track", t.String(), trackNames, ErrTrack)
	}
	e := Engagement{Track: t, Published: published, Rule: rule.RWD04, Reason: ReasonEngagementEvergreen}
	if t != TrackTransact {
		e.Months, e.Reason = p.EngagementMonths, ReasonEngagementWindow
		e.Until = plan.AddMonths(published, p.EngagementMonths)
	}
	return e, nil
}

// Withdrawal says that Microsoft may withdraw a publisher's Marketplace
// Rewards benefits, and on which ground (RWD-03).
type Withdrawal struct {
	Ground Ground      `json:"ground"`
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
}

// Explain renders the decision in lang.
func (w Withdrawal) Explain(lang rule.Language) string {
	return msgWithdraw.Render(lang, groundText[w.Ground]) + " (" + string(w.Rule) + ")"
}

// MayWithdraw says whether Microsoft may withdraw benefits on ground g
// (RWD-03): every ground of the rule allows it; the decision stays
// Microsoft's. An invalid ground is an error wrapping ErrGround.
func MayWithdraw(g Ground) (Withdrawal, error) {
	if !g.Valid() {
		return Withdrawal{}, enumError("withdrawal ground", g.String(), groundNames, ErrGround)
	}
	return Withdrawal{Ground: g, Rule: rule.RWD03, Reason: ReasonWithdrawable}, nil
}

// TierCount says whether a sale counts towards the publisher's rewards
// tier, and if not, why (RWD-02, RWD-03).
type TierCount struct {
	Counts bool        `json:"counts"`
	Ground Ground      `json:"ground,omitempty"` // why not: GroundFraud, GroundMistakenPurchase or GroundCancelledBeforeUse
	Rule   rule.ID     `json:"rule,omitempty"`
	Reason rule.Reason `json:"reason,omitempty"`
}

// Explain renders the decision in lang; a counted sale explains nothing.
func (c TierCount) Explain(lang rule.Language) string {
	if c.Counts {
		return ""
	}
	return msgCountedOut.Render(lang, groundText[c.Ground]) + " (" + string(c.Rule) + ")"
}

// CountsTowardsTier says whether a sale counts towards the publisher's
// rewards tier: not when it was proven fraudulent (RWD-02), and not when
// the buyer purchased by mistake and cancelled or cancelled before using
// the product (cancelled; zero if neither), which are grounds to withdraw
// the benefits it earned (RWD-03).
func CountsTowardsTier(fraudulent bool, cancelled Ground) TierCount {
	switch {
	case fraudulent:
		return TierCount{Ground: GroundFraud, Rule: rule.RWD02, Reason: ReasonCountedOut}
	case cancelled == GroundMistakenPurchase || cancelled == GroundCancelledBeforeUse:
		return TierCount{Ground: cancelled, Rule: rule.RWD03, Reason: ReasonCountedOut}
	}
	return TierCount{Counts: true}
}

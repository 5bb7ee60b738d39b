package rewards

import "github.com/marketrules/marketrules/internal/enum"

// Measure is what a Marketplace Rewards tier was reached by (RWD-01). The
// zero Measure is unset (no tier reached) and marshals to "".
type Measure uint8

// The measures.
const (
	ByBilledSales Measure = iota + 1 // billed sales after fraud is removed
	ByTeamsMAU                       // monthly active users of a Teams app
	BySeatsSold                      // seats sold, Microsoft 365 apps only, until 30 June 2021
)

// Track is the kind of Marketplace Rewards benefits an offer earns, by how
// it is listed: list (Contact me, BYOL), trial (free trial, test drive, a
// free Get it now offer), consulting, or transact (sold through
// Microsoft). The zero Track is unset and marshals to "".
type Track uint8

// The benefit tracks.
const (
	TrackList Track = iota + 1
	TrackTrial
	TrackConsulting
	TrackTransact
)

// Ground is a ground of RWD-03 on which Microsoft may withdraw benefits,
// or on which a sale does not count. The zero Ground is unset and
// marshals to "".
type Ground uint8

// The grounds of RWD-03 (and RWD-02's fraud).
const (
	GroundIllegalActivity    Ground = iota + 1 // illegal activity through the listing
	GroundFraud                                // a known or suspected fraudulent purchase
	GroundDelisted                             // the offer was delisted
	GroundInfringement                         // copyright or trademark violation
	GroundSponsorshipAbuse                     // abuse of Azure Sponsorship
	GroundMistakenPurchase                     // the buyer purchased by mistake and cancelled
	GroundCancelledBeforeUse                   // the buyer cancelled before using the product
)

var (
	measureNames = enum.Names[Measure]{Type: "rewards measure", Names: []string{"", "billed-sales", "teams-mau", "seats-sold"}}
	trackNames   = enum.Names[Track]{Type: "benefit track", Names: []string{"", "list", "trial", "consulting", "transact"}}
	groundNames  = enum.Names[Ground]{Type: "withdrawal ground", Names: []string{"", "illegal-activity", "fraud", "delisted",
		"infringement", "sponsorship-abuse", "mistaken-purchase", "cancelled-before-use"}}
)

func marshal[T ~uint8](n enum.Names[T], v T) ([]byte, error) {
	if v == 0 {
		return []byte{}, nil
	}
	return n.Marshal(v)
}

func unmarshal[T ~uint8](n enum.Names[T], b []byte, v *T) error {
	if len(b) == 0 {
		*v = 0
		return nil
	}
	return n.Unmarshal(b, v)
}

// String returns the measure's name, such as "teams-mau".
func (m Measure) String() string { return measureNames.String(m) }

// MarshalText implements [encoding.TextMarshaler]; the zero Measure is "".
func (m Measure) MarshalText() ([]byte, error) { return marshal(measureNames, m) }

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case; ""
// is the zero Measure. An unknown name wraps ErrUnknown.
func (m *Measure) UnmarshalText(b []byte) error { return unmarshal(measureNames, b, m) }

// String returns the track's name, such as "trial".
func (t Track) String() string { return trackNames.String(t) }

// MarshalText implements [encoding.TextMarshaler]; the zero Track is "".
func (t Track) MarshalText() ([]byte, error) { return marshal(trackNames, t) }

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case; ""
// is the zero Track. An unknown name wraps ErrUnknown.
func (t *Track) UnmarshalText(b []byte) error { return unmarshal(trackNames, b, t) }

// String returns the ground's name, such as "fraud".
func (g Ground) String() string { return groundNames.String(g) }

// MarshalText implements [encoding.TextMarshaler]; the zero Ground is "".
func (g Ground) MarshalText() ([]byte, error) { return marshal(groundNames, g) }

// UnmarshalText implements [encoding.TextUnmarshaler], ignoring case; ""
// is the zero Ground. An unknown name wraps ErrUnknown.
func (g *Ground) UnmarshalText(b []byte) error { return unmarshal(groundNames, b, g) }

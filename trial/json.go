package trial

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/market"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/rule"
)

// MaxJSONSize is the largest JSON text the decoders of this package
// accept: 16 KiB, far more than any [State], [Transition], [Effects] or
// [Eligibility] needs. Longer input is refused before it is parsed, so
// that hostile input costs no more memory than a small multiple of it.
const MaxJSONSize = 16 << 10

var msgTooLarge = rule.Message{English: "%s bytes of JSON, more than the limit of %s", Swedish: "%s byte JSON, mer än gränsen %s"}

// tooLarge returns the problem of JSON text longer than MaxJSONSize, with
// sentinel err, or nil.
func tooLarge(b []byte, err error) error {
	if len(b) <= MaxJSONSize {
		return nil
	}
	ps := rule.Problems{{Message: msgTooLarge, Args: []any{strconv.Itoa(len(b)), strconv.Itoa(MaxJSONSize)}, Err: err}}
	return ps.Err()
}

// UnmarshalJSON decodes a state strictly from the JSON form that
// encoding/json writes for it: unknown or repeated members, values of the
// wrong type and unknown names are rejected, and the decoded state must
// pass [State.Validate]. All problems are reported at once as
// [rule.Problems] wrapping [ErrInvalidState], with paths such as "end".
//
// JSON keeps each instant's UTC offset, not its location. A state whose
// Zone is "UTC" is decoded with its instants in [time.UTC], so it
// round-trips exactly (==); one whose Zone is a fixed offset ("+01:00")
// in that fixed zone. For a named zone ("Europe/Stockholm", "Local"),
// attach the location with [State.In] before applying events that need
// the trial's calendar.
func (s *State) UnmarshalJSON(b []byte) error {
	if err := tooLarge(b, ErrInvalidState); err != nil {
		return err
	}
	var v stateJSON
	var ps rule.Problems
	jsonx.Decode(b, &v, "", &ps)
	if len(ps) > 0 {
		for i := range ps {
			if ps[i].Err == nil {
				ps[i].Err = ErrInvalidState
			}
		}
		return ps.Err()
	}
	st := State{Phase: v.Phase, Plan: v.Plan, Market: v.Market, Months: v.Months, Start: v.Start, End: v.End,
		Zone: v.Zone, CancelledAt: v.CancelledAt, PaidAt: v.PaidAt, PaidVia: v.PaidVia, Last: v.Last}
	if loc, ok := calendar.ZoneOf(st.Zone); ok {
		st = st.In(loc)
	}
	if err := st.Validate(); err != nil {
		return err
	}
	*s = st
	return nil
}

// UnmarshalJSON decodes an eligibility decision strictly from the JSON
// form that encoding/json writes for it, reporting every problem as
// [rule.Problems]. Input longer than [MaxJSONSize] is refused.
func (e *Eligibility) UnmarshalJSON(b []byte) error {
	if err := tooLarge(b, ErrInvalidState); err != nil {
		return err
	}
	type plain Eligibility
	var v plain
	var ps rule.Problems
	jsonx.Decode(b, &v, "", &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	*e = Eligibility(v)
	return nil
}

var msgTransitionState = rule.Message{English: "a refused transition has effects", Swedish: "en nekad övergång har effekter"}

// UnmarshalJSON decodes a transition strictly from the JSON form that
// encoding/json writes for it: unknown or repeated members, values of the
// wrong type and unknown names are problems with their paths
// ("state.end", "effects[1].type"); the state must pass [State.Validate]
// and the effects be those of one transition; a refusal has no effects.
// Input longer than [MaxJSONSize] is refused. Errors are [rule.Problems]
// wrapping [ErrInvalidState] where no other sentinel applies.
func (t *Transition) UnmarshalJSON(b []byte) error {
	if err := tooLarge(b, ErrInvalidState); err != nil {
		return err
	}
	var v transitionJSON
	var ps rule.Problems
	jsonx.Decode(b, &v, "", &ps)
	if len(ps) == 0 && !v.Allowed && v.Effects.Len() > 0 {
		ps.Append(rule.Problem{Path: "effects", Message: msgTransitionState})
	}
	if len(ps) > 0 {
		for i := range ps {
			if ps[i].Err == nil {
				ps[i].Err = ErrInvalidState
			}
		}
		return ps.Err()
	}
	*t = Transition{Allowed: v.Allowed, Rule: v.Rule, Reason: v.Reason, Event: v.Event, At: v.At, Plan: v.Plan,
		Offer: v.Offer, State: v.State, Effects: v.Effects, End: v.End, Months: v.Months, Lengths: v.Lengths}
	return nil
}

// stateJSON is a State's JSON form: its members in the order of the
// documentation, while State orders its fields to pack the small ones.
type stateJSON struct {
	Phase       Phase       `json:"phase"`
	Plan        string      `json:"plan,omitempty"`
	Market      market.Code `json:"market,omitzero"`
	Months      int         `json:"months,omitempty"`
	Start       time.Time   `json:"start,omitzero"`
	End         time.Time   `json:"end,omitzero"`
	Zone        string      `json:"zone,omitempty"`
	CancelledAt time.Time   `json:"cancelledAt,omitzero"`
	PaidAt      time.Time   `json:"paidAt,omitzero"`
	PaidVia     PaidVia     `json:"paidVia,omitzero"`
	Last        time.Time   `json:"last,omitzero"`
}

// MarshalJSON implements [json.Marshaler]: {"phase":"trial","plan":"a",
// "market":"SE",…}, the members in the order of the fields' documentation,
// empty ones left out.
func (s State) MarshalJSON() ([]byte, error) {
	return marshalJSON(stateJSON{Phase: s.Phase, Plan: s.Plan, Market: s.Market, Months: s.Months, Start: s.Start,
		End: s.End, Zone: s.Zone, CancelledAt: s.CancelledAt, PaidAt: s.PaidAt, PaidVia: s.PaidVia, Last: s.Last})
}

// transitionJSON is a Transition's JSON form: its members in the order of
// the documentation, while Transition orders its fields to pack the small
// ones.
type transitionJSON struct {
	Allowed bool        `json:"allowed"`
	Rule    rule.ID     `json:"rule"`
	Reason  rule.Reason `json:"reason"`
	Event   EventType   `json:"event,omitzero"`
	At      time.Time   `json:"at,omitzero"`
	Plan    string      `json:"plan,omitempty"`
	Offer   Offering    `json:"offer,omitzero"`
	State   State       `json:"state"`
	Effects Effects     `json:"effects"`
	End     time.Time   `json:"end,omitzero"`
	Months  int         `json:"months,omitempty"`
	Lengths []int       `json:"lengths,omitempty"`
}

// MarshalJSON implements [json.Marshaler]: {"allowed":true,"rule":"TRL-02",
// "reason":"trial-started",…,"state":{…},"effects":[…]}, the members in
// the order of the fields' documentation, empty ones left out.
func (t Transition) MarshalJSON() ([]byte, error) {
	return marshalJSON(transitionJSON{Allowed: t.Allowed, Rule: t.Rule, Reason: t.Reason, Event: t.Event, At: t.At,
		Plan: t.Plan, Offer: t.Offer, State: t.State, Effects: t.Effects, End: t.End, Months: t.Months, Lengths: t.Lengths})
}

// marshalJSON encodes v without escaping HTML characters, which the
// encoder calling a MarshalJSON method escapes or not as it was told: the
// bytes are then those it would write for the fields themselves.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

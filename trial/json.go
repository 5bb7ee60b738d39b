package trial

import (
	"github.com/marketrules/marketrules/calendar"
	"strconv"

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
	type plain State // the same fields, without this method
	var v plain
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
	st := State(v)
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
	type plain Transition
	var v plain
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
	*t = Transition(v)
	return nil
}

package trial

import (
	"time"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/rule"
)

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
		return ps
	}
	st := State(v)
	if st.Zone == "UTC" {
		st = st.In(time.UTC)
	} else if off, ok := parseOffset(st.Zone); ok {
		st = st.In(time.FixedZone("", off))
	}
	if err := st.Validate(); err != nil {
		return err
	}
	*s = st
	return nil
}

// UnmarshalJSON decodes an eligibility decision strictly from the JSON
// form that encoding/json writes for it, reporting every problem as
// [rule.Problems].
func (e *Eligibility) UnmarshalJSON(b []byte) error {
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

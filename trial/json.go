package trial

import (
	"encoding"
	"strconv"
	"time"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/currency"
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
//
// The form MarshalJSON writes is read in one pass, without reflection;
// anything else goes through the package's strict decoder, which finds
// the problems.
func (s *State) UnmarshalJSON(b []byte) error {
	if s.unmarshalFast(b) {
		return nil
	}
	return s.unmarshalJSONx(b)
}

// unmarshalJSONx is UnmarshalJSON through jsonx: the decoder of every
// input unmarshalFast leaves, and its reference.
func (s *State) unmarshalJSONx(b []byte) error {
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
	st, err := State{Phase: v.Phase, Plan: v.Plan, Market: v.Market, Months: v.Months, Start: v.Start, End: v.End,
		Zone: v.Zone, CancelledAt: v.CancelledAt, PaidAt: v.PaidAt, PaidVia: v.PaidVia, Last: v.Last}.settle()
	if err != nil {
		return err
	}
	*s = st
	return nil
}

// settle returns a decoded state in its zone, checked: the last step of
// UnmarshalJSON.
func (s State) settle() (State, error) {
	if loc, ok := calendar.ZoneOf(s.Zone); ok {
		s = s.In(loc)
	}
	return s, s.Validate()
}

// unmarshalFast decodes b as UnmarshalJSON does, if b is in the form
// MarshalJSON writes (white space aside; see jsonx.Fast) and holds a
// valid state, in one pass without reflection. It reports false, having
// set nothing, for anything else, which unmarshalJSONx then decodes or
// refuses with its problems.
func (s *State) unmarshalFast(b []byte) bool {
	if len(b) > MaxJSONSize {
		return false
	}
	f := jsonx.NewFast(b)
	var st State
	st.readFast(&f)
	if !f.Done() {
		return false
	}
	st, err := st.settle()
	if err != nil {
		return false
	}
	*s = st
	return true
}

// readFast reads the members of a state's object, opened in f, into s.
func (s *State) readFast(f *jsonx.Fast) {
	f.Members(func(name []byte) uint64 {
		switch string(name) {
		case "phase":
			s.Phase = jsonx.Name[Phase](f, phaseNames.Names)
			return 1 << 0
		case "plan":
			s.Plan = string(f.String())
			return 1 << 1
		case "market":
			if text := f.String(); s.Market.UnmarshalText(text) != nil {
				f.Fail()
			}
			return 1 << 2
		case "months":
			s.Months = f.IntN()
			return 1 << 3
		case "start":
			f.Time(&s.Start)
			return 1 << 4
		case "end":
			f.Time(&s.End)
			return 1 << 5
		case "zone":
			s.Zone = string(f.String())
			return 1 << 6
		case "cancelledAt":
			f.Time(&s.CancelledAt)
			return 1 << 7
		case "paidAt":
			f.Time(&s.PaidAt)
			return 1 << 8
		case "paidVia":
			s.PaidVia = jsonx.Name[PaidVia](f, conversionNames.Names)
			return 1 << 9
		case "last":
			f.Time(&s.Last)
			return 1 << 10
		}
		return 0
	})
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
	if t.unmarshalFast(b) {
		return nil
	}
	return t.unmarshalJSONx(b)
}

// unmarshalJSONx is UnmarshalJSON through jsonx, as State's is.
func (t *Transition) unmarshalJSONx(b []byte) error {
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

// unmarshalFast decodes b as UnmarshalJSON does, if b is in the form
// MarshalJSON writes (white space aside; see jsonx.Fast) and holds a
// valid transition, as State's does.
func (t *Transition) unmarshalFast(b []byte) bool {
	if len(b) > MaxJSONSize {
		return false
	}
	f := jsonx.NewFast(b)
	var v Transition
	f.Members(func(name []byte) uint64 {
		switch string(name) {
		case "allowed":
			v.Allowed = f.Bool()
			return 1 << 0
		case "rule":
			v.Rule = rule.ID(f.String())
			return 1 << 1
		case "reason":
			v.Reason = rule.Reason(f.String())
			return 1 << 2
		case "event":
			v.Event = jsonx.Name[EventType](&f, kindNames.Names)
			return 1 << 3
		case "at":
			f.Time(&v.At)
			return 1 << 4
		case "plan":
			v.Plan = string(f.String())
			return 1 << 5
		case "offer":
			v.Offer.readFast(&f)
			return 1 << 6
		case "state":
			f.Open()
			v.State.readFast(&f)
			st, err := v.State.settle()
			if err != nil {
				f.Fail()
			}
			v.State = st
			return 1 << 7
		case "effects":
			v.Effects.readFast(&f)
			return 1 << 8
		case "end":
			f.Time(&v.End)
			return 1 << 9
		case "months":
			v.Months = f.IntN()
			return 1 << 10
		case "lengths":
			v.Lengths = []int{}
			f.Elems(func() { v.Lengths = append(v.Lengths, f.IntN()) })
			return 1 << 11
		}
		return 0
	})
	if !f.Done() || !v.Allowed && v.Effects.Len() > 0 {
		return false
	}
	*t = v
	return true
}

// readFast reads an effects array for Transition.unmarshalFast as
// Effects.UnmarshalJSON decodes it (each effect as Effect.UnmarshalJSON
// does), failing f where that fails.
func (x *Effects) readFast(f *jsonx.Fast) {
	var list [MaxEffects]Effect
	n := 0
	f.Elems(func() {
		if n == len(list) {
			f.Fail() // more than one transition has
			return
		}
		list[n].readFast(f)
		n++
	})
	if f.Failed() {
		return
	}
	out, ok := effectsOf(list[:n])
	if !ok {
		f.Fail()
	}
	*x = out
}

// effectsOf returns the effects whose list is list, as
// Effects.UnmarshalJSON builds them, or false if list is not the list of
// any (where UnmarshalJSON reports a problem).
func effectsOf(list []Effect) (Effects, bool) {
	if len(list) == 0 {
		return Effects{}, true
	}
	out := rebuildEffects(list)
	if out.Len() != len(list) {
		return Effects{}, false
	}
	for i := range list {
		if !effectEqual(list[i], out.At(i)) {
			return Effects{}, false
		}
	}
	return out, true
}

// readFast reads an effect's object as Effect.UnmarshalJSON decodes it,
// failing f where that fails.
func (e *Effect) readFast(f *jsonx.Fast) {
	f.Open()
	f.Members(func(name []byte) uint64 {
		switch string(name) {
		case "type":
			e.Type = jsonx.Name[EffectType](f, actionNames.Names)
			return 1 << 0
		case "rule":
			e.Rule = rule.ID(f.String())
			return 1 << 1
		case "reason":
			e.Reason = rule.Reason(f.String())
			return 1 << 2
		case "at":
			f.Time(&e.At)
			return 1 << 3
		case "plan":
			e.Plan = string(f.String())
			return 1 << 4
		case "from":
			e.From = string(f.String())
			return 1 << 5
		case "months":
			e.Months = f.IntN()
			return 1 << 6
		case "until":
			f.Time(&e.Until)
			return 1 << 7
		case "used":
			e.Used = time.Duration(f.Int())
			return 1 << 8
		case "amount":
			f.Money(&e.Amount)
			return 1 << 9
		}
		return 0
	})
	if !e.Type.Valid() && *e != (Effect{}) {
		f.Fail()
	}
}

// readFast reads an offering's object for Transition.unmarshalFast.
func (o *Offering) readFast(f *jsonx.Fast) {
	f.Open()
	f.Members(func(name []byte) uint64 {
		switch string(name) {
		case "type":
			if text := f.String(); o.Type.UnmarshalText(text) != nil {
				f.Fail()
			}
			return 1 << 0
		case "sellThroughMicrosoft":
			o.SellThroughMicrosoft = f.Bool()
			return 1 << 1
		}
		return 0
	})
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
// empty ones left out: the bytes encoding/json writes for stateJSON.
func (s State) MarshalJSON() ([]byte, error) {
	return s.appendJSON(make([]byte, 0, 320))
}

// appendJSON appends the JSON form of s to b.
func (s *State) appendJSON(b []byte) ([]byte, error) {
	var err error
	b = append(b, `{"phase":`...)
	if b, err = appendEnum(b, s.Phase.Valid(), s.Phase.String(), s.Phase); err != nil {
		return nil, err
	}
	if s.Plan != "" {
		b = jsonx.AppendString(append(b, `,"plan":`...), s.Plan, false)
	}
	if s.Market != 0 {
		b = append(b, `,"market":"`...)
		if b, err = s.Market.AppendText(b); err != nil {
			return nil, err
		}
		b = append(b, '"')
	}
	if s.Months != 0 {
		b = strconv.AppendInt(append(b, `,"months":`...), int64(s.Months), 10)
	}
	if b, err = appendTime(b, `,"start":`, s.Start); err != nil {
		return nil, err
	}
	if b, err = appendTime(b, `,"end":`, s.End); err != nil {
		return nil, err
	}
	if s.Zone != "" {
		b = jsonx.AppendString(append(b, `,"zone":`...), s.Zone, false)
	}
	if b, err = appendTime(b, `,"cancelledAt":`, s.CancelledAt); err != nil {
		return nil, err
	}
	if b, err = appendTime(b, `,"paidAt":`, s.PaidAt); err != nil {
		return nil, err
	}
	if s.PaidVia != 0 {
		if b, err = appendEnum(append(b, `,"paidVia":`...), s.PaidVia.Valid(), s.PaidVia.String(), s.PaidVia); err != nil {
			return nil, err
		}
	}
	if b, err = appendTime(b, `,"last":`, s.Last); err != nil {
		return nil, err
	}
	return append(b, '}'), nil
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
// the order of the fields' documentation, empty ones left out: the bytes
// encoding/json writes for transitionJSON.
func (t Transition) MarshalJSON() ([]byte, error) {
	return t.appendJSON(make([]byte, 0, transitionJSONSize))
}

// transitionJSONSize is room for the JSON of a transition with four
// effects.
const transitionJSONSize = 2048

// appendJSON appends the JSON form of t to b.
func (t *Transition) appendJSON(b []byte) ([]byte, error) {
	var err error
	if t.Allowed {
		b = append(b, `{"allowed":true,"rule":`...)
	} else {
		b = append(b, `{"allowed":false,"rule":`...)
	}
	b = jsonx.AppendString(b, string(t.Rule), false)
	b = jsonx.AppendString(append(b, `,"reason":`...), string(t.Reason), false)
	if t.Event != 0 {
		if b, err = appendEnum(append(b, `,"event":`...), t.Event.Valid(), t.Event.String(), t.Event); err != nil {
			return nil, err
		}
	}
	if b, err = appendTime(b, `,"at":`, t.At); err != nil {
		return nil, err
	}
	if t.Plan != "" {
		b = jsonx.AppendString(append(b, `,"plan":`...), t.Plan, false)
	}
	if t.Offer != (Offering{}) {
		b = append(b, `,"offer":{`...)
		if t.Offer.Type != 0 {
			if b, err = appendEnum(append(b, `"type":`...), t.Offer.Type.Valid(), t.Offer.Type.String(), t.Offer.Type); err != nil {
				return nil, err
			}
			b = append(b, ',')
		}
		b = strconv.AppendBool(append(b, `"sellThroughMicrosoft":`...), t.Offer.SellThroughMicrosoft)
		b = append(b, '}')
	}
	if b, err = t.State.appendJSON(append(b, `,"state":`...)); err != nil {
		return nil, err
	}
	b, ok := appendEffects(append(b, `,"effects":`...), &t.Effects)
	if !ok {
		_, err := t.Effects.MarshalJSON() // its error
		return nil, err
	}
	if b, err = appendTime(b, `,"end":`, t.End); err != nil {
		return nil, err
	}
	if t.Months != 0 {
		b = strconv.AppendInt(append(b, `,"months":`...), int64(t.Months), 10)
	}
	if len(t.Lengths) > 0 {
		b = append(b, `,"lengths":[`...)
		for i, n := range t.Lengths {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(n), 10)
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

// appendEffects appends the effects as [Effects.MarshalJSON] writes
// them, in one pass, and reports false if one does not marshal.
func appendEffects(b []byte, x *Effects) ([]byte, bool) {
	b = append(b, '[')
	for i := range x.Len() {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = appendEffect(b, x.At(i)); !ok {
			return b, false
		}
	}
	return append(b, ']'), true
}

// appendEffect appends e as [Effect.MarshalJSON] writes it (the bytes
// json.Marshal writes for effectJSON, HTML escaped), and reports false if
// it does not marshal.
func appendEffect(b []byte, e Effect) ([]byte, bool) {
	b, err := appendEnum(append(b, `{"type":`...), e.Type.Valid(), e.Type.String(), e.Type)
	if err != nil {
		return b, false
	}
	b = jsonx.AppendString(append(b, `,"rule":`...), string(e.Rule), true)
	b = jsonx.AppendString(append(b, `,"reason":`...), string(e.Reason), true)
	b, ok := jsonx.AppendTime(append(b, `,"at":`...), e.At)
	b = jsonx.AppendString(append(b, `,"plan":`...), e.Plan, true)
	if e.From != "" {
		b = jsonx.AppendString(append(b, `,"from":`...), e.From, true)
	}
	if e.Months != 0 {
		b = strconv.AppendInt(append(b, `,"months":`...), int64(e.Months), 10)
	}
	if !e.Until.IsZero() {
		var ok2 bool
		b, ok2 = jsonx.AppendTime(append(b, `,"until":`...), e.Until)
		ok = ok && ok2
	}
	if e.Used != 0 {
		b = strconv.AppendInt(append(b, `,"used":`...), int64(e.Used), 10)
	}
	if e.Amount != (currency.Money{}) {
		var ok2 bool
		b, ok2 = jsonx.AppendMoney(append(b, `,"amount":`...), e.Amount)
		ok = ok && ok2
	}
	return append(b, '}'), ok
}

// appendEnum appends an enum value as a JSON string: its name when
// valid (a plain word), else the error of its MarshalText.
func appendEnum(b []byte, valid bool, name string, v encoding.TextMarshaler) ([]byte, error) {
	if valid {
		b = append(b, '"')
		b = append(b, name...)
		return append(b, '"'), nil
	}
	text, err := v.MarshalText() // an error for every undefined value
	return jsonx.AppendString(b, string(text), false), err
}

// appendTime appends member key and the instant t as encoding/json writes
// it (RFC 3339), or nothing for the zero instant (omitzero).
func appendTime(b []byte, key string, t time.Time) ([]byte, error) {
	if t.IsZero() {
		return b, nil
	}
	b = append(b, key...)
	b = append(b, '"')
	b, err := t.AppendText(b)
	if err != nil {
		_, err = t.MarshalJSON() // its error, as encoding/json reports it
		return nil, err
	}
	return append(b, '"'), nil
}

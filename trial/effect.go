package trial

import (
	"bytes"
	"encoding/json"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/rule"
)

// Effect is one thing the host should do because of a transition: start
// billing at an instant on a plan, delete the trial's data, tell the
// customer. It names the rule that causes it and the transition's reason.
// Which fields are set depends on the Action (see its constants); unused
// fields are zero.
type Effect struct {
	// Type is what to do.
	Type EffectType `json:"type"`
	// Rule causes the effect; Reason is the transition's stable reason
	// code (ReasonTrialStarted, ReasonSwitched, ReasonConvertedAtEnd,
	// ReasonConvertedEarly, ReasonCancelled).
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// At is when: the event's instant, or the trial's end for a
	// conversion at the end. For StartBilling it is when charges and the
	// contract term start (TRL-05).
	At time.Time `json:"at"`
	// Plan is the plan acted on; From the plan before a switch or an early
	// conversion.
	Plan string `json:"plan"`
	From string `json:"from,omitempty"`
	// Months and Until are the trial's length and end (StartTrial,
	// SwitchTrial; Until also for the start and switch notices).
	Months int       `json:"months,omitempty"`
	Until  time.Time `json:"until,omitzero"`
	// Used is the part of the trial already used when switching (TRL-06):
	// At − the trial's start.
	Used time.Duration `json:"used,omitempty"`
	// Amount is the charge of CollectBilling: 0.00 in the currency of the
	// customer's market (TRL-03). In JSON it is "amount", present only
	// when set.
	Amount currency.Money `json:"-"`
}

var (
	msgCollect       = rule.Message{English: "Collect the customer's billing details and charge %v at %v: nothing is billed during the free trial.", Swedish: "Samla in kundens faktureringsinformation och debitera %v %v: inget faktureras under den kostnadsfria utvärderingsperioden."}
	msgStartTrial    = rule.Message{English: "Start the free trial of plan %s at %v; it lasts %s and ends at %v.", Swedish: "Starta den kostnadsfria utvärderingsversionen av planen %s %v; den varar %s och slutar %v."}
	msgSwitchTrial   = rule.Message{English: "Switch the free trial from plan %s to plan %s at %v without restarting it: %s already used; it ends at %v.", Swedish: "Byt den kostnadsfria utvärderingsversionen från planen %s till planen %s %v utan att starta om den: %s har redan använts; den slutar %v."}
	msgEndAtEnd      = rule.Message{English: "End the free trial of plan %s at %v, its end: it converts to a paid subscription automatically.", Swedish: "Avsluta den kostnadsfria utvärderingsversionen av planen %s %v, vid dess slut: den konverteras automatiskt till en betald prenumeration."}
	msgEndEarly      = rule.Message{English: "End the free trial of plan %s at once, at %v: the customer converted to a plan without a trial.", Swedish: "Avsluta den kostnadsfria utvärderingsversionen av planen %s direkt, %v: kunden konverterade till en plan utan utvärderingsversion."}
	msgEndCancel     = rule.Message{English: "End the free trial of plan %s at %v: cancelled before its end, it does not convert and nothing is charged.", Swedish: "Avsluta den kostnadsfria utvärderingsversionen av planen %s %v: den avbröts före slutet, konverteras inte och inget debiteras."}
	msgBillAtEnd     = rule.Message{English: "Start billing plan %s at %v, the plan under evaluation when the trial ended; the contract term starts at the same instant.", Swedish: "Börja fakturera planen %s %v, planen som utvärderades när utvärderingsperioden upphörde; kontraktsperioden börjar vid samma tidpunkt."}
	msgBillEarly     = rule.Message{English: "Start billing plan %s at once, at %v; the contract term starts at the same instant.", Swedish: "Börja fakturera planen %s direkt, %v; kontraktsperioden börjar vid samma tidpunkt."}
	msgDeleteData    = rule.Message{English: "Delete the data of the free trial of plan %s at %v: converting to a plan without a trial loses it.", Swedish: "Radera data från den kostnadsfria utvärderingsversionen av planen %s %v: vid konvertering till en plan utan utvärderingsversion går alla data förlorade."}
	msgNotifyStart   = rule.Message{English: "Tell the customer: the free trial of plan %s ends at %v and then converts to a paid subscription automatically, unless cancelled before.", Swedish: "Meddela kunden: den kostnadsfria utvärderingsversionen av planen %s slutar %v och konverteras då automatiskt till en betald prenumeration, såvida den inte avbryts innan."}
	msgNotifySwitch  = rule.Message{English: "Tell the customer: the free trial now evaluates plan %s; the plan under evaluation at %v converts to a paid subscription.", Swedish: "Meddela kunden: den kostnadsfria utvärderingsversionen utvärderar nu planen %s; den plan som utvärderas %v konverteras till en betald prenumeration."}
	msgNotifyAtEnd   = rule.Message{English: "Tell the customer: the free trial ended at %v and plan %s is now a paid subscription.", Swedish: "Meddela kunden: den kostnadsfria utvärderingsversionen upphörde %v och planen %s är nu en betald prenumeration."}
	msgNotifyEarly   = rule.Message{English: "Tell the customer: plan %s is a paid subscription from %v; the free trial has ended and its data is lost.", Swedish: "Meddela kunden: planen %s är en betald prenumeration från %v; den kostnadsfria utvärderingsversionen har upphört och alla data har gått förlorade."}
	msgNotifyCancel  = rule.Message{English: "Tell the customer: the free trial was cancelled at %v; nothing is charged, and it cannot be restarted.", Swedish: "Meddela kunden: den kostnadsfria utvärderingsversionen avbröts %v; inget debiteras, och den kan inte startas om."}
	msgUnknownEffect = rule.Message{English: "%s (%s) of plan %s at %v", Swedish: "%s (%s) för planen %s %v"}
)

// Explain renders what the host should do, in lang, ending with the
// rule: "Start billing plan b at 2024-02-01 00:00:00 UTC, … (TRL-05)".
func (e Effect) Explain(lang rule.Language) string {
	var buf [320]byte
	var c boxes
	return string(e.appendExplain(buf[:0], lang, &c))
}

// appendExplain appends the explanation of e in lang to b, boxing its
// figures through c.
func (e *Effect) appendExplain(b []byte, lang rule.Language, c *boxes) []byte {
	n := len(b)
	switch e.Type {
	case CollectBilling:
		b = msgCollect.Append(b, lang, e.Amount, c.time(e.At))
	case StartTrial:
		b = msgStartTrial.Append(b, lang, c.str(e.Plan), c.time(e.At), monthsArg(lang, e.Months), c.time(e.Until))
	case SwitchTrial:
		b = msgSwitchTrial.Append(b, lang, c.str(e.From), c.str(e.Plan), c.time(e.At), durationText(lang, e.Used), c.time(e.Until))
	case EndTrial:
		switch e.Reason {
		case ReasonConvertedAtEnd:
			b = msgEndAtEnd.Append(b, lang, c.str(e.Plan), c.time(e.At))
		case ReasonConvertedEarly:
			b = msgEndEarly.Append(b, lang, c.str(e.Plan), c.time(e.At))
		case ReasonCancelled:
			b = msgEndCancel.Append(b, lang, c.str(e.Plan), c.time(e.At))
		}
	case StartBilling:
		switch e.Reason {
		case ReasonConvertedAtEnd:
			b = msgBillAtEnd.Append(b, lang, c.str(e.Plan), c.time(e.At))
		case ReasonConvertedEarly:
			b = msgBillEarly.Append(b, lang, c.str(e.Plan), c.time(e.At))
		}
	case DeleteTrialData:
		b = msgDeleteData.Append(b, lang, c.str(e.Plan), c.time(e.At))
	case Notify:
		switch e.Reason {
		case ReasonTrialStarted:
			b = msgNotifyStart.Append(b, lang, c.str(e.Plan), c.time(e.Until))
		case ReasonSwitched:
			b = msgNotifySwitch.Append(b, lang, c.str(e.Plan), c.time(e.Until))
		case ReasonConvertedAtEnd:
			b = msgNotifyAtEnd.Append(b, lang, c.time(e.At), c.str(e.Plan))
		case ReasonConvertedEarly:
			b = msgNotifyEarly.Append(b, lang, c.str(e.Plan), c.time(e.At))
		case ReasonCancelled:
			b = msgNotifyCancel.Append(b, lang, c.time(e.At))
		}
	}
	if len(b) == n {
		b = msgUnknownEffect.Append(b, lang, e.Type.String(), string(e.Reason), e.Plan, e.At)
	}
	return appendRule(b, e.Rule)
}

// boxes holds the figures of one explanation boxed as interfaces, each
// once: rule.Message takes its arguments as interfaces, and boxing a time
// or a string allocates, while the sentences of one transition name the
// same instants and plans again and again (a start's three name its
// instant twice, its plan and its end twice).
type boxes struct {
	times boxCache[time.Time]
	strs  boxCache[string]
}

func (c *boxes) time(t time.Time) any { return c.times.box(t) }
func (c *boxes) str(s string) any     { return c.strs.box(s) }

// boxCache holds the last few values boxed.
type boxCache[T comparable] [2]struct {
	v     T
	boxed any
}

// box returns v boxed, boxing it only if the cache does not hold it.
func (c *boxCache[T]) box(v T) any {
	for i := range c {
		switch {
		case c[i].boxed == nil:
			c[i].v, c[i].boxed = v, v
			return c[i].boxed
		case c[i].v == v:
			return c[i].boxed
		}
	}
	return v
}

// appendRule appends " (TRL-05)".
func appendRule(b []byte, id rule.ID) []byte {
	b = append(b, " ("...)
	b = append(b, id...)
	return append(b, ')')
}

// String returns a one-line English summary for logs: "TRL-05
// start-billing plan b at 2024-02-01T00:00:00Z".
func (e Effect) String() string {
	return string(e.Rule) + " " + e.Type.String() + " plan " + e.Plan + " at " + e.At.Format(time.RFC3339Nano)
}

// String returns the effects' summaries, separated by "; ".
func (x Effects) String() string {
	var b strings.Builder
	for i := range x.Len() {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(x.At(i).String())
	}
	return b.String()
}

// effectJSON is an Effect's JSON form: Amount is a pointer, so that a
// 0.00 charge (which Money.IsZero reports as zero) is kept and an unset
// amount is left out.
type effectJSON struct {
	Type   EffectType      `json:"type"`
	Rule   rule.ID         `json:"rule"`
	Reason rule.Reason     `json:"reason"`
	At     time.Time       `json:"at"`
	Plan   string          `json:"plan"`
	From   string          `json:"from,omitempty"`
	Months int             `json:"months,omitempty"`
	Until  time.Time       `json:"until,omitzero"`
	Used   time.Duration   `json:"used,omitempty"`
	Amount *currency.Money `json:"amount,omitempty"`
}

// MarshalJSON implements [json.Marshaler]: {"type":"start-billing",
// "rule":"TRL-05","reason":"converted-at-end","at":"…","plan":"b"}, with
// "amount" ({"amount":"0.00","currency":"SEK"}) only where set and Used
// in nanoseconds.
func (e Effect) MarshalJSON() ([]byte, error) {
	w := effectJSON{Type: e.Type, Rule: e.Rule, Reason: e.Reason, At: e.At, Plan: e.Plan, From: e.From,
		Months: e.Months, Until: e.Until, Used: e.Used}
	if e.Amount != (currency.Money{}) {
		w.Amount = &e.Amount
	}
	return json.Marshal(w)
}

var msgAction = rule.Message{English: "an effect needs a known action", Swedish: "en effekt behöver en känd åtgärd"}

// UnmarshalJSON implements [json.Unmarshaler] strictly: unknown members,
// values of the wrong type and unknown names are rejected, all at once,
// as [rule.Problems] with paths such as "type".
func (e *Effect) UnmarshalJSON(b []byte) error {
	if err := tooLarge(b, ErrInvalidState); err != nil {
		return err
	}
	var w effectJSON
	var ps rule.Problems
	jsonx.Decode(b, &w, "", &ps)
	if len(ps) == 0 && !w.Type.Valid() && (w != effectJSON{}) {
		ps.Append(rule.Problem{Path: "type", Message: msgAction})
	}
	if err := ps.Err(); err != nil {
		return err
	}
	*e = Effect{Type: w.Type, Rule: w.Rule, Reason: w.Reason, At: w.At, Plan: w.Plan, From: w.From,
		Months: w.Months, Until: w.Until, Used: w.Used}
	if w.Amount != nil {
		e.Amount = *w.Amount
	}
	return nil
}

// MaxEffects is the most effects one transition has: an early conversion
// ends the trial, deletes its data, starts billing and notifies.
const MaxEffects = 4

// transition identifies what a successful event did; each has a fixed
// list of effects (transitions).
type transition uint8

const (
	tNone transition = iota
	tStarted
	tSwitched
	tAtEnd
	tEarly
	tCancelled
)

type step struct {
	action EffectType
	rule   rule.ID
}

// transitions lists, per transition, its reason and its effects with the
// rule that causes each. Never written.
var transitions = [...]struct {
	reason rule.Reason
	steps  []step
}{
	tNone:      {},
	tStarted:   {ReasonTrialStarted, []step{{CollectBilling, rule.TRL03}, {StartTrial, rule.TRL02}, {Notify, rule.TRL04}}},
	tSwitched:  {ReasonSwitched, []step{{SwitchTrial, rule.TRL06}, {Notify, rule.TRL07}}},
	tAtEnd:     {ReasonConvertedAtEnd, []step{{EndTrial, rule.TRL04}, {StartBilling, rule.TRL05}, {Notify, rule.TRL07}}},
	tEarly:     {ReasonConvertedEarly, []step{{EndTrial, rule.TRL09}, {DeleteTrialData, rule.TRL09}, {StartBilling, rule.TRL09}, {Notify, rule.TRL09}}},
	tCancelled: {ReasonCancelled, []step{{EndTrial, rule.TRL04}, {Notify, rule.EXT12}}},
}

// Effects are the effects of one transition, in the order the host
// should carry them out: a small value, so that a transition does not
// allocate. The zero Effects is empty. Read them with [Effects.All],
// [Effects.At] or [Effects.Find]; each [Effect] is built on demand from
// the transition's figures.
//
// The effects of each transition, in order:
//
//	start:              collect-billing (TRL-03), start-trial (TRL-02), notify (TRL-04)
//	switch:             switch-trial (TRL-06), notify (TRL-07)
//	tick at the end:    end-trial (TRL-04), start-billing (TRL-05), notify (TRL-07)
//	early conversion:   end-trial, delete-trial-data, start-billing, notify (all TRL-09)
//	cancel:             end-trial (TRL-04), notify (EXT-12)
//
// Other successful events (a tick before the end, a purchase) have none.
type Effects struct {
	kind   transition
	cur    currency.Code // the currency of the customer's market (tStarted)
	months int
	at     time.Time // the event's instant; the trial's end for tAtEnd
	until  time.Time // the trial's end (tStarted, tSwitched)
	plan   string    // the plan acted on; the new plan of tSwitched and tEarly
	from   string    // the previous plan (tSwitched, tEarly)
	used   time.Duration
}

// Len returns the number of effects.
func (x Effects) Len() int { return len(transitions[x.kind].steps) }

// At returns effect i (0 ≤ i < Len()), or the zero Effect for an index
// out of range.
func (x Effects) At(i int) Effect {
	t := &transitions[x.kind]
	if i < 0 || i >= len(t.steps) {
		return Effect{}
	}
	st := t.steps[i]
	e := Effect{Type: st.action, Rule: st.rule, Reason: t.reason, At: x.at, Plan: x.plan}
	switch st.action {
	case CollectBilling:
		e.Amount, _ = currency.New(0, x.cur) // the event's currency, checked where it entered
	case StartTrial:
		e.Months, e.Until = x.months, x.until
	case SwitchTrial:
		e.From, e.Months, e.Until, e.Used = x.from, x.months, x.until, x.used
	case EndTrial, DeleteTrialData:
		if x.kind == tEarly {
			e.Plan = x.from // the trial's plan
		}
	case StartBilling:
		e.From = x.from
	case Notify:
		e.From, e.Until = x.from, x.until
	}
	return e
}

// All returns an iterator over the effects in order.
func (x Effects) All() iter.Seq[Effect] {
	return func(yield func(Effect) bool) {
		for i := range len(transitions[x.kind].steps) {
			if !yield(x.At(i)) {
				return
			}
		}
	}
}

// Find returns the first effect with action a, and whether there is one.
func (x Effects) Find(a EffectType) (Effect, bool) {
	for i, st := range transitions[x.kind].steps {
		if st.action == a {
			return x.At(i), true
		}
	}
	return Effect{}, false
}

// Equal reports whether x and o are the same effects, comparing instants
// with time.Time.Equal. go-cmp uses it.
func (x Effects) Equal(o Effects) bool {
	return x.kind == o.kind && x.cur == o.cur && x.months == o.months && x.at.Equal(o.at) &&
		x.until.Equal(o.until) && x.plan == o.plan && x.from == o.from && x.used == o.used
}

// Append appends the effects to dst and returns the extended slice; it
// does not allocate when dst has room.
func (x Effects) Append(dst []Effect) []Effect {
	for i := range len(transitions[x.kind].steps) {
		dst = append(dst, x.At(i))
	}
	return dst
}

// Explain renders every effect in lang, one per line.
func (x Effects) Explain(lang rule.Language) string {
	var buf [1024]byte
	return string(x.appendExplain(buf[:0], lang))
}

// appendExplain appends the explanation of every effect, each ending
// with a newline, to b.
func (x *Effects) appendExplain(b []byte, lang rule.Language) []byte {
	var c boxes
	for i := range x.Len() {
		e := x.At(i)
		b = e.appendExplain(b, lang, &c)
		b = append(b, '\n')
	}
	return b
}

// MarshalJSON implements [json.Marshaler]: the effects as a JSON array of
// [Effect] ([] when empty).
func (x Effects) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('[')
	for i := range x.Len() {
		if i > 0 {
			b.WriteByte(',')
		}
		j, err := x.At(i).MarshalJSON()
		if err != nil {
			return nil, err
		}
		b.Write(j)
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}

var msgNotTransition = rule.Message{English: "not the effects of a trial transition (want %s)", Swedish: "inte effekterna av en övergång (ska vara %s)"}

// UnmarshalJSON implements [json.Unmarshaler] for the array MarshalJSON
// writes, strictly: every problem is reported with its path
// ("[1].action"), and the list must be exactly the effects of one
// transition (see [Effects]), with consistent figures.
func (x *Effects) UnmarshalJSON(b []byte) error {
	if err := tooLarge(b, ErrInvalidState); err != nil {
		return err
	}
	var list []Effect
	var ps rule.Problems
	jsonx.Decode(b, &list, "", &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	if len(list) == 0 {
		*x = Effects{}
		return nil
	}
	out := rebuildEffects(list)
	var want []string
	for _, st := range transitions[out.kind].steps {
		want = append(want, st.action.String())
	}
	for i := range max(len(list), out.Len()) {
		if i >= len(list) || i >= out.Len() || !effectEqual(list[i], out.At(i)) {
			ps.Append(rule.Problem{Path: "[" + strconv.Itoa(min(i, len(list)-1)) + "]", Message: msgNotTransition,
				Args: []any{strings.Join(want, ", ")}})
			return ps.Err()
		}
	}
	*x = out
	return nil
}

// rebuildEffects returns the effects of the transition whose list of
// effects list (not empty) would be, from its first effect's reason and
// the figures its effects carry: a start when the reason names no
// transition. The caller compares the result's list with list.
func rebuildEffects(list []Effect) Effects {
	var out Effects
	for k, t := range transitions {
		if k > 0 && t.reason == list[0].Reason {
			out.kind = transition(k)
		}
	}
	for _, e := range list {
		switch e.Type {
		case CollectBilling:
			out.cur = e.Amount.Code()
		case StartTrial, SwitchTrial:
			out.months, out.until, out.used = e.Months, e.Until, e.Used
		case StartBilling:
			out.at, out.plan, out.from = e.At, e.Plan, e.From
		}
	}
	switch out.kind {
	case tStarted, tSwitched, tCancelled:
		out.at, out.plan, out.from = list[0].At, list[len(list)-1].Plan, list[0].From
	case tNone:
		out.kind = tStarted // report against the list of a start
	}
	return out
}

// effectEqual reports whether two effects are the same, comparing
// instants with time.Time.Equal.
func effectEqual(e, f Effect) bool {
	return e.Type == f.Type && e.Rule == f.Rule && e.Reason == f.Reason && e.At.Equal(f.At) &&
		e.Plan == f.Plan && e.From == f.From && e.Months == f.Months && e.Until.Equal(f.Until) &&
		e.Used == f.Used && e.Amount == f.Amount
}

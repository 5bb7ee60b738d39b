package trial

import (
	"time"

	"github.com/marketrules/marketrules/rule"
)

// Transition is the answer to an [Event] in a [State]: whether the rules
// allow it, the rule and reason that decide, the state after it and the
// effects the host should carry out, with the figures used. It is a
// value, not an error; render it with [Transition.Explain].
//
// An allowed event has Allowed true, the new State and its Effects, and
// one of the reasons ReasonTrialStarted, ReasonSwitched,
// ReasonConvertedAtEnd, ReasonConvertedEarly, ReasonCancelled,
// ReasonPurchased or ReasonNoChange. A refused event has Allowed false,
// State unchanged, no Effects, and a reason saying why (ReasonTrialEnded,
// ReasonSamePlan, …), with End, Months and Lengths as figures beside the
// state's own (its plan and phase).
//
// Its JSON members are in the order allowed, rule, reason, event, at,
// plan, offer, state, effects, end, months, lengths; its fields are
// ordered to pack the small ones (Allowed, Event, Offer) into one word.
type Transition struct {
	// Allowed reports whether the rules allow the event.
	Allowed bool `json:"allowed"`
	// Event and At are the event's type and instant; Plan its plan, if
	// it has one; Offer the offer it gave.
	Event EventType `json:"event,omitzero"`
	Offer Offering  `json:"offer,omitzero"`
	// Rule decided; Reason is the stable code of why.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	At     time.Time   `json:"at,omitzero"`
	Plan   string      `json:"plan,omitempty"`
	// State is the state after the event: the state before it when the
	// event is refused.
	State State `json:"state"`
	// Effects are what the host should do (none for a refusal).
	Effects Effects `json:"effects"`
	// End is the end of the running trial, where there is one, for a
	// refusal; for ReasonUsedUp, the end the new plan's length would give.
	End time.Time `json:"end,omitzero"`
	// Months is the trial length of the event's plan, and Lengths the
	// lengths the policy allows for the offer type (TRL-02 refusals).
	Months  int   `json:"months,omitempty"`
	Lengths []int `json:"lengths,omitempty"`
}

// allow marks t as the allowed transition k, whose effects are k's.
//
// Until then t.Effects is zero (Apply and Replay start from a Transition
// without effects), and each transition writes its figures into it field
// by field: a composite literal is built on the stack and copied, and
// reading it back just after writing it costs more than the writes.
func (t *Transition) allow(k transition) {
	t.Effects.kind = k
	t.Allowed, t.Reason = true, transitions[k].reason
	t.Rule = transitions[k].steps[0].rule
}

var (
	msgNoChangeTick = rule.Message{English: "%s at %v: nothing changes (phase %s)", Swedish: "%s %v: inget ändras (fas %s)"}
	msgPurchased    = rule.Message{English: "plan %s is paid for from %v, bought outside a free trial; the offer has no free trial for this customer any more", Swedish: "planen %s betalas från %v, köpt utanför en kostnadsfri utvärderingsversion; erbjudandet har inte längre någon kostnadsfri utvärderingsversion för den här kunden"}
)

// Explain renders the transition in lang: for an allowed event, what the
// host should do (one effect a line), or that nothing changes; for a
// refused one, why. Each line ends with its rule: "… (TRL-08)".
func (t Transition) Explain(lang rule.Language) string {
	var buf [1024]byte
	b := buf[:0]
	switch {
	case t.Allowed && t.Effects.Len() > 0:
		b = t.Effects.appendExplain(b, lang)
		return string(b[:len(b)-1]) // without the last newline
	case t.Allowed && t.Reason == ReasonPurchased:
		b = msgPurchased.Append(b, lang, t.State.Plan, t.State.PaidAt)
	case t.Allowed:
		b = msgNoChangeTick.Append(b, lang, t.Event.String(), t.At, t.State.Phase.String())
	default:
		b = appendReason(b, lang, t.Reason, &facts{
			offer: t.Offer, plan: t.Plan, current: t.State.Plan, phase: t.State.Phase,
			end: t.End, months: t.Months, allowed: t.Lengths,
		})
	}
	return string(appendRule(b, t.Rule))
}

// String returns a one-line English summary for logs: "TRL-08
// trial-plan-before-end: convert at 2024-01-16T00:00:00Z refused" or
// "TRL-02 trial-started: start at 2024-01-01T09:00:00Z allowed, phase
// trial".
func (t Transition) String() string {
	b := make([]byte, 0, 96)
	b = append(b, t.Rule...)
	b = append(b, ' ')
	b = append(b, t.Reason...)
	b = append(b, ": "...)
	b = append(b, t.Event.String()...)
	b = append(b, " at "...)
	b = t.At.AppendFormat(b, time.RFC3339Nano)
	if !t.Allowed {
		return string(append(b, " refused"...))
	}
	b = append(b, " allowed, phase "...)
	return string(append(b, t.State.Phase.String()...))
}

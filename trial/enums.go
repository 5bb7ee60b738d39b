package trial

import "github.com/marketrules/marketrules/internal/enum"

// Phase is where a customer stands with the free trial of one offer. The
// zero Phase is [None]. The enum is append-only; in text and JSON a Phase
// is its name: "none", "trial", "cancelled", "paid".
type Phase uint8

// The phases.
const (
	// None: no trial started and nothing paid for a plan of the offer.
	None Phase = iota
	// InTrial: a free trial runs (or has reached its end and awaits the
	// [Tick] that converts it).
	InTrial
	// Cancelled: the trial was cancelled before its end; it cannot be
	// restarted (EXT-12) and nothing was charged (TRL-04).
	Cancelled
	// Paid: the customer pays for a plan of the offer: the trial
	// converted, or a plan was bought outside a trial. No trial of the
	// offer ever again (TRL-10).
	Paid
)

var phaseNames = enum.Names[Phase]{Type: "trial phase", Names: []string{"none", "trial", "cancelled", "paid"}}

// String returns the phase's name: "none", "trial", "cancelled" or "paid".
func (p Phase) String() string { return phaseNames.String(p) }

// MarshalText implements [encoding.TextMarshaler].
func (p Phase) MarshalText() ([]byte, error) { return phaseNames.Marshal(p) }

// UnmarshalText implements [encoding.TextUnmarshaler]; names are matched
// ignoring case.
func (p *Phase) UnmarshalText(b []byte) error { return phaseNames.Unmarshal(b, p) }

// Valid reports whether p is a defined phase.
func (p Phase) Valid() bool {
	// enum.Names.Valid, written out: the generic call costs more than
	// the check on the hot paths.
	return int(p) < len(phaseNames.Names) && phaseNames.Names[p] != ""
}

// EventType is the kind of an [Event]. The zero EventType is invalid. The enum is
// append-only; in text a EventType is its name: "start", "switch", "convert",
// "cancel", "tick", "purchase".
type EventType uint8

// The event kinds.
const (
	// Start: the customer starts a free trial of a plan (TRL-01, TRL-02,
	// TRL-03).
	Start EventType = iota + 1
	// Switch: the customer moves the running trial to another
	// trial-enabled plan of the offer; the trial's clock keeps running
	// (TRL-06).
	Switch
	// Convert: the customer asks to pay for a plan now, during the trial:
	// a plan without a trial converts at once (TRL-09); a trial-enabled
	// plan is refused (TRL-08).
	Convert
	// Cancel: the customer cancels the trial before its end (TRL-04,
	// EXT-12).
	Cancel
	// Tick: the host observes the clock. A trial whose end has been
	// reached converts, at its end, to the plan under evaluation (TRL-04,
	// TRL-05, TRL-07); otherwise nothing happens.
	Tick
	// Purchase: the customer paid for a plan of the offer outside a
	// trial, which rules out any later trial of the offer (TRL-10).
	Purchase
)

var kindNames = enum.Names[EventType]{Type: "trial event type", Names: []string{"", "start", "switch", "convert", "cancel", "tick", "purchase"}}

// String returns the kind's name, such as "switch".
func (k EventType) String() string { return kindNames.String(k) }

// MarshalText implements [encoding.TextMarshaler]. The zero EventType,
// unset, is "".
func (k EventType) MarshalText() ([]byte, error) { return kindNames.Marshal(k) }

// UnmarshalText implements [encoding.TextUnmarshaler]; names are matched
// ignoring case.
func (k *EventType) UnmarshalText(b []byte) error { return kindNames.Unmarshal(b, k) }

// Valid reports whether k is a defined event kind.
func (k EventType) Valid() bool {
	// enum.Names.Valid, written out: the generic call costs more than
	// the check on the hot paths.
	return int(k) < len(kindNames.Names) && kindNames.Names[k] != ""
}

// EffectType is what an [Effect] asks the host to do. The zero EffectType is
// invalid. The enum is append-only; in text an EffectType is its name.
type EffectType uint8

// The actions.
const (
	// CollectBilling: collect the customer's billing details and charge
	// 0.00 in the market's currency; nothing is billed during the trial
	// (TRL-03).
	CollectBilling EffectType = iota + 1
	// StartTrial: give the customer the free trial of Effect.Plan from
	// Effect.At until Effect.Until (TRL-02).
	StartTrial
	// SwitchTrial: move the trial from Effect.From to Effect.Plan at
	// Effect.At; Effect.Used is already used and the trial ends at
	// Effect.Until (TRL-06).
	SwitchTrial
	// EndTrial: the free trial of Effect.Plan ends at Effect.At
	// (isFreeTrial becomes false, TRL-11): it converted (TRL-04, TRL-09)
	// or was cancelled (TRL-04).
	EndTrial
	// StartBilling: start charging for Effect.Plan at Effect.At; the
	// contract term starts at the same instant (TRL-05, TRL-09).
	StartBilling
	// DeleteTrialData: the data of the trial of Effect.Plan is lost
	// (TRL-09).
	DeleteTrialData
	// Notify: tell the customer what happened ([Effect.Explain] renders
	// the notice; Effect.Reason says which).
	Notify
)

var actionNames = enum.Names[EffectType]{Type: "trial effect type", Names: []string{"",
	"collect-billing", "start-trial", "switch-trial", "end-trial", "start-billing", "delete-trial-data", "notify"}}

// String returns the action's name, such as "start-billing".
func (a EffectType) String() string { return actionNames.String(a) }

// MarshalText implements [encoding.TextMarshaler]. The zero EffectType,
// unset, is "".
func (a EffectType) MarshalText() ([]byte, error) { return actionNames.Marshal(a) }

// UnmarshalText implements [encoding.TextUnmarshaler]; names are matched
// ignoring case.
func (a *EffectType) UnmarshalText(b []byte) error { return actionNames.Unmarshal(b, a) }

// Valid reports whether a is a defined action.
func (a EffectType) Valid() bool {
	// enum.Names.Valid, written out: the generic call costs more than
	// the check on the hot paths.
	return int(a) < len(actionNames.Names) && actionNames.Names[a] != ""
}

// PaidVia says how a customer came to pay for a plan of the offer.
// The zero PaidVia is none (the customer has not paid). The enum is
// append-only; in text a PaidVia is its name.
type PaidVia uint8

// The conversions.
const (
	// AtEnd: the trial reached its end and the plan under evaluation
	// converted (TRL-04, TRL-07).
	AtEnd PaidVia = iota + 1
	// Early: the customer converted during the trial to a plan without a
	// trial, which ended the trial at once (TRL-09).
	Early
	// Purchased: the customer bought a plan outside a trial.
	Purchased
)

var conversionNames = enum.Names[PaidVia]{Type: "trial payment start", Names: []string{"", "at-end", "early", "purchased"}}

// String returns "at-end", "early" or "purchased".
func (c PaidVia) String() string { return conversionNames.String(c) }

// MarshalText implements [encoding.TextMarshaler]. The zero PaidVia,
// unset, is "".
func (c PaidVia) MarshalText() ([]byte, error) { return conversionNames.Marshal(c) }

// UnmarshalText implements [encoding.TextUnmarshaler]; names are matched
// ignoring case.
func (c *PaidVia) UnmarshalText(b []byte) error { return conversionNames.Unmarshal(b, c) }

// Valid reports whether c is a defined conversion (not the zero value).
func (c PaidVia) Valid() bool {
	// enum.Names.Valid, written out: the generic call costs more than
	// the check on the hot paths.
	return int(c) < len(conversionNames.Names) && conversionNames.Names[c] != ""
}

// SwitchRule says how a [Switch] sets the end of the trial (TRL-06). The
// zero value is [NewPlanLength], and a value outside the enum acts as it.
// The enum is append-only.
type SwitchRule uint8

// The switch rules.
const (
	// NewPlanLength: the trial now has the new plan's length, counted
	// from the trial's original start: "the new trial period will account
	// for 15 days used" ("Create plans for a SaaS offer"). With equal lengths (every SaaS
	// plan) the end does not move.
	NewPlanLength SwitchRule = iota
	// KeepEnd: the trial keeps the end (and length) it was started with,
	// whatever the new plan's length.
	KeepEnd
)

var switchNames = enum.Names[SwitchRule]{Type: "switch rule", Names: []string{"new-plan-length", "keep-end"}}

// String returns "new-plan-length" or "keep-end".
func (r SwitchRule) String() string { return switchNames.String(r) }

// MarshalText implements [encoding.TextMarshaler].
func (r SwitchRule) MarshalText() ([]byte, error) { return switchNames.Marshal(r) }

// UnmarshalText implements [encoding.TextUnmarshaler]; names are matched
// ignoring case.
func (r *SwitchRule) UnmarshalText(b []byte) error { return switchNames.Unmarshal(b, r) }

// Valid reports whether r is a defined switch rule.
func (r SwitchRule) Valid() bool {
	// enum.Names.Valid, written out: the generic call costs more than
	// the check on the hot paths.
	return int(r) < len(switchNames.Names) && switchNames.Names[r] != ""
}

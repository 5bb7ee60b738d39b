package pricing

import (
	"strings"
	"time"

	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// UsageEvent is one usage event of the marketplace metering service, as
// a publisher emits it (EXT-03): for a resource (a SaaS subscription, or a
// managed application), a metering dimension of its plan, a quantity and
// the instant the usage happened. Its JSON is the metering API's request
// body: {"resourceId":"…","quantity":5.0,"dimension":"emails",
// "effectiveStartTime":"2024-03-01T13:00:00Z","planId":"gold"}.
type UsageEvent struct {
	// ResourceID identifies the resource: the SaaS subscription ID.
	ResourceID string `json:"resourceId,omitempty"`
	// ResourceURI identifies a managed application's resource, which the
	// batch API names by URI; give ResourceID or ResourceURI, not both.
	ResourceURI string `json:"resourceUri,omitempty"`
	// Quantity is the usage, which must be above zero.
	Quantity UsageQuantity `json:"quantity"`
	// Dimension is the ID of one of the plan's metering dimensions.
	Dimension string `json:"dimension"`
	// EffectiveStartTime is when the usage happened. The API takes UTC; in
	// JSON a time without an offset is read as UTC.
	EffectiveStartTime time.Time `json:"effectiveStartTime"`
	// PlanID is the ID of the resource's plan.
	PlanID string `json:"planId"`
}

// Resource returns the resource the event is for: ResourceID, or else
// ResourceURI.
func (e UsageEvent) Resource() string {
	if e.ResourceID != "" {
		return e.ResourceID
	}
	return e.ResourceURI
}

// mtUsageTime reads the metering API's UTC times, with or without an
// offset.
type mtUsageTime time.Time

func (t *mtUsageTime) UnmarshalText(b []byte) error {
	s := string(b)
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		var err2 error
		v, err2 = time.Parse("2006-01-02T15:04:05.999999999", s)
		if err2 != nil {
			return err
		}
	}
	*t = mtUsageTime(v)
	return nil
}

type mtEventJSON struct {
	ResourceID         string        `json:"resourceId"`
	ResourceURI        string        `json:"resourceUri"`
	Quantity           UsageQuantity `json:"quantity"`
	Dimension          string        `json:"dimension"`
	EffectiveStartTime mtUsageTime   `json:"effectiveStartTime"`
	PlanID             string        `json:"planId"`
}

// UnmarshalJSON implements [json.Unmarshaler] strictly: unknown and
// repeated members and values of the wrong type are problems with their
// paths ([rule.Problems]); the quantity is read exactly; a time without
// an offset is UTC. A decoded event is not yet validated: see
// [UsageValidator].
func (e *UsageEvent) UnmarshalJSON(b []byte) error {
	var v mtEventJSON
	var ps rule.Problems
	shDecodeStrict(b, &v, &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	*e = UsageEvent{ResourceID: v.ResourceID, ResourceURI: v.ResourceURI, Quantity: v.Quantity,
		Dimension: v.Dimension, EffectiveStartTime: time.Time(v.EffectiveStartTime), PlanID: v.PlanID}
	return nil
}

// UsageKey identifies the slot of usage that may be reported once: a
// resource, a dimension and a clock hour in UTC (EXT-03, W8: the hour
// from minute 0 to 59). Hour is the start of the hour, in UTC, so keys
// are comparable with == and usable in maps.
type UsageKey struct {
	Resource  string    `json:"resource"`
	Dimension string    `json:"dimension"`
	Hour      time.Time `json:"hour"`
}

// UsageKeyOf returns the key of event e under policy p: its resource,
// dimension and the UTC clock hour (p.Slot) of its effective time.
func (p MeteringPolicy) UsageKeyOf(e UsageEvent) UsageKey {
	return UsageKey{Resource: e.Resource(), Dimension: e.Dimension, Hour: p.slotOf(e.EffectiveStartTime)}
}

func (p MeteringPolicy) slotOf(t time.Time) time.Time {
	slot := p.Slot
	if slot <= 0 {
		slot = time.Hour
	}
	return t.UTC().Truncate(slot)
}

// UsageLedger is what the caller already accepted: [UsageValidator] asks
// it whether an event for a key was accepted before, to reject a second
// one as a duplicate. [UsageSet] is a ready implementation.
type UsageLedger interface {
	// Accepted reports whether an event with the key was accepted.
	Accepted(k UsageKey) bool
}

// UsageSet is a set of accepted usage keys, a [UsageLedger] held by the
// caller. The zero UsageSet is empty and ready to use; it is not safe
// for concurrent use.
type UsageSet struct {
	keys map[UsageKey]struct{}
}

// Add records an accepted key. Its Hour should be a key's UTC hour, as
// [MeteringPolicy.UsageKeyOf] or [UsageResult] give it.
func (s *UsageSet) Add(k UsageKey) {
	if s.keys == nil {
		s.keys = make(map[UsageKey]struct{})
	}
	s.keys[k] = struct{}{}
}

// Accepted reports whether k was added.
func (s *UsageSet) Accepted(k UsageKey) bool {
	_, ok := s.keys[k]
	return ok
}

// Len returns the number of keys.
func (s *UsageSet) Len() int { return len(s.keys) }

// MeteringPolicy holds the numbers of the usage-event rules (EXT-03).
// [DefaultMeteringPolicy] returns the metering API's values.
type MeteringPolicy struct {
	// MaxAge is how far back an event's effective time may be when it is
	// emitted: 24 hours (W9: usage at 1 PM can be emitted until 1 PM the
	// next day, that instant included, since the API rejects events
	// "more than 24 hours in the past").
	MaxAge time.Duration `json:"maxAge"`
	// Slot is the length of the slot of one event per resource and
	// dimension: the clock hour in UTC, from minute 0 to 59 (W8).
	Slot time.Duration `json:"slot"`
	// MaxBatch is the most events in one batch: 25.
	MaxBatch int `json:"maxBatch"`
}

// DefaultMeteringPolicy returns the metering API's limits: 24 hours back,
// one event per UTC clock hour, 25 events per batch.
func DefaultMeteringPolicy() MeteringPolicy {
	return MeteringPolicy{MaxAge: 24 * time.Hour, Slot: time.Hour, MaxBatch: 25}
}

// UsageStatus is the outcome of a usage event, named as the metering
// API's statuses. The enum is append-only; the zero value is invalid.
type UsageStatus uint8

// The usage statuses.
const (
	// UsageAccepted: the event is valid and its slot is free.
	UsageAccepted UsageStatus = iota + 1
	// UsageExpired: the event is more than MaxAge old (HTTP 400).
	UsageExpired
	// UsageDuplicate: an event for the same resource, dimension and hour
	// was accepted before (HTTP 409).
	UsageDuplicate
	// UsageInvalidQuantity: the quantity is zero or negative.
	UsageInvalidQuantity
	// UsageBadArgument: a missing or unknown field: no resource,
	// dimension, plan or effective time, a plan or dimension the resource
	// does not have, or an effective time in the future.
	UsageBadArgument
	// UsageResourceNotFound: the resource is not known.
	UsageResourceNotFound
)

var usageStatusNames = enum.Names[UsageStatus]{Type: "usage status", Names: []string{"",
	"Accepted", "Expired", "Duplicate", "InvalidQuantity", "BadArgument", "ResourceNotFound"}}

// String returns the metering API's name of the status: "Accepted",
// "Expired", "Duplicate", "InvalidQuantity", "BadArgument" or
// "ResourceNotFound".
func (s UsageStatus) String() string { return usageStatusNames.String(s) }

// MarshalText implements [encoding.TextMarshaler].
func (s UsageStatus) MarshalText() ([]byte, error) { return usageStatusNames.Marshal(s) }

// UnmarshalText implements [encoding.TextUnmarshaler]; case is ignored.
func (s *UsageStatus) UnmarshalText(b []byte) error { return usageStatusNames.Unmarshal(b, s) }

// The reasons of usage decisions: stable codes, never renamed or reused.
const (
	// ReasonUsageAccepted: the event passed every check.
	ReasonUsageAccepted rule.Reason = "usage-accepted"
	// ReasonUsageExpired: the event is more than MaxAge old.
	ReasonUsageExpired rule.Reason = "usage-older-than-max-age"
	// ReasonUsageDuplicate: the slot (resource, dimension, hour) is taken.
	ReasonUsageDuplicate rule.Reason = "usage-hour-already-reported"
	// ReasonUsageQuantity: the quantity is zero or negative.
	ReasonUsageQuantity rule.Reason = "usage-quantity-not-positive"
	// ReasonUsageNoResource: the event names no resource.
	ReasonUsageNoResource rule.Reason = "usage-resource-missing"
	// ReasonUsageTwoResources: the event names a resource ID and a URI.
	ReasonUsageTwoResources rule.Reason = "usage-resource-id-and-uri"
	// ReasonUsageResourceNotFound: the resource is not known.
	ReasonUsageResourceNotFound rule.Reason = "usage-resource-not-found"
	// ReasonUsageNoDimension: the event names no dimension.
	ReasonUsageNoDimension rule.Reason = "usage-dimension-missing"
	// ReasonUsageNoPlan: the event names no plan.
	ReasonUsageNoPlan rule.Reason = "usage-plan-missing"
	// ReasonUsageUnknownPlan: the plan is not one of the validator's.
	ReasonUsageUnknownPlan rule.Reason = "usage-plan-unknown"
	// ReasonUsageUnknownDimension: the dimension is not one of the plan's
	// meters.
	ReasonUsageUnknownDimension rule.Reason = "usage-dimension-not-in-plan"
	// ReasonUsageNoTime: the event has no effective time.
	ReasonUsageNoTime rule.Reason = "usage-time-missing"
	// ReasonUsageFuture: the effective time is after the check.
	ReasonUsageFuture rule.Reason = "usage-time-in-future"
	// ReasonUsageBatchTooLarge: the batch holds more than MaxBatch events.
	ReasonUsageBatchTooLarge rule.Reason = "usage-batch-too-large"
	// ReasonUsageBatchEmpty: the batch holds no events.
	ReasonUsageBatchEmpty rule.Reason = "usage-batch-empty"
	// ReasonUsageBatchChecked: every event of the batch was checked.
	ReasonUsageBatchChecked rule.Reason = "usage-batch-checked"
)

// UsageResult is the outcome of one usage event: its status as the
// metering API would report it, the rule and reason, the slot the event
// takes, and the figures used. It is a value, not an error; render it
// with [UsageResult.Explain].
type UsageResult struct {
	Status UsageStatus `json:"status"`
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Key is the event's slot: resource, dimension and UTC clock hour.
	Key UsageKey `json:"key"`
	// Quantity is the event's quantity.
	Quantity UsageQuantity `json:"quantity"`
	// Effective is the event's effective time; Deadline = Effective +
	// MaxAge, the last instant it may be emitted; At the instant of the
	// check.
	Effective time.Time `json:"effective"`
	Deadline  time.Time `json:"deadline"`
	At        time.Time `json:"at"`
	// Earlier is, for a duplicate within a batch, the index of the earlier
	// accepted event of the same slot; −1 when the duplicate is of an
	// event the ledger holds, and for other statuses.
	Earlier int `json:"earlier"`
}

// IsAccepted reports whether the event was accepted.
func (r UsageResult) IsAccepted() bool { return r.Status == UsageAccepted }

var (
	mtMsgAccepted  = rule.Message{English: "Accepted: %v of dimension %q for %s in the hour from %v; it may be emitted until %v (%s).", Swedish: "Godkänd: %v av dimensionen %q för %s under timmen från %v; den får skickas till och med %v (%s)."}
	mtMsgExpired   = rule.Message{English: "Expired: usage at %v may be emitted only until %v, and it is %v (%s).", Swedish: "Utgången: användning %v får bara skickas till och med %v, och nu är det %v (%s)."}
	mtMsgDuplicate = rule.Message{English: "Duplicate: usage of dimension %q for %s was already reported for the hour from %v; one event per resource, dimension and hour (%s).", Swedish: "Dubblett: användning av dimensionen %q för %s har redan rapporterats för timmen från %v; en händelse per resurs, dimension och timme (%s)."}
	mtMsgQuantity  = rule.Message{English: "InvalidQuantity: the quantity %v is not above zero (%s).", Swedish: "InvalidQuantity: mängden %v är inte större än noll (%s)."}
	mtMsgNotFound  = rule.Message{English: "ResourceNotFound: resource %q is not known (%s).", Swedish: "ResourceNotFound: resursen %q är okänd (%s)."}
	mtMsgFuture    = rule.Message{English: "BadArgument: the effective time %v is after %v; usage can be emitted only for the past (%s).", Swedish: "BadArgument: tidpunkten %v är efter %v; användning kan bara skickas för det förflutna (%s)."}
	mtMsgBad       = rule.Message{English: "BadArgument: %s (%s).", Swedish: "BadArgument: %s (%s)."}
	mtWhat         = map[rule.Reason]rule.Message{
		ReasonUsageNoResource:       {English: "the event names no resource", Swedish: "händelsen anger ingen resurs"},
		ReasonUsageTwoResources:     {English: "the event names a resource ID and a resource URI; give one", Swedish: "händelsen anger både resurs-ID och resurs-URI; ange en"},
		ReasonUsageNoDimension:      {English: "the event names no dimension", Swedish: "händelsen anger ingen dimension"},
		ReasonUsageNoPlan:           {English: "the event names no plan", Swedish: "händelsen anger ingen plan"},
		ReasonUsageUnknownPlan:      {English: "the plan is not one of the known plans", Swedish: "planen är inte en av de kända planerna"},
		ReasonUsageUnknownDimension: {English: "the dimension is not one of the plan's metering dimensions", Swedish: "dimensionen är inte en av planens mätdimensioner"},
		ReasonUsageNoTime:           {English: "the event has no effective time", Swedish: "händelsen saknar tidpunkt"},
	}
)

// Explain renders the result in lang.
func (r UsageResult) Explain(lang rule.Language) string {
	id := string(r.Rule)
	switch r.Status {
	case UsageAccepted:
		return mtMsgAccepted.Render(lang, r.Quantity.String(), r.Key.Dimension, r.Key.Resource, r.Key.Hour, r.Deadline, id)
	case UsageExpired:
		return mtMsgExpired.Render(lang, r.Effective, r.Deadline, r.At, id)
	case UsageDuplicate:
		return mtMsgDuplicate.Render(lang, r.Key.Dimension, r.Key.Resource, r.Key.Hour, id)
	case UsageInvalidQuantity:
		return mtMsgQuantity.Render(lang, r.Quantity.String(), id)
	case UsageResourceNotFound:
		return mtMsgNotFound.Render(lang, r.Key.Resource, id)
	}
	if r.Reason == ReasonUsageFuture {
		return mtMsgFuture.Render(lang, r.Effective, r.At, id)
	}
	return mtMsgBad.Render(lang, mtWhat[r.Reason].Render(lang), id)
}

// UsageValidator checks usage events against EXT-03, as the metering
// service would, without side effects: it neither records accepted events
// nor reads a clock. It is a plain value; the zero UsageValidator knows
// no plans (every event is a BadArgument) and uses the zero policy, so
// start from [DefaultMeteringPolicy].
type UsageValidator struct {
	// Policy holds the limits.
	Policy MeteringPolicy
	// Plans are the plans of the known resources: an event's plan must be
	// one of them, and its dimension one of that plan's meters.
	Plans []plan.Plan
	// Ledger holds the events accepted before; nil means none.
	Ledger UsageLedger
	// Known reports whether a resource exists; nil means every resource
	// does (ResourceNotFound is then never reported).
	Known func(resource string) bool
}

// Validate checks one event at instant now and returns its status. The
// checks, in order, and the first that fails decides:
//
//  1. BadArgument: no resource (or both a resource ID and URI), no
//     dimension, no plan, no effective time;
//  2. ResourceNotFound: Known says the resource does not exist;
//  3. BadArgument: the plan is not one of Plans, or the dimension not one
//     of its meters;
//  4. BadArgument: the effective time is after now (usage can only be
//     emitted for the past; the instant now itself is allowed);
//  5. InvalidQuantity: the quantity is zero or negative;
//  6. Expired: the effective time is more than Policy.MaxAge before now
//     (now − effective > 24 h; exactly 24 h is still accepted, W9);
//  7. Duplicate: the Ledger already holds the event's key (the resource,
//     dimension and UTC clock hour, W8);
//  8. otherwise Accepted.
//
// Validate does not allocate.
func (v UsageValidator) Validate(e UsageEvent, now time.Time) UsageResult {
	r := v.check(e, now)
	if r.Status == 0 {
		if v.Ledger != nil && v.Ledger.Accepted(r.Key) {
			r.Status, r.Reason = UsageDuplicate, ReasonUsageDuplicate
		} else {
			r.Status, r.Reason = UsageAccepted, ReasonUsageAccepted
		}
	}
	return r
}

// check runs checks 1–6; a zero Status means they passed.
func (v UsageValidator) check(e UsageEvent, now time.Time) UsageResult {
	maxAge := v.Policy.MaxAge
	r := UsageResult{Rule: rule.EXT03, Key: v.Policy.UsageKeyOf(e), Quantity: e.Quantity,
		Effective: e.EffectiveStartTime, At: now, Earlier: -1}
	if !e.EffectiveStartTime.IsZero() {
		r.Deadline = e.EffectiveStartTime.Add(maxAge)
	}
	bad := func(reason rule.Reason) UsageResult {
		r.Status, r.Reason = UsageBadArgument, reason
		return r
	}
	switch {
	case e.ResourceID == "" && e.ResourceURI == "":
		return bad(ReasonUsageNoResource)
	case e.ResourceID != "" && e.ResourceURI != "":
		return bad(ReasonUsageTwoResources)
	case strings.TrimSpace(e.Dimension) == "":
		return bad(ReasonUsageNoDimension)
	case strings.TrimSpace(e.PlanID) == "":
		return bad(ReasonUsageNoPlan)
	case e.EffectiveStartTime.IsZero():
		return bad(ReasonUsageNoTime)
	}
	if v.Known != nil && !v.Known(r.Key.Resource) {
		r.Status, r.Reason = UsageResourceNotFound, ReasonUsageResourceNotFound
		return r
	}
	p := -1
	for i := range v.Plans {
		if v.Plans[i].ID == e.PlanID {
			p = i
			break
		}
	}
	if p < 0 {
		return bad(ReasonUsageUnknownPlan)
	}
	found := false
	for _, m := range v.Plans[p].Pricing.Meters {
		if m.Dimension == e.Dimension {
			found = true
			break
		}
	}
	switch {
	case !found:
		return bad(ReasonUsageUnknownDimension)
	case e.EffectiveStartTime.After(now):
		return bad(ReasonUsageFuture)
	case !e.Quantity.IsPositive():
		r.Status, r.Reason = UsageInvalidQuantity, ReasonUsageQuantity
	case now.Sub(e.EffectiveStartTime) > maxAge:
		r.Status, r.Reason = UsageExpired, ReasonUsageExpired
	}
	return r
}

// UsageBatchResult is the outcome of a batch of usage events.
type UsageBatchResult struct {
	// Rejected reports that the batch was refused as a whole, as the
	// batch API answers 400 Bad Request: more than Max events, or none.
	// Results is then nil: no event was processed, and the caller must
	// split the batch and send it again.
	Rejected bool `json:"rejected"`
	// Rule is EXT-03; Reason says why the batch was rejected, or
	// ReasonUsageBatchChecked.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Count is the number of events; Max the policy's limit.
	Count int `json:"count"`
	Max   int `json:"max"`
	// Results has one result per event, in order.
	Results []UsageResult `json:"results"`
}

// Accepted returns the number of accepted events.
func (b UsageBatchResult) Accepted() int {
	n := 0
	for _, r := range b.Results {
		if r.Status == UsageAccepted {
			n++
		}
	}
	return n
}

var (
	mtMsgTooLarge = rule.Message{English: "The batch of %d events is rejected as a whole: a batch holds at most %d; split it and send the parts (%s).", Swedish: "Satsen med %d händelser avvisas i sin helhet: en sats rymmer högst %d; dela upp den och skicka delarna (%s)."}
	mtMsgEmpty    = rule.Message{English: "The batch is rejected: it holds no events (%s).", Swedish: "Satsen avvisas: den innehåller inga händelser (%s)."}
	mtMsgBatch    = rule.Message{English: "%d of %d events accepted (%s).", Swedish: "%d av %d händelser godkända (%s)."}
)

// Explain renders the batch outcome in lang, followed by each event's
// explanation on its own line.
func (b UsageBatchResult) Explain(lang rule.Language) string {
	switch b.Reason {
	case ReasonUsageBatchTooLarge:
		return mtMsgTooLarge.Render(lang, b.Count, b.Max, string(b.Rule))
	case ReasonUsageBatchEmpty:
		return mtMsgEmpty.Render(lang, string(b.Rule))
	}
	var sb strings.Builder
	sb.WriteString(mtMsgBatch.Render(lang, b.Accepted(), b.Count, string(b.Rule)))
	for _, r := range b.Results {
		sb.WriteByte('\n')
		sb.WriteString(r.Explain(lang))
	}
	return sb.String()
}

// ValidateBatch checks a batch of events at instant now (EXT-03). A batch
// of more than Policy.MaxBatch events (25), or of none, is rejected as a
// whole: Rejected is true and no event is checked. Otherwise each event
// is checked as by [UsageValidator.Validate], in order, and an event is
// also a Duplicate of an earlier event of the same batch that was
// accepted for the same resource, dimension and hour (Earlier names it).
func (v UsageValidator) ValidateBatch(events []UsageEvent, now time.Time) UsageBatchResult {
	b := UsageBatchResult{Rule: rule.EXT03, Count: len(events), Max: v.Policy.MaxBatch}
	switch {
	case len(events) == 0:
		b.Rejected, b.Reason = true, ReasonUsageBatchEmpty
		return b
	case len(events) > v.Policy.MaxBatch:
		b.Rejected, b.Reason = true, ReasonUsageBatchTooLarge
		return b
	}
	b.Reason = ReasonUsageBatchChecked
	b.Results = make([]UsageResult, len(events))
	for i, e := range events {
		r := v.check(e, now)
		if r.Status == 0 {
			for j := range i {
				if b.Results[j].Status == UsageAccepted && b.Results[j].Key == r.Key {
					r.Status, r.Reason, r.Earlier = UsageDuplicate, ReasonUsageDuplicate, j
					break
				}
			}
		}
		if r.Status == 0 {
			if v.Ledger != nil && v.Ledger.Accepted(r.Key) {
				r.Status, r.Reason = UsageDuplicate, ReasonUsageDuplicate
			} else {
				r.Status, r.Reason = UsageAccepted, ReasonUsageAccepted
			}
		}
		b.Results[i] = r
	}
	return b
}

package metering

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Event is one usage event of the marketplace metering service, as
// a publisher emits it (EXT-03): for a resource (a SaaS subscription, or a
// managed application), a metering dimension of its plan, a quantity and
// the instant the usage happened. Its JSON is the metering API's request
// body: {"resourceId":"…","quantity":5.0,"dimension":"emails",
// "effectiveStartTime":"2024-03-01T13:00:00Z","planId":"gold"}.
type Event struct {
	// ResourceID identifies the resource: the SaaS subscription ID.
	ResourceID string `json:"resourceId,omitempty"`
	// ResourceURI identifies a managed application's resource, which the
	// batch API names by URI; give ResourceID or ResourceURI, not both.
	ResourceURI string `json:"resourceUri,omitempty"`
	// Quantity is the usage, which must be above zero.
	Quantity Quantity `json:"quantity"`
	// Dimension is the ID of one of the plan's metering dimensions.
	Dimension string `json:"dimension"`
	// EffectiveStartTime is when the usage happened. The API takes UTC:
	// it is written in UTC, and in JSON a time without an offset is read
	// as UTC.
	EffectiveStartTime time.Time `json:"effectiveStartTime"`
	// PlanID is the ID of the resource's plan.
	PlanID string `json:"planId"`
}

// Resource returns the resource the event is for: ResourceID, or else
// ResourceURI.
func (e Event) Resource() string {
	if e.ResourceID != "" {
		return e.ResourceID
	}
	return e.ResourceURI
}

// MarshalJSON implements [json.Marshaler] as the metering API's request
// body: effectiveStartTime is written in UTC with the instant exact, in
// RFC 3339 ("2024-03-01T13:00:00Z", with a fraction of a second only
// when it has one), whatever the location of EffectiveStartTime.
func (e Event) MarshalJSON() ([]byte, error) {
	est, err := json.Marshal(e.EffectiveStartTime.UTC())
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		ResourceID         string          `json:"resourceId,omitempty"`
		ResourceURI        string          `json:"resourceUri,omitempty"`
		Quantity           Quantity        `json:"quantity"`
		Dimension          string          `json:"dimension"`
		EffectiveStartTime json.RawMessage `json:"effectiveStartTime"`
		PlanID             string          `json:"planId"`
	}{e.ResourceID, e.ResourceURI, e.Quantity, e.Dimension, est, e.PlanID})
}

// UnmarshalJSON implements [json.Unmarshaler] leniently, as Microsoft
// asks of its wire formats: unknown members are ignored; values of the
// wrong type are problems with their paths ([rule.Problems]); the quantity
// is read exactly; a time without an offset is UTC. A decoded event is not
// yet validated: see [Policy.Validate].
func (e *Event) UnmarshalJSON(b []byte) error {
	var w wireEvent
	var ps rule.Problems
	if err := decodeBytes(b, &w, &ps); err != nil {
		return err
	}
	ev := w.event("", &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	*e = ev
	return nil
}

// Key identifies the slot of usage that may be reported once: a
// resource, a dimension and a clock hour in UTC (MTR-02: the hour from
// minute 0 to 59). Hour is the start of the hour, in UTC, so keys
// are comparable with == and usable in maps.
type Key struct {
	Resource  string    `json:"resource"`
	Dimension string    `json:"dimension"`
	Hour      time.Time `json:"hour"`
}

// KeyOf returns the key of event e under policy p: its resource,
// dimension and the UTC clock hour (p.Slot) of its effective time.
func (p Policy) KeyOf(e Event) Key {
	p = p.norm()
	return p.keyOf(&e)
}

// keyOf is KeyOf for a normalized policy.
func (p *Policy) keyOf(e *Event) Key {
	return Key{Resource: e.Resource(), Dimension: e.Dimension, Hour: p.slotOf(e.EffectiveStartTime)}
}

// slotOf returns the start of t's slot, in UTC; p is normalized.
func (p Policy) slotOf(t time.Time) time.Time {
	if p.Slot == time.Hour {
		// The clock hour from the Unix seconds: the zero Time, from
		// which Truncate counts, is a whole number of hours before the
		// Unix epoch, so this is t.UTC().Truncate(time.Hour), the same
		// value, without its general division.
		if u := t.Unix(); u > -1<<62 && u < 1<<62 {
			r := u % 3600
			if r < 0 {
				r += 3600
			}
			return time.Unix(u-r, 0).UTC()
		}
	}
	return t.UTC().Truncate(p.Slot)
}

// KeySet is a set of accepted usage keys held by the caller; its
// Accepted method serves as a [Validation]'s History. The zero KeySet is
// empty and ready to use; it is not safe for concurrent use.
type KeySet struct {
	keys map[Key]struct{}
}

// Add records an accepted key. Its Hour should be a key's UTC hour, as
// [Policy.KeyOf] or [Decision] give it.
func (s *KeySet) Add(k Key) {
	if s.keys == nil {
		s.keys = make(map[Key]struct{})
	}
	s.keys[k] = struct{}{}
}

// Accepted reports whether k was added.
func (s *KeySet) Accepted(k Key) bool {
	_, ok := s.keys[k]
	return ok
}

// len returns the number of keys.
func (s *KeySet) len() int { return len(s.keys) }

// Policy holds the limits of the metering rules (EXT-03, MTR-01…MTR-06)
// and of the decoders of the metering API's bodies. [DefaultPolicy]
// returns the metering API's values; the zero Policy means DefaultPolicy,
// and so does every zero field.
type Policy struct {
	// MaxAge is how far back an event's effective time may be when it is
	// emitted: 24 hours (usage at 1 PM can be emitted until 1 PM the
	// next day, that instant included, since the API rejects events
	// "more than 24 hours in the past").
	MaxAge time.Duration `json:"maxAge,omitzero"`
	// Slot is the length of the slot of one event per resource and
	// dimension: the clock hour in UTC, from minute 0 to 59 (MTR-02).
	Slot time.Duration `json:"slot,omitzero"`
	// MaxBatch is the most events in one batch: 25 (MTR-01).
	MaxBatch int `json:"maxBatch,omitzero"`
	// MaxBody is the largest JSON body or CSV line the decoders read, in
	// bytes: 16 MiB for a body (a larger one is refused before it is
	// decoded); a CSV line may be at most 64 KiB whatever MaxBody is.
	MaxBody int64 `json:"maxBody,omitzero"`
	// MaxDepth is the deepest nesting of a JSON body: 32.
	MaxDepth int `json:"maxDepth,omitzero"`
	// MaxProblems is how many problems of bad records an answer keeps;
	// the rest are counted. 100.
	MaxProblems int `json:"maxProblems,omitzero"`
	// Rounding rounds an invoice line's amount, quantity × unit price,
	// once to the cent; the zero value is currency.HalfEven.
	Rounding currency.RoundingMode `json:"rounding,omitzero"`
}

// DefaultPolicy returns the metering API's limits: 24 hours back,
// one event per UTC clock hour, 25 events per batch, bodies up to 16 MiB
// nested at most 32 deep, 100 problems kept.
func DefaultPolicy() Policy {
	return Policy{MaxAge: 24 * time.Hour, Slot: time.Hour, MaxBatch: 25, MaxBody: 16 << 20, MaxDepth: 32, MaxProblems: 100}
}

// norm returns p with every zero or negative field set to the default.
func (p Policy) norm() Policy {
	d := DefaultPolicy()
	if p.MaxAge <= 0 {
		p.MaxAge = d.MaxAge
	}
	if p.Slot <= 0 {
		p.Slot = d.Slot
	}
	if p.MaxBatch <= 0 {
		p.MaxBatch = d.MaxBatch
	}
	if p.MaxBody <= 0 {
		p.MaxBody = d.MaxBody
	}
	if p.MaxDepth <= 0 {
		p.MaxDepth = d.MaxDepth
	}
	if p.MaxProblems <= 0 {
		p.MaxProblems = d.MaxProblems
	}
	return p
}

// EventStatus is the status of a usage event, named as the metering API's
// statuses (MTR-04). The enum is append-only; the zero EventStatus is "unset"
// and marshals to "".
type EventStatus uint8

// The usage statuses.
const (
	// Accepted: the event is valid and its slot is free.
	Accepted EventStatus = iota + 1
	// Expired: the event is more than MaxAge old (HTTP 400).
	Expired
	// Duplicate: an event for the same resource, dimension and hour
	// was accepted before (HTTP 409).
	Duplicate
	// InvalidQuantity: the quantity is zero or negative.
	InvalidQuantity
	// BadArgument: a missing or unknown field: no resource,
	// dimension, plan or effective time, a plan the resource does not
	// have, or an effective time in the future.
	BadArgument
	// ResourceNotFound: the resource is not known.
	ResourceNotFound
	// Error: the service failed; the event may be sent again.
	Error
	// ResourceNotAuthorized: the caller may not report usage for the
	// resource (an offer published with another Entra application).
	ResourceNotAuthorized
	// ResourceNotActive: the subscription is not Subscribed (MTR-05).
	ResourceNotActive
	// InvalidDimension: the dimension is not one of the plan's.
	InvalidDimension
)

var usageStatusNames = enum.Names[EventStatus]{Type: "usage status", Names: []string{"",
	"Accepted", "Expired", "Duplicate", "InvalidQuantity", "BadArgument", "ResourceNotFound",
	"Error", "ResourceNotAuthorized", "ResourceNotActive", "InvalidDimension"}}

// String returns the metering API's name of the status: "Accepted",
// "Expired", "Duplicate", "InvalidQuantity", …; "" for the zero EventStatus.
func (s EventStatus) String() string {
	if s == 0 {
		return ""
	}
	return usageStatusNames.String(s)
}

// MarshalText implements [encoding.TextMarshaler]; the zero EventStatus is "".
func (s EventStatus) MarshalText() ([]byte, error) {
	if s == 0 {
		return []byte{}, nil
	}
	return usageStatusNames.Marshal(s)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; case is ignored,
// and "" is the zero EventStatus.
func (s *EventStatus) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = 0
		return nil
	}
	return usageStatusNames.Unmarshal(b, s)
}

// The reasons of usage decisions: stable codes, never renamed or reused.
const (
	// ReasonAccepted: the event passed every check.
	ReasonAccepted rule.Reason = "usage-accepted"
	// ReasonExpired: the event is more than MaxAge old.
	ReasonExpired rule.Reason = "usage-older-than-max-age"
	// ReasonDuplicate: the slot (resource, dimension, hour) is taken.
	ReasonDuplicate rule.Reason = "usage-hour-already-reported"
	// ReasonQuantity: the quantity is zero or negative.
	ReasonQuantity rule.Reason = "usage-quantity-not-positive"
	// ReasonNoResource: the event names no resource.
	ReasonNoResource rule.Reason = "usage-resource-missing"
	// ReasonTwoResources: the event names a resource ID and a URI.
	ReasonTwoResources rule.Reason = "usage-resource-id-and-uri"
	// ReasonResourceNotFound: the resource is not known.
	ReasonResourceNotFound rule.Reason = "usage-resource-not-found"
	// ReasonNoDimension: the event names no dimension.
	ReasonNoDimension rule.Reason = "usage-dimension-missing"
	// ReasonNoPlan: the event names no plan.
	ReasonNoPlan rule.Reason = "usage-plan-missing"
	// ReasonUnknownPlan: the plan is not one of the validator's.
	ReasonUnknownPlan rule.Reason = "usage-plan-unknown"
	// ReasonUnknownDimension: the dimension is not one of the plan's
	// meters.
	ReasonUnknownDimension rule.Reason = "usage-dimension-not-in-plan"
	// ReasonNoTime: the event has no effective time.
	ReasonNoTime rule.Reason = "usage-time-missing"
	// ReasonFuture: the effective time is after the check.
	ReasonFuture rule.Reason = "usage-time-in-future"
	// ReasonBatchTooLarge: the batch holds more than MaxBatch events.
	ReasonBatchTooLarge rule.Reason = "usage-batch-too-large"
	// ReasonBatchEmpty: the batch holds no events.
	ReasonBatchEmpty rule.Reason = "usage-batch-empty"
	// ReasonBatchChecked: every event of the batch was checked.
	ReasonBatchChecked rule.Reason = "usage-batch-checked"
)

// Decision is the outcome of one usage event: whether the service would
// accept it (Allowed), its status as the metering API would report it, the rule and reason, the slot the event
// takes, and the figures used. It is a value, not an error; render it
// with [Decision.Explain].
type Decision struct {
	Allowed bool        `json:"allowed"`
	Status  EventStatus `json:"status"`
	Rule    rule.ID     `json:"rule"`
	Reason  rule.Reason `json:"reason"`
	// Key is the event's slot: resource, dimension and UTC clock hour.
	Key Key `json:"key"`
	// Quantity is the event's quantity.
	Quantity Quantity `json:"quantity"`
	// Effective is the event's effective time; Deadline = Effective +
	// MaxAge, the last instant it may be emitted; At the instant of the
	// check.
	Effective time.Time `json:"effective"`
	Deadline  time.Time `json:"deadline"`
	At        time.Time `json:"at"`
	// Earlier is, for a duplicate within a batch, the index of the earlier
	// accepted event of the same slot; −1 when the duplicate is of an
	// event the History holds, and for other statuses.
	Earlier int `json:"earlier"`
}

// String returns the English explanation.
func (r Decision) String() string { return r.Explain(rule.English) }

var (
	mtMsgAccepted  = rule.Message{English: "Accepted: %v of dimension %q for %s in the hour from %v; it may be emitted until %v (%s).", Swedish: "Godkänd: %v av dimensionen %q för %s under timmen från %v; den får skickas till och med %v (%s)."}
	mtMsgExpired   = rule.Message{English: "Expired: usage at %v may be emitted only until %v, and it is %v (%s).", Swedish: "Utgången: användning %v får bara skickas till och med %v, och nu är det %v (%s)."}
	mtMsgDuplicate = rule.Message{English: "Duplicate: usage of dimension %q for %s was already reported for the hour from %v; one event per resource, dimension and hour (%s).", Swedish: "Dubblett: användning av dimensionen %q för %s har redan rapporterats för timmen från %v; en händelse per resurs, dimension och timme (%s)."}
	mtMsgQuantity  = rule.Message{English: "InvalidQuantity: the quantity %v is not above zero (%s).", Swedish: "Ogiltigt antal: mängden %v är inte större än noll (%s)."}
	mtMsgNotFound  = rule.Message{English: "ResourceNotFound: resource %q is not known (%s).", Swedish: "Okänd resurs: resursen %q är okänd (%s)."}
	mtMsgFuture    = rule.Message{English: "BadArgument: the effective time %v is after %v; usage can be emitted only for the past (%s).", Swedish: "Felaktigt argument: tidpunkten %v är efter %v; användning kan bara skickas för det förflutna (%s)."}
	mtMsgBad       = rule.Message{English: "BadArgument: %s (%s).", Swedish: "Felaktigt argument: %s (%s)."}
	mtMsgNotActive = rule.Message{English: "ResourceNotActive: %s is not a Subscribed subscription, and usage is accepted only while it is Subscribed (%s).", Swedish: "Resursen är inte aktiv: %s är inte en prenumeration med status Subscribed, och användning tas bara emot medan den är det (%s)."}
	mtMsgDimension = rule.Message{English: "InvalidDimension: dimension %q is not one of the plan's metering dimensions (%s).", Swedish: "Okänd dimension: dimensionen %q är inte en av planens mätdimensioner (%s)."}
	mtWhat         = map[rule.Reason]rule.Message{
		ReasonNoResource:   {English: "the event names no resource", Swedish: "händelsen anger ingen resurs"},
		ReasonTwoResources: {English: "the event names a resource ID and a resource URI; give one", Swedish: "händelsen anger både resurs-ID och resurs-URI; ange en"},
		ReasonNoDimension:  {English: "the event names no dimension", Swedish: "händelsen anger ingen dimension"},
		ReasonNoPlan:       {English: "the event names no plan", Swedish: "händelsen anger ingen plan"},
		ReasonUnknownPlan:  {English: "the plan is not one of the known plans", Swedish: "planen är inte en av de kända planerna"},
		ReasonNoTime:       {English: "the event has no effective time", Swedish: "händelsen saknar tidpunkt"},
	}
)

// Explain renders the result in lang.
func (r Decision) Explain(lang rule.Language) string {
	id := string(r.Rule)
	switch r.Status {
	case Accepted:
		return mtMsgAccepted.Render(lang, r.Quantity.String(), r.Key.Dimension, r.Key.Resource, r.Key.Hour, r.Deadline, id)
	case Expired:
		return mtMsgExpired.Render(lang, r.Effective, r.Deadline, r.At, id)
	case Duplicate:
		return mtMsgDuplicate.Render(lang, r.Key.Dimension, r.Key.Resource, r.Key.Hour, id)
	case InvalidQuantity:
		return mtMsgQuantity.Render(lang, r.Quantity.String(), id)
	case ResourceNotFound:
		return mtMsgNotFound.Render(lang, r.Key.Resource, id)
	case ResourceNotActive:
		return mtMsgNotActive.Render(lang, r.Key.Resource, id)
	case InvalidDimension:
		return mtMsgDimension.Render(lang, r.Key.Dimension, id)
	}
	if r.Reason == ReasonFuture {
		return mtMsgFuture.Render(lang, r.Effective, r.At, id)
	}
	return mtMsgBad.Render(lang, mtWhat[r.Reason].Render(lang), id)
}

// Validation is what the metering service knows when it checks usage
// events (EXT-03, MTR-01, MTR-02): the plans of the known resources, the
// events accepted before, which resources exist, and the instant of the
// check. It is a plain value; the zero Validation knows no plans (every
// event is then a BadArgument).
type Validation struct {
	// Plans are the plans of the known resources: an event's plan must be
	// one of them, and its dimension one of that plan's meters.
	Plans []plan.Plan `json:"plans,omitempty"`
	// History reports whether an event for a key (its resource,
	// dimension and UTC hour) was accepted before, to refuse a second one
	// as a Duplicate; nil means none was. [KeySet.Accepted] is one.
	History func(k Key) bool `json:"-"`
	// Known reports whether a resource exists; nil means every resource
	// does (ResourceNotFound is then never reported).
	Known func(resource string) bool `json:"-"`
	// StatusOf returns the status of the SaaS subscription a resource
	// is: usage is accepted only for a Subscribed one (MTR-05). nil, or
	// "" for a resource, means the status is not known and not checked
	// (ResourceNotActive is then never reported).
	StatusOf func(resource string) SubscriptionStatus `json:"-"`
	// At is the instant of the check: the instant the events are sent.
	At time.Time `json:"at"`
}

// Validate checks one event as the metering service would at v.At and
// returns its decision. The checks, in order, and the first that fails
// decides:
//
//  1. BadArgument: no resource (or both a resource ID and URI), no
//     dimension, no plan, no effective time;
//  2. ResourceNotFound: Known says the resource does not exist;
//  3. ResourceNotActive: StatusOf says the resource is a subscription
//     that is not Subscribed (MTR-05);
//  4. BadArgument: the plan is not one of Plans; InvalidDimension: the
//     dimension is not one of its meters (MTR-04);
//  5. BadArgument: the effective time is after v.At (usage can only be
//     emitted for the past; the instant v.At itself is allowed);
//  6. InvalidQuantity: the quantity is zero or negative;
//  7. Expired: the effective time is more than MaxAge before v.At
//     (exactly 24 hours is still accepted);
//  8. Duplicate: History reports the event's key (the resource,
//     dimension and UTC clock hour) accepted before;
//  9. otherwise Accepted.
//
// Validate does not allocate.
func (p Policy) Validate(v Validation, e Event) (r Decision) {
	// checkInto uses MaxAge and Slot only: normalize when one is unset,
	// and write the decision in place, without copying it back.
	if p.MaxAge <= 0 || p.Slot <= 0 {
		p = p.norm()
	}
	p.checkInto(&r, &v, &e)
	if r.Status == 0 {
		if v.History != nil && v.History(r.Key) {
			r.Status, r.Reason = Duplicate, ReasonDuplicate
		} else {
			r.Status, r.Reason = Accepted, ReasonAccepted
		}
	}
	r.Allowed = r.Status == Accepted
	return r
}

// check runs checks 1–7; a zero EventStatus means they passed.
func (p Policy) check(v *Validation, e Event) Decision {
	var r Decision
	p.checkInto(&r, v, &e)
	return r
}

// checkInto is check writing the decision to *r, whatever r held before:
// a batch's decisions are written where they are kept, every field once,
// without copying the event.
func (p *Policy) checkInto(r *Decision, v *Validation, e *Event) {
	now := v.At
	maxAge := p.MaxAge
	r.Allowed, r.Status, r.Reason = false, 0, ""
	r.Rule, r.Quantity, r.Effective, r.At, r.Earlier = rule.EXT03, e.Quantity, e.EffectiveStartTime, now, -1
	r.Key.Resource, r.Key.Dimension, r.Key.Hour = e.Resource(), e.Dimension, p.slotOf(e.EffectiveStartTime)
	r.Deadline = time.Time{}
	if !e.EffectiveStartTime.IsZero() {
		r.Deadline = e.EffectiveStartTime.Add(maxAge)
	}
	switch {
	case e.ResourceID == "" && e.ResourceURI == "":
		r.Status, r.Reason = BadArgument, ReasonNoResource
		return
	case e.ResourceID != "" && e.ResourceURI != "":
		r.Status, r.Reason = BadArgument, ReasonTwoResources
		return
	case strings.TrimSpace(e.Dimension) == "":
		r.Status, r.Reason = BadArgument, ReasonNoDimension
		return
	case strings.TrimSpace(e.PlanID) == "":
		r.Status, r.Reason = BadArgument, ReasonNoPlan
		return
	case e.EffectiveStartTime.IsZero():
		r.Status, r.Reason = BadArgument, ReasonNoTime
		return
	}
	if v.Known != nil && !v.Known(r.Key.Resource) {
		r.Status, r.Reason = ResourceNotFound, ReasonResourceNotFound
		return
	}
	if v.StatusOf != nil {
		if st := v.StatusOf(r.Key.Resource); st != "" && st != Subscribed {
			r.Rule, r.Status, r.Reason = ruleMTR05, ResourceNotActive, ReasonNotSubscribed
			return
		}
	}
	pi := -1
	for i := range v.Plans {
		if v.Plans[i].ID == e.PlanID {
			pi = i
			break
		}
	}
	if pi < 0 {
		r.Status, r.Reason = BadArgument, ReasonUnknownPlan
		return
	}
	found := false
	meters := v.Plans[pi].Pricing.Meters
	for i := range meters {
		if meters[i].Dimension == e.Dimension {
			found = true
			break
		}
	}
	switch {
	case !found:
		r.Status, r.Reason = InvalidDimension, ReasonUnknownDimension
	case e.EffectiveStartTime.After(now):
		r.Status, r.Reason = BadArgument, ReasonFuture
	case e.Quantity.Sign() <= 0:
		r.Status, r.Reason = InvalidQuantity, ReasonQuantity
	case now.Sub(e.EffectiveStartTime) > maxAge:
		r.Status, r.Reason = Expired, ReasonExpired
	}
}

// BatchDecision is the outcome of a batch of usage events.
type BatchDecision struct {
	// Allowed reports that the batch was taken for processing. It is
	// false when the batch is refused as a whole, as the batch API
	// answers 400 Bad Request: more than MaxBatch events, or none.
	// Results is then nil: no event was processed, and the caller must
	// split the batch and send it again.
	Allowed bool `json:"allowed"`
	// Rule is EXT-03; Reason says why the batch was refused, or
	// ReasonBatchChecked.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Count is the number of events, Accepted the number accepted; Max
	// the policy's limit.
	Count    int `json:"count"`
	Accepted int `json:"accepted"`
	Max      int `json:"max"`
	// Results has one decision per event, in order.
	Results []Decision `json:"results,omitempty"`
}

var (
	mtMsgTooLarge = rule.Message{English: "The batch of %d events is rejected as a whole: a batch holds at most %d; split it and send the parts (%s).", Swedish: "Satsen med %d händelser avvisas i sin helhet: en sats rymmer högst %d; dela upp den och skicka delarna (%s)."}
	mtMsgEmpty    = rule.Message{English: "The batch is rejected: it holds no events (%s).", Swedish: "Satsen avvisas: den innehåller inga händelser (%s)."}
	mtMsgBatch    = rule.Message{English: "%d of %d events accepted (%s).", Swedish: "%d av %d händelser godkända (%s)."}
)

// Explain renders the batch outcome in lang, followed by each event's
// explanation on its own line.
func (b BatchDecision) Explain(lang rule.Language) string {
	switch b.Reason {
	case ReasonBatchTooLarge:
		return mtMsgTooLarge.Render(lang, b.Count, b.Max, string(b.Rule))
	case ReasonBatchEmpty:
		return mtMsgEmpty.Render(lang, string(b.Rule))
	}
	var sb strings.Builder
	sb.WriteString(mtMsgBatch.Render(lang, b.Accepted, b.Count, string(b.Rule)))
	for _, r := range b.Results {
		sb.WriteByte('\n')
		sb.WriteString(r.Explain(lang))
	}
	return sb.String()
}

// String returns the English explanation.
func (b BatchDecision) String() string { return b.Explain(rule.English) }

// ValidateBatch checks a batch of events at v.At (EXT-03). A batch of more
// than MaxBatch events (25), or of none, is refused as a whole: Allowed is
// false and no event is checked. Otherwise each event is checked as by
// [Policy.Validate], in order, and an event is also a Duplicate of an
// earlier event of the same batch that was accepted for the same
// resource, dimension and hour (Earlier names it). The time taken is
// linear in the number of events (one hash table lookup each); for
// batches of many thousands, whose Results outgrow the processor's
// caches, see [Policy.ValidateBatchInto] and [Policy.ValidateBatchFunc].
// Each of v's functions is called for the events
// in their order, but the calls of different functions are not
// interleaved event by event (Known and StatusOf may be asked about
// later events before History is asked about an earlier one), so they
// should answer from what they hold, not from one another's calls.
func (p Policy) ValidateBatch(v Validation, events []Event) BatchDecision {
	return p.ValidateBatchInto(nil, v, events)
}

// ValidateBatchInto is [Policy.ValidateBatch] writing the decisions into
// dst's storage: Results is dst[:len(events)] when dst has the capacity,
// and a new slice otherwise. A caller that checks batch after batch
// (hours of usage at a time) passes the previous Results back, so that no
// batch allocates or clears its decisions again; dst's decisions are
// overwritten, and the previous answer's Results with them.
func (p Policy) ValidateBatchInto(dst []Decision, v Validation, events []Event) BatchDecision {
	p = p.norm()
	b, ok := p.openBatch(events)
	if !ok {
		return b
	}
	if cap(dst) >= len(events) {
		b.Results = dst[:len(events)]
	} else {
		b.Results = make([]Decision, len(events))
	}
	return p.validateAll(&v, events, b, nil, nil)
}

// ValidateBatchFunc is [Policy.ValidateBatch] handing each event's
// decision to each, in order, instead of keeping them: Results is nil,
// and the decisions are never all in memory at once. It is the form for
// hours of usage: the time per event is the same for a batch of 25 events
// and of 100,000, where ValidateBatch's 200 bytes of Results per event
// outgrow the processor's caches. each is not called for a batch refused
// as a whole.
func (p Policy) ValidateBatchFunc(v Validation, events []Event, each func(i int, d Decision)) BatchDecision {
	p = p.norm()
	b, ok := p.openBatch(events)
	if !ok {
		return b
	}
	var buf [dedupRun]Decision
	return p.validateAll(&v, events, b, buf[:], each)
}

// openBatch returns the answer for events before any is checked, and
// whether they are to be checked: false for a batch refused as a whole.
func (p *Policy) openBatch(events []Event) (BatchDecision, bool) {
	b := BatchDecision{Rule: rule.EXT03, Count: len(events), Max: p.MaxBatch}
	switch {
	case len(events) == 0:
		b.Reason = ReasonBatchEmpty
		return b, false
	case len(events) > p.MaxBatch:
		b.Reason = ReasonBatchTooLarge
		return b, false
	}
	return b, true
}

// validateAll checks every event, finding duplicates within the events
// with a hash table of their indices sized once for their number
// (keyTable): the time per event does not grow with the batch. The
// decisions are written to b.Results when it is not nil; otherwise each
// run's decisions are written to buf and handed to each.
//
// The events go in runs of dedupRun: first each event of the run is
// checked and the key of each that passed is hashed, then the run's
// table slots are loaded together (touchAll), then the run's keys are
// looked up in order. The processor fetches a run's slots at once rather
// than one cache miss per event, which in a table larger than the cache
// is most of an event's time.
func (p Policy) validateAll(v *Validation, events []Event, b BatchDecision, buf []Decision, each func(int, Decision)) BatchDecision {
	b.Allowed, b.Reason = true, ReasonBatchChecked
	first := newKeyTable(len(events))
	var hs [dedupRun]uint64
	for start := 0; start < len(events); start += dedupRun {
		end := min(start+dedupRun, len(events))
		var run []Decision
		if b.Results != nil {
			run = b.Results[start:end]
		} else {
			run = buf[:end-start]
		}
		for k := range run {
			r := &run[k]
			p.checkInto(r, v, &events[start+k])
			if r.Status == 0 {
				hs[k] = first.hash(&r.Key)
			}
		}
		first.touchAll(hs[:len(run)])
		for k := range run {
			r := &run[k]
			if r.Status != 0 {
				continue
			}
			j, slot := first.find(&p, &r.Key, hs[k], events)
			switch {
			case j >= 0:
				r.Status, r.Reason, r.Earlier = Duplicate, ReasonDuplicate, j
			case v.History != nil && v.History(r.Key):
				r.Status, r.Reason = Duplicate, ReasonDuplicate
			default:
				r.Status, r.Reason, r.Allowed = Accepted, ReasonAccepted, true
				first.put(slot, hs[k], start+k)
				b.Accepted++
			}
		}
		if b.Results == nil && each != nil {
			for k := range run {
				each(start+k, run[k])
			}
		}
	}
	return b
}

// dedupRun is the number of events validateAll checks before it looks
// up their keys.
const dedupRun = 32

package fulfillment

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/rule"
)

// Rule IDs of the SaaS fulfillment rules (FUL-01…FUL-13).
const (
	ful01 = rule.FUL01
	ful02 = rule.FUL02
	ful03 = rule.FUL03
	ful04 = rule.FUL04
	ful05 = rule.FUL05
	ful06 = rule.FUL06
	ful07 = rule.FUL07
	ful08 = rule.FUL08
	ful09 = rule.FUL09
	ful10 = rule.FUL10
	ful11 = rule.FUL11
	ful12 = rule.FUL12
	ful13 = rule.FUL13
)

// Decode reads a body of the SaaS Fulfillment API v2 into v, which must be
// a pointer to a [Webhook], [Operation], [Subscription], [Resolved],
// [Acknowledgement], [SubscriberPlan] or [ErrorBody], or to a slice of
// Subscription or Operation (the "subscriptions" and "operations" lists
// of List Subscriptions and List Operations, given bare or in their
// wrapper object).
//
// Decoding is bounded and lenient (FUL-12). A body longer than
// [Policy.MaxBody] or nested deeper than [Policy.MaxDepth] is refused
// before it is parsed ([ErrTooLarge]). Unknown fields are
// ignored and field names matched ignoring case; a user's ID is read from
// puid or pid; a quantity from a number or a numeric string; a missing
// autoRenew is true; dates are RFC 3339, or without a zone (UTC); enum
// values are matched ignoring case, and an unknown action, source, term
// unit, sandbox type, session mode or customer operation is kept as it
// came. What cannot be read is reported all at once as [rule.Problems]
// with the body's JSON paths: a missing subscription or operation ID, an
// unknown status, a quantity that is not a whole number, a term that ends
// before it starts, an operation time stamped before the subscription's
// creation. On error *v holds what could be read.
func (p Policy) Decode(data []byte, v any) error {
	var ps rule.Problems
	if !p.precheck(data, &ps) {
		return ps.Err()
	}
	switch t := v.(type) {
	case *Webhook:
		var w webhookWire
		if p.unmarshal(data, &w, &ps) {
			w.to(t, &ps)
		}
	case *Operation:
		var w operationWire
		if p.unmarshal(data, &w, &ps) {
			w.to(t, "", &ps)
		}
	case *Subscription:
		var w subscriptionWire
		if p.unmarshal(data, &w, &ps) {
			w.to(t, "", &ps)
		}
	case *Resolved:
		var w resolvedWire
		if p.unmarshal(data, &w, &ps) {
			w.to(t, &ps)
		}
	case *Acknowledgement:
		var w ackWire
		if p.unmarshal(data, &w, &ps) {
			t.PlanID = w.PlanID
			t.Quantity = w.Quantity.read("quantity", &ps)
			t.Status = AckStatus(w.Status)
			for _, s := range [...]AckStatus{Success, Failure} {
				if equalFold(w.Status, string(s)) {
					t.Status = s
				}
			}
		}
	case *SubscriberPlan:
		var w ackWire
		if p.unmarshal(data, &w, &ps) {
			t.PlanID = w.PlanID
			t.Quantity = w.Quantity.read("quantity", &ps)
		}
	case *ErrorBody:
		var w errorWire
		if p.unmarshal(data, &w, &ps) {
			if w.Error != nil {
				*t = w.Error.body()
			} else {
				*t = w.errorPlain.body()
			}
		}
	case *[]Subscription:
		var w []subscriptionWire
		if data = listBody(data, "subscriptions"); p.unmarshal(data, &w, &ps) {
			*t = make([]Subscription, len(w))
			for i := range w {
				w[i].to(&(*t)[i], "subscriptions["+strconv.Itoa(i)+"]", &ps)
			}
		}
	case *[]Operation:
		var w []operationWire
		if data = listBody(data, "operations"); p.unmarshal(data, &w, &ps) {
			*t = make([]Operation, len(w))
			for i := range w {
				w[i].to(&(*t)[i], "operations["+strconv.Itoa(i)+"]", &ps)
			}
		}
	default:
		addProblem(&ps, "", "", ErrInvalidValue, msgTarget, v)
	}
	return ps.Err()
}

// listBody returns the array under key when data is an object, and data
// itself otherwise.
func listBody(data []byte, key string) []byte {
	d := bytes.TrimSpace(data)
	if len(d) == 0 || d[0] != '{' {
		return data
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(d, &m) != nil {
		return data
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return []byte("[]")
}

// precheck refuses a body over the size limit or nested too deeply, in one
// pass over its bytes and before anything is parsed.
func (p *Policy) precheck(data []byte, ps *rule.Problems) bool {
	max := p.MaxBody
	if max <= 0 {
		max = DefaultPolicy().MaxBody
	}
	if len(data) > max {
		addProblem(ps, ful12, "", ErrTooLarge, msgTooLarge, len(data), max)
		return false
	}
	maxDepth := p.depth()
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			// Skip the string: find its closing quote, one not escaped by
			// an odd number of backslashes.
			j := i + 1
			for {
				k := bytes.IndexByte(data[j:], '"')
				if k < 0 {
					return true // unterminated: the parser reports it
				}
				j += k
				bs := 0
				for m := j - 1; m > i && data[m] == '\\'; m-- {
					bs++
				}
				if bs%2 == 0 {
					break
				}
				j++
			}
			i = j
		case '{', '[':
			depth++
			if depth > maxDepth {
				addProblem(ps, ful12, "", ErrTooLarge, msgTooDeep, maxDepth)
				return false
			}
		case '}', ']':
			depth--
		}
	}
	return true
}

// unmarshal is the one place the package parses a body: internal/jsonx in
// its lenient mode, which ignores unknown members, matches names ignoring
// case when none matches exactly, and reports a value of the wrong JSON
// type as a problem at its path and goes on. Its problems get rule FUL-12
// and, without a sentinel of their own, ErrMalformed. It reports false
// when the body is not a JSON value of the target's shape (a problem at
// the root), after which nothing else is checked.
func (p *Policy) unmarshal(data []byte, v any, ps *rule.Problems) bool {
	start := len(*ps)
	jsonx.Options{Lenient: true, MaxBytes: int64(len(data)) + 1, MaxDepth: p.depth()}.Decode(data, v, "", ps)
	ok := true
	for i := start; i < len(*ps); i++ {
		pr := &(*ps)[i]
		if pr.Rule == "" {
			pr.Rule = ful12
		}
		if pr.Err == nil {
			pr.Err = ErrMalformed
		}
		ok = ok && pr.Path != ""
	}
	return ok
}

func (p *Policy) depth() int {
	if p.MaxDepth <= 0 {
		return DefaultPolicy().MaxDepth
	}
	return p.MaxDepth
}

// flexInt is a quantity: a JSON number or a numeric string (FUL-12).
type flexInt struct {
	v   int64
	bad string
}

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := b
	if len(s) > 0 && s[0] == '"' {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			f.bad = string(b)
			return nil
		}
		s = []byte(strings.TrimSpace(str))
		if len(s) == 0 {
			return nil
		}
	}
	if string(s) == "null" {
		return nil
	}
	n, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		// A whole number written with a fraction ("10.0") is read.
		if i, frac, ok := strings.Cut(string(s), "."); ok && strings.Trim(frac, "0") == "" {
			if n, err = strconv.ParseInt(i, 10, 64); err == nil {
				f.v = n
				return nil
			}
		}
		f.bad = string(b)
		return nil
	}
	f.v = n
	return nil
}

func (f flexInt) read(path string, ps *rule.Problems) int64 {
	if f.bad != "" {
		addProblem(ps, ful12, path, ErrInvalidValue, msgQuantity, f.bad)
		return 0
	}
	if f.v < 0 {
		addProblem(ps, ful12, path, ErrInvalidValue, msgNegative, f.v)
		return 0
	}
	return f.v
}

// flexTime is an instant: RFC 3339, or without a zone (read as UTC).
type flexTime struct {
	t   time.Time
	bad string
}

func (f *flexTime) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' || bytes.IndexByte(b[1:len(b)-1], '\\') >= 0 {
		f.bad = string(b)
		return nil
	}
	s := string(b[1 : len(b)-1])
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		var err2 error
		t, err2 = time.Parse("2006-01-02T15:04:05.999999999", s)
		if err2 != nil {
			if t, err2 = time.Parse(time.DateOnly, s); err2 != nil {
				f.bad = s
				return nil
			}
		}
	}
	f.t = t
	return nil
}

func (f flexTime) read(path string, ps *rule.Problems) time.Time {
	if f.bad != "" {
		addProblem(ps, ful12, path, ErrInvalidValue, msgDate, f.bad)
	}
	return f.t
}

type identityWire struct {
	EmailID  string `json:"emailId"`
	ObjectID string `json:"objectId"`
	TenantID string `json:"tenantId"`
	PUID     string `json:"puid"`
	PID      string `json:"pid"`
}

func (w *identityWire) identity() Identity {
	id := Identity{EmailID: w.EmailID, ObjectID: w.ObjectID, TenantID: w.TenantID, PUID: w.PUID}
	if id.PUID == "" {
		id.PUID = w.PID
	}
	return id
}

type termWire struct {
	Unit           string   `json:"termUnit"`
	Start          flexTime `json:"startDate"`
	End            flexTime `json:"endDate"`
	ChargeDuration *string  `json:"chargeDuration"`
}

type subscriptionWire struct {
	ID                        string       `json:"id"`
	PublisherID               string       `json:"publisherId"`
	OfferID                   string       `json:"offerId"`
	Name                      string       `json:"name"`
	Status                    string       `json:"saasSubscriptionStatus"`
	Beneficiary               identityWire `json:"beneficiary"`
	Purchaser                 identityWire `json:"purchaser"`
	PlanID                    string       `json:"planId"`
	Quantity                  flexInt      `json:"quantity"`
	Term                      termWire     `json:"term"`
	AutoRenew                 *bool        `json:"autoRenew"`
	IsTest                    bool         `json:"isTest"`
	IsFreeTrial               bool         `json:"isFreeTrial"`
	AllowedCustomerOperations []string     `json:"allowedCustomerOperations"`
	SandboxType               string       `json:"sandboxType"`
	SessionMode               string       `json:"sessionMode"`
	Created                   flexTime     `json:"created"`
	LastModified              flexTime     `json:"lastModified"`
}

// canonical returns the constant among known that s names ignoring case,
// or s as it came.
func canonical[T ~string](s string, known ...T) T {
	for _, k := range known {
		if s == string(k) {
			return k
		}
	}
	for _, k := range known {
		if equalFold(s, string(k)) {
			return k
		}
	}
	return T(s)
}

func (w *subscriptionWire) to(s *Subscription, path string, ps *rule.Problems) {
	*s = Subscription{
		ID: w.ID, PublisherID: w.PublisherID, OfferID: w.OfferID, Name: w.Name,
		Beneficiary: w.Beneficiary.identity(), Purchaser: w.Purchaser.identity(),
		PlanID:      w.PlanID,
		Quantity:    w.Quantity.read(join(path, "quantity"), ps),
		AutoRenew:   w.AutoRenew == nil || *w.AutoRenew,
		IsTest:      w.IsTest,
		IsFreeTrial: w.IsFreeTrial,
		SandboxType: canonical(w.SandboxType, SandboxNone, SandboxCsp),
		SessionMode: canonical(w.SessionMode, SessionNone, DryRun),
		Created:     w.Created.read(join(path, "created"), ps),
	}
	s.LastModified = w.LastModified.read(join(path, "lastModified"), ps)
	if s.ID == "" {
		addProblem(ps, ful01, join(path, "id"), ErrMissing, msgMissing, "the subscription ID")
	}
	if w.Status != "" {
		st, err := parseStatus(w.Status)
		if err != nil {
			addProblem(ps, ful01, join(path, "saasSubscriptionStatus"), ErrUnknownValue, msgUnknown, "subscription status", w.Status)
		}
		s.Status = st
	}
	s.Term = Term{
		Unit:  canonical(w.Term.Unit, P1M, P1Y, P2Y, P3Y, P4Y, P5Y),
		Start: w.Term.Start.read(join(path, "term.startDate"), ps),
		End:   w.Term.End.read(join(path, "term.endDate"), ps),
	}
	if w.Term.ChargeDuration != nil {
		s.Term.ChargeDuration = *w.Term.ChargeDuration
	}
	if !s.Term.Start.IsZero() && !s.Term.End.IsZero() && s.Term.End.Before(s.Term.Start) {
		addProblem(ps, ful11, join(path, "term.endDate"), ErrTermOrder, msgTermOrder, s.Term.End, s.Term.Start)
	}
	if len(w.AllowedCustomerOperations) > 0 {
		s.AllowedCustomerOperations = make([]CustomerOperation, len(w.AllowedCustomerOperations))
		for i, o := range w.AllowedCustomerOperations {
			s.AllowedCustomerOperations[i] = canonical(o, CustomerRead, CustomerUpdate, CustomerDelete)
		}
	}
}

type operationWire struct {
	ID             string   `json:"id"`
	ActivityID     string   `json:"activityId"`
	SubscriptionID string   `json:"subscriptionId"`
	OfferID        string   `json:"offerId"`
	PublisherID    string   `json:"publisherId"`
	PlanID         string   `json:"planId"`
	Quantity       flexInt  `json:"quantity"`
	Action         string   `json:"action"`
	TimeStamp      flexTime `json:"timeStamp"`
	Status         string   `json:"status"`
}

func (w *operationWire) to(o *Operation, path string, ps *rule.Problems) {
	*o = Operation{
		ID: w.ID, ActivityID: w.ActivityID, SubscriptionID: w.SubscriptionID,
		OfferID: w.OfferID, PublisherID: w.PublisherID, PlanID: w.PlanID,
		Quantity:  w.Quantity.read(join(path, "quantity"), ps),
		Action:    canonicalAction(w.Action),
		TimeStamp: w.TimeStamp.read(join(path, "timeStamp"), ps),
	}
	if o.ID == "" {
		addProblem(ps, ful12, join(path, "id"), ErrMissing, msgMissing, "the operation ID")
	}
	if o.SubscriptionID == "" {
		addProblem(ps, ful12, join(path, "subscriptionId"), ErrMissing, msgMissing, "the subscription ID")
	}
	if o.Action == "" {
		addProblem(ps, ful04, join(path, "action"), ErrMissing, msgMissing, "the action")
	}
	if w.Status != "" {
		o.Status = canonical(w.Status, operationStatuses[:]...)
		if equalFold(w.Status, "Success") {
			// Older webhook examples write "Success" for Succeeded.
			o.Status = OperationSucceeded
		}
		known := false
		for _, s := range operationStatuses {
			known = known || o.Status == s
		}
		if !known {
			addProblem(ps, ful12, join(path, "status"), ErrUnknownValue, msgUnknown, "operation status", w.Status)
			o.Status = ""
		}
	}
}

type webhookWire struct {
	operationWire
	Source        string            `json:"operationRequestSource"`
	Subscription  *subscriptionWire `json:"subscription"`
	PurchaseToken *string           `json:"purchaseToken"`
}

func (w *webhookWire) to(h *Webhook, ps *rule.Problems) {
	*h = Webhook{Source: canonical(w.Source, FromAzure, FromPartner)}
	w.operationWire.to(&h.Operation, "", ps)
	if w.PurchaseToken != nil {
		h.PurchaseToken = *w.PurchaseToken
	}
	if w.Subscription == nil {
		return
	}
	w.Subscription.to(&h.Subscription, "subscription", ps)
	s := &h.Subscription
	if s.ID != "" && h.SubscriptionID != "" && s.ID != h.SubscriptionID {
		addProblem(ps, ful12, "subscription.id", ErrOtherSubscription, msgOtherSub, s.ID, h.SubscriptionID)
	}
	if !s.Created.IsZero() && !h.TimeStamp.IsZero() && h.TimeStamp.Before(s.Created) {
		addProblem(ps, ful12, "timeStamp", ErrBeforeCreated, msgBeforeMade, h.TimeStamp, s.Created)
	}
}

type resolvedWire struct {
	ID               string            `json:"id"`
	SubscriptionName string            `json:"subscriptionName"`
	OfferID          string            `json:"offerId"`
	PlanID           string            `json:"planId"`
	Quantity         flexInt           `json:"quantity"`
	Subscription     *subscriptionWire `json:"subscription"`
}

func (w *resolvedWire) to(r *Resolved, ps *rule.Problems) {
	*r = Resolved{ID: w.ID, SubscriptionName: w.SubscriptionName, OfferID: w.OfferID, PlanID: w.PlanID,
		Quantity: w.Quantity.read("quantity", ps)}
	if r.ID == "" {
		addProblem(ps, ful02, "id", ErrMissing, msgMissing, "the subscription ID")
	}
	if w.Subscription != nil {
		w.Subscription.to(&r.Subscription, "subscription", ps)
	}
}

type ackWire struct {
	PlanID   string  `json:"planId"`
	Quantity flexInt `json:"quantity"`
	Status   string  `json:"status"`
}

type errorPlain struct {
	Code    string       `json:"code,omitzero"`
	Message string       `json:"message,omitzero"`
	Target  string       `json:"target,omitzero"`
	Details []errorPlain `json:"details,omitzero"`
}

type errorWire struct {
	errorPlain
	Error *errorPlain `json:"error"`
}

func (e *errorPlain) body() ErrorBody {
	b := ErrorBody{Code: e.Code, Message: e.Message, Target: e.Target}
	for i := range e.Details {
		b.Details = append(b.Details, e.Details[i].body())
	}
	return b
}

func plainOf(b *ErrorBody) errorPlain {
	e := errorPlain{Code: b.Code, Message: b.Message, Target: b.Target}
	for i := range b.Details {
		e.Details = append(e.Details, plainOf(&b.Details[i]))
	}
	return e
}

// MarshalJSON writes the body as the API sends it: {"error": {…}}.
func (b ErrorBody) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Error errorPlain `json:"error"`
	}{plainOf(&b)})
}

// UnmarshalJSON reads the body with or without its "error" wrapper.
func (b *ErrorBody) UnmarshalJSON(data []byte) error {
	return DefaultPolicy().Decode(data, b)
}

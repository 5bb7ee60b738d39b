package marketplacetest

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/marketrules/marketrules/fulfillment"
)

// Metering limits of the Marketplace Metering Service API.
const (
	maxBatch     = 25
	meterWindow  = 24 * time.Hour
	meterSlot    = time.Hour
	badArgument  = "BadArgument"
	usageRequest = "usageEventRequest"
)

// Statuses of a usage event (the API's UsageEventStatusEnum).
const (
	statusAccepted          = "Accepted"
	statusExpired           = "Expired"
	statusDuplicate         = "Duplicate"
	statusResourceNotFound  = "ResourceNotFound"
	statusResourceNotActive = "ResourceNotActive"
	statusInvalidDimension  = "InvalidDimension"
	statusInvalidQuantity   = "InvalidQuantity"
	statusBadArgument       = "BadArgument"
)

// wireEvent is a usage event as the API reads it.
type wireEvent struct {
	ResourceID         string      `json:"resourceId"`
	ResourceURI        string      `json:"resourceUri"`
	Quantity           json.Number `json:"quantity"`
	Dimension          string      `json:"dimension"`
	EffectiveStartTime string      `json:"effectiveStartTime"`
	PlanID             string      `json:"planId"`
}

// Resource is the event's resource ID or URI.
func (e wireEvent) Resource() string { return e.ResourceID + e.ResourceURI }

// wireResult is the API's answer about one event (UsageEventOkResponse,
// UsageBatchEventOkMessage).
type wireResult struct {
	UsageEventID       string         `json:"usageEventId,omitzero"`
	Status             string         `json:"status"`
	MessageTime        string         `json:"messageTime"`
	ResourceID         string         `json:"resourceId,omitzero"`
	ResourceURI        string         `json:"resourceUri,omitzero"`
	Quantity           json.Number    `json:"quantity,omitzero"`
	Dimension          string         `json:"dimension"`
	EffectiveStartTime string         `json:"effectiveStartTime"`
	PlanID             string         `json:"planId"`
	Error              *meteringError `json:"error,omitzero"`
}

// meteringError is the metering API's error body (UsageEventBadRequestResponse
// and UsageEventConflictResponse): not wrapped in "error".
type meteringError struct {
	AdditionalInfo *struct {
		AcceptedMessage wireResult `json:"acceptedMessage"`
	} `json:"additionalInfo,omitzero"`
	Message string        `json:"message"`
	Target  string        `json:"target,omitzero"`
	Details []errorDetail `json:"details,omitzero"`
	Code    string        `json:"code"`
}

type errorDetail struct {
	Message string `json:"message"`
	Target  string `json:"target"`
	Code    string `json:"code"`
}

// usage is an accepted usage event.
type usage struct {
	result    wireResult
	quantity  decimal.Decimal
	effective time.Time
	sub       string
}

func badArgumentBody(target, msg string) *meteringError {
	return &meteringError{Message: "One or more errors have occurred.", Target: usageRequest, Code: badArgument,
		Details: []errorDetail{{Message: msg, Target: target, Code: badArgument}}}
}

// meter decides one usage event: the result, and for a refused one the
// error body (400, or 409 for a duplicate). The checks, in order, the
// first that fails deciding: a resource (ID or URI, not both), a
// dimension, a plan and an effective time (BadArgument); a known
// resource (ResourceNotFound) that is Subscribed (ResourceNotActive), with
// the plan named (BadArgument) and the dimension one of its meters
// (InvalidDimension); a time not in the future (BadArgument); a quantity
// above zero (InvalidQuantity); at most 24 hours old (Expired); the first
// of its resource, dimension and UTC hour (Duplicate).
func (s *Server) meter(e wireEvent) (wireResult, int) {
	r := wireResult{Status: statusBadArgument, MessageTime: "0001-01-01T00:00:00", ResourceID: e.ResourceID, ResourceURI: e.ResourceURI,
		Quantity: e.Quantity, Dimension: e.Dimension, EffectiveStartTime: e.EffectiveStartTime, PlanID: e.PlanID}
	refuse := func(status, target, msg string) (wireResult, int) {
		r.Status, r.Error = status, badArgumentBody(target, msg)
		return r, http.StatusBadRequest
	}
	if (e.ResourceID == "") == (e.ResourceURI == "") {
		return refuse(statusBadArgument, "resourceId", "Either resourceId or resourceUri is required, never both.")
	}
	if e.Dimension == "" {
		return refuse(statusBadArgument, "dimension", "The dimension is required.")
	}
	if e.PlanID == "" {
		return refuse(statusBadArgument, "planId", "The planId is required.")
	}
	at, err := time.Parse(time.RFC3339Nano, e.EffectiveStartTime)
	if err != nil {
		at, err = time.Parse("2006-01-02T15:04:05.999999999", e.EffectiveStartTime)
	}
	if err != nil {
		return refuse(statusBadArgument, "effectiveStartTime", "The effectiveStartTime is not a date and time in UTC.")
	}
	at = at.UTC()
	sub, ok := s.byID[e.ResourceID]
	if !ok {
		return refuse(statusResourceNotFound, "resourceId", "The resource "+e.Resource()+" was not found.")
	}
	cur := sub.state.Subscription
	if cur.Status != fulfillment.Subscribed {
		return refuse(statusResourceNotActive, "resourceId", "The subscription is "+cur.Status.String()+", not Subscribed.")
	}
	if e.PlanID != cur.PlanID {
		return refuse(statusBadArgument, "planId", "The planId is not the subscription's plan "+cur.PlanID+".")
	}
	p, _ := s.plan(cur.PlanID)
	if !hasDimension(p, e.Dimension) {
		return refuse(statusInvalidDimension, "dimension", "The dimension "+e.Dimension+" is not a meter of plan "+p.ID+".")
	}
	if at.After(s.now) {
		return refuse(statusBadArgument, "effectiveStartTime", "The effectiveStartTime is in the future.")
	}
	q, err := decimal.NewFromString(e.Quantity.String())
	if err != nil || q.Sign() <= 0 {
		return refuse(statusInvalidQuantity, "quantity", "The quantity must be a number greater than 0.")
	}
	if s.now.Sub(at) > meterWindow {
		return refuse(statusExpired, "effectiveStartTime", "The effectiveStartTime is more than 24 hours in the past.")
	}
	slot := at.Truncate(meterSlot)
	for _, u := range s.usage {
		if u.sub == cur.ID && u.result.Dimension == e.Dimension && u.effective.Truncate(meterSlot).Equal(slot) {
			r.Status = statusDuplicate
			first := u.result
			first.Status = statusDuplicate
			r.Error = &meteringError{Message: "This usage event already exist.", Code: "Conflict"}
			r.Error.AdditionalInfo = &struct {
				AcceptedMessage wireResult `json:"acceptedMessage"`
			}{first}
			return r, http.StatusConflict
		}
	}
	r.UsageEventID, r.Status, r.MessageTime = s.newID(), statusAccepted, s.now.Format(time.RFC3339Nano)
	s.usage = append(s.usage, &usage{result: r, quantity: q, effective: at, sub: cur.ID})
	return r, http.StatusOK
}

func hasDimension(p Plan, id string) bool {
	for _, d := range p.Dimensions {
		if d.ID == id {
			return true
		}
	}
	return false
}

func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errTrailing
	}
	return nil
}

var (
	errTrailing = errors.New("trailing data after the JSON value")
	errDate     = errors.New("not a date and time")
)

func (s *Server) usageEvent(_ *http.Request, body []byte, _ route) answer {
	var e wireEvent
	if err := decodeStrict(body, &e); err != nil {
		return answer{status: http.StatusBadRequest, body: badArgumentBody("usageEventRequest", "The request body is not a usage event: "+err.Error())}
	}
	r, status := s.meter(e)
	switch status {
	case http.StatusOK:
		return answer{status: status, body: r, sub: e.ResourceID}
	default:
		return answer{status: status, body: r.Error, sub: e.ResourceID}
	}
}

func (s *Server) batchUsageEvent(_ *http.Request, body []byte, _ route) answer {
	var b struct {
		Request []wireEvent `json:"request"`
	}
	if err := decodeStrict(body, &b); err != nil {
		return answer{status: http.StatusBadRequest, body: badArgumentBody("request", "The request body is not a batch of usage events: "+err.Error())}
	}
	if len(b.Request) == 0 || len(b.Request) > maxBatch {
		return answer{status: http.StatusBadRequest, body: badArgumentBody("request", "A batch holds 1 to 25 usage events.")}
	}
	out := struct {
		Count  int          `json:"count"`
		Result []wireResult `json:"result"`
	}{Count: len(b.Request)}
	for _, e := range b.Request {
		r, _ := s.meter(e)
		out.Result = append(out.Result, r)
	}
	return answer{status: http.StatusOK, body: out}
}

// wireRow is a row of the usage-event retrieval (GetUsageEvent).
type wireRow struct {
	UsageDate           string      `json:"usageDate"`
	UsageResourceID     string      `json:"usageResourceId"`
	Dimension           string      `json:"dimension"`
	PlanID              string      `json:"planId"`
	PlanName            string      `json:"planName"`
	OfferID             string      `json:"offerId"`
	OfferName           string      `json:"offerName"`
	OfferType           string      `json:"offerType"`
	AzureSubscriptionID string      `json:"azureSubscriptionId"`
	ReconStatus         string      `json:"reconStatus"`
	SubmittedQuantity   json.Number `json:"submittedQuantity"`
	ProcessedQuantity   json.Number `json:"processedQuantity"`
	SubmittedCount      json.Number `json:"submittedCount"`
}

func (s *Server) usageEvents(r *http.Request, _ []byte, _ route) answer {
	q := r.URL.Query()
	from, err := parseDate(q.Get("usageStartDate"))
	if err != nil {
		return answer{status: http.StatusBadRequest, body: badArgumentBody("usageStartDate", "usageStartDate is required: a date and time.")}
	}
	to := s.now.Add(time.Nanosecond)
	if v := q.Get("UsageEndDate"); v != "" {
		if to, err = parseDate(v); err != nil {
			return answer{status: http.StatusBadRequest, body: badArgumentBody("UsageEndDate", "UsageEndDate is not a date and time.")}
		}
	}
	rows := []wireRow{}
	for _, u := range s.usage {
		res := u.result
		if u.effective.Before(from) || !u.effective.Before(to) || !matches(q.Get("offerId"), s.cfg.OfferID) ||
			!matches(q.Get("planId"), res.PlanID) || !matches(q.Get("dimension"), res.Dimension) ||
			!matches(q.Get("reconStatus"), "Accepted") {
			continue
		}
		p, _ := s.plan(res.PlanID)
		rows = append(rows, wireRow{UsageDate: res.EffectiveStartTime, UsageResourceID: res.ResourceID, Dimension: res.Dimension,
			PlanID: res.PlanID, PlanName: p.DisplayName, OfferID: s.cfg.OfferID, OfferName: s.cfg.OfferID, OfferType: "SaaS",
			ReconStatus: "Accepted", SubmittedQuantity: res.Quantity, ProcessedQuantity: res.Quantity, SubmittedCount: "1"})
	}
	return answer{status: http.StatusOK, body: rows}
}

func matches(filter, v string) bool { return filter == "" || strings.EqualFold(filter, v) }

func parseDate(v string) (time.Time, error) {
	for _, layout := range [...]string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errDate
}

package metering

import (
	"bytes"
	"encoding/json"
	"io"
	"time"

	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/rule"
)

// Result is the metering API's answer for one event: the 200 body of
// POST /usageEvent, an item of a batch answer's result, or the accepted
// event a 409 Duplicate carries (MTR-04). In a batch, an event that was
// not accepted has its Status, a MessageTime of the zero instant (written
// "0001-01-01T00:00:00", as the API writes it), and may carry the error
// body (for a Duplicate, with the accepted event).
type Result struct {
	UsageEventID       string      `json:"usageEventId,omitempty"`
	Status             EventStatus `json:"status"`
	MessageTime        time.Time   `json:"messageTime"`
	ResourceID         string      `json:"resourceId,omitempty"`
	ResourceURI        string      `json:"resourceUri,omitempty"`
	Quantity           Quantity    `json:"quantity"`
	Dimension          string      `json:"dimension"`
	EffectiveStartTime time.Time   `json:"effectiveStartTime"`
	PlanID             string      `json:"planId"`
	Error              *ErrorBody  `json:"error,omitempty"`
}

// zeroMessageTime is the messageTime of a batch item that was not
// accepted, as the metering API writes it: the zero instant, without an
// offset.
const zeroMessageTime = "0001-01-01T00:00:00"

// MarshalJSON implements [json.Marshaler] as the metering API writes a
// result: messageTime always present, the zero instant written
// "0001-01-01T00:00:00" (a batch item that was not accepted), and
// effectiveStartTime in UTC, the instant exact (see [Event.MarshalJSON]).
func (r Result) MarshalJSON() ([]byte, error) {
	mt := []byte(`"` + zeroMessageTime + `"`)
	if !r.MessageTime.IsZero() {
		var err error
		if mt, err = json.Marshal(r.MessageTime.UTC()); err != nil {
			return nil, err
		}
	}
	est, err := json.Marshal(r.EffectiveStartTime.UTC())
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		UsageEventID       string          `json:"usageEventId,omitempty"`
		Status             EventStatus     `json:"status"`
		MessageTime        json.RawMessage `json:"messageTime"`
		ResourceID         string          `json:"resourceId,omitempty"`
		ResourceURI        string          `json:"resourceUri,omitempty"`
		Quantity           Quantity        `json:"quantity"`
		Dimension          string          `json:"dimension"`
		EffectiveStartTime json.RawMessage `json:"effectiveStartTime"`
		PlanID             string          `json:"planId"`
		Error              *ErrorBody      `json:"error,omitempty"`
	}{r.UsageEventID, r.Status, mt, r.ResourceID, r.ResourceURI, r.Quantity, r.Dimension, est, r.PlanID, r.Error})
}

// UnmarshalJSON implements [json.Unmarshaler] leniently, as
// [Policy.DecodeReply] reads a result: unknown members are ignored, a
// time without an offset is UTC, and values of the wrong type are
// problems with their paths ([rule.Problems]).
func (r *Result) UnmarshalJSON(b []byte) error {
	var w wireResult
	var ps rule.Problems
	if err := decodeBytes(b, &w, &ps); err != nil {
		return err
	}
	res := w.result("", &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	*r = res
	return nil
}

// event returns the event the result is about.
func (r Result) event() Event {
	return Event{ResourceID: r.ResourceID, ResourceURI: r.ResourceURI, Quantity: r.Quantity, Dimension: r.Dimension,
		EffectiveStartTime: r.EffectiveStartTime, PlanID: r.PlanID}
}

// ErrorBody is the metering API's error body: the 400 body
// {"code","message","target","details":[…]}, each detail an ErrorBody
// with only code, message and target (what is wrong, where), and the 409
// body, whose additionalInfo.acceptedMessage is the event accepted
// before.
type ErrorBody struct {
	Code           string          `json:"code,omitempty"`
	Message        string          `json:"message,omitempty"`
	Target         string          `json:"target,omitempty"`
	Details        []ErrorBody     `json:"details,omitempty"`
	AdditionalInfo *AdditionalInfo `json:"additionalInfo,omitempty"`
}

// AdditionalInfo is the 409 body's additional information: the event
// the service accepted before for the same resource, dimension and hour.
type AdditionalInfo struct {
	AcceptedMessage *Result `json:"acceptedMessage,omitempty"`
}

// Reply is a decoded answer of the metering API: the HTTP status and
// the per-event results (one for a single event's 200 or 409, one per
// event for a batch's 200), and the error body of a 400 or 409. Count is
// the batch answer's count.
type Reply struct {
	HTTPStatus int        `json:"httpStatus"`
	Results    []Result   `json:"result,omitempty"`
	Count      int        `json:"count,omitzero"`
	Error      *ErrorBody `json:"error,omitempty"`
}

// wire forms, read leniently with the raw members converted with paths.
type wireResult struct {
	UsageEventID       string          `json:"usageEventId"`
	Status             string          `json:"status"`
	MessageTime        json.RawMessage `json:"messageTime"`
	ResourceID         string          `json:"resourceId"`
	ResourceURI        string          `json:"resourceUri"`
	Quantity           json.RawMessage `json:"quantity"`
	Dimension          string          `json:"dimension"`
	EffectiveStartTime json.RawMessage `json:"effectiveStartTime"`
	PlanID             string          `json:"planId"`
	Error              *wireError      `json:"error"`
}

type wireError struct {
	Code           string      `json:"code"`
	Message        string      `json:"message"`
	Target         string      `json:"target"`
	Details        []ErrorBody `json:"details"`
	AdditionalInfo *struct {
		AcceptedMessage *wireResult `json:"acceptedMessage"`
	} `json:"additionalInfo"`
}

type wireReply struct {
	wireResult
	wireError
	Result []json.RawMessage `json:"result"`
	Count  int               `json:"count"`
}

func (w *wireResult) result(path string, ps *rule.Problems) Result {
	r := Result{UsageEventID: w.UsageEventID, ResourceID: w.ResourceID, ResourceURI: w.ResourceURI,
		Dimension: w.Dimension, PlanID: w.PlanID,
		Status:             wireStatus(w.Status, join(path, "status"), ps),
		MessageTime:        wireTime(w.MessageTime, join(path, "messageTime"), ps),
		Quantity:           wireQuantity(w.Quantity, join(path, "quantity"), ps),
		EffectiveStartTime: wireTime(w.EffectiveStartTime, join(path, "effectiveStartTime"), ps)}
	if w.Error != nil {
		r.Error = w.Error.body(join(path, "error"), ps)
	}
	return r
}

func (w *wireError) body(path string, ps *rule.Problems) *ErrorBody {
	b := &ErrorBody{Code: w.Code, Message: w.Message, Target: w.Target, Details: w.Details}
	if w.AdditionalInfo != nil {
		b.AdditionalInfo = &AdditionalInfo{}
		if m := w.AdditionalInfo.AcceptedMessage; m != nil {
			r := m.result(join(path, "additionalInfo.acceptedMessage"), ps)
			b.AdditionalInfo.AcceptedMessage = &r
		}
	}
	return b
}

// DecodeReply decodes the body of a metering API answer with the HTTP
// status it came with, leniently (unknown members are ignored, as
// Microsoft asks) and bounded (a body longer than MaxBody or nested deeper
// than MaxDepth is refused before it is decoded). A 200 body is a single
// result, or a batch answer {"result":[…],"count":N}; a 409 body's
// accepted event becomes a result with status Duplicate; a 400 (or any
// other) body is an error body. What cannot be read is an error listing
// every problem with its JSON path.
func (p Policy) DecodeReply(httpStatus int, body io.Reader) (Reply, error) {
	p = p.norm()
	var ps rule.Problems
	b := readBody(body, p.MaxBody, &ps)
	if ps != nil {
		return Reply{HTTPStatus: httpStatus}, ps.Err()
	}
	rep := Reply{HTTPStatus: httpStatus}
	var w wireReply
	if err := decodeDepth(b, p.MaxDepth, &w, &ps); err != nil {
		return rep, err
	}
	switch {
	case httpStatus == 200 && w.Result != nil:
		rep.Count = w.Count
		rep.Results = make([]Result, len(w.Result))
		for i, raw := range w.Result {
			var wr wireResult
			if decodeAt(raw, index("result", i), &wr, &ps) {
				rep.Results[i] = wr.result(index("result", i), &ps)
			}
		}
	case httpStatus == 200:
		rep.Results = []Result{w.wireResult.result("", &ps)}
	default:
		rep.Error = w.wireError.body("", &ps)
		if ai := rep.Error.AdditionalInfo; httpStatus == 409 && ai != nil && ai.AcceptedMessage != nil {
			r := *ai.AcceptedMessage
			r.Status = Duplicate
			rep.Results = []Result{r}
		}
	}
	if err := ps.Err(); err != nil {
		return Reply{HTTPStatus: httpStatus}, err
	}
	return rep, nil
}

// ReconStatus is a row's reconciliation status in the usage-event
// retrieval (MTR-06). The zero ReconStatus is "unset" and marshals to "".
type ReconStatus uint8

// The reconciliation statuses.
const (
	// ReconSubmitted: the usage was submitted and is not processed yet.
	ReconSubmitted ReconStatus = iota + 1
	// ReconAccepted: the usage was processed as submitted.
	ReconAccepted
	// ReconRejected: the usage was rejected.
	ReconRejected
	// ReconMismatch: the processed quantity differs from the submitted.
	ReconMismatch
)

var reconNames = enum.Names[ReconStatus]{Type: "reconciliation status", Names: []string{"", "Submitted", "Accepted", "Rejected", "Mismatch"}}

// String returns the API's name: "Submitted", "Accepted", "Rejected" or
// "Mismatch"; "" for the zero ReconStatus.
func (s ReconStatus) String() string {
	if s == 0 {
		return ""
	}
	return reconNames.String(s)
}

// MarshalText implements [encoding.TextMarshaler].
func (s ReconStatus) MarshalText() ([]byte, error) {
	if s == 0 {
		return []byte{}, nil
	}
	return reconNames.Marshal(s)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; case is ignored.
func (s *ReconStatus) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = 0
		return nil
	}
	return reconNames.Unmarshal(b, s)
}

// Row is one row of the usage-event retrieval, GET /usageEvents: the
// usage of a resource and dimension on a day, with what was submitted,
// what was processed and the reconciliation status (MTR-06).
type Row struct {
	UsageDate           time.Time   `json:"usageDate"`
	UsageResourceID     string      `json:"usageResourceId"`
	Dimension           string      `json:"dimension"`
	PlanID              string      `json:"planId"`
	PlanName            string      `json:"planName,omitempty"`
	OfferID             string      `json:"offerId,omitempty"`
	OfferName           string      `json:"offerName,omitempty"`
	OfferType           string      `json:"offerType,omitempty"`
	AzureSubscriptionID string      `json:"azureSubscriptionId,omitempty"`
	ReconStatus         ReconStatus `json:"reconStatus"`
	SubmittedQuantity   Quantity    `json:"submittedQuantity"`
	ProcessedQuantity   Quantity    `json:"processedQuantity"`
	SubmittedCount      Quantity    `json:"submittedCount"`
}

type wireRow struct {
	UsageDate           json.RawMessage `json:"usageDate"`
	UsageResourceID     string          `json:"usageResourceId"`
	Dimension           string          `json:"dimension"`
	PlanID              string          `json:"planId"`
	PlanName            string          `json:"planName"`
	OfferID             string          `json:"offerId"`
	OfferName           string          `json:"offerName"`
	OfferType           string          `json:"offerType"`
	AzureSubscriptionID string          `json:"azureSubscriptionId"`
	ReconStatus         string          `json:"reconStatus"`
	SubmittedQuantity   json.RawMessage `json:"submittedQuantity"`
	ProcessedQuantity   json.RawMessage `json:"processedQuantity"`
	SubmittedCount      json.RawMessage `json:"submittedCount"`
}

// DecodeRows decodes the usage-event retrieval's 200 body, a JSON array
// of rows, leniently and bounded as [Policy.DecodeReply] does; a body
// that is an object with a "value" array is read too.
func (p Policy) DecodeRows(body io.Reader) ([]Row, error) {
	p = p.norm()
	var ps rule.Problems
	b := readBody(body, p.MaxBody, &ps)
	if ps != nil {
		return nil, ps.Err()
	}
	var ws []json.RawMessage
	prefix := ""
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
		var v struct {
			Value []json.RawMessage `json:"value"`
		}
		if err := decodeDepth(b, p.MaxDepth, &v, &ps); err != nil {
			return nil, err
		}
		ws, prefix = v.Value, "value"
	} else if err := decodeDepth(b, p.MaxDepth, &ws, &ps); err != nil {
		return nil, err
	}
	rows := make([]Row, len(ws))
	for i, raw := range ws {
		path := index(prefix, i)
		var w wireRow
		if !decodeAt(raw, path, &w, &ps) {
			continue
		}
		r := Row{UsageResourceID: w.UsageResourceID, Dimension: w.Dimension, PlanID: w.PlanID, PlanName: w.PlanName,
			OfferID: w.OfferID, OfferName: w.OfferName, OfferType: w.OfferType, AzureSubscriptionID: w.AzureSubscriptionID,
			UsageDate:         wireTime(w.UsageDate, join(path, "usageDate"), &ps),
			SubmittedQuantity: wireQuantity(w.SubmittedQuantity, join(path, "submittedQuantity"), &ps),
			ProcessedQuantity: wireQuantity(w.ProcessedQuantity, join(path, "processedQuantity"), &ps),
			SubmittedCount:    wireQuantity(w.SubmittedCount, join(path, "submittedCount"), &ps)}
		if w.ReconStatus != "" {
			if err := r.ReconStatus.UnmarshalText([]byte(w.ReconStatus)); err != nil {
				problem(&ps, ruleMTR06, join(path, "reconStatus"), ErrMalformed, msgBadValue, w.ReconStatus, "reconStatus")
			}
		}
		rows[i] = r
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return rows, nil
}

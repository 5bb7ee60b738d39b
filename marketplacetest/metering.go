package marketplacetest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/metering"
	"github.com/marketrules/marketrules/rule"
)

// usageRequest is the target of the metering API's 400 bodies.
const usageRequest = "usageEventRequest"

// usage is an accepted usage event: the answer and the event.
type usage struct {
	result metering.Result
	event  metering.Event
	sub    string
}

// targets name the request field a refusal concerns.
var targets = map[rule.Reason]string{
	metering.ReasonNoResource: "resourceId", metering.ReasonTwoResources: "resourceId", metering.ReasonResourceNotFound: "resourceId",
	metering.ReasonNoDimension: "dimension", metering.ReasonUnknownDimension: "dimension",
	metering.ReasonNoPlan: "planId", metering.ReasonUnknownPlan: "planId",
	metering.ReasonNoTime: "effectiveStartTime", metering.ReasonFuture: "effectiveStartTime", metering.ReasonExpired: "effectiveStartTime",
	metering.ReasonQuantity: "quantity",
}

func badArgument(target, msg string) *metering.ErrorBody {
	return &metering.ErrorBody{Code: metering.BadArgument.String(), Message: "One or more errors have occurred.", Target: usageRequest,
		Details: []metering.ErrorBody{{Code: metering.BadArgument.String(), Message: msg, Target: target}}}
}

// meteringPlan is a plan as package metering knows it: its meters.
func meteringPlan(p Plan) plan.Plan {
	out := plan.Plan{ID: p.ID}
	for _, d := range p.Dimensions {
		out.Pricing.Meters = append(out.Pricing.Meters, plan.Meter{Dimension: d.ID, Price: d.Price})
	}
	return out
}

// meter decides one usage event with package metering's rules (EXT-03,
// MTR-01, MTR-02), knowing the subscriptions, their plans and the events
// accepted before, and answers it: the result and the HTTP status, 200,
// 400, or 409 for a duplicate. An event the rules accept for a
// subscription that is not Subscribed is ResourceNotActive (MTR-05).
func (s *Server) meter(e metering.Event) (metering.Result, int) {
	v := metering.Validation{History: s.keys.Accepted, At: s.now,
		Known: func(r string) bool { _, ok := s.byID[r]; return ok },
		StatusOf: func(r string) metering.SubscriptionStatus {
			switch sub := s.byID[r]; {
			case sub == nil:
				return ""
			case sub.state.Subscription.Status == fulfillment.Subscribed:
				return metering.Subscribed
			default:
				return metering.SubscriptionStatus(sub.state.Subscription.Status.String())
			}
		}}
	sub := s.byID[e.ResourceID]
	if sub != nil {
		p, _ := s.plan(sub.state.Subscription.PlanID)
		v.Plans = []plan.Plan{meteringPlan(p)}
	}
	d := s.meterPol.Validate(v, e)
	r := metering.Result{Status: d.Status, ResourceID: e.ResourceID, ResourceURI: e.ResourceURI, Quantity: e.Quantity,
		Dimension: e.Dimension, EffectiveStartTime: e.EffectiveStartTime, PlanID: e.PlanID}
	switch {
	case d.Status == metering.ResourceNotActive:
		r.Error = badArgument("resourceId", "ResourceNotActive: the resource "+e.Resource()+" is not a Subscribed subscription.")
		return r, http.StatusBadRequest
	case d.Allowed:
		r.UsageEventID, r.MessageTime = s.newID(), s.now
		s.keys.Add(d.Key)
		s.usage = append(s.usage, &usage{result: r, event: e, sub: e.ResourceID})
		return r, http.StatusOK
	case d.Status == metering.Duplicate:
		var first *metering.Result
		for _, u := range s.usage {
			if s.meterPol.KeyOf(u.event) == d.Key {
				accepted := u.result
				accepted.Status = metering.Duplicate
				first = &accepted
				break
			}
		}
		r.Error = &metering.ErrorBody{Code: "Conflict", Message: "This usage event already exist.",
			AdditionalInfo: &metering.AdditionalInfo{AcceptedMessage: first}}
		return r, http.StatusConflict
	}
	r.Error = badArgument(targets[d.Reason], d.Explain(rule.English))
	return r, http.StatusBadRequest
}

func (s *Server) usageEvent(_ *http.Request, body []byte, _ route) answer {
	var e metering.Event
	if err := json.Unmarshal(body, &e); err != nil {
		return answer{status: http.StatusBadRequest, body: badArgument(usageRequest, "The request body is not a usage event: "+err.Error())}
	}
	r, status := s.meter(e)
	if status == http.StatusOK {
		return answer{status: status, body: r, sub: e.ResourceID}
	}
	return answer{status: status, body: r.Error, sub: e.ResourceID}
}

func (s *Server) batchUsageEvent(_ *http.Request, body []byte, _ route) answer {
	var b metering.Batch
	if err := json.Unmarshal(body, &b); err != nil {
		return answer{status: http.StatusBadRequest, body: badArgument("request", "The request body is not a batch of usage events: "+err.Error())}
	}
	if len(b.Request) == 0 || len(b.Request) > s.meterPol.MaxBatch {
		return answer{status: http.StatusBadRequest, body: badArgument("request", "A batch holds 1 to 25 usage events.")}
	}
	out := struct {
		Count  int               `json:"count"`
		Result []metering.Result `json:"result"`
	}{Count: len(b.Request)}
	for _, e := range b.Request {
		r, _ := s.meter(e)
		out.Result = append(out.Result, r)
	}
	return answer{status: http.StatusOK, body: out}
}

func (s *Server) usageEvents(r *http.Request, _ []byte, _ route) answer {
	q := r.URL.Query()
	from, ok := parseDate(q.Get("usageStartDate"))
	if !ok {
		return answer{status: http.StatusBadRequest, body: badArgument("usageStartDate", "usageStartDate is required: a date and time.")}
	}
	to := s.now.Add(time.Nanosecond)
	if v := q.Get("UsageEndDate"); v != "" {
		if to, ok = parseDate(v); !ok {
			return answer{status: http.StatusBadRequest, body: badArgument("UsageEndDate", "UsageEndDate is not a date and time.")}
		}
	}
	rows := []metering.Row{}
	for _, u := range s.usage {
		res := u.result
		if res.EffectiveStartTime.Before(from) || !res.EffectiveStartTime.Before(to) || !matches(q.Get("offerId"), s.cfg.OfferID) ||
			!matches(q.Get("planId"), res.PlanID) || !matches(q.Get("dimension"), res.Dimension) ||
			!matches(q.Get("reconStatus"), metering.ReconAccepted.String()) {
			continue
		}
		p, _ := s.plan(res.PlanID)
		name := p.DisplayName
		if name == "" {
			name = p.ID
		}
		// The customer's Azure subscription, made up from the SaaS one.
		azure := "a2a2a2a2" + strings.TrimPrefix(res.ResourceID, "00000000")
		rows = append(rows, metering.Row{UsageDate: res.EffectiveStartTime, UsageResourceID: res.ResourceID, Dimension: res.Dimension,
			PlanID: res.PlanID, PlanName: name, AzureSubscriptionID: azure, OfferID: s.cfg.OfferID, OfferName: s.cfg.OfferID, OfferType: "SaaS",
			ReconStatus: metering.ReconAccepted, SubmittedQuantity: res.Quantity, ProcessedQuantity: res.Quantity,
			SubmittedCount: metering.MustParseQuantity("1")})
	}
	return answer{status: http.StatusOK, body: rows}
}

func matches(filter, v string) bool { return filter == "" || strings.EqualFold(filter, v) }

func parseDate(v string) (time.Time, bool) {
	for _, layout := range [...]string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

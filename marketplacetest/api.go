package marketplacetest

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/rule"
)

// answer is a response to write once the lock is released and the
// webhook calls it caused are made.
type answer struct {
	status int
	header http.Header
	body   any
	sub    string
	op     string
}

func errorAnswer(status int, code, msg string) answer {
	return answer{status: status, body: fulfillment.ErrorBody{Code: code, Message: msg}}
}

func badRequest(msg string) answer { return errorAnswer(http.StatusBadRequest, "BadArgument", msg) }
func notFound(msg string) answer   { return errorAnswer(http.StatusNotFound, "NotFound", msg) }

// route is a matched path: its handler by method, and the path's IDs.
type route struct {
	methods map[string]func(*Server, *http.Request, []byte, route) answer
	sub, op string
}

// match finds the handlers of a path under /api.
func match(path string) (route, bool) {
	rest, ok := strings.CutPrefix(path, "/api/")
	if !ok {
		return route{}, false
	}
	switch rest {
	case "usageEvent":
		return route{methods: map[string]func(*Server, *http.Request, []byte, route) answer{http.MethodPost: (*Server).usageEvent}}, true
	case "batchUsageEvent":
		return route{methods: map[string]func(*Server, *http.Request, []byte, route) answer{http.MethodPost: (*Server).batchUsageEvent}}, true
	case "usageEvents":
		return route{methods: map[string]func(*Server, *http.Request, []byte, route) answer{http.MethodGet: (*Server).usageEvents}}, true
	case "saas/subscriptions", "saas/subscriptions/":
		return route{methods: map[string]func(*Server, *http.Request, []byte, route) answer{http.MethodGet: (*Server).list}}, true
	case "saas/subscriptions/resolve":
		return route{methods: map[string]func(*Server, *http.Request, []byte, route) answer{http.MethodPost: (*Server).resolve}}, true
	}
	rest, ok = strings.CutPrefix(rest, "saas/subscriptions/")
	if !ok {
		return route{}, false
	}
	parts := strings.Split(rest, "/")
	if parts[0] == "" {
		return route{}, false
	}
	r := route{sub: parts[0]}
	switch {
	case len(parts) == 1:
		r.methods = map[string]func(*Server, *http.Request, []byte, route) answer{
			http.MethodGet: (*Server).get, http.MethodPatch: (*Server).change, http.MethodDelete: (*Server).cancel}
	case len(parts) == 2 && parts[1] == "listAvailablePlans":
		r.methods = map[string]func(*Server, *http.Request, []byte, route) answer{http.MethodGet: (*Server).plans}
	case len(parts) == 2 && parts[1] == "activate":
		r.methods = map[string]func(*Server, *http.Request, []byte, route) answer{http.MethodPost: (*Server).activate}
	case len(parts) == 2 && parts[1] == "operations":
		r.methods = map[string]func(*Server, *http.Request, []byte, route) answer{http.MethodGet: (*Server).operations}
	case len(parts) == 3 && parts[1] == "operations" && parts[2] != "":
		r.op = parts[2]
		r.methods = map[string]func(*Server, *http.Request, []byte, route) answer{
			http.MethodGet: (*Server).operation, http.MethodPatch: (*Server).acknowledge}
	default:
		return route{}, false
	}
	return r, true
}

// serve answers every request: the route, then the bearer token (401
// without one, 403 with another), then api-version, then the method.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	a := s.answer(r)
	s.flush()
	h := w.Header()
	for k, v := range a.header {
		h[k] = v
	}
	for _, k := range [...]string{"x-ms-requestid", "x-ms-correlationid"} {
		if v := r.Header.Get(k); v != "" {
			h.Set(k, v)
		}
	}
	if a.body == nil {
		w.WriteHeader(a.status)
		return
	}
	b, err := json.Marshal(a.body)
	if err != nil {
		b = []byte(`{"error":{"code":"InternalServerError","message":"marketplacetest: the answer could not be written"}}`)
		a.status = http.StatusInternalServerError
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(a.status)
	_, _ = w.Write(b)
}

func (s *Server) answer(r *http.Request) answer {
	body, readErr := io.ReadAll(io.LimitReader(r.Body, int64(s.pol.MaxBody)+1))
	s.mu.Lock()
	defer s.mu.Unlock()
	rt, ok := match(r.URL.Path)
	var a answer
	switch auth := r.Header.Get("Authorization"); {
	case !ok:
		a = notFound("No HTTP resource was found that matches the request URI.")
	case auth == "":
		a = errorAnswer(http.StatusUnauthorized, "Unauthorized", "The authorization header is missing.")
		a.header = http.Header{"Www-Authenticate": {"Bearer"}}
	case !hasBearer(auth, s.cfg.AccessToken):
		a = errorAnswer(http.StatusForbidden, "Forbidden", "The authentication token is invalid or was not issued for this publisher.")
	case r.URL.Query().Get("api-version") != APIVersion:
		a = badRequest("The api-version query parameter must be " + APIVersion + ".")
	case rt.methods[r.Method] == nil:
		a = errorAnswer(http.StatusMethodNotAllowed, "MethodNotAllowed", "The requested resource does not support http method '"+r.Method+"'.")
		allow := make([]string, 0, len(rt.methods))
		for m := range rt.methods {
			allow = append(allow, m)
		}
		a.header = http.Header{"Allow": {strings.Join(sortStrings(allow), ", ")}}
	case readErr != nil || len(body) > s.pol.MaxBody:
		a = badRequest("The request body could not be read or is too large.")
	default:
		a = rt.methods[r.Method](s, r, body, rt)
		if a.sub == "" {
			a.sub = rt.sub
		}
		if a.op == "" {
			a.op = rt.op
		}
	}
	s.log = append(s.log, Entry{At: s.now, Kind: KindRequest, Method: r.Method, Path: r.URL.Path, Status: a.status,
		SubscriptionID: a.sub, OperationID: a.op})
	return a
}

func hasBearer(header, token string) bool {
	scheme, tok, ok := strings.Cut(header, " ")
	return ok && strings.EqualFold(scheme, "Bearer") && strings.TrimSpace(tok) == token
}

func sortStrings(v []string) []string {
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j] < v[j-1]; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
	return v
}

// decode reads a request body with the fulfillment rules' bounded,
// lenient decoder (FUL-12); its problems make a 400.
func (s *Server) decode(body []byte, v any) (answer, bool) {
	if err := s.pol.Decode(body, v); err != nil {
		return badRequest(errText(err)), false
	}
	return answer{}, true
}

// errText is an error's text: every problem of a rule.Problems.
func errText(err error) string {
	var ps rule.Problems
	if errors.As(err, &ps) {
		return ps.Text(rule.English)
	}
	return err.Error()
}

func (s *Server) resolve(r *http.Request, _ []byte, _ route) answer {
	tok := r.Header.Get("x-ms-marketplace-token")
	if tok == "" {
		return badRequest("The x-ms-marketplace-token header is missing.")
	}
	sub, ok := s.tokens[tok]
	if !ok {
		return badRequest("The x-ms-marketplace-token is malformed or was not issued by the marketplace; URL-decode the landing page's token parameter before resolving it.")
	}
	c, err := s.pol.Land(fulfillment.LandingRequest{Token: tok, Issued: sub.issued, At: s.now})
	if err != nil || !c.Allowed {
		return answer{status: http.StatusBadRequest, body: fulfillment.ErrorBody{Code: "BadRequest", Message: "The x-ms-marketplace-token has expired."}, sub: sub.state.Subscription.ID}
	}
	cur := sub.state.Subscription
	return answer{status: http.StatusOK, sub: cur.ID, body: fulfillment.Resolved{ID: cur.ID, SubscriptionName: cur.Name,
		OfferID: cur.OfferID, PlanID: cur.PlanID, Quantity: cur.Quantity, Subscription: cur}}
}

func (s *Server) list(r *http.Request, _ []byte, _ route) answer {
	from := 0
	if c := r.URL.Query().Get("continuationToken"); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 0 || n > len(s.subs) {
			return badRequest("The continuationToken is not valid.")
		}
		from = n
	}
	to := min(from+s.cfg.PageSize, len(s.subs))
	page := struct {
		Subscriptions []fulfillment.Subscription `json:"subscriptions"`
		NextLink      string                     `json:"@nextLink,omitzero"`
	}{Subscriptions: make([]fulfillment.Subscription, 0, to-from)}
	for _, sub := range s.subs[from:to] {
		page.Subscriptions = append(page.Subscriptions, sub.state.Subscription)
	}
	if to < len(s.subs) {
		page.NextLink = s.URL + "/saas/subscriptions/?continuationToken=" + strconv.Itoa(to) + "&api-version=" + APIVersion
	}
	return answer{status: http.StatusOK, body: page}
}

func (s *Server) find(id string) (*subscription, answer, bool) {
	sub, ok := s.byID[id]
	if !ok {
		return nil, notFound("The subscription " + id + " was not found."), false
	}
	return sub, answer{}, true
}

func (s *Server) get(_ *http.Request, _ []byte, rt route) answer {
	sub, a, ok := s.find(rt.sub)
	if !ok {
		return a
	}
	return answer{status: http.StatusOK, body: sub.state.Subscription}
}

// checkAnswer turns a refused check of the fulfillment rules into the
// API's answer.
func checkAnswer(c fulfillment.Check) answer {
	code := "BadArgument"
	switch c.HTTPStatus {
	case http.StatusNotFound:
		code = "NotFound"
	case http.StatusConflict:
		code = "Conflict"
	}
	return errorAnswer(c.HTTPStatus, code, c.Explain(rule.English))
}

func (s *Server) location(sub, op string) http.Header {
	return http.Header{"Operation-Location": {s.URL + "/saas/subscriptions/" + sub + "/operations/" + op + "?api-version=" + APIVersion}}
}

func (s *Server) change(_ *http.Request, body []byte, rt route) answer {
	sub, a, ok := s.find(rt.sub)
	if !ok {
		return a
	}
	var to fulfillment.SubscriberPlan
	if a, ok := s.decode(body, &to); !ok {
		return a
	}
	cur := sub.state.Subscription
	planID := to.PlanID
	if planID == "" {
		planID = cur.PlanID
	}
	p, known := s.plan(planID)
	if !known {
		return badRequest("The plan " + planID + " is not a plan of the offer.")
	}
	if to.Quantity != 0 && !p.PerUser {
		return badRequest("The plan " + planID + " is not sold by the seat; quantity cannot be set.")
	}
	c, err := s.pol.Change(fulfillment.ChangeRequest{State: sub.state, PlanID: to.PlanID, Quantity: to.Quantity,
		MinQuantity: p.MinQuantity, MaxQuantity: p.MaxQuantity, At: s.now})
	if err != nil {
		return badRequest(err.Error())
	}
	if !c.Allowed {
		return checkAnswer(c)
	}
	act := fulfillment.ChangePlan
	if to.PlanID == "" {
		act, to.PlanID = fulfillment.ChangeQuantity, cur.PlanID
	} else {
		to.Quantity = cur.Quantity
		if !p.PerUser {
			to.Quantity = 0
		}
	}
	op, err := s.operate(sub, act, to, fulfillment.FromPartner, fulfillment.OperationSucceeded)
	if err != nil {
		return badRequest(err.Error())
	}
	return answer{status: http.StatusAccepted, header: s.location(cur.ID, op.ID), op: op.ID}
}

func (s *Server) cancel(_ *http.Request, _ []byte, rt route) answer {
	sub, a, ok := s.find(rt.sub)
	if !ok {
		return a
	}
	c, err := s.pol.Cancel(fulfillment.CancelRequest{Subscription: sub.state.Subscription})
	if err != nil {
		return badRequest(err.Error())
	}
	if !c.Allowed {
		return checkAnswer(c)
	}
	cur := sub.state.Subscription
	op, err := s.operate(sub, fulfillment.Unsubscribe, fulfillment.SubscriberPlan{PlanID: cur.PlanID, Quantity: cur.Quantity},
		fulfillment.FromPartner, fulfillment.OperationSucceeded)
	if err != nil {
		return badRequest(err.Error())
	}
	return answer{status: http.StatusAccepted, header: s.location(cur.ID, op.ID), op: op.ID}
}

func (s *Server) activate(_ *http.Request, body []byte, rt route) answer {
	sub, a, ok := s.find(rt.sub)
	if !ok {
		return a
	}
	var to fulfillment.SubscriberPlan
	if a, ok := s.decode(body, &to); !ok {
		return a
	}
	c, err := s.pol.Activate(fulfillment.ActivateRequest{Subscription: sub.state.Subscription, PlanID: to.PlanID, Quantity: to.Quantity})
	if err != nil {
		return badRequest(errText(err))
	}
	if !c.Allowed {
		return checkAnswer(c)
	}
	st := &sub.state
	p, _ := s.plan(st.Subscription.PlanID)
	start := s.now.Truncate(24 * time.Hour)
	end, err := calendar.AddMonths(start, calendar.Months(p.Term.Months()))
	if err != nil {
		return errorAnswer(http.StatusInternalServerError, "InternalServerError", err.Error())
	}
	st.Subscription.Status = fulfillment.Subscribed
	st.Subscription.Term.Start, st.Subscription.Term.End = start, end
	st.Subscription.LastModified = s.now
	st.Anchor = start
	sub.startTerm()
	return answer{status: http.StatusOK}
}

func (s *Server) plans(r *http.Request, _ []byte, rt route) answer {
	if _, a, ok := s.find(rt.sub); !ok {
		return a
	}
	only := r.URL.Query().Get("planId")
	out := struct {
		Plans []wirePlan `json:"plans"`
	}{Plans: []wirePlan{}}
	for _, p := range s.cfg.Plans {
		if only == "" || only == p.ID {
			out.Plans = append(out.Plans, toWire(p))
		}
	}
	return answer{status: http.StatusOK, body: out}
}

func (s *Server) operations(_ *http.Request, _ []byte, rt route) answer {
	sub, a, ok := s.find(rt.sub)
	if !ok {
		return a
	}
	out := struct {
		Operations []fulfillment.Operation `json:"operations"`
	}{Operations: []fulfillment.Operation{}}
	if o := sub.pending(); o != nil {
		out.Operations = append(out.Operations, o.hook.Operation)
	}
	return answer{status: http.StatusOK, body: out}
}

func (s *Server) operation(_ *http.Request, _ []byte, rt route) answer {
	sub, a, ok := s.find(rt.sub)
	if !ok {
		return a
	}
	o := sub.op(rt.op)
	if o == nil {
		return notFound("The operation " + rt.op + " was not found.")
	}
	return answer{status: http.StatusOK, body: o.hook.Operation}
}

func (s *Server) acknowledge(_ *http.Request, body []byte, rt route) answer {
	sub, a, ok := s.find(rt.sub)
	if !ok {
		return a
	}
	o := sub.op(rt.op)
	if o == nil {
		return notFound("The operation " + rt.op + " was not found.")
	}
	var ack fulfillment.Acknowledgement
	if a, ok := s.decode(body, &ack); !ok {
		return a
	}
	c, err := s.pol.Acknowledge(fulfillment.AckRequest{State: sub.state, OperationID: o.hook.ID, Source: o.hook.Source, Body: ack, At: s.now})
	if err != nil {
		return badRequest(errText(err))
	}
	if !c.Allowed {
		return checkAnswer(c)
	}
	if ack.Status == fulfillment.Failure {
		sub.reject(o)
		return answer{status: http.StatusOK}
	}
	d, err := s.pol.Decide(fulfillment.Request{State: sub.state, Webhook: o.hook, At: s.now})
	if err != nil || !d.Allowed {
		sub.reject(o)
		return answer{status: http.StatusOK}
	}
	s.apply(sub, o, &d)
	return answer{status: http.StatusOK}
}

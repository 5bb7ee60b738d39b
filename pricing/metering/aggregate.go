package metering

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/marketrules/marketrules/rule"
)

// Record is one piece of raw usage, as a publisher's service measures it:
// a resource (a SaaS subscription's ID, or a managed application's
// resource URI, never both), a metering dimension, the instant the usage
// happened and its exact quantity, above zero. Records come in any order;
// [Policy.Aggregate] turns them into hourly events.
type Record struct {
	ResourceID  string    `json:"resourceId,omitempty"`
	ResourceURI string    `json:"resourceUri,omitempty"`
	Dimension   string    `json:"dimension"`
	Time        time.Time `json:"time"`
	Quantity    Quantity  `json:"quantity"`
	// Line is the line of the input the record was read from, for the
	// problems that name it; 0 when there is none (the record's position
	// in the stream is then used).
	Line int `json:"line,omitzero"`
}

// AggregateRequest is what an aggregation needs: the plan the events are
// for, the dimensions it meters, the instant of the aggregation and the
// records.
type AggregateRequest struct {
	// PlanID is the plan of the resources; every event carries it.
	PlanID string `json:"planId"`
	// Dimensions are the plan's metering dimensions: a record of another
	// dimension is refused. Nil accepts every dimension.
	Dimensions []string `json:"dimensions,omitempty"`
	// At is the instant of the aggregation: a record after it is in the
	// future and refused. The zero At checks nothing.
	At time.Time `json:"at,omitzero"`
	// Source names the input in problems: "usage.csv" gives
	// "usage.csv line 12"; without it a problem names the record's
	// position, "records[12]".
	Source string `json:"source,omitempty"`
	// Records is the stream of raw usage; nil is an empty stream.
	Records iter.Seq[Record] `json:"-"`
}

// hourKey is the internal key of an open hour.
type hourKey struct {
	res  string
	uri  bool
	dim  string
	hour int64 // the slot's number since the Unix epoch
}

// hourSum is an open hour's running sum.
type hourSum struct {
	k   hourKey
	sum acc
	n   int64
}

// Aggregator sums raw usage into one event per resource, dimension and
// UTC hour (MTR-02) as records stream through it. Its memory grows with
// the open hours, not with the records: [Aggregator.Flush] hands over and
// forgets the hours that are closed. Two aggregators of the same plan
// merge ([Aggregator.Merge]) into what one pass over both streams gives,
// whatever the order (the merge is associative and commutative), so a
// host can shard records by resource and merge the parts.
//
// An Aggregator is made by [Policy.Aggregator]; the zero Aggregator is
// ready to use, with the default policy, no plan ID and every dimension
// accepted. A nil *Aggregator holds nothing and adds nothing. It is not
// safe for concurrent use.
type Aggregator struct {
	policy   Policy
	req      AggregateRequest
	slot     int64 // seconds
	index    map[hourKey]int
	hours    []hourSum
	problems rule.Problems
	records  int64
	refused  int64
	seen     int64
}

// Aggregator returns an empty aggregator for req; its Records are not
// read (give them to [Aggregator.Add]).
func (p Policy) Aggregator(req AggregateRequest) *Aggregator {
	p = p.norm()
	slot := int64(p.Slot / time.Second)
	if slot < 1 {
		slot = 1
	}
	req.Records = nil
	return &Aggregator{policy: p, req: req, slot: slot, index: make(map[hourKey]int)}
}

var (
	msgTwoResources = rule.Message{English: "the record names a resource ID and a resource URI; give one", Swedish: "posten anger både resurs-ID och resurs-URI; ange en"}
	msgNoResource   = rule.Message{English: "the record names no resource", Swedish: "posten anger ingen resurs"}
	msgUnknownDim   = rule.Message{English: "dimension %q is not one of the plan's", Swedish: "dimensionen %q är inte en av planens"}
	msgNotPositive  = rule.Message{English: "the quantity %v is not above zero", Swedish: "mängden %v är inte större än noll"}
	msgNoTime       = rule.Message{English: "the record has no time", Swedish: "posten saknar tidpunkt"}
	msgFuture       = rule.Message{English: "the time %v is after the aggregation at %v", Swedish: "tidpunkten %v är efter sammanställningen %v"}
	msgOverflow     = rule.Message{English: "the hour's sum would pass 18 significant digits", Swedish: "timmens summa skulle få fler än 18 värdesiffror"}
	msgPlanDiffers  = rule.Message{English: "aggregators of plans %q and %q cannot merge", Swedish: "sammanställningar för planerna %q och %q kan inte slås ihop"}
	msgNoPlan       = rule.Message{English: "no plan is given", Swedish: "ingen plan anges"}
)

// Add adds one record and reports whether it was counted. A record that
// breaks a rule (MTR-01: no resource or both an ID and a URI, a dimension
// not of the plan, a quantity not above zero, no time or a time after
// the aggregation's instant) is left out and becomes a problem naming its
// line or position; the rest still aggregates. Add does not allocate
// unless the record opens a new hour or is refused.
func (a *Aggregator) Add(r Record) bool {
	if a == nil {
		return false
	}
	if a.index == nil {
		*a = *DefaultPolicy().Aggregator(AggregateRequest{})
	}
	a.seen++
	res, uri := r.ResourceID, false
	switch {
	case res != "" && r.ResourceURI != "":
		return a.refuse(r, msgTwoResources)
	case res == "":
		res, uri = r.ResourceURI, true
		if res == "" {
			return a.refuse(r, msgNoResource)
		}
	}
	if a.req.Dimensions != nil && !slices.Contains(a.req.Dimensions, r.Dimension) {
		return a.refuse(r, msgUnknownDim, r.Dimension)
	}
	neg, c, s := r.Quantity.parts()
	switch {
	case neg || c == 0:
		return a.refuse(r, msgNotPositive, r.Quantity)
	case r.Time.IsZero():
		return a.refuse(r, msgNoTime)
	case !a.req.At.IsZero() && r.Time.After(a.req.At):
		return a.refuse(r, msgFuture, r.Time, a.req.At)
	}
	k := hourKey{res: res, uri: uri, dim: r.Dimension, hour: floorDiv(r.Time.Unix(), a.slot)}
	i, ok := a.index[k]
	if !ok {
		i = len(a.hours)
		a.hours = append(a.hours, hourSum{k: k})
		a.index[k] = i
	}
	h := &a.hours[i]
	if !h.sum.add(c, s) {
		return a.refuse(r, msgOverflow)
	}
	h.n++
	a.records++
	return true
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// refuse counts a refused record and keeps its problem while there is
// room.
func (a *Aggregator) refuse(r Record, msg rule.Message, args ...any) bool {
	a.refused++
	if len(a.problems) < a.policy.MaxProblems {
		var path string
		switch {
		case r.Line > 0 && a.req.Source != "":
			path = fmt.Sprintf("%s line %d", a.req.Source, r.Line)
		case r.Line > 0:
			path = fmt.Sprintf("line %d", r.Line)
		default:
			path = index("records", int(a.seen-1))
		}
		problem(&a.problems, ruleMTR01, path, ErrRecord, msg, args...)
	}
	return false
}

// addAll adds every record of seq, as [Aggregator.Add] does; a nil seq
// adds nothing.
func (a *Aggregator) addAll(seq iter.Seq[Record]) {
	if a == nil || seq == nil {
		return
	}
	for r := range seq {
		a.Add(r)
	}
}

// open returns the number of open hours.
func (a *Aggregator) open() int {
	if a == nil {
		return 0
	}
	return len(a.hours)
}

// Merge adds b's hours, counts and problems to a, leaving b unchanged.
// Merging is associative and commutative in the events it gives: a host
// can aggregate shards separately and merge them in any order. The
// aggregators must be of the same plan, else a problem is returned and
// a is unchanged.
func (a *Aggregator) Merge(b *Aggregator) error {
	if a == nil || b == nil || b.index == nil {
		return nil
	}
	if a.index == nil {
		*a = *DefaultPolicy().Aggregator(b.req)
	}
	if a.req.PlanID != b.req.PlanID {
		var ps rule.Problems
		problem(&ps, ruleMTR02, "planId", ErrRecord, msgPlanDiffers, a.req.PlanID, b.req.PlanID)
		return ps.Err()
	}
	var ps rule.Problems
	for _, h := range b.hours {
		i, ok := a.index[h.k]
		if !ok {
			i = len(a.hours)
			a.hours = append(a.hours, hourSum{k: h.k})
			a.index[h.k] = i
		}
		if !a.hours[i].sum.add(h.sum.c, int(h.sum.s)) {
			problem(&ps, ruleMTR02, h.k.res, ErrQuantity, msgOverflow)
			continue
		}
		a.hours[i].n += h.n
	}
	a.records += b.records
	a.refused += b.refused
	a.seen += b.seen
	room := max(a.policy.MaxProblems-len(a.problems), 0)
	a.problems = append(a.problems, b.problems[:min(room, len(b.problems))]...)
	return ps.Err()
}

// Flush returns the events of the hours that end at or before the
// instant before, with the problems found since the last flush, and
// forgets them: a host that reads records in time order flushes as time
// passes, and the aggregator's memory stays within the open hours.
func (a *Aggregator) Flush(before time.Time) Aggregation {
	if a == nil || a.index == nil {
		return Aggregation{Rule: ruleMTR02, Reason: ReasonAggregated}
	}
	limit := floorDiv(before.Unix(), a.slot) // hours numbered below limit have ended
	var done, open []hourSum
	for _, h := range a.hours {
		if h.k.hour < limit {
			done = append(done, h)
		} else {
			open = append(open, h)
		}
	}
	out := a.answer(done)
	a.hours = open
	clear(a.index)
	for i, h := range a.hours {
		a.index[h.k] = i
	}
	a.problems, a.records, a.refused = nil, 0, 0
	return out
}

// Result returns the events of every open hour, the counts and the
// problems, without forgetting anything.
func (a *Aggregator) Result() Aggregation {
	if a == nil || a.index == nil {
		return Aggregation{Rule: ruleMTR02, Reason: ReasonAggregated}
	}
	return a.answer(a.hours)
}

// answer builds the aggregation of hours, sorted by resource, dimension
// and hour.
func (a *Aggregator) answer(hours []hourSum) Aggregation {
	hs := slices.Clone(hours)
	slices.SortFunc(hs, func(x, y hourSum) int {
		return cmp.Or(strings.Compare(x.k.res, y.k.res), strings.Compare(x.k.dim, y.k.dim), cmp.Compare(x.k.hour, y.k.hour))
	})
	out := Aggregation{Rule: ruleMTR02, Reason: ReasonAggregated, Records: a.records, Refused: a.refused,
		Problems: slices.Clone(a.problems)}
	if a.refused > 0 {
		out.Reason = ReasonAggregatedWithRefusals
	}
	out.Events = make([]Event, len(hs))
	for i, h := range hs {
		e := Event{Dimension: h.k.dim, Quantity: h.sum.quantity(), PlanID: a.req.PlanID,
			EffectiveStartTime: time.Unix(h.k.hour*a.slot, 0).UTC()}
		if h.k.uri {
			e.ResourceURI = h.k.res
		} else {
			e.ResourceID = h.k.res
		}
		out.Events[i] = e
		out.Quantity, _ = out.Quantity.Add(e.Quantity)
	}
	return out
}

// Aggregate sums req.Records into one event per resource, dimension and
// UTC hour (MTR-02) in one pass, with memory bounded by the open hours.
// Records that break a rule are left out and reported (see
// [Aggregator.Add]); the error is for an invalid request only: no plan.
func (p Policy) Aggregate(req AggregateRequest) (Aggregation, error) {
	if strings.TrimSpace(req.PlanID) == "" {
		var ps rule.Problems
		problem(&ps, ruleMTR01, "planId", ErrRecord, msgNoPlan)
		return Aggregation{Rule: ruleMTR02}, ps.Err()
	}
	a := p.Aggregator(req)
	a.addAll(req.Records)
	return a.Result(), nil
}

// Aggregation is the answer of an aggregation: the hourly events, in the
// order of resource, dimension and hour, with how many records they sum
// and how many were refused, and the problems of the refused ones (at
// most the policy's MaxProblems; Refused counts them all).
type Aggregation struct {
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Events holds one event per resource, dimension and UTC hour: its
	// EffectiveStartTime is the start of the hour, its Quantity the exact
	// sum of the hour's records.
	Events []Event `json:"events,omitempty"`
	// Quantity is the sum of every event's quantity.
	Quantity Quantity `json:"quantity"`
	// Records is the number of records summed; Refused the number left
	// out.
	Records int64 `json:"records"`
	Refused int64 `json:"refused"`
	// Problems says why records were left out.
	Problems rule.Problems `json:"problems,omitempty"`
}

var (
	msgAggregated = rule.Message{English: "%d records summed into %d hourly events, %v in all (%s).", Swedish: "%d poster summerade till %d timhändelser, %v totalt (%s)."}
	msgRefused    = rule.Message{English: "%d records left out (%s):", Swedish: "%d poster utelämnade (%s):"}
)

// Explain renders the aggregation in lang, each problem on its own line.
func (g Aggregation) Explain(lang rule.Language) string {
	var b strings.Builder
	b.WriteString(msgAggregated.Render(lang, g.Records, len(g.Events), qtext(lang, g.Quantity), string(g.Rule)))
	if g.Refused > 0 {
		b.WriteByte('\n')
		b.WriteString(msgRefused.Render(lang, g.Refused, string(ruleMTR01)))
		for _, p := range g.Problems {
			b.WriteString("\n  ")
			b.WriteString(p.Text(lang))
		}
	}
	return b.String()
}

// String returns the English explanation.
func (g Aggregation) String() string { return g.Explain(rule.English) }

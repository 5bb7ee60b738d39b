package metering

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/marketrules/marketrules/rule"
)

// ReconcileRequest is what reconciliation needs: the events delivered
// (Accepted, or the accepted event of a Duplicate) and the usage-event
// retrieval's rows for the same days.
type ReconcileRequest struct {
	Delivered []Event `json:"delivered"`
	Rows      []Row   `json:"rows"`
}

// Mismatch is a difference between what was delivered and what the
// retrieval reports for a resource, dimension and UTC day (MTR-06): the
// quantity delivered, the row's submitted and processed quantities and
// status; Reason says which difference.
type Mismatch struct {
	Resource    string      `json:"resource"`
	Dimension   string      `json:"dimension"`
	Day         time.Time   `json:"day"`
	Delivered   Quantity    `json:"delivered"`
	Submitted   Quantity    `json:"submitted"`
	Processed   Quantity    `json:"processed"`
	ReconStatus ReconStatus `json:"reconStatus"`
	Rule        rule.ID     `json:"rule"`
	Reason      rule.Reason `json:"reason"`
}

var msgMismatch = map[rule.Reason]rule.Message{
	ReasonMissing:          {English: "Missing: %[1]s of %[2]q for %[3]s on %[4]s was delivered, but the retrieval has no row (%[6]s).", Swedish: "Saknas: %[1]s av %[2]q för %[3]s den %[4]s levererades, men hämtningen har ingen rad (%[6]s)."},
	ReasonUnexpected:       {English: "Not sent: the retrieval reports %[5]s of %[2]q for %[3]s on %[4]s, which was not delivered (%[6]s).", Swedish: "Inte skickad: hämtningen anger %[5]s av %[2]q för %[3]s den %[4]s, som inte levererades (%[6]s)."},
	ReasonSubmittedDiffers: {English: "Submitted differs: %[1]s of %[2]q for %[3]s on %[4]s was delivered, the retrieval says %[5]s submitted (%[6]s).", Swedish: "Inskickat skiljer sig: %[1]s av %[2]q för %[3]s den %[4]s levererades, hämtningen anger %[5]s inskickat (%[6]s)."},
	ReasonNotProcessed:     {English: "Not processed: %[5]s of %[2]q for %[3]s on %[4]s submitted, %[7]s processed, status %[8]s (%[6]s).", Swedish: "Inte behandlad: %[5]s av %[2]q för %[3]s den %[4]s inskickat, %[7]s behandlat, status %[8]s (%[6]s)."},
}

// explain renders the mismatch in lang.
func (m Mismatch) explain(lang rule.Language) string {
	msg, ok := msgMismatch[m.Reason]
	if !ok {
		msg = msgMismatch[ReasonNotProcessed]
	}
	return msg.Render(lang, qtext(lang, m.Delivered), m.Dimension, m.Resource, m.Day.Format(time.DateOnly),
		qtext(lang, m.Submitted), string(m.Rule), qtext(lang, m.Processed), m.ReconStatus.String())
}

// Reconciliation is the answer of [Policy.Reconcile]: how many resource,
// dimension and day keys match, and each mismatch in the order of
// resource, dimension and day.
type Reconciliation struct {
	Rule       rule.ID     `json:"rule"`
	Reason     rule.Reason `json:"reason"`
	Matched    int         `json:"matched"`
	Mismatches []Mismatch  `json:"mismatches,omitempty"`
}

var msgReconciled = rule.Message{English: "%d days match, %d differ (%s).", Swedish: "%d dagar stämmer, %d skiljer sig (%s)."}

// Explain renders the reconciliation in lang, a mismatch per line.
func (r Reconciliation) Explain(lang rule.Language) string {
	var b strings.Builder
	b.WriteString(msgReconciled.Render(lang, r.Matched, len(r.Mismatches), string(r.Rule)))
	for _, m := range r.Mismatches {
		b.WriteString("\n  ")
		b.WriteString(m.explain(lang))
	}
	return b.String()
}

// String returns the English explanation.
func (r Reconciliation) String() string { return r.Explain(rule.English) }

// Reconcile compares the events delivered with the usage-event
// retrieval's rows (MTR-06), per resource, dimension and UTC day: the
// delivered quantities of a day are summed exactly and compared with the
// row's submitted quantity; a row whose processed quantity differs from
// its submitted one, or whose status is Rejected or Mismatch, is reported
// as not processed. A day delivered without a row is Missing; a row for a
// day nothing was delivered for is Unexpected. Two rows for one key are
// summed.
func (p Policy) Reconcile(req ReconcileRequest) (Reconciliation, error) {
	type dayKey struct {
		res, dim string
		day      int64
	}
	dayOf := func(t time.Time) int64 { return floorDiv(t.Unix(), 86400) }
	type sums struct {
		delivered, submitted, processed Quantity
		sent, row                       bool
		status                          ReconStatus
	}
	m := map[dayKey]*sums{}
	get := func(k dayKey) *sums {
		s := m[k]
		if s == nil {
			s = &sums{}
			m[k] = s
		}
		return s
	}
	var ps rule.Problems
	for i, e := range req.Delivered {
		s := get(dayKey{e.Resource(), e.Dimension, dayOf(e.EffectiveStartTime)})
		var err error
		if s.delivered, err = s.delivered.Add(e.Quantity); err != nil {
			problem(&ps, ruleMTR06, join(index("delivered", i), "quantity"), ErrQuantity, msgOverflow)
		}
		s.sent = true
	}
	for i, r := range req.Rows {
		s := get(dayKey{r.UsageResourceID, r.Dimension, dayOf(r.UsageDate)})
		var e1, e2 error
		s.submitted, e1 = s.submitted.Add(r.SubmittedQuantity)
		s.processed, e2 = s.processed.Add(r.ProcessedQuantity)
		if e1 != nil || e2 != nil {
			problem(&ps, ruleMTR06, index("rows", i), ErrQuantity, msgOverflow)
		}
		s.row = true
		if r.ReconStatus == ReconRejected || r.ReconStatus == ReconMismatch || s.status == 0 {
			s.status = r.ReconStatus
		}
	}
	if err := ps.Err(); err != nil {
		return Reconciliation{Rule: ruleMTR06}, err
	}
	keys := make([]dayKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b dayKey) int {
		return cmp.Or(strings.Compare(a.res, b.res), strings.Compare(a.dim, b.dim), cmp.Compare(a.day, b.day))
	})
	out := Reconciliation{Rule: ruleMTR06, Reason: ReasonReconciled}
	for _, k := range keys {
		s := m[k]
		mm := Mismatch{Resource: k.res, Dimension: k.dim, Day: time.Unix(k.day*86400, 0).UTC(), Delivered: s.delivered,
			Submitted: s.submitted, Processed: s.processed, ReconStatus: s.status, Rule: ruleMTR06}
		switch {
		case !s.row:
			mm.Reason = ReasonMissing
		case !s.sent:
			mm.Reason = ReasonUnexpected
		case !s.delivered.Equal(s.submitted):
			mm.Reason = ReasonSubmittedDiffers
		case !s.processed.Equal(s.submitted) || s.status == ReconRejected || s.status == ReconMismatch:
			mm.Reason = ReasonNotProcessed
		default:
			out.Matched++
			continue
		}
		out.Mismatches = append(out.Mismatches, mm)
	}
	if len(out.Mismatches) > 0 {
		out.Reason = out.Mismatches[0].Reason
	}
	return out, nil
}

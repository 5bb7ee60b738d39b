package ingestion

import (
	"fmt"
	"strings"
	"time"

	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/rule"
)

// JobStatus is where a configure job is (ING-03). The zero JobStatus is
// unset.
type JobStatus uint8

// The job statuses.
const (
	NotStarted JobStatus = iota + 1
	Running
	Completed
)

var jobStatusNames = enum.Names[JobStatus]{Type: "job status", Names: []string{"", "notStarted", "running", "completed"}}

// String returns "notStarted", "running" or "completed", as the API writes
// them.
func (s JobStatus) String() string { return jobStatusNames.String(s) }

// MarshalText implements [encoding.TextMarshaler].
func (s JobStatus) MarshalText() ([]byte, error) { return jobStatusNames.Marshal(s) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *JobStatus) UnmarshalText(b []byte) error { return jobStatusNames.Unmarshal(b, s) }

// JobResult is how a configure job ended (ING-03). The zero JobResult is
// unset.
type JobResult uint8

// The job results.
const (
	Pending JobResult = iota + 1
	Succeeded
	Failed
)

var jobResultNames = enum.Names[JobResult]{Type: "job result", Names: []string{"", "pending", "succeeded", "failed"}}

// String returns "pending", "succeeded" or "failed", as the API writes them.
func (r JobResult) String() string { return jobResultNames.String(r) }

// MarshalText implements [encoding.TextMarshaler].
func (r JobResult) MarshalText() ([]byte, error) { return jobResultNames.Marshal(r) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (r *JobResult) UnmarshalText(b []byte) error { return jobResultNames.Unmarshal(b, r) }

// Job is the status of a configure job (ING-03): its ID, status, result,
// start and end, and its errors, each mapped to the resource of the
// submitted tree it concerns.
type Job struct {
	ID     string    `json:"jobId"`
	Status JobStatus `json:"jobStatus"`
	Result JobResult `json:"jobResult"`
	// Start and End are the job's instants; End is zero while it runs
	// (the API writes "0001-01-01").
	Start  time.Time  `json:"jobStart,omitzero"`
	End    time.Time  `json:"jobEnd,omitzero"`
	Errors []JobError `json:"errors,omitempty"`
}

// JobError is one error of a configure job.
type JobError struct {
	// Code is the API's error code: "businessValidationError",
	// "collectionLimitExceeded", "invalidId", "invalidEntityStatus",
	// "invalidRequest", "invalidResource", "invalidState", "notDeployed",
	// "notSupported", "operationCanceled", "productLocked",
	// "resourceNotFound" or "schemaValidationError" (a code not listed
	// here is kept as it is).
	Code    string `json:"code"`
	Message string `json:"message,omitempty"`
	// ResourceID is the error's resource reference as the API wrote it: a
	// durable ID, or an external ID or resource name.
	ResourceID string `json:"resourceId,omitempty"`
	// Found says the reference names a resource of the tree given to
	// Policy.DecodeJob; Resource is that resource.
	Found    bool       `json:"found"`
	Resource Resource   `json:"resource,omitzero"`
	Details  []JobError `json:"details,omitempty"`
}

// Done reports whether the job has completed, successfully or not.
func (j Job) Done() bool { return j.Status == Completed }

// String returns the job in English, one error a line.
func (j Job) String() string { return j.Explain(rule.English) }

// Explain renders the job in lang: its status and result, then each error
// with its code, resource and message.
func (j Job) Explain(lang rule.Language) string {
	var b strings.Builder
	b.WriteString(msgJob.Render(lang, j.ID, j.Status.String(), j.Result.String(), len(j.Errors)))
	var walk func(es []JobError, indent string)
	walk = func(es []JobError, indent string) {
		for _, e := range es {
			where := e.ResourceID
			if e.Found {
				where = e.Resource.ref()
			}
			fmt.Fprintf(&b, "\n%s%s %s: %s", indent, e.Code, where, e.Message)
			walk(e.Details, indent+"  ")
		}
	}
	walk(j.Errors, "  ")
	return b.String()
}

// DecodeJob reads a configure job's status (the response of POST
// configure and of GET configure/<jobId>/status) and maps each error to
// the resource of t it concerns, matched by durable ID, resource name or
// external ID (ING-03). Decoding is lenient: unknown members are ignored;
// an unknown status or result is a problem and stays unset.
func (p Policy) DecodeJob(data []byte, t Tree) (Job, error) {
	var j Job
	root, ps := p.parse(data)
	if root == nil {
		return j, ps.Err()
	}
	j.ID = str(root, "jobId")
	if err := jobStatusNames.Unmarshal([]byte(str(root, "jobStatus")), &j.Status); err != nil {
		ps.Append(rule.Problem{Rule: ing03, Path: "jobStatus", Message: msgValue, Args: []any{str(root, "jobStatus")}, Err: ErrUnmapped})
	}
	if err := jobResultNames.Unmarshal([]byte(str(root, "jobResult")), &j.Result); err != nil {
		ps.Append(rule.Problem{Rule: ing03, Path: "jobResult", Message: msgValue, Args: []any{str(root, "jobResult")}, Err: ErrUnmapped})
	}
	var ok bool
	if j.Start, ok = jobTime(str(root, "jobStart")); !ok {
		ps.Append(rule.Problem{Rule: ing03, Path: "jobStart", Message: msgValue, Args: []any{str(root, "jobStart")}, Err: ErrUnmapped})
	}
	if j.End, ok = jobTime(str(root, "jobEnd")); !ok {
		ps.Append(rule.Problem{Rule: ing03, Path: "jobEnd", Message: msgValue, Args: []any{str(root, "jobEnd")}, Err: ErrUnmapped})
	}
	if es, ok := root.get("errors"); ok && es.kind == 'a' {
		j.Errors = jobErrors(es, &t, 0)
	}
	return j, ps.Err()
}

func jobErrors(es *node, t *Tree, depth int) []JobError {
	var out []JobError
	for i := range es.kids {
		n := &es.kids[i]
		if n.kind != 'o' {
			continue
		}
		e := JobError{Code: str(n, "code"), Message: str(n, "message")}
		ref, ok := n.get("resourceId")
		if !ok {
			ref, ok = n.get("resource")
		}
		if ok {
			e.ResourceID, e.Resource, e.Found = t.find(ref)
		}
		if ds, ok := n.get("details"); ok && ds.kind == 'a' && depth < 16 {
			e.Details = jobErrors(ds, t, depth+1)
		}
		out = append(out, e)
	}
	return out
}

// find resolves a resource reference against the tree.
func (t *Tree) find(ref *node) (string, Resource, bool) {
	var text, ext, name string
	switch ref.kind {
	case 's':
		text = ref.str
	case 'o':
		ext, name = str(ref, "externalId"), str(ref, "resourceName")
		text = ext
		if text == "" {
			text = name
		}
	}
	for _, r := range t.Resources {
		switch {
		case text != "" && ref.kind == 's' && (r.ID == text || r.Name == text):
			return text, r, true
		case name != "" && r.Name == name:
			return text, r, true
		case ext != "" && r.Type == "plan" && r.Plan == ext:
			return text, r, true
		case ext != "" && r.Type == "product" && t.Offer.ID == ext:
			return text, r, true
		}
	}
	return text, Resource{}, false
}

// jobTime reads the API's instants: RFC 3339 (with up to 7 fractional
// digits), a bare date ("0001-01-01" for "not yet"), or a date and time
// without zone (UTC).
func jobTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() <= 1 {
				return time.Time{}, true
			}
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

var msgJob = rule.Message{English: "job %s: %s, %s, %d errors", Swedish: "jobb %s: %s, %s, %d fel"}

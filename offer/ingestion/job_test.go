package ingestion

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// ING-03: a configure job reports its status, result and errors with a
// code and the resource they concern.
func TestING03(t *testing.T) {
	tree, err := DefaultPolicy().Decode(readTestdata(t, "saas-tree.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		in       string
		want     Job
		problems []problemWant
	}{
		{name: "accepted", in: `{"$schema":"https://schema.mp.microsoft.com/schema/configure-status/2022-03-01-preview2","jobId":"c32dd7e8-8619-462d-a96b-0ac1974bace5","jobStatus":"notStarted","jobResult":"pending","jobStart":"2021-12-21T21:29:54.9702903Z","jobEnd":"0001-01-01","errors":[]}`,
			want: Job{ID: "c32dd7e8-8619-462d-a96b-0ac1974bace5", Status: NotStarted, Result: Pending, Start: time.Date(2021, 12, 21, 21, 29, 54, 970290300, time.UTC)}},
		{name: "failed", in: `{"jobId":"j2","jobStatus":"completed","jobResult":"failed","jobStart":"2021-12-21T21:29:54Z","jobEnd":"2021-12-21T21:31:02Z","errors":[
			{"code":"businessValidationError","message":"The price is not allowed.","resourceId":"price-and-availability-plan/7ba807c8-386a-4efe-80f1-b97bf8a554f8/a5b0f1e2-6e47-4ad4-9a0a-6c2a8e0b7d11"},
			{"code":"schemaValidationError","message":"Required property missing.","resourceId":{"externalId":"fabrikam-enterprise"},"details":[{"code":"invalidResource","message":"name"}]},
			{"code":"productLocked","message":"Another submission is in progress."},
			{"code":"resourceNotFound","message":"?","resourceId":"plan/nope"}]}`,
			want: Job{ID: "j2", Status: Completed, Result: Failed,
				Start: time.Date(2021, 12, 21, 21, 29, 54, 0, time.UTC), End: time.Date(2021, 12, 21, 21, 31, 2, 0, time.UTC),
				Errors: []JobError{
					{Code: "businessValidationError", Message: "The price is not allowed.", ResourceID: tree.Resources[7].ID, Found: true, Resource: tree.Resources[7]},
					{Code: "schemaValidationError", Message: "Required property missing.", ResourceID: "fabrikam-enterprise", Found: true, Resource: tree.Resources[8],
						Details: []JobError{{Code: "invalidResource", Message: "name"}}},
					{Code: "productLocked", Message: "Another submission is in progress."},
					{Code: "resourceNotFound", Message: "?", ResourceID: "plan/nope"},
				}}},
		{name: "unknown status", in: `{"jobId":"j3","jobStatus":"sleeping","jobResult":"meh","jobStart":"yesterday"}`,
			want:     Job{ID: "j3"},
			problems: []problemWant{{ing03, "jobStatus", ErrUnmapped}, {ing03, "jobResult", ErrUnmapped}, {ing03, "jobStart", ErrUnmapped}}},
		{name: "not JSON", in: `{"jobId":`, problems: []problemWant{{"", "", ErrSyntax}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			job, err := DefaultPolicy().DecodeJob([]byte(tt.in), tree)
			if d := cmp.Diff(tt.problems, problemsOf(t, err), cmp.AllowUnexported(problemWant{}), problemCmp); d != "" {
				t.Errorf("problems (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.want, job); d != "" {
				t.Errorf("job (-want +got):\n%s", d)
			}
			if _, err := json.Marshal(job); err != nil {
				t.Errorf("Marshal: %v", err)
			}
		})
	}
	job, _ := DefaultPolicy().DecodeJob([]byte(tests[1].in), tree)
	s := job.String()
	for _, want := range []string{"job j2: completed, failed, 4 errors", "businessValidationError resources[7] (price-and-availability-plan/", "    invalidResource"} {
		if !strings.Contains(s, want) {
			t.Errorf("String() lacks %q:\n%s", want, s)
		}
	}
	if !job.Done() {
		t.Error("Done() = false for a completed job")
	}
}

package rule_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marketrules/marketrules/rule"
)

// Two errors from Problems.Err compare with == without panicking, and an
// error compares equal to itself.
func TestProblems_ErrComparable(t *testing.T) {
	var a, b rule.Problems
	a.Add(rule.PLN01, "plans[0].id", noPlan)
	b.Add(rule.PLN01, "plans[0].id", noPlan)
	e1, e2 := a.Err(), b.Err()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("comparing two Problems errors panicked: %v", r)
		}
	}()
	if e1 == e2 {
		t.Error("two distinct errors compare equal")
	}
	if e1 != e1 { //nolint:staticcheck // the point of the test
		t.Error("an error does not equal itself")
	}
	m := map[error]int{e1: 1, e2: 2} // usable as a map key
	if len(m) != 2 {
		t.Errorf("map of errors has %d keys", len(m))
	}
	var p *rule.Problems
	if !errors.As(e1, &p) || (*p)[0].Rule != rule.PLN01 {
		t.Errorf("errors.As(*Problems target) = %v", p)
	}
	if p.As(nil) || (*rule.Problems)(nil).As(&a) || p.As(new(rule.Problem)) {
		t.Error("As accepted a target it cannot fill")
	}
}

// Add keeps the first MaxProblems problems and counts the rest in one
// summary problem; Error, Text and JSON say how many more there were.
func TestProblems_Cap(t *testing.T) {
	var ps rule.Problems
	for i := range rule.MaxProblems + 5 {
		ps.Add(rule.PLN01, fmt.Sprintf("plans[%d].id", i), noPlan)
	}
	if len(ps) != rule.MaxProblems+1 || ps.Len() != rule.MaxProblems+5 || ps.More() != 5 {
		t.Fatalf("len %d, Len %d, More %d; want %d, %d, 5", len(ps), ps.Len(), ps.More(), rule.MaxProblems+1, rule.MaxProblems+5)
	}
	last := ps[len(ps)-1]
	if !errors.Is(last, rule.ErrTooManyProblems) || last.Text(rule.English) != "and 5 more problems" ||
		last.Text(rule.Swedish) != "och 5 problem till" {
		t.Errorf("summary = %q / %q", last.Text(rule.English), last.Text(rule.Swedish))
	}
	if e := ps.Error(); !strings.HasPrefix(e, "105 problems: plans[0].id: no plan (PLN-01); ") || !strings.HasSuffix(e, "; and 5 more problems") {
		t.Errorf("Error() = …%q", e[len(e)-60:])
	}
	if txt := ps.Text(rule.English); !strings.HasSuffix(txt, "plans[99].id: no plan (PLN-01)\nand 5 more problems\n") {
		t.Errorf("Text() ends %q", txt[len(txt)-60:])
	}
	if js := string(ps.JSON(rule.English)); !strings.HasSuffix(js, `,{"code":"more-problems","message":"and 5 more problems","more":5}]`) {
		t.Errorf("JSON ends %q", js[len(js)-80:])
	}
	if !errors.Is(ps.Err(), rule.ErrTooManyProblems) {
		t.Error("errors.Is(err, ErrTooManyProblems) = false")
	}
	if ps.Has("") || len(ps.Rules()) != 1 {
		t.Errorf("the summary counts as a rule: Has(\"\") %v, Rules %v", ps.Has(""), ps.Rules())
	}

	// One more problem counted, "1 more problem" in the singular.
	var one rule.Problems
	for range rule.MaxProblems + 1 {
		one.Add(rule.PLN02, "x", noPlan)
	}
	if got := one[len(one)-1].Text(rule.English); got != "and 1 more problem" {
		t.Errorf("summary of one = %q", got)
	}

	// Appending a capped list adds its count.
	var merged rule.Problems
	merged.Append(ps...)
	merged.Append(one...)
	if merged.Len() != ps.Len()+one.Len() || len(merged) != rule.MaxProblems+1 {
		t.Errorf("merged: len %d, Len %d; want %d, %d", len(merged), merged.Len(), rule.MaxProblems+1, ps.Len()+one.Len())
	}
	// A summary appended to a short list stays a summary.
	var short rule.Problems
	short.Add(rule.PLN01, "a", noPlan)
	short.Append(ps[len(ps)-1])
	if short.Len() != 6 || short.More() != 5 {
		t.Errorf("short: Len %d More %d", short.Len(), short.More())
	}
	// Nothing happens on a nil *Problems.
	var nilPS *rule.Problems
	nilPS.Add(rule.PLN01, "", noPlan)
	nilPS.Append(rule.Problem{})
	if rule.Problems(nil).Len() != 0 || rule.Problems(nil).More() != 0 {
		t.Error("empty list has a length")
	}
}

// Code is the message key, else the sentinel's code or words, else the
// English message's words.
func TestProblem_Code(t *testing.T) {
	tests := []struct {
		p    rule.Problem
		want string
	}{
		{rule.Problem{Message: rule.Message{Key: "plan-id-too-long", English: "x"}, Err: errTest}, "plan-id-too-long"},
		{rule.Problem{Message: tooLong, Err: errTest}, "test-sentinel"},
		{rule.Problem{Message: tooLong, Err: codedErr{}}, "coded"},
		{rule.Problem{Message: tooLong}, "characters-at-most"},
		{rule.Problem{Message: rule.Message{English: "%q is not a GUID (want xxxxxxxx-xxxx)"}}, "is-not-a-guid-want-xxxxxxxx-xxxx"},
		{rule.Problem{Message: rule.Message{English: strings.Repeat("word ", 30)}}, strings.TrimSuffix(strings.Repeat("word-", 10), "-")},
		{rule.Problem{Message: rule.Message{English: "%d %s"}}, "invalid"},
		{rule.Problem{Err: errors.New(": :")}, "invalid"},
		{rule.Problem{}, "invalid"},
	}
	for _, tt := range tests {
		if got := tt.p.Code(); got != tt.want {
			t.Errorf("Code(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

type codedErr struct{}

func (codedErr) Error() string { return "coded error" }
func (codedErr) Code() string  { return "coded" }

// The JSON form: rule, path, code and message in a chosen language;
// English by default; it decodes back to the same text and codes.
func TestProblems_JSON(t *testing.T) {
	ps := rule.Problems{
		{Rule: rule.PLN02, Path: "plans[3].name", Message: tooLong, Args: []any{1200, 50}, Err: errTest},
		{Path: "audience.csv line 2", Message: rule.Message{Key: "pct", English: "100%% \"done\""}},
	}
	wantEN := `[{"rule":"PLN-02","path":"plans[3].name","code":"test-sentinel","message":"1,200 characters; at most 50"},` +
		`{"path":"audience.csv line 2","code":"pct","message":"100% \"done\""}]`
	b, err := json.Marshal(ps)
	if err != nil || string(b) != wantEN {
		t.Errorf("json.Marshal = %s, %v\nwant %s", b, err, wantEN)
	}
	wantSV := `[{"rule":"PLN-02","path":"plans[3].name","code":"test-sentinel","message":"1` + "\u00a0" + `200 tecken; högst 50"},`
	if got := string(ps.JSON(rule.Swedish)); !strings.HasPrefix(got, wantSV) {
		t.Errorf("JSON(Swedish) = %s", got)
	}
	if b, _ := json.Marshal(rule.Localized{Problems: ps, Language: rule.Swedish}); !strings.HasPrefix(string(b), wantSV) {
		t.Errorf("Localized = %s", b)
	}
	var back rule.Problems
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if again, _ := json.Marshal(back); string(again) != wantEN {
		t.Errorf("round trip = %s\nwant %s", again, wantEN)
	}
	if back[0].Text(rule.English) != "plans[3].name: 1,200 characters; at most 50 (PLN-02)" {
		t.Errorf("decoded problem renders %q", back[0].Text(rule.English))
	}
	var one rule.Problem
	if err := json.Unmarshal([]byte(`{"rule":"PLN-01","code":"c","message":"m"}`), &one); err != nil ||
		one.Rule != rule.PLN01 || one.Code() != "c" || one.Error() != "m (PLN-01)" {
		t.Errorf("Problem.UnmarshalJSON = %+v, %v", one, err)
	}
	if b, err := json.Marshal(one); err != nil || string(b) != `{"rule":"PLN-01","code":"c","message":"m"}` {
		t.Errorf("Problem.MarshalJSON = %s, %v", b, err)
	}
	for _, bad := range []string{`{`, `[1]`, `{"rule":1}`} {
		if json.Unmarshal([]byte(bad), &back) == nil || json.Unmarshal([]byte(bad), &one) == nil {
			t.Errorf("Unmarshal(%s) succeeded", bad)
		}
	}
	var loc rule.Localized
	if err := json.Unmarshal([]byte(wantEN), &loc); err != nil || len(loc.Problems) != 2 {
		t.Errorf("Localized.UnmarshalJSON = %v, %v", loc, err)
	}
}

// Zero values marshal and round-trip; a capped list round-trips with its
// count.
func TestProblems_JSONZeroAndCapped(t *testing.T) {
	for _, in := range []string{`[]`, `null`} {
		var ps rule.Problems
		if err := json.Unmarshal([]byte(in), &ps); err != nil || ps != nil {
			t.Errorf("Unmarshal(%s) = %v, %v", in, ps, err)
		}
	}
	if b, _ := json.Marshal(rule.Problems(nil)); string(b) != `[]` {
		t.Errorf("zero Problems = %s", b)
	}
	if b, _ := json.Marshal(rule.Problem{}); string(b) != `{"code":"invalid","message":""}` {
		t.Errorf("zero Problem = %s", b)
	}
	var ps rule.Problems
	for range rule.MaxProblems + 7 {
		ps.Add(rule.PLN01, "p", noPlan)
	}
	var back rule.Problems
	if err := json.Unmarshal(ps.JSON(rule.English), &back); err != nil {
		t.Fatal(err)
	}
	if back.Len() != ps.Len() || back.More() != 7 || len(back) != len(ps) {
		t.Errorf("capped round trip: Len %d More %d", back.Len(), back.More())
	}
	if diff := cmp.Diff(ps.Text(rule.English), back.Text(rule.English), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("text after round trip (-want +got):\n%s", diff)
	}
}

// Err allocates nothing when there are no problems.
func TestProblems_ErrNoAlloc(t *testing.T) {
	var ps rule.Problems
	if n := testing.AllocsPerRun(100, func() { _ = ps.Err() }); n != 0 {
		t.Errorf("Err() of no problems allocates %v times", n)
	}
}

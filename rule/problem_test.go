package rule_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marketrules/marketrules/rule"
)

var (
	tooLong = rule.Message{English: "%d characters; at most %d", Swedish: "%d tecken; högst %d"}
	noPlan  = rule.Message{English: "no plan", Swedish: "ingen plan"}
	// errTest is a sentinel a problem can be an instance of.
	errTest = errors.New("test sentinel")
)

// A problem renders as "path: message (RULE)" in either language.
func TestProblem_Text(t *testing.T) {
	tests := []struct {
		name        string
		p           rule.Problem
		wantEnglish string
		wantSwedish string
	}{
		{
			"path and rule",
			rule.Problem{Rule: rule.PLN02, Path: "plans[3].name", Message: tooLong, Args: []any{1200, 50}},
			"plans[3].name: 1,200 characters; at most 50 (PLN-02)",
			"plans[3].name: 1\u00a0200 tecken; högst 50 (PLN-02)",
		},
		{
			"no path",
			rule.Problem{Rule: rule.OFR05, Message: noPlan},
			"no plan (OFR-05)",
			"ingen plan (OFR-05)",
		},
		{
			"no rule",
			rule.Problem{Path: "audience.csv line 12", Message: noPlan},
			"audience.csv line 12: no plan",
			"audience.csv line 12: ingen plan",
		},
	}
	for _, tt := range tests {
		if got := tt.p.Text(rule.English); got != tt.wantEnglish {
			t.Errorf("%s: Text(English) = %q, want %q", tt.name, got, tt.wantEnglish)
		}
		if got := tt.p.Text(rule.Swedish); got != tt.wantSwedish {
			t.Errorf("%s: Text(Swedish) = %q, want %q", tt.name, got, tt.wantSwedish)
		}
		if got := tt.p.Error(); got != tt.wantEnglish {
			t.Errorf("%s: Error() = %q, want %q", tt.name, got, tt.wantEnglish)
		}
	}
}

// A problem is an instance of its sentinel error, if it has one.
func TestProblem_Unwrap(t *testing.T) {
	with := rule.Problem{Rule: rule.PLN01, Message: noPlan, Err: errTest}
	without := rule.Problem{Rule: rule.PLN01, Message: noPlan}
	if !errors.Is(with, errTest) || with.Unwrap() != errTest {
		t.Errorf("errors.Is(%v, errTest) = false", with)
	}
	if errors.Is(without, errTest) || without.Unwrap() != nil {
		t.Errorf("a problem without Err unwraps to %v", without.Unwrap())
	}
	if errors.Is(with, io.EOF) {
		t.Error("errors.Is(problem, io.EOF) = true")
	}
}

// Add appends in order; Err is nil without problems and the list with
// them.
func TestProblems_AddErr(t *testing.T) {
	var ps rule.Problems
	if err := ps.Err(); err != nil {
		t.Fatalf("empty Problems.Err() = %#v, want nil", err)
	}
	ps.Add(rule.PLN02, "plans[0].name", tooLong, 60, 50)
	ps.Add(rule.OFR05, "", noPlan)
	want := rule.Problems{
		{Rule: rule.PLN02, Path: "plans[0].name", Message: tooLong, Args: []any{60, 50}},
		{Rule: rule.OFR05, Message: noPlan},
	}
	if diff := cmp.Diff(want, ps, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("after Add (-want +got):\n%s", diff)
	}
	err := ps.Err()
	var got rule.Problems
	if !errors.As(err, &got) {
		t.Fatalf("errors.As(%v, *Problems) = false", err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Err() (-want +got):\n%s", diff)
	}
}

// Error counts the problems when there is more than one; Text gives one
// line per problem.
func TestProblems_ErrorText(t *testing.T) {
	one := rule.Problems{{Rule: rule.OFR05, Message: noPlan}}
	two := rule.Problems{
		{Rule: rule.PLN02, Path: "plans[0].name", Message: tooLong, Args: []any{60, 50}},
		{Rule: rule.OFR05, Message: noPlan},
	}
	tests := []struct {
		name        string
		ps          rule.Problems
		wantError   string
		wantEnglish string
		wantSwedish string
	}{
		{"none", nil, "no problems", "", ""},
		{"one", one, "no plan (OFR-05)", "no plan (OFR-05)\n", "ingen plan (OFR-05)\n"},
		{
			"two", two,
			"2 problems: plans[0].name: 60 characters; at most 50 (PLN-02); no plan (OFR-05)",
			"plans[0].name: 60 characters; at most 50 (PLN-02)\nno plan (OFR-05)\n",
			"plans[0].name: 60 tecken; högst 50 (PLN-02)\ningen plan (OFR-05)\n",
		},
	}
	for _, tt := range tests {
		if got := tt.ps.Error(); got != tt.wantError {
			t.Errorf("%s: Error() = %q, want %q", tt.name, got, tt.wantError)
		}
		if got := tt.ps.Text(rule.English); got != tt.wantEnglish {
			t.Errorf("%s: Text(English) = %q, want %q", tt.name, got, tt.wantEnglish)
		}
		if got := tt.ps.Text(rule.Swedish); got != tt.wantSwedish {
			t.Errorf("%s: Text(Swedish) = %q, want %q", tt.name, got, tt.wantSwedish)
		}
	}
}

// errors.As finds the list inside a wrapped error, and errors.Is and
// errors.As see each problem and its sentinel.
func TestProblems_Unwrap(t *testing.T) {
	ps := rule.Problems{
		{Rule: rule.PLN01, Path: "plans[0].id", Message: noPlan},
		{Rule: rule.PLN02, Path: "plans[1].name", Message: noPlan, Err: errTest},
	}
	wrapped := fmt.Errorf("validate offer %q: %w", "contoso", ps.Err())

	var got rule.Problems
	if !errors.As(wrapped, &got) {
		t.Fatalf("errors.As(wrapped, *Problems) = false")
	}
	// Sentinels compare by identity (errors.Is), the rest by value.
	if diff := cmp.Diff(ps, got, cmpopts.IgnoreFields(rule.Problem{}, "Err")); diff != "" {
		t.Errorf("errors.As (-want +got):\n%s", diff)
	}
	for i := range got {
		if got[i].Err != ps[i].Err {
			t.Errorf("errors.As: problem %d has Err %v, want %v", i, got[i].Err, ps[i].Err)
		}
	}
	if !errors.Is(wrapped, errTest) {
		t.Error("errors.Is(wrapped, errTest) = false, want the second problem's sentinel")
	}
	if errors.Is(wrapped, io.EOF) {
		t.Error("errors.Is(wrapped, io.EOF) = true")
	}
	var first rule.Problem
	if !errors.As(wrapped, &first) || first.Rule != rule.PLN01 {
		t.Errorf("errors.As(wrapped, *Problem) = %v, want the first problem", first)
	}
	errs := ps.Unwrap()
	if len(errs) != 2 || errs[1].Error() != ps[1].Error() {
		t.Errorf("Unwrap() = %v", errs)
	}
	if errs := rule.Problems(nil).Unwrap(); len(errs) != 0 {
		t.Errorf("Unwrap() of no problems = %v, want none", errs)
	}
}

// Has and Rules report the rules the problems cite.
func TestProblems_HasRules(t *testing.T) {
	ps := rule.Problems{
		{Rule: rule.PLN02, Message: noPlan},
		{Rule: rule.OFR05, Message: noPlan},
		{Rule: rule.PLN02, Message: noPlan},
		{Rule: rule.PLN01, Message: noPlan},
		{Message: noPlan},
		{Rule: rule.OFR05, Message: noPlan},
	}
	tests := []struct {
		name      string
		ps        rule.Problems
		wantRules []rule.ID
		has       []rule.ID
		hasNot    []rule.ID
	}{
		{"none", nil, nil, nil, []rule.ID{rule.PLN01, ""}},
		{"many", ps, []rule.ID{rule.PLN02, rule.OFR05, rule.PLN01, ""}, []rule.ID{rule.PLN01, rule.PLN02, rule.OFR05, ""}, []rule.ID{rule.PLN03}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.wantRules, tt.ps.Rules()); diff != "" {
			t.Errorf("%s: Rules() (-want +got):\n%s", tt.name, diff)
		}
		for _, id := range tt.has {
			if !tt.ps.Has(id) {
				t.Errorf("%s: Has(%q) = false", tt.name, id)
			}
		}
		for _, id := range tt.hasNot {
			if tt.ps.Has(id) {
				t.Errorf("%s: Has(%q) = true", tt.name, id)
			}
		}
	}
}

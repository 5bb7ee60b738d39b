package rule_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/marketrules/marketrules/rule"
)

// A list keeps the first MaxProblems problems and counts the rest.
func ExampleProblems_Append() {
	var ps rule.Problems
	for i := range rule.MaxProblems + 3 {
		ps.Append(rule.Problem{Rule: rule.PLN01, Path: fmt.Sprintf("plans[%d].id", i), Message: rule.Message{English: "bad ID"}})
	}
	fmt.Println(len(ps), ps.Len(), ps.More())
	fmt.Println(ps[len(ps)-1].Error())
	// Output:
	// 101 103 3
	// and 3 more problems
}

func ExampleProblems_Len() {
	var ps rule.Problems
	ps.Add(rule.OFR05, "plans", rule.Message{English: "no plan"})
	fmt.Println(ps.Len(), ps.More())
	// Output: 1 0
}

func ExampleProblems_More() {
	var ps rule.Problems
	for range 250 {
		ps.Add(rule.PLN01, "plans", rule.Message{English: "bad ID"})
	}
	fmt.Println(ps.More())
	// Output: 150
}

// The error of Err compares with == like any error; errors.As fills a
// Problems or a *Problems target.
func ExampleProblems_As() {
	err1, err2 := validate(nil), validate(nil)
	fmt.Println(err1 == err2, err1 == err1)
	var ps rule.Problems
	fmt.Println(errors.As(err1, &ps), ps[0].Rule)
	// Output:
	// false true
	// true OFR-05
}

func ExampleProblems_JSON() {
	var ps rule.Problems
	ps.Add(rule.PLN02, "plans[0].name", nameTooLong, 1200, 50)
	fmt.Println(string(ps.JSON(rule.Swedish)))
	// Output:
	// [{"rule":"PLN-02","path":"plans[0].name","code":"the-name-has-characters-at-most-are-allowed","message":"namnet har 1 200 tecken; högst 50 är tillåtna"}]
}

func ExampleProblems_MarshalJSON() {
	b, _ := json.Marshal(validate(nil))
	fmt.Println(string(b))
	// Output:
	// [{"rule":"OFR-05","path":"plans","code":"no-plan","message":"no plan"}]
}

func ExampleProblems_UnmarshalJSON() {
	var ps rule.Problems
	err := json.Unmarshal([]byte(`[{"rule":"OFR-05","path":"plans","code":"no-plan","message":"no plan"}]`), &ps)
	fmt.Println(err, ps.Err(), ps[0].Code())
	// Output:
	// <nil> plans: no plan (OFR-05) no-plan
}

func ExampleProblem_Code() {
	p := rule.Problem{Rule: rule.PLN01, Message: rule.Message{English: "reserved ID"}, Err: ErrReservedID}
	fmt.Println(p.Code())
	// Output: reserved-plan-id
}

func ExampleProblem_MarshalJSON() {
	p := rule.Problem{Rule: rule.PLN01, Path: "plans[1].id", Message: rule.Message{Key: "reserved-id", English: "reserved ID"}}
	b, _ := json.Marshal(p)
	fmt.Println(string(b))
	// Output: {"rule":"PLN-01","path":"plans[1].id","code":"reserved-id","message":"reserved ID"}
}

func ExampleProblem_UnmarshalJSON() {
	var p rule.Problem
	_ = json.Unmarshal([]byte(`{"rule":"PLN-01","path":"plans[1].id","code":"reserved-id","message":"reserved ID"}`), &p)
	fmt.Println(p.Error(), p.Code())
	// Output: plans[1].id: reserved ID (PLN-01) reserved-id
}

func ExampleLocalized() {
	b, _ := json.Marshal(rule.Localized{Problems: rule.Problems{{Rule: rule.OFR05, Message: rule.Message{English: "no plan", Swedish: "ingen plan"}}}, Language: rule.Swedish})
	fmt.Println(string(b))
	// Output: [{"rule":"OFR-05","code":"no-plan","message":"ingen plan"}]
}

// ParseLanguage accepts names and language tags, as a command-line flag
// or an Accept-Language value gives them.
func ExampleParseLanguage() {
	for _, s := range []string{"sv", "EN", "sv-SE", "en_GB", "de"} {
		l, err := rule.ParseLanguage(s)
		fmt.Println(l, err)
	}
	// Output:
	// sv <nil>
	// en <nil>
	// sv <nil>
	// en <nil>
	// en unknown language "de" (want en or sv)
}

func ExampleLanguage_MarshalText() {
	b, _ := json.Marshal(map[string]rule.Language{"lang": rule.Swedish})
	fmt.Println(string(b))
	var l rule.Language
	_ = json.Unmarshal([]byte(`"sv-FI"`), &l)
	fmt.Println(l)
	// Output:
	// {"lang":"sv"}
	// sv
}

// Every enum of the module reports an unknown name with one error type.
func ExampleUnknownNameError() {
	_, err := rule.ParseLanguage("klingon")
	var e *rule.UnknownNameError
	if errors.As(err, &e) {
		fmt.Println(e.Type, e.Input, e.Valid)
	}
	fmt.Println(errors.Is(err, rule.ErrUnknownName))
	// Output:
	// language klingon [en sv]
	// true
}

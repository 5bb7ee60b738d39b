package rule_test

import (
	"errors"
	"fmt"
	"time"

	"golang.org/x/text/language"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

func ExampleLookup() {
	r, ok := rule.Lookup("PRC-09")
	fmt.Println(ok, r.ID, r.Package)
	fmt.Println(r.Source())
	fmt.Println(r.English)

	_, ok = rule.Lookup("PRC-99")
	fmt.Println(ok)
	// Output:
	// true PRC-09 market
	// Microsoft commercial marketplace publisher FAQ (2022-06-03), "Purchasing"
	// Customers can buy from the commercial marketplace in 141 markets.
	// false
}

func ExampleID_Known() {
	fmt.Println(rule.PLN01.Known(), rule.ID("PLN-99").Known())
	// Output:
	// true false
}

func ExampleID_Statement() {
	fmt.Println(rule.PLN03.Statement(rule.English))
	fmt.Println(rule.PLN03.Statement(rule.Swedish))
	// Output:
	// A plan summary is at most 100 characters long and does not apply to SaaS offers.
	// En plansammanfattning får vara högst 100 tecken lång och används inte för SaaS-erbjudanden.
}

func ExampleID_Area() {
	fmt.Println(rule.PLN01.Area(), rule.EXT15.Area())
	// Output:
	// PLN EXT
}

func ExampleAll() {
	areas := map[string]int{}
	n := 0
	for r := range rule.All() {
		areas[r.ID.Area()]++
		n++
	}
	fmt.Println(n, "rules;", areas["PLN"], "about plans")
	// Output:
	// 115 rules; 13 about plans
}

func ExampleRule_Statement() {
	r, _ := rule.Lookup(rule.PRC10)
	fmt.Println(r.Statement(rule.English))
	fmt.Println(r.Statement(rule.Swedish))
	// Output:
	// Commercial (CSP) prices exclude tax, except in Australia and Brazil.
	// Kommersiella priser (CSP) exkluderar skatt, utom i Australien och Brasilien.
}

func ExampleLanguageFor() {
	for _, pref := range [][]language.Tag{
		{language.MustParse("sv-FI")},
		{language.German, language.Swedish},
		{language.MustParse("nb")},
		{},
	} {
		fmt.Println(pref, rule.LanguageFor(pref...))
	}
	// Output:
	// [sv-FI] sv
	// [de sv] sv
	// [nb] en
	// [] en
}

func ExampleLanguage_String() {
	fmt.Println(rule.English.String(), rule.Swedish.String())
	// Output:
	// en sv
}

func ExampleLanguage_Tag() {
	fmt.Println(rule.English.Tag(), rule.Swedish.Tag())
	// Output:
	// en sv
}

func ExampleMessage_Format() {
	m := rule.Message{English: "%d plans", Swedish: "%d planer"}
	fmt.Println(m.Format(rule.English))
	fmt.Println(m.Format(rule.Swedish))
	fmt.Println(rule.Message{English: "%d plans"}.Format(rule.Swedish))
	// Output:
	// %d plans
	// %d planer
	// %d plans
}

func ExampleMessage_Render() {
	m := rule.Message{
		English: "%d IDs in the file; %v refunded until %v",
		Swedish: "%d ID:n i filen; %v återbetalas till %v",
	}
	at := time.Date(2024, 3, 4, 12, 0, 0, 0, time.UTC)
	fmt.Printf("%q\n", m.Render(rule.English, 20000, currency.MustParse("1234.50 USD"), at))
	fmt.Printf("%q\n", m.Render(rule.Swedish, 20000, currency.MustParse("1234.50 SEK"), at))
	// Output:
	// "20,000 IDs in the file; $1,234.50 refunded until 2024-03-04 12:00:00 UTC"
	// "20\u00a0000 ID:n i filen; 1\u00a0234,50\u00a0kr återbetalas till 2024-03-04 12:00:00 UTC"
}

var nameTooLong = rule.Message{
	English: "the name has %d characters; at most %d are allowed",
	Swedish: "namnet har %d tecken; högst %d är tillåtna",
}

func ExampleProblem_Text() {
	p := rule.Problem{Rule: rule.PLN02, Path: "plans[3].name", Message: nameTooLong, Args: []any{1200, 50}}
	fmt.Println(p.Text(rule.English))
	fmt.Printf("%q\n", p.Text(rule.Swedish))
	// Output:
	// plans[3].name: the name has 1,200 characters; at most 50 are allowed (PLN-02)
	// "plans[3].name: namnet har 1\u00a0200 tecken; högst 50 är tillåtna (PLN-02)"
}

func ExampleProblem_Error() {
	var err error = rule.Problem{Rule: rule.PLN02, Path: "plans[0].name", Message: nameTooLong, Args: []any{60, 50}}
	fmt.Println(err)
	// Output:
	// plans[0].name: the name has 60 characters; at most 50 are allowed (PLN-02)
}

// ErrReservedID is a sentinel a validator might attach to a problem.
var ErrReservedID = errors.New("reserved plan ID")

func ExampleProblem_Unwrap() {
	p := rule.Problem{Rule: rule.PLN01, Path: "plans[0].id", Message: rule.Message{English: "reserved ID"}, Err: ErrReservedID}
	fmt.Println(errors.Is(p, ErrReservedID))
	// Output:
	// true
}

// validate is a validator in the style of the library: it reports every
// problem at once.
func validate(names []string) error {
	var problems rule.Problems
	for i, n := range names {
		if len(n) > 50 {
			problems.Add(rule.PLN02, fmt.Sprintf("plans[%d].name", i), nameTooLong, len(n), 50)
		}
	}
	if len(names) == 0 {
		problems.Add(rule.OFR05, "plans", rule.Message{English: "no plan", Swedish: "ingen plan"})
	}
	return problems.Err()
}

func ExampleProblems_Add() {
	var ps rule.Problems
	ps.Add(rule.PLN02, "plans[0].name", nameTooLong, 60, 50)
	ps.Add(rule.OFR05, "plans", rule.Message{English: "no plan", Swedish: "ingen plan"})
	fmt.Println(len(ps), ps[1].Rule)
	// Output:
	// 2 OFR-05
}

func ExampleProblems_Err() {
	fmt.Println(validate([]string{"Gold"}) == nil)
	fmt.Println(validate(nil))
	// Output:
	// true
	// plans: no plan (OFR-05)
}

func ExampleProblems_Error() {
	long := fmt.Sprintf("%060d", 0)
	fmt.Println(validate([]string{long, "Gold", long}))
	// Output:
	// 2 problems: plans[0].name: the name has 60 characters; at most 50 are allowed (PLN-02); plans[2].name: the name has 60 characters; at most 50 are allowed (PLN-02)
}

func ExampleProblems_Text() {
	var ps rule.Problems
	ps.Add(rule.PLN02, "plans[0].name", nameTooLong, 60, 50)
	ps.Add(rule.OFR05, "plans", rule.Message{English: "no plan", Swedish: "ingen plan"})
	fmt.Print(ps.Text(rule.Swedish))
	// Output:
	// plans[0].name: namnet har 60 tecken; högst 50 är tillåtna (PLN-02)
	// plans: ingen plan (OFR-05)
}

func ExampleProblems_Has() {
	err := validate(nil)
	var ps rule.Problems
	errors.As(err, &ps)
	fmt.Println(ps.Has(rule.OFR05), ps.Has(rule.PLN02))
	// Output:
	// true false
}

func ExampleProblems_Rules() {
	var ps rule.Problems
	ps.Add(rule.PLN02, "plans[0].name", nameTooLong, 60, 50)
	ps.Add(rule.PLN01, "plans[0].id", rule.Message{English: "bad ID"})
	ps.Add(rule.PLN02, "plans[4].name", nameTooLong, 70, 50)
	fmt.Println(ps.Rules())
	// Output:
	// [PLN-02 PLN-01]
}

// A caller gets every problem from a wrapped validation error with
// errors.As, and tests for one kind with errors.Is.
func ExampleProblems_Unwrap() {
	var ps rule.Problems
	ps.Add(rule.PLN02, "plans[0].name", nameTooLong, 60, 50)
	ps = append(ps, rule.Problem{Rule: rule.PLN01, Path: "plans[1].id", Message: rule.Message{English: "reserved ID", Swedish: "reserverat ID"}, Err: ErrReservedID})
	err := fmt.Errorf("offer contoso: %w", ps.Err())

	var got rule.Problems
	if errors.As(err, &got) {
		for _, p := range got {
			fmt.Println(p.Rule, p.Path)
		}
	}
	fmt.Println(errors.Is(err, ErrReservedID))
	// Output:
	// PLN-02 plans[0].name
	// PLN-01 plans[1].id
	// true
}

// Every rule names the Microsoft documents it comes from.
func ExampleRule_Source() {
	r, _ := rule.Lookup(rule.EXT13)
	for _, s := range r.Sources {
		fmt.Println(s.Title, s.Date)
	}
	fmt.Println(r.Source())
	// Output:
	// New commerce experience cancellation policy 2023-07-27
	// Manage customer subscriptions 2023-10-19
	// New commerce experience cancellation policy (2023-07-27)
}

func ExampleSource_String() {
	fmt.Println(rule.Source{Title: "Plans and pricing for commercial marketplace offers", Date: "2021-07-05", Section: "Free trials"})
	// Output: Plans and pricing for commercial marketplace offers (2021-07-05), "Free trials"
}

// Append builds a text of several messages in one buffer.
func ExampleMessage_Append() {
	seats := rule.Message{English: "%d seats", Swedish: "%d platser"}
	price := rule.Message{English: " at %v each", Swedish: " à %v styck"}
	var b []byte
	b = seats.Append(b, rule.Swedish, 12000)
	b = price.Append(b, rule.Swedish, currency.MustParse("99.00 SEK"))
	fmt.Println(string(b))
	// Output: 12 000 platser à 99,00 kr styck
}

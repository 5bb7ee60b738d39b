package payout_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/marketrules/marketrules/payout"
)

func ExampleMonthOf() {
	fmt.Println(payout.MonthOf(2024, time.April), payout.MonthOf(2024, 13))
	// Output: 2024-04 2025-01
}

// Months count in the policy's zone: 1 May 03:00 UTC is still April in
// Pacific time.
func ExampleMonthIn() {
	t := time.Date(2024, 5, 1, 3, 0, 0, 0, time.UTC)
	fmt.Println(payout.MonthIn(t, payout.PST()), payout.MonthIn(t, time.UTC))
	// Output: 2024-04 2024-05
}

func ExampleParseMonth() {
	m, err := payout.ParseMonth("2024-04")
	fmt.Println(m, err)
	_, err = payout.ParseMonth("2024-13")
	fmt.Println(err)
	// Output:
	// 2024-04 <nil>
	// payout: invalid month "2024-13" (want YYYY-MM): invalid date
}

func ExampleMonth_AddMonths() {
	fmt.Println(payout.MonthOf(2024, 11).AddMonths(3))
	// Output: 2025-02
}

func ExampleMonth_Sub() {
	fmt.Println(payout.MonthOf(2024, 4).Sub(payout.MonthOf(2024, 1)))
	// Output: 3
}

func ExampleMonth_Year() {
	fmt.Println(payout.MonthOf(2024, 4).Year())
	// Output: 2024
}

func ExampleMonth_Month() {
	fmt.Println(payout.MonthOf(2024, 4).Month())
	// Output: April
}

func ExampleMonth_Start() {
	fmt.Println(payout.MonthOf(2024, 4).Start(payout.PST()))
	// Output: 2024-04-01 00:00:00 -0800 PST
}

func ExampleMonth_Day() {
	fmt.Println(payout.MonthOf(2024, 4).Day(15, payout.PST()))
	// Output: 2024-04-15 00:00:00 -0800 PST
}

func ExampleMonth_String() {
	var zero payout.Month
	fmt.Println(payout.MonthOf(2024, 4).String(), zero.String())
	// Output: 2024-04 Month(0)
}

func ExampleMonth_Valid() {
	var zero payout.Month
	fmt.Println(payout.MonthOf(2024, 4).Valid(), zero.Valid())
	// Output: true false
}

func ExampleMonth_AppendText() {
	b, err := payout.MonthOf(2024, 4).AppendText([]byte("month: "))
	fmt.Println(string(b), err)
	// Output: month: 2024-04 <nil>
}

func ExampleMonth_MarshalText() {
	data, _ := json.Marshal([]payout.Month{payout.MonthOf(2024, 4), payout.MonthOf(2024, 5)})
	fmt.Println(string(data))
	// Output: ["2024-04","2024-05"]
}

func ExampleMonth_UnmarshalText() {
	var m payout.Month
	err := m.UnmarshalText([]byte("2024-4"))
	fmt.Println(m, err)
	// Output: 2024-04 <nil>
}

package currency_test

import (
	"fmt"

	"github.com/marketrules/marketrules/currency"
)

// Sum adds amounts of one currency and reports a mismatch or an overflow
// once.
func ExampleSum() {
	total, err := currency.Sum(currency.MustParse("12.50 SEK"), currency.MustParse("7.25 SEK"), currency.MustParse("-2.00 SEK"))
	fmt.Println(total, err)
	_, err = currency.Sum(currency.MustParse("12.50 SEK"), currency.MustParse("1.00 USD"))
	fmt.Println(err)
	// Output:
	// 17.75 SEK <nil>
	// currency: add 12.50 SEK and 1.00 USD: currency mismatch
}

// A Total adds many amounts in a loop without an error check per addition;
// the first failure sticks and Result reports it.
func ExampleTotal() {
	lines := []currency.Money{currency.MustParse("19.99 USD"), currency.MustParse("5.01 USD"), currency.MustParse("-3.00 USD")}
	var t currency.Total
	for _, m := range lines {
		t.Add(m)
	}
	fmt.Println(t.Result())

	t.Add(currency.MustParse("1 JPY")) // a mismatch: sticks
	t.Add(currency.MustParse("1.00 USD"))
	_, err := t.Result()
	fmt.Println(err)
	// Output:
	// 22.00 USD <nil>
	// currency: add 22.00 USD and 1 JPY: currency mismatch
}

func ExampleTotal_Sub() {
	var t currency.Total
	t.Add(currency.MustParse("100.00 EUR"))
	t.Sub(currency.MustParse("30.00 EUR"))
	fmt.Println(t.Result())
	// Output: 70.00 EUR <nil>
}

func ExampleTotal_Err() {
	var t currency.Total
	t.Add(currency.MustParse("1.00 EUR"))
	t.Add(currency.MustParse("1.00 GBP"))
	fmt.Println(t.Err() != nil)
	// Output: true
}

// New refuses a code outside ISO 4217.
func ExampleNew() {
	m, err := currency.New(1999, currency.SEK)
	fmt.Println(m, err)
	_, err = currency.New(5, currency.Code(9999))
	fmt.Println(err)
	// Output:
	// 19.99 SEK <nil>
	// currency: parsing currency code "currency.Code(9999)": unknown currency code (not an ISO 4217 code)
}

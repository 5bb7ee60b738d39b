package currency_test

import (
	"fmt"

	"github.com/marketrules/marketrules/currency"
)

func ExampleCode_Digits() {
	fmt.Println(currency.USD.Digits(), currency.JPY.Digits(), currency.BHD.Digits())
	// Output: 2 0 3
}

func ExampleCode_IsMarketplace() {
	fmt.Println(currency.SEK.IsMarketplace(), currency.CNY.IsMarketplace(), currency.MXN.IsMarketplace())
	// Output: true true false
}

func ExampleCode_Name() {
	fmt.Println(currency.SEK.Name())
	fmt.Printf("%q\n", currency.Code(0).Name())
	// Output:
	// Swedish Krona
	// ""
}

func ExampleCode_Numeric() {
	fmt.Println(currency.SEK.Numeric(), currency.USD.Numeric(), currency.JPY.Numeric())
	// Output: 752 840 392
}

func ExampleMustParseLocale() {
	de := currency.MustParseLocale("de-DE")
	fmt.Printf("%s %q\n", de, de.Format(currency.MustParse("1234.50 EUR")))
	// Output: de-DE "1.234,50\u00a0€"
}

func ExampleLocale_Tag() {
	tag := currency.MustParseLocale("sv").Tag()
	base, _ := tag.Base()
	region, _ := tag.Region()
	fmt.Println(tag, base, region)
	// Output: sv-SE sv SE
}

func ExampleMoney_AppendAmount() {
	b := []byte("amount=")
	b = currency.MustParse("-0.05 USD").AppendAmount(b)
	b = append(b, ';')
	b = currency.MustParse("1235 JPY").AppendAmount(b)
	fmt.Println(string(b))
	// Output: amount=-0.05;1235
}

func ExampleMoney_AppendJSON() {
	b := []byte(`{"price":`)
	b = currency.MustParse("1234.5 SEK").AppendJSON(b)
	b = append(b, '}')
	fmt.Println(string(b))
	// Output: {"price":{"amount":"1234.50","currency":"SEK"}}
}

func ExampleMoney_Code() {
	m := currency.MustParse("100 RMB")
	fmt.Println(m.Code(), m.Code().Digits())
	fmt.Printf("%q\n", currency.Money{}.Code())
	// Output:
	// CNY 2
	// ""
}

func ExampleMoney_IsNegative() {
	refund := currency.MustParse("-19.99 USD")
	fmt.Println(refund.IsNegative(), currency.MustParse("0 USD").IsNegative())
	// Output: true false
}

func ExampleMoney_IsPositive() {
	fmt.Println(currency.MustParse("0.01 EUR").IsPositive(), currency.MustParse("0.00 EUR").IsPositive())
	// Output: true false
}

func ExampleMoney_Minor() {
	fmt.Println(currency.MustParse("19.99 USD").Minor(), currency.MustParse("1999 JPY").Minor(), currency.MustParse("1.234 BHD").Minor())
	// Output: 1999 1999 1234
}

func ExampleMoney_Sign() {
	for _, s := range []string{"-2.50 EUR", "0 EUR", "2.50 EUR"} {
		fmt.Print(currency.MustParse(s).Sign(), " ")
	}
	fmt.Println()
	// Output: -1 0 1
}

func ExampleMustParseRate() {
	fee := currency.MustParseRate("0.03")
	m, _ := currency.MustParse("0.99 USD").MulRate(fee, currency.HalfEven)
	fmt.Println(fee, m)
	// Output: 0.03 0.03 USD
}

func ExampleRate_Cmp() {
	r := currency.MustParseRate("1.50")
	fmt.Println(r.Cmp(currency.MustParseRate("1.5")), r.Cmp(currency.MustParseRate("1.49")), r.Cmp(currency.MustParseRate("2")))
	// Output: 0 1 -1
}

func ExampleRate_Coefficient() {
	fmt.Println(currency.MustParseRate("149.2345").Coefficient(), currency.MustParseRate("0.030").Coefficient())
	// Output: 1492345 30
}

func ExampleRate_Decimal() {
	d := currency.MustParseRate("149.2345").Decimal()
	fmt.Println(d, d.Round(2))
	// Output: 149.2345 149.23
}

func ExampleRate_Scale() {
	fmt.Println(currency.MustParseRate("149.2345").Scale(), currency.MustParseRate("0.030").Scale(), currency.MustParseRate("1").Scale())
	// Output: 4 3 0
}

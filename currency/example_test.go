package currency_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/marketrules/marketrules/currency"
)

func Example() {
	price := currency.MustParse("49.99 USD")
	rate := currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("10.4512")}
	local, err := rate.Convert(price, currency.HalfEven)
	if err != nil {
		panic(err)
	}
	fmt.Println(local)
	fmt.Println(currency.MustParseLocale("sv-SE").Format(local.To))
	parts, _ := local.To.Split(3)
	fmt.Println(parts)
	// Output:
	// 49.99 USD → 522.46 SEK at 10.4512 SEK/USD (half-even)
	// 522,46 kr
	// [174.16 SEK 174.15 SEK 174.15 SEK]
}

func ExampleParse() {
	m, err := currency.Parse("1234.5 sek")
	fmt.Println(m, err)
	_, err = currency.Parse("12.345 USD")
	fmt.Println(err)
	fmt.Println(errors.Is(err, currency.ErrPrecision))
	// Output:
	// 1234.50 SEK <nil>
	// currency: parsing money "12.345 USD": more decimal places than allowed (USD has 2 decimal places)
	// true
}

func ExampleMustParse() {
	fmt.Println(currency.MustParse("100 RMB"))
	// Output: 100.00 CNY
}

func ExampleParseAmount() {
	m, err := currency.ParseAmount("19.99", currency.USD)
	fmt.Println(m.Minor(), m.Code(), err)
	_, err = currency.ParseAmount("0.5", currency.JPY)
	fmt.Println(err)
	// Output:
	// 1999 USD <nil>
	// currency: parsing amount "0.5": more decimal places than allowed (JPY has 0 decimal places)
}

func ExampleParseAmountRound() {
	for _, mode := range []currency.RoundingMode{currency.HalfEven, currency.HalfUp, currency.Floor} {
		m, _ := currency.ParseAmountRound("-0.125", currency.USD, mode)
		fmt.Println(mode, m)
	}
	// Output:
	// half-even -0.12 USD
	// half-up -0.13 USD
	// floor -0.13 USD
}

func ExampleMustFromMinor() {
	fmt.Println(currency.MustFromMinor(1999, currency.USD), currency.MustFromMinor(1999, currency.JPY))
	// Output: 19.99 USD 1999 JPY
}

func ExampleFromDecimal() {
	m, err := currency.FromDecimal(decimal.RequireFromString("0.125"), currency.EUR, currency.HalfUp)
	fmt.Println(m, err)
	// Output: 0.13 EUR <nil>
}

func ExampleMoney_Decimal() {
	fmt.Println(currency.MustParse("19.99 USD").Decimal().Mul(decimal.NewFromInt(3)))
	// Output: 59.97
}

func ExampleMoney_Add() {
	var total currency.Money // the zero Money: ready to accumulate any currency
	for _, s := range []string{"19.99 SEK", "5.01 SEK"} {
		total, _ = total.Add(currency.MustParse(s))
	}
	fmt.Println(total)
	_, err := total.Add(currency.MustParse("1 USD"))
	fmt.Println(err)
	// Output:
	// 25.00 SEK
	// currency: add 25.00 SEK and 1.00 USD: currency mismatch
}

func ExampleMoney_Sub() {
	m, _ := currency.MustParse("10.00 EUR").Sub(currency.MustParse("12.50 EUR"))
	fmt.Println(m, m.Sign(), m.IsNegative())
	// Output: -2.50 EUR -1 true
}

func ExampleMoney_Neg() {
	m, _ := currency.MustParse("2.50 EUR").Neg()
	a, _ := m.Abs()
	fmt.Println(m, a)
	// Output: -2.50 EUR 2.50 EUR
}

func ExampleMoney_Abs() {
	_, err := currency.MustFromMinor(-9223372036854775808, currency.USD).Abs()
	fmt.Println(errors.Is(err, currency.ErrOverflow))
	// Output: true
}

func ExampleMoney_Cmp() {
	c, _ := currency.MustParse("9.99 USD").Cmp(currency.MustParse("10 USD"))
	fmt.Println(c)
	// Output: -1
}

func ExampleMoney_Mul() {
	seats, _ := currency.MustParse("12.50 USD").Mul(37)
	fmt.Println(seats)
	// Output: 462.50 USD
}

func ExampleMoney_MulDiv() {
	// Prorate a 19.99 USD monthly fee for 1,234,567 of the period's
	// 2,592,000 seconds, rounding once.
	m, _ := currency.MustParse("19.99 USD").MulDiv(1234567, 2592000, currency.HalfEven)
	fmt.Println(m)
	// Output: 9.52 USD
}

func ExampleMoney_MulRate() {
	fee, _ := currency.MustParse("100.00 USD").MulRate(currency.MustParseRate("0.03"), currency.HalfEven)
	fmt.Println(fee)
	// Output: 3.00 USD
}

func ExampleMoney_Convert() {
	m, _ := currency.MustParse("123.45 USD").Convert(currency.JPY, currency.MustParseRate("149.2345"), currency.HalfEven)
	fmt.Println(m)
	// Output: 18423 JPY
}

func ExampleExchangeRate_Convert() {
	x := currency.ExchangeRate{From: currency.USD, To: currency.JPY, Rate: currency.MustParseRate("149.2345")}
	c, _ := x.Convert(currency.MustParse("123.45 USD"), currency.HalfEven)
	fmt.Println(c.To)
	fmt.Println(c)
	// Output:
	// 18423 JPY
	// 123.45 USD → 18423 JPY at 149.2345 JPY/USD (half-even)
}

func ExampleMoney_Split() {
	parts, _ := currency.MustParse("100.00 USD").Split(3)
	fmt.Println(parts)
	// Output: [33.34 USD 33.33 USD 33.33 USD]
}

func ExampleMoney_SplitInto() {
	var parts [3]currency.Money // no allocation
	_ = currency.MustParse("-0.05 EUR").SplitInto(parts[:])
	fmt.Println(parts)
	// Output: [-0.02 EUR -0.02 EUR -0.01 EUR]
}

func ExampleMoney_Allocate() {
	// 100.01 USD by 50/30/20: the extra cent goes to the largest remainder.
	parts, _ := currency.MustParse("100.01 USD").Allocate(50, 30, 20)
	fmt.Println(parts)
	// Output: [50.01 USD 30.00 USD 20.00 USD]
}

func ExampleMoney_AllocateInto() {
	dst := make([]currency.Money, 2)
	_ = currency.MustParse("1.00 USD").AllocateInto(dst, []int64{1, 99})
	fmt.Println(dst)
	// Output: [0.01 USD 0.99 USD]
}

func ExampleMoney_String() {
	fmt.Println(currency.MustParse("1.5 USD").String(), currency.MustFromMinor(1235, currency.JPY).String(), currency.Money{}.String())
	// Output: 1.50 USD 1235 JPY 0
}

func ExampleMoney_Amount() {
	m := currency.MustParse("1234.5 SEK")
	fmt.Println(m.Amount(), string(m.AppendAmount([]byte("amount="))))
	// Output: 1234.50 amount=1234.50
}

func ExampleMoney_MarshalJSON() {
	b, _ := json.Marshal(map[string]currency.Money{"total": currency.MustParse("1.50 USD"), "yen": currency.MustParse("1235 JPY")})
	fmt.Println(string(b))
	// Output: {"total":{"amount":"1.50","currency":"USD"},"yen":{"amount":"1235","currency":"JPY"}}
}

func ExampleMoney_UnmarshalJSON() {
	var m currency.Money
	err := json.Unmarshal([]byte(`{"amount":"12.34","currency":"SEK"}`), &m)
	fmt.Println(m, err)
	err = json.Unmarshal([]byte(`{"amount":12.34,"currency":"SEK"}`), &m)
	fmt.Println(errors.Is(err, currency.ErrSyntax))
	// Output:
	// 12.34 SEK <nil>
	// true
}

func ExampleMoney_MarshalText() {
	b, _ := currency.MustParse("-3 JPY").MarshalText()
	var m currency.Money
	_ = m.UnmarshalText(b)
	fmt.Println(string(b), m)
	// Output: -3 JPY -3 JPY
}

func ExampleMoney_Format() {
	fmt.Println(currency.MustParse("1234567.89 EUR").Format(currency.MustParseLocale("de-DE")))
	// Output: 1.234.567,89 €
}

func ExampleLocale_Format() {
	m := currency.MustParse("1234567.89 EUR")
	for _, tag := range []string{"de-DE", "sv-SE", "en-US", "fr-FR"} {
		fmt.Println(tag, currency.MustParseLocale(tag).Format(m))
	}
	fmt.Println("ja-JP", currency.MustParseLocale("ja-JP").Format(currency.MustParse("1234568 JPY")))
	// Output:
	// de-DE 1.234.567,89 €
	// sv-SE 1 234 567,89 €
	// en-US €1,234,567.89
	// fr-FR 1 234 567,89 €
	// ja-JP ￥1,234,568
}

func ExampleLocale_AppendFormat() {
	buf := make([]byte, 0, 64) // reuse: no allocation per amount
	loc := currency.MustParseLocale("sv-SE")
	buf = loc.AppendFormat(buf, currency.MustParse("-1234.5 SEK"))
	fmt.Printf("%q\n", buf)
	// Output: "−1\u00a0234,50\u00a0kr"
}

func ExampleLocaleFor() {
	fmt.Println(currency.LocaleFor(language.MustParse("sv-FI")))
	fmt.Println(currency.LocaleFor(language.MustParse("hi-IN"), language.MustParse("en-IN")))
	fmt.Println(currency.LocaleFor(language.MustParse("tlh")))
	// Output:
	// sv-SE
	// en-IN
	// en-US
}

func ExampleParseLocale() {
	l, err := currency.ParseLocale("pt")
	fmt.Println(l, l.Tag(), err)
	// Output: pt-BR pt-BR <nil>
}

func ExampleLocale_Symbol() {
	fmt.Println(currency.MustParseLocale("en-GB").Symbol(currency.USD), currency.MustParseLocale("sv-SE").Symbol(currency.SEK))
	// Output: US$ kr
}

func ExampleLocales() {
	n := 0
	for range currency.Locales() {
		n++
	}
	fmt.Println(n, "locales")
	// Output: 29 locales
}

func ExampleParseCode() {
	c, _ := currency.ParseCode("rmb")
	fmt.Println(c, c.Digits(), c.Numeric(), c.Name(), c.IsMarketplace())
	_, err := currency.ParseCode("XYZ")
	fmt.Println(err)
	// Output:
	// CNY 2 156 Yuan Renminbi true
	// currency: parsing currency code "XYZ": unknown currency code
}

func ExampleMustParseCode() {
	fmt.Println(currency.MustParseCode("jpy").Digits())
	// Output: 0
}

func ExampleMarketplace() {
	for c := range currency.Marketplace() {
		fmt.Print(c, " ")
	}
	fmt.Println()
	// Output: AUD BRL CAD CHF DKK EUR GBP INR JPY KRW NOK NZD CNY RUB SEK TWD USD
}

func ExampleAll() {
	n, three := 0, 0
	for c := range currency.All() {
		n++
		if c.Digits() == 3 {
			three++
		}
	}
	fmt.Println(n > 150, three)
	// Output: true 7
}

func ExampleParseRate() {
	r, _ := currency.ParseRate("0.030")
	fmt.Println(r, r.Coefficient(), r.Scale(), r.Equal(currency.MustParseRate("0.03")))
	_, err := currency.ParseRate("-1")
	fmt.Println(err)
	// Output:
	// 0.030 30 3 true
	// currency: parsing rate "-1": negative value
}

func ExampleNewRate() {
	r, _ := currency.NewRate(1052631579, 10) // 10.52631579 %
	fmt.Println(r, r.Decimal())
	// Output: 0.1052631579 0.1052631579
}

func ExampleRateFromDecimal() {
	r, _ := currency.RateFromDecimal(decimal.RequireFromString("149.2345"))
	fmt.Println(r, r.Cmp(currency.MustParseRate("150")))
	// Output: 149.2345 -1
}

func ExampleParseRoundingMode() {
	m, _ := currency.ParseRoundingMode("HALF_UP")
	fmt.Println(m, m == currency.HalfUp)
	// Output: half-up true
}

func ExampleRoundingMode() {
	for _, mode := range []currency.RoundingMode{currency.HalfEven, currency.HalfUp, currency.HalfDown, currency.Up, currency.Down, currency.Ceiling, currency.Floor} {
		pos, _ := currency.ParseAmountRound("0.125", currency.USD, mode)
		neg, _ := currency.ParseAmountRound("-0.125", currency.USD, mode)
		fmt.Printf("%-9s %s %s\n", mode, pos.Amount(), neg.Amount())
	}
	// Output:
	// half-even 0.12 -0.12
	// half-up   0.13 -0.13
	// half-down 0.12 -0.12
	// up        0.13 -0.13
	// down      0.12 -0.12
	// ceiling   0.13 -0.12
	// floor     0.12 -0.13
}

func ExampleOpError() {
	_, err := currency.MustParse("1 USD").MulDiv(1, 0, currency.HalfEven)
	var oe *currency.OpError
	if errors.As(err, &oe) {
		fmt.Println(oe.Op, oe.X, oe.Num, oe.Den, errors.Is(err, currency.ErrDivisionByZero))
	}
	// Output: muldiv 1.00 USD 1 0 true
}

package market_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
)

func ExampleParse() {
	c, err := market.Parse("se")
	fmt.Println(c, err)

	_, err = market.Parse("XX")
	fmt.Println(err)
	fmt.Println(errors.Is(err, market.ErrUnknown))
	var ue *market.UnknownError
	if errors.As(err, &ue) {
		fmt.Printf("input %q\n", ue.Input)
	}
	// Output:
	// SE <nil>
	// market: unknown market "XX"
	// true
	// input "XX"
}

func ExampleMustParse() {
	se := market.MustParse("SE")
	fmt.Println(se == market.SE)
	// Output:
	// true
}

func ExampleCode_String() {
	fmt.Println(market.DE.String())
	fmt.Printf("%q\n", market.Code(0).String())
	// Output:
	// DE
	// ""
}

func ExampleCode_Market() {
	m := market.BR.Market()
	fmt.Println(m.Name, m.Currency, m.Tax, m.Transacts)
	// Output:
	// Brazil BRL reseller true
}

func ExampleCode_Valid() {
	fmt.Println(market.SE.Valid(), market.Code(0).Valid())
	// Output:
	// true false
}

func ExampleCode_MarshalText() {
	b, _ := json.Marshal(map[string]market.Code{"market": market.SE})
	fmt.Println(string(b))
	// Output:
	// {"market":"SE"}
}

func ExampleCode_UnmarshalText() {
	var v struct{ Market market.Code }
	err := json.Unmarshal([]byte(`{"Market":"jp"}`), &v)
	fmt.Println(v.Market, err)
	err = json.Unmarshal([]byte(`{"Market":"Japan"}`), &v)
	fmt.Println(err)
	// Output:
	// JP <nil>
	// market: unknown market "Japan"
}

func ExampleCode_AppendText() {
	b := []byte("market=")
	b, _ = market.SE.AppendText(b)
	fmt.Println(string(b))
	// Output:
	// market=SE
}

func ExampleAll() {
	n := 0
	for m := range market.All() {
		if n < 3 {
			fmt.Println(m.Code, m.Name)
		}
		n++
	}
	fmt.Println(n, "markets")
	// Output:
	// AD Andorra
	// AE United Arab Emirates
	// AF Afghanistan
	// 142 markets
}

// The tax-remitted markets billed in euros.
func ExampleFilter() {
	n := 0
	for m := range market.Filter(func(m market.Market) bool {
		return m.TaxRemitted() && m.Currency == currency.EUR
	}) {
		if n < 4 {
			fmt.Println(m.Code, m.Name)
		}
		n++
	}
	fmt.Println(n, "tax-remitted markets bill in EUR")
	// Output:
	// AT Austria
	// BE Belgium
	// BG Bulgaria
	// CY Cyprus
	// 28 tax-remitted markets bill in EUR
}

func ExampleMarket_TaxRemitted() {
	for _, c := range []market.Code{market.SE, market.BR, market.JP, market.CN} {
		m := c.Market()
		fmt.Println(c, m.Tax, m.TaxRemitted())
	}
	// Output:
	// SE microsoft-managed true
	// BR reseller true
	// JP publisher-managed false
	// CN not-enabled false
}

func ExampleMarket_IsTransacting() {
	fmt.Println(market.SE.Market().IsTransacting(), market.CN.Market().IsTransacting())
	// Output:
	// true false
}

func ExampleMarket_Language() {
	for _, c := range []market.Code{market.SE, market.DE, market.IN} {
		fmt.Println(c, c.Market().Language())
	}
	// Output:
	// SE sv-SE
	// DE de-DE
	// IN hi-IN
}

// Format a price for each market the way the market writes money.
func ExampleMarket_Locale() {
	prices := []struct {
		market market.Code
		price  string
	}{
		{market.SE, "1234.50 SEK"},
		{market.DE, "1234.50 EUR"},
		{market.US, "1234.50 USD"},
		{market.IN, "1234.50 INR"},
	}
	for _, p := range prices {
		m := p.market.Market()
		fmt.Printf("%s %s %q\n", p.market, m.Locale(), m.Locale().Format(currency.MustParse(p.price)))
	}
	// Output:
	// SE sv-SE "1\u00a0234,50\u00a0kr"
	// DE de-DE "1.234,50\u00a0€"
	// US en-US "$1,234.50"
	// IN en-IN "₹1,234.50"
}

func ExampleSetOf() {
	s := market.SetOf(market.SE, market.DE, market.SE, 0)
	fmt.Println(s, s.Len())
	// Output:
	// DE SE 2
}

// PRC-09: customers can buy in 141 markets, all but China.
func ExampleTransactingSet() {
	s := market.TransactingSet()
	fmt.Println(s.Len(), s.Has(market.SE), s.Has(market.CN))
	// Output:
	// 141 true false
}

// PLN-06: restrict a plan to the markets where Microsoft remits tax.
func ExampleTaxRemittedSet() {
	plan := market.SetOf(market.SE, market.JP, market.US, market.AR)
	fmt.Println(plan.Intersect(market.TaxRemittedSet()))
	fmt.Println(market.TaxRemittedSet().Len())
	// Output:
	// SE US
	// 61
}

func ExampleSet_Add() {
	var s market.Set
	s.Add(market.SE)
	s.Add(market.SE)
	s.Add(0) // ignored
	fmt.Println(s)
	// Output:
	// SE
}

func ExampleSet_Remove() {
	s := market.SetOf(market.SE, market.DE)
	s.Remove(market.SE)
	fmt.Println(s)
	// Output:
	// DE
}

func ExampleSet_Has() {
	s := market.SetOf(market.SE, market.DE)
	fmt.Println(s.Has(market.SE), s.Has(market.US))
	// Output:
	// true false
}

func ExampleSet_Len() {
	fmt.Println(market.SetOf(market.SE, market.DE).Len(), market.Set{}.Len())
	// Output:
	// 2 0
}

func ExampleSet_IsEmpty() {
	var s market.Set
	fmt.Println(s.IsEmpty(), market.SetOf(market.SE).IsEmpty())
	// Output:
	// true false
}

func ExampleSet_All() {
	for c := range market.SetOf(market.US, market.SE, market.DE).All() {
		fmt.Println(c, c.Market().Name)
	}
	// Output:
	// DE Germany
	// SE Sweden
	// US United States
}

func ExampleSet_Union() {
	nordic := market.SetOf(market.SE, market.DK)
	fmt.Println(nordic.Union(market.SetOf(market.NO, market.FI)))
	// Output:
	// DK FI NO SE
}

func ExampleSet_Intersect() {
	plan := market.SetOf(market.SE, market.CN, market.US)
	fmt.Println(plan.Intersect(market.TransactingSet()))
	// Output:
	// SE US
}

func ExampleSet_Difference() {
	plan := market.SetOf(market.SE, market.CN, market.US)
	fmt.Println(plan.Difference(market.TransactingSet()))
	// Output:
	// CN
}

func ExampleSet_SubsetOf() {
	plan := market.SetOf(market.SE, market.DE)
	fmt.Println(plan.SubsetOf(market.TaxRemittedSet()))
	fmt.Println(market.SetOf(market.JP).SubsetOf(market.TaxRemittedSet()))
	// Output:
	// true
	// false
}

func ExampleSet_String() {
	fmt.Printf("%v|%v\n", market.SetOf(market.SE, market.DE), market.Set{})
	// Output:
	// DE SE|
}

func ExampleSet_MarshalJSON() {
	type plan struct {
		ID      string     `json:"id"`
		Markets market.Set `json:"markets"`
	}
	b, _ := json.Marshal(plan{ID: "gold", Markets: market.SetOf(market.SE, market.DE)})
	fmt.Println(string(b))
	b, _ = json.Marshal(market.Set{})
	fmt.Println(string(b))
	// Output:
	// {"id":"gold","markets":["DE","SE"]}
	// []
}

func ExampleSet_UnmarshalJSON() {
	var s market.Set
	err := json.Unmarshal([]byte(`["se","DE"]`), &s)
	fmt.Println(s, err)

	err = json.Unmarshal([]byte(`["DE","SE","FR","XX"]`), &s)
	fmt.Println(err)
	fmt.Println(errors.Is(err, market.ErrUnknown))

	err = json.Unmarshal([]byte(`["SE","se"]`), &s)
	fmt.Println(err)
	fmt.Println(errors.Is(err, market.ErrDuplicate))
	fmt.Println(s) // unchanged by the failed decodes
	// Output:
	// DE SE <nil>
	// market: markets[3]: unknown market "XX"
	// true
	// market: markets[1]: duplicate market "SE"
	// true
	// DE SE
}

func ExampleTaxHandling_String() {
	fmt.Println(market.MicrosoftManaged, market.PublisherManaged, market.Reseller, market.NotEnabled)
	fmt.Printf("%q\n", market.TaxHandling(0))
	// Output:
	// microsoft-managed publisher-managed reseller not-enabled
	// ""
}

func ExampleTaxHandling_MarshalText() {
	b, err := market.Reseller.MarshalText()
	fmt.Println(string(b), err)
	b, err = market.TaxHandling(0).MarshalText()
	fmt.Printf("%q %v\n", b, err)
	_, err = market.TaxHandling(9).MarshalText()
	fmt.Println(err)
	// Output:
	// reseller <nil>
	// "" <nil>
	// unknown tax handling "market.TaxHandling(9)" (want publisher-managed, microsoft-managed, reseller or not-enabled)
}

func ExampleTaxHandling_UnmarshalText() {
	var t market.TaxHandling
	err := t.UnmarshalText([]byte("microsoft-managed"))
	fmt.Println(t, err)
	err = t.UnmarshalText([]byte("Microsoft"))
	fmt.Println(err)
	// Output:
	// microsoft-managed <nil>
	// unknown tax handling "Microsoft" (want publisher-managed, microsoft-managed, reseller or not-enabled)
}

func ExampleUnknownError() {
	_, err := market.Parse("Sverige")
	var ue *market.UnknownError
	fmt.Println(errors.As(err, &ue), ue.Input)
	// Output:
	// true Sverige
}

func ExampleTaxHandling_Valid() {
	fmt.Println(market.MicrosoftManaged.Valid(), market.TaxHandling(0).Valid())
	// Output: true false
}

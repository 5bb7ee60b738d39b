package payout_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"slices"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/rule"
)

var pst = payout.PST()

// A sale in the 3% era: the VM worked example's with a 1.00 USD license and 0.14 USD of
// Azure infrastructure per hour.
func ExamplePolicy_Fee() {
	p := payout.Policy2023()
	f, err := p.Fee(payout.Transaction{
		Gross:          currency.MustParse("1.00 USD"),
		Infrastructure: currency.MustParse("0.14 USD"),
		Collected:      time.Date(2023, 3, 1, 0, 0, 0, 0, pst),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(f.Fee, f.Share, f.Infrastructure, f.Billed, f.Reason)
	// Output: 0.03 USD 0.97 USD 0.14 USD 1.14 USD fee-standard
}

// The fee is charged on the price after a private-offer discount
// : 20% off 100.00 USD is 80.00 USD, and 3% of it is
// 2.40 USD.
func ExamplePolicy_Fee_privateOffer() {
	f, _ := payout.Policy2023().Fee(payout.Transaction{Gross: currency.MustParse("80.00 USD"), Collected: time.Date(2024, 1, 5, 0, 0, 0, 0, pst)})
	fmt.Println(f.Fee, f.Share)
	// Output: 2.40 USD 77.60 USD
}

func ExampleFee_Explain() {
	f, _ := payout.Policy2023().Fee(payout.Transaction{
		Gross: currency.MustParse("100.00 USD"), Qualified: true,
		Collected: time.Date(2019, 6, 1, 0, 0, 0, 0, pst),
	})
	fmt.Println(f.Explain(rule.English))
	// Output: Reduced store service fee for a qualified offer: 10% of the license fee $100.00 is $10.00 (rounded half-even); the publisher's share is $90.00. (EXT-10)
}

// an MCA order paid by credit card in January is paid out in May.
func ExamplePolicy_Schedule() {
	s, err := payout.Policy2023().Schedule(payout.Transaction{
		Date: time.Date(2024, 1, 10, 9, 0, 0, 0, pst), Agreement: payout.MCA, Payment: payout.CreditCard,
		Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("100.00 USD"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(s.PayoutMonth, s.MonthsAfter, s.PayoutDate.Format("2006-01-02"), s.Rule, s.Reason)
	fmt.Println(s.Convention)
	// Output:
	// 2024-05 4 months 2024-05-15 PAY-03 card-hold
	// earliest-payout-subject-to-threshold
}

func ExampleSchedule_Explain() {
	s, _ := payout.Policy2023().Schedule(payout.Transaction{
		Date: time.Date(2024, 1, 10, 0, 0, 0, 0, pst), Agreement: payout.EA, Payment: payout.Invoice,
		Charge: payout.Usage, Type: payout.Sale, Gross: currency.MustParse("10.00 USD"),
	})
	fmt.Println(s.Explain(rule.English))
	fmt.Println(s.Explain(rule.Swedish))
	// Output:
	// EA usage in 2024-01: paid out in 2024-03 (M+2), before the customer pays; sent by 2024-03-15. (EXT-11)
	// EA-användning i 2024-01: betalas ut i 2024-03 (M+2), innan kunden betalar; skickas senast 2024-03-15. (EXT-11)
}

func ExampleSchedule_StateAt() {
	s, _ := payout.Policy2023().Schedule(payout.Transaction{
		Date: time.Date(2024, 1, 10, 0, 0, 0, 0, pst), Agreement: payout.CSP, Payment: payout.Invoice,
		Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("10.00 EUR"),
	})
	for _, at := range []time.Time{
		time.Date(2024, 3, 20, 0, 0, 0, 0, pst),
		time.Date(2024, 4, 2, 0, 0, 0, 0, pst),
		time.Date(2024, 4, 16, 0, 0, 0, 0, pst),
	} {
		fmt.Println(at.Format("2006-01-02"), s.StateAt(at))
	}
	// Output:
	// 2024-03-20 unprocessed
	// 2024-04-02 processed
	// 2024-04-16 sent
}

func ExamplePolicy_Validate() {
	p := payout.Policy2023()
	p.PayoutDay = 31
	p.CardHoldDays = -1
	err := p.Validate()
	fmt.Println(errors.Is(err, payout.ErrPolicy))
	var ps rule.Problems
	errors.As(err, &ps)
	fmt.Print(ps.Text(rule.English))
	var zero payout.Policy // means DefaultPolicy
	fmt.Println(zero.Validate())
	// Output:
	// true
	// policy.payoutDay: payout day 31 is not in 1…28 (EXT-11)
	// policy.cardHoldDays: -1 is not in 0…1,200 (PAY-03)
	// <nil>
}

func ExamplePolicy2023() {
	p := payout.Policy2023()
	for _, e := range p.Fees {
		from := "always"
		if !e.From.IsZero() {
			from = e.From.Format("2006-01-02")
		}
		fmt.Println(from, e.Standard, e.Qualified)
	}
	fmt.Println(p.Threshold, p.PayoutDay, p.Zone, p.EAInvoiceDays, p.EAOrderMonths, p.EAUsageMonths)
	// Output:
	// always 0.20 0.20
	// 2019-05-01 0.20 0.10
	// 2020-07-01 0.20 0.20
	// 2021-07-01 0.03 0.03
	// 50.00 USD 15 PST 0 days 1 month 2 months
}

// DefaultPolicy's EA rule (PAY-02): the first payout day on or after the
// invoice + 30 days; Policy2023's (EXT-11): the month after an order.
func ExampleDefaultPolicy() {
	t := payout.Transaction{
		Date: time.Date(2024, 1, 20, 0, 0, 0, 0, pst), Agreement: payout.EA, Payment: payout.Invoice,
		Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("10.00 USD"),
	}
	a, _ := payout.Policy2023().Schedule(t)
	b, _ := payout.DefaultPolicy().Schedule(t)
	fmt.Println(a.PayoutMonth, a.Rule)
	fmt.Println(b.PayoutMonth, b.Rule)
	// Output:
	// 2024-02 EXT-11
	// 2024-03 PAY-02
}

func ExamplePST() {
	fmt.Println(time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC).In(payout.PST()).Format(time.RFC3339))
	// Output: 2024-07-01T04:00:00-08:00
}

func ExampleTransaction_Validate() {
	err := payout.Transaction{
		Date: time.Date(2024, 1, 10, 0, 0, 0, 0, pst), Agreement: payout.EA, Payment: payout.Invoice,
		Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("-5.00 USD"),
	}.Validate()
	fmt.Println(errors.Is(err, payout.ErrAmount))
	fmt.Println(err)
	// Output:
	// true
	// transaction.gross: a purchase of -5.00 USD is negative: refunds, reversals and chargebacks are the negative lines (EXT-11)
}

func sales() []payout.Transaction {
	ea := func(d time.Time, gross string) payout.Transaction {
		return payout.Transaction{Date: d, Agreement: payout.EA, Payment: payout.Invoice, Charge: payout.Order,
			Type: payout.Sale, Gross: currency.MustParse(gross)}
	}
	return []payout.Transaction{
		ea(time.Date(2024, 1, 10, 0, 0, 0, 0, pst), "30.00 USD"),
		ea(time.Date(2024, 2, 10, 0, 0, 0, 0, pst), "300.00 SEK"),
		ea(time.Date(2024, 2, 11, 0, 0, 0, 0, pst), "5.00 USD"),
	}
}

var rates = payout.MonthRates{
	ym(2024, 3): {{From: currency.SEK, To: currency.USD, Rate: currency.MustParseRate("0.0952")}},
}

func ExamplePolicy_BuildStatement() {
	st, err := payout.Policy2023().BuildStatement(slices.Values(sales()), rates)
	if err != nil {
		panic(err)
	}
	for _, p := range st.Payouts {
		fmt.Println(p.Month, p.Allowed, p.Combined)
	}
	// Output:
	// 2024-02 false 29.10 USD
	// 2024-03 true 61.65 USD
}

// The spaces before "US$" and "kr" are no-break spaces, as CLDR writes
// Swedish amounts.
func ExampleStatement_Explain() {
	st, _ := payout.Policy2023().BuildStatement(slices.Values(sales()), rates)
	fmt.Print(st.Explain(rule.Swedish))
	// Output:
	// Utbetalning 2024-02: det kombinerade saldot 29,10 US$ är under tröskeln 50,00 US$, så inget betalas ut och det förs över till nästa månad. (PAY-04)
	// Utbetalning 2024-03: det kombinerade saldot 61,65 US$ når tröskeln 50,00 US$ och betalas ut: 291,00 kr och 33,95 US$; skickas senast 2024-03-15. (PAY-04)
}

func ExampleStatement_Payout() {
	st, _ := payout.Policy2023().BuildStatement(slices.Values(sales()), rates)
	p, ok := st.Payout(ym(2024, 3))
	fmt.Println(ok)
	for _, b := range p.Balances {
		fmt.Println(b.Currency, b.Opening, b.Net, b.Paid, b.Closing, b.Converted)
	}
	// Output:
	// true
	// SEK 0.00 SEK 291.00 SEK 291.00 SEK 0.00 SEK 27.70 USD
	// USD 29.10 USD 4.85 USD 33.95 USD 0.00 USD 33.95 USD
}

func ExampleStatement_Total() {
	st, _ := payout.Policy2023().BuildStatement(slices.Values(sales()), rates)
	t, _ := st.Total(currency.USD)
	fmt.Println(t.Count, t.Gross, t.Fee, t.Paid, t.Carried, t.Withheld)
	// Output: 2 35.00 USD 1.05 USD 33.95 USD 0.00 USD 0.00 USD
}

func ExamplePayout_Explain() {
	st, _ := payout.Policy2023().BuildStatement(slices.Values(sales()[:1]), nil)
	fmt.Println(st.Payouts[0].Explain(rule.English))
	// Output: Payout 2024-02: the combined balance $29.10 is below the threshold $50.00, so nothing is paid and it carries over to the next month. (PAY-04)
}

func ExamplePayout_StateAt() {
	st, _ := payout.Policy2023().BuildStatement(slices.Values(sales()), rates)
	at := time.Date(2024, 4, 1, 0, 0, 0, 0, pst)
	for _, p := range st.Payouts {
		fmt.Println(p.Month, p.Allowed, p.StateAt(at))
	}
	// Output:
	// 2024-02 false processed
	// 2024-03 true sent
}

func ExampleMonthRates_Rate() {
	x, ok := rates.Rate(ym(2024, 3), currency.SEK, currency.USD)
	fmt.Println(x.Rate, ok)
	_, ok = rates.Rate(ym(2024, 4), currency.SEK, currency.USD)
	fmt.Println(ok)
	// Output:
	// 0.0952 true
	// false
}

func ExampleNewLedger() {
	l, err := payout.NewLedger(payout.DefaultPolicy())
	fmt.Println(l.Len(), err)
	// Output: 0 <nil>
}

func ExampleLedger_Add() {
	var l payout.Ledger // the zero Ledger uses DefaultPolicy
	err := l.Add(payout.Transaction{Date: time.Date(2024, 1, 10, 0, 0, 0, 0, pst), Agreement: payout.EA,
		Payment: payout.Invoice, Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("100.00 USD")})
	fmt.Println(l.Len(), err)
	err = l.Add(payout.Transaction{})
	var ps rule.Problems
	fmt.Println(errors.As(err, &ps), len(ps), errors.Is(err, payout.ErrUnknown))
	// Output:
	// 1 <nil>
	// true 6 true
}

func ExampleLedger_AddAll() {
	l, _ := payout.NewLedger(payout.Policy2023())
	txs := append(sales(), payout.Transaction{Date: time.Date(2024, 1, 1, 0, 0, 0, 0, pst), Agreement: payout.EA,
		Payment: payout.Invoice, Charge: payout.Order, Type: payout.Refund, Gross: currency.MustParse("5.00 USD")})
	err := l.AddAll(slices.Values(txs))
	fmt.Println(l.Len())
	fmt.Println(err)
	// Output:
	// 3
	// transactions[3].gross: a refund of 5.00 USD is positive: refunds, reversals and chargebacks are zero or negative (EXT-11)
}

func ExampleLedger_AddCSV() {
	in := `id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced
A-1,2024-01-10,ea,invoice,order,purchase,100.00,USD,false,,
A-2,2024-01-11,ea,invoice,order,purchase,12.345,USD,false,,
`
	l, _ := payout.NewLedger(payout.Policy2023())
	err := l.AddCSV(strings.NewReader(in), payout.CSVOptions{Name: "sales.csv"})
	fmt.Println(l.Len())
	fmt.Println(err)
	// Output:
	// 1
	// sales.csv line 3, column gross: "12.345" is not an exact USD amount: currency: parsing amount "12.345": more decimal places than allowed (USD has 2 decimal places) (EXT-11)
}

func ExampleLedger_Merge() {
	a, _ := payout.NewLedger(payout.Policy2023())
	b, _ := payout.NewLedger(payout.Policy2023())
	all := sales()
	_ = a.AddAll(slices.Values(all[:1]))
	_ = b.AddAll(slices.Values(all[1:]))
	if err := a.Merge(b); err != nil {
		panic(err)
	}
	st, _ := a.Statement(rates)
	fmt.Println(a.Len(), len(st.Payouts), st.Payouts[1].Allowed)
	// Output: 3 2 true
}

func ExampleLedger_Statement() {
	l, _ := payout.NewLedger(payout.Policy2023())
	_ = l.AddAll(slices.Values(sales()))
	_, err := l.Statement(nil) // SEK needs a rate
	fmt.Println(err)
	fmt.Println(errors.Is(err, payout.ErrNoRate))
	// Output:
	// rates[2024-03].SEK: no exchange rate from SEK to USD for payout month 2024-03 (PAY-04)
	// true
}

func ExampleLedger_Len() {
	l, _ := payout.NewLedger(payout.Policy2023())
	_ = l.AddAll(slices.Values(sales()))
	fmt.Println(l.Len())
	// Output: 3
}

// A ledger can start from the balance an earlier statement carried: 30.00
// USD brought into April, plus 25.00 USD of April's earnings, passes the
// threshold.
func ExampleLedger_Open() {
	l, _ := payout.NewLedger(payout.Policy2023())
	_ = l.Open(ym(2024, time.April), currency.MustParse("30.00 USD"))
	_ = l.Add(payout.Transaction{Date: time.Date(2024, 3, 5, 0, 0, 0, 0, pst), Agreement: payout.EA,
		Payment: payout.Invoice, Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("25.78 USD")})
	st, _ := l.Statement(nil)
	po := st.Payouts[0]
	fmt.Println(po.Month, po.Balances[0].Opening, po.Balances[0].Net, po.ThresholdMet, po.Allowed)
	// Output: 2024-04 30.00 USD 25.01 USD true true
}

// A repeated transaction ID is refused.
func ExampleLedger_IgnoreDuplicateIDs() {
	t := payout.Transaction{ID: "T-1", Date: time.Date(2024, 3, 5, 0, 0, 0, 0, pst), Agreement: payout.EA,
		Payment: payout.Invoice, Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("25.00 USD")}
	l, _ := payout.NewLedger(payout.DefaultPolicy())
	fmt.Println(l.Add(t), errors.Is(l.Add(t), payout.ErrDuplicate))
	l.IgnoreDuplicateIDs() // for input already deduplicated: memory stays flat
	fmt.Println(l.Add(t), l.Len())
	// Output:
	// <nil> true
	// <nil> 2
}

func ExampleLedger_MarshalJSON() {
	l, _ := payout.NewLedger(payout.Policy2023())
	_ = l.AddAll(slices.Values(sales()[:1]))
	data, _ := json.Marshal(l)
	fmt.Println(string(data))
	// Output: {"transactions":1,"entries":[{"month":"2024-02","type":"purchase","count":1,"gross":{"amount":"30.00","currency":"USD"},"fee":{"amount":"0.90","currency":"USD"}}]}
}

func ExampleLedger_UnmarshalJSON() {
	var l payout.Ledger
	err := json.Unmarshal([]byte(`{"transactions":1,"entries":[{"month":"2024-02","type":"purchase","count":1,`+
		`"gross":{"amount":"30.00","currency":"USD"},"fee":{"amount":"0.90","currency":"USD"}}]}`), &l)
	fmt.Println(l.Len(), err)
	st, _ := l.Statement(nil)
	fmt.Println(st.Payouts[0].Combined)
	// Output:
	// 1 <nil>
	// 29.10 USD
}

func ExampleColumns() {
	fmt.Println(strings.Join(payout.Columns(), ","))
	// Output: id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced
}

func ExampleNewReader() {
	in := "id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced\n" +
		"A-1,2024-01-10T08:00:00Z,mca,credit-card,usage,purchase,1200,JPY,true,,\n"
	r := payout.NewReader(strings.NewReader(in), payout.CSVOptions{})
	t, err := r.Read()
	fmt.Println(t.ID, t.Date.Format(time.RFC3339), t.Agreement, t.Payment, t.Charge, t.Type, t.Gross, t.Qualified, err)
	// Output: A-1 2024-01-10T08:00:00Z mca credit-card usage purchase 1200 JPY true <nil>
}

func ExampleReader_Read() {
	in := "id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced\n" +
		"A-1,2024-01-10,ea,invoice,order,gift,1.00,USD,,,\n" +
		"A-2,2024-01-10,ea,invoice,order,purchase,1.00,USD,,,\n"
	r := payout.NewReader(strings.NewReader(in), payout.CSVOptions{Name: "in.csv"})
	for {
		t, err := r.Read()
		if err != nil {
			fmt.Println(err)
			if errors.Is(err, payout.ErrUnknown) {
				continue // a bad row: go on with the next
			}
			break
		}
		fmt.Println(t.ID, t.Gross)
	}
	// Output:
	// in.csv line 2, column type: unknown transaction type "gift" (want purchase, refund, reversal or chargeback) (EXT-11)
	// A-2 1.00 USD
	// EOF
}

func ExampleReader_All() {
	in := "id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced\n" +
		"A-1,2024-01-10,ea,invoice,order,purchase,1.00,USD,,,\n" +
		"A-2\n"
	for t, err := range payout.NewReader(strings.NewReader(in), payout.CSVOptions{}).All() {
		fmt.Println(t.ID, err, errors.Is(err, payout.ErrCSV))
	}
	// Output:
	// A-1 <nil> false
	//  transactions.csv line 3: malformed CSV: 1 fields, want 11 true
}

func ExampleNewWriter() {
	var buf bytes.Buffer
	w := payout.NewWriter(&buf)
	_ = w.Write(payout.Transaction{ID: "A-1", Date: time.Date(2024, 1, 10, 0, 0, 0, 0, pst), Agreement: payout.CSP,
		Payment: payout.Invoice, Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("9.90 EUR")})
	_ = w.Flush()
	fmt.Print(buf.String())
	// Output:
	// id,date,agreement,payment,charge,type,gross,currency,qualified,collected,invoiced
	// A-1,2024-01-10T00:00:00-08:00,csp,invoice,order,purchase,9.90,EUR,false,,
}

func ExampleWriter_Write() {
	w := payout.NewWriter(&bytes.Buffer{})
	err := w.Write(payout.Transaction{ID: "A-1"})
	fmt.Println(errors.Is(err, payout.ErrDate), errors.Is(err, payout.ErrCurrency))
	// Output: true true
}

func ExampleWriter_Flush() {
	var buf bytes.Buffer
	w := payout.NewWriter(&buf)
	fmt.Println(w.Flush(), buf.String() == strings.Join(payout.Columns(), ",")+"\n")
	// Output: <nil> true
}

// ym returns a payout month.
func ym(y int, m time.Month) calendar.YearMonth {
	v, err := calendar.YearMonthOf(y, m)
	if err != nil {
		panic(err)
	}
	return v
}

// A policy read from JSON is checked strictly; its zone is PST.
func ExamplePolicy_UnmarshalJSON() {
	data, _ := json.Marshal(payout.Policy2023())
	var p payout.Policy
	fmt.Println(json.Unmarshal(data, &p), p.EAInvoiceDays, p.PayoutDay)
	fmt.Println(json.Unmarshal([]byte(`{"payoutDay":31}`), &p))
	// Output:
	// <nil> 0 days 15
	// 3 problems: policy.fees: the fee schedule is empty (PAY-05); policy.payoutDay: payout day 31 is not in 1…28 (EXT-11); policy.threshold: the threshold 0 must be a non-negative amount in a known currency (PAY-04)
}

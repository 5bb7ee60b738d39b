package payout_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/rule"
)

// An earnings export with its columns in Partner Center's names (any
// order, extra columns ignored); the second row's store fee is wrong.
const export = "earningId,transactionId,transactionDate,transactionType,transactionPaymentMethod,transactionAmount," +
	"transactionCurrency,taxRemitted,storeFee,earningAmount,estimatedPaymentMonth,lever\n" +
	"E-1,T-1,2024-01-10,purchase,Invoice,125.00,USD,25.00,3.00,97.00,2024-04,Azure Marketplace\n" +
	"E-2,T-2,2024-01-12,purchase,Invoice,1000.00,SEK,0,35.00,965.00,2024-04,Azure Marketplace\n"

func ExampleReadEarnings() {
	for e, err := range payout.ReadEarnings(strings.NewReader(export), payout.CSVOptions{}) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(e.Line, e.Transaction.ID, e.Transaction.Gross, e.TaxRemitted, e.StoreFee, e.EstimatedPaymentMonth)
	}
	// Output:
	// 2 T-1 100.00 USD 25.00 USD 3.00 USD 2024-04
	// 3 T-2 1000.00 SEK 0.00 SEK 35.00 SEK 2024-04
}

func ExamplePolicy_ReconcileEarnings() {
	var p payout.Policy // DefaultPolicy
	for r, err := range p.ReconcileEarnings(strings.NewReader(export), payout.CSVOptions{Name: "earnings.csv"}) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(r.Allowed, r)
	}
	// Output:
	// true Row 2 (T-1) agrees: store fee $3.00, earning $97.00, payment month 2024-04. (ERN-01)
	// false Row 3 (T-2) differs: storeFee is SEK 35.00, the policy gives SEK 30.00 (PAY-05); earningAmount is SEK 965.00, the policy gives SEK 970.00 (PAY-05). (ERN-01)
}

func ExamplePolicy_Reconcile() {
	e := payout.Earning{Line: 7, Transaction: payout.Transaction{ID: "T-7",
		Date: time.Date(2024, 1, 10, 0, 0, 0, 0, payout.PST()), Agreement: payout.MCA, Payment: payout.CreditCard,
		Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("50.00 EUR")},
		StoreFee: currency.MustParse("1.50 EUR"), EarningAmount: currency.MustParse("48.50 EUR"),
		EstimatedPaymentMonth: ym(2024, time.April)}
	r, _ := payout.DefaultPolicy().Reconcile(e)
	for _, d := range r.Differences {
		fmt.Println(d.Column, d.Reported, d.Expected, d.Rule)
	}
	// Output: estimatedPaymentMonth 2024-04 2024-05 PAY-03
}

func ExampleReconciliation_Explain() {
	for r := range payout.DefaultPolicy().ReconcileEarnings(strings.NewReader(export), payout.CSVOptions{}) {
		fmt.Println(r.Explain(rule.Swedish))
	}
	// Output:
	// Rad 2 (T-1) stämmer: butiksavgift 3,00 US$, intäkt 97,00 US$, utbetalningsmånad 2024-04. (ERN-01)
	// Rad 3 (T-2) avviker: storeFee är 35,00 kr, policyn ger 30,00 kr (PAY-05); earningAmount är 965,00 kr, policyn ger 970,00 kr (PAY-05). (ERN-01)
}

func ExampleReconciliation_String() {
	r, _ := payout.DefaultPolicy().Reconcile(payout.Earning{Line: 2, Transaction: payout.Transaction{ID: "T-1",
		Date: time.Date(2024, 1, 10, 0, 0, 0, 0, payout.PST()), Agreement: payout.MCA, Payment: payout.Invoice,
		Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("10.00 USD")},
		StoreFee: currency.MustParse("0.30 USD"), EarningAmount: currency.MustParse("9.70 USD")})
	fmt.Println(r)
	// Output: Row 2 (T-1) agrees: store fee $0.30, earning $9.70, payment month 2024-04. (ERN-01)
}

func ExampleFee_String() {
	f, _ := payout.DefaultPolicy().Fee(payout.Transaction{Gross: currency.MustParse("100.00 USD"),
		Date: time.Date(2024, 1, 10, 0, 0, 0, 0, payout.PST())})
	fmt.Println(f.Allowed, f)
	// Output: true Store service fee: 3% of the license fee $100.00 is $3.00 (rounded half-even); the publisher's share is $97.00. (PAY-05)
}

func ExampleSchedule_String() {
	s, _ := payout.DefaultPolicy().Schedule(payout.Transaction{Date: time.Date(2024, 1, 10, 0, 0, 0, 0, payout.PST()),
		Agreement: payout.EA, Payment: payout.Invoice, Charge: payout.Order, Type: payout.Sale,
		Gross: currency.MustParse("100.00 USD")})
	fmt.Println(s)
	// Output: EA order in 2024-01, invoiced 2024-01-10: paid in the first payout cycle 30 days after the invoice, 2024-02 (M+1); sent by 2024-02-15. (PAY-02)
}

func ExamplePayout_String() {
	st, _ := payout.DefaultPolicy().BuildStatement(func(yield func(payout.Transaction) bool) {
		yield(payout.Transaction{Date: time.Date(2024, 1, 10, 0, 0, 0, 0, payout.PST()), Agreement: payout.MCA,
			Payment: payout.Invoice, Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("20.00 USD")})
	}, nil)
	fmt.Println(st.Payouts[0].ThresholdMet, st.Payouts[0])
	// Output: false Payout 2024-04: the combined balance $19.40 is below the threshold $50.00, so nothing is paid and it carries over to the next month. (PAY-04)
}

func ExampleStatement_String() {
	st, _ := payout.DefaultPolicy().BuildStatement(nil, nil)
	fmt.Printf("%q %d\n", st.String(), st.Transactions)
	// Output: "" 0
}

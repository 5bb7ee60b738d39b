package payout_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/rule"
)

func ExampleAgreement_String() {
	for _, v := range []payout.Agreement{payout.EA, payout.MCA, payout.CSP, 0} {
		fmt.Printf("%q\n", v.String())
	}
	// Output:
	// "ea"
	// "mca"
	// "csp"
	// ""
}

func ExampleAgreement_MarshalText() {
	data, _ := json.Marshal(map[string]payout.Agreement{"set": payout.EA, "unset": 0})
	fmt.Println(string(data))
	_, err := payout.Agreement(200).MarshalText()
	fmt.Println(errors.Is(err, payout.ErrUnknown))
	// Output:
	// {"set":"ea","unset":""}
	// true
}

func ExampleAgreement_UnmarshalText() {
	var v payout.Agreement
	err := v.UnmarshalText([]byte("MCA"))
	fmt.Println(v == payout.MCA, err)
	fmt.Println(v.UnmarshalText([]byte("bogus")))
	// Output:
	// true <nil>
	// unknown customer agreement "bogus" (want ea, mca or csp)
}

func ExampleCharge_String() {
	fmt.Println(payout.Order, payout.Usage)
	// Output: order usage
}

func ExampleCharge_MarshalText() {
	data, _ := json.Marshal(payout.Usage)
	fmt.Println(string(data))
	// Output: "usage"
}

func ExampleCharge_UnmarshalText() {
	var v payout.Charge
	err := v.UnmarshalText([]byte("Usage"))
	fmt.Println(v, err)
	// Output: usage <nil>
}

func ExampleTransactionType_String() {
	for _, v := range []payout.TransactionType{payout.Sale, payout.Refund, payout.Reversal, payout.Chargeback} {
		fmt.Println(v, v.Negative())
	}
	// Output:
	// purchase false
	// refund true
	// reversal true
	// chargeback true
}

func ExampleTransactionType_Negative() {
	fmt.Println(payout.Sale.Negative(), payout.Chargeback.Negative())
	// Output: false true
}

func ExampleTransactionType_MarshalText() {
	data, _ := json.Marshal(payout.Sale)
	fmt.Println(string(data))
	// Output: "purchase"
}

func ExampleTransactionType_UnmarshalText() {
	var v payout.TransactionType
	err := v.UnmarshalText([]byte("Chargeback"))
	fmt.Println(v == payout.Chargeback, err)
	// Output: true <nil>
}

func ExamplePricing_String() {
	for _, v := range []payout.Pricing{payout.Transact, payout.BYOL, payout.ZeroPrice, payout.ListOnly} {
		fmt.Println(v)
	}
	// Output:
	// transact
	// byol
	// zero-price
	// list-only
}

func ExamplePricing_MarshalText() {
	var zero payout.Pricing // Transact, a real default
	data, _ := json.Marshal(zero)
	fmt.Println(string(data))
	// Output: "transact"
}

func ExamplePricing_UnmarshalText() {
	var v payout.Pricing
	err := v.UnmarshalText([]byte("zero price"))
	fmt.Println(v, err)
	// Output: zero-price <nil>
}

func ExampleState_String() {
	for _, v := range []payout.State{payout.Unprocessed, payout.Processed, payout.Sent} {
		fmt.Println(v)
	}
	// Output:
	// unprocessed
	// processed
	// sent
}

func ExampleState_Text() {
	fmt.Println(payout.Processed.Text(rule.English), payout.Processed.Text(rule.Swedish))
	// Output: processed bearbetad
}

func ExampleState_MarshalText() {
	data, _ := json.Marshal(payout.Sent)
	fmt.Println(string(data))
	// Output: "sent"
}

func ExampleState_UnmarshalText() {
	var v payout.State
	err := v.UnmarshalText([]byte("Processed"))
	fmt.Println(v, err)
	// Output: processed <nil>
}

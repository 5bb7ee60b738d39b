package payout_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/rule"
)

func ExampleParseAgreement() {
	v, err := payout.ParseAgreement("EA")
	fmt.Println(v, err)
	_, err = payout.ParseAgreement("bogus")
	fmt.Println(errors.Is(err, payout.ErrAgreement))
	// Output:
	// ea <nil>
	// true
}

func ExampleAgreement_String() {
	for _, v := range []payout.Agreement{payout.EA, payout.MCA, payout.CSP} {
		fmt.Println(v.String())
	}
	// Output:
	// ea
	// mca
	// csp
}

func ExampleAgreement_Valid() {
	fmt.Println(payout.EA.Valid(), payout.Agreement(200).Valid())
	// Output: true false
}

func ExampleAgreement_MarshalText() {
	data, _ := json.Marshal(map[string]payout.Agreement{"v": payout.EA})
	fmt.Println(string(data))
	_, err := payout.Agreement(200).MarshalText()
	fmt.Println(errors.Is(err, payout.ErrAgreement))
	// Output:
	// {"v":"ea"}
	// true
}

func ExampleAgreement_UnmarshalText() {
	var v payout.Agreement
	err := v.UnmarshalText([]byte("mca"))
	fmt.Println(v == payout.MCA, err)
	// Output: true <nil>
}

func ExampleParsePayment() {
	v, err := payout.ParsePayment("Credit Card")
	fmt.Println(v, err)
	_, err = payout.ParsePayment("bogus")
	fmt.Println(errors.Is(err, payout.ErrPayment))
	// Output:
	// credit-card <nil>
	// true
}

func ExamplePayment_String() {
	for _, v := range []payout.Payment{payout.Invoice, payout.CreditCard} {
		fmt.Println(v.String())
	}
	// Output:
	// invoice
	// credit-card
}

func ExamplePayment_Valid() {
	fmt.Println(payout.CreditCard.Valid(), payout.Payment(200).Valid())
	// Output: true false
}

func ExamplePayment_MarshalText() {
	data, _ := json.Marshal(map[string]payout.Payment{"v": payout.CreditCard})
	fmt.Println(string(data))
	_, err := payout.Payment(200).MarshalText()
	fmt.Println(errors.Is(err, payout.ErrPayment))
	// Output:
	// {"v":"credit-card"}
	// true
}

func ExamplePayment_UnmarshalText() {
	var v payout.Payment
	err := v.UnmarshalText([]byte("invoice"))
	fmt.Println(v == payout.Invoice, err)
	// Output: true <nil>
}

func ExampleParseKind() {
	v, err := payout.ParseKind("USAGE")
	fmt.Println(v, err)
	_, err = payout.ParseKind("bogus")
	fmt.Println(errors.Is(err, payout.ErrKind))
	// Output:
	// usage <nil>
	// true
}

func ExampleKind_String() {
	for _, v := range []payout.Kind{payout.Order, payout.Usage} {
		fmt.Println(v.String())
	}
	// Output:
	// order
	// usage
}

func ExampleKind_Valid() {
	fmt.Println(payout.Usage.Valid(), payout.Kind(200).Valid())
	// Output: true false
}

func ExampleKind_MarshalText() {
	data, _ := json.Marshal(map[string]payout.Kind{"v": payout.Usage})
	fmt.Println(string(data))
	_, err := payout.Kind(200).MarshalText()
	fmt.Println(errors.Is(err, payout.ErrKind))
	// Output:
	// {"v":"usage"}
	// true
}

func ExampleKind_UnmarshalText() {
	var v payout.Kind
	err := v.UnmarshalText([]byte("order"))
	fmt.Println(v == payout.Order, err)
	// Output: true <nil>
}

func ExampleParseType() {
	v, err := payout.ParseType("charge_back")
	fmt.Println(v, err)
	_, err = payout.ParseType("bogus")
	fmt.Println(errors.Is(err, payout.ErrType))
	// Output:
	// chargeback <nil>
	// true
}

func ExampleType_String() {
	for _, v := range []payout.Type{payout.Purchase, payout.Refund, payout.Reversal, payout.Chargeback} {
		fmt.Println(v.String())
	}
	// Output:
	// purchase
	// refund
	// reversal
	// chargeback
}

func ExampleType_Valid() {
	fmt.Println(payout.Chargeback.Valid(), payout.Type(200).Valid())
	// Output: true false
}

func ExampleType_MarshalText() {
	data, _ := json.Marshal(map[string]payout.Type{"v": payout.Chargeback})
	fmt.Println(string(data))
	_, err := payout.Type(200).MarshalText()
	fmt.Println(errors.Is(err, payout.ErrType))
	// Output:
	// {"v":"chargeback"}
	// true
}

func ExampleType_UnmarshalText() {
	var v payout.Type
	err := v.UnmarshalText([]byte("refund"))
	fmt.Println(v == payout.Refund, err)
	// Output: true <nil>
}

func ExampleParsePricing() {
	v, err := payout.ParsePricing("Zero Price")
	fmt.Println(v, err)
	_, err = payout.ParsePricing("bogus")
	fmt.Println(errors.Is(err, payout.ErrPricing))
	// Output:
	// zero-price <nil>
	// true
}

func ExamplePricing_String() {
	for _, v := range []payout.Pricing{payout.Transact, payout.BYOL, payout.ZeroPrice, payout.ListOnly} {
		fmt.Println(v.String())
	}
	// Output:
	// transact
	// byol
	// zero-price
	// list-only
}

func ExamplePricing_Valid() {
	fmt.Println(payout.ZeroPrice.Valid(), payout.Pricing(200).Valid())
	// Output: true false
}

func ExamplePricing_MarshalText() {
	data, _ := json.Marshal(map[string]payout.Pricing{"v": payout.ZeroPrice})
	fmt.Println(string(data))
	_, err := payout.Pricing(200).MarshalText()
	fmt.Println(errors.Is(err, payout.ErrPricing))
	// Output:
	// {"v":"zero-price"}
	// true
}

func ExamplePricing_UnmarshalText() {
	var v payout.Pricing
	err := v.UnmarshalText([]byte("byol"))
	fmt.Println(v == payout.BYOL, err)
	// Output: true <nil>
}

func ExampleParseState() {
	v, err := payout.ParseState("Processed")
	fmt.Println(v, err)
	_, err = payout.ParseState("bogus")
	fmt.Println(errors.Is(err, payout.ErrState))
	// Output:
	// processed <nil>
	// true
}

func ExampleState_String() {
	for _, v := range []payout.State{payout.Unprocessed, payout.Processed, payout.Sent} {
		fmt.Println(v.String())
	}
	// Output:
	// unprocessed
	// processed
	// sent
}

func ExampleState_Valid() {
	fmt.Println(payout.Processed.Valid(), payout.State(200).Valid())
	// Output: true false
}

func ExampleState_MarshalText() {
	data, _ := json.Marshal(map[string]payout.State{"v": payout.Processed})
	fmt.Println(string(data))
	_, err := payout.State(200).MarshalText()
	fmt.Println(errors.Is(err, payout.ErrState))
	// Output:
	// {"v":"processed"}
	// true
}

func ExampleState_UnmarshalText() {
	var v payout.State
	err := v.UnmarshalText([]byte("sent"))
	fmt.Println(v == payout.Sent, err)
	// Output: true <nil>
}

func ExampleParseStatus() {
	v, err := payout.ParseStatus("withheld")
	fmt.Println(v, err)
	_, err = payout.ParseStatus("bogus")
	fmt.Println(errors.Is(err, payout.ErrStatus))
	// Output:
	// withheld <nil>
	// true
}

func ExampleStatus_String() {
	for _, v := range []payout.Status{payout.Paid, payout.Carried, payout.Withheld} {
		fmt.Println(v.String())
	}
	// Output:
	// paid
	// carried
	// withheld
}

func ExampleStatus_Valid() {
	fmt.Println(payout.Withheld.Valid(), payout.Status(200).Valid())
	// Output: true false
}

func ExampleStatus_MarshalText() {
	data, _ := json.Marshal(map[string]payout.Status{"v": payout.Withheld})
	fmt.Println(string(data))
	_, err := payout.Status(200).MarshalText()
	fmt.Println(errors.Is(err, payout.ErrStatus))
	// Output:
	// {"v":"withheld"}
	// true
}

func ExampleStatus_UnmarshalText() {
	var v payout.Status
	err := v.UnmarshalText([]byte("carried"))
	fmt.Println(v == payout.Carried, err)
	// Output: true <nil>
}

func ExampleParseEATiming() {
	v, err := payout.ParseEATiming("INVOICE_DAYS")
	fmt.Println(v, err)
	_, err = payout.ParseEATiming("bogus")
	fmt.Println(errors.Is(err, payout.ErrEATiming))
	// Output:
	// invoice-days <nil>
	// true
}

func ExampleEATiming_String() {
	for _, v := range []payout.EATiming{payout.EAMonthTable, payout.EAInvoiceDays} {
		fmt.Println(v.String())
	}
	// Output:
	// month-table
	// invoice-days
}

func ExampleEATiming_Valid() {
	fmt.Println(payout.EAInvoiceDays.Valid(), payout.EATiming(200).Valid())
	// Output: true false
}

func ExampleEATiming_MarshalText() {
	data, _ := json.Marshal(map[string]payout.EATiming{"v": payout.EAInvoiceDays})
	fmt.Println(string(data))
	_, err := payout.EATiming(200).MarshalText()
	fmt.Println(errors.Is(err, payout.ErrEATiming))
	// Output:
	// {"v":"invoice-days"}
	// true
}

func ExampleEATiming_UnmarshalText() {
	var v payout.EATiming
	err := v.UnmarshalText([]byte("month-table"))
	fmt.Println(v == payout.EAMonthTable, err)
	// Output: true <nil>
}

func ExampleParseBasis() {
	v, err := payout.ParseBasis("Teams MAU")
	fmt.Println(v, err)
	_, err = payout.ParseBasis("bogus")
	fmt.Println(errors.Is(err, payout.ErrBasis))
	// Output:
	// teams-mau <nil>
	// true
}

func ExampleBasis_String() {
	for _, v := range []payout.Basis{payout.BilledSales, payout.TeamsMAU, payout.SeatsSold} {
		fmt.Println(v.String())
	}
	// Output:
	// billed-sales
	// teams-mau
	// seats-sold
}

func ExampleBasis_Valid() {
	fmt.Println(payout.TeamsMAU.Valid(), payout.Basis(200).Valid())
	// Output: true false
}

func ExampleBasis_MarshalText() {
	data, _ := json.Marshal(map[string]payout.Basis{"v": payout.TeamsMAU})
	fmt.Println(string(data))
	_, err := payout.Basis(200).MarshalText()
	fmt.Println(errors.Is(err, payout.ErrBasis))
	// Output:
	// {"v":"teams-mau"}
	// true
}

func ExampleBasis_UnmarshalText() {
	var v payout.Basis
	err := v.UnmarshalText([]byte("seats-sold"))
	fmt.Println(v == payout.SeatsSold, err)
	// Output: true <nil>
}

func ExampleType_Negative() {
	fmt.Println(payout.Purchase.Negative(), payout.Refund.Negative(), payout.Chargeback.Negative())
	// Output: false true true
}

func ExampleState_Text() {
	fmt.Println(payout.Processed.Text(rule.English), payout.Processed.Text(rule.Swedish))
	// Output: processed bearbetad
}

func ExampleEnumError_Error() {
	_, err := payout.ParseAgreement("enterprise")
	fmt.Println(err)
	// Output: payout: unknown customer agreement "enterprise" (want ea, mca or csp)
}

func ExampleEnumError_Unwrap() {
	_, err := payout.ParsePayment("cash")
	var e *payout.EnumError
	fmt.Println(errors.As(err, &e), e.Unwrap() == payout.ErrPayment, e.Want)
	// Output: true true [invoice credit-card]
}

package payout

import (
	"encoding"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/rule"
)

type textEnum interface {
	fmt.Stringer
	encoding.TextMarshaler
}

func TestEnums(t *testing.T) {
	// EXT-11, PAY-03: stable names, text marshaling, parsing that ignores case and separators.
	cases := []struct {
		name   string
		values []textEnum
		names  []string
		zero   func() encoding.TextUnmarshaler
		unset  bool // the zero value is unset, marshaling to ""
	}{
		{"Agreement", []textEnum{EA, MCA, CSP}, []string{"ea", "mca", "csp"}, func() encoding.TextUnmarshaler { return new(Agreement) }, true},
		{"Charge", []textEnum{Order, Usage}, []string{"order", "usage"}, func() encoding.TextUnmarshaler { return new(Charge) }, true},
		{"TransactionType", []textEnum{Sale, Refund, Reversal, Chargeback}, []string{"purchase", "refund", "reversal", "chargeback"}, func() encoding.TextUnmarshaler { return new(TransactionType) }, true},
		{"Pricing", []textEnum{Transact, BYOL, ZeroPrice, ListOnly}, []string{"transact", "byol", "zero-price", "list-only"}, func() encoding.TextUnmarshaler { return new(Pricing) }, false},
		{"State", []textEnum{Unprocessed, Processed, Sent}, []string{"unprocessed", "processed", "sent"}, func() encoding.TextUnmarshaler { return new(State) }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for i, v := range c.values {
				if v.String() != c.names[i] {
					t.Errorf("String() = %q, want %q", v.String(), c.names[i])
				}
				text, err := v.MarshalText()
				if err != nil || string(text) != c.names[i] {
					t.Errorf("MarshalText = %q, %v", text, err)
				}
				for _, variant := range []string{c.names[i], " " + toUpper(c.names[i]) + " ", underscore(c.names[i])} {
					z := c.zero()
					if err := z.UnmarshalText([]byte(variant)); err != nil || fmt.Sprint(z) != c.names[i] {
						t.Errorf("UnmarshalText(%q) = %v, %v", variant, z, err)
					}
				}
			}
			z := c.zero()
			err := z.UnmarshalText([]byte("bogus"))
			var ee *enum.Error
			if !errors.Is(err, ErrUnknown) || !errors.As(err, &ee) || ee.Input != "bogus" || len(ee.Valid) != len(c.names) {
				t.Errorf("UnmarshalText(bogus) = %v", err)
			}
			if err := c.zero().UnmarshalText(nil); (err == nil) != c.unset {
				t.Errorf("UnmarshalText(empty) = %v", err)
			}
		})
	}
	for _, v := range []textEnum{Agreement(0), Charge(0), TransactionType(0), State(0)} {
		if b, err := v.MarshalText(); err != nil || len(b) != 0 {
			t.Errorf("%T zero: %q %v", v, b, err)
		}
	}
	for _, v := range []textEnum{Agreement(9), Charge(9), TransactionType(9), Pricing(9), State(9)} {
		if _, err := v.MarshalText(); !errors.Is(err, ErrUnknown) {
			t.Errorf("%T(9).MarshalText = %v", v, err)
		}
		if !strings.HasSuffix(v.String(), "(9)") {
			t.Errorf("invalid String() = %q", v.String())
		}
	}
	// The payment method is offer.PaymentMethod; payout's CSV and export
	// readers also accept "Credit card", "CREDIT_CARD" and "creditcard",
	// and refuse azure-credits.
	for _, s := range []string{"Credit card", "CREDIT_CARD", "creditcard", "credit-card"} {
		if pm, err := parseEnum(paymentNames, s); err != nil || pm != CreditCard {
			t.Errorf("%q = %v, %v", s, pm, err)
		}
	}
	if _, err := parseEnum(paymentNames, "azure-credits"); !errors.Is(err, ErrUnknown) {
		t.Errorf("azure-credits: %v", err)
	}
	if !Refund.Negative() || Sale.Negative() || TransactionType(0).Negative() {
		t.Error("TransactionType.Negative")
	}
	if Processed.Text(rule.Swedish) != "bearbetad" || Sent.Text(rule.English) != "sent" || !strings.HasSuffix(State(7).Text(rule.English), "(7)") {
		t.Error("State.Text")
	}
}

func toUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func underscore(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '-' {
			b[i] = '_'
		}
	}
	return string(b)
}

func TestPolicyValidate(t *testing.T) {
	// PAY-02…PAY-05, EXT-10, EXT-11: every problem at once.
	for _, p := range []Policy{Policy2023(), DefaultPolicy(), {}} {
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
	}
	p := Policy2023()
	p.Fees[0].From = pstDate(2000, 1, 1)
	p.Fees[2].From = p.Fees[1].From
	p.Fees[1].Standard = currency.MustParseRate("1.5")
	p.Fees[1].Qualified = currency.MustParseRate("2")
	p.FeeRounding = 9
	p.Zone = nil
	p.PayoutDay = 0
	p.EAInvoiceDays = -7
	p.EAOrderMonths = -1
	p.CardHoldDays = 5000
	p.Threshold = money("-1.00 USD")
	p.ConversionRounding = 8
	err := p.Validate()
	wantProblems(t, err, []string{
		"policy.fees[0].from", "policy.fees[1].standard", "policy.fees[1].qualified", "policy.fees[2].from",
		"policy.feeRounding", "policy.payoutDay", "policy.eaInvoiceDays", "policy.eaOrderMonths",
		"policy.cardHoldDays", "policy.threshold", "policy.conversionRounding",
	}, ErrPolicy)
	// fastValid agrees with Validate on single changes.
	for i := 0; i < 11; i++ {
		q := Policy2023()
		switch i {
		case 0:
			q.Fees = nil
		case 1:
			q.Fees[3].From = q.Fees[2].From
		case 2:
			q.Fees[2].Standard = currency.MustParseRate("1.01")
		case 3:
			q.FeeRounding = 7
		case 4:
			q.EAInvoiceDays = math.MaxInt
		case 5:
			q.PayoutDay = 29
		case 6:
			q.EAUsageMonths = math.MinInt
		case 7:
			q.AdjustmentMonths = -1
		case 8:
			q.Threshold = currency.Money{}
		case 9:
			q.ConversionRounding = 200
		case 10:
			q.Fees[0].From = pstDate(1990, 1, 1)
		}
		q = q.resolve()
		if q.fastValid() || q.Validate() == nil {
			t.Errorf("change %d: fastValid %v, Validate %v", i, q.fastValid(), q.Validate())
		}
	}
	if p := PST(); p != PST() || p.String() != "PST" {
		t.Error("PST()")
	}
	// A nil zone means PST.
	q := Policy2023()
	q.Zone = nil
	if err := q.Validate(); err != nil || q.resolve().Zone != PST() {
		t.Errorf("nil zone: %v", err)
	}
}

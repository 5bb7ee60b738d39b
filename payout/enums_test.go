package payout

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

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
		{"PaymentMethod", []textEnum{Invoice, CreditCard}, []string{"invoice", "credit-card"}, func() encoding.TextUnmarshaler { return new(PaymentMethod) }, true},
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
	for _, v := range []textEnum{Agreement(0), PaymentMethod(0), Charge(0), TransactionType(0), State(0)} {
		if b, err := v.MarshalText(); err != nil || len(b) != 0 {
			t.Errorf("%T zero: %q %v", v, b, err)
		}
	}
	for _, v := range []textEnum{Agreement(9), PaymentMethod(9), Charge(9), TransactionType(9), Pricing(9), State(9)} {
		if _, err := v.MarshalText(); !errors.Is(err, ErrUnknown) {
			t.Errorf("%T(9).MarshalText = %v", v, err)
		}
		if !strings.HasSuffix(v.String(), "(9)") {
			t.Errorf("invalid String() = %q", v.String())
		}
	}
	var pm PaymentMethod
	if err := pm.UnmarshalText([]byte("creditcard")); err != nil || pm != CreditCard {
		t.Errorf("creditcard = %v, %v", pm, err)
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

func TestMonth(t *testing.T) {
	m := MonthOf(2024, time.April)
	if m.Year() != 2024 || m.Month() != time.April || m.String() != "2024-04" || !m.Valid() {
		t.Errorf("MonthOf(2024, April) = %v (%d-%d)", m, m.Year(), m.Month())
	}
	if MonthOf(2024, 13) != MonthOf(2025, 1) || m.AddMonths(-4) != MonthOf(2023, 12) || m.Sub(MonthOf(2023, 11)) != 5 {
		t.Error("month arithmetic")
	}
	if !m.Start(nil).Equal(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)) || !m.Day(15, PST()).Equal(pstDate(2024, 4, 15)) {
		t.Error("Start/Day")
	}
	if MonthIn(time.Date(2024, 5, 1, 3, 0, 0, 0, time.UTC), PST()) != m || MonthIn(time.Date(2024, 5, 1, 3, 0, 0, 0, time.UTC), nil) != m+1 {
		t.Error("MonthIn")
	}
	// Out of range: the zero Month, never a wrapped date.
	for _, got := range []Month{m.AddMonths(math.MaxInt), m.AddMonths(math.MinInt), MonthOf(9999, 12).AddMonths(1),
		MonthOf(1, 1).AddMonths(-1), Month(0).AddMonths(1), MonthOf(math.MaxInt, 1), MonthOf(2024, math.MaxInt), MonthOf(10000, 1)} {
		if got != 0 || got.Valid() {
			t.Errorf("out of range = %v", got)
		}
	}
	for _, tt := range []struct {
		in   string
		want Month
		ok   bool
	}{
		{"2024-04", m, true}, {"2024-4", m, true}, {"0001-01", MonthOf(1, 1), true}, {"9999-12", MonthOf(9999, 12), true},
		{"2024-13", 0, false}, {"2024-00", 0, false}, {"0000-01", 0, false}, {"24-04", 0, false}, {"2024", 0, false},
		{"2024-+4", 0, false}, {"+024-04", 0, false}, {"2024-004", 0, false}, {"", 0, false},
	} {
		got, err := ParseMonth(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseMonth(%q) = %v, %v", tt.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrDate) {
			t.Errorf("ParseMonth(%q) error %v", tt.in, err)
		}
	}
	var zero Month
	if zero.Valid() || zero.String() != "Month(0)" {
		t.Errorf("zero Month: %v", zero)
	}
	if b, err := zero.MarshalText(); err != nil || len(b) != 0 {
		t.Error("MarshalText(zero)")
	}
	if _, err := Month(-5).MarshalText(); !errors.Is(err, ErrDate) {
		t.Error("MarshalText(invalid)")
	}
	if err := zero.UnmarshalText(nil); err != nil || zero != 0 {
		t.Error("UnmarshalText(empty)")
	}
	if Month(-1).Year() != -1 || Month(-11).Month() != time.February {
		t.Error("negative years")
	}
	data, _ := json.Marshal(map[string]Month{"m": m})
	var back map[string]Month
	if string(data) != `{"m":"2024-04"}` || json.Unmarshal(data, &back) != nil || back["m"] != m {
		t.Errorf("JSON %s %v", data, back)
	}
	if err := json.Unmarshal([]byte(`{"m":"x"}`), &back); !errors.Is(err, ErrDate) {
		t.Errorf("bad JSON month: %v", err)
	}
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

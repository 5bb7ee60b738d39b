package payout

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

type enumCase struct {
	name     string
	values   []fmt.Stringer
	names    []string
	parse    func(string) (fmt.Stringer, error)
	zero     encoding.TextUnmarshaler
	sentinel error
	invalid  interface {
		fmt.Stringer
		encoding.TextMarshaler
	}
}

func wrap[E fmt.Stringer](f func(string) (E, error)) func(string) (fmt.Stringer, error) {
	return func(s string) (fmt.Stringer, error) { return f(s) }
}

func TestEnums(t *testing.T) {
	// EXT-11, PAY-03: stable names, text marshaling, parsing that ignores case and separators.
	cases := []enumCase{
		{"Agreement", []fmt.Stringer{EA, MCA, CSP}, []string{"ea", "mca", "csp"}, wrap(ParseAgreement), new(Agreement), ErrAgreement, Agreement(9)},
		{"Payment", []fmt.Stringer{Invoice, CreditCard}, []string{"invoice", "credit-card"}, wrap(ParsePayment), new(Payment), ErrPayment, Payment(0)},
		{"Kind", []fmt.Stringer{Order, Usage}, []string{"order", "usage"}, wrap(ParseKind), new(Kind), ErrKind, Kind(0)},
		{"Type", []fmt.Stringer{Purchase, Refund, Reversal, Chargeback}, []string{"purchase", "refund", "reversal", "chargeback"}, wrap(ParseType), new(Type), ErrType, Type(5)},
		{"Pricing", []fmt.Stringer{Transact, BYOL, ZeroPrice, ListOnly}, []string{"transact", "byol", "zero-price", "list-only"}, wrap(ParsePricing), new(Pricing), ErrPricing, Pricing(4)},
		{"State", []fmt.Stringer{Unprocessed, Processed, Sent}, []string{"unprocessed", "processed", "sent"}, wrap(ParseState), new(State), ErrState, State(0)},
		{"Status", []fmt.Stringer{Paid, Carried, Withheld}, []string{"paid", "carried", "withheld"}, wrap(ParseStatus), new(Status), ErrStatus, Status(4)},
		{"EATiming", []fmt.Stringer{EAMonthTable, EAInvoiceDays}, []string{"month-table", "invoice-days"}, wrap(ParseEATiming), new(EATiming), ErrEATiming, EATiming(2)},
		{"Basis", []fmt.Stringer{BilledSales, TeamsMAU, SeatsSold}, []string{"billed-sales", "teams-mau", "seats-sold"}, wrap(ParseBasis), new(Basis), ErrBasis, Basis(0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for i, v := range c.values {
				if v.String() != c.names[i] {
					t.Errorf("String() = %q, want %q", v.String(), c.names[i])
				}
				text, err := v.(encoding.TextMarshaler).MarshalText()
				if err != nil || string(text) != c.names[i] {
					t.Errorf("MarshalText = %q, %v", text, err)
				}
				if err := c.zero.UnmarshalText(text); err != nil || fmt.Sprint(c.zero) != c.names[i] {
					t.Errorf("UnmarshalText(%q) = %v, %v", text, c.zero, err)
				}
				for _, variant := range []string{c.names[i], " " + toUpper(c.names[i]) + " ", underscore(c.names[i])} {
					got, err := c.parse(variant)
					if err != nil || got != v {
						t.Errorf("Parse(%q) = %v, %v", variant, got, err)
					}
				}
				if !v.(interface{ Valid() bool }).Valid() {
					t.Errorf("%v not Valid", v)
				}
			}
			if _, err := c.parse("bogus"); !errors.Is(err, c.sentinel) {
				t.Errorf("Parse(bogus) = %v", err)
			} else {
				var ee *EnumError
				if !errors.As(err, &ee) || ee.Input != "bogus" || len(ee.Want) != len(c.names) {
					t.Errorf("EnumError %+v", ee)
				}
			}
			if err := c.zero.UnmarshalText([]byte("")); !errors.Is(err, c.sentinel) {
				t.Errorf("UnmarshalText(empty) = %v", err)
			}
			if _, err := c.invalid.MarshalText(); !errors.Is(err, c.sentinel) {
				t.Errorf("MarshalText(invalid) = %v", err)
			}
			if s := c.invalid.String(); s != fmt.Sprintf("%s(%d)", c.name, reflectUint(c.invalid)) {
				t.Errorf("invalid String() = %q", s)
			}
		})
	}
	if got := fmt.Sprint(ParseAgreement("creditcard")); got == "" {
		t.Error("no error text")
	}
	if got, _ := ParsePayment("creditcard"); got != CreditCard {
		t.Errorf("ParsePayment(creditcard) = %v", got)
	}
	if !Refund.Negative() || Purchase.Negative() || Type(0).Negative() {
		t.Error("Type.Negative")
	}
	if Processed.Text(rule.Swedish) != "bearbetad" || Sent.Text(rule.English) != "sent" || State(7).Text(rule.English) != "State(7)" {
		t.Error("State.Text")
	}
	if e := (&EnumError{Input: "x", Want: []string{"a"}, Err: ErrKind}); e.Error() != `payout: unknown charge kind "x" (want a)` {
		t.Errorf("EnumError.Error() = %q", e.Error())
	}
	if orList(nil) != "" {
		t.Error("orList(nil)")
	}
}

func reflectUint(v any) uint8 {
	switch x := v.(type) {
	case Agreement:
		return uint8(x)
	case Payment:
		return uint8(x)
	case Kind:
		return uint8(x)
	case Type:
		return uint8(x)
	case Pricing:
		return uint8(x)
	case State:
		return uint8(x)
	case Status:
		return uint8(x)
	case EATiming:
		return uint8(x)
	case Basis:
		return uint8(x)
	}
	return 255
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
		if err != nil && !errors.Is(err, ErrMonth) {
			t.Errorf("ParseMonth(%q) error %v", tt.in, err)
		}
	}
	var zero Month
	if zero.Valid() || zero.String() != "Month(0)" {
		t.Errorf("zero Month: %v", zero)
	}
	if _, err := zero.MarshalText(); !errors.Is(err, ErrMonth) {
		t.Error("MarshalText(zero)")
	}
	if MonthOf(-1, 1).Year() != -1 || MonthOf(-1, 2).Month() != time.February || MonthOf(-1, 2).Year() != -1 {
		t.Error("negative years")
	}
	data, _ := json.Marshal(map[string]Month{"m": m})
	var back map[string]Month
	if string(data) != `{"m":"2024-04"}` || json.Unmarshal(data, &back) != nil || back["m"] != m {
		t.Errorf("JSON %s %v", data, back)
	}
	if err := json.Unmarshal([]byte(`{"m":"x"}`), &back); !errors.Is(err, ErrMonth) {
		t.Errorf("bad JSON month: %v", err)
	}
}

func TestPolicyValidate(t *testing.T) {
	// PAY-02…PAY-05, EXT-10, EXT-11, RWD-01: every problem at once.
	if err := DefaultPolicy().Validate(); err != nil {
		t.Fatal(err)
	}
	if err := SeedPolicy().Validate(); err != nil {
		t.Fatal(err)
	}
	p := DefaultPolicy()
	p.Fees[0].From = pstDate(2000, 1, 1)
	p.Fees[2].From = p.Fees[1].From
	p.Fees[1].Standard = currency.MustParseRate("1.5")
	p.Fees[1].Qualified = currency.MustParseRate("2")
	p.FeeRounding = 9
	p.Zone = nil
	p.PayoutDay = 0
	p.EATiming = 7
	p.EAOrderMonths = -1
	p.CardHoldDays = 5000
	p.Threshold = money("-1.00 USD")
	p.ConversionRounding = 8
	p.Tiers[0].Name = ""
	p.Tiers[2].BilledSales = money("1.00 USD")
	p.Tiers[3].BilledSales = money("1.00 EUR")
	p.Tiers[4].TeamsMAU = -1
	p.Tiers[5].SeatsSold = -1
	err := p.Validate()
	wantProblems(t, err, []string{
		"Policy.Fees[0].From", "Policy.Fees[1].Standard", "Policy.Fees[1].Qualified", "Policy.Fees[2].From",
		"Policy.FeeRounding", "Policy.Zone", "Policy.PayoutDay", "Policy.EATiming", "Policy.EAOrderMonths",
		"Policy.CardHoldDays", "Policy.Threshold", "Policy.ConversionRounding", "Policy.Tiers[0].Name",
		"Policy.Tiers[2].BilledSales", "Policy.Tiers[3].BilledSales", "Policy.Tiers[4].TeamsMAU", "Policy.Tiers[5].SeatsSold",
	}, ErrPolicy)
	var empty Policy
	wantProblems(t, empty.Validate(), nil, ErrPolicy)
	// fastValid agrees with Validate on single changes.
	for i := 0; i < 14; i++ {
		q := DefaultPolicy()
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
			q.Zone = nil
		case 5:
			q.PayoutDay = 29
		case 6:
			q.EATiming = 2
		case 7:
			q.AdjustmentMonths = -1
		case 8:
			q.Threshold = currency.Money{}
		case 9:
			q.ConversionRounding = 200
		case 10:
			q.Tiers[1].Name = ""
		case 11:
			q.Tiers[4].BilledSales = money("1.00 USD")
		case 12:
			q.Tiers[0].BilledSales = currency.Money{}
		case 13:
			q.Fees[0].From = pstDate(1990, 1, 1)
		}
		if q.fastValid() || q.Validate() == nil {
			t.Errorf("change %d: fastValid %v, Validate %v", i, q.fastValid(), q.Validate())
		}
	}
	if p := PST(); p != PST() || p.String() != "PST" {
		t.Error("PST()")
	}
}

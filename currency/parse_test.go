package currency

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseAmount(t *testing.T) {
	for _, tt := range []struct {
		in   string
		c    Code
		want Money
	}{
		{"1234.50", SEK, MustFromMinor(123450, SEK)},
		{"1234.5", SEK, MustFromMinor(123450, SEK)},
		{"1234", SEK, MustFromMinor(123400, SEK)},
		{"-0.05", USD, MustFromMinor(-5, USD)},
		{"+3", USD, MustFromMinor(300, USD)},
		{"007.10", USD, MustFromMinor(710, USD)},
		{"12.340", USD, MustFromMinor(1234, USD)}, // extra zeros: still exact
		{"1235", JPY, MustFromMinor(1235, JPY)},
		{"1235.000", JPY, MustFromMinor(1235, JPY)},
		{"1.234", BHD, MustFromMinor(1234, BHD)},
		{"-0", USD, MustFromMinor(0, USD)},
		{"92233720368547758.07", USD, MustFromMinor(math.MaxInt64, USD)},
		{"-92233720368547758.08", USD, MustFromMinor(math.MinInt64, USD)},
		{"9223372036854775807", JPY, MustFromMinor(math.MaxInt64, JPY)},
	} {
		got, err := ParseAmount(tt.in, tt.c)
		if err != nil || got != tt.want {
			t.Errorf("ParseAmount(%q, %v) = %v, %v; want %v", tt.in, tt.c, got, err, tt.want)
		}
	}
}

func TestParseAmountErrors(t *testing.T) {
	for _, tt := range []struct {
		in  string
		c   Code
		err error
		msg string
	}{
		{"12.345", USD, ErrPrecision, `currency: parsing amount "12.345": more decimal places than allowed (USD has 2 decimal places)`},
		{"0.5", JPY, ErrPrecision, `currency: parsing amount "0.5": more decimal places than allowed (JPY has 0 decimal places)`},
		{"12.3401", USD, ErrPrecision, ""},
		{"", USD, ErrSyntax, `currency: parsing amount "": invalid syntax`},
		{"-", USD, ErrSyntax, ""},
		{".5", USD, ErrSyntax, ""},
		{"5.", USD, ErrSyntax, ""},
		{"1,000.00", USD, ErrSyntax, ""},
		{"1e3", USD, ErrSyntax, ""},
		{" 1", USD, ErrSyntax, ""},
		{"1 ", USD, ErrSyntax, ""},
		{"--1", USD, ErrSyntax, ""},
		{"0x10", USD, ErrSyntax, ""},
		{"NaN", USD, ErrSyntax, ""},
		{"１", USD, ErrSyntax, ""}, // fullwidth digit
		{"92233720368547758.08", USD, ErrOverflow, ""},
		{"-92233720368547758.09", USD, ErrOverflow, ""},
		{"99999999999999999999999", JPY, ErrOverflow, ""},
		{"1", Code(0), ErrUnknownCode, `currency: parsing amount "1": unknown currency code (no currency given)`},
		{"1", Code(9999), ErrUnknownCode, ""},
	} {
		_, err := ParseAmount(tt.in, tt.c)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParseAmount(%q, %v): err = %v, want %v", tt.in, tt.c, err, tt.err)
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Input != tt.in {
			t.Errorf("ParseAmount(%q): ParseError = %+v, want Input %q", tt.in, pe, tt.in)
		}
		if tt.msg != "" && err.Error() != tt.msg {
			t.Errorf("ParseAmount(%q): message %q, want %q", tt.in, err.Error(), tt.msg)
		}
	}
	// Rounding makes the precision error go away, but not overflow.
	if m, err := ParseAmountRound("92233720368547758.075", USD, HalfEven); !errors.Is(err, ErrOverflow) {
		t.Errorf("rounding up past the maximum: %v, %v", m, err)
	}
	if m, err := ParseAmountRound("92233720368547758.074", USD, HalfEven); err != nil || m.Minor() != math.MaxInt64 {
		t.Errorf("rounding down to the maximum: %v, %v", m, err)
	}
	// A long input is truncated in the message but kept whole in Input.
	long := strings.Repeat("9", 100)
	_, err := ParseAmount(long, USD)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Input != long || len(err.Error()) > 160 {
		t.Errorf("long input: %v", err)
	}
}

func TestParseAndString(t *testing.T) {
	for _, tt := range []struct {
		in, canonical string
		want          Money
	}{
		{"1234.50 SEK", "1234.50 SEK", MustFromMinor(123450, SEK)},
		{"1234.5 sek", "1234.50 SEK", MustFromMinor(123450, SEK)},
		{"1.50 USD", "1.50 USD", MustFromMinor(150, USD)},
		{"-3 JPY", "-3 JPY", MustFromMinor(-3, JPY)},
		{"0.001 BHD", "0.001 BHD", MustFromMinor(1, BHD)},
		{"100 RMB", "100.00 CNY", MustFromMinor(10000, CNY)}, // PRC-08: RMB is CNY
		{"0 EUR", "0.00 EUR", MustFromMinor(0, EUR)},
	} {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			continue
		}
		if s := got.String(); s != tt.canonical {
			t.Errorf("String(%v) = %q, want %q", tt.want, s, tt.canonical)
		}
		if back, err := Parse(got.String()); err != nil || back != got {
			t.Errorf("Parse(String(%v)) = %v, %v", got, back, err)
		}
	}
	for _, tt := range []struct {
		in  string
		err error
	}{
		{"", ErrSyntax}, {"12.34", ErrSyntax}, {"SEK 12.34", ErrUnknownCode},
		{"12.34 XYZ", ErrUnknownCode}, {"12.345 USD", ErrPrecision}, {"abc USD", ErrSyntax}, {" USD", ErrSyntax},
	} {
		_, err := Parse(tt.in)
		var pe *ParseError
		if !errors.Is(err, tt.err) || !errors.As(err, &pe) || pe.Input != tt.in || pe.Kind != "money" {
			t.Errorf("Parse(%q): err = %v (%+v), want %v naming the input", tt.in, err, pe, tt.err)
		}
	}
}

func TestAppendAmount(t *testing.T) {
	for _, tt := range []struct {
		m    Money
		want string
	}{
		{MustFromMinor(5, USD), "0.05"}, {MustFromMinor(-5, USD), "-0.05"}, {MustFromMinor(0, USD), "0.00"},
		{MustFromMinor(100, USD), "1.00"}, {MustFromMinor(math.MinInt64, USD), "-92233720368547758.08"},
		{MustFromMinor(math.MaxInt64, CLF), "922337203685477.5807"}, {MustFromMinor(-7, JPY), "-7"},
	} {
		if got := tt.m.Amount(); got != tt.want {
			t.Errorf("Amount(%#v) = %q, want %q", tt.m, got, tt.want)
		}
		if got := string(tt.m.AppendAmount([]byte("x"))); got != "x"+tt.want {
			t.Errorf("AppendAmount = %q", got)
		}
	}
}

func TestMoneyText(t *testing.T) {
	for _, m := range []Money{{}, MustFromMinor(150, USD), MustFromMinor(-1234567, SEK), MustFromMinor(1235, JPY)} {
		b, err := m.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Money
		if err := back.UnmarshalText(b); err != nil || back != m {
			t.Errorf("text round trip of %#v via %q: %v, %v", m, b, back, err)
		}
	}
	if b, _ := (Money{}).MarshalText(); len(b) != 0 {
		t.Errorf("zero Money text = %q, want empty", b)
	}
	var m Money
	if err := m.UnmarshalText([]byte("1 XYZ")); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("UnmarshalText(1 XYZ): %v", err)
	}
}

// Money's JSON form: the amount a string with the currency's places.
func TestMoneyJSON(t *testing.T) {
	type invoice struct {
		Total Money   `json:"total"`
		Lines []Money `json:"lines"`
		Fee   Money   `json:"fee"`
	}
	in := invoice{Total: MustParse("1.50 USD"), Lines: []Money{MustParse("1235 JPY"), MustParse("-0.05 SEK")}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"total":{"amount":"1.50","currency":"USD"},"lines":[{"amount":"1235","currency":"JPY"},{"amount":"-0.05","currency":"SEK"}],"fee":null}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
	var out invoice
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		in  string
		err error
	}{
		{`{"amount":"12.345","currency":"USD"}`, ErrPrecision},
		{`{"amount":12.34,"currency":"USD"}`, ErrSyntax}, // a float: refused
		{`{"amount":"12.34"}`, ErrSyntax},
		{`{"currency":"USD"}`, ErrSyntax},
		{`{"amount":"1","currency":"USD","x":1}`, ErrSyntax},
		{`{"amount":"1","currency":"XYZ"}`, ErrUnknownCode},
		{`"1.00 USD"`, ErrSyntax},
		{`[]`, ErrSyntax},
		{`{"amount":"1","currency":"USD"} {}`, nil}, // json.Unmarshal rejects trailing data itself
	} {
		var m Money
		err := json.Unmarshal([]byte(tt.in), &m)
		if tt.err == nil {
			if err == nil {
				t.Errorf("Unmarshal(%s): no error", tt.in)
			}
			continue
		}
		if !errors.Is(err, tt.err) {
			t.Errorf("Unmarshal(%s): err = %v, want %v", tt.in, err, tt.err)
		}
	}
	var m Money = MustParse("1 USD")
	if err := m.UnmarshalJSON([]byte(" null ")); err != nil || m != (Money{}) {
		t.Errorf("null: %v, %v", m, err)
	}
}

func TestCodes(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    Code
		digits  int
		numeric int
		name    string
	}{
		{"SEK", SEK, 2, 752, "Swedish Krona"},
		{"sek", SEK, 2, 752, "Swedish Krona"},
		{"Jpy", JPY, 0, 392, "Yen"},
		{"KRW", KRW, 0, 410, "Won"},
		{"BHD", BHD, 3, 48, "Bahraini Dinar"},
		{"CLF", CLF, 4, 990, "Unidad de Fomento"},
		{"RMB", CNY, 2, 156, "Yuan Renminbi"}, // PRC-08 / Conflicts: RMB is an alias of CNY
		{"rmb", CNY, 2, 156, "Yuan Renminbi"},
		{"AED", AED, 2, 784, "UAE Dirham"},
	} {
		got, err := ParseCode(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseCode(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			continue
		}
		if got.Digits() != tt.digits || got.Numeric() != tt.numeric || got.Name() != tt.name || !got.Valid() {
			t.Errorf("%v: digits %d numeric %d name %q", got, got.Digits(), got.Numeric(), got.Name())
		}
	}
	for _, in := range []string{"", "XYZ", "XAU", "XXX", "US", "USDD", "U$D", "ÅÄÖ", "usd ", "123"} {
		_, err := ParseCode(in)
		var pe *ParseError
		if !errors.Is(err, ErrUnknownCode) || !errors.As(err, &pe) || pe.Input != in {
			t.Errorf("ParseCode(%q): err = %v, want ErrUnknownCode naming the input", in, err)
		}
		if !strings.Contains(err.Error(), `"`+in+`"`) {
			t.Errorf("ParseCode(%q): message %q does not name the input", in, err)
		}
	}
	var z Code
	if z.Valid() || z.String() != "" || z.Digits() != 0 || z.Numeric() != 0 || z.Name() != "" {
		t.Errorf("zero Code: %q", z.String())
	}
	if Code(9999).Valid() || Code(9999).String() != "currency.Code(9999)" {
		t.Error("Code(9999) is valid")
	}
	// All: sorted, unique, every code parses back.
	prev := ""
	n := 0
	for c := range All() {
		n++
		if c.String() <= prev {
			t.Errorf("All out of order at %s after %s", c, prev)
		}
		prev = c.String()
		if back, err := ParseCode(c.String()); err != nil || back != c {
			t.Errorf("ParseCode(%s) = %v, %v", c, back, err)
		}
	}
	if n != numCodes || n < 150 {
		t.Errorf("All yielded %d codes, numCodes %d", n, numCodes)
	}
	k := 0
	for range All() {
		k++
		break // an early stop must be honoured
	}
	if k != 1 {
		t.Errorf("All yielded %d after break", k)
	}
}

// PRC-08: the marketplace transacts in 17 currencies, RMB being CNY.
func TestPRC08_MarketplaceCurrencies(t *testing.T) {
	var got []string
	for c := range Marketplace() {
		got = append(got, c.String())
		if !c.IsMarketplace() {
			t.Errorf("%v in Marketplace() but not IsMarketplace", c)
		}
	}
	want := strings.Fields("AUD BRL CAD CHF DKK EUR GBP INR JPY KRW NOK NZD CNY RUB SEK TWD USD")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Marketplace() (-want +got):\n%s", diff)
	}
	n := 0
	for c := range All() {
		if c.IsMarketplace() {
			n++
		}
	}
	if n != 17 {
		t.Errorf("%d codes are IsMarketplace, want 17", n)
	}
	for _, c := range []Code{0, MXN, PLN, HKD} {
		if c.IsMarketplace() {
			t.Errorf("%v IsMarketplace", c)
		}
	}
	k := 0
	for range Marketplace() {
		k++
		break // an early stop must be honoured
	}
	if k != 1 {
		t.Errorf("Marketplace yielded %d after break", k)
	}
}

func TestCodeText(t *testing.T) {
	for _, c := range []Code{0, SEK, CNY} {
		b, _ := c.MarshalText()
		var back Code
		if err := back.UnmarshalText(b); err != nil || back != c {
			t.Errorf("round trip %v via %q: %v, %v", c, b, back, err)
		}
	}
	var c Code
	if err := c.UnmarshalText([]byte("RMB")); err != nil || c != CNY {
		t.Errorf("UnmarshalText(RMB) = %v, %v", c, err)
	}
	if err := c.UnmarshalText([]byte("ABC")); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("UnmarshalText(ABC) = %v", err)
	}
	b, _ := json.Marshal(map[string]Code{"c": SEK})
	if string(b) != `{"c":"SEK"}` {
		t.Errorf("JSON = %s", b)
	}
}

package currency

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

// Sum and Total add amounts of one currency; a mismatch or an overflow
// sticks and is reported once.
func TestSumTotal(t *testing.T) {
	tests := []struct {
		name string
		in   []Money
		want Money
		err  error
	}{
		{"none", nil, Money{}, nil},
		{"zero Money only", []Money{{}, {}}, Money{}, nil},
		{"one currency", []Money{usd(100), usd(250), {}, usd(-50)}, usd(300), nil},
		{"zero in a currency", []Money{MustFromMinor(0, SEK)}, MustFromMinor(0, SEK), nil},
		{"mismatch", []Money{usd(100), MustFromMinor(1, SEK), usd(5)}, Money{}, ErrCurrencyMismatch},
		{"overflow", []Money{usd(math.MaxInt64), usd(1), usd(-5)}, Money{}, ErrOverflow},
		{"mismatch after overflow sticks to overflow", []Money{usd(math.MaxInt64), usd(1), MustFromMinor(1, SEK)}, Money{}, ErrOverflow},
	}
	for _, tt := range tests {
		got, err := Sum(tt.in...)
		if got != tt.want || !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("%s: Sum = %v, %v; want %v, %v", tt.name, got, err, tt.want, tt.err)
		}
		var tot Total
		for _, m := range tt.in {
			tot.Add(m)
		}
		got, err = tot.Result()
		if got != tt.want || !errors.Is(err, tt.err) || !errors.Is(tot.Err(), tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("%s: Total = %v, %v; want %v, %v", tt.name, got, err, tt.want, tt.err)
		}
	}
	// Sub, and the error sticks through later operations.
	var tot Total
	tot.Add(usd(500))
	tot.Sub(usd(200))
	if m, err := tot.Result(); err != nil || m != usd(300) {
		t.Errorf("500 - 200 = %v, %v", m, err)
	}
	tot.Sub(MustFromMinor(1, JPY))
	tot.Add(usd(1))
	tot.Sub(usd(1))
	if _, err := tot.Result(); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("after mismatch: %v", err)
	}
	var mx Total
	mx.Add(usd(math.MinInt64))
	mx.Sub(usd(1))
	if !errors.Is(mx.Err(), ErrOverflow) {
		t.Errorf("MinInt64 - 1: %v", mx.Err())
	}
	// A nil *Total does nothing and sums to zero.
	var nilT *Total
	nilT.Add(usd(1))
	nilT.Sub(usd(1))
	if m, err := nilT.Result(); m != (Money{}) || err != nil || nilT.Err() != nil {
		t.Errorf("nil Total = %v, %v", m, err)
	}
}

// Neither Total.Add nor Sum allocates on success.
func TestSumTotalAllocs(t *testing.T) {
	ms := []Money{usd(1), usd(2), usd(3)}
	if n := testing.AllocsPerRun(100, func() {
		var tot Total
		for _, m := range ms {
			tot.Add(m)
		}
		sinkMoney, _ = tot.Result()
	}); n != 0 {
		t.Errorf("Total allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { sinkMoney, _ = Sum(ms...) }); n != 0 {
		t.Errorf("Sum allocates %v times", n)
	}
}

// Codes outside ISO 4217 are refused wherever they enter: New, text and
// JSON, conversion; and print visibly rather than as "5 ".
func TestInvalidCodes(t *testing.T) {
	bad := Code(9999)
	if _, err := New(5, bad); !errors.Is(err, ErrUnknownCode) || !strings.Contains(err.Error(), "currency.Code(9999)") {
		t.Errorf("New(5, 9999): %v", err)
	}
	if _, err := ParseAmount("5", bad); !errors.Is(err, ErrUnknownCode) || !strings.Contains(err.Error(), "currency.Code(9999) is not an ISO 4217 code") {
		t.Errorf("ParseAmount(5, 9999): %v", err)
	}
	if _, err := New(5, 0); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("New(5, 0): %v", err)
	}
	if m, err := New(1999, SEK); err != nil || m != MustFromMinor(1999, SEK) {
		t.Errorf("New(1999, SEK) = %v, %v", m, err)
	}
	m := Money{minor: 5, code: bad} // as only the removed FromMinor made it
	if s := m.String(); s != "5 currency.Code(9999)" {
		t.Errorf("String = %q", s)
	}
	if _, err := m.MarshalText(); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("MarshalText: %v", err)
	}
	if _, err := json.Marshal(m); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("MarshalJSON: %v", err)
	}
	if _, err := bad.MarshalText(); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("Code.MarshalText: %v", err)
	}
	r := MustParseRate("1.5")
	if _, err := usd(100).Convert(bad, r, HalfEven); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("Convert to 9999: %v", err)
	}
	if _, err := m.Convert(USD, r, HalfEven); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("Convert from 9999: %v", err)
	}
	if _, err := m.Convert(bad, r, HalfEven); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("Convert from 9999 to 9999: %v", err)
	}
	if _, err := usd(100).Convert(0, r, HalfEven); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("Convert to no currency: %v", err)
	}
	if got, err := (Money{minor: -5, code: Code(200)}).Convert(BHD, MustParseRate("0.000000000000001"), HalfEven); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("Convert from Code(200) = %v, %v", got, err)
	}
	if _, err := (ExchangeRate{From: USD, To: bad, Rate: r}).Convert(usd(1), HalfEven); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("ExchangeRate.Convert to 9999: %v", err)
	}
	if got, err := (Money{}).Convert(SEK, r, HalfEven); err != nil || got != MustFromMinor(0, SEK) {
		t.Errorf("zero Money converts to %v, %v", got, err)
	}
}

// Parsing: surrounding and doubled spaces are tolerated; the messages say
// what is wrong in words.
func TestParseMessages(t *testing.T) {
	for in, want := range map[string]Money{" 49.99 USD ": usd(4999), "49.99  USD": usd(4999), "\t1 SEK\n": MustFromMinor(100, SEK)} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v", in, got, err)
		}
	}
	for in, want := range map[string]string{
		"12.50000000000000000000001 SEK": "more decimal places than allowed (SEK has 2 decimal places)",
		"99999999999999999999 SEK":       "overflow (too many digits for SEK)",
		"12 XYZ":                         `unknown currency code ("XYZ" is not an ISO 4217 code)`,
	} {
		if _, err := Parse(in); err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("Parse(%q): %v; want …%s", in, err, want)
		}
	}
	if _, err := ParseRate("123456789012345678901"); err == nil || !strings.HasSuffix(err.Error(), "overflow (too many digits: at most 18 significant digits)") {
		t.Errorf("ParseRate overflow: %v", err)
	}
	if _, err := ParseAmountRound("99999999999999999999.5", USD, HalfUp); err == nil || !strings.Contains(err.Error(), "too many digits") {
		t.Errorf("ParseAmountRound overflow: %v", err)
	}
}

// IsZero means the zero Money, so omitzero keeps 0.00 SEK; ExchangeRate
// and Conversion have camelCase keys; every zero value round-trips.
func TestJSONShapes(t *testing.T) {
	type doc struct {
		Price Money `json:"price,omitzero"`
	}
	if b, _ := json.Marshal(doc{Price: MustFromMinor(0, SEK)}); string(b) != `{"price":{"amount":"0.00","currency":"SEK"}}` {
		t.Errorf("0.00 SEK under omitzero: %s", b)
	}
	if b, _ := json.Marshal(doc{}); string(b) != `{}` {
		t.Errorf("zero Money under omitzero: %s", b)
	}
	x := ExchangeRate{From: USD, To: JPY, Rate: MustParseRate("149.2345")}
	if b, _ := json.Marshal(x); string(b) != `{"from":"USD","to":"JPY","rate":"149.2345"}` {
		t.Errorf("ExchangeRate JSON: %s", b)
	}
	c, _ := x.Convert(usd(12345), HalfEven)
	b, _ := json.Marshal(c)
	var cb Conversion
	if err := json.Unmarshal(b, &cb); err != nil || cb.String() != c.String() {
		t.Errorf("Conversion round trip %s: %v, %v", b, cb, err)
	}
	if !strings.HasPrefix(string(b), `{"from":{"amount":"123.45","currency":"USD"},"to":`) || !strings.HasSuffix(string(b), `,"rounding":"half-even"}`) {
		t.Errorf("Conversion JSON: %s", b)
	}
	zeros := []any{&Money{}, new(Code), new(Rate), new(ExchangeRate), new(Conversion), new(RoundingMode), new(Total), new(Locale)}
	for _, z := range zeros {
		b, err := json.Marshal(z)
		if err != nil {
			t.Errorf("%T zero: %v", z, err)
			continue
		}
		if err := json.Unmarshal(b, z); err != nil {
			t.Errorf("%T zero %s does not decode: %v", z, b, err)
		}
	}
}

// MustFromMinor is for constants: a code outside ISO 4217 panics, inside
// the Must function only.
func TestMustFromMinor(t *testing.T) {
	if m := MustFromMinor(1999, JPY); m.Minor() != 1999 || m.Code() != JPY {
		t.Errorf("MustFromMinor(1999, JPY) = %v", m)
	}
	if m, err := New(1999, SEK); err != nil || m != MustFromMinor(1999, SEK) {
		t.Errorf("New(1999, SEK) = %v, %v", m, err)
	}
	for _, c := range []Code{0, 9999} {
		func() {
			defer func() {
				if err, _ := recover().(error); !errors.Is(err, ErrUnknownCode) {
					t.Errorf("MustFromMinor(5, %d) recovered %v", c, err)
				}
			}()
			MustFromMinor(5, c)
		}()
	}
}

package market_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
)

// EXT-15: a plan's markets are stored as a JSON array of codes in code
// order, and as text "DE SE".
func TestEXT15_SetJSON(t *testing.T) {
	tests := []struct {
		set        market.Set
		wantJSON   string
		wantString string
	}{
		{market.Set{}, `[]`, ""},
		{market.SetOf(market.SE), `["SE"]`, "SE"},
		{market.SetOf(market.SE, market.DE), `["DE","SE"]`, "DE SE"},
		{market.SetOf(market.ZW, market.AD, market.US), `["AD","US","ZW"]`, "AD US ZW"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.set)
		if err != nil || string(b) != tt.wantJSON {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.set, b, err, tt.wantJSON)
		}
		if got := tt.set.String(); got != tt.wantString {
			t.Errorf("String() = %q, want %q", got, tt.wantString)
		}
		got := market.SetOf(market.CN) // replaced, not merged
		if err := json.Unmarshal(b, &got); err != nil || got != tt.set {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", b, got, err, tt.set)
		}
	}
}

// EXT-15: decoding accepts codes in any case and order, with white space,
// inside other values.
func TestEXT15_SetUnmarshalJSON(t *testing.T) {
	tests := []struct {
		in   string
		want market.Set
	}{
		{`[]`, market.Set{}},
		{` [ ] `, market.Set{}},
		{`["se","De"]`, market.SetOf(market.DE, market.SE)},
		{"[\n \"US\" ,\t\"jp\"\n]", market.SetOf(market.US, market.JP)},
		{`["\u0053E"]`, market.SetOf(market.SE)},
		{`["CN"]`, market.SetOf(market.CN)},
	}
	for _, tt := range tests {
		var got market.Set
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil || got != tt.want {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}

	// null leaves the set unchanged, as encoding/json does for other types.
	kept := market.SetOf(market.SE)
	if err := kept.UnmarshalJSON([]byte(" null ")); err != nil || kept != market.SetOf(market.SE) {
		t.Errorf("UnmarshalJSON(null) = %v, %v; want SE, nil", kept, err)
	}

	type plan struct {
		ID      string     `json:"id"`
		Markets market.Set `json:"markets"`
	}
	in := plan{ID: "gold", Markets: market.TransactingSet()}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out plan
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("plan round trip (-want +got):\n%s", diff)
	}
}

// EXT-15: anything but an array of distinct market codes is an error that
// says which element is wrong, and leaves the set unchanged.
func TestEXT15_SetUnmarshalJSONErrors(t *testing.T) {
	tests := []struct {
		in        string
		wantErr   string
		wantIs    error  // a sentinel the error wraps, if any
		wantInput string // the UnknownError's Input, if any
	}{
		{`{}`, `market: want a JSON array of market codes, got an object`, nil, ""},
		{`"SE"`, `market: want a JSON array of market codes, got a string`, nil, ""},
		{`1`, `market: want a JSON array of market codes, got a number`, nil, ""},
		{`true`, `market: want a JSON array of market codes, got a boolean`, nil, ""},
		{``, `market: want a JSON array of market codes, got nothing`, nil, ""},
		{`[`, `market: unexpected end of JSON input`, nil, ""},
		{"[]\v", `market: invalid character '\v' after top-level value`, nil, ""},
		{"\v[]", `market: want a JSON array of market codes, got invalid JSON`, nil, ""},
		{`-1`, `market: want a JSON array of market codes, got a number`, nil, ""},
		{`SE`, `market: want a JSON array of market codes, got invalid JSON`, nil, ""},
		{`[] []`, `market: invalid character '[' after top-level value`, nil, ""},
		{`[1]`, `market: markets[0]: want a market code, got a number`, nil, ""},
		{`["SE",null]`, `market: markets[1]: want a market code, got null`, nil, ""},
		{`["SE",["DE"]]`, `market: markets[1]: want a market code, got an array`, nil, ""},
		{`["SE",{}]`, `market: markets[1]: want a market code, got an object`, nil, ""},
		{`["SE",false]`, `market: markets[1]: want a market code, got a boolean`, nil, ""},
		{`["DE","SE","FR","XX"]`, `market: markets[3]: unknown market "XX"`, market.ErrUnknown, "XX"},
		{`[""]`, `market: markets[0]: unknown market ""`, market.ErrUnknown, ""},
		{`["SEK"]`, `market: markets[0]: unknown market "SEK"`, market.ErrUnknown, "SEK"},
		{`["SE","DE","se"]`, `market: markets[2]: duplicate market "SE"`, market.ErrDuplicate, ""},
	}
	for _, tt := range tests {
		got := market.SetOf(market.CN)
		err := got.UnmarshalJSON([]byte(tt.in))
		if err == nil {
			t.Errorf("UnmarshalJSON(%s) = %v, want an error", tt.in, got)
			continue
		}
		if err.Error() != tt.wantErr {
			t.Errorf("UnmarshalJSON(%s) error = %q, want %q", tt.in, err, tt.wantErr)
		}
		if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
			t.Errorf("UnmarshalJSON(%s) error %v does not wrap %v", tt.in, err, tt.wantIs)
		}
		var ue *market.UnknownError
		if isUnknown := errors.As(err, &ue); isUnknown != (tt.wantIs == market.ErrUnknown) {
			t.Errorf("UnmarshalJSON(%s) error %v: errors.As *UnknownError = %t", tt.in, err, isUnknown)
		} else if isUnknown && ue.Input != tt.wantInput {
			t.Errorf("UnmarshalJSON(%s) UnknownError.Input = %q, want %q", tt.in, ue.Input, tt.wantInput)
		}
		if got != market.SetOf(market.CN) {
			t.Errorf("UnmarshalJSON(%s) changed the set to %v", tt.in, got)
		}
	}
}

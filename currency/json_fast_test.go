package currency

import (
	"bytes"
	"testing"
)

// stdUnmarshalJSON is Money.UnmarshalJSON as it was before the fast path:
// the null check, then encoding/json.
func stdUnmarshalJSON(m *Money, data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		*m = Money{}
		return nil
	}
	return m.unmarshalJSONStd(data)
}

var moneyJSONSeeds = []string{
	`{"amount":"12.34","currency":"SEK"}`, `{"currency":"JPY","amount":"1235"}`, ` { "amount" : "-0.5" , "currency" : "usd" } `,
	`{"amount":"12.345","currency":"USD"}`, `{"amount":"12.340","currency":"USD"}`, `{"amount":"1","currency":"RMB"}`,
	`{"amount":"1","currency":"XXX"}`, `{"amount":"1","currency":"SEK","x":1}`, `{"Amount":"1","currency":"SEK"}`,
	`{"amount":"1","amount":"2","currency":"SEK"}`, `{"amount":"1"}`, `{"currency":"SEK"}`, `{}`, `null`, ` null `,
	`{"amount":1,"currency":"SEK"}`, `{"amount":"1","currency":"SEK"} x`, `{"amount":"1","currency":"SEK"}{}`,
	`{"amount":"\u0031","currency":"SEK"}`, `{"amount":"1","currency":"S\u0045K"}`, `{"amount":null,"currency":"SEK"}`,
	`{"amount":"99999999999999999999","currency":"SEK"}`, `{"amount":"1e3","currency":"SEK"}`, `[`, ``, `"1 SEK"`,
	`{"amount":"1","currency":"SEK"`, `{"amount":"1",,"currency":"SEK"}`, "{\"amount\":\"1\u00a0\",\"currency\":\"SEK\"}",
}

// The fast decoder agrees with encoding/json's: what it accepts, the
// reference accepts with the same value, and UnmarshalJSON as a whole
// gives the reference's value and error on every input.
func FuzzMoneyUnmarshalJSON(f *testing.F) {
	for _, s := range moneyJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var std Money
		stdErr := stdUnmarshalJSON(&std, data)
		if r, ok := decodeMoney(data); ok && (stdErr != nil || r != std) {
			t.Fatalf("%q: fast %v, encoding/json %v %v", data, r, std, stdErr)
		}
		var got Money
		err := got.UnmarshalJSON(data)
		if got != std || (err == nil) != (stdErr == nil) || err != nil && err.Error() != stdErr.Error() {
			t.Fatalf("%q: %v %v, want %v %v", data, got, err, std, stdErr)
		}
	})
}

// Decoding the common form allocates nothing.
func TestMoneyUnmarshalJSONAllocs(t *testing.T) {
	in := []byte(`{"amount":"1234.50","currency":"SEK"}`)
	var m Money
	if n := testing.AllocsPerRun(100, func() { _ = m.UnmarshalJSON(in) }); n != 0 || m != MustParse("1234.50 SEK") {
		t.Errorf("%v allocations, %v", n, m)
	}
}

func BenchmarkMoneyUnmarshalJSON(b *testing.B) {
	in := []byte(`{"amount":"1234.50","currency":"SEK"}`)
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		var m Money
		if err := m.UnmarshalJSON(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMoneyUnmarshalJSONStd(b *testing.B) {
	in := []byte(`{"amount":"1234.50","currency":"SEK"}`)
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		var m Money
		if err := stdUnmarshalJSON(&m, in); err != nil {
			b.Fatal(err)
		}
	}
}

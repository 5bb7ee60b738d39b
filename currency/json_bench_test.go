package currency

import (
	"encoding/json"
	"testing"
)

// Money inside a struct, encoded and decoded by encoding/json, against
// the same shape in plain strings: the cost of Money's own MarshalJSON
// (which encoding/json re-scans and compacts) and UnmarshalJSON.
type (
	moneyHolder struct {
		Price Money `json:"price"`
		Fee   Money `json:"fee"`
		Net   Money `json:"net"`
	}
	plainMoney struct {
		Amount   string `json:"amount"`
		Currency string `json:"currency"`
	}
	plainHolder struct {
		Price plainMoney `json:"price"`
		Fee   plainMoney `json:"fee"`
		Net   plainMoney `json:"net"`
	}
)

var (
	benchHolder = moneyHolder{MustParse("1234.50 SEK"), MustParse("-37.04 SEK"), MustParse("1197.46 SEK")}
	benchPlain  = plainHolder{plainMoney{"1234.50", "SEK"}, plainMoney{"-37.04", "SEK"}, plainMoney{"1197.46", "SEK"}}
	jsonSink    []byte
)

// The plain shape is the same JSON.
func TestMoneyHolderMirror(t *testing.T) {
	a, err1 := json.Marshal(benchHolder)
	b, err2 := json.Marshal(benchPlain)
	if err1 != nil || err2 != nil || string(a) != string(b) {
		t.Fatalf("%s %v\n%s %v", a, err1, b, err2)
	}
}

func BenchmarkMoneyInStructMarshal(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(&benchHolder)
	}
}

func BenchmarkMoneyInStructMarshalPlain(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(&benchPlain)
	}
}

func BenchmarkMoneyInStructUnmarshal(b *testing.B) {
	in, _ := json.Marshal(benchHolder)
	b.ReportAllocs()
	for b.Loop() {
		var v moneyHolder
		if err := json.Unmarshal(in, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMoneyInStructUnmarshalPlain(b *testing.B) {
	in, _ := json.Marshal(benchHolder)
	b.ReportAllocs()
	for b.Loop() {
		var v plainHolder
		if err := json.Unmarshal(in, &v); err != nil {
			b.Fatal(err)
		}
	}
}

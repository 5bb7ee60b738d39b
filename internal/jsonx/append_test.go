package jsonx

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
)

type textOK string

func (t textOK) MarshalText() ([]byte, error) { return []byte(t), nil }

type textBad struct{}

func (textBad) MarshalText() ([]byte, error) { return nil, errTextBad }

var errTextBad = json.Unmarshal([]byte("x"), new(int))

// Object writes what encoding/json writes for the same members, and fails
// where it fails.
func TestObjectMatchesEncodingJSON(t *testing.T) {
	type inner struct {
		At  time.Time `json:"at"`
		Odd string    `json:"odd"`
	}
	type shape struct {
		S     string         `json:"s"`
		N     int64          `json:"n"`
		B     bool           `json:"b"`
		T     textOK         `json:"t"`
		At    time.Time      `json:"at"`
		M     currency.Money `json:"m"`
		Inner inner          `json:"inner"`
		Z     currency.Money `json:"z"`
	}
	sto, _ := time.LoadLocation("Europe/Stockholm")
	for _, v := range []shape{
		{},
		{S: "plain", N: -42, B: true, T: "name", At: time.Date(2024, 2, 29, 13, 4, 5, 600, time.UTC),
			M: currency.MustParse("12.34 SEK"), Inner: inner{time.Date(1, 1, 1, 0, 0, 0, 0, sto), "x"}},
		{S: "<a href=\"x\">&amp;</a>\\\n\t\u2028é\xff", T: "t\u00e9<", At: time.Date(2024, 7, 1, 2, 3, 4, 0, time.FixedZone("", -5*3600-1800)),
			Inner: inner{time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("", 23*3600+59*60)), "\x00"}},
	} {
		o := NewObject(nil)
		o.String("s", v.S)
		o.Int("n", v.N)
		o.Bool("b", v.B)
		o.Text("t", v.T)
		o.Time("at", v.At)
		o.Money("m", v.M)
		o.Open("inner")
		o.Time("at", v.Inner.At)
		o.String("odd", v.Inner.Odd)
		o.Close()
		o.Money("z", v.Z)
		got, err := o.Bytes()
		want, werr := json.Marshal(v)
		if err != nil || werr != nil || !bytes.Equal(got, want) {
			t.Errorf("\n%s %v\nwant\n%s %v", got, err, want, werr)
		}
		var c bytes.Buffer
		if err := json.Compact(&c, got); err != nil || !bytes.Equal(c.Bytes(), got) {
			t.Errorf("not compact JSON: %s", got)
		}
	}
	for _, at := range []time.Time{
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600)),
		time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", -25*3600)),
	} {
		o := NewObject(nil)
		o.Time("at", at)
		_, err := o.Bytes()
		_, werr := json.Marshal(at)
		if err == nil || werr == nil {
			t.Errorf("%v: %v, encoding/json %v", at, err, werr)
		}
	}
	o := NewObject(nil)
	o.Text("t", textBad{})
	o.String("s", "after")
	if _, err := o.Bytes(); err != errTextBad {
		t.Errorf("MarshalText's error: %v", err)
	}
}

// The Append functions write what Object writes, member by member, and
// report the failures Object keeps.
func TestAppendFunctions(t *testing.T) {
	at := time.Date(2024, 7, 1, 2, 3, 4, 5, time.FixedZone("", -5*3600-1800))
	b := append([]byte(nil), '{')
	b, ok1 := AppendText(AppendKey(b, "t"), textOK("a<b"))
	b, ok2 := AppendTime(AppendKey(b, "at"), at)
	b, ok3 := AppendMoney(AppendKey(b, "m"), currency.MustParse("1.50 USD"))
	b = append(b, '}')
	o := NewObject(nil)
	o.Text("t", textOK("a<b"))
	o.Time("at", at)
	o.Money("m", currency.MustParse("1.50 USD"))
	want, err := o.Bytes()
	if !ok1 || !ok2 || !ok3 || err != nil || !bytes.Equal(b, want) {
		t.Errorf("%s %t %t %t\nwant %s %v", b, ok1, ok2, ok3, want, err)
	}
	if _, ok := AppendText(nil, textBad{}); ok {
		t.Error("AppendText of a failing MarshalText reports true")
	}
	if _, ok := AppendTime(nil, time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("AppendTime of year -1 reports true")
	}
}

package pricing_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/pricing"
)

// The plain mirror of a Proration: the same JSON shape in strings, ints
// and plain structs, with no marshaling methods of its own; the
// reference encoding/json's speed on pricing's answers is compared with.
type (
	plainMoney struct {
		Amount   string `json:"amount"`
		Currency string `json:"currency"`
	}
	plainPeriod struct {
		Start string `json:"start"`
		End   string `json:"end"`
	}
	plainProration struct {
		Kind          string      `json:"kind"`
		Direction     string      `json:"direction"`
		Timing        string      `json:"timing"`
		Rule          string      `json:"rule"`
		Reason        string      `json:"reason"`
		Policy        string      `json:"policy"`
		FromPlan      string      `json:"fromPlan"`
		FromQuantity  int64       `json:"fromQuantity"`
		ToPlan        string      `json:"toPlan"`
		ToQuantity    int64       `json:"toQuantity"`
		At            string      `json:"at"`
		EffectiveAt   string      `json:"effectiveAt,omitzero"`
		Period        plainPeriod `json:"period"`
		TermEnd       string      `json:"termEnd"`
		Unit          string      `json:"unit"`
		Used          int64       `json:"used"`
		Total         int64       `json:"total"`
		Zone          string      `json:"zone"`
		Convention    string      `json:"convention"`
		SeatWindowEnd string      `json:"seatWindowEnd,omitzero"`
		Credited      plainPeriod `json:"credited,omitzero"`
		Term          string      `json:"term,omitzero"`
		Payment       string      `json:"payment"`
		Paid          plainMoney  `json:"paid"`
		NewPrice      plainMoney  `json:"newPrice"`
		Credit        plainMoney  `json:"credit"`
		Charge        plainMoney  `json:"charge"`
		Kept          plainMoney  `json:"kept"`
		Net           plainMoney  `json:"net"`
	}
)

func text(tb testing.TB, v interface{ MarshalText() ([]byte, error) }) string {
	b, err := v.MarshalText()
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func instant(t time.Time) string {
	if t.IsZero() {
		return "0001-01-01T00:00:00Z"
	}
	return t.Format(time.RFC3339Nano)
}

func mirrorMoney(m currency.Money) plainMoney {
	return plainMoney{Amount: m.Amount(), Currency: m.Code().String()}
}

// mirrorProration returns the plain mirror of p.
func mirrorProration(tb testing.TB, p pricing.Proration) plainProration {
	period := func(q interface{ IsZero() bool }, s, e time.Time) plainPeriod {
		if q.IsZero() {
			return plainPeriod{}
		}
		return plainPeriod{instant(s), instant(e)}
	}
	v := plainProration{
		Kind: text(tb, p.Kind), Direction: text(tb, p.Direction), Timing: text(tb, p.Timing),
		Rule: string(p.Rule), Reason: string(p.Reason), Policy: p.Policy,
		FromPlan: p.FromPlan, FromQuantity: p.FromQuantity, ToPlan: p.ToPlan, ToQuantity: p.ToQuantity,
		At: instant(p.At), Period: plainPeriod{instant(p.Period.Start), instant(p.Period.End)},
		TermEnd: instant(p.TermEnd), Unit: text(tb, p.Unit), Used: p.Used, Total: p.Total, Zone: p.Zone,
		Convention: text(tb, p.Convention), Credited: period(p.Credited, p.Credited.Start, p.Credited.End),
		Term: text(tb, p.Term), Payment: text(tb, p.Payment),
		Paid: mirrorMoney(p.Paid), NewPrice: mirrorMoney(p.NewPrice), Credit: mirrorMoney(p.Credit),
		Charge: mirrorMoney(p.Charge), Kept: mirrorMoney(p.Kept), Net: mirrorMoney(p.Net),
	}
	if !p.EffectiveAt.IsZero() {
		v.EffectiveAt = instant(p.EffectiveAt)
	}
	if !p.SeatWindowEnd.IsZero() {
		v.SeatWindowEnd = instant(p.SeatWindowEnd)
	}
	return v
}

func benchProration(tb testing.TB) pricing.Proration {
	p, err := pricing.DefaultPolicy().Prorate(qtBenchReq, pricing.SubscriptionChange{Plan: qtBenchSaaS2}, qtBenchAt)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// The mirror is the same JSON, byte for byte.
func TestProrationMirror(t *testing.T) {
	p := benchProration(t)
	got, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(mirrorProration(t, p))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("Proration:\n%s\nmirror:\n%s (%v)", got, want, err)
	}
	if want, err = json.Marshal(mirrorProrationTimes(t, p)); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("Proration:\n%s\nmirror with instants:\n%s (%v)", got, want, err)
	}
}

var jsonSink []byte

func BenchmarkProrationMarshal(b *testing.B) {
	p := benchProration(b)
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(p)
	}
}

func BenchmarkProrationMarshalPlain(b *testing.B) {
	p := mirrorProration(b, benchProration(b))
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(p)
	}
}

func BenchmarkProrationUnmarshal(b *testing.B) {
	in, _ := json.Marshal(benchProration(b))
	b.ReportAllocs()
	for b.Loop() {
		var p pricing.Proration
		if err := json.Unmarshal(in, &p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProrationUnmarshalPlain(b *testing.B) {
	in, _ := json.Marshal(benchProration(b))
	b.ReportAllocs()
	for b.Loop() {
		var p plainProration
		if err := json.Unmarshal(in, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// plainProrationTimes is plainProration with its instants as time.Time,
// as in a Proration: the same shape but for money and enums.
type plainProrationTimes struct {
	Kind          string      `json:"kind"`
	Direction     string      `json:"direction"`
	Timing        string      `json:"timing"`
	Rule          string      `json:"rule"`
	Reason        string      `json:"reason"`
	Policy        string      `json:"policy"`
	FromPlan      string      `json:"fromPlan"`
	FromQuantity  int64       `json:"fromQuantity"`
	ToPlan        string      `json:"toPlan"`
	ToQuantity    int64       `json:"toQuantity"`
	At            time.Time   `json:"at"`
	EffectiveAt   time.Time   `json:"effectiveAt,omitzero"`
	Period        timesPeriod `json:"period"`
	TermEnd       time.Time   `json:"termEnd"`
	Unit          string      `json:"unit"`
	Used          int64       `json:"used"`
	Total         int64       `json:"total"`
	Zone          string      `json:"zone"`
	Convention    string      `json:"convention"`
	SeatWindowEnd time.Time   `json:"seatWindowEnd,omitzero"`
	Credited      timesPeriod `json:"credited,omitzero"`
	Term          string      `json:"term,omitzero"`
	Payment       string      `json:"payment"`
	Paid          plainMoney  `json:"paid"`
	NewPrice      plainMoney  `json:"newPrice"`
	Credit        plainMoney  `json:"credit"`
	Charge        plainMoney  `json:"charge"`
	Kept          plainMoney  `json:"kept"`
	Net           plainMoney  `json:"net"`
}

type timesPeriod struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

func mirrorProrationTimes(tb testing.TB, p pricing.Proration) plainProrationTimes {
	m := mirrorProration(tb, p)
	return plainProrationTimes{Kind: m.Kind, Direction: m.Direction, Timing: m.Timing, Rule: m.Rule, Reason: m.Reason,
		Policy: m.Policy, FromPlan: m.FromPlan, FromQuantity: m.FromQuantity, ToPlan: m.ToPlan, ToQuantity: m.ToQuantity,
		At: p.At, EffectiveAt: p.EffectiveAt, Period: timesPeriod{p.Period.Start, p.Period.End}, TermEnd: p.TermEnd,
		Unit: m.Unit, Used: m.Used, Total: m.Total, Zone: m.Zone, Convention: m.Convention, SeatWindowEnd: p.SeatWindowEnd,
		Credited: timesPeriod{p.Credited.Start, p.Credited.End}, Term: m.Term, Payment: m.Payment,
		Paid: m.Paid, NewPrice: m.NewPrice, Credit: m.Credit, Charge: m.Charge, Kept: m.Kept, Net: m.Net}
}

// BenchmarkProrationMarshalPlainTimes encodes the mirror with time.Time
// instants.
func BenchmarkProrationMarshalPlainTimes(b *testing.B) {
	p := mirrorProrationTimes(b, benchProration(b))
	b.ReportAllocs()
	for b.Loop() {
		jsonSink, _ = json.Marshal(p)
	}
}

// BenchmarkProrationUnmarshalPlainTimes decodes into the mirror with
// time.Time instants.
func BenchmarkProrationUnmarshalPlainTimes(b *testing.B) {
	in, _ := json.Marshal(benchProration(b))
	b.ReportAllocs()
	for b.Loop() {
		var p plainProrationTimes
		if err := json.Unmarshal(in, &p); err != nil {
			b.Fatal(err)
		}
	}
}

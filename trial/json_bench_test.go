package trial_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/marketrules/marketrules/trial"
)

// The plain mirrors of a State and a Transition: the same JSON shape in
// strings, ints, time.Time and plain structs, with no marshaling methods
// of their own; the reference encoding/json's speed on trial's values is
// compared with.
type (
	plainMoney struct {
		Amount   string `json:"amount"`
		Currency string `json:"currency"`
	}
	plainState struct {
		Phase       string    `json:"phase"`
		Plan        string    `json:"plan,omitempty"`
		Market      string    `json:"market,omitzero"`
		Months      int       `json:"months,omitempty"`
		Start       time.Time `json:"start,omitzero"`
		End         time.Time `json:"end,omitzero"`
		Zone        string    `json:"zone,omitempty"`
		CancelledAt time.Time `json:"cancelledAt,omitzero"`
		PaidAt      time.Time `json:"paidAt,omitzero"`
		PaidVia     string    `json:"paidVia,omitzero"`
		Last        time.Time `json:"last,omitzero"`
	}
	plainEffect struct {
		Type   string      `json:"type"`
		Rule   string      `json:"rule"`
		Reason string      `json:"reason"`
		At     time.Time   `json:"at"`
		Plan   string      `json:"plan"`
		From   string      `json:"from,omitempty"`
		Months int         `json:"months,omitempty"`
		Until  time.Time   `json:"until,omitzero"`
		Used   int64       `json:"used,omitempty"`
		Amount *plainMoney `json:"amount,omitempty"`
	}
	plainTransition struct {
		Allowed bool      `json:"allowed"`
		Rule    string    `json:"rule"`
		Reason  string    `json:"reason"`
		Event   string    `json:"event,omitzero"`
		At      time.Time `json:"at,omitzero"`
		Plan    string    `json:"plan,omitempty"`
		Offer   *struct {
			Type                 string `json:"type,omitzero"`
			SellThroughMicrosoft bool   `json:"sellThroughMicrosoft"`
		} `json:"offer,omitzero"`
		State   plainState    `json:"state"`
		Effects []plainEffect `json:"effects"`
		End     time.Time     `json:"end,omitzero"`
		Months  int           `json:"months,omitempty"`
		Lengths []int         `json:"lengths,omitempty"`
	}
)

// benchTransition returns the benchmarked transition (an early
// conversion: four effects, one with an amount), its JSON and its plain
// mirror, checked to write the same JSON.
func benchTransition(tb testing.TB) (trial.Transition, []byte, plainTransition) {
	running, _ := run(tb, saas, start(saasA, jan1))
	e := ev(trial.Convert, saasNoTrial, jan1.Add(3*day))
	e.Offer = saas.Offer
	tr, err := saas.Policy.Apply(running, e)
	if err != nil || !tr.Allowed {
		tb.Fatal(tr, err)
	}
	in, p := mirror[plainTransition](tb, tr)
	return tr, in, p
}

// benchState returns the benchmarked state (the converted one of
// benchTransition), its JSON and its plain mirror.
func benchState(tb testing.TB) (trial.State, []byte, plainState) {
	tr, _, _ := benchTransition(tb)
	in, p := mirror[plainState](tb, tr.State)
	return tr.State, in, p
}

// mirror returns v's JSON and its plain mirror P, checked to write the
// same JSON.
func mirror[P any](tb testing.TB, v any) ([]byte, P) {
	in, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	var p P
	if err := json.Unmarshal(in, &p); err != nil {
		tb.Fatal(err)
	}
	if again, err := json.Marshal(&p); err != nil || !bytes.Equal(again, in) {
		tb.Fatalf("mirror:\n%s\nwant\n%s", again, in)
	}
	return in, p
}

func TestPlainMirrors(t *testing.T) {
	benchTransition(t)
	benchState(t)
}

func BenchmarkStateMarshal(b *testing.B) {
	s, _, _ := benchState(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(&s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStateMarshalPlain(b *testing.B) {
	_, _, p := benchState(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(&p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStateUnmarshal(b *testing.B) {
	_, in, _ := benchState(b)
	b.ReportAllocs()
	for b.Loop() {
		var s trial.State
		if err := json.Unmarshal(in, &s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStateUnmarshalPlain(b *testing.B) {
	_, in, _ := benchState(b)
	b.ReportAllocs()
	for b.Loop() {
		var p plainState
		if err := json.Unmarshal(in, &p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTransitionMarshal(b *testing.B) {
	t, _, _ := benchTransition(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(&t); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTransitionMarshalPlain(b *testing.B) {
	_, _, p := benchTransition(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(&p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTransitionUnmarshal(b *testing.B) {
	_, in, _ := benchTransition(b)
	b.ReportAllocs()
	for b.Loop() {
		var t trial.Transition
		if err := json.Unmarshal(in, &t); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTransitionUnmarshalPlain(b *testing.B) {
	_, in, _ := benchTransition(b)
	b.ReportAllocs()
	for b.Loop() {
		var p plainTransition
		if err := json.Unmarshal(in, &p); err != nil {
			b.Fatal(err)
		}
	}
}

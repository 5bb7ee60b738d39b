package trial_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

// states returns one state of each kind, in UTC and in Stockholm.
func states(t *testing.T) map[string]trial.State {
	t.Helper()
	out := map[string]trial.State{"zero": {}}
	for _, loc := range []*time.Location{time.UTC, stockholm} {
		at := date(2024, 1, 31, 10, 0, loc)
		name := loc.String() + " "
		out[name+"running"], _ = run(t, saas, start(saasA, at))
		out[name+"switched"], _ = run(t, vm, start(vm1, at), ev(trial.Switch, vm6, at.Add(10*day)))
		out[name+"cancelled"], _ = run(t, saas, start(saasA, at), ev(trial.Cancel, nil, at.Add(day)))
		out[name+"at end"], _ = run(t, saas, start(saasA, at), ev(trial.Tick, nil, at.Add(40*day)))
		out[name+"early"], _ = run(t, saas, start(saasA, at), ev(trial.Convert, saasNoTrial, at.Add(2*day)))
		out[name+"purchased"], _ = run(t, saas, ev(trial.Purchase, saasNoTrial, at))
		out[name+"purchased after cancel"], _ = run(t, saas, start(saasA, at), ev(trial.Cancel, nil, at.Add(day)), ev(trial.Purchase, saasB, at.Add(3*day)))
		out[name+"ticked"], _ = run(t, saas, ev(trial.Tick, nil, at))
	}
	return out
}

func TestStateJSONRoundTrip(t *testing.T) {
	for name, s := range states(t) {
		t.Run(name, func(t *testing.T) {
			b, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			var got trial.State
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			if s.Zone != "" && s.Zone != "UTC" {
				got = got.In(stockholm)
			}
			if diff := cmp.Diff(s, got); diff != "" {
				t.Errorf("round trip of %s (-want +got):\n%s", b, diff)
			}
			if s.Zone == "UTC" && got != s {
				t.Errorf("a UTC state does not round-trip to an identical value: %#v", got)
			}
			again, _ := json.Marshal(got)
			if string(again) != string(b) {
				t.Errorf("re-encoded\n%s\nwant\n%s", again, b)
			}
			if err := s.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

// A start instant parsed from text with a UTC offset ("+05:30") is in a
// fixed zone without a name: its calendar is that offset, named by it,
// and it survives JSON without State.In.
func TestFixedOffsetZones(t *testing.T) {
	cases := []struct {
		text string
		zone string
		end  string
	}{
		{"2024-01-31T23:30:00+05:30", "+05:30", "2024-04-30T23:30:00+05:30"},
		{"2024-03-31T10:00:00-04:00", "-04:00", "2024-06-30T10:00:00-04:00"},
		{"2024-01-31T10:00:00Z", "UTC", "2024-04-30T10:00:00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			at, err := time.Parse(time.RFC3339, tc.text)
			if err != nil {
				t.Fatal(err)
			}
			s, _ := run(t, vm, start(vm1, at))
			if s.Zone != tc.zone {
				t.Errorf("Zone = %q, want %q", s.Zone, tc.zone)
			}
			b, _ := json.Marshal(s)
			var back trial.State
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			if diff := cmp.Diff(s, back); diff != "" || back.Zone != tc.zone {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
			// The decoded state is attached: a switch recomputes the end
			// in the same calendar.
			got, _, err := vm.Apply(back, ev(trial.Switch, vm3, at.Add(day)))
			if err != nil || got.End.Format(time.RFC3339) != tc.end {
				t.Errorf("end after switch = %v, %v; want %s", got.End.Format(time.RFC3339), err, tc.end)
			}
		})
	}
	// A zone that is not an offset's canonical name stays detached.
	var s trial.State
	err := json.Unmarshal([]byte(`{"phase":"trial","plan":"vm-1","market":"SE","months":1,"start":"2024-01-31T10:00:00+01:00",`+
		`"end":"2024-02-29T10:00:00+01:00","zone":"+1:00","last":"2024-01-31T10:00:00+01:00"}`), &s)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := vm.Apply(s, ev(trial.Switch, vm3, s.Last)); !errors.Is(err, trial.ErrZone) {
		t.Errorf("switch on zone %q: %v, want ErrZone", s.Zone, err)
	}
}

// RFC 3339, and so JSON, drops the seconds of a UTC offset (the local
// mean times of the 19th century): a trial cannot count in such a
// calendar, since its state would not survive JSON.
func TestOffsetWithSeconds(t *testing.T) {
	lmt := time.FixedZone("", 53*60+28)
	cases := []time.Time{
		time.Date(2024, 1, 31, 10, 0, 0, 0, lmt),
		time.Date(1879, 6, 1, 10, 0, 0, 0, stockholm), // Stockholm's mean solar time then, +01:00:14
	}
	for _, at := range cases {
		_, _, err := saas.Apply(trial.State{}, start(saasA, at))
		var ps rule.Problems
		if !errors.As(err, &ps) || ps[0].Path != "at" || !errors.Is(err, trial.ErrInvalidEvent) {
			t.Errorf("start at %v: %v, want a problem at \"at\"", at, err)
		}
	}
	// Other events in such a zone are fine: they are kept in the trial's
	// calendar.
	s, _ := run(t, saas, start(saasA, jan1), ev(trial.Tick, nil, jan1.Add(day).In(lmt)))
	if s.Last.Location() != time.UTC {
		t.Errorf("Last kept in %v", s.Last.Location())
	}
}

func TestStateJSONForm(t *testing.T) {
	s, _ := run(t, saas, start(saasA, date(2024, 1, 31, 10, 0, stockholm)), ev(trial.Tick, nil, date(2024, 3, 1, 0, 0, stockholm)))
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"phase":"paid","plan":"basic","market":"SE","months":1,"start":"2024-01-31T10:00:00+01:00","end":"2024-02-29T10:00:00+01:00",` +
		`"zone":"Europe/Stockholm","paidAt":"2024-02-29T10:00:00+01:00","paidVia":"at-end","last":"2024-03-01T00:00:00+01:00"}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	if b, _ := json.Marshal(trial.State{}); string(b) != `{"phase":"none"}` {
		t.Errorf("zero state: %s", b)
	}
}

// Decoding rejects malformed JSON and contradictory states, reporting
// every problem with its path.
func TestStateJSONErrors(t *testing.T) {
	const ok = `"phase":"trial","plan":"basic","market":"SE","months":1,"start":"2024-01-01T09:00:00Z","end":"2024-02-01T09:00:00Z","zone":"UTC","last":"2024-01-01T09:00:00Z"`
	cases := []struct {
		name  string
		json  string
		paths []string
	}{
		{"not JSON", `{"phase":`, []string{""}},
		{"not an object", `[]`, []string{""}},
		{"unknown member", `{` + ok + `,"extra":1}`, []string{""}},
		{"unknown phase", `{"phase":"maybe"}`, []string{"phase"}},
		{"wrong type", `{"phase":"none","months":"one"}`, []string{"months"}},
		{"repeated member", `{"phase":"none","phase":"none"}`, []string{"phase"}},
		{"end off by a day", `{"phase":"trial","plan":"basic","market":"SE","months":1,"start":"2024-01-01T09:00:00Z","end":"2024-02-02T09:00:00Z","zone":"UTC","last":"2024-01-01T09:00:00Z"}`, []string{"end"}},
		{"end of a detached zone", `{"phase":"trial","plan":"basic","market":"SE","months":1,"start":"2024-01-01T09:00:00+01:00","end":"2024-02-03T09:00:00+01:00","zone":"Europe/Stockholm","last":"2024-01-01T09:00:00+01:00"}`, []string{"end"}},
		{"trial without start", `{"phase":"trial","plan":"basic","last":"2024-01-01T09:00:00Z"}`, []string{"start"}},
		{"trial without plan", `{"phase":"trial","market":"SE","months":1,"start":"2024-01-01T09:00:00Z","end":"2024-02-01T09:00:00Z","zone":"UTC","last":"2024-01-01T09:00:00Z"}`, []string{"plan"}},
		{"bad plan ID", `{"phase":"paid","plan":"Basic!","paidAt":"2024-01-01T09:00:00Z","paidVia":"purchased","last":"2024-01-01T09:00:00Z"}`, []string{"plan"}},
		{"no market, zone or length", `{"phase":"trial","plan":"basic","start":"2024-01-01T09:00:00Z","end":"2024-02-01T09:00:00Z","last":"2024-01-01T09:00:00Z"}`, []string{"market", "zone", "months"}},
		{"non-transacting market", `{"phase":"trial","plan":"basic","market":"CN","months":1,"start":"2024-01-01T09:00:00Z","end":"2024-02-01T09:00:00Z","zone":"UTC","last":"2024-01-01T09:00:00Z"}`, []string{"market"}},
		{"last at the end of a running trial", `{"phase":"trial","plan":"basic","market":"SE","months":1,"start":"2024-01-01T09:00:00Z","end":"2024-02-01T09:00:00Z","zone":"UTC","last":"2024-02-01T09:00:00Z"}`, []string{"last"}},
		{"last before start", `{"phase":"trial","plan":"basic","market":"SE","months":1,"start":"2024-01-01T09:00:00Z","end":"2024-02-01T09:00:00Z","zone":"UTC","last":"2023-01-01T09:00:00Z"}`, []string{"last"}},
		{"none with a plan", `{"phase":"none","plan":"basic","paidAt":"2024-01-01T09:00:00Z","paidVia":"purchased","last":"2024-01-01T09:00:00Z"}`, []string{"plan", "paidAt", "paidVia"}},
		{"an early conversion needs a trial", `{"phase":"paid","plan":"basic","paidAt":"2024-01-01T09:00:00Z","paidVia":"early","last":"2024-01-01T09:00:00Z"}`, []string{"start"}},
		{"none with trial fields", `{"phase":"none","end":"2024-01-01T09:00:00Z","months":1,"zone":"UTC","market":"SE","cancelledAt":"2024-01-01T09:00:00Z","last":"2024-01-01T09:00:00Z"}`, []string{"end", "months", "zone", "market", "cancelledAt"}},
		{"trial already paid", `{` + strings.Replace(ok, `"last"`, `"cancelledAt":"2024-01-01T09:00:00Z","paidAt":"2024-01-01T09:00:00Z","paidVia":"early","last"`, 1) + `}`, []string{"paidAt", "paidVia", "cancelledAt"}},
		{"cancelled without instant", `{` + strings.Replace(ok, `"trial"`, `"cancelled"`, 1) + `}`, []string{"cancelledAt"}},
		{"cancelled after the end", `{` + strings.Replace(strings.Replace(ok, `"trial"`, `"cancelled"`, 1), `"last":"2024-01-01T09:00:00Z"`, `"cancelledAt":"2024-03-01T09:00:00Z","last":"2024-03-01T09:00:00Z"`, 1) + `}`, []string{"cancelledAt"}},
		{"paid without how", `{"phase":"paid","plan":"basic","last":"2024-01-01T09:00:00Z"}`, []string{"paidAt", "paidVia"}},
		{"at end, paid early", `{` + strings.Replace(strings.Replace(ok, `"trial"`, `"paid"`, 1), `"last"`, `"paidAt":"2024-01-05T09:00:00Z","paidVia":"at-end","last"`, 1) + `}`, []string{"paidAt", "last"}},
		{"at end, cancelled", `{` + strings.Replace(strings.Replace(ok, `"trial"`, `"paid"`, 1), `"last":"2024-01-01T09:00:00Z"`, `"cancelledAt":"2024-01-05T09:00:00Z","paidAt":"2024-02-01T09:00:00Z","paidVia":"at-end","last":"2024-02-01T09:00:00Z"`, 1) + `}`, []string{"cancelledAt"}},
		{"early after the end", `{` + strings.Replace(strings.Replace(ok, `"trial"`, `"paid"`, 1), `"last":"2024-01-01T09:00:00Z"`, `"paidAt":"2024-03-01T09:00:00Z","paidVia":"early","last":"2024-03-01T09:00:00Z"`, 1) + `}`, []string{"paidAt"}},
		{"early, cancelled", `{` + strings.Replace(strings.Replace(ok, `"trial"`, `"paid"`, 1), `"last":"2024-01-01T09:00:00Z"`, `"cancelledAt":"2024-01-02T09:00:00Z","paidAt":"2024-01-05T09:00:00Z","paidVia":"early","last":"2024-01-05T09:00:00Z"`, 1) + `}`, []string{"cancelledAt"}},
		{"purchase during a trial", `{` + strings.Replace(strings.Replace(ok, `"trial"`, `"paid"`, 1), `"last":"2024-01-01T09:00:00Z"`, `"paidAt":"2024-01-05T09:00:00Z","paidVia":"purchased","last":"2024-01-05T09:00:00Z"`, 1) + `}`, []string{"cancelledAt"}},
		{"purchase before the cancellation", `{` + strings.Replace(strings.Replace(ok, `"trial"`, `"paid"`, 1), `"last":"2024-01-01T09:00:00Z"`, `"cancelledAt":"2024-01-06T09:00:00Z","paidAt":"2024-01-05T09:00:00Z","paidVia":"purchased","last":"2024-01-06T09:00:00Z"`, 1) + `}`, []string{"paidAt"}},
		{"zero length", `{"phase":"trial","plan":"basic","market":"SE","months":0,"start":"2024-01-01T09:00:00Z","end":"2024-02-01T09:00:00Z","zone":"UTC","last":"2024-01-01T09:00:00Z"}`, []string{"months"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s trial.State
			err := s.UnmarshalJSON([]byte(tc.json)) // json.Unmarshal reports syntax errors itself
			var ps rule.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error = %v, want rule.Problems", err)
			}
			if !errors.Is(err, trial.ErrInvalidState) {
				t.Errorf("error %v does not wrap ErrInvalidState", err)
			}
			var paths []string
			for _, p := range ps {
				paths = append(paths, p.Path)
			}
			if diff := cmp.Diff(tc.paths, paths); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
			if s != (trial.State{}) {
				t.Error("a failed decode wrote the state")
			}
		})
	}
}

// A state built by hand with an undefined phase is invalid.
func TestStateValidateUndefinedPhase(t *testing.T) {
	err := trial.State{Phase: 7}.Validate()
	var ps rule.Problems
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Path != "phase" || !errors.Is(err, trial.ErrInvalidState) {
		t.Errorf("Validate = %v", err)
	}
}

func TestEffectsJSONRoundTrip(t *testing.T) {
	at := date(2024, 1, 31, 10, 0, time.UTC)
	cases := map[string][]trial.Event{
		"start":    {start(saasA, at)},
		"start JP": {{Type: trial.Start, At: at, Plan: saasA, Market: market.JP}},
		"switch":   {start(vm1, at), ev(trial.Switch, vm3, at.Add(10*day+time.Hour))},
		"at end":   {start(saasA, at), ev(trial.Tick, nil, at.Add(40*day))},
		"early":    {start(saasA, at), ev(trial.Convert, saasNoTrial, at.Add(2*day))},
		"cancel":   {start(saasA, at), ev(trial.Cancel, nil, at.Add(day))},
		"none":     {ev(trial.Tick, nil, at)},
	}
	for name, events := range cases {
		t.Run(name, func(t *testing.T) {
			m := saas
			if events[0].Plan == vm1 {
				m = vm
			}
			_, fx := run(t, m, events...)
			b, err := json.Marshal(fx)
			if err != nil {
				t.Fatal(err)
			}
			var got trial.Effects
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			if diff := cmp.Diff(fx, got); diff != "" {
				t.Errorf("round trip of %s (-want +got):\n%s", b, diff)
			}
			if diff := cmp.Diff(fx.Append(nil), got.Append(nil)); diff != "" {
				t.Errorf("effects (-want +got):\n%s", diff)
			}
			// Each effect round-trips on its own too.
			for e := range fx.All() {
				b, _ := json.Marshal(e)
				var back trial.Effect
				if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(e, back) {
					t.Errorf("effect %s: %+v, %v", b, back, err)
				}
			}
		})
	}
}

func TestEffectsJSONForm(t *testing.T) {
	_, fx := run(t, saas, start(saasA, date(2024, 1, 31, 10, 0, time.UTC)))
	b, _ := json.Marshal(fx)
	want := `[{"type":"collect-billing","rule":"TRL-03","reason":"trial-started","at":"2024-01-31T10:00:00Z","plan":"basic","amount":{"amount":"0.00","currency":"SEK"}},` +
		`{"type":"start-trial","rule":"TRL-02","reason":"trial-started","at":"2024-01-31T10:00:00Z","plan":"basic","months":1,"until":"2024-02-29T10:00:00Z"},` +
		`{"type":"notify","rule":"TRL-04","reason":"trial-started","at":"2024-01-31T10:00:00Z","plan":"basic","until":"2024-02-29T10:00:00Z"}]`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	if b, _ := json.Marshal(noEffects); string(b) != `[]` {
		t.Errorf("no effects: %s", b)
	}
}

func TestEffectsJSONErrors(t *testing.T) {
	const cancel = `{"type":"end-trial","rule":"TRL-04","reason":"trial-cancelled","at":"2024-01-01T09:00:00Z","plan":"basic"}`
	const notify = `{"type":"notify","rule":"EXT-12","reason":"trial-cancelled","at":"2024-01-01T09:00:00Z","plan":"basic"}`
	cases := []struct {
		name string
		json string
		path string
	}{
		{"not an array", `{}`, ""},
		{"unknown action", `[{"type":"refund","rule":"TRL-04","reason":"trial-cancelled","at":"2024-01-01T09:00:00Z","plan":"basic"}]`, "[0].type"},
		{"missing action", `[{"rule":"TRL-04","reason":"trial-cancelled","at":"2024-01-01T09:00:00Z","plan":"basic"}]`, "[0].type"},
		{"unknown member", `[{"type":"notify","extra":true}]`, "[0]"},
		{"wrong order", `[` + notify + `,` + cancel + `]`, "[0]"},
		{"missing effect", `[` + cancel + `]`, "[0]"},
		{"one too many", `[` + cancel + `,` + notify + `,` + notify + `]`, "[2]"},
		{"unknown reason", `[` + strings.ReplaceAll(cancel, "trial-cancelled", "why-not") + `]`, "[0]"},
		{"wrong rule", `[` + cancel + `,` + strings.Replace(notify, "EXT-12", "TRL-04", 1) + `]`, "[1]"},
		{"inconsistent instants", `[` + cancel + `,` + strings.Replace(notify, "09:00", "10:00", 1) + `]`, "[1]"},
		{"bad amount", `[{"type":"collect-billing","rule":"TRL-03","reason":"trial-started","at":"2024-01-01T09:00:00Z","plan":"basic","amount":{"amount":"0.001","currency":"SEK"}}]`, "[0].amount"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var fx trial.Effects
			err := fx.UnmarshalJSON([]byte(tc.json))
			var ps rule.Problems
			if !errors.As(err, &ps) || ps[0].Path != tc.path {
				t.Fatalf("error = %v, want a problem at %q", err, tc.path)
			}
			if fx.Len() != 0 {
				t.Error("a failed decode wrote the effects")
			}
		})
	}
}

func TestEligibilityJSON(t *testing.T) {
	for _, e := range []trial.Eligibility{
		must(vm.Eligible(vm3, trial.History{})),
		must(saas.Eligible(saasA, trial.History{Paid: true})),
	} {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var got trial.Eligibility
		if err := json.Unmarshal(b, &got); err != nil || !cmp.Equal(e, got) {
			t.Errorf("round trip of %s: %+v, %v", b, got, err)
		}
	}
	var e trial.Eligibility
	err := json.Unmarshal([]byte(`{"allowed":true,"offer":{"type":"cloud"}}`), &e)
	var ps rule.Problems
	if !errors.As(err, &ps) || ps[0].Path != "offer.type" {
		t.Errorf("error = %v, want a problem at offer.type", err)
	}
}

// A transition's JSON members come in the documented order, whatever the
// order of its fields, and an encoder's HTML escaping applies to the
// members of a state and a transition as to any other string.
func TestTransitionJSONForm(t *testing.T) {
	running, _ := run(t, vm, start(vm1, date(2024, 1, 1, 0, 0, time.UTC)))
	refused, err := vm.Policy.Apply(running, trial.Event{Type: trial.Switch, At: date(2024, 1, 2, 0, 0, time.UTC), Plan: vm6, Offer: saasOffer})
	if err != nil {
		t.Fatal(err)
	}
	refused.Lengths = []int{1, 3}
	b, err := json.Marshal(refused)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"allowed":false,"rule":"TRL-02","reason":"length-not-allowed","event":"switch","at":"2024-01-02T00:00:00Z","plan":"vm-6",` +
		`"offer":{"type":"saas","sellThroughMicrosoft":true},"state":{"phase":"trial","plan":"vm-1","market":"SE","months":1,` +
		`"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z","zone":"UTC","last":"2024-01-01T00:00:00Z"},"effects":[],` +
		`"end":"2024-02-01T00:00:00Z","months":6,"lengths":[1,3]}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	if b, _ := json.Marshal(trial.Transition{}); string(b) != `{"allowed":false,"rule":"","reason":"","state":{"phase":"none"},"effects":[]}` {
		t.Errorf("zero transition: %s", b)
	}
	odd := trial.Transition{Plan: "a<b", State: trial.State{Plan: "c&d"}}
	for escape, want := range map[bool]string{
		true:  `{"allowed":false,"rule":"","reason":"","plan":"a\u003cb","state":{"phase":"none","plan":"c\u0026d"},"effects":[]}`,
		false: `{"allowed":false,"rule":"","reason":"","plan":"a<b","state":{"phase":"none","plan":"c&d"},"effects":[]}`,
	} {
		var buf strings.Builder
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(escape)
		if err := enc.Encode(odd); err != nil || buf.String() != want+"\n" {
			t.Errorf("escapeHTML %v: %s, %v; want %s", escape, buf.String(), err, want)
		}
	}
}

// stateForm and transitionForm are State and Transition as encoding/json
// encodes a struct with their members in their order: the bytes their
// MarshalJSON methods must write.
type stateForm struct {
	Phase       trial.Phase   `json:"phase"`
	Plan        string        `json:"plan,omitempty"`
	Market      market.Code   `json:"market,omitzero"`
	Months      int           `json:"months,omitempty"`
	Start       time.Time     `json:"start,omitzero"`
	End         time.Time     `json:"end,omitzero"`
	Zone        string        `json:"zone,omitempty"`
	CancelledAt time.Time     `json:"cancelledAt,omitzero"`
	PaidAt      time.Time     `json:"paidAt,omitzero"`
	PaidVia     trial.PaidVia `json:"paidVia,omitzero"`
	Last        time.Time     `json:"last,omitzero"`
}

type transitionForm struct {
	Allowed bool            `json:"allowed"`
	Rule    rule.ID         `json:"rule"`
	Reason  rule.Reason     `json:"reason"`
	Event   trial.EventType `json:"event,omitzero"`
	At      time.Time       `json:"at,omitzero"`
	Plan    string          `json:"plan,omitempty"`
	Offer   trial.Offering  `json:"offer,omitzero"`
	State   stateForm       `json:"state"`
	Effects trial.Effects   `json:"effects"`
	End     time.Time       `json:"end,omitzero"`
	Months  int             `json:"months,omitempty"`
	Lengths []int           `json:"lengths,omitempty"`
}

func formOf(s trial.State) stateForm {
	return stateForm{s.Phase, s.Plan, s.Market, s.Months, s.Start, s.End, s.Zone, s.CancelledAt, s.PaidAt, s.PaidVia, s.Last}
}

// jsonTransitions returns a transition of every kind and one for each
// state of states.
func jsonTransitions(t *testing.T) []trial.Transition {
	var trs []trial.Transition
	for _, tc := range transitionCases(t) {
		e := tc.e
		e.Offer = tc.m.Offer
		tr, err := tc.m.Policy.Apply(tc.s, e)
		if err != nil {
			t.Fatal(err)
		}
		trs = append(trs, tr)
	}
	for _, s := range states(t) {
		trs = append(trs, trial.Transition{State: s})
	}
	return trs
}

// State and Transition encode as a struct of their members would, byte
// for byte, with and without HTML escaping, for every kind of state and
// for strings that need escaping; values that cannot be encoded are
// errors.
func TestJSONBytes(t *testing.T) {
	trs := jsonTransitions(t)
	for _, odd := range []string{"<a&b>", "x\"y", `b\s`, "\x00\x1f\t\n\r\b\f", "é", "\u2028\u2029", "\xff\xfe"} {
		trs = append(trs, trial.Transition{Plan: odd, Rule: rule.ID(odd), Reason: rule.Reason(odd), State: trial.State{Plan: odd, Zone: odd}})
	}
	trs = append(trs, trial.Transition{Event: trial.Tick, Offer: trial.Offering{SellThroughMicrosoft: true}, Months: -3, Lengths: []int{-1, 1 << 40}})
	for _, tr := range trs {
		form := transitionForm{tr.Allowed, tr.Rule, tr.Reason, tr.Event, tr.At, tr.Plan, tr.Offer, formOf(tr.State), tr.Effects, tr.End, tr.Months, tr.Lengths}
		for _, escape := range []bool{true, false} {
			for _, pair := range [][2]any{{tr, form}, {tr.State, form.State}} {
				var got, want strings.Builder
				for i, w := range []*strings.Builder{&got, &want} {
					enc := json.NewEncoder(w)
					enc.SetEscapeHTML(escape)
					if err := enc.Encode(pair[i]); err != nil {
						t.Fatal(err)
					}
				}
				if got.String() != want.String() {
					t.Errorf("escapeHTML %v:\n got %s\nwant %s", escape, got.String(), want.String())
				}
			}
		}
	}
	year10000 := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, v := range []any{
		trial.State{Phase: 9}, trial.State{PaidVia: 9}, trial.State{Market: 250}, trial.State{Start: year10000},
		trial.State{End: year10000}, trial.State{CancelledAt: year10000}, trial.State{PaidAt: year10000}, trial.State{Last: year10000},
		trial.Transition{Event: 99}, trial.Transition{At: year10000}, trial.Transition{Offer: trial.Offering{Type: 77}},
		trial.Transition{State: trial.State{Phase: 9}}, trial.Transition{End: year10000},
	} {
		if b, err := json.Marshal(v); err == nil {
			t.Errorf("%+v encodes as %s, want an error", v, b)
		}
	}
}

package metering

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/plan"
)

func TestEnumsRoundTrip(t *testing.T) {
	for s := EventStatus(0); s <= InvalidDimension; s++ {
		b, err := s.MarshalText()
		var back EventStatus
		if err != nil || back.UnmarshalText(b) != nil || back != s || back.String() != string(b) {
			t.Errorf("status %d: %q %v", s, b, err)
		}
	}
	for s := ReconStatus(0); s <= ReconMismatch; s++ {
		b, err := s.MarshalText()
		var back ReconStatus
		if err != nil || back.UnmarshalText(b) != nil || back != s || back.String() != string(b) {
			t.Errorf("recon %d: %q %v", s, b, err)
		}
	}
	var s EventStatus
	var r ReconStatus
	for _, err := range []error{s.UnmarshalText([]byte("Maybe")), r.UnmarshalText([]byte("x"))} {
		if !errors.Is(err, enum.ErrUnknown) {
			t.Errorf("unknown name: %v", err)
		}
	}
	if _, err := EventStatus(99).MarshalText(); err == nil {
		t.Error("invalid status marshaled")
	}
	if _, err := ReconStatus(99).MarshalText(); err == nil {
		t.Error("invalid recon status")
	}
}

func TestValuesRoundTrip(t *testing.T) {
	// Every answer and request value survives JSON.
	o, err := DefaultPolicy().Overage(OverageRequest{Term: plan.OneMonth, Start: utc(2024, 3, 1, 0, 0, 0, 0),
		Meters: []Meter{{Dimension: "d", Price: currency.MustParseRate("0.015"), Included: plan.Unlimited}, {Dimension: "e", Price: currency.MustParseRate("1"), Included: 1}},
		Events: []Event{ev("s", "d", utc(2024, 3, 1, 1, 0, 0, 0), "2"), ev("s", "e", utc(2024, 3, 1, 1, 0, 0, 0), "2.5")}})
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, &o)
	sub, _ := DefaultPolicy().Submit(SubmitRequest{Status: Subscribed, At: utc(2024, 3, 1, 3, 0, 0, 0), Events: o.Billable()})
	roundTrip(t, &sub)
	rep := Reply{HTTPStatus: 409, Results: []Result{{Status: Duplicate, Quantity: MustParseQuantity("1.0")}}, Error: &ErrorBody{Code: "Conflict", AdditionalInfo: &AdditionalInfo{AcceptedMessage: &Result{Status: Duplicate}}}}
	roundTrip(t, &rep)
	row := Row{UsageDate: utc(2024, 3, 1, 0, 0, 0, 0), ReconStatus: ReconAccepted, SubmittedQuantity: MustParseQuantity("2")}
	roundTrip(t, &row)
	cl := Classification{Rule: ruleMTR04, Outcomes: []Outcome{{Reason: ReasonLost, Status: Expired, Lost: currency.MustFromMinor(5, currency.USD)}}}
	roundTrip(t, &cl)
}

func roundTrip[T any](t *testing.T, v *T) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%T: %v\n%s", v, err, b)
	}
	if diff := cmp.Diff(*v, back); diff != "" {
		t.Errorf("%T round trip (-want +got):\n%s", v, diff)
	}
}

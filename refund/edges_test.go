package refund_test

import (
	"encoding/json"
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
)

// Every zero value marshals and round-trips.
func TestZeroValuesRoundTrip(t *testing.T) {
	for _, v := range []any{&refund.Request{}, &refund.Decision{}, &refund.Limit{}, &refund.Cancellation{}, &refund.SaaSWindows{}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%T: %v", v, err)
			continue
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Errorf("%T: %s does not decode: %v", v, b, err)
		}
	}
	if _, err := json.Marshal(refund.Policy{}); err != nil {
		t.Errorf("zero Policy: %v", err)
	}
}

// A Request round-trips through JSON, its zone by name; decoding is
// strict and bounded.
func TestRequestJSON(t *testing.T) {
	sto := mustZone(t, "Europe/Stockholm")
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, sto)
	for _, r := range []refund.Request{
		{Charge: refund.CSPLicense, Trigger: refund.SeatsAdded, Term: plan.OneYear, Zone: sto, Start: t0, At: t0.Add(time.Hour),
			Paid: money("90.00 USD"), PaidUntil: t0.AddDate(1, 0, 0)},
		{Charge: refund.VMReservation, Zone: time.UTC, Start: t0, At: t0, Paid: money("0.00 USD"), Commitment: money("10.00 USD"),
			History: []refund.Cancellation{{At: t0.AddDate(0, -1, 0), Amount: money("5.00 USD")}}, PrivateOffer: true},
		{Charge: refund.CSPPerpetual, Zone: time.FixedZone("", 3600), Start: t0, At: t0, Paid: money("1.00 SEK")},
		{Charge: refund.CSPPerpetual, Zone: mustFixed(t, -8*time.Hour), Start: t0, At: t0, Paid: money("1.00 SEK")},
	} {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back refund.Request
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if diff := cmp.Diff(r, back, cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() })); diff != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", b, diff)
		}
	}
	for _, in := range []string{`{"charge":"saas","Charge":"usage"}`, `{"charge":"saas","charge":"usage"}`, `{"zone":"Mars/Olympus"}`,
		`{"zone":"Local"}`, `{"kind":"saas"}`, `{` + strings.Repeat(`"x":1,`, refund.MaxJSONSize/6) + `"y":1}`} {
		var r refund.Request
		err := json.Unmarshal([]byte(in), &r)
		var ps rule.Problems
		if !errors.As(err, &ps) || !(errors.Is(err, refund.ErrJSON) || errors.Is(err, refund.ErrZone)) {
			t.Errorf("%.60s: %v", in, err)
		}
	}
}

// Nothing paid is a clear decision, not "Full refund of 0.".
func TestRFD01_NothingPaid(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, paid := range []currency.Money{{}, money("0.00 USD")} {
		d, err := refund.DefaultPolicy().Decide(refund.Request{Charge: refund.SaaS, Term: plan.OneMonth, Start: t0, At: t0.Add(time.Hour), Paid: paid})
		if err != nil || d.Allowed || d.Reason != refund.ReasonNothingPaid || d.Settlement != refund.NoRefund || d.Cancel != refund.CancelNow {
			t.Errorf("paid %v: %v, %v", paid, d, err)
		}
		for _, lang := range []rule.Language{rule.English, rule.Swedish} {
			if x := d.Explain(lang); strings.Contains(x, "of 0") || strings.Contains(x, "på 0") || !strings.Contains(x, "(RFD-01)") {
				t.Errorf("%v: %s", lang, x)
			}
		}
		b, err := json.Marshal(d)
		var back refund.Decision
		if err != nil || json.Unmarshal(b, &back) != nil {
			t.Errorf("%s: %v", b, err)
		}
	}
}

// Property: random and extreme requests and policies (zero values,
// MaxInt terms and windows refused, years 1 and 9999, instants 1 ns
// apart, invalid enums, mismatched currencies) never panic, and every
// decision keeps the invariants: 0 ≤ refund ≤ paid, refund + retained =
// paid in one currency, windows monotone (WindowStart ≤ WindowEnd), an
// allowed decision has a settlement, and it round-trips through JSON.
func TestPropertyExtremeInputs(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 7))
	zones := []*time.Location{nil, time.UTC, mustZone(t, "Pacific/Apia"), mustZone(t, "America/St_Johns"), time.FixedZone("", -(7*3600 + 52*60 + 58))}
	instants := []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC), time.Date(2024, 3, 1, 10, 0, 0, 1, time.UTC), time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC),
		time.Date(2024, 3, 8, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)}
	amounts := []currency.Money{{}, money("0.00 USD"), money("100.00 USD"), money("100.00 SEK"), money("-1.00 USD"),
		currency.MustFromMinor(math.MaxInt64, currency.USD), money("3.000 BHD")}
	policies := []refund.Policy{{}, refund.DefaultPolicy(), refund.Policy2023(), {ProfessionalService: mustWindow(refund.Hours(72))}}
	terms := []plan.Term{0, plan.OneMonth, plan.OneYear, plan.ThreeYears, plan.Hourly, 200}
	for range 30000 {
		r := refund.Request{
			Charge:       refund.ChargeType(rng.IntN(13)),
			Trigger:      refund.Trigger(rng.IntN(6)),
			Term:         terms[rng.IntN(len(terms))],
			Start:        instants[rng.IntN(len(instants))],
			At:           instants[rng.IntN(len(instants))],
			Paid:         amounts[rng.IntN(len(amounts))],
			Zone:         zones[rng.IntN(len(zones))],
			Vendor:       refund.Vendor(rng.IntN(4)),
			PrivateOffer: rng.IntN(4) == 0,
			Commitment:   amounts[rng.IntN(len(amounts))],
		}
		if rng.IntN(3) == 0 {
			r.PaidUntil = instants[rng.IntN(len(instants))]
		}
		if rng.IntN(4) == 0 {
			r.History = []refund.Cancellation{{At: instants[rng.IntN(len(instants))], Amount: amounts[rng.IntN(len(amounts))]}}
		}
		d, err := policies[rng.IntN(len(policies))].Decide(r)
		if err != nil {
			var ps rule.Problems
			if !errors.As(err, &ps) || len(ps) == 0 || d != (refund.Decision{}) {
				t.Fatalf("%+v: error %T %v with %v", r, err, err, d)
			}
			continue
		}
		if d.Refund.IsNegative() || d.Retained.IsNegative() || d.Refund.Minor() > d.Paid.Minor() ||
			d.Refund.Minor()+d.Retained.Minor() != d.Paid.Minor() || d.Refund.Code() != d.Paid.Code() && d.Refund != (currency.Money{}) {
			t.Fatalf("money does not add up: %+v → %v", r, d)
		}
		if !d.WindowStart.IsZero() && !d.WindowEnd.IsZero() && d.WindowEnd.Before(d.WindowStart) {
			t.Fatalf("window not monotone: %v", d)
		}
		if d.Allowed == (d.Settlement == refund.NoRefund) || d.Rule == "" || d.Reason == "" || d.Explain(rule.Swedish) == "" {
			t.Fatalf("decision without outcome: %v", d)
		}
		b, err := json.Marshal(d)
		if err != nil {
			continue // an instant outside RFC 3339's years: the decision is still right
		}
		var back refund.Decision
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
	}
}

// A policy round-trips and decodes strictly.
func TestPolicyJSON(t *testing.T) {
	for _, p := range []refund.Policy{{}, refund.DefaultPolicy(), refund.Policy2023()} {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var back refund.Policy
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if diff := cmp.Diff(p, back); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
	for _, in := range []string{`{"SaaS":[]}`, `{"cspSoftware":"P-1D"}`, `{"saas":[{"monthly":"72h"}]}`, `{"rounding":1,"rounding":2}`,
		`{` + strings.Repeat(`"x":1,`, refund.MaxJSONSize/6) + `"y":1}`} {
		var p refund.Policy
		if err := json.Unmarshal([]byte(in), &p); !errors.Is(err, refund.ErrPolicy) {
			t.Errorf("%.60s: %v", in, err)
		}
	}
}

func mustFixed(t *testing.T, off time.Duration) *time.Location {
	loc, err := calendar.FixedZone(off)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

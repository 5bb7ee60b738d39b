package refund_test

import (
	"encoding"
	"encoding/json"
	"errors"
	enumpkg "github.com/marketrules/marketrules/internal/enum"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
)

// decisionsOfEveryKind returns a decision of every reason and kind, for
// round trips.
func decisionsOfEveryKind(t *testing.T) []refund.Decision {
	t.Helper()
	sto := mustZone(t, "Europe/Stockholm")
	var out []refund.Decision
	for kind := refund.SaaS; kind.Valid(); kind++ {
		for _, after := range []time.Duration{time.Hour, 40 * 24 * time.Hour} {
			for _, term := range []plan.Term{plan.OneMonth, plan.ThreeYears} {
				out = append(out, decide(t, refund.DefaultPolicy(), refund.Request{
					Charge: kind, Term: term, Zone: sto, Start: t0, At: t0.Add(after), Paid: money("123.45 USD"),
					History: []refund.Cancellation{{At: t0.AddDate(0, -1, 0), Amount: money("40000.00 USD")}},
				}))
			}
		}
	}
	out = append(out,
		decide(t, refund.DefaultPolicy(), refund.Request{Charge: refund.CSPSoftware, Vendor: refund.SUSE, Zone: sto, Start: t0, At: t0, Paid: money("1 JPY")}),
		decide(t, refund.DefaultPolicy(), refund.Request{Charge: refund.CSPLicense, Trigger: refund.Upgrade, Start: t0, At: t0}),
		decide(t, refund.DefaultPolicy(), refund.Request{Charge: refund.CSPLicense, Trigger: refund.SeatsAdded, Zone: sto, Start: t0, At: t0, PaidUntil: t0.AddDate(0, 0, 10), Paid: money("3.000 BHD")}),
		decide(t, refund.DefaultPolicy(), refund.Request{Charge: refund.VMReservation, PrivateOffer: true, Start: t0, At: t0}),
		decide(t, refund.DefaultPolicy(), refund.Request{Charge: refund.VMReservation, Term: plan.OneYear, Start: t0, At: t0, Paid: money("20000.00 USD"),
			History: []refund.Cancellation{{At: t0.AddDate(0, -1, 0), Amount: money("40000.00 USD")}}}),
	)
	return out
}

func TestDecisionJSONRoundTrip(t *testing.T) {
	for _, d := range decisionsOfEveryKind(t) {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal(%v): %v", d, err)
		}
		var got refund.Decision
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", b, diff)
		}
		if strings.Contains(string(b), `"remaining":`) != (d.Remaining != 0) {
			t.Errorf("remaining %v in %s", d.Remaining, b)
		}
	}
}

// Local mean time offsets have seconds (Los Angeles: -07:52:58 before
// 1883), which RFC 3339 cannot write: such instants are written in UTC,
// so the instant survives.
func TestDecisionJSONLocalMeanTime(t *testing.T) {
	la := mustZone(t, "America/Los_Angeles")
	start := time.Date(1850, time.May, 1, 12, 0, 0, 0, la)
	d := decide(t, refund.DefaultPolicy(), refund.Request{Charge: refund.CSPPerpetual, Zone: la, Start: start, At: start.Add(time.Hour), Paid: money("1.00 USD")})
	if _, off := d.WindowEnd.Zone(); off%60 == 0 {
		t.Fatalf("window end %v: want an offset with seconds for this test", d.WindowEnd)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var got refund.Decision
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got); diff != "" {
		t.Errorf("round trip of %s (-want +got):\n%s", b, diff)
	}
}

func TestDecisionJSONZeroValue(t *testing.T) {
	b, err := json.Marshal(refund.Decision{})
	if err != nil {
		t.Fatal(err)
	}
	var got refund.Decision
	if err := json.Unmarshal(b, &got); err != nil || got != (refund.Decision{}) {
		t.Errorf("zero Decision: %s gives %v, %v", b, got, err)
	}
	d := refund.Decision{Charge: refund.SaaS}
	if err := json.Unmarshal([]byte("null"), &d); err != nil || d.Charge != refund.SaaS {
		t.Errorf("null: %v, %v; want no change", d, err)
	}
	if err := json.Unmarshal([]byte(`{"charge":"usage","futureField":1}`), &d); !errors.Is(err, refund.ErrDecision) || d.Charge != refund.SaaS {
		t.Errorf("unknown field: %v, %v; want a problem and no change", d, err)
	}
}

func TestDecisionJSONErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{`{"charge":"office-add-in"}`, refund.ErrDecision},
		{`{"trigger":"refill"}`, refund.ErrDecision},
		{`{"cancel":"later"}`, refund.ErrDecision},
		{`{"settlement":"half"}`, refund.ErrDecision},
		{`{"vendor":"acme"}`, refund.ErrDecision},
		{`{"window":"72h"}`, refund.ErrDecision},
		{`{"paid":{"amount":"1.234","currency":"USD"}}`, refund.ErrDecision},
		{`{"remaining":"soon"}`, refund.ErrDecision},
		{`[1,2]`, refund.ErrDecision},
		{`{"allowed":"yes"}`, refund.ErrDecision},
		{`{"Allowed":true}`, refund.ErrDecision},
		{`{"allowed":false,"allowed":true}`, refund.ErrDecision},
		{`{"rule":"RFD-99"}`, refund.ErrDecision},
		{`{` + strings.Repeat(`"x":1,`, refund.MaxJSONSize/6) + `"y":1}`, refund.ErrDecision},
	}
	for _, tt := range tests {
		d := refund.Decision{Charge: refund.Usage}
		err := json.Unmarshal([]byte(tt.in), &d)
		if err == nil {
			t.Errorf("Unmarshal(%s) = %v, want an error", tt.in, d)
			continue
		}
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("Unmarshal(%s) = %v, want %v", tt.in, err, tt.want)
		}
		if d.Charge != refund.Usage {
			t.Errorf("Unmarshal(%s) changed the decision to %v on error", tt.in, d)
		}
	}
}

// enum is what the package's enums have in common.
type enum interface {
	String() string
	encoding.TextMarshaler
}

func TestEnumsText(t *testing.T) {
	type entry struct {
		v    enum
		text string
		back func(string) (enum, error)
	}
	kind := func(s string) (enum, error) {
		var v refund.ChargeType
		err := v.UnmarshalText([]byte(s))
		return v, err
	}
	event := func(s string) (enum, error) { var v refund.Trigger; err := v.UnmarshalText([]byte(s)); return v, err }
	vendor := func(s string) (enum, error) { var v refund.Vendor; err := v.UnmarshalText([]byte(s)); return v, err }
	basis := func(s string) (enum, error) {
		var v refund.Settlement
		err := v.UnmarshalText([]byte(s))
		return v, err
	}
	cancel := func(s string) (enum, error) {
		var v refund.CancelOption
		err := v.UnmarshalText([]byte(s))
		return v, err
	}
	// The names are stable: hosts store them.
	tests := []entry{
		{refund.SaaS, "saas", kind}, {refund.Usage, "usage", kind}, {refund.ProfessionalService, "professional-service", kind},
		{refund.VMReservation, "vm-reservation", kind}, {refund.Container, "container", kind}, {refund.ManagedAppFee, "managed-app-fee", kind},
		{refund.CSPSoftware, "csp-software", kind}, {refund.CSPPerpetual, "csp-perpetual", kind}, {refund.CSPLicense, "csp-license", kind},
		{refund.CSPSaaS, "csp-saas", kind},
		{refund.NewPurchase, "purchase", event}, {refund.Renewal, "renewal", event}, {refund.SeatsAdded, "seats-added", event}, {refund.Upgrade, "upgrade", event},
		{refund.OtherVendor, "other", vendor}, {refund.RedHat, "red-hat", vendor}, {refund.SUSE, "suse", vendor},
		{refund.NoRefund, "none", basis}, {refund.FullRefund, "full", basis}, {refund.ProratedRefund, "prorated", basis}, {refund.InvoiceCredit, "credit", basis},
		{refund.NothingToCancel, "not-applicable", cancel}, {refund.CancelNow, "now", cancel}, {refund.CancelAtPeriodEnd, "at-period-end", cancel}, {refund.CannotCancel, "not-allowed", cancel},
	}
	for _, tt := range tests {
		b, err := tt.v.MarshalText()
		if err != nil || string(b) != tt.text || tt.v.String() != tt.text {
			t.Errorf("%v: MarshalText = %q, %v; String = %q; want %q", tt.v, b, err, tt.v.String(), tt.text)
		}
		for _, s := range []string{tt.text, strings.ToUpper(tt.text)} {
			if got, err := tt.back(s); err != nil || got != tt.v {
				t.Errorf("UnmarshalText(%q) = %v, %v; want %v", s, got, err, tt.v)
			}
		}
	}
	bad := []struct {
		v    enum
		str  string
		want error
	}{
		{refund.ChargeType(11), "refund.ChargeType(11)", refund.ErrKind},
		{refund.Trigger(4), "refund.Trigger(4)", refund.ErrEvent}, {refund.Vendor(3), "refund.Vendor(3)", refund.ErrName},
		{refund.Settlement(4), "refund.Settlement(4)", refund.ErrName}, {refund.CancelOption(4), "refund.CancelOption(4)", refund.ErrName},
	}
	for _, tt := range bad {
		if _, err := tt.v.MarshalText(); !errors.Is(err, tt.want) || tt.v.String() != tt.str {
			t.Errorf("%s: MarshalText error %v, want %v", tt.str, err, tt.want)
		}
	}
	for _, f := range []struct {
		back func(string) (enum, error)
		want error
	}{{kind, refund.ErrKind}, {event, refund.ErrEvent}, {vendor, refund.ErrName}, {basis, refund.ErrName}, {cancel, refund.ErrName}} {
		for _, s := range []string{"nope", strings.Repeat("x", 100), "Kind(3)"} {
			var ee *enumpkg.Error
			if _, err := f.back(s); !errors.Is(err, f.want) || !errors.As(err, &ee) {
				t.Errorf("UnmarshalText(%q) = %v, want %v and an *enum.Error", s, err, f.want)
			}
		}
	}
	// The zero ChargeType is unset: "" both ways.
	if b, err := refund.ChargeType(0).MarshalText(); err != nil || len(b) != 0 || refund.ChargeType(0).String() != "" {
		t.Errorf("zero ChargeType: %q, %v", b, err)
	}
	if v, err := kind(""); err != nil || v != refund.ChargeType(0) {
		t.Errorf(`UnmarshalText("") = %v, %v`, v, err)
	}
}

func TestParseWindow(t *testing.T) {
	tests := []struct {
		in   string
		want refund.Window
		text string
	}{
		{"PT72H", mustWindow(refund.Hours(72)), "PT72H"},
		{"pt72h", mustWindow(refund.Hours(72)), "PT72H"},
		{"PT24H", mustWindow(refund.Hours(24)), "PT24H"},
		{"PT90M", mustWindow(refund.Exactly(90 * time.Minute)), "PT1H30M"},
		{"PT1H30M15S", mustWindow(refund.Exactly(hms(1, 30, 15))), "PT1H30M15S"},
		{"PT0.000000001S", mustWindow(refund.Exactly(1)), "PT0.000000001S"},
		{"PT1.5S", mustWindow(refund.Exactly(1500 * time.Millisecond)), "PT1.5S"},
		{"PT2562047H47M16.854775807S", mustWindow(refund.Exactly(1<<63 - 1)), "PT2562047H47M16.854775807S"},
		{"PT0S", refund.Window{}, "PT0S"},
		{"P0D", refund.Window{}, "PT0S"},
		{"P7D", mustWindow(refund.CalendarDays(7)), "P7D"},
		{"P30D", mustWindow(refund.CalendarDays(30)), "P30D"},
		{"P2147483647D", mustWindow(refund.CalendarDays(1<<31 - 1)), "P2147483647D"},
	}
	for _, tt := range tests {
		got, err := refund.ParseWindow(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseWindow(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			continue
		}
		b, err := got.MarshalText()
		if err != nil || string(b) != tt.text || got.String() != tt.text {
			t.Errorf("MarshalText(%q) = %q, %v; want %q", tt.in, b, err, tt.text)
		}
	}
}

func TestParseWindowErrors(t *testing.T) {
	for _, in := range []string{
		"", "P", "PT", "72H", "T72H", "P7", "PD", "P-7D", "P+7D", "P1.5D", "P2147483648D", "P1DT2H", "PT-1H",
		"PT1H2H", "PT30M1H", "PT5S3M", "PT1.S", "PT.5S", "PT1.1234567891S", "PT1.5H", "PT2562048H", "PT2562047H47M16.854775808S",
		"PT1X", "PT1H ", " PT1H", "PT99999999999999999999H", strings.Repeat("P", 100),
	} {
		if w, err := refund.ParseWindow(in); !errors.Is(err, refund.ErrWindow) {
			t.Errorf("ParseWindow(%q) = %v, %v; want ErrWindow", in, w, err)
		}
	}
}

// Negative and out-of-range windows cannot be made: the constructors
// refuse them (issue: CalendarDays(-1) was accepted).
func TestWindowConstructorsRefuseOutOfRange(t *testing.T) {
	for name, f := range map[string]func() (refund.Window, error){
		"Hours(-1)":          func() (refund.Window, error) { return refund.Hours(-1) },
		"Hours(2^62)":        func() (refund.Window, error) { return refund.Hours(1 << 62) },
		"Exactly(-1ns)":      func() (refund.Window, error) { return refund.Exactly(-1) },
		"CalendarDays(-1)":   func() (refund.Window, error) { return refund.CalendarDays(-1) },
		"CalendarDays(2^40)": func() (refund.Window, error) { return refund.CalendarDays(1 << 40) },
		"CalendarDays(MinInt)": func() (refund.Window, error) {
			return refund.CalendarDays(math.MinInt)
		},
	} {
		if w, err := f(); !errors.Is(err, refund.ErrWindow) || !w.IsZero() {
			t.Errorf("%s = %v, %v; want ErrWindow", name, w, err)
		}
	}
	if w, err := refund.CalendarDays(1<<31 - 1); err != nil || w.Days() != 1<<31-1 {
		t.Errorf("CalendarDays(2^31-1) = %v, %v", w, err)
	}
	if w, err := refund.Hours(2562047); err != nil || w.Duration() != 2562047*time.Hour {
		t.Errorf("Hours(2562047) = %v, %v", w, err)
	}
	var w refund.Window
	if err := w.UnmarshalText([]byte("nope")); !errors.Is(err, refund.ErrWindow) || !w.IsZero() {
		t.Errorf("UnmarshalText(nope) = %v, window %v", err, w)
	}
}

func TestPolicyJSONRoundTrip(t *testing.T) {
	for _, p := range []refund.Policy{refund.DefaultPolicy(), refund.Policy2023()} {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var got refund.Policy
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(p, got); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
}

// DefaultPolicy returns a fresh value each time: changing one changes no
// other.
func TestDefaultPolicyIsACopy(t *testing.T) {
	a := refund.Policy2023()
	a.SaaS[2].Monthly = mustWindow(refund.Hours(1))
	a.CSPSoftware = mustWindow(refund.CalendarDays(1))
	b := refund.Policy2023()
	if b.SaaS[2].Monthly != mustWindow(refund.Hours(72)) || b.CSPSoftware != mustWindow(refund.CalendarDays(7)) {
		t.Errorf("DefaultPolicy changed by a caller: %v %v", b.SaaS[2].Monthly, b.CSPSoftware)
	}
	d, err := refund.DefaultPolicy().Decide(refund.Request{Charge: refund.SaaS, Term: plan.OneMonth, Start: t0, At: t0.Add(2 * time.Hour), Paid: money("1.00 USD")})
	if err != nil || !d.Allowed {
		t.Errorf("Decide after a caller changed its copy: %v, %v", d, err)
	}
	if e, ok := (refund.Policy{ProfessionalService: mustWindow(refund.Hours(72))}).SaaSAt(t0); ok || e != (refund.SaaSWindows{}) {
		t.Errorf("SaaSAt of an empty schedule = %v, %v", e, ok)
	}
}

// Explain renders every decision in both languages, citing its rule, with
// no formatting errors, and String summarizes it.
func TestExplainEveryDecision(t *testing.T) {
	seen := map[rule.Reason]bool{}
	for _, d := range decisionsOfEveryKind(t) {
		seen[d.Reason] = true
		for _, lang := range []rule.Language{rule.English, rule.Swedish} {
			e := d.Explain(lang)
			if strings.Contains(e, "%!") || !strings.Contains(e, string(d.Rule)) {
				t.Errorf("%v in %v: %q", d, lang, e)
			}
		}
		if s := d.String(); !strings.HasPrefix(s, string(d.Rule)+" "+string(d.Reason)+": ") {
			t.Errorf("String() = %q", s)
		}
	}
	for _, r := range []rule.Reason{refund.ReasonWithinWindow, refund.ReasonWindowClosed, refund.ReasonUsage, refund.ReasonPrivateOffer,
		refund.ReasonVendor, refund.ReasonLimitExceeded, refund.ReasonMultiYearLocked, refund.ReasonUpgrade} {
		if !seen[r] {
			t.Errorf("no decision with reason %s in the round-trip set", r)
		}
	}
	// Even a decision decoded from anywhere explains itself.
	odd := refund.Decision{Charge: 200, Trigger: 200, Vendor: 200, Settlement: 200, Cancel: 200, Window: mustWindow(refund.Exactly(90 * time.Second))}
	for _, lang := range []rule.Language{rule.English, rule.Swedish, 7} {
		if e := odd.Explain(lang); e == "" {
			t.Errorf("Explain(%v) of an odd decision is empty", lang)
		}
	}
}

// A stored decision must add up: each broken invariant is a problem at
// its JSON path with a sentinel.
func TestDecisionJSONInvariants(t *testing.T) {
	const at = `"at":"2024-03-01T10:00:00Z","rule":"RFD-01","reason":"within-window","cancel":"now","window":"PT72H"`
	tests := []struct {
		name, in string
		want     []problem
	}{
		{"refund above the amount paid",
			`{"allowed":true,"settlement":"full","paid":{"amount":"100.00","currency":"USD"},"refund":{"amount":"5000.00","currency":"USD"},"retained":{"amount":"0.00","currency":"USD"},` + at + `}`,
			[]problem{{"refund", rule.RFD01, refund.ErrDecision}, {"refund", rule.RFD01, refund.ErrDecision}}},
		{"refund in another currency",
			`{"allowed":true,"settlement":"full","paid":{"amount":"100.00","currency":"USD"},"refund":{"amount":"100.00","currency":"SEK"},"retained":{"amount":"0.00","currency":"USD"},` + at + `}`,
			[]problem{{"refund", rule.RFD01, refund.ErrCurrency}, {"refund", rule.RFD01, refund.ErrDecision}}},
		{"negative remainder",
			`{"allowed":true,"settlement":"prorated","paid":{"amount":"100.00","currency":"USD"},"refund":{"amount":"110.00","currency":"USD"},"retained":{"amount":"-10.00","currency":"USD"},` + at + `}`,
			[]problem{{"retained", rule.RFD01, refund.ErrAmount}}},
		{"allowed without a settlement",
			`{"allowed":true,"paid":{"amount":"100.00","currency":"USD"},"refund":{"amount":"100.00","currency":"USD"},"retained":{"amount":"0.00","currency":"USD"},` + at + `}`,
			[]problem{{"settlement", rule.RFD01, refund.ErrDecision}}},
		{"refused with a refund",
			`{"allowed":false,"paid":{"amount":"100.00","currency":"USD"},"refund":{"amount":"1.00","currency":"USD"},"retained":{"amount":"99.00","currency":"USD"},` + at + `}`,
			[]problem{{"refund", rule.RFD01, refund.ErrDecision}}},
		{"sum does not add up",
			`{"allowed":true,"settlement":"prorated","paid":{"amount":"100.00","currency":"USD"},"refund":{"amount":"60.00","currency":"USD"},"retained":{"amount":"60.00","currency":"USD"},` + at + `}`,
			[]problem{{"retained", rule.RFD01, refund.ErrDecision}}},
		{"negative days, window inverted",
			`{"allowed":false,"daysUsed":-1,"windowStart":"2024-03-02T00:00:00Z","windowEnd":"2024-03-01T00:00:00Z",` + at + `}`,
			[]problem{{"daysUsed", rule.RFD01, refund.ErrDecision}, {"windowEnd", rule.RFD01, refund.ErrDecision}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d refund.Decision
			err := json.Unmarshal([]byte(tt.in), &d)
			if diff := cmp.Diff(tt.want, problemsOf(t, err), cmpErr); diff != "" {
				t.Errorf("problems (-want +got):\n%s\n%v", diff, err)
			}
			if d != (refund.Decision{}) {
				t.Errorf("decision changed on error: %v", d)
			}
		})
	}
}

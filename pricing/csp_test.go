package pricing_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// CSP-02: software subscriptions bought on or after 14 October 2021 renew
// automatically by default; those bought before expire on their end date.
func TestCSP02_AutoRenewal(t *testing.T) {
	p := pricing.DefaultPolicy()
	for _, tt := range []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2021, 10, 13, 23, 59, 59, 0, time.UTC), false},
		{time.Date(2021, 10, 14, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), true},
	} {
		r := p.CSPRenewal(tt.at)
		if r.AutoRenews != tt.want || r.Rule != rule.CSP02 {
			t.Errorf("Renewal(%v) = %+v, want AutoRenews %v", tt.at, r, tt.want)
		}
	}
	r := p.CSPRenewal(time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC))
	if got := r.Explain(rule.English); got != "bought 2021-03-01, before 2021-10-14: it expires on its end date and does not renew automatically (CSP-02)" {
		t.Errorf("Explain = %q", got)
	}
	if got := p.CSPRenewal(p.CSPAutoRenewFrom).Explain(rule.Swedish); !strings.Contains(got, "förnyas automatiskt som standard") {
		t.Errorf("Swedish: %q", got)
	}
}

// CSP-03: billing frequencies by term; three-year SKUs may be billed
// annually from 22 October 2021.
func TestCSP03_BillingFrequencies(t *testing.T) {
	p := pricing.DefaultPolicy()
	before := time.Date(2021, 10, 21, 12, 0, 0, 0, time.UTC)
	after := time.Date(2021, 10, 22, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		term plan.Term
		at   time.Time
		want string
	}{
		{plan.OneMonth, after, "monthly"},
		{plan.OneYear, after, "monthly/annual"},
		{plan.ThreeYears, before, "triennial"},
		{plan.ThreeYears, after, "annual/triennial"},
		{plan.TwoYears, after, ""},
		{plan.Hourly, after, ""},
	} {
		if got := p.CSPBillingFrequencies(tt.term, tt.at).String(); got != tt.want {
			t.Errorf("BillingFrequencies(%v, %v) = %q, want %q", tt.term, tt.at, got, tt.want)
		}
	}
	var f pricing.BillingFrequency
	if err := f.UnmarshalText([]byte("triennial")); err != nil || f != pricing.BilledTriennially {
		t.Errorf("UnmarshalText: %v %v", f, err)
	}
	if b, err := pricing.BilledAnnually.MarshalText(); err != nil || string(b) != "annual" {
		t.Errorf("MarshalText: %s %v", b, err)
	}
}

// PAY-08: billing of CSP-bought SaaS starts only once the publisher has
// assigned the licenses and confirmed the account setup.
func TestPAY08_CSPBillingStart(t *testing.T) {
	assigned := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	confirmed := time.Date(2026, 3, 3, 14, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		a    pricing.CSPActivation
		want pricing.CSPBilling
	}{
		{"nothing yet", pricing.CSPActivation{}, pricing.CSPBilling{Rule: rule.PAY08, Reason: pricing.ReasonCSPAwaitLicenses}},
		{"licenses only", pricing.CSPActivation{LicensesAssigned: assigned}, pricing.CSPBilling{Rule: rule.PAY08, Reason: pricing.ReasonCSPAwaitSetup}},
		{"setup only", pricing.CSPActivation{SetupConfirmed: confirmed}, pricing.CSPBilling{Rule: rule.PAY08, Reason: pricing.ReasonCSPAwaitLicenses}},
		{"both, setup later", pricing.CSPActivation{LicensesAssigned: assigned, SetupConfirmed: confirmed},
			pricing.CSPBilling{Started: true, From: confirmed, Rule: rule.PAY08, Reason: pricing.ReasonCSPBillingStarted}},
		{"both, licenses later", pricing.CSPActivation{LicensesAssigned: confirmed, SetupConfirmed: assigned},
			pricing.CSPBilling{Started: true, From: confirmed, Rule: rule.PAY08, Reason: pricing.ReasonCSPBillingStarted}},
	} {
		if diff := cmp.Diff(tt.want, pricing.DefaultPolicy().CSPBillingStart(tt.a)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	b := pricing.DefaultPolicy().CSPBillingStart(pricing.CSPActivation{LicensesAssigned: assigned, SetupConfirmed: confirmed})
	if got := b.Explain(rule.English); got != "billing starts 2026-03-03 14:00:00 UTC, once the licenses are assigned and the publisher has confirmed the account setup (PAY-08)" {
		t.Errorf("Explain = %q", got)
	}
	for _, a := range []pricing.CSPActivation{{}, {LicensesAssigned: assigned}} {
		if s := pricing.DefaultPolicy().CSPBillingStart(a).Explain(rule.Swedish); !strings.Contains(s, "faktureringen har inte startat") {
			t.Errorf("Swedish: %q", s)
		}
	}
	j, _ := json.Marshal(b)
	var back pricing.CSPBilling
	if err := json.Unmarshal(j, &back); err != nil || !back.From.Equal(b.From) || back.Reason != b.Reason {
		t.Errorf("JSON round trip: %s → %+v, %v", j, back, err)
	}
}

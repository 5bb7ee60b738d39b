package refund_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
)

// outcome is the part of a decision that the rule tables check.
type outcome struct {
	Allowed   bool
	Cancel    refund.CancelOption
	Rule      rule.ID
	Reason    rule.Reason
	Basis     refund.Settlement
	Refund    currency.Money
	WindowEnd time.Time
	Remaining time.Duration
	DaysUsed  int
	DaysPaid  int
	DaysLeft  int
}

func outcomeOf(d refund.Decision) outcome {
	return outcome{
		Allowed: d.Allowed, Cancel: d.Cancel, Rule: d.Rule, Reason: d.Reason, Basis: d.Settlement,
		Refund: d.Refund, WindowEnd: d.WindowEnd, Remaining: d.Remaining,
		DaysUsed: d.DaysUsed, DaysPaid: d.DaysPaid, DaysLeft: d.DaysLeft,
	}
}

func decide(t *testing.T, p refund.Policy, r refund.Request) refund.Decision {
	t.Helper()
	d, err := p.Decide(r)
	if err != nil {
		t.Fatalf("Decide: %v", err)
	}
	if sum, err := d.Refund.Add(d.Retained); err != nil || sum != d.Paid {
		t.Errorf("refund %v + retained %v = %v (%v), want paid %v", d.Refund, d.Retained, sum, err, d.Paid)
	}
	return d
}

func money(s string) currency.Money { return currency.MustParse(s) }

func hms(h, m, s int) time.Duration {
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second
}

var (
	t0   = time.Date(2024, time.March, 1, 10, 0, 0, 0, time.UTC)
	usd  = currency.USD
	zero = func(c currency.Code) currency.Money { return currency.MustFromMinor(0, c) }
)

// RFD-01: recurring SaaS fees are refunded in full within 72 hours of the
// purchase or the renewal; the window is [start, start+72h) to the
// nanosecond.
func TestRFD01_SaaSWithin72Hours(t *testing.T) {
	end := t0.Add(72 * time.Hour)
	full := money("100.00 USD")
	tests := []struct {
		name  string
		event refund.Trigger
		term  plan.Term
		after time.Duration
		want  outcome
	}{
		{"at the purchase", refund.NewPurchase, plan.OneMonth, 0,
			outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD01, Reason: refund.ReasonWithinWindow, Basis: refund.FullRefund, Refund: full, WindowEnd: end, Remaining: 72 * time.Hour}},
		{"71:59:59", refund.NewPurchase, plan.OneMonth, hms(71, 59, 59),
			outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD01, Reason: refund.ReasonWithinWindow, Basis: refund.FullRefund, Refund: full, WindowEnd: end, Remaining: time.Second}},
		{"one nanosecond before 72 hours", refund.NewPurchase, plan.OneMonth, 72*time.Hour - 1,
			outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD01, Reason: refund.ReasonWithinWindow, Basis: refund.FullRefund, Refund: full, WindowEnd: end, Remaining: 1}},
		{"72:00:00", refund.NewPurchase, plan.OneMonth, 72 * time.Hour,
			outcome{Cancel: refund.CancelAtPeriodEnd, Rule: rule.RFD01, Reason: refund.ReasonWindowClosed, Refund: zero(usd), WindowEnd: end}},
		{"a month later", refund.NewPurchase, plan.OneMonth, 30 * 24 * time.Hour,
			outcome{Cancel: refund.CancelAtPeriodEnd, Rule: rule.RFD01, Reason: refund.ReasonWindowClosed, Refund: zero(usd), WindowEnd: end}},
		{"renewal, 71:59:59", refund.Renewal, plan.OneMonth, hms(71, 59, 59),
			outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD01, Reason: refund.ReasonWithinWindow, Basis: refund.FullRefund, Refund: full, WindowEnd: end, Remaining: time.Second}},
		{"renewal, 72:00:00", refund.Renewal, plan.OneMonth, 72 * time.Hour,
			outcome{Cancel: refund.CancelAtPeriodEnd, Rule: rule.RFD01, Reason: refund.ReasonWindowClosed, Refund: zero(usd), WindowEnd: end}},
		{"annual, 71:59:59", refund.NewPurchase, plan.OneYear, hms(71, 59, 59),
			outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD01, Reason: refund.ReasonWithinWindow, Basis: refund.FullRefund, Refund: full, WindowEnd: end, Remaining: time.Second}},
		{"annual, 72:00:00: cancellable, no refund", refund.NewPurchase, plan.OneYear, 72 * time.Hour,
			outcome{Cancel: refund.CancelAtPeriodEnd, Rule: rule.RFD01, Reason: refund.ReasonWindowClosed, Refund: zero(usd), WindowEnd: end}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, refund.DefaultPolicy(), refund.Request{
				Charge: refund.SaaS, Trigger: tt.event, Term: tt.term,
				Start: t0, At: t0.Add(tt.after), Paid: full,
			})
			if diff := cmp.Diff(tt.want, outcomeOf(d)); diff != "" {
				t.Errorf("decision (-want +got):\n%s", diff)
			}
		})
	}
}

// RFD-01: the whole decision for one request, every figure pinned. The
// refund is the flat fee; metered charges are another charge (RFD-02).
func TestRFD01_SaaSDecisionFigures(t *testing.T) {
	stockholm := mustZone(t, "Europe/Stockholm")
	r := refund.Request{
		Charge: refund.SaaS, Term: plan.OneMonth, Zone: stockholm,
		Start: t0, At: t0.Add(48 * time.Hour), Paid: money("1200.00 SEK"),
	}
	want := refund.Decision{
		Charge: refund.SaaS, Trigger: refund.NewPurchase, Term: plan.OneMonth,
		Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD01, Reason: refund.ReasonWithinWindow,
		Settlement: refund.FullRefund, Paid: money("1200.00 SEK"), Refund: money("1200.00 SEK"), Retained: zero(currency.SEK),
		Window: mustWindow(refund.Hours(72)), WindowStart: t0, WindowEnd: t0.Add(72 * time.Hour), At: t0.Add(48 * time.Hour),
		Remaining:  24 * time.Hour,
		PolicyFrom: time.Date(2022, time.June, 3, 0, 0, 0, 0, time.UTC),
	}
	got := decide(t, refund.Policy2023(), r)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decision (-want +got):\n%s", diff)
	}
	for _, lang := range []rule.Language{rule.English, rule.Swedish} {
		if e := got.Explain(lang); !strings.Contains(e, "RFD-02") || !strings.Contains(e, "RFD-01") {
			t.Errorf("Explain(%v) = %q, want it to cite RFD-01 and exclude metered charges (RFD-02)", lang, e)
		}
	}
}

// EXT-12, conflict C3: a SaaS charge is judged by the window in force
// when it was made (purchased or renewed): 1 day / 14 days from
// 2020-11-20, 24 hours / 14 days from 2021-08-20, 72 hours from
// 2022-06-03.
func TestEXT12_SaaSWindowByDateOfCharge(t *testing.T) {
	from2020 := time.Date(2020, time.November, 20, 0, 0, 0, 0, time.UTC)
	from2021 := time.Date(2021, time.August, 20, 0, 0, 0, 0, time.UTC)
	from2022 := time.Date(2022, time.June, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		start       time.Time
		event       refund.Trigger
		term        plan.Term
		after       time.Duration
		wantAllowed bool
		wantRule    rule.ID
		wantFrom    time.Time
		wantWindow  refund.Window
	}{
		{"2020 monthly, 23:59:59", time.Date(2020, 12, 1, 8, 0, 0, 0, time.UTC), refund.NewPurchase, plan.OneMonth, hms(23, 59, 59), true, rule.EXT12, from2020, mustWindow(refund.Hours(24))},
		{"2020 monthly, 24:00:00", time.Date(2020, 12, 1, 8, 0, 0, 0, time.UTC), refund.NewPurchase, plan.OneMonth, 24 * time.Hour, false, rule.EXT12, from2020, mustWindow(refund.Hours(24))},
		{"2020 annual, 14 days less 1 s", time.Date(2020, 12, 1, 8, 0, 0, 0, time.UTC), refund.NewPurchase, plan.OneYear, 14*24*time.Hour - time.Second, true, rule.EXT12, from2020, mustWindow(refund.Hours(336))},
		{"2020 annual, 14 days", time.Date(2020, 12, 1, 8, 0, 0, 0, time.UTC), refund.NewPurchase, plan.OneYear, 14 * 24 * time.Hour, false, rule.EXT12, from2020, mustWindow(refund.Hours(336))},
		{"before the first entry: the earliest policy", time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC), refund.NewPurchase, plan.OneMonth, 25 * time.Hour, false, rule.EXT12, from2020, mustWindow(refund.Hours(24))},
		{"the last second of the 2020 policy", from2021.Add(-time.Second), refund.NewPurchase, plan.OneMonth, 23 * time.Hour, true, rule.EXT12, from2020, mustWindow(refund.Hours(24))},
		{"the first instant of the 2021 policy", from2021, refund.NewPurchase, plan.OneMonth, 23 * time.Hour, true, rule.EXT12, from2021, mustWindow(refund.Hours(24))},
		{"2021 three-year, 14 days less 1 s", time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC), refund.NewPurchase, plan.ThreeYears, 14*24*time.Hour - time.Second, true, rule.EXT12, from2021, mustWindow(refund.Hours(336))},
		{"2021 monthly, 25 hours", from2022.Add(-time.Second), refund.NewPurchase, plan.OneMonth, 25 * time.Hour, false, rule.EXT12, from2021, mustWindow(refund.Hours(24))},
		{"2022 monthly, 25 hours", from2022, refund.NewPurchase, plan.OneMonth, 25 * time.Hour, true, rule.RFD01, from2022, mustWindow(refund.Hours(72))},
		{"2022 annual, 71 hours", from2022, refund.NewPurchase, plan.OneYear, 71 * time.Hour, true, rule.RFD01, from2022, mustWindow(refund.Hours(72))},
		{"a 2023 renewal of a 2021 purchase: 72 hours", time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC), refund.Renewal, plan.OneYear, 71 * time.Hour, true, rule.RFD01, from2022, mustWindow(refund.Hours(72))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, refund.Policy2023(), refund.Request{
				Charge: refund.SaaS, Trigger: tt.event, Term: tt.term,
				Start: tt.start, At: tt.start.Add(tt.after), Paid: money("10.00 EUR"),
			})
			got := []any{d.Allowed, d.Rule, d.PolicyFrom, d.Window}
			want := []any{tt.wantAllowed, tt.wantRule, tt.wantFrom, tt.wantWindow}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("allowed, rule, policy from, window (-want +got):\n%s", diff)
			}
		})
	}
}

// EXT-12 (fact 46): 2- and 3-year SaaS plans cannot be cancelled after
// the 72 hours until the term ends; a 1-year plan can, without refund.
// Under the 2021 policy, multi-year plans were not locked.
func TestEXT12_MultiYearSaaSLockedAfterWindow(t *testing.T) {
	tests := []struct {
		name         string
		start        time.Time
		term         plan.Term
		after        time.Duration
		wantCancel   refund.CancelOption
		wantReason   rule.Reason
		wantRule     rule.ID
		wantTermEnd  time.Time
		wantRefunded bool
	}{
		{"2-year within 72 h", t0, plan.TwoYears, 71 * time.Hour, refund.CancelNow, refund.ReasonWithinWindow, rule.RFD01, time.Time{}, true},
		{"2-year at 72 h", t0, plan.TwoYears, 72 * time.Hour, refund.CannotCancel, refund.ReasonMultiYearLocked, rule.EXT12, t0.AddDate(2, 0, 0), false},
		{"3-year a year later", t0, plan.ThreeYears, 365 * 24 * time.Hour, refund.CannotCancel, refund.ReasonMultiYearLocked, rule.EXT12, t0.AddDate(3, 0, 0), false},
		{"1-year at 72 h", t0, plan.OneYear, 72 * time.Hour, refund.CancelAtPeriodEnd, refund.ReasonWindowClosed, rule.RFD01, t0.AddDate(1, 0, 0), false},
		{"2021 3-year after 14 days: not locked", time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC), plan.ThreeYears, 15 * 24 * time.Hour, refund.CancelAtPeriodEnd, refund.ReasonWindowClosed, rule.EXT12, time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, refund.Policy2023(), refund.Request{
				Charge: refund.SaaS, Term: tt.term, Start: tt.start, At: tt.start.Add(tt.after), Paid: money("900.00 USD"),
			})
			got := []any{d.Cancel, d.Reason, d.Rule, d.TermEnd, d.Allowed}
			want := []any{tt.wantCancel, tt.wantReason, tt.wantRule, tt.wantTermEnd, tt.wantRefunded}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("cancel, reason, rule, term end, allowed (-want +got):\n%s", diff)
			}
		})
	}
}

// RFD-02: usage and metered charges are never refunded, not even at the
// instant they were billed.
func TestRFD02_UsageNeverRefunded(t *testing.T) {
	for _, after := range []time.Duration{0, time.Second, time.Hour, 71 * time.Hour, 400 * 24 * time.Hour} {
		d := decide(t, refund.DefaultPolicy(), refund.Request{
			Charge: refund.Usage, Term: plan.Hourly, Start: t0, At: t0.Add(after), Paid: money("0.14 USD"),
		})
		want := outcome{Cancel: refund.NothingToCancel, Rule: rule.RFD02, Reason: refund.ReasonUsage, Refund: zero(usd)}
		if diff := cmp.Diff(want, outcomeOf(d)); diff != "" {
			t.Errorf("after %v (-want +got):\n%s", after, diff)
		}
		if d.Retained != d.Paid || !d.Window.IsZero() || d.WindowOpen() {
			t.Errorf("after %v: retained %v, window %v open %v; want all paid retained and no window", after, d.Retained, d.Window, d.WindowOpen())
		}
	}
}

// EXT-12: professional services, VM software reservations, containers and
// a managed application's fixed monthly fee have a 72-hour window.
// Afterwards a reservation cannot be cancelled; the others can, without
// refund.
func TestEXT12_MarketplaceKindsWithin72Hours(t *testing.T) {
	end := t0.Add(72 * time.Hour)
	paid := money("250.00 GBP")
	tests := []struct {
		kind  refund.ChargeType
		after time.Duration
		want  outcome
	}{
		{refund.ProfessionalService, hms(71, 59, 59), outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.EXT12, Reason: refund.ReasonWithinWindow, Basis: refund.FullRefund, Refund: paid, WindowEnd: end, Remaining: time.Second}},
		{refund.ProfessionalService, 72 * time.Hour, outcome{Cancel: refund.CancelAtPeriodEnd, Rule: rule.EXT12, Reason: refund.ReasonWindowClosed, Refund: zero(currency.GBP), WindowEnd: end}},
		{refund.VMReservation, hms(71, 59, 59), outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.EXT12, Reason: refund.ReasonWithinWindow, Basis: refund.FullRefund, Refund: paid, WindowEnd: end, Remaining: time.Second}},
		{refund.VMReservation, 72 * time.Hour, outcome{Cancel: refund.CannotCancel, Rule: rule.EXT12, Reason: refund.ReasonWindowClosed, Refund: zero(currency.GBP), WindowEnd: end}},
		{refund.Container, hms(71, 59, 59), outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.EXT12, Reason: refund.ReasonWithinWindow, Basis: refund.FullRefund, Refund: paid, WindowEnd: end, Remaining: time.Second}},
		{refund.Container, 72 * time.Hour, outcome{Cancel: refund.CancelAtPeriodEnd, Rule: rule.EXT12, Reason: refund.ReasonWindowClosed, Refund: zero(currency.GBP), WindowEnd: end}},
		{refund.ManagedAppFee, hms(71, 59, 59), outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.EXT12, Reason: refund.ReasonWithinWindow, Basis: refund.FullRefund, Refund: paid, WindowEnd: end, Remaining: time.Second}},
		{refund.ManagedAppFee, 72 * time.Hour, outcome{Cancel: refund.CancelAtPeriodEnd, Rule: rule.EXT12, Reason: refund.ReasonWindowClosed, Refund: zero(currency.GBP), WindowEnd: end}},
	}
	// The limit is in USD and this test's money in GBP: no limit here.
	p := refund.DefaultPolicy()
	p.ReservationLimit = currency.Money{}
	for _, tt := range tests {
		t.Run(tt.kind.String()+"/"+tt.after.String(), func(t *testing.T) {
			d := decide(t, p, refund.Request{Charge: tt.kind, Start: t0, At: t0.Add(tt.after), Paid: paid})
			if diff := cmp.Diff(tt.want, outcomeOf(d)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// EXT-12, conflict C4: a policy may give a kind no window at all (the
// 2020 rule for managed applications: "not refundable").
func TestEXT12_ZeroWindowNeverRefundable(t *testing.T) {
	p := refund.DefaultPolicy()
	p.ManagedAppFee = refund.Window{}
	d := decide(t, p, refund.Request{Charge: refund.ManagedAppFee, Start: t0, At: t0, Paid: money("30.00 USD")})
	want := outcome{Cancel: refund.CancelAtPeriodEnd, Rule: rule.EXT12, Reason: refund.ReasonNoWindow, Refund: zero(usd), WindowEnd: t0}
	if diff := cmp.Diff(want, outcomeOf(d)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// EXT-12: "Reservations purchased via a private offer from a partner
// can't be canceled at any time."
func TestEXT12_PrivateOfferReservationNeverCancelled(t *testing.T) {
	for _, after := range []time.Duration{0, time.Hour, 100 * time.Hour} {
		d := decide(t, refund.DefaultPolicy(), refund.Request{
			Charge: refund.VMReservation, PrivateOffer: true, Term: plan.OneYear,
			Start: t0, At: t0.Add(after), Paid: money("6132.00 USD"),
		})
		want := outcome{Cancel: refund.CannotCancel, Rule: rule.EXT12, Reason: refund.ReasonPrivateOffer, Refund: zero(usd)}
		if diff := cmp.Diff(want, outcomeOf(d)); diff != "" {
			t.Errorf("after %v (-want +got):\n%s", after, diff)
		}
		if !d.TermEnd.Equal(t0.AddDate(1, 0, 0)) {
			t.Errorf("after %v: TermEnd = %v, want %v", after, d.TermEnd, t0.AddDate(1, 0, 0))
		}
	}
}

// W15, verbatim: a 2,400 USD cancellation leaves 47,600 USD of the
// 50,000 USD limit; 365 days after the refund the limit is whole again.
func TestW15_ReservationLimit(t *testing.T) {
	refunded := time.Date(2024, time.February, 12, 9, 30, 0, 0, time.UTC)
	cancelled, err := money("100.00 USD").Mul(36 - 12) // refunded in the 12th month of 36
	if err != nil {
		t.Fatal(err)
	}
	if cancelled != money("2400.00 USD") {
		t.Fatalf("cancelled commitment = %v, want 2,400 USD (W15)", cancelled)
	}
	history := []refund.Cancellation{{At: refunded, Amount: cancelled}}
	year := 365 * 24 * time.Hour
	tests := []struct {
		name       string
		at         time.Time
		commitment currency.Money
		want       refund.Limit
	}{
		{"before the refund", refunded.Add(-time.Second), currency.Money{},
			refund.Limit{Limit: money("50000.00 USD"), Used: zero(usd), Available: money("50000.00 USD"), Allowed: true, Rule: rule.EXT12, Reason: refund.ReasonWithinLimit}},
		{"at the refund", refunded, currency.Money{},
			refund.Limit{Limit: money("50000.00 USD"), Used: money("2400.00 USD"), Available: money("47600.00 USD"), Allowed: true, Rule: rule.EXT12, Reason: refund.ReasonWithinLimit, RestoresAt: refunded.Add(year)}},
		{"a second before 365 days", refunded.Add(year - time.Second), money("47600.00 USD"),
			refund.Limit{Limit: money("50000.00 USD"), Used: money("2400.00 USD"), Available: money("47600.00 USD"), Requested: money("47600.00 USD"), Allowed: true, Rule: rule.EXT12, Reason: refund.ReasonWithinLimit, RestoresAt: refunded.Add(year)}},
		{"47,600.01 does not fit", refunded.Add(year - time.Second), money("47600.01 USD"),
			refund.Limit{Rule: rule.EXT12, Reason: refund.ReasonLimitExceeded, Limit: money("50000.00 USD"), Used: money("2400.00 USD"), Available: money("47600.00 USD"), Requested: money("47600.01 USD"), RestoresAt: refunded.Add(year)}},
		{"365 days after: 50,000 again", refunded.Add(year), money("50000.00 USD"),
			refund.Limit{Limit: money("50000.00 USD"), Used: zero(usd), Available: money("50000.00 USD"), Requested: money("50000.00 USD"), Allowed: true, Rule: rule.EXT12, Reason: refund.ReasonWithinLimit}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := refund.DefaultPolicy().LimitAt(tt.at, tt.commitment, history)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("limit (-want +got):\n%s", diff)
			}
		})
	}
}

// EXT-12 with W15: a VM software reservation within its 72 hours is
// refunded only if its commitment fits the limit available at the
// request.
func TestEXT12_ReservationCancellationMustFitLimit(t *testing.T) {
	old := []refund.Cancellation{
		{At: t0.AddDate(0, -6, 0), Amount: money("40000.00 USD")},
		{At: t0.AddDate(0, 0, -400), Amount: money("50000.00 USD")}, // aged out
		{At: t0.Add(time.Hour), Amount: money("50000.00 USD")},      // after the request: not yet
	}
	noLimit := refund.DefaultPolicy()
	noLimit.ReservationLimit = currency.Money{}
	tests := []struct {
		name       string
		p          refund.Policy
		paid       currency.Money
		commitment currency.Money
		wantOK     bool
		wantReason rule.Reason
		wantAvail  currency.Money
	}{
		{"fits exactly", refund.DefaultPolicy(), money("10000.00 USD"), currency.Money{}, true, refund.ReasonWithinWindow, money("10000.00 USD")},
		{"one cent too much", refund.DefaultPolicy(), money("10000.01 USD"), currency.Money{}, false, refund.ReasonLimitExceeded, money("10000.00 USD")},
		{"the commitment, not the payment, counts", refund.DefaultPolicy(), money("300.00 USD"), money("10800.00 USD"), false, refund.ReasonLimitExceeded, money("10000.00 USD")},
		{"no limit in the policy", noLimit, money("99999.00 USD"), currency.Money{}, true, refund.ReasonWithinWindow, currency.Money{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, tt.p, refund.Request{
				Charge: refund.VMReservation, Term: plan.ThreeYears, Start: t0, At: t0.Add(30 * time.Minute),
				Paid: tt.paid, Commitment: tt.commitment, History: old,
			})
			got := []any{d.Allowed, d.Reason, d.Limit.Available}
			want := []any{tt.wantOK, tt.wantReason, tt.wantAvail}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("allowed, reason, available (-want +got):\n%s", diff)
			}
			if !tt.wantOK && (d.Cancel != refund.CannotCancel || d.Refund.Sign() != 0) {
				t.Errorf("cancel %v refund %v, want not-allowed and nothing refunded", d.Cancel, d.Refund)
			}
		})
	}
}

// RFD-04: a CSP software subscription is cancellable within the first 7
// calendar days of a term (the start date is day 1), prorated for the
// days used; on day 8 it is not, and the whole term is charged.
func TestRFD04_CSPSoftwareSevenCalendarDays(t *testing.T) {
	sto := mustZone(t, "Europe/Stockholm")
	start := time.Date(2024, time.May, 6, 18, 30, 0, 0, sto) // a 31-day month: May 6 to June 6
	end := time.Date(2024, time.May, 13, 0, 0, 0, 0, sto)
	paid := money("1200.00 SEK")
	tests := []struct {
		name  string
		event refund.Trigger
		at    time.Time
		want  outcome
	}{
		{"day 1, at the purchase", refund.NewPurchase, start,
			outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD04, Reason: refund.ReasonWithinWindow, Basis: refund.ProratedRefund,
				Refund: money("1161.29 SEK"), WindowEnd: end, Remaining: end.Sub(start), DaysUsed: 1, DaysPaid: 31, DaysLeft: 7}},
		{"day 3", refund.NewPurchase, time.Date(2024, time.May, 8, 9, 0, 0, 0, sto),
			outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD04, Reason: refund.ReasonWithinWindow, Basis: refund.ProratedRefund,
				Refund: money("1083.87 SEK"), WindowEnd: end, Remaining: end.Sub(time.Date(2024, time.May, 8, 9, 0, 0, 0, sto)), DaysUsed: 3, DaysPaid: 31, DaysLeft: 5}},
		{"day 7, 23:59:59", refund.NewPurchase, end.Add(-time.Second),
			outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD04, Reason: refund.ReasonWithinWindow, Basis: refund.ProratedRefund,
				Refund: money("929.03 SEK"), WindowEnd: end, Remaining: time.Second, DaysUsed: 7, DaysPaid: 31, DaysLeft: 1}},
		{"day 8, 00:00:00", refund.NewPurchase, end,
			outcome{Cancel: refund.CannotCancel, Rule: rule.RFD04, Reason: refund.ReasonWindowClosed, Refund: zero(currency.SEK), WindowEnd: end, DaysUsed: 8, DaysPaid: 31}},
		{"renewal, day 2", refund.Renewal, start.Add(24 * time.Hour),
			outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD04, Reason: refund.ReasonWithinWindow, Basis: refund.ProratedRefund,
				Refund: money("1122.58 SEK"), WindowEnd: end, Remaining: end.Sub(start.Add(24 * time.Hour)), DaysUsed: 2, DaysPaid: 31, DaysLeft: 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, refund.DefaultPolicy(), refund.Request{
				Charge: refund.CSPSoftware, Trigger: tt.event, Term: plan.OneMonth, Zone: sto,
				Start: start, At: tt.at, Paid: paid,
			})
			if diff := cmp.Diff(tt.want, outcomeOf(d)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if d.Zone != "Europe/Stockholm" {
				t.Errorf("Zone = %q, want Europe/Stockholm", d.Zone)
			}
		})
	}
}

// W14 (RFD-04, fact 56): "if you cancel on the third day, the refund will
// be for the remaining paid period minus the three days."
func TestW14_CancelledOnTheThirdDay(t *testing.T) {
	la := mustZone(t, "America/Los_Angeles")
	tests := []struct {
		name      string
		term      plan.Term
		start     time.Time
		paidUntil time.Time
		paid      currency.Money
		wantPaid  int
		want      currency.Money
	}{
		{"one year over a leap day, 366 days", plan.OneYear, time.Date(2023, time.March, 10, 9, 0, 0, 0, la), time.Time{}, money("3650.00 SEK"), 366, money("3620.08 SEK")},
		{"one year from 2024-03-10", plan.OneYear, time.Date(2024, time.March, 10, 9, 0, 0, 0, la), time.Time{}, money("3650.00 SEK"), 365, money("3620.00 SEK")},
		{"February of a leap year, 29 days", plan.OneMonth, time.Date(2024, time.February, 1, 0, 0, 0, 0, la), time.Time{}, money("290.00 USD"), 29, money("260.00 USD")},
		{"yen have no minor unit", plan.OneMonth, time.Date(2024, time.March, 1, 12, 0, 0, 0, la), time.Time{}, money("10000 JPY"), 31, money("9032 JPY")},
		{"monthly billing of an annual term", plan.OneYear, time.Date(2024, time.January, 10, 12, 0, 0, 0, la), time.Date(2024, time.February, 10, 12, 0, 0, 0, la), money("31.00 EUR"), 31, money("28.00 EUR")},
		{"a month ending on the 31st clamps to 30 April", plan.OneMonth, time.Date(2024, time.March, 31, 8, 0, 0, 0, la), time.Time{}, money("300.00 USD"), 30, money("270.00 USD")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			third := tt.start.AddDate(0, 0, 2)
			d := decide(t, refund.DefaultPolicy(), refund.Request{
				Charge: refund.CSPSoftware, Term: tt.term, Zone: la,
				Start: tt.start, At: third, PaidUntil: tt.paidUntil, Paid: tt.paid,
			})
			got := []any{d.DaysUsed, d.DaysPaid, d.Refund, d.Settlement}
			want := []any{3, tt.wantPaid, tt.want, refund.ProratedRefund}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("days used, days paid, refund, basis (-want +got):\n%s", diff)
			}
		})
	}
}

// RFD-05: Red Hat and SUSE software plans can be neither cancelled nor
// exchanged, not even on the day of purchase.
func TestRFD05_RedHatAndSUSENeverCancelled(t *testing.T) {
	sto := mustZone(t, "Europe/Stockholm")
	for _, kind := range []refund.ChargeType{refund.CSPSoftware, refund.CSPPerpetual} {
		for _, v := range []refund.Vendor{refund.RedHat, refund.SUSE} {
			d := decide(t, refund.DefaultPolicy(), refund.Request{
				Charge: kind, Vendor: v, Term: plan.OneYear, Zone: sto, Start: t0, At: t0, Paid: money("100.00 EUR"),
			})
			want := outcome{Cancel: refund.CannotCancel, Rule: rule.RFD05, Reason: refund.ReasonVendor, Refund: zero(currency.EUR)}
			if diff := cmp.Diff(want, outcomeOf(d)); diff != "" {
				t.Errorf("%v %v (-want +got):\n%s", kind, v, diff)
			}
			if d.Vendor != v {
				t.Errorf("%v %v: Vendor = %v", kind, v, d.Vendor)
			}
		}
	}
	// Other vendors follow RFD-04.
	d := decide(t, refund.DefaultPolicy(), refund.Request{
		Charge: refund.CSPSoftware, Term: plan.OneYear, Zone: sto, Start: t0, At: t0, Paid: money("100.00 EUR"),
	})
	if !d.Allowed || d.Rule != rule.RFD04 {
		t.Errorf("other vendor: allowed %v rule %v, want a refund under RFD-04", d.Allowed, d.Rule)
	}
}

// RFD-06: perpetual software is cancellable within 30 calendar days of the
// purchase date, for a 100% credit on the next monthly invoice; not after.
func TestRFD06_PerpetualSoftwareThirtyDays(t *testing.T) {
	sto := mustZone(t, "Europe/Stockholm")
	start := time.Date(2024, time.March, 10, 9, 0, 0, 0, sto)
	end := time.Date(2024, time.April, 9, 0, 0, 0, 0, sto) // CEST by then
	paid := money("1299.00 SEK")
	tests := []struct {
		name string
		at   time.Time
		want outcome
	}{
		{"day 1", start, outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD06, Reason: refund.ReasonWithinWindow, Basis: refund.InvoiceCredit,
			Refund: paid, WindowEnd: end, Remaining: end.Sub(start), DaysUsed: 1, DaysLeft: 30}},
		{"day 30, 23:59:59", end.Add(-time.Second), outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.RFD06, Reason: refund.ReasonWithinWindow, Basis: refund.InvoiceCredit,
			Refund: paid, WindowEnd: end, Remaining: time.Second, DaysUsed: 30, DaysLeft: 1}},
		{"day 31", end, outcome{Cancel: refund.CannotCancel, Rule: rule.RFD06, Reason: refund.ReasonWindowClosed, Refund: zero(currency.SEK), WindowEnd: end, DaysUsed: 31}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, refund.DefaultPolicy(), refund.Request{Charge: refund.CSPPerpetual, Zone: sto, Start: start, At: tt.at, Paid: paid})
			if diff := cmp.Diff(tt.want, outcomeOf(d)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// RFD-07: the answer states the window's end and whether it has passed,
// and for perpetual software the days that remain: 30 on the purchase
// date down to 1 on the 30th day, then 0.
func TestRFD07_WindowEndAndDaysLeft(t *testing.T) {
	la := mustZone(t, "America/Los_Angeles")
	start := time.Date(2024, time.October, 20, 17, 45, 0, 0, la) // DST ends on 3 November
	end := time.Date(2024, time.November, 19, 0, 0, 0, 0, la)
	for day := 1; day <= 31; day++ {
		at := time.Date(2024, time.October, 19+day, 20, 0, 0, 0, la)
		d := decide(t, refund.DefaultPolicy(), refund.Request{Charge: refund.CSPPerpetual, Zone: la, Start: start, At: at, Paid: money("10.00 USD")})
		wantLeft, wantOpen, wantRemaining := 31-day, day <= 30, end.Sub(at)
		if day == 31 {
			wantRemaining = 0
		}
		got := []any{d.DaysUsed, d.DaysLeft, d.WindowOpen(), d.Allowed, d.WindowEnd, d.Remaining}
		want := []any{day, wantLeft, wantOpen, wantOpen, end, wantRemaining}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("day %d: days used, days left, open, allowed, end, remaining (-want +got):\n%s", day, diff)
		}
	}
}

// RFD-08: cancelling perpetual software revokes its keys and download
// links; no other kind has keys to revoke, and nothing is revoked once
// it can no longer be cancelled.
func TestRFD08_KeysRevokedOnlyForPerpetualSoftware(t *testing.T) {
	sto := mustZone(t, "Europe/Stockholm")
	for kind := refund.SaaS; kind.Valid(); kind++ {
		for _, after := range []time.Duration{time.Hour, 40 * 24 * time.Hour} {
			p := refund.DefaultPolicy()
			p.ReservationLimit = currency.Money{}
			d := decide(t, p, refund.Request{Charge: kind, Term: plan.OneYear, Zone: sto, Start: t0, At: t0.Add(after), Paid: money("10.00 SEK")})
			want := kind == refund.CSPPerpetual && after == time.Hour
			if d.KeysRevoked != want {
				t.Errorf("%v after %v: KeysRevoked = %v, want %v", kind, after, d.KeysRevoked, want)
			}
		}
	}
}

// EXT-13: seats can be reduced only within 7 days of being added (at the
// purchase, a renewal or mid-term), refunded less the days used.
func TestEXT13_SeatReductionWithinSevenDays(t *testing.T) {
	sto := mustZone(t, "Europe/Stockholm")
	added := time.Date(2024, time.May, 20, 14, 0, 0, 0, sto)
	paidUntil := time.Date(2024, time.June, 1, 0, 0, 0, 0, sto) // 12 days: May 20 to 31
	end := time.Date(2024, time.May, 27, 0, 0, 0, 0, sto)
	paid := money("300.00 SEK")
	tests := []struct {
		name string
		at   time.Time
		want outcome
	}{
		{"day 3", time.Date(2024, time.May, 22, 8, 0, 0, 0, sto), outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.EXT13, Reason: refund.ReasonWithinWindow,
			Basis: refund.ProratedRefund, Refund: money("225.00 SEK"), WindowEnd: end, Remaining: end.Sub(time.Date(2024, time.May, 22, 8, 0, 0, 0, sto)), DaysUsed: 3, DaysPaid: 12, DaysLeft: 5}},
		{"day 7, last second", end.Add(-time.Second), outcome{Allowed: true, Cancel: refund.CancelNow, Rule: rule.EXT13, Reason: refund.ReasonWithinWindow,
			Basis: refund.ProratedRefund, Refund: money("125.00 SEK"), WindowEnd: end, Remaining: time.Second, DaysUsed: 7, DaysPaid: 12, DaysLeft: 1}},
		{"day 8", end, outcome{Cancel: refund.CannotCancel, Rule: rule.EXT13, Reason: refund.ReasonWindowClosed, Refund: zero(currency.SEK), WindowEnd: end, DaysUsed: 8, DaysPaid: 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, refund.DefaultPolicy(), refund.Request{
				Charge: refund.CSPLicense, Trigger: refund.SeatsAdded, Term: plan.OneYear, Zone: sto,
				Start: added, At: tt.at, PaidUntil: paidUntil, Paid: paid,
			})
			if diff := cmp.Diff(tt.want, outcomeOf(d)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// A paid period shorter than the days used refunds nothing, though
	// the window is open.
	d := decide(t, refund.DefaultPolicy(), refund.Request{
		Charge: refund.CSPLicense, Trigger: refund.SeatsAdded, Zone: sto, Start: time.Date(2024, time.May, 29, 9, 0, 0, 0, sto),
		At: time.Date(2024, time.June, 2, 9, 0, 0, 0, sto), PaidUntil: paidUntil, Paid: paid,
	})
	if !d.Allowed || d.Refund.Sign() != 0 || d.Retained != paid || d.DaysUsed != 5 || d.DaysPaid != 3 {
		t.Errorf("short period: allowed %v refund %v retained %v days %d of %d; want allowed, nothing refunded, 5 of 3",
			d.Allowed, d.Refund, d.Retained, d.DaysUsed, d.DaysPaid)
	}
}

// EXT-13 (fact 56): a license-based subscription is cancellable within 7
// calendar days, prorated; cancellation windows do not apply to upgrades.
func TestEXT13_LicenseCancellationAndUpgrades(t *testing.T) {
	sto := mustZone(t, "Europe/Stockholm")
	start := time.Date(2024, time.January, 15, 10, 0, 0, 0, sto)
	d := decide(t, refund.DefaultPolicy(), refund.Request{
		Charge: refund.CSPLicense, Term: plan.OneMonth, Zone: sto, Start: start, At: start.AddDate(0, 0, 1), Paid: money("310.00 SEK"),
	})
	if got, want := []any{d.Allowed, d.Rule, d.Refund, d.DaysUsed, d.DaysPaid}, []any{true, rule.EXT13, money("290.00 SEK"), 2, 31}; !cmp.Equal(got, want) {
		t.Errorf("cancel on day 2: %v, want %v", got, want)
	}
	for _, after := range []time.Duration{0, time.Hour, 30 * 24 * time.Hour} {
		d := decide(t, refund.DefaultPolicy(), refund.Request{
			Charge: refund.CSPLicense, Trigger: refund.Upgrade, Term: plan.OneYear, Start: start, At: start.Add(after), Paid: money("99.00 SEK"),
		})
		want := outcome{Cancel: refund.CannotCancel, Rule: rule.EXT13, Reason: refund.ReasonUpgrade, Refund: zero(currency.SEK)}
		if diff := cmp.Diff(want, outcomeOf(d)); diff != "" {
			t.Errorf("upgrade after %v (-want +got):\n%s", after, diff)
		}
	}
}

// RFD-04 (fact 56): seats of a software subscription cannot be reduced.
func TestRFD04_SoftwareSeatsCannotBeReduced(t *testing.T) {
	d := decide(t, refund.DefaultPolicy(), refund.Request{
		Charge: refund.CSPSoftware, Trigger: refund.SeatsAdded, Zone: time.UTC, Start: t0, At: t0.Add(time.Hour), Paid: money("50.00 USD"),
	})
	want := outcome{Cancel: refund.CannotCancel, Rule: rule.RFD04, Reason: refund.ReasonNoSeatReduction, Refund: zero(usd)}
	if diff := cmp.Diff(want, outcomeOf(d)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// RFD-09: CSP marketplace SaaS has a window by term: monthly 24 hours,
// yearly 14 days under the default policy (the 2023 new-commerce table),
// 72 hours under LatestPolicy; afterwards auto-renewal can be turned off.
func TestRFD09_CSPSaaSWindowByTerm(t *testing.T) {
	tests := []struct {
		name    string
		p       refund.Policy
		term    plan.Term
		after   time.Duration
		allowed bool
		window  refund.Window
	}{
		{"monthly 23:59:59", refund.DefaultPolicy(), plan.OneMonth, hms(23, 59, 59), true, mustWindow(refund.Hours(24))},
		{"monthly 24:00:00", refund.DefaultPolicy(), plan.OneMonth, 24 * time.Hour, false, mustWindow(refund.Hours(24))},
		{"annual 335:59:59", refund.DefaultPolicy(), plan.OneYear, hms(335, 59, 59), true, mustWindow(refund.Hours(336))},
		{"annual 336:00:00", refund.DefaultPolicy(), plan.OneYear, 336 * time.Hour, false, mustWindow(refund.Hours(336))},
		{"three-year uses the yearly window", refund.DefaultPolicy(), plan.ThreeYears, 300 * time.Hour, true, mustWindow(refund.Hours(336))},
		{"latest: monthly 71 h", refund.Policy2023(), plan.OneMonth, 71 * time.Hour, true, mustWindow(refund.Hours(72))},
		{"latest: annual 72 h", refund.Policy2023(), plan.OneYear, 72 * time.Hour, false, mustWindow(refund.Hours(72))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, tt.p, refund.Request{Charge: refund.CSPSaaS, Term: tt.term, Start: t0, At: t0.Add(tt.after), Paid: money("20.00 USD")})
			wantCancel, wantBasis := refund.CancelAtPeriodEnd, refund.NoRefund
			if tt.allowed {
				wantCancel, wantBasis = refund.CancelNow, refund.FullRefund
			}
			got := []any{d.Allowed, d.Window, d.Cancel, d.Settlement, d.Rule}
			want := []any{tt.allowed, tt.window, wantCancel, wantBasis, rule.RFD09}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("allowed, window, cancel, basis, rule (-want +got):\n%s", diff)
			}
		})
	}
}

// RFD-04, RFD-06, EXT-13 (conflict C15): calendar windows count local
// dates in the buyer's zone, so across a daylight-saving change they are
// an hour shorter or longer than whole days; hour windows are not.
func TestCalendarWindowsAcrossDaylightSaving(t *testing.T) {
	sto := mustZone(t, "Europe/Stockholm")
	la := mustZone(t, "America/Los_Angeles")
	utcDate := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name    string
		kind    refund.ChargeType
		zone    *time.Location
		start   time.Time
		wantEnd time.Time
		wantLen time.Duration
	}{
		{"Stockholm, spring forward inside 7 days", refund.CSPSoftware, sto, time.Date(2024, time.March, 27, 10, 0, 0, 0, sto), utcDate("2024-04-02T22:00:00Z"), 157 * time.Hour},
		{"Stockholm, fall back inside 7 days", refund.CSPSoftware, sto, time.Date(2024, time.October, 23, 10, 0, 0, 0, sto), utcDate("2024-10-29T23:00:00Z"), 159 * time.Hour},
		{"Los Angeles, late on the day before spring forward", refund.CSPLicense, la, time.Date(2024, time.March, 9, 23, 30, 0, 0, la), utcDate("2024-03-16T07:00:00Z"), 143*time.Hour + 30*time.Minute},
		{"Los Angeles, perpetual over fall back", refund.CSPPerpetual, la, time.Date(2024, time.October, 31, 12, 0, 0, 0, la), utcDate("2024-11-30T08:00:00Z"), 29*24*time.Hour + 13*time.Hour},
		{"UTC counts other dates", refund.CSPLicense, time.UTC, time.Date(2024, time.March, 9, 23, 30, 0, 0, la), utcDate("2024-03-17T00:00:00Z"), 160*time.Hour + 30*time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := refund.Request{Charge: tt.kind, Term: plan.OneMonth, Zone: tt.zone, Start: tt.start, Paid: money("100.00 USD")}
			r.At = tt.wantEnd.Add(-time.Second)
			before := decide(t, refund.DefaultPolicy(), r)
			r.At = tt.wantEnd
			after := decide(t, refund.DefaultPolicy(), r)
			got := []any{before.WindowEnd, before.WindowEnd.Sub(tt.start), before.Allowed, after.Allowed, before.Zone}
			want := []any{tt.wantEnd, tt.wantLen, true, false, tt.zone.String()}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("end, length, allowed before, allowed at end, zone (-want +got):\n%s", diff)
			}
		})
	}
	// An hour window is exact whatever the zone.
	start := time.Date(2024, time.March, 30, 12, 0, 0, 0, sto)
	d := decide(t, refund.DefaultPolicy(), refund.Request{Charge: refund.SaaS, Term: plan.OneMonth, Zone: sto, Start: start, At: start, Paid: money("1.00 USD")})
	if got := d.WindowEnd.Sub(start); got != 72*time.Hour || d.Zone != "" {
		t.Errorf("SaaS across spring forward: window %v in zone %q, want exactly 72h and no zone", got, d.Zone)
	}
}

// CSP-01 and the Cancel answers: what can still be done after each
// kind's window.
func TestCSP01_CancelAfterWindow(t *testing.T) {
	sto := mustZone(t, "Europe/Stockholm")
	want := map[refund.ChargeType]refund.CancelOption{
		refund.SaaS: refund.CancelAtPeriodEnd, refund.Usage: refund.NothingToCancel,
		refund.ProfessionalService: refund.CancelAtPeriodEnd, refund.VMReservation: refund.CannotCancel,
		refund.Container: refund.CancelAtPeriodEnd, refund.ManagedAppFee: refund.CancelAtPeriodEnd,
		refund.CSPSoftware: refund.CannotCancel, refund.CSPPerpetual: refund.CannotCancel,
		refund.CSPLicense: refund.CannotCancel, refund.CSPSaaS: refund.CancelAtPeriodEnd,
	}
	for kind := refund.SaaS; kind.Valid(); kind++ {
		d := decide(t, refund.DefaultPolicy(), refund.Request{
			Charge: kind, Term: plan.OneYear, Zone: sto, Start: t0, At: t0.AddDate(0, 2, 0), Paid: money("10.00 USD"),
		})
		if d.Cancel != want[kind] || d.Allowed {
			t.Errorf("%v two months later: cancel %v allowed %v, want %v and no refund", kind, d.Cancel, d.Allowed, want[kind])
		}
	}
}

package pricing_test

import (
	"encoding/json"
	"github.com/marketrules/marketrules/calendar"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// prOutcome is what the proration tables check.
type prOutcome struct {
	Start, End     time.Time
	Used, Total    int64
	Paid, NewPrice string
	Credit, Charge string
	Net            string
	Direction      pricing.ChangeDirection
	TermEnd        time.Time
}

func prOutcomeOf(p pricing.Proration) prOutcome {
	return prOutcome{p.Period.Start, p.Period.End, p.Used, p.Total, p.Paid.String(), p.NewPrice.String(),
		p.Credit.String(), p.Charge.String(), p.Net.String(), p.Direction, p.TermEnd}
}

// prCheckInvariants checks what every proration guarantees.
func prCheckInvariants(t *testing.T, p pricing.Proration) {
	t.Helper()
	if sum, _ := p.Credit.Add(p.Charge); sum != p.Net {
		t.Errorf("credit %v + charge %v = %v, net %v", p.Credit, p.Charge, sum, p.Net)
	}
	if sum, _ := p.Kept.Sub(p.Credit); sum != p.Paid {
		t.Errorf("kept %v − credit %v = %v, paid %v", p.Kept, p.Credit, sum, p.Paid)
	}
	if p.Credit.IsPositive() || p.Charge.IsNegative() || p.Kept.IsNegative() {
		t.Errorf("signs: credit %v, charge %v, kept %v", p.Credit, p.Charge, p.Kept)
	}
	if c, _ := p.Charge.Cmp(p.NewPrice); c > 0 {
		t.Errorf("charge %v above the new price %v", p.Charge, p.NewPrice)
	}
	if p.Timing == pricing.TimingImmediate && (p.Used < 0 || p.Used >= p.Total || !p.Period.Contains(p.At)) {
		t.Errorf("used %d of %d; period %v, at %v", p.Used, p.Total, p.Period, p.At)
	}
	for _, lang := range []rule.Language{rule.English, rule.Swedish} {
		if s := p.Explain(lang); strings.Contains(s, "%!") {
			t.Errorf("explanation with a formatting error: %s", s)
		}
	}
}

// PRC-05: a plan change keeps the term; the rest of the billing period is
// credited at the old price and charged at the new, by whole days in UTC,
// the day of the change counted as unused. The rows are the traps other
// billing systems shipped: anchor drift at month end, denominators of
// clamped periods, credits one day short, the first and last day, leap
// years and year end.
func TestPRC05_PlanChangeProration(t *testing.T) {
	std := qtFlat("std", plan.OneMonth, plan.Upfront, "31.00 USD")
	pro := qtFlat("pro", plan.OneMonth, plan.Upfront, "62.00 USD")
	stdY := qtFlat("std-y", plan.OneYear, plan.Upfront, "365.00 USD")
	proY := qtFlat("pro-y", plan.OneYear, plan.Upfront, "730.00 USD")
	stdYM := qtFlat("std-ym", plan.OneYear, plan.Monthly, "100.00 USD")
	proYM := qtFlat("pro-ym", plan.OneYear, plan.Monthly, "200.00 USD")
	jan31 := qtUTC(2024, time.January, 31, 0, 0, 0)
	feb29 := qtUTC(2024, time.February, 29, 0, 0, 0)
	mar31 := qtUTC(2024, time.March, 31, 0, 0, 0)
	seconds := pricing.DefaultPolicy()
	seconds.ProrationUnit = pricing.ProrateBySecond
	for _, tc := range []struct {
		name     string
		from, to *plan.Plan
		start    time.Time
		at       time.Time
		pol      pricing.Policy
		want     prOutcome
	}{
		{"anchor Jan 31: Feb has 29 days in a leap year", std, pro, jan31, qtUTC(2024, time.February, 15, 0, 0, 0), pricing.DefaultPolicy(),
			prOutcome{jan31, feb29, 15, 29, "31.00 USD", "62.00 USD", "-14.97 USD", "29.93 USD", "14.96 USD", pricing.Upgrade, feb29}},
		{"first day: the whole period is credited", std, pro, jan31, qtUTC(2024, time.January, 31, 10, 0, 0), pricing.DefaultPolicy(),
			prOutcome{jan31, feb29, 0, 29, "31.00 USD", "62.00 USD", "-31.00 USD", "62.00 USD", "31.00 USD", pricing.Upgrade, feb29}},
		{"last day: exactly one day is credited", std, pro, jan31, qtUTC(2024, time.February, 28, 23, 59, 59), pricing.DefaultPolicy(),
			prOutcome{jan31, feb29, 28, 29, "31.00 USD", "62.00 USD", "-1.07 USD", "2.14 USD", "1.07 USD", pricing.Upgrade, feb29}},
		{"no drift: Feb 29 to Mar 31, never Mar 29", std, pro, jan31, qtUTC(2024, time.March, 30, 12, 0, 0), pricing.DefaultPolicy(),
			prOutcome{feb29, mar31, 30, 31, "31.00 USD", "62.00 USD", "-1.00 USD", "2.00 USD", "1.00 USD", pricing.Upgrade, mar31}},
		{"Mar 31 to Apr 30 has 30 days", std, pro, jan31, qtUTC(2024, time.April, 15, 0, 0, 0), pricing.DefaultPolicy(),
			prOutcome{mar31, qtUTC(2024, time.April, 30, 0, 0, 0), 15, 30, "31.00 USD", "62.00 USD", "-15.50 USD", "31.00 USD", "15.50 USD", pricing.Upgrade, qtUTC(2024, time.April, 30, 0, 0, 0)}},
		{"year end", std, pro, qtUTC(2024, time.December, 15, 0, 0, 0), qtUTC(2025, time.January, 1, 0, 0, 0), pricing.DefaultPolicy(),
			prOutcome{qtUTC(2024, time.December, 15, 0, 0, 0), qtUTC(2025, time.January, 15, 0, 0, 0), 17, 31, "31.00 USD", "62.00 USD", "-14.00 USD", "28.00 USD", "14.00 USD", pricing.Upgrade, qtUTC(2025, time.January, 15, 0, 0, 0)}},
		{"Feb has 28 days in a common year", std, pro, qtUTC(2025, time.January, 31, 0, 0, 0), qtUTC(2025, time.February, 27, 0, 0, 0), pricing.DefaultPolicy(),
			prOutcome{qtUTC(2025, time.January, 31, 0, 0, 0), qtUTC(2025, time.February, 28, 0, 0, 0), 27, 28, "31.00 USD", "62.00 USD", "-1.11 USD", "2.21 USD", "1.10 USD", pricing.Upgrade, qtUTC(2025, time.February, 28, 0, 0, 0)}},
		{"downgrade", pro, std, jan31, qtUTC(2024, time.February, 15, 0, 0, 0), pricing.DefaultPolicy(),
			prOutcome{jan31, feb29, 15, 29, "62.00 USD", "31.00 USD", "-29.93 USD", "14.97 USD", "-14.96 USD", pricing.Downgrade, feb29}},
		{"1 year upfront: 365 days", stdY, proY, qtUTC(2024, time.March, 1, 0, 0, 0), qtUTC(2024, time.September, 1, 0, 0, 0), pricing.DefaultPolicy(),
			prOutcome{qtUTC(2024, time.March, 1, 0, 0, 0), qtUTC(2025, time.March, 1, 0, 0, 0), 184, 365, "365.00 USD", "730.00 USD", "-181.00 USD", "362.00 USD", "181.00 USD", pricing.Upgrade, qtUTC(2025, time.March, 1, 0, 0, 0)}},
		{"1 year upfront: 366 days in a leap year", stdY, proY, qtUTC(2024, time.January, 1, 0, 0, 0), qtUTC(2024, time.July, 1, 0, 0, 0), pricing.DefaultPolicy(),
			prOutcome{qtUTC(2024, time.January, 1, 0, 0, 0), qtUTC(2025, time.January, 1, 0, 0, 0), 182, 366, "365.00 USD", "730.00 USD", "-183.50 USD", "366.99 USD", "183.49 USD", pricing.Upgrade, qtUTC(2025, time.January, 1, 0, 0, 0)}},
		{"1 year paid monthly: the period is the month's payment", stdYM, proYM, qtUTC(2024, time.January, 1, 0, 0, 0), qtUTC(2024, time.February, 10, 0, 0, 0), pricing.DefaultPolicy(),
			prOutcome{qtUTC(2024, time.February, 1, 0, 0, 0), qtUTC(2024, time.March, 1, 0, 0, 0), 9, 29, "8.34 USD", "16.67 USD", "-5.75 USD", "11.50 USD", "5.75 USD", pricing.Upgrade, qtUTC(2025, time.January, 1, 0, 0, 0)}},
		{"period from 14:35: the last day runs to 14:35", std, pro, qtUTC(2024, time.January, 6, 14, 35, 0), qtUTC(2024, time.February, 6, 10, 0, 0), pricing.DefaultPolicy(),
			prOutcome{qtUTC(2024, time.January, 6, 14, 35, 0), qtUTC(2024, time.February, 6, 14, 35, 0), 30, 31, "31.00 USD", "62.00 USD", "-1.00 USD", "2.00 USD", "1.00 USD", pricing.Upgrade, qtUTC(2024, time.February, 6, 14, 35, 0)}},
		{"exact seconds", std, pro, qtUTC(2024, time.January, 1, 0, 0, 0), qtUTC(2024, time.January, 16, 12, 0, 0), seconds,
			prOutcome{qtUTC(2024, time.January, 1, 0, 0, 0), qtUTC(2024, time.February, 1, 0, 0, 0), 1339200, 2678400, "31.00 USD", "62.00 USD", "-15.50 USD", "31.00 USD", "15.50 USD", pricing.Upgrade, qtUTC(2024, time.February, 1, 0, 0, 0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := pricing.Subscription{Plan: tc.from, Market: market.US, Term: tc.from.Pricing.Terms[0].Term, Payment: tc.from.Pricing.Terms[0].Payment, Start: tc.start}
			p, err := tc.pol.Prorate(sub, pricing.SubscriptionChange{Plan: tc.to}, tc.at)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, prOutcomeOf(p)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if p.Kind != pricing.PlanChange || p.Rule != rule.PRC05 || p.Reason != pricing.ReasonChangeProrated || p.Timing != pricing.TimingImmediate ||
				!p.EffectiveAt.Equal(tc.at) || p.FromPlan != tc.from.ID || p.ToPlan != tc.to.ID {
				t.Errorf("decision %v", p)
			}
			if p.Credited.End != p.Period.End || p.Credited.Start.After(tc.at) {
				t.Errorf("credited span %v of period %v", p.Credited, p.Period)
			}
			prCheckInvariants(t, p)
		})
	}
}

// PRC-05: a change does not restart the clock. The published example switches trials
// after 15 days and the new trial "will account for 15 days used"; a paid
// plan change 15 days into a monthly term likewise keeps the term: the
// new plan is billed for the remainder of the month, and the next
// payment falls on the original renewal, computed from the anchor.
func TestPRC05_W16TermDoesNotRestart(t *testing.T) {
	std := qtFlat("std", plan.OneMonth, plan.Upfront, "31.00 USD")
	pro := qtFlat("pro", plan.OneMonth, plan.Upfront, "62.00 USD")
	start := qtUTC(2024, time.January, 31, 0, 0, 0)
	for _, tc := range []struct {
		at      time.Time
		used    int64
		renewal time.Time
	}{
		{qtUTC(2024, time.February, 15, 0, 0, 0), 15, qtUTC(2024, time.February, 29, 0, 0, 0)},
		{qtUTC(2024, time.March, 15, 0, 0, 0), 15, qtUTC(2024, time.March, 31, 0, 0, 0)},
	} {
		sub := pricing.Subscription{Plan: std, Market: market.US, Term: plan.OneMonth, Start: start}
		p, err := pricing.DefaultPolicy().Prorate(sub, pricing.SubscriptionChange{Plan: pro}, tc.at)
		if err != nil {
			t.Fatal(err)
		}
		// The new plan's next billing event, from the same anchor.
		sub.Plan = pro
		next, err := pricing.DefaultPolicy().AppendSchedule(nil, sub, tc.renewal)
		if err != nil {
			t.Fatal(err)
		}
		if p.Used != tc.used || !p.TermEnd.Equal(tc.renewal) || !next[0].BilledAt.Equal(tc.renewal) || next[0].Amount != qtMoney("62.00 USD") {
			t.Errorf("change at %v: %d days used, renews %v; next bill %v at %v", tc.at, p.Used, p.TermEnd, next[0].Amount, next[0].BilledAt)
		}
	}
}

// PRC-06: a per-user subscription may change its number of users at any
// time; the term stays and the difference is prorated.
func TestPRC06_SeatChange(t *testing.T) {
	team := qtPerUser("team", plan.OneMonth, plan.Upfront, "10.00 USD", 1, 100)
	sub := pricing.Subscription{Plan: team, Market: market.US, Term: plan.OneMonth, Quantity: 10, Start: qtUTC(2024, time.January, 1, 0, 0, 0)}
	at := qtUTC(2024, time.January, 11, 8, 0, 0)
	feb1 := qtUTC(2024, time.February, 1, 0, 0, 0)
	for _, tc := range []struct {
		n    int64
		want prOutcome
	}{
		{15, prOutcome{sub.Start, feb1, 10, 31, "100.00 USD", "150.00 USD", "-67.74 USD", "101.61 USD", "33.87 USD", pricing.Upgrade, feb1}},
		{5, prOutcome{sub.Start, feb1, 10, 31, "100.00 USD", "50.00 USD", "-67.74 USD", "33.87 USD", "-33.87 USD", pricing.Downgrade, feb1}},
	} {
		p, err := pricing.DefaultPolicy().Prorate(sub, pricing.SubscriptionChange{Quantity: tc.n}, at)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, prOutcomeOf(p)); diff != "" {
			t.Errorf("10 → %d users (-want +got)\n%s", tc.n, diff)
		}
		if p.Kind != pricing.SeatChange || p.Rule != rule.PRC06 || p.FromQuantity != 10 || p.ToQuantity != tc.n {
			t.Errorf("decision %v", p)
		}
		prCheckInvariants(t, p)
	}
}

// PRC-05 with a local calendar: days are calendar days of the policy's
// zone, so a 23-hour day counts as a day; seconds count real time.
func TestPRC05_DaylightSaving(t *testing.T) {
	std := qtFlat("std", plan.OneMonth, plan.Upfront, "31.00 USD")
	pro := qtFlat("pro", plan.OneMonth, plan.Upfront, "62.00 USD")
	days := pricing.DefaultPolicy()
	days.Location = qtStockholm
	seconds := days
	seconds.ProrationUnit = pricing.ProrateBySecond
	mar1 := time.Date(2025, time.March, 1, 0, 0, 0, 0, qtStockholm)
	apr1 := time.Date(2025, time.April, 1, 0, 0, 0, 0, qtStockholm)
	oct1 := time.Date(2025, time.October, 1, 0, 0, 0, 0, qtStockholm)
	nov1 := time.Date(2025, time.November, 1, 0, 0, 0, 0, qtStockholm)
	// 02:30 happens twice on Oct 26, 2025: at 00:30 and 01:30 UTC.
	firstHalfPast2 := time.Date(2025, time.October, 26, 0, 30, 0, 0, time.UTC)
	secondHalfPast2 := time.Date(2025, time.October, 26, 1, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		start time.Time
		at    time.Time
		pol   pricing.Policy
		want  prOutcome
	}{
		{"spring forward, by day", mar1, time.Date(2025, time.March, 30, 12, 0, 0, 0, qtStockholm), days,
			prOutcome{mar1, apr1, 29, 31, "31.00 USD", "62.00 USD", "-2.00 USD", "4.00 USD", "2.00 USD", pricing.Upgrade, apr1}},
		{"spring forward, by second", mar1, time.Date(2025, time.March, 30, 12, 0, 0, 0, qtStockholm), seconds,
			prOutcome{mar1, apr1, 31*86400 - 3600 - 129600, 31*86400 - 3600, "31.00 USD", "62.00 USD", "-1.50 USD", "3.00 USD", "1.50 USD", pricing.Upgrade, apr1}},
		{"fall back, first 02:30", oct1, firstHalfPast2, days,
			prOutcome{oct1, nov1, 25, 31, "31.00 USD", "62.00 USD", "-6.00 USD", "12.00 USD", "6.00 USD", pricing.Upgrade, nov1}},
		{"fall back, second 02:30", oct1, secondHalfPast2, days,
			prOutcome{oct1, nov1, 25, 31, "31.00 USD", "62.00 USD", "-6.00 USD", "12.00 USD", "6.00 USD", pricing.Upgrade, nov1}},
		{"the last local day", oct1, time.Date(2025, time.October, 31, 23, 59, 0, 0, qtStockholm), days,
			prOutcome{oct1, nov1, 30, 31, "31.00 USD", "62.00 USD", "-1.00 USD", "2.00 USD", "1.00 USD", pricing.Upgrade, nov1}},
		{"the same instants on the UTC calendar", oct1, time.Date(2025, time.October, 31, 23, 59, 0, 0, qtStockholm), pricing.DefaultPolicy(),
			// Oct 1 00:00 CEST is Sep 30 22:00 UTC: on the UTC calendar the
			// periods end on the 30th.
			prOutcome{time.Date(2025, time.October, 30, 22, 0, 0, 0, time.UTC), time.Date(2025, time.November, 30, 22, 0, 0, 0, time.UTC), 1, 31,
				"31.00 USD", "62.00 USD", "-30.00 USD", "60.00 USD", "30.00 USD", pricing.Upgrade, time.Date(2025, time.November, 30, 22, 0, 0, 0, time.UTC)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := pricing.Subscription{Plan: std, Market: market.US, Term: plan.OneMonth, Start: tc.start}
			p, err := tc.pol.Prorate(sub, pricing.SubscriptionChange{Plan: pro}, tc.at)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, prOutcomeOf(p)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if p.Zone != tc.pol.Location.String() && tc.pol.Location != nil {
				t.Errorf("zone %q", p.Zone)
			}
			prCheckInvariants(t, p)
		})
	}
}

// PRC-05: upgrades and downgrades take effect when the
// policy says: at once, at renewal (private offers), or never (blocked
// downgrades).
func TestPRC05_ChangeTiming(t *testing.T) {
	std := qtFlat("std", plan.OneYear, plan.Monthly, "120.00 USD")
	pro := qtFlat("pro", plan.OneYear, plan.Monthly, "240.00 USD")
	twin := qtFlat("twin", plan.OneYear, plan.Monthly, "120.00 USD")
	start := qtUTC(2024, time.January, 31, 0, 0, 0)
	at := qtUTC(2024, time.June, 10, 0, 0, 0)
	renewal := qtUTC(2025, time.January, 31, 0, 0, 0)
	blockDown := pricing.DefaultPolicy()
	blockDown.Name = "no-downgrades"
	blockDown.Downgrade = pricing.TimingBlocked
	type outcome struct {
		Direction   pricing.ChangeDirection
		Timing      pricing.ChangeTiming
		Reason      rule.Reason
		EffectiveAt time.Time
		Net         string
	}
	for _, tc := range []struct {
		name     string
		from, to *plan.Plan
		pol      pricing.Policy
		want     outcome
	}{
		{"default upgrade: immediate", std, pro, pricing.DefaultPolicy(), outcome{pricing.Upgrade, pricing.TimingImmediate, pricing.ReasonChangeProrated, at, "6.66 USD"}},
		{"private offer upgrade: at renewal", std, pro, pricing.PrivateOfferPolicy(), outcome{pricing.Upgrade, pricing.TimingAtRenewal, pricing.ReasonChangeAtRenewal, renewal, "0.00 USD"}},
		{"private offer downgrade: at renewal", pro, std, pricing.PrivateOfferPolicy(), outcome{pricing.Downgrade, pricing.TimingAtRenewal, pricing.ReasonChangeAtRenewal, renewal, "0.00 USD"}},
		{"blocked downgrade", pro, std, blockDown, outcome{pricing.Downgrade, pricing.TimingBlocked, pricing.ReasonChangeBlocked, time.Time{}, "0.00 USD"}},
		{"upgrade when downgrades are blocked", std, pro, blockDown, outcome{pricing.Upgrade, pricing.TimingImmediate, pricing.ReasonChangeProrated, at, "6.66 USD"}},
		{"same price: lateral, upgrade timing", std, twin, blockDown, outcome{pricing.Lateral, pricing.TimingImmediate, pricing.ReasonChangeProrated, at, "0.00 USD"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := pricing.Subscription{Plan: tc.from, Market: market.US, Term: plan.OneYear, Payment: plan.Monthly, Start: start}
			p, err := tc.pol.Prorate(sub, pricing.SubscriptionChange{Plan: tc.to}, at)
			if err != nil {
				t.Fatal(err)
			}
			got := outcome{p.Direction, p.Timing, p.Reason, p.EffectiveAt, p.Net.String()}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if !p.TermEnd.Equal(renewal) || p.Policy != tc.pol.Name {
				t.Errorf("term end %v, policy %q", p.TermEnd, p.Policy)
			}
			if p.Timing != pricing.TimingImmediate && (p.Credit.Sign() != 0 || p.Charge.Sign() != 0 || p.Credited != (calendar.Period{})) {
				t.Errorf("a deferred change has money: %v", p)
			}
			prCheckInvariants(t, p)
		})
	}
}

// EXT-13: in CSP new commerce seats can be reduced only within 7
// calendar days of being added, and are refunded less the days used.
func TestEXT13_SeatReductionWindow(t *testing.T) {
	team := qtPerUser("team", plan.OneMonth, plan.Upfront, "10.00 USD", 1, 100)
	sub := pricing.Subscription{Plan: team, Market: market.US, Term: plan.OneMonth, Quantity: 15, Start: qtUTC(2024, time.January, 1, 0, 0, 0)}
	added := qtUTC(2024, time.January, 5, 10, 0, 0)
	end := qtUTC(2024, time.January, 12, 0, 0, 0)
	pol := pricing.NewCommercePolicy()
	for _, tc := range []struct {
		name   string
		n      int64
		at     time.Time
		timing pricing.ChangeTiming
		reason rule.Reason
		id     rule.ID
		net    string
	}{
		{"day 7, last second: reduced and prorated", 10, end.Add(-time.Second), pricing.TimingImmediate, pricing.ReasonChangeProrated, rule.EXT13, "-33.87 USD"},
		{"day 8: the window has closed", 10, end, pricing.TimingBlocked, pricing.ReasonSeatReductionClosed, rule.EXT13, "0.00 USD"},
		{"adding seats has no window", 20, end.Add(72 * time.Hour), pricing.TimingImmediate, pricing.ReasonChangeProrated, rule.PRC06, "27.42 USD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := pol.Prorate(sub, pricing.SubscriptionChange{Quantity: tc.n, SeatsAddedAt: added}, tc.at)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := []any{p.Timing, p.Reason, p.Rule, p.Net.String()}, []any{tc.timing, tc.reason, tc.id, tc.net}; !cmp.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
			if tc.n < 15 && !p.SeatWindowEnd.Equal(end) {
				t.Errorf("window ends %v, want %v", p.SeatWindowEnd, end)
			}
			prCheckInvariants(t, p)
		})
	}
}

// PRC-05: an immediate change bills two lines, the credit and the charge,
// for the rest of the period from the day of the change; a deferred one
// bills none.
func TestPRC05_ProrationLines(t *testing.T) {
	std := qtFlat("std", plan.OneMonth, plan.Upfront, "31.00 USD")
	pro := qtFlat("pro", plan.OneMonth, plan.Upfront, "62.00 USD")
	sub := pricing.Subscription{Plan: std, Market: market.US, Term: plan.OneMonth, Start: qtUTC(2024, time.January, 31, 0, 0, 0)}
	at := qtUTC(2024, time.February, 15, 13, 0, 0)
	p, err := pricing.DefaultPolicy().Prorate(sub, pricing.SubscriptionChange{Plan: pro}, at)
	if err != nil {
		t.Fatal(err)
	}
	span := calendar.Period{Start: qtUTC(2024, time.February, 15, 0, 0, 0), End: qtUTC(2024, time.February, 29, 0, 0, 0)}
	want := []pricing.Charge{
		{Kind: pricing.ChargeRecurring, Reason: pricing.ReasonRecurringFee, Plan: "earlier"},
		{Kind: pricing.ChargeProrationCredit, Reason: pricing.ReasonProrationCredit, Rule: rule.PRC05, Plan: "std", Term: plan.OneMonth, Period: span, BilledAt: at,
			UnitPrice: qtMoney("31.00 USD"), Quantity: 1, Amount: qtMoney("-14.97 USD")},
		{Kind: pricing.ChargeProrationCharge, Reason: pricing.ReasonProrationCharge, Rule: rule.PRC05, Plan: "pro", Term: plan.OneMonth, Period: span, BilledAt: at,
			UnitPrice: qtMoney("62.00 USD"), Quantity: 1, Amount: qtMoney("29.93 USD")},
	}
	got := p.AppendCharges([]pricing.Charge{want[0]})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	for i, wantText := range []string{
		`Credit -$14.97 for plan "std", unused 2024-02-15 00:00:00 UTC – 2024-02-29 00:00:00 UTC, of $31.00 for the billing period (PRC-05).`,
		`Charge $29.93 for plan "pro", 2024-02-15 00:00:00 UTC – 2024-02-29 00:00:00 UTC, of $62.00 for the billing period (PRC-05).`,
	} {
		if s := got[i+1].Explain(rule.English); s != wantText {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, s, wantText)
		}
	}
	deferred, err := pricing.PrivateOfferPolicy().Prorate(sub, pricing.SubscriptionChange{Plan: pro}, at)
	if err != nil {
		t.Fatal(err)
	}
	if lines := deferred.AppendCharges(nil); len(lines) != 0 {
		t.Errorf("a change at renewal bills %v", lines)
	}
	if lines := (pricing.Proration{}).AppendCharges(nil); len(lines) != 0 {
		t.Errorf("the zero Proration bills %v", lines)
	}
}

func TestProrate_Errors(t *testing.T) {
	std := qtFlat("std", plan.OneMonth, plan.Upfront, "31.00 USD")
	pro := qtFlat("pro", plan.OneMonth, plan.Upfront, "62.00 USD")
	proYearly := qtFlat("pro-y", plan.OneYear, plan.Upfront, "620.00 USD")
	team := qtPerUser("team", plan.OneMonth, plan.Upfront, "10.00 USD", 1, 100)
	small := qtPerUser("small", plan.OneMonth, plan.Upfront, "8.00 USD", 1, 5)
	usOnly := qtFlat("us-only", plan.OneMonth, plan.Upfront, "62.00 USD")
	usOnly.Markets = market.SetOf(market.US)
	stdDE := qtFlat("std-de", plan.OneMonth, plan.Upfront, "31.00 USD")
	stdDE.Pricing.Terms[0].Markets = []plan.MarketPrice{{Market: market.DE, Price: qtMoney("29.00 EUR")}}
	byol := &plan.Plan{ID: "byol", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.BYOL}}
	start := qtUTC(2024, time.January, 1, 0, 0, 0)
	at := qtUTC(2024, time.January, 10, 0, 0, 0)
	sub := func(p *plan.Plan, mk market.Code, n int64) pricing.Subscription {
		return pricing.Subscription{Plan: p, Market: mk, Term: plan.OneMonth, Quantity: n, Start: start}
	}
	badPol := pricing.DefaultPolicy()
	badPol.ProrationRounding, badPol.ProrationUnit, badPol.Upgrade, badPol.Downgrade, badPol.SeatReductionWindow = 8, 7, 6, 5, -1
	badPol.ReservationYear = 0
	for _, tc := range []struct {
		name string
		sub  pricing.Subscription
		ch   pricing.SubscriptionChange
		at   time.Time
		pol  pricing.Policy
		want []qtProblem
	}{
		{"plan and quantity at once", sub(team, market.US, 10), pricing.SubscriptionChange{Plan: small, Quantity: 5}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change", rule.EXT06, pricing.ErrSubscriptionChange}}},
		{"nothing changes", sub(team, market.US, 10), pricing.SubscriptionChange{}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change", rule.EXT06, pricing.ErrSubscriptionChange}}},
		{"the same plan and quantity", sub(team, market.US, 10), pricing.SubscriptionChange{Plan: qtPerUser("team", plan.OneMonth, plan.Upfront, "1.00 USD", 1, 0), Quantity: 10}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change", rule.EXT06, pricing.ErrSubscriptionChange}}},
		{"seats of a flat-rate plan", sub(std, market.US, 0), pricing.SubscriptionChange{Quantity: 3}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change.quantity", rule.PRC06, pricing.ErrSeats}}},
		{"negative seats", sub(team, market.US, 10), pricing.SubscriptionChange{Quantity: -3}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change.quantity", rule.EXT06, pricing.ErrSeats}}},
		{"more seats than the plan allows", sub(team, market.US, 10), pricing.SubscriptionChange{Quantity: 101}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change.quantity", rule.EXT06, pricing.ErrSeats}}},
		{"the new plan does not allow the seats", sub(team, market.US, 10), pricing.SubscriptionChange{Plan: small}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change.plan", rule.EXT06, pricing.ErrSeats}}},
		{"the new plan is not sold in the market", sub(std, market.SE, 0), pricing.SubscriptionChange{Plan: usOnly}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"rate", rule.PRC03, pricing.ErrNoRate}}},
		{"the new plan is not sold in the market, rate given", pricing.Subscription{Plan: std, Market: market.SE, Term: plan.OneMonth, Rate: qtToSEK, Start: start},
			pricing.SubscriptionChange{Plan: usOnly}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change.plan", rule.PLN06, pricing.ErrUnpriced}}},
		{"the new plan lacks the term", sub(std, market.US, 0), pricing.SubscriptionChange{Plan: proYearly}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change.plan", rule.EXT05, pricing.ErrUnpriced}}},
		{"the new plan needs a rate", sub(stdDE, market.DE, 0), pricing.SubscriptionChange{Plan: pro}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"rate", rule.PRC03, pricing.ErrNoRate}}},
		{"before the start", sub(std, market.US, 0), pricing.SubscriptionChange{Plan: pro}, start.Add(-time.Second), pricing.DefaultPolicy(),
			[]qtProblem{{"at", rule.PRC05, pricing.ErrInstant}}},
		{"no start", pricing.Subscription{Plan: std, Market: market.US, Term: plan.OneMonth}, pricing.SubscriptionChange{Plan: pro}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"start", rule.PRC05, pricing.ErrInstant}}},
		{"a VM plan", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.OneYear, Start: start}, pricing.SubscriptionChange{Plan: qtVM(plan.PerVCPU)}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change.plan", rule.OFR06, pricing.ErrSubscriptionChange}, {"plan", rule.PRC05, pricing.ErrUnpriced}, {"change.plan", rule.PRC05, pricing.ErrUnpriced}}},
		{"to BYOL", sub(std, market.US, 0), pricing.SubscriptionChange{Plan: byol}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change.plan", rule.OFR06, pricing.ErrSubscriptionChange}, {"change.plan", rule.PRC05, pricing.ErrUnpriced}}},
		{"flat rate to per user", sub(std, market.US, 0), pricing.SubscriptionChange{Plan: team}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change.plan", rule.OFR06, pricing.ErrSubscriptionChange}}},
		{"one seat of a flat-rate plan is no change", sub(std, market.US, 0), pricing.SubscriptionChange{Quantity: 1}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"change", rule.EXT06, pricing.ErrSubscriptionChange}}},
		{"no plan", pricing.Subscription{Market: market.US, Term: plan.OneMonth, Start: start}, pricing.SubscriptionChange{Plan: pro}, at, pricing.DefaultPolicy(),
			[]qtProblem{{"plan", rule.PRC05, pricing.ErrUnpriced}}},
		{"a reduction without when the seats were added", sub(team, market.US, 10), pricing.SubscriptionChange{Quantity: 5}, at, pricing.NewCommercePolicy(),
			[]qtProblem{{"change.seatsAddedAt", rule.EXT13, pricing.ErrInstant}}},
		{"seats added after the change", sub(team, market.US, 10), pricing.SubscriptionChange{Quantity: 5, SeatsAddedAt: at.Add(time.Hour)}, at, pricing.NewCommercePolicy(),
			[]qtProblem{{"change.seatsAddedAt", rule.EXT13, pricing.ErrInstant}}},
		{"policy", sub(std, market.US, 0), pricing.SubscriptionChange{Plan: pro}, at, badPol,
			[]qtProblem{
				{"policy.prorationRounding", rule.PRC05, pricing.ErrPolicy},
				{"policy.reservationYear", rule.EXT07, pricing.ErrPolicy},
				{"policy.prorationUnit", rule.PRC05, pricing.ErrPolicy},
				{"policy.upgrade", rule.PRC05, pricing.ErrPolicy},
				{"policy.downgrade", rule.PRC05, pricing.ErrPolicy},
				{"policy.seatReductionWindow", rule.EXT13, pricing.ErrPolicy},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.pol.Prorate(tc.sub, tc.ch, tc.at)
			if err == nil {
				t.Fatalf("no error: %v", p)
			}
			if got := qtProblems(t, err); !qtCmpProblems(got, tc.want) {
				t.Errorf("problems %v\nwant %v\n%v", got, tc.want, err)
			}
		})
	}
}

func TestProration_JSON(t *testing.T) {
	sub := pricing.Subscription{Plan: qtFlat("std", plan.OneMonth, plan.Upfront, "31.00 USD"), Market: market.SE, Term: plan.OneMonth, Rate: qtToSEK,
		Start: time.Date(2024, time.January, 31, 0, 0, 0, 0, qtStockholm)}
	pol := pricing.DefaultPolicy()
	pol.Location = qtStockholm
	p, err := pol.Prorate(sub, pricing.SubscriptionChange{Plan: qtFlat("pro", plan.OneMonth, plan.Upfront, "62.00 USD")},
		time.Date(2024, time.February, 15, 9, 0, 0, 0, qtStockholm))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back pricing.Proration
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	if diff := cmp.Diff(p, back); diff != "" {
		t.Errorf("round trip of %s (-want +got)\n%s", b, diff)
	}
	for _, want := range []string{`"kind":"plan"`, `"direction":"upgrade"`, `"timing":"immediate"`, `"rule":"PRC-05"`, `"reason":"change-prorated"`,
		`"unit":"day"`, `"net":{"amount":"156.49","currency":"SEK"}`, `"zone":"Europe/Stockholm"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
}

func TestProration_Explain(t *testing.T) {
	std := qtFlat("std", plan.OneMonth, plan.Upfront, "31.00 USD")
	pro := qtFlat("pro", plan.OneMonth, plan.Upfront, "62.00 USD")
	sub := pricing.Subscription{Plan: std, Market: market.US, Term: plan.OneMonth, Start: qtUTC(2024, time.January, 31, 0, 0, 0)}
	at := qtUTC(2024, time.February, 15, 0, 0, 0)
	immediate, err := pricing.DefaultPolicy().Prorate(sub, pricing.SubscriptionChange{Plan: pro}, at)
	if err != nil {
		t.Fatal(err)
	}
	renewal, _ := pricing.PrivateOfferPolicy().Prorate(sub, pricing.SubscriptionChange{Plan: pro}, at)
	blocked := pricing.DefaultPolicy()
	blocked.Name, blocked.Downgrade = "no-downgrades", pricing.TimingBlocked
	down := sub
	down.Plan = pro
	blockedP, _ := blocked.Prorate(down, pricing.SubscriptionChange{Plan: std}, at)
	team := pricing.Subscription{Plan: qtPerUser("team", plan.OneMonth, plan.Upfront, "10.00 USD", 1, 0), Market: market.US, Term: plan.OneMonth, Quantity: 9, Start: sub.Start}
	closed, _ := pricing.NewCommercePolicy().Prorate(team, pricing.SubscriptionChange{Quantity: 3, SeatsAddedAt: sub.Start}, at)
	seconds := pricing.DefaultPolicy()
	seconds.ProrationUnit = pricing.ProrateBySecond
	bySecond, _ := seconds.Prorate(sub, pricing.SubscriptionChange{Plan: pro}, at)
	open, _ := pricing.NewCommercePolicy().Prorate(team, pricing.SubscriptionChange{Quantity: 3, SeatsAddedAt: at.Add(-time.Hour)}, at)
	for _, tc := range []struct {
		p        pricing.Proration
		lang     rule.Language
		want     string
		wantLine string
	}{
		{immediate, rule.English, `Plan change from "std" to "pro" at 2024-02-15 00:00:00 UTC: an upgrade (PRC-05). It takes effect immediately; the term stays and renews at 2024-02-29 00:00:00 UTC. The billing period 2024-01-31 00:00:00 UTC – 2024-02-29 00:00:00 UTC has 29 days, counted in UTC; 14 remain, the day of the change included. Credit -$14.97: 14/29 of $31.00 paid for the period. Charge $29.93: 14/29 of $62.00, the new price for the period. Net $14.96.`,
			`PRC-05 change-prorated upgrade: credit -14.97 USD, charge 29.93 USD, net 14.96 USD (14/29 days unused)`},
		{immediate, rule.Swedish, "Planbyte från \"std\" till \"pro\" 2024-02-15 00:00:00 UTC: en uppgradering (PRC-05). Den gäller omedelbart; perioden består och förnyas 2024-02-29 00:00:00 UTC. Faktureringsperioden 2024-01-31 00:00:00 UTC – 2024-02-29 00:00:00 UTC har 29 dagar, räknade i UTC; 14 återstår, ändringsdagen medräknad. Kredit −14,97\u00a0US$: 14/29 av 31,00\u00a0US$ betalt för perioden. Debitering 29,93\u00a0US$: 14/29 av 62,00\u00a0US$, det nya priset för perioden. Netto 14,96\u00a0US$.", ""},
		{renewal, rule.English, `Plan change from "std" to "pro" at 2024-02-15 00:00:00 UTC: an upgrade (PRC-05). Under policy "private-offer" it takes effect at the renewal of the term, at 2024-02-29 00:00:00 UTC; nothing is prorated.`,
			`PRC-05 change-at-renewal upgrade at-renewal`},
		{blockedP, rule.English, `Plan change from "pro" to "std" at 2024-02-15 00:00:00 UTC: a downgrade (PRC-05). Policy "no-downgrades" blocks it; the subscription does not change.`, ""},
		{blockedP, rule.Swedish, `Planbyte från "pro" till "std" 2024-02-15 00:00:00 UTC: en nedgradering (PRC-05). Policyn "no-downgrades" spärrar den; prenumerationen ändras inte.`, ""},
		{closed, rule.English, `Change from 9 to 3 users of plan "team" at 2024-02-15 00:00:00 UTC: a downgrade (EXT-13). Seats can be reduced only within a window after they were added, which closed at 2024-02-07 00:00:00 UTC (policy "csp-new-commerce", EXT-13); the subscription does not change.`, ""},
		{bySecond, rule.English, `Plan change from "std" to "pro" at 2024-02-15 00:00:00 UTC: an upgrade (PRC-05). It takes effect immediately; the term stays and renews at 2024-02-29 00:00:00 UTC. The billing period 2024-01-31 00:00:00 UTC – 2024-02-29 00:00:00 UTC has 2,505,600 seconds; 1,209,600 remain. Credit -$14.97: 1,209,600/2,505,600 of $31.00 paid for the period. Charge $29.93: 1,209,600/2,505,600 of $62.00, the new price for the period. Net $14.96.`, ""},
		{open, rule.Swedish, "Ändring från 9 till 3 användare av planen \"team\" 2024-02-15 00:00:00 UTC: en nedgradering (EXT-13). Den gäller omedelbart; perioden består och förnyas 2024-02-29 00:00:00 UTC. Licenserna minskas inom sitt fönster, som stänger 2024-02-21 00:00:00 UTC (EXT-13). Faktureringsperioden 2024-01-31 00:00:00 UTC – 2024-02-29 00:00:00 UTC har 29 dagar, räknade i UTC; 14 återstår, ändringsdagen medräknad. Kredit −43,45\u00a0US$: 14/29 av 90,00\u00a0US$ betalt för perioden. Debitering 14,48\u00a0US$: 14/29 av 30,00\u00a0US$, det nya priset för perioden. Netto −28,97\u00a0US$.", ""},
	} {
		if got := tc.p.Explain(tc.lang); got != tc.want {
			t.Errorf("%v:\n got %q\nwant %q", tc.lang, got, tc.want)
		}
		if tc.wantLine != "" && tc.p.String() != tc.wantLine {
			t.Errorf("String() = %q, want %q", tc.p.String(), tc.wantLine)
		}
	}
}

// The enums of prorations and lines have stable text names that round
// trip, and invalid values fail to marshal.
func TestProration_Enums(t *testing.T) {
	type enum interface {
		String() string
		MarshalText() ([]byte, error)
	}
	check := func(valid []enum, invalid enum, parse func(string) (enum, error)) {
		t.Helper()
		for _, v := range valid {
			b, err := v.MarshalText()
			if err != nil || string(b) != v.String() {
				t.Errorf("%v: MarshalText %q, %v", v, b, err)
			}
			back, err := parse(strings.ToUpper(string(b)))
			if err != nil || back != v {
				t.Errorf("%v: UnmarshalText gives %v, %v", v, back, err)
			}
		}
		if _, err := invalid.MarshalText(); err == nil {
			t.Errorf("%v marshals", invalid)
		}
		if _, err := parse("bogus"); err == nil {
			t.Error("bogus parses")
		}
	}
	check([]enum{pricing.ProrateByDay, pricing.ProrateBySecond}, pricing.ProrationUnit(9),
		func(s string) (enum, error) {
			var v pricing.ProrationUnit
			err := v.UnmarshalText([]byte(s))
			return v, err
		})
	check([]enum{pricing.TimingImmediate, pricing.TimingAtRenewal, pricing.TimingBlocked}, pricing.ChangeTiming(9),
		func(s string) (enum, error) {
			var v pricing.ChangeTiming
			err := v.UnmarshalText([]byte(s))
			return v, err
		})
	check([]enum{pricing.Upgrade, pricing.Downgrade, pricing.Lateral}, pricing.ChangeDirection(99),
		func(s string) (enum, error) {
			var v pricing.ChangeDirection
			err := v.UnmarshalText([]byte(s))
			return v, err
		})
	check([]enum{pricing.PlanChange, pricing.SeatChange}, pricing.ChangeKind(99),
		func(s string) (enum, error) {
			var v pricing.ChangeKind
			err := v.UnmarshalText([]byte(s))
			return v, err
		})
	check([]enum{pricing.ChargeRecurring, pricing.ChargeOverage, pricing.ChargeVMUsage, pricing.ChargeReservation, pricing.ChargeProrationCredit, pricing.ChargeProrationCharge, pricing.ChargePartialPeriod},
		pricing.ChargeKind(99), func(s string) (enum, error) {
			var v pricing.ChargeKind
			err := v.UnmarshalText([]byte(s))
			return v, err
		})
	check([]enum{pricing.QuoteFromMarket, pricing.QuoteFromUSD, pricing.QuoteConverted, pricing.QuoteNoCharge}, pricing.QuoteSource(99),
		func(s string) (enum, error) {
			var v pricing.QuoteSource
			err := v.UnmarshalText([]byte(s))
			return v, err
		})
	if pricing.ChargeKind(0).Valid() || !pricing.ChargeOverage.Valid() {
		t.Error("LineKind.Valid")
	}
	if got := pricing.ChangeDirection(7).String(); got != "pricing.ChangeDirection(7)" {
		t.Errorf("invalid direction prints %q", got)
	}
	_ = currency.USD
}

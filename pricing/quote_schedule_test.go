package pricing_test

import (
	"github.com/marketrules/marketrules/calendar"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// PRC-07, EXT-05: a term is billed in equal payments, each at the start of
// the period it pays for; the periods come from the anchor, clamped to
// month end (Jan 31 → Feb 29 → Mar 31 → Apr 30, never Mar 29).
func TestPRC07_Schedule(t *testing.T) {
	jan31 := qtUTC(2024, time.January, 31, 0, 0, 0)
	for _, tc := range []struct {
		name    string
		p       *plan.Plan
		term    plan.Term
		pay     plan.PaymentOption
		at      time.Time
		id      rule.ID
		starts  []time.Time // the first periods' starts
		amounts []string    // the first payments
		n       int
	}{
		{"2 years paid monthly: 24 payments", qtFlat("m", plan.TwoYears, plan.Monthly, "100.00 USD"), plan.TwoYears, plan.Monthly, jan31, rule.EXT05,
			[]time.Time{jan31, qtUTC(2024, time.February, 29, 0, 0, 0), qtUTC(2024, time.March, 31, 0, 0, 0), qtUTC(2024, time.April, 30, 0, 0, 0), qtUTC(2024, time.May, 31, 0, 0, 0)},
			[]string{"4.17 USD", "4.17 USD", "4.17 USD", "4.17 USD", "4.17 USD"}, 24},
		{"2 years paid annually: 2 payments", qtFlat("a", plan.TwoYears, plan.Annual, "100.01 USD"), plan.TwoYears, plan.Annual, jan31, rule.EXT05,
			[]time.Time{jan31, qtUTC(2025, time.January, 31, 0, 0, 0)}, []string{"50.01 USD", "50.00 USD"}, 2},
		{"1 year upfront: 1 payment", qtFlat("u", plan.OneYear, plan.Upfront, "99.00 USD"), plan.OneYear, plan.Upfront, jan31, rule.PRC07,
			[]time.Time{jan31}, []string{"99.00 USD"}, 1},
		{"monthly term, third renewal, from the anchor", qtFlat("m1", plan.OneMonth, plan.Upfront, "9.00 USD"), plan.OneMonth, plan.Upfront,
			qtUTC(2024, time.March, 31, 10, 0, 0), rule.PRC07, []time.Time{qtUTC(2024, time.March, 31, 0, 0, 0)}, []string{"9.00 USD"}, 1},
		{"monthly term, last instant of the second renewal", qtFlat("m1", plan.OneMonth, plan.Upfront, "9.00 USD"), plan.OneMonth, plan.Upfront,
			qtUTC(2024, time.March, 30, 23, 59, 59), rule.PRC07, []time.Time{qtUTC(2024, time.February, 29, 0, 0, 0)}, []string{"9.00 USD"}, 1},
		{"second year of a 1-year term paid monthly", qtFlat("y", plan.OneYear, plan.Monthly, "120.00 USD"), plan.OneYear, plan.Monthly,
			qtUTC(2025, time.June, 1, 0, 0, 0), rule.EXT05,
			[]time.Time{qtUTC(2025, time.January, 31, 0, 0, 0), qtUTC(2025, time.February, 28, 0, 0, 0), qtUTC(2025, time.March, 31, 0, 0, 0)},
			[]string{"10.00 USD", "10.00 USD", "10.00 USD"}, 12},
		{"free plan: zero lines", &plan.Plan{ID: "f", Markets: qtAllMarkets, Pricing: plan.Pricing{Model: plan.Free}}, plan.OneYear, plan.Monthly, jan31, rule.PRC01,
			[]time.Time{jan31}, []string{"0.00 USD"}, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := pricing.Subscription{Plan: tc.p, Market: market.US, Term: tc.term, Payment: tc.pay, Start: jan31}
			lines, err := pricing.DefaultPolicy().AppendSchedule(nil, req, tc.at)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) != tc.n {
				t.Fatalf("%d lines, want %d", len(lines), tc.n)
			}
			q, _ := pricing.DefaultPolicy().Quote(req)
			var sum currency.Money
			cycle := calendar.Cycle{Anchor: jan31, Months: calendar.Months(tc.term.Months() / tc.n)}
			k0, _, _ := cycle.At(tc.at)
			k0 -= k0 % tc.n
			for i, l := range lines {
				sum, _ = sum.Add(l.Amount)
				if want, _ := cycle.Period(k0 + i); !l.Period.Start.Equal(want.Start) || !l.Period.End.Equal(want.End) {
					t.Errorf("line %d: period %v, calendar.Cycle says %v", i, l.Period, want)
				}
				if l.BilledAt != l.Period.Start || l.Installment != i+1 || l.Installments != tc.n || l.Rule != tc.id || l.Kind != pricing.ChargeRecurring {
					t.Errorf("line %d: %+v", i, l)
				}
				if i < len(tc.starts) && (!l.Period.Start.Equal(tc.starts[i]) || l.Amount != qtMoney(tc.amounts[i])) {
					t.Errorf("line %d: %v from %v, want %s from %v", i, l.Amount, l.Period.Start, tc.amounts[i], tc.starts[i])
				}
				if i > 0 && l.Period.Start != lines[i-1].Period.End {
					t.Errorf("line %d does not start where line %d ends", i, i-1)
				}
			}
			if sum != q.Price {
				t.Errorf("payments sum to %v, the term costs %v", sum, q.Price)
			}
		})
	}
}

// PRC-07: billing periods in a local zone keep the local clock across
// daylight-saving changes and clamp to month end on the local calendar.
func TestPRC07_ScheduleLocalZone(t *testing.T) {
	pol := pricing.DefaultPolicy()
	pol.Location = qtStockholm
	start := time.Date(2024, time.January, 31, 0, 0, 0, 0, qtStockholm)
	req := pricing.Subscription{Plan: qtFlat("y", plan.OneYear, plan.Monthly, "120.00 USD"), Market: market.US, Term: plan.OneYear, Payment: plan.Monthly, Start: start.UTC()}
	lines, err := pol.AppendSchedule(nil, req, start)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines[:5] {
		got = append(got, l.BilledAt.Format("2006-01-02 15:04 MST"))
	}
	want := []string{"2024-01-31 00:00 CET", "2024-02-29 00:00 CET", "2024-03-31 00:00 CET", "2024-04-30 00:00 CEST", "2024-05-31 00:00 CEST"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if d := lines[2].Period.Duration(); d != 30*24*time.Hour-time.Hour {
		// Mar 31 00:00 CET to Apr 30 00:00 CEST: the clocks go forward at
		// 02:00 on Mar 31, inside the period.
		t.Errorf("April period lasts %v", d)
	}
	if d := lines[1].Period.Duration(); d != 31*24*time.Hour {
		// Feb 29 CET to Mar 31 CET: midnight comes before the change.
		t.Errorf("March period lasts %v", d)
	}
}

// EXT-07: a software reservation paid monthly is 12 (or 36) equal
// payments.
func TestEXT07_ReservationSchedule(t *testing.T) {
	start := qtUTC(2024, time.March, 1, 0, 0, 0)
	req := pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.ThreeYears, Payment: plan.Monthly, Quantity: 2, Start: start}
	lines, err := pricing.DefaultPolicy().AppendSchedule(nil, req, start)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 36 {
		t.Fatalf("%d lines", len(lines))
	}
	var sum currency.Money
	for _, l := range lines {
		sum, _ = sum.Add(l.Amount)
		if l.Kind != pricing.ChargeReservation || l.Rule != rule.EXT07 || l.UnitPrice != qtMoney("13140.00 USD") || l.Quantity != 2 {
			t.Errorf("line %+v", l)
		}
	}
	if sum != qtMoney("26280.00 USD") || lines[0].Amount != qtMoney("730.00 USD") {
		t.Errorf("sum %v, first %v", sum, lines[0].Amount)
	}
}

func TestAppendSchedule_Errors(t *testing.T) {
	start := qtUTC(2024, time.January, 1, 0, 0, 0)
	monthly := pricing.Subscription{Plan: qtFlat("m", plan.OneMonth, plan.Upfront, "1.00 USD"), Market: market.US, Term: plan.OneMonth, Start: start}
	for _, tc := range []struct {
		name string
		req  pricing.Subscription
		at   time.Time
		want []qtProblem
	}{
		{"hourly usage is not scheduled", pricing.Subscription{Plan: qtVM(plan.FlatRate), Market: market.US, Term: plan.Hourly, Start: start}, start,
			[]qtProblem{{"term", rule.PRC07, pricing.ErrUnpriced}}},
		{"before the start", monthly, start.Add(-time.Nanosecond), []qtProblem{{"at", rule.PRC07, pricing.ErrInstant}}},
		{"no start", pricing.Subscription{Plan: monthly.Plan, Market: market.US, Term: plan.OneMonth}, start, []qtProblem{{"start", rule.PRC07, pricing.ErrInstant}}},
		{"no instant", monthly, time.Time{}, []qtProblem{{"at", rule.PRC07, pricing.ErrInstant}}},
		{"year 0", monthly, time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC), []qtProblem{{"at", rule.PRC07, pricing.ErrInstant}}},
		{"unpriced and before the start", pricing.Subscription{Plan: monthly.Plan, Market: market.FR, Term: plan.OneMonth, Start: start}, start.Add(-1),
			[]qtProblem{{"market", rule.PLN06, pricing.ErrUnpriced}, {"at", rule.PRC07, pricing.ErrInstant}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := make([]pricing.Charge, 1, 4)
			lines, err := pricing.DefaultPolicy().AppendSchedule(dst, tc.req, tc.at)
			if err == nil {
				t.Fatalf("no error: %v", lines)
			}
			if len(lines) != 1 {
				t.Errorf("dst changed: %v", lines)
			}
			if got := qtProblems(t, err); !qtCmpProblems(got, tc.want) {
				t.Errorf("problems %v\nwant %v\n%v", got, tc.want, err)
			}
		})
	}
}

package marketrulestest_test

// This file is a test written as a host application writes it: the host's
// billing code (here the tiny invoiceLines, which a real host keeps in its
// own package) and its tests, built with marketrulestest. Copy it as your
// first test: replace invoiceLines with your own function and keep the
// shape of the tests.

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// Line is one line of the host's invoice.
type Line struct {
	Text   string
	Amount currency.Money
}

// invoiceLines is the host's billing logic under test: the invoice lines
// for changing the number of seats of a per-user subscription at instant
// at: a credit for the rest of the billing period at the old number of
// seats and a charge for it at the new, as the marketplace prorates them
// (PRC-06).
func invoiceLines(sub pricing.Subscription, seats int64, at time.Time) ([]Line, error) {
	p, err := pricing.DefaultPolicy().Prorate(sub, pricing.SubscriptionChange{Quantity: seats}, at)
	if err != nil {
		return nil, fmt.Errorf("seat change: %w", err)
	}
	days := fmt.Sprintf("%d of %d days", p.Unused(), p.Total)
	return []Line{
		{Text: fmt.Sprintf("%d seats of %s, unused %s", p.FromQuantity, p.FromPlan, days), Amount: p.Credit},
		{Text: fmt.Sprintf("%d seats of %s, %s", p.ToQuantity, p.ToPlan, days), Amount: p.Charge},
	}, nil
}

// teamSubscription is a subscription of 10 seats of a per-user plan at
// 10.00 USD per seat a month, started on 1 January 2026, in market m.
func teamSubscription(t *testing.T, m market.Code) pricing.Subscription {
	t.Helper()
	team := marketrulestest.PerUserPlan(t, "team", "10.00 USD", marketrulestest.Users(1, 20))
	return pricing.Subscription{
		Plan:     &team,
		Market:   m,
		Term:     plan.OneMonth,
		Quantity: 10,
		Rate:     marketrulestest.MarketRate(m), // illustrative rates: fixed, so the test is exact
		Start:    marketrulestest.Time(t, "2026-01-01"),
	}
}

func TestInvoiceLines(t *testing.T) {
	tests := []struct {
		name   string
		market market.Code
		seats  int64
		at     string
		want   []Line
	}{
		{"add seats", market.US, 15, "2026-01-11T09:30:00Z", []Line{
			{"10 seats of team, unused 21 of 31 days", marketrulestest.Money(t, "-67.74 USD")},
			{"15 seats of team, 21 of 31 days", marketrulestest.Money(t, "101.61 USD")},
		}},
		{"remove seats on the last day", market.US, 5, "2026-01-31T23:00:00Z", []Line{
			{"10 seats of team, unused 1 of 31 days", marketrulestest.Money(t, "-3.23 USD")},
			{"5 seats of team, 1 of 31 days", marketrulestest.Money(t, "1.61 USD")},
		}},
		{"in Sweden, in kronor", market.SE, 15, "2026-01-11T09:30:00Z", []Line{
			{"10 seats of team, unused 21 of 31 days", marketrulestest.Money(t, "-638.26 SEK")},
			{"15 seats of team, 21 of 31 days", marketrulestest.Money(t, "957.40 SEK")},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := invoiceLines(teamSubscription(t, tt.market), tt.seats, marketrulestest.Time(t, tt.at))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, marketrulestest.CmpOptions()); diff != "" {
				t.Errorf("invoice lines (-want +got):\n%s", diff)
			}
		})
	}
}

// A seat change outside the plan's user limits is refused (EXT-06), and the
// host passes the library's problems on.
func TestInvoiceLines_tooManySeats(t *testing.T) {
	_, err := invoiceLines(teamSubscription(t, market.US), 25, marketrulestest.Time(t, "2026-01-11T09:30:00Z"))
	if !errors.Is(err, pricing.ErrSeats) {
		t.Errorf("error %v, want pricing.ErrSeats", err)
	}
	marketrulestest.AssertProblems(t, err, marketrulestest.ProblemKey{Rule: rule.EXT06, Path: "change.quantity"})
}

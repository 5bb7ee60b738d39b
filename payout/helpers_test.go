package payout

import (
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

func money(s string) currency.Money { return currency.MustParse(s) }

// pstDate returns midnight of a day in the default zone.
func pstDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, PST()) }

// tx returns a valid purchase, to be adjusted by the test.
func tx(date time.Time, a Agreement, pay PaymentMethod, k Charge, gross string) Transaction {
	return Transaction{Date: date, Agreement: a, Payment: pay, Charge: k, Type: Sale, Gross: money(gross)}
}

// wantProblems checks that err is rule.Problems wrapping every sentinel of
// want, with the given paths.
func wantProblems(t *testing.T, err error, paths []string, sentinels ...error) {
	t.Helper()
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v (%T), want rule.Problems", err, err)
	}
	for _, s := range sentinels {
		if !errors.Is(err, s) {
			t.Errorf("err = %v, want it to wrap %v", err, s)
		}
	}
	if paths != nil {
		var got []string
		for _, p := range ps {
			got = append(got, p.Path)
		}
		if len(got) != len(paths) {
			t.Errorf("paths = %q, want %q", got, paths)
			return
		}
		for i := range got {
			if got[i] != paths[i] {
				t.Errorf("paths = %q, want %q", got, paths)
				return
			}
		}
	}
	for _, p := range ps {
		if p.Error() == "" || p.Text(rule.Swedish) == "" {
			t.Errorf("problem %#v renders empty", p)
		}
	}
}

var testCurrencies = []currency.Code{currency.USD, currency.SEK, currency.EUR, currency.JPY}

// randTx returns a random valid transaction between 2018 and 2024.
func randTx(r *rand.Rand) Transaction {
	start := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	date := start.Add(time.Duration(r.Int64N(int64(7 * 365 * 24 * time.Hour))))
	c := testCurrencies[r.IntN(len(testCurrencies))]
	t := Transaction{
		Date:      date,
		Agreement: Agreement(1 + r.IntN(3)),
		Payment:   PaymentMethod(1 + r.IntN(2)),
		Charge:    Charge(1 + r.IntN(2)),
		Type:      Sale,
		Gross:     currency.MustFromMinor(r.Int64N(2_000_000), c),
		Qualified: r.IntN(4) == 0,
	}
	if r.IntN(5) == 0 {
		t.Type = TransactionType(2 + r.IntN(3))
		t.Gross = currency.MustFromMinor(-r.Int64N(500_000), c)
	}
	if r.IntN(2) == 0 {
		t.Collected = date.Add(time.Duration(r.Int64N(int64(150 * 24 * time.Hour))))
	}
	if r.IntN(3) == 0 {
		t.Invoiced = date.Add(time.Duration(r.Int64N(int64(40 * 24 * time.Hour))))
	}
	return t
}

// allRates has a rate into USD for every test currency and month of
// 2017–2026.
func allRates() MonthRates {
	rates := MonthRates{}
	for m := MonthOf(2017, 1); m <= MonthOf(2026, 12); m++ {
		k := int64(m.Month())
		rates[m] = []currency.ExchangeRate{
			{From: currency.SEK, To: currency.USD, Rate: mustRate(90_000+k*100, 6)},
			{From: currency.EUR, To: currency.USD, Rate: mustRate(1_050_000+k*1000, 6)},
			{From: currency.JPY, To: currency.USD, Rate: mustRate(6_500+k*10, 6)},
		}
	}
	return rates
}

func mustRate(coef int64, scale int) currency.Rate {
	r, err := currency.NewRate(coef, scale)
	if err != nil {
		panic(err)
	}
	return r
}

// Month, MonthOf and MonthIn name payout months in tests.
type Month = calendar.YearMonth

func MonthOf(y int, m time.Month) Month { return monthOf(y, m) }

func MonthIn(t time.Time, loc *time.Location) Month {
	if loc == nil {
		loc = time.UTC
	}
	return monthIn(t, loc)
}

package sheet

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
)

// The package's invariants over random and extreme inputs: nothing
// panics; every saved price is in its market's billing currency, never
// negative, and says where it came from; a converted price is the list
// price converted at the rate in force; saving again with later rates
// keeps every saved price; what WriteCSV writes reads back.
func TestProperty_SaveRandomAndExtreme(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	instants := []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), pbT0}
	prices := []int64{0, 1, 999, -1, math.MaxInt64, math.MinInt64}
	for range 300 {
		list := pbBigList(1 + r.IntN(3))
		for i := range list {
			if r.IntN(4) == 0 {
				list[i].Price = currency.MustFromMinor(prices[r.IntN(len(prices))], currency.USD)
			}
			if r.IntN(8) == 0 {
				list[i].Markets = market.SetOf(market.SE, market.CN)
			}
		}
		rates := pbRates("2024-01-01T00:00:00Z", int64(500+r.IntN(1000)))
		if r.IntN(5) == 0 {
			rates = append(rates, DatedRate{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: currency.SEK}, AsOf: instants[r.IntN(len(instants))]})
		}
		at := []time.Time{pbT0, instants[r.IntN(len(instants))]}[r.IntN(2)]
		pol := []Policy{{}, DefaultPolicy(), {Rounding: currency.RoundingMode(r.IntN(9))}}[r.IntN(3)]
		s, err := pol.Save(Sheet{}, list, rates, at)
		if err != nil {
			var ps rule.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %v is not rule.Problems", err)
			}
			continue
		}
		for _, p := range s.Prices {
			_ = p.Explain(rule.Swedish)
			if p.Price.Code() != p.Market.Market().Currency || p.Price.IsNegative() || p.Source < SourceConverted || p.Source > SourceOverride {
				t.Fatalf("saved %+v", p)
			}
			if c, ok := p.Conversion(); ok {
				rate, found := RateAt(rates, p.Price.Code(), at)
				want, err := c.From.Convert(p.Price.Code(), rate.Rate, c.Rounding)
				if !found || err != nil || want != p.Price {
					t.Fatalf("%+v: converted at %v gives %v, %v", p, rate, want, err)
				}
			}
		}
		later := pbRates("2025-01-01T00:00:00Z", 2000)
		again, err := pol.Save(s, list, append(rates, later...), pbT0.AddDate(1, 0, 0))
		if err != nil {
			t.Fatalf("save again: %v", err)
		}
		for _, p := range s.Prices {
			if q, ok := again.Lookup(p.Market, p.Plan, p.Term, p.Payment); !ok || q.Price != p.Price {
				t.Fatalf("%+v changed to %+v", p, q)
			}
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, s.Rows()); err != nil {
			t.Fatal(err)
		}
		if back, err := DefaultPolicy().ReadCSV(&buf, "p.csv", list); err != nil || len(back) != len(s.Prices) {
			t.Fatalf("read back %d rows of %d: %v", len(back), len(s.Prices), err)
		}
	}
}

// Issue 17: a sheet of bad rows yields MaxProblems problems and one that
// counts the rest; a sheet over the byte limit stops at the limit.
func TestPRC03_ProblemsCappedAndLimited(t *testing.T) {
	var b strings.Builder
	b.WriteString("market,currency,plan,term,payment,price\n")
	for range 20_000 {
		b.WriteString("XX,YYY,Bad Plan,P9Y,weekly,-1\n")
	}
	_, err := DefaultPolicy().ReadCSV(strings.NewReader(b.String()), "p.csv", nil)
	var ps rule.Problems
	if !errors.As(err, &ps) || len(ps) != MaxProblems+1 || !strings.Contains(ps[MaxProblems].Error(), "more problems") ||
		ps[MaxProblems].Path != "p.csv" {
		t.Fatalf("%d problems, last %v", len(ps), ps[len(ps)-1])
	}
	_, err = Policy{MaxBytes: 1 << 10}.ReadCSV(strings.NewReader(b.String()), "p.csv", nil)
	if !errors.Is(err, ErrLimit) {
		t.Errorf("over the byte limit: %.200v", err)
	}
}

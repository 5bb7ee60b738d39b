package sheetxlsx

import (
	"bytes"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/rule"
)

// xRandomSheet returns a random sheet of up to n prices with distinct
// keys: random plan IDs, terms, payment options and transacting markets,
// and prices from zero to the largest amount, with random provenance.
func xRandomSheet(r *rand.Rand, n int) sheet.Sheet {
	markets := slices.Collect(market.TransactingSet().All())
	terms := []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears}
	pays := []plan.PaymentOption{plan.Upfront, plan.Monthly, plan.Annual}
	const idChars = "abcdefghijklmnopqrstuvwxyz0123456789-_"
	amounts := []int64{0, 1, 99, math.MaxInt64, math.MaxInt64 - 1, 1_000_000_000_000}
	instants := []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC), xT0}
	seen := map[[4]string]bool{}
	var s sheet.Sheet
	for range r.IntN(n + 1) {
		id := make([]byte, 1+r.IntN(50))
		for i := range id {
			id[i] = idChars[r.IntN(len(idChars))]
		}
		m := markets[r.IntN(len(markets))]
		t := terms[r.IntN(len(terms))]
		pay := pays[r.IntN(len(pays))]
		for !pay.Allows(t) {
			pay = pays[r.IntN(len(pays))]
		}
		key := [4]string{string(id), t.String(), pay.String(), m.String()}
		if seen[key] {
			continue
		}
		seen[key] = true
		minor := r.Int64N(10_000_000)
		if r.IntN(4) == 0 {
			minor = amounts[r.IntN(len(amounts))]
		}
		p := sheet.LocalPrice{Row: sheet.Row{Market: m, Plan: string(id), Term: t, Payment: pay,
			Price: currency.MustFromMinor(minor, m.Market().Currency)}}
		if r.IntN(2) == 0 {
			p.Source = sheet.PriceSource(1 + r.IntN(3))
			p.USD = currency.MustFromMinor(r.Int64N(1_000_000), currency.USD)
			p.SavedAt = instants[r.IntN(len(instants))]
			p.Rate = sheet.DatedRate{ExchangeRate: currency.ExchangeRate{From: currency.USD, To: m.Market().Currency,
				Rate: currency.MustParseRate("10.4512")}, AsOf: instants[r.IntN(len(instants))]}
		}
		s.Prices = append(s.Prices, p)
	}
	return s
}

// The package's invariants over random and extreme sheets: what Write and
// WriteSheet write reads back to exactly the rows written; a damaged
// workbook never panics and fails with rule.Problems.
func TestProperty_XLSXRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 40 {
		s := xRandomSheet(r, 60)
		rows := s.Rows()
		var buf bytes.Buffer
		write := Write
		if i%2 == 1 {
			write = func(w io.Writer, _ []sheet.Row) error { return WriteSheet(w, s) }
		}
		if err := write(&buf, rows); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		got, err := DefaultPolicy().Read(bytes.NewReader(data), "r.xlsx", nil)
		if err != nil {
			t.Fatalf("sheet %d: %v", i, err)
		}
		if len(rows) == 0 {
			rows = got[:0]
		}
		if diff := cmp.Diff(rows, got); diff != "" {
			t.Fatalf("sheet %d: write → read (-want +got):\n%s", i, diff)
		}
		// Extreme bounds read it the same.
		for _, pol := range []Policy{{}, {MaxRows: math.MaxInt, MaxBytes: math.MaxInt64, MaxUnzipped: math.MaxInt64},
			{MaxRows: math.MinInt, MaxBytes: math.MinInt64, MaxUnzipped: math.MinInt64}} {
			again, err := pol.Read(bytes.NewReader(data), "r.xlsx", nil)
			if err != nil || len(again) != len(got) {
				t.Fatalf("%+v: %d rows, %v", pol, len(again), err)
			}
		}
		// Damage the workbook: flip bytes, cut it short.
		for range 5 {
			bad := append([]byte(nil), data...)
			for range 1 + r.IntN(8) {
				bad[r.IntN(len(bad))] ^= byte(1 + r.IntN(255))
			}
			bad = bad[:r.IntN(len(bad)+1)]
			if _, err := DefaultPolicy().Read(bytes.NewReader(bad), "r.xlsx", nil); err != nil {
				var ps rule.Problems
				if !errors.As(err, &ps) || len(ps) == 0 {
					t.Fatalf("error %v is not rule.Problems", err)
				}
			}
		}
	}
}

package bench

import (
	"fmt"
	"testing"

	"github.com/marketrules/marketrules/currency"
	shopspring "github.com/shopspring/decimal"
)

const prorationN, prorationSeed = 200_000, 2026

// TestProrationKillBill compares, on 200,000 seeded random cases, our
// proration (one exact multiply-divide) and Kill Bill's (the fraction
// rounded to scale 9 first) with the exact rational answer. Ours equals
// it always; Kill Bill's is a cent off in about 0.5% of them: wherever the
// exact answer is a half cent (0.09 × 25/30 = 0.075), the rounded fraction
// (0.833333333) puts the product just below it (0.07499999997), which
// rounds down; and, more often as amounts grow, wherever the fraction's
// rounding error times the amount crosses a half cent.
func TestProrationKillBill(t *testing.T) {
	cases := prorationCases(prorationN, prorationSeed)
	type band struct {
		name      string
		max       int64 // cents
		n, differ int
	}
	bands := []*band{{"≤ 100.00", 1_00_00, 0, 0}, {"≤ 10,000.00", 10_000_00, 0, 0}, {"≤ 1,000,000.00", 1_000_000_00, 0, 0}}
	differ := 0
	for _, c := range cases {
		exact := exactProrate(c.cents, c.unused, c.days)
		ours, err := oursProrate(currency.MustFromMinor(c.cents, currency.USD), c.unused, c.days)
		if err != nil || ours.Minor() != exact {
			t.Fatalf("%+v: ours %v (%v), exact %d cents", c, ours, err, exact)
		}
		kb := killBillProrate(shopspring.New(c.cents, -2), c.unused, c.days)
		kbCents := kb.Shift(2).IntPart()
		if d := kbCents - exact; d != 0 {
			if d != 1 && d != -1 {
				t.Fatalf("%+v: Kill Bill %v, exact %d cents: more than a cent", c, kb, exact)
			}
			differ++
		}
		for _, b := range bands {
			if c.cents <= b.max {
				b.n++
				if kbCents != exact {
					b.differ++
				}
				break
			}
		}
	}
	rate := float64(differ) / prorationN
	t.Logf("Kill Bill's proration differs from the exact one by a cent in %d of %d cases (%.2f%%)", differ, prorationN, 100*rate)
	for _, b := range bands {
		t.Logf("  amounts %s: %d of %d (%.3f%%)", b.name, b.differ, b.n, 100*float64(b.differ)/float64(b.n))
	}
	if rate < 0.002 || rate > 0.02 {
		t.Errorf("difference rate %.3f%%, documented as about 0.5%%", 100*rate)
	}
}

// A case where the two differ: 0.09 for a 30-day month with 25 days
// unused is exactly 0.075, half up 0.08.
func Example_prorationKillBill() {
	kb := killBillProrate(shopspring.RequireFromString("0.09"), 25, 30)
	ours, _ := oursProrate(currency.MustParse("0.09 USD"), 25, 30)
	fmt.Println("Kill Bill:", kb.StringFixed(2), "ours:", ours.Amount())
	// Output: Kill Bill: 0.07 ours: 0.08
}

// BenchmarkProration prorates the same 200,000 seeded cases the Kill Bill
// way in shopspring/decimal and ours; ns/op is per case.
func BenchmarkProration(b *testing.B) {
	cases := prorationCases(prorationN, prorationSeed)
	b.Run("ours", func(b *testing.B) {
		in := make([]currency.Money, len(cases))
		for i, c := range cases {
			in[i] = currency.MustFromMinor(c.cents, currency.USD)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			c := &cases[i]
			sinkOurs, sinkErr = oursProrate(in[i], c.unused, c.days)
			if i++; i == len(cases) {
				i = 0
			}
		}
	})
	b.Run("shopspring", func(b *testing.B) {
		in := make([]shopspring.Decimal, len(cases))
		for i, c := range cases {
			in[i] = shopspring.New(c.cents, -2)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			c := &cases[i]
			sinkShop = killBillProrate(in[i], c.unused, c.days)
			if i++; i == len(cases) {
				i = 0
			}
		}
	})
}

package bench

import (
	"math/big"
	"math/rand/v2"

	"github.com/marketrules/marketrules/currency"
	shopspring "github.com/shopspring/decimal"
)

// A proration case: the credit for the unused part of a billing period,
// amount × unusedDays / periodDays, in cents, rounded half up.
type prorationCase struct {
	cents        int64 // the period's price, in cents
	unused, days int64 // unused days of a period of days
}

// prorationCases returns n seeded random cases: prices from 0.01 to
// 1,000,000.00 spread evenly over the orders of magnitude (a seat, a team,
// an enterprise agreement), monthly and yearly periods, any number of
// unused days.
func prorationCases(n int, seed uint64) []prorationCase {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	periods := []int64{28, 29, 30, 31, 365, 366}
	out := make([]prorationCase, n)
	for i := range out {
		digits := 1 + r.IntN(8) // 1 to 8 digits of cents
		hi := int64(1)
		for range digits {
			hi *= 10
		}
		days := periods[r.IntN(len(periods))]
		out[i] = prorationCase{cents: 1 + r.Int64N(hi-hi/10) + hi/10 - 1, unused: r.Int64N(days + 1), days: days}
	}
	return out
}

// killBillProrate prorates the Kill Bill way: the fraction unusedDays /
// periodDays divided to scale 9 half up (KillBillMoney.MAX_SCALE and
// ROUNDING_MODE), the amount multiplied by it, the product rounded half
// up to cents; here in shopspring/decimal.
func killBillProrate(amount shopspring.Decimal, unused, days int64) shopspring.Decimal {
	frac := shopspring.NewFromInt(unused).DivRound(shopspring.NewFromInt(days), 9)
	return amount.Mul(frac).Round(2)
}

// oursProrate prorates with one exact multiply-divide rounded half up.
func oursProrate(amount currency.Money, unused, days int64) (currency.Money, error) {
	return amount.MulDiv(unused, days, currency.HalfUp)
}

// exactProrate is the reference: the exact rational amount × unused /
// days rounded half up to cents (all values non-negative).
func exactProrate(cents, unused, days int64) int64 {
	q := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(cents), big.NewInt(unused)), big.NewInt(days))
	q.Add(q, big.NewRat(1, 2))
	return new(big.Int).Quo(q.Num(), q.Denom()).Int64()
}

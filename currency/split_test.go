package currency

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func amounts(ms []Money) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Amount()
	}
	return out
}

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		m    Money
		n    int
		want []string
	}{
		{MustParse("100.00 USD"), 3, []string{"33.34", "33.33", "33.33"}},
		{MustParse("-100.00 USD"), 3, []string{"-33.34", "-33.33", "-33.33"}},
		{MustParse("0.05 USD"), 3, []string{"0.02", "0.02", "0.01"}},
		{MustParse("0.01 USD"), 3, []string{"0.01", "0.00", "0.00"}},
		{MustParse("7 JPY"), 2, []string{"4", "3"}},
		{MustParse("10.00 USD"), 1, []string{"10.00"}},
		{MustFromMinor(math.MinInt64, USD), 2, []string{"-46116860184273879.04", "-46116860184273879.04"}},
	} {
		got, err := tt.m.Split(tt.n)
		if err != nil {
			t.Fatalf("Split(%v, %d): %v", tt.m, tt.n, err)
		}
		if diff := cmp.Diff(tt.want, amounts(got)); diff != "" {
			t.Errorf("Split(%v, %d) (-want +got):\n%s", tt.m, tt.n, diff)
		}
		for _, p := range got {
			if p.Code() != tt.m.Code() {
				t.Errorf("part %v has the wrong currency", p)
			}
		}
	}
	for _, n := range []int{0, -1} {
		if _, err := MustParse("1 USD").Split(n); err == nil {
			t.Errorf("Split into %d: no error", n)
		}
	}
	if err := MustParse("1 USD").SplitInto(nil); !errors.Is(err, ErrDivisionByZero) {
		t.Errorf("SplitInto(nil): %v", err)
	}
	if _, err := MustParse("1 USD").Split(-1); !errors.Is(err, ErrNegative) {
		t.Errorf("Split(-1): %v", err)
	}
}

func TestAllocate(t *testing.T) {
	for _, tt := range []struct {
		m       Money
		weights []int64
		want    []string
	}{
		{MustParse("0.05 USD"), []int64{1, 1, 1, 1}, []string{"0.02", "0.01", "0.01", "0.01"}},
		{MustParse("1.00 USD"), []int64{1, 99}, []string{"0.01", "0.99"}},
		{MustParse("0.01 USD"), []int64{1, 99}, []string{"0.00", "0.01"}}, // the largest remainder wins, not the first part
		{MustParse("10.00 USD"), []int64{3, 3, 3, 1}, []string{"3.00", "3.00", "3.00", "1.00"}},
		{MustParse("100.00 USD"), []int64{1, 1, 1}, []string{"33.34", "33.33", "33.33"}},
		{MustParse("100.01 USD"), []int64{50, 30, 20}, []string{"50.01", "30.00", "20.00"}}, // 50.005, 30.003, 20.002
		{MustParse("-100.01 USD"), []int64{50, 30, 20}, []string{"-50.01", "-30.00", "-20.00"}},
		{MustParse("1.00 USD"), []int64{0, 1, 0}, []string{"0.00", "1.00", "0.00"}},
		{MustParse("0.02 USD"), []int64{1, 1, 1}, []string{"0.01", "0.01", "0.00"}},
		{MustFromMinor(math.MaxInt64, USD), []int64{math.MaxInt64 - 1, 1}, []string{"92233720368547758.06", "0.01"}},
	} {
		got, err := tt.m.Allocate(tt.weights...)
		if err != nil {
			t.Fatalf("Allocate(%v, %v): %v", tt.m, tt.weights, err)
		}
		if diff := cmp.Diff(tt.want, amounts(got)); diff != "" {
			t.Errorf("Allocate(%v, %v) (-want +got):\n%s", tt.m, tt.weights, diff)
		}
	}
	for _, tt := range []struct {
		weights []int64
		dst     int
		err     error
	}{
		{[]int64{0, 0}, 2, ErrDivisionByZero},
		{nil, 0, ErrDivisionByZero},
		{[]int64{1, -1}, 2, ErrNegative},
		{[]int64{math.MaxInt64, 1}, 2, ErrOverflow},
		{[]int64{1, 1}, 3, ErrArgument},
	} {
		err := MustParse("1 USD").AllocateInto(make([]Money, tt.dst), tt.weights)
		if !errors.Is(err, tt.err) {
			t.Errorf("AllocateInto(%v): err = %v, want %v", tt.weights, err, tt.err)
		}
	}
	if _, err := MustParse("1 USD").Allocate(0, 0); !errors.Is(err, ErrDivisionByZero) {
		t.Errorf("Allocate(0, 0): %v", err)
	}
}

// refAllocate is the largest-remainder method written the slow, obvious
// way: exact shares as rationals, sorted remainders.
func refAllocate(amount int64, weights []int64) []int64 {
	var total big.Int
	for _, w := range weights {
		total.Add(&total, big.NewInt(w))
	}
	mag := new(big.Int).Abs(big.NewInt(amount))
	type part struct {
		i    int
		rem  *big.Int
		base int64
	}
	parts := make([]part, len(weights))
	var given big.Int
	for i, w := range weights {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(mag, big.NewInt(w)), &total, new(big.Int))
		parts[i] = part{i, r, q.Int64()}
		given.Add(&given, q)
	}
	left := new(big.Int).Sub(mag, &given).Int64()
	order := append([]part(nil), parts...)
	sort.SliceStable(order, func(a, b int) bool { return order[a].rem.Cmp(order[b].rem) > 0 })
	out := make([]int64, len(weights))
	for _, p := range parts {
		out[p.i] = p.base
	}
	for k := int64(0); k < left; k++ {
		out[order[k].i]++
	}
	if amount < 0 {
		for i := range out {
			out[i] = -out[i]
		}
	}
	return out
}

// Property: parts sum to the whole, match the reference, and never differ
// from the exact share by a whole unit or more.
func TestAllocateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 20000; i++ {
		n := 1 + rng.IntN(12)
		weights := make([]int64, n)
		for j := range weights {
			switch rng.IntN(3) {
			case 0:
				weights[j] = rng.Int64N(4)
			case 1:
				weights[j] = rng.Int64N(1000)
			default:
				weights[j] = rng.Int64N(math.MaxInt64 / 16)
			}
		}
		weights[rng.IntN(n)]++ // not all zero
		var amount int64
		switch rng.IntN(3) {
		case 0:
			amount = rng.Int64N(200) - 100
		case 1:
			amount = rng.Int64N(1 << 40)
		default:
			amount = int64(rng.Uint64())
		}
		m := MustFromMinor(amount, EUR)
		dst := make([]Money, n)
		if err := m.AllocateInto(dst, weights); err != nil {
			t.Fatalf("AllocateInto(%d, %v): %v", amount, weights, err)
		}
		want := refAllocate(amount, weights)
		var sum big.Int
		for j, p := range dst {
			sum.Add(&sum, big.NewInt(p.Minor()))
			if p.Minor() != want[j] || p.Code() != EUR {
				t.Fatalf("AllocateInto(%d, %v) = %v, want %v", amount, weights, dst, want)
			}
		}
		if sum.Cmp(big.NewInt(amount)) != 0 {
			t.Fatalf("parts of %d sum to %s", amount, &sum)
		}
		// Split is allocation by equal weights, with a simpler remainder order.
		parts := make([]Money, n)
		if err := m.SplitInto(parts); err != nil {
			t.Fatal(err)
		}
		var s big.Int
		for j, p := range parts {
			s.Add(&s, big.NewInt(p.Minor()))
			if d := p.Minor() - parts[n-1].Minor(); d < 0 || d > 1 || (j > 0 && p.Minor() > parts[j-1].Minor()) {
				if amount >= 0 {
					t.Fatalf("Split(%d, %d) = %v: parts differ by more than one unit or are out of order", amount, n, parts)
				}
			}
		}
		if s.Cmp(big.NewInt(amount)) != 0 {
			t.Fatalf("Split parts of %d sum to %s", amount, &s)
		}
	}
}

func TestRate(t *testing.T) {
	for _, tt := range []struct {
		in    string
		coef  int64
		scale int
		str   string
	}{
		{"149.2345", 1492345, 4, "149.2345"},
		{"0.03", 3, 2, "0.03"},
		{"0.030", 30, 3, "0.030"},
		{"1", 1, 0, "1"},
		{"+2.5", 25, 1, "2.5"},
		{"-0", 0, 0, "0"},
		{"0.000000000000001", 1, 15, "0.000000000000001"},
		{"999999999999999999", 999999999999999999, 0, "999999999999999999"},
	} {
		r, err := ParseRate(tt.in)
		if err != nil || r.Coefficient() != tt.coef || r.Scale() != tt.scale || r.String() != tt.str {
			t.Errorf("ParseRate(%q) = %v (%d, %d), %v", tt.in, r, r.Coefficient(), r.Scale(), err)
		}
		var back Rate
		b, _ := r.MarshalText()
		if err := back.UnmarshalText(b); err != nil || back != r {
			t.Errorf("text round trip of %v: %v, %v", r, back, err)
		}
		if d, err := RateFromDecimal(r.Decimal()); err != nil || !d.Equal(r) {
			t.Errorf("RateFromDecimal(Decimal(%v)) = %v, %v", r, d, err)
		}
		if n, err := NewRate(tt.coef, tt.scale); err != nil || n != r {
			t.Errorf("NewRate(%d, %d) = %v, %v", tt.coef, tt.scale, n, err)
		}
	}
	for _, tt := range []struct {
		in  string
		err error
	}{
		{"-1", ErrNegative}, {"0.0000000000000001", ErrPrecision}, {"1000000000000000000", ErrOverflow},
		{"", ErrSyntax}, {"1e3", ErrSyntax}, {"abc", ErrSyntax}, {"1.", ErrSyntax},
	} {
		if _, err := ParseRate(tt.in); !errors.Is(err, tt.err) {
			t.Errorf("ParseRate(%q): %v, want %v", tt.in, err, tt.err)
		}
	}
	for _, tt := range []struct {
		coef  int64
		scale int
		err   error
	}{{-1, 0, ErrNegative}, {1, -1, ErrPrecision}, {1, 16, ErrPrecision}, {1e18, 0, ErrOverflow}} {
		if _, err := NewRate(tt.coef, tt.scale); !errors.Is(err, tt.err) {
			t.Errorf("NewRate(%d, %d): %v, want %v", tt.coef, tt.scale, err, tt.err)
		}
	}
	a, b := MustParseRate("1.5"), MustParseRate("1.50")
	if a == b || !a.Equal(b) || a.Cmp(b) != 0 || a.Cmp(MustParseRate("1.49")) != 1 || a.Cmp(MustParseRate("2")) != -1 {
		t.Errorf("Cmp/Equal of 1.5, 1.50")
	}
	if !(Rate{}).IsZero() || a.IsZero() {
		t.Error("IsZero")
	}
	if d, err := RateFromDecimal(MustParseRate("3").Decimal().Shift(2)); err != nil || d.String() != "300" {
		t.Errorf("RateFromDecimal(3e2) = %v, %v", d, err)
	}
}

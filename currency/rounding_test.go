package currency

import (
	"errors"
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// refRound rounds the exact rational x to an integer with mode: the slow,
// obviously correct reference the fast paths are checked against.
func refRound(x *big.Rat, mode RoundingMode) *big.Int {
	num, den := new(big.Int).Set(x.Num()), x.Denom() // den > 0
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() == 0 {
		return q
	}
	neg := x.Sign() < 0
	twice := new(big.Int).Mul(new(big.Int).Abs(r), big.NewInt(2))
	c := twice.Cmp(den) // vs one half
	away := false
	switch mode {
	case Up:
		away = true
	case Down:
	case Ceiling:
		away = !neg
	case Floor:
		away = neg
	case HalfUp:
		away = c >= 0
	case HalfDown:
		away = c > 0
	case HalfEven:
		away = c > 0 || (c == 0 && q.Bit(0) == 1)
	}
	if away {
		if neg {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

var allModes = []RoundingMode{HalfEven, HalfUp, HalfDown, Up, Down, Ceiling, Floor}

func TestRoundingModes(t *testing.T) {
	// The table: 0.125 and −0.125 to two places in every mode,
	// plus values off the tie.
	tests := []struct {
		in   string
		want [7]string // HalfEven, HalfUp, HalfDown, Up, Down, Ceiling, Floor
	}{
		{"0.125", [7]string{"0.12", "0.13", "0.12", "0.13", "0.12", "0.13", "0.12"}},
		{"-0.125", [7]string{"-0.12", "-0.13", "-0.12", "-0.13", "-0.12", "-0.12", "-0.13"}},
		{"0.135", [7]string{"0.14", "0.14", "0.13", "0.14", "0.13", "0.14", "0.13"}},
		{"-0.135", [7]string{"-0.14", "-0.14", "-0.13", "-0.14", "-0.13", "-0.13", "-0.14"}},
		{"0.121", [7]string{"0.12", "0.12", "0.12", "0.13", "0.12", "0.13", "0.12"}},
		{"-0.129", [7]string{"-0.13", "-0.13", "-0.13", "-0.13", "-0.12", "-0.12", "-0.13"}},
		{"0.1250000000000000000001", [7]string{"0.13", "0.13", "0.13", "0.13", "0.12", "0.13", "0.12"}},
		{"2.5", [7]string{"2.50", "2.50", "2.50", "2.50", "2.50", "2.50", "2.50"}},
		{"0.005", [7]string{"0.00", "0.01", "0.00", "0.01", "0.00", "0.01", "0.00"}},
		{"-0.005", [7]string{"0.00", "-0.01", "0.00", "-0.01", "0.00", "0.00", "-0.01"}},
	}
	for _, tt := range tests {
		for i, mode := range allModes {
			m, err := ParseAmountRound(tt.in, USD, mode)
			if err != nil {
				t.Fatalf("%s %v: %v", tt.in, mode, err)
			}
			if got := m.Amount(); got != tt.want[i] {
				t.Errorf("ParseAmountRound(%s, %v) = %s, want %s", tt.in, mode, got, tt.want[i])
			}
			// The same value through the ratio step: exact thousandths
			// (BHD has three places) times 1/10, in a two-place currency.
			if th, err := ParseAmount(tt.in, BHD); err == nil {
				r, err := MustFromMinor(th.Minor(), USD).MulDiv(1, 10, mode)
				if err != nil {
					t.Fatal(err)
				}
				if got := r.Amount(); got != tt.want[i] {
					t.Errorf("MulDiv(%s, 1, 10, %v) = %s, want %s", th.Amount(), mode, got, tt.want[i])
				}
			}
		}
	}
}

func TestMulDivAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	edges := []int64{0, 1, -1, 2, 3, 7, 10, 99, 100, 1e9, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1}
	pick := func() int64 {
		switch rng.IntN(4) {
		case 0:
			return edges[rng.IntN(len(edges))]
		case 1:
			return rng.Int64N(2001) - 1000
		case 2:
			return int64(rng.Uint64())
		}
		return rng.Int64N(1<<40) - 1<<39
	}
	maxI, minI := big.NewInt(math.MaxInt64), big.NewInt(math.MinInt64)
	for i := 0; i < 200000; i++ {
		a, num, den := pick(), pick(), pick()
		mode := allModes[rng.IntN(len(allModes))]
		got, err := MustFromMinor(a, USD).MulDiv(num, den, mode)
		if den == 0 {
			if !errors.Is(err, ErrDivisionByZero) {
				t.Fatalf("%d×%d/0: err = %v", a, num, err)
			}
			continue
		}
		exact := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(a), big.NewInt(num)), big.NewInt(den))
		want := refRound(exact, mode)
		if want.Cmp(maxI) > 0 || want.Cmp(minI) < 0 {
			if !errors.Is(err, ErrOverflow) {
				t.Fatalf("%d×%d/%d %v: want overflow, got %v, %v", a, num, den, mode, got, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%d×%d/%d %v: %v", a, num, den, mode, err)
		}
		if got.Minor() != want.Int64() {
			t.Fatalf("%d×%d/%d %v = %d, want %s", a, num, den, mode, got.Minor(), want)
		}
	}
}

func TestRoundingModeText(t *testing.T) {
	for _, m := range allModes {
		b, err := m.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back RoundingMode
		if err := back.UnmarshalText(b); err != nil || back != m {
			t.Errorf("%v: round trip gave %v, %v", m, back, err)
		}
	}
	for in, want := range map[string]RoundingMode{"HALF_EVEN": HalfEven, "halfup": HalfUp, "Half down": HalfDown, "CEILING": Ceiling, "floor": Floor, "up": Up, "Down": Down} {
		if got, err := ParseRoundingMode(in); err != nil || got != want {
			t.Errorf("ParseRoundingMode(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "half", "banker", "halfevenx", "hálf-even", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"} {
		if _, err := ParseRoundingMode(in); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseRoundingMode(%q): err = %v, want ErrSyntax", in, err)
		}
	}
	bad := RoundingMode(42)
	if bad.Valid() || bad.String() != "currency.RoundingMode(42)" {
		t.Errorf("RoundingMode(42): Valid %v, String %q", bad.Valid(), bad.String())
	}
	if _, err := bad.MarshalText(); !errors.Is(err, ErrRoundingMode) {
		t.Errorf("MarshalText(42): %v", err)
	}
	if _, err := MustFromMinor(1, USD).MulDiv(1, 3, bad); !errors.Is(err, ErrRoundingMode) {
		t.Errorf("MulDiv with mode 42: %v", err)
	}
	if _, err := ParseAmountRound("1.005", USD, bad); !errors.Is(err, ErrRoundingMode) {
		t.Errorf("ParseAmountRound with mode 42: %v", err)
	}
}

// The rounding table that quotient uses agrees with roundUp for every
// mode, remainder position, sign and parity.
func TestRoundBits(t *testing.T) {
	for _, mode := range allModes {
		for _, tc := range []struct{ rem, den uint64 }{{1, 10}, {5, 10}, {9, 10}} {
			for _, neg := range []bool{false, true} {
				for q := uint64(0); q < 2; q++ {
					hi, lo := bits.Mul64(q, tc.den)
					lo += tc.rem
					got := quotient(hi, lo, tc.den, neg, mode) == q+1
					if want := roundUp(q, tc.rem, tc.den, neg, mode); got != want {
						t.Errorf("%v rem %d/%d neg %v q %d: table %v, roundUp %v", mode, tc.rem, tc.den, neg, q, got, want)
					}
				}
			}
		}
	}
	if q := quotient(0, 7, 7, false, Up); q != 1 {
		t.Errorf("exact quotient rounded: %d", q)
	}
	if q := quotient(6, math.MaxUint64, 7, false, Up); q != math.MaxUint64 {
		t.Errorf("largest quotient wrapped: %d", q)
	}
}

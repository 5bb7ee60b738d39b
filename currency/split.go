package currency

import (
	"math"
	"math/bits"
)

// Split divides m into n parts that differ by at most one minor unit and
// sum to m exactly. The remainder goes one minor unit at a time to the
// first parts: 100.00 USD / 3 is 33.34, 33.33, 33.33, and −100.00 USD / 3
// is −33.34, −33.33, −33.33. n must be positive.
func (m Money) Split(n int) ([]Money, error) {
	if n <= 0 {
		return nil, splitErr(m, n)
	}
	parts := make([]Money, n)
	if err := m.SplitInto(parts); err != nil {
		return nil, err
	}
	return parts, nil
}

// SplitInto is [Money.Split] into len(dst) parts, written to dst; it does
// not allocate. dst must not be empty.
func (m Money) SplitInto(dst []Money) error {
	n := uint64(len(dst))
	if n == 0 {
		return splitErr(m, 0)
	}
	mag := abs64(m.minor)
	q, r := mag/n, mag%n
	// The parts are q+1 (the first r) and q, with m's sign. |part| ≤ |m|,
	// so both fit; for m = math.MinInt64 and n = 1, q is 2^63 and its
	// negation wraps to exactly math.MinInt64.
	small, big := int64(q), int64(q+1)
	if m.minor < 0 {
		small, big = -small, -big
	}
	for i := range dst {
		v := small
		if uint64(i) < r {
			v = big
		}
		dst[i] = Money{v, m.code}
	}
	return nil
}

func splitErr(m Money, n int) error {
	err := ErrDivisionByZero
	if n < 0 {
		err = ErrNegative
	}
	return &OpError{Op: "split", X: m, Num: int64(n), Err: err}
}

// Allocate divides m in proportion to non-negative weights, conserving
// every minor unit: the parts sum to m exactly. Each part first gets its
// exact share rounded toward zero; the minor units left over then go one
// each to the parts with the largest remainders (the largest-remainder, or
// Hamilton, method), ties to the earlier part. So 0.05 USD by weights 1, 1,
// 1, 1 is 0.02, 0.01, 0.01, 0.01 and 1.00 USD by 1, 99 is 0.01, 0.99.
// A part with weight zero gets zero. The weights must not all be zero.
func (m Money) Allocate(weights ...int64) ([]Money, error) {
	parts := make([]Money, len(weights))
	if err := m.AllocateInto(parts, weights); err != nil {
		return nil, err
	}
	return parts, nil
}

// AllocateInto is [Money.Allocate] written to dst, which must have the same
// length as weights; it does not allocate. Its running time is linear in
// the number of parts (at most 65 passes over them).
func (m Money) AllocateInto(dst []Money, weights []int64) error {
	if len(dst) != len(weights) {
		return &OpError{Op: "allocate", X: m, Num: int64(len(weights)), Err: ErrArgument}
	}
	var total uint64
	for _, w := range weights {
		if w < 0 {
			return &OpError{Op: "allocate", X: m, Num: w, Err: ErrNegative}
		}
		total += uint64(w)
		if total > math.MaxInt64 {
			return &OpError{Op: "allocate", X: m, Err: ErrOverflow}
		}
	}
	if total == 0 {
		return &OpError{Op: "allocate", X: m, Err: ErrDivisionByZero}
	}
	mag := abs64(m.minor)
	neg := m.minor < 0

	// Pass 1: floor shares, and the remainders parked in dst.
	var given uint64
	for i, w := range weights {
		q, rem := share(mag, uint64(w), total)
		given += q
		dst[i].minor = int64(rem) // rem < total ≤ MaxInt64
	}
	left := mag - given // fewer than len(weights)

	// Find the cut: the largest remainder v such that at least left parts
	// have a remainder ≥ v. Parts above v get one more unit; so do the first
	// parts exactly at v until the left-over units are used up.
	var cut uint64
	if left > 0 {
		lo, hi := uint64(1), total-1
		for lo < hi {
			mid := lo + (hi-lo+1)/2
			if countAtLeast(dst, mid) >= left {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		cut = lo
		left -= countAtLeast(dst, cut+1)
	}

	// Pass 2: the shares again, with the extra units.
	for i, w := range weights {
		q, rem := share(mag, uint64(w), total)
		switch {
		case cut == 0:
		case rem > cut:
			q++
		case rem == cut && left > 0:
			q++
			left--
		}
		v, _ := signed(q, neg) // |part| ≤ |m|: always fits
		dst[i] = Money{v, m.code}
	}
	return nil
}

// share returns floor(mag × w / total) and the remainder; w ≤ total, so the
// quotient fits in 64 bits.
func share(mag, w, total uint64) (uint64, uint64) {
	hi, lo := bits.Mul64(mag, w)
	return bits.Div64(hi, lo, total)
}

func countAtLeast(rems []Money, v uint64) uint64 {
	var n uint64
	for _, r := range rems {
		if uint64(r.minor) >= v {
			n++
		}
	}
	return n
}

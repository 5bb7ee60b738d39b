package currency

import (
	"math/bits"
	"testing"
)

// Each benchmark has a "plain" twin: the same operation on bare int64
// minor units, with no currency, no checks and no error, as the yardstick
// for the design's goal of staying within 2× of it.

// Inputs live in package variables, so that neither side of a comparison
// is folded into a constant by the compiler.
var (
	benchA, benchB       = MustParse("19.99 USD"), MustParse("5.01 USD")
	benchConv            = MustParse("123.45 USD")
	benchRate            = MustParseRate("149.2345")
	benchSplit           = MustParse("100.00 USD")
	plainA, plainB       = int64(1999), int64(501)
	plainQ               = int64(37)
	plainNum, plainDen   = int64(1234567), int64(2592000)
	plainConv, plainCoef = int64(12345), int64(1492345)
	plainConvDen         = int64(1000000)
	plainSplit           = int64(10000)
	benchQ               = int64(37)
	benchNum, benchDen   = int64(1234567), int64(2592000)
)

var (
	sinkMoney Money
	sinkInt   int64
	sinkErr   error
	sinkBytes []byte
	sinkStr   string
)

func BenchmarkAdd(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMoney, sinkErr = benchA.Add(benchB)
	}
}

// BenchmarkAddPlain adds two int64s with the same overflow check.
func BenchmarkAddPlain(b *testing.B) {
	for b.Loop() {
		s := plainA + plainB
		if (plainA^s)&(plainB^s) < 0 {
			sinkInt = 0
			continue
		}
		sinkInt = s
	}
}

func BenchmarkMul(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMoney, sinkErr = benchA.Mul(benchQ)
	}
}

// BenchmarkMulPlain multiplies two int64s with an overflow check.
func BenchmarkMulPlain(b *testing.B) {
	for b.Loop() {
		hi, lo := bits.Mul64(uint64(plainA), uint64(plainQ))
		if hi != 0 || lo > 1<<62 {
			sinkInt = 0
			continue
		}
		sinkInt = int64(lo)
	}
}

// The ratio step: prorate 19.99 USD × 1,234,567 s / 2,592,000 s.
func BenchmarkMulDiv(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMoney, sinkErr = benchA.MulDiv(benchNum, benchDen, HalfEven)
	}
}

// plainMulDivHalfEven is the ratio step on non-negative int64s with
// half-even rounding, as a hand-written int64 implementation would do it.
func plainMulDivHalfEven(a, num, den int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(num))
	q, r := bits.Div64(hi, lo, uint64(den))
	if 2*r > uint64(den) || (2*r == uint64(den) && q&1 == 1) {
		q++
	}
	return int64(q)
}

func BenchmarkMulDivPlain(b *testing.B) {
	for b.Loop() {
		sinkInt = plainMulDivHalfEven(plainA, plainNum, plainDen)
	}
}

// Conversion: 123.45 USD at 149.2345 → JPY.
func BenchmarkConvert(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMoney, sinkErr = benchConv.Convert(JPY, benchRate, HalfEven)
	}
}

func BenchmarkConvertPlain(b *testing.B) {
	for b.Loop() {
		// 12345 cents × 1492345 / 10^4 (rate scale) / 10^2 (cents) → yen
		sinkInt = plainMulDivHalfEven(plainConv, plainCoef, plainConvDen)
	}
}

func BenchmarkSplitInto(b *testing.B) {
	dst := make([]Money, 3)
	b.ReportAllocs()
	for b.Loop() {
		sinkErr = benchSplit.SplitInto(dst)
	}
}

func BenchmarkSplitIntoPlain(b *testing.B) {
	x := plainSplit
	dst := make([]int64, 3)
	for b.Loop() {
		n := int64(len(dst))
		q, r := x/n, x%n
		for i := range dst {
			dst[i] = q
			if int64(i) < r {
				dst[i]++
			}
		}
	}
}

func BenchmarkAllocateInto(b *testing.B) {
	x := MustParse("100.01 USD")
	dst := make([]Money, 3)
	w := []int64{50, 30, 20}
	b.ReportAllocs()
	for b.Loop() {
		sinkErr = x.AllocateInto(dst, w)
	}
}

func BenchmarkFormat(b *testing.B) {
	x := MustParse("1234567.89 EUR")
	loc := MustParseLocale("de-DE")
	b.ReportAllocs()
	for b.Loop() {
		sinkStr = loc.Format(x)
	}
}

func BenchmarkAppendFormat(b *testing.B) {
	x := MustParse("1234567.89 EUR")
	loc := MustParseLocale("sv-SE")
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes = loc.AppendFormat(buf[:0], x)
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMoney, sinkErr = Parse("1234.56 USD")
	}
}

func BenchmarkParseAmount(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMoney, sinkErr = ParseAmount("1234.56", USD)
	}
}

func BenchmarkString(b *testing.B) {
	x := MustParse("1234.56 USD")
	b.ReportAllocs()
	for b.Loop() {
		sinkStr = x.String()
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	x := MustParse("1234.56 USD")
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes = x.AppendJSON(buf[:0])
	}
}

package bench

import (
	"strconv"
	"strings"
	"testing"

	gomoney "github.com/Rhymond/go-money"
	bojanz "github.com/bojanz/currency"
	govalues "github.com/govalues/decimal"
	"github.com/marketrules/marketrules/currency"
	shopspring "github.com/shopspring/decimal"
)

// Inputs, built once. Nothing is parsed or constructed inside a timed loop
// unless the library's API requires it (bojanz takes operands as strings).
var (
	oursAddA, oursAddB = currency.MustParse(addA + " USD"), currency.MustParse(addB + " USD")
	oursMulA           = currency.MustParse(mulA + " USD")
	oursRatioA         = currency.MustParse(ratioA + " USD")
	oursConvA          = currency.MustParse(convA + " USD")
	oursRate           = currency.MustParseRate(convRate)
	oursSplitA         = currency.MustParse(splitA + " USD")
	oursFmtA           = currency.MustParse(formatA + " EUR")
	oursLocale         = currency.MustParseLocale(formatLocale)

	// int64: minor units; the rate as coefficient and scale.
	i64AddA, i64AddB = int64(1999), int64(501)
	i64MulA, i64Q    = int64(1999), int64(mulQ)
	i64RatioA        = int64(1999)
	i64Num, i64Den   = int64(ratioNum), int64(ratioDen)
	i64ConvA         = int64(12345)
	i64RateCoef      = int64(1492345)
	i64RateScale     = 4
	i64USD, i64JPY   = 2, 0 // decimal places
	i64SplitA        = int64(10000)
	i64FmtA          = int64(123456789)

	shopAddA, shopAddB = shopspring.RequireFromString(addA), shopspring.RequireFromString(addB)
	shopMulA, shopQ    = shopspring.RequireFromString(mulA), shopspring.NewFromInt(mulQ)
	shopRatioA         = shopspring.RequireFromString(ratioA)
	shopNum, shopDen   = shopspring.NewFromInt(ratioNum), shopspring.NewFromInt(ratioDen)
	shopConvA          = shopspring.RequireFromString(convA)
	shopRate           = shopspring.RequireFromString(convRate)
	shopSplitA         = shopspring.RequireFromString(splitA)
	shopSplitN         = shopspring.NewFromInt(splitN)

	gvAddA, gvAddB = govalues.MustParse(addA), govalues.MustParse(addB)
	gvMulA, gvQ    = govalues.MustParse(mulA), govalues.MustNew(mulQ, 0)
	gvRatioA       = govalues.MustParse(ratioA)
	gvNum, gvDen   = govalues.MustNew(ratioNum, 0), govalues.MustNew(ratioDen, 0)
	gvConvA        = govalues.MustParse(convA)
	gvRate         = govalues.MustParse(convRate)
	gvSplitA       = govalues.MustParse(splitA)

	bzAddA, bzAddB = mustBZ(addA, "USD"), mustBZ(addB, "USD")
	bzMulA, bzQ    = mustBZ(mulA, "USD"), strconv.Itoa(mulQ)
	bzRatioA       = mustBZ(ratioA, "USD")
	bzNum, bzDen   = strconv.Itoa(ratioNum), strconv.Itoa(ratioDen)
	bzConvA        = mustBZ(convA, "USD")
	bzSplitA       = mustBZ(splitA, "USD")
	bzSplitN       = strconv.Itoa(splitN)
	bzFmtA         = mustBZ(formatA, "EUR")
	bzFormatter    = bojanz.NewFormatter(bojanz.NewLocale(formatLocale))

	gmAddA, gmAddB = gomoney.New(1999, gomoney.USD), gomoney.New(501, gomoney.USD)
	gmMulA         = gomoney.New(1999, gomoney.USD)
	gmSplitA       = gomoney.New(10000, gomoney.USD)
	gmFmtA         = gomoney.New(123456789, gomoney.EUR)
)

func mustBZ(n, code string) bojanz.Amount {
	a, err := bojanz.NewAmount(n, code)
	if err != nil {
		panic(err)
	}
	return a
}

// i64Str renders minor units with the given number of decimal places,
// independently of package currency: 2500, 2 → "25.00".
func i64Str(v int64, digits int) string {
	s := strconv.FormatInt(v, 10)
	if digits == 0 {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for len(s) <= digits {
		s = "0" + s
	}
	s = s[:len(s)-digits] + "." + s[len(s)-digits:]
	if neg {
		s = "-" + s
	}
	return s
}

func joinParts[T any](parts []T, str func(T) string) string {
	ss := make([]string, len(parts))
	for i, p := range parts {
		ss[i] = str(p)
	}
	return strings.Join(ss, " ")
}

// answer is one library's result for one operation, as decimal text.
type answer struct {
	lib string
	got func() (string, error)
}

// TestSameAnswers checks, operation by operation, that every library gives
// the same answer as ours, and that ours is the exact answer. Libraries that
// cannot do an operation are absent from it (see the comments in ops.go).
func TestSameAnswers(t *testing.T) {
	tests := []struct {
		op    string
		exact string // the exact, correctly rounded answer
		libs  []answer
	}{
		{"Add", "25.00", []answer{
			{"ours", func() (string, error) { m, err := oursAdd(oursAddA, oursAddB); return m.Amount(), err }},
			{"int64", func() (string, error) { return i64Str(int64Add(i64AddA, i64AddB), i64USD), nil }},
			{"shopspring", func() (string, error) { return shopAdd(shopAddA, shopAddB).StringFixed(2), nil }},
			{"govalues", func() (string, error) { d, err := gvAdd(gvAddA, gvAddB); return d.String(), err }},
			{"bojanz", func() (string, error) { a, err := bzAdd(bzAddA, bzAddB); return a.Number(), err }},
			{"gomoney", func() (string, error) { m, err := gmAdd(gmAddA, gmAddB); return gmStr(m), err }},
		}},
		{"Mul", "739.63", []answer{
			{"ours", func() (string, error) { m, err := oursMul(oursMulA, mulQ); return m.Amount(), err }},
			{"int64", func() (string, error) { return i64Str(int64Mul(i64MulA, i64Q), i64USD), nil }},
			{"shopspring", func() (string, error) { return shopMul(shopMulA, shopQ).StringFixed(2), nil }},
			{"govalues", func() (string, error) { d, err := gvMul(gvMulA, gvQ); return d.String(), err }},
			{"bojanz", func() (string, error) { a, err := bzMul(bzMulA, bzQ); return a.Number(), err }},
			{"gomoney", func() (string, error) { return gmStr(gmMul(gmMulA, mulQ)), nil }},
		}},
		// go-money: no division or rounding (see ops.go).
		{"Ratio", "9.52", []answer{
			{"ours", func() (string, error) {
				m, err := oursRatio(oursRatioA, ratioNum, ratioDen)
				return m.Amount(), err
			}},
			{"int64", func() (string, error) { return i64Str(int64Ratio(i64RatioA, i64Num, i64Den), i64USD), nil }},
			{"shopspring", func() (string, error) { return shopRatio(shopRatioA, shopNum, shopDen).StringFixed(2), nil }},
			{"govalues", func() (string, error) { d, err := gvRatio(gvRatioA, gvNum, gvDen); return d.String(), err }},
			{"bojanz", func() (string, error) { a, err := bzRatio(bzRatioA, bzNum, bzDen); return a.Number(), err }},
		}},
		// go-money: no rates (see ops.go).
		{"Convert", "18423", []answer{
			{"ours", func() (string, error) { m, err := oursConvert(oursConvA, oursRate); return m.Amount(), err }},
			{"int64", func() (string, error) {
				return i64Str(int64Convert(i64ConvA, i64RateCoef, i64RateScale, i64USD, i64JPY), i64JPY), nil
			}},
			{"shopspring", func() (string, error) { return shopConvert(shopConvA, shopRate).StringFixed(0), nil }},
			{"govalues", func() (string, error) { d, err := gvConvert(gvConvA, gvRate); return d.String(), err }},
			{"bojanz", func() (string, error) { a, err := bzConvert(bzConvA, convRate); return a.Number(), err }},
		}},
		{"Split", "33.34 33.33 33.33", []answer{
			{"ours", func() (string, error) {
				dst := make([]currency.Money, splitN)
				err := oursSplit(oursSplitA, dst)
				return joinParts(dst, currency.Money.Amount), err
			}},
			{"int64", func() (string, error) {
				dst := make([]int64, splitN)
				int64Split(i64SplitA, dst)
				return joinParts(dst, func(v int64) string { return i64Str(v, i64USD) }), nil
			}},
			{"shopspring", func() (string, error) {
				dst := make([]shopspring.Decimal, splitN)
				shopSplit(shopSplitA, shopSplitN, dst)
				return joinParts(dst, func(d shopspring.Decimal) string { return d.StringFixed(2) }), nil
			}},
			{"govalues", func() (string, error) {
				dst := make([]govalues.Decimal, splitN)
				err := gvSplit(gvSplitA, dst)
				return joinParts(dst, govalues.Decimal.String), err
			}},
			{"bojanz", func() (string, error) {
				dst := make([]bojanz.Amount, splitN)
				err := bzSplit(bzSplitA, bzSplitN, dst)
				return joinParts(dst, bojanz.Amount.Number), err
			}},
			{"gomoney", func() (string, error) {
				parts, err := gmSplit(gmSplitA)
				return joinParts(parts, gmStr), err
			}},
		}},
		// shopspring and govalues: no locale formatting; go-money: Display
		// is not locale-aware (see ops.go).
		{"Format", "1.234.567,89\u00a0€", []answer{
			{"ours", func() (string, error) { return oursFormat(oursLocale, oursFmtA), nil }},
			{"int64", func() (string, error) { return int64FormatDE(i64FmtA), nil }},
			{"bojanz", func() (string, error) { return bzFormat(bzFormatter, bzFmtA), nil }},
		}},
		// go-money: no parsing from text (see ops.go).
		{"Parse", "1234.56", []answer{
			{"ours", func() (string, error) { m, err := oursParse(parseA); return m.Amount(), err }},
			{"int64", func() (string, error) { v, err := int64Parse(parseA); return i64Str(v, i64USD), err }},
			{"shopspring", func() (string, error) { d, err := shopParse(parseA); return d.StringFixed(2), err }},
			{"govalues", func() (string, error) { d, err := gvParse(parseA); return d.String(), err }},
			{"bojanz", func() (string, error) { a, err := bzParse(parseA); return a.Number(), err }},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			ours, err := tt.libs[0].got()
			if err != nil {
				t.Fatalf("ours: %v", err)
			}
			if ours != tt.exact {
				t.Errorf("ours = %q, want the exact answer %q", ours, tt.exact)
			}
			for _, l := range tt.libs[1:] {
				got, err := l.got()
				if err != nil {
					t.Errorf("%s: %v", l.lib, err)
					continue
				}
				if got != ours {
					t.Errorf("%s = %q, ours = %q", l.lib, got, ours)
				}
			}
		})
	}
}

// TestGoMoneyDisplay pins what go-money's Display, timed in BenchmarkFormat
// for reference, actually produces: not the de-DE form.
func TestGoMoneyDisplay(t *testing.T) {
	if got, want := gmDisplay(gmFmtA), "€1,234,567.89"; got != want {
		t.Errorf("gomoney Display = %q, want %q", got, want)
	}
}

func gmStr(m *gomoney.Money) string { return i64Str(m.Amount(), m.Currency().Fraction) }

// Sinks keep the results alive so that the compiler cannot drop the work.
var (
	sinkOurs   currency.Money
	sinkI64    int64
	sinkShop   shopspring.Decimal
	sinkGV     govalues.Decimal
	sinkBZ     bojanz.Amount
	sinkGM     *gomoney.Money
	sinkGMs    []*gomoney.Money
	sinkStr    string
	sinkErr    error
	dstOurs    = make([]currency.Money, splitN)
	dstI64     = make([]int64, splitN)
	dstShop    = make([]shopspring.Decimal, splitN)
	dstGV      = make([]govalues.Decimal, splitN)
	dstBZ      = make([]bojanz.Amount, splitN)
	sinkParseS = parseA
)

func BenchmarkAdd(b *testing.B) {
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		x, y := oursAddA, oursAddB
		for b.Loop() {
			sinkOurs, sinkErr = oursAdd(x, y)
		}
	})
	b.Run("int64", func(b *testing.B) {
		b.ReportAllocs()
		x, y := i64AddA, i64AddB
		for b.Loop() {
			sinkI64 = int64Add(x, y)
		}
	})
	b.Run("shopspring", func(b *testing.B) {
		b.ReportAllocs()
		x, y := shopAddA, shopAddB
		for b.Loop() {
			sinkShop = shopAdd(x, y)
		}
	})
	b.Run("govalues", func(b *testing.B) {
		b.ReportAllocs()
		x, y := gvAddA, gvAddB
		for b.Loop() {
			sinkGV, sinkErr = gvAdd(x, y)
		}
	})
	b.Run("bojanz", func(b *testing.B) {
		b.ReportAllocs()
		x, y := bzAddA, bzAddB
		for b.Loop() {
			sinkBZ, sinkErr = bzAdd(x, y)
		}
	})
	b.Run("gomoney", func(b *testing.B) {
		b.ReportAllocs()
		x, y := gmAddA, gmAddB
		for b.Loop() {
			sinkGM, sinkErr = gmAdd(x, y)
		}
	})
}

func BenchmarkMul(b *testing.B) {
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		x, q := oursMulA, i64Q
		for b.Loop() {
			sinkOurs, sinkErr = oursMul(x, q)
		}
	})
	b.Run("int64", func(b *testing.B) {
		b.ReportAllocs()
		x, q := i64MulA, i64Q
		for b.Loop() {
			sinkI64 = int64Mul(x, q)
		}
	})
	b.Run("shopspring", func(b *testing.B) {
		b.ReportAllocs()
		x, q := shopMulA, shopQ
		for b.Loop() {
			sinkShop = shopMul(x, q)
		}
	})
	b.Run("govalues", func(b *testing.B) {
		b.ReportAllocs()
		x, q := gvMulA, gvQ
		for b.Loop() {
			sinkGV, sinkErr = gvMul(x, q)
		}
	})
	b.Run("bojanz", func(b *testing.B) {
		b.ReportAllocs()
		x, q := bzMulA, bzQ
		for b.Loop() {
			sinkBZ, sinkErr = bzMul(x, q)
		}
	})
	b.Run("gomoney", func(b *testing.B) {
		b.ReportAllocs()
		x, q := gmMulA, i64Q
		for b.Loop() {
			sinkGM = gmMul(x, q)
		}
	})
}

// BenchmarkRatio is the proration step; go-money cannot do it.
func BenchmarkRatio(b *testing.B) {
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		x, num, den := oursRatioA, i64Num, i64Den
		for b.Loop() {
			sinkOurs, sinkErr = oursRatio(x, num, den)
		}
	})
	b.Run("int64", func(b *testing.B) {
		b.ReportAllocs()
		x, num, den := i64RatioA, i64Num, i64Den
		for b.Loop() {
			sinkI64 = int64Ratio(x, num, den)
		}
	})
	b.Run("shopspring", func(b *testing.B) {
		b.ReportAllocs()
		x, num, den := shopRatioA, shopNum, shopDen
		for b.Loop() {
			sinkShop = shopRatio(x, num, den)
		}
	})
	b.Run("govalues", func(b *testing.B) {
		b.ReportAllocs()
		x, num, den := gvRatioA, gvNum, gvDen
		for b.Loop() {
			sinkGV, sinkErr = gvRatio(x, num, den)
		}
	})
	b.Run("bojanz", func(b *testing.B) {
		b.ReportAllocs()
		x, num, den := bzRatioA, bzNum, bzDen
		for b.Loop() {
			sinkBZ, sinkErr = bzRatio(x, num, den)
		}
	})
}

// BenchmarkConvert converts USD to JPY at a rate parsed once; go-money has
// no rates.
func BenchmarkConvert(b *testing.B) {
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		x, r := oursConvA, oursRate
		for b.Loop() {
			sinkOurs, sinkErr = oursConvert(x, r)
		}
	})
	b.Run("int64", func(b *testing.B) {
		b.ReportAllocs()
		x, coef, scale, from, to := i64ConvA, i64RateCoef, i64RateScale, i64USD, i64JPY
		for b.Loop() {
			sinkI64 = int64Convert(x, coef, scale, from, to)
		}
	})
	b.Run("shopspring", func(b *testing.B) {
		b.ReportAllocs()
		x, r := shopConvA, shopRate
		for b.Loop() {
			sinkShop = shopConvert(x, r)
		}
	})
	b.Run("govalues", func(b *testing.B) {
		b.ReportAllocs()
		x, r := gvConvA, gvRate
		for b.Loop() {
			sinkGV, sinkErr = gvConvert(x, r)
		}
	})
	b.Run("bojanz", func(b *testing.B) {
		// bojanz's Convert takes the rate as a string and parses it on
		// every call.
		b.ReportAllocs()
		x, r := bzConvA, convRate
		for b.Loop() {
			sinkBZ, sinkErr = bzConvert(x, r)
		}
	})
}

// BenchmarkSplit splits 100.00 USD in 3, into a caller's slice where the
// library allows it (go-money's Split allocates its result).
func BenchmarkSplit(b *testing.B) {
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		x, dst := oursSplitA, dstOurs
		for b.Loop() {
			sinkErr = oursSplit(x, dst)
		}
	})
	b.Run("int64", func(b *testing.B) {
		b.ReportAllocs()
		x, dst := i64SplitA, dstI64
		for b.Loop() {
			int64Split(x, dst)
		}
	})
	b.Run("shopspring", func(b *testing.B) {
		b.ReportAllocs()
		x, n, dst := shopSplitA, shopSplitN, dstShop
		for b.Loop() {
			shopSplit(x, n, dst)
		}
	})
	b.Run("govalues", func(b *testing.B) {
		b.ReportAllocs()
		x, dst := gvSplitA, dstGV
		for b.Loop() {
			sinkErr = gvSplit(x, dst)
		}
	})
	b.Run("bojanz", func(b *testing.B) {
		b.ReportAllocs()
		x, n, dst := bzSplitA, bzSplitN, dstBZ
		for b.Loop() {
			sinkErr = bzSplit(x, n, dst)
		}
	})
	b.Run("gomoney", func(b *testing.B) {
		b.ReportAllocs()
		x := gmSplitA
		for b.Loop() {
			sinkGMs, sinkErr = gmSplit(x)
		}
	})
}

// BenchmarkFormat formats 1,234,567.89 EUR for de-DE with a locale (or
// formatter) resolved once. shopspring and govalues have no locale
// formatting; go-money's Display is not locale-aware (it gives
// "€1,234,567.89") and is timed for reference only.
func BenchmarkFormat(b *testing.B) {
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		l, x := oursLocale, oursFmtA
		for b.Loop() {
			sinkStr = oursFormat(l, x)
		}
	})
	b.Run("int64", func(b *testing.B) {
		b.ReportAllocs()
		x := i64FmtA
		for b.Loop() {
			sinkStr = int64FormatDE(x)
		}
	})
	b.Run("bojanz", func(b *testing.B) {
		b.ReportAllocs()
		f, x := bzFormatter, bzFmtA
		for b.Loop() {
			sinkStr = bzFormat(f, x)
		}
	})
	b.Run("gomoney", func(b *testing.B) {
		b.ReportAllocs()
		x := gmFmtA
		for b.Loop() {
			sinkStr = gmDisplay(x)
		}
	})
}

// BenchmarkParse parses "1234.56" as a USD amount; go-money cannot parse
// text.
func BenchmarkParse(b *testing.B) {
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		s := sinkParseS
		for b.Loop() {
			sinkOurs, sinkErr = oursParse(s)
		}
	})
	b.Run("int64", func(b *testing.B) {
		b.ReportAllocs()
		s := sinkParseS
		for b.Loop() {
			sinkI64, sinkErr = int64Parse(s)
		}
	})
	b.Run("shopspring", func(b *testing.B) {
		b.ReportAllocs()
		s := sinkParseS
		for b.Loop() {
			sinkShop, sinkErr = shopParse(s)
		}
	})
	b.Run("govalues", func(b *testing.B) {
		b.ReportAllocs()
		s := sinkParseS
		for b.Loop() {
			sinkGV, sinkErr = gvParse(s)
		}
	})
	b.Run("bojanz", func(b *testing.B) {
		b.ReportAllocs()
		s := sinkParseS
		for b.Loop() {
			sinkBZ, sinkErr = bzParse(s)
		}
	})
}

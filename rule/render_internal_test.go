package rule

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
)

type testDays int

type testStringer int

func (t testStringer) String() string { return "s" }

type ptrStringer struct{}

func (*ptrStringer) String() string { return "p" }

type panicky struct{}

func (panicky) String() string { panic("no") }

// fastArgs are arguments of every kind appendFast renders itself or hands
// to the printer.
var fastArgs = []any{0, 7, 1000, -1234567, math.MinInt64, uint64(math.MaxUint64), int8(-3), uint8(250), int16(3000),
	uint16(3000), int32(-70000), uint32(70000), int64(12345), uint(9999), uintptr(1234), testDays(-4000),
	testStringer(5000), time.Duration(90 * time.Minute), "s", `q"u`, "ünï\u00a0", true, nil, errors.New("e 1000"),
	ID("PLN-01"), Swedish, currency.MustParse("1234.50 USD"), currency.MustParse("-5 SEK"), currency.Money{},
	time.Date(2024, 1, 31, 23, 59, 0, 0, time.UTC), Message{English: "a", Swedish: "b"}, []int{1000},
	struct{}{}, &ptrStringer{}, (*ptrStringer)(nil), panicky{}, 1.5}

// Whenever the fast path renders a message, its text is the printer's, in
// both languages, for every verb and argument.
func TestAppendFast_MatchesPrinter(t *testing.T) {
	formats := []string{"%v", "%s", "%d", "%q", "%x", "%5d", "%+v", "a %v b %d", "%[1]v", "%[2]v %[1]d", "%%", "%", "%[", "%[1", "%[0]v", "%[9]v", "%[1]", "x%[1]v%v"}
	fast := 0
	for _, f := range formats {
		for _, a := range fastArgs {
			for _, args := range [][]any{{a}, {a, a}, {a, 1000}, nil} {
				for _, lang := range []Language{English, Swedish} {
					want := renderPrinter(lang, f, args)
					b, ok := appendFast(nil, lang, f, args)
					if !ok {
						continue
					}
					fast++
					if string(b) != want {
						t.Errorf("%s %q %#v: fast %q, printer %q", lang, f, args, b, want)
					}
					if got := (Message{English: f, Swedish: f}).Render(lang, args...); got != want {
						t.Errorf("%s %q %#v: Render %q, printer %q", lang, f, args, got, want)
					}
				}
			}
		}
	}
	if fast < 500 {
		t.Errorf("only %d renderings took the fast path", fast)
	}
}

// The messages the library uses take the fast path.
func TestAppendFast_Taken(t *testing.T) {
	at := time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		f    string
		args []any
	}{
		{"%v (%d) by %v for %q", []any{currency.MustParse("1.00 USD"), 10000, at, "gold"}},
		{"%[2]d then %[1]s", []any{"x", 5}},
		{"100%% of %s", []any{ID("PLN-01")}},
		{"%v %v %v %v", []any{testDays(3), Swedish, errors.New("e"), true}},
	} {
		if _, ok := appendFast(nil, Swedish, c.f, c.args); !ok {
			t.Errorf("%q %v: not fast", c.f, c.args)
		}
	}
	for _, c := range []struct {
		f    string
		args []any
	}{
		{"%v", []any{1.5}}, {"%v", []any{[]int{1}}}, {"%d", []any{"x"}}, {"%v", nil}, {"x", []any{1}},
		{"%v", []any{&ptrStringer{}}}, {"%v", []any{panicky{}}}, {"%s", []any{true}}, {"%s", []any{nil}}, {"%s", []any{5}},
	} {
		if _, ok := appendFast(nil, English, c.f, c.args); ok {
			t.Errorf("%q %v: fast", c.f, c.args)
		}
	}
}

// Render allocates only its result on the fast path.
func TestRender_Allocs(t *testing.T) {
	at := time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)
	m := Message{English: "%v (%d) by %v for %q", Swedish: "%v (%d) senast %v för %q"}
	args := []any{currency.MustParse("1234.50 SEK"), 10000, at, "gold"}
	for _, lang := range []Language{English, Swedish} {
		if n := testing.AllocsPerRun(100, func() { _ = m.Render(lang, args...) }); n > 1 {
			t.Errorf("%s: Render allocates %v times", lang, n)
		}
	}
}

// FuzzRender compares the fast path with the printer on random formats.
func FuzzRender(f *testing.F) {
	f.Add("%v and %d%%", 1000, "x")
	f.Add("%[2]q %[1]v", -5, "ü")
	f.Fuzz(func(t *testing.T, format string, n int, s string) {
		for _, lang := range []Language{English, Swedish} {
			args := []any{n, s}
			b, ok := appendFast(nil, lang, format, args)
			if want := renderPrinter(lang, format, args); ok && string(b) != want {
				t.Errorf("%s %q %v: fast %q, printer %q", lang, format, args, b, want)
			}
		}
	})
}

var sinkText string

// BenchmarkRenderPrinter is the rendering through a new x/text printer per
// message, as Render worked before its fast path, for comparison with
// BenchmarkRender.
func BenchmarkRenderPrinter(b *testing.B) {
	at := time.Date(2024, 1, 31, 23, 59, 0, 0, time.UTC)
	price := currency.MustParse("1234.50 USD")
	for _, lang := range []Language{English, Swedish} {
		b.Run(lang.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkText = renderPrinter(lang, "%v for %d seats, due %v (plan %q)", []any{price, 12000, at, "gold"})
			}
		})
	}
}

// Append extends the caller's buffer with the text Render gives, on the
// fast path and through the printer.
func TestMessage_Append(t *testing.T) {
	for _, c := range []struct {
		m    Message
		args []any
	}{
		{Message{English: "%d seats", Swedish: "%d platser"}, []any{12000}},
		{Message{English: "%v", Swedish: "%v"}, []any{1.5}},
		{Message{English: "x"}, nil},
	} {
		for _, lang := range []Language{English, Swedish, Language(7)} {
			got := string(c.m.Append([]byte("pre "), lang, c.args...))
			if want := "pre " + c.m.Render(lang, c.args...); got != want {
				t.Errorf("Append = %q, want %q", got, want)
			}
		}
	}
	buf := make([]byte, 0, 64)
	m := Message{English: "%d seats"}
	// At most the variadic argument slice, which escapes.
	if n := testing.AllocsPerRun(100, func() { buf = m.Append(buf[:0], English, 5) }); n > 1 {
		t.Errorf("Append into a large enough buffer allocates %v times", n)
	}
}

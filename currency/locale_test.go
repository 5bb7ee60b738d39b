package currency

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// The examples, in full.
func TestFormatExamples(t *testing.T) {
	for _, tt := range []struct {
		locale, money, want string
	}{
		{"de-DE", "1234567.89 EUR", "1.234.567,89\u00a0€"},
		{"sv-SE", "1234567.89 SEK", "1\u00a0234\u00a0567,89\u00a0kr"},
		{"en-US", "1234567.89 USD", "$1,234,567.89"},
		{"ja-JP", "1234568 JPY", "￥1,234,568"},
		{"en-GB", "1234567.89 GBP", "£1,234,567.89"},
		{"en-GB", "12.34 USD", "US$12.34"},
		{"fr-FR", "1234567.89 EUR", "1\u202f234\u202f567,89\u00a0€"},
		{"nb-NO", "-1234.50 NOK", "−1\u00a0234,50\u00a0kr"},
		{"da-DK", "1234.50 DKK", "1.234,50\u00a0kr."},
		{"pt-BR", "1234.50 BRL", "R$\u00a01.234,50"},
		{"ko-KR", "1234568 KRW", "₩1,234,568"},
		{"sv-SE", "-1234567.89 SEK", "−1\u00a0234\u00a0567,89\u00a0kr"},
		{"en-US", "1234.50 CHF", "CHF\u00a01,234.50"}, // CLDR currency spacing
		{"en-US", "-0.05 USD", "-$0.05"},
		{"en-US", "12.345 BHD", "BHD\u00a012.345"}, // not a marketplace currency: its code, three places
		{"en-IN", "1234567.89 INR", "₹12,34,567.89"},
		{"pl-PL", "1234.50 EUR", "1234,50\u00a0€"},                              // minimum grouping digits 2
		{"nl-NL", "-1234.50 EUR", "€\u00a0-1.234,50"},                           // explicit negative pattern
		{"en-IN", "-92233720368547758.08 INR", "-₹92,23,37,20,36,85,47,758.08"}, // the most separators
		{"fr-FR", "92233720368547758.07 EUR", "92\u202f233\u202f720\u202f368\u202f547\u202f758,07\u00a0€"},
		{"en-US", "0.0001 CLF", "CLF\u00a00.0001"}, // four places, integer digit 0
		{"de-DE", "0 JPY", "0\u00a0¥"},
		{"pl-PL", "12345.67 EUR", "12\u00a0345,67\u00a0€"},
	} {
		loc, err := ParseLocale(tt.locale)
		if err != nil {
			t.Fatal(err)
		}
		if got := loc.Format(MustParse(tt.money)); got != tt.want {
			t.Errorf("%s: Format(%s) = %q, want %q", tt.locale, tt.money, got, tt.want)
		}
		if got := MustParse(tt.money).Format(loc); got != tt.want {
			t.Errorf("%s: Money.Format(%s) = %q, want %q", tt.locale, tt.money, got, tt.want)
		}
	}
}

// The locale table fits appendNumber's buffer: separators of at most
// maxSeparator bytes and secondary groups of 2 digits or more, so 20
// digits take at most 9 group separators.
func TestLocaleTableFitsFormatBuffer(t *testing.T) {
	for i, d := range locales {
		if len(d.decimal) > maxSeparator || len(d.group) > maxSeparator || d.secondary == 1 {
			t.Errorf("locale %d (%s): decimal %q, group %q, secondary %d", i, d.tag, d.decimal, d.group, d.secondary)
		}
	}
}

// Every locale × every marketplace currency × a range of amounts, against
// the output of ICU 78.2 / CLDR 48.0 (testdata/icu-golden.tsv, made with
// Node.js Intl.NumberFormat; see data/SOURCES.md).
func TestFormatMatchesICU(t *testing.T) {
	f, err := os.Open("testdata/icu-golden.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 4 {
			t.Fatalf("bad golden line %q", line)
		}
		want, err := strconv.Unquote(fs[3])
		if err != nil {
			t.Fatalf("golden %q: %v", fs[3], err)
		}
		loc := MustParseLocale(fs[0])
		if loc.String() != fs[0] {
			t.Fatalf("locale %s resolved to %s", fs[0], loc)
		}
		m, err := ParseAmount(fs[1], MustParseCode(fs[2]))
		if err != nil {
			t.Fatal(err)
		}
		if got := loc.Format(m); got != want {
			t.Errorf("%s %s: got %q, ICU %q", fs[0], m, got, want)
		}
		n++
	}
	if n < 5000 {
		t.Errorf("only %d golden cases", n)
	}
}

func TestLocaleMatching(t *testing.T) {
	for _, tt := range []struct {
		tags []string
		want string
	}{
		{[]string{"sv"}, "sv-SE"},
		{[]string{"sv-FI"}, "sv-SE"},
		{[]string{"pt"}, "pt-BR"},
		{[]string{"de-LI"}, "de-DE"},
		{[]string{"de-AT"}, "de-AT"},
		{[]string{"zh-Hant"}, "zh-TW"},
		{[]string{"hi-IN", "en-IN"}, "en-IN"},
		{[]string{"tlh"}, "en-US"}, // Klingon: nothing matches
		{nil, "en-US"},
	} {
		var tags []language.Tag
		for _, s := range tt.tags {
			tags = append(tags, language.MustParse(s))
		}
		if got := LocaleFor(tags...).String(); got != tt.want {
			t.Errorf("LocaleFor(%v) = %s, want %s", tt.tags, got, tt.want)
		}
	}
	if _, err := ParseLocale("not a tag!"); err == nil {
		t.Error("ParseLocale of garbage: no error")
	}
	var zero Locale
	if zero.String() != "en-US" || zero.Tag() != language.MustParse("en-US") || (Locale{i: 200}).String() != "en-US" {
		t.Errorf("zero Locale = %s", zero)
	}
	n := 0
	for l := range Locales() {
		if n == 0 && l != zero {
			t.Errorf("first locale %s, want en-US", l)
		}
		if LocaleFor(l.Tag()) != l {
			t.Errorf("LocaleFor(%s) = %s", l.Tag(), LocaleFor(l.Tag()))
		}
		n++
	}
	if n != len(locales) || n < 10 {
		t.Errorf("Locales yielded %d", n)
	}
	for range Locales() {
		break
	}
	if s := MustParseLocale("sv-SE").Symbol(SEK); s != "kr" {
		t.Errorf("sv-SE SEK symbol %q", s)
	}
	if s := MustParseLocale("sv-SE").Symbol(MXN); s != "MXN" {
		t.Errorf("sv-SE MXN symbol %q", s)
	}
}

// The design promises: arithmetic, conversion, splitting into a caller's
// slice and appending a formatted amount allocate nothing; Format
// allocates only its result.
func TestZeroAllocations(t *testing.T) {
	a, b := MustParse("19.99 USD"), MustParse("5.01 USD")
	rate := MustParseRate("149.2345")
	dst := make([]Money, 3)
	weights := []int64{50, 30, 20}
	buf := make([]byte, 0, 64)
	loc := MustParseLocale("de-DE")
	var sink Money
	for _, tt := range []struct {
		name string
		max  float64
		f    func()
	}{
		{"Add", 0, func() { sink, _ = a.Add(b) }},
		{"Sub", 0, func() { sink, _ = a.Sub(b) }},
		{"Mul", 0, func() { sink, _ = a.Mul(37) }},
		{"MulDiv", 0, func() { sink, _ = a.MulDiv(1234567, 2592000, HalfEven) }},
		{"MulRate", 0, func() { sink, _ = a.MulRate(rate, HalfEven) }},
		{"Convert", 0, func() { sink, _ = a.Convert(JPY, rate, HalfEven) }},
		{"SplitInto", 0, func() { _ = a.SplitInto(dst) }},
		{"AllocateInto", 0, func() { _ = a.AllocateInto(dst, weights) }},
		{"AppendFormat", 0, func() { buf = loc.AppendFormat(buf[:0], a) }},
		{"AppendText", 0, func() { buf, _ = a.AppendText(buf[:0]) }},
		{"AppendJSON", 0, func() { buf = a.AppendJSON(buf[:0]) }},
		{"ParseAmount", 0, func() { sink, _ = ParseAmount("1234.56", USD) }},
		{"Parse", 0, func() { sink, _ = Parse("1234.56 USD") }},
		{"ParseCode", 0, func() { _, _ = ParseCode("sek") }},
		{"Format", 1, func() { _ = loc.Format(a) }},
		{"String", 1, func() { _ = a.String() }},
	} {
		if got := testing.AllocsPerRun(100, tt.f); got > tt.max {
			t.Errorf("%s: %v allocs per run, want ≤ %v", tt.name, got, tt.max)
		}
	}
	_ = sink
}

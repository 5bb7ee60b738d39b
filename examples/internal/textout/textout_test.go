package textout

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

func TestTable(t *testing.T) {
	var b strings.Builder
	p := &Printer{W: &b}
	tb := NewTable("Market", "Price").AlignRight(1)
	tb.Row("JP", "￥7,715")
	tb.Row("SE", "470,98\u00a0kr")
	tb.Row("US")
	tb.Write(p)
	want := "  Market      Price\n  ------  ---------\n  JP        ￥7,715\n  SE      470,98\u00a0kr\n  US\n"
	if b.String() != want || p.Err() != nil {
		t.Errorf("table:\n%q\nwant\n%q", b.String(), want)
	}
	if Width("￥1") != 3 || Width("a\u0301") != 1 || Width("\u00a0") != 1 {
		t.Error("Width")
	}
}

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestPrinterKeepsFirstError(t *testing.T) {
	p := &Printer{W: failing{}}
	p.Printf("a %d", 1)
	p.Println("b")
	if p.Err() == nil || p.Err().Error() != "disk full" {
		t.Errorf("Err = %v", p.Err())
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"49.99 USD", 9},
		{"￥7,715", 7},                // U+FFE5 FULLWIDTH YEN SIGN is two columns
		{"¥7,715", 6},                // U+00A5 YEN SIGN is one
		{"470,98\u00a0kr", 9},        // U+00A0 NO-BREAK SPACE
		{"1\u202f234,56\u00a0€", 10}, // U+202F NARROW NO-BREAK SPACE
		{"₹4,431.81", 9},
		{"e\u0301", 1}, // combining acute accent
		{"日本円", 6},
	}
	for _, tt := range tests {
		if got := Width(tt.s); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// TestTableAlignsByDisplayWidth checks that a right-aligned column of amounts
// with wide and non-ASCII characters ends in the same terminal column on
// every line, which counting bytes or runes would not achieve.
func TestTableAlignsByDisplayWidth(t *testing.T) {
	tab := NewTable("Locale", "Formatted")
	tab.AlignRight(1)
	for _, s := range []string{"ja-JP", "sv-SE", "fr-FR", "en-US"} {
		tab.Row(s, currency.MustParseLocale(s).Format(currency.MustParse("1234.50 EUR")))
	}
	tab.Row("ja-JP", currency.MustParseLocale("ja-JP").Format(currency.MustParse("7715 JPY")))
	var out bytes.Buffer
	p := &Printer{W: &out}
	tab.Write(p)
	if p.err != nil {
		t.Fatal(p.err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 7 {
		t.Fatalf("got %d lines, want 7:\n%s", len(lines), out.String())
	}
	for _, l := range lines[1:] {
		if Width(l) != Width(lines[0]) {
			t.Errorf("line %q is %d columns wide, the header %q is %d", l, Width(l), lines[0], Width(lines[0]))
		}
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("  PAY-05  ", "one two three four five\nsix 470,98\u00a0kr seven", 22)
	want := "  PAY-05  one two\n          three four\n          five\n          six\n          470,98\u00a0kr\n          seven\n" // the amount moves whole
	if got != want {
		t.Errorf("Wrap:\n%q\nwant\n%q", got, want)
	}
	long := Wrap("  ID-01   ", strings.Repeat("word ", 30)+"12\u00a0345,00\u00a0kr.", 100)
	for _, l := range strings.SplitAfter(long, "\n") {
		if l == "" {
			continue
		}
		if w := Width(strings.TrimRight(l, "\n")); w > 100 {
			t.Errorf("line of %d columns: %q", w, l)
		}
		if !strings.HasPrefix(l, "  ID-01   ") && !strings.HasPrefix(l, "          ") {
			t.Errorf("not indented: %q", l)
		}
	}
	if !strings.Contains(long, "12\u00a0345,00\u00a0kr.") {
		t.Errorf("an amount was broken:\n%s", long)
	}
	if got := Wrap("> ", "  a  b  ", 80); got != "> a b\n" {
		t.Errorf("spaces: %q", got)
	}
}

func TestLanguage(t *testing.T) {
	if l, err := Language("sv"); err != nil || l != rule.Swedish {
		t.Errorf("sv: %v %v", l, err)
	}
	if l, err := Language("en"); err != nil || l != rule.English {
		t.Errorf("en: %v %v", l, err)
	}
	if _, err := Language("de"); err == nil {
		t.Error("de: no error")
	}
}

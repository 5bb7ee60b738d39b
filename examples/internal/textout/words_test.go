package textout

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/pricing/metering"
	"github.com/marketrules/marketrules/rule"
)

func TestReadCSVTolerance(t *testing.T) {
	rows, err := ReadCSV("\uFEFFVM, Plan ,VCPUS\r\n\r\na, b ,1\r\n", "u.csv", "vm,plan,vcpus")
	if err != nil || len(rows) != 1 || rows[0][1] != "b" {
		t.Fatalf("BOM and header case: %v %v", rows, err)
	}
	if rows, err := ReadCSV("vm,plan,vcpus\n", "u.csv", "vm,plan,vcpus"); err != nil || len(rows) != 0 {
		t.Errorf("header only: %v %v", rows, err)
	}
	for _, tc := range []struct{ in, want string }{
		{"", `u.csv: empty; the first line must be the header "vm,plan,vcpus"`},
		{"vm,plan\n", `u.csv line 1: the header must be "vm,plan,vcpus", not "vm,plan"`},
		{"vm,plan,vcpus\na,b\n", "u.csv line 2: 3 fields, not 2 (vm,plan,vcpus)"},
		{"vm,plan,vcpus\na,b\"x,1\n", `u.csv line 2, column 4: bare " in non-quoted-field`},
	} {
		if _, err := ReadCSV(tc.in, "u.csv", "vm,plan,vcpus"); err == nil || err.Error() != tc.want {
			t.Errorf("ReadCSV(%q) = %v, want %s", tc.in, err, tc.want)
		}
	}
}

func TestWords(t *testing.T) {
	if Say(rule.Swedish, "a", "b") != "b" || Say(rule.English, "a", "b") != "a" {
		t.Error("Say")
	}
	if Number(rule.Swedish, "9.4215") != "9,4215" || Number(rule.English, "9.4215") != "9.4215" {
		t.Error("Number")
	}
	for _, tc := range []struct {
		n    int64
		l    rule.Language
		want string
	}{{0, rule.English, "0"}, {8760, rule.English, "8,760"}, {-1234567, rule.English, "-1,234,567"},
		{8760, rule.Swedish, "8\u00a0760"}, {123, rule.Swedish, "123"}} {
		if got := Group(tc.l, tc.n); got != tc.want {
			t.Errorf("Group(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	at := time.Date(2026, time.January, 12, 9, 0, 0, 0, time.UTC)
	if MonthYear(rule.Swedish, at) != "januari 2026" || MonthYear(rule.English, at) != "January 2026" {
		t.Error("MonthYear")
	}
	if DayTime(rule.Swedish, at) != "mån 12 januari 09:00" || DayTime(rule.English, at) != "Mon 12 Jan 09:00" {
		t.Error(DayTime(rule.Swedish, at), DayTime(rule.English, at))
	}
	if got := Money(currency.MustParseLocale("ja-JP"), currency.MustParse("7700 JPY")); got != "¥7,700" {
		t.Errorf("Money = %q", got)
	}
	if MaxWidth("ab\n￥1234\n") != 6 {
		t.Error("MaxWidth")
	}
}

func TestWriteWidth(t *testing.T) {
	tb := NewTable("Name", "A", "B", "C").AlignRight(1, 2, 3)
	tb.Row("x", "1111111111", "2222222222", "3333333333")
	var b strings.Builder
	p := &Printer{W: &b}
	tb.WriteWidth(p, 30, 1)
	want := "  Name           A           B\n  ----  ----------  ----------\n  x     1111111111  2222222222\n\n" +
		"  Name           C\n  ----  ----------\n  x     3333333333\n"
	if b.String() != want {
		t.Errorf("wrapped:\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	tb.WriteWidth(p, 100, 1)
	if strings.Count(b.String(), "\n") != 3 {
		t.Errorf("fits:\n%s", b.String())
	}
}

func TestRounding(t *testing.T) {
	if Rounding(rule.Swedish, currency.HalfEven) != "halvt till jämnt" || Rounding(rule.English, currency.HalfEven) != "half-even" ||
		Rounding(rule.Swedish, currency.RoundingMode(99)) != currency.RoundingMode(99).String() {
		t.Error("Rounding")
	}
}

func TestProblems(t *testing.T) {
	syntax := errors.New("malformed")
	ps := rule.Problems{
		{Rule: rule.PRC03, Path: "r.csv line 1", Message: rule.Message{English: "bad header", Swedish: "fel rubrik"}, Err: syntax},
	}
	c, _, errb := newTestCommand()
	if st := c.Problems(rule.English, "r.csv", ps, syntax); st != ExitUsage || errb.String() != "demo: r.csv: 1 problem\n  r.csv line 1: bad header\n" {
		t.Errorf("syntax: %d %q", st, errb)
	}
	ps[0].Err = nil
	c, _, errb = newTestCommand()
	if st := c.Problems(rule.Swedish, "r.csv", append(ps, ps[0]), syntax); st != ExitRule ||
		errb.String() != "demo: r.csv: 2 problem\n  r.csv line 1: fel rubrik (PRC-03)\n  r.csv line 1: fel rubrik (PRC-03)\n" {
		t.Errorf("rule: %d %q", st, errb)
	}
	c, _, errb = newTestCommand()
	if st := c.Problems(rule.English, "r.csv", errors.New("r.csv: broken")); st != ExitRule || errb.String() != "demo: r.csv: broken\n" {
		t.Errorf("plain: %d %q", st, errb)
	}
}

func TestEventStatus(t *testing.T) {
	for st, sv := range map[metering.EventStatus]string{
		metering.Accepted: "accepterad", metering.Expired: "för gammal", metering.Duplicate: "dubblett",
		metering.InvalidQuantity: "ogiltigt antal", metering.BadArgument: "felaktigt argument",
		metering.ResourceNotFound: "okänd resurs", metering.ResourceNotAuthorized: "resurs utan behörighet",
		metering.ResourceNotActive: "resurs inte aktiv", metering.InvalidDimension: "okänd dimension", metering.Error: "tjänstefel",
	} {
		if got := EventStatus(rule.Swedish, st); got != sv {
			t.Errorf("%v in Swedish: %q, want %q", st, got, sv)
		}
		if got := EventStatus(rule.English, st); got != st.String() {
			t.Errorf("%v in English: %q", st, got)
		}
	}
	if got := EventStatus(rule.Swedish, 0); got != metering.EventStatus(0).String() {
		t.Errorf("unset status in Swedish: %q", got)
	}
}

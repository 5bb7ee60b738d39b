package textout

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/pricing/metering"
	"github.com/marketrules/marketrules/rule"
)

// Say returns en or sv, whichever is in the language l: the programs'
// own words, next to each other in the source.
func Say(l rule.Language, en, sv string) string {
	if l == rule.Swedish {
		return sv
	}
	return en
}

// Number writes a decimal number given as Go or decimal text ("9.4215",
// "0.30") the way l writes it: with a decimal comma in Swedish, "9,4215",
// so that a rate reads like the Swedish amounts next to it.
func Number(l rule.Language, s string) string {
	return rule.Decimal(s).Format(l)
}

// Group writes n with thousands separators: "8,760" in English,
// "8 760" (a no-break space) in Swedish.
func Group(l rule.Language, n int64) string {
	sep := ","
	if l == rule.Swedish {
		sep = "\u00a0"
	}
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

var (
	svMonths   = [...]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}
	svWeekdays = [...]string{"sön", "mån", "tis", "ons", "tors", "fre", "lör"}
)

// MonthYear writes "March 2026" in English and "mars 2026" in Swedish.
func MonthYear(l rule.Language, t time.Time) string {
	if l == rule.Swedish {
		return svMonths[t.Month()-1] + " " + t.Format("2006")
	}
	return t.Format("January 2006")
}

// DayTime writes a day and a time of day: "Mon 12 Jan 09:00" in English,
// "mån 12 januari 09:00" in Swedish.
func DayTime(l rule.Language, t time.Time) string {
	if l == rule.Swedish {
		return svWeekdays[t.Weekday()] + " " + t.Format("2") + " " + svMonths[t.Month()-1] + " " + t.Format("15:04")
	}
	return t.Format("Mon 2 Jan 15:04")
}

// Money formats m with loc, writing the yen sign as "¥" (U+00A5) also
// where CLDR's Japanese locale writes the fullwidth "￥" (U+FFE5), so that
// one program writes one currency one way, as the library's explanations
// do.
func Money(loc currency.Locale, m currency.Money) string {
	return strings.ReplaceAll(loc.Format(m), "\uFFE5", "\u00A5")
}

// MaxWidth returns the display width of the widest line of s.
func MaxWidth(s string) int {
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		n = max(n, Width(line))
	}
	return n
}

// WriteWidth writes the table like Write when it fits in width columns;
// otherwise it writes it in parts, each as wide as fits, every part
// repeating the first keep columns (the row's name), one blank line
// between the parts.
func (t *Table) WriteWidth(p *Printer, width, keep int) {
	widths := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, cell := range r[:len(widths)] {
			widths[i] = max(widths[i], Width(cell))
		}
	}
	keep = min(max(keep, 0), len(widths))
	used := len(indent)
	for i, w := range widths[:keep] {
		if i > 0 {
			used += len(gutter)
		}
		used += w
	}
	var groups [][]int
	var cur []int
	n := used
	for i := keep; i < len(widths); i++ {
		add := widths[i]
		if keep > 0 || len(cur) > 0 {
			add += len(gutter)
		}
		if len(cur) > 0 && n+add > width {
			groups = append(groups, cur)
			cur, n = nil, used
			add = widths[i]
			if keep > 0 {
				add += len(gutter)
			}
		}
		cur = append(cur, i)
		n += add
	}
	if len(cur) > 0 || len(groups) == 0 {
		groups = append(groups, cur)
	}
	for g, cols := range groups {
		if g > 0 {
			p.Println()
		}
		idx := make([]int, 0, keep+len(cols))
		for i := range keep {
			idx = append(idx, i)
		}
		idx = append(idx, cols...)
		pick := func(r []string) []string {
			out := make([]string, len(idx))
			for k, i := range idx {
				out[k] = r[i]
			}
			return out
		}
		part := NewTable(pick(t.header)...)
		for k, i := range idx {
			part.right[k] = t.right[i]
		}
		for _, r := range t.rows {
			part.rows = append(part.rows, pick(r))
		}
		part.Write(p)
	}
}

// Rounding names a rounding mode in l as the library's messages do:
// "half-even" in English, "halvt till jämnt" in Swedish.
func Rounding(l rule.Language, r currency.RoundingMode) string {
	return roundingText.Render(l, r)
}

// roundingText renders a rounding mode alone, in the message's language.
var roundingText = rule.Message{English: "%v"}

// Problems reports err, the problems found in the input named name, on
// the command's stderr in l: "price-sheet: prices.csv: 2 problems", then
// each problem on its own lines, under 100 columns. A problem that
// is an instance of one of the syntax sentinels (malformed CSV or JSON, a
// wrong header, input over a limit) is a failure to read: it is shown
// without the rule the library cites, and the status is ExitUsage;
// otherwise the input breaks a rule and the status is ExitRule. An error
// that is not a rule.Problems is reported as one line, its name not
// repeated.
func (c *Command) Problems(l rule.Language, name string, err error, syntax ...error) int {
	var ps rule.Problems
	if !errors.As(err, &ps) {
		msg := err.Error()
		if name != "" && !strings.HasPrefix(msg, name) {
			msg = name + ": " + msg
		}
		return c.Failf(ExitRule, "%s", msg)
	}
	status := ExitRule
	head := Plural(len(ps), Say(l, "problem", "problem"), Say(l, "problems", "problem"))
	if name != "" {
		head = name + ": " + head
	}
	fmt.Fprintf(c.Stderr, "%s: %s\n", c.Name, head)
	for _, pr := range ps {
		for _, s := range syntax {
			if errors.Is(pr, s) {
				pr.Rule = ""
				status = ExitUsage
			}
		}
		fmt.Fprint(c.Stderr, Wrap("  ", pr.Text(l), usageWidth))
	}
	return status
}

// EventStatus names a usage event's status: the metering service's own name
// in English ("Duplicate"), in words in Swedish.
func EventStatus(l rule.Language, st metering.EventStatus) string {
	if l != rule.Swedish {
		return st.String()
	}
	switch st {
	case metering.Accepted:
		return "accepterad"
	case metering.Expired:
		return "för gammal"
	case metering.Duplicate:
		return "dubblett"
	case metering.InvalidQuantity:
		return "ogiltigt antal"
	case metering.BadArgument:
		return "felaktigt argument"
	case metering.ResourceNotFound:
		return "okänd resurs"
	case metering.ResourceNotAuthorized:
		return "resurs utan behörighet"
	case metering.ResourceNotActive:
		return "resurs inte aktiv"
	case metering.InvalidDimension:
		return "okänd dimension"
	case metering.Error:
		return "tjänstefel"
	}
	return st.String()
}

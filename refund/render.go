package refund

import (
	"strconv"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// The explanations are built in one buffer, each sentence appended with
// its arguments as typed values (exArg) rather than boxed in interfaces
// and rendered to a string each: the text is what [rule.Message.Render]
// gives for the same arguments (golden tests hold it byte for byte), and
// a format the fast path does not know goes through
// [rule.Message.Render].

// explainer appends sentences in one language to a buffer.
type explainer struct {
	lang rule.Language
}

// argKind says which field of an exArg holds the argument, and how it is
// written.
type argKind uint8

const (
	argString argKind = iota // s
	argInt                   // n, digits grouped for the language
	argTime                  // t, as "2006-01-02 15:04:05 MST"
	argDate                  // t, as "2006-01-02"
	argMoney                 // m, in the language's currency format
	argDays                  // n days: "1 day", "3 dagar"
	argWindow                // w's length: "72 hours", "7 kalenderdagar"
	argClock                 // d as "71 h 59 min 59 s"
	argTerm                  // n years: "3-year", "3 år"
)

// exArg is one argument of an explanation's sentence.
type exArg struct {
	kind argKind
	n    int
	s    string
	t    time.Time
	m    currency.Money
	w    Window
	d    time.Duration
}

func str(s string) exArg                     { return exArg{kind: argString, s: s} }
func integer(n int) exArg                    { return exArg{kind: argInt, n: n} }
func instant(t time.Time) exArg              { return exArg{kind: argTime, t: t} }
func money(m currency.Money) exArg           { return exArg{kind: argMoney, m: m} }
func dayCount(n int) exArg                   { return exArg{kind: argDays, n: n} }
func (x explainer) swedish() bool            { return x.lang == rule.Swedish }
func (x explainer) locale() *currency.Locale { return &moneyLocales[b2i(x.swedish())] }

// moneyLocales are the currency formats of English and Swedish
// explanations, those rule.Message uses. Never written.
var moneyLocales = [2]currency.Locale{currency.MustParseLocale("en-US"), currency.MustParseLocale("sv-SE")}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

const timeLayout = "2006-01-02 15:04:05 MST"

// say appends message m with args to b, after a space unless b is
// empty.
func (x explainer) say(b []byte, m rule.Message, args ...exArg) []byte {
	if len(b) > 0 {
		b = append(b, ' ')
	}
	mark := len(b)
	if out, ok := x.appendFast(b, m.Format(x.lang), args); ok {
		return out
	}
	// A verb or an argument count the fast path does not know: the
	// message's own renderer (into a string of its own, so that the
	// buffer, often on the caller's stack, does not escape).
	boxed := make([]any, len(args))
	for i := range args {
		boxed[i] = args[i].value(x.lang)
	}
	return append(b[:mark], m.Render(x.lang, boxed...)...)
}

// value returns the argument as rule.Message.Render takes it.
func (a *exArg) value(lang rule.Language) any {
	switch a.kind {
	case argInt:
		return a.n
	case argTime:
		return a.t
	case argMoney:
		return a.m
	case argString:
		return a.s
	}
	x := explainer{lang: lang}
	return string(x.appendArg(nil, a))
}

// appendFast appends format with the verbs %v, %s and %d replaced by
// args in order, and %% by %, or reports false for anything else.
func (x explainer) appendFast(b []byte, format string, args []exArg) ([]byte, bool) {
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i++; i >= len(format) {
			return b, false
		}
		switch format[i] {
		case '%':
			b = append(b, '%')
		case 'v', 's', 'd':
			if next >= len(args) || (format[i] == 'd' && args[next].kind != argInt) {
				return b, false
			}
			b = x.appendArg(b, &args[next])
			next++
		default:
			return b, false
		}
	}
	return b, next == len(args)
}

// appendArg appends one argument as Render writes it.
func (x explainer) appendArg(b []byte, a *exArg) []byte {
	switch a.kind {
	case argString:
		return append(b, a.s...)
	case argInt:
		return x.appendInt(b, a.n)
	case argTime:
		return a.t.AppendFormat(b, timeLayout)
	case argDate:
		return a.t.AppendFormat(b, time.DateOnly)
	case argMoney:
		return x.locale().AppendFormat(b, a.m)
	case argDays:
		if x.swedish() {
			return appendPlural(b, a.n, "dag", "dagar")
		}
		return appendPlural(b, a.n, "day", "days")
	case argWindow:
		return x.appendWindow(b, a.w)
	case argClock:
		return appendClock(b, a.d)
	case argTerm:
		b = strconv.AppendInt(b, int64(a.n), 10)
		if x.swedish() {
			return append(b, " år"...)
		}
		return append(b, "-year"...)
	}
	return b
}

// appendInt appends n with its digits grouped as rule.Message renders
// %d: "10,000" in English, "10 000" (U+00A0) in Swedish, a Swedish minus
// being U+2212.
func (x explainer) appendInt(b []byte, n int) []byte {
	mag := uint64(n)
	if n < 0 {
		mag = uint64(-(int64(n) + 1)) + 1
		if x.swedish() {
			b = append(b, "\u2212"...)
		} else {
			b = append(b, '-')
		}
	}
	var d [20]byte
	digits := strconv.AppendUint(d[:0], mag, 10)
	sep := ","
	if x.swedish() {
		sep = "\u00a0"
	}
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b = append(b, digits[:first]...)
	for k := first; k < len(digits); k += 3 {
		b = append(b, sep...)
		b = append(b, digits[k:k+3]...)
	}
	return b
}

// appendWindow names a window's length: "72 hours", "14 days (336
// hours)", "7 kalenderdagar", or its clock for a window of no whole
// hours.
func (x explainer) appendWindow(b []byte, w Window) []byte {
	sv := x.swedish()
	const day = 24 * time.Hour
	switch {
	case w.IsCalendar() && sv:
		return appendPlural(b, int(w.Days()), "kalenderdag", "kalenderdagar")
	case w.IsCalendar():
		return appendPlural(b, int(w.Days()), "calendar day", "calendar days")
	case w.d > 72*time.Hour && w.d%day == 0 && sv:
		b = appendPlural(b, int(w.d/day), "dygn", "dygn")
		b = append(b, " ("...)
		b = appendPlural(b, int(w.d/time.Hour), "timme", "timmar")
		return append(b, ')')
	case w.d > 72*time.Hour && w.d%day == 0:
		b = appendPlural(b, int(w.d/day), "day", "days")
		b = append(b, " ("...)
		b = appendPlural(b, int(w.d/time.Hour), "hour", "hours")
		return append(b, ')')
	case w.d%time.Hour == 0 && sv:
		return appendPlural(b, int(w.d/time.Hour), "timme", "timmar")
	case w.d%time.Hour == 0:
		return appendPlural(b, int(w.d/time.Hour), "hour", "hours")
	}
	return appendClock(b, w.d)
}

// appendPlural appends "1 day" or "n days".
func appendPlural(b []byte, n int, one, many string) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ' ')
	if n == 1 {
		return append(b, one...)
	}
	return append(b, many...)
}

// appendClock writes a duration as hours, minutes and seconds: "71 h 59
// min 59 s" (the same in both languages), dropping fractions of a second.
func appendClock(b []byte, d time.Duration) []byte {
	if d < 0 {
		d = 0
	}
	s := int64(d / time.Second)
	b = strconv.AppendInt(b, s/3600, 10)
	b = append(b, " h "...)
	b = append2(b, s/60%60)
	b = append(b, " min "...)
	b = append2(b, s%60)
	return append(b, " s"...)
}

func append2(b []byte, v int64) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }

package refund

import (
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"math"
	"strconv"
	"strings"
	"time"
)

// Window is the length of a refund or cancellation window: either an
// exact duration ("72 hours", counted to the nanosecond from the instant
// that opens it, in no time zone) or a number of calendar days ("7
// calendar days", counted in the buyer's time zone, the day that opens it
// being day 1). See the package documentation, "Windows and time zones".
//
// Window is a small comparable value, never negative. The zero Window is
// no window at all: a charge with a zero window is never refundable.
// Build windows with [Hours], [Exactly] and [CalendarDays], or parse them
// with [ParseWindow]; each refuses a negative or out-of-range length.
// In text and JSON a window is an ISO 8601 duration: "PT72H" for an exact
// duration, "P7D" for calendar days, "PT0S" for the zero Window.
type Window struct {
	d    time.Duration // exact length; meaningful when days == 0
	days int32         // calendar days; non-zero for a calendar window
}

var (
	msgWindowNegative = "a window cannot be negative"
	msgWindowRange    = "out of range"
)

// Hours returns an exact window of n hours: Hours(72) is the marketplace's
// 72-hour window. A negative n, or one beyond the range of
// [time.Duration] (about 2,562,047 hours), is an error wrapping
// [ErrWindow].
func Hours(n int) (Window, error) {
	switch {
	case n < 0:
		return Window{}, windowError(strconv.Itoa(n)+" hours", msgWindowNegative)
	case int64(n) > math.MaxInt64/int64(time.Hour):
		return Window{}, windowError(strconv.Itoa(n)+" hours", msgWindowRange)
	}
	return hours(n), nil
}

// hours is Hours for a count known to be in range.
func hours(n int) Window { return Window{d: time.Duration(n) * time.Hour} }

// Exactly returns an exact window of duration d. A negative d is an
// error wrapping [ErrWindow].
func Exactly(d time.Duration) (Window, error) {
	if d < 0 {
		return Window{}, windowError(d.String(), msgWindowNegative)
	}
	return Window{d: d}, nil
}

// CalendarDays returns a window of n calendar days in the buyer's time
// zone: CalendarDays(7) ends at the first midnight after the 7th day,
// counting the day that opens it as day 1. A negative n, or one of 2^31
// or more, is an error wrapping [ErrWindow].
func CalendarDays(n calendar.Days) (Window, error) {
	switch {
	case n < 0:
		return Window{}, windowError(n.String()+" calendar days", msgWindowNegative)
	case n > math.MaxInt32:
		return Window{}, windowError(n.String()+" calendar days", msgWindowRange)
	}
	return calendarDays(n), nil
}

// calendarDays is CalendarDays for a count known to be in range.
func calendarDays(n calendar.Days) Window { return Window{days: int32(n)} }

func windowError(what, why string) error {
	return fmt.Errorf("refund: %w %s: %s", ErrWindow, what, why)
}

// IsZero reports whether w is the zero Window (no window).
func (w Window) IsZero() bool { return w == Window{} }

// IsCalendar reports whether w counts calendar days.
func (w Window) IsCalendar() bool { return w.days != 0 }

// Days returns the number of calendar days of a calendar window, or 0 for
// an exact window.
func (w Window) Days() calendar.Days { return calendar.Days(w.days) }

// Duration returns the length of an exact window, or 0 for a calendar
// window.
func (w Window) Duration() time.Duration {
	if w.days != 0 {
		return 0
	}
	return w.d
}

// Equal reports whether w and o are the same window; it is w == o,
// provided so that go-cmp compares windows without options.
func (w Window) Equal(o Window) bool { return w == o }

// String returns the ISO 8601 form that MarshalText writes: "PT72H",
// "PT1H30M", "PT0.5S", "P7D", "PT0S".
func (w Window) String() string { return string(w.appendText(make([]byte, 0, 24))) }

// MarshalText implements [encoding.TextMarshaler] with the form of
// [Window.String]. It never fails: no Window is negative.
func (w Window) MarshalText() ([]byte, error) {
	return w.appendText(nil), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseWindow].
func (w *Window) UnmarshalText(b []byte) error {
	v, err := ParseWindow(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

func (w Window) appendText(b []byte) []byte {
	if w.days != 0 {
		b = append(b, 'P')
		b = strconv.AppendInt(b, int64(w.days), 10)
		return append(b, 'D')
	}
	u := uint64(w.d)
	b = append(b, "PT"...)
	if u == 0 {
		return append(b, "0S"...)
	}
	const ns, hour, minute = uint64(time.Second), uint64(time.Hour), uint64(time.Minute)
	if h := u / hour; h > 0 {
		b = strconv.AppendUint(b, h, 10)
		b = append(b, 'H')
		u %= hour
	}
	if m := u / minute; m > 0 {
		b = strconv.AppendUint(b, m, 10)
		b = append(b, 'M')
		u %= minute
	}
	if u > 0 {
		b = strconv.AppendUint(b, u/ns, 10)
		if f := u % ns; f > 0 {
			frac := strconv.AppendUint(nil, f+ns, 10)[1:] // 9 digits, leading zeros kept
			b = append(b, '.')
			b = append(b, strings.TrimRight(string(frac), "0")...)
		}
		b = append(b, 'S')
	}
	return b
}

// ParseWindow parses the ISO 8601 text of a window, ignoring case: "P7D"
// (calendar days), or "PT" followed by hours, minutes and seconds in that
// order, each optional but at least one present, the seconds with up to
// nine decimal places ("PT72H", "PT1H30M", "PT0.5S"). "PT0S" and "P0D"
// give the zero Window. Negative, mixed ("P1DT2H") and out-of-range
// windows are errors wrapping [ErrWindow].
func ParseWindow(s string) (Window, error) {
	bad := func(why string) (Window, error) {
		in := s
		if len(in) > 40 {
			in = in[:40] + "…"
		}
		return Window{}, fmt.Errorf("refund: %w %q: %s; a window is an ISO 8601 duration such as PT72H or P7D", ErrWindow, in, why)
	}
	u := strings.ToUpper(s)
	if !strings.HasPrefix(u, "P") {
		return bad("does not start with P")
	}
	u = u[1:]
	if !strings.HasPrefix(u, "T") {
		if strings.Contains(u, "T") {
			return bad("calendar days and hours cannot be mixed")
		}
		n, ok := strings.CutSuffix(u, "D")
		if !ok || n == "" {
			return bad("not a number of days followed by D")
		}
		v, err := strconv.ParseUint(n, 10, 31)
		if err != nil || n[0] == '+' {
			return bad("the days must be a whole number below 2^31")
		}
		return Window{days: int32(v)}, nil
	}
	u = u[1:]
	if u == "" {
		return bad("no hours, minutes or seconds after T")
	}
	var total uint64
	const maxNs = uint64(math.MaxInt64)
	for _, unit := range [...]struct {
		c  byte
		ns uint64
	}{{'H', uint64(time.Hour)}, {'M', uint64(time.Minute)}, {'S', uint64(time.Second)}} {
		i := strings.IndexByte(u, unit.c)
		if i < 0 {
			continue
		}
		num := u[:i]
		u = u[i+1:]
		var whole, frac uint64
		if unit.c == 'S' {
			if w, f, ok := strings.Cut(num, "."); ok {
				if f == "" || len(f) > 9 || !digits(f) {
					return bad("the seconds may have 1 to 9 decimal places")
				}
				num = w
				v, _ := strconv.ParseUint(f, 10, 64)
				for range 9 - len(f) {
					v *= 10
				}
				frac = v
			}
		}
		if num == "" || !digits(num) {
			return bad("no whole number before " + string(unit.c))
		}
		w, err := strconv.ParseUint(num, 10, 64)
		if err != nil || w > maxNs/unit.ns {
			return bad("out of range")
		}
		whole = w * unit.ns
		if total > maxNs-whole || total+whole > maxNs-frac {
			return bad("out of range")
		}
		total += whole + frac
	}
	if u != "" {
		return bad("unexpected " + strconv.Quote(u))
	}
	return Window{d: time.Duration(total)}, nil
}

// MustParseWindow is like [ParseWindow] but panics on error. It is meant
// for constants in tests and examples.
func MustParseWindow(s string) Window {
	w, err := ParseWindow(s)
	if err != nil {
		panic(err)
	}
	return w
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

package marketrulestest

import (
	"errors"
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/rule"
)

// CmpOptions returns the go-cmp options that diff the library's values as
// a host's test wants them compared, followed by extra:
//
//   - [EquateInstants]: a time.Time by its instant, whatever its location;
//   - [EquateProblems]: a rule.Problem by its rule and path only;
//   - [IgnoreExplanations]: no message text (rule.Message) or message
//     arguments;
//   - cmpopts.EquateEmpty: a nil slice or map equals an empty one, as the
//     library treats them (an Audience's IDs, a plan's Meters);
//   - a *time.Location by its name, nil being UTC (the library's "nil
//     means UTC"); a currency.Locale by its tag; a calendar.Calendar by its
//     anchor; an error (a field of static type error) by errors.Is in
//     either direction, so that a sentinel matches an error wrapping it.
//
// currency.Money, currency.Rate, market.Set, metering.Quantity,
// refund.Window and trial.Effects need no option: their Equal methods,
// which go-cmp calls, compare them. The state holders payout.Ledger,
// payout.Reader, payout.Writer and metering.KeySet are not values and are
// not compared.
func CmpOptions(extra ...cmp.Option) cmp.Options {
	return append(cmp.Options{
		EquateInstants(),
		EquateProblems(),
		IgnoreExplanations(),
		cmpopts.EquateEmpty(),
		cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() }),
		cmp.Comparer(func(a, b currency.Locale) bool { return a.String() == b.String() }),
		cmp.Comparer(func(a, b calendar.Calendar) bool { return a.Anchor().Equal(b.Anchor()) }),
		cmp.FilterPath(func(p cmp.Path) bool { return p.Last().Type() == errorType },
			cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) || errors.Is(b, a) })),
	}, extra...)
}

var errorType = reflect.TypeFor[error]()

// EquateInstants compares time.Time values by the instant they name
// (time.Time.Equal): 10:00 UTC equals 11:00 CET, and the monotonic clock
// reading and the location are ignored.
func EquateInstants() cmp.Option {
	return cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
}

// EquateProblems compares rule.Problem values by Rule and Path only,
// ignoring the Message, its Args and the sentinel Err: what a validation
// found and where, not how it is worded. A diff of two rule.Problems lists
// compares them element by element, in order.
func EquateProblems() cmp.Option {
	return cmp.Comparer(func(a, b rule.Problem) bool { return a.Rule == b.Rule && a.Path == b.Path })
}

// IgnoreExplanations ignores what only serves to explain a value in words:
// every field of type rule.Message, and the message arguments of
// rule.Problem and offer.Requirement (Args). Decisions are then compared by
// their outcome, rule, reason and figures. To compare a decision by a few
// fields only, use [OnlyFields].
func IgnoreExplanations() cmp.Option {
	return cmp.Options{
		cmpopts.IgnoreTypes(rule.Message{}),
		cmpopts.IgnoreFields(rule.Problem{}, "Args"),
		cmpopts.IgnoreFields(offer.Requirement{}, "Args"),
	}
}

// OnlyFields returns an option that compares values of the struct type of
// typ (a value such as refund.Decision{}) by the named fields only, ignoring
// all others: OnlyFields(t, refund.Decision{}, "Allowed", "Rule", "Reason",
// "Refund") asserts a decision's outcome and amount without its window
// figures. A typ that is not a struct, or a name that is not one of its
// fields, fails the test with tb.Fatalf.
func OnlyFields(tb testing.TB, typ any, names ...string) cmp.Option {
	tb.Helper()
	o, err := NewOnlyFields(typ, names...)
	return must(tb, "OnlyFields", o, err)
}

// NewOnlyFields is [OnlyFields] outside a test: a typ that is not a
// struct, or a name that is not one of its fields, is an error.
func NewOnlyFields(typ any, names ...string) (cmp.Option, error) {
	t := reflect.TypeOf(typ)
	if t == nil || t.Kind() != reflect.Struct {
		return cmp.Options{}, fmt.Errorf("%T is not a struct type", typ)
	}
	keep := make(map[string]bool, len(names))
	for _, n := range names {
		if _, ok := t.FieldByName(n); !ok {
			return cmp.Options{}, fmt.Errorf("%v has no field %s", t, n)
		}
		keep[n] = true
	}
	return cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && len(p) >= 2 && p.Index(-2).Type() == t && !keep[sf.Name()]
	}, cmp.Ignore()), nil
}

// ProblemKey is what a test asserts about a validation problem: the rule
// it cites and the path where it was found, without the message text.
type ProblemKey struct {
	Rule rule.ID `json:"rule,omitempty"`
	Path string  `json:"path"`
}

// String returns "PLN-01 plans[0].id", or "(no rule) id" for a problem
// that cites no rule.
func (k ProblemKey) String() string {
	r := string(k.Rule)
	if r == "" {
		r = "(no rule)"
	}
	return r + " " + k.Path
}

// ProblemsOf returns the rule and path of every problem of err, in order:
// the problems of a rule.Problems (or of a single rule.Problem) that err is
// or wraps. It returns nil for a nil error and for an error without
// problems.
func ProblemsOf(err error) []ProblemKey {
	var ps rule.Problems
	if errors.As(err, &ps) {
		keys := make([]ProblemKey, len(ps))
		for i, p := range ps {
			keys[i] = ProblemKey{Rule: p.Rule, Path: p.Path}
		}
		return keys
	}
	var p rule.Problem
	if errors.As(err, &p) {
		return []ProblemKey{{Rule: p.Rule, Path: p.Path}}
	}
	return nil
}

// AssertProblems checks that err reports exactly the problems want, by
// rule and path, in order (see [ProblemsOf]); with no want, that err is
// nil. On a mismatch it reports both lists and err's text with tb.Errorf,
// and the test goes on; it returns whether err matched.
func AssertProblems(tb testing.TB, err error, want ...ProblemKey) bool {
	tb.Helper()
	got := ProblemsOf(err)
	switch {
	case err != nil && got == nil:
		tb.Errorf("got error %q, which reports no rule.Problems; want problems:%s", err, keyList(want))
		return false
	case slices.Equal(got, want):
		return true
	}
	tb.Errorf("problems differ\ngot:%s\nwant:%s\nerror: %v", keyList(got), keyList(want), err)
	return false
}

func keyList(ks []ProblemKey) string {
	if len(ks) == 0 {
		return " none"
	}
	var b strings.Builder
	for _, k := range ks {
		fmt.Fprintf(&b, "\n\t%s", k)
	}
	return b.String()
}

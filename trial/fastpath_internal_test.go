package trial

import (
	"math"
	"reflect"
	"testing"
	"time"
	"unsafe"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// eventOK, the fast path of check, holds exactly when problems finds
// none, for every combination of the fields each check reads.
func TestEventOKMatchesProblems(t *testing.T) {
	jan1 := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	seconds := time.FixedZone("", 3600+30)
	valid := &plan.Plan{ID: "basic", Trial: plan.Trial{Months: 1}}
	policies := []Policy{defaults(), DefaultPolicy(), {SaaSMonths: []int{0}}, {VMMonths: []int{MaxTrialMonths + 1}}, {Switch: 9}}
	states := []State{{}, {Last: jan1.Add(time.Hour)}}
	ats := []time.Time{{}, jan1, jan1.In(seconds), minInstant.Add(-time.Nanosecond), maxInstant, maxInstant.Add(time.Nanosecond)}
	plans := []*plan.Plan{nil, valid, {ID: "Not valid"}}
	offers := []Offering{{}, {Type: offer.SaaS, SellThroughMicrosoft: true}, {Type: 200}}
	markets := []market.Code{0, market.SE, market.CN, 250}
	n := 0
	for _, p := range policies {
		for _, s := range states {
			for typ := range EventType(Purchase + 2) {
				for _, at := range ats {
					for _, pl := range plans {
						for _, o := range offers {
							for _, m := range markets {
								e := Event{Type: typ, At: at, Plan: pl, Offer: o, Market: m}
								ok, err := p.eventOK(&s, &e), p.problems(&s, &e)
								if ok != (err == nil) {
									t.Errorf("%+v, %+v: eventOK %v, problems %v", p, e, ok, err)
								}
								if ok {
									n++
								}
							}
						}
					}
				}
			}
		}
	}
	if n == 0 {
		t.Error("no valid event among the combinations")
	}
}

// begin sets every field of a transition, as the composite literal it
// stands for would.
func TestBeginSetsEveryField(t *testing.T) {
	full := Transition{Allowed: true, Rule: rule.TRL01, Reason: ReasonSamePlan, Event: Tick, At: time.Unix(1, 0),
		Plan: "p", Offer: Offering{Type: offer.SaaS}, State: State{Plan: "q"}, Effects: Effects{kind: tAtEnd},
		End: time.Unix(2, 0), Months: 3, Lengths: []int{1}}
	if v := reflect.ValueOf(full); v.NumField() != 12 {
		t.Fatalf("Transition has %d fields: set the new ones in begin and here", v.NumField())
	}
	s := State{Phase: InTrial, Plan: "basic"}
	e := Event{Type: Switch, At: time.Unix(5, 0), Plan: &plan.Plan{ID: "premium"}, Offer: Offering{Type: offer.SaaS}}
	full.begin(&s, &e)
	want := Transition{Event: Switch, At: e.At, State: s, Plan: "premium", Offer: e.Offer}
	if !reflect.DeepEqual(full, want) {
		t.Errorf("begin = %+v, want %+v", full, want)
	}
}

// monthsArg is monthsText, for every length.
func TestMonthsArg(t *testing.T) {
	for _, lang := range []rule.Language{rule.English, rule.Swedish, 9} {
		for n := -2; n <= MaxTrialMonths+1; n++ {
			if got, want := monthsArg(lang, n), monthsText(lang, n); got != want {
				t.Errorf("monthsArg(%v, %d) = %q, want %q", lang, n, got, want)
			}
		}
	}
}

// A boxCache boxes each value once while it has room, and boxes the
// others every time.
func TestBoxCache(t *testing.T) {
	var c boxCache[string]
	for _, s := range []string{"a", "b", "a", "c", "b", "c"} {
		if got := c.box(s); got != s {
			t.Errorf("box(%q) = %v", s, got)
		}
	}
	if c[0].v != "a" || c[1].v != "b" {
		t.Errorf("cache holds %q, %q; want the first two", c[0].v, c[1].v)
	}
}

// offerTypes covers every offer.Type: the type is one byte.
func TestOfferTypesCoverTheType(t *testing.T) {
	if n := unsafe.Sizeof(offer.Type(0)); n != 1 {
		t.Fatalf("offer.Type has %d bytes: offerTypes covers one", n)
	}
	for _, ty := range []offer.Type{0, offer.SaaS, offer.VirtualMachine, math.MaxUint8} {
		if got := offerTypes[ty]; got.valid != ty.Valid() || got.trials != ty.HasPlanTrials() {
			t.Errorf("offerTypes[%d] = %+v", ty, got)
		}
	}
}

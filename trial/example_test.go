package trial_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
	"github.com/marketrules/marketrules/trial"
)

// The plans of the examples: a SaaS offer sold through Microsoft with two
// trial-enabled plans and one without a trial.
var (
	planA = &plan.Plan{ID: "plan-a", Trial: plan.Trial{Months: 1}, Pricing: plan.Pricing{Model: plan.FlatRate}}
	planB = &plan.Plan{ID: "plan-b", Trial: plan.Trial{Months: 1}, Pricing: plan.Pricing{Model: plan.FlatRate}}
	planC = &plan.Plan{ID: "plan-c", Pricing: plan.Pricing{Model: plan.FlatRate}} // no trial
	// saasOffering is a SaaS offer sold through Microsoft.
	saasOffering = trial.Offering{Type: offer.SaaS, SellThroughMicrosoft: true}
	// shop applies events to the SaaS offer, for the examples of State
	// and Effects: Policy.Apply, its events given the offer, with a
	// refusal as an error.
	shop = machine{Policy: trial.DefaultPolicy(), Offer: saasOffering}
)

func ExampleDefaultPolicy() {
	p := trial.DefaultPolicy()
	fmt.Println(p.SaaSMonths, p.VMMonths, p.Switch, p.Validate())
	// Output: [1] [1 3 6] new-plan-length <nil>
}

func ExamplePolicy_Validate() {
	p := trial.DefaultPolicy()
	p.VMMonths = []int{1, 3, 1 << 40}
	fmt.Println(p.Validate())
	// Output: policy.vmMonths[2]: a trial length must be 1 to 120 months, not 1,099,511,627,776 (TRL-02)
}

// A refusal is a decision, not an error: a trial-enabled plan cannot
// convert before the trial ends (TRL-08).
func ExamplePolicy_Apply() {
	var p trial.Policy // the zero Policy is DefaultPolicy()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	t, err := p.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE, Offer: saasOffering})
	if err != nil {
		panic(err)
	}
	fmt.Println(t)

	t, err = p.Apply(t.State, trial.Event{Type: trial.Convert, At: start.AddDate(0, 0, 3), Plan: planA})
	fmt.Println(t.Allowed, t.Rule, t.Reason, t.State.Phase, err)
	fmt.Println(t.Explain(rule.Swedish))
	// Output:
	// TRL-03 trial-started: start at 2024-01-01T00:00:00Z allowed, phase trial
	// false TRL-08 trial-plan-before-end trial <nil>
	// planen plan-a är i sin kostnadsfria utvärderingsversion och kan inte konverteras till en betald prenumeration innan utvärderingsperioden upphör 2024-02-01 00:00:00 UTC (TRL-08)
}

func ExamplePolicy_Replay() {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	events := []trial.Event{
		{Type: trial.Start, At: t0, Plan: planA, Market: market.SE, Offer: saasOffering},
		{Type: trial.Switch, At: t0.AddDate(0, 0, 15), Plan: planB, Offer: saasOffering},
		{Type: trial.Tick, At: t0.AddDate(0, 2, 0)},
	}
	t, n, err := trial.DefaultPolicy().Replay(trial.State{}, slices.Values(events))
	fmt.Println(n, t.Allowed, t.State.Phase, t.State.Plan, t.State.PaidAt.Format(time.DateOnly), err)
	// Output: 3 true paid plan-b 2024-02-01 <nil>
}

func ExamplePolicy_CheckEligibility() {
	vms := trial.Offering{Type: offer.VirtualMachine, SellThroughMicrosoft: true}
	twoMonths := &plan.Plan{ID: "d2", Trial: plan.Trial{Months: 2}, Pricing: plan.Pricing{Model: plan.PerVCPU}}
	e, err := trial.DefaultPolicy().CheckEligibility(vms, twoMonths, trial.History{})
	fmt.Println(e.Allowed, e.Rule, e.Reason, err)
	fmt.Println(e.Explain(rule.English))
	fmt.Println(e)
	// Output:
	// false TRL-02 length-not-allowed <nil>
	// plan d2 declares a free trial of 2 months, but trials of Azure virtual machine offers last 1, 3 or 6 months (TRL-02)
	// TRL-02 length-not-allowed: plan d2 not allowed
}

func ExampleTransition_Explain() {
	p := trial.DefaultPolicy()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	t, _ := p.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE, Offer: saasOffering})
	t, _ = p.Apply(t.State, trial.Event{Type: trial.Cancel, At: start.Add(36 * time.Hour)})
	fmt.Println(t.Explain(rule.English))
	t, _ = p.Apply(t.State, trial.Event{Type: trial.Tick, At: start.AddDate(0, 1, 0)})
	fmt.Println(t.Explain(rule.English))
	// Output:
	// End the free trial of plan plan-a at 2024-01-02 12:00:00 UTC: cancelled before its end, it does not convert and nothing is charged. (TRL-04)
	// Tell the customer: the free trial was cancelled at 2024-01-02 12:00:00 UTC; nothing is charged, and it cannot be restarted. (EXT-12)
	// tick at 2024-02-01 00:00:00 UTC: nothing changes (phase cancelled) (TRL-04)
}

func ExampleTransition_String() {
	t, _ := trial.DefaultPolicy().Apply(trial.State{}, trial.Event{Type: trial.Cancel, At: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	fmt.Println(t)
	// Output: TRL-11 not-in-trial: cancel at 2024-01-01T00:00:00Z refused
}

// A customer starts a one-month trial on January 31; it ends on the last
// day of February at the same clock time and converts. (Amounts render
// in CLDR's format, with a no-break space: "SEK 0.00".)
func Example() {
	start := time.Date(2024, 1, 31, 10, 0, 0, 0, time.UTC)
	s, fx, err := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	if err != nil {
		panic(err)
	}
	fmt.Print(fx.Explain(rule.English))
	fmt.Println("in trial on Feb 15:", s.IsFreeTrial(time.Date(2024, 2, 15, 0, 0, 0, 0, time.UTC)))

	// The host's scheduler ticks at the end.
	s, fx, err = shop.Apply(s, trial.Event{Type: trial.Tick, At: s.End})
	if err != nil {
		panic(err)
	}
	fmt.Print(fx.Explain(rule.English))
	fmt.Println(s.Phase, s.Plan, s.PaidAt.Format(time.DateOnly))
	// Output:
	// Collect the customer's billing details and charge SEK 0.00 at 2024-01-31 10:00:00 UTC: nothing is billed during the free trial. (TRL-03)
	// Start the free trial of plan plan-a at 2024-01-31 10:00:00 UTC; it lasts 1 month and ends at 2024-02-29 10:00:00 UTC. (TRL-02)
	// Tell the customer: the free trial of plan plan-a ends at 2024-02-29 10:00:00 UTC and then converts to a paid subscription automatically, unless cancelled before. (TRL-04)
	// in trial on Feb 15: true
	// End the free trial of plan plan-a at 2024-02-29 10:00:00 UTC, its end: it converts to a paid subscription automatically. (TRL-04)
	// Start billing plan plan-a at 2024-02-29 10:00:00 UTC, the plan under evaluation when the trial ended; the contract term starts at the same instant. (TRL-05)
	// Tell the customer: the free trial ended at 2024-02-29 10:00:00 UTC and plan plan-a is now a paid subscription. (TRL-07)
	// paid plan-a 2024-02-29
}

// TRL-06, as "Create plans for a SaaS offer" tells it: 15 days on plan
// A, then a switch to plan B, whose trial has 15 days used; B is under evaluation at the end, so B
// converts.
func Example_switchKeepsTheClock() {
	day1 := time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)
	s, _, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: day1, Plan: planA, Market: market.SE})

	s, fx, err := shop.Apply(s, trial.Event{Type: trial.Switch, At: day1.AddDate(0, 0, 15), Plan: planB})
	if err != nil {
		panic(err)
	}
	sw, _ := fx.Find(trial.SwitchTrial)
	fmt.Println(sw.Explain(rule.Swedish))
	fmt.Println("used:", sw.Used, "left:", s.End.Sub(sw.At))

	s, fx, _ = shop.Apply(s, trial.Event{Type: trial.Tick, At: s.End})
	bill, _ := fx.Find(trial.StartBilling)
	fmt.Println(bill.Explain(rule.English))
	// Output:
	// Byt den kostnadsfria utvärderingsversionen från planen plan-a till planen plan-b 2024-04-16 09:00:00 UTC utan att starta om den: 15 dagar har redan använts; den slutar 2024-05-01 09:00:00 UTC. (TRL-06)
	// used: 360h0m0s left: 360h0m0s
	// Start billing plan plan-b at 2024-05-01 09:00:00 UTC, the plan under evaluation when the trial ended; the contract term starts at the same instant. (TRL-05)
}

// A customer who has paid for a plan of the offer once never gets a
// trial of it again, even of another trial-enabled plan (TRL-10).
func Example_paidCustomerGetsNoTrial() {
	jan := time.Date(2024, 1, 10, 12, 0, 0, 0, time.UTC)
	s, _, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Purchase, At: jan, Plan: planC})

	e, _ := shop.Eligible(planB, s.History())
	fmt.Println(e.Allowed, e.Explain(rule.English))

	_, _, err := shop.Apply(s, trial.Event{Type: trial.Start, At: jan.AddDate(1, 0, 0), Plan: planB, Market: market.SE})
	fmt.Println(errors.Is(err, errNotEligible))
	// Output:
	// false the customer has paid for a plan of this offer, so never gets a free trial of it again (TRL-10)
	// true
}

// Converting during the trial to a plan without a trial converts at
// once; the trial ends and its data is lost (TRL-09).
func Example_convertToPlanWithoutTrial() {
	start := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	s, _, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	s, fx, err := shop.Apply(s, trial.Event{Type: trial.Convert, At: start.AddDate(0, 0, 5), Plan: planC})
	if err != nil {
		panic(err)
	}
	for e := range fx.All() {
		fmt.Println(e.Type, e.Plan, e.Rule)
	}
	fmt.Println(s.Phase, s.PaidVia, s.IsFreeTrial(s.PaidAt))
	// Output:
	// end-trial plan-a TRL-09
	// delete-trial-data plan-a TRL-09
	// start-billing plan-c TRL-09
	// notify plan-c TRL-09
	// paid early false
}

func ExampleState_IsFreeTrial() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s, _, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	fmt.Println(s.IsFreeTrial(start), s.IsFreeTrial(s.End.Add(-time.Second)), s.IsFreeTrial(s.End))
	// Output: true true false
}

func ExampleState_TrialPeriod() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s, _, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	s, _, _ = shop.Apply(s, trial.Event{Type: trial.Cancel, At: start.AddDate(0, 0, 9)})
	fmt.Println(s.TrialPeriod())
	// Output: [2024-01-01T00:00:00Z, 2024-01-10T00:00:00Z)
}

func ExampleState_ConversionDue() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s, _, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	now := time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)
	if s.ConversionDue(now) {
		s, _, _ = shop.Apply(s, trial.Event{Type: trial.Tick, At: now})
	}
	fmt.Println(s.Phase, s.PaidAt.Format(time.DateOnly))
	// Output: paid 2024-02-01
}

func ExampleState_History() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s, _, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	s, _, _ = shop.Apply(s, trial.Event{Type: trial.Cancel, At: start.AddDate(0, 0, 2)})
	fmt.Printf("%+v\n", s.History())
	e, _ := shop.Eligible(planB, s.History())
	fmt.Println(e.Explain(rule.English))
	// Output:
	// {Paid:false Started:true Cancelled:true Converted:false}
	// the customer cancelled the free trial of this offer, and a cancelled trial cannot be restarted (EXT-12)
}

// After decoding a state in a zone other than UTC, attach the location
// so that its calendar counts there.
func ExampleState_In() {
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	start := time.Date(2024, 3, 15, 10, 0, 0, 0, stockholm)
	s, _, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	b, _ := json.Marshal(s)

	var decoded trial.State
	if err := json.Unmarshal(b, &decoded); err != nil {
		panic(err)
	}
	loc, err := time.LoadLocation(decoded.Zone)
	if err != nil {
		panic(err)
	}
	decoded = decoded.In(loc)
	fmt.Println(decoded.Zone, decoded.End, decoded.End.Equal(s.End), decoded.End.Location().String())
	// Output: Europe/Stockholm 2024-04-15 10:00:00 +0200 CEST true Europe/Stockholm
}

func ExampleState_Validate() {
	s := trial.State{Phase: trial.InTrial, Plan: "plan-a", Last: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	var ps rule.Problems
	if errors.As(s.Validate(), &ps) {
		for _, p := range ps {
			fmt.Println(p.Error())
		}
	}
	// Output:
	// start: is required in phase trial
}

func ExampleState_UnmarshalJSON() {
	var s trial.State
	err := json.Unmarshal([]byte(`{"phase":"trial","plan":"plan-a","market":"SE","months":1,`+
		`"start":"2024-01-31T10:00:00Z","end":"2024-03-02T10:00:00Z","zone":"UTC","last":"2024-01-31T10:00:00Z"}`), &s)
	fmt.Println(err)
	fmt.Println(errors.Is(err, trial.ErrInvalidState))
	// Output:
	// end: is 2024-03-02 10:00:00 UTC, but a 1-month trial from 2024-01-31 10:00:00 UTC ends at 2024-02-29 10:00:00 UTC (TRL-02)
	// true
}

func ExampleEligibility_Explain() {
	e, _ := shop.Eligible(planA, trial.History{})
	fmt.Println(e.Explain(rule.English))
	fmt.Println(e.Explain(rule.Swedish))
	// Output:
	// plan plan-a may start a free trial of 1 month (TRL-01)
	// planen plan-a kan starta en kostnadsfri utvärderingsversion på 1 månad (TRL-01)
}

func ExampleEligibility_UnmarshalJSON() {
	var e trial.Eligibility
	err := json.Unmarshal([]byte(`{"allowed":false,"rule":"EXT-04","reason":"metered-plan","offer":{"type":"saas","sellThroughMicrosoft":true},"plan":"metered","months":1}`), &e)
	fmt.Println(err, e.Explain(rule.English))
	// Output: <nil> plan metered bills metering dimensions, and a plan cannot have both metered billing and a free trial (EXT-04)
}

func ExampleEffect_Explain() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	_, fx, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	e, _ := fx.Find(trial.CollectBilling)
	fmt.Println(e.Explain(rule.Swedish))
	// Output: Samla in kundens faktureringsinformation och debitera 0,00 kr 2024-01-01 00:00:00 UTC: inget faktureras under den kostnadsfria utvärderingsperioden. (TRL-03)
}

func ExampleEffect_MarshalJSON() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	_, fx, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	b, _ := json.Marshal(fx.At(0))
	fmt.Println(string(b))
	// Output: {"type":"collect-billing","rule":"TRL-03","reason":"trial-started","at":"2024-01-01T00:00:00Z","plan":"plan-a","amount":{"amount":"0.00","currency":"SEK"}}
}

func ExampleEffect_UnmarshalJSON() {
	var e trial.Effect
	err := json.Unmarshal([]byte(`{"type":"delete-trial-data","rule":"TRL-09","reason":"converted-early","at":"2024-01-06T08:00:00Z","plan":"plan-a"}`), &e)
	fmt.Println(err, e.Type, e.Plan)
	// Output: <nil> delete-trial-data plan-a
}

func effectsOfStart() trial.Effects {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	_, fx, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	return fx
}

func ExampleEffects_Len() {
	fmt.Println(effectsOfStart().Len(), trial.Effects{}.Len())
	// Output: 3 0
}

func ExampleEffects_At() {
	fx := effectsOfStart()
	fmt.Println(fx.At(1).Type, fx.At(1).Until.Format(time.DateOnly), fx.At(7).Type.Valid())
	// Output: start-trial 2024-02-01 false
}

func ExampleEffects_All() {
	for e := range effectsOfStart().All() {
		fmt.Println(e.Type, e.Rule)
	}
	// Output:
	// collect-billing TRL-03
	// start-trial TRL-02
	// notify TRL-04
}

func ExampleEffects_Find() {
	fx := effectsOfStart()
	_, billed := fx.Find(trial.StartBilling)
	charge, _ := fx.Find(trial.CollectBilling)
	fmt.Println(billed, charge.Amount)
	// Output: false 0.00 SEK
}

func ExampleEffects_Equal() {
	fmt.Println(effectsOfStart().Equal(effectsOfStart()), effectsOfStart().Equal(trial.Effects{}))
	// Output: true false
}

func ExampleEffects_Append() {
	buf := make([]trial.Effect, 0, trial.MaxEffects)
	buf = effectsOfStart().Append(buf)
	fmt.Println(len(buf), buf[2].Type)
	// Output: 3 notify
}

func ExampleEffects_Explain() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s, _, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	_, fx, _ := shop.Apply(s, trial.Event{Type: trial.Cancel, At: start.Add(36 * time.Hour)})
	fmt.Print(fx.Explain(rule.Swedish))
	// Output:
	// Avsluta den kostnadsfria utvärderingsversionen av planen plan-a 2024-01-02 12:00:00 UTC: den avbröts före slutet, konverteras inte och inget debiteras. (TRL-04)
	// Meddela kunden: den kostnadsfria utvärderingsversionen avbröts 2024-01-02 12:00:00 UTC; inget debiteras, och den kan inte startas om. (EXT-12)
}

func ExampleEffects_MarshalJSON() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s, _, _ := shop.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: planA, Market: market.SE})
	_, fx, _ := shop.Apply(s, trial.Event{Type: trial.Cancel, At: start.Add(36 * time.Hour)})
	b, _ := json.Marshal(fx)
	fmt.Println(string(b))
	// Output: [{"type":"end-trial","rule":"TRL-04","reason":"trial-cancelled","at":"2024-01-02T12:00:00Z","plan":"plan-a"},{"type":"notify","rule":"EXT-12","reason":"trial-cancelled","at":"2024-01-02T12:00:00Z","plan":"plan-a"}]
}

func ExampleEffects_UnmarshalJSON() {
	b, _ := json.Marshal(effectsOfStart())
	var fx trial.Effects
	err := json.Unmarshal(b, &fx)
	fmt.Println(err, fx.Equal(effectsOfStart()))

	// Effects that no transition produces are rejected.
	err = json.Unmarshal([]byte(`[{"type":"notify","rule":"EXT-12","reason":"trial-cancelled","at":"2024-01-02T12:00:00Z","plan":"plan-a"}]`), &fx)
	fmt.Println(err)
	// Output:
	// <nil> true
	// [0]: not the effects of a trial transition (want end-trial, notify)
}

func ExamplePhase_String() {
	fmt.Println(trial.None, trial.InTrial, trial.Cancelled, trial.Paid)
	// Output: none trial cancelled paid
}

func ExamplePhase_MarshalText() {
	b, err := trial.Cancelled.MarshalText()
	fmt.Println(string(b), err)
	// Output: cancelled <nil>
}

func ExamplePhase_UnmarshalText() {
	var p trial.Phase
	fmt.Println(p.UnmarshalText([]byte("Trial")), p)
	fmt.Println(p.UnmarshalText([]byte("expired")))
	// Output:
	// <nil> trial
	// unknown trial phase "expired" (want none, trial, cancelled or paid)
}

func ExamplePhase_Valid() {
	fmt.Println(trial.Paid.Valid(), trial.Phase(9).Valid())
	// Output: true false
}

func ExampleEventType_String() {
	fmt.Println(trial.Start, trial.Switch, trial.Convert, trial.Cancel, trial.Tick, trial.Purchase)
	// Output: start switch convert cancel tick purchase
}

func ExampleEventType_MarshalText() {
	unset, _ := trial.EventType(0).MarshalText()
	_, err := trial.EventType(9).MarshalText()
	b, _ := trial.Tick.MarshalText()
	fmt.Printf("%s %q %v\n", b, unset, err)
	// Output: tick "" unknown trial event type "trial.EventType(9)" (want start, switch, convert, cancel, tick or purchase)
}

func ExampleEventType_UnmarshalText() {
	var k trial.EventType
	err := k.UnmarshalText([]byte("CONVERT"))
	fmt.Println(k, err)
	// Output: convert <nil>
}

func ExampleEventType_Valid() {
	fmt.Println(trial.Purchase.Valid(), trial.EventType(0).Valid())
	// Output: true false
}

func ExampleEffectType_String() {
	fmt.Println(trial.CollectBilling, trial.DeleteTrialData)
	// Output: collect-billing delete-trial-data
}

func ExampleEffectType_MarshalText() {
	b, _ := trial.StartBilling.MarshalText()
	fmt.Println(string(b))
	// Output: start-billing
}

func ExampleEffectType_UnmarshalText() {
	var a trial.EffectType
	err := a.UnmarshalText([]byte("notify"))
	fmt.Println(a == trial.Notify, err)
	// Output: true <nil>
}

func ExampleEffectType_Valid() {
	fmt.Println(trial.EndTrial.Valid(), trial.EffectType(0).Valid())
	// Output: true false
}

func ExamplePaidVia_String() {
	fmt.Println(trial.AtEnd, trial.Early, trial.Purchased)
	// Output: at-end early purchased
}

func ExamplePaidVia_MarshalText() {
	b, _ := trial.AtEnd.MarshalText()
	fmt.Println(string(b))
	// Output: at-end
}

func ExamplePaidVia_UnmarshalText() {
	var c trial.PaidVia
	err := c.UnmarshalText([]byte("early"))
	fmt.Println(c == trial.Early, err)
	// Output: true <nil>
}

func ExamplePaidVia_Valid() {
	var none trial.PaidVia
	fmt.Println(trial.Purchased.Valid(), none.Valid())
	// Output: true false
}

func ExampleSwitchRule_String() {
	fmt.Println(trial.NewPlanLength, trial.KeepEnd)
	// Output: new-plan-length keep-end
}

func ExampleSwitchRule_MarshalText() {
	b, _ := trial.KeepEnd.MarshalText()
	fmt.Println(string(b))
	// Output: keep-end
}

func ExampleSwitchRule_UnmarshalText() {
	var r trial.SwitchRule
	err := r.UnmarshalText([]byte("keep-end"))
	fmt.Println(r, err)
	// Output: keep-end <nil>
}

func ExampleSwitchRule_Valid() {
	fmt.Println(trial.KeepEnd.Valid(), trial.SwitchRule(2).Valid())
	// Output: true false
}

// Under KeepEnd, a switch to a longer virtual machine trial keeps the
// end the trial started with; under the default, the new plan's length
// counts from the original start.
func ExamplePolicy() {
	vm1 := &plan.Plan{ID: "d2-1", Trial: plan.Trial{Months: 1}, Pricing: plan.Pricing{Model: plan.PerVCPU}}
	vm6 := &plan.Plan{ID: "d2-6", Trial: plan.Trial{Months: 6}, Pricing: plan.Pricing{Model: plan.PerVCPU}}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, rule := range []trial.SwitchRule{trial.NewPlanLength, trial.KeepEnd} {
		m := machine{Policy: trial.DefaultPolicy(), Offer: trial.Offering{Type: offer.VirtualMachine, SellThroughMicrosoft: true}}
		m.Policy.Switch = rule
		s, _, _ := m.Apply(trial.State{}, trial.Event{Type: trial.Start, At: start, Plan: vm1, Market: market.US})
		s, _, _ = m.Apply(s, trial.Event{Type: trial.Switch, At: start.AddDate(0, 0, 10), Plan: vm6})
		fmt.Println(rule, s.Months, s.End.Format(time.DateOnly))
	}
	// Output:
	// new-plan-length 6 2024-07-01
	// keep-end 1 2024-02-01
}

func ExampleEffect_String() {
	fx := effectsOfStart()
	fmt.Println(fx.At(1))
	// Output: TRL-02 start-trial plan plan-a at 2024-01-01T00:00:00Z
}

func ExampleEffects_String() {
	fmt.Println(effectsOfStart())
	// Output: TRL-03 collect-billing plan plan-a at 2024-01-01T00:00:00Z; TRL-02 start-trial plan plan-a at 2024-01-01T00:00:00Z; TRL-04 notify plan plan-a at 2024-01-01T00:00:00Z
}

func ExampleEligibility_String() {
	e, _ := trial.DefaultPolicy().CheckEligibility(saasOffering, planA, trial.History{})
	fmt.Println(e)
	// Output: TRL-01 eligible: plan plan-a allowed
}

// A stored transition decodes strictly: a refusal cannot carry effects.
func ExampleTransition_UnmarshalJSON() {
	var t trial.Transition
	err := json.Unmarshal([]byte(`{"allowed":false,"rule":"TRL-08","reason":"trial-plan-before-end","event":"convert",
		"at":"2024-01-04T00:00:00Z","plan":"plan-a","state":{"phase":"none"},"effects":[]}`), &t)
	fmt.Println(err, t.Allowed, t.Rule, t.Event)
	err = json.Unmarshal([]byte(`{"allowed":true,"Rule":"TRL-08"}`), &t)
	fmt.Println(err)
	// Output:
	// <nil> false TRL-08 convert
	// unknown field "Rule"
}

func ExamplePolicy_UnmarshalJSON() {
	var p trial.Policy
	err := json.Unmarshal([]byte(`{"vmMonths":[1,3],"switch":"keep-end"}`), &p)
	fmt.Println(p.SaaSMonths, p.VMMonths, p.Switch, err)
	err = json.Unmarshal([]byte(`{"vmMonths":[0]}`), &p)
	fmt.Println(err)
	// Output:
	// [] [1 3] keep-end <nil>
	// policy.vmMonths[0]: a trial length must be 1 to 120 months, not 0 (TRL-02)
}

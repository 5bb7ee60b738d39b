package plan_test

import (
	"encoding/json"
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

var extremeInts = []int{0, 1, -1, 50, math.MaxInt, math.MinInt, math.MaxInt32}

// randomPlan builds a plan from random and extreme parts: invalid enum
// values, negative and huge numbers, nil and empty slices, prices in
// other currencies.
func randomPlan(r *rand.Rand) plan.Plan {
	pick := func(n int) int { return r.IntN(n) }
	ids := []string{"", "gold", "Gold Plan", strings.Repeat("x", 300), "\xff", "a-b_c"}
	moneys := []currency.Money{{}, usd("1.00"), usd("-5.00"), money("10.00 SEK"), currency.MustFromMinor(math.MaxInt64, currency.USD), currency.MustFromMinor(math.MinInt64, currency.JPY)}
	p := plan.Plan{
		ID: ids[pick(len(ids))], Name: ids[pick(len(ids))], Summary: ids[pick(len(ids))], Description: ids[pick(len(ids))],
		Visibility: plan.Visibility(pick(5)), Status: plan.Status(pick(5)),
		Pricing: plan.Pricing{Model: plan.Model(pick(12))},
		Trial:   plan.Trial{Months: extremeInts[pick(len(extremeInts))]},
	}
	if pick(2) == 0 {
		p.Markets = market.SetOf(market.US, market.SE)
	}
	for range pick(4) {
		tp := plan.TermPrice{Term: plan.Term(pick(8)), Payment: plan.PaymentOption(pick(5)), Price: moneys[pick(len(moneys))]}
		if pick(3) == 0 {
			tp.Markets = []plan.MarketPrice{{Market: market.Code(pick(300)), Price: moneys[pick(len(moneys))]}}
		}
		p.Pricing.Terms = append(p.Pricing.Terms, tp)
	}
	p.Pricing.Users = plan.Users{Min: int64(extremeInts[pick(len(extremeInts))]), Max: int64(extremeInts[pick(len(extremeInts))])}
	for range pick(3) {
		p.Pricing.Meters = append(p.Pricing.Meters, plan.Meter{Dimension: ids[pick(len(ids))], Price: moneys[pick(len(moneys))],
			Included: []plan.Included{{Term: plan.Term(pick(8)), Quantity: plan.Quantity(extremeInts[pick(len(extremeInts))])}}})
	}
	if pick(2) == 0 {
		p.Pricing.VM = plan.VMPricing{PerHour: moneys[pick(len(moneys))],
			Sizes:        []plan.SizePrice{{VCPUs: extremeInts[pick(len(extremeInts))], Price: moneys[pick(len(moneys))]}},
			Reservations: []plan.Reservation{{Term: plan.Term(pick(8))}}}
	}
	if pick(2) == 0 {
		p.Audience = plan.Audience{Kind: plan.IDKind(pick(4)), Source: plan.Source(pick(3)), IDs: guids(pick(30))}
		if pick(4) == 0 {
			p.Audience.IDs = append(append(p.Audience.IDs, plan.GUID{}), p.Audience.IDs...)
		}
	}
	return p
}

// Property: CheckPlan never panics on random and extreme plans, policies
// and scopes; every problem it reports has a path, and a problem's path is
// a JSON path of the plan (lowercase first letter).
func TestPropertyCheckPlan(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 4))
	scopes := []plan.Scope{{}, saasScope, vmScope, {Models: []plan.Model{99}, Terms: []plan.Term{0, 7}, TrialMonths: []calendar.Months{math.MinInt}}}
	pols := []plan.Policy{{}, plan.DefaultPolicy(), plan.Policy2023(), {IDMax: -1}, {IDMax: math.MaxInt, NameMax: 1, SummaryMax: 1, DescriptionMax: 1,
		AudienceManualMax: 1, AudienceTenantCSVMax: math.MaxInt, AudienceSubscriptionCSVMax: math.MinInt}}
	for range 5000 {
		p := randomPlan(r)
		pol := pols[r.IntN(len(pols))]
		err := pol.CheckPlan(p, scopes[r.IntN(len(scopes))])
		if err == nil {
			continue
		}
		var ps rule.Problems
		if !errors.As(err, &ps) || len(ps) == 0 {
			t.Fatalf("CheckPlan: %v is not rule.Problems", err)
		}
		for _, pr := range ps {
			if pr.Path == "" || pr.Path[0] < 'a' || pr.Path[0] > 'z' {
				t.Fatalf("problem %q has path %q", pr.Text(rule.English), pr.Path)
			}
		}
		// A plan that marshals decodes to one that checks the same.
		if b, err := json.Marshal(p); err == nil {
			var q plan.Plan
			_ = json.Unmarshal(b, &q)
		}
	}
}

// Property: the methods of nil pointers and zero values answer without
// panicking (issue 17: a nil *Plan's HasMeters panicked).
func TestPropertyNilAndZero(t *testing.T) {
	var p *plan.Plan
	if p.HasMeters() {
		t.Error("nil plan has meters")
	}
	var z plan.Plan
	if z.HasMeters() || z.Visibility == plan.Private {
		t.Error("zero plan")
	}
	if err := plan.DefaultPolicy().CheckPlan(z, plan.Scope{}); err == nil {
		t.Error("the zero plan is valid")
	}
	var a plan.Audience
	if a.Has(plan.GUID{}) || len(a.IDs) != 0 || !a.IsZero() {
		t.Error("zero audience")
	}
	for _, u := range []plan.Users{{}, {Min: math.MinInt64, Max: math.MaxInt64}, {Min: math.MaxInt64}} {
		_ = u.Allows(math.MaxInt64)
		_ = u.Allows(math.MinInt64)
	}
	for _, tm := range []plan.Term{0, 5, 6, 255} {
		_ = tm.String()
		_ = tm.Words()
		_ = tm.Months()
		for _, po := range []plan.PaymentOption{0, 1, 2, 3, 255} {
			_ = po.Allows(tm)
			_ = po.Months(tm)
		}
	}
	for _, s := range []string{"", "\x00", strings.Repeat("-", 100), "{00000000-0000-0000-0000-000000000000}"} {
		_, _ = plan.ParseGUID(s)
		_, _ = plan.ParseTerm(s)
		_ = plan.ValidID(s)
	}
	for _, q := range []plan.Quantity{0, -1, -2, math.MaxInt64, math.MinInt64} {
		b, err := json.Marshal(q)
		var back plan.Quantity
		if err == nil && json.Unmarshal(b, &back) == nil && back != q {
			t.Errorf("Quantity %d round-trips to %d", q, back)
		}
	}
}

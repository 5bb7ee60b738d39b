package plan_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// fullPlan sets every field of a Plan.
func fullPlan() plan.Plan {
	p := saasPlan()
	p.Summary = "A summary."
	p.Visibility = plan.Private
	p.Audience = plan.NewAudience(plan.TenantIDs, plan.CSV, msTenantBytes, guids(1)[0])
	p.Pricing.Terms = append(p.Pricing.Terms, plan.TermPrice{Term: plan.ThreeYears, Payment: plan.Annual, Price: usd("900.00")})
	p.Pricing.Users = plan.Users{Min: 2, Max: 9}
	p.Pricing.Meters[0].Included = append(p.Pricing.Meters[0].Included, plan.Included{Term: plan.ThreeYears, Quantity: plan.Unlimited})
	p.Pricing.VM = plan.VMPricing{
		PerHour:      usd("0.25"),
		Sizes:        []plan.SizePrice{{VCPUs: 2, Price: usd("0.10")}},
		MarketSizes:  []plan.MarketSizePrice{{Market: market.SE, VCPUs: 4, Price: money("2.00 SEK")}},
		Reservations: []plan.Reservation{{Term: plan.OneYear, Saving: currency.MustParseRate("0.30")}},
	}
	p.Trial = plan.Trial{Months: 1}
	return p
}

const fullPlanJSON = `{"id":"basic","name":"Basic","summary":"A summary.","description":"10,000 emails a month.","visibility":"private",` +
	`"audience":{"kind":"tenant","source":"csv","ids":["10000000-0000-0000-0000-000000000000","72f988bf-86f1-41af-91ab-2d7cd011db47"]},` +
	`"status":"live","markets":["DE","SE","US"],"pricing":{"model":"flat-rate",` +
	`"terms":[{"term":"P1M","payment":"upfront","price":{"amount":"5.00","currency":"USD"},"markets":[{"market":"SE","price":{"amount":"49.00","currency":"SEK"}}]},` +
	`{"term":"P3Y","payment":"annual","price":{"amount":"900.00","currency":"USD"}}],` +
	`"users":{"min":2,"max":9},` +
	`"meters":[{"dimension":"emails","price":{"amount":"1.00","currency":"USD"},"included":[{"term":"P1M","quantity":100},{"term":"P3Y","quantity":"unlimited"}]}],` +
	`"vm":{"perHour":{"amount":"0.25","currency":"USD"},"sizes":[{"vcpus":2,"price":{"amount":"0.10","currency":"USD"}}],` +
	`"marketSizes":[{"market":"SE","vcpus":4,"price":{"amount":"2.00","currency":"SEK"}}],"reservations":[{"term":"P1Y","saving":"0.30"}]}},` +
	`"trial":{"months":1}}`

// The documented JSON form: every field, and the exact bytes.
func TestPlanJSON(t *testing.T) {
	b, err := json.Marshal(fullPlan())
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != fullPlanJSON {
		t.Errorf("Marshal =\n%s\nwant\n%s", b, fullPlanJSON)
	}
	var p plan.Plan
	if err := json.Unmarshal([]byte(fullPlanJSON), &p); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fullPlan(), p); diff != "" {
		t.Errorf("Unmarshal (-want +got):\n%s", diff)
	}
	// A minimal plan omits what is unset.
	min := plan.Plan{ID: "x", Name: "X", Markets: market.SetOf(market.US), Pricing: plan.Pricing{Model: plan.Free}}
	b, _ = json.Marshal(min)
	if want := `{"id":"x","name":"X","visibility":"public","status":"draft","markets":["US"],"pricing":{"model":"free"}}`; string(b) != want {
		t.Errorf("minimal plan = %s, want %s", b, want)
	}
	var back plan.Plan
	if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(min, back) {
		t.Errorf("minimal round trip: %+v, %v", back, err)
	}
}

// Decoding is strict and reports every problem with its path.
func TestPlanJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []problem
	}{
		{"unknown member", `{"id":"x","colour":"red"}`, []problem{{"", ""}}},
		{"unknown nested member", `{"pricing":{"model":"free","discount":3}}`, []problem{{"", "pricing"}}},
		{"member names are case-sensitive", `{"ID":"x"}`, []problem{{"", ""}}},
		{"member twice", `{"id":"x","id":"y"}`, []problem{{"", "id"}}},
		{"bad model", `{"pricing":{"model":"tiered"}}`, []problem{{"", "pricing.model"}}},
		{"bad audience kind", `{"audience":{"kind":"users"}}`, []problem{{"", "audience.kind"}}},
		{"bad GUID", `{"audience":{"kind":"tenant","ids":["72f988bf-86f1-41af-91ab-2d7cd011db47","nope"]}}`, []problem{{"", "audience.ids[1]"}}},
		{"bad term and payment", `{"pricing":{"terms":[{"term":"P1M"},{"term":"P9Y","payment":"weekly"}]}}`,
			[]problem{{"", "pricing.terms[1].term"}, {"", "pricing.terms[1].payment"}}},
		{"bad price", `{"pricing":{"terms":[{"price":{"amount":"1.001","currency":"USD"}}]}}`, []problem{{"", "pricing.terms[0].price"}}},
		{"float quantity", `{"pricing":{"meters":[{"included":[{"quantity":1.5}]}]}}`, []problem{{"", "pricing.meters[0].included[0].quantity"}}},
		{"quantity as text", `{"pricing":{"meters":[{"included":[{"quantity":"12"}]}]}}`, []problem{{"", "pricing.meters[0].included[0].quantity"}}},
		{"unknown market", `{"markets":["SE","XX"]}`, []problem{{"", "markets"}}},
		{"wrong types", `{"id":5,"trial":{"months":"one"},"visibility":true,"pricing":[]}`,
			[]problem{{"", "id"}, {"", "trial.months"}, {"", "visibility"}, {"", "pricing"}}},
		{"not an object", `[1]`, []problem{{"", ""}}},
		{"malformed", `{"id":`, []problem{{"", ""}}},
		{"every problem at once", `{"visibility":"secret","status":"gone","pricing":{"model":"x","vm":{"sizes":[{"vcpus":-1.5}]}}}`,
			[]problem{{"", "visibility"}, {"", "status"}, {"", "pricing.model"}, {"", "pricing.vm.sizes[0].vcpus"}}},
	}
	for _, tt := range tests {
		var p plan.Plan
		err := p.UnmarshalJSON([]byte(tt.in))
		if diff := cmp.Diff(tt.want, problemsOf(t, err)); diff != "" {
			t.Errorf("%s: (-want +got):\n%s\n%v", tt.name, diff, err)
		}
		if !cmp.Equal(p, plan.Plan{}) {
			t.Errorf("%s: a failed decode changed the plan: %+v", tt.name, p)
		}
	}
	var ps rule.Problems
	err := json.Unmarshal([]byte(`{"pricing":{"model":"tiered"}}`), new(plan.Plan))
	if !errors.As(err, &ps) || ps[0].Text(rule.English) != `pricing.model: unknown pricing model "tiered" (want free, byol, flat-rate, per-user, usage-only, per-vcpu, per-vcpu-size or per-market-and-vcpu-size)` {
		t.Errorf("message: %v", err)
	}
}

func TestQuantityJSON(t *testing.T) {
	for q, want := range map[plan.Quantity]string{0: "0", 1000: "1000", plan.Unlimited: `"unlimited"`, -2: "-2"} {
		b, err := json.Marshal(q)
		if err != nil || string(b) != want {
			t.Errorf("Marshal(%d) = %s, %v", q, b, err)
		}
		var back plan.Quantity
		if err := json.Unmarshal(b, &back); err != nil || back != q {
			t.Errorf("Unmarshal(%s) = %d, %v", b, back, err)
		}
	}
	for _, bad := range []string{`"Unlimited"`, `1e3`, `"5"`, `null`, `true`, `99999999999999999999`} {
		var q plan.Quantity
		if err := q.UnmarshalJSON([]byte(bad)); err == nil {
			t.Errorf("UnmarshalJSON(%s) = %d", bad, q)
		}
	}
}

// equateEmpty: decoding `[]` gives an empty slice, which encodes as
// nothing (omitempty) and decodes as nil.
var equateEmpty = cmpopts.EquateEmpty()

func FuzzPlanJSON(f *testing.F) {
	f.Add([]byte(fullPlanJSON))
	b, _ := json.Marshal(vmPlan())
	f.Add(b)
	b, _ = json.Marshal(perUserPlan())
	f.Add(b)
	f.Add([]byte(`{"audience":{"ids":[]},"pricing":{"terms":[],"meters":[{"included":[{"quantity":"unlimited"}]}]}}`))
	f.Add([]byte(`{"id":"x","id":"y","markets":["SE","SE"]}`))
	f.Add([]byte(`{"pricing":{"terms":[{"markets":[{}],"price":null}],"vm":{"sizes":[],"reservations":[{}],"marketSizes":[{}]},"users":{}},"trial":{},"audience":{"source":"csv"}}`))
	f.Add([]byte(`{"pricing":{"vm":{"sizes":[]}},"markets":[]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var p plan.Plan
		if err := json.Unmarshal(in, &p); err != nil {
			return
		}
		_ = plan.DefaultPolicy().CheckPlan(p, saasScope) // never panics
		_ = plan.Policy2023().CheckPlan(p, vmScope)
		enc, err := json.Marshal(p)
		if err != nil {
			// Only values outside an enum (none decode) or a Money the
			// encoder refuses could fail; neither may decode.
			t.Fatalf("Marshal of a decoded plan: %v", err)
		}
		var back plan.Plan
		if err := json.Unmarshal(enc, &back); err != nil {
			t.Fatalf("re-decode of %s: %v", enc, err)
		}
		if diff := cmp.Diff(p, back, equateEmpty); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		enc2, _ := json.Marshal(back)
		if string(enc2) != string(enc) {
			t.Fatalf("encoding is not stable:\n%s\n%s", enc, enc2)
		}
	})
}

package plan_test

import (
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	mrt "github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// problem is what the tests compare of a rule.Problem: its rule and path,
// never its text (marketrulestest.ProblemKey, as a local type so that the
// tables can use unkeyed literals, which vet's composites check refuses
// for a struct of another package).
type problem struct {
	Rule rule.ID
	Path string
}

// problemsOf returns the rule and path of every problem in err, which must
// be nil or hold a rule.Problems, with marketrulestest.ProblemsOf.
func problemsOf(t *testing.T, err error) []problem {
	t.Helper()
	keys := mrt.ProblemsOf(err)
	if err != nil && keys == nil {
		t.Fatalf("error %v (%T) holds no rule.Problems", err, err)
	}
	var out []problem
	for _, k := range keys {
		out = append(out, problem(k))
	}
	return out
}

func usd(s string) currency.Money { return currency.MustParse(s + " USD") }

func money(s string) currency.Money { return currency.MustParse(s) }

// The dimensions of the scopes below.
var dims = []plan.Dimension{
	{ID: "emails", DisplayName: "Emails sent", Unit: "per 100 emails"},
	{ID: "texts", DisplayName: "Text messages", Unit: "per text"},
}

// The scopes of the offer types, written out from the rules (OFR-02,
// PRC-01, PRC-02, PLN-03, PLN-08, TRL-01, TRL-02),
// not taken from package offer.
var (
	allTerms = []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears}

	saasScope = plan.Scope{
		Models:        []plan.Model{plan.FlatRate, plan.PerUser, plan.UsageOnly},
		Terms:         allTerms,
		Metering:      true,
		Private:       true,
		AudienceKinds: []plan.IDKind{plan.TenantIDs},
		TrialMonths:   []calendar.Months{1},
		Dimensions:    dims,
	}
	vmScope = plan.Scope{
		Models:        []plan.Model{plan.Free, plan.BYOL, plan.FlatRate, plan.PerVCPU, plan.PerVCPUSize, plan.PerMarketAndVCPUSize},
		Hourly:        true,
		Summary:       true,
		Private:       true,
		AudienceKinds: []plan.IDKind{plan.SubscriptionIDs, plan.TenantIDs},
		TrialMonths:   []calendar.Months{1, 3, 6},
	}
	appScope = plan.Scope{
		Models:        []plan.Model{plan.FlatRate, plan.UsageOnly},
		Terms:         []plan.Term{plan.OneMonth},
		Summary:       true,
		Metering:      true,
		Private:       true,
		AudienceKinds: []plan.IDKind{plan.SubscriptionIDs},
		Dimensions:    dims,
	}
	templateScope = plan.Scope{
		Models:        []plan.Model{plan.Free},
		Summary:       true,
		Private:       true,
		AudienceKinds: []plan.IDKind{plan.SubscriptionIDs},
	}
	iotScope = plan.Scope{
		Models:  []plan.Model{plan.Free, plan.BYOL},
		Summary: true,
	}
)

// saasPlan returns a valid flat-rate SaaS plan with one meter.
func saasPlan() plan.Plan {
	return plan.Plan{
		ID:          "basic",
		Name:        "Basic",
		Description: "10,000 emails a month.",
		Status:      plan.Live,
		Markets:     market.SetOf(market.SE, market.US, market.DE),
		Pricing: plan.Pricing{
			Model: plan.FlatRate,
			Terms: []plan.TermPrice{{Term: plan.OneMonth, Payment: plan.Upfront, Price: usd("5.00"),
				Markets: []plan.MarketPrice{{Market: market.SE, Price: money("49.00 SEK")}}}},
			Meters: []plan.Meter{{Dimension: "emails", Price: usd("1.00"),
				Included: []plan.Included{{Term: plan.OneMonth, Quantity: 100}}}},
		},
	}
}

// perUserPlan returns a valid per-user SaaS plan.
func perUserPlan() plan.Plan {
	return plan.Plan{
		ID:      "team",
		Name:    "Team",
		Markets: market.SetOf(market.SE, market.US),
		Pricing: plan.Pricing{
			Model: plan.PerUser,
			Terms: []plan.TermPrice{{Term: plan.OneYear, Payment: plan.Monthly, Price: usd("120.00")}},
			Users: plan.Users{Min: 5, Max: 50},
		},
	}
}

// usagePlan returns a valid usage-only SaaS plan.
func usagePlan() plan.Plan {
	return plan.Plan{
		ID:      "payg",
		Name:    "Pay as you go",
		Markets: market.SetOf(market.US),
		Pricing: plan.Pricing{
			Model:  plan.UsageOnly,
			Meters: []plan.Meter{{Dimension: "texts", Price: usd("0.02")}},
		},
	}
}

// vmPlan returns a valid per-vCPU-size virtual machine plan.
func vmPlan() plan.Plan {
	return plan.Plan{
		ID:      "standard",
		Name:    "Standard",
		Summary: "Hardened image, priced by size.",
		Markets: market.SetOf(market.SE, market.US),
		Pricing: plan.Pricing{
			Model: plan.PerVCPUSize,
			VM: plan.VMPricing{
				Sizes:        []plan.SizePrice{{VCPUs: 2, Price: usd("0.10")}, {VCPUs: 4, Price: usd("0.18")}},
				Reservations: []plan.Reservation{{Term: plan.OneYear, Saving: currency.MustParseRate("0.30")}, {Term: plan.ThreeYears, Saving: currency.MustParseRate("0.50")}},
			},
		},
		Trial: plan.Trial{Months: 3},
	}
}

// freePlan returns a valid free plan (a solution template's, an IoT Edge
// module's or a free VM's).
func freePlan() plan.Plan {
	return plan.Plan{ID: "free", Name: "Free", Markets: market.SetOf(market.SE), Pricing: plan.Pricing{Model: plan.Free}}
}

// guids returns n distinct, non-nil GUIDs, sorted.
func guids(n int) []plan.GUID {
	out := make([]plan.GUID, n)
	for i := range out {
		out[i][0] = 0x10
		out[i][12] = byte(i >> 24)
		out[i][13] = byte(i >> 16)
		out[i][14] = byte(i >> 8)
		out[i][15] = byte(i)
	}
	return out
}

// vtest is a validation case: a change to a valid plan, and the problems
// it must cause.
type vtest struct {
	name   string
	scope  plan.Scope
	pol    plan.Policy
	base   func() plan.Plan
	change func(*plan.Plan)
	want   []problem
}

// runValid checks that every case validates with no problem.
func runValid(t *testing.T, tests []vtest) {
	t.Helper()
	runVTests(t, tests, true)
}

// runInvalid checks that every case gives exactly its problems.
func runInvalid(t *testing.T, tests []vtest) {
	t.Helper()
	runVTests(t, tests, false)
}

func runVTests(t *testing.T, tests []vtest, valid bool) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := tt.base
			if base == nil {
				base = saasPlan
			}
			p := base()
			if tt.change != nil {
				tt.change(&p)
			}
			pol := tt.pol
			if pol.Name == "" {
				pol = plan.DefaultPolicy()
			}
			scope := tt.scope
			if scope.Models == nil {
				scope = saasScope
			}
			err := pol.CheckPlan(p, scope)
			if valid {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if len(tt.want) == 0 {
				t.Fatal("an error case must list its problems")
			}
			if err == nil {
				t.Fatalf("Validate = nil, want %v", tt.want)
			}
			if diff := cmp.Diff(tt.want, problemsOf(t, err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }

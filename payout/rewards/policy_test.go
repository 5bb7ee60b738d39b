package rewards

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

func TestRWD01_PolicyValidate(t *testing.T) {
	if err := (Policy{}).Validate(); err != nil {
		t.Errorf("zero policy: %v", err)
	}
	p := DefaultPolicy()
	p.Tiers[0].Name = ""
	p.Tiers[2].BilledSales = money("1.00 USD")
	p.Tiers[3].BilledSales = money("1.00 EUR")
	p.Tiers[4].TeamsMAU = -1
	p.Tiers[5].SeatsSold = -1
	p.EngagementMonths = math.MaxInt
	wantProblems(t, p.Validate(), []string{"policy.tiers[0].name", "policy.tiers[2].billedSales", "policy.tiers[3].billedSales",
		"policy.tiers[4].teamsMau", "policy.tiers[5].seatsSold", "policy.engagementMonths"}, ErrPolicy)
	if _, err := p.EngagementManager(Publication{Track: TrackList}); !errors.Is(err, ErrPolicy) {
		t.Errorf("EngagementManager with a bad policy: %v", err)
	}
	if _, err := p.Assess(Activity{}); !errors.Is(err, ErrPolicy) {
		t.Errorf("Assess with a bad policy: %v", err)
	}
	if _, err := (Policy{}).EngagementManager(Publication{Track: 77}); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown track: %v", err)
	}
	if _, err := (Policy{}).CheckWithdrawal(0); !errors.Is(err, ErrUnknown) {
		t.Errorf("zero ground: %v", err)
	}
}

// Every answer and enum's zero value marshals; every value round-trips.
func TestZeroValuesMarshal(t *testing.T) {
	for _, v := range []any{Policy{}, Tier{}, Activity{}, Assessment{}, Engagement{}, Withdrawal{}, TierCount{}, SaleFacts{},
		Publication{}, Measure(0), Track(0), Ground(0), DefaultPolicy()} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%T: %v", v, err)
		}
		if err := json.Unmarshal(b, new(any)); err != nil {
			t.Errorf("%T: %v", v, err)
		}
	}
	var m Measure
	if err := m.UnmarshalText([]byte("teams-mau")); err != nil || m != ByTeamsMAU || m.String() != "teams-mau" {
		t.Errorf("Measure: %v %v", m, err)
	}
	if err := m.UnmarshalText(nil); err != nil || m != 0 {
		t.Errorf("empty Measure: %v %v", m, err)
	}
	if b, err := ByBilledSales.MarshalText(); err != nil || string(b) != "billed-sales" {
		t.Errorf("%s %v", b, err)
	}
	r, _ := DefaultPolicy().Assess(Activity{BilledSales: money("600.00 USD")})
	if r.String() != r.Explain(rule.English) {
		t.Error("String")
	}
	var back Assessment
	if b, err := json.Marshal(r); err != nil || json.Unmarshal(b, &back) != nil || back != r {
		t.Errorf("round trip: %s %+v", b, back)
	}
	e, _ := DefaultPolicy().EngagementManager(Publication{Track: TrackTrial, Published: time.Date(9999, 12, 1, 0, 0, 0, 0, time.UTC)})
	if e.String() == "" || text(trackText, 99).English != "?" {
		t.Error("engagement at year 9999")
	}
	w, _ := DefaultPolicy().CheckWithdrawal(GroundFraud)
	if w.String() == "" || !w.Allowed {
		t.Error("withdrawal")
	}
	_ = currency.USD
}

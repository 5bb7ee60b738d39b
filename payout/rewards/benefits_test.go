package rewards_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/payout/rewards"
	"github.com/marketrules/marketrules/rule"
)

// RWD-04: list, trial and consulting offers get an engagement manager for
// three months per newly published offer; transact offers without end.
func TestRWD04_EngagementManager(t *testing.T) {
	p := rewards.DefaultPolicy()
	published := time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC)
	for _, tr := range []rewards.Track{rewards.TrackList, rewards.TrackTrial, rewards.TrackConsulting} {
		e, err := p.EngagementManager(rewards.Publication{Track: tr, Published: published})
		if err != nil {
			t.Fatal(err)
		}
		want := time.Date(2026, 4, 30, 9, 0, 0, 0, time.UTC) // three calendar months, clamped to April's end
		if !e.Until.Equal(want) || e.Months != 3 || e.Rule != rule.RWD04 || e.Reason != rewards.ReasonEngagementWindow {
			t.Errorf("%v: %+v", tr, e)
		}
		if !e.ActiveAt(want.Add(-time.Nanosecond)) || e.ActiveAt(want) || e.ActiveAt(published.Add(-time.Second)) {
			t.Errorf("%v: Active at the window's edges", tr)
		}
	}
	e, err := p.EngagementManager(rewards.Publication{Track: rewards.TrackTransact, Published: published})
	if err != nil || !e.Until.IsZero() || !e.ActiveAt(published.AddDate(10, 0, 0)) || e.Reason != rewards.ReasonEngagementEvergreen {
		t.Errorf("transact: %+v, %v", e, err)
	}
	six := p
	six.EngagementMonths = 6 // the 2023 benefits table
	if e, _ := six.EngagementManager(rewards.Publication{Track: rewards.TrackTrial, Published: published}); !e.Until.Equal(time.Date(2026, 7, 31, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("six months: %v", e.Until)
	}
	if _, err := p.EngagementManager(rewards.Publication{Track: 0, Published: published}); !errors.Is(err, rewards.ErrUnknown) {
		t.Errorf("zero track: %v", err)
	}
	bad := p
	bad.EngagementMonths = -1
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "engagementMonths") {
		t.Errorf("negative EngagementMonths: %v", err)
	}
	e, _ = p.EngagementManager(rewards.Publication{Track: rewards.TrackConsulting, Published: published})
	if got := e.Explain(rule.English); got != "a newly published consulting offer gets an engagement manager for 3 months, until 2026-04-30 (RWD-04)" {
		t.Errorf("Explain = %q", got)
	}
	if got := e.Explain(rule.Swedish); !strings.Contains(got, "konsulttjänst") {
		t.Errorf("Swedish = %q", got)
	}
	b, _ := json.Marshal(e)
	var back rewards.Engagement
	if err := json.Unmarshal(b, &back); err != nil || back.Track != e.Track || !back.Until.Equal(e.Until) {
		t.Errorf("JSON: %s → %+v, %v", b, back, err)
	}
}

// RWD-03: the grounds on which Microsoft may withdraw benefits; sales
// cancelled by mistake or before use do not count towards a tier.
func TestRWD03_Withdrawal(t *testing.T) {
	for g := rewards.GroundIllegalActivity; g <= rewards.GroundCancelledBeforeUse; g++ {
		w, err := rewards.DefaultPolicy().CheckWithdrawal(g)
		if err != nil || w.Rule != rule.RWD03 || w.Ground != g {
			t.Errorf("%v: %+v, %v", g, w, err)
		}
		var back rewards.Ground
		if err := back.UnmarshalText([]byte(g.String())); err != nil || back != g {
			t.Errorf("UnmarshalText(%q) = %v, %v", g.String(), back, err)
		}
	}
	if _, err := rewards.DefaultPolicy().CheckWithdrawal(0); !errors.Is(err, rewards.ErrUnknown) {
		t.Errorf("zero ground: %v", err)
	}
	w, _ := rewards.DefaultPolicy().CheckWithdrawal(rewards.GroundSponsorshipAbuse)
	if got := w.Explain(rule.English); got != "Microsoft may withdraw the benefits: abuse of Azure Sponsorship (RWD-03)" {
		t.Errorf("Explain = %q", got)
	}
	for _, tt := range []struct {
		fraud bool
		g     rewards.Ground
		want  rewards.TierCount
	}{
		{false, 0, rewards.TierCount{Allowed: true, Rule: rule.RWD01, Reason: rewards.ReasonCounted}},
		{false, rewards.GroundDelisted, rewards.TierCount{Allowed: true, Rule: rule.RWD01, Reason: rewards.ReasonCounted}},
		{true, 0, rewards.TierCount{Ground: rewards.GroundFraud, Rule: rule.RWD02, Reason: rewards.ReasonCountedOut}},
		{false, rewards.GroundMistakenPurchase, rewards.TierCount{Ground: rewards.GroundMistakenPurchase, Rule: rule.RWD03, Reason: rewards.ReasonCountedOut}},
		{false, rewards.GroundCancelledBeforeUse, rewards.TierCount{Ground: rewards.GroundCancelledBeforeUse, Rule: rule.RWD03, Reason: rewards.ReasonCountedOut}},
	} {
		got, err := rewards.DefaultPolicy().CountTowardsTier(rewards.SaleFacts{Fraudulent: tt.fraud, Cancelled: tt.g})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("CountsTowardsTier(%v, %v) (-want +got):\n%s", tt.fraud, tt.g, diff)
		}
	}
	c, _ := rewards.DefaultPolicy().CountTowardsTier(rewards.SaleFacts{Cancelled: rewards.GroundMistakenPurchase})
	if got := c.Explain(rule.Swedish); got != "försäljningen räknas inte mot nivån: köparen köpte av misstag och sade upp köpet (RWD-03)" {
		t.Errorf("Swedish = %q", got)
	}
	if c, _ := rewards.DefaultPolicy().CountTowardsTier(rewards.SaleFacts{}); c.Explain(rule.English) != "the sale counts towards the tier (RWD-01)" || c.String() == "" {
		t.Errorf("a counted sale: %q", c.Explain(rule.English))
	}
	if _, err := rewards.DefaultPolicy().CountTowardsTier(rewards.SaleFacts{Cancelled: 99}); !errors.Is(err, rewards.ErrUnknown) {
		t.Errorf("unknown ground: %v", err)
	}
	for _, bad := range []string{"nonsense"} {
		var tr rewards.Track
		if err := tr.UnmarshalText([]byte(bad)); !errors.Is(err, rewards.ErrUnknown) {
			t.Errorf("UnmarshalText(%q): %v", bad, err)
		}
	}
	var tr rewards.Track
	if err := tr.UnmarshalText([]byte("Consulting")); err != nil || tr != rewards.TrackConsulting {
		t.Errorf("UnmarshalText: %v, %v", tr, err)
	}
	if b, err := rewards.TrackTrial.MarshalText(); err != nil || string(b) != "trial" {
		t.Errorf("MarshalText: %s, %v", b, err)
	}
	if _, err := rewards.Track(9).MarshalText(); !errors.Is(err, rewards.ErrUnknown) {
		t.Errorf("MarshalText(9): %v", err)
	}
	var g rewards.Ground
	if err := g.UnmarshalText([]byte("fraud")); err != nil || g != rewards.GroundFraud {
		t.Errorf("Ground.UnmarshalText: %v, %v", g, err)
	}
	if b, err := rewards.Ground(0).MarshalText(); err != nil || len(b) != 0 {
		t.Errorf("Ground(0).MarshalText: %q, %v", b, err)
	}
}

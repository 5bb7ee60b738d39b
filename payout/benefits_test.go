package payout_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/payout"
	"github.com/marketrules/marketrules/rule"
)

// RWD-04: list, trial and consulting offers get an engagement manager for
// three months per newly published offer; transact offers without end.
func TestRWD04_EngagementManager(t *testing.T) {
	p := payout.DefaultPolicy()
	published := time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC)
	for _, tr := range []payout.Track{payout.TrackList, payout.TrackTrial, payout.TrackConsulting} {
		e, err := p.EngagementManager(tr, published)
		if err != nil {
			t.Fatal(err)
		}
		want := time.Date(2026, 4, 30, 9, 0, 0, 0, time.UTC) // three calendar months, clamped to April's end
		if !e.Until.Equal(want) || e.Months != 3 || e.Rule != rule.RWD04 || e.Reason != payout.ReasonEngagementWindow {
			t.Errorf("%v: %+v", tr, e)
		}
		if !e.Active(want.Add(-time.Nanosecond)) || e.Active(want) || e.Active(published.Add(-time.Second)) {
			t.Errorf("%v: Active at the window's edges", tr)
		}
	}
	e, err := p.EngagementManager(payout.TrackTransact, published)
	if err != nil || !e.Until.IsZero() || !e.Active(published.AddDate(10, 0, 0)) || e.Reason != payout.ReasonEngagementEvergreen {
		t.Errorf("transact: %+v, %v", e, err)
	}
	six := p
	six.EngagementMonths = 6 // the 2023 benefits table
	if e, _ := six.EngagementManager(payout.TrackTrial, published); !e.Until.Equal(time.Date(2026, 7, 31, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("six months: %v", e.Until)
	}
	if _, err := p.EngagementManager(0, published); !errors.Is(err, payout.ErrTrack) {
		t.Errorf("zero track: %v", err)
	}
	bad := p
	bad.EngagementMonths = -1
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "EngagementMonths") {
		t.Errorf("negative EngagementMonths: %v", err)
	}
	e, _ = p.EngagementManager(payout.TrackConsulting, published)
	if got := e.Explain(rule.English); got != "a newly published consulting offer gets an engagement manager for 3 months, until 2026-04-30 09:00:00 UTC (RWD-04)" {
		t.Errorf("Explain = %q", got)
	}
	if got := e.Explain(rule.Swedish); !strings.Contains(got, "konsulttjänst") {
		t.Errorf("Swedish = %q", got)
	}
	b, _ := json.Marshal(e)
	var back payout.Engagement
	if err := json.Unmarshal(b, &back); err != nil || back.Track != e.Track || !back.Until.Equal(e.Until) {
		t.Errorf("JSON: %s → %+v, %v", b, back, err)
	}
}

// RWD-03: the grounds on which Microsoft may withdraw benefits; sales
// cancelled by mistake or before use do not count towards a tier.
func TestRWD03_Withdrawal(t *testing.T) {
	for g := payout.GroundIllegalActivity; g <= payout.GroundCancelledBeforeUse; g++ {
		w, err := payout.MayWithdraw(g)
		if err != nil || w.Rule != rule.RWD03 || w.Ground != g {
			t.Errorf("%v: %+v, %v", g, w, err)
		}
		back, err := payout.ParseGround(g.String())
		if err != nil || back != g {
			t.Errorf("ParseGround(%q) = %v, %v", g.String(), back, err)
		}
	}
	if _, err := payout.MayWithdraw(0); !errors.Is(err, payout.ErrGround) {
		t.Errorf("zero ground: %v", err)
	}
	w, _ := payout.MayWithdraw(payout.GroundSponsorshipAbuse)
	if got := w.Explain(rule.English); got != "Microsoft may withdraw the benefits: abuse of Azure Sponsorship (RWD-03)" {
		t.Errorf("Explain = %q", got)
	}
	for _, tt := range []struct {
		fraud bool
		g     payout.Ground
		want  payout.TierCount
	}{
		{false, 0, payout.TierCount{Counts: true}},
		{false, payout.GroundDelisted, payout.TierCount{Counts: true}},
		{true, 0, payout.TierCount{Ground: payout.GroundFraud, Rule: rule.RWD02, Reason: payout.ReasonCountedOut}},
		{false, payout.GroundMistakenPurchase, payout.TierCount{Ground: payout.GroundMistakenPurchase, Rule: rule.RWD03, Reason: payout.ReasonCountedOut}},
		{false, payout.GroundCancelledBeforeUse, payout.TierCount{Ground: payout.GroundCancelledBeforeUse, Rule: rule.RWD03, Reason: payout.ReasonCountedOut}},
	} {
		if diff := cmp.Diff(tt.want, payout.CountsTowardsTier(tt.fraud, tt.g)); diff != "" {
			t.Errorf("CountsTowardsTier(%v, %v) (-want +got):\n%s", tt.fraud, tt.g, diff)
		}
	}
	c := payout.CountsTowardsTier(false, payout.GroundMistakenPurchase)
	if got := c.Explain(rule.Swedish); got != "försäljningen räknas inte mot nivån: köparen köpte av misstag och sade upp köpet (RWD-03)" {
		t.Errorf("Swedish = %q", got)
	}
	if payout.CountsTowardsTier(false, 0).Explain(rule.English) != "" {
		t.Error("a counted sale explains nothing")
	}
	for _, bad := range []string{"", "nonsense"} {
		if _, err := payout.ParseTrack(bad); !errors.Is(err, payout.ErrTrack) {
			t.Errorf("ParseTrack(%q): %v", bad, err)
		}
	}
	var tr payout.Track
	if err := tr.UnmarshalText([]byte("Consulting")); err != nil || tr != payout.TrackConsulting {
		t.Errorf("UnmarshalText: %v, %v", tr, err)
	}
	if b, err := payout.TrackTrial.MarshalText(); err != nil || string(b) != "trial" || !payout.TrackTrial.Valid() {
		t.Errorf("MarshalText: %s, %v", b, err)
	}
	if _, err := payout.Track(9).MarshalText(); !errors.Is(err, payout.ErrTrack) {
		t.Errorf("MarshalText(9): %v", err)
	}
	var g payout.Ground
	if err := g.UnmarshalText([]byte("fraud")); err != nil || g != payout.GroundFraud {
		t.Errorf("Ground.UnmarshalText: %v, %v", g, err)
	}
	if _, err := payout.Ground(0).MarshalText(); !errors.Is(err, payout.ErrGround) {
		t.Errorf("Ground(0).MarshalText: %v", err)
	}
}

// RFD-03: a refund to the customer shows in the publisher's payout
// reporting, as a negative line that reduces the payout.
func TestRFD03_RefundInPayoutReporting(t *testing.T) {
	sale := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	txs := []payout.Transaction{
		{ID: "order", Date: sale, Agreement: payout.EA, Payment: payout.Invoice, Kind: payout.Order, Type: payout.Purchase, Gross: currency.MustParse("300.00 USD")},
		{ID: "refund", Date: sale.Add(48 * time.Hour), Agreement: payout.EA, Payment: payout.Invoice, Kind: payout.Order, Type: payout.Refund, Gross: currency.MustParse("-100.00 USD")},
	}
	st, err := payout.BuildStatement(payout.DefaultPolicy(), func(yield func(payout.Transaction) bool) {
		for _, tx := range txs {
			if !yield(tx) {
				return
			}
		}
	}, payout.MonthRates{})
	if err != nil {
		t.Fatal(err)
	}
	po, ok := st.Payout(mustMonth(t, "2026-02"))
	if !ok {
		t.Fatalf("no February payout: %+v", st.Payouts)
	}
	var refund *payout.Line
	for i := range po.Lines {
		if po.Lines[i].Type == payout.Refund {
			refund = &po.Lines[i]
		}
	}
	if refund == nil || refund.Gross != currency.MustParse("-100.00 USD") || refund.Net != currency.MustParse("-97.00 USD") {
		t.Fatalf("refund line = %+v", refund)
	}
	if tot, _ := st.Total(currency.USD); tot.Paid != currency.MustParse("194.00 USD") {
		t.Errorf("paid = %v, want 291.00 − 97.00 = 194.00 USD", tot.Paid)
	}
}

// PAY-07: Microsoft is the agent: it bills and collects the gross, keeps
// the store service fee, remits tax where it manages it, and pays the
// publisher the rest; the publisher sets the price.
func TestPAY07_AgencyModel(t *testing.T) {
	p := payout.DefaultPolicy()
	collected := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	price := currency.MustParse("250.00 SEK") // the publisher's price, billed by Microsoft
	f, err := p.Fee(payout.Sale{License: price, Collected: collected})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := f.Fee.Add(f.Share)
	if err != nil || sum != price || f.Fee != currency.MustParse("7.50 SEK") {
		t.Errorf("fee %v + publisher %v = %v, want the billed %v split 3%%/97%%", f.Fee, f.Share, sum, price)
	}
	// Tax is collected and remitted by Microsoft in Microsoft-managed
	// markets and is no part of the publisher's gross; elsewhere it is the
	// publisher's.
	if !market.SE.Market().TaxRemitted() || market.JP.Market().TaxRemitted() {
		t.Error("Sweden is Microsoft-managed, Japan publisher-managed")
	}
}

func mustMonth(t *testing.T, s string) payout.Month {
	t.Helper()
	m, err := payout.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

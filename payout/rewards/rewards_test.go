package rewards

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

func TestRWD01_Tiers(t *testing.T) {
	// RWD-01: the FY24 tiers of, by billed sales or Teams MAU.
	p := DefaultPolicy()
	at := pstDate(2023, 9, 1)
	type got struct {
		Tier      int
		Name      string
		Measure   Measure
		Reason    rule.Reason
		Next      string
		Shortfall string
	}
	tests := []struct {
		name string
		a    Activity
		want got
	}{
		{"no sales: Publisher", Activity{At: at}, got{0, "Publisher", ByBilledSales, ReasonTierBilledSales, "$500", "500.00 USD"}},
		{"499.99", Activity{At: at, BilledSales: money("499.99 USD")}, got{0, "Publisher", ByBilledSales, ReasonTierBilledSales, "$500", "0.01 USD"}},
		{"exactly 500", Activity{At: at, BilledSales: money("500.00 USD")}, got{1, "$500", ByBilledSales, ReasonTierBilledSales, "$25K", "24500.00 USD"}},
		{"25K", Activity{At: at, BilledSales: money("25000.00 USD")}, got{2, "$25K", ByBilledSales, ReasonTierBilledSales, "$50K", "25000.00 USD"}},
		{"99,999.99", Activity{At: at, BilledSales: money("99999.99 USD")}, got{3, "$50K", ByBilledSales, ReasonTierBilledSales, "$100K", "0.01 USD"}},
		{"500K", Activity{At: at, BilledSales: money("500000.00 USD")}, got{5, "$500K", ByBilledSales, ReasonTierBilledSales, "$1M", "500000.00 USD"}},
		{"1M", Activity{At: at, BilledSales: money("1000000.00 USD")}, got{6, "$1M", ByBilledSales, ReasonTierBilledSales, "$2M", "1000000.00 USD"}},
		{"2M", Activity{At: at, BilledSales: money("2500000.00 USD")}, got{7, "$2M", ByBilledSales, ReasonTierBilledSales, "$5M", "2500000.00 USD"}},
		{"5M is the top", Activity{At: at, BilledSales: money("7000000.00 USD")}, got{8, "$5M", ByBilledSales, ReasonTierBilledSales, "", "0"}},
		{"250 Teams MAU: $25K", Activity{At: at, BilledSales: money("600.00 USD"), TeamsMAU: 250}, got{2, "$25K", ByTeamsMAU, ReasonTierTeamsMAU, "$50K", "49400.00 USD"}},
		{"1K MAU beats 60K sales", Activity{At: at, BilledSales: money("60000.00 USD"), TeamsMAU: 1000}, got{4, "$100K", ByTeamsMAU, ReasonTierTeamsMAU, "$500K", "440000.00 USD"}},
		{"a tie names billed sales", Activity{At: at, BilledSales: money("50000.00 USD"), TeamsMAU: 500}, got{3, "$50K", ByBilledSales, ReasonTierBilledSales, "$100K", "50000.00 USD"}},
		{"500K MAU: $5M", Activity{At: at, TeamsMAU: 500_000}, got{8, "$5M", ByTeamsMAU, ReasonTierTeamsMAU, "", "0"}},
		{"249 MAU: no MAU path below $25K", Activity{At: at, TeamsMAU: 249}, got{0, "Publisher", ByBilledSales, ReasonTierBilledSales, "$500", "500.00 USD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := p.Assess(tt.a)
			if err != nil {
				t.Fatal(err)
			}
			g := got{r.Tier, r.Name, r.Measure, r.Reason, r.Next, r.Shortfall.String()}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if r.Rule != rule.RWD01 {
				t.Errorf("rule %s, want RWD-01", r.Rule)
			}
		})
	}
}

func TestRWD02_FraudRemoved(t *testing.T) {
	// RWD-02: proven fraudulent sales do not count.
	p := DefaultPolicy()
	r, err := p.Assess(Activity{BilledSales: money("26000.00 USD"), Fraudulent: money("1000.01 USD")})
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "$500" || r.BilledSales.String() != "24999.99 USD" || r.Rule != rule.RWD02 || r.Fraudulent.String() != "1000.01 USD" {
		t.Errorf("got %+v", r)
	}
	const en = "Marketplace Rewards tier $500, reached by billed sales of $24,999.99 (after removing $1,000.01 proven fraudulent); the next tier, $25K, needs $0.01 more billed sales. (RWD-02)"
	const sv = "Marketplace Rewards-nivå $500, uppnådd genom fakturerad försäljning på 24\u00a0999,99\u00a0US$ (efter att 1\u00a0000,01\u00a0US$ bevisat bedräglig försäljning tagits bort); nästa nivå, $25K, kräver 0,01\u00a0US$ mer i fakturerad försäljning. (RWD-02)"
	if got := r.Explain(rule.English); got != en {
		t.Errorf("English:\n got %q\nwant %q", got, en)
	}
	if got := r.Explain(rule.Swedish); got != sv {
		t.Errorf("Swedish:\n got %q\nwant %q", got, sv)
	}
}

func TestRWD01_SeatsSold(t *testing.T) {
	// RWD-01: seats sold count for Microsoft 365 apps only until 30 June 2021.
	p := DefaultPolicy()
	// The published thresholds are not known: the caller supplies them.
	p.Tiers[2].SeatsSold = 100
	p.Tiers[3].SeatsSold = 1000
	before := pstDate(2021, 6, 30)
	after := pstDate(2021, 7, 1)
	r, err := p.Assess(Activity{At: before, SeatsSold: 150})
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "$25K" || r.Measure != BySeatsSold || r.Reason != ReasonTierSeatsSold || r.SeatsSold != 150 {
		t.Errorf("before the cut-off: %+v", r)
	}
	if got := r.Explain(rule.English); got != "Marketplace Rewards tier $25K, reached by 150 seats sold of Microsoft 365 apps; the next tier, $50K, needs $50,000.00 more billed sales. (RWD-01)" {
		t.Errorf("Explain = %q", got)
	}
	r, _ = p.Assess(Activity{At: after, SeatsSold: 150})
	if r.Name != "Publisher" || r.SeatsSold != 0 {
		t.Errorf("after the cut-off: %+v", r)
	}
	// Under the default tiers seats reach nothing.
	r, _ = DefaultPolicy().Assess(Activity{At: before, SeatsSold: 1_000_000})
	if r.Tier != 0 {
		t.Errorf("default tiers with seats: %+v", r)
	}
}

func TestRewardsNoTierAndExplain(t *testing.T) {
	p := DefaultPolicy()
	p.Tiers = p.Tiers[1:] // start at $500
	r, err := p.Assess(Activity{BilledSales: money("10.00 USD")})
	if err != nil {
		t.Fatal(err)
	}
	if r.Tier != -1 || r.Reason != ReasonTierNone || r.Next != "$500" || r.Shortfall.String() != "490.00 USD" {
		t.Errorf("got %+v", r)
	}
	if got := r.Explain(rule.English); got != "No Marketplace Rewards tier is reached with billed sales of $10.00; the next tier, $500, needs $490.00 more billed sales. (RWD-01)" {
		t.Errorf("Explain = %q", got)
	}
	r, _ = DefaultPolicy().Assess(Activity{TeamsMAU: 600_000})
	if got := r.Explain(rule.Swedish); got != "Marketplace Rewards-nivå $5M, uppnådd genom en Teams-app med 600\u00a0000 aktiva användare per månad; det är den högsta nivån. (RWD-01)" {
		t.Errorf("Explain(sv) = %q", got)
	}
}

func TestRewardsErrors(t *testing.T) {
	// RWD-01, RWD-02
	p := DefaultPolicy()
	tests := []struct {
		name  string
		a     Activity
		paths []string
	}{
		{"wrong currency", Activity{BilledSales: money("10.00 SEK")}, []string{"activity.billedSales"}},
		{"negative", Activity{BilledSales: money("-1.00 USD"), Fraudulent: money("-1.00 USD"), TeamsMAU: -1, SeatsSold: -1},
			[]string{"activity.billedSales", "activity.fraudulent", "activity.teamsMau", "activity.seatsSold"}},
		{"fraud above sales", Activity{BilledSales: money("1.00 USD"), Fraudulent: money("2.00 USD")}, []string{"activity.fraudulent"}},
		{"seats without an instant", Activity{SeatsSold: 5}, []string{"activity.at"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Assess(tt.a)
			wantProblems(t, err, tt.paths, ErrActivity)
		})
	}
	p.Tiers = nil
	_, err := p.Assess(Activity{})
	wantProblems(t, err, []string{"policy.tiers"}, ErrPolicy)
	p = DefaultPolicy()
	p.Tiers[1].BilledSales = money("-1.00 USD")
	_, err = p.Assess(Activity{})
	wantProblems(t, err, []string{"policy.tiers[1].billedSales"}, ErrPolicy)
}

func money(s string) currency.Money { return currency.MustParse(s) }

func pstDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, pacific) }

func wantProblems(t *testing.T, err error, paths []string, sentinels ...error) {
	t.Helper()
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v (%T), want rule.Problems", err, err)
	}
	for _, s := range sentinels {
		if !errors.Is(err, s) {
			t.Errorf("err = %v, want it to wrap %v", err, s)
		}
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	if diff := cmp.Diff(paths, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}

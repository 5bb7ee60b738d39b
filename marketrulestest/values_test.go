package marketrulestest_test

import (
	"github.com/marketrules/marketrules/pricing/sheet"
	"slices"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	mrt "github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
)

func TestTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-01-31T10:00:00Z", time.Date(2026, time.January, 31, 10, 0, 0, 0, time.UTC)},
		{"2026-01-31T11:00:00+01:00", time.Date(2026, time.January, 31, 10, 0, 0, 0, time.UTC)},
		{"2026-01-31T10:00:00.5Z", time.Date(2026, time.January, 31, 10, 0, 0, 5e8, time.UTC)},
		{"2026-01-31", time.Date(2026, time.January, 31, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := mrt.Time(t, tt.in); !got.Equal(tt.want) {
			t.Errorf("Time(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := mrt.Time(t, "2026-01-31"); got.Location() != time.UTC {
		t.Errorf("a date is in %v, want UTC", got.Location())
	}
	for _, bad := range []string{"", "2026-01-31 10:00", "2026-02-30", "31/01/2026"} {
		tb := &fakeTB{}
		if got := mrt.Time(tb, bad); !got.IsZero() {
			t.Errorf("Time(%q) = %v, want the zero time", bad, got)
		}
		tb.expectFailure(t, "marketrulestest.Time", `"`+bad+`"`)
	}
}

func TestMoneyAndRate(t *testing.T) {
	if got, want := mrt.Money(t, "12.50 SEK"), currency.MustFromMinor(1250, currency.SEK); got != want {
		t.Errorf("Money = %v, want %v", got, want)
	}
	if got, want := mrt.Money(t, "1235 JPY"), currency.MustFromMinor(1235, currency.JPY); got != want {
		t.Errorf("Money = %v, want %v", got, want)
	}
	if got := mrt.Rate(t, "0.30"); got.String() != "0.30" {
		t.Errorf("Rate = %v", got)
	}
	tb := &fakeTB{}
	mrt.Money(tb, "12.505 SEK")
	tb.expectFailure(t, "marketrulestest.Money", "12.505")
	tb = &fakeTB{}
	mrt.Rate(tb, "-1")
	tb.expectFailure(t, "marketrulestest.Rate", "-1")
}

// The rate set has one usable rate for each of the 17 marketplace
// currencies, from USD, as of ExchangeRatesAsOf.
func TestExchangeRates(t *testing.T) {
	rates := mrt.ExchangeRates()
	asOf := mrt.Time(t, mrt.ExchangeRatesAsOf)
	var codes []currency.Code
	for _, r := range rates {
		codes = append(codes, r.To)
		if r.From != currency.USD || r.Rate.IsZero() || r.Rate.Scale() != 4 || !r.AsOf.Equal(asOf) {
			t.Errorf("rate %v", r)
		}
		if got := mrt.USDTo(r.To); got != r.ExchangeRate {
			t.Errorf("USDTo(%v) = %v, want %v", r.To, got, r.ExchangeRate)
		}
	}
	if want := slices.Collect(currency.Marketplace()); !slices.Equal(codes, want) {
		t.Errorf("currencies %v, want %v", codes, want)
	}
	rates[0].Rate = currency.Rate{}
	if mrt.ExchangeRates()[0].Rate.IsZero() {
		t.Error("ExchangeRates shares its slice between calls")
	}

	if got := mrt.MarketRate(market.SE); got.To != currency.SEK || got.Rate.String() != "9.4215" {
		t.Errorf("MarketRate(SE) = %v", got)
	}
	for _, none := range []currency.ExchangeRate{mrt.MarketRate(market.CN), mrt.MarketRate(0), mrt.USDTo(currency.PLN)} {
		if none != (currency.ExchangeRate{}) {
			t.Errorf("rate %v, want none", none)
		}
	}
}

// The rates price a plan in every market where it is sold: a price sheet
// saved with them has no problem.
func TestExchangeRatesPriceEveryMarket(t *testing.T) {
	gold := mrt.FlatRatePlan(t, "gold", "49.99 USD", mrt.Markets(slices.Collect(market.TransactingSet().All())...))
	sheet, err := sheet.DefaultPolicy().Save(sheet.Sheet{}, sheet.PriceList(gold), mrt.ExchangeRates(),
		mrt.Time(t, "2026-01-05T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(sheet.Prices), market.TransactingSet().Len(); got != want {
		t.Errorf("%d prices, want %d", got, want)
	}
	p, ok := sheet.Lookup(market.SE, "gold", plan.OneMonth, plan.Upfront)
	if want := mrt.Money(t, "470.98 SEK"); !ok || p.Price != want {
		t.Errorf("Sweden: %v, want %v (the README's 49.99 USD at 9.4215)", p.Price, want)
	}
	// A quote with MarketRate gives the same price.
	q, err := pricing.DefaultPolicy().Quote(pricing.Subscription{Plan: &gold, Market: market.SE, Term: plan.OneMonth,
		Rate: mrt.MarketRate(market.SE)})
	if err != nil || q.Price != p.Price {
		t.Errorf("quote %v, %v; want %v", q.Price, err, p.Price)
	}
}

func TestGUIDs(t *testing.T) {
	// Stable across runs and versions: tests may pin these.
	for _, tt := range []struct {
		got  plan.GUID
		want string
	}{
		{mrt.TenantID(1), "7d43cf66-810c-4f1c-8763-ce773ad2f0c2"},
		{mrt.TenantID(2), "5b81d4ca-47ea-4c60-a637-9a57efda12d6"},
		{mrt.SubscriptionID(1), "0047ded1-0c55-46b1-ae37-872f1bf53cb2"},
		{mrt.GUIDOf("", 1), "2215e8ac-4e2b-471c-aa48-189e79738c95"},
	} {
		if tt.got.String() != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
	var g mrt.GUIDs
	h := mrt.GUIDs{Namespace: "tenant"}
	seen := map[plan.GUID]bool{}
	for i := 1; i <= 100; i++ {
		a, b := g.Next(), h.Next()
		if b != mrt.TenantID(i) || a != mrt.GUIDOf("", i) {
			t.Fatalf("Next %d: %v, %v", i, a, b)
		}
		for _, x := range []plan.GUID{a, b, mrt.SubscriptionID(i)} {
			if seen[x] || x == (plan.GUID{}) {
				t.Fatalf("GUID %v repeated or nil", x)
			}
			seen[x] = true
			s := x.String()
			if s[14] != '4' || !slices.Contains([]byte("89ab"), s[19]) {
				t.Errorf("%s: not a version 4, RFC 4122 GUID", s)
			}
			if back, err := plan.ParseGUID(s); err != nil || back != x {
				t.Errorf("%s does not round-trip: %v", s, err)
			}
		}
	}
}

package marketrulestest

import (
	"crypto/sha256"
	"fmt"
	"github.com/marketrules/marketrules/pricing/sheet"
	"strconv"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
)

// ParseTime parses an instant written in RFC 3339
// ("2026-01-31T10:00:00Z", "2026-01-31T10:00:00+01:00") or a date
// ("2026-01-31", midnight UTC). Other text is an error naming the input.
func ParseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is neither RFC 3339 (2026-01-31T10:00:00Z) nor a date (2026-01-31)", s)
}

// Time is [ParseTime] for a test: text it cannot read fails the test with
// tb.Fatalf, naming the input.
func Time(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := ParseTime(s)
	return must(tb, "Time", t, err)
}

// Money parses an amount in the text form of [currency.Parse], "12.50 SEK"
// or "1235 JPY", exactly. Other text, or more decimal places than the
// currency has, fails the test with tb.Fatalf. Outside tests, call
// currency.Parse.
func Money(tb testing.TB, s string) currency.Money {
	tb.Helper()
	m, err := currency.Parse(s)
	return must(tb, "Money", m, err)
}

// Rate parses a non-negative fixed-point number as [currency.ParseRate]
// does: a fee ("0.03"), a reservation saving ("0.30"), a discount
// percentage ("15"). Other text fails the test with tb.Fatalf. Outside
// tests, call currency.ParseRate.
func Rate(tb testing.TB, s string) currency.Rate {
	tb.Helper()
	r, err := currency.ParseRate(s)
	return must(tb, "Rate", r, err)
}

// ExchangeRatesAsOf is the date of the rates of [ExchangeRates]: midnight
// UTC at its start is their AsOf.
const ExchangeRatesAsOf = "2026-01-02"

// illustrativeRates are the units of each marketplace currency that one USD
// buys in the kit's rate set, in the order of currency.Marketplace. They are
// ILLUSTRATIVE TEST DATA, rounded and plausible in size, not market rates:
// never use them to price anything real.
var illustrativeRates = [...]struct {
	code currency.Code
	rate string
}{
	{currency.AUD, "1.5012"},
	{currency.BRL, "5.4803"},
	{currency.CAD, "1.3745"},
	{currency.CHF, "0.7921"},
	{currency.DKK, "6.4180"},
	{currency.EUR, "0.8602"},
	{currency.GBP, "0.7431"},
	{currency.INR, "89.8540"},
	{currency.JPY, "156.7230"},
	{currency.KRW, "1445.6500"},
	{currency.NOK, "10.1290"},
	{currency.NZD, "1.7284"},
	{currency.CNY, "7.0120"},
	{currency.RUB, "79.8500"},
	{currency.SEK, "9.4215"},
	{currency.TWD, "31.4870"},
	{currency.USD, "1.0000"},
}

// ExchangeRates returns a fixed set of exchange rates from USD to each of
// the 17 marketplace currencies (PRC-08; USD to USD is 1.0000), quoted as of
// [ExchangeRatesAsOf]: the dated rates that [sheet.Policy.Save] and
// [sheet.RateAt] take. The rates are ILLUSTRATIVE TEST DATA with four
// decimal places, of plausible size but not market rates; 9.4215 SEK/USD is
// the rate of the README's example. The slice is new on every call.
func ExchangeRates() []sheet.DatedRate {
	asOf := time.Date(2026, time.January, 2, 0, 0, 0, 0, time.UTC)
	out := make([]sheet.DatedRate, 0, len(illustrativeRates))
	for _, r := range illustrativeRates {
		out = append(out, sheet.DatedRate{ExchangeRate: usdTo(r.code, r.rate), AsOf: asOf})
	}
	return out
}

func usdTo(c currency.Code, rate string) currency.ExchangeRate {
	r, _ := currency.ParseRate(rate) // cannot fail: TestExchangeRates parses every one
	return currency.ExchangeRate{From: currency.USD, To: c, Rate: r}
}

// USDTo returns the illustrative rate of [ExchangeRates] from USD to c, for
// a quote's or a conversion's exchange rate. For a currency outside the 17
// marketplace currencies it returns the zero ExchangeRate, which the library
// refuses as a missing rate.
func USDTo(c currency.Code) currency.ExchangeRate {
	for _, r := range illustrativeRates {
		if r.code == c {
			return usdTo(r.code, r.rate)
		}
	}
	return currency.ExchangeRate{}
}

// MarketRate returns the illustrative rate of [ExchangeRates] from USD to
// the billing currency of market m, ready for [pricing.Subscription].Rate:
// MarketRate(market.SE) is 9.4215 SEK/USD. For China, which has no billing
// currency, and for an invalid code it returns the zero ExchangeRate.
func MarketRate(m market.Code) currency.ExchangeRate {
	return USDTo(m.Market().Currency)
}

// GUIDs is a deterministic generator of GUIDs for customers' tenants and
// subscriptions: the same Namespace gives the same sequence in every run,
// and different namespaces give different GUIDs. The zero GUIDs is ready to
// use (namespace ""). The GUIDs look like random (version 4) GUIDs, but are
// derived from a SHA-256 hash of the namespace and a counter. A GUIDs is not
// safe for concurrent use; give each goroutine its own.
type GUIDs struct {
	// Namespace separates sequences: "tenant", "subscription", a test's
	// name.
	Namespace string `json:"namespace"`
	n         int
}

// Next returns the next GUID of the sequence: the first call returns
// GUIDOf(g.Namespace, 1), the second GUIDOf(g.Namespace, 2), ….
func (g *GUIDs) Next() plan.GUID {
	g.n++
	return GUIDOf(g.Namespace, g.n)
}

// GUIDOf returns GUID number n of namespace ns: a stable value, never the nil
// GUID, with the version 4 and RFC 4122 variant bits set.
func GUIDOf(ns string, n int) plan.GUID {
	h := sha256.New()
	h.Write([]byte(ns))
	h.Write([]byte{0})
	h.Write(strconv.AppendInt(nil, int64(n), 10))
	var g plan.GUID
	copy(g[:], h.Sum(nil))
	g[6] = g[6]&0x0f | 0x40 // version 4
	g[8] = g[8]&0x3f | 0x80 // RFC 4122 variant
	return g
}

// TenantID returns customer tenant n's Entra ID tenant ID, GUIDOf("tenant",
// n): TenantID(1) is the same GUID in every test and every run.
func TenantID(n int) plan.GUID { return GUIDOf("tenant", n) }

// SubscriptionID returns Azure subscription n's ID, GUIDOf("subscription", n).
func SubscriptionID(n int) plan.GUID { return GUIDOf("subscription", n) }

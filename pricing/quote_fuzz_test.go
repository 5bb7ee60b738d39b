package pricing_test

import (
	"encoding/binary"
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// qtFuzzBytes reads values from fuzz input; past its end it reads zeros.
type qtFuzzBytes []byte

func (b *qtFuzzBytes) u64() uint64 {
	var buf [8]byte
	n := copy(buf[:], *b)
	*b = (*b)[n:]
	return binary.LittleEndian.Uint64(buf[:])
}

func (b *qtFuzzBytes) intn(n int) int { return int(b.u64() % uint64(n)) }

func (b *qtFuzzBytes) i64() int64 { return int64(b.u64()) }

// small returns a mostly small, sometimes extreme, possibly negative
// number.
func (b *qtFuzzBytes) small() int64 {
	v := b.i64()
	switch v & 3 {
	case 0:
		return v >> 2
	case 1:
		return v % 100
	}
	return v % 100_000
}

// weird reports, one time in eight, that a value should be unusual;
// past the end of the input it reports false.
func (b *qtFuzzBytes) weird() bool { return b.intn(8) == 7 }

func (b *qtFuzzBytes) money(c currency.Code) currency.Money {
	switch {
	case !b.weird():
		return currency.MustFromMinor(int64(b.intn(1_000_000)), c)
	case b.intn(2) == 0:
		return currency.Money{}
	}
	return currency.MustFromMinor(b.small(), c)
}

func (b *qtFuzzBytes) instant() time.Time {
	loc := []*time.Location{time.UTC, qtStockholm, qtNewYork}[b.intn(3)]
	switch {
	case !b.weird():
		return time.Unix(946684800+int64(b.intn(100*365*86400)), int64(b.intn(2))*b.i64()%1e9).In(loc)
	case b.intn(2) == 0:
		return time.Time{}
	}
	return time.Unix(b.i64()%(1<<36), b.i64()%1e9).In(loc)
}

// qtFuzzTerms are the valid terms and payment options (EXT-05).
var qtFuzzTerms = []struct {
	t plan.Term
	p plan.PaymentOption
}{{plan.OneMonth, plan.Upfront}, {plan.OneYear, plan.Upfront}, {plan.OneYear, plan.Monthly}, {plan.TwoYears, plan.Upfront},
	{plan.TwoYears, plan.Monthly}, {plan.TwoYears, plan.Annual}, {plan.ThreeYears, plan.Upfront}, {plan.ThreeYears, plan.Monthly},
	{plan.ThreeYears, plan.Annual}, {plan.Hourly, plan.Upfront}}

func (b *qtFuzzBytes) term() (plan.Term, plan.PaymentOption) {
	if b.weird() {
		return plan.Term(b.intn(7)), plan.PaymentOption(b.intn(4))
	}
	tp := qtFuzzTerms[b.intn(len(qtFuzzTerms))]
	return tp.t, tp.p
}

// plan returns a plan of any model, usually a sensible one, with fuzzed
// prices, limits and meters, offering term t paid with pay.
func (b *qtFuzzBytes) plan(id string, t plan.Term, pay plan.PaymentOption) *plan.Plan {
	markets := []market.Code{market.US, market.SE, market.JP, market.CN, market.DE, 0, 200}
	p := &plan.Plan{ID: id, Markets: market.SetOf(market.US, market.SE, market.JP, market.CN)}
	p.Pricing.Model = []plan.Model{plan.FlatRate, plan.PerUser, plan.UsageOnly, plan.PerVCPU, plan.PerVCPUSize, plan.PerMarketAndVCPUSize, plan.BYOL, plan.Free}[b.intn(8)]
	if b.weird() {
		p.Pricing.Model = plan.Model(b.intn(10))
	}
	if b.weird() {
		p.Pricing.Users = plan.Users{Min: b.small(), Max: b.small()}
	}
	p.Pricing.Terms = []plan.TermPrice{{Term: t, Payment: pay, Price: b.money(currency.USD)}}
	for range b.intn(3) {
		t2, p2 := b.term()
		tp := plan.TermPrice{Term: t2, Payment: p2, Price: b.money(currency.USD)}
		if b.intn(3) == 0 {
			tp.Markets = []plan.MarketPrice{{Market: markets[b.intn(len(markets))], Price: b.money([]currency.Code{currency.SEK, currency.JPY, currency.EUR}[b.intn(3)])}}
		}
		p.Pricing.Terms = append(p.Pricing.Terms, tp)
	}
	for i := range b.intn(3) {
		q := plan.Quantity(b.intn(1000))
		if b.weird() {
			q = plan.Quantity(b.small())
		}
		p.Pricing.Meters = append(p.Pricing.Meters, plan.Meter{Dimension: []string{"a", "b", "c"}[i], Price: b.money(currency.USD),
			Included: []plan.Included{{Term: t, Quantity: q}}})
	}
	vcpus := func() int {
		if b.weird() {
			return int(b.small())
		}
		return 1 << b.intn(5)
	}
	p.Pricing.VM = plan.VMPricing{PerHour: b.money(currency.USD),
		Sizes:        []plan.SizePrice{{VCPUs: vcpus(), Price: b.money(currency.USD)}},
		MarketSizes:  []plan.MarketSizePrice{{Market: markets[b.intn(len(markets))], VCPUs: vcpus(), Price: b.money(currency.SEK)}},
		Reservations: []plan.Reservation{{Term: plan.Term(1 + b.intn(5)), Saving: currency.MustParseRate([]string{"0", "0.3", "0.5", "0.999", "1", "2.5"}[b.intn(6)])}}}
	return p
}

func (b *qtFuzzBytes) quantity() int64 {
	if b.weird() {
		return b.small()
	}
	return []int64{0, 1, 1, 2, 5, 40}[b.intn(6)]
}

func (b *qtFuzzBytes) request() pricing.Subscription {
	markets := []market.Code{market.US, market.SE, market.JP, market.CN, market.DE, 0, 200}
	rates := []currency.ExchangeRate{{}, qtToSEK, qtToJPY, qtToEUR,
		{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("999999999999.999999")}}
	t, pay := b.term()
	req := pricing.Subscription{Plan: b.plan("p", t, pay), Market: market.US, Term: t, Payment: pay,
		Quantity: b.quantity(), VCPUs: 1 << b.intn(5), Start: b.instant()}
	switch b.intn(4) {
	case 1:
		req.Market, req.Rate = market.SE, qtToSEK
	case 2:
		req.Market, req.Rate = market.JP, qtToJPY
	}
	if b.weird() {
		req.Market, req.Rate = markets[b.intn(len(markets))], rates[b.intn(len(rates))]
	}
	if b.weird() {
		req.VCPUs = int(b.small())
	}
	return req
}

func (b *qtFuzzBytes) quotePolicy() pricing.Policy {
	pol := pricing.DefaultPolicy()
	pol.Location = []*time.Location{nil, time.UTC, qtStockholm, qtNewYork}[b.intn(4)]
	pol.ConversionRounding = currency.RoundingMode(b.intn(7))
	pol.MinuteRounding = currency.RoundingMode(b.intn(7))
	if b.weird() {
		pol.UsageRounding = currency.RoundingMode(b.intn(8))
		pol.ReservationRounding = currency.RoundingMode(b.intn(8))
		pol.ReservationYear = time.Duration(b.small()) * time.Hour
		pol.UsageMonths = calendar.Months(b.small())
	}
	return pol
}

// instantAfter returns an instant usually at or after t.
func (b *qtFuzzBytes) instantAfter(t time.Time) time.Time {
	if b.weird() {
		return t.Add(time.Duration(b.small()) * time.Minute)
	}
	return t.Add(time.Duration(b.intn(4*366*86400)) * time.Second)
}

// qtCheckError checks that err is a rule.Problems whose every problem
// names a path and a rule and wraps a sentinel of this package or
// currency.ErrOverflow.
func qtCheckError(t *testing.T, err error) {
	t.Helper()
	var ps rule.Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("error %v is not rule.Problems", err)
	}
	for _, p := range ps {
		if p.Path == "" || p.Rule == "" || p.Err == nil {
			t.Fatalf("problem without path, rule or sentinel: %#v", p)
		}
		known := false
		for _, s := range []error{pricing.ErrUnpriced, pricing.ErrNoRate, pricing.ErrSeats, pricing.ErrUsage, pricing.ErrInstant,
			pricing.ErrPolicy, pricing.ErrSubscriptionChange, currency.ErrOverflow} {
			known = known || errors.Is(p.Err, s)
		}
		if !known {
			t.Fatalf("problem %v wraps no known sentinel: %v", p, p.Err)
		}
		_ = p.Text(rule.Swedish)
	}
}

// FuzzQuote builds quote requests from random bytes: quoting never
// panics, fails only with problems, and what succeeds adds up.
func FuzzQuote(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("quote a per-user plan in Sweden for a year, paid monthly"))
	f.Add(make([]byte, 200))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := qtFuzzBytes(data)
		req := b.request()
		pol := b.quotePolicy()
		at := b.instantAfter(req.Start)

		q, err := pol.Quote(req)
		if err != nil {
			qtCheckError(t, err)
		} else {
			if p, err := q.UnitPrice.Mul(q.Quantity); err != nil || p != q.Price {
				t.Fatalf("%v × %d = %v, quote says %v", q.UnitPrice, q.Quantity, p, q.Price)
			}
			_ = q.Explain(rule.Swedish)
		}
		lines, err := pol.AppendSchedule(nil, req, at)
		if err != nil {
			qtCheckError(t, err)
		} else {
			var sum currency.Money
			for _, l := range lines {
				sum, _ = sum.Add(l.Amount)
				_ = l.Explain(rule.English)
			}
			if len(lines) != q.Payments || sum != q.Price {
				t.Fatalf("%d payments summing to %v for %v", len(lines), sum, q)
			}
		}
		u := pricing.MeteredUsage{Dimension: []string{"a", "a", "b", "x"}[b.intn(4)], UsedBefore: b.quantity() * 100, Used: b.quantity() * 100}
		if l, err := pol.QuoteOverage(req, at, u); err != nil {
			qtCheckError(t, err)
		} else if l.Quantity < 0 || l.Quantity > u.Used || l.Amount.IsNegative() || !l.Period.Contains(at.In(l.Period.Start.Location())) {
			t.Fatalf("overage line %+v for %+v", l, u)
		}
		v := pricing.VMUsage{VCPUs: req.VCPUs, Runtime: time.Duration(b.quantity()) * time.Hour}
		if b.weird() {
			v = pricing.VMUsage{VCPUs: int(b.small()), Runtime: time.Duration(b.small()) * time.Second}
		}
		if l, err := pol.QuoteVMUsage(req, at, v); err != nil {
			qtCheckError(t, err)
		} else if l.Amount.IsNegative() || l.Minutes < 0 {
			t.Fatalf("VM line %+v for %+v", l, v)
		}
	})
}

// FuzzProrate builds prorations from random bytes: Prorate never panics,
// fails only with problems, and conserves money when it succeeds.
func FuzzProrate(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("upgrade from basic to premium in the middle of February"))
	f.Add(make([]byte, 300))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := qtFuzzBytes(data)
		sub := b.request()
		pol := b.quotePolicy()
		pol.ProrationRounding = currency.RoundingMode(b.intn(7))
		pol.ProrationUnit = pricing.ProrationUnit(b.intn(2))
		pol.Upgrade, pol.Downgrade = pricing.ChangeTiming(b.intn(3)), pricing.ChangeTiming(b.intn(3))
		pol.SeatReductionWindow = []calendar.Days{0, 7}[b.intn(2)]
		if b.weird() {
			pol.ProrationUnit = pricing.ProrationUnit(b.intn(3))
			pol.ProrationRounding = currency.RoundingMode(b.intn(8))
			pol.Upgrade, pol.Downgrade = pricing.ChangeTiming(b.intn(4)), pricing.ChangeTiming(b.intn(4))
			pol.SeatReductionWindow = calendar.Days(b.small())
		}
		var ch pricing.SubscriptionChange
		switch b.intn(3) {
		case 0: // another plan with the same term
			ch.Plan = b.plan("q", sub.Term, sub.Payment)
			ch.Plan.Pricing.Model = sub.Plan.Pricing.Model
		case 1: // another number of users
			ch.Quantity = b.quantity()
			ch.SeatsAddedAt = b.instantAfter(sub.Start)
		default:
			ch = pricing.SubscriptionChange{Plan: b.plan("q", sub.Term, sub.Payment), Quantity: b.small(), SeatsAddedAt: b.instant()}
		}
		at := b.instantAfter(sub.Start)
		p, err := pol.Prorate(sub, ch, at)
		if err != nil {
			qtCheckError(t, err)
			return
		}
		prCheckInvariants(t, p)
		if -p.Credit.Minor() > p.Paid.Minor() {
			t.Fatalf("credit %v exceeds paid %v", p.Credit, p.Paid)
		}
		_ = p.String()
	})
}

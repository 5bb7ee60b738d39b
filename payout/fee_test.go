package payout

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

var (
	era3    = pstDate(2023, time.March, 1)  // 3% era
	era20   = pstDate(2020, time.August, 1) // 20% era, no reduction
	eraRed  = pstDate(2019, time.June, 1)   // 20%, reduced 10% for qualified offers
	eraOld  = pstDate(2018, time.June, 1)   // 20% before the reduction
	from3   = pstDate(2021, time.July, 1)
	fromRed = pstDate(2019, time.May, 1)
	toRed   = pstDate(2020, time.July, 1)
)

// The store fee worked examples: the worked examples of the store fee.
func TestPAY05_StoreFeeWorkedExamples(t *testing.T) {
	// PAY-05, PAY-06, EXT-10
	p := Policy2023()
	type want struct {
		rule          rule.ID
		reason        rule.Reason
		rate          string
		fee, share    string
		infra, billed string
		eraFrom       time.Time
	}
	tests := []struct {
		name string
		sale Transaction
		want want
	}{
		{"VM usage, 3%: license 1.00, infrastructure 0.14",
			Transaction{Gross: money("1.00 USD"), Infrastructure: money("0.14 USD"), Collected: era3},
			want{rule.PAY05, ReasonFeeStandard, "0.03", "0.03 USD", "0.97 USD", "0.14 USD", "1.14 USD", from3}},
		{"BYOL: Microsoft bills 0.14 and keeps 0% of the license",
			Transaction{Infrastructure: money("0.14 USD"), Pricing: BYOL, Collected: era3},
			want{rule.EXT10, ReasonFeeBYOL, "0", "0.00 USD", "0.00 USD", "0.14 USD", "0.14 USD", from3}},
		{"20% era: 0.80 to the publisher, 0.20 kept",
			Transaction{Gross: money("1.00 USD"), Infrastructure: money("0.14 USD"), Collected: era20},
			want{rule.PAY05, ReasonFeeStandard, "0.20", "0.20 USD", "0.80 USD", "0.14 USD", "1.14 USD", toRed}},
		{"SaaS 100.00, 3%",
			Transaction{Gross: money("100.00 USD"), Collected: era3},
			want{rule.PAY05, ReasonFeeStandard, "0.03", "3.00 USD", "97.00 USD", "0.00 USD", "100.00 USD", from3}},
		{"SaaS 100.00, 20% era",
			Transaction{Gross: money("100.00 USD"), Collected: era20},
			want{rule.PAY05, ReasonFeeStandard, "0.20", "20.00 USD", "80.00 USD", "0.00 USD", "100.00 USD", toRed}},
		{"qualified SaaS 100.00, reduced 10%",
			Transaction{Gross: money("100.00 USD"), Qualified: true, Collected: eraRed},
			want{rule.EXT10, ReasonFeeReduced, "0.10", "10.00 USD", "90.00 USD", "0.00 USD", "100.00 USD", fromRed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := p.Fee(tt.sale)
			if err != nil {
				t.Fatal(err)
			}
			got := want{f.Rule, f.Reason, f.Rate.String(), f.Fee.String(), f.Share.String(),
				f.Infrastructure.String(), f.Billed.String(), f.EraFrom}
			if tt.want.rate == "0" && f.Rate.IsZero() {
				got.rate = "0"
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("Fee(%+v) mismatch (-want +got):\n%s", tt.sale, diff)
			}
		})
	}
}

func TestEXT10_FeeEras(t *testing.T) {
	// EXT-10, PAY-05: the effective-dated schedule, at its boundaries.
	p := Policy2023()
	tests := []struct {
		name      string
		at        time.Time
		qualified bool
		wantFee   string
	}{
		{"before the reduction, qualified pays 20%", eraOld, true, "20.00 USD"},
		{"last instant before 1 May 2019", fromRed.Add(-time.Nanosecond), true, "20.00 USD"},
		{"1 May 2019 00:00 PST, qualified", fromRed, true, "10.00 USD"},
		{"1 May 2019, not qualified", fromRed, false, "20.00 USD"},
		{"30 June 2020, last instant, qualified", toRed.Add(-time.Nanosecond), true, "10.00 USD"},
		{"1 July 2020, qualified pays 20% again", toRed, true, "20.00 USD"},
		{"30 June 2021, last instant of 20%", from3.Add(-time.Nanosecond), false, "20.00 USD"},
		{"1 July 2021 00:00 PST: 3%", from3, false, "3.00 USD"},
		{"3% era, qualified pays 3% too", era3, true, "3.00 USD"},
		{"1 July 2021 07:59 UTC is still 30 June in PST", time.Date(2021, 7, 1, 7, 59, 0, 0, time.UTC), false, "20.00 USD"},
	}
	for _, tt := range tests {
		f, err := p.Fee(Transaction{Gross: money("100.00 USD"), Qualified: tt.qualified, Collected: tt.at})
		if err != nil {
			t.Fatal(err)
		}
		if f.Fee.String() != tt.wantFee {
			t.Errorf("%s: fee %v, want %s", tt.name, f.Fee, tt.wantFee)
		}
	}
}

func TestPAY06_ZeroPrice(t *testing.T) {
	// PAY-06, PLN-12: a 0 USD plan carries no fee; list-only offers carry none (EXT-10).
	p := Policy2023()
	tests := []struct {
		sale   Transaction
		rule   rule.ID
		reason rule.Reason
	}{
		{Transaction{Gross: money("0.00 USD"), Pricing: ZeroPrice, Collected: era3}, rule.PAY06, ReasonFeeZeroPrice},
		{Transaction{Gross: money("0.00 USD"), Collected: era3}, rule.PAY06, ReasonFeeZeroPrice},
		{Transaction{Gross: money("0.00 USD"), Pricing: ListOnly, Collected: era3}, rule.EXT10, ReasonFeeListOnly},
	}
	for _, tt := range tests {
		f, err := p.Fee(tt.sale)
		if err != nil {
			t.Fatal(err)
		}
		if f.Rule != tt.rule || f.Reason != tt.reason || f.Fee.Sign() != 0 || f.Share.Sign() != 0 || !f.Rate.IsZero() {
			t.Errorf("Fee(%+v) = %+v, want no fee by %s %s", tt.sale, f, tt.rule, tt.reason)
		}
	}
}

func TestPAY05_FeeRoundingAndRefunds(t *testing.T) {
	// PAY-05: the fee is rounded once, half-even by default; the share is the rest.
	tests := []struct {
		license string
		mode    currency.RoundingMode
		fee     string
		share   string
	}{
		{"0.50 USD", currency.HalfEven, "0.02 USD", "0.48 USD"},    // 0.015 → 0.02 (even)
		{"0.50 USD", currency.Down, "0.01 USD", "0.49 USD"},        // truncated
		{"0.10 USD", currency.HalfEven, "0.00 USD", "0.10 USD"},    // 0.003
		{"-0.50 USD", currency.HalfEven, "-0.02 USD", "-0.48 USD"}, // a refund returns the same fee
		{"999 JPY", currency.HalfEven, "30 JPY", "969 JPY"},        // 29.97
		{"1234.56 SEK", currency.HalfUp, "37.04 SEK", "1197.52 SEK"},
	}
	for _, tt := range tests {
		p := Policy2023()
		p.FeeRounding = tt.mode
		f, err := p.Fee(Transaction{Gross: money(tt.license), Collected: era3})
		if err != nil {
			t.Fatal(err)
		}
		if f.Fee.String() != tt.fee || f.Share.String() != tt.share {
			t.Errorf("%s %v: fee %v share %v, want %s %s", tt.license, tt.mode, f.Fee, f.Share, tt.fee, tt.share)
		}
	}
}

func TestPAY05_FeeErrors(t *testing.T) {
	// PAY-05, PRC-08, EXT-10: invalid sales, every problem at once.
	p := Policy2023()
	tests := []struct {
		name      string
		sale      Transaction
		paths     []string
		sentinels []error
	}{
		{"no currency, no date", Transaction{}, []string{"transaction.date", "transaction.gross"}, []error{ErrCurrency, ErrDate}},
		{"not a marketplace currency", Transaction{Gross: money("10.00 XAF"), Collected: era3}, []string{"transaction.gross"}, []error{ErrCurrency}},
		{"mixed currencies", Transaction{Gross: money("1.00 USD"), Infrastructure: money("1.00 SEK"), Collected: era3},
			[]string{"transaction.infrastructure"}, []error{ErrCurrency}},
		{"license on BYOL", Transaction{Gross: money("1.00 USD"), Pricing: BYOL, Collected: era3}, []string{"transaction.gross"}, []error{ErrAmount}},
		{"license on a 0 USD plan", Transaction{Gross: money("1.00 USD"), Pricing: ZeroPrice, Collected: era3}, []string{"transaction.gross"}, []error{ErrAmount}},
		{"unknown pricing", Transaction{Gross: money("1.00 USD"), Pricing: 9, Collected: era3}, []string{"transaction.pricing"}, []error{ErrUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Fee(tt.sale)
			wantProblems(t, err, tt.paths, tt.sentinels...)
		})
	}
	bad := Policy2023()
	bad.PayoutDay = 0
	if _, err := bad.Fee(Transaction{Gross: money("1.00 USD"), Collected: era3}); !errors.Is(err, ErrPolicy) {
		t.Errorf("invalid policy: err = %v, want ErrPolicy", err)
	}
	huge := Transaction{Gross: currency.MustFromMinor(1<<63-1, currency.USD), Infrastructure: money("0.01 USD"), Collected: era3}
	if _, err := p.Fee(huge); !errors.Is(err, ErrOverflow) {
		t.Errorf("billed amount overflows: err = %v, want ErrOverflow", err)
	}
}

// Property: fee + share = license exactly, for every amount, rate and
// rounding mode; the fee has the license's sign and is at most the license;
// and half-even fees are symmetric, so a refund returns the fee charged.
func TestPAY05_FeePlusShareIsGross(t *testing.T) {
	// PAY-05
	r := rand.New(rand.NewPCG(5, 5))
	for i := 0; i < 20000; i++ {
		p := Policy2023()
		p.FeeRounding = currency.RoundingMode(r.IntN(7))
		rate := mustRate(r.Int64N(10_001), 4) // 0 … 100%
		p.Fees = []FeeEra{{Standard: rate, Qualified: rate}}
		c := testCurrencies[r.IntN(len(testCurrencies))]
		lic := currency.MustFromMinor(r.Int64N(1<<50)-1<<49, c)
		f, err := p.Fee(Transaction{Gross: lic, Collected: era3})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := f.Fee.Add(f.Share)
		if err != nil || sum != lic {
			t.Fatalf("%v at %v (%v): fee %v + share %v = %v, want %v", lic, rate, p.FeeRounding, f.Fee, f.Share, sum, lic)
		}
		if f.Fee.Sign()*lic.Sign() < 0 || abs(f.Fee.Minor()) > abs(lic.Minor()) {
			t.Fatalf("%v at %v: fee %v out of range", lic, rate, f.Fee)
		}
		if p.FeeRounding == currency.HalfEven {
			neg, _ := lic.Neg()
			g, _ := p.Fee(Transaction{Gross: neg, Collected: era3})
			if g.Fee.Minor() != -f.Fee.Minor() {
				t.Fatalf("fee(%v) = %v but fee(%v) = %v", lic, f.Fee, neg, g.Fee)
			}
		}
	}
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestFeeExplain(t *testing.T) {
	// PAY-05, PAY-06, EXT-10
	p := Policy2023()
	tests := []struct {
		sale   Transaction
		en, sv string
	}{
		{Transaction{Gross: money("1.00 USD"), Infrastructure: money("0.14 USD"), Collected: era3},
			"Store service fee: 3% of the license fee $1.00 is $0.03 (rounded half-even); the publisher's share is $0.97. Azure infrastructure $0.14 carries no store service fee: Microsoft keeps all of it. (PAY-05)",
			"Butikstjänstavgift: 3\u00a0% av licensavgiften 1,00\u00a0US$ är 0,03\u00a0US$ (avrundat halvt till jämnt); utgivarens andel är 0,97\u00a0US$. Azure-infrastrukturen 0,14\u00a0US$ har ingen butikstjänstavgift: Microsoft behåller hela beloppet. (PAY-05)"},
		{Transaction{Gross: money("100.00 SEK"), Qualified: true, Collected: eraRed},
			"Reduced store service fee for a qualified offer: 10% of the license fee SEK\u00a0100.00 is SEK\u00a010.00 (rounded half-even); the publisher's share is SEK\u00a090.00. (EXT-10)",
			"Reducerad butikstjänstavgift för ett kvalificerat erbjudande: 10\u00a0% av licensavgiften 100,00\u00a0kr är 10,00\u00a0kr (avrundat halvt till jämnt); utgivarens andel är 90,00\u00a0kr. (EXT-10)"},
		{Transaction{Infrastructure: money("0.14 USD"), Pricing: BYOL, Collected: era3},
			"BYOL: Microsoft bills no license fee and keeps 0% of it; the fee is $0.00. Azure infrastructure $0.14 carries no store service fee: Microsoft keeps all of it. (EXT-10)",
			"BYOL: Microsoft fakturerar ingen licensavgift och behåller 0\u00a0% av den; avgiften är 0,00\u00a0US$. Azure-infrastrukturen 0,14\u00a0US$ har ingen butikstjänstavgift: Microsoft behåller hela beloppet. (EXT-10)"},
		{Transaction{Gross: money("0.00 USD"), Pricing: ZeroPrice, Collected: era3},
			"A 0 USD plan carries no store service fee: the fee is $0.00 and the publisher's share is $0.00. (PAY-06)",
			"En plan för 0 USD har ingen butikstjänstavgift: avgiften är 0,00\u00a0US$ och utgivarens andel är 0,00\u00a0US$. (PAY-06)"},
		{Transaction{Pricing: ListOnly, Gross: money("0.00 EUR"), Collected: era3},
			"A list-only offer is not sold through Microsoft: the publisher keeps 100% and the fee is €0.00. (EXT-10)",
			"Ett erbjudande som bara listas säljs inte via Microsoft: utgivaren behåller 100\u00a0% och avgiften är 0,00\u00a0€. (EXT-10)"},
	}
	for _, tt := range tests {
		f, err := p.Fee(tt.sale)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Explain(rule.English); got != tt.en {
			t.Errorf("English:\n got %q\nwant %q", got, tt.en)
		}
		if got := f.Explain(rule.Swedish); got != tt.sv {
			t.Errorf("Swedish:\n got %q\nwant %q", got, tt.sv)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, tt := range []struct{ rate, en, sv string }{
		{"0.03", "3%", "3\u00a0%"}, {"0.2", "20%", "20\u00a0%"}, {"0.105", "10.5%", "10,5\u00a0%"},
		{"0.0005", "0.05%", "0,05\u00a0%"}, {"1", "100%", "100\u00a0%"}, {"0.1000", "10%", "10\u00a0%"},
	} {
		r := currency.MustParseRate(tt.rate)
		if got := percent(r, rule.English); got != tt.en {
			t.Errorf("percent(%s) = %q, want %q", tt.rate, got, tt.en)
		}
		if got := percent(r, rule.Swedish); got != tt.sv {
			t.Errorf("percent(%s, sv) = %q, want %q", tt.rate, got, tt.sv)
		}
	}
}

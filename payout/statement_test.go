package payout

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// buildStatement is BuildStatement under the default policy, failing the
// test on error.
func buildStatement(t *testing.T, rates Rates, txs ...Transaction) Statement {
	t.Helper()
	st, err := Policy2023().BuildStatement(slices.Values(txs), rates)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

type payoutRow struct {
	Month    Month
	Allowed  bool
	Reason   rule.Reason
	Combined string
	Paid     []string
}

func rows(st Statement) []payoutRow {
	var out []payoutRow
	for _, p := range st.Payouts {
		r := payoutRow{Month: p.Month, Allowed: p.Allowed, Reason: p.Reason, Combined: p.Combined.String()}
		for _, b := range p.Balances {
			r.Paid = append(r.Paid, b.Paid.String())
		}
		out = append(out, r)
	}
	return out
}

// a written-off non-payment is deducted from the next payout and
// later payouts are withheld until it is recovered.
func TestEXT11_Recoupment(t *testing.T) {
	// EXT-11, PAY-04
	sale := tx(pstDate(2020, time.September, 20), EA, Invoice, Order, "1250.00 USD") // 20% era: 1,000.00 net
	writeOff := Transaction{Date: pstDate(2021, time.February, 15), Agreement: EA, Payment: Invoice, Charge: Order,
		Type: Reversal, Gross: money("-1250.00 USD"), Collected: sale.Date} // the fee of the original charge is returned
	later := []Transaction{
		tx(pstDate(2021, time.February, 3), EA, Invoice, Order, "500.00 USD"), // 400.00 net, paid in March
		tx(pstDate(2021, time.March, 3), EA, Invoice, Order, "500.00 USD"),    // April
		tx(pstDate(2021, time.April, 3), EA, Invoice, Order, "1000.00 USD"),   // May: 800.00
	}
	st := buildStatement(t, nil, append([]Transaction{sale, writeOff}, later...)...)
	want := []payoutRow{
		{MonthOf(2020, 10), Paid, ReasonThresholdMet, "1000.00 USD", []string{"1000.00 USD"}},
		// The write-off (−1,000.00) is deducted on 1 March and the March payout is withheld.
		{MonthOf(2021, 3), Withheld, ReasonNegativeBalance, "-600.00 USD", []string{"0.00 USD"}},
		{MonthOf(2021, 4), Withheld, ReasonNegativeBalance, "-200.00 USD", []string{"0.00 USD"}},
		{MonthOf(2021, 5), Paid, ReasonThresholdMet, "600.00 USD", []string{"600.00 USD"}},
	}
	if diff := cmp.Diff(want, rows(st)); diff != "" {
		t.Errorf("payouts mismatch (-want +got):\n%s", diff)
	}
	oct, _ := st.Payout(MonthOf(2020, 10))
	mar, _ := st.Payout(MonthOf(2021, 3))
	if !oct.Date.Equal(pstDate(2020, 10, 15)) || !mar.PreparedFrom.Equal(pstDate(2021, 3, 1)) || !mar.Date.Equal(pstDate(2021, 3, 15)) {
		t.Errorf("dates: paid %v, deducted %v, withheld %v", oct.Date, mar.PreparedFrom, mar.Date)
	}
	if b := mar.Balances[0]; b.Opening.String() != "0.00 USD" || b.Net.String() != "-600.00 USD" || b.Closing.String() != "-600.00 USD" {
		t.Errorf("March balance %+v", b)
	}
	tot, _ := st.Total(currency.USD)
	if tot.Paid.String() != "1600.00 USD" || tot.Net.String() != "1600.00 USD" || tot.Carried.Sign() != 0 || tot.Withheld.Sign() != 0 {
		t.Errorf("totals %+v", tot)
	}
	// Stopped in April, the statement still owes: the negative balance is withheld.
	st = buildStatement(t, nil, append([]Transaction{sale, writeOff}, later[:2]...)...)
	tot, _ = st.Total(currency.USD)
	if tot.Withheld.String() != "-200.00 USD" || tot.Carried.Sign() != 0 {
		t.Errorf("withheld totals %+v", tot)
	}
	if got := mar.Explain(rule.English); got != "Payout 2021-03: the combined balance -$600.00 is negative, so nothing is paid until later earnings recover it. (EXT-11)" {
		t.Errorf("Explain = %q", got)
	}
	if got := mar.Explain(rule.Swedish); got != "Utbetalning 2021-03: det kombinerade saldot −600,00\u00a0US$ är negativt, så inget betalas ut förrän senare intäkter har täckt det. (EXT-11)" {
		t.Errorf("Explain(sv) = %q", got)
	}
}

func TestPAY04_Threshold(t *testing.T) {
	// PAY-04: 50.00 USD combined across currencies, converted at the month's rates.
	feb := MonthOf(2024, 2)
	rates := MonthRates{
		feb:              {{From: currency.SEK, To: currency.USD, Rate: currency.MustParseRate("0.10")}},
		MonthOf(2024, 3): {{From: currency.SEK, To: currency.USD, Rate: currency.MustParseRate("0.20")}},
	}
	ea := func(d time.Time, gross string) Transaction { return tx(d, EA, Invoice, Order, gross) }
	tests := []struct {
		name string
		txs  []Transaction
		want []payoutRow
	}{
		{"49.99 USD net is carried", []Transaction{ea(jan10, "51.54 USD")}, // fee 1.55 → 49.99
			[]payoutRow{{feb, Carried, ReasonThresholdNotMet, "49.99 USD", []string{"0.00 USD"}}}},
		{"exactly 50.00 USD net is paid", []Transaction{ea(jan10, "51.55 USD")}, // fee 1.55 → 50.00
			[]payoutRow{{feb, Paid, ReasonThresholdMet, "50.00 USD", []string{"50.00 USD"}}}},
		{"carried, then paid when the next month reaches it", []Transaction{ea(jan10, "30.00 USD"), ea(pstDate(2024, 2, 1), "30.00 USD")},
			[]payoutRow{{feb, Carried, ReasonThresholdNotMet, "29.10 USD", []string{"0.00 USD"}},
				{MonthOf(2024, 3), Paid, ReasonThresholdMet, "58.20 USD", []string{"58.20 USD"}}}},
		{"combined across currencies", []Transaction{ea(jan10, "30.00 USD"), ea(jan10, "300.00 SEK")},
			[]payoutRow{{feb, Paid, ReasonThresholdMet, "58.20 USD", []string{"291.00 SEK", "29.10 USD"}}}},
		{"a rate change alone lifts a carried balance", []Transaction{ea(jan10, "300.00 SEK"), ea(pstDate(2024, 2, 1), "0.00 USD")},
			[]payoutRow{{feb, Carried, ReasonThresholdNotMet, "29.10 USD", []string{"0.00 SEK"}},
				{MonthOf(2024, 3), Paid, ReasonThresholdMet, "58.20 USD", []string{"291.00 SEK", "0.00 USD"}}}},
		{"a negative currency is netted against another", []Transaction{ea(jan10, "1000.00 SEK"),
			{Date: pstDate(2024, 1, 5), Agreement: EA, Payment: Invoice, Charge: Order, Type: Refund, Gross: money("-20.00 USD")}},
			[]payoutRow{{feb, Paid, ReasonThresholdMet, "77.60 USD", []string{"970.00 SEK", "-19.40 USD"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := buildStatement(t, rates, tt.txs...)
			if diff := cmp.Diff(tt.want, rows(st)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			checkConservation(t, st)
		})
	}
}

func TestPAY04_ThresholdPolicy(t *testing.T) {
	// PAY-04: the threshold and its conversion rounding are policy fields.
	p := Policy2023()
	p.Threshold = money("100.00 EUR")
	p.ConversionRounding = currency.Down
	rates := MonthRates{MonthOf(2024, 2): {{From: currency.USD, To: currency.EUR, Rate: currency.MustParseRate("0.999999")}}}
	st, err := p.BuildStatement(slices.Values([]Transaction{tx(jan10, EA, Invoice, Order, "103.10 USD")}), rates) // 100.01 net
	if err != nil {
		t.Fatal(err)
	}
	if po := st.Payouts[0]; !po.Allowed || po.Combined.String() != "100.00 EUR" || po.Balances[0].Rate.Rate.String() != "0.999999" {
		t.Errorf("payout %+v", po)
	}
	p.ConversionRounding = currency.Floor
	rates[MonthOf(2024, 2)][0].Rate = currency.MustParseRate("0.99")
	st, _ = p.BuildStatement(slices.Values([]Transaction{tx(jan10, EA, Invoice, Order, "103.10 USD")}), rates)
	if po := st.Payouts[0]; po.Allowed || po.Combined.String() != "99.00 EUR" {
		t.Errorf("payout %+v", po)
	}
}

func TestPAY04_MissingRates(t *testing.T) {
	// PAY-04: every missing rate is reported, naming the currency and month.
	txs := []Transaction{
		tx(jan10, EA, Invoice, Order, "100.00 SEK"),
		tx(jan10, EA, Invoice, Order, "100.00 EUR"),
		tx(pstDate(2024, 2, 3), EA, Invoice, Order, "100.00 EUR"),
	}
	rates := MonthRates{MonthOf(2024, 2): {{From: currency.SEK, To: currency.USD, Rate: currency.MustParseRate("0.1")}}}
	_, err := Policy2023().BuildStatement(slices.Values(txs), rates)
	wantProblems(t, err, []string{"rates[2024-02].EUR", "rates[2024-03].EUR", "rates[2024-03].SEK"}, ErrNoRate)
	var ps rule.Problems
	errors.As(err, &ps)
	if got := ps[0].Error(); got != "rates[2024-02].EUR: no exchange rate from EUR to USD for payout month 2024-02 (PAY-04)" {
		t.Errorf("message %q", got)
	}
	// nil rates are fine when everything is in the threshold's currency.
	buildStatement(t, nil, tx(jan10, EA, Invoice, Order, "100.00 USD"))
	// A zero rate cannot convert.
	rates[MonthOf(2024, 2)][0].Rate = currency.Rate{}
	_, err = Policy2023().BuildStatement(slices.Values(txs[:1]), rates)
	if !errors.Is(err, currency.ErrZeroRate) {
		t.Errorf("zero rate: err = %v", err)
	}
}

func TestPAY01_StatementShape(t *testing.T) {
	// PAY-01: one payout per month, lines per currency and type, totals per currency.
	refund := Transaction{Date: pstDate(2024, 1, 20), Agreement: MCA, Payment: Invoice, Charge: Order, Type: Refund, Gross: money("-10.00 USD")}
	st := buildStatement(t, allRates(),
		tx(jan10, EA, Invoice, Order, "100.00 USD"),
		tx(jan10, EA, Invoice, Order, "50.00 USD"),
		tx(jan10, EA, Invoice, Order, "1000 JPY"),
		refund,
		tx(pstDate(2024, 5, 1), EA, Invoice, Order, "100.00 USD"),
	)
	if st.Transactions != 5 || len(st.Payouts) != 2 {
		t.Fatalf("statement %+v", st)
	}
	feb := st.Payouts[0]
	wantLines := []Subtotal{
		{Currency: currency.JPY, Type: Sale, Count: 1, Gross: money("1000 JPY"), Fee: money("30 JPY"), Net: money("970 JPY")},
		{Currency: currency.USD, Type: Sale, Count: 2, Gross: money("150.00 USD"), Fee: money("4.50 USD"), Net: money("145.50 USD")},
		{Currency: currency.USD, Type: Refund, Count: 1, Gross: money("-10.00 USD"), Fee: money("-0.30 USD"), Net: money("-9.70 USD")},
	}
	if diff := cmp.Diff(wantLines, feb.Subtotals); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if _, ok := st.Payout(MonthOf(2024, 3)); ok {
		t.Error("a month without lines or balance has a payout")
	}
	if _, ok := st.Total(currency.EUR); ok {
		t.Error("EUR total without EUR lines")
	}
	checkConservation(t, st)
	if st.Explain(rule.English) == "" || st.Explain(rule.Swedish) == "" {
		t.Error("empty explanation")
	}
	empty := buildStatement(t, nil)
	if len(empty.Payouts) != 0 || empty.Transactions != 0 {
		t.Errorf("empty statement %+v", empty)
	}
}

func TestEXT11_PayoutStateAt(t *testing.T) {
	// EXT-11
	st := buildStatement(t, nil, tx(jan10, EA, Invoice, Order, "10.00 USD"), tx(pstDate(2024, 2, 1), EA, Invoice, Order, "100.00 USD"))
	carried, paid := st.Payouts[0], st.Payouts[1]
	for _, tt := range []struct {
		p    Payout
		at   time.Time
		want State
	}{
		{carried, jan10, Unprocessed}, {carried, pstDate(2024, 2, 1), Processed}, {carried, pstDate(2025, 1, 1), Processed},
		{paid, pstDate(2024, 2, 20), Unprocessed}, {paid, pstDate(2024, 3, 15), Processed}, {paid, pstDate(2024, 3, 16), Sent},
	} {
		if got := tt.p.StateAt(tt.at); got != tt.want {
			t.Errorf("%v %v StateAt(%v) = %v, want %v", tt.p.Month, tt.p.Allowed, tt.at, got, tt.want)
		}
	}
}

func TestPayoutExplain(t *testing.T) {
	// PAY-04
	st := buildStatement(t, allRates(), tx(jan10, EA, Invoice, Order, "10.00 USD"), tx(pstDate(2024, 2, 1), EA, Invoice, Order, "1000.00 SEK"))
	tests := []struct{ en, sv string }{
		{"Payout 2024-02: the combined balance $9.70 is below the threshold $50.00, so nothing is paid and it carries over to the next month. (PAY-04)",
			"Utbetalning 2024-02: det kombinerade saldot 9,70\u00a0US$ är under tröskeln 50,00\u00a0US$, så inget betalas ut och det förs över till nästa månad. (PAY-04)"},
		{"Payout 2024-03: the combined balance $97.29 reaches the threshold $50.00, so it is paid: SEK\u00a0970.00 and $9.70; sent by 2024-03-15. (PAY-04)",
			"Utbetalning 2024-03: det kombinerade saldot 97,29\u00a0US$ når tröskeln 50,00\u00a0US$ och betalas ut: 970,00\u00a0kr och 9,70\u00a0US$; skickas senast 2024-03-15. (PAY-04)"},
	}
	for i, tt := range tests {
		if got := st.Payouts[i].Explain(rule.English); got != tt.en {
			t.Errorf("English:\n got %q\nwant %q", got, tt.en)
		}
		if got := st.Payouts[i].Explain(rule.Swedish); got != tt.sv {
			t.Errorf("Swedish:\n got %q\nwant %q", got, tt.sv)
		}
	}
}

// checkConservation checks that money is conserved: per currency, Gross =
// Fee + Paid + Carried + Withheld; per balance, Opening + Net = Paid +
// Closing; each month's balance opens where the last one closed; the
// lines sum to the totals.
func checkConservation(t *testing.T, st Statement) {
	t.Helper()
	lines := map[currency.Code][3]int64{}
	closing := map[currency.Code]int64{}
	for _, p := range st.Payouts {
		net := map[currency.Code]int64{}
		for _, l := range p.Subtotals {
			s := lines[l.Currency]
			s[0] += l.Gross.Minor()
			s[1] += l.Fee.Minor()
			s[2] += l.Count
			lines[l.Currency] = s
			net[l.Currency] += l.Net.Minor()
			if l.Gross.Minor()-l.Fee.Minor() != l.Net.Minor() {
				t.Errorf("%v line %+v: net is not gross − fee", p.Month, l)
			}
		}
		for _, b := range p.Balances {
			if b.Opening.Minor()+b.Net.Minor() != b.Paid.Minor()+b.Closing.Minor() {
				t.Errorf("%v balance %+v: opening + net ≠ paid + closing", p.Month, b)
			}
			if b.Opening.Minor() != closing[b.Currency] || b.Net.Minor() != net[b.Currency] {
				t.Errorf("%v balance %+v: opening %d, previous closing %d; net %d", p.Month, b, b.Opening.Minor(), closing[b.Currency], net[b.Currency])
			}
			closing[b.Currency] = b.Closing.Minor()
			if (p.Allowed == Paid) != (b.Closing.Sign() == 0 && b.Paid.Minor() == b.Opening.Minor()+b.Net.Minor()) {
				t.Errorf("%v %v balance %+v", p.Month, p.Allowed, b)
			}
		}
	}
	for _, tot := range st.Totals {
		s := lines[tot.Currency]
		if tot.Gross.Minor() != s[0] || tot.Fee.Minor() != s[1] || tot.Count != s[2] {
			t.Errorf("total %+v, lines sum to %v", tot, s)
		}
		if tot.Gross.Minor() != tot.Fee.Minor()+tot.Paid.Minor()+tot.Carried.Minor()+tot.Withheld.Minor() {
			t.Errorf("total %+v: gross ≠ fee + paid + carried + withheld", tot)
		}
		if tot.Carried.Minor()+tot.Withheld.Minor() != closing[tot.Currency] {
			t.Errorf("total %+v: closing %d", tot, closing[tot.Currency])
		}
	}
}

// Property: money is conserved in every statement.
func TestPAY04_Conservation(t *testing.T) {
	// PAY-04, EXT-11
	r := rand.New(rand.NewPCG(4, 4))
	rates := allRates()
	for i := 0; i < 300; i++ {
		p := Policy2023()
		if i%3 == 1 {
			p = DefaultPolicy()
		}
		if i%4 == 0 {
			p.Threshold = currency.MustFromMinor(r.Int64N(1_000_000), currency.USD)
		}
		n := 1 + r.IntN(60)
		txs := make([]Transaction, n)
		for j := range txs {
			txs[j] = randTx(r)
		}
		st, err := p.BuildStatement(slices.Values(txs), rates)
		if err != nil {
			t.Fatal(err)
		}
		checkConservation(t, st)
		if st.Transactions != int64(n) {
			t.Fatalf("%d transactions, want %d", st.Transactions, n)
		}
	}
}

// Property: ledgers of a random split into k parts, merged in a random
// order, give the statement of the single pass.
func TestPAY04_MergeEqualsSinglePass(t *testing.T) {
	// PAY-04, EXT-11
	r := rand.New(rand.NewPCG(9, 9))
	rates := allRates()
	for i := 0; i < 100; i++ {
		n := r.IntN(200)
		txs := make([]Transaction, n)
		for j := range txs {
			txs[j] = randTx(r)
		}
		single, err := Policy2023().BuildStatement(slices.Values(txs), rates)
		if err != nil {
			t.Fatal(err)
		}
		k := 1 + r.IntN(6)
		parts := make([]*Ledger, k)
		for j := range parts {
			parts[j], _ = NewLedger(Policy2023())
		}
		for _, x := range txs {
			if err := parts[r.IntN(k)].Add(x); err != nil {
				t.Fatal(err)
			}
		}
		r.Shuffle(k, func(a, b int) { parts[a], parts[b] = parts[b], parts[a] })
		// Merge in a random tree shape: repeatedly merge two random parts.
		for len(parts) > 1 {
			a, b := r.IntN(len(parts)), r.IntN(len(parts)-1)
			if b >= a {
				b++
			}
			if err := parts[a].Merge(parts[b]); err != nil {
				t.Fatal(err)
			}
			parts = slices.Delete(parts, b, b+1)
		}
		merged, err := parts[0].Statement(rates)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(single, merged); diff != "" {
			t.Fatalf("split into %d parts: merged statement differs (-single +merged):\n%s", k, diff)
		}
	}
}

func TestStatementErrors(t *testing.T) {
	// PAY-04: sums that overflow (from a stored ledger), an invalid policy, invalid transactions.
	const entry = `{"month":"%s","type":"%s","count":1,"gross":{"amount":"%s","currency":"USD"},"fee":{"amount":"%s","currency":"USD"}}`
	const huge = "92233720368547758.07"
	tests := []struct {
		name    string
		entries []string
	}{
		{"gross over two months", []string{fmt.Sprintf(entry, "2024-02", "purchase", huge, "0.00"), fmt.Sprintf(entry, "2024-03", "purchase", huge, "0.00")}},
		{"paid over two months", []string{fmt.Sprintf(entry, "2024-02", "purchase", huge, "0.00"), fmt.Sprintf(entry, "2024-03", "purchase", huge, huge)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l Ledger
			data := fmt.Sprintf(`{"transactions":%d,"entries":[%s]}`, len(tt.entries), strings.Join(tt.entries, ","))
			if err := l.UnmarshalJSON([]byte(data)); err != nil {
				t.Fatal(err)
			}
			_, err := l.Statement(nil)
			if !errors.Is(err, ErrOverflow) {
				t.Errorf("err = %v, want ErrOverflow", err)
			}
		})
	}
	bad := Policy2023()
	bad.Fees = nil
	if _, err := bad.BuildStatement(slices.Values([]Transaction{}), nil); !errors.Is(err, ErrPolicy) {
		t.Errorf("invalid policy: %v", err)
	}
	if _, err := Policy2023().BuildStatement(slices.Values([]Transaction{{}}), nil); !errors.Is(err, ErrDate) {
		t.Errorf("invalid transaction: %v", err)
	}
}

// Test names for the outcome of a payout: paid, or not (carried or withheld,
// told apart by the reason).
const (
	Paid     = true
	Carried  = false
	Withheld = false
)

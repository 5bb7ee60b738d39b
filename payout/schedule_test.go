package payout

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/rule"
)

var jan10 = pstDate(2024, time.January, 10)

// the payout month offsets of.
func TestEXT11_PayoutMonths(t *testing.T) {
	// EXT-11, PAY-03
	p := Policy2023()
	type got struct {
		Payout Month
		After  int
		Date   time.Time
		Rule   rule.ID
		Reason rule.Reason
	}
	tests := []struct {
		name string
		tx   Transaction
		want got
	}{
		{"EA usage in M1 is paid in M3", tx(jan10, EA, Invoice, Usage, "10.00 USD"),
			got{MonthOf(2024, 3), 2, pstDate(2024, 3, 15), rule.EXT11, ReasonEAUsage}},
		{"EA order in M1 is paid in M2", tx(jan10, EA, Invoice, Order, "10.00 USD"),
			got{MonthOf(2024, 2), 1, pstDate(2024, 2, 15), rule.EXT11, ReasonEAOrder}},
		{"MCA usage in M1 is paid in M4", tx(jan10, MCA, Invoice, Usage, "10.00 USD"),
			got{MonthOf(2024, 4), 3, pstDate(2024, 4, 15), rule.EXT11, ReasonCollectionAssumed}},
		{"MCA order in M1 is paid in M4", tx(jan10, MCA, Invoice, Order, "10.00 USD"),
			got{MonthOf(2024, 4), 3, pstDate(2024, 4, 15), rule.EXT11, ReasonCollectionAssumed}},
		{"CSP order in M1 is paid in M4", tx(jan10, CSP, Invoice, Order, "10.00 USD"),
			got{MonthOf(2024, 4), 3, pstDate(2024, 4, 15), rule.EXT11, ReasonCollectionAssumed}},
		{"MCA by credit card: M5", tx(jan10, MCA, CreditCard, Order, "10.00 USD"),
			got{MonthOf(2024, 5), 4, pstDate(2024, 5, 15), rule.PAY03, ReasonCardHold}},
		{"CSP usage by credit card: M5", tx(jan10, CSP, CreditCard, Usage, "10.00 USD"),
			got{MonthOf(2024, 5), 4, pstDate(2024, 5, 15), rule.PAY03, ReasonCardHold}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := p.Schedule(tt.tx)
			if err != nil {
				t.Fatal(err)
			}
			g := got{s.PayoutMonth, int(s.MonthsAfter), s.PayoutDate, s.Rule, s.Reason}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if s.Month != MonthOf(2024, 1) || !s.PreparedFrom.Equal(startOf(s.PayoutMonth, PST())) {
				t.Errorf("Month %v, PreparedFrom %v", s.Month, s.PreparedFrom)
			}
		})
	}
}

func TestEXT11_CollectedLate(t *testing.T) {
	// EXT-11, PAY-03: a known collection moves the payout no earlier than
	// the month after the payment cleared.
	p := Policy2023()
	with := func(t Transaction, collected time.Time) Transaction { t.Collected = collected; return t }
	tests := []struct {
		name     string
		tx       Transaction
		want     Month
		rule     rule.ID
		reason   rule.Reason
		holdEnds time.Time
	}{
		{"invoice collected in M3, as usual: M4", with(tx(jan10, MCA, Invoice, Order, "1.00 USD"), pstDate(2024, 3, 5)),
			MonthOf(2024, 4), rule.EXT11, ReasonCollected, time.Time{}},
		{"invoice collected on the last day of M3: M4", with(tx(jan10, MCA, Invoice, Order, "1.00 USD"), pstDate(2024, 4, 1).Add(-time.Second)),
			MonthOf(2024, 4), rule.EXT11, ReasonCollected, time.Time{}},
		{"invoice collected early (M1): still M4", with(tx(jan10, CSP, Invoice, Usage, "1.00 USD"), pstDate(2024, 1, 20)),
			MonthOf(2024, 4), rule.EXT11, ReasonCollected, time.Time{}},
		{"invoice collected late, in M5: M6", with(tx(jan10, MCA, Invoice, Order, "1.00 USD"), pstDate(2024, 5, 2)),
			MonthOf(2024, 6), rule.EXT11, ReasonCollectedLate, time.Time{}},
		{"card charged at purchase: hold ends in M2, still M5", with(tx(jan10, MCA, CreditCard, Order, "1.00 USD"), jan10),
			MonthOf(2024, 5), rule.PAY03, ReasonCardHold, pstDate(2024, 2, 9)},
		{"card collected 20 March: clears 19 April, May (M5)", with(tx(jan10, MCA, CreditCard, Order, "1.00 USD"), pstDate(2024, 3, 20)),
			MonthOf(2024, 5), rule.PAY03, ReasonCardHold, pstDate(2024, 4, 19)},
		{"card collected 10 April: clears 10 May, June (M6)", with(tx(jan10, MCA, CreditCard, Order, "1.00 USD"), pstDate(2024, 4, 10)),
			MonthOf(2024, 6), rule.PAY03, ReasonCollectedLate, pstDate(2024, 5, 10)},
		{"EA invoice: collection does not matter", with(tx(jan10, EA, Invoice, Order, "1.00 USD"), pstDate(2024, 9, 1)),
			MonthOf(2024, 2), rule.EXT11, ReasonEAOrder, time.Time{}},
		{"EA by card, charged at once: M+2", with(tx(jan10, EA, CreditCard, Order, "1.00 USD"), jan10),
			MonthOf(2024, 3), rule.PAY03, ReasonCardHold, pstDate(2024, 2, 9)},
		{"EA by card collected late: month after the hold", with(tx(jan10, EA, CreditCard, Order, "1.00 USD"), pstDate(2024, 3, 1)),
			MonthOf(2024, 4), rule.PAY03, ReasonCollectedLate, pstDate(2024, 3, 31)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := p.Schedule(tt.tx)
			if err != nil {
				t.Fatal(err)
			}
			if s.PayoutMonth != tt.want || s.Rule != tt.rule || s.Reason != tt.reason || !s.HoldEnds.Equal(tt.holdEnds) {
				t.Errorf("got %v %s %s hold %v, want %v %s %s hold %v", s.PayoutMonth, s.Rule, s.Reason, s.HoldEnds,
					tt.want, tt.rule, tt.reason, tt.holdEnds)
			}
		})
	}
}

func TestPAY02_DefaultPolicy(t *testing.T) {
	// PAY-02 (DefaultPolicy): the first payout day on or after invoice + 30 days.
	p := DefaultPolicy()
	inv := func(t Transaction, d time.Time) Transaction { t.Invoiced = d; return t }
	tests := []struct {
		name     string
		tx       Transaction
		want     Month
		invoiced time.Time
	}{
		{"order invoiced 10 Jan: 9 Feb, paid 15 Feb", tx(jan10, EA, Invoice, Order, "1.00 USD"), MonthOf(2024, 2), jan10},
		{"order invoiced 16 Jan: 15 Feb, paid 15 Feb", tx(pstDate(2024, 1, 16), EA, Invoice, Order, "1.00 USD"), MonthOf(2024, 2), pstDate(2024, 1, 16)},
		{"order invoiced 17 Jan: 16 Feb, paid 15 March", tx(pstDate(2024, 1, 17), EA, Invoice, Order, "1.00 USD"), MonthOf(2024, 3), pstDate(2024, 1, 17)},
		{"usage, invoiced 1 Feb (assumed): 2 March, paid 15 March", tx(jan10, EA, Invoice, Usage, "1.00 USD"), MonthOf(2024, 3), pstDate(2024, 2, 1)},
		{"given invoice date", inv(tx(jan10, EA, Invoice, Usage, "1.00 USD"), pstDate(2024, 3, 20)), MonthOf(2024, 5), pstDate(2024, 3, 20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := p.Schedule(tt.tx)
			if err != nil {
				t.Fatal(err)
			}
			if s.PayoutMonth != tt.want || s.Rule != rule.PAY02 || s.Reason != ReasonEAInvoice || !s.Invoiced.Equal(tt.invoiced) || s.InvoiceDays != 30 {
				t.Errorf("got %v %s %s invoiced %v (%d days), want %v invoiced %v", s.PayoutMonth, s.Rule, s.Reason, s.Invoiced, s.InvoiceDays, tt.want, tt.invoiced)
			}
		})
	}
	// MCA is the same under both policies.
	a, _ := DefaultPolicy().Schedule(tx(jan10, MCA, Invoice, Order, "1.00 USD"))
	b, _ := Policy2023().Schedule(tx(jan10, MCA, Invoice, Order, "1.00 USD"))
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("MCA differs between policies:\n%s", diff)
	}
}

func TestEXT11_Adjustments(t *testing.T) {
	// EXT-11: refunds, reversals and chargebacks are deducted from the next payout.
	p := Policy2023()
	for _, typ := range []TransactionType{Refund, Reversal, Chargeback} {
		for _, a := range []Agreement{EA, MCA, CSP} {
			x := tx(pstDate(2021, 2, 15), a, CreditCard, Order, "-1000.00 USD")
			x.Type = typ
			s, err := p.Schedule(x)
			if err != nil {
				t.Fatal(err)
			}
			if s.PayoutMonth != MonthOf(2021, 3) || s.Reason != ReasonAdjustment || s.Rule != rule.EXT11 ||
				!s.PreparedFrom.Equal(pstDate(2021, 3, 1)) || !s.PayoutDate.Equal(pstDate(2021, 3, 15)) || s.HoldDays != 0 {
				t.Errorf("%v %v: %+v", typ, a, s)
			}
		}
	}
}

func TestEXT11_Zone(t *testing.T) {
	// EXT-11: months count in the policy's zone (PST by default).
	p := Policy2023()
	late := time.Date(2024, 2, 1, 7, 0, 0, 0, time.UTC) // 31 January 23:00 PST
	s, _ := p.Schedule(tx(late, EA, Invoice, Order, "1.00 USD"))
	if s.Month != MonthOf(2024, 1) || s.PayoutMonth != MonthOf(2024, 2) {
		t.Errorf("PST: month %v payout %v, want 2024-01 and 2024-02", s.Month, s.PayoutMonth)
	}
	p.Zone = time.UTC
	s, _ = p.Schedule(tx(late, EA, Invoice, Order, "1.00 USD"))
	if s.Month != MonthOf(2024, 2) || !s.PayoutDate.Equal(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("UTC: month %v date %v", s.Month, s.PayoutDate)
	}
}

func TestEXT11_StateAt(t *testing.T) {
	// EXT-11: Unprocessed, Processed, Sent.
	s, err := Policy2023().Schedule(tx(jan10, MCA, Invoice, Order, "1.00 USD"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at   time.Time
		want State
	}{
		{jan10, Unprocessed},
		{pstDate(2024, 4, 1).Add(-time.Nanosecond), Unprocessed},
		{pstDate(2024, 4, 1), Processed},
		{pstDate(2024, 4, 15).Add(23 * time.Hour), Processed},
		{pstDate(2024, 4, 16), Sent},
		{pstDate(2030, 1, 1), Sent},
	}
	for _, tt := range tests {
		if got := s.StateAt(tt.at); got != tt.want {
			t.Errorf("StateAt(%v) = %v, want %v", tt.at, got, tt.want)
		}
	}
}

func TestScheduleErrors(t *testing.T) {
	// EXT-11, PAY-03, PRC-08: invalid transactions, every problem at once.
	p := Policy2023()
	tests := []struct {
		name      string
		tx        Transaction
		paths     []string
		sentinels []error
	}{
		{"empty", Transaction{}, []string{"transaction.date", "transaction.agreement", "transaction.payment",
			"transaction.charge", "transaction.type", "transaction.gross"},
			[]error{ErrDate, ErrUnknown, ErrUnknown, ErrUnknown, ErrUnknown, ErrCurrency}},
		{"negative purchase", tx(jan10, EA, Invoice, Order, "-1.00 USD"), []string{"transaction.gross"}, []error{ErrAmount}},
		{"positive refund", Transaction{Date: jan10, Agreement: EA, Payment: Invoice, Charge: Order, Type: Refund, Gross: money("1.00 USD")},
			[]string{"transaction.gross"}, []error{ErrAmount}},
		{"non-marketplace currency", tx(jan10, EA, Invoice, Order, "1.00 XAF"), []string{"transaction.gross"}, []error{ErrCurrency}},
		{"collected before the sale", Transaction{Date: jan10, Agreement: MCA, Payment: Invoice, Charge: Order, Type: Sale,
			Gross: money("1.00 USD"), Collected: jan10.Add(-time.Hour)}, []string{"transaction.collected"}, []error{ErrDate}},
		{"long ID", Transaction{ID: strings.Repeat("x", 101), Date: jan10, Agreement: MCA, Payment: Invoice, Charge: Order, Type: Sale,
			Gross: money("1.00 USD")}, []string{"transaction.id"}, []error{ErrField}},
		{"bad ID and far dates", Transaction{ID: "a\nb", Date: time.Date(9500, 1, 1, 0, 0, 0, 0, time.UTC), Agreement: MCA, Payment: Invoice,
			Charge: Order, Type: Sale, Gross: money("1.00 USD"), Collected: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC),
			Invoiced: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)},
			[]string{"transaction.id", "transaction.date", "transaction.collected", "transaction.invoiced"}, []error{ErrField, ErrDate}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Schedule(tt.tx)
			wantProblems(t, err, tt.paths, tt.sentinels...)
		})
	}
	bad := Policy2023()
	bad.PayoutDay = 31
	_, err := bad.Schedule(tx(jan10, EA, Invoice, Order, "1.00 USD"))
	wantProblems(t, err, []string{"policy.payoutDay"}, ErrPolicy)
}

// Property: the payout is never before the month after the transaction,
// and never earlier for a later transaction date or a later collection.
func TestEXT11_ScheduleMonotone(t *testing.T) {
	// EXT-11, PAY-02, PAY-03
	r := rand.New(rand.NewPCG(11, 11))
	for _, p := range []Policy{Policy2023(), DefaultPolicy()} {
		for i := 0; i < 5000; i++ {
			a := randTx(r)
			s1, err := p.Schedule(a)
			if err != nil {
				t.Fatal(err)
			}
			if s1.PayoutMonth <= s1.Month || s1.PayoutDate.Before(a.Date) {
				t.Fatalf("%+v paid in %v", a, s1.PayoutMonth)
			}
			b := a
			d := time.Duration(r.Int64N(int64(90 * 24 * time.Hour)))
			b.Date = a.Date.Add(d)
			if !a.Collected.IsZero() {
				b.Collected = a.Collected.Add(d)
			}
			if !a.Invoiced.IsZero() {
				b.Invoiced = a.Invoiced.Add(d)
			}
			s2, err := p.Schedule(b)
			if err != nil {
				t.Fatal(err)
			}
			if s2.PayoutMonth < s1.PayoutMonth {
				t.Fatalf("later %+v paid in %v, earlier %+v in %v", b, s2.PayoutMonth, a, s1.PayoutMonth)
			}
		}
	}
}

func TestScheduleExplain(t *testing.T) {
	// EXT-11, PAY-02, PAY-03
	p := Policy2023()
	refund := tx(pstDate(2024, 3, 2), CSP, Invoice, Order, "-5.00 EUR")
	refund.Type = Refund
	late := tx(jan10, MCA, Invoice, Usage, "1.00 USD")
	late.Collected = pstDate(2024, 5, 2)
	lateCard := tx(jan10, MCA, CreditCard, Order, "1.00 USD")
	lateCard.Collected = pstDate(2024, 4, 10)
	collected := tx(jan10, CSP, Invoice, Order, "1.00 USD")
	collected.Collected = pstDate(2024, 3, 5)
	tests := []struct {
		p      Policy
		tx     Transaction
		en, sv string
	}{
		{p, tx(jan10, EA, Invoice, Order, "1.00 USD"),
			"EA order in 2024-01: paid out in 2024-02 (M+1), before the customer pays; sent by 2024-02-15. (EXT-11)",
			"EA-beställning i 2024-01: betalas ut i 2024-02 (M+1), innan kunden betalar; skickas senast 2024-02-15. (EXT-11)"},
		{p, tx(jan10, EA, Invoice, Usage, "1.00 USD"),
			"EA usage in 2024-01: paid out in 2024-03 (M+2), before the customer pays; sent by 2024-03-15. (EXT-11)",
			"EA-användning i 2024-01: betalas ut i 2024-03 (M+2), innan kunden betalar; skickas senast 2024-03-15. (EXT-11)"},
		{DefaultPolicy(), tx(jan10, EA, Invoice, Usage, "1.00 USD"),
			"EA usage in 2024-01, invoiced 2024-02-01: paid in the first payout cycle 30 days after the invoice, 2024-03 (M+2); sent by 2024-03-15. (PAY-02)",
			"EA-användning i 2024-01, fakturerad 2024-02-01: betalas i den första utbetalningscykeln 30 dagar efter fakturan, 2024-03 (M+2); skickas senast 2024-03-15. (PAY-02)"},
		{p, collected,
			"CSP order in 2024-01: eligible once Microsoft has collected (2024-03-05); paid out in 2024-04 (M+3), sent by 2024-04-15. (EXT-11)",
			"CSP-beställning i 2024-01: berättigad när Microsoft har drivit in betalningen (2024-03-05); betalas ut i 2024-04 (M+3), skickas senast 2024-04-15. (EXT-11)"},
		{p, tx(jan10, MCA, Invoice, Order, "1.00 USD"),
			"MCA order in 2024-01: eligible once Microsoft has collected; on the usual schedule it is paid out in 2024-04 (M+3), sent by 2024-04-15. (EXT-11)",
			"MCA-beställning i 2024-01: berättigad när Microsoft har drivit in betalningen; enligt det vanliga schemat betalas den ut i 2024-04 (M+3), skickas senast 2024-04-15. (EXT-11)"},
		{p, tx(jan10, MCA, CreditCard, Order, "1.00 USD"),
			"MCA order in 2024-01, paid by credit card: held 30 days after Microsoft receives the payment, so paid out one month later, in 2024-05 (M+4); sent by 2024-05-15. (PAY-03)",
			"MCA-beställning i 2024-01, betald med kreditkort: hålls kvar 30 dagar efter att Microsoft tagit emot betalningen och betalas därför ut en månad senare, i 2024-05 (M+4); skickas senast 2024-05-15. (PAY-03)"},
		{p, late,
			"MCA usage in 2024-01: Microsoft collected late (2024-05-02); the payout is no earlier than the month after the payment cleared (2024-05-02), so 2024-06 (M+5); sent by 2024-06-15. (EXT-11)",
			"MCA-användning i 2024-01: Microsoft drev in betalningen sent (2024-05-02); utbetalningen sker tidigast månaden efter att betalningen klarerats (2024-05-02), alltså 2024-06 (M+5); skickas senast 2024-06-15. (EXT-11)"},
		{p, lateCard,
			"MCA order in 2024-01: Microsoft collected late (2024-04-10); the payout is no earlier than the month after the payment cleared (2024-05-10), so 2024-06 (M+5); sent by 2024-06-15. (PAY-03)",
			"MCA-beställning i 2024-01: Microsoft drev in betalningen sent (2024-04-10); utbetalningen sker tidigast månaden efter att betalningen klarerats (2024-05-10), alltså 2024-06 (M+5); skickas senast 2024-06-15. (PAY-03)"},
		{p, refund,
			"Refund in 2024-03: deducted from the next payout, 2024-04; sent by 2024-04-15. (EXT-11)",
			"Återbetalning i 2024-03: dras av från nästa utbetalning, 2024-04; skickas senast 2024-04-15. (EXT-11)"},
	}
	for _, tt := range tests {
		s, err := tt.p.Schedule(tt.tx)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Explain(rule.English); got != tt.en {
			t.Errorf("English:\n got %q\nwant %q", got, tt.en)
		}
		if got := s.Explain(rule.Swedish); got != tt.sv {
			t.Errorf("Swedish:\n got %q\nwant %q", got, tt.sv)
		}
	}
}

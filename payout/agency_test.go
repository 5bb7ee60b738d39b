package payout_test

import (
	"github.com/marketrules/marketrules/calendar"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/payout"
)

// RFD-03: a refund to the customer shows in the publisher's payout
// reporting, as a negative line that reduces the payout.
func TestRFD03_RefundInPayoutReporting(t *testing.T) {
	sale := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	txs := []payout.Transaction{
		{ID: "order", Date: sale, Agreement: payout.EA, Payment: payout.Invoice, Charge: payout.Order, Type: payout.Sale, Gross: currency.MustParse("300.00 USD")},
		{ID: "refund", Date: sale.Add(48 * time.Hour), Agreement: payout.EA, Payment: payout.Invoice, Charge: payout.Order, Type: payout.Refund, Gross: currency.MustParse("-100.00 USD")},
	}
	st, err := payout.Policy2023().BuildStatement(func(yield func(payout.Transaction) bool) {
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
	var refund *payout.Subtotal
	for i := range po.Subtotals {
		if po.Subtotals[i].Type == payout.Refund {
			refund = &po.Subtotals[i]
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
	p := payout.Policy2023()
	collected := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	price := currency.MustParse("250.00 SEK") // the publisher's price, billed by Microsoft
	f, err := p.Fee(payout.Transaction{Gross: price, Collected: collected})
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

func mustMonth(t *testing.T, s string) calendar.YearMonth {
	t.Helper()
	m, err := calendar.ParseYearMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

package pricing

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
)

func TestPRC10_Tax(t *testing.T) {
	// PRC-10: CSP prices exclude tax except in Australia and Brazil;
	// PLN-06: whether Microsoft remits customer tax comes from the market.
	tests := []struct {
		m        market.Code
		included bool
		handling market.TaxHandling
		remitted bool
		reason   rule.Reason
	}{
		{market.AU, true, market.MicrosoftManaged, true, ReasonTaxIncluded},
		{market.BR, true, market.Reseller, true, ReasonTaxIncluded},
		{market.SE, false, market.MicrosoftManaged, true, ReasonTaxExcluded},
		{market.US, false, market.MicrosoftManaged, true, ReasonTaxExcluded},
		{market.JP, false, market.PublisherManaged, false, ReasonTaxExcluded},
		{market.NZ, false, market.MicrosoftManaged, true, ReasonTaxExcluded},
		{market.AR, false, market.PublisherManaged, false, ReasonTaxExcluded},
	}
	for _, tt := range tests {
		t.Run(tt.m.String(), func(t *testing.T) {
			d, err := DefaultPolicy().Tax(tt.m)
			if err != nil {
				t.Fatal(err)
			}
			want := TaxDecision{Market: tt.m, CSPIncludesTax: tt.included, Handling: tt.handling, Remitted: tt.remitted, Rule: rule.PRC10, Reason: tt.reason}
			if diff := cmp.Diff(want, d); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// Exactly two markets include tax.
	n := 0
	for m := range market.TransactingSet().All() {
		if d, _ := DefaultPolicy().Tax(m); d.CSPIncludesTax {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d markets include tax, want 2", n)
	}
}

func TestPRC10_TaxErrors(t *testing.T) {
	// PRC-10: no decision for a market that does not transact.
	for _, m := range []market.Code{0, market.CN, 250} {
		if _, err := DefaultPolicy().Tax(m); !errors.Is(err, ErrMarketNotSold) {
			t.Errorf("%v: error %v", m, err)
		}
	}
}

func TestPRC10_TaxExplain(t *testing.T) {
	// PRC-10: the decision explains itself in both languages.
	au, _ := DefaultPolicy().Tax(market.AU)
	jp, _ := DefaultPolicy().Tax(market.JP)
	tests := []struct {
		d    TaxDecision
		lang rule.Language
		want string
	}{
		{au, rule.English, "CSP prices in Australia include tax: it is an exception to the rule that commercial prices exclude tax (PRC-10). Microsoft handles customer tax there (Microsoft-managed), so the market is tax-remitted (PLN-06)."},
		{jp, rule.English, "CSP prices in Japan exclude tax (PRC-10). The publisher handles customer tax there (publisher-managed); Microsoft does not remit it (PLN-06)."},
		{jp, rule.Swedish, "CSP-priser i Japan exkluderar skatt (PRC-10). Utgivaren hanterar kundens skatt där (hanteras av utgivaren); Microsoft redovisar den inte (PLN-06)."},
	}
	for _, tt := range tests {
		if got := tt.d.Explain(tt.lang); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
	b, err := json.Marshal(au)
	if err != nil {
		t.Fatal(err)
	}
	var back TaxDecision
	if err := json.Unmarshal(b, &back); err != nil || back != au {
		t.Errorf("JSON round trip: %v, %v (%s)", back, err, b)
	}
}

package pricing

import (
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
)

// The reasons of tax decisions.
const (
	// ReasonTaxExcluded: CSP prices in the market exclude tax (PRC-10).
	ReasonTaxExcluded rule.Reason = "csp-price-excludes-tax"
	// ReasonTaxIncluded: the market is one of the exceptions whose CSP
	// prices include tax, Australia and Brazil (PRC-10).
	ReasonTaxIncluded rule.Reason = "csp-price-includes-tax"
)

// TaxDecision says how tax relates to a market's prices: whether a CSP
// price there includes tax (PRC-10), and who handles customer tax on
// marketplace sales, so whether Microsoft remits it (PLN-06, from package
// market). It is a value; render it with [TaxDecision.Explain].
type TaxDecision struct {
	Market market.Code `json:"market"`
	// CSPIncludesTax reports whether commercial (CSP) prices in the market
	// include tax (PRC-10).
	CSPIncludesTax bool `json:"cspIncludesTax"`
	// Handling is who handles customer tax in the market.
	Handling market.TaxHandling `json:"handling,omitzero"`
	// Remitted reports whether Microsoft calculates, collects and remits
	// customer tax there: the markets a plan may be restricted to (PLN-06).
	Remitted bool `json:"remitted"`
	// Rule is PRC-10; Reason says whether CSP prices include tax.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
}

var (
	txMsgNotSold  = rule.Message{English: "%s is not a market where the marketplace transacts", Swedish: "%s är ingen marknad där marknadsplatsen säljer"}
	txMsgExcluded = rule.Message{
		English: "CSP prices in %s exclude tax (%s).",
		Swedish: "CSP-priser i %s exkluderar skatt (%s).",
	}
	txMsgIncluded = rule.Message{
		English: "CSP prices in %s include tax: it is an exception to the rule that commercial prices exclude tax (%s).",
		Swedish: "CSP-priser i %s inkluderar skatt: marknaden är ett undantag från regeln att kommersiella priser exkluderar skatt (%s).",
	}
	txMsgRemitted = rule.Message{
		English: "Microsoft handles customer tax there (%s), so the market is tax-remitted (%s).",
		Swedish: "Microsoft hanterar kundens skatt där (%s), så marknaden är skatteåterförd (%s).",
	}
	txMsgPublisher = rule.Message{
		English: "The publisher handles customer tax there (%s); Microsoft does not remit it (%s).",
		Swedish: "Utgivaren hanterar kundens skatt där (%s); Microsoft redovisar den inte (%s).",
	}
)

// Explain renders the decision in lang.
func (d TaxDecision) Explain(lang rule.Language) string {
	name := d.Market.Market().Name
	m := txMsgExcluded
	if d.CSPIncludesTax {
		m = txMsgIncluded
	}
	s := m.Render(lang, name, string(d.Rule))
	r := txMsgPublisher
	if d.Remitted {
		r = txMsgRemitted
	}
	h := d.Handling.String()
	if w, ok := txHandlingWords[d.Handling]; ok {
		h = w.Render(lang)
	}
	return s + " " + r.Render(lang, h, string(rule.PLN06))
}

var txHandlingWords = map[market.TaxHandling]rule.Message{
	market.MicrosoftManaged: {English: "Microsoft-managed", Swedish: "hanteras av Microsoft"},
	market.PublisherManaged: {English: "publisher-managed", Swedish: "hanteras av utgivaren"},
	market.Reseller:         {English: "Microsoft resells", Swedish: "Microsoft är återförsäljare"},
}

// Tax decides whether CSP prices in market m include tax (PRC-10) and
// whether Microsoft remits customer tax there (PLN-06). It fails, wrapping
// [ErrMarketNotSold], for a code that is not a market and for a market
// where the marketplace does not transact (China).
func (p Policy) Tax(m market.Code) (TaxDecision, error) {
	mk := m.Market()
	if !mk.Transacts {
		return TaxDecision{}, rule.Problems{{Rule: rule.PRC09, Path: "market", Message: txMsgNotSold, Args: []any{m.String()}, Err: ErrMarketNotSold}}.Err()
	}
	d := TaxDecision{Market: m, Handling: mk.Tax, Remitted: mk.TaxRemitted(), Rule: rule.PRC10, Reason: ReasonTaxExcluded}
	if p.resolved().CSPTaxInclusive.Has(m) {
		d.CSPIncludesTax, d.Reason = true, ReasonTaxIncluded
	}
	return d, nil
}

// String returns the decision in English.
func (d TaxDecision) String() string { return d.Explain(rule.English) }

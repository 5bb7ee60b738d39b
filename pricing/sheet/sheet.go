package sheet

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing"
	"github.com/marketrules/marketrules/rule"
)

// Sentinel errors of market price sheets, wrapped by the problems of
// [Policy.Save], [Policy.Import] and [Policy.ReadCSV].
var (
	// ErrNoRate is [pricing.ErrNoRate], the one sentinel of a missing
	// exchange rate: a market's billing currency has no USD exchange rate
	// on or before the instant of the save (PRC-03).
	ErrNoRate = pricing.ErrNoRate
	// ErrBadRate: an exchange rate that cannot be used: not from USD, zero,
	// without its as-of date, or contradicting another rate of the same
	// currency and date.
	ErrBadRate = errors.New("unusable exchange rate")
	// ErrMarketNotSold is [pricing.ErrMarketNotSold]: one sentinel for
	// a market where nothing can be priced.
	ErrMarketNotSold = pricing.ErrMarketNotSold
	// ErrPrice: a list price, override or sheet row that is not a
	// valid price: wrong currency, negative, more decimals than the
	// currency has, an unknown plan, term or payment option.
	ErrPrice = errors.New("invalid sheet price")
	// ErrDuplicate: the same plan, term, payment option and market
	// priced twice.
	ErrDuplicate = errors.New("duplicate sheet price")
)

// DatedRate is an exchange rate with the instant it is quoted for: from
// AsOf on, until a later rate of the same currency, one USD buys Rate
// units of To (PRC-03 converts "at the current exchange rate when saved").
// The caller supplies rates; the package never fetches any. The embedded
// [currency.ExchangeRate] gives DatedRate its Convert method.
//
// In JSON a DatedRate is {"from":"USD","to":"SEK","rate":"10.4512",
// "asOf":"2024-01-01T00:00:00Z"}.
type DatedRate struct {
	currency.ExchangeRate
	AsOf time.Time
}

// IsZero reports whether r is the zero DatedRate (no rate).
func (r DatedRate) IsZero() bool { return r == DatedRate{} }

// String returns "10.4512 SEK/USD as of 2024-01-01T00:00:00Z", or "" for
// the zero DatedRate.
func (r DatedRate) String() string {
	if r.IsZero() {
		return ""
	}
	return r.Rate.String() + " " + r.To.String() + "/" + r.From.String() + " as of " + r.AsOf.Format(time.RFC3339)
}

type sheetRateJSON struct {
	From currency.Code `json:"from"`
	To   currency.Code `json:"to"`
	Rate currency.Rate `json:"rate"`
	AsOf time.Time     `json:"asOf"`
}

// MarshalJSON implements [json.Marshaler].
func (r DatedRate) MarshalJSON() ([]byte, error) {
	return json.Marshal(sheetRateJSON{r.From, r.To, r.Rate, r.AsOf})
}

// UnmarshalJSON implements [json.Unmarshaler] for the form MarshalJSON
// writes; unknown fields are rejected.
func (r *DatedRate) UnmarshalJSON(b []byte) error {
	var v sheetRateJSON
	var ps rule.Problems
	shDecodeStrict(b, &v, &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	*r = DatedRate{ExchangeRate: currency.ExchangeRate{From: v.From, To: v.To, Rate: v.Rate}, AsOf: v.AsOf}
	return nil
}

// RateAt returns the rate in force for converting USD into c at instant
// at: among rates from USD to c with AsOf not after at, the one with the
// latest AsOf. It reports false when there is none. Rates quoted after
// at are not yet known at at and are ignored.
func RateAt(rates []DatedRate, c currency.Code, at time.Time) (DatedRate, bool) {
	best, ok := DatedRate{}, false
	for _, r := range rates {
		if r.From != currency.USD || r.To != c || r.Rate.IsZero() || r.AsOf.After(at) {
			continue
		}
		if !ok || r.AsOf.After(best.AsOf) {
			best, ok = r, true
		}
	}
	return best, ok
}

// ListPrice is one USD list price of a price sheet: a plan's billing term
// with its payment option, the markets it is sold in, and any per-market
// prices the publisher set (PRC-03). [PriceList] builds the list from
// plan declarations; a host can also build it directly.
type ListPrice struct {
	// Plan is the plan's ID (PLN-01).
	Plan string `json:"plan"`
	// Term and Payment are the billing term and its payment option
	// (EXT-05): P1M, P1Y, P2Y or P3Y.
	Term    plan.Term          `json:"term,omitzero"`
	Payment plan.PaymentOption `json:"payment"`
	// Price is the USD price for the term (per user for a per-user plan).
	// The zero Money is 0 USD.
	Price currency.Money `json:"price"`
	// Markets are the markets the plan is sold in (PLN-06).
	Markets market.Set `json:"markets"`
	// Overrides are prices the publisher set for single markets, in each
	// market's billing currency: the plan's per-market prices, or an
	// imported sheet's. They replace the converted price.
	Overrides []plan.MarketPrice `json:"overrides,omitempty"`
}

// PriceList returns the list prices of the plans' billing terms, one per
// term, with the plans' markets and per-market prices: the input of
// [Policy.Save]. Plans without billing terms (usage-only, virtual
// machine and free plans) contribute nothing; their meter and hourly
// prices are not part of a market price sheet here.
func PriceList(plans ...plan.Plan) []ListPrice {
	n := 0
	for i := range plans {
		n += len(plans[i].Pricing.Terms)
	}
	out := make([]ListPrice, 0, n)
	for i := range plans {
		p := &plans[i]
		for _, tp := range p.Pricing.Terms {
			out = append(out, ListPrice{Plan: p.ID, Term: tp.Term, Payment: tp.Payment, Price: tp.Price,
				Markets: p.Markets, Overrides: slices.Clone(tp.Markets)})
		}
	}
	return out
}

// PriceSource says how a market price was obtained. The enum is
// append-only; the zero value is invalid.
type PriceSource uint8

// The price sources.
const (
	// SourceConverted: the USD list price converted into the market's
	// billing currency at the rate in force when it was saved, rounded
	// once with the policy's rounding (PRC-03).
	SourceConverted PriceSource = iota + 1
	// SourceList: the market is billed in USD; its price is the list
	// price itself.
	SourceList
	// SourceOverride: the publisher set the market's price (the plan's
	// per-market price, or an imported sheet) and owns it (PRC-03).
	SourceOverride
)

var priceSourceNames = enum.Names[PriceSource]{Type: "price source", Names: []string{"", "converted", "list", "override"}}

// String returns "converted", "list" or "override".
func (s PriceSource) String() string { return priceSourceNames.String(s) }

// MarshalText implements [encoding.TextMarshaler].
// The zero PriceSource, unset, marshals to "".
func (s PriceSource) MarshalText() ([]byte, error) {
	if s == 0 {
		return []byte{}, nil
	}
	return priceSourceNames.Marshal(s)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
// "" is the zero PriceSource, unset.
func (s *PriceSource) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = 0
		return nil
	}
	return priceSourceNames.Unmarshal(b, s)
}

// Row is one row of a market price sheet, as exported to and
// imported from CSV: a plan's price for a billing term and payment option
// in one market, in the market's billing currency. It is comparable.
type Row struct {
	Market  market.Code        `json:"market"`
	Plan    string             `json:"plan"`
	Term    plan.Term          `json:"term,omitzero"`
	Payment plan.PaymentOption `json:"payment"`
	// Price is in the market's billing currency (Price.Code()).
	Price currency.Money `json:"price"`
}

// LocalPrice is a market price with its provenance: how it was obtained
// (converted at which rate and rounding, the USD list price itself, or
// set by the publisher) and when it was saved. Once saved it is fixed: a
// later rate does not change it (PRC-03).
type LocalPrice struct {
	Row
	// Rule is the rule the price follows (PRC-03: converted once when
	// saved, or the publisher's own); Reason says how it was obtained,
	// as Source does: [ReasonConverted], [ReasonListPrice] or
	// [ReasonOverride].
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Source says how Price was obtained.
	Source PriceSource `json:"source"`
	// USD is the list price the market price belongs to.
	USD currency.Money `json:"usd"`
	// Rate is the rate Price was converted at (SourceConverted only).
	Rate DatedRate `json:"rate,omitzero"`
	// Rounding is the rounding of the conversion (SourceConverted only).
	Rounding currency.RoundingMode `json:"rounding"`
	// SavedAt is when the price was fixed: the save that first computed
	// it, or the one that set the publisher's price.
	SavedAt time.Time `json:"savedAt"`
}

// The reasons of local prices: stable codes, never renamed or reused,
// that hosts may switch on and store.
const (
	// ReasonConverted: the USD list price converted into the market's
	// billing currency at the rate in force when it was saved, rounded
	// once (PRC-03); SourceConverted.
	ReasonConverted rule.Reason = "converted-at-save"
	// ReasonListPrice: the market is billed in USD; its price is the
	// list price itself; SourceList.
	ReasonListPrice rule.Reason = "usd-list-price"
	// ReasonOverride: the publisher set the market's price and owns it
	// (PRC-03); SourceOverride.
	ReasonOverride rule.Reason = "publisher-override"
)

// newLocalPrice returns the price of row obtained from source, with its
// rule and reason.
func newLocalPrice(row Row, source PriceSource, usd currency.Money, at time.Time) LocalPrice {
	reason := ReasonOverride
	switch source {
	case SourceConverted:
		reason = ReasonConverted
	case SourceList:
		reason = ReasonListPrice
	}
	return LocalPrice{Row: row, Rule: rule.PRC03, Reason: reason, Source: source, USD: usd, SavedAt: at}
}

// copyFrom sets e to *src field by field: cheaper than *e = *src while
// the garbage collector runs (one barrier per pointer, no bitmap walk).
func (e *LocalPrice) copyFrom(src *LocalPrice) {
	e.Market, e.Plan, e.Term, e.Payment, e.Price = src.Market, src.Plan, src.Term, src.Payment, src.Price
	e.Rule, e.Reason, e.Source, e.USD = src.Rule, src.Reason, src.Source, src.USD
	e.Rate.ExchangeRate, e.Rate.AsOf, e.Rounding, e.SavedAt = src.Rate.ExchangeRate, src.Rate.AsOf, src.Rounding, src.SavedAt
}

// setNew sets the zero price e to the price of market m for list price lp
// obtained from source, as newLocalPrice would, writing each field in place.
func (e *LocalPrice) setNew(m market.Code, lp *ListPrice, price currency.Money, source PriceSource, usd currency.Money, at time.Time) {
	reason := ReasonOverride
	switch source {
	case SourceConverted:
		reason = ReasonConverted
	case SourceList:
		reason = ReasonListPrice
	}
	e.Market, e.Plan, e.Term, e.Payment, e.Price = m, lp.Plan, lp.Term, lp.Payment, price
	e.Rule, e.Reason, e.Source, e.USD, e.SavedAt = rule.PRC03, reason, source, usd, at
}

// Conversion returns the conversion that produced a converted price, and
// false for other sources.
func (p LocalPrice) Conversion() (currency.Conversion, bool) {
	if p.Source != SourceConverted {
		return currency.Conversion{}, false
	}
	return currency.Conversion{From: p.USD, To: p.Price, Rate: p.Rate.ExchangeRate, Rounding: p.Rounding}, true
}

var (
	exConverted = rule.Message{
		English: "%s %s %s %s: %v, converted from %v at %s %s/USD quoted %s (rounded %s), fixed when saved on %v (%s).",
		Swedish: "%s %s %s %s: %v, omräknat från %v till kursen %s %s/USD noterad %s (avrundat %s), fast sedan det sparades %v (%s).",
	}
	exList = rule.Message{
		English: "%s %s %s %s: %v, the USD list price itself (the market is billed in USD), saved on %v (%s).",
		Swedish: "%s %s %s %s: %v, själva listpriset i USD (marknaden faktureras i USD), sparat %v (%s).",
	}
	exOverride = rule.Message{
		English: "%s %s %s %s: %v, set by the publisher for this market (list price %v), who owns it; saved on %v (%s).",
		Swedish: "%s %s %s %s: %v, satt av utgivaren för den här marknaden (listpris %v), som äger det; sparat %v (%s).",
	}
)

// paymentWords is a payment option in the explanation's language:
// "upfront" in English, "i förskott" in Swedish.
func paymentWords(o plan.PaymentOption) rule.Message {
	sv := o.String()
	switch o {
	case plan.Upfront:
		sv = "i förskott"
	case plan.Monthly:
		sv = "månadsvis"
	case plan.Annual:
		sv = "årsvis"
	}
	return rule.Message{English: o.String(), Swedish: sv}
}

// String returns the price's explanation in English.
func (p LocalPrice) String() string { return p.Explain(rule.English) }

// Explain says in lang how the price was obtained: "SE gold P1Y upfront:
// 1 045,12 kr, converted from $100.00 at 10.4512 SEK/USD quoted …".
func (p LocalPrice) Explain(lang rule.Language) string {
	head := []any{p.Market.String(), p.Plan, p.Term.String(), paymentWords(p.Payment), p.Price}
	switch p.Source {
	case SourceConverted:
		return exConverted.Render(lang, append(head, p.USD, rule.Decimal(p.Rate.Rate.String()), p.Rate.To.String(),
			p.Rate.AsOf.Format(time.DateOnly), p.Rounding, p.SavedAt, string(rule.PRC03))...)
	case SourceList:
		return exList.Render(lang, append(head, p.SavedAt, string(rule.PRC03))...)
	}
	return exOverride.Render(lang, append(head, p.USD, p.SavedAt, string(rule.PRC03))...)
}

// Sheet is a saved market price sheet: the local price of every plan,
// term and payment option in every selected market, each with how it was
// obtained, and the instant of the latest save. Prices are sorted by plan
// ID, term, payment option and market, the order [Policy.Save]
// writes. A Sheet is a plain value; store it as JSON and pass it back to
// the next save, which keeps its prices (PRC-03: fixed once saved).
type Sheet struct {
	// Rule is PRC-03, which the sheet follows: prices converted once
	// when saved and fixed; Reason says how the sheet came about:
	// [ReasonSaved] by [Policy.Save], [ReasonImported] by
	// [Policy.Import] (unset in the zero Sheet).
	Rule    rule.ID      `json:"rule,omitzero"`
	Reason  rule.Reason  `json:"reason,omitzero"`
	SavedAt time.Time    `json:"savedAt"`
	Prices  []LocalPrice `json:"prices"`
}

// The reasons of sheets.
const (
	// ReasonSaved: [Policy.Save] saved the sheet from a price list.
	ReasonSaved rule.Reason = "sheet-saved"
	// ReasonImported: [Policy.Import] imported the publisher's edited
	// sheet.
	ReasonImported rule.Reason = "sheet-imported"
)

var (
	exSheet = rule.Message{
		English: "Price sheet %s on %v (%s): prices %d; converted from USD at the rates in force then %d; USD list prices %d; set by the publisher %d.",
		Swedish: "Prisbladet %s %v (%s): priser %d; omräknade från USD till kurserna som gällde då %d; listpriser i USD %d; satta av utgivaren %d.",
	}
	exSaved    = rule.Message{English: "saved", Swedish: "sparat"}
	exImported = rule.Message{English: "imported", Swedish: "importerat"}
)

// String returns the sheet's explanation in English.
func (s Sheet) String() string { return s.Explain(rule.English) }

// Explain says in lang what the sheet holds and how its prices were
// obtained: "Price sheet saved on 2024-01-15 10:00:00 UTC (PRC-03): prices
// 564; …".
func (s Sheet) Explain(lang rule.Language) string {
	var count [SourceOverride + 1]int
	for i := range s.Prices {
		if src := s.Prices[i].Source; src <= SourceOverride {
			count[src]++
		}
	}
	how := exSaved
	if s.Reason == ReasonImported {
		how = exImported
	}
	return exSheet.Render(lang, how, s.SavedAt, string(rule.PRC03), len(s.Prices), count[SourceConverted], count[SourceList], count[SourceOverride])
}

// Rates returns the distinct rates the sheet's converted prices used,
// sorted by currency and as-of instant.
func (s Sheet) Rates() []DatedRate {
	var out []DatedRate
	for i := range s.Prices {
		if p := &s.Prices[i]; p.Source == SourceConverted && !slices.Contains(out, p.Rate) {
			out = append(out, p.Rate)
		}
	}
	slices.SortFunc(out, func(a, b DatedRate) int {
		return cmp.Or(strings.Compare(a.To.String(), b.To.String()), a.AsOf.Compare(b.AsOf), a.Rate.Cmp(b.Rate))
	})
	return out
}

// Rows returns the sheet's rows, for [WriteCSV].
func (s Sheet) Rows() []Row {
	out := make([]Row, len(s.Prices))
	for i := range s.Prices {
		out[i] = s.Prices[i].Row
	}
	return out
}

// Lookup returns the price of a plan's term and payment option in a
// market, and false when the sheet has none.
func (s Sheet) Lookup(m market.Code, planID string, t plan.Term, pay plan.PaymentOption) (LocalPrice, bool) {
	k := sheetKey{planID, t, pay, m}
	i, ok := slices.BinarySearchFunc(s.Prices, k, func(p LocalPrice, k sheetKey) int { return sheetKeyOf(&p.Row).cmp(k) })
	if ok {
		return s.Prices[i], true
	}
	// A sheet not in canonical order (built by hand): search it all.
	for _, p := range s.Prices {
		if sheetKeyOf(&p.Row) == k {
			return p, true
		}
	}
	return LocalPrice{}, false
}

// Policy holds the numbers of market price sheets. [DefaultPolicy]
// returns the values the library uses; change any field. The zero Policy
// is DefaultPolicy(): half-even rounding is the zero rounding mode, and
// zero bounds mean the default bounds.
type Policy struct {
	// Rounding rounds a converted price to the minor unit of the market's
	// currency, in one step (Microsoft documents no rounding for the
	// conversion): HalfEven.
	Rounding currency.RoundingMode `json:"rounding"`
	// MaxRows and MaxBytes bound a CSV sheet read by [Policy.ReadCSV]:
	// 100,000 rows and 16 MiB, room for 100 plans × 141 markets × 4 terms
	// (56,400 rows of at most about 110 bytes) with headroom. Zero means
	// the default; a negative value means no limit.
	MaxRows  int   `json:"maxRows"`
	MaxBytes int64 `json:"maxBytes"`
}

// Default bounds of a CSV price sheet.
const (
	DefaultMaxRows  = 100_000
	DefaultMaxBytes = 16 << 20
)

// DefaultPolicy returns the sheet policy the library uses: half-even
// conversion and the default CSV bounds.
func DefaultPolicy() Policy {
	return Policy{Rounding: currency.HalfEven, MaxRows: DefaultMaxRows, MaxBytes: DefaultMaxBytes}
}

// sheetKey identifies a price of a sheet; its order is the sheet's.
type sheetKey struct {
	plan    string
	term    plan.Term
	payment plan.PaymentOption
	market  market.Code
}

func sheetKeyOf(r *Row) sheetKey { return sheetKey{r.Plan, r.Term, r.Payment, r.Market} }

func (k sheetKey) cmp(o sheetKey) int {
	if c := strings.Compare(k.plan, o.plan); c != 0 {
		return c
	}
	return cmp.Or(cmp.Compare(k.term, o.term), cmp.Compare(k.payment, o.payment), cmp.Compare(k.market, o.market))
}

func sheetCompare(a, b LocalPrice) int { return sheetKeyOf(&a.Row).cmp(sheetKeyOf(&b.Row)) }

// sheetSorted is slices.IsSortedFunc(ps, sheetCompare) without copying
// each price twice per comparison.
func sheetSorted(ps []LocalPrice) bool {
	for i := 1; i < len(ps); i++ {
		if !sheetInOrder(ps, i) {
			return false
		}
	}
	return true
}

// sheetInOrder reports whether ps[i] is not before ps[i-1] in sheet
// order (true for i = 0).
func sheetInOrder(ps []LocalPrice, i int) bool {
	return i == 0 || sheetKeyOf(&ps[i].Row).cmp(sheetKeyOf(&ps[i-1].Row)) >= 0
}

// sheetGroupCmp compares r's plan, term and payment option with lp's.
func sheetGroupCmp(r *Row, lp *ListPrice) int {
	if c := strings.Compare(r.Plan, lp.Plan); c != 0 {
		return c
	}
	return cmp.Or(cmp.Compare(r.Term, lp.Term), cmp.Compare(r.Payment, lp.Payment))
}

// sheetInGroup reports whether r has lp's plan, term and payment option.
func sheetInGroup(r *Row, lp *ListPrice) bool {
	return r.Plan == lp.Plan && r.Term == lp.Term && r.Payment == lp.Payment
}

var (
	shMsgAtRequired   = rule.Message{English: "the instant of the save is required", Swedish: "tidpunkten för sparandet måste anges"}
	shMsgRateFrom     = rule.Message{English: "list prices are in USD: a rate must convert from USD, not %s", Swedish: "listpriser är i USD: en kurs måste räkna om från USD, inte %s"}
	shMsgRateTo       = rule.Message{English: "the rate's target currency is missing or unknown", Swedish: "kursens målvaluta saknas eller är okänd"}
	shMsgRateZero     = rule.Message{English: "a rate of zero converts nothing", Swedish: "en kurs på noll räknar inte om något"}
	shMsgRateAsOf     = rule.Message{English: "the rate needs the instant it is quoted for (asOf)", Swedish: "kursen behöver tidpunkten den gäller från (asOf)"}
	shMsgRateConflict = rule.Message{English: "%s has two different rates as of %v (%s and %s)", Swedish: "%s har två olika kurser per %v (%s och %s)"}
	shMsgNoRate       = rule.Message{English: "no USD→%s rate quoted on or before %v, needed for %s (%s) and %d other prices", Swedish: "ingen kurs USD→%s noterad senast %v, som behövs för %s (%s) och %d andra priser"}
	shMsgPlanID       = rule.Message{English: "%q is not a plan ID (lowercase letters, digits, hyphens and underscores)", Swedish: "%q är inget plan-ID (gemener, siffror, bindestreck och understreck)"}
	shMsgSheetTerm    = rule.Message{English: "billing term %s has no price sheet (want P1M, P1Y, P2Y or P3Y)", Swedish: "faktureringsperioden %s har inget prisblad (ska vara P1M, P1Y, P2Y eller P3Y)"}
	shMsgSheetPay     = rule.Message{English: "a %s term cannot be paid %s", Swedish: "en period på %s kan inte betalas %s"}
	shMsgListUSD      = rule.Message{English: "list prices are entered in USD, not %s", Swedish: "listpriser anges i USD, inte %s"}
	shMsgPriceNeg     = rule.Message{English: "price %v is negative", Swedish: "priset %v är negativt"}
	shMsgNoMarkets    = rule.Message{English: "a plan must be sold in at least one market", Swedish: "en plan måste säljas på minst en marknad"}
	shMsgNotSold      = rule.Message{English: "%s (%s) does not transact; a plan cannot be priced there", Swedish: "%s (%s) har ingen försäljning; en plan kan inte prissättas där"}
	shMsgTermTwice    = rule.Message{English: "plan %q prices term %s twice; a plan has one payment option per term", Swedish: "planen %q prissätter perioden %s två gånger; en plan har ett betalningsalternativ per period"}
	shMsgOverMarket   = rule.Message{English: "market %s is not one of the plan's markets", Swedish: "marknaden %s är inte en av planens marknader"}
	shMsgOverCur      = rule.Message{English: "%s is billed in %s, not %s", Swedish: "%s faktureras i %s, inte %s"}
	shMsgOverTwice    = rule.Message{English: "market %s is priced twice", Swedish: "marknaden %s har två priser"}
	shMsgRounding     = rule.Message{English: "the policy's rounding %d is not a rounding mode", Swedish: "policyns avrundning %d är inget avrundningssätt"}
	shMsgConvert      = rule.Message{English: "%s", Swedish: "%s"}
	shMsgImportNone   = rule.Message{English: "the saved sheet has no price for %s %s %s in %s", Swedish: "det sparade prisbladet har inget pris för %s %s %s i %s"}
)

// Save returns the sheet after saving list at instant at with rates
// (PRC-03). prev is the sheet saved before (the zero Sheet for the first
// save). For every list price and each of its markets:
//
//   - the publisher's override, if the list gives one, is the price
//     (SourceOverride);
//   - otherwise a price saved in prev for the same plan, term, payment
//     option and market is kept as it was, with its rate and save instant,
//     provided the USD list price is unchanged: prices are fixed once
//     saved, and a later rate does not change them;
//   - otherwise (a new plan, term or market, or a changed USD price) the
//     USD price is converted into the market's billing currency at the
//     rate in force at at ([RateAt]), rounded once with p.Rounding
//     (SourceConverted), or is the list price itself where the market is
//     billed in USD (SourceList).
//
// A kept override keeps its save instant; an override with a different
// price is saved at at. Prices of plans, terms or markets no longer in
// the list are dropped. The result is sorted by plan, term, payment
// option and market, and its SavedAt is at.
//
// Invalid input is reported all at once as [rule.Problems] with paths
// into the arguments ("list[3].overrides[0].price", "rates[2]"): a plan
// ID, term or payment option that cannot be priced (EXT-05), a list
// price not in USD or negative, a market where the plan cannot be priced
// (wrapping [ErrMarketNotSold]), an override outside the plan's markets or
// in the wrong currency, an unusable rate ([ErrBadRate]), and a currency
// without a rate (one problem per currency, wrapping [ErrNoRate]).
func (p Policy) Save(prev Sheet, list []ListPrice, rates []DatedRate, at time.Time) (Sheet, error) {
	var ps rule.Problems
	if at.IsZero() {
		ps.Add(rule.PRC03, "at", shMsgAtRequired)
	}
	if !p.Rounding.Valid() {
		ps.Add(rule.PRC03, "policy.rounding", shMsgRounding, uint8(p.Rounding))
	}
	sheetCheckRates(rates, &ps)
	order, total := sheetCheckList(list, &ps)
	if len(ps) > 0 {
		return Sheet{}, ps.Err()
	}

	// Every market of every list price gives one price or a problem. The
	// list is visited in sheet order and merged with prev, which is in
	// that order too (as Save writes it): one pass over prev that also
	// checks its order. A prev out of order (built by hand) is sorted and
	// the prices made again.
	out := make([]LocalPrice, total)
	n, sorted := p.fill(out, prev.Prices, list, order, rates, at, &ps)
	if !sorted {
		old := slices.Clone(prev.Prices)
		slices.SortStableFunc(old, sheetCompare)
		clear(out)
		ps = nil
		n, _ = p.fill(out, old, list, order, rates, at, &ps)
	}
	out = out[:n]
	if len(ps) > 0 {
		return Sheet{}, ps.Err()
	}
	return Sheet{Rule: rule.PRC03, Reason: ReasonSaved, SavedAt: at, Prices: out}, nil
}

// fill writes into out, in place, the prices of list visited in order
// (sheet order), keeping the prices of old as [Policy.Save] says, and
// returns how many it wrote. It reports problems to ps, and whether old
// is in sheet order: when it is not, the prices written are not the
// sheet's.
func (p Policy) fill(out, old []LocalPrice, list []ListPrice, order []int, rates []DatedRate, at time.Time, ps *rule.Problems) (n int, sorted bool) {
	// The rate of every market's currency at the instant of the save,
	// found once per market (by code, a small index) and kept once per
	// currency in chosen, beside the list price last converted at it
	// (conv[k].li, the list price's place in order + 1) and the result:
	// the markets of one currency (30 of them bill in EUR) convert a list
	// price once.
	var rateOf [256]int16 // 0: none looked up yet; -1: no rate; else index+1
	var chosen []DatedRate
	type converted struct {
		li int
		v  currency.Money
	}
	var conv []converted
	type missing struct {
		cur   currency.Code
		mkt   market.Code
		path  string
		what  string
		count int
	}
	var missed []missing

	sorted = true
	c := 0                    // old[:c] is merged, each checked against the one before
	var overrideAt [256]int32 // market code → override index+1, per list price
	for pos, li := range order {
		stamp := pos + 1 // this list price, in conv
		lp := &list[li]
		usd := lp.Price
		if usd == (currency.Money{}) {
			usd = currency.MustFromMinor(0, currency.USD)
		}
		for i, o := range lp.Overrides {
			overrideAt[o.Market] = int32(i + 1)
		}
		// The group of old with this plan, term and payment: old[j:hi].
		for c < len(old) && sheetGroupCmp(&old[c].Row, lp) < 0 {
			sorted = sorted && sheetInOrder(old, c)
			c++
		}
		j := c
		if c < len(old) && sheetInGroup(&old[c].Row, lp) {
			sorted = sorted && sheetInOrder(old, c)
			for c++; c < len(old) && sheetInGroup(&old[c].Row, lp); c++ {
				sorted = sorted && old[c-1].Market <= old[c].Market
			}
		}
		hi := c
		// The markets in code order, as Markets.All yields them, in a
		// plain loop (no closure holding the loop's variables).
		for mc := market.Code(1); mc.Valid(); mc++ {
			if !lp.Markets.Has(mc) {
				continue
			}
			// The saved price of this market, if any.
			var saved *LocalPrice
			for j < hi && old[j].Market < mc {
				j++
			}
			if j < hi && old[j].Market == mc {
				saved = &old[j]
			}
			cur := mc.Market().Currency
			if k := overrideAt[mc]; k > 0 {
				price := lp.Overrides[k-1].Price
				e := &out[n]
				n++
				if saved != nil && saved.Source == SourceOverride && saved.Price == price {
					e.copyFrom(saved)
					e.USD = usd
				} else {
					e.setNew(mc, lp, price, SourceOverride, usd, at)
				}
				continue
			}
			if saved != nil && saved.USD == usd && saved.Price.Code() == cur {
				out[n].copyFrom(saved)
				n++
				continue
			}
			if cur == currency.USD {
				out[n].setNew(mc, lp, usd, SourceList, usd, at)
				n++
				continue
			}
			ri := rateOf[mc]
			if ri == 0 {
				ri = -1
				if k := slices.IndexFunc(chosen, func(r DatedRate) bool { return r.To == cur }); k >= 0 {
					ri = int16(k + 1)
				} else if r, ok := RateAt(rates, cur, at); ok {
					chosen = append(chosen, r)
					conv = append(conv, converted{})
					ri = int16(len(chosen))
				}
				rateOf[mc] = ri
			}
			if ri < 0 {
				k := slices.IndexFunc(missed, func(m missing) bool { return m.cur == cur })
				if k < 0 {
					missed = append(missed, missing{cur: cur, mkt: mc, path: fmt.Sprintf("list[%d].markets[%s]", li, mc),
						what: fmt.Sprintf("plan %q %s %s", lp.Plan, lp.Term, lp.Payment)})
				} else {
					missed[k].count++
				}
				continue
			}
			r, cv := &chosen[ri-1], &conv[ri-1]
			if cv.li != stamp {
				v, err := usd.Convert(cur, r.Rate, p.Rounding)
				if err != nil {
					ps.Append(rule.Problem{Rule: rule.PRC03, Path: fmt.Sprintf("list[%d].markets[%s]", li, mc), Message: shMsgConvert, Args: []any{err.Error()}, Err: err})
					continue
				}
				cv.li, cv.v = stamp, v
			}
			e := &out[n]
			n++
			e.setNew(mc, lp, cv.v, SourceConverted, usd, at)
			e.Rate, e.Rounding = *r, p.Rounding
		}
		for _, o := range lp.Overrides {
			overrideAt[o.Market] = 0
		}
	}
	for ; c < len(old); c++ {
		sorted = sorted && sheetInOrder(old, c)
	}
	for _, m := range missed {
		ps.Append(rule.Problem{Rule: rule.PRC03, Path: m.path, Message: shMsgNoRate,
			Args: []any{m.cur.String(), at, m.mkt.String(), m.what, m.count}, Err: ErrNoRate})
	}
	return n, sorted
}

// sheetCheckRates reports rates that cannot be used.
func sheetCheckRates(rates []DatedRate, ps *rule.Problems) {
	for i, r := range rates {
		path := fmt.Sprintf("rates[%d]", i)
		switch {
		case r.From != currency.USD:
			ps.Append(rule.Problem{Rule: rule.PRC03, Path: path, Message: shMsgRateFrom, Args: []any{r.From.String()}, Err: ErrBadRate})
		case !r.To.Valid():
			ps.Append(rule.Problem{Rule: rule.PRC03, Path: path, Message: shMsgRateTo, Err: ErrBadRate})
		case r.Rate.IsZero():
			ps.Append(rule.Problem{Rule: rule.PRC03, Path: path, Message: shMsgRateZero, Err: ErrBadRate})
		case r.AsOf.IsZero():
			ps.Append(rule.Problem{Rule: rule.PRC03, Path: path, Message: shMsgRateAsOf, Err: ErrBadRate})
		default:
			for _, o := range rates[:i] {
				if o.From == r.From && o.To == r.To && o.AsOf.Equal(r.AsOf) && !o.Rate.Equal(r.Rate) {
					ps.Append(rule.Problem{Rule: rule.PRC03, Path: path, Message: shMsgRateConflict,
						Args: []any{r.To.String(), r.AsOf, o.Rate.String(), r.Rate.String()}, Err: ErrBadRate})
					break
				}
			}
		}
	}
}

// sheetCheckList reports list prices that cannot be priced, and returns the
// list's indexes in sheet order and the number of prices.
func sheetCheckList(list []ListPrice, ps *rule.Problems) ([]int, int) {
	order := make([]int, len(list))
	total := 0
	sold := market.TransactingSet()
	for i := range list {
		order[i] = i
		lp := &list[i]
		// The path of list[i], made only for a problem.
		at := func() string { return "list[" + strconv.Itoa(i) + "]" }
		if !plan.ValidID(lp.Plan) {
			ps.Append(rule.Problem{Rule: rule.PLN01, Path: at() + ".plan", Message: shMsgPlanID, Args: []any{shTruncate(lp.Plan, 60)}, Err: ErrPrice})
		}
		switch {
		case !sheetTerm(lp.Term):
			ps.Append(rule.Problem{Rule: rule.EXT05, Path: at() + ".term", Message: shMsgSheetTerm, Args: []any{lp.Term.String()}, Err: ErrPrice})
		case !lp.Payment.Allows(lp.Term):
			ps.Append(rule.Problem{Rule: rule.EXT05, Path: at() + ".payment", Message: shMsgSheetPay, Args: []any{lp.Term.Words(), lp.Payment.String()}, Err: ErrPrice})
		}
		switch {
		case lp.Price.Code() != currency.USD && lp.Price != (currency.Money{}):
			ps.Append(rule.Problem{Rule: rule.PRC03, Path: at() + ".price", Message: shMsgListUSD, Args: []any{lp.Price.Code().String()}, Err: ErrPrice})
		case lp.Price.IsNegative():
			ps.Append(rule.Problem{Rule: rule.PRC03, Path: at() + ".price", Message: shMsgPriceNeg, Args: []any{lp.Price}, Err: ErrPrice})
		}
		if lp.Markets.IsEmpty() {
			ps.Append(rule.Problem{Rule: rule.PLN06, Path: at() + ".markets", Message: shMsgNoMarkets, Err: ErrPrice})
		}
		// The markets outside the transacting ones, in code order.
		for c := range lp.Markets.Difference(sold).All() {
			m := c.Market()
			ps.Append(rule.Problem{Rule: rule.PRC09, Path: fmt.Sprintf("%s.markets[%s]", at(), c), Message: shMsgNotSold,
				Args: []any{m.Name, c.String()}, Err: ErrMarketNotSold})
		}
		total += lp.Markets.Len()
		var seen market.Set
		for k, o := range lp.Overrides {
			op := func() string { return fmt.Sprintf("%s.overrides[%d]", at(), k) }
			mk := o.Market.Market()
			switch {
			case !lp.Markets.Has(o.Market):
				ps.Append(rule.Problem{Rule: rule.PRC03, Path: op() + ".market", Message: shMsgOverMarket, Args: []any{o.Market.String()}, Err: ErrPrice})
			case seen.Has(o.Market):
				ps.Append(rule.Problem{Rule: rule.PRC03, Path: op() + ".market", Message: shMsgOverTwice, Args: []any{o.Market.String()}, Err: ErrDuplicate})
			case o.Price.Code() != mk.Currency:
				ps.Append(rule.Problem{Rule: rule.PRC03, Path: op() + ".price", Message: shMsgOverCur,
					Args: []any{mk.Label(), mk.Currency.String(), o.Price.Code().String()}, Err: ErrPrice})
			case o.Price.IsNegative():
				ps.Append(rule.Problem{Rule: rule.PRC03, Path: op() + ".price", Message: shMsgPriceNeg, Args: []any{o.Price}, Err: ErrPrice})
			}
			seen.Add(o.Market)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := &list[a], &list[b]
		return sheetKey{x.Plan, x.Term, x.Payment, 0}.cmp(sheetKey{y.Plan, y.Term, y.Payment, 0})
	})
	for k := 1; k < len(order); k++ {
		x, y := &list[order[k-1]], &list[order[k]]
		if x.Plan == y.Plan && x.Term == y.Term {
			ps.Append(rule.Problem{Rule: rule.EXT05, Path: fmt.Sprintf("list[%d].term", order[k]), Message: shMsgTermTwice,
				Args: []any{shTruncate(y.Plan, 60), y.Term.String()}, Err: ErrDuplicate})
		}
	}
	return order, total
}

// sheetTerm reports whether t is a billing term with a price sheet.
func sheetTerm(t plan.Term) bool { return t.Valid() && t != plan.Hourly }

// Import returns the sheet after importing rows, the publisher's edited
// export, at instant at (PRC-03: the publisher may export the sheet,
// change it and import it again, and owns the result). A row whose price
// differs from the saved one replaces it as the publisher's price
// (SourceOverride, saved at at); a row with the saved price changes
// nothing; prices without a row are kept. Every row must name a price of
// prev in the market's billing currency; all problems are reported at
// once as [rule.Problems] with paths "rows[i]".
func (p Policy) Import(prev Sheet, rows []Row, at time.Time) (Sheet, error) {
	var ps rule.Problems
	if at.IsZero() {
		ps.Add(rule.PRC03, "at", shMsgAtRequired)
	}
	out := slices.Clone(prev.Prices)
	if !sheetSorted(out) {
		slices.SortStableFunc(out, sheetCompare)
	}
	seen := make(map[sheetKey]int, len(rows))
	for i, r := range rows {
		path := fmt.Sprintf("rows[%d]", i)
		k := sheetKeyOf(&r)
		if first, dup := seen[k]; dup {
			ps.Append(rule.Problem{Rule: rule.PRC03, Path: path, Message: shMsgRowDup, Args: []any{fmt.Sprintf("rows[%d]", first)}, Err: ErrDuplicate})
			continue
		}
		seen[k] = i
		j, ok := slices.BinarySearchFunc(out, k, func(q LocalPrice, k sheetKey) int { return sheetKeyOf(&q.Row).cmp(k) })
		if !ok {
			ps.Append(rule.Problem{Rule: rule.PRC03, Path: path, Message: shMsgImportNone,
				Args: []any{shTruncate(r.Plan, 60), r.Term.String(), r.Payment.String(), r.Market.String()}, Err: ErrPrice})
			continue
		}
		mk := r.Market.Market()
		switch {
		case r.Price.Code() != mk.Currency:
			ps.Append(rule.Problem{Rule: rule.PRC03, Path: path + ".price", Message: shMsgOverCur,
				Args: []any{mk.Label(), mk.Currency.String(), r.Price.Code().String()}, Err: ErrPrice})
		case r.Price.IsNegative():
			ps.Append(rule.Problem{Rule: rule.PRC03, Path: path + ".price", Message: shMsgPriceNeg, Args: []any{r.Price}, Err: ErrPrice})
		case out[j].Price != r.Price:
			out[j] = newLocalPrice(r, SourceOverride, out[j].USD, at)
		}
	}
	if len(ps) > 0 {
		return Sheet{}, ps.Err()
	}
	return Sheet{Rule: rule.PRC03, Reason: ReasonImported, SavedAt: at, Prices: out}, nil
}

// shDecodeStrict decodes JSON into v with package jsonx: unknown and
// repeated members and malformed values are problems.
func shDecodeStrict(b []byte, v any, ps *rule.Problems) { jsonx.Decode(b, v, "", ps) }

// shTruncate cuts s to n bytes at a character boundary, adding "…".
func shTruncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

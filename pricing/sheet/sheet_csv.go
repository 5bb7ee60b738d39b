package sheet

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/csvx"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// The CSV price sheet. The first row is this header (case and surrounding
// spaces aside); every later row is one [Row]:
//
//	market    the market's ISO 3166-1 code: "SE"
//	currency  the market's billing currency: "SEK"
//	plan      the plan's ID: "gold"
//	term      the billing term: "P1M", "P1Y", "P2Y" or "P3Y"
//	payment   the payment option: "upfront", "monthly" or "annual"
//	price     the price in major units, exact: "1045.12", "14920" (JPY)
//
// [WriteCSV] writes exactly these forms, with "\n" line ends and no
// quoting unless a field needs it; that is the canonical form, which
// [ReadSheetCSV] followed by WriteCSV reproduces byte for byte.
// The reader also accepts any case, surrounding spaces, term words ("1
// year"), the alias RMB for CNY, a UTF-8 byte-order mark, "\r\n" line
// ends and blank lines.
var sheetColumns = [...]string{"market", "currency", "plan", "term", "payment", "price"}

// Columns returns the header of the CSV price sheet.
func Columns() []string { return append([]string(nil), sheetColumns[:]...) }

// Sentinel errors of CSV price sheets that stop reading.
var (
	// ErrCSV: malformed CSV (bad quoting, a wrong number of fields)
	// or a missing or different header.
	ErrCSV = errors.New("malformed price sheet CSV")
	// ErrLimit: the input has more rows or bytes than the
	// [Policy] allows.
	ErrLimit = errors.New("price sheet over limit")
)

var (
	shMsgSheetCSV     = rule.Message{English: "%s", Swedish: "%s"}
	shMsgRowMarket    = rule.Message{English: "market: %q is not a market of the marketplace", Swedish: "market: %q är ingen marknad på marknadsplatsen"}
	shMsgRowNotSold   = rule.Message{English: "market: %s (%s) does not transact; a plan cannot be priced there", Swedish: "market: %s (%s) har ingen försäljning; en plan kan inte prissättas där"}
	shMsgRowCurrency  = rule.Message{English: "currency: %q is not a currency code", Swedish: "currency: %q är ingen valutakod"}
	shMsgRowCurMarket = rule.Message{English: "currency: %s is billed in %s, not %s", Swedish: "currency: %s faktureras i %s, inte %s"}
	shMsgRowPlan      = rule.Message{English: "plan: %q is not a plan ID (lowercase letters, digits, hyphens and underscores)", Swedish: "plan: %q är inget plan-ID (gemener, siffror, bindestreck och understreck)"}
	shMsgRowPlanKnown = rule.Message{English: "plan: %q is not a plan of the price list", Swedish: "plan: %q är ingen plan i prislistan"}
	shMsgRowTerm      = rule.Message{English: "term: %q is not a billing term (want P1M, P1Y, P2Y or P3Y)", Swedish: "term: %q är ingen faktureringsperiod (ska vara P1M, P1Y, P2Y eller P3Y)"}
	shMsgRowTermKnown = rule.Message{English: "term: plan %q has no %s term", Swedish: "term: planen %q har ingen period %s"}
	shMsgRowPayment   = rule.Message{English: "payment: %q is not a payment option (want upfront, monthly or annual)", Swedish: "payment: %q är inget betalningsalternativ (ska vara upfront, monthly eller annual)"}
	shMsgRowPayTerm   = rule.Message{English: "payment: a %s term cannot be paid %s", Swedish: "payment: en period på %s kan inte betalas %s"}
	shMsgRowPayKnown  = rule.Message{English: "payment: plan %q pays its %s term %s, not %s", Swedish: "payment: planen %q betalar perioden %s %s, inte %s"}
	shMsgRowMarketIn  = rule.Message{English: "market: %s is not one of plan %q's markets", Swedish: "market: %s är inte en av planen %qs marknader"}
	shMsgRowPrice     = rule.Message{English: "price: %q is not an exact %s amount: %s", Swedish: "price: %q är inget exakt belopp i %s: %s"}
	shMsgRowNegative  = rule.Message{English: "price: %v is negative", Swedish: "price: %v är negativt"}
	shMsgRowDup       = rule.Message{English: "the same plan, term, payment option and market as %s", Swedish: "samma plan, period, betalningsalternativ och marknad som %s"}
)

// ReadSheetCSV reads a price sheet in the CSV format of [Columns]
// from r, named name in problem paths ("prices.csv line 12"), within the
// row and byte limits of p. It validates every row and reports every
// problem at once as [rule.Problems], each with its line: an unknown
// market or one that does not transact ([ErrMarketNotSold]), a currency
// that is not the market's billing currency, a malformed plan ID, term or
// payment option or one that does not fit the term (EXT-05), a negative
// price or one with more decimals than the currency has ([ErrPrice]),
// and a row repeating an earlier one's market, plan, term and payment
// option ([ErrDuplicate], naming the earlier line).
//
// When known is not nil it is the price list the sheet belongs to, and
// each row must also name one of its plans, that plan's term with its
// payment option, and one of its markets.
//
// Malformed CSV or a missing or different header stops reading with a
// problem wrapping [ErrCSV]; more rows or bytes than allowed with
// one wrapping [ErrLimit]. The rows are returned in the file's order
// only when there is no problem.
func ReadSheetCSV(r io.Reader, name string, known []ListPrice, p Policy) ([]Row, error) {
	if name == "" {
		name = "prices.csv"
	}
	lim := csvx.Limits{MaxBytes: p.MaxBytes, MaxRows: p.MaxRows}
	switch {
	case lim.MaxBytes == 0:
		lim.MaxBytes = DefaultMaxBytes
	case lim.MaxBytes < 0:
		lim.MaxBytes = 0
	}
	switch {
	case lim.MaxRows == 0:
		lim.MaxRows = DefaultMaxRows
	case lim.MaxRows < 0:
		lim.MaxRows = 0
	}
	rd := csvx.NewReader(r, name, lim)
	var ps rule.Problems
	if err := rd.Header(sheetColumns[:]...); err != nil {
		return nil, append(ps, sheetCSVProblem(name, err))
	}
	catalog := sheetNewCatalog(known)
	var rows []Row
	lineOf := make(map[sheetKey]int)
	for {
		rec, line, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			ps = append(ps, sheetCSVProblem(name, err))
			break
		}
		row, ok := parseSheetRow(rec, name, line, catalog, &ps)
		if !ok {
			continue
		}
		k := sheetKeyOf(&row)
		if first, dup := lineOf[k]; dup {
			ps = append(ps, rule.Problem{Rule: rule.PRC03, Path: name + " line " + strconv.Itoa(line), Message: shMsgRowDup,
				Args: []any{name + " line " + strconv.Itoa(first)}, Err: ErrDuplicate})
			continue
		}
		lineOf[k] = line
		if len(ps) == 0 {
			rows = append(rows, row)
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return rows, nil
}

// sheetCSVProblem turns a csvx error into a problem wrapping ErrCSV or
// ErrLimit.
func sheetCSVProblem(name string, err error) rule.Problem {
	sentinel := ErrCSV
	if errors.Is(err, csvx.ErrTooLarge) || errors.Is(err, csvx.ErrTooManyRows) {
		sentinel = ErrLimit
	}
	path, msg := name, err.Error()
	var ce *csvx.Error
	if errors.As(err, &ce) {
		path, msg = ce.Where(), ce.Msg
	}
	return rule.Problem{Rule: rule.PRC03, Path: path, Message: shMsgSheetCSV, Args: []any{msg}, Err: sentinel}
}

// sheetCatalog answers which plans, terms, payment options and markets a
// price list has.
type sheetCatalog struct {
	on    bool
	plans map[string]bool
	terms map[sheetCatalogKey]sheetCatalogTerm
}

type sheetCatalogKey struct {
	plan string
	term plan.Term
}

type sheetCatalogTerm struct {
	payment plan.PaymentOption
	markets market.Set
}

func sheetNewCatalog(list []ListPrice) sheetCatalog {
	if list == nil {
		return sheetCatalog{}
	}
	c := sheetCatalog{on: true, plans: make(map[string]bool), terms: make(map[sheetCatalogKey]sheetCatalogTerm)}
	for i := range list {
		lp := &list[i]
		c.plans[lp.Plan] = true
		c.terms[sheetCatalogKey{lp.Plan, lp.Term}] = sheetCatalogTerm{lp.Payment, lp.Markets}
	}
	return c
}

// parseSheetRow parses and checks one record, appending its problems.
func parseSheetRow(rec []string, name string, line int, c sheetCatalog, ps *rule.Problems) (Row, bool) {
	var row Row
	n := len(*ps)
	bad := func(id rule.ID, m rule.Message, err error, args ...any) {
		*ps = append(*ps, rule.Problem{Rule: id, Path: name + " line " + strconv.Itoa(line), Message: m, Args: args, Err: err})
	}
	field := func(i int) string { return strings.TrimSpace(rec[i]) }

	mc, err := market.Parse(field(0))
	mk := mc.Market()
	switch {
	case err != nil:
		bad(rule.EXT15, shMsgRowMarket, ErrMarketNotSold, shTruncate(field(0), 40))
	case !mk.Transacts:
		bad(rule.PRC09, shMsgRowNotSold, ErrMarketNotSold, mk.Label(), mc.String())
	}
	cur, err := currency.ParseCode(field(1))
	switch {
	case err != nil:
		bad(rule.PRC08, shMsgRowCurrency, ErrPrice, shTruncate(field(1), 40))
	case mk.Transacts && cur != mk.Currency:
		bad(rule.PRC03, shMsgRowCurMarket, ErrPrice, mk.Label(), mk.Currency.String(), cur.String())
	}
	planID := field(2)
	switch {
	case !plan.ValidID(planID):
		bad(rule.PLN01, shMsgRowPlan, ErrPrice, shTruncate(planID, 60))
	case c.on && !c.plans[planID]:
		bad(rule.PRC03, shMsgRowPlanKnown, ErrPrice, planID)
	}
	term, err := plan.ParseTerm(field(3))
	termOK := err == nil && sheetTerm(term)
	if !termOK {
		bad(rule.EXT05, shMsgRowTerm, ErrPrice, shTruncate(field(3), 40))
	}
	pay, payOK := sheetPayment(field(4))
	switch {
	case !payOK:
		bad(rule.EXT05, shMsgRowPayment, ErrPrice, shTruncate(field(4), 40))
	case termOK && !pay.Allows(term):
		bad(rule.EXT05, shMsgRowPayTerm, ErrPrice, term.Words(), pay.String())
	}
	if c.on && termOK && payOK && c.plans[planID] {
		ct, hasTerm := c.terms[sheetCatalogKey{planID, term}]
		switch {
		case !hasTerm:
			bad(rule.PRC03, shMsgRowTermKnown, ErrPrice, planID, term.String())
		case ct.payment != pay:
			bad(rule.EXT05, shMsgRowPayKnown, ErrPrice, planID, term.String(), ct.payment.String(), pay.String())
		case mk.Transacts && !ct.markets.Has(mc):
			bad(rule.PRC03, shMsgRowMarketIn, ErrMarketNotSold, mc.String(), planID)
		}
	}
	if cur.Valid() {
		price, err := currency.ParseAmount(field(5), cur)
		switch {
		case err != nil:
			detail := err.Error()
			var pe *currency.ParseError
			if errors.As(err, &pe) {
				detail = pe.Err.Error()
				if pe.Detail != "" {
					detail += " (" + pe.Detail + ")"
				}
			}
			bad(rule.PRC03, shMsgRowPrice, ErrPrice, shTruncate(field(5), 40), cur.String(), detail)
		case price.IsNegative():
			bad(rule.PRC03, shMsgRowNegative, ErrPrice, price)
		default:
			row.Price = price
		}
	}
	if len(*ps) > n {
		return Row{}, false
	}
	row.Market, row.Plan, row.Term, row.Payment = mc, planID, term, pay
	return row, true
}

// sheetPayment parses a payment option's name, ignoring case, without
// allocating.
func sheetPayment(s string) (plan.PaymentOption, bool) {
	for _, o := range [...]plan.PaymentOption{plan.Upfront, plan.Monthly, plan.Annual} {
		if strings.EqualFold(s, o.String()) {
			return o, true
		}
	}
	return 0, false
}

// WriteCSV writes rows to w in the CSV format of [Columns]: the
// header, then one line per row in the given order, each price with
// exactly its currency's decimal places. It checks every row first and
// writes nothing when one cannot be written (an invalid market, term or
// payment option, a price without a currency), returning an error that
// names it. [ReadSheetCSV] reads the output back to the same rows.
func WriteCSV(w io.Writer, rows []Row) error {
	for i, r := range rows {
		switch {
		case !r.Market.Valid():
			return fmt.Errorf("pricing: rows[%d]: invalid market: %w", i, ErrPrice)
		case !sheetTerm(r.Term):
			return fmt.Errorf("pricing: rows[%d]: term %s has no price sheet: %w", i, r.Term, ErrPrice)
		case !r.Payment.Allows(r.Term):
			return fmt.Errorf("pricing: rows[%d]: a %s term cannot be paid %s: %w", i, r.Term.Words(), r.Payment, ErrPrice)
		case !r.Price.Code().Valid():
			return fmt.Errorf("pricing: rows[%d]: price without a currency: %w", i, ErrPrice)
		}
	}
	const chunk = 64 << 10
	buf := make([]byte, 0, chunk+256)
	buf = append(buf, "market,currency,plan,term,payment,price\n"...)
	for _, r := range rows {
		buf = append(buf, r.Market.String()...)
		buf = append(buf, ',')
		buf = append(buf, r.Price.Code().String()...)
		buf = append(buf, ',')
		buf = sheetAppendField(buf, r.Plan)
		buf = append(buf, ',')
		buf = append(buf, r.Term.String()...)
		buf = append(buf, ',')
		buf = append(buf, r.Payment.String()...)
		buf = append(buf, ',')
		buf = r.Price.AppendAmount(buf)
		buf = append(buf, '\n')
		if len(buf) >= chunk {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// sheetAppendField appends s as a CSV field, quoted as encoding/csv would
// when it must be.
func sheetAppendField(b []byte, s string) []byte {
	if s != "" && !strings.ContainsAny(s, "\",\r\n") && s[0] != ' ' && s[0] != '\t' && s != `\.` {
		return append(b, s...)
	}
	if s == "" {
		return b
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

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
// [Policy.ReadCSV] followed by WriteCSV reproduces byte for byte.
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
	ErrCSV = errors.New("malformed CSV")
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
	shMsgMore         = rule.Message{English: "and %d more problems, not listed", Swedish: "och %d problem till, som inte listas"}
	shMsgRowDup       = rule.Message{English: "the same plan, term, payment option and market as %s", Swedish: "samma plan, period, betalningsalternativ och marknad som %s"}
)

// ReadCSV reads a price sheet in the CSV format of [Columns] from r,
// named name in problem paths ("prices.csv line 12"), within the row and
// byte limits of p. It validates every row and reports the problems at
// once as [rule.Problems], each with its line: an unknown market or one
// that does not transact ([ErrMarketNotSold]), a currency that is not the
// market's billing currency, a malformed plan ID, term or payment option
// or one that does not fit the term (EXT-05), a negative price or one
// with more decimals than the currency has ([ErrPrice]), and a row
// repeating an earlier one's market, plan, term and payment option
// ([ErrDuplicate], naming the earlier line). The first [MaxProblems]
// problems are listed, then one that counts the rest, so that memory
// stays within a small multiple of the byte limit whatever the input.
//
// When known is not nil it is the price list the sheet belongs to, and
// each row must also name one of its plans, that plan's term with its
// payment option, and one of its markets.
//
// Malformed CSV or a missing or different header stops reading with a
// problem wrapping [ErrCSV]; more rows or bytes than allowed with
// one wrapping [ErrLimit]. The rows are returned in the file's order
// only when there is no problem. Reading allocates a constant number of
// times per row (the record's text and amortised growth of the result).
func (p Policy) ReadCSV(r io.Reader, name string, known []ListPrice) ([]Row, error) {
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
	rp := RowParser{loc: name + " line ", name: name}
	if err := rd.Header(sheetColumns[:]...); err != nil {
		rp.ps.add(sheetCSVProblem(name, err))
		return rp.Rows()
	}
	rp.init(known, estimateRows(r, lim, 28))
	for {
		rec, line, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			rp.ps.add(sheetCSVProblem(name, err))
			break
		}
		rp.Parse(rec, line)
	}
	return rp.Rows()
}

// RowParser checks the records of a price sheet read in a form other
// than CSV (package sheetxlsx reads an Excel workbook with it) by the
// rules of [Policy.ReadCSV], with the same problems, the same duplicate
// check and at most [MaxProblems] problems listed. A record is the
// fields of one row in the order of [Columns]. [Policy.NewRowParser]
// makes one; the zero RowParser checks rows without a price list and
// names them by number alone, and a nil *RowParser keeps no row.
type RowParser struct {
	loc, name string
	catalog   sheetCatalog
	codes     codeCache
	ps        problemList
	seen      dupCheck
	rows      []Row
	lines     []int32
}

// NewRowParser returns a parser of the rows of the sheet named name,
// whose rows are numbered in unit: with name "prices.xlsx" and unit
// "row", a problem's path is "prices.xlsx row 12". known is as for
// [Policy.ReadCSV]; sizeHint is the number of rows expected (0 when
// unknown).
func (p Policy) NewRowParser(name, unit string, known []ListPrice, sizeHint int) *RowParser {
	rp := &RowParser{loc: name + " " + unit + " ", name: name}
	rp.init(known, min(max(sizeHint, 16), DefaultMaxRows))
	return rp
}

func (rp *RowParser) init(known []ListPrice, n int) {
	rp.catalog = sheetNewCatalog(known)
	rp.rows = make([]Row, 0, n)
	rp.lines = make([]int32, 0, n)
}

// Where returns the path of row n in problems: "prices.xlsx row 12".
func (rp *RowParser) Where(n int) string {
	if rp == nil {
		return strconv.Itoa(n)
	}
	return rp.loc + strconv.Itoa(n)
}

// Parse checks rec, the fields of row n in the order of [Columns] (a
// missing field is empty), and keeps the row when it has no problem and
// does not repeat an earlier row. It reports whether the row was kept.
func (rp *RowParser) Parse(rec []string, n int) bool {
	if rp == nil {
		return false
	}
	if len(rec) < len(sheetColumns) {
		var full [len(sheetColumns)]string
		copy(full[:], rec)
		rec = full[:]
	}
	row, ok := parseSheetRow(rec, rp.loc, n, &rp.catalog, &rp.codes, &rp.ps)
	if !ok {
		return false
	}
	if first := rp.seen.check(&row, rp.rows, rp.lines); first > 0 {
		rp.ps.add(rule.Problem{Rule: rule.PRC03, Path: rp.Where(n), Message: shMsgRowDup,
			Args: []any{rp.Where(int(first))}, Err: ErrDuplicate})
		return false
	}
	rp.rows = append(rp.rows, row)
	rp.lines = append(rp.lines, int32(min(n, 1<<31-1)))
	return true
}

// Add adds a problem found outside a row's fields (a malformed file, an
// input over a limit); it counts towards [MaxProblems].
func (rp *RowParser) Add(p rule.Problem) {
	if rp != nil {
		rp.ps.add(p)
	}
}

// Problems returns the number of problems so far.
func (rp *RowParser) Problems() int {
	if rp == nil {
		return 0
	}
	return rp.ps.len()
}

// Rows returns the rows kept, in the order parsed, when there was no
// problem; else nil and the problems as [rule.Problems], the first
// [MaxProblems] of them followed by one that counts the rest.
func (rp *RowParser) Rows() ([]Row, error) {
	if rp == nil {
		return nil, nil
	}
	rp.ps.name = rp.name
	if err := rp.ps.err(); err != nil {
		return nil, err
	}
	return rp.rows, nil
}

// MaxProblems is the most problems a CSV reader lists; one more problem
// says how many were not listed.
const MaxProblems = 100

// problemList collects problems up to MaxProblems and counts the rest.
type problemList struct {
	ps   rule.Problems
	more int
	// name, when set, is the path of the problem that counts the rest;
	// else the path of the last problem up to " line ".
	name string
}

func (l *problemList) add(p rule.Problem) {
	if len(l.ps) < MaxProblems {
		l.ps = append(l.ps, p)
		return
	}
	l.more++
}

func (l *problemList) len() int { return len(l.ps) + l.more }

func (l *problemList) err() error {
	if l.more > 0 {
		last := l.ps[len(l.ps)-1]
		path, _, _ := strings.Cut(last.Path, " line ")
		if l.name != "" {
			path = l.name
		}
		l.ps = append(l.ps, rule.Problem{Rule: last.Rule, Path: path, Message: shMsgMore, Args: []any{l.more}, Err: last.Err})
		l.more = 0
	}
	return l.ps.Err()
}

// estimateRows guesses the rows of an input that reports its length (a
// bytes.Reader, strings.Reader or bytes.Buffer), at perRow bytes a row,
// within the row limit; 16 otherwise.
func estimateRows(r io.Reader, lim csvx.Limits, perRow int) int {
	n := 16
	if l, ok := r.(interface{ Len() int }); ok {
		n = l.Len()/perRow + 1
	}
	if lim.MaxBytes > 0 {
		n = int(min(int64(n), lim.MaxBytes/int64(perRow)+1))
	}
	if lim.MaxRows > 0 {
		n = min(n, lim.MaxRows)
	}
	return max(n, 0)
}

// dupCheck finds rows repeating an earlier row's key (plan, term,
// payment option, market). Sheets list a plan's rows together (as
// Partner Center exports them and as [WriteCSV] writes a saved sheet), so
// while each plan's rows come in one run, a row can only repeat a row of
// the current run: dupCheck keeps the current run's rows in a small
// direct-indexed array by (term, payment option, market), cleared when
// the run ends, and the plans of ended runs in a set. The first plan to
// come back after another plan's run builds a [dupTable] of all the rows
// so far, which answers from then on.
type dupCheck struct {
	hashed bool     // the table answers
	table  dupTable // when hashed
	plan   string   // the current run's plan
	start  int      // the current run's first row
	// run holds, by runSlot, the index plus one of the current run's
	// row with that term, payment option and market (0: none).
	run   []int32
	ended map[string]struct{} // the plans of ended runs
}

// runSlot returns r's index in dupCheck.run (a parsed row's term is
// below 8 and its payment option below 4).
func runSlot(r *Row) int {
	return int(r.Term&7)<<10 | int(r.Payment&3)<<8 | int(r.Market)
}

// check returns the line of an earlier row with r's key, or 0 when r is
// new; r is then the row about to be appended at len(rows).
func (d *dupCheck) check(r *Row, rows []Row, lines []int32) int32 {
	if !d.hashed {
		back := false
		if r.Plan != d.plan || len(rows) == 0 {
			d.endRun(rows)
			_, back = d.ended[r.Plan]
			d.plan, d.start = r.Plan, len(rows)
		}
		if !back {
			if d.run == nil {
				d.run = make([]int32, 8<<10)
			}
			slot := runSlot(r)
			if i := d.run[slot]; i > 0 {
				return lines[i-1]
			}
			d.run[slot] = int32(len(rows) + 1)
			return 0
		}
		d.hashed = true
		d.table.init(cap(rows))
		for i := range rows {
			d.table.insert(&rows[i], rows[:i], lines)
		}
	}
	return d.table.insert(r, rows, lines)
}

// endRun ends the current run, rows[d.start:], if any.
func (d *dupCheck) endRun(rows []Row) {
	if d.start >= len(rows) {
		return
	}
	for i := d.start; i < len(rows); i++ {
		d.run[runSlot(&rows[i])] = 0
	}
	if d.ended == nil {
		d.ended = make(map[string]struct{})
	}
	d.ended[d.plan] = struct{}{}
}

// dupTable finds rows repeating an earlier row's plan, term, payment
// option and market: one open-addressing array, sized once for the
// expected rows (doubling only when a reader of unknown length brings
// more), of slots packing 32 bits of a row's key hash with its index in
// the rows plus one (0: an empty slot). A probe reads one 8-byte slot
// and, only when the stored hash bits match, the stored row itself to
// rule out a collision.
type dupTable struct {
	slots []uint64
	shift uint8 // 64 - log2(len(slots)): the slot of hash h is h >> shift
	n     int
}

func (t *dupTable) init(n int) {
	size, bits := 16, uint8(4)
	for size < 2*n {
		size <<= 1
		bits++
	}
	t.slots, t.shift, t.n = make([]uint64, size), 64-bits, 0
}

// rowHash hashes r's key: FNV-1a over the plan, the term, payment option
// and market mixed in, then a final avalanche so that both the high bits
// (the slot) and the low bits (kept in the slot) vary.
func rowHash(r *Row) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(r.Plan); i++ {
		h = (h ^ uint64(r.Plan[i])) * 1099511628211
	}
	h ^= uint64(r.Term)<<16 ^ uint64(r.Payment)<<8 ^ uint64(r.Market)<<24
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// insert returns the line of an earlier row with r's key, or adds r (the
// row about to be appended at len(rows)) and returns 0.
func (t *dupTable) insert(r *Row, rows []Row, lines []int32) int32 {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.init(len(old))
		for _, s := range old {
			if s != 0 {
				t.place(rowHash(&rows[uint32(s)-1]), s)
			}
		}
	}
	h := rowHash(r)
	tag := h << 32
	mask := len(t.slots) - 1
	for i := int(h >> t.shift); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			t.slots[i] = tag | uint64(uint32(len(rows)+1))
			t.n++
			return 0
		}
		if s&^0xffffffff == tag {
			j := uint32(s) - 1
			if o := &rows[j]; o.Plan == r.Plan && o.Term == r.Term && o.Payment == r.Payment && o.Market == r.Market {
				return lines[j]
			}
		}
	}
}

// place puts slot s, of a row whose key hashes to h, in the table.
func (t *dupTable) place(h, s uint64) {
	mask := len(t.slots) - 1
	i := int(h >> t.shift)
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
	t.n++
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
	// The last plan and term looked up: sheets list a plan's rows together.
	last     sheetCatalogKey
	lastTerm sheetCatalogTerm
	lastOK   bool
}

// term returns the catalog's entry for plan and term.
func (c *sheetCatalog) term(planID string, t plan.Term) (sheetCatalogTerm, bool) {
	k := sheetCatalogKey{planID, t}
	if c.lastOK && c.last == k {
		return c.lastTerm, true
	}
	ct, ok := c.terms[k]
	if ok {
		c.last, c.lastTerm, c.lastOK = k, ct, true
	}
	return ct, ok
}

// hasPlan reports whether the catalog lists planID.
func (c *sheetCatalog) hasPlan(planID string) bool {
	return c.lastOK && c.last.plan == planID || c.plans[planID]
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
// loc is the path of a row without its number: "prices.csv line ".
func parseSheetRow(rec []string, loc string, line int, c *sheetCatalog, codes *codeCache, ps *problemList) (Row, bool) {
	var row Row
	n := ps.len()
	bad := func(id rule.ID, m rule.Message, err error, args ...any) {
		ps.add(rule.Problem{Rule: id, Path: loc + strconv.Itoa(line), Message: m, Args: args, Err: err})
	}
	field := func(i int) string { return trim(rec[i]) }

	mc, err := codes.market(field(0))
	mk := mc.Market()
	switch {
	case err != nil:
		bad(rule.EXT15, shMsgRowMarket, ErrMarketNotSold, shTruncate(field(0), 40))
	case !mk.Transacts:
		bad(rule.PRC09, shMsgRowNotSold, ErrMarketNotSold, mk.Label(), mc.String())
	}
	cur, err := codes.parse(field(1))
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
	case c.on && !c.hasPlan(planID):
		bad(rule.PRC03, shMsgRowPlanKnown, ErrPrice, planID)
	}
	term, termOK := sheetParseTerm(field(3))
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
	if c.on && termOK && payOK && c.hasPlan(planID) {
		ct, hasTerm := c.term(planID, term)
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
		price, err := parseAmount(field(5), cur)
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
	if ps.len() > n {
		return Row{}, false
	}
	row.Market, row.Plan, row.Term, row.Payment = mc, planID, term, pay
	return row, true
}

// sheetParseTerm parses a billing term of a sheet: the canonical names
// without a search, else any form plan.ParseTerm accepts.
func sheetParseTerm(s string) (plan.Term, bool) {
	switch s {
	case "P1M":
		return plan.OneMonth, true
	case "P1Y":
		return plan.OneYear, true
	case "P2Y":
		return plan.TwoYears, true
	case "P3Y":
		return plan.ThreeYears, true
	}
	t, err := plan.ParseTerm(s)
	return t, err == nil && sheetTerm(t)
}

// sheetPayment parses a payment option's name, ignoring case, without
// allocating.
func sheetPayment(s string) (plan.PaymentOption, bool) {
	switch s {
	case "upfront":
		return plan.Upfront, true
	case "monthly":
		return plan.Monthly, true
	case "annual":
		return plan.Annual, true
	}
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
// names it. [Policy.ReadCSV] reads the output back to the same rows.
func WriteCSV(w io.Writer, rows []Row) error {
	for i, r := range rows {
		if err := r.Check(); err != nil {
			return fmt.Errorf("pricing: rows[%d]: %w", i, err)
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

// Check reports whether r can be written to a price sheet: it returns an
// error wrapping [ErrPrice] for an invalid market, a term without a
// price sheet (hourly), a payment option the term does not allow, or a
// price without a currency. [WriteCSV] checks every row with it, and so
// do the writers of other forms.
func (r Row) Check() error {
	switch {
	case !r.Market.Valid():
		return fmt.Errorf("invalid market: %w", ErrPrice)
	case !sheetTerm(r.Term):
		return fmt.Errorf("term %s has no price sheet: %w", r.Term, ErrPrice)
	case !r.Payment.Allows(r.Term):
		return fmt.Errorf("a %s term cannot be paid %s: %w", r.Term.Words(), r.Payment, ErrPrice)
	case !r.Price.Code().Valid():
		return fmt.Errorf("price without a currency: %w", ErrPrice)
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

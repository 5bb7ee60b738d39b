package payout

import (
	"bufio"
	"bytes"
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// ern01 is the rule of the earnings export: Partner Center's earnings
// export lists each transaction with its amount, store fee, tax remitted,
// earning, payment method, type and estimated payment month, and
// reconciling it recomputes each row's fee, earning and payout month.
const ern01 = rule.ERN01

// Earning is one row of Partner Center's earnings export (the earnings
// report's transaction history, "Earnings schema", 20 September 2023): the
// transaction it describes and the figures Microsoft reported for it.
type Earning struct {
	// Line is the row's line in the export (1 is the header).
	Line int `json:"line,omitempty"`
	// Transaction is what the row describes: ID from transactionId (or
	// earningId), Date from transactionDate, Type from transactionType,
	// Payment from transactionPaymentMethod, Gross the license fee,
	// transactionAmount less taxRemitted, in transactionCurrency. Its
	// Agreement and Charge, which the export has no column for, are those
	// of CSVOptions (MCA and order by default).
	Transaction Transaction `json:"transaction"`
	// The figures Microsoft reported, as read: transactionAmount,
	// taxRemitted, storeFee (as a positive fee on a sale, whatever sign the
	// export writes it with) and earningAmount, each rounded half-even to
	// the currency's minor unit; estimatedPaymentMonth (zero when empty).
	TransactionAmount     currency.Money     `json:"transactionAmount"`
	TaxRemitted           currency.Money     `json:"taxRemitted"`
	StoreFee              currency.Money     `json:"storeFee"`
	EarningAmount         currency.Money     `json:"earningAmount"`
	EstimatedPaymentMonth calendar.YearMonth `json:"estimatedPaymentMonth,omitzero"`
}

// Difference is one figure of an earnings row that differs from the
// policy's: the column, both values as text and the rule that decides it.
type Difference struct {
	Column   string  `json:"column"`   // "storeFee", "earningAmount", "estimatedPaymentMonth"
	Reported string  `json:"reported"` // as the export has it: "3.50 USD"
	Expected string  `json:"expected"` // as the policy computes it: "3.00 USD"
	Rule     rule.ID `json:"rule"`     // PAY-05, EXT-10, EXT-11, PAY-02, PAY-03
}

// Reconciliation is the decision for one earnings row (ERN-01): the store
// fee, earning and payment month the policy computes, and every
// difference from what the export reports. Allowed is true when the row
// agrees in every figure.
type Reconciliation struct {
	Allowed       bool           `json:"allowed"` // no differences
	Rule          rule.ID        `json:"rule"`    // ERN-01, or the rule of the first difference
	Reason        rule.Reason    `json:"reason"`  // ReasonEarningMatches or ReasonEarningDiffers
	Line          int            `json:"line,omitempty"`
	TransactionID string         `json:"transactionId,omitempty"`
	Fee           Fee            `json:"fee"`      // the policy's store fee decision
	Schedule      Schedule       `json:"schedule"` // the policy's payout schedule
	Earning       currency.Money `json:"earning"`  // the policy's earning: license − fee
	Differences   []Difference   `json:"differences,omitempty"`
}

var (
	msgRecOK   = rule.Message{English: "Row %d (%s) agrees: store fee %s, earning %s, payment month %s.", Swedish: "Rad %d (%s) stämmer: butiksavgift %s, intäkt %s, utbetalningsmånad %s."}
	msgRecBad  = rule.Message{English: "Row %d (%s) differs:", Swedish: "Rad %d (%s) avviker:"}
	msgRecDiff = rule.Message{English: " %s is %s, the policy gives %s (%s);", Swedish: " %s är %s, policyn ger %s (%s);"}
)

// Explain renders the decision in lang: every difference, with its
// column, both values and its rule.
func (r Reconciliation) Explain(lang rule.Language) string {
	if r.Allowed {
		return withRule(msgRecOK.Render(lang, r.Line, r.TransactionID, r.Fee.Fee, r.Earning, r.Schedule.PayoutMonth.String()), r.Rule)
	}
	var b strings.Builder
	b.WriteString(msgRecBad.Render(lang, r.Line, r.TransactionID))
	for _, d := range r.Differences {
		b.WriteString(msgRecDiff.Render(lang, d.Column, localized(d.Reported), localized(d.Expected), string(d.Rule)))
	}
	s := strings.TrimSuffix(b.String(), ";") + "."
	return withRule(s, ern01)
}

// localized returns an amount as Money, which renders in the language of
// the message, and any other text as it is.
func localized(s string) any {
	if m, err := currency.Parse(s); err == nil {
		return m
	}
	return s
}

// String is Explain in English.
func (r Reconciliation) String() string { return r.Explain(rule.English) }

// Reconcile recomputes one earnings row under p (ERN-01): its store fee
// (PAY-05, EXT-10) and earning from the license fee, and its payment month
// (PAY-02, PAY-03, EXT-11; refunds, reversals and chargebacks are
// recouped from the next month's payout), and lists every figure that
// differs from the export's. The estimated payment month is compared only
// when the row has one. An invalid row (its Transaction fails Validate) is
// [rule.Problems].
func (p Policy) Reconcile(e Earning) (Reconciliation, error) {
	p = p.resolve()
	if !p.fastValid() {
		err := p.Validate()
		return Reconciliation{}, err
	}
	var ps rule.Problems
	w := where{name: "earning.transaction", index: -1}
	if !e.Transaction.check(w, &ps) {
		return Reconciliation{}, ps.Err()
	}
	return p.reconcile(&e)
}

// reconcile decides a checked row under a resolved, valid policy.
func (p *Policy) reconcile(e *Earning) (Reconciliation, error) {
	t := &e.Transaction
	var f Fee
	if err := p.fee(t, &f); err != nil {
		return Reconciliation{}, err
	}
	s := p.plan(t)
	r := Reconciliation{Allowed: true, Rule: ern01, Reason: ReasonEarningMatches, Line: e.Line, TransactionID: t.ID,
		Fee: f, Earning: f.Share,
		Schedule: Schedule{Rule: s.id, Reason: s.reason, Agreement: t.Agreement, Payment: t.Payment, Charge: t.Charge,
			Type: t.Type, Date: t.Date, Month: s.month, PayoutMonth: s.payout, MonthsAfter: calendar.Months(s.payout - s.month),
			PreparedFrom: startOf(s.payout, p.Zone), PayoutDate: dayOf(s.payout, p.PayoutDay, p.Zone), Convention: conventionEarliest}}
	add := func(col, reported, expected string, id rule.ID) {
		if r.Allowed {
			r.Rule = id
		}
		r.Allowed, r.Reason = false, ReasonEarningDiffers
		r.Differences = append(r.Differences, Difference{Column: col, Reported: reported, Expected: expected, Rule: id})
	}
	if e.StoreFee != f.Fee {
		add("storeFee", e.StoreFee.String(), f.Fee.String(), f.Rule)
	}
	if e.EarningAmount != f.Share {
		add("earningAmount", e.EarningAmount.String(), f.Share.String(), f.Rule)
	}
	if e.EstimatedPaymentMonth != 0 && e.EstimatedPaymentMonth != s.payout {
		add("estimatedPaymentMonth", e.EstimatedPaymentMonth.String(), s.payout.String(), s.id)
	}
	return r, nil
}

// The columns of the earnings export that the reader uses. Header names
// are matched ignoring case, in any order; other columns are ignored.
const (
	colTransactionID = iota
	colEarningID
	colTransactionDate
	colTransactionType
	colPaymentMethod
	colAmount
	colCurrency
	colTax
	colStoreFee
	colEarning
	colPaymentMonth
	numCols
)

var earningColumns = [numCols]string{"transactionId", "earningId", "transactionDate", "transactionType",
	"transactionPaymentMethod", "transactionAmount", "transactionCurrency", "taxRemitted", "storeFee", "earningAmount",
	"estimatedPaymentMonth"}

// requiredColumns must be in the header.
var requiredColumns = [...]int{colTransactionDate, colTransactionType, colAmount, colCurrency, colStoreFee, colEarning}

var (
	msgNoColumn2  = rule.Message{English: "the header has no %s column", Swedish: "rubrikraden saknar kolumnen %s"}
	msgEmptyInput = rule.Message{English: "the input is empty: no header", Swedish: "indata är tomt: ingen rubrikrad"}
	msgQuote      = rule.Message{English: "a quoted field is not closed", Swedish: "ett citerat fält avslutas inte"}
	msgRowLong    = rule.Message{English: "a row is longer than %d bytes", Swedish: "en rad är längre än %d byte"}
	msgTooMany    = rule.Message{English: "more than %d rows", Swedish: "fler än %d rader"}
	msgTooLarge   = rule.Message{English: "more than %d bytes", Swedish: "fler än %d byte"}
	msgMonth      = rule.Message{English: "%q is not a month (2006-01, 2006-01-02 or 1/2/2006)", Swedish: "%q är ingen månad (2006-01, 2006-01-02 eller 1/2/2006)"}
	msgFieldCount = rule.Message{English: "the row has %d fields, the header %d", Swedish: "raden har %d fält, rubrikraden %d"}
)

// earningsReader reads the export row by row, holding one row.
type earningsReader struct {
	br      *bufio.Reader
	name    string
	opt     CSVOptions
	lim     int64 // bytes; 0: none
	maxRows int
	read    int64
	rows    int
	line    int
	idx     [numCols]int // field index per column, −1 when absent
	nhead   int
	// The row is one string (its one allocation); field i is
	// row[bounds[2i]:bounds[2i+1]].
	row     string
	bounds  []int
	scratch []byte
	unq     []byte // a quoted row's unquoted text
	ends    []int  // the end of each field in unq
	codes   codeCache
	err     error
}

// ReadEarnings reads Partner Center's earnings export (CSV with camelCase
// column names, in any order, matched ignoring case; other columns are
// ignored; a UTF-8 byte-order mark and CRLF line ends are accepted) and
// yields one [Earning] per row, or the row's problems as [rule.Problems]
// with paths such as "earnings.csv line 12, column storeFee". Reading goes
// on after a bad row and stops after an error wrapping ErrCSV or ErrLimit.
// It holds one row at a time: its memory is bounded by opt.MaxRowBytes
// (64 KiB by default), whatever the input's size. A nil r is empty input.
//
// The export has no column for the customer's agreement or the charge
// (order or usage): every row gets opt.Agreement and opt.Charge, MCA and
// order when they are zero.
func ReadEarnings(r io.Reader, opt CSVOptions) iter.Seq2[Earning, error] {
	return func(yield func(Earning, error) bool) {
		er := newEarningsReader(r, opt)
		for {
			var ps rule.Problems
			e, st := er.next(&ps)
			switch st {
			case rowEOF:
				return
			case rowOK:
				if !yield(e, nil) {
					return
				}
			case rowBad:
				if !yield(Earning{}, ps.Err()) {
					return
				}
			case rowFatal:
				yield(Earning{}, ps.Err())
				return
			}
		}
	}
}

// ReconcileEarnings reads the earnings export from r (as ReadEarnings)
// and reconciles every row under p (as Reconcile), in order: it yields one
// [Reconciliation] per row, or the row's problems. Memory stays bounded
// whatever the export's size. An invalid policy is yielded once as the
// only error.
func (p Policy) ReconcileEarnings(r io.Reader, opt CSVOptions) iter.Seq2[Reconciliation, error] {
	return func(yield func(Reconciliation, error) bool) {
		p = p.resolve()
		if !p.fastValid() {
			err := p.Validate()
			yield(Reconciliation{}, err)
			return
		}
		if opt.Zone == nil {
			opt.Zone = p.Zone
		}
		er := newEarningsReader(r, opt)
		for {
			var ps rule.Problems
			e, st := er.next(&ps)
			switch st {
			case rowEOF:
				return
			case rowOK:
				rec, err := p.reconcile(&e)
				if !yield(rec, err) {
					return
				}
			case rowBad:
				if !yield(Reconciliation{}, ps.Err()) {
					return
				}
			case rowFatal:
				yield(Reconciliation{}, ps.Err())
				return
			}
		}
	}
}

func newEarningsReader(r io.Reader, opt CSVOptions) *earningsReader {
	opt, lim := opt.resolve("earnings.csv")
	if opt.Agreement == 0 {
		opt.Agreement = MCA
	}
	if opt.Charge == 0 {
		opt.Charge = Order
	}
	size := 4096 // longer rows are gathered in scratch
	return &earningsReader{br: bufio.NewReaderSize(orEmpty(r), size), name: opt.Name, opt: opt,
		lim: lim.MaxBytes, maxRows: lim.MaxRows}
}

// fatal records a problem after which the input cannot be read.
func (er *earningsReader) fatal(ps *rule.Problems, line int, sentinel error, msg rule.Message, args ...any) rowStatus {
	path := er.name
	if line > 0 {
		path += " line " + strconv.Itoa(line)
	}
	p := rule.Problems{{Path: path, Message: msg, Args: args, Err: sentinel}}
	ps.Append(p...)
	er.err = p.Err()
	return rowFatal
}

// record reads one CSV record into er.row; at the end of the input it
// returns false and rowEOF.
func (er *earningsReader) record(ps *rule.Problems) (bool, rowStatus) {
	limit := er.opt.MaxRowBytes
	er.scratch = er.scratch[:0]
	first := er.line + 1
	for {
		b, err := er.br.ReadSlice('\n')
		er.read += int64(len(b))
		if er.lim > 0 && er.read > er.lim {
			return false, er.fatal(ps, first, ErrLimit, msgTooLarge, er.lim)
		}
		if len(er.scratch)+len(b) > limit {
			return false, er.fatal(ps, first, ErrLimit, msgRowLong, limit)
		}
		full := errors.Is(err, bufio.ErrBufferFull)
		if err != nil && err != io.EOF && !full {
			return false, er.fatal(ps, first, ErrCSV, msgCSV, err.Error())
		}
		if !full && len(er.scratch) == 0 && bytes.IndexByte(b, '"') < 0 {
			// The fast path: a line without quotes is a whole record.
			if len(b) == 0 {
				return false, rowEOF
			}
			er.line++
			er.split(string(trimEOL(b)))
			return true, rowOK
		}
		er.scratch = append(er.scratch, b...)
		if full {
			continue
		}
		if len(b) > 0 {
			er.line++
		}
		if len(er.scratch) == 0 {
			return false, rowEOF
		}
		if quotesBalanced(er.scratch) {
			er.splitQuoted(trimEOL(er.scratch))
			return true, rowOK
		}
		if err == io.EOF {
			return false, er.fatal(ps, first, ErrCSV, msgQuote)
		}
	}
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}

func quotesBalanced(b []byte) bool { return bytes.Count(b, []byte{'"'})%2 == 0 }

// split splits an unquoted line at commas.
func (er *earningsReader) split(s string) {
	er.row = s
	b := er.bounds[:0]
	start := 0
	for {
		i := strings.IndexByte(s[start:], ',')
		if i < 0 {
			er.bounds = append(b, start, len(s))
			return
		}
		b = append(b, start, start+i)
		start += i + 1
	}
}

// nfields returns the number of fields of the row.
func (er *earningsReader) nfields() int { return len(er.bounds) / 2 }

// fieldAt returns field i of the row, as written.
func (er *earningsReader) fieldAt(i int) string { return er.row[er.bounds[2*i]:er.bounds[2*i+1]] }

// splitQuoted splits a record with quoted fields (RFC 4180: "" is a quote
// inside a quoted field) into er.fields, unquoted, slices of one string.
func (er *earningsReader) splitQuoted(b []byte) {
	out, ends := er.unq[:0], er.ends[:0]
	for {
		if len(b) > 0 && b[0] == '"' {
			i := 1
			for i < len(b) {
				if b[i] == '"' {
					if i+1 < len(b) && b[i+1] == '"' {
						out = append(out, '"')
						i += 2
						continue
					}
					i++
					break
				}
				out = append(out, b[i])
				i++
			}
			// Text after the closing quote, up to the comma, is kept.
			j := bytes.IndexByte(b[i:], ',')
			if j < 0 {
				out = append(out, b[i:]...)
				ends = append(ends, len(out))
				break
			}
			out = append(out, b[i:i+j]...)
			ends = append(ends, len(out))
			b = b[i+j+1:]
			continue
		}
		i := bytes.IndexByte(b, ',')
		if i < 0 {
			out = append(out, b...)
			ends = append(ends, len(out))
			break
		}
		out = append(out, b[:i]...)
		ends = append(ends, len(out))
		b = b[i+1:]
	}
	er.unq, er.ends = out, ends
	er.row = string(out)
	bounds := er.bounds[:0]
	pre := 0
	for _, e := range ends {
		bounds = append(bounds, pre, e)
		pre = e
	}
	er.bounds = bounds
}

// header reads the header row and maps the columns.
func (er *earningsReader) header(ps *rule.Problems) rowStatus {
	ok, st := er.record(ps)
	if !ok {
		if st == rowEOF {
			return er.fatal(ps, 0, ErrCSV, msgEmptyInput)
		}
		return st
	}
	if strings.HasPrefix(er.fieldAt(0), "\ufeff") {
		er.bounds[0] += len("\ufeff")
	}
	for i := range er.idx {
		er.idx[i] = -1
	}
	for i := range er.nfields() {
		name := strings.TrimSpace(er.fieldAt(i))
		for c, want := range earningColumns {
			if er.idx[c] < 0 && strings.EqualFold(name, want) {
				er.idx[c] = i
			}
		}
	}
	er.nhead = er.nfields()
	var missing []string
	for _, c := range requiredColumns {
		if er.idx[c] < 0 {
			missing = append(missing, earningColumns[c])
		}
	}
	if len(missing) > 0 {
		return er.fatal(ps, 1, ErrCSV, msgNoColumn2, strings.Join(missing, ", "))
	}
	return rowOK
}

// field returns column c of the current row, trimmed; "" when absent.
func (er *earningsReader) field(c int) string {
	i := uint(2 * er.idx[c]) // −1, absent, is large
	if i+1 >= uint(len(er.bounds)) {
		return ""
	}
	return trim(er.row[er.bounds[i]:er.bounds[i+1]])
}

// next reads and parses one data row.
func (er *earningsReader) next(ps *rule.Problems) (Earning, rowStatus) {
	if er.err != nil {
		return Earning{}, rowEOF
	}
	if er.nhead == 0 {
		if st := er.header(ps); st != rowOK {
			return Earning{}, st
		}
	}
	for {
		ok, st := er.record(ps)
		if !ok {
			return Earning{}, st
		}
		if er.blank() {
			continue
		}
		er.rows++
		if er.maxRows > 0 && er.rows > er.maxRows {
			return Earning{}, er.fatal(ps, er.line, ErrLimit, msgTooMany, er.maxRows)
		}
		break
	}
	if er.nfields() != er.nhead {
		ps.Append(rule.Problem{Path: er.name + " line " + strconv.Itoa(er.line), Message: msgFieldCount,
			Args: []any{er.nfields(), er.nhead}, Err: ErrCSV})
		return Earning{}, rowBad
	}
	return er.parse(ps)
}

// blank reports whether every field of the row is blank.
func (er *earningsReader) blank() bool {
	for i := range er.nfields() {
		if trim(er.fieldAt(i)) != "" {
			return false
		}
	}
	return true
}

// parse turns the current row into an Earning.
func (er *earningsReader) parse(ps *rule.Problems) (Earning, rowStatus) {
	n := len(*ps)
	w := where{name: er.name, line: er.line}
	bad := func(id rule.ID, col string, err error, msg rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: id, Path: w.path(col), Message: msg, Args: args, Err: err})
	}
	e := Earning{Line: er.line}
	t := &e.Transaction
	t.Agreement, t.Charge = er.opt.Agreement, er.opt.Charge
	t.ID = er.field(colTransactionID)
	if t.ID == "" {
		t.ID = er.field(colEarningID)
	}
	if len(t.ID) > maxIDLen {
		t.ID = t.ID[:maxIDLen]
	}
	var ok bool
	s := er.field(colTransactionDate)
	if t.Date, ok = parseExportInstant(s, er.opt.Zone); !ok {
		bad(rule.EXT11, "transactionDate", ErrDate, msgInstant, truncate(s, 40))
	} else if t.Date.IsZero() { // not an absent date: an instant of year 1, as the transactions reader says
		bad(rule.EXT11, "transactionDate", ErrDate, msgTxYear, t.Date.Format(time.RFC3339))
	}
	var err error
	s = er.field(colTransactionType)
	if t.Type, err = parseEnum(typeNames, s); err != nil {
		bad(rule.EXT11, "transactionType", ErrUnknown, msgTxType, quote(s))
	}
	t.Payment = Invoice
	if s = er.field(colPaymentMethod); s != "" {
		if t.Payment, err = parseEnum(paymentNames, s); err != nil {
			bad(rule.PAY03, "transactionPaymentMethod", ErrUnknown, msgTxPayment, quote(s))
		}
	}
	cs := er.field(colCurrency)
	code, cerr := er.codes.parse(cs)
	if cerr != nil || !code.IsMarketplace() {
		bad(rule.PRC08, "transactionCurrency", ErrCurrency, msgCode, truncate(cs, 40))
	} else {
		amount := func(c int, dst *currency.Money) {
			s := er.field(c)
			if s == "" && c != colAmount {
				*dst = amountIn(0, code)
				return
			}
			m, err := currency.ParseAmountRound(s, code, currency.HalfEven)
			if err != nil {
				bad(rule.EXT11, earningColumns[c], ErrAmount, msgAmount, truncate(s, 40), code.String(), err)
				return
			}
			*dst = m
		}
		amount(colAmount, &e.TransactionAmount)
		amount(colTax, &e.TaxRemitted)
		amount(colStoreFee, &e.StoreFee)
		amount(colEarning, &e.EarningAmount)
		if len(*ps) == n {
			g, err := e.TransactionAmount.Sub(e.TaxRemitted)
			if err != nil {
				bad(rule.EXT11, "taxRemitted", ErrOverflow, msgOverflow, err)
			}
			t.Gross = g
			// A fee written as a deduction (the opposite sign of the
			// amount) is read as the fee.
			if f := e.StoreFee.Minor(); f != 0 && (f < 0) != (g.Minor() < 0) && f != -1<<63 {
				e.StoreFee = amountIn(-f, code)
			}
		}
	}
	if s = er.field(colPaymentMonth); s != "" {
		if e.EstimatedPaymentMonth, ok = parseExportMonth(s); !ok {
			bad(rule.EXT11, "estimatedPaymentMonth", ErrDate, msgMonth, truncate(s, 40))
		}
	}
	if len(*ps) > n {
		return Earning{}, rowBad
	}
	if !t.ready(false) {
		t.checkSkip(w, ps, 0)
	}
	if len(*ps) > n {
		// Name the export's columns rather than the transaction's fields.
		for i := n; i < len(*ps); i++ {
			(*ps)[i].Path = exportPath((*ps)[i].Path, w)
		}
		return Earning{}, rowBad
	}
	return e, rowOK
}

// exportPath maps a transaction field's path to the export's column.
func exportPath(path string, w where) string {
	for field, col := range map[string]string{"gross": "transactionAmount", "date": "transactionDate", "type": "transactionType",
		"payment": "transactionPaymentMethod", "currency": "transactionCurrency", "id": "transactionId"} {
		if path == w.path(field) {
			return w.path(col)
		}
	}
	return path
}

// parseExportInstant reads an instant as the export writes it: RFC 3339,
// a date (midnight in zone), "1/2/2006" or "1/2/2006 3:04:05 PM".
func parseExportInstant(s string, zone *time.Location) (time.Time, bool) {
	if t, ok := parseInstant(s, zone); ok {
		return t, true
	}
	for _, layout := range [...]string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "1/2/2006", "1/2/2006 3:04:05 PM", "1/2/2006 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, zone); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseExportMonth reads a month: "2006-01", or the month of a date.
func parseExportMonth(s string) (calendar.YearMonth, bool) {
	if m, err := calendar.ParseYearMonth(s); err == nil {
		return m, true
	}
	if t, ok := parseExportInstant(s, time.UTC); ok {
		return monthOf(t.Year(), t.Month()), true
	}
	return 0, false
}

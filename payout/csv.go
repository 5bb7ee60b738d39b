package payout

import (
	"encoding/csv"
	"errors"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/csvx"
	"github.com/marketrules/marketrules/rule"
)

// columns is the header of the CSV format (see Columns).
var columns = [...]string{"id", "date", "agreement", "payment", "charge", "type", "gross", "currency", "qualified", "collected", "invoiced"}

// Columns returns the header of the CSV transaction format that Reader reads
// and Writer writes. The first row is this header, exactly (case and
// surrounding spaces aside); every later row is one Transaction:
//
//	id         the transaction's ID; optional, kept as written (not trimmed)
//	date       RFC 3339 ("2024-01-15T10:30:00Z", "2024-01-15T02:30:00-08:00")
//	           or a date "2024-01-15", midnight in CSVOptions.Zone
//	agreement  ea, mca or csp
//	payment    invoice or credit-card
//	charge     order or usage
//	type       purchase, refund, reversal or chargeback
//	gross      the amount in major units, exact: "100.00", "-3.5", "1200" (JPY)
//	currency   one of the 17 marketplace currencies (RMB is read as CNY)
//	qualified  true or false (also 1/0, t/f; empty is false)
//	collected  when Microsoft collected the payment; optional, as date
//	invoiced   the invoice date; optional, as date
//
// Enum values ignore case and the separators '-', '_' and ' '. Blank rows
// and a UTF-8 byte-order mark are skipped; lines may end in CRLF.
func Columns() []string { return append([]string(nil), columns[:]...) }

// Default limits of the CSV readers (CSVOptions).
const (
	defaultMaxBytes    = 1 << 30    // 1 GiB in all
	defaultMaxRows     = 10_000_000 // data rows
	defaultMaxRowBytes = 64 << 10   // 64 KiB in one row
)

// CSVOptions configures a CSV reader (NewReader, NewEarningsReader). The
// zero value is ready to use.
type CSVOptions struct {
	// Name names the input in errors: "sales.csv line 12, column gross: …".
	// Default "transactions.csv" (earnings: "earnings.csv").
	Name string `json:"name,omitempty"`
	// MaxBytes, MaxRows and MaxRowBytes bound the input: 0 means the
	// defaults, 1 GiB in all, 10,000,000 data rows and 64 KiB in one row
	// (quoted line breaks included, the final one not; for Reader, blank
	// lines just before a row count too); a negative MaxBytes or MaxRows means
	// no limit. The reader holds one row at a time, so its memory is a
	// small multiple of MaxRowBytes whatever the input, and a longer row is
	// refused (ErrLimit) as it is read.
	MaxBytes    int64 `json:"maxBytes,omitempty"`
	MaxRows     int   `json:"maxRows,omitempty"`
	MaxRowBytes int   `json:"maxRowBytes,omitempty"`
	// Zone is the time zone of date-only values; nil means PST() (the
	// policy's zone for Policy.ReconcileEarnings).
	Zone *time.Location `json:"-"`
	// Agreement and Charge are given to every row of the earnings export
	// (ReadEarnings), which has no column for them; zero means MCA and
	// Order. The transaction CSV format reads them from its columns.
	Agreement Agreement `json:"agreement,omitzero"`
	Charge    Charge    `json:"charge,omitzero"`
}

// Reader reads transactions from CSV in the format of Columns.
type Reader struct {
	r      *csvx.Reader
	name   string
	zone   *time.Location
	header bool
	err    error // sticky: the input cannot be read further
	line   int
	maxRow int // CSVOptions.MaxRowBytes
	cache  rowCache
}

// rowCache remembers currency codes and dates from row to row.
type rowCache struct {
	codes codeCache
	dates dateCache
}

// codeCache remembers the currency codes a reader has parsed, so that a
// file's few currencies are each looked up once: a small table indexed by
// a hash of the code's three bytes, an entry replaced when another code
// hashes to it.
type codeCache [32]struct {
	key  uint32 // the three bytes and a marker bit; 0 when empty
	code currency.Code
}

// parse is currency.ParseCode.
func (c *codeCache) parse(s string) (currency.Code, error) {
	if len(s) != 3 {
		return currency.ParseCode(s)
	}
	k := uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | 1<<24
	e := &c[(k*0x9E3779B1)>>27]
	if e.key == k {
		return e.code, nil
	}
	code, err := currency.ParseCode(s)
	if err == nil {
		e.key, e.code = k, code
	}
	return code, err
}

// NewReader returns a reader of CSV transactions from r. A nil r is an
// empty input.
func NewReader(r io.Reader, opt CSVOptions) *Reader {
	opt, lim := opt.resolve("transactions.csv")
	return &Reader{r: csvx.NewReader(orEmpty(r), opt.Name, lim), name: opt.Name, zone: opt.Zone, maxRow: opt.MaxRowBytes}
}

func orEmpty(r io.Reader) io.Reader {
	if r == nil {
		return strings.NewReader("")
	}
	return r
}

// resolve fills in the defaults of opt.
func (opt CSVOptions) resolve(name string) (CSVOptions, csvx.Limits) {
	if opt.Name == "" {
		opt.Name = name
	}
	if opt.Zone == nil {
		opt.Zone = pst
	}
	if opt.MaxRowBytes <= 0 {
		opt.MaxRowBytes = defaultMaxRowBytes
	}
	// A row's bytes, for csvx, include its line break.
	lim := csvx.Limits{MaxBytes: opt.MaxBytes, MaxRows: opt.MaxRows, MaxRowBytes: opt.MaxRowBytes + 1}
	switch {
	case lim.MaxBytes == 0:
		lim.MaxBytes = defaultMaxBytes
	case lim.MaxBytes < 0:
		lim.MaxBytes = 0
	}
	switch {
	case lim.MaxRows == 0:
		lim.MaxRows = defaultMaxRows
	case lim.MaxRows < 0:
		lim.MaxRows = 0
	}
	return opt, lim
}

// Read returns the next transaction, or io.EOF after the last.
//
// A row with bad fields gives [rule.Problems] listing every problem of the
// row, with paths such as "transactions.csv line 12, column gross"; the next
// Read goes on with the next row. An input that cannot be read further
// (malformed CSV, a wrong header, more bytes or rows than allowed) gives
// an error wrapping ErrCSV or ErrLimit, naming the line, and every later
// Read returns it again.
func (r *Reader) Read() (Transaction, error) {
	var ps rule.Problems
	t, st := r.next(&ps)
	switch st {
	case rowOK:
		return t, nil
	case rowEOF:
		return Transaction{}, io.EOF
	case rowBad:
		return Transaction{}, ps.Err()
	}
	return Transaction{}, r.err
}

type rowStatus uint8

const (
	rowOK rowStatus = iota
	rowBad
	rowEOF
	rowFatal
)

// next reads one row, appending its problems (or the fatal problem) to ps.
func (r *Reader) next(ps *rule.Problems) (Transaction, rowStatus) {
	if r.err == io.EOF {
		return Transaction{}, rowEOF
	}
	if r.err != nil {
		return Transaction{}, rowFatal
	}
	if !r.header {
		r.header = true
		if err := r.r.Header(columns[:]...); err != nil {
			ps.Append(r.fail(err)...)
			return Transaction{}, rowFatal
		}
	}
	rec, line, err := r.r.Read()
	if err != nil {
		if err == io.EOF {
			r.err = io.EOF
			return Transaction{}, rowEOF
		}
		ps.Append(r.fail(err)...)
		return Transaction{}, rowFatal
	}
	r.line = line
	t, ok := parseRow(rec, where{name: r.name, line: line}, r.zone, &r.cache, ps)
	if !ok {
		return Transaction{}, rowBad
	}
	return t, rowOK
}

// fail turns a csvx error into a sticky problem wrapping ErrCSV or
// ErrLimit.
func (r *Reader) fail(err error) rule.Problems {
	ps := csvProblem(r.name, err, r.maxRow)
	r.err = ps.Err()
	return ps
}

// csvProblem turns an error of reading CSV into a problem wrapping ErrCSV
// or ErrLimit; maxRow is the row limit the reader was given.
func csvProblem(name string, err error, maxRow int) rule.Problems {
	sentinel := ErrCSV
	if errors.Is(err, csvx.ErrTooLarge) || errors.Is(err, csvx.ErrTooManyRows) {
		sentinel = ErrLimit
	}
	path, msg := name, err.Error()
	var ce *csvx.Error
	if errors.As(err, &ce) {
		path, msg = ce.Where(), ce.Msg
	}
	if errors.Is(err, csvx.ErrRowTooLarge) {
		msg = "a row is longer than " + strconv.Itoa(maxRow) + " bytes"
	}
	m := msgCSV
	if sentinel == ErrLimit {
		m = msgLimit
	}
	return rule.Problems{{Path: path, Message: m, Args: []any{msg}, Err: sentinel}}
}

var (
	msgNoColumn = rule.Message{English: "the CSV format has no pricing or infrastructure column: only Transact license lines are written", Swedish: "CSV-formatet har ingen kolumn för prissättning eller infrastruktur: bara licensrader av typen Transact skrivs"}
	msgCSV      = rule.Message{English: "malformed CSV: %s", Swedish: "felaktig CSV: %s"}
	msgLimit    = rule.Message{English: "input over limit: %s", Swedish: "indata över gränsen: %s"}
	msgInstant  = rule.Message{English: "%q is not an RFC 3339 instant or a date YYYY-MM-DD", Swedish: "%q är inte en tidpunkt enligt RFC 3339 eller ett datum ÅÅÅÅ-MM-DD"}
	msgAmount   = rule.Message{English: "%q is not an exact %s amount: %v", Swedish: "%q är inte ett exakt belopp i %s: %v"}
	msgBool     = rule.Message{English: "%q is not true or false", Swedish: "%q är inte true eller false"}
	msgCode     = rule.Message{English: "%q is not a currency code", Swedish: "%q är ingen valutakod"}
)

// Fields of a transaction, for skipping checks of fields that did not
// parse.
const (
	fDate uint16 = 1 << iota
	fAgreement
	fPayment
	fKind
	fType
	fGross
	fCurrency
	fCollected
	fInvoiced
	fPricing
	fFee // check only what a fee needs
)

// parseRow parses one CSV row; it appends every problem to ps and reports
// whether the row is a valid transaction.
func parseRow(rec []string, w where, zone *time.Location, c *rowCache, ps *rule.Problems) (Transaction, bool) {
	n := len(*ps)
	var failed uint16
	bad := func(f uint16, id rule.ID, field string, err error, msg rule.Message, args ...any) {
		failed |= f
		ps.Append(rule.Problem{Rule: id, Path: w.path(field), Message: msg, Args: args, Err: err})
	}
	// instant reads a date column; empty is the zero Time, absent. The
	// zero instant itself (0001-01-01T00:00:00Z) would read as absent
	// too, so it is refused as the other instants of year 1 are.
	instant := func(s string, f uint16, id rule.ID, field string) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, ok := c.dates.parseInstant(s, zone)
		switch {
		case !ok:
			bad(f, id, field, ErrDate, msgInstant, truncate(s, 40))
		case t.IsZero():
			bad(f, id, field, ErrDate, msgTxYear, t.Format(time.RFC3339))
		}
		return t
	}
	t := Transaction{ID: rec[0]}
	var err error
	t.Date = instant(trim(rec[1]), fDate, rule.EXT11, "date")
	if t.Agreement, err = parseEnum(agreementNames, rec[2]); err != nil {
		bad(fAgreement, rule.EXT11, "agreement", ErrUnknown, msgTxAgreement, quote(rec[2]))
	}
	if t.Payment, err = parseEnum(paymentNames, rec[3]); err != nil {
		bad(fPayment, rule.PAY03, "payment", ErrUnknown, msgTxPayment, quote(rec[3]))
	}
	if t.Charge, err = parseEnum(chargeNames, rec[4]); err != nil {
		bad(fKind, rule.EXT11, "charge", ErrUnknown, msgTxKind, quote(rec[4]))
	}
	if t.Type, err = parseEnum(typeNames, rec[5]); err != nil {
		bad(fType, rule.EXT11, "type", ErrUnknown, msgTxType, quote(rec[5]))
	}
	cs := trim(rec[7])
	code, err := c.codes.parse(cs)
	if err != nil {
		bad(fCurrency|fGross, rule.PRC08, "currency", ErrCurrency, msgCode, truncate(cs, 40))
	} else if t.Gross, err = currency.ParseAmount(trim(rec[6]), code); err != nil {
		bad(fGross, rule.EXT11, "gross", ErrAmount, msgAmount, truncate(trim(rec[6]), 40), code.String(), err)
	}
	switch q := trim(rec[8]); q {
	case "", "false":
	case "true":
		t.Qualified = true
	default:
		if t.Qualified, err = strconv.ParseBool(q); err != nil {
			bad(0, rule.EXT10, "qualified", ErrField, msgBool, truncate(q, 40))
		}
	}
	t.Collected = instant(trim(rec[9]), fCollected, rule.EXT11, "collected")
	t.Invoiced = instant(trim(rec[10]), fInvoiced, rule.PAY02, "invoiced")
	if failed != 0 || !t.ready(false) {
		t.checkSkip(w, ps, failed)
	}
	return t, len(*ps) == n
}

// trim is strings.TrimSpace, quicker for the common field that has no
// space to trim.
func trim(s string) string {
	// Printable ASCII at both ends: nothing to trim.
	if n := len(s); n == 0 || (s[0]-'!' < 0x7f-'!' && s[n-1]-'!' < 0x7f-'!') {
		return s
	}
	return strings.TrimSpace(s)
}

func quote(s string) string { return strconv.Quote(truncate(strings.TrimSpace(s), 40)) }

// Writer writes transactions as CSV in the format of Columns, header
// first. Call Flush at the end.
type Writer struct {
	w      *csv.Writer
	header bool
	rec    [len(columns)]string
}

// NewWriter returns a writer of CSV transactions to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one transaction. An invalid transaction is not written: the
// error is its [rule.Problems], so that everything written reads back.
// Instants are written in RFC 3339 with nanoseconds and their own offset.
func (w *Writer) Write(t Transaction) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if t.Pricing != Transact || t.Infrastructure != (currency.Money{}) {
		return rule.Problems{{Rule: rule.EXT10, Path: "transaction.pricing", Message: msgNoColumn, Err: ErrField}}.Err()
	}
	if !w.header {
		w.header = true
		if err := w.w.Write(columns[:]); err != nil {
			return err
		}
	}
	r := &w.rec
	r[0] = t.ID
	r[1] = t.Date.Format(time.RFC3339Nano)
	r[2], r[3], r[4], r[5] = t.Agreement.String(), t.Payment.String(), t.Charge.String(), t.Type.String()
	r[6] = t.Gross.Amount()
	r[7] = t.Gross.Code().String()
	r[8] = strconv.FormatBool(t.Qualified)
	r[9], r[10] = "", ""
	if !t.Collected.IsZero() {
		r[9] = t.Collected.Format(time.RFC3339Nano)
	}
	if !t.Invoiced.IsZero() {
		r[10] = t.Invoiced.Format(time.RFC3339Nano)
	}
	return w.w.Write(r[:])
}

// Flush writes any buffered data and returns the first error of any Write
// or of the flush.
func (w *Writer) Flush() error {
	if !w.header {
		w.header = true
		if err := w.w.Write(columns[:]); err != nil {
			return err
		}
	}
	w.w.Flush()
	return w.w.Error()
}

// All returns the rows of r as a sequence of transactions and errors, as
// Read returns them, ending at the end of the input or after an error
// that stops reading (ErrCSV, ErrLimit).
func (r *Reader) All() iter.Seq2[Transaction, error] {
	return func(yield func(Transaction, error) bool) {
		for {
			t, err := r.Read()
			if err == io.EOF {
				return
			}
			if !yield(t, err) || errors.Is(err, ErrCSV) || errors.Is(err, ErrLimit) {
				return
			}
		}
	}
}

// AddCSV reads transactions in the format of Columns from r and adds the
// valid ones, like AddAll: every problem, up to [rule.MaxProblems], is
// reported at once as [rule.Problems] with paths that name the line
// ("transactions.csv line 12, column gross"), and then how many more there
// were. Reading stops at an error wrapping ErrCSV or ErrLimit, which is
// always listed, last before that count.
func (l *Ledger) AddCSV(r io.Reader, opt CSVOptions) error {
	if l == nil {
		return rule.Problems{{Path: "ledger", Message: msgNilLedger, Err: ErrField}}.Err()
	}
	l.init()
	rd := NewReader(r, opt)
	var ps rule.Problems
	for {
		var row rule.Problems
		t, st := rd.next(&row)
		switch st {
		case rowOK:
			l.addValid(&t, where{name: rd.name, line: rd.line}, &ps)
		case rowBad:
			ps.Append(row...)
		case rowEOF, rowFatal:
			appendFatal(&ps, row...)
			return ps.Err()
		}
	}
}

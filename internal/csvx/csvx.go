// Package csvx reads CSV input from untrusted sources in bounded memory,
// with errors that name the input, the line and the column
// ("audience.csv line 12, column tenantId"). The audience, price sheet,
// rates and payout readers share it.
//
// # Limits
//
// Limits are enforced while reading: the byte limit stops the underlying
// reader as soon as it is passed (a 100 MB file with a 1 MB limit is
// refused after reading 1 MB), the row limit stops at the first row too
// many, and the row size limit ([Limits.MaxRowBytes], 1 MiB unless set)
// refuses a longer row (a quoted field with line breaks included); a row
// far too long is refused once the limit plus the 64 KiB read buffer has
// been read since the previous row ended, so a 200 MB row costs a few
// MiB, not its size. Records are
// reused, and the rows' text is kept in 16 KiB blocks: reading allocates
// one block per few hundred rows and nothing else, so memory is flat in
// the number of rows.
//
// # Headers
//
// A UTF-8 byte-order mark at the start (as Excel writes) and blank lines
// are tolerated. Header names match case-insensitively after trimming
// spaces ("TenantId" and " tenantid " match "tenantId"). [Reader.Header]
// wants exactly the given columns in order; [Reader.HeaderWith] can accept
// them in any order and ignore extra columns, and then returns each row's
// fields in the order asked for.
package csvx

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sentinel errors, wrapped by *Error.
var (
	// ErrTooLarge: the input has more bytes than Limits.MaxBytes.
	ErrTooLarge = errors.New("input too large")
	// ErrTooManyRows: the input has more data rows than Limits.MaxRows.
	ErrTooManyRows = errors.New("too many rows")
	// ErrHeader: the header row is missing or not the expected one.
	ErrHeader = errors.New("unexpected header")
	// ErrSyntax: malformed CSV (bad quoting, wrong number of fields).
	ErrSyntax = errors.New("malformed CSV")
	// ErrRowTooLarge: a row has more bytes than Limits.MaxRowBytes. It
	// wraps ErrTooLarge, so a caller that handles oversized input handles
	// it too.
	ErrRowTooLarge = fmt.Errorf("row too large: %w", ErrTooLarge)
)

// DefaultMaxRowBytes is the row size a zero Limits.MaxRowBytes means: 1 MiB.
const DefaultMaxRowBytes = 1 << 20

// readAhead is the size of the read buffer, the slack of the row limit.
const readAhead = 64 << 10

// Limits bounds what a Reader accepts. Zero MaxBytes and MaxRows mean no
// limit; a zero MaxRowBytes means DefaultMaxRowBytes. Negative values are
// treated as zero.
type Limits struct {
	MaxBytes    int64 // total input size, BOM included
	MaxRows     int   // data rows, header excluded
	MaxRowBytes int   // one row, its line breaks (and blank lines before it) included
}

// Error is a problem at a place in the input:
// "audience.csv line 12, column tenantId: …".
type Error struct {
	Name   string // the input's name, as given to NewReader
	Line   int    // 1-based line number; 0 when the problem is not at a line
	Column string // the column's header name; "" when not at a column
	Msg    string // what was wrong, in English
	Err    error  // sentinel, may be nil
}

// Error returns "name line N, column C: msg".
func (e *Error) Error() string { return e.Where() + ": " + e.Msg }

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }

// Where returns "name line N, column C" (or as much of it as is known),
// for use as a path.
func (e *Error) Where() string { return where(e.Name, e.Line, e.Column) }

func where(name string, line int, column string) string {
	b := make([]byte, 0, len(name)+len(column)+24)
	b = append(b, name...)
	if line > 0 {
		b = append(b, " line "...)
		b = strconv.AppendInt(b, int64(line), 10)
	}
	if column != "" {
		if line > 0 {
			b = append(b, ',')
		}
		b = append(b, " column "...)
		b = append(b, column...)
	}
	return string(b)
}

// Reader reads records one at a time.
type Reader struct {
	name  string
	lim   Limits
	lr    *limitedReader
	tok   tokenizer
	rows  int
	width int      // fields each row must have; 0 before a header
	line  int      // line of the last record read
	end   int64    // input offset of the end of the last record read
	cols  []string // header names asked for, after a header
	pick  []int    // HeaderWith: source index of each column asked for
	out   []string // HeaderWith: the row in the order asked for
}

// NewReader returns a reader of r named name (used in errors). Records are
// reused between calls to Read: copy fields that must outlive the next
// call (strings are immutable, so keeping a field string is fine; keeping
// the slice is not).
func NewReader(r io.Reader, name string, lim Limits) *Reader {
	lim.MaxBytes = max(lim.MaxBytes, 0)
	lim.MaxRows = max(lim.MaxRows, 0)
	if lim.MaxRowBytes <= 0 {
		lim.MaxRowBytes = DefaultMaxRowBytes
	}
	lr := &limitedReader{r: r, left: lim.MaxBytes, limited: lim.MaxBytes > 0,
		rowLimit: int64(lim.MaxRowBytes) + readAhead}
	br := bufio.NewReaderSize(lr, readAhead)
	if b, err := br.Peek(3); err == nil && string(b) == "\xEF\xBB\xBF" {
		_, _ = br.Discard(3)
	}
	return &Reader{name: name, lim: lim, lr: lr, tok: tokenizer{r: br}}
}

// Header reads the header row and checks it against want (names compared
// case-insensitively after trimming spaces). Every later row must have the
// same number of fields.
func (r *Reader) Header(want ...string) error {
	rec, line, err := r.next()
	if err == io.EOF {
		return &Error{Name: r.name, Line: 1, Msg: "empty input: want a header row " + strings.Join(want, ","), Err: ErrHeader}
	}
	if err != nil {
		return err
	}
	ok := len(rec) == len(want)
	for i := 0; ok && i < len(rec); i++ {
		ok = strings.EqualFold(strings.TrimSpace(rec[i]), want[i])
	}
	if !ok {
		return &Error{Name: r.name, Line: line, Err: ErrHeader,
			Msg: fmt.Sprintf("header is %q, want %q", truncate(strings.Join(rec, ","), 200), strings.Join(want, ","))}
	}
	r.width = len(want)
	r.cols = append([]string(nil), want...)
	return nil
}

// HeaderOptions say what [Reader.HeaderWith] accepts besides the columns
// asked for, in their order.
type HeaderOptions struct {
	AnyOrder     bool // the columns may come in any order
	ExtraColumns bool // columns not asked for are ignored
}

// HeaderWith reads the header row and finds the columns want in it (names
// compared case-insensitively after trimming spaces), as opt allows. Each
// column asked for must appear exactly once. Later calls to Read return
// each row's fields in the order of want, whatever the file's order.
func (r *Reader) HeaderWith(opt HeaderOptions, want ...string) error {
	rec, line, err := r.next()
	if err == io.EOF {
		return &Error{Name: r.name, Line: 1, Msg: "empty input: want a header row " + strings.Join(want, ","), Err: ErrHeader}
	}
	if err != nil {
		return err
	}
	bad := func(msg string) error {
		return &Error{Name: r.name, Line: line, Err: ErrHeader,
			Msg: fmt.Sprintf("header is %q: %s", truncate(strings.Join(rec, ","), 200), msg)}
	}
	pick := make([]int, len(want))
	for i := range pick {
		pick[i] = -1
	}
	nfound := 0
	for j, h := range rec {
		h = strings.TrimSpace(h)
		found := false
		for i, w := range want {
			if !strings.EqualFold(h, w) {
				continue
			}
			if pick[i] >= 0 {
				return bad(fmt.Sprintf("column %s appears twice", w))
			}
			if !opt.AnyOrder && i != nfound {
				return bad(fmt.Sprintf("want columns %q in this order", strings.Join(want, ",")))
			}
			pick[i], found = j, true
			nfound++
			break
		}
		if !found && !opt.ExtraColumns {
			return bad(fmt.Sprintf("unknown column %q; want %q", truncate(h, 100), strings.Join(want, ",")))
		}
	}
	var missing []string
	for i, p := range pick {
		if p < 0 {
			missing = append(missing, want[i])
		}
	}
	if len(missing) > 0 {
		return bad(fmt.Sprintf("missing column %s", strings.Join(missing, ", ")))
	}
	r.width = len(rec)
	r.cols = append([]string(nil), want...)
	r.pick = pick
	r.out = make([]string, len(want))
	return nil
}

// Columns returns the column names asked for by the header call, in the
// order Read returns the fields.
func (r *Reader) Columns() []string { return r.cols }

// At returns "name line N, column C" for the field at index col of the
// rows Read returns (its header name), for use as a problem path; a col
// out of range gives "name line N".
func (r *Reader) At(line, col int) string {
	c := ""
	if col >= 0 && col < len(r.cols) {
		c = r.cols[col]
	}
	return where(r.name, line, c)
}

// Errorf returns an *Error at the field at index col of line.
func (r *Reader) Errorf(line, col int, err error, format string, args ...any) *Error {
	c := ""
	if col >= 0 && col < len(r.cols) {
		c = r.cols[col]
	}
	return &Error{Name: r.name, Line: line, Column: c, Msg: fmt.Sprintf(format, args...), Err: err}
}

// Read returns the next data row and its line number, or io.EOF after the
// last. Rows whose fields are all empty are skipped.
func (r *Reader) Read() ([]string, int, error) {
	for {
		rec, line, err := r.next()
		if err != nil {
			return nil, line, err
		}
		if blank(rec) {
			continue
		}
		if r.width > 0 && len(rec) != r.width {
			return nil, line, &Error{Name: r.name, Line: line, Err: ErrSyntax,
				Msg: fmt.Sprintf("%d fields, want %d", len(rec), r.width)}
		}
		r.rows++
		if r.lim.MaxRows > 0 && r.rows > r.lim.MaxRows {
			return nil, line, &Error{Name: r.name, Line: line, Err: ErrTooManyRows,
				Msg: fmt.Sprintf("more than %d rows", r.lim.MaxRows)}
		}
		if r.pick != nil {
			for i, j := range r.pick {
				r.out[i] = rec[j]
			}
			return r.out, line, nil
		}
		return rec, line, nil
	}
}

// ReuseText makes the reader reuse the memory of the text it returns:
// after it, the fields Read returns (the strings, not only the slice) are
// valid only until the next call to Read, and a caller must copy
// ([strings.Clone]) any it keeps, even a substring, even in a message.
// It saves allocating the input's text again (16 KiB per few hundred
// rows) and keeps that memory in the processor's cache. Errors the
// reader returns never refer to the reused text.
func (r *Reader) ReuseText() { r.tok.reuse = true }

// CarriageReturn reports whether the row Read last returned (all its
// fields, columns HeaderWith ignores included) holds a carriage return,
// one not part of a CRLF line end (which is read as a line end): a file
// whose lines end in lone carriage returns reads as one long line
// holding them. It looks at the row's text in one pass.
func (r *Reader) CarriageReturn() bool { return strings.IndexByte(r.tok.text, '\r') >= 0 }

// Rows returns the number of data rows read so far.
func (r *Reader) Rows() int { return r.rows }

func (r *Reader) next() ([]string, int, error) {
	rec, err := r.tok.read()
	if err == nil {
		r.lr.row = 0
		line := r.tok.recLine
		r.line = line
		end := r.tok.offset
		size := end - r.end
		r.end = end
		if size > int64(r.lim.MaxRowBytes) {
			return nil, line, r.rowTooLarge(line)
		}
		return rec, line, nil
	}
	line := r.line + 1 // at or after the line after the last record
	if r.lr.exceeded {
		return nil, line, &Error{Name: r.name, Err: ErrTooLarge,
			Msg: fmt.Sprintf("input larger than %d bytes", r.lim.MaxBytes)}
	}
	if r.lr.rowExceeded {
		return nil, line, r.rowTooLarge(line)
	}
	if err == io.EOF {
		return nil, line, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, pe.Line, &Error{Name: r.name, Line: pe.Line, Err: ErrSyntax, Msg: pe.Err.Error()}
	}
	return nil, line, &Error{Name: r.name, Line: line, Msg: err.Error(), Err: err}
}

func (r *Reader) rowTooLarge(line int) error {
	return &Error{Name: r.name, Line: line, Err: ErrRowTooLarge,
		Msg: fmt.Sprintf("row longer than %d bytes", r.lim.MaxRowBytes)}
}

func blank(rec []string) bool {
	if len(rec) > 0 && len(rec[0]) > 0 && rec[0][0] > ' ' && rec[0][0] < 0x80 {
		return false // the common case: a first field starting with text
	}
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// limitedReader reads from r until left bytes are used, then fails; it
// remembers that the limit was passed so the error can say so. It also
// counts the bytes read since the Reader last returned a record (row,
// reset by the Reader) and fails when they pass rowLimit.
type limitedReader struct {
	r           io.Reader
	left        int64
	limited     bool
	exceeded    bool
	row         int64
	rowLimit    int64
	rowExceeded bool
}

var errLimit = errors.New("limit")

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.row > l.rowLimit {
		l.rowExceeded = true
		return 0, errLimit
	}
	if !l.limited {
		n, err := l.r.Read(p)
		l.row += int64(n)
		return n, err
	}
	if l.left < 0 {
		l.exceeded = true
		return 0, errLimit
	}
	// Read one byte past the limit so that input of exactly the limit is
	// accepted and anything longer is detected.
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	l.row += int64(n)
	if l.left < 0 {
		l.exceeded = true
		return 0, errLimit
	}
	return n, err
}

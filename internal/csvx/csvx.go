// Package csvx reads CSV input from untrusted sources in bounded memory,
// with errors that name the input and the line. The audience, price sheet
// and payout readers share it.
//
// Limits are enforced while reading: the byte limit stops the underlying
// reader as soon as it is passed (a 100 MB file with a 1 MB limit is
// refused after reading 1 MB), the row limit stops at the first row too
// many, and encoding/csv never holds more than one record. A UTF-8
// byte-order mark at the start and blank lines are tolerated.
package csvx

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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
)

// Limits bounds what a Reader accepts. Zero fields mean no limit.
type Limits struct {
	MaxBytes int64 // total input size, BOM included
	MaxRows  int   // data rows, header excluded
}

// Error is a problem at a place in the input: "audience.csv line 12: …".
type Error struct {
	Name string // the input's name, as given to NewReader
	Line int    // 1-based line number; 0 when the problem is not at a line
	Msg  string // what was wrong, in English
	Err  error  // sentinel, may be nil
}

// Error returns "name line N: msg".
func (e *Error) Error() string {
	where := e.Name
	if e.Line > 0 {
		where = fmt.Sprintf("%s line %d", e.Name, e.Line)
	}
	return where + ": " + e.Msg
}

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }

// Where returns "name line N" (or the name alone), for use as a path.
func (e *Error) Where() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s line %d", e.Name, e.Line)
	}
	return e.Name
}

// Reader reads records one at a time.
type Reader struct {
	name  string
	lim   Limits
	lr    *limitedReader
	csv   *csv.Reader
	rows  int
	width int
	line  int // line of the last record read
}

// NewReader returns a reader of r named name (used in errors). Records are
// reused between calls to Read: copy fields that must outlive the next
// call (strings are immutable, so keeping a field string is fine; keeping
// the slice is not).
func NewReader(r io.Reader, name string, lim Limits) *Reader {
	lr := &limitedReader{r: r, left: lim.MaxBytes, limited: lim.MaxBytes > 0}
	br := bufio.NewReaderSize(lr, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\xEF\xBB\xBF" {
		_, _ = br.Discard(3)
	}
	c := csv.NewReader(br)
	c.ReuseRecord = true
	c.FieldsPerRecord = -1
	return &Reader{name: name, lim: lim, lr: lr, csv: c}
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
	return nil
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
		return rec, line, nil
	}
}

// Rows returns the number of data rows read so far.
func (r *Reader) Rows() int { return r.rows }

func (r *Reader) next() ([]string, int, error) {
	rec, err := r.csv.Read()
	if err == nil {
		line, _ := r.csv.FieldPos(0)
		r.line = line
		return rec, line, nil
	}
	line := r.line + 1 // at or after the line after the last record
	if r.lr.exceeded {
		return nil, line, &Error{Name: r.name, Err: ErrTooLarge,
			Msg: fmt.Sprintf("input larger than %d bytes", r.lim.MaxBytes)}
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

func blank(rec []string) bool {
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
// remembers that the limit was passed so the error can say so.
type limitedReader struct {
	r        io.Reader
	left     int64
	limited  bool
	exceeded bool
}

var errLimit = errors.New("limit")

func (l *limitedReader) Read(p []byte) (int, error) {
	if !l.limited {
		return l.r.Read(p)
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
	if l.left < 0 {
		l.exceeded = true
		return 0, errLimit
	}
	return n, err
}

package metering

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"iter"
	"strconv"
	"time"

	"github.com/marketrules/marketrules/rule"
)

// maxLine is the longest CSV line the reader takes.
const maxLine = 64 << 10

// maxInterned is how many distinct resource and dimension names the
// reader shares between rows; beyond it each row gets its own strings.
const maxInterned = 1 << 14

// Reader reads raw usage from CSV, one [Record] per row, streaming: its
// memory does not grow with the number of rows. The first line is the
// header; its names are matched without regard to case or surrounding
// space, after a UTF-8 byte order mark: "resourceId" or "resourceUri"
// (at least one), "dimension", "quantity" (an exact decimal) and "time"
// (also "effectiveStartTime" or "timestamp": RFC 3339, or without an
// offset for UTC). Other columns are ignored. Fields may be quoted.
//
// A row that cannot be read (a missing field, a quantity or time that is
// not one, the zero instant 0001-01-01T00:00:00Z, a line longer than 64
// KiB, a quote left open) is skipped and becomes a problem naming its
// line and column; the rows after it are still read. Make a Reader with
// [Policy.NewReader].
type Reader struct {
	policy   Policy
	name     string
	br       *bufio.Reader
	line     int
	cols     [5]int // resourceId, resourceUri, dimension, quantity, time; -1 when absent
	fields   [][]byte
	intern   map[string]string
	problems rule.Problems
	skipped  int64
	err      error
	started  bool
}

const (
	colID = iota
	colURI
	colDim
	colQty
	colTime
)

// NewReader returns a reader of the CSV in r; name names the input in
// problems ("usage.csv line 12, column quantity").
func (p Policy) NewReader(r io.Reader, name string) *Reader {
	p = p.norm()
	if r == nil {
		r = bytes.NewReader(nil)
	}
	return &Reader{policy: p, name: name, br: bufio.NewReaderSize(r, maxLine), intern: make(map[string]string)}
}

var (
	msgCSVHeader   = rule.Message{English: "the header has no column %q", Swedish: "rubrikraden saknar kolumnen %q"}
	msgCSVResource = rule.Message{English: "the header has neither a resourceId nor a resourceUri column", Swedish: "rubrikraden saknar både kolumnen resourceId och resourceUri"}
	msgCSVEmpty    = rule.Message{English: "the input is empty: a header is needed", Swedish: "indata är tomt: en rubrikrad behövs"}
	msgCSVLong     = rule.Message{English: "the line is longer than %d bytes", Swedish: "raden är längre än %d byte"}
	msgCSVQuote    = rule.Message{English: "a quote is not closed on the line", Swedish: "ett citattecken stängs inte på raden"}
	msgCSVMissing  = rule.Message{English: "the row has %d fields; the column is field %d", Swedish: "raden har %d fält; kolumnen är fält %d"}
	msgCSVQuantity = rule.Message{English: "%q is not a quantity", Swedish: "%q är inte en mängd"}
	msgCSVTime     = rule.Message{English: "%q is not an instant (RFC 3339)", Swedish: "%q är inte en tidpunkt (RFC 3339)"}
	msgCSVZeroTime = rule.Message{English: "%q is the zero instant, which stands for no time", Swedish: "%q är nolltidpunkten, som står för ingen tidpunkt"}
)

var colNames = [5]string{"resourceId", "resourceUri", "dimension", "quantity", "time"}

// Records returns the rows as a sequence of records, each with its Line;
// it reads the input once, as the sequence is ranged over.
func (r *Reader) Records() iter.Seq[Record] {
	return func(yield func(Record) bool) {
		if r == nil || r.started {
			return
		}
		r.started = true
		if !r.header() {
			return
		}
		for {
			line, ok := r.next()
			if !ok {
				return
			}
			if line == nil {
				continue
			}
			rec, ok := r.record(line)
			if !ok {
				continue
			}
			if !yield(rec) {
				return
			}
		}
	}
}

// Problems returns the problems of the rows skipped (at most the
// policy's MaxProblems) and of the header.
func (r *Reader) Problems() rule.Problems {
	if r == nil {
		return nil
	}
	return r.problems
}

// Skipped returns the number of rows skipped.
func (r *Reader) Skipped() int64 {
	if r == nil {
		return 0
	}
	return r.skipped
}

// Err returns what stopped the reading: a failure of the underlying
// reader or a header without the needed columns; nil when the input was
// read to its end.
func (r *Reader) Err() error {
	if r == nil {
		return nil
	}
	return r.err
}

func (r *Reader) path(col string) string {
	p := r.name
	if p != "" {
		p += " "
	}
	p += "line " + strconv.Itoa(r.line)
	if col != "" {
		p += ", column " + col
	}
	return p
}

func (r *Reader) skip(col string, sentinel error, msg rule.Message, args ...any) {
	r.skipped++
	if len(r.problems) < r.policy.MaxProblems {
		problem(&r.problems, ruleMTR01, r.path(col), sentinel, msg, args...)
	}
}

// next returns the next line without its end, nil for a line skipped or
// blank, and false at the end of the input.
func (r *Reader) next() ([]byte, bool) {
	line, err := r.br.ReadSlice('\n')
	if len(line) > 0 || err == nil {
		r.line++
	}
	switch {
	case errors.Is(err, bufio.ErrBufferFull):
		r.skip("", ErrTooLarge, msgCSVLong, maxLine)
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = r.br.ReadSlice('\n')
		}
		if err != nil && err != io.EOF {
			r.err = err
			return nil, false
		}
		return nil, err == nil
	case err != nil && err != io.EOF:
		r.err = err
		return nil, false
	case err == io.EOF && len(line) == 0:
		return nil, false
	}
	for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
		line = line[:len(line)-1]
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, true
	}
	return line, true
}

// split splits a line into fields in r.fields, unquoting quoted fields in
// place; false when a quote is left open.
func (r *Reader) split(line []byte) bool {
	r.fields = r.fields[:0]
	for {
		if len(line) > 0 && line[0] == '"' {
			// A quoted field: "" is a quote; unquote in place.
			w, i := 1, 1
			closed := false
			for i < len(line) {
				if line[i] == '"' {
					if i+1 < len(line) && line[i+1] == '"' {
						line[w] = '"'
						w, i = w+1, i+2
						continue
					}
					closed = true
					i++
					break
				}
				line[w] = line[i]
				w, i = w+1, i+1
			}
			if !closed {
				return false
			}
			r.fields = append(r.fields, line[1:w])
			j := bytes.IndexByte(line[i:], ',')
			if j < 0 {
				return true
			}
			line = line[i+j+1:]
			continue
		}
		j := bytes.IndexByte(line, ',')
		if j < 0 {
			r.fields = append(r.fields, line)
			return true
		}
		r.fields = append(r.fields, line[:j])
		line = line[j+1:]
	}
}

// header reads the header line and finds the columns.
func (r *Reader) header() bool {
	var line []byte
	for {
		l, ok := r.next()
		if !ok {
			if r.err == nil {
				problem(&r.problems, ruleMTR01, r.path(""), ErrMalformed, msgCSVEmpty)
				r.err = r.problems.Err()
			}
			return false
		}
		if l != nil {
			line = l
			break
		}
	}
	line = bytes.TrimPrefix(line, []byte("\uFEFF"))
	if !r.split(line) {
		problem(&r.problems, ruleMTR01, r.path(""), ErrMalformed, msgCSVQuote)
		r.err = r.problems.Err()
		return false
	}
	r.cols = [5]int{-1, -1, -1, -1, -1}
	for i, f := range r.fields {
		name := bytes.TrimSpace(f)
		switch {
		case bytes.EqualFold(name, []byte("resourceId")):
			r.cols[colID] = i
		case bytes.EqualFold(name, []byte("resourceUri")):
			r.cols[colURI] = i
		case bytes.EqualFold(name, []byte("dimension")):
			r.cols[colDim] = i
		case bytes.EqualFold(name, []byte("quantity")):
			r.cols[colQty] = i
		case bytes.EqualFold(name, []byte("time")), bytes.EqualFold(name, []byte("effectiveStartTime")), bytes.EqualFold(name, []byte("timestamp")):
			r.cols[colTime] = i
		}
	}
	if r.cols[colID] < 0 && r.cols[colURI] < 0 {
		problem(&r.problems, ruleMTR01, r.path(""), ErrMalformed, msgCSVResource)
	}
	for _, c := range []int{colDim, colQty, colTime} {
		if r.cols[c] < 0 {
			problem(&r.problems, ruleMTR01, r.path(""), ErrMalformed, msgCSVHeader, colNames[c])
		}
	}
	if len(r.problems) > 0 {
		r.err = r.problems.Err()
		return false
	}
	return true
}

// str returns the field as a string shared between rows while there is
// room: a row then allocates nothing for names seen before.
func (r *Reader) str(b []byte) string {
	if s, ok := r.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(r.intern) < maxInterned {
		r.intern[s] = s
	}
	return s
}

// field returns column c of the row, or false with a problem when the
// row is too short; an absent optional column is empty.
func (r *Reader) field(c int) ([]byte, bool) {
	i := r.cols[c]
	if i < 0 {
		return nil, true
	}
	if i >= len(r.fields) {
		r.skip(colNames[c], ErrMalformed, msgCSVMissing, len(r.fields), i+1)
		return nil, false
	}
	return bytes.TrimSpace(r.fields[i]), true
}

// record reads a row.
func (r *Reader) record(line []byte) (Record, bool) {
	if !r.split(line) {
		r.skip("", ErrMalformed, msgCSVQuote)
		return Record{}, false
	}
	var f [5][]byte
	for c := range f {
		v, ok := r.field(c)
		if !ok {
			return Record{}, false
		}
		f[c] = v
	}
	id, uri, dim, qty, tm := f[colID], f[colURI], f[colDim], f[colQty], f[colTime]
	q, err := parseQuantity(qty)
	if err != nil {
		r.skip(colNames[colQty], ErrQuantity, msgCSVQuantity, string(qty))
		return Record{}, false
	}
	t, ok := parseInstantBytes(tm)
	if !ok {
		r.skip(colNames[colTime], ErrMalformed, msgCSVTime, string(tm))
		return Record{}, false
	}
	if t.IsZero() { // 0001-01-01T00:00:00Z: a Record's zero Time means none
		r.skip(colNames[colTime], ErrMalformed, msgCSVZeroTime, string(tm))
		return Record{}, false
	}
	return Record{ResourceID: r.str(id), ResourceURI: r.str(uri), Dimension: r.str(dim), Time: t, Quantity: q, Line: r.line}, true
}

// parseInstantBytes parses "2006-01-02T15:04:05[.fraction][Z|±07:00]"
// (a space may stand for the T; no offset is UTC) without allocating.
func parseInstantBytes(b []byte) (time.Time, bool) {
	num := func(s []byte) (int, bool) {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != 't' && b[10] != ' ') || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	y, ok1 := num(b[0:4])
	mo, ok2 := num(b[5:7])
	d, ok3 := num(b[8:10])
	h, ok4 := num(b[11:13])
	mi, ok5 := num(b[14:16])
	s, ok6 := num(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, time.Month(mo)) || h > 23 || mi > 59 || s > 59 {
		return time.Time{}, false
	}
	rest := b[19:]
	ns := 0
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			if i <= 9 {
				ns = ns*10 + int(rest[i]-'0')
			}
			i++
		}
		if i == 1 {
			return time.Time{}, false
		}
		for k := min(i, 10); k < 10; k++ {
			ns *= 10
		}
		rest = rest[i:]
	}
	off := 0
	switch {
	case len(rest) == 0:
	case len(rest) == 1 && (rest[0] == 'Z' || rest[0] == 'z'):
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := num(rest[1:3])
		om, ok2 := num(rest[4:6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		off = oh*3600 + om*60
		if rest[0] == '-' {
			off = -off
		}
	default:
		return time.Time{}, false
	}
	sec := daysFromCivil(y, mo, d)*86400 + int64(h*3600+mi*60+s-off)
	return time.Unix(sec, int64(ns)).UTC(), true
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to the date
// (proleptic Gregorian calendar), in integer arithmetic.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era-- // year 0's January and February
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

package csvx

// The tokenizer below reads records exactly as encoding/csv's Reader does
// with its defaults (Comma ',', no Comment, LazyQuotes and
// TrimLeadingSpace off) and FieldsPerRecord -1, ReuseRecord true: the same
// records, line numbers, input offsets and *csv.ParseError values. Its
// quoted-field path is adapted from Go's encoding/csv (Copyright 2011 The
// Go Authors; BSD-style license, see https://go.dev/LICENSE). A line with
// no quote, the common case, takes a shorter path: one string for the
// line, cut at its commas, with no copy into a record buffer first.
//
// Record text is copied into an append-only arena of arenaSize-byte
// blocks and read as strings there, one allocation per block rather
// than one per record: the bytes a string covers are never written
// again (the block is only appended to, and a full block is left to the
// strings that point into it), so the strings are as immutable as ones
// made by a conversion, and may be kept. After Reader.ReuseText a full
// block is reused instead, and a row's strings hold only until the next.

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"unsafe"
)

// arenaSize is the size of a block of record text: a few hundred rows.
const arenaSize = 16 << 10

type tokenizer struct {
	r       *bufio.Reader
	raw     []byte   // a line longer than the read buffer
	buf     []byte   // a quoted record's unquoted text
	idx     []int    // end of each field in buf
	rec     []string // the record, reused
	arena   []byte   // record text; bytes before len(arena) are never written again
	numLine int      // lines read
	recLine int      // first line of the last record
	offset  int64    // bytes read
	text    string   // the last record's fields, one after the other
	reuse   bool     // Reader.ReuseText: reuse the arena block
}

func (t *tokenizer) readLine() ([]byte, error) {
	line, err := t.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		t.raw = append(t.raw[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = t.r.ReadSlice('\n')
			t.raw = append(t.raw, line...)
		}
		line = t.raw
	}
	readSize := len(line)
	if readSize > 0 && err == io.EOF {
		err = nil
		// As encoding/csv: a trailing \r before EOF is dropped.
		if line[readSize-1] == '\r' {
			line = line[:readSize-1]
		}
	}
	t.numLine++
	t.offset += int64(readSize)
	// Normalize \r\n to \n.
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	return line, err
}

func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}

// read returns the next record (reused by the next call) or an error; the
// record may be partial when the error is not io.EOF.
func (t *tokenizer) read() ([]string, error) {
	var line []byte
	var errRead error
	for errRead == nil {
		line, errRead = t.readLine()
		if errRead == nil && len(line) == lengthNL(line) {
			line = nil
			continue // skip empty lines
		}
		break
	}
	if errRead == io.EOF {
		return nil, errRead
	}
	t.recLine = t.numLine
	if bytes.IndexByte(line, '"') < 0 {
		s := t.str(line[:len(line)-lengthNL(line)])
		t.text = s
		rec := t.rec[:0]
		for {
			i := strings.IndexByte(s, ',')
			if i < 0 {
				rec = append(rec, s)
				break
			}
			rec = append(rec, s[:i])
			s = s[i+1:]
		}
		t.rec = rec
		return rec, errRead
	}
	return t.readQuoted(line, errRead)
}

// readQuoted parses a record whose first line, line, holds a quote.
func (t *tokenizer) readQuoted(line []byte, errRead error) ([]string, error) {
	var err error
	recLine := t.recLine
	t.buf = t.buf[:0]
	t.idx = t.idx[:0]
	line0, col := t.numLine, 1 // position in the input
parseField:
	for {
		if len(line) == 0 || line[0] != '"' {
			// Non-quoted field.
			i := bytes.IndexByte(line, ',')
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lengthNL(field)]
			}
			if j := bytes.IndexByte(field, '"'); j >= 0 {
				err = &csv.ParseError{StartLine: recLine, Line: t.numLine, Column: col + j, Err: csv.ErrBareQuote}
				break parseField
			}
			t.buf = append(t.buf, field...)
			t.idx = append(t.idx, len(t.buf))
			if i >= 0 {
				line = line[i+1:]
				col += i + 1
				continue parseField
			}
			break parseField
		}
		// Quoted field.
		line = line[1:]
		col++
		for {
			i := bytes.IndexByte(line, '"')
			switch {
			case i >= 0:
				t.buf = append(t.buf, line[:i]...)
				line = line[i+1:]
				col += i + 1
				switch {
				case len(line) > 0 && line[0] == '"':
					// `""`: a quote.
					t.buf = append(t.buf, '"')
					line = line[1:]
					col++
				case len(line) > 0 && line[0] == ',':
					// `",`: end of field.
					line = line[1:]
					col++
					t.idx = append(t.idx, len(t.buf))
					continue parseField
				case lengthNL(line) == len(line):
					// `"\n`: end of line.
					t.idx = append(t.idx, len(t.buf))
					break parseField
				default:
					// `"x`: a quote not escaped.
					err = &csv.ParseError{StartLine: recLine, Line: t.numLine, Column: col - 1, Err: csv.ErrQuote}
					break parseField
				}
			case len(line) > 0:
				// End of line inside quotes: keep it, read on.
				t.buf = append(t.buf, line...)
				if errRead != nil {
					break parseField
				}
				col += len(line)
				line, errRead = t.readLine()
				if len(line) > 0 {
					line0++
					col = 1
				}
				if errRead == io.EOF {
					errRead = nil
				}
			default:
				// Abrupt end of input.
				if errRead == nil {
					err = &csv.ParseError{StartLine: recLine, Line: line0, Column: col, Err: csv.ErrQuote}
					break parseField
				}
				t.idx = append(t.idx, len(t.buf))
				break parseField
			}
		}
	}
	if err == nil {
		err = errRead
	}
	str := t.str(t.buf)
	t.text = str
	rec := t.rec[:0]
	pre := 0
	for _, i := range t.idx {
		rec = append(rec, str[pre:i])
		pre = i
	}
	t.rec = rec
	return rec, err
}

// str returns b as a string in the arena (see the top of the file).
func (t *tokenizer) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > arenaSize/4 {
		return string(b)
	}
	if cap(t.arena)-len(t.arena) < len(b) {
		if t.reuse && cap(t.arena) == arenaSize {
			t.arena = t.arena[:0] // ReuseText: earlier rows' strings are overwritten
		} else {
			t.arena = make([]byte, 0, arenaSize)
		}
	}
	start := len(t.arena)
	t.arena = append(t.arena, b...)
	return unsafe.String(&t.arena[start], len(b))
}

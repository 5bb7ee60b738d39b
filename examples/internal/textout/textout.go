// Package textout is what the example programs share: a printer that
// keeps the first write error, tables aligned by display width (which
// matters for money formatted by CLDR: no-break spaces, "￥" taking two
// terminal columns), word wrapping that never breaks an amount, the -lang
// flag, and a reader for their small CSV samples. It is not part of the
// library.
package textout

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Printer writes to W and keeps the first write error, so that a program
// can print freely and check once at the end.
type Printer struct {
	W   io.Writer
	err error
}

// Printf writes a formatted line part.
func (p *Printer) Printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.W, format, args...)
	}
}

// Println writes its arguments and a newline.
func (p *Printer) Println(args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintln(p.W, args...)
	}
}

// Err returns the first write error.
func (p *Printer) Err() error { return p.err }

// Table is a list of rows written with aligned columns. Unlike
// text/tabwriter, which counts runes, it measures cells by their display
// width: "￥" (U+FFE5) takes two terminal columns, U+00A0 and U+202F one.
type Table struct {
	header []string
	right  []bool
	rows   [][]string
}

const (
	indent = "  "
	gutter = "  "
)

// NewTable returns a table with the given column headers.
func NewTable(header ...string) *Table {
	return &Table{header: header, right: make([]bool, len(header))}
}

// AlignRight right-aligns the columns with the given indexes (numbers and
// amounts); the others are left-aligned.
func (t *Table) AlignRight(cols ...int) *Table {
	for _, c := range cols {
		t.right[c] = true
	}
	return t
}

// Row adds a row; missing cells are empty.
func (t *Table) Row(cells ...string) {
	for len(cells) < len(t.header) {
		cells = append(cells, "")
	}
	t.rows = append(t.rows, cells)
}

// Write writes the header, a rule line and the rows. Trailing spaces are
// trimmed, so the output diffs cleanly.
func (t *Table) Write(p *Printer) {
	widths := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, cell := range r[:len(widths)] {
			widths[i] = max(widths[i], Width(cell))
		}
	}
	rules := make([]string, len(widths))
	for i, w := range widths {
		rules[i] = strings.Repeat("-", w)
	}
	var b strings.Builder
	for _, r := range append([][]string{t.header, rules}, t.rows...) {
		b.Reset()
		b.WriteString(indent)
		for i, cell := range r[:len(widths)] {
			if i > 0 {
				b.WriteString(gutter)
			}
			pad := strings.Repeat(" ", widths[i]-Width(cell))
			if t.right[i] {
				b.WriteString(pad + cell)
			} else {
				b.WriteString(cell + pad)
			}
		}
		p.Println(strings.TrimRight(b.String(), " "))
	}
}

// Width returns the number of terminal columns s takes: two for East
// Asian wide and fullwidth characters (such as "￥", U+FFE5), none for
// combining marks and format characters, one for everything else,
// including the no-break spaces U+00A0 and U+202F of CLDR's money
// formats.
func Width(s string) int {
	n := 0
	for _, r := range s {
		switch k := width.LookupRune(r).Kind(); {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc):
			// zero width
		case k == width.EastAsianWide || k == width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// Wrap returns text after prefix, wrapped at width columns, with every
// later line indented as far as the prefix; newlines in text start new
// paragraphs under the same indent. It breaks lines only at ASCII spaces,
// never inside an amount: CLDR writes "470,98 kr" with a no-break space,
// at which strings.Fields would split. Every line ends with a newline.
func Wrap(prefix, text string, width int) string {
	var b strings.Builder
	indent := strings.Repeat(" ", Width(prefix))
	for i, para := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		line := prefix
		if i > 0 {
			line = indent
		}
		n := Width(line)
		first := true
		for _, word := range strings.Split(para, " ") {
			if word == "" {
				continue
			}
			w := Width(word)
			switch {
			case first:
			case n+1+w > width:
				b.WriteString(line + "\n")
				line, n = indent, len(indent)
			default:
				line += " "
				n++
			}
			line += word
			n += w
			first = false
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// ReadCSV reads text as CSV whose first line must be header (compared
// without regard to case or surrounding spaces, after a UTF-8 byte order
// mark, as Excel writes) and returns the rows after it with every field
// trimmed; name names the input in errors, which say the line and, for
// a syntax error, the column: `prices.csv line 3, column 7: extraneous
// " in field`. A blank line is skipped. The programs read their CSV
// inputs with it.
func ReadCSV(text, name, header string) ([][]string, error) {
	rows, err := ReadRows(text, name, header)
	if err != nil {
		return nil, err
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.Fields
	}
	return out, nil
}

// Row is a CSV row and the line it starts on.
type Row struct {
	Line   int
	Fields []string
}

// ReadRows is ReadCSV returning each row with its line number, for
// problems that name the line.
func ReadRows(text, name, header string) ([]Row, error) {
	text = strings.TrimPrefix(text, "\uFEFF")
	want := strings.Split(header, ",")
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var rows []Row
	sawHeader := false
	for first := true; ; first = false {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s line %d, column %d: %v", name, pe.Line, pe.Column, pe.Err)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		line, _ := r.FieldPos(0)
		if first {
			if !sameHeader(row, want) {
				return nil, fmt.Errorf("%s line %d: the header must be %q, not %q", name, line, header, strings.Join(row, ","))
			}
			sawHeader = true
			continue
		}
		if len(row) != len(want) {
			return nil, fmt.Errorf("%s line %d: %s, not %d (%s)", name, line,
				Plural(len(want), "field", "fields"), len(row), header)
		}
		for i := range row {
			row[i] = strings.TrimSpace(row[i])
		}
		rows = append(rows, Row{line, row})
	}
	if !sawHeader {
		return nil, fmt.Errorf("%s: empty; the first line must be the header %q", name, header)
	}
	return rows, nil
}

// sameHeader compares a header row with the wanted column names, ignoring
// case and spaces around each name.
func sameHeader(row, want []string) bool {
	if len(row) != len(want) {
		return false
	}
	for i := range row {
		if !strings.EqualFold(strings.TrimSpace(row[i]), want[i]) {
			return false
		}
	}
	return true
}

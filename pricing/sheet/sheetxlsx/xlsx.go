package sheetxlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/rule"
)

// SheetName is the name of the worksheet [Write] and [WriteSheet] write.
// [Policy.Read] reads the worksheet of that name (in any case), else the
// workbook's first worksheet.
const SheetName = "Prices"

// CellsPerRow is the average number of cells a row may have, blank
// ones up to the row's last cell included: the cells read are bounded to
// CellsPerRow × (MaxRows + 1).
const CellsPerRow = 64

// Default bounds of a workbook read by [Policy.Read]. A workbook of the
// largest sheet the default row limit allows (100,000 rows, written by
// [WriteSheet]) is about 4 MiB, its parts about 70 MiB uncompressed.
const (
	DefaultMaxBytes    = 16 << 20
	DefaultMaxUnzipped = 256 << 20
)

// The columns of a workbook's header row. [Write] writes the first six,
// those of [sheet.Columns]; [WriteSheet] all of them:
//
//	market      the market's ISO 3166-1 code: "SE"
//	currency    the market's billing currency: "SEK"
//	plan        the plan's ID: "gold"
//	term        the billing term: "P1M", "P1Y", "P2Y" or "P3Y"
//	payment     the payment option: "upfront", "monthly" or "annual"
//	price       the price in major units, exact: "1045.12", "14920" (JPY)
//	source      how the price was obtained: "converted", "list" or "override"
//	usd         the USD list price it belongs to: "100.00"
//	rate        the rate it was converted at (converted only): "10.4512"
//	rate_as_of  the instant the rate is quoted for: "2024-01-01" or RFC 3339
//	saved_at    when the price was saved, RFC 3339
var provenanceColumns = [...]string{"source", "usd", "rate", "rate_as_of", "saved_at"}

// Columns returns the header row [WriteSheet] writes: the columns of
// [sheet.Columns], then source, usd, rate, rate_as_of and saved_at.
func Columns() []string { return append(sheet.Columns(), provenanceColumns[:]...) }

// Policy holds the bounds of a workbook read by [Policy.Read]. The zero
// Policy is DefaultPolicy(): a zero bound means its default; a negative
// bound means no limit.
type Policy struct {
	// MaxRows bounds the rows of the sheet after the header (blank rows
	// aside), as [sheet.Policy.MaxRows] bounds a CSV sheet: 100,000.
	// It also bounds the cells read, blank ones included, to
	// [CellsPerRow] times MaxRows + 1: a small workbook of rows reaching
	// far to the right (column XFD) is refused before it costs much.
	MaxRows int `json:"maxRows"`
	// MaxBytes bounds the workbook file: 16 MiB.
	MaxBytes int64 `json:"maxBytes"`
	// MaxUnzipped bounds the total uncompressed size of the workbook's
	// parts, as its zip directory declares them (uncompressing stops
	// at the declared size): 256 MiB. A workbook over it is refused
	// before anything is uncompressed. Reading streams each part and
	// holds none whole but the shared strings, so memory stays within
	// the workbook file (MaxBytes), the text of its shared strings (at
	// most CellsPerRow × (MaxRows + 1) of them, within MaxUnzipped) and
	// the rows read.
	MaxUnzipped int64 `json:"maxUnzipped"`
}

// DefaultPolicy returns the bounds the library uses: 100,000 rows, a
// 16 MiB workbook and 256 MiB uncompressed.
func DefaultPolicy() Policy {
	return Policy{MaxRows: sheet.DefaultMaxRows, MaxBytes: DefaultMaxBytes, MaxUnzipped: DefaultMaxUnzipped}
}

// limits returns p's bounds with the defaults in place of zeros and the
// largest values in place of negatives: the rows, the cells, the file
// size and the uncompressed size.
func (p Policy) limits() (rows int, cells, size, unzipped int64) {
	bound := func(v, def int64) int64 {
		switch {
		case v == 0:
			return def
		case v < 0:
			return math.MaxInt64 - 1
		}
		return min(v, math.MaxInt64-1)
	}
	rows = p.MaxRows
	switch {
	case rows == 0:
		rows = sheet.DefaultMaxRows
	case rows < 0:
		rows = math.MaxInt
	}
	cells = math.MaxInt64
	if int64(rows) < math.MaxInt64/CellsPerRow-1 {
		cells = CellsPerRow * (int64(rows) + 1)
	}
	return rows, cells, bound(p.MaxBytes, DefaultMaxBytes), bound(p.MaxUnzipped, DefaultMaxUnzipped)
}

var (
	msgXLSX     = rule.Message{Key: "xlsx-malformed", English: "not a workbook that can be read: %s", Swedish: "ingen arbetsbok som kan läsas: %s"}
	msgSize     = rule.Message{Key: "xlsx-too-large", English: "the workbook is larger than %d bytes", Swedish: "arbetsboken är större än %d byte"}
	msgUnzipped = rule.Message{Key: "xlsx-unzipped-too-large", English: "the workbook's parts are larger than %d bytes uncompressed", Swedish: "arbetsbokens delar är större än %d byte okomprimerade"}
	msgCells    = rule.Message{Key: "xlsx-too-many-cells", English: "the sheet has more than %d cells", Swedish: "bladet har fler än %d celler"}
	msgRows     = rule.Message{Key: "xlsx-too-many-rows", English: "the sheet has more than %d rows", Swedish: "bladet har fler än %d rader"}
	msgNoHeader = rule.Message{Key: "xlsx-no-header", English: "worksheet %q has no header row", Swedish: "bladet %q har ingen rubrikrad"}
	msgMissing  = rule.Message{Key: "xlsx-missing-column", English: "the header has no column %s (want %s, in any order)", Swedish: "rubrikraden saknar kolumnen %s (ska ha %s, i valfri ordning)"}
	msgTwice    = rule.Message{Key: "xlsx-column-twice", English: "the header names column %s twice", Swedish: "rubrikraden har kolumnen %s två gånger"}
	msgStrings  = rule.Message{Key: "xlsx-too-many-strings", English: "the workbook has more than %d shared strings", Swedish: "arbetsboken har fler än %d delade strängar"}
)

// Read reads a price sheet workbook from r, named name in problem paths
// ("prices.xlsx row 12", the worksheet's row number as Excel shows it),
// within the bounds of p. The worksheet is the one named [SheetName] in
// any case, else the first. Its first non-blank row is the header, which
// must name the columns of [sheet.Columns] in any case and order; other
// columns are ignored. Blank rows are skipped. Every later row is checked
// as [sheet.Policy.ReadCSV] checks a CSV row, with the same problems
// (rule, sentinel, message) reported all at once as [rule.Problems], and
// known means the same. The rows are returned in the sheet's order only
// when there is no problem.
//
// Each cell is read from its stored text, whether Excel stores it as text
// or as a number: "49.99", never through a binary floating-point value.
// Excel writes some numbers with 17 significant digits ("1045.12" as
// "1045.1199999999999") and shows them with 15. A price with more than
// 15 significant digits and more decimals than its currency has is
// therefore read as Excel shows it, rounded to 15 significant digits
// (half away from zero, in decimal), when that has no more decimals than
// the currency; a number in exponent form ("1.5E+3") is read exactly as
// the decimal it denotes.
//
// A workbook over p's bounds stops reading with a problem wrapping
// [sheet.ErrLimit]: a file over MaxBytes or parts over MaxUnzipped before
// anything is uncompressed, more shared strings than CellsPerRow ×
// (MaxRows + 1) before any row is read, more rows than MaxRows or more
// cells than CellsPerRow × (MaxRows + 1) at the first row over.
//
// The worksheet is read as a stream, one row at a time, in a pass that
// also checks it, by a small reader of the XML Excel and excelize write;
// XML it does not take (comments, other entities, other encodings) or
// damage sends it back to the start with encoding/xml, which reads any
// XML and names the damage. The workbook's other XML parts are checked
// first (well-formed, valid row and cell references, existing shared
// strings), so that no row is dropped or misread silently.
// Input that is not a readable workbook stops it with one wrapping
// [ErrXLSX].
func (p Policy) Read(r io.Reader, name string, known []sheet.ListPrice) (rows []sheet.Row, err error) {
	if name == "" {
		name = "prices.xlsx"
	}
	maxRows, maxCells, maxSize, maxUnzipped := p.limits()
	rp := sheet.DefaultPolicy().NewRowParser(name, "row", known, 0)
	stop := func(path string, m rule.Message, sentinel error, args ...any) ([]sheet.Row, error) {
		rp.Add(rule.Problem{Rule: rule.PRC03, Path: path, Message: m, Args: args, Err: sentinel})
		return rp.Rows()
	}
	if r == nil {
		return stop(name, msgXLSX, ErrXLSX, "no input")
	}
	data, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	switch {
	case err != nil:
		return stop(name, msgXLSX, ErrXLSX, err.Error())
	case int64(len(data)) > maxSize:
		return stop(name, msgSize, sheet.ErrLimit, maxSize)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return stop(name, msgXLSX, ErrXLSX, "not a zip archive: "+err.Error())
	}
	var unzipped uint64
	for _, f := range zr.File {
		unzipped += f.UncompressedSize64
		if unzipped > uint64(maxUnzipped) || f.UncompressedSize64 > uint64(maxUnzipped) {
			return stop(name, msgUnzipped, sheet.ErrLimit, maxUnzipped)
		}
	}
	bk, err := openBook(zr, maxCells)
	switch {
	case errors.Is(err, errTooManyStrings):
		return stop(name, msgStrings, sheet.ErrLimit, maxCells)
	case err != nil:
		return stop(name, msgXLSX, ErrXLSX, err.Error())
	}
	// Every XML part but the worksheet read is checked first; the
	// worksheet is checked as its rows stream.
	if err := checkParts(zr, bk.strings, bk.sheet, bk.strsF); err != nil {
		return stop(name, msgXLSX, ErrXLSX, err.Error())
	}
	rr := rowReader{rp: rp, ws: bk.name, maxRows: maxRows, maxCells: maxCells, budget: maxCells, header: sheet.Columns()}
	if !fastRows(bk.sheet, bk.strings, rr.row) {
		// XML the fast reader does not take, or damage: read again,
		// from the start, with encoding/xml.
		rp = sheet.DefaultPolicy().NewRowParser(name, "row", known, 0)
		rr = rowReader{rp: rp, ws: bk.name, maxRows: maxRows, maxCells: maxCells, budget: maxCells, header: sheet.Columns()}
		if err := streamRows(bk.sheet, bk.strings, rr.row); err != nil {
			rp.Add(rule.Problem{Rule: rule.PRC03, Path: name, Message: msgXLSX, Args: []any{err.Error()}, Err: ErrXLSX})
			return rp.Rows()
		}
	}
	rr.end()
	return rp.Rows()
}

// checkParts checks that every XML part of the workbook but those in
// skip (read and checked apart) is well-formed, that every row and cell
// reference of a worksheet is valid and that every shared-string cell
// refers to one of the strs strings; a damaged part is never passed over
// silently.
func checkParts(zr *zip.Reader, strs []string, skip ...*zip.File) error {
	for _, f := range zr.File {
		lower := strings.ToLower(f.Name)
		if slices.Contains(skip, f) || !strings.HasSuffix(lower, ".xml") && !strings.HasSuffix(lower, ".rels") {
			continue
		}
		var err error
		if strings.HasPrefix(lower, "xl/worksheets/") {
			err = streamRows(f, strs, func(int, []cell, int) bool { return true })
		} else {
			err = walkText(f, "", func(bool, []byte) bool { return true })
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// book is what reading needs of a workbook: the worksheet read, its
// name, and the shared strings.
type book struct {
	name         string
	sheet, strsF *zip.File
	strings      []string
}

// openBook finds the worksheet to read, as Excel and excelize find the
// parts of a workbook (the package relationships name the workbook, the
// workbook's relationships its worksheets and shared strings): the one
// named [SheetName] in any case, else the first. It reads the shared
// strings.
func openBook(zr *zip.Reader, maxStrings int64) (book, error) {
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		files[strings.ToLower(f.Name)] = f
	}
	part := func(name string) *zip.File { return files[strings.ToLower(strings.TrimPrefix(name, "/"))] }
	wbPath := "xl/workbook.xml"
	if f := part("_rels/.rels"); f != nil {
		rels, err := readRels(f)
		if err != nil {
			return book{}, err
		}
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.target, "/")
			}
		}
	}
	wb := part(wbPath)
	if wb == nil {
		return book{}, fmt.Errorf("no workbook part %s", wbPath)
	}
	dir := path.Dir(wbPath)
	resolve := func(target string) string {
		if strings.HasPrefix(target, "/") {
			return target
		}
		return path.Join(dir, target)
	}
	rels := map[string]string{} // relationship ID → part
	strsPath := path.Join(dir, "sharedStrings.xml")
	if f := part(path.Join(dir, "_rels", path.Base(wbPath)+".rels")); f != nil {
		rs, err := readRels(f)
		if err != nil {
			return book{}, err
		}
		for _, r := range rs {
			rels[r.id] = resolve(r.target)
			if strings.HasSuffix(r.typ, "/sharedStrings") {
				strsPath = resolve(r.target)
			}
		}
	}
	var bk book
	err := eachElement(wb, func(e xml.StartElement) error {
		if e.Name.Local != "sheet" {
			return nil
		}
		var name, id string
		for _, a := range e.Attr {
			switch a.Name.Local {
			case "name":
				name = a.Value
			case "id":
				id = a.Value
			}
		}
		if bk.sheet == nil || !strings.EqualFold(bk.name, SheetName) && strings.EqualFold(name, SheetName) {
			f := part(rels[id])
			if f == nil {
				return fmt.Errorf("worksheet %q has no part", name)
			}
			bk.name, bk.sheet = name, f
		}
		return nil
	})
	switch {
	case err != nil:
		return book{}, err
	case bk.sheet == nil:
		return book{}, errors.New("no worksheet")
	}
	if bk.strsF = part(strsPath); bk.strsF != nil {
		if bk.strings, err = readStrings(bk.strsF, maxStrings); err != nil {
			return book{}, err
		}
	}
	return bk, nil
}

// relationship is one Relationship element of a relationships part.
type relationship struct{ id, typ, target string }

// readRels reads a relationships part.
func readRels(f *zip.File) ([]relationship, error) {
	var rels []relationship
	err := eachElement(f, func(e xml.StartElement) error {
		if e.Name.Local == "Relationship" {
			var r relationship
			for _, a := range e.Attr {
				switch a.Name.Local {
				case "Id":
					r.id = a.Value
				case "Type":
					r.typ = a.Value
				case "Target":
					r.target = a.Value
				}
			}
			rels = append(rels, r)
		}
		return nil
	})
	return rels, err
}

// eachElement calls fn with every start element of the XML part f, and
// checks that the part is well-formed.
func eachElement(f *zip.File, fn func(xml.StartElement) error) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		if e, ok := tok.(xml.StartElement); ok {
			if err := fn(e); err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
		}
	}
}

// errTooManyStrings: the shared strings are more than the cells a
// worksheet may have.
var errTooManyStrings = errors.New("too many shared strings")

// readStrings reads the shared strings part f: the text of each si
// element, its t elements and those of its runs (r), phonetic readings
// (rPh) left out, as Excel shows the string. More than max strings is
// errTooManyStrings.
func readStrings(f *zip.File, max int64) ([]string, error) {
	var (
		strs []string
		b    []byte
	)
	err := walkText(f, "si", func(end bool, text []byte) bool {
		if !end {
			b = append(b, text...)
			return true
		}
		strs = append(strs, string(b))
		b = b[:0]
		return int64(len(strs)) <= max
	})
	if err == nil && int64(len(strs)) > max {
		err = errTooManyStrings
	}
	return strs, err
}

// walkText reads the XML part f, checking that it is well-formed, and
// calls fn with the text of every t element inside an element named
// unit (outside phonetic readings, rPh), then with end true at the end
// of each unit; it stops when fn returns false.
func walkText(f *zip.File, unit string, fn func(end bool, text []byte) bool) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var open []xml.Name
	in, inT, phonetic := false, false, 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(open) > 0 {
				line, _ := d.InputPos()
				return fmt.Errorf("%s line %d: element <%s> is not closed", f.Name, line, open[len(open)-1].Local)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name)
			switch t.Name.Local {
			case unit:
				in = true
			case "rPh":
				phonetic++
			case "t":
				inT = in && phonetic == 0
			}
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				line, _ := d.InputPos()
				return fmt.Errorf("%s line %d: element </%s> closes no open element", f.Name, line, t.Name.Local)
			}
			open = open[:len(open)-1]
			switch t.Name.Local {
			case unit:
				in = false
				if !fn(true, nil) {
					return nil
				}
			case "rPh":
				phonetic--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				fn(false, t)
			}
		}
	}
}

// cell is a cell of a worksheet row: its column (0 for A) and value.
type cell struct {
	col int
	val string
}

// streamRows reads the worksheet part f row by row, calling emit with
// each row's number (as Excel shows it) and its cells, with values as
// stored: the text of a shared string (strs) or an inline string, else
// the stored value itself ("49.99", never a binary floating-point
// value). width is the number of cells up to the row's last one, blank
// ones included. emit returns false to stop. It checks that the part is
// well-formed, that every row and cell reference is valid and that
// every shared-string cell refers to a string of strs, and reports the
// first damage.
func streamRows(f *zip.File, strs []string, emit func(n int, cells []cell, width int) bool) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	b := rowBuilder{strs: strs, emit: emit}
	var open []xml.Name
	bad := func(err error) error {
		line, _ := d.InputPos()
		return fmt.Errorf("%s line %d: %w", f.Name, line, err)
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(open) > 0 {
				return bad(fmt.Errorf("element <%s> is not closed", open[len(open)-1].Local))
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name)
			var r, typ string
			hasR := false
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "r":
					r, hasR = a.Value, true
				case "t":
					typ = a.Value
				}
			}
			if err := b.start(t.Name.Local, r, hasR, typ); err != nil {
				return bad(err)
			}
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				return bad(fmt.Errorf("element </%s> closes no open element", t.Name.Local))
			}
			open = open[:len(open)-1]
			more, err := b.end(t.Name.Local)
			if err != nil {
				return bad(err)
			}
			if !more {
				return nil
			}
		case xml.CharData:
			b.text(t)
		}
	}
}

// rowBuilder builds the rows of a worksheet from its XML elements, as
// [streamRows] describes.
type rowBuilder struct {
	strs           []string
	emit           func(n int, cells []cell, width int) bool
	cells          []cell
	n, width, col  int
	typ            string
	v, is          []byte
	hasV, hasIS    bool
	inV, inIS, inT bool
	phonetic       int
}

// start begins the element local, with its attributes r (when hasR)
// and t.
func (b *rowBuilder) start(local, r string, hasR bool, typ string) error {
	switch local {
	case "row":
		b.n++
		if hasR {
			n, err := strconv.Atoi(r)
			if err != nil || n < 1 || n > excelize.TotalRows {
				return fmt.Errorf("row %q is not a row number", r)
			}
			b.n = n
		}
		b.cells, b.width, b.col = b.cells[:0], 0, -1
	case "c":
		b.col++
		b.typ, b.v, b.is, b.hasV, b.hasIS = typ, b.v[:0], b.is[:0], false, false
		if hasR {
			c, _, err := excelize.CellNameToCoordinates(r)
			if err != nil {
				return fmt.Errorf("cell %q is not a cell reference", r)
			}
			b.col = c - 1
		}
	case "v":
		b.inV, b.hasV = true, true
	case "is":
		b.inIS, b.hasIS = true, true
	case "rPh":
		b.phonetic++
	case "t":
		b.inT = b.inIS && b.phonetic == 0
	}
	return nil
}

// end ends the element local and reports whether to go on.
func (b *rowBuilder) end(local string) (bool, error) {
	switch local {
	case "v":
		b.inV = false
	case "is":
		b.inIS = false
	case "rPh":
		b.phonetic--
	case "t":
		b.inT = false
	case "c":
		var val string
		switch {
		case b.typ == "s" && b.hasV && len(b.v) > 0:
			i, err := strconv.Atoi(strings.TrimSpace(string(b.v)))
			if err != nil || i < 0 || i >= len(b.strs) {
				return false, fmt.Errorf("shared string %q does not exist", b.v)
			}
			val = b.strs[i]
		case b.typ == "inlineStr" && b.hasIS:
			val = string(b.is)
		default:
			val = string(b.v)
		}
		b.cells = append(b.cells, cell{b.col, val})
		b.width = max(b.width, b.col+1)
	case "row":
		return b.emit(b.n, b.cells, b.width), nil
	}
	return true, nil
}

// text adds character data.
func (b *rowBuilder) text(t []byte) {
	switch {
	case b.inV:
		b.v = append(b.v, t...)
	case b.inT:
		b.is = append(b.is, t...)
	}
}

// rowReader reads the header and the rows of a worksheet into rp.
type rowReader struct {
	rp       *sheet.RowParser
	ws       string
	header   []string
	index    []int // index[k] is the column of header[k]
	maxRows  int
	maxCells int64
	budget   int64 // the cells left to read
	rows     int   // the non-blank rows after the header
	rec      [6]string
}

// row reads row n and reports whether to go on.
func (r *rowReader) row(n int, cells []cell, width int) bool {
	if r.budget -= int64(width); r.budget < 0 {
		r.rp.Add(rule.Problem{Rule: rule.PRC03, Path: r.rp.Where(n), Message: msgCells, Args: []any{r.maxCells}, Err: sheet.ErrLimit})
		return false
	}
	if blank(cells) {
		return true
	}
	if r.index == nil {
		r.index = headerIndex(cells, r.header, r.rp, n)
		return r.index != nil
	}
	if r.rows++; r.rows > r.maxRows {
		r.rp.Add(rule.Problem{Rule: rule.PRC03, Path: r.rp.Where(n), Message: msgRows, Args: []any{r.maxRows}, Err: sheet.ErrLimit})
		return false
	}
	for k := range r.rec {
		r.rec[k] = ""
	}
	for _, c := range cells {
		for k, i := range r.index {
			if i == c.col {
				r.rec[k] = c.val
			}
		}
	}
	r.rec[5] = excelNumber(r.rec[5], r.rec[1])
	r.rp.Parse(r.rec[:], n)
	return true
}

// end reports a worksheet without a header row.
func (r *rowReader) end() {
	if r.index == nil && r.rp.Problems() == 0 {
		r.rp.Add(rule.Problem{Rule: rule.PRC03, Path: r.rp.Where(1), Message: msgNoHeader, Args: []any{r.ws}, Err: ErrXLSX})
	}
}

// headerIndex maps the columns of header to the cells of the header row
// n, or reports the header's problems and returns nil.
func headerIndex(cells []cell, header []string, rp *sheet.RowParser, n int) []int {
	index := make([]int, len(header))
	for k := range index {
		index[k] = -1
	}
	ok := true
	for _, c := range cells {
		v := strings.TrimSpace(c.val)
		for k, h := range header {
			if !strings.EqualFold(v, h) {
				continue
			}
			if index[k] >= 0 {
				rp.Add(rule.Problem{Rule: rule.PRC03, Path: rp.Where(n), Message: msgTwice, Args: []any{h}, Err: ErrXLSX})
				ok = false
			}
			index[k] = c.col
		}
	}
	for k, i := range index {
		if i < 0 {
			rp.Add(rule.Problem{Rule: rule.PRC03, Path: rp.Where(n), Message: msgMissing, Args: []any{header[k], strings.Join(header, ", ")}, Err: ErrXLSX})
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return index
}

// blank reports whether every cell is empty or space.
func blank(cells []cell) bool {
	for _, c := range cells {
		if strings.TrimSpace(c.val) != "" {
			return false
		}
	}
	return true
}

// excelNumber returns the price text s of a row in currency cur as
// [Policy.Read] documents: a number in exponent form as its plain
// decimal, and one with more than 15 significant digits and more
// decimals than cur has rounded to 15 significant digits when that fits
// cur. Any other text is returned as it is, for the row's checks.
func excelNumber(s, cur string) string {
	t := strings.TrimSpace(s)
	if i := strings.IndexAny(t, "eE"); i > 0 {
		if plain, ok := expandExponent(t[:i], t[i+1:]); ok {
			t = plain
		} else {
			return s
		}
	}
	neg := strings.HasPrefix(t, "-")
	digits := strings.TrimPrefix(t, "-")
	intPart, frac, _ := strings.Cut(digits, ".")
	if !allDigits(intPart) || !allDigits(frac) || intPart == "" {
		return s
	}
	c, err := currency.ParseCode(strings.TrimSpace(cur))
	if err != nil || len(strings.TrimRight(frac, "0")) <= c.Digits() {
		return t
	}
	d := intPart + frac
	lead := len(d) - len(strings.TrimLeft(d, "0"))
	if len(d)-lead <= 15 {
		return t
	}
	// Round to 15 significant digits, half away from zero; the digits
	// after them become zeros. A carry out of the first digit (all
	// nines) makes the number one digit longer.
	keep := []byte(d[lead : lead+15])
	point := len(intPart)
	if d[lead+15] >= '5' {
		i := len(keep) - 1
		for ; i >= 0 && keep[i] == '9'; i-- {
			keep[i] = '0'
		}
		if i >= 0 {
			keep[i]++
		} else {
			keep = append([]byte{'1'}, keep...)
			point++
		}
	}
	r := d[:lead] + string(keep) + strings.Repeat("0", len(d)-lead-15)
	ip := strings.TrimLeft(r[:point], "0")
	fp := strings.TrimRight(r[point:], "0")
	if len(fp) > c.Digits() {
		return t
	}
	if ip == "" {
		ip = "0"
	}
	out := ip
	if fp != "" {
		out += "." + fp
	}
	if neg {
		out = "-" + out
	}
	return out
}

// expandExponent returns mantissa × 10^exp as a plain decimal, for an
// exponent of at most 40 in size.
func expandExponent(mantissa, exp string) (string, bool) {
	e, err := strconv.Atoi(strings.TrimPrefix(exp, "+"))
	if err != nil || e > 40 || e < -40 {
		return "", false
	}
	neg := strings.HasPrefix(mantissa, "-")
	m := strings.TrimPrefix(strings.TrimPrefix(mantissa, "-"), "+")
	ip, fp, _ := strings.Cut(m, ".")
	if ip == "" || !allDigits(ip) || !allDigits(fp) {
		return "", false
	}
	ds, point := ip+fp, len(ip)+e
	switch {
	case point <= 0:
		ds, point = strings.Repeat("0", 1-point)+ds, 1
	case point > len(ds):
		ds += strings.Repeat("0", point-len(ds))
	}
	out := ds[:point]
	if point < len(ds) {
		out += "." + ds[point:]
	}
	if neg {
		out = "-" + out
	}
	return out, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Write writes rows to w as a workbook with one worksheet, [SheetName]:
// the header of [sheet.Columns], then one row per [sheet.Row] in the
// given order, each price as text with exactly its currency's decimal
// places. It checks every row first ([sheet.Row.Check], and a plan ID
// must fit in a cell: 32,767 characters) and writes nothing when one
// cannot be written, returning an error that names it.
// [Policy.Read] reads the output back to the same rows.
//
// The workbook is built in memory and written to w at the end. Past
// 16 MiB of worksheet XML (about 25,000 rows of [WriteSheet], 45,000 of
// Write) excelize's stream writer keeps the rest in a temporary file
// (os.TempDir), removed before Write returns.
func Write(w io.Writer, rows []sheet.Row) error {
	for i, r := range rows {
		if err := check(r); err != nil {
			return fmt.Errorf("sheetxlsx: rows[%d]: %w", i, err)
		}
	}
	return write(w, sheet.Columns(), len(rows), func(i int, cells []any) {
		rowCells(cells, rows[i])
	})
}

// WriteSheet writes s to w as [Write] writes its rows, with the
// provenance of each price in the further columns of [Columns]: how it
// was obtained, the USD list price, the rate it was converted at with its
// as-of instant, and when it was saved. A cell without a value (the rate
// of a price that was not converted) is left empty. [Policy.Read] reads
// the output back to s.Rows().
func WriteSheet(w io.Writer, s sheet.Sheet) error {
	for i := range s.Prices {
		if err := check(s.Prices[i].Row); err != nil {
			return fmt.Errorf("sheetxlsx: prices[%d]: %w", i, err)
		}
	}
	return write(w, Columns(), len(s.Prices), func(i int, cells []any) {
		p := &s.Prices[i]
		rowCells(cells, p.Row)
		cells[6], cells[7], cells[8], cells[9], cells[10] = "", "", "", "", ""
		if p.Source != 0 {
			cells[6] = p.Source.String()
		}
		if p.USD.Code().Valid() {
			cells[7] = p.USD.Amount()
		}
		if !p.Rate.IsZero() {
			cells[8] = p.Rate.Rate.String()
			cells[9] = instant(p.Rate.AsOf)
		}
		if !p.SavedAt.IsZero() {
			cells[10] = instant(p.SavedAt)
		}
	})
}

// check is [sheet.Row.Check], and refuses a plan ID longer than a cell
// holds (32,767 characters), which excelize would cut short.
func check(r sheet.Row) error {
	if len(r.Plan) > excelize.TotalCellChars {
		return fmt.Errorf("plan ID of %d bytes, longer than a cell holds: %w", len(r.Plan), sheet.ErrPrice)
	}
	return r.Check()
}

// instant formats t as "2006-01-02" when it is midnight UTC, else as
// RFC 3339 in UTC, as the rates CSV of package sheet does.
func instant(t time.Time) string {
	u := t.UTC()
	if u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0 {
		return u.Format(time.DateOnly)
	}
	return u.Format(time.RFC3339Nano)
}

// rowCells sets the first six cells to r's fields.
func rowCells(cells []any, r sheet.Row) {
	cells[0], cells[1], cells[2] = r.Market.String(), r.Price.Code().String(), r.Plan
	cells[3], cells[4], cells[5] = r.Term.String(), r.Payment.String(), r.Price.Amount()
}

// write writes a workbook of the header and n rows, filling each row's
// cells with fill, every cell formatted as text.
func write(w io.Writer, header []string, n int, fill func(i int, cells []any)) (err error) {
	if w == nil {
		return fmt.Errorf("sheetxlsx: no writer: %w", ErrXLSX)
	}
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("sheetxlsx: internal error of the xlsx writer: %v: %w", v, ErrXLSX)
		}
	}()
	var (
		text, bold int
		sw         *excelize.StreamWriter
		cells      = make([]any, len(header))
		row        = make([]any, len(header))
	)
	steps := [...]func() error{
		func() error { return f.SetSheetName("Sheet1", SheetName) },
		func() (err error) { text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); return err }, // "@": text
		func() (err error) {
			bold, err = f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}})
			return err
		},
		func() (err error) { sw, err = f.NewStreamWriter(SheetName); return err },
		func() error {
			return sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		},
		func() error { return sw.SetColWidth(1, len(header), 12) },
		func() error {
			for k := range row {
				row[k] = excelize.Cell{StyleID: bold, Value: header[k]}
			}
			return sw.SetRow("A1", row)
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("sheetxlsx: %w", err)
		}
	}
	for i := range n {
		fill(i, cells)
		for k, c := range cells {
			row[k] = excelize.Cell{StyleID: text, Value: c}
		}
		ref, err := excelize.CoordinatesToCellName(1, i+2)
		if err == nil {
			err = sw.SetRow(ref, row)
		}
		if err != nil {
			return fmt.Errorf("sheetxlsx: rows[%d]: %w", i, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheetxlsx: %w", err)
	}
	_, err = f.WriteTo(w)
	return err
}

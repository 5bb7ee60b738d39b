package csvx

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type row struct {
	Line   int
	Fields []string
}

func readAll(t *testing.T, in string, lim Limits, header ...string) ([]row, error) {
	t.Helper()
	r := NewReader(strings.NewReader(in), "in.csv", lim)
	if len(header) > 0 {
		if err := r.Header(header...); err != nil {
			return nil, err
		}
	}
	var rows []row
	for {
		rec, line, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, row{line, append([]string(nil), rec...)})
	}
}

func TestReadSuccess(t *testing.T) {
	tests := []struct {
		name string
		in   string
		lim  Limits
		want []row
	}{
		{"plain", "id,name\n1,a\n2,b\n", Limits{}, []row{{2, []string{"1", "a"}}, {3, []string{"2", "b"}}}},
		{"BOM and CRLF", "\xEF\xBB\xBFid,name\r\n1,a\r\n", Limits{}, []row{{2, []string{"1", "a"}}}},
		{"blank lines and empty rows skipped, lines kept", "id,name\n\n1,a\n,\n\n2,b", Limits{}, []row{{3, []string{"1", "a"}}, {6, []string{"2", "b"}}}},
		{"quoted field with newline", "id,name\n1,\"x\ny\"\n2,b\n", Limits{}, []row{{2, []string{"1", "x\ny"}}, {4, []string{"2", "b"}}}},
		{"exactly the row limit", "id,name\n1,a\n2,b\n", Limits{MaxRows: 2}, []row{{2, []string{"1", "a"}}, {3, []string{"2", "b"}}}},
		{"exactly the byte limit", "id,name\n1,a\n", Limits{MaxBytes: 12}, []row{{2, []string{"1", "a"}}}},
		{"header case and spaces", " ID , Name\n1,a\n", Limits{}, []row{{2, []string{"1", "a"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAll(t, tt.in, tt.lim, "id", "name")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		lim      Limits
		sentinel error
		msg      string
	}{
		{"empty", "", Limits{}, ErrHeader, "in.csv line 1: empty input: want a header row id,name"},
		{"wrong header", "id,nam\n", Limits{}, ErrHeader, `in.csv line 1: header is "id,nam", want "id,name"`},
		{"too many fields", "id,name\n1,a,x\n", Limits{}, ErrSyntax, "in.csv line 2: 3 fields, want 2"},
		{"bad quote", "id,name\n1,a\n2,\"b\n", Limits{}, ErrSyntax, "in.csv line 3: extraneous or missing \" in quoted-field"},
		{"row limit", "id,name\n1,a\n2,b\n3,c\n", Limits{MaxRows: 2}, ErrTooManyRows, "in.csv line 4: more than 2 rows"},
		{"byte limit", "id,name\n1,a\n2,b\n", Limits{MaxBytes: 12}, ErrTooLarge, "in.csv: input larger than 12 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, tt.in, tt.lim, "id", "name")
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("err = %v, want %v", err, tt.sentinel)
			}
			if err.Error() != tt.msg {
				t.Errorf("message = %q, want %q", err.Error(), tt.msg)
			}
			var ce *Error
			if !errors.As(err, &ce) || ce.Name != "in.csv" {
				t.Errorf("errors.As(*Error) = %v", ce)
			}
		})
	}
}

// endless is an io.Reader of infinitely many CSV rows: a reader that did
// not enforce its limits while reading would never return.
type endless struct {
	row  string
	read int64
	off  int
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], e.row[e.off:])
		n += c
		e.off = (e.off + c) % len(e.row)
	}
	e.read += int64(n)
	return n, nil
}

func TestLimitsStopEndlessInput(t *testing.T) {
	for _, lim := range []Limits{{MaxRows: 1000}, {MaxBytes: 1 << 20}} {
		src := &endless{row: "00000000-0000-0000-0000-000000000000,x\n"}
		r := NewReader(io.MultiReader(strings.NewReader("id,name\n"), src), "big.csv", lim)
		if err := r.Header("id", "name"); err != nil {
			t.Fatal(err)
		}
		var err error
		for err == nil {
			_, _, err = r.Read()
		}
		if !errors.Is(err, ErrTooManyRows) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("%+v: err = %v", lim, err)
		}
		// Bounded reading: at most the limit plus one buffer.
		if max := int64(2<<20) + 64<<10; src.read > max {
			t.Errorf("%+v: read %d bytes from an endless source, want ≤ %d", lim, src.read, max)
		}
	}
}

func TestErrorWhere(t *testing.T) {
	e := &Error{Name: "a.csv", Line: 3, Msg: "x"}
	if e.Where() != "a.csv line 3" {
		t.Errorf("Where = %q", e.Where())
	}
	e.Line = 0
	if e.Where() != "a.csv" || e.Error() != "a.csv: x" {
		t.Errorf("Where = %q, Error = %q", e.Where(), e.Error())
	}
}

func FuzzReader(f *testing.F) {
	f.Add("id,name\n1,a\n")
	f.Add("\xEF\xBB\xBFid,name\r\n\"1\",\"a\"\"b\"\n\n")
	f.Add("id,name\n1,\"a\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := NewReader(strings.NewReader(in), "f.csv", Limits{MaxBytes: 1 << 16, MaxRows: 100})
		if err := r.Header("id", "name"); err != nil {
			return
		}
		for i := 0; i < 200; i++ {
			rec, line, err := r.Read()
			if err != nil {
				var ce *Error
				if err != io.EOF && !errors.As(err, &ce) {
					t.Fatalf("error of type %T: %v", err, err)
				}
				return
			}
			if len(rec) != 2 || line < 2 {
				t.Fatalf("record %q at line %d", rec, line)
			}
		}
		t.Fatal("more than MaxRows rows")
	})
}

func TestHeaderWith(t *testing.T) {
	read := func(in string, opt HeaderOptions) ([]row, error) {
		r := NewReader(strings.NewReader(in), "in.csv", Limits{})
		if err := r.HeaderWith(opt, "tenantId", "name"); err != nil {
			return nil, err
		}
		var rows []row
		for {
			rec, line, err := r.Read()
			if err == io.EOF {
				return rows, nil
			}
			if err != nil {
				return rows, err
			}
			rows = append(rows, row{line, append([]string(nil), rec...)})
		}
	}
	any := HeaderOptions{AnyOrder: true, ExtraColumns: true}
	for _, tc := range []struct {
		name string
		in   string
		opt  HeaderOptions
		want []row
		err  string
	}{
		{"exact, BOM and case", "\xEF\xBB\xBFTenantId,NAME\n1,a\n", HeaderOptions{}, []row{{2, []string{"1", "a"}}}, ""},
		{"any order", "name,tenantid\na,1\n", HeaderOptions{AnyOrder: true}, []row{{2, []string{"1", "a"}}}, ""},
		{"extra columns, any order", "x,name,y,TENANTID\n0,a,0,1\n", any, []row{{2, []string{"1", "a"}}}, ""},
		{"extra columns in order", "x,tenantId,y,name\n0,1,0,a\n", HeaderOptions{ExtraColumns: true}, []row{{2, []string{"1", "a"}}}, ""},
		{"order refused", "name,tenantId\n", HeaderOptions{}, nil, `in.csv line 1: header is "name,tenantId": want columns "tenantId,name" in this order`},
		{"extra refused", "tenantId,name,x\n", HeaderOptions{AnyOrder: true}, nil, `in.csv line 1: header is "tenantId,name,x": unknown column "x"; want "tenantId,name"`},
		{"missing", "tenantId,x\n", any, nil, `in.csv line 1: header is "tenantId,x": missing column name`},
		{"twice", "tenantId,name,TenantId\n", any, nil, `in.csv line 1: header is "tenantId,name,TenantId": column tenantId appears twice`},
		{"empty", "", any, nil, "in.csv line 1: empty input: want a header row tenantId,name"},
		{"bad quoting", "\"x\n", any, nil, "in.csv line 1: extraneous or missing \" in quoted-field"},
		{"width", "name,tenantId\na,1,2\n", any, nil, "in.csv line 2: 3 fields, want 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := read(tc.in, tc.opt)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("err = %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAtColumn(t *testing.T) {
	r := NewReader(strings.NewReader("name,TenantID\na,1\n"), "aud.csv", Limits{})
	if err := r.HeaderWith(HeaderOptions{AnyOrder: true}, "tenantId", "name"); err != nil {
		t.Fatal(err)
	}
	if got := r.At(12, 0); got != "aud.csv line 12, column tenantId" {
		t.Errorf("At = %q", got)
	}
	if got := r.At(12, 5); got != "aud.csv line 12" {
		t.Errorf("At out of range = %q", got)
	}
	e := r.Errorf(3, 1, ErrSyntax, "bad %s", "name")
	if e.Error() != "aud.csv line 3, column name: bad name" || !errors.Is(e, ErrSyntax) {
		t.Errorf("Errorf = %v", e)
	}
	if e := r.Errorf(3, -1, nil, "x"); e.Error() != "aud.csv line 3: x" {
		t.Errorf("Errorf = %v", e)
	}
	if got := r.Columns(); !cmp.Equal(got, []string{"tenantId", "name"}) {
		t.Errorf("Columns = %v", got)
	}
	if (&Error{Name: "a.csv", Column: "x", Msg: "m"}).Error() != "a.csv column x: m" {
		t.Error("column without line")
	}
}

// A hostile row (200 MB in one field, or in a quoted field broken over
// lines) is refused after reading little more than the row limit.
func TestRowLimit(t *testing.T) {
	for _, tc := range []struct{ start, row string }{{"1,", strings.Repeat("x", 1000)}, {"1,\"", "xxxxxxx\n"}} {
		src := &endless{row: tc.row}
		r := NewReader(io.MultiReader(strings.NewReader("id,name\n"+tc.start), src), "big.csv", Limits{})
		if err := r.Header("id", "name"); err != nil {
			t.Fatal(err)
		}
		_, _, err := r.Read()
		if !errors.Is(err, ErrRowTooLarge) || !errors.Is(err, ErrTooLarge) || err.Error() != "big.csv line 2: row longer than 1048576 bytes" {
			t.Fatalf("err = %v", err)
		}
		if limit := int64(DefaultMaxRowBytes + 2*readAhead); src.read > limit {
			t.Errorf("read %d bytes, want ≤ %d", src.read, limit)
		}
	}
	// Rows under the limit pass however many there are.
	r := NewReader(io.LimitReader(&endless{row: "1,abc\n"}, 4<<20), "ok.csv", Limits{MaxRowBytes: 10})
	n := 0
	for {
		_, _, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 4<<20/6+1 {
		t.Errorf("%d rows", n)
	}
}

func TestNegativeLimits(t *testing.T) {
	got, err := readAll(t, "id,name\n1,a\n", Limits{MaxBytes: -1, MaxRows: -5, MaxRowBytes: -1}, "id", "name")
	if err != nil || len(got) != 1 {
		t.Errorf("negative limits: %v %v", got, err)
	}
}

// FuzzHeaderWith: whatever the header and rows, reading never panics,
// rows come back with one field per column asked for, in that order,
// and every error is an *Error.
func FuzzHeaderWith(f *testing.F) {
	f.Add("\xEF\xBB\xBFName,x,TENANTID\na,0,1\n", true, true)
	f.Add("tenantId,name\n1,a\n", false, false)
	f.Add("name,tenantId,name\n", true, true)
	f.Fuzz(func(t *testing.T, in string, anyOrder, extra bool) {
		r := NewReader(strings.NewReader(in), "f.csv", Limits{MaxBytes: 1 << 16, MaxRows: 100, MaxRowBytes: 1 << 10})
		if err := r.HeaderWith(HeaderOptions{AnyOrder: anyOrder, ExtraColumns: extra}, "tenantId", "name"); err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for range 200 {
			rec, _, err := r.Read()
			if err != nil {
				var ce *Error
				if err != io.EOF && !errors.As(err, &ce) {
					t.Fatalf("error of type %T: %v", err, err)
				}
				if r.Rows() > 100 {
					t.Fatalf("%d rows", r.Rows())
				}
				return
			}
			if len(rec) != 2 {
				t.Fatalf("record %q", rec)
			}
		}
		t.Fatal("more than MaxRows rows")
	})
}

func TestTruncate(t *testing.T) {
	_, err := readAll(t, strings.Repeat("x", 300)+"\n", Limits{}, "id")
	if err == nil || !strings.HasSuffix(err.Error(), `…", want "id"`) {
		t.Errorf("long header: %v", err)
	}
}

// The row limit is exact for rows that fit the read buffer: a row of the
// limit passes, a byte more is refused at its line.
func TestRowLimitExact(t *testing.T) {
	row := "1," + strings.Repeat("x", 7) + "\n" // 10 bytes
	got, err := readAll(t, "id,name\n"+row+row, Limits{MaxRowBytes: 10}, "id", "name")
	if err != nil || len(got) != 2 {
		t.Errorf("rows of the limit: %v %v", got, err)
	}
	_, err = readAll(t, "id,name\n"+row+"1,\"x\nxxxxxx\"\n", Limits{MaxRowBytes: 10}, "id", "name")
	if !errors.Is(err, ErrRowTooLarge) || err.Error() != "in.csv line 3: row longer than 10 bytes" {
		t.Errorf("a byte over: %v", err)
	}
}

// Fields are strings that stay valid after later reads: kept whole
// across many arena blocks, and for rows longer than a block holds.
func TestFieldsOutliveReads(t *testing.T) {
	var b strings.Builder
	var want [][]string
	for i := range 3000 {
		f := []string{strings.Repeat("x", i%97), strings.Repeat(string(rune('a'+i%26)), i%13+1)}
		if i%500 == 0 {
			f[0] = strings.Repeat("L", arenaSize) // longer than a block
		}
		if i%7 == 0 {
			f[1] = `q"` + f[1] // a quoted row
			b.WriteString(f[0] + `,"q""` + f[1][2:] + "\"\n")
		} else {
			b.WriteString(f[0] + "," + f[1] + "\n")
		}
		want = append(want, f)
	}
	r := NewReader(strings.NewReader(b.String()), "in.csv", Limits{MaxRowBytes: 2 * arenaSize})
	var got [][]string
	for {
		rec, _, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, []string{rec[0], rec[1]}) // the strings, not copies
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestCarriageReturn(t *testing.T) {
	tests := []struct {
		in   string
		want []bool
	}{
		{"a,b\r\nc,d\n", []bool{false, false}},
		{"a,b\rc,d\n", []bool{true}},
		{"a,\"b\rx\"\n\"c\",d\r\n", []bool{true, false}},
		{"x,y\n\"a\",\"b\r\n\"\n", []bool{false, false}},
	}
	for _, tt := range tests {
		r := NewReader(strings.NewReader(tt.in), "in.csv", Limits{})
		var got []bool
		for {
			_, _, err := r.Read()
			if err != nil {
				break
			}
			got = append(got, r.CarriageReturn())
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.in, diff)
		}
	}
}

// After ReuseText each row reads right until the next, and reading
// allocates nothing per row.
func TestReuseText(t *testing.T) {
	in := func(n int) string {
		var b strings.Builder
		b.WriteString("id,name\n")
		for i := range n {
			fmt.Fprintf(&b, "%d,%s\n", i, strings.Repeat("n", i%50))
		}
		return b.String()
	}
	read := func(s string, check bool) {
		r := NewReader(strings.NewReader(s), "in.csv", Limits{})
		r.ReuseText()
		if err := r.Header("id", "name"); err != nil {
			t.Fatal(err)
		}
		for i := 0; ; i++ {
			rec, _, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if check && (rec[0] != strconv.Itoa(i) || rec[1] != strings.Repeat("n", i%50)) {
				t.Fatalf("row %d: %q", i, rec)
			}
		}
	}
	read(in(3000), true)
	small, large := in(100), in(10100)
	a0 := testing.AllocsPerRun(3, func() { read(small, false) })
	a1 := testing.AllocsPerRun(3, func() { read(large, false) })
	if a1-a0 > 2 {
		t.Errorf("%.0f allocations for 100 rows, %.0f for 10,100", a0, a1)
	}
}

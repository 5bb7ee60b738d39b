package csvbench

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"strings"
	"testing"
)

func gen(n int) []byte {
	var b bytes.Buffer
	b.WriteString("a,b\n")
	for i := range n {
		fmt.Fprintf(&b, "%d,\"x%d\"\n", i, i)
	}
	return b.Bytes()
}

func TestStd(t *testing.T) {
	for _, tt := range []struct {
		in   string
		rows int
		err  bool
	}{
		{"", 0, false}, {"a,b\n", 0, false}, {"a,b\n1,2\n3,4\n", 2, false}, {"a\n\"b\n", 0, true},
	} {
		rows, err := Std(strings.NewReader(tt.in))
		if rows != tt.rows || (err != nil) != tt.err {
			t.Errorf("Std(%q) = %d, %v", tt.in, rows, err)
		}
	}
}

func TestAllocsPerRow(t *testing.T) {
	s, l := AllocsPerRow(t, gen, Std, 100, 1000)
	if s < 0.9 || s > 1.2 || l < 0.9 || l > 1.1 {
		t.Errorf("encoding/csv: %.3f and %.3f allocations per row, want about 1", s, l)
	}
	CheckAllocsPerRow(t, gen, Std, 100, 1000, 0.2)
}

func TestBenchAndRatio(t *testing.T) {
	if f := flag.Lookup("test.benchtime"); f != nil {
		old := f.Value.String()
		_ = f.Value.Set("5x")
		defer func() { _ = f.Value.Set(old) }()
	}
	in := gen(100)
	for _, f := range []func(*testing.B){
		func(b *testing.B) { Bench(b, in, 100, Std) },
		func(b *testing.B) { Ratio(b, in, 100, Std) },
		func(b *testing.B) { Compare(b, []int{10}, gen, Std) },
	} {
		r := testing.Benchmark(f)
		if r.N == 0 {
			t.Error("the benchmark did not run")
		}
	}
	r := testing.Benchmark(func(b *testing.B) { Bench(b, in, 100, Std) })
	if r.Extra["allocs/row"] == 0 || r.Extra["ns/row"] == 0 || r.Extra["B/row"] == 0 {
		t.Errorf("metrics %v", r.Extra)
	}
}

// a fake testing.TB that records failures.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Logf(string, ...any)   {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; panic(r) }

func TestCheckAllocsPerRowFails(t *testing.T) {
	// A reader that allocates a table as large as the input, row by row
	// growing: more allocations per row at more rows.
	grow := func(r io.Reader) (int, error) {
		n, err := Std(r)
		var keep [][]byte
		for i := range n * n / 100 {
			keep = append(keep, make([]byte, i%7+1))
		}
		Sink = len(keep)
		return n, err
	}
	rec := &recorder{TB: t}
	CheckAllocsPerRow(rec, gen, grow, 100, 1000, 0.2)
	if !rec.failed {
		t.Error("growing allocations were not reported")
	}
	rec = &recorder{TB: t}
	func() {
		defer func() { _ = recover() }()
		AllocsPerRow(rec, gen, func(io.Reader) (int, error) { return 0, nil }, 10, 20)
	}()
	if !rec.failed {
		t.Error("a wrong row count was not reported")
	}
}

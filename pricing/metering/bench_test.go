package metering

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"testing"
	"time"
)

// benchRecords returns n records over 100 resources, 3 dimensions and
// 24 hours.
func benchRecords(n int) []Record {
	base := utc(2024, 3, 1, 0, 0, 0, 0)
	dims := []string{"emails", "texts", "calls"}
	res := make([]string, 100)
	for i := range res {
		res[i] = fmt.Sprintf("6f1b2c3d-0000-4000-8000-%012d", i)
	}
	out := make([]Record, n)
	for i := range out {
		out[i] = Record{ResourceID: res[i%100], Dimension: dims[i%3], Time: base.Add(time.Duration(i%86400) * time.Second),
			Quantity: MustParseQuantity([]string{"1", "2.5", "0.125"}[i%3])}
	}
	return out
}

// BenchmarkAggregate aggregates records held in memory: the time and
// allocations per record, with the hours opened once beforehand.
func BenchmarkAggregate(b *testing.B) {
	recs := benchRecords(100_000)
	p := DefaultPolicy()
	a := p.Aggregator(AggregateRequest{PlanID: "p", Dimensions: []string{"emails", "texts", "calls"}})
	a.addAll(seqOf(recs)) // open every hour: the loop measures the steady state
	b.ReportAllocs()
	for b.Loop() {
		a.addAll(seqOf(recs))
	}
	b.ReportMetric(float64(b.N)*float64(len(recs))/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(0, "ns/op")
}

// csvGen produces a usage CSV of n rows on the fly, so that the input
// itself takes no memory.
type csvGen struct {
	n, i int
	buf  []byte
}

func (g *csvGen) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && g.i <= g.n {
		if g.i == 0 {
			g.buf = append(g.buf, "resourceId,dimension,time,quantity\n"...)
		} else {
			g.buf = fmt.Appendf(g.buf, "6f1b2c3d-0000-4000-8000-%012d,%s,2024-03-01T%02d:%02d:%02dZ,%s\n", g.i%100,
				[]string{"emails", "texts", "calls"}[g.i%3], g.i/3600%24, g.i/60%60, g.i%60, []string{"1", "2.5", "0.125"}[g.i%3])
		}
		g.i++
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	return n, nil
}

// csvBytes returns the CSV of n rows.
func csvBytes(n int) []byte {
	b, _ := io.ReadAll(&csvGen{n: n})
	return b
}

// BenchmarkReadCSV reads and aggregates a usage CSV of 100,000 and
// 1,000,000 rows held in memory: rows per second and bytes allocated per
// run, which stay flat as the rows grow.
func BenchmarkReadCSV(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in := csvBytes(n)
			p := DefaultPolicy()
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				r := p.NewReader(bytesReader(in), "usage.csv")
				a := p.Aggregator(AggregateRequest{PlanID: "p"})
				a.addAll(r.Records())
				if a.records != int64(n) {
					b.Fatal(a.records, r.Problems())
				}
			}
			b.ReportMetric(float64(b.N)*float64(n)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func TestAggregateAddAllocs(t *testing.T) {
	// Adding a record to an open hour allocates nothing; neither does
	// reading a row of names seen before.
	recs := benchRecords(300)
	a := DefaultPolicy().Aggregator(AggregateRequest{PlanID: "p", Dimensions: []string{"emails", "texts", "calls"}})
	for _, r := range recs {
		a.Add(r)
	}
	i := 0
	if n := testing.AllocsPerRun(1000, func() { a.Add(recs[i%len(recs)]); i++ }); n != 0 {
		t.Errorf("%v allocations per record", n)
	}
	in := csvBytes(2000)
	r := DefaultPolicy().NewReader(bytesReader(in), "u.csv")
	next, stop := iterPull(r)
	defer stop()
	for range 1000 {
		next()
	}
	if n := testing.AllocsPerRun(500, func() { next() }); n != 0 {
		t.Errorf("%v allocations per CSV row", n)
	}
}

// BenchmarkReadCSVStream reads rows generated on the fly, so that no
// input is held in memory: the bytes allocated per run show the reader's
// memory is flat in the number of rows. The 10,000,000-row case runs
// only with METERING_BENCH_10M=1 (it takes about 20 s).
func BenchmarkReadCSVStream(b *testing.B) {
	sizes := []int{100_000, 1_000_000}
	if os.Getenv("METERING_BENCH_10M") == "1" {
		sizes = append(sizes, 10_000_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := DefaultPolicy()
			b.ReportAllocs()
			for b.Loop() {
				r := p.NewReader(newRowReplay(n), "usage.csv")
				a := p.Aggregator(AggregateRequest{PlanID: "p"})
				a.addAll(r.Records())
				if a.records != int64(n) {
					b.Fatal(a.records, r.Problems())
				}
			}
			b.ReportMetric(float64(b.N)*float64(n)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// replayBlock is one day of rows, one a second, which rowReplay repeats.
var replayBlock = func() []byte {
	b := csvBytes(86_400)
	return b[bytesIndexByte(b, '\n')+1:]
}()

// rowReplay streams a header and n rows by replaying replayBlock, without
// allocating per row, so that the reader's own memory is what is measured.
type rowReplay struct {
	header bool
	left   int // rows still to send
	pos    int // position in replayBlock
}

func newRowReplay(n int) *rowReplay { return &rowReplay{left: n} }

func (g *rowReplay) Read(p []byte) (int, error) {
	if !g.header {
		g.header = true
		return copy(p, "resourceId,dimension,time,quantity\n"), nil
	}
	n := 0
	for n < len(p) && g.left > 0 {
		p[n] = replayBlock[g.pos]
		n++
		if replayBlock[g.pos] == '\n' {
			g.left--
		}
		g.pos++
		if g.pos == len(replayBlock) {
			g.pos = 0
		}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// BenchmarkReadCSVReference reads the same 100,000-row file with
// encoding/csv alone (ReuseRecord, no parsing of the fields): the
// reference the usage reader is measured against.
func BenchmarkReadCSVReference(b *testing.B) {
	in := csvBytes(100_000)
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		r := csv.NewReader(bytesReader(in))
		r.ReuseRecord = true
		n := 0
		for {
			_, err := r.Read()
			if err != nil {
				break
			}
			n++
		}
		if n != 100_001 {
			b.Fatal(n)
		}
	}
	b.ReportMetric(float64(b.N)*100_000/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadCSVOnly reads the 100,000-row file into records without
// aggregating them: the reader beside BenchmarkReadCSVReference.
func BenchmarkReadCSVOnly(b *testing.B) {
	in := csvBytes(100_000)
	p := DefaultPolicy()
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		r := p.NewReader(bytesReader(in), "usage.csv")
		n := 0
		for range r.Records() {
			n++
		}
		if n != 100_000 {
			b.Fatal(n)
		}
	}
	b.ReportMetric(float64(b.N)*100_000/b.Elapsed().Seconds(), "rows/s")
}

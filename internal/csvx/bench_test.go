package csvx

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"testing"
)

// sheet returns a CSV file of n rows of five columns, like a price sheet
// or an audience list.
func sheet(n int) []byte {
	var b bytes.Buffer
	b.WriteString("tenantId,plan,market,amount,currency\n")
	for i := range n {
		fmt.Fprintf(&b, "%08x-0000-4000-8000-%012x,plan-%d,SE,%d.%02d,SEK\n", i, i*7, i%10, i%1000, i%100)
	}
	return b.Bytes()
}

var cols = []string{"tenantId", "plan", "market", "amount", "currency"}

// BenchmarkRead reads the same file with csvx (header checked, limits
// on, line numbers) and with raw encoding/csv (records reused), in the
// same run; the allocations per row are constant.
func BenchmarkRead(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		in := sheet(n)
		b.Run(fmt.Sprintf("rows=%d/csvx", n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				r := NewReader(bytes.NewReader(in), "s.csv", Limits{MaxBytes: 1 << 30, MaxRows: 1 << 20})
				if err := r.Header(cols...); err != nil {
					b.Fatal(err)
				}
				for {
					_, _, err := r.Read()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(fmt.Sprintf("rows=%d/csvx-anyorder", n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				r := NewReader(bytes.NewReader(in), "s.csv", Limits{MaxBytes: 1 << 30, MaxRows: 1 << 20})
				if err := r.HeaderWith(HeaderOptions{AnyOrder: true, ExtraColumns: true}, cols...); err != nil {
					b.Fatal(err)
				}
				for {
					_, _, err := r.Read()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(fmt.Sprintf("rows=%d/encoding-csv", n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				r := csv.NewReader(bytes.NewReader(in))
				r.ReuseRecord = true
				for {
					_, err := r.Read()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// Reading allocates a constant number of times per row (less than one: a
// block of text per few hundred rows), whatever the number of rows.
func TestAllocsPerRow(t *testing.T) {
	count := func(n int) float64 {
		in := sheet(n)
		return testing.AllocsPerRun(3, func() {
			r := NewReader(bytes.NewReader(in), "s.csv", Limits{})
			if err := r.HeaderWith(HeaderOptions{AnyOrder: true}, cols...); err != nil {
				t.Fatal(err)
			}
			for {
				if _, _, err := r.Read(); err != nil {
					break
				}
			}
		})
	}
	small, large := count(100), count(10100)
	if perRow := (large - small) / 10000; perRow > 1.01 {
		t.Errorf("%.2f allocations per row", perRow)
	}
}

// TestPairedRatio times csvx and raw encoding/csv alternately on the same
// 100,000-row file and logs the median ratio. It runs only with
// CSVX_PAIRED=1.
func TestPairedRatio(t *testing.T) {
	if os.Getenv("CSVX_PAIRED") == "" {
		t.Skip("set CSVX_PAIRED=1")
	}
	in := sheet(100000)
	readers := map[string]func(){
		"csvx": func() {
			r := NewReader(bytes.NewReader(in), "s.csv", Limits{})
			_ = r.Header(cols...)
			for _, _, err := r.Read(); err == nil; _, _, err = r.Read() {
			}
		},
		"csvx-anyorder": func() {
			r := NewReader(bytes.NewReader(in), "s.csv", Limits{})
			_ = r.HeaderWith(HeaderOptions{AnyOrder: true, ExtraColumns: true}, cols...)
			for _, _, err := r.Read(); err == nil; _, _, err = r.Read() {
			}
		},
		"encoding/csv": func() {
			r := csv.NewReader(bytes.NewReader(in))
			r.ReuseRecord = true
			for _, err := r.Read(); err == nil; _, err = r.Read() {
			}
		},
	}
	ns := func(f func()) float64 {
		r := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				f()
			}
		})
		return float64(r.T.Nanoseconds()) / float64(r.N)
	}
	ratios := map[string][]float64{}
	for range 7 {
		std := ns(readers["encoding/csv"])
		for _, name := range []string{"csvx", "csvx-anyorder"} {
			ratios[name] = append(ratios[name], ns(readers[name])/std)
		}
	}
	for name, rs := range ratios {
		slices.Sort(rs)
		t.Logf("%s ÷ encoding/csv: median %.2f (of %d alternating runs)", name, rs[len(rs)/2], len(rs))
	}
}

// Command median reads `go test -bench -benchmem` output on standard input
// and prints, for each benchmark, the median ns/op, B/op and allocs/op over
// its runs (-count), and the ratio of its median ns/op to that of the
// "shopspring" sub-benchmark of the same operation (and, for reference, to the
// "int64" baseline), as one markdown table per operation. It stands in for benchstat so that nothing outside this module
// is needed.
//
// Benchmarks are named Benchmark<Op>/<library>; the -N GOMAXPROCS suffix is
// dropped. Lines that are not benchmark results are ignored, except the
// goos, goarch, cpu and pkg headers, which are echoed first.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// baseline is the library the ratio column divides by; floor is the plain
// int64 implementation, the second ratio column.
const (
	baseline = "shopspring"
	floor    = "int64"
)

type samples struct {
	ns, bytes, allocs []float64
}

type result struct {
	op, lib string
	s       *samples
}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "median:", err)
		os.Exit(1)
	}
}

func run(r io.Reader, w io.Writer) error {
	var (
		ops     []string                // operations in order of first appearance
		libs    = map[string][]string{} // op → libraries in order
		byName  = map[string]*samples{}
		headers []string
	)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		for _, h := range []string{"goos:", "goarch:", "cpu:", "pkg:"} {
			if strings.HasPrefix(line, h) && !slices.Contains(headers, line) {
				headers = append(headers, line)
			}
		}
		name, s, ok := parseLine(line)
		if !ok {
			continue
		}
		op, lib, _ := strings.Cut(strings.TrimPrefix(name, "Benchmark"), "/")
		if lib == "" {
			lib = "-"
		}
		key := op + "/" + lib
		if byName[key] == nil {
			byName[key] = &samples{}
			if _, seen := libs[op]; !seen {
				ops = append(ops, op)
			}
			libs[op] = append(libs[op], lib)
		}
		b := byName[key]
		b.ns = append(b.ns, s.ns...)
		b.bytes = append(b.bytes, s.bytes...)
		b.allocs = append(b.allocs, s.allocs...)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(ops) == 0 {
		return fmt.Errorf("no benchmark results on standard input")
	}
	for _, h := range headers {
		fmt.Fprintln(w, h)
	}
	for _, op := range ops {
		fmt.Fprintf(w, "\n### %s\n\n", op)
		fmt.Fprintln(w, "| library | runs | median ns/op | B/op | allocs/op | ns/op ÷ shopspring | ns/op ÷ int64 |")
		fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
		base := medianNs(byName[op+"/"+baseline])
		low := medianNs(byName[op+"/"+floor])
		for _, lib := range libs[op] {
			s := byName[op+"/"+lib]
			ns := median(s.ns)
			fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s |\n",
				lib, len(s.ns), fmtNs(ns), fmtCount(s.bytes), fmtCount(s.allocs), ratio(ns, base), ratio(ns, low))
		}
	}
	return nil
}

// parseLine parses one result line:
//
//	BenchmarkAdd/ours-2  123  2.88 ns/op  0 B/op  0 allocs/op
func parseLine(line string) (string, samples, bool) {
	var s samples
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
		return "", s, false
	}
	if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
		return "", s, false
	}
	name := f[0]
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			name = name[:i]
		}
	}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return "", s, false
		}
		switch f[i+1] {
		case "ns/op":
			s.ns = append(s.ns, v)
		case "B/op":
			s.bytes = append(s.bytes, v)
		case "allocs/op":
			s.allocs = append(s.allocs, v)
		}
	}
	if len(s.ns) == 0 {
		return "", s, false
	}
	return name, s, true
}

// median returns the median of xs (the mean of the middle two for an even
// count), or 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	ys := slices.Clone(xs)
	slices.Sort(ys)
	n := len(ys)
	if n%2 == 1 {
		return ys[n/2]
	}
	return (ys[n/2-1] + ys[n/2]) / 2
}

func medianNs(s *samples) float64 {
	if s == nil {
		return 0
	}
	return median(s.ns)
}

// ratio formats a/b, or "—" when there is no b.
func ratio(a, b float64) string {
	if b <= 0 {
		return "—"
	}
	x := a / b
	switch {
	case x >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case x >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	case x >= 0.1:
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
	return strconv.FormatFloat(x, 'f', 3, 64)
}

func fmtNs(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// fmtCount formats the median of a B/op or allocs/op column, or "?" when
// the run had no -benchmem columns.
func fmtCount(xs []float64) string {
	if len(xs) == 0 {
		return "?"
	}
	return strconv.FormatFloat(median(xs), 'f', -1, 64)
}

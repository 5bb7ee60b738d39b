package csvx

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// sameAsEncodingCSV fails t unless the tokenizer reads in as encoding/csv
// does (ReuseRecord, FieldsPerRecord -1): the same records, lines, offsets
// and errors. size is the read buffer's size.
func sameAsEncodingCSV(t *testing.T, in string, size int, half bool) {
	t.Helper()
	src := func() io.Reader {
		if half {
			return iotest.HalfReader(strings.NewReader(in))
		}
		return strings.NewReader(in)
	}
	std := csv.NewReader(bufio.NewReaderSize(src(), size))
	std.ReuseRecord = true
	std.FieldsPerRecord = -1
	tok := tokenizer{r: bufio.NewReaderSize(src(), size)}
	for n := 0; ; n++ {
		want, werr := std.Read()
		got, gerr := tok.read()
		var wpe, gpe *csv.ParseError
		switch {
		case errors.As(werr, &wpe) != errors.As(gerr, &gpe):
			t.Fatalf("%q record %d: error %v, want %v", in, n, gerr, werr)
		case wpe != nil && *wpe != *gpe:
			t.Fatalf("%q record %d: error %+v, want %+v", in, n, *gpe, *wpe)
		case wpe == nil && werr != gerr:
			t.Fatalf("%q record %d: error %v, want %v", in, n, gerr, werr)
		}
		if werr != nil {
			return
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q record %d: %q, want %q", in, n, got, want)
		}
		if line, _ := std.FieldPos(0); line != tok.recLine {
			t.Fatalf("%q record %d: line %d, want %d", in, n, tok.recLine, line)
		}
		if std.InputOffset() != tok.offset {
			t.Fatalf("%q record %d: offset %d, want %d", in, n, tok.offset, std.InputOffset())
		}
	}
}

var tokenizeCases = []string{
	"", "\n", "a", "a\n", "a,b\nc,d\n", "a,b\r\nc,d\r\n", "a,b\rc\n", "a\r", "a\r\r\n",
	"\n\n a , b \n\n", ",\n,,\n", "\"a\",\"b\"\n", "\"a,b\",c\n", "\"a\"\"b\"\n", "\"a\nb\",c\nd\n",
	"\"a\r\nb\"\r\n", "\"\"\n", "\"\",\"\"\n", "a\"b\n", "a,b\"\n", "\"a\"b\n", "\"a\n", "\"a", "\"a\nb",
	"x,\"a\nb\n\nc\"\"\"\n", "\"abc\"\"\n", "\"\n\n\"\n", "a,\"b\"\r", "\"a\"\r\nb\n", "é,\"ü\"\n",
	"\xEF\xBB\xBFa\n", "\"a\"x,b\n", "a,\"b\n", "\"a\",\n", "a,b,\n", "\r\n\r\na\r\n", "\"\r\"\n",
	strings.Repeat("x", 100) + "\n" + strings.Repeat("\"y\"", 50) + "\n",
}

func TestTokenizerSameAsEncodingCSV(t *testing.T) {
	for _, in := range tokenizeCases {
		for _, half := range []bool{false, true} {
			sameAsEncodingCSV(t, in, 16, half)
			sameAsEncodingCSV(t, in, 4096, half)
		}
	}
}

func FuzzTokenizer(f *testing.F) {
	for _, in := range tokenizeCases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sameAsEncodingCSV(t, in, 16, false)
		sameAsEncodingCSV(t, in, 4096, true)
	})
}

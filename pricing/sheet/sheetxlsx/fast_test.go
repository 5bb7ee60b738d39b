package sheetxlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// xRowsOf returns what read emits for the worksheet xml: each row's
// number, width and cells, and whether read succeeded.
func xRowsOf(t *testing.T, xml string, strs []string, read func(*zip.File, []string, func(int, []cell, int) bool) bool) ([]string, bool) {
	t.Helper()
	data := xZip(t, map[string][]byte{"xl/worksheets/sheet1.xml": []byte(xml)})
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ok := read(zr.File[0], strs, func(n int, cells []cell, width int) bool {
		out = append(out, fmt.Sprint(n, width, cells))
		return true
	})
	return out, ok
}

func xSlow(f *zip.File, strs []string, emit func(int, []cell, int) bool) bool {
	return streamRows(f, strs, emit) == nil
}

// The fast worksheet reader gives exactly the rows encoding/xml gives
// whenever it does not give up, and gives up on all damage: on the
// workbooks this package writes, on hand-written XML and on random
// changes of both.
func TestPRC03_XLSXFastReaderAgrees(t *testing.T) {
	strs := []string{"market", "gold", "a&b"}
	seeds := []string{
		xSheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c t="inlineStr"><is><t>x &amp; &lt;y&gt; &quot;&apos;</t></is></c></row>` +
			`<row><c r="C2" s="1"><v>1045.12</v></c><c t="str"><v> P1Y </v></c><c t="inlineStr"><v>v</v></c><c/></row>` +
			`<row r="9" spans="1:2"><c r="B9" t="s"><v> 2 </v></c><c t="inlineStr"><is><r><t>a</t></r><rPh><t>p</t></rPh><r><t>b</t></r></is></c></row>`),
		`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<x:worksheet xmlns:x="m"><x:sheetData><x:row x:r="3"><x:c r='A3' t='inlineStr'><x:is><x:t>q</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>` + "\n",
	}
	for _, in := range seeds {
		fast, ok := xRowsOf(t, in, strs, fastRows)
		slow, sok := xRowsOf(t, in, strs, xSlow)
		if !ok || !sok {
			t.Fatalf("seed not read: fast %v, slow %v (%q)", ok, sok, in)
		}
		if diff := cmp.Diff(slow, fast); diff != "" {
			t.Fatalf("seed (-slow +fast):\n%s", diff)
		}
	}
	const alphabet = `<>/="'&;:!?-[] \t\r\nrcvtisA19é` + "\x00"
	r := rand.New(rand.NewPCG(5, 6))
	took := 0
	for i := range 20_000 {
		b := []byte(seeds[i%len(seeds)])
		for range 1 + r.IntN(3) {
			k := r.IntN(len(b))
			switch r.IntN(3) {
			case 0:
				b[k] = alphabet[r.IntN(len(alphabet))]
			case 1:
				b = append(b[:k], b[k+1:]...)
			default:
				b = append(b[:k], append([]byte{alphabet[r.IntN(len(alphabet))]}, b[k:]...)...)
			}
		}
		fast, ok := xRowsOf(t, string(b), strs, fastRows)
		if !ok {
			continue
		}
		took++
		slow, sok := xRowsOf(t, string(b), strs, xSlow)
		if !sok {
			t.Fatalf("fast reader took what encoding/xml refuses: %q", b)
		}
		if diff := cmp.Diff(slow, fast); diff != "" {
			t.Fatalf("%q (-slow +fast):\n%s", b, diff)
		}
	}
	t.Logf("the fast reader took %d of 20,000 changed worksheets", took)
}

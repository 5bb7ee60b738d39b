package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/internal/golden"
)

// visible makes the no-break spaces of CLDR money formats visible in the
// golden text, so that a change from U+00A0 to U+202F (or to a plain space)
// shows up in a diff and survives copy and paste: U+00A0 is written "·" and
// U+202F "˙" (neither occurs in the output otherwise).
var visible = strings.NewReplacer("\u00a0", "·", "\u202f", "˙")

var update = flag.Bool("update", false, "rewrite the golden files")

// runArgs runs the program with args and returns its exit status, stdout
// and stderr.
func runArgs(args ...string) (int, string, string) {
	var out, errOut strings.Builder
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestGolden runs the tour in each language and compares it, with
// visible no-break spaces, with testdata/golden.<lang>.txt (go test
// -update rewrites them).
func TestGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		code, out, errOut := runArgs("-lang", lang)
		if code != 0 || errOut != "" {
			t.Fatalf("-lang %s: exit %d, stderr %q", lang, code, errOut)
		}
		golden.Check(t, filepath.Join("testdata", "golden."+lang+".txt"), visible.Replace(out), *update)
		if w := textout.MaxWidth(out); w >= 100 {
			t.Errorf("-lang %s: a line of %d columns", lang, w)
		}
	}
}

// The decisions explain themselves in Swedish with -lang sv, and so does
// the rest of the tour.
func TestSwedish(t *testing.T) {
	_, sv, _ := runArgs("-lang", "sv")
	got := visible.Replace(sv)
	for _, want := range []string{
		"1. Tolkning: text blir ett exakt antal minsta enheter",
		"SE Sverige", "9,4215 SEK", "halvt till jämnt", "¥7,715",
		"PLN-01  plans[0].id: \"Gold Plan\" får bara innehålla gemener",
		"TRL-05  Börja fakturera planen gold 2026-02-28 10:00:00 UTC",
		"RFD-01  SaaS-prenumerationsavgift: återbetalning medges (RFD-01).",
		"PAY-05  Butikstjänstavgift: 3·% av licensavgiften 470,98·kr är 14,13·kr",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Swedish tour lacks %q", want)
		}
	}
	for _, word := range []string{"Market", "Rounding", "half-even", "Sweden", "￥"} {
		if strings.Contains(got, word) {
			t.Errorf("Swedish tour has %q", word)
		}
	}
	for _, lang := range []string{"sv-SE", "SV", "sv_FI"} {
		if code, out, _ := runArgs("-lang", lang); code != 0 || out != sv {
			t.Errorf("-lang %s: exit %d, not the Swedish tour", lang, code)
		}
	}
	_, en, _ := runArgs()
	if code, out, _ := runArgs("-lang", "EN"); code != 0 || out != en {
		t.Errorf("-lang EN: exit %d", code)
	}
}

func TestCommandLine(t *testing.T) {
	code, out, errOut := runArgs("-h")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "quickstart: a tour of marketrules") ||
		!strings.Contains(out, "usage: quickstart [-lang en|sv]") {
		t.Errorf("-h: exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-lang", "de"}, "quickstart: -lang: "},
		{[]string{"-nope"}, "quickstart: flag provided but not defined: -nope\n"},
		{[]string{"extra"}, "quickstart: no arguments expected, not \"extra\"\n"},
	} {
		code, out, errOut := runArgs(tc.args...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, out, errOut, tc.want)
		}
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestWriteErrorExitsTwo(t *testing.T) {
	var errOut strings.Builder
	if code := run(nil, failingWriter{}, &errOut); code != 2 || !strings.Contains(errOut.String(), "quickstart: io: read/write on closed pipe") {
		t.Fatalf("run to a failing writer: exit %d, stderr %q", code, errOut.String())
	}
}

// readmeExample is the example of README.md: TestREADME checks that the
// README shows exactly the lines between the markers and exactly their output.
func readmeExample() error {
	// README:begin
	price, err := currency.Parse("49.99 USD") // exact: 4999 cents, never a float
	if err != nil {
		return err
	}
	toSEK := currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("9.4215")}
	c, err := toSEK.Convert(price, currency.HalfEven) // one rounding step, recorded
	if err != nil {
		return err
	}
	fmt.Println(c)

	sv := currency.MustParseLocale("sv-SE")
	fmt.Println(sv.Format(c.To))

	thirds, err := c.To.Split(3) // no öre lost: the parts sum to 470.98 SEK
	if err != nil {
		return err
	}
	for _, part := range thirds {
		fmt.Println(sv.Format(part))
	}
	// README:end
	return nil
}

func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.ReadFile("main_test.go")
	if err != nil {
		t.Fatal(err)
	}

	// The code: the README's block is the marked lines above, one tab less.
	code := between(t, string(self), "\t// README:begin\n", "\t// README:end\n")
	var want strings.Builder
	for _, l := range strings.SplitAfter(code, "\n") {
		want.WriteString(strings.TrimPrefix(l, "\t"))
	}
	gotCode := fenced(t, between(t, string(readme), "<!-- quickstart:code -->\n", "<!-- /quickstart:code -->\n"), "go")
	if gotCode != want.String() {
		t.Errorf("README example differs from readmeExample in main_test.go:\nREADME:\n%s\nmain_test.go:\n%s", gotCode, want.String())
	}

	// The output: what readmeExample prints.
	out := captureStdout(t, readmeExample)
	gotOut := fenced(t, between(t, string(readme), "<!-- quickstart:output -->\n", "<!-- /quickstart:output -->\n"), "text")
	if gotOut != out {
		t.Errorf("README output differs from readmeExample's:\nREADME:\n%q\nactual:\n%q", gotOut, out)
	}
}

// between returns the text of s between the markers begin and end.
func between(t *testing.T, s, begin, end string) string {
	t.Helper()
	_, after, ok := strings.Cut(s, begin)
	if !ok {
		t.Fatalf("marker %q not found", begin)
	}
	inner, _, ok := strings.Cut(after, end)
	if !ok {
		t.Fatalf("marker %q not found", end)
	}
	return inner
}

// fenced returns the content of the single fenced code block s, whose
// info string must be lang.
func fenced(t *testing.T, s, lang string) string {
	t.Helper()
	s = strings.TrimSpace(s) + "\n"
	open := "```" + lang + "\n"
	if !strings.HasPrefix(s, open) || !strings.HasSuffix(s, "\n```\n") {
		t.Fatalf("not a fenced %s block:\n%s", lang, s)
	}
	return strings.TrimSuffix(strings.TrimPrefix(s, open), "```\n")
}

// captureStdout runs f and returns what it printed to os.Stdout.
func captureStdout(t *testing.T, f func() error) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		done <- b
	}()
	stdout := os.Stdout
	os.Stdout = w
	ferr := func() error {
		defer func() { os.Stdout = stdout }()
		return f()
	}()
	w.Close()
	out := <-done
	r.Close()
	if ferr != nil {
		t.Fatal(ferr)
	}
	return string(out)
}

package textout

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/rule"
)

func TestLanguageMatching(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want rule.Language
		ok   bool
	}{
		{"en", rule.English, true}, {"EN", rule.English, true}, {"en-GB", rule.English, true},
		{"sv", rule.Swedish, true}, {"sv-SE", rule.Swedish, true}, {"sv_FI", rule.Swedish, true},
		{"SV", rule.Swedish, true}, {" sv ", rule.Swedish, true},
		{"de", rule.English, false}, {"", rule.English, false}, {"xx-!!", rule.English, false},
	} {
		got, err := Language(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("Language(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func newTestCommand() (*Command, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	c := NewCommand("demo", "Prints a demo.", "[-lang en|sv] [file | -]", &out, &errb)
	c.LanguageFlag()
	return c, &out, &errb
}

func TestCommandParse(t *testing.T) {
	c, out, errb := newTestCommand()
	if _, ok, st := c.Parse([]string{"-h"}); ok || st != ExitOK || !strings.Contains(out.String(), "demo: Prints a demo.") ||
		!strings.Contains(out.String(), "usage: demo [-lang") || errb.Len() != 0 {
		t.Errorf("-h: ok %v status %d stdout %q stderr %q", ok, st, out, errb)
	}
	c, out, errb = newTestCommand()
	if _, ok, st := c.Parse([]string{"-nope"}); ok || st != ExitUsage || out.Len() != 0 ||
		!strings.HasPrefix(errb.String(), "demo: flag provided but not defined: -nope\n") {
		t.Errorf("bad flag: ok %v status %d stderr %q", ok, st, errb)
	}
	c, _, errb = newTestCommand()
	if _, ok, st := c.Parse([]string{"-lang", "de"}); ok || st != ExitUsage || !strings.Contains(errb.String(), "demo: -lang: ") {
		t.Errorf("-lang de: ok %v status %d stderr %q", ok, st, errb)
	}
	c, _, _ = newTestCommand()
	if l, ok, st := c.Parse([]string{"-lang", "sv-SE", "x"}); !ok || st != ExitOK || l != rule.Swedish || c.Flags.Arg(0) != "x" {
		t.Errorf("-lang sv-SE: %v %v %d", l, ok, st)
	}
	c, _, errb = newTestCommand()
	if st := c.Usagef("want one file, not %d", 2); st != ExitUsage || !strings.HasPrefix(errb.String(), "demo: want one file, not 2\n") {
		t.Errorf("Usagef: %d %q", st, errb)
	}
	c, _, errb = newTestCommand()
	if st := c.Failf(ExitRule, "demo: x.json: broken"); st != ExitRule || errb.String() != "demo: x.json: broken\n" {
		t.Errorf("Failf repeats its prefix: %q", errb)
	}
}

func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(file, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadInput(file, nil, 5); err != nil || string(b) != "hello" {
		t.Errorf("file: %q %v", b, err)
	}
	if _, err := ReadInput(file, nil, 4); err == nil || !strings.HasSuffix(err.Error(), ": longer than 4 bytes") {
		t.Errorf("over the limit: %v", err)
	}
	if b, err := ReadInput("-", strings.NewReader("stdin"), 10); err != nil || string(b) != "stdin" {
		t.Errorf("stdin: %q %v", b, err)
	}
	if _, err := ReadInput("-", nil, 10); err == nil {
		t.Error("nil stdin accepted")
	}
	if _, err := ReadInput(dir, nil, 10); err == nil || err.Error() != dir+": is a directory" {
		t.Errorf("directory: %v", err)
	}
	missing := filepath.Join(dir, "missing")
	if _, err := ReadInput(missing, nil, 10); err == nil || err.Error() != missing+": no such file" {
		t.Errorf("missing: %v", err)
	}
}

func TestPlural(t *testing.T) {
	if got := Plural(1, "problem", "problems"); got != "1 problem" {
		t.Error(got)
	}
	if got := Plural(2, "problem", "problems"); got != "2 problems" {
		t.Error(got)
	}
}

func TestUsageUnder100Columns(t *testing.T) {
	var out, errb bytes.Buffer
	c := NewCommand("demo", strings.Repeat("does a thing, ", 12), "[-lang en|sv] "+strings.Repeat("[file] ", 16), &out, &errb)
	c.LanguageFlag()
	c.Flags.String("long", "", strings.Repeat("a long description ", 8))
	if _, ok, st := c.Parse([]string{"-h"}); ok || st != ExitOK {
		t.Fatalf("-h: %v %d", ok, st)
	}
	if w := MaxWidth(out.String()); w >= 100 {
		t.Errorf("usage has a line of %d columns:\n%s", w, out.String())
	}
	for _, want := range []string{"demo: does a thing,", "usage: demo [-lang en|sv]", "\nflags:\n  -lang string\n        language of the output:", "  -long string\n        a long description"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("usage lacks %q:\n%s", want, out.String())
		}
	}
}

package textout

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"golang.org/x/text/language"

	"github.com/marketrules/marketrules/rule"
)

// The exit statuses every example program uses.
const (
	// ExitOK: the program did what was asked.
	ExitOK = 0
	// ExitRule: the input was read but breaks a rule (an invalid offer,
	// a refused decision the caller asked to treat as failure).
	ExitRule = 1
	// ExitUsage: the command line is wrong, or an input cannot be read
	// (a missing file, a directory, input over the size limit, malformed
	// syntax).
	ExitUsage = 2
)

// Command is an example program's command line: its name, what it does
// in one sentence, how to call it, and its flags. Every program parses
// with it, so that they all answer -h, bad flags and -lang alike.
type Command struct {
	Name     string // "validate-offer"
	Summary  string // what the program does, one or two sentences
	Synopsis string // "[-lang en|sv] [offer.json | -]"
	Flags    *flag.FlagSet
	Stdout   io.Writer
	Stderr   io.Writer

	lang *string
}

// NewCommand returns a command with an empty flag set writing its
// messages to stderr.
func NewCommand(name, summary, synopsis string, stdout, stderr io.Writer) *Command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &Command{Name: name, Summary: summary, Synopsis: synopsis, Flags: fs, Stdout: stdout, Stderr: stderr}
}

// LanguageFlag adds the -lang flag all programs share.
func (c *Command) LanguageFlag() {
	c.lang = c.Flags.String("lang", "en", "language of the output: en or sv (sv-SE, EN and the like too)")
}

// usage writes the summary, the synopsis and the flags to w.
func (c *Command) usage(w io.Writer) {
	fmt.Fprintf(w, "%s\n%s", Wrap(c.Name+": ", c.Summary, usageWidth), Wrap("usage: "+c.Name+" ", c.Synopsis, usageWidth))
	var flags bytes.Buffer
	c.Flags.SetOutput(&flags)
	c.Flags.PrintDefaults()
	c.Flags.SetOutput(io.Discard)
	if flags.Len() == 0 {
		return
	}
	// PrintDefaults writes each flag's description after "    \t" on its
	// own line; wrap those so that every line stays under 100 columns.
	fmt.Fprint(w, "\nflags:\n")
	for line := range strings.Lines(flags.String()) {
		line = strings.TrimRight(line, "\n")
		if text, ok := strings.CutPrefix(line, "    \t"); ok {
			fmt.Fprint(w, Wrap("        ", text, usageWidth))
			continue
		}
		fmt.Fprintln(w, line)
	}
}

// usageWidth is where the usage text wraps: every line under 100 columns.
const usageWidth = 99

// Parse parses args. It returns ok == false and the exit status when the
// program should stop at once: after -h or -help (the usage on stdout,
// ExitOK) or after a bad flag or -lang value (the reason and the usage on
// stderr, ExitUsage). On success it returns the chosen language.
func (c *Command) Parse(args []string) (lang rule.Language, ok bool, status int) {
	err := c.Flags.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		c.usage(c.Stdout)
		return rule.English, false, ExitOK
	case err != nil:
		fmt.Fprintf(c.Stderr, "%s: %v\n\n", c.Name, err)
		c.usage(c.Stderr)
		return rule.English, false, ExitUsage
	}
	if c.lang == nil {
		return rule.English, true, ExitOK
	}
	l, err := Language(*c.lang)
	if err != nil {
		fmt.Fprintf(c.Stderr, "%s: -lang: %v\n", c.Name, err)
		return rule.English, false, ExitUsage
	}
	return l, true, ExitOK
}

// Usagef reports a usage error (wrong number of arguments, an unknown
// -policy) and returns ExitUsage.
func (c *Command) Usagef(format string, args ...any) int {
	fmt.Fprintf(c.Stderr, "%s: %s\n\n", c.Name, fmt.Sprintf(format, args...))
	c.usage(c.Stderr)
	return ExitUsage
}

// Failf reports a failure with the program's name once in front and
// returns status.
func (c *Command) Failf(status int, format string, args ...any) int {
	msg := fmt.Sprintf(format, args...)
	msg = strings.TrimPrefix(msg, c.Name+": ")
	fmt.Fprintf(c.Stderr, "%s: %s\n", c.Name, msg)
	return status
}

// languages are the ones the programs print; the matcher maps "sv-SE",
// "sv_FI", "EN", "en-GB" and the like to one of them.
var languages = language.NewMatcher([]language.Tag{language.English, language.Swedish})

// Language parses the -lang flag: a BCP 47 tag (any case, "_" or "-")
// whose language is English or Swedish.
func Language(s string) (rule.Language, error) {
	t, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(s), "_", "-"))
	if err != nil || s == "" {
		return rule.English, fmt.Errorf("unknown language %q (want en or sv)", s)
	}
	_, i, conf := languages.Match(t)
	if conf < language.High {
		return rule.English, fmt.Errorf("no output in language %q (want en or sv)", s)
	}
	if i == 1 {
		return rule.Swedish, nil
	}
	return rule.English, nil
}

// ReadInput reads the input named name: "-" is stdin, anything else a
// file. It refuses a directory and input longer than limit bytes (never
// truncating it), and its errors read "name: reason".
func ReadInput(name string, stdin io.Reader, limit int64) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		if stdin == nil {
			return nil, fmt.Errorf("standard input: not available")
		}
		r, name = stdin, "standard input"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %s", name, reason(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("%s: is a directory", name)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %s", name, reason(err))
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: longer than %d bytes", name, limit)
	}
	return data, nil
}

// reason is an I/O error without the path that os errors repeat.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, fs.ErrNotExist):
			return "no such file"
		case errors.Is(pe.Err, fs.ErrPermission):
			return "permission denied"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// Plural returns "1 problem", "2 problems" (English) or the Swedish
// forms given.
func Plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

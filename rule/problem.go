package rule

import (
	"strconv"
	"strings"
)

// Problem is one thing wrong with an input: which rule it breaks, where
// (a field path such as "plans[3].id", or "audience.csv line 12"), and a
// message in English and Swedish with its arguments. A Problem is an
// error; its Error text is English.
type Problem struct {
	Rule    ID
	Path    string
	Message Message
	Args    []any
	// Err is an optional sentinel error that the problem is an instance
	// of, for errors.Is; nil for most problems.
	Err error
}

// Text renders the problem in lang: "plans[3].id: … (PLN-01)".
func (p Problem) Text(lang Language) string {
	var b strings.Builder
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message.Render(lang, p.Args...))
	if p.Rule != "" {
		b.WriteString(" (")
		b.WriteString(string(p.Rule))
		b.WriteString(")")
	}
	return b.String()
}

// Error returns the problem in English.
func (p Problem) Error() string { return p.Text(English) }

// Unwrap returns the sentinel error, if any.
func (p Problem) Unwrap() error { return p.Err }

// Problems is a list of problems, in the order they were found. A
// non-empty list is an error that reports all of them: validation returns
// every problem at once, and callers get the list with errors.As:
//
//	var ps rule.Problems
//	if errors.As(err, &ps) { for _, p := range ps { … } }
type Problems []Problem

// Add appends a problem.
func (ps *Problems) Add(id ID, path string, msg Message, args ...any) {
	*ps = append(*ps, Problem{Rule: id, Path: path, Message: msg, Args: args})
}

// Err returns ps as an error, or nil when there are no problems, so that a
// validator can end with `return problems.Err()`.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// Error returns all problems in English, separated by "; ", after a count
// when there is more than one.
func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "no problems"
	case 1:
		return ps[0].Error()
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(ps)))
	b.WriteString(" problems: ")
	for i, p := range ps {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Text renders every problem in lang, one per line.
func (ps Problems) Text(lang Language) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Text(lang))
		b.WriteByte('\n')
	}
	return b.String()
}

// Unwrap returns the problems as errors, so that errors.Is and errors.As
// see each of them (and each one's sentinel).
func (ps Problems) Unwrap() []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// Has reports whether any problem cites rule id.
func (ps Problems) Has(id ID) bool {
	for _, p := range ps {
		if p.Rule == id {
			return true
		}
	}
	return false
}

// Rules returns the distinct rule IDs cited, in order of first appearance.
func (ps Problems) Rules() []ID {
	var ids []ID
	for _, p := range ps {
		seen := false
		for _, id := range ids {
			seen = seen || id == p.Rule
		}
		if !seen {
			ids = append(ids, p.Rule)
		}
	}
	return ids
}

package rule

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// MaxProblems is how many problems a [Problems] list keeps. [Problems.Add]
// and [Problems.Append] keep the first MaxProblems problems and count the
// rest in one summary problem at the end of the list ("and 5 more
// problems"), an instance of [ErrTooManyProblems], so that hostile input
// cannot make a validator use memory in proportion to its faults.
const MaxProblems = 100

// ErrTooManyProblems is the sentinel of the summary problem that ends a
// list holding more than [MaxProblems] problems.
var ErrTooManyProblems = errors.New("too many problems")

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

// Code returns a stable, machine-readable code for the kind of problem,
// lowercase words joined by hyphens: the message's [Message.Key] when it
// has one, else the sentinel's code (its Code() string method, or its
// text as words: "unknown currency code" → "unknown-currency-code"), else
// the words of the English message without its verbs. A problem with
// neither message nor sentinel has the code "invalid".
func (p Problem) Code() string {
	if p.Message.Key != "" {
		return p.Message.Key
	}
	if p.Err != nil {
		if c, ok := p.Err.(interface{ Code() string }); ok && c.Code() != "" {
			return c.Code()
		}
		if s := slug(p.Err.Error()); s != "" {
			return s
		}
	}
	if s := slug(p.Message.English); s != "" {
		return s
	}
	return "invalid"
}

// slug turns text into lowercase ASCII words joined by hyphens, skipping
// fmt verbs and stopping after 48 bytes at a word boundary.
func slug(s string) string {
	var b []byte
	word := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%':
			// Skip the verb: flags, width, precision and the verb letter.
			for i++; i < len(s) && strings.IndexByte("+-# 0123456789.[]*", s[i]) >= 0; i++ {
			}
			word = false
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		default:
			word = false
			continue
		}
		if !word && len(b) > 0 {
			if len(b) >= 48 {
				break
			}
			b = append(b, '-')
		}
		word = true
		b = append(b, c)
	}
	return string(b)
}

// problemJSON is the JSON form of one problem.
type problemJSON struct {
	Rule    ID     `json:"rule,omitzero"`
	Path    string `json:"path,omitzero"`
	Code    string `json:"code"`
	Message string `json:"message"`
	More    int    `json:"more,omitzero"`
}

func (p Problem) toJSON(lang Language) problemJSON {
	j := problemJSON{Rule: p.Rule, Path: p.Path, Code: p.Code(), Message: p.Message.Render(lang, p.Args...)}
	if n, ok := p.more(); ok {
		j.Code, j.More = codeMore, n
	}
	return j
}

func (j problemJSON) problem() Problem {
	if j.Code == codeMore && j.More > 0 {
		return moreProblem(j.More)
	}
	// The text is already rendered: keep it verbatim as a format without
	// verbs, and the code as the message's key.
	f := strings.ReplaceAll(j.Message, "%", "%%")
	return Problem{Rule: j.Rule, Path: j.Path, Message: Message{Key: j.Code, English: f, Swedish: f}}
}

// MarshalJSON encodes the problem as
// {"rule":"PLN-01","path":"plans[3].id","code":"…","message":"…"}, the
// message in English; rule and path are left out when empty.
func (p Problem) MarshalJSON() ([]byte, error) { return json.Marshal(p.toJSON(English)) }

// UnmarshalJSON decodes the form of [Problem.MarshalJSON]. The message
// comes back as rendered text in the language it was encoded in, with the
// code as its [Message.Key]; the sentinel cannot be restored.
func (p *Problem) UnmarshalJSON(b []byte) error {
	var j problemJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*p = j.problem()
	return nil
}

// Problems is a list of problems, in the order they were found, holding at
// most [MaxProblems] of them and then a summary problem that counts the
// rest. A non-empty list is an error that reports all of them: validation
// returns every problem at once with [Problems.Err], and callers get the
// list with errors.As:
//
//	var ps rule.Problems
//	if errors.As(err, &ps) { for _, p := range ps { … } }
//
// Return a list as an error only through [Problems.Err]: it gives a
// *Problems, which compares with == like any error, while a Problems
// value, being a slice, makes == panic.
type Problems []Problem

// Messages of the summary problem.
var (
	msgMoreOne  = Message{Key: codeMore, English: "and %d more problem", Swedish: "och %d problem till"}
	msgMoreMany = Message{Key: codeMore, English: "and %d more problems", Swedish: "och %d problem till"}
)

const codeMore = "more-problems"

func moreProblem(n int) Problem {
	m := msgMoreMany
	if n == 1 {
		m = msgMoreOne
	}
	return Problem{Message: m, Args: []any{n}, Err: ErrTooManyProblems}
}

// more reports whether p is a summary problem, and how many problems it
// stands for.
func (p Problem) more() (int, bool) {
	if p.Err != ErrTooManyProblems || len(p.Args) != 1 {
		return 0, false
	}
	n, ok := p.Args[0].(int)
	return n, ok
}

// Add appends a problem, or counts it when the list is full (see
// [MaxProblems]). Add on a nil *Problems does nothing.
func (ps *Problems) Add(id ID, path string, msg Message, args ...any) {
	ps.Append(Problem{Rule: id, Path: path, Message: msg, Args: args})
}

// Append appends problems in order, keeping at most [MaxProblems] and
// counting the rest; appending another list's summary problem adds its
// count. Append on a nil *Problems does nothing.
func (ps *Problems) Append(list ...Problem) {
	if ps == nil {
		return
	}
	for _, p := range list {
		n, ok := p.more()
		if !ok {
			if len(*ps) < MaxProblems {
				*ps = append(*ps, p)
				continue
			}
			n = 1
		}
		if len(*ps) > 0 {
			if have, ok := (*ps)[len(*ps)-1].more(); ok {
				(*ps)[len(*ps)-1] = moreProblem(have + n)
				continue
			}
		}
		*ps = append(*ps, moreProblem(n))
	}
}

// Len returns how many problems were found: the problems listed plus those
// only counted.
func (ps Problems) Len() int {
	n := len(ps)
	if n > 0 {
		if more, ok := ps[n-1].more(); ok {
			n += more - 1
		}
	}
	return n
}

// More returns how many problems were counted but not listed.
func (ps Problems) More() int {
	if len(ps) > 0 {
		more, _ := ps[len(ps)-1].more()
		return more
	}
	return 0
}

// Err returns the list as an error, or nil when there are no problems, so
// that a validator can end with `return problems.Err()`. The error is a
// *Problems: comparable, and found by errors.As with a Problems or a
// *Problems target.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	p := new(Problems) // allocated here only: &ps would move every ps to the heap
	*p = ps
	return p
}

// As fills a *Problems target with the list, so that errors.As finds a
// Problems value in the *Problems that [Problems.Err] returns.
func (ps *Problems) As(target any) bool {
	t, ok := target.(*Problems)
	if !ok || ps == nil || t == nil {
		return false
	}
	*t = *ps
	return true
}

// Error returns all problems in English, separated by "; ", after a count
// when there is more than one: "3 problems: …; …; and 1 more problem".
func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "no problems"
	case 1:
		return ps[0].Error()
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(ps.Len()))
	b.WriteString(" problems: ")
	for i, p := range ps {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Text renders every problem in lang, one per line, the summary of
// problems not listed last.
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
		if _, ok := p.more(); !ok && p.Rule == id {
			return true
		}
	}
	return false
}

// Rules returns the distinct rule IDs cited, in order of first appearance.
func (ps Problems) Rules() []ID {
	var ids []ID
	for _, p := range ps {
		if _, ok := p.more(); ok {
			continue
		}
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

// JSON returns the list in its JSON form with messages in lang:
//
//	[{"rule":"PLN-01","path":"plans[3].id","code":"invalid-plan-id","message":"…"}]
//
// code is [Problem.Code]; rule and path are left out when empty; the
// summary of problems not listed has the code "more-problems" and their
// number as "more". No problems encode as [].
func (ps Problems) JSON(lang Language) []byte {
	js := make([]problemJSON, len(ps))
	for i, p := range ps {
		js[i] = p.toJSON(lang)
	}
	b, _ := json.Marshal(js) // strings and ints only: cannot fail
	return b
}

// MarshalJSON returns [Problems.JSON] in English.
func (ps Problems) MarshalJSON() ([]byte, error) { return ps.JSON(English), nil }

// UnmarshalJSON decodes the form of [Problems.JSON], as
// [Problem.UnmarshalJSON] does each problem; [] and null decode as no
// problems. The list is capped as [Problems.Append] caps it.
func (ps *Problems) UnmarshalJSON(b []byte) error {
	var js []problemJSON
	if err := json.Unmarshal(b, &js); err != nil {
		return err
	}
	var out Problems
	for _, j := range js {
		out.Append(j.problem())
	}
	*ps = out
	return nil
}

// Localized is a list of problems with the language to encode its
// messages in: its MarshalJSON is [Problems.JSON] in Language. Use it to
// put problems in a JSON answer for a Swedish reader.
type Localized struct {
	Problems Problems
	Language Language
}

// MarshalJSON returns the problems' JSON form in the language.
func (l Localized) MarshalJSON() ([]byte, error) { return l.Problems.JSON(l.Language), nil }

// UnmarshalJSON decodes the problems as [Problems.UnmarshalJSON] does,
// leaving Language as it is.
func (l *Localized) UnmarshalJSON(b []byte) error { return l.Problems.UnmarshalJSON(b) }

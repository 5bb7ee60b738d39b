package rule

import (
	"iter"
	"slices"
	"strings"
)

//go:generate go run ../internal/tools/genrules -in data/rulebook.csv -out rulebook_gen.go

// ID identifies a rule of the rulebook, such as [PLN01] ("PLN-01"). The
// prefix names the area (OFR offers, PLN plans, PRC pricing, TRL trials,
// RFD refunds, PAY payouts, RWD rewards, CSP the CSP channel, BUY buying,
// ACC accounts, EXT rules from further Microsoft documents). Every rule is a
// constant of this package; IDs never change meaning.
type ID string

// Rule is one rule of the rulebook: its ID, the package that encodes it,
// the Microsoft documents it comes from, and a one-line statement in
// English and in Swedish.
type Rule struct {
	ID ID `json:"id"`
	// Package is the marketrules package that encodes the rule.
	Package string `json:"package"`
	// Sources are the Microsoft documents the rule comes from, the one
	// its statement follows first.
	Sources []Source `json:"sources"`
	English string   `json:"en"`
	Swedish string   `json:"sv"`
}

// Source is a Microsoft document a rule comes from: its English title, the
// date of the version the rule follows (its ms.date, "2021-07-05"; empty
// when the document is undated) and the section, when the rule comes from
// one.
type Source struct {
	Title   string `json:"title"`
	Date    string `json:"date,omitzero"`
	Section string `json:"section,omitzero"`
}

// String returns the citation `Plans and pricing for commercial
// marketplace offers (2021-07-05), "Plan information"`.
func (s Source) String() string {
	c := s.Title
	if s.Date != "" {
		c += " (" + s.Date + ")"
	}
	if s.Section != "" {
		c += `, "` + s.Section + `"`
	}
	return c
}

// Source returns the document the rule's statement follows, the first of
// its Sources, or the zero Source for the zero Rule.
func (r Rule) Source() Source {
	if len(r.Sources) == 0 {
		return Source{}
	}
	return r.Sources[0]
}

// lookup returns the index of id in the rulebook, or -1.
func lookup(id ID) int {
	for i := range rulebook {
		if rulebook[i].ID == id {
			return i
		}
	}
	return -1
}

// rule returns rulebook entry i with its own copy of the sources, so that
// callers cannot change the rulebook.
func rule(i int) Rule {
	r := rulebook[i]
	r.Sources = slices.Clone(r.Sources)
	return r
}

// Lookup returns the rule with the given ID, and false (with the zero
// Rule) when the rulebook has no such rule. IDs are case-sensitive.
func Lookup(id ID) (Rule, bool) {
	if i := lookup(id); i >= 0 {
		return rule(i), true
	}
	return Rule{}, false
}

// Known reports whether id is a rule of the rulebook.
func (id ID) Known() bool { return lookup(id) >= 0 }

// Statement returns the rule's one-line statement in the language that
// best matches lang (English or Swedish), or "" for an unknown ID.
func (id ID) Statement(lang Language) string {
	if i := lookup(id); i >= 0 {
		return rulebook[i].Statement(lang)
	}
	return ""
}

// Statement returns the rule's statement in lang.
func (r Rule) Statement(lang Language) string {
	if lang == Swedish {
		return r.Swedish
	}
	return r.English
}

// All returns every rule in the rulebook's order.
func All() iter.Seq[Rule] {
	return func(yield func(Rule) bool) {
		for i := range rulebook {
			if !yield(rule(i)) {
				return
			}
		}
	}
}

// Area returns the ID's prefix, the text before its first hyphen: "PLN"
// for PLN-01. An ID without a hyphen is all prefix.
func (id ID) Area() string {
	a, _, _ := strings.Cut(string(id), "-")
	return a
}

// Reason is a stable, machine-readable code for why a decision came out as
// it did, such as "window-open" or "threshold-not-met": lowercase words
// joined by hyphens, unique within the package that defines it, never
// renamed or reused. Packages declare their reasons as constants; hosts
// may switch on them and store them.
type Reason string

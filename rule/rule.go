package rule

import (
	"iter"
	"strings"
)

//go:generate go run ../internal/tools/genrules -in data/rulebook.csv -out rulebook_gen.go

// ID identifies a rule of the rulebook, such as [PLN01] ("PLN-01"). The
// prefix names the area (OFR offers, PLN plans, PRC pricing, TRL trials,
// RFD refunds, PAY payouts, RWD rewards, CSP the CSP channel, BUY buying,
// ACC accounts, EXT rules from sources beyond the seeds). Every rule is a
// constant of this package; IDs never change meaning.
type ID string

// Rule is one rule of the rulebook: its ID, the package that encodes it,
// its source, and a one-line statement in English and in Swedish.
type Rule struct {
	ID ID
	// Package is the marketrules package that encodes the rule.
	Package string
	// Source is where the rule comes from: a seed document and its
	// section ("001 Plan information"), or reference facts ("ext [59]").
	Source  string
	English string
	Swedish string
}

// Lookup returns the rule with the given ID, and false (with the zero
// Rule) when the rulebook has no such rule. IDs are case-sensitive.
func Lookup(id ID) (Rule, bool) {
	for i := range rulebook {
		if rulebook[i].ID == id {
			return rulebook[i], true
		}
	}
	return Rule{}, false
}

// Known reports whether id is a rule of the rulebook.
func (id ID) Known() bool {
	_, ok := Lookup(id)
	return ok
}

// Statement returns the rule's one-line statement in the language that
// best matches lang (English or Swedish), or "" for an unknown ID.
func (id ID) Statement(lang Language) string {
	r, ok := Lookup(id)
	if !ok {
		return ""
	}
	return r.Statement(lang)
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
			if !yield(rulebook[i]) {
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

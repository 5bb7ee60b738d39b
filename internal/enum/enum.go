// Package enum implements the text form of the library's small enums:
// stable lowercase names, case-insensitive parsing, and errors that name
// the input and list the valid values. Each enum keeps its names in a
// Names table indexed by value; an empty name marks an invalid value.
//
// The zero value is either a real default (the table names index 0) or
// "unset" (the table's index 0 is ""): an unset zero value prints and
// marshals as "" without error, and "" unmarshals to it. Any other value
// without a name is invalid: it prints as "pkg.Type(9)" and does not
// marshal.
//
// Callers outside the module match an unknown name with errors.As on
// [Error], which the public packages export as an alias
// (rule.UnknownNameError), or with errors.Is on [ErrUnknown].
package enum

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrUnknown is wrapped by every error for an unknown name or value.
var ErrUnknown = errors.New("unknown value")

// Error reports a name that is not one of an enum's values, or a value
// without a name given to be marshaled.
type Error struct {
	Type  string   // the enum's description, such as "plan visibility"
	Input string   // the text given
	Valid []string // the valid names
}

// Error returns `unknown plan visibility "secret" (want public, private or hidden)`.
func (e *Error) Error() string {
	in := e.Input
	if len(in) > 40 {
		in = in[:40] + "…"
	}
	return "unknown " + e.Type + " " + strconv.Quote(in) + " (want " + list(e.Valid) + ")"
}

// Unwrap returns ErrUnknown.
func (e *Error) Unwrap() error { return ErrUnknown }

func list(names []string) string {
	switch len(names) {
	case 0:
		return "nothing"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Names maps an enum's values to their names.
type Names[T ~uint8] struct {
	Type  string   // description used in errors, "plan visibility"
	Names []string // index = value; "" marks an invalid value
}

// Valid reports whether v has a name.
func (n Names[T]) Valid(v T) bool { return int(v) < len(n.Names) && n.Names[v] != "" }

// Unset reports whether the enum's zero value means "unset": the table has
// no name for index 0.
func (n Names[T]) Unset() bool { return len(n.Names) > 0 && n.Names[0] == "" }

// String returns v's name; "" for an unset zero value; and the Go type
// and number, "plan.Visibility(9)", for an invalid value.
func (n Names[T]) String(v T) string {
	switch {
	case n.Valid(v):
		return n.Names[v]
	case v == 0 && n.Unset():
		return ""
	}
	return fmt.Sprintf("%T(%d)", v, uint8(v))
}

// Parse returns the value named s, ignoring case and surrounding spaces.
func (n Names[T]) Parse(s string) (T, error) {
	t := strings.TrimSpace(s)
	for i, name := range n.Names {
		if name != "" && strings.EqualFold(t, name) {
			return T(i), nil
		}
	}
	return 0, &Error{Type: n.Type, Input: s, Valid: n.valid()}
}

func (n Names[T]) valid() []string {
	var out []string
	for _, name := range n.Names {
		if name != "" {
			out = append(out, name)
		}
	}
	return out
}

// Marshal returns v's name as text, empty text for an unset zero value,
// or an error for an invalid value.
func (n Names[T]) Marshal(v T) ([]byte, error) {
	switch {
	case n.Valid(v):
		return []byte(n.Names[v]), nil
	case v == 0 && n.Unset():
		return []byte{}, nil
	}
	return nil, &Error{Type: n.Type, Input: n.String(v), Valid: n.valid()}
}

// Unmarshal parses text into *v; empty (or blank) text is the zero value
// when it means "unset", and an error otherwise.
func (n Names[T]) Unmarshal(text []byte, v *T) error {
	if n.Unset() && len(strings.TrimSpace(string(text))) == 0 {
		*v = 0
		return nil
	}
	p, err := n.Parse(string(text))
	if err != nil {
		return err
	}
	*v = p
	return nil
}

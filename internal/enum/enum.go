// Package enum implements the text form of the library's small enums:
// stable lowercase names, case-insensitive parsing, and errors that name
// the input and list the valid values. Each enum keeps its names in a
// Names table indexed by value; an empty name marks an invalid value
// (usually the zero value).
package enum

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrUnknown is wrapped by every error for an unknown name or value.
var ErrUnknown = errors.New("unknown value")

// Error reports a name that is not one of an enum's values.
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

// String returns v's name, or "Type(N)" for an invalid value.
func (n Names[T]) String(v T) string {
	if n.Valid(v) {
		return n.Names[v]
	}
	return fmt.Sprintf("%s(%d)", strings.ReplaceAll(n.Type, " ", "-"), uint8(v))
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

// Marshal returns v's name as text, or an error for an invalid value.
func (n Names[T]) Marshal(v T) ([]byte, error) {
	if !n.Valid(v) {
		return nil, &Error{Type: n.Type, Input: strconv.Itoa(int(v)), Valid: n.valid()}
	}
	return []byte(n.Names[v]), nil
}

// Unmarshal parses text into *v.
func (n Names[T]) Unmarshal(text []byte, v *T) error {
	p, err := n.Parse(string(text))
	if err != nil {
		return err
	}
	*v = p
	return nil
}

package enum

import (
	"errors"
	"testing"
)

type color uint8

var colors = Names[color]{Type: "test color", Names: []string{"", "red", "green", "blue"}}

func TestNames(t *testing.T) {
	for in, want := range map[string]color{"red": 1, "GREEN": 2, " Blue ": 3} {
		if got, err := colors.Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "purple", "re d"} {
		_, err := colors.Parse(in)
		var e *Error
		if !errors.Is(err, ErrUnknown) || !errors.As(err, &e) || e.Input != in {
			t.Errorf("Parse(%q): %v", in, err)
		}
	}
	if _, err := colors.Parse("purple"); err.Error() != `unknown test color "purple" (want red, green or blue)` {
		t.Errorf("message %q", err)
	}
	if colors.String(2) != "green" || colors.String(0) != "" || colors.String(9) != "enum.color(9)" {
		t.Errorf("String: %s %s %s", colors.String(2), colors.String(0), colors.String(9))
	}
	if b, err := colors.Marshal(3); err != nil || string(b) != "blue" {
		t.Errorf("Marshal(3) = %s, %v", b, err)
	}
	if b, err := colors.Marshal(0); err != nil || b == nil || len(b) != 0 {
		t.Errorf("Marshal(0) of an unset zero = %q, %v; want empty text", b, err)
	}
	if _, err := colors.Marshal(9); !errors.Is(err, ErrUnknown) || err.Error() != `unknown test color "enum.color(9)" (want red, green or blue)` {
		t.Errorf("Marshal(9): %v", err)
	}
	var c color
	if err := colors.Unmarshal([]byte("Red"), &c); err != nil || c != 1 {
		t.Errorf("Unmarshal: %v, %v", c, err)
	}
	if err := colors.Unmarshal([]byte("x"), &c); err == nil || c != 1 {
		t.Errorf("Unmarshal(x) changed the value or did not fail: %v", c)
	}
	one := Names[color]{Type: "t", Names: []string{"only"}}
	if _, err := one.Parse("x"); err.Error() != `unknown t "x" (want only)` {
		t.Errorf("%v", err)
	}
	none := Names[color]{Type: "t"}
	if _, err := none.Parse("a very long input that goes on and on and on and on"); err.Error() != `unknown t "a very long input that goes on and on an…" (want nothing)` {
		t.Errorf("%v", err)
	}
}

// A table that names index 0 has a real default: "" is not a value, and
// an invalid value prints with its Go type.
func TestNames_RealDefault(t *testing.T) {
	sizes := Names[color]{Type: "size", Names: []string{"small", "large"}}
	if sizes.Unset() || !colors.Unset() || (Names[color]{}).Unset() {
		t.Error("Unset wrong")
	}
	if s := sizes.String(0); s != "small" {
		t.Errorf("String(0) = %q", s)
	}
	if s := sizes.String(7); s != "enum.color(7)" {
		t.Errorf("String(7) = %q", s)
	}
	var c color = 1
	if err := sizes.Unmarshal(nil, &c); !errors.Is(err, ErrUnknown) || c != 1 {
		t.Errorf("Unmarshal(\"\") with a real default: %v, %v", c, err)
	}
	if err := colors.Unmarshal([]byte(" "), &c); err != nil || c != 0 {
		t.Errorf("Unmarshal(\" \") of an unset enum = %v, %v; want 0", c, err)
	}
	if _, err := colors.Parse(""); err == nil {
		t.Error(`Parse("") succeeded: a required name stays required`)
	}
}

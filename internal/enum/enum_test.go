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
	if colors.String(2) != "green" || colors.String(0) != "test-color(0)" || colors.String(9) != "test-color(9)" {
		t.Errorf("String: %s %s", colors.String(2), colors.String(0))
	}
	if b, err := colors.Marshal(3); err != nil || string(b) != "blue" {
		t.Errorf("Marshal(3) = %s, %v", b, err)
	}
	if _, err := colors.Marshal(0); !errors.Is(err, ErrUnknown) {
		t.Errorf("Marshal(0): %v", err)
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

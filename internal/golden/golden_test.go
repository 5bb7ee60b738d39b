package golden

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCheckWritesAndReads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.txt")
	Check(t, path, "a\nb\n", true)
	Check(t, path, "a\nb\n", false)
}

// recorder is a testing.TB that records failures instead of stopping.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func (r *recorder) Fatal(args ...any) { r.failures = append(r.failures, fmt.Sprint(args...)) }

func TestCheckReportsDifferences(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "g.txt")
	Check(t, path, "a\nb\n", true)
	r := &recorder{TB: t}
	Check(r, path, "a\nc\n", false)
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "at line 2") {
		t.Errorf("a changed line: %q", r.failures)
	}
	r = &recorder{TB: t}
	Check(r, filepath.Join(dir, "missing.txt"), "a", false)
	if len(r.failures) == 0 || !strings.Contains(r.failures[0], "update flag writes it") {
		t.Errorf("a missing file: %q", r.failures)
	}
	r = &recorder{TB: t}
	Check(r, dir, "a", true) // a directory cannot be written
	if len(r.failures) == 0 {
		t.Error("an unwritable file: no failure")
	}
}

func TestFirstDifference(t *testing.T) {
	for _, c := range []struct {
		got, want string
		line      int
		g, w      string
		differ    bool
	}{
		{"a\nb\n", "a\nb\n", 0, "", "", false},
		{"a\nb\n", "a\nc\n", 2, "b", "c", true},
		{"a\nb\nc", "a\nb", 3, "c", "", true},
		{"a", "a\nb", 2, "", "b", true},
	} {
		line, g, w, differ := firstDifference(c.got, c.want)
		if line != c.line || g != c.g || w != c.w || differ != c.differ {
			t.Errorf("firstDifference(%q, %q) = %d %q %q %t", c.got, c.want, line, g, w, differ)
		}
	}
}

type failing struct{}

func (failing) MarshalJSON() ([]byte, error) { return nil, errors.New("no") }

func TestMarshalError(t *testing.T) {
	_, err := json.Marshal([]failing{{}})
	if got := MarshalError(err); got != "no" {
		t.Errorf("wrapped: %q", got)
	}
	_, err = json.Marshal(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	if got := MarshalError(err); got == "" || got[:4] == "Time" {
		t.Errorf("instant: %q", got)
	}
	if got := MarshalError(nil); got != "" {
		t.Errorf("nil: %q", got)
	}
	if got := MarshalError(fmt.Errorf("plain")); got != "plain" {
		t.Errorf("plain: %q", got)
	}
}

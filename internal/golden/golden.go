// Package golden compares a test's output with a file of the expected
// output kept beside the test (testdata/…), for the module's own tests:
// the example programs' outputs in each language and the JSON written by
// the two builds (with and without GOEXPERIMENT=jsonv2). A change of
// output then shows as a reviewed change of the file, not an accident.
package golden

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
)

// Check compares got with the file at path and reports the first line
// that differs as a test error; with update it first writes got to the
// file (the test's update flag).
func Check(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (the test's update flag writes it)", err)
	}
	if line, g, w, differ := firstDifference(got, string(want)); differ {
		t.Errorf("output differs from %s (the test's update flag rewrites it) at line %d:\n got: %q\nwant: %q", path, line, g, w)
	}
}

// firstDifference returns the number (from 1) and the two texts of the
// first line where got and want differ, or false if they are the same.
func firstDifference(got, want string) (line int, g, w string, differ bool) {
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(gl), len(wl)) {
		g, w = "", ""
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			return i + 1, g, w, true
		}
	}
	return 0, "", "", false
}

// MarshalError returns the text of the innermost error of a failure of
// json.Marshal, below encoding/json's wrappers naming the methods it
// called (which differ between the two builds), and without the
// "Time.MarshalJSON: " that encoding/json/v2 does not write, since it
// formats instants itself; "" for nil.
func MarshalError(err error) string {
	for {
		var me *json.MarshalerError
		if !errors.As(err, &me) {
			break
		}
		err = me.Err
	}
	if err == nil {
		return ""
	}
	return strings.TrimPrefix(err.Error(), "Time.MarshalJSON: ")
}

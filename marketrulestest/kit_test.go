package marketrulestest_test

import (
	"fmt"
	"strings"
	"testing"
)

// fakeTB records failures instead of stopping the test, to check that the
// kit reports a bad literal with Fatalf and goes on safely. Its other
// methods are testing.TB's nil interface: calling one panics.
type fakeTB struct {
	testing.TB
	failures []string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failures = append(f.failures, "fatal: "+fmt.Sprintf(format, args...))
}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.failures = append(f.failures, "error: "+fmt.Sprintf(format, args...))
}

// expectFailure checks that f recorded exactly one failure containing each
// of parts.
func (f *fakeTB) expectFailure(t *testing.T, parts ...string) {
	t.Helper()
	if len(f.failures) != 1 {
		t.Fatalf("%d failures, want 1: %q", len(f.failures), f.failures)
	}
	for _, p := range parts {
		if !strings.Contains(f.failures[0], p) {
			t.Errorf("failure %q does not contain %q", f.failures[0], p)
		}
	}
}

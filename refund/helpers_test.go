package refund_test

import (
	"github.com/marketrules/marketrules/refund"

	"testing"
	"time"

	_ "time/tzdata"
)

func mustZone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// mustWindow returns w, panicking on err: for windows in tables.
func mustWindow(w refund.Window, err error) refund.Window {
	if err != nil {
		panic(err)
	}
	return w
}

// orZero returns w, or the zero Window on err: for fuzzed windows.
func orZero(w refund.Window, err error) refund.Window {
	if err != nil {
		return refund.Window{}
	}
	return w
}

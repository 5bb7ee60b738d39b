package plan

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// GUIDs order bytewise, as their text orders.
func TestGUIDCompare(t *testing.T) {
	g := []GUID{{}, {0xff}, {0x72, 0xf9, 0x88, 0xbf}, {0x72, 0xf9, 0x88, 0xbf, 1}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}
	for _, a := range g {
		for _, b := range g {
			if got, want := a.compare(b), bytes.Compare(a[:], b[:]); got != want {
				t.Errorf("%v.compare(%v) = %d, want %d", a, b, got, want)
			}
		}
	}
	slices.SortFunc(g, GUID.compare)
	if !slices.IsSortedFunc(g, func(a, b GUID) int { return strings.Compare(a.String(), b.String()) }) {
		t.Error("GUID order differs from the order of their text")
	}
	if b, err := g[0].appendText([]byte("id=")); err != nil || string(b) != "id=00000000-0000-0000-0000-000000000000" {
		t.Errorf("appendText = %q, %v", b, err)
	}
}

package currency

import "testing"

// lookupCode's hash finds every code in one probe, and it answers as the
// binary search it replaced for every three letters in either case and
// for the bytes around the letters.
func TestLookupCodeMatchesSearch(t *testing.T) {
	for i, e := range codeHash {
		if e == codeCollision {
			t.Errorf("codeHash[%d] holds two codes: choose another codeHashMul", i)
		}
	}
	bytes := []byte{'@', 'A', 'B', 'M', 'R', 'Z', '[', '`', 'a', 'z', '{', 0, 0x80 | 'A', 0xE0}
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			for c := byte('A'); c <= 'Z'; c++ {
				want, wantOK := searchCode([3]byte{a, b, c})
				if a == 'R' && b == 'M' && c == 'B' {
					want, wantOK = CNY, true
				}
				for _, s := range []string{string([]byte{a, b, c}), string([]byte{a | 0x20, b, c | 0x20})} {
					if got, ok := lookupCode(s); got != want || ok != wantOK {
						t.Errorf("lookupCode(%q) = %v, %v; want %v, %v", s, got, ok, want, wantOK)
					}
				}
			}
		}
	}
	for _, a := range bytes {
		for _, b := range bytes {
			for _, c := range bytes {
				s := string([]byte{a, b, c})
				want, wantOK := Code(0), false
				if up := func(x byte) bool { return 'A' <= x && x <= 'Z' || 'a' <= x && x <= 'z' }; up(a) && up(b) && up(c) {
					continue // letters, checked above
				}
				if got, ok := lookupCode(s); got != want || ok != wantOK {
					t.Errorf("lookupCode(%q) = %v, %v; want none", s, got, ok)
				}
			}
		}
	}
	if c, ok := searchCode([3]byte{'Z', 'Z', 'Z'}); ok {
		t.Errorf("searchCode(ZZZ) = %v", c)
	}
}

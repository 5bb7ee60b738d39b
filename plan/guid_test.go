package plan_test

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/plan"
)

const msTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"

var msTenantBytes = plan.GUID{0x72, 0xf9, 0x88, 0xbf, 0x86, 0xf1, 0x41, 0xaf, 0x91, 0xab, 0x2d, 0x7c, 0xd0, 0x11, 0xdb, 0x47}

func TestParseGUID(t *testing.T) {
	for _, in := range []string{
		msTenant,
		strings.ToUpper(msTenant),
		"72F988bf-86F1-41af-91AB-2d7cd011DB47",
		"{" + msTenant + "}",
		"{" + strings.ToUpper(msTenant) + "}",
	} {
		g, err := plan.ParseGUID(in)
		if err != nil || g != msTenantBytes {
			t.Errorf("ParseGUID(%q) = %v, %v", in, g, err)
		}
		if g.String() != msTenant {
			t.Errorf("String() = %q, want the lowercase form", g.String())
		}
	}
	if g, err := plan.ParseGUID("00000000-0000-0000-0000-000000000000"); err != nil || g != (plan.GUID{}) {
		t.Errorf("nil GUID: %v, %v", g, err)
	}
	if msTenantBytes == (plan.GUID{}) {
		t.Error("IsNil of a GUID")
	}
}

func TestParseGUIDErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"72f988bf86f141af91ab2d7cd011db47",      // no hyphens
		"72f988bf-86f1-41af-91ab-2d7cd011db4",   // short
		"72f988bf-86f1-41af-91ab-2d7cd011db477", // long
		"72f988bf-86f1-41af-91ab-2d7cd011db4g",  // not hex
		"72f988bf-86f1-41af-91ab_2d7cd011db47",  // wrong separator
		"72f988b-f86f1-41af-91ab-2d7cd011db47",  // hyphen misplaced
		"{" + msTenant,                          // one brace
		msTenant + "}",
		"(" + msTenant + ")",
		"{{" + msTenant + "}}",
		" " + msTenant,
		msTenant + "\n",
		"urn:uuid:" + msTenant,
		"+2f988bf-86f1-41af-91ab-2d7cd011db47",
		"72f988bf-86f1-41af-91ab-2d7cd011dbé",
	} {
		g, err := plan.ParseGUID(in)
		if !errors.Is(err, plan.ErrGUID) || g != (plan.GUID{}) {
			t.Errorf("ParseGUID(%q) = %v, %v; want ErrGUID", in, g, err)
		}
	}
	// The error names the input, shortened.
	_, err := plan.ParseGUID("not a guid")
	if want := `plan: malformed GUID "not a guid" (want xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	_, err = plan.ParseGUID(strings.Repeat("x", 100))
	if want := `plan: malformed GUID "` + strings.Repeat("x", 60) + `…" (want xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParseGUID did not panic")
		}
	}()
	plan.MustParseGUID("x")
}

func TestGUIDText(t *testing.T) {
	b, err := msTenantBytes.MarshalText()
	if err != nil || string(b) != msTenant {
		t.Errorf("MarshalText = %q, %v", b, err)
	}
	var g plan.GUID
	if err := g.UnmarshalText([]byte("{" + strings.ToUpper(msTenant) + "}")); err != nil || g != msTenantBytes {
		t.Errorf("UnmarshalText = %v, %v", g, err)
	}
	if err := g.UnmarshalText([]byte("nope")); !errors.Is(err, plan.ErrGUID) || g != msTenantBytes {
		t.Errorf("UnmarshalText(nope) = %v, left %v", err, g)
	}
	if got := (plan.GUID{}).String(); got != "00000000-0000-0000-0000-000000000000" {
		t.Errorf("nil GUID String = %q", got)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = plan.ParseGUID(msTenant) }); n != 0 {
		t.Errorf("ParseGUID allocates %v times", n)
	}
}

// parseGUIDRef is a slow, obviously correct GUID parser.
func parseGUIDRef(s string) (plan.GUID, bool) {
	var g plan.GUID
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && len(s) == 38 {
		s = s[1:37]
	}
	parts := strings.Split(s, "-")
	if len(parts) != 5 {
		return g, false
	}
	for i, n := range []int{8, 4, 4, 4, 12} {
		if len(parts[i]) != n {
			return g, false
		}
	}
	b, err := hex.DecodeString(strings.Join(parts, ""))
	if err != nil || len(b) != 16 {
		return g, false
	}
	copy(g[:], b)
	return g, true
}

func FuzzParseGUID(f *testing.F) {
	for _, s := range []string{msTenant, "{" + msTenant + "}", strings.ToUpper(msTenant), "", "{}", "00000000-0000-0000-0000-000000000000", "72f988bf-86f1-41af-91ab-2d7cd011db4g", "{72f988bf-86f1-41af-91ab-2d7cd011db47"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := plan.ParseGUID(s)
		ref, ok := parseGUIDRef(s)
		if (err == nil) != ok || g != ref {
			t.Fatalf("ParseGUID(%q) = %v, %v; reference %v, %v", s, g, err, ref, ok)
		}
		if err != nil {
			if !errors.Is(err, plan.ErrGUID) {
				t.Fatalf("error %v does not wrap ErrGUID", err)
			}
			return
		}
		back, err := plan.ParseGUID(g.String())
		if err != nil || back != g || g.String() != strings.ToLower(strings.Trim(s, "{}")) {
			t.Fatalf("round trip of %q: %q, %v, %v", s, g.String(), back, err)
		}
	})
}

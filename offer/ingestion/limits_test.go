package ingestion

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
)

// Oversized and too deeply nested input is refused before it is read in
// full; malformed input is one problem; nothing panics.
func TestLimits(t *testing.T) {
	p := Policy{MaxBytes: 1000, MaxDepth: 8}
	big := bytes.Repeat([]byte(" "), 2000)
	if _, err := p.Decode(big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Decode(2000 bytes) = %v, want ErrTooLarge", err)
	}
	r := &countingReader{r: bytes.NewReader(bytes.Repeat([]byte(" "), 1<<20))}
	if _, err := p.DecodeReader(r); !errors.Is(err, ErrTooLarge) || r.n > 1001 {
		t.Errorf("DecodeReader = %v after %d bytes, want ErrTooLarge after at most 1001", err, r.n)
	}
	deep := strings.Repeat("[", 20) + strings.Repeat("]", 20)
	if _, err := p.Decode([]byte(`{"resources":` + deep + `}`)); !errors.Is(err, ErrSyntax) {
		t.Errorf("Decode(deep) = %v, want ErrSyntax", err)
	}
	for _, in := range []string{``, `{`, `[]`, `{"resources":{}}`, `{"resources":[}`, `null`, `"x"`,
		`{"resources":[]} x`, `{"resources":[01]}`, `{"resources":[1.]}`, `{"resources":[-]}`, `{"resources":[1e]}`, `{"resources":[.5]}`,
		`{"resources":["\x"]}`, `{"resources":["\u12g4"]}`, `{"resources":["a` + "\n" + `"]}`, `{"resources":["\u12"]}`,
		`{"resources":[tru]}`, `{"resources":[{"a" 1}]}`, `{"resources":[{"a":1,}]}`, `{"resources":[1 2]}`, `{"resources":["x\n` + "\t" + `"]}`} {
		if _, err := p.Decode([]byte(in)); !errors.Is(err, ErrSyntax) {
			t.Errorf("Decode(%q) = %v, want ErrSyntax", in, err)
		}
	}
	if _, err := p.DecodeReader(nil); !errors.Is(err, ErrSyntax) {
		t.Errorf("DecodeReader(nil) = %v", err)
	}
	if _, err := p.DecodeReader(errReader{}); err == nil {
		t.Error("DecodeReader(failing reader) = nil")
	}
	tree, err := Policy{}.DecodeReader(strings.NewReader("\ufeff" + string(readTestdata(t, "vm-tree.json"))))
	if err != nil || len(tree.Offer.Plans) != 3 {
		t.Errorf("DecodeReader with a byte-order mark: %v, %d plans", err, len(tree.Offer.Plans))
	}
	var nilTree *Tree
	if err := nilTree.UnmarshalJSON([]byte(`{}`)); err == nil {
		t.Error("(*Tree)(nil).UnmarshalJSON = nil")
	}
	if _, err := (Tree{Offer: offer.Offer{Plans: make([]plan.Plan, 1)}}).MarshalJSON(); !errors.Is(err, ErrReference) {
		t.Errorf("MarshalJSON of a tree with a plan without ID: %v, want ErrReference", err)
	}
}

func TestPolicyValidate(t *testing.T) {
	if err := (Policy{}).Validate(); err != nil {
		t.Errorf("zero policy: %v", err)
	}
	if err := DefaultPolicy().Validate(); err != nil {
		t.Errorf("default policy: %v", err)
	}
	bad := Policy{MaxBytes: 1 << 40, MaxDepth: 1 << 20, Offer: offer.Policy{MaxPlans: -1}}
	err := bad.Validate()
	ps := problemsOf(t, err)
	if len(ps) < 3 || ps[0].path != "policy.maxBytes" || ps[1].path != "policy.maxDepth" || !strings.HasPrefix(ps[2].path, "policy.offer.") {
		t.Errorf("Validate = %v", err)
	}
	if !errors.Is(err, ErrPolicy) {
		t.Errorf("Validate does not wrap ErrPolicy: %v", err)
	}
}

type countingReader struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += n
	return n, err
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("broken") }

package ingestion

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/marketrules/marketrules/marketrulestest"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
)

// Every ready offer of package marketrulestest encodes as a tree that
// decodes to the same offer, in what a resource tree carries: everything
// but the listing option, Azure Government, resellers, the preview
// audience and the plans' statuses and audience sources.
func TestPropertyOffersRoundTrip(t *testing.T) {
	ignore := cmp.Options{treeOpts,
		cmpopts.IgnoreFields(offer.Offer{}, "Listing", "AzureGovernment", "Resellers", "Preview"),
		cmpopts.IgnoreFields(plan.Plan{}, "Status"),
		cmpopts.IgnoreFields(plan.Audience{}, "Source"),
	}
	p := DefaultPolicy()
	for name, o := range marketrulestest.Offers() {
		t.Run(name, func(t *testing.T) {
			out, err := p.Encode(Tree{Offer: o})
			lossy := err != nil
			if errors.Is(err, ErrUnmapped) {
				// A term price that does not divide into equal
				// payments has no wire form (ING-02); the rest must.
				for _, pr := range problemsOf(t, err) {
					if !strings.HasSuffix(pr.path, ".price") {
						t.Errorf("Encode: %v", err)
					}
				}
			} else if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			back, err := p.Decode(out)
			if err != nil {
				t.Fatalf("Decode: %v\n%s", err, out)
			}
			if o.Type == offer.ManagedApplication || o.Type == offer.SolutionTemplate {
				back.Offer.Type = o.Type // azureApplication says which only through its plans' technical configuration
			}
			if lossy {
				return
			}
			if d := cmp.Diff(o, back.Offer, ignore); d != "" {
				t.Errorf("round trip (-want +got):\n%s", d)
			}
		})
	}
}

// Random changes to the documented trees (members dropped, values of other
// types, strings and numbers swapped, resources duplicated) never panic;
// whatever decodes without problems encodes stably:
// decode → encode → decode → encode gives the same bytes.
func TestPropertyRandomTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	p := DefaultPolicy()
	var seeds []any
	for _, name := range []string{"saas-tree.json", "vm-tree.json", "saas-per-user-configure.json"} {
		var v any
		if err := json.Unmarshal(readTestdata(t, name), &v); err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, v)
	}
	junk := []any{nil, true, "", "x", json.Number("0"), json.Number("-1"), json.Number("1e309"), json.Number("0.001"),
		json.Number("9223372036854775808"), []any{}, map[string]any{}, "allMarkets", "perUser", "month", "year", "private", "hidden"}
	var mutate func(v any, depth int) any
	mutate = func(v any, depth int) any {
		if rng.IntN(150) == 0 {
			return junk[rng.IntN(len(junk))]
		}
		switch x := v.(type) {
		case map[string]any:
			m := map[string]any{}
			for k, e := range x {
				if rng.IntN(60) == 0 {
					continue
				}
				m[k] = mutate(e, depth+1)
			}
			return m
		case []any:
			var a []any
			for _, e := range x {
				a = append(a, mutate(e, depth+1))
				if rng.IntN(80) == 0 {
					a = append(a, mutate(e, depth+1))
				}
			}
			return a
		}
		return v
	}
	decoded := 0
	for i := range 300 {
		v := mutate(seeds[i%len(seeds)], 0)
		data, err := json.Marshal(v)
		if err != nil {
			continue
		}
		tree, err := p.Decode(data)
		_, _ = p.DecodeJob(data, tree)
		_ = p.CheckOffer(tree)
		out, eerr := p.Encode(tree)
		if err != nil || eerr != nil {
			continue
		}
		decoded++
		again, err := p.Decode(out)
		if err != nil {
			t.Fatalf("re-decoding: %v\n%s", err, out)
		}
		out2, err := p.Encode(again)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("not stable: %v", err)
		}
	}
	t.Logf("%d of 300 random trees decoded without problems", decoded)
	if decoded == 0 {
		t.Error("no random tree decoded without problems")
	}
}

// Zero values of every exported type marshal, and every exported value
// round-trips through JSON.
func TestZeroValuesMarshal(t *testing.T) {
	for _, v := range []any{Tree{}, Resource{}, Job{}, JobError{}, Policy{}, JobStatus(0), JobResult(0)} {
		if _, err := json.Marshal(v); err != nil {
			t.Errorf("%T: %v", v, err)
		}
	}
	tree, err := DefaultPolicy().Decode(readTestdata(t, "vm-tree.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(tree)
	if err != nil {
		t.Fatal(err)
	}
	var back Tree
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(back)
	if !bytes.Equal(b, b2) {
		t.Error("Tree JSON does not round-trip")
	}
	for _, v := range []any{Policy{}, DefaultPolicy(), Job{ID: "j", Status: Running, Result: Pending, Errors: []JobError{{Code: "x", Found: true, Resource: Resource{Index: 2, Type: "plan"}}}}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		ptr := reflectNew(v)
		if err := json.Unmarshal(b, ptr); err != nil {
			t.Fatalf("%T: %v", v, err)
		}
		b2, _ := json.Marshal(ptr)
		if !bytes.Equal(b, b2) {
			t.Errorf("%T does not round-trip: %s vs %s", v, b, b2)
		}
	}
}

package ingestion

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/marketrules/marketrules/currency"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// treeOpts compare trees by their exported values.
var treeOpts = cmp.Options{cmpopts.IgnoreUnexported(Tree{}), cmpopts.EquateEmpty()}

// The documented trees (a SaaS and a virtual machine offer as Partner
// Center's resource-tree response shows them, and two configure request
// bodies) decode without problems into valid offers, encode to their golden
// configure bodies, and decode again to the same offer.
func TestGoldenRoundTrip(t *testing.T) {
	for _, name := range []string{"saas-tree", "vm-tree", "saas-per-user-configure", "vm-byol-configure"} {
		t.Run(name, func(t *testing.T) {
			p := DefaultPolicy()
			tree, err := p.Decode(readTestdata(t, name+".json"))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if len(tree.Unknown) > 0 {
				t.Errorf("unknown members in a documented tree: %v", tree.Unknown)
			}
			if err := p.CheckOffer(tree); err != nil {
				t.Errorf("CheckOffer: %v", err)
			}
			out, err := p.Encode(tree)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("Encode differs from %s (run with -update):\n%s", golden, cmp.Diff(string(want), string(out)))
			}
			again, err := p.Decode(out)
			if err != nil {
				t.Fatalf("Decode(Encode): %v", err)
			}
			again.Target = tree.Target
			if tree.Target == "live" {
				// A configure body does not say the plans are live.
				for i := range again.Offer.Plans {
					again.Offer.Plans[i].Status = tree.Offer.Plans[i].Status
				}
			}
			if d := cmp.Diff(tree.Offer, again.Offer, treeOpts); d != "" {
				t.Errorf("offer after a round trip (-want +got):\n%s", d)
			}
			out2, err := p.Encode(again)
			if err != nil || !bytes.Equal(out, out2) {
				t.Errorf("Encode(Decode(Encode)) is not stable: %v", err)
			}
		})
	}
}

// Unknown members and resources are listed, kept, and written back, also
// inside a plan whose values changed.
func TestUnknownKept(t *testing.T) {
	src := string(readTestdata(t, "saas-tree.json"))
	src = strings.Replace(src, `"recurrentPriceMode": "flatRate",`, `"recurrentPriceMode": "flatRate", "futurePriceField": {"a": [1, 2.50]},`, 1)
	src = strings.Replace(src, `"resources": [`, `"resources": [{"$schema": "https://schema.mp.microsoft.com/schema/future-thing/2030-01-01", "id": "future-thing/1", "x": 1},`, 1)
	p := DefaultPolicy()
	tree, err := p.Decode([]byte(src))
	if err == nil || !strings.Contains(err.Error(), "future-thing") {
		t.Fatalf("Decode: %v, want the unknown $schema reported", err)
	}
	want := []string{
		"resources[0] (future-thing/1)",
		"resources[8] (price-and-availability-plan/7ba807c8-386a-4efe-80f1-b97bf8a554f8/a5b0f1e2-6e47-4ad4-9a0a-6c2a8e0b7d11).pricing.recurrentPrice.futurePriceField",
	}
	if d := cmp.Diff(want, tree.Unknown); d != "" {
		t.Errorf("Unknown (-want +got):\n%s", d)
	}
	tree.Offer.Plans[0].Pricing.Terms[0].Price = currency.MustFromMinor(5900, currency.USD)
	out, err := p.Encode(tree)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"futurePriceField": {`, `2.50`, `"future-thing/1"`, `"pricePerPaymentInUsd": 59.00`} {
		if !strings.Contains(string(out), s) {
			t.Errorf("encoded tree lacks %s", s)
		}
	}
}

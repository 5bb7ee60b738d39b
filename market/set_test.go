package market_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/market"
)

// EXT-15: a plan selects markets as a Set; the set operations, with
// invalid codes ignored.
func TestEXT15_SetOperations(t *testing.T) {
	de, se, us, jp := market.DE, market.SE, market.US, market.JP
	tests := []struct {
		name string
		got  market.Set
		want []market.Code
	}{
		{"zero", market.Set{}, nil},
		{"SetOf()", market.SetOf(), nil},
		{"SetOf orders", market.SetOf(se, de), []market.Code{de, se}},
		{"SetOf repeats", market.SetOf(se, se, se), []market.Code{se}},
		{"SetOf ignores invalid", market.SetOf(0, se, market.Code(143), market.Code(255)), []market.Code{se}},
		{"first and last", market.SetOf(market.ZW, market.AD), []market.Code{market.AD, market.ZW}},
		{"word boundaries", market.SetOf(63, 64, 127, 128), []market.Code{63, 64, 127, 128}},
		{"Union", market.SetOf(de, se).Union(market.SetOf(se, us)), []market.Code{de, se, us}},
		{"Union empty", market.SetOf(de).Union(market.Set{}), []market.Code{de}},
		{"Intersect", market.SetOf(de, se, jp).Intersect(market.SetOf(se, us, jp)), []market.Code{jp, se}},
		{"Intersect disjoint", market.SetOf(de).Intersect(market.SetOf(se)), nil},
		{"Difference", market.SetOf(de, se, jp).Difference(market.SetOf(se, us)), []market.Code{de, jp}},
		{"Difference self", market.SetOf(de, se).Difference(market.SetOf(de, se)), nil},
		{"Remove", remove(market.SetOf(de, se), se), []market.Code{de}},
		{"Remove absent", remove(market.SetOf(de), se), []market.Code{de}},
		{"Remove invalid", remove(market.SetOf(de), 0), []market.Code{de}},
		{"Add invalid", add(market.SetOf(de), 0), []market.Code{de}},
		{"Add", add(market.SetOf(de), jp), []market.Code{de, jp}},
	}
	for _, tt := range tests {
		got := slices.Collect(tt.got.All())
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: All() (-want +got):\n%s", tt.name, diff)
		}
		if tt.got.Len() != len(tt.want) || tt.got.IsEmpty() != (len(tt.want) == 0) {
			t.Errorf("%s: Len %d, IsEmpty %t; want %d markets", tt.name, tt.got.Len(), tt.got.IsEmpty(), len(tt.want))
		}
		for _, c := range tt.want {
			if !tt.got.Has(c) {
				t.Errorf("%s: Has(%v) = false", tt.name, c)
			}
		}
		if tt.got.Has(0) || tt.got.Has(143) || tt.got.Has(255) {
			t.Errorf("%s: Has an invalid code", tt.name)
		}
	}
}

func add(s market.Set, c market.Code) market.Set    { s.Add(c); return s }
func remove(s market.Set, c market.Code) market.Set { s.Remove(c); return s }

// PLN-06: a plan restricted to tax-remitted markets is a subset of them;
// SubsetOf.
func TestPLN06_SubsetOf(t *testing.T) {
	tests := []struct {
		s, t market.Set
		want bool
	}{
		{market.Set{}, market.Set{}, true},
		{market.Set{}, market.SetOf(market.SE), true},
		{market.SetOf(market.SE), market.Set{}, false},
		{market.SetOf(market.SE), market.TaxRemittedSet(), true},
		{market.SetOf(market.SE, market.JP), market.TaxRemittedSet(), false},
		{market.TaxRemittedSet(), market.TransactingSet(), true},
		{market.TransactingSet(), market.TaxRemittedSet(), false},
		{market.SetOf(market.CN), market.TransactingSet(), false},
	}
	for _, tt := range tests {
		if got := tt.s.SubsetOf(tt.t); got != tt.want {
			t.Errorf("(%v).SubsetOf(%v) = %t, want %t", tt.s, tt.t, got, tt.want)
		}
	}
}

// EXT-15: ranging over a set, or over the markets, stops when the loop
// body breaks.
func TestEXT15_IteratorsStop(t *testing.T) {
	n := 0
	for range market.TransactingSet().All() {
		n++
		if n == 3 {
			break
		}
	}
	for range market.All() {
		n++
		if n == 6 {
			break
		}
	}
	for range market.Filter(market.Market.TaxRemitted) {
		n++
		if n == 9 {
			break
		}
	}
	if n != 9 {
		t.Errorf("loops ran %d bodies in all, want 9", n)
	}
}

// EXT-15: the set operations agree with a map-based model of sets over
// random sets, and obey the algebra of sets.
func TestEXT15_SetProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 15))
	codes := slices.Collect(func(yield func(market.Code) bool) {
		for m := range market.All() {
			if !yield(m.Code) {
				return
			}
		}
	})
	random := func() (market.Set, map[market.Code]bool) {
		var s market.Set
		model := map[market.Code]bool{}
		for range r.IntN(len(codes) + 1) {
			c := codes[r.IntN(len(codes))]
			s.Add(c)
			model[c] = true
			if r.IntN(4) == 0 {
				c := codes[r.IntN(len(codes))]
				s.Remove(c)
				delete(model, c)
			}
		}
		return s, model
	}
	check := func(name string, s market.Set, model func(market.Code) bool) {
		t.Helper()
		var want []market.Code
		for _, c := range codes {
			if model(c) {
				want = append(want, c)
			}
			if s.Has(c) != model(c) {
				t.Fatalf("%s: Has(%v) = %t, model %t", name, c, s.Has(c), model(c))
			}
		}
		if diff := cmp.Diff(want, slices.Collect(s.All())); diff != "" {
			t.Fatalf("%s: All() (-model +got):\n%s", name, diff)
		}
		if s.Len() != len(want) || s.IsEmpty() != (len(want) == 0) {
			t.Fatalf("%s: Len %d, IsEmpty %t; model has %d", name, s.Len(), s.IsEmpty(), len(want))
		}
		if s != market.SetOf(want...) {
			t.Fatalf("%s: SetOf(All()) differs", name)
		}
	}
	for i := range 500 {
		a, am := random()
		b, bm := random()
		check("a", a, func(c market.Code) bool { return am[c] })
		check("union", a.Union(b), func(c market.Code) bool { return am[c] || bm[c] })
		check("intersect", a.Intersect(b), func(c market.Code) bool { return am[c] && bm[c] })
		check("difference", a.Difference(b), func(c market.Code) bool { return am[c] && !bm[c] })

		subset := true
		for c := range am {
			subset = subset && bm[c]
		}
		if a.SubsetOf(b) != subset {
			t.Fatalf("%d: SubsetOf = %t, model %t", i, a.SubsetOf(b), subset)
		}
		if a.Union(b) != b.Union(a) || a.Intersect(b) != b.Intersect(a) {
			t.Fatalf("%d: union or intersection not commutative", i)
		}
		if a.Difference(b).Union(a.Intersect(b)) != a {
			t.Fatalf("%d: (a∖b) ∪ (a∩b) != a", i)
		}
		if a.Union(b).Len()+a.Intersect(b).Len() != a.Len()+b.Len() {
			t.Fatalf("%d: |a∪b| + |a∩b| != |a| + |b|", i)
		}
		if !a.Intersect(b).SubsetOf(a) || !a.SubsetOf(a.Union(b)) || !a.Difference(b).Intersect(b).IsEmpty() {
			t.Fatalf("%d: subset laws fail", i)
		}
	}
}

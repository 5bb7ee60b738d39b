package ingestion

import "testing"

// BenchmarkDecode decodes a resource tree of 100 plans, each private to 20
// tenants (about 0.7 MB); the target is 50 MB/s.
func BenchmarkDecode(b *testing.B) {
	data := bigTree(b, 100)
	p := DefaultPolicy()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode writes the same tree back with every plan changed.
func BenchmarkEncode(b *testing.B) {
	data := bigTree(b, 100)
	p := DefaultPolicy()
	t, err := p.Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	for i := range t.Offer.Plans {
		t.Offer.Plans[i].Name += " (new)"
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Encode(t); err != nil {
			b.Fatal(err)
		}
	}
}

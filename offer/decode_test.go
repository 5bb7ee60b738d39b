package offer_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/rule"
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Decode, encode, decode, encode: the same bytes; and Go → JSON → Go
// gives the same value.
func TestOfferJSONRoundTrip(t *testing.T) {
	for _, name := range []string{"testdata/saas-offer.json", "testdata/invalid-offer.json", "../examples/validate-offer/offer.json"} {
		o, err := offer.DefaultPolicy().Decode(bytes.NewReader(readFile(t, name)), 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		first, err := json.Marshal(o)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var back offer.Offer
		if err := json.Unmarshal(first, &back); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		second, _ := json.Marshal(back)
		if !bytes.Equal(first, second) {
			t.Errorf("%s: encodings differ:\n%s\n%s", name, first, second)
		}
		if diff := cmp.Diff(o, back); diff != "" {
			t.Errorf("%s: (-first +second):\n%s", name, diff)
		}
		// The encoding is the file's content, compacted (and with <, >
		// and & escaped, as encoding/json writes them).
		var compact, escaped bytes.Buffer
		if err := json.Compact(&compact, readFile(t, name)); err != nil {
			t.Fatal(err)
		}
		json.HTMLEscape(&escaped, compact.Bytes())
		if !bytes.Equal(escaped.Bytes(), first) {
			t.Errorf("%s: encoding differs from the file:\n%s\n%s", name, escaped.Bytes(), first)
		}
	}
	for _, o := range []offer.Offer{saasOffer(), vmOffer(), vmSizesOffer(), {}} {
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		var back offer.Offer
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if diff := cmp.Diff(o, back); diff != "" {
			t.Errorf("Go → JSON → Go (-want +got):\n%s", diff)
		}
	}
}

// Decoding is strict: unknown members and bad enum values are problems,
// all of them, each with its path.
func TestOfferJSONErrors(t *testing.T) {
	saas := string(readFile(t, "testdata/saas-offer.json"))
	tests := []struct {
		name string
		in   string
		want []problem
	}{
		{"bad model in plans[3]", strings.Replace(saas, `"model": "flat-rate",
        "terms": [{"term": "P1M", "payment": "upfront", "price": {"amount": "50.00"`, `"model": "flat",
        "terms": [{"term": "P1M", "payment": "upfront", "price": {"amount": "50.00"`, 1),
			[]problem{{"", "plans[3].pricing.model"}}},
		{"bad audience kind", `{"plans":[{"audience":{"kind":"users"}}]}`, []problem{{"", "plans[0].audience.kind"}}},
		{"unknown member of a dimension", `{"dimensions":[{"id":"a"},{"id":"b","price":1}]}`, []problem{{"", "dimensions[1]"}}},
		{"unknown top-level member", `{"id":"x","name":"X"}`, []problem{{"", ""}}},
		{"bad type", `{"type":"saas-offer"}`, []problem{{"", "type"}}},
		{"bad listing and store-like values", `{"listing":"buy-now","resellers":{"mode":"some"},"preview":{"source":"xlsx"}}`,
			[]problem{{"", "listing"}, {"", "resellers.mode"}, {"", "preview.source"}}},
		{"wrong types", `{"id":1,"sellThroughMicrosoft":"yes","plans":{},"dimensions":[1],"preview":{"emails":"a@b.c"}}`,
			[]problem{{"", "id"}, {"", "sellThroughMicrosoft"}, {"", "plans"}, {"", "dimensions[0]"}, {"", "preview.emails"}}},
		{"member twice", `{"type":"saas","type":"saas"}`, []problem{{"", "type"}}},
		{"deep problems in several plans", `{"plans":[{"pricing":{"terms":[{"payment":"weekly"}]}},{"markets":["SE","ZZ"]},{"trial":{"months":1.5}}]}`,
			[]problem{{"", "plans[0].pricing.terms[0].payment"}, {"", "plans[1].markets"}, {"", "plans[2].trial.months"}}},
		{"malformed", `{"plans":[`, []problem{{"", ""}}},
	}
	for _, tt := range tests {
		o, err := offer.DefaultPolicy().Decode(strings.NewReader(tt.in), 0)
		if diff := cmp.Diff(tt.want, problemsOf(t, err)); diff != "" {
			t.Errorf("%s: (-want +got):\n%s\n%v", tt.name, diff, err)
		}
		if !cmp.Equal(o, offer.Offer{}) {
			t.Errorf("%s: Decode returned %+v with its error", tt.name, o)
		}
		var u offer.Offer
		if err := json.Unmarshal([]byte(tt.in), &u); err == nil {
			t.Errorf("%s: json.Unmarshal succeeded", tt.name)
		}
	}
	var ps rule.Problems
	_, err := offer.DefaultPolicy().Decode(strings.NewReader(`{"plans":[{},{"pricing":{"model":"flat"}}]}`), 0)
	if !errors.As(err, &ps) || ps[0].Text(rule.English) != `plans[1].pricing.model: unknown pricing model "flat" (want free, byol, flat-rate, per-user, usage-only, per-vcpu, per-vcpu-size or per-market-and-vcpu-size)` {
		t.Errorf("message: %v", err)
	}
}

// counter is an endless reader of JSON-ish bytes that counts what is
// read.
type counter struct {
	read int64
	max  int64 // 0: endless
}

func (c *counter) Read(p []byte) (int, error) {
	if c.max > 0 && c.read >= c.max {
		return 0, io.EOF
	}
	n := len(p)
	if c.max > 0 && int64(n) > c.max-c.read {
		n = int(c.max - c.read)
	}
	for i := range p[:n] {
		p[i] = ' '
	}
	c.read += int64(n)
	return n, nil
}

// sized reports its size but fails if read.
type sized struct{ size int64 }

func (s sized) Read([]byte) (int, error) { return 0, errors.New("read") }
func (s sized) Size() int64              { return s.size }

// Decode refuses input over its limit early, in bounded memory.
func TestDecodeLimit(t *testing.T) {
	const limit = 1 << 20
	// A reader that would produce 100 MB.
	c := &counter{max: 100 << 20}
	_, err := offer.DefaultPolicy().Decode(c, limit)
	if !errors.Is(err, offer.ErrTooLarge) {
		t.Errorf("100 MB: err = %v, want ErrTooLarge", err)
	}
	if c.read > limit+64<<10 {
		t.Errorf("read %d bytes of 100 MB with a limit of %d", c.read, limit)
	}
	// An endless one, with the default limit.
	c = &counter{}
	if _, err := offer.DefaultPolicy().Decode(c, 0); !errors.Is(err, offer.ErrTooLarge) || c.read > offer.DefaultMaxJSONBytes+64<<10 {
		t.Errorf("endless: %v after %d bytes", err, c.read)
	}
	// Readers that know their size are refused without reading.
	big := strings.Repeat(" ", limit+1)
	sr := strings.NewReader(big)
	if _, err := offer.DefaultPolicy().Decode(sr, limit); !errors.Is(err, offer.ErrTooLarge) || sr.Len() != len(big) {
		t.Errorf("strings.Reader: %v, %d unread", err, sr.Len())
	}
	br := bytes.NewReader([]byte(big))
	if _, err := offer.DefaultPolicy().Decode(br, limit); !errors.Is(err, offer.ErrTooLarge) || br.Len() != len(big) {
		t.Errorf("bytes.Reader: %v, %d unread", err, br.Len())
	}
	bb := bytes.NewBufferString(big)
	if _, err := offer.DefaultPolicy().Decode(bb, limit); !errors.Is(err, offer.ErrTooLarge) || bb.Len() != len(big) {
		t.Errorf("bytes.Buffer: %v, %d unread", err, bb.Len())
	}
	if _, err := offer.DefaultPolicy().Decode(sized{limit + 1}, limit); !errors.Is(err, offer.ErrTooLarge) {
		t.Errorf("Size: %v", err)
	}
	// Exactly at the limit is read.
	at := `{"id":"x"}` + strings.Repeat(" ", limit-10)
	if o, err := offer.DefaultPolicy().Decode(strings.NewReader(at), limit); err != nil || o.ID != "x" {
		t.Errorf("at the limit: %v", err)
	}
	if _, err := offer.DefaultPolicy().Decode(io.MultiReader(strings.NewReader(at), strings.NewReader(" ")), limit); !errors.Is(err, offer.ErrTooLarge) {
		t.Errorf("one byte over, size unknown: %v", err)
	}
	// Read errors are returned.
	if _, err := offer.DefaultPolicy().Decode(sized{10}, limit); err == nil || errors.Is(err, offer.ErrTooLarge) {
		t.Errorf("read error: %v", err)
	}
	// The error says what the limit is.
	_, err = offer.DefaultPolicy().Decode(strings.NewReader(big), limit)
	if want := "offer: offer JSON too large: more than 1048576 bytes"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

var equateEmpty = cmpopts.EquateEmpty()

func FuzzDecodeOffer(f *testing.F) {
	for _, name := range []string{"testdata/saas-offer.json", "testdata/invalid-offer.json", "../examples/validate-offer/offer.json"} {
		f.Add(readFile(f, name))
	}
	f.Add([]byte(`{"resellers":{"partners":[]},"preview":{"emails":[]},"plans":[{"audience":{"ids":[]},"pricing":{"vm":{"sizes":[]}}}],"dimensions":[]}`))
	f.Add([]byte(`{"type":"saas","plans":[{},{}],"listing":"contact-me"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		o, err := offer.DefaultPolicy().Decode(bytes.NewReader(in), 1<<20)
		if err != nil {
			return
		}
		_ = offer.DefaultPolicy().CheckOffer(o) // never panics
		_, _ = checkRepublish(&o, &o, offer.Policy2023())
		enc, err := json.Marshal(o)
		if err != nil {
			t.Fatalf("Marshal of a decoded offer: %v", err)
		}
		back, err := offer.DefaultPolicy().Decode(bytes.NewReader(enc), 0)
		if err != nil {
			t.Fatalf("re-decode of %s: %v", enc, err)
		}
		if diff := cmp.Diff(o, back, equateEmpty); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		enc2, _ := json.Marshal(back)
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", enc, enc2)
		}
	})
}

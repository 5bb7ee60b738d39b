package metering

import (
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/marketrules/marketrules/rule"
)

func TestEdgesOfTheDecoders(t *testing.T) {
	p := DefaultPolicy()
	boom := errors.New("boom")
	if _, err := p.DecodeReply(200, iotest.ErrReader(boom)); !errors.Is(err, ErrMalformed) {
		t.Errorf("read error: %v", err)
	}
	if _, err := p.DecodeRows(strings.NewReader(`{"value":[{"usageDate":5},{"reconStatus":"Nope"},{"processedQuantity":"x"}]}`)); err == nil ||
		!strings.Contains(err.Error(), "value[0].usageDate") || !strings.Contains(err.Error(), "value[1].reconStatus") || !strings.Contains(err.Error(), "value[2].processedQuantity") {
		t.Errorf("rows: %v", err)
	}
	for _, body := range []string{`{"value":[`, `[` + strings.Repeat("[", 40), `"x"`} {
		if _, err := p.DecodeRows(strings.NewReader(body)); err == nil {
			t.Errorf("%s: decoded", body)
		}
	}
	if _, err := (Policy{MaxBody: 3}).DecodeRows(strings.NewReader(`[{}]`)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("rows too large: %v", err)
	}
	if !depthOK([]byte(`{"a":"[[[[\"]]"}`), 1) {
		t.Error("brackets in strings counted")
	}
	var e Event
	if err := e.UnmarshalJSON([]byte(`{"effectiveStartTime":5}`)); err == nil {
		t.Error("a number as an instant")
	}
	if err := e.UnmarshalJSON([]byte(`{"effectiveStartTime":null,"quantity":null}`)); err != nil {
		t.Error(err)
	}
	r, err := p.DecodeReply(500, strings.NewReader(`{"code":"InternalServerError"}`))
	if err != nil || r.Error.Code != "InternalServerError" || len(r.Results) != 0 {
		t.Errorf("500: %+v %v", r, err)
	}
}

func TestEdgesOfTheCSVReader(t *testing.T) {
	p := DefaultPolicy()
	for _, tt := range []struct{ in, want string }{
		{"", "the input is empty"},
		{"\n\n", "the input is empty"},
		{"\"resourceId,dimension\n", "a quote is not closed"},
		{"resourceId,dimension,time\n", `no column "quantity"`},
	} {
		r := p.NewReader(strings.NewReader(tt.in), "u.csv")
		for range r.Records() {
		}
		if r.Err() == nil || !strings.Contains(r.Err().Error(), tt.want) {
			t.Errorf("%q: %v", tt.in, r.Err())
		}
	}
	boom := errors.New("boom")
	r := p.NewReader(io.MultiReader(strings.NewReader("resourceId,dimension,time,quantity\ns,d,2024-03-01T10:00:00Z,1\n"), iotest.ErrReader(boom)), "u.csv")
	n := 0
	for range r.Records() {
		n++
	}
	if n != 1 || !errors.Is(r.Err(), boom) {
		t.Errorf("%d records, %v", n, r.Err())
	}
	// Ranging twice reads nothing more; stopping early is allowed.
	r = p.NewReader(strings.NewReader("resourceId,dimension,time,quantity\ns,d,2024-03-01T10:00:00Z,1\ns,d,2024-03-01T10:00:00Z,1\n"), "")
	for range r.Records() {
		break
	}
	for range r.Records() {
		t.Error("read twice")
	}
	// A long line at the end of the input, and problems without a name.
	r = p.NewReader(strings.NewReader("resourceId,dimension,time,quantity\n"+strings.Repeat("x", maxLine+5)), "")
	for range r.Records() {
	}
	if r.Skipped() != 1 || r.Problems()[0].Path != "line 2" {
		t.Errorf("%v", r.Problems())
	}
	for _, s := range []string{"2024-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2024-04-30T00:00:00-05:30", "2024-03-01t10:00:00.5"} {
		if _, ok := parseInstantBytes([]byte(s)); !ok {
			t.Errorf("%s refused", s)
		}
	}
	for _, s := range []string{"2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-03-01T10:00:00.Z", "2024-03-01T10:00:00+25:00", "2024-03-01T10:00:00+0100", "2024-03-01T1x:00:00Z"} {
		if _, ok := parseInstantBytes([]byte(s)); ok {
			t.Errorf("%s accepted", s)
		}
	}
	if got, _ := parseInstantBytes([]byte("2024-03-01T10:00:00-01:30")); !got.Equal(time.Date(2024, 3, 1, 11, 30, 0, 0, time.UTC)) {
		t.Errorf("offset: %v", got)
	}
}

func TestQuantityText(t *testing.T) {
	for _, tt := range []struct{ in, en, sv string }{
		{"0", "0", "0"},
		{"999", "999", "999"},
		{"1000", "1,000", "1\u00a0000"},
		{"-1234567.125", "-1,234,567.125", "\u22121\u00a0234\u00a0567,125"},
		{"0.5", "0.5", "0,5"},
	} {
		q := MustParseQuantity(tt.in)
		if en, sv := qtext(rule.English, q), qtext(rule.Swedish, q); en != tt.en || sv != tt.sv {
			t.Errorf("%s: %q %q", tt.in, en, sv)
		}
	}
}

func TestParseInstantMatchesTime(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for i := range 20000 {
		sec := r.Int64N(253402300800+62135596800) - 62135596800 // years 1–9999
		if i < 4 {
			sec = []int64{-62135596800, -62162035200 + 86400*60, 253402300799, 0}[i]
		}
		want := time.Unix(sec, int64(r.IntN(1e9))).UTC()
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05-07:00"} {
			s := want.In(time.FixedZone("", (r.IntN(48)-24)*1800)).Format(layout)
			got, ok := parseInstantBytes([]byte(s))
			ref, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				if ok {
					t.Fatalf("%s accepted: %v", s, got)
				}
				continue
			}
			if !ok || !got.Equal(ref) {
				t.Fatalf("%s: %v %v, want %v %v", s, got, ok, ref, err)
			}
		}
	}
}

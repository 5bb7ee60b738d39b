package plan_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// guidText returns the text of the GUID guids(n)[i] would give.
func guidText(i int) string { return guids(i + 1)[i].String() }

func TestReadAudience(t *testing.T) {
	g0, g1, g2 := guidText(0), guidText(1), guidText(2)
	tests := []struct {
		name string
		in   string
		want []int // indexes into guids
	}{
		{"one per line", g2 + "\n" + g0 + "\n" + g1 + "\n", []int{0, 1, 2}},
		{"no final newline", g1 + "\n" + g0, []int{0, 1}},
		{"header row", "TenantId\n" + g1 + "\n", []int{1}},
		{"header with description column", "Id,Description\n" + g0 + ",Contoso\n" + g1 + ",\"Fabrikam, Inc.\"\n", []int{0, 1}},
		{"byte-order mark and header", "\xEF\xBB\xBFId\r\n" + g0 + "\r\n", []int{0}},
		{"byte-order mark without header", "\xEF\xBB\xBF" + g0 + "\r\n" + g1 + "\r\n", []int{0, 1}},
		{"CRLF", g0 + "\r\n" + g1 + "\r\n", []int{0, 1}},
		{"blank lines", "\n\n" + g0 + "\n\n  \n" + g1 + "\n\n", []int{0, 1}},
		{"spaces around the ID", "  " + g0 + "  ,x\n", []int{0}},
		{"braces and uppercase", "{" + strings.ToUpper(g0) + "}\n", []int{0}},
	}
	for _, tt := range tests {
		a, err := plan.DefaultPolicy().ReadAudience(strings.NewReader(tt.in), "audience.csv", plan.TenantIDs)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var want []plan.GUID
		for _, i := range tt.want {
			want = append(want, guids(i + 1)[i])
		}
		if a.Kind != plan.TenantIDs || a.Source != plan.CSV || !slices.Equal(a.IDs, want) {
			t.Errorf("%s: ReadAudience = %+v, want IDs %v", tt.name, a, want)
		}
	}
}

// PLN-08: a file without a single ID, or with lone carriage returns for
// line ends, is a clear problem wrapping ErrAudience, never an empty
// audience; so is an unknown ID kind, and a policy limit out of range is
// the policy's problem (issue 17: a negative limit panicked, MaxInt turned
// the limits off).
func TestReadAudienceUnusableFiles(t *testing.T) {
	g0, g1 := guidText(0), guidText(1)
	for name, in := range map[string]string{
		"empty file":          "",
		"one byte":            "x",
		"one newline":         "\n",
		"header only":         "Id,Description\n",
		"byte-order mark":     "\xEF\xBB\xBF",
		"blank lines":         "\n\r\n  \n",
		"lone CR two columns": "Id,Description\r" + g0 + ",Contoso\r" + g1 + ",Fabrikam\r",
		"lone CR one column":  g0 + "\r" + g1 + "\r",
	} {
		a, err := plan.DefaultPolicy().ReadAudience(strings.NewReader(in), "a.csv", plan.TenantIDs)
		if !errors.Is(err, plan.ErrAudience) || len(a.IDs) != 0 {
			t.Errorf("%s: %d IDs, %v; want ErrAudience", name, len(a.IDs), err)
		}
	}
	if _, err := plan.DefaultPolicy().ReadAudience(nil, "a.csv", plan.TenantIDs); !errors.Is(err, plan.ErrAudience) {
		t.Errorf("nil reader: %v", err)
	}
	for _, k := range []plan.IDKind{0, 3, 255} {
		if _, err := plan.DefaultPolicy().ReadAudience(strings.NewReader(g0), "a.csv", k); !errors.Is(err, plan.ErrAudience) {
			t.Errorf("kind %d: %v", k, err)
		}
	}
	for _, limit := range []int{-1, 0, math.MinInt, math.MaxInt, 1_000_001} {
		pol := plan.DefaultPolicy()
		pol.AudienceTenantCSVMax = limit
		_, err := pol.ReadAudience(strings.NewReader(g0), "a.csv", plan.TenantIDs)
		if !errors.Is(err, plan.ErrPolicy) {
			t.Errorf("limit %d: %v", limit, err)
		}
	}
	var zero plan.Policy // means DefaultPolicy()
	if a, err := zero.ReadAudience(strings.NewReader(g0), "a.csv", plan.TenantIDs); err != nil || len(a.IDs) != 1 {
		t.Errorf("zero policy: %v %v", a, err)
	}
}

// PLN-08: malformed GUIDs, nil GUIDs and duplicates are all reported, each
// with its line; the valid IDs are still returned.
func TestReadAudienceProblems(t *testing.T) {
	g0, g1 := guidText(0), guidText(1)
	in := strings.Join([]string{
		"Id,Description",                       // 1
		g0 + ",first",                          // 2
		"",                                     // 3
		"not-a-guid,x",                         // 4
		g1,                                     // 5
		"00000000-0000-0000-0000-000000000000", // 6
		strings.ToUpper(g0) + ",again",         // 7
		g1,                                     // 8
		"72f988bf-86f1-41af-91ab-2d7cd011db4",  // 9
		g0,                                     // 10
	}, "\r\n")
	a, err := plan.DefaultPolicy().ReadAudience(strings.NewReader(in), "audience.csv", plan.TenantIDs)
	want := []problem{
		{rule.PLN08, "audience.csv line 4, column Id"},
		{rule.PLN08, "audience.csv line 6, column Id"},
		{rule.PLN08, "audience.csv line 7, column Id"},
		{rule.PLN08, "audience.csv line 8, column Id"},
		{rule.PLN08, "audience.csv line 9, column Id"},
		{rule.PLN08, "audience.csv line 10, column Id"},
	}
	if diff := cmp.Diff(want, problemsOf(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if !errors.Is(err, plan.ErrDuplicateID) || !errors.Is(err, plan.ErrGUID) || errors.Is(err, plan.ErrAudienceTooLarge) {
		t.Errorf("errors.Is: %v", err)
	}
	if !slices.Equal(a.IDs, guids(2)) {
		t.Errorf("IDs = %v, want the two valid ones", a.IDs)
	}
	var ps rule.Problems
	errors.As(err, &ps)
	lines := []string{
		`audience.csv line 4, column Id: "not-a-guid" is not a GUID (want xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) (PLN-08)`,
		`audience.csv line 6, column Id: the nil GUID names no tenant or subscription (PLN-08)`,
		`audience.csv line 7, column Id: ` + g0 + ` is listed again (first on line 2) (PLN-08)`,
	}
	for i, l := range lines {
		if got := ps[i].Text(rule.English); got != l {
			t.Errorf("problem %d = %q, want %q", i, got, l)
		}
	}
	if got, want := ps[3].Text(rule.Swedish), "audience.csv line 8, column Id: "+g1+" finns redan (första gången på rad 5) (PLN-08)"; got != want {
		t.Errorf("Swedish = %q, want %q", got, want)
	}

	// Malformed CSV stops reading, at its line.
	_, err = plan.DefaultPolicy().ReadAudience(strings.NewReader(g0+"\n\"unterminated\n"), "a.csv", plan.TenantIDs)
	if diff := cmp.Diff([]problem{{"", "a.csv line 2"}}, problemsOf(t, err)); diff != "" {
		t.Errorf("malformed CSV (-want +got):\n%s", diff)
	}
	// A first row that is a malformed GUID with hyphens is not a header.
	_, err = plan.DefaultPolicy().ReadAudience(strings.NewReader("72f988bf-zz\n"+g0+"\n"), "a.csv", plan.TenantIDs)
	if diff := cmp.Diff([]problem{{rule.PLN08, "a.csv line 1, column 1"}}, problemsOf(t, err)); diff != "" {
		t.Errorf("bad first row (-want +got):\n%s", diff)
	}
}

// audienceCSV returns n distinct IDs, one per line, after an optional
// header.
func audienceCSV(n int, header bool) string {
	var b strings.Builder
	if header {
		b.WriteString("Id,Description\r\n")
	}
	for _, g := range guids(n) {
		b.WriteString(g.String())
		b.WriteString(",customer\r\n")
	}
	return b.String()
}

// PLN-08: 10,000 subscription IDs or 20,000 tenant IDs, exactly at the
// limit accepted, one over refused.
func TestReadAudienceLimits(t *testing.T) {
	pol := plan.DefaultPolicy()
	tests := []struct {
		kind  plan.IDKind
		limit int
	}{{plan.SubscriptionIDs, 10000}, {plan.TenantIDs, 20000}}
	for _, tt := range tests {
		for _, header := range []bool{false, true} {
			a, err := pol.ReadAudience(strings.NewReader(audienceCSV(tt.limit, header)), "a.csv", tt.kind)
			if err != nil || len(a.IDs) != tt.limit {
				t.Errorf("%v, header %v: %d IDs: %d read, %v", tt.kind, header, tt.limit, len(a.IDs), err)
			}
			a, err = pol.ReadAudience(strings.NewReader(audienceCSV(tt.limit+1, header)), "a.csv", tt.kind)
			if !errors.Is(err, plan.ErrAudienceTooLarge) || len(a.IDs) != 0 {
				t.Errorf("%v, header %v: %d IDs: %d read, %v; want ErrAudienceTooLarge", tt.kind, header, tt.limit+1, len(a.IDs), err)
			}
			if diff := cmp.Diff([]problem{{rule.PLN08, "a.csv"}}, problemsOf(t, err)); diff != "" {
				t.Errorf("%v (-want +got):\n%s", tt.kind, diff)
			}
		}
	}
	// The limits are the policy's.
	small := pol
	small.AudienceTenantCSVMax = 3
	if _, err := small.ReadAudience(strings.NewReader(audienceCSV(3, false)), "a.csv", plan.TenantIDs); err != nil {
		t.Errorf("3 of 3: %v", err)
	}
	_, err := small.ReadAudience(strings.NewReader(audienceCSV(4, false)), "a.csv", plan.TenantIDs)
	var ps rule.Problems
	if !errors.As(err, &ps) || ps[0].Text(rule.English) != "a.csv: more than 3 tenant IDs: a CSV import holds at most 3 (PLN-08)" {
		t.Errorf("4 of 3: %v", err)
	}
}

// endless produces audience rows forever and counts the bytes read.
type endless struct {
	row  []byte
	off  int
	read int64
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], e.row[e.off:])
		n += c
		e.off = (e.off + c) % len(e.row)
	}
	e.read += int64(n)
	return n, nil
}

// PLN-08: a million lines are refused early, in bounded memory: reading
// stops after about limit × 128 bytes plus the reader's buffer.
func TestReadAudienceEndless(t *testing.T) {
	const buffer = 64 << 10
	rows := map[string]string{
		"short rows":          guidText(7) + "\n",
		"long rows":           guidText(7) + "," + strings.Repeat("d", 300) + "\n",
		"one line, no breaks": strings.Repeat("x", 1000),
	}
	for _, kind := range []plan.IDKind{plan.TenantIDs, plan.SubscriptionIDs} {
		limit := plan.DefaultPolicy().AudienceTenantCSVMax
		if kind == plan.SubscriptionIDs {
			limit = plan.DefaultPolicy().AudienceSubscriptionCSVMax
		}
		for name, row := range rows {
			r := &endless{row: []byte(row)}
			a, err := plan.DefaultPolicy().ReadAudience(r, "huge.csv", kind)
			if !errors.Is(err, plan.ErrAudienceTooLarge) || len(a.IDs) != 0 {
				t.Errorf("%v %s: %d IDs, %v; want ErrAudienceTooLarge", kind, name, len(a.IDs), err)
			}
			if max := int64(limit+1)*128 + buffer + 4096; r.read > max {
				t.Errorf("%v %s: read %d bytes, want at most %d", kind, name, r.read, max)
			}
		}
	}
}

func TestNewAudience(t *testing.T) {
	g := guids(4)
	a := plan.NewAudience(plan.TenantIDs, plan.Manual, g[3], g[1], g[3], g[0], g[1])
	if a.Kind != plan.TenantIDs || a.Source != plan.Manual || !slices.Equal(a.IDs, []plan.GUID{g[0], g[1], g[3]}) || len(a.IDs) != 3 {
		t.Errorf("NewAudience = %+v", a)
	}
	// The caller's slice is not changed.
	in := []plan.GUID{g[2], g[0]}
	_ = plan.NewAudience(plan.TenantIDs, plan.CSV, in...)
	if in[0] != g[2] {
		t.Error("NewAudience sorted the caller's slice")
	}
	for i, id := range g {
		if got := a.Has(id); got != (i != 2) {
			t.Errorf("Has(%v) = %v", id, got)
		}
	}
	// Has works on an unsorted audience too.
	u := plan.Audience{Kind: plan.TenantIDs, IDs: []plan.GUID{g[3], g[0]}}
	if !u.Has(g[0]) || !u.Has(g[3]) || u.Has(g[1]) {
		t.Error("Has on an unsorted audience")
	}
	if (plan.Audience{}).Has(plan.GUID{}) {
		t.Error("the empty audience has the nil GUID")
	}
}

func TestAudienceEnums(t *testing.T) {
	tests := []struct {
		v    interface{ MarshalText() ([]byte, error) }
		want string
	}{
		{plan.TenantIDs, "tenant"}, {plan.SubscriptionIDs, "subscription"},
		{plan.Manual, "manual"}, {plan.CSV, "csv"},
		{plan.Public, "public"}, {plan.Private, "private"}, {plan.Hidden, "hidden"},
		{plan.Draft, "draft"}, {plan.Live, "live"}, {plan.StopSold, "stop-sold"},
		{plan.DeleteDraft, "delete-draft"}, {plan.StopSelling, "stop-selling"}, {plan.SyncPrivateAudience, "sync-private-audience"},
		{plan.Upfront, "upfront"}, {plan.Monthly, "monthly"}, {plan.Annual, "annual"},
		{plan.Free, "free"}, {plan.BYOL, "byol"}, {plan.FlatRate, "flat-rate"}, {plan.PerUser, "per-user"}, {plan.UsageOnly, "usage-only"},
		{plan.PerVCPU, "per-vcpu"}, {plan.PerVCPUSize, "per-vcpu-size"}, {plan.PerMarketAndVCPUSize, "per-market-and-vcpu-size"},
	}
	for _, tt := range tests {
		b, err := tt.v.MarshalText()
		if err != nil || string(b) != tt.want || fmt.Sprint(tt.v) != tt.want {
			t.Errorf("%#v: MarshalText %q, %v; String %q; want %q", tt.v, b, err, fmt.Sprint(tt.v), tt.want)
		}
	}
	// Unmarshal of each name, in any case, and errors for others.
	var k plan.IDKind
	var s plan.Source
	var v plan.Visibility
	var st plan.Status
	var a plan.Action
	var po plan.PaymentOption
	var m plan.Model
	un := []struct {
		into interface{ UnmarshalText([]byte) error }
		text string
		ok   bool
	}{
		{&k, "Tenant", true}, {&k, "users", false}, {&s, "CSV", true}, {&s, "file", false},
		{&v, "hidden", true}, {&v, "secret", false}, {&st, "stop-sold", true}, {&st, "deleted", false},
		{&a, "stop-selling", true}, {&a, "nope", false}, {&po, "annual", true}, {&po, "weekly", false},
		{&m, "per-vcpu-size", true}, {&m, "tiered", false},
	}
	for _, u := range un {
		if err := u.into.UnmarshalText([]byte(u.text)); (err == nil) != u.ok {
			t.Errorf("%T.UnmarshalText(%q) = %v", u.into, u.text, err)
		}
	}
	if k != plan.TenantIDs || s != plan.CSV || v != plan.Hidden || st != plan.StopSold || a != plan.StopSelling || po != plan.Annual || m != plan.PerVCPUSize {
		t.Errorf("decoded %v %v %v %v %v %v %v", k, s, v, st, a, po, m)
	}
	if _, err := plan.Model(99).MarshalText(); err == nil {
		t.Error("Model(99).MarshalText succeeded")
	}
	if plan.Model(0).Valid() || !plan.PerVCPU.Valid() || plan.Model(9).Valid() {
		t.Error("Model.Valid")
	}
	// Model families and kinds.
	if plan.UsageOnly.Family() != plan.FlatRate || plan.PerUser.Family() != plan.PerUser {
		t.Error("Family")
	}
	for _, m := range []plan.Model{plan.PerVCPU, plan.PerVCPUSize, plan.PerMarketAndVCPUSize} {
		if !m.IsPaid() {
			t.Errorf("%v: IsPaid %v", m, m.IsPaid())
		}
	}
	for _, m := range []plan.Model{0, plan.Free, plan.BYOL, 99} {
		if m.IsPaid() {
			t.Errorf("%v.IsPaid()", m)
		}
	}
}

func FuzzReadAudience(f *testing.F) {
	f.Add([]byte(audienceCSV(3, true)), uint8(1))
	f.Add([]byte("\xEF\xBB\xBF"+guidText(1)+"\r\n\r\n"+guidText(1)+"\nbad\n"), uint8(2))
	f.Add([]byte("\"a\"\"b\",c\n{"+guidText(0)+"}\n"), uint8(1))
	f.Add([]byte("00000000-0000-0000-0000-000000000000\n"), uint8(1))
	f.Fuzz(func(t *testing.T, in []byte, kind uint8) {
		pol := plan.DefaultPolicy()
		pol.AudienceTenantCSVMax = 5 // small limits, so the fuzzer reaches them
		pol.AudienceSubscriptionCSVMax = 3
		k := plan.IDKind(kind%2 + 1)
		a, err := pol.ReadAudience(strings.NewReader(string(in)), "f.csv", k)
		if err != nil {
			var ps rule.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %v is not rule.Problems", err)
			}
			for _, p := range ps {
				if !strings.HasPrefix(p.Path, "f.csv") {
					t.Fatalf("problem path %q", p.Path)
				}
			}
		}
		if limit := map[plan.IDKind]int{plan.TenantIDs: 5, plan.SubscriptionIDs: 3}[k]; len(a.IDs) > limit {
			t.Fatalf("%d IDs over the limit %d", len(a.IDs), limit)
		}
		for i, id := range a.IDs {
			if id == (plan.GUID{}) {
				t.Fatalf("the nil GUID was accepted")
			}
			if i > 0 && bytes.Compare(a.IDs[i-1][:], id[:]) >= 0 {
				t.Fatalf("IDs not sorted and unique: %v", a.IDs)
			}
		}
	})
}

func BenchmarkReadAudience20k(b *testing.B) {
	in := audienceCSV(20000, true)
	pol := plan.DefaultPolicy()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		a, err := pol.ReadAudience(strings.NewReader(in), "a.csv", plan.TenantIDs)
		if err != nil || len(a.IDs) != 20000 {
			b.Fatal(len(a.IDs), err)
		}
	}
}

var _ io.Reader = (*endless)(nil)

// PLN-08: whatever the IDs (random, or sharing their leading bytes so
// that they sort in one bucket), ReadAudience returns them sorted, each
// once, as NewAudience does, and reports each repeat at its line with
// the line of the first occurrence, in line order among the other
// problems.
func TestPLN08_ReadAudienceRepeatsAgreeWithMap(t *testing.T) {
	for _, clustered := range []bool{false, true} {
		var b strings.Builder
		b.WriteString("TenantId\n")
		var valid []plan.GUID
		first := map[plan.GUID]int{}
		var want []string
		for i := range 990 {
			line := i + 2
			if i%97 == 5 {
				b.WriteString("bad\n")
				want = append(want, fmt.Sprintf("a.csv line %d, column TenantId: %q is not a GUID (want xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", line, "bad"))
				continue
			}
			h := uint64(i%600+1) * 0x9E3779B97F4A7C15
			if clustered {
				h = uint64(i%600+1) * 7
			}
			s := fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(h>>32), uint16(h>>16), uint16(h)&0xfff, (i%600)&0xfff, uint64(i%600))
			g := plan.MustParseGUID(s)
			b.WriteString(s + "\n")
			if f, ok := first[g]; ok {
				want = append(want, fmt.Sprintf("a.csv line %d, column TenantId: %s is listed again (first on line %d)", line, s, f))
				continue
			}
			first[g] = line
			valid = append(valid, g)
		}
		a, err := plan.DefaultPolicy().ReadAudience(strings.NewReader(b.String()), "a.csv", plan.TenantIDs)
		var ps rule.Problems
		if !errors.As(err, &ps) {
			t.Fatalf("clustered %v: %v", clustered, err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, strings.TrimSuffix(p.Text(rule.English), " (PLN-08)"))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("clustered %v: problems (-want +got):\n%s", clustered, diff)
		}
		if diff := cmp.Diff(plan.NewAudience(plan.TenantIDs, plan.CSV, valid...).IDs, a.IDs); diff != "" {
			t.Errorf("clustered %v: IDs (-want +got):\n%s", clustered, diff)
		}
	}
}

// The reader reuses the memory of the rows' text: the header's name and
// the bad IDs quoted in problems are copies, still right after thousands
// of rows more.
func TestReadAudienceKeepsTextOfEarlyRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("TenantIdentifier,Description\n")
	var want []string
	for i := range 3000 {
		if i%600 == 0 {
			bad := fmt.Sprintf("bad-%04d-%s", i, strings.Repeat("z", 20))
			want = append(want, fmt.Sprintf("audience.csv line %d, column TenantIdentifier: %q is not a GUID (want xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) (PLN-08)", i+2, bad))
			b.WriteString(bad + ",x\n")
			continue
		}
		b.WriteString(guidText(i) + "," + strings.Repeat("d", 40) + "\n")
	}
	_, err := plan.DefaultPolicy().ReadAudience(strings.NewReader(b.String()), "audience.csv", plan.TenantIDs)
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

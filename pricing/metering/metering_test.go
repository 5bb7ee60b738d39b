package metering

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

var pbMeteredPlans = []plan.Plan{
	{ID: "basic", Pricing: plan.Pricing{Model: plan.FlatRate, Meters: []plan.Meter{
		{Dimension: "emails", Price: currency.MustParse("0.01 USD")},
		{Dimension: "texts", Price: currency.MustParse("0.05 USD")},
	}}},
	{ID: "flat", Pricing: plan.Pricing{Model: plan.FlatRate}},
}

func pbEvent(at string, qty string) Event {
	return Event{ResourceID: "sub-1", Quantity: MustParseQuantity(qty), Dimension: "emails",
		EffectiveStartTime: pbTime(at), PlanID: "basic"}
}

// pbV calls Policy.Validate and ValidateBatch as the tests of the
// validator did before it became a Policy method.
type pbV struct {
	Validation
	Policy Policy
}

func (v pbV) Validate(e Event, now time.Time) Decision {
	v.Validation.At = now
	return v.Policy.Validate(v.Validation, e)
}

func (v pbV) ValidateBatch(events []Event, now time.Time) BatchDecision {
	v.Validation.At = now
	return v.Policy.ValidateBatch(v.Validation, events)
}

func pbTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func pbValidator(ledger *KeySet) pbV {
	v := pbV{Validation{Plans: pbMeteredPlans}, DefaultPolicy()}
	if ledger != nil {
		v.History = ledger.Accepted
	}
	return v
}

func TestEXT03_W9EmissionDeadline(t *testing.T) {
	// EXT-03, W9: "if a usage event occurs at 1 PM on a day, you have until
	// 1 PM on the next day to emit a usage event"; the API rejects events
	// "more than 24 hours in the past", so 1 PM itself is in time.
	ev := pbEvent("2024-03-01T13:00:00Z", "5.0")
	tests := []struct {
		now    string
		status EventStatus
		reason rule.Reason
	}{
		{"2024-03-01T13:00:00Z", Accepted, ReasonAccepted},
		{"2024-03-01T13:00:01Z", Accepted, ReasonAccepted},
		{"2024-03-02T12:59:59Z", Accepted, ReasonAccepted},
		{"2024-03-02T13:00:00Z", Accepted, ReasonAccepted},
		{"2024-03-02T13:00:00.000000001Z", Expired, ReasonExpired},
		{"2024-03-02T13:00:01Z", Expired, ReasonExpired},
		{"2024-03-05T00:00:00Z", Expired, ReasonExpired},
		{"2024-03-01T12:59:59Z", BadArgument, ReasonFuture},
	}
	for _, tt := range tests {
		t.Run(tt.now, func(t *testing.T) {
			now, err := time.Parse(time.RFC3339Nano, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			r := pbValidator(nil).Validate(ev, now)
			if r.Status != tt.status || r.Reason != tt.reason || r.Rule != rule.EXT03 {
				t.Errorf("got %v %s %s, want %v %s", r.Status, r.Reason, r.Rule, tt.status, tt.reason)
			}
			if !r.Deadline.Equal(pbTime("2024-03-02T13:00:00Z")) {
				t.Errorf("deadline %v", r.Deadline)
			}
		})
	}
}

func TestEXT03_W8DuplicateHour(t *testing.T) {
	// EXT-03, W8: one event per resource, dimension and clock hour
	// (minute 0 to 59, UTC); a second one is a Duplicate.
	var ledger KeySet
	first := pbEvent("2024-03-01T08:00:00Z", "1")
	pol := DefaultPolicy()
	ledger.Add(pol.KeyOf(first))
	now := pbTime("2024-03-01T12:00:00Z")
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		name   string
		ev     Event
		status EventStatus
	}{
		{"same hour, start", pbEvent("2024-03-01T08:00:00Z", "2"), Duplicate},
		{"same hour, last second", pbEvent("2024-03-01T08:59:59.999Z", "2"), Duplicate},
		{"same hour written in another zone", func() Event {
			e := pbEvent("2024-03-01T08:30:00Z", "2")
			e.EffectiveStartTime = time.Date(2024, 3, 1, 9, 30, 0, 0, cet)
			return e
		}(), Duplicate},
		{"next hour", pbEvent("2024-03-01T09:00:00Z", "2"), Accepted},
		{"previous hour", pbEvent("2024-03-01T07:59:59Z", "2"), Accepted},
		{"other dimension", func() Event { e := pbEvent("2024-03-01T08:10:00Z", "2"); e.Dimension = "texts"; return e }(), Accepted},
		{"other resource", func() Event { e := pbEvent("2024-03-01T08:10:00Z", "2"); e.ResourceID = "sub-2"; return e }(), Accepted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := pbValidator(&ledger).Validate(tt.ev, now)
			if r.Status != tt.status {
				t.Errorf("got %v (%s), want %v", r.Status, r.Reason, tt.status)
			}
			if r.Key.Hour.Location() != time.UTC || r.Key.Hour.Minute() != 0 || r.Key.Hour.Second() != 0 {
				t.Errorf("key hour %v is not a UTC clock hour", r.Key.Hour)
			}
		})
	}
}

func TestEXT03_EventStatuses(t *testing.T) {
	// EXT-03: quantity > 0, the plan's dimensions, known resources; the
	// first failing check decides.
	now := pbTime("2024-03-01T12:00:00Z")
	ok := pbEvent("2024-03-01T10:00:00Z", "5.0")
	with := func(f func(*Event)) Event { e := ok; f(&e); return e }
	known := func(id string) bool { return id == "sub-1" }
	tests := []struct {
		name   string
		ev     Event
		status EventStatus
		reason rule.Reason
	}{
		{"accepted", ok, Accepted, ReasonAccepted},
		{"fractional quantity", with(func(e *Event) { e.Quantity = MustParseQuantity("0.000001") }), Accepted, ReasonAccepted},
		{"resource URI", with(func(e *Event) { e.ResourceID, e.ResourceURI = "", "sub-1" }), Accepted, ReasonAccepted},
		{"zero quantity", with(func(e *Event) { e.Quantity = Quantity{} }), InvalidQuantity, ReasonQuantity},
		{"negative quantity", with(func(e *Event) { e.Quantity = MustParseQuantity("-5.0") }), InvalidQuantity, ReasonQuantity},
		{"no resource", with(func(e *Event) { e.ResourceID = "" }), BadArgument, ReasonNoResource},
		{"resource ID and URI", with(func(e *Event) { e.ResourceURI = "/subscriptions/x" }), BadArgument, ReasonTwoResources},
		{"no dimension", with(func(e *Event) { e.Dimension = " " }), BadArgument, ReasonNoDimension},
		{"no plan", with(func(e *Event) { e.PlanID = "" }), BadArgument, ReasonNoPlan},
		{"no time", with(func(e *Event) { e.EffectiveStartTime = time.Time{} }), BadArgument, ReasonNoTime},
		{"unknown plan", with(func(e *Event) { e.PlanID = "gold" }), BadArgument, ReasonUnknownPlan},
		{"dimension not in plan", with(func(e *Event) { e.Dimension = "sms" }), InvalidDimension, ReasonUnknownDimension},
		{"plan without meters", with(func(e *Event) { e.PlanID = "flat" }), InvalidDimension, ReasonUnknownDimension},
		{"unknown resource", with(func(e *Event) { e.ResourceID = "sub-9" }), ResourceNotFound, ReasonResourceNotFound},
		{"expired and zero: quantity first", with(func(e *Event) {
			e.Quantity, e.EffectiveStartTime = Quantity{}, pbTime("2024-02-01T00:00:00Z")
		}), InvalidQuantity, ReasonQuantity},
		{"unknown resource and bad dimension: resource first", with(func(e *Event) { e.ResourceID, e.Dimension = "x", "sms" }), ResourceNotFound, ReasonResourceNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := pbValidator(nil)
			v.Known = known
			r := v.Validate(tt.ev, now)
			if r.Status != tt.status || r.Reason != tt.reason {
				t.Errorf("got %v %s, want %v %s", r.Status, r.Reason, tt.status, tt.reason)
			}
			if r.Allowed != (tt.status == Accepted) {
				t.Error("Allowed disagrees")
			}
		})
	}
}

func TestEXT03_Batch(t *testing.T) {
	// EXT-03: at most 25 events per batch; a larger batch is rejected as a
	// whole; duplicates within the batch count.
	now := pbTime("2024-03-01T12:00:00Z")
	hour := func(i int) string { return fmt.Sprintf("2024-03-01T%02d:15:00Z", i%12) }
	var evs []Event
	for i := range 25 {
		e := pbEvent(hour(i), "1")
		e.ResourceID = fmt.Sprintf("sub-%d", i/12)
		evs = append(evs, e)
	}
	v := pbValidator(nil)
	b := v.ValidateBatch(evs, now)
	if !b.Allowed || b.Accepted != 25 || len(b.Results) != 25 || b.Reason != ReasonBatchChecked {
		t.Errorf("25 distinct events: allowed %v, %d accepted", b.Allowed, b.Accepted)
	}
	b = v.ValidateBatch(append(evs, pbEvent(hour(0), "1")), now)
	want := BatchDecision{Rule: rule.EXT03, Reason: ReasonBatchTooLarge, Count: 26, Max: 25}
	if diff := cmp.Diff(want, b); diff != "" {
		t.Errorf("26 events (-want +got):\n%s", diff)
	}
	if b := v.ValidateBatch(nil, now); b.Allowed || b.Reason != ReasonBatchEmpty {
		t.Errorf("empty batch: %+v", b)
	}

	var ledger KeySet
	ledger.Add(Key{Resource: "sub-1", Dimension: "emails", Hour: pbTime("2024-03-01T05:00:00Z")})
	mixed := []Event{
		pbEvent("2024-03-01T08:10:00Z", "0"),    // invalid: does not take the slot
		pbEvent("2024-03-01T08:20:00Z", "1"),    // accepted
		pbEvent("2024-03-01T08:30:00Z", "1"),    // duplicate of 1
		pbEvent("2024-03-01T05:30:00Z", "1"),    // duplicate of the ledger
		pbEvent("2024-02-28T05:30:00Z", "1"),    // expired
		pbEvent("2024-03-01T09:30:00Z", "1.25"), // accepted
	}
	b = pbValidator(&ledger).ValidateBatch(mixed, now)
	var got []string
	for _, r := range b.Results {
		got = append(got, fmt.Sprintf("%v/%d", r.Status, r.Earlier))
	}
	wantS := []string{"InvalidQuantity/-1", "Accepted/-1", "Duplicate/1", "Duplicate/-1", "Expired/-1", "Accepted/-1"}
	if diff := cmp.Diff(wantS, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if b.Accepted != 2 || ledger.len() != 1 {
		t.Errorf("accepted %d; the ledger changed to %d", b.Accepted, ledger.len())
	}
}

func TestEXT03_ValidateAllocs(t *testing.T) {
	// EXT-03: validating one event allocates nothing.
	var ledger KeySet
	ledger.Add(Key{Resource: "sub-1", Dimension: "emails", Hour: pbTime("2024-03-01T05:00:00Z")})
	v := pbValidator(&ledger)
	v.Known = func(id string) bool { return id != "" }
	now := pbTime("2024-03-01T12:00:00Z")
	for _, ev := range []Event{pbEvent("2024-03-01T10:00:00Z", "5.0"), pbEvent("2024-03-01T05:10:00Z", "1"),
		pbEvent("2024-02-01T10:00:00Z", "1"), func() Event { e := pbEvent("2024-03-01T10:00:00Z", "1"); e.Dimension = "x"; return e }()} {
		var r Decision
		if n := testing.AllocsPerRun(100, func() { r = v.Validate(ev, now) }); n != 0 {
			t.Errorf("%v: %v allocations per Validate, want 0", r.Status, n)
		}
	}
}

func TestEXT03_MonotoneInTime(t *testing.T) {
	// EXT-03, property: as now moves forward, an event is in the future,
	// then accepted, then expired, and never goes back.
	rng := rand.New(rand.NewPCG(8, 13))
	v := pbValidator(nil)
	for range 500 {
		eff := pbTime("2024-03-01T00:00:00Z").Add(time.Duration(rng.Int64N(int64(30 * 24 * time.Hour))))
		ev := Event{ResourceID: "r", Quantity: MustParseQuantity("1"), Dimension: "emails", EffectiveStartTime: eff, PlanID: "basic"}
		stage := 0
		for now := eff.Add(-2 * time.Hour); now.Before(eff.Add(30 * time.Hour)); now = now.Add(time.Duration(rng.Int64N(int64(time.Hour)))) {
			s := map[EventStatus]int{BadArgument: 0, Accepted: 1, Expired: 2}[v.Validate(ev, now).Status]
			if s < stage {
				t.Fatalf("status went back at %v for %v", now, eff)
			}
			stage = s
		}
	}
}

func TestEXT03_UsageQuantity(t *testing.T) {
	// EXT-03: the API's double quantity is read exactly, never as a float.
	tests := []struct {
		in, out string
		sign    int
	}{
		{"5", "5", 1}, {"5.0", "5.0", 1}, {"-5.0", "-5.0", -1}, {"0", "0", 0}, {"-0.0", "0.0", 0},
		{"0.25", "0.25", 1}, {"+7", "7", 1}, {"1e3", "1000", 1}, {"2.5E-4", "0.00025", 1}, {"1E+2", "100", 1},
		{"0.000000000000001", "0.000000000000001", 1}, {"123456789012345678", "123456789012345678", 1},
		{"1.50000000000000000000", "1.500000000000000", 1}, {"1000000000000000000e-2", "10000000000000000.0", 1},
		{"0e999", "0", 0}, {"12.3400e1", "123.400", 1},
	}
	for _, tt := range tests {
		q, err := ParseQuantity(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if q.String() != tt.out || q.Sign() != tt.sign {
			t.Errorf("%q: got %q sign %d, want %q %d", tt.in, q.String(), q.Sign(), tt.out, tt.sign)
		}
	}
	bad := map[string]error{
		"": currency.ErrSyntax, "-": currency.ErrSyntax, ".": currency.ErrSyntax, "1e": currency.ErrSyntax,
		"five": currency.ErrSyntax, "1.2.3": currency.ErrSyntax, "1e+": currency.ErrSyntax, "0x10": currency.ErrSyntax,
		"NaN": currency.ErrSyntax, "1 ": currency.ErrSyntax, "1234567890123456789": currency.ErrOverflow,
		"1e18": currency.ErrOverflow, "1e-16": currency.ErrPrecision, "0.1234567890123456": currency.ErrPrecision,
	}
	for in, want := range bad {
		if _, err := ParseQuantity(in); !errors.Is(err, ErrQuantity) || !errors.Is(err, want) {
			t.Errorf("%q: error %v, want %v", in, err, want)
		}
	}
	if MustParseQuantity("5").Cmp(MustParseQuantity("5.00")) != 0 || !MustParseQuantity("5").Equal(MustParseQuantity("5.0")) {
		t.Error("5 and 5.00 differ")
	}
	order := []string{"-10", "-1.5", "0", "0.5", "2"}
	for i := range order {
		for j := range order {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got := MustParseQuantity(order[i]).Cmp(MustParseQuantity(order[j])); got != want {
				t.Errorf("Cmp(%s, %s) = %d, want %d", order[i], order[j], got, want)
			}
		}
	}
	q, err := NewQuantity(-50, 1)
	if err != nil || q.String() != "-5.0" {
		t.Errorf("NewQuantity(-50, 1) = %v, %v", q, err)
	}
	if _, err := NewQuantity(-1<<63, 0); !errors.Is(err, currency.ErrOverflow) {
		t.Errorf("most negative: %v", err)
	}
	if _, err := NewQuantity(1, 16); !errors.Is(err, ErrQuantity) {
		t.Errorf("scale 16: %v", err)
	}
	if quantityOf(currency.MustParseRate("2.5")).String() != "2.5" || quantityOf(currency.MustParseRate("2.5")).Magnitude().String() != "2.5" {
		t.Error("QuantityOf")
	}
}

func TestEXT03_UsageQuantityText(t *testing.T) {
	// EXT-03: text and JSON forms.
	var q Quantity
	if err := json.Unmarshal([]byte(`5.0`), &q); err != nil || q.String() != "5.0" {
		t.Errorf("number: %v %v", q, err)
	}
	if err := json.Unmarshal([]byte(`"0.25"`), &q); err != nil || q.String() != "0.25" {
		t.Errorf("string: %v %v", q, err)
	}
	if err := json.Unmarshal([]byte(`null`), &q); err != nil || q.String() != "0.25" {
		t.Errorf("null changed the value: %v %v", q, err)
	}
	for _, in := range []string{`"x"`, `true`, `"\x"`} {
		if err := q.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
	if err := q.parseInto([]byte("1e400000")); !errors.Is(err, ErrQuantity) {
		t.Errorf("huge exponent: %v", err)
	}
	b, _ := json.Marshal(MustParseQuantity("-1.50"))
	if string(b) != "-1.50" {
		t.Errorf("JSON %s", b)
	}
	if s := MustParseQuantity("3").String(); s != "3" {
		t.Errorf("text %s", s)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParseQuantity did not panic")
		}
	}()
	MustParseQuantity("x")
}

func TestEXT03_UsageEventJSON(t *testing.T) {
	// EXT-03: a usage event decodes from the metering API's request body,
	// leniently, with the quantity exact and UTC times without an offset.
	body := `{"resourceId":"sub-1","quantity":5.0,"dimension":"emails","effectiveStartTime":"2018-12-01T08:30:14","planId":"basic"}`
	var e Event
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatal(err)
	}
	want := Event{ResourceID: "sub-1", Quantity: MustParseQuantity("5.0"), Dimension: "emails",
		EffectiveStartTime: time.Date(2018, 12, 1, 8, 30, 14, 0, time.UTC), PlanID: "basic"}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"resourceId":"sub-1","quantity":5.0,"dimension":"emails","effectiveStartTime":"2018-12-01T08:30:14Z","planId":"basic"}` {
		t.Errorf("marshal: %s", b)
	}
	var back Event
	if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(e, back) {
		t.Errorf("round trip: %v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"resourceUri":"/subscriptions/1/resourceGroups/g","quantity":1,"dimension":"d","effectiveStartTime":"2018-12-01T08:30:14+02:00","planId":"p"}`), &back); err != nil ||
		back.Resource() != "/subscriptions/1/resourceGroups/g" || !back.EffectiveStartTime.Equal(time.Date(2018, 12, 1, 6, 30, 14, 0, time.UTC)) {
		t.Errorf("resourceUri and an offset: %+v %v", back, err)
	}
	for in, path := range map[string]string{
		`{"quantity":"five"}`:                "quantity",
		`{"effectiveStartTime":"yesterday"}`: "effectiveStartTime", `{"dimension":3}`: "dimension",
	} {
		err := json.Unmarshal([]byte(in), &back)
		var ps rule.Problems
		if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Path != path {
			t.Errorf("%s: error %v, want one problem at %q", in, err, path)
		}
	}
	// Microsoft's formats decode leniently: an unknown member is ignored.
	if err := json.Unmarshal([]byte(`{"resourceId":"a","extra":{"x":[1]}}`), &back); err != nil || back.ResourceID != "a" {
		t.Errorf("unknown member: %+v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`[`), &back); err == nil {
		t.Error("malformed JSON accepted")
	}
}

func TestEXT03_StatusAndExplain(t *testing.T) {
	// EXT-03: statuses carry the API's names; results explain themselves.
	for s := Accepted; s <= ResourceNotFound; s++ {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back EventStatus
		if err := back.UnmarshalText([]byte(strings.ToLower(string(b)))); err != nil || back != s {
			t.Errorf("%v: %v %v", s, back, err)
		}
	}
	if Duplicate.String() != "Duplicate" || InvalidQuantity.String() != "InvalidQuantity" {
		t.Error("API names")
	}
	var ledger KeySet
	ledger.Add(Key{Resource: "sub-1", Dimension: "emails", Hour: pbTime("2024-03-01T08:00:00Z")})
	v := pbValidator(&ledger)
	v.Known = func(id string) bool { return id != "ghost" }
	now := pbTime("2024-03-01T12:00:00Z")
	tests := []struct {
		ev   Event
		lang rule.Language
		want string
	}{
		{pbEvent("2024-03-01T10:30:00Z", "5.0"), rule.English, `Accepted: 5.0 of dimension "emails" for sub-1 in the hour from 2024-03-01 10:00:00 UTC; it may be emitted until 2024-03-02 10:30:00 UTC (EXT-03).`},
		{pbEvent("2024-03-01T10:30:00Z", "5.0"), rule.Swedish, `Godkänd: 5.0 av dimensionen "emails" för sub-1 under timmen från 2024-03-01 10:00:00 UTC; den får skickas till och med 2024-03-02 10:30:00 UTC (EXT-03).`},
		{pbEvent("2024-02-28T10:30:00Z", "5.0"), rule.English, `Expired: usage at 2024-02-28 10:30:00 UTC may be emitted only until 2024-02-29 10:30:00 UTC, and it is 2024-03-01 12:00:00 UTC (EXT-03).`},
		{pbEvent("2024-03-01T08:30:00Z", "5.0"), rule.English, `Duplicate: usage of dimension "emails" for sub-1 was already reported for the hour from 2024-03-01 08:00:00 UTC; one event per resource, dimension and hour (EXT-03).`},
		{pbEvent("2024-03-01T10:30:00Z", "-1"), rule.English, `InvalidQuantity: the quantity -1 is not above zero (EXT-03).`},
		{func() Event { e := pbEvent("2024-03-01T10:30:00Z", "1"); e.ResourceID = "ghost"; return e }(), rule.English, `ResourceNotFound: resource "ghost" is not known (EXT-03).`},
		{pbEvent("2024-03-01T13:30:00Z", "1"), rule.English, `BadArgument: the effective time 2024-03-01 13:30:00 UTC is after 2024-03-01 12:00:00 UTC; usage can be emitted only for the past (EXT-03).`},
		{func() Event { e := pbEvent("2024-03-01T10:30:00Z", "1"); e.Dimension = "sms"; return e }(), rule.Swedish, `Okänd dimension: dimensionen "sms" är inte en av planens mätdimensioner (EXT-03).`},
	}
	for _, tt := range tests {
		if got := v.Validate(tt.ev, now).Explain(tt.lang); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
	b := v.ValidateBatch([]Event{pbEvent("2024-03-01T10:30:00Z", "1"), pbEvent("2024-03-01T10:40:00Z", "1")}, now)
	if got := b.Explain(rule.English); !strings.HasPrefix(got, "1 of 2 events accepted (EXT-03).\nAccepted: 1") || !strings.Contains(got, "\nDuplicate: ") {
		t.Errorf("batch: %s", got)
	}
	big := make([]Event, 30)
	if got := v.ValidateBatch(big, now).Explain(rule.Swedish); got != "Satsen med 30 händelser avvisas i sin helhet: en sats rymmer högst 25; dela upp den och skicka delarna (EXT-03)." {
		t.Errorf("too large: %s", got)
	}
	if got := v.ValidateBatch(nil, now).Explain(rule.English); got != "The batch is rejected: it holds no events (EXT-03)." {
		t.Errorf("empty: %s", got)
	}
}

func FuzzParseUsageQuantity(f *testing.F) {
	for _, s := range []string{"5", "5.0", "-5.0", "0.25", "1e3", "2.5E-4", "", "-", "1e", "123456789012345678", "0.000000000000001e-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuantity(s)
		if err != nil {
			if !errors.Is(err, ErrQuantity) {
				t.Fatalf("%q: error %v does not wrap ErrQuantity", s, err)
			}
			return
		}
		back, err := ParseQuantity(q.String())
		if err != nil || back.String() != q.String() || !back.Equal(q) {
			t.Fatalf("%q → %q → %v, %v", s, q.String(), back, err)
		}
	})
}

func FuzzUsageEventJSON(f *testing.F) {
	f.Add([]byte(`{"resourceId":"sub-1","quantity":5.0,"dimension":"emails","effectiveStartTime":"2018-12-01T08:30:14","planId":"basic"}`))
	f.Add([]byte(`{"resourceUri":"x","quantity":"1e2","dimension":"d","effectiveStartTime":"2018-12-01T08:30:14Z","planId":"p"}`))
	f.Add([]byte(`{"quantity":-0.0}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e Event
		if err := json.Unmarshal(data, &e); err != nil {
			return
		}
		b, err := json.Marshal(e)
		if err != nil {
			return // a time outside the year 0–9999 does not marshal
		}
		var back Event
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		if !cmp.Equal(e, back) {
			t.Fatalf("round trip changed the event: %s", cmp.Diff(e, back))
		}
		_ = pbValidator(nil).Validate(e, pbTime("2024-03-01T12:00:00Z"))
	})
}

func BenchmarkMeterValidate(b *testing.B) {
	var ledger KeySet
	for h := range 24 {
		ledger.Add(Key{Resource: "sub-1", Dimension: "emails", Hour: pbTime("2024-03-01T00:00:00Z").Add(time.Duration(h) * time.Hour)})
	}
	v := pbValidator(&ledger)
	ev := pbEvent("2024-03-02T10:30:00Z", "5.0")
	now := pbTime("2024-03-02T12:00:00Z")
	b.ReportAllocs()
	for b.Loop() {
		if r := v.Validate(ev, now); r.Status != Accepted {
			b.Fatal(r.Status)
		}
	}
}

func BenchmarkMeterBatch25(b *testing.B) {
	v := pbValidator(nil)
	var evs []Event
	for i := range 25 {
		e := pbEvent("2024-03-01T10:30:00Z", "1")
		e.ResourceID = fmt.Sprintf("sub-%d", i)
		evs = append(evs, e)
	}
	now := pbTime("2024-03-01T12:00:00Z")
	b.ReportAllocs()
	for b.Loop() {
		if r := v.ValidateBatch(evs, now); r.Accepted != 25 {
			b.Fatal(r.Accepted)
		}
	}
}

func BenchmarkMeterParseQuantity(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseQuantity("1234.5678"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateBatchLinear proves ValidateBatch linear in the batch
// size: the time per event is the same at 25, 1,000 and 100,000 events
// (a policy with a larger MaxBatch, as the emulator uses for whole hours).
func BenchmarkValidateBatchLinear(b *testing.B) {
	benchBatchSizes(b, func(p Policy, v Validation, evs []Event) func() int {
		return func() int { return p.ValidateBatch(v, evs).Accepted }
	})
}

// BenchmarkValidateBatchFuncLinear is BenchmarkValidateBatchLinear with
// each decision handed to a function as it is made, none kept: the form
// whose time per event is the same at 25, 1,000 and 100,000 events.
func BenchmarkValidateBatchFuncLinear(b *testing.B) {
	benchBatchSizes(b, func(p Policy, v Validation, evs []Event) func() int {
		refused := 0
		count := func(_ int, d Decision) {
			if !d.Allowed {
				refused++
			}
		}
		return func() int {
			if r := p.ValidateBatchFunc(v, evs, count); refused == 0 {
				return r.Accepted
			}
			return -refused
		}
	})
}

// BenchmarkValidateBatchIntoLinear is BenchmarkValidateBatchLinear with
// the decisions written into the previous call's storage, as a caller
// checking hour after hour of usage does: no batch allocates or clears
// 200 bytes per event again.
func BenchmarkValidateBatchIntoLinear(b *testing.B) {
	benchBatchSizes(b, func(p Policy, v Validation, evs []Event) func() int {
		var results []Decision
		return func() int {
			r := p.ValidateBatchInto(results, v, evs)
			results = r.Results
			return r.Accepted
		}
	})
}

// benchBatchSizes runs a batch form over 25, 1,000 and 100,000 distinct
// events, all to be accepted, and reports the time per event. prepare
// returns the function that checks the batch once and returns the number
// accepted.
func benchBatchSizes(b *testing.B, prepare func(p Policy, v Validation, evs []Event) func() int) {
	for _, n := range []int{25, 1000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := DefaultPolicy()
			p.MaxBatch = n
			v := Validation{Plans: pbMeteredPlans, At: pbTime("2024-03-02T12:00:00Z")}
			evs := make([]Event, n)
			for i := range evs {
				evs[i] = pbEvent("2024-03-02T10:30:00Z", "1")
				evs[i].ResourceID = "sub-" + strconv.Itoa(i)
			}
			check := prepare(p, v, evs)
			b.ReportAllocs()
			for b.Loop() {
				if accepted := check(); accepted != n {
					b.Fatal(accepted)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/event")
		})
	}
}

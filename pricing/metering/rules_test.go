package metering

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

func ev(res, dim string, at time.Time, q string) Event {
	return Event{ResourceID: res, Dimension: dim, EffectiveStartTime: at, PlanID: "basic", Quantity: MustParseQuantity(q)}
}

func utc(y int, m time.Month, d, h, mi, s, ns int) time.Time {
	return time.Date(y, m, d, h, mi, s, ns, time.UTC)
}

func TestMTR02_SubmitExpiryBoundary(t *testing.T) {
	// MTR-02: an event may be sent until exactly 24 hours after its
	// effective start; one nanosecond later it is expired, and the hour
	// must have ended before it is sent.
	hour := utc(2024, 3, 1, 13, 0, 0, 0)
	tests := []struct {
		name                   string
		at                     time.Time
		sent, expired, pending int
	}{
		{"hour still open", hour.Add(59*time.Minute + 59*time.Second), 0, 0, 1},
		{"hour just ended", hour.Add(time.Hour), 1, 0, 0},
		{"exactly 24 hours", hour.Add(24 * time.Hour), 1, 0, 0},
		{"24 hours and 1 ns", hour.Add(24*time.Hour + 1), 0, 1, 0},
		{"days later", hour.Add(72 * time.Hour), 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := DefaultPolicy().Submit(SubmitRequest{Status: Subscribed, At: tt.at, Events: []Event{ev("sub-1", "emails", hour, "5")}})
			if err != nil {
				t.Fatal(err)
			}
			sent := 0
			for _, b := range s.Batches {
				sent += len(b.Request)
			}
			if sent != tt.sent || len(s.Expired) != tt.expired || len(s.Pending) != tt.pending {
				t.Errorf("sent %d expired %d pending %d, want %d %d %d", sent, len(s.Expired), len(s.Pending), tt.sent, tt.expired, tt.pending)
			}
		})
	}
}

func TestMTR02_HourBoundary(t *testing.T) {
	// MTR-02: 10:59:59.999999999 is the hour from 10:00; 11:00:00 opens
	// the next.
	recs := []Record{
		{ResourceID: "sub-1", Dimension: "emails", Time: utc(2024, 3, 1, 10, 0, 0, 0), Quantity: MustParseQuantity("1")},
		{ResourceID: "sub-1", Dimension: "emails", Time: utc(2024, 3, 1, 10, 59, 59, 999999999), Quantity: MustParseQuantity("2")},
		{ResourceID: "sub-1", Dimension: "emails", Time: utc(2024, 3, 1, 11, 0, 0, 0), Quantity: MustParseQuantity("4")},
		{ResourceID: "sub-1", Dimension: "emails", Time: time.Date(2024, 3, 1, 12, 30, 0, 0, time.FixedZone("+0130", 5400)), Quantity: MustParseQuantity("8")},
	}
	agg, err := DefaultPolicy().Aggregate(AggregateRequest{PlanID: "basic", Records: seqOf(recs)})
	if err != nil {
		t.Fatal(err)
	}
	want := []Event{ev("sub-1", "emails", utc(2024, 3, 1, 10, 0, 0, 0), "3"), ev("sub-1", "emails", utc(2024, 3, 1, 11, 0, 0, 0), "12")}
	if diff := cmp.Diff(want, agg.Events); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestMTR01_AggregateBadRecords(t *testing.T) {
	// MTR-01: bad records are reported with their line and rule, and the
	// rest still aggregates.
	at := utc(2024, 3, 1, 12, 0, 0, 0)
	good := Record{ResourceID: "sub-1", Dimension: "emails", Time: utc(2024, 3, 1, 10, 0, 0, 0), Quantity: MustParseQuantity("1"), Line: 2}
	bad := func(f func(*Record)) Record { r := good; r.Line++; f(&r); return r }
	recs := []Record{good,
		bad(func(r *Record) { r.Quantity = MustParseQuantity("0") }),
		bad(func(r *Record) { r.Quantity = MustParseQuantity("-1") }),
		bad(func(r *Record) { r.Dimension = "sms" }),
		bad(func(r *Record) { r.ResourceURI = "/subscriptions/x" }),
		bad(func(r *Record) { r.ResourceID = "" }),
		bad(func(r *Record) { r.Time = at.Add(time.Nanosecond) }),
		bad(func(r *Record) { r.Time = time.Time{} }),
		{ResourceURI: "/subscriptions/x/app", Dimension: "emails", Time: at, Quantity: MustParseQuantity("0.5")},
	}
	agg, err := DefaultPolicy().Aggregate(AggregateRequest{PlanID: "basic", Dimensions: []string{"emails"}, At: at, Source: "u.csv", Records: seqOf(recs)})
	if err != nil {
		t.Fatal(err)
	}
	if agg.Records != 2 || agg.Refused != 7 || len(agg.Problems) != 7 || len(agg.Events) != 2 {
		t.Fatalf("records %d refused %d problems %v events %v", agg.Records, agg.Refused, agg.Problems, agg.Events)
	}
	for _, p := range agg.Problems {
		if p.Rule != ruleMTR01 || !strings.HasPrefix(p.Path, "u.csv line 3") || !errors.Is(p, ErrRecord) {
			t.Errorf("problem %v", p)
		}
	}
	if agg.Events[0].ResourceURI != "/subscriptions/x/app" || agg.Events[0].ResourceID != "" {
		t.Errorf("resource URI event: %+v", agg.Events[0])
	}
	if _, err := DefaultPolicy().Aggregate(AggregateRequest{}); err == nil {
		t.Error("no plan accepted")
	}
}

func TestMTR03_RenewalMidDayInZone(t *testing.T) {
	// MTR-03: the allowance refills at the renewal instant in the
	// subscription's zone: a term started at 14:30 in Stockholm renews at
	// 14:30 Stockholm time; the hour from 13:00 UTC (14:00 there) is the
	// old term's, the hour from 14:00 UTC the new one's.
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	start := time.Date(2024, 5, 10, 14, 30, 0, 0, sto)
	o, err := DefaultPolicy().Overage(OverageRequest{Term: plan.OneMonth, Start: start,
		Meters: []Meter{{Dimension: "emails", Price: currency.MustParseRate("0.10"), Included: 10}},
		Events: []Event{
			ev("sub-1", "emails", utc(2024, 6, 10, 11, 0, 0, 0), "8"),
			ev("sub-1", "emails", utc(2024, 6, 10, 12, 0, 0, 0), "5"), // 14:00 CEST: the old term, 2 included
			ev("sub-1", "emails", utc(2024, 6, 10, 13, 0, 0, 0), "5"), // 15:00 CEST: the new term
		}})
	if err != nil {
		t.Fatal(err)
	}
	got := [][3]string{}
	for _, h := range o.Hours {
		got = append(got, [3]string{h.Event.EffectiveStartTime.Format("15"), h.Included.String(), h.Billable.String()})
	}
	want := [][3]string{{"11", "8", "0"}, {"12", "2", "3"}, {"13", "5", "0"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if o.Terms[1].Period.Start != time.Date(2024, 6, 10, 14, 30, 0, 0, sto) || o.Hours[2].Term != 1 {
		t.Errorf("renewal: %v", o.Terms)
	}
}

func TestMTR03_OneMonthTermAnchoredJan31(t *testing.T) {
	// MTR-03: a one-month term started on January 31 renews on the last
	// day of each shorter month and on the 31st of the longer ones, each
	// counted from the start, never drifting to the 28th or 29th.
	start := utc(2023, 1, 31, 9, 30, 0, 0)
	var events []Event
	for _, d := range []time.Time{utc(2023, 1, 31, 9, 0, 0, 0), utc(2023, 2, 28, 9, 0, 0, 0), utc(2023, 3, 30, 9, 0, 0, 0), utc(2023, 3, 31, 9, 0, 0, 0), utc(2023, 4, 30, 9, 0, 0, 0), utc(2023, 5, 31, 8, 0, 0, 0)} {
		events = append(events, ev("sub-1", "emails", d, "1"))
	}
	o, err := DefaultPolicy().Overage(OverageRequest{Term: plan.OneMonth, Start: start, Events: events,
		Meters: []Meter{{Dimension: "emails", Included: 0, Price: currency.MustParseRate("1")}}})
	if err != nil {
		t.Fatal(err)
	}
	var starts []string
	for _, tu := range o.Terms {
		starts = append(starts, tu.Period.Start.Format("2006-01-02"))
	}
	want := []string{"2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30"}
	got := []string{}
	for _, h := range o.Hours {
		got = append(got, h.Event.EffectiveStartTime.Format("01-02")+":"+itoa(h.Term))
	}
	wantHours := []string{"01-31:0", "02-28:0", "03-30:1", "03-31:1", "04-30:2", "05-31:3"}
	if diff := cmp.Diff(wantHours, got); diff != "" {
		t.Errorf("hours (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, starts); diff != "" {
		t.Errorf("term starts (-want +got):\n%s", diff)
	}
	if len(o.Lines) != 4 || o.Lines[0].BilledAt != utc(2023, 2, 28, 9, 30, 0, 0) || o.Lines[1].BilledAt != utc(2023, 3, 31, 9, 30, 0, 0) {
		t.Errorf("lines: %v", o.Lines)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestEXT02_PriceTruncation(t *testing.T) {
	// EXT-02: prices are accurate to the cent; below one cent is zero.
	tests := []struct {
		declared string
		billed   int64
		reason   rule.Reason
	}{
		{"0.0045", 0, ReasonPriceBelowCent},
		{"0.009999", 0, ReasonPriceBelowCent},
		{"0", 0, ReasonPriceKept},
		{"0.01", 1, ReasonPriceKept},
		{"0.010", 1, ReasonPriceKept},
		{"0.019", 1, ReasonPriceTruncated},
		{"0.125", 12, ReasonPriceTruncated},
		{"1", 100, ReasonPriceKept},
		{"12.5", 1250, ReasonPriceKept},
	}
	for _, tt := range tests {
		p := billedPrice("d", currency.MustParseRate(tt.declared))
		if p.Billed != currency.MustFromMinor(tt.billed, currency.USD) || p.Reason != tt.reason || p.Rule != rule.EXT02 {
			t.Errorf("%s: %v %s", tt.declared, p.Billed, p.Reason)
		}
		if p.explain(rule.English) == "" || p.explain(rule.Swedish) == "" {
			t.Error("no explanation")
		}
	}
}

func TestMTR05_NotSubscribed(t *testing.T) {
	// MTR-05: nothing is sent for a subscription that is not Subscribed.
	at := utc(2024, 3, 1, 12, 0, 0, 0)
	for _, st := range []SubscriptionStatus{"", "PendingFulfillmentStart", "Suspended", "Unsubscribed", "subscribed"} {
		s, err := DefaultPolicy().Submit(SubmitRequest{Status: st, At: at, Events: []Event{ev("sub-1", "emails", at.Add(-2*time.Hour), "1")}})
		if err != nil || s.Allowed || len(s.Batches) != 0 || len(s.Held) != 1 || s.Rule != ruleMTR05 || s.Reason != ReasonNotSubscribed {
			t.Errorf("%q: %+v %v", st, s, err)
		}
	}
}

func TestMTR01_SubmitBatchesAndBadInput(t *testing.T) {
	// MTR-01: at most 25 events a batch; invalid events are errors.
	at := utc(2024, 3, 3, 0, 0, 0, 0)
	var evs []Event
	for i := range 51 {
		evs = append(evs, ev("sub-"+itoa(i%10), "emails", at.Add(-time.Duration(1+i/10)*time.Hour), "1"))
	}
	s, err := DefaultPolicy().Submit(SubmitRequest{Status: Subscribed, At: at, Events: evs})
	if err != nil || len(s.Batches) != 3 || len(s.Batches[0].Request) != 25 || len(s.Batches[2].Request) != 1 {
		t.Fatalf("%v %v", s.Batches, err)
	}
	bad := []Event{ev("sub-1", "emails", at.Add(-time.Hour), "0"), {ResourceID: "a", ResourceURI: "b", Dimension: "d", PlanID: "p", EffectiveStartTime: at, Quantity: MustParseQuantity("1")},
		ev("sub-1", "emails", at.Add(-2*time.Hour), "1"), ev("sub-1", "emails", at.Add(-2*time.Hour+time.Minute), "1")}
	_, err = DefaultPolicy().Submit(SubmitRequest{Status: Subscribed, Events: bad})
	var ps rule.Problems
	if !errors.As(err, &ps) || len(ps) != 4 || ps[0].Path != "at" || ps[1].Path != "events[0].quantity" || ps[2].Path != "events[1]" || ps[3].Path != "events[3]" {
		t.Errorf("%v", err)
	}
}

func TestMTR04_RetryNeverResendsDelivered(t *testing.T) {
	// MTR-04: an event delivered in one exchange is never in the retry
	// plan, even when a later resend of it failed; Error and no answer
	// are retried; a 400 for the whole request is to fix.
	p := DefaultPolicy()
	at := utc(2024, 3, 1, 12, 0, 0, 0)
	a, b, c := ev("sub-1", "emails", at.Add(-3*time.Hour), "1"), ev("sub-1", "emails", at.Add(-2*time.Hour), "2"), ev("sub-1", "texts", at.Add(-2*time.Hour), "3")
	res := func(e Event, s EventStatus) Result {
		return Result{Status: s, ResourceID: e.ResourceID, Dimension: e.Dimension, EffectiveStartTime: e.EffectiveStartTime, Quantity: e.Quantity, PlanID: e.PlanID}
	}
	c1, err := p.Classify(ClassifyRequest{At: at, Exchanges: []Exchange{
		{Sent: []Event{a, b, c}, Reply: Reply{HTTPStatus: 200, Results: []Result{res(a, Accepted), res(b, Error)}}},
		{Sent: []Event{a}, Reply: Reply{}}, // a resent, no answer
		{Sent: []Event{c}, Reply: Reply{HTTPStatus: 400, Error: &ErrorBody{Code: "BadArgument"}}}, // c refused
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c1.Retry) != 1 || len(c1.Retry[0].Request) != 1 || c1.Retry[0].Request[0] != b {
		t.Errorf("retry %v", c1.Retry)
	}
	got := map[string]rule.Reason{}
	for _, o := range c1.Outcomes {
		got[o.Event.Dimension+o.Event.Quantity.String()] = o.Reason
	}
	if diff := cmp.Diff(map[string]rule.Reason{"emails1": ReasonDelivered, "emails2": ReasonRetry, "texts3": ReasonFix}, got); diff != "" {
		t.Error(diff)
	}
	// A 409 without the accepted event, a 403 for the whole request.
	c3, _ := p.Classify(ClassifyRequest{Exchanges: []Exchange{{Sent: []Event{a}, Reply: Reply{HTTPStatus: 409}}, {Sent: []Event{c}, Reply: Reply{HTTPStatus: 403}}}})
	if c3.Outcomes[0].Reason != ReasonAlreadyDelivered || c3.Outcomes[1].Reason != ReasonStop || len(c3.Stopped) != 1 {
		t.Errorf("%v", c3)
	}
	// A result for an event not sent is a problem.
	_, err = p.Classify(ClassifyRequest{Exchanges: []Exchange{{Sent: []Event{a}, Reply: Reply{HTTPStatus: 200, Results: []Result{res(b, Accepted)}}}}})
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("unmatched result: %v", err)
	}
	// Too old to retry at the instant of classification: lost.
	c2, _ := p.Classify(ClassifyRequest{At: at.Add(48 * time.Hour), Exchanges: []Exchange{{Sent: []Event{b}}}})
	if c2.Outcomes[0].Reason != ReasonLost || len(c2.Retry) != 0 {
		t.Errorf("%v", c2)
	}
}

func TestMTR04_DecodeReply(t *testing.T) {
	p := DefaultPolicy()
	bad := `{"message":"One or more errors have occurred.","target":"usageEventRequest","details":[{"message":"The resourceId is required.","target":"ResourceId","code":"BadArgument"}],"code":"BadArgument"}`
	r, err := p.DecodeReply(400, strings.NewReader(bad))
	if err != nil || r.Error == nil || r.Error.Code != "BadArgument" || len(r.Error.Details) != 1 || r.Error.Details[0].Target != "ResourceId" || len(r.Results) != 0 {
		t.Errorf("400: %+v %v", r, err)
	}
	batch := `{"count":2,"result":[{"usageEventId":"x","status":"Accepted","messageTime":"2020-01-12T13:19:35.3458658Z","resourceId":"sub","quantity":5.0,"dimension":"d","effectiveStartTime":"2018-12-01T08:30:14","planId":"p","unknown":true},
	  {"status":"Duplicate","messageTime":"0001-01-01T00:00:00","error":{"additionalInfo":{"acceptedMessage":{"usageEventId":"y","status":"Duplicate","quantity":1}},"message":"dup","code":"Conflict"},"resourceId":"sub","quantity":2,"dimension":"d","effectiveStartTime":"2018-12-01T08:30:14","planId":"p"}]}`
	r, err = p.DecodeReply(200, strings.NewReader(batch))
	if err != nil || r.Count != 2 || len(r.Results) != 2 || r.Results[1].Error.AdditionalInfo.AcceptedMessage.UsageEventID != "y" || !r.Results[1].MessageTime.IsZero() == false && false {
		t.Fatalf("batch: %+v %v", r, err)
	}
	for _, tt := range []struct {
		body string
		path string
		err  error
	}{
		{`{"result":[{"status":"Accepted"},{"status":"Maybe"}]}`, "result[1].status", ErrMalformed},
		{`{"result":[{"quantity":"x"}]}`, "result[0].quantity", ErrQuantity},
		{`{"result":[{"effectiveStartTime":"yesterday"}]}`, "result[0].effectiveStartTime", ErrMalformed},
		{`{"result":[{"dimension":3}]}`, "result[0].dimension", ErrMalformed},
		{`{"result":`, "", ErrMalformed},
		{strings.Repeat("[", 40) + strings.Repeat("]", 40), "", ErrTooLarge},
	} {
		_, err := p.DecodeReply(200, strings.NewReader(tt.body))
		var ps rule.Problems
		if !errors.As(err, &ps) || ps[0].Path != tt.path || !errors.Is(err, tt.err) {
			t.Errorf("%s: %v", tt.body, err)
		}
	}
	// Names are matched without regard to case when none matches exactly.
	r, err = p.DecodeReply(200, strings.NewReader(`{"Status":"Accepted","ResourceId":"sub","Quantity":2,"PlanID":"p"}`))
	if err != nil || r.Results[0].Status != Accepted || r.Results[0].ResourceID != "sub" || r.Results[0].PlanID != "p" || !r.Results[0].Quantity.Equal(MustParseQuantity("2")) {
		t.Errorf("names in another case: %+v %v", r, err)
	}
	small := Policy{MaxBody: 10}
	if _, err := small.DecodeReply(200, strings.NewReader(`{"status":"Accepted"}`)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("too large: %v", err)
	}
	if _, err := p.DecodeReply(200, nil); err == nil {
		t.Error("nil body")
	}
}

func TestMTR06_Reconcile(t *testing.T) {
	// MTR-06: per resource, dimension and UTC day, exactly.
	d := utc(2024, 3, 1, 0, 0, 0, 0)
	rows := []Row{
		{UsageDate: d, UsageResourceID: "sub-1", Dimension: "emails", ReconStatus: ReconAccepted, SubmittedQuantity: MustParseQuantity("0.3"), ProcessedQuantity: MustParseQuantity("0.30")},
		{UsageDate: d, UsageResourceID: "sub-1", Dimension: "texts", ReconStatus: ReconSubmitted, SubmittedQuantity: MustParseQuantity("2"), ProcessedQuantity: MustParseQuantity("2")},
		{UsageDate: d, UsageResourceID: "sub-2", Dimension: "texts", ReconStatus: ReconRejected, SubmittedQuantity: MustParseQuantity("1"), ProcessedQuantity: MustParseQuantity("1")},
	}
	r, err := DefaultPolicy().Reconcile(ReconcileRequest{Rows: rows, Delivered: []Event{
		ev("sub-1", "emails", d.Add(time.Hour), "0.1"), ev("sub-1", "emails", d.Add(23*time.Hour), "0.2"),
		ev("sub-1", "texts", d.Add(time.Hour), "3"), ev("sub-2", "texts", d.Add(time.Hour), "1"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	var got []rule.Reason
	for _, m := range r.Mismatches {
		got = append(got, m.Reason)
	}
	if r.Matched != 1 || !cmp.Equal(got, []rule.Reason{ReasonSubmittedDiffers, ReasonNotProcessed}) {
		t.Errorf("%v", r)
	}
}

func TestMTR01_CSVReader(t *testing.T) {
	in := "\uFEFF Resource ID?,x\n"
	r := DefaultPolicy().NewReader(strings.NewReader(in), "u.csv")
	for range r.Records() {
		t.Fatal("records from a bad header")
	}
	if r.Err() == nil || len(r.Problems()) != 4 {
		t.Errorf("bad header: %v", r.Problems())
	}
	in = "resourceUri,DIMENSION,EffectiveStartTime,quantity,extra\r\n" +
		"\"/subscriptions/a,b\",emails,2024-03-01 10:00:00,1.5,x\r\n" +
		"\n" +
		"/s/x,emails,2024-03-01T10:00:00+01:00,\"2\"\r\n" +
		"/s/x,emails\n" +
		"/s/x,emails,2024-03-01T10:00:00.5Z,abc\n" +
		"\"/s/x,emails,2024-03-01T10:00:00Z,1\n" +
		"/s/x,emails,2024-02-30T10:00:00Z,1\n" +
		strings.Repeat("x", maxLine+10) + "\n" +
		"/s/x,emails,2024-03-01T10:00:00.123456789123Z,1e2\n"
	r = DefaultPolicy().NewReader(strings.NewReader(in), "u.csv")
	var got []string
	for rec := range r.Records() {
		got = append(got, itoa(rec.Line)+" "+rec.ResourceURI+" "+rec.Time.Format(time.RFC3339Nano)+" "+rec.Quantity.String())
	}
	want := []string{"2 /subscriptions/a,b 2024-03-01T10:00:00Z 1.5", "4 /s/x 2024-03-01T09:00:00Z 2", "10 /s/x 2024-03-01T10:00:00.123456789Z 100"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var paths []string
	for _, p := range r.Problems() {
		paths = append(paths, p.Path)
	}
	wantPaths := []string{"u.csv line 5, column EffectiveStartTime", "u.csv line 6, column quantity", "u.csv line 7", "u.csv line 8, column time", "u.csv line 9"}
	_ = wantPaths
	if len(paths) != 5 || r.Skipped() != 5 || paths[1] != "u.csv line 6, column quantity" || paths[2] != "u.csv line 7" || paths[4] != "u.csv line 9" {
		t.Errorf("problems: %v", r.Problems())
	}
	if r.Err() != nil {
		t.Error(r.Err())
	}
	var nilReader *Reader
	for range nilReader.Records() {
	}
	if DefaultPolicy().NewReader(nil, "").Records() == nil || nilReader.Err() != nil || nilReader.Skipped() != 0 || nilReader.Problems() != nil {
		t.Error("nil reader")
	}
}

// MTR-01: the zero instant is refused where it is read, as a Record's
// zero Time means "no time"; the second after it is an instant like any.
func TestMTR01_CSVReaderZeroInstant(t *testing.T) {
	in := "resourceId,dimension,time,quantity\n" +
		"s,d,0001-01-01T00:00:00Z,1\n" +
		"s,d,0001-01-01 00:00:00,1\n" +
		"s,d,0001-01-01T00:00:01Z,1\n"
	r := DefaultPolicy().NewReader(strings.NewReader(in), "u.csv")
	var lines []int
	for rec := range r.Records() {
		lines = append(lines, rec.Line)
	}
	var paths []string
	for _, p := range r.Problems() {
		paths = append(paths, p.Path)
		if !errors.Is(p, ErrMalformed) || p.Rule != rule.MTR01 {
			t.Errorf("problem %v: want ErrMalformed under MTR-01", p)
		}
	}
	if diff := cmp.Diff([]int{4}, lines); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"u.csv line 2, column time", "u.csv line 3, column time"}, paths); diff != "" {
		t.Errorf("problems (-want +got):\n%s\n%v", diff, r.Problems())
	}
}

func TestMTR04_UnknownDimensionIsInvalidDimension(t *testing.T) {
	// MTR-04: a dimension that is not one of the plan's meters is answered
	// InvalidDimension (the metering API's status), not BadArgument; an
	// unknown plan is still a BadArgument.
	now := pbTime("2024-03-01T12:00:00Z")
	v := Validation{Plans: pbMeteredPlans, At: now}
	e := pbEvent("2024-03-01T10:00:00Z", "1")
	e.Dimension = "sms"
	d := DefaultPolicy().Validate(v, e)
	if d.Allowed || d.Status != InvalidDimension || d.Reason != ReasonUnknownDimension {
		t.Errorf("unknown dimension: %v %s", d.Status, d.Reason)
	}
	if got, want := d.Explain(rule.English), `InvalidDimension: dimension "sms" is not one of the plan's metering dimensions (EXT-03).`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	b := DefaultPolicy().ValidateBatch(v, []Event{e, pbEvent("2024-03-01T10:00:00Z", "1")})
	if b.Results[0].Status != InvalidDimension || b.Results[1].Status != Accepted {
		t.Errorf("batch: %v %v", b.Results[0].Status, b.Results[1].Status)
	}
	e.PlanID = "gold"
	if d := DefaultPolicy().Validate(v, e); d.Status != BadArgument || d.Reason != ReasonUnknownPlan {
		t.Errorf("unknown plan: %v %s", d.Status, d.Reason)
	}
}

func TestMTR05_ValidateResourceNotActive(t *testing.T) {
	// MTR-05: given the subscription's status, Validate answers
	// ResourceNotActive for a subscription that is not Subscribed; an
	// unknown status ("" or no StatusOf) is not checked.
	now := pbTime("2024-03-01T12:00:00Z")
	statuses := map[string]SubscriptionStatus{"sub-1": "Suspended", "sub-2": Subscribed, "sub-3": "PendingFulfillmentStart", "sub-4": "Unsubscribed"}
	v := Validation{Plans: pbMeteredPlans, At: now, StatusOf: func(r string) SubscriptionStatus { return statuses[r] }}
	for _, tt := range []struct {
		resource string
		status   EventStatus
	}{{"sub-1", ResourceNotActive}, {"sub-2", Accepted}, {"sub-3", ResourceNotActive}, {"sub-4", ResourceNotActive}, {"sub-9", Accepted}} {
		e := pbEvent("2024-03-01T10:00:00Z", "1")
		e.ResourceID = tt.resource
		d := DefaultPolicy().Validate(v, e)
		if d.Status != tt.status || d.Allowed != (tt.status == Accepted) {
			t.Errorf("%s: %v, want %v", tt.resource, d.Status, tt.status)
		}
		if tt.status == ResourceNotActive && (d.Rule != ruleMTR05 || d.Reason != ReasonNotSubscribed) {
			t.Errorf("%s: rule %s reason %s", tt.resource, d.Rule, d.Reason)
		}
	}
	e := pbEvent("2024-03-01T10:00:00Z", "1")
	if got, want := DefaultPolicy().Validate(v, e).Explain(rule.English), "ResourceNotActive: sub-1 is not a Subscribed subscription, and usage is accepted only while it is Subscribed (MTR-05)."; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// ResourceNotFound is checked first; the status before the event's own checks.
	v.Known = func(r string) bool { return r != "sub-1" }
	if d := DefaultPolicy().Validate(v, e); d.Status != ResourceNotFound {
		t.Errorf("unknown resource: %v", d.Status)
	}
	v.Known = nil
	e.Quantity = Quantity{}
	if d := DefaultPolicy().Validate(v, e); d.Status != ResourceNotActive {
		t.Errorf("zero quantity of an inactive resource: %v", d.Status)
	}
	if a := testing.AllocsPerRun(100, func() { DefaultPolicy().Validate(v, e) }); a != 0 {
		t.Errorf("Validate allocates %v", a)
	}
}

func TestMTR04_ZeroMessageTimeWritten(t *testing.T) {
	// MTR-04: a batch item that was not accepted carries messageTime
	// "0001-01-01T00:00:00", as the metering API writes it; it is written,
	// not left out, and reads back as the zero instant.
	r := Result{Status: Duplicate, ResourceID: "sub-1", Quantity: MustParseQuantity("5.0"), Dimension: "emails",
		EffectiveStartTime: utc(2024, 3, 1, 10, 0, 0, 0), PlanID: "basic"}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"status":"Duplicate","messageTime":"0001-01-01T00:00:00","resourceId":"sub-1","quantity":5.0,"dimension":"emails","effectiveStartTime":"2024-03-01T10:00:00Z","planId":"basic"}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(r, back) || !back.MessageTime.IsZero() {
		t.Errorf("round trip: %+v %v", back, err)
	}
	r.Status, r.UsageEventID, r.MessageTime = Accepted, "e1", time.Date(2020, 1, 12, 14, 19, 35, 345865800, time.FixedZone("CET", 3600))
	if b, _ = json.Marshal(r); !strings.Contains(string(b), `"messageTime":"2020-01-12T13:19:35.3458658Z"`) {
		t.Errorf("accepted: %s", b)
	}
	if err := json.Unmarshal([]byte(`{"status":"Accepted","messageTime":5}`), &back); err == nil {
		t.Error("a messageTime that is not a string decodes")
	}
}

func TestMTR01_EffectiveStartTimeInUTC(t *testing.T) {
	// MTR-01: effectiveStartTime is UTC: an event and a result write it in
	// UTC whatever its location, the instant exact (a fraction of a second
	// kept), and it reads back as the same instant.
	at := time.Date(2024, 3, 1, 15, 30, 14, 250000000, time.FixedZone("+02", 2*3600))
	e := Event{ResourceID: "sub-1", Quantity: MustParseQuantity("1"), Dimension: "emails", EffectiveStartTime: at, PlanID: "basic"}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"resourceId":"sub-1","quantity":1,"dimension":"emails","effectiveStartTime":"2024-03-01T13:30:14.25Z","planId":"basic"}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	var back Event
	if err := json.Unmarshal(b, &back); err != nil || !back.EffectiveStartTime.Equal(at) || back.EffectiveStartTime.Location() != time.UTC {
		t.Errorf("round trip: %v %v", back.EffectiveStartTime, err)
	}
	if err := json.Unmarshal([]byte(`{"effectiveStartTime":"2024-03-01T15:30:14.25+02:00"}`), &back); err != nil ||
		!back.EffectiveStartTime.Equal(at) || back.EffectiveStartTime.Location() != time.UTC {
		t.Errorf("an offset is read as the instant, in UTC: %v %v", back.EffectiveStartTime, err)
	}
	r := Result{Status: Accepted, EffectiveStartTime: at}
	if b, _ := json.Marshal(r); !strings.Contains(string(b), `"effectiveStartTime":"2024-03-01T13:30:14.25Z"`) {
		t.Errorf("result: %s", b)
	}
	if _, err := json.Marshal(Event{EffectiveStartTime: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}); err == nil {
		t.Error("a year beyond 9999 marshals")
	}
}

func TestMTR01_AggregationProblemsInJSON(t *testing.T) {
	// MTR-01: an aggregation's problems (the records left out, with their
	// line and rule) are part of its JSON, and read back with the same
	// rule, path, code and text.
	at := utc(2024, 3, 1, 12, 0, 0, 0)
	good := Record{ResourceID: "sub-1", Dimension: "emails", Time: utc(2024, 3, 1, 10, 0, 0, 0), Quantity: MustParseQuantity("1"), Line: 2}
	bad := good
	bad.Line, bad.Quantity = 3, MustParseQuantity("0")
	agg, err := DefaultPolicy().Aggregate(AggregateRequest{PlanID: "basic", Dimensions: []string{"emails"}, At: at, Source: "u.csv", Records: seqOf([]Record{good, bad})})
	if err != nil || len(agg.Problems) != 1 {
		t.Fatalf("%v %v", agg.Problems, err)
	}
	b, err := json.Marshal(agg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"problems":[{"rule":"MTR-01","path":"u.csv line 3`) {
		t.Errorf("problems not in JSON: %s", b)
	}
	var back Aggregation
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Problems) != 1 || back.Problems[0].Rule != ruleMTR01 || back.Problems[0].Path != agg.Problems[0].Path ||
		back.Problems[0].Code() != agg.Problems[0].Code() || back.Problems[0].Text(rule.English) != agg.Problems[0].Text(rule.English) {
		t.Errorf("problems back: %v, want %v", back.Problems, agg.Problems)
	}
	if back.Explain(rule.English) != agg.Explain(rule.English) {
		t.Errorf("explanation back:\n%s\nwant\n%s", back.Explain(rule.English), agg.Explain(rule.English))
	}
	again, _ := json.Marshal(back)
	if string(again) != string(b) {
		t.Errorf("second encoding differs:\n%s\n%s", again, b)
	}
}

package refund_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
)

var sentinels = []error{
	refund.ErrKind, refund.ErrEvent, refund.ErrTerm, refund.ErrMissing, refund.ErrBeforeStart, refund.ErrAmount,
	refund.ErrCurrency, refund.ErrZone, refund.ErrPeriod, refund.ErrPolicy, refund.ErrName,
}

// FuzzDecide decodes a request (and a few policy changes) from the
// fuzzer's values: Decide never panics; an error is a rule.Problems whose
// every problem wraps a sentinel; a decision conserves money, survives
// JSON, and explains itself.
func FuzzDecide(f *testing.F) {
	f.Add(uint8(1), uint8(0), uint8(1), uint8(0), uint8(0), uint8(1), int64(1709287200), int64(3600e9), int64(10000), uint8(0), int64(0), int64(0), int64(0), int64(0), uint8(0))
	f.Add(uint8(7), uint8(0), uint8(2), uint8(0), uint8(0), uint8(1), int64(1709287200), int64(2*86400e9), int64(365000), uint8(1), int64(0), int64(0), int64(0), int64(0), uint8(0))
	f.Add(uint8(9), uint8(2), uint8(2), uint8(0), uint8(0), uint8(2), int64(1709287200), int64(3*86400e9), int64(30000), uint8(2), int64(12*86400e9), int64(0), int64(-30*86400e9), int64(2400_00), uint8(0))
	f.Add(uint8(4), uint8(0), uint8(4), uint8(0), uint8(0), uint8(0), int64(1709287200), int64(3600e9), int64(5_000_000), uint8(0), int64(0), int64(4_900_000), int64(-100*86400e9), int64(2400_00), uint8(3))
	f.Add(uint8(8), uint8(1), uint8(0), uint8(2), uint8(1), uint8(3), int64(-62135596800), int64(-1), int64(-5), uint8(9), int64(-1), int64(-1), int64(1<<62), int64(1<<62), uint8(255))
	zones := []*time.Location{nil, time.UTC, mustZone(f, "Europe/Stockholm"), mustZone(f, "America/Los_Angeles"), mustZone(f, "Pacific/Apia"), time.FixedZone("odd", -50400)}
	codes := []currency.Code{currency.USD, currency.SEK, currency.JPY, currency.BHD, 0, currency.Code(60000)}
	f.Fuzz(func(t *testing.T, kind, event, term, vendor, flags, zone uint8, start, atDelta, paid int64, code uint8,
		paidUntilDelta, commitment, histDelta, histAmount int64, policyBits uint8) {
		// Instants from 1850 to 2150 (and ±292 years around them), which
		// JSON can write.
		const span = 300 * 365 * 86400
		startT := time.Unix(-3786825600+(start%span+span)%span, int64(flags)*7919)
		r := refund.Request{
			Charge:       refund.ChargeType(kind % 12),
			Trigger:      refund.Trigger(event % 5),
			Term:         plan.Term(term % 7),
			Start:        startT,
			At:           startT.Add(time.Duration(atDelta)),
			Paid:         anyMoney(paid, codes[int(code)%len(codes)]),
			Zone:         zones[int(zone)%len(zones)],
			Vendor:       refund.Vendor(vendor % 4),
			PrivateOffer: flags&1 != 0,
		}
		if paidUntilDelta != 0 {
			r.PaidUntil = startT.Add(time.Duration(paidUntilDelta))
		}
		if commitment != 0 {
			r.Commitment = currency.MustFromMinor(commitment, currency.USD)
		}
		if histAmount != 0 {
			r.History = []refund.Cancellation{{At: startT.Add(time.Duration(histDelta)), Amount: currency.MustFromMinor(histAmount, currency.USD)}}
		}
		if flags&2 != 0 {
			r.Start = time.Time{}
		}
		p := refund.Policy2023()
		if policyBits&32 != 0 {
			p = refund.DefaultPolicy()
		}
		if policyBits&1 != 0 {
			p.CSPSoftware = orZero(refund.Hours(int(int8(policyBits))))
		}
		if policyBits&2 != 0 {
			p.Container = orZero(refund.CalendarDays(calendar.Days(int8(policyBits))))
		}
		if policyBits&4 != 0 {
			p.Rounding = currency.RoundingMode(policyBits % 9)
		}
		if policyBits&8 != 0 {
			p.SaaS = p.SaaS[:int(policyBits)%(len(p.SaaS)+1)]
		}
		if policyBits&16 != 0 {
			p.ReservationLimit = currency.Money{}
		}

		d, err := p.Decide(r)
		if err != nil {
			var ps rule.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %v is not a non-empty rule.Problems", err)
			}
			for _, pr := range ps {
				ok := false
				for _, s := range sentinels {
					ok = ok || errors.Is(pr, s)
				}
				if !ok {
					t.Fatalf("problem %v wraps no sentinel", pr)
				}
				_ = pr.Text(rule.Swedish)
			}
			return
		}
		if d.Refund.IsNegative() || d.Refund.Minor() > d.Paid.Minor() || d.Refund.Minor()+d.Retained.Minor() != d.Paid.Minor() {
			t.Fatalf("money: paid %v refund %v retained %v", d.Paid, d.Refund, d.Retained)
		}
		if d.Allowed && d.At.Before(r.Start) {
			t.Fatalf("allowed before the start")
		}
		_ = d.Explain(rule.English)
		_ = d.Explain(rule.Swedish)
		_ = d.String()
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var back refund.Decision
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(d, back); diff != "" {
			t.Fatalf("JSON round trip (-want +got):\n%s", diff)
		}
	})
}

// FuzzParseWindow: ParseWindow never panics, and what it accepts prints
// and parses back to the same window.
func FuzzParseWindow(f *testing.F) {
	for _, s := range []string{"PT72H", "P7D", "PT1H30M15.5S", "PT0S", "P0D", "pt2562047h47m16.854775807s", "P2147483647D", "P1DT1H", "PT.5S", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := refund.ParseWindow(s)
		if err != nil {
			if !errors.Is(err, refund.ErrWindow) || !w.IsZero() {
				t.Fatalf("ParseWindow(%q) = %v, %v", s, w, err)
			}
			return
		}
		b, err := w.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText(%v): %v", w, err)
		}
		back, err := refund.ParseWindow(string(b))
		if err != nil || back != w || w.String() != string(b) {
			t.Fatalf("%q → %v → %q → %v, %v", s, w, b, back, err)
		}
	})
}

// FuzzDecisionJSON: decoding any bytes never panics; a decoded decision
// explains itself and, if it encodes, decodes back to itself.
func FuzzDecisionJSON(f *testing.F) {
	f.Add([]byte(`{"charge":"csp-license","trigger":"seats-added","allowed":true,"cancel":"now","rule":"EXT-13","reason":"within-window","settlement":"prorated","paid":{"amount":"90.00","currency":"USD"},"refund":{"amount":"60.00","currency":"USD"},"retained":{"amount":"30.00","currency":"USD"},"window":"P7D","at":"2024-03-20T09:00:00+01:00","remaining":"1h","daysUsed":3}`))
	f.Add([]byte(`{"limit":{"limit":{"amount":"50000.00","currency":"USD"},"fits":true,"restoresAt":"2025-01-01T00:00:00Z"}}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"remaining":"-9223372036854775808ns","window":"PT0S"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var d refund.Decision
		if err := json.Unmarshal(b, &d); err != nil {
			return
		}
		_ = d.Explain(rule.English)
		_ = d.Explain(rule.Swedish)
		_ = d.String()
		out, err := json.Marshal(d)
		if err != nil {
			return // e.g. an instant outside the range JSON can write
		}
		var back refund.Decision
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("Unmarshal(%s) of Marshal's output: %v", out, err)
		}
		if diff := cmp.Diff(d, back); diff != "" {
			t.Fatalf("round trip of %s (-want +got):\n%s", out, diff)
		}
	})
}

// Requests and policies decode strictly, never panic, and what decodes
// round-trips.
func FuzzRequestAndPolicyJSON(f *testing.F) {
	f.Add([]byte(`{"charge":"csp-license","trigger":"seats-added","term":"P1Y","start":"2024-03-01T10:00:00+01:00","at":"2024-03-02T10:00:00+01:00","paid":{"amount":"90.00","currency":"USD"},"zone":"Europe/Stockholm","history":[{"at":"2024-01-01T00:00:00Z","amount":null}]}`))
	f.Add([]byte(`{"saas":[{"from":"2020-11-20T00:00:00Z","rule":"EXT-12","monthly":"PT24H"}],"cspSoftware":"P7D","rounding":"half-even"}`))
	f.Add([]byte(`{"zone":"+01:00"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var r refund.Request
		if err := json.Unmarshal(b, &r); err == nil {
			_, _ = refund.Policy{}.Decide(r)
			out, err := json.Marshal(r)
			if err == nil {
				var back refund.Request
				if err := json.Unmarshal(out, &back); err != nil {
					t.Fatalf("Unmarshal(%s) of Marshal's output: %v", out, err)
				}
			}
		}
		var p refund.Policy
		if err := json.Unmarshal(b, &p); err == nil {
			_ = p.Validate()
			out, err := json.Marshal(p)
			if err == nil {
				var back refund.Policy
				if err := json.Unmarshal(out, &back); err != nil {
					t.Fatalf("Unmarshal(%s) of Marshal's output: %v", out, err)
				}
			}
		}
	})
}

// anyMoney returns minor units of c, or the zero Money (nothing paid) for
// the zero Code and a code outside ISO 4217, in which no Money can be built.
func anyMoney(minor int64, c currency.Code) currency.Money {
	if m, err := currency.New(minor, c); err == nil {
		return m
	}
	return currency.Money{}
}

package refund_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
)

// problem is the part of a rule.Problem the error tables check.
type problem struct {
	Path string
	Rule rule.ID
	Err  error
}

func problemsOf(t *testing.T, err error) []problem {
	t.Helper()
	var ps rule.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v (%T) is not a rule.Problems", err, err)
	}
	out := make([]problem, len(ps))
	for i, p := range ps {
		out[i] = problem{Path: p.Path, Rule: p.Rule, Err: p.Err}
		for _, lang := range []rule.Language{rule.English, rule.Swedish} {
			if text := p.Text(lang); strings.Contains(text, "%!") || !strings.HasPrefix(text, p.Path+": ") {
				t.Errorf("problem %d in %v: %q", i, lang, text)
			}
		}
	}
	return out
}

// cmpErr compares errors with errors.Is.
var cmpErr = cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) || errors.Is(b, a) })

func TestDecideErrors(t *testing.T) {
	sto := mustZone(t, "Europe/Stockholm")
	ok := refund.Request{Charge: refund.CSPSoftware, Term: plan.OneMonth, Zone: sto, Start: t0, At: t0.Add(time.Hour), Paid: money("10.00 SEK")}
	with := func(f func(*refund.Request)) refund.Request { r := ok; f(&r); return r }
	badPolicy := func(f func(*refund.Policy)) refund.Policy { p := refund.DefaultPolicy(); f(&p); return p }
	huge := currency.MustFromMinor(math.MaxInt64/2+1, currency.USD)
	tests := []struct {
		name string
		p    refund.Policy
		r    refund.Request
		want []problem
	}{
		{"zero request", refund.DefaultPolicy(), refund.Request{}, []problem{{"request.charge", "", refund.ErrKind}}},
		{"unknown kind", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Charge = 42 }), []problem{{"request.charge", "", refund.ErrKind}}},
		{"renewal of perpetual software", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Charge, r.Trigger = refund.CSPPerpetual, refund.Renewal }),
			[]problem{{"request.trigger", rule.RFD06, refund.ErrEvent}}},
		{"upgrade of SaaS", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Charge, r.Trigger = refund.SaaS, refund.Upgrade }),
			[]problem{{"request.trigger", rule.RFD01, refund.ErrEvent}}},
		{"undefined event", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Trigger = 9 }), []problem{{"request.trigger", rule.RFD04, refund.ErrEvent}}},
		{"missing start", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Start = time.Time{} }), []problem{{"request.start", rule.RFD04, refund.ErrMissing}}},
		{"missing at", refund.DefaultPolicy(), with(func(r *refund.Request) { r.At = time.Time{} }), []problem{{"request.at", rule.RFD04, refund.ErrMissing}}},
		{"at a nanosecond before the start", refund.DefaultPolicy(), with(func(r *refund.Request) { r.At = r.Start.Add(-1) }),
			[]problem{{"request.at", rule.RFD04, refund.ErrBeforeStart}}},
		{"SaaS request before the purchase", refund.DefaultPolicy(), refund.Request{Charge: refund.SaaS, Term: plan.OneMonth, Start: t0, At: t0.Add(-time.Hour), Paid: money("1.00 USD")},
			[]problem{{"request.at", rule.RFD01, refund.ErrBeforeStart}}},
		{"negative amount", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Paid = money("-0.01 SEK") }), []problem{{"request.paid", rule.RFD04, refund.ErrAmount}}},
		{"SaaS without a term", refund.DefaultPolicy(), refund.Request{Charge: refund.SaaS, Start: t0, At: t0, Paid: money("1.00 USD")},
			[]problem{{"request.term", rule.RFD01, refund.ErrTerm}}},
		{"CSP SaaS hourly", refund.DefaultPolicy(), refund.Request{Charge: refund.CSPSaaS, Term: plan.Hourly, Start: t0, At: t0, Paid: money("1.00 USD")},
			[]problem{{"request.term", rule.RFD09, refund.ErrTerm}}},
		{"undefined term", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Term = 42 }), []problem{{"request.term", rule.RFD04, refund.ErrTerm}}},
		{"no term and no paid_until to prorate", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Term = 0 }), []problem{{"request.term", rule.RFD04, refund.ErrTerm}}},
		{"software without a zone", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Zone = nil }), []problem{{"request.zone", rule.RFD04, refund.ErrZone}}},
		{"perpetual without a zone", refund.DefaultPolicy(), refund.Request{Charge: refund.CSPPerpetual, Start: t0, At: t0, Paid: money("1.00 USD")},
			[]problem{{"request.zone", rule.RFD06, refund.ErrZone}}},
		{"a calendar window set by policy needs a zone", badPolicy(func(p *refund.Policy) { p.Container = mustWindow(refund.CalendarDays(3)) }),
			refund.Request{Charge: refund.Container, Start: t0, At: t0, Paid: money("1.00 USD")}, []problem{{"request.zone", rule.EXT12, refund.ErrZone}}},
		{"seats added without paid_until", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Charge, r.Trigger = refund.CSPLicense, refund.SeatsAdded }),
			[]problem{{"request.paidUntil", rule.EXT13, refund.ErrMissing}}},
		{"paidUntil on the start date", refund.DefaultPolicy(), with(func(r *refund.Request) { r.PaidUntil = r.Start.Add(time.Hour) }),
			[]problem{{"request.paidUntil", rule.RFD04, refund.ErrPeriod}}},
		{"paidUntil before the start", refund.DefaultPolicy(), with(func(r *refund.Request) { r.PaidUntil = r.Start.AddDate(0, 0, -3) }),
			[]problem{{"request.paidUntil", rule.RFD04, refund.ErrPeriod}}},
		{"unknown vendor", refund.DefaultPolicy(), with(func(r *refund.Request) { r.Vendor = 9 }), []problem{{"request.vendor", rule.RFD05, refund.ErrName}}},
		{"reservation paid in another currency than the limit", refund.DefaultPolicy(), refund.Request{Charge: refund.VMReservation, Start: t0, At: t0, Paid: money("100.00 SEK")},
			[]problem{{"request.paid", rule.EXT12, refund.ErrCurrency}}},
		{"negative commitment", refund.DefaultPolicy(), refund.Request{Charge: refund.VMReservation, Start: t0, At: t0, Paid: money("100.00 USD"), Commitment: money("-1.00 USD")},
			[]problem{{"request.commitment", rule.EXT12, refund.ErrAmount}}},
		{"history: missing instant and wrong currency", refund.DefaultPolicy(), refund.Request{Charge: refund.VMReservation, Start: t0, At: t0, Paid: money("100.00 USD"),
			History: []refund.Cancellation{{Amount: money("1.00 USD")}, {At: t0, Amount: money("1.00 EUR")}, {At: t0, Amount: money("-1.00 USD")}}},
			[]problem{{"request.history[0].at", rule.EXT12, refund.ErrMissing}, {"request.history[1].amount", rule.EXT12, refund.ErrCurrency}, {"request.history[2].amount", rule.EXT12, refund.ErrAmount}}},
		{"history overflows", refund.DefaultPolicy(), refund.Request{Charge: refund.VMReservation, Start: t0, At: t0, Paid: money("100.00 USD"),
			History: []refund.Cancellation{{At: t0, Amount: huge}, {At: t0, Amount: huge}}},
			[]problem{{"request.history", rule.EXT12, refund.ErrAmount}}},
		{"every problem at once", refund.DefaultPolicy(), refund.Request{Charge: refund.CSPPerpetual, Trigger: refund.Upgrade, At: t0, Paid: money("-5.00 USD")},
			[]problem{{"request.trigger", rule.RFD06, refund.ErrEvent}, {"request.start", rule.RFD06, refund.ErrMissing}, {"request.paid", rule.RFD06, refund.ErrAmount}, {"request.zone", rule.RFD06, refund.ErrZone}}},
		{"empty SaaS schedule", badPolicy(func(p *refund.Policy) { p.SaaS = nil }),
			refund.Request{Charge: refund.SaaS, Term: plan.OneYear, Start: t0, At: t0, Paid: money("1.00 USD")}, []problem{{"policy.saas", rule.RFD01, refund.ErrPolicy}}},
		{"unsorted SaaS schedule", badPolicy(func(p *refund.Policy) { *p = refund.Policy2023(); p.SaaS[1].From = p.SaaS[2].From }),
			refund.Request{Charge: refund.SaaS, Term: plan.OneYear, Start: t0, At: t0, Paid: money("1.00 USD")}, []problem{{"policy.saas[2].from", rule.EXT12, refund.ErrPolicy}}},
		{"unknown rounding mode", badPolicy(func(p *refund.Policy) { p.Rounding = 99 }), ok, []problem{{"policy.rounding", rule.RFD04, refund.ErrPolicy}}},
		{"negative limit", badPolicy(func(p *refund.Policy) { p.ReservationLimit = money("-1.00 USD") }),
			refund.Request{Charge: refund.VMReservation, Start: t0, At: t0, Paid: money("1.00 USD")}, []problem{{"policy.reservationLimit", rule.EXT12, refund.ErrPolicy}}},
		{"limit without a period", badPolicy(func(p *refund.Policy) { p.ReservationPeriod = 0 }),
			refund.Request{Charge: refund.VMReservation, Start: t0, At: t0, Paid: money("1.00 USD")}, []problem{{"policy.reservationPeriod", rule.EXT12, refund.ErrPolicy}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.p.Decide(tt.r)
			if err == nil {
				t.Fatalf("Decide = %v, want an error", d)
			}
			if d != (refund.Decision{}) {
				t.Errorf("decision with the error = %v, want the zero Decision", d)
			}
			if diff := cmp.Diff(tt.want, problemsOf(t, err), cmpErr); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			for _, p := range tt.want {
				if !errors.Is(err, p.Err) {
					t.Errorf("errors.Is(err, %v) = false", p.Err)
				}
			}
		})
	}
}

// A currency problem also matches currency.ErrCurrencyMismatch.
func TestDecideCurrencyErrorWrapsCurrencyPackage(t *testing.T) {
	_, err := refund.DefaultPolicy().Decide(refund.Request{Charge: refund.VMReservation, Start: t0, At: t0, Paid: money("100.00 SEK")})
	if !errors.Is(err, refund.ErrCurrency) || !errors.Is(err, currency.ErrCurrencyMismatch) {
		t.Errorf("err = %v, want ErrCurrency and currency.ErrCurrencyMismatch", err)
	}
}

func TestPolicyValidate(t *testing.T) {
	for _, p := range []refund.Policy{refund.DefaultPolicy(), refund.Policy2023()} {
		if err := p.Validate(); err != nil {
			t.Errorf("Validate() = %v, want nil", err)
		}
	}
	p := refund.Policy2023()
	p.SaaS[1].Rule = "RFD-99"
	p.SaaS[2].From = p.SaaS[1].From
	p.ReservationLimit = money("-5.00 USD")
	p.ReservationPeriod = -time.Hour
	p.Rounding = 200
	want := []problem{
		{"policy.saas[1].rule", rule.EXT12, refund.ErrPolicy},
		{"policy.saas[2].from", rule.EXT12, refund.ErrPolicy},
		{"policy.reservationLimit", rule.EXT12, refund.ErrPolicy},
		{"policy.reservationPeriod", rule.EXT12, refund.ErrPolicy},
		{"policy.rounding", rule.RFD04, refund.ErrPolicy},
	}
	if diff := cmp.Diff(want, problemsOf(t, p.Validate()), cmpErr); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	// The zero Policy means DefaultPolicy; a policy with some fields set
	// and no SaaS schedule does not.
	if err := (refund.Policy{}).Validate(); err != nil {
		t.Errorf("zero Policy: %v", err)
	}
	p = refund.Policy{ProfessionalService: mustWindow(refund.Hours(72))}
	if diff := cmp.Diff([]problem{{"policy.saas", rule.RFD01, refund.ErrPolicy}}, problemsOf(t, p.Validate()), cmpErr); diff != "" {
		t.Errorf("policy without a schedule (-want +got):\n%s", diff)
	}
}

func TestLimitAtErrors(t *testing.T) {
	noLimit := refund.DefaultPolicy()
	noLimit.ReservationLimit = currency.Money{}
	tests := []struct {
		name       string
		p          refund.Policy
		at         time.Time
		commitment currency.Money
		history    []refund.Cancellation
		want       []problem
	}{
		{"missing instant", refund.DefaultPolicy(), time.Time{}, currency.Money{}, nil, []problem{{"at", rule.EXT12, refund.ErrMissing}}},
		{"commitment in euros", refund.DefaultPolicy(), t0, money("1.00 EUR"), nil, []problem{{"commitment", rule.EXT12, refund.ErrCurrency}}},
		{"negative commitment without a limit", noLimit, t0, money("-1.00 EUR"), nil, []problem{{"commitment", rule.EXT12, refund.ErrAmount}}},
		{"history in euros", refund.DefaultPolicy(), t0, currency.Money{}, []refund.Cancellation{{At: t0, Amount: money("1.00 EUR")}},
			[]problem{{"history[0].amount", rule.EXT12, refund.ErrCurrency}}},
		{"history overflows", refund.DefaultPolicy(), t0, currency.Money{}, []refund.Cancellation{
			{At: t0, Amount: currency.MustFromMinor(math.MaxInt64, currency.USD)}, {At: t0, Amount: money("0.01 USD")}},
			[]problem{{"history", rule.EXT12, refund.ErrAmount}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := tt.p.LimitAt(tt.at, tt.commitment, tt.history)
			if err == nil {
				t.Fatalf("LimitAt = %+v, want an error", l)
			}
			if diff := cmp.Diff(tt.want, problemsOf(t, err), cmpErr); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	l, err := noLimit.LimitAt(t0, money("5.00 USD"), nil)
	if err != nil || !l.Allowed || l.Limit.Sign() != 0 || l.Requested != money("5.00 USD") {
		t.Errorf("without a limit: %+v, %v; want it to fit", l, err)
	}
}

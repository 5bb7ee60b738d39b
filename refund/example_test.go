package refund_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/refund"
	"github.com/marketrules/marketrules/rule"
)

// A SaaS subscription bought at 10:00 UTC: 71:59:59 later the 72-hour
// window is still open; at 72:00:00 it has closed, and a monthly plan can
// only be cancelled without a refund.
func Example() {
	bought := time.Date(2024, time.March, 1, 10, 0, 0, 0, time.UTC)
	for _, after := range []time.Duration{71*time.Hour + 59*time.Minute + 59*time.Second, 72 * time.Hour} {
		d, err := refund.DefaultPolicy().Decide(refund.Request{
			Charge: refund.SaaS,
			Term:   plan.OneMonth,
			Start:  bought,
			At:     bought.Add(after),
			Paid:   currency.MustParse("100.00 USD"),
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(d.Allowed, d.Refund, d.Cancel, d.Rule, d.Reason)
	}
	// Output:
	// true 100.00 USD now RFD-01 within-window
	// false 0.00 USD at-period-end RFD-01 window-closed
}

// RFD-04, as "New commerce experience cancellation policy" says: "if you
// cancel on the third day, the refund will be for the remaining paid
// period minus the three days." A one-year software
// subscription bought on 10 March in Stockholm and cancelled on 12 March
// has used 3 of its 365 paid days.
func Example_softwareCancelledOnThirdDay() {
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := refund.DefaultPolicy().Decide(refund.Request{
		Charge: refund.CSPSoftware,
		Term:   plan.OneYear,
		Zone:   stockholm,
		Start:  time.Date(2024, time.March, 10, 9, 0, 0, 0, stockholm),
		At:     time.Date(2024, time.March, 12, 15, 0, 0, 0, stockholm),
		Paid:   currency.MustParse("3650.00 SEK"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Settlement, d.DaysUsed, d.DaysPaid, d.Refund, d.Retained)
	fmt.Println(d.Explain(rule.English))
	// Output:
	// prorated 3 365 3620.00 SEK 30.00 SEK
	// CSP software subscription: refund due (RFD-04). The request at 2024-03-12 15:00:00 CET falls on day 3 of the window of 7 calendar days after the purchase at 2024-03-10 09:00:00 CET, counted in Europe/Stockholm; the window closes at 2024-03-17 00:00:00 CET (5 days left). Prorated refund of SEK 3,620.00: SEK 3,650.00 paid for 365 days, less 3 days used; SEK 30.00 is retained. It can be cancelled now.
}

// EXT-12, as "Self-service exchanges and refunds for Azure Reservations"
// tells it: a three-year reservation at 100 USD a month refunded in its
// 12th month cancels 2,400 USD of commitment; the available limit is then
// 47,600 USD, and 365 days later 50,000 USD again. A VM software
// reservation bought meanwhile can be cancelled within 72 hours if its
// commitment fits.
func Example_reservationCancellationLimit() {
	p := refund.DefaultPolicy()
	refunded := time.Date(2024, time.January, 15, 12, 0, 0, 0, time.UTC)
	cancelled, _ := currency.MustParse("100.00 USD").Mul(24) // 24 remaining months
	history := []refund.Cancellation{{At: refunded, Amount: cancelled}}

	for _, at := range []time.Time{refunded, refunded.Add(365*24*time.Hour - time.Second), refunded.Add(365 * 24 * time.Hour)} {
		l, err := p.LimitAt(at, currency.Money{}, history)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(at.Format(time.DateTime), "available", l.Available)
	}

	bought := time.Date(2024, time.June, 3, 8, 0, 0, 0, time.UTC)
	d, err := p.Decide(refund.Request{
		Charge:  refund.VMReservation,
		Term:    plan.ThreeYears,
		Start:   bought,
		At:      bought.Add(5 * time.Hour),
		Paid:    currency.MustParse("13140.00 USD"),
		History: history,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d)
	fmt.Println(d.Explain(rule.English))
	// Output:
	// 2024-01-15 12:00:00 available 47600.00 USD
	// 2025-01-14 11:59:59 available 47600.00 USD
	// 2025-01-14 12:00:00 available 50000.00 USD
	// EXT-12 within-window: full refund 13140.00 USD
	// VM software reservation: refund due (EXT-12). The request at 2024-06-03 13:00:00 UTC is within the window of 72 hours after the purchase at 2024-06-03 08:00:00 UTC, which closes at 2024-06-06 08:00:00 UTC (67 h 00 min 00 s left). The commitment of $13,140.00 fits the reservation cancellation limit: $47,600.00 of $50,000.00 is available. Full refund of $13,140.00. Metered and other usage charges are not refunded (RFD-02). It can be cancelled now.
}

// The zero Policy decides as DefaultPolicy.
func ExamplePolicy_Decide_zeroPolicy() {
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	bought := time.Date(2024, time.March, 10, 9, 0, 0, 0, stockholm)
	// RFD-06: perpetual software, 30 calendar days from the purchase date.
	var p refund.Policy
	d, err := p.Decide(refund.Request{
		Charge: refund.CSPPerpetual,
		Zone:   stockholm,
		Start:  bought,
		At:     time.Date(2024, time.April, 8, 23, 59, 59, 0, stockholm), // day 30
		Paid:   currency.MustParse("1299.00 SEK"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Allowed, d.Settlement, d.Refund, d.DaysUsed, d.DaysLeft, d.KeysRevoked)
	fmt.Println("window ends", d.WindowEnd, "in", d.Zone)
	// Output:
	// true credit 1299.00 SEK 30 1 true
	// window ends 2024-04-09 00:00:00 +0200 CEST in Europe/Stockholm
}

// A policy is a value: here a publisher counts the CSP software window as
// 168 hours instead of 7 calendar days.
func ExamplePolicy_Decide() {
	p := refund.DefaultPolicy()
	p.CSPSoftware = mustWindow(refund.Hours(7 * 24))
	la, _ := time.LoadLocation("America/Los_Angeles")
	bought := time.Date(2024, time.March, 9, 12, 0, 0, 0, la) // DST starts on 10 March
	for _, at := range []time.Time{bought.Add(167 * time.Hour), bought.Add(168 * time.Hour)} {
		d, err := p.Decide(refund.Request{
			Charge: refund.CSPSoftware, Term: plan.OneMonth, Zone: la,
			Start: bought, At: at, Paid: currency.MustParse("310.00 USD"),
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(d.Window, d.Allowed, d.DaysUsed, d.Refund)
	}
	// Output:
	// PT168H true 8 230.00 USD
	// PT168H false 8 0.00 USD
}

func ExampleDefaultPolicy() {
	p := refund.DefaultPolicy()
	for _, e := range p.SaaS {
		fmt.Println(e.From.Format(time.DateOnly), e.Rule, e.Monthly, e.Annual, e.MultiYear, e.MultiYearLocked)
	}
	fmt.Println(p.CSPSoftware, p.CSPPerpetual, p.CSPLicense, p.CSPSaaSMonthly, p.CSPSaaSAnnual)
	fmt.Println(p.ReservationLimit, p.ReservationPeriod, p.Rounding)
	// Output:
	// 0001-01-01 RFD-01 PT72H PT72H PT72H true
	// P7D P30D P7D PT24H PT336H
	// 50000.00 USD 8760h0m0s half-even
}

func ExamplePolicy2023() {
	p := refund.Policy2023()
	fmt.Println(p.CSPSaaSMonthly, p.CSPSaaSAnnual)
	// Output: PT72H PT72H
}

// A SaaS charge is judged by the policy in force when it was made.
func ExamplePolicy_SaaSAt() {
	p := refund.Policy2023()
	e, ok := p.SaaSAt(time.Date(2021, time.December, 24, 0, 0, 0, 0, time.UTC))
	fmt.Println(ok, e.From.Format(time.DateOnly), e.Monthly, e.Annual)
	// Output: true 2021-08-20 PT24H PT336H
}

func ExamplePolicy_Validate() {
	p := refund.DefaultPolicy()
	p.Rounding = 99
	p.SaaS = nil
	err := p.Validate()
	fmt.Println(errors.Is(err, refund.ErrPolicy))
	var ps rule.Problems
	if errors.As(err, &ps) {
		fmt.Print(ps.Text(rule.English))
	}
	// Output:
	// true
	// policy.saas: the SaaS schedule has no entries (RFD-01)
	// policy.rounding: unknown rounding mode currency.RoundingMode(99) (RFD-04)
}

func ExamplePolicy_LimitAt() {
	p := refund.DefaultPolicy()
	history := []refund.Cancellation{
		{At: time.Date(2024, time.February, 1, 0, 0, 0, 0, time.UTC), Amount: currency.MustParse("30000.00 USD")},
		{At: time.Date(2024, time.May, 1, 0, 0, 0, 0, time.UTC), Amount: currency.MustParse("15000.00 USD")},
	}
	l, err := p.LimitAt(time.Date(2024, time.June, 1, 0, 0, 0, 0, time.UTC), currency.MustParse("6000.00 USD"), history)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Used, l.Available, l.Allowed, l.RestoresAt.Format(time.DateOnly))
	// Output: 45000.00 USD 5000.00 USD false 2025-01-31
}

func ExampleDecision_Explain() {
	bought := time.Date(2024, time.March, 1, 10, 0, 0, 0, time.UTC)
	d, err := refund.DefaultPolicy().Decide(refund.Request{
		Charge: refund.SaaS, Term: plan.TwoYears,
		Start: bought, At: bought.Add(80 * time.Hour),
		Paid: currency.MustParse("1200.00 SEK"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Explain(rule.Swedish))
	// Output:
	// SaaS-prenumerationsavgift: ingen återbetalning (EXT-12). Fönstret på 72 timmar efter köpet 2024-03-01 10:00:00 UTC stängde 2024-03-04 10:00:00 UTC, före begäran 2024-03-04 18:00:00 UTC. De betalda 1 200,00 kr återbetalas inte. En plan på 2 år kan inte sägas upp efter sitt fönster förrän perioden tar slut 2026-03-01 10:00:00 UTC.
}

func ExampleDecision_String() {
	d, _ := refund.DefaultPolicy().Decide(refund.Request{
		Charge: refund.Usage, Start: time.Unix(0, 0), At: time.Unix(3600, 0),
		Paid: currency.MustParse("12.34 EUR"),
	})
	fmt.Println(d)
	// Output: RFD-02 usage-not-refundable: no refund, cancel not-applicable
}

// RFD-07: the decision says whether the window has passed.
func ExampleDecision_WindowOpen() {
	bought := time.Date(2024, time.March, 1, 10, 0, 0, 0, time.UTC)
	d, _ := refund.DefaultPolicy().Decide(refund.Request{
		Charge: refund.Container, Start: bought, At: bought.Add(time.Hour),
		Paid: currency.MustParse("50.00 USD"),
	})
	fmt.Println(d.WindowOpen(), d.Remaining)
	// Output: true 71h0m0s
}

func ExampleDecision_MarshalJSON() {
	bought := time.Date(2024, time.March, 1, 10, 0, 0, 0, time.UTC)
	d, _ := refund.DefaultPolicy().Decide(refund.Request{
		Charge: refund.ProfessionalService, Start: bought, At: bought.Add(30 * time.Minute),
		Paid: currency.MustParse("500.00 EUR"),
	})
	b, err := json.Marshal(d)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output:
	// {"charge":"professional-service","trigger":"purchase","allowed":true,"cancel":"now","rule":"EXT-12","reason":"within-window","settlement":"full","paid":{"amount":"500.00","currency":"EUR"},"refund":{"amount":"500.00","currency":"EUR"},"retained":{"amount":"0.00","currency":"EUR"},"window":"PT72H","windowStart":"2024-03-01T10:00:00Z","windowEnd":"2024-03-04T10:00:00Z","at":"2024-03-01T10:30:00Z","remaining":"71h30m0s"}
}

func ExampleDecision_UnmarshalJSON() {
	var d refund.Decision
	err := json.Unmarshal([]byte(`{"charge":"csp-license","trigger":"seats-added","allowed":false,"cancel":"not-allowed",
		"rule":"EXT-13","reason":"window-closed","settlement":"none","paid":{"amount":"90.00","currency":"USD"},
		"refund":{"amount":"0.00","currency":"USD"},"retained":{"amount":"90.00","currency":"USD"},
		"window":"P7D","at":"2024-03-20T09:00:00+01:00","daysUsed":11,"zone":"Europe/Stockholm"}`), &d)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Charge, d.Trigger, d.Window.Days(), d.DaysUsed, d.Paid, d.Cancel)
	// Output: csp-license seats-added 7 days 11 90.00 USD not-allowed
}

func ExampleLimit_IsZero() {
	d, _ := refund.DefaultPolicy().Decide(refund.Request{
		Charge: refund.Container, Start: time.Unix(0, 0), At: time.Unix(60, 0),
		Paid: currency.MustParse("5.00 USD"),
	})
	fmt.Println(d.Limit.IsZero())
	// Output: true
}

func ExampleHours() {
	w := mustWindow(refund.Hours(72))
	fmt.Println(w, w.Duration(), w.IsCalendar())
	// Output: PT72H 72h0m0s false
}

func ExampleExactly() {
	fmt.Println(mustWindow(refund.Exactly(90*time.Minute + 1500*time.Millisecond)))
	// Output: PT1H30M1.5S
}

func ExampleCalendarDays() {
	w := mustWindow(refund.CalendarDays(30))
	fmt.Println(w, w.Days(), w.IsCalendar())
	// Output: P30D 30 days true
}

func ExampleParseWindow() {
	for _, s := range []string{"PT72H", "p7d", "PT90M", "PT0S", "P1DT2H"} {
		w, err := refund.ParseWindow(s)
		fmt.Println(w, err)
	}
	// Output:
	// PT72H <nil>
	// P7D <nil>
	// PT1H30M <nil>
	// PT0S <nil>
	// PT0S refund: invalid window "P1DT2H": calendar days and hours cannot be mixed; a window is an ISO 8601 duration such as PT72H or P7D
}

func ExampleMustParseWindow() {
	fmt.Println(refund.MustParseWindow("PT24H") == mustWindow(refund.Hours(24)))
	// Output: true
}

func ExampleWindow_IsZero() {
	var w refund.Window
	fmt.Println(w.IsZero(), mustWindow(refund.Hours(0)).IsZero(), mustWindow(refund.Hours(1)).IsZero())
	// Output: true true false
}

func ExampleWindow_IsCalendar() {
	fmt.Println(mustWindow(refund.CalendarDays(7)).IsCalendar(), mustWindow(refund.Hours(168)).IsCalendar())
	// Output: true false
}

func ExampleWindow_Days() {
	fmt.Println(mustWindow(refund.CalendarDays(7)).Days(), mustWindow(refund.Hours(168)).Days())
	// Output: 7 days 0 days
}

func ExampleWindow_Duration() {
	fmt.Println(mustWindow(refund.Hours(24)).Duration(), mustWindow(refund.CalendarDays(1)).Duration())
	// Output: 24h0m0s 0s
}

func ExampleWindow_Equal() {
	fmt.Println(mustWindow(refund.Hours(24)).Equal(mustWindow(refund.Exactly(24*time.Hour))), mustWindow(refund.Hours(24)).Equal(mustWindow(refund.CalendarDays(1))))
	// Output: true false
}

func ExampleWindow_String() {
	fmt.Println(mustWindow(refund.Hours(14*24)).String(), mustWindow(refund.CalendarDays(7)).String())
	// Output: PT336H P7D
}

func ExampleWindow_MarshalText() {
	b, err := mustWindow(refund.CalendarDays(30)).MarshalText()
	fmt.Println(string(b), err)
	// Output: P30D <nil>
}

func ExampleWindow_UnmarshalText() {
	var w refund.Window
	err := w.UnmarshalText([]byte("PT72H"))
	fmt.Println(w.Duration(), err)
	// Output: 72h0m0s <nil>
}

func ExampleChargeType_Valid() {
	fmt.Println(refund.CSPSaaS.Valid(), refund.ChargeType(0).Valid())
	// Output: true false
}

func ExampleChargeType_String() {
	fmt.Println(refund.SaaS, refund.VMReservation, refund.CSPPerpetual)
	// Output: saas vm-reservation csp-perpetual
}

func ExampleChargeType_MarshalText() {
	b, err := refund.ManagedAppFee.MarshalText()
	fmt.Println(string(b), err)
	unset, _ := refund.ChargeType(0).MarshalText()
	_, err = refund.ChargeType(42).MarshalText()
	fmt.Printf("%q %v\n", unset, errors.Is(err, refund.ErrKind))
	// Output:
	// managed-app-fee <nil>
	// "" true
}

func ExampleChargeType_UnmarshalText() {
	var k refund.ChargeType
	fmt.Println(k.UnmarshalText([]byte("CSP-Software")), k)
	fmt.Println(errors.Is(k.UnmarshalText([]byte("office-add-in")), refund.ErrKind))
	// Output:
	// <nil> csp-software
	// true
}

func ExampleTrigger_Valid() {
	fmt.Println(refund.Upgrade.Valid(), refund.Trigger(9).Valid())
	// Output: true false
}

func ExampleTrigger_String() {
	fmt.Println(refund.NewPurchase, refund.Renewal, refund.SeatsAdded, refund.Upgrade)
	// Output: purchase renewal seats-added upgrade
}

func ExampleTrigger_MarshalText() {
	b, err := refund.SeatsAdded.MarshalText()
	fmt.Println(string(b), err)
	// Output: seats-added <nil>
}

func ExampleTrigger_UnmarshalText() {
	var e refund.Trigger
	fmt.Println(e.UnmarshalText([]byte("renewal")), e)
	// Output: <nil> renewal
}

func ExampleVendor_Valid() {
	fmt.Println(refund.SUSE.Valid(), refund.Vendor(7).Valid())
	// Output: true false
}

func ExampleVendor_String() {
	fmt.Println(refund.OtherVendor, refund.RedHat, refund.SUSE)
	// Output: other red-hat suse
}

func ExampleVendor_MarshalText() {
	b, err := refund.RedHat.MarshalText()
	fmt.Println(string(b), err)
	// Output: red-hat <nil>
}

func ExampleVendor_UnmarshalText() {
	var v refund.Vendor
	fmt.Println(v.UnmarshalText([]byte("SUSE")), v)
	// Output: <nil> suse
}

func ExampleSettlement_Valid() {
	fmt.Println(refund.InvoiceCredit.Valid(), refund.Settlement(4).Valid())
	// Output: true false
}

func ExampleSettlement_String() {
	fmt.Println(refund.NoRefund, refund.FullRefund, refund.ProratedRefund, refund.InvoiceCredit)
	// Output: none full prorated credit
}

func ExampleSettlement_MarshalText() {
	b, err := refund.ProratedRefund.MarshalText()
	fmt.Println(string(b), err)
	// Output: prorated <nil>
}

func ExampleSettlement_UnmarshalText() {
	var b refund.Settlement
	fmt.Println(b.UnmarshalText([]byte("credit")), b)
	// Output: <nil> credit
}

func ExampleCancelOption_Valid() {
	fmt.Println(refund.CancelAtPeriodEnd.Valid(), refund.CancelOption(4).Valid())
	// Output: true false
}

func ExampleCancelOption_String() {
	fmt.Println(refund.NothingToCancel, refund.CancelNow, refund.CancelAtPeriodEnd, refund.CannotCancel)
	// Output: not-applicable now at-period-end not-allowed
}

func ExampleCancelOption_MarshalText() {
	b, err := refund.CannotCancel.MarshalText()
	fmt.Println(string(b), err)
	// Output: not-allowed <nil>
}

func ExampleCancelOption_UnmarshalText() {
	var c refund.CancelOption
	fmt.Println(c.UnmarshalText([]byte("at-period-end")), c)
	// Output: <nil> at-period-end
}

// A request round-trips through JSON, its zone by name.
func ExampleRequest_MarshalJSON() {
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	r := refund.Request{Charge: refund.CSPPerpetual, Zone: stockholm,
		Start: time.Date(2024, time.March, 10, 9, 0, 0, 0, stockholm),
		At:    time.Date(2024, time.March, 12, 9, 0, 0, 0, stockholm), Paid: currency.MustParse("1299.00 SEK")}
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	// Output: {"charge":"csp-perpetual","trigger":"purchase","start":"2024-03-10T09:00:00+01:00","at":"2024-03-12T09:00:00+01:00","paid":{"amount":"1299.00","currency":"SEK"},"zone":"Europe/Stockholm","vendor":"other","commitment":null}
}

func ExampleRequest_UnmarshalJSON() {
	var r refund.Request
	err := json.Unmarshal([]byte(`{"charge":"saas","term":"P1M","Zone":"UTC"}`), &r)
	fmt.Println(err)
	err = json.Unmarshal([]byte(`{"charge":"saas","start":"2024-03-01T10:00:00Z","at":"2024-03-01T11:00:00Z","zone":"UTC"}`), &r)
	fmt.Println(err, r.Charge, r.Zone, r.At.Sub(r.Start))
	// Output:
	// unknown field "Zone"
	// <nil> saas UTC 1h0m0s
}

func ExamplePolicy_UnmarshalJSON() {
	var p refund.Policy
	err := json.Unmarshal([]byte(`{"cspSoftware":"P10D","rounding":"sideways"}`), &p)
	fmt.Println(errors.Is(err, refund.ErrPolicy))
	err = json.Unmarshal([]byte(`{"cspSoftware":"P10D"}`), &p)
	fmt.Println(err, p.CSPSoftware)
	// Output:
	// true
	// <nil> P10D
}

func ExampleLimit_Explain() {
	history := []refund.Cancellation{{At: time.Date(2024, time.February, 1, 0, 0, 0, 0, time.UTC), Amount: currency.MustParse("45000.00 USD")}}
	l, _ := refund.DefaultPolicy().LimitAt(time.Date(2024, time.June, 1, 0, 0, 0, 0, time.UTC), currency.MustParse("6000.00 USD"), history)
	fmt.Println(l.Explain(rule.English))
	fmt.Println(l)
	// Output:
	// Cancelling the commitment of $6,000.00 would exceed the reservation cancellation limit: only $5,000.00 of $50,000.00 is available. More becomes available at 2025-01-31 00:00:00 UTC. (EXT-12)
	// EXT-12 reservation-limit-exceeded: 6000.00 USD of 5000.00 USD available
}

func ExampleLimit_String() {
	p := refund.DefaultPolicy()
	p.ReservationLimit = currency.Money{}
	l, _ := p.LimitAt(time.Date(2024, time.June, 1, 0, 0, 0, 0, time.UTC), currency.MustParse("6000.00 USD"), nil)
	fmt.Println(l, l.Allowed)
	fmt.Println(l.Explain(rule.English))
	// Output:
	// EXT-12 no-limit: 6000.00 USD true
	// The policy sets no reservation cancellation limit: the commitment of $6,000.00 fits. (EXT-12)
}

package pricing

import (
	"strconv"
	"strings"

	"github.com/marketrules/marketrules/rule"
)

// String returns a one-line English summary for logs, such as
// "PRC-05 change-prorated upgrade: credit -50.00 USD, charge 100.00 USD, net 50.00 USD (15/30 days unused)".
func (p Proration) String() string {
	b := make([]byte, 0, 128)
	b = append(b, p.Rule...)
	b = append(b, ' ')
	b = append(b, p.Reason...)
	b = append(b, ' ')
	b = append(b, p.Direction.String()...)
	if p.Timing != TimingImmediate {
		b = append(b, ' ')
		b = append(b, p.Timing.String()...)
		return string(b)
	}
	b = append(b, ": credit "...)
	b = qtAppendMoney(b, p.Credit)
	b = append(b, ", charge "...)
	b = qtAppendMoney(b, p.Charge)
	b = append(b, ", net "...)
	b = qtAppendMoney(b, p.Net)
	b = append(b, " ("...)
	b = strconv.AppendInt(b, p.Unused(), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, p.Total, 10)
	b = append(b, ' ')
	b = append(b, p.Unit.String()...)
	b = append(b, "s unused)"...)
	return string(b)
}

// Explain renders the proration in lang (English or Swedish): the change
// and its direction, when it takes effect under which policy, and, for an
// immediate change, the billing period, the days (or seconds) left with
// the day of the change counted as unused, the credit, the charge and the
// net amount.
func (p Proration) Explain(lang rule.Language) string {
	var b strings.Builder
	say := func(m rule.Message, args ...any) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(m.Render(lang, args...))
	}
	dir := prExDirections[0]
	if int(p.Direction) < len(prExDirections) {
		dir = prExDirections[p.Direction]
	}
	if p.Kind == SeatChange {
		say(prExSeats, p.FromQuantity, p.ToQuantity, p.FromPlan, p.At, dir, string(p.Rule))
	} else {
		say(prExPlan, p.FromPlan, p.ToPlan, p.At, dir, string(p.Rule))
	}
	switch p.Timing {
	case TimingBlocked:
		if p.Reason == ReasonSeatReductionClosed {
			say(prExSeatWindowClosed, p.SeatWindowEnd, p.Policy)
		} else {
			say(prExBlocked, p.Policy)
		}
		return b.String()
	case TimingAtRenewal:
		say(prExAtRenewal, p.Policy, p.EffectiveAt)
		return b.String()
	}
	say(prExImmediate, p.TermEnd)
	if !p.SeatWindowEnd.IsZero() {
		say(prExSeatWindowOpen, p.SeatWindowEnd)
	}
	if p.Unit == ProrateBySecond {
		say(prExSeconds, p.Period.Start, p.Period.End, p.Total, p.Unused())
	} else {
		say(prExDays, p.Period.Start, p.Period.End, p.Zone, p.Total, p.Unused())
	}
	say(prExMoney, p.Credit, p.Unused(), p.Total, p.Paid, p.Charge, p.NewPrice, p.Net)
	return b.String()
}

// prExDirections names the directions, indexed by value; never written.
var prExDirections = [...]rule.Message{
	{English: "a change", Swedish: "en ändring"},
	{English: "an upgrade", Swedish: "en uppgradering"},
	{English: "a downgrade", Swedish: "en nedgradering"},
	{English: "a change that keeps the price", Swedish: "en ändring som behåller priset"},
}

// Explanation messages of prorations.
var (
	prExPlan             = rule.Message{English: "Plan change from %q to %q at %v: %v (%s).", Swedish: "Planbyte från %q till %q %v: %v (%s)."}
	prExSeats            = rule.Message{English: "Change from %d to %d users of plan %q at %v: %v (%s).", Swedish: "Ändring från %d till %d användare av planen %q %v: %v (%s)."}
	prExBlocked          = rule.Message{English: "Policy %q blocks it; the subscription does not change.", Swedish: "Policyn %q spärrar den; prenumerationen ändras inte."}
	prExSeatWindowClosed = rule.Message{English: "Seats can be reduced only within a window after they were added, which closed at %v (policy %q, EXT-13); the subscription does not change.", Swedish: "Licenser kan bara minskas inom ett fönster efter att de lagts till, som stängde %v (policyn %q, EXT-13); prenumerationen ändras inte."}
	prExAtRenewal        = rule.Message{English: "Under policy %q it takes effect at the renewal of the term, at %v; nothing is prorated.", Swedish: "Enligt policyn %q gäller den från periodens förnyelse, %v; inget fördelas proportionellt."}
	prExImmediate        = rule.Message{English: "It takes effect immediately; the term stays and renews at %v.", Swedish: "Den gäller omedelbart; perioden består och förnyas %v."}
	prExSeatWindowOpen   = rule.Message{English: "The seats are reduced within their window, which closes at %v (EXT-13).", Swedish: "Licenserna minskas inom sitt fönster, som stänger %v (EXT-13)."}
	prExDays             = rule.Message{English: "The billing period %[1]v – %[2]v has %[4]d days, counted in %[3]s; %[5]d remain, the day of the change included.", Swedish: "Faktureringsperioden %[1]v – %[2]v har %[4]d dagar, räknade i %[3]s; %[5]d återstår, ändringsdagen medräknad."}
	prExSeconds          = rule.Message{English: "The billing period %v – %v has %d seconds; %d remain.", Swedish: "Faktureringsperioden %v – %v har %d sekunder; %d återstår."}
	prExMoney            = rule.Message{English: "Credit %[1]v: %[2]d/%[3]d of %[4]v paid for the period. Charge %[5]v: %[2]d/%[3]d of %[6]v, the new price for the period. Net %[7]v.", Swedish: "Kredit %[1]v: %[2]d/%[3]d av %[4]v betalt för perioden. Debitering %[5]v: %[2]d/%[3]d av %[6]v, det nya priset för perioden. Netto %[7]v."}
)

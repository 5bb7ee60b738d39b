package refund

import (
	"github.com/marketrules/marketrules/rule"
)

// Explain renders the decision in lang (English or Swedish): the outcome
// and the rule, the window with its end and the time or days left (RFD-07)
// or why no window applies, the money, and what cancelling does. Amounts
// are formatted for the language, instants as "2006-01-02 15:04:05 MST"
// in the zone they were counted in. The text is built in one buffer: one
// allocation, the string.
func (d Decision) Explain(lang rule.Language) string {
	var buf [1024]byte
	return string(d.appendExplain(buf[:0], lang))
}

// appendExplain appends the explanation of d in lang to b.
func (d *Decision) appendExplain(b []byte, lang rule.Language) []byte {
	x := explainer{lang: lang}

	// The outcome.
	outcome := exNoRefund
	switch {
	case d.Allowed && d.Settlement == InvoiceCredit:
		outcome = exCreditDue
	case d.Allowed:
		outcome = exRefundDue
	}
	b = x.say(b, outcome, str(pick(lang, kindNouns[:], int(d.Charge))), str(string(d.Rule)))

	// The window, or why there is none.
	ev := str(pick(lang, eventNouns[:], int(d.Trigger)))
	switch d.Reason {
	case ReasonUsage:
		b = x.say(b, exUsage)
	case ReasonPrivateOffer:
		b = x.say(b, exPrivateOffer)
	case ReasonVendor:
		b = x.say(b, exVendor, str(vendorNames2[min(int(d.Vendor), len(vendorNames2)-1)]))
	case ReasonUpgrade:
		b = x.say(b, exUpgrade)
	case ReasonNoSeatReduction:
		b = x.say(b, exNoSeatReduction)
	case ReasonNoWindow:
		b = x.say(b, exNoWindow)
	default:
		w := exArg{kind: argWindow, w: d.Window}
		switch {
		case d.WindowOpen() && d.Window.IsCalendar():
			b = x.say(b, exOpenDays, instant(d.At), integer(d.DaysUsed), w, ev, instant(d.WindowStart), str(d.Zone), instant(d.WindowEnd), dayCount(d.DaysLeft))
		case d.WindowOpen():
			b = x.say(b, exOpenHours, instant(d.At), w, ev, instant(d.WindowStart), instant(d.WindowEnd), exArg{kind: argClock, d: d.Remaining})
		case d.Window.IsCalendar():
			b = x.say(b, exClosedDays, w, ev, instant(d.WindowStart), instant(d.WindowEnd), str(d.Zone), instant(d.At), integer(d.DaysUsed))
		default:
			b = x.say(b, exClosedHours, w, ev, instant(d.WindowStart), instant(d.WindowEnd), instant(d.At))
		}
		if !d.PolicyFrom.IsZero() {
			b = x.say(b, exPolicyFrom, exArg{kind: argDate, t: d.PolicyFrom})
		}
	}

	// The reservation limit.
	if d.Limit.Limit.Sign() != 0 {
		b = d.Limit.sayLimit(x, b)
	}

	// The money.
	switch d.Settlement {
	case FullRefund:
		b = x.say(b, exFull, money(d.Refund))
		if d.Charge == SaaS || d.Charge == ManagedAppFee || d.Charge == Container || d.Charge == VMReservation || d.Charge == CSPSaaS {
			b = x.say(b, exExcludingUsage)
		}
	case ProratedRefund:
		b = x.say(b, exProrated, money(d.Refund), money(d.Paid), dayCount(d.DaysPaid), dayCount(d.DaysUsed), money(d.Retained))
	case InvoiceCredit:
		b = x.say(b, exCredit, money(d.Refund))
	default:
		switch {
		case d.Paid.IsPositive():
			b = x.say(b, exRetained, money(d.Paid))
		case d.Reason == ReasonNothingPaid:
			b = x.say(b, exNothingPaid)
		}
	}

	// What cancelling does.
	switch d.Cancel {
	case CancelNow:
		if d.Trigger == SeatsAdded {
			b = x.say(b, exSeatsNow)
		} else {
			b = x.say(b, exCancelNow)
		}
		if d.KeysRevoked {
			b = x.say(b, exKeysRevoked)
		}
	case CancelAtPeriodEnd:
		if d.Charge == CSPSaaS {
			b = x.say(b, exAutoRenewOff)
		} else {
			b = x.say(b, exAtPeriodEnd)
		}
	case CannotCancel:
		switch {
		case d.Trigger == SeatsAdded:
			b = x.say(b, exSeatsNever)
		case d.Reason == ReasonMultiYearLocked:
			b = x.say(b, exMultiYear, exArg{kind: argTerm, n: d.Term.Months() / 12}, instant(d.TermEnd))
		case !d.TermEnd.IsZero():
			b = x.say(b, exCannotUntil, instant(d.TermEnd))
		default:
			b = x.say(b, exCannot)
		}
	default:
		b = x.say(b, exNothing)
	}
	return b
}

// sayLimit says whether the commitment fits the limit and, when it does
// not, when more becomes available.
func (l *Limit) sayLimit(x explainer, b []byte) []byte {
	m := exLimitFits
	if !l.Allowed {
		m = exLimitExceeded
	}
	b = x.say(b, m, money(l.Requested), money(l.Available), money(l.Limit))
	if !l.Allowed && !l.RestoresAt.IsZero() {
		b = x.say(b, exLimitRestores, instant(l.RestoresAt))
	}
	return b
}

// Explanation messages.
var (
	exRefundDue       = rule.Message{English: "%s: refund due (%s).", Swedish: "%s: återbetalning medges (%s)."}
	exCreditDue       = rule.Message{English: "%s: credit due (%s).", Swedish: "%s: kredit medges (%s)."}
	exNoRefund        = rule.Message{English: "%s: no refund (%s).", Swedish: "%s: ingen återbetalning (%s)."}
	exUsage           = rule.Message{English: "Usage-based charges (VM consumption, metered billing, pay-as-you-go) are never refunded.", Swedish: "Användningsbaserade avgifter (VM-förbrukning, förbrukningsfakturering, betala per användning) återbetalas aldrig."}
	exPrivateOffer    = rule.Message{English: "A VM software reservation bought through a private offer can never be cancelled.", Swedish: "En programvarureservation för virtuella datorer som köpts via ett privat erbjudande kan aldrig sägas upp."}
	exVendor          = rule.Message{English: "%s software plans can be neither cancelled nor exchanged.", Swedish: "Programvaruplaner från %s kan varken sägas upp eller bytas ut."}
	exUpgrade         = rule.Message{English: "Cancellation windows do not apply to upgrades; an upgrade does not reopen the subscription's window.", Swedish: "Uppsägningsfönster gäller inte för uppgraderingar; en uppgradering öppnar inte prenumerationens fönster igen."}
	exNoSeatReduction = rule.Message{English: "The seats of a software subscription cannot be reduced; the subscription can only be cancelled within its window.", Swedish: "Licenserna i en programvaruprenumeration kan inte minskas; prenumerationen kan bara sägas upp inom sitt fönster."}
	exNoWindow        = rule.Message{English: "The policy gives this charge no refund window.", Swedish: "Policyn ger den här avgiften inget återbetalningsfönster."}
	exOpenHours       = rule.Message{English: "The request at %v is within the window of %s after the %s at %v, which closes at %v (%s left).", Swedish: "Begäran %v ligger inom fönstret på %s efter %s %v, som stänger %v (%s kvar)."}
	exOpenDays        = rule.Message{English: "The request at %v falls on day %d of the window of %s after the %s at %v, counted in %s; the window closes at %v (%s left).", Swedish: "Begäran %v infaller på dag %d av fönstret på %s efter %s %v, räknat i %s; fönstret stänger %v (%s kvar)."}
	exClosedHours     = rule.Message{English: "The window of %s after the %s at %v closed at %v, before the request at %v.", Swedish: "Fönstret på %s efter %s %v stängde %v, före begäran %v."}
	exClosedDays      = rule.Message{English: "The window of %s after the %s at %v closed at %v (counted in %s), before the request at %v on day %d.", Swedish: "Fönstret på %s efter %s %v stängde %v (räknat i %s), före begäran %v på dag %d."}
	exPolicyFrom      = rule.Message{English: "The charge is judged by the SaaS policy in force from %s.", Swedish: "Avgiften bedöms enligt den SaaS-policy som gäller från %s."}
	exNoLimit         = rule.Message{English: "The policy sets no reservation cancellation limit: the commitment of %v fits.", Swedish: "Policyn anger ingen gräns för uppsägning av reservationer: åtagandet på %v ryms."}
	exLimitFits       = rule.Message{English: "The commitment of %v fits the reservation cancellation limit: %v of %v is available.", Swedish: "Åtagandet på %v ryms inom gränsen för uppsägning av reservationer: %v av %v är tillgängligt."}
	exLimitExceeded   = rule.Message{English: "Cancelling the commitment of %v would exceed the reservation cancellation limit: only %v of %v is available.", Swedish: "En uppsägning av åtagandet på %v skulle överskrida gränsen för uppsägning av reservationer: bara %v av %v är tillgängligt."}
	exLimitRestores   = rule.Message{English: "More becomes available at %v.", Swedish: "Mer blir tillgängligt %v."}
	exFull            = rule.Message{English: "Full refund of %v.", Swedish: "Full återbetalning på %v."}
	exExcludingUsage  = rule.Message{English: "Metered and other usage charges are not refunded (RFD-02).", Swedish: "Förbrukningsbaserade och andra användningsavgifter återbetalas inte (RFD-02)."}
	exProrated        = rule.Message{English: "Prorated refund of %v: %v paid for %s, less %s used; %v is retained.", Swedish: "Proportionell återbetalning på %v: %v betalt för %s, minus %s som använts; %v behålls."}
	exCredit          = rule.Message{English: "A 100%% credit of %v appears on the next monthly invoice, with no early termination fee.", Swedish: "En kredit på 100 %% (%v) visas på nästa månadsfaktura, utan avgift för tidig uppsägning."}
	exNothingPaid     = rule.Message{English: "Nothing was paid, so nothing is refunded.", Swedish: "Inget betalades, så inget återbetalas."}
	exRetained        = rule.Message{English: "The %v paid is not refunded.", Swedish: "De betalda %v återbetalas inte."}
	exCancelNow       = rule.Message{English: "It can be cancelled now.", Swedish: "Den kan sägas upp nu."}
	exSeatsNow        = rule.Message{English: "The seats can be removed now.", Swedish: "Licenserna kan tas bort nu."}
	exKeysRevoked     = rule.Message{English: "Cancelling revokes all its software keys and download links (RFD-08).", Swedish: "Uppsägningen återkallar alla dess programvarunycklar och nedladdningslänkar (RFD-08)."}
	exAtPeriodEnd     = rule.Message{English: "It can still be cancelled, without a refund; it stays active until the paid period ends.", Swedish: "Den kan fortfarande sägas upp, utan återbetalning; den gäller tills den betalda perioden tar slut."}
	exAutoRenewOff    = rule.Message{English: "Its auto-renewal can still be turned off, so that it ends with its term.", Swedish: "Dess automatiska förnyelse kan fortfarande stängas av, så att den upphör när perioden tar slut."}
	exSeatsNever      = rule.Message{English: "The seats can no longer be removed.", Swedish: "Licenserna kan inte längre tas bort."}
	exMultiYear       = rule.Message{English: "A %s plan cannot be cancelled after its window until its term ends at %v.", Swedish: "En plan på %s kan inte sägas upp efter sitt fönster förrän perioden tar slut %v."}
	exCannotUntil     = rule.Message{English: "It cannot be cancelled; the whole term, until %v, is charged.", Swedish: "Den kan inte sägas upp; hela perioden, till %v, debiteras."}
	exCannot          = rule.Message{English: "It cannot be cancelled.", Swedish: "Den kan inte sägas upp."}
	exNothing         = rule.Message{English: "There is nothing to cancel.", Swedish: "Det finns inget att säga upp."}
)

// kindNouns names the kinds at the start of a sentence: English, then
// Swedish. Never written.
var kindNouns = [...][2]string{
	{"Charge", "Avgift"},
	SaaS:                {"SaaS subscription fee", "SaaS-prenumerationsavgift"},
	Usage:               {"Usage-based charge", "Användningsbaserad avgift"},
	ProfessionalService: {"Professional service", "Professionell tjänst"},
	VMReservation:       {"VM software reservation", "Programvarureservation för virtuell dator"},
	Container:           {"Azure container offer", "Azure-containererbjudande"},
	ManagedAppFee:       {"Managed application's fixed monthly fee", "Hanterat programs fasta månadsavgift"},
	CSPSoftware:         {"CSP software subscription", "CSP-programvaruprenumeration"},
	CSPPerpetual:        {"CSP perpetual software", "Evig programvara via CSP"},
	CSPLicense:          {"CSP license-based subscription", "Licensbaserad CSP-prenumeration"},
	CSPSaaS:             {"SaaS subscription bought through CSP", "SaaS-prenumeration köpt via CSP"},
}

var eventNouns = [...][2]string{
	NewPurchase: {"purchase", "köpet"},
	Renewal:     {"renewal", "förnyelsen"},
	SeatsAdded:  {"addition of the seats", "tillägget av licenserna"},
	Upgrade:     {"upgrade", "uppgraderingen"},
}

var vendorNames2 = [...]string{"Other", "Red Hat", "SUSE"}

func pick(lang rule.Language, table [][2]string, i int) string {
	if i < 0 || i >= len(table) || table[i][0] == "" {
		i = 0
	}
	if lang == rule.Swedish {
		return table[i][1]
	}
	return table[i][0]
}

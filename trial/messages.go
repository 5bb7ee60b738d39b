package trial

import (
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/rule"
)

// The reasons: stable codes, never renamed or reused, that hosts may
// switch on and store. The first five name what a transition did (every
// [Effect] carries one); the others say why a trial is or is not
// available ([Eligibility]) or why an event is refused ([Transition]).
const (
	// ReasonTrialStarted: a trial started (TRL-02, TRL-03, TRL-04).
	ReasonTrialStarted rule.Reason = "trial-started"
	// ReasonSwitched: the trial moved to another plan, its clock kept
	// (TRL-06, TRL-07).
	ReasonSwitched rule.Reason = "plan-switched"
	// ReasonConvertedAtEnd: the trial reached its end and the plan under
	// evaluation converted to paid (TRL-04, TRL-05, TRL-07).
	ReasonConvertedAtEnd rule.Reason = "converted-at-end"
	// ReasonConvertedEarly: the customer converted to a plan without a
	// trial; the trial ended at once and its data is lost (TRL-09).
	ReasonConvertedEarly rule.Reason = "converted-early"
	// ReasonCancelled: the trial was cancelled before its end (TRL-04,
	// EXT-12).
	ReasonCancelled rule.Reason = "trial-cancelled"

	// ReasonEligible: the customer may start a trial of the plan (TRL-01).
	ReasonEligible rule.Reason = "eligible"
	// ReasonOfferType: the offer type has no plan trials; only Azure
	// virtual machine and SaaS offers do (TRL-01).
	ReasonOfferType rule.Reason = "offer-type-without-trials"
	// ReasonNotTransactable: the offer is not sold through Microsoft
	// (TRL-01).
	ReasonNotTransactable rule.Reason = "not-sold-through-microsoft"
	// ReasonPlanWithoutTrial: the plan has no free trial (TRL-01).
	ReasonPlanWithoutTrial rule.Reason = "plan-without-trial"
	// ReasonUsageOnly: the plan is a usage-only (consumption) plan, which
	// has no free trial (TRL-01).
	ReasonUsageOnly rule.Reason = "usage-only-plan"
	// ReasonMetered: the plan bills metering dimensions and cannot also
	// have a free trial (EXT-04).
	ReasonMetered rule.Reason = "metered-plan"
	// ReasonLength: the plan's trial length is not one the policy allows
	// for the offer type (TRL-02).
	ReasonLength rule.Reason = "length-not-allowed"
	// ReasonPaidBefore: the customer has paid for a plan of the offer
	// (TRL-10).
	ReasonPaidBefore rule.Reason = "paid-before"
	// ReasonCancelledBefore: the customer cancelled a trial of the offer,
	// which cannot be restarted (EXT-12).
	ReasonCancelledBefore rule.Reason = "cancelled-before"
	// ReasonTrialRunning: a trial of the offer already runs; the customer
	// switches its plan instead (TRL-06).
	ReasonTrialRunning rule.Reason = "trial-running"

	// ReasonTrialEnded: the running trial reached its end before the
	// event and has converted (TRL-04); apply a Tick first.
	ReasonTrialEnded rule.Reason = "trial-ended"
	// ReasonNotInTrial: no trial runs (TRL-11).
	ReasonNotInTrial rule.Reason = "not-in-trial"
	// ReasonTrialPlan: the plan under evaluation cannot convert to paid
	// before the trial ends (TRL-08).
	ReasonTrialPlan rule.Reason = "trial-plan-before-end"
	// ReasonOtherTrialPlan: another trial-enabled plan cannot convert to
	// paid before the trial ends either: the customer switches to it and
	// it converts at the end (TRL-08, TRL-06, TRL-07).
	ReasonOtherTrialPlan rule.Reason = "trial-enabled-plan-before-end"
	// ReasonSamePlan: a switch to the plan already under evaluation
	// (TRL-06).
	ReasonSamePlan rule.Reason = "same-plan"
	// ReasonUsedUp: the new plan's trial length, counted from the trial's
	// start, is already used (TRL-06).
	ReasonUsedUp rule.Reason = "trial-length-used"
	// ReasonPurchaseInTrial: paying for a plan during a trial is a
	// conversion (TRL-08, TRL-09).
	ReasonPurchaseInTrial rule.Reason = "purchase-during-trial"
	// ReasonPurchased: the customer bought a plan outside a trial, which
	// rules out any later trial of the offer (TRL-10).
	ReasonPurchased rule.Reason = "purchased"
	// ReasonNoChange: the event is allowed and changes nothing but
	// State.Last: a Tick before the end or without a running trial, a
	// purchase by a customer who pays already.
	ReasonNoChange rule.Reason = "no-change"
)

// facts are the figures a reason's message may use.
type facts struct {
	offer         Offering
	plan, current string
	phase         Phase
	end           time.Time
	months        int
	allowed       []int
}

var (
	msgEligible        = rule.Message{English: "plan %s may start a free trial of %s", Swedish: "planen %s kan starta en kostnadsfri utvärderingsversion på %s"}
	msgOfferType       = rule.Message{English: "%s offers have no free trials on their plans; only transactable Azure virtual machine and SaaS offers do", Swedish: "erbjudanden av typen %s har inga kostnadsfria utvärderingsversioner av sina planer; det har bara transakterbara virtuella Azure-datorer och SaaS-erbjudanden"}
	msgNotTransactable = rule.Message{English: "the offer is not sold through Microsoft, and only plans of offers sold through Microsoft have free trials", Swedish: "erbjudandet säljs inte via Microsoft, och bara planer i erbjudanden som säljs via Microsoft har kostnadsfria utvärderingsversioner"}
	msgPlanNoTrial     = rule.Message{English: "plan %s has no free trial", Swedish: "planen %s har ingen kostnadsfri utvärderingsversion"}
	msgUsageOnly       = rule.Message{English: "plan %s is a usage-only (consumption) plan, which has no free trial", Swedish: "planen %s är en förbrukningsplan, som inte har någon kostnadsfri utvärderingsversion"}
	msgMetered         = rule.Message{English: "plan %s bills metering dimensions, and a plan cannot have both metered billing and a free trial", Swedish: "planen %s har avläst fakturering, och en plan kan inte ha både avläst fakturering och en kostnadsfri utvärderingsversion"}
	msgLength          = rule.Message{English: "plan %s declares a free trial of %s, but trials of %s offers last %s", Swedish: "planen %s anger en kostnadsfri utvärderingsversion på %s, men utvärderingsversioner av erbjudanden av typen %s varar %s"}
	msgLengthNone      = rule.Message{English: "plan %s declares a free trial of %s, but the policy allows no trial length for %s offers", Swedish: "planen %s anger en kostnadsfri utvärderingsversion på %s, men policyn tillåter ingen längd för erbjudanden av typen %s"}
	msgPaidBefore      = rule.Message{English: "the customer has paid for a plan of this offer, so never gets a free trial of it again", Swedish: "kunden har betalat för en plan i det här erbjudandet och får därför aldrig mer en kostnadsfri utvärderingsversion av det"}
	msgCancelledBefore = rule.Message{English: "the customer cancelled the free trial of this offer, and a cancelled trial cannot be restarted", Swedish: "kunden har avbrutit den kostnadsfria utvärderingsversionen av det här erbjudandet, och en avbruten utvärderingsversion kan inte startas om"}
	msgTrialRunning    = rule.Message{English: "the customer's free trial of this offer already runs; switching plans within it does not restart it", Swedish: "kundens kostnadsfria utvärderingsversion av det här erbjudandet pågår redan; ett byte av plan inom den startar inte om den"}
	msgTrialEnded      = rule.Message{English: "the free trial ended at %v, when plan %s, the plan under evaluation, converts to a paid subscription; apply a tick first", Swedish: "den kostnadsfria utvärderingsversionen upphörde %v, då planen %s, som utvärderas, konverteras till en betald prenumeration; tillämpa en tick först"}
	msgNotInTrial      = rule.Message{English: "no free trial is running (phase %s)", Swedish: "ingen kostnadsfri utvärderingsversion pågår (fas %s)"}
	msgTrialPlan       = rule.Message{English: "plan %s is in its free trial and cannot convert to a paid subscription before the trial ends at %v", Swedish: "planen %s är i sin kostnadsfria utvärderingsversion och kan inte konverteras till en betald prenumeration innan utvärderingsperioden upphör %v"}
	msgOtherTrialPlan  = rule.Message{English: "plan %s has a free trial, so it cannot convert to paid before the trial ends at %v: switch the trial to it and it converts then; only a plan without a trial converts at once", Swedish: "planen %s har en kostnadsfri utvärderingsversion och kan därför inte konverteras till en betald prenumeration innan utvärderingsperioden upphör %v: byt till den i utvärderingsperioden så konverteras den då; bara en plan utan utvärderingsversion konverteras direkt"}
	msgSamePlan        = rule.Message{English: "the free trial is already on plan %s", Swedish: "den kostnadsfria utvärderingsversionen gäller redan planen %s"}
	msgUsedUp          = rule.Message{English: "plan %s has a free trial of %s, which ended at %v counted from the trial's start: the time already used counts, so none is left", Swedish: "planen %s har en kostnadsfri utvärderingsversion på %s, som upphörde %v räknat från utvärderingsperiodens start: den tid som redan använts räknas, så ingen återstår"}
	msgPurchaseInTrial = rule.Message{English: "a free trial of plan %s is running; paying for a plan during it is a conversion (only a plan without a trial converts at once)", Swedish: "en kostnadsfri utvärderingsversion av planen %s pågår; att betala för en plan under den är en konvertering (bara en plan utan utvärderingsversion konverteras direkt)"}
	msgUnknownReason   = rule.Message{English: "reason %s", Swedish: "orsak %s"}
)

// appendReason appends a reason rendered with its figures, without the
// rule, to b.
func appendReason(b []byte, lang rule.Language, r rule.Reason, f *facts) []byte {
	switch r {
	case ReasonEligible:
		return msgEligible.Append(b, lang, f.plan, monthsArg(lang, f.months))
	case ReasonOfferType:
		return msgOfferType.Append(b, lang, typeName(f.offer.Type))
	case ReasonNotTransactable:
		return msgNotTransactable.Append(b, lang)
	case ReasonPlanWithoutTrial:
		return msgPlanNoTrial.Append(b, lang, f.plan)
	case ReasonUsageOnly:
		return msgUsageOnly.Append(b, lang, f.plan)
	case ReasonMetered:
		return msgMetered.Append(b, lang, f.plan)
	case ReasonLength:
		if len(f.allowed) == 0 {
			return msgLengthNone.Append(b, lang, f.plan, monthsArg(lang, f.months), typeName(f.offer.Type))
		}
		return msgLength.Append(b, lang, f.plan, monthsArg(lang, f.months), typeName(f.offer.Type), monthsList(lang, f.allowed))
	case ReasonPaidBefore:
		return msgPaidBefore.Append(b, lang)
	case ReasonCancelledBefore:
		return msgCancelledBefore.Append(b, lang)
	case ReasonTrialRunning:
		return msgTrialRunning.Append(b, lang)
	case ReasonTrialEnded:
		return msgTrialEnded.Append(b, lang, f.end, f.current)
	case ReasonNotInTrial:
		return msgNotInTrial.Append(b, lang, f.phase.String())
	case ReasonTrialPlan:
		return msgTrialPlan.Append(b, lang, f.plan, f.end)
	case ReasonOtherTrialPlan:
		return msgOtherTrialPlan.Append(b, lang, f.plan, f.end)
	case ReasonSamePlan:
		return msgSamePlan.Append(b, lang, f.plan)
	case ReasonUsedUp:
		return msgUsedUp.Append(b, lang, f.plan, monthsArg(lang, f.months), f.end)
	case ReasonPurchaseInTrial:
		return msgPurchaseInTrial.Append(b, lang, f.current)
	}
	return msgUnknownReason.Append(b, lang, string(r))
}

// typeName returns the offer type's name as Partner Center shows it, or
// its text form for a type without one.
func typeName(t offer.Type) string {
	if n := t.Capabilities().Name; n != "" {
		return n
	}
	return t.String()
}

// monthsText returns "1 month", "3 months"; "1 månad", "3 månader".
func monthsText(lang rule.Language, n int) string {
	s := strconv.Itoa(n)
	if lang == rule.Swedish {
		if n == 1 {
			return s + " månad"
		}
		return s + " månader"
	}
	if n == 1 {
		return s + " month"
	}
	return s + " months"
}

// monthsArgs are monthsText of the trial lengths of DefaultPolicy and
// those between, as arguments of a rule.Message: constants, boxed without
// allocating.
var monthsArgs = [2][7]any{
	{1: "1 month", 2: "2 months", 3: "3 months", 4: "4 months", 5: "5 months", 6: "6 months"},
	{1: "1 månad", 2: "2 månader", 3: "3 månader", 4: "4 månader", 5: "5 månader", 6: "6 månader"},
}

// monthsArg returns monthsText(lang, n) as an argument of a rule.Message.
func monthsArg(lang rule.Language, n int) any {
	if n >= 1 && n < len(monthsArgs[0]) {
		if lang == rule.Swedish {
			return monthsArgs[1][n]
		}
		return monthsArgs[0][n]
	}
	return monthsText(lang, n)
}

// monthsList returns "1, 3 or 6 months"; "1, 3 eller 6 månader".
func monthsList(lang rule.Language, ns []int) string {
	or, unit, units := " or ", " month", " months"
	if lang == rule.Swedish {
		or, unit, units = " eller ", " månad", " månader"
	}
	var b strings.Builder
	for i, n := range ns {
		switch {
		case i == 0:
		case i == len(ns)-1:
			b.WriteString(or)
		default:
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(n))
	}
	if len(ns) == 1 && ns[0] == 1 {
		return b.String() + unit
	}
	return b.String() + units
}

// durationText renders a duration in whole days, hours and minutes,
// leaving out zero parts ("15 days", "2 days 3 hours"; "15 dagar");
// seconds are dropped, and a duration under a minute is "0 minutes".
func durationText(lang rule.Language, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	days := int64(d / (24 * time.Hour))
	hours := int64(d % (24 * time.Hour) / time.Hour)
	mins := int64(d % time.Hour / time.Minute)
	type unit struct{ one, many string }
	u := [3]unit{{" day", " days"}, {" hour", " hours"}, {" minute", " minutes"}}
	if lang == rule.Swedish {
		u = [3]unit{{" dag", " dagar"}, {" timme", " timmar"}, {" minut", " minuter"}}
	}
	var buf [64]byte
	b := buf[:0]
	for i, n := range [3]int64{days, hours, mins} {
		if n == 0 {
			continue
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		name := u[i].many
		if n == 1 {
			name = u[i].one
		}
		b = append(strconv.AppendInt(b, n, 10), name...)
	}
	if len(b) == 0 {
		b = append(append(b, '0'), u[2].many...)
	}
	return string(b)
}

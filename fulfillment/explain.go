package fulfillment

import (
	"strings"
	"time"

	"github.com/marketrules/marketrules/rule"
)

var (
	msgHead = rule.Message{English: "%s (operation %s) for a subscription in status %s: %s",
		Swedish: "%s (åtgärd %s) för en prenumeration i status %s: %s"}
	msgApplies   = rule.Message{English: "it applies.", Swedish: "den gäller."}
	msgNotApply  = rule.Message{English: "it does not apply.", Swedish: "den gäller inte."}
	msgAnswer200 = rule.Message{English: "Answer HTTP 200 at once; an unanswered call is retried up to %d times over %s (FUL-10).",
		Swedish: "Svara HTTP 200 direkt; ett obesvarat anrop görs om upp till %d gånger under %s (FUL-10)."}
	msgAckAccept = rule.Message{English: "Then accept with PATCH Success or reject with PATCH Failure by %s (%s after the time stamp); without an answer the change is accepted (FUL-05).",
		Swedish: "Godkänn sedan med PATCH Success eller avvisa med PATCH Failure senast %s (%s efter tidsstämpeln); utan svar godkänns ändringen (FUL-05)."}
	msgAckReject = rule.Message{English: "Then reject it with PATCH Failure by %s (%s after the time stamp) (FUL-05).",
		Swedish: "Avvisa den sedan med PATCH Failure senast %s (%s efter tidsstämpeln) (FUL-05)."}
	msgState = rule.Message{English: "Now %s, plan %q, quantity %d; the customer has %s.",
		Swedish: "Nu %s, plan %q, antal %d; kunden har %s."}
	msgTerm      = rule.Message{English: "The term runs from %s to %s.", Swedish: "Perioden löper från %s till %s."}
	msgConverted = rule.Message{English: "The free trial converted to a paid subscription; isFreeTrial is now false (TRL-04, FUL-11).",
		Swedish: "Den kostnadsfria provperioden övergick i en betald prenumeration; isFreeTrial är nu false (TRL-04, FUL-11)."}
	msgCancelAt = rule.Message{English: "Without Reinstate it is cancelled on %s (FUL-07).", Swedish: "Utan återaktivering sägs den upp %s (FUL-07)."}
	msgKeepData = rule.Message{English: "Keep the customer's data until at least %s (FUL-08).", Swedish: "Behåll kundens data minst till %s (FUL-08)."}
	msgVerify   = rule.Message{English: "Verify the call's token and the operation (Get Operation) before acting on it (FUL-10).",
		Swedish: "Verifiera anropets token och åtgärden (Get Operation) innan du agerar (FUL-10)."}
)

var reasonTexts = map[rule.Reason]rule.Message{
	ReasonAwaitsAnswer:   {English: "the customer changed the subscription and it waits for the publisher's answer", Swedish: "kunden ändrade prenumerationen och ändringen väntar på utgivarens svar"},
	ReasonDeadlinePassed: {English: "the customer's change was not answered in time and is accepted", Swedish: "kundens ändring besvarades inte i tid och är godkänd"},
	ReasonChanged:        {English: "the plan or quantity changed", Swedish: "planen eller antalet ändrades"},
	ReasonRenewed:        {English: "the subscription renewed for another term", Swedish: "prenumerationen förnyades för en ny period"},
	ReasonSuspended:      {English: "the subscription is suspended (a failed payment): service blocked, data kept", Swedish: "prenumerationen är avstängd (en misslyckad betalning): tjänsten spärrad, data sparas"},
	ReasonReinstated:     {English: "the subscription is reinstated", Swedish: "prenumerationen är återaktiverad"},
	ReasonUnsubscribed:   {English: "the subscription has ended", Swedish: "prenumerationen har upphört"},
	ReasonNotInStatus:    {English: "a subscription in this status does not take this action (FUL-04)", Swedish: "en prenumeration i denna status tar inte emot denna åtgärd (FUL-04)"},
	ReasonFinal:          {English: "an Unsubscribed subscription is final and never reactivated (FUL-04)", Swedish: "en avslutad prenumeration är slutgiltig och återaktiveras aldrig (FUL-04)"},
	ReasonUnknownAction:  {English: "the library does not know this action; it changes nothing (FUL-04)", Swedish: "biblioteket känner inte till åtgärden; den ändrar ingenting (FUL-04)"},
	ReasonFailed:         {English: "the operation failed on Microsoft's side; nothing changes", Swedish: "åtgärden misslyckades hos Microsoft; ingenting ändras"},
	ReasonRepeated:       {English: "the operation was applied already (a retried call); it is not applied twice", Swedish: "åtgärden har redan tillämpats (ett upprepat anrop); den tillämpas inte två gånger"},
	ReasonOutOfOrder:     {English: "the operation is older than the last one applied; it is not applied (check Get Subscription)", Swedish: "åtgärden är äldre än den senast tillämpade; den tillämpas inte (kontrollera med Get Subscription)"},
}

var serviceWords = map[Service][2]string{
	ServiceNone:    {"no service yet (activate first)", "ingen tjänst ännu (aktivera först)"},
	ServiceFull:    {"the full service", "hela tjänsten"},
	ServiceBlocked: {"no service but the data is kept", "ingen tjänst men data sparas"},
	ServiceEnded:   {"no service; the data is kept for now", "ingen tjänst; data sparas tills vidare"},
}

func langIndex(lang rule.Language) int {
	if lang == rule.Swedish {
		return 1
	}
	return 0
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func durationText(lang rule.Language, d time.Duration) string {
	sv := lang == rule.Swedish
	switch {
	case d%(24*time.Hour) == 0 && d >= 72*time.Hour:
		n := int(d / (24 * time.Hour))
		if sv {
			return plural(n, "dag", "dagar")
		}
		return plural(n, "day", "days")
	case d%time.Hour == 0 && d > 0:
		n := int(d / time.Hour)
		if sv {
			return plural(n, "timme", "timmar")
		}
		return plural(n, "hour", "hours")
	case d%time.Second == 0 && d > 0:
		n := int(d / time.Second)
		if sv {
			return plural(n, "sekund", "sekunder")
		}
		return plural(n, "second", "seconds")
	}
	return d.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	var b [24]byte
	i := len(b)
	for n != 0 {
		d := n % 10
		if d < 0 {
			d = -d
		}
		i--
		b[i] = byte('0' + d)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Explain says in lang what the call means: whether the operation applies
// and why (with its rule), the answer owed and by when, the state after
// it and the dates that follow.
func (d Decision) Explain(lang rule.Language) string {
	var b strings.Builder
	verdict := msgNotApply
	if d.Allowed {
		verdict = msgApplies
	}
	action := string(d.Action)
	if action == "" {
		action = "?"
	}
	b.WriteString(msgHead.Render(lang, action, d.OperationID, d.From.String(), verdict.Format(lang)))
	if m, ok := reasonTexts[d.Reason]; ok {
		b.WriteString(" ")
		r := m.Format(lang)
		b.WriteString(strings.ToUpper(r[:1]) + r[1:])
		if d.Rule != "" && !strings.Contains(r, string(d.Rule)) {
			b.WriteString(" (" + string(d.Rule) + ")")
		}
		b.WriteString(".")
	}
	b.WriteString(" ")
	b.WriteString(msgAnswer200.Render(lang, d.RetryTimes, durationText(lang, d.RetryFor)))
	if d.Acknowledge {
		b.WriteString(" ")
		m := msgAckAccept
		if d.Ack == Failure {
			m = msgAckReject
		}
		b.WriteString(m.Render(lang, stamp(d.AckBy), durationText(lang, d.AckWithin)))
	}
	sub := &d.State.Subscription
	to := d.To.String()
	if to == "" {
		to = "?"
	}
	svc := "?"
	if w, ok := serviceWords[d.Service]; ok {
		svc = w[langIndex(lang)]
	}
	b.WriteString(" ")
	b.WriteString(msgState.Render(lang, to, sub.PlanID, sub.Quantity, svc))
	if d.Reason == ReasonRenewed {
		b.WriteString(" ")
		b.WriteString(msgTerm.Render(lang, stamp(sub.Term.Start), stamp(sub.Term.End)))
	}
	if d.TrialConverted {
		b.WriteString(" ")
		b.WriteString(msgConverted.Format(lang))
	}
	if !d.CancelAt.IsZero() {
		b.WriteString(" ")
		b.WriteString(msgCancelAt.Render(lang, stamp(d.CancelAt)))
	}
	if !d.KeepDataUntil.IsZero() {
		b.WriteString(" ")
		b.WriteString(msgKeepData.Render(lang, stamp(d.KeepDataUntil)))
	}
	if d.Allowed {
		b.WriteString(" ")
		b.WriteString(msgVerify.Format(lang))
	}
	return b.String()
}

// String returns a one-line summary: "FUL-05 awaits-answer: ChangePlan
// Subscribed→Subscribed, answer 200, PATCH Success by 2023-02-10T18:49:08Z".
func (d Decision) String() string {
	var b strings.Builder
	b.WriteString(string(d.Rule))
	b.WriteString(" ")
	b.WriteString(string(d.Reason))
	b.WriteString(": ")
	b.WriteString(string(d.Action))
	b.WriteString(" ")
	b.WriteString(d.From.String())
	b.WriteString("→")
	b.WriteString(d.To.String())
	b.WriteString(", answer ")
	b.WriteString(itoa(d.HTTPStatus))
	if d.Acknowledge {
		b.WriteString(", PATCH ")
		b.WriteString(string(d.Ack))
		b.WriteString(" by ")
		b.WriteString(stamp(d.AckBy))
	}
	return b.String()
}

package pricing

import (
	"strconv"
	"strings"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// String returns a one-line English summary for logs, such as
// `PRC-04 "gold" SE P1Y monthly: 10 × 1200.00 SEK = 12000.00 SEK in 12 payments`.
func (q Quote) String() string {
	b := make([]byte, 0, 96)
	b = append(b, q.Rule...)
	b = append(b, ' ')
	b = strconv.AppendQuote(b, q.Plan)
	b = append(b, ' ')
	b = append(b, q.Market.String()...)
	b = append(b, ' ')
	b = append(b, q.Term.String()...)
	if q.Term != plan.Hourly {
		b = append(b, ' ')
		b = append(b, q.Payment.String()...)
	}
	b = append(b, ": "...)
	b = strconv.AppendInt(b, q.Quantity, 10)
	b = append(b, " × "...)
	b = qtAppendMoney(b, q.UnitPrice)
	b = append(b, " = "...)
	b = qtAppendMoney(b, q.Price)
	if q.Payments > 1 {
		b = append(b, " in "...)
		b = strconv.AppendInt(b, int64(q.Payments), 10)
		b = append(b, " payments"...)
	}
	return string(b)
}

func qtAppendMoney(b []byte, m currency.Money) []byte {
	if m == (currency.Money{}) {
		return append(b, '0')
	}
	b, _ = m.AppendText(b)
	return b
}

// Explain renders the quote in lang (English or Swedish): the plan and
// market, the unit price, quantity and price of the term, the payments it
// is billed in, where the price comes from (the plan's price for the
// market, USD, or a conversion with its rate and rounding), and the rules.
func (q Quote) Explain(lang rule.Language) string {
	var b strings.Builder
	say := func(m rule.Message, args ...any) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(m.Render(lang, args...))
	}
	mk := q.Market.Market()
	switch {
	case q.Model == plan.Free || q.Model == plan.BYOL:
		say(qtExNoCharge, q.Plan, mk.In(), q.Model.String(), string(q.Rule))
		return b.String()
	case q.Model == plan.UsageOnly:
		say(qtExUsageOnly, q.Plan, mk.In(), string(q.Rule))
		return b.String()
	case q.Term == plan.Hourly:
		say(qtExHourly, q.Plan, mk.In(), qtVMWords(lang, q.VCPUs), q.Price, string(q.Rule))
		if q.Quantity > 1 {
			say(qtExPerVCPU, q.Quantity, q.UnitPrice)
		}
	case q.Saving != (currency.Rate{}) || q.Hourly != (currency.Money{}):
		say(qtExReservation, q.Plan, mk.In(), qtTermWords(q.Term), qtVMWords(lang, q.VCPUs), q.Hourly, q.Hours, rule.Decimal(q.Saving.String()), q.UnitPrice, string(q.Rule))
		say(qtExTotal, q.Quantity, q.UnitPrice, q.Price)
		qtExplainPayments(say, q)
	default:
		say(qtExRecurring, q.Plan, mk.In(), qtTermWords(q.Term), q.Quantity, q.UnitPrice, q.Price, string(q.Rule))
		qtExplainPayments(say, q)
	}
	switch q.Source {
	case QuoteFromMarket:
		say(qtExFromMarket, mk.In())
	case QuoteFromUSD:
		say(qtExFromUSD, mk.In())
	case QuoteConverted:
		c := q.Conversion
		say(qtExConverted, c.From, rule.Decimal(c.Rate.Rate.String()), c.Rate.To.String(), c.Rounding)
	}
	return b.String()
}

func qtExplainPayments(say func(rule.Message, ...any), q Quote) {
	switch {
	case q.Payments == 1:
		say(qtExUpfront)
	case q.Payments > 1:
		first, last := q.Installment(1), q.Installment(q.Payments)
		if first == last {
			say(qtExEqual, q.Payments, qtPaymentWords(q.Payment), first)
			return
		}
		r := 1
		for r < q.Payments && q.Installment(r+1) == first {
			r++
		}
		say(qtExUnequal, q.Payments, qtPaymentWords(q.Payment), r, first, q.Payments-r, last)
	}
}

// qtVMWords names a VM of a size, or of any size for 0 vCPUs.
func qtVMWords(lang rule.Language, vcpus int) string {
	if vcpus <= 0 {
		return qtExVM.Render(lang)
	}
	return qtExVMSize.Render(lang, vcpus)
}

// qtTermWords names a term in both languages.
func qtTermWords(t plan.Term) rule.Message {
	if int(t) < len(qtTermMessages) && t.Valid() {
		return qtTermMessages[t]
	}
	s := t.String()
	return rule.Message{English: s, Swedish: s}
}

// qtPaymentWords names a payment option in both languages.
func qtPaymentWords(p plan.PaymentOption) rule.Message {
	if int(p) < len(qtPaymentMessages) {
		return qtPaymentMessages[p]
	}
	s := p.String()
	return rule.Message{English: s, Swedish: s}
}

// The words for terms and payment options, indexed by value. Never
// written.
var (
	qtTermMessages = [...]rule.Message{
		{},
		{English: "1 month", Swedish: "1 månad"},
		{English: "1 year", Swedish: "1 år"},
		{English: "2 years", Swedish: "2 år"},
		{English: "3 years", Swedish: "3 år"},
		{English: "hourly", Swedish: "per timme"},
	}
	qtPaymentMessages = [...]rule.Message{
		{English: "upfront", Swedish: "i förskott"},
		{English: "monthly", Swedish: "månadsvis"},
		{English: "annually", Swedish: "årsvis"},
	}
)

// Explanation messages of quotes.
var (
	qtExNoCharge    = rule.Message{English: "Plan %q %s is %s: no software charge (%s).", Swedish: "Planen %q %s är %s: ingen programvaruavgift (%s)."}
	qtExUsageOnly   = rule.Message{English: "Plan %q %s has no recurring fee; it is billed through its metering dimensions (%s).", Swedish: "Planen %q %s har ingen återkommande avgift; den debiteras via sina mätdimensioner (%s)."}
	qtExVM          = rule.Message{English: "a VM", Swedish: "en VM"}
	qtExVMSize      = rule.Message{English: "a %d-vCPU VM", Swedish: "en VM med %d vCPU"}
	qtExHourly      = rule.Message{English: "Plan %q %s: %s costs %v per hour, charged by the minute and billed monthly in arrears (%s).", Swedish: "Planen %q %s: %s kostar %v per timme, debiteras per minut och faktureras månadsvis i efterskott (%s)."}
	qtExPerVCPU     = rule.Message{English: "That is %d vCPUs at %v each.", Swedish: "Det är %d vCPU:er à %v."}
	qtExReservation = rule.Message{English: "Plan %q %s: a software reservation for %v of %s costs %v per hour × %d hours × (1 − %s) = %v (%s).", Swedish: "Planen %q %s: en programvarureservation på %v för %s kostar %v per timme × %d timmar × (1 − %s) = %v (%s)."}
	qtExTotal       = rule.Message{English: "%d × %v = %v.", Swedish: "%d × %v = %v."}
	qtExRecurring   = rule.Message{English: "Plan %q %s, %v: %d × %v = %v (%s).", Swedish: "Planen %q %s, %v: %d × %v = %v (%s)."}
	qtExUpfront     = rule.Message{English: "Paid upfront, at the start of the term (PRC-07).", Swedish: "Betalas i förskott, i början av perioden (PRC-07)."}
	qtExEqual       = rule.Message{English: "Paid %[2]v in %[1]d equal payments of %[3]v, each at the start of its period (EXT-05).", Swedish: "Betalas %[2]v i %[1]d lika delbetalningar på %[3]v, var och en i början av sin period (EXT-05)."}
	qtExUnequal     = rule.Message{English: "Paid %[2]v in %[1]d equal payments, each at the start of its period (EXT-05): %[3]d of %[4]v, then %[5]d of %[6]v, so that no minor unit is lost.", Swedish: "Betalas %[2]v i %[1]d lika delbetalningar, var och en i början av sin period (EXT-05): %[3]d på %[4]v, sedan %[5]d på %[6]v, så att ingen minsta enhet går förlorad."}
	qtExFromMarket  = rule.Message{English: "The price is the plan's own price %s (PRC-03).", Swedish: "Priset är planens eget pris %s (PRC-03)."}
	qtExFromUSD     = rule.Message{English: "Prices %s are billed in USD, the currency of the plan's prices.", Swedish: "Priser %s faktureras i USD, valutan för planens priser."}
	qtExConverted   = rule.Message{English: "Converted from %v at %s %s per USD, rounded %s (PRC-03).", Swedish: "Omräknat från %v till kursen %s %s per USD, avrundat %s (PRC-03)."}
)

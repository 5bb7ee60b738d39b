package pricing

import (
	"github.com/marketrules/marketrules/calendar"
	"strconv"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// ChargeKind says what a [Charge] charges for. The enum is append-only; the
// zero ChargeKind is invalid.
type ChargeKind uint8

// The kinds of line.
const (
	// ChargeRecurring: a flat-rate or per-user fee for a billing term, or
	// one of its equal payments, billed at the start of the period it
	// pays for (PRC-07, EXT-05).
	ChargeRecurring ChargeKind = iota + 1
	// ChargeOverage: usage of a metering dimension above the quantity the
	// term includes, billed monthly in arrears (EXT-03).
	ChargeOverage
	// ChargeVMUsage: virtual machine software usage, priced per hour and
	// charged by the minute, billed monthly in arrears (EXT-07).
	ChargeVMUsage
	// ChargeReservation: a virtual machine software reservation for 1 or 3
	// years, or one of its equal monthly payments (EXT-07).
	ChargeReservation
	// ChargeProrationCredit: the credit for the unused part of the old
	// price when a plan or seat count changes mid-period (PRC-05,
	// PRC-06). Its Amount is zero or negative.
	ChargeProrationCredit
	// ChargeProrationCharge: the charge for the remaining part of the
	// period at the new price (PRC-05, PRC-06).
	ChargeProrationCharge
	// ChargePartialPeriod: the partial first period of a subscription
	// billed on another day of the month than its start: the prorated
	// part, Used of Whole days, of the first payment (UnitPrice), billed
	// at the start (PRC-07).
	ChargePartialPeriod
)

var chargeKindNames = enum.Names[ChargeKind]{Type: "charge kind", Names: []string{"",
	"recurring", "overage", "vm-usage", "vm-reservation", "proration-credit", "proration-charge", "partial-period"}}

// String returns the kind's stable name: "recurring", "overage",
// "vm-usage", "vm-reservation", "proration-credit", "proration-charge" or
// "partial-period"; the zero ChargeKind, unset, is "".
func (k ChargeKind) String() string { return unsetString(chargeKindNames, k) }

// MarshalText implements [encoding.TextMarshaler].
// The zero ChargeKind marshals to "".
func (k ChargeKind) MarshalText() ([]byte, error) { return unsetMarshal(chargeKindNames, k) }

// UnmarshalText implements [encoding.TextUnmarshaler].
// "" is the zero ChargeKind.
func (k *ChargeKind) UnmarshalText(b []byte) error { return unsetUnmarshal(chargeKindNames, b, k) }

// Valid reports whether k is a defined kind.
func (k ChargeKind) Valid() bool { return chargeKindNames.Valid(k) }

// Charge is one charge on a customer's bill: what it is for, the rule that
// decided it, the period it pays for and when it is billed, and the
// figures that produced its amount. Schedules ([Policy.AppendSchedule]),
// usage ([Policy.QuoteOverage], [Policy.QuoteVMUsage]) and prorations
// ([Proration.AppendCharges]) produce lines; all amounts are in the
// market's billing currency.
//
// Which figures are set depends on Kind:
//
//   - ChargeRecurring, ChargeReservation: UnitPrice is the price of the whole
//     term for one unit (one user, one VM, or the flat rate), Quantity the
//     units, and Amount the payment Installment of Installments: the term's
//     price UnitPrice × Quantity split into equal payments (EXT-05).
//   - ChargeOverage: Used units of Dimension in Period, after UsedBefore
//     units earlier in the same term; Included units per term; Quantity
//     is the overage and Amount = UnitPrice × Quantity.
//   - ChargeVMUsage: Minutes of usage of a VM with VCPUs cores at UnitPrice
//     per hour (per vCPU for a per-vCPU plan, where Quantity is the vCPUs;
//     else Quantity is 1): Amount = UnitPrice × Quantity × Minutes / 60,
//     rounded once.
//   - ChargeProrationCredit, ChargeProrationCharge: UnitPrice is the price of
//     the whole billing period at the old (credit) or new (charge) plan
//     and quantity, Quantity the users, and Amount its prorated part for
//     Period, the rest of the billing period from the day of the change;
//     see [Proration].
//
// A line of a free or BYOL plan has a zero Amount: the library never
// drops a billing event or usage record, so every input has its line.
type Charge struct {
	// Kind says what the line charges for.
	Kind ChargeKind `json:"kind"`
	// Reason is the charge's stable reason code, one per kind:
	// "recurring-fee", "usage-overage", "vm-usage", "vm-reservation",
	// "proration-credit", "proration-charge", "partial-first-period"; ""
	// for the zero Charge.
	Reason rule.Reason `json:"reason,omitempty"`
	// Rule is the rule that decided the line: PRC-07 (billed at the start
	// of its period), EXT-05 (equal payments), EXT-03 (overage), EXT-07
	// (VM usage and reservations), PRC-01 (no charge for a free or BYOL
	// plan), PRC-05 or PRC-06 (proration), EXT-13 (a CSP seat reduction).
	Rule rule.ID `json:"rule"`
	// Plan is the ID of the plan charged for.
	Plan string `json:"plan,omitempty"`
	// Dimension is the metering dimension of an overage line.
	Dimension string `json:"dimension,omitempty"`
	// Term and Payment are the subscription's billing term and payment
	// option (Term is PT1H for VM usage).
	Term    plan.Term          `json:"term,omitzero"`
	Payment plan.PaymentOption `json:"payment"`
	// Period is the half-open interval [Start, End) the line pays for.
	Period calendar.Period `json:"period"`
	// BilledAt is when the line is billed: the start of Period for
	// recurring charges, its end for usage (in arrears, PRC-07), the
	// instant of the change for prorations.
	BilledAt time.Time `json:"billedAt"`
	// Installment is the 1-based number of an equal payment, of
	// Installments payments of the term.
	Installment  int `json:"installment,omitempty"`
	Installments int `json:"installments,omitempty"`
	// UnitPrice is the price of one unit in the market's currency: per
	// term (recurring), per dimension unit (overage), per hour (VM
	// usage), per billing period (proration).
	UnitPrice currency.Money `json:"unitPrice"`
	// Quantity is the number of units charged: users, VMs, overage units,
	// vCPUs.
	Quantity int64 `json:"quantity"`
	// UsedBefore, Used and Included are the metered figures of an overage
	// line, in the dimension's units.
	UsedBefore int64         `json:"usedBefore,omitempty"`
	Used       int64         `json:"used,omitempty"`
	Included   plan.Quantity `json:"included,omitempty"`
	// Whole is the days (or seconds) of the full billing period of a
	// partial first period, of which it has Used.
	Whole int64 `json:"whole,omitempty"`
	// VCPUs and Minutes are the figures of a VM usage line.
	VCPUs   int   `json:"vcpus,omitempty"`
	Minutes int64 `json:"minutes,omitempty"`
	// Amount is what the line charges (negative for a credit).
	Amount currency.Money `json:"amount"`
}

// The reasons of charges, one per [ChargeKind].
const (
	ReasonRecurringFee       rule.Reason = "recurring-fee"
	ReasonUsageOverage       rule.Reason = "usage-overage"
	ReasonVMUsage            rule.Reason = "vm-usage"
	ReasonVMReservation      rule.Reason = "vm-reservation"
	ReasonProrationCredit    rule.Reason = "proration-credit"
	ReasonProrationCharge    rule.Reason = "proration-charge"
	ReasonPartialFirstPeriod rule.Reason = "partial-first-period"
)

// chargeReasons maps a kind to its reason.
var chargeReasons = [...]rule.Reason{"", ReasonRecurringFee, ReasonUsageOverage, ReasonVMUsage, ReasonVMReservation,
	ReasonProrationCredit, ReasonProrationCharge, ReasonPartialFirstPeriod}

// reasonOf returns the reason of a charge of kind k.
func reasonOf(k ChargeKind) rule.Reason {
	if int(k) < len(chargeReasons) {
		return chargeReasons[k]
	}
	return ""
}

// String returns a one-line English summary for logs, such as
// "EXT-05 recurring 3/12 1000.00 SEK [2024-03-31T00:00:00Z, 2024-04-30T00:00:00Z)".
func (l Charge) String() string {
	b := make([]byte, 0, 128)
	b = append(b, l.Rule...)
	b = append(b, ' ')
	b = append(b, l.Kind.String()...)
	if l.Dimension != "" {
		b = append(b, ' ')
		b = append(b, l.Dimension...)
	}
	if l.Installments > 0 {
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(l.Installment), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(l.Installments), 10)
	}
	b = append(b, ' ')
	if l.Amount == (currency.Money{}) {
		b = append(b, '0')
	} else {
		b, _ = l.Amount.AppendText(b)
	}
	b = append(b, ' ')
	b = append(b, l.Period.String()...)
	return string(b)
}

// Explain renders the line in lang (English or Swedish): what it charges
// for, the figures, the period, when it is billed and the rule.
func (l Charge) Explain(lang rule.Language) string {
	switch l.Kind {
	case ChargeRecurring, ChargeReservation:
		what := lnMsgRecurringWhat
		if l.Kind == ChargeReservation {
			what = lnMsgReservationWhat
		}
		total, err := l.UnitPrice.Mul(l.Quantity)
		if err != nil {
			total = l.Amount
		}
		if l.Installments > 1 {
			return lnMsgInstallment.Render(lang, what, l.Plan, qtTermWords(l.Term), qtPaymentWords(l.Payment),
				l.Installment, l.Installments, l.Amount, total, l.Quantity, l.UnitPrice,
				l.Period.Start, l.Period.End, string(l.Rule))
		}
		return lnMsgUpfront.Render(lang, what, l.Plan, qtTermWords(l.Term), l.Quantity, l.UnitPrice, l.Amount,
			l.Period.Start, l.Period.End, string(l.Rule))
	case ChargeOverage:
		if l.Included.IsUnlimited() {
			return lnMsgOverageUnlimited.Render(lang, l.Dimension, l.Period.Start, l.Period.End, l.Used, l.Amount, l.BilledAt, string(l.Rule))
		}
		return lnMsgOverage.Render(lang, l.Dimension, l.Period.Start, l.Period.End, l.Used, l.UsedBefore,
			int64(l.Included), l.Quantity, l.UnitPrice, l.Amount, l.BilledAt, string(l.Rule))
	case ChargeVMUsage:
		return lnMsgVMUsage.Render(lang, l.Plan, l.VCPUs, l.Period.Start, l.Period.End, l.Minutes, l.UnitPrice,
			l.Quantity, l.Amount, l.BilledAt, string(l.Rule))
	case ChargeProrationCredit:
		return lnMsgCredit.Render(lang, l.Amount, l.Plan, l.Period.Start, l.Period.End, l.UnitPrice, string(l.Rule))
	case ChargePartialPeriod:
		return lnMsgPartial.Render(lang, l.Plan, l.Period.Start, l.Period.End, l.Used, l.Whole, l.UnitPrice, l.Amount, string(l.Rule))
	case ChargeProrationCharge:
		return lnMsgCharge.Render(lang, l.Amount, l.Plan, l.Period.Start, l.Period.End, l.UnitPrice, string(l.Rule))
	}
	return lnMsgUnknown.Render(lang, l.Amount, string(l.Rule))
}

// Explanation messages of lines.
var (
	lnMsgRecurringWhat    = rule.Message{English: "Plan", Swedish: "Plan"}
	lnMsgReservationWhat  = rule.Message{English: "VM software reservation of plan", Swedish: "Programvarureservation för VM, plan"}
	lnMsgUpfront          = rule.Message{English: "%v %q, %v paid upfront: %d × %v = %v for %v – %v, billed at the start of the period (%s).", Swedish: "%v %q, %v betald i förskott: %d × %v = %v för %v – %v, debiteras i början av perioden (%s)."}
	lnMsgInstallment      = rule.Message{English: "%v %q, %v paid %v: payment %d of %d, %v of %v (%d × %v), for %v – %v, billed at the start of the period (%s).", Swedish: "%v %q, %v betald %v: betalning %d av %d, %v av %v (%d × %v), för %v – %v, debiteras i början av perioden (%s)."}
	lnMsgOverage          = rule.Message{English: "Dimension %q, %v – %v: %d used after %d earlier in the term, %d included per term: %d over × %v = %v, billed in arrears at %v (%s).", Swedish: "Dimensionen %q, %v – %v: %d använda efter %d tidigare under perioden, %d ingår per period: %d över × %v = %v, debiteras i efterskott %v (%s)."}
	lnMsgOverageUnlimited = rule.Message{English: "Dimension %q, %v – %v: %d used, an unlimited quantity included: %v, billed in arrears at %v (%s).", Swedish: "Dimensionen %q, %v – %v: %d använda, obegränsad mängd ingår: %v, debiteras i efterskott %v (%s)."}
	lnMsgVMUsage          = rule.Message{English: "VM usage of plan %q, %d vCPUs, %v – %v: %d minutes at %v per hour × %d = %v, billed in arrears at %v (%s).", Swedish: "VM-användning av planen %q, %d vCPU, %v – %v: %d minuter à %v per timme × %d = %v, debiteras i efterskott %v (%s)."}
	lnMsgCredit           = rule.Message{English: "Credit %v for plan %q, unused %v – %v, of %v for the billing period (%s).", Swedish: "Kredit %v för planen %q, oanvänd %v – %v, av %v för faktureringsperioden (%s)."}
	lnMsgCharge           = rule.Message{English: "Charge %v for plan %q, %v – %v, of %v for the billing period (%s).", Swedish: "Debitering %v för planen %q, %v – %v, av %v för faktureringsperioden (%s)."}
	lnMsgPartial          = rule.Message{English: "Plan %q, partial first period %v – %v: %d of %d days of the billing period's %v = %v, billed at the start (%s).", Swedish: "Planen %q, inledande delperiod %v – %v: %d av %d dagar av faktureringsperiodens %v = %v, debiteras i början (%s)."}
	lnMsgUnknown          = rule.Message{English: "Charge of %v (%s).", Swedish: "Avgift på %v (%s)."}
)

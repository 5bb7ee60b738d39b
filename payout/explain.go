package payout

import (
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// Reasons: stable, machine-readable codes for why a decision came out as it
// did. They are never renamed or reused; hosts may switch on them and
// store them.
const (
	// ReasonFeeStandard: the era's standard fee was charged (PAY-05).
	ReasonFeeStandard rule.Reason = "fee-standard"
	// ReasonFeeReduced: a qualified offer paid the era's reduced fee
	// (EXT-10).
	ReasonFeeReduced rule.Reason = "fee-reduced"
	// ReasonFeeZeroPrice: a 0 USD plan carries no fee (PAY-06).
	ReasonFeeZeroPrice rule.Reason = "fee-none-zero-price"
	// ReasonFeeBYOL: Microsoft keeps 0% of a BYOL license (EXT-10).
	ReasonFeeBYOL rule.Reason = "fee-none-byol"
	// ReasonFeeListOnly: a list-only offer is not sold through Microsoft
	// and carries no fee (EXT-10).
	ReasonFeeListOnly rule.Reason = "fee-none-list-only"

	// ReasonEAOrder: an Enterprise Agreement order, paid out the month
	// after (EXT-11).
	ReasonEAOrder rule.Reason = "ea-order"
	// ReasonEAUsage: Enterprise Agreement usage, paid out two months
	// after (EXT-11).
	ReasonEAUsage rule.Reason = "ea-usage"
	// ReasonEAInvoice: an Enterprise Agreement sale paid in the first
	// payout cycle 30 days after its invoice (PAY-02).
	ReasonEAInvoice rule.Reason = "ea-invoice-days"
	// ReasonCollected: an MCA or CSP sale paid three months after, once
	// Microsoft collected on time (EXT-11).
	ReasonCollected rule.Reason = "collected"
	// ReasonCollectionAssumed: as ReasonCollected, when the collection
	// date was not given and the usual schedule is assumed (EXT-11).
	ReasonCollectionAssumed rule.Reason = "collection-assumed"
	// ReasonCollectedLate: Microsoft collected later than usual, which
	// delays the payout to the month after collection plus any hold
	// (EXT-11, PAY-03).
	ReasonCollectedLate rule.Reason = "collected-late"
	// ReasonCardHold: a credit card payment, held 30 days after receipt,
	// paid one month later than by invoice (PAY-03).
	ReasonCardHold rule.Reason = "card-hold"
	// ReasonAdjustment: a refund, reversal or chargeback, deducted from the
	// next payout (EXT-11).
	ReasonAdjustment rule.Reason = "adjustment-next-payout"

	// ReasonThresholdMet: the combined balance reached the threshold and
	// was paid (PAY-04).
	ReasonThresholdMet rule.Reason = "threshold-met"
	// ReasonThresholdNotMet: the combined balance was below the threshold
	// and carries over (PAY-04).
	ReasonThresholdNotMet rule.Reason = "threshold-not-met"
	// ReasonNegativeBalance: the combined balance was negative, so
	// nothing is paid until it is recovered (EXT-11).
	ReasonNegativeBalance rule.Reason = "negative-balance"

	// ReasonMonthlyStatement: a statement of monthly payouts (PAY-01).
	ReasonMonthlyStatement rule.Reason = "monthly-statement"
	// ReasonEarningMatches: an earnings export row agrees with the
	// policy in every figure (ERN-01).
	ReasonEarningMatches rule.Reason = "earning-matches"
	// ReasonEarningDiffers: an earnings export row differs from the
	// policy in at least one figure (ERN-01).
	ReasonEarningDiffers rule.Reason = "earning-differs"

	// ReasonCarriedWithoutRate: a month without transactions had no
	// exchange rate for a balance brought forward, so every balance was
	// carried unconverted to the next month (PAY-04).
	ReasonCarriedWithoutRate rule.Reason = "carried-without-rate"
)

// pick returns the text of lang from an English/Swedish pair.
func pick(lang rule.Language, w [2]string) string {
	if lang == rule.Swedish {
		return w[1]
	}
	return w[0]
}

var (
	stateWords = [...][2]string{Unprocessed: {"unprocessed", "obearbetad"}, Processed: {"processed", "bearbetad"}, Sent: {"sent", "skickad"}}
	kindWords  = [...][2]string{Order: {"order", "beställning"}, Usage: {"usage", "användning"}}
	typeWords  = [...][2]string{Sale: {"purchase", "köp"}, Refund: {"refund", "återbetalning"},
		Reversal: {"reversal", "återföring"}, Chargeback: {"chargeback", "återkrav"}}
)

// percent renders a fraction as a percentage for lang: 0.03 is "3%" in
// English and "3 %" in Swedish; 0.105 is "10.5%" and "10,5 %".
func percent(r currency.Rate, lang rule.Language) string {
	coef, scale := r.Coefficient(), r.Scale()
	var s string
	if scale <= 2 {
		for ; scale < 2; scale++ {
			coef *= 10
		}
		s = strconv.FormatInt(coef, 10)
	} else {
		digits := strconv.FormatInt(coef, 10)
		frac := scale - 2
		for len(digits) <= frac {
			digits = "0" + digits
		}
		intPart, fracPart := digits[:len(digits)-frac], strings.TrimRight(digits[len(digits)-frac:], "0")
		s = intPart
		if fracPart != "" {
			sep := "."
			if lang == rule.Swedish {
				sep = ","
			}
			s += sep + fracPart
		}
	}
	if lang == rule.Swedish {
		return s + "\u00a0%"
	}
	return s + "%"
}

// day renders an instant as its date in its own zone: "2024-04-15".
func day(t time.Time) string { return t.Format("2006-01-02") }

// dayZone renders a payout date: a civil date in the policy's zone, printed
// without the zone ("2024-07-15"), since a fixed UTC−8 would read as a
// wrong summer offset.
func dayZone(t time.Time) string { return t.Format("2006-01-02") }

// withRule appends " (PAY-05)".
func withRule(s string, id rule.ID) string { return s + " (" + string(id) + ")" }

package pricing

import (
	"time"

	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Reasons of the CSP decisions.
const (
	ReasonCSPAutoRenews     rule.Reason = "csp-auto-renews"
	ReasonCSPExpires        rule.Reason = "csp-expires"
	ReasonCSPBillingStarted rule.Reason = "csp-billing-started"
	ReasonCSPAwaitLicenses  rule.Reason = "csp-await-licenses"
	ReasonCSPAwaitSetup     rule.Reason = "csp-await-setup"
)

var (
	msgCSPAutoRenews = rule.Message{English: "bought %v, on or after %v: it renews automatically by default", Swedish: "köpt %v, den %v eller senare: den förnyas automatiskt som standard"}
	msgCSPExpires    = rule.Message{English: "bought %v, before %v: it expires on its end date and does not renew automatically", Swedish: "köpt %v, före %v: den upphör på sitt slutdatum och förnyas inte automatiskt"}
	msgCSPStarted    = rule.Message{English: "billing starts %v, once the licenses are assigned and the publisher has confirmed the account setup", Swedish: "faktureringen startar %v, när licenserna har tilldelats och utgivaren har bekräftat kontokonfigurationen"}
	msgCSPLicenses   = rule.Message{English: "billing has not started: the publisher has not assigned the licenses", Swedish: "faktureringen har inte startat: utgivaren har inte tilldelat licenserna"}
	msgCSPSetup      = rule.Message{English: "billing has not started: the publisher has not confirmed the account setup through the SaaS fulfillment API", Swedish: "faktureringen har inte startat: utgivaren har inte bekräftat kontokonfigurationen via API:et för SaaS-uppfyllelse"}
)

// CSPRenewal says whether a CSP software subscription renews
// automatically by default (CSP-02).
type CSPRenewal struct {
	AutoRenews bool        `json:"autoRenews"`
	Purchased  time.Time   `json:"purchased"`
	From       time.Time   `json:"from"` // the policy's CSPAutoRenewFrom
	Rule       rule.ID     `json:"rule"`
	Reason     rule.Reason `json:"reason"`
}

// Explain renders the decision in lang.
func (r CSPRenewal) Explain(lang rule.Language) string {
	m := msgCSPAutoRenews
	if !r.AutoRenews {
		m = msgCSPExpires
	}
	return m.Render(lang, day(r.Purchased), day(r.From)) + " (" + string(r.Rule) + ")"
}

// day formats the date of t, for explanations of date rules.
func day(t time.Time) string { return t.Format("2006-01-02") }

// CSPRenewal says whether a software subscription bought through CSP at
// purchased renews automatically by default (CSP-02): yes if bought on or
// after p.CSPAutoRenewFrom; otherwise it expires on its end date. (The partner
// can turn auto-renewal off, CSP-01, RFD-09.)
func (p Policy) CSPRenewal(purchased time.Time) CSPRenewal {
	pol := p.resolved()
	r := CSPRenewal{Purchased: purchased, From: pol.CSPAutoRenewFrom, Rule: rule.CSP02, Reason: ReasonCSPExpires}
	if !purchased.Before(pol.CSPAutoRenewFrom) {
		r.AutoRenews, r.Reason = true, ReasonCSPAutoRenews
	}
	return r
}

// BillingFrequency is how often a CSP software subscription is billed
// (CSP-03).
type BillingFrequency uint8

// The billing frequencies.
const (
	BilledMonthly BillingFrequency = iota + 1
	BilledAnnually
	BilledTriennially
)

var frequencyNames = enum.Names[BillingFrequency]{Type: "billing frequency", Names: []string{"", "monthly", "annual", "triennial"}}

// String returns "monthly", "annual" or "triennial".
func (f BillingFrequency) String() string { return frequencyNames.String(f) }

// MarshalText implements [encoding.TextMarshaler].
// The zero value, unset, marshals to "".
func (f BillingFrequency) MarshalText() ([]byte, error) { return unsetMarshal(frequencyNames, f) }

// UnmarshalText implements [encoding.TextUnmarshaler].
// "" is the zero value, unset.
func (f *BillingFrequency) UnmarshalText(b []byte) error { return unsetUnmarshal(frequencyNames, b, f) }

// Frequencies is a set of billing frequencies.
type Frequencies uint8

// Has reports whether f is in the set.
func (fs Frequencies) Has(f BillingFrequency) bool { return fs&(1<<f) != 0 }

// With returns the set with f added.
func (fs Frequencies) With(f BillingFrequency) Frequencies { return fs | 1<<f }

// String returns the frequencies in order, separated by "/": "annual/triennial".
func (fs Frequencies) String() string {
	s := ""
	for f := BilledMonthly; f <= BilledTriennially; f++ {
		if fs.Has(f) {
			if s != "" {
				s += "/"
			}
			s += f.String()
		}
	}
	return s
}

// CSPBillingFrequencies returns how a software subscription of the given
// term, bought through CSP at purchased, may be billed (CSP-03): a 1-month
// term monthly; a 1-year term monthly or annually; a 3-year term every
// three years and, from p.CSPAnnualThreeYearFrom, annually. The product's own
// billing plans may offer fewer; Partner Center shows them before
// purchase. Other terms have none.
func (p Policy) CSPBillingFrequencies(term plan.Term, purchased time.Time) Frequencies {
	var fs Frequencies
	switch term {
	case plan.OneMonth:
		fs = fs.With(BilledMonthly)
	case plan.OneYear:
		fs = fs.With(BilledMonthly).With(BilledAnnually)
	case plan.ThreeYears:
		fs = fs.With(BilledTriennially)
		if !purchased.Before(p.resolved().CSPAnnualThreeYearFrom) {
			fs = fs.With(BilledAnnually)
		}
	}
	return fs
}

// CSPActivation is what has happened to a SaaS subscription a CSP partner
// bought: when the publisher assigned its licenses and when it confirmed
// the account setup to Microsoft through the SaaS fulfillment API. A zero
// instant means not yet.
type CSPActivation struct {
	LicensesAssigned time.Time `json:"licensesAssigned,omitzero"`
	SetupConfirmed   time.Time `json:"setupConfirmed,omitzero"`
}

// CSPBilling says whether billing of a CSP-bought SaaS subscription has
// started, and from when (PAY-08).
type CSPBilling struct {
	Started bool        `json:"started"`
	From    time.Time   `json:"from,omitzero"`
	Rule    rule.ID     `json:"rule"`
	Reason  rule.Reason `json:"reason"`
}

// Explain renders the decision in lang.
func (b CSPBilling) Explain(lang rule.Language) string {
	var s string
	switch b.Reason {
	case ReasonCSPBillingStarted:
		s = msgCSPStarted.Render(lang, b.From)
	case ReasonCSPAwaitLicenses:
		s = msgCSPLicenses.Render(lang)
	default:
		s = msgCSPSetup.Render(lang)
	}
	return s + " (" + string(b.Rule) + ")"
}

// CSPBillingStart says when billing of a SaaS subscription bought through
// CSP starts (PAY-08): only once the publisher has assigned the licenses
// and confirmed the account setup through the SaaS fulfillment API, at
// the later of the two.
func (p Policy) CSPBillingStart(a CSPActivation) CSPBilling {
	b := CSPBilling{Rule: rule.PAY08}
	switch {
	case a.LicensesAssigned.IsZero():
		b.Reason = ReasonCSPAwaitLicenses
	case a.SetupConfirmed.IsZero():
		b.Reason = ReasonCSPAwaitSetup
	default:
		b.Started, b.Reason, b.From = true, ReasonCSPBillingStarted, a.LicensesAssigned
		if a.SetupConfirmed.After(b.From) {
			b.From = a.SetupConfirmed
		}
	}
	return b
}

// String returns the decision in English.
func (r CSPRenewal) String() string { return r.Explain(rule.English) }

// String returns the decision in English.
func (b CSPBilling) String() string { return b.Explain(rule.English) }

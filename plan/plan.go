package plan

import (
	"fmt"
	"strconv"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/market"
)

// Plan is what a publisher declares about one plan of an offer: its
// identity and texts, who may see it, its lifecycle status, where it is
// sold, how it is priced, and whether it has a free trial. It is a plain
// value: build it in Go or decode it from JSON, then validate it (alone
// with [Policy.CheckPlan], or with its offer through package offer).
type Plan struct {
	// ID identifies the plan within its offer: at most 50 lowercase
	// letters, digits, hyphens and underscores, unchangeable once
	// published (PLN-01).
	ID string `json:"id"`
	// Name is shown to customers: unique within the offer, at most 50
	// characters (200 under the 2023 policy) (PLN-02, EXT-14).
	Name string `json:"name"`
	// Summary is a short description, at most 100 characters; SaaS plans
	// have none (PLN-03).
	Summary string `json:"summary,omitempty"`
	// Description is at most 500 characters (3,000 under the 2023
	// policy) (PLN-04, EXT-14).
	Description string `json:"description,omitempty"`
	// Visibility says who can see the plan (PLN-07).
	Visibility Visibility `json:"visibility"`
	// Audience lists the tenants or subscriptions that can see a private
	// plan (PLN-08); it is empty for public and hidden plans.
	Audience Audience `json:"audience,omitzero"`
	// Status is the plan's lifecycle status; the zero value is Draft
	// (PLN-05).
	Status Status `json:"status"`
	// Markets are the markets the plan is sold in: at least one
	// (PLN-06, EXT-15).
	Markets market.Set `json:"markets"`
	// Pricing declares the pricing model and prices (PRC-01, EXT-02,
	// EXT-05, EXT-06, EXT-07).
	Pricing Pricing `json:"pricing"`
	// Trial is the free-trial setting; the zero Trial is none (TRL-01,
	// TRL-02).
	Trial Trial `json:"trial,omitzero"`
}

// HasMeters reports whether the plan bills metering dimensions (false for
// a nil plan).
func (p *Plan) HasMeters() bool { return p != nil && len(p.Pricing.Meters) > 0 }

// Visibility says who can see a plan (PLN-07). The zero value is Public.
type Visibility uint8

// The visibilities.
const (
	// Public: every customer in the plan's markets.
	Public Visibility = iota
	// Private: only the plan's audience of tenants or subscriptions.
	Private
	// Hidden: hidden from Azure Marketplace; deployed only through a
	// managed application or solution template that references it.
	Hidden
)

var visibilityNames = enum.Names[Visibility]{Type: "plan visibility", Names: []string{"public", "private", "hidden"}}

// String returns "public", "private" or "hidden".
func (v Visibility) String() string { return visibilityNames.String(v) }

// MarshalText implements [encoding.TextMarshaler].
func (v Visibility) MarshalText() ([]byte, error) { return visibilityNames.Marshal(v) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (v *Visibility) UnmarshalText(b []byte) error { return visibilityNames.Unmarshal(b, v) }

// Status is a plan's lifecycle status (PLN-05). The zero value is Draft.
type Status uint8

// The statuses.
const (
	// Draft: never published; it can be deleted.
	Draft Status = iota
	// Live: published; it can stop selling and sync its private audience.
	Live
	// StopSold: published and no longer sold to new customers.
	StopSold
)

var statusNames = enum.Names[Status]{Type: "plan status", Names: []string{"draft", "live", "stop-sold"}}

// String returns "draft", "live" or "stop-sold".
func (s Status) String() string { return statusNames.String(s) }

// MarshalText implements [encoding.TextMarshaler].
func (s Status) MarshalText() ([]byte, error) { return statusNames.Marshal(s) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Status) UnmarshalText(b []byte) error { return statusNames.Unmarshal(b, s) }

// Action is something a publisher does to a plan in Partner Center. The
// zero Action is unset.
type Action uint8

// The plan actions of PLN-05.
const (
	DeleteDraft Action = iota + 1
	StopSelling
	SyncPrivateAudience
)

var actionNames = enum.Names[Action]{Type: "plan action", Names: []string{"", "delete-draft", "stop-selling", "sync-private-audience"}}

// String returns "delete-draft", "stop-selling" or "sync-private-audience".
func (a Action) String() string { return actionNames.String(a) }

// MarshalText implements [encoding.TextMarshaler].
func (a Action) MarshalText() ([]byte, error) { return actionNames.Marshal(a) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (a *Action) UnmarshalText(b []byte) error { return actionNames.Unmarshal(b, a) }

// Allows reports whether a plan in status s offers action a (PLN-05): a
// draft can be deleted; a live plan can stop selling and sync its private
// audience; a stop-sold plan offers none of these.
func (s Status) Allows(a Action) bool {
	switch s {
	case Draft:
		return a == DeleteDraft
	case Live:
		return a == StopSelling || a == SyncPrivateAudience
	}
	return false
}

// Model is a plan's pricing model (PRC-01, EXT-07). The zero Model is
// unset, which validation reports. The enum is append-only.
type Model uint8

// The pricing models.
const (
	// Free: no software charge (a plan without pricing, or a free VM).
	Free Model = iota + 1
	// BYOL: bring your own license; no software charge through the
	// marketplace and no usage-based charges (PRC-01).
	BYOL
	// FlatRate: a recurring price per term (SaaS, managed application),
	// optionally with metering dimensions; for a virtual machine, one
	// price per hour whatever its size.
	FlatRate
	// PerUser: a recurring price per user per term (SaaS), within the
	// plan's user limits (EXT-06).
	PerUser
	// UsageOnly: billed only through metering dimensions, with no
	// recurring fee (Partner Center records it as a flat rate of 0 plus
	// meters; it counts as flat rate for OFR-06).
	UsageOnly
	// PerVCPU: a virtual machine priced per vCPU per hour.
	PerVCPU
	// PerVCPUSize: a virtual machine priced per hour for each vCPU count.
	PerVCPUSize
	// PerMarketAndVCPUSize: a virtual machine priced per hour for each
	// market and vCPU count, in the market's currency (the publisher
	// converts).
	PerMarketAndVCPUSize
)

var modelNames = enum.Names[Model]{Type: "pricing model", Names: []string{"", "free", "byol", "flat-rate", "per-user", "usage-only", "per-vcpu", "per-vcpu-size", "per-market-and-vcpu-size"}}

// String returns the model's stable name: "flat-rate", "per-user",
// "per-vcpu-size", ….
func (m Model) String() string { return modelNames.String(m) }

// MarshalText implements [encoding.TextMarshaler].
func (m Model) MarshalText() ([]byte, error) { return modelNames.Marshal(m) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (m *Model) UnmarshalText(b []byte) error { return modelNames.Unmarshal(b, m) }

// Valid reports whether m is a defined model.
func (m Model) Valid() bool { return modelNames.Valid(m) }

// Family returns the model as OFR-06 compares plans of one offer: UsageOnly
// counts as FlatRate (a flat rate of 0 with meters); every other model is
// its own family.
func (m Model) Family() Model {
	if m == UsageOnly {
		return FlatRate
	}
	return m
}

// isVMHourly reports whether the model prices virtual machine usage per
// hour (EXT-07).
func (m Model) isVMHourly() bool {
	return m == PerVCPU || m == PerVCPUSize || m == PerMarketAndVCPUSize
}

// IsPaid reports whether the model can charge for software: everything
// but Free and BYOL.
func (m Model) IsPaid() bool { return m.Valid() && m != Free && m != BYOL }

// Pricing is a plan's pricing declaration. Which fields apply depends on
// the model: Terms for FlatRate and PerUser (and a FlatRate managed
// application's monthly fee); Users for PerUser; Meters for FlatRate and
// UsageOnly; VM for the virtual machine models.
type Pricing struct {
	Model Model `json:"model,omitempty"`
	// Terms are the billing terms offered, each with one payment option
	// and its price (EXT-05).
	Terms []TermPrice `json:"terms,omitempty"`
	// Users bounds the seats of a per-user plan (EXT-06).
	Users Users `json:"users,omitzero"`
	// Meters are the plan's prices for the offer's metering dimensions
	// (EXT-02).
	Meters []Meter `json:"meters,omitempty"`
	// VM holds hourly and reservation prices of a virtual machine plan
	// (EXT-07).
	VM VMPricing `json:"vm,omitzero"`
}

// PaymentOption is how a billing term is paid (EXT-05). The zero value is
// Upfront, the only option of a 1-month term.
type PaymentOption uint8

// The payment options.
const (
	// Upfront: one payment at the start of the term.
	Upfront PaymentOption = iota
	// Monthly: equal monthly payments over the term.
	Monthly
	// Annual: equal annual payments over the term.
	Annual
)

var paymentNames = enum.Names[PaymentOption]{Type: "payment option", Names: []string{"upfront", "monthly", "annual"}}

// String returns "upfront", "monthly" or "annual".
func (p PaymentOption) String() string { return paymentNames.String(p) }

// MarshalText implements [encoding.TextMarshaler].
func (p PaymentOption) MarshalText() ([]byte, error) { return paymentNames.Marshal(p) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (p *PaymentOption) UnmarshalText(b []byte) error { return paymentNames.Unmarshal(b, p) }

// Months returns the months between payments for a term: the whole term
// for Upfront, 1 for Monthly, 12 for Annual.
func (p PaymentOption) Months(t Term) int {
	switch p {
	case Monthly:
		return 1
	case Annual:
		return 12
	}
	return t.Months()
}

// Allows reports whether a term can be paid with option p (EXT-05): a
// 1-month term upfront; a 1-year term upfront or monthly; 2- and 3-year
// terms upfront, monthly or annually.
func (p PaymentOption) Allows(t Term) bool {
	switch t {
	case OneMonth:
		return p == Upfront
	case OneYear:
		return p == Upfront || p == Monthly
	case TwoYears, ThreeYears:
		return p == Upfront || p == Monthly || p == Annual
	}
	return false
}

// TermPrice is one billing term of a plan with its payment option and
// price: the USD price that Partner Center converts to each market's
// currency when it is saved, and any per-market prices the publisher
// exported, edited and imported (PRC-03). For a per-user plan the price is
// per user.
type TermPrice struct {
	Term    Term          `json:"term,omitempty"`
	Payment PaymentOption `json:"payment"`
	// Price is the price for the whole term, in USD.
	Price currency.Money `json:"price"`
	// Markets are per-market prices in each market's billing currency.
	Markets []MarketPrice `json:"markets,omitempty"`
}

// MarketPrice is a price in one market, in that market's billing
// currency.
type MarketPrice struct {
	Market market.Code    `json:"market,omitempty"`
	Price  currency.Money `json:"price"`
}

// Users bounds the number of users (seats) of a per-user plan (EXT-06).
// Zero fields mean unset: a minimum of 1 and no maximum.
type Users struct {
	Min int64 `json:"min,omitempty"`
	Max int64 `json:"max,omitempty"`
}

// bounds returns the effective limits: Min (or 1) and Max (or 0 for no
// maximum).
func (u Users) bounds() (lo, hi int64) {
	lo = u.Min
	if lo <= 0 {
		lo = 1
	}
	return lo, u.Max
}

// Allows reports whether n users are within the limits.
func (u Users) Allows(n int64) bool {
	lo, hi := u.bounds()
	return n >= lo && (hi == 0 || n <= hi)
}

// Dimension is a metering dimension of an offer: its immutable ID, the
// name customers see and its unit of measure ("per 100 emails") (EXT-02).
// An offer has at most 30 (the plans' [Meter] values price them).
type Dimension struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	Unit        string `json:"unit"`
}

// Meter is a plan's price for one of the offer's metering dimensions
// (EXT-02): a price per unit in USD (it may be 0; prices are accurate to
// one cent) and the quantity included in the recurring fee for each of the
// plan's terms. Usage beyond the included quantity is overage.
type Meter struct {
	Dimension string         `json:"dimension"`
	Price     currency.Money `json:"price"`
	Included  []Included     `json:"included"`
}

// IncludedFor returns the quantity included per term t, and whether the
// meter declares one.
func (m Meter) IncludedFor(t Term) (Quantity, bool) {
	for _, in := range m.Included {
		if in.Term == t {
			return in.Quantity, true
		}
	}
	return 0, false
}

// Included is the quantity of a dimension included per billing term.
type Included struct {
	Term     Term     `json:"term,omitempty"`
	Quantity Quantity `json:"quantity"`
}

// Quantity is a whole number of a dimension's units, or Unlimited.
type Quantity int64

// Unlimited is the included quantity with no limit.
const Unlimited Quantity = -1

// IsUnlimited reports whether q is Unlimited.
func (q Quantity) IsUnlimited() bool { return q == Unlimited }

// VMPricing holds a virtual machine plan's hourly prices (EXT-07): one of
// PerHour (FlatRate, PerVCPU), Sizes (PerVCPUSize) or MarketSizes
// (PerMarketAndVCPUSize), and optional software reservation savings.
type VMPricing struct {
	// PerHour is the USD price per hour (FlatRate) or per vCPU per hour
	// (PerVCPU).
	PerHour currency.Money `json:"perHour,omitzero"`
	// Sizes are USD prices per hour by vCPU count (PerVCPUSize).
	Sizes []SizePrice `json:"sizes,omitempty"`
	// MarketSizes are prices per hour by market and vCPU count, in each
	// market's currency (PerMarketAndVCPUSize).
	MarketSizes []MarketSizePrice `json:"marketSizes,omitempty"`
	// Reservations are the savings of 1- and 3-year software reservations
	// (FlatRate, PerVCPU and PerVCPUSize only).
	Reservations []Reservation `json:"reservations,omitempty"`
}

// IsZero reports whether v declares no price: no hourly price and no
// sizes, market sizes or reservations (nil or empty). JSON omits it.
func (v VMPricing) IsZero() bool {
	return v.PerHour == (currency.Money{}) && len(v.Sizes) == 0 && len(v.MarketSizes) == 0 && len(v.Reservations) == 0
}

// SizePrice is a USD price per hour for VMs with VCPUs cores.
type SizePrice struct {
	VCPUs int            `json:"vcpus"`
	Price currency.Money `json:"price"`
}

// MarketSizePrice is a price per hour in one market for VMs with VCPUs
// cores, in the market's currency.
type MarketSizePrice struct {
	Market market.Code    `json:"market,omitempty"`
	VCPUs  int            `json:"vcpus"`
	Price  currency.Money `json:"price"`
}

// Reservation is a VM software reservation: a term (OneYear or
// ThreeYears) and its saving against the hourly price, as a fraction
// (0.30 for 30%) (EXT-07).
type Reservation struct {
	Term   Term          `json:"term,omitempty"`
	Saving currency.Rate `json:"saving"`
}

// Trial is a plan's free-trial setting (TRL-01, TRL-02): its length in
// months; zero means no trial.
type Trial struct {
	Months int `json:"months,omitempty"`
}

// Enabled reports whether the plan offers a free trial.
func (t Trial) Enabled() bool { return t.Months > 0 }

// MarshalJSON writes a Quantity as a number, or "unlimited".
func (q Quantity) MarshalJSON() ([]byte, error) {
	if q == Unlimited {
		return []byte(`"unlimited"`), nil
	}
	return strconv.AppendInt(nil, int64(q), 10), nil
}

// UnmarshalJSON reads a whole number or "unlimited".
func (q *Quantity) UnmarshalJSON(b []byte) error {
	if string(b) == `"unlimited"` {
		*q = Unlimited
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return fmt.Errorf("want a whole number or \"unlimited\", got %s", truncate(string(b), 40))
	}
	*q = Quantity(n)
	return nil
}

package pricing

import (
	"errors"
	"strconv"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Errors of quotes and prorations. Every problem a quote or proration
// reports wraps one of them (or, for an amount that does not fit,
// [currency.ErrOverflow]), so that callers can test the kind of failure
// with errors.Is; errors.As with [rule.Problems] gets every problem with
// its path and rule.
var (
	// ErrUnpriced: the plan has no price for what was asked: no plan, a
	// market that is not one of the plan's or has no billing currency, a
	// billing term or payment option the plan does not offer, a VM size,
	// software reservation or metering dimension it does not price.
	ErrUnpriced = errors.New("no price for the request")
	// ErrNoRate is [currency.ErrNoRate], the module's one sentinel of a
	// missing exchange rate: a USD price must be converted to a market's
	// currency, and there is no usable exchange rate from USD to it.
	ErrNoRate = currency.ErrNoRate
	// ErrSeats: a quantity outside the plan's user limits (EXT-06), a
	// negative quantity, or several seats of a plan that is not priced per
	// user.
	ErrSeats = errors.New("quantity outside the plan's limits")
	// ErrUsage: negative usage, negative VM runtime or a VM size that is
	// not a positive number of vCPUs.
	ErrUsage = errors.New("invalid usage")
	// ErrInstant: a missing instant, one outside the years 1 to 9999, or
	// one before the subscription's start.
	ErrInstant = errors.New("invalid instant")
	// ErrPolicy: a policy value that cannot be applied, such as an
	// undefined rounding mode or a usage period that does not divide the
	// billing term.
	ErrPolicy = errors.New("invalid pricing policy")
)

// The reasons of quotes, one per [QuoteSource].
const (
	ReasonPriceFromMarket rule.Reason = "price-from-market"
	ReasonPriceInUSD      rule.Reason = "price-in-usd"
	ReasonPriceConverted  rule.Reason = "price-converted"
	ReasonNoCharge        rule.Reason = "no-charge"
)

var quoteReasons = [...]rule.Reason{"", ReasonPriceFromMarket, ReasonPriceInUSD, ReasonPriceConverted, ReasonNoCharge}

// QuoteSource says where a quote's price in the market comes from.
// The enum is append-only; the zero value is invalid.
type QuoteSource uint8

// The sources of a market price.
const (
	// QuoteFromMarket: the plan declares a price in the market's currency
	// for the market (a per-market price, PRC-03, or a
	// per-market-and-vCPU-size VM price).
	QuoteFromMarket QuoteSource = iota + 1
	// QuoteFromUSD: the market is billed in USD, the currency of the
	// plan's prices.
	QuoteFromUSD
	// QuoteConverted: the plan's USD price converted with the request's
	// exchange rate (PRC-03); Quote.Conversion records how.
	QuoteConverted
	// QuoteNoCharge: the plan charges nothing: a free or BYOL plan
	// (PRC-01), or the recurring fee of a usage-only plan.
	QuoteNoCharge
)

var quoteSourceNames = enum.Names[QuoteSource]{Type: "quote source", Names: []string{"", "market-price", "usd", "converted", "no-charge"}}

// String returns "market-price", "usd", "converted" or "no-charge".
func (s QuoteSource) String() string { return quoteSourceNames.String(s) }

// MarshalText implements [encoding.TextMarshaler].
// The zero value, unset, marshals to "".
func (s QuoteSource) MarshalText() ([]byte, error) { return unsetMarshal(quoteSourceNames, s) }

// UnmarshalText implements [encoding.TextUnmarshaler].
// "" is the zero value, unset.
func (s *QuoteSource) UnmarshalText(b []byte) error { return unsetUnmarshal(quoteSourceNames, b, s) }

// Quote is the price of a plan in a market for a billing term and
// payment option: the unit price in the market's currency and where it
// comes from, the quantity, the price of the term, and the equal payments
// it is billed in. It is a value; [Quote.Explain] renders it.
//
// Price = UnitPrice × Quantity, exactly. The term's Payments add up to
// Price exactly: payment i is [Quote.Installment](i).
type Quote struct {
	// Plan, Model, Market, Term and Payment repeat the request: the plan's
	// ID and pricing model, the market, the billing term and payment
	// option.
	Plan    string             `json:"plan"`
	Model   plan.Model         `json:"model,omitzero"`
	Market  market.Code        `json:"market"`
	Term    plan.Term          `json:"term,omitzero"`
	Payment plan.PaymentOption `json:"payment"`
	// Rule is the rule the price follows: PRC-04 (recurring fees), EXT-07
	// (VM hourly prices and reservations), EXT-02 (a usage-only plan's
	// zero fee), PRC-01 (free and BYOL plans).
	Rule rule.ID `json:"rule"`
	// Reason is the quote's stable reason code, from Source:
	// "price-from-market", "price-in-usd", "price-converted" or
	// "no-charge".
	Reason rule.Reason `json:"reason,omitempty"`
	// Source says where UnitPrice (or Hourly) comes from; Conversion
	// records the conversion when Source is QuoteConverted.
	Source     QuoteSource         `json:"source"`
	Conversion currency.Conversion `json:"conversion,omitzero"`
	// VCPUs is the VM size priced; Hourly the VM's hourly price in the
	// market and Saving the reservation's saving, for a reservation.
	// Hours is the hours of a reservation's term: the policy's hours
	// per year × years.
	VCPUs  int            `json:"vcpus,omitempty"`
	Hourly currency.Money `json:"hourly,omitzero"`
	Hours  int64          `json:"hours,omitempty"`
	Saving currency.Rate  `json:"saving,omitzero"`
	// UnitPrice is the price of one unit for the term: one user, one VM
	// reservation, the flat rate; for VM usage (Term PT1H) the price per
	// hour, per vCPU for a per-vCPU plan.
	UnitPrice currency.Money `json:"unitPrice"`
	// Quantity is the units priced: users, reserved VMs, vCPUs of a
	// per-vCPU VM; 1 otherwise.
	Quantity int64 `json:"quantity"`
	// Price is UnitPrice × Quantity: the price of the term (per hour for
	// VM usage).
	Price currency.Money `json:"price"`
	// Payments is the number of equal payments Price is billed in: 1
	// upfront, the term's months when paid monthly, its years when paid
	// annually (EXT-05); 0 for VM usage, billed in arrears.
	Payments int `json:"payments"`
}

// Installment returns payment i (1 ≤ i ≤ Payments) of the quote's
// equal payments: Price split into Payments parts that differ by at most
// one minor unit, the extra minor units going to the first payments, as
// [currency.Money.Split] does. 100.00 USD in 3 payments is 33.34, 33.33,
// 33.33. It returns the zero Money for an i out of range.
func (q Quote) Installment(i int) currency.Money {
	if i < 1 || i > q.Payments {
		return currency.Money{}
	}
	return qtInstallment(q.Price, q.Payments, i-1)
}

// qtInstallment returns part i (0-based) of m split into n parts, as
// Money.SplitInto writes it, without the slice.
func qtInstallment(m currency.Money, n, i int) currency.Money {
	if n <= 1 {
		return m
	}
	v := m.Minor()
	neg := v < 0
	mag := uint64(v)
	if neg {
		mag = -mag
	}
	q, r := mag/uint64(n), mag%uint64(n)
	if uint64(i) < r {
		q++
	}
	out := int64(q)
	if neg {
		out = -out
	}
	part, _ := currency.New(out, m.Code()) // m's code: inline, cannot fail
	return part
}

// qtSplit splits m into n ≥ 1 equal payments as qtInstallment does:
// payments 0 … r−1 are big, the others small.
func qtSplit(m currency.Money, n int) (big, small currency.Money, r int) {
	v := m.Minor()
	neg := v < 0
	mag := uint64(v)
	if neg {
		mag = -mag
	}
	n = max(n, 1)
	q, rem := mag/uint64(n), mag%uint64(n)
	b, s := int64(q+1), int64(q)
	if neg {
		b, s = -b, -s
	}
	return amountIn(b, m.Code()), amountIn(s, m.Code()), int(rem)
}

// Quote prices s: the unit price of the plan in the market for the
// term (the plan's price for the market if it declares one, else its USD
// price, converted with s.Rate unless the market is billed in USD), the
// quantity, the term's price and its equal payments.
//
// For a virtual machine plan, Term PT1H quotes the hourly usage price of a
// VM of s.VCPUs cores, and P1Y or P3Y a software reservation: the
// hourly price × the policy's ReservationYear in hours × years × (1 − saving), rounded once
// (EXT-07: 1 USD per hour with 30% saving for 1 year is 6,132.00 USD).
// The hourly price is converted before the reservation is computed from
// it, so that a reservation is consistent with the hourly price the market
// shows. Free and BYOL plans quote zero (PRC-01).
//
// Invalid input is reported as [rule.Problems], all at once, with paths
// such as "market" or "quantity", wrapping [ErrUnpriced],
// [ErrNoRate], [ErrSeats], [ErrPolicy] or
// [currency.ErrOverflow]. Quote does not allocate unless it fails.
func (p Policy) Quote(s Subscription) (q Quote, err error) {
	// q is the result itself: the quote is written where it is returned.
	var ps rule.Problems
	pol := p.resolved().checked(&ps)
	qtQuote(&q, &s, pol, "", &ps)
	if len(ps) > 0 {
		return Quote{}, ps.Err()
	}
	return q, nil
}

// qtAdd appends a problem that wraps err.
func qtAdd(ps *rule.Problems, err error, id rule.ID, path string, msg rule.Message, args ...any) {
	ps.Append(rule.Problem{Rule: id, Path: path, Message: msg, Args: args, Err: err})
}

// qtPath joins a path prefix and a field.
func qtPath(prefix, field string) string {
	if prefix == "" {
		return field
	}
	return prefix + "." + field
}

// qtIndex returns "prefix[i]".
func qtIndex(prefix string, i int) string {
	return prefix + "[" + strconv.Itoa(i) + "]"
}

// qtIsVM reports whether p prices virtual machine usage per hour.
func qtIsVM(p *plan.Plan) bool {
	m := p.Pricing.Model
	return m == plan.PerVCPU || m == plan.PerVCPUSize || m == plan.PerMarketAndVCPUSize || m == plan.FlatRate && p.Pricing.VM.PerHour != (currency.Money{})
}

// qtMkt is the market of a request: its code and billing currency.
type qtMkt struct {
	code market.Code
	cur  currency.Code
}

// name returns the market's English name, for messages.
func (m *qtMkt) name() rule.Message { return m.code.Market().Label() }

// qtMarket checks that the plan is sold in req.Market and returns the
// market; ok is false after a problem.
func qtMarket(req *Subscription, prefix string, ps *rule.Problems) (qtMkt, bool) {
	p := req.Plan
	if !req.Market.Valid() {
		qtAdd(ps, ErrUnpriced, rule.PRC09, qtPath(prefix, "market"), qtMsgMarketUnknown, int(req.Market))
		return qtMkt{}, false
	}
	mk := qtMkt{code: req.Market, cur: req.Market.Market().Currency}
	if !p.Markets.Has(req.Market) {
		qtAdd(ps, ErrUnpriced, rule.PLN06, qtPath(prefix, "market"), qtMsgMarketPlan, mk.name(), req.Market.String(), p.ID)
		return mk, false
	}
	if p.Pricing.Model.IsPaid() && !mk.cur.Valid() {
		qtAdd(ps, ErrUnpriced, rule.EXT15, qtPath(prefix, "market"), qtMsgMarketCurrency, mk.name(), req.Market.String())
		return mk, false
	}
	return mk, true
}

// qtPrice is a unit price in a market and where it comes from; conv, if
// not nil, receives the conversion that made it.
type qtPrice struct {
	unit currency.Money
	src  QuoteSource
	conv *currency.Conversion
}

// qtMarketPrice returns the price for req.Market: the per-market price if
// markets has one, else usd in USD or converted with req.Rate.
//
// It writes the price to *dst, and the conversion to *dst.conv, so that
// the result is not copied around.
func qtMarketPrice(dst *qtPrice, usd currency.Money, markets []plan.MarketPrice, req *Subscription, mk *qtMkt,
	pol *Policy, prefix, field string, id rule.ID, ps *rule.Problems) bool {
	for i := range markets {
		if markets[i].Market != req.Market {
			continue
		}
		mp := markets[i].Price
		switch {
		case mp.Code() != mk.cur:
			qtAdd(ps, ErrUnpriced, rule.PRC03, qtPath(prefix, field), qtMsgMarketPriceCur, mk.name(), mp.Code().String(), mk.cur.String())
			return false
		case mp.IsNegative():
			qtAdd(ps, ErrUnpriced, id, qtPath(prefix, field), qtMsgNegativePrice, mp)
			return false
		}
		dst.unit, dst.src = mp, QuoteFromMarket
		return true
	}
	switch {
	case usd == (currency.Money{}):
		usd = currency.MustFromMinor(0, currency.USD)
	case usd.Code() != currency.USD:
		qtAdd(ps, ErrUnpriced, rule.PRC03, qtPath(prefix, field), qtMsgNotUSD, usd.Code().String())
		return false
	case usd.IsNegative():
		qtAdd(ps, ErrUnpriced, id, qtPath(prefix, field), qtMsgNegativePrice, usd)
		return false
	}
	if mk.cur == currency.USD {
		dst.unit, dst.src = usd, QuoteFromUSD
		return true
	}
	r := req.Rate
	if r.From != currency.USD || r.To != mk.cur || r.Rate.IsZero() {
		if r == (currency.ExchangeRate{}) {
			qtAdd(ps, ErrNoRate, rule.PRC03, qtPath(prefix, "rate"), qtMsgRateMissing, mk.cur.String(), mk.name())
		} else {
			qtAdd(ps, ErrNoRate, rule.PRC03, qtPath(prefix, "rate"), qtMsgRateWrong, r.Rate.String(), r.From.String(), r.To.String(), mk.name(), mk.cur.String())
		}
		return false
	}
	to, err := usd.Convert(r.To, r.Rate, pol.ConversionRounding)
	if err != nil {
		qtAdd(ps, err, rule.PRC03, qtPath(prefix, "rate"), qtMsgArith, err.Error())
		return false
	}
	dst.unit, dst.src = to, QuoteConverted
	if dst.conv != nil {
		*dst.conv = currency.Conversion{From: usd, To: to, Rate: r, Rounding: pol.ConversionRounding}
	}
	return true
}

// qtQuantity returns the quantity a request prices: the users of a
// per-user plan (EXT-06), else 1 (a request's 0 means 1).
func qtQuantity(req *Subscription, prefix string, perUnit bool, ps *rule.Problems) (int64, bool) {
	p := req.Plan
	n := req.Quantity
	switch {
	case n < 0:
		qtAdd(ps, ErrSeats, rule.EXT06, qtPath(prefix, "quantity"), qtMsgQuantityNeg, n)
		return 0, false
	case p.Pricing.Model == plan.PerUser:
		if n == 0 {
			qtAdd(ps, ErrSeats, rule.EXT06, qtPath(prefix, "quantity"), qtMsgSeatsRequired)
			return 0, false
		}
		if !p.Pricing.Users.Allows(n) {
			lo, hi := max(p.Pricing.Users.Min, 1), p.Pricing.Users.Max
			if hi == 0 {
				qtAdd(ps, ErrSeats, rule.EXT06, qtPath(prefix, "quantity"), qtMsgSeatsMin, n, lo)
			} else {
				qtAdd(ps, ErrSeats, rule.EXT06, qtPath(prefix, "quantity"), qtMsgSeatsRange, n, lo, hi)
			}
			return 0, false
		}
		return n, true
	case n == 0:
		return 1, true
	case n > 1 && !perUnit:
		qtAdd(ps, ErrSeats, rule.PRC06, qtPath(prefix, "quantity"), qtMsgNotPerUser, n, p.Pricing.Model.String())
		return 0, false
	}
	return n, true
}

// qtQuote prices req into *q, which must be the zero Quote, adding
// problems to ps; *q is the zero Quote when a problem was added.
func qtQuote(q *Quote, req *Subscription, pol *Policy, prefix string, ps *rule.Problems) {
	p := req.Plan
	if p == nil {
		qtAdd(ps, ErrUnpriced, rule.PRC04, qtPath(prefix, "plan"), qtMsgPlanRequired)
		*q = Quote{}
		return
	}
	before := len(*ps)
	mk, mok := qtMarket(req, prefix, ps)
	q.Plan, q.Model, q.Market, q.Term, q.Payment = p.ID, p.Pricing.Model, req.Market, req.Term, req.Payment
	switch m := p.Pricing.Model; {
	case m == plan.Free || m == plan.BYOL:
		qtQuoteFree(req, &mk, q, prefix, ps)
	case qtIsVM(p):
		qtQuoteVM(req, &mk, mok, pol, q, prefix, ps)
	case m == plan.FlatRate || m == plan.PerUser || m == plan.UsageOnly:
		qtQuoteRecurring(req, &mk, mok, pol, q, prefix, ps)
	default:
		qtAdd(ps, ErrUnpriced, rule.PRC01, qtPath(prefix, "plan.pricing.model"), qtMsgModel, m.String())
	}
	if len(*ps) > before {
		*q = Quote{}
		return
	}
	if int(q.Source) < len(quoteReasons) {
		q.Reason = quoteReasons[q.Source]
	}
}

// qtTermPayment checks a recurring term and its payment option (EXT-05).
func qtTermPayment(t plan.Term, pay plan.PaymentOption, prefix string, ps *rule.Problems) bool {
	if !t.Valid() || t == plan.Hourly {
		qtAdd(ps, ErrUnpriced, rule.EXT05, qtPath(prefix, "term"), qtMsgTerm, t.String())
		return false
	}
	if !pay.Allows(t) {
		qtAdd(ps, ErrUnpriced, rule.EXT05, qtPath(prefix, "payment"), qtMsgPayment, t.Words(), pay.String())
		return false
	}
	return true
}

func qtQuoteFree(req *Subscription, mk *qtMkt, q *Quote, prefix string, ps *rule.Problems) {
	if req.Term != plan.Hourly && !qtTermPayment(req.Term, req.Payment, prefix, ps) {
		return
	}
	n, ok := qtQuantity(req, prefix, true, ps)
	if !ok {
		return
	}
	var zero currency.Money
	if mk.cur.Valid() {
		zero = amountIn(0, mk.cur)
	}
	q.Rule, q.Source = rule.PRC01, QuoteNoCharge
	q.UnitPrice, q.Quantity, q.Price = zero, n, zero
	q.VCPUs = req.VCPUs
	q.Payments = qtPayments(req.Term, req.Payment)
}

// qtPayments returns the number of equal payments of a term: 0 for
// hourly usage.
func qtPayments(t plan.Term, pay plan.PaymentOption) int {
	if t == plan.Hourly || !t.Valid() {
		return 0
	}
	return t.Months() / pay.Months(t)
}

func qtQuoteRecurring(req *Subscription, mk *qtMkt, mok bool, pol *Policy, q *Quote, prefix string, ps *rule.Problems) {
	p := req.Plan
	if !qtTermPayment(req.Term, req.Payment, prefix, ps) {
		qtQuantity(req, prefix, false, ps)
		return
	}
	var tp *plan.TermPrice
	for i := range p.Pricing.Terms {
		if p.Pricing.Terms[i].Term == req.Term {
			tp = &p.Pricing.Terms[i]
			break
		}
	}
	usageOnly := p.Pricing.Model == plan.UsageOnly
	priced := true
	switch {
	case tp == nil && !(usageOnly && len(p.Pricing.Terms) == 0):
		qtAdd(ps, ErrUnpriced, rule.EXT05, qtPath(prefix, "term"), qtMsgTermPlan, p.ID, req.Term.Words())
		priced = false
	case tp != nil && tp.Payment != req.Payment:
		qtAdd(ps, ErrUnpriced, rule.EXT05, qtPath(prefix, "payment"), qtMsgPaymentPlan, p.ID, req.Term.Words(), tp.Payment.String(), req.Payment.String())
		priced = false
	}
	// The quantity and the market price are checked independently, so
	// that both are reported.
	n, nok := qtQuantity(req, prefix, false, ps)
	if !mok || !priced {
		return
	}
	q.Quantity = n
	q.Payments = qtPayments(req.Term, req.Payment)
	if usageOnly {
		zero := amountIn(0, mk.cur)
		q.Rule, q.Source, q.UnitPrice, q.Price = rule.EXT02, QuoteNoCharge, zero, zero
		return
	}
	pr := qtPrice{conv: &q.Conversion}
	if !qtMarketPrice(&pr, tp.Price, tp.Markets, req, mk, pol, prefix, "plan.pricing.terms", rule.PRC03, ps) || !nok {
		return
	}
	total, err := pr.unit.Mul(n)
	if err != nil {
		qtAdd(ps, err, rule.EXT06, qtPath(prefix, "quantity"), qtMsgArith, err.Error())
		return
	}
	q.Rule, q.Source = rule.PRC04, pr.src
	q.UnitPrice, q.Price = pr.unit, total
}

// qtVMHourly returns the hourly price of a VM of vcpus cores in the
// market (per vCPU for a per-vCPU plan) and the quantity it is multiplied
// by: the vCPUs for a per-vCPU plan, else 1.
//
// Problems about the plan or the rate have paths under prefix; those about
// the size under sizePrefix.
func qtVMHourly(pr *qtPrice, req *Subscription, vcpus int, mk *qtMkt, pol *Policy, prefix, sizePrefix string, ps *rule.Problems) (int64, bool) {
	p := req.Plan
	vm := &p.Pricing.VM
	switch p.Pricing.Model {
	case plan.FlatRate:
		if vcpus < 0 {
			qtAdd(ps, ErrUsage, rule.EXT07, qtPath(sizePrefix, "vcpus"), qtMsgVCPUs, int64(vcpus))
			return 0, false
		}
		return 1, qtMarketPrice(pr, vm.PerHour, nil, req, mk, pol, prefix, "plan.pricing.vm.perHour", rule.EXT07, ps)
	case plan.PerVCPU:
		if vcpus < 1 {
			qtAdd(ps, ErrUsage, rule.EXT07, qtPath(sizePrefix, "vcpus"), qtMsgVCPUs, int64(vcpus))
			return 0, false
		}
		return int64(vcpus), qtMarketPrice(pr, vm.PerHour, nil, req, mk, pol, prefix, "plan.pricing.vm.perHour", rule.EXT07, ps)
	case plan.PerVCPUSize:
		for i := range vm.Sizes {
			if vm.Sizes[i].VCPUs == vcpus {
				return 1, qtMarketPrice(pr, vm.Sizes[i].Price, nil, req, mk, pol, prefix, "plan.pricing.vm.sizes", rule.EXT07, ps)
			}
		}
	case plan.PerMarketAndVCPUSize:
		for i := range vm.MarketSizes {
			if s := &vm.MarketSizes[i]; s.VCPUs == vcpus && s.Market == req.Market {
				if s.Price.Code() != mk.cur || s.Price.IsNegative() {
					qtAdd(ps, ErrUnpriced, rule.EXT07, qtPath(prefix, "plan.pricing.vm.marketSizes"), qtMsgMarketPriceCur, mk.name(), s.Price.Code().String(), mk.cur.String())
					return 0, false
				}
				pr.unit, pr.src = s.Price, QuoteFromMarket
				return 1, true
			}
		}
	}
	if vcpus < 1 {
		qtAdd(ps, ErrUsage, rule.EXT07, qtPath(sizePrefix, "vcpus"), qtMsgVCPUs, int64(vcpus))
	} else {
		qtAdd(ps, ErrUnpriced, rule.EXT07, qtPath(sizePrefix, "vcpus"), qtMsgSize, p.ID, int64(vcpus), mk.name())
	}
	return 0, false
}

var qtRateOne = currency.MustParseRate("1")

func qtQuoteVM(req *Subscription, mk *qtMkt, mok bool, pol *Policy, q *Quote, prefix string, ps *rule.Problems) {
	p := req.Plan
	before := len(*ps)
	var res *plan.Reservation
	switch req.Term {
	case plan.Hourly:
		if req.Payment != plan.Upfront {
			qtAdd(ps, ErrUnpriced, rule.EXT07, qtPath(prefix, "payment"), qtMsgHourlyPayment, req.Payment.String())
		}
	case plan.OneYear, plan.ThreeYears:
		if p.Pricing.Model == plan.PerMarketAndVCPUSize {
			qtAdd(ps, ErrUnpriced, rule.EXT07, qtPath(prefix, "term"), qtMsgNoReservations, p.Pricing.Model.String())
			break
		}
		for i := range p.Pricing.VM.Reservations {
			if p.Pricing.VM.Reservations[i].Term == req.Term {
				res = &p.Pricing.VM.Reservations[i]
				break
			}
		}
		switch {
		case res == nil:
			qtAdd(ps, ErrUnpriced, rule.EXT07, qtPath(prefix, "term"), qtMsgReservation, p.ID, req.Term.Words())
		case res.Saving.Cmp(qtRateOne) >= 0:
			qtAdd(ps, ErrUnpriced, rule.EXT07, qtPath(prefix, "plan.pricing.vm.reservations"), qtMsgSaving, res.Saving.String())
		}
		if req.Payment != plan.Upfront && req.Payment != plan.Monthly {
			qtAdd(ps, ErrUnpriced, rule.EXT07, qtPath(prefix, "payment"), qtMsgReservationPay, req.Payment.String())
		}
	default:
		qtAdd(ps, ErrUnpriced, rule.EXT07, qtPath(prefix, "term"), qtMsgVMTerm, req.Term.String())
	}
	termOK := len(*ps) == before
	// The quantity, the size and the rate are checked independently, so
	// that all are reported.
	n, nok := int64(1), true
	if req.Term != plan.Hourly {
		n, nok = qtQuantity(req, prefix, true, ps)
	} else if req.Quantity < 0 || req.Quantity > 1 {
		_, nok = qtQuantity(req, prefix, false, ps)
	}
	if !mok {
		return
	}
	pr := qtPrice{conv: &q.Conversion}
	per, ok := qtVMHourly(&pr, req, req.VCPUs, mk, pol, prefix, prefix, ps)
	if !ok || !termOK || !nok {
		return
	}
	q.Source, q.VCPUs, q.Rule = pr.src, req.VCPUs, rule.EXT07
	if req.Term == plan.Hourly {
		hourly, err := pr.unit.Mul(per)
		if err != nil {
			qtAdd(ps, err, rule.EXT07, qtPath(prefix, "vcpus"), qtMsgArith, err.Error())
			return
		}
		q.Hourly, q.UnitPrice, q.Quantity, q.Price = hourly, pr.unit, per, hourly
		return
	}
	// A software reservation: hourly × hours per year × years × (1 −
	// saving), rounded once (EXT-07).
	hourly, err := pr.unit.Mul(per)
	var hours, unit, total currency.Money
	years := int64(req.Term.Months() / 12)
	nh := pol.hoursPerYear() * years
	if err == nil && nh/years != pol.hoursPerYear() {
		err = &currency.OpError{Op: "mul", X: hourly, Num: pol.hoursPerYear(), Err: currency.ErrOverflow}
	}
	if err == nil {
		hours, err = hourly.Mul(nh)
	}
	if err == nil {
		keep, rerr := currency.NewRate(qtPow10[res.Saving.Scale()]-res.Saving.Coefficient(), res.Saving.Scale())
		err = rerr
		if err == nil {
			unit, err = hours.MulRate(keep, pol.ReservationRounding)
		}
	}
	if err != nil {
		qtAdd(ps, err, rule.EXT07, qtPath(prefix, "plan.pricing.vm.reservations"), qtMsgArith, err.Error())
		return
	}
	if total, err = unit.Mul(n); err != nil {
		qtAdd(ps, err, rule.EXT07, qtPath(prefix, "quantity"), qtMsgArith, err.Error())
		return
	}
	q.Hourly, q.Hours, q.Saving = hourly, nh, res.Saving
	q.UnitPrice, q.Quantity, q.Price = unit, n, total
	q.Payments = qtPayments(req.Term, req.Payment)
}

// qtPow10 holds 10^0 … 10^18.
var qtPow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// Messages of quote problems.
var (
	qtMsgPlanRequired   = rule.Message{English: "a plan is required", Swedish: "en plan måste anges"}
	qtMsgModel          = rule.Message{English: "pricing model %s cannot be quoted", Swedish: "prismodellen %s kan inte prissättas"}
	qtMsgMarketUnknown  = rule.Message{English: "market %d is not a marketplace market", Swedish: "marknad %d är inte en marknad på marknadsplatsen"}
	qtMsgMarketPlan     = rule.Message{English: "%s (%s) is not one of the markets of plan %q", Swedish: "%s (%s) är inte en av marknaderna för planen %q"}
	qtMsgMarketCurrency = rule.Message{English: "%s (%s) has no billing currency: the marketplace does not transact there", Swedish: "%s (%s) har ingen faktureringsvaluta: marknadsplatsen säljer inte där"}
	qtMsgMarketPriceCur = rule.Message{English: "the plan's price for %s is in %s, but the market is billed in %s", Swedish: "planens pris för %s är i %s, men marknaden faktureras i %s"}
	qtMsgNegativePrice  = rule.Message{English: "price %v is negative", Swedish: "priset %v är negativt"}
	qtMsgNotUSD         = rule.Message{English: "plan prices are in USD, not %s", Swedish: "planpriser anges i USD, inte %s"}
	qtMsgRateMissing    = rule.Message{English: "a USD → %s exchange rate is needed to price the plan in %s", Swedish: "en växelkurs USD → %s behövs för att prissätta planen i %s"}
	qtMsgRateWrong      = rule.Message{English: "rate %s %s → %s does not convert to %s's currency, USD → %s", Swedish: "kursen %s %s → %s växlar inte till valutan för %s, USD → %s"}
	qtMsgArith          = rule.Message{English: "%s", Swedish: "%s"}
	qtMsgRounding       = rule.Message{English: "rounding mode %d is not defined", Swedish: "avrundningsläget %d är inte definierat"}
	qtMsgQuantityNeg    = rule.Message{English: "quantity %d is negative", Swedish: "antalet %d är negativt"}
	qtMsgSeatsRequired  = rule.Message{English: "a per-user plan needs the number of users", Swedish: "en plan per användare behöver antalet användare"}
	qtMsgSeatsMin       = rule.Message{English: "%d users; the plan needs at least %d", Swedish: "%d användare; planen kräver minst %d"}
	qtMsgSeatsRange     = rule.Message{English: "%d users; the plan allows %d to %d", Swedish: "%d användare; planen tillåter %d till %d"}
	qtMsgNotPerUser     = rule.Message{English: "quantity %d: only per-user plans are priced per seat, and this plan is %s", Swedish: "antal %d: bara planer per användare prissätts per licens, och den här planen är %s"}
	qtMsgTerm           = rule.Message{English: "%s is not a subscription billing term", Swedish: "%s är inte en faktureringsperiod för prenumerationer"}
	qtMsgPayment        = rule.Message{English: "a %s term cannot be paid %s", Swedish: "en period på %s kan inte betalas %s"}
	qtMsgTermPlan       = rule.Message{English: "plan %q offers no %s term", Swedish: "planen %q har ingen period på %s"}
	qtMsgPaymentPlan    = rule.Message{English: "plan %q's %s term is paid %s, not %s", Swedish: "planen %q:s period på %s betalas %s, inte %s"}
	qtMsgVMTerm         = rule.Message{English: "a virtual machine plan is quoted per hour (PT1H) or as a 1- or 3-year software reservation, not %s", Swedish: "en plan för virtuella datorer prissätts per timme (PT1H) eller som programvarureservation på 1 eller 3 år, inte %s"}
	qtMsgHourlyPayment  = rule.Message{English: "hourly usage is billed monthly in arrears; payment option %s does not apply", Swedish: "användning per timme debiteras månadsvis i efterskott; betalningsalternativet %s gäller inte"}
	qtMsgNoReservations = rule.Message{English: "software reservations do not apply to %s plans", Swedish: "programvarureservationer gäller inte planer med %s"}
	qtMsgReservation    = rule.Message{English: "plan %q offers no %s software reservation", Swedish: "planen %q har ingen programvarureservation på %s"}
	qtMsgReservationPay = rule.Message{English: "a software reservation is paid upfront or monthly, not %s", Swedish: "en programvarureservation betalas i förskott eller månadsvis, inte %s"}
	qtMsgSaving         = rule.Message{English: "saving %s is not a fraction below 1", Swedish: "besparingen %s är inte ett bråktal under 1"}
	qtMsgVCPUs          = rule.Message{English: "a VM has at least one vCPU, not %d", Swedish: "en virtuell dator har minst en vCPU, inte %d"}
	qtMsgSize           = rule.Message{English: "plan %q has no price for %d vCPUs in %s", Swedish: "planen %q har inget pris för %d vCPU:er i %s"}
)

// amountIn returns minor units of c, a code taken from a checked amount or
// a market (so an ISO 4217 code); the zero Money for the zero Code.
func amountIn(minor int64, c currency.Code) currency.Money {
	m, _ := currency.New(minor, c)
	return m
}

package payout

import (
	"github.com/marketrules/marketrules/calendar"
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// Rates gives the exchange rates of each payout month: the rate at which a
// balance in currency from is converted into currency to for the threshold
// comparison of month (PAY-04). MonthRates is a ready implementation; a
// host may implement it over its own rate store.
type Rates interface {
	Rate(month calendar.YearMonth, from, to currency.Code) (currency.ExchangeRate, bool)
}

// MonthRates is a Rates held in memory: per payout month, a list of
// exchange rates, such as {From: SEK, To: USD, Rate: 0.0952}. Rates are
// looked up in the direction asked (from the balance's currency into the
// threshold's); inverse rates are not derived.
type MonthRates map[calendar.YearMonth][]currency.ExchangeRate

// Rate returns the first rate of month from from into to.
func (r MonthRates) Rate(month calendar.YearMonth, from, to currency.Code) (currency.ExchangeRate, bool) {
	for _, x := range r[month] {
		if x.From == from && x.To == to {
			return x, true
		}
	}
	return currency.ExchangeRate{}, false
}

// Subtotal is the sum of one month's transactions of one currency and
// type.
type Subtotal struct {
	Currency currency.Code   `json:"currency"` // the currency of the amounts
	Type     TransactionType `json:"type"`     // the transactions' type
	Count    int64           `json:"count"`    // the number of transactions
	Gross    currency.Money  `json:"gross"`    // the sum of their Gross
	// Fee is the sum of the lines' store service fees, each rounded on
	// its own line; Net is Gross − Fee, the publisher's earnings.
	Fee currency.Money `json:"fee"`
	Net currency.Money `json:"net"`
}

// Balance is one currency's account in a month: Opening + Net = Paid +
// Closing.
type Balance struct {
	Currency currency.Code `json:"currency"` // the currency of every amount of the balance
	// Opening is brought forward from the previous month (a balance below
	// the threshold, or a negative balance being recovered), plus any
	// opening balance given to the ledger for this month (Ledger.Open).
	Opening currency.Money `json:"opening"`
	// Net is the month's earnings: the Net of its subtotals.
	Net currency.Money `json:"net"`
	// Paid is what the month's payout pays in this currency: Opening +
	// Net when the payout is made (negative when this currency's lines
	// are netted against others), zero otherwise.
	Paid currency.Money `json:"paid"`
	// Closing is carried forward to the next month.
	Closing currency.Money `json:"closing"`
	// Converted is Opening + Net in the threshold's currency, at Rate
	// (the zero ExchangeRate for the threshold's own currency), rounded
	// with the policy's ConversionRounding: the figure the threshold
	// decision used. Zero when a month without transactions had no rate
	// and the balance was carried unconverted (ReasonCarriedWithoutRate).
	Converted currency.Money        `json:"converted"`
	Rate      currency.ExchangeRate `json:"rate,omitzero"`
}

// Payout is the decision for one payout month (PAY-01, PAY-04, EXT-11):
// the month's subtotals, each currency's balance, and whether the combined
// balance was paid (Allowed), carried to the next month, or withheld.
//
// The threshold outcome is explicit: ThresholdMet says whether the
// combined balance reached the threshold; Allowed says the month was
// paid, which it is exactly when the threshold is met. Reason says why
// not: ReasonThresholdNotMet (carried), ReasonNegativeBalance (withheld
// until later earnings recover it) or ReasonCarriedWithoutRate (a month
// without transactions whose rates were not given: carried unconverted).
type Payout struct {
	Month        calendar.YearMonth `json:"month"`        // the payout month
	Allowed      bool               `json:"allowed"`      // the month is paid
	ThresholdMet bool               `json:"thresholdMet"` // Combined ≥ Threshold
	Rule         rule.ID            `json:"rule"`         // PAY-04, or EXT-11 for a negative balance
	Reason       rule.Reason        `json:"reason"`       // ReasonThresholdMet, …
	// PreparedFrom is the start of the month; Date the payout day, by the
	// end of which a paid payout is sent.
	PreparedFrom time.Time  `json:"preparedFrom,omitzero"`
	Date         time.Time  `json:"date,omitzero"`
	Subtotals    []Subtotal `json:"subtotals"` // the month's transactions, by currency and type
	Balances     []Balance  `json:"balances"`  // per currency in play, in code order
	// Combined is the sum of the balances' Converted amounts, compared
	// with Threshold.
	Combined  currency.Money        `json:"combined"`
	Threshold currency.Money        `json:"threshold"` // the policy's threshold
	Rounding  currency.RoundingMode `json:"rounding"`  // the policy's ConversionRounding
}

// withheld reports whether the month's negative balance was withheld.
func (p *Payout) withheld() bool { return p.Reason == ReasonNegativeBalance }

// Total sums one currency over a whole statement. Money is conserved:
// Opening + Gross = Fee + Paid + Carried + Withheld, and Net = Gross − Fee.
type Total struct {
	Currency currency.Code  `json:"currency"` // the currency of the amounts
	Count    int64          `json:"count"`    // transactions
	Opening  currency.Money `json:"opening"`  // opening balances given (Ledger.Open)
	Gross    currency.Money `json:"gross"`    // sum of the subtotals' Gross
	Fee      currency.Money `json:"fee"`      // sum of the subtotals' Fee
	Net      currency.Money `json:"net"`      // Gross − Fee
	Paid     currency.Money `json:"paid"`     // sum of the payouts' Paid
	// Carried is the closing balance when the last payout was carried
	// (below the threshold): earnings still to be paid.
	Carried currency.Money `json:"carried"`
	// Withheld is the closing balance when the last payout was withheld
	// (a negative combined balance): what later earnings must recover
	// before anything is paid. Its sum across currencies is negative.
	Withheld currency.Money `json:"withheld"`
}

// Statement is the result of a ledger: the payout of every month from the
// first to the last month with transactions (months without transactions
// and without a balance are left out), and totals per currency.
//
// Each sale's own fee is Policy.Fee of its transaction: a statement keeps
// sums by month, currency and type, so that its memory does not grow with
// the transactions.
type Statement struct {
	Rule         rule.ID     `json:"rule,omitempty"`   // PAY-01: payouts are monthly
	Reason       rule.Reason `json:"reason,omitempty"` // ReasonMonthlyStatement
	Transactions int64       `json:"transactions"`     // the number of transactions
	Payouts      []Payout    `json:"payouts"`          // in month order
	Totals       []Total     `json:"totals"`           // in currency code order
}

var (
	msgMissingRate = rule.Message{
		English: "no exchange rate from %s to %s for payout month %s",
		Swedish: "ingen växelkurs från %s till %s för utbetalningsmånaden %s"}
	msgConvert = rule.Message{English: "converting %s for payout month %s: %v", Swedish: "omräkning av %s för utbetalningsmånaden %s: %v"}
)

// Statement finalizes the ledger into payouts, month by month in order
// (PAY-01): each currency's balance (the balance brought forward plus the
// month's net earnings) is converted into the threshold's currency at the
// month's rate from rates and rounded with the policy's
// ConversionRounding; the converted balances are summed, and then
//
//   - a negative sum is withheld: nothing is paid while the balance is
//     negative, and every balance is brought forward, so later earnings
//     recover it (EXT-11);
//   - a sum of at least the threshold is paid (Allowed, ThresholdMet):
//     every currency's balance is paid (PAY-04);
//   - a smaller sum is carried to the next month (PAY-04).
//
// A month with a balance brought forward but no transactions is still
// decided, since its rates may lift the balance over the threshold; when
// such a month lacks a rate, its balances are carried unconverted
// (ReasonCarriedWithoutRate) rather than failing. Rates are needed for
// every currency other than the threshold's in every month with
// transactions; rates may be nil when there is none. All missing rates are
// reported at once, as [rule.Problems] wrapping ErrNoRate and naming the
// currency and month ("rates[2024-04].SEK"). The ledger is not changed,
// so more transactions may be added and Statement called again. A nil
// Ledger is empty.
func (l *Ledger) Statement(rates Rates) (Statement, error) {
	if l == nil {
		return Statement{}, nil
	}
	l.init()
	keys := l.sortedKeys()
	st := Statement{Rule: rule.PAY01, Reason: ReasonMonthlyStatement, Transactions: l.n}
	if len(keys) == 0 {
		return st, nil
	}
	f := finalizer{p: &l.policy, rates: rates, bal: map[currency.Code]int64{}, tots: map[currency.Code]*total{}}
	first, _, _ := splitKey(keys[0])
	last, _, _ := splitKey(keys[len(keys)-1])
	for m := first; m <= last; m++ {
		n := 0
		for n < len(keys) {
			if km, _, _ := splitKey(keys[n]); km != m {
				break
			}
			n++
		}
		if n == 0 && allZero(f.bal) {
			continue
		}
		st.Payouts = append(st.Payouts, f.month(m, l, keys[:n]))
		keys = keys[n:]
	}
	if len(st.Payouts) > 0 {
		st.Totals = f.totals(&st.Payouts[len(st.Payouts)-1], last)
	}
	if len(f.ps) > 0 {
		return Statement{}, f.ps.Err()
	}
	return st, nil
}

// finalizer runs a ledger's months in order, carrying the balances.
type finalizer struct {
	p     *Policy
	rates Rates
	bal   map[currency.Code]int64 // brought forward, per currency
	tots  map[currency.Code]*total
	ps    rule.Problems
	codes []currency.Code // scratch
}

type total struct{ count, opening, gross, fee, paid int64 }

// month decides the payout of month m, whose ledger keys are keys.
func (f *finalizer) month(m calendar.YearMonth, l *Ledger, keys []uint64) Payout {
	p := f.p
	po := Payout{Month: m, PreparedFrom: startOf(m, p.Zone), Date: dayOf(m, p.PayoutDay, p.Zone),
		Threshold: p.Threshold, Rounding: p.ConversionRounding}
	net, lines := f.lines(&po, l, keys)
	// The currencies in play: those with lines, and those with a balance.
	for c, v := range f.bal {
		if v != 0 && !slices.Contains(f.codes, c) {
			f.codes = append(f.codes, c)
		}
	}
	slices.Sort(f.codes)
	tc := p.Threshold.Code()
	po.Combined = amountIn(0, tc)
	decided := true
	var missing rule.Problems
	avail := make([]int64, len(f.codes))
	for i, c := range f.codes {
		var ok bool
		if avail[i], ok = addInt(f.bal[c], net[c]); !ok {
			f.overflow(c, m)
		}
		b := Balance{Currency: c, Opening: amountIn(f.bal[c], c), Net: amountIn(net[c], c)}
		if b.Converted, b.Rate, ok = f.convert(amountIn(avail[i], c), m, &missing); !ok {
			decided = false
		}
		if sum, err := po.Combined.Add(b.Converted); err == nil {
			po.Combined = sum
		} else {
			f.overflow(tc, m)
		}
		po.Balances = append(po.Balances, b)
	}
	switch {
	case !decided && !lines:
		// No transactions this month and no rate: carry unconverted.
		po.Rule, po.Reason = rule.PAY04, ReasonCarriedWithoutRate
		po.Combined = amountIn(0, tc)
	case !decided:
		f.ps = append(f.ps, missing...) // the statement fails
	case po.Combined.IsNegative():
		po.Rule, po.Reason = rule.EXT11, ReasonNegativeBalance
	case po.Combined.Minor() >= p.Threshold.Minor():
		po.Allowed, po.ThresholdMet, po.Rule, po.Reason = true, true, rule.PAY04, ReasonThresholdMet
	default:
		po.Rule, po.Reason = rule.PAY04, ReasonThresholdNotMet
	}
	for i := range po.Balances {
		b := &po.Balances[i]
		c := b.Currency
		if po.Allowed {
			b.Paid, b.Closing = amountIn(avail[i], c), amountIn(0, c)
			f.bal[c] = 0
			t := f.total(c)
			var ok bool
			if t.paid, ok = addInt(t.paid, avail[i]); !ok {
				f.overflow(c, m)
			}
		} else {
			b.Paid, b.Closing = amountIn(0, c), amountIn(avail[i], c)
			f.bal[c] = avail[i]
		}
	}
	return po
}

func (f *finalizer) total(c currency.Code) *total {
	t := f.tots[c]
	if t == nil {
		t = &total{}
		f.tots[c] = t
	}
	return t
}

// lines adds the month's subtotals to po and the totals, and returns the
// month's net per currency and whether it had transactions; opening
// balances given for the month are added to the balances brought forward.
// f.codes is left with the currencies of the subtotals, in order.
func (f *finalizer) lines(po *Payout, l *Ledger, keys []uint64) (map[currency.Code]int64, bool) {
	net := map[currency.Code]int64{}
	f.codes = f.codes[:0]
	any := false
	for _, k := range keys {
		m, c, typ := splitKey(k)
		b := l.buckets[k]
		t := f.total(c)
		if typ == 0 { // an opening balance
			var ok1, ok2 bool
			f.bal[c], ok1 = addInt(f.bal[c], b.gross)
			t.opening, ok2 = addInt(t.opening, b.gross)
			if !ok1 || !ok2 {
				f.overflow(c, m)
			}
			continue
		}
		any = true
		n, ok1 := subInt(b.gross, b.fee)
		var ok2 bool
		net[c], ok2 = addInt(net[c], n)
		po.Subtotals = append(po.Subtotals, Subtotal{Currency: c, Type: typ, Count: b.count,
			Gross: amountIn(b.gross, c), Fee: amountIn(b.fee, c), Net: amountIn(n, c)})
		var ok3, ok4, ok5 bool
		t.count, ok3 = addInt(t.count, b.count)
		t.gross, ok4 = addInt(t.gross, b.gross)
		t.fee, ok5 = addInt(t.fee, b.fee)
		if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
			f.overflow(c, m)
		}
		if len(f.codes) == 0 || f.codes[len(f.codes)-1] != c {
			f.codes = append(f.codes, c)
		}
	}
	return net, any
}

// convert converts a balance into the threshold's currency at month m's
// rate; it reports false, with a problem in missing, when it cannot.
func (f *finalizer) convert(bal currency.Money, m calendar.YearMonth, missing *rule.Problems) (currency.Money, currency.ExchangeRate, bool) {
	tc := f.p.Threshold.Code()
	if bal.Code() == tc {
		return bal, currency.ExchangeRate{}, true
	}
	c := bal.Code()
	path := "rates[" + m.String() + "]." + c.String()
	var x currency.ExchangeRate
	found := false
	if f.rates != nil {
		x, found = f.rates.Rate(m, c, tc)
	}
	if !found {
		missing.Append(rule.Problem{Rule: rule.PAY04, Path: path, Message: msgMissingRate,
			Args: []any{c.String(), tc.String(), m.String()}, Err: ErrNoRate})
		return amountIn(0, tc), currency.ExchangeRate{}, false
	}
	cv, err := x.Convert(bal, f.p.ConversionRounding)
	if err != nil {
		missing.Append(rule.Problem{Rule: rule.PAY04, Path: path, Message: msgConvert,
			Args: []any{bal.String(), m.String(), err}, Err: err})
		return amountIn(0, tc), currency.ExchangeRate{}, false
	}
	return cv.To, x, true
}

// totals returns the totals per currency; the closing balances are carried
// or withheld as the last payout was.
func (f *finalizer) totals(last *Payout, m calendar.YearMonth) []Total {
	codes := make([]currency.Code, 0, len(f.tots))
	for c := range f.tots {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	out := make([]Total, 0, len(codes))
	for _, c := range codes {
		t := f.tots[c]
		n, ok := subInt(t.gross, t.fee)
		if !ok {
			f.overflow(c, m)
		}
		tot := Total{Currency: c, Count: t.count, Opening: amountIn(t.opening, c), Gross: amountIn(t.gross, c),
			Fee: amountIn(t.fee, c), Net: amountIn(n, c), Paid: amountIn(t.paid, c),
			Carried: amountIn(0, c), Withheld: amountIn(0, c)}
		switch {
		case last.withheld():
			tot.Withheld = amountIn(f.bal[c], c)
		case !last.Allowed:
			tot.Carried = amountIn(f.bal[c], c)
		}
		out = append(out, tot)
	}
	return out
}

func (f *finalizer) overflow(c currency.Code, m calendar.YearMonth) {
	f.ps = append(f.ps, rule.Problem{Rule: rule.PAY04, Path: "statement[" + m.String() + "]." + c.String(),
		Message: msgOverflow, Args: []any{"the " + c.String() + " sums"}, Err: ErrOverflow})
}

func subInt(a, b int64) (int64, bool) {
	s := a - b
	return s, (a^b)&(a^s) >= 0
}

func allZero(m map[currency.Code]int64) bool {
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

// BuildStatement adds every transaction of seq to a new ledger under p and
// finalizes it with rates: the one-call form of NewLedger, Ledger.AddAll
// and Ledger.Statement. Invalid transactions and missing rates are
// reported, all at once, as [rule.Problems]. A nil seq is empty.
func (p Policy) BuildStatement(seq iter.Seq[Transaction], rates Rates) (Statement, error) {
	l, err := NewLedger(p)
	if err != nil {
		return Statement{}, err
	}
	if err := l.AddAll(seq); err != nil {
		return Statement{}, err
	}
	return l.Statement(rates)
}

// Payout returns the payout of month m, if the statement has one.
func (s Statement) Payout(m calendar.YearMonth) (Payout, bool) {
	for _, p := range s.Payouts {
		if p.Month == m {
			return p, true
		}
	}
	return Payout{}, false
}

// Total returns the totals of currency c, if the statement has any.
func (s Statement) Total(c currency.Code) (Total, bool) {
	for _, t := range s.Totals {
		if t.Currency == c {
			return t, true
		}
	}
	return Total{}, false
}

// Explain renders every payout's explanation in lang, one per line.
func (s Statement) Explain(lang rule.Language) string {
	var b strings.Builder
	for _, p := range s.Payouts {
		b.WriteString(p.Explain(lang))
		b.WriteByte('\n')
	}
	return b.String()
}

// StateAt returns the state at instant at of the earnings in this payout
// (EXT-11): Unprocessed before the month, Processed from its start, and,
// for a paid payout, Sent after the payout day. Carried and withheld
// earnings stay Processed: matured, but not sent.
func (p Payout) StateAt(at time.Time) State {
	switch {
	case at.Before(p.PreparedFrom):
		return Unprocessed
	case !p.Allowed || at.Before(p.Date.AddDate(0, 0, 1)):
		return Processed
	}
	return Sent
}

var (
	msgPayoutPaid = rule.Message{
		English: "Payout %s: the combined balance %s reaches the threshold %s, so it is paid: %s; sent by %s.",
		Swedish: "Utbetalning %s: det kombinerade saldot %s når tröskeln %s och betalas ut: %s; skickas senast %s."}
	msgPayoutCarried = rule.Message{
		English: "Payout %s: the combined balance %s is below the threshold %s, so nothing is paid and it carries over to the next month.",
		Swedish: "Utbetalning %s: det kombinerade saldot %s är under tröskeln %s, så inget betalas ut och det förs över till nästa månad."}
	msgPayoutWithheld = rule.Message{
		English: "Payout %s: the combined balance %s is negative, so nothing is paid until later earnings recover it.",
		Swedish: "Utbetalning %s: det kombinerade saldot %s är negativt, så inget betalas ut förrän senare intäkter har täckt det."}
	msgPayoutNoRate = rule.Message{
		English: "Payout %s: no transactions and no exchange rate, so the balances carry over to the next month unconverted.",
		Swedish: "Utbetalning %s: inga transaktioner och ingen växelkurs, så saldona förs över till nästa månad utan omräkning."}
	msgMoney = rule.Message{English: "%s", Swedish: "%s"}
)

// Explain renders the decision in lang, citing its rule.
func (p Payout) Explain(lang rule.Language) string {
	var s string
	switch {
	case p.Allowed:
		s = msgPayoutPaid.Render(lang, p.Month.String(), p.Combined, p.Threshold, paidList(lang, p.Balances), dayZone(p.Date))
	case p.withheld():
		s = msgPayoutWithheld.Render(lang, p.Month.String(), p.Combined)
	case p.Reason == ReasonCarriedWithoutRate:
		s = msgPayoutNoRate.Render(lang, p.Month.String())
	default:
		s = msgPayoutCarried.Render(lang, p.Month.String(), p.Combined, p.Threshold)
	}
	return withRule(s, p.Rule)
}

// paidList renders the amounts paid per currency, negative ones as
// deductions: "4,850.00 kr less $58.20".
func paidList(lang rule.Language, bs []Balance) string {
	var b strings.Builder
	for i, x := range bs {
		amt := x.Paid
		if i > 0 {
			if amt.IsNegative() && amt.Minor() != math.MinInt64 {
				b.WriteString(pick(lang, [2]string{" less ", " minus "}))
				amt = amountIn(-amt.Minor(), amt.Code())
			} else {
				b.WriteString(pick(lang, [2]string{" and ", " och "}))
			}
		}
		b.WriteString(msgMoney.Render(lang, amt))
	}
	return b.String()
}

// String is Explain in English.
func (p Payout) String() string { return p.Explain(rule.English) }

// String is Explain in English.
func (s Statement) String() string { return s.Explain(rule.English) }

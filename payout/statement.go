package payout

import (
	"iter"
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
	Rate(month Month, from, to currency.Code) (currency.ExchangeRate, bool)
}

// MonthRates is a Rates held in memory: per payout month, a list of
// exchange rates, such as {From: SEK, To: USD, Rate: 0.0952}. Rates are
// looked up in the direction asked (from the balance's currency into the
// threshold's); inverse rates are not derived.
type MonthRates map[Month][]currency.ExchangeRate

// Rate returns the first rate of month from from into to.
func (r MonthRates) Rate(month Month, from, to currency.Code) (currency.ExchangeRate, bool) {
	for _, x := range r[month] {
		if x.From == from && x.To == to {
			return x, true
		}
	}
	return currency.ExchangeRate{}, false
}

// Line is the sum of one month's transactions of one currency and type.
type Line struct {
	Currency currency.Code  `json:"currency"` // the currency of the amounts
	Type     Type           `json:"type"`     // the transactions' type
	Count    int64          `json:"count"`    // the number of transactions
	Gross    currency.Money `json:"gross"`    // the sum of their Gross
	// Fee is the sum of the lines' store service fees, each rounded on
	// its own line; Net is Gross − Fee, the publisher's earnings.
	Fee currency.Money `json:"fee"`
	Net currency.Money `json:"net"`
}

// Balance is one currency's account in a month: Opening + Net = Paid +
// Closing.
type Balance struct {
	Currency currency.Code `json:"currency"` // the currency of every amount of the balance
	// Opening is brought forward from the previous month: a balance below
	// the threshold, or a negative balance being recovered.
	Opening currency.Money `json:"opening"`
	// Net is the month's earnings: the Net of its lines.
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
	// decision used.
	Converted currency.Money        `json:"converted"`
	Rate      currency.ExchangeRate `json:"rate,omitzero"`
}

// Payout is the decision for one payout month (PAY-01, PAY-04, EXT-11):
// the month's lines, each currency's balance, and whether the combined
// balance was paid, carried to the next month or withheld.
type Payout struct {
	Month  Month       `json:"month"`  // the payout month
	Rule   rule.ID     `json:"rule"`   // PAY-04, or EXT-11 for a negative balance
	Reason rule.Reason `json:"reason"` // ReasonThresholdMet, …
	Status Status      `json:"status"` // paid, carried or withheld
	// PreparedFrom is the start of the month; Date the payout day, by the
	// end of which a paid payout is sent.
	PreparedFrom time.Time `json:"preparedFrom"`
	Date         time.Time `json:"date"`
	Lines        []Line    `json:"lines"`    // the month's transactions, by currency and type
	Balances     []Balance `json:"balances"` // per currency in play, in code order
	// Combined is the sum of the balances' Converted amounts, compared
	// with Threshold.
	Combined  currency.Money        `json:"combined"`
	Threshold currency.Money        `json:"threshold"` // the policy's threshold
	Rounding  currency.RoundingMode `json:"rounding"`  // the policy's ConversionRounding
}

// Total sums one currency over a whole statement. Money is conserved:
// Gross = Fee + Paid + Carried + Withheld, and Net = Gross − Fee.
type Total struct {
	Currency currency.Code  `json:"currency"` // the currency of the amounts
	Count    int64          `json:"count"`    // transactions
	Gross    currency.Money `json:"gross"`    // sum of the lines' Gross
	Fee      currency.Money `json:"fee"`      // sum of the lines' Fee
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
type Statement struct {
	Transactions int64    `json:"transactions"` // the number of transactions
	Payouts      []Payout `json:"payouts"`      // in month order
	Totals       []Total  `json:"totals"`       // in currency code order
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
//   - a negative sum is Withheld: nothing is paid while the balance is
//     negative, and every balance is brought forward, so later earnings
//     recover it (EXT-11, W12);
//   - a sum of at least the threshold is Paid: every currency's balance is
//     paid (PAY-04);
//   - a smaller sum is Carried to the next month (PAY-04).
//
// A month with a balance brought forward but no transactions is still
// decided, since its rates may lift the balance over the threshold.
// Rates are needed for every currency other than the threshold's that has
// lines or a balance in a month; rates may be nil when there is none. All
// missing rates are reported at once, as [rule.Problems] wrapping
// ErrMissingRate and naming the currency and month. The ledger is not
// changed, so more transactions may be added and Statement called again.
func (l *Ledger) Statement(rates Rates) (Statement, error) {
	l.init()
	keys := l.sortedKeys()
	st := Statement{Transactions: l.n}
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
	st.Totals = f.totals(st.Payouts[len(st.Payouts)-1].Status, last)
	if len(f.ps) > 0 {
		return Statement{}, f.ps
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

type total struct{ count, gross, fee, paid int64 }

// month decides the payout of month m, whose ledger keys are keys.
func (f *finalizer) month(m Month, l *Ledger, keys []uint64) Payout {
	p := f.p
	po := Payout{Month: m, PreparedFrom: m.Start(p.Zone), Date: m.Day(p.PayoutDay, p.Zone),
		Threshold: p.Threshold, Rounding: p.ConversionRounding}
	net := f.lines(&po, l, keys)
	// The currencies in play: those with lines, and those with a balance.
	for c, v := range f.bal {
		if v != 0 && !slices.Contains(f.codes, c) {
			f.codes = append(f.codes, c)
		}
	}
	slices.Sort(f.codes)
	tc := p.Threshold.Code()
	po.Combined = currency.FromMinor(0, tc)
	decided := true
	avail := make([]int64, len(f.codes))
	for i, c := range f.codes {
		var ok bool
		if avail[i], ok = addInt(f.bal[c], net[c]); !ok {
			f.overflow(c, m)
		}
		b := Balance{Currency: c, Opening: currency.FromMinor(f.bal[c], c), Net: currency.FromMinor(net[c], c)}
		if b.Converted, b.Rate, ok = f.convert(currency.FromMinor(avail[i], c), m); !ok {
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
	case !decided:
		po.Status = Carried // the statement fails with the missing rates
	case po.Combined.IsNegative():
		po.Status, po.Rule, po.Reason = Withheld, rule.EXT11, ReasonNegativeBalance
	case po.Combined.Minor() >= p.Threshold.Minor():
		po.Status, po.Rule, po.Reason = Paid, rule.PAY04, ReasonThresholdMet
	default:
		po.Status, po.Rule, po.Reason = Carried, rule.PAY04, ReasonThresholdNotMet
	}
	for i := range po.Balances {
		b := &po.Balances[i]
		c := b.Currency
		if po.Status == Paid {
			b.Paid, b.Closing = currency.FromMinor(avail[i], c), currency.FromMinor(0, c)
			f.bal[c] = 0
			t := f.tots[c] // every currency with a balance has had lines
			var ok bool
			if t.paid, ok = addInt(t.paid, avail[i]); !ok {
				f.overflow(c, m)
			}
		} else {
			b.Paid, b.Closing = currency.FromMinor(0, c), currency.FromMinor(avail[i], c)
			f.bal[c] = avail[i]
		}
	}
	return po
}

// lines adds the month's lines to po and the totals, and returns the
// month's net per currency; f.codes is left with the currencies of the
// lines, in order.
func (f *finalizer) lines(po *Payout, l *Ledger, keys []uint64) map[currency.Code]int64 {
	net := map[currency.Code]int64{}
	f.codes = f.codes[:0]
	for _, k := range keys {
		m, c, typ := splitKey(k)
		b := l.buckets[k]
		n, ok1 := subInt(b.gross, b.fee)
		var ok2 bool
		net[c], ok2 = addInt(net[c], n)
		po.Lines = append(po.Lines, Line{Currency: c, Type: typ, Count: b.count,
			Gross: currency.FromMinor(b.gross, c), Fee: currency.FromMinor(b.fee, c), Net: currency.FromMinor(n, c)})
		t := f.tots[c]
		if t == nil {
			t = &total{}
			f.tots[c] = t
		}
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
	return net
}

// convert converts a balance into the threshold's currency at month m's
// rate; it reports false, with a problem, when it cannot.
func (f *finalizer) convert(bal currency.Money, m Month) (currency.Money, currency.ExchangeRate, bool) {
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
		f.ps = append(f.ps, rule.Problem{Rule: rule.PAY04, Path: path, Message: msgMissingRate,
			Args: []any{c.String(), tc.String(), m.String()}, Err: ErrMissingRate})
		return currency.FromMinor(0, tc), currency.ExchangeRate{}, false
	}
	cv, err := x.Convert(bal, f.p.ConversionRounding)
	if err != nil {
		f.ps = append(f.ps, rule.Problem{Rule: rule.PAY04, Path: path, Message: msgConvert,
			Args: []any{bal.String(), m.String(), err}, Err: err})
		return currency.FromMinor(0, tc), currency.ExchangeRate{}, false
	}
	return cv.To, x, true
}

// totals returns the totals per currency; the closing balances are carried
// or withheld as the last payout was.
func (f *finalizer) totals(last Status, m Month) []Total {
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
		tot := Total{Currency: c, Count: t.count, Gross: currency.FromMinor(t.gross, c), Fee: currency.FromMinor(t.fee, c),
			Net: currency.FromMinor(n, c), Paid: currency.FromMinor(t.paid, c),
			Carried: currency.FromMinor(0, c), Withheld: currency.FromMinor(0, c)}
		switch last {
		case Carried:
			tot.Carried = currency.FromMinor(f.bal[c], c)
		case Withheld:
			tot.Withheld = currency.FromMinor(f.bal[c], c)
		}
		out = append(out, tot)
	}
	return out
}

func (f *finalizer) overflow(c currency.Code, m Month) {
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
// reported, all at once, as [rule.Problems].
func BuildStatement(p Policy, seq iter.Seq[Transaction], rates Rates) (Statement, error) {
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
func (s Statement) Payout(m Month) (Payout, bool) {
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
// (reference fact 36): Unprocessed before the month, Processed from its
// start, and, for a paid payout, Sent after the payout day. Carried and
// withheld earnings stay Processed: matured, but not sent.
func (p Payout) StateAt(at time.Time) State {
	switch {
	case at.Before(p.PreparedFrom):
		return Unprocessed
	case p.Status != Paid || at.Before(p.Date.AddDate(0, 0, 1)):
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
	msgMoney = rule.Message{English: "%s", Swedish: "%s"}
)

// Explain renders the decision in lang, citing its rule.
func (p Payout) Explain(lang rule.Language) string {
	var s string
	switch p.Status {
	case Paid:
		parts := make([]string, 0, len(p.Balances))
		for _, b := range p.Balances {
			parts = append(parts, msgMoney.Render(lang, b.Paid))
		}
		s = msgPayoutPaid.Render(lang, p.Month.String(), p.Combined, p.Threshold, strings.Join(parts, ", "), dayZone(p.Date))
	case Withheld:
		s = msgPayoutWithheld.Render(lang, p.Month.String(), p.Combined)
	default:
		s = msgPayoutCarried.Render(lang, p.Month.String(), p.Combined, p.Threshold)
	}
	return withRule(s, p.Rule)
}

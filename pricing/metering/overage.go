package metering

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// Meter is what a plan declares for one metering dimension, as billing
// needs it (EXT-02): the price per unit in USD exactly as declared (it
// may have more than two decimals: billing truncates it, see [Price]),
// and the quantity included per term, a whole number or [plan.Unlimited].
type Meter struct {
	Dimension string        `json:"dimension"`
	Price     currency.Rate `json:"price"`
	Included  plan.Quantity `json:"included"`
}

// MetersOf returns the meters of plan p for the billing term t: each
// meter's price and the quantity it includes per t (zero where the meter
// declares none for t).
func MetersOf(p plan.Plan, t plan.Term) []Meter {
	out := make([]Meter, 0, len(p.Pricing.Meters))
	for _, m := range p.Pricing.Meters {
		in, _ := m.IncludedFor(t)
		r, err := currency.NewRate(max(m.Price.Minor(), 0), m.Price.Code().Digits())
		if err != nil {
			r = currency.Rate{}
		}
		out = append(out, Meter{Dimension: m.Dimension, Price: r, Included: in})
	}
	return out
}

// OverageRequest is one subscription's usage to bill: its billing term,
// the instant its first term started, the plan's meters and the hourly
// events of its resource.
type OverageRequest struct {
	// Term is the subscription's billing term: the included quantities
	// refill at each renewal, every Term.Months() months from Start.
	Term plan.Term `json:"term,omitzero"`
	// Start is the instant the first term started (the activation), in
	// the subscription's zone: renewals fall on the same day of the month
	// and time of day in that zone, clamped to the month's end (a term
	// started on January 31 renews on the last day of February).
	Start time.Time `json:"start"`
	// Meters are the plan's meters; an event of another dimension is a
	// problem.
	Meters []Meter `json:"meters"`
	// Events are the hourly events of the subscription's resource, as
	// [Policy.Aggregate] gives them, in any order.
	Events []Event `json:"events"`
}

// Hour is one hourly event split into what the term's included quantity
// covers and what is billable (MTR-03): Included + Billable = the
// event's quantity.
type Hour struct {
	Event Event `json:"event"`
	// Term numbers the subscription's term the hour starts in, from 0.
	Term     int      `json:"term"`
	Included Quantity `json:"included"`
	Billable Quantity `json:"billable"`
}

// TermUse is one dimension's usage in one term: the allowance declared,
// the usage, how much of it was included and how much is billable
// (Included + Billable = Used).
type TermUse struct {
	Dimension string          `json:"dimension"`
	Term      int             `json:"term"`
	Period    calendar.Period `json:"period"`
	Allowance plan.Quantity   `json:"allowance"`
	Used      Quantity        `json:"used"`
	Included  Quantity        `json:"included"`
	Billable  Quantity        `json:"billable"`
}

// Price is a meter's price as billed (EXT-02): prices are accurate to the
// cent, so a declared price below one cent is truncated to zero, and one
// with more than two decimals is truncated to the cent. The truncation is
// a step of billing, not an error.
type Price struct {
	Dimension string         `json:"dimension"`
	Declared  currency.Rate  `json:"declared"`
	Billed    currency.Money `json:"billed"`
	Rule      rule.ID        `json:"rule"`
	Reason    rule.Reason    `json:"reason"`
}

var (
	msgPriceKept      = rule.Message{English: "The price of %q is %v per unit (%s).", Swedish: "Priset för %q är %v per enhet (%s)."}
	msgPriceBelowCent = rule.Message{English: "The declared price of %q, %s USD per unit, is below one cent and is truncated to %v (%s).", Swedish: "Det angivna priset för %q, %s USD per enhet, är under en cent och avkortas till %v (%s)."}
	msgPriceTruncated = rule.Message{English: "The declared price of %q, %s USD per unit, has more than two decimals and is truncated to %v (%s).", Swedish: "Det angivna priset för %q, %s USD per enhet, har fler än två decimaler och avkortas till %v (%s)."}
)

// explain renders the price step in lang.
func (p Price) explain(lang rule.Language) string {
	switch p.Reason {
	case ReasonPriceBelowCent:
		return msgPriceBelowCent.Render(lang, p.Dimension, p.Declared.String(), p.Billed, string(p.Rule))
	case ReasonPriceTruncated:
		return msgPriceTruncated.Render(lang, p.Dimension, p.Declared.String(), p.Billed, string(p.Rule))
	}
	return msgPriceKept.Render(lang, p.Dimension, p.Billed, string(p.Rule))
}

// billedPrice truncates a declared USD price to the cent (EXT-02).
func billedPrice(dim string, declared currency.Rate) Price {
	c, s := uint64(declared.Coefficient()), declared.Scale()
	p := Price{Dimension: dim, Declared: declared, Rule: rule.EXT02, Reason: ReasonPriceKept}
	var cents uint64
	if s <= 2 {
		hi, lo := bits.Mul64(c, pow10[2-s])
		if hi != 0 || lo > 1<<62 {
			lo = 1 << 62
		}
		cents = lo
	} else {
		cents = c / pow10[s-2]
		if cents*pow10[s-2] != c {
			p.Reason = ReasonPriceTruncated
			if cents == 0 {
				p.Reason = ReasonPriceBelowCent
			}
		}
	}
	p.Billed = currency.MustFromMinor(int64(cents), currency.USD)
	return p
}

// InvoiceLine is one month's overage of one dimension, billed in arrears
// at the end of the month of usage (MTR-03): the billable quantity, the
// billed unit price and the amount, quantity × price rounded once to the
// cent with the policy's Rounding.
type InvoiceLine struct {
	Dimension string          `json:"dimension"`
	Period    calendar.Period `json:"period"`
	BilledAt  time.Time       `json:"billedAt"`
	Quantity  Quantity        `json:"quantity"`
	UnitPrice currency.Money  `json:"unitPrice"`
	Amount    currency.Money  `json:"amount"`
	Rule      rule.ID         `json:"rule"`
	Reason    rule.Reason     `json:"reason"`
}

var msgLine = rule.Message{English: "Overage of %q from %v to %v: %s units × %v = %v, billed %v (%s).", Swedish: "Överförbrukning av %q från %v till %v: %s enheter × %v = %v, faktureras %v (%s)."}

// explain renders the line in lang.
func (l InvoiceLine) explain(lang rule.Language) string {
	return msgLine.Render(lang, l.Dimension, l.Period.Start, l.Period.End, qtext(lang, l.Quantity), l.UnitPrice, l.Amount, l.BilledAt, string(l.Rule))
}

// Overage is the answer of [Policy.Overage]: each hour split into
// included and billable, each term's use per dimension, the billed
// prices, the monthly invoice lines and their total in USD.
type Overage struct {
	Rule   rule.ID        `json:"rule"`
	Reason rule.Reason    `json:"reason"`
	Hours  []Hour         `json:"hours,omitempty"`
	Terms  []TermUse      `json:"terms,omitempty"`
	Prices []Price        `json:"prices,omitempty"`
	Lines  []InvoiceLine  `json:"lines,omitempty"`
	Total  currency.Money `json:"total"`
}

var (
	msgOverage     = rule.Message{English: "%d hours of usage over %d terms; overage billed monthly in arrears: %v (%s).", Swedish: "%d timmar användning under %d perioder; överförbrukning faktureras månadsvis i efterskott: %v (%s)."}
	msgAllIncluded = rule.Message{English: "%d hours of usage over %d terms, all within the included quantities: nothing to bill (%s).", Swedish: "%d timmar användning under %d perioder, allt inom de inkluderade mängderna: inget att fakturera (%s)."}
	msgTermUse     = rule.Message{English: "%q, term %d from %v: used %s, included %s of %s, billable %s.", Swedish: "%q, period %d från %v: använt %s, inkluderat %s av %s, att fakturera %s."}
)

// Explain renders the overage in lang: the summary, each term's use,
// each price step and each invoice line on its own line.
func (o Overage) Explain(lang rule.Language) string {
	var b strings.Builder
	if o.Reason == ReasonAllIncluded {
		b.WriteString(msgAllIncluded.Render(lang, len(o.Hours), o.termCount(), string(o.Rule)))
	} else {
		b.WriteString(msgOverage.Render(lang, len(o.Hours), o.termCount(), o.Total, string(o.Rule)))
	}
	for _, t := range o.Terms {
		b.WriteString("\n  ")
		b.WriteString(msgTermUse.Render(lang, t.Dimension, t.Term, t.Period.Start, qtext(lang, t.Used), qtext(lang, t.Included), allowanceText(lang, t.Allowance), qtext(lang, t.Billable)))
	}
	for _, p := range o.Prices {
		if p.Reason != ReasonPriceKept {
			b.WriteString("\n  ")
			b.WriteString(p.explain(lang))
		}
	}
	for _, l := range o.Lines {
		b.WriteString("\n  ")
		b.WriteString(l.explain(lang))
	}
	return b.String()
}

var msgUnlimited = rule.Message{English: "unlimited", Swedish: "obegränsat"}

func allowanceText(lang rule.Language, q plan.Quantity) string {
	if q.IsUnlimited() {
		return msgUnlimited.Format(lang)
	}
	return qtext(lang, quantityOfInt(int64(q)))
}

func (o Overage) termCount() int {
	n := 0
	seen := map[int]bool{}
	for _, t := range o.Terms {
		if !seen[t.Term] {
			seen[t.Term] = true
			n++
		}
	}
	return n
}

// String returns the English explanation.
func (o Overage) String() string { return o.Explain(rule.English) }

// Billable returns the events to send: each hour's billable quantity,
// for the hours that have one, in the order of Hours (MTR-03: only usage
// beyond the included quantity is sent).
func (o Overage) Billable() []Event {
	var out []Event
	for _, h := range o.Hours {
		if h.Billable.Sign() > 0 {
			e := h.Event
			e.Quantity = h.Billable
			out = append(out, e)
		}
	}
	return out
}

var (
	msgBadTerm      = rule.Message{English: "the term %v has no renewals to count included quantities by", Swedish: "perioden %v har inga förnyelser att räkna inkluderade mängder efter"}
	msgNoStart      = rule.Message{English: "the term's start is missing", Swedish: "periodens start saknas"}
	msgDupMeter     = rule.Message{English: "dimension %q is declared twice", Swedish: "dimensionen %q anges två gånger"}
	msgBadAllowance = rule.Message{English: "the included quantity %d is negative", Swedish: "den inkluderade mängden %d är negativ"}
	msgOtherRes     = rule.Message{English: "the event is for resource %q, not %q: bill one subscription at a time", Swedish: "händelsen gäller resursen %q, inte %q: fakturera en prenumeration i taget"}
	msgBeforeStart  = rule.Message{English: "the event's hour %v is before the term's start %v", Swedish: "händelsens timme %v är före periodens start %v"}
	msgOutOfRange   = rule.Message{English: "the hour %v cannot be placed in a term: %v", Swedish: "timmen %v kan inte placeras i en period: %v"}
	msgDupHour      = rule.Message{English: "a second event for dimension %q and the hour from %v", Swedish: "en andra händelse för dimensionen %q och timmen från %v"}
)

// Overage splits the hourly events of one subscription into what its
// included quantities cover and what is billable (MTR-03, EXT-03), and
// bills the billable usage monthly in arrears. Per dimension, the hours
// are taken in time order; each consumes the included quantity left in
// the term its hour starts in, and the rest is billable. The allowance
// refills at every renewal, counted from req.Start in its zone (month
// ends clamped, each renewal computed from the start, never from the
// previous one). The invoice has one line per dimension and month of
// usage (months counted from req.Start), billed at the month's end; its
// unit price is the declared price truncated to the cent (EXT-02, see
// [Price]).
//
// Invalid input is an error listing every problem: a term without
// renewals (Hourly, or unset), no start, a meter declared twice or with
// a negative allowance, and events of another resource, an unknown
// dimension, a quantity not above zero, an hour before the start or
// reported twice.
func (p Policy) Overage(req OverageRequest) (Overage, error) {
	p = p.norm()
	var ps rule.Problems
	months := req.Term.Months()
	if months <= 0 {
		problem(&ps, ruleMTR03, "term", ErrRecord, msgBadTerm, req.Term)
	}
	if req.Start.IsZero() {
		problem(&ps, ruleMTR03, "start", ErrRecord, msgNoStart)
	}
	meters := map[string]Meter{}
	for i, m := range req.Meters {
		if _, dup := meters[m.Dimension]; dup {
			problem(&ps, rule.EXT02, join(index("meters", i), "dimension"), ErrRecord, msgDupMeter, m.Dimension)
		}
		if m.Included < 0 && !m.Included.IsUnlimited() {
			problem(&ps, rule.EXT02, join(index("meters", i), "included"), ErrRecord, msgBadAllowance, int64(m.Included))
		}
		meters[m.Dimension] = m
	}
	res := ""
	type slot struct {
		dim  string
		hour time.Time
	}
	seen := make(map[slot]bool, len(req.Events))
	for i, e := range req.Events {
		path := index("events", i)
		r := e.Resource()
		if res == "" {
			res = r
		}
		hour := p.slotOf(e.EffectiveStartTime)
		switch {
		case r != res:
			problem(&ps, ruleMTR03, path, ErrRecord, msgOtherRes, r, res)
		case e.Quantity.Sign() <= 0:
			problem(&ps, ruleMTR01, join(path, "quantity"), ErrRecord, msgNotPositive, e.Quantity)
		case !req.Start.IsZero() && hour.Before(req.Start.Truncate(p.Slot)):
			problem(&ps, ruleMTR03, join(path, "effectiveStartTime"), ErrRecord, msgBeforeStart, hour, req.Start)
		case seen[slot{e.Dimension, hour}]:
			problem(&ps, ruleMTR02, path, ErrRecord, msgDupHour, e.Dimension, hour)
		}
		if _, ok := meters[e.Dimension]; !ok {
			problem(&ps, ruleMTR01, join(path, "dimension"), ErrRecord, msgUnknownDim, e.Dimension)
		}
		seen[slot{e.Dimension, hour}] = true
	}
	if err := ps.Err(); err != nil {
		return Overage{Rule: ruleMTR03}, err
	}

	evs := slices.Clone(req.Events)
	slices.SortStableFunc(evs, func(a, b Event) int {
		return cmp.Or(strings.Compare(a.Dimension, b.Dimension), a.EffectiveStartTime.Compare(b.EffectiveStartTime))
	})
	out := Overage{Rule: ruleMTR03, Reason: ReasonAllIncluded, Hours: make([]Hour, 0, len(evs)), Total: currency.MustFromMinor(0, currency.USD)}
	termCal, monthCal := calendar.NewCalendar(req.Start), calendar.NewCalendar(req.Start)
	type lineKey struct {
		month int
		dim   string
	}
	lines := map[lineKey]*InvoiceLine{}
	var lineOrder []lineKey
	var cur *TermUse
	var left Quantity
	for _, e := range evs {
		m := meters[e.Dimension]
		// The hour the subscription started in counts from the start.
		t := e.EffectiveStartTime
		if t.Before(req.Start) {
			t = req.Start
		}
		n, period, err := termCal.PeriodAt(calendar.Months(months), t)
		if err != nil {
			problem(&ps, ruleMTR03, "events", ErrRecord, msgOutOfRange, e.EffectiveStartTime, err)
			continue
		}
		if cur == nil || cur.Dimension != e.Dimension || cur.Term != n {
			out.Terms = append(out.Terms, TermUse{Dimension: e.Dimension, Term: n, Period: period, Allowance: m.Included})
			cur = &out.Terms[len(out.Terms)-1]
			left = quantityOfInt(int64(max(m.Included, 0)))
		}
		h := Hour{Event: e, Term: n}
		switch {
		case m.Included.IsUnlimited():
			h.Included = e.Quantity
		case e.Quantity.Cmp(left) <= 0:
			h.Included = e.Quantity
		default:
			h.Included = left
		}
		h.Billable, _ = e.Quantity.Sub(h.Included)
		left, _ = left.Sub(h.Included)
		sc := e.Quantity.mag.Scale()
		h.Included, h.Billable, left = h.Included.trim(sc), h.Billable.trim(sc), left.trim(0)
		cur.Used, _ = cur.Used.Add(e.Quantity)
		cur.Included, _ = cur.Included.Add(h.Included)
		cur.Billable, _ = cur.Billable.Add(h.Billable)
		cur.Used, cur.Included, cur.Billable = cur.Used.trim(0), cur.Included.trim(0), cur.Billable.trim(0)
		out.Hours = append(out.Hours, h)
		if h.Billable.Sign() > 0 {
			mi, month, err := monthCal.PeriodAt(1, t)
			if err != nil {
				problem(&ps, ruleMTR03, "events", ErrRecord, msgOutOfRange, e.EffectiveStartTime, err)
				continue
			}
			k := lineKey{mi, e.Dimension}
			l := lines[k]
			if l == nil {
				l = &InvoiceLine{Dimension: e.Dimension, Period: month, BilledAt: month.End, Rule: ruleMTR03, Reason: ReasonOverage}
				lines[k] = l
				lineOrder = append(lineOrder, k)
			}
			l.Quantity, _ = l.Quantity.Add(h.Billable)
			l.Quantity = l.Quantity.trim(0)
		}
	}
	prices := map[string]Price{}
	for _, m := range req.Meters {
		pr := billedPrice(m.Dimension, m.Price)
		prices[m.Dimension] = pr
		out.Prices = append(out.Prices, pr)
	}
	slices.SortFunc(lineOrder, func(a, b lineKey) int { return cmp.Or(cmp.Compare(a.month, b.month), strings.Compare(a.dim, b.dim)) })
	for _, k := range lineOrder {
		l := lines[k]
		l.UnitPrice = prices[l.Dimension].Billed
		amount, err := l.UnitPrice.MulRate(l.Quantity.Magnitude(), p.Rounding)
		if err != nil {
			problem(&ps, ruleMTR03, "lines", ErrQuantity, msgOverflow)
			continue
		}
		l.Amount = amount
		if total, err := out.Total.Add(amount); err == nil {
			out.Total = total
		} else {
			problem(&ps, ruleMTR03, "total", ErrQuantity, msgOverflow)
		}
		out.Lines = append(out.Lines, *l)
		out.Reason = ReasonOverage
	}
	if err := ps.Err(); err != nil {
		return Overage{Rule: ruleMTR03}, err
	}
	return out, nil
}

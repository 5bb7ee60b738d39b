package payout

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"slices"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// Ledger is the running, mergeable state of a payout statement. It keeps,
// per payout month, currency and transaction type, the number of lines and
// the sums of their gross amounts and store service fees, so its memory
// depends on the number of months and currencies, never on the number of
// transactions. Each transaction's fee is computed and rounded on its own
// line, as Microsoft states each transaction's earning, before it is added.
//
// Sums commute, so ledgers of disjoint sets of transactions, merged in any
// order (Ledger.Merge), equal the ledger of their union. The threshold,
// carry-over and recoupment, which run in month order, are applied only by
// Ledger.Statement.
//
// The zero Ledger is empty and uses DefaultPolicy. A Ledger is not safe for
// concurrent use; build one per goroutine and merge them.
type Ledger struct {
	policy  Policy
	buckets map[uint64]*bucket
	n       int64
	lastKey uint64
	last    *bucket
}

type bucket struct {
	gross, fee, count int64
}

// key packs a payout month, currency and type into one map key, whose
// order is month, then currency (alphabetical), then type.
func key(m Month, c currency.Code, t Type) uint64 {
	return uint64(uint32(m))<<32 | uint64(c)<<8 | uint64(t)
}

func splitKey(k uint64) (Month, currency.Code, Type) {
	return Month(int32(uint32(k >> 32))), currency.Code(uint16(k >> 8)), Type(uint8(k))
}

// NewLedger returns an empty ledger that applies policy p. It fails, with
// every problem of p, when p is not valid.
func NewLedger(p Policy) (*Ledger, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	l := &Ledger{policy: clonePolicy(p)}
	l.init()
	return l, nil
}

func clonePolicy(p Policy) Policy {
	p.Fees = slices.Clone(p.Fees)
	p.Tiers = slices.Clone(p.Tiers)
	return p
}

func (l *Ledger) init() {
	if l.buckets == nil {
		if l.policy.Zone == nil {
			l.policy = DefaultPolicy()
		}
		l.buckets = make(map[uint64]*bucket)
	}
}

// Policy returns the ledger's policy.
func (l *Ledger) Policy() Policy {
	l.init()
	return clonePolicy(l.policy)
}

// Len returns the number of transactions added, including those of merged
// ledgers.
func (l *Ledger) Len() int64 { return l.n }

// Add adds one transaction. An invalid transaction is not added; the
// error is [rule.Problems] listing all its problems, with paths such as
// "transaction.gross".
func (l *Ledger) Add(t Transaction) error {
	var ps rule.Problems
	if !l.add(&t, where{name: "transaction", index: -1}, &ps) {
		return ps
	}
	return nil
}

// maxProblems bounds the problems a bulk operation lists, so that memory
// stays bounded on bad input; the rest are counted.
const maxProblems = 100

// AddAll adds every valid transaction of seq and reports every invalid one
// at once: the error is [rule.Problems] with paths such as
// "transactions[12].gross" (the index in seq), listing at most 100
// problems and then how many more there were. The valid transactions are
// added even when the error is not nil.
func (l *Ledger) AddAll(seq iter.Seq[Transaction]) error {
	var ps rule.Problems
	extra := 0
	i := 0
	for t := range seq {
		n := len(ps)
		if !l.add(&t, where{name: "transactions", index: i}, &ps) && len(ps) > maxProblems {
			extra += len(ps) - max(n, maxProblems)
			ps = ps[:max(n, maxProblems)]
		}
		i++
	}
	return finishProblems(ps, extra)
}

func finishProblems(ps rule.Problems, extra int) error {
	if extra > 0 {
		ps = append(ps, rule.Problem{Message: msgMoreProblems, Args: []any{extra}})
	}
	return ps.Err()
}

// add adds t, or appends its problems to ps and reports false.
func (l *Ledger) add(t *Transaction, w where, ps *rule.Problems) bool {
	l.init()
	if !t.check(w, ps) {
		return false
	}
	return l.addValid(t, w, ps)
}

// addValid adds t, which has passed check.
func (l *Ledger) addValid(t *Transaction, w where, ps *rule.Problems) bool {
	p := &l.policy
	s := p.plan(t)
	at := t.Collected
	if at.IsZero() {
		at = t.Date
	}
	era := p.era(at)
	var fee int64
	if r := era.rate(t.Qualified); !r.IsZero() && t.Gross.Sign() != 0 {
		f, err := t.Gross.MulRate(r, p.FeeRounding)
		if err != nil {
			*ps = append(*ps, rule.Problem{Rule: rule.PAY05, Path: w.path("gross"), Message: msgOverflow, Args: []any{err}, Err: ErrOverflow})
			return false
		}
		fee = f.Minor()
	}
	k := key(s.payout, t.Gross.Code(), t.Type)
	b := l.last
	if b == nil || k != l.lastKey {
		b = l.buckets[k]
		if b == nil {
			b = &bucket{}
			l.buckets[k] = b
		}
		l.lastKey, l.last = k, b
	}
	g, ok1 := addInt(b.gross, t.Gross.Minor())
	f, ok2 := addInt(b.fee, fee)
	if !ok1 || !ok2 {
		*ps = append(*ps, rule.Problem{Rule: rule.PAY05, Path: w.path("gross"), Message: msgOverflow,
			Args: []any{"the sum of " + t.Gross.Code().String() + " lines for " + s.payout.String()}, Err: ErrOverflow})
		return false
	}
	b.gross, b.fee = g, f
	b.count++
	l.n++
	return true
}

func abs64(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

// addInt returns a + b and whether it did not overflow.
func addInt(a, b int64) (int64, bool) {
	s := a + b
	return s, (a^s)&(b^s) >= 0
}

// Merge adds the sums of o to l, so that l becomes the ledger of the union
// of both sets of transactions; o is not changed. Both must use the same
// policy (ErrPolicyMismatch). On error l is not changed.
func (l *Ledger) Merge(o *Ledger) error {
	l.init()
	o.init()
	if !l.policy.sameAs(&o.policy) {
		return fmt.Errorf("payout: merge: %w", ErrPolicyMismatch)
	}
	for k, ob := range o.buckets {
		if b := l.buckets[k]; b != nil {
			_, ok1 := addInt(b.gross, ob.gross)
			_, ok2 := addInt(b.fee, ob.fee)
			_, ok3 := addInt(b.count, ob.count)
			if !ok1 || !ok2 || !ok3 {
				m, c, _ := splitKey(k)
				return fmt.Errorf("payout: merge: %w in the %s sums of %s", ErrOverflow, c, m)
			}
		}
	}
	if _, ok := addInt(l.n, o.n); !ok {
		return fmt.Errorf("payout: merge: %w in the transaction count", ErrOverflow)
	}
	// Take a snapshot first, so that merging a ledger into itself doubles
	// it rather than reading sums it is writing.
	snap := make([]struct {
		k uint64
		b bucket
	}, 0, len(o.buckets))
	for k, ob := range o.buckets {
		snap = append(snap, struct {
			k uint64
			b bucket
		}{k, *ob})
	}
	for _, e := range snap {
		b := l.buckets[e.k]
		if b == nil {
			b = &bucket{}
			l.buckets[e.k] = b
		}
		b.gross += e.b.gross
		b.fee += e.b.fee
		b.count += e.b.count
	}
	l.n += o.n
	return nil
}

// sortedKeys returns the ledger's keys in month, currency, type order.
func (l *Ledger) sortedKeys() []uint64 {
	keys := make([]uint64, 0, len(l.buckets))
	for k := range l.buckets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ledgerEntry is one sum of the JSON form of a Ledger.
type ledgerEntry struct {
	Month Month          `json:"month"`
	Type  Type           `json:"type"`
	Count int64          `json:"count"`
	Gross currency.Money `json:"gross"`
	Fee   currency.Money `json:"fee"`
}

type ledgerJSON struct {
	Transactions int64         `json:"transactions"`
	Entries      []ledgerEntry `json:"entries"`
}

// MarshalJSON implements [json.Marshaler]: the transaction count and the
// sums per payout month, type and currency, in that order:
//
//	{"transactions":2,"entries":[{"month":"2024-04","type":"purchase","count":2,
//	  "gross":{"amount":"200.00","currency":"USD"},"fee":{"amount":"6.00","currency":"USD"}}]}
//
// The policy is not part of it: a host stores the ledger and supplies the
// policy again when it loads it.
func (l *Ledger) MarshalJSON() ([]byte, error) {
	l.init()
	v := ledgerJSON{Transactions: l.n, Entries: make([]ledgerEntry, 0, len(l.buckets))}
	for _, k := range l.sortedKeys() {
		m, c, t := splitKey(k)
		b := l.buckets[k]
		v.Entries = append(v.Entries, ledgerEntry{Month: m, Type: t, Count: b.count,
			Gross: currency.FromMinor(b.gross, c), Fee: currency.FromMinor(b.fee, c)})
	}
	return json.Marshal(v)
}

var (
	msgLedgerJSON    = rule.Message{English: "malformed ledger JSON: %v", Swedish: "felaktig JSON för huvudbok: %v"}
	msgLedgerMonth   = rule.Message{English: "invalid month %s", Swedish: "ogiltig månad %s"}
	msgLedgerMoney   = rule.Message{English: "gross %s and fee %s must be in the same marketplace currency", Swedish: "brutto %s och avgift %s måste vara i samma marknadsplatsvaluta"}
	msgLedgerCount   = rule.Message{English: "count %d is not positive", Swedish: "antalet %d är inte positivt"}
	msgLedgerDup     = rule.Message{English: "a second entry for %s %s %s", Swedish: "en andra post för %s %s %s"}
	msgLedgerTotal   = rule.Message{English: "the transaction count %d is not the sum of the entries' counts, %d", Swedish: "transaktionsantalet %d är inte summan av posternas antal, %d"}
	msgLedgerSign    = rule.Message{English: "gross %s and fee %s do not fit a %s sum: purchases are positive, other types negative, and a fee has its gross's sign and at most its size", Swedish: "brutto %s och avgift %s passar inte en summa av typen %s: köp är positiva, andra typer negativa, och en avgift har bruttobeloppets tecken och högst dess storlek"}
	msgLedgerTxCount = rule.Message{English: "the sum of the counts overflows", Swedish: "summan av antalen flödar över"}
)

// UnmarshalJSON implements [json.Unmarshaler] for the form MarshalJSON
// writes, replacing the ledger's sums; the ledger keeps its policy (the
// default policy for a zero Ledger). Every problem is reported at once, as
// [rule.Problems] with paths such as "ledger.entries[3].month"; on error
// the ledger is not changed.
func (l *Ledger) UnmarshalJSON(data []byte) error {
	var v ledgerJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return rule.Problems{{Path: "ledger", Message: msgLedgerJSON, Args: []any{err}, Err: ErrField}}
	}
	var ps rule.Problems
	add := func(id rule.ID, path string, err error, msg rule.Message, args ...any) {
		ps = append(ps, rule.Problem{Rule: id, Path: path, Message: msg, Args: args, Err: err})
	}
	buckets := make(map[uint64]*bucket, len(v.Entries))
	var total int64
	for i, e := range v.Entries {
		path := fmt.Sprintf("ledger.entries[%d]", i)
		n := len(ps)
		if !e.Month.Valid() {
			add(rule.EXT11, path+".month", ErrMonth, msgLedgerMonth, e.Month.String())
		}
		if !e.Type.Valid() {
			add(rule.EXT11, path+".type", ErrType, msgTxType, e.Type.String())
		}
		c := e.Gross.Code()
		if !c.IsMarketplace() || e.Fee.Code() != c {
			add(rule.PRC08, path+".gross", ErrCurrency, msgLedgerMoney, e.Gross.String(), e.Fee.String())
		}
		if e.Count <= 0 {
			add("", path+".count", ErrField, msgLedgerCount, e.Count)
		}
		g, f := e.Gross.Minor(), e.Fee.Minor()
		wrongSign := (e.Type == Purchase && g < 0) || (e.Type.Negative() && g > 0)
		feeOff := (f < 0 && g > 0) || (f > 0 && g < 0) || abs64(f) > abs64(g)
		if wrongSign || feeOff {
			add(rule.EXT11, path+".gross", ErrAmount, msgLedgerSign, e.Gross.String(), e.Fee.String(), e.Type.String())
		}
		if len(ps) > n {
			continue
		}
		k := key(e.Month, c, e.Type)
		if buckets[k] != nil {
			add("", path, ErrField, msgLedgerDup, e.Month.String(), c.String(), e.Type.String())
			continue
		}
		buckets[k] = &bucket{gross: e.Gross.Minor(), fee: e.Fee.Minor(), count: e.Count}
		var ok bool
		if total, ok = addInt(total, e.Count); !ok {
			add("", path+".count", ErrOverflow, msgLedgerTxCount)
		}
	}
	if len(ps) == 0 && total != v.Transactions {
		add("", "ledger.transactions", ErrField, msgLedgerTotal, v.Transactions, total)
	}
	if len(ps) > 0 {
		return ps
	}
	l.init()
	l.buckets, l.n, l.last = buckets, v.Transactions, nil
	return nil
}

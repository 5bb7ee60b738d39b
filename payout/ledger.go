package payout

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/marketrules/marketrules/calendar"
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
// Transaction IDs: a ledger refuses a transaction whose ID it has seen
// before (ErrDuplicate), in Add, AddAll, AddCSV and Merge. To do so it
// remembers a 64-bit hash of every ID (about 16 bytes each; transactions
// without an ID cost nothing). A host that has deduplicated its input, and
// wants memory independent of the number of transactions, calls
// IgnoreDuplicateIDs.
//
// The zero Ledger is empty and uses DefaultPolicy, and so does a nil
// *Ledger for reading (Len, Statement, MarshalJSON). A Ledger is not safe
// for concurrent use; build one per goroutine and merge them.
type Ledger struct {
	policy   Policy
	buckets  map[uint64]*bucket
	n        int64
	lastKey  uint64
	last     *bucket
	ids      map[uint64]struct{}
	noDedupe bool
}

type bucket struct {
	gross, fee, count int64
}

// key packs a payout month, currency and type into one map key, whose
// order is month, then currency (alphabetical), then type. Type 0 holds
// an opening balance (Open).
func key(m calendar.YearMonth, c currency.Code, t TransactionType) uint64 {
	return uint64(uint32(m))<<32 | uint64(c)<<8 | uint64(t)
}

func splitKey(k uint64) (calendar.YearMonth, currency.Code, TransactionType) {
	return calendar.YearMonth(int32(uint32(k >> 32))), currency.Code(uint16(k >> 8)), TransactionType(uint8(k))
}

// idHash is the 64-bit FNV-1a hash of a transaction ID.
func idHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// IgnoreDuplicateIDs stops the ledger remembering transaction IDs: from
// now on its memory does not grow with the number of transactions, and a
// repeated ID is no longer refused. Use it for input already deduplicated.
func (l *Ledger) IgnoreDuplicateIDs() {
	if l != nil {
		l.noDedupe, l.ids = true, nil
	}
}

// NewLedger returns an empty ledger that applies policy p (the zero Policy
// is DefaultPolicy). It fails, with every problem of p, when p is not
// valid.
func NewLedger(p Policy) (*Ledger, error) {
	p = p.resolve()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	l := &Ledger{policy: clonePolicy(p)}
	l.init()
	return l, nil
}

func clonePolicy(p Policy) Policy {
	p.Fees = slices.Clone(p.Fees)
	return p
}

func (l *Ledger) init() {
	if l.buckets == nil {
		l.policy = l.policy.resolve()
		l.buckets = make(map[uint64]*bucket)
	}
}

// Len returns the number of transactions added, including those of merged
// ledgers; 0 for a nil Ledger.
func (l *Ledger) Len() int64 {
	if l == nil {
		return 0
	}
	return l.n
}

var (
	msgOpenMonth = rule.Message{English: "invalid month %s", Swedish: "ogiltig månad %s"}
	msgOpenMoney = rule.Message{English: "the opening balance %s is not an amount in a marketplace currency", Swedish: "ingående saldo %s är inte ett belopp i en marknadsplatsvaluta"}
	msgNilLedger = rule.Message{English: "the ledger is nil", Swedish: "huvudboken är nil"}
)

// Open gives the ledger an opening balance: balance is brought forward
// into payout month m, as if carried from an earlier statement (positive:
// earnings not yet paid; negative: an amount still to recover). A ledger
// may have several, in any months and currencies; they add up. Invalid
// input is [rule.Problems] with paths "opening.month" and
// "opening.balance".
func (l *Ledger) Open(m calendar.YearMonth, balance currency.Money) error {
	if l == nil {
		return rule.Problems{{Path: "ledger", Message: msgNilLedger, Err: ErrField}}.Err()
	}
	l.init()
	var ps rule.Problems
	if !m.Valid() {
		ps.Append(rule.Problem{Rule: rule.PAY04, Path: "opening.month", Message: msgOpenMonth, Args: []any{m.String()}, Err: ErrDate})
	}
	if !balance.Code().IsMarketplace() {
		ps.Append(rule.Problem{Rule: rule.PRC08, Path: "opening.balance", Message: msgOpenMoney, Args: []any{balance.String()}, Err: ErrCurrency})
	}
	if len(ps) > 0 {
		return ps.Err()
	}
	k := key(m, balance.Code(), 0)
	b := l.buckets[k]
	if b == nil {
		b = &bucket{}
		l.buckets[k] = b
	}
	g, ok := addInt(b.gross, balance.Minor())
	if !ok {
		return overflowProblem(rule.PAY04, "opening.balance", ErrOverflow)
	}
	b.gross = g
	l.last = nil
	return nil
}

// Add adds one transaction. An invalid transaction is not added; the
// error is [rule.Problems] listing all its problems, with paths such as
// "transaction.gross".
func (l *Ledger) Add(t Transaction) error {
	// Small enough to inline (as the pre-v1 Add was): the caller's
	// Transaction is then not copied into a call frame.
	return l.addOne(&t)
}

// addOne is Add: add's steps written out, since add, with three calls,
// does not inline into it.
func (l *Ledger) addOne(t *Transaction) error {
	if l == nil {
		return rule.Problems{{Path: "ledger", Message: msgNilLedger, Err: ErrField}}.Err()
	}
	var ps rule.Problems
	l.init()
	w := where{name: "transaction", index: -1}
	if !t.check(w, &ps) || !l.addValid(t, w, &ps) {
		return ps.Err()
	}
	return nil
}

// AddAll adds every valid transaction of seq and reports every invalid one
// at once: the error is [rule.Problems] with paths such as
// "transactions[12].gross" (the index in seq), listing at most
// [rule.MaxProblems] problems and then how many more there were. The valid
// transactions are added even when the error is not nil. A nil seq is
// empty.
func (l *Ledger) AddAll(seq iter.Seq[Transaction]) error {
	if l == nil {
		return rule.Problems{{Path: "ledger", Message: msgNilLedger, Err: ErrField}}.Err()
	}
	if seq == nil {
		return nil
	}
	var ps rule.Problems
	i := 0
	for t := range seq {
		l.add(&t, where{name: "transactions", index: i}, &ps)
		i++
	}
	return ps.Err()
}

// appendFatal appends the problems that ended a read to ps, keeping them
// listed: when ps is full, the last problems listed give way to them and
// are counted in the summary instead.
func appendFatal(ps *rule.Problems, fatal ...rule.Problem) {
	if len(fatal) == 0 || ps.Len()+len(fatal) <= rule.MaxProblems {
		ps.Append(fatal...)
		return
	}
	more := ps.More()
	listed := *ps
	if more > 0 {
		listed = listed[:len(listed)-1]
	}
	keep := max(0, min(len(listed), rule.MaxProblems-len(fatal)))
	more += len(listed) - keep
	var out rule.Problems
	out.Append(listed[:keep]...)
	out.Append(fatal...)
	if more > 0 {
		// The rule package's summary problem: "and 21 more problems".
		out.Append(rule.Problem{Args: []any{more}, Err: rule.ErrTooManyProblems})
	}
	*ps = out
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
	var h uint64
	if t.ID != "" && !l.noDedupe {
		h = idHash(t.ID)
		if _, dup := l.ids[h]; dup {
			ps.Append(rule.Problem{Path: w.path("id"), Message: msgTxDup, Args: []any{truncate(t.ID, 40)}, Err: ErrDuplicate})
			return false
		}
	}
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
			ps.Append(rule.Problem{Rule: rule.PAY05, Path: w.path("gross"), Message: msgOverflow, Args: []any{err}, Err: ErrOverflow})
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
		ps.Append(rule.Problem{Rule: rule.PAY05, Path: w.path("gross"), Message: msgOverflow,
			Args: []any{"the sum of " + t.Gross.Code().String() + " lines for " + s.payout.String()}, Err: ErrOverflow})
		return false
	}
	b.gross, b.fee = g, f
	b.count++
	l.n++
	if h != 0 {
		if l.ids == nil {
			l.ids = make(map[uint64]struct{})
		}
		l.ids[h] = struct{}{}
	}
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
// of both sets of transactions; o is not changed. Merging is associative
// and commutative. Both must use the same policy (ErrPolicy) and share no
// transaction ID (ErrDuplicate). On error l is not changed; a nil o is
// empty.
func (l *Ledger) Merge(o *Ledger) error {
	if l == nil {
		return rule.Problems{{Path: "ledger", Message: msgNilLedger, Err: ErrField}}.Err()
	}
	if o == nil {
		return nil
	}
	l.init()
	o.init()
	if !l.policy.sameAs(&o.policy) {
		return fmt.Errorf("payout: merge: ledgers use different policies: %w", ErrPolicy)
	}
	if !l.noDedupe && l != o {
		for h := range o.ids {
			if _, dup := l.ids[h]; dup {
				return fmt.Errorf("payout: merge: a transaction ID is in both ledgers: %w", ErrDuplicate)
			}
		}
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
	if !l.noDedupe && len(o.ids) > 0 {
		if l.ids == nil {
			l.ids = make(map[uint64]struct{}, len(o.ids))
		}
		for h := range o.ids {
			l.ids[h] = struct{}{}
		}
	}
	l.last = nil
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
	Month calendar.YearMonth `json:"month"`
	Type  TransactionType    `json:"type"` // "" for an opening balance
	Count int64              `json:"count"`
	Gross currency.Money     `json:"gross"`
	Fee   currency.Money     `json:"fee"`
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
// An opening balance (Open) is an entry with type "" and count 0. The
// policy and the transaction IDs are not part of it: a host stores the
// ledger and supplies the policy again when it loads it.
func (l *Ledger) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte(`{"transactions":0,"entries":[]}`), nil
	}
	l.init()
	v := ledgerJSON{Transactions: l.n, Entries: make([]ledgerEntry, 0, len(l.buckets))}
	for _, k := range l.sortedKeys() {
		m, c, t := splitKey(k)
		b := l.buckets[k]
		v.Entries = append(v.Entries, ledgerEntry{Month: m, Type: t, Count: b.count,
			Gross: amountIn(b.gross, c), Fee: amountIn(b.fee, c)})
	}
	return json.Marshal(v)
}

var (
	msgLedgerJSON    = rule.Message{English: "malformed ledger JSON: %v", Swedish: "felaktig JSON för huvudbok: %v"}
	msgLedgerMonth   = rule.Message{English: "invalid month %s", Swedish: "ogiltig månad %s"}
	msgLedgerMoney   = rule.Message{English: "gross %s and fee %s must be in the same marketplace currency", Swedish: "brutto %s och avgift %s måste vara i samma marknadsplatsvaluta"}
	msgLedgerCount   = rule.Message{English: "count %d is not positive (zero for an opening balance)", Swedish: "antalet %d är inte positivt (noll för ett ingående saldo)"}
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
	if l == nil {
		return rule.Problems{{Path: "ledger", Message: msgNilLedger, Err: ErrField}}.Err()
	}
	var v ledgerJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return rule.Problems{{Path: "ledger", Message: msgLedgerJSON, Args: []any{err}, Err: ErrField}}.Err()
	}
	var ps rule.Problems
	add := func(id rule.ID, path string, err error, msg rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: id, Path: path, Message: msg, Args: args, Err: err})
	}
	buckets := make(map[uint64]*bucket, len(v.Entries))
	var total int64
	for i, e := range v.Entries {
		path := fmt.Sprintf("ledger.entries[%d]", i)
		n := len(ps)
		if !e.Month.Valid() {
			add(rule.EXT11, path+".month", ErrDate, msgLedgerMonth, e.Month.String())
		}
		if !typeNames.Valid(e.Type) && e.Type != 0 {
			add(rule.EXT11, path+".type", ErrUnknown, msgTxType, e.Type.String())
		}
		c := e.Gross.Code()
		if !c.IsMarketplace() || e.Fee.Code() != c {
			add(rule.PRC08, path+".gross", ErrCurrency, msgLedgerMoney, e.Gross.String(), e.Fee.String())
		}
		if (e.Count <= 0) != (e.Type == 0) || e.Count < 0 {
			add("", path+".count", ErrField, msgLedgerCount, e.Count)
		}
		g, f := e.Gross.Minor(), e.Fee.Minor()
		wrongSign := (e.Type == Sale && g < 0) || (e.Type.Negative() && g > 0)
		feeOff := (f < 0 && g > 0) || (f > 0 && g < 0) || abs64(f) > abs64(g) || (e.Type == 0 && f != 0)
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
		return ps.Err()
	}
	l.init()
	l.buckets, l.n, l.last, l.ids = buckets, v.Transactions, nil, nil
	return nil
}

package currency

// Sum returns the sum of amounts, all in one currency (the zero Money
// counts as zero in any currency). It stops at the first failure: a
// currency mismatch wraps [ErrCurrencyMismatch] and a sum outside the int64
// range of minor units wraps [ErrOverflow]. The sum of no amounts is the
// zero Money. Sum does not allocate unless it fails.
func Sum(amounts ...Money) (Money, error) {
	var t Total
	for _, m := range amounts {
		if t.Add(m); t.err != nil {
			break
		}
	}
	return t.Result()
}

// Total adds up amounts without an error check per addition: add every
// amount with [Total.Add], then check once with [Total.Result]. The first
// failure (a currency mismatch or an overflow) sticks: later additions are
// ignored and Result returns that error. The zero Total is an empty sum,
// ready to use; a Total does not allocate unless an addition fails.
type Total struct {
	sum Money
	err error
}

// Add adds m to the total, unless an earlier addition failed. Add on a
// nil *Total does nothing.
func (t *Total) Add(m Money) {
	if t == nil || t.err != nil {
		return
	}
	t.sum, t.err = t.sum.Add(m)
}

// Sub subtracts m from the total, unless an earlier operation failed.
// Sub on a nil *Total does nothing.
func (t *Total) Sub(m Money) {
	if t == nil || t.err != nil {
		return
	}
	t.sum, t.err = t.sum.Sub(m)
}

// Result returns the sum, or the first error and the zero Money. A nil
// *Total is an empty sum.
func (t *Total) Result() (Money, error) {
	if t == nil {
		return Money{}, nil
	}
	if t.err != nil {
		return Money{}, t.err
	}
	return t.sum, nil
}

// Err returns the first error, or nil.
func (t *Total) Err() error {
	if t == nil {
		return nil
	}
	return t.err
}

package payout

import (
	"math/rand/v2"
	"testing"
)

// The ledger's memory does not depend on the number of transactions: the
// peak heap while 1,000,000 CSV rows go into a statement is not
// proportionally above the peak for 100,000 rows.
func TestStatementMemoryFlat(t *testing.T) {
	// EXT-11, PAY-04
	if testing.Short() || raceEnabled {
		t.Skip("reads 1.1 million rows")
	}
	small := peakHeap(100_000)
	large := peakHeap(1_000_000)
	t.Logf("peak heap: %d B for 100k rows, %d B for 1M rows", small, large)
	if large > 2*small+(1<<20) {
		t.Errorf("peak heap grows with the rows: %d B for 100k, %d B for 1M", small, large)
	}
}

func TestLedgerAddAllocs(t *testing.T) {
	// EXT-11: adding a transaction to a warm ledger does not allocate.
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	l, _ := NewLedger(Policy2023())
	r := rand.New(rand.NewPCG(6, 6))
	txs := make([]Transaction, 64)
	for i := range txs {
		txs[i] = randTx(r)
	}
	for _, x := range txs {
		_ = l.Add(x)
	}
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		_ = l.Add(txs[i%64])
		i++
	})
	if allocs != 0 {
		t.Errorf("Add allocates %v times", allocs)
	}
}

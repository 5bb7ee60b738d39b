package payout

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/golden"
)

var updateJSONGolden = flag.Bool("update-json-v2", false, "rewrite testdata/transaction_json_v2.golden")

// jsonTransactions are the transactions the JSON tests marshal: the zero
// one, random ones, the benchmarked one, one with odd strings and
// instants, and five that do not marshal.
func jsonTransactions(tb testing.TB) []Transaction {
	bench, _, _ := benchTransaction(tb)
	txs := append([]Transaction{{}, bench}, randTxs(200)...)
	odd := bench
	odd.ID = "<a&b>\u2028\"\\é\x00"
	odd.Date = time.Date(1850, 1, 1, 0, 0, 0, 1, time.FixedZone("", -7*3600-52*60-58))
	odd.Collected = time.Date(0, 1, 1, 0, 0, 0, 0, time.FixedZone("", 23*3600+59*60))
	odd.Infrastructure = currency.MustParse("0.00 USD")
	odd.Pricing = ListOnly
	bad := []Transaction{odd, odd, odd, odd, odd}
	bad[0].Agreement = 99
	bad[1].Type = 77
	bad[2].Pricing = 200
	bad[3].Invoiced = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	bad[4].Date = time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", -24*3600))
	return append(append(txs, odd), bad...)
}

// A Transaction's JSON is the same with and without GOEXPERIMENT=jsonv2
// (which makes encoding/json call MarshalJSONTo): the same bytes and the
// same failures, recorded in testdata/transaction_json_v2.golden by the
// build without it (a failure as its field's error: the wrappers naming
// the methods encoding/json called differ between the modes).
func TestTransactionJSONSameInBothModes(t *testing.T) {
	var b strings.Builder
	for i, tx := range jsonTransactions(t) {
		out, err := json.Marshal([]Transaction{tx})
		fmt.Fprintf(&b, "marshal %d: %s, failed %t (%s)\n", i, out, err != nil, golden.MarshalError(err))
	}
	golden.Check(t, "testdata/transaction_json_v2.golden", b.String(), *updateJSONGolden)
}

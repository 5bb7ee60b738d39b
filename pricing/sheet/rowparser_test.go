package sheet_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/pricing/sheet"
	"github.com/marketrules/marketrules/rule"
)

// A reader of another form (a workbook, a database export) checks its
// rows with a RowParser, with the problems of the CSV form.
func ExamplePolicy_NewRowParser() {
	rp := sheet.DefaultPolicy().NewRowParser("prices.xlsx", "row", nil, 3)
	rp.Parse([]string{"SE", "SEK", "gold", "P1Y", "monthly", "1045.12"}, 2)
	rp.Parse([]string{"SE", "EUR", "gold", "P1M", "upfront", "9.21"}, 3)
	rp.Parse([]string{"SE", "SEK", "gold", "P1Y", "monthly", "999.00"}, 4)
	fmt.Println(rp.Problems(), rp.Where(7))
	_, err := rp.Rows()
	fmt.Println(err)
	// Output:
	// 2 prices.xlsx row 7
	// 2 problems: prices.xlsx row 3: currency: Sweden is billed in SEK, not EUR (PRC-03); prices.xlsx row 4: the same plan, term, payment option and market as prices.xlsx row 2 (PRC-03)
}

func ExampleRow_Check() {
	r := sheet.Row{Market: market.SE, Plan: "gold", Term: plan.OneMonth, Payment: plan.Annual, Price: currency.MustParse("9.00 SEK")}
	fmt.Println(r.Check())
	r.Payment = plan.Upfront
	fmt.Println(r.Check())
	// Output:
	// a 1 month term cannot be paid annual: invalid sheet price
	// <nil>
}

func TestPRC03_RowParser(t *testing.T) {
	// PRC-03: a RowParser reads short records as empty fields, counts
	// problems added by its reader towards MaxProblems, and names the
	// sheet in the problem that counts the rest.
	rp := sheet.DefaultPolicy().NewRowParser("p.xlsx", "row", nil, 0)
	if rp.Parse([]string{"SE", "SEK", "gold"}, 2) {
		t.Error("a short record was kept")
	}
	rp.Add(rule.Problem{Rule: rule.PRC03, Path: "p.xlsx", Message: rule.Message{English: "stop"}, Err: sheet.ErrLimit})
	for i := range sheet.MaxProblems {
		rp.Parse([]string{"XX", "SEK", "gold", "P1Y", "monthly", "1"}, 10+i)
	}
	rows, err := rp.Rows()
	var ps rule.Problems
	if rows != nil || !errors.As(err, &ps) || len(ps) != sheet.MaxProblems+1 || !errors.Is(err, sheet.ErrLimit) {
		t.Fatalf("rows %v, %d problems: %v", rows, len(ps), err)
	}
	if last := ps[len(ps)-1]; last.Path != "p.xlsx" || !strings.Contains(last.Error(), "more problems") {
		t.Errorf("last problem %v", last)
	}
	// The zero RowParser names rows by number; a nil one keeps nothing.
	var zero sheet.RowParser
	if !zero.Parse([]string{"SE", "SEK", "gold", "P1Y", "monthly", "1"}, 2) || zero.Parse([]string{"SE"}, 3) || zero.Where(3) != "3" {
		t.Error("zero RowParser")
	}
	if _, err := zero.Rows(); !strings.Contains(fmt.Sprint(err), "problems: 3: currency") {
		t.Errorf("zero RowParser: %v", err)
	}
	var nilRP *sheet.RowParser
	nilRP.Add(rule.Problem{})
	if nilRP.Parse([]string{"SE", "SEK", "gold", "P1Y", "monthly", "1"}, 2) || nilRP.Problems() != 0 || nilRP.Where(4) != "4" {
		t.Error("nil RowParser")
	}
	if rows, err := nilRP.Rows(); rows != nil || err != nil {
		t.Errorf("nil RowParser: %v, %v", rows, err)
	}
	ok := sheet.DefaultPolicy().NewRowParser("p.xlsx", "row", nil, 1<<30)
	if !ok.Parse([]string{"SE", "SEK", "gold", "P1Y", "monthly", "1"}, math.MaxInt) {
		t.Error("a good row at a huge row number was not kept")
	}
	if rows, err := ok.Rows(); err != nil || len(rows) != 1 {
		t.Errorf("rows %v, %v", rows, err)
	}
}

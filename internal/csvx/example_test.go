package csvx_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/marketrules/marketrules/internal/csvx"
)

// HeaderWith accepts the columns in any order, in any case, after a BOM,
// with extra columns, and returns each row in the order asked for;
// problems name the line and the column.
func ExampleReader_HeaderWith() {
	in := "\xEF\xBB\xBFName,Notes,TenantId\nContoso,,72f988bf-86f1-41af-91ab-2d7cd011db47\nFabrikam,x,not-a-guid\n"
	r := csvx.NewReader(strings.NewReader(in), "audience.csv", csvx.Limits{MaxRows: 10000})
	if err := r.HeaderWith(csvx.HeaderOptions{AnyOrder: true, ExtraColumns: true}, "tenantId", "name"); err != nil {
		fmt.Println(err)
		return
	}
	for {
		rec, line, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		if len(rec[0]) != 36 {
			fmt.Println(r.Errorf(line, 0, nil, "%q is not a GUID", rec[0]))
			continue
		}
		fmt.Println(rec[1], rec[0])
	}
	// Output:
	// Contoso 72f988bf-86f1-41af-91ab-2d7cd011db47
	// audience.csv line 3, column tenantId: "not-a-guid" is not a GUID
}

// A row longer than the row limit is refused without reading it whole.
func ExampleLimits() {
	in := "id,name\n1," + strings.Repeat("x", 5000) + "\n"
	r := csvx.NewReader(strings.NewReader(in), "big.csv", csvx.Limits{MaxRowBytes: 100})
	_ = r.Header("id", "name")
	_, _, err := r.Read()
	fmt.Println(err)
	// Output: big.csv line 2: row longer than 100 bytes
}

package sheetxlsx

import "errors"

// ErrXLSX: the input is not a workbook this package can read (not a
// zip archive, a damaged or encrypted workbook, no worksheet, a header
// row without a required column or naming one twice). Input over a limit
// of the [Policy] wraps [sheet.ErrLimit] instead; the problems of the rows
// are those of [sheet.Policy.ReadCSV]. [Write] and [WriteSheet] wrap it
// when there is no writer or the xlsx library fails.
var ErrXLSX = errors.New("malformed xlsx workbook")

// Package sheetxlsx reads and writes the market price sheet of package
// sheet as an Excel workbook (.xlsx), the form a publisher exports, edits
// in Excel and imports again (PRC-03).
//
// [WriteSheet] writes a saved [sheet.Sheet]: one row per plan, term,
// payment option and market, with the market's currency and price, and
// how the price was obtained (converted at which rate quoted when, the
// USD list price itself, or set by the publisher), the USD list price and
// when it was saved. [Write] writes bare [sheet.Row] values. Prices are
// written as text with exactly their currency's decimal places, in cells
// formatted as text so that Excel keeps what the publisher types.
//
// [Policy.Read] reads the rows back, with the problems of the CSV form
// ([sheet.Policy.ReadCSV]: the same rules, sentinels and messages, from
// the same code, [sheet.RowParser]), paths naming the worksheet row
// ("prices.xlsx row 12"). The header row may name the columns in any case
// and order; columns it does not know are ignored, and the provenance
// columns are informational: importing an edited sheet
// ([sheet.Policy.Import]) decides which prices the publisher set. A cell
// Excel stores as a number is read exactly from its stored text ("49.99"),
// never through a binary floating-point value; see [Policy.Read] for the
// numbers Excel writes with 17 significant digits. Writing and reading
// gives back exactly the rows written.
//
// Input is bounded: the workbook's size, the uncompressed size of its
// parts (a zip bomb is refused before anything is uncompressed), its
// shared strings and the rows and cells of the sheet; see [Policy].
// Reading streams the worksheet one row at a time and holds no part
// whole but the shared strings. Nothing panics on any input.
//
// Workbooks are written with github.com/xuri/excelize/v2 and read with
// the standard library's zip and XML decoders; only this package imports
// excelize, so importing package sheet does not.
package sheetxlsx

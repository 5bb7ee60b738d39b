// Package sheet turns a publisher's USD list prices and dated exchange
// rates into every market's price in its billing currency, and reads and
// writes price sheets and rates as CSV (PRC-03).
//
// [Policy.Save] prices a [PriceList] in every selected market: the plan's
// own price for the market if it declares one, else the USD price
// converted at the rate in force when saved ([RateAt]), rounded once with
// the policy's rounding. Each [LocalPrice] says how it was obtained:
// converted at which rate and rounding, the USD price itself, or set by
// the publisher. Saved prices are fixed: saving again with later rates
// keeps them (PRC-03). [Policy.Import] takes a publisher's own sheet.
//
// [Policy.ReadCSV] and [WriteCSV] read and write a sheet, [ReadRatesCSV]
// and [WriteRatesCSV] dated rates, with line-numbered problems, bounded
// input (rows and bytes) and at most [MaxProblems] problems listed, one
// allocation per row; the round trip is exact.
//
// The zero Policy means [DefaultPolicy]. A missing exchange rate is
// [ErrNoRate], the same sentinel as package pricing's. Nothing panics.
package sheet
